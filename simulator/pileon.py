"""A pile-on: someone who saw a complaint posts their own, the storm's most frequent post.

At a storm's peak a simulated minute brings a hundred or more of them, so they are made on a path
of their own: what posting._new_thread decides for any post, decided here for a pile-on's known
case (a complaint on twitter by a customer, prompted by a thread, its draws and author made for
the whole step at once), with what is the same for the whole session worked out once
(`PileOnFacts`), and a step's pile-ons made together: their numbers, authors' followers and rows of
the thread table in one go. Their threads, shares, follow-ups and events are those
_new_thread makes, one post at a time (tests/test_engine_speed.py compares them).
"""

from __future__ import annotations

from itertools import compress
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
from .postslots import pile_on_texts
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

    def _pile_ons(
        self, posts: list[tuple[int, int, float, PostDraws, Person]]
    ) -> list[list[tuple]]:
        """A step's pile-ons that post (`_posting` let them), in their order: (thread seen, account,
        time, the draws of its post, its author). Each post's key is rng.key(that thread's key,
        node, rng.PILE), its author people.person(language, that key). Their rows of the thread
        table are filled in one go; what they pass on comes back (their rows of spread.Shares, for
        each post), for the step to add in the candidates' order.
        """
        if not posts:  # most steps outside a storm's peak: none of the batch's set-up
            return []
        threads, topics, joined, network = self.threads, self.topics, self._joined, self.network
        parents = [threads[idx] for idx, _, _, _, _ in posts]
        angers = [
            min(
                1.0,
                PILE_ON_ANGER + PILE_ON_ANGER_SPREAD * d.anger + PILE_ON_ANGER_CARRY * p.anger,
            )
            for (_, _, _, d, _), p in zip(posts, parents, strict=True)
        ]
        texts = pile_on_texts(  # Writer.pile_on for each, in their order
            self.writer,
            [
                (d.key, p.topic, a, d.mention < PILE_ON_MENTION, d.thing_key, d.closer_key)
                for (_, _, _, d, _), p, a in zip(posts, parents, angers, strict=True)
            ],
        )
        facts = self._pile_on_facts()
        table = self.table
        first = table.extend(len(posts))
        nodes = [node for _, node, _, _, _ in posts]
        followers = network.follower_counts[nodes].tolist()
        media = network.media[nodes].tolist()  # a journalist's post goes to PR (_escalation_rules)
        escalate_words, teams = self._escalate_words, [r.team for r in self.policy.escalate]
        appeals = [appeal_of(d.appeal) for _, _, _, d, _ in posts]
        language, handle, keywords = self.language, self._handle, self._keywords
        complained, shared, voices = self._complained, self._shared, self.voices["network"]
        complaints = self.metrics["complaints"]
        visibility, pile, page = facts.visibility, facts.pile, facts.page_visibility
        late_at, schedule, emit = facts.late_at, self._schedule, self._emit
        declared, topic_visible = self.declared, self._topic_visible
        out, visibles = [], []
        for i, (_, node, t, drawn, who) in enumerate(posts):
            parent, anger, text, new = parents[i], angers[i], texts[i], first + i
            topic = parent.topic
            topic_id = topics[topic]
            mention = drawn.mention < PILE_ON_MENTION
            lowered = text.lower()
            needs_data = drawn.personal < PILE_ON_PERSONAL and personal_case(
                text, topic, language, lowered
            )
            # posting._new_thread for a complaint on twitter
            temper = temper_of(drawn.temper)
            severity = severity_of(drawn.severity)
            if mention or handle in lowered:
                visible, via = True, "mention"
            else:
                visible, via = any(map(lowered.__contains__, keywords)), "monitoring"
            visibles.append(visible)
            name = who.name
            cause = f"pile-on: saw #{parent.id}"
            used = escalate_words.used(lowered)  # posting._escalation_rules, for an account
            if media[i]:  # a journalist's post goes to PR whatever it says
                used = [u or team == "pr" for u, team in zip(used, teams, strict=True)]
            rules = tuple(compress(range(len(used)), used)) if True in used else ()
            th = Thread.posted(
                table,
                new,
                "complaint",
                topic,
                "twitter",
                node,
                who.handle,
                name,
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
                followers[i],
                escalate_rules=rules,
            )
            th.last_customer = t
            th.messages.append(Message(t, "customer", text, True, "post"))
            threads.append(th)
            minute = int(t // 60)
            prompted, own = joined.get(topic, (0, 0))
            joined[topic] = (prompted + 1, own)  # a new voice, prompted by the network
            if visible:
                voices[minute] += 1
            complained.add((topic_id << 32) | node)
            complaints[minute] += 1
            shared.add((new << 32) | node)
            # its author's followers may see it (posting._share_to)
            reshare = facts.reshare * appeals[i] * HEAT_CAP
            passed = [  # spread.Shares' rows
                (new, node, t, drawn.share_key, visibility, reshare, pile, _TWITTER, None, t)
            ]
            if visible and mention and page is not None:  # posting._on_brand_page
                passed.append((new, 0, t, drawn.page_key, page, 0.0, pile, _TWITTER, None, t))
            out.append(passed)
            if visible:  # it waits for an answer (posting._schedule_repost)
                schedule(t + repost_after(anger, late_at, drawn.followup), "nudge", new)
            emit(
                Event(
                    t,
                    "post",
                    new + 1,
                    cause,
                    {
                        "author": who.handle,
                        "name": name,
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
                        "followers": followers[i],
                        "parent": parent.id,
                    },
                )
            )
            if visible:
                if topic in declared:  # posting._count_for_declaration's count, all that is left
                    topic_visible[topic_id] += 1
                else:
                    self._count_for_declaration(th, t, topic_id)
        # th's numbers (threads.ThreadTable), the step's rows at once
        rows, columns = slice(first, first + len(posts)), table.columns
        columns["key"][rows] = [drawn.key for _, _, _, drawn, _ in posts]
        columns["kind"][rows] = _COMPLAINT
        columns["topic"][rows] = [topics[p.topic] for p in parents]
        columns["channel"][rows] = _TWITTER
        columns["author"][rows] = nodes
        columns["appeal"][rows] = appeals
        columns["anger"][rows] = angers
        columns["mult"][rows] = 1.0
        columns["created"][rows] = [t for _, _, t, _, _ in posts]
        columns["contacts"][rows] = 1
        columns["needs_response"][rows] = visibles
        return out
