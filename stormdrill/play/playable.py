"""What the console needs of a session it shows: a live one or a replayed one."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from stormdrill.scenarios import Scenario
from stormdrill.simulator.events import Action, Event
from stormdrill.simulator.session import Session


class Playable(Protocol):
    """A session as the console drives it: LiveSession (the trainee's) or ReplayPlayer (a log's)."""

    scenario: Scenario
    session: Session
    trainee: str | None
    agent: str
    paused: bool
    baseline: np.ndarray | None
    history: list[Event]
    log_path: Path | None
    parent: dict | None

    @property
    def speed(self) -> float: ...

    @property
    def min_speed(self) -> float: ...

    @property
    def max_speed(self) -> float: ...

    def faster(self) -> float: ...

    def slower(self) -> float: ...

    def toggle_pause(self) -> bool: ...

    def tick(self, wall_seconds: float) -> list[Event]: ...

    def advance_to(self, t: float) -> list[Event]: ...

    def act(self, action: Action) -> list[Event]: ...

    def open_log(self) -> Path | None: ...

    def close(self, reason: str = "quit") -> None: ...

    def compute_baseline(self) -> np.ndarray: ...
