"""A generated post's slots (`{since}`, `{waited}`, `{place}`, ...): each value made when its text
asks for it, from the post's key and the writer's clock, and filled into templates cut once."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from . import rng
from .people import place, places

if TYPE_CHECKING:
    from .writing import Writer

THING_DRAW = 17  # rng.key(post key, THING_DRAW): the {thing} a post names
CLOSER_DRAW = 33  # rng.key(post key, CLOSER_DRAW): whether a pile-on ends with a closer
NOTICED_WITHIN = 15  # people date the problem to the storm's start or up to 15 minutes after it


class Slots(dict):
    """A post's slot values, each made when its text asks for it.

    Every value is drawn from the post's key and the writer's clock, not from a sequence, so making
    only the ones a text uses gives the same text as making them all (and a Faker place name, the
    slowest, is rarely asked for).
    """

    # The templates of {thing} and {echo} where they are filled when a text asks for them
    # (Writer.slots); None: there is none (no topic), or {echo} is {thing}. Class defaults: a post's
    # values are made for every generated post, and each attribute set in __init__ costs.
    thing: str | None = None
    echo: str | None = None
    # The echo picked for it, still to be read from its bank: (bank, n, lines) for Writer.nth.
    echo_at: tuple[str, int, list[str]] | None = None

    def __init__(self, writer: Writer, key: int, now: int, waited: float | None):
        # dict.__init__ with no arguments does nothing: not called
        self.writer, self.key, self.now, self.waited = writer, key, now, waited

    def filled_thing(self) -> str:
        if self.thing is None:
            raise KeyError("thing")
        return fill(self.thing, self)

    def filled_echo(self) -> str:
        if self.echo_at is not None:
            self.echo, self.echo_at = self.writer.nth(*self.echo_at), None
        return self["thing"] if self.echo is None else fill(self.echo, self)

    def __missing__(self, name: str) -> object:
        make = SLOT_MAKERS.get(name)
        if make is None:
            raise KeyError(name)
        value = self[name] = make(self)
        return value

    def since_minute(self) -> int:
        start = self.writer.start_minute
        return start + rng.key(self.key, 13) % (min(NOTICED_WITHIN, self.now - start) + 1)

    def today(self) -> str:
        words, hour = self.writer.bank["words"], (self.now // 60) % 24
        return (
            words["morning"]
            if hour < 12
            else (words["afternoon"] if hour < 18 else words["evening"])
        )

    def amount(self) -> int:
        return 10 + rng.key(self.key, 11) % 240


SLOT_MAKERS = {
    "brand": lambda v: v.writer.brand,
    "handle": lambda v: v.writer.handle,
    "since": lambda v: v.writer._clock(v.since_minute()),
    "waited": lambda v: v.writer.duration_words(
        (v.now - v.since_minute()) * 60 if v.waited is None else v.waited
    ),
    "today": Slots.today,
    "days": lambda v: 3 + rng.key(v.key, 15) % 12,
    "amount": lambda v: v.writer.money(v.amount(), rng.choice(_CENTS, v.key, 12)),
    "offer": lambda v: v.writer.money(max(5, v.amount() // 8)),
    "number": lambda v: str(100000 + rng.key(v.key, 16) % 9_900_000),
    "year": lambda v: 2026,
    "contacts": lambda v: 3,  # Writer.slots': unless given
    "first_name": lambda v: "",
    "customer": lambda v: v.writer.customer,
    "customers": lambda v: v.writer.customers,
    "place": lambda v: place(v.writer.language, v.key),
    "thing": lambda v: v.filled_thing(),
    "echo": lambda v: v.filled_echo(),
}
_CENTS: list[str] = ["00", "95", "50", "99"]


_SLOT = re.compile(r"\{([a-z_]+)\}")  # the slots of scenarios.slots.fill


@lru_cache(maxsize=4096)
def _cut(template: str) -> tuple[str, ...]:
    """A template cut at its slots: text, slot name, text, slot name, ..., text."""
    return tuple(_SLOT.split(template))


def fill(template: str, values) -> str:
    """scenarios.slots.fill for the bank's templates, each cut at its slots once, not on every post."""
    parts = _cut(template)
    if len(parts) == 1:
        return template
    out = list(parts)  # the text between the slots as it is, each slot's value in its place
    for i in range(1, len(parts), 2):
        try:
            out[i] = str(values[parts[i]])
        except KeyError:
            out[i] = "{" + parts[i] + "}"  # unknown slots stay as written
    return "".join(out)


