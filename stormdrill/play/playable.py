"""What the console needs from the storm it shows: the trainee's own, or a recorded one played back.

`LiveSession` (the trainee plays, every action goes to the log) and `ReplayPlayer` (a log played
back; `act` refuses) both are a `Playable`: the app and the screens that show either take this type,
so a member one of them lacks is a type error rather than an AttributeError mid-storm. Screens
that only make sense for one (the briefing, the replay's own controls) take that class itself.
Textual-free, like the rest of play/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from stormdrill.scenarios import Scenario
from stormdrill.simulator.events import Action, Event
from stormdrill.simulator.session import Session


class Playable(Protocol):
    """A storm on the console: its engine and clock, the log it keeps (if any), what it may do."""

    paused: bool  # the app pauses it while the terminal is too small or the log needs a new home

    @property
    def scenario(self) -> Scenario: ...

    @property
    def session(self) -> Session: ...

    @property
    def trainee(self) -> str | None: ...

    @property
    def agent(self) -> str:
        """The initials replies are signed with."""
        ...

    @property
    def coaching(self) -> bool | None:
        """Coaching on the spot; None: as the scenario's controls say."""
        ...

    @property
    def log_path(self) -> Path | None:
        """Where the trainee's actions are recorded; None for a replay (it keeps no log of its own)."""
        ...

    @property
    def baseline(self) -> np.ndarray | None:
        """Negative reach per minute if nobody answers; None until `compute_baseline` has run."""
        ...

    def compute_baseline(self) -> np.ndarray: ...

    # the clock
    @property
    def speed(self) -> float:
        """Simulated seconds per real second."""
        ...

    @property
    def min_speed(self) -> float: ...

    @property
    def max_speed(self) -> float: ...

    def faster(self) -> float: ...

    def slower(self) -> float: ...

    def toggle_pause(self) -> bool: ...

    def tick(self, wall_seconds: float) -> list[Event]: ...

    def advance_to(self, t: float) -> list[Event]: ...

    # the trainee's actions and the log
    def act(self, action: Action) -> list[Event]:
        """Apply and record an action; raises ActionError with a message for people."""
        ...

    def open_log(self) -> Path | None: ...

    def close(self, reason: str = "quit") -> None: ...
