"""The contract between the engine and whoever judges a reply's text.

The simulation needs to know whether a reply apologised, owned the problem,
invited the customer to DM or blamed them; the judging itself lives in
`scoring/` (docs/architecture.md) and is handed to the Session as a function.

A reply is judged once, when it is sent, with its real kind and context. The
verdict (`ReplyAssessment`) is stored in the session log with the action, and
the engine, replay, scorecard, reports and debrief all read that stored
verdict (`to_dict`/`from_dict`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from stormdrill.scenarios.model import Policy

# Categories that make a reply better or worse; their ids are part of the `assess --json` output.
POSITIVE = (
    "acknowledge",
    "apology",
    "ownership",
    "solution",
    "explanation",
    "private_channel",
    "personal",
    "human_voice",
)
NEGATIVE = (
    "non_apology",
    "blame",
    "deflection",
    "patronising",
    "speculation",
    "hollow",
    "boilerplate",
    "sales",
    "empty_promise",
    "forbidden",
    "public_personal_data",
    "secret_data",
    "shouting",
    "duplicate",
    "wrong_address_form",
    "wrong_language",
)
CATEGORIES = POSITIVE + NEGATIVE

Polarity = Literal["earned", "missing", "penalty"]
POLARITIES: tuple[Polarity, ...] = ("earned", "missing", "penalty")
REPLY_BASE = 50.0  # a reply that does nothing right or wrong
# Words of feeling that count only when written for this customer: pasted into many threads they are a form.
PERSONAL_WARMTH = ("acknowledge", "apology", "ownership", "human_voice", "personal")
# The same for a bare first-person commitment ("DM us and we'll sort it"): a next step only when written for
# this customer; a concrete one (a time, a refund, an engineer) still counts when pasted.
PERSONAL_RULES = (".solution.commitment",)


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
    post: str = ""  # the customer's words the reply answers ("" when unknown)
    facts: object | None = None  # the scenario's `facts:` (what is known), when it declares them


@dataclass(frozen=True)
class Finding:
    rule: str  # e.g. en.apology.sorry
    category: str  # one of CATEGORIES (for a missing element: the category that was expected)
    span: str  # the words matched (or "" for something missing)
    points: float  # + earned, - lost
    explanation: str  # one sentence for the trainee
    # earned: present and good; missing: expected and absent; penalty: present and bad
    polarity: Polarity = "earned"

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "category": self.category,
            "polarity": self.polarity,
            "span": self.span,
            "points": self.points,
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, raw: dict) -> Finding:
        return cls(
            str(raw["rule"]),
            str(raw["category"]),
            str(raw.get("span", "")),
            float(raw["points"]),
            str(raw.get("explanation", "")),
            raw.get("polarity", "earned"),
        )


@dataclass(frozen=True)
class ReplyAssessment:
    findings: tuple[Finding, ...]
    quality: float  # -1 (inflames) .. +1 (cools): how the crowd reacts
    language: str = "en"
    kind: str = "reply"  # the kind of message judged: reply | dm | holding_statement | resolve

    def has(self, category: str) -> bool:
        """Is `category` present in the reply: earned (good) or a penalty (bad), never merely missing."""
        return any(f.category == category and f.polarity != "missing" for f in self.findings)

    def lacks(self, category: str) -> bool:
        """Did the case call for `category` and the reply leave it out?"""
        return any(f.category == category and f.polarity == "missing" for f in self.findings)

    @property
    def categories(self) -> set[str]:
        """The categories present in the reply (earned or penalties; not the missing ones)."""
        return {f.category for f in self.findings if f.polarity != "missing"}

    @property
    def score(self) -> float:
        """0..100. Earned and missing points move the base up to a cap of 100; penalties apply after the
        cap, so a reply cannot hide a blame or a forbidden phrase under a pile of earned points. A pasted
        reply (`duplicate`) earns nothing for its warmth or a bare "we'll ...": sorry, "I understand" and
        "we'll fix it" said to everyone alike are a form letter, whatever words it uses."""
        pasted = self.has("duplicate")
        earned = sum(
            f.points
            for f in self.findings
            if f.polarity != "penalty"
            and not (pasted and (f.category in PERSONAL_WARMTH or f.rule.endswith(PERSONAL_RULES)))
        )
        penalties = sum(f.points for f in self.findings if f.polarity == "penalty")
        return float(max(0.0, min(100.0, min(100.0, REPLY_BASE + earned) + penalties)))

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "language": self.language,
            "quality": self.quality,
            "score": round(self.score, 1),
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, raw: dict) -> ReplyAssessment:
        findings = tuple(Finding.from_dict(f) for f in raw.get("findings", ()))
        return cls(
            findings,
            float(raw["quality"]),
            str(raw.get("language", "en")),
            str(raw.get("kind", "reply")),
        )


def polarity_for(category: str, points: float, missing: bool = False) -> Polarity:
    """The polarity a finding of `category` with `points` has."""
    if missing:
        return "missing"
    return "penalty" if points < 0 or category in NEGATIVE else "earned"


Assess = Callable[[str, ReplyContext], ReplyAssessment]
