"""datapackage.json is a Data Package v2 that frictionless validates: the CSV files are tables
checked row by row against Table Schemas that say what the cells hold; Parquet and JSON files
are checked by size and hash."""
from __future__ import annotations

import csv
import hashlib
import io
import json

import pandas as pd
import pytest

from schemas import TABLES
from schemas.table_schema import empty_frame, table_schema

from pipeline.publish import publish_release
from pipeline.publish.partitions import Part
from tests.sample_release import sample_tables

frictionless = pytest.importorskip("frictionless")


def _documents_by_month(months: dict[str, list[str]]) -> list[Part]:
    """Valid document rows (hex ids, hash prefix), one part per month."""
    template = sample_tables()["documents"].iloc[0].to_dict()
    parts = []
    for month, names in months.items():
        rows = []
        for name in names:
            raw = hashlib.sha256(name.encode()).hexdigest()
            rows.append({**template, "doc_id": raw[:16], "raw_sha256": raw, "file_name": name, "published": f"{month}-15"})
        frame = pd.DataFrame(rows).astype(empty_frame(TABLES["documents"]).dtypes.to_dict())
        parts.append(Part("documents", month, f"fp:{month}", lambda frame=frame: [frame], len(rows)))
    return parts


@pytest.fixture()
def release(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    tables = sample_tables()
    tables["documents"] = _documents_by_month({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"]})
    return publish_release(tmp_path, tables, [{"title": "a", "path": "a.txt"}])


def _errors(report) -> list[str]:
    return [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors] + \
        [f"package: {e.type}: {e.message}" for e in report.errors]


def test_frictionless_validates_every_resource(release):
    pkg = json.loads((release.path / "datapackage.json").read_text())
    assert pkg["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json" and "profile" not in pkg
    report = frictionless.validate(str(release.path / "datapackage.json"))
    assert report.valid, _errors(report)
    tasks = {task.name: task for task in report.tasks}
    assert set(tasks) == {r["name"] for r in pkg["resources"]} and len(tasks) == len(release.files)
    # the CSV files are tables, read row by row; the others files, checked by size and hash
    assert {tasks[r["name"]].type for r in pkg["resources"] if r["format"] == "csv"} == {"table"}
    assert tasks["documents-2025-02"].stats["rows"] == 2 and tasks["procurements"].stats["rows"] == 3
    for res in pkg["resources"]:
        assert tasks[res["name"]].stats["sha256"] == res["hash"].removeprefix("sha256:")
        assert res.get("type") == {"csv": "table", "parquet": "file", "json": None}[res["format"]]
        assert ("rows" in res) == (res["format"] == "csv")


def test_frictionless_checks_the_csv_cells(release):
    """A value outside the schema is found (a table is read, not only hashed)."""
    path = release.path / "agreements.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][rows[0].index("status")] = "purchased"
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\n").writerows(rows)
    data = text.getvalue().encode("utf-8")
    path.unlink()  # a new file: never write through a published one (it may be hard-linked)
    path.write_bytes(data)
    pkg = json.loads((release.path / "datapackage.json").read_text())
    for res in pkg["resources"]:
        if res["path"] == "agreements.csv":
            res.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    (release.path / "datapackage.json").write_text(json.dumps(pkg))
    report = frictionless.validate(str(release.path / "datapackage.json"))
    assert [(t.name, e.type, e.field_name) for t in report.tasks for e in t.errors] == [("agreements", "constraint-error", "status")]


def test_csv_list_columns_are_delimited_lists_and_may_be_empty():
    csv_fields = {f["name"]: f for f in table_schema("agreements", TABLES["agreements"], csv=True)["fields"]}
    typed = {f["name"]: f for f in table_schema("agreements", TABLES["agreements"])["fields"]}
    assert csv_fields["parties"]["type"] == "list" and csv_fields["parties"]["delimiter"] == ";"
    assert csv_fields["parties"]["itemType"] == "string"
    # an empty list is an empty cell, read as missing: not `required` in CSV; never null in JSON/Parquet
    assert "required" not in csv_fields["signatories"].get("constraints", {})
    assert "empty cell is an empty list" in csv_fields["signatories"]["description"]
    assert typed["signatories"]["type"] == "array" and typed["signatories"]["constraints"]["required"] is True
    # every other column is the same in both
    for name, field in typed.items():
        if field["type"] != "array":
            assert csv_fields[name] == field
