"""Headless players on the Session API: `none`, `reference`, `bad` and `canned` (docs/trainers.md).

- none: nobody answers. The containment baseline.
- reference: a webcare team with a real team's capacity (the scenario's or policy's `team:` seats,
  reading and typing time per message) working the inbox by priority: the holding statement and
  its promised updates first, press, legal and safety cases escalated, then complaints by reach,
  anger and waiting time. It uses a scripted post's `expect:` (model reply, team, private) and
  otherwise writes from a reply bank in a team's own voice (replybank.py). It never hides.
  With many complaints it can't answer everyone in time, as no real team can.
- canned: the reference team's seats, timing and triage, but every message to a customer is the
  next line of a team's own canned replies, in rotation: how a team tests its standard answers.
- bad: slow, defensive, asks for personal data in public, hides complaints.

Their choices are keyed by the thread (rng.BOT), so a bot plays a seed the same way every time.
"""

from __future__ import annotations

from functools import cache

import yaml
from stormdrill.scenarios.vocabulary import HIDEABLE_CHANNELS

from . import rng
from .events import Action, ActionError
from .session import Session
from .teams import Bot, CannedTeam, ReferenceTeam
from .writing import TEXTS

__all__ = ["ALL_BOTS", "BOTS", "BadBot", "Bot", "CannedTeam", "ReferenceTeam", "play"]


@cache
def _bad_lines(language: str) -> dict:
    return yaml.safe_load((TEXTS / f"replies_{language}.yaml").read_text(encoding="utf-8"))["bad"]


class BadBot(Bot):
    name = "bad"

    def __init__(self, session: Session):
        super().__init__(session)
        self.bank = _bad_lines(session.language)

    def act(self) -> list[Action]:
        s = self.session
        now = s.now
        out: list[Action] = []
        for th in s.threads:
            if not th.needs_response or th.hidden or th.resolved_at is not None:
                continue
            u = rng.uniform(th.key, rng.BOT, 11)
            if u < 0.4 and th.channel in HIDEABLE_CHANNELS:
                if now >= th.created + 900 + 1200 * rng.uniform(th.key, rng.BOT, 12):
                    out.append(Action("hide", th.id, reason="other"))
            elif u < 0.8:
                if th.first_response is None and now >= th.created + 3600 + 5400 * rng.uniform(
                    th.key, rng.BOT, 13
                ):
                    key = rng.key(th.key, rng.BOT, 14)
                    out.append(Action("reply", th.id, text=rng.choice(self.bank["reply"], key, 1)))
                elif th.first_response is not None and now >= th.first_response + 1800:
                    key = rng.key(th.key, rng.BOT, 15)
                    out.append(
                        Action("resolve", th.id, text=rng.choice(self.bank["resolve"], key, 1))
                    )
        return out


# The bots every scenario can be played with (calibrate runs them all); `canned` needs a replies file.
BOTS: dict[str, type[Bot]] = {"none": Bot, "reference": ReferenceTeam, "bad": BadBot}
ALL_BOTS = (*BOTS, "canned")


def play(
    session: Session,
    bot: str,
    recorder=None,
    until: float | None = None,
    every: float = 60.0,
    replies: list[str] | None = None,
) -> Session:
    """Let a bot play the session to its end (or `until`); `recorder(kind, t, payload)` sees everything.
    `replies`: the canned lines for bot `canned`."""
    if bot == "canned":
        if not replies:
            raise ValueError("bot 'canned' needs replies: one canned reply per line")
        player: Bot = CannedTeam(session, replies)
    elif bot in BOTS:
        player = BOTS[bot](session)
    else:
        raise ValueError(f"unknown bot {bot!r}; bots: {', '.join(ALL_BOTS)}")
    end = session.duration if until is None else min(until, session.duration)
    t = session.now
    while session.now < end:
        t = min(t + every, end)
        events = session.advance_to(t)
        if recorder:
            recorder.events(events)
        if session.finished:
            break
        for action in player.act():
            try:
                events = session.apply(action)
            except ActionError:
                continue
            if recorder:
                recorder.action(session.now, action, session.last_verdict)
                recorder.events(events)
    return session
