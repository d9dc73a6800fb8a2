"""Replay: the console, read-only, playing a recorded session back with its actions annotated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from stormdrill.scenarios.durations import format_clock

from ..i18n import t
from ..widgets.composer import Composer
from ..widgets.live_panel import LivePanel
from .console import ConsoleScreen
from .help import HelpScreen

if TYPE_CHECKING:
    from ..play import ReplayPlayer

SEEK = 300.0
BIG_SEEK = 900.0


class ReplayScreen(ConsoleScreen, inherit_bindings=False):
    BINDINGS = [
        Binding("space,p", "pause", "Play/pause", id="replay.pause"),
        Binding("plus,equals_sign", "faster", "Faster", id="replay.faster"),
        Binding("minus", "slower", "Slower", id="replay.slower"),
        Binding("left", "seek(-300)", "−5m", id="replay.back", priority=True),
        Binding("right", "seek(300)", "+5m", id="replay.on", priority=True),
        Binding("left_square_bracket", "seek(-900)", "−15m", id="replay.back_more", show=False),
        Binding("right_square_bracket", "seek(900)", "+15m", id="replay.on_more", show=False),
        Binding("home", "seek_to(0)", "Start", id="replay.home", show=False, priority=True),
        Binding("end", "seek_to(-1)", "End", id="replay.end", show=False, priority=True),
        Binding("r", "rewind", "Rewind here", id="replay.rewind"),
        Binding("n", "next_waiting", "Next", id="replay.next", show=False),
        Binding("d", "debrief", "Debrief", id="replay.debrief"),
        Binding("question_mark,f1", "help", "Help", id="replay.help"),
        Binding("q", "app.quit_storm", "Quit", id="replay.quit"),
    ]

    STEADY_INBOX = False
    live: ReplayPlayer

    def __init__(self, player: ReplayPlayer, language: str):
        super().__init__(player, language, id="replay")  # the console localizes the bindings

    def on_mount(self) -> None:
        self.query_one(Composer).display = False
        self.inbox.hold_new = False
        self.live.on_action = self._annotate
        self.live.on_divergence = self._diverged
        self.live.on_team_line = self._team_line
        super().on_mount()
        self.query_one(LivePanel).say(Text(t("replay.keys", self.language), style="dim"))

    def state_label(self, snapshot) -> str:
        speed = f"×{self.live.multiplier:g}"
        state = t("header.paused", self.language) if self.live.paused else f"▶ {speed}"
        return f"{t('replay.title', self.language, trainee=self.live.trainee)} · {state}"

    def _annotate(self, when: float, action, verdict) -> None:
        lang = self.language
        author = self.live.last_author  # a team log: who took it
        who = f"{author['name']} ({author['role']})" if author else self.live.trainee
        what = t(f"act.{action.kind}", lang, team=action.team or "")
        if verdict is None:
            line = f"{self.scenario.clock(when)} {who} {what} #{action.thread or ''}".rstrip(" #")
        else:
            score = round(verdict.score)
            good = [f.category for f in verdict.findings if f.points > 0][:3]
            bad = [f.category for f in verdict.findings if f.points < 0][:3]
            notes = (" · + " + ", ".join(good) if good else "") + (
                " · − " + ", ".join(bad) if bad else ""
            )
            line = f"{self.scenario.clock(when)} " + t(
                "replay.action",
                lang,
                who=who,
                what=what,
                thread=action.thread or "",
                score=score,
                notes=notes,
            )
            line = line.replace(" #: ", ": ")
        self.query_one(LivePanel).say(Text(line, style="bold"))

    def _team_line(self, line: dict) -> None:
        """A team log's inject, note or message on the timeline, with who wrote it."""
        by = (line.get("by") or {}).get("name", "?")
        text = line.get("text") or (line.get("inject") or {}).get("text", "")
        said = f"{self.scenario.clock(float(line['t']))} {line['type']} · {by}: {text}"
        self.query_one(LivePanel).say(Text(said, style="italic"))

    def _diverged(self, divergence) -> None:
        self.query_one(LivePanel).say(Text(f"⚠ {divergence}", style="bold"))

    def action_seek(self, delta: float) -> None:
        self._jump(self.live.session.now + delta)

    def action_seek_to(self, where: float) -> None:
        self._jump(self.live.end if where < 0 else where)

    def _jump(self, target: float) -> None:
        backwards = target < self.live.session.now
        self.live.seek(target)
        if backwards:
            self.inbox.reset()
        self.app.notify(
            f"{self.scenario.clock(self.live.session.now)} (+{format_clock(self.live.session.now)})",
            timeout=2,
        )
        self.refresh_view([], force=True)

    def action_rewind(self) -> None:
        self.app.rewind(self.live.session.now)

    def action_debrief(self) -> None:
        self.live.seek(self.live.end)
        self.app.show_debrief()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.language))
