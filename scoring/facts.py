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
from itertools import pairwise
from typing import TYPE_CHECKING

from .gaming import content_words
from .lexicon import spans
from .rules import fill, negates, negation_before
from .text import Word, normalise

if TYPE_CHECKING:
    from .rubric import Judgement

_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\b")
_AMPM = re.compile(r"\b(\d{1,2})\s?(am|pm)\b")


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
    _reassurance(j, clauses)
    if facts is None:
        return
    known_text = all_facts(facts)
    _cause(j, clauses, facts, known_text)
    _told(j, clauses, facts)
    if (
        j.context.kind == "reply"
    ):  # later messages (DMs, closing) may rightly report what has happened since
        _times(j, clauses, facts, known_text)
    _compensation(j, clauses, facts, known_text)


def the_known_way(j: Judgement, start: int, end: int) -> bool:
    """Does the span point where the facts say the way is ("via the online form" when that is how compensation
    is claimed), in a reply that offers something itself? Then it informs rather than pushes the customer away.
    "Please contact PALS." alone stays a deflection."""
    if j.context.facts is None:
        return False
    solution = j.lex.categories["solution"]
    if not spans(j.reading, solution.pattern, solution.surface):
        return False
    words = content_words(j.reading.original(start, end), j.language)
    return bool(words) and words <= content_words(all_facts(j.context.facts), j.language)


def all_facts(facts: object) -> str:
    """Every fact as one text: a reply may state any of them (the cause, a workaround, a fix time...)."""
    values = (
        facts.values()
        if isinstance(facts, dict)
        else vars(facts).values()
        if hasattr(facts, "__dict__")
        else ()
    )
    return " ".join(str(v) for v in values if isinstance(v, str))


def _unknown(value: object, j: Judgement) -> bool:
    """No value, or one that says it is not known ('unknown', 'onbekend', 'none decided', 'geen')."""
    if not value:
        return True
    words = set(re.findall(r"[a-z]+", normalise(str(value))[0])[:2])
    return bool(words & j.lex.words["not_known"])


def _clauses(j: Judgement) -> list[list[Word]]:
    out: dict[int, list[Word]] = {}
    for w in j.reading.words:
        out.setdefault(w.clause, []).append(w)
    return list(out.values())


def _quote(j: Judgement, clause: list[Word]) -> str:
    return j.reading.original(clause[0].start, clause[-1].end)


def _has(clause: list[Word], lemmas: frozenset[str]) -> Word | None:
    return next((w for w in clause if w.among(lemmas)), None)


def _form(clause: list[Word], forms: frozenset[str]) -> Word | None:
    return next((w for w in clause if w.surface in forms), None)


def _phrase_in(j: Judgement, clause: list[Word], name: str) -> bool:
    """Does a phrase of the lexicon's `patterns.<name>` start inside the clause?"""
    first, last = clause[0].start, clause[-1].end
    return any(first <= start < last for start, _ in j.pattern_spans(name))


def _speculation(j: Judgement, rule: str, clause: list[Word], fact: str) -> None:
    if j.has("speculation"):
        return
    j.add_category(rule, "speculation", _quote(j, clause), fact)


def _guesses(j: Judgement, clauses: list[list[Word]], facts: object) -> None:
    """'probably a cable cut', 'looks like the server': a guess at the cause, stated to the customer."""
    hedges, articles = j.lex.words["hedge"], j.lex.words["article"]
    known_text = all_facts(facts) if facts is not None else ""
    for clause in clauses:
        hedge = next(
            (
                w
                for k, w in enumerate(clause)
                if w.among(hedges)
                and not any(p.surface in j.lex.words["as_soon"] for p in clause[max(0, k - 2) : k])
            ),
            None,
        )  # "zo snel mogelijk" guesses nothing
        if hedge is None:
            guessing = _phrase_in(j, clause, "guess")
        elif negation_before(j.reading, hedge.start, j.lex) is not None:
            continue
        else:
            at = clause.index(hedge)
            after = clause[at + 1 : at + 3]
            early = (
                at <= 2 and hedge.surface not in j.lex.words["suggestion"]
            )  # "maybe try ..." suggests
            guessing = (
                early or _phrase_in(j, clause, "cause") or any(w.surface in articles for w in after)
            )
        if not guessing:
            continue  # "the most likely parts": a hedge, not a guess at what happened
        if known_text and _overlaps(j, clause, known_text):
            continue  # a careful way of stating what is known
        _speculation(j, "guess", clause, j.lex.details["fact_guess"])
        return


def _reassurance(j: Judgement, clauses: list[list[Word]]) -> None:
    """'he'll be totally fine', 'dat komt wel goed': an outcome nobody can promise."""
    for clause in clauses:
        if _phrase_in(j, clause, "reassurance"):
            _speculation(j, "reassurance", clause, j.lex.details["fact_outcome"])
            return


