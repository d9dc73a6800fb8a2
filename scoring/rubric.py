"""The reply rubric: `assess(text, context) -> ReplyAssessment`, explainable finding by finding.

Phrase rules per language come from scoring/lexicons/<lang>.yaml, extended by the
policy (`lexicon:` additions, `forbidden:` phrases, `tone:` address and sign-off).
The text is normalised (case, accents, handles, links, emoji) with a map back to
the trainee's own characters, so every finding quotes their words. Phrases
consumed by a non-apology or boilerplate don't also count as an apology; a
negation just before an ownership phrase ("not our fault") turns it into blame.
Requirements depend on the case: an apology when the brand is at fault, an
acknowledgement when the customer is angry, a solution when it is serious, a
private channel when the case needs personal data. Sentiment is not used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from stormdrill.scenarios.model import Policy
from stormdrill.scenarios.slots import fill
from stormdrill.simulator.assessment import Finding, ReplyAssessment, ReplyContext, polarity_for

LEXICONS = Path(__file__).parent / "lexicons"
QUALITY_SCALE = 40.0  # points that make a reply count as fully cooling (or inflaming)
DUPLICATE_JACCARD = 0.8
SHOUT_ALLOWED = {"IBAN", "WIFI", "COVID", "NOS", "KLM", "SMS", "FAQ", "ASAP", "HTML", "TV"}
_SIGN_OFF = re.compile(r"(?:[\^~]\s?[A-Za-z]{1,4}\b|(?:^|\s)[-–/]\s?[A-Z][a-zA-Z]{0,15}\s*$|(?:^|\s)/[A-Z]{1,4}\b)")
_WORD = re.compile(r"[a-z0-9']+")
CONSUMING = ("non_apology", "boilerplate")  # their spans don't also count as an apology or a solution


@dataclass(frozen=True)
class Phrase:
    text: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Category:
    name: str
    points: float
    explanation: str
    phrases: tuple[Phrase, ...]
    combined: re.Pattern | None
    negated_as: str | None = None
    data_kinds: dict | None = None
    request_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    language: str
    categories: dict[str, Category]
    negations: frozenset[str]
    stopwords: frozenset[str]
    address: dict[str, tuple[str, ...]]
    expected: dict[str, str]
    details: dict[str, str]


_BLANK = re.compile(r"https?://\S+|www\.\S+|@\w+")


def normalise(text: str) -> tuple[str, list[int] | range]:
    """Lowercase, accents stripped, handles/links/emoji blanked; with each character's original index."""
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
            if ord(piece) > 0x2000 and not piece.isalnum():  # emoji and symbols
                piece = " "
            out.append(piece.lower())
            where.append(i)
    return "".join(out), where


@cache
def _compile(phrase: str) -> re.Pattern:
    normal, _ = normalise(phrase)
    body = re.escape(normal.strip()).replace(r"\*", r"\w*").replace(r"\#", r"\d")
    return re.compile(r"(?<![\w'])" + body + r"(?![\w'])")


def _category(name: str, spec: dict, extra: list[str]) -> Category:
    phrases = tuple(Phrase(p, _compile(p)) for p in [*spec.get("phrases", []), *extra])
    combined = None
    if phrases:
        ordered = sorted(phrases, key=lambda p: -len(p.text))
        combined = re.compile("|".join(f"(?:{p.pattern.pattern})" for p in ordered))
    return Category(name, float(spec["points"]), spec["explanation"], phrases, combined,
                    spec.get("negated_as"), spec.get("data_kinds"), tuple(spec.get("request_cues", ())))  # fmt: skip


@cache
def _raw(language: str) -> dict:
    return yaml.safe_load((LEXICONS / f"{language}.yaml").read_text(encoding="utf-8"))


