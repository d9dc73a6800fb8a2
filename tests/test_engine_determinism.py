"""Same scenario + seed + actions => the same storm, to the byte; replays and baselines rest on this."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stormdrill.scenarios import load_scenario_text
from stormdrill.simulator.bots import play
from stormdrill.simulator.events import Action, ActionError
from stormdrill.simulator.log import MemoryLog, dumps, make_header, read_log, replay
from stormdrill.simulator.network import load_or_build, spec_for
from stormdrill.simulator.session import Session

from .conftest import ROOT

SMALL = """stormdrill: 1
id: small
title: Small storm
brand: {name: Brand, handle: "@brand", followers: 400}
duration: 1h
network: {size: 3000, seed: 4}
personas:
  - {id: press, handle: "@press", name: Press, followers: 2000, kind: media}
storm:
  generated: {topics: [outage, billing], peak: 80/h, peak_at: 20m, channels: {twitter: 0.5, facebook: 0.5}}
  escalations:
    - {when: {ignored_for: 20m}, then: complaint_site}
    - {when: {unresolved_contacts: 2}, then: paid_ad}
    - {when: {hidden: true}, then: censorship_wave}
    - {when: {reach_over: 40}, then: press_pickup, by: press}
policy:
  response_times: {target: 5m, norm: 15m, max: 1h}
