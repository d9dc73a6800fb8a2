"""Playing a recorded session back, read-only, with seeking: the replay console's engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from stormdrill.simulator.assessment import Assess, ReplyAssessment
from stormdrill.simulator.events import Action, ActionError, Divergence, Event
from stormdrill.simulator.log import SessionLog, apply_recorded, recorded, replay_inject
from stormdrill.simulator.network import Network, load_or_build, spec_for
from stormdrill.simulator.session import Session

from .live import _Baseline, initials

REPLAY_SPEEDS = (1, 2, 4, 8, 16, 32)
TIMELINE_LINES = ("inject", "note", "message")  # a team log's lines the replay shows


@dataclass
class ReplayPlayer(_Baseline):
    """Plays a recorded session back: the same storm, the trainee's actions as they happened.

    Read-only: `act` refuses. Speeds are multiples of the scenario's own clock (×1 … ×32); seeking
    backwards re-runs the log from the start, which the deterministic engine makes exact.
    """

    log: SessionLog
    assess: Assess
    network: Network | None = None
    multiplier: float = 1.0
    paused: bool = field(init=False, default=False)
    baseline: np.ndarray | None = field(init=False, default=None)
    history: list[Event] = field(init=False, default_factory=list)
    log_path: Path | None = field(init=False, default=None)
    parent: dict | None = field(init=False, default=None)
    # callback(t, action, verdict) for annotations
    on_action: Callable[[float, Action, ReplyAssessment | None], None] | None = field(
        init=False, default=None
    )
    # callback(Divergence): the log and today differ
    on_divergence: Callable[[Divergence], None] | None = field(init=False, default=None)
    on_team_line: Callable[[dict], None] | None = field(
        init=False, default=None
    )  # an inject, a note

    def __post_init__(self) -> None:
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
        # A team exercise's injects, notes and messages, each after the actions logged before it.
        self._team = [line for line in self.log.team if line["type"] in TIMELINE_LINES]
        self._next_line = 0
        self.last_author: dict | None = None  # who took the action just replayed (team logs)

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
        while (self._next < len(actions) and actions[self._next][0] <= t) or self._team_line_due(t):
            if self._team_line_due(t):
                events += self._team_line()
                continue
            when, action, verdict = actions[self._next]
            authors = self.log.authors
            self.last_author = authors[self._next] if len(authors) == len(actions) else None
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

    def _team_line_due(self, t: float) -> bool:
        if self._next_line >= len(self._team):
            return False
        line = self._team[self._next_line]
        return line["after"] <= self._next and float(line["t"]) <= t

    def _team_line(self) -> list[Event]:
        line = self._team[self._next_line]
        self._next_line += 1
        events: list[Event] = []
        if line["type"] == "inject":
            events, _ = replay_inject(self.session, line)
        if self.on_team_line:
            self.on_team_line(line)
        return events

    @property
    def divergences(self) -> list[Divergence]:
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
