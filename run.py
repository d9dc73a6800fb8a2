"""Stormdrill from a checkout: `stormdrill …` does what the installed `stormdrill …` does."""

import sys

from stormdrill.cli import main

if __name__ == "__main__":
    sys.exit(main())
