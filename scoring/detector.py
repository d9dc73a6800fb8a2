"""Learned detectors: for the categories where phrase rules don't carry to new wording, a small linear model
per language decides, from the reply's words, its clause structure and the rules' own findings.

Each detector is a logistic regression over features of the reply (`features`): its lemmas and lemma pairs,
the lemmas of clauses whose subject is the customer ("you", "je", "u") or the brand ("we", "ons"), negation
and terms in a clause with the customer as subject, the categories the phrase rules found, and (for an
acknowledgement) how many of the customer's own words the reply takes up. Speculation and empty promises
(`LATE`) are weighed after the facts check (scoring/facts.py), so that what the case knows is among them.
The weights are fitted by scoring/refit_detector.py on the graded corpus (tests/data/corpus_*.yaml) and
kept in scoring/detector.json; judging a reply is a dot product. The detector has the last word on its categories:
it confirms a rule's finding, withdraws it, or adds one where the rules found none, quoting the clause whose
features weigh most and saying so in the trainer's words.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .text import Reading
from .weights import LEARNED_BLAME_SHARE

if TYPE_CHECKING:
    from .rubric import Judgement

WEIGHTS = Path(__file__).resolve().parent / "detector.json"
YOU = {
    "en": frozenset({"you", "your", "yours", "yourself", "you've", "you're", "you'd", "you'll"}),
    "nl": frozenset({"je", "jij", "jou", "jouw", "u", "uw", "jezelf", "uzelf"}),
}
WE = {
    "en": frozenset(
        {"we", "our", "us", "ours", "we've", "we're", "we'd", "we'll", "i", "i'm", "i'll"}
    ),
    "nl": frozenset({"we", "wij", "ons", "onze", "ik", "mij", "mijn"}),
}
NEGATION = {
    "en": frozenset({"not", "no", "never", "n't", "nothing", "cannot"}),
    "nl": frozenset({"niet", "geen", "nooit", "niets", "niks"}),
}
STOP = {
    "en": frozenset(
        {
            "the",
            "a",
            "an",
            "and",
            "or",
            "to",
            "of",
            "in",
            "on",
            "at",
            "for",
            "is",
            "be",
            "it",
            "this",
        }
        | {"that", "with", "as", "so"}
    ),
    "nl": frozenset(
        {
            "de",
            "het",
            "een",
            "en",
            "of",
            "te",
            "van",
            "in",
            "op",
            "aan",
            "voor",
            "is",
            "zijn",
            "dat",
        }
        | {"dit", "met", "als", "zo", "er"}
    ),
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Word groups a detector weighs as one feature ("g:" and, in a clause about the customer, "gy:"), so that
# what a few replies teach about one word carries to its neighbours: blame by implication names where the
# customer was told ("in your documents", "on our website", "emailed to you"), says it plainly ("clearly",
# "already"), has the customer receive, read, accept or choose, or advises them for next time.

CUES = {
    "en": {
        "source": _words(
            "website site faq term condition t&c tcs cs document documentation agreement contract"
            " policy email e-mail letter text sms app page notice notification manual instruction"
            " label receipt invoice confirmation booking record register sign signage announcement"
            " print leaflet brochure timetable statement bill guideline rule standard warranty"
            " guarantee disclaimer"
        ),
        "plain": _words(
            "clearly clear explicitly plainly obviously simply already always certainly just fully"
        ),
        "told": _words(
            "send email text inform notify tell remind warn announce publish communicate outline"
            " state set list show display explain mention print advertise post detail specify"
            " advise"
        ),
        "act": _words(
            "receive read accept agree choose select pick look check sign tick confirm see notice"
            " opt ignore miss forget skip overlook enter fill use follow report keep ring call"
            " leave order book"
        ),
        "oblige": _words("need must should have require ought responsibility up"),
        "advice": _words("next time make sure ensure remember please try tip"),
    },
    "nl": {
        "source": _words(
            "website site faq voorwaarde voorwaarden document overeenkomst contract polis mail"
            " e-mail email brief sms app pagina melding handleiding instructie etiket bon factuur"
            " bevestiging boeking werkorder bord aankondiging lettertje folder dienstregeling"
            " nota rekening beleid richtlijn richtlijnen regel regels garantie"
        ),
        "plain": _words(
            "duidelijk gewoon al reeds expliciet altijd netjes netje simpelweg uitdrukkelijk"
            " eenmaal toch"
        ),
        "told": _words(
            "sturen versturen mailen informeren melden vertellen herinneren waarschuwen aankondigen"
            " publiceren communiceren vermelden staan staat tonen uitleggen aangeven noemen"
            " adverteren laten weten"
        ),
        "act": _words(
            "ontvangen lezen accepteren akkoord kiezen kijken controleren checken tekenen aanvinken"
            " bevestigen zien vergeten missen negeren overslaan invullen gebruiken volgen instellen"
            " doorlezen horen melden bellen bestellen boeken"
        ),
        "oblige": _words("moeten dienen verantwoordelijkheid zelf"),
        "advice": _words("volgende keer voortaan zorg tip let graag probeer altijd"),
    },
}
# Dutch writes the rule it points at as one word ("huurvoorwaarden", "communityrichtlijnen",
# "verzorgingsinstructies"): a word ending in one of these counts as a source too.
SOURCE_TAILS = {"nl": ("voorwaarden", "richtlijnen", "instructies", "regels", "beleid", "garantie")}
# A shorter reply is left to the phrase rules; a detector with `short_words` may add its category
# there (never withdraw) at `short_threshold` (scoring/refit_detector.py, PER).
MIN_WORDS = 15
# Whether a detector is consulted at all; refit_detector switches it off to read the rules' own findings.
ENABLED = True
RECORD: list[dict[str, float]] | None = None  # refit_detector collects the features here when set
RECORD_LATE: list[dict[str, float]] | None = None  # ... and those after the facts check here
# Categories a detector decides after the facts check (scoring/facts.py), with its findings among the
# features: whether a cause or a time is speculation depends on what the case knows.
LATE = ("speculation", "empty_promise")
OVERRIDE: dict | None = None  # refit_detector judges with weights fitted on part of the corpus


def clause_features(reading: Reading, clause: int) -> dict[str, float]:
    """The features one clause contributes (also how the finding picks the clause it quotes)."""
    language = reading.language
    words = reading.clause_words(clause)
    lemmas = [w.lemma for w in words]
    surfaces = {w.surface for w in words}
    out: dict[str, float] = {}
    for lem in lemmas:
        if lem not in STOP.get(language, ()):
            out["w:" + lem] = 1.0
    for a, b in pairwise(lemmas):
        out[f"b:{a}_{b}"] = 1.0
    you = bool(surfaces & YOU.get(language, frozenset()))
    we = bool(surfaces & WE.get(language, frozenset()))
    negated = bool(surfaces & NEGATION.get(language, frozenset())) or any(
        s.endswith("n't") for s in surfaces
    )
    cues = CUES.get(language, {})
    forms = set(lemmas) | surfaces
    compound_source = any(s.endswith(SOURCE_TAILS.get(language, ())) for s in surfaces)
    for name, group in cues.items():
        if forms & group or (name == "source" and compound_source):
            out["g:" + name] = 1.0
            if you:
                out["gy:" + name] = 1.0
    if "g:source" in out and ("g:told" in out or "g:plain" in out):
        out["c:source_told"] = 1.0  # "clearly set out in your documents", "shown on our website"
    if you and we:
        out["s:both"] = 1.0
    # a clause about the customer alone ("y:" lemmas) or about the brand alone ("o:" lemmas)
    for subject, prefix, alone in (("you", "y:", you and not we), ("we", "o:", we and not you)):
        if not alone:
            continue
        out["s:" + subject] = 1.0
        for lem in lemmas:
            if lem not in STOP.get(language, ()):
                out[prefix + lem] = 1.0
        if negated:
            out[f"s:{subject}_neg"] = 1.0
    return out


# Faces that mock in a reply to a complaint: in the graded corpus the English replies with an eye-roll,
# a laugh, a smirk or a shrug (52 of them) averaged a grade under 10, whatever words came with them.
MOCKING_FACES = (
    "\N{FACE WITH ROLLING EYES}",
    "\N{FACE WITH TEARS OF JOY}",
    "\N{SMIRKING FACE}",
    "\N{ROLLING ON THE FLOOR LAUGHING}",
    "\N{SHRUG}",
    "\N{UNAMUSED FACE}",
    "\N{UPSIDE-DOWN FACE}",
)


def features(j: Judgement) -> dict[str, float]:
    """Every feature of the reply: its clauses' features, the rules' findings so far, the case."""
    reading = j.reading
    out: dict[str, float] = {"bias": 1.0}
    out.update(_clauses(reading))
    for category in j.present:
        out["r:" + category] = 1.0
    for category in j.cleared:
        out["x:" + category] = 1.0
    if "r:non_apology" in out and any(k in out for k in ("g:source", "g:told", "g:plain")):
        out["c:non_apology_told"] = 1.0  # "sorry you feel…, but it's on our website"
    if not {"r:solution", "r:ownership", "r:apology"} & out.keys() and any(
        k in out for k in ("g:source", "g:plain", "g:oblige")
    ):
        out["c:rule_no_step"] = 1.0  # a rule, a fact or a duty stated, and nothing done or owned
    out["kind:" + j.context.kind] = 1.0
    if j.context.at_fault:
        out["case:at_fault"] = 1.0
    if any(face in reading.text for face in MOCKING_FACES):
        out["e:mock"] = 1.0  # an eye-roll or a laugh at the customer's expense
    out["overlap"] = _overlap(reading, j.context.post, j.language)
    out["len"] = min(1.0, len(reading.words) / 60.0)
    return out


# A reply's clause features, read once: the detectors weigh them before the facts check and again after.
_CLAUSES: WeakKeyDictionary[Reading, dict[str, float]] = WeakKeyDictionary()


def _clauses(reading: Reading) -> dict[str, float]:
    known = _CLAUSES.get(reading)
    if known is None:
        known = {}
        for clause in sorted({w.clause for w in reading.words}):
            known.update(clause_features(reading, clause))
        _CLAUSES[reading] = known
    return known


def _overlap(reading: Reading, post: str, language: str) -> float:
    """The share of the customer's content words that the reply takes up (0-1)."""
    if not post:
        return 0.0
    theirs = _post_words(post, language)
    mine = _content(reading, language)
    return len(theirs & mine) / len(theirs) if theirs else 0.0


