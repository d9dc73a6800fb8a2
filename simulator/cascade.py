"""The spread engine's core on plain Independent Cascade semantics, for comparison with NDlib
and cynetdiff.

Each newly active node gets one chance to activate each follower with probability p; the draws
are keyed by (key, generation, source), the same primitive as spread.expand, so a cascade is the
same for a key however it is run. For small p the followers a node reaches are found by
geometric skipping, as spread.py does for big audiences: work in proportion to the successes,
not to the followers (jit.independent_cascade). The loop is compiled (jit.py): at 100,000
accounts a cascade touches ~50 nodes and per-call overhead is what counts, at 1,000,000 the
speed per edge; scratch arrays live with the network, so a call allocates nothing of its size.
"""

from __future__ import annotations

import numpy as np

from . import rng
from .network import Network


def independent_cascade(network: Network, seeds, p: float, key: int) -> int:
    """Final number of active nodes (seeds included). One cascade at a time per network: the
    scratch space is the network's."""
    scratch = network.__dict__.get("_ic_scratch") or _scratch(network)
    return scratch[0](
        network.indptr,
        network.indices,
        np.asarray(seeds, dtype=np.int64),
        p,
        np.uint64(key & _MASK),
        scratch[1],
    )


_MASK = rng.MASK


def _scratch(network: Network) -> tuple:
    """(the compiled kernel, its scratch space: active flags and a queue) for `network`, once."""
    from . import jit  # numba, imported where a cascade runs

    scratch = (jit.independent_cascade, np.zeros(2 * network.size, dtype=np.int32))
    network.__dict__["_ic_scratch"] = scratch
    return scratch
