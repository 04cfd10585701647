"""End to end: every release the pipeline publishes (the seeds, then a refresh with one more
article; documents and mentions in monthly parts) passes `frictionless validate` and
mlcroissant without a warning, and releases.json lists them in order with their semvers."""
from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import datasets

frictionless = pytest.importorskip("frictionless")
mlc = pytest.importorskip("mlcroissant")

NORWAY = """Norway orders K9 howitzers from South Korea

OSLO, March 4, 2025 - Norway has signed a contract with South Korea's Hanwha Aerospace for 24 K9 self-propelled howitzers worth $410 million, the Norwegian Defence Materiel Agency said on Tuesday.
Deliveries of the howitzers are scheduled to begin in 2027.
"""


def _validate_with_the_cli(release: Path) -> subprocess.CompletedProcess:
    """`frictionless validate <release>/datapackage.json`, as a user runs it."""
    cli = Path(sys.executable).with_name("frictionless")
    return subprocess.run([str(cli), "validate", "--json", str(release / "datapackage.json")],
                          capture_output=True, text=True, timeout=300)


def test_every_release_validates(seed_corpus, tmp_path, instance, run_refresh, caplog):
    out = tmp_path / "out"
    assert run_refresh(seed_corpus, out, instance).success
    (seed_corpus / "005_norway_k9.txt").write_text(NORWAY, encoding="utf-8")
    assert run_refresh(seed_corpus, out, instance).success

    versions = datasets.versions(output_dir=out)
    assert len(versions) == 2 and versions == sorted(versions)
    for version in versions:
        release = out / "releases" / version
        # partitioned tables are there: one resource per month and format
        pkg = json.loads((release / "datapackage.json").read_text())
        assert any(r.get("partition") for r in pkg["resources"] if r["path"].startswith("documents.csv/"))
        done = _validate_with_the_cli(release)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        report = json.loads(done.stdout)
        assert report["valid"] and report["stats"]["errors"] == 0 and report["stats"]["tasks"] == len(pkg["resources"])
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            ds = mlc.Dataset(jsonld=str(release / "croissant.json"))
        assert not ds.metadata.ctx.issues.errors and not ds.metadata.ctx.issues.warnings
        assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert json.loads((release / "croissant.json").read_text())["version"] == pkg["semver"]

    index = json.loads((out / "releases.json").read_text())
    assert index["latest"] == versions[-1] == (out / "latest").resolve().name
    entries = index["releases"]
    assert [e["version"] for e in entries] == versions and [e["previous"] for e in entries] == [None, versions[0]]
    # the article adds a document, its mentions and a procurement, and changes no record: a minor version
    changes = json.loads((out / "releases" / versions[1] / "changes.json").read_text())
    assert changes["tables"]["procurements"]["added"] and not changes["tables"]["procurements"]["changed"]
    assert [e["semver"] for e in entries] == ["1.0.0", "1.1.0"] and changes["bump"] == "minor"
    for entry in entries:
        release = out / "releases" / entry["version"]
        assert entry["datapackage_sha256"] == hashlib.sha256((release / "datapackage.json").read_bytes()).hexdigest()
        assert entry["rows"]["documents"] == len(datasets.load("documents", version=entry["version"], output_dir=out))
    assert [e["rows"]["documents"] for e in entries] == [5, 6]
