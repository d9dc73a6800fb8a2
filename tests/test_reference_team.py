"""The yardstick: a reference team with a real team's capacity, the scenario's model replies, its own voice."""

from __future__ import annotations

import re

import pytest
from stormdrill.scenarios import load_scenario_text
from stormdrill.scenarios.model import TeamCapacity
from stormdrill.scoring.expectations import check_expectations
from stormdrill.scoring.scorecard import score_session
from stormdrill.simulator.bots import play
from stormdrill.simulator.events import Action
from stormdrill.simulator.session import Session

import run

BUSY_STORM = """
stormdrill: 1
id: busy-storm
title: A busy storm for a small desk
brand: {name: Parcelo, handle: "@Parcelo"}
duration: 2h
network: {size: 3000, seed: 4}
storm:
  generated: {topics: [delivery], peak: 90/h, peak_at: 40m, shape: surge, mention_share: 1.0}
policy:
  response_times: {target: 15m, norm: 1h, max: 4h}
"""


def _busy(size: int):
    scenario = load_scenario_text(BUSY_STORM)
    scenario.team = TeamCapacity(size=size)
    return scenario


def _complaints(session: Session):
    return [
        th
        for th in session.threads
        if th.visible and th.kind_name == "complaint" and th.needs_response
    ]


def _in_target(session: Session) -> int:
    target = session.policy.response_times.target
    return sum(
        1
        for th in _complaints(session)
        if th.first_response is not None and th.first_response - th.created <= target
    )


def _seconds_of_work(session: Session, capacity: TeamCapacity) -> float:
    total = 0.0
    for _, action in session.actions:
        writes = action.kind in ("reply", "dm", "holding_statement") or (
            action.kind == "resolve" and action.text
        )
        total += capacity.message_seconds(action.text) if writes else float(capacity.action)
    return total


@pytest.fixture(scope="module")
def busy_runs(assess):
    return {size: play(Session(_busy(size), seed=3, assess=assess), "reference") for size in (1, 3)}


def test_one_seat_cannot_answer_a_busy_storm_within_the_target(busy_runs):
    session = busy_runs[1]
    complaints = _complaints(session)
    assert len(complaints) >= 50
    assert _in_target(session) < len(complaints)


def test_the_reference_team_never_does_more_work_than_its_seats_allow(busy_runs):
    for size, session in busy_runs.items():
        capacity = TeamCapacity(size=size)
        # each seat may have started its last job up to a minute before the storm's last look
        assert _seconds_of_work(session, capacity) <= size * (session.duration + 60), size


def test_more_seats_answer_more_complaints_in_time(busy_runs):
    assert _in_target(busy_runs[3]) > _in_target(busy_runs[1])


def test_a_longer_handling_time_slows_the_first_responses(assess):
    quick, slow = _busy(2), _busy(2)
    slow.team = TeamCapacity(size=2, handling="10m")
    runs = [play(Session(s, seed=3, assess=assess), "reference") for s in (quick, slow)]
    assert _in_target(runs[1]) < _in_target(runs[0])


def test_a_scenarios_team_overrides_the_policys():
    scenario = load_scenario_text(
        BUSY_STORM.replace("policy:\n", "policy:\n  team: {size: 4, read: 1m}\n")
    )
    assert (scenario.team_capacity.size, scenario.team_capacity.read) == (4, 60)
    alone = load_scenario_text(
        BUSY_STORM.replace("policy:\n", "team: {size: 1}\npolicy:\n  team: {size: 4}\n")
    )
    assert alone.team_capacity.size == 1
    assert alone.team_capacity.message_seconds("x" * 100) == pytest.approx(45 + 0.3 * 100)


def _thread_by(session: Session, handle: str):
    return next(th for th in session.threads if th.handle == handle)


