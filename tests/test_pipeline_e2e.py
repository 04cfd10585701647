"""End to end: the whole graph on the seeds into a temp output dir, then the files themselves."""
from __future__ import annotations

import hashlib
import json

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq

from pipeline import datasets
from pipeline.publish.database import DATABASE, check_database
from pipeline.defs.automation.sensors import new_articles_sensor
from pipeline.defs.resources import DealsPaths
from schemas import TABLES

FORMATS = ("csv", "parquet", "json")
TABLE_ASSETS = ("documents", "mentions", "agreements", "procurements")

SIXTH_ARTICLE = """Norway orders K9 howitzers from South Korea

OSLO, March 4, 2025 - Norway has signed a contract with South Korea's Hanwha Aerospace for 24 K9 self-propelled howitzers worth $410 million, the Norwegian Defence Materiel Agency said on Tuesday.
Deliveries of the howitzers are scheduled to begin in 2027.
"""


def _release_files(release):
    return {p.name: p.read_bytes() for p in sorted(release.iterdir()) if p.is_file()}


def test_seeds_end_to_end(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance)
    assert result.success, [e.message for e in result.all_events if e.is_failure]

    # every materialisation carries row count, column schema and a preview; every check passed
    materialised = {e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()}
    assert set(materialised) == {"documents", "mentions", "agreements", "procurements", "corrections", "release"}
    for key in TABLE_ASSETS:
        assert {"dagster/row_count", "dagster/column_schema", "preview"} <= set(materialised[key]), key
    assert materialised["documents"]["dagster/row_count"].value == 5
    checks = {(c.asset_key.to_user_string(), c.check_name): c.passed for c in result.get_asset_check_evaluations()}
    assert checks == {
        ("documents", "schema"): True,
        ("documents", "rejected_schema"): True,
        ("mentions", "schema"): True,
        ("agreements", "schema"): True,
        ("procurements", "schema"): True,
        ("corrections", "schema"): True,
        ("corrections", "corrections_current"): True,
        ("release", "release_integrity"): True,
    }

    latest = out / "latest"
    assert latest.is_symlink() and latest.resolve().parent == (out / "releases").resolve()
    release = latest.resolve()
    for table in TABLES:
        for fmt in FORMATS:
            assert (release / f"{table}.{fmt}").stat().st_size > 0

    # checksums and sizes in datapackage.json are those of the files
    pkg = json.loads((release / "datapackage.json").read_text())
    assert pkg["version"] == release.name
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    assert {s["path"] for s in pkg["sources"]} == {p.name for p in seed_corpus.glob("*.txt")}
    for res in pkg["resources"]:
        data = (release / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        if res["path"] == DATABASE:  # the same tables in one SQLite database, row for row
            counts = {t: len(datasets.load(t, output_dir=out)) for t in TABLES}
            assert check_database(release / DATABASE, counts) == [] and counts["procurements"] > 0
            continue
        assert [f["name"] for f in res["schema"]["fields"]] == list(datasets.load(res["path"].split(".")[0], output_dir=out).columns)
    assert DATABASE in {res["path"] for res in pkg["resources"]}

    # every table re-validates against its model; content is what the seeds say
    for table, model in TABLES.items():
        model.validate(datasets.load(table, output_dir=out))
    docs = datasets.load("documents", output_dir=out)
    assert len(docs) == 5
    # every record is measured; the release says how long its review queue is (review.csv)
    for table in ("agreements", "procurements"):
        measured = datasets.load(table, output_dir=out)["confidence"]
        assert measured.between(0, 1).all() and measured.nunique() > 1
    review = datasets.load("review", output_dir=out)
    assert materialised["release"]["review_queue"].value == len(review)
    assert list(review["rank"]) == list(range(1, len(review) + 1))
    agreements = datasets.load("agreements", output_dir=out)
    assert any(list(p) == ["KOR", "MYS"] and t == "mou" for p, t in zip(agreements["parties"], agreements["agreement_type"]))
    procurements = datasets.load("procurements", output_dir=out)
    fa50 = procurements[procurements["system"].str.startswith("FA-50") & (procurements["buyer_country"] == "MYS")]
    assert not fa50.empty and (fa50["supplier_country"] == "KOR").all()

    # evidence points at the sentence in the cleaned text of its document
    text_by_doc = dict(zip(docs["doc_id"], docs["text"]))
    mentions = datasets.load("mentions", output_dir=out)
    assert len(mentions) > 0
    for row in mentions.itertuples():
        assert text_by_doc[row.doc_id][row.char_start:row.char_end] == row.sentence

    # the three formats carry the same rows
    for table in ("agreements", "procurements"):
        as_json = json.loads((release / f"{table}.json").read_text())
        as_csv = pd.read_csv(release / f"{table}.csv")
        assert len(as_json) == len(as_csv) == pq.read_metadata(release / f"{table}.parquet").num_rows

    changes = json.loads((release / "changes.json").read_text())
    assert changes["previous_version"] is None
    assert sorted(changes["tables"]["agreements"]["added"]) == sorted(agreements["agreement_id"])

    # determinism: a second run over the same corpus cuts no new version and rewrites nothing
    before = _release_files(release)
    again = run_refresh(seed_corpus, out, instance)
    assert again.success
    assert [p.name for p in (out / "releases").iterdir() if not p.name.startswith(".")] == [release.name]
    assert _release_files(out / "latest") == before


def test_sixth_article_triggers_sensor_and_new_version(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    assert run_refresh(seed_corpus, out, instance).success
    first = (out / "latest").resolve()
    paths = DealsPaths(corpus_dir=str(seed_corpus), output_dir=str(out))

    quiet = new_articles_sensor(dg.build_sensor_context(instance=instance, resources={"paths": paths}))
    assert isinstance(quiet, dg.SkipReason)

    (seed_corpus / "005_norway_k9.txt").write_text(SIXTH_ARTICLE, encoding="utf-8")
    context = dg.build_sensor_context(instance=instance, resources={"paths": paths})
    requested = new_articles_sensor(context)
    assert isinstance(requested, dg.SensorResult) and len(requested.run_requests) == 1
    assert requested.run_requests[0].tags["deals/added"] == "1"
    # the same corpus state is not requested twice while its run is pending
    again = new_articles_sensor(dg.build_sensor_context(instance=instance, resources={"paths": paths}, cursor=requested.cursor))
    assert isinstance(again, dg.SkipReason)

    assert run_refresh(seed_corpus, out, instance).success
    second = (out / "latest").resolve()
    assert second != first
    changes = json.loads((second / "changes.json").read_text())
    assert changes["previous_version"] == first.name
    added = changes["tables"]["procurements"]["added"]
    procurements = datasets.load("procurements", output_dir=out)
    new_rows = procurements[procurements["procurement_id"].isin(added)]
    assert list(new_rows["buyer_country"]) == ["NOR"]
    assert list(new_rows["system"]) == ["K9"]
    assert changes["tables"]["procurements"]["removed"] == []
    # after the run the sensor is quiet again
    assert isinstance(new_articles_sensor(dg.build_sensor_context(instance=instance, resources={"paths": paths})), dg.SkipReason)


def test_failing_schema_check_blocks_the_release(seed_corpus, tmp_path, instance, run_refresh, monkeypatch):
    from pipeline.extract.records import ProcurementRecord
    from pipeline.consolidate import incremental as consolidating

    real = consolidating.consolidate_block

    def corrupt(mentions, published_by_doc):
        records = real(mentions, published_by_doc)
        for r in records:
            if isinstance(r, ProcurementRecord):
                r.status = "purchased"  # not in the vocabulary
        return records

    monkeypatch.setattr(consolidating, "consolidate_block", corrupt)
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance)
    assert not result.success
    failed = [c for c in result.get_asset_check_evaluations() if not c.passed]
    assert [(c.asset_key.to_user_string(), c.check_name) for c in failed] == [("procurements", "schema")]
    assert "purchased" in failed[0].metadata["failure_cases"].value
    assert "release" not in {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert not (out / "latest").exists()


def test_gold_file_gives_quality_figures(seed_corpus, tmp_path, instance, run_refresh):
    """With a gold file configured, the release carries quality.json and the UI the F1 figures."""
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({
        "agreements": [{"id": "G1", "docs": [], "parties": ["KOR", "MYS"], "agreement_type": "mou", "status": "signed",
                        "date": "2025-10-27", "location": "Kuala Lumpur"}],
        "procurements": [{"id": "G2", "docs": [], "buyer_country": "MYS", "supplier_country": "KOR", "system": "FA-50",
                          "category": "combat_aircraft", "quantity": 18, "status": "ordered"}],
    }))
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance, gold_file=str(gold))
    assert result.success
    published = json.loads((out / "latest" / "quality.json").read_text())
    quality = published["corpus"]
    assert quality["agreements"]["records"]["recall"] == 1.0
    assert quality["procurements"]["records"]["recall"] == 1.0
    release_md = next(e.materialization.metadata for e in result.get_asset_materialization_events()
                      if e.asset_key.to_user_string() == "release")
    assert release_md["quality/overall_slot_f1"].value == quality["overall_slots"]["f1"]
    evaluation = published["evaluation_set"]
    assert release_md["evaluation/overall_slot_f1"].value == evaluation["figures"]["overall_slots"]["f1"]
