"""Cut an immutable, versioned release and switch `latest` to it atomically.

Layout under the output dir::

    releases/<version>/{agreements,procurements,documents,mentions,rejected}.{csv,parquet,json}
    releases/<version>/datapackage.json, changes.json (+ extra files such as a data card)
    releases/<version>/defence-deals.sqlite  (a derived file, listed in datapackage.json: DerivedFile)
    latest -> releases/<version>        (a relative symlink, replaced atomically)

Version scheme: ``<YYYY-MM-DD>.<NNN>.<8 hex>``: the UTC date the release was cut, its
ordinal that day, and the first 8 hex digits of a SHA-256 over the data files, so that
names sort in creation order; each release also records a semver derived from what changed
(see versioning.py). The same corpus and code give the same data bytes, hence no new
version; any change to the data gives a new version. releases.json at the top of the output
folder lists the releases in order (see index.py).

Files are streamed into a hidden staging folder (a large table is written batch by
batch), hashed, compared with the latest release, and the folder is renamed into place:
readers never see a half-written release, and an unchanged release is discarded.

A table given as a list of `Part`s (documents and mentions, by publication month; see
partitions.py) is written one file per part and format, and a part whose fingerprint
equals the previous release's is hard-linked from it instead of rewritten: the cost of
a refresh follows the months that changed, and releases share the bytes they have in
common on disk.

A changed part that declares its rows (`Part.members`) is merged from the previous
release's part instead of rebuilt: its unchanged rows' bytes are reused and only the new or
changed rows are built and serialised (merging.py), so a backfill of a few old articles into
many months costs about the rows it adds, not the months it touches; the result is byte for
byte that of a full rebuild.

One file on disk then belongs to several releases, so it is verified before it is shared
again: a previous part whose bytes no longer match the hash its release records (edited
in place, bit rot) is never linked; it is rebuilt, and the rebuilt bytes (when they are
the recorded ones) are put back into every release that shared the damaged file. The
cost is one read of every carried-over part per run (see README, "Shared parts").
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Union

import pandas as pd

from schemas import TABLES
from schemas.table_schema import empty_frame

from pipeline.publish import changes as changes_mod
from pipeline.publish import index as release_index
from pipeline.publish import versioning
from pipeline.publish.datapackage import descriptor
from pipeline.publish.formats import WRITERS
from pipeline.publish.locking import publish_lock
from pipeline.publish.merging import merge_part, prune_members, read_members, record_members
from pipeline.publish.partitions import Part, part_path
from pipeline.publish.tablemerge import FORMATS as TABLE_FORMATS, merge_table, prune_tables, record_table, table_fingerprint

ID_COLUMNS = changes_mod.ID_COLUMNS  # whole tables merged from the previous release's files

DATA_FORMATS = ("csv", "parquet", "json")
LATEST = "latest"
RELEASES = "releases"

# A table is a frame, a function returning its rows as frames batch by batch, or parts.
TableSource = Union[pd.DataFrame, Callable[[], Iterable[pd.DataFrame]], list[Part]]
# Builds further files of the release (data card, ...) once version and changes are known:
# (version, previous version, change log, files, semver) -> file name -> bytes.
ExtraFiles = Callable[[str, str | None, dict, dict[str, dict], str], dict[str, bytes]]


@dataclass
class ReleaseResult:
    version: str
    path: Path
    created: bool  # False when the data equal the latest release's: no new version was cut
    previous_version: str | None
    changes: dict = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)  # file name -> {"bytes", "sha256", "rows", ...}
    # parts carried over from the previous release without a local copy (a remote output's
    # work folder holds only the previous descriptor): file name -> previous version
    carried: dict[str, str] = field(default_factory=dict)
    # files found not to hold the bytes their release's datapackage.json records, and so
    # rebuilt instead of reused: {"path", "release", "recorded", "found"} ("sha256:<hex>"),
    # "repaired" (whether the release(s) holding them got the recorded bytes back)
    damaged: list[dict] = field(default_factory=list)
    semver: str | None = None  # MAJOR.MINOR.PATCH of `version` (see versioning.py)
    derived: dict[str, dict] = field(default_factory=dict)  # derived file name -> {"bytes", "sha256", ...}


def now_utc() -> dt.datetime:
    """Honours SOURCE_DATE_EPOCH, the reproducible-builds convention, for repeatable metadata."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def latest_release(output_dir: Path) -> Path | None:
    link = Path(output_dir) / LATEST
    return link.resolve() if link.exists() else None


