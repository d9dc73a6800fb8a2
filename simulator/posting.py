"""Posting: a new thread, a customer posting again, and who sees a post (the shares the spread expands)."""

from __future__ import annotations

from itertools import compress
from typing import NamedTuple

import numpy as np

from . import rng
from .events import Event, EventKind
from .model_numbers import (
    BRAND_PAGE_CUSTOMERS,
    MIX_POSTS,
    PICK_CUSTOMER_TRIES,
    QUIET_ATTENTION,
)
from .people import person
from .postdraws import PostDraws
from .spread import CHANNEL_IDS, CHANNELS, HEAT_CAP
from .storm import appeal_of, repost_after, severity_of, temper_of
from .threads import KINDS, Message, Thread
from .world import WorldState

KIND_IDS = {kind: i for i, kind in enumerate(KINDS)}  # threads.KINDS.index
ANSWERED_KINDS = ("complaint", "question", "rumour")  # kinds that wait for the brand


class Posting(WorldState):
    def _share_to(
        self,
        th: Thread,
        node: int,
        t: float,
        key: int,
        audience: np.ndarray | None,
        reach: float = 1.0,
        origin: float | None = None,
    ) -> None:
        channel = CHANNELS[th.channel]
        visibility = (
            1.0
            if audience is not None
            else min(1.0, self.spread.visibility * channel.visibility * reach)
        )
        spreads = not th.hidden
        p_reshare = (
            self.spread.reshare * channel.reshare * self._appeal(th) * HEAT_CAP if spreads else 0.0
        )
        # Pile-ons come through the network (followers, the brand's page); ad viewers and search
        # readers add reach, not voices.
        joins = spreads and th.kind_name == "complaint" and audience is None
        p_pile = self.spread.pile_on * HEAT_CAP if joins else 0.0
        self._shares.add(
            th.index,
            node,
            t,
            key,
            visibility,
            p_reshare,
            p_pile,
            CHANNEL_IDS[th.channel],
            audience,
            origin,
        )

    def _on_brand_page(self, th: Thread, t: float, key: int | None = None) -> None:
        """A complaint on the brand's page or in its mentions: some of the brand's followers see it there.

        They came to look whether it's just them: they may post their own (a pile-on), not reshare.
        `key`: rng.key(th.key, 0, rng.SHARE, 1), where it was drawn already.
        """
        customers = self._brand_customers
        if customers <= 0:
            return
        p_pile = self.spread.pile_on * HEAT_CAP
        readers = BRAND_PAGE_CUSTOMERS if self._driver else BRAND_PAGE_CUSTOMERS * QUIET_ATTENTION
        visibility = min(1.0, readers / customers)
        self._shares.add(
            th.index,
            0,
            t,
            rng.key(th.key, 0, rng.SHARE, 1) if key is None else key,
            visibility,
            0.0,
            p_pile,
            CHANNEL_IDS[th.channel],
            None,
        )

    def _appeal(self, th: Thread) -> float:
        return self.table.columns["appeal"].item(th.index)  # storm.appeal(th.key), _new_thread's

    def _brand_post(self, t: float, key: int, audience: np.ndarray | None = None) -> None:
        visibility = 1.0 if audience is not None else self.spread.visibility
        self._shares.add(-1, 0, t, key, visibility, 0.0, 0.0, CHANNEL_IDS["twitter"], audience)

    def _new_thread(
        self,
        t: float,
        key: int,
        node: int,
        topic: str,
        channel: str,
        text: str,
        anger: float,
        *,
        mention: bool,
        cause: str,
        parent: int | None = None,
        kind: str = "complaint",
        at_fault: bool = True,
        needs_data: bool = False,
        severity: str | None = None,
        temper: str | None = None,
        who=None,
        followers: int | None = None,
        rating: int | None = None,
        extra_mult: float = 1.0,
        always_visible: bool = False,
        safety: bool = False,
        persona=None,
        no_rules: bool = False,
        drawn: PostDraws | None = None,
    ) -> Thread:
        """A new thread, posted at t by `node`; `drawn`: the draws of its key, where they were made
        already (a step's pile-ons, postdraws.PostDraws.batch)."""
        if drawn is None:
            drawn = PostDraws.of(key, node)
        if who is None:
            who = person(self.language, key)
        if temper is None:
            temper = temper_of(drawn.temper)
        if severity is None:
            severity = severity_of(drawn.severity)
        lowered = text.lower()
        by_keyword = any(map(lowered.__contains__, self._keywords))
        if always_visible:
            visible, via = True, "mention"
        elif kind == "praise":
            visible, via = mention, "mention"
        elif channel in ("forum", "review", "facebook"):
            visible, via = True, "channel"
        elif mention or self._handle in lowered:
            visible, via = True, "mention"
        else:
            visible, via = by_keyword, "monitoring"
        rules = () if no_rules else self._escalation_rules(lowered, node)
        idx = self.table.add()
        th = Thread.posted(
            self.table,
            idx,
            kind,
            topic,
            channel,
            node,
            who.handle,
            who.name,
            who.first_name,
            temper,
            at_fault,
            needs_data,
            severity,
            mention,
            visible,
            via,
            cause,
            parent,
            followers if followers is not None else int(self.network.follower_counts[node]),
            escalate_rules=rules,
            rating=rating,
        )
        th.key = key
        th.safety = safety
        if persona is not None:
            th.persona_id, th.author_kind, th.bio = persona.id, persona.kind, persona.bio
        elif kind == "note":
            th.author_kind = "brand"
        columns = self.table.columns  # th's numbers (threads.ThreadTable), set directly
        columns["kind"][idx] = KIND_IDS[kind]
        topic_id = self._topic_id(topic)
        columns["topic"][idx] = topic_id
        columns["channel"][idx] = CHANNEL_IDS[channel]
        columns["author"][idx] = node
        columns["appeal"][idx] = appeal_of(drawn.appeal)
        columns["anger"][idx] = anger
        columns["mult"][idx] = extra_mult
        columns["created"][idx] = t
        columns["contacts"][idx] = 1
        needs_response = kind in ANSWERED_KINDS and visible and temper != "troll"
        columns["needs_response"][idx] = needs_response
        th.last_customer = t
        th.messages.append(Message(t, "customer", text, public=True, kind="post"))
        self.threads.append(th)
        if kind == "complaint":
            mark = (topic_id << 32) | node
            if mark not in self._complained:  # a new voice
                prompted, own = self._joined.get(topic, (0, 0))
                by_network = cause.startswith("pile-on")
                self._joined[topic] = (prompted + by_network, own + (not by_network))
                if visible:
                    self.voices["network" if by_network else "outside"][int(t // 60)] += 1
            self._complained.add(mark)
            self.metrics["complaints"][int(t // 60)] += 1
        self._shared.add((idx << 32) | node)
        if kind != "note":
            self._share_to(th, node, t, drawn.share_key, None)  # its author's followers may see it
        if (
            kind == "complaint"
            and visible
            and channel in ("twitter", "facebook")
            and (mention or channel == "facebook")
        ):
            self._on_brand_page(th, t, drawn.page_key)
        if channel in ("forum", "review") and kind != "note":
            self._persistent.append(idx)
        if channel == "review" and rating is not None:
            self._rating[0] += rating
            self._rating[1] += 1
        if needs_response:
            self._schedule_repost(th, drawn.followup)
        data = {
            "author": th.handle,
            "name": th.name,
            "channel": channel,
            "topic": topic,
            "text": text,
            "anger": round(anger, 3),
            "visible": visible,
            "via": via,
            "kind": kind,
            "temper": temper,
            "needs_data": needs_data,
            "at_fault": at_fault,
            "severity": severity,
            "followers": th.followers,
        }
        # the optional keys, in this order (the log's), where they apply
        if parent:
            data["parent"] = parent
        if rating:
            data["rating"] = rating
        if safety:
            data["safety"] = True
        if persona:
            data["persona_kind"] = th.author_kind
        if th.bio:
            data["bio"] = th.bio
        self._emit(Event(t, "post", th.id, cause, data))
        if visible and kind == "complaint":
            self._count_for_declaration(th, t, topic_id)
        return th

    def _escalation_rules(self, lowered: str, node: int) -> tuple[int, ...]:
        """The policy's escalation rules (their indices) a post's lowered text meets; a journalist's
        post goes to PR whatever it says."""
        used = self._escalate_words.used(lowered)
        if node < self.network.size and self.network.media[node]:
            used = [
                u or rule.team == "pr" for u, rule in zip(used, self.policy.escalate, strict=True)
            ]
        return tuple(compress(range(len(used)), used))

    def _count_for_declaration(self, th: Thread, t: float, topic_id: int) -> None:
        self._topic_visible[topic_id] += 1
        needed = self.policy.holding_statement.declare_after
        if self._topic_visible[topic_id] >= needed and th.topic not in self.declared:
            self.declared[th.topic] = t
            due = t + self.policy.holding_statement.within
            self._emit(
                Event(
                    t,
                    "storm_declared",
                    th.id,
                    f"{needed} complaints about {th.topic} reached the inbox",
                    {"topic": th.topic, "holding_statement_due": due},
                )
            )

    def _customer_post(
        self,
        th: Thread,
        t: float,
        text: str,
        kind: EventKind,
        cause: str,
        anger_up: float,
        reach: float = 1.0,
    ) -> None:
        """The complainer posts again in their thread (public)."""
        th.anger = min(1.0, th.anger + anger_up)
        th.contacts = th.contacts + 1
        th.last_customer = t
        th.messages.append(Message(t, "customer", text, public=True, kind=kind))
        if th.resolved_at is not None and not th.satisfied:
            th.resolved_at = None  # an unsatisfied customer reopens the case
        self._share_to(th, th.author_node, t, rng.key(th.key, th.contacts, rng.SHARE), None, reach)
        self._emit(
            Event(
                t,
                kind,
                th.id,
                cause,
                {"text": text, "anger": round(th.anger, 3), "contacts": th.contacts},
            )
        )

    def _mix_kind(self, key: int) -> str:
        """What a fresh post is, by `storm.mix` (all complaints without one)."""
        mix = self.scenario.storm.mix
        if mix is None:
            return "complaint"
        shares = [(kind, getattr(mix, kind)) for kind in ("complaint", *MIX_POSTS)]
        u, acc = rng.uniform(key, 12) * sum(w for _, w in shares), 0.0
        for kind, weight in shares:
            acc += weight
            if u < acc:
                return kind
        return "complaint"

    def _mixed_post(
        self, t: float, key: int, node: int, topic: str, channel: str, mixed: str, mention: bool
    ) -> None:
        """A question, a compliment, an off-topic mention or a rumour: the rest of a real inbox."""
        kind, section, anger, heat = MIX_POSTS[mixed]
        mention = mention or mixed in ("question", "compliment")  # you ask or thank someone by name
        text = self.writer.line(section, key, topic)
        brand = self.scenario.brand
        if mention and brand.handle.lower() not in text.lower():
            text = (
                text.replace(brand.name, brand.handle, 1)
                if brand.name in text
                else f"{text} {brand.handle}"
            )
        channel = channel if mixed in ("question", "rumour") else "twitter"
        self._new_thread(
            t,
            key,
            node,
            topic,
            channel,
            text,
            anger,
            mention=mention,
            kind=kind,
            cause={
                "question": "a question",
                "compliment": "a compliment",
                "off_topic": "an off-topic mention",
                "rumour": "a rumour",
            }[mixed],
            at_fault=False,
            temper="constructive",
            extra_mult=heat,
        )

    def _pick_customer(self, key: int, topic_id: int) -> int | None:
        net = self.network
        for attempt in range(PICK_CUSTOMER_TRIES):
            node = int(rng.key(key, rng.PERSON, attempt) % net.size)
            if (
                node >= net.named
                and net.customer[node]
                and ((topic_id << 32) | node) not in self._complained
            ):
                return node
        return None

    def _schedule_repost(self, th: Thread, u: float | None = None) -> None:
        """When the ignored author of `th` posts again: a hazard growing with waiting and anger.

        `u`: its draw, rng.uniform(th.key, rng.FOLLOWUP, th.contacts), where it was made already."""
        if u is None:
            u = rng.uniform(th.key, rng.FOLLOWUP, th.contacts)
        self._schedule(
            th.last_customer + repost_after(th.anger, float(self.response_times.late_at), u),
            "nudge",
            th.index,
        )


class Who(NamedTuple):
    """Who a post is by, when it is not a person drawn from the seed (a tuple: an escalation wave
    makes one for each of dozens of posts in a minute)."""

    handle: str
    name: str
    first_name: str
