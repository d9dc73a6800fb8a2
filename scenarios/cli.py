"""What the commands share for bad input: explain it on stderr, then exit 1 (run.py catches InvalidInput).

Kept light (no engine, no scoring) so that `run.py --help` and `validate` start fast.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
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


def stormdrill_version() -> str:
    """This Stormdrill's version: the checkout's pyproject.toml, else the installed package's metadata."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        with contextlib.suppress(OSError, tomllib.TOMLDecodeError, KeyError):
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stormdrill")
    except PackageNotFoundError:
        return "unknown"


@contextlib.contextmanager
def said_if_slow(message: str, after: float = 2.0):
    """Say `message` on stderr if the block takes longer than `after` seconds, and how long it took."""
    done, said = threading.Event(), []
    started = time.monotonic()

    def speak() -> None:
        if not done.wait(after):
            said.append(True)
            print(f"{message}...", file=sys.stderr, flush=True)

    speaker = threading.Thread(target=speak, daemon=True)
    speaker.start()
    try:
        yield
    finally:
        done.set()
        speaker.join()
        if said:
            print(
                f"{message}: done in {time.monotonic() - started:.1f} s",
                file=sys.stderr,
                flush=True,
            )
