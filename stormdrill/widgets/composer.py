"""The composer: a TextArea with a public / DM / statement / resolve mode and a character count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from ..i18n import t

LIMITS = {"twitter": 280, "facebook": 8000, "forum": 5000, "review": 5000}
MODES = ("public", "dm", "statement", "resolve")
MODE_KEYS = {"public": "composer.public", "dm": "composer.dm", "statement": "composer.statement",
             "resolve": "composer.resolve"}  # fmt: skip


class ReplyBox(TextArea):
    """The text area; ctrl+s sends, escape leaves (bindings live on the console)."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "blink", True)


class Composer(Vertical):
    class Send(Message):
        def __init__(self, mode: str, text: str):
            super().__init__()
            self.mode = mode
            self.text = text

    def __init__(self, language: str, **kwargs):
        super().__init__(**kwargs)
        self.language = language
        self.mode = "public"
        self.channel = "twitter"

    def compose(self) -> ComposeResult:
        with Horizontal(id="composer-bar"):
            yield Static(t(MODE_KEYS["public"], self.language), id="composer-mode")
            yield Static("", id="composer-count")
        yield ReplyBox(id="reply-box", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield Static(t("composer.hint", self.language), id="composer-hint")

    @property
    def box(self) -> ReplyBox:
        return self.query_one(ReplyBox)

    @property
    def text(self) -> str:
        return self.box.text

    def set_mode(self, mode: str, channel: str | None = None) -> None:
        self.mode = mode
        if channel:
            self.channel = channel
        self.query_one("#composer-mode", Static).update(t(MODE_KEYS[mode], self.language))
        self.set_class(mode == "dm", "-dm")
        self.set_class(mode == "statement", "-statement")
        self.update_count()

    def toggle_private(self) -> None:
        self.set_mode("dm" if self.mode == "public" else "public")

    @property
    def limit(self) -> int | None:
        if self.mode in ("dm", "statement"):
            return 10_000 if self.mode == "dm" else LIMITS["twitter"] * 2
        return LIMITS.get(self.channel)

    def update_count(self) -> None:
        n, limit = len(self.box.text), self.limit
        count = self.query_one("#composer-count", Static)
        count.update(f"{n}/{limit}" if limit else str(n))
        count.set_class(bool(limit) and n > limit, "-over")

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self.update_count()

    def insert(self, text: str) -> None:
        box = self.box
        if box.text.strip():
            box.insert(("" if box.text.endswith((" ", "\n")) else " ") + text)
        else:
            box.load_text(text)
            box.move_cursor(box.document.end)
        box.focus()
        self.update_count()

    def clear(self) -> None:
        self.box.load_text("")
        self.update_count()
