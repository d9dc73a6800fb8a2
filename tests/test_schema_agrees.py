"""The JSON Schema and `validate` agree: a real schema validator over the library and tests/broken/."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")

from stormdrill.scenarios import load_scenario_text, validate_file  # noqa: E402
from stormdrill.scenarios.errors import InvalidFile  # noqa: E402
from stormdrill.scenarios.schema_export import schemas  # noqa: E402

from .conftest import POLICY_FILES, SCENARIO_FILES  # noqa: E402

BROKEN = Path(__file__).parent / "broken"
# What no JSON Schema can say: YAML syntax, references between parts, unique ids, files on disk.
BEYOND_THE_SCHEMA = {
    "duplicate-key",
    "python-tag",
    "tab-indent",
    "unclosed-bracket",
    "undefined-alias",  # YAML itself
    "duplicate-persona",
    "unknown-persona",
    "press-by-customer",
    "post-after-end",  # references
    "response-times-order",
    "networkx-too-big",
    "expect-model-reply-breaks-its-rule",  # one field against another
    "policy-file-broken",
    "policy-file-missing",
    "policy-outside-tree",  # files on disk
    "bad-generated-topic",
    "if-unknown-post",
    "topic-without-texts",
    "escalation-if-no-subject",  # references
    "if-without-subject",
    "mix-all-zero",
    "topic-unknown-slot",
    "topic-pack-typo",
    "facts-cause-not-known",  # in code
}


def schema_errors(data: object, kind: str = "scenario") -> list[str]:
    validator = jsonschema.Draft202012Validator(schemas()[kind])
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("path", SCENARIO_FILES + POLICY_FILES, ids=lambda p: p.stem)
def test_every_library_file_passes_the_schema(path):
    kind = "policy" if path.parent.name == "policies" else "scenario"
    assert schema_errors(yaml.safe_load(path.read_text()), kind) == []
    assert validate_file(path) == []


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_broken_file_fails_the_schema_too_where_a_schema_can_say_why(path):
    assert validate_file(path), "a broken file must fail validate"
    if path.stem in BEYOND_THE_SCHEMA:
        pytest.skip("only validate can see this")
    assert schema_errors(yaml.safe_load(path.read_text())), (
        f"{path.name} passes the schema but not validate"
    )


def test_the_broken_policy_fails_the_policy_schema():
    path = BROKEN / "policies" / "broken-policy.yaml"
    assert schema_errors(yaml.safe_load(path.read_text()), "policy")


MINIMAL = {"stormdrill": 1, "id": "tiny", "title": "Tiny", "brand": {"name": "B", "handle": "@b"}}
ESCALATION = {"then": "complaint_site"}


def validates(data: dict) -> bool:
    try:
        load_scenario_text(yaml.safe_dump(data))
    except InvalidFile:
        return False
    return True


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({"duration": 0}, True),
        ({"duration": "1h30m"}, True),
        ({"duration": "1h 30m"}, True),
        ({"duration": ""}, False),
        ({"duration": "2 hours"}, False),
        ({"duration": 90}, False),
        ({"storm": {"escalations": [{"when": {}, **ESCALATION}]}}, False),
        ({"storm": {"escalations": [{"when": {"ignored_for": None}, **ESCALATION}]}}, False),
        ({"storm": {"escalations": [{"when": {"ignored_for": "1h"}, **ESCALATION}]}}, True),
        (
            {
                "scoring": {
                    "weights": {
                        "speed": 0,
                        "empathy": 0,
                        "privacy": 0,
                        "containment": 0,
                        "policy": 0,
                    }
                }
            },
            False,
        ),
        ({"scoring": {"weights": {"speed": 0}}}, True),
        ({"policy": {"templates": {"hi": "Hi {first_name} {agent}"}}}, True),
        ({"policy": {"templates": {"hi": "Hi {frist_name}"}}}, False),
    ],
)
def test_schema_and_validate_give_the_same_answer(change, valid):
    data = {**MINIMAL, **change}
    assert validates(data) is valid
    assert (schema_errors(data) == []) is valid
