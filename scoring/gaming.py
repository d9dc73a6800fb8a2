"""The rules against gaming the rubric: pasted replies, and warm words without content."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from stormdrill.simulator.assessment import Finding

from .rules import SIGN_OFF, fill
from .text import STOPWORDS, lemma, normalise

if TYPE_CHECKING:
    from .rubric import Judgement

# share of content words two replies have in common (names and sign-offs left out)
DUPLICATE_JACCARD = 0.75
# ...or share of the shorter reply found in the other (a template with one line added)
DUPLICATE_CONTAINED = 0.9
DUPLICATE_MIN_WORDS = 3
HOLLOW_PRAISE = 3  # this many empathy/praise words with no content is hollow
# ...and this many is hollow whatever comes with it (warm words stacked as a formula)
HOLLOW_PRAISE_ANYWAY = 4
# a reply with fewer function words than this is a list of keywords, not sentences
SALAD_FUNCTION_SHARE = 0.2
SALAD_MIN_CATEGORIES = 3
# A reply is about the customer's own case when it shares a longer content word with their post (by its
# first letters: "afgewezen" and "afwijzing" share "afw..."; short words like "bill" say too little).
SITUATION_MIN_LENGTH = 6
SITUATION_STEM = 5
EMPTY_EMPATHY_CAP = 12.0  # empathy points a reply earns at most when it offers nothing concrete
EMPATHY = ("acknowledge", "apology", "human_voice", "personal")
CONTENT = ("solution", "explanation", "ownership")  # an invitation to DM alone is no content
# ------------------------------------------------------------------ pasted replies


def duplicate(j: Judgement) -> None:
    """A reply (nearly) the same as an earlier one, whoever it went to: names and sign-offs left out."""
    context = j.context
    if not context.earlier_replies:
        return
    names = frozenset(normalise(n)[0] for n in (context.first_name, context.last_name) if n)
    mine = comparable(j.reading.text, j.language) - names
    if len(mine) < DUPLICATE_MIN_WORDS:
        return
    for earlier in reversed(context.earlier_replies):
        theirs = comparable(earlier, j.language) - names
        if len(theirs) < DUPLICATE_MIN_WORDS:
            continue
        shared = len(mine & theirs)
        jaccard = shared / len(mine | theirs)
        contained = shared / min(len(mine), len(theirs))
        if jaccard >= DUPLICATE_JACCARD or (
            contained >= DUPLICATE_CONTAINED and min(len(mine), len(theirs)) >= 6
        ):
            mine_text = (
                j.reading.text.strip()
            )  # the trainee's own words of this reply are the evidence
            preview = mine_text if len(mine_text) <= 60 else mine_text[:57] + "..."
            j.add_category(
                "pasted",
                "duplicate",
                preview,
                fill(j.lex.details["duplicate"], similarity=f"{max(jaccard, contained):.0%}"),
            )
            return


@lru_cache(maxsize=8192)
def content_words(text: str, language: str) -> frozenset[str]:
    """The lemmas of a text's content words (no function words, no numbers)."""
    stop = STOPWORDS.get(language, frozenset())
    return frozenset(
        lemma(w, language)
        for w in re.findall(r"[a-z]+(?:'[a-z]+)?", normalise(text)[0])
        if len(w) > 1 and w not in stop
    )


@lru_cache(maxsize=8192)
def comparable(text: str, language: str) -> frozenset[str]:
    """What two replies are compared by: content lemmas without greeting, names and sign-off."""
    return content_words(_impersonal(text), language)


def _impersonal(text: str) -> str:
    """A reply without its sign-off and the names in it (capitalised words mid-sentence), to compare replies."""
    text = SIGN_OFF.sub(" ", text)
    text = re.sub(
        r"^\s*(?:hi|hey|hello|dear|hoi|hallo|beste|goedemorgen|goedemiddag)\s+[A-Z][a-z]+",
        " ",
        text,
        flags=re.IGNORECASE,
    )
    return re.sub(r"(?<=[^.!?\s] )[A-Z][a-z]+\b", " ", text)


