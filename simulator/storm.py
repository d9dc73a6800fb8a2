"""The exogenous stream of fresh complaints (docs/architecture.md, "The spread model": μ(t) makes a storm ignite reliably).

Arrival times come from a Poisson process at the peak rate, thinned to the
shape's rate at each moment. Every arrival is keyed by its index, so a holding
statement that lowers the rate removes some arrivals and leaves the rest as
they were.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from stormdrill.scenarios.model import Generated

from . import rng
from .model_numbers import (
    APPEAL_SIGMA,
    HIGH_SEVERITY_ABOVE,
    LOW_SEVERITY_BELOW,
    NETWORK_LAG,
    REPOST_ANGER_BASE,
    REPOST_SCALE,
    REPOST_SHAPE,
    VINDICTIVE_SHARE,
)

_NORMAL = NormalDist()
APPEAL_DRAW = 101  # the draw's purpose (rng.py's purposes stop well below this)


def rate_at(gen: Generated, duration: float, t: float) -> float:
    """Fresh complaints per hour at time t."""
    peak = gen.peak
    base = gen.base if gen.base is not None else peak / 8.0
    if gen.shape == "constant":
        return peak
    if gen.shape == "wave":
        period = duration / gen.waves
        phase = 2 * math.pi * (t - gen.peak_at) / period
        return base + (peak - base) * (0.5 + 0.5 * math.cos(phase))
    # surge: rises to the peak, then decays over the rest of the storm
    if t <= gen.peak_at:
        rise = (t / gen.peak_at) if gen.peak_at > 0 else 1.0
        return base + (peak - base) * rise**1.5
    decay = max(1200.0, (duration - gen.peak_at) / 2.0)
    return base + (peak - base) * math.exp(-(t - gen.peak_at) / decay)


def arrivals(gen: Generated, duration: float, seed: int) -> list[tuple[float, int, float]]:
    """(time, arrival index, acceptance chance) for each candidate arrival before `duration`."""
    peak = max(gen.peak, gen.base or 0.0)
    if peak <= 0:
        return []
    out: list[tuple[float, int, float]] = []
    t, k = 0.0, 0
    per_second = peak / 3600.0
    while True:
        u = rng.uniform(seed, rng.EXO, k, 0)
        t += -math.log(1.0 - u) / per_second
        if t >= duration:
            return out
        out.append((t, k, rate_at(gen, duration, t) / peak))
        k += 1


def attention(gen: Generated | None, duration: float, t: float) -> float:
    """How much of its peak attention the storm has at t (1 without a generated storm).

    Pile-ons ("me too") follow it: customers join in while the problem is hitting them.
    """
    if gen is None:
        return 1.0
    peak = max(gen.peak, gen.base or 0.0)
    return rate_at(gen, duration, t) / peak if peak > 0 else 0.0


def appeal(key: int) -> float:
    """A post's appeal: lognormal with mean 1 (model_numbers.APPEAL_SIGMA), drawn from its key."""
    return appeal_of(rng.uniform(key, APPEAL_DRAW))


def appeal_of(u: float) -> float:
    """The appeal of a post whose appeal draw (rng.uniform(its key, APPEAL_DRAW)) is u."""
    u = min(max(u, 1e-12), 1.0 - 1e-12)
    return math.exp(APPEAL_SIGMA * _NORMAL.inv_cdf(u) - APPEAL_SIGMA**2 / 2.0)


def temper_of(u: float) -> str:
    """A poster's temper from its temper draw (postdraws.PostDraws.temper)."""
    return "vindictive" if u < VINDICTIVE_SHARE else "constructive"


def severity_of(u: float) -> str:
    """A post's severity from its severity draw (postdraws.PostDraws.severity)."""
    return "low" if u < LOW_SEVERITY_BELOW else ("high" if u > HIGH_SEVERITY_ABOVE else "medium")


def repost_after(anger: float, norm: float, u: float) -> float:
    """Seconds after their last post at which an ignored author posts again.

    Weibull in the time waited since that post, its scale shrinking with anger
    (model_numbers): the urge to post again grows the longer nobody answers.
    """
    scale = norm * REPOST_SCALE / (REPOST_ANGER_BASE + anger)
    return scale * (-math.log(1.0 - u)) ** (1.0 / REPOST_SHAPE)


def driver(gen: Generated | None) -> Generated | None:
    """What drives the storm: the declared one, its peak NETWORK_LAG earlier.

    `peak_at` is when the inbox peaks; pile-ons trail the fresh complaints that set them off by a
    few minutes, so fresh complaints and the storm's attention peak that much earlier.
    """
    if gen is None:
        return None
    return gen.model_copy(update={"peak_at": max(0, gen.peak_at - NETWORK_LAG)})
