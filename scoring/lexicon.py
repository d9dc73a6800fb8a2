"""The rubric's word lists (scoring/lexicons/<lang>.yaml), compiled once into patterns over the lemma line.

Phrase notation: words are matched by lemma, so any inflection matches
("apologise" matches "apologised", "ervaart" matches "ervaren"); `*` ends a
word with anything (compensat* = compensate, compensation); `#` is one digit;
`...` is a gap of up to four words inside one clause ("sorry ... you ... feel"
matches "sorry that you feel", "sorry you felt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from stormdrill.scenarios.model import Policy
from stormdrill.scenarios.yamlread import YamlReadError, decode, read

from .text import _WORD, Reading, lemma, normalise

LEXICONS = Path(__file__).parent / "lexicons"
# up to four more words, no punctuation: the same clause
GAP = r"(?:[ \t'/-]+[\w']+){0,4}?[ \t'/-]+"


@dataclass(frozen=True)
class Category:
    name: str
    points: float
    explanation: str
    pattern: re.Pattern | None  # its phrases in dictionary form, longest first, over the lemma line
    surface: re.Pattern | None  # its phrases with an inflected word, as written, over the text
    negatable: bool = True  # a negation earlier in the clause cancels it ("we can't refund")
    negated_as: str | None = None  # ...or turns it into this category ("not our fault" = blame)
    # its words are not also read for later categories ("sorry to hear" is no apology)
    claims: bool = False
    data_kinds: dict | None = None
    request_cues: re.Pattern | None = None


@dataclass(frozen=True)
class Lexicon:
    language: str
    categories: dict[str, Category]
    negations: frozenset[str]
    embedders: frozenset[str]  # open an embedded clause: a negation's reach ends there
    words: dict[str, frozenset[str]]  # named word sets (lemmas): praise, fault, we, you, ...
    patterns: dict[str, _Either]  # named phrase lists: cause ("caused by"), when, ...
    address: dict[str, tuple[str, ...]]
    expected: dict[str, str]
    details: dict[str, str]


def phrase_regex(phrase: str, language: str) -> str:
    """One phrase as a regular expression over the lemma line, on word boundaries."""
    return r"(?<![\w'])(?<!\w-)" + _body(phrase, language) + r"(?![\w']|-\w)"


def _body(phrase: str, language: str, lemmas: bool = True) -> str:
    normal = normalise(phrase)[0].strip()
    out, pos = [], 0
    for part in re.split(r"(\s*\.\.\.\s*)", normal):
        if "..." in part:
            out.append(GAP)
            continue
        pos = 0
        for m in _WORD.finditer(part):
            out.append(_literal(part[pos : m.start()]))
            word = m.group(0)
            wild = part[m.end() : m.end() + 1] in ("*", "#") or "#" in word
            out.append(_literal(word if wild or not lemmas else lemma(word, language)))
            pos = m.end()
        out.append(_literal(part[pos:]))
    return "".join(out)


def dictionary_form(phrase: str, language: str) -> bool:
    """Is every word of the phrase written in its dictionary form? Then it matches every inflection;
    a phrase with an inflected word ("nieuwste", "we've fixed") matches only as written."""
    normal = normalise(phrase)[0]
    return all(lemma(m.group(0), language) == m.group(0) for m in _WORD.finditer(normal))


def _literal(text: str) -> str:
    escaped = re.escape(text).replace(r"\*", r"\w*").replace(r"\#", r"\d")
    return re.sub(r"(\\ )+", r"\\s+", escaped)


@cache
def compiled(phrase: str, language: str) -> re.Pattern:
    return re.compile(phrase_regex(phrase, language))


@dataclass(frozen=True)
class _Either:
    """A named phrase list: matched by lemma or as written (see `dictionary_form`)."""

    lemmas: re.Pattern | None
    written: re.Pattern | None


def _combined(phrases: list[str], language: str, lemmas: bool = True) -> re.Pattern | None:
    if not phrases:
        return None
    # longest first; among equal lengths by text, so the pattern is the same in every process (a set
    # iterates in an order that changes with PYTHONHASHSEED, and so did which phrase a span quoted)
    bodies = sorted({_body(p, language, lemmas) for p in phrases}, key=lambda b: (-len(b), b))
    # Phrases grouped by their first letter (a one-level trie), inside one boundary check: the engine
    # tries a phrase only where a word starts with its letter.
    groups: dict[str, list[str]] = {}
    for body in bodies:
        first = body[0] if body[0].isalnum() else ""
        groups.setdefault(first, []).append(body[1:] if first else body)
    parts = [
        f"{first}(?:{'|'.join(rest)})" if first else "|".join(rest)
        for first, rest in groups.items()
    ]
    # A phrase is a whole word, not part of a hyphenated one ("worry" is not in "worry-free").
    return re.compile(r"(?<![\w'])(?<!\w-)(?=[\w'])(?:" + "|".join(parts) + r")(?![\w']|-\w)")


def _split(phrases: list[str], language: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The phrases in dictionary form, over the lemma line; the others as written, over the text."""
    base = [p for p in phrases if dictionary_form(p, language)]
    written = [p for p in phrases if not dictionary_form(p, language)]
    return _combined(base, language), _combined(written, language, lemmas=False)


@cache
def raw(language: str) -> dict:
    """The lexicon file as data. Read like a scenario, so that a key written twice is refused rather
    than silently replaced by the later one (which once dropped half the intensifiers)."""
    path = LEXICONS / f"{language}.yaml"
    try:
        data, _ = read(decode(path.read_bytes()))
    except YamlReadError as err:
        first = err.problems[0]
        raise ValueError(f"{path}:{first.line}:{first.col}: {first.message}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a lexicon is a mapping of categories, words and phrases")
    return data


@cache
def _lexicon(language: str, additions: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    data = raw(language)
    extra = dict(additions)
    categories = {}
    for name, spec in data["categories"].items():
        phrases = [*spec.get("phrases", []), *extra.get(name, ())]
        cues = spec.get("request_cues")
        categories[name] = Category(
            name,
            float(spec["points"]),
            spec["explanation"],
            *_split(phrases, language),
            spec.get("negatable", True),
            spec.get("negated_as"),
            spec.get("claims", False),
            spec.get("data_kinds"),
            _combined(cues, language) if cues else None,
        )
    words = {
        k: frozenset(lemma(normalise(w)[0], language) for w in v) for k, v in data["words"].items()
    }
    words |= {k: frozenset(normalise(w)[0] for w in v) for k, v in data.get("forms", {}).items()}
    return Lexicon(
        language,
        categories,
        frozenset(data["negations"]),
        frozenset(data["embedders"]),
        words,
        {k: _Either(*_split(v, language)) for k, v in data.get("patterns", {}).items()},
        {k: tuple(v) for k, v in data["address"].items()},
        data["expected"],
        data["details"],
    )


def spans(
    reading: Reading, lemmas: re.Pattern | None, written: re.Pattern | None
) -> list[tuple[int, int]]:
    """Where phrases match in a reading, as spans of its normalised text, in order."""
    out = []
    if lemmas is not None:
        out += [reading.span(*m.span()) for m in lemmas.finditer(reading.line)]
    if written is not None:
        out += [m.span() for m in written.finditer(reading.normal)]
    return sorted(out)


def lexicon(language: str, policy: Policy | None = None) -> Lexicon:
    """The lexicon of `language`, with the policy's own phrases (`lexicon:`) added."""
    additions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if policy is not None and language in policy.lexicon:
        additions = tuple(sorted((k, tuple(v)) for k, v in policy.lexicon[language].items()))
    return _lexicon(language, additions)
