"""What the scenario knows (`facts:`) against what a reply says: speculation and promises beyond what is allowed.

A reply that names a cause when none is known, a fix time when none is
expected, a cause or time that contradicts the facts, or compensation already
paid that nobody paid, speculates; a reply that promises compensation the
facts don't allow makes an empty promise. Each finding quotes the reply and
the fact it goes against. Without facts only open guesses ("probably a cable
cut", "waarschijnlijk") count as speculation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .rules import content_words, fill, negation_before
from .text import Word

if TYPE_CHECKING:
    from .rubric import Judgement

_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\b")


def known(facts: object, name: str, default=None):
    """A field of the scenario's facts, given as a model or a plain mapping."""
    if facts is None:
        return default
    if isinstance(facts, dict):
        return facts.get(name, default)
    return getattr(facts, name, default)


def check(j: Judgement) -> None:
    facts = j.context.facts
    clauses = _clauses(j)
    _guesses(j, clauses, facts)
    if facts is None:
        return
    _cause(j, clauses, facts)
    _fix_time(j, clauses, facts)
    _compensation(j, clauses, facts)


def _clauses(j: Judgement) -> list[list[Word]]:
    out: dict[int, list[Word]] = {}
    for w in j.reading.words:
        out.setdefault(w.clause, []).append(w)
    return list(out.values())


def _quote(j: Judgement, clause: list[Word]) -> str:
    return j.reading.original(clause[0].start, clause[-1].end)


def _has(clause: list[Word], lemmas: frozenset[str]) -> Word | None:
    return next((w for w in clause if w.lemma in lemmas or w.surface in lemmas), None)


def _form(clause: list[Word], forms: frozenset[str]) -> Word | None:
    return next((w for w in clause if w.surface in forms), None)


def _phrase_in(j: Judgement, clause: list[Word], name: str) -> bool:
    """Does a phrase of the lexicon's `patterns.<name>` start inside the clause?"""
    pattern = j.lex.patterns.get(name)
    if pattern is None:
        return False
    first, last = clause[0].start, clause[-1].end
    for match in pattern.finditer(j.reading.line):
        start, _ = j.reading.span(*match.span())
        if first <= start < last:
            return True
    return False


def _speculation(j: Judgement, rule: str, clause: list[Word], fact: str) -> None:
    if j.has("speculation"):
        return
    j.add_category(rule, "speculation", _quote(j, clause), fact)


def _guesses(j: Judgement, clauses: list[list[Word]], facts: object) -> None:
    """'probably a cable cut', 'waarschijnlijk de server': a guess at the cause, stated to the customer."""
    hedges = j.lex.words["hedge"]
    for clause in clauses:
        hedge = _has(clause, hedges)
        if hedge is None or negation_before(j.reading, hedge.start, j.lex) is not None:
            continue
        if known(facts, "cause_known") and _overlaps(j, clause, known(facts, "cause", "") or ""):
            continue  # a careful way of stating what is known
        fact = fill(j.lex.details["fact_guess"])
        _speculation(j, "guess", clause, fact)
        return


def _overlaps(j: Judgement, clause: list[Word], fact: str) -> bool:
    theirs = content_words(fact, j.language)
    return any(w.lemma in theirs and len(w.lemma) > 3 for w in clause)


def _cause(j: Judgement, clauses: list[list[Word]], facts: object) -> None:
    cause_known, cause = bool(known(facts, "cause_known", False)), known(facts, "cause") or ""
    unknown_words = j.lex.words["unknown"]
    for clause in clauses:
        if not _phrase_in(j, clause, "cause"):
            continue
        if _has(clause, unknown_words) or any(
            negation_before(j.reading, w.start, j.lex) for w in clause[1:2]
        ):
            continue  # "we don't know the cause yet", "still investigating what caused it"
        if any(w.surface in j.lex.negations or w.surface.endswith("n't") for w in clause):
            continue
        if not cause_known:
            _speculation(j, "cause_unknown", clause, j.lex.details["fact_no_cause"])
            return
        if not _overlaps(j, clause, cause) and _content(j, clause):
            _speculation(
                j, "cause_contradicts", clause, fill(j.lex.details["fact_cause"], cause=cause)
            )
            return


def _content(j: Judgement, clause: list[Word]) -> bool:
    """Does the clause name something (a cause), beyond the marker words themselves?"""
    generic = j.lex.words["generic"] | j.lex.words["praise"]
    words = content_words(_quote(j, clause), j.language) - generic
    return len([w for w in words if len(w) > 3]) >= 2


def _fix_time(j: Judgement, clauses: list[list[Word]], facts: object) -> None:
    expected = known(facts, "fix_expected")
    fix_words, update_words = j.lex.words["fix"], j.lex.words["update"]
    for clause in clauses:
        if _has(clause, update_words) or _has(clause, fix_words) is None:
            continue
        times = {f"{int(h)}:{m}" for h, m in _CLOCK.findall(_quote(j, clause))}
        if not times and not _phrase_in(j, clause, "when"):
            continue
        if any(w.surface in j.lex.negations or w.surface.endswith("n't") for w in clause):
            continue  # "we can't say when it will be fixed"
        if expected is None:
            _speculation(j, "fix_unknown", clause, j.lex.details["fact_no_fix"])
            return
        allowed = {f"{int(h)}:{m}" for h, m in _CLOCK.findall(str(expected))}
        if times and allowed and not times & allowed:
            _speculation(
                j, "fix_contradicts", clause, fill(j.lex.details["fact_fix"], fix=str(expected))
            )
            return


def _compensation(j: Judgement, clauses: list[list[Word]], facts: object) -> None:
    allowed = known(facts, "compensation")
    money, claimed = j.lex.words["compensation"], j.lex.words["claimed"]
    allowed_words = content_words(allowed, j.language) if allowed else frozenset()
    allowed_numbers = _numbers(j, str(allowed or ""))
    for clause in clauses:
        word = _has(clause, money)
        if word is None or negation_before(j.reading, word.start, j.lex) is not None:
            continue
        paid = _form(clause, claimed) and not _form(clause, j.lex.words["future"])
        if paid and (not allowed or not _same_kind(word, allowed_words)):
            fact = fill(j.lex.details["fact_paid"], compensation=allowed or "-")
            _speculation(j, "invented_compensation", clause, fact)
            return
        if not allowed:
            _promise(j, clause, j.lex.details["fact_no_compensation"])
            return
        beyond = _numbers(j, _quote(j, clause)) - allowed_numbers
        if not _same_kind(word, allowed_words) or beyond:
            _promise(j, clause, fill(j.lex.details["fact_compensation"], compensation=allowed))
            return


def _same_kind(word: Word, allowed: frozenset[str]) -> bool:
    return word.lemma in allowed or any(a[:5] == word.lemma[:5] for a in allowed if len(a) >= 5)


def _numbers(j: Judgement, text: str) -> set[str]:
    numbers = j.lex.words["numbers"]
    found = set(re.findall(r"\d+", text))
    found |= {w for w in re.findall(r"[a-z]+", text.lower()) if w in numbers}
    return found


def _promise(j: Judgement, clause: list[Word], fact: str) -> None:
    if any(f.category == "empty_promise" and f.rule.endswith("beyond_facts") for f in j.findings):
        return
    cat = j.lex.categories["empty_promise"]
    j.add(
        "beyond_facts",
        "empty_promise",
        _quote(j, clause),
        cat.points,
        f"{j.lex.details['beyond']} ({fact})",
    )
