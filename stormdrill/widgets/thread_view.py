"""The selected thread: the post, its reach, the conversation in public and, once moved, in private."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from stormdrill.scenarios.durations import format_span
from stormdrill.simulator.threads import Thread

from ..i18n import t, word


class ThreadView(VerticalScroll):
    def __init__(self, language: str, brand_handle: str, clock, **kwargs):
        super().__init__(**kwargs)
        self.language = language
        self.brand_handle = brand_handle
        self.clock = clock
        self._signature: tuple | None = None
        self.body = Static(t("console.nothing", language), id="thread-body")

    def compose(self):
        yield self.body

    def show(self, thread: Thread | None, now: float) -> None:
        if thread is None:
            signature = None
        else:
            waiting = thread.waiting_since
            signature = (
                thread.id,
                len(thread.messages),
                thread.status,
                thread.impressions,
                thread.reshares,
                round(thread.anger, 1),
                tuple(sorted(thread.escalated)),
                None if waiting is None else int((now - waiting) // 60),
            )
        if signature == self._signature:
            return
        self._signature = signature
        if thread is None:
            self.body.update(t("console.nothing", self.language))
            return
        self.body.update(self._thread_text(thread, now))
        if len(thread.messages) > 1:
            self.scroll_end(animate=False)

    def _thread_text(self, th: Thread, now: float) -> Group:
        lang = self.language
        theme = self.app.current_theme
        head = Text()
        head.append(f"#{th.id} ", style="bold")
        head.append(th.handle, style=f"bold {theme.primary}")
        head.append(
            f"  {th.name} · {t('thread.followers', lang, n=f'{th.followers:,}')} · {word('channel', th.channel, lang)} · {word('topic', th.topic, lang)}"
        )
        lines = [head]
        if th.bio:
            lines.append(Text(f"  {th.bio}", style="italic"))  # a persona's profile line, as data
        notes = []
        if th.via == "monitoring":
            notes.append(t("thread.via_monitoring", lang))
        if th.sponsored:
            notes.append(t("thread.ad", lang))
        if th.escalated:
            notes.append(t("thread.escalated", lang, teams=", ".join(sorted(th.escalated))))
        anger = "▮" * round(th.anger * 5) + "·" * (5 - round(th.anger * 5))
        stats = Text(
            t("thread.reach", lang, reach=f"{th.impressions:,}", reshares=th.reshares, anger=anger),
            style="dim",
        )
        stats.append(f"  · {t('status.' + th.status, lang)}", style="bold")
        waiting = th.waiting_since
        if waiting is not None:
            stats.append(
                "  · " + t("thread.waiting", lang, wait=format_span(now - waiting)),
                style=theme.warning,
            )
        lines.append(stats)
        if notes:
            lines.append(Text(" · ".join(notes), style="italic"))
        lines.append(Text(""))
        private = [m for m in th.messages if not m.public]
        for message in (m for m in th.messages if m.public):
            lines.extend(self._message(th, message))
        if private:
            lines.append(
                Text("── " + t("thread.private", lang) + " ──", style=f"bold {theme.secondary}")
            )
            for message in private:
                lines.extend(self._message(th, message))
        return Group(*lines)

    def _message(self, th: Thread, message) -> list[Text]:
        theme = self.app.current_theme
        who = (
            self.brand_handle + " (" + t("thread.you", self.language) + ")"
            if message.who == "brand"
            else th.handle
        )
        head = Text()
        head.append(f"{self.clock(message.t)} ", style="dim")
        head.append(who, style=f"bold {theme.success}" if message.who == "brand" else "bold")
        body = Text(message.text)
        body.pad_left(2)
        return [head, body, Text("")]
