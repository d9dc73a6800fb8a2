"""Privacy in a reply: personal data asked in public, secrets asked anywhere."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import compiled, spans
from .rules import clause_at, fill, negates, negation_before
from .text import Reading
from .weights import WEAK_BAND_CEILING

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .rubric import Judgement

SECRET_KINDS = ("password", "iban")  # asking for these in public weighs double
# What parts a public place ("below") from the data it would hold: a sentence's end, a colon, a bracket.
HARD_BREAK = re.compile(r"[.!?;:()\n]|\s[-–—]\s")


def public_data(j: Judgement) -> None:
    """Asking for personal data in a public reply (naming it in a request), unless the reply invites to DM.
    Secrets (a password, a PIN, an IBAN) weigh double."""
    cat = j.lex.categories["public_personal_data"]
    # An invitation to go private excuses naming data, unless the reply asks for the data in the thread
    # itself ("pop your phone number below so the manager can ring you"): then nothing moved private.
    invited = j.has("private_channel")
    in_thread = j.pattern_spans("public_place") if invited else []
    private = [f.span.lower() for f in j.findings if f.category == "private_channel" and f.span]
    if invited and not in_thread:
        return
    watched = set(j.context.policy.private.never_ask_publicly)
    reading = j.reading
    if not spans(reading, cat.pattern, cat.surface):
        return  # no personal data named at all: the common case
    worst = None
    for kind, phrases in (cat.data_kinds or {}).items():
        if kind not in watched:
            continue
        for phrase in phrases:
            for match in compiled(phrase, j.language).finditer(reading.line):
                if (
                    _is_request(reading, match.start(), match.end(), j.lex)
                    and not _not_an_address(reading, match.start(), j.lex)
                    and (
                        not invited
                        or _asked_in_thread(reading, match.start(), in_thread, private, j.lex)
                    )
                ):
                    points = cat.points * (2 if kind in SECRET_KINDS else 1)
                    if worst is None or points < worst[1]:
                        worst = (kind, points, reading.original(*reading.span(*match.span())))
                    break
    if worst is not None:
        kind, points, span = worst
        ceiling = fill(j.lex.details["public_data"], ceiling=f"{WEAK_BAND_CEILING:.0f}")
        j.add(kind, "public_personal_data", span, points, f"{cat.explanation} ({ceiling})")
        if not invited:
            return
        if _offered_beside(reading, span, private, j.lex):
            j.settled.add("public_personal_data")  # asked in so many words beside the DM: it stands
        else:
            j.findings = [f for f in j.findings if f.category != "private_channel"]


def _offered_beside(reading: Reading, span: str, private: list[str], lex: Lexicon) -> bool:
    """Is the private channel offered as the other choice in the sentence that asks for the data in the thread
    ("DM us or pop your number below")? Then the invitation stands beside the request."""
    return any(_invitations(reading, reading.text.lower().find(span.lower()), private, lex))


def _not_an_address(reading: Reading, line_at: int, lex: Lexicon) -> bool:
    """Is the data word at lemma-line position `line_at` a verb or a message rather than the customer's data:
    "please email the club office", "timetabling will reply to your email"? Graders gave no personal data in
    any of the 4 English replies over every graded file where that was the only data found."""
    i = reading.word_at(reading.span(line_at, line_at + 1)[0])
    before = [w.surface for w in reading.words[max(0, i - 2) : i]]
    cues = lex.words["data_word_as_verb"]
    return bool(before) and (before[-1] in cues or " ".join(before) in cues)


def _asked_in_thread(
    reading: Reading, line_at: int, places: list[tuple[int, int]], private: list[str], lex: Lexicon
) -> bool:
    """Is the data at lemma-line position `line_at` asked for in the thread: a public place ('below',
    'hieronder') in its sentence, with no stronger break than a comma between them ("reply with your
    surname, caravan number and mobile number"), neither clause a warning ("zet je ordernummer niet hier",
    "don't post your email here"), and no invitation to go private before it in its sentence ('DM us your
    order number (no need to share it here)'), or one offered as a choice ('Stuur ons een DM met je
    bestelling of zet je telefoonnummer hieronder': the number in the thread is still asked for)? A place
    past a colon or a bracket is not where the data goes ("Wat hier is gebeurd, is onze fout: uw e-mail")."""
    words, normal = reading.words, reading.normal
    at = reading.span(line_at, line_at + 1)[0]

    def warned(start: int) -> bool:
        c = clause_at(reading, start)
        return any(w.clause == c and negates(w, lex) for w in words)

    def joined(start: int) -> bool:
        between = normal[min(start, at) : max(start, at)]
        return not HARD_BREAK.search(between) and not warned(start)

    if warned(at) or not any(joined(s) for s, _ in places):
        return False
    return all(_invitations(reading, reading.where[min(at, len(reading.where) - 1)], private, lex))


def _invitations(reading: Reading, where: int, private: list[str], lex: Lexicon) -> list[bool]:
    """For each invitation to go private before position `where` of the reply's text, in its sentence: is it
    offered as one choice of two, an "or / of" between it and `where` ("DM us or pop your number below")?"""
    text = reading.text.lower()
    left, _ = _sentence_bounds(text, where, where)
    choice = re.compile(r"\b(?:" + "|".join(sorted(lex.words["either_or"])) + r")\b")
    before = [k for p in private if 0 <= (k := text.find(p, left)) < where]
    return [choice.search(text, k, where) is not None for k in before]


def secrets(j: Judgement) -> None:
    """Asking for a password, PIN, login details or a security code, in public or in private: no brand ever
    does, and phishers do exactly this."""
    secret = j.lex.patterns["secrets"]
    for start, end in spans(j.reading, secret.lemmas, secret.written):
        if _warned(j, start, end):
            continue  # "deel uw pincode met niemand, ook niet met ons": a warning, the best thing to say
        asked = _is_request(j.reading, *_line_span(j.reading, start, end), j.lex)
        if asked or _needed(j, start, end) or _asked_by_dm(j, start, end):
            j.add_category("asked", "secret_data", j.reading.original(start, end))
            return


# words from "DM us your" to the secret: "DM us your account email and password"
DM_OBJECT_REACH = 4


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around a span of the normalised text starts and ends."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    ends = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return left, min(ends, default=len(text))


def _warned(j: Judgement, start: int, end: int) -> bool:
    """Is the secret named in a warning in its own clause ("share your PIN with no one, not even us")?
    Not a promise in the next clause ("DM us your PIN; we won't share it with anyone")."""
    here = clause_at(j.reading, start)
    return any(clause_at(j.reading, s) == here for s, _ in j.pattern_spans("secret_warning"))


def _asked_by_dm(j: Judgement, start: int, end: int) -> bool:
    """ "DM us your password": a private channel as the request's verb, before the secret in its sentence;
    not a card number ("DM us your card number and we'll refund it" is how a refund starts)."""
    left, _ = _sentence_bounds(j.reading.normal, start, end)
    if any(s <= start < e for s, e in j.pattern_spans("card_data")):
        return False
    reading, lex = j.reading, j.lex
    i = reading.word_at(start)
    if i >= len(reading.words) or any(
        w.clause == reading.words[i].clause
        and (negates(w, lex) or w.surface in lex.words["short_negations"])
        for w in reading.words[:i]
    ):
        return False  # "DM me your player ID (never your password)", "(no card or PIN details)"
    # the secret is the cue's own object: "DM us your (email and) password", not "DM us and we'll reset
    # your password" or "email us if you forgot your password"
    possessive, words = lex.words["possessive"], reading.words
    return any(
        left <= s < start
        and (k := reading.word_at(e)) <= i <= k + DM_OBJECT_REACH
        and words[k].surface in possessive
        and words[k].clause == words[i].clause
        for s, e in j.pattern_spans("dm_cue")
    )


def _needed(j: Judgement, start: int, end: int) -> bool:
    """ "To see what can be saved, we need the password to your Windows account": a secret said to be
    needed, in so many words, is asked for, wherever the request itself comes. Not in a sentence with a
    negation ("we will never need your password", "ik heb geen pincode van je nodig")."""
    reading = j.reading
    left, right = _sentence_bounds(reading.normal, start, end)
    sentence = [w for w in reading.words if left <= w.start < right]
    needed = j.lex.words["secret_needed"]
    return any(w.among(needed) for w in sentence) and not any(negates(w, j.lex) for w in sentence)


def _line_span(reading: Reading, start: int, end: int) -> tuple[int, int]:
    """The lemma-line span of a span of the normalised text."""
    first = next((i for i, s in enumerate(reading.line_start) if s >= start), len(reading.line))
    last = next(
        (i for i in range(len(reading.line_end) - 1, -1, -1) if reading.line_end[i] <= end), first
    )
    return first, max(first, last + 1)


def _is_request(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is the data named in a request (a question, or after a cue such as 'send us') rather than in passing,
    or in a check ("make sure the phone number on your order is correct", "the right email address")?"""
    line = reading.line
    if negation_before(reading, reading.span(start, end)[0], lex) is not None:
        return False  # "no need to post your address", "uw adres hoeft u hier niet te delen"
    left, right = _sentence_bounds(line, start, end)
    check = lex.patterns["data_check"]
    first, last = reading.span(left, right) if right > left else (0, 0)
    if any(first <= s < last for s, _ in spans(reading, check.lemmas, check.written)):
        return False
    before = reading.words[reading.word_at(first) : reading.word_at(reading.span(start, end)[0])]
    if any(w.surface in lex.words["condition"] for w in before) and not any(
        w.surface in lex.words["polite"] for w in before
    ):
        return False  # "if your dad typed in any login details, ...": a condition, not a request
    if line[right : right + 1] == "?":
        return True
    cues = lex.categories["public_personal_data"].request_cues
    return bool(cues and cues.search(line[left:start]))
