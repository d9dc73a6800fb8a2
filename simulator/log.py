"""The session log: JSON lines, written as things happen, readable after a crash.

    {"type": "header", "format": "stormdrill-session", "version": 1, "seed": 3, "scenario": {...}, ...}
    {"type": "action", "t": 312.0, "action": {"kind": "reply", "thread": 4, "text": "..."},
     "verdict": {"kind": "reply", "score": 82.0, "quality": 0.6, "findings": [...]}}
    {"type": "event", "t": 312.0, "kind": "reply", "thread": 4, ...}
    {"type": "end", "t": 7200.0, "reason": "finished"}

The header holds the scenario and its policy as loaded (with their hash), so a
log scores, reports and replays on another machine without the original files.
A message's verdict (how the rubric judged it when it was sent) is stored with
its action; replays use it as recorded and report where today's judge differs
(older logs without verdicts are judged afresh). Every line is flushed when written. Reading keeps every good line and names
the bad ones; a truncated last line (a crash mid-write) costs only that line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scenarios import Scenario, scenario_from_dict, scenario_hash
from scenarios.errors import InvalidFile

from .assessment import ReplyAssessment
from .events import Action, ActionError, Divergence, Event

LOG_FORMAT = "stormdrill-session"
LOG_VERSION = 1


class LogError(Exception):
    """A session log that can't be used at all (no readable header); the message names file and line."""


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


def make_header(scenario: Scenario, seed: int, trainee: str | None = None, bot: str | None = None,
                source: str | None = None, parent: dict | None = None) -> dict:  # fmt: skip
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


def action_line(t: float, action: Action, verdict: ReplyAssessment | None = None) -> dict:
    line = {"type": "action", "t": t, "action": action.to_dict()}
    if verdict is not None:
        line["verdict"] = verdict.to_dict()
    return line


class LogWriter:
    """Appends a session's lines to a file, flushing each one."""

    def __init__(self, path: str | Path, header: dict):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - kept open for the session
        self.closed = False
        self._write(header)

    def _write(self, obj: dict) -> None:
        if self.closed:
            return
        self._file.write(dumps(obj) + "\n")
        self._file.flush()

    def action(self, t: float, action: Action, verdict: ReplyAssessment | None = None) -> None:
        self._write(action_line(t, action, verdict))

    def events(self, events: Iterable[Event]) -> None:
        for event in events:
            self._write({"type": "event", **event.to_dict()})

    def close(self, t: float | None = None, reason: str = "finished") -> None:
        if self.closed:
            return
        if t is not None:
            self._write({"type": "end", "t": round(t, 3), "reason": reason})
        self._file.flush()
        with contextlib.suppress(OSError):
            os.fsync(self._file.fileno())
        self._file.close()
        self.closed = True


class MemoryLog:
    """The same interface as LogWriter, kept in memory (bots, tests, baselines)."""

    def __init__(self, header: dict | None = None):
        self.lines: list[dict] = [header] if header else []

    def action(self, t: float, action: Action, verdict: ReplyAssessment | None = None) -> None:
        self.lines.append(action_line(t, action, verdict))

    def events(self, events: Iterable[Event]) -> None:
        self.lines.extend({"type": "event", **e.to_dict()} for e in events)

    def close(self, t: float | None = None, reason: str = "finished") -> None:
        if t is not None:
            self.lines.append({"type": "end", "t": round(t, 3), "reason": reason})


@dataclass
class SessionLog:
    path: str
    header: dict
    scenario: Scenario
    actions: list[tuple[float, Action]] = field(default_factory=list)
    verdicts: list[ReplyAssessment | None] = field(default_factory=list)  # beside `actions` (None: not recorded)
    events: list[Event] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    end: dict | None = None

    @property
    def seed(self) -> int:
        return int(self.header["seed"])

    @property
    def trainee(self) -> str:
        return self.header.get("trainee") or self.header.get("bot") or "trainee"

    @property
    def complete(self) -> bool:
        return self.end is not None and self.end.get("reason") == "finished"

    @property
    def last_time(self) -> float:
        times = [e.t for e in self.events] + [t for t, _ in self.actions]
        return max(times, default=0.0)


