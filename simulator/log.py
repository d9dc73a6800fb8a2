"""The session log: JSON lines, written as things happen, readable after a crash.

    {"type": "header", "format": "stormdrill-session", "version": 1, "seed": 3, "scenario": {...}, ...}
    {"type": "action", "t": 312.0, "action": {"kind": "reply", "thread": 4, "text": "..."},
     "verdict": {"kind": "reply", "score": 82.0, "quality": 0.6, "findings": [...]}}
    {"type": "event", "t": 312.0, "kind": "reply", "thread": 4, ...}
    {"type": "end", "t": 7200.0, "reason": "finished"}

A team exercise (docs/teams.md) adds who did it to an action line, `"by": {"name": "Anna", "role":
"agent"}`, and lines of its own (TEAM_LINES): a trainer's `inject` (replayed at its moment), notes,
messages, claims, approvals and refused messages. Logs without them read as before.

The header holds the scenario and its policy as loaded (with their hash), so a
log scores, reports and replays on another machine without the original files.
A message's verdict (how the rubric judged it when it was sent) is stored with
its action; replays use it as recorded and report where today's judge differs
(older logs without verdicts are judged afresh).
Every line is flushed when written and ends with `"h"`, a running hash over it
and every line before it (`chain_hash`), so reading can tell a log as written
(`integrity` ok) from one cut short (truncated) or edited afterwards (modified);
logs from before the hash read as unchecked. Reading keeps every good line and
names the bad ones; a truncated last line (a crash mid-write) costs only that
line. See docs/command-line.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from stormdrill.scenarios import Scenario, scenario_hash

from .assessment import ReplyAssessment
from .events import Action, ActionError, Divergence, Event
from .logfile import LineFile
from .logread import (
    LOG_FORMAT,
    LOG_VERSION,
    MAX_LINE_BYTES,
    MAX_LOG_BYTES,
    TEAM_LINES,
    LogError,
    SessionLog,
    chain_hash,
    read_log,
)

__all__ = [
    "LOG_FORMAT",
    "LOG_VERSION",
    "MAX_LINE_BYTES",
    "MAX_LOG_BYTES",
    "TEAM_LINES",
    "LogError",
    "LogWriter",
    "MemoryLog",
    "SessionLog",
    "action_line",
    "apply_recorded",
    "chain_hash",
    "dumps",
    "make_header",
    "read_log",
    "recorded",
    "replay",
    "replay_inject",
    "replay_onto",
]


def _plain(value):
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_plain)


def make_header(
    scenario: Scenario,
    seed: int,
    trainee: str | None = None,
    bot: str | None = None,
    source: str | None = None,
    parent: dict | None = None,
) -> dict:
    return {
        "type": "header",
        "format": LOG_FORMAT,
        "version": LOG_VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seed": seed,
        "trainee": trainee,
        "bot": bot,
        "source": source,
        "parent": parent,
        "scenario_hash": scenario_hash(scenario),
        "scenario": scenario.model_dump(mode="json", by_alias=True, exclude_none=True),
    }


def action_line(
    t: float,
    action: Action,
    verdict: ReplyAssessment | None = None,
    by: dict | None = None,
    timing: dict | None = None,
) -> dict:
    line: dict = {"type": "action", "t": t, "action": action.to_dict()}
    if verdict is not None:
        line["verdict"] = verdict.to_dict()
    if by is not None:
        line["by"] = by  # a team exercise: {"name": ..., "role": ...}
    if timing:  # the console's real and slowed seconds for a message (stormdrill/play/handling.py)
        line["time"] = timing
    return line


class LogWriter:
    """Appends a session's lines to a file, flushing each one, each carrying the running hash `h`.

    Writing never raises: a disk error is kept in `error` (the lines are kept in memory), so the
    console can pause and offer another folder (`move_to`).
    """

    def __init__(self, path: str | Path, header: dict):
        self.path = Path(path)
        self.file = LineFile(
            self.path
        )  # its `lines`, `written` and `error` tell how far the disk got
        self._chain = ""
        self.closed = False
        self._write(header)

    @property
    def error(self) -> OSError | None:
        return self.file.error

    def move_to(self, path: str | Path) -> None:
        """Write the whole log so far to `path` and go on there; raises LogWriteError if that fails."""
        self.file.move_to(path)
        self.path = self.file.path

    def _write(self, obj: dict) -> None:
        if self.closed:
            return
        body = dumps(obj)
        self._chain = chain_hash(self._chain, body)
        self.file.write(body[:-1] + f',"h":"{self._chain}"}}\n')

    def action(
        self,
        t: float,
        action: Action,
        verdict: ReplyAssessment | None = None,
        by: dict | None = None,
        timing: dict | None = None,
    ) -> None:
        self._write(action_line(t, action, verdict, by, timing))

    def team_line(self, obj: dict) -> None:
        """A team exercise's own line (its `type` one of TEAM_LINES)."""
        self._write(obj)

    def events(self, events: Iterable[Event]) -> None:
        for event in events:
            self._write({"type": "event", **event.to_dict()})

    def close(self, t: float | None = None, reason: str = "finished") -> None:
        if self.closed:
            return
        if t is not None:
            self._write({"type": "end", "t": round(t, 3), "reason": reason})
        self.file.close()
        self.closed = True


