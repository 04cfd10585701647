"""Release names that sort in creation order, semvers derived from the changes, and the
releases.json index (its content, and that it comes back when deleted or damaged)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline import datasets
from pipeline.publish import publish_release, versioning
from pipeline.publish import index as release_index
from pipeline.publish.release import content_digest, switch_latest
from tests.release_files import csv_rows
from tests.sample_release import sample_tables

EPOCH = "1764000000"  # 2025-11-24


def _procurements(n: int) -> dict:
    """The sample tables with the first `n` procurements (each step only adds records)."""
    tables = sample_tables()
    tables["procurements"] = tables["procurements"].iloc[:n].reset_index(drop=True)
    return tables


def _three_on_one_day(out: Path):
    return [publish_release(out, _procurements(n), []) for n in (1, 2, 3)]


def _index(out: Path) -> dict:
    return json.loads((out / "releases.json").read_text(encoding="utf-8"))


def test_three_releases_on_one_day_sort_in_creation_order(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first, second, third = _three_on_one_day(tmp_path)
    created = [first.version, second.version, third.version]
    assert [v.split(".")[:2] for v in created] == [["2025-11-24", "001"], ["2025-11-24", "002"], ["2025-11-24", "003"]]
    assert all(r.version.split(".")[2] == content_digest(r.files)[:8] for r in (first, second, third))  # the data's hash
    assert sorted(created) == created  # the name alone gives the order
    assert datasets.versions(output_dir=tmp_path) == created
    # without the index (and with a damaged one) the order comes from the releases' own files
    (tmp_path / "releases.json").unlink()
    assert datasets.versions(output_dir=tmp_path) == created
    (tmp_path / "releases.json").write_text("{not json", encoding="utf-8")
    assert datasets.versions(output_dir=tmp_path) == created


def test_names_never_go_back_and_count_per_day():
    digest = "ab" * 32
    assert versioning.new_name([], "2025-11-24", digest) == "2025-11-24.001.abababab"
    assert versioning.new_name(["2025-11-24.001.00000000", "2025-11-24.002.11111111"], "2025-11-24", digest) == "2025-11-24.003.abababab"
    assert versioning.new_name(["2025-11-24.002.11111111"], "2025-11-25", digest) == "2025-11-25.001.abababab"
    # a clock set back: the day stays that of the newest release, so names still sort in order
    assert versioning.new_name(["2025-11-25.001.11111111"], "2025-11-20", digest) == "2025-11-25.002.abababab"
    # names of the earlier scheme sort before the day's new names
    assert versioning.new_name(["2025-11-24.15bf5108"], "2025-11-24", digest) == "2025-11-24.001.abababab"
    assert sorted(["2025-11-24.002.00000000", "2025-11-24.ffffffff", "2025-11-24.001.ffffffff"], key=versioning.name_key) == \
        ["2025-11-24.ffffffff", "2025-11-24.001.ffffffff", "2025-11-24.002.00000000"]


def test_semver_bumps():
    assert versioning.bump(None, None) == "1.0.0"
    assert versioning.bump("1.4.2", "major") == "2.0.0"
    assert versioning.bump("1.4.2", "minor") == "1.5.0"
    assert versioning.bump("1.4.2", "patch") == "1.4.3"


def test_minor_when_records_are_only_added_major_when_changed_or_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    results = [publish_release(tmp_path, _procurements(2), [])]
    results.append(publish_release(tmp_path, _procurements(3), []))                    # a procurement added
    changed = _procurements(3)
    changed["agreements"].loc[0, "status"] = "cancelled"
    results.append(publish_release(tmp_path, changed, []))                             # an agreement changed
    documents = sample_tables()["documents"]
    more = changed | {"documents": pd.concat([documents, documents.assign(doc_id="ffffffffffffffff", file_name="b.txt")],
                                             ignore_index=True)}
    results.append(publish_release(tmp_path, more, []))                                # a document added
    results.append(publish_release(tmp_path, more | {"procurements": more["procurements"].iloc[1:]}, []))  # removed
    assert [r.semver for r in results] == ["1.0.0", "1.1.0", "2.0.0", "2.1.0", "3.0.0"]
    changes = [json.loads((r.path / "changes.json").read_text()) for r in results]
    assert [c["bump"] for c in changes] == ["first", "minor", "major", "minor", "major"]
    assert [c["semver"] for c in changes] == [r.semver for r in results]
    assert [c["previous_semver"] for c in changes] == [None, "1.0.0", "1.1.0", "2.0.0", "2.1.0"]
    for r in results:
        pkg = json.loads((r.path / "datapackage.json").read_text())
        assert pkg["semver"] == r.semver and pkg["version"] == r.version
    assert [e["semver"] for e in _index(tmp_path)["releases"]] == [r.semver for r in results]


def test_patch_when_the_files_change_but_not_the_records(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = publish_release(tmp_path, sample_tables(), [])
    real = pq.ParquetWriter

    class Snappy(real):  # another Parquet encoding: other bytes, the same records
        def __init__(self, sink, schema, **kwargs):
            super().__init__(sink, schema, **{**kwargs, "compression": "snappy"})

    monkeypatch.setattr(pq, "ParquetWriter", Snappy)
    second = publish_release(tmp_path, sample_tables(), [])
    assert second.created and second.version != first.version
    assert (first.semver, second.semver) == ("1.0.0", "1.0.1")


def test_index_lists_every_release_with_its_facts(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    results = _three_on_one_day(tmp_path)
    doc = _index(tmp_path)
    assert doc["latest"] == results[-1].version == os.readlink(tmp_path / "latest").split("/")[-1]
    entries = doc["releases"]
    assert [e["version"] for e in entries] == [r.version for r in results]
    assert [e["previous"] for e in entries] == [None, results[0].version, results[1].version]
    assert [e["semver"] for e in entries] == ["1.0.0", "1.1.0", "1.2.0"]
    for entry, result in zip(entries, results):
        assert entry["created"] == "2025-11-24T16:00:00Z"
        assert entry["datapackage_sha256"] == hashlib.sha256((result.path / "datapackage.json").read_bytes()).hexdigest()
        assert entry["rows"] == {table: len(csv_rows(result.path, table)) for table in
                                 ("agreements", "corrections", "documents", "id_map", "mentions", "procurements", "rejected", "review")}
        assert "problem" not in entry and "derived_semver" not in entry
    assert [e["rows"]["procurements"] for e in entries] == [1, 2, 3]


def test_index_comes_back_when_deleted_or_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    results = _three_on_one_day(tmp_path)
    good = (tmp_path / "releases.json").read_bytes()
    damages = [None, b"\x00garbage", b'{"releases": [{"version": "x"}]}', b'{"releases": "none"}',
               json.dumps({"latest": None, "releases": [{**e, "semver": "one"} for e in json.loads(good)["releases"]]}).encode()]
    for damage in damages:
        if damage is None:
            (tmp_path / "releases.json").unlink()
        else:
            (tmp_path / "releases.json").write_bytes(damage)
        again = publish_release(tmp_path, _procurements(3), [])  # the same data: no new release
        assert not again.created and again.version == results[-1].version and again.semver == "1.2.0"
        assert (tmp_path / "releases.json").read_bytes() == good, damage


def _to_legacy(out: Path, names: dict[str, str]) -> None:
    """Turn releases into what the publisher wrote before this scheme: folders named
    <date>.<hash8>, no semver nor previous_version in datapackage.json, the v1 profile, and no
    releases.json."""
    for version, legacy in names.items():
        folder = out / "releases" / version
        pkg = json.loads((folder / "datapackage.json").read_text())
        for key in ("semver", "previous_version", "$schema"):
            pkg.pop(key, None)
        pkg.update(profile="tabular-data-package", version=legacy)
        for res in pkg["resources"]:
            res.pop("type", None)
        (folder / "datapackage.json").write_text(json.dumps(pkg, indent=2))
        changes = json.loads((folder / "changes.json").read_text())
        (folder / "changes.json").write_text(json.dumps({
            "version": legacy, "previous_version": names.get(changes["previous_version"]), "tables": changes["tables"]}))
        folder.rename(out / "releases" / legacy)
    latest = os.readlink(out / "latest").split("/")[-1]
    (out / "latest").unlink()
    os.symlink(f"releases/{names[latest]}", out / "latest")
    (out / "releases.json").unlink()


def test_old_style_releases_are_listed_in_place_and_readable(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    old = [publish_release(tmp_path, _procurements(1), [])]
    old.append(publish_release(tmp_path, _procurements(2), []))
    changed = _procurements(2)
    changed["agreements"].loc[0, "status"] = "cancelled"
    old.append(publish_release(tmp_path, changed, []))
    # names whose string order is not the order they were cut in
    legacy = ["2025-11-24.ffffffff", "2025-11-24.00000000", "2025-11-24.77777777"]
    _to_legacy(tmp_path, dict(zip((r.version for r in old), legacy)))
    assert sorted(legacy) != legacy
    assert datasets.versions(output_dir=tmp_path) == legacy  # from the change chain

    new = publish_release(tmp_path, changed | {"procurements": _procurements(3)["procurements"]}, [])
    assert new.previous_version == legacy[-1] and new.version == "2025-11-24.001." + new.version.split(".")[2]
    assert datasets.versions(output_dir=tmp_path) == [*legacy, new.version]
    entries = _index(tmp_path)["releases"]
    assert [(e["version"], e["semver"], e.get("derived_semver", False)) for e in entries] == [
        (legacy[0], "1.0.0", True), (legacy[1], "1.1.0", True), (legacy[2], "2.0.0", True), (new.version, "2.1.0", False)]
    assert [e["previous"] for e in entries] == [None, *legacy]
    assert new.semver == "2.1.0"
    # an old release is still read by its name
    assert len(datasets.load("procurements", version=legacy[1], output_dir=tmp_path)) == 2


def test_a_damaged_previous_descriptor_is_reported_not_fatal(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = publish_release(tmp_path, _procurements(2), [])
    (first.path / "datapackage.json").write_text('{"resources": [{"path": "../../etc/passwd", "bytes": "x"}', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        second = publish_release(tmp_path, _procurements(3), [])
    assert second.created and second.previous_version == first.version
    assert any("not valid JSON" in r.getMessage() for r in caplog.records)
    entries = {e["version"]: e for e in _index(tmp_path)["releases"]}
    assert entries[first.version]["problem"] == "datapackage.json is not valid JSON"
    assert entries[first.version]["semver"] == "1.0.0" and entries[second.version]["semver"] == "1.1.0"
    assert datasets.versions(output_dir=tmp_path) == [first.version, second.version]
    # a descriptor of the wrong shape: its resources are ignored and its files rebuilt
    (second.path / "datapackage.json").write_text(json.dumps({"resources": [1, {"path": 2}, {"path": "a", "bytes": 1}]}))
    third = publish_release(tmp_path, _procurements(3), [])
    assert third.created and third.semver == "1.1.1"  # the same records as the previous release
    assert release_index.read_index(tmp_path) is not None


def test_data_released_before_switch_latest_back_to_that_release(tmp_path, monkeypatch):
    """latest rolled back to an earlier release, then the newer data come again: no copy."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = publish_release(tmp_path, _procurements(1), [])
    second = publish_release(tmp_path, _procurements(2), [])
    switch_latest(tmp_path, first.version)
    again = publish_release(tmp_path, _procurements(2), [])
    assert again.version == second.version and again.semver == "1.1.0"
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [first.version, second.version]
    assert _index(tmp_path)["latest"] == second.version
    assert datasets.versions(output_dir=tmp_path) == [first.version, second.version]
