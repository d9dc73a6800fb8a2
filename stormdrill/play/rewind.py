"""Rewind: a new live session that re-runs a log up to a moment, then is the trainee's again."""

from __future__ import annotations

from pathlib import Path

from stormdrill.simulator.assessment import Assess
from stormdrill.simulator.log import SessionLog, apply_recorded, recorded, replay_inject
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
    injects = [line for line in log.team if line["type"] == "inject" and line["t"] <= t]
    for i, (when, action, verdict) in enumerate(recorded(log)):
        if when > t:
            break
        while injects and injects[0]["after"] <= i:
            _inject_again(live, injects.pop(0))
        apply_recorded(live.session, when, action, verdict, recorder=live)
    for line in injects:
        _inject_again(live, line)
    live.advance_to(t)
    return live


def _inject_again(live: LiveSession, line: dict) -> None:
    """A team log's inject, again in the rewound session and in its log (so the branch replays)."""
    events, made = replay_inject(live.session, line)
    live.events(events)
    if made and live.log is not None:
        live.log.team_line({key: value for key, value in line.items() if key != "after"})
