"""Load a published release in a notebook: typed pandas DataFrames, one call.

    from pipeline import datasets
    procurements = datasets.load("procurements")                  # outputs/latest
    agreements = datasets.load("agreements", version="2026-11-24.ab12cd34", output_dir="outputs")
    mentions = datasets.load("mentions", output_dir="s3://bucket/deals")   # any fsspec URL
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from upath import UPath

from schemas import TABLES, column_order
from schemas.table_schema import column_dtype

from pipeline.storage import is_remote, read_pointer


def _root(output_dir) -> str:
    return str(output_dir or os.environ.get("DEALS_OUTPUT_DIR") or "outputs")


def release_dir(version: str = "latest", output_dir: str | Path | None = None):
    """The folder of a release: a local Path, or a UPath for a remote output (via its LATEST pointer)."""
    root = _root(output_dir)
    if is_remote(root):
        if version == "latest":
            version = read_pointer(root) or ""
        path = UPath(root) / "releases" / version
        if not version or not path.exists():
            raise FileNotFoundError(f"no release {version or 'latest'!r} under {root}")
        return path
    path = Path(root) / "latest" if version == "latest" else Path(root) / "releases" / version
    if not path.exists():
        raise FileNotFoundError(f"no release {version!r} under {root}/ (run `make run` first)")
    return path.resolve()


def versions(output_dir: str | Path | None = None) -> list[str]:
    root = _root(output_dir)
    releases = UPath(root) / "releases" if is_remote(root) else Path(root) / "releases"
    if not releases.exists():
        return []
    return sorted(p.name for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))


def _model(table: str):
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; published tables: {', '.join(TABLES)}")
    return TABLES[table]


def typed(df: pd.DataFrame, model) -> pd.DataFrame:
    cols = column_order(model)
    return pd.DataFrame({c: df[c].astype(column_dtype(model, c)) if c in df else pd.Series(dtype=column_dtype(model, c)) for c in cols})


def parquet_files(table: str, version: str = "latest", output_dir: str | Path | None = None) -> list:
    """The Parquet file of `table`, or its parts in month order (documents, mentions)."""
    _model(table)
    path = release_dir(version, output_dir) / f"{table}.parquet"
    if path.is_dir():
        return sorted((p for p in path.iterdir() if p.name.endswith(".parquet")), key=lambda p: p.name)
    return [path]


def _open(path):
    return path.open("rb") if isinstance(path, UPath) else open(path, "rb")


def load(table: str, version: str = "latest", output_dir: str | Path | None = None) -> pd.DataFrame:
    """Read `table` from a release's Parquet file(s) with the dtypes of its pandera model."""
    model = _model(table)
    frames = []
    for path in parquet_files(table, version, output_dir):
        with _open(path) as f:
            frames.append(pq.read_table(f).to_pandas(ignore_metadata=True))
    if not frames:
        return typed(pd.DataFrame(), model)
    return typed(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0], model)


def load_batches(table: str, version: str = "latest", output_dir: str | Path | None = None, rows: int = 20_000):
    """`table` as typed frames of at most `rows` rows: for tables too large to hold at once."""
    model = _model(table)
    files = parquet_files(table, version, output_dir)
    if not files:
        yield typed(pd.DataFrame(), model)
    for path in files:
        with _open(path) as f:
            parquet = pq.ParquetFile(f)
            if parquet.metadata.num_rows == 0:
                yield typed(parquet.read().to_pandas(ignore_metadata=True), model)
                continue
            for batch in parquet.iter_batches(batch_size=rows):
                yield typed(batch.to_pandas(ignore_metadata=True), model)
