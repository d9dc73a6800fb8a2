"""The file under a session log: checked before a session starts, never losing a line to the disk.

A full disk, a removed USB stick or a folder made read-only mid-session must not
crash the console or lose what the trainee did. `LineFile.write` never raises:
the first failure is kept in `error`, and from then on the lines are kept in
memory, so the console can pause, say what happened and where the log so far
is, and `move_to` another folder writes the whole log there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path

# a 2-hour session writes ~100 kB; less than this free is a disk about to fill
MIN_FREE_BYTES = 1_000_000


class LogWriteError(Exception):
    """A session log that can't be written; the message is one line for people."""


def why_not_writable(path: str | Path) -> str | None:
    """Why a session log can't be written at `path` (one line), or None when it can."""
    path = Path(path)
    try:
        if path.exists() or path.is_symlink():
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode):
                return f"{path}: is not a regular file; give a path for a new .jsonl file"
        folder = path.parent
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{folder}: this folder is read-only; give --log a path in a folder you can write to"
        existed = path.exists()
        with open(path, "a", encoding="utf-8"):
            pass
        if not existed:
            path.unlink()
        free = shutil.disk_usage(folder).free
    except OSError as err:
        return f"{err.filename or path}: cannot write the session log there: {err.strerror or err}"
    if free < MIN_FREE_BYTES:
        return f"{folder}: only {free:,} bytes free on this disk; free some space or give --log another disk"
    return None


class LineFile:
    """Appends text lines to a file, flushing each; keeps every line so a failed log can move elsewhere."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.lines: list[str] = []
        self.written = 0  # lines known to be on disk at `path`
        self.error: OSError | None = None
        self._file = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - kept open for the session
        except OSError as err:
            self.error = err

    @property
    def failed(self) -> bool:
        return self.error is not None

    def write(self, line: str) -> None:
        self.lines.append(line)
        if self.error is not None or self._file is None:
            return
        try:
            self._file.write(line)
            self._file.flush()
            self.written = len(self.lines)
        except OSError as err:
            self.error = err

    def describe_error(self) -> str:
        """What went wrong, in one line: 'No space left on device (sessions/x.jsonl)'."""
        if self.error is None:
            return ""
        return f"{self.error.strerror or self.error} ({self.path})"

    def move_to(self, path: str | Path) -> None:
        """Write every line so far to `path` and go on there; raises LogWriteError if that fails too."""
        path = Path(path)
        problem = why_not_writable(path)
        if problem:
            raise LogWriteError(problem)
        try:
            with open(path, "w", encoding="utf-8") as out:
                out.writelines(self.lines)
                out.flush()
        except OSError as err:
            raise LogWriteError(
                f"{path}: cannot write the session log there: {err.strerror or err}"
            ) from None
        self._close_quietly()
        self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the session
        self.path, self.error, self.written = path, None, len(self.lines)

    def close(self) -> None:
        if self._file is not None and self.error is None:
            with contextlib.suppress(OSError):
                self._file.flush()
                os.fsync(self._file.fileno())
        self._close_quietly()

    def _close_quietly(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError, ValueError):
                self._file.close()
        self._file = None