class MemoryLog:
    """The same interface as LogWriter, kept in memory (bots, tests, baselines)."""

    def __init__(self, header: dict | None = None):
        self.lines: list[dict] = [header] if header else []

    def action(
        self,
        t: float,
        action: Action,
        verdict: ReplyAssessment | None = None,
        by: dict | None = None,
        timing: dict | None = None,
    ) -> None:
        self.lines.append(action_line(t, action, verdict, by, timing))

    def team_line(self, obj: dict) -> None:
        self.lines.append(obj)

    def events(self, events: Iterable[Event]) -> None:
        self.lines.extend({"type": "event", **e.to_dict()} for e in events)

    def close(self, t: float | None = None, reason: str = "finished") -> None:
        if t is not None:
            self.lines.append({"type": "end", "t": round(t, 3), "reason": reason})


def recorded(log: SessionLog) -> list[tuple[float, Action, ReplyAssessment | None]]:
    """The log's actions with the verdicts recorded for them."""
    verdicts = log.verdicts if len(log.verdicts) == len(log.actions) else [None] * len(log.actions)
    return [
        (t, action, verdict) for (t, action), verdict in zip(log.actions, verdicts, strict=True)
    ]


def apply_recorded(
    session, t: float, action: Action, verdict: ReplyAssessment | None = None, recorder=None
) -> tuple[list[Event], bool]:
    """Advance `session` to t and apply one recorded action with its recorded verdict: the one step every
    replay shares (scoring, the replay console, a rewind). An action the session can't carry out any more
    is not skipped silently: it goes into `session.divergences`. Returns the events and whether it applied."""
    events = session.advance_to(t)
    if recorder:
        recorder.events(events)
    try:
        done = session.apply(action, verdict=verdict)
    except ActionError as err:
        session.divergences.append(
            Divergence(
                session.now, action.kind, action.thread, f"the action could not be replayed ({err})"
            )
        )
        return events, False
    if recorder:
        recorder.action(session.now, action, session.last_verdict)
        recorder.events(done)
    return events + done, True


def replay(log: SessionLog, assess, until: float | None = None, network=None, recorder=None):
    """Re-run a log's actions on a fresh Session; returns the Session at `until` (default: where the log ends).

    The session's `divergences` list what came out differently from the log (see `apply_recorded`)."""
    from .session import Session

    session = Session(log.scenario, seed=log.seed, assess=assess, network=network)
    end = log.last_time if until is None else until
    if log.complete and until is None:
        end = session.duration
    replay_onto(session, log, end, recorder)
    events = session.advance_to(max(end, session.now))
    if recorder:
        recorder.events(events)
    return session


def replay_onto(session, log: SessionLog, end: float, recorder=None) -> None:
    """The one replay loop (`score`, `report`, rewinds): the log's actions up to `end` through
    `apply_recorded`, with a team log's injects at their place among them (each after the actions
    logged before it); the recorder gets the events and the injects' lines."""
    injects = [line for line in log.team if line["type"] == "inject" and line["t"] <= end]
    for i, (t, action, verdict) in enumerate(recorded(log)):
        if t > end:
            break
        while injects and injects[0]["after"] <= i:
            _replay_inject(session, injects.pop(0), recorder)
        apply_recorded(session, t, action, verdict, recorder)
    for line in injects:
        _replay_inject(session, line, recorder)


def _replay_inject(session, line: dict, recorder=None) -> None:
    events, made = replay_inject(session, line)
    if recorder:
        recorder.events(events)
    if made and recorder and hasattr(recorder, "team_line"):
        recorder.team_line({key: value for key, value in line.items() if key not in ("after", "h")})


def replay_inject(session, line: dict) -> tuple[list[Event], bool]:
    """A trainer's live inject (an `inject` line), again at its moment; one that can't be made is a
    divergence. Returns the events up to it and whether it was made."""
    from .live_inject import inject

    events = session.advance_to(max(float(line.get("t", 0.0)), session.now))
    try:
        inject(session, line.get("inject"))
    except ActionError as err:
        session.divergences.append(
            Divergence(session.now, "inject", None, f"the inject could not be replayed ({err})")
        )
        return events, False
    return events, True
