"""The Session: a storm that runs forward in simulated time and reacts to actions.

    session = Session(scenario, seed=3, assess=scoring.assess)
    events = session.advance_to(600)              # ten simulated minutes
    events = session.apply(Action("reply", thread=1, text="..."))

Pure and deterministic for (scenario, seed, actions): no wall clock, no I/O,
every random draw keyed (rng.py). Time advances in fixed steps of STEP seconds
whatever slices `advance_to` is called with, so a replay that calls it at other
moments gets the same events. An action applied at time t takes effect from
the step that contains t.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass

import numpy as np
from stormdrill.scenarios.durations import format_duration
from stormdrill.scenarios.model import Condition, Scenario
from stormdrill.scenarios.vocabulary import (
    HIDE_REASONS,
    HIDEABLE_CHANNELS,
    PRESS_KINDS,
    TEAMS,
    TOPIC_PATTERN,
)

from . import rng
from .assessment import Assess, ReplyAssessment, ReplyContext
from .events import ACTION_KINDS, Action, ActionError, Divergence, Event
from .model_numbers import (
    ATTENTION_POWER,
    BRAND_PAGE_CUSTOMERS,
    NOVELTY_HALF_LIFE,
    PILE_HEAT,
    PILE_POOL,
    QUIET_ATTENTION,
    REPOST_ANGER_UP,
    REPOST_REACH,
)
from .network import Network, load_or_build, spec_for
from .spread import CHANNEL_IDS, CHANNELS, HEAT_CAP, STEP, Shares, expand
from .storm import appeal, arrivals, attention, driver, repost_after
from .threads import KINDS, Message, Thread, ThreadTable, WordLists, personal_case
from .writing import Writer, person

# How actions and neglect move heat. Each number is a lever a trainer can explain.
IGNORED_GROWTH = 0.8  # an unanswered complaint heats up to 1.8x between the target and the norm
REPLY_COOLING = 1.2  # heat x exp(-1.2 q) for a reply of quality q in [-1, 1]
DM_COOLING = 0.5  # moving the conversation private halves the public thread's heat
RESOLVED_COOLING = 0.2
TOPIC_STATEMENT_HEAT = 0.75  # a holding statement cools its topic...
TOPIC_STATEMENT_FRESH = 0.65  # ...and fewer people start a fresh complaint about it
TOPIC_STATEMENT_PILE = 0.6
MAX_CONTACTS = 5
COPY_PASTE_HEAT = (
    1.3  # a reply the crowd has seen word for word under other complaints heats its thread
)
PILE_ON_PERSONAL = (
    0.4  # share of pile-ons on a personal-case topic that are a personal case themselves
)
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
ESCALATION_CHANCE = {"constructive": 0.35, "vindictive": 0.9, "troll": 0.1}
DISCOVERY_CHANCE = {"constructive": 0.75, "vindictive": 0.95, "troll": 0.5}
THANKS_CHANCE = {"constructive": 0.5, "vindictive": 0.2, "troll": 0.0}
BASELINE_RATING = (
    4.2,
    150,
)  # the brand's review stars before the storm (seed 001: 75% read reviews)
AD_AUDIENCE_SHARE = 0.04  # a paid ad reaches this share of the network over an hour
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
TONE_NEGATIVE, TONE_POSITIVE, TONE_BRAND, TONE_NEUTRAL = 0, 1, 2, 3
# The rest of a real inbox (storm.mix): what each kind of post is in the thread table, and how it behaves.
MIX_POSTS = {  # kind -> (thread kind, text bank, anger, heat multiplier)
    "question": ("question", "questions", 0.2, 0.3),
    "compliment": ("praise", "compliments", 0.0, 1.0),
    "off_topic": ("off_topic", "off_topic", 0.1, 0.3),
    "rumour": ("rumour", "rumours", 0.7, 1.2),
}
RUMOUR_CORRECTED = 0.15  # a rumour corrected in public travels on at this share of its heat
ANSWERED_KINDS = ("complaint", "question", "rumour")  # kinds that wait for the brand
_READERS = np.array([c.readers_per_minute for c in CHANNELS.values()])


_KIND_TONES = np.array(  # each kind's tone (threads.KINDS order); a brand post's is TONE_BRAND
    [
        TONE_NEUTRAL
        if kind in ("question", "off_topic")
        else (TONE_POSITIVE if kind == "praise" else TONE_NEGATIVE)
        for kind in KINDS
    ],
    dtype=np.int64,
)


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


class Session:
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
        self._handlers = {
            "reply": self._do_reply,
            "dm": self._do_dm,
            "hide": self._do_hide,
            "escalate": self._do_escalate,
            "holding_statement": self._do_holding_statement,
            "resolve": self._do_resolve,
            "like": self._do_like,
        }
        self.brand_replies: list[str] = []
        self.statements: list[dict] = []
        self.escalation_log: list[dict] = []
        self._steps_done = 0
        self._buckets: dict[int, list[np.ndarray]] = {}  # step -> candidates due then (_queue)
        self._heap: list[tuple] = []
        self._seq = 0
        self._shared: set[int] = set()
        self._complained: set[int] = set()
        self._shares = Shares.empty()
        self._events: list[Event] = []
        self._persistent: list[int] = []  # forum and review threads that keep drawing readers
        self._appeals: dict[int, float] = {}  # thread index -> its appeal (storm.appeal)
        self._joined: dict[
            str, tuple[int, int]
        ] = {}  # topic -> (voices prompted by others, voices of their own)
        self._ads: list[tuple[int, float]] = []  # (thread index, until)
        self._pickups: set[str] = set()
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
        self._script_threads: dict[str, Thread] = {}
        self._fired_rules: set[int] = set()  # escalation rules without `when:` fire once
        self._arrivals_seen: dict[
            str, int
        ] = {}  # fresh complaints drawn per topic, suppressed ones too
        self.declared: dict[str, float] = {}
        self._rating = [BASELINE_RATING[0] * BASELINE_RATING[1], BASELINE_RATING[1]]
        minutes = math.ceil(self.duration / 60.0) + 1
        self.metrics = {
            name: np.zeros(minutes, dtype=np.int64)
            for name in ("negative", "positive", "brand", "reshares", "complaints", "escalations")
        }
        self._scripted = list(enumerate(scenario.storm.scripted))
        generated = scenario.storm.generated
        self._driver = driver(generated)  # the storm's drive, early by the network's lag
        self._arrivals = arrivals(self._driver, self.duration, self.seed) if generated else []
        self._arrival_pos = 0
        # What the spread did, for calibrate: reshares by minutes since the post they pass on, and
        # new voices in the inbox per minute, by how they came (the follower network or outside).
        self.reshare_delays = np.zeros(minutes, dtype=np.int64)
        self.voices = {
            "network": np.zeros(minutes, dtype=np.int64),
            "outside": np.zeros(minutes, dtype=np.int64),
        }
        self._persona_nodes = {p.id: i + 1 for i, p in enumerate(scenario.personas)}
        rt = self.policy.response_times
        self._target, self._norm = float(rt.target), float(max(rt.norm, rt.target + 60))
        self._keywords = [k.lower() for k in self.policy.monitoring.keywords]
        self._escalate_words = WordLists(rule.mentions for rule in self.policy.escalate)

    # ------------------------------------------------------------------ public API

    @property
    def finished(self) -> bool:
        return self.now >= self.duration

    def advance_to(self, t: float) -> list[Event]:
        """Run the storm up to simulated time t (seconds); returns what happened."""
        if t < self.now - 1e-9:
            raise ValueError(
                f"time only moves forward: the session is at {self.now:.1f}s, asked for {t:.1f}s"
            )
        t = min(float(t), self.duration)
        target_steps = math.ceil(self.duration / STEP) if t >= self.duration else int(t // STEP)
        while self._steps_done < target_steps:
            self._step(self._steps_done)
            self._steps_done += 1
        was_finished = self.finished
        self.now = t
        if self.finished and not was_finished:
            self._emit(Event(self.duration, "end", cause="the storm's time is up"))
        return self._drain()

    def apply(self, action: Action, verdict: ReplyAssessment | None = None) -> list[Event]:
        """Carry out a trainee's action at the current time; raises ActionError if it can't be done.

        A message is judged here, once; `verdict` is the one a log recorded for this action (a replay):
        the session then uses it as it was, and notes in `divergences` if the judge now sees it otherwise.
        """
        if self.finished:
            raise ActionError("the storm is over; open the debrief")
        if action.kind not in ACTION_KINDS:
            raise ActionError(f"unknown action {action.kind!r}; actions: {', '.join(ACTION_KINDS)}")
        self._recorded, self._verdict = verdict, None
        self.writer.at(self.now)
        try:
            self._handlers[action.kind](action)
        finally:
            self._recorded = None
        self.actions.append((self.now, action))
        self.verdicts.append(self._verdict)
        return self._drain()

    @property
    def last_verdict(self) -> ReplyAssessment | None:
        """The verdict of the last action applied (None: it had no message), for the log."""
        return self.verdicts[-1] if self.verdicts else None

    def inject(
        self,
        topic: str,
        text: str,
        node: int | None = None,
        channel: str = "twitter",
        anger: float = 0.5,
        mention: bool = True,
        cause: str = "injected",
    ) -> Thread:
        """A post now, by `node` (default: a customer picked by the seed): for a white cell and for analysis.

        `topic` is any topic word; one the scenario does not know joins the session's topics.
        """
        if not re.fullmatch(TOPIC_PATTERN, topic or ""):
            raise ActionError(f"{topic!r} is not a topic word: lowercase letters, digits, _ and -")
        key = rng.key(self.seed, rng.SCRIPT, 1_000_000 + len(self.threads))
        self.writer.at(self.now)
        if node is None:
            node = self._pick_customer(key, self._topic_id(topic))
            if node is None:
                raise ActionError("no customer left to post")
        thread = self._new_thread(
            self.now, key, int(node), topic, channel, text, anger, mention=mention, cause=cause
        )
        return thread

    def thread(self, thread_id: int) -> Thread:
        if not isinstance(thread_id, int) or not 1 <= thread_id <= len(self.threads):
            raise ActionError(f"there is no thread #{thread_id}")
        return self.threads[thread_id - 1]

    def snapshot(self) -> Snapshot:
        inbox = [self._inbox_item(th) for th in self.threads if th.visible]
        inbox.sort(
            key=lambda item: (item.status in ("resolved", "hidden"), -item.priority, item.id)
        )
        unanswered = sum(
            1
            for th in self.threads
            if th.needs_response and th.first_response is None and not th.hidden
        )
        declared = min(self.declared.values()) if self.declared else None
        statement = self.statements[0]["t"] if self.statements else None
        due = declared + self.policy.holding_statement.within if declared is not None else None
        return Snapshot(
            t=self.now,
            duration=self.duration,
            inbox=inbox,
            negative_impressions=int(self.metrics["negative"].sum()),
            positive_impressions=int(self.metrics["positive"].sum()),
            complaints=int(self.metrics["complaints"].sum()),
            escalations=int(self.metrics["escalations"].sum()),
            unanswered=unanswered,
            declared_at=declared,
            holding_statement_at=statement,
            holding_statement_due=due,
            rating=self.rating,
            finished=self.finished,
        )

    @property
    def rating(self) -> float:
        return round(self._rating[0] / self._rating[1], 2)

    def totals(self) -> dict:
        neg = self.metrics["negative"]
        return {
            "negative_impressions": int(neg.sum()),
            "positive_impressions": int(self.metrics["positive"].sum()),
            "brand_impressions": int(self.metrics["brand"].sum()),
            "reshares": int(self.metrics["reshares"].sum()),
            "complaints": int(self.metrics["complaints"].sum()),
            "escalations": int(self.metrics["escalations"].sum()),
            "peak_negative_per_minute": int(neg.max()) if len(neg) else 0,
            "threads": len(self.threads),
            "rating": self.rating,
        }

    def context(self, th: Thread | None, public: bool = True, kind: str = "reply") -> ReplyContext:
        """What the judge of a reply needs to know about the case (also used by bots to try phrasing)."""
        earlier = tuple(self.brand_replies[-50:])
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

    # ------------------------------------------------------------------ the step

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

    def _step(self, k: int) -> None:
        t0, t1 = k * STEP, (k + 1) * STEP
        self.writer.at(t0)
        self._happenings(t0, t1)
        self._due_candidates(k, t0)
        if int(t0) % 60 == 0:
            self._audiences(k, t0)
        if len(self._shares):
            self._spread(self._shares)
            self._shares = Shares.empty()
        if int(t1) % 60 == 0 or t1 >= self.duration:
            self._check_escalations(t1)
            minute = int((t1 - 1) // 60)
            row = {name: int(series[minute]) for name, series in self.metrics.items()}
            self._emit(Event(min(t1, self.duration), "minute", data={"minute": minute, **row}))

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
            getattr(self, f"_on_{kind}")(t, *args)

    def _heat(self, t: float) -> np.ndarray:
        """Every thread's heat at time t: anger, what actions did, neglect, the topic's mood."""
        tab = self.table
        anger, mult = tab["anger"], tab["mult"]
        base = np.where(
            (tab["kind"] == 0) | (tab["kind"] == KINDS.index("rumour")), 0.5 + anger, 1.0
        )
        waited = (t - tab["created"] - self._target) / (self._norm - self._target)
        neglect = np.where(
            tab["needs_response"] & ~tab["responded"],
            1.0 + IGNORED_GROWTH * np.clip(waited, 0.0, 1.0),
            1.0,
        )
        heat = base * mult * neglect * self._topic_heat[tab["topic"]]
        heat[tab["hidden"]] = 0.0
        return np.minimum(heat, HEAT_CAP)

    def _due_candidates(self, k: int, t0: float) -> None:
        chunks = self._buckets.pop(k, None)
        if not chunks:
            return
        block = chunks[0] if len(chunks) == 1 else np.concatenate(chunks, axis=1)
        block = block[:, np.lexsort((block[1], block[2]))]  # by due time, then account
        thread, node = block[0].astype(np.int64), block[1].astype(np.int64)
        due, accept, pile, origin = block[2], block[3], block[4] > 0, block[5]
        heat = self._heat(t0)
        storm = (
            attention(self._driver, self.duration, t0) ** ATTENTION_POWER if self._driver else 1.0
        )
        pile_factor = self._topic_pile[self.table["topic"][thread]] * storm
        # A reshare needs the post to still be news: novelty halves every NOVELTY_HALF_LIFE.
        novelty = np.exp2(-(due - origin) / NOVELTY_HALF_LIFE)
        # Neglect heats a thread up to HEAT_CAP, but "me too" tops out at PILE_HEAT: a storm left
        # alone for hours must not set off more pile-ons per complaint than it had at its peak.
        pile_heat = (
            np.minimum(heat[thread], PILE_HEAT) if self._driver is not None else heat[thread]
        )
        chance = np.where(pile, pile_heat * pile_factor, heat[thread] * novelty) / HEAT_CAP
        ok = np.flatnonzero(accept < chance)
        for i in ok.tolist():
            idx, who, when = int(thread[i]), int(node[i]), float(due[i])
            if pile[i]:
                self._pile_on(idx, who, when)
            else:
                self._reshare(idx, who, when, float(origin[i]))

    def _reshare(self, idx: int, node: int, t: float, origin: float) -> None:
        mark = (idx << 32) | node
        if mark in self._shared:
            return
        self._shared.add(mark)
        th = self.threads[idx]
        th.reshares += 1
        self.metrics["reshares"][int(t // 60)] += 1
        self.reshare_delays[min(int((t - origin) // 60), len(self.reshare_delays) - 1)] += 1
        self._share_to(th, node, t, rng.key(th.key, node, rng.SHARE), None, origin=origin)

    def _pile_on(self, idx: int, node: int, t: float) -> None:
        parent = self.threads[idx]
        mark = (self._topic_id(parent.topic) << 32) | node
        if mark in self._complained or node < self.network.named:
            return
        prompted, own = self._joined.get(parent.topic, (0, 0))
        if self._driver is not None and prompted >= PILE_POOL * max(own, 1):
            return  # everyone this problem prompts has spoken (model_numbers.PILE_POOL)
        key = rng.key(parent.key, node, rng.PILE)
        mention = rng.uniform(key, 1) < 0.7
        anger = min(1.0, 0.25 + 0.6 * rng.uniform(key, 2) + 0.1 * parent.anger)
        text = self.writer.pile_on(key, parent.topic, anger, mention)
        self._new_thread(
            t,
            key,
            node,
            parent.topic,
            "twitter",
            text,
            anger,
            mention=mention,
            cause=f"pile-on: saw #{parent.id}",
            parent=parent.id,
            at_fault=parent.at_fault,
            needs_data=rng.uniform(key, 3) < PILE_ON_PERSONAL
            and personal_case(text, parent.topic, self.language),
        )

    def _audiences(self, k: int, t0: float) -> None:
        """People who find a post later: complaint-site and review readers, paid-ad viewers (once a minute)."""
        n = self.network.size
        live = np.asarray(self._persistent, dtype=np.int64)
        live = live[~self.table["hidden"][live]]
        if len(live):
            rate = _READERS[self.table["channel"][live]] * np.maximum(self._heat(t0)[live], 0.2)
            keys = rng.key_array(
                self.table["key"][live], k, rng.AUDIENCE
            )  # rng.key(th.key, k, AUDIENCE)
            counts = (rate + rng.uniform_of_keys(keys, 0)).astype(np.int64)
            read = np.flatnonzero(counts)
            if len(
                read
            ):  # all of this minute's readers in one batch (what _share_to does for each)
                self._readers(live[read], keys[read], counts[read], t0)
        still = []
        for idx, until in self._ads:
            th = self.threads[idx]
            if t0 < until:
                still.append((idx, until))
                per_minute = AD_AUDIENCE_SHARE * n / 60.0
                key = rng.key(th.key, k, rng.AUDIENCE, 2)
                count = int(per_minute + rng.uniform(key, 0))
                if count:
                    self._share_to(th, th.author_node, t0, key, self._random_nodes(key, count, n))
        self._ads = still

    def _readers(self, idx: np.ndarray, keys: np.ndarray, counts: np.ndarray, t: float) -> None:
        """Threads `idx` are read at t by `counts` people each, drawn from `keys` (not hidden)."""
        tab, m = self.table, len(idx)
        reshare = np.array([CHANNELS[self.threads[i].channel].reshare for i in idx.tolist()])
        appeal = np.array([self._appeal(self.threads[i]) for i in idx.tolist()])
        p_reshare = self.spread.reshare * reshare * appeal * HEAT_CAP  # _share_to's, in its order
        self._shares.add_many(
            idx.tolist(),
            tab["author"][idx].tolist(),
            [t] * m,
            keys.tolist(),
            [1.0] * m,
            p_reshare.tolist(),
            [0.0] * m,
            tab["channel"][idx].tolist(),
            rng.nodes_of_keys(keys, counts, self.network.size),
            [t] * m,
        )

    @staticmethod
    def _random_nodes(key: int, count: int, n: int) -> np.ndarray:
        draws = rng.mix_array(np.uint64(key) + np.arange(count, dtype=np.uint64))
        return (draws % np.uint64(n)).astype(np.int64)

    def _spread(self, shares: Shares) -> None:
        result = expand(self.network, shares)
        times = np.asarray(shares.time)
        minutes = np.minimum((times // 60).astype(np.int64), len(self.metrics["negative"]) - 1)
        threads = np.asarray(shares.thread, dtype=np.int64)
        kinds = self.table.columns["kind"][np.maximum(threads, 0)]  # (a brand post: any row)
        tones = np.where(threads < 0, TONE_BRAND, _KIND_TONES[kinds])
        for tone, name in (
            (TONE_NEGATIVE, "negative"),
            (TONE_POSITIVE, "positive"),
            (TONE_BRAND, "brand"),
        ):
            mask = tones == tone
            np.add.at(self.metrics[name], minutes[mask], result.impressions[mask])
        real = threads >= 0
        np.add.at(self.table.columns["impressions"], threads[real], result.impressions[real])
        negative = real & (tones == TONE_NEGATIVE)
        np.add.at(
            self._topic_reach, self.table["topic"][threads[negative]], result.impressions[negative]
        )
        self._queue(
            result.cand_thread,
            result.cand_node,
            result.cand_due,
            result.cand_accept,
            result.cand_pile,
            result.cand_origin,
        )

    def _queue(self, thread, node, due, accept, pile, origin) -> None:
        keep = due < self.duration
        if not keep.any():
            return
        # One float64 block per candidate (rows: thread, account, due, accept, pile, origin; the
        # indices are exact below 2**53), so a step's candidates are one slice of it, not six.
        block = np.stack((thread, node, due, accept, pile, origin)).astype(np.float64)[:, keep]
        step = (block[2] // STEP).astype(np.int64)
        order = np.argsort(step, kind="stable")
        step = step[order]
        block = block[:, order]
        cuts = (np.flatnonzero(np.diff(step)) + 1).tolist()
        for s, e in zip([0, *cuts], [*cuts, len(step)], strict=True):
            self._buckets.setdefault(int(step[s]), []).append(block[:, s:e])

    # ------------------------------------------------------------------ posting

    def _share(self, th: Thread, node: int, t: float) -> None:
        """`node` posts or reshares thread `th` at t: its followers may see it."""
        self._share_to(th, node, t, rng.key(th.key, node, rng.SHARE), None)

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

    def _on_brand_page(self, th: Thread, t: float) -> None:
        """A complaint on the brand's page or in its mentions: some of the brand's followers see it there.

        They came to look whether it's just them: they may post their own (a pile-on), not reshare.
        """
        customers = self.network.follower_counts[0] * self.scenario.network.customers
        if customers <= 0:
            return
        p_pile = self.spread.pile_on * HEAT_CAP
        readers = BRAND_PAGE_CUSTOMERS if self._driver else BRAND_PAGE_CUSTOMERS * QUIET_ATTENTION
        visibility = min(1.0, readers / customers)
        self._shares.add(
            th.index,
            0,
            t,
            rng.key(th.key, 0, rng.SHARE, 1),
            visibility,
            0.0,
            p_pile,
            CHANNEL_IDS[th.channel],
            None,
        )

    def _appeal(self, th: Thread) -> float:
        value = self._appeals.get(th.index)
        if value is None:
            value = self._appeals[th.index] = appeal(th.key)
        return value

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
    ) -> Thread:
        """A new thread, posted at t by `node`."""
        if who is None:
            who = person(self.language, key)
        if temper is None:
            u = rng.uniform(key, rng.PERSON, 1)
            temper = "vindictive" if u < 0.3 else "constructive"
        if severity is None:
            u = rng.uniform(key, rng.PERSON, 2)
            severity = "low" if u < 0.3 else ("high" if u > 0.85 else "medium")
        lowered = text.lower()
        by_keyword = any(word in lowered for word in self._keywords)
        if always_visible:
            visible, via = True, "mention"
        elif kind == "praise":
            visible, via = mention, "mention"
        elif channel in ("forum", "review", "facebook"):
            visible, via = True, "channel"
        elif mention or self.scenario.brand.handle.lower() in lowered:
            visible, via = True, "mention"
        else:
            visible, via = by_keyword, "monitoring"
        is_media = bool(self.network.media[node]) if node < self.network.size else False
        rules = (
            ()
            if no_rules
            else tuple(
                i
                for i, used in enumerate(self._escalate_words.used(lowered))
                if used or (is_media and self.policy.escalate[i].team == "pr")
            )
        )
        idx = self.table.add()
        th = Thread(
            self.table,
            idx,
            idx + 1,
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
        self.table.columns["kind"][idx] = KINDS.index(kind)
        self.table.columns["topic"][idx] = self._topic_id(topic)
        self.table.columns["channel"][idx] = CHANNEL_IDS[channel]
        self.table.columns["author"][idx] = node
        th.anger = anger
        th.mult = extra_mult
        th.created = t
        th.contacts = 1
        th.needs_response = kind in ANSWERED_KINDS and visible and temper != "troll"
        th.last_customer = t
        th.messages.append(Message(t, "customer", text, public=True, kind="post"))
        self.threads.append(th)
        if kind == "complaint":
            mark = (self._topic_id(topic) << 32) | node
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
            self._share(th, node, t)
        if (
            kind == "complaint"
            and visible
            and channel in ("twitter", "facebook")
            and (mention or channel == "facebook")
        ):
            self._on_brand_page(th, t)
        if channel in ("forum", "review") and kind != "note":
            self._persistent.append(idx)
        if channel == "review" and rating is not None:
            self._rating[0] += rating
            self._rating[1] += 1
        if th.needs_response:
            self._schedule_repost(th)
        self._emit(
            Event(
                t,
                "post",
                th.id,
                cause,
                {
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
                    **({"parent": parent} if parent else {}),
                    **({"rating": rating} if rating else {}),
                    **({"safety": True} if safety else {}),
                    **({"persona_kind": th.author_kind} if persona else {}),
                    **({"bio": th.bio} if th.bio else {}),
                },
            )
        )
        if visible and kind == "complaint":
            self._count_for_declaration(th, t)
        return th

    def _count_for_declaration(self, th: Thread, t: float) -> None:
        topic_id = self._topic_id(th.topic)
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
        kind: str,
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

    # ------------------------------------------------------------------ happenings

    def _schedule(self, t: float, kind: str, *args) -> None:
        if t < self.duration:
            self._seq += 1
            heapq.heappush(self._heap, (t, self._seq, kind, args))

    def _condition_holds(self, post, t: float) -> bool:
        return post.condition is None or self._holds(post.condition, t, post.topic)

    def _holds(self, cond: Condition, t: float, topic: str | None = None) -> bool:
        """Does a scripted post's or escalation's `if:` hold at t? Every key given must hold."""
        if cond.after is not None and t < cond.after:
            return False
        if cond.before is not None and t >= cond.before:
            return False
        if cond.reach_over is not None:
            reach = (
                self._topic_reach[self.topics[topic]]
                if topic in self.topics
                else self._topic_reach.sum()
            )
            if reach <= cond.reach_over:
                return False
        if cond.no_holding_statement and self.statements:
            return False
        if cond.declared is not None and bool(self.declared) != cond.declared:
            return False
        if cond.unanswered_over is not None:
            waiting = sum(
                1 for th in self.threads if th.needs_response and th.first_response is None
            )
            if waiting <= cond.unanswered_over:
                return False
        if cond.post is not None or cond.persona is not None:
            if not any(self._handled(th, cond, t) for th in self._subject_threads(cond)):
                return False
        elif cond.said is not None and not any(
            cond.said.lower() in text.lower() for text in self._brand_words()
        ):
            return False
        if cond.all_ is not None and not all(self._holds(c, t, topic) for c in cond.all_):
            return False
        if cond.any_ is not None and not any(self._holds(c, t, topic) for c in cond.any_):
            return False
        return not (cond.not_ is not None and self._holds(cond.not_, t, topic))

    def _subject_threads(self, cond: Condition) -> list[Thread]:
        if cond.post is not None:
            th = self._script_threads.get(cond.post)
            return [th] if th is not None else []
        return [
            th
            for th in self.threads
            if th.persona_id == cond.persona and th.kind_name == "complaint"
        ]

    @staticmethod
    def _handled(th: Thread, cond: Condition, t: float) -> bool:
        """What the trainee did to one thread, against a condition's subject keys."""
        answered = th.first_response
        if cond.replied is not None and (answered is not None) != cond.replied:
            return False
        if cond.replied_within is not None and (
            answered is None or answered - th.created > cond.replied_within
        ):
            return False
        if cond.ignored_for is not None and (
            answered is not None or t - th.created < cond.ignored_for
        ):
            return False
        if cond.hid is not None and (th.hidden_at is not None) != cond.hid:
            return False
        if cond.escalated_to is not None and cond.escalated_to not in th.escalated:
            return False
        moved = th.dm_invited is not None or th.dm_started is not None
        if cond.moved_to_dm is not None and moved != cond.moved_to_dm:
            return False
        said = cond.said.lower() if cond.said else None
        return said is None or any(m.who == "brand" and said in m.text.lower() for m in th.messages)

    def _brand_words(self) -> list[str]:
        """Everything the trainee wrote: replies, DMs, holding statements."""
        words = [s["text"] for s in self.statements]
        return words + [m.text for th in self.threads for m in th.messages if m.who == "brand"]

    def _on_scripted(self, t: float, i: int) -> None:
        post = self.scenario.storm.scripted[i]
        key = rng.key(self.seed, rng.SCRIPT, i)
        cause = f"scripted post {i + 1}" + (f" ({post.id})" if post.id else "")
        if post.by == "brand":
            brand = self.scenario.brand
            name = post.name or brand.name
            th = self._new_thread(
                t,
                key,
                0,
                post.topic or "",
                "twitter",
                post.text,
                0.0,
                mention=True,
                cause=f"{cause}: a message from {name}",
                kind="note",
                temper="constructive",
                who=_Who(brand.handle, name, name.split(" ")[0]),
                followers=brand.followers,
                always_visible=True,
                no_rules=True,
            )
        else:
            persona = self.scenario.persona(post.by)
            first, _, _last = persona.name.partition(" ")
            who = _Who(persona.handle, persona.name, first)
            mention = self.scenario.brand.handle.lower() in post.text.lower()
            rating = post.rating or (
                max(1, round(5 - 4 * post.anger)) if post.channel == "review" else None
            )
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
        key = rng.key(self.seed, rng.EXO, index)
        topic = rng.choice(gen.topics, key, 1)
        # Counted before anything this run did can drop it: the same arrival says the same in every run.
        ordinal = self._arrivals_seen.get(topic, 0)
        self._arrivals_seen[topic] = ordinal + 1
        if rng.uniform(key, 2) >= chance * self._topic_fresh[self._topic_id(topic)]:
            return
        channels = list(gen.channels.items())
        total = sum(w for _, w in channels) or 1.0
        u, acc, channel = rng.uniform(key, 3) * total, 0.0, channels[0][0]
        for name, weight in channels:
            acc += weight
            if u < acc:
                channel = name
                break
        node = self._pick_customer(key, self._topic_id(topic))
        if node is None:
            return
        mixed = self._mix_kind(key)
        if mixed != "complaint":
            self._mixed_post(
                t, key, node, topic, channel, mixed, mention=rng.uniform(key, 7) < gen.mention_share
            )
            return
        troll = rng.uniform(key, 4) < gen.trolls
        temper = (
            "troll" if troll else ("vindictive" if rng.uniform(key, 5) < 0.3 else "constructive")
        )
        anger = 0.85 if troll else min(1.0, 0.2 + 0.7 * rng.uniform(key, 6))
        mention = rng.uniform(key, 7) < gen.mention_share
        extra, safety = "", False
        u = rng.uniform(key, 8)
        if not troll and u < 0.03:
            extra = self.writer.mention_line("press", key, index)
        elif not troll and u < 0.05:
            extra = self.writer.mention_line("lawyer", key, index)
        elif not troll and u < 0.07 and topic in INJURY_TOPICS:
            extra, safety = self.writer.mention_line("injury", key, index), True
        if troll:
            text = self.writer.line("troll", key)
            mention = True
        else:
            text = self.writer.complaint(key, topic, anger, mention, extra, ordinal=ordinal)
        rating = max(1, round(4.5 - 3.5 * anger)) if channel == "review" else None
        personal = rng.uniform(key, 10) < gen.needs_data and personal_case(
            text, topic, self.language
        )
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
            at_fault=rng.uniform(key, 9) < gen.at_fault,
            needs_data=personal and not troll,
            temper=temper,
            rating=rating,
            safety=safety,
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
        for attempt in range(64):
            node = int(rng.key(key, rng.PERSON, attempt) % net.size)
            if (
                node >= net.named
                and net.customer[node]
                and ((topic_id << 32) | node) not in self._complained
            ):
                return node
        return None

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

    def _schedule_repost(self, th: Thread) -> None:
        """When the ignored author of `th` posts again: a hazard growing with waiting and anger."""
        u = rng.uniform(th.key, rng.FOLLOWUP, th.contacts)
        self._schedule(th.last_customer + repost_after(th.anger, self._norm, u), "nudge", th.index)

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
        self._customer_post(th, t, text, "followup", cause, 0.2)

    def _on_dm_reply(self, t: float, idx: int, quality: float) -> None:
        """The complainer answers in private."""
        th = self.threads[idx]
        if th.dm_started is None:
            th.dm_started = t
        key = rng.key(th.key, rng.REACT, len(th.messages))
        if th.needs_data and not th.data_given and quality > -0.3:
            text, kind, cause = (
                self.writer.dm("gives_data", key),
                "data",
                "sent the details you asked for",
            )
            th.data_given = True
        elif quality >= 0.2:
            text, kind, cause = self.writer.dm("thanks", key), "dm", "your DM helped"
        else:
            text, kind, cause = self.writer.dm("angrier", key), "dm", "your DM did not help"
            th.anger = min(1.0, th.anger + 0.1)
        th.last_customer = t
        th.messages.append(Message(t, "customer", text, public=False, kind=kind))
        self._emit(Event(t, "dm_in", th.id, cause, {"text": text, "data": kind == "data"}))

    def _on_outcome(self, t: float, idx: int) -> None:
        """What a resolved customer does next: thank the brand in public, or come back angrier."""
        th = self.threads[idx]
        key = rng.key(th.key, rng.THANKS)
        if th.satisfied:
            text = self.writer.line("thanks", key, first_name=th.first_name)
            self._praise(t, th, key, text, f"thanks: #{th.id} was resolved", heat=1.5)
        else:
            text = self.writer.line("angrier", key)
            self._customer_post(
                th, t, text, "followup", "the case was closed without a solution", 0.25
            )
            th.mult = th.mult * 1.5

    def _on_witty(self, t: float, idx: int) -> None:
        th = self.threads[idx]
        key = rng.key(th.key, rng.WIT)
        self._praise(
            t,
            th,
            key,
            self.writer.line("witty", key),
            f"a warm, witty reply to #{th.id} got shared",
            heat=2.0,
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
            who=_Who(th.handle, th.name, th.first_name),
            followers=th.followers,
        )
        praise.mult = heat

    def _on_discover(self, t: float, idx: int) -> None:
        """The author finds their post hidden (seed 000: hiding protects nothing)."""
        th = self.threads[idx]
        if not th.hidden:
            return
        th.discovered = True
        th.contacts = th.contacts + 1
        th.anger = min(1.0, th.anger + 0.2)
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
            self._customer_post(th, t, text, "followup", "the author found their post hidden", 0.3)
            th.hidden = True

    # ------------------------------------------------------------------ escalations

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
        # A hidden complaint escalates too once its author knows (hiding protects nothing, seed 000).
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
            for idx in np.flatnonzero(hit).tolist():
                th = self.threads[idx]
                th.fired = th.fired | (1 << i)
                chance = (
                    1.0
                    if rule.then in ("press_pickup", "influencer_pickup")
                    else ESCALATION_CHANCE[th.temper]
                )
                if rng.uniform(th.key, rng.ESCALATE, i) < chance:
                    self._fire(i, th, t, _describe(rule, th))

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
        self._fire(
            i, th, t, f"{rule.then.replace('_', ' ')}: {_describe_condition(rule.condition)}"
        )

    def _fire(self, i: int, th: Thread, t: float, cause: str) -> None:
        rule = self.scenario.storm.escalations[i]
        key = rng.key(th.key, rng.ESCALATE, i, 1)
        then = rule.then
        new: Thread | None = None
        me = _Who(th.handle, th.name, th.first_name)
        if then == "complaint_site":
            text = self.writer.line("complaint_site", key)
            new = self._new_thread(
                t,
                key,
                th.author_node,
                th.topic,
                "forum",
                text,
                min(1.0, th.anger + 0.2),
                mention=False,
                cause=cause,
                parent=th.id,
                at_fault=th.at_fault,
                needs_data=th.needs_data,
                temper=th.temper,
                who=me,
                followers=th.followers,
            )
        elif then == "paid_ad":
            text = self.writer.line("paid_ad", key, contacts=th.contacts)
            new = self._new_thread(
                t,
                key,
                th.author_node,
                th.topic,
                "twitter",
                text,
                min(1.0, th.anger + 0.1),
                mention=False,
                cause=cause,
                parent=th.id,
                at_fault=th.at_fault,
                needs_data=th.needs_data,
                temper=th.temper,
                who=me,
                followers=th.followers,
                always_visible=True,
            )
            new.sponsored = True
            new.needs_response = False  # answer the complainer in their own thread
            self._ads.append((new.index, t + 3600.0))
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
                0.6,
                mention=True,
                cause=cause,
                parent=th.id,
                at_fault=th.at_fault,
                temper="constructive",
                who=who,
                followers=followers,
                extra_mult=1.3,
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
                0.95,
                mention=True,
                cause=cause,
                parent=th.id,
                at_fault=True,
                temper=th.temper,
                who=me,
                followers=th.followers,
                extra_mult=1.6,
            )
            self._topic_heat[self._topic_id(th.topic)] *= 1.2
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
        self._emit(
            Event(
                t,
                "escalation",
                th.id,
                cause,
                {"then": then, "rule": i, **({"new_thread": new.id} if new else {})},
            )
        )

    def _pickup_account(self, rule, key: int, then: str):
        if rule.by:
            persona = self.scenario.persona(rule.by)
            first = persona.name.split(" ")[0]
            return (
                self._persona_nodes[rule.by],
                _Who(persona.handle, persona.name, first),
                persona.followers,
            )
        counts = self.network.follower_counts
        pool = np.flatnonzero(self.network.influencer)
        pool = pool[pool >= self.network.named]
        if len(pool) == 0:
            pool = np.array([int(np.argmax(counts[self.network.named :])) + self.network.named])
        node = int(pool[rng.key(key, 3) % len(pool)])
        return node, person(self.language, key), int(counts[node])

    # ------------------------------------------------------------------ actions

    def _visible_thread(self, action: Action) -> Thread:
        if action.thread is None:
            raise ActionError(f"'{action.kind}' needs a thread: pick a post in the inbox first")
        th = self.thread(action.thread)
        if not th.visible:
            raise ActionError(f"thread #{th.id} is not in your inbox")
        return th

    def _judge(self, th: Thread | None, text: str, public: bool, kind: str) -> ReplyAssessment:
        text = text.strip()
        if not text:
            raise ActionError("write a message first")
        if len(text) > 5000:
            raise ActionError(f"the message is {len(text)} characters; keep it under 5000")
        verdict = self.assess(text, self.context(th, public=public, kind=kind))
        if self._recorded is not None:
            if self._recorded != verdict:
                self.divergences.append(
                    Divergence(
                        self.now, kind, th.id if th else None, _difference(self._recorded, verdict)
                    )
                )
            verdict = self._recorded
        self._verdict = verdict
        return verdict

    def _responded(self, th: Thread) -> None:
        if th.first_response is None:
            th.first_response = self.now
            th.responded = True
        th.last_brand = self.now

    def _do_reply(self, action: Action) -> None:
        th = self._visible_thread(action)
        verdict = self._judge(th, action.text, public=True, kind="reply")
        text = action.text.strip()
        self._responded(th)
        th.public_replies += 1
        th.messages.append(
            Message(self.now, "brand", text, public=True, kind="reply", verdict=verdict)
        )
        self.brand_replies.append(text)
        q = verdict.quality * self.spread.response_heat
        th.qualities.append(verdict.quality)
        th.mult = th.mult * math.exp(-REPLY_COOLING * q)
        if th.kind_name == "rumour" and verdict.quality > 0:
            th.mult = th.mult * RUMOUR_CORRECTED  # corrected in public: the rumour stops travelling
        th.anger = float(np.clip(th.anger - 0.35 * verdict.quality, 0.0, 1.0))
        if verdict.has("solution"):
            th.solution_offered = True
        key = rng.key(th.key, rng.REACT, len(th.messages))
        if verdict.has("private_channel") and th.temper != "troll":
            th.dm_invited = th.dm_invited or self.now
            th.mult = th.mult * DM_COOLING
            self._schedule(
                self.now + 120 + 600 * rng.uniform(key, 1), "dm_reply", th.index, verdict.quality
            )
        if verdict.has("public_personal_data"):
            th.anger = min(1.0, th.anger + 0.1)
            th.mult = th.mult * 1.25
        if verdict.has("duplicate") and th.temper != "troll":
            # the crowd reads the other threads too: a pasted reply is noticed, and said so in public
            th.mult = th.mult * COPY_PASTE_HEAT
            self._schedule(
                self.now + 120 + 480 * rng.uniform(key, 5),
                "public_reaction",
                th.index,
                "copy-paste: you said the same to everyone",
            )
        elif verdict.quality < -0.1 and th.temper != "troll":
            self._schedule(
                self.now + 180 + 720 * rng.uniform(key, 2),
                "public_reaction",
                th.index,
                "your reply made it worse",
            )
        elif (
            verdict.has("human_voice")
            and th.severity == "low"
            and th.anger < 0.5
            and verdict.quality > 0.3
            and rng.uniform(key, 3) < 0.35
        ):
            self._schedule(self.now + 300 + 900 * rng.uniform(key, 4), "witty", th.index)
        mutual = np.intersect1d(
            self.network.followers(th.author_node), self.network.followers(0), assume_unique=True
        )
        if len(mutual):
            self._brand_post(self.now, rng.key(th.key, rng.SHARE, len(th.messages)), mutual)
        self._emit(
            Event(
                self.now,
                "reply",
                th.id,
                "",
                {
                    "text": text,
                    "quality": round(verdict.quality, 3),
                    "score": round(verdict.score, 1),
                    "categories": sorted(verdict.categories),
                },
            )
        )

    def _do_dm(self, action: Action) -> None:
        th = self._visible_thread(action)
        verdict = self._judge(th, action.text, public=False, kind="dm")
        text = action.text.strip()
        self._responded(th)
        if th.dm_started is None:
            th.dm_started = self.now
            th.mult = th.mult * DM_COOLING
        th.messages.append(
            Message(self.now, "brand", text, public=False, kind="dm", verdict=verdict)
        )
        th.qualities.append(verdict.quality)
        if verdict.has("solution"):
            th.solution_offered = True
        key = rng.key(th.key, rng.REACT, len(th.messages))
        if th.temper != "troll":
            self._schedule(
                self.now + 120 + 600 * rng.uniform(key, 1), "dm_reply", th.index, verdict.quality
            )
        self._emit(
            Event(
                self.now,
                "dm",
                th.id,
                "",
                {
                    "text": text,
                    "quality": round(verdict.quality, 3),
                    "score": round(verdict.score, 1),
                    "categories": sorted(verdict.categories),
                },
            )
        )

    def _do_hide(self, action: Action) -> None:
        th = self._visible_thread(action)
        reason = action.reason or "other"
        if reason not in HIDE_REASONS:
            raise ActionError(f"unknown reason {reason!r}; reasons: {', '.join(HIDE_REASONS)}")
        if th.sponsored:
            raise ActionError(
                "a paid ad can't be hidden; answer the complainer in their own thread"
            )
        if th.channel not in HIDEABLE_CHANNELS:
            raise ActionError(f"a {th.channel} post can't be hidden; answer it instead")
        if th.hidden:
            raise ActionError(f"thread #{th.id} is already hidden")
        th.hidden = True
        th.hidden_at = self.now
        th.hide_reason = reason
        chance = DISCOVERY_CHANCE[th.temper]
        if th.temper == "troll" and reason in ("spam", "abuse"):
            chance = 0.2
        key = rng.key(th.key, rng.HIDE)
        if rng.uniform(key, 1) < chance:
            self._schedule(self.now + 300 + 2100 * rng.uniform(key, 2), "discover", th.index)
        self._emit(Event(self.now, "hidden", th.id, "", {"reason": reason}))

    def _do_escalate(self, action: Action) -> None:
        th = self._visible_thread(action)
        team = action.team
        if team not in TEAMS:
            raise ActionError(f"unknown team {team!r}; teams: {', '.join(TEAMS)}")
        if team in th.escalated:
            raise ActionError(f"thread #{th.id} is already with {team}")
        th.escalated[team] = self.now
        effect = ""
        if team == "pr" and (th.escalate_rules or bool(self.network.media[th.author_node])):
            th.press_handled = True
            th.mult = th.mult * 0.8
            effect = "PR gives a statement: the story gets the brand's side"
        elif team == "legal":
            th.mult = th.mult * 0.9
            effect = "legal takes over the formal side"
        elif team == "safety":
            th.team_solution = th.safety or th.team_solution
            effect = (
                "the safety team checks the hazard"
                if th.safety
                else "nothing here for the safety team"
            )
        elif team in ("tech", "billing", "operations"):
            th.team_solution = True
            effect = f"{team} works on a solution you can offer"
        self._emit(Event(self.now, "escalated", th.id, effect, {"team": team}))

    def _do_holding_statement(self, action: Action) -> None:
        topic = action.topic
        if topic is not None and topic not in self.topics:
            raise ActionError(f"unknown topic {topic!r}; topics: {', '.join(self.topics)}")
        verdict = self._judge(None, action.text, public=True, kind="holding_statement")
        text = action.text.strip()
        complained = {th.topic for th in self.threads if th.kind_name == "complaint"}
        topics = (
            [topic]
            if topic
            else (
                self.scenario.storm.generated.topics
                if self.scenario.storm.generated
                else sorted(complained) or list(self.topics)
            )
        )
        repeat = bool(self.statements)
        strength = (0.5 if repeat else 1.0) * max(0.0, verdict.quality)
        for name in topics:
            tid = self._topic_id(name)
            if verdict.quality < 0:
                self._topic_heat[tid] *= 1.2
                continue
            self._topic_heat[tid] *= 1.0 - (1.0 - TOPIC_STATEMENT_HEAT) * strength
            self._topic_fresh[tid] *= 1.0 - (1.0 - TOPIC_STATEMENT_FRESH) * strength
            self._topic_pile[tid] *= 1.0 - (1.0 - TOPIC_STATEMENT_PILE) * strength
        self.statements.append(
            {
                "t": self.now,
                "text": text,
                "topics": topics,
                "quality": verdict.quality,
                "verdict": verdict,
            }
        )
        self._brand_post(self.now, rng.key(self.seed, rng.SHARE, len(self.statements)))
        self._emit(
            Event(
                self.now,
                "holding_statement",
                None,
                "",
                {"text": text, "topics": topics, "quality": round(verdict.quality, 3)},
            )
        )

    def _do_resolve(self, action: Action) -> None:
        th = self._visible_thread(action)
        if th.resolved_at is not None:
            raise ActionError(f"thread #{th.id} is already resolved")
        if th.kind_name != "complaint":
            raise ActionError(f"thread #{th.id} is not a complaint; like it or reply to it instead")
        offered = th.solution_offered or th.team_solution
        if action.text.strip():
            public = th.dm_started is None
            verdict = self._judge(th, action.text, public=public, kind="resolve")
            th.messages.append(
                Message(
                    self.now,
                    "brand",
                    action.text.strip(),
                    public=public,
                    kind="resolve",
                    verdict=verdict,
                )
            )
            if public:
                self.brand_replies.append(action.text.strip())
            th.qualities.append(verdict.quality)
            offered = offered or verdict.has("solution")
            self._responded(th)
        average = sum(th.qualities) / len(th.qualities) if th.qualities else -0.5
        satisfied = offered and (th.data_given or not th.needs_data) and average >= 0.0
        th.resolved_at = self.now
        th.satisfied = bool(satisfied)
        key = rng.key(th.key, rng.THANKS, 1)
        if satisfied:
            th.mult = th.mult * RESOLVED_COOLING
            th.anger = 0.1
            if th.channel == "review" and th.rating:
                self._rating[0] += min(5, th.rating + 2) - th.rating
            if rng.uniform(key, 1) < THANKS_CHANCE[th.temper]:
                self._schedule(self.now + 300 + 1500 * rng.uniform(key, 2), "outcome", th.index)
        elif th.temper != "troll":
            self._schedule(self.now + 600 + 1200 * rng.uniform(key, 3), "outcome", th.index)
        why = []
        if not offered:
            why.append("no solution was offered")
        if th.needs_data and not th.data_given:
            why.append("the case needed details that were never asked for in private")
        if average < 0:
            why.append("the replies did more harm than good")
        self._emit(
            Event(
                self.now,
                "resolved",
                th.id,
                "; ".join(why) if why else "solved",
                {"satisfied": bool(satisfied)},
            )
        )

    def _do_like(self, action: Action) -> None:
        th = self._visible_thread(action)
        if th.liked:
            raise ActionError(f"you already liked #{th.id}")
        th.liked = True
        cause = ""
        if th.kind_name == "praise":
            th.mult = th.mult * 1.3
            cause = "a like from the brand helps praise travel"
        elif th.anger >= 0.6:
            th.mult = th.mult * 1.1
            cause = "liking an angry complaint reads as mockery"
        self._emit(Event(self.now, "liked", th.id, cause))

    # ------------------------------------------------------------------ helpers

    def _emit(self, event: Event) -> None:
        self._events.append(event)

    def _drain(self) -> list[Event]:
        out, self._events = self._events, []
        return out

    def _inbox_item(self, th: Thread) -> InboxItem:
        waiting_since = th.waiting_since
        waiting = self.now - waiting_since if waiting_since is not None else None
        flags = []
        if th.escalate_rules:
            flags.append("escalate")
        if self.network.media[th.author_node]:
            flags.append("media")
        elif self.network.influencer[th.author_node]:
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
        priority = 1.5 * math.log10(1 + reach) + 2.0 * th.anger
        if waiting is not None:
            priority += 2.0 * min(waiting / self._target, 3.0)
        if th.escalate_rules or th.safety or th.kind_name == "note":
            priority += 3.0
        if th.temper == "troll" or th.kind_name in ("praise", "off_topic"):
            priority -= 3.0
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


