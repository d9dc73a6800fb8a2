"""What a storm's fresh complaints draw from their keys alone, made for all of them when the
session starts: their keys, topics, authors and the draws of what they are and say.

A fresh complaint comes on its own, a few a minute, and each would seed a random.Random for its
author's name, make its post's draws in a compiled call of its own and a dozen keyed draws in
Python: work that costs several times more one at a time, among a step's other work, than
together. Its key, topic, author, draws and the draws of its post by the first customer it tries
(posting._pick_customer, which also passes over one who complained about the topic already)
depend on nothing the storm does, so they are made here, in a few batches, for every arrival of
the storm (a few hundred in a two-hour storm); a complaint by another account makes its post's
draws when it posts, as before.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import rng
from .model_numbers import PICK_CUSTOMER_TRIES
from .network import Network
from .people import Person, persons
from .postdraws import OWN_KEY, PostDraws


class Arrival(NamedTuple):
    key: int  # rng.key(seed, rng.EXO, its index)
    who: Person  # people.person(language, key): who posts it
    first: int  # the first customer posting._pick_customer tries (-1: none)
    drawn: PostDraws  # PostDraws.of(key, first)
    topic_key: int  # rng.key(key, 1): its topic
    uniforms: tuple[float, ...]  # rng.uniform(key, i) for i below UNIFORMS: what it is and says


UNIFORMS = 11  # reactions._on_arrival's draws: rng.uniform(key, 2) ... rng.uniform(key, 10)


def arrival_draws(
    language: str, seed: int, indices: list[int], network: Network
) -> dict[int, Arrival]:
    """Each arrival's (storm.arrivals' index) key, author and post draws, by its index."""
    if not indices:
        return {}
    keys = [rng.key(seed, rng.EXO, index) for index in indices]
    first = [_first_customer(key, network) for key in keys]
    drawn = PostDraws.batch(
        np.array(keys, dtype=np.uint64), np.array(first), np.full(len(keys), OWN_KEY)
    )
    who = persons(language, keys)
    ours = np.array(keys, dtype=np.uint64)
    topic_keys = rng.key_array(ours, 1).tolist()
    uniforms = np.stack([rng.uniform_of_keys(ours, i) for i in range(UNIFORMS)], axis=1)
    made = zip(keys, who, first, drawn, topic_keys, map(tuple, uniforms.tolist()), strict=True)
    return {index: Arrival(*row) for index, row in zip(indices, made, strict=True)}


def _first_customer(key: int, network: Network) -> int:
    for attempt in range(PICK_CUSTOMER_TRIES):  # posting._pick_customer's, but for its topic
        node = rng.key(key, rng.PERSON, attempt) % network.size
        if node >= network.named and network.customer[node]:
            return node
    return -1
