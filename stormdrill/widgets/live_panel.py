"""The live panel: negative reach against the 'nobody answers' run, complaints per minute, the ticker."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import RichLog, Sparkline, Static
from textual_plotext import PlotextPlot

from ..i18n import t


def plot_reach(plot: PlotextPlot, title: str, lines, minutes: int | None = None) -> None:
    """Cumulative negative reach per minute, one line per (label, reach per minute)."""
    plt = plot.plt
    plt.clear_figure()
    plt.title(title)
    for label, per_minute in lines:
        cumulative = np.cumsum(per_minute).tolist()
        if minutes is not None:
            cumulative = cumulative[: minutes + 1]
        plt.plot(list(range(len(cumulative))), cumulative, label=label, marker="braille")
    if minutes is not None:
        plt.xlim(0, minutes)
    plot.refresh()


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
        lines = [] if baseline is None else [(t("live.nobody", self.language), baseline)]
        lines.append((t("live.you", self.language), ours[: minute + 1]))
        plot_reach(self, t("live.reach", self.language), lines, self.duration_minutes)


class LivePanel(Horizontal):
    def __init__(self, language: str, duration_minutes: int, **kwargs):
        super().__init__(**kwargs)
        self.language = language
        self.duration_minutes = duration_minutes

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

    def say(self, line) -> None:
        ticker = self.query_one("#ticker", RichLog)
        # RichLog wraps at its minimum width until it has been laid out, cutting words off at the edge:
        # wrap at the width it really has (less a column for the scrollbar)
        width = ticker.scrollable_content_region.width - 1
        ticker.write(line, width=width if width > 10 else None)
