"""`stormdrill bench`: the performance targets (docs/command-line.md, "Performance"), measured
on this machine.

Not a test: speed depends on the machine, so CI only checks that it runs. Every key that was
measured on a network ends in that network's size (`_100k`, `_1m`, `_10m`), so a figure is
never read against a target for another size; `network_size` is the size of the main part.
What runs in its own fresh process: the network build (cold, then loading it from the cache,
each from a cold process), the spread kernel against cynetdiff, and NDlib; so the engine's own
peak memory (`engine_peak_rss_mb`) is not the peers'. Times are given as wall clock and as
CPU time of the process (`_cpu_`): on a busy machine the CPU time is the steadier one.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from stormdrill.scenarios import DEFAULT_SCENARIO, LIBRARY, load_scenario

IC_P = 0.01  # activation probability of the Independent Cascade comparisons
IC_RUNS = 400  # cascades timed (after IC_WARMUP), at least; more where needed for the test
IC_WARMUP = 20
DETECT = 0.10  # the mean-size test must be able to see a difference this large (relative)

# Targets at the size they are set for; a key of another size is shown without one.
TARGETS = {
    "tick_ms_median_1m": ("≤ 20 ms", lambda v: v <= 20),
    "tick_ms_p99_1m": ("goal ≤ 5 ms", lambda v: v <= 5),
    "build_s_cold_1m": ("≤ 10 s", lambda v: v <= 10),
    "build_s_cached_1m": ("≤ 1 s", lambda v: v <= 1),
    "build_s_cold_10m": ("≤ 60 s", lambda v: v <= 60),
    "build_peak_rss_mb_10m": ("≤ 2048 MB", lambda v: v <= 2048),
    "engine_peak_rss_mb": ("≤ 1500 MB", lambda v: v <= 1500),
    "headless_2h_100k_s": ("≤ 2 s", lambda v: v <= 2),
    "headless_library_s_max": ("≤ 5 s", lambda v: v <= 5),
    "ndlib_speedup_100k": ("goal ≥ 50×", lambda v: v >= 50),
    "cynetdiff_speedup_100k": ("≥ 1×", lambda v: v >= 1),
    "cynetdiff_speedup_1m": ("≥ 1×", lambda v: v >= 1),
    "keypress_ms_p95": ("≤ 50 ms", lambda v: v <= 50),
    "keypress_ms_max": ("≤ 250 ms", lambda v: v <= 250),
    "keypress_ms_1m_p95": ("≤ 50 ms", lambda v: v <= 50),
    "keypress_ms_1m_max": ("≤ 250 ms", lambda v: v <= 250),
}


def size_tag(n: int) -> str:
    """100000 -> "100k", 1000000 -> "1m", 2500 -> "2500"."""
    for unit, suffix in ((1_000_000, "m"), (1_000, "k")):
        if n >= unit and n % unit == 0:
            return f"{n // unit}{suffix}"
    return str(n)


def _storm(size: int, peak: float):
    scenario = load_scenario(DEFAULT_SCENARIO)
    scenario.network.size = size
    generated = scenario.storm.generated
    assert generated is not None  # the default scenario's storm is generated
    generated.peak = peak
    return scenario


def run_bench(
    assess,
    quick: bool = False,
    say: Callable[[str], None] = print,
    keypress=None,
    size: int | None = None,
    extra_scenarios: tuple = (),
) -> dict:
    """The whole bench (1,000,000 accounts; `quick`: 100,000), or with `size` only the build."""
    big = size or (100_000 if quick else 1_000_000)
    results: dict = {"network_size": big, "quick": quick and not size}
    with tempfile.TemporaryDirectory(prefix="stormdrill-bench-") as folder:
        results.update(build_figures(big, folder, say))
    if size:
        return results

    from .network import load_or_build, spec_for

    tag = size_tag(big)
    storm = _storm(big, 60 * big / 50_000 if quick else 300)
    say(f"running 2-hour storms on {big:,} accounts, one simulated minute per tick...")
    results.update(tick_figures(storm, load_or_build(spec_for(storm)), assess, tag))
    results.update(_headless(assess, say))
    results.update(headless_library(assess, say, extra_scenarios))
    results["engine_peak_rss_mb"] = _peak_rss_mb()

    for n in (100_000,) if quick else (100_000, 1_000_000):
        say(f"spread kernel against cynetdiff's Independent Cascade, {n:,} accounts...")
        results.update(tagged(_child("cynetdiff", n), n))
    n = 20_000 if quick else 100_000
    say(f"spread kernel against NDlib's Independent Cascade, {n:,} accounts (slow)...")
    results.update(tagged(_child("ndlib", n), n))

    if keypress is not None:
        say("key press to screen during a peak storm, the clock running at top speed...")
        results.update(keypress(million=not quick))  # stormdrill/bench.py: p50, p95, max
    return results


UNSIZED = ("ic_p", "cynetdiff_note", "ndlib_note")  # the same at every size


def tagged(figures: dict, size: int) -> dict:
    """Figures measured on a `size`-account network, named with it."""
    tag = size_tag(size)
    return {k if k in UNSIZED else f"{k}_{tag}": v for k, v in figures.items()}


def tick_figures(storm, network, assess, tag: str) -> dict:
    """Tick times over 2-hour storms (simulator/ticks.py): a tick is one simulated minute, warm
    minutes of four seeds (≥ 360 samples), wall clock and CPU time side by side."""
    from .ticks import measure_ticks

    return {f"{key}_{tag}": value for key, value in measure_ticks(storm, network, assess).items()}


def _headless(assess, say) -> dict:
    from .network import load_or_build, spec_for

    say("a whole 2-hour scenario on 100,000 accounts, reference bot...")
    scenario = _storm(100_000, 60)
    network = load_or_build(spec_for(scenario))
    runs = [_timed_run(scenario, assess, network, seed, "reference")[0] for seed in (1, 2, 3)]
    return {"headless_2h_100k_s": round(statistics.median(runs), 3)}


def headless_library(assess, say, extra: tuple = ()) -> dict:
    """The slowest headless run (the reference team, and nobody answering) over the library's
    scenarios and `extra` ones (the command line adds what `generate` writes for 2, 6 and 24
    hours): every scenario that validates should run headless in under 5 s (docs/trainers.md)."""
    from .network import load_or_build, spec_for

    scenarios = [load_scenario(p) for p in sorted(LIBRARY.glob("*.yaml"))] + list(extra)
    say(f"headless runs of {len(scenarios)} scenarios (reference team, nobody answering)...")
    worst, worst_cpu, name = 0.0, 0.0, ""
    for scenario in scenarios:
        network = load_or_build(spec_for(scenario))  # a one-off build, cached: not part of a run
        for bot in ("reference", "none"):
            wall, cpu = _timed_run(scenario, assess, network, 1, bot)
            if wall > worst:
                worst, worst_cpu, name = wall, cpu, f"{scenario.id} ({bot})"
    return {
        "headless_library_s_max": round(worst, 2),
        "headless_library_cpu_s_max": round(worst_cpu, 2),
        "headless_library_slowest": name,
    }


def _timed_run(scenario, assess, network, seed: int, bot: str) -> tuple[float, float]:
    """One whole headless run of `bot` on `scenario`, the session's start included: (wall, CPU) s."""
    from .bots import play
    from .session import Session

    cpu, wall = time.process_time(), time.perf_counter()
    play(Session(scenario, seed=seed, assess=assess, network=network), bot)  # its start-up counts
    return time.perf_counter() - wall, time.process_time() - cpu


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- measured in fresh processes -------------------------------------------------------------


