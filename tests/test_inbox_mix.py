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


# ------------------------------------------------------------------ the scorecard and the rest of the inbox

COMPLAINT_REPLY = (
    "Hi {name}, sorry, no internet is awful when you need it. A router failed; engineers expect it back "
    "around 10:00 and I'll post an update here at 09:30. ^JD"
)
ANSWERS = (  # each question its own answer: a pasted one doesn't count as answered
    "Hi {name}, good question: yes, you can still pay at the shop, it's open until 18:00. ^JD",
    "{name}, the new bundle starts on the first of the month; your current plan runs until then. /Mark",
    "Yes {name}, roaming in France is included in your plan at no extra cost. ^JD",
    "Hi {name}! Moving house? Tell us your date by DM and the technician comes the same week. /Anna",
    "{name}, the shop in the high street opens at nine on Saturdays, see you there! ^JD",
    "Hello {name}, your old modem can go back in any of our shops, free of charge. /Mark",
    "Hi {name}, the app update arrives on Thursday for Android and iPhone alike. ^JD",
)


def _play(assess, *, rest: bool, rumours_in_dm: bool = False) -> Session:
    """Answer every complaint well; with `rest`, also answer the questions, correct the rumours (in
    public, or by DM only) and like the compliments. Off-topic posts are always left alone."""
    session = _session(assess)
    for t in range(60, 3600, 60):
        session.advance_to(t)
        for th in session.threads:
            if not th.visible or th.hidden:
                continue
            name = th.first_name
            if th.kind_name == "complaint" and th.first_response is None and th.needs_response:
                session.apply(Action("reply", th.id, text=COMPLAINT_REPLY.format(name=name)))
            elif not rest:
                continue
            elif th.kind_name == "question" and th.first_response is None:
                answer = ANSWERS[th.id % len(ANSWERS)]
                session.apply(Action("reply", th.id, text=answer.format(name=name)))
            elif th.kind_name == "rumour" and th.first_response is None:
                kind = "dm" if rumours_in_dm else "reply"
                session.apply(Action(kind, th.id, text=CORRECTION.format(name=name)))
            elif th.kind_name == "praise" and not th.liked:
                session.apply(Action("like", th.id))
    return session


def _speed(session: Session, assess):
    from stormdrill.scoring.scorecard import score_session

    return score_session(session, assess).dimensions["speed"]


def test_answering_the_rest_of_the_inbox_is_credited_and_leaving_it_is_named(assess):
    complaints_only = _speed(_play(assess, rest=False), assess)
    everything = _speed(_play(assess, rest=True), assess)
    assert everything.score > complaints_only.score + 5, (complaints_only.score, everything.score)
    earned = {f.rule for f in everything.findings if f.polarity == "earned"}
    assert {"rumour_answered", "question_answered", "praise_answered"} <= earned
    waiting = next(f for f in complaints_only.findings if f.rule == "unanswered")
    assert "questions" in waiting.explanation and "rumours" in waiting.explanation
    assert any(f.rule == "rumour_uncorrected" for f in complaints_only.findings)


def test_a_rumour_answered_only_in_private_is_not_corrected(assess):
    speed = _speed(_play(assess, rest=True, rumours_in_dm=True), assess)
    assert any(f.rule == "rumour_uncorrected" for f in speed.findings)
    assert not any(f.rule == "rumour_answered" for f in speed.findings)


def test_leaving_off_topic_noise_alone_costs_nothing(assess):
    session = _play(assess, rest=True)
    off_topic = {th.id for th in session.threads if th.kind_name == "off_topic" and th.visible}
    assert off_topic, "the mix should bring off-topic posts"
    speed = _speed(session, assess)
    blamed = {i for f in speed.findings for i in [*f.threads, f.thread] if i is not None}
    assert not blamed & off_topic
