"""One verdict per message: judged once when sent, stored, read by every reader; replays report divergence."""

from __future__ import annotations

import json

from stormdrill.scoring.scorecard import score_log, score_session
from stormdrill.simulator.events import Action
from stormdrill.simulator.headless import run_bot
from stormdrill.simulator.log import read_log, replay
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session
from stormdrill.simulator.threads import personal_case

import run

SANNE_PUBLIC = "Hi Sanne, we know. ^JD"
SORRY = (
    "Sorry {name}, this is our fault. Engineers are fixing the network; update here by 09:00. ^JD"
)


def _first_two_complaints(session: Session):
    while len([th for th in session.threads if th.needs_response]) < 2:
        session.advance_to(session.now + 60)
    return [th for th in session.threads if th.needs_response][:2]


def _log(tmp_path, scenario, seed, steps, name="trainee.jsonl"):
    """A session log written the way the console writes it: steps are (t, Action)."""
    from stormdrill.play import LiveSession

    path = tmp_path / name
    live = LiveSession(scenario, seed, assess=_assess(), trainee="Sam", log_path=path)
    live.open_log()
    for t, action in steps:
        live.advance_to(t)
        live.act(action)
    live.advance_to(scenario.duration)
    live.close()
    return path


def _assess():
    from stormdrill.scoring import assess

    return assess


def test_a_reply_is_judged_once_with_its_kind_and_the_post(library, assess):
    calls = []

    def counting(text, context):
        calls.append(context)
        return assess(text, context)

    session = Session(library["telnet-outage"], seed=1, assess=counting)
    session.advance_to(120)
    session.apply(Action("reply", 1, text=SORRY.format(name="Sanne")))
    assert len(calls) == 1
    assert calls[0].kind == "reply" and calls[0].post == session.thread(1).text
    session.advance_to(900)
    session.apply(Action("resolve", 1, text="Sanne, it works again: sorry for the trouble. ^JD"))
    closing = session.thread(1).messages[-1]
    assert closing.kind == "resolve" and closing.verdict.kind == "resolve"
    assert len(calls) == 2
    texts = {m.text for m in session.thread(1).messages if m.who == "brand"}
    rejudged = []

    def watching(text, context):
        if text in texts:
            rejudged.append(text)
        return assess(text, context)

    card = score_session(
        session, watching
    )  # the baselines judge their own replies, not the trainee's again
    assert not rejudged
    assert [r["kind"] for r in card.threads[0].replies] == ["reply", "resolve"]


def test_the_log_carries_each_verdict_and_old_logs_still_read(tmp_path, library):
    scenario = library["telnet-outage"]
    path = _log(tmp_path, scenario, 1, [(120, Action("reply", 1, text=SORRY.format(name="Sanne")))])
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    action = next(line for line in lines if line["type"] == "action")
    assert action["verdict"]["kind"] == "reply" and action["verdict"]["findings"]
    assert {f["polarity"] for f in action["verdict"]["findings"]} <= {
        "earned",
        "missing",
        "penalty",
    }
    old = tmp_path / "old.jsonl"  # a log from before verdicts were stored
    old.write_text(
        "\n".join(json.dumps({k: v for k, v in line.items() if k != "verdict"}) for line in lines)
    )
    card_old = score_log(read_log(old), _assess(), band=False)
    card_new = score_log(read_log(path), _assess(), band=False)
    assert card_old.overall == card_new.overall and not card_old.divergences


def test_the_scorecard_uses_the_recorded_verdict_and_reports_a_divergent_replay(
    tmp_path, library, capsys
):
    scenario = library["telnet-outage"]
    path = _log(tmp_path, scenario, 1, [(120, Action("reply", 1, text=SORRY.format(name="Sanne")))])
    honest = score_log(read_log(path), _assess(), band=False)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for line in lines:
        if (
            line["type"] == "action"
        ):  # as if the rubric had judged this reply a blaming one when it was sent
            line["verdict"]["findings"].append(
                {
                    "rule": "en.blame.test",
                    "category": "blame",
                    "polarity": "penalty",
                    "span": "fault",
                    "points": -40.0,
                    "explanation": "blame",
                }
            )
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    card = score_log(read_log(path), _assess(), band=False)
    assert card.divergences and "no longer blame" in card.divergences[0]
    assert (
        card.dimensions["empathy"].score < honest.dimensions["empathy"].score
    )  # the recorded verdict counts
    assert any(f.rule == "en.blame.test" for f in card.dimensions["empathy"].findings)
    assert run.main(["score", str(path), "--no-band"]) == 0
    assert "replaying this log differs from it" in capsys.readouterr().err


def test_an_action_that_cannot_be_replayed_is_reported_not_skipped(tmp_path, library, assess):
    scenario = library["telnet-outage"]
    path = _log(tmp_path, scenario, 1, [(120, Action("reply", 1, text=SORRY.format(name="Sanne")))])
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for line in lines:
        if line["type"] == "action":  # a thread this storm never has
            line["action"]["thread"] = 999
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    session = replay(read_log(path), assess)
    assert len(session.divergences) == 1 and "could not be replayed" in session.divergences[0].what


