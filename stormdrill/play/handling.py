"""How real time maps to storm time: waiting is compressed, writing costs a real agent's handling time.

While the trainee waits, reads the inbox and browses, the storm runs at the scenario's speed (×15 in
the library). While the trainee writes a message (the composer is open on a customer or on the
holding statement), the storm runs at `COMPOSE_SPEED`, a real minute per storm minute, but only for
as long as the team's handling-time model gives that message: `team.read` + `team.per_char` × its
length (`TeamCapacity.message_seconds`, the very numbers the reference team is timed by). Past that
allowance the storm runs at full speed again: a trainee slower than the model pays the difference,
which is what the speed dimension should measure.

The allowance is one ledger for the whole session, not one per draft. Slowed time spent on a draft
that is never sent stays owed, and sending a message pays off its own allowance only (what it did
not use is not banked). So the storm never runs slowed for longer than the handling time of the
messages actually sent plus the one being written: keeping drafts open, on one thread or on many,
buys no time for the rest of the storm. docs/trainers.md explains it for trainers.

Textual-free: the console tells it what is being written, tests drive it with wall seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from stormdrill.scenarios.model import TeamCapacity

COMPOSE_SPEED = 1.0  # while writing, storm time runs as real time: the agent's own minutes


@dataclass
class HandlingClock:
    team: TeamCapacity
    compose_speed: float = COMPOSE_SPEED
    real: float = 0.0  # wall seconds the storm clock has run (pauses not counted)
    owed: float = 0.0  # storm seconds run slowed since the last message went out
    slowed_total: float = 0.0  # storm seconds run slowed in the whole session
    draft: str | None = None  # the message being written; None while not writing

    def allowance(self, text: str) -> float:
        """Storm seconds a real agent takes to read up on a case and write `text` (the team's model)."""
        return self.team.message_seconds(text)

    def left(self) -> float:
        """Slowed storm seconds the message being written still has (0 when not writing)."""
        if self.draft is None:
            return 0.0
        return max(0.0, self.allowance(self.draft) - self.owed)

    def slowed(self, speed: float) -> bool:
        """Is the storm running at compose speed right now?"""
        return self.compose_speed < speed and self.left() > 0

    def storm_seconds(self, wall: float, speed: float) -> float:
        """How far the storm moves in `wall` real seconds at `speed`, given what is being written."""
        self.real += wall
        if not self.slowed(speed):
            return wall * speed
        slow_wall = min(wall, self.left() / self.compose_speed)
        slow = slow_wall * self.compose_speed
        self.owed += slow
        self.slowed_total += slow
        return slow + (wall - slow_wall) * speed

    def sent(self, text: str) -> dict:
        """A message went out: it pays off its own allowance; returns what the log keeps of its time."""
        allowance = self.allowance(text)
        used = min(self.owed, allowance)
        self.owed -= used  # what is left was spent on drafts never sent: still owed
        return {"real": round(self.real, 1), "slowed": round(used, 1), "allowance": allowance}

    def describe(self, speed: float) -> dict:
        """The model, for the log's header: enough to recompute every storm second from real ones."""
        return {
            "speed": speed,
            "compose_speed": self.compose_speed,
            "read": float(self.team.read),
            "per_char": self.team.per_char,
            "handling": None if self.team.handling is None else float(self.team.handling),
        }
