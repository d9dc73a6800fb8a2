"""Reading a session log (log.py writes them): bounded, line by line, with its integrity.

Every good line is kept and the bad ones named (`file:line: why`); a log that can't be used at all
raises LogError. The running hash `h` (`chain_hash`) tells a log as written (`integrity` ok) from
one cut short (truncated) or edited afterwards (modified); see log.py and docs/command-line.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from stormdrill.scenarios import Scenario, scenario_from_dict, scenario_hash
from stormdrill.scenarios.errors import InvalidFile
from stormdrill.scenarios.plaintext import clean, one_line

from .assessment import ReplyAssessment
from .events import Action, ActionError, Event
from .spread import STEP

LOG_FORMAT = "stormdrill-session"
LOG_VERSION = 1


MAX_LOG_BYTES = 64_000_000  # a 2-hour session logs ~100 kB; a day-long storm at its peak a few MB
MAX_LINE_BYTES = 8_000_000  # the header holds the scenario, itself at most 1 MB of YAML
# A team exercise's own lines (docs/teams.md); an action line may also say who did it ("by").
TEAM_LINES = ("inject", "note", "message", "claim", "approval", "refused", "seat")
_HASH_TAIL = re.compile(r',"h":"([0-9a-f]{16})"}$')


class LogError(Exception):
    """A session log that can't be used at all; the message names file and line."""


def chain_hash(previous: str, line: str) -> str:
    """The running hash after `line`: each line's `h` covers it and every line before it."""
    return hashlib.sha256((previous + line).encode("utf-8")).hexdigest()[:16]


@dataclass
class SessionLog:
    path: str
    header: dict
    scenario: Scenario
    actions: list[tuple[float, Action]] = field(default_factory=list)
    verdicts: list[ReplyAssessment | None] = field(
        default_factory=list
    )  # beside `actions` (None: not recorded)
    events: list[Event] = field(default_factory=list)
    authors: list[dict | None] = field(default_factory=list)  # beside `actions`: who, in a team
    team: list[dict] = field(
        default_factory=list
    )  # a team exercise's lines; "after": actions before
    problems: list[str] = field(default_factory=list)
    end: dict | None = None
    # ok | truncated | modified | unchecked (a log written without hashes)
    integrity: str = "unchecked"
    integrity_notes: list[str] = field(default_factory=list)  # file:line: why it is not "ok"
    scenario_matches: bool = True  # the header's scenario has the hash the header names

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
    """Every good line of a session log, read as a stream within MAX_LOG_BYTES.

    A log that can't be used raises LogError (`file:line: why`): not a regular file, too large, no
    readable header, times that are not finite, negative or running backwards. Other bad lines are
    named in `problems` and skipped. `integrity` says whether the lines are as they were written.
    """
    path = Path(path)
    name = clean(str(path))
    with _open_log(path, name) as stream:
        reader = _Lines(stream, name)
        first = reader.next_line()
        if first is None or not first[1].strip():
            raise LogError(f"{name}:1: the log is empty; a session log starts with its header line")
        log = _header(name, first[1])
        check = _Integrity(log)
        check.line(1, first[1])
        latest = 0.0
        for number, text in reader:
            if not text.strip():
                continue
            check.line(number, text, cut=reader.at_end and not reader.ended_with_newline)
            try:
                obj = json.loads(text)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                obj.pop("h", None)
                kind = obj["type"]
                if kind in ("action", "event", "end", *TEAM_LINES):
                    latest = _checked_time(
                        obj.get("t"), latest, log.scenario.duration, f"{name}:{number}"
                    )
                if kind == "action":
                    entry = (float(obj["t"]), _clean_action(Action.from_dict(obj["action"])))
                    verdict = None
                    if obj.get("verdict"):
                        try:
                            verdict = ReplyAssessment.from_dict(obj["verdict"])
                        except (KeyError, TypeError, ValueError, AttributeError) as err:
                            log.problems.append(
                                f"{name}:{number}: the recorded verdict can't be read "
                                f"({one_line(str(err))}); this reply is judged afresh"
                            )
                    log.actions.append(entry)
                    log.verdicts.append(verdict)
                    by = obj.get("by")
                    log.authors.append(_author(by) if isinstance(by, dict) else None)
                elif kind in TEAM_LINES:
                    log.team.append({**obj, "after": len(log.actions)})
                elif kind == "event":
                    log.events.append(Event.from_dict(obj))
                elif kind == "end":
                    log.end = obj
                else:
                    raise ValueError(f"unknown line type {clean(str(kind))!r}")
            except json.JSONDecodeError as err:
                cut = reader.at_end and not reader.ended_with_newline
                why = (
                    "cut off (the session ended mid-write)"
                    if cut
                    else f"not valid JSON ({err.msg})"
                )
                log.problems.append(f"{name}:{number}: {why}; skipped this line, kept the rest")
            except (KeyError, TypeError, ValueError, ActionError) as err:
                log.problems.append(
                    f"{name}:{number}: {one_line(str(err))}; skipped this line, kept the rest"
                )
    check.finish()
    return log


