"""The debrief by keyboard: tabs, grouped lines that open, one confirmation to quit, one chart palette.

The engine is stepped by the test (app.step_to), never by the wall clock.
"""

from __future__ import annotations

import re
import time

import pytest
from stormdrill.scoring.charts import REACH_COLOURS, REACH_SERIES
from stormdrill.scoring.report import render
from stormdrill.scoring.scorecard import score_session

from stormdrill.screens.debrief import DebriefScreen
from stormdrill.widgets.live_panel import plot_reach

from .console_app import make_app

SIZE = (120, 40)


async def to_debrief(app, pilot, minutes=40):
    await pilot.press("enter")
    app.step_to(minutes * 60)
    await pilot.pause()
    app.show_debrief()
    start = time.monotonic()
    while not (isinstance(app.screen, DebriefScreen) and app.screen.card is not None):
        assert time.monotonic() - start < 60, "the debrief never showed its card"
        await pilot.pause(0.1)
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_the_tabs_are_reached_by_keyboard_and_shown_in_the_footer(
    library, assess, tmp_path, language
):
    app = make_app(library, assess, tmp_path, language=language)
    async with app.run_test(size=SIZE) as pilot:
        debrief = await to_debrief(app, pilot)
        tabs = debrief.query_one("#debrief-tabs")
        panes = [pane.id for pane in tabs.query("TabPane")]
        assert tabs.active == panes[0]
        await pilot.press("n")
        assert tabs.active == panes[1]
        await pilot.press("n", "n")
        assert tabs.active == panes[3]
        await pilot.press("p")
        assert tabs.active == panes[2]
        await pilot.press("p", "p", "p")  # wraps round to the last
        assert tabs.active == panes[-1]
        await pilot.press("6")
        assert tabs.active == panes[5]
        footer = " ".join(
            str(key.render()) for key in app.screen.query("FooterKey")
        )  # what the trainee reads at the bottom
        next_word = "Next tab" if language == "en" else "Volgend tabblad"
        quit_word = "Quit" if language == "en" else "Stoppen"
        assert next_word in footer and quit_word in footer


async def test_q_on_the_debrief_asks_once(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        debrief = await to_debrief(app, pilot)
        await pilot.press("q")
        assert app.screen is not debrief  # a question, not gone
        options = [o.id for o in app.screen.query_one("OptionList").options]
        assert options == ["quit", "cancel"]  # no "go to the debrief": already on it
        await pilot.press("escape")
        assert app.screen is debrief  # stays
        await pilot.press("q", "q")
    assert app.return_value == str(tmp_path / "session.jsonl")


async def test_a_mistake_made_many_times_opens_on_one_line_per_customer(library, assess, tmp_path):
    app = make_app(library, assess, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        debrief = await to_debrief(app, pilot, minutes=60)
        groups = list(debrief.query(".finding-group"))
        assert groups, "nobody answered for an hour: 'No response ×N' is a group"
        group = groups[0]
        title = str(group.title)
        n = int(re.search(r"×(\d+)", title).group(1))
        assert group.collapsed
        group.query_one("CollapsibleTitle").focus()
        await pilot.press("enter")
        assert not group.collapsed
        members = str(group.query_one("Contents Static").render()).strip().splitlines()
        assert len(members) == n  # one line per customer, their points on each
        points = int(re.match(r"\s*([+-]\d+)", title).group(1))
        assert sum(int(re.match(r"\s*([+-]\d+)", m).group(1)) for m in members) == points


def test_the_reach_chart_has_one_palette_and_labelled_axes(library, assess):
    from stormdrill.simulator.bots import play
    from stormdrill.simulator.session import Session

    scenario = library["telnet-outage"]
    session = Session(scenario, seed=3, assess=assess)
    play(session, "reference")
    card = score_session(session, assess, trainee="Sam")
    html = render(card, "html")
    for index, (key, _label, colour) in enumerate(REACH_SERIES):
        assert re.search(rf"\.color-{index}[^{{]*\{{[^}}]*{colour}", html), key
    titles = " ".join(re.findall(r'<text[^>]*class="title"[^>]*>([^<]*)</text>', html))
    assert "minutes since the storm began" in titles and "impressions" in titles

    class Plot:  # the console's chart, drawn with plotext
        import plotext as plt

        def refresh(self):
            pass

    plot = Plot()
    plot.plt.clear_figure()
    plot.plt.plotsize(100, 20)
    lines = [(key, key, card.series[key]) for key, _label, _colour in REACH_SERIES]
    plot_reach(plot, "reach", lines, language="en")
    drawn = plot.plt.build()
    for key, colour in REACH_COLOURS.items():
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert f"38;2;{r};{g};{b}" in drawn, key  # the same colour as the report's
    plain = plot.plt.uncolorize(drawn)
    assert "minutes since the storm began" in plain and "impressions" in plain
