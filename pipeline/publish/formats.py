"""Serialise a typed table to CSV, Parquet and JSON bytes, deterministically.

Bytes are produced in memory first so that a release can be hashed, compared with the
previous one and then written in one go.
"""
from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

LIST_SEPARATOR = ";"
# Cells a spreadsheet would execute as a formula (OWASP CSV injection list).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """Prefix a formula-looking cell with an apostrophe so spreadsheets show it as text."""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _plain(value):
    """A JSON-ready Python value: NA -> None, arrays -> lists, integral floats stay floats."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def records(df: pd.DataFrame) -> list[dict]:
    cols = list(df.columns)
    return [{c: _plain(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


def _csv_cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, float):
        value = repr(value)
    elif not isinstance(value, str):
        value = str(value)
    return neutralise_cell(value)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(df.columns)
    for row in df.itertuples(index=False, name=None):
        writer.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def to_json_bytes(df: pd.DataFrame) -> bytes:
    lines = [json.dumps(r, ensure_ascii=False, allow_nan=False) for r in records(df)]
    body = ",\n".join(lines)
    return ("[\n" + body + "\n]\n" if lines else "[]\n").encode("utf-8")


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    table = pa.Table.from_pandas(df, preserve_index=False)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", write_statistics=True)
    return buf.getvalue()


WRITERS = {"csv": to_csv_bytes, "parquet": to_parquet_bytes, "json": to_json_bytes}
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "json": "application/json"}
