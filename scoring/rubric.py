"""The reply rubric: `assess(text, context) -> ReplyAssessment`, explainable finding by finding.

Phrase rules per language come from scoring/lexicons/<lang>.yaml, extended by the
policy (`lexicon:` additions, `forbidden:` phrases, `tone:` address and sign-off,
`rubric: {unrewarded: [...]}`, `critical: [...]`). Phrases match by lemma (scoring/text.py), so
inflections and spelling variants count; a negation earlier in the same clause
cancels a phrase ("we can't refund") or turns owning into denying ("not our
fault" = blame); who is the subject of a fault word decides ownership or blame
(scoring/rules.py; privacy and gaming in scoring/privacy.py and scoring/gaming.py). Phrases consumed by a non-apology, boilerplate or a
deflection don't also count as an apology or a solution. What the scenario
knows (`facts:`) catches speculation and promises beyond what is allowed
(scoring/facts.py). For the categories that move a score most (apology, blame, private channel,
acknowledgement, a solution, deflection, speculation...: detector.py) a learned detector per language
(weights fitted on the graded corpus) has the last word on a reply of some length: it confirms,
withdraws or adds the category, quoting the clause that weighs most; speculation and empty promises are
weighed after the facts check, with its findings. Requirements depend on the case: an apology when the
brand is at fault, an acknowledgement when the customer is angry, a solution when it
is serious, a private channel when the case needs personal data. Sentiment is
not used. Every finding quotes the trainee's own characters.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from stormdrill.simulator.assessment import (
    NEGATIVE,
    REPLY_BASE,
    Finding,
    ReplyAssessment,
    ReplyContext,
    polarity_for,
)

from . import detector, facts, gaming, points, privacy, rules
from .lexicon import Lexicon, lexicon, spans
from .text import Reading, detect_language
from .weights import (
    ACKNOWLEDGE_ANGER,
    CRITICAL_WEIGHT,
    MISSING_ACKNOWLEDGE,
    MISSING_APOLOGY,
    MISSING_CAP,
    MISSING_PRIVATE_CHANNEL,
    MISSING_SIGN_OFF,
    MISSING_SOLUTION,
    WEAK_BAND_CEILING,
    WRONG_ADDRESS_LEAST,
)

CONSUMING = ("non_apology", "boilerplate", "deflection", "patronising")  # claim their words first
# The grading guide's weak band (30-49) however good the rest of the reply (_weak_band)
WEAK_BAND = ("public_personal_data", "wrong_address_form")
SPECIAL = ("public_personal_data",)  # matched by their own rule, not as plain phrases
CRITICAL_CATEGORIES = {
    "forbidden": "forbidden",
    "public_personal_data": "private",
    "wrong_address_form": "address",
}


@lru_cache(maxsize=4096)
def read(text: str, language: str) -> Reading:
    """The text read once per language (bots try the same phrasings many times)."""
    return Reading(text, language)


class Judgement:
    """The findings of one reply as they are made, and the words already claimed by one."""

    def __init__(self, reading: Reading, lex: Lexicon, context: ReplyContext):
        self.reading = reading
        self.lex = lex
        self.context = context
        self.language = lex.language
        self.findings: list[Finding] = []
        self.claimed: list[tuple[int, int]] = []
        # categories whose words a rule read and cleared ("you did nothing wrong", "we'll make sure
        # your ..."): a learned detector does not add them back (scoring/detector.py)
        self.cleared: set[str] = set()
        # categories a rule found in so many words that a learned detector does not withdraw them
        # (personal data asked in the thread beside a DM: scoring/privacy.py)
        self.settled: set[str] = set()
        self._pattern_spans: dict[str, list[tuple[int, int]]] = {}

    def add(
        self,
        rule: str,
        category: str,
        span: str,
        points: float,
        explanation: str,
        missing: bool = False,
    ) -> None:
        self.findings.append(
            Finding(
                f"{self.language}.{category}.{rule}",
                category,
                span,
                points,
                explanation,
                polarity_for(category, points, missing),
            )
        )

    def add_category(self, rule: str, category: str, span: str, detail: str = "") -> None:
        """A finding with the lexicon's points and explanation for `category`."""
        cat = self.lex.categories[category]
        explanation = f"{cat.explanation} ({detail})" if detail else cat.explanation
        self.add(rule, category, span, cat.points, explanation)

    def pattern_spans(self, name: str) -> list[tuple[int, int]]:
        """Where the lexicon's named phrase list `patterns.<name>` matches (once per reply)."""
        if name not in self._pattern_spans:
            pattern = self.lex.patterns.get(name)
            self._pattern_spans[name] = (
                spans(self.reading, pattern.lemmas, pattern.written) if pattern else []
            )
        return self._pattern_spans[name]

    def overlaps(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.claimed)

    def has(self, category: str) -> bool:
        return any(f.category == category and f.polarity != "missing" for f in self.findings)

    @property
    def present(self) -> set[str]:
        return {f.category for f in self.findings if f.polarity != "missing"}


