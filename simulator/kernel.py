"""The attention kernel: how long after seeing a post someone reacts to it.

Lognormal reaction times (Doerr, Blenn and Van Mieghem 2013, "Lognormal
infection times of online information spread", PLoS ONE): the delay between
seeing a post and passing it on is lognormal with a median of tens of minutes
and a wide spread. With a median of 60 min and sigma 1.5 for Twitter, about
half of the reshares a post gets in its first six hours come within the hour
(Kwak et al. 2010 measured half within the hour), and a few come hours later.
Sampled with the Box-Muller transform from two keyed uniforms.
"""

from __future__ import annotations

import math

import numpy as np


def sample_delay(u: np.ndarray, v: np.ndarray, median, sigma) -> np.ndarray:
    """Delays in seconds for uniforms `u`, `v` in [0, 1); median and sigma may be per-element arrays."""
    u = np.asarray(u, dtype=np.float64)
    z = np.sqrt(-2.0 * np.log1p(-u)) * np.cos(2.0 * np.pi * np.asarray(v, dtype=np.float64))
    return np.asarray(median, dtype=np.float64) * np.exp(np.asarray(sigma, dtype=np.float64) * z)


def share_within(median: float, sigma: float, t: float, window: float | None = None) -> float:
    """The share of delays under t (of those under `window`, when given)."""

    def cdf(x: float) -> float:
        return 0.5 * (1.0 + math.erf(math.log(x / median) / (sigma * math.sqrt(2.0))))

    return cdf(t) / cdf(window) if window else cdf(t)
