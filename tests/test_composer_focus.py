"""Safe focus: a draft never leaks into inbox actions, each customer keeps their own draft.

The engine is stepped by the test (app.step_to), never by the wall clock.
"""

from __future__ import annotations

import string

import pytest

from stormdrill.screens.console import ConsoleScreen

from .console_app import make_app

SIZE = (120, 40)
EVERY_KEY = [
    *string.ascii_lowercase,
    "space",
    *string.digits,
    "question_mark",
    "plus",
    "minus",
    "equals_sign",
]


def visible_threads(app):
    return [th for th in app.live.session.threads if th.visible and th.kind_name == "complaint"]


@pytest.mark.parametrize("order", ["esc-first", "r-first", "esc-between-every-letter"])
async def test_typing_every_letter_after_esc_or_r_never_acts_on_the_inbox(
    library, assess, tmp_path, order
):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(20 * 60)
        await pilot.pause()
        console = app.screen
        thread = visible_threads(app)[0]
        console.inbox.select(thread.id)
        actions_before = len(app.live.session.actions)
        speed, paused = app.live.speed, app.live.paused
        await pilot.press("r", "H", "i")  # a draft exists
        if order == "esc-first":
            await pilot.press("escape", *EVERY_KEY)
        elif order == "r-first":
            await pilot.press("escape", "r", *EVERY_KEY)
        else:
            for key in EVERY_KEY:
                await pilot.press("escape", key)
        await pilot.pause()
        assert app.screen is console, f"a dialog opened: {app.screen}"
        assert (
            len(app.live.session.actions) == actions_before
        )  # nothing liked, hidden, resolved, sent
        assert (app.live.speed, app.live.paused) == (speed, paused)
        assert console.composer.box.has_focus
        chars = {"space": " ", "question_mark": "?", "plus": "+", "minus": "-", "equals_sign": "="}
        expected = (
            "Hi" + ("r" if order == "r-first" else "") + "".join(chars.get(k, k) for k in EVERY_KEY)
        )
        assert console.composer.text == expected  # no keystroke lost: each one landed in the draft
        assert not thread.hidden and thread.first_response is None


async def test_single_keys_act_again_once_the_draft_is_empty(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(20 * 60)
        await pilot.pause()
        await pilot.press("?")
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_each_customer_keeps_their_own_draft(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(20 * 60)
        await pilot.pause()
        console = app.screen
        first, second = visible_threads(app)[:2]
        console.inbox.select(first.id)
        await pilot.press("r", *"Dear first")
        await pilot.press("escape")
        console.inbox.select(second.id)
        await pilot.pause()
        assert console.composer.text == ""  # the half-typed words did not follow
        await pilot.press("r", *"Dear second", "ctrl+s")
        await pilot.pause()
        assert second.messages[-1].text == "Dear second"
        console.inbox.select(first.id)
        await pilot.pause()
        assert console.composer.text == "Dear first"
        assert first.first_response is None


async def test_the_channel_limit_shows_before_typing(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.step_to(20 * 60)
        await pilot.pause()
        console = app.screen
        assert isinstance(console, ConsoleScreen)
        tweet = next(th for th in visible_threads(app) if th.channel == "twitter")
        console.inbox.select(tweet.id)
        await pilot.pause()
        assert str(console.query_one("#composer-count").render()) == "0/280"
