"""Shown instead of a broken layout when the terminal is smaller than the console needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..i18n import t

if TYPE_CHECKING:
    from ..app import StormdrillApp


class TooSmallScreen(ModalScreen[None]):
    BINDINGS = [Binding("q,f10", "app.confirm_quit", "Quit", id="small.quit")]
    app: StormdrillApp

    def __init__(self, language: str, need: tuple[int, int]):
        super().__init__()
        self.language = language
        self.need = need

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Label(t("small.title", self.language), id="too-small-title")
            yield Static("", id="too-small-body")

    def on_mount(self) -> None:
        self.update_size()

    def on_resize(self, _event) -> None:
        self.app.check_size()

    def on_screen_resume(self) -> None:
        """Back on top after a dialog closed: still needed?"""
        w, h = self.need
        if self.app.size.width >= w and self.app.size.height >= h:
            self.dismiss(None)

    def update_size(self) -> None:
        w, h = self.need
        size = self.app.size
        self.query_one("#too-small-body", Static).update(
            t("small.body", self.language, w=w, h=h, cw=size.width, ch=size.height)
        )