def assess(text: str, context: ReplyContext) -> ReplyAssessment:
    language = detect_language(text, context.language)
    judgement = Judgement(read(text, language), lexicon(language, context.policy), context)
    rules.wrong_language(judgement, language)
    _phrases(judgement)
    rules.fault_subject(judgement)
    rules.terms_refusal(judgement)
    rules.guessed_at_customer(judgement)
    rules.fact_of_life(judgement)
    rules.non_apology_cancels(judgement)
    rules.told_too_late(judgement)
    rules.sent_in_error(judgement)
    rules.yes_but(judgement)
    rules.smug(judgement)
    rules.sarcastic_thanks(judgement)
    rules.pointing_away(judgement)
    rules.contact_offer(judgement)
    if context.kind == "dm":  # already private: naming a private channel invites nobody anywhere
        judgement.findings = [f for f in judgement.findings if f.category != "private_channel"]
    rules.pitch(judgement)
    rules.commitment(judgement)
    rules.personal(judgement)
    rules.courtesy(judgement)
    if context.public and context.kind != "dm":
        privacy.public_data(judgement)
    privacy.secrets(judgement)
    detector.apply(judgement)
    rules.shouting(judgement)
    gaming.duplicate(judgement)
    rules.address_form(judgement)
    rules.forbidden(judgement)
    facts.check(judgement)
    detector.apply(judgement, late=True)
    rules.laughing(judgement)
    gaming.hollow(judgement)
    _expected(judgement)
    _unreadable(judgement)
    _policy_weights(judgement)
    judgement.findings = _weak_band(points.apply(judgement.findings), judgement.context)
    verdict = ReplyAssessment(tuple(judgement.findings), 0.0, language, context.kind)
    # How the crowd reacts follows the grade: a reply at the base (50) leaves the thread as it was, a
    # good one cools it, a pasted, defensive or hollow one heats it.
    quality = max(-1.0, min(1.0, (verdict.score - REPLY_BASE) / (100.0 - REPLY_BASE)))
    return replace(verdict, quality=round(quality, 4))


def assess_many(texts: list[str], context: ReplyContext) -> list[ReplyAssessment]:
    """Judge replies in order, each against the ones before it (so pasted replies show as duplicates)."""
    out = []
    earlier = list(context.earlier_replies)
    for text in texts:
        ctx = ReplyContext(**{**context.__dict__, "earlier_replies": tuple(earlier)})
        out.append(assess(text, ctx))
        earlier.append(text)
    return out


