"""Release names that sort in creation order, and the semantic version each release carries.

Name: ``<YYYY-MM-DD>.<NNN>.<hash8>``: the UTC day the release was cut, its ordinal among the
releases cut that day (001, 002, ...) and the first 8 hex digits of the SHA-256 over its data
files. Plain string order is creation order: the day is never earlier than an existing
release's (a clock set back does not reorder names), and the ordinal orders a day's releases.
Names of earlier versions of the publisher (``<YYYY-MM-DD>.<hash8>``) stay valid; they sort
first within their day (`name_key`), and the release index orders them by their change chain.

Semver (``MAJOR.MINOR.PATCH``, what Croissant 1.1 recommends): the first release is 1.0.0;
then, from what changed since the previous release,
- major: an existing record of any table was changed or removed (agreements and procurements
  per changes.json; documents, mentions and rejected files per id);
- minor: records were only added;
- patch: the same records (files whose bytes changed without any record changing, e.g. a new
  Parquet writer). A run whose data files are byte-identical cuts no release at all.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Iterable

from schemas.table_schema import PRIMARY_KEYS

from pipeline.publish.changes import ID_COLUMNS, records_by_id

log = logging.getLogger(__name__)

NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\.(?P<seq>\d{3,})\.(?P<hash>[0-9a-f]{8})$")
LEGACY_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\.(?P<hash>[0-9a-f]{8})$")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
FIRST = "1.0.0"
# Tables compared record by record through their published JSON files (whole or in parts), by id.
OTHER_ID_COLUMNS = {t: key for t, key in PRIMARY_KEYS.items() if t not in ID_COLUMNS}


def name_key(name: str) -> tuple[str, int, str]:
    """Sort key of a release name: (day, ordinal, name); old-style names have ordinal 0, and
    names of neither form sort first."""
    m = NAME.match(name)
    if m:
        return m["date"], int(m["seq"]), name
    m = LEGACY_NAME.match(name)
    return (m["date"], 0, name) if m else ("", 0, name)


def name_hash(name: str) -> str | None:
    m = NAME.match(name) or LEGACY_NAME.match(name)
    return m["hash"] if m else None


def new_name(existing: Iterable[str], day: str, digest: str) -> str:
    """The name of a release cut on `day` (YYYY-MM-DD) with data digest `digest`, after the
    releases named `existing`."""
    keys = [name_key(n) for n in existing]
    day = max([day, *(k[0] for k in keys if k[0])])
    seq = 1 + max((k[1] for k in keys if k[0] == day), default=0)
    return f"{day}.{seq:03d}.{digest[:8]}"


def valid_semver(value) -> str | None:
    return value if isinstance(value, str) and SEMVER.match(value) else None


def semver_key(value: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in value.split("."))
    return major, minor, patch


def bump(previous: str | None, change: str | None) -> str:
    """The version after `previous` for a change of kind `change` (major, minor, patch);
    1.0.0 for the first release (`previous` None)."""
    if previous is None:
        return FIRST
    major, minor, patch = semver_key(previous)
    if change == "major":
        return f"{major + 1}.0.0"
    if change == "minor":
        return f"{major}.{minor + 1}.0"
    if change == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"unknown kind of change {change!r}")


def _valid_change_log(change_log) -> dict | None:
    if not isinstance(change_log, dict):
        return None
    for table in ID_COLUMNS:
        entry = change_log.get(table)
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), list) for k in ("added", "removed", "changed")):
            return None
    return change_log


def _json_files(hashes: dict[str, str | None] | None, folder: Path | None, table: str) -> dict[str, str | None]:
    """path -> recorded hash of the JSON file(s) of `table`: `<table>.json`, or its parts
    `<table>.json/<part>.json`. Without recorded hashes (a damaged descriptor) the files on
    disk, with no hash (so that they are compared record by record)."""
    whole, prefix = f"{table}.json", f"{table}.json/"
    if hashes is not None:
        return {p: h for p, h in hashes.items() if p == whole or p.startswith(prefix)}
    if folder is None:
        return {}
    if (folder / whole).is_file():
        return {whole: None}
    if (folder / whole).is_dir():
        return {f"{whole}/{p.name}": None for p in sorted((folder / whole).iterdir()) if p.name.endswith(".json")}
    return {}


def _records(folder: Path, paths: Iterable[str], id_col: str, known: dict[str, list[bytes]] | None = None) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for path in paths:
        if known is not None and path in known:
            out.update(records_by_id(b"\n".join(known[path]), id_col))
        else:
            out.update(records_by_id((folder / path).read_bytes(), id_col))
    return out


def table_change(table: str, id_col: str, previous_dir: Path | None, current_dir: Path,
                 previous_hashes: dict[str, str | None] | None, current_hashes: dict[str, str | None] | None,
                 deltas: dict | None = None) -> str | None:
    """How `table`'s records changed: "major" (a record changed or was removed), "minor" (only
    added), "patch" (none); None when it cannot be told (a file missing or unreadable).
    Only the files whose recorded hashes differ are read (a refresh's changed months), and of
    those merged from their previous version, only what `deltas` says differs: the records both
    files share, byte for byte, never tell a change."""
    old = _json_files(previous_hashes, previous_dir, table)
    new = _json_files(current_hashes, current_dir, table)
    old_diff = [p for p, h in old.items() if h is None or new.get(p) != h]
    new_diff = [p for p, h in new.items() if h is None or old.get(p) != h]
    if not old_diff and not new_diff:
        return "patch"
    if previous_dir is None and old_diff:
        return None
    try:
        merged = {p: d for p, d in (deltas or {}).items() if p in old_diff and p in new_diff}
        before = _records(previous_dir, old_diff, id_col, {p: d[0] for p, d in merged.items()}) if old_diff else {}
        after = _records(current_dir, new_diff, id_col, {p: d[1] for p, d in merged.items()})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("cannot compare the %s records of releases %s and %s (%s: %s)", table,
                    previous_dir.name if previous_dir else None, current_dir.name, type(exc).__name__, exc)
        return None
    if before.keys() - after.keys() or any(before[k] != after[k] for k in before.keys() & after.keys()):
        return "major"
    return "minor" if after.keys() - before.keys() else "patch"


def change_kind(change_log: dict | None, previous_dir: Path | None, current_dir: Path,
                previous_hashes: dict[str, str | None] | None, current_hashes: dict[str, str | None] | None,
                name: str | None = None, deltas: dict | None = None) -> str:
    """The semver bump from the previous release to the current one: "major", "minor" or
    "patch" (see the module docstring). `change_log`: changes.json's tables (agreements and
    procurements), None to compare their files too; `*_hashes`: path -> "sha256:<hex>" of
    the data files (from datapackage.json; None: read the files on disk). What cannot be
    compared (a previous file missing or damaged) counts as changed: major. `name`: the
    release's, for messages (default: its folder's). `deltas`: JSON path -> (previous records not
    in the new file, new records not in the previous one) of files merged from their previous
    version (see merging.merge_part): those files are not read."""
    kinds = []
    log_ok = _valid_change_log(change_log)
    if log_ok is not None:
        for table in ID_COLUMNS:
            entry = log_ok[table]
            kinds.append("major" if entry["removed"] or entry["changed"] else "minor" if entry["added"] else "patch")
        others = OTHER_ID_COLUMNS
    else:
        others = {**ID_COLUMNS, **OTHER_ID_COLUMNS}
    for table, id_col in others.items():
        kind = table_change(table, id_col, previous_dir, current_dir, previous_hashes, current_hashes, deltas)
        if kind is None:
            log.warning("release %s: the %s records could not be compared with release %s's: counted as changed "
                        "(major version)", name or current_dir.name, table, previous_dir.name if previous_dir else None)
            kind = "major"
        kinds.append(kind)
    for kind in ("major", "minor"):
        if kind in kinds:
            return kind
    return "patch"