def test_the_reference_team_sends_a_scripted_posts_model_reply(library, assess):
    scenario = library["telnet-outage"]
    session = play(Session(scenario, seed=0, assess=assess), "reference")
    sanne = _thread_by(session, "@sanne_b")
    first = next(m for m in sanne.messages if m.who == "brand")
    model = scenario.storm.scripted[0].expect.model_reply
    assert first.text.startswith(model.replace("{first_name}", "Sanne").replace("{agent}", ""))
    assert sanne.in_dm


def test_the_reference_team_escalates_to_the_team_a_scripted_post_expects(library, assess):
    scenario = library["fietsfabriek-verbergen"]
    session = play(Session(scenario, seed=0, assess=assess), "reference")
    fatima = _thread_by(session, "@fatimaelamrani")
    assert "operations" in fatima.escalated
    said = " ".join(m.text for m in fatima.messages if m.who == "brand").lower()
    assert "vervang" not in said


@pytest.mark.parametrize("name", ["telnet-outage", "skyhop-delay"])
def test_outage_and_delay_replies_promise_no_money_the_scenario_never_offered(
    name, library, assess
):
    session = play(Session(library[name], seed=1, assess=assess), "reference")
    said = [
        m.text
        for th in session.threads
        if th.topic in ("outage", "delay")
        for m in th.messages
        if m.who == "brand"
    ]
    assert len(said) >= 10
    assert not [text for text in said if re.search(r"\b(refund|compensat|credit)", text, re.I)]


def test_an_injured_customer_is_asked_how_they_are_not_offered_a_replacement(assess):
    text = BUSY_STORM.replace(
        "storm:\n  generated: {topics: [delivery], peak: 90/h, peak_at: 40m, shape: surge, "
        "mention_share: 1.0}",
        """personas:
  - {id: ann, handle: "@ann", name: Ann Lee}
storm:
  scripted:
    - {at: 0m, by: ann, topic: quality, anger: 0.7, severity: high,
       text: "@Parcelo the brakes failed on the bike you sold me and I got hurt. I'm bruised all over."}""",
    )
    session = play(
        Session(load_scenario_text(text), seed=1, assess=assess), "reference", until=1800
    )
    reply = next(m.text for m in session.threads[0].messages if m.who == "brand")
    assert "how are you" in reply.lower()
    assert "replac" not in reply.lower()


@pytest.mark.parametrize(
    ("name", "form", "other"),
    [
        ("zekerheid-claim", r"\bu\b|\buw\b", r"\bje\b|\bjouw\b"),
        ("fietsfabriek-verbergen", r"\bje\b", r"\bu\b|\buw\b"),
    ],
)
def test_dutch_replies_keep_the_policys_form_of_address(name, form, other, library, assess):
    session = play(Session(library[name], seed=2, assess=assess), "reference")
    said = [m.text for th in session.threads for m in th.messages if m.who == "brand"]
    said += [s["text"] for s in session.statements]
    assert sum(1 for text in said if re.search(form, text, re.I)) >= len(said) // 2
    assert not [text for text in said if re.search(other, text, re.I)]


# ---------------------------------------------------------------- expectations on the scorecard


def test_a_reply_that_misses_the_expectations_is_failed_with_its_own_words(library, assess):
    scenario = library["telnet-outage"]
    session = Session(scenario, seed=0, assess=assess)
    session.advance_to(360)
    mark = _thread_by(session, "@markvdl")
    session.apply(
        Action("reply", mark.id, text="Sorry Mark, we'll refund you the lost revenue today. ^JD")
    )
    session.advance_to(3 * 3600 if scenario.duration > 3 * 3600 else scenario.duration)
    checks = [
        c for c in check_expectations(scenario, session.threads, session.now) if c.thread == mark.id
    ]
    failed = {c.rule: c for c in checks if not c.passed}
    assert set(failed) == {"expect.private", "expect.must_mention", "expect.must_not_say"}
    assert (
        failed["expect.must_not_say"].quote
        == "Sorry Mark, we'll refund you the lost revenue today. ^JD"
    )
    assert "'refund'" in failed["expect.must_not_say"].explanation
    assert "'call' or 'phone' or 'ring'" in failed["expect.must_mention"].explanation
    model = failed["expect.must_mention"].explanation
    assert "A model answer" in model
    # the model answer reads as a reply: the customer's name and the trainee's sign-off, no bare slots
    assert "Mark" in model and "^[your initials]" in model and "{" not in model
    sanne = _thread_by(session, "@sanne_b")
    unanswered = [
        c
        for c in check_expectations(scenario, session.threads, session.now)
        if c.thread == sanne.id
    ]
    assert unanswered and not any(c.passed for c in unanswered)


