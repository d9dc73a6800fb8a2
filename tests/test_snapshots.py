"""How the console looks, at a fixed terminal size (SVG snapshots; update with --snapshot-update)."""

from __future__ import annotations

import time

import pytest
from stormdrill.simulator.network import load_or_build, spec_for

from stormdrill.app import StormdrillApp
from stormdrill.play import LiveSession
from stormdrill.screens.debrief import DebriefScreen

SIZE = (120, 40)


@pytest.fixture
def app_for(library, assess, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def make(name: str = "telnet-outage") -> StormdrillApp:
        scenario = library[name]
        live = LiveSession(
            scenario,
            7,
            assess,
            trainee="Sam Jansen",
            log_path=tmp_path / "session.jsonl",
            network=load_or_build(spec_for(scenario)),
        )
        live.log_path = type(live.log_path)(
            "session.jsonl"
        )  # shown on screen: keep it the same every run
        live.compute_baseline()
        return StormdrillApp(live, scenario.language, assess, autoplay=False, blink=False)

    return make


def test_briefing(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=SIZE)


SIZES = [(100, 30), (120, 40), (200, 50)]
LANGUAGES = {"en": "telnet-outage", "nl": "fietsfabriek-verbergen"}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_console_mid_storm(snap_compare, app_for, size, language):
    """The storm at its height, a customer selected and a DM invitation drafted: every pane in view."""

    async def mid_storm(pilot):
        app = pilot.app
        await pilot.press("enter")
        app.step_to(30 * 60)
        await pilot.pause()
        app.console_screen.inbox.select(1)
        await pilot.press("i")
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app_for(LANGUAGES[language]), terminal_size=size, run_before=mid_storm)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_briefing_in_each_language(snap_compare, app_for, language):
    assert snap_compare(app_for(LANGUAGES[language]), terminal_size=(100, 30))


def test_debrief(snap_compare, app_for):
    async def to_debrief(pilot):
        app = pilot.app
        await pilot.press("enter")
        app.step_to(10 * 60)
        app.console_screen.inbox.select(1)
        await pilot.press("i", "ctrl+s")
        app.step_to(app.live.session.duration)
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("d")
        start = time.monotonic()
        while not (isinstance(app.screen, DebriefScreen) and app.screen.band_shown):
            assert time.monotonic() - start < 60
            await pilot.pause(0.1)
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=to_debrief)
