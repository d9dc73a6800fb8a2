"""JSON Schema of both formats, for editors (yaml-language-server) and tools.

pydantic writes the schema from the models; `_agree` adds what the models check in
code, where JSON Schema can say it too, so that a schema validator and `validate`
agree on every file (tests/test_schema_agrees.py runs jsonschema over the library
and tests/broken/). What no schema can say stays with `validate` alone: references
between parts (a post `by` an unknown persona), uniqueness of ids, files on disk.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import Policy, Scenario
from .template import SCHEMA_DIR
from .vocabulary import TEMPLATE_SLOTS

# parse_duration takes 90s, 15m, 2h, 1h30m (spaces dropped) or the number 0, and never an empty text
_DURATION_TEXT = r"^(?=[ 0-9hms]*[0-9])( *[0-9]+ *h)?( *[0-9]+ *m)?( *[0-9]+ *s)? *$"
_DURATION = {
    "anyOf": [{"type": "string", "pattern": _DURATION_TEXT}, {"type": "integer", "const": 0}]
}
# no {slot} other than the known ones (a lone brace is text, as for the model)
_TEMPLATE = {
    "type": "string",
    "pattern": r"^(?![\s\S]*\{(?!(?:" + "|".join(TEMPLATE_SLOTS) + r")\})[^{}]*\})",
}
_WEIGHTS = ("speed", "empathy", "privacy", "containment", "policy")


def schemas() -> dict[str, dict]:
    return {
        "scenario": _titled(
            _agree(Scenario.model_json_schema(by_alias=True)), "Stormdrill scenario"
        ),
        "policy": _titled(
            _agree(Policy.model_json_schema(by_alias=True)), "Stormdrill webcare policy"
        ),
    }


def _agree(schema: dict) -> dict:
    """The checks the models make in code, said in JSON Schema where it can say them."""

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("title") == "Duration" or node.get("pattern") == r"^(\d+h)?(\d+m)?(\d+s)?$":
                node.pop("type", None)
                node.pop("pattern", None)
                node.update(_DURATION)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    defs = schema.get("$defs", {})
    if "EscalationWhen" in defs:  # at least one condition, and not null
        when = defs["EscalationWhen"]
        when["anyOf"] = [
            {"required": [key], "properties": {key: {"not": {"type": "null"}}}}
            for key in when["properties"]
        ]
    if "Weights" in defs:  # at least one weight above 0
        defs["Weights"]["not"] = {
            "properties": {k: {"const": 0} for k in _WEIGHTS},
            "required": list(_WEIGHTS),
        }
    policy = defs.get("Policy", schema)
    templates = policy.get("properties", {}).get("templates")
    if templates is not None:
        templates["additionalProperties"] = _TEMPLATE
    return schema


def _titled(schema: dict, title: str) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def schema_text(kind: str) -> str:
    return json.dumps(schemas()[kind], indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in ("scenario", "policy"):
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
