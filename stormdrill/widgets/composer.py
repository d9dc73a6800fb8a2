"""The composer: a TextArea with a public / DM / statement / resolve mode and a character count.

Each thread keeps its own draft (and the holding statement its own): moving to another customer
puts the half-typed words away instead of carrying them along.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from ..i18n import t

LIMITS = {"twitter": 280, "facebook": 8000, "forum": 5000, "review": 5000}
MODES = ("public", "dm", "statement", "resolve")
MODE_KEYS = {
    "public": "composer.public",
    "dm": "composer.dm",
    "statement": "composer.statement",
    "resolve": "composer.resolve",
}


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
        self.key: int | str | None = None  # the thread id the draft answers, or "statement"
        self._drafts: dict[
            int | str | None, tuple[str, str]
        ] = {}  # key -> (mode, text), for drafts put away

    def compose(self) -> ComposeResult:
        with Horizontal(id="composer-bar"):
            yield Static(t(MODE_KEYS["public"], self.language), id="composer-mode")
            yield Static("", id="composer-count")
        yield ReplyBox(
            id="reply-box", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
        )
        yield Static(t("composer.hint", self.language), id="composer-hint")

    @property
    def box(self) -> ReplyBox:
        return self.query_one(ReplyBox)

    def on_mount(self) -> None:
        self.update_count()  # the channel's limit shows before the first keystroke

    @property
    def text(self) -> str:
        return self.box.text

    @property
    def has_draft(self) -> bool:
        return bool(self.box.text.strip())

    @property
    def thread_id(self) -> int | None:
        return self.key if isinstance(self.key, int) else None

    def open_for(self, key: int | str | None, mode: str, channel: str | None = None) -> None:
        """Show `key`'s draft (putting the current one away); a draft that was put away keeps its mode."""
        if key != self.key:
            if self.key is not None and self.has_draft:
                self._drafts[self.key] = (self.mode, self.box.text)
            saved_mode, text = self._drafts.pop(key, (mode, ""))
            self.key = key
            self.box.load_text(text)
            self.box.move_cursor(self.box.document.end)
            mode = saved_mode if text.strip() else mode
        self.set_mode(mode, channel)

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
        count.set_class(bool(limit and n > limit), "-over")

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
        """The draft was sent: it is gone, for this thread too."""
        self._drafts.pop(self.key, None)
        self.box.load_text("")
        self.update_count()
