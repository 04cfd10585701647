"""Write a whole table (agreements, procurements) from the previous release's files of it:
reuse the CSV and JSON bytes of every record whose values did not change, serialise only the
records that are new or changed, and say which records those are (the change log).

A refresh adds a hundred articles to a corpus of a hundred thousand, and changes a few
hundred of the ~150k consolidated records; serialising every record again in CSV and JSON,
then decoding both releases' JSON to find what changed, cost more than the rest of the
release. Here the previous release's Parquet file is read (typed values, a fraction of the
cost of either text format), its records are matched to the new frame's by id, and compared
value by value, exactly (floats bit for bit, lists element by element, nulls as nulls):

- a record equal to the previous one keeps its previous CSV line and JSON line;
- the others are serialised by the release's writers, and compared with the previous JSON
  line where there is one (what changes.json has always compared);
- the Parquet file is written from the frame as a full build writes it (it costs little).

A record's CSV line and JSON line depend on that record's values and on the writers only,
so the files are byte for byte those of a full build, provided the previous files were
written by the same writers: each table written records its writer's fingerprint under its
files' hashes (`table_writers/`, beside the releases), and a table is merged only from files
whose record names the current writers and whose bytes match the hashes their release
records. Anything unexpected (no record, damaged or unreadable files, other columns or
types, duplicate or unsorted ids, line counts that do not match) falls back to a full write.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import TABLES
from schemas.table_schema import empty_frame

from pipeline.publish import formats
from pipeline.publish.formats import WRITERS
from pipeline.publish.merging import _csv_bounds, _json_spans, _serialised, _write_text_runs
from pipeline.publish.partitions import fingerprint as _fingerprint

log = logging.getLogger(__name__)

FORMATS = ("csv", "parquet", "json")


@lru_cache(maxsize=1)
def writer_code() -> str:
    """What a record's bytes depend on besides its values: the writers and the libraries
    (and Python's json and csv modules) they use."""
    h = hashlib.sha256(Path(formats.__file__).read_bytes())
    h.update(f"\0{pd.__version__}\0{pa.__version__}\0{sys.version}".encode())
    return "writers-" + h.hexdigest()[:16]


def table_fingerprint(table: str, hashes: list[str]) -> str:
    """The key of the record of a whole table's files: the table and its files' hashes
    ("sha256:<hex>", formats in FORMATS order)."""
    return _fingerprint("whole-table", table, *hashes)


RECORDS = "table_writers"  # beside the releases: one record per whole table last written


def _record_path(output_dir: Path, key: str) -> Path:
    return output_dir / RECORDS / f"{key}.json"


def _record_body(code: str) -> dict:
    return {"code": code, "sha256": hashlib.sha256(code.encode("utf-8")).hexdigest()}


def record_table(output_dir: Path, table: str, hashes: list[str]) -> str:
    """Remember that these files of `table` were written by the current writers; returns the
    record's key (see prune_tables)."""
    key = table_fingerprint(table, hashes)
    path = _record_path(output_dir, key)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_record_body(writer_code()), sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    return key


def read_writer(output_dir: Path, table: str, hashes: list[str]) -> str | None:
    """The writers recorded for the files of `table` with these hashes; None without a
    well-formed record (the table is then written in full)."""
    try:
        value = json.loads(_record_path(output_dir, table_fingerprint(table, hashes)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(value, dict) and isinstance(value.get("code"), str)) or value != _record_body(value["code"]):
        return None
    return value["code"]


def prune_tables(output_dir: Path, keep: set[str]) -> None:
    """Forget the records of files no longer written by the last run."""
    folder = output_dir / RECORDS
    if folder.is_dir():
        for p in folder.glob("*.json"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)


# --------------------------------------------------------------- comparing records exactly

def _valid(a: pa.Array) -> np.ndarray:
    return np.asarray(a.is_valid().to_numpy(zero_copy_only=False), dtype=bool)


def _same_scalars(a: pa.Array, b: pa.Array) -> np.ndarray:
    va, vb = _valid(a), _valid(b)
    if pa.types.is_floating(a.type):
        # bit for bit: -0.0 and 0.0 are written differently, and NaN never equals itself
        xa = a.fill_null(0.0).to_numpy(zero_copy_only=False).astype(np.float64).view(np.int64)
        xb = b.fill_null(0.0).to_numpy(zero_copy_only=False).astype(np.float64).view(np.int64)
        eq = xa == xb
    else:
        eq = np.asarray(pc.fill_null(pc.equal(a, b), False).to_numpy(zero_copy_only=False), dtype=bool)
    return (va == vb) & (eq | ~va)


def _same_lists(a: pa.Array, b: pa.Array) -> np.ndarray:
    va, vb = _valid(a), _valid(b)
    la = np.asarray(pc.fill_null(pc.list_value_length(a), -1).to_numpy(zero_copy_only=False))
    lb = np.asarray(pc.fill_null(pc.list_value_length(b), -1).to_numpy(zero_copy_only=False))
    same = (va == vb) & (la == lb)
    rows = np.flatnonzero(same & va)
    if len(rows):
        take = pa.array(rows, type=pa.int64())
        fa, fb = pc.list_flatten(a.take(take)), pc.list_flatten(b.take(take))
        elements = _same_scalars(fa, fb)  # same lengths in these rows: the elements line up
        parents = np.asarray(pc.list_parent_indices(a.take(take)).to_numpy(zero_copy_only=False))
        differs = np.unique(parents[~elements])
        same[rows[differs]] = False
    return same


def same_rows(new: pa.Table, old: pa.Table) -> np.ndarray:
    """Row i of `new` equals row i of `old` in every column (same schema)."""
    same = np.ones(new.num_rows, dtype=bool)
    for name in new.column_names:
        a, b = new.column(name).combine_chunks(), old.column(name).combine_chunks()
        if pa.types.is_list(a.type) or pa.types.is_large_list(a.type):
            same &= _same_lists(a, b)
        else:
            same &= _same_scalars(a, b)
    return same


def unique_columns(model) -> list[str]:
    """The columns a model says are unique: the one rule of the models that spans rows (every
    other field and dataframe check is a rule on one row; tests/publish/test_tablemerge.py)."""
    return [name for name, column in model.to_schema().columns.items() if column.unique]


def row_key(model) -> str:
    """The column that names a row of the model's table: its first unique column."""
    return unique_columns(model)[0]


def changed_rows(new: pa.Table, old: pa.Table, key: str) -> np.ndarray:
    """Row i of `new` is not a row of `old` (none with its key, or one with other values); all
    rows when the schemas differ."""
    if not new.schema.remove_metadata().equals(old.schema.remove_metadata()) or key not in new.column_names:
        return np.ones(new.num_rows, dtype=bool)
    at = np.asarray(pc.fill_null(pc.index_in(new.column(key), value_set=old.column(key)), -1)
                    .to_numpy(zero_copy_only=False), dtype=np.int64)
    return ~matched_same(new, old, at)


MAX_RUNS = 2000  # beyond this many runs, rows are gathered (copied) and compared at once


def matched_same(new: pa.Table, old: pa.Table, at: np.ndarray) -> np.ndarray:
    """Row i of `new` equals row at[i] of `old` (False where at[i] < 0).

    Both tables are in their published order, so the rows they share come in the same order:
    they form runs of consecutive rows in both (broken where rows were added or removed), and
    each run is compared as two slices, without copying a row (a month of documents holds
    megabytes of text). Many short runs (an order that is not shared) are gathered instead."""
    same = np.zeros(len(at), dtype=bool)
    matched = at >= 0
    if not matched.any():
        return same
    starts = matched.copy()
    starts[1:] &= ~(matched[:-1] & (at[1:] == at[:-1] + 1))
    first = np.flatnonzero(starts)
    if len(first) > MAX_RUNS:
        rows = np.flatnonzero(matched)
        same[rows] = same_rows(new.take(pa.array(rows, type=pa.int64())), old.take(pa.array(at[rows], type=pa.int64())))
        return same
    # each run ends where the next starts or where rows stop being matched
    ends = np.flatnonzero(matched & np.append(starts[1:] | ~matched[1:], True)) + 1
    for a, b in zip(first.tolist(), ends.tolist()):
        same[a:b] = same_rows(new.slice(a, b - a), old.slice(int(at[a]), b - a))
    return same


# --------------------------------------------------------------- merging

def _read_verified(path: Path, recorded: dict) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) != recorded.get("bytes") or "sha256:" + hashlib.sha256(data).hexdigest() != recorded.get("hash"):
        log.warning("%s holds other bytes than its release records: written in full, not merged", path)
        return None
    return data


def _ascending_unique(values: list) -> bool:
    return all(a < b for a, b in zip(values, values[1:]))


def merge_table(folder: Path, paths: dict[str, str], table: str, frame: pd.DataFrame, id_column: str,
                previous_dir: Path, olds: dict[str, dict], members_dir: Path,
                batch_rows: int) -> tuple[dict[str, dict], dict] | None:
    """Write `frame` (sorted by `id_column`, ids unique) as `paths` (format -> path in `folder`)
    from the previous release's files of the table (`olds`: format -> its datapackage.json
    resource). Returns (file name -> {"bytes", "sha256", "rows"}, the table's change log entry:
    {"added", "removed", "changed"}), or None when nothing was written: the caller writes the
    table in full."""
    if any(olds.get(fmt) is None for fmt in FORMATS):
        return None
    hashes = [olds[fmt].get("hash") for fmt in FORMATS]
    if read_writer(members_dir, table, hashes) != writer_code():
        return None
    datas = {}
    for fmt in FORMATS:
        data = _read_verified(previous_dir / paths[fmt], olds[fmt])
        if data is None:
            return None
        datas[fmt] = data
    try:
        old = pq.read_table(io.BytesIO(datas["parquet"])).replace_schema_metadata(None)
    except (pa.ArrowException, OSError, ValueError) as exc:
        log.warning("%s cannot be read (%s): written in full, not merged", previous_dir / paths["parquet"], exc)
        return None
    new = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    if not old.schema.equals(new.schema) or id_column not in new.column_names:
        return None
    old_ids, new_ids = old.column(id_column).to_pylist(), new.column(id_column).to_pylist()
    if not (_ascending_unique(old_ids) and _ascending_unique(new_ids)) or None in new_ids or None in old_ids:
        return None
    n_old = len(old_ids)
    json_spans = _json_spans(datas["json"], n_old)
    csv_bounds = _csv_bounds(datas["csv"], n_old)
    if json_spans is None or csv_bounds is None:
        return None
    header = datas["csv"][:csv_bounds[1]]
    empty = empty_frame(TABLES[table])
    if header != _csv_header(empty):
        return None

    # match by id: position of each new record's id among the previous ones (-1: added)
    index = pc.index_in(new.column(id_column), value_set=old.column(id_column))
    at = np.asarray(pc.fill_null(index, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    same = matched_same(new, old, at)
    fresh_pos = np.flatnonzero(~same)
    fresh, _ = _serialised(table, frame.iloc[fresh_pos].reset_index(drop=True))
    if fresh["csv"] is None or fresh["json"] is None:
        return None
    js, je = json_spans
    old_json_line = lambda i: datas["json"][js[i]:je[i]]  # noqa: E731
    changed = [new_ids[p] for j, p in enumerate(fresh_pos) if at[p] >= 0 and fresh["json"][j] != old_json_line(int(at[p]))]
    present = set(new_ids)
    entry = {"added": sorted(new_ids[p] for p in np.flatnonzero(at < 0)),
             "removed": sorted(i for i in old_ids if i not in present),
             "changed": sorted(changed)}

    # The files as runs of the previous file's records (one slice of its bytes each, separators
    # included) and of new records, in the new order: a refresh's few hundred changes make a few
    # hundred runs, and the ~150k unchanged records are never cut into objects of their own.
    files = _write_text_runs(folder, paths, _runs(same, at), "old", datas, json_spans, csv_bounds, fresh, header,
                             len(new_ids))
    # the Parquet file as a full write makes it: the same row groups of the same rows (the frame
    # is converted once, for the comparison above, and written slice by slice)
    with open(folder / paths["parquet"], "wb") as sink:
        writer = pq.ParquetWriter(sink, new.schema, compression="zstd")
        for i in range(0, max(len(frame), 1), batch_rows):
            writer.write_table(new.slice(i, batch_rows))
        writer.close()
        sink.flush()
        os.fsync(sink.fileno())
    size, digest = _size_and_sha256(folder / paths["parquet"])
    files[paths["parquet"]] = {"bytes": size, "sha256": digest, "rows": len(new_ids)}
    return {rel: files[rel] for rel in paths.values()}, entry


def _size_and_sha256(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def _runs(same: np.ndarray, at: np.ndarray):
    """("old", first, last) for each run of new rows that are consecutive previous rows
    first..last kept as they were, ("new", first, last) for each run of rows serialised now
    (indexes into the fresh rows), in the new order."""
    n = len(same)
    if not n:
        return
    # a run starts where the kind changes, or where kept rows stop being consecutive
    starts = np.ones(n, dtype=bool)
    starts[1:] = (same[1:] != same[:-1]) | (same[1:] & (at[1:] != at[:-1] + 1))
    bounds = [*np.flatnonzero(starts).tolist(), n]
    fresh_index = np.cumsum(~same) - 1  # position of each fresh row among the fresh rows
    for a, b in zip(bounds, bounds[1:]):
        if same[a]:
            yield "old", int(at[a]), int(at[b - 1])
        else:
            yield "new", int(fresh_index[a]), int(fresh_index[b - 1])


def _csv_header(empty: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    writer = WRITERS["csv"](buf, empty)
    writer.close()
    return buf.getvalue()
