"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them
ourselves so that we can (1) record the line and column of each key and value
by its path, (2) refuse duplicate keys, (3) stop alias bombs by counting the
nodes we build, and (4) turn every parser complaint into a message for people.
Only YAML's safe tags are accepted: no Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

MAX_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 60

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """A problem at a line and column (both 1-based) of a YAML text."""

    line: int
    col: int
    message: str
    path: Path = ()


class YamlReadError(Exception):
    def __init__(self, problems: list[Located]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Marks:
    """Where each path's value (and, for mapping entries, its key) starts."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path) -> tuple[int, int]:
        """The mark of the deepest recorded path that `path` starts with."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.values:
                return self.values[path[:n]]
        return (1, 1)

    def key(self, path: Path) -> tuple[int, int]:
        return self.keys.get(path) or self.value(path)


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def decode(raw: bytes) -> str:
    """UTF-8 text from bytes, or a YamlReadError saying why it is not a scenario file."""
    if len(raw) > MAX_BYTES:
        raise YamlReadError(
            [
                Located(
                    1,
                    1,
                    f"file is {len(raw):,} bytes; scenario and policy files "
                    f"are at most {MAX_BYTES:,} bytes",
                )
            ]
        )
    if b"\x00" in raw:
        raise YamlReadError(
            [
                Located(
                    1,
                    1,
                    "this is a binary file, not YAML text; "
                    "open the .yaml scenario or policy file instead",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise YamlReadError(
            [
                Located(
                    line,
                    col,
                    f"byte 0x{raw[err.start]:02x} is not UTF-8 text; save the file as UTF-8",
                )
            ]
        ) from None
    return text


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


class _DepthBound:
    """PyYAML's composer recurses once per level: stop at MAX_DEPTH, before Python's own limit does."""

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _BoundedLoader(_DepthBound, yaml.SafeLoader):
    """PyYAML in pure Python: slow, and the parser whose complaints the messages below were written for."""


def _libyaml_loader() -> type | None:
    """libyaml's scanner and parser (~8x faster than PyYAML's on the graded corpus, where reading
    dominated a refit's start) under PyYAML's own composer, so that nodes, marks and the depth bound
    are the same as _BoundedLoader's; None where PyYAML was built without libyaml."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - a PyYAML built without libyaml
        return None

    class LibyamlLoader(_DepthBound, Composer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    return LibyamlLoader


_FastLoader = _libyaml_loader()


def _compose(text: str) -> Node | None:
    """The document's node tree: libyaml reads it when it can; any complaint is left to PyYAML's
    parser, which says it in the words below (and agrees with libyaml on every file it accepts)."""
    if _FastLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except (yaml.YAMLError, _TooDeep):
            pass
    return yaml.compose(text, Loader=_BoundedLoader)


def read(text: str) -> tuple[object, Marks]:
    """Parse YAML text into plain data and the marks of every path in it."""
    try:
        root = _compose(text)
    except yaml.reader.ReaderError as err:
        before = text[: err.position]
        line, col = before.count("\n") + 1, err.position - (before.rfind("\n") + 1) + 1
        raise YamlReadError(
            [
                Located(
                    line,
                    col,
                    f"character U+{err.character:04X} is a control character, not text; remove it",
                )
            ]
        ) from None
    except _TooDeep as err:
        raise YamlReadError(
            [
                Located(
                    err.mark.line + 1,
                    err.mark.column + 1,
                    f"values are nested more than {MAX_DEPTH} levels deep; flatten the structure",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as err:
        raise YamlReadError([_syntax_problem(err, text)]) from None
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks all parser errors
        raise YamlReadError([Located(1, 1, f"not valid YAML: {err}")]) from None
    marks = Marks()
    if root is None:
        return None, marks
    builder = _Builder(marks)
    data = builder.build(root, ())
    if builder.problems:
        raise YamlReadError(builder.problems)
    return data, marks


class _Builder:
    def __init__(self, marks: Marks):
        self.marks = marks
        self.problems: list[Located] = []
        self.count = 0
        self.scalars = SafeConstructor()

    def build(self, node: Node, path: Path) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = _mark(node)
            raise YamlReadError(
                [
                    Located(
                        line,
                        col,
                        f"the file expands to more than {MAX_NODES:,} values "
                        "(an alias bomb?); write the values out or use fewer aliases",
                    )
                ]
            )
        if len(path) > MAX_DEPTH:
            line, col = _mark(node)
            raise YamlReadError(
                [
                    Located(
                        line,
                        col,
                        f"values are nested more than {MAX_DEPTH} levels deep "
                        "(a recursive alias?); flatten the structure",
                    )
                ]
            )
        self.marks.values.setdefault(path, _mark(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                line, col = _mark(node)
                self.problems.append(
                    Located(
                        line,
                        col,
                        f"the tag {_tag(node.tag)} is not allowed; "
                        "scenario files hold plain text, numbers, lists and mappings",
                        path,
                    )
                )
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: Path) -> object:
        try:
            return self.scalars.construct_object(node, deep=True)
        except ConstructorError:
            line, col = _mark(node)
            self.problems.append(
                Located(
                    line,
                    col,
                    f"the tag {_tag(node.tag)} is not allowed; "
                    "scenario files hold plain text, numbers, lists and mappings",
                    path,
                )
            )
            return None
        except (ValueError, TypeError) as err:
            line, col = _mark(node)
            self.problems.append(Located(line, col, f"cannot read {node.value!r}: {err}", path))
            return None

    def _mapping(self, node: MappingNode, path: Path) -> dict:
        if node.tag != "tag:yaml.org,2002:map":
            line, col = _mark(node)
            self.problems.append(
                Located(
                    line,
                    col,
                    f"the tag {_tag(node.tag)} is not allowed; "
                    "scenario files hold plain text, numbers, lists and mappings",
                    path,
                )
            )
            return {}
        own = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
        try:
            self.scalars.flatten_mapping(node)  # YAML merge keys (<<: *base)
        except ConstructorError as err:
            line, col = _mark(node)
            self.problems.append(Located(line, col, f"cannot merge: {err.problem}", path))
            return {}
        result: dict = {}
        first_seen: dict = {}
        merged = (
            len(node.value) - own
        )  # merged entries come first; the mapping's own keys override them
        for position, (key_node, value_node) in enumerate(node.value):
            if not isinstance(key_node, ScalarNode):
                line, col = _mark(key_node)
                self.problems.append(
                    Located(line, col, "a key must be plain text, not a list or mapping", path)
                )
                continue
            scalar = self._scalar(key_node, path)
            # `1:`, `yes:` or `2024-05-01:` as a key means the text the trainer wrote
            key: str = scalar if isinstance(scalar, str) else key_node.value
            line, col = _mark(key_node)
            if position < merged:
                result[key] = self.build(value_node, (*path, key))
                continue
            if key in first_seen:
                self.problems.append(
                    Located(
                        line,
                        col,
                        f"duplicate key '{key}' (first at line "
                        f"{first_seen[key]}); remove one of them",
                        (*path, key),
                    )
                )
                continue
            first_seen[key] = line
            self.marks.keys[(*path, key)] = (line, col)
            result[key] = self.build(value_node, (*path, key))
        return result


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> Located:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or str(err)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if (
        "\t" in problem
        or "'\\t'" in problem
        or ("\t" in source_line[: max(col, 1)] and "tab" not in problem)
    ):
        tab_col = source_line.find("\t") + 1 if "\t" in source_line else col
        return Located(
            line, tab_col, "tabs are not allowed for indentation in YAML; indent with spaces"
        )
    if "found undefined alias" in problem:
        return Located(line, col, f"{problem}; define the anchor (&name) before using *name")
    if "found duplicate anchor" in problem:
        return Located(
            line, col, "an anchor (&name) is defined twice; give each anchor its own name"
        )
    context_mark = err.context_mark
    if err.context and "flow" in err.context and context_mark is not None:
        opener = "{" if "mapping" in err.context else "["
        closer = "}" if opener == "{" else "]"
        return Located(
            context_mark.line + 1,
            context_mark.column + 1,
            f"this '{opener}' is never closed; add '{closer}' where it ends",
        )
    if err.context and "quoted scalar" in err.context and context_mark is not None:
        return Located(
            context_mark.line + 1,
            context_mark.column + 1,
            "this quote is never closed; add the closing quote",
        )
    context = f" {err.context}" if err.context else ""
    return Located(line, col, f"not valid YAML:{context} {problem}".replace("  ", " ").strip())
