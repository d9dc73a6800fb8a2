"""Who sees the shares of well-followed accounts: every such share of a step in one batch.

A share by an account with thousands of followers is seen by a `visibility` share of them. Rather
than one draw per follower, the gaps between the followers who see it are geometric, and gap j is
drawn from the share's key and j (spread.py's `_seen_in_big_row`, one share at a time). This module
draws the gaps of all of a step's big shares at once, in two compiled passes (kernels.gap_uniforms,
kernels.walk_gaps) around numpy's logarithms: the same gaps, so the same followers, as share by share.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def seen_in_big_rows(
    indptr: np.ndarray,
    indices: np.ndarray,
    nodes: np.ndarray,
    keys: np.ndarray,
    visibility: np.ndarray,
    salt: np.uint64,
    one_row: Callable[[int, int, float], np.ndarray],
) -> list[np.ndarray]:
    """The followers who see each share (account `nodes[i]`, key `keys[i]`), in follower order.

    Gap draws are enough for all but about one share in a billion (six standard deviations past
    the expected number); such a share, and one seen by everybody or nobody, is drawn by
    `one_row(node, key, visibility)`, the share-by-share version.
    """
    batched = (visibility > 0.0) & (visibility < 1.0)
    out: list[np.ndarray | None] = [None] * len(nodes)
    rows = np.flatnonzero(batched)
    if len(rows):
        found, per_row, enough = _walk(
            indptr, indices, nodes[rows], keys[rows], visibility[rows], salt
        )
        cuts = np.cumsum(per_row).tolist()
        for j, (i, end) in enumerate(zip(rows.tolist(), cuts, strict=True)):
            if enough[j]:
                out[i] = found[(cuts[j - 1] if j else 0) : end]
    for i, chosen in enumerate(out):
        if chosen is None:
            out[i] = one_row(int(nodes[i]), int(keys[i]), float(visibility[i]))
    return out  # type: ignore[return-value]


def seen_in_big_rows_flat(
    indptr: np.ndarray,
    indices: np.ndarray,
    nodes: np.ndarray,
    keys: np.ndarray,
    visibility: np.ndarray,
    salt: np.uint64,
    one_row: Callable[[int, int, float], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """`seen_in_big_rows` as one array, row after row, and how many each row has: as the walk
    finds them where its draws were enough for every row (all but about one step in a billion),
    else put together from `seen_in_big_rows`."""
    if len(nodes) and ((visibility > 0.0) & (visibility < 1.0)).all():
        found, per_row, enough = _walk(indptr, indices, nodes, keys, visibility, salt)
        if enough.all():
            return found, per_row
    seen = seen_in_big_rows(indptr, indices, nodes, keys, visibility, salt, one_row)
    return np.concatenate(seen), np.array([len(c) for c in seen], dtype=np.int64)


def _walk(
    indptr: np.ndarray,
    indices: np.ndarray,
    nodes: np.ndarray,
    keys: np.ndarray,
    visibility: np.ndarray,
    salt: np.uint64,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gap walk over rows seen by some but not all (0 < visibility < 1): the followers found, row
    after row, how many each row has, and whether its draws were enough (six standard deviations)."""
    from .kernels import gap_uniforms, walk_gaps  # numba: loaded when a session starts

    u, batch, starts, counts = gap_uniforms(indptr, nodes, keys, visibility, salt)
    return walk_gaps(np.log1p(-u), np.log1p(-visibility), batch, starts, counts, indices)
