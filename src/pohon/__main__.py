"""`python -m pohon`: the same entry point as the `pohon` console script."""

import sys

from pohon.launch import run

sys.exit(run())
