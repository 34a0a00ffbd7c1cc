"""Reading input within safe limits, and writing files so that a failure never leaves one
half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from lawdiff.errors import LawdiffError

NESTED_TOO_DEEPLY = "arrays or tables nested too deeply to read"


def load_toml(text: str, source: str, error: Callable[..., LawdiffError]) -> dict[str, Any]:
    """The TOML document ``text``; raises ``error(message, source=source)`` if it cannot be read.

    Malformed TOML and nesting too deep for Python's stack (which ``tomllib``
    would report as a RecursionError) are both one-line errors naming ``source``.
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"not valid TOML: {exc}", source=source) from None
    except RecursionError:
        raise error(NESTED_TOO_DEEPLY, source=source) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    write_all_atomic({path: data})


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Write several files, all or none as far as the file system allows.

    Every file is first written in full to a temporary file beside its
    target; only when all are written are they renamed into place.  If
    writing any of them fails, the temporaries are removed and no target is
    touched; if a rename fails part-way, the remaining temporaries are
    removed (the renames already made stand).  Files get the usual
    permissions for the current umask.
    """
    staged: list[tuple[str, Path]] = []
    mode = _default_mode()
    try:
        for path, data in files.items():
            with _naming(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                           dir=path.parent)
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.chmod(tmp, mode)
        while staged:
            tmp, path = staged[0]
            with _naming(path):
                os.replace(tmp, path)
            staged.pop(0)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Report an OSError against ``path``, not the temporary file beside it."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None


def _default_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
