"""Compiled inner loops (numba) for the network build and the spread kernel.

Loops numpy cannot vectorise without copies (filling CSR rows, sorting each row, a cascade
that stops after 40 nodes) are compiled once by numba and kept on disk, so only the first
run on a machine pays the compile (about 3 s with the step's loops, simulator/kernels.py). Where
numba keeps them: a folder named after this version of the loops (`_fingerprint`) in
`$NUMBA_CACHE_DIR` when set; else in `__pycache__/numba` beside this file when it can be written;
else in a `numba` folder in the network cache (docs/command-line.md, "The network cache"), else in
the temporary folder; where none can be written, the loops are compiled in memory for each process
and nothing fails.

Everything here is integer arithmetic or exact comparisons of doubles, except the cascade's skips
(`independent_cascade`: a compiled `log1p`, the same in every process, compiled or cached).

Import this module only where a compiled loop is needed: importing numba takes ~0.3 s.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numba
import numpy as np


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


_COMPILED = ("jit.py", "kernels.py")  # every module with a compiled loop that calls another's


def _fingerprint(folder: Path = Path(__file__).parent) -> str:
    """A name for this version of the compiled loops. numba checks only a loop's own file before it
    reuses a cached loop, so a loop that calls `mix` from this file would otherwise survive a change
    here; a folder per version of both files (and of numba) cannot hold a stale loop."""
    digest = hashlib.sha256(numba.__version__.encode())
    for name in _COMPILED:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def _choose_cache() -> Path | None:
    """The folder numba keeps this version's compiled loops in; None: none can be written."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    if os.environ.get("NUMBA_CACHE_DIR"):
        bases = [Path(os.environ["NUMBA_CACHE_DIR"])]
    else:
        from .cache import cache_dir

        bases = [
            Path(__file__).parent / "__pycache__" / "numba",
            cache_dir() / "numba",  # not a network: the cache's cap and `cache clear` leave it
            Path(tempfile.gettempdir()) / f"stormdrill-numba-{uid}",
        ]
    fingerprint = _fingerprint()
    for base in bases:
        if _writable(base / fingerprint):
            return base / fingerprint
    return None


FOLDER = _choose_cache()
CACHE = FOLDER is not None
if FOLDER is not None:
    # Set on numba's config, not in the environment: numba reads $NUMBA_CACHE_DIR only when it is
    # first imported, which may have happened before this module was.
    numba.config.CACHE_DIR = str(FOLDER)  # type: ignore[attr-defined]

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


@njit
def search_sorted(cumulative, draws):
    """np.searchsorted(cumulative, draws, side="right") capped at len - 1, for sorted draws:
    one sweep instead of a binary search per draw."""
    out = np.empty(len(draws), dtype=np.int32)
    n = len(cumulative)
    at = 0
    for i in range(len(draws)):
        x = draws[i]
        while at < n and cumulative[at] <= x:
            at += 1
        out[i] = min(at, n - 1)
    return out


@njit
def search_from(cumulative, draws, bounds, group):
    """np.searchsorted(cumulative, draws, side="right") capped at len - 1, where draw i is known
    to be at least cumulative[bounds[group[i]] - 1]: a galloping search from there."""
    out = np.empty(len(draws), dtype=np.int32)
    n = len(cumulative)
    for i in range(len(draws)):
        x = draws[i]
        lo = bounds[group[i]]  # every element before lo is <= x
        hi = lo
        step = 1
        while hi < n and cumulative[hi] <= x:
            lo = hi + 1
            hi = lo + step
            step *= 2
        hi = min(hi, n)
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] <= x:
                lo = mid + 1
            else:
                hi = mid
        out[i] = min(lo, n - 1)
    return out


def csr(n: int, chunks) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays (indptr int64, indices int32) from edge chunks: `chunks(fill)` yields (rows,
    followers) int32 pairs and is called twice, to count each row (fill False: the followers
    may be None), then to fill it; each row ends sorted, without repeats or self-links. Peak:
    the edges once, 4 bytes each."""
    counts = np.zeros(n, dtype=np.int64)
    for rows, _ in chunks(False):
        count_rows(counts, rows)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    del counts
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    cursor = indptr[:-1].copy()
    for rows, values in chunks(True):
        scatter(cursor, indices, rows, values)
    del cursor
    kept = sort_rows(indptr, indices)
    indices.resize(kept, refcheck=False)  # shrinks in place: no second copy of the edges
    return indptr, indices


_KEY = np.uint64(0x2545F4914F6CDD1D)  # rng.key's starting value
_ODD = np.uint64(0xD6E8FEB86659FD93)
_UNIT = 1.0 / (1 << 53)


SKIP_BELOW = 0.1  # below this p, successes are found by geometric skipping (see below)


@njit
def independent_cascade(indptr, indices, seeds, p, key, work):
    """Final number of active nodes (seeds included) of an Independent Cascade; see cascade.py.

    `work` is scratch space of 2 × nodes int32, zeros in its first half, and left so.
    From p = SKIP_BELOW up, each (source, follower, generation) gets its own keyed draw; below,
    the followers a source reaches are found by geometric skipping: the gaps between successes
    in a row of Bernoulli(p) trials are geometric, one keyed draw per success (and one per row
    to end it) instead of one per follower. Both are Independent Cascade; the second is the
    same in distribution, not draw for draw.
    """
    n = len(indptr) - 1
    tail = 0
    for s in seeds:
        if work[s] == 0:
            work[s] = 1
            work[n + tail] = s
            tail += 1
    total = len(seeds)
    if p <= 0.0:
        for i in range(tail):
            work[work[n + i]] = 0
        return total
    skip = p < SKIP_BELOW
    scale = 1.0 / np.log1p(-p) if skip else 0.0
    base = mix(_KEY ^ key)
    start = 0
    generation = 0
    while start < tail:
        generation += 1
        gkey = mix(base ^ np.uint64(generation))  # rng.key(key, generation)
        end = tail
        for i in range(start, end):
            s = work[n + i]
            salt = np.uint64(s) * _ODD
            first = indptr[s]
            length = indptr[s + 1] - first
            if skip:
                row = mix(salt ^ gkey)
                at = -1
                j = np.uint64(0)
                while True:
                    u = (mix(row + j) >> np.uint64(11)) * _UNIT
                    j += np.uint64(1)
                    at += int(np.log1p(-u) * scale) + 1
                    if at >= length:
                        break
                    f = indices[first + at]
                    if work[f] == 0:
                        work[f] = 1
                        work[n + tail] = f
                        tail += 1
                continue
            for k in range(length):
                f = indices[first + k]
                if work[f] != 0:
                    continue
                h = mix(salt ^ np.uint64(f) ^ gkey)
                if (h >> np.uint64(11)) * _UNIT < p:
                    work[f] = 1
                    work[n + tail] = f
                    tail += 1
        total += tail - end
        start = end
    for i in range(tail):
        work[work[n + i]] = 0
    return total
