"""Time that respects the work: a reply costs a real agent's handling time, waiting stays compressed.

The clock is driven by the test (app.run_clock, the console timer's own step), never by the wall clock.
"""

from __future__ import annotations

import json

import pytest
from stormdrill.simulator.bots import ReferenceTeam
from stormdrill.simulator.session import Session
from textual import events

from stormdrill.play.handling import HandlingClock

from .console_app import make_app

SIZE = (120, 40)
REPLY = (
    "Hi Sam, I'm sorry: the outage is ours and it is a real nuisance. Our technicians are on it "
    "and we post an update here by 10:00. Is your internet still down? ^SJ"
)


def complaints(app):
    return [th for th in app.live.session.threads if th.visible and th.kind_name == "complaint"]


async def start(app, pilot, minute=20):
    await pilot.press("enter")
    app.step_to(minute * 60)
    await pilot.pause()
    return app.screen


async def type_over(app, pilot, text: str, real_seconds: int) -> None:
    """Write `text` into the focused reply box evenly over `real_seconds` of the console's clock: each
    second's few characters arrive as the terminal delivers a paste (a key press per character costs
    Pilot a wall-clock wait each; tests/test_composer_focus.py types letter by letter)."""
    per_second = -(-len(text) // real_seconds)
    for second in range(real_seconds):
        chunk = text[second * per_second : (second + 1) * per_second]
        if chunk:
            app.post_message(events.Paste(chunk))  # as the terminal driver sends it
            await pilot.pause()
        app.run_clock(1.0)


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_a_reply_typed_over_a_real_minute_costs_at_most_five_storm_minutes(
    library, assess, tmp_path, language
):
    app = make_app(library, assess, tmp_path, language=language, coaching=False)
    assert app.live.speed == 15  # the library's speed
    async with app.run_test(size=SIZE) as pilot:
        console = await start(app, pilot)
        thread = complaints(app)[0]
        console.inbox.select(thread.id)
        before = app.live.session.now
        await pilot.press("r")
        await type_over(app, pilot, REPLY, 60)
        assert "✎" in str(console.query_one("#topbar").render())  # the top bar says time is slowed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert thread.first_response is not None
        cost = app.live.session.now - before
        assert cost <= 5 * 60, f"a one-minute reply cost {cost / 60:.1f} storm minutes"
        assert cost >= 60  # it is not free either: a real minute is at least a storm minute
        # afterwards reading and waiting are compressed again
        after = app.live.session.now
        app.run_clock(10.0)
        assert app.live.session.now - after == pytest.approx(150)


async def test_holding_a_draft_open_buys_only_its_handling_time(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path, coaching=False)
    async with app.run_test(size=SIZE) as pilot:
        console = await start(app, pilot)
        first, second = complaints(app)[:2]
        console.inbox.select(first.id)
        await pilot.press("r", "H", "i")
        allowance = app.live.scenario.team_capacity.message_seconds("Hi")
        before = app.live.session.now
        for _ in range(300):  # five real minutes with the draft open
            app.run_clock(1.0)
        storm = app.live.session.now - before
        # slowed for the allowance (at ×1), the rest of the five minutes at ×15
        assert storm == pytest.approx(allowance + (300 - allowance) * 15)
        assert storm > 60 * 60  # over an hour of storm: the draft bought under a minute
        # another customer's draft gets nothing: the unsent one used the time up
        await pilot.press("escape")
        console.inbox.select(second.id)
        await pilot.press("r", "Y", "o")
        before = app.live.session.now
        app.run_clock(10.0)
        assert app.live.session.now - before == pytest.approx(150)


async def test_sending_pays_off_the_handling_time_and_the_next_reply_gets_its_own(
    library, assess, tmp_path
):
    app = make_app(library, assess, tmp_path, coaching=False)
    async with app.run_test(size=SIZE) as pilot:
        console = await start(app, pilot)
        first, second = complaints(app)[:2]
        for thread in (first, second):
            console.inbox.select(thread.id)
            await pilot.press("r")
            before = app.live.session.now
            await type_over(app, pilot, REPLY, 60)
            assert app.live.session.now - before <= 5 * 60
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert thread.first_response is not None
    lines = [json.loads(line) for line in (tmp_path / "session.jsonl").read_text().splitlines()]
    header = lines[0]
    assert header["time"]["speed"] == 15 and header["time"]["compose_speed"] == 1
    replies = [line for line in lines if line["type"] == "action"]
    assert len(replies) == 2
    for line in replies:  # each message's line keeps real and storm time
        assert line["time"]["slowed"] <= line["time"]["allowance"]
        assert line["time"]["allowance"] == app.live.scenario.team_capacity.message_seconds(REPLY)
    assert replies[1]["time"]["real"] >= replies[0]["time"]["real"] + 60
    assert replies[1]["t"] - replies[0]["t"] <= 5 * 60 + 1


def test_the_reference_team_is_timed_by_the_same_handling_model(library, assess):
    """One model for the trainee and the yardstick: what slows the trainee's clock is what a seat takes."""
    scenario = library["telnet-outage"]
    session = Session(scenario, seed=3, assess=assess)
    team = ReferenceTeam(session)
    clock = HandlingClock(scenario.team_capacity)
    assert team.capacity is scenario.team_capacity
    for text in ("Sorry!", REPLY, REPLY * 3):
        assert clock.allowance(text) == team.capacity.message_seconds(text)
    fixed = scenario.team_capacity.model_copy(update={"handling": 150})
    assert HandlingClock(fixed).allowance(REPLY) == 150


def test_many_drafts_never_slow_the_storm_past_what_was_sent():
    """The ledger: slowed storm time ≤ the handling time of the messages sent + the one being written."""
    from stormdrill.scenarios.model import TeamCapacity

    clock = HandlingClock(TeamCapacity())
    sent = 0.0
    for i in range(40):  # a trainee opening a draft on every thread, sending one in four
        clock.draft = "x" * (10 * i)
        for _ in range(30):
            clock.storm_seconds(1.0, 15)
        if i % 4 == 0:
            clock.sent(clock.draft)
            sent += clock.allowance(clock.draft)
        assert clock.slowed_total <= sent + clock.allowance(clock.draft) + 1e-9
    clock.draft = None
    assert clock.storm_seconds(2.0, 15) == 30  # not writing: the scenario's speed
