"""Content hashes of corpus files, re-read only when a file's stat signature changed.

The signature is size, mtime, ctime, inode and device. Size and mtime alone miss an edit
that keeps the size and puts the mtime back (`touch -r`, `os.utime`, `cp -p`, rsync with
times, a tar extraction) and a swap of two files by renames; the ctime cannot be set from
user space and changes on every write, rename or utime, and the inode tells a replaced file
from the one that was hashed. Timestamps are coarse (a clock tick), so a file changed in the
last RACY_NS before a run may still change within the tick of its recorded ctime without
changing its signature: such a file is hashed again by the next run ("racy" entries, as in
git's index). What the stat record keeps is plain data (name -> [signature, sha256]).
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from pipeline.corpus.files import read_bounded
from pipeline.store.cache import DiskCache

STAT_NAMESPACE = "stat"
# A file whose mtime or ctime is this close to the run (or later) is not trusted by the next run.
RACY_NS = 2_000_000_000


def _stat_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()


def _known(cache: DiskCache | None, root: Path) -> dict:
    """The stat record of the last run (name -> [signature, sha256]); empty when it is
    missing or not of that shape (every file is then hashed again)."""
    if cache is None:
        return {}
    return cache.get_valid(STAT_NAMESPACE, _stat_key(root), _is_stat_record, "a table of file signatures") or {}


def _is_stat_record(value) -> bool:
    return isinstance(value, dict) and all(isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
                                           for v in value.values())


def file_hashes(root: Path, names: list[str], cache: DiskCache | None, max_bytes: int) -> dict[str, tuple[str | None, int | None]]:
    """name -> (sha256 or None when too large/unreadable, size or None when unreadable)."""
    known = _known(cache, root)
    seen: dict[str, list[str]] = {}
    out: dict[str, tuple[str | None, int | None]] = {}
    base = str(root)
    settled_before = time.time_ns() - RACY_NS  # taken before any stat of this run
    for name in names:
        try:  # os.path.join, not Path: this loop runs once per article on every refresh
            st = os.stat(os.path.join(base, name))
        except OSError:
            out[name] = (None, None)
            continue
        if st.st_size > max_bytes:
            out[name] = (None, st.st_size)
            continue
        signature = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
        hit = known.get(name)
        if hit and hit[0] == signature:
            sha = hit[1]
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
        if st.st_mtime_ns < settled_before and st.st_ctime_ns < settled_before:
            seen[name] = [signature, sha]
        out[name] = (sha, st.st_size)
    if cache and seen != known:
        cache.put(STAT_NAMESPACE, _stat_key(root), seen)
    return out
