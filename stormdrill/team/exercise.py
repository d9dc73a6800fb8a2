"""The exercise: one Session as the single authority for a team (docs/teams.md).

No sockets and no Textual here: the host (host.py) hands every checked message to `handle` and
sends what lands in `outbox`; tests drive an Exercise directly. The exercise owns the clock
(`tick`), the claims, the approvals and the one log. Every applied action goes to the log with its
author and role, and into `history`, which a seat replays on its own copy of the session (a mirror,
mirror.py): the storm is deterministic, so the copy shows what the authority has.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from stormdrill.scenarios import Scenario
from stormdrill.simulator import live_inject
from stormdrill.simulator.assessment import Assess
from stormdrill.simulator.events import Action, ActionError
from stormdrill.simulator.log import LogWriter, MemoryLog, make_header
from stormdrill.simulator.network import Network, load_or_build, spec_for
from stormdrill.simulator.session import Session

from .protocol import MAY_SEND, PROTOCOL, VERSION, ProtocolError, new_code

CLAIM_TIMEOUT = 180.0  # wall seconds a claim lasts without its holder doing anything on it
SPEED_RANGE = (0.5, 3600.0)  # the white cell may go slower and faster than a trainee may

ARTICLE = {"agent": "an", "lead": "a", "trainer": "a", "observer": "an"}
Target = str  # "all", "role:lead", "name:Anna"


@dataclass
class Seat:
    name: str
    role: str
    online: bool = True
    refused: int = 0  # messages refused, for the trainer's view

    @property
    def by(self) -> dict:
        return {"name": self.name, "role": self.role}


@dataclass
class Claim:
    name: str
    touched: float  # wall clock of the holder's last doing on the thread


@dataclass
class Request:
    id: int
    action: Action
    by: dict
    t: float


@dataclass
class Exercise:
    scenario: Scenario
    seed: int
    assess: Assess | None
    log_path: Path | None = None
    speed: float | None = None
    network: Network | None = None
    code: str = field(default_factory=new_code)
    clock: Callable[[], float] = time.monotonic
    claim_timeout: float = CLAIM_TIMEOUT
    session: Session = field(init=False)
    paused: bool = field(init=False, default=False)
    seats: dict[str, Seat] = field(init=False, default_factory=dict)
    claims: dict[int, Claim] = field(init=False, default_factory=dict)
    pending: dict[int, Request] = field(init=False, default_factory=dict)
    history: list[dict] = field(init=False, default_factory=list)
    outbox: list[tuple[Target, dict]] = field(init=False, default_factory=list)

    def __post_init__(self):
        network = self.network or load_or_build(spec_for(self.scenario))
        self.session = Session(self.scenario, seed=self.seed, assess=self.assess, network=network)
        self.speed = self._clamp(self.speed or self.scenario.speed)
        header = make_header(self.scenario, self.seed, trainee="team", source="team exercise")
        header["team"] = {"protocol": PROTOCOL, "version": VERSION}
        self.header = header
        self.log = LogWriter(self.log_path, header) if self.log_path else MemoryLog(header)
        self._requests = 0
        self._closed = False
        self._handlers: dict[str, Callable[[Seat, dict], None]] = {
            "ping": self._ping,
            "claim": self._claim,
            "release": self._release,
            "act": self._act,
            "approve": self._approve,
            "reject": self._reject,
            "reassign": self._reassign,
            "inject": self._inject,
            "pause": self._pause,
            "speed": self._speed,
            "say": self._say,
            "note": self._note,
        }

    # ------------------------------------------------------------------ seats

    @property
    def finished(self) -> bool:
        return self.session.finished

    def join(self, name: str, role: str, code: str) -> dict:
        """A seat comes in (or back); returns its welcome, or raises ProtocolError."""
        if code != self.code:
            raise ProtocolError("wrong join code; ask the trainer for this exercise's code")
        name = name.strip()
        seat = self.seats.get(name)
        if seat is not None and seat.online:
            raise ProtocolError(f"{name!r} is already in this exercise; pick another name")
        if seat is not None and seat.role != role:
            raise ProtocolError(
                f"{name!r} played {seat.role} in this exercise; rejoin as {seat.role}"
            )
        back = seat is not None
        if seat is None:
            seat = self.seats[name] = Seat(name, role)
        seat.online = True
        for claim in self.claims.values():
            if claim.name == name:
                claim.touched = self.clock()  # a rejoin gets its claims back, fresh
        self._line(
            {"type": "seat", "t": self.now, "by": seat.by, "what": "back" if back else "joined"}
        )
        self._send("all", self._seats_message())
        return {
            "type": "welcome",
            "protocol": PROTOCOL,
            "version": VERSION,
            "you": seat.by,
            "seed": self.seed,
            "scenario": self.header["scenario"],
            "history": self.history,
            "t": self.now,
            "speed": self.speed,
            "paused": self.paused,
            "claims": self._claims_view(),
            "pending": [self._request_view(r) for r in self.pending.values()],
            "seats": self._seats_message()["seats"],
        }

    def leave(self, name: str) -> None:
        """A seat's connection dropped: its claims stay until they time out."""
        seat = self.seats.get(name)
        if seat is None or not seat.online:
            return
        seat.online = False
        self._line({"type": "seat", "t": self.now, "by": seat.by, "what": "left"})
        self._send("all", self._seats_message())

    def handle(self, name: str, message: dict) -> None:
        """A checked message from a seat; a refusal goes back to it and into the log."""
        seat = self.seats[name]
        kind = message["type"]
        try:
            if kind != "ping" and kind not in MAY_SEND[seat.role]:
                raise ProtocolError(f"{ARTICLE[seat.role]} {seat.role} may not send {kind}")
            if self.finished and kind != "ping":
                raise ActionError("the storm is over")
            self._handlers[kind](seat, message)
        except (ProtocolError, ActionError) as err:
            self.refuse(seat, str(err), kind)
        except (TypeError, ValueError, KeyError) as err:  # a field the checks let through, odd
            self.refuse(seat, f"not understood: {err}", kind)

    def refuse(self, seat: Seat, why: str, about: str = "") -> None:
        seat.refused += 1
        self._line({"type": "refused", "t": self.now, "by": seat.by, "about": about, "why": why})
        self._send(f"name:{seat.name}", {"type": "error", "about": about, "error": why})

    # ------------------------------------------------------------------ the clock

    @property
    def now(self) -> float:
        return round(self.session.now, 3)

    def tick(self, wall_seconds: float) -> None:
        if self.paused or self.finished:
            return
        speed = self.speed
        assert speed is not None  # set in __post_init__
        self.advance_to(self.session.now + wall_seconds * speed)

    def advance_to(self, t: float) -> None:
        self.log.events(self.session.advance_to(t))
        self._expire_claims()
        self._send(
            "all", {"type": "tick", "t": self.now, "speed": self.speed, "paused": self.paused}
        )
        if self.finished:
            self.close()

    def close(self, reason: str = "finished") -> None:
        if self._closed:
            return
        self._closed = True
        self.log.close(self.session.now, "finished" if self.finished else reason)
        self._send("all", {"type": "end", "t": self.now, "reason": reason})

    def _clamp(self, speed: float) -> float:
        return float(min(max(speed, SPEED_RANGE[0]), SPEED_RANGE[1]))

    # ------------------------------------------------------------------ claims

    def _expire_claims(self) -> None:
        wall = self.clock()
        gone = [tid for tid, c in self.claims.items() if wall - c.touched > self.claim_timeout]
        for tid in gone:
            claim = self.claims.pop(tid)
            self._line(
                {
                    "type": "claim",
                    "t": self.now,
                    "thread": tid,
                    "what": "timed out",
                    "by": {"name": claim.name},
                }
            )
        if gone:
            self._send("all", {"type": "claims", "claims": self._claims_view()})

    def holder(self, thread: int) -> str | None:
        claim = self.claims.get(thread)
        return claim.name if claim else None

    def _take(self, seat: Seat, thread: int) -> None:
        """The thread is the seat's from now (or already was); ActionError if someone else has it."""
        self.session.thread(thread)  # raises for a thread that does not exist
        holder = self.holder(thread)
        if holder is not None and holder != seat.name:
            raise ActionError(f"#{thread} is claimed by {holder}; ask the lead to reassign it")
        if holder is None:
            self._line(
                {"type": "claim", "t": self.now, "thread": thread, "what": "claimed", "by": seat.by}
            )
        self.claims[thread] = Claim(seat.name, self.clock())
        if holder is None:
            self._send("all", {"type": "claims", "claims": self._claims_view()})

    def _claims_view(self) -> dict[str, str]:
        return {str(tid): c.name for tid, c in sorted(self.claims.items())}

    def _claim(self, seat: Seat, message: dict) -> None:
        self._take(seat, message["thread"])

    def _release(self, seat: Seat, message: dict) -> None:
        thread = message["thread"]
        if self.holder(thread) != seat.name:
            raise ActionError(f"#{thread} is not yours to release")
        del self.claims[thread]
        self._line(
            {"type": "claim", "t": self.now, "thread": thread, "what": "released", "by": seat.by}
        )
        self._send("all", {"type": "claims", "claims": self._claims_view()})

    def _reassign(self, seat: Seat, message: dict) -> None:
        thread, to = message["thread"], message["to"]
        self.session.thread(thread)
        target = self.seats.get(to)
        if target is None or target.role not in ("agent", "lead"):
            raise ActionError(f"{to!r} is not an agent in this exercise")
        self.claims[thread] = Claim(to, self.clock())
        self._line(
            {
                "type": "claim",
                "t": self.now,
                "thread": thread,
                "what": f"reassigned to {to}",
                "by": seat.by,
            }
        )
        self._send("all", {"type": "claims", "claims": self._claims_view()})
        self._send(
            f"name:{to}", {"type": "message", "from": seat.by, "text": f"#{thread} is yours now"}
        )

    # ------------------------------------------------------------------ actions

    def _needs_approval(self, seat: Seat, action: Action) -> bool:
        approvals = self.session.policy.approvals
        if seat.role != "agent" or not any(
            s.role == "lead" and s.online for s in self.seats.values()
        ):
            return False  # no lead in the room: nothing waits
        if action.kind == "holding_statement":
            return approvals.holding_statement
        return action.kind == "escalate" and action.team in approvals.escalate

    def _act(self, seat: Seat, message: dict) -> None:
        raw = message["action"]
        texts = [raw.get(key) for key in ("kind", "text", "team", "reason", "topic")]
        if isinstance(raw.get("thread"), bool) or not all(
            v is None or isinstance(v, str) for v in texts
        ):
            raise ProtocolError("act: an action is a kind, a thread number and texts")
        action = Action.from_dict(raw)
        if action.thread is not None:
            self._take(seat, action.thread)
        if self._needs_approval(seat, action):
            self._requests += 1
            request = Request(self._requests, action, seat.by, self.now)
            self.pending[request.id] = request
            self._line(
                {
                    "type": "approval",
                    "t": self.now,
                    "request": request.id,
                    "what": "asked",
                    "action": action.to_dict(),
                    "by": seat.by,
                }
            )
            self._send("all", {"type": "approval", "request": self._request_view(request)})
            return
        self._apply(action, seat.by)

    def _apply(self, action: Action, by: dict) -> None:
        events = self.session.apply(action)
        verdict = self.session.last_verdict
        self.log.action(self.now, action, verdict, by)
        self.log.events(events)
        applied = {"type": "applied", "t": self.now, "action": action.to_dict(), "by": by}
        if verdict is not None:
            applied["verdict"] = verdict.to_dict()
        self.history.append(applied)
        self._send("all", applied)

    def _decide(self, seat: Seat, message: dict, approved: bool) -> None:
        request = self.pending.pop(message["request"], None)
        if request is None:
            raise ActionError(f"there is no approval request {message['request']} waiting")
        what = "approved" if approved else "rejected"
        line = {
            "type": "approval",
            "t": self.now,
            "request": request.id,
            "what": what,
            "by": seat.by,
        }
        if message.get("why"):
            line["why"] = message["why"]
        self._line(line)
        self._send(
            "all",
            {
                "type": "decided",
                "request": request.id,
                "approved": approved,
                "by": seat.by,
                "why": message.get("why", ""),
            },
        )
        if approved:
            try:
                self._apply(request.action, request.by)
            except ActionError as err:
                self._send(
                    f"name:{seat.name}", {"type": "error", "about": "approve", "error": str(err)}
                )

    def _approve(self, seat: Seat, message: dict) -> None:
        self._decide(seat, message, True)

    def _reject(self, seat: Seat, message: dict) -> None:
        self._decide(seat, message, False)

    def _request_view(self, request: Request) -> dict:
        return {
            "id": request.id,
            "action": request.action.to_dict(),
            "by": request.by,
            "t": request.t,
        }

    # ------------------------------------------------------------------ the white cell

    def _inject(self, seat: Seat, message: dict) -> None:
        data = live_inject.check(message["inject"], self.session)
        thread = live_inject.inject(self.session, data)
        self.log.team_line({"type": "inject", "t": self.now, "inject": data, "by": seat.by})
        injected = {
            "type": "injected",
            "t": self.now,
            "inject": data,
            "thread": thread.id,
            "by": seat.by,
        }
        self.history.append(injected)
        self._send("all", injected)

    def _pause(self, seat: Seat, message: dict) -> None:
        self.paused = bool(message.get("paused", not self.paused))
        self._line(
            {
                "type": "message",
                "t": self.now,
                "text": "paused" if self.paused else "resumed",
                "by": seat.by,
            }
        )
        self._send(
            "all", {"type": "tick", "t": self.now, "speed": self.speed, "paused": self.paused}
        )

    def _speed(self, seat: Seat, message: dict) -> None:
        self.speed = self._clamp(float(message["speed"]))
        self._send(
            "all", {"type": "tick", "t": self.now, "speed": self.speed, "paused": self.paused}
        )

    def _say(self, seat: Seat, message: dict) -> None:
        to = message["to"]
        if to != "all" and to not in self.seats:
            raise ActionError(f"nobody called {to!r} in this exercise")
        self._line(
            {"type": "message", "t": self.now, "to": to, "text": message["text"], "by": seat.by}
        )
        self._send(
            "all" if to == "all" else f"name:{to}",
            {"type": "message", "from": seat.by, "text": message["text"]},
        )

    def _note(self, seat: Seat, message: dict) -> None:
        text = message["text"].strip()
        if not text:
            raise ActionError("an empty note")
        note = {"type": "note", "t": self.now, "text": text, "by": seat.by}
        self._line(note)
        for role in ("trainer", "observer", "lead"):
            self._send(f"role:{role}", note)

    def _ping(self, seat: Seat, message: dict) -> None:
        self._send(f"name:{seat.name}", {"type": "pong", "t": self.now})

    # ------------------------------------------------------------------ plumbing

    def _seats_message(self) -> dict:
        return {
            "type": "seats",
            "seats": [
                {"name": s.name, "role": s.role, "online": s.online} for s in self.seats.values()
            ],
        }

    def _line(self, obj: dict) -> None:
        self.log.team_line(obj)

    def _send(self, target: Target, message: dict) -> None:
        self.outbox.append((target, message))

    def take_outbox(self) -> list[tuple[Target, dict]]:
        out, self.outbox = self.outbox, []
        return out

    def recipients(self, target: Target) -> list[str]:
        """The online seats a target names."""
        if target == "all":
            return [s.name for s in self.seats.values() if s.online]
        what, _, value = target.partition(":")
        if what == "role":
            return [s.name for s in self.seats.values() if s.online and s.role == value]
        seat = self.seats.get(value)
        return [seat.name] if seat and seat.online else []
