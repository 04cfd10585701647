"""Read a table's published file(s) as a test would: one file, or its monthly parts in order."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path


def table_files(release: Path, table: str, fmt: str) -> list[Path]:
    path = Path(release) / f"{table}.{fmt}"
    return sorted(path.glob(f"*.{fmt}")) if path.is_dir() else [path]


def json_rows(release: Path, table: str) -> list[dict]:
    return [row for f in table_files(release, table, "json") for row in json.loads(f.read_text(encoding="utf-8"))]


def csv_rows(release: Path, table: str) -> list[dict]:
    return [row for f in table_files(release, table, "csv")
            for row in csv.DictReader(io.StringIO(f.read_text(encoding="utf-8"), newline=""))]
