"""Write a typed table as CSV, Parquet or JSON, deterministically, batch by batch.

Tables arrive as an iterable of DataFrames (batches) so that a large table (documents with
their texts) never has to be in memory at once; the same rows in the same batches give
the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
import math
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas.table_schema import CSV_LIST_DELIMITER

LIST_SEPARATOR = CSV_LIST_DELIMITER  # the CSV files' Table Schema declares it (type `list`)
# Cells a spreadsheet would execute as a formula (OWASP CSV injection list).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "json": "application/json"}


def neutralise_cell(text: str) -> str:
    """Prefix a formula-looking cell with an apostrophe so spreadsheets show it as text."""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _plain(value):
    """A JSON-ready Python value: NA -> None, arrays -> lists."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _csv_cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, bool):
        value = "true" if value else "false"  # Table Schema's canonical booleans
    elif isinstance(value, float):
        value = repr(value)
    elif not isinstance(value, str):
        value = str(value)
    return neutralise_cell(value)


# Serialising cell by cell in Python (the functions above) dominated a release's run time.
# Columns of the published dtypes are converted a whole column at a time with Arrow
# instead; any other dtype falls back to the per-cell functions, which define the output.

def _arrow_column(s: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """The column as an Arrow array when its values convert to the same Python values as
    iterating the Series does (strings, Int64, Float64, lists of strings); else None."""
    dtype = s.dtype
    if isinstance(dtype, pd.ArrowDtype):
        t = dtype.pyarrow_dtype
        if not (_is_text(t) or pa.types.is_int64(t) or pa.types.is_float64(t)
                or (pa.types.is_list(t) and _is_text(t.value_type))):
            return None
    elif not isinstance(dtype, (pd.StringDtype, pd.Int64Dtype, pd.Float64Dtype)):
        return None
    return pa.array(s)  # zero-copy for Arrow-backed columns


def _is_text(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t)


def _plain_column(s: pd.Series) -> list:
    """`_plain` of every value of the column, in order."""
    arr = _arrow_column(s)
    if arr is None:
        return [_plain(v) for v in s]
    values = arr.to_pylist()
    if pa.types.is_floating(arr.type) and pc.any(pc.is_nan(arr)).as_py():
        values = [None if v is not None and math.isnan(v) else v for v in values]
    return values


# pyarrow.compute regex (RE2) matching the cells neutralise_cell prefixes.
_FORMULA_START = r"^[=+\-@\t\r]"


def _neutralise_column(arr):
    """neutralise_cell over a text array without nulls."""
    formula = pc.match_substring_regex(arr, _FORMULA_START)
    if not pc.any(formula).as_py():
        return arr
    quoted = pc.binary_join_element_wise(pa.scalar("'", arr.type), arr, pa.scalar("", arr.type))
    return pc.if_else(formula, quoted, arr)


def _csv_column(s: pd.Series) -> list[str]:
    """`_csv_cell` of every value of the column, in order."""
    arr = _arrow_column(s)
    if arr is None:
        return [_csv_cell(v) for v in s]
    if pa.types.is_floating(arr.type):
        # repr() is the rendering: Arrow's float formatting differs ('1e+16' vs '1e16')
        return [neutralise_cell(repr(v)) if v is not None and not math.isnan(v) else "" for v in arr.to_pylist()]
    if pa.types.is_list(arr.type):
        if pc.list_flatten(arr).null_count:
            return [_csv_cell(v) for v in s]  # str(None) inside a list: leave it to the per-cell path
        arr = pc.binary_join(arr, LIST_SEPARATOR)
    elif pa.types.is_integer(arr.type):
        arr = pc.cast(arr, pa.string())
    return _neutralise_column(arr.fill_null("")).to_pylist()


def records(df: pd.DataFrame) -> list[dict]:
    cols = list(df.columns)
    return [dict(zip(cols, row)) for row in zip(*(_plain_column(df[c]) for c in cols))] if cols else \
        [{} for _ in range(len(df))]


class CsvWriter:
    def __init__(self, sink: BinaryIO, empty: pd.DataFrame):
        self._text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        self._csv.writerow(list(empty.columns))

    def write(self, df: pd.DataFrame) -> None:
        if len(df.columns):
            # csv.writer does the quoting, so it stays exactly that of the standard library
            self._csv.writerows(zip(*(_csv_column(df[c]) for c in df.columns)))
        else:
            self._csv.writerows([] for _ in range(len(df)))

    def close(self) -> None:
        self._text.detach()


# One encoder for all rows: json.dumps() with options builds a new one per call.
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


class JsonWriter:
    """An array of records, one record a line."""

    def __init__(self, sink: BinaryIO, empty: pd.DataFrame):
        self._sink, self._first = sink, True

    def write(self, df: pd.DataFrame) -> None:
        lines = [_JSON.encode(record) for record in records(df)]
        if not lines:
            return
        head = b"[\n" if self._first else b",\n"
        self._sink.write(head + ",\n".join(lines).encode("utf-8"))
        self._first = False

    def close(self) -> None:
        self._sink.write(b"[]\n" if self._first else b"\n]\n")


class ParquetWriter:
    """Typed columns (Arrow lists for list columns); one row group per batch."""

    def __init__(self, sink: BinaryIO, empty: pd.DataFrame):
        self._sink, self._empty, self._writer = sink, empty, None

    def write(self, df: pd.DataFrame) -> None:
        # Without pandas' own metadata: pandas 3 cannot read back the dtype names it records
        # for Arrow list columns, and the Arrow types alone say everything (lists stay lists).
        table = pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(None)
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._sink, table.schema, compression="zstd")
        self._writer.write_table(table)

    def close(self) -> None:
        if self._writer is None:
            self.write(self._empty)
        self._writer.close()


WRITERS = {"csv": CsvWriter, "parquet": ParquetWriter, "json": JsonWriter}

