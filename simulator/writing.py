"""Generated posts and people that read like real ones.

Names come from Faker in the scenario's locale; texts from the topic packs in
simulator/texts/<language>.yaml or the scenario's own `topics:`, assembled from
an opener, a complaint line and a closer matched to the poster's anger.

Three promises, each kept by construction rather than by retrying:
- **No line repeats while its bank has unused lines.** The n-th draw from a
  bank takes the n-th entry of a permutation keyed by the session's seed and
  the bank's name, so a run walks through the whole bank before it starts over.
- **Time never contradicts the storm's clock.** `{since}` is a clock time from
  the storm's start (when the brief says it began) to now, `{waited}` how long that is ago at the moment of
  posting, `{today}` the part of the day; no text says "day 7" or "weeks" in a
  two-hour storm (`{days}` is for a customer's own history: "ordered 9 days ago").
- **A topic without a pack talks about itself.** A trainer's own topic, or one
  only scripted posts use, gets its pile-ons and headlines from the words of its
  own texts ("same here: the green bin wasn't emptied") rather than from an
  unrelated pack.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import yaml
from stormdrill.scenarios.vocabulary import CURRENCIES, DEFAULT_CURRENCY, TOPICS, Language

from . import rng
from .people import warm_up
from .postslots import (
    THING_DRAW,
    Slots,
    end_clause,
    fill,
    level_of,
    pile_on_texts,
    sentence,
)

TEXTS = Path(__file__).parent / "texts"
ORDERS_AHEAD = 16  # a bank's orders made at once, once it comes round again (Writer._order)
SECTIONS = ("things", "complaints", "follow_ups", "pile_ons", "unmentioned", "headlines")


@cache
def bank(language: str) -> dict:
    return yaml.safe_load((TEXTS / f"{language}.yaml").read_text(encoding="utf-8"))


@cache
def stop_words(language: str) -> frozenset[str]:
    """Words that never say what a storm is about (generate's monitoring keywords, a topic's own {thing})."""
    return frozenset(bank(language)["stop_words"].split())


def content_words(text: str, language: str, skip: tuple[str, ...] = ()) -> list[str]:
    """The words of a text that say what it is about, most frequent first (ties: first seen)."""
    text = re.sub(r"[@#]\w+|https?://\S+|\{[a-z_]+\}", " ", text.lower())
    text = re.sub(r"['’]s\b", "", text)  # month's -> month
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*[^\W\d_]", text) if len(w) >= 4]
    stop = stop_words(language) | {s.lower() for s in skip}
    counts = Counter(w for w in words if w not in stop)
    first_seen = {w: i for i, w in reversed(list(enumerate(words)))}
    return sorted(counts, key=lambda w: (-counts[w], first_seen[w]))


def echoes(text: str) -> list[str]:
    """Statements in a post another person could repeat ("the green bin wasn't emptied"); no questions."""
    text = re.sub(r"[@#]\w+|https?://\S+", " ", text)
    out = []
    for clause in re.split(r"(?<=[.!?])\s+|\s+[-–—]\s+|;\s*", text):
        if clause.rstrip().endswith("?"):
            continue  # a question echoed as a statement reads wrong
        clause = re.sub(r"\s+", " ", clause).strip(" .!,:")
        if 4 <= len(clause.split()) <= 14:
            out.append(
                clause[:1].lower() + clause[1:] if not clause.startswith(("I ", "I'")) else clause
            )
    return out


@dataclass
class TopicTexts:
    """One topic's texts in the session's language, with its echoes (for what it does not write itself)."""

    sections: dict[str, list[str]]
    echoes: list[str] = field(default_factory=list)

    @cached_property
    def nested_echo(self) -> bool:
        """Whether an echo has an {echo} in it (then Writer.slots fills it when it is picked)."""
        return any("{echo}" in echo for echo in self.echoes)

    @cached_property
    def place_in_echo(self) -> bool:
        """Whether an echo names a town (postslots.pile_on_texts draws one for its post then)."""
        return any("{place}" in echo for echo in self.echoes)


def plural(word: str, language: str) -> str:
    if language == "en":
        return (
            word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
        )
    return word + ("s" if word.endswith(("er", "el", "em", "en", "je", "ie", "e")) else "en")


class Writer:
    """Writes the posts of one session: its topics, its clock, its currency; no line twice while others are left.

    `topics` are the scenario's own topic definitions (scenarios.model.TopicDef by name), `scripted` the
    (topic, text) of its scripted posts; `at(t)` tells the writer the storm's time before it writes.
    """

    def __init__(
        self,
        language: Language,
        brand: str,
        handle: str,
        *,
        seed: int = 0,
        starts_at: str = "09:00",
        topics: dict | None = None,
        scripted: tuple[tuple[str, str], ...] = (),
        words=None,
    ):
        self.language = language
        self.brand = brand
        self.handle = handle
        self.bank = bank(language)
        self.seed = int(seed)
        hours, minutes = map(int, starts_at.split(":"))
        self.start_minute = hours * 60 + minutes
        self.elapsed = 0.0
        self._drawn: dict[str, int] = {}
        self._orders: dict[tuple[str, int], list[int]] = {}
        self._own = dict(topics or {})
        self._scripted = tuple(scripted)
        self._topics: dict[str, TopicTexts] = {}
        currency = (words.currency if words is not None else None) or DEFAULT_CURRENCY[language]
        self.currency = CURRENCIES[currency]
        default = self.bank["words"]
        customer = (words.customer if words is not None else None) or default["customer"]
        custom_plural = words.customers if words is not None else None
        self.customer = customer
        self.customers = custom_plural or (
            default["customers"] if customer == default["customer"] else plural(customer, language)
        )

    def prepare(self, topics) -> None:
        """Do the start-up work now rather than in the storm's first minutes: Faker's locale (tens of
        milliseconds to load), its name lists, and the texts of the topics the session knows."""
        warm_up(self.language)
        for name in topics:
            self.topic(name)

    # ------------------------------------------------------------------ time and money

    def at(self, t: float) -> None:
        """The storm's time (seconds since it began) for the texts written next."""
        self.elapsed = max(0.0, float(t))

    def duration_words(self, seconds: float) -> str:
        words = self.bank["words"]
        minutes = int(seconds // 60)
        if minutes < 60:
            return words["minutes"].format(n=max(5, minutes // 5 * 5))
        if minutes < 90:
            return words["an_hour"]
        return words["hours"].format(n=max(2, round(minutes / 60)))

    def _clock(self, minute: int) -> str:
        minute %= 24 * 60
        return f"{minute // 60}:{minute % 60:02d}"

    def money(self, amount: int, cents: str = "00") -> str:
        separator = "," if self.language == "nl" else "."
        return f"{self.currency}{amount}{separator}{cents}"

    # ------------------------------------------------------------------ picking lines

    def pick(self, name: str, options: Sequence[str], at: int | None = None) -> str:
        """The next line of bank `name`: a keyed permutation, walked in order, so none repeats before all are used.

        `at` walks it by a number of the caller's instead of this writer's own count: a fresh complaint's
        ordinal among its topic's arrivals, the same in the trainee's run and in the run nobody answers.
        """
        if at is None:
            n = self._drawn.get(name, 0)
            self._drawn[name] = n + 1
        else:
            n, name = at, name + "@"
        return self.nth(name, n, options)

    def nth(self, name: str, n: int, options: Sequence[str]) -> str:
        """The n-th line of bank `name` in its walk (`pick`'s)."""
        size = len(options)
        cycle, position = divmod(n, size)
        order = self._orders.get((name, cycle))
        if order is None or len(order) != size:
            order = self._order(name, cycle, size)
        return options[order[position]]

    def _order(self, name: str, cycle: int, size: int) -> list[int]:
        """Bank `name`'s order in `cycle`: rng.permutation(size, rng.key(seed, bank, cycle)).

        A bank that comes round again is one that is used a lot (a topic's pile-ons, the closers):
        its next ORDERS_AHEAD orders are made at once, in one compiled pass, not one every few posts.
        """
        bank = zlib.crc32(name.encode())
        if cycle == 0:
            order = self._orders[(name, 0)] = rng.permutation(size, rng.key(self.seed, bank, 0))
            return order
        from .kernels import bank_orders  # numba: loaded when the session starts (spread.prepare)

        prefix = np.uint64(rng.key(self.seed, bank))
        ahead = bank_orders(prefix, cycle, ORDERS_AHEAD, size).tolist()
        for i, order in enumerate(ahead):
            self._orders[(name, cycle + i)] = order
        return ahead[0]

    def topic(self, name: str | None) -> TopicTexts:
        """The texts of a topic: the scenario's own, its pack's, and echoes of its own words for the rest."""
        if name is None:
            name = ""
        if name not in self._topics:
            self._topics[name] = self._resolve(name)
        return self._topics[name]

    def _resolve(self, name: str) -> TopicTexts:
        definition = self._own.get(name)
        own = getattr(definition, self.language, None) if definition is not None else None
        pack_name = (definition.pack if definition is not None else None) or (
            name if name in TOPICS else None
        )
        pack = self.bank["topics"].get(pack_name, {}) if pack_name else {}
        sections = {
            s: list((getattr(own, s) if own is not None else None) or pack.get(s) or [])
            for s in SECTIONS
        }
        # Echoes come from the topic's own complaints, or else from what scripted posts said about it.
        sources = list(
            own.complaints
            if own is not None and own.complaints
            else (text for topic, text in self._scripted if topic == name)
        )
        heard = [e for text in sources for e in echoes(text)]
        if not sections["things"]:
            words = content_words(" ".join(sources), self.language, skip=(self.brand, name))
            sections["things"] = words[:3] or [name.replace("_", " ") or self.bank["words"]["it"]]
        if not sections["unmentioned"] and own is not None and own.complaints:
            sections["unmentioned"] = list(own.complaints)  # a complaint without the brand's handle
        for section, lines in self.bank["echo"].items():
            if not sections[section]:
                sections[section] = [line for line in lines if heard or "{echo}" not in line]
        # A topic's own follow-ups join the general ones: two lines alone would soon repeat.
        sections["follow_ups"] = [
            *(own.follow_ups if own is not None else []),
            *self.bank["followup"],
        ]
        return TopicTexts(sections, heard or [t for t in sections["things"]])

    # ------------------------------------------------------------------ slots

    def slots(
        self, key: int, topic: str | None = None, thing_key: int | None = None, **extra
    ) -> dict:
        """A post's slot values; `thing_key`: rng.key(key, THING_DRAW) where it was drawn already."""
        now = self.start_minute + int(self.elapsed // 60)
        values = Slots(self, key, now, extra.pop("waited", None))
        for name in ("contacts", "first_name"):  # else postslots.SLOT_MAKERS' default, if asked
            if name in extra:
                values[name] = extra.pop(name)
        if topic is not None:
            texts = self.topic(topic)
            things = texts.sections["things"]
            if thing_key is None:
                thing_key = rng.key(key, THING_DRAW)
            thing = things[thing_key % len(things)]
            echo = None
            if texts.echoes:  # the bank's next echo, picked now, read when a text asks for it
                name = f"{topic}/echo"
                n = self._drawn.get(name, 0)
                self._drawn[name] = n + 1
                if extra or texts.nested_echo or "{echo}" in thing:
                    echo = self.nth(name, n, texts.echoes)
                else:
                    values.echo_at = (name, n, texts.echoes)
            if not extra and "{echo}" not in thing and (echo is None or "{echo}" not in echo):
                # filled when the text asks for them: a {thing} or {echo} with a {place} in it
                # costs a town name; filled later, from the same values, they read the same
                values.thing, values.echo = thing, echo
            else:
                values["thing"] = fill(thing, values)
                values["echo"] = fill(echo, values) if echo is not None else values["thing"]
        values.update(extra)
        return values

    # ------------------------------------------------------------------ posts

    def complaint(
        self,
        key: int,
        topic: str,
        anger: float,
        mention: bool,
        extra: str = "",
        ordinal: int | None = None,
    ) -> str:
        """A fresh complaint: opener + complaint line + closer (+ a press/lawyer/injury line).

        `ordinal` (the how-manieth fresh complaint about this topic) picks its lines, so that the same fresh
        complaint says the same in every run of the storm.
        """
        texts = self.topic(topic)
        values = self.slots(key, topic)
        section = "complaints" if mention else "unmentioned"
        body = fill(self.pick(f"{topic}/{section}", texts.sections[section], ordinal), values)
        if not mention:
            return sentence(body + (" " + extra if extra else ""))
        level = level_of(anger)
        opener = fill(self.pick(f"openers/{level}", self.bank["openers"][level], ordinal), values)
        closer = fill(self.pick(f"closers/{level}", self.bank["closers"][level], ordinal), values)
        if opener.endswith((".", "?", "!")):
            body = sentence(body)
        text = " ".join(p for p in (opener, end_clause(body), closer, extra) if p)
        if self.handle not in text:
            text = (
                f"{self.handle} {text}"
                if rng.key(key, 24) % 3
                else f"{end_clause(sentence(text))} {self.handle}"
            )
        return sentence(text)

    def pile_on(
        self,
        key: int,
        topic: str,
        anger: float,
        mention: bool,
        thing_key: int | None = None,
        closer_key: int | None = None,
    ) -> str:
        """A "me too" post; `thing_key`, `closer_key`: its THING_DRAW and CLOSER_DRAW keys where
        they were drawn already (postdraws.PostDraws)."""
        return pile_on_texts(self, [(key, topic, anger, mention, thing_key, closer_key)])[0]

    def line(self, section: str, key: int, topic: str | None = None, **extra) -> str:
        """One line from a top-level section (followup, angrier, thanks, censorship, ...)."""
        if section == "followup" and topic is not None:
            return sentence(
                fill(
                    self.pick(f"{topic}/follow_ups", self.topic(topic).sections["follow_ups"]),
                    self.slots(key, topic, **extra),
                )
            )
        template = self.pick(section, self.bank[section])
        if topic is None:
            return sentence(self._filled(template, key, **extra))
        return sentence(fill(template, self.slots(key, topic, **extra)))

    def dm(self, kind: str, key: int) -> str:
        return self._filled(self.pick(f"dm/{kind}", self.bank["dm"][kind]), key)

    def _filled(self, template: str, key: int, **extra) -> str:
        """A template filled with the slots of a post without a topic (made only for a template
        with slots: without a topic, making them draws nothing from a bank)."""
        return fill(template, self.slots(key, **extra)) if "{" in template else template

    def press(self, key: int, topic: str) -> str:
        texts = self.topic(topic)
        headline = fill(
            self.pick(f"{topic}/headlines", texts.sections["headlines"]), self.slots(key, topic)
        )
        return f"{headline} {self.handle}"

    def mention_line(self, kind: str, key: int, ordinal: int | None = None) -> str:
        return self.pick(f"mentions/{kind}", self.bank["mentions"][kind], ordinal)
