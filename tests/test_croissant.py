"""croissant.json: Croissant 1.1 JSON-LD generated from the models, validated with mlcroissant."""
from __future__ import annotations

import hashlib
import json
import logging

import pandas as pd
import pytest

from schemas import TABLES
from schemas.table_schema import table_schema

from pipeline.publish import croissant, publish_release
from pipeline.publish.companions import companion_files
from tests.sample_release import sample_tables

mlc = pytest.importorskip("mlcroissant")


@pytest.fixture()
def release(tmp_path, monkeypatch):
    """A release on disk with croissant.json beside its data files, as publish_release will write it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    tables = sample_tables()
    result = publish_release(tmp_path, tables, [])
    (result.path / "croissant.json").write_bytes(croissant.render(tables, result.version, result.files, semver=result.semver))
    return result


def test_structure_generated_from_the_models(release):
    doc = json.loads((release.path / "croissant.json").read_text(encoding="utf-8"))
    assert doc["@type"] == "sc:Dataset" and doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert doc["@context"]["cr"] == "http://mlcommons.org/croissant/" and doc["@context"]["dct"] == "http://purl.org/dc/terms/"
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/"
    # Croissant's version is the release's semver (the first release: 1.0.0); its name is in the citation
    assert doc["version"] == release.semver == "1.0.0" and doc["datePublished"] == release.version[:10]
    assert f"version = {{{release.version}}}" in doc["citeAs"]
    # every data file, with the sha256 of the bytes on disk and a relative contentUrl
    files = {d["contentUrl"]: d for d in doc["distribution"]}
    assert set(files) == set(release.files)
    for name, d in files.items():
        assert d["@type"] == "cr:FileObject" and "/" not in name
        assert d["sha256"] == hashlib.sha256((release.path / name).read_bytes()).hexdigest()
    assert files["agreements.parquet"]["encodingFormat"] == "application/x-parquet"
    assert files["agreements.csv"]["encodingFormat"] == "text/csv"
    # one record set per table, one field per model column, in the published order
    assert [rs["@id"] for rs in doc["recordSet"]] == list(TABLES)
    for rs in doc["recordSet"]:
        schema = table_schema(rs["@id"], TABLES[rs["@id"]])
        assert [f["name"] for f in rs["field"]] == [f["name"] for f in schema["fields"]]
        assert rs["key"] == {"@id": f"{rs['@id']}/{schema['primaryKey']}"}
    proc = {f["name"]: f for f in doc["recordSet"][1]["field"]}
    assert proc["quantity"]["dataType"] == "sc:Integer" and proc["value"]["dataType"] == "sc:Float"
    assert proc["system"]["dataType"] == "sc:Text" and "repeated" not in proc["system"]
    assert proc["value_alternatives"]["isArray"] is True and proc["value_alternatives"]["dataType"] == "sc:Text"
    assert "repeated" not in proc["value_alternatives"]  # deprecated in Croissant 1.1
    assert proc["system"]["source"] == {"fileObject": {"@id": "procurements.parquet"}, "extract": {"column": "system"}}
    assert proc["system"]["description"] == TABLES["procurements"].to_schema().columns["system"].description


def test_deterministic_and_no_machine_paths(release):
    again = croissant.render(sample_tables(), release.version, release.files, semver=release.semver)
    text = (release.path / "croissant.json").read_text(encoding="utf-8")
    assert again.decode("utf-8") == text
    assert str(release.path.parent) not in text and "/tmp/" not in text


def test_mlcroissant_validates_the_metadata_without_warnings(release, caplog):
    """No error and no warning: the @context is the standard one and the version is semver."""
    with caplog.at_level(logging.WARNING):
        ds = mlc.Dataset(jsonld=str(release.path / "croissant.json"))
    issues = ds.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, (issues.errors, issues.warnings)
    # the @context check only logs (absl): "The JSON-LD `@context` is not standard"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], [r.getMessage() for r in caplog.records]


def test_the_version_follows_the_releases_semver(tmp_path, monkeypatch):
    """A release that only adds records is a minor version; Croissant says so."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    tables = sample_tables()
    first = publish_release(tmp_path, {**tables, "procurements": tables["procurements"].iloc[:2]}, [],
                            extra_files=companion_files(tables, None))
    second = publish_release(tmp_path, tables, [], extra_files=companion_files(tables, None))
    assert (first.semver, second.semver) == ("1.0.0", "1.1.0")
    doc = json.loads((second.path / "croissant.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.1.0"
    ds = mlc.Dataset(jsonld=str(second.path / "croissant.json"))
    assert not ds.metadata.ctx.issues.errors and not ds.metadata.ctx.issues.warnings


def test_mlcroissant_reads_the_records(release):
    # mlcroissant reads Parquet with plain pandas: the files must not need pandas' own metadata
    assert len(pd.read_parquet(release.path / "procurements.parquet")) == 3
    ds = mlc.Dataset(jsonld=str(release.path / "croissant.json"))
    records = list(ds.records(record_set="procurements"))
    assert len(records) == 3
    first = records[0]
    assert first["procurements/system"] == b"FA-50" and first["procurements/quantity"] == 18
    assert first["procurements/value_alternatives"] == [b"4080000000 MYR"]
