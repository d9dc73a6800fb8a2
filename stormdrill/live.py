"""A live session: the Session, its log and its clock, as the console drives them.

Textual-free, so tests can drive it directly. The console calls `tick(wall
seconds)` from a timer; tests call `advance_to(t)`. Every action and event goes
to the session log the moment it happens, so quitting, a crash or a closed
terminal never loses what the trainee did.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from stormdrill.scenarios import Scenario
from stormdrill.simulator.events import Action, ActionError, Event
from stormdrill.simulator.log import LogWriter, apply_recorded, make_header, recorded
from stormdrill.simulator.network import Network, load_or_build, spec_for
from stormdrill.simulator.session import Session

from .handling import HandlingClock

SPEED_STEPS = (1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 600, 900, 1200, 1800, 3600)


def default_log_path(scenario: Scenario, trainee: str | None, folder: Path | None = None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    who = re.sub(r"[^a-z0-9]+", "-", (trainee or "trainee").lower()).strip("-") or "trainee"
    return (folder or Path("sessions")) / f"{scenario.id}-{who}-{stamp}.jsonl"


def initials(name: str | None) -> str:
    parts = [p for p in re.split(r"\s+", name or "") if p]
    return "".join(p[0].upper() for p in parts[:3]) or "ME"


class _Baseline:
    """The 'nobody answers' run of the same storm, for the live chart."""

    def compute_baseline(self) -> np.ndarray:
        from stormdrill.scoring.scorecard import baseline_series

        self.baseline = baseline_series(self.scenario, self.seed, "none", self.assess)
        return self.baseline


@dataclass
class LiveSession(_Baseline):
    scenario: Scenario
    seed: int
    assess: object
    trainee: str | None = None
    log_path: Path | None = None
    network: Network | None = None
    speed: float | None = None
    parent: dict | None = None
    coaching: bool | None = None  # None: as the scenario's controls say; False: a trainer's exam
    session: Session = field(init=False)
    log: LogWriter | None = field(init=False, default=None)
    paused: bool = field(init=False, default=False)
    baseline: np.ndarray | None = field(
        init=False, default=None
    )  # negative reach per minute if nobody answers
    history: list[Event] = field(init=False, default_factory=list)
    clock: HandlingClock = field(init=False)  # real time -> storm time while writing (handling.py)

    def __post_init__(self):
        network = (
            self.network if self.network is not None else load_or_build(spec_for(self.scenario))
        )
        self.session = Session(self.scenario, seed=self.seed, assess=self.assess, network=network)
        self.speed = self.clamp_speed(self.speed or self.scenario.speed)
        self.agent = initials(self.trainee)
        self.coaching = self.scenario.controls.coaching if self.coaching is None else self.coaching
        self.clock = HandlingClock(self.scenario.team_capacity)

    # -------------------------------------------------------------- the log

    def open_log(self) -> Path:
        """Start recording (from the first second of the storm)."""
        if self.log is None and self.log_path is not None:
            header = make_header(self.scenario, self.seed, trainee=self.trainee, parent=self.parent)
            header["coaching"] = self.coaching  # an exam run says so in its own record
            header["time"] = self.clock.describe(self.speed)  # how real time became storm time
            self.log = LogWriter(self.log_path, header)
        return self.log_path

    def close(self, reason: str = "quit") -> None:
        if self.log is not None:
            self.log.close(self.session.now, "finished" if self.session.finished else reason)

    # -------------------------------------------------------------- time

    @property
    def min_speed(self) -> float:
        return (
            min(self.scenario.speed, 1.0)
            if self.scenario.controls.pause
            else self.scenario.speed / 4
        )

    @property
    def max_speed(self) -> float:
        return self.scenario.max_speed

    def clamp_speed(self, speed: float) -> float:
        return float(min(max(speed, self.min_speed), self.max_speed))

    def faster(self) -> float:
        bigger = [s for s in SPEED_STEPS if s > self.speed and s <= self.max_speed]
        self.speed = float(bigger[0]) if bigger else self.speed
        return self.speed

    def slower(self) -> float:
        smaller = [s for s in SPEED_STEPS if s < self.speed and s >= self.min_speed]
        self.speed = float(smaller[-1]) if smaller else self.speed
        return self.speed

    def toggle_pause(self) -> bool:
        if not self.scenario.controls.pause:
            raise ActionError("pause")
        self.paused = not self.paused
        return self.paused

    def tick(self, wall_seconds: float) -> list[Event]:
        if self.paused or self.session.finished:
            return []
        return self.advance_to(
            self.session.now + self.clock.storm_seconds(wall_seconds, self.speed)
        )

    def advance_to(self, t: float) -> list[Event]:
        events = self.session.advance_to(t)
        if self.log:
            self.log.events(events)
        self.history.extend(events)
        return events

    # -------------------------------------------------------------- actions

    def act(self, action: Action) -> list[Event]:
        """Apply and record a trainee action (with its verdict); raises ActionError with a message for people."""
        events = self.session.apply(action)
        # a message pays off its handling time; its line keeps real and slowed seconds (handling.py)
        timing = self.clock.sent(action.text) if action.text else None
        self.action(self.session.now, action, self.session.last_verdict, timing)
        self.events(events)
        return events

    # the recorder interface (simulator.log.apply_recorded): the log, and the history the console shows
    def action(self, t: float, action: Action, verdict=None, timing: dict | None = None) -> None:
        if self.log:
            self.log.action(t, action, verdict, timing)

    def events(self, events: list[Event]) -> None:
        if self.log:
            self.log.events(events)
        self.history.extend(events)


def branch_from(
    log,
    t: float,
    assess,
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
    for when, action, verdict in recorded(log):
        if when > t:
            break
        apply_recorded(live.session, when, action, verdict, recorder=live)
    live.advance_to(t)
    return live


REPLAY_SPEEDS = (1, 2, 4, 8, 16, 32)


@dataclass
class ReplayPlayer(_Baseline):
    """Plays a recorded session back: the same storm, the trainee's actions as they happened.

    Read-only: `act` refuses. Speeds are multiples of the scenario's own clock (×1 … ×32); seeking
    backwards re-runs the log from the start, which the deterministic engine makes exact.
    """

    log: object
    assess: object
    network: Network | None = None
    multiplier: float = 1.0
    paused: bool = field(init=False, default=False)
    baseline: np.ndarray | None = field(init=False, default=None)
    history: list[Event] = field(init=False, default_factory=list)
    log_path: Path | None = field(init=False, default=None)
    parent: dict | None = field(init=False, default=None)
    on_action: object = field(
        init=False, default=None
    )  # callback(t, action, verdict) for annotations
    on_divergence: object = field(
        init=False, default=None
    )  # callback(Divergence): the log and today differ

    def __post_init__(self):
        self.scenario = self.log.scenario
        self.seed = self.log.seed
        self.trainee = self.log.trainee
        self.agent = initials(self.trainee)
        self.coaching = False  # the replay annotates every reply itself
        self.network = (
            self.network if self.network is not None else load_or_build(spec_for(self.scenario))
        )
        self.end = self.scenario.duration if self.log.complete else self.log.last_time
        self._restart()

    def _restart(self) -> None:
        self.session = Session(
            self.scenario, seed=self.seed, assess=self.assess, network=self.network
        )
        self._recorded = recorded(self.log)
        self._next = 0

    # the LiveSession interface the console uses
    @property
    def speed(self) -> float:
        return self.scenario.speed * self.multiplier

    @property
    def min_speed(self) -> float:
        return self.scenario.speed * REPLAY_SPEEDS[0]

    @property
    def max_speed(self) -> float:
        return self.scenario.speed * REPLAY_SPEEDS[-1]

    def faster(self) -> float:
        bigger = [m for m in REPLAY_SPEEDS if m > self.multiplier]
        self.multiplier = float(bigger[0]) if bigger else self.multiplier
        return self.speed

    def slower(self) -> float:
        smaller = [m for m in REPLAY_SPEEDS if m < self.multiplier]
        self.multiplier = float(smaller[-1]) if smaller else self.multiplier
        return self.speed

    def toggle_pause(self) -> bool:
        self.paused = not self.paused
        return self.paused

    def tick(self, wall_seconds: float) -> list[Event]:
        if self.paused or self.session.now >= self.end:
            return []
        return self.advance_to(min(self.end, self.session.now + wall_seconds * self.speed))

    def advance_to(self, t: float) -> list[Event]:
        """Up to t, applying the recorded actions at the moments they were taken."""
        t = min(t, self.end)
        events: list[Event] = []
        actions = self._recorded
        while self._next < len(actions) and actions[self._next][0] <= t:
            when, action, verdict = actions[self._next]
            self._next += 1
            seen = len(self.session.divergences)
            done, applied = apply_recorded(self.session, when, action, verdict)
            events += done
            for divergence in self.session.divergences[seen:]:
                if self.on_divergence:
                    self.on_divergence(divergence)
            if applied and self.on_action:
                self.on_action(when, action, self.session.last_verdict)
        events += self.session.advance_to(t)
        self.history.extend(events)
        return events

    @property
    def divergences(self):
        """Where the replay came out differently from the log so far (recorded verdicts, refused actions)."""
        return self.session.divergences

    def seek(self, t: float) -> list[Event]:
        t = max(0.0, min(t, self.end))
        if t < self.session.now:
            self._restart()
            self.history = []
        return self.advance_to(t)

    def act(self, action: Action) -> list[Event]:
        raise ActionError("this is a replay: press r to take over from here")

    def open_log(self) -> Path | None:
        return None

    def close(self, reason: str = "quit") -> None:
        return None
