"""Text from files, shown as text: no control characters, no terminal escape sequences.

Scenario, policy and log files, and what a trainee types, may hold bytes that a
terminal obeys rather than shows: an OSC sequence that retitles the window, a
CSI sequence that moves the cursor or clears the screen, a carriage return that
overwrites a line, bidi overrides that reorder what is read. `clean` removes
them and keeps everything else (line breaks and tabs included), so a string can
be printed, put in Markdown or HTML, or shown in the console as itself.
Markup (Rich's `[bold]`, Textual's `[@click=…]`) is a separate matter: the
console shows file text as `Text`/`Content` objects, which never parse it.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?    # OSC … BEL/ST: window titles, hyperlinks, clipboard
    | \x1b[P^_X][^\x1b\x9c]*(?:\x1b\\|\x9c)?        # DCS, PM, APC, SOS … ST
    | \x1b\[[0-?]*[ -/]*[@-~]?                      # CSI: cursor moves, colours, clearing
    | \x9b[0-?]*[ -/]*[@-~]?                        # CSI, the 8-bit form
    | [\x90\x9d-\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c)? # DCS, OSC, PM, APC, the 8-bit forms
    | \x1b[ -/]*[0-~]?                              # any other ESC sequence (ESC c resets the terminal)
    """,
    re.VERBOSE,
)
# C0 controls but tab and line feed, DEL, C1 controls; bidi embeddings, overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` without escape sequences and control characters; line breaks and tabs are kept."""
    if text.isprintable():  # the common case: nothing to strip, no allocation
        return text
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """`clean(text)` on one line: line breaks and tabs become spaces."""
    return re.sub(r"[\n\t]+", " ", clean(text))


def clean_data(value: object) -> object:
    """Every string in plain data (dicts, lists, keys included) cleaned; the rest as it is."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    return value
