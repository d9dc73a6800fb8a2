"""Threads: one complaint and everything that hangs off it.

Each Thread is a plain Python object for what the UI and scoring read (who,
what, the conversation, the trainee's handling); its numbers that the hot path
needs every step (anger, heat multiplier, reach, flags) live in numpy columns
of a ThreadTable and are read and written through the Thread's attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from .assessment import ReplyAssessment

# note: a message from inside the brand (a colleague, legal) shown to the desk; it never spreads.
KINDS = ("complaint", "praise", "note", "question", "off_topic", "rumour")


class ThreadTable:
    """Growable numpy columns, one row per thread."""

    DTYPES: ClassVar[dict] = {
        "key": np.uint64,
        "topic": np.int64,
        "kind": np.int64,  # index into KINDS
        "channel": np.int64,
        "author": np.int64,
        "anger": np.float64,
        "mult": np.float64,  # heat multiplier: what actions and escalations did to it
        "created": np.float64,
        "impressions": np.int64,
        "reshares": np.int64,
        "contacts": np.int64,
        "needs_response": bool,  # a visible complaint from someone who is not a troll
        "responded": bool,
        "hidden": bool,
        "discovered": bool,  # a hidden post its author found out about
        "satisfied": bool,
        "fired": np.int64,  # bit i: escalation rule i fired for this thread
        "appeal": np.float64,  # storm.appeal of its key: how shareable the post is
    }

    def __init__(self, capacity: int = 256):
        self.size = 0
        self.columns = {
            name: np.zeros(capacity, dtype=dtype) for name, dtype in self.DTYPES.items()
        }

    def add(self) -> int:
        return self.extend(1)

    def extend(self, count: int) -> int:
        """`count` new rows (zeros); the first one's index."""
        capacity = len(self.columns["key"])
        if self.size + count > capacity:
            wanted = capacity * 2
            while self.size + count > wanted:
                wanted *= 2
            for name, column in self.columns.items():
                grown = np.zeros(wanted, dtype=column.dtype)
                grown[:capacity] = column
                self.columns[name] = grown
        self.size += count
        return self.size - count

    def __getitem__(self, name: str) -> np.ndarray:
        """The live part of a column."""
        return self.columns[name][: self.size]


class _Column:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj._table.columns[self.name].item(obj.index)  # a Python number, no numpy scalar

    def __set__(self, obj, value):
        obj._table.columns[self.name][obj.index] = value


@dataclass
class Message:
    t: float
    who: str  # "customer" or "brand"
    text: str
    public: bool = True
    # post, followup, reply, dm, resolve (a closing message), data (personal data in DM)
    kind: str = "post"
    verdict: ReplyAssessment | None = None  # a brand message: how it was judged when it was sent


