"""The spread kernel against compiled and pure-Python Independent Cascade libraries, at equal work.

Equal work: the same CSR arrays (the peer's copy made before timing), the same p, the same seed
sets, the same number of runs; the mean cascade sizes are compared with a test that can see a
difference of DETECT (bench.py) in the mean. Each side is warmed up first; cynetdiff and the
kernel are timed in alternating blocks, so a busy machine slows both alike. Run by `bench` in a
fresh process (bench.child), so the peers' memory is not the engine's.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from .bench import DETECT, IC_P, IC_RUNS, IC_WARMUP, _peak_rss_mb
from .cascade import independent_cascade
from .network import Network

BLOCK = 50  # cascades per timed block
# At 1,000,000 accounts most cascades die out (median ~24) and a few reach a giant component
# (mean ~5,000): the sizes vary so much that ~7,600 runs are needed to see 10%.
MOST_RUNS = {"cynetdiff": 10_000, "ndlib": 1200}  # NDlib takes ~0.1 s a cascade at 100,000
# Seeds per cascade. 20 against cynetdiff: small cascades (~46 nodes at 100,000 accounts), where
# per-call overhead counts. 200 against NDlib: sizes vary less (a seed set that reaches a hub
# weighs less), so ~400 runs of NDlib's slow loop suffice for the test to see a 10% difference.
SEEDS = {"cynetdiff": 20, "ndlib": 200}


def compare(peer: str, network: Network) -> dict:
    """The figures, named without the network's size (bench.py adds it)."""
    chooser = np.random.default_rng(7)
    pilot = _seed_sets(network, chooser, IC_RUNS, SEEDS[peer])
    sizes = [independent_cascade(network, s, IC_P, key=i) for i, s in enumerate(pilot)]
    runs = min(max(IC_RUNS, _runs_needed(sizes)), MOST_RUNS[peer])
    trials = pilot + _seed_sets(network, chooser, runs - len(pilot), SEEDS[peer])
    out = {"ic_p": IC_P, f"ic_seeds_{peer}": SEEDS[peer], f"ic_runs_{peer}": runs}
    try:
        run_peer = _cynetdiff(network) if peer == "cynetdiff" else _ndlib(network)
    except ImportError:
        return {**out, f"{peer}_note": f"{peer} is not installed: pip install -e '.[bench]'"}
    ours: list[int] = []
    theirs: list[int] = []

    def run_ours(block):
        ours.extend(independent_cascade(network, s, IC_P, key=i) for i, s in block)

    def run_theirs(block):
        theirs.extend(run_peer(s) for _, s in block)

    numbered = list(enumerate(trials))
    for run in (run_ours, run_theirs):  # warm-up: compiled code loaded, caches filled
        run(numbered[:IC_WARMUP])
    ours.clear()
    theirs.clear()
    clock = np.zeros((2, 2))  # (ours, theirs) × (wall, cpu)
    for at in range(0, runs, BLOCK):
        block = numbered[at : at + BLOCK]
        for side, run in enumerate((run_ours, run_theirs)):
            wall, cpu = time.perf_counter(), time.process_time()
            run(block)
            clock[side] += (time.perf_counter() - wall, time.process_time() - cpu)
    clock *= 1000 / runs  # ms per cascade
    test = welch(ours, theirs)
    out.update(
        {
            f"ic_ms_per_run_stormdrill_vs_{peer}": round(clock[0, 0], 4),
            f"ic_cpu_ms_per_run_stormdrill_vs_{peer}": round(clock[0, 1], 4),
            f"ic_ms_per_run_{peer}": round(clock[1, 0], 4),
            f"ic_cpu_ms_per_run_{peer}": round(clock[1, 1], 4),
            f"{peer}_speedup": round(clock[1, 1] / clock[0, 1], 2),
            f"{peer}_speedup_wall": round(clock[1, 0] / clock[0, 0], 2),
            f"ic_mean_size_stormdrill_vs_{peer}": round(float(np.mean(ours)), 2),
            f"ic_mean_size_{peer}": round(float(np.mean(theirs)), 2),
            f"ic_p_value_{peer}": test["p_value"],
            f"ic_detects_{peer}": test["detects"],
            f"ic_same_mean_{peer}": test["p_value"] >= 0.01,
            # sizes are heavy-tailed (a few cascades reach a giant component): ranks as a check
            f"ic_rank_p_value_{peer}": rank_test(ours, theirs),
            f"{peer}_peak_rss_mb": _peak_rss_mb(),
        }
    )
    return out


