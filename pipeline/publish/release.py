"""Cut an immutable, versioned release and switch `latest` to it atomically.

Layout under the output dir::

    releases/<version>/{agreements,procurements,documents,mentions}.{csv,parquet,json}
    releases/<version>/datapackage.json, changes.json
    latest -> releases/<version>        (a relative symlink, replaced atomically)

Version scheme: ``<YYYY-MM-DD>.<8 hex>``: the UTC date the release was cut and the first
8 hex digits of a SHA-256 over the data files. The same corpus and code give the same
data bytes, hence no new version; any change to the data gives a new version.
A release is written into a hidden temporary folder and renamed into place, so readers
never see a half-written release.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.publish import changes as changes_mod
from pipeline.publish.datapackage import descriptor
from pipeline.publish.formats import WRITERS, records
from pipeline.publish.locking import publish_lock

DATA_FORMATS = ("csv", "parquet", "json")
LATEST = "latest"
RELEASES = "releases"


@dataclass
class ReleaseResult:
    version: str
    path: Path
    created: bool  # False when the data equal the latest release's: no new version was cut
    previous_version: str | None
    changes: dict = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)  # file name -> {"bytes", "sha256"}


def serialise(tables: dict[str, pd.DataFrame]) -> dict[tuple[str, str], bytes]:
    return {(name, fmt): WRITERS[fmt](df) for name, df in tables.items() for fmt in DATA_FORMATS}


def content_digest(files: dict[tuple[str, str], bytes]) -> str:
    h = hashlib.sha256()
    for (name, fmt), data in sorted(files.items()):
        h.update(f"{name}.{fmt}\0{hashlib.sha256(data).hexdigest()}\n".encode())
    return h.hexdigest()


def now_utc() -> dt.datetime:
    """Honours SOURCE_DATE_EPOCH, the reproducible-builds convention, for repeatable metadata."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def latest_release(output_dir: Path) -> Path | None:
    link = output_dir / LATEST
    if not link.exists():
        return None
    return link.resolve()


def _same_data(previous_dir: Path | None, files: dict[tuple[str, str], bytes]) -> bool:
    if previous_dir is None or not (previous_dir / "datapackage.json").exists():
        return False
    pkg = json.loads((previous_dir / "datapackage.json").read_text(encoding="utf-8"))
    old = {r["path"]: r.get("hash") for r in pkg.get("resources", [])}
    new = {f"{n}.{f}": "sha256:" + hashlib.sha256(b).hexdigest() for (n, f), b in files.items()}
    return all(old.get(path) == h for path, h in new.items()) and set(new) <= set(old)


def _previous_records(previous_dir: Path | None) -> dict[str, list[dict]] | None:
    if previous_dir is None:
        return None
    out = {}
    for table in changes_mod.ID_COLUMNS:
        path = previous_dir / f"{table}.json"
        if path.exists():
            out[table] = json.loads(path.read_text(encoding="utf-8"))
    return out


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_staging(output_dir: Path) -> None:
    """Staging folders of runs killed mid-write. Safe: only the lock holder writes here."""
    releases = output_dir / RELEASES
    if releases.exists():
        for p in releases.glob(".incoming-*"):
            shutil.rmtree(p, ignore_errors=True)
    for p in output_dir.glob(f".{LATEST}.tmp-*"):
        p.unlink(missing_ok=True)


def switch_latest(output_dir: Path, version: str) -> None:
    """Point `latest` at releases/<version> with one rename (atomic on POSIX)."""
    tmp = output_dir / f".{LATEST}.tmp-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(f"{RELEASES}/{version}", tmp)
    os.replace(tmp, output_dir / LATEST)
    _fsync_dir(output_dir)


def publish_release(
    output_dir: str | Path,
    tables: dict[str, pd.DataFrame],
    sources: list[dict],
    corpus_report: dict | None = None,
    extra_files: dict[str, bytes] | None = None,
) -> ReleaseResult:
    """Write `tables` as a new release unless they equal the latest one."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    files = serialise(tables)
    file_info = {f"{n}.{f}": {"bytes": len(b), "sha256": hashlib.sha256(b).hexdigest()} for (n, f), b in files.items()}
    with publish_lock(output_dir):
        _remove_stale_staging(output_dir)
        previous = latest_release(output_dir)
        previous_version = previous.name if previous else None
        if _same_data(previous, files):
            return ReleaseResult(previous_version, previous, False, previous_version, {}, file_info)

        created = now_utc()
        version = f"{created.date().isoformat()}.{content_digest(files)[:8]}"
        final = output_dir / RELEASES / version
        change_log = changes_mod.diff_tables(
            _previous_records(previous), {t: records(df) for t, df in tables.items() if t in changes_mod.ID_COLUMNS}
        )
        if not final.exists():
            staging = output_dir / RELEASES / f".incoming-{version}-{os.getpid()}"
            staging.mkdir(parents=True)
            for (name, fmt), data in files.items():
                _write_file(staging / f"{name}.{fmt}", data)
            for name, data in (extra_files or {}).items():
                _write_file(staging / name, data)
            changes_doc = {"version": version, "previous_version": previous_version, "tables": change_log}
            _write_file(staging / "changes.json", (json.dumps(changes_doc, indent=2, ensure_ascii=False) + "\n").encode())
            pkg = descriptor(version, created.isoformat().replace("+00:00", "Z"), files, sources, corpus_report or {})
            _write_file(staging / "datapackage.json", (json.dumps(pkg, indent=2, ensure_ascii=False) + "\n").encode())
            _fsync_dir(staging)
            os.rename(staging, final)
            _fsync_dir(final.parent)
        switch_latest(output_dir, version)
        return ReleaseResult(version, final, True, previous_version, change_log, file_info)
