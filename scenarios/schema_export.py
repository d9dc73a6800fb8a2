"""JSON Schema of both formats, for editors (yaml-language-server) and tools."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Policy, Scenario
from .template import SCHEMA_DIR


def schemas() -> dict[str, dict]:
    return {
        "scenario": _titled(Scenario.model_json_schema(by_alias=True), "Stormdrill scenario"),
        "policy": _titled(Policy.model_json_schema(by_alias=True), "Stormdrill webcare policy"),
    }


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
