"""A pile-on: someone who saw a complaint posts their own, the storm's most frequent post.

At a storm's peak a simulated minute brings a hundred or more of them, so they are made on a path
of their own: what posting._new_thread decides for any post, decided here for a pile-on's known
case (a complaint on twitter by a customer, prompted by a thread, its draws and author made for
the whole step at once), with what is the same for the whole session worked out once
(`PileOnFacts`). Its thread, shares, follow-up and event are those _new_thread makes
(tests/test_engine_speed.py compares them).
"""

from __future__ import annotations

from typing import NamedTuple

from .events import Event
from .model_numbers import (
    BRAND_PAGE_CUSTOMERS,
    PILE_ON_ANGER,
    PILE_ON_ANGER_CARRY,
    PILE_ON_ANGER_SPREAD,
    PILE_ON_MENTION,
    PILE_ON_PERSONAL,
    PILE_POOL,
    QUIET_ATTENTION,
)
from .people import Person
from .postdraws import PostDraws
from .reactions import Reactions
from .spread import CHANNEL_IDS, CHANNELS, HEAT_CAP
from .storm import appeal_of, repost_after, severity_of, temper_of
from .threads import KINDS, Message, Thread, personal_case

_COMPLAINT = KINDS.index("complaint")
_TWITTER = CHANNEL_IDS["twitter"]


class PileOnFacts(NamedTuple):
    """What every pile-on of a session shares: its channel's and spread's numbers."""

    visibility: float  # posting._share_to's for a post on twitter
    reshare: float  # spread.reshare x twitter's reshare (x appeal x HEAT_CAP: a post's chance)
    pile: float  # spread.pile_on x HEAT_CAP
    page_visibility: float | None  # posting._on_brand_page's (None: the brand has no customers)
    late_at: float  # the response-time norm a follow-up waits on (posting._schedule_repost)


