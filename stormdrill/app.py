"""The Stormdrill console app: briefing → console → debrief, driven by a LiveSession."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.timer import Timer

from stormdrill.scenarios.plaintext import clean
from stormdrill.simulator.assessment import Assess
from stormdrill.simulator.log import LogError, LogWriter, SessionLog, read_log

from .i18n import t
from .palette import ConsoleCommands
from .play import LiveSession, Playable, ReplayPlayer, branch_from
from .screens.briefing import BriefingScreen
from .screens.console import ConsoleScreen
from .screens.debrief import DebriefScreen
from .screens.dialogs import Choice, quit_dialog
from .screens.log_trouble import LogTroubleScreen
from .screens.log_trouble import words as log_words
from .screens.replay import ReplayScreen
from .screens.too_small import TooSmallScreen

TICK = 0.1  # seconds between clock ticks: the screen refreshes at most 10 times a second
MIN_SIZE = (100, 30)


class StormdrillApp(App[str | None]):
    CSS_PATH = "stormdrill.tcss"
    TITLE = "Stormdrill"
    COMMANDS = App.COMMANDS | {ConsoleCommands}
    BINDINGS = [
        Binding("ctrl+c", "quit_storm", "Quit", show=False, priority=True, id="app.quit"),
        Binding("ctrl+q", "quit_storm", "Quit", show=False, priority=True, id="app.quit_q"),
    ]

    def __init__(
        self,
        live: Playable,
        language: str,
        assess: Assess,
        autoplay: bool = True,
        blink: bool = True,
    ):
        super().__init__()
        self.live: Playable = live
        self.language = language
        self.assess = assess
        self.autoplay = autoplay
        self.blink = blink  # tests switch the cursor blink off for stable snapshots
        self._timer: Timer | None = None
        self._last: float | None = None
        self._paused_for_size: bool | None = None
        self._log_trouble = False
        self._paused_for_log = False
        self.exit_message = ""

    @property
    def recorder(self) -> LogWriter | None:
        """The log the storm on screen writes; None for a replay, which writes none."""
        return self.live.log if isinstance(self.live, LiveSession) else None

    def on_mount(self) -> None:
        if isinstance(self.live, ReplayPlayer):
            self.push_screen(ReplayScreen(self.live, self.language))
            self._start_clock()
        else:
            assert isinstance(self.live, LiveSession)  # the app plays a live session or a log
            self.push_screen(BriefingScreen(self.live, self.language))
        if self.live.baseline is None:
            self.run_worker(
                self.live.compute_baseline, thread=True, name="baseline", exit_on_error=False
            )
        self.call_after_refresh(self.check_size)

    # -------------------------------------------------------------- the storm's clock

    def start_storm(self) -> None:
        self.live.open_log()
        self.switch_screen(ConsoleScreen(self.live, self.language))
        self._start_clock()

    def _start_clock(self) -> None:
        if self.autoplay and self._timer is None:
            self._last = time.monotonic()
            self._timer = self.set_interval(TICK, self._tick, name="clock")

    def on_unmount(self) -> None:
        self._stop_clock()

    def _tick(self) -> None:
        now = time.monotonic()
        elapsed = min(now - (self._last or now), 0.5)  # a stalled app never makes the storm jump
        self._last = now
        self.run_clock(elapsed)

    def run_clock(self, wall_seconds: float) -> None:
        """Let `wall_seconds` of real time pass: the timer's tick, and the test clock of Pilot tests.

        What the trainee is writing decides how much storm time that is (stormdrill/play/handling.py)."""
        console = self.console_screen
        clock = getattr(self.live, "clock", None)  # a replay plays the recorded times as they were
        if clock is not None:
            clock.draft = console.draft_in_hand() if console is not None else None
        events = self.live.tick(wall_seconds)
        self.check_log()
        if console is not None:
            with contextlib.suppress(
                NoMatches
            ):  # torn down mid-tick; the events are in the log all the same
                console.refresh_view(events)

    def step_to(self, t: float, force: bool = True) -> None:
        """Advance the storm to simulated time t and redraw (tests step the engine themselves)."""
        events = self.live.advance_to(t)
        self.check_log()
        if self.console_screen:
            self.console_screen.refresh_view(events, force=force)

    @property
    def console_screen(self) -> ConsoleScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, ConsoleScreen):
                return screen
        return None

    def _stop_clock(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Toasts carry scenario, log and trainee text: shown as itself, never parsed as markup or actions."""
        super().notify(
            clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False
        )

    # -------------------------------------------------------------- the log's disk

    def check_log(self) -> None:
        """A log the disk refused: pause the storm and ask where to write it (once per failure)."""
        log = self.recorder  # a replay writes no log: nothing to rescue
        if log is None or log.error is None or self._log_trouble:
            return
        self._log_trouble = True
        self._paused_for_log = self.live.paused
        self.live.paused = True  # even a storm that can't be paused waits while the log is rescued

        def chosen(answer: str | None) -> None:
            self._log_trouble = False
            if answer == "moved":
                self.live.paused = self._paused_for_log
                self._last = time.monotonic()
                self.notify(
                    log_words(self.language)["moved"].format(path=log.path), timeout=8, markup=False
                )
            else:
                self.quit_storm()

        self.push_screen(LogTroubleScreen(log, self.language), chosen)

    # -------------------------------------------------------------- leaving

    def show_debrief(self) -> None:
        self._stop_clock()
        self.live.close("quit")
        self.switch_screen(DebriefScreen(self.live, self.language, self.assess))

    def rewind(self, when: float) -> None:
        """Play on as the trainee from `when`: the recorded actions up to then are re-run, a new log is kept."""
        log: SessionLog | None
        if isinstance(self.live, ReplayPlayer):
            log = self.live.log
        else:
            try:
                log = read_log(self.live.log_path) if self.live.log_path else None
            except LogError:
                log = None
        if log is None:
            self.notify(t("rewind.no_log", self.language), severity="error")
            return
        self._stop_clock()
        self.live.close("rewound")
        path = _branch_path(Path(log.path), when)
        baseline = self.live.baseline
        live = branch_from(log, when, self.assess, log_path=path, network=self.live.session.network)
        live.baseline = baseline
        self.live = live
        self.switch_screen(ConsoleScreen(live, self.language))
        self._start_clock()
        self.notify(
            t("rewind.started", self.language, clock=live.scenario.clock(when), path=str(path)),
            timeout=8,
            markup=False,
        )

    def confirm_quit(self) -> None:
        """q, from any screen of the storm: one question (q again quits, d goes to the debrief)."""
        if isinstance(self.screen, Choice) and self.screen.keys.get("q") == "quit":
            return  # already asking

        def chosen(choice: str | None) -> None:
            if choice == "debrief":
                self.show_debrief()
            elif choice == "quit":
                self.quit_storm()

        after = isinstance(self.screen, DebriefScreen)  # the storm is over: nothing to go back to
        self.push_screen(quit_dialog(self.language, self.live.log_path, debrief=not after), chosen)

    def action_confirm_quit(self) -> None:
        self.confirm_quit()

    def action_quit_storm(self) -> None:
        self.quit_storm()

    def quit_storm(self) -> None:
        self._stop_clock()
        self.live.close("quit")
        self.exit(str(self.live.log_path) if self.live.log_path else None)

    # -------------------------------------------------------------- terminal size

    def on_resize(self, _event) -> None:
        self.check_size()

    def check_size(self) -> None:
        if self.screen.id == "_default":
            return  # not started yet; checked again once the briefing is up
        w, h = MIN_SIZE
        small = self.size.width < w or self.size.height < h
        shown = next((s for s in self.screen_stack if isinstance(s, TooSmallScreen)), None)
        if small and shown is None:
            self._paused_for_size = self.live.paused
            self.live.paused = True
            self.push_screen(TooSmallScreen(self.language, MIN_SIZE))
        elif small and shown is not None:
            shown.update_size()
        elif not small and shown is not None:
            if self.screen is shown:
                self.pop_screen()
            self.live.paused = bool(self._paused_for_size)
            self._last = time.monotonic()


def _branch_path(parent: Path, when: float) -> Path:
    """sessions/x.jsonl -> sessions/x-rewind-34m.jsonl (-2, -3 ... when taken)."""
    stem = parent.stem.split("-rewind-")[0]
    base = parent.with_name(f"{stem}-rewind-{int(when // 60)}m.jsonl")
    candidate, n = base, 2
    while candidate.exists():
        candidate = base.with_name(f"{base.stem}-{n}.jsonl")
        n += 1
    return candidate
