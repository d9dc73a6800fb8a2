"""Play: a session as a person plays it, between the judgement (scoring) and the console (Textual).

Never imports Textual, so tests and tools drive it directly:

- `live.py`: LiveSession, the Session with its log and its clock, as the console drives it;
- `replay.py`: ReplayPlayer, a recorded session played back (read-only, seekable);
- `rewind.py`: `branch_from`, a new live session from a moment of a log (a rewind).

Live and replayed sessions offer the console the same interface, `Playable`.
"""

from __future__ import annotations

from .live import SPEED_STEPS, LiveSession, default_log_path, initials
from .playable import Playable
from .replay import REPLAY_SPEEDS, ReplayPlayer
from .rewind import branch_from

__all__ = [
    "REPLAY_SPEEDS",
    "SPEED_STEPS",
    "LiveSession",
    "Playable",
    "ReplayPlayer",
    "branch_from",
    "default_log_path",
    "initials",
]
