"""Compiled inner loops (numba) for the network build and the spread kernel.

Loops numpy cannot vectorise without copies (filling CSR rows, sorting each row, a cascade
that stops after 40 nodes) are compiled once by numba and kept on disk, so only the first
run on a machine pays the compile (a second or two). Where numba keeps them: `$NUMBA_CACHE_DIR`
when set; else `__pycache__` beside this file when it can be written; else a `numba` folder in
the network cache (docs/command-line.md, "The network cache"), else in the temporary folder;
where none can be written, the loops are compiled in memory for each process and nothing fails.

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
        cache_dir() / "numba",  # not a network: the cache's cap and `cache clear` leave it
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


_S11 = np.uint64(11)
_SALT_PILE = np.uint64(0x5851F42D4C957F2D)  # spread.py's salts
_SALT_COND = np.uint64(0xC2B2AE3D27D4EB4F)
_SALT_DELAY = np.uint64(0x14057B7EF767814F)
_SALT_ACCEPT = np.uint64(0x2545F4914F6CDD1D)
_SALT_ANGLE = np.uint64(0x94D049BB133111EB)


@njit
def share_candidates(
    indptr, indices, nodes, kinds, audience, aud_start, keys, visibility, p_reshare, p_pile,
    weight, customer, big_rep, big_viewer,
):  # fmt: skip
    """spread.expand's draws for a step's shares: impressions per share, and the candidates.

    Kinds: 0 the sharer's followers, 1 an explicit audience (audience[aud_start[i]:aud_start[i+1]]),
    2 a big row whose seen followers are given (big_rep, big_viewer). Pairs are visited in
    expand's order: follower rows, then audiences, then big rows. Candidate j is share
    rows[0, j] seen by rows[1, j]; pile[j]: a pile-on, not a reshare; its uniforms[:, j] are the
    draws for its delay (two: the attention kernel's) and for its acceptance when due.
    """
    m = len(nodes)
    impressions = np.zeros(m, dtype=np.int64)
    total = len(big_rep)
    for i in range(m):
        if kinds[i] == 0:
            total += indptr[nodes[i] + 1] - indptr[nodes[i]]
        elif kinds[i] == 1:
            total += aud_start[i + 1] - aud_start[i]
    rows = np.empty((2, total), dtype=np.int64)
    draws = np.empty(total, dtype=np.uint64)
    pile = np.empty(total, dtype=np.bool_)
    n = 0
    for phase in range(2):
        for i in range(m):
            if kinds[i] != phase:
                continue
            if phase == 0:
                lo, hi = indptr[nodes[i]], indptr[nodes[i] + 1]
            else:
                lo, hi = aud_start[i], aud_start[i + 1]
            key, vis = keys[i], visibility[i]
            reshare, pile_on = p_reshare[i], p_pile[i]
            for j in range(lo, hi):
                v = np.int64(indices[j]) if phase == 0 else audience[j]
                h = mix(key ^ (np.uint64(v) * _ODD))
                u = (h >> _S11) * _UNIT
                if u < vis:
                    impressions[i] += 1
                    cond = u / vis  # uniform again, given seen
                    # what the viewer does, as for the big rows below
                    if cond < reshare * np.float64(weight[v]):
                        rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, False
                        n += 1
                    elif (mix(h ^ _SALT_PILE) >> _S11) * _UNIT < pile_on and customer[v]:
                        rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, True
                        n += 1
    for j in range(len(big_rep)):
        i, v = big_rep[j], big_viewer[j]
        h = mix(keys[i] ^ (np.uint64(v) * _ODD))
        impressions[i] += 1
        cond = (mix(h ^ _SALT_COND) >> _S11) * _UNIT
        # A reshare, else (customers only) a pile-on; written out in place: a compiled call with
        # array arguments would cost more than the test.
        if cond < p_reshare[i] * np.float64(weight[v]):
            rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, False
            n += 1
        elif (mix(h ^ _SALT_PILE) >> _S11) * _UNIT < p_pile[i] and customer[v]:
            rows[0, n], rows[1, n], draws[n], pile[n] = i, v, h, True
            n += 1
    uniforms = np.empty((3, n))
    for j in range(n):
        h = mix(draws[j] ^ _SALT_DELAY)
        uniforms[0, j] = (h >> _S11) * _UNIT
        uniforms[1, j] = (mix(h ^ _SALT_ANGLE) >> _S11) * _UNIT
        uniforms[2, j] = (mix(h ^ _SALT_ACCEPT) >> _S11) * _UNIT
    return impressions, rows[:, :n], pile[:n], uniforms


@njit
def tally(impressions, threads, minutes, kinds, kind_tones, topics, counts, per_thread, per_topic):
    """Add a step's impressions (per share) where step.py keeps them: counts[tone, minute] (tones:
    0 negative, 1 positive, 2 the brand's, 3 neither), per thread, and per topic (negative only).
    A share of thread -1 is the brand's own post."""
    for i in range(len(impressions)):
        n, th = impressions[i], threads[i]
        tone = 2 if th < 0 else kind_tones[kinds[th]]
        counts[tone, minutes[i]] += n
        if th >= 0:
            per_thread[th] += n
            if tone == 0:
                per_topic[topics[th]] += n


@njit
def heat(n, kind, anger, mult, created, needs, responded, hidden, topic, topic_heat, t, rumour,
         base_heat, target, span, growth, cap):  # fmt: skip
    """step.Step._heat for the first n threads: every thread's heat at time t (its docstring says
    what goes in), the same sums in the same order, in one pass."""
    out = np.empty(n)
    for i in range(n):
        base = base_heat + anger[i] if kind[i] == 0 or kind[i] == rumour else 1.0
        neglect = 1.0
        if needs[i] and not responded[i]:
            late = ((t - created[i]) - target) / span  # ResponseTimes.lateness
            neglect = 1.0 + growth * min(max(late, 0.0), 1.0)
        value = base * mult[i] * neglect * topic_heat[topic[i]]
        out[i] = 0.0 if hidden[i] else min(value, cap)
    return out


@njit
def gap_uniforms(keys, salt, batch):
    """fanout.py's gap draws: for row r, batch[r] uniforms, draw d from mix((keys[r] ^ salt) + d)."""
    u = np.empty(batch.sum())
    k = 0
    for r in range(len(keys)):
        base = keys[r] ^ salt
        for d in range(batch[r]):
            u[k] = (mix(base + np.uint64(d)) >> _S11) * _UNIT
            k += 1
    return u


@njit
def walk_gaps(log_u, log_miss, batch, starts, counts, indices):
    """fanout.py's walk: row r's followers at the positions its geometric gaps reach, gap d being
    floor(log_u[d] / log_miss[r]) + 1 (logs made by numpy, so the gaps are numpy's to the bit).

    Returns the followers found (row after row), how many each row found, and whether its draws
    reached past its last follower (else the row must be drawn again, one share at a time).
    """
    found = np.empty(len(log_u), dtype=np.int64)
    per_row = np.zeros(len(batch), dtype=np.int64)
    enough = np.zeros(len(batch), dtype=np.bool_)
    k = n = 0
    for r in range(len(batch)):
        position = -1
        for _ in range(batch[r]):
            position += np.int64(np.floor(log_u[k] / log_miss[r])) + 1
            k += 1
            if position < counts[r]:
                found[n] = indices[starts[r] + position]
                n += 1
                per_row[r] += 1
        enough[r] = position >= counts[r]
    return found[:n], per_row, enough


@njit
def enqueue(block, nxt, first, last, size, steps, keep, thread, node, due, accept, pile, origin):
    """candidates.Candidates.add: candidate j (if keep[j]) becomes column `size` of the block and
    joins the end of step steps[j]'s chain; the new size."""
    c = size
    for j in range(len(due)):
        if not keep[j]:
            continue
        block[0, c] = thread[j]
        block[1, c] = node[j]
        block[2, c] = due[j]
        block[3, c] = accept[j]
        block[4, c] = pile[j]
        block[5, c] = origin[j]
        nxt[c] = -1
        s = steps[j]
        if first[s] < 0:
            first[s] = c
        else:
            nxt[last[s]] = c
        last[s] = c
        c += 1
    return c


@njit
def dequeue(first, last, nxt, k):
    """The columns of step k's chain, in order; the chain is emptied."""
    n = 0
    c = first[k]
    while c >= 0:
        n += 1
        c = nxt[c]
    out = np.empty(n, dtype=np.int64)
    c = first[k]
    for i in range(n):
        out[i] = c
        c = nxt[c]
    first[k] = last[k] = -1
    return out
