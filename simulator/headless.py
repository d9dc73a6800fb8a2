"""Headless runs: a bot plays a scenario, optionally recorded to a session log."""

from __future__ import annotations

from dataclasses import dataclass

from stormdrill.scenarios import Scenario

from .assessment import Assess
from .bots import play
from .log import LogWriter, MemoryLog, make_header
from .logfile import LogWriteError
from .network import Network, load_or_build, spec_for
from .session import Session


@dataclass
class RunResult:
    seed: int
    bot: str
    totals: dict
    session: Session


def run_bot(
    scenario: Scenario,
    bot: str,
    seed: int,
    assess: Assess,
    network: Network | None = None,
    log_path: str | None = None,
    keep_lines: bool = False,
    trainee: str | None = None,
    until: float | None = None,
    replies: list[str] | None = None,
) -> RunResult:
    """A bot plays the scenario (to its end, or `until`), recorded to `log_path` as a trainee's session is;
    `replies` are the canned lines of bot `canned`."""
    network = network if network is not None else load_or_build(spec_for(scenario))
    session = Session(scenario, seed=seed, assess=assess, network=network)
    header = make_header(scenario, seed, trainee=trainee, bot=bot)
    recorder = (
        LogWriter(log_path, header) if log_path else (MemoryLog(header) if keep_lines else None)
    )
    play(session, bot, recorder, until=until, replies=replies)
    if recorder:
        recorder.close(session.now, "finished" if session.finished else "quit")
        if isinstance(recorder, LogWriter) and recorder.error is not None:
            raise LogWriteError(
                f"{log_path}: the session log could not be written: "
                f"{recorder.error.strerror or recorder.error}"
            )
    return RunResult(seed, bot, session.totals(), session)
