"""Load a published release in a notebook: typed pandas DataFrames, one call.

    from pipeline import datasets
    procurements = datasets.load("procurements")                  # outputs/latest
    agreements = datasets.load("agreements", version="2026-11-24.ab12cd34", output_dir="outputs")
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from schemas import TABLES, column_order
from schemas.table_schema import column_dtype


def release_dir(version: str = "latest", output_dir: str | Path | None = None) -> Path:
    root = Path(output_dir or os.environ.get("DEALS_OUTPUT_DIR") or "outputs")
    path = root / "latest" if version == "latest" else root / "releases" / version
    if not path.exists():
        raise FileNotFoundError(f"no release {version!r} under {root}/ (run `make run` first)")
    return path.resolve()


def versions(output_dir: str | Path | None = None) -> list[str]:
    root = Path(output_dir or os.environ.get("DEALS_OUTPUT_DIR") or "outputs") / "releases"
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.exists() else []


def load(table: str, version: str = "latest", output_dir: str | Path | None = None) -> pd.DataFrame:
    """Read `table` from a release's Parquet file with the dtypes of its pandera model."""
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; published tables: {', '.join(TABLES)}")
    model = TABLES[table]
    arrow = pq.read_table(release_dir(version, output_dir) / f"{table}.parquet")
    df = arrow.to_pandas(types_mapper=None, ignore_metadata=True)
    cols = column_order(model)
    return pd.DataFrame({c: df[c].astype(column_dtype(model, c)) if c in df else pd.Series(dtype=column_dtype(model, c)) for c in cols})
