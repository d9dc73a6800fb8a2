"""What the console shows at a moment: the inbox, in priority order, and the storm's figures."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model_numbers import (
    PRIORITY_ANGER,
    PRIORITY_FLAGGED,
    PRIORITY_LOW,
    PRIORITY_REACH,
    PRIORITY_WAITING,
    PRIORITY_WAITING_CAP,
)
from .threads import Thread
from .world import WorldState


@dataclass(frozen=True)
class InboxItem:
    id: int
    handle: str
    name: str
    channel: str
    topic: str
    text: str
    created: float
    waiting: float | None  # seconds the customer has waited for the brand
    reach: int
    anger: float
    priority: float
    status: str
    via: str
    kind: str
    flags: tuple[str, ...]  # press, lawyer, injury, media, influencer, troll?


@dataclass(frozen=True)
class Snapshot:
    t: float
    duration: float
    inbox: list[InboxItem]
    negative_impressions: int
    positive_impressions: int
    complaints: int
    escalations: int
    unanswered: int
    declared_at: float | None
    holding_statement_at: float | None
    holding_statement_due: float | None
    rating: float
    finished: bool


def snapshot(state: WorldState) -> Snapshot:
    """The session at its current time, for the console."""
    inbox = [inbox_item(state, th) for th in state.threads if th.visible]
    inbox.sort(key=lambda item: (item.status in ("resolved", "hidden"), -item.priority, item.id))
    unanswered = sum(
        1
        for th in state.threads
        if th.needs_response and th.first_response is None and not th.hidden
    )
    declared = min(state.declared.values()) if state.declared else None
    statement = state.statements[0]["t"] if state.statements else None
    due = declared + state.policy.holding_statement.within if declared is not None else None
    return Snapshot(
        t=state.now,
        duration=state.duration,
        inbox=inbox,
        negative_impressions=int(state.metrics["negative"].sum()),
        positive_impressions=int(state.metrics["positive"].sum()),
        complaints=int(state.metrics["complaints"].sum()),
        escalations=int(state.metrics["escalations"].sum()),
        unanswered=unanswered,
        declared_at=declared,
        holding_statement_at=statement,
        holding_statement_due=due,
        rating=state.rating,
        finished=state.finished,
    )


def inbox_item(state: WorldState, th: Thread) -> InboxItem:
    """One thread as an inbox row: how long its author waits, its flags, its priority."""
    waiting_since = th.waiting_since
    waiting = state.now - waiting_since if waiting_since is not None else None
    flags = []
    if th.escalate_rules:
        flags.append("escalate")
    if state.network.media[th.author_node]:
        flags.append("media")
    elif state.network.influencer[th.author_node]:
        flags.append("influencer")
    if th.temper == "troll":
        flags.append("troll")
    if th.sponsored:
        flags.append("ad")
    if th.needs_data:
        flags.append("case")
    if th.safety:
        flags.append("safety")
    if th.author_kind not in ("customer", "media", "influencer"):
        flags.append(th.author_kind)  # journalist, politician, employee, competitor, brand
    reach = th.impressions
    priority = PRIORITY_REACH * math.log10(1 + reach) + PRIORITY_ANGER * th.anger
    if waiting is not None:
        priority += PRIORITY_WAITING * min(
            state.response_times.targets_waited(waiting), PRIORITY_WAITING_CAP
        )
    if th.escalate_rules or th.safety or th.kind_name == "note":
        priority += PRIORITY_FLAGGED
    if th.temper == "troll" or th.kind_name in ("praise", "off_topic"):
        priority -= PRIORITY_LOW
    if th.kind_name in ("question", "rumour", "off_topic"):
        flags.append(th.kind_name)
    return InboxItem(
        th.id,
        th.handle,
        th.name,
        th.channel,
        th.topic,
        th.text,
        th.created,
        waiting,
        reach,
        th.anger,
        round(priority, 3),
        th.status,
        th.via,
        th.kind_name,
        tuple(flags),
    )