# Whether a complaint needs the customer's personal data (and so a private channel) follows from what it
# says, not from the complaint alone: "Nothing works in Matthewshire" is everyone's outage and is answered
# in public; "charged twice, €40 gone from my account" is a personal case. Topics that are shared by
# nature (an outage, a recall, a trainer's own topic) are general unless the post names the poster's own
# account, bill, order or booking; the personal topics (a bill, a lost bag, a repair) are about their own case.
PERSONAL_TOPICS = frozenset(
    {
        "billing",
        "baggage",
        "refund",
        "repair",
        "delivery",
        "quality",
        "claim",
        "fraud",
        "benefits",
        "appointment",
    }
)
# Each way a post names its own case: the words it cannot do without (a post with none of them is
# not searched) and the pattern. A post is a personal case if any of them matches.
_PERSONAL_WAYS = {
    "en": (
        (
            ("my ", "our "),
            r"\b(?:my|our) (?:account|bill|invoice|contract|line|subscription|order|booking|"
            r"reservation|ticket|parcel|package|refund|claim|policy|case|customer number|"
            r"direct debit|card)\b",
        ),
        (("charged",), r"\bcharged\b"),
        (
            ("order", "booking", "case", "customer", "reference"),
            r"\b(?:order|booking|case|customer|reference) ?(?:number|nr|no)\b",
        ),
        (("€",), r"€ ?\d"),
        (("debited",), r"\bdebited\b"),
    ),
    "nl": (
        (
            ("mijn ",),
            r"\bmijn (?:rekening|factuur|account|abonnement|contract|aansluiting|bestelling|boeking|"
            r"reservering|ticket|pakket|terugbetaling|claim|polis|dossier|klantnummer|incasso|pas)\b",
        ),
        (("afgeschreven",), r"\bafgeschreven\b"),
        (("nummer",), r"\b(?:order|klant|dossier|boekings|polis)nummer\b"),
        (("€",), r"€ ?\d"),
        (("dubbel betaald",), r"\bdubbel betaald\b"),
    ),
}
_PERSONAL = {
    language: tuple((words, re.compile(pattern)) for words, pattern in ways)
    for language, ways in _PERSONAL_WAYS.items()
}
# every way's words at once: most posts have none of them, and one test says so
_PERSONAL_WORDS = {
    language: tuple(word for words, _ in ways for word in words)
    for language, ways in _PERSONAL_WAYS.items()
}


def personal_case(text: str, topic: str, language: str = "en", lowered: str | None = None) -> bool:
    """Does this complaint describe the poster's own case, one that needs their details to solve?
    `lowered`: text.lower(), where the caller has it already."""
    if topic in PERSONAL_TOPICS:
        return True
    if lowered is None:
        lowered = text.lower()
    if language not in _PERSONAL:
        language = "en"
    if not any(map(lowered.__contains__, _PERSONAL_WORDS[language])):
        return False
    return any(
        any(map(lowered.__contains__, words)) and pattern.search(lowered) is not None
        for words, pattern in _PERSONAL[language]
    )


_WORD = re.compile(r"\w+")


class WordLists:
    r"""Which of several word lists a post uses, each word as a whole word (`(?<!\w)word(?!\w)`).

    A word of letters and digits alone is a whole word of a text exactly when it is one of the
    text's `\w+` runs, so one split of the text answers for all of them; only words with spaces
    or punctuation in them ("not working", "#fail") need a search of their own.
    """

    def __init__(self, lists) -> None:
        self.plain: list[frozenset[str]] = []
        self.searched: list[list[tuple[str, re.Pattern]]] = []
        self.letters: list[str] = []  # every word of every list: a text without any uses none
        for words in lists:
            lowered = [w.lower() for w in words]
            self.letters += lowered
            self.plain.append(frozenset(w for w in lowered if _WORD.fullmatch(w)))
            self.searched.append(
                [
                    (w, re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)"))
                    for w in lowered
                    if not _WORD.fullmatch(w)
                ]
            )

    def used(self, lowered: str) -> list[bool]:
        """For each list: does the (lower-case) text use one of its words?

        A whole word is in the text only if its letters are: most posts use none of the words,
        and a substring test says so without splitting the text or searching it.
        """
        if not any(map(lowered.__contains__, self.letters)):
            return [False] * len(self.plain)
        runs: set[str] | None = None
        out = []
        for plain, searched in zip(self.plain, self.searched, strict=True):
            hit = False
            if any(map(lowered.__contains__, plain)):
                if runs is None:
                    runs = set(_WORD.findall(lowered))
                hit = not plain.isdisjoint(runs)
            for word, pattern in () if hit else searched:
                if word in lowered and pattern.search(lowered):
                    hit = True
                    break
            out.append(hit)
        return out


