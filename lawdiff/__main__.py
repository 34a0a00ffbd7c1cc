"""``python -m lawdiff`` and the ``lawdiff`` command."""

from __future__ import annotations

import sys
from typing import NoReturn


def run() -> NoReturn:
    """Run the command line and exit with its status.

    The command line is loaded here, so that Ctrl-C even while lawdiff's
    modules load is one line, ``lawdiff: interrupted``, and status 130.
    """
    try:
        from lawdiff.cli import main

        status = main()
    except KeyboardInterrupt:
        print("lawdiff: interrupted", file=sys.stderr)
        status = 130
    sys.exit(status)


if __name__ == "__main__":
    run()
