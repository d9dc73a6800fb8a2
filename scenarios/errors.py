"""Validation problems as a trainer reads them: `file:LINE:COL: path: what is wrong; how to fix it`."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .plaintext import one_line
from .suggest import did_you_mean
from .vocabulary import TOPIC_PATTERN

Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{one_line(self.file)}:{self.line}:{self.col}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return one_line(text)


class InvalidFile(Exception):
    """One or more problems in a scenario or policy file; `str()` lists them one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def dotted(loc: Loc) -> str:
    """('storm', 'scripted', 2, 'at') -> 'storm.scripted[2].at'"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'"


def _unwrap(annotation: object) -> list[type[BaseModel]]:
    """The models an annotation can hold (through Optional, list, dict, Annotated)."""
    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        ann = stack.pop()
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            found.append(ann)
            continue
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            stack.append(typing.get_args(ann)[0])
        elif origin in (typing.Union, types.UnionType, list, dict, tuple):
            stack.extend(typing.get_args(ann))
    return found


def field_at(root: type[BaseModel], loc: Loc):
    """(model class, field name, FieldInfo) for the last named part of `loc`, if it names a field."""
    models = [root]
    result = None
    for part in loc:
        if isinstance(part, int):
            continue
        for model in models:
            fields = model.model_fields
            name = next((n for n, f in fields.items() if n == part or f.alias == part), None)
            if name is not None:
                result = (model, name, fields[name])
                models = _unwrap(fields[name].annotation)
                break
        else:
            if not models:
                continue
            return result if part == "[key]" else None
    return result


def allowed_keys(root: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping at `loc` may have."""
    if not loc:
        models = [root]
    else:
        found = field_at(root, loc)
        models = _unwrap(found[2].annotation) if found else []
    keys: list[str] = []
    for model in models:
        keys += [f.alias or n for n, f in model.model_fields.items()]
    return keys


_TOPIC_HINT = "a topic is one lowercase word (letters, digits, _ and -), e.g. afval or power_cut"
_PATTERN_HINTS = {
    "id": "use lowercase letters, digits and dashes, e.g. telnet-outage",
    "handle": "a handle starts with @ followed by letters, digits or _, e.g. @TelNet",
    "starts_at": "write a clock time as HH:MM, e.g. 07:40",
}


def explain(error: ErrorDetails, root: type[BaseModel]) -> tuple[Loc, str, bool]:
    """(location, message, whether to point at the key rather than the value) for one pydantic error."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    last = loc[-1] if loc else ""
    if (
        loc
        and loc[-1] == "[key]"
        and kind == "string_pattern_mismatch"
        and ctx.get("pattern") == TOPIC_PATTERN
    ):
        return loc[:-1], f"{_show(loc[-2])} is not a topic word: {_TOPIC_HINT}", True
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(loc[-1], choices)
        return loc, f"'{loc[-1]}' is not allowed here{hint}; use {_list(choices)}", True
    if kind == "missing":
        found = field_at(root, loc)
        what = ""
        if found and found[2].description:
            what = f" ({found[2].description.rstrip('.')})"
        return loc, f"'{last}' is missing; add it{what}", False
    if kind == "extra_forbidden":
        keys = allowed_keys(root, loc[:-1])
        hint = did_you_mean(last, keys)
        return loc, f"unknown key '{last}'{hint}; allowed here: {', '.join(keys)}", True
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))
        choices = [a or b for a, b in choices]
        return (
            loc,
            f"{_show(value)} is not one of {_list(choices)}{did_you_mean(value, choices)}",
            False,
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return loc, f"{_show(value)} is not a whole number", False
    if kind in ("float_parsing", "float_type"):
        return loc, f"{_show(value)} is not a number", False
    if kind in ("bool_parsing", "bool_type"):
        return loc, f"{_show(value)} is not true or false", False
    if kind == "string_type":
        return loc, f"{_show(value)} should be text; put it in quotes", False
    if kind == "list_type":
        return loc, f"should be a list (one '- item' per line), not {_show(value)}", False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, f"should be a mapping of keys, not {_show(value)}", False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()))
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return (
            loc,
            f"{_show(value)} is too {'small' if 'greater' in kind else 'large'}; must be {words} {bound}",
            False,
        )
    if kind == "string_too_short":
        return loc, "must not be empty", False
    if kind == "string_too_long":
        return loc, f"is too long; at most {ctx.get('max_length')} characters", False
    if kind == "too_short":
        return loc, f"needs at least {ctx.get('min_length')} item(s)", False
    if kind == "string_pattern_mismatch":
        hint = (
            _TOPIC_HINT
            if ctx.get("pattern") == TOPIC_PATTERN
            else _PATTERN_HINTS.get(str(last), f"must match {ctx.get('pattern')}")
        )
        return loc, f"{_show(value)} is not valid: {hint}", False
    if kind in ("value_error", "assertion_error"):
        message = str(ctx.get("error", error.get("msg", "")))
        return loc, message, False
    return loc, error.get("msg", kind), False


def _list(choices: list[str]) -> str:
    if len(choices) <= 1:
        return "".join(choices)
    return ", ".join(choices[:-1]) + " or " + choices[-1]
