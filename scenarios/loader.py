"""Loading scenario and policy files: YAML with marks -> typed models, every problem at once."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from stormdrill import command

from . import errors, limits
from .durations import FormatError, format_duration, parse_duration
from .errors import InvalidFile, Problem
from .model import FORMAT_VERSION, Policy, Scenario
from .plaintext import clean, clean_data
from .suggest import did_you_mean
from .vocabulary import PRESS_KINDS, TOPICS
from .yamlread import MAX_BYTES, Marks, YamlReadError, decode, read

LIBRARY = Path(__file__).parent / "library"
DEFAULT_SCENARIO = LIBRARY / "telnet-outage.yaml"


def load_scenario(path: str | Path) -> Scenario:
    """A scenario with its policy loaded and inlined; raises InvalidFile listing every problem."""
    path = Path(path)
    return load_scenario_text(read_file_bytes(path), name=str(path), base_dir=path.parent)


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    data, marks = _parse(read_file_bytes(path), str(path), kind="policy")
    return _validate(Policy, data, marks, str(path))


def load_scenario_text(
    text: str | bytes, name: str = "<scenario>", base_dir: Path | None = None
) -> Scenario:
    data, marks = _parse(text, name, kind="scenario")
    problems: list[Problem] = []
    policy_value = data.pop("policy", None)
    try:
        scenario = _validate(Scenario, data, marks, name)
    except InvalidFile as invalid:
        scenario = None
        problems += invalid.problems
    problems += [_at(name, marks, loc, msg) for loc, msg in _cross_checks(data)]
    if scenario is not None:  # what this machine class can run (scenarios/limits.py)
        problems += [_at(name, marks, loc, msg) for loc, msg in limits.problems(scenario)]
    policy = None
    try:
        policy = _resolve_policy(policy_value, name, marks, base_dir)
    except InvalidFile as invalid:
        problems += invalid.problems
    if problems or scenario is None:
        raise InvalidFile(problems)
    scenario.policy = policy
    return scenario


def load_file(path: str | Path) -> Scenario | Policy:
    """A scenario or a policy file, told apart by their keys; raises InvalidFile listing every problem."""
    path = Path(path)
    data, _ = _parse(read_file_bytes(path), str(path), kind="file")
    return load_policy(path) if _looks_like_policy(data) else load_scenario(path)


def validate_file(path: str | Path) -> list[Problem]:
    """Problems of a scenario or policy file; [] when it is valid."""
    try:
        load_file(path)
    except InvalidFile as invalid:
        return invalid.problems
    return []


def _looks_like_policy(data: object) -> bool:
    if not isinstance(data, dict) or {"id", "title", "brand", "storm"} & data.keys():
        return False
    return bool(set(data) & (set(Policy.model_fields) - {"stormdrill"}))


def scenario_hash(scenario: Scenario) -> str:
    """A stable fingerprint of a loaded scenario (policy included), for logs and caches."""
    canonical = json.dumps(scenario.model_dump(mode="json", by_alias=True), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class _Dumper(yaml.SafeDumper):
    """Writes text with line breaks YAML would normalise (\r, NEL, U+2028/9) double-quoted and escaped."""


def _text(dumper: yaml.SafeDumper, value: str):
    style = '"' if any(ch in value for ch in "\r\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of a scenario (its policy inline) that loads back to an equal scenario."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def scenario_from_dict(data: dict) -> Scenario:
    """A scenario from the dict a session log's header holds (policy inline), its text cleaned."""
    return Scenario.model_validate(clean_data(data))


# --------------------------------------------------------------------------- internals


NAME_MAX, PATH_MAX = (
    255,
    4096,
)  # what Linux and macOS file systems take; longer names fail with OSError


def path_problem(path: Path) -> str | None:
    """Why `path` can't name a file on this system (too long a name), before anything touches the disk."""
    if len(str(path)) > PATH_MAX:
        return f"the path is {len(str(path)):,} characters long; paths are at most {PATH_MAX:,}"
    longest = max((len(part) for part in path.parts), default=0)
    if longest > NAME_MAX:
        return f"a name in the path is {longest} characters long; file and folder names are at most {NAME_MAX}"
    return None


