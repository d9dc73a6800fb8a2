"""A real inbox (storm.mix): questions, compliments, off-topic mentions and rumours among the complaints."""

from __future__ import annotations

from collections import Counter

from stormdrill.scenarios import load_scenario_text
from stormdrill.simulator.events import Action
from stormdrill.simulator.session import Session

MIXED = """stormdrill: 1
id: mix
title: Mixed inbox
brand: {name: TelNet, handle: "@TelNet", followers: 3000}
duration: 1h
network: {size: 5000, seed: 2}
storm:
  generated: {topics: [outage], peak: 120/h, peak_at: 20m}
  mix: {complaint: 0.5, question: 0.15, compliment: 0.1, off_topic: 0.1, rumour: 0.15}
"""
CORRECTION = (
    "Hi {name}, that's not true: nobody's data is leaking and nobody pays extra. The outage is caused by "
    "a failed router; engineers are fixing it and we'll update here at 10:00. ^JD"
)


def _session(assess) -> Session:
    return Session(load_scenario_text(MIXED), seed=4, assess=assess)


def test_the_mix_brings_every_kind_of_post_into_the_inbox(assess):
    session = _session(assess)
    session.advance_to(3600)
    kinds = Counter(th.kind_name for th in session.threads)
    assert set(kinds) >= {"complaint", "question", "praise", "off_topic", "rumour"}, kinds
    assert kinds["complaint"] > kinds["question"]
    inbox = session.snapshot().inbox
    assert any("rumour" in item.flags for item in inbox) and any(
        "question" in item.flags for item in inbox
    )
    assert all(
        "@TelNet" in th.text for th in session.threads if th.kind_name in ("question", "praise")
    )


def test_questions_and_off_topic_mentions_do_no_harm_and_compliments_help(assess):
    session = _session(assess)
    session.advance_to(3600)
    by_kind = Counter()
    for th in session.threads:
        by_kind[th.kind_name] += th.impressions
    assert session.totals()["negative_impressions"] == by_kind["complaint"] + by_kind["rumour"]
    assert session.totals()["positive_impressions"] == by_kind["praise"] > 0
    waiting = [th for th in session.threads if th.kind_name == "question" and th.visible]
    assert waiting and all(th.needs_response for th in waiting)
    assert not any(
        th.needs_response for th in session.threads if th.kind_name in ("off_topic", "praise")
    )


def test_a_rumour_keeps_spreading_until_corrected_in_public(assess):
    ignored, corrected = _session(assess), _session(assess)
    for t in range(60, 3601, 60):
        ignored.advance_to(t)
        corrected.advance_to(t)
        for th in corrected.threads:
            if th.kind_name == "rumour" and th.visible and th.first_response is None:
                corrected.apply(Action("reply", th.id, text=CORRECTION.format(name=th.first_name)))
    rumours = [th.id for th in ignored.threads if th.kind_name == "rumour" and th.visible]
    assert len(rumours) >= 3

    def reach(session: Session) -> int:
        return sum(session.thread(i).impressions for i in rumours)

    assert reach(corrected) < 0.7 * reach(ignored)


def test_without_a_mix_the_storm_is_all_complaints(library, assess):
    session = Session(library["telnet-outage"], seed=2, assess=assess)
    session.advance_to(3600)
    assert {th.kind_name for th in session.threads} <= {"complaint", "praise"}
