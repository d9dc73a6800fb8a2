"""Happenings: scripted posts, fresh complaints and how the crowd reacts to what the trainee did."""

from __future__ import annotations

import heapq
from collections.abc import Callable

from stormdrill.scenarios.durations import format_duration
from stormdrill.scenarios.vocabulary import (
    PRESS_KINDS,
)

from . import rng
from .escalations import Escalations
from .events import Event
from .model_numbers import (
    CENSORSHIP_REPOST_ANGER_UP,
    DISCOVERED_ANGER_UP,
    DM_ANGER_UP,
    DM_DATA_QUALITY,
    DM_THANKS_QUALITY,
    FRESH_ANGER,
    FRESH_ANGER_SPREAD,
    FRESH_REVIEW_ANGER,
    FRESH_REVIEW_STARS,
    INJURY_LINE_BELOW,
    LAWYER_LINE_BELOW,
    MAX_CONTACTS,
    PRESS_LINE_BELOW,
    REACTION_ANGER_UP,
    REOPEN_ANGER_UP,
    REOPEN_HEAT,
    REPOST_ANGER_UP,
    REPOST_REACH,
    SCRIPTED_REVIEW_ANGER,
    SCRIPTED_REVIEW_STARS,
    THANKS_HEAT,
    TROLL_ANGER,
    WITTY_HEAT,
)
from .posting import Who
from .storm import temper_of
from .threads import Message, Thread, personal_case
from .world import Happening

COPY_PASTE_LINES = {
    "en": (
        "Copy-paste again? You said exactly the same to everyone here. Read what I wrote.",
        "Same canned text you sent everyone else. Is there a human there at all?",
    ),
    "nl": (
        "Weer knip-en-plak? Precies hetzelfde antwoord krijgt iedereen hier. Lees wat ik schreef.",
        "Hetzelfde standaardtekstje als iedereen kreeg. Zit daar eigenlijk wel een mens?",
    ),
}
INJURY_TOPICS = (
    "quality",
    "repair",
    "delay",
    "power_cut",
    "recall",
)  # packs where someone can get hurt
ALWAYS_SEEN_KINDS = (
    *PRESS_KINDS,
    "politician",
    "employee",
)  # accounts a webcare desk always watches