@cache
def _lexicon_cached(language: str, additions: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    raw = _raw(language)
    extra = dict(additions)
    categories = {name: _category(name, spec, list(extra.get(name, ()))) for name, spec in raw["categories"].items()}
    return Lexicon(language, categories, frozenset(raw["negations"]), frozenset(raw["stopwords"]),
                   {k: tuple(v) for k, v in raw["address"].items()}, raw["expected"], raw["details"])  # fmt: skip


def lexicon(language: str, policy: Policy | None = None) -> Lexicon:
    additions = ()
    if policy is not None and language in policy.lexicon:
        additions = tuple(sorted((k, tuple(v)) for k, v in policy.lexicon[language].items()))
    return _lexicon_cached(language, additions)


def detect_language(text: str, default: str) -> str:
    words = set(_WORD.findall(normalise(text)[0]))
    hits = {lang: len(words & set(_raw(lang)["stopwords"])) for lang in ("en", "nl")}
    if hits["en"] == hits["nl"]:
        return default
    return max(hits, key=hits.get)


def tokens(text: str, drop: set[str] | frozenset[str] = frozenset()) -> set[str]:
    return _tokens(text) - drop


@lru_cache(maxsize=8192)
def _tokens(text: str) -> frozenset[str]:
    normal, _ = normalise(text)
    return frozenset(w for w in _WORD.findall(normal) if not w.isdigit() and len(w) > 1)


class _Reply:
    """One reply being judged: its normalised text and the spans already claimed."""

    def __init__(self, text: str):
        self.text = text
        self.normal, self.where = normalise(text)
        self.claimed: list[tuple[int, int]] = []

    def original(self, start: int, end: int) -> str:
        if start >= end:
            return ""
        return self.text[self.where[start] : self.where[end - 1] + 1]

    def overlaps(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self.claimed)

    def negated(self, start: int, negations: frozenset[str]) -> int | None:
        """Start of a negation within the three words before `start`, if any."""
        before = list(re.finditer(r"[a-z']+", self.normal[:start]))[-3:]
        for match in before:
            word = match.group(0)
            if word in negations or word.endswith("n't"):
                return match.start()
        return None


def assess(text: str, context: ReplyContext) -> ReplyAssessment:
    language = detect_language(text, context.language)
    lex = lexicon(language, context.policy)
    reply = _Reply(text)
    findings: list[Finding] = []

    def add(rule: str, category: str, span: str, points: float, explanation: str) -> None:
        missing = rule.endswith("expected")
        findings.append(Finding(f"{language}.{category}.{rule}", category, span, points, explanation,
                                polarity_for(category, points, missing)))  # fmt: skip

    for name in CONSUMING:
        cat = lex.categories[name]
        for match in cat.combined.finditer(reply.normal) if cat.combined else ():
            reply.claimed.append(match.span())
            if not any(f.category == name for f in findings):
                add(_slug(match.group(0)), name, reply.original(*match.span()), cat.points, cat.explanation)

    for name, cat in lex.categories.items():
        if name in CONSUMING or name == "public_personal_data" or cat.combined is None:
            continue
        for match in cat.combined.finditer(reply.normal):
            start, end = match.span()
            if reply.overlaps(start, end):
                continue
            negation = reply.negated(start, lex.negations) if name in ("ownership", "apology", "acknowledge") else None
            if negation is not None:
                if cat.negated_as:
                    blame = lex.categories[cat.negated_as]
                    span = reply.original(negation, end)
                    add("denied_" + _slug(match.group(0)), cat.negated_as, span, blame.points,
                        fill(lex.details["denied"], {"span": span}))  # fmt: skip
                    reply.claimed.append((negation, end))
                continue
            if not any(f.category == name for f in findings):
                add(_slug(match.group(0)), name, reply.original(start, end), cat.points, cat.explanation)
                reply.claimed.append((start, end))

    has = {f.category for f in findings if f.points > 0}
    policy = context.policy
    _personal(reply, context, lex, add)
    has |= {f.category for f in findings if f.points > 0}
    if context.public and context.kind != "dm":
        _public_data(reply, lex, policy, "private_channel" in has, add)
    _shouting(text, lex, add)
    _duplicate(text, context, lex, add)
    _address_form(reply, lex, policy, language, add)
    _forbidden(reply, policy, lex, add)
    _expected(context, lex, has, findings, add)

    total = sum(f.points for f in findings)
    quality = max(-1.0, min(1.0, total / QUALITY_SCALE))
    return ReplyAssessment(tuple(findings), round(quality, 4), language, context.kind)


def assess_many(texts: list[str], context: ReplyContext) -> list[ReplyAssessment]:
    """Judge replies in order, each against the ones before it (so pasted replies show as duplicates)."""
    out = []
    earlier = list(context.earlier_replies)
    for text in texts:
        ctx = ReplyContext(**{**context.__dict__, "earlier_replies": tuple(earlier)})
        out.append(assess(text, ctx))
        earlier.append(text)
    return out


# ------------------------------------------------------------------ the special rules


def _personal(reply: _Reply, context: ReplyContext, lex: Lexicon, add) -> None:
    cat = lex.categories["personal"]
    if context.first_name and len(context.first_name) > 1:
        name = normalise(context.first_name)[0]
        match = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", reply.normal)
        if match:
            add("name", "personal", reply.original(*match.span()), cat.points, cat.explanation)
    sign = _SIGN_OFF.search(reply.text)
    if sign:
        add("sign_off", "personal", sign.group(0).strip(), cat.points, cat.explanation)


def _public_data(reply: _Reply, lex: Lexicon, policy: Policy, invites_private: bool, add) -> None:
    cat = lex.categories["public_personal_data"]
    if invites_private or cat.combined is None:
        return
    watched = set(policy.private.never_ask_publicly)
    for kind, phrases in (cat.data_kinds or {}).items():
        if kind not in watched:
            continue
        for phrase in phrases:
            for match in _compile(phrase).finditer(reply.normal):
                if _is_request(reply.normal, *match.span(), cat.request_cues):
                    add(kind, "public_personal_data", reply.original(*match.span()), cat.points, cat.explanation)
                    return


def _is_request(normal: str, start: int, end: int, cues: tuple[str, ...]) -> bool:
    """Is the data named in a request (a question, or after a cue such as 'send us') rather than in passing?"""
    left = max(normal.rfind(mark, 0, start) for mark in ".!?\n")
    right = min((i for i in (normal.find(mark, end) for mark in ".!?\n") if i != -1), default=len(normal))
    if normal[right : right + 1] == "?":
        return True
    before = normal[left + 1 : start]
    return any(_compile(cue).search(before) for cue in cues)


def _shouting(text: str, lex: Lexicon, add) -> None:
    cat = lex.categories["shouting"]
    loud = [w for w in re.findall(r"\b[A-Z]{4,}\b", text) if w not in SHOUT_ALLOWED]
    bangs = re.search(r"!{2,}", text)
    if len(loud) >= 2 or bangs:
        span = " ".join(loud[:3]) if len(loud) >= 2 else bangs.group(0)
        add("caps" if len(loud) >= 2 else "exclamations", "shouting", span, cat.points, cat.explanation)


def _duplicate(text: str, context: ReplyContext, lex: Lexicon, add) -> None:
    if not context.earlier_replies:
        return
    drop = set(lex.stopwords)
    for name in (context.first_name, context.last_name):
        if name:
            drop |= tokens(name)
    mine = tokens(_impersonal(text), drop)
    if len(mine) < 4:
        return
    for earlier in reversed(context.earlier_replies):
        theirs = tokens(_impersonal(earlier), drop)
        if len(theirs) < 4:
            continue
        similarity = len(mine & theirs) / len(mine | theirs)
        if similarity >= DUPLICATE_JACCARD:
            cat = lex.categories["duplicate"]
            preview = earlier if len(earlier) <= 60 else earlier[:57] + "..."
            detail = fill(lex.details["duplicate"], {"similarity": f"{similarity:.0%}"})
            add("pasted", "duplicate", preview, cat.points, f"{cat.explanation} ({detail})")
            return


def _impersonal(text: str) -> str:
    """A reply without its sign-off and the names in it (capitalised words mid-sentence), to compare replies."""
    text = _SIGN_OFF.sub(" ", text)
    return re.sub(r"(?<=[^.!?\s] )[A-Z][a-z]+\b", " ", text)


def _address_form(reply: _Reply, lex: Lexicon, policy: Policy, language: str, add) -> None:
    wanted = policy.tone.address
    if language != "nl" or wanted == "any":
        return
    other = "je" if wanted == "u" else "u"
    for word in sorted(lex.address.get(other, ()), key=len, reverse=True):
        match = re.search(r"(?<![\w'])" + re.escape(word) + r"(?![\w'])", reply.normal)
        if match:
            cat = lex.categories["wrong_address_form"]
            span = reply.original(*match.span())
            detail = fill(lex.details["address"], {"wanted": wanted, "span": span})
            add(other, "wrong_address_form", span, cat.points, f"{cat.explanation} ({detail})")
            return


def _forbidden(reply: _Reply, policy: Policy, lex: Lexicon, add) -> None:
    cat = lex.categories["forbidden"]
    for phrase in policy.forbidden:
        match = _compile(phrase).search(reply.normal)
        if match:
            add(_slug(phrase), "forbidden", reply.original(*match.span()), cat.points,
                f"{cat.explanation} ('{phrase}')")  # fmt: skip


def _expected(context: ReplyContext, lex: Lexicon, has: set[str], findings: list[Finding], add) -> None:
    """Points lost for what the case called for and the reply left out."""
    kind = context.kind
    if context.at_fault and not ({"apology", "ownership"} & has) and kind != "dm":
        add("expected", "apology", "", -10.0, lex.expected["apology"])
    if context.anger >= 0.6 and "acknowledge" not in has and kind in ("reply", "dm"):
        add("expected", "acknowledge", "", -8.0, lex.expected["acknowledge"])
    if context.severity == "high" and "solution" not in has and kind in ("reply", "dm", "resolve"):
        add("expected", "solution", "", -8.0, lex.expected["solution"])
    if context.needs_data and context.public and "private_channel" not in has and kind == "reply":
        add("expected", "private_channel", "", -8.0, lex.expected["private_channel"])
    signed = any(f.rule.endswith("personal.sign_off") for f in findings)
    if context.policy.tone.sign_off and not signed:
        add("sign_off_expected", "personal", "", -5.0, lex.expected["personal"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise(text)[0]).strip("_")[:40] or "phrase"
