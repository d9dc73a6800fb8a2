"""Hostile or accidental input never gives a traceback or a hang: a message with a line and a fix."""

from __future__ import annotations

import pytest
from stormdrill.scenarios import InvalidFile, load_scenario, load_scenario_text, yamlread
from stormdrill.scoring import lexicon

from .conftest import ROOT

BASE = "stormdrill: 1\nid: x\ntitle: X\nbrand: {name: B, handle: '@b'}\n"


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(InvalidFile) as caught:
        load_scenario_text(text, name="s.yaml")
    return [str(p) for p in caught.value.problems]


def test_alias_bomb_is_stopped_quickly():
    bomb = BASE + "brief: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    messages = problems_of(bomb)
    assert any("alias bomb" in m for m in messages)


def test_recursive_alias_is_reported():
    messages = problems_of(BASE + "debrief: &loop [*loop]\n")
    assert any("nested more than" in m or "alias" in m for m in messages)


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(BASE.encode() + b"# " + b"x" * 2_000_000 + b"\n")
    with pytest.raises(InvalidFile) as caught:
        load_scenario(path)
    assert "at most 1,000,000 bytes" in str(caught.value)


def test_binary_garbage_is_recognised():
    messages = problems_of(bytes(range(256)) * 4)
    assert messages == [
        "s.yaml:1:1: this is a binary file, not YAML text; open the .yaml scenario or policy file instead"
    ]


def test_latin1_text_is_pointed_at_the_bad_byte():
    messages = problems_of(BASE.encode() + "brief: caf\xe9\n".encode("latin-1"))
    assert messages == ["s.yaml:5:11: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]


def test_empty_file():
    assert problems_of(b"") == [
        "s.yaml:1:1: the file is empty; a scenario starts with `stormdrill: 1` (try `stormdrill new NAME`)"
    ]


def test_tab_indentation():
    assert problems_of("stormdrill: 1\nbrand:\n\tname: B\n") == [
        "s.yaml:3:1: tabs are not allowed for indentation in YAML; indent with spaces"
    ]


def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    messages = problems_of(BASE + f"brief: !!python/object/apply:os.system ['touch {marker}']\n")
    assert any("!!python/object/apply:os.system is not allowed" in m for m in messages)
    assert not marker.exists()


def test_merge_keys_work():
    scenario = load_scenario_text(
        BASE
        + "personas:\n  - &p {id: a, handle: '@a', name: A}\n  - {<<: *p, id: b, handle: '@bb'}\n"
    )
    assert [p.id for p in scenario.personas] == ["a", "b"]


READ_BOTH_WAYS = sorted(
    [
        *(ROOT / "scenarios" / "library").rglob("*.yaml"),
        *(ROOT / "tests" / "broken").rglob("*.yaml"),
        ROOT / "tests" / "data" / "corpus_dev_nl.yaml",
        ROOT / "scoring" / "lexicons" / "en.yaml",
    ]
)


@pytest.mark.parametrize("path", READ_BOTH_WAYS, ids=lambda p: p.name)
def test_libyaml_reads_every_file_as_pure_python_yaml_does(path, monkeypatch):
    """The fast reader (libyaml's parser) gives the same data, the same line and column for every
    value, and the same message for every broken file as PyYAML's own parser."""

    def read_it() -> object:
        try:
            return yamlread.read(yamlread.decode(path.read_bytes()))
        except yamlread.YamlReadError as err:
            return err.problems

    assert yamlread._FastLoader is not None  # PyYAML's wheels ship libyaml
    fast = read_it()
    monkeypatch.setattr(yamlread, "_FastLoader", None)
    assert read_it() == fast


def test_a_lexicon_with_a_key_written_twice_is_refused(tmp_path, monkeypatch):
    """A second `intensifiers:` once replaced the first without a word; now it names the line."""
    (tmp_path / "en.yaml").write_text(
        "categories: {}\nwords:\n  intensifiers: [so, very]\n  asking: [have]\n  intensifiers: [really]\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(lexicon, "LEXICONS", tmp_path)
    lexicon.raw.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"en\.yaml:5:3: duplicate key 'intensifiers'"):
            lexicon.raw("en")
    finally:
        lexicon.raw.cache_clear()
