"""Who did what in a team exercise: each member's figures from the log's authors (docs/teams.md).

The team is scored as one desk by the scorecard; these figures split it by the `by` on each action
line: how many actions and messages, how many threads a member answered first and how fast, and how
well their messages were judged (the verdicts recorded when they were sent). Injects and notes from
the white cell and the observers come with their times, for the timeline.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from statistics import mean, median

from stormdrill.simulator.log import SessionLog

from .scorecard import Scorecard

MESSAGE_KINDS = ("reply", "dm", "holding_statement", "resolve")


@dataclass
class Member:
    name: str
    role: str
    actions: int = 0
    messages: int = 0
    first_answers: int = 0  # threads this member answered before anyone else
    median_first_response: float | None = None  # seconds from the post to their first answer
    message_score: float | None = None  # the mean of their messages' verdicts (0-100)
    threads: list[int] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)


def is_team_log(log: SessionLog) -> bool:
    return any(by for by in log.authors) or bool(log.team)


def team_of(log: SessionLog, card: Scorecard) -> list[Member] | None:
    """A team exercise's members with their figures; None for one trainee's session."""
    return members(log, card) if is_team_log(log) else None


def members(log: SessionLog, card: Scorecard) -> list[Member]:
    """Each author's figures, in the order they first acted."""
    created = {th.id: th.created for th in card.threads}
    people: dict[str, Member] = {}
    first_done: set[int] = set()
    waits: dict[str, list[float]] = {}
    scores: dict[str, list[float]] = {}
    authors = log.authors if len(log.authors) == len(log.actions) else [None] * len(log.actions)
    verdicts = log.verdicts if len(log.verdicts) == len(log.actions) else [None] * len(log.actions)
    for (t, action), by, verdict in zip(log.actions, authors, verdicts, strict=True):
        if not by:
            continue
        member = people.setdefault(by["name"], Member(by["name"], by["role"]))
        member.actions += 1
        member.kinds[action.kind] = member.kinds.get(action.kind, 0) + 1
        if action.thread is not None and action.thread not in member.threads:
            member.threads.append(action.thread)
        if verdict is not None:
            member.messages += 1
            scores.setdefault(member.name, []).append(verdict.score)
        thread = action.thread
        if action.kind in ("reply", "dm") and thread is not None and thread not in first_done:
            first_done.add(thread)
            member.first_answers += 1
            if thread in created:
                waits.setdefault(member.name, []).append(t - created[thread])
    for name, member in people.items():
        if waits.get(name):
            member.median_first_response = round(median(waits[name]), 1)
        if scores.get(name):
            member.message_score = round(mean(scores[name]), 1)
    return list(people.values())


def timeline(log: SessionLog) -> list[dict]:
    """The white cell's injects and the notes, messages and approvals, in time order."""
    keep = ("inject", "note", "message", "approval")
    return [
        {key: value for key, value in line.items() if key not in ("after", "h")}
        for line in log.team
        if line.get("type") in keep
    ]


def as_dicts(team: list[Member]) -> list[dict]:
    return [asdict(m) for m in team]