@dataclass(frozen=True)
class _Who:
    handle: str
    name: str
    first_name: str


def _describe_condition(cond: Condition) -> str:
    """A condition in words, for the event's cause ("post 'mayor' ignored for 20m")."""
    subject = (
        f"post '{cond.post}'" if cond.post else (f"{cond.persona}'s post" if cond.persona else "")
    )
    parts = []
    for key, words in (("replied", "answered"), ("hid", "hidden"), ("moved_to_dm", "moved to DM")):
        value = getattr(cond, key)
        if value is not None:
            parts.append(f"{subject} {'' if value else 'not '}{words}")
    if cond.replied_within is not None:
        parts.append(f"{subject} answered within {format_duration(cond.replied_within)}")
    if cond.ignored_for is not None:
        parts.append(f"{subject} ignored for {format_duration(cond.ignored_for)}")
    if cond.escalated_to is not None:
        parts.append(f"{subject} escalated to {cond.escalated_to}")
    if cond.said is not None:
        parts.append(f"you wrote '{cond.said}'")
    for key in ("after", "before"):
        if getattr(cond, key) is not None:
            parts.append(f"{key} {format_duration(getattr(cond, key))}")
    for key, words in (("reach_over", "reach over"), ("unanswered_over", "unanswered over")):
        if getattr(cond, key) is not None:
            parts.append(f"{words} {getattr(cond, key):,}")
    if cond.no_holding_statement:
        parts.append("no holding statement")
    if cond.declared is not None:
        parts.append("the storm " + ("declared" if cond.declared else "not yet declared"))
    parts += [_describe_condition(c) for c in cond.all_ or []]
    if cond.any_:
        parts.append("(" + " or ".join(_describe_condition(c) for c in cond.any_) + ")")
    if cond.not_ is not None:
        parts.append(f"not ({_describe_condition(cond.not_)})")
    return " and ".join(p.strip() for p in parts) or "the scenario's condition"


