"""The reference team and the canned team: headless players with a real team's capacity.

bots.py describes every bot and runs them (`play`); docs/trainers.md says what "as good as a
reference team" means.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from stormdrill.scenarios.model import ScriptedPost
from stormdrill.scenarios.slots import fill

from . import rng
from .events import Action
from .replybank import ReplyBank, Situation
from .session import Session
from .threads import Thread

# How the reference team works its inbox. Priorities add to the inbox's own priority (reach,
# anger, waiting, press/legal/safety flags), the one the trainee sees.
STATEMENT_PRIORITY = 1000.0  # the holding statement and its promised updates come first
ESCALATE_BONUS = 2.0  # passing a case on takes seconds and the team behind it can start
CLOSE_PENALTY = -2.0  # closing a case that got its answer can wait
LIKE_PENALTY = -4.0  # liking praise is the last thing on a busy desk
CLOSE_AFTER = 900.0  # a public case without personal data is closed 15 minutes after the answer
FOLLOWUP_AFTER = 180.0  # someone who posts again gets an answer after reading it
UPDATE_LEAD = 240.0  # start writing a promised update this long before its time
PROMISE_AHEAD = 1800.0  # promise the next update at least half an hour ahead, on the half hour
SLOT = 1800.0
LOOK_BACK = 60.0  # the bots look at the inbox once a simulated minute (play's `every`)
MAX_RESOLUTIONS = 2  # a case that comes back twice is past what a webcare reply can fix


class Bot:
    """Nobody answers."""

    name = "none"

    def __init__(self, session: Session):
        self.session = session

    def act(self) -> list[Action]:
        return []


@dataclass
class Job:
    task: tuple  # (what, thread id or None): nobody else picks it while it is being done
    action: Action
    done_at: float


@dataclass
class Seat:
    agent: str
    free_at: float = 0.0
    job: Job | None = None


@dataclass(frozen=True)
class Task:
    task: tuple
    priority: float
    make: Callable[[str], tuple[Action, float]]  # agent -> (the action, seconds it takes)


class ReferenceTeam(Bot):
    name = "reference"

    def __init__(self, session: Session):
        super().__init__(session)
        scenario = session.scenario
        self.capacity = scenario.team_capacity
        self.bank = ReplyBank(session.language, session.policy.tone.address)
        agents = self.bank.agents
        self.seats = [
            Seat(agents[i % len(agents)] + ("" if i < len(agents) else str(i // len(agents) + 1)))
            for i in range(self.capacity.size)
        ]
        self.claimed: set[tuple] = set()
        self.emitted: set[tuple] = set()
        self.promises: set[float] = set()  # promised update times (simulated seconds) still to keep
        self.statements = 0
        self.resolutions: dict[int, int] = {}
        self._scripted: dict[int, ScriptedPost | None] = {}
        start_h, start_m = map(int, scenario.starts_at.split(":"))
        self._clock_offset = (start_h * 3600 + start_m * 60) % SLOT

    # -------------------------------------------------------------- the desk

    def act(self) -> list[Action]:
        now = self.session.now
        self.claimed -= self.emitted
        self.emitted = set()
        done: list[Job] = []
        for seat in self.seats:
            if seat.job is not None and seat.job.done_at <= now:
                done.append(seat.job)
                seat.job = None
        tasks: list[Task] | None = None
        for seat in sorted(self.seats, key=lambda s: s.free_at):
            while seat.job is None and seat.free_at <= now:
                if tasks is None:
                    tasks = sorted(self._tasks(), key=lambda t: -t.priority)
                task = next((t for t in tasks if t.task not in self.claimed), None)
                if task is None:
                    break
                self.claimed.add(task.task)
                # A seat that came free between two looks at the inbox starts then, not at the next look.
                start = max(seat.free_at, now - LOOK_BACK)
                action, seconds = task.make(seat.agent)
                job = Job(task.task, action, start + seconds)
                seat.free_at = job.done_at
                if job.done_at <= now:
                    done.append(job)
                else:
                    seat.job = job
        done.sort(key=lambda job: job.done_at)
        for job in done:
            self.emitted.add(job.task)
        return [job.action for job in done]

    def _tasks(self) -> list[Task]:
        s = self.session
        now = s.now
        tasks: list[Task] = []
        due = min(self.promises) if self.promises else None
        if (s.declared and self.statements == 0) or (due is not None and now >= due - UPDATE_LEAD):
            tasks.append(Task(("statement", None), STATEMENT_PRIORITY, self._statement))
        inbox = {item.id: item.priority for item in s.snapshot().inbox}
        for th in s.threads:
            if not th.visible or th.hidden:
                continue
            priority = inbox.get(th.id, 0.0)
            if th.kind_name == "praise":
                if not th.liked:
                    tasks.append(
                        Task(
                            ("like", th.id),
                            priority + LIKE_PENALTY,
                            self._simple(Action("like", th.id)),
                        )
                    )
                continue
            for team in self._teams(th):
                if team not in th.escalated:
                    tasks.append(
                        Task(
                            (f"escalate:{team}", th.id),
                            priority + ESCALATE_BONUS,
                            self._simple(Action("escalate", th.id, team=team)),
                        )
                    )
            if not th.needs_response or th.resolved_at is not None:
                continue
            if th.first_response is None:
                tasks.append(
                    Task(
                        ("reply", th.id),
                        priority,
                        partial(self._first_reply, th),
                    )
                )
                continue
            waiting = th.waiting_since
            if waiting is not None and th.in_dm:
                # They answered in private: close the case there once we have what we need.
                if (th.data_given or not th.needs_data) and self.resolutions.get(
                    th.id, 0
                ) < MAX_RESOLUTIONS:
                    tasks.append(
                        Task(
                            ("resolve", th.id),
                            priority,
                            partial(self._resolution, th),
                        )
                    )
            elif waiting is not None and now - waiting >= FOLLOWUP_AFTER:
                tasks.append(
                    Task(
                        ("followup", th.id, th.contacts),
                        priority,
                        partial(self._followup, th),
                    )
                )
            elif not th.needs_data and not th.in_dm and now >= th.first_response + CLOSE_AFTER:
                tasks.append(
                    Task(
                        ("close", th.id),
                        priority + CLOSE_PENALTY,
                        self._simple(Action("resolve", th.id)),
                    )
                )
        return tasks

    def _simple(self, action: Action):
        return lambda agent: (action, float(self.capacity.action))

    # -------------------------------------------------------------- what the case needs

    def scripted(self, th: Thread) -> ScriptedPost | None:
        if th.id not in self._scripted:
            self._scripted[th.id] = self.session.scenario.scripted_post(th.handle, th.text)
        return self._scripted[th.id]

    def _expect(self, th: Thread):
        post = self.scripted(th)
        return post.expect if post is not None else None

    def _is_press(self, th: Thread) -> bool:
        return bool(self.session.network.media[th.author_node])

    def _teams(self, th: Thread) -> list[str]:
        policy = self.session.policy
        teams = [policy.escalate[rule].team for rule in th.escalate_rules]
        expect = self._expect(th)
        if expect is not None and expect.team:
            teams.append(expect.team)
        if self._is_press(th):
            teams.append("pr")
        return list(dict.fromkeys(teams))

    def situation(self, th: Thread) -> Situation:
        policy = self.session.policy
        legal = any(policy.escalate[rule].team == "legal" for rule in th.escalate_rules)
        situation = self.bank.situation(th, legal)
        expect = self._expect(th)
        if expect is not None and expect.private and not situation.needs_data:
            situation = replace(situation, needs_data=True)
        return situation

    def _slots(self, th: Thread | None, agent: str) -> dict:
        s = self.session
        values = {"agent": agent, "brand": s.scenario.brand.name}
        if th is not None:
            values.update(first_name=th.first_name, name=th.name, handle=th.handle, topic=th.topic)
        return values

    def _keep_promise(self, text: str) -> str:
        """Fill {time} with the next update the team will post, and remember to post it."""
        if "{time}" not in text:
            return text
        now = self.session.now
        due = (
            math.ceil((now + PROMISE_AHEAD + self._clock_offset) / SLOT) * SLOT - self._clock_offset
        )
        self.promises.add(due)
        return fill(text, {"time": self.session.scenario.clock(due)})

    def _message(self, text: str) -> float:
        return self.capacity.message_seconds(text)

    # -------------------------------------------------------------- writing

    def _statement(self, agent: str) -> tuple[Action, float]:
        s = self.session
        now = s.now
        self.promises = {due for due in self.promises if due > now + UPDATE_LEAD + 300}
        topics = sorted(s.declared) or (
            list(s.scenario.storm.generated.topics)
            if s.scenario.storm.generated
            else sorted({th.topic for th in s.threads})
        )
        key = rng.key(s.seed, rng.BOT, 9, self.statements)
        slots = {**self._slots(None, agent), "topic_words": self.bank.topic_words(topics[:2])}
        text = self._keep_promise(self.bank.statement(key, self.statements > 0, slots))
        self.statements += 1
        return Action("holding_statement", text=text), self._message(text)

    def first_reply_text(self, th: Thread, agent: str, attempt: int) -> str:
        key = rng.key(th.key, rng.BOT, 2, attempt)
        slots = self._slots(th, agent)
        expect = self._expect(th)
        if expect is not None and expect.model_reply and attempt == 0:
            return fill(expect.model_reply, slots)
        if self._is_press(th):
            return self.bank.press_reply(key, slots)
        return self.bank.first_reply(th, self.situation(th), key, slots)

    def followup_text(self, th: Thread, agent: str, attempt: int) -> str:
        return self.bank.followup(
            rng.key(th.key, rng.BOT, 7, th.contacts, attempt), self._slots(th, agent)
        )

    def resolution_text(self, th: Thread, agent: str, attempt: int) -> str:
        """The closing private message; a case that came back goes to a senior colleague."""
        key = rng.key(th.key, rng.BOT, 6, attempt)
        return self.bank.resolution(
            th, self.situation(th), key, self._slots(th, agent), senior=attempt > 0
        )

    def _unique(self, th: Thread, make, public: bool, kind: str) -> str:
        """The first phrasing that the rubric doesn't flag as pasted from an earlier reply."""
        text = make(0)
        for attempt in range(1, 6):
            verdict = self.session.assess(text, self.session.context(th, public=public, kind=kind))
            if not verdict.has("duplicate"):
                break
            text = make(attempt)
        return text

    def _first_reply(self, th: Thread, agent: str) -> tuple[Action, float]:
        text = self._unique(
            th, lambda a: self.first_reply_text(th, agent, a), public=True, kind="reply"
        )
        text = self._keep_promise(text)
        return Action("reply", th.id, text=text), self._message(text)

    def _followup(self, th: Thread, agent: str) -> tuple[Action, float]:
        text = self._unique(
            th, lambda a: self.followup_text(th, agent, a), public=True, kind="reply"
        )
        text = self._keep_promise(text)
        return Action("reply", th.id, text=text), self._message(text)

    def _resolution(self, th: Thread, agent: str) -> tuple[Action, float]:
        attempt = self.resolutions.get(th.id, 0)
        self.resolutions[th.id] = attempt + 1
        text = self._keep_promise(self.resolution_text(th, agent, attempt))
        return Action("resolve", th.id, text=text), self._message(text)


class CannedTeam(ReferenceTeam):
    """The reference team's seats and triage, writing only a team's own canned replies, in turn."""

    name = "canned"

    def __init__(self, session: Session, replies: list[str]):
        super().__init__(session)
        if not replies:
            raise ValueError("the canned team needs at least one reply")
        self.replies = list(replies)
        self.used = 0

    def _next(self, th: Thread, agent: str) -> str:
        line = self.replies[self.used % len(self.replies)]
        self.used += 1
        return fill(line, self._slots(th, agent))

    def _unique(self, th: Thread, make, public: bool, kind: str) -> str:
        return make(0)  # a team's canned lines go out as they are: that is what is being tested

    def first_reply_text(self, th: Thread, agent: str, attempt: int) -> str:
        return self._next(th, agent)

    def followup_text(self, th: Thread, agent: str, attempt: int) -> str:
        return self._next(th, agent)

    def resolution_text(self, th: Thread, agent: str, attempt: int) -> str:
        return self._next(th, agent)
