"""The id map: what became of the record ids an earlier release published and this one does not.

A record id hashes the record's block and its earliest evidence (pipeline/consolidate/merge.py),
so it does not move when unrelated documents come and go. It does move when the arrangement's
own evidence changes: an earlier article about it turns up, or a new article shows two records
to be one (merged) or one to be two (split). Records carry the ids of their mentions, and a
mention's id is its document and place in it, so what an old id became is read off the
mentions the old and the new records share:

- one new record holds them, and it also holds another record's (old or still published): merged;
- several new records hold them: split;
- one new record holds them and nothing else: superseded.

An old id none of whose mentions is published any more (its documents were removed, or the
extractor no longer finds it) is not mapped: changes.json lists it as removed.

The map is cumulative: each release carries the previous release's rows forward with their
new ids followed to this release's ids, so any id ever published resolves in one lookup.
An id that is published again (its document came back) leaves the map.

The previous release is untrusted input: a file that cannot be read, or does not hold what
a release's record tables hold, gives a problem (reported by the caller) and nothing from it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from schemas.id_map import ID_MAP_RELATIONS, ID_MAP_TABLES
from schemas.table_schema import RECORD_ID_COLUMNS

ID_COLUMNS = RECORD_ID_COLUMNS
_ID = re.compile(r"^(agr|proc)-[0-9a-f]{16}(-[0-9]+)?$")

# table -> record id -> the ids of its mentions
Records = dict[str, dict[str, frozenset[str]]]


@dataclass
class PreviousRelease:
    """What the id map needs of the release before: its records' mentions and its own id map."""
    version: str | None = None
    records: Records = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def records_of(frames: dict[str, pd.DataFrame]) -> Records:
    """table -> id -> mention ids, of the agreements and procurements frames."""
    out: Records = {}
    for table, id_col in ID_COLUMNS.items():
        df = frames[table]
        out[table] = {i: frozenset(ms) for i, ms in zip(df[id_col].tolist(), df["mention_ids"].tolist())}
    return out


def _read_records(path: Path, table: str) -> dict[str, frozenset[str]]:
    id_col = ID_COLUMNS[table]
    data = pq.read_table(path, columns=[id_col, "mention_ids"]).to_pydict()
    out = {}
    for record_id, mentions in zip(data[id_col], data["mention_ids"]):
        if not (isinstance(record_id, str) and _ID.match(record_id) and isinstance(mentions, list)
                and all(isinstance(m, str) for m in mentions)):
            raise ValueError(f"a row holds {record_id!r}, {mentions!r}, not a record id and its mention ids")
        out[record_id] = frozenset(mentions)
    return out


def _read_rows(path: Path) -> list[dict]:
    rows = pq.read_table(path, columns=["old_id", "table", "relation", "new_ids", "last_release"]).to_pylist()
    for row in rows:
        if not (isinstance(row["old_id"], str) and _ID.match(row["old_id"]) and row["table"] in ID_MAP_TABLES
                and row["relation"] in ID_MAP_RELATIONS and isinstance(row["last_release"], str)
                and isinstance(row["new_ids"], list) and all(isinstance(i, str) for i in row["new_ids"])):
            raise ValueError(f"a row is not an id map row: {row!r}")
    return rows


def read_previous(release_dir: Path | None) -> PreviousRelease:
    """The records and id map of a published release (None: there is none yet). A release from
    before the id map existed has no id_map file: its map is empty, which is no problem."""
    if release_dir is None:
        return PreviousRelease()
    previous = PreviousRelease(version=release_dir.name)
    for table in ID_COLUMNS:
        try:
            previous.records[table] = _read_records(release_dir / f"{table}.parquet", table)
        except (OSError, ValueError, KeyError, TypeError) as exc:  # pyarrow's errors are ValueError/OSError
            previous.problems.append(f"{table}.parquet of release {release_dir.name} cannot be read "
                                     f"({type(exc).__name__}: {exc}); its ids are not mapped")
    path = release_dir / "id_map.parquet"
    if path.exists():
        try:
            previous.rows = _read_rows(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            previous.problems.append(f"id_map.parquet of release {release_dir.name} cannot be read "
                                     f"({type(exc).__name__}: {exc}); the ids it mapped are no longer mapped")
    return previous


def _relation(old_id: str, targets: list[str], holders: dict[str, set[str]], previous_ids: set[str]) -> str:
    if len(targets) > 1:
        return "split"
    target = targets[0]
    if target in previous_ids or len(holders[target]) > 1:
        return "merged"
    return "superseded"


def build_id_map(previous: PreviousRelease, current: Records) -> list[dict]:
    """The id map rows of a release with records `current`, after `previous` (sorted by old id)."""
    current_ids = {i for ids in current.values() for i in ids}
    fresh: dict[str, dict] = {}
    for table in ID_COLUMNS:
        old = previous.records.get(table, {})
        now = current.get(table, {})
        gone = [i for i in old if i not in now]
        if not gone:
            continue
        holder_of = {m: i for i, ms in now.items() for m in ms}
        targets_of = {i: sorted({holder_of[m] for m in old[i] if m in holder_of}) for i in gone}
        holders: dict[str, set[str]] = {}  # new id -> the old ids whose mentions it holds
        for i, targets in targets_of.items():
            for t in targets:
                holders.setdefault(t, set()).add(i)
        for i, targets in targets_of.items():
            if targets:
                fresh[i] = {"old_id": i, "table": table, "relation": _relation(i, targets, holders, set(old)),
                            "new_ids": targets, "last_release": previous.version}
    rows = dict(fresh)
    for row in previous.rows:
        if row["old_id"] in current_ids or row["old_id"] in rows:
            continue  # published again, or mapped afresh just now
        new_ids: set[str] = set()
        for t in row["new_ids"]:
            if t in current_ids:
                new_ids.add(t)
            elif t in fresh:
                new_ids.update(fresh[t]["new_ids"])
        rows[row["old_id"]] = {**row, "new_ids": sorted(new_ids)}
    return [rows[k] for k in sorted(rows)]


def moves(rows: list[dict], previous_version: str | None) -> dict[str, dict[str, dict]]:
    """table -> old id -> {relation, new_ids}, of the ids this release mapped (for changes.json)."""
    out: dict[str, dict[str, dict]] = {table: {} for table in ID_COLUMNS}
    for row in rows:
        if previous_version is not None and row["last_release"] == previous_version:
            out[row["table"]][row["old_id"]] = {"relation": row["relation"], "new_ids": list(row["new_ids"])}
    return out


def resolve(record_id: str, id_map: pd.DataFrame) -> list[str]:
    """The ids in a release that hold what `record_id` (from any earlier release) described:
    itself when the id is not in the map (in use, or never published)."""
    hit = id_map.loc[id_map["old_id"] == record_id, "new_ids"]
    return list(hit.iloc[0]) if len(hit) else [record_id]
