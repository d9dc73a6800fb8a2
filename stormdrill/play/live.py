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
from stormdrill.simulator.assessment import Assess, ReplyAssessment
from stormdrill.simulator.events import Action, ActionError, Event
from stormdrill.simulator.log import LogWriter, make_header
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

    scenario: Scenario
    seed: int
    assess: Assess
    baseline: np.ndarray | None

    def compute_baseline(self) -> np.ndarray:
        from stormdrill.scoring.scorecard import baseline_series

        self.baseline = baseline_series(self.scenario, self.seed, "none", self.assess)
        return self.baseline


@dataclass
class LiveSession(_Baseline):
    scenario: Scenario
    seed: int
    assess: Assess
    trainee: str | None = None
    log_path: Path | None = None
    network: Network | None = None
    speed: float = 0.0  # 0 (or None): the scenario's own speed
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

    def __post_init__(self) -> None:
        network = (
            self.network if self.network is not None else load_or_build(spec_for(self.scenario))
        )
        self.session = Session(self.scenario, seed=self.seed, assess=self.assess, network=network)
        self.speed = self.clamp_speed(self.speed or self.scenario.speed)
        self.agent = initials(self.trainee)
        self.coaching = self.scenario.controls.coaching if self.coaching is None else self.coaching
        self.clock = HandlingClock(self.scenario.team_capacity)

    # -------------------------------------------------------------- the log

    def open_log(self) -> Path | None:
        """Start recording (from the first second of the storm); the log's path (None: no log)."""
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
    def action(
        self,
        t: float,
        action: Action,
        verdict: ReplyAssessment | None = None,
        timing: dict | None = None,
    ) -> None:
        if self.log:
            self.log.action(t, action, verdict, timing=timing)

    def events(self, events: list[Event]) -> None:
        if self.log:
            self.log.events(events)
        self.history.extend(events)

    def team_line(self, line: dict) -> None:
        """A team log's own line (a trainer's inject, replayed into a rewind) kept in this log."""
        if self.log:
            self.log.team_line(line)