def test_every_replay_path_reports_an_action_that_cannot_be_replayed(tmp_path, library, assess):
    """The one replay loop (log.apply_recorded) serves score, the replay console and rewinds: each one
    reports the divergence instead of skipping the action."""
    from stormdrill.play import ReplayPlayer, branch_from

    scenario = library["telnet-outage"]
    path = _log(tmp_path, scenario, 1, [(120, Action("reply", 1, text=SORRY.format(name="Sanne")))])
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for line in lines:
        if line["type"] == "action":
            line["action"]["thread"] = 999
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    log = read_log(path)
    player = ReplayPlayer(log, assess)
    seen = []
    player.on_divergence = seen.append
    player.advance_to(300)
    branch = branch_from(log, 300, assess)
    for divergences in (seen, player.divergences, branch.session.divergences):
        assert [d.thread for d in divergences] == [999]
        assert "could not be replayed" in divergences[0].what
    assert branch.session.actions == []  # the refused action is not in the new branch either


def test_every_replay_path_rebuilds_the_same_storm(tmp_path, library, assess):
    from stormdrill.play import ReplayPlayer, branch_from

    scenario = library["skyhop-delay"]
    path = tmp_path / "ref.jsonl"
    run_bot(scenario, "reference", 2, assess, log_path=path)
    log = read_log(path)
    scored = replay(log, assess)
    player = ReplayPlayer(log, assess)
    player.advance_to(scenario.duration)
    branch = branch_from(log, scenario.duration, assess)
    for other in (player.session, branch.session):
        assert other.totals() == scored.totals()
        assert [len(th.messages) for th in other.threads] == [
            len(th.messages) for th in scored.threads
        ]
    assert not scored.divergences and not player.divergences


def test_the_crowd_notices_a_pasted_reply(library, assess):
    """The same reply to the second complainer: pasted from the first one's, or the first got another."""
    scenario = library["telnet-outage"]
    pasted = "So sorry, I understand your frustration! DM us and we'll fix it ^JD"

    def second_thread_after(first_text: str):
        session = Session(scenario, seed=4, assess=assess)
        first, second = _first_two_complaints(session)
        session.apply(Action("reply", first.id, text=first_text))
        events = session.apply(Action("reply", second.id, text=pasted))
        mult = second.mult
        events += session.advance_to(session.now + 900)
        return second, [e for e in events if e.thread == second.id], mult

    copied, copied_events, copied_mult = second_thread_after(pasted)
    fresh, fresh_events, fresh_mult = second_thread_after(
        "Hi, that's on us, sorry: the network fails in the west and engineers are on it. ^JD"
    )
    assert copied.messages[1].verdict.has("duplicate") and not fresh.messages[1].verdict.has(
        "duplicate"
    )
    reactions = [e for e in copied_events if e.kind == "followup" and "copy-paste" in e.cause]
    assert len(reactions) == 1 and "same" in reactions[0].data["text"].lower()
    assert not [e for e in fresh_events if "copy-paste" in e.cause]
    assert copied_mult > fresh_mult and copied.anger > fresh.anger


def test_general_outage_posts_need_no_private_channel(library, assess):
    assert not personal_case("@TelNet is 4G down again? Nothing works in Matthewshire.", "outage")
    assert not personal_case("ligt internet er weer uit? Niets doet het in Zwolle.", "outage", "nl")
    assert personal_case(
        "@TelNet my line is on my husband's name and my bill says €40 extra", "outage"
    )
    assert personal_case("charged twice this month. €42.00 gone from my account.", "billing")
    scenario = library["telnet-outage"]
    for seed in (0, 1, 2):
        session = Session(scenario, seed=seed, assess=assess)
        session.advance_to(scenario.duration)
        generated = [
            th for th in session.threads if th.cause == "a fresh complaint" and th.topic == "outage"
        ]
        assert generated and not any(th.needs_data for th in generated)
        billing = [
            th
            for th in session.threads
            if th.cause == "a fresh complaint" and th.topic == "billing"
        ]
        assert any(th.needs_data for th in billing)


def test_a_public_reply_without_an_invitation_never_counts_as_moved_to_dm(library, assess):
    scenario = library["telnet-outage"]
    session = Session(scenario, seed=1, assess=assess)
    session.advance_to(120)
    sanne = session.thread(1)
    assert sanne.needs_data  # her line is in her husband's name
    events = session.apply(Action("reply", sanne.id, text=SANNE_PUBLIC))
    assert sanne.messages[-1].verdict.lacks("private_channel") and not sanne.messages[
        -1
    ].verdict.has("private_channel")
    events += session.advance_to(scenario.duration)
    assert sanne.dm_invited is None and not sanne.data_given
    assert not [e for e in events if e.thread == sanne.id and e.kind == "dm_in"]
    card = score_session(session, assess)
    assert any(
        f.rule == "not_moved_private" and f.thread == sanne.id
        for f in card.dimensions["privacy"].findings
    )
    assert next(th for th in card.threads if th.id == sanne.id).moved_private is None


