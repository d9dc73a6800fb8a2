"""The team exercise's messages: JSON objects, one per line, over TCP (docs/teams.md).

Every message is a JSON object with a `type`; the first one a seat sends is `hello`, naming the
protocol and its version, the exercise's join code, a name and a role. This module checks what a
seat sends (`read_client`) before the exercise sees it: size, JSON, type, fields, their types and
lengths. A message that fails gets an `error` back and a line in the log, never a crash.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from stormdrill.scenarios.plaintext import clean_data

PROTOCOL = "stormdrill-team"
VERSION = 1
ROLES = ("agent", "lead", "trainer", "observer")
MAX_MESSAGE_BYTES = 16_000  # a reply of a few thousand characters fits; a flood does not
MAX_TEXT = 4_000
MAX_NAME = 40
RATE_PER_SECOND = 10.0  # a person sends a few messages a second at most; a bot a few per tick
RATE_BURST = 40.0

# What each role may send besides hello and ping (docs/teams.md, "Messages").
MAY_SEND = {
    "agent": {"claim", "release", "act"},
    "lead": {"claim", "release", "act", "approve", "reject", "reassign", "note"},
    "trainer": {"inject", "pause", "speed", "say", "note", "reassign"},
    "observer": {"note"},
}

# type -> {field: (python type(s), required)}; strings are bounded by MAX_TEXT, names by MAX_NAME.
CLIENT_MESSAGES: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "hello": {
        "protocol": ((str,), True),
        "version": ((int,), True),
        "code": ((str,), True),
        "name": ((str,), True),
        "role": ((str,), True),
    },
    "ping": {},
    "claim": {"thread": ((int,), True)},
    "release": {"thread": ((int,), True)},
    "act": {"action": ((dict,), True)},
    "approve": {"request": ((int,), True)},
    "reject": {"request": ((int,), True), "why": ((str,), False)},
    "reassign": {"thread": ((int,), True), "to": ((str,), True)},
    "inject": {"inject": ((dict,), True)},
    "pause": {"paused": ((bool,), False)},
    "speed": {"speed": ((int, float), True)},
    "say": {"to": ((str,), True), "text": ((str,), True)},
    "note": {"text": ((str,), True)},
}


class ProtocolError(ValueError):
    """A message the host refuses; its text goes back to the seat and into the log."""


def new_code() -> str:
    """A join code a trainer reads out: six letters and digits without look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def encode(message: dict) -> bytes:
    return (json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def decode(line: bytes) -> dict:
    """A message from the host (a client's side; the host is trusted)."""
    return json.loads(line.decode("utf-8"))


def read_client(line: bytes) -> dict:
    """A seat's message, checked; raises ProtocolError with a one-line reason."""
    if len(line) > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message too long: at most {MAX_MESSAGE_BYTES} bytes")
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ProtocolError(f"not a JSON message ({getattr(err, 'msg', 'not UTF-8')})") from None
    if not isinstance(message, dict):
        raise ProtocolError("a message is a JSON object with a type")
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in CLIENT_MESSAGES:
        raise ProtocolError(
            f"unknown message type {str(kind)[:MAX_NAME]!r}; types: {', '.join(CLIENT_MESSAGES)}"
        )
    fields = CLIENT_MESSAGES[kind]
    unknown = set(message) - set(fields) - {"type"}
    if unknown:
        raise ProtocolError(f"{kind}: unknown field(s) {', '.join(sorted(unknown))[:200]}")
    for name, (types, required) in fields.items():
        if name not in message:
            if required:
                raise ProtocolError(f"{kind}: {name} is missing")
            continue
        value = message[name]
        if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
            raise ProtocolError(f"{kind}: {name} must be {' or '.join(t.__name__ for t in types)}")
        if isinstance(value, str):
            limit = MAX_TEXT if name == "text" or name == "why" else MAX_NAME
            if len(value) > limit:
                raise ProtocolError(f"{kind}: {name} is longer than {limit} characters")
    if kind == "hello":
        if message["protocol"] != PROTOCOL or message["version"] != VERSION:
            raise ProtocolError(f"this host speaks {PROTOCOL} version {VERSION}")
        if message["role"] not in ROLES:
            raise ProtocolError(
                f"unknown role {message['role'][:MAX_NAME]!r}; roles: {', '.join(ROLES)}"
            )
        if not message["name"].strip() or not message["name"].isprintable():
            raise ProtocolError("a name is 1 to 40 printable characters")
    # What a seat writes reaches every other seat and the log as plain text: no escape sequences
    # or control characters (the same cleaning as text from files).
    cleaned = clean_data(message)
    assert isinstance(cleaned, dict)
    return cleaned


def hello(code: str, name: str, role: str) -> dict:
    return {
        "type": "hello",
        "protocol": PROTOCOL,
        "version": VERSION,
        "code": code,
        "name": name,
        "role": role,
    }


@dataclass
class RateLimit:
    """A token bucket per seat: RATE_PER_SECOND on average, RATE_BURST at once."""

    rate: float = RATE_PER_SECOND
    burst: float = RATE_BURST
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    last: float = field(init=False)

    def __post_init__(self):
        self.tokens, self.last = self.burst, self.clock()

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