def end_clause(text: str) -> str:
    """A clause closed with a full stop unless it already ends a sentence."""
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!", "…")) else text + "."


def sentence(text: str) -> str:
    """Whitespace tidied, and a capital (a-z only) at the start and after each ". ", "? " and "! "."""
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        # (else it is tidy already: a printable text has no whitespace but " ")
        text = " ".join(text.split())  # str.split splits where \s+ matched
    if ". " in text or "? " in text or "! " in text:
        # a letter after one sentence's end: capitalising it makes no other end, so one pass over
        # all three ends capitalises what a pass for each would
        text = _AFTER_END.sub(_upper, text)
    return text[0].upper() + text[1:] if text and "a" <= text[0] <= "z" else text


_AFTER_END = re.compile(r"[.?!] [a-z]")


def _upper(match: re.Match) -> str:
    return match.group().upper()


def level_of(anger: float) -> str:
    """The bank of openers and closers for a poster this angry."""
    return "calm" if anger < 0.4 else ("angry" if anger < 0.75 else "furious")


def pile_on_texts(
    writer: Writer, posts: list[tuple[int, str, float, bool, int | None, int | None]]
) -> list[str]:
    """Writer.pile_on(*post) for each post, in their order: a step's "me too" posts at once.

    Each post walks the same banks as on its own, in the same order (a topic's pile-ons and echoes,
    the closers: each bank its own walk, so the closers may be picked before the bodies are
    filled); what all of them share (a topic's banks, the clock) is looked up once, and the towns
    they name are drawn together (people.places: the same towns `place` draws one at a time).
    """
    drawn, nth, closers, brand = writer._drawn, writer.nth, writer.bank["closers"], writer.brand
    now = writer.start_minute + int(writer.elapsed // 60)
    banks: dict[str, tuple] = {}
    made: list[tuple[Slots, str, str, str | None, bool, str, bool]] = []
    towns: list[int] = []  # the posts whose text names a town
    for key, topic, anger, mention, thing_key, closer_key in posts:
        facts = banks.get(topic)
        if facts is None:
            texts = writer.topic(topic)
            facts = banks[topic] = (
                f"{topic}/pile_ons",
                texts.sections["pile_ons"],
                texts.sections["things"],
                f"{topic}/echo" if texts.echoes else None,
                texts.echoes,
                texts.nested_echo,
                texts.place_in_echo,
            )
        name, lines, things, echo_name, echoes, nested, echo_place = facts
        n = drawn.get(name, 0)
        drawn[name] = n + 1
        template = nth(name, n, lines)
        # Writer.slots(key, topic, thing_key), written out
        values = Slots(writer, key, now, None)
        if thing_key is None:
            thing_key = rng.key(key, THING_DRAW)
        thing = things[thing_key % len(things)]
        echo = None
        if echo_name is not None:  # the bank's next echo, picked now, read when a text asks for it
            n = drawn.get(echo_name, 0)
            drawn[echo_name] = n + 1
            if nested or "{echo}" in thing:
                echo = nth(echo_name, n, echoes)
            else:
                values.echo_at = (echo_name, n, echoes)
        later = "{echo}" in thing or (echo is not None and "{echo}" in echo)
        if not later:
            values.thing, values.echo = thing, echo
            if "{" not in thing:  # what filled_thing would make of it, made now
                values["thing"] = thing
        values["brand"] = brand  # SLOT_MAKERS' value: the same for every post
        closer = ""
        if (rng.key(key, CLOSER_DRAW) if closer_key is None else closer_key) % 2:
            level = level_of(anger)
            closer = writer._filled(writer.pick(f"closers/{level}", closers[level]), key)
        if "{place}" in template or "{place}" in thing or (echo_name is not None and echo_place):
            towns.append(len(made))  # (a town drawn for a post that does not name one is unread)
        made.append((values, template, thing, echo, later, closer, mention))
    for i, town in zip(
        towns, places(writer.language, [made[i][0].key for i in towns]), strict=True
    ):
        made[i][0]["place"] = town
    handle, out = writer.handle, []
    for values, template, thing, echo, later, closer, mention in made:
        if later:
            values["thing"] = fill(thing, values)
            values["echo"] = fill(echo, values) if echo is not None else values["thing"]
        body = fill(template, values)
        text = f"{end_clause(body)} {closer}".strip() if closer else body
        out.append(sentence(f"{handle} {text}" if mention else text))
    return out
