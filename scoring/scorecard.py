"""The session scorecard: speed, empathy, privacy, containment and policy, each point with evidence.

`score_log(log, assess)` replays a session log (deterministic), runs the `none`
and `reference` bots on the same scenario and seed for the containment and
volume baselines, and judges every thread. Replies are not judged again: each
message carries the verdict it was given when it was sent (docs/scoring.md).
A partial session (the trainee quit) is scored up to where it ended, against
baselines cut at the same moment. Every finding names the rule, quotes the
trainee's words or the post, gives the simulated time and, where it comes from
the policy, the clause. The overall score comes with a band from seed noise
(`seed_noise`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from stormdrill.scenarios import Scenario, scenario_hash
from stormdrill.scenarios.durations import format_duration, format_span
from stormdrill.simulator.assessment import Assess, ReplyAssessment
from stormdrill.simulator.bots import play
from stormdrill.simulator.events import ActionError
from stormdrill.simulator.log import SessionLog, replay
from stormdrill.simulator.network import cache_dir, load_or_build, spec_for
from stormdrill.simulator.session import Session
from stormdrill.simulator.threads import Thread

from .expectations import check_expectations
from .i18n import number, say
from .weights import (
    BROKEN_PROMISE_PENALTY,
    BROKEN_PROMISES_CAP,
    ESCALATION_POINTS,
    GRADES,
    HIDDEN_COMPLAINT_PENALTY,
    PROMISE_GRACE,
    PUBLIC_PERSONAL_DATA_PENALTY,
    RESPONSE_FLOOR,
    SPEED_AT_NORM,
    SPEED_STATEMENT_SHARE,
    SPEED_THREADS_SHARE,
    STATEMENT_EMPATHY_WEIGHT,
    STATEMENT_LATE_SPAN,
    TOO_MANY_PUBLIC_CAP,
    WAITING_KINDS,
    WEIGHT_COMPLIMENT,
    WEIGHT_ESCALATE,
    WEIGHT_NEEDS_DATA,
    WEIGHT_RUMOUR,
)

DIMENSIONS = ("speed", "empathy", "privacy", "containment", "policy")
# Seed noise (docs/scoring.md "How sure is a score"): a steady, middling team (the reference team's play on
# half of the complaints, the same half whatever the seed) plays these fixed seeds, each run scored against
# its own seed's baselines; the standard deviation of its overall scores is how much a score moves when
# only the luck of the storm changes. The good and bad bots sit at the ends of the scale, where scores
# can't move much, so they would understate it. A band is never narrower than BAND_FLOOR.
BAND_SEEDS = (101, 102, 103, 104)
BAND_SHARE = 0.5  # the middling team answers this share of the complaints
BAND_FLOOR = 2.0
# part of the on-disk cache key, with a fingerprint of the engine's and the rubric's files
NOISE_MODEL = 1
MISSING_RULES = frozenset(
    {"unanswered", "no_response", "not_moved_private", "no_holding_statement", "not_an_answer"}
)
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b")


@dataclass
class Finding:
    dimension: str
    rule: str
    explanation: str
    # + earned, - lost (on the dimension's 0..100 scale, or per reply for empathy)
    points: float = 0.0
    quote: str = ""  # the trainee's words (or the post) this is about
    thread: int | None = None
    t: float | None = None
    clause: str = ""  # the policy clause it comes from
    passed: bool | None = None  # policy rules: pass or fail
    # earned, missing (expected and not done) or penalty (done, and badly); "" = from points
    polarity: str = ""
    threads: list[int] = field(default_factory=list)  # grouped evidence: every thread it is about

    def __post_init__(self):
        if not self.polarity:
            if self.rule in MISSING_RULES:
                self.polarity = "missing"
            elif self.points < 0 or self.passed is False:
                self.polarity = "penalty"
            else:
                self.polarity = "earned"


@dataclass
class Dimension:
    name: str
    score: float | None  # None: nothing to judge (its weight goes to the others)
    weight: float
    summary: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ThreadReport:
    id: int
    handle: str
    topic: str
    channel: str
    created: float
    text: str
    reach: int
    first_response: float | None
    response_score: float | None
    moved_private: float | None
    hidden: bool
    hide_reason: str | None
    resolved: bool
    satisfied: bool | None
    escalated: list[str]
    replies: list[dict]


@dataclass
class Scorecard:
    scenario_id: str
    title: str
    trainee: str
    seed: int
    played_until: float
    duration: float
    partial: bool
    overall: float
    grade: str
    grade_word: str
    dimensions: dict[str, Dimension]
    threads: list[ThreadReport]
    containment: dict
    series: dict[str, list[int]]  # negative reach per minute: trainee, none, reference
    response_times: list[dict]
    debrief: str
    language: str
    targets: dict = field(default_factory=dict)  # the policy's response times, seconds
    # [low, high]: the overall score give or take seed noise
    overall_band: list[float] | None = None
    divergences: list[str] = field(
        default_factory=list
    )  # where a replay of the log differed from the log
    played_at: str = ""  # when the session was played (the log's header), ISO 8601

    @property
    def margin(self) -> float | None:
        """Half the band's width: how far the overall score moves with the luck of the storm alone."""
        if not self.overall_band:
            return None
        low, high = self.overall_band
        return round(
            max(self.overall - low, high - self.overall), 1
        )  # one side may be cut at 0 or 100

    def to_dict(self) -> dict:
        return asdict(self)


