"""Pick a moment to rewind to: the worst ones are suggested, any minute can be typed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from stormdrill.scenarios.durations import format_clock

from ..i18n import t


def moments(session, language: str, now: float | None = None) -> list[tuple[float, str]]:
    """Moments worth retrying from, the most telling first."""
    scenario = session.scenario
    target = session.policy.response_times.target
    found: list[tuple[float, str]] = []
    for record in session.escalation_log[:3]:
        origin = session.threads[record["thread"] - 1]
        when = min(record["t"], origin.created + target)
        found.append(
            (
                when,
                t(
                    "rewind.escalation",
                    language,
                    clock=scenario.clock(when),
                    handle=origin.handle,
                    what=t(f"escalation.{record['then']}", language),
                    at=scenario.clock(record["t"]),
                ),
            )
        )
    if session.declared:
        declared = min(session.declared.values())
        found.append((declared, t("rewind.declared", language, clock=scenario.clock(declared))))
    if now is not None and now > 0:
        found.append((now, t("rewind.now", language, clock=scenario.clock(now))))
    found.append((0.0, t("rewind.start", language, clock=scenario.clock(0))))
    unique, seen = [], set()
    for when, label in found:
        key = round(when)
        if key not in seen:
            seen.add(key)
            unique.append((when, label))
    return unique


class RewindDialog(ModalScreen[float | None]):
    BINDINGS = [Binding("escape", "cancel", "Back", id="rewind.back")]

    def __init__(self, language: str, options: list[tuple[float, str]], duration: float):
        super().__init__()
        self.language = language
        self.options = options
        self.duration = duration

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("rewind.title", self.language), classes="dialog-title")
            yield Static(t("rewind.note", self.language), classes="dialog-note")
            yield OptionList(
                *[Option(Text(label), id=str(i)) for i, (_, label) in enumerate(self.options)]
            )
            yield Input(
                placeholder=t("rewind.custom", self.language), id="rewind-minutes", type="number"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index][0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            minutes = float(event.value)
        except ValueError:
            self.app.notify(t("rewind.bad_minutes", self.language), severity="error")
            return
        if not 0 <= minutes * 60 <= self.duration:
            self.app.notify(t("rewind.bad_minutes", self.language), severity="error")
            return
        self.dismiss(minutes * 60)

    def action_cancel(self) -> None:
        self.dismiss(None)


def describe(seconds: float) -> str:
    return f"+{format_clock(seconds)}"