def _describe(rule, th: Thread) -> str:
    when = rule.when
    parts = []
    if when.ignored_for is not None:
        parts.append(f"#{th.id} was ignored for {format_duration(when.ignored_for)}")
    if when.unresolved_contacts is not None:
        parts.append(f"{th.handle} got in touch {th.contacts} times without a solution")
    if when.reach_over is not None:
        parts.append(f"#{th.id} reached over {when.reach_over:,} people")
    if when.hidden:
        parts.append(f"#{th.id} was hidden")
    return f"{rule.then.replace('_', ' ')}: " + " and ".join(parts)


def _difference(recorded: ReplyAssessment, judged: ReplyAssessment) -> str:
    """What changed between a recorded verdict and today's judgement of the same message, in words."""
    parts = []
    if round(recorded.score, 1) != round(judged.score, 1):
        parts.append(f"score {recorded.score:.0f} when sent, {judged.score:.0f} now")
    before, after = recorded.categories, judged.categories
    if after - before:
        parts.append("now also " + ", ".join(sorted(after - before)))
    if before - after:
        parts.append("no longer " + ", ".join(sorted(before - after)))
    if recorded.kind != judged.kind:
        parts.append(f"judged as {recorded.kind} when sent, {judged.kind} now")
    if not parts:
        parts.append(
            f"crowd reaction {recorded.quality:+.2f} when sent, {judged.quality:+.2f} now"
            if recorded.quality != judged.quality
            else "the findings' wording changed"
        )
    return "the recorded verdict differs from today's judgement: " + "; ".join(parts)
