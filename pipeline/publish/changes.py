"""What changed between two releases: record ids added, removed and changed, and where the
removed ids that the release's id map resolves went (`moved`: old id -> relation and new ids)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Iterator

from schemas.table_schema import RECORD_ID_COLUMNS

from pipeline.publish.idmap import moves

ID_COLUMNS = RECORD_ID_COLUMNS


def _by_id(rows: list[dict], id_col: str) -> dict[str, str]:
    return {r[id_col]: json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows}


def diff_tables(previous: dict[str, list[dict]] | None, current: dict[str, list[dict]]) -> dict:
    out = {}
    for table, id_col in ID_COLUMNS.items():
        new = _by_id(current.get(table, []), id_col)
        old = _by_id((previous or {}).get(table, []), id_col)
        out[table] = {
            "added": sorted(new.keys() - old.keys()),
            "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(k for k in new.keys() & old.keys() if new[k] != old[k]),
            "moved": {},  # known from a release's id map only (diff_files)
        }
    return out


def _records(lines: Iterable[bytes], id_col: str) -> Iterator[tuple[str, bytes]]:
    """(id, record line) of the records among the lines of a published JSON file (an array of
    records, one record a line, keys in schema order): the same record always has the same bytes,
    so comparing lines compares records without decoding the file and re-encoding every record."""
    prefix = b'{"' + id_col.encode() + b'": "'
    for line in lines:
        line = line.rstrip(b",")
        if not line.startswith(b"{"):
            continue
        end = line.find(b'"', len(prefix)) if line.startswith(prefix) else -1
        record_id = line[len(prefix):end] if end > 0 else b""
        if not record_id or b"\\" in record_id:  # not the plain layout: decode this one record
            yield json.loads(line)[id_col], line
        else:
            yield record_id.decode("utf-8"), line


def records_by_id(data: bytes, id_col: str) -> dict[str, bytes]:
    """id -> record line, from the bytes of a published JSON file (see _records)."""
    return dict(_records(data.split(b"\n"), id_col))


def _file_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        for line in f:
            yield line[:-1] if line.endswith(b"\n") else line


def record_digests(path: Path, id_col: str) -> dict[str, bytes]:
    """id -> SHA-256 of the record's line, streaming the file: a 100k-article release's
    procurements.json is hundreds of MB, and holding it and a copy of every line made the end of
    the release step a full run's peak (2,226 MB for the whole tree; 1,977 MB without); equal
    digests are equal records."""
    return {record_id: hashlib.sha256(line).digest() for record_id, line in _records(_file_lines(path), id_col)}


def diff_files(previous_dir: Path | None, current_dir: Path, known: dict[str, dict] | None = None) -> dict:
    """diff_tables over the JSON files of two release folders (a missing previous file or
    folder counts as empty). `known`: tables whose entry is already known (found while the
    table was merged from the previous release's files: see tablemerge.py); their files are
    not read."""
    out = {}
    moved = _moved(current_dir, previous_dir.name if previous_dir is not None else None)
    for table, id_col in ID_COLUMNS.items():
        if known and table in known:
            out[table] = {**known[table], "moved": moved.get(table, {})}
            continue
        old_path = previous_dir / f"{table}.json" if previous_dir is not None else None
        old = record_digests(old_path, id_col) if old_path is not None and old_path.exists() else {}
        new = record_digests(current_dir / f"{table}.json", id_col)
        out[table] = {
            "added": sorted(new.keys() - old.keys()),
            "removed": sorted(old.keys() - new.keys()),
            "changed": sorted(k for k in new.keys() & old.keys() if new[k] != old[k]),
            "moved": moved.get(table, {}),
        }
    return out


def _moved(current_dir: Path, previous_version: str | None) -> dict[str, dict[str, dict]]:
    """The ids the release's own id map (id_map.json, written by this run) says moved since
    `previous_version`; none when there is no previous release or no id map."""
    path = current_dir / "id_map.json"
    if previous_version is None or not path.exists():
        return {}
    return moves(json.loads(path.read_bytes()), previous_version)


def summary(changes: dict) -> str:
    parts = []
    for table, c in changes.items():
        moved = f" ({len(c['moved'])} moved: see id_map)" if c.get("moved") else ""
        parts.append(f"{table}: +{len(c['added'])} -{len(c['removed'])} ~{len(c['changed'])}{moved}")
    return "; ".join(parts)
