"""Validated means runnable: what this machine class can run, from the engine's measured costs.

The machine class is a trainer's or trainee's laptop: one core for the engine
and ENGINE_MEMORY_MB of memory for it. The costs were measured with
`stormdrill bench` and headless runs (docs/trainers.md, "What a scenario
may ask of the machine"); a scenario that asks for more is rejected by
`validate` with the limit and the reason, at the key to change.
"""

from __future__ import annotations

from stormdrill.scenarios.durations import format_duration
from stormdrill.scenarios.model import Scenario

# --- The machine class ----------------------------------------------------------------------------
ENGINE_MEMORY_MB = 2048  # of an 8 GB laptop, the engine may use a quarter
# the engine may take half a core while a trainee plays; the console needs the rest
REALTIME_SHARE = 0.5
HEADLESS_LIMIT_S = 30.0  # one headless run (simulate, each calibrate seed, the debrief's baselines)

# --- Measured costs (scale_free networks, this engine) --------------------------------------------
# Building a network peaks at the process and its chunks (BUILD_BASE_MB) plus the finished edges
# and their row sort, ~8 bytes per follower edge (measured with `stormdrill bench --size N`: 436 MB
# at 1,000,000 accounts and 1,667 MB at 10,000,000 with 196 million edges; docs/command-line.md,
# "Performance"); a scenario's edges are about size x mean_followers.
BUILD_BASE_MB = 230.0
BUILD_BYTES_PER_EDGE = 8.0
# Engine time per thread over its life (its post, its spread, reposts, escalations), nobody
# answering: 0.8-1.0 ms in the 2-hour library storms, 2.2 ms in a 6-hour one (more readers per
# complaint site); 2.5 ms keeps a margin.
SECONDS_PER_THREAD = 0.0025
# Threads per fresh complaint at the peak (pile-ons, complaint sites, ads): 1.5-3.0 in the library.
THREADS_PER_ARRIVAL = 3.0
# A whole run nobody answers, per complaint/h at the peak and hour of storm: 0.0017 s in the
# 2-hour library storms, 0.012 s in a 6-hour and 0.024 s in a 24-hour generated storm (complaint
# sites keep drawing readers, so the cost per hour grows with the length); modelled as
# SECONDS_PER_PEAK_HOUR x max(1, hours / LONG_STORM_HOURS), which overestimates long storms.
SECONDS_PER_PEAK_HOUR = 0.004
LONG_STORM_HOURS = 2.0


def problems(scenario: Scenario) -> list[tuple[tuple[str, ...], str]]:
    """(location, message) for each limit the scenario exceeds; empty when this machine class can run it."""
    found: list[tuple[tuple[str, ...], str]] = []
    net = scenario.network
    edges = net.size * net.mean_followers
    need_mb = BUILD_BASE_MB + edges * BUILD_BYTES_PER_EDGE / 2**20
    if need_mb > ENGINE_MEMORY_MB:
        room = (ENGINE_MEMORY_MB - BUILD_BASE_MB) * 2**20
        most = int(room / (BUILD_BYTES_PER_EDGE * net.mean_followers))
        found.append(
            (
                ("network", "size"),
                f"{net.size:,} accounts x {net.mean_followers} followers needs about "
                f"{need_mb / 1024:.1f} GB to build; this machine class has {ENGINE_MEMORY_MB / 1024:g} GB "
                f"for the engine: at most {most:,} accounts at mean_followers {net.mean_followers}",
            )
        )
    gen = scenario.storm.generated
    if gen is None:
        return found
    peak = max(gen.peak, gen.base or 0.0)
    per_real_second = scenario.speed * peak / 3600.0 * THREADS_PER_ARRIVAL * SECONDS_PER_THREAD
    if per_real_second > REALTIME_SHARE:
        most_rate = (
            REALTIME_SHARE * 3600.0 / (scenario.speed * THREADS_PER_ARRIVAL * SECONDS_PER_THREAD)
        )
        found.append(
            (
                ("storm", "generated", "peak"),
                f"{peak:,.0f}/h at speed {scenario.speed:g} needs about "
                f"{per_real_second:.1f} s of engine time per real second; it can't run in real time: at most "
                f"{int(most_rate):,}/h at this speed",
            )
        )
    seconds = headless_seconds(scenario)
    rate_found = any(loc[0] == "storm" for loc, _ in found)
    if seconds > HEADLESS_LIMIT_S and not rate_found:
        most = max(1, int(peak * HEADLESS_LIMIT_S / seconds))
        found.append(
            (
                ("storm", "generated", "peak"),
                f"{peak:,.0f}/h for {format_duration(scenario.duration)} "
                f"takes about {seconds:.0f} s of engine time per run (limit {HEADLESS_LIMIT_S:g} s: the debrief "
                f"replays it twice); at most {most:,}/h for this duration, or a shorter storm",
            )
        )
    return found


def headless_seconds(scenario: Scenario) -> float:
    """Estimated engine time of one run nobody answers (an upper estimate)."""
    gen = scenario.storm.generated
    if gen is None:
        return 0.0
    hours = scenario.duration / 3600.0
    return (
        max(gen.peak, gen.base or 0.0)
        * hours
        * SECONDS_PER_PEAK_HOUR
        * max(1.0, hours / LONG_STORM_HOURS)
    )