def _phrases(j: Judgement) -> None:
    """Every lexicon phrase: consuming categories first, then the other bad ones, then the good; one finding per category."""
    reading, lex = j.reading, j.lex
    rest = [n for n in lex.categories if n not in CONSUMING and n not in SPECIAL]
    order = [
        *CONSUMING,
        *(n for n in rest if n in NEGATIVE),
        *(n for n in rest if n not in NEGATIVE),
    ]
    for name in order:
        cat = lex.categories[name]
        for start, end in spans(reading, cat.pattern, cat.surface):
            if name not in NEGATIVE and j.overlaps(start, end):
                continue  # bad words never also count as good ones; two bad readings of one phrase may both stand
            if name == "ownership" and rules.leaning_on_us(reading, start, lex):
                continue  # "you won't wait on us", "you can count on us": no fault owned, none denied
            negation = rules.negation_before(reading, start, lex) if cat.negatable else None
            if negation is not None:
                if cat.negated_as and not j.has(cat.negated_as):
                    span = reading.original(negation, end)
                    j.add(
                        "denied_" + rules.slug(span),
                        cat.negated_as,
                        span,
                        lex.categories[cat.negated_as].points,
                        rules.fill(lex.details["denied"], span=span),
                    )
                j.claimed.append((negation, end))
                j.cleared.add(name)
                continue
            if name == "non_apology" and (
                rules.sympathy(reading, start, end, lex)
                or rules.bare_condition(reading, start, lex)
                or rules.farewell(reading, end, lex)
            ):
                continue  # "sorry to hear you're unhappy with the repair": sympathy, not a sorry-you-feel;
                # "let us know if you still experience problems": a condition; "jammer dat je weggaat": a farewell
            if name == "apology" and rules.polite_sorry(reading, start, end, lex):
                j.cleared.add(name)
                continue  # "Sorry, have you uploaded your ID?": politeness before a question
            if name == "acknowledge" and (
                rules.apology_object(reading, start, lex)
                or rules.understand_that(reading, end, lex)
                or rules.own_feeling(reading, start, lex)
                or rules.glad_to(reading, end, lex)
                or rules.weighs_words(reading, start, lex)
            ):
                continue  # "sorry for the rough start": what the apology is for; "we understand that bills
                # can be high": a statement, not a feeling recognised; "we're gutted too": the brand's own;
                # "we'd be happy to help": an offer; "een zware beschuldiging": the customer's words weighed
            if name == "deflection" and (
                facts.the_known_way(j, start, end) or rules.safety_referral(j, start)
            ):
                continue  # "claim it via the online form" where that is the way: information, not pushing
                # away; "see your GP if ..." is safety advice, which comes first (docs/grading-guide.md)
            if name == "blame" and (
                rules.exonerates(reading, start, end, lex)
                or rules.unfinished_reproach(reading, start, end, lex)
                or rules.brand_commits(reading, start, lex)
                or rules.not_the_customers(reading, start, end, lex)
                or rules.for_others(reading, start, end, lex)
                or rules.our_own_should(reading, start, end, lex)
                or rules.owned_unclear(j, start)
                or rules.spared(reading, start, end, lex)
            ):
                j.cleared.add(name)
                continue  # "you did nothing wrong" clears the customer; "if you'd like" reproaches nothing;
                # "we'll make sure your ..." is the brand's own task; "down to your bank" is another's; "so
                # nobody else gets caught out" spares other customers; "dat hadden we eerder moeten melden"
                # is the brand's own should-have; "the small print doesn't make that obvious" owns the notice;
                # "dat had je niet moeten ontdekken" regrets what the customer went through
            if name == "patronising" and (
                rules.celebrated(j, start, end)
                or rules.obviously_not(reading, end)
                or rules.owned_unclear(j, start)
            ):
                continue  # congratulations on a prize; "dat moet natuurlijk niet gebeuren"; "the poster
                # doesn't make that obvious" is the brand's own notice
            if name == "sales" and (
                rules.on_the_house(j, start, end) or rules.own_machinery(reading, start, end, lex)
            ):
                continue  # "we'll upgrade you to a large on us": compensation; "our new booking system
                # dropped your renewal": the brand's own machinery, nothing pitched
            if name == "private_channel" and rules.no_invitation(reading, start, end, lex):
                j.cleared.add(name)
                continue  # "calling us thieves", "per mail", "lees je mail": a channel named, nobody invited
            if name == "empty_promise" and rules.timed(j, start):
                continue  # "we'll get back to you before 18:00" is a promise with a when
            if (
                name in NEGATIVE or cat.claims
            ):  # bad words are not also good ("sorry if you feel" apologises nothing)
                j.claimed.append((start, end))
            if not j.has(name):
                span = reading.original(start, end)
                j.add(rules.slug(span), name, span, cat.points, cat.explanation)


