"""Replay, rewind-and-retry, generate, calibrate, compare: what a trainer does with sessions."""

from __future__ import annotations

import json
import time

import pytest
from stormdrill.scenarios import load_scenario, validate_file
from stormdrill.scenarios.vocabulary import TOPICS
from stormdrill.scoring.calibrate import calibrate
from stormdrill.simulator.headless import run_bot
from stormdrill.simulator.log import dumps, read_log
from stormdrill.simulator.network import load_or_build, spec_for

import run
from stormdrill.app import StormdrillApp
from stormdrill.generate import generate, write
from stormdrill.play import ReplayPlayer, branch_from
from stormdrill.screens.console import ConsoleScreen
from stormdrill.screens.debrief import DebriefScreen
from stormdrill.screens.replay import ReplayScreen

from .conftest import SCENARIO_FILES


@pytest.fixture
def bad_log(tmp_path, library, assess):
    run_bot(
        library["telnet-outage"], "bad", 4, assess, log_path=tmp_path / "bad.jsonl", trainee="Kim"
    )
    return read_log(tmp_path / "bad.jsonl")


def _events(events) -> list[str]:
    return [dumps(e.to_dict()) for e in events]


def test_a_replay_reproduces_the_recorded_session_exactly(bad_log, assess):
    player = ReplayPlayer(bad_log, assess)
    replayed = []
    while player.session.now < player.end:
        replayed += player.tick(1.0)  # the way the console's clock drives it
    assert _events(replayed) == _events(bad_log.events)


def test_seeking_back_replays_from_the_start_exactly(bad_log, assess):
    player = ReplayPlayer(bad_log, assess)
    player.seek(5400)
    player.seek(1800)
    assert player.session.now == 1800
    history = _events(player.history)
    assert history == _events(bad_log.events)[: len(history)]
    assert len(history) >= sum(
        1 for e in bad_log.events if e.t < 1790
    )  # every step before the moment


@pytest.mark.parametrize("moment", [0.0, 1234.5, 3600.0])
def test_a_rewind_branch_has_the_parents_events_up_to_the_branch_point(
    bad_log, assess, tmp_path, moment
):
    live = branch_from(bad_log, moment, assess, log_path=tmp_path / "branch.jsonl")
    live.close("quit")
    branch = read_log(tmp_path / "branch.jsonl")
    assert branch.header["parent"] == {"log": bad_log.path, "t": moment, "trainee": "Kim"}
    # The engine works in 10-second steps: the branch holds the parent's stream up to the step it stopped in.
    ours = _events(branch.events)
    assert ours == _events(bad_log.events)[: len(ours)]
    assert len(ours) >= sum(1 for e in bad_log.events if e.t < moment - 10)
    assert [a for t, a in branch.actions] == [a for t, a in bad_log.actions if t <= moment]


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_generated_scenarios_validate_and_play(topic, language, tmp_path):
    for seed in range(6):
        scenario, policy = generate(
            topic, language, size=3000 + 1000 * seed, duration=3600 + 600 * seed, seed=seed
        )
        path, _ = write(scenario, policy, tmp_path / str(seed) / f"{topic}-{language}.yaml")
        assert validate_file(path) == [], path.read_text()
    loaded = load_scenario(path)
    assert loaded.language == language and topic in loaded.storm.generated.topics


