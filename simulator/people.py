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

    def draw(self, generator: random.Random) -> str:
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
    """place(language, key) for each key, their generators seeded side by side and their towns
    drawn in one compiled pass (namedraws.town_draws: seeding a generator costs more than the
    draws, and the draws' lists are read there as arrays); a town that draws more than
    PLACE_WORDS outputs is drawn again by `place`."""
    towns = _town_lists(language)
    if towns is None or not keys:
        return [place(language, key) for key in keys]
    from .namedraws import town_draws  # numba: loaded when the session starts (warm_up)

    patterns, elements, args = _town_args(language)
    seeds = np.array([(key >> 7) & 0xFFFFFFFF for key in keys], dtype=np.uint64)
    out = []
    for key, row in zip(keys, town_draws(seeds, PLACE_WORDS, *args).tolist(), strict=True):
        if row[0] < 0:
            out.append(place(language, key))
            continue
        parts = list(patterns[row[0]])  # text, token, text, ...: each token's element in its place
        for j, names in enumerate(elements[row[0]]):
            parts[2 * j + 1] = names[row[j + 1]]
        out.append("".join(parts))
    return out


@cache
def _town_args(language: str) -> tuple:
    """For `places`: each town pattern cut at its tokens, the elements of each of its tokens' lists,
    and namedraws.town_draws' arguments (list 0 the patterns, then each token's list)."""
    towns = _town_lists(language)
    assert towns is not None
    names = sorted(towns, key=bool)  # "" first: the patterns
    patterns = [_cut(pattern) for pattern in towns[""].names]
    width = max([1, *(len(parts) // 2 for parts in patterns)])
    tokens = np.full((len(patterns), width), -1, dtype=np.int64)
    for f, parts in enumerate(patterns):
        tokens[f, : len(parts) // 2] = [names.index(token) for token in parts[1::2]]
    weights = [towns[name].cumulative or [] for name in names]
    starts = np.cumsum([0, *(len(w) for w in weights)])
    args = (
        tokens,
        np.array([x for w in weights for x in w], dtype=np.float64),
        starts.astype(np.int64),
        np.array([len(towns[name].names) for name in names], dtype=np.int64),
    )
    elements = [tuple(towns[token].names for token in parts[1::2]) for parts in patterns]
    return patterns, elements, args


def _town(towns: dict[str, _Names], generator: random.Random) -> str:
    parts = _cut(towns[""].draw(generator))
    if len(parts) == 1:
        return parts[0]
    # each token drawn in turn, left to right, as Faker's re.sub over the pattern draws them
    out = list(parts)
    for i in range(1, len(parts), 2):
        out[i] = towns[parts[i]].draw(generator)
    return "".join(out)


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
