"""The network cache: built follower networks kept as .npz files, within a size cap.

Building a 1,000,000-account network takes seconds and its file is ~94 MB, so
built networks are kept, keyed by everything that shapes them. Where:
`$STORMDRILL_CACHE`, else the user's cache folder (`~/.cache/stormdrill/networks`
on Linux). How much: `$STORMDRILL_CACHE_MAX_MB` megabytes (default 1000); when a
new network would pass the cap, the least recently used files go first.
`stormdrill cache info` shows it, `stormdrill cache clear` empties it.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CAP_MB = 1000
SUFFIXES = (".npz", ".tmp")  # finished files, and leftovers of a build that was interrupted


def cache_dir() -> Path:
    env = os.environ.get("STORMDRILL_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("stormdrill")) / "networks"


def cap_bytes() -> int:
    """The cap from $STORMDRILL_CACHE_MAX_MB (a bad value falls back to the default)."""
    try:
        mb = float(os.environ.get("STORMDRILL_CACHE_MAX_MB", DEFAULT_CAP_MB))
    except ValueError:
        mb = DEFAULT_CAP_MB
    return int(max(mb, 0) * 1_000_000)


@dataclass(frozen=True)
class CacheInfo:
    folder: Path
    files: int
    bytes: int
    cap: int

    def to_dict(self) -> dict:
        return {
            "folder": str(self.folder),
            "files": self.files,
            "bytes": self.bytes,
            "cap_bytes": self.cap,
        }


def _files(folder: Path) -> list[tuple[Path, os.stat_result]]:
    found = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.suffix in SUFFIXES and path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    found.append((path, path.stat()))
    return found


def info(folder: Path | None = None) -> CacheInfo:
    folder = folder or cache_dir()
    files = _files(folder)
    return CacheInfo(folder, len(files), sum(st.st_size for _, st in files), cap_bytes())


def clear(folder: Path | None = None) -> tuple[int, int]:
    """Remove every cached network; (files, bytes) removed."""
    removed = freed = 0
    for path, st in _files(folder or cache_dir()):
        with contextlib.suppress(OSError):
            path.unlink()
            removed, freed = removed + 1, freed + st.st_size
    return removed, freed


def prune(folder: Path | None = None, keep: Path | None = None, cap: int | None = None) -> int:
    """Remove the least recently used files until the cache fits its cap (`keep` stays); files removed."""
    cap = cap_bytes() if cap is None else cap
    files = sorted(
        _files(folder or cache_dir()), key=lambda item: max(item[1].st_atime, item[1].st_mtime)
    )
    total = sum(st.st_size for _, st in files)
    removed = 0
    for path, st in files:
        if total <= cap:
            break
        if keep is not None and path == keep:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            total -= st.st_size
            removed += 1
    return removed


def touch(path: Path) -> None:
    """Mark a cached file as just used (file systems mounted noatime don't)."""
    with contextlib.suppress(OSError):
        os.utime(path)
