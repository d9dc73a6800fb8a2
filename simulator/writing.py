"""Generated posts and people that read like real ones.

Every choice is keyed (rng.key) by the post or person it is about, so the same
storm always says the same things and the counterfactual run says them too.
Names come from Faker in the scenario's locale; texts from the banks in
simulator/texts/<language>.yaml, assembled from an opener, a complaint line and a
closer matched to the poster's anger.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from faker import Faker

from scenarios.slots import fill

from . import rng

TEXTS = Path(__file__).parent / "texts"
LOCALES = {"en": "en_US", "nl": "nl_NL"}


@cache
def bank(language: str) -> dict:
    return yaml.safe_load((TEXTS / f"{language}.yaml").read_text(encoding="utf-8"))


@cache
def _faker(language: str) -> Faker:
    return Faker(LOCALES[language])


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    handle: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def person(language: str, key: int) -> Person:
    fake = _faker(language)
    fake.seed_instance(key & 0xFFFFFFFF)
    first, last = fake.first_name(), fake.last_name()
    style = key % 4
    digits = str(key % 97) if style in (1, 3) else ""
    base = {0: _ascii(first) + _ascii(last)[:1], 1: _ascii(first), 2: _ascii(first)[:1] + _ascii(last),
            3: _ascii(last)}[style]  # fmt: skip
    handle = "@" + (base[:12] or "user") + digits
    return Person(first, last, handle)


def place(language: str, key: int) -> str:
    fake = _faker(language)
    fake.seed_instance((key >> 7) & 0xFFFFFFFF)
    return fake.city()


class _Slots(dict):
    """Slot values; a place name (Faker, slower) is made only when a text asks for one."""

    def __init__(self, language: str, key: int):
        super().__init__()
        self.language, self.key = language, key

    def __missing__(self, name: str) -> str:
        if name != "place":
            raise KeyError(name)
        self["place"] = place(self.language, self.key)
        return self["place"]


def _level(anger: float) -> str:
    return "calm" if anger < 0.4 else ("angry" if anger < 0.75 else "furious")


class Writer:
    """Writes the posts of one session; no two generated posts come out the same."""

    def __init__(self, language: str, brand: str, handle: str):
        self.language = language
        self.brand = brand
        self.handle = handle
        self.bank = bank(language)
        self._used: set[str] = set()

    def slots(self, key: int, topic: str | None = None, **extra) -> dict:
        times = ["7:40", "8:15", "6 o'clock", "this morning", "yesterday"] if self.language == "en" else \
            ["7:40", "8:15", "6 uur", "vanochtend", "gisteren"]  # fmt: skip
        amount = 10 + rng.key(key, 11) % 240
        cents = rng.choice(["00", "95", "50", "99"], key, 12)
        values = _Slots(self.language, key)
        values.update({
            "brand": self.brand,
            "handle": self.handle,
            "time": rng.choice(times, key, 13),
            "hours": 2 + rng.key(key, 14) % 8,
            "days": 3 + rng.key(key, 15) % 19,
            "amount": f"€{amount},{cents}" if self.language == "nl" else f"€{amount}.{cents}",
            "number": str(100000 + rng.key(key, 16) % 9_900_000),
            "offer": (f"€{amount // 8},00" if self.language == "nl" else f"€{amount // 8}.00"),
            "year": 2026,
            "contacts": extra.pop("contacts", 3),
            "first_name": extra.pop("first_name", ""),
        })  # fmt: skip
        if topic:
            values["thing"] = fill(rng.choice(self.bank["topics"][topic]["thing"], key, 17), values)
        values.update(extra)
        return values

    def _unique(self, make, key: int) -> str:
        for attempt in range(12):
            text = make(rng.key(key, attempt) if attempt else key)
            if text not in self._used:
                break
        self._used.add(text)
        return text

    def complaint(self, key: int, topic: str, anger: float, mention: bool, extra: str = "") -> str:
        """A fresh complaint: opener + complaint line + closer (+ a press/lawyer/injury line)."""

        def make(k: int) -> str:
            section = self.bank["topics"][topic]["complaints" if mention else "unmentioned"]
            body = fill(rng.choice(section, k, 21), self.slots(k, topic))
            if not mention:
                return _sentence(body + (" " + extra if extra else ""))
            opener = fill(rng.choice(self.bank["openers"][_level(anger)], k, 22), self.slots(k, topic))
            closer = rng.choice(self.bank["closers"][_level(anger)], k, 23)
            if opener.endswith((".", "?", "!")):
                body = _sentence(body)
            parts = [opener, body, closer, extra]
            text = " ".join(p for p in parts if p)
            if self.handle not in text:
                text = f"{self.handle} {text}" if rng.key(k, 24) % 3 else f"{_sentence(text)} {self.handle}"
            return _sentence(text)

        return self._unique(make, key)

    def pile_on(self, key: int, topic: str, anger: float, mention: bool) -> str:
        def make(k: int) -> str:
            body = fill(rng.choice(self.bank["topics"][topic]["pile_on"], k, 31), self.slots(k, topic))
            closer = rng.choice(self.bank["closers"][_level(anger)], k, 32) if rng.key(k, 33) % 2 else ""
            text = f"{body}. {closer}".strip() if closer else body
            return _sentence(f"{self.handle} {text}" if mention else text)

        return self._unique(make, key)

    def line(self, section: str, key: int, topic: str | None = None, **extra) -> str:
        """One line from a top-level section (followup, angrier, thanks, censorship, ...)."""

        def make(k: int) -> str:
            return _sentence(fill(rng.choice(self.bank[section], k, 41), self.slots(k, topic, **extra)))

        return self._unique(make, key)

    def dm(self, kind: str, key: int) -> str:
        return fill(rng.choice(self.bank["dm"][kind], key, 51), self.slots(key))

    def press(self, key: int, topic: str) -> str:
        headline = fill(rng.choice(self.bank["topics"][topic]["press"], key, 61), self.slots(key, topic))
        return self._unique(lambda k: f"{headline} {self.handle}" if k == key else f"{headline} ({self.handle})", key)

    def mention_line(self, kind: str, key: int) -> str:
        return rng.choice(self.bank["mentions"][kind], key, 71)


def _sentence(text: str) -> str:
    """Whitespace tidied, and a capital at the start and after each full stop, ? and !."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text
