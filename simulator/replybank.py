"""The reference team's words: replies put together from a bank written in a team's own voice.

The bank (simulator/texts/replies_bank_<language>.yaml) has lines per part and situation; a reply
takes one line per part, chosen by a draw keyed to the thread (rng.BOT), so the same storm gets
the same replies. The situation comes from the thread: its topic, severity, whether the brand is at
fault, whether it needs personal data, press, legal and safety cases. Nothing here knows the
rubric's phrase lists: the yardstick must not be written in the judge's own words.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from stormdrill.scenarios.slots import fill

from . import rng
from .threads import Thread
from .writing import TEXTS

CALM = 0.3  # below this anger a post is a report, not an outburst


@cache
def reply_bank(language: str) -> dict:
    return yaml.safe_load((TEXTS / f"replies_bank_{language}.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Situation:
    """What a reply has to fit."""

    at_fault: bool
    needs_data: bool
    severe: bool
    injury: bool
    legal: bool
    waited: bool  # the customer had to ask more than once
    calm: bool  # a mild post: thank them rather than tell them how they feel

    @property
    def acknowledgement(self) -> str:
        if self.injury:
            return "injury"
        if self.severe:
            return "severe"
        if self.waited:
            return "waited"
        return "calm" if self.calm else "default"

    @property
    def next_step(self) -> str:
        """What the reply offers next: the most serious need wins."""
        if self.injury:
            return "safety"
        if self.legal:
            return "legal"
        if self.severe:
            return "call"
        return "dm" if self.needs_data else "update"


class ReplyBank:
    """One team's bank in one language and form of address (`je`/`u` in Dutch, `any` in English)."""

    def __init__(self, language: str, address: str):
        self.bank = reply_bank(language)
        self.form = ("u" if address == "u" else "je") if language == "nl" else "any"
        self.section = self.bank[self.form]
        self._injury = [
            re.compile(r"(?<!\w)" + re.escape(word)) for word in self.bank["injury_words"]
        ]

    @property
    def agents(self) -> list[str]:
        return self.bank["agents"]

    def is_injury(self, text: str) -> bool:
        lowered = text.lower()
        return any(word.search(lowered) for word in self._injury)

    def lines(self, *path: str) -> list[str]:
        """The lines at `path`, in this form's section or else shared by both forms; a topic the bank has
        no lines for (a trainer's own) gets the `general` lines of that section."""
        for attempt in (path, (*path[:-1], "general")):
            found = self._lines(attempt)
            if found is not None:
                return found
        raise KeyError("/".join(path))

    def _lines(self, path: tuple[str, ...]) -> list[str] | None:
        for root in (self.section, self.bank):
            node: Any = root  # the banks' YAML: mappings down to lists of lines
            for step in path:
                if not isinstance(node, dict) or step not in node:
                    break
                node = node[step]
            else:
                return node
        return None

    def pick(self, key: int, *path: str) -> str:
        return rng.choice(self.lines(*path), key, zlib.crc32("/".join(path).encode()))

    def situation(self, th: Thread, legal: bool) -> Situation:
        return Situation(
            at_fault=th.at_fault,
            needs_data=th.needs_data,
            severe=th.severity == "high",
            injury=self.is_injury(" ".join(m.text for m in th.messages if m.who == "customer")),
            legal=legal,
            waited=th.contacts > 1,
            calm=th.anger < CALM,
        )

    def first_reply(self, th: Thread, situation: Situation, key: int, slots: dict) -> str:
        """Greet, acknowledge, own it (or offer help), say what we do, offer the next step, sign."""
        parts = [self.pick(key, "greet"), self.pick(key, "acknowledge", situation.acknowledgement)]
        if situation.at_fault:
            parts.append(self.pick(key, "apology"))
        elif not situation.injury:
            parts.append(self.pick(key, "help"))
        if not situation.injury:
            parts.append(self.pick(key, "status", th.topic))
        parts.append(self.pick(key, "next", situation.next_step))
        parts.append(self.pick(key, "sign"))
        return fill(" ".join(parts), slots)

    def press_reply(self, key: int, slots: dict) -> str:
        return fill(f"{self.pick(key, 'press')} {self.pick(key, 'sign')}", slots)

    def followup(self, key: int, slots: dict) -> str:
        return fill(f"{self.pick(key, 'followup')} {self.pick(key, 'sign')}", slots)

    def resolution(
        self, th: Thread, situation: Situation, key: int, slots: dict, senior: bool = False
    ) -> str:
        """The private message that closes a case once its details came in; `senior`: a senior colleague calls."""
        # A case that sent its details gets its fix; a severe one without a fix to give gets a call.
        senior = senior or (situation.severe and not th.data_given)
        which = "injury" if situation.injury else ("severe" if senior else th.topic)
        parts = [
            self.pick(key, "resolve"),
            self.pick(key, "solution", which),
            self.pick(key, "close", "injury" if situation.injury else "default"),
            self.pick(key, "sign"),
        ]
        return fill(" ".join(parts), slots)

    def statement(self, key: int, update: bool, slots: dict) -> str:
        kind = "holding_update" if update else "holding"
        return fill(f"{self.pick(key, kind)} {self.pick(key, 'sign')}", slots)

    def topic_words(self, topics: list[str]) -> str:
        words = [self.bank["topic_words"].get(t, t.replace("_", " ")) for t in topics]
        joiner = " en " if self.form != "any" else " and "
        return joiner.join(words)