def _overlaps(j: Judgement, clause: list[Word], fact: str) -> bool:
    """Does the clause name something the fact names, also inside a compound ("een tekort aan
    OK-personeel" and "personeelstekort op de operatiekamers")?"""
    theirs = content_words(fact, j.language)
    long = [t for t in theirs if len(t) > 6]
    return any(
        len(w.lemma) > 3
        and (w.lemma in theirs or (len(w.lemma) > 4 and any(w.lemma in t for t in long)))
        for w in clause
    )


def _told(j: Judgement, clauses: list[list[Word]], facts: object) -> None:
    """A clause that tells the known cause in the reply's own words ("a router failed during the maintenance")
    explains what is going on, whatever words it uses."""
    cause = known(facts, "cause") or ""
    if j.has("explanation") or not known(facts, "cause_known", False) or _unknown(cause, j):
        return
    theirs = content_words(cause, j.language)
    for clause in clauses:
        shared = content_words(_quote(j, clause), j.language) & theirs
        if len(shared) >= TOLD_WORDS and not _negated(j, clause):
            j.add_category("told", "explanation", _quote(j, clause), j.lex.details["told"])
            return


TOLD_WORDS = 2  # content words of the known cause a clause must share to be telling it


def _cause(j: Judgement, clauses: list[list[Word]], facts: object, known_text: str) -> None:
    cause_known, cause = bool(known(facts, "cause_known", False)), known(facts, "cause") or ""
    unknown_words = j.lex.words["unknown"]
    for clause in clauses:
        if not _phrase_in(j, clause, "cause"):
            continue
        if _has(clause, unknown_words) or _negated(j, clause):
            continue  # "we don't know the cause yet", "still investigating what caused it"
        if any(
            j.overlaps(s, e)
            for s, e in j.pattern_spans("cause")
            if clause[0].start <= s < clause[-1].end
        ):
            continue  # "any inconvenience caused by ...": boilerplate, not a cause
        if _overlaps(j, clause, known_text) or not _content(j, clause):
            continue  # what the facts say, or no cause named at all
        if not cause_known:
            _speculation(j, "cause_unknown", clause, j.lex.details["fact_no_cause"])
        else:
            _speculation(
                j, "cause_contradicts", clause, fill(j.lex.details["fact_cause"], cause=cause)
            )
        return


def _negated(j: Judgement, clause: list[Word]) -> bool:
    return any(negates(w, j.lex) for w in clause)


def _content(j: Judgement, clause: list[Word]) -> bool:
    """Does the clause name something (a cause), beyond the marker words themselves?"""
    generic = j.lex.words["generic"] | j.lex.words["praise"]
    words = content_words(_quote(j, clause), j.language) - generic
    return len([w for w in words if len(w) > 3]) >= 2


def _times(j: Judgement, clauses: list[list[Word]], facts: object, known_text: str) -> None:
    """A time for what others will do ("it'll be fixed within the hour", "the driver is with you by 4pm")
    that the facts don't give. Our own commitments ("I'll update you at 10:00", "we call you tomorrow") are
    solutions, not speculation."""
    if j.has("sales"):
        return  # "only £2.49 this week" is a pitch, judged as one
    expected = known(facts, "fix_expected")
    update_words, we = j.lex.words["update"], j.lex.words["we"]
    agent = j.lex.words["agent"]
    forecast = j.lex.words["fix"] | j.lex.words["forecast"]
    allowed = _clock_times(known_text)
    theirs = (
        _hours(j.context.post) if j.context.post else set()
    )  # the customer's own times are theirs
    for clause in clauses:
        if _has(clause, update_words) or any(w.among(we) for w in clause[:4]):
            continue
        if any(a.surface in agent and b.surface in we for a, b in pairwise(clause)):
            continue  # "u hoort morgen vóór 12:00 van ons": from us, our own commitment
        if any(w.surface in j.lex.words["since"] for w in clause):
            continue  # "on our website since 7am": what has been, not a forecast
        times = _clock_times(_quote(j, clause))
        relative = _phrase_in(j, clause, "when")
        if not times and not relative:
            continue
        if not _has(clause, forecast):
            continue  # "ring us 8am-4pm", "a 6:40 text", "tonight is refunded": a time, but no forecast of
            # a fix, a return or an arrival
        hours = _hours(_quote(j, clause))
        if hours and hours <= theirs and not _has(clause, j.lex.words["fix"]):
            continue  # "your call at 11": their plans, not a forecast (but "back before 11" is one)
        if _negated(j, clause):
            continue  # "we can't say when it will be fixed"
        if times and times <= allowed:
            continue
        if not times and _overlaps_when(j, clause, known_text):
            continue
        fact = (
            fill(j.lex.details["fact_fix"], fix=str(expected))
            if expected
            else j.lex.details["fact_no_fix"]
        )
        _speculation(j, "time", clause, fact)
        return


