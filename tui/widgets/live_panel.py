"""The live panel: negative reach against the 'nobody answers' run, complaints per minute, the ticker."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import RichLog, Sparkline, Static
from textual_plotext import PlotextPlot

from ..i18n import t


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
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(t("live.reach", self.language))
        xs = list(range(self.duration_minutes + 1))
        if baseline is not None:
            plt.plot(xs[: len(baseline)], np.cumsum(baseline).tolist()[: len(xs)], label=t("live.nobody", self.language),
                     marker="braille")  # fmt: skip
        mine = np.cumsum(ours[: minute + 1]).tolist()
        plt.plot(xs[: len(mine)], mine, label=t("live.you", self.language), marker="braille")
        plt.xlim(0, self.duration_minutes)
        self.refresh()


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
        self.query_one("#ticker", RichLog).write(line)
