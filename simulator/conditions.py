"""Conditions: does a scripted post's or an escalation's `if:` hold, and that condition in words."""

from __future__ import annotations

from stormdrill.scenarios.durations import format_duration
from stormdrill.scenarios.model import Condition

from .posting import Posting
from .threads import Thread


class Conditions(Posting):
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


def describe_condition(cond: Condition) -> str:
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
    parts += [describe_condition(c) for c in cond.all_ or []]
    if cond.any_:
        parts.append("(" + " or ".join(describe_condition(c) for c in cond.any_) + ")")
    if cond.not_ is not None:
        parts.append(f"not ({describe_condition(cond.not_)})")
    return " and ".join(p.strip() for p in parts) or "the scenario's condition"
