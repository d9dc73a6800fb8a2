"""The live panel: negative reach against the 'nobody answers' run, complaints per minute, the ticker."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import RichLog, Sparkline, Static
from textual_plotext import PlotextPlot

from stormdrill.scoring.charts import REACH_COLOURS, REACH_X_AXIS, REACH_Y_AXIS
from stormdrill.scoring.i18n import say

from ..i18n import t


def plot_reach(
    plot: PlotextPlot,
    title: str,
    lines,
    minutes: int | None = None,
    language: str = "en",
    short: bool = False,
) -> None:
    """Cumulative negative reach per minute, one line per (series key, label, reach per minute), in
    the colours and with the axes the HTML report uses (scoring/charts.py)."""
    plt = plot.plt
    plt.clear_figure()
    plt.title(title)
    for key, label, per_minute in lines:
        cumulative = np.cumsum(per_minute).tolist()
        if minutes is not None:
            cumulative = cumulative[: minutes + 1]
        plt.plot(
            list(range(len(cumulative))),
            cumulative,
            label=label,
            marker="braille",
            color=_rgb(REACH_COLOURS[key]),
        )
    if minutes is not None:
        plt.xlim(0, minutes)
    # plotext writes both on the bottom line: the live panel's small chart gets the short words
    plt.xlabel(t("live.axis_minutes", language) if short else say(REACH_X_AXIS, language))
    plt.ylabel(t("live.axis_reach", language) if short else say(REACH_Y_AXIS, language))
    plot.refresh()


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


class ReachPlot(PlotextPlot):
    """Cumulative negative reach: you so far, and the whole 'nobody answers' run. Redrawn about once a second."""

    def __init__(self, language: str, duration_minutes: int, **kwargs):
        super().__init__(**kwargs)
        self.language = language
        self.duration_minutes = duration_minutes
        self._drawn: tuple | None = None

    def draw(self, ours: np.ndarray, baseline: np.ndarray | None, minute: int) -> None:
        signature = (minute, int(ours[: minute + 1].sum()), baseline is not None)
        if signature == self._drawn:
            return
        self._drawn = signature
        lines = [] if baseline is None else [("none", t("live.nobody", self.language), baseline)]
        lines.append(("trainee", t("live.you", self.language), ours[: minute + 1]))
        plot_reach(
            self,
            t("live.reach", self.language),
            lines,
            self.duration_minutes,
            self.language,
            short=True,
        )


class LivePanel(Horizontal):
    def __init__(self, language: str, duration_minutes: int, **kwargs):
        super().__init__(**kwargs)
        self.language = language
        self.duration_minutes = duration_minutes
        self._held: list = []  # ticker lines waiting for the next flush

    def compose(self) -> ComposeResult:
        yield ReachPlot(self.language, self.duration_minutes, id="reach-plot")
        with Vertical(id="live-side"):
            yield Static(t("live.per_minute", self.language), classes="caption")
            yield Sparkline([0], id="complaints-spark")
            yield Static(t("live.events", self.language), classes="caption")
            yield RichLog(id="ticker", max_lines=200, wrap=True, markup=False)

    def update_counts(self, complaints_per_minute: np.ndarray, minute: int) -> None:
        window = complaints_per_minute[max(0, minute - 59) : minute + 1]
        self.query_one("#complaints-spark", Sparkline).data = [int(x) for x in window] or [0]

    def say(self, line, later: bool = False) -> None:
        """Add a line to the ticker; `later` holds it until the next `flush` (each write re-lays the log)."""
        self._held.append(line)
        if not later:
            self.flush()

    def flush(self) -> None:
        if not self._held:
            return
        ticker = self.query_one("#ticker", RichLog)
        # RichLog wraps at its minimum width until it has been laid out, cutting words off at the edge:
        # wrap at the width it really has (less a column for the scrollbar)
        width = ticker.scrollable_content_region.width - 1
        for line in self._held:
            ticker.write(line, width=width if width > 10 else None)
        self._held = []
