"""Escalations: the scenario's rules (`storm.escalations`) firing on neglected, hidden or far-travelled threads."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
from stormdrill.scenarios.durations import format_duration
from stormdrill.scenarios.model import Condition

from . import rng
from .conditions import Conditions, describe_condition
from .events import Event
from .model_numbers import (
    AD_RUNS_FOR,
    CENSORSHIP_ANGER,
    CENSORSHIP_HEAT,
    CENSORSHIP_TOPIC_HEAT,
    COMPLAINT_SITE_ANGER_UP,
    ESCALATION_CHANCE,
    PAID_AD_ANGER_UP,
    PICKUP_ANGER,
    PICKUP_HEAT,
)
from .people import person
from .postdraws import OWN_KEY, PostDraws
from .posting import Who
from .threads import Thread


class Escalations(Conditions):
    def _check_escalations(self, t: float) -> None:
        rules = self.scenario.storm.escalations
        if not rules or not self.threads:
            return
        n = self.table.size  # threads this check creates are checked from the next step on
        col = {
            name: self.table[name][:n]
            for name in (
                "kind",
                "hidden",
                "discovered",
                "fired",
                "needs_response",
                "responded",
                "created",
                "contacts",
                "satisfied",
                "impressions",
            )
        }
        # A hidden complaint escalates too once its author knows (hiding protects nothing: docs/grading-guide.md).
        complaint = (col["kind"] == 0) & (~col["hidden"] | col["discovered"])
        for i, rule in enumerate(rules):
            when = rule.when
            if when is None:
                self._check_scripted_escalation(i, rule, t)
                continue
            if rule.condition is not None and not self._holds(rule.condition, t):
                continue  # its `if:` does not hold (yet): the rule waits, nothing is marked fired
            if (
                when.hidden
                and when.ignored_for is None
                and when.reach_over is None
                and when.unresolved_contacts is None
            ):
                continue  # fires on discovery (_on_discover)
            hit = complaint & ((col["fired"] & (1 << i)) == 0)
            if when.ignored_for is not None:
                hit &= (
                    col["needs_response"]
                    & ~col["responded"]
                    & (t - col["created"] >= when.ignored_for)
                )
            if when.unresolved_contacts is not None:
                hit &= (col["contacts"] >= when.unresolved_contacts) & ~col["satisfied"]
            if when.reach_over is not None:
                hit &= (col["impressions"] > when.reach_over) & ~col["hidden"]
            if when.hidden:
                hit &= col["hidden"]
            firing = []
            hits = np.flatnonzero(hit)
            if not len(hits):
                continue
            # each thread's rule i marked fired, and its draw, rng.uniform(th.key, ESCALATE, i),
            # made for all of them at once
            self.table.columns["fired"][hits] |= 1 << i
            uniforms = rng.uniform_of_keys(self.table.columns["key"][hits], rng.ESCALATE, i)
            for idx, u in zip(hits.tolist(), uniforms.tolist(), strict=True):
                th = self.threads[idx]
                chance = (
                    1.0
                    if rule.then in ("press_pickup", "influencer_pickup")
                    else ESCALATION_CHANCE[th.temper]
                )
                if u < chance:
                    firing.append(th)
            for th, drawn in zip(firing, self._author_draws(i, rule.then, firing), strict=True):
                self._fire(i, th, t, _describe(rule, th), drawn)

    def _author_draws(self, i: int, then: str, firing: list[Thread]) -> Sequence[PostDraws | None]:
        """The draws of the posts that rule i makes when it fires on these threads, where their
        authors post them (one compiled pass, as _new_thread would make them one by one)."""
        if then in ("press_pickup", "influencer_pickup") or not firing:
            return [None] * len(firing)  # someone else posts: _fire finds who
        # each one's post key, _post_key's, for all of them at once
        rows = np.array([th.index for th in firing], dtype=np.int64)
        keys = rng.key_array(self.table.columns["key"][rows], rng.ESCALATE, i, 1)
        nodes = [th.author_node for th in firing]
        return PostDraws.batch(keys, np.array(nodes), np.full(len(keys), OWN_KEY))

    def _check_scripted_escalation(self, i: int, rule, t: float) -> None:
        """A rule without `when:` fires once, on the post or persona its `if:` names, when the `if:` holds."""
        if i in self._fired_rules or not self._holds(rule.condition, t):
            return
        kind, name = rule.condition.subjects()[0]
        subject = Condition(**{kind: name})
        threads = self._subject_threads(subject)
        if not threads:
            return
        self._fired_rules.add(i)
        th = threads[0]
        th.fired = th.fired | (1 << i)
        self._fire(i, th, t, f"{rule.then.replace('_', ' ')}: {describe_condition(rule.condition)}")

    def _elsewhere(
        self,
        th: Thread,
        t: float,
        key: int,
        channel: str,
        text: str,
        anger_up: float,
        cause: str,
        always_visible: bool = False,
        drawn: PostDraws | None = None,
    ) -> Thread:
        """The author of `th` takes the complaint somewhere else (a complaint site, a paid ad)."""
        return self._new_thread(
            t,
            key,
            th.author_node,
            th.topic,
            channel,
            text,
            min(1.0, th.anger + anger_up),
            mention=False,
            cause=cause,
            parent=th.id,
            at_fault=th.at_fault,
            needs_data=th.needs_data,
            temper=th.temper,
            who=Who(th.handle, th.name, th.first_name),
            followers=th.followers,
            always_visible=always_visible,
            drawn=drawn,
        )

    def _fire(
        self, i: int, th: Thread, t: float, cause: str, drawn: PostDraws | None = None
    ) -> None:
        """Rule i fires on `th`; `drawn`: the draws of the post it makes, where made already."""
        rule = self.scenario.storm.escalations[i]
        key = _post_key(th, i) if drawn is None else drawn.key
        then = rule.then
        new: Thread | None = None
        if then == "complaint_site":
            text = self.writer.line("complaint_site", key)
            new = self._elsewhere(
                th, t, key, "forum", text, COMPLAINT_SITE_ANGER_UP, cause, drawn=drawn
            )
        elif then == "paid_ad":
            text = self.writer.line("paid_ad", key, contacts=th.contacts)
            new = self._elsewhere(
                th,
                t,
                key,
                "twitter",
                text,
                PAID_AD_ANGER_UP,
                cause,
                always_visible=True,
                drawn=drawn,
            )
            new.sponsored = True
            new.needs_response = False  # answer the complainer in their own thread
            self._ads.append((new.index, t + AD_RUNS_FOR))
        elif then in ("press_pickup", "influencer_pickup"):
            if th.press_handled and then == "press_pickup":
                return  # PR already gave the journalist a statement
            account = rule.by or f"{then}:{th.id}"
            if account in self._pickups:
                return
            self._pickups.add(account)
            node, who, followers = self._pickup_account(rule, key, then)
            text = (
                self.writer.press(key, th.topic)
                if then == "press_pickup"
                else self.writer.line("influencer", key)
            )
            new = self._new_thread(
                t,
                key,
                node,
                th.topic,
                "twitter",
                text,
                PICKUP_ANGER,
                mention=True,
                cause=cause,
                parent=th.id,
                at_fault=th.at_fault,
                temper="constructive",
                who=who,
                followers=followers,
                extra_mult=PICKUP_HEAT,
                always_visible=True,
            )
        elif then == "censorship_wave":
            text = self.writer.line("censorship", key)
            new = self._new_thread(
                t,
                key,
                th.author_node,
                th.topic,
                "twitter",
                text,
                CENSORSHIP_ANGER,
                mention=True,
                cause=cause,
                parent=th.id,
                at_fault=True,
                temper=th.temper,
                who=Who(th.handle, th.name, th.first_name),
                followers=th.followers,
                extra_mult=CENSORSHIP_HEAT,
                drawn=drawn,
            )
            self._topic_heat[self._topic_id(th.topic)] *= CENSORSHIP_TOPIC_HEAT
        if new is not None and new.author_node == th.author_node:
            new.fired = th.fired | (
                1 << i
            )  # the same author, already escalating: no second round of the same
        self.metrics["escalations"][min(int(t // 60), len(self.metrics["escalations"]) - 1)] += 1
        record = {
            "rule": i,
            "then": then,
            "thread": th.id,
            "t": t,
            "new_thread": new.id if new else None,
        }
        self.escalation_log.append(record)
        data: dict = {"then": then, "rule": i}
        if new:
            data["new_thread"] = new.id
        self._emit(Event(t, "escalation", th.id, cause, data))

    def _pickup_account(self, rule, key: int, then: str):
        if rule.by:
            persona = self.scenario.persona(rule.by)
            first = persona.name.split(" ")[0]
            return (
                self._persona_nodes[rule.by],
                Who(persona.handle, persona.name, first),
                persona.followers,
            )
        counts = self.network.follower_counts
        pool = self._influencers
        if pool is None:  # found once per session: a scan of every account (a million at 1M)
            pool = np.flatnonzero(self.network.influencer)
            pool = pool[pool >= self.network.named]
            if len(pool) == 0:
                pool = np.array([int(np.argmax(counts[self.network.named :])) + self.network.named])
            self._influencers = pool
        node = int(pool[rng.key(key, 3) % len(pool)])
        return node, person(self.language, key), int(counts[node])


def _post_key(th: Thread, i: int) -> int:
    """The key of the post escalation rule i makes when it fires on `th`."""
    return rng.key(th.key, rng.ESCALATE, i, 1)


# a rule's few durations, written out for every thread it fires on
_duration = cache(format_duration)


def _describe(rule, th: Thread) -> str:
    when = rule.when
    parts = []
    if when.ignored_for is not None:
        parts.append(f"#{th.id} was ignored for {_duration(when.ignored_for)}")
    if when.unresolved_contacts is not None:
        parts.append(f"{th.handle} got in touch {th.contacts} times without a solution")
    if when.reach_over is not None:
        parts.append(f"#{th.id} reached over {when.reach_over:,} people")
    if when.hidden:
        parts.append(f"#{th.id} was hidden")
    return f"{rule.then.replace('_', ' ')}: " + " and ".join(parts)
