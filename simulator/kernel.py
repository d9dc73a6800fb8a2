"""The attention kernel: how long after seeing a post someone reacts.

SEISMIC (Zhao et al. 2015): the reaction density is flat for the first s0
minutes, then decays as a power law with exponent 1 + θ. With s0 = 5 min and
θ = 0.23 the median reaction is ≈ 41 min and about half come within the hour,
as Kwak et al. (2010) measured on Twitter. Sampled by inverting the CDF.
"""

from __future__ import annotations

import numpy as np


def sample_delay(u: np.ndarray, s0, theta) -> np.ndarray:
    """Delays in seconds for uniforms `u` in [0, 1); s0 and theta may be per-element arrays."""
    u = np.asarray(u, dtype=np.float64)
    s0 = np.broadcast_to(np.asarray(s0, dtype=np.float64), u.shape)
    theta = np.broadcast_to(np.asarray(theta, dtype=np.float64), u.shape)
    flat_mass = theta / (1.0 + theta)
    early = u < flat_mass
    with np.errstate(divide="ignore", over="ignore"):
        late = s0 * ((1.0 - u) * (1.0 + theta)) ** (-1.0 / theta)
    return np.where(early, s0 * u / flat_mass, late)


def median_delay(s0: float, theta: float) -> float:
    return float(sample_delay(np.array([0.5]), s0, theta)[0])