def read_log(path: str | Path) -> SessionLog:
    """Every good line of a session log; bad lines are named in `problems`, never fatal after the header."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LogError(f"{name}: no such session log") from None
    except OSError as err:
        raise LogError(f"{name}: cannot read it: {err.strerror}") from None
    if b"\x00" in raw[:4096]:
        raise LogError(f"{name}:1: this is a binary file, not a session log (JSON lines)")
    text = raw.decode("utf-8", errors="replace")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise LogError(f"{name}:1: the log is empty; a session log starts with its header line")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError as err:
        raise LogError(f"{name}:1: the header is not valid JSON ({err.msg}); this is not a readable session log") from None
    if not isinstance(header, dict) or header.get("format") != LOG_FORMAT:
        raise LogError(f"{name}:1: not a Stormdrill session log (its first line has no \"format\": \"{LOG_FORMAT}\")")
    if header.get("version") != LOG_VERSION:
        raise LogError(f"{name}:1: log format version {header.get('version')!r}; this Stormdrill reads version {LOG_VERSION}")
    try:
        scenario = scenario_from_dict(header["scenario"])
    except (KeyError, ValueError, InvalidFile) as err:
        raise LogError(f"{name}:1: the scenario in the header can't be read ({str(err).splitlines()[0]})") from None
    if not isinstance(header.get("seed"), int):
        raise LogError(f"{name}:1: the header has no seed")
    log = SessionLog(name, header, scenario)
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            kind = obj["type"]
            if kind == "action":
                entry = (float(obj["t"]), Action.from_dict(obj["action"]))
                verdict = None
                if obj.get("verdict"):
                    try:
                        verdict = ReplyAssessment.from_dict(obj["verdict"])
                    except (KeyError, TypeError, ValueError, AttributeError) as err:
                        log.problems.append(f"{name}:{number}: the recorded verdict can't be read ({err}); "
                                            "this reply is judged afresh")  # fmt: skip
                log.actions.append(entry)
                log.verdicts.append(verdict)
            elif kind == "event":
                log.events.append(Event.from_dict(obj))
            elif kind == "end":
                log.end = obj
            else:
                raise ValueError(f"unknown line type {kind!r}")
        except json.JSONDecodeError as err:
            last = number == len(lines)
            why = "cut off (the session ended mid-write)" if last else f"not valid JSON ({err.msg})"
            log.problems.append(f"{name}:{number}: {why}; skipped this line, kept the rest")
        except (KeyError, TypeError, ValueError, ActionError) as err:
            log.problems.append(f"{name}:{number}: {err}; skipped this line, kept the rest")
    return log


def recorded(log: SessionLog) -> list[tuple[float, Action, ReplyAssessment | None]]:
    """The log's actions with the verdicts recorded for them."""
    verdicts = log.verdicts if len(log.verdicts) == len(log.actions) else [None] * len(log.actions)
    return [(t, action, verdict) for (t, action), verdict in zip(log.actions, verdicts, strict=True)]


def apply_recorded(session, t: float, action: Action, verdict: ReplyAssessment | None = None,
                   recorder=None) -> tuple[list[Event], bool]:  # fmt: skip
    """Advance `session` to t and apply one recorded action with its recorded verdict: the one step every
    replay shares (scoring, the replay console, a rewind). An action the session can't carry out any more
    is not skipped silently: it goes into `session.divergences`. Returns the events and whether it applied."""
    events = session.advance_to(t)
    if recorder:
        recorder.events(events)
    try:
        done = session.apply(action, verdict=verdict)
    except ActionError as err:
        session.divergences.append(Divergence(session.now, action.kind, action.thread,
                                              f"the action could not be replayed ({err})"))  # fmt: skip
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
    for t, action, verdict in recorded(log):
        if t > end:
            break
        apply_recorded(session, t, action, verdict, recorder)
    events = session.advance_to(max(end, session.now))
    if recorder:
        recorder.events(events)
    return session
