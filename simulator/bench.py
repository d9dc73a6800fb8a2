"""`stormdrill bench`: the performance targets of DESIGN §6, measured on this machine.

Not a test: speed depends on the machine, so CI only checks that it runs.
"""

from __future__ import annotations

import gc
import resource
import statistics
import time
from collections.abc import Callable

import numpy as np
from stormdrill.scenarios import DEFAULT_SCENARIO, load_scenario

from .bots import play
from .cascade import independent_cascade
from .network import build, load_or_build, spec_for
from .session import Session

TARGETS = {
    "tick_ms_median_1m": ("≤ 20 ms", lambda v: v <= 20),
    "tick_ms_p99_1m": ("goal ≤ 5 ms", lambda v: v <= 5),
    "build_s_cold_1m": ("≤ 10 s", lambda v: v <= 10),
    "build_s_cached_1m": ("≤ 1 s", lambda v: v <= 1),
    "peak_rss_mb": ("≤ 1500 MB", lambda v: v <= 1500),
    "headless_2h_100k_s": ("≤ 2 s", lambda v: v <= 2),
    "ndlib_speedup": ("goal ≥ 50×", lambda v: v is not None and v >= 50),
    "keypress_ms_p50": ("—", lambda v: v is not None),
    "keypress_ms_p95": ("≤ 50 ms", lambda v: v is not None and v <= 50),
    "keypress_ms_max": ("≤ 250 ms", lambda v: v is not None and v <= 250),
    "keypress_ms_1m_p95": ("≤ 50 ms", lambda v: v is not None and v <= 50),
    "keypress_ms_1m_max": ("≤ 250 ms", lambda v: v is not None and v <= 250),
}


def _storm(size: int, peak: float):
    scenario = load_scenario(DEFAULT_SCENARIO)
    scenario.network.size = size
    scenario.storm.generated.peak = peak
    return scenario


def run_bench(
    assess, quick: bool = False, say: Callable[[str], None] = print, keypress=None
) -> dict:
    big = 100_000 if quick else 1_000_000
    results: dict = {"network_size": big, "quick": quick}
    storm = _storm(big, 60 * big / 50_000 if quick else 300)

    say(f"building a {big:,}-account network (cold)...")
    gc.collect()
    start = time.perf_counter()
    network = build(spec_for(storm))
    results["build_s_cold_1m"] = round(time.perf_counter() - start, 3)
    load_or_build(spec_for(storm))  # writes the cache
    start = time.perf_counter()
    network = load_or_build(spec_for(storm))
    results["build_s_cached_1m"] = round(time.perf_counter() - start, 3)
    results["edges"] = network.edges

    say("running a 2-hour storm, one simulated minute per tick...")
    session = Session(storm, seed=1, assess=assess, network=network)
    ticks = []
    for minute in range(1, int(storm.duration // 60) + 1):
        start = time.perf_counter()
        session.advance_to(minute * 60)
        ticks.append((time.perf_counter() - start) * 1000)
    results["tick_ms_median_1m"] = round(statistics.median(ticks), 2)
    results["tick_ms_p99_1m"] = round(float(np.percentile(ticks, 99)), 2)
    results["tick_ms_max_1m"] = round(max(ticks), 2)
    results["storm_complaints"] = session.totals()["complaints"]

    say("a whole 2-hour scenario on 100,000 accounts, reference bot...")
    scenario = _storm(100_000, 60)
    net100k = load_or_build(spec_for(scenario))
    runs = []
    for seed in (1, 2, 3):
        start = time.perf_counter()
        play(Session(scenario, seed=seed, assess=assess, network=net100k), "reference")
        runs.append(time.perf_counter() - start)
    results["headless_2h_100k_s"] = round(statistics.median(runs), 3)

    say("spread engine against NDlib's Independent Cascade...")
    results.update(_ndlib(20_000 if quick else 100_000))

    if keypress is not None:
        say("key press to screen during a peak storm, the clock running at top speed...")
        results.update(keypress(million=not quick))  # stormdrill/bench.py: p50, p95, max
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def _ndlib(size: int, p: float = 0.01, seeds: int = 20, ndlib_runs: int = 30) -> dict:
    scenario = _storm(size, 60)
    network = load_or_build(spec_for(scenario))
    chooser = np.random.default_rng(7)
    trials = [
        chooser.choice(np.arange(network.named, network.size), size=seeds, replace=False)
        for _ in range(400)
    ]
    start = time.perf_counter()
    ours = [independent_cascade(network, s, p, key=i) for i, s in enumerate(trials)]
    our_time = (time.perf_counter() - start) / len(trials)
    out = {
        "ic_graph_size": size,
        "ic_p": p,
        "ic_mean_size_ours": round(float(np.mean(ours)), 2),
        "ic_ms_per_run_ours": round(our_time * 1000, 3),
    }
    try:
        import ndlib.models.epidemics as ep
        import ndlib.models.ModelConfig as mc
    except ImportError:
        out.update(ndlib_speedup=None, ndlib_note="NDlib not installed: pip install -e '.[bench]'")
        return out
    graph = network.to_networkx()
    config_edges = dict.fromkeys(graph.edges(), p)
    theirs, their_time = [], 0.0
    model = ep.IndependentCascadesModel(graph, seed=1)
    config = mc.Configuration()
    config.add_model_initial_configuration("Infected", trials[0].tolist())
    model.set_initial_status(config)
    model.params["edges"]["threshold"] = (
        config_edges  # p on every edge (its default is 1/out-degree)
    )
    for seed_nodes in trials[:ndlib_runs]:
        model.reset(infected_nodes=seed_nodes.tolist())
        start = time.perf_counter()
        while True:
            result = model.iteration(node_status=False)
            if result["node_count"][1] == 0:
                break
        their_time += time.perf_counter() - start
        theirs.append(result["node_count"][2])
    their_time /= len(theirs)
    error = 3 * np.sqrt(np.var(ours) / len(ours) + np.var(theirs) / len(theirs))
    out.update(
        ic_mean_size_ndlib=round(float(np.mean(theirs)), 2),
        ic_ms_per_run_ndlib=round(their_time * 1000, 1),
        ndlib_speedup=round(their_time / our_time, 1),
        ic_same_mean=bool(abs(np.mean(ours) - np.mean(theirs)) <= error),
    )
    return out