def _expected(j: Judgement) -> None:
    """Points lost for what the case called for and the reply left out."""
    context, lex, has = j.context, j.lex, {f.category for f in j.findings if f.points > 0}
    kind = context.kind
    if context.at_fault and not ({"apology", "ownership"} & has) and kind != "dm":
        j.add("expected", "apology", "", -MISSING_APOLOGY, lex.expected["apology"], missing=True)
    if context.anger >= ACKNOWLEDGE_ANGER and "acknowledge" not in has and kind in ("reply", "dm"):
        j.add(
            "expected",
            "acknowledge",
            "",
            -MISSING_ACKNOWLEDGE,
            lex.expected["acknowledge"],
            missing=True,
        )
    if context.severity == "high" and "solution" not in has and kind in ("reply", "dm", "resolve"):
        j.add("expected", "solution", "", -MISSING_SOLUTION, lex.expected["solution"], missing=True)
    if context.needs_data and context.public and "private_channel" not in has and kind == "reply":
        j.add(
            "expected",
            "private_channel",
            "",
            -MISSING_PRIVATE_CHANNEL,
            lex.expected["private_channel"],
            missing=True,
        )
    signed = any(f.rule.endswith("personal.sign_off") for f in j.findings)
    if context.policy.tone.sign_off and not signed:
        j.add(
            "sign_off_expected",
            "personal",
            "",
            -MISSING_SIGN_OFF,
            lex.expected["personal"],
            missing=True,
        )
    _cap_missing(j)


def _cap_missing(j: Judgement) -> None:
    """Left-out parts cost at most MISSING_CAP together, each scaled by the same factor."""
    lost = -sum(f.points for f in j.findings if f.polarity == "missing")
    if lost <= MISSING_CAP:
        return
    factor = MISSING_CAP / lost
    j.findings = [
        replace(f, points=round(f.points * factor, 1)) if f.polarity == "missing" else f
        for f in j.findings
    ]


def _unreadable(j: Judgement) -> None:
    """In another language than the customer's, nothing the reply does well reaches them, and nothing it
    left out is the point any more: only the wrong language (and any other breach) counts."""
    if not j.has("wrong_language"):
        return
    note = j.lex.details["unreadable"]
    j.findings = [
        gaming.scaled(f, 0.0, note) if f.polarity == "earned" else f
        for f in j.findings
        if f.polarity != "missing"
    ]


def _weak_band(findings: list[Finding], context: ReplyContext) -> list[Finding]:
    """What the grading guide puts in the weak band however good the rest costs what takes the reply down
    to WEAK_BAND_CEILING: the wrong form of address (at least WRONG_ADDRESS_LEAST, double where the policy
    marks the form of address critical) and personal data asked in public (at least its own points)."""
    for n, category in enumerate(WEAK_BAND):
        found = next(
            (f for f in findings if f.category == category and f.polarity == "penalty"), None
        )
        if found is None:
            continue
        # judged as if the later ones were right, so each still costs its own part
        later = WEAK_BAND[n + 1 :]
        without = ReplyAssessment(
            tuple(
                f
                for f in findings
                if f is not found and not (f.category in later and f.polarity == "penalty")
            ),
            0.0,
        ).score
        if category == "wrong_address_form":
            cost = max(WRONG_ADDRESS_LEAST, without - WEAK_BAND_CEILING)
            if CRITICAL_CATEGORIES[category] in context.policy.critical:
                cost *= CRITICAL_WEIGHT
        else:
            cost = max(-found.points, without - WEAK_BAND_CEILING)
        findings = [replace(f, points=-round(cost, 1)) if f is found else f for f in findings]
    return findings


def _policy_weights(j: Judgement) -> None:
    """The policy switches rewards off (`rubric: {unrewarded: [...]}`) and makes breaches of critical rules weigh double."""
    policy = j.context.policy
    off = set(policy.rubric.unrewarded)
    critical = set(policy.critical)
    if not off and not critical:
        return
    out = []
    for f in j.findings:
        if f.category in off and f.polarity != "penalty":
            f = Finding(
                f.rule,
                f.category,
                f.span,
                0.0,
                rules.fill(j.lex.details["switched_off"], category=f.category),
                f.polarity,
            )
        elif CRITICAL_CATEGORIES.get(f.category) in critical and f.polarity == "penalty":
            f = Finding(
                f.rule,
                f.category,
                f.span,
                f.points * CRITICAL_WEIGHT,
                f"{f.explanation} ({j.lex.details['critical']})",
                f.polarity,
            )
        out.append(f)
    j.findings = out
