"""The draws a new post makes from its key, made for all of a step's pile-ons in one compiled pass.

A post's key is drawn for it (a pile-on's: rng.key(the thread it saw, its author, rng.PILE)), and
everything the post then decides is drawn from that key: whether it names the brand, how angry it
is, its author's temper, its appeal, who sees it. `PostDraws.of` makes them one at a time (a post
on its own); `PostDraws.batch` makes those of many posts in one kernels.post_keys call, the same
numbers (tests/test_engine_speed.py compares them), so a step's pile-ons cost their own work, not
a dozen key computations in Python each.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import rng
from .postslots import CLOSER_DRAW, THING_DRAW
from .storm import APPEAL_DRAW

NODE = -1  # in a draw's parts: the posting account
OWN_KEY = -1  # for a purpose: the parent's key given is the post's own (PostDraws.of)

# Each draw: its field in PostDraws and its parts after the post's key (rng.key(key, *parts)).
KEY_DRAWS = (
    ("share_key", (NODE, rng.SHARE)),  # posting._share: its author's followers see it
    ("page_key", (0, rng.SHARE, 1)),  # posting._on_brand_page: readers of the brand's page
    ("thing_key", (THING_DRAW,)),  # writing: the {thing} it names
    ("closer_key", (CLOSER_DRAW,)),  # writing.Writer.pile_on: whether it ends with a closer
)
UNIFORM_DRAWS = (  # rng.uniform(key, *parts)
    ("mention", (1,)),  # pileon._pile_ons: it names the brand
    ("anger", (2,)),  # pileon._pile_ons: how angry, above the floor
    ("personal", (3,)),  # pileon._pile_ons: a case that needs the poster's data
    ("temper", (rng.PERSON, 1)),  # posting._new_thread: vindictive or constructive
    ("severity", (rng.PERSON, 2)),  # posting._new_thread: low, medium or high
    ("appeal", (APPEAL_DRAW,)),  # storm.appeal: how shareable
    ("followup", (rng.FOLLOWUP, 1)),  # posting._schedule_repost: when an ignored author posts again
)


def _parts(draws) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(parts) for _, parts in draws)
    table = np.full((len(draws), width), -2, dtype=np.int64)
    for row, (_, parts) in enumerate(draws):
        table[row, : len(parts)] = parts
    return table, np.array([len(parts) for _, parts in draws], dtype=np.int64)


_KEY_PARTS, _KEY_LENGTHS = _parts(KEY_DRAWS)
_UNIFORM_PARTS, _UNIFORM_LENGTHS = _parts(UNIFORM_DRAWS)


class PostDraws(NamedTuple):
    """One post's key and the draws made from it (KEY_DRAWS, UNIFORM_DRAWS, in their order)."""

    key: int
    share_key: int
    page_key: int
    thing_key: int
    closer_key: int
    mention: float
    anger: float
    personal: float
    temper: float
    severity: float
    appeal: float
    followup: float

    @classmethod
    def of(cls, key: int, node: int) -> PostDraws:
        """The draws of the post with this key by `node` (a post on its own)."""
        own = np.array([key & rng.MASK], dtype=np.uint64)
        return cls.batch(own, np.array([node]), np.array([OWN_KEY]))[0]

    @classmethod
    def batch(cls, parents: np.ndarray, nodes: np.ndarray, purposes: np.ndarray) -> list[PostDraws]:
        """For each i, the draws of the post with key rng.key(parents[i], nodes[i], purposes[i]) (with
        purpose OWN_KEY: parents[i])."""
        from .kernels import post_keys  # numba: loaded when the session starts (spread.prepare)

        keys, uniforms = post_keys(
            np.asarray(parents, dtype=np.uint64),
            np.asarray(nodes, dtype=np.int64),
            np.asarray(purposes, dtype=np.int64),
            _KEY_PARTS,
            _KEY_LENGTHS,
            _UNIFORM_PARTS,
            _UNIFORM_LENGTHS,
        )
        # each row as its NamedTuple directly (what _make does, less its length check: the
        # kernel's rows have every field)
        new = tuple.__new__
        return [new(cls, k + u) for k, u in zip(keys.tolist(), uniforms.tolist(), strict=True)]
