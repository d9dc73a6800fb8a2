"""Compiled inner loops (numba) for the network build and the spread kernel.

Loops numpy cannot vectorise without copies (filling CSR rows, sorting each row, a cascade
that stops after 40 nodes) are compiled once by numba and kept on disk, so only the first
run on a machine pays the compile (a second or two). Where numba keeps them: `$NUMBA_CACHE_DIR`
when set; else `__pycache__` beside this file when it can be written; else the network cache's
folder (docs/command-line.md, "The network cache"), else the temporary folder; where none can
be written, the loops are compiled in memory for each process and nothing fails.

Everything here is integer arithmetic or exact comparisons of doubles, so the results are the
same bit for bit whether compiled, cached or not.

Import this module only where a compiled loop is needed: importing numba takes ~0.3 s.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def _choose_cache() -> bool:
    """Point numba at a folder it may write (before numba is imported); False: none."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return _writable(Path(os.environ["NUMBA_CACHE_DIR"]))
    if _writable(Path(__file__).parent / "__pycache__"):
        return True
    from .cache import cache_dir

    uid = os.getuid() if hasattr(os, "getuid") else 0
    for folder in (
        cache_dir().parent / "numba",
        Path(tempfile.gettempdir()) / f"stormdrill-numba-{uid}",
    ):
        if _writable(folder):
            os.environ["NUMBA_CACHE_DIR"] = str(folder)
            return True
    return False


CACHE = _choose_cache()

import numba  # noqa: E402  (after the cache folder is chosen: numba reads it on import)
import numpy as np  # noqa: E402

njit = numba.njit(cache=CACHE, nogil=True, boundscheck=False)

# SplitMix64's finaliser (rng.mix), here over uint64 scalars.
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


@njit
def mix(x):
    x = x + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * _M1
    x = (x ^ (x >> np.uint64(27))) * _M2
    return x ^ (x >> np.uint64(31))


@njit
def count_rows(counts, rows):
    """counts[r] += 1 for each r in rows."""
    for r in rows:
        counts[r] += 1


@njit
def scatter(cursor, indices, rows, values):
    """Append values[i] to row rows[i] of a CSR being filled; cursor: each row's next free slot."""
    for i in range(len(rows)):
        r = rows[i]
        indices[cursor[r]] = values[i]
        cursor[r] += 1


@njit
def sort_rows(indptr, indices):
    """Sort each row in place, drop repeats and self-links, close the gaps; the new length."""
    write = 0
    start = indptr[0]
    for r in range(len(indptr) - 1):
        end = indptr[r + 1]
        row = indices[start:end]
        row.sort()
        indptr[r] = write
        previous = -1
        for j in range(end - start):
            v = row[j]
            if v != previous and v != r:
                indices[write] = v
                write += 1
            previous = v
        start = end
    indptr[len(indptr) - 1] = write
    return write
