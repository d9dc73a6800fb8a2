"""The engine's tick: how long one simulated minute of `Session.advance_to` takes (for `bench`).

The console advances the storm once per simulated minute, so a slow minute is a stutter the
trainee sees. Figures are over warm ticks only: the first minute of each run is left out (what a
session does once, it does when it starts). Several seeds give enough samples (≥ 360 for a
2-hour storm) for a 99th percentile that is not simply the run's worst minute. Wall-clock and
CPU time are given side by side: on a busy machine the first grows, the second much less.
"""

from __future__ import annotations

import gc
import statistics
import time

import numpy as np
from stormdrill.scenarios import Scenario

from .assessment import Assess
from .network import Network
from .session import Session

SEEDS = (1, 2, 3, 4)
COLD_MINUTES = 1  # left out at the start of each run


def measure_ticks(
    scenario: Scenario, network: Network, assess: Assess, seeds: tuple[int, ...] = SEEDS
) -> dict:
    """Tick times (ms) of full runs of `scenario` on `network` with nobody answering, one per seed."""
    wall: list[float] = []
    cpu: list[float] = []
    complaints = []
    minutes = int(scenario.duration // 60)
    for seed in seeds:
        gc.collect()
        session = Session(scenario, seed=seed, assess=assess, network=network)
        for minute in range(1, minutes + 1):
            cpu_start, wall_start = time.thread_time(), time.perf_counter()
            session.advance_to(minute * 60)
            if minute > COLD_MINUTES:
                wall.append((time.perf_counter() - wall_start) * 1000)
                cpu.append((time.thread_time() - cpu_start) * 1000)
        complaints.append(session.totals()["complaints"])
    return {
        "tick_ms_median": round(statistics.median(wall), 2),
        "tick_ms_p99": round(float(np.percentile(wall, 99)), 2),
        "tick_ms_max": round(max(wall), 2),
        "tick_cpu_ms_median": round(statistics.median(cpu), 2),
        "tick_cpu_ms_p99": round(float(np.percentile(cpu, 99)), 2),
        "tick_samples": len(wall),
        "storm_complaints": complaints[0],
    }
