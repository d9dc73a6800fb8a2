"""Layout that holds: the complaint in view at 100×30, the footer's debrief and quit keys, q from every screen.

The engine is stepped by the test (app.step_to), never by the wall clock.
"""

from __future__ import annotations

import html
import re

import pytest

from stormdrill.screens.too_small import TooSmallScreen
from stormdrill.widgets.live_panel import LivePanel

from .console_app import make_app


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return " ".join(html.unescape(row).replace("\xa0", " ") for row in rows)


def footer_keys(app) -> set[str]:
    return {
        binding.binding.description
        for binding in app.screen.active_bindings.values()
        if binding.binding.show
    }


async def test_at_100x30_the_complaint_being_answered_stays_in_view(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        app.step_to(20 * 60)
        await pilot.pause()
        thread = app.live.session.thread(app.screen.inbox.selected)
        await pilot.press("r")
        await pilot.pause()
        shown = screen_text(app)
        assert " ".join(thread.text.split()[:3]) in shown, shown


@pytest.mark.parametrize("typing", [False, True])
async def test_the_footer_always_offers_debrief_and_quit(library, assess, tmp_path, typing):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.step_to(5 * 60)
        await pilot.pause()
        if typing:
            await pilot.press("r", "H", "i")
        assert {"Debrief", "Quit"} <= footer_keys(app)
        order = list(
            dict.fromkeys(
                b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
            )
        )
        assert order.index("Quit") < 6  # among the first keys, before the footer runs out of room


async def test_q_then_q_quits_the_storm(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.step_to(5 * 60)
        await pilot.press("q", "q")
        await pilot.pause()
    assert app.return_value == str(tmp_path / "session.jsonl")


async def test_q_quits_from_the_too_small_screen_too(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q", "q")
        await pilot.pause()
    assert app.return_value == str(tmp_path / "session.jsonl")


async def test_the_event_log_wraps_at_its_real_width(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        app.step_to(20 * 60)
        await pilot.pause()
        ticker = app.screen.query_one(LivePanel).query_one("#ticker")
        width = ticker.scrollable_content_region.width
        assert ticker.lines and max(strip.cell_length for strip in ticker.lines) <= width
