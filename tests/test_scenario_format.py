"""The scenario and policy formats: the library validates, broken files say where and how to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from stormdrill.scenarios import load_scenario, load_scenario_text, validate_file
from stormdrill.scenarios.durations import FormatError, format_duration, parse_duration
from stormdrill.scenarios.model import Policy, Scenario
from stormdrill.scenarios.schema_export import schema_text
from stormdrill.scenarios.template import SCHEMA_DIR

import run

from .conftest import LIBRARY, POLICY_FILES, SCENARIO_FILES

BROKEN = Path(__file__).parent / "broken"

# file -> (line, column, words the message must contain)
EXPECTED = {
    "duration-in-words": (5, 11, "duration: '2 hours' is not a duration; write 2h"),
    "scripted-at-in-words": (
        10,
        12,
        "storm.scripted[1].at: '5 minutes' is not a duration; write 5m",
    ),
    "unknown-top-key": (5, 1, "unknown key 'titel' (did you mean 'title'?)"),
    "unknown-nested-key": (4, 9, "brand.naam: unknown key 'naam' (did you mean 'name'?)"),
    "missing-title": (1, 1, "'title' is missing"),
    "missing-brand": (1, 1, "'brand' is missing"),
    "bad-language": (5, 11, "'fr' is not one of en or nl"),
    "bad-id": (2, 5, "use lowercase letters, digits and dashes"),
    "handle-without-at": (4, 30, "a handle starts with @"),
    "unknown-persona": (9, 20, "no persona 'sane' (did you mean 'sanne'?)"),
    "post-after-end": (10, 12, "1h30m is after the storm ends (duration: 1h)"),
    "policy-file-missing": (5, 9, "policy file 'policies/nope.yaml' does not exist"),
    "policy-outside-tree": (5, 9, "lies outside the scenario's folder"),
    "duplicate-key": (5, 1, "duplicate key 'title' (first at line 3)"),
    "tab-indent": (5, 1, "tabs are not allowed for indentation in YAML; indent with spaces"),
    "python-tag": (5, 8, "the tag !!python/object/apply:os.system is not allowed"),
    "version-2": (1, 13, "format version 2; this Stormdrill reads version 1"),
    "version-missing": (1, 1, "add `stormdrill: 1` as the first line"),
    "only-comments": (1, 1, "the file is empty"),
    "top-level-list": (1, 1, "expected a mapping of keys"),
    "bad-channel": (
        9,
        36,
        "'tweeter' is not one of twitter, facebook, forum or review (did you mean 'twitter'?)",
    ),
    "bad-generated-topic": (
        7,
        22,
        "storm.generated.topics[1]: 'outgae' is not a built-in topic pack (did you mean 'outage'?)",
    ),
    "rate-in-words": (8, 11, "'40 per hour' is not a rate"),
    "anger-too-high": (9, 49, "must be at most 1"),
    "escalation-misspelled": (7, 39, "(did you mean 'complaint_site'?)"),
    "escalation-no-condition": (7, 14, "needs a condition"),
    "template-unknown-slot": (7, 5, "unknown slot {frist_name} (did you mean 'first_name'?)"),
    "response-times-order": (6, 19, "response times must grow"),
    "networkx-too-big": (5, 10, "use model: scale_free"),
    "duplicate-persona": (7, 10, "persona id 'sanne' is used twice"),
    "unclosed-bracket": (6, 5, "this '{' is never closed"),
    "undefined-alias": (5, 8, "found undefined alias 'intro'"),
    "press-by-customer": (9, 57, "press_pickup is done by a media persona"),
    "address-form-typo": (6, 19, "policy.tone.address: 'jij' is not one of je, u or any"),
    "size-in-words": (5, 17, "network.size: 'big' is not a whole number"),
    "weights-all-zero": (5, 20, "at least one weight must be above 0"),
    "start-time-format": (5, 12, "write a clock time as HH:MM"),
    "team-size-zero": (5, 14, "team.size: '0' is too small; must be at least 1"),
    "team-read-in-words": (6, 25, "policy.team.read: '2 minutes' is not a duration; write 2m"),
    "expect-unknown-team": (
        9,
        90,
        "storm.scripted[0].expect.team: 'press' is not one of pr, legal",
    ),
    "expect-misspelled-key": (15, 9, "unknown key 'must_mentoin' (did you mean 'must_mention'?)"),
    "expect-model-reply-breaks-its-rule": (
        15,
        9,
        "model_reply says 'refund', which must_not_say forbids",
    ),
    "if-unknown-post": (
        10,
        88,
        "storm.scripted[1].if.post: no scripted post with id 'frist' (did you mean 'first'?)",
    ),
    "if-without-subject": (10, 71, "replied is about one post or persona: add post: ID"),
    "topic-unknown-slot": (8, 9, "unknown slot {thng} (did you mean 'thing'?)"),
    "topic-without-texts": (8, 5, "it has no nl complaints: add nl: {complaints: [...]}"),
    "topic-not-a-word": (9, 34, "a topic is one lowercase word"),
    "topic-pack-typo": (6, 16, "'wastes' is not a built-in topic pack (did you mean 'waste'?)"),
    "persona-kind-typo": (
        6,
        48,
        "'politican' is not one of customer, influencer, media, journalist, politician",
    ),
    "currency-unknown": (5, 39, "words.currency: 'euro' is not one of EUR, GBP"),
    "mix-all-zero": (7, 8, "storm.mix: at least one share must be above 0"),
    "escalation-if-no-subject": (
        9,
        7,
        "needs when: (e.g. {ignored_for: 45m}) or an if: that names a post or persona",
    ),
    "facts-cause-not-known": (5, 8, "a `cause` is given but cause_known is false"),
    "coaching-not-yes-no": (5, 22, "controls.coaching: 'off-for-exam' is not true or false"),
    "policy-approvals-typo": (7, 20, "'legl' is not one of pr, legal, tech"),
    "policy-critical-typo": (
        6,
        14,
        "'forbiden' is not one of forbidden, private or address (did you mean 'forbidden'?)",
    ),
}


@pytest.mark.parametrize("path", SCENARIO_FILES + POLICY_FILES, ids=lambda p: p.name)
def test_every_library_file_validates(path):
    assert validate_file(path) == []


def test_library_has_two_dutch_and_two_english_scenarios(library):
    languages = sorted(s.language for s in library.values())
    assert languages.count("nl") >= 2 and languages.count("en") >= 2


def test_library_scenarios_read_like_a_trainer_wrote_them(library):
    for scenario in library.values():
        assert len(scenario.brief.split()) >= 60, scenario.id
        assert len(scenario.debrief.split()) >= 40, scenario.id
        assert scenario.resolved_policy.name != "Webcare policy", (
            f"{scenario.id} has no policy of its own"
        )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_names_line_column_and_fix(name):
    line, col, words = EXPECTED[name]
    path = BROKEN / f"{name}.yaml"
    problems = validate_file(path)
    assert problems, f"{name} should be invalid"
    located = [p for p in problems if (p.line, p.col) == (line, col)]
    assert located, f"no problem at {line}:{col}; got {[str(p) for p in problems]}"
    assert any(words in str(p) for p in located), [str(p) for p in located]


def test_the_corpus_has_at_least_25_broken_files():
    assert len(list(BROKEN.glob("*.yaml"))) >= 25
    assert set(EXPECTED) | {"policy-file-broken"} == {p.stem for p in BROKEN.glob("*.yaml")}


def test_a_broken_policy_file_is_reported_in_its_own_file():
    problems = validate_file(BROKEN / "policy-file-broken.yaml")
    assert [str(p) for p in problems] == [
        str(BROKEN / "policies" / "broken-policy.yaml")
        + ":3:8: tone.adress: unknown key 'adress' (did you mean 'address'?); allowed here: address, sign_off"
    ]


def test_validate_exits_1_and_prints_file_line_col(capsys):
    code = run.main(["validate", str(BROKEN / "duration-in-words.yaml")])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        f"{BROKEN / 'duration-in-words.yaml'}:5:11: duration: '2 hours' is not a duration; write 2h"
        in err
    )


def test_validate_reports_every_problem_at_once(tmp_path):
    text = (BROKEN / "unknown-persona.yaml").read_text() + "language: fr\nduration: 2 hours\n"
    path = tmp_path / "many.yaml"
    path.write_text(text)
    messages = [p.message for p in validate_file(path)]
    assert len(messages) == 3


def test_validate_exits_0_on_the_library(capsys):
    assert run.main(["validate", *map(str, SCENARIO_FILES)]) == 0
    n = len(SCENARIO_FILES)
    assert f"{n} of {n} files valid" in capsys.readouterr().out


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exit_info:
        run.main(["validate"])
    assert exit_info.value.code == 2


def test_missing_file_says_so(tmp_path):
    problems = validate_file(tmp_path / "nope.yaml")
    assert "no such file" in problems[0].message


@pytest.mark.parametrize("language", ["en", "nl"])
def test_new_writes_a_commented_scenario_that_validates(tmp_path, monkeypatch, language):
    monkeypatch.chdir(tmp_path)
    assert run.main(["new", "Parcel chaos", "--language", language]) == 0
    text = (tmp_path / "parcel-chaos.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert validate_file(tmp_path / "parcel-chaos.yaml") == []
    assert run.main(["new", "Parcel chaos"]) == 1  # never overwrites without --force


def test_minimal_ten_line_scenario_is_valid():
    scenario = load_scenario_text(
        "stormdrill: 1\nid: tiny\ntitle: Tiny\nbrand: {name: B, handle: '@b'}\n"
    )
    assert scenario.duration == 7200 and scenario.language == "en"
    assert scenario.resolved_policy.response_times.target == 900


def test_committed_schema_files_are_current():
    for kind in ("scenario", "policy"):
        committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text()
        assert committed == schema_text(kind), f"run: python run.py schema -o {SCHEMA_DIR}"


def test_schema_command_prints_both_formats(capsys):
    assert run.main(["schema"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert set(both) == {"scenario", "policy"}
    assert "storm" in both["scenario"]["properties"]


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("2h", 7200), ("1h30m", 5400), (0, 0)]
)
def test_durations_as_trainers_write_them(text, seconds):
    assert parse_duration(text) == seconds
    assert parse_duration(format_duration(seconds)) == seconds


@pytest.mark.parametrize(
    ("text", "hint"), [("5 minutes", "5m"), ("1.5h", "1h30m"), ("90 sec", "1m30s"), (15, "15m")]
)
def test_a_wrong_duration_suggests_the_right_spelling(text, hint):
    with pytest.raises(FormatError, match=f"write {hint}"):
        parse_duration(text)


def test_templates_fill_slots_safely():
    from stormdrill.scenarios.slots import fill

    assert (
        fill("Hi {first_name} {__class__} {0}", {"first_name": "Sam"}) == "Hi Sam {__class__} {0}"
    )


def test_the_default_scenario_is_in_the_library():
    from stormdrill.scenarios import DEFAULT_SCENARIO

    assert (
        DEFAULT_SCENARIO.parent == LIBRARY and load_scenario(DEFAULT_SCENARIO).id == "telnet-outage"
    )


def test_policy_and_scenario_dump_load_back(library):
    from stormdrill.scenarios import dump_scenario

    for scenario in library.values():
        again = load_scenario_text(dump_scenario(scenario))
        assert again == scenario
        assert isinstance(again.policy, Policy)
    assert Scenario.model_fields["policy"].annotation is not None and yaml


def test_facts_and_the_policys_rubric_switches_reach_the_rubric():
    from stormdrill.scoring import assess
    from stormdrill.simulator.assessment import ReplyContext

    scenario = load_scenario_text(
        "stormdrill: 1\nid: tiny\ntitle: Tiny\nbrand: {name: B, handle: '@b'}\n"
        "facts: {cause_known: false, fix_expected: null, compensation: null}\n"
        "policy: {forbidden: [as per our terms], critical: [forbidden], rubric: {unrewarded: [explanation]}}\n"
    )
    policy = scenario.resolved_policy
    assert scenario.facts.cause_known is False and policy.critical == ["forbidden"]
    assert policy.rubric.unrewarded == ["explanation"]
    verdict = assess(
        "Sorry, as per our terms: this is caused by a cable cut.",
        ReplyContext(policy=policy, facts=scenario.facts),
    )
    assert verdict.has("speculation")
    plain = assess(
        "Sorry, as per our terms: this is caused by a cable cut.",
        ReplyContext(policy=policy.model_copy(update={"critical": []}), facts=scenario.facts),
    )
    critical = [f.points for f in verdict.findings if f.category == "forbidden"]
    assert critical == [2 * f.points for f in plain.findings if f.category == "forbidden"]
    assert critical[0] < 0  # critical: a forbidden phrase weighs twice what it does otherwise