@lru_cache(maxsize=1024)
def _post_words(post: str, language: str) -> frozenset[str]:
    return frozenset(_content(Reading(post, language), language))


def _content(reading: Reading, language: str) -> set[str]:
    left_out = (
        STOP.get(language, frozenset())
        | YOU.get(language, frozenset())
        | WE.get(language, frozenset())
    )
    return {w.lemma for w in reading.words if len(w.lemma) > 3 and w.lemma not in left_out}


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted weights: {language: {category: {"threshold", "withdraw", "weights": {feature: w}}}}:
    the detector adds its category at a probability of `threshold` or more, and withdraws a rule's finding
    under `withdraw` (scoring/refit_detector.py sets both; the figures in docs/scoring.md chose them)."""
    if not WEIGHTS.exists():
        return {}
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def probability(weights: dict[str, float], feats: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def apply(j: Judgement, fitted: dict | None = None, late: bool = False) -> None:
    """Let each fitted detector of the reply's language confirm, withdraw or add its category: the
    word-level ones before the facts check, the LATE ones (late=True) after it."""
    record = RECORD_LATE if late else RECORD
    if record is not None:
        record.append(features(j))
    if not ENABLED or j.language != j.context.language:
        return  # a reply in another language than the customer's: nothing it earns counts anyway
    fitted = fitted if fitted is not None else OVERRIDE if OVERRIDE is not None else model()
    detectors = fitted.get(j.language, {})
    if not detectors:
        return
    words = len(j.reading.words)
    weighed = {  # too few words to weigh: the phrase rules' reading stands
        category: (detector, reach)
        for category, detector in detectors.items()
        if (category in LATE) == late
        and (reach := _reach(detector, words)) is not None
        and _applies(j, category)
    }
    if not weighed:
        return
    feats = features(j)
    own_words = {  # categories the policy adds its own phrases to: those phrases always count
        category
        for language, categories in j.context.policy.lexicon.items()
        if language == j.language
        for category in categories
    }
    for category, (detector, (adds_at, may_withdraw)) in weighed.items():
        p = probability(detector["weights"], feats)
        found = j.has(category)
        if p >= adds_at and not found and category not in j.cleared:
            _add(j, category, detector["weights"])
        elif (
            may_withdraw
            and p < detector.get("withdraw", detector["threshold"])
            and found
            and category not in own_words
            and category not in j.settled
        ):
            j.findings = [
                f for f in j.findings if not (f.category == category and f.polarity != "missing")
            ]


def _reach(detector: dict, words: int) -> tuple[float, bool] | None:
    """How a detector weighs a reply of `words` words: (the probability it adds its category at,
    whether it may withdraw the rules' finding); None: too short to weigh. A reply shorter than
    `min_words` but of `short_words` or more gets only additions, at `short_threshold`."""
    if words >= detector.get("min_words", MIN_WORDS):
        return detector["threshold"], True
    if words >= detector.get("short_words", words + 1):
        return detector["short_threshold"], False
    return None


def _applies(j: Judgement, category: str) -> bool:
    if category == "speculation":
        # what is a guess depends on what the case knows (LATE): with no facts declared, the phrase
        # rules' reading of an outright guess ("probably the cold") stands; every graded case has facts
        return j.context.facts is not None
    if category == "private_channel":
        return j.context.kind != "dm"
    if category == "public_personal_data":
        return j.context.public and j.context.kind != "dm"
    return True


def _add(j: Judgement, category: str, weights: dict[str, float]) -> None:
    """A finding quoting the clause whose features weigh most towards the category."""
    reading = j.reading
    clauses = sorted({w.clause for w in reading.words})
    if not clauses:
        return
    best = max(
        clauses,
        key=lambda c: sum(weights.get(k, 0.0) for k in clause_features(reading, c)),
    )
    words = reading.clause_words(best)
    span = reading.original(words[0].start, words[-1].end)
    cat = j.lex.categories[category]
    points = cat.points * (LEARNED_BLAME_SHARE if category == "blame" else 1.0)
    j.add("learned", category, span, points, f"{cat.explanation} ({j.lex.details['learned']})")
