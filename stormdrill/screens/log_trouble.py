"""When the session log can't be written mid-session (a full disk, a folder gone read-only).

The storm is paused; the trainee reads what happened and where the log so far
is, then writes the whole log to another folder and plays on, or ends the session.
Nothing the trainee did is lost: the lines are kept in memory until they land.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from stormdrill.simulator.log import LogWriter
from stormdrill.simulator.logfile import LogWriteError

WORDS = {
    "en": {
        "title": "The session log can't be written",
        "body": "{error}\nThe storm is paused. Everything you did is kept in memory; on disk, {path} holds "
        "the first {written} lines of {lines}.\nWrite the whole log to another folder and play on, or end "
        "the session.",
        "folder": "another folder",
        "move": "Write it there and play on",
        "end": "End the session",
        "moved": "The session log is now {path}",
    },
    "nl": {
        "title": "Het sessielog kan niet worden geschreven",
        "body": "{error}\nDe storm staat stil. Alles wat je deed is in het geheugen bewaard; op schijf staan "
        "in {path} de eerste {written} van {lines} regels.\nSchrijf het hele log naar een andere map en speel "
        "verder, of stop de sessie.",
        "folder": "een andere map",
        "move": "Daar schrijven en verder spelen",
        "end": "Sessie stoppen",
        "moved": "Het sessielog staat nu in {path}",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


class LogTroubleScreen(ModalScreen[str]):
    """Returns "moved" (the log was written to another folder) or "end"."""

    BINDINGS = [Binding("escape", "end", "End", id="log_trouble.end")]

    def __init__(self, log: LogWriter, language: str):
        super().__init__(id="log-trouble")
        self.session_log = log  # a LogWriter whose `error` is set
        self.words = words(language)

    def compose(self) -> ComposeResult:
        w, log = self.words, self.session_log
        body = w["body"].format(
            error=log.file.describe_error(),
            path=log.path,
            written=log.file.written,
            lines=len(log.file.lines),
        )
        with Vertical(classes="dialog"):
            yield Label(Text(w["title"]), classes="dialog-title")
            yield Static(Text(body), id="log-trouble-body", classes="dialog-note")
            yield Input(str(Path.home()), placeholder=w["folder"], id="log-trouble-folder")
            yield Static(Text(""), id="log-trouble-problem")
            with Horizontal():
                yield Button(w["move"], id="log-trouble-move", variant="primary")
                yield Button(w["end"], id="log-trouble-end", variant="error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.move()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "log-trouble-move":
            self.move()
        else:
            self.action_end()

    def move(self) -> None:
        folder = Path(self.query_one(Input).value.strip() or ".").expanduser()
        try:
            self.session_log.move_to(folder / self.session_log.path.name)
        except LogWriteError as err:
            self.query_one("#log-trouble-problem", Static).update(Text(str(err)))
            return
        self.dismiss("moved")

    def action_end(self) -> None:
        self.dismiss("end")
