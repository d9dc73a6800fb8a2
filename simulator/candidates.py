"""The candidates waiting to fall due: who may reshare or pile on, by the step they fall due in.

Every candidate the spread makes is a column of one float64 block (rows: thread, account, due,
accept, pile, origin; the indices are exact below 2**53). A step's candidates are a chain through
the block (the first and last per step, the next per candidate) in the order they were made, so a
step takes them in one compiled walk (kernels.enqueue, kernels.dequeue) rather than from a dict of
slices. Columns are not reused: a 2-hour storm on 1M accounts makes some tens of thousands.
"""

from __future__ import annotations

import numpy as np

ROWS = 6  # thread, account, due, accept, pile, origin


class Candidates:
    def __init__(self, steps: int, step: float, capacity: int = 1024):
        self.step = step
        self.block = np.empty((ROWS, capacity))
        self.next = np.empty(capacity, dtype=np.int64)
        self.first = np.full(steps + 1, -1, dtype=np.int64)
        self.last = np.full(steps + 1, -1, dtype=np.int64)
        self.size = 0

    def add(self, thread, node, due, accept, pile, origin, before: float) -> None:
        """Queue the candidates that fall due before `before` (the storm's end), in their order."""
        from .kernels import enqueue  # numba: loaded when the session starts (spread.prepare)

        count = len(due)  # at most so many
        if not count:
            return
        if self.size + count > self.next.shape[0]:
            capacity = max(2 * self.next.shape[0], self.size + count)
            block = np.empty((ROWS, capacity))
            block[:, : self.size] = self.block[:, : self.size]
            self.block = block
            self.next = np.resize(self.next, capacity)
        self.size = enqueue(
            self.block,
            self.next,
            self.first,
            self.last,
            self.size,
            self.step,
            before,
            thread,
            node,
            due,
            accept,
            pile,
            origin,
        )

    def take(self, k: int) -> np.ndarray | None:
        """The candidates due in step k (a ROWS x n block, in the order they were made), once."""
        from .kernels import dequeue

        if k >= len(self.first) or self.first[k] < 0:
            return None
        return self.block[:, dequeue(self.first, self.last, self.next, k)]