def read_file_bytes(path: Path, what: str = "a .yaml scenario or policy file") -> bytes:
    """The bytes of a regular file of at most MAX_BYTES, checked before reading (never blocks on a pipe)."""
    name = clean(str(path))
    problem = path_problem(path)
    if problem:
        raise InvalidFile([Problem(name, 1, 1, "", problem)])
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        hint = ""
        with contextlib.suppress(OSError):
            if path.parent.is_dir():
                hint = did_you_mean(path.name, [p.name for p in path.parent.iterdir()])
        raise InvalidFile([Problem(name, 1, 1, "", f"no such file{hint}")]) from None
    except IsADirectoryError:
        raise InvalidFile([Problem(name, 1, 1, "", f"is a folder; give {what}")]) from None
    except OSError as err:
        raise InvalidFile([Problem(name, 1, 1, "", f"cannot read it: {err.strerror}")]) from None
    info = os.fstat(fd)
    kind = _not_regular(info.st_mode)
    if kind:
        os.close(fd)
        raise InvalidFile([Problem(name, 1, 1, "", f"is {kind}; give {what}")])
    with os.fdopen(fd, "rb") as stream:
        size = info.st_size
        if size > MAX_BYTES:
            raise InvalidFile(
                [
                    Problem(
                        name,
                        1,
                        1,
                        "",
                        f"the file is {size:,} bytes; give {what} of at most {MAX_BYTES:,} bytes",
                    )
                ]
            )
        try:
            return stream.read(MAX_BYTES + 1)  # decode() refuses it if it grew while we read
        except OSError as err:
            raise InvalidFile(
                [Problem(name, 1, 1, "", f"cannot read it: {err.strerror}")]
            ) from None


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def _parse(raw: str | bytes, name: str, kind: str) -> tuple[dict, Marks]:
    try:
        text = decode(raw) if isinstance(raw, bytes) else raw
        data, marks = read(text)
    except YamlReadError as err:
        raise InvalidFile(
            [Problem(name, p.line, p.col, errors.dotted(p.path), p.message) for p in err.problems]
        ) from None
    data = clean_data(
        data
    )  # no escape sequence in a file reaches a terminal, a report or the console
    if data is None:
        what = "a policy" if kind == "policy" else "a scenario"
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    f"the file is empty; {what} starts with "
                    f"`stormdrill: 1` (try `{command()} new NAME`)",
                )
            ]
        )
    if not isinstance(data, dict):
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    f"expected a mapping of keys (stormdrill: 1, id: ..., "
                    f"title: ...), not {errors._show(data)}",
                )
            ]
        )
    version = data.get("stormdrill")
    if kind != "file" and version != FORMAT_VERSION:
        if "stormdrill" not in data:
            raise InvalidFile(
                [
                    Problem(
                        name,
                        1,
                        1,
                        "",
                        "missing the version key; add `stormdrill: 1` as the first line",
                    )
                ]
            )
        line, col = marks.value(("stormdrill",))
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    col,
                    "stormdrill",
                    f"this file is format version {version!r}; "
                    f"this Stormdrill reads version {FORMAT_VERSION}",
                )
            ]
        )
    return data, marks


def _validate(model: type[BaseModel], data: dict, marks: Marks, name: str, prefix: tuple = ()):
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems = []
        for error in err.errors(include_url=False):
            loc, message, at_key = errors.explain(error, model)
            full = (*prefix, *loc)
            line, col = marks.key(full) if at_key else marks.value(full)
            problems.append(Problem(name, line, col, errors.dotted(full), message))
        raise InvalidFile(problems) from None


def _at(name: str, marks: Marks, loc: tuple, message: str) -> Problem:
    line, col = marks.value(loc)
    return Problem(name, line, col, errors.dotted(loc), message)


def _seconds(value: object) -> int | None:
    try:
        return parse_duration(value)
    except FormatError:
        return None


