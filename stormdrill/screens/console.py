"""The console: the inbox under pressure, the selected thread, the composer, the live storm."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from stormdrill.scenarios.durations import format_clock, format_span
from stormdrill.scenarios.slots import fill
from stormdrill.scenarios.vocabulary import HIDE_REASONS, HIDEABLE_CHANNELS, TEAMS
from stormdrill.simulator.events import Action, ActionError, Event

from ..coaching import hide_warning, quote, warnings_for
from ..i18n import localize_bindings, t, word
from ..play import Playable
from ..widgets.coach_note import CoachNote
from ..widgets.composer import Composer
from ..widgets.inbox import URGENT_FLAGS, Inbox
from ..widgets.live_panel import LivePanel, ReachPlot
from ..widgets.thread_view import ThreadView
from .dialogs import escalate_dialog, hide_dialog, template_dialog, warning_dialog
from .help import HelpScreen

if TYPE_CHECKING:
    from ..app import StormdrillApp

SHORT_HEIGHT = 36  # rows below which the console packs tighter
SENT_KINDS = ("reply", "dm", "holding_statement", "resolve")  # actions with words the rubric judges
DRAFT_KINDS = {
    "public": ("reply", True),
    "dm": ("dm", False),
    "statement": ("holding_statement", True),
    "resolve": ("resolve", True),
}  # composer mode -> (verdict kind, public?)
# wall seconds between inbox cell updates: each one makes the table redraw every cell
INBOX_EVERY = 0.5
PLOT_EVERY = 1.0
TICKER_EVERY = 0.5  # wall seconds between ticker writes: each one lays the event log out again


class ConsoleScreen(Screen):
    STEADY_INBOX = True  # new posts wait behind "N new — press n"; a replay lets them in at once
    # The footer shows bindings in this order and cuts what does not fit: debrief and quit come early,
    # with a function key each that still acts (and shows) while the composer takes the letters.
    BINDINGS = [
        Binding("enter,r", "reply", "Reply", id="console.reply"),
        Binding("ctrl+s", "send", "Send", id="console.send"),
        Binding("question_mark,f1", "help", "Help", id="console.help"),
        Binding("d,f2", "debrief", "Debrief", id="console.debrief"),
        Binding("q,f10", "leave", "Quit", id="console.quit"),
        Binding("m", "dm", "DM", id="console.dm"),
        Binding("i", "invite", "Ask to DM", id="console.invite"),
        Binding("t,ctrl+t", "template", "Template", id="console.template", show=False),
        Binding("s", "statement", "Statement", id="console.statement"),
        Binding("e", "escalate", "Escalate", id="console.escalate"),
        Binding("h", "hide", "Hide", id="console.hide"),
        Binding("x", "resolve", "Resolve", id="console.resolve"),
        Binding("l", "like", "Like", id="console.like", show=False),
        Binding("n", "next_waiting", "Next", id="console.next", show=False),
        Binding("ctrl+o", "toggle_private", "Public/DM", id="console.toggle", show=False),
        Binding("escape", "back", "Back", id="console.back", show=False),
        Binding("space,p", "pause", "Pause", id="console.pause"),
        Binding("plus,equals_sign", "faster", "Faster", id="console.faster", show=False),
        Binding("minus", "slower", "Slower", id="console.slower", show=False),
        Binding("c", "dismiss_coach", "Close note", id="console.dismiss_coach", show=False),
    ]

    app: StormdrillApp

    def __init__(self, live: Playable, language: str, id: str = "console"):
        super().__init__(id=id)
        localize_bindings(self, language)
        self.live = live
        self.language = language
        self.scenario = live.scenario
        self.policy = live.scenario.resolved_policy
        self._merge_new = False  # let the posts behind the "N new" marker in at the next refresh
        self._last_plot = 0.0
        self._last_inbox = 0.0
        self._last_ticker = 0.0
        self._topbar_text: Text | None = None
        self._known = 0
        self._ended = False
        self._ready = False
        self._pending: list[Event] = []
        self.coaching = live.coaching
        self._composing = False  # the trainee opened the composer and has not left it (esc) or sent

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        rt = self.policy.response_times
        yield Static("", id="topbar")
        with Horizontal(id="main"):
            yield Inbox(self.language, rt.target, rt.norm, id="inbox")
            with Vertical(id="right"):
                yield ThreadView(
                    self.language, self.scenario.brand.handle, self.scenario.clock, id="thread"
                )
                yield CoachNote(self.language, id="coach-note")
                yield Composer(self.language, id="composer")
        yield LivePanel(self.language, int(self.scenario.duration // 60), id="live")
        yield Footer()

    def on_unmount(self) -> None:
        self._ready = False

    def on_resize(self, _event) -> None:
        """A short terminal (100×30): a smaller chart and composer, so the complaint being answered stays in view."""
        self.set_class(self.size.height < SHORT_HEIGHT, "-short")

    def on_mount(self) -> None:
        self._ready = True
        self.query_one(Inbox).focus()
        self.refresh_view(self._pending, force=True)
        self._pending = []

    @property
    def inbox(self) -> Inbox:
        return self.query_one(Inbox)

    @property
    def composer(self) -> Composer:
        return self.query_one(Composer)

    def selected_thread(self):
        thread_id = self.inbox.selected
        return None if thread_id is None else self.live.session.thread(thread_id)

    # ------------------------------------------------------------------ refresh

    def refresh_view(self, events: list[Event], force: bool = False) -> None:
        if not self._ready:
            self._pending.extend(events)  # the clock can tick before the screen is built
            return
        if not self.is_attached:
            return  # the app is closing
        session = self.live.session
        snapshot = session.snapshot()
        now = time.monotonic()
        with self.app.batch_update():
            self._topbar(snapshot)
            # At the peak a post arrives every tick: the inbox (the costliest redraw) still updates at
            # most every INBOX_EVERY, and the chart, sparkline and ticker wait for a tick of their own,
            # so no single frame holds up a key press with all of them.
            first_posts = self._known == 0 and len(snapshot.inbox) > 0
            busy = False
            if force or first_posts or now - self._last_inbox > INBOX_EVERY:
                busy = True
                self._known = len(snapshot.inbox)
                self._last_inbox = now
                held = self.inbox.show(
                    snapshot.inbox, resort=self._merge_new or not self.STEADY_INBOX
                )
                self._merge_new = False
                for item in held:
                    self._announce_if_urgent(item)
                # the thread's counts with the inbox's (a key press shows a thread at once itself)
                self.query_one(ThreadView).show(self.selected_thread(), session.now)
            minute = int(session.now // 60)
            if force or (now - self._last_plot > PLOT_EVERY and not busy):
                busy = True
                self._last_plot = now
                self.query_one(ReachPlot).draw(
                    session.metrics["negative"], self.live.baseline, minute
                )
                self.query_one(LivePanel).update_counts(session.metrics["complaints"], minute)
            for event in events:
                self._narrate(event)
            if force or (now - self._last_ticker > TICKER_EVERY and not busy):
                self._last_ticker = now
                self.query_one(LivePanel).flush()

    def _topbar(self, snapshot) -> None:
        lang, scenario = self.language, self.scenario
        parts = [
            f"{scenario.clock(snapshot.t)} (+{format_clock(snapshot.t)} / {format_span(snapshot.duration)})",
            self.state_label(snapshot),
            f"{t('live.reach', lang)} {snapshot.negative_impressions:,}",
            t("header.unanswered", lang, n=snapshot.unanswered),
            f"★ {snapshot.rating:.1f}",
        ]
        if snapshot.holding_statement_at is not None:
            parts.append(
                t(
                    "header.statement_done",
                    lang,
                    clock=scenario.clock(snapshot.holding_statement_at),
                )
            )
        elif snapshot.holding_statement_due is not None:
            key = (
                "header.statement_late"
                if snapshot.t > snapshot.holding_statement_due
                else "header.statement_due"
            )
            parts.append(t(key, lang, clock=scenario.clock(snapshot.holding_statement_due)))
        parts.append(scenario.title)
        text = Text("  ·  ".join(parts), no_wrap=True, overflow="ellipsis")
        if text != self._topbar_text:  # one line, always: a repaint, never a new layout
            self._topbar_text = text
            self.query_one("#topbar", Static).update(text, layout=False)

    def _announce_if_urgent(self, item) -> None:
        """Press, a safety risk or a post the policy escalates does not wait quietly behind the marker."""
        urgent = [flag for flag in item.flags if flag in URGENT_FLAGS]
        if urgent:
            why = ", ".join(t(f"flag.{flag}", self.language) for flag in urgent)
            self.app.notify(
                t("inbox.urgent", self.language, handle=item.handle, why=why),
                severity="warning",
                timeout=8,
            )

    def state_label(self, snapshot) -> str:
        if snapshot.finished:
            return t("header.over", self.language)
        if self.live.paused:
            return t("header.paused", self.language)
        clock = getattr(self.live, "clock", None)  # a replay has no handling-time clock
        if clock is not None and clock.draft is not None and clock.slowed(self.live.speed):
            return t(
                "header.writing",
                self.language,
                speed=f"{clock.compose_speed:g}",
                left=format_clock(clock.left()),
                fast=f"{self.live.speed:g}",
            )
        return f"▶ ×{self.live.speed:g}"

    def _narrate(self, event: Event) -> None:
        """What the ticker says and what pops up as a toast."""
        lang, session = self.language, self.live.session
        clock = self.scenario.clock(event.t)
        line = None
        thread = session.threads[event.thread - 1] if event.thread else None
        if event.kind == "post" and thread is not None and thread.visible:
            if thread.kind_name == "praise":
                line = t("event.thanks", lang, handle=thread.handle)
                self.app.notify(line, severity="information")
            else:
                line = t(
                    "event.post",
                    lang,
                    handle=thread.handle,
                    channel=word("channel", thread.channel, lang),
                    text=_short(thread.text),
                )
        elif event.kind == "followup" and thread is not None and thread.visible:
            line = t(
                "event.followup",
                lang,
                handle=thread.handle,
                text=_short(event.data.get("text", "")),
            )
        elif event.kind == "dm_in" and thread is not None:
            line = t(
                "event.dm_in", lang, handle=thread.handle, text=_short(event.data.get("text", ""))
            )
        elif event.kind == "storm_declared":
            due = self.scenario.clock(event.data["holding_statement_due"])
            line = t(
                "event.declared", lang, topic=word("topic", event.data["topic"], lang), clock=due
            )
            self.app.notify(line, severity="warning", timeout=8)
        elif event.kind == "escalation" and thread is not None:
            what = t(f"escalation.{event.data['then']}", lang)
            line = t("event.escalation", lang, what=f"{thread.handle}: {what}", thread=thread.id)
            self.app.notify(line, title=event.cause[:60], severity="warning", timeout=8)
        elif event.kind == "discovered" and thread is not None:
            line = t("event.discovered", lang, handle=thread.handle)
            self.app.notify(line, severity="error", timeout=8)
        elif event.kind == "resolved" and thread is not None and not event.data.get("satisfied"):
            line = t("event.resolved_bad", lang, thread=thread.id, handle=thread.handle)
        elif event.kind == "end" and not self._ended:
            self._ended = True
            line = t("event.end", lang)
            self.app.notify(line, severity="information", timeout=20)
        if line:
            self.query_one(LivePanel).say(Text(f"{clock} {line}"), later=True)
            note = self.coach_note
            if thread is not None and thread.id == note.thread:
                note.react(f"{clock} {line}")

    # ------------------------------------------------------------------ doing things

    @property
    def coach_note(self) -> CoachNote:
        return self.query_one(CoachNote)

    def _act(self, action: Action, what: str) -> bool:
        try:
            events = self.live.act(action)
        except ActionError as err:
            self.app.notify(str(err), severity="error")
            return False
        verdict = self.live.session.last_verdict
        if self.coaching and verdict is not None and action.kind in SENT_KINDS:
            self.coach_note.coach(verdict, action.thread, what)
        self._merge_new = True  # the trainee finished something: a good moment to let new posts in
        said = t("event.you", self.language, what=what, thread=action.thread or "")
        if action.thread is None:
            said = said.rstrip(" #")
        self.query_one(LivePanel).say(Text(f"{self.scenario.clock(self.live.session.now)} {said}"))
        self.refresh_view(events, force=True)
        return True

    def _needs_thread(self):
        thread = self.selected_thread()
        if thread is None:
            self.app.notify(t("composer.no_thread", self.language), severity="warning")
        return thread

    def _slots(self, thread) -> dict:
        values = {"brand": self.scenario.brand.name, "agent": self.live.agent}
        if thread is not None:
            values.update(
                first_name=thread.first_name,
                name=thread.name,
                handle=thread.handle,
                topic=thread.topic,
            )
        return values

    def _open_composer(self, mode: str, thread=None) -> None:
        key = "statement" if mode == "statement" else thread.id
        self.composer.open_for(key, mode, thread.channel if thread is not None else None)
        self.composer.box.focus()
        # focus moves on the next turn of the loop; keys typed before it are the draft's
        self._composing = True

    def draft_in_hand(self) -> str | None:
        """The message being written (the composer opened and not left), for the handling-time clock."""
        if not self._composing or self.composer.key is None:
            return None
        return self.composer.text

    def _follow_selection(self) -> None:
        """The composer shows the selected customer's own draft (and channel limit) unless it is being typed in."""
        thread = self.selected_thread()
        composer = self.composer
        if thread is None or composer.box.has_focus or composer.key == thread.id:
            return
        composer.open_for(thread.id, "public", thread.channel)

    def on_key(self, event) -> None:
        """With a draft on screen, a stray letter belongs to the draft: single-key inbox actions are off,
        the composer takes the keystroke (chorded keys, arrows and enter still act)."""
        composer = self.composer
        if (
            not event.is_printable
            or composer.box.has_focus
            or not (composer.has_draft or self._composing)
        ):
            return
        if not isinstance(self.focused, Inbox):
            return  # a dialog's own keys, the palette
        event.stop()
        event.prevent_default()
        composer.box.focus()
        composer.box.insert(event.character or "")

    def action_reply(self) -> None:
        thread = self._needs_thread()
        if thread is not None:
            self._open_composer("public", thread)

    def action_dm(self) -> None:
        thread = self._needs_thread()
        if thread is not None:
            self._open_composer("dm", thread)

    def action_invite(self) -> None:
        thread = self._needs_thread()
        if thread is None:
            return
        self._open_composer("public", thread)
        template = next(
            (text for name, text in self.policy.templates.items() if "dm" in name.lower()), None
        )
        if template is None:
            key = (
                "composer.dm_invite_u"
                if self.policy.tone.address == "u" and self.language == "nl"
                else "composer.dm_invite"
            )
            template = t(key, self.language)
        self.composer.insert(fill(template, self._slots(thread)))

    def action_template(self) -> None:
        if not self.policy.templates:
            self.app.notify(t("dialog.no_templates", self.language), severity="warning")
            return
        thread = self.selected_thread()

        def chosen(name: str | None) -> None:
            if name is None:
                return
            composer = self.composer
            if composer.key != "statement" and thread is not None:
                composer.open_for(
                    thread.id,
                    composer.mode if composer.key == thread.id else "public",
                    thread.channel,
                )
            self.composer.insert(fill(self.policy.templates[name], self._slots(thread)))

        self.app.push_screen(template_dialog(self.language, self.policy.templates), chosen)

    def action_statement(self) -> None:
        self._open_composer("statement")
        if not self.composer.text.strip():
            template = next(
                (text for name, text in self.policy.templates.items() if "hold" in name.lower()),
                None,
            )
            if template:
                self.composer.insert(fill(template, self._slots(None)))

    def action_resolve(self) -> None:
        thread = self._needs_thread()
        if thread is not None:
            self._open_composer("resolve", thread)

    def action_toggle_private(self) -> None:
        self.composer.toggle_private()

    def action_back(self) -> None:
        self._composing = False
        self.inbox.focus()

    def action_send(self) -> None:
        composer = self.composer
        text = composer.text.strip()
        mode = composer.mode
        thread = (
            None if composer.thread_id is None else self.live.session.thread(composer.thread_id)
        )
        if mode != "statement" and thread is None:
            self.app.notify(t("composer.no_thread", self.language), severity="warning")
            return
        limit = composer.limit
        if limit and len(text) > limit:
            self.app.notify(
                t(
                    "composer.too_long",
                    self.language,
                    channel=composer.channel,
                    n=len(text),
                    limit=limit,
                ),
                severity="error",
            )
            return
        warnings = self.draft_warnings(text, mode, thread) if self.coaching and text else []
        if not warnings:
            self._send(text, mode, thread)
            return

        def chosen(choice: str | None) -> None:
            if choice == "send":
                self._send(text, mode, thread)
            else:
                composer.box.focus()

        lines = [
            t(f"warn.{w.category}", self.language, span=quote(w.span) or w.span) for w in warnings
        ]
        self.app.push_screen(warning_dialog(self.language, lines), chosen)

    def draft_warnings(self, text: str, mode: str, thread) -> list:
        """The rubric's judgement of the draft, before it is sent: only what is worth stopping for."""
        kind, public = DRAFT_KINDS[mode]
        if mode == "resolve":
            public = thread.dm_started is None  # a closing message goes where the conversation is
        context = self.live.session.context(
            None if mode == "statement" else thread, public=public, kind=kind
        )
        return warnings_for(self.app.assess(text, context))

    def _send(self, text: str, mode: str, thread) -> None:
        composer = self.composer
        if mode == "public":
            ok = self._act(Action("reply", thread.id, text=text), t("act.reply", self.language))
        elif mode == "dm":
            ok = self._act(Action("dm", thread.id, text=text), t("act.dm", self.language))
        elif mode == "statement":
            ok = self._act(
                Action("holding_statement", text=text), t("act.holding_statement", self.language)
            )
        else:
            ok = self._act(Action("resolve", thread.id, text=text), t("act.resolve", self.language))
        if ok:
            self._composing = False
            composer.clear()
            composer.set_mode("public")
            self.inbox.focus()
            self._follow_selection()

    def action_hide(self) -> None:
        thread = self._needs_thread()
        if thread is None:
            return
        if thread.channel not in HIDEABLE_CHANNELS or thread.sponsored:
            self._act(
                Action("hide", thread.id, reason="other"), t("act.hide", self.language)
            )  # says why not
            return

        allowed = self.policy.hide.allowed_reasons

        def hide(reason: str) -> None:
            self._act(Action("hide", thread.id, reason=reason), t("act.hide", self.language))

        def chosen(reason: str | None) -> None:
            if not reason:
                return
            if not self.coaching or hide_warning(reason, allowed) is None:
                hide(reason)
                return
            line = t(
                "warn.hide_reason",
                self.language,
                span=word("reason", reason, self.language),
                allowed=", ".join(word("reason", r, self.language) for r in allowed),
            )
            self.app.push_screen(
                warning_dialog(self.language, [line], "coach.hide_anyway", "coach.keep"),
                lambda choice: hide(reason) if choice == "send" else None,
            )

        self.app.push_screen(hide_dialog(self.language, thread.id, HIDE_REASONS), chosen)

    def action_escalate(self) -> None:
        thread = self._needs_thread()
        if thread is None:
            return
        suggested = [self.policy.escalate[i].team for i in thread.escalate_rules]

        def chosen(team: str | None) -> None:
            if team:
                self._act(
                    Action("escalate", thread.id, team=team),
                    t("act.escalate", self.language, team=word("team", team, self.language)),
                )

        self.app.push_screen(escalate_dialog(self.language, thread.id, TEAMS, suggested), chosen)

    def action_like(self) -> None:
        thread = self._needs_thread()
        if thread is not None:
            self._act(Action("like", thread.id), t("act.like", self.language))

    def action_next_waiting(self) -> None:
        self._merge_new = True
        self.refresh_view([], force=True)
        waiting = [
            item
            for item in self.live.session.snapshot().inbox
            if item.waiting is not None and "troll" not in item.flags
        ]
        if waiting:
            self.inbox.select(max(waiting, key=lambda item: item.priority).id)
            self.inbox.focus()

    def action_dismiss_coach(self) -> None:
        self.coach_note.dismiss()

    def action_pause(self) -> None:
        try:
            self.live.toggle_pause()
        except ActionError:
            self.app.notify(t("error.pause", self.language), severity="warning")
        self.refresh_view([], force=True)

    def action_faster(self) -> None:
        before = self.live.speed
        if self.live.faster() == before:
            self._speed_limit()
        self.refresh_view([], force=True)

    def action_slower(self) -> None:
        before = self.live.speed
        if self.live.slower() == before:
            self._speed_limit()
        self.refresh_view([], force=True)

    def _speed_limit(self) -> None:
        self.app.notify(
            t(
                "error.speed",
                self.language,
                low=f"{self.live.min_speed:g}",
                high=f"{self.live.max_speed:g}",
            ),
            severity="warning",
        )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.language))

    def action_debrief(self) -> None:
        if self.live.session.finished:
            self.app.show_debrief()
        else:
            self.action_leave()

    def action_leave(self) -> None:
        self.app.confirm_quit()

    def run_console_action(self, action: str) -> None:
        """Run a console action by name (the command palette)."""
        getattr(self, f"action_{action}")()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.query_one(ThreadView).show(self.selected_thread(), self.live.session.now)
        self._follow_selection()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_reply()


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