def build_figures(size: int, folder: str, say: Callable[[str], None]) -> dict:
    """Build a network in a fresh process (time, peak memory), then load it in another."""
    tag = size_tag(size)
    say(f"building a {size:,}-account network in a fresh process...")
    built = _child("build", size, cache=folder)
    say("loading it from the cache in another fresh process...")
    loaded = _child("load", size, cache=folder)
    return {
        f"build_s_cold_{tag}": built["wall_s"],
        f"build_cpu_s_cold_{tag}": built["cpu_s"],
        f"build_peak_rss_mb_{tag}": built["peak_rss_mb"],
        "build_peak_rss_mb": built["peak_rss_mb"],  # at network_size
        f"edges_{tag}": built["edges"],
        f"build_s_cached_{tag}": loaded["wall_s"],
        f"build_cpu_s_cached_{tag}": loaded["cpu_s"],
    }


def _child(task: str, size: int, cache: str | None = None) -> dict:
    """Run `child(task, size)` in a fresh interpreter; its JSON answer."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    if cache:
        env["STORMDRILL_CACHE"] = cache
    code = (
        "import json, sys; from stormdrill.simulator.bench import child; "
        f"print(json.dumps(child({task!r}, {size})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench {task} at {size:,}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(task: str, size: int) -> dict:
    """One measurement in this (fresh) process; see `_child`."""
    from .network import build, load_or_build, spec_for

    spec = spec_for(_storm(size, 60))
    wall, cpu = time.perf_counter(), time.process_time()
    if task == "build":
        network = build(spec)
        out: dict[str, float] = {"edges": network.edges}
    elif task == "load":  # from the cache, until the session could start: the arrays it reads
        network = load_or_build(spec)
        out = {"edges": float(network.reshare_weight.sum() > 0)}
    else:
        from .ic_bench import compare

        return compare(task, load_or_build(spec))
    out.update(
        wall_s=round(time.perf_counter() - wall, 3),
        cpu_s=round(time.process_time() - cpu, 3),
        peak_rss_mb=_peak_rss_mb(),
    )
    if task == "build":  # for the load that follows, in another process
        from .cache import ENTRY, cache_dir
        from .network import save

        save(network, cache_dir() / f"{spec.cache_key()}{ENTRY}")
    return out