def _mapping(data: dict, key: str) -> dict:
    """data[key] where it is a mapping; {} where it is missing or malformed (the model reports that)."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _sequence(data: dict, key: str) -> list:
    """data[key] where it is a list; [] where it is missing or malformed (the model reports that)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _cross_checks(data: dict) -> list[tuple[tuple, str]]:
    """References between parts of a scenario, checked on the raw data so they join the field errors."""
    found: list[tuple[tuple, str]] = []
    personas = _sequence(data, "personas")
    ids: dict[str, str] = {}
    handles = {}
    brand = _mapping(data, "brand")
    for i, persona in enumerate(personas):
        if not isinstance(persona, dict):
            continue
        pid, handle = persona.get("id"), persona.get("handle")
        if isinstance(pid, str):
            if pid in ids:
                found.append(
                    (("personas", i, "id"), f"persona id '{pid}' is used twice; ids must be unique")
                )
            ids[pid] = persona.get("kind", "customer")
        if isinstance(handle, str):
            if handle.lower() in handles or handle.lower() == str(brand.get("handle", "")).lower():
                found.append(
                    (
                        ("personas", i, "handle"),
                        f"handle {handle} is used twice; handles must be unique",
                    )
                )
            handles[handle.lower()] = i
    duration = _seconds(data.get("duration", "2h")) or 7200
    if duration > 24 * 3600:
        found.append(
            (("duration",), f"{format_duration(duration)} is too long; a storm lasts at most 24h")
        )
    if "brand" in ids:
        at = next(
            i for i, p in enumerate(personas) if isinstance(p, dict) and p.get("id") == "brand"
        )
        found.append(
            (
                ("personas", at, "id"),
                "'brand' is reserved for the brand's own messages (by: brand); "
                "give this persona another id",
            )
        )
    storm = _mapping(data, "storm")
    scripted = _sequence(storm, "scripted")
    post_ids: dict[str, int] = {}
    for i, post in enumerate(scripted):
        if isinstance(post, dict) and isinstance(post.get("id"), str):
            if post["id"] in post_ids:
                found.append(
                    (
                        ("storm", "scripted", i, "id"),
                        f"post id '{post['id']}' is used twice; ids must be unique",
                    )
                )
            post_ids[post["id"]] = i
    found += _topic_checks(data, storm, scripted)
    for i, post in enumerate(scripted):
        if not isinstance(post, dict):
            continue
        by = post.get("by")
        if isinstance(by, str) and by not in ids and by != "brand":
            found.append((("storm", "scripted", i, "by"), _unknown_persona(by, ids)))
        found += _reference_checks(post.get("if"), ("storm", "scripted", i, "if"), ids, post_ids)
        posted = _seconds(post.get("at"))
        if posted is not None and posted > duration:
            found.append(
                (
                    ("storm", "scripted", i, "at"),
                    f"{format_duration(posted)} is after the storm ends "
                    f"(duration: {format_duration(duration)})",
                )
            )
    generated = _mapping(storm, "generated")
    peak_at = _seconds(generated.get("peak_at", 0))
    if peak_at is not None and peak_at > duration:
        found.append(
            (
                ("storm", "generated", "peak_at"),
                f"{format_duration(peak_at)} is after the storm ends "
                f"(duration: {format_duration(duration)})",
            )
        )
    rules = _sequence(storm, "escalations")
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict):
            continue
        by, then = rule.get("by"), rule.get("then")
        found += _reference_checks(rule.get("if"), ("storm", "escalations", i, "if"), ids, post_ids)
        if isinstance(by, str):
            if by not in ids:
                found.append((("storm", "escalations", i, "by"), _unknown_persona(by, ids)))
            elif then == "press_pickup" and ids[by] not in PRESS_KINDS:
                found.append(
                    (
                        ("storm", "escalations", i, "by"),
                        f"press_pickup is done by a media persona; '{by}' is kind {ids[by]}",
                    )
                )
    speed, controls = data.get("speed", 60), data.get("controls")
    fastest = controls.get("max_speed") if isinstance(controls, dict) else None
    if isinstance(speed, int | float) and isinstance(fastest, int | float) and fastest < speed:
        found.append((("controls", "max_speed"), f"max_speed {fastest} is below speed {speed}"))
    return found


def _topic_checks(data: dict, storm: dict, scripted: list) -> list[tuple[tuple, str]]:
    """Every topic a storm generates posts about has texts: a built-in pack, or the scenario's own."""
    found: list[tuple[tuple, str]] = []
    language = data.get("language", "en")
    own = _mapping(data, "topics")
    for name, definition in own.items():
        if not isinstance(definition, dict):
            continue
        pack = definition.get("pack")
        if isinstance(pack, str) and pack not in TOPICS:
            found.append(
                (
                    ("topics", name, "pack"),
                    f"'{pack}' is not a built-in topic pack"
                    f"{did_you_mean(pack, TOPICS)}; packs: {', '.join(TOPICS)}",
                )
            )
    generated = _mapping(storm, "generated")
    topics = _sequence(generated, "topics")
    for i, topic in enumerate(topics):
        if not isinstance(topic, str) or topic in TOPICS:
            continue
        definition = own.get(topic)
        if definition is None:
            found.append(
                (
                    ("storm", "generated", "topics", i),
                    f"'{topic}' is not a built-in topic pack"
                    f"{did_you_mean(topic, [*TOPICS, *own])} and not defined "
                    f"under topics:; write its texts there (topics: {{{topic}: "
                    f"{{{language}: {{complaints: [...]}}}}}}) or use a pack: "
                    f"{', '.join(TOPICS)}",
                )
            )
            continue
        texts = definition.get(language) if isinstance(definition, dict) else None
        if (
            isinstance(definition, dict)
            and definition.get("pack") is None
            and not (isinstance(texts, dict) and texts.get("complaints"))
        ):
            found.append(
                (
                    ("topics", topic),
                    f"the storm generates complaints about '{topic}' but it has no "
                    f"{language} complaints: add {language}: {{complaints: [...]}} "
                    "or pack: (a built-in pack to borrow from)",
                )
            )
    return found


