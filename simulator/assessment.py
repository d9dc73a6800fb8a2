"""The contract between the engine and whoever judges a reply's text.

The simulation needs to know whether a reply apologised, owned the problem,
invited the customer to DM or blamed them; the judging itself lives in
`scoring/` (DESIGN §2) and is handed to the Session as a function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from scenarios.model import Policy

# Categories that make a reply better or worse; their ids are part of the `assess --json` output.
POSITIVE = ("acknowledge", "apology", "ownership", "solution", "explanation", "private_channel", "personal",
            "human_voice")  # fmt: skip
NEGATIVE = ("non_apology", "blame", "boilerplate", "sales", "empty_promise", "forbidden", "public_personal_data",
            "shouting", "duplicate", "wrong_address_form")  # fmt: skip
CATEGORIES = POSITIVE + NEGATIVE


@dataclass(frozen=True)
class ReplyContext:
    """What the judge needs to know about the case a reply answers."""

    language: str = "en"
    kind: str = "reply"  # reply | dm | holding_statement | resolve
    public: bool = True
    topic: str | None = None
    channel: str | None = None
    anger: float = 0.5
    at_fault: bool = True
    needs_data: bool = False
    severity: str = "medium"
    first_name: str | None = None
    last_name: str | None = None
    handle: str | None = None
    policy: Policy = field(default_factory=Policy)
    earlier_replies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str  # e.g. en.apology.sorry
    category: str  # one of CATEGORIES, or "missing" for an expected element that is absent
    span: str  # the words matched (or "" for something missing)
    points: float  # + earned, - lost
    explanation: str  # one sentence for the trainee


@dataclass(frozen=True)
class ReplyAssessment:
    findings: tuple[Finding, ...]
    quality: float  # -1 (inflames) .. +1 (cools): how the crowd reacts
    language: str = "en"

    def has(self, category: str) -> bool:
        return any(f.category == category for f in self.findings)

    @property
    def categories(self) -> set[str]:
        return {f.category for f in self.findings}


Assess = Callable[[str, ReplyContext], ReplyAssessment]
