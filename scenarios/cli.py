"""What the commands share for bad input: explain it on stderr, then exit 1 (run.py catches InvalidInput).

Kept light (no engine, no scoring) so that `run.py --help` and `validate` start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InvalidFile
from .loader import DEFAULT_SCENARIO, load_file, load_scenario
from .model import Policy, Scenario


class InvalidInput(Exception):
    """Bad input, already explained on stderr; the command exits 1."""


def explained(invalid: InvalidFile) -> InvalidInput:
    for problem in invalid.problems:
        print(problem, file=sys.stderr)
    return InvalidInput()


def scenario_or_explain(path: str | Path | None) -> Scenario:
    try:
        return load_scenario(path or DEFAULT_SCENARIO)
    except InvalidFile as invalid:
        raise explained(invalid) from None


def file_or_explain(path: str | Path) -> Scenario | Policy:
    try:
        return load_file(path)
    except InvalidFile as invalid:
        raise explained(invalid) from None
