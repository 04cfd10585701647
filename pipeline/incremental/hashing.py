"""Content hashes of corpus files, re-read only when a file's size or mtime changed."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.corpus.loading import read_bounded
from pipeline.incremental.cache import DiskCache

STAT_NAMESPACE = "stat"


def _stat_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()


def _known(cache: DiskCache | None, root: Path) -> dict:
    """The stat record of the last run (name -> [size, mtime_ns, sha256]); empty when it
    is missing or not of that shape (every file is then hashed again)."""
    value = cache.get(STAT_NAMESPACE, _stat_key(root)) if cache else None
    if value is None:
        return {}
    if isinstance(value, dict) and all(isinstance(v, list) and len(v) == 3 for v in value.values()):
        return value
    cache.discard(STAT_NAMESPACE, _stat_key(root), "is not a table of file signatures")
    return {}


def file_hashes(root: Path, names: list[str], cache: DiskCache | None, max_bytes: int) -> dict[str, tuple[str | None, int | None]]:
    """name -> (sha256 or None when too large/unreadable, size or None when unreadable)."""
    known = _known(cache, root)
    seen: dict[str, tuple[int, int, str]] = {}
    out: dict[str, tuple[str | None, int | None]] = {}
    base = str(root)
    for name in names:
        try:  # os.path.join, not Path: this loop runs once per article on every refresh
            st = os.stat(os.path.join(base, name))
        except OSError:
            out[name] = (None, None)
            continue
        if st.st_size > max_bytes:
            out[name] = (None, st.st_size)
            continue
        hit = known.get(name)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            sha = hit[2]
        else:
            try:  # bounded, and refuses FIFOs and other non-regular files
                _, data = read_bounded(root / name, max_bytes)
            except OSError:
                out[name] = (None, st.st_size)
                continue
            if data is None:  # grew past the limit since the stat
                out[name] = (None, st.st_size)
                continue
            sha = hashlib.sha256(data).hexdigest()
        seen[name] = [st.st_size, st.st_mtime_ns, sha]  # a list: what JSON gives back
        out[name] = (sha, st.st_size)
    if cache and seen != known:
        cache.put(STAT_NAMESPACE, _stat_key(root), seen)
    return out
