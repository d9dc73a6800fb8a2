"""Common random numbers: every draw is keyed by what it is about, never by call order.

A draw for (seed, thread, node, purpose) gives the same number in the trainee's
run and in the counterfactual run without their actions, so the two differ
only where an action changed something (docs/architecture.md, "Determinism"). The mixer is SplitMix64's
finaliser, over Python ints for single keys and over uint64 arrays in the hot
path; numpy's uint64 arithmetic wraps, which is what the mixer wants.
"""

from __future__ import annotations

import numpy as np

MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB

# Purposes: one per kind of decision, so that two decisions about the same thing never share a draw.
(
    SEE,
    DELAY,
    PILE,
    ACCEPT,
    EXO,
    SCRIPT,
    TEXT,
    PERSON,
    ESCALATE,
    REACT,
    THANKS,
    HIDE,
    AUDIENCE,
    NETWORK,
    BOT,
    FOLLOWUP,
    WIT,
    SHARE,
) = range(1, 19)


def mix(x: int) -> int:
    x = (x + _GOLDEN) & MASK
    x = ((x ^ (x >> 30)) * _M1) & MASK
    x = ((x ^ (x >> 27)) * _M2) & MASK
    return x ^ (x >> 31)


_SEED = 0x2545F4914F6CDD1D


def key(*parts: int) -> int:
    """One 64-bit key from several integers (order matters)."""
    h = _SEED
    for part in parts:  # mix(h ^ part), written out: the engine makes tens of thousands a minute
        x = ((h ^ (int(part) & MASK)) + _GOLDEN) & MASK
        x = ((x ^ (x >> 30)) * _M1) & MASK
        x = ((x ^ (x >> 27)) * _M2) & MASK
        h = x ^ (x >> 31)
    return h


_UNIT = 1.0 / (1 << 53)


def uniform(*parts: int) -> float:
    """A uniform draw in [0, 1) for this key."""
    return (key(*parts) >> 11) * _UNIT


def choice(options, *parts: int):
    return options[key(*parts) % len(options)]


_U_GOLDEN = np.uint64(_GOLDEN)
_U_M1 = np.uint64(_M1)
_U_M2 = np.uint64(_M2)
_S30, _S27, _S31, _S11 = (np.uint64(s) for s in (30, 27, 31, 11))


def mix_array(x: np.ndarray) -> np.ndarray:
    """SplitMix64 over a uint64 array (a new array)."""
    x = x + _U_GOLDEN
    x ^= x >> _S30
    x *= _U_M1
    x ^= x >> _S27
    x *= _U_M2
    x ^= x >> _S31
    return x


def uniform_array(keys: np.ndarray) -> np.ndarray:
    """Uniform [0, 1) floats from uint64 keys (already mixed or not)."""
    return (mix_array(keys) >> _S11).astype(np.float64) * (1.0 / (1 << 53))


def key_array(keys: np.ndarray, *parts: int) -> np.ndarray:
    """`key(k, *parts)` for each k in a uint64 array."""
    h = mix_array(np.uint64(_SEED) ^ np.asarray(keys, dtype=np.uint64))
    for part in parts:
        h = mix_array(h ^ np.uint64(int(part) & MASK))
    return h


def key_range(count: int, *parts: int) -> np.ndarray:
    """`key(*parts, i)` for i in 0..count-1, as a uint64 array."""
    return mix_array(np.uint64(key(*parts)) ^ np.arange(count, dtype=np.uint64))


def permutation(size: int, *parts: int) -> list[int]:
    """range(size) sorted by key(*parts, i), ties (unlikely) in order: a keyed shuffle.

    Small ones in plain Python: a bank of a few lines is shuffled every few posts, and numpy's
    calls cost more than the sort.
    """
    if size > 64:
        return np.argsort(key_range(size, *parts), kind="stable").tolist()
    base = key(*parts)
    draws = [mix(base ^ i) for i in range(size)]
    return sorted(range(size), key=draws.__getitem__)  # stable, as argsort(kind="stable")


def uniform_of_keys(keys: np.ndarray, *parts: int) -> np.ndarray:
    """`uniform(k, *parts)` for each k in a uint64 array."""
    return (key_array(keys, *parts) >> _S11).astype(np.float64) * (1.0 / (1 << 53))


def keyed_generator(*parts: int) -> np.random.Generator:
    """A numpy generator for bulk work that is keyed as a whole (building a network)."""
    return np.random.default_rng(key(*parts))
