"""Headless players on the Session API: `none`, `reference` and `bad` (DESIGN §2).

- none: nobody answers. The containment baseline.
- reference: a competent team following the policy: escalates press, legal and
  safety mentions, acknowledges every complaint within the target with an
  apology when the brand is at fault, an explanation, a concrete next step and
  a sign-off, moves personal cases to DM, posts the holding statement soon
  after the storm is declared, resolves with a solution.
- bad: slow, defensive, asks for personal data in public, hides complaints.

Their choices are keyed by the thread (rng.BOT), so a bot plays a seed the
same way every time.
"""

from __future__ import annotations

import zlib
from functools import cache

import yaml

from scenarios.slots import fill
from scenarios.vocabulary import HIDEABLE_CHANNELS

from . import rng
from .events import Action, ActionError
from .session import Session
from .threads import Thread
from .writing import TEXTS


@cache
def replies(language: str) -> dict:
    return yaml.safe_load((TEXTS / f"replies_{language}.yaml").read_text(encoding="utf-8"))


class Bot:
    """Nobody answers."""

    name = "none"

    def __init__(self, session: Session):
        self.session = session

    def act(self) -> list[Action]:
        return []


class ReferenceBot(Bot):
    name = "reference"

    def __init__(self, session: Session):
        super().__init__(session)
        self.bank = replies(session.language)
        address = session.policy.tone.address
        self.form = "u" if address == "u" else "je"
        self.statement_posted = False
        self.updated: dict[int, float] = {}

    def _part(self, name: str, key: int) -> str:
        bank = self.bank
        if self.session.language == "nl" and name in bank[self.form]:
            return rng.choice(bank[self.form][name], key, zlib.crc32(name.encode()))
        return rng.choice(bank[name], key, zlib.crc32(name.encode()))

    def _for_topic(self, section: str, topic: str):
        """The bank's entry for a topic; `any` for a topic the bank has no words for (a trainer's own)."""
        return self.bank[section].get(topic) or self.bank[section]["any"]

    def _slots(self, th: Thread | None, key: int) -> dict:
        session = self.session
        agent = rng.choice(self.bank["agents"], key, 1)
        later = session.scenario.clock(session.now + 3600 - session.now % 1800)
        values = {"agent": agent, "time": later}
        if th is not None:
            values.update(first_name=th.first_name, solution=self._for_topic("solution", th.topic),
                          topic_words=self._for_topic("topic_words", th.topic))  # fmt: skip
        return values

    def first_reply(self, th: Thread, attempt: int = 0) -> str:
        key = rng.key(th.key, rng.BOT, 2, attempt)
        parts = [self._part("greet", key)]
        if th.anger >= 0.4 or attempt % 2:
            parts.append(self._part("acknowledge", key))
        if th.at_fault:
            parts.append(self._part("apology", key))
        parts.append(rng.choice(self._for_topic("explain", th.topic), key, 3))
        parts.append(rng.choice(self._for_topic("next_step", th.topic), key, 4))
        if th.needs_data:
            parts.append(self._part("to_dm", key))
        parts.append(rng.choice(self.bank["sign"][:2], key, 5))
        return fill(" ".join(parts), self._slots(th, key))

    def _unique(self, th: Thread | None, make, public: bool, kind: str) -> str:
        """The first phrasing the rubric doesn't flag as pasted."""
        text = make(0)
        for attempt in range(1, 6):
            verdict = self.session.assess(text, self.session.context(th, public=public, kind=kind))
            if not verdict.has("duplicate"):
                break
            text = make(attempt)
        return text

    def act(self) -> list[Action]:
        s = self.session
        now = s.now
        out: list[Action] = []
        if s.declared and not self.statement_posted and now >= min(s.declared.values()) + 300:
            topics = sorted(s.declared)
            key = rng.key(s.seed, rng.BOT, 9)
            words = self._for_topic("topic_words", topics[0])
            bank = self.bank["holding"][self.form] if s.language == "nl" else self.bank["holding"]
            text = fill(rng.choice(bank, key, 1), {**self._slots(None, key), "topic_words": words})
            out.append(Action("holding_statement", text=text))
            self.statement_posted = True
        for th in s.threads:
            if not th.visible or th.hidden:
                continue
            if th.kind_name == "praise":
                if not th.liked:
                    out.append(Action("like", th.id))
                continue
            for rule in th.escalate_rules:
                team = s.policy.escalate[rule].team
                if team not in th.escalated and now >= th.created + 60:
                    out.append(Action("escalate", th.id, team=team))
            if not th.needs_response or th.resolved_at is not None:
                continue
            delay = 150 + 390 * rng.uniform(th.key, rng.BOT, 1)  # 2.5 to 9 minutes
            if th.first_response is None:
                if now >= th.created + delay:
                    text = self._unique(th, lambda a, th=th: self.first_reply(th, a), public=True, kind="reply")
                    out.append(Action("reply", th.id, text=text))
                continue
            if th.needs_data:
                if th.data_given and now >= th.last_customer + 120:
                    key = rng.key(th.key, rng.BOT, 6)
                    text = fill(self._part("resolve_dm", key), self._slots(th, key))
                    out.append(Action("resolve", th.id, text=text))
                    continue
            elif now >= th.first_response + 900:
                out.append(Action("resolve", th.id))
                continue
            waiting = th.waiting_since
            if waiting is not None and now - waiting >= 180 and not th.in_dm and self.updated.get(th.id, -1) < waiting:
                key = rng.key(th.key, rng.BOT, 7, th.contacts)
                text = fill(self._part("followup_reply", key), self._slots(th, key))
                out.append(Action("reply", th.id, text=text))
                self.updated[th.id] = now
        return out


