"""The console on a library scenario, ready for a Pilot: the engine is stepped by the test, never by the clock."""

from __future__ import annotations

from stormdrill.simulator.network import load_or_build, spec_for

from stormdrill.app import StormdrillApp
from stormdrill.play import LiveSession


def make_app(
    library,
    assess,
    tmp_path,
    name="telnet-outage",
    language=None,
    autoplay=False,
    baseline=True,
    trainee="Sam Jansen",
    coaching=True,
):
    scenario = library[name]
    if not coaching:  # an exam: no notes after sending, no warnings before
        scenario = scenario.model_copy(
            update={"controls": scenario.controls.model_copy(update={"coaching": False})}
        )
    live = LiveSession(
        scenario,
        7,
        assess,
        trainee=trainee,
        log_path=tmp_path / "session.jsonl",
        network=load_or_build(spec_for(scenario)),
    )
    if baseline:
        live.compute_baseline()
    return StormdrillApp(
        live, language or scenario.language, assess, autoplay=autoplay, blink=False
    )