class Reactions(Escalations):
    def _happenings(self, t0: float, t1: float) -> None:
        """Scripted posts, fresh complaints and people's reactions that fall in this step, in time order."""
        due: list[tuple] = []
        while self._heap and self._heap[0][0] < t1:
            due.append(heapq.heappop(self._heap))
        while self._arrival_pos < len(self._arrivals) and self._arrivals[self._arrival_pos][0] < t1:
            t, index, chance = self._arrivals[self._arrival_pos]
            due.append((t, -1, "arrival", (index, chance)))
            self._arrival_pos += 1
        still = []
        for i, post in self._scripted:
            if post.at < t1 and self._condition_holds(post, t0):
                due.append((max(float(post.at), t0), -2 - i, "scripted", (i,)))
            else:
                still.append((i, post))
        self._scripted = still
        due.sort(key=lambda item: (item[0], item[1]))
        for t, _, kind, args in due:
            HAPPENINGS[kind](self, t, *args)

    def brand_note(
        self, t: float, key: int, topic: str, text: str, sender: str, cause: str
    ) -> Thread:
        """A message from inside the brand (a colleague, legal, the PR officer): shown to the desk,
        flagged internal; it never spreads and needs no answer."""
        brand = self.scenario.brand
        return self._new_thread(
            t,
            key,
            0,
            topic,
            "twitter",
            text,
            0.0,
            mention=True,
            cause=f"{cause} from {sender}",
            kind="note",
            temper="constructive",
            who=Who(brand.handle, sender, sender.split(" ")[0]),
            followers=brand.followers,
            always_visible=True,
            no_rules=True,
        )

    def _on_scripted(self, t: float, i: int) -> None:
        post = self.scenario.storm.scripted[i]
        key = rng.key(self.seed, rng.SCRIPT, i)
        cause = f"scripted post {i + 1}" + (f" ({post.id})" if post.id else "")
        if post.by == "brand":
            name = post.name or self.scenario.brand.name
            th = self.brand_note(t, key, post.topic or "", post.text, name, f"{cause}: a message")
        else:
            persona = self.scenario.persona(post.by)
            first, _, _last = persona.name.partition(" ")
            who = Who(persona.handle, persona.name, first)
            mention = self.scenario.brand.handle.lower() in post.text.lower()
            rating = post.rating or (
                max(1, round(SCRIPTED_REVIEW_STARS - SCRIPTED_REVIEW_ANGER * post.anger))
                if post.channel == "review"
                else None
            )
            assert post.topic is not None  # the format requires it of a persona's post
            th = self._new_thread(
                t,
                key,
                self._persona_nodes[post.by],
                post.topic,
                post.channel,
                post.text,
                post.anger,
                mention=mention,
                cause=f"{cause} by {persona.handle}",
                at_fault=post.at_fault,
                needs_data=post.needs_data,
                severity=post.severity,
                temper=persona.temper,
                who=who,
                followers=persona.followers,
                rating=rating,
                always_visible=persona.kind in ALWAYS_SEEN_KINDS,
                safety=post.safety,
                persona=persona,
            )
        th.script_id = post.id
        if post.id:
            self._script_threads[post.id] = th

    def _on_arrival(self, t: float, index: int, chance: float) -> None:
        gen = self.scenario.storm.generated
        assert gen is not None  # arrivals come from a generated storm only
        made = self._fresh[index]  # its key, author and draws (fresh.py)
        key, u = made.key, made.uniforms  # u[i]: rng.uniform(key, i)
        topic = gen.topics[made.topic_key % len(gen.topics)]  # rng.choice(gen.topics, key, 1)
        # Counted before anything this run did can drop it: the same arrival says the same in every run.
        ordinal = self._arrivals_seen.get(topic, 0)
        self._arrivals_seen[topic] = ordinal + 1
        if u[2] >= chance * self._topic_fresh[self._topic_id(topic)]:
            return
        channels = list(gen.channels.items())
        total = sum(w for _, w in channels) or 1.0
        drawn, acc, channel = u[3] * total, 0.0, channels[0][0]
        for name, weight in channels:
            acc += weight
            if drawn < acc:
                channel = name
                break
        # _pick_customer's pick, unless that customer complained about the topic already
        first, topic_id = made.first, self._topic_id(topic)
        node = first if first >= 0 and ((topic_id << 32) | first) not in self._complained else None
        if node is None:
            node = self._pick_customer(key, topic_id)
        if node is None:
            return
        mixed = self._mix_kind(key)
        if mixed != "complaint":
            self._mixed_post(t, key, node, topic, channel, mixed, mention=u[7] < gen.mention_share)
            return
        troll = u[4] < gen.trolls
        temper = "troll" if troll else temper_of(u[5])
        anger = TROLL_ANGER if troll else min(1.0, FRESH_ANGER + FRESH_ANGER_SPREAD * u[6])
        mention = u[7] < gen.mention_share
        extra, safety = "", False
        if not troll and u[8] < PRESS_LINE_BELOW:
            extra = self.writer.mention_line("press", key, index)
        elif not troll and u[8] < LAWYER_LINE_BELOW:
            extra = self.writer.mention_line("lawyer", key, index)
        elif not troll and u[8] < INJURY_LINE_BELOW and topic in INJURY_TOPICS:
            extra, safety = self.writer.mention_line("injury", key, index), True
        if troll:
            text = self.writer.line("troll", key)
            mention = True
        else:
            text = self.writer.complaint(key, topic, anger, mention, extra, ordinal=ordinal)
        rating = (
            max(1, round(FRESH_REVIEW_STARS - FRESH_REVIEW_ANGER * anger))
            if channel == "review"
            else None
        )
        personal = u[10] < gen.needs_data and personal_case(text, topic, self.language)
        self._new_thread(
            t,
            key,
            node,
            topic,
            channel,
            text,
            anger,
            mention=mention,
            cause="a fresh complaint",
            at_fault=u[9] < gen.at_fault,
            needs_data=personal and not troll,
            temper=temper,
            rating=rating,
            safety=safety,
            who=made.who,
            drawn=made.drawn if node == made.first else None,
        )

    def _on_nudge(self, t: float, idx: int) -> None:
        """An ignored complainer posts again (and gets angrier)."""
        th = self.threads[idx]
        if (
            th.first_response is not None
            or th.hidden
            or th.resolved_at is not None
            or th.contacts >= MAX_CONTACTS
        ):
            return
        waited = t - th.created
        text = self.writer.line(
            "followup", rng.key(th.key, rng.FOLLOWUP, th.contacts), th.topic, waited=waited
        )
        self._customer_post(
            th,
            t,
            text,
            "followup",
            f"no answer after {format_duration(waited)}",
            REPOST_ANGER_UP,
            REPOST_REACH,
        )
        self._schedule_repost(th)

    def _on_public_reaction(self, t: float, idx: int, cause: str) -> None:
        th = self.threads[idx]
        if th.hidden:
            return
        key = rng.key(th.key, rng.REACT, th.contacts)
        if cause.startswith("copy-paste"):
            section = self.writer.bank.get("copy_paste") or COPY_PASTE_LINES.get(
                self.language, COPY_PASTE_LINES["en"]
            )
            text = rng.choice(list(section), key, 1)
        else:
            text = self.writer.line("angrier", key)
        self._customer_post(th, t, text, "followup", cause, REACTION_ANGER_UP)

    def _on_dm_reply(self, t: float, idx: int, quality: float) -> None:
        """The complainer answers in private."""
        th = self.threads[idx]
        if th.dm_started is None:
            th.dm_started = t
        key = rng.key(th.key, rng.REACT, len(th.messages))
        if th.needs_data and not th.data_given and quality > DM_DATA_QUALITY:
            text, kind, cause = (
                self.writer.dm("gives_data", key),
                "data",
                "sent the details you asked for",
            )
            th.data_given = True
        elif quality >= DM_THANKS_QUALITY:
            text, kind, cause = self.writer.dm("thanks", key), "dm", "your DM helped"
        else:
            text, kind, cause = self.writer.dm("angrier", key), "dm", "your DM did not help"
            th.anger = min(1.0, th.anger + DM_ANGER_UP)
        th.last_customer = t
        th.messages.append(Message(t, "customer", text, public=False, kind=kind))
        self._emit(Event(t, "dm_in", th.id, cause, {"text": text, "data": kind == "data"}))

    def _on_outcome(self, t: float, idx: int) -> None:
        """What a resolved customer does next: thank the brand in public, or come back angrier."""
        th = self.threads[idx]
        key = rng.key(th.key, rng.THANKS)
        if th.satisfied:
            text = self.writer.line("thanks", key, first_name=th.first_name)
            self._praise(t, th, key, text, f"thanks: #{th.id} was resolved", heat=THANKS_HEAT)
        else:
            text = self.writer.line("angrier", key)
            self._customer_post(
                th, t, text, "followup", "the case was closed without a solution", REOPEN_ANGER_UP
            )
            th.mult = th.mult * REOPEN_HEAT

    def _on_witty(self, t: float, idx: int) -> None:
        th = self.threads[idx]
        key = rng.key(th.key, rng.WIT)
        self._praise(
            t,
            th,
            key,
            self.writer.line("witty", key),
            f"a warm, witty reply to #{th.id} got shared",
            heat=WITTY_HEAT,
        )

    def _praise(self, t: float, th: Thread, key: int, text: str, cause: str, heat: float) -> None:
        """The complainer of `th` says something good about the brand in public (positive reach)."""
        praise = self._new_thread(
            t,
            key,
            th.author_node,
            th.topic,
            "twitter",
            text,
            0.0,
            mention=True,
            kind="praise",
            cause=cause,
            parent=th.id,
            temper=th.temper,
            who=Who(th.handle, th.name, th.first_name),
            followers=th.followers,
        )
        praise.mult = heat

    def _on_discover(self, t: float, idx: int) -> None:
        """The author finds their post hidden (docs/grading-guide.md: hiding protects nothing)."""
        th = self.threads[idx]
        if not th.hidden:
            return
        th.discovered = True
        th.contacts = th.contacts + 1
        th.anger = min(1.0, th.anger + DISCOVERED_ANGER_UP)
        self._emit(
            Event(
                t,
                "discovered",
                th.id,
                f"{th.handle} found their post hidden",
                {"reason": th.hide_reason},
            )
        )
        rules = [
            i
            for i, rule in enumerate(self.scenario.storm.escalations)
            if rule.when is not None
            and rule.when.hidden
            and (rule.condition is None or self._holds(rule.condition, t, th.topic))
        ]
        if rules:
            self._fire(
                rules[0], th, t, f"#{th.id} was hidden ({th.hide_reason}) and its author found out"
            )
        else:
            text = self.writer.line("censorship", rng.key(th.key, rng.HIDE, 2))
            th.hidden = False  # they repost it where the brand can't hide it
            self._customer_post(
                th,
                t,
                text,
                "followup",
                "the author found their post hidden",
                CENSORSHIP_REPOST_ANGER_UP,
            )
            th.hidden = True


# What each scheduled happening does (world.Happening names them): one explicit table.
HAPPENINGS: dict[Happening, Callable[..., None]] = {
    "arrival": Reactions._on_arrival,
    "scripted": Reactions._on_scripted,
    "nudge": Reactions._on_nudge,
    "public_reaction": Reactions._on_public_reaction,
    "dm_reply": Reactions._on_dm_reply,
    "outcome": Reactions._on_outcome,
    "witty": Reactions._on_witty,
    "discover": Reactions._on_discover,
}
