"""The coaching note: a sent reply's score, its strongest and weakest findings, the crowd's reaction."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from stormdrill.simulator.assessment import ReplyAssessment

from ..coaching import crowd_mood, quote, strongest, weakest
from ..i18n import t

MAX_REACTIONS = 2  # the crowd's latest reactions kept in the note (the note stays under 8 lines)


class CoachNote(Static):
    """Hidden until a reply is sent; `c` (or a click) dismisses it."""

    def __init__(self, language: str, **kwargs):
        super().__init__("", **kwargs)
        self.language = language
        self.thread: int | None = None
        self.verdict: ReplyAssessment | None = None
        self.what = ""
        self.reactions: list[str] = []

    def coach(self, verdict: ReplyAssessment, thread: int | None, what: str) -> None:
        self.verdict, self.thread, self.what = verdict, thread, what
        self.reactions = [t(f"coach.crowd.{crowd_mood(verdict.quality)}", self.language)]
        self._draw(verdict)
        self.display = True

    def react(self, line: str) -> None:
        """The crowd's reaction to the coached reply, as it comes."""
        if self.verdict is None or not self.display:
            return
        self.reactions = [*self.reactions, line][-MAX_REACTIONS:]
        self._draw(self.verdict)

    def dismiss(self) -> None:
        self.display = False
        self.verdict = None

    def on_click(self) -> None:
        self.dismiss()

    def _draw(self, verdict: ReplyAssessment) -> None:
        lang = self.language
        # one line each: the note never pushes the thread away
        text = Text(no_wrap=True, overflow="ellipsis")
        head = t(
            "coach.head", lang, what=self.what, thread=self.thread or "", score=round(verdict.score)
        )
        text.append(head.replace(" #:", ":"), style="bold")
        text.append("  " + t("coach.dismiss", lang), style="dim")
        for finding in strongest(verdict):
            text.append(f"\n+{finding.points:g} ", style="bold green")
            text.append(f"{quote(finding.span)} {finding.explanation}".strip())
        for finding in weakest(verdict):
            text.append(f"\n{finding.points:g} ", style="bold red")
            text.append(f"{quote(finding.span)} {finding.explanation}".strip())
        for line in self.reactions:
            text.append(f"\n↳ {line}", style="italic")
        self.update(text)