# ------------------------------------------------------------------ hollow words


def hollow(j: Judgement) -> None:
    """Empathy and praise words stacked with no content (no concrete step, nothing about the customer's own
    situation) are hollow; a keyword salad (the rubric's words without sentences) too. Without content,
    the empathy a reply earns is capped low."""
    reading, lex = j.reading, j.lex
    if j.has("wrong_language"):
        return  # another language's words are no keyword salad: the wrong language is the finding
    content = {c for c in CONTENT if j.has(c)}
    situation = _situation(j)
    praise = [w for w in reading.words if w.among(lex.words["praise"])]
    positive = {f.category for f in j.findings if f.polarity == "earned" and f.points > 0}
    words = reading.words
    stop = STOPWORDS.get(j.language, frozenset())
    function_share = sum(1 for w in words if w.surface in stop) / max(1, len(words))
    salad = (
        len(words) >= 4
        and function_share < SALAD_FUNCTION_SHARE
        and len(positive) >= SALAD_MIN_CATEGORIES
    )
    if salad:
        j.findings = [
            scaled(f, 0.0, lex.details["salad"]) if f.polarity == "earned" else f
            for f in j.findings
        ]
        j.add_category("keyword_salad", "hollow", reading.text.strip()[:80], lex.details["salad"])
        return
    elif valued := _valued(j):
        # "you're a valued member of the FitForge family": in the graded corpus nearly every reply with
        # such praise is labelled hollow and none is graded over 42, whatever else it says
        j.add_category("valued", "hollow", valued[0], lex.details["valued"])
    elif len(praise) >= HOLLOW_PRAISE_ANYWAY or (
        len(praise) >= HOLLOW_PRAISE and not content and not situation
    ):
        span = reading.original(praise[0].start, praise[-1].end)
        j.add_category("praise", "hollow", span, lex.details["hollow"])
    elif not content and j.has("shouting") and not j.has("patronising"):
        # feelings in capitals and exclamation marks with nothing concrete: noise, not warmth
        shout = next(f for f in j.findings if f.category == "shouting")
        j.add_category("shouted", "hollow", shout.span, lex.details["hollow"])
    if content or situation:
        return
    empathy = [
        f for f in j.findings if f.category in EMPATHY and f.polarity == "earned" and f.points > 0
    ]
    total = sum(f.points for f in empathy)
    if total <= EMPTY_EMPATHY_CAP:
        return
    scale = EMPTY_EMPATHY_CAP / total
    j.findings = [
        scaled(f, scale, lex.details["capped"]) if f in empathy else f for f in j.findings
    ]


def _valued(j: Judgement) -> list[str]:
    """The reply's praise of a valued member or customer, but for the customer's own words echoed
    ("being a valued customer shouldn't mean waiting three weeks")."""
    said = (j.reading.original(*span) for span in j.pattern_spans("valued_member"))
    return [span for span in said if span.lower() not in j.context.post.lower()]


def scaled(f: Finding, scale: float, note: str) -> Finding:
    return Finding(
        f.rule,
        f.category,
        f.span,
        round(f.points * scale, 1),
        f"{f.explanation} ({note})",
        f.polarity,
    )


def _situation(j: Judgement) -> bool:
    """Does the reply name something of the customer's own situation (a content word of their post)?"""
    post = j.context.post
    if not post:
        return False
    lex = j.lex
    generic = lex.words["praise"] | lex.words["generic"]
    theirs = content_words(post, j.language) - generic
    mine = content_words(j.reading.text, j.language) - generic
    stems = {w[:SITUATION_STEM] for w in mine if len(w) >= SITUATION_MIN_LENGTH}
    return any(w[:SITUATION_STEM] in stems for w in theirs if len(w) >= SITUATION_MIN_LENGTH)