class PileOns(Reactions):
    def _pile_on_facts(self) -> PileOnFacts:
        facts = self.__dict__.get("_pile_facts")
        if facts is None:
            spread, twitter = self.spread, CHANNELS["twitter"]
            customers = self._brand_customers
            readers = (
                BRAND_PAGE_CUSTOMERS if self._driver else BRAND_PAGE_CUSTOMERS * QUIET_ATTENTION
            )
            facts = self._pile_facts = PileOnFacts(
                min(1.0, spread.visibility * twitter.visibility * 1.0),
                spread.reshare * twitter.reshare,
                spread.pile_on * HEAT_CAP,
                min(1.0, readers / customers) if customers > 0 else None,
                float(self.response_times.late_at),
            )
        return facts

    def _posting(self, seen: list[tuple[int, int]]) -> list[bool]:
        """Which of a step's pile-on candidates (thread, account: the account saw the thread), in
        their order, post: not the brand or a persona, nobody twice about a topic, and while the
        topic of a generated storm prompts new voices (model_numbers.PILE_POOL), the voices of the
        ones before them counted. Decided first, so that only they get an author (_due_candidates)."""
        named, pooled, topics = self.network.named, self._driver is not None, self.topics
        threads, complained, joined = self.threads, self._complained, self._joined
        marks: set[int] = set()
        voices: dict[str, int] = {}
        out = []
        for idx, node in seen:
            topic = threads[idx].topic
            mark = (topics[topic] << 32) | node  # a thread's topic has its index (world._topic_id)
            prompted, own = joined.get(topic, (0, 0))
            prompted += voices.get(topic, 0)
            posts = not (
                node < named
                or mark in complained
                or mark in marks
                or (pooled and prompted >= PILE_POOL * max(own, 1))
            )
            if posts:
                marks.add(mark)
                voices[topic] = voices.get(topic, 0) + 1
            out.append(posts)
        return out

    def _pile_on(self, idx: int, node: int, t: float, drawn: PostDraws, who: Person) -> None:
        """`node` posts their own complaint at t, having seen thread `idx` (`_posting` let it);
        `drawn`: the draws of its post, whose key is rng.key(that thread's key, node, rng.PILE);
        `who`: its author, people.person(language, that key)."""
        parent = self.threads[idx]
        topic = parent.topic
        topic_id = self.topics[topic]
        mark = (topic_id << 32) | node
        prompted, own = self._joined.get(topic, (0, 0))
        key = drawn.key
        mention = drawn.mention < PILE_ON_MENTION
        anger = min(
            1.0,
            PILE_ON_ANGER + PILE_ON_ANGER_SPREAD * drawn.anger + PILE_ON_ANGER_CARRY * parent.anger,
        )
        text = self.writer.pile_on(key, topic, anger, mention, drawn.thing_key, drawn.closer_key)
        needs_data = drawn.personal < PILE_ON_PERSONAL and personal_case(text, topic, self.language)
        facts = self._pile_on_facts()
        # posting._new_thread for a complaint on twitter
        temper = temper_of(drawn.temper)
        severity = severity_of(drawn.severity)
        lowered = text.lower()
        if mention or self._handle in lowered:
            visible, via = True, "mention"
        else:
            visible, via = any(map(lowered.__contains__, self._keywords)), "monitoring"
        table = self.table
        new = table.add()
        cause = f"pile-on: saw #{parent.id}"
        followers = int(self.network.follower_counts[node])
        th = Thread(
            table,
            new,
            new + 1,
            "complaint",
            topic,
            "twitter",
            node,
            who.handle,
            who.name,
            who.first_name,
            temper,
            parent.at_fault,
            needs_data,
            severity,
            mention,
            visible,
            via,
            cause,
            parent.id,
            followers,
            escalate_rules=self._escalation_rules(lowered, node),
        )
        appeal = appeal_of(drawn.appeal)
        columns = table.columns  # th's numbers (threads.ThreadTable), set directly
        columns["key"][new] = key
        columns["kind"][new] = _COMPLAINT
        columns["topic"][new] = topic_id
        columns["channel"][new] = _TWITTER
        columns["author"][new] = node
        columns["appeal"][new] = appeal
        columns["anger"][new] = anger
        columns["mult"][new] = 1.0
        columns["created"][new] = t
        columns["contacts"][new] = 1
        columns["needs_response"][new] = visible
        th.last_customer = t
        th.messages.append(Message(t, "customer", text, public=True, kind="post"))
        self.threads.append(th)
        minute = int(t // 60)
        self._joined[topic] = (prompted + 1, own)  # a new voice, prompted by the network
        if visible:
            self.voices["network"][minute] += 1
        self._complained.add(mark)
        self.metrics["complaints"][minute] += 1
        self._shared.add((new << 32) | node)
        # its author's followers may see it (posting._share_to)
        shares = self._shares
        reshare = facts.reshare * appeal * HEAT_CAP
        shares.add(new, node, t, drawn.share_key, facts.visibility, reshare, facts.pile, _TWITTER)
        if visible and mention and facts.page_visibility is not None:  # posting._on_brand_page
            shares.add(new, 0, t, drawn.page_key, facts.page_visibility, 0.0, facts.pile, _TWITTER)
        if visible:  # it waits for an answer (posting._schedule_repost)
            self._schedule(
                t + repost_after(anger, facts.late_at, drawn.followup),
                "nudge",
                new,
            )
        self._emit(
            Event(
                t,
                "post",
                new + 1,
                cause,
                {
                    "author": who.handle,
                    "name": who.name,
                    "channel": "twitter",
                    "topic": topic,
                    "text": text,
                    "anger": round(anger, 3),
                    "visible": visible,
                    "via": via,
                    "kind": "complaint",
                    "temper": temper,
                    "needs_data": needs_data,
                    "at_fault": parent.at_fault,
                    "severity": severity,
                    "followers": followers,
                    "parent": parent.id,
                },
            )
        )
        if visible:
            self._count_for_declaration(th, t, topic_id)
