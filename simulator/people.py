"""The people and places of generated posts: names, handles and towns as Faker would draw them.

Faker in the scenario's locale decides who posts and from where; drawing from its lists directly
(keyed by the post, not by Faker's own state) gives the same people at a fraction of the cost, and
the same person for the same key on every run (docs/architecture.md).
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
from faker import Faker
from faker.providers.person import Provider as _PersonProvider

LOCALES = {"en": "en_US", "nl": "nl_NL"}


@cache
def _faker(language: str) -> Faker:
    return Faker(LOCALES[language])


class Person(NamedTuple):  # a tuple: a storm's peak makes a hundred a minute (people.persons)
    first_name: str
    last_name: str
    handle: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@cache
def _ascii(text: str) -> str:
    return re.sub(
        r"[^a-z0-9]",
        "",
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower(),
    )


@dataclass(frozen=True)
class _Names:
    """One of a locale's name lists, drawn from as Faker's `random_element` draws from it.

    Faker rebuilds a weighted list's weights on every call (a few thousand floats per name); the
    cumulative weights made once give the same name for the same generator state, so a session
    writes the same people as Faker would, at a fraction of the cost.
    """

    names: tuple[str, ...]
    cumulative: list[float] | None  # None: every name equally likely

    @classmethod
    def of(cls, elements) -> _Names:
        if isinstance(elements, dict):
            cumulative, total = [], 0.0
            for weight in elements.values():
                total += weight
                cumulative.append(total)
            return cls(tuple(elements), cumulative)
        return cls(tuple(elements), None)

    def draw(self, generator: random.Random | _Outputs) -> str:
        if self.cumulative is None:
            return generator.choice(self.names)  # random.choice, as Faker calls it
        total = self.cumulative[-1] + 0.0
        position = bisect(self.cumulative, generator.random() * total, 0, len(self.names) - 1)
        return self.names[position]  # random.choices(names, weights), as Faker calls it


@cache
def _name_lists(language: str) -> tuple[_Names, _Names] | None:
    """The locale's first and last names, or None where its provider draws names its own way."""
    for provider in _faker(language).factories[0].providers:
        if isinstance(provider, _PersonProvider):
            kind = type(provider)
            if (
                kind.first_name is not _PersonProvider.first_name
                or kind.last_name is not _PersonProvider.last_name
            ):
                return None
            return _Names.of(provider.first_names), _Names.of(provider.last_names)
    return None


def _first_and_last(language: str, key: int) -> tuple[str, str]:
    names = _name_lists(language)
    if names is None:
        fake = _faker(language)
        fake.seed_instance(key & 0xFFFFFFFF)
        return fake.first_name(), fake.last_name()
    # Faker's seed_instance(seed) is random.Random().seed(seed): the same generator, made directly.
    generator = random.Random(key & 0xFFFFFFFF)
    first = names[0].draw(generator)
    return first, names[1].draw(generator)


def person(language: str, key: int) -> Person:
    return _person(*_first_and_last(language, key), key)


def persons(language: str, keys: list[int]) -> list[Person]:
    """person(language, key) for each key, the name draws of all of them in one compiled pass
    (namedraws.name_draws) where the locale's names are lists Faker draws from itself."""
    names = _name_lists(language)
    if names is None:
        return [person(language, key) for key in keys]
    from .namedraws import name_draws  # numba: loaded when the session starts (warm_up)

    first, last = names
    drawn = name_draws(np.array(keys, dtype=np.uint64), *_draw_args(language)).tolist()
    return [
        _person(first.names[i], last.names[j], key) if i >= 0 and j >= 0 else person(language, key)
        for (i, j), key in zip(drawn, keys, strict=True)
    ]


@cache
def _draw_args(language: str) -> tuple:
    """namedraws.name_draws' arguments for the locale's first and last names."""
    args: list = []
    for names in _name_lists(language) or ():
        args += [np.array(names.cumulative or [], dtype=np.float64), len(names.names)]
    return tuple(args)


def _person(first: str, last: str, key: int) -> Person:
    style = key % 4
    digits = str(key % 97) if style in (1, 3) else ""
    if style == 0:
        base = _ascii(first) + _ascii(last)[:1]
    elif style == 1:
        base = _ascii(first)
    elif style == 2:
        base = _ascii(first)[:1] + _ascii(last)
    else:
        base = _ascii(last)
    handle = "@" + (base[:12] or "user") + digits
    return Person(first, last, handle)