class BadBot(Bot):
    name = "bad"

    def __init__(self, session: Session):
        super().__init__(session)
        self.bank = replies(session.language)["bad"]

    def act(self) -> list[Action]:
        s = self.session
        now = s.now
        out: list[Action] = []
        for th in s.threads:
            if not th.needs_response or th.hidden or th.resolved_at is not None:
                continue
            u = rng.uniform(th.key, rng.BOT, 11)
            if u < 0.4 and th.channel in HIDEABLE_CHANNELS:
                if now >= th.created + 900 + 1200 * rng.uniform(th.key, rng.BOT, 12):
                    out.append(Action("hide", th.id, reason="other"))
            elif u < 0.8:
                if th.first_response is None and now >= th.created + 3600 + 5400 * rng.uniform(th.key, rng.BOT, 13):
                    key = rng.key(th.key, rng.BOT, 14)
                    out.append(Action("reply", th.id, text=rng.choice(self.bank["reply"], key, 1)))
                elif th.first_response is not None and now >= th.first_response + 1800:
                    key = rng.key(th.key, rng.BOT, 15)
                    out.append(Action("resolve", th.id, text=rng.choice(self.bank["resolve"], key, 1)))
        return out


BOTS: dict[str, type[Bot]] = {"none": Bot, "reference": ReferenceBot, "bad": BadBot}


def play(session: Session, bot: str, recorder=None, until: float | None = None, every: float = 60.0) -> Session:
    """Let a bot play the session to its end (or `until`); `recorder(kind, t, payload)` sees everything."""
    if bot not in BOTS:
        raise ValueError(f"unknown bot {bot!r}; bots: {', '.join(BOTS)}")
    player = BOTS[bot](session)
    end = session.duration if until is None else min(until, session.duration)
    t = session.now
    while session.now < end:
        t = min(t + every, end)
        events = session.advance_to(t)
        if recorder:
            recorder.events(events)
        if session.finished:
            break
        for action in player.act():
            try:
                events = session.apply(action)
            except ActionError:
                continue
            if recorder:
                recorder.action(session.now, action)
                recorder.events(events)
    return session