"""


@pytest.fixture(scope="module")
def small():
    scenario = load_scenario_text(SMALL)
    return scenario, load_or_build(spec_for(scenario))


def event_lines(lines: list[dict]) -> list[str]:
    return [dumps(line) for line in lines if line["type"] == "event"]


def test_same_seed_and_actions_give_byte_identical_events(library, assess):
    scenario = library["telnet-outage"]
    first, second = MemoryLog(), MemoryLog()
    play(Session(scenario, seed=5, assess=assess), "reference", first)
    play(Session(scenario, seed=5, assess=assess), "reference", second)
    assert event_lines(first.lines) == event_lines(second.lines)
    assert len(event_lines(first.lines)) > 200


def test_replaying_a_log_reproduces_its_events(tmp_path, library, assess):
    from stormdrill.simulator.headless import run_bot

    path = tmp_path / "bad.jsonl"
    run_bot(library["fietsfabriek-verbergen"], "bad", 2, assess, log_path=path)
    log = read_log(path)
    assert log.complete and not log.problems and log.actions
    again = MemoryLog()
    session = replay(log, assess, recorder=again)
    assert session.divergences == []  # every recorded action and verdict came out as logged
    original = [dumps(e.to_dict()) for e in log.events]
    assert [line[len('{"type":"event",') :] for line in event_lines(again.lines)] == [
        line[1:] for line in original
    ]


def test_a_different_process_gets_the_same_storm(tmp_path):
    """No hidden state (hash seeds, dict order, caches) leaks into a run."""
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"run{hash_seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "run.py"),
                "simulate",
                "--bot",
                "reference",
                "--seed",
                "9",
                "--log",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        events = [
            json.loads(line) for line in out.read_text().splitlines() if '"type":"event"' in line
        ]
        outputs.append(
            [{k: v for k, v in event.items() if k != "h"} for event in events]
        )  # h chains the header's time
    assert outputs[0] == outputs[1]


def test_time_only_moves_forward(small, assess):
    scenario, network = small
    session = Session(scenario, seed=1, assess=assess, network=network)
    session.advance_to(600)
    with pytest.raises(ValueError, match="time only moves forward"):
        session.advance_to(300)


def test_slicing_time_differently_changes_nothing(small, assess):
    scenario, network = small
    coarse = Session(scenario, seed=3, assess=assess, network=network)
    fine = Session(scenario, seed=3, assess=assess, network=network)
    coarse_events = coarse.advance_to(3600)
    fine_events = []
    t = 0.0
    while t < 3600:
        t = min(3600.0, t + 7.3)
        fine_events += fine.advance_to(t)
    assert [e.to_dict() for e in coarse_events] == [e.to_dict() for e in fine_events]


actions = st.lists(
    st.tuples(
        st.floats(0, 3600, allow_nan=False),
        st.sampled_from(
            ["reply", "dm", "hide", "escalate", "holding_statement", "resolve", "like"]
        ),
        st.integers(1, 40),
        st.sampled_from(
            ["Sorry, we're on it. Update at 10:00 ^JD", "Not our fault.", "DM us please"]
        ),
    ),
    max_size=25,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(actions)
def test_invariants_hold_whatever_the_trainee_does(small, assess, plan):
    scenario, network = small
    session = Session(scenario, seed=11, assess=assess, network=network)
    followers = network.follower_counts
    seen_impressions: dict[int, int] = {}
    at_hide: dict[int, tuple[int, int]] = {}
    for t, kind, thread, text in sorted(plan):
        session.advance_to(t)
        with contextlib.suppress(ActionError):
            session.apply(
                Action(
                    kind,
                    thread=thread if kind != "holding_statement" else None,
                    text=text,
                    team="pr",
                    reason="other",
                )
            )
        _check(session, followers, seen_impressions, at_hide)
    session.advance_to(scenario.duration)
    _check(session, followers, seen_impressions, at_hide)


def _check(session, followers, seen, at_hide):
    for name, series in session.metrics.items():
        assert (series >= 0).all(), name
    for th in session.threads:
        assert th.impressions >= seen.get(th.id, 0), "impressions never go down"
        seen[th.id] = th.impressions
        if th.hidden and th.id not in at_hide:
            posts = sum(1 for m in th.messages if m.who == "customer")
            at_hide[th.id] = (th.impressions, posts)
        if th.hidden and not th.discovered:
            before, posts_before = at_hide[th.id]
            author_posts = sum(1 for m in th.messages if m.who == "customer") - posts_before
            # While hidden and undiscovered, only the author's own followers can see it.
            assert th.impressions - before <= followers[th.author_node] * author_posts


def test_session_log_survives_a_crash(tmp_path, library, assess):
    from stormdrill.simulator.log import LogWriter

    scenario = library["telnet-outage"]
    path = tmp_path / "crash.jsonl"
    writer = LogWriter(path, make_header(scenario, 1, trainee="Sam"))
    session = Session(scenario, seed=1, assess=assess)
    writer.events(session.advance_to(900))
    first = next(th for th in session.threads if th.visible)
    writer.action(session.now, Action("reply", first.id, text="Hi, sorry! ^JD"))
    writer.events(session.apply(Action("reply", first.id, text="Hi, sorry! ^JD")))
    writer.events(session.advance_to(1200))
    # the process dies mid-line: no close(), half a line at the end
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"type":"event","t":1201,"kind":"po')
    log = read_log(path)
    assert len(log.actions) == 1 and log.events
    assert len(log.problems) == 1 and "cut off" in log.problems[0] and f"{path}:" in log.problems[0]
    assert not log.complete


def test_a_corrupt_log_line_is_named_and_skipped(tmp_path, library):
    scenario = library["telnet-outage"]
    header = make_header(scenario, 1)
    path = tmp_path / "corrupt.jsonl"
    path.write_text(
        "\n".join(
            [
                dumps(header),
                '{"type":"action","t":5,"action":{"kind":"dance","thread":1}}',
                "garbage",
                '{"type":"event","t":6,"kind":"post","thread":1}',
            ]
        )
        + "\n"
    )
    log = read_log(path)
    assert len(log.events) == 1
    assert [p.split(": ")[0] for p in log.problems] == [f"{path}:2", f"{path}:3"]
    assert "unknown action 'dance'" in log.problems[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the log is empty"),
        (b"\x00\x01\x02", "binary file"),
        (b'{"hello": 1}\n', "not a Stormdrill session log"),
        (b"not json\n", "header is not valid JSON"),
    ],
)
def test_unusable_logs_say_why(tmp_path, content, words):
    from stormdrill.simulator.log import LogError

    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(LogError, match=words):
        read_log(path)


def test_log_header_makes_a_log_self_contained(library):
    scenario = library["zekerheid-claim"]
    header = make_header(scenario, 4, trainee="Anna")
    data = json.loads(dumps(header))
    from stormdrill.scenarios import scenario_from_dict

    assert scenario_from_dict(data["scenario"]) == scenario
    assert data["scenario"]["policy"]["tone"]["address"] == "u"
