"""Live injects: a post, a persona's post, or a colleague's note put into a running session.

A trainer (the white cell of a team exercise, docs/teams.md) adds these while the storm runs. They
are recorded in the session log as `inject` lines and replayed at the same moment, so a team log
scores and replays like any other:

    {"kind": "post", "topic": "outage", "text": "@TelNet still nothing", "channel": "twitter", "anger": 0.7}
    {"kind": "persona", "persona": "press", "topic": "outage", "text": "Comment on the outage?"}
    {"kind": "escalation", "from": "Legal (Mara)", "text": "A lawyer called about #12."}
    {"kind": "press", "from": "Switchboard", "text": "Daily Press on the phone, wants a comment by 18:00."}

`inject` validates the dict (a clear ActionError, never a crash) and returns the new thread.
"""

from __future__ import annotations

import re

from stormdrill.scenarios.vocabulary import TOPIC_PATTERN

from . import rng
from .events import ActionError
from .posting import Who
from .reactions import ALWAYS_SEEN_KINDS
from .session import Session
from .spread import CHANNELS
from .threads import Thread

INJECT_KINDS = ("post", "persona", "escalation", "press")
NOTE_KINDS = ("escalation", "press")  # a message to the desk from a colleague: never spreads
MAX_INJECT_TEXT = 2000
_FIELDS = {"kind", "topic", "text", "channel", "anger", "persona", "from"}
_DEFAULT_FROM = {"escalation": "Team lead", "press": "Switchboard"}
_TOPIC = re.compile(TOPIC_PATTERN)


def check(raw: object, session: Session) -> dict:
    """The inject as a clean dict, or ActionError saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise ActionError("an inject is an object with a kind and a text")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ActionError(f"unknown inject field(s): {', '.join(sorted(map(str, unknown)))}")
    kind = raw.get("kind")
    if kind not in INJECT_KINDS:
        raise ActionError(f"unknown inject {kind!r}; injects: {', '.join(INJECT_KINDS)}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_INJECT_TEXT:
        raise ActionError(f"an inject needs a text of 1 to {MAX_INJECT_TEXT} characters")
    out: dict = {"kind": kind, "text": text.strip()}
    topics = [*session.topics]
    topic = raw.get("topic") or (topics[0] if topics else "other")
    if not isinstance(topic, str) or not _TOPIC.fullmatch(topic):
        raise ActionError(f"{topic!r} is not a topic word: lowercase letters, digits, _ and -")
    out["topic"] = topic
    if kind in NOTE_KINDS:
        sender = raw.get("from") or _DEFAULT_FROM[kind]
        if not isinstance(sender, str) or not 1 <= len(sender) <= 60:
            raise ActionError("`from` is a name of 1 to 60 characters")
        out["from"] = sender
        return out
    channel = raw.get("channel", "twitter")
    if channel not in CHANNELS:
        raise ActionError(f"unknown channel {channel!r}; channels: {', '.join(CHANNELS)}")
    anger = raw.get("anger", 0.6)
    if isinstance(anger, bool) or not isinstance(anger, int | float) or not 0 <= anger <= 1:
        raise ActionError("anger is a number from 0 to 1")
    out.update(channel=channel, anger=float(anger))
    if kind == "persona":
        persona_id = raw.get("persona")
        ids = [p.id for p in session.scenario.personas]
        if persona_id not in ids:
            raise ActionError(
                f"unknown persona {persona_id!r}; personas: {', '.join(ids) or 'none in this scenario'}"
            )
        out["persona"] = persona_id
    return out


def inject(session: Session, raw: object) -> Thread:
    """Put a checked inject into the session now; returns its thread."""
    data = check(raw, session)
    kind, text, topic = data["kind"], data["text"], data["topic"]
    if kind == "post":
        return session.inject(
            topic, text, channel=data["channel"], anger=data["anger"], cause="a trainer's inject"
        )
    key = rng.key(session.seed, rng.SCRIPT, 2_000_000 + len(session.threads))
    session.writer.at(session.now)
    if kind == "persona":
        scenario = session.scenario
        persona = scenario.persona(data["persona"])
        node = 1 + [p.id for p in scenario.personas].index(persona.id)
        first = persona.name.partition(" ")[0]
        thread = session._new_thread(
            session.now,
            key,
            node,
            topic,
            data["channel"],
            text,
            data["anger"],
            mention=scenario.brand.handle.lower() in text.lower(),
            cause=f"a trainer's inject by {persona.handle}",
            temper=persona.temper,
            who=Who(persona.handle, persona.name, first),
            followers=persona.followers,
            always_visible=persona.kind in ALWAYS_SEEN_KINDS,
            persona=persona,
        )
    else:
        cause = f"a trainer's inject: a {kind} message"
        thread = session.brand_note(session.now, key, topic, text, data["from"], cause)
    return thread
