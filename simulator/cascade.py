"""The spread engine's core on plain Independent Cascade semantics, for comparison with NDlib.

Each newly active node gets one chance to activate each follower with
probability p; generations are expanded over the CSR rows in one vectorised
pass each, with keyed draws (the same primitive as spread.expand).
"""

from __future__ import annotations

import numpy as np

from . import rng
from .network import Network
from .spread import _ragged_rows

_ODD = np.uint64(0xD6E8FEB86659FD93)
_S11 = np.uint64(11)


def independent_cascade(network: Network, seeds: np.ndarray, p: float, key: int) -> int:
    """Final number of active nodes (seeds included)."""
    active = np.zeros(network.size, dtype=bool)
    stamp = np.zeros(network.size, dtype=np.int64)
    frontier = np.asarray(seeds, dtype=np.int64)
    active[frontier] = True
    total = len(frontier)
    generation = 0
    while len(frontier):
        generation += 1
        rep, pos = _ragged_rows(network.indptr, frontier)
        followers = network.indices[pos].astype(np.int64)
        sources = frontier[rep].astype(np.uint64)
        h = rng.mix_array(
            (sources * _ODD) ^ followers.astype(np.uint64) ^ np.uint64(rng.key(key, generation))
        )
        hit = followers[((h >> _S11).astype(np.float64) * (1.0 / (1 << 53))) < p]
        fresh = hit[~active[hit]]
        # keep one copy of each node: the last write to its stamp wins
        stamp[fresh] = np.arange(len(fresh))
        fresh = fresh[stamp[fresh] == np.arange(len(fresh))]
        active[fresh] = True
        total += len(fresh)
        frontier = fresh
    return total
