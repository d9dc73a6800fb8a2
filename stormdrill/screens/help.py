"""Help: every key of the console, and what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..i18n import localize_bindings, t

KEYS = [
    ("↑ ↓ / enter", "key.reply", "help.reply"),
    ("m", "key.dm", "help.dm"),
    ("i", "key.invite", "help.invite"),
    ("t / ctrl+t", "key.template", "help.template"),
    ("s", "key.statement", "help.statement"),
    ("e", "key.escalate", "help.escalate"),
    ("h", "key.hide", "help.hide"),
    ("x", "key.resolve", "help.resolve"),
    ("l", "key.like", "help.like"),
    ("n", "key.next", "help.next"),
    ("ctrl+s", "key.send", "key.send"),
    ("ctrl+o", "key.toggle", "key.toggle"),
    ("esc", "key.back", "key.back"),
    ("space / p", "key.pause", "help.pause"),
    ("+ / −", "key.faster", "help.speed"),
    ("ctrl+p", "Command palette", "help.palette"),
    ("d", "key.debrief", "help.debrief"),
    ("q / ctrl+c", "key.quit", "help.quit"),
    ("? / f1", "key.help", "key.help"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close", id="help.close")]

    def __init__(self, language: str):
        super().__init__(id="help")
        localize_bindings(self, language)
        self.language = language

    def compose(self) -> ComposeResult:
        lang = self.language
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(style="bold")
        table.add_column()
        for key, name, what in KEYS:
            table.add_row(key, t(name, lang), t(what, lang))
        with VerticalScroll(classes="dialog help"):
            yield Label(t("help.title", lang), classes="dialog-title")
            yield Static(table)
            yield Static(t("brief.symbols", lang), classes="dialog-note")
            yield Static(t("help.close", lang), classes="dialog-note")

    def action_close(self) -> None:
        self.dismiss(None)
