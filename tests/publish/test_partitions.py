"""Tables published by month: unchanged months are carried over (hard-linked, never rebuilt),
changed and new months are written, removed months disappear, readers see one table."""
from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from schemas import TABLES
from schemas.table_schema import empty_frame

from pipeline import datasets
from pipeline.publish import croissant, publish_release
from pipeline.publish.partitions import Part, parse_part_path, part_path, partition_key
from tests.sample_release import sample_tables


def _documents(file_names_by_month: dict[str, list[str]]) -> list[Part]:
    template = sample_tables()["documents"].iloc[0].to_dict()
    parts = []
    for month, names in file_names_by_month.items():
        rows = [{**template, "doc_id": f"{month}-{n}".ljust(16, "0")[:16], "file_name": n, "published": f"{month}-15"} for n in names]
        frame = pd.DataFrame(rows).astype(empty_frame(TABLES["documents"]).dtypes.to_dict())
        parts.append(Part("documents", month, f"fp:{month}:{','.join(names)}", lambda frame=frame: [frame], len(rows)))
    return parts


def _never_built(part: Part) -> Part:
    def fail():
        raise AssertionError(f"part {part.key} was rebuilt although its fingerprint is unchanged")

    return Part(part.table, part.key, part.fingerprint, fail, part.rows)


def _tables(documents: list[Part]) -> dict:
    tables = sample_tables()
    tables["documents"] = documents
    tables["mentions"] = []
    return tables


def test_partition_keys_and_paths():
    assert partition_key("2025-03-07") == "2025-03" and partition_key("2025-03") == "2025-03"
    assert partition_key(None) == "undated" and partition_key("") == "undated" and partition_key("2025") == "undated"
    assert part_path("documents", "2025-03", "csv") == "documents.csv/2025-03.csv"
    assert parse_part_path("documents.csv/2025-03.csv") == ("documents", "2025-03", "csv")
    assert parse_part_path("agreements.csv") is None


def test_unchanged_months_are_hard_linked_changed_ones_rewritten(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path, _tables(_documents({"2025-01": ["a.txt"], "2025-02": ["b.txt"]})), [])
    assert sorted(p.name for p in (first.path / "documents.parquet").iterdir()) == ["2025-01.parquet", "2025-02.parquet"]

    parts = _documents({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"], "2025-03": ["d.txt"]})
    second = publish_release(tmp_path, _tables([_never_built(parts[0]), parts[1], parts[2]]), [])
    assert second.created and second.previous_version == first.version
    for fmt in ("csv", "parquet", "json"):
        kept = f"documents.{fmt}/2025-01.{fmt}"
        assert os.path.samefile(first.path / kept, second.path / kept)  # one file on disk, two releases
        changed = f"documents.{fmt}/2025-02.{fmt}"
        assert not os.path.samefile(first.path / changed, second.path / changed)
        assert second.files[changed]["rows"] == 2 and second.files[f"documents.{fmt}/2025-03.{fmt}"]["rows"] == 1
    # the descriptor describes carried-over parts exactly as the release that wrote them
    old = {r["path"]: r for r in json.loads((first.path / "datapackage.json").read_text())["resources"]}
    new = {r["path"]: r for r in json.loads((second.path / "datapackage.json").read_text())["resources"]}
    assert new["documents.csv/2025-01.csv"]["hash"] == old["documents.csv/2025-01.csv"]["hash"]
    assert new["documents.csv/2025-03.csv"]["partition"] == "2025-03" and new["documents.csv/2025-03.csv"]["table"] == "documents"
    assert new["documents.csv/2025-03.csv"]["name"] == "documents-2025-03"
    assert new["documents.parquet/2025-03.parquet"]["name"] == "documents-2025-03-parquet"
    # readers see one table, months in order
    docs = datasets.load("documents", output_dir=tmp_path)
    assert docs["file_name"].tolist() == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert str(docs["file_name"].dtype) == "string"
    assert sum(len(b) for b in datasets.load_batches("documents", output_dir=tmp_path, rows=1)) == 4
    assert pd.read_parquet(second.path / "documents.parquet")["file_name"].tolist() == ["a.txt", "b.txt", "c.txt", "d.txt"]


def test_nothing_changed_means_no_new_version_and_nothing_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    parts = _documents({"2025-01": ["a.txt"], "undated": ["z.txt"]})
    first = publish_release(tmp_path, _tables(parts), [])
    again = publish_release(tmp_path, _tables([_never_built(p) for p in parts]), [])
    assert not again.created and again.version == first.version
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.version]


def test_removed_month_disappears_and_the_previous_release_keeps_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path, _tables(_documents({"2025-01": ["a.txt"], "2025-02": ["b.txt"]})), [])
    second = publish_release(tmp_path, _tables(_documents({"2025-02": ["b.txt"]})), [])
    assert not (second.path / "documents.csv" / "2025-01.csv").exists()
    assert (first.path / "documents.csv" / "2025-01.csv").exists()
    assert datasets.load("documents", output_dir=tmp_path)["file_name"].tolist() == ["b.txt"]
    assert datasets.load("documents", version=first.version, output_dir=tmp_path)["file_name"].tolist() == ["a.txt", "b.txt"]


def test_a_changed_fingerprint_rebuilds_the_month(tmp_path, monkeypatch):
    """The fingerprint covers the code too: new code is never served old files. When the
    rebuilt bytes equal the published ones, the data did not change: no new version."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    parts = _documents({"2025-01": ["a.txt"]})
    first = publish_release(tmp_path, _tables(parts), [])
    built = []

    def batches(p=parts[0]):
        built.append(p.key)
        return p.batches()

    second = publish_release(tmp_path, _tables([Part("documents", "2025-01", "new-code", batches, 1)]), [])
    assert built == ["2025-01"] and not second.created and second.version == first.version
    # the latest release still records the old fingerprint, but the bytes built for the new
    # one are known to be the published ones: the next run does not rebuild them again
    again = publish_release(tmp_path, _tables([_never_built(Part("documents", "2025-01", "new-code", batches, 1))]), [])
    assert built == ["2025-01"] and not again.created
    changed = _documents({"2025-01": ["a2.txt"]})[0]
    third = publish_release(tmp_path, _tables([Part("documents", "2025-01", "new-input", changed.batches, 1)]), [])
    assert third.created
    resources = {r["path"]: r for r in json.loads((third.path / "datapackage.json").read_text())["resources"]}
    assert resources["documents.csv/2025-01.csv"]["fingerprint"] == "new-input"


mlc = pytest.importorskip("mlcroissant")


def test_croissant_reads_the_monthly_parts_as_one_record_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    tables = _tables(_documents({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"]}))
    result = publish_release(tmp_path, tables, [])
    (result.path / "croissant.json").write_bytes(croissant.render(tables, result.version, result.files))
    doc = json.loads((result.path / "croissant.json").read_text())
    sets = {d["@id"]: d for d in doc["distribution"] if d["@type"] == "cr:FileSet"}
    assert sets["documents.parquet"]["includes"] == "documents.parquet/*.parquet"
    assert not [d for d in doc["distribution"] if "/" in d["@id"]]  # parts are reached through their set
    ds = mlc.Dataset(jsonld=str(result.path / "croissant.json"))
    assert not ds.metadata.ctx.issues.errors
    names = sorted(r["documents/file_name"] for r in ds.records(record_set="documents"))
    assert names == [b"a.txt", b"b.txt", b"c.txt"]
