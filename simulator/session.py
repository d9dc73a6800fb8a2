"""The Session: a storm that runs forward in simulated time and reacts to actions.

    session = Session(scenario, seed=3, assess=scoring.assess)
    events = session.advance_to(600)              # ten simulated minutes
    events = session.apply(Action("reply", thread=1, text="..."))

Pure and deterministic for (scenario, seed, actions): no wall clock, no I/O,
every random draw keyed (rng.py). Time advances in fixed steps of STEP seconds
whatever slices `advance_to` is called with, so a replay that calls it at other
moments gets the same events. An action applied at time t takes effect from
the step that contains t.

This module is the public face; the Session's parts live beside it, each a layer
of the class (docs/architecture.md): `world.py` (its state), `posting.py` (new
threads and who sees them), `conditions.py` (a scenario's `if:`), `escalations.py`,
`reactions.py` (scripted posts, fresh complaints, the crowd's reactions),
`step.py` (heat and the spread, one step), `actions.py` (the trainee's actions)
and `snapshot.py` (what the console shows). Its numbers are in `model_numbers.py`.
"""

from __future__ import annotations

import math
import re

from stormdrill.scenarios.vocabulary import TOPIC_PATTERN

from . import rng
from .actions import HANDLERS, Actions
from .assessment import ReplyAssessment
from .events import ACTION_KINDS, Action, ActionError, Divergence, Event
from .snapshot import InboxItem, Snapshot, snapshot
from .spread import STEP
from .threads import Thread

__all__ = ["Action", "ActionError", "Divergence", "Event", "InboxItem", "Session", "Snapshot"]


class Session(Actions):
    """One storm for (scenario, seed): `advance_to`, `apply`, `inject`, `snapshot`, `totals`.

    Session(scenario, seed=None, assess=..., network=None, use_cache=True): `assess` judges reply
    texts (scoring.assess; the simulator never imports scoring); `network` a prebuilt follower graph.
    """

    def advance_to(self, t: float) -> list[Event]:
        """Run the storm up to simulated time t (seconds); returns what happened."""
        if t < self.now - 1e-9:
            raise ValueError(
                f"time only moves forward: the session is at {self.now:.1f}s, asked for {t:.1f}s"
            )
        t = min(float(t), self.duration)
        target_steps = math.ceil(self.duration / STEP) if t >= self.duration else int(t // STEP)
        while self._steps_done < target_steps:
            self._step(self._steps_done)
            self._steps_done += 1
        was_finished = self.finished
        self.now = t
        if self.finished and not was_finished:
            self._emit(Event(self.duration, "end", cause="the storm's time is up"))
        return self._drain()

    def apply(self, action: Action, verdict: ReplyAssessment | None = None) -> list[Event]:
        """Carry out a trainee's action at the current time; raises ActionError if it can't be done.

        A message is judged here, once; `verdict` is the one a log recorded for this action (a replay):
        the session then uses it as it was, and notes in `divergences` if the judge now sees it otherwise.
        """
        if self.finished:
            raise ActionError("the storm is over; open the debrief")
        handler = HANDLERS.get(action.kind)
        if handler is None:
            raise ActionError(f"unknown action {action.kind!r}; actions: {', '.join(ACTION_KINDS)}")
        self._recorded, self._verdict = verdict, None
        self.writer.at(self.now)
        try:
            handler(self, action)
        finally:
            self._recorded = None
        self.actions.append((self.now, action))
        self.verdicts.append(self._verdict)
        return self._drain()

    @property
    def last_verdict(self) -> ReplyAssessment | None:
        """The verdict of the last action applied (None: it had no message), for the log."""
        return self.verdicts[-1] if self.verdicts else None

    def inject(
        self,
        topic: str,
        text: str,
        node: int | None = None,
        channel: str = "twitter",
        anger: float = 0.5,
        mention: bool = True,
        cause: str = "injected",
    ) -> Thread:
        """A post now, by `node` (default: a customer picked by the seed): for a white cell and for analysis.

        `topic` is any topic word; one the scenario does not know joins the session's topics.
        """
        if not re.fullmatch(TOPIC_PATTERN, topic or ""):
            raise ActionError(f"{topic!r} is not a topic word: lowercase letters, digits, _ and -")
        key = rng.key(self.seed, rng.SCRIPT, 1_000_000 + len(self.threads))
        self.writer.at(self.now)
        if node is None:
            node = self._pick_customer(key, self._topic_id(topic))
            if node is None:
                raise ActionError("no customer left to post")
        thread = self._new_thread(
            self.now, key, int(node), topic, channel, text, anger, mention=mention, cause=cause
        )
        return thread

    def snapshot(self) -> Snapshot:
        """What the console shows now: the inbox in priority order and the storm's figures."""
        return snapshot(self)

    def totals(self) -> dict:
        neg = self.metrics["negative"]
        return {
            "negative_impressions": int(neg.sum()),
            "positive_impressions": int(self.metrics["positive"].sum()),
            "brand_impressions": int(self.metrics["brand"].sum()),
            "reshares": int(self.metrics["reshares"].sum()),
            "complaints": int(self.metrics["complaints"].sum()),
            "escalations": int(self.metrics["escalations"].sum()),
            "peak_negative_per_minute": int(neg.max()) if len(neg) else 0,
            "threads": len(self.threads),
            "rating": self.rating,
        }
