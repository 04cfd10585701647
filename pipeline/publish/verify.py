"""Verify a published release where users read it: every file's bytes against datapackage.json, and the
rows it wrote against the pandera models.

A part hard-linked from the previous release is hashed but not validated again, and of a file merged
from the previous release's only the rows that differ from it are (with uniqueness checked whole):
otherwise every refresh would cost as much as validating the whole corpus.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import TABLES

from pipeline.datasets import file_batches, release_dir, typed
from pipeline.store.fingerprints import publisher_fingerprint
from pipeline.publish.database import check_database
from pipeline.publish.index import descriptor_resources, rows_per_table
from pipeline.publish.release import release_resources, size_and_sha256
from pipeline.publish.tablemerge import changed_rows, row_key, unique_columns

VALIDATION_BATCH = 20_000


@dataclass
class IntegrityReport:
    version: str | None  # None: there is no latest release
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    files_revalidated: int = 0
    files_carried_over: int = 0  # hard-linked from the previous release: hashed, not re-validated
    rows_validated: int = 0  # rows equal to the previous release's are not sent through the models

    @property
    def passed(self) -> bool:
        return self.version is not None and not self.problems


def _unchanged_since_checked(latest, res: dict, previous_resources: dict[str, dict], previous) -> bool:
    """A part carried over from the previous release (same hash, same file on disk: a hard
    link) was validated against its model when that release was published; its bytes are
    verified against the hash on every run, but re-validating it would make every refresh
    cost as much as the whole corpus. Remote parts are always re-validated."""
    old = previous_resources.get(res["path"])
    if previous is None or old is None or old["hash"] != res["hash"] or not isinstance(latest, Path):
        return False
    try:
        return os.path.samefile(latest / res["path"], previous / res["path"])
    except OSError:
        return False


def _hash_problem(res: dict, size: int, digest: str) -> str | None:
    if size == res["bytes"] and "sha256:" + digest == res["hash"]:
        return None
    return (f"{res['path']}: holds sha256:{digest} ({size} bytes) but datapackage.json records {res['hash']} "
            f"({res['bytes']} bytes); edited in place or damaged (the next run rebuilds it)")


CHECKED = "release_checked.json"  # beside the releases: the last release that passed release_integrity


def _check_code() -> str:
    """What a row's verdict depends on: the models (schemas/ is in the publisher fingerprint) and pandera."""
    import pandera

    return f"{publisher_fingerprint()}\0{pandera.__version__}"


def _record_passed(output_dir: Path, version: str) -> None:
    tmp = output_dir / f".{CHECKED}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps({"version": version, "code": _check_code()}) + "\n", encoding="utf-8")
    os.replace(tmp, output_dir / CHECKED)