_HOUR = re.compile(
    r"\b(?:at|by|before|after|until|around|om|voor|na|tot|rond|vanaf)\s+(\d{1,2})(?:[:.](\d{2}))?\b"
    r"|\b(\d{1,2})(?:[:.](\d{2}))?\s?(?:uur|am|pm)\b|\b(\d{1,2})[:.](\d{2})\b",
    re.IGNORECASE,
)


def _hours(text: str) -> set[str]:
    """The times of day a text names, as H or H:MM ('at 11', 'om 10 uur', '08:55')."""
    out = set()
    for m in _HOUR.finditer(text):
        hour, minute = next(
            (m.group(k), m.group(k + 1)) for k in (1, 3, 5) if m.group(k) is not None
        )
        out.add(f"{int(hour)}:{minute}" if minute else str(int(hour)))
    return out


def _clock_times(text: str) -> set[str]:
    """Clock times in a text as H:MM ('10:00', '9.30', '4pm', '16.00 uur')."""
    out = {f"{int(h)}:{m}" for h, m in _CLOCK.findall(text)}
    for h, half in _AMPM.findall(text.lower()):
        hour = int(h) % 12 + (12 if half == "pm" else 0)
        out.add(f"{hour}:00")
    return out


def _overlaps_when(j: Judgement, clause: list[Word], known_text: str) -> bool:
    """Does a relative time in the clause ('tomorrow', 'within 3 days') come from the facts?"""
    theirs = content_words(known_text, j.language) | set(re.findall(r"\d+", known_text))
    times = j.lex.words["time_words"]
    return any((w.lemma in times or w.surface.isdigit()) and w.among(theirs) for w in clause)


def _compensation(j: Judgement, clauses: list[list[Word]], facts: object, known_text: str) -> None:
    if j.has("sales"):
        return  # "now 3 months free with Zeker+" is a pitch, judged as one, not a promise of compensation
    allowed = known(facts, "compensation")
    if _unknown(allowed, j):
        allowed = None
        known_text = all_facts({k: v for k, v in _items(facts) if k != "compensation"})
    money, claimed = j.lex.words["compensation"], j.lex.words["claimed"]
    allowed_words = content_words(known_text, j.language)
    some_allowed = allowed is not None or bool(
        allowed_words & money
    )  # the facts offer money back of some kind
    first_reply = j.context.kind == "reply"  # nothing has been paid before the first answer
    allowed_numbers = _numbers(j, known_text) if first_reply else set()
    if allowed_numbers and j.context.post:
        allowed_numbers |= _numbers(
            j, j.context.post
        )  # "the £45 is refunded": the customer's own figure
    for clause in clauses:
        word = _has(clause, money)
        if word is None or negation_before(j.reading, word.start, j.lex) is not None:
            continue
        beyond = (_numbers(j, _quote(j, clause)) - allowed_numbers) if allowed_numbers else set()
        we = j.lex.words["we"]
        promised = _form(clause, j.lex.words["future"]) is not None or any(
            w.surface in we for w in clause[:3]
        )
        # paid before: "your refund was processed this morning", "is al teruggestort"; "today's fee is
        # refunded for every family" says what happens, as the facts allow, not that it has happened
        paid = _form(clause, claimed) and _form(clause, j.lex.words["paid_before"]) and not promised
        if (beyond and not promised) or (paid and (first_reply or not some_allowed)):
            fact = fill(j.lex.details["fact_compensation"], compensation=allowed or "-")
            _speculation(j, "invented_compensation", clause, fact)
            return
        if beyond or not some_allowed:
            fact = (
                fill(j.lex.details["fact_compensation"], compensation=allowed)
                if allowed
                else j.lex.details["fact_no_compensation"]
            )
            _promise(j, clause, fact)
            return


def _items(facts: object) -> list[tuple[str, object]]:
    if isinstance(facts, dict):
        return list(facts.items())
    return list(vars(facts).items()) if hasattr(facts, "__dict__") else []


def _numbers(j: Judgement, text: str) -> set[str]:
    numbers = j.lex.words["numbers"]
    found = set(re.findall(r"\d+", text))
    found |= {
        NUMBER_WORDS.get(w, w) for w in re.findall(r"[a-z]+", text.lower()) if w in numbers
    }  # "three days' credit" and "3 days' credit" are the same promise
    return found


def _counted(words: str) -> dict[str, str]:
    """ "one two three" -> {"one": "1", "two": "2", "three": "3"}."""
    return {word: str(n) for n, word in enumerate(words.split(), start=1)}


# Number words as digits, both languages (the lexicons' `numbers` lists say which words count).
NUMBER_WORDS = {
    **_counted("one two three four five six seven eight nine ten eleven twelve"),
    **_counted("een twee drie vier vijf zes zeven acht negen tien elf twaalf"),
    "twenty": "20",
    "fifty": "50",
    "hundred": "100",
    "twintig": "20",
    "vijftig": "50",
    "honderd": "100",
}


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