def grade_for(score: float) -> tuple[str, str]:
    for floor, letter, word in GRADES:
        if score >= floor:
            return letter, word
    return "F", "poor"


# ------------------------------------------------------------------ baselines


@dataclass(frozen=True)
class Baseline:
    """What a bot did with the same storm: negative reach per minute, and the weighted share of the
    complaints due an answer that it answered (the yardstick for volume)."""

    negative: tuple[int, ...]
    answered_share: float | None


_BASELINES: dict[tuple, Baseline] = {}  # (scenario hash, seed, bot, until) -> what the bot did
_BASELINES_KEPT = 32


def baseline_of(session: Session) -> Baseline:
    """The baseline a played session gives (for callers that ran the bots themselves, like calibrate)."""
    answered, due = coverage(session, session.now)
    return Baseline(
        tuple(int(x) for x in session.metrics["negative"]), answered / due if due else None
    )


def baseline(
    scenario: Scenario, seed: int, bot: str, assess: Assess, until: float | None = None
) -> Baseline:
    """What `bot` does with the same storm (cached per scenario, seed and time)."""
    until = float(scenario.duration if until is None else until)
    key = (scenario_hash(scenario), seed, bot, until)
    if key not in _BASELINES:
        network = load_or_build(spec_for(scenario))
        session = play(
            Session(scenario, seed=seed, assess=assess, network=network), bot, until=until
        )
        if len(_BASELINES) >= _BASELINES_KEPT:
            _BASELINES.pop(next(iter(_BASELINES)))
        _BASELINES[key] = baseline_of(session)
    return _BASELINES[key]


def baseline_series(
    scenario: Scenario, seed: int, bot: str, assess: Assess, until: float | None = None
) -> np.ndarray:
    """Negative reach per minute when `bot` handles the same storm."""
    return np.array(baseline(scenario, seed, bot, assess, until).negative)


def weight(session: Session, th: Thread) -> float:
    """How much a post waiting for you counts: reach, anger, a press/legal/safety case, a personal case;
    a rumour counts extra (it spreads until corrected), a compliment a little (a thank-you is courtesy)."""
    if th.kind_name == "praise":
        return WEIGHT_COMPLIMENT
    press = bool(th.escalate_rules) or bool(session.network.media[th.author_node])
    return (
        1.0
        + (WEIGHT_RUMOUR if th.kind_name == "rumour" else 0.0)
        + math.log10(1 + th.impressions)
        + th.anger
        + (WEIGHT_ESCALATE if press else 0.0)
        + (WEIGHT_NEEDS_DATA if th.needs_data else 0.0)
    )


def answered_at(th: Thread) -> float | None:
    """When the customer got an answer that counts: the first brand message (public or DM) that scored at
    least RESPONSE_FLOOR. A pasted template or a defensive line is a reply, not an answer: the customer is
    still waiting for one (docs/scoring.md)."""
    for msg in th.messages:
        if th.kind_name == "rumour" and not msg.public:
            continue  # a rumour is corrected where it spreads: in public
        if msg.who == "brand" and (msg.verdict is None or msg.verdict.score >= RESPONSE_FLOOR):
            return msg.t
    if th.kind_name == "praise" and th.liked:
        return th.created  # a like is thanks enough, and instant
    return None


def waits_for_you(th: Thread) -> bool:
    """Posts the scorecard expects an answer to: complaints, questions and rumours that wait for the brand,
    and compliments (thank them). Off-topic mentions and trolls are noise: leaving them alone is right."""
    if th.kind_name == "praise":
        return not th.hidden
    return th.kind_name in WAITING_KINDS and th.needs_response


def _due(session: Session, until: float) -> list[Thread]:
    """The posts that were due an answer by `until` (answered, or waiting longer than the target)."""
    target = session.policy.response_times.target
    return [
        th
        for th in session.threads
        if th.visible
        and waits_for_you(th)
        and not th.sponsored
        and (answered_at(th) is not None or until - th.created > target)
    ]


def coverage(session: Session, until: float) -> tuple[float, float]:
    """(weight answered, weight due): how much of what mattered got an answer by `until`."""
    due = _due(session, until)
    return (
        sum(weight(session, th) for th in due if answered_at(th) is not None),
        sum(weight(session, th) for th in due),
    )


# ------------------------------------------------------------------ scoring


def score_log(
    log: SessionLog,
    assess: Assess,
    language: str | None = None,
    until: float | None = None,
    band: bool = True,
) -> Scorecard:
    """The scorecard of a logged session (up to `until`, e.g. to compare with a shorter branch).

    The replay uses each message's recorded verdict; where the judge now sees one otherwise, or an
    action can't be replayed, the card lists it in `divergences` (score and replay print them)."""
    end = log.scenario.duration if log.complete else log.last_time
    if until is not None:
        end = min(end, until)
    session = replay(log, assess, until=end)
    partial = not log.complete or end < log.scenario.duration
    card = score_session(
        session, assess, trainee=log.trainee, partial=partial, language=language, band=band
    )
    card.played_at = str(log.header.get("created") or "")
    return card


