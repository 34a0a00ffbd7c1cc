"""``python -m lawdiff`` runs the command line."""

import sys

from lawdiff.cli import main

sys.exit(main())
