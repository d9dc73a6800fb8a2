"""The debrief: the scorecard with its evidence, thread by thread, the chart, export, the scenario's debrief."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Collapsible,
    DataTable,
    Footer,
    Label,
    LoadingIndicator,
    Static,
    TabbedContent,
    TabPane,
)
from textual_plotext import PlotextPlot

from stormdrill.scenarios.durations import format_span
from stormdrill.scoring.charts import REACH_SERIES
from stormdrill.scoring.grouping import biggest_differences, group_findings
from stormdrill.scoring.i18n import say
from stormdrill.scoring.report import write
from stormdrill.scoring.scorecard import DIMENSIONS, Scorecard, add_band, score_session
from stormdrill.simulator.assessment import Assess

from ..i18n import localize_bindings, t
from ..play import Playable
from ..widgets.live_panel import plot_reach

if TYPE_CHECKING:
    from ..app import StormdrillApp


class DebriefScreen(Screen):
    BINDINGS = [
        # the tabs by keyboard: n / p from anywhere on the screen (also while a list has focus),
        # 1–8 straight to one; the footer shows n, p and q first
        Binding("n,right_square_bracket", "next_tab", "Next tab", id="debrief.next_tab"),
        Binding("p,left_square_bracket", "previous_tab", "Previous tab", id="debrief.prev_tab"),
        Binding("q,f10", "app.confirm_quit", "Quit", id="debrief.quit"),
        Binding("r", "rewind", "Rewind", id="debrief.rewind"),
        Binding("m", "export('md')", "Markdown", id="debrief.md"),
        Binding("h", "export('html')", "HTML", id="debrief.html"),
        Binding("j", "export('json')", "JSON", id="debrief.json"),
        *[
            Binding(str(n), f"tab({n})", f"Tab {n}", show=False, id=f"debrief.tab{n}")
            for n in range(1, 10)
        ],
    ]

    app: StormdrillApp

    def __init__(self, live: Playable, language: str, assess: Assess):
        super().__init__(id="debrief")
        localize_bindings(self, language)
        self.live = live
        self.language = language
        self.assess = assess
        self.card: Scorecard | None = None
        # the overall band follows the card once the scenario's seed noise is known
        self.band_shown = False
        self.comparison: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="debrief-wait"):
            yield Label(t("debrief.working", self.language))
            yield LoadingIndicator()
        yield Footer()

    def on_mount(self) -> None:
        self.score()

    @work(thread=True, exclusive=True)
    def score(self) -> None:
        session = self.live.session
        card = score_session(
            session,
            self.assess,
            trainee=self.live.trainee or "trainee",
            partial=not session.finished,
            language=self.language,
        )
        parent = getattr(self.live, "parent", None)
        if parent:
            self.comparison = self._compare(parent, card)
        self.app.call_from_thread(self.show_card, card)
        add_band(
            card, self.live.scenario, self.assess
        )  # seconds, once per scenario: the card shows first
        self.app.call_from_thread(self.show_band, card)

    def show_band(self, card: Scorecard) -> None:
        for head in self.query("#debrief-head").results(Static):
            head.update(self.head(card))
        self.band_shown = True

    def _compare(self, parent: dict, card: Scorecard) -> list[str]:
        from stormdrill.scoring.compare import branch_comparison
        from stormdrill.scoring.scorecard import score_log
        from stormdrill.simulator.log import LogError, read_log

        try:
            # the first try, cut at the same moment this one ended, so the two are compared fairly
            first = score_log(
                read_log(parent["log"]),
                self.assess,
                language=self.language,
                until=card.played_until,
                band=False,
            )
        except (LogError, KeyError, OSError):
            return []
        # the overall change first, then what moved it most (by points and weight), then reach and dimensions
        headline, overall, *dimensions = branch_comparison(first, card, self.language)
        return [overall, *biggest_differences(first, card, self.language), headline, *dimensions]

    def show_card(self, card: Scorecard) -> None:
        self.card = card
        self.query_one("#debrief-wait").remove()
        self.mount(DebriefBody(self, card, id="debrief-body"), before=self.query_one(Footer))

    def head(self, card: Scorecard) -> Text:
        head = Text()
        head.append(f"{card.overall:.0f}", style="bold")
        head.append("/100")
        if card.overall_band:
            head.append(f" ± {card.margin:.0f}", style="bold")
        head.append(f" · {card.grade} ({card.grade_word})  ·  {card.title} · {card.trainee}")
        if card.overall_band:
            low, high = card.overall_band
            head.append(
                "\n"
                + say(
                    "report.band",
                    self.language,
                    margin=f"{card.margin:.0f}",
                    low=f"{low:.0f}",
                    high=f"{high:.0f}",
                ),
                style="dim",
            )
        if card.partial:
            head.append(
                "\n"
                + say(
                    "report.partial",
                    self.language,
                    until=format_span(card.played_until),
                    duration=format_span(card.duration),
                ),
                style="italic",
            )
        return head

    def bars(self, card: Scorecard) -> Table:
        bars = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
        for name in DIMENSIONS:
            dim = card.dimensions[name]
            score = dim.score
            filled = 0 if score is None else round(score / 5)
            bars.add_row(
                Text(say(f"dim.{name}", self.language), style="bold"),
                "█" * filled + "·" * (20 - filled),
                "—" if score is None else f"{score:.0f}",
                f"×{dim.weight:g}",
                Text(dim.summary),
            )
        return bars

    def fill_threads(self, threads: DataTable, card: Scorecard) -> None:
        lang = self.language
        for key in (
            "col.thread",
            "col.who",
            "col.topic",
            "col.reach",
            "col.first",
            "col.private",
            "col.outcome",
        ):
            threads.add_column(say(f"report.{key}", lang), key=key)
        for th in card.threads:
            first = (
                "—" if th.first_response is None else format_span(th.first_response - th.created)
            )
            private = (
                "—" if th.moved_private is None else format_span(th.moved_private - th.created)
            )
            outcome = (
                say("report.hidden", lang)
                if th.hidden
                else say("report.resolved", lang)
                if th.satisfied
                else say("report.unsatisfied", lang)
                if th.resolved
                else say("report.open", lang)
            )
            threads.add_row(
                f"#{th.id}", Text(th.handle), th.topic, str(th.reach), first, private, outcome
            )

    def evidence(self, card: Scorecard, name: str) -> list[Widget]:
        """What cost points and what went well, one line per kind: a kind that happened more than once
        is a line that opens (enter or a click) on its members, one line per customer."""
        lang = self.language
        dim = card.dimensions[name]
        lost = sorted(
            (f for f in dim.findings if f.points < 0 or f.passed is False), key=lambda f: f.points
        )
        good = [f for f in dim.findings if f.points > 0 or f.passed is True]
        theme = self.app.current_theme
        widgets: list[Widget] = []
        if lost:
            head = Text(say("report.points_lost", lang), style=f"bold {theme.error}")
            widgets.append(Static(head, classes="evidence-head"))
            widgets += self._grouped(
                lost, theme.error or "red", lambda f: f"{f.points:+.0f}" if f.points else "✗"
            )
        if good:
            head = Text(say("report.went_well", lang), style=f"bold {theme.success}")
            widgets.append(Static(head, classes="evidence-head"))
            widgets += self._grouped(
                good,
                theme.success or "green",
                lambda f: f"+{f.points:.0f}" if f.points > 0 else "✓",
            )
        if not lost and not good:
            widgets.append(Static(Text(dim.summary)))
        elif any(isinstance(w, Collapsible) for w in widgets):
            widgets.append(
                Static(Text(t("debrief.expand", lang), style="dim"), classes="evidence-hint")
            )
        return widgets

    def _grouped(self, findings: list, colour: str, mark) -> list[Widget]:
        """Every point, one line per kind of mistake (scoring/grouping.py), each group openable."""
        members: dict[tuple, list] = {}
        for f in findings:
            members.setdefault((f.dimension, f.rule, f.polarity), []).append(f)
        widgets: list[Widget] = []
        for group in group_findings(findings, self.language):
            line = Text()
            self._line(line, group, mark(group), colour)
            line.rstrip()
            same = members[(group.dimension, group.rule, group.polarity)]
            if len(same) == 1:
                widgets.append(Static(line, classes="finding"))
                continue
            each = Text()
            for f in same:
                self._line(each, f, mark(f), colour)
            each.rstrip()
            widgets.append(
                Collapsible(
                    Static(each),
                    # Textual renders a rich Text title (its colours); its annotation says str
                    title=line,  # type: ignore[arg-type]
                    collapsed=True,
                    classes="finding-group",
                )
            )
        return widgets

    def _line(self, out: Text, f, mark: str, colour: str | None) -> None:
        out.append(f"{mark:>5} ", style=colour)
        out.append(f.explanation)
        if f.quote:
            out.append(f"  “{f.quote[:120]}”", style="italic")
        meta = []
        if f.t is not None:
            meta.append(self.live.scenario.clock(f.t))
        if f.thread:
            meta.append(f"#{f.thread}")
        if f.clause:
            meta.append(f"[{f.clause}]")
        if meta:
            out.append("  " + " · ".join(meta), style="dim")
        out.append("\n")

    def draw_chart(self, plot: PlotextPlot, card: Scorecard) -> None:
        # you drawn last, on top; the colours are the HTML report's (scoring/charts.py)
        lines = [
            (key, say(label, self.language), card.series.get(key, []))
            for key, label, _colour in reversed(REACH_SERIES)
        ]
        plot_reach(plot, t("debrief.chart", self.language), lines, language=self.language)

    # ------------------------------------------------------------------ the tabs by keyboard

    def _tabs(self) -> TabbedContent | None:
        found = self.query("#debrief-tabs")
        return found.first(TabbedContent) if found else None

    def action_tab(self, n: int) -> None:
        tabs = self._tabs()
        panes = [] if tabs is None else [pane.id for pane in tabs.query(TabPane) if pane.id]
        if tabs is not None and 1 <= n <= len(panes):
            tabs.active = panes[n - 1]

    def _step_tab(self, step: int) -> None:
        tabs = self._tabs()
        if tabs is None:
            return
        panes = [pane.id for pane in tabs.query(TabPane) if pane.id]
        at = panes.index(tabs.active) if tabs.active in panes else 0
        tabs.active = panes[(at + step) % len(panes)]

    def action_next_tab(self) -> None:
        self._step_tab(1)

    def action_previous_tab(self) -> None:
        self._step_tab(-1)

    def action_rewind(self) -> None:
        from .rewind import RewindDialog, moments

        session = self.live.session

        def chosen(when: float | None) -> None:
            if when is not None:
                self.app.rewind(when)

        self.app.push_screen(
            RewindDialog(self.language, moments(session, self.language), session.duration), chosen
        )

    def action_export(self, fmt: str) -> None:
        if self.card is None:
            return
        base = Path(self.live.log_path) if self.live.log_path else Path("stormdrill-report.jsonl")
        path = write(self.card, fmt, base.with_suffix(f".{fmt}"), clock=self.live.scenario.clock)
        self.app.notify(t("debrief.export", self.language, path=str(path)), timeout=10)


class DebriefBody(Vertical):
    def __init__(self, screen: DebriefScreen, card: Scorecard, **kwargs):
        super().__init__(**kwargs)
        self.owner = screen
        self.card = card

    def compose(self) -> ComposeResult:
        owner, card, lang = self.owner, self.card, self.owner.language
        yield Static(owner.head(card), id="debrief-head")
        if owner.comparison:
            text = Text(t("debrief.compare", lang) + "\n", style="bold")
            text.append(owner.comparison[0] + "\n", style="bold")
            text.append("  ·  ".join(owner.comparison[1:]))
            yield Static(text, id="debrief-compare")
        yield Static(owner.bars(card), id="debrief-bars")
        with TabbedContent(id="debrief-tabs"):
            for name in DIMENSIONS:
                with TabPane(say(f"dim.{name}", lang), id=f"tab-{name}"), VerticalScroll():
                    yield from owner.evidence(card, name)
            with TabPane(say("report.threads", lang), id="tab-threads"):
                yield DataTable(id="debrief-threads", zebra_stripes=True, cursor_type="row")
            with TabPane(say("report.chart_reach", lang), id="tab-chart"):
                yield PlotextPlot(id="debrief-chart")
            with TabPane(say("report.debrief", lang), id="tab-debrief"), VerticalScroll():
                yield Static(Text(card.debrief.strip() or "—"))

    def on_mount(self) -> None:
        self.owner.fill_threads(self.query_one("#debrief-threads", DataTable), self.card)
        self.owner.draw_chart(self.query_one("#debrief-chart", PlotextPlot), self.card)
