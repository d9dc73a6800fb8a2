"""What happens in a session (events) and what the trainee does (actions)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal, get_args

# What a trainee can do; the log stores it as it is.
ActionKind = Literal["reply", "dm", "hide", "escalate", "holding_statement", "resolve", "like"]
ACTION_KINDS: tuple[ActionKind, ...] = get_args(ActionKind)

# What happens: the storm's own (post, followup, ...), the answers to the trainee's actions, the clock's.
EventKind = Literal[
    "post",  # a fresh complaint opens a thread
    "followup",  # its author posts again: ignored, closed unsolved, or found their post hidden
    "dm_in",  # a customer writes back in private
    "discovered",  # a hidden post is found out
    "escalation",  # a complaint site, a paid ad, the press, an influencer (scenarios' `escalations`)
    "storm_declared",  # the storm is big enough to need a holding statement
    "reply",  # the brand's public reply
    "dm",  # the brand's private message
    "holding_statement",
    "hidden",
    "escalated",  # passed to a team
    "resolved",
    "liked",
    "minute",  # the clock: one simulated minute's figures
    "end",  # the storm's time is up
]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)


class ActionError(ValueError):
    """An action the session cannot carry out; the message says why and what to do instead."""


@dataclass
class Event:
    t: float  # simulated seconds since the start
    kind: EventKind
    thread: int | None = None
    cause: str = ""  # why it happened, in the trainer's words
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict[str, object] = {"t": round(self.t, 3), "kind": self.kind}
        if self.thread is not None:
            out["thread"] = self.thread
        if self.cause:
            out["cause"] = self.cause
        if self.data:
            out["data"] = self.data
        return out

    @classmethod
    def from_dict(cls, raw: dict) -> Event:
        kind = raw["kind"]
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event {kind!r}")
        return cls(
            float(raw["t"]),
            kind,
            raw.get("thread"),
            raw.get("cause", ""),
            raw.get("data", {}),
        )


@dataclass(frozen=True)
class Divergence:
    """A logged action that came out differently when the log was replayed: its recorded verdict and the
    one the judge gives now, or an action the replayed session could not carry out at all."""

    t: float
    kind: str  # the action's kind
    thread: int | None
    what: str  # one sentence for the trainer

    def __str__(self) -> str:
        where = f" #{self.thread}" if self.thread is not None else ""
        return f"{self.t / 60:.1f} min, {self.kind}{where}: {self.what}"


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    thread: int | None = None
    text: str = ""
    team: str | None = None
    reason: str | None = None
    topic: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    @classmethod
    def from_dict(cls, raw: dict) -> Action:
        unknown = set(raw) - {"kind", "thread", "text", "team", "reason", "topic"}
        if unknown:
            raise ActionError(f"unknown action field(s): {', '.join(sorted(unknown))}")
        kind = raw.get("kind")
        if kind not in ACTION_KINDS:
            raise ActionError(f"unknown action {kind!r}; actions: {', '.join(ACTION_KINDS)}")
        thread = raw.get("thread")
        if thread is not None and not isinstance(thread, int):
            raise ActionError(f"thread must be a number, not {thread!r}")
        return cls(
            kind,
            thread,
            str(raw.get("text", "")),
            raw.get("team"),
            raw.get("reason"),
            raw.get("topic"),
        )
