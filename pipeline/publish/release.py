"""Cut an immutable, versioned release and switch `latest` to it atomically.

Layout under the output dir::

    releases/<version>/{agreements,procurements,documents,mentions,rejected}.{csv,parquet,json}
    releases/<version>/datapackage.json, changes.json (+ extra files such as a data card)
    latest -> releases/<version>        (a relative symlink, replaced atomically)

Version scheme: ``<YYYY-MM-DD>.<8 hex>``: the UTC date the release was cut and the first
8 hex digits of a SHA-256 over the data files. The same corpus and code give the same
data bytes, hence no new version; any change to the data gives a new version.

Files are streamed into a hidden staging folder (a large table is written batch by
batch), hashed, compared with the latest release, and the folder is renamed into place:
readers never see a half-written release, and an unchanged release is discarded.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Union

import pandas as pd

from schemas import TABLES
from schemas.table_schema import empty_frame

from pipeline.publish import changes as changes_mod
from pipeline.publish.datapackage import descriptor
from pipeline.publish.formats import WRITERS, records
from pipeline.publish.locking import publish_lock

DATA_FORMATS = ("csv", "parquet", "json")
LATEST = "latest"
RELEASES = "releases"

# A table is a frame, or a function returning its rows as frames batch by batch.
TableSource = Union[pd.DataFrame, Callable[[], Iterable[pd.DataFrame]]]
# Builds further files of the release (data card, ...) once version and changes are known.
ExtraFiles = Callable[[str, str | None, dict, dict[str, dict]], dict[str, bytes]]


@dataclass
class ReleaseResult:
    version: str
    path: Path
    created: bool  # False when the data equal the latest release's: no new version was cut
    previous_version: str | None
    changes: dict = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)  # file name -> {"bytes", "sha256", "rows"}


def now_utc() -> dt.datetime:
    """Honours SOURCE_DATE_EPOCH, the reproducible-builds convention, for repeatable metadata."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def latest_release(output_dir: Path) -> Path | None:
    link = Path(output_dir) / LATEST
    return link.resolve() if link.exists() else None


def content_digest(files: dict[str, dict]) -> str:
    h = hashlib.sha256()
    for name, info in sorted(files.items()):
        h.update(f"{name}\0{info['sha256']}\n".encode())
    return h.hexdigest()


def _sha256_file(path) -> str:
    return size_and_sha256(path)[1]


def size_and_sha256(path) -> tuple[int, str]:
    """Size and SHA-256 of a file (a Path or a UPath), read in 1 MiB chunks."""
    h, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


WRITE_BATCH = 20_000  # rows serialised at a time: JSON and CSV build Python objects per row


def _batches(source: TableSource) -> Iterable[pd.DataFrame]:
    if isinstance(source, pd.DataFrame):
        return (source.iloc[i:i + WRITE_BATCH] for i in range(0, len(source), WRITE_BATCH))
    return source()


def write_tables(folder: Path, tables: dict[str, TableSource]) -> dict[str, dict]:
    """Stream every table into every format in one pass over its batches; fsync each file."""
    files: dict[str, dict] = {}
    for name, source in tables.items():
        empty = empty_frame(TABLES[name])
        sinks = {fmt: open(folder / f"{name}.{fmt}", "wb") for fmt in DATA_FORMATS}
        try:
            writers = {fmt: WRITERS[fmt](sinks[fmt], empty) for fmt in DATA_FORMATS}
            rows = 0
            for batch in _batches(source):
                rows += len(batch)
                for writer in writers.values():
                    writer.write(batch)
            for writer in writers.values():
                writer.close()
            for sink in sinks.values():
                sink.flush()
                os.fsync(sink.fileno())
        finally:
            for sink in sinks.values():
                sink.close()
        for fmt in DATA_FORMATS:
            path = folder / f"{name}.{fmt}"
            files[path.name] = {"bytes": path.stat().st_size, "sha256": _sha256_file(path), "rows": rows}
    return files


def _same_data(previous_dir: Path | None, files: dict[str, dict]) -> bool:
    if previous_dir is None or not (previous_dir / "datapackage.json").exists():
        return False
    pkg = json.loads((previous_dir / "datapackage.json").read_text(encoding="utf-8"))
    old = {r["path"]: r.get("hash") for r in pkg.get("resources", [])}
    return set(files) <= set(old) and all(old[name] == "sha256:" + info["sha256"] for name, info in files.items())


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
    tables: dict[str, TableSource],
    sources: list[dict],
    corpus_report: dict | None = None,
    extra_files: ExtraFiles | None = None,
) -> ReleaseResult:
    """Write `tables` as a new release unless they equal the latest one."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    with publish_lock(output_dir):
        _remove_stale_staging(output_dir)
        previous = latest_release(output_dir)
        previous_version = previous.name if previous else None
        staging = output_dir / RELEASES / f".incoming-{os.getpid()}"
        staging.mkdir(parents=True)
        try:
            files = write_tables(staging, tables)
            if _same_data(previous, files):
                shutil.rmtree(staging)
                return ReleaseResult(previous_version, previous, False, previous_version, {}, files)

            created = now_utc()
            version = f"{created.date().isoformat()}.{content_digest(files)[:8]}"
            final = output_dir / RELEASES / version
            if final.exists():  # the same data were released before (latest was rolled back)
                shutil.rmtree(staging)
                switch_latest(output_dir, version)
                return ReleaseResult(version, final, True, previous_version, {}, files)
            current = {t: records(tables[t]) for t in changes_mod.ID_COLUMNS if isinstance(tables.get(t), pd.DataFrame)}
            change_log = changes_mod.diff_tables(_previous_records(previous), current)
            changes_doc = {"version": version, "previous_version": previous_version, "tables": change_log}
            _write_file(staging / "changes.json", (json.dumps(changes_doc, indent=2, ensure_ascii=False) + "\n").encode())
            for name, data in (extra_files(version, previous_version, change_log, files) if extra_files else {}).items():
                _write_file(staging / name, data)
            pkg = descriptor(version, created.isoformat().replace("+00:00", "Z"), files, sources, corpus_report or {})
            _write_file(staging / "datapackage.json", (json.dumps(pkg, indent=2, ensure_ascii=False) + "\n").encode())
            _fsync_dir(staging)
            os.rename(staging, final)
            _fsync_dir(final.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        switch_latest(output_dir, version)
        return ReleaseResult(version, final, True, previous_version, change_log, files)
