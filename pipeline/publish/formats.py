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
import pyarrow.parquet as pq

LIST_SEPARATOR = ";"
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


class CsvWriter:
    def __init__(self, sink: BinaryIO, empty: pd.DataFrame):
        self._text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        self._csv.writerow(list(empty.columns))

    def write(self, df: pd.DataFrame) -> None:
        self._csv.writerows([_csv_cell(v) for v in row] for row in df.itertuples(index=False, name=None))

    def close(self) -> None:
        self._text.detach()


class JsonWriter:
    """An array of records, one record a line."""

    def __init__(self, sink: BinaryIO, empty: pd.DataFrame):
        self._sink, self._first = sink, True

    def write(self, df: pd.DataFrame) -> None:
        for record in records(df):
            line = json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
            self._sink.write((b"[\n" if self._first else b",\n") + line)
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


def to_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    buf = io.BytesIO()
    writer = WRITERS[fmt](buf, df.iloc[0:0])
    if len(df):
        writer.write(df)
    writer.close()
    return buf.getvalue()


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    return to_bytes(df, "csv")


def to_json_bytes(df: pd.DataFrame) -> bytes:
    return to_bytes(df, "json")


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    return to_bytes(df, "parquet")
