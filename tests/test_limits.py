"""Validated means runnable: validate rejects what this machine class can't run, and what it accepts runs fast."""

from __future__ import annotations

from pathlib import Path

import pytest
from stormdrill.scenarios import limits, load_scenario
from stormdrill.scenarios.loader import validate_file
from stormdrill.simulator.bots import play
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session

from stormdrill.generate import generate, write

from .conftest import SCENARIO_FILES

BROKEN = Path(__file__).parent / "broken" / "limits"

# file -> (line, column, words the message must contain: the limit and the reason)
EXPECTED = {
    "network-too-big": (
        5,
        17,
        "needs about 3.2 GB to build; this machine class has 2 GB for the engine: at most",
    ),
    "peak-not-realtime": (7, 39, "can't run in real time: at most 4,000/h at this speed"),
    "storm-too-long": (7, 39, "600/h for 24h takes about"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_rejects_what_this_machine_class_cannot_run(name):
    line, col, words = EXPECTED[name]
    problems = validate_file(BROKEN / f"{name}.yaml")
    located = [str(p) for p in problems if (p.line, p.col) == (line, col)]
    assert any(words in text for text in located), [str(p) for p in problems]


def test_every_broken_limit_file_is_checked():
    assert set(EXPECTED) == {p.stem for p in BROKEN.glob("*.yaml")}


# What `validate` accepts runs headless in under 5 s. The engine's cost model (scenarios/limits.py,
# measured by `stormdrill bench`) says so here; the real time is measured by `bench`
# (`headless_library_s_max`, over the library and these generated storms), not by a timed test that
# would flake on a busy machine.
HEADLESS_TARGET_S = 5.0


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_every_library_scenario_runs_headless_within_the_target(path):
    assert limits.headless_seconds(load_scenario(path)) < HEADLESS_TARGET_S


@pytest.mark.parametrize("duration", [7200, 6 * 3600, 24 * 3600])
def test_generated_scenarios_validate_and_run_headless_within_the_target(duration, tmp_path):
    scenario, policy = generate("outage", "en", size=50_000, duration=duration, seed=3)
    path, _ = write(scenario, policy, tmp_path / "storm.yaml")
    assert validate_file(path) == [], path.read_text()
    assert limits.headless_seconds(load_scenario(path)) < HEADLESS_TARGET_S


def test_the_cost_model_is_an_upper_estimate_of_the_engine_work():
    """The model charges at least the engine's measured cost per thread for a storm nobody answers."""
    scenario = load_scenario(SCENARIO_FILES[0])
    session = Session(scenario, seed=1, assess=_assess(), network=load_or_build(spec_for(scenario)))
    play(session, "none")
    threads = len(session.threads)
    assert limits.headless_seconds(scenario) >= threads * limits.SECONDS_PER_THREAD * 0.5


def _assess():
    from stormdrill.scoring import assess

    return assess