def score_session(
    session: Session,
    assess: Assess,
    trainee: str = "trainee",
    partial: bool = False,
    language: str | None = None,
    baselines: dict | None = None,
    band: bool = False,
) -> Scorecard:
    """The scorecard of a session at its current time. `baselines` (bot -> Baseline, or its negative reach
    per minute) skips re-running the `none` and `reference` bots when the caller has them; `band` adds the
    overall score's band from seed noise (a few more bot runs, cached per scenario)."""
    scenario = session.scenario
    until = session.now
    language = language or scenario.language
    judge = _Judge(session, assess, language, baselines)
    dims = {
        "speed": judge.speed(),
        "empathy": judge.empathy(),
        "privacy": judge.privacy(),
        "containment": judge.containment(),
        "policy": judge.policy_compliance(),
    }
    weights = scenario.scoring.weights
    for name, dim in dims.items():
        dim.weight = float(getattr(weights, name))
    overall = _overall(dims)
    letter, word = grade_for(overall)
    word = say(f"grade.{word}", language)
    card = Scorecard(
        scenario_id=scenario.id,
        title=scenario.title,
        trainee=trainee,
        seed=session.seed,
        played_until=until,
        duration=session.duration,
        partial=partial,
        overall=overall,
        grade=letter,
        grade_word=word,
        dimensions=dims,
        threads=judge.thread_reports(),
        containment=judge.containment_numbers,
        series=judge.series,
        response_times=judge.response_times,
        debrief=scenario.debrief,
        language=language,
        targets={
            "target": session.policy.response_times.target,
            "norm": session.policy.response_times.norm,
        },
        divergences=[str(d) for d in session.divergences],
    )
    if band:
        add_band(card, scenario, assess)
    return card


def add_band(card: Scorecard, scenario: Scenario, assess: Assess) -> Scorecard:
    """Give `card` its overall band: the overall score give or take the scenario's seed noise."""
    margin = max(BAND_FLOOR, seed_noise(scenario, assess, card.played_until))
    card.overall_band = [
        round(max(0.0, card.overall - margin), 1),
        round(min(100.0, card.overall + margin), 1),
    ]
    return card


def _overall(dims: dict[str, Dimension]) -> float:
    counted = [(d.score, d.weight) for d in dims.values() if d.score is not None and d.weight > 0]
    total_weight = sum(weight for _, weight in counted) or 1.0
    return round(sum(score * weight for score, weight in counted) / total_weight, 1)


_NOISE: dict[
    str, float
] = {}  # "scenario hash:until:model" -> standard deviation of the overall score


@functools.cache
def _code_fingerprint() -> str:
    """A digest of the engine's and the scoring's source and word lists: a cached band from other code
    is not reused."""
    digest = hashlib.sha1()
    root = Path(__file__).resolve().parent.parent
    for folder in ("simulator", "scoring"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".yaml") and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _noise_file() -> Path:
    return cache_dir() / "seed-noise.json"


def seed_noise(scenario: Scenario, assess: Assess, until: float | None = None) -> float:
    """How much the overall score moves with the luck of the storm alone: the standard deviation of a
    steady, middling team's overall score over BAND_SEEDS, each run scored against its own seed's `none`
    and `reference` baselines, as every session is. A few seconds once per scenario; then cached in
    memory and beside the network cache."""
    until = float(scenario.duration if until is None else until)
    key = f"{scenario_hash(scenario)}:{until:g}:{NOISE_MODEL}:{_code_fingerprint()}"
    if key not in _NOISE:
        with contextlib.suppress(OSError, ValueError):
            _NOISE.update(json.loads(_noise_file().read_text(encoding="utf-8")))
    if key not in _NOISE:
        network = load_or_build(spec_for(scenario))
        scores = []
        for seed in BAND_SEEDS:
            baselines = {
                bot: baseline_of(
                    play(
                        Session(scenario, seed=seed, assess=assess, network=network),
                        bot,
                        until=until,
                    )
                )
                for bot in ("none", "reference")
            }
            team = _middling_team(
                Session(scenario, seed=seed, assess=assess, network=network), until
            )
            scores.append(score_session(team, assess, baselines=baselines).overall)
        _NOISE[key] = round(float(np.std(scores, ddof=1)), 1)
        with contextlib.suppress(OSError):
            _noise_file().parent.mkdir(parents=True, exist_ok=True)
            current = {
                k: v for k, v in _NOISE.items() if k.endswith(_code_fingerprint())
            }  # drop stale ones
            _noise_file().write_text(json.dumps(current, indent=1), encoding="utf-8")
    return _NOISE[key]


def _middling_team(session: Session, until: float) -> Session:
    """The reference team's play on BAND_SHARE of the complaints (picked by each thread's key, so the same
    kind of half on every seed), and nothing on the rest: a steady, middling player."""
    from stormdrill.simulator.bots import ReferenceTeam

    team = ReferenceTeam(session)
    end = min(until, session.duration)
    while session.now < end:
        session.advance_to(min(session.now + 60.0, end))
        if session.finished:
            break
        for action in team.act():
            if (
                action.thread is not None
                and (session.thread(action.thread).key % 1000) / 1000 >= BAND_SHARE
            ):
                continue
            with contextlib.suppress(ActionError):
                session.apply(action)
    return session


def no_real_difference(a: Scorecard, b: Scorecard) -> bool:
    """Are two overall scores within seed noise of each other? Their difference is inside the band of a
    difference (the two margins combined) when both cards have a band."""
    if a.margin is None or b.margin is None:
        return False
    return abs(a.overall - b.overall) <= math.hypot(a.margin, b.margin)


