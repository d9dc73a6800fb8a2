"""Coaching on the spot: what the console says about a reply, before and after it is sent.

Textual-free. The verdict itself is the rubric's (`stormdrill.scoring.assess`); this module only
picks from it what a trainee can act on at once: the two strongest and two weakest findings of a
sent reply, and the few mistakes worth a warning before sending (docs/trainers.md, "Coaching").
"""

from __future__ import annotations

from dataclasses import dataclass

from stormdrill.simulator.assessment import Finding, ReplyAssessment

# Penalties a trainee should be stopped for before sending: each one harms the customer or the brand
# in public and cannot be taken back (docs/trainers.md). Everything else is taught after sending.
WARN_BEFORE_SENDING = (
    "public_personal_data",
    "secret_data",
    "forbidden",
    "wrong_language",
    "wrong_address_form",
    "duplicate",
)
SHOWN_PER_SIDE = 2  # strongest and weakest findings in the note after sending
SPAN_WIDTH = 40  # characters of a quoted span in the note


@dataclass(frozen=True)
class Warning:
    category: str  # an assessment category, or "hide_reason"
    span: str  # the words that set it off ("" when it is about something else)
    explanation: str


def warnings_for(verdict: ReplyAssessment) -> list[Warning]:
    """The mistakes in a draft worth stopping for, one per category, in the order found."""
    seen: dict[str, Warning] = {}
    for finding in verdict.findings:
        if (
            finding.polarity == "penalty"
            and finding.category in WARN_BEFORE_SENDING
            and finding.category not in seen
        ):
            seen[finding.category] = Warning(finding.category, finding.span, finding.explanation)
    return list(seen.values())


def hide_warning(reason: str, allowed_reasons) -> Warning | None:
    """Hiding for a reason the policy does not allow (the hide itself is judged by the scorecard)."""
    if reason in allowed_reasons:
        return None
    return Warning("hide_reason", reason, "")


def strongest(verdict: ReplyAssessment, n: int = SHOWN_PER_SIDE) -> list[Finding]:
    """What earned the most points."""
    earned = [f for f in verdict.findings if f.polarity == "earned" and f.points > 0]
    return sorted(earned, key=lambda f: -f.points)[:n]


def weakest(verdict: ReplyAssessment, n: int = SHOWN_PER_SIDE) -> list[Finding]:
    """What cost the most points: penalties and what was expected and missing."""
    lost = [f for f in verdict.findings if f.polarity != "earned" and f.points < 0]
    return sorted(lost, key=lambda f: f.points)[:n]


def quote(span: str, width: int = SPAN_WIDTH) -> str:
    span = " ".join(span.split())
    return f"“{span if len(span) <= width else span[: width - 1] + '…'}”" if span else ""


def crowd_mood(quality: float) -> str:
    """How the crowd takes a reply, from the verdict's quality (-1 inflames … +1 cools)."""
    if quality >= 0.25:
        return "cools"
    if quality <= -0.25:
        return "inflames"
    return "shrugs"
