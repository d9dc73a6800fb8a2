"""A reply as the rubric reads it: normalised, split into words with their lemmas, and into clauses.

Phrases are matched on the *lemma line*: the normalised text with every word
replaced by its dictionary form (simplemma), punctuation kept in place, so
"we apologised", "we apologize" and "we apologise" are one phrase, as are
"u ervaart" and "u heeft het zo ervaren". Each character of the lemma line maps
back to the trainee's own characters, so every finding still quotes them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

_BLANK = re.compile(r"https?://\S+|www\.\S+|@\w+")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*'?")
# A full stop or colon inside a number ("12:00", "9.30") ends nothing.
CLAUSE_BREAK = re.compile(r"(?:[!?;\n]|(?<!\d)[.:]|[.:](?!\d))+|,|\s[-–—]\s|\(|\)")
# Words after which a new clause starts even without punctuation ("sorry but you should have...").
CLAUSE_WORDS = {
    "en": frozenset({"but", "however", "although", "though", "while", "whereas"}),
    "nl": frozenset({"maar", "echter", "hoewel", "terwijl", "alleen"}),
}


@lru_cache(maxsize=8192)
def normalise(text: str) -> tuple[str, tuple[int, ...] | range]:
    """Lowercase, accents stripped, handles/links/emoji blanked; with each character's original index.
    Cached: a reply's text is normalised by several checks (its reading, the duplicate and hollow checks,
    the language checks), and a refit judges every graded reply more than once."""
    blanked = _BLANK.sub(lambda m: " " * len(m.group(0)), text)
    if blanked.isascii():  # the common case: one character for one character
        return blanked.lower().replace("`", "'"), range(len(blanked))
    out, where = [], []
    for i, ch in enumerate(blanked):
        if ch in "’‘`´":
            ch = "'"
        for piece in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(piece):
                continue
            if ord(piece) > 0x2000 and not piece.isalnum():  # emoji and symbols end a clause
                piece = "\n"
            out.append(piece.lower())
            where.append(i)
    return "".join(out), tuple(where)


@lru_cache(maxsize=65536)
def lemma(word: str, language: str) -> str:
    """The dictionary form of one normalised word; contractions keep their own form (isn't ≠ is)."""
    if "'" in word or word.isdigit() or len(word) < 3:
        return word
    found = simplemma.lemmatize(word, lang=language).lower().replace("_", "")
    found = normalise(found)[0] if not found.isascii() else found
    if language == "en" and found.endswith("ize"):  # apologize = apologise
        found = found[:-3] + "ise"
    return found if _WORD.fullmatch(found) else word


@dataclass(frozen=True)
class Word:
    surface: str  # normalised (lowercase, no accents)
    lemma: str
    start: int  # in the normalised text
    end: int
    clause: int  # index of the clause it belongs to

    def among(self, words: frozenset[str] | set[str]) -> bool:
        """Is the word in a word list, as written or by its lemma (the lexicon's lists hold both)?"""
        return self.surface in words or self.lemma in words


class Reading:
    """One text read for the rubric: normalised text, words, clauses and the lemma line with its map back."""

    def __init__(self, text: str, language: str):
        self.text = text
        self.language = language
        self.normal, self.where = normalise(text)
        self.words: list[Word] = []
        clause_marks = [m.start() for m in CLAUSE_BREAK.finditer(self.normal)]
        clause, mark = 0, 0
        joiners = CLAUSE_WORDS.get(language, frozenset())
        coordinators = COORDINATORS.get(language, frozenset())
        subjects = SUBJECTS.get(language, frozenset()) | ELIDED_SUBJECT_VERBS.get(
            language, frozenset()
        )
        for m in _WORD.finditer(self.normal):
            while mark < len(clause_marks) and clause_marks[mark] < m.start():
                clause += 1
                mark += 1
            surface = m.group(0).strip("'") if not m.group(0).endswith("n't") else m.group(0)
            if surface in joiners and self.words:
                clause += 1
            elif (
                surface in subjects
                and len(self.words) >= 2
                and self.words[-1].surface in coordinators
                and self.words[-1].clause == clause
            ):
                clause += 1  # "... and it's on us": the subject opens a clause of its own
            self.words.append(Word(surface, lemma(surface, language), m.start(), m.end(), clause))
        self.line, self.line_start, self.line_end = self._lemma_line()

    def _lemma_line(self) -> tuple[str, list[int], list[int]]:
        """The normalised text with each word replaced by its lemma; per character, the normalised span it covers."""
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for w in self.words:
            gap = self.normal[pos : w.start]
            parts.append(gap)
            starts.extend(range(pos, w.start))
            ends.extend(range(pos + 1, w.start + 1))
            parts.append(w.lemma)
            starts.extend([w.start] * len(w.lemma))
            ends.extend([w.end] * len(w.lemma))
            pos = w.end
        tail = self.normal[pos:]
        parts.append(tail)
        starts.extend(range(pos, len(self.normal)))
        ends.extend(range(pos + 1, len(self.normal) + 1))
        return "".join(parts), starts, ends

    def span(self, line_start: int, line_end: int) -> tuple[int, int]:
        """The normalised-text span of a lemma-line match."""
        if line_start >= line_end:
            return line_start, line_start
        return self.line_start[line_start], self.line_end[line_end - 1]

    def original(self, start: int, end: int) -> str:
        """The trainee's own characters for a span of the normalised text."""
        if start >= end:
            return ""
        return self.text[self.where[start] : self.where[end - 1] + 1]

    def word_at(self, start: int) -> int:
        """Index of the first word that starts at or after `start` in the normalised text."""
        for i, w in enumerate(self.words):
            if w.end > start:
                return i
        return len(self.words)

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words that start in a span of the normalised text (a phrase found by the lexicon)."""
        return [w for w in self.words if start <= w.start < end]

    def clause_words(self, clause: int) -> list[Word]:
        return [w for w in self.words if w.clause == clause]


def _split(words: str) -> list[str]:
    return words.split()


# 'and' followed by a new subject joins two clauses ("that's not acceptable and it's on us"): a negation in the
# first does not reach into the second.
COORDINATORS = {"en": frozenset({"and", "so"}), "nl": frozenset({"en", "dus"})}
SUBJECTS = {
    "en": frozenset(
        _split(
            """i we you it they he she that this there i'm we're you're it's they're that's there's
        i've we've you've i'll we'll you'll it'll i'd we'd you'd"""
        )
    ),
    "nl": frozenset(_split("ik we wij je jij u het dat dit ze zij hij er")),
}
# Dutch leaves the subject out after 'en' when both halves share it ("… is nooit uit te sluiten en staat
# ook op de werkbon"): a finite verb right after 'en' opens a clause of its own just as a subject does.
ELIDED_SUBJECT_VERBS = {
    "nl": frozenset(
        _split("staat stond staan is was wordt werd heeft had hebben kan kon moet zal gaat ging")
    ),
}


STOPWORDS = {
    "en": frozenset(
        _split("""a an the and or but if so to of for in on at by with from as is are was were be been am
        it its this that these those there here we our us you your yours i me my he she they them their his her
        will would can could shall should may might must do does did have has had not no yes just very really
        please hi hello hey thanks thank sorry what when where who how why which all any some about into up out
        get got let let's per via we're we'll we've i'm i'll you're it's that's""")
    ),
    "nl": frozenset(
        _split("""de het een en of maar als dan om te van voor in op aan bij met uit naar is zijn was waren
        ben bent wordt worden werd heb hebt heeft hebben had hadden kan kun kunt kunnen wil wilt willen zal zul
        zult zullen moet moeten mag mogen dit dat deze die er hier daar we wij ons onze je jij jou jouw u uw ik
        me mij mijn hij zij ze hun het niet geen wel ook nog al zo heel erg echt even hoi hallo hey dank bedankt
        sorry wat wanneer waar wie hoe waarom alle alles iets iemand over tot zoals volgens via""")
    ),
}


