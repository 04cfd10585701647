"""Rebuild a changed month part from the previous release's part: keep its unchanged rows'
bytes, serialise only the rows that are new or changed.

A backfill of a few old articles into many months changes many parts by a row or two each;
rebuilding such a part from scratch reads every document of the month from the cache and
serialises every row again in three formats, so the refresh costs as much as the months it
touches. A part that declares its rows (`Part.members`: row key -> what the row is made
of, `Part.code`: the code that makes rows) is merged instead when the previous release has
the same part, built by the same code, and a record of its members (`part_members/`, beside
the releases, written by the run that built it):

- rows whose key and member fingerprint are unchanged are taken from the previous part's
  files (their bytes in CSV and JSON, their Arrow values in Parquet);
- the other rows are built (`Part.build_rows(keys)`) and serialised by the usual writers;
- rows are interleaved in key order, and Parquet row groups cut every `Part.batch_rows`.

Each row's CSV line and JSON line depend on that row only, and a part's rows are sorted by
its key, so the merged files are byte for byte those a rebuild from scratch writes (the
tests compare them). The previous part's three files are verified against the hashes its
release records before any byte of them is reused; anything unexpected (a missing or
malformed record, a row count that does not match) falls back to a full rebuild.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES
from schemas.table_schema import empty_frame

from pipeline.publish.formats import WRITERS
from pipeline.publish.partitions import Part

log = logging.getLogger(__name__)

MEMBERS = "part_members"


def _members_path(output_dir: Path, fingerprint: str) -> Path:
    return output_dir / MEMBERS / f"{fingerprint}.json"


def record_members(output_dir: Path, part: Part) -> None:
    """Remember what the part's rows are made of, for the run that changes it next."""
    if part.members is None or part.code is None:
        return
    path = _members_path(output_dir, part.fingerprint)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    body = {"code": part.code, "members": part.members}
    tmp.write_text(json.dumps({**body, "sha256": _digest(body)}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _digest(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def read_members(output_dir: Path, fingerprint: str) -> tuple[str, dict[str, str]] | None:
    """(code, members) recorded for the part of that fingerprint; None when missing, malformed
    or not matching its own checksum (the part is then rebuilt in full)."""
    try:
        value = json.loads(_members_path(output_dir, fingerprint).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(value, dict) and isinstance(value.get("code"), str) and isinstance(value.get("members"), dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in value["members"].items())):
        return None
    if value.get("sha256") != _digest({"code": value["code"], "members": value["members"]}):
        log.warning("the record of part %s's rows does not match its checksum: the part is rebuilt in full", fingerprint)
        return None
    return value["code"], value["members"]


def prune_members(output_dir: Path, keep: set[str]) -> None:
    """Forget the members of parts no release built by the last run refers to."""
    folder = output_dir / MEMBERS
    if not folder.is_dir():
        return
    for p in folder.glob("*.json"):
        if p.stem not in keep:
            p.unlink(missing_ok=True)


def _sha256(path: Path) -> tuple[int, str, bytes]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest(), data


def _json_lines(data: bytes, n: int) -> list[bytes] | None:
    """The records of a published JSON file ("[\\n" rec ",\\n" rec ... "\\n]\\n"), one per line."""
    if n == 0:
        return [] if data == b"[]\n" else None
    if not (data.startswith(b"[\n") and data.endswith(b"\n]\n")):
        return None
    lines = data[2:-3].split(b",\n")
    return lines if len(lines) == n else None


def _csv_rows(data: bytes, n: int) -> tuple[bytes, list[bytes]] | None:
    """(header line, row lines) of a CSV file written with csv.writer (QUOTE_MINIMAL, "\\n"):
    a newline ends a record where the quotes before it are balanced (_csv_bounds)."""
    bounds = _csv_bounds(data, n)
    if bounds is None:
        return None
    rows = [data[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)]
    return rows[0], rows[1:]


def _serialised(table: str, frame) -> tuple[dict[str, list[bytes]], pa.Table]:
    """The new rows as CSV lines, JSON lines and an Arrow table, by the release's writers."""
    empty = empty_frame(TABLES[table])
    out = {}
    for fmt in ("csv", "json"):
        buf = io.BytesIO()
        writer = WRITERS[fmt](buf, empty)
        if len(frame):
            writer.write(frame)
        writer.close()
        data = buf.getvalue()
        if fmt == "csv":
            split = _csv_rows(data, len(frame))
            out[fmt] = None if split is None else split[1]
        else:
            out[fmt] = _json_lines(data, len(frame))
    arrow = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    return out, arrow


def _ascending(keys: list) -> bool:
    return all(a <= b for a, b in zip(keys, keys[1:]))


def _rows_match_members(keys: list, members: dict[str, str], one_row_per_key: bool) -> bool:
    """The previous part's row keys are those its record says: one row per member; or, for
    parts whose members give any number of rows, rows of members only, each member's together."""
    if one_row_per_key:
        return set(keys) == set(members) and len(set(keys)) == len(keys)
    return _ascending(keys) and set(keys) <= set(members)


def merge_part(folder: Path, paths: dict[str, str], part: Part, previous_dir: Path, olds: dict[str, dict],
               previous_members: tuple[str, dict[str, str]], deltas: dict | None = None) -> dict[str, dict] | None:
    """Write `part` into `folder` from the previous release's files of the same part; None
    (nothing written) when that cannot be done safely: the caller rebuilds it in full.
    `deltas`: receives, under the JSON file's path, (the previous part's JSON records that were
    not kept, the new ones): every other record is in both, byte for byte, so comparing these
    tells what changed between the two files (versioning.table_change) without reading them."""
    code, members = previous_members
    if code != part.code or part.members is None or part.build_rows is None or part.key_column is None:
        return None
    datas = {}
    for fmt, rel in paths.items():
        try:
            size, digest, data = _sha256(previous_dir / rel)
        except OSError:
            return None
        if size != olds[fmt]["bytes"] or "sha256:" + digest != olds[fmt]["hash"]:
            return None  # damaged: the caller's check reports it
        datas[fmt] = data
    old_table = pq.read_table(io.BytesIO(datas["parquet"]))
    old_keys = old_table.column(part.key_column).to_pylist()
    n_old = len(old_keys)
    if not _rows_match_members(old_keys, members, part.one_row_per_key):
        return None
    json_spans = _json_spans(datas["json"], n_old)
    csv_bounds = _csv_bounds(datas["csv"], n_old)
    if json_spans is None or csv_bounds is None:
        return None
    js, je = json_spans
    # unchanged members, those without rows included (a document without mentions is not built again)
    kept_keys = {k for k, v in part.members.items() if members.get(k) == v}
    keep = [i for i, k in enumerate(old_keys) if k in kept_keys]
    new_keys = sorted(k for k in part.members if k not in kept_keys)
    frame = part.build_rows(new_keys)
    fresh_keys = frame[part.key_column].tolist()
    if part.one_row_per_key and sorted(fresh_keys) != new_keys:
        return None
    if not part.one_row_per_key and (not _ascending(fresh_keys) or not set(fresh_keys) <= set(new_keys)):
        return None
    fresh, fresh_table = _serialised(part.table, frame)
    if fresh["csv"] is None or fresh["json"] is None:
        return None
    # merged order: by key (a part's rows are sorted by its key), then, within a key (whose rows
    # all come from the previous part or all from the new rows), in the order they came in
    order = sorted([(old_keys[i], 0, i) for i in keep] + [(k, 1, j) for j, k in enumerate(fresh_keys)])
    if not order or (part.one_row_per_key and any(a[0] == b[0] for a, b in zip(order, order[1:]))):
        return None
    # with no new rows, the schema is the previous file's, but as a full write makes it: read
    # back from Parquet, list items are named `element`, where a write from pandas names them
    # `item`, and the Arrow schema stored in the file would differ (schema.equals ignores it)
    schema = fresh_table.schema if len(fresh_keys) else _as_written(old_table.schema.remove_metadata())
    old_table = old_table.replace_schema_metadata(None)
    if len(fresh_keys) and not old_table.schema.equals(fresh_table.schema):
        try:
            old_table = old_table.cast(fresh_table.schema)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
    origin = np.fromiter((o for _, o, _ in order), dtype=np.int8, count=len(order))
    at = np.fromiter((i for _, _, i in order), dtype=np.int64, count=len(order))
    src = pa.concat_tables([old_table, fresh_table]) if len(fresh_keys) else old_table
    merged = src.take(pa.array(np.where(origin == 0, at, at + n_old))).combine_chunks()

    if deltas is not None:
        kept_rows = set(keep)
        deltas[paths["json"]] = ([datas["json"][js[i]:je[i]] for i in range(n_old) if i not in kept_rows], fresh["json"])
    files = _write_text_runs(folder, paths, _order_runs(origin, at), 0, datas, json_spans, csv_bounds, fresh,
                             datas["csv"][:csv_bounds[1]], len(order))
    # the Parquet file is written in memory and hashed there, not read back from the disk
    sink = io.BytesIO()
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    step = part.batch_rows or len(merged)
    for i in range(0, len(merged), step):
        writer.write_table(merged.slice(i, step))
    writer.close()
    files[paths["parquet"]] = _write_pieces(folder / paths["parquet"], [sink.getbuffer()], len(order))
    return {rel: files[rel] for rel in paths.values()}


def _as_written(schema: pa.Schema) -> pa.Schema:
    """The schema with its list columns' item fields named as pandas' conversion names them."""
    fields = [f.with_type(pa.list_(pa.field("item", f.type.value_type, f.type.value_field.nullable)))
              if pa.types.is_list(f.type) else f for f in schema]
    return pa.schema(fields)


def _order_runs(origin: np.ndarray, at: np.ndarray):
    """(origin, first, last) for each run of merged rows that are consecutive rows first..last
    of the same source (0: the previous part's rows, 1: the new rows), in the merged order."""
    n = len(origin)
    if not n:
        return
    starts = np.ones(n, dtype=bool)
    starts[1:] = (origin[1:] != origin[:-1]) | (at[1:] != at[:-1] + 1)
    bounds = [*np.flatnonzero(starts).tolist(), n]
    for a, b in zip(bounds, bounds[1:]):
        yield int(origin[a]), int(at[a]), int(at[b - 1])


def _write_text_runs(folder: Path, paths: dict, runs, old_kind, datas: dict, json_spans, csv_bounds, fresh: dict,
                     csv_head: bytes, rows: int) -> dict:
    """Write a table's CSV and JSON files as runs (kind, first, last): a run of `old_kind` is one slice
    of the previous file (a view, not a copy, separators included), any other run the new records'
    lines joined.  Returns {relative path: its file entry}."""
    js, je = json_spans
    old_json, old_csv = memoryview(datas["json"]), memoryview(datas["csv"])
    json_pieces, csv_pieces = [b"[\n"] if rows else [b"[]\n"], [csv_head]
    for n, (kind, a, b) in enumerate(runs):
        if n:
            json_pieces.append(b",\n")
        if kind == old_kind:
            json_pieces.append(old_json[js[a]:je[b]])
            csv_pieces.append(old_csv[csv_bounds[a + 1]:csv_bounds[b + 2]])
        else:
            json_pieces.append(b",\n".join(fresh["json"][a:b + 1]))
            csv_pieces.append(b"".join(fresh["csv"][a:b + 1]))
    if rows:
        json_pieces.append(b"\n]\n")
    for rel in paths.values():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    return {paths[fmt]: _write_pieces(folder / paths[fmt], pieces, rows)
            for fmt, pieces in (("csv", csv_pieces), ("json", json_pieces))}


def _write_pieces(path: Path, pieces: list, rows: int) -> dict:
    """Write the pieces one after the other (fsync'd), hashing them on the way."""
    h, size = hashlib.sha256(), 0
    with open(path, "wb") as f:
        for piece in pieces:
            h.update(piece)
            f.write(piece)
            size += len(piece)
        f.flush()
        os.fsync(f.fileno())
    return {"bytes": size, "sha256": h.hexdigest(), "rows": rows}


def _json_spans(data: bytes, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(starts, ends) of the n records of a published JSON file ("[\\n" rec ",\\n" rec ...
    "\\n]\\n"): JSON escapes newlines in strings, so newlines separate records only."""
    if n == 0:
        return (np.zeros(0, dtype=np.int64),) * 2 if data == b"[]\n" else None
    if not (data.startswith(b"[\n") and data.endswith(b"\n]\n")):
        return None
    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 0x0A)
    if len(newlines) != n + 2:
        return None
    starts = newlines[:n] + 1
    ends = newlines[1:n + 1].copy()
    ends[:-1] -= 1  # the comma before each newline but the last
    if n > 1 and not (buf[ends[:-1]] == 0x2C).all():
        return None
    return starts, ends


def _csv_bounds(data: bytes, n: int) -> list[int] | None:
    """Where the header and each of the n records of a CSV file start, and the file's end
    (see _csv_rows)."""
    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 0x0A)
    # the quotes before each newline, counted from the quotes' positions (a running count over
    # every byte cost seconds and 8 bytes per byte of a 100 MB table)
    quotes = np.flatnonzero(buf == 0x22)
    ends = newlines[(np.searchsorted(quotes, newlines) % 2) == 0] if len(newlines) else newlines
    if len(ends) != n + 1 or (len(data) and ends[-1] != len(data) - 1):
        return None
    return [0, *(ends + 1).tolist()]
