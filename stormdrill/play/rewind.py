"""Rewind: a new live session that re-runs a log up to a moment, then is the trainee's again."""

from __future__ import annotations

from pathlib import Path

from stormdrill.simulator.assessment import Assess
from stormdrill.simulator.log import SessionLog, replay_onto
from stormdrill.simulator.network import Network

from .live import LiveSession


def branch_from(
    log: SessionLog,
    t: float,
    assess: Assess,
    trainee: str | None = None,
    log_path: Path | None = None,
    network: Network | None = None,
) -> LiveSession:
    """Rewind: a new live session that re-runs `log` up to simulated time t, then is the trainee's again.

    The new log records its parent and the branch point, and holds the replayed actions itself, so it
    scores and replays on its own.
    """
    t = max(0.0, min(float(t), log.scenario.duration))
    parent = {"log": str(log.path), "t": t, "trainee": log.trainee}
    live = LiveSession(
        log.scenario,
        log.seed,
        assess,
        trainee=trainee or log.header.get("trainee"),
        log_path=log_path,
        network=network,
        parent=parent,
        coaching=log.header.get("coaching"),
    )
    live.open_log()
    replay_onto(live.session, log, t, recorder=live)
    live.advance_to(t)
    return live