def test_inviting_personal_cases_to_dm_beats_answering_them_in_public(library, assess):
    from .privacy_measure import measure

    scenario = library["zekerheid-claim"]
    result = measure(scenario, range(6), assess, load_or_build(spec_for(scenario)))
    assert result["invite_privacy"] - result["public_privacy"] >= 50
    assert result["invite_containment"] > result["public_containment"]
    assert result["invite_negative_reach"] < 0.9 * result["public_negative_reach"]
    wins = sum(r["invite"]["case_reach"] < r["public"]["case_reach"] for r in result["rows"])
    assert wins >= 4, result["rows"]  # the personal cases themselves travel less on most seeds


def test_score_json_has_a_band_and_a_polarity_for_every_finding(tmp_path, library, assess, capsys):
    path = tmp_path / "bad.jsonl"
    run_bot(library["fietsfabriek-verbergen"], "bad", 1, assess, log_path=path)
    assert run.main(["score", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    low, high = card["overall_band"]
    assert low <= card["overall"] <= high and high - low >= 2
    findings = [f for dim in card["dimensions"].values() for f in dim["findings"]]
    assert findings and {f["polarity"] for f in findings} <= {"earned", "missing", "penalty"}
    assert any(f["polarity"] == "missing" for f in findings) and any(
        f["polarity"] == "penalty" for f in findings
    )


def test_unanswered_complaints_are_one_line_of_evidence_with_their_weights(
    tmp_path, library, assess
):
    session = Session(library["telnet-outage"], seed=2, assess=assess)
    session.advance_to(3600)
    session.apply(Action("reply", 1, text=SORRY.format(name="Sanne")))
    session.advance_to(7200)
    card = score_session(session, assess)
    speed = card.dimensions["speed"].findings
    grouped = [f for f in speed if f.rule == "unanswered"]
    assert len(grouped) == 1 and len(grouped[0].threads) > 10
    assert f"{len(grouped[0].threads)} complaints never got an answer" in grouped[0].explanation
    assert not [f for f in speed if f.rule == "no_response"]


def test_answering_the_heavy_complaints_first_is_what_scores(library, assess):
    """Same number of answers, same timing: the heavier (reach, anger, press, personal case) set scores more."""
    from stormdrill.scoring.scorecard import weight

    scenario = library["telnet-outage"]
    probe = Session(scenario, seed=3, assess=assess)
    probe.advance_to(1800)
    due = sorted(
        (th for th in probe.threads if th.needs_response), key=lambda th: weight(probe, th)
    )
    light, heavy = [th.id for th in due[:5]], [th.id for th in due[-5:]]

    def speed(ids):
        session = Session(scenario, seed=3, assess=assess)
        session.advance_to(1800)
        for n, thread in enumerate(ids):
            th = session.thread(thread)
            session.apply(
                Action(
                    "reply",
                    thread,
                    text=f"{th.first_name}, sorry, our fault; fix under way, "
                    f"update {n} here soon. ^JD",
                )
            )
        session.advance_to(3600)
        return score_session(session, assess).dimensions["speed"].score

    assert speed(heavy) > speed(light)


def test_compare_refuses_mixed_scenarios_and_marks_differences_within_noise(
    tmp_path, library, assess, capsys
):
    paths = []
    for name, scenario, bot, seed in (
        ("a", "fietsfabriek-verbergen", "reference", 1),
        ("b", "fietsfabriek-verbergen", "reference", 2),
        ("c", "fietsfabriek-verbergen", "bad", 1),
        ("d", "skyhop-delay", "bad", 1),
    ):
        path = tmp_path / f"{name}.jsonl"
        run_bot(library[scenario], bot, seed, assess, log_path=path, trainee=name)
        paths.append(str(path))
    assert run.main(["compare", *paths]) == 1
    assert "--mixed" in capsys.readouterr().err
    assert run.main(["compare", *paths[:3], "--language", "en"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| a ") or line.startswith("| b ")]
    assert len(rows) == 2 and sum("no real difference" in row for row in rows) == 1
    assert "fietsfabriek-verbergen | 2 |" in out  # scenario and seed per row
    assert "What went wrong most across the cohort" in out and "1 of 3" in out
    html = tmp_path / "cohort.html"
    assert run.main(["compare", *paths, "--mixed", "--format", "html", "-o", str(html)]) == 0
    assert html.read_text().count("<svg") == 2


def test_a_damaged_verdict_keeps_its_action_and_says_so(tmp_path, library, assess):
    scenario = library["telnet-outage"]
    path = _log(tmp_path, scenario, 1, [(120, Action("reply", 1, text=SORRY.format(name="Sanne")))])
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for line in lines:
        if line["type"] == "action":
            line["verdict"] = {"findings": "oops"}
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    log = read_log(path)
    assert len(log.actions) == 1 and log.verdicts == [None]
    assert len(log.problems) == 1 and "judged afresh" in log.problems[0]
    assert replay(log, assess).thread(1).messages[1].verdict is not None