def _passed(output_dir: Path, version: str) -> bool:
    """`version` passed this check under the current models (a damaged record: it did not)."""
    try:
        value = json.loads((output_dir / CHECKED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(value, dict) and value.get("version") == version and value.get("code") == _check_code()


def _previous_table(previous: Path, old: dict):
    """The previous release's file as an Arrow table, when it holds the bytes its release
    records (else None: nothing of it is trusted)."""
    try:
        data = (previous / old["path"]).read_bytes()
        if len(data) != old["bytes"] or "sha256:" + hashlib.sha256(data).hexdigest() != old["hash"]:
            return None
        return pq.read_table(pa.BufferReader(data))
    except Exception:  # noqa: BLE001 - unreadable: validate the new file whole
        return None


def _validate_whole(path, table: str) -> int:
    """Validate a published Parquet file against its model, batch by batch; raises on failure."""
    model, n = TABLES[table], 0
    for batch in file_batches(path, model, VALIDATION_BATCH):
        model.validate(batch, lazy=True)
        n += len(batch)
    return n


def _rows_to_validate(path: Path, table: str, old: pa.Table) -> pa.Table:
    """The rows of a published Parquet file that differ from `old` (the previous release's file
    of the same path, which passed this check under the same models): every rule of the models
    is a rule on one row but uniqueness, which is checked here on the whole file (raises)."""
    model = TABLES[table]
    with path.open("rb") as f:
        new = pq.read_table(f)
    for column in unique_columns(model):
        values = new.column(column)
        if pc.count_distinct(values, mode="all").as_py() != new.num_rows:
            seen = pd.Series(values.to_pylist(), dtype=object)
            raise ValueError(f"column {column!r} is not unique: {seen[seen.duplicated()].unique().tolist()[:5]}")
    return new.filter(pa.array(changed_rows(new, old, row_key(model)))).replace_schema_metadata(None)


def _validate_rows(table: str, fresh: list[tuple[str, pa.Table]]) -> list[str]:
    """Validate the rows to check of a table's files (path, rows) in one pass (each pandera call
    has a fixed cost: a backfill rewrites ~100 parts); the files are named when it fails."""
    model = TABLES[table]
    fresh = [(path, rows) for path, rows in fresh if rows.num_rows]
    if not fresh:
        return []
    try:
        rows = pa.concat_tables([r for _, r in fresh])
        for i in range(0, rows.num_rows, VALIDATION_BATCH):
            model.validate(typed(rows.slice(i, VALIDATION_BATCH).to_pandas(ignore_metadata=True), model), lazy=True)
        return []
    except Exception:  # noqa: BLE001 - find the file(s) at fault, one by one
        pass
    problems = []
    for path, rows in fresh:
        try:
            model.validate(typed(rows.to_pandas(ignore_metadata=True), model), lazy=True)
        except Exception as exc:  # noqa: BLE001 - reported, not raised: this check runs after the write
            problems.append(f"{path}: {type(exc).__name__}: {str(exc)[:300]}")
    return problems


def verify_release(output_dir: str, output_path: Path) -> IntegrityReport:
    """Check the latest release under `output_dir` (a folder or bucket); record a pass in `output_path`
    (the local output folder) so that the next check trusts this release's rows."""
    try:
        latest = release_dir("latest", output_dir)
    except FileNotFoundError:
        return IntegrityReport(version=None, problems=["no latest release"])
    pkg = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
    previous_version = json.loads((latest / "changes.json").read_text(encoding="utf-8")).get("previous_version")
    previous = latest.parent / previous_version if previous_version and isinstance(latest, Path) else None
    previous_resources = release_resources(previous)
    if previous_resources is None:
        previous, previous_resources = None, {}
    # rows of the previous release are trusted only when it passed this check under these models
    trusted = previous is not None and _passed(output_path, previous.name)
    # Every file is read and hashed: a part shared with earlier releases is one file on disk,
    # and an edit of it in any release is an edit of this one.
    report = IntegrityReport(version=pkg["version"], files_checked=len(pkg["resources"]))
    revalidate = []
    for res in pkg["resources"]:
        size, digest = size_and_sha256(latest / res["path"])
        problem = _hash_problem(res, size, digest)
        if problem:
            report.problems.append(problem)
        elif _unchanged_since_checked(latest, res, previous_resources, previous):
            report.files_carried_over += 1
            continue
        revalidate.append(res)
    report.files_revalidated = len(revalidate)
    # batch by batch: the documents table holds every article's text
    fresh: dict[str, list] = {}
    for res in revalidate:
        if res["format"] != "parquet":
            continue
        table = res.get("table") or res["path"].split(".", 1)[0]
        old = previous_resources.get(res["path"]) if trusted else None
        old = _previous_table(previous, old) if old else None
        try:
            if old is None:
                report.rows_validated += _validate_whole(latest / res["path"], table)
            else:
                rows = _rows_to_validate(latest / res["path"], table, old)
                fresh.setdefault(table, []).append((res["path"], rows))
                report.rows_validated += rows.num_rows
        except Exception as exc:  # noqa: BLE001 - reported, not raised: this check runs after the write
            report.problems.append(f"{res['path']}: {type(exc).__name__}: {str(exc)[:300]}")
    for table, rows in fresh.items():
        report.problems.extend(_validate_rows(table, rows))
    for res in pkg["resources"]:  # the database holds the rows the table files hold
        if res.get("format") == "sqlite" and isinstance(latest, Path) and (latest / res["path"]).is_file():
            report.problems.extend(check_database(latest / res["path"], rows_per_table(descriptor_resources(pkg))))
    if not report.problems and isinstance(latest, Path):
        _record_passed(output_path, pkg["version"])
    return report