def _reference_checks(condition: object, loc: tuple, ids: dict[str, str], post_ids: dict[str, int]):
    """The posts and personas an `if:` names exist (walking its all/any/not)."""
    found: list[tuple[tuple, str]] = []
    if not isinstance(condition, dict):
        return found
    post, persona = condition.get("post"), condition.get("persona")
    if isinstance(post, str) and post not in post_ids:
        hint = did_you_mean(post, post_ids)
        found.append(
            (
                (*loc, "post"),
                f"no scripted post with id '{post}'{hint}; "
                + (
                    f"post ids: {', '.join(post_ids)}"
                    if post_ids
                    else "give the post an id: (id: first)"
                ),
            )
        )
    if isinstance(persona, str) and persona not in ids:
        found.append(((*loc, "persona"), _unknown_persona(persona, ids)))
    for key in ("all", "any"):
        children = condition.get(key)
        for j, child in enumerate(children if isinstance(children, list) else []):
            found += _reference_checks(child, (*loc, key, j), ids, post_ids)
    found += _reference_checks(condition.get("not"), (*loc, "not"), ids, post_ids)
    return found


def _unknown_persona(by: str, ids: dict[str, str]) -> str:
    if not ids:
        return f"no persona '{by}': add it under personas: (id, handle, name)"
    return f"no persona '{by}'{did_you_mean(by, ids)}; personas: {', '.join(ids)}"


def _resolve_policy(value: object, name: str, marks: Marks, base_dir: Path | None) -> Policy:
    if value is None:
        return Policy()
    if isinstance(value, dict):
        if value.get("stormdrill", 1) != FORMAT_VERSION:
            line, col = marks.value(("policy", "stormdrill"))
            raise InvalidFile(
                [
                    Problem(
                        name,
                        line,
                        col,
                        "policy.stormdrill",
                        f"this policy is format version "
                        f"{value['stormdrill']!r}; this Stormdrill reads version 1",
                    )
                ]
            )
        return _validate(Policy, value, marks, name, prefix=("policy",))
    line, col = marks.value(("policy",))
    if not isinstance(value, str) or not value.strip():
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    col,
                    "policy",
                    "should be a policy file path (e.g. policies/telnet.yaml) or the policy inline",
                )
            ]
        )
    if base_dir is None:
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    col,
                    "policy",
                    "a policy path needs the scenario's own file; inline the policy instead",
                )
            ]
        )
    problem = path_problem(Path(value))
    if problem:
        raise InvalidFile(
            [Problem(name, line, col, "policy", f"policy file '{value[:60]}…': {problem}")]
        )
    root = base_dir.resolve()
    target = (root / value).resolve()
    if not target.is_relative_to(root):
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    col,
                    "policy",
                    f"'{value}' lies outside the scenario's folder "
                    f"({base_dir}); put the policy in that folder or below it, "
                    "e.g. policies/",
                )
            ]
        )
    try:
        kind = _not_regular(target.stat().st_mode)
    except FileNotFoundError:
        hint = ""
        with contextlib.suppress(OSError):
            if target.parent.is_dir():
                hint = did_you_mean(target.name, [p.name for p in target.parent.iterdir()])
        raise InvalidFile(
            [Problem(name, line, col, "policy", f"policy file '{value}' does not exist{hint}")]
        ) from None
    except OSError as err:
        raise InvalidFile(
            [Problem(name, line, col, "policy", f"policy file '{value}': {err.strerror}")]
        ) from None
    if kind:
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    col,
                    "policy",
                    f"policy file '{value}' is {kind}; give a .yaml policy file",
                )
            ]
        )
    return load_policy(base_dir / value)
