"""Load a published release in a notebook: typed pandas DataFrames, one call.

    from pipeline import datasets
    procurements = datasets.load("procurements")                  # <project>/outputs/latest
    agreements = datasets.load("agreements", version=datasets.versions()[0])   # a kept release, by version
    mentions = datasets.load("mentions", output_dir="s3://bucket/deals")   # any fsspec URL

Where releases are looked for (the same wherever Python starts: a notebook kernel runs in
notebooks/, a script anywhere):
1. `output_dir`, when given (a relative path is taken against the working folder, as paths are);
2. else $DEALS_OUTPUT_DIR (a relative value is taken against the project root, as `make` does:
   `DEALS_OUTPUT_DIR=outputs`, the Makefile's default, means the project's outputs/ from anywhere);
3. else the project's own outputs/, found from this package's location (the checkout that
   `make run` installs editable), and, for an install that is not a checkout, ./outputs.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from upath import UPath

from schemas import TABLES, column_order
from schemas.table_schema import column_dtype

from pipeline.publish.index import release_order
from pipeline.storage import is_remote, read_pointer


# The checkout this package is installed from (editable: `make run`), so outputs/ is the project's.
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _candidates(output_dir) -> list[tuple[str, str]]:
    """(root, why) in the order looked at; see the module docstring."""
    if output_dir:
        return [(str(output_dir), "output_dir argument")]
    env = os.environ.get("DEALS_OUTPUT_DIR")
    if env:
        if is_remote(env) or Path(env).expanduser().is_absolute():
            return [(env if is_remote(env) else str(Path(env).expanduser()), "DEALS_OUTPUT_DIR")]
        return [(str(PROJECT_ROOT / env), f"DEALS_OUTPUT_DIR={env}, relative to the project root")]
    found = [(str(PROJECT_ROOT / "outputs"), "the project's outputs/")]
    here = Path.cwd() / "outputs"
    if here.resolve() != (PROJECT_ROOT / "outputs").resolve():
        found.append((str(here), "outputs/ under the working folder"))
    return found


def _root(output_dir) -> str:
    """The output folder (local path or URL): the first candidate that exists, else the first."""
    candidates = _candidates(output_dir)
    return next((root for root, _ in candidates if is_remote(root) or Path(root).is_dir()), candidates[0][0])


def _not_found(version: str, output_dir) -> FileNotFoundError:
    looked = "; ".join(f"{root} ({why})" for root, why in _candidates(output_dir))
    return FileNotFoundError(f"no release {version!r}: looked in {looked}. Run `make run` first, "
                             "or set DEALS_OUTPUT_DIR (or pass output_dir=) to the folder that holds releases/ and latest")


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
        raise _not_found(version, output_dir)
    return path.resolve()


def versions(output_dir: str | Path | None = None) -> list[str]:
    """Every release kept, oldest first (the order they were cut in, as releases.json lists
    them; without a current index, from the releases' own created times and previous links).
    Names of every layout are listed (`2026-11-24.15bf5108`, `2026-11-25.001.ab12cd34`)."""
    root = _root(output_dir)
    return release_order(UPath(root) if is_remote(root) else Path(root))


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


def resolve_id(record_id: str, version: str = "latest", output_dir: str | Path | None = None) -> list[str]:
    """The ids in a release that hold what `record_id`, from this or any earlier release,
    described (its id map: README, "Record ids"): `[record_id]` when the id did not move, `[]`
    when the record's evidence is gone altogether (its documents were removed)."""
    from pipeline.publish.idmap import resolve

    if not (release_dir(version, output_dir) / "id_map.parquet").exists():  # a release from before the id map
        return [record_id]
    id_map = load("id_map", version, output_dir)
    if (id_map["old_id"] == record_id).any():
        return resolve(record_id, id_map)
    table, column = ("agreements", "agreement_id") if record_id.startswith("agr-") else ("procurements", "procurement_id")
    with _open(parquet_files(table, version, output_dir)[0]) as f:
        ids = pq.read_table(f, columns=[column]).column(column).to_pylist()
    return [record_id] if record_id in ids else []


def load_batches(table: str, version: str = "latest", output_dir: str | Path | None = None, rows: int = 20_000):
    """`table` as typed frames of at most `rows` rows: for tables too large to hold at once."""
    model = _model(table)
    files = parquet_files(table, version, output_dir)
    if not files:
        yield typed(pd.DataFrame(), model)
    for path in files:
        yield from file_batches(path, model, rows)


def file_batches(path, model, rows: int = 20_000):
    """One Parquet file (a Path or a UPath) as frames of at most `rows` rows typed by `model`;
    an empty file gives one empty frame (with its columns)."""
    with _open(path) as f:
        parquet = pq.ParquetFile(f)
        if parquet.metadata.num_rows == 0:
            yield typed(parquet.read().to_pandas(ignore_metadata=True), model)
            return
        for batch in parquet.iter_batches(batch_size=rows):
            yield typed(batch.to_pandas(ignore_metadata=True), model)