def detect_language(text: str, default: str) -> str:
    """en or nl, by which language's function words the text uses more; `default` when it is a tie."""
    words = _WORD.findall(normalise(text)[0])
    en = sum(1 for w in words if w in _MARKERS["en"])
    nl = sum(1 for w in words if w in _MARKERS["nl"])
    if en == nl:
        return default
    return "en" if en > nl else "nl"


def neither_language(text: str) -> bool:
    """A text of some length that uses (almost) none of the function words of English or Dutch: a third
    language. Every function word counts here, not only those that tell the two apart: "Geachte heer,
    bel de werkplaats maar even, dan kijken we ernaar" has one word only Dutch uses, and five in all."""
    words = _WORD.findall(normalise(text)[0])
    if len(words) < FOREIGN_MIN_WORDS:
        return False
    known = sum(1 for w in words if w in STOPWORDS["en"] or w in STOPWORDS["nl"])
    return known / len(words) < FOREIGN_MARKER_SHARE


# Shorter texts may be all names, numbers, links and "DM" ("Storing bekend. Zie glasnet.nl/storingen.",
# "Refund page is live. Requests paid in 7 days.").
FOREIGN_MIN_WORDS = 9
FOREIGN_MARKER_SHARE = 0.1  # English and Dutch replies use 25-50% function words


# Words common in one language and rare in the other (not 'in', 'is', 'we', 'dm'...).
_MARKERS = {
    "en": frozenset(
        _split("""the and you your to of for it this that with have be on at will can please hi hello thanks
        sorry our are was were been would could should what when where how why not no just very really
        we're we'll we've i'm i'll you're it's that's can't don't won't isn't there their they about from
        get got let let's know understand frustrating annoying apologies apologise apologize""")
    ),
    "nl": frozenset(
        _split("""de het een en je jij jouw u uw van voor dat die dit met op te naar er hoi hallo dank bedankt
        ons onze wij zijn niet geen wel ook nog zo heel erg echt wat hoe waarom kunnen kun kunt wil wilt heb
        hebt heeft hebben wordt worden excuses vervelend spijt begrijpen begrijp snap balen sorry""")
    )
    - frozenset({"sorry"}),
}
