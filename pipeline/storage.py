"""Corpus and output folders anywhere fsspec reaches: local paths or URLs such as s3://bucket/prefix.

Processing always happens on local files (decoding, caching, the atomic staging-folder
rename and the `latest` symlink need a POSIX file system). For a remote corpus the
articles are mirrored into a local folder (only new or changed objects are downloaded);
for a remote output the release is built in a local work folder, then uploaded, and the
remote `LATEST` object (one PUT, atomic on object stores) is switched to it last, so a
reader of `LATEST` never sees a half-uploaded release.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from upath import UPath

LATEST_POINTER = "LATEST"
_MIRROR_STATE = ".mirror.json"


def is_remote(location: str | os.PathLike) -> bool:
    text = str(location)
    return "://" in text and not text.startswith("file://")


DEFAULT_WORK_DIR = Path.home() / ".cache" / "defence-deals"


def work_dir_for(location: str, work_dir: str | Path = "") -> Path:
    """A stable local folder under `work_dir` (default ~/.cache/defence-deals) for a remote
    location (cache, staging, mirrors)."""
    return Path(work_dir or DEFAULT_WORK_DIR) / hashlib.sha256(location.encode()).hexdigest()[:16]


def mirror_corpus(url: str, local: Path) -> Path:
    """Make `local` a copy of the corpus at `url`: download new or changed objects (by ETag or
    size), delete files that disappeared. Returns `local`."""
    remote = UPath(url)
    local.mkdir(parents=True, exist_ok=True)
    state_path = local / _MIRROR_STATE
    known = json.loads(state_path.read_text()) if state_path.exists() else {}
    fs, root = remote.fs, remote.path.rstrip("/")
    current = {}
    for key, info in fs.find(root, detail=True).items():
        rel = key[len(root):].lstrip("/")
        if not rel or info.get("type") == "directory":
            continue
        tag = str(info.get("ETag") or info.get("etag") or info.get("size"))
        current[rel] = tag
        target = local / rel
        if known.get(rel) != tag or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fs.get_file(key, str(target))
    for rel in set(known) - set(current):
        (local / rel).unlink(missing_ok=True)
    state_path.write_text(json.dumps(current, indent=1, sort_keys=True))
    return local


def pull_latest(url: str, local_output: Path) -> str | None:
    """Bring the remote latest release's descriptor and record files into the local output
    folder, so that the local publisher compares with (and diffs against) what is published."""
    remote = UPath(url)
    pointer = remote / LATEST_POINTER
    if not pointer.exists():
        return None
    version = pointer.read_text().strip()
    release = local_output / "releases" / version
    release.mkdir(parents=True, exist_ok=True)
    # the record tables' Parquet files and the id map: what the next id map is built from
    for name in ("datapackage.json", "agreements.json", "procurements.json", "agreements.parquet",
                 "procurements.parquet", "id_map.parquet"):
        src = remote / "releases" / version / name
        if src.exists() and not (release / name).exists():
            (release / name).write_bytes(src.read_bytes())
    link = local_output / "latest"
    if not link.exists():
        tmp = local_output / ".latest.pull"
        if tmp.is_symlink():
            tmp.unlink()
        os.symlink(f"releases/{version}", tmp)
        os.replace(tmp, link)
    return version


def push_release(local_release: Path, url: str, version: str, extra: dict[str, Path] | None = None,
                 carried: dict[str, str] | None = None) -> None:
    """Upload releases/<version>/ and then switch the remote LATEST pointer to it.
    `carried`: parts reused from an earlier release that this work folder has no copy of
    (file name -> that release's version): copied inside the store, not uploaded."""
    remote = UPath(url)
    target = remote / "releases" / version
    for path in sorted(local_release.rglob("*")):
        if path.is_file():
            (target / path.relative_to(local_release).as_posix()).write_bytes(path.read_bytes())
    for name, previous in sorted((carried or {}).items()):
        source, dest = remote / "releases" / previous / name, target / name
        source.fs.copy(source.path, dest.path)
    for name, path in (extra or {}).items():
        (remote / name).write_bytes(path.read_bytes())
    (remote / LATEST_POINTER).write_text(version + "\n")


def read_pointer(url: str) -> str | None:
    pointer = UPath(url) / LATEST_POINTER
    return pointer.read_text().strip() if pointer.exists() else None
