"""The session's state: what a Session holds, and the few helpers every part of it uses."""

from __future__ import annotations

import heapq
import math
from typing import Any, Literal

import numpy as np
from stormdrill.scenarios.model import Scenario

from .assessment import Assess, ReplyAssessment, ReplyContext
from .candidates import Candidates
from .events import Action, ActionError, Divergence, Event
from .fresh import arrival_draws
from .model_numbers import (
    BASELINE_RATING,
    DUPLICATE_MEMORY,
)
from .network import Network, load_or_build, spec_for
from .spread import STEP, Shares, prepare
from .storm import arrivals, driver
from .threads import Thread, ThreadTable, WordLists
from .writing import Writer

# What the session schedules for later (`_schedule`): reactions.HAPPENINGS carries each one out.
Happening = Literal[
    "arrival", "scripted", "nudge", "public_reaction", "dm_reply", "outcome", "witty", "discover"
]


class WorldState:
    """Everything a Session holds; the layers above it (posting, ..., actions) add what it does."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        assess: Assess | None = None,
        network: Network | None = None,
        use_cache: bool = True,
    ):
        if assess is None:
            raise TypeError("Session needs an assess function (scoring.assess judges reply texts)")
        self.scenario = scenario
        self.policy = scenario.resolved_policy
        self.seed = scenario.network.seed if seed is None else int(seed)
        self.assess = assess
        self.network = (
            network if network is not None else load_or_build(spec_for(scenario), use_cache)
        )
        self.language = scenario.language
        self.writer = Writer(
            scenario.language,
            scenario.brand.name,
            scenario.brand.handle,
            seed=self.seed,
            starts_at=scenario.starts_at,
            topics=scenario.topics,
            words=scenario.words,
            scripted=tuple((p.topic, p.text) for p in scenario.storm.scripted if p.topic),
        )
        self.duration = float(scenario.duration)
        self._candidates = Candidates(
            math.ceil(self.duration / STEP), STEP
        )  # by when they fall due
        self.spread = scenario.storm.spread
        self.now = 0.0
        self.threads: list[Thread] = []
        self.table = ThreadTable()
        self.actions: list[tuple[float, Action]] = []
        self.verdicts: list[
            ReplyAssessment | None
        ] = []  # beside `actions`: the verdict each one was given
        self.divergences: list[
            Divergence
        ] = []  # recorded verdicts the judge now sees otherwise (replays)
        self._recorded: ReplyAssessment | None = None
        self._verdict: ReplyAssessment | None = None
        self.brand_replies: list[str] = []
        self.statements: list[dict] = []
        self.escalation_log: list[dict] = []
        self._steps_done = 0
        self._heap: list[tuple] = []
        self._seq = 0
        self._shared: set[int] = set()
        self._complained: set[int] = set()
        self._shares = Shares.empty()
        self._events: list[Event] = []
        self._persistent: list[int] = []  # forum and review threads that keep drawing readers
        self._joined: dict[
            str, tuple[int, int]
        ] = {}  # topic -> (voices prompted by others, voices of their own)
        self._ads: list[tuple[int, float]] = []  # (thread index, until)
        self._pickups: set[str] = set()
        self._influencers: np.ndarray | None = None  # who an influencer pickup may be (escalations)
        # The brand's followers who are customers (posting._on_brand_page), as a plain float.
        self._brand_customers = float(self.network.follower_counts[0] * scenario.network.customers)
        # The session's own topic index: the scenario's topics, then any a post brings in (inject).
        self.topics: dict[str, int] = {}
        self._topic_heat = np.ones(0)
        self._topic_fresh = np.ones(0)
        self._topic_pile = np.ones(0)
        self._topic_reach = np.zeros(0, dtype=np.int64)
        self._topic_visible = np.zeros(0, dtype=np.int64)
        generated = scenario.storm.generated
        for name in [
            *scenario.topics,
            *(generated.topics if generated else []),
            *(p.topic for p in scenario.storm.scripted if p.topic),
        ]:
            self._topic_id(name)
        # Start-up work done here, not in the first tick: Faker, the topics' texts, the reshare weights.
        self.writer.prepare(self.topics)
        self.network.reshare_weight  # noqa: B018 (a cached property: computed once, now)
        prepare(self.network)  # the compiled spread
        self._script_threads: dict[str, Thread] = {}
        self._fired_rules: set[int] = set()  # escalation rules without `when:` fire once
        self._arrivals_seen: dict[
            str, int
        ] = {}  # fresh complaints drawn per topic, suppressed ones too
        self.declared: dict[str, float] = {}
        self._rating = [BASELINE_RATING[0] * BASELINE_RATING[1], BASELINE_RATING[1]]
        minutes = math.ceil(self.duration / 60.0) + 1
        # Impressions by tone (step.Tone: negative, positive, the brand's, neither) and minute, in
        # one array the spread adds to in one pass; `metrics` names its rows.
        self._tone_counts = np.zeros((4, minutes), dtype=np.int64)
        self.metrics = {
            "negative": self._tone_counts[0],
            "positive": self._tone_counts[1],
            "brand": self._tone_counts[2],
            **{
                name: np.zeros(minutes, dtype=np.int64)
                for name in ("reshares", "complaints", "escalations")
            },
        }
        self._scripted = list(enumerate(scenario.storm.scripted))
        generated = scenario.storm.generated
        self._driver = driver(generated)  # the storm's drive, early by the network's lag
        self._arrivals = (
            arrivals(self._driver, self.duration, self.seed) if self._driver is not None else []
        )
        self._arrival_pos = 0
        self._fresh = arrival_draws(  # what they draw from their keys alone (fresh.py)
            self.language, self.seed, [index for _, index, _ in self._arrivals], self.network
        )
        # What the spread did, for calibrate: reshares by minutes since the post they pass on, and
        # new voices in the inbox per minute, by how they came (the follower network or outside).
        self.reshare_delays = np.zeros(minutes, dtype=np.int64)
        self.voices = {
            "network": np.zeros(minutes, dtype=np.int64),
            "outside": np.zeros(minutes, dtype=np.int64),
        }
        self._persona_nodes = {p.id: i + 1 for i, p in enumerate(scenario.personas)}
        rt = self.policy.response_times
        self.response_times = rt
        self._keywords = [k.lower() for k in self.policy.monitoring.keywords]
        self._handle = scenario.brand.handle.lower()  # a post that names it mentions the brand
        self._escalate_words = WordLists(rule.mentions for rule in self.policy.escalate)

    @property
    def finished(self) -> bool:
        return self.now >= self.duration

    def thread(self, thread_id: int) -> Thread:
        if not isinstance(thread_id, int) or not 1 <= thread_id <= len(self.threads):
            raise ActionError(f"there is no thread #{thread_id}")
        return self.threads[thread_id - 1]

    @property
    def rating(self) -> float:
        return round(self._rating[0] / self._rating[1], 2)

    def context(self, th: Thread | None, public: bool = True, kind: str = "reply") -> ReplyContext:
        """What the judge of a reply needs to know about the case (also used by bots to try phrasing)."""
        earlier = tuple(self.brand_replies[-DUPLICATE_MEMORY:])
        if th is None:
            return ReplyContext(
                language=self.language,
                kind=kind,
                public=public,
                policy=self.policy,
                earlier_replies=earlier,
                facts=self.scenario.facts,
            )
        last = th.name.split(" ", 1)[1] if " " in th.name else ""
        return ReplyContext(
            language=self.language,
            kind=kind,
            public=public,
            topic=th.topic,
            channel=th.channel,
            anger=th.anger,
            at_fault=th.at_fault,
            needs_data=th.needs_data,
            severity=th.severity,
            first_name=th.first_name,
            last_name=last,
            handle=th.handle,
            policy=self.policy,
            earlier_replies=earlier,
            post=th.text,
            facts=self.scenario.facts,
        )

    def _topic_id(self, name: str) -> int:
        """The index of a topic in this session's topic arrays (a new topic gets the next one)."""
        found = self.topics.get(name)
        if found is not None:
            return found
        self.topics[name] = len(self.topics)
        self._topic_heat = np.append(self._topic_heat, 1.0)
        self._topic_fresh = np.append(self._topic_fresh, 1.0)
        self._topic_pile = np.append(self._topic_pile, 1.0)
        self._topic_reach = np.append(self._topic_reach, 0)
        self._topic_visible = np.append(self._topic_visible, 0)
        return self.topics[name]

    def _emit(self, event: Event) -> None:
        self._events.append(event)

    def _drain(self) -> list[Event]:
        out, self._events = self._events, []
        return out

    def _schedule(self, t: float, kind: Happening, *args: Any) -> None:
        if t < self.duration:
            self._seq += 1
            heapq.heappush(self._heap, (t, self._seq, kind, args))
