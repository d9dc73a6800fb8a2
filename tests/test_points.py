"""Learned points (scoring/points.py): each finding's hand-set points times its category's factor, fitted
on the graded corpus by `python -m stormdrill.scoring.refit --write`; the breaches the grading guide rates
whatever else a reply does, and a name or sign-off, keep their hand-set points."""

from __future__ import annotations

import json

from stormdrill.scoring import assess, points, refit
from stormdrill.scoring.lexicon import lexicon

from tests.test_corpus import DATA
from tests.test_rules_depth import ctx


def test_the_committed_factors_are_bounded_and_leave_the_pinned_breaches_alone():
    table = points.committed()
    assert {"blame penalty", "apology earned", "solution earned", "private_channel earned"} <= set(
        table
    )
    assert all(0.1 <= factor <= 3.0 for factor in table.values())
    assert all(table.get(key, 1.0) == 1.0 for key in points.PINNED)


def test_a_pin_asked_for_costs_its_full_points_in_a_friendly_reply():
    text = "Hi Sam, so sorry about the double charge, that's on us! Reply with your PIN and I'll refund it today."
    verdict = assess(text, ctx("en", first_name="Sam"))
    secret = [f.points for f in verdict.findings if f.category == "secret_data"]
    assert secret == [lexicon("en").categories["secret_data"].points]
    assert verdict.score <= 40


def test_each_finding_counts_its_hand_set_points_times_its_factor():
    text = "Sam, sorry, that's our mistake: a router failed. Engineers expect it back by 10:00. ^JD"
    learned = assess(text, ctx("en", first_name="Sam"))
    previous = points.OVERRIDE
    points.OVERRIDE = {}
    try:
        hand_set = assess(text, ctx("en", first_name="Sam"))
    finally:
        points.OVERRIDE = previous
    assert [(f.rule, f.span) for f in learned.findings] == [
        (f.rule, f.span) for f in hand_set.findings
    ]
    table = points.committed()
    for mine, theirs in zip(learned.findings, hand_set.findings, strict=True):
        factor = table.get(f"{theirs.category} {theirs.polarity}", 1.0)
        assert mine.points == round(theirs.points * factor, 1), mine.rule
    assert any(
        m.points != t.points for m, t in zip(learned.findings, hand_set.findings, strict=True)
    )


def test_the_refit_writes_factors_the_rubric_reads(tmp_path, monkeypatch, capsys):
    target = tmp_path / "points.json"
    monkeypatch.setattr(points, "FACTORS", target)
    assert refit.main(["--write", str(DATA / "corpus_holdout3_en.yaml")]) == 0
    table = json.loads(target.read_text(encoding="utf-8"))
    assert "apology earned" in table and "blame penalty" in table
    assert all(0.1 <= v <= 3.0 for v in table.values())
    assert all(table[key] == 1.0 for key in points.PINNED if key in table)
    assert str(target) in capsys.readouterr().out