def content_digest(files: dict[str, dict], derived: Iterable[str] = ()) -> str:
    """SHA-256 over the data files' names and hashes, and the names of the files derived from them
    (a release that gains a derived file is a new release, though its data are the same)."""
    h = hashlib.sha256()
    for name, info in sorted(files.items()):
        h.update(f"{name}\0{info['sha256']}\n".encode())
    for name in sorted(derived):
        h.update(f"{name}\0derived\n".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class DerivedFile:
    """A file built from a release's tables and change log once both are known (the SQLite
    database), listed in datapackage.json with its size and hash. `build(path, change_log,
    previous_version)` writes it; the same inputs must give the same bytes."""

    name: str
    format: str
    media_type: str
    description: str
    build: Callable[[Path, dict, str | None], object]


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


def _write_formats(folder: Path, paths: dict[str, str], table: str, batches: Iterable[pd.DataFrame]) -> dict[str, dict]:
    """Stream one table's batches into one file per format (relative `paths`); fsync each."""
    empty = empty_frame(TABLES[table])
    for rel in paths.values():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    sinks = {fmt: open(folder / rel, "wb") for fmt, rel in paths.items()}
    try:
        writers = {fmt: WRITERS[fmt](sinks[fmt], empty) for fmt in paths}
        rows = 0
        for batch in batches:
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
    files = {}
    for rel in paths.values():
        size, digest = size_and_sha256(folder / rel)
        files[rel] = {"bytes": size, "sha256": digest, "rows": rows}
    return files


log = logging.getLogger(__name__)


def _read_previous_descriptor(previous_dir: Path | None) -> dict | None:
    """A release's datapackage.json (read once per publish: it lists a source per article,
    megabytes for a large corpus). An earlier release is untrusted input: None, with a
    warning, when it is missing or damaged (its files are then rebuilt, never reused)."""
    if previous_dir is None or not (previous_dir / "datapackage.json").exists():
        return None
    pkg, problem = release_index.read_descriptor(previous_dir)
    if problem:
        log.warning("release %s: %s; its files are not reused", previous_dir.name, problem)
    return pkg


def release_resources(previous_dir: Path | None) -> dict[str, dict] | None:
    """path -> resource of a release's datapackage.json (only well-formed resources: see
    index.descriptor_resources); None without a readable one."""
    pkg = _read_previous_descriptor(previous_dir)
    return None if pkg is None else release_index.descriptor_resources(pkg)


def _damage(release: Path, rel: str, recorded: dict) -> dict | None:
    """None when release/rel holds the bytes `recorded` (its datapackage.json resource) says;
    else what was found."""
    size, digest = size_and_sha256(release / rel)
    if size == recorded["bytes"] and "sha256:" + digest == recorded["hash"]:
        return None
    found = {"path": rel, "release": release.name, "recorded": recorded["hash"], "found": "sha256:" + digest,
             "repaired": False}
    log.warning("%s of release %s holds %s (%d bytes) but its datapackage.json records %s (%d bytes): "
                "not reused, rebuilt", rel, release.name, found["found"], size, recorded["hash"], recorded["bytes"])
    return found


def _restore(releases: Path, damaged_file: Path, rel: str, good: Path) -> None:
    """Put `good` (the recorded bytes) in place of `damaged_file` in every release sharing it
    (hard links), one atomic rename each. Every release sharing a file records the same hash
    for it: a part is only ever linked under the hash of the release it comes from."""
    damaged = damaged_file.stat()
    for release in releases.iterdir():
        target = release / rel
        if release.name.startswith(".") or not release.is_dir():
            continue
        try:
            st = target.stat()
        except OSError:
            continue
        if (st.st_dev, st.st_ino) != (damaged.st_dev, damaged.st_ino):
            continue
        tmp = target.with_name(f".{target.name}.repair-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        try:
            os.link(good, tmp)
        except OSError:
            shutil.copy2(good, tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)


def _repair(releases: Path, damaged: list[dict], files: dict[str, dict], folder: Path) -> None:
    """Give the damaged files back their recorded bytes, from `folder` (the new release or the
    staging folder), when the part rebuilt there has them."""
    for d in damaged:
        info = files.get(d["path"])
        if info is not None and "sha256:" + info["sha256"] == d["recorded"]:
            _restore(releases, releases / d["release"] / d["path"], d["path"], folder / d["path"])
            d["repaired"] = True


def _check_kept(kept: Path, staging: Path, files: dict[str, dict], damaged: list[dict]) -> None:
    """No new version: `kept` stays the release users read. Its data files that this run
    wrote anew (and so did not verify by linking) are checked against the recorded hashes,
    which are those of the files just written."""
    known = {d["path"] for d in damaged if d["release"] == kept.name}
    for rel, info in files.items():
        if rel in known or not (kept / rel).is_file():
            continue
        if (staging / rel).is_file() and os.path.samefile(kept / rel, staging / rel):
            continue  # linked from `kept` after its bytes were verified
        found = _damage(kept, rel, {"bytes": info["bytes"], "hash": "sha256:" + info["sha256"]})
        if found:
            damaged.append(found)


def _carry_over(previous_dir: Path, staging: Path, rel: str) -> bool:
    """Hard-link a previous part into the staging folder (copy where links are not possible).
    False when the previous release has no local copy of it (a remote output's work folder)."""
    source = previous_dir / rel
    if not source.is_file():
        return False
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return True


BUILT_PARTS = "built_parts.json"


def _built_parts(output_dir: Path) -> dict[str, dict[str, str]]:
    """fingerprint -> {part path: hash} of the parts the last run built or carried over.

    A run whose new code rebuilt parts into the very bytes already published cuts no new
    version, so the latest release keeps the old fingerprints; this record (beside the
    releases, like processed_corpus.json) lets the next run see that the new fingerprints
    describe the published bytes, instead of rebuilding every part until the data change."""
    try:
        return json.loads((output_dir / BUILT_PARTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _record_built_parts(output_dir: Path, files: dict[str, dict]) -> None:
    built: dict[str, dict[str, str]] = {}
    for rel, info in sorted(files.items()):
        if info.get("fingerprint"):
            built.setdefault(info["fingerprint"], {})[rel] = "sha256:" + info["sha256"]
    tmp = output_dir / f".{BUILT_PARTS}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, output_dir / BUILT_PARTS)


def write_tables(folder: Path, tables: dict[str, TableSource], previous_dir: Path | None = None,
                 previous_resources: dict[str, dict] | None = None,
                 built: dict[str, dict[str, str]] | None = None,
                 damaged: list[dict] | None = None,
                 members_dir: Path | None = None,
                 diffs: dict[str, dict] | None = None,
                 deltas: dict | None = None) -> tuple[dict[str, dict], dict[str, str]]:
    """Write every table in every format. Returns (file name -> info, carried-over parts
    without a local copy -> previous version). `previous_resources`: of `previous_dir`'s
    datapackage.json; `built`: see _built_parts. A previous part is carried over only when
    its local copies hold the recorded bytes; else it is rebuilt, and what was found is
    appended to `damaged`. `members_dir`: where the members of parts are recorded (the output
    folder): a changed part whose previous version has a record is merged (merging.py), and so
    is a whole table with record ids whose previous files were written by the same writers
    (tablemerge.py); the change log of each table merged so is put in `diffs`, and what differs
    between a merged part's JSON file and its previous one in `deltas` (see merging.merge_part)."""
    files: dict[str, dict] = {}
    carried: dict[str, str] = {}
    previous = {path: r for path, r in (previous_resources or {}).items() if r.get("fingerprint")}
    built = built or {}
    for name, source in tables.items():
        if not isinstance(source, list):
            paths = {fmt: f"{name}.{fmt}" for fmt in DATA_FORMATS}
            merged = None
            if (members_dir is not None and previous_dir is not None and name in ID_COLUMNS
                    and isinstance(source, pd.DataFrame)):
                merged = merge_table(folder, paths, name, source, ID_COLUMNS[name], previous_dir,
                                     {fmt: (previous_resources or {}).get(rel) for fmt, rel in paths.items()},
                                     members_dir, WRITE_BATCH)
            if merged is not None:
                written, entry = merged
                if diffs is not None:
                    diffs[name] = entry
            else:
                written = _write_formats(folder, paths, name, _batches(source))
            files.update(written)
            if members_dir is not None and name in ID_COLUMNS:
                record_table(members_dir, name, ["sha256:" + written[paths[fmt]]["sha256"] for fmt in TABLE_FORMATS])
            continue
        for part in sorted(source, key=lambda p: p.key):
            paths = {fmt: part_path(name, part.key, fmt) for fmt in DATA_FORMATS}
            olds = [previous.get(rel) for rel in paths.values()]
            known = built.get(part.fingerprint, {})
            if all(old is not None and (old["fingerprint"] == part.fingerprint or known.get(rel) == old["hash"])
                   for rel, old in zip(paths.values(), olds)):
                found = [d for rel, old in zip(paths.values(), olds)
                         if (previous_dir / rel).is_file() and (d := _damage(previous_dir, rel, old))]
                if found:  # never link bytes that are not the recorded ones: rebuild the part
                    if damaged is not None:
                        damaged.extend(found)
                    for rel, info in _write_formats(folder, paths, name, part.batches()).items():
                        files[rel] = {**info, "fingerprint": part.fingerprint, "partition": part.key, "written": True}
                    continue
                # rows are recorded on the CSV resource (the tabular one), by older releases on all
                rows = next((old["rows"] for old in olds if "rows" in old), part.rows)
                for rel, old in zip(paths.values(), olds):
                    files[rel] = {"bytes": old["bytes"], "sha256": old["hash"].removeprefix("sha256:"), "rows": rows,
                                  "fingerprint": part.fingerprint, "partition": part.key}
                    if not _carry_over(previous_dir, folder, rel):
                        carried[rel] = previous_dir.name
                continue
            merged = None
            if members_dir is not None and previous_dir is not None and all(olds):
                # the members of the previous part: recorded under its fingerprint, or under the
                # fingerprint of a later build that gave the very same bytes (see _built_parts)
                fingerprints = {old["fingerprint"] for old in olds} if len({old["fingerprint"] for old in olds}) == 1 else set()
                fingerprints |= {fp for fp, hashes in built.items()
                                 if all(hashes.get(rel) == old["hash"] for rel, old in zip(paths.values(), olds))}
                record = next(filter(None, (read_members(members_dir, fp) for fp in sorted(fingerprints))), None)
                if record is not None:
                    merged = merge_part(folder, paths, part, previous_dir, dict(zip(paths, olds)), record, deltas)
            for rel, info in (merged or _write_formats(folder, paths, name, part.batches())).items():
                files[rel] = {**info, "fingerprint": part.fingerprint, "partition": part.key, "written": True}
    if members_dir is not None:
        for source in tables.values():
            for part in source if isinstance(source, list) else ():
                record_members(members_dir, part)
    return files, carried


def _same_data(previous_resources: dict[str, dict] | None, files: dict[str, dict], derived: Iterable[str] = ()) -> bool:
    """The release of `previous_resources` holds these data files and every derived file named."""
    if previous_resources is None:
        return False
    derived = set(derived)
    data = {name: res for name, res in previous_resources.items() if name not in derived}
    return derived <= set(previous_resources) and set(files) == set(data) and all(
        data[name].get("hash") == "sha256:" + info["sha256"] for name, info in files.items())


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


def _update_index(output_dir: Path, cached: list[dict] | None = None) -> list[dict]:
    """Rebuild releases.json. The releases are in place already: a failure here is logged,
    and the next publish rebuilds the index."""
    try:
        return release_index.update(output_dir, cached)
    except Exception:  # noqa: BLE001 - the index is derived; never fail a published release for it
        log.exception("could not rebuild %s", output_dir / release_index.INDEX)
        return []


def _semver_of(entries: list[dict], version: str | None) -> str | None:
    return next((e.get("semver") for e in entries if e["version"] == version), None)


def _same_data_release(output_dir: Path, names: list[str], digest: str, files: dict[str, dict],
                       derived: Iterable[str] = ()) -> Path | None:
    """A release already holding exactly these data files (latest was rolled back to an
    earlier one and the data came back): its name ends with the same hash."""
    for name in names:
        if versioning.name_hash(name) == digest[:8]:
            folder = output_dir / RELEASES / name
            if _same_data(release_resources(folder), files, derived):
                return folder
    return None


def _changes_since(previous: Path | None, staging: Path, known: dict[str, dict] | None = None) -> tuple[dict, bool]:
    """(change log, whether it is trustworthy). A previous release whose record files cannot
    be read (damaged) is reported, and its records count as absent. `known`: the entries of
    the tables merged from `previous`'s files (compared record by record as they were merged)."""
    try:
        return changes_mod.diff_files(previous, staging, known if previous is not None else None), True
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("release %s: its record files cannot be compared (%s: %s); changes.json lists every record "
                    "as added and the version counts as changed", previous.name if previous else None,
                    type(exc).__name__, exc)
        return changes_mod.diff_files(None, staging), False


def publish_release(
    output_dir: str | Path,
    tables: dict[str, TableSource],
    sources: list[dict],
    corpus_report: dict | None = None,
    extra_files: ExtraFiles | None = None,
    derived_files: Iterable[DerivedFile] = (),
) -> ReleaseResult:
    """Write `tables` as a new release unless they equal the latest one (and it holds every
    derived file); rebuild releases.json. `derived_files` are built after the change log and
    listed in datapackage.json beside the data files."""
    derived_files = list(derived_files)
    derived_names = [d.name for d in derived_files]
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    with publish_lock(output_dir):
        _remove_stale_staging(output_dir)
        previous = latest_release(output_dir)
        previous_version = previous.name if previous else None
        staging = output_dir / RELEASES / f".incoming-{os.getpid()}"
        staging.mkdir(parents=True)
        try:
            previous_pkg = _read_previous_descriptor(previous)
            previous_resources = None if previous_pkg is None else release_index.descriptor_resources(previous_pkg)
            damaged: list[dict] = []
            diffs: dict[str, dict] = {}
            deltas: dict = {}
            files, carried = write_tables(staging, tables, previous, previous_resources, _built_parts(output_dir), damaged,
                                          members_dir=output_dir, diffs=diffs, deltas=deltas)
            _record_built_parts(output_dir, files)
            prune_members(output_dir, {info["fingerprint"] for info in files.values() if info.get("fingerprint")})
            prune_tables(output_dir, {table_fingerprint(name, [f"sha256:{files[f'{name}.{fmt}']['sha256']}" for fmt in TABLE_FORMATS])
                                      for name in ID_COLUMNS if all(f"{name}.{fmt}" in files for fmt in TABLE_FORMATS)})
            if _same_data(previous_resources, files, derived_names):
                _check_kept(previous, staging, files, damaged)
                _repair(output_dir / RELEASES, damaged, files, staging)
                shutil.rmtree(staging)
                entries = _update_index(output_dir)
                return ReleaseResult(previous_version, previous, False, previous_version, {}, files, damaged=damaged,
                                     semver=_semver_of(entries, previous_version))

            created = now_utc()
            names = [p.name for p in (output_dir / RELEASES).iterdir() if p.is_dir() and not p.name.startswith(".")]
            digest = content_digest(files, derived_names)
            same = _same_data_release(output_dir, names, digest, files, derived_names)
            if same is not None:  # the same data were released before (latest was rolled back)
                _check_kept(same, staging, files, damaged)
                _repair(output_dir / RELEASES, damaged, files, staging)
                shutil.rmtree(staging)
                switch_latest(output_dir, same.name)
                entries = _update_index(output_dir)
                return ReleaseResult(same.name, same, True, previous_version, {}, files, carried, damaged,
                                     semver=_semver_of(entries, same.name))
            version = versioning.new_name(names, created.date().isoformat(), digest)
            final = output_dir / RELEASES / version
            change_log, trusted = _changes_since(previous, staging, diffs)

            # semver: the previous release's, bumped by what changed. A previous release that
            # records none (cut before semvers were recorded, or damaged) gets one from the index.
            entries = None
            previous_semver = versioning.valid_semver(previous_pkg.get("semver")) if previous_pkg else None
            if previous_semver is None and names:
                entries = release_index.build(output_dir)
                if previous is not None:
                    previous_semver = _semver_of(entries, previous_version)
            if previous is None and names:  # `latest` was removed: after the newest release, as a change
                known = [e["semver"] for e in entries or [] if e.get("semver")]
                previous_semver = max(known, key=versioning.semver_key) if known else None
                kind = "major" if previous_semver else None
            elif previous is None:
                kind = None
            else:
                kind = versioning.change_kind(change_log if trusted else None, previous, staging,
                                              release_index.resource_hashes(previous_resources),
                                              {name: "sha256:" + info["sha256"] for name, info in files.items()},
                                              name=version, deltas=deltas)
                if previous_semver is None:
                    log.warning("release %s records no semver and none could be derived: %s starts again at %s",
                                previous_version, version, versioning.FIRST)
            semver = versioning.bump(previous_semver, kind) if previous_semver else versioning.FIRST

            changes_doc = {"version": version, "previous_version": previous_version, "semver": semver,
                           "previous_semver": previous_semver, "bump": kind if previous_semver else "first",
                           "tables": change_log}
            _write_file(staging / "changes.json", (json.dumps(changes_doc, indent=2, ensure_ascii=False) + "\n").encode())
            for name, data in (extra_files(version, previous_version, change_log, files, semver) if extra_files else {}).items():
                _write_file(staging / name, data)
            derived = {}
            for d in derived_files:
                d.build(staging / d.name, change_log, previous_version)
                size, sha = size_and_sha256(staging / d.name)
                derived[d.name] = {"bytes": size, "sha256": sha, "format": d.format, "mediatype": d.media_type,
                                   "description": d.description}
            pkg = descriptor(version, created.isoformat().replace("+00:00", "Z"), files, sources, corpus_report or {},
                             semver=semver, previous_version=previous_version, derived=derived)
            _write_file(staging / "datapackage.json", (json.dumps(pkg, indent=2, ensure_ascii=False) + "\n").encode())
            _fsync_dir(staging)
            os.rename(staging, final)
            _fsync_dir(final.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        switch_latest(output_dir, version)
        _repair(output_dir / RELEASES, damaged, files, final)
        _update_index(output_dir, entries)
        return ReleaseResult(version, final, True, previous_version, change_log, files, carried, damaged, semver=semver,
                             derived=derived)
