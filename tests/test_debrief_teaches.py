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


def test_the_retry_comparison_names_what_moved_the_score_most(library, assess, nobody_card):
    import re

    from stormdrill.scoring.compare import branch_comparison
    from stormdrill.scoring.grouping import biggest_differences
    from stormdrill.simulator.events import Action

    scenario = library["telnet-outage"]
    session = Session(scenario, seed=7, assess=assess, network=load_or_build(spec_for(scenario)))
    for minute in range(5, 120, 5):  # the retry answers every complaint within five minutes
        session.advance_to(minute * 60)
        for th in session.threads:
            if th.visible and th.kind_name == "complaint" and th.first_response is None:
                session.apply(
                    Action(
                        "reply",
                        th.id,
                        text=f"Sorry {th.first_name}, that's on us. A fix by 10:00. ^SJ",
                    )
                )
    session.advance_to(scenario.duration)
    retry = score_session(session, assess, trainee="retry")
    movers = biggest_differences(nobody_card, retry)
    assert len(movers) == 3
    assert any(line.startswith("No response: 100 → 0 points lost on Speed") for line in movers), (
        movers
    )
    overall = branch_comparison(nobody_card, retry)[1]
    old, new, diff = (int(x) for x in re.findall(r"[-+]?\d+", overall)[:3])
    assert new - old == diff  # the difference shown is the difference of the numbers shown