@dataclass(eq=False)
class Thread:
    _table: ThreadTable = field(repr=False)
    index: int
    id: int
    kind_name: str
    topic: str
    channel: str
    author_node: int
    handle: str
    name: str
    first_name: str
    temper: str
    at_fault: bool
    needs_data: bool
    severity: str
    mentions_brand: bool
    visible: bool
    via: str  # mention, monitoring, channel (forum/review/brand page)
    cause: str
    parent: int | None
    followers: int
    escalate_rules: tuple[int, ...] = ()  # policy escalation rules whose words this thread uses
    rating: int | None = None
    sponsored: bool = False  # a paid ad: nobody can hide it
    safety: bool = False  # someone's safety is at stake
    author_kind: str = "customer"  # a persona's kind: journalist, politician, employee, ...
    bio: str = ""  # a persona's profile line
    script_id: str | None = None  # the scripted post it came from (`id:`), for `if: {post: ...}`
    persona_id: str | None = None  # the persona who wrote it, for `if: {persona: ...}`
    messages: list[Message] = field(default_factory=list)
    first_response: float | None = None
    public_replies: int = 0
    dm_invited: float | None = None
    dm_started: float | None = None
    data_given: bool = False
    hidden_at: float | None = None
    hide_reason: str | None = None
    resolved_at: float | None = None
    escalated: dict[str, float] = field(default_factory=dict)
    solution_offered: bool = False
    team_solution: bool = False
    press_handled: bool = False
    liked: bool = False
    last_customer: float = 0.0
    last_brand: float | None = None
    qualities: list[float] = field(default_factory=list)

    key = _Column()
    anger = _Column()
    mult = _Column()
    created = _Column()
    impressions = _Column()
    reshares = _Column()
    contacts = _Column()
    needs_response = _Column()
    responded = _Column()
    hidden = _Column()
    discovered = _Column()
    satisfied = _Column()
    fired = _Column()

    @classmethod
    def posted(
        cls,
        table: ThreadTable,
        index: int,
        kind_name: str,
        topic: str,
        channel: str,
        author_node: int,
        handle: str,
        name: str,
        first_name: str,
        temper: str,
        at_fault: bool,
        needs_data: bool,
        severity: str,
        mentions_brand: bool,
        visible: bool,
        via: str,
        cause: str,
        parent: int | None,
        followers: int,
        escalate_rules: tuple[int, ...] = (),
        rating: int | None = None,
    ) -> Thread:
        """Thread(table, index, index + 1, ...): a new post's thread, its other fields at their
        defaults. Made the quick way, at a storm's peak over a hundred a minute: only the fields
        given and those whose default is made for each thread are set on it; the others are
        read from the class, where the dataclass keeps their defaults (tests/test_engine_speed.py)."""
        th = object.__new__(cls)
        th._table, th.index, th.id, th.kind_name = table, index, index + 1, kind_name
        th.topic, th.channel, th.author_node = topic, channel, author_node
        th.handle, th.name, th.first_name, th.temper = handle, name, first_name, temper
        th.at_fault, th.needs_data, th.severity = at_fault, needs_data, severity
        th.mentions_brand, th.visible, th.via, th.cause = mentions_brand, visible, via, cause
        th.parent, th.followers, th.escalate_rules = parent, followers, escalate_rules
        if rating is not None:
            th.rating = rating
        th.messages, th.escalated, th.qualities = [], {}, []
        return th

    @property
    def text(self) -> str:
        return self.messages[0].text if self.messages else ""

    @property
    def waiting_since(self) -> float | None:
        """Since when the customer waits for the brand (None: the brand spoke last, or no wait)."""
        if (
            self.kind_name not in ("complaint", "question", "rumour")
            or not self.visible
            or self.resolved_at is not None
        ):
            return None
        if self.last_brand is not None and self.last_brand >= self.last_customer:
            return None
        return self.last_customer

    @property
    def in_dm(self) -> bool:
        return self.dm_started is not None

    @property
    def status(self) -> str:
        if self.hidden:
            return "hidden"
        if self.resolved_at is not None:
            return "resolved"
        if self.in_dm:
            return "dm"
        if self.escalated:
            return "escalated"
        if self.first_response is not None:
            return "answered"
        return "new"