def place(language: str, key: int) -> str:
    towns = _town_lists(language)
    if towns is None:
        fake = _faker(language)
        fake.seed_instance((key >> 7) & 0xFFFFFFFF)
        return fake.city()
    return _town(towns, random.Random((key >> 7) & 0xFFFFFFFF))  # what fake.city() draws


PLACE_WORDS = 16  # a town's outputs made for `places`: about nine are drawn, a few draw more


def places(language: str, keys: list[int]) -> list[str]:
    """place(language, key) for each key, their generators seeded side by side in one compiled
    pass (namedraws.first_words: seeding a generator costs more than the draws from it); a town
    that draws more than PLACE_WORDS outputs is drawn again by `place`."""
    towns = _town_lists(language)
    if towns is None or not keys:
        return [place(language, key) for key in keys]
    from .namedraws import first_words  # numba: loaded when the session starts (warm_up)

    seeds = np.array([(key >> 7) & 0xFFFFFFFF for key in keys], dtype=np.uint64)
    out = []
    for key, words in zip(keys, first_words(seeds, PLACE_WORDS).tolist(), strict=True):
        try:
            out.append(_town(towns, _Outputs(words)))
        except IndexError:
            out.append(place(language, key))
    return out


def _town(towns: dict[str, _Names], generator: random.Random | _Outputs) -> str:
    parts = _cut(towns[""].draw(generator))
    if len(parts) == 1:
        return parts[0]
    # each token drawn in turn, left to right, as Faker's re.sub over the pattern draws them
    out = list(parts)
    for i in range(1, len(parts), 2):
        out[i] = towns[parts[i]].draw(generator)
    return "".join(out)


class _Outputs:
    """random.Random's `choice` and `random`, as CPython makes them, from the generator's first
    32-bit outputs (namedraws.first_words); IndexError past the last one."""

    def __init__(self, words: list[int]):
        self.words, self.used = words, 0

    def _next(self) -> int:
        word = self.words[self.used]
        self.used += 1
        return word

    def choice(self, options: Sequence[str]) -> str:
        size = len(options)  # _randbelow: getrandbits(size.bit_length()) until one is below size
        shift = 32 - size.bit_length()
        drawn = self._next() >> shift
        while drawn >= size:
            drawn = self._next() >> shift
        return options[drawn]

    def random(self) -> float:
        high, low = self._next() >> 5, self._next() >> 6
        return (high * 67108864.0 + low) * (1.0 / 9007199254740992.0)


_TOKEN = re.compile(r"\{\{(\w+)\}\}")


@cache
def _cut(pattern: str) -> tuple[str, ...]:
    """A town pattern cut at its tokens: text, token, text, ..., text."""
    return tuple(_TOKEN.split(pattern))


# Faker's city patterns use these tokens; each draws one element of the provider's list.
_TOWN_TOKENS = {
    "city_prefix": "city_prefixes",
    "city_suffix": "city_suffixes",
    "first_name": "first_names",
    "last_name": "last_names",
}


@cache
def _town_lists(language: str) -> dict[str, _Names] | None:
    """How the locale's Faker makes a city name: its patterns ("") and the list behind each token,
    or None where it makes them some other way (then `place` asks Faker itself)."""
    from faker.providers.address import Provider as AddressProvider

    factory = _faker(language).factories[0]
    address = next((p for p in factory.providers if isinstance(p, AddressProvider)), None)
    if address is None or _name_lists(language) is None:
        return None
    if type(address).city is not AddressProvider.city:
        cities = getattr(address, "cities", None)  # a locale with a list of real towns
        return {"": _Names.of(cities)} if cities else None
    lists = {"": _Names.of(address.city_formats)}
    for pattern in address.city_formats:
        for token in _TOKEN.findall(pattern):
            if token not in _TOWN_TOKENS:
                return None
            owner = next(p for p in factory.providers if hasattr(p, _TOWN_TOKENS[token]))
            lists[token] = _Names.of(getattr(owner, _TOWN_TOKENS[token]))
    if re.search(r"\{\{(?!\w+\}\})", "".join(address.city_formats)):
        return None  # a token with spaces or arguments: leave it to Faker
    return lists


def warm_up(language: str) -> None:
    """Load the locale's Faker, its name and town lists and their compiled draws (namedraws) now:
    a session starts with this, not its first tick."""
    _faker(language)
    persons(language, [0])
    places(language, [0])
