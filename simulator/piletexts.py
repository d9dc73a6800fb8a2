"""The texts of a step's pile-ons, written in one pass: what Writer.pile_on writes for each.

A storm's peak brings a hundred or more pile-ons a minute, and most of their lines name only the
topic's {thing} and the brand's own words (its name, handle, what it calls its customers). Such a
line is cut once into a format string (`_compiled`) and filled with one `str.format_map` from the
values that are the same for the whole step; a line that asks for anything drawn from the post
(a town, a time, an amount) or names a {thing} with slots of its own is filled as Writer.pile_on
fills it, from the post's slots. Bank walks, closers and the finishing touches are Writer.pile_on's
own, in the same order (tests/test_engine_speed.py compares the two).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .postslots import SLOT_MAKERS, WRITER_SLOTS, Slots, _cut, end_clause, fill, sentence
from .writing import Writer, _level

_STEP_SLOTS = frozenset((*WRITER_SLOTS, "thing"))  # what a compiled line may ask for


class PileOnText(NamedTuple):
    """What Writer.pile_on is given for one post."""

    key: int
    topic: str
    anger: float
    mention: bool
    thing_key: int
    closer_key: int


@lru_cache(maxsize=4096)
def _compiled(template: str) -> str | None:
    """`template` as a format string over _STEP_SLOTS (its literal braces doubled), or None where it
    asks for another slot. fill(template, values) == that.format_map(values) for such a line."""
    parts = _cut(template)
    if any(name not in _STEP_SLOTS for name in parts[1::2]):
        return None
    return "".join(
        part.replace("{", "{{").replace("}", "}}") if i % 2 == 0 else "{" + part + "}"
        for i, part in enumerate(parts)
    )


def pile_on_texts(writer: Writer, posts: list[PileOnText]) -> list[str]:
    """[writer.pile_on(*post) for post in posts], in one pass."""
    handle = writer.handle
    shown = Slots(writer, 0, 0, None)  # the writer's own words, made as any post's slots make them
    values = {name: SLOT_MAKERS[name](shown) for name in WRITER_SLOTS}
    closers = writer.bank["closers"]
    out = []
    for key, topic, anger, mention, thing_key, closer_key in posts:
        texts = writer.topic(topic)
        name = f"{topic}/pile_ons"
        template = writer.nth(name, writer.count(name), texts.sections["pile_ons"])
        things = texts.sections["things"]
        thing = things[thing_key % len(things)]
        line = _compiled(template)
        if line is None or "{" in thing:
            body = fill(template, writer.slots(key, topic, thing_key))
        else:
            if texts.echoes:  # Writer.slots picks the topic's next echo for every post
                writer.count(f"{topic}/echo")
            values["thing"] = thing
            body = line.format_map(values)
        closer = ""
        if closer_key % 2:
            level = _level(anger)
            name = f"closers/{level}"
            closer = writer._filled(writer.nth(name, writer.count(name), closers[level]), key)
        text = f"{end_clause(body)} {closer}".strip() if closer else body
        out.append(sentence(f"{handle} {text}" if mention else text))
    return out
