"""Learned point factors: how much each kind of finding's points count, fitted to team leads' grades.

The phrase rules, detectors and weights decide *what* a reply does (and each finding's points say how much
that is worth by hand: +10 for an acknowledgement, -40 for blame). How much each kind counts against
the others is then fitted on the graded corpus: one factor per (category, polarity), learned by
`python -m scoring.refit --write` from pairs of replies a team lead graded 10 or more apart (a rank loss,
shrunk towards 1, factors kept in 0.1-3) and committed in scoring/points.json. A finding's points are its
hand-set points times its factor; the explanation and the quoted span are the rule's. Chosen out of sample
only (docs/scoring.md, "The twelfth round"). A category the corpus never grades keeps factor 1 (a pasted
duplicate, a breach of a critical rule's weight), and four keep their hand-set points whatever the fit
says (PINNED): a password or PIN asked for, which the grading guide calls harmful in any reply; the wrong
language or form of address, which it puts in the weak band (30-49) however good the rest; and a name or
sign-off, a courtesy that goes with care in the graded replies (fitted: x1.81) without being care itself
(the guide's curt band holds for "Hi Fatima, DM us. ^JD": 63 with the fitted factor, 55 without)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from stormdrill.simulator.assessment import Finding

FACTORS = Path(__file__).with_name("points.json")
# Never refitted: fitted, they would let a friendly reply that asks for a PIN, a perfect one with "je"
# where the brand promised "u", or a curt one with a name and a sign-off, score well.
PINNED = frozenset(
    {
        "secret_data penalty",
        "wrong_language penalty",
        "wrong_address_form penalty",
        "personal earned",
    }
)
# The refit judges with these instead of the committed ones ({}: the hand-set points).
OVERRIDE: dict[str, float] | None = None


@lru_cache(maxsize=1)
def committed() -> dict[str, float]:
    factors = json.loads(FACTORS.read_text(encoding="utf-8"))
    return {key: float(value) for key, value in factors.items()}


def factors() -> dict[str, float]:
    return OVERRIDE if OVERRIDE is not None else committed()


def apply(findings: list[Finding]) -> list[Finding]:
    """Each finding's points times its (category, polarity)'s factor."""
    table = factors()
    out = []
    for f in findings:
        factor = table.get(f"{f.category} {f.polarity}", 1.0)
        out.append(f if factor == 1.0 else replace(f, points=round(f.points * factor, 1)))
    return out
