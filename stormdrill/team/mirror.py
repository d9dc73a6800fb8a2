"""A seat's own copy of the exercise's session, following the host's messages.

The storm is deterministic for (scenario, seed, actions, injects), so a seat that applies what the
host applied, at the same simulated moments and with the same recorded verdicts, sees exactly the
host's storm: its inbox, threads and reach, with none of it sent over the wire. A seat that joins
late or comes back replays the exercise's history first (`Mirror(welcome)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stormdrill.scenarios import scenario_from_dict
from stormdrill.simulator import live_inject
from stormdrill.simulator.assessment import Assess, ReplyAssessment
from stormdrill.simulator.events import Action, ActionError, Divergence
from stormdrill.simulator.log import apply_recorded
from stormdrill.simulator.network import Network, load_or_build, spec_for
from stormdrill.simulator.session import Session


@dataclass
class Mirror:
    welcome: dict
    assess: Assess | None
    network: Network | None = None
    session: Session = field(init=False)
    claims: dict[int, str] = field(init=False, default_factory=dict)
    pending: dict[int, dict] = field(init=False, default_factory=dict)
    seats: list[dict] = field(init=False, default_factory=list)
    authors: dict[int, list[str]] = field(init=False, default_factory=dict)  # thread -> who acted
    speed: float = field(init=False, default=1.0)
    paused: bool = field(init=False, default=False)
    ended: bool = field(init=False, default=False)

    def __post_init__(self):
        welcome = self.welcome
        scenario = scenario_from_dict(welcome["scenario"])
        network = self.network or load_or_build(spec_for(scenario))
        self.session = Session(scenario, seed=welcome["seed"], assess=self.assess, network=network)
        self.me = welcome["you"]
        for message in welcome["history"]:
            self.follow(message)
        self.follow(
            {
                "type": "tick",
                "t": welcome["t"],
                "speed": welcome["speed"],
                "paused": welcome["paused"],
            }
        )
        self.follow({"type": "claims", "claims": welcome["claims"]})
        self.follow({"type": "seats", "seats": welcome["seats"]})
        self.pending = {r["id"]: r for r in welcome["pending"]}

    @property
    def scenario(self):
        return self.session.scenario

    def follow(self, message: dict) -> None:
        """Bring the copy up to date with one message from the host."""
        kind = message.get("type")
        if kind in ("tick", "applied", "injected") and message["t"] > self.session.now:
            self.session.advance_to(message["t"])
        if kind == "tick":
            self.speed, self.paused = message["speed"], message["paused"]
        elif kind == "applied":
            action = Action.from_dict(message["action"])
            verdict = message.get("verdict")
            recorded = ReplyAssessment.from_dict(verdict) if verdict else None
            apply_recorded(self.session, message["t"], action, recorded)
            if action.thread is not None:
                self.authors.setdefault(action.thread, []).append(message["by"]["name"])
        elif kind == "injected":
            try:
                live_inject.inject(self.session, message["inject"])
            except ActionError as err:  # the host made it, so this copy can too; say so if not
                self.session.divergences.append(
                    Divergence(self.session.now, "inject", None, str(err))
                )
        elif kind == "claims":
            self.claims = {int(tid): name for tid, name in message["claims"].items()}
        elif kind == "seats":
            self.seats = message["seats"]
        elif kind == "approval":
            self.pending[message["request"]["id"]] = message["request"]
        elif kind == "decided":
            self.pending.pop(message["request"], None)
        elif kind == "end":
            self.ended = True

    def holder(self, thread: int) -> str | None:
        return self.claims.get(thread)

    def mine(self, thread: int) -> bool:
        return self.claims.get(thread) == self.me["name"]