def test_expectations_wait_until_the_trainee_had_the_time(library, assess):
    scenario = library["telnet-outage"]
    session = Session(scenario, seed=0, assess=assess)
    session.advance_to(300)
    assert check_expectations(scenario, session.threads, session.now) == []


def test_the_scorecard_policy_dimension_counts_the_expectations(library, assess):
    scenario = library["telnet-outage"]
    session = play(Session(scenario, seed=0, assess=assess), "reference")
    baselines = {"none": session.metrics["negative"], "reference": session.metrics["negative"]}
    card = score_session(session, assess, baselines=baselines)
    expected = [f for f in card.dimensions["policy"].findings if f.rule.startswith("expect.")]
    assert len(expected) >= 4
    assert all(f.passed for f in expected), [f.explanation for f in expected if not f.passed]
    assert all(f.clause.startswith("storm.scripted[") for f in expected)


# ---------------------------------------------------------------- the canned team


def test_the_canned_team_sends_its_lines_in_turn_with_names_filled_in(library, assess):
    lines = [
        "One for {first_name}. ^AA",
        "Two for {first_name}. ^BB",
        "Three for {first_name}. ^CC",
    ]
    scenario = library["telnet-outage"].model_copy(update={"team": TeamCapacity(size=1)})
    session = play(Session(scenario, seed=0, assess=assess), "canned", replies=lines)
    sent = [
        (t, a)
        for t, a in session.actions
        if a.kind in ("reply", "dm") or (a.kind == "resolve" and a.text)
    ]
    assert len(sent) >= 6
    for n, (_, action) in enumerate(sent):
        th = session.thread(action.thread)
        assert action.text == lines[n % 3].replace("{first_name}", th.first_name)


def test_the_canned_team_works_at_the_reference_teams_pace(library, assess):
    scenario = library["skyhop-delay"]
    canned = play(
        Session(scenario, seed=0, assess=assess), "canned", replies=["Hi {first_name}, sorry! ^JD"]
    )
    reference = play(Session(scenario, seed=0, assess=assess), "reference")
    first = [th.first_response - th.created for th in (canned.threads[0], reference.threads[0])]
    assert first[0] == pytest.approx(first[1], abs=120)


def test_simulate_canned_needs_a_readable_replies_file(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert run.main(["simulate", "--bot", "canned", "--replies", str(missing)]) == 1
    assert f"{missing}: no such replies file" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("# our replies\n\n")
    assert run.main(["simulate", "--bot", "canned", "--replies", str(empty)]) == 1
    assert f"{empty}: no replies in it" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        run.main(["simulate", "--bot", "canned"])
    assert usage.value.code == 2


def test_simulate_canned_plays_and_logs(tmp_path, capsys):
    replies = tmp_path / "ours.txt"
    replies.write_text(
        "Hi {first_name}, sorry about this. DM us and we'll sort it. ^JD\n", encoding="utf-8"
    )
    log = tmp_path / "canned.jsonl"
    assert (
        run.main(
            [
                "simulate",
                "--bot",
                "canned",
                "--replies",
                str(replies),
                "--seed",
                "2",
                "--log",
                str(log),
            ]
        )
        == 0
    )
    assert "bot canned" in capsys.readouterr().out
    assert '"bot":"canned"' in log.read_text(encoding="utf-8").splitlines()[0]
