"""The trainee's actions: reply, DM, hide, escalate, holding statement, resolve, like."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from stormdrill.scenarios.vocabulary import (
    HIDE_REASONS,
    HIDEABLE_CHANNELS,
    TEAMS,
)

from . import rng
from .events import Action, ActionError, Event
from .judging import Judging
from .model_numbers import (
    BAD_STATEMENT_HEAT,
    COPY_PASTE_AFTER,
    COPY_PASTE_HEAT,
    COPY_PASTE_SPREAD,
    DISCOVERY_AFTER,
    DISCOVERY_CHANCE,
    DISCOVERY_SPREAD,
    DM_COOLING,
    DM_REPLY_AFTER,
    DM_REPLY_SPREAD,
    LEGAL_HEAT,
    LIKED_PRAISE_HEAT,
    MOCKERY_ANGER,
    MOCKERY_HEAT,
    PERSONAL_DATA_ANGER_UP,
    PERSONAL_DATA_HEAT,
    PR_STATEMENT_HEAT,
    REPEAT_STATEMENT_STRENGTH,
    REPLY_CALMING,
    REPLY_COOLING,
    RESOLVED_ANGER,
    RESOLVED_COOLING,
    RESOLVED_STARS_UP,
    RUMOUR_CORRECTED,
    THANKS_AFTER,
    THANKS_CHANCE,
    THANKS_SPREAD,
    TOPIC_STATEMENT_FRESH,
    TOPIC_STATEMENT_HEAT,
    TOPIC_STATEMENT_PILE,
    TROLL_DISCOVERY_CHANCE,
    UNANSWERED_QUALITY,
    UNSATISFIED_AFTER,
    UNSATISFIED_SPREAD,
    WITTY_AFTER,
    WITTY_CHANCE,
    WITTY_MAX_ANGER,
    WITTY_MIN_QUALITY,
    WITTY_SPREAD,
    WORSE_REPLY_AFTER,
    WORSE_REPLY_QUALITY,
    WORSE_REPLY_SPREAD,
)
from .threads import Message


class Actions(Judging):
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
        th.anger = float(np.clip(th.anger - REPLY_CALMING * verdict.quality, 0.0, 1.0))
        if verdict.has("solution"):
            th.solution_offered = True
        key = rng.key(th.key, rng.REACT, len(th.messages))
        if verdict.has("private_channel") and th.temper != "troll":
            th.dm_invited = th.dm_invited or self.now
            th.mult = th.mult * DM_COOLING
            self._schedule(
                self.now + DM_REPLY_AFTER + DM_REPLY_SPREAD * rng.uniform(key, 1),
                "dm_reply",
                th.index,
                verdict.quality,
            )
        if verdict.has("public_personal_data"):
            th.anger = min(1.0, th.anger + PERSONAL_DATA_ANGER_UP)
            th.mult = th.mult * PERSONAL_DATA_HEAT
        if verdict.has("duplicate") and th.temper != "troll":
            # the crowd reads the other threads too: a pasted reply is noticed, and said so in public
            th.mult = th.mult * COPY_PASTE_HEAT
            self._schedule(
                self.now + COPY_PASTE_AFTER + COPY_PASTE_SPREAD * rng.uniform(key, 5),
                "public_reaction",
                th.index,
                "copy-paste: you said the same to everyone",
            )
        elif verdict.quality < WORSE_REPLY_QUALITY and th.temper != "troll":
            self._schedule(
                self.now + WORSE_REPLY_AFTER + WORSE_REPLY_SPREAD * rng.uniform(key, 2),
                "public_reaction",
                th.index,
                "your reply made it worse",
            )
        elif (
            verdict.has("human_voice")
            and th.severity == "low"
            and th.anger < WITTY_MAX_ANGER
            and verdict.quality > WITTY_MIN_QUALITY
            and rng.uniform(key, 3) < WITTY_CHANCE
        ):
            self._schedule(
                self.now + WITTY_AFTER + WITTY_SPREAD * rng.uniform(key, 4), "witty", th.index
            )
        mutual = _common(self.network.followers(th.author_node), self.network.followers(0))
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
                self.now + DM_REPLY_AFTER + DM_REPLY_SPREAD * rng.uniform(key, 1),
                "dm_reply",
                th.index,
                verdict.quality,
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
            chance = TROLL_DISCOVERY_CHANCE
        key = rng.key(th.key, rng.HIDE)
        if rng.uniform(key, 1) < chance:
            self._schedule(
                self.now + DISCOVERY_AFTER + DISCOVERY_SPREAD * rng.uniform(key, 2),
                "discover",
                th.index,
            )
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
            th.mult = th.mult * PR_STATEMENT_HEAT
            effect = "PR gives a statement: the story gets the brand's side"
        elif team == "legal":
            th.mult = th.mult * LEGAL_HEAT
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
        strength = (REPEAT_STATEMENT_STRENGTH if repeat else 1.0) * max(0.0, verdict.quality)
        for name in topics:
            tid = self._topic_id(name)
            if verdict.quality < 0:
                self._topic_heat[tid] *= BAD_STATEMENT_HEAT
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
        average = sum(th.qualities) / len(th.qualities) if th.qualities else UNANSWERED_QUALITY
        satisfied = offered and (th.data_given or not th.needs_data) and average >= 0.0
        th.resolved_at = self.now
        th.satisfied = bool(satisfied)
        key = rng.key(th.key, rng.THANKS, 1)
        if satisfied:
            th.mult = th.mult * RESOLVED_COOLING
            th.anger = RESOLVED_ANGER
            if th.channel == "review" and th.rating:
                self._rating[0] += min(5, th.rating + RESOLVED_STARS_UP) - th.rating
            if rng.uniform(key, 1) < THANKS_CHANCE[th.temper]:
                self._schedule(
                    self.now + THANKS_AFTER + THANKS_SPREAD * rng.uniform(key, 2),
                    "outcome",
                    th.index,
                )
        elif th.temper != "troll":
            self._schedule(
                self.now + UNSATISFIED_AFTER + UNSATISFIED_SPREAD * rng.uniform(key, 3),
                "outcome",
                th.index,
            )
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
            th.mult = th.mult * LIKED_PRAISE_HEAT
            cause = "a like from the brand helps praise travel"
        elif th.anger >= MOCKERY_ANGER:
            th.mult = th.mult * MOCKERY_HEAT
            cause = "liking an angry complaint reads as mockery"
        self._emit(Event(self.now, "liked", th.id, cause))


# The trainee's actions, kind -> what carries it out (events.ActionKind names them).
HANDLERS: dict[str, Callable[[Actions, Action], None]] = {
    "reply": Actions._do_reply,
    "dm": Actions._do_dm,
    "hide": Actions._do_hide,
    "escalate": Actions._do_escalate,
    "holding_statement": Actions._do_holding_statement,
    "resolve": Actions._do_resolve,
    "like": Actions._do_like,
}


def _common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The accounts in both of two sorted follower rows (np.intersect1d without sorting both
    again: the brand's row has hundreds of thousands at 1M accounts)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a.copy()
    at = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return a[b[at] == a]
