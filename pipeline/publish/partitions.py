"""Large tables are published in parts by publication month, so a refresh rewrites only
the months that changed.

A release holds `documents` and `mentions` as one file per month and format::

    documents.parquet/2025-03.parquet   documents.csv/2025-03.csv   documents.json/2025-03.json
    mentions.parquet/2025-03.parquet    ...                          mentions.json/undated.json

(the Spark / Hive convention of a folder named like the table: `pandas.read_parquet(
"latest/documents.parquet")` reads every part). News arrives in date order, so the
articles of a refresh land in the newest months; every other part is carried over from
the previous release unchanged (hard-linked, not rewritten) when its fingerprint (what
went into it: the documents' cache keys and the code that reads, extracts and writes
them) equals the one recorded in the previous release's datapackage.json, and its bytes
still have the hash recorded there (see release.py).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable

import pandas as pd

PARTITIONED_TABLES = ("documents", "mentions")
UNDATED = "undated"


def partition_key(published: str | None) -> str:
    """`YYYY-MM` of an ISO publication date; `undated` when there is none."""
    if published and len(published) >= 7 and published[4] == "-":
        return published[:7]
    return UNDATED


def part_path(table: str, key: str, fmt: str) -> str:
    return f"{table}.{fmt}/{key}.{fmt}"


def parse_part_path(path: str) -> tuple[str, str, str] | None:
    """(table, key, format) of a part's path, None for a whole-table file."""
    folder, sep, name = path.partition("/")
    if not sep:
        return None
    table, fmt = folder.rsplit(".", 1)
    return table, name[: -len(fmt) - 1], fmt


def fingerprint(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") + b"\0")
    return h.hexdigest()[:32]


@dataclass
class Part:
    """One month of a partitioned table: its fingerprint, and its rows on demand."""

    table: str
    key: str
    fingerprint: str
    batches: Callable[[], Iterable[pd.DataFrame]]
    rows: int | None = None  # when known without building the rows
    # Optional, to rebuild a changed part by merging (see merging.py): row key -> fingerprint
    # of what the row is made of, the code that makes rows, the key column (rows are sorted
    # by it), the rows of some keys as one frame, and the rows per Parquet row group.
    members: dict[str, str] | None = None
    code: str | None = None
    key_column: str | None = None
    build_rows: Callable[[list[str]], pd.DataFrame] | None = None
    batch_rows: int | None = None
    # False when a member gives any number of rows, next to each other (a document's mentions:
    # none, one or several), rather than exactly one
    one_row_per_key: bool = True


def rows_by_table(files: dict[str, dict]) -> dict[str, int]:
    """Rows per table, from the release's CSV files: a whole-table file, or the sum of its parts."""
    rows: dict[str, int] = {}
    for name, info in files.items():
        if name.endswith(".csv") and "rows" in info:
            table = name.split(".", 1)[0]
            rows[table] = rows.get(table, 0) + info["rows"]
    return rows
