"""A debrief that teaches: mistakes of one kind on one line, every point shown, totals that add up."""

from __future__ import annotations

import pytest
from stormdrill.scoring.grouping import group_findings
from stormdrill.scoring.report import render
from stormdrill.scoring.scorecard import DIMENSIONS, score_session
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session


@pytest.fixture(scope="module")
def nobody_card(library, assess):
    scenario = library["telnet-outage"]
    session = Session(scenario, seed=7, assess=assess, network=load_or_build(spec_for(scenario)))
    session.advance_to(scenario.duration)
    return score_session(session, assess, trainee="nobody")


def lost(dim):
    return [f for f in dim.findings if f.points < 0 or f.passed is False]


def test_grouped_points_add_up_to_the_same_totals(nobody_card):
    for name in DIMENSIONS:
        findings = lost(nobody_card.dimensions[name])
        grouped = group_findings(findings)
        assert sum(f.points for f in grouped) == pytest.approx(sum(f.points for f in findings)), (
            name
        )
        assert len(grouped) <= len(findings)


def test_a_mistake_made_many_times_is_one_line(nobody_card):
    privacy = group_findings(lost(nobody_card.dimensions["privacy"]))
    line = next(f for f in privacy if f.rule == "not_moved_private")
    many = [f for f in lost(nobody_card.dimensions["privacy"]) if f.rule == "not_moved_private"]
    assert len(many) > 3
    assert f"×{len(many)}" in line.explanation and line.points == pytest.approx(
        sum(f.points for f in many)
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_reports_show_every_point(nobody_card, fmt):
    text = render(nobody_card, fmt)
    assert "… +" not in text
    for name in DIMENSIONS:
        for finding in group_findings(lost(nobody_card.dimensions[name])):
            shown = (
                finding.explanation.replace("&", "&amp;").replace("'", "&#39;")
                if fmt == "html"
                else finding.explanation
            )
            assert shown.split(" (")[0][:40] in text
