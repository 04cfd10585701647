"""A content-addressed store of data (never code) under the output dir.

The output folder may be shared (a volume every pod of a cluster mounts), so whatever is
read back from it is untrusted input: an entry holds JSON (records, small values) or
Parquet (typed frames), never a pickle, and decoding it can only ever build plain values
and the record classes listed in `codec.py`.

Every entry starts with one header line naming its format and the SHA-256 of the payload
after it; the hash is checked on every read. An entry that is missing, torn, tampered with
or of an unexpected shape is a miss: it is reported once (a warning naming the entry),
removed, and the caller rebuilds it ("never mask problems" applies to data, and a cache
is not data: it can always be rebuilt from the corpus).

Entries are written to a temporary name and renamed, so a run killed mid-write leaves no
torn entry.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.store.codec import CacheFormatError, decode_json, encode_json

MAGIC = b"defence-deals-cache/1"
_LOG = logging.getLogger("pipeline.cache")
_reported: set[str] = set()  # entries already warned about in this process


class DiskCache:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, namespace: str, key: str, kind: str = "json") -> Path:
        # ".entry", not ".json": an entry is a header line and a payload, not a JSON file
        return self.root / namespace / key[:2] / f"{key}.{kind}.entry"

    # ------------------------------------------------------------ records (JSON)

    def get(self, namespace: str, key: str):
        """The value stored under the key, or None when it is missing or unusable."""
        payload = self._payload(namespace, key, "json")
        if payload is None:
            return None
        try:
            return decode_json(payload)
        except (CacheFormatError, ValueError, TypeError, RecursionError) as exc:
            self._bad(self.path(namespace, key, "json"), f"cannot be decoded ({type(exc).__name__}: {str(exc)[:200]})")
            return None

    def get_valid(self, namespace: str, key: str, is_valid, what: str):
        """`get`, for an entry whose value must pass `is_valid`: the store checks the bytes,
        each reader the shape it expects. An entry of another shape is reported as not
        `what`, removed, and None is returned (a miss)."""
        value = self.get(namespace, key)
        if value is None or is_valid(value):
            return value
        self.discard(namespace, key, f"is not {what}")
        return None

    def put(self, namespace: str, key: str, value) -> None:
        self._write(self.path(namespace, key, "json"), "json", encode_json(value))

    # ------------------------------------------------------------ frames (Parquet)

    def get_frame(self, namespace: str, key: str) -> pd.DataFrame | None:
        """The frame stored under the key, with its columns' dtypes, or None."""
        payload = self._payload(namespace, key, "parquet")
        if payload is None:
            return None
        try:
            return _frame_from_parquet(payload)
        except Exception as exc:  # noqa: BLE001 - any unreadable frame is a miss, whatever pyarrow raises
            self._bad(self.path(namespace, key, "parquet"), f"cannot be read as a frame ({type(exc).__name__}: {str(exc)[:200]})")
            return None

    def put_frame(self, namespace: str, key: str, df: pd.DataFrame) -> None:
        self._write(self.path(namespace, key, "parquet"), "parquet", _frame_to_parquet(df))

    # ------------------------------------------------------------ raw bytes

    def get_bytes(self, namespace: str, key: str) -> bytes | None:
        """The bytes stored under the key (checked against the header's hash), or None. For
        payloads read in slices (a month's consolidation blocks): decoding them is the reader's."""
        return self._payload(namespace, key, "bytes")

    def put_bytes(self, namespace: str, key: str, data: bytes) -> None:
        self._write(self.path(namespace, key, "bytes"), "bytes", data)

    # ------------------------------------------------------------ checks

    def verify(self, namespace: str, key: str, kind: str = "json") -> bool:
        """The entry is there and its payload matches its hash (read, not decoded)."""
        return self._payload(namespace, key, kind) is not None

    def has(self, namespace: str, key: str, kind: str = "json") -> bool:
        """The entry's file exists (cheap; `get` still checks it when it is read)."""
        return self.path(namespace, key, kind).exists()

    def discard(self, namespace: str, key: str, why: str, kind: str = "json") -> None:
        """Drop an entry that reads back fine but is not what its caller expects."""
        self._bad(self.path(namespace, key, kind), why)

    # ------------------------------------------------------------ framing

    def _payload(self, namespace: str, key: str, kind: str) -> bytes | None:
        path = self.path(namespace, key, kind)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._bad(path, f"cannot be read ({exc.strerror or exc})", remove=False)
            return None
        head, sep, payload = data.partition(b"\n")
        parts = head.split(b" ")
        if not sep or len(parts) != 3 or parts[0] != MAGIC or parts[1] != kind.encode():
            self._bad(path, "has no valid header (not written by this version, or damaged)")
            return None
        if hashlib.sha256(payload).hexdigest().encode() != parts[2]:
            self._bad(path, "does not match its checksum (truncated or altered)")
            return None
        return payload

    def _write(self, path: Path, kind: str, payload: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        header = b" ".join([MAGIC, kind.encode(), hashlib.sha256(payload).hexdigest().encode()])
        with open(tmp, "wb") as f:
            f.write(header + b"\n")
            f.write(payload)
        os.replace(tmp, path)

    def _bad(self, path: Path, why: str, remove: bool = True) -> None:
        if str(path) not in _reported:
            _reported.add(str(path))
            _LOG.warning("cache entry %s %s: ignored and rebuilt", _relative(path, self.root), why)
        if remove:
            try:
                path.unlink()
            except OSError:
                pass


FORMAT_MARKER = ".format"  # in the cache root: which entry format its entries are in


def retire_legacy_entries(root: str | Path) -> int:
    """Remove the pickles an earlier version kept in the cache (never read since, but code in
    a folder others may write); once per cache, recorded by a marker. Returns how many."""
    root = Path(root)
    marker = root / FORMAT_MARKER
    if marker.is_file() and marker.read_bytes() == MAGIC:
        return 0
    removed = 0
    if root.is_dir():
        for path in sorted(root.rglob("*.pkl")):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    if removed:
        _LOG.warning("removed %d pickled cache entr%s left by an earlier version (never read)",
                     removed, "y" if removed == 1 else "ies")
    root.mkdir(parents=True, exist_ok=True)
    marker.write_bytes(MAGIC)
    return removed


def _relative(path: Path, root: Path) -> str:
    # the entry as "cache/<namespace>/<xx>/<key>.<kind>.entry": no machine path in messages
    try:
        return f"cache/{path.relative_to(root).as_posix()}"
    except ValueError:
        return path.name


# ---------------------------------------------------------------- frames

_DTYPES_KEY = b"defence-deals/dtypes"


def _frame_to_parquet(df: pd.DataFrame) -> bytes:
    """Parquet bytes, with each column's pandas dtype written beside the schema: pyarrow's
    own pandas metadata cannot restore every dtype the tables use (Arrow list columns)."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    dtypes = json.dumps({c: _dtype_name(t) for c, t in df.dtypes.items()}).encode()
    table = table.replace_schema_metadata({_DTYPES_KEY: dtypes})
    buffer = io.BytesIO()
    # not "compliant" nested types: those rename a list's items to "element", and the frame
    # read back would differ from the one written (its Arrow list type is list<item: ...>)
    pq.write_table(table, buffer, use_compliant_nested_type=False)
    return buffer.getvalue()


def _dtype_name(dtype) -> str:
    """A name that gives back exactly this dtype (str() of a StringDtype drops its storage)."""
    if isinstance(dtype, pd.ArrowDtype):
        return "arrow"  # rebuilt from the Arrow type of the stored column
    if isinstance(dtype, pd.StringDtype):
        return f"string[{dtype.storage}]"
    return str(dtype)


def _frame_from_parquet(payload: bytes) -> pd.DataFrame:
    table = pq.read_table(pa.BufferReader(payload))
    dtypes = json.loads((table.schema.metadata or {})[_DTYPES_KEY])
    if list(dtypes) != table.column_names:
        raise CacheFormatError("the frame's columns differ from its recorded dtypes")
    columns = {}
    for name in table.column_names:
        column, dtype = table.column(name), dtypes[name]
        if dtype == "object":  # plain Python values (kept so for fast hash lookups)
            columns[name] = pd.Series(column.to_pylist(), dtype=object)
        elif dtype == "arrow":
            columns[name] = pd.Series(column.to_pandas(types_mapper=pd.ArrowDtype), dtype=pd.ArrowDtype(column.type))
        else:
            columns[name] = column.to_pandas(types_mapper=pd.ArrowDtype).astype(dtype)
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))
