"""Faker's names and towns, compiled (numba): the draws Python's random.Random makes for a step's
authors and the towns its posts name.

Faker's `seed_instance(seed)` is random.Random().seed(seed): seeding that generator (CPython's
init_by_array over 624 words) costs more than the two names or the town then drawn from it. These
loops seed the generators of a step's authors (or of its posts' towns) side by side and draw from
their first outputs, the same words random.Random gives (people.persons, people.places;
tests/test_engine_speed.py compares them). Loaded when a session starts (people.warm_up), with
numba (jit.py says where it caches them).
"""

from __future__ import annotations

import numpy as np

from .jit import njit

_M32 = np.uint64(0xFFFFFFFF)
_MT_UPPER = np.uint64(0x80000000)
_MT_LOWER = np.uint64(0x7FFFFFFF)
_MT_MAG = np.uint64(0x9908B0DF)
_MT_N, _MT_M = 624, 397
_NAME_WORDS = 12  # the generator's outputs made for a key's names


def _init_genrand(seed: int) -> np.ndarray:
    words = [seed]
    for i in range(1, _MT_N):
        words.append((1812433253 * (words[-1] ^ (words[-1] >> 30)) + i) & 0xFFFFFFFF)
    return np.array(words, dtype=np.uint32)


_MT_START = _init_genrand(19650218)  # init_by_array's start, init_genrand(19650218): every key's


@njit
def first_words(seeds, count):
    """The first `count` outputs (at most 227) of random.Random(seed) for each 32-bit seed:
    CPython's Mersenne Twister seeded from one word (init_by_array), then the twist of words 0..,
    tempered. All seeds' generators are seeded side by side (mt[:, p] is seed p's state): each
    seeding step waits on the one before it, the seeds do not wait on each other."""
    n = len(seeds)
    mt = np.empty((_MT_N, n), dtype=np.uint32)
    for i in range(_MT_N):
        for p in range(n):
            mt[i, p] = _MT_START[i]
    word = np.empty(n, dtype=np.uint32)
    for p in range(n):
        word[p] = np.uint32(seeds[p] & _M32)
    i = 1
    for _ in range(_MT_N):  # init_by_array with one word (indexed: row views cost more)
        for p in range(n):
            prev = mt[i - 1, p]
            mt[i, p] = (mt[i, p] ^ ((prev ^ (prev >> 30)) * np.uint32(1664525))) + word[p]
        i += 1
        if i >= _MT_N:
            mt[0, :] = mt[_MT_N - 1]
            i = 1
    for _ in range(_MT_N - 1):
        minus = np.uint32(i)
        for p in range(n):
            prev = mt[i - 1, p]
            mt[i, p] = (mt[i, p] ^ ((prev ^ (prev >> 30)) * np.uint32(1566083941))) - minus
        i += 1
        if i >= _MT_N:
            mt[0, :] = mt[_MT_N - 1]
            i = 1
    mt[0, :] = np.uint32(0x80000000)
    words = np.empty((n, count), dtype=np.uint64)
    for p in range(n):
        for w in range(count):
            y = (np.uint64(mt[w, p]) & _MT_UPPER) | (np.uint64(mt[w + 1, p]) & _MT_LOWER)
            z = np.uint64(mt[w + _MT_M, p]) ^ (y >> np.uint64(1))
            if y & np.uint64(1):
                z ^= _MT_MAG
            z ^= z >> np.uint64(11)
            z ^= (z << np.uint64(7)) & np.uint64(0x9D2C5680)
            z ^= (z << np.uint64(15)) & np.uint64(0xEFC60000)
            z ^= z >> np.uint64(18)
            words[p, w] = z & _M32
    return words


@njit
def name_draws(keys, first_cumulative, first_size, last_cumulative, last_size):
    """people.persons: for each key, the first and last name Faker draws after
    seed_instance(key & 0xFFFFFFFF) (`first_words`' generators): positions in the names, drawn by
    their cumulative weights, or (empty weights) equally from `size` names, as
    people._Names.draw draws them."""
    n = len(keys)
    drawn = first_words(keys, np.int64(_NAME_WORDS))  # as town_draws calls it: compiled once
    out = np.empty((n, 2), dtype=np.int64)
    for p in range(n):
        words = drawn[p]
        used = 0
        for d in range(2):
            cumulative, size = (
                (first_cumulative, first_size) if d == 0 else (last_cumulative, last_size)
            )
            if len(cumulative):  # random.choices(names, weights): one random()
                a, b = words[used] >> np.uint64(5), words[used + 1] >> np.uint64(6)
                used += 2
                u = (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)  # random.random()
                x = u * (cumulative[-1] + 0.0)
                out[p, d] = np.searchsorted(cumulative[: len(cumulative) - 1], x, side="right")
                continue
            # random.choice(names): getrandbits(size.bit_length()) until one is below size
            shift, r = np.uint64(32 - _bit_length(size)), size
            while r >= size and used < _NAME_WORDS:
                r = np.int64(words[used] >> shift)
                used += 1
            out[p, d] = r if r < size else -1  # -1: more draws than made here (people.persons)
    return out


@njit
def town_draws(seeds, count, tokens, cumulative, starts, sizes):
    """people.places: for each 32-bit seed, the town pattern and the element for each of its
    tokens that Faker draws after seed_instance(seed) (`first_words`' generators): list 0 holds
    the patterns, tokens[f] the lists of pattern f's tokens in order (-1: no more). List l has
    sizes[l] elements, drawn by their cumulative weights cumulative[starts[l]:starts[l + 1]], or
    (none) equally, as people._Names.draw draws them. Row p: the pattern, then each token's
    element; -1 in its first column: more draws than the `count` outputs made."""
    n = len(seeds)
    drawn = first_words(seeds, count)
    out = np.empty((n, 1 + tokens.shape[1]), dtype=np.int64)
    out[:] = -1
    for p in range(n):
        words = drawn[p]
        used = 0
        pattern = -1
        for d in range(1 + tokens.shape[1]):
            chosen = 0 if d == 0 else tokens[pattern, d - 1]
            if chosen < 0:
                break
            size, lo, hi = sizes[chosen], starts[chosen], starts[chosen + 1]
            if hi > lo:  # random.choices(elements, weights): one random()
                if used + 2 > count:
                    pattern = -1
                    break
                a, b = words[used] >> np.uint64(5), words[used + 1] >> np.uint64(6)
                used += 2
                u = (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)  # random.random()
                x = u * (cumulative[hi - 1] + 0.0)
                first, last = lo, hi - 1  # bisect_right(cumulative[lo:hi - 1], x), written out
                while first < last:
                    middle = (first + last) // 2
                    if x < cumulative[middle]:
                        last = middle
                    else:
                        first = middle + 1
                r = first - lo
            else:  # random.choice(elements): getrandbits(size.bit_length()) until below size
                shift, r = np.uint64(32 - _bit_length(size)), size
                while r >= size and used < count:
                    r = np.int64(words[used] >> shift)
                    used += 1
                if r >= size:
                    pattern = -1
                    break
            if d == 0:
                pattern = r
            out[p, d] = r
        if pattern < 0:
            out[p, 0] = -1
    return out


@njit
def _bit_length(n):
    bits = 0
    while n:
        n >>= 1
        bits += 1
    return bits