def _seed_sets(network: Network, chooser: np.random.Generator, count: int, seeds: int) -> list:
    """`count` sets of `seeds` distinct generated accounts."""
    sets = []
    for _ in range(count):
        draws = chooser.integers(network.named, network.size, size=2 * seeds).tolist()
        sets.append(np.array(list(dict.fromkeys(draws))[:seeds], dtype=np.int64))
    return sets


def _runs_needed(sizes) -> int:
    """Runs per side for the test to detect a relative difference of DETECT (5%, 80% power)."""
    cv = float(np.std(sizes) / max(np.mean(sizes), 1e-9))
    return math.ceil(2 * ((1.96 + 0.84) * cv / DETECT) ** 2)


def welch(a, b) -> dict:
    """The two-sided p-value of a difference in means (Welch; normal approximation, for hundreds
    of runs), and the smallest relative difference the test detects at 5% with 80% power."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    se = math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    diff = float(a.mean() - b.mean())
    p = math.erfc(abs(diff) / se / math.sqrt(2)) if se > 0 else float(diff == 0)
    detects = (1.96 + 0.84) * se / max(float(b.mean()), 1e-9)
    return {"p_value": round(p, 4), "detects": round(detects, 4)}


def rank_test(a, b) -> float:
    """The two-sided p-value of the Mann-Whitney U test (normal approximation, ties averaged):
    whether one side's cascades tend to be larger, robust to the rare giant ones."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    n1, n2 = len(a), len(b)
    _values, inverse, counts = np.unique(
        np.concatenate((a, b)), return_inverse=True, return_counts=True
    )
    ranks = (np.cumsum(counts) - (counts - 1) / 2.0)[inverse]  # 1-based, ties averaged
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2.0
    n = n1 + n2
    ties = float(((counts**3 - counts) / (n * (n - 1))).sum())
    sd = math.sqrt(n1 * n2 / 12.0 * ((n + 1) - ties))
    return round(math.erfc(abs(u - n1 * n2 / 2.0) / sd / math.sqrt(2)), 4) if sd > 0 else 1.0


def _cynetdiff(network: Network):
    from cynetdiff.models import IndependentCascadeModel

    # cynetdiff's stub says array.array; its Cython takes any uint32 buffer (a typed memoryview)
    starts: Any = network.indptr[:-1].astype(np.uint32)
    followers: Any = network.indices.astype(np.uint32)
    model = IndependentCascadeModel(starts, followers, activation_prob=IC_P, rng=1)

    def run(seeds: np.ndarray) -> int:
        model.set_seeds(seeds.tolist())
        model.advance_until_completion()
        return model.get_num_activated_nodes()

    return run


def _ndlib(network: Network):
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    graph = network.to_networkx()
    model = ep.IndependentCascadesModel(graph, seed=1)
    config = mc.Configuration()
    config.add_model_initial_configuration("Infected", [int(network.named)])
    model.set_initial_status(config)
    # p on every edge (NDlib's default is 1/out-degree)
    model.params["edges"]["threshold"] = dict.fromkeys(graph.edges(), IC_P)

    def run(seeds: np.ndarray) -> int:
        model.reset(infected_nodes=seeds.tolist())
        while True:
            result = model.iteration(node_status=False)
            if result["node_count"][1] == 0:
                return result["node_count"][2]

    return run
