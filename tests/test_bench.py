"""`bench` names each figure by what it measures and the network size it was measured at."""

from __future__ import annotations

import json

import numpy as np
import pytest
from stormdrill.simulator import bench, ic_bench, network
from stormdrill.simulator.network import NetworkSpec, build

import run


@pytest.mark.parametrize(
    "n,tag", [(100_000, "100k"), (1_000_000, "1m"), (10_000_000, "10m"), (2_500, "2500")]
)
def test_sizes_are_named_for_keys(n, tag):
    assert bench.size_tag(n) == tag


def fake_child(task, size, cache=None):
    if task in ("build", "load"):
        return {"wall_s": 1.0, "cpu_s": 0.5, "peak_rss_mb": 100.0, "edges": 20 * size}
    return {"ic_p": 0.01, f"{task}_speedup": 2.0, f"ic_runs_{task}": 400}


@pytest.fixture
def light_bench(monkeypatch):
    """The bench's plumbing with its measurements replaced: which sizes go where."""
    monkeypatch.setattr(bench, "_child", fake_child)
    monkeypatch.setattr(network, "load_or_build", lambda spec: None)
    monkeypatch.setattr(
        bench, "tick_figures", lambda storm, net, assess, tag: {f"tick_ms_p99_{tag}": 1.0}
    )
    monkeypatch.setattr(bench, "_headless", lambda assess, say: {"headless_2h_100k_s": 1.0})
    monkeypatch.setattr(
        bench, "headless_library", lambda assess, say, extra=(): {"headless_library_s_max": 1.0}
    )
    return lambda **kw: bench.run_bench(None, say=lambda text: None, **kw)


def test_quick_never_reports_a_million(light_bench):
    results = light_bench(quick=True)
    assert results["network_size"] == 100_000
    assert not [k for k in results if k.endswith("_1m")]
    for key in ("tick_ms_p99_100k", "build_s_cold_100k", "cynetdiff_speedup_100k"):
        assert key in results
    assert "ndlib_speedup_20k" in results and results["ic_p"] == 0.01


def test_the_full_bench_names_its_million_and_compares_at_both_sizes(light_bench):
    results = light_bench()
    assert results["network_size"] == 1_000_000
    for key in (
        "tick_ms_p99_1m",
        "build_s_cold_1m",
        "build_cpu_s_cold_1m",
        "build_s_cached_1m",
        "cynetdiff_speedup_100k",
        "cynetdiff_speedup_1m",
        "ndlib_speedup_100k",
        "engine_peak_rss_mb",
    ):
        assert key in results
    assert results["build_peak_rss_mb"] == results["build_peak_rss_mb_1m"]


def test_size_measures_only_the_build(light_bench):
    results = light_bench(size=10_000_000)
    assert set(results) == {
        "network_size",
        "quick",
        "build_s_cold_10m",
        "build_cpu_s_cold_10m",
        "build_peak_rss_mb_10m",
        "build_peak_rss_mb",
        "edges_10m",
        "build_s_cached_10m",
        "build_cpu_s_cached_10m",
    }


def test_bench_size_builds_in_fresh_processes(capsys):
    assert run.main(["bench", "--size", "3000", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results["network_size"] == 3000 and results["edges_3k"] > 3000 * 10
    assert 20 < results["build_peak_rss_mb"] < 2048
    assert results["build_cpu_s_cold_3k"] > 0 and results["build_s_cached_3k"] > 0


def test_bench_refuses_a_size_that_is_not_one(capsys):
    with pytest.raises(SystemExit):
        run.main(["bench", "--size", "lots"])
    assert "a number of accounts" in capsys.readouterr().err


@pytest.fixture(scope="module")
def small_net():
    return build(NetworkSpec(3_000, seed=4))


def test_a_missing_peer_is_a_note(small_net, monkeypatch):
    def missing(net):
        raise ImportError

    monkeypatch.setattr(ic_bench, "_cynetdiff", missing)
    out = ic_bench.compare("cynetdiff", small_net)
    assert "pip install" in out["cynetdiff_note"] and "cynetdiff_speedup" not in out


def test_the_peer_runs_as_often_as_the_kernel_on_the_same_seed_sets(small_net, monkeypatch):
    seen = []

    def peer(net):
        def run(seeds):
            seen.append(tuple(seeds))
            return len(seeds)

        return run

    monkeypatch.setattr(ic_bench, "_cynetdiff", peer)
    out = ic_bench.compare("cynetdiff", small_net)
    runs = out["ic_runs_cynetdiff"]
    assert runs >= 360 and len(seen) == runs + bench.IC_WARMUP
    assert out["ic_mean_size_cynetdiff"] == 20 and out["ic_detects_cynetdiff"] <= bench.DETECT
    assert out["cynetdiff_speedup"] > 0 and out["ic_cpu_ms_per_run_stormdrill_vs_cynetdiff"] > 0


def test_the_mean_test_tells_a_tenth_apart():
    draws = np.random.default_rng(1)
    base = draws.exponential(40.0, 4000)
    assert ic_bench.welch(base * 1.1, draws.exponential(40.0, 4000))["p_value"] < 0.01
    assert ic_bench.welch(base, draws.exponential(40.0, 4000))["p_value"] > 0.01