class _Judge:
    def __init__(
        self, session: Session, assess: Assess, language: str, baselines: dict | None = None
    ):
        self.session = session
        self.lang = language
        self.baselines = {
            bot: b if isinstance(b, Baseline) else Baseline(tuple(int(x) for x in b), None)
            for bot, b in (baselines or {}).items()
        }
        self.scenario = session.scenario
        self.policy = session.policy
        self.assess = assess
        self.until = session.now
        self.verdicts: dict[tuple[int, int], ReplyAssessment] = {}
        self.containment_numbers: dict = {}
        self.series: dict[str, list[int]] = {}
        self.response_times: list[dict] = []
        self.volume: dict = {}
        self._response_scores: dict[int, float] = {}
        self._read_verdicts()

    # -------------------------------------------------------------- helpers

    def _threads(self) -> list[Thread]:
        return [th for th in self.session.threads if th.visible and th.kind_name == "complaint"]

    def _needing(self) -> list[Thread]:
        return [th for th in self._threads() if th.needs_response and not th.sponsored]

    def _read_verdicts(self) -> None:
        """Every brand message's verdict, as it was given when the message was sent (never judged again)."""
        for th in self.session.threads:
            for i, msg in enumerate(th.messages):
                if msg.who == "brand" and msg.verdict is not None:
                    self.verdicts[(th.id, i)] = msg.verdict
        self.statement_verdicts = [
            (statement, statement["verdict"]) for statement in self.session.statements
        ]

    def _baseline(self, bot: str) -> Baseline:
        known = self.baselines.get(bot)
        if known is not None and (known.answered_share is not None or bot != "reference"):
            return known
        found = baseline(self.scenario, self.session.seed, bot, self.assess, self.until)
        return found if known is None else Baseline(known.negative, found.answered_share)

    def _curve(self, elapsed: float) -> float:
        """Speed marks for a first response after `elapsed` seconds: 100 at target, 50 at norm, 0 at max."""
        rt = self.policy.response_times
        if elapsed <= rt.target:
            return 100.0
        if elapsed <= rt.norm:
            return 100.0 - (100.0 - SPEED_AT_NORM) * rt.lateness(elapsed)
        if elapsed <= rt.max:
            return SPEED_AT_NORM - SPEED_AT_NORM * rt.overtime(elapsed)
        return 0.0

    def _weight(self, th: Thread) -> float:
        return weight(self.session, th)

    # -------------------------------------------------------------- speed

    def speed(self) -> Dimension:
        """How fast the complaints that mattered got an answer: the timing of each first answer (the policy's
        curve), weighted by priority, times the volume answered against what the reference team managed
        with the same storm (weighted the same way), so triage is what scores, not answering everyone."""
        rt = self.policy.response_times
        clause = (
            f"response_times: target {format_duration(rt.target)}, norm {format_duration(rt.norm)}, "
            f"max {format_duration(rt.max)}"
        )
        dim = Dimension("speed", None, 0, "")
        due = _due(self.session, self.until)
        answers = {th.id: answered_at(th) for th in due}  # when each got an answer that counts
        scores, weights, waiting = [], [], []
        for th in due:
            answered = answers[th.id]
            if answered is None:
                waiting.append(th)
                self._response_scores[th.id] = 0.0
                if th.first_response is not None:
                    self.response_times.append(
                        {
                            "thread": th.id,
                            "created": th.created,
                            "seconds": th.first_response - th.created,
                            "counted": False,
                        }
                    )
                    dim.findings.append(
                        Finding(
                            "speed",
                            "not_an_answer",
                            say(
                                "speed.not_an_answer",
                                self.lang,
                                handle=th.handle,
                                floor=f"{RESPONSE_FLOOR:.0f}",
                            ),
                            0.0,
                            _first_reply_text(th),
                            th.id,
                            th.first_response,
                            clause,
                        )
                    )
                continue
            elapsed = answered - th.created
            score = self._curve(elapsed)
            self.response_times.append(
                {"thread": th.id, "created": th.created, "seconds": elapsed, "counted": True}
            )
            if score < 100:
                dim.findings.append(
                    Finding(
                        "speed",
                        "slow_response",
                        say(
                            "speed.slow_response",
                            self.lang,
                            handle=th.handle,
                            elapsed=format_span(elapsed),
                            target=format_duration(rt.target),
                        ),
                        round(score - 100, 1),
                        _first_reply_text(th),
                        th.id,
                        answered,
                        clause,
                    )
                )
            self._response_scores[th.id] = score
            scores.append(score)
            weights.append(self._weight(th))
        thread_part = None
        if due:
            total = sum(self._weight(th) for th in due)
            share = sum(weights) / total
            reference = self._baseline("reference").answered_share
            volume = 1.0 if not reference else min(1.0, share / reference)
            timing = float(np.average(scores, weights=weights)) if scores else 0.0
            thread_part = timing * volume if scores else 0.0
            self.volume = {
                "answered_share": round(share, 3),
                "reference_share": reference,
                "volume": round(volume, 3),
            }
            if waiting:
                lost = (timing if scores else 100.0) - thread_part
                self._unanswered(dim, waiting, total, share, reference, lost, clause)
        self._rest_of_inbox(dim, due, answers, clause)
        promise_penalty = self._broken_promises(dim)
        statement_part = self._holding_statement_speed(dim)
        parts = [(thread_part, SPEED_THREADS_SHARE), (statement_part, SPEED_STATEMENT_SHARE)]
        known = [(v, w) for v, w in parts if v is not None]
        if known:
            score = sum(v * w for v, w in known) / sum(w for _, w in known)
            dim.score = round(max(0.0, score - promise_penalty), 1)
        answered = sum(1 for when in answers.values() if when is not None)
        mixed = any(th.kind_name != "complaint" for th in due)
        dim.summary = say(
            "speed.summary_mixed" if mixed else "speed.summary",
            self.lang,
            answered=answered,
            total=len(due),
            target=format_duration(rt.target),
            norm=format_duration(rt.norm),
        )
        return dim

    def _rest_of_inbox(
        self, dim: Dimension, due: list[Thread], answers: dict[int, float | None], clause: str
    ) -> None:
        """Evidence for the posts that are not complaints (storm.mix): the rumours corrected in public and
        those left spreading, the questions answered, the compliments thanked. Their points are already in
        the speed score (they count in it by weight); these lines say what earned or cost them."""
        for kind in ("rumour", "question", "praise"):
            of_kind = [th for th in due if th.kind_name == kind]
            done = [th for th in of_kind if answers[th.id] is not None]
            left = [th for th in of_kind if answers[th.id] is None]
            if done:
                dim.findings.append(
                    Finding(
                        "speed",
                        f"{kind}_answered",
                        say(f"speed.{kind}_answered", self.lang, count=len(done)),
                        0.0,
                        done[0].text,
                        done[0].id,
                        answers[done[0].id],
                        clause,
                        polarity="earned",
                        threads=[th.id for th in done],
                    )
                )
            if left and kind == "rumour":
                dim.findings.append(
                    Finding(
                        "speed",
                        "rumour_uncorrected",
                        say("speed.rumour_uncorrected", self.lang, count=len(left)),
                        0.0,
                        left[0].text,
                        left[0].id,
                        left[0].created,
                        clause,
                        polarity="missing",
                        threads=[th.id for th in left],
                    )
                )

    def _unanswered(
        self,
        dim: Dimension,
        waiting: list[Thread],
        total: float,
        share: float,
        reference: float | None,
        lost: float,
        clause: str,
    ) -> None:
        """One line of evidence for every complaint left waiting, heaviest first, with their weights."""
        waiting = sorted(waiting, key=lambda th: -self._weight(th))
        heaviest = waiting[0]
        names = ", ".join(f"{th.handle} ({self._weight(th):.1f})" for th in waiting[:3])
        more = say("speed.more", self.lang, count=len(waiting) - 3) if len(waiting) > 3 else ""
        ref = (
            say("speed.reference_share", self.lang, share=f"{reference:.0%}")
            if reference is not None
            else ""
        )
        kinds = Counter(th.kind_name for th in waiting)
        text = say(
            "speed.unanswered" if set(kinds) == {"complaint"} else "speed.unanswered_mixed",
            self.lang,
            kinds=", ".join(
                say(f"speed.kind.{kind}", self.lang, count=n) for kind, n in kinds.most_common()
            ),
            count=len(waiting),
            weight=f"{sum(self._weight(th) for th in waiting):.1f}",
            total=f"{total:.1f}",
            share=f"{share:.0%}",
            names=names + more,
            reference=ref,
        )
        dim.findings.append(
            Finding(
                "speed",
                "unanswered",
                text,
                round(-lost, 1),
                heaviest.text,
                heaviest.id,
                heaviest.created,
                clause,
                threads=[th.id for th in waiting],
            )
        )

    def _holding_statement_speed(self, dim: Dimension) -> float | None:
        hs = self.policy.holding_statement
        if not hs.required or not self.session.declared:
            return None
        declared = min(self.session.declared.values())
        due = declared + hs.within
        clause = (
            f"holding_statement: within {format_duration(hs.within)} of the storm being declared"
        )
        posted = self.session.statements[0]["t"] if self.session.statements else None
        if posted is None:
            if self.until <= due:
                return None
            dim.findings.append(
                Finding(
                    "speed",
                    "no_holding_statement",
                    say(
                        "speed.no_holding_statement",
                        self.lang,
                        due=self.scenario.clock(due),
                        declared=self.scenario.clock(declared),
                    ),
                    -100.0,
                    "",
                    None,
                    due,
                    clause,
                )
            )
            return 0.0
        late = posted - due
        if late <= 0:
            dim.findings.append(
                Finding(
                    "speed",
                    "holding_statement_on_time",
                    say(
                        "speed.holding_on_time",
                        self.lang,
                        posted=self.scenario.clock(posted),
                        due=self.scenario.clock(due),
                    ),
                    0.0,
                    self.session.statements[0]["text"],
                    None,
                    posted,
                    clause,
                )
            )
            return 100.0
        score = max(0.0, 100.0 - 100.0 * late / max(STATEMENT_LATE_SPAN, hs.within))
        dim.findings.append(
            Finding(
                "speed",
                "late_holding_statement",
                say(
                    "speed.holding_late",
                    self.lang,
                    late=format_span(late),
                    due=self.scenario.clock(due),
                ),
                round(score - 100, 1),
                self.session.statements[0]["text"],
                None,
                posted,
                clause,
            )
        )
        return score

    def _broken_promises(self, dim: Dimension) -> float:
        """'Update at 10:00': was there a later message in the thread by then?"""
        penalty = 0.0
        start = self.scenario.starts_at
        h0, m0 = map(int, start.split(":"))
        for th in self._threads():
            brand = [m for m in th.messages if m.who == "brand"]
            for n, msg in enumerate(brand):
                for match in _CLOCK.finditer(msg.text):
                    minutes = (int(match.group(1)) * 60 + int(match.group(2)) - (h0 * 60 + m0)) % (
                        24 * 60
                    )
                    promised = minutes * 60.0
                    if (
                        promised <= msg.t
                        or promised > self.until
                        or (th.resolved_at is not None and th.resolved_at <= promised)
                    ):
                        continue
                    kept = any(later.t <= promised + PROMISE_GRACE for later in brand[n + 1 :])
                    if not kept and not any(
                        s["t"] <= promised + PROMISE_GRACE and s["t"] > msg.t
                        for s in self.session.statements
                    ):
                        penalty += BROKEN_PROMISE_PENALTY
                        dim.findings.append(
                            Finding(
                                "speed",
                                "broken_promise",
                                say(
                                    "speed.broken_promise",
                                    self.lang,
                                    time=match.group(0),
                                    handle=th.handle,
                                ),
                                -BROKEN_PROMISE_PENALTY,
                                msg.text,
                                th.id,
                                msg.t,
                            )
                        )
                    break
        return min(penalty, BROKEN_PROMISES_CAP)

    # -------------------------------------------------------------- empathy

    def empathy(self) -> Dimension:
        dim = Dimension("empathy", None, 0, "")
        scores, weights = [], []
        by_id = {th.id: th for th in self.session.threads}
        for (thread_id, i), verdict in self.verdicts.items():
            th = by_id[thread_id]
            msg = th.messages[i]
            reply_score = _reply_score(verdict)
            scores.append(reply_score)
            weights.append(self._weight(th))
            for f in verdict.findings:
                dim.findings.append(
                    Finding(
                        "empathy",
                        f.rule,
                        f.explanation,
                        f.points,
                        f.span or msg.text,
                        th.id,
                        msg.t,
                        _policy_clause(f.category, self.policy),
                        polarity=f.polarity,
                    )
                )
        for statement, verdict in self.statement_verdicts:
            scores.append(_reply_score(verdict))
            weights.append(STATEMENT_EMPATHY_WEIGHT)
            for f in verdict.findings:
                dim.findings.append(
                    Finding(
                        "empathy",
                        f.rule,
                        f.explanation,
                        f.points,
                        f.span or statement["text"],
                        None,
                        statement["t"],
                        _policy_clause(f.category, self.policy),
                        polarity=f.polarity,
                    )
                )
        if scores:
            dim.score = round(float(np.average(scores, weights=weights)), 1)
            dim.summary = say(
                "empathy.summary", self.lang, count=len(scores), average=f"{np.mean(scores):.0f}"
            )
        else:
            dim.score = 0.0 if self._needing() else None
            dim.summary = say("empathy.none", self.lang)
        return dim

    # -------------------------------------------------------------- privacy

    def privacy(self) -> Dimension:
        private = self.policy.private
        clause = (
            f"private: move within {format_duration(private.move_within)} and "
            f"{private.max_public_replies} public replies"
        )
        dim = Dimension("privacy", None, 0, "")
        scores = []
        for th in self._needing():
            if not th.needs_data:
                continue
            moved = _moved_at(th)
            waited = self.until - th.created
            if moved is None:
                if waited <= private.move_within:
                    continue
                scores.append(0.0)
                dim.findings.append(
                    Finding(
                        "privacy",
                        "not_moved_private",
                        say("privacy.not_moved", self.lang, handle=th.handle),
                        -100.0,
                        th.text,
                        th.id,
                        th.created,
                        clause,
                    )
                )
                continue
            after = moved - th.created
            public_before = sum(
                1 for m in th.messages if m.who == "brand" and m.public and m.t < moved
            )
            score = 100.0
            if after > private.move_within:
                score = max(
                    0.0, 100.0 - 100.0 * (after - private.move_within) / private.move_within
                )
            if public_before > private.max_public_replies:
                score = min(score, TOO_MANY_PUBLIC_CAP)
            scores.append(score)
            if score < 100:
                dim.findings.append(
                    Finding(
                        "privacy",
                        "moved_late",
                        say(
                            "privacy.moved_late",
                            self.lang,
                            handle=th.handle,
                            after=format_span(after),
                            replies=public_before,
                        ),
                        round(score - 100, 1),
                        _first_reply_text(th),
                        th.id,
                        moved,
                        clause,
                    )
                )
            else:
                dim.findings.append(
                    Finding(
                        "privacy",
                        "moved_private",
                        say("privacy.moved", self.lang, handle=th.handle, after=format_span(after)),
                        0.0,
                        "",
                        th.id,
                        moved,
                        clause,
                    )
                )
        base = float(np.mean(scores)) if scores else 100.0
        deductions = 0.0
        for (thread_id, i), verdict in self.verdicts.items():
            if verdict.has("public_personal_data"):
                th = self.session.threads[thread_id - 1]
                span = next(
                    f.span for f in verdict.findings if f.category == "public_personal_data"
                )
                deductions += PUBLIC_PERSONAL_DATA_PENALTY
                dim.findings.append(
                    Finding(
                        "privacy",
                        "public_personal_data",
                        say("privacy.public_data", self.lang),
                        -PUBLIC_PERSONAL_DATA_PENALTY,
                        span,
                        thread_id,
                        th.messages[i].t,
                        "private.never_ask_publicly",
                    )
                )
        allowed = set(self.policy.hide.allowed_reasons)
        hidden = [th for th in self.session.threads if th.hidden_at is not None]
        for th in hidden:
            justified = th.hide_reason in allowed and (
                th.temper == "troll" or th.hide_reason == "personal_data"
            )
            if justified:
                dim.findings.append(
                    Finding(
                        "privacy",
                        "hidden_allowed",
                        say(
                            "privacy.hidden_allowed",
                            self.lang,
                            handle=th.handle,
                            reason=th.hide_reason,
                        ),
                        0.0,
                        th.text,
                        th.id,
                        th.hidden_at,
                        "hide.allowed_reasons",
                    )
                )
                continue
            key = (
                "privacy.reason_not_allowed"
                if th.hide_reason not in allowed
                else "privacy.reason_untrue"
            )
            why = say(key, self.lang, reason=th.hide_reason)
            deductions += HIDDEN_COMPLAINT_PENALTY
            dim.findings.append(
                Finding(
                    "privacy",
                    "hidden_complaint",
                    say("privacy.hidden_complaint", self.lang, handle=th.handle, why=why),
                    -HIDDEN_COMPLAINT_PENALTY,
                    th.text,
                    th.id,
                    th.hidden_at,
                    "hide.allowed_reasons",
                )
            )
        if scores or deductions or hidden:
            dim.score = round(max(0.0, base - deductions), 1)
        moved = sum(1 for s in scores if s > 0)
        dim.summary = say(
            "privacy.summary", self.lang, moved=moved, cases=len(scores), hidden=len(hidden)
        )
        return dim

    # -------------------------------------------------------------- containment

    def containment(self) -> Dimension:
        session = self.session
        minute = int(np.ceil(self.until / 60.0))
        ours = session.metrics["negative"][: minute + 1]
        none, ref = (np.asarray(self._baseline(bot).negative) for bot in ("none", "reference"))
        none, ref = none[: minute + 1], ref[: minute + 1]
        n_ours, n_none, n_ref = int(ours.sum()), int(none.sum()), int(ref.sum())
        self.series = {"trainee": ours.tolist(), "none": none.tolist(), "reference": ref.tolist()}
        if n_none > n_ref:
            score = 100.0 * (n_none - n_ours) / (n_none - n_ref)
        else:
            score = 100.0 if n_ours <= n_ref else 0.0
        score = round(float(np.clip(score, 0.0, 100.0)), 1)
        avoided = (1 - n_ours / n_none) if n_none else 0.0
        pile_ons = [th for th in session.threads if th.cause.startswith("pile-on")]
        self.containment_numbers = {
            "negative_reach": n_ours,
            "negative_reach_none": n_none,
            "negative_reach_reference": n_ref,
            "avoided_share": round(avoided, 3),
            "peak_per_minute": int(ours.max()) if len(ours) else 0,
            "peak_per_minute_none": int(none.max()) if len(none) else 0,
            "pile_ons": len(pile_ons),
            "escalations": len(session.escalation_log),
            "positive_reach": int(session.metrics["positive"][: minute + 1].sum()),
        }
        dim = Dimension("containment", score, 0, "")
        numbers = {
            "ours": number(n_ours, self.lang),
            "none": number(n_none, self.lang),
            "ref": number(n_ref, self.lang),
        }
        if avoided >= 0:
            dim.summary = say("containment.summary", self.lang, avoided=f"{avoided:.0%}", **numbers)
        else:
            dim.summary = say(
                "containment.summary_worse", self.lang, more=f"{-avoided:.0%}", **numbers
            )
        dim.findings.append(Finding("containment", "negative_reach", dim.summary, 0.0))
        for record in session.escalation_log:
            th = session.threads[record["thread"] - 1]
            words = say(
                "escalation.line",
                self.lang,
                clock=self.scenario.clock(record["t"]),
                handle=th.handle,
                what=say(f"escalation.{record['then']}", self.lang),
            )
            dim.findings.append(
                Finding(
                    "containment",
                    record["then"],
                    words,
                    ESCALATION_POINTS,
                    th.text,
                    th.id,
                    record["t"],
                )
            )
        if pile_ons:
            dim.findings.append(
                Finding(
                    "containment",
                    "pile_on",
                    say("containment.pile_on", self.lang, count=len(pile_ons)),
                    0.0,
                )
            )
        return dim

    # -------------------------------------------------------------- policy

    def policy_compliance(self) -> Dimension:
        dim = Dimension("policy", None, 0, "")
        rules: list[Finding] = []
        for i, rule in enumerate(self.policy.escalate):
            label = rule.name or ", ".join(rule.mentions[:3])
            clause = f"escalate: {label} ({', '.join(rule.mentions[:4])}) → {rule.team} within {format_duration(rule.within)}"
            for th in self._threads():
                if i not in th.escalate_rules:
                    continue
                done = th.escalated.get(rule.team)
                in_time = done is not None and done - th.created <= rule.within
                if done is None and self.until - th.created <= rule.within:
                    continue
                text = (
                    say(
                        "policy.escalated",
                        self.lang,
                        handle=th.handle,
                        team=rule.team,
                        after=format_span(done - th.created),
                    )
                    if done is not None
                    else say("policy.not_escalated", self.lang, handle=th.handle, team=rule.team)
                )
                rules.append(
                    Finding(
                        "policy",
                        f"escalate.{rule.team}",
                        text,
                        0.0,
                        th.text,
                        th.id,
                        done if done is not None else th.created,
                        clause,
                        passed=in_time,
                    )
                )
        hs = self.policy.holding_statement
        if hs.required and self.session.declared:
            declared = min(self.session.declared.values())
            due = declared + hs.within
            posted = self.session.statements[0]["t"] if self.session.statements else None
            if posted is not None or self.until > due:
                ok = posted is not None and posted <= due
                text = (
                    say(
                        "policy.holding",
                        self.lang,
                        posted=self.scenario.clock(posted),
                        due=self.scenario.clock(due),
                    )
                    if posted is not None
                    else say("policy.no_holding", self.lang, due=self.scenario.clock(due))
                )
                rules.append(
                    Finding(
                        "policy",
                        "holding_statement",
                        text,
                        0.0,
                        "",
                        None,
                        posted or due,
                        f"holding_statement: within {format_duration(hs.within)}",
                        passed=ok,
                    )
                )
        replies = list(self.verdicts.items())
        if replies:
            by_id = {th.id: th for th in self.session.threads}
            checks = [
                ("forbidden", say("policy.forbidden", self.lang), "forbidden"),
                (
                    "public_personal_data",
                    say("policy.public_data", self.lang),
                    "private.never_ask_publicly",
                ),
            ]
            if self.policy.tone.address != "any" and self.scenario.language == "nl":
                checks.append(
                    (
                        "wrong_address_form",
                        say("policy.address", self.lang, form=self.policy.tone.address),
                        "tone.address",
                    )
                )
            for category, label, clause in checks:
                bad = [(key, v) for key, v in replies if v.has(category)]
                if not bad:
                    rules.append(
                        Finding(
                            "policy",
                            category,
                            say("policy.kept", self.lang, label=label, count=len(replies)),
                            0.0,
                            clause=clause,
                            passed=True,
                        )
                    )
                for (thread_id, i), verdict in bad:
                    span = next(f.span for f in verdict.findings if f.category == category)
                    rules.append(
                        Finding(
                            "policy",
                            category,
                            say("policy.broken", self.lang, label=label),
                            0.0,
                            span,
                            thread_id,
                            by_id[thread_id].messages[i].t,
                            clause,
                            passed=False,
                        )
                    )
            if self.policy.tone.sign_off:
                unsigned = [
                    (key, v)
                    for key, v in replies
                    if not any(f.rule.endswith("sign_off") and f.points > 0 for f in v.findings)
                ]
                rules.append(
                    Finding(
                        "policy",
                        "sign_off",
                        say(
                            "policy.sign_off",
                            self.lang,
                            signed=len(replies) - len(unsigned),
                            total=len(replies),
                        ),
                        0.0,
                        clause="tone.sign_off",
                        passed=not unsigned,
                    )
                )
        for th in self.session.threads:
            if th.hidden_at is not None and th.hide_reason not in self.policy.hide.allowed_reasons:
                rules.append(
                    Finding(
                        "policy",
                        "hide",
                        say("policy.hide", self.lang, handle=th.handle, reason=th.hide_reason),
                        0.0,
                        th.text,
                        th.id,
                        th.hidden_at,
                        "hide.allowed_reasons",
                        passed=False,
                    )
                )
        expected = check_expectations(self.scenario, self.session.threads, self.until, self.lang)
        rules += [
            Finding(
                "policy",
                c.rule,
                c.explanation,
                quote=c.quote,
                thread=c.thread,
                t=c.t,
                clause=c.clause,
                passed=c.passed,
            )
            for c in expected
        ]
        dim.findings = rules
        if rules:
            passed = sum(1 for r in rules if r.passed)
            dim.score = round(100.0 * passed / len(rules), 1)
            dim.summary = say("policy.summary", self.lang, passed=passed, total=len(rules))
        else:
            dim.summary = say("policy.none", self.lang)
        for r in rules:
            r.points = 0.0 if r.passed else round(-100.0 / len(rules), 1)
        return dim

    # -------------------------------------------------------------- per thread

    def thread_reports(self) -> list[ThreadReport]:
        out = []
        for th in self._threads():
            replies = []
            for i, msg in enumerate(th.messages):
                verdict = self.verdicts.get((th.id, i))
                if verdict is not None:
                    replies.append(
                        {
                            "t": msg.t,
                            "text": msg.text,
                            "public": msg.public,
                            "kind": verdict.kind,
                            "score": _reply_score(verdict),
                            "lost": [f.explanation for f in verdict.findings if f.points < 0][:3],
                        }
                    )
            out.append(
                ThreadReport(
                    th.id,
                    th.handle,
                    th.topic,
                    th.channel,
                    th.created,
                    th.text,
                    th.impressions,
                    th.first_response,
                    self._response_scores.get(th.id),
                    _moved_at(th),
                    th.hidden,
                    th.hide_reason,
                    th.resolved_at is not None,
                    th.satisfied if th.resolved_at is not None else None,
                    sorted(th.escalated),
                    replies,
                )
            )
        return out


def _reply_score(verdict: ReplyAssessment) -> float:
    return verdict.score


def _moved_at(th: Thread) -> float | None:
    times = [t for t in (th.dm_invited, th.dm_started) if t is not None]
    return min(times) if times else None


def _first_reply_text(th: Thread) -> str:
    return next((m.text for m in th.messages if m.who == "brand"), "")


def _policy_clause(category: str, policy) -> str:
    return {
        "forbidden": "forbidden",
        "wrong_address_form": f"tone.address: {policy.tone.address}",
        "public_personal_data": "private.never_ask_publicly",
        "personal": "tone.sign_off" if policy.tone.sign_off else "",
    }.get(category, "")
