"""The rubric's rules beyond plain phrases: negation, who is at fault, language, address, names, the policy's
forbidden phrases. Privacy rules live in scoring/privacy.py, the rules against gaming in scoring/gaming.py.

Each rule reads a `Judgement` (scoring/rubric.py) and adds findings that quote
the trainee's own characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from stormdrill.scenarios.slots import fill as _fill
from stormdrill.simulator.assessment import Finding

from .lexicon import compiled, spans
from .text import STOPWORDS, Reading, Word, lemma, neither_language, normalise
from .weights import ACKNOWLEDGE_ANGER, WEAK_BAND_CEILING

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .rubric import Judgement

LANGUAGE_MIN_WORDS = 3  # shorter replies ("Ok!", "DM?") don't say which language they are in
SHOUT_ALLOWED = {
    "IBAN",
    "WIFI",
    "COVID",
    "NOS",
    "KLM",
    "SMS",
    "FAQ",
    "ASAP",
    "HTML",
    "TV",
    "NS",
    "DM",
    "PM",
    "OV",
    "BSN",
    "KPN",
    "ING",
    "ABN",
    "AMRO",
    "ANWB",
    "UWV",
    "GGD",
    "CEO",
    "USB",
    "PIN",
    "ETA",
    "NB",
    "UK",
    "USA",
    "EU",
    "NL",
    "PS",
    "OK",
    "OKE",
    "AM",
    "ID",
    "PDF",
    "URL",
    "APP",
    "ICT",
}
# Initials or a first name after ^ or ~ ("^JD", "^Pieter"), a name after a dash at the end ("- Sam"), "/JD".
SIGN_OFF = re.compile(
    r"(?:[\^~]\s?[A-Za-z]{1,15}\b|(?:^|\s)[-–/]\s?[A-Z][a-zA-Z]{0,15}\s*$|(?:^|\s)/[A-Z]{1,4}\b)"
)
# A closing and a first name at the end ("Groet, Jeroen", "Cheers, Sam"): a person signs. Only a first name
# counts (_first_names): "Vriendelijke groet, Klantenservice" is a department.
CLOSING = re.compile(
    r"\b(?i:groet(?:en|jes)?|gr|mvg|cheers|thanks|best|regards|best wishes|take care|all the best)"
    r"[,!.]?\s+([A-Z][a-z]+)(?:\s(?:van |de |der |den )?[A-Z][a-z]+)?\s*[.!]?\s*$"
)


def fill(template: str, **values: str) -> str:
    return _fill(template, values)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise(text)[0]).strip("_")[:40] or "phrase"


def negates(w: Word, lex: Lexicon) -> bool:
    """Is the word a negation ("not", "never", "geen", "can't")?"""
    return w.surface in lex.negations or w.surface.endswith("n't")


def negation_before(reading: Reading, start: int, lex: Lexicon) -> int | None:
    """Start of a negation earlier in the clause of the word at `start`, if any ("we can't refund", "not our fault").

    The reach of a negation ends at the clause (punctuation, 'but', 'maar') and at a
    word that opens an embedded clause ("can't imagine how frustrating" stays empathy)."""
    i = reading.word_at(start)
    if i >= len(reading.words):
        return None
    clause = reading.words[i].clause
    for k in range(i - 1, -1, -1):
        w = reading.words[k]
        if w.clause != clause or w.surface in lex.embedders:
            return None
        if w.surface in lex.words.get("fact", ()):
            return None  # "won't change the fact you signed it": the fact itself is not denied
        if (
            w.surface in lex.words.get("comparing", ())
            and reading.words[k + 1].surface in lex.words["we"]
        ):
            return None  # "we didn't top it up like we should have": the comparison is owned, not denied
        if w.surface in lex.words["short_negations"]:
            if i - k <= 2:  # "no refund", "geen excuses": it negates the words right after it only
                return w.start
            if reading.words[k + 1].lemma in lex.words["need"]:
                return (
                    w.start
                )  # "no need to worry", "geen reden tot zorgen": the whole clause is negated
            continue  # "no food is awful": the food is missing, the acknowledgement stands
        if negates(w, lex):
            if _subordinate_subject(reading, k, i, lex) or _verb_between(reading, k, i, lex):
                return None
            return w.start
    return None


def _verb_between(reading: Reading, k: int, i: int, lex: Lexicon) -> bool:
    """Is the negation at `k` the verb's, not the cause's: between them only a past participle of a verb of
    the case and degree words ("was not credited due to an error on our side", "is niet bijgeschreven door
    een fout in onze verwerking": the error stays owned)? "not (really) due to", "don't think it was due to",
    "doesn't seem to be due to", "niet veroorzaakt door" (a cause verb) still deny it."""
    openers = lex.words.get("cause_openers", frozenset())
    cause = next((c for c in range(k + 1, i + 1) if reading.words[c].surface in openers), None)
    if cause is None:
        return False
    between = reading.words[k + 1 : cause]
    degree, causing = (
        lex.words.get("degree", frozenset()),
        lex.words.get("cause_verbs", frozenset()),
    )
    participles = [w for w in between if not w.among(degree)]
    return (
        len(participles) == 1
        and not participles[0].among(causing)
        and _participle(participles[0], lex)
    )


def _participle(w: Word, lex: Lexicon) -> bool:
    if w.among(lex.words.get("participles", frozenset())):
        return True
    if lex.language == "nl":
        # ge-…-d/t/en, also after a particle (bij-ge-schreven), or be-/ver-/ont-…
        return bool(
            re.fullmatch(r"(?:\w*ge\w{2,}|be\w{2,}|ver\w{2,}|ont\w{2,})(?:d|t|en)", w.surface)
        )
    return w.surface.endswith("ed")


def _subordinate_subject(reading: Reading, k: int, i: int, lex: Lexicon) -> bool:
    """Is the negation at `k` inside a 'that'-clause that is the subject of the verb before `i`? "Dat we niet
    hebben teruggemaild is onze fout", "That we didn't call is on us": the fault is owned, not denied."""
    clause = reading.words[k].clause
    opening = next(w for w in reading.words if w.clause == clause)
    if opening.surface not in lex.embedders:
        return False
    return any(w.lemma in lex.words["be"] for w in reading.words[k + 1 : i])


def exonerates(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Does the span clear the customer instead of blaming them: 'you' with a negated fault word and no 'we'
    ("u heeft niets verkeerd gedaan", "you did nothing wrong")?"""
    first, last = reading.word_at(start), reading.word_at(end - 1)
    inside = reading.words[first : last + 1]
    words = lex.words
    clause = reading.words[last].clause
    after = [w for w in reading.words[last + 1 : last + 3] if w.clause == clause]
    alone = words.get("not_alone", frozenset())
    if any(w.among(alone) for w in after):
        return True  # "you're not the only one", "je bent niet de enige": reassurance
    if not any(w.surface in words["you"] for w in inside) or any(
        w.surface in words["we"] for w in inside
    ):
        return False
    return any(negates(a, lex) and b.lemma in words["fault"] for a, b in pairwise(inside))


def spared(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """ "Dat had je niet bij de poort moeten ontdekken": what the customer should not have had to go through
    is the brand's regret, not a reproach ("dat had je niet moeten doen" stays one)."""
    first, last = reading.word_at(start), reading.word_at(end - 1)
    clause = reading.words[last].clause
    rest = [w for w in reading.words[first:] if w.clause == clause]
    if not any(negates(w, lex) for w in rest):
        return False
    return any(w.among(lex.words.get("spared", frozenset())) for w in rest)


def unfinished_reproach(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is a reproach that ends in an auxiliary ("you should have", "if you'd", "you never") not followed by
    what the customer did (a past participle: "you should have checked", "you never told us")? Then it
    reproaches nothing: "you should have it by Friday", "if you'd like", "so you never miss a message".
    And "you should have heard it from us" puts the fault with the brand, not the customer."""
    last = reading.word_at(end - 1)
    if last >= len(reading.words) or reading.words[last].surface not in lex.words["perfect"]:
        return False
    words = [w for w in reading.words[last + 1 :] if w.clause == reading.words[last].clause]
    words = [w for w in words if w.surface not in lex.words["adverbs"]]
    if not words or not _past(words[0], lex):
        return True
    agent = lex.words["agent"]
    return any(a.surface in agent and b.among(lex.words["we"]) for a, b in pairwise(words))


def _past(word: Word, lex: Lexicon) -> bool:
    """A past tense or participle: 'checked', 'told', 'read', 'gelezen' (not 'been': 'you must have been
    worried' is empathy)."""
    if word.surface in lex.words["irregular_past"]:
        return True
    if word.lemma in lex.words["be"]:
        return False
    return word.lemma != word.surface and not word.surface.endswith("s")


def understand_that(reading: Reading, end: int, lex: Lexicon) -> bool:
    """Is 'we understand' followed by 'that' ("we understand that bills can be higher", "ik begrijp dat u geen
    bankpas heeft")? Then it states a fact; a feeling in the rest of the sentence still counts on its own."""
    i = reading.word_at(end - 1)
    if i + 1 >= len(reading.words):
        return False
    return (
        reading.words[i].lemma in lex.words["understand"]
        and reading.words[i + 1].surface in lex.words["that"]
    )


def own_feeling(reading: Reading, start: int, lex: Lexicon) -> bool:
    """Is the feeling at `start` the brand's own ("we're gutted too", "wij balen er zelf ook van")? It is no
    acknowledgement (docs/grading-guide.md): where it was the only one found, graders gave none in 29 of 32
    English and 18 of 21 Dutch replies over every graded file. Not when it is for the customer ("we're
    devastated for you", "… to hear this"), which graders do label."""
    words = reading.words
    i = reading.word_at(start)
    if i >= len(words) or not words[i].among(lex.words["own_feelings"]):
        return False
    if i + 1 < len(words) and words[i + 1].surface in lex.words["feeling_for"]:
        return False
    clause = words[i].clause
    for k in range(i - 1, max(-1, i - 6), -1):
        w = words[k]
        if w.clause != clause:
            return False
        if w.surface in lex.words["feeling_fillers"] or w.lemma in lex.words["be"]:
            continue
        return w.surface in lex.words["feeling_subject"]
    return False


def weighs_words(reading: Reading, start: int, lex: Lexicon) -> bool:
    """Does the feeling word at `start` weigh the customer's words ("'oplichting' is een zware beschuldiging")?
    That rebukes them and recognises no feeling: graders gave no acknowledgement in any of the 8 Dutch replies
    over every graded file where "zware beschuldiging" was the only one found."""
    i, words = reading.word_at(start), reading.words
    return i + 1 < len(words) and words[i + 1].among(lex.words["accusation"])


def glad_to(reading: Reading, end: int, lex: Lexicon) -> bool:
    """Is "we'd be" followed by gladness ("we'd be happy to discuss it")? Then it offers help and shares no
    feeling of the customer's, as "I'd be fuming too" does."""
    i, words = reading.word_at(end - 1), reading.words
    return (
        i + 1 < len(words)
        and words[i].lemma in lex.words["be"]
        and words[i + 1].surface in lex.words["glad"]
    )


def apology_object(reading: Reading, start: int, lex: Lexicon) -> bool:
    """Is the word at `start` what an apology is for ("sorry for the stressful payday", "excuses voor de schrik")?"""
    i = reading.word_at(start)
    if i >= len(reading.words):
        return False
    clause = reading.words[i].clause
    seen_for = False
    for k in range(i - 1, max(-1, i - 6), -1):
        w = reading.words[k]
        if w.clause != clause:
            return False
        if w.surface in lex.words["for"]:
            seen_for = True
        elif w.lemma in lex.words["apology_words"] and seen_for:
            return True
    return False


def bare_condition(reading: Reading, start: int, lex: Lexicon) -> bool:
    """Is a non-apology that opens with a condition ("if you felt ...", "als je ... ervaart") one with no regret
    anywhere in its sentence ("laat het ons weten als je nog problemen ervaart", "if you felt unsafe you were
    free to end the trip")? Then it is a condition, not a sorry-if. "Als u zich zo voelt, spijt ons dat" and
    "het spijt ons dat u het als hoog ervaart" keep theirs."""
    i, words = reading.word_at(start), reading.words
    if i >= len(words) or words[i].surface not in lex.words["condition"]:
        return False
    sentence = _sentence_of(reading, words[i].start)
    return not any(
        w.among(lex.words["regret"]) and _sentence_of(reading, w.start) == sentence for w in words
    )


def farewell(reading: Reading, end: int, lex: Lexicon) -> bool:
    """Is the customer's leaving what a "jammer dat je ..." regrets ("jammer dat je weggaat", "wat jammer dat u
    ons wilt verlaten")? A farewell, not a sorry-you-feel: graders gave no non-apology in any of the 5 such
    replies over every graded file."""
    last, words = reading.word_at(end - 1), reading.words
    if last >= len(words):
        return False
    after = [w for w in words[last + 1 : last + 4] if w.clause == words[last].clause]
    return any(w.among(lex.words["leaving"]) for w in after)


def sympathy(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is a sorry about the customer's state told as news heard ("sorry to hear you're unhappy with the
    repair", "sorry to read you're experiencing problems") sympathy, not a non-apology? Graders read "sorry
    to hear ..." as acknowledgement (docs/grading-guide.md, "Sympathy is not an apology"): over every
    graded English file they labelled 8 of 34 replies with "sorry to hear you're unhappy / disappointed /
    not happy" a non-apology, none of 10 with "… experiencing / having", against every one of 102 with
    "sorry you're unhappy". It stays a non-apology when the feeling is a view ("sorry to hear you feel
    you were overcharged") or a "but" follows in its sentence ("…, but estimated bills are corrected")."""
    heard = lex.words.get("heard_news", frozenset())
    first, last = reading.word_at(start), reading.word_at(end - 1)
    words = reading.words
    if not heard or first + 2 > last or words[first].lemma not in lex.words["apology_words"]:
        return False
    if words[first + 1].surface != "to" or not words[first + 2].among(heard):
        return False
    if any(w.among(lex.words["viewing"]) for w in words[first + 3 : last + 1]):
        return False
    sentence = _sentence_of(reading, words[first].start)
    return not any(
        w.surface in lex.words["but"] and _sentence_of(reading, w.start) == sentence
        for w in words[last + 1 :]
    )


def polite_sorry(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is a bare "sorry" politeness before a question or a request, not an apology ("Sorry, Dean, have you
    uploaded your ID?", "Hi Irene, sorry, please don't post your readings here", "Sorry? Hoe bedoelt u")?
    Not when it stands as its own sentence ("Sorry! Can you DM us?"), is for something ("sorry for the
    wait"), or is someone's ("we're so sorry, can you ...") (docs/grading-guide.md, "Where graders split")."""
    i, last = reading.word_at(start), reading.word_at(end - 1)
    if (
        i != last
        or i >= len(reading.words)
        or reading.words[i].lemma not in lex.words["apology_words"]
    ):
        return False
    word = reading.words[i]
    owner = lex.words["we"] | lex.words.get("intensifiers", frozenset())
    if any(w.clause == word.clause and w.among(owner) for w in reading.words[max(0, i - 3) : i]):
        return False
    rest = reading.normal[word.end : word.end + 3].lstrip()
    if rest.startswith("?"):
        return True
    if rest[:1] in (".", "!"):
        return False
    asking = lex.words.get("asking", frozenset())
    following = reading.words[i + 1 : i + 3]
    name = following[0] if following else None
    if name and name.surface not in owner and reading.original(name.start, name.end)[:1].isupper():
        if reading.normal[name.end : name.end + 1] in (".", "!"):
            return False  # "Sorry Jo! Could you ...": an apology of its own
        following = following[1:]  # the customer's name: "Sorry Sam, is that ..."
    return bool(following) and following[0].among(asking)


def yes_but(j: Judgement) -> None:
    """'We understand you're annoyed, but ...': a 'but' followed by a rebuke takes the acknowledgement back: it
    stays a finding, quoted, and earns nothing."""
    penalties = [f for f in j.findings if f.polarity == "penalty" and f.span]
    if not penalties:
        return
    text = j.reading.text.lower()
    keep = []
    for f in j.findings:
        if f.category == "acknowledge" and f.polarity == "earned" and f.span:
            at = text.find(f.span.lower())
            sentence_end = min(
                (e for e in (text.find(m, at) for m in ".!?") if e != -1), default=len(text)
            )
            but = min(
                (
                    b
                    for b in (text.find(f" {w} ", at, sentence_end) for w in j.lex.words["but"])
                    if b != -1
                ),
                default=-1,
            )
            if but != -1 and any(
                but < text.find(p.span.lower(), at) < sentence_end + 200 for p in penalties
            ):
                # said, and taken back: it is there (and quoted), it earns nothing
                f = Finding(
                    f.rule,
                    f.category,
                    f.span,
                    0.0,
                    f"{f.explanation} ({j.lex.details['taken_back']})",
                    f.polarity,
                )
        keep.append(f)
    j.findings = keep


_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2}|\s?(?:am|pm|uur))\b")


def timed(j: Judgement, start: int) -> bool:
    """Does the clause around `start` name a concrete time ('before 18:00', 'tomorrow', 'vandaag')?"""
    i = j.reading.word_at(start)
    if i >= len(j.reading.words):
        return False
    clause = j.reading.words[i].clause
    words = [w for w in j.reading.words if w.clause == clause]
    text = j.reading.normal[words[0].start : words[-1].end]
    return bool(_CLOCK_TIME.search(text)) or any(
        w.lemma in j.lex.words["time_words"] for w in words
    )


def non_apology_cancels(j: Judgement) -> None:
    """A non-apology is no apology anywhere in the reply, and no acknowledgement in its own sentence. Unless the
    reply owns what the customer felt in a clause of its own ("Sorry you felt stitched up, because you were, by
    our own sign"; "sorry dat je je overvallen voelt; dat hadden we beter kunnen brengen"): then its sorry is an
    apology. Owned inside the feeling ("sorry you feel we should have noticed"), or with a "but" after it in its
    sentence ("sorry that you're frustrated, but we did post about the problem on our status page"), it stays a
    non-apology."""
    bad = [f for f in j.findings if f.category == "non_apology"]
    if not bad:
        return
    sentences = {_sentence(j.reading, f.span) for f in bad}
    text = j.reading.normal
    after = text.find(normalise(bad[0].span)[0]) + len(bad[0].span)
    words = j.reading.words
    but = next(
        (i for i, w in enumerate(words) if w.start >= after and w.surface in j.lex.words["but"]),
        None,
    )
    owned = {
        _clause_of_span(j.reading, f.span)
        for f in j.findings
        if f.category == "ownership" and f.polarity == "earned"
    }
    defended = but is not None and _sentence_of(j.reading, words[but].start) == _sentence_of(
        j.reading, after
    )
    if owned - {-1, *(_clause_of_span(j.reading, f.span) for f in bad)} and not defended:
        j.findings = [f for f in j.findings if f.category != "non_apology"]
        for f in bad:
            j.add_category("owned_feeling", "apology", f.span)
        return
    rule = (
        next((w for w in words[but:] if w.surface in j.lex.words["as_a_rule"]), None)
        if but is not None
        else None
    )
    if (
        rule is not None and but is not None and not j.has("blame")
    ):  # "sorry you feel that way, but we always ...": it's on you
        span = j.reading.original(words[but].start, rule.end)
        j.add_category("non_apology_but", "blame", span, j.lex.details["non_apology_but"])
    elif not j.has("blame"):
        _informed_before(j, words[but].start if but is not None else after)
    j.findings = [
        f
        for f in j.findings
        if not (f.category == "apology" and f.polarity == "earned")
        and not (f.category == "acknowledge" and _sentence(j.reading, f.span) in sentences)
    ]


def _sentence(reading: Reading, span: str) -> int:
    at = reading.text.find(span)
    return len(re.findall(r"[.!?]+\s", reading.text[: max(0, at)]))


SMUG_EMOJI = "🙄😏🙃😒😉👏😂"  # in a reply to a complaint these read as eye-rolling, not warmth
FRIENDLY_WINK = "😉"  # ...except a wink in a reply that fixes something: then it is warmth


def smug(j: Judgement) -> None:
    """An eye-roll or a wink at a complaining customer is talking down to them."""
    found = next(
        (
            ch
            for ch in j.reading.text
            if ch in SMUG_EMOJI
            and not (ch in FRIENDLY_WINK and (j.has("solution") or j.has("ownership")))
        ),
        None,
    )
    if found and not j.has("patronising"):
        j.add_category("smug_emoji", "patronising", found)


def sarcastic_thanks(j: Judgement) -> None:
    """Thanking a furious customer for their "kind words" or "lovely message" is sarcasm: talking down."""
    if j.context.anger < ACKNOWLEDGE_ANGER or j.context.kind == "resolve" or j.has("patronising"):
        return  # a calm customer may have praised; by the closing message an angry one may have thanked
    thanks = j.pattern_spans("thanks_cue")
    found = [  # thanked for it in its own sentence: "no kind words can fix this" thanks nobody
        (s, e)
        for s, e in j.pattern_spans("praise_thanks")
        if any(
            ts <= s and _sentence_of(j.reading, ts) == _sentence_of(j.reading, s)
            for ts, _ in thanks
        )
    ]
    if found:
        start, end = found[0]
        j.add_category(
            "sarcastic_thanks",
            "patronising",
            j.reading.original(start, end),
            j.lex.details["sarcastic_thanks"],
        )
        # said in so many words to an angry customer: no detector withdraws it
        j.settled.add("patronising")


# Laughter: a laughing word ("haha", "hihi", the lexicon's "lol") or a laughing face
LAUGH_WORD = re.compile(r"a?(?:ha){2,}h?|(?:he){2,}h?|(?:hi){2,}h?")
LAUGH_FACES = re.compile(
    "[\N{SMILING FACE WITH OPEN MOUTH AND COLD SWEAT}\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}"
    "\N{SMILING FACE WITH OPEN MOUTH AND TIGHTLY-CLOSED EYES}\N{FACE WITH STUCK-OUT TONGUE AND WINKING EYE}"
    "\N{FACE WITH TEARS OF JOY}\N{ROLLING ON THE FLOOR LAUGHING}]"
)
# what may follow a closing smile: punctuation, other faces, a sign-off ("^Kat", "- Sam")
AFTER_SMILE = re.compile(r"[\W_]*(?:[\^~\-–—]\s*\w+[\W_]*)?")


def laughing(j: Judgement) -> None:
    """Laughing at an angry customer's trouble with nothing done for them ("Nine belts?! That's a workout 😅
    DM us") is mockery. Judged after the detectors: a joke beside a real answer (a step, the cause, owning
    the fault) is graded on the answer, and a smile that closes the reply is a smile."""
    if j.context.anger < ACKNOWLEDGE_ANGER or j.context.kind == "resolve" or j.has("patronising"):
        return
    if any(j.has(c) for c in ("solution", "explanation", "ownership")):
        return
    reading = j.reading
    text = reading.text
    places = [  # the reading's words: handles and links are not read as laughter ("@hahaben")
        (reading.where[w.start], reading.original(w.start, w.end))
        for w in reading.words
        if LAUGH_WORD.fullmatch(w.surface) or w.among(j.lex.words["laughter"])
    ] + [(m.start(), m.group()) for m in LAUGH_FACES.finditer(text)]
    for at, laugh in sorted(places):
        if not AFTER_SMILE.fullmatch(text[at + len(laugh) :]):
            j.add_category("laughing", "patronising", laugh, j.lex.details["laughing"])
            return


MONEY = re.compile(r"[£€$]\s?\d|\d\s?(?:%|euro\b|eur\b)", re.IGNORECASE)


def safety_referral(j: Judgement, start: int) -> bool:
    """Does the sentence at `start` send the customer to a doctor, an emergency line or the police? That is
    safety advice (health, money or security first), not pushing the problem away."""
    normal = j.reading.normal

    def sentence(at: int) -> int:
        return sum(1 for ch in normal[:at] if ch in ".!?")

    here = sentence(start)
    return any(sentence(s) == here for s, _ in j.pattern_spans("safety_referral"))


def on_the_house(j: Judgement, start: int, end: int | None = None) -> bool:
    """ "They'll upgrade your regular to a large on us": an upgrade given, in a sentence with a gift and
    nothing of a pitch (no opener, no price, no offer but the gift itself), is compensation, not sales.
    A sales phrase (`end` given) must be the gift itself or the upgrade: "check out our new range, free
    delivery this week" stays a pitch."""
    reading = j.reading
    here = _sentence_of(reading, start)

    def in_sentence(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(s, e) for s, e in found if _sentence_of(reading, s) == here]

    gifts = in_sentence(j.pattern_spans("on_the_house"))
    if not gifts or in_sentence(j.pattern_spans("pitch_opener")):
        return False
    if end is not None:  # a sales phrase: the gift itself ("een maand gratis") or an upgrade
        given = j.lex.words.get("upgrade", frozenset())
        upgrade = any(w.among(given) for w in reading.words_in(start, end))
        if not upgrade and not any(start < ge and gs < end for gs, ge in gifts):
            return False  # "check out our new range, free delivery": a pitch with a gift beside it
    money = [m.span() for m in MONEY.finditer(reading.normal)]
    offers = in_sentence(j.pattern_spans("pitch_offer")) + in_sentence(money)
    return all(any(s < ge and gs < e for gs, ge in gifts) for s, e in offers)


def own_machinery(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is "our new" / "onze nieuwe" about the brand's own machinery or premises, in the next three words of its
    clause ("our new booking system dropped your renewal", "ons nieuwe incassosysteem", "our new workshop")?
    Then it explains or informs and pitches nothing; "our new winter collection" stays a pitch."""
    phrase = reading.words_in(start, end)
    if not phrase or not phrase[-1].among(lex.words.get("new", frozenset())):
        return False
    machinery = lex.words.get("machinery", frozenset())
    after = [w for w in reading.words if w.start >= end and w.clause == phrase[-1].clause][:3]
    # compounds count by their last part: "incassosysteem", "ticketing system"
    return any(w.among(machinery) or w.surface.endswith(("systeem", "system")) for w in after)


def owned_unclear(j: Judgement, start: int) -> bool:
    """ "The small print on that poster doesn't make that very obvious": the brand owns that its own notice
    was unclear. Its words in that sentence reproach nobody."""
    here = _sentence_of(j.reading, start)
    return any(_sentence_of(j.reading, s) == here for s, _ in j.pattern_spans("owned_unclear"))


def pitch(j: Judgement) -> None:
    """A sales pitch by its shape rather than its product words: at least two of a pitch's three parts,
    a rhetorical opener ('did you know', 'tip:'), a call to buy ('join today', 'upgrade') and an offer
    (a price, a saving, a plan); not an upgrade given (`on_the_house`). Earned points inside the pitch's
    sentences are not a solution."""
    if j.has("sales"):
        cue = next(f for f in j.findings if f.category == "sales" and f.polarity == "penalty")
        _drop_earned_near(j, cue.span)
        return
    reading = j.reading
    normal = reading.normal
    kinds = [
        j.pattern_spans("pitch_opener"),
        j.pattern_spans("pitch_call"),
        j.pattern_spans("pitch_offer") + [m.span() for m in MONEY.finditer(normal)],
    ]

    # The parts must come together in one sentence: a refund of 50 euro in one
    # sentence and a tip about the app in another are not a pitch.
    def sentence(at: int) -> int:
        return sum(1 for ch in normal[:at] if ch in ".!?")

    first = None
    for k, spans_ in enumerate(kinds):
        for s, e in spans_:
            here = sentence(s)
            together = any(
                sentence(o) == here for k2, other in enumerate(kinds) if k2 != k for o, _ in other
            )
            if together and not on_the_house(j, s) and (first is None or s < first[0]):
                first = (s, e)
    if first is None:
        return
    span = reading.original(*first)
    j.add_category("pitch", "sales", span)
    _drop_earned_near(j, span)


def _drop_earned_near(j: Judgement, span: str) -> None:
    """Earned findings in the sentence of `span` and the ones after it (the pitch) are dropped."""
    text = j.reading.text
    at = text.lower().find(span.lower())
    if at < 0:
        return
    start = max(text.rfind(".", 0, at), text.rfind("!", 0, at), text.rfind("?", 0, at)) + 1
    keep = []
    for f in j.findings:
        where = text.lower().find(f.span.lower()) if f.span else -1
        if f.polarity == "earned" and f.category in PITCH_CONSUMES and where >= start:
            continue
        keep.append(f)
    j.findings = keep


PITCH_CONSUMES = ("solution", "explanation", "acknowledge")


def commitment(j: Judgement) -> None:
    """'I'll ...', 'we're going to ...': a first-person commitment is a next step, when nothing more concrete was
    said and it isn't an empty promise ('we'll look into it')."""
    if j.has("solution"):
        return
    vague = j.lex.words.get("vague_step", frozenset())
    for start, end in j.pattern_spans("commitment"):
        after = j.reading.word_at(end)
        if (
            after < len(j.reading.words)
            and j.reading.words[after].lemma in vague
            and not timed(j, start)
        ):
            continue  # "DM us your number and we'll check": no step the customer can hold us to
        if not j.overlaps(start, end) and negation_before(j.reading, start, j.lex) is None:
            j.add_category(
                "commitment",
                "solution",
                j.reading.original(start, end),
                j.lex.details["commitment"],
            )
            return


_WEB_ADDRESS = re.compile(
    r"(?<![\w.])(?:[a-z0-9-]+\.)+(?:nl|com|co\.uk|org|net|be|eu|gov\.uk|nhs\.uk)(?:/[\w./-]*)?"
)


def pointing_away(j: Judgement) -> None:
    """Sending the customer to a web address for information instead of giving it: deflection."""
    if j.has("deflection"):
        return
    normal = j.reading.normal
    pointing = j.lex.patterns["pointing"]
    cues = spans(j.reading, pointing.lemmas, pointing.written)
    for match in _WEB_ADDRESS.finditer(normal):
        if any(match.start() - 40 <= end <= match.start() for _, end in cues):
            j.add_category("web_address", "deflection", j.reading.original(*match.span()))
            return


_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ()-]{6,}\d(?!\w)")
_MAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_DIGITS = 8  # fewer digits is a price, a time or a short code, not a number to ring


def _to_our_line(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is "call our …" the customer asked to reach the brand: not the brand calling ("we'll call our
    supplier", "we can't call our customers back"), a third party ("call our partner airline"), no need
    ("you don't need to call our helpline"), nor a name called ("calling our app useless")?"""
    first, last = reading.word_at(start), reading.word_at(end - 1)
    if first >= len(reading.words) or negation_before(reading, start, lex) is not None:
        return False
    verb = reading.words[first]
    if lex.language == "en" and verb.surface != verb.lemma:
        return False  # "calling", "called": not an invitation
    clause = verb.clause
    before = [w for w in reading.words[max(0, first - 4) : first] if w.clause == clause]
    if any(w.among(lex.words["we"]) for w in before):
        return False
    after = [w for w in reading.words[last + 1 : last + 3] if w.clause == clause]
    third, customers = (
        lex.words.get("third_party", frozenset()),
        lex.words.get("customers", frozenset()),
    )
    return not any(w.among(third) or w.surface in customers for w in after)


def contact_offer(j: Judgement) -> None:
    """The brand's own line to call ("please call our customer service line", "bel onze klantenservice"), a
    phone number given to ring ("ring 01632 960812 and ask for me") or an e-mail address to write to
    ("claims@crate.co.uk"): an invitation to continue out of public view, like a DM, also where it sends
    the customer away (deflection too; docs/grading-guide.md, "Where graders split")."""
    if j.has("private_channel"):
        return
    for start, end in j.pattern_spans("own_line"):  # "Please call our customer service line": also
        if _to_our_line(j.reading, start, end, j.lex):  # deflection, and still an invitation
            j.add_category("own_line", "private_channel", j.reading.original(start, end))
            return
    mail = _MAIL_ADDRESS.search(j.reading.text)
    if mail:
        j.add_category("contact_offer", "private_channel", mail.group())
        return
    normal = j.reading.normal
    cues = j.pattern_spans("contact")
    for match in _PHONE.finditer(normal):
        if sum(c.isdigit() for c in match.group()) < PHONE_DIGITS:
            continue
        if any(match.start() - 60 <= end <= match.start() for _, end in cues):
            j.add_category("contact_offer", "private_channel", j.reading.original(*match.span()))
            return


# ------------------------------------------------------------------ language and address


def wrong_language(j: Judgement, language: str) -> None:
    """A reply in another language than the case's: the customer can't read it, or feels unheard."""
    wanted = j.context.language
    if neither_language(j.reading.text):
        language = j.lex.details["another_language"]
    elif language == wanted or len(j.reading.words) < LANGUAGE_MIN_WORDS:
        return
    words = j.reading.words
    span = j.reading.original(words[0].start, words[min(len(words), 6) - 1].end)
    j.add_category(
        language,
        "wrong_language",
        span,
        fill(j.lex.details["language"], wanted=wanted, used=language),
    )


def address_form(j: Judgement) -> None:
    wanted = j.context.policy.tone.address
    if j.language != "nl" or wanted == "any":
        return
    other = "je" if wanted == "u" else "u"
    for word in sorted(j.lex.address.get(other, ()), key=len, reverse=True):
        # not after a slash: "windstoten tot 90 km/u" is kilometres an hour, nobody addressed
        match = re.search(r"(?<![\w'/])" + re.escape(word) + r"(?![\w'])", j.reading.normal)
        if match:
            span = j.reading.original(*match.span())
            j.add_category(
                other,
                "wrong_address_form",
                span,
                fill(
                    j.lex.details["address"],
                    wanted=wanted,
                    span=span,
                    ceiling=f"{WEAK_BAND_CEILING:.0f}",
                ),
            )
            return


# ------------------------------------------------------------------ who is at fault


def fault_subject(j: Judgement) -> None:
    """A fault word ('fault', 'wrong', 'fout', 'verkeerd') with 'we/our' as its subject owns the problem;
    with 'you' as its subject it blames the customer ("you chose the wrong settings yourself", "u had zelf ...").
    'your' counts only right before the fault word ("your mistake"), not in "we got your order wrong"."""
    reading, words = j.reading, j.lex.words
    for i, w in enumerate(reading.words):
        if w.lemma not in words["fault"] and w.lemma not in words["self"]:
            continue
        subject = _subject(reading, i, words)
        if subject is None:
            continue
        who, k = subject
        first, last = min(k, i), max(k, i)
        if any(w.surface in j.lex.embedders for w in reading.words[first + 1 : last]):
            continue  # "we don't know yet what went wrong": the fault word has a subject of its own
        if k + 1 < i and reading.words[k + 1].among(words["third_party"]):
            continue  # "our suppliers are responsible for labelling": the supplier's, not the brand's
        start, end = reading.words[first].start, reading.words[last].end
        if j.overlaps(start, end):
            continue
        if k == i - 1:  # "our fault", "onze fout": only "not our fault" denies it
            before = reading.words[k - 1] if k > 0 else None
            negated = before is not None and negates(before, j.lex)
            negation = before.start if negated and before is not None else None
        else:
            negation = negation_before(reading, start, j.lex) or _negation_between(
                reading, first, last, j.lex
            )
        span = reading.original(min(start, negation) if negation is not None else start, end)
        if who == "you" and negation is None and not j.has("blame"):
            if w.lemma in words["self"] and not _any_between(
                reading, first, last, words["reproach"]
            ):
                continue  # "you can check it yourself": no reproach
            j.add_category("subject_you", "blame", span, j.lex.details["you_fault"])
        elif (
            who == "we"
            and negation is None
            and w.lemma in words["fault"]
            and not j.has("ownership")
        ):
            j.add_category("subject_we", "ownership", span)
        elif (
            who == "we"
            and negation is not None
            and w.lemma in words["fault"]
            and not j.has("blame")
        ):
            j.add(
                "denied_" + slug(span),
                "blame",
                span,
                j.lex.categories["blame"].points,
                fill(j.lex.details["denied"], span=span),
            )
        else:
            continue
        j.claimed.append((start, end))


def guessed_at_customer(j: Judgement) -> None:
    """A guess with the customer as its subject ("you've most likely logged in with another account", "were you
    maybe in the garden", "it's probably your usage") or advice for next time addressed to them ("perhaps don't
    take your phone into the shower next time", "plan de volgende keer wat ruimer"): it is their fault.
    Not when the brand is in the clause ("our driver probably left it", "we'll notice next time") or it offers
    a way ("you can board next time", "perhaps you could DM us")."""
    if j.has("blame"):
        return
    words = j.lex.words
    goodbyes = j.pattern_spans("farewell")  # "hopelijk tot een volgende keer": a goodbye, no advice
    later = [
        (s, e) for s, e in j.pattern_spans("next_time") if not any(a <= s < b for a, b in goodbyes)
    ]
    if not later and not any(w.surface in words["guess_at"] for w in j.reading.words):
        return  # the common case: no guess and no advice at all
    clauses: dict[int, list[Word]] = {}
    for w in j.reading.words:
        clauses.setdefault(w.clause, []).append(w)
    for clause in clauses.values():
        first, last = clause[0].start, clause[-1].end
        hedge = next(
            (
                w
                for k, w in enumerate(clause)
                if w.surface in words["guess_at"]
                and not any(p.surface in words["as_soon"] for p in clause[max(0, k - 2) : k])
            ),
            None,
        )  # "zo snel mogelijk" is no guess
        you = any(
            w.surface in words["you_subject"] and not _possessive(j.reading, w, prev, nxt, j.lex)
            for prev, w, nxt in zip([None, *clause[:-1]], clause, [*clause[1:], None], strict=True)
        )
        advice = next(((s, e) for s, e in later if first <= s < last), None)
        if (
            hedge is not None
            and you
            and negation_before(j.reading, hedge.start, j.lex) is None
            and not _spared_a_task(clause, hedge, j.lex)
        ):
            scope, detail = clause, j.lex.details["guessed_at"]
        elif advice is not None:
            # the clause, and the one it opens ("Next time, add our bundle"; "Next time you book, we'll
            # have the cot ready" is the brand's promise, "Next time you book, check the dates" advice)
            rest = [w for w in clause if w.start >= advice[1]]
            if any(w.surface in words["third_person"] for w in rest[:2]):
                continue  # "dus volgende keer loopt hij zo door": what the card will do, no advice
            if rest and rest[-1].surface in ("and", "en"):  # "next time you pass and we'll ..."
                rest = rest[:-1]
            opens = not rest or (len(rest) <= 2 and rest[0].surface in words["you_subject"])
            scope = clause + (clauses.get(clause[0].clause + 1, []) if opens else [])
            detail = j.lex.details["next_time"]
        else:
            continue
        if any(w.among(words["we"]) for w in scope):
            continue
        if any(w.among(words["offer"]) for w in scope):
            continue
        j.add_category("at_customer", "blame", j.reading.original(first, last), detail)
        return


def _spared_a_task(clause: list[Word], hedge: Word, lex: Lexicon) -> bool:
    """Does the guess spare the customer something ("you may not have to pay all of it", "u hoeft het
    misschien niet te betalen")? A negation after the hedge and a verb of having to in the clause: good
    news, not a guess at what they did."""
    obliged = lex.words.get("obliged", frozenset())
    having_to = any(w.among(obliged) for w in clause) or any(
        f"{a.surface} {b.surface}" in obliged for a, b in pairwise(clause)
    )
    return having_to and any(negates(w, lex) for w in clause if w.start > hedge.start)


def leaning_on_us(reading: Reading, start: int, lex: Lexicon) -> bool:
    """Is the phrase at `start` "on us" after a verb of relying ("you won't wait on us", "count on us")? Then
    it owns no fault, and negated it denies none."""
    i = reading.word_at(start)
    if i == 0 or i >= len(reading.words) or reading.words[i].surface != "on":
        return False
    return reading.words[i - 1].among(lex.words.get("rely_on", frozenset()))


def _subject(reading: Reading, i: int, words: dict[str, frozenset[str]]) -> tuple[str, int] | None:
    """Who the fault word at `i` belongs to: the nearest 'we'/'you' before it in its clause (stopping at a
    verb of receiving: "you received the wrong item"; 'you' with 'we' just before it and an article after it
    got the thing, and 'we' did it: "we sent you the wrong hamper"), else 'ours'/'bij ons' just after it."""
    clause = reading.words[i].clause
    for k in range(i - 1, max(-1, i - 7), -1):
        other = reading.words[k]
        if other.clause != clause or other.lemma in words["received"]:
            break
        if other.surface in words["possessive"] and k != i - 1:
            continue  # "we got your order wrong": 'your' is not who did it
        if other.among(words["we"]):
            return "we", k
        if other.among(words["you"]):
            doer = [
                m
                for m in range(max(0, k - 3), k)
                if reading.words[m].clause == clause and reading.words[m].among(words["we"])
            ]
            if doer and reading.words[k + 1].surface in words["article"]:
                return "we", doer[-1]  # "we sent you the wrong hamper": 'you' got it, 'we' did it
            return "you", k
    for k in range(i + 1, min(len(reading.words), i + 4)):
        other = reading.words[k]
        if other.clause != clause:
            break
        if other.surface in words["ours"]:
            return "we", k
        if other.surface in words["yours"]:
            return "you", k
    return None


def terms_refusal(j: Judgement) -> None:
    """The terms and conditions quoted to refuse ("as per our terms, gradual damage is excluded",
    "conform onze voorwaarden moet u ..."): the customer hears it is their own fault."""
    if j.has("blame"):
        return
    terms, refusal = j.lex.patterns["terms"], j.lex.patterns["refusal"]
    found = spans(j.reading, terms.lemmas, terms.written)
    if not found:
        return
    refusals = spans(j.reading, refusal.lemmas, refusal.written)
    but = j.lex.words.get("but", frozenset())

    def answered(refused: int, start: int) -> bool:
        """A 'but' between the refusal and the terms after it: the terms are the way offered instead
        ("een retour kan niet meer, maar via de garantie laat onze werkplaats hem nakijken")."""
        return any(refused < w.start < start and w.among(but) for w in j.reading.words)

    for start, end in found:
        sentence = _sentence_of(j.reading, start)
        if any(
            _sentence_of(j.reading, s) == sentence and not answered(e, start) for s, e in refusals
        ):
            j.add_category(
                "terms_refusal", "blame", j.reading.original(start, end), j.lex.details["terms"]
            )
            return


def _sentence_of(reading: Reading, position: int) -> int:
    return len(re.findall(r"[.!?]+(?:\s|$)", reading.normal[:position]))


def clause_at(reading: Reading, position: int) -> int:
    """The clause of the first word at or after `position` in the normalised text (-1: none)."""
    i = reading.word_at(position) if position >= 0 else len(reading.words)
    return reading.words[i].clause if i < len(reading.words) else -1


def _clause_of_span(reading: Reading, span: str) -> int:
    """The clause a finding's quoted span starts in (-1: not found in the reply)."""
    return clause_at(reading, reading.normal.find(normalise(span)[0]))


def _sentence_of_span(reading: Reading, span: str) -> int:
    """The sentence a finding's quoted span is in (-1: not found in the reply)."""
    at = reading.normal.find(normalise(span)[0])
    return _sentence_of(reading, at) if at >= 0 else -1


def _negation_between(reading: Reading, k: int, i: int, lex: Lexicon) -> int | None:
    """A negation between the subject and the fault word, unless an embedded clause opens after it ("we don't
    know yet what went wrong" denies nothing)."""
    for w in reversed(reading.words[k + 1 : i]):
        if w.surface in lex.embedders:
            return None
        if negates(w, lex):
            return w.start
    return None


def _any_between(reading: Reading, k: int, i: int, lemmas: frozenset[str]) -> bool:
    return any(w.among(lemmas) for w in reading.words[k : i + 1])


# ------------------------------------------------------------------ personal touch


def personal(j: Judgement) -> None:
    context, reading = j.context, j.reading
    if context.first_name and len(context.first_name) > 1:
        name = normalise(context.first_name)[0]
        match = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", reading.normal)
        if match:
            j.add_category("name", "personal", reading.original(*match.span()))
    sign = SIGN_OFF.search(reading.text)
    if sign:
        j.add_category("sign_off", "personal", sign.group(0).strip())
        return
    # emoji after the name end nothing: the reading blanks them, so the closing is sought in its text
    closing = CLOSING.search(re.sub(r"[^\w\s,.!'’-]+\s*$", "", reading.text.rstrip()))
    # "..., thanks Sam" to Sam thanks the customer: no one signs
    if closing and closing.group(1) in _first_names() and closing.group(1) != context.first_name:
        j.add_category("sign_off", "personal", closing.group(0).strip())


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    """Dutch, Flemish, British, Irish and American first names (Faker's lists, a dependency already)."""
    from importlib import import_module

    names: set[str] = set()
    for locale in ("nl_NL", "nl_BE", "en_GB", "en_IE", "en_US"):
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(getattr(provider, attr, ()))
    return frozenset(names)


def courtesy(j: Judgement) -> None:
    """'Thanks for your message', 'fijne dag' from a person who signs or speaks as 'I' is manners, not a form
    letter: such courtesy counts as boilerplate only in a reply without anyone behind it."""
    signed = any(f.rule.endswith("personal.sign_off") for f in j.findings)
    speaking = any(w.surface in j.lex.words["i"] for w in j.reading.words)
    if not (signed or speaking):
        return
    polite = j.pattern_spans("courtesy")
    if not polite:
        return
    courteous = {normalise(j.reading.original(s, e))[0].strip() for s, e in polite}
    j.findings = [
        f
        for f in j.findings
        if not (
            f.category == "boilerplate"
            and any(
                normalise(f.span)[0].strip() in c or c in normalise(f.span)[0] for c in courteous
            )
        )
    ]


def shouting(j: Judgement) -> None:
    """Capitals or a row of exclamation marks; or one intensifier in capitals ("We're SO sorry", "ECHT
    balen"): graders label that shouting too (4 of the 6 training replies with nothing else loud)."""
    text = j.reading.text
    loud = [w for w in re.findall(r"\b[A-Z]{4,}\b", text) if w not in SHOUT_ALLOWED]
    bangs = re.search(r"!{2,}", text)
    intensifiers = j.lex.words.get("intensifiers", frozenset())
    if len(loud) >= 2 or bangs:
        span = bangs.group(0) if bangs and len(loud) < 2 else " ".join(loud[:3])
        j.add_category("caps" if len(loud) >= 2 else "exclamations", "shouting", span)
    elif said := next(
        (w for w in re.findall(r"\b[A-Z]{2,}\b", text) if w.lower() in intensifiers), None
    ):
        j.add_category("caps", "shouting", said)


# ------------------------------------------------------------------ the policy's forbidden phrases


def forbidden(j: Judgement) -> None:
    """A forbidden phrase of the policy, by lemma ('we apologised for any inconvenience') or as a close
    variant: its content words in one sentence, near each other, in any order; or the phrase with one word
    inside it swapped ("volgens de voorwaarden" for "volgens onze voorwaarden", "excuses voor het mogelijke
    ongemak" for "... eventuele ongemak": docs/grading-guide.md, "Gamed replies")."""
    reading = j.reading
    for phrase in j.context.policy.forbidden:
        match = compiled(phrase, j.language).search(reading.line)
        if match:
            span = reading.original(*reading.span(*match.span()))
        else:
            span = _variant(reading, phrase, j.language) or _swapped(reading, phrase, j.lex)
        if span:
            j.add_category(slug(phrase), "forbidden", span, f"'{phrase}'")
            # What the policy forbids earns nothing ("we understand your frustration" as a stock line). A
            # feeling named stays named, at no points: graders label it `acknowledge` wherever it stands
            # (docs/grading-guide.md, "Where graders split"); what else the phrase seemed to earn is gone.
            text = reading.text.lower()
            at = text.find(span.lower())
            inside = [
                f
                for f in j.findings
                if f.polarity == "earned" and f.span and _within(text, f.span, at, len(span))
            ]
            j.findings = [
                _zeroed(f, j.lex.details["in_forbidden"]) if f in inside else f
                for f in j.findings
                if f not in inside or f.category in NAMED_IN_FORBIDDEN
            ]
            # One phrase, one fault: a form-letter line the policy bans costs what the policy says,
            # not that plus the form letter's own points (the finding stays, as evidence).
            j.findings = [
                _zeroed(f, j.lex.details["within_forbidden"])
                if f.polarity == "penalty"
                and f.category in ONCE_WITH_FORBIDDEN
                and f.span
                and _within(text, f.span, at, len(span))
                else f
                for f in j.findings
            ]


ONCE_WITH_FORBIDDEN = ("boilerplate", "empty_promise")
NAMED_IN_FORBIDDEN = ("acknowledge",)


def _zeroed(f: Finding, note: str) -> Finding:
    return Finding(f.rule, f.category, f.span, 0.0, f"{f.explanation} ({note})", f.polarity)


def _within(text: str, span: str, at: int, length: int) -> bool:
    """Does `span` (first found in `text`) overlap the stretch of `length` characters at `at`?"""
    start = text.find(span.lower())
    return at >= 0 and start >= 0 and start < at + length and at < start + len(span)


def _variant(reading: Reading, phrase: str, language: str) -> str:
    wanted = [w for w in _phrase_lemmas(phrase, language)]
    if len(wanted) < 2:
        return ""
    window = len(wanted) + 4
    words = reading.words
    for i, w in enumerate(words):
        if not _close(w.lemma, wanted):
            continue
        found, last = {}, i
        for k in range(i, min(len(words), i + window)):
            if words[k].clause != w.clause and words[k].clause > w.clause + 1:
                break
            for want in wanted:
                if want not in found and _same(words[k].lemma, want):
                    found[want] = k
                    last = max(last, k)
        if len(found) == len(wanted):
            return reading.original(w.start, words[last].end)
    return ""


# In a three-word phrase only these may be swapped ("volgens de voorwaarden" for "volgens onze
# voorwaarden"): a content word swapped makes another phrase ("wij vinden het" is not "wij betreuren het").
SWAPPABLE = frozenset(
    "de het een je jouw jullie uw onze ons mijn die dat deze dit "  # noqa: SIM905 (a word list reads best as one)
    "the a an your you our my their his her this that these those".split()
)


def _swapped(reading: Reading, phrase: str, lex: Lexicon) -> str:
    """The phrase word for word (as written or by lemma) in one clause but for one word swapped, neither
    its first nor its last: in a phrase of four words or more any word but a negation added or dropped
    ("the sale can be stopped" is not "the sale cannot be stopped"), in one of three a determiner or
    possessive; "rest assured" has no inside to swap."""
    wanted, words = _phrase_words(phrase, reading.language), reading.words
    n = len(wanted)
    if n < 3:
        return ""
    for i in range(len(words) - n + 1):
        window = words[i : i + n]
        if window[0].clause != window[-1].clause:
            continue
        differ = [
            k
            for k, (w, want) in enumerate(zip(window, wanted, strict=True))
            if w.surface != want.surface and w.lemma != want.lemma
        ]
        if len(differ) != 1 or not 0 < differ[0] < n - 1:
            continue
        put, was = window[differ[0]], wanted[differ[0]]
        if n == 3 and not (put.surface in SWAPPABLE and was.surface in SWAPPABLE):
            continue
        if negates(put, lex) != negates(was, lex):
            continue
        return reading.original(window[0].start, window[-1].end)
    return ""


@lru_cache(maxsize=1024)
def _phrase_words(phrase: str, language: str) -> tuple[Word, ...]:
    """A policy phrase's words with their lemmas, once per phrase (it is checked against every reply).
    A hyphen splits ("check-in": two words), where a reply's reading keeps one."""
    found = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", normalise(phrase)[0])
    return tuple(Word(w, lemma(w, language), 0, 0, 0) for w in found)


@lru_cache(maxsize=1024)
def _phrase_lemmas(phrase: str, language: str) -> tuple[str, ...]:
    stop = STOPWORDS.get(language, frozenset())
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", normalise(phrase)[0])
    return tuple(dict.fromkeys(lemma(w, language) for w in words if w not in stop and len(w) > 2))


def _same(a: str, b: str) -> bool:
    """Two lemmas are the same word for a variant: equal, or the same stem of five letters or more (apology, apologise)."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return (n >= 6 and a[: n - 2] == b[: n - 2]) or (
        n >= 5 and a[:5] == b[:5] and abs(len(a) - len(b)) <= 4
    )


def _close(lem: str, wanted: list[str]) -> bool:
    return any(_same(lem, want) for want in wanted)


def brand_commits(reading: Reading, start: int, lex: Lexicon) -> bool:
    """Is a blame phrase the object of the brand's own commitment, earlier in its clause ("we'll make sure your
    refund ...", "wij zorgen dat u ...")? Then the brand takes the task on, and nothing is the customer's."""
    i = reading.word_at(start)
    if i >= len(reading.words):
        return False
    clause = reading.words[i].clause
    before = [w for w in reading.words[max(0, i - 6) : i] if w.clause == clause]
    commit, we = lex.words.get("commit", frozenset()), lex.words["we"]
    return any(w.among(commit) for w in before) and any(w.among(we) for w in before)


def for_others(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Are the other customers in a blame phrase ("nobody else", "niemand anders") what a measure is for, after
    "so (that)" / "zodat" in mid-sentence ("the banner now says it, so nobody else gets caught out")? Then the
    brand spares them, and compares the customer with nobody. "So no one else has reported this", opening its
    sentence, still does."""
    i = reading.word_at(start)
    phrase = [w for w in reading.words[i:] if w.end <= end]
    if not any(w.among(lex.words.get("others", frozenset())) for w in phrase):
        return False
    k = i - 1 if i > 0 and reading.words[i - 1].surface != "that" else i - 2
    if k < 1 or not reading.words[k].among(lex.words.get("purpose", frozenset())):
        return False
    return not re.search(
        r"[.!?:;]", reading.normal[reading.words[k - 1].end : reading.words[k].start]
    )


def our_own_should(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is a should-have phrase with no one named in it the brand's own, its clause saying who before it
    ("dat hadden we eerder en duidelijker moeten melden")? With the brand before it and the customer nowhere in
    the clause, it owns what the brand should have done; "dat had u eerder moeten melden" stays blame."""
    phrase = reading.words_in(start, end)
    if not phrase or not any(w.among(lex.words["should"]) for w in phrase):
        return False
    clause = reading.clause_words(phrase[0].clause)
    if any(w.surface in lex.words["you_subject"] for w in clause):
        return False
    return any(w.among(lex.words["we"]) for w in clause if w.start < start)


def not_the_customers(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Is a blame phrase about someone else or owed to the customer? A third party as its object ("down to
    your bank", "looks like your card provider": `deflection`, not blame) or a "should have" that the
    customer was owed ("you should have had an announcement", "u had gebeld moeten worden")
    (docs/grading-guide.md, "Where graders split")."""
    first = reading.word_at(start)
    if first >= len(reading.words):
        return False
    clause = reading.words[first].clause
    inside = [w for w in reading.words[first:] if w.end <= end]
    after = [w for w in reading.words[first + len(inside) :] if w.clause == clause]
    third = lex.words.get("third_party", frozenset())
    if any(w.among(third) for w in after[:2]):
        return True
    modal = lex.words["should"]
    if not any(w.among(modal) for w in inside + after[:4]):
        return False
    owed, passive = lex.words.get("owed", frozenset()), lex.words.get("passive", frozenset())
    told = lex.words.get("participles", frozenset())
    for k, w in enumerate(after[:4]):  # the lists are lemmatised: "had" is "have", "been" is "be"
        if w.lemma in owed:
            return True
        if w.lemma in passive and (
            reading.language == "nl"
            or (
                k + 1 < len(after)
                and (after[k + 1].surface.endswith("ed") or after[k + 1].lemma in told)
            )
        ):
            return True
    return False


def celebrated(j: Judgement, start: int, end: int) -> bool:
    """Are congratulations what the customer asked for ("Gefeliciteerd met uw prijs, Gerda!" to someone
    whose prize is late), not mockery?"""
    lex, reading = j.lex, j.reading
    words = reading.words_in(start, end)
    congratulate = lex.words.get("congratulate", frozenset())
    if not any(w.among(congratulate) for w in words):
        return False
    celebrate = lex.words.get("celebrate", frozenset())
    post = {lemma(w, j.language) for w in re.findall(r"\w+", j.context.post.lower())}
    return bool(post & celebrate)


def obviously_not(reading: Reading, end: int) -> bool:
    """ "Dat moet natuurlijk niet gebeuren": the brand agrees it should not have happened, no lecture."""
    i = reading.word_at(end)
    return i < len(reading.words) and reading.words[i].surface in ("niet", "not", "never", "nooit")


def sent_in_error(j: Judgement) -> None:
    """A blame phrase in the clause of a notice sent in error ("that cancellation email went out in error this
    morning", "de brief is per abuis verstuurd") tells the brand's own slip: it blames nobody. Not when
    the customer is in that clause ("you sent it in error"): then the slip may be theirs."""
    reading, you = j.reading, j.lex.words["you"]
    slipped: set[int] = set()
    for start, _ in j.pattern_spans("own_error"):
        clause = clause_at(reading, start)
        if clause >= 0 and not any(w.surface in you for w in reading.clause_words(clause)):
            slipped.add(clause)
    if not slipped:
        return
    j.findings = [
        f
        for f in j.findings
        if not (
            f.category == "blame"
            and f.polarity == "penalty"
            and f.span
            and _clause_of_span(reading, f.span) in slipped
        )
    ]


def told_too_late(j: Judgement) -> None:
    """In a reply that apologises or owns the problem, "you should have heard it" / "u had dat moeten horen" /
    "you should have been told" names what the customer was not given: the brand's fault, not theirs. Without a
    "should" in its sentence it stays blame ("wij hebben u hierover geïnformeerd via de groepsmail")."""
    told = j.lex.words.get("told", frozenset())
    should = j.lex.words["should"]
    passive = j.lex.words.get("told_passive", frozenset())
    if not told and not passive:
        return
    if not any(
        f.category in ("apology", "ownership") and f.polarity == "earned" for f in j.findings
    ):
        return
    reading = j.reading
    keep = []
    for f in j.findings:
        if f.category == "blame" and f.polarity == "penalty" and f.span:
            sentence = _sentence_of_span(reading, f.span)
            words = [w for w in reading.words if _sentence_of(reading, w.start) == sentence]
            if any(w.among(should) for w in words) and (
                any(w.among(told) for w in words)
                or any(
                    a.lemma in j.lex.words["be"] and b.lemma in passive for a, b in pairwise(words)
                )
            ):
                continue
        keep.append(f)
    j.findings = keep


def fact_of_life(j: Judgement) -> None:
    """ "Vertraging hoort er nu eenmaal bij als u in het hoogseizoen vliegt": a fact of life with the customer
    as the subject beside it puts the problem on their choice. Without the customer ("storingen komen nu
    eenmaal voor") it is talking down, not blame."""
    if j.has("blame"):
        return
    found = j.pattern_spans("fact_of_life")
    if not found:
        return
    reading, you = j.reading, j.lex.words["you_subject"]
    for start, _end in found:
        sentence = _sentence_of(reading, start)
        words = [w for w in reading.words if _sentence_of(reading, w.start) == sentence]
        if any(w.surface in you for w in words):
            first, last = words[0].start, words[-1].end
            j.add_category("fact_of_life", "blame", reading.original(first, last))
            return


def no_invitation(reading: Reading, start: int, end: int, lex: Lexicon) -> bool:
    """Does a private channel's phrase name the channel without inviting anyone to it: a gerund ("calling us
    thieves won't help"), one channel noun with an owner ("lees je mail"), or the way something reaches the
    customer ("u ontvangt de onderbouwing per mail")?"""
    first, last = reading.word_at(start), reading.word_at(end - 1)
    if first >= len(reading.words):
        return False
    if needless(reading, first, lex):
        return True
    word = reading.words[first]
    if reading.language == "en" and word.surface.endswith("ing") and word.lemma != word.surface:
        return True
    if reading.language == "nl" and word.surface.startswith("ge") and word.lemma != word.surface:
        return True  # "we hebben het op 3 oktober gemaild": how they were told, no invitation
    if first != last or first == 0 or reading.words[first - 1].clause != word.clause:
        return False
    before = reading.words[first - 1].surface
    if before in lex.words.get("channel_owner", frozenset()):
        return True
    if before not in lex.words.get("channel_by", frozenset()):
        return False
    clause = reading.clause_words(word.clause)
    surfaces = {w.surface for w in clause}
    if surfaces & lex.words.get("to_us", frozenset()) or (
        surfaces & lex.words.get("send", frozenset())
        and not surfaces & lex.words.get("senders", frozenset())
    ):
        return False  # "stuurt u (ons) uw studentnummer per DM?": the customer sends: an invitation
    received = lex.words["received"]
    return any(w.among(received) for w in clause)


def needless(reading: Reading, i: int, lex: Lexicon) -> bool:
    """Is the clause of word `i` negated as a whole, or said to be unneeded ("no need to DM us", "een DM
    sturen is niet nodig", "je hoeft ons niet te mailen", "we doen geen klantcontact via DM")?"""
    clause = reading.words[i].clause
    words = reading.clause_words(clause)
    if not any(negates(w, lex) for w in words):
        return False
    need = lex.words["need"] | lex.words.get("need_verbs", frozenset())
    if any(w.among(need) for w in words):
        return True
    return negation_before(reading, reading.words[i].start, lex) is not None


def _possessive(
    reading: Reading, word: Word, before: Word | None, following: Word | None, lex: Lexicon
) -> bool:
    """Is a Dutch 'je' the possessive ("waarschijnlijk staat je vergunning nog op je oude kenteken"), not the
    subject ("je hebt waarschijnlijk ...")? It is after a preposition ("op je"), or when the next word is no
    verb form: a word that is its own lemma and no adverb (a verb lemmatises to its infinitive: 'hebt')."""
    if reading.language != "nl" or word.surface not in lex.words.get("ambiguous_you", frozenset()):
        return False
    if before is not None and before.surface in lex.words["prepositions_nl"]:
        return True
    if following is None:
        return False
    return following.lemma == following.surface and following.surface not in lex.words["adverbs_nl"]


def _informed_before(j: Judgement, after: int) -> None:
    """After a non-apology, what the customer was already told, with them as its recipient ("sorry if the
    charge came as a surprise, but a reminder was sent before your trial ended", "we hebben je bij
    aankomst een sms gestuurd"): the fault goes back to them. Without the customer in the sentence ("our
    tickets are always sent on time") it defends the brand and blames nobody."""
    informed, you = j.lex.words.get("informed", frozenset()), j.lex.words["you"]
    reading = j.reading
    own = _sentence_of(reading, after)  # the non-apology's own sentence counts only after a 'but'
    but = any(w.start == after and w.surface in j.lex.words["but"] for w in reading.words)
    sentences: dict[int, list[Word]] = {}
    for w in reading.words:
        sentence = _sentence_of(reading, w.start)
        if w.start >= after and (sentence > own or but):
            sentences.setdefault(sentence, []).append(w)
    for words in sentences.values():
        told = next((w for w in words if w.surface in informed), None)
        if told is not None and any(w.surface in you for w in words):
            span = reading.original(words[0].start, words[-1].end)
            j.add_category("informed_before", "blame", span, j.lex.details["informed_before"])
            return
