"""The scorecard: good play scores high, bad play low, every point lost with its evidence."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stormdrill.scenarios import load_scenario_text
from stormdrill.scoring.report import render
from stormdrill.scoring.scorecard import score_log, score_session
from stormdrill.simulator.bots import play
from stormdrill.simulator.events import Action
from stormdrill.simulator.headless import run_bot
from stormdrill.simulator.log import read_log
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session

import run

from .conftest import SCENARIO_FILES


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_reference_scores_high_bad_low_none_lowest(path, library, assess):
    scenario = library[path.stem]
    network = load_or_build(spec_for(scenario))
    for seed in (0, 1):
        cards = {
            bot: score_session(
                play(Session(scenario, seed=seed, assess=assess, network=network), bot), assess
            )
            for bot in ("reference", "bad", "none")
        }
        assert cards["reference"].overall >= 80, (seed, cards["reference"].overall)
        assert cards["bad"].overall <= 35, (seed, cards["bad"].overall)
        assert cards["none"].overall <= 15, (seed, cards["none"].overall)


def test_every_lost_point_has_evidence(library, assess):
    scenario = library["telnet-outage"]
    card = score_session(play(Session(scenario, seed=2, assess=assess), "bad"), assess)
    lost = [f for d in card.dimensions.values() for f in d.findings if f.points < 0]
    assert len(lost) > 20
    for finding in lost:
        assert finding.explanation
        if finding.dimension in ("empathy", "speed", "privacy") and finding.rule not in (
            "no_holding_statement",
        ):
            assert finding.thread is not None and finding.t is not None, finding
        if finding.dimension == "empathy" and finding.quote:
            thread = next(th for th in card.threads if th.id == finding.thread)
            quote = finding.quote.removesuffix("...")  # a long quote is shortened
            assert any(quote in r["text"] for r in thread.replies) or quote in thread.text


def test_hiding_a_complaint_costs_privacy_and_policy_points(library, assess):
    scenario = library["fietsfabriek-verbergen"]
    session = Session(scenario, seed=0, assess=assess)
    session.advance_to(600)
    first = session.thread(1)  # Joost's repair complaint on the brand's Facebook page
    session.apply(Action("hide", first.id, reason="other"))
    session.advance_to(scenario.duration)
    card = score_session(session, assess)
    privacy = [f for f in card.dimensions["privacy"].findings if f.rule == "hidden_complaint"]
    assert privacy and privacy[0].thread == first.id and privacy[0].points < 0
    assert any(f.rule == "hide" and f.passed is False for f in card.dimensions["policy"].findings)


ONE_THREAD = """stormdrill: 1
id: one-thread
title: One complaint
brand: {name: Brand, handle: "@brand"}
duration: 3h
network: {size: 1000, seed: 2}
personas: [{id: sam, handle: "@sam", name: Sam Jones, followers: 40}]
storm:
  scripted: [{at: 0m, by: sam, topic: billing, text: "@brand charged twice, fix it", anger: 0.6}]
  spread: {pile_on: 0}
"""


@settings(max_examples=30, deadline=None)
@given(
    st.floats(60, 3 * 3600 - 60),
    st.floats(0, 1),
    st.sampled_from(
        [
            "Sorry Sam, our mistake: we'll refund you today.",
            "Not our problem.",
            "ok",
            "Check your settings!!",
        ]
    ),
)
def test_answering_earlier_with_the_same_text_never_lowers_speed(later, fraction, text):
    from stormdrill.scoring import assess

    scenario = load_scenario_text(ONE_THREAD)
    earlier = 20 + (later - 20) * fraction  # the post is in the inbox from the first step (10 s) on

    def speed_when(t: float) -> float:
        session = Session(scenario, seed=1, assess=assess)
        session.advance_to(t)
        session.apply(Action("reply", 1, text=text))
        session.advance_to(scenario.duration)
        return score_session(session, assess).dimensions["speed"].score

    assert speed_when(earlier) >= speed_when(later)


def _bad_log(tmp_path, library, assess, until=None):
    path = tmp_path / "bad.jsonl"
    run_bot(
        library["zekerheid-claim"],
        "bad",
        3,
        assess,
        log_path=path,
        until=until,
        trainee="Bad <img src=x onerror=alert(1)>",
    )
    return path


def test_score_json_has_overall_and_dimensions(tmp_path, library, assess, capsys):
    path = _bad_log(tmp_path, library, assess)
    assert run.main(["score", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert isinstance(card["overall"], float)
    assert set(card["dimensions"]) == {"speed", "empathy", "privacy", "containment", "policy"}
    for dim in card["dimensions"].values():
        assert "score" in dim and isinstance(dim["findings"], list)


def test_a_partial_session_is_scored_up_to_where_it_ended(tmp_path, library, assess):
    path = _bad_log(tmp_path, library, assess, until=2400)
    log = read_log(path)
    assert not log.complete
    card = score_log(log, assess)
    assert card.partial and card.played_until == pytest.approx(2400, abs=60)
    assert len(card.series["none"]) == len(card.series["trainee"])


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_report_formats_escape_text_and_need_no_network(tmp_path, library, assess, fmt):
    path = _bad_log(tmp_path, library, assess)
    out = tmp_path / f"report.{fmt}"
    assert run.main(["report", str(path), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text()
    if fmt == "html":
        assert "Bad &lt;img src=x onerror=alert(1)&gt;" in text
        assert "<script" not in text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
        assert text.count("<svg") >= 2  # the reach chart and the response-time chart
        assert "Zo zag goed eruit" in text  # the scenario's debrief, in its language
    if fmt == "md":
        assert r"Bad \<img src=x onerror=alert(1)\>" in text
        assert not re.search(r"(?<!\\)<", text)  # no raw markup at all
    if fmt == "json":
        data = json.loads(text)  # JSON is data: the name comes back exactly as it was
        assert (
            data["format"] == "stormdrill-scorecard"
            and data["trainee"] == "Bad <img src=x onerror=alert(1)>"
        )


def test_the_report_speaks_the_language_asked_for(tmp_path, library, assess):
    path = _bad_log(tmp_path, library, assess)
    card = score_log(read_log(path), assess, language="en")
    assert "Where points were lost" in render(card, "md")


def test_a_broken_log_is_refused_with_its_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("this is not a log\n")
    assert run.main(["score", str(bad)]) == 1
    assert f"{bad}:1:" in capsys.readouterr().err
