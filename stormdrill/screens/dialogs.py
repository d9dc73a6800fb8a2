"""Small modal questions: hide (why?), escalate (to whom?), insert a template, quit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t, word


class Choice(ModalScreen[str | None]):
    """A titled list of options; returns the chosen option's id, or None on escape."""

    BINDINGS = [Binding("escape", "dismiss_none", "Back", id="dialog.back")]

    def __init__(
        self,
        title: str,
        options: list[tuple[str, str]],
        note: str = "",
        id: str | None = None,
        keys: dict[str, str] | None = None,
    ):
        super().__init__(id=id)
        self.title_text = title
        self.options = options
        self.note = note
        self.keys = (
            keys or {}
        )  # a key that picks an option at once (q in the quit dialog: one confirmation)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Text(self.title_text), classes="dialog-title"
            )  # Text: paths and names are never markup
            if self.note:
                yield Static(Text(self.note), classes="dialog-note")
            yield OptionList(*[Option(Text(label), id=key) for key, label in self.options])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event) -> None:
        if event.key in self.keys:
            event.stop()
            self.dismiss(self.keys[event.key])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def hide_dialog(language: str, thread_id: int, reasons) -> Choice:
    return Choice(
        t("dialog.hide", language, thread=thread_id),
        [(r, word("reason", r, language)) for r in reasons],
        note=t("dialog.hide_warn", language),
    )


def escalate_dialog(language: str, thread_id: int, teams, suggested: list[str]) -> Choice:
    ordered = [*suggested, *(team for team in teams if team not in suggested)]
    return Choice(
        t("dialog.escalate", language, thread=thread_id),
        [
            (team, word("team", team, language) + ("  ←" if team in suggested else ""))
            for team in ordered
        ],
    )


def template_dialog(language: str, templates: dict[str, str]) -> Choice:
    options = [
        (name, f"{word('template', name, language)}: {text[:90]}{'…' if len(text) > 90 else ''}")
        for name, text in templates.items()
    ]
    return Choice(t("dialog.template", language), options)


def quit_dialog(language: str, log_path, debrief: bool = True) -> Choice:
    """q, once more, quits; from the storm `d` goes to the debrief instead (not offered on the debrief)."""
    options = [
        ("quit", t("dialog.quit_now", language) + "  (q)"),
        ("cancel", t("dialog.cancel" if debrief else "dialog.stay", language) + "  (esc)"),
    ]
    if debrief:
        options.insert(0, ("debrief", t("dialog.quit_debrief", language) + "  (d)"))
    return Choice(
        t("dialog.quit" if debrief else "dialog.quit_after", language),
        options,
        note=t("dialog.quit_body", language, path=str(log_path)) if log_path else "",
        keys={"q": "quit", "d": "debrief"} if debrief else {"q": "quit"},
    )


def warning_dialog(
    language: str, lines: list[str], go: str = "coach.send_anyway", stop: str = "coach.edit"
) -> Choice:
    """A mistake the trainee may still choose to make: editing first is the default (enter)."""
    return Choice(
        t("coach.warn_title", language),
        [("edit", t(stop, language)), ("send", t(go, language))],
        note="\n".join(f"⚠ {line}" for line in lines),
    )
