"""Injects that react to the trainee: `if:` on what was done to a post or persona, brand notes, persona kinds."""

from __future__ import annotations

import pytest
from stormdrill.scenarios import load_scenario_text
from stormdrill.simulator.events import Action, ActionError
from stormdrill.simulator.session import Session

BASE = """stormdrill: 1
id: injects
title: Injects
brand: {{name: Brand, handle: "@brand", followers: 500}}
duration: 1h
network: {{size: 2000, seed: 5}}
personas:
  - {{id: ann, handle: "@ann", name: Ann Lee, followers: 300}}
  - {{id: mayor, handle: "@mayor", name: Mia Mayor, followers: 5000, kind: politician, bio: "Mayor of Springfield"}}
  - {{id: press, handle: "@press", name: Daily Press, followers: 9000, kind: journalist}}
storm:
  scripted:
    - {{id: first, at: 0m, by: ann, topic: outage, anger: 0.6, text: "@brand no internet since this morning"}}
{more}
"""


def _session(more: str, assess) -> Session:
    return Session(load_scenario_text(BASE.format(more=more)), seed=1, assess=assess)


def _texts(session: Session) -> list[str]:
    return [th.text for th in session.threads]


NOTE = '    - {at: 5m, by: brand, name: "Legal (Mara)", text: "Legal: no promises of compensation.", if: %s}'


def test_a_note_comes_when_the_trainee_ignores_the_post(assess):
    session = _session(NOTE % "{post: first, ignored_for: 15m}", assess)
    session.advance_to(14 * 60)
    assert "Legal: no promises of compensation." not in _texts(session)
    session.advance_to(17 * 60)
    note = next(th for th in session.threads if th.kind_name == "note")
    assert note.name == "Legal (Mara)" and note.text == "Legal: no promises of compensation."
    assert note.impressions == 0 and not note.needs_response  # a note to the desk never spreads
    item = next(i for i in session.snapshot().inbox if i.id == note.id)
    assert "brand" in item.flags


def test_no_note_when_the_trainee_answered_in_time(assess):
    session = _session(NOTE % "{post: first, ignored_for: 15m}", assess)
    session.advance_to(120)
    session.apply(
        Action("reply", 1, text="Hi Ann, sorry about this! We're on it, update at 10:00. ^JD")
    )
    session.advance_to(3600)
    assert not any(th.kind_name == "note" for th in session.threads)


@pytest.mark.parametrize(
    ("condition", "actions", "posted"),
    [
        ("{post: first, hid: true}", [Action("hide", 1, reason="other")], True),
        ("{post: first, hid: true}", [], False),
        (
            "{post: first, moved_to_dm: true}",
            [Action("dm", 1, text="Hi Ann, sorry! Which address? ^JD")],
            True,
        ),
        ("{post: first, escalated_to: tech}", [Action("escalate", 1, team="tech")], True),
        ("{post: first, escalated_to: tech}", [Action("escalate", 1, team="pr")], False),
        (
            "{post: first, said: compensation}",
            [Action("reply", 1, text="Sorry Ann, you'll get compensation. ^JD")],
            True,
        ),
        (
            "{post: first, said: compensation}",
            [Action("reply", 1, text="Sorry Ann, we're on it. ^JD")],
            False,
        ),
        (
            "{post: first, replied_within: 5m}",
            [Action("reply", 1, text="Sorry Ann, we're on it. ^JD")],
            True,
        ),
        (
            "{persona: ann, replied: true}",
            [Action("reply", 1, text="Sorry Ann, we're on it. ^JD")],
            True,
        ),
        (
            "{any: [{post: first, hid: true}, {post: first, escalated_to: legal}]}",
            [Action("escalate", 1, team="legal")],
            True,
        ),
        (
            "{all: [{post: first, replied: true}, {not: {post: first, said: sorry}}]}",
            [Action("reply", 1, text="We're on it Ann. ^JD")],
            True,
        ),
        (
            "{all: [{post: first, replied: true}, {not: {post: first, said: sorry}}]}",
            [Action("reply", 1, text="Sorry Ann, we're on it. ^JD")],
            False,
        ),
        ("{after: 40m, no_holding_statement: true}", [], True),
        (
            "{after: 40m, no_holding_statement: true}",
            [Action("holding_statement", text="We know. Update 10:00.")],
            False,
        ),
    ],
)
def test_a_scripted_post_waits_for_what_the_trainee_did(assess, condition, actions, posted):
    more = (
        "    - {id: mayor-asks, at: 2m, by: mayor, topic: outage, "
        f'text: "What is going on with Brand? Residents are calling me.", if: {condition}}}'
    )
    session = _session(more, assess)
    session.advance_to(60)
    for action in actions:
        session.apply(action)
    session.advance_to(3600)
    assert ("What is going on with Brand? Residents are calling me." in _texts(session)) is posted


def test_a_politicians_post_reaches_the_inbox_flagged_with_the_bio_on_record(assess):
    more = '    - {at: 1m, by: mayor, topic: outage, text: "Residents keep calling me about the outage."}'
    session = _session(more, assess)
    events = session.advance_to(180)
    mayor = next(th for th in session.threads if th.handle == "@mayor")
    assert (
        mayor.visible and mayor.author_kind == "politician"
    )  # no @brand in it, still in the inbox
    assert "politician" in next(i for i in session.snapshot().inbox if i.id == mayor.id).flags
    post = next(e for e in events if e.kind == "post" and e.thread == mayor.id)
    assert post.data["bio"] == "Mayor of Springfield" and post.data["persona_kind"] == "politician"


def test_a_safety_post_is_flagged_and_goes_to_the_safety_team(assess):
    more = '    - {at: 1m, by: ann, topic: outage, safety: true, text: "@brand a cable is hanging loose in the street!"}'
    session = _session(more, assess)
    session.advance_to(180)
    cable = next(th for th in session.threads if "cable" in th.text)
    assert "safety" in next(i for i in session.snapshot().inbox if i.id == cable.id).flags
    events = session.apply(Action("escalate", cable.id, team="safety"))
    assert events[0].cause == "the safety team checks the hazard"
    with pytest.raises(ActionError):
        session.apply(Action("escalate", cable.id, team="safety"))


def test_an_escalation_fires_on_the_named_post_unless_the_trainee_escalated_it(assess):
    more = """  escalations:
    - {if: {post: first, after: 20m, not: {post: first, escalated_to: pr}}, then: press_pickup, by: press}"""
    ignored = _session(more, assess)
    ignored.advance_to(3600)
    assert [r["thread"] for r in ignored.escalation_log] == [1]
    assert any(th.handle == "@press" for th in ignored.threads)
    handled = _session(more, assess)
    handled.advance_to(300)
    handled.apply(Action("escalate", 1, team="pr"))
    handled.advance_to(3600)
    assert handled.escalation_log == []


def test_an_escalation_rule_waits_for_its_if(assess):
    more = """  generated: {topics: [outage], peak: 60/h, peak_at: 10m}
  escalations:
    - {when: {ignored_for: 5m}, if: {declared: true}, then: complaint_site}"""
    session = _session(more, assess)
    session.advance_to(3600)
    assert session.escalation_log, "nothing escalated"
    declared = min(session.declared.values())
    assert all(r["t"] >= declared for r in session.escalation_log)
