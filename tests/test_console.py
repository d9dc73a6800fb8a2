"""The trainee console, driven with Pilot; the engine is stepped by the test, not the wall clock."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from stormdrill.simulator.log import read_log

from stormdrill.screens.console import ConsoleScreen
from stormdrill.screens.debrief import DebriefScreen
from stormdrill.screens.too_small import TooSmallScreen

from .console_app import make_app

SIZE = (120, 40)


async def wait_for(pilot, condition, timeout=20.0):
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError("timed out waiting")
        await pilot.pause(0.05)


def select(app, thread_id: int) -> None:
    app.console_screen.inbox.select(thread_id)


async def test_the_whole_loop_brief_reply_dm_escalate_hide_debrief(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "TelNet" in str(app.screen.query_one("#briefing-title").render())
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)
        app.step_to(20 * 60)
        await pilot.pause()
        session = app.live.session

        # Sanne needs her contract checked: ask her to DM, in public.
        select(app, 1)
        await pilot.press("i")
        await pilot.press("ctrl+s")
        sanne = session.thread(1)
        assert sanne.dm_invited is not None and sanne.messages[-1].who == "brand"
        assert "Sanne" in sanne.messages[-1].text and "^SJ" in sanne.messages[-1].text

        # A plain public reply, typed.
        select(app, 3)
        await pilot.press("r")
        await pilot.press(*"Mark, sorry, that's on us. Engineers expect a fix by 10:00. ^SJ")
        await pilot.press("ctrl+s")
        assert session.thread(3).first_response is not None

        # The storm goes on; Sanne answers in DM.
        app.step_to(40 * 60)
        await pilot.pause()
        assert any(m.kind == "data" for m in sanne.messages)
        select(app, 1)
        await pilot.press("m")
        await pilot.press(*"Thanks Sanne, your line is reset and a month of data is credited. ^SJ")
        await pilot.press("ctrl+s")
        await pilot.press("x", "ctrl+s")
        assert sanne.resolved_at is not None and sanne.satisfied

        # Escalate the post that mentions court, to legal (suggested first).
        threatening = next(th for th in session.threads if th.visible and th.escalate_rules)
        select(app, threatening.id)
        await pilot.press("e")
        await pilot.press("enter")
        assert threatening.escalated

        # Hide a complaint (a mistake, but the console lets you).
        hideable = next(
            th
            for th in session.threads
            if th.visible
            and th.channel == "facebook"
            and not th.hidden
            and th.kind_name == "complaint"
            and not th.sponsored
        )
        select(app, hideable.id)
        await pilot.press("h")
        await pilot.press("down", "down", "down", "down", "enter")  # "other"
        await pilot.press("down", "enter")  # the coach warns; hide anyway
        assert hideable.hidden and hideable.hide_reason == "other"

        # The holding statement, from the policy's template.
        await pilot.press("s")
        await pilot.press("ctrl+s")
        assert session.statements

        # Leave early: the debrief works on the partial session.
        await pilot.press("q")
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, DebriefScreen) and app.screen.card is not None
        )
        card = app.screen.card
        assert card.partial
        assert any(f.rule == "hidden_complaint" for f in card.dimensions["privacy"].findings)
        await pilot.press("h")
        await pilot.pause()
        assert (tmp_path / "session.html").exists()

    lines = [json.loads(line) for line in (tmp_path / "session.jsonl").read_text().splitlines()]
    kinds = [line["action"]["kind"] for line in lines if line["type"] == "action"]
    assert kinds == ["reply", "reply", "dm", "resolve", "escalate", "hide", "holding_statement"]
    assert {k: v for k, v in lines[-1].items() if k != "h"} == {
        "type": "end",
        "t": pytest.approx(2400, abs=10),
        "reason": "quit",
    }
    assert read_log(tmp_path / "session.jsonl").integrity == "ok"


async def test_quitting_keeps_the_log_and_says_where(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(300)
        await pilot.press("ctrl+c")
    assert app.return_value == str(tmp_path / "session.jsonl")
    log = (tmp_path / "session.jsonl").read_text().splitlines()
    assert json.loads(log[-1])["reason"] == "quit"


async def test_a_terminal_too_small_gets_a_message_and_pauses_the_storm(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "80×24" in str(app.screen.query_one("#too-small-body").render())
        assert app.live.paused
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)
        assert not app.live.paused


async def test_the_interface_speaks_dutch(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, name="zekerheid-claim")
    async with app.run_test(size=SIZE) as pilot:
        assert "Start de storm" in str(app.screen.query_one("#start").label)
        await pilot.press("enter")
        app.step_to(15 * 60)
        await pilot.pause()
        topbar = str(app.screen.query_one("#topbar").render())
        assert "onbeantwoord" in topbar
        select(app, 1)
        await pilot.press("i")
        assert "privébericht" in app.screen.composer.text  # the policy's formal address: u


async def test_english_interface_for_a_dutch_scenario(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, name="zekerheid-claim", language="en")
    async with app.run_test(size=SIZE):
        assert "Start the storm" in str(app.screen.query_one("#start").label)


async def test_errors_are_toasts_not_crashes(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(600)
        await pilot.pause()
        select(app, 1)  # Sanne's post is on twitter: fine to hide there; a forum post is not
        forum = next(
            (th for th in app.live.session.threads if th.visible and th.channel == "forum"), None
        )
        await pilot.press("r", "ctrl+s")  # empty reply
        assert any("write a message first" in str(n.message) for n in app._notifications)
        if forum:
            select(app, forum.id)
            await pilot.press("escape", "h")
            assert not forum.hidden


async def test_speed_and_pause_stay_within_what_the_exercise_allows(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for _ in range(12):
            await pilot.press("plus")
        assert app.live.speed == app.live.scenario.max_speed
        await pilot.press("space")
        assert app.live.paused
        assert app.live.tick(5.0) == []


async def test_smoke_the_real_clock_moves_the_storm(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, autoplay=True, baseline=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        started = time.monotonic()
        await asyncio.sleep(0.5)
        await wait_for(
            pilot, lambda: app.live.session.now >= 10
        )  # the real clock: ×15, so under a second
        assert time.monotonic() - started < 10
        await wait_for(pilot, lambda: app.live.baseline is not None)


async def test_command_palette_offers_the_console_actions(library, assess, tmp_path):
    from stormdrill.palette import ConsoleCommands

    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        provider = ConsoleCommands(app.screen)
        names = [hit.display for hit in [h async for h in provider.discover()]]
        assert "Holding statement" in names and "Escalate" in names


def test_no_color_is_respected(library, assess, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app(library, assess, tmp_path, baseline=False).no_color


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["play", "tests/broken/duration-in-words.yaml"], 1, "'2 hours' is not a duration"),
        (["play"], 2, "the console needs a terminal"),
        (["replay", "tests/broken/duration-in-words.yaml"], 1, "header is not valid JSON"),
        (["play", "--speed", "0"], 2, "give a speed between 0 and 3600"),
    ],
)
def test_the_console_commands_explain_bad_input(argv, code, words, capsys, monkeypatch):
    import run

    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    assert run.main(argv) == code
    assert words in capsys.readouterr().err
