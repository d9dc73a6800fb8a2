"""Judging the trainee's messages: the verdict, a recorded one in a replay, and where they differ."""

from __future__ import annotations

from .assessment import ReplyAssessment
from .events import Action, ActionError, Divergence
from .step import Step
from .threads import Thread

MAX_MESSAGE_CHARS = 5000  # a message longer than this is refused (no real reply is)


class Judging(Step):
    def _visible_thread(self, action: Action) -> Thread:
        if action.thread is None:
            raise ActionError(f"'{action.kind}' needs a thread: pick a post in the inbox first")
        th = self.thread(action.thread)
        if not th.visible:
            raise ActionError(f"thread #{th.id} is not in your inbox")
        return th

    def _judge(self, th: Thread | None, text: str, public: bool, kind: str) -> ReplyAssessment:
        text = text.strip()
        if not text:
            raise ActionError("write a message first")
        if len(text) > MAX_MESSAGE_CHARS:
            raise ActionError(
                f"the message is {len(text)} characters; keep it under {MAX_MESSAGE_CHARS}"
            )
        verdict = self.assess(text, self.context(th, public=public, kind=kind))
        if self._recorded is not None:
            if self._recorded != verdict:
                self.divergences.append(
                    Divergence(
                        self.now, kind, th.id if th else None, _difference(self._recorded, verdict)
                    )
                )
            verdict = self._recorded
        self._verdict = verdict
        return verdict

    def _responded(self, th: Thread) -> None:
        if th.first_response is None:
            th.first_response = self.now
            th.responded = True
        th.last_brand = self.now


def _difference(recorded: ReplyAssessment, judged: ReplyAssessment) -> str:
    """What changed between a recorded verdict and today's judgement of the same message, in words."""
    parts = []
    if round(recorded.score, 1) != round(judged.score, 1):
        parts.append(f"score {recorded.score:.0f} when sent, {judged.score:.0f} now")
    before, after = recorded.categories, judged.categories
    if after - before:
        parts.append("now also " + ", ".join(sorted(after - before)))
    if before - after:
        parts.append("no longer " + ", ".join(sorted(before - after)))
    if recorded.kind != judged.kind:
        parts.append(f"judged as {recorded.kind} when sent, {judged.kind} now")
    if not parts:
        parts.append(
            f"crowd reaction {recorded.quality:+.2f} when sent, {judged.quality:+.2f} now"
            if recorded.quality != judged.quality
            else "the findings' wording changed"
        )
    return "the recorded verdict differs from today's judgement: " + "; ".join(parts)
