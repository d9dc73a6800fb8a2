"""The candidates waiting to fall due: who may reshare or pile on, by the step they fall due in.

Every candidate the spread makes is a row of one float64 block (columns: thread, account, due,
accept, pile, origin; the indices are exact below 2**53). A step's candidates are a chain through
the block (the first and last per step, the next per candidate) in the order they were made, so a
step takes them in one compiled walk (kernels.enqueue, kernels.due_block) rather than from a dict
of slices. Rows are not reused: a 2-hour storm on 1M accounts makes some tens of thousands. A
candidate's numbers lie side by side, since they are read together: a step's chain goes all over
the block.
"""

from __future__ import annotations

import numpy as np

COLUMNS = 6  # thread, account, due, accept, pile, origin


class Candidates:
    def __init__(self, steps: int, step: float, capacity: int = 1024):
        self.step = step
        self.block = np.empty((capacity, COLUMNS))
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
            block = np.empty((capacity, COLUMNS))
            block[: self.size] = self.block[: self.size]
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

    def take(self, k: int, half_life: float) -> tuple[np.ndarray, np.ndarray] | None:
        """The candidates due in step k, once: a COLUMNS x n block (a column a candidate) by due
        time, then account, then the order they were made; and each one's novelty exponent,
        -(due - origin) / half_life. One compiled pass (kernels.due_block), not a numpy call for
        each of these."""
        from .kernels import due_block

        if k >= len(self.first) or self.first[k] < 0:
            return None
        return due_block(self.block, self.first, self.last, self.next, k, half_life)