def test_generate_command_writes_scenario_and_policy(tmp_path, capsys):
    out = tmp_path / "storm.yaml"
    assert (
        run.main(
            [
                "generate",
                "--topic",
                "claim",
                "--language",
                "nl",
                "--size",
                "5000",
                "--duration",
                "90m",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert validate_file(out) == []
    assert run.main(["generate", "--topic", "claim", "-o", str(out)]) == 1  # no silent overwrite
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_calibrate_puts_reference_clearly_above_bad(path, library):
    result = calibrate(library[path.stem], runs=3, workers=1)
    bots = result["bots"]
    assert bots["reference"]["overall"]["p10"] > bots["bad"]["overall"]["p90"] + 30
    assert result["flags"] == []


def test_calibrate_flags_a_scenario_that_never_becomes_a_storm(tmp_path, capsys):
    tame = tmp_path / "tame.yaml"
    tame.write_text(
        "stormdrill: 1\nid: tame\ntitle: Tame\nbrand: {name: B, handle: '@b'}\nduration: 1h\n"
        "network: {size: 2000}\nstorm:\n  generated: {topics: [billing], peak: 2/h, shape: constant}\n"
    )
    assert run.main(["calibrate", str(tame), "--runs", "3", "--workers", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert any("fizzles" in flag for flag in result["flags"])


def test_compare_names_the_teams_weakest_dimension(tmp_path, library, assess, capsys):
    scenario = library["skyhop-delay"]
    paths = [str(tmp_path / f"{bot}.jsonl") for bot in ("reference", "bad")]
    for bot, path in zip(("reference", "bad"), paths, strict=True):
        run_bot(scenario, bot, 1, assess, log_path=path, trainee=bot)
    assert run.main(["compare", *paths]) == 0
    out = capsys.readouterr().out
    assert "| reference |" in out and "| bad |" in out
    assert "The team's weakest dimension:" in out
    html = tmp_path / "cohort.html"
    assert run.main(["compare", *paths, "--format", "html", "-o", str(html)]) == 0
    assert "<table>" in html.read_text()


async def wait_for(pilot, condition, timeout=30.0):
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        await pilot.pause(0.05)


async def test_a_replay_plays_on_with_its_clock(bad_log, assess, library):
    """The clock's tick checks the log on disk; a replay writes none, so there is nothing to rescue."""
    scenario = library["telnet-outage"]
    player = ReplayPlayer(bad_log, assess, network=load_or_build(spec_for(scenario)))
    app = StormdrillApp(player, "en", assess, autoplay=False, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.step_to(600)  # what each tick of the clock does
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert player.session.now == 600
        assert app.recorder is None


async def test_replay_then_rewind_and_play_better(bad_log, assess, tmp_path, library):
    """Watch a bad session at ×8, rewind at its worst moment, answer, and see the comparison."""
    scenario = library["telnet-outage"]
    player = ReplayPlayer(bad_log, assess, network=load_or_build(spec_for(scenario)), multiplier=8)
    player.compute_baseline()
    app = StormdrillApp(player, "en", assess, autoplay=False, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("right", "right", "right")  # three times five minutes
        assert player.session.now == 900
        await pilot.press("plus")
        assert player.multiplier == 16
        await pilot.press("left")
        assert player.session.now == 600
        await pilot.press("r")  # take over from here
        assert isinstance(app.screen, ConsoleScreen) and not isinstance(app.screen, ReplayScreen)
        live = app.live
        assert live.parent["t"] == 600 and live.log_path.name == "bad-rewind-10m.jsonl"
        live.advance_to(700)
        for thread in [th for th in live.session.threads if th.needs_response][:4]:
            live.act(
                __import__("stormdrill.simulator.events", fromlist=["Action"]).Action(
                    "reply",
                    thread.id,
                    text=f"Hi {thread.first_name}, sorry, our fault: engineers are on it, "
                    "update at 09:00. DM us your details? ^KM",
                )
            )
        app.step_to(scenario.duration)
        await pilot.pause()
        await pilot.press("d")
        await wait_for(
            pilot, lambda: isinstance(app.screen, DebriefScreen) and app.screen.card is not None
        )
        await wait_for(
            pilot, lambda: app.screen.query("#debrief-compare")
        )  # mounted after the card
        comparison = app.screen.comparison
        assert comparison and comparison[0].startswith(
            "Overall"
        )  # the change first, then what moved it
        assert any("than the first try" in line for line in comparison)
        assert str(app.screen.query_one("#debrief-compare").render()).startswith(
            "Compared with the first try"
        )
