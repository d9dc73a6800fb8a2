"""Durations (`90s`, `15m`, `2h`, `1h30m`) and rates (`40/h`) as trainers write them."""

from __future__ import annotations

import re

_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?$")
_RATE = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*/\s*(?P<unit>s|m|h|d)$")
_RATE_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class FormatError(ValueError):
    """A value a trainer wrote that is not in the expected form; the message says how to write it."""


def parse_duration(value: object) -> int:
    """Seconds from `90s`, `15m`, `2h`, `1h30m` (or the number 0)."""
    if isinstance(value, bool):
        raise FormatError(f"{value!r} is not a duration; write 15m, 90s or 1h30m")
    if isinstance(value, int) and value == 0:
        return 0
    if isinstance(value, int | float):
        hint = _suggest_duration(str(value) + " minutes")
        raise FormatError(f"{value!r} is not a duration: a number needs a unit; write {hint}")
    if not isinstance(value, str):
        raise FormatError(f"{value!r} is not a duration; write 15m, 90s or 1h30m")
    text = value.strip().replace(" ", "")
    match = _DURATION.match(text)
    if not text or not match or not any(match.groupdict().values()):
        raise FormatError(f"'{value}' is not a duration; write {_suggest_duration(value)}")
    parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    return parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


def format_duration(seconds: float) -> str:
    """The canonical spelling: 5400 -> `1h30m`, 90 -> `1m30s`, 0 -> `0m`."""
    seconds = round(seconds)
    if seconds == 0:
        return "0m"
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")


def format_span(seconds: float) -> str:
    """A span for people, to the minute: 3h, 1h56m, 47m, 1m (under a minute: 30s)."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    return format_duration(60 * round(seconds / 60))


def format_clock(seconds: float) -> str:
    """A simulated clock reading, `+1:05:09` style without the sign: `1:05:09`, `12:30`."""
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _suggest_duration(value: str) -> str:
    """Guess what a trainer meant by `5 minutes`, `1.5h` or `90 sec`."""
    text = str(value).strip().lower()
    number = re.match(r"^(\d+(?:\.\d+)?)\s*([a-z]*)", text)
    if not number:
        return "15m, 90s or 1h30m"
    amount = float(number.group(1))
    unit = number.group(2)
    if unit.startswith("h") or unit.startswith("u"):  # hours / uur
        seconds = amount * 3600
    elif unit.startswith("s"):
        seconds = amount
    elif unit.startswith("d"):
        seconds = amount * 86400
    else:  # minutes, min, m, minuten, or no unit at all
        seconds = amount * 60
    return format_duration(seconds) if seconds > 0 else "15m, 90s or 1h30m"


def parse_rate(value: object) -> float:
    """Posts per hour from `40/h`, `2/m`, `300/d`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value == 0:
            return 0.0
        raise FormatError(f"{value!r} is not a rate: it needs a unit; write {value}/h")
    if not isinstance(value, str):
        raise FormatError(f"{value!r} is not a rate; write 40/h")
    match = _RATE.match(value.strip())
    if not match:
        raise FormatError(f"'{value}' is not a rate; write it as posts per time unit, e.g. 40/h")
    per_second = float(match["n"]) / _RATE_UNIT_SECONDS[match["unit"]]
    return per_second * 3600


def format_rate(per_hour: float) -> str:
    if per_hour == int(per_hour):
        return f"{int(per_hour)}/h"
    return f"{per_hour:g}/h"
