"""`python -m stormdrill …`: the same as the `stormdrill` command."""

import sys

from stormdrill.cli import main

sys.exit(main())
