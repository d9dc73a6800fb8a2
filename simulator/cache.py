"""The network cache: built follower networks kept on disk, within a size cap.

Building a 1,000,000-account network takes seconds and its arrays take ~94 MB, so
built networks are kept, keyed by everything that shapes them: one folder
`<key>.net` per network, one `.npy` file per array, read back memory-mapped
(`np.load(mmap_mode="r")`): loading costs no copy, and the pages of a network
several sessions use are shared between them. Where:
`$STORMDRILL_CACHE`, else the user's cache folder (`~/.cache/stormdrill/networks`
on Linux). How much: `$STORMDRILL_CACHE_MAX_MB` megabytes (default 1000); when a
new network would pass the cap, the least recently used files go first.
`stormdrill cache info` shows it, `stormdrill cache clear` empties it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_CAP_MB = 1000
ENTRY = ".net"  # a folder of .npy arrays and meta.json
# finished entries, the single .npz files of older versions (read once, then replaced), and
# leftovers of a build that was interrupted
SUFFIXES = (ENTRY, ".npz", ".tmp")
FORMAT = 1


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


@dataclass(frozen=True)
class _Entry:
    path: Path
    size: int
    used: float  # last access or change


def _entry(path: Path) -> _Entry | None:
    if path.suffix not in SUFFIXES or path.is_symlink():
        return None
    st = path.stat()
    if path.is_file():
        return _Entry(path, st.st_size, max(st.st_atime, st.st_mtime))
    if not path.is_dir():
        return None
    size = 0
    for part in path.iterdir():
        if part.is_file() and not part.is_symlink():
            size += part.stat().st_size
    return _Entry(path, size, max(st.st_atime, st.st_mtime))


def _files(folder: Path) -> list[_Entry]:
    found = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            with contextlib.suppress(OSError):
                entry = _entry(path)
                if entry is not None:
                    found.append(entry)
    return found


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def remove(path: Path) -> None:
    """Remove one entry, if it is there and can be removed."""
    with contextlib.suppress(OSError):
        _remove(path)


def info(folder: Path | None = None) -> CacheInfo:
    folder = folder or cache_dir()
    files = _files(folder)
    return CacheInfo(folder, len(files), sum(e.size for e in files), cap_bytes())


def clear(folder: Path | None = None) -> tuple[int, int]:
    """Remove every cached network; (networks, bytes) removed."""
    removed = freed = 0
    for entry in _files(folder or cache_dir()):
        with contextlib.suppress(OSError):
            _remove(entry.path)
            removed, freed = removed + 1, freed + entry.size
    return removed, freed


def prune(folder: Path | None = None, keep: Path | None = None, cap: int | None = None) -> int:
    """Remove the least recently used networks until the cache fits its cap (`keep` stays); how many."""
    cap = cap_bytes() if cap is None else cap
    files = sorted(_files(folder or cache_dir()), key=lambda entry: entry.used)
    total = sum(entry.size for entry in files)
    removed = 0
    for entry in files:
        if total <= cap:
            break
        if keep is not None and entry.path == keep:
            continue
        with contextlib.suppress(OSError):
            _remove(entry.path)
            total -= entry.size
            removed += 1
    return removed


def touch(path: Path) -> None:
    """Mark a cached file as just used (file systems mounted noatime don't)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def store(path: Path, arrays: dict[str, np.ndarray], meta: dict) -> bool:
    """Write an entry: arrays as .npy files and `meta` into a temporary folder, then renamed into
    place whole, so a reader never sees half an entry; False where the cache can't be written."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=path.parent, suffix=".tmp"))
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", array)
        (tmp / "meta.json").write_text(json.dumps({"format": FORMAT, **meta}))
        try:
            os.rename(tmp, path)
        except OSError:
            if not path.is_dir():  # another process that built the same network got there first
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        prune(path.parent, keep=path)
    except OSError:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        return False  # a read-only or full cache is no reason to fail a session
    return True


def load(path: Path, names: tuple[str, ...]) -> tuple[dict[str, np.ndarray], dict] | None:
    """An entry's arrays, memory-mapped read-only, and its meta; None when missing or damaged."""
    try:
        meta = json.loads((path / "meta.json").read_text())
        if meta.get("format") != FORMAT:
            return None
        # plain read-only arrays over the mapped files (np.memmap's subclass slows some callers)
        arrays = {name: np.asarray(np.load(path / f"{name}.npy", mmap_mode="r")) for name in names}
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    touch(path)
    return arrays, meta
