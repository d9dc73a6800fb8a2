"""`calibrate` measures the spread against its targets, the load on one seat, and hints that converge."""

from __future__ import annotations

import json

import pytest
from stormdrill.scoring.calibrate import calibrate

import run

FIGURES = (
    "never_reshared",
    "cascade_size_max",
    "reshare_delay_median_min",
    "reshares_within_1h",
    "network_share",
    "peak_at_min",
    "curve",
)


def test_calibrate_json_reports_the_spread_the_targets_and_the_seat(capsys):
    path = "scenarios/library/telnet-outage.yaml"
    assert (
        run.main(["calibrate", path, "--runs", "2", "--posts", "100", "--workers", "1", "--json"])
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert set(FIGURES) <= set(result["spread"])
    assert len(result["spread"]["curve"]) == 12  # 2 hours in 10-minute points
    assert result["targets"]["network_share"]["target"] == [0.5, 1.0]
    assert (
        "cascade_size_max" not in result["targets"]
    )  # the largest of 100 posts is no test of the tail
    load = result["workload"]
    assert load["speed"] == 15
    assert load["peak_complaints_per_real_minute"] == pytest.approx(
        load["peak_complaints_per_sim_minute"] * 15, 0.01
    )
    assert all(set(hint) == {"knob", "value", "why"} for hint in result["hints"])


@pytest.mark.slow
def test_a_network_share_hint_converges(library):
    scenario = library["telnet-outage"].model_copy(deep=True)
    scenario.storm.spread.pile_on = 0.03
    first = calibrate(scenario, runs=8, workers=1)
    assert not first["targets"]["network_share"]["ok"]
    [hint] = [h for h in first["hints"] if h["knob"] == "storm.spread.pile_on"]
    scenario.storm.spread.pile_on = hint["value"]
    second = calibrate(scenario, runs=8, workers=1)
    assert second["targets"]["network_share"]["ok"], second["targets"]["network_share"]


@pytest.mark.slow
def test_a_never_reshared_hint_converges(library):
    scenario = library["zekerheid-claim"].model_copy(deep=True)
    scenario.storm.spread.reshare = 0.05
    first = calibrate(scenario, runs=1, workers=1, posts=1000)
    assert not first["targets"]["never_reshared"]["ok"]
    [hint] = [h for h in first["hints"] if h["knob"] == "storm.spread.reshare"]
    scenario.storm.spread.reshare = hint["value"]
    second = calibrate(scenario, runs=1, workers=1, posts=1000)
    assert second["targets"]["never_reshared"]["ok"], second["targets"]["never_reshared"]


def test_calibrate_runs_the_same_sweep_on_a_dask_cluster(capsys):
    distributed = pytest.importorskip("dask.distributed")
    path = "scenarios/library/fietsfabriek-verbergen.yaml"
    local = ["calibrate", path, "--runs", "2", "--posts", "50", "--workers", "1", "--json"]
    assert run.main(local) == 0
    here = json.loads(capsys.readouterr().out)
    with distributed.LocalCluster(
        n_workers=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://", 1)
        assert run.main([*local, "--executor", address]) == 0
    there = json.loads(capsys.readouterr().out)
    assert there["spread"] == here["spread"] and there["bots"] == here["bots"]


def test_an_unreachable_dask_cluster_is_a_one_line_message(capsys):
    pytest.importorskip("dask.distributed")
    path = "scenarios/library/fietsfabriek-verbergen.yaml"
    assert (
        run.main(
            ["calibrate", path, "--runs", "1", "--posts", "0", "--executor", "dask://127.0.0.1:9"]
        )
        == 2
    )
    assert capsys.readouterr().err.startswith("--executor: can't reach dask://127.0.0.1:9")