def _open_log(path: Path, name: str):
    """The log opened for reading, if it is a regular file within MAX_LOG_BYTES (never blocks on a pipe)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise LogError(f"{name}: no such session log") from None
    except OSError as err:
        raise LogError(f"{name}: cannot read it: {err.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        what = (
            "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or a device?)"
        )
        raise LogError(f"{name}: is {what}; give a session log (.jsonl) file")
    if info.st_size > MAX_LOG_BYTES:
        os.close(fd)
        raise LogError(
            f"{name}: the file is {info.st_size:,} bytes; session logs are at most "
            f"{MAX_LOG_BYTES:,} bytes"
        )
    return os.fdopen(fd, "rb")


class _Lines:
    """(line number, text) of a byte stream, each line bounded, the whole bounded, a BOM dropped."""

    def __init__(self, stream, name: str):
        self.stream, self.name = stream, name
        self.number, self.total = 0, 0
        self.at_end, self.ended_with_newline = False, True

    def next_line(self) -> tuple[int, str] | None:
        raw = self.stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            self.at_end = True
            return None
        self.number += 1
        self.total += len(raw)
        if len(raw) > MAX_LINE_BYTES or self.total > MAX_LOG_BYTES:
            raise LogError(
                f"{self.name}:{self.number}: the line is longer than {MAX_LINE_BYTES:,} bytes, "
                "or the log grew past its limit; this is not a session log"
            )
        if self.number == 1:
            if b"\x00" in raw:
                raise LogError(
                    f"{self.name}:1: this is a binary file, not a session log (JSON lines)"
                )
            raw = raw.removeprefix(
                b"\xef\xbb\xbf"
            )  # saved by an editor that adds a byte-order mark
        self.ended_with_newline = raw.endswith(b"\n")
        self.at_end = not self.stream.peek(1) if hasattr(self.stream, "peek") else False
        return self.number, raw.decode("utf-8", errors="replace").rstrip("\r\n")

    def __iter__(self):
        while (line := self.next_line()) is not None:
            yield line


def _header(name: str, text: str) -> SessionLog:
    try:
        header = json.loads(text)
    except json.JSONDecodeError as err:
        raise LogError(
            f"{name}:1: the header is not valid JSON ({err.msg}); this is not a readable session log"
        ) from None
    if not isinstance(header, dict) or header.get("format") != LOG_FORMAT:
        raise LogError(
            f'{name}:1: not a Stormdrill session log (its first line has no "format": "{LOG_FORMAT}")'
        )
    if header.get("version") != LOG_VERSION:
        raise LogError(
            f"{name}:1: log format version {clean(repr(header.get('version')))}; "
            f"this Stormdrill reads version {LOG_VERSION}"
        )
    try:
        as_written = Scenario.model_validate(header["scenario"])
        scenario = scenario_from_dict(header["scenario"])
    except (KeyError, ValueError, TypeError, InvalidFile) as err:
        raise LogError(
            f"{name}:1: the scenario in the header can't be read ({one_line(str(err).splitlines()[0])})"
        ) from None
    if not isinstance(header.get("seed"), int) or isinstance(header.get("seed"), bool):
        raise LogError(f"{name}:1: the header has no seed")
    header.pop("h", None)
    for key in ("trainee", "bot"):
        if isinstance(header.get(key), str):
            header[key] = one_line(header[key])
    log = SessionLog(name, header, scenario)
    log.scenario_matches = scenario_hash(as_written) == header.get("scenario_hash")
    return log


def _checked_time(value: object, latest: float, duration: float, where: str) -> float:
    """The latest time so far, if this line's is a finite number from 0 to the storm's end, in order.

    Within one engine step events come in the order they were decided, not strictly by time.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LogError(f"{where}: the time {clean(repr(value))} is not a number of seconds")
    t = float(value)
    if not math.isfinite(t):
        raise LogError(
            f"{where}: the time {value} is not a finite number; this log was not written by Stormdrill"
        )
    if t < 0:
        raise LogError(f"{where}: the time {t:g} is negative; a session's times run from 0 upwards")
    if t > duration + 1:
        raise LogError(f"{where}: the time {t:g}s is after the storm ends ({duration:g}s)")
    if t < latest - STEP:
        raise LogError(
            f"{where}: the time {t:g}s comes before the lines above ({latest:g}s); "
            "a session log's lines are in time order"
        )
    return max(t, latest)


def _author(by: dict) -> dict:
    return {key: one_line(str(by.get(key) or ""))[:60] for key in ("name", "role")}


def _clean_action(action: Action) -> Action:
    return (
        replace(action, text=clean(action.text))
        if action.text and not action.text.isprintable()
        else action
    )


class _Integrity:
    """Follows the running hash over the lines: ok, truncated (ends early), modified, or unchecked."""

    def __init__(self, log: SessionLog):
        self.log = log
        # None: the log has no hashes (written before they were added)
        self.chain: str | None = None
        self.modified: list[str] = []
        self.cut = False
        if not log.scenario_matches:
            self.modified.append(
                f"{log.path}:1: the scenario in the header does not match its scenario_hash "
                "(weights, policy or posts were changed after the session)"
            )

    def line(self, number: int, text: str, cut: bool = False) -> None:
        found = _HASH_TAIL.search(text)
        if cut and found is None:
            self.cut = True  # a crash mid-write costs the last line, which is no modification
            return
        if number == 1:
            self.chain = "" if found else None
        if self.chain is None:
            return
        if found is None:
            self.modified.append(
                f"{self.log.path}:{number}: this line carries no hash; it was added or edited"
            )
            return
        expected = chain_hash(self.chain, text[: found.start()] + "}")
        if expected != found.group(1):
            self.modified.append(
                f"{self.log.path}:{number}: this line, or one before it, was changed, "
                "added or removed after the session"
            )
        self.chain = found.group(1)

    def finish(self) -> None:
        log = self.log
        if self.modified:
            log.integrity, log.integrity_notes = "modified", self.modified[:5]
        elif self.chain is None:
            log.integrity = "unchecked"
        elif self.cut or log.end is None:
            log.integrity = "truncated"
            log.integrity_notes = [
                f"{log.path}: the log ends without its end line (the session crashed or "
                "the file was cut short)"
            ]
        else:
            log.integrity = "ok"
