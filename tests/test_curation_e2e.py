"""Corrections kept as data, through the whole graph (issue 15, part 2): each action applied after
consolidation and before validation, `curated` on the records, the corrections table and
stale_corrections.json in the release, the non-blocking check, and the sensor."""
from __future__ import annotations

import csv
import hashlib
import json

import dagster as dg

from pipeline import datasets
from pipeline.defs.automation.sensors import new_articles_sensor
from pipeline.defs.resources import DealsPaths

# An invented article whose one deal the extractor has no gazetteer entry for: a curator adds it.
MISSED = """Norway plans coastal boats
Published 2031-03-02

OSLO, March 2, 2031 - Stormpetrel coastal boats will patrol the fjords of Norway from 2033, officials said.
"""
MISSED_SENTENCE = "Stormpetrel coastal boats will patrol the fjords of Norway from 2033, officials said."
COLUMNS = ["record_id", "action", "field", "value", "reason", "source", "author", "date"]


def _write(folder, rows):
    folder.mkdir(exist_ok=True)
    with (folder / "corrections.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({"reason": "checked against the ministry's statement", "source": "https://example.org/statement",
                             "author": "A. Curator", "date": "2031-03-05", **row})


def test_each_action_applies_is_published_and_stays_traceable(seed_corpus, tmp_path, instance, run_refresh):
    out, curation = tmp_path / "out", tmp_path / "curation"
    (seed_corpus / "100_norway_boats.txt").write_text(MISSED, encoding="utf-8")
    curation.mkdir()
    assert run_refresh(seed_corpus, out, instance, curation_dir=curation).success
    agreements, procurements = datasets.load("agreements", output_dir=out), datasets.load("procurements", output_dir=out)
    assert not agreements["curated"].any() and not procurements["curated"].any()
    assert "Stormpetrel" not in set(procurements["system"])  # what the curator adds is missing

    fa50 = procurements[(procurements["system"] == "FA-50") & procurements["quantity"].notna()].iloc[0]
    pair = agreements[agreements["parties"].map(lambda p: list(p) == ["KOR", "MYS"])].sort_values("n_sources", ascending=False)
    keep = pair.iloc[0]
    fold = next(r for _, r in pair.iloc[1:].iterrows() if not set(r["source_doc_ids"]) & set(keep["source_doc_ids"]))
    dropped = agreements[agreements["parties"].map(lambda p: list(p) == ["MYS", "TUR"])].iloc[0]
    doc_id = hashlib.sha256(MISSED.encode()).hexdigest()[:16]
    added = {"buyer_country": "NOR", "system": "Stormpetrel", "status": "planned", "category": "naval_vessel",
             "delivery_start": "2033",
             "evidence_doc_id": doc_id, "evidence_sentence": MISSED_SENTENCE}
    _write(curation, [
        {"record_id": fa50["procurement_id"], "action": "set", "field": "quantity", "value": "12"},
        {"record_id": fa50["procurement_id"], "action": "set", "field": "supplier_country", "value": fa50["supplier_country"]},
        {"record_id": dropped["agreement_id"], "action": "drop"},
        {"action": "add", "value": json.dumps(added)},
        {"record_id": keep["agreement_id"], "action": "merge", "value": fold["agreement_id"]},
        {"record_id": "proc-00000000000000aa", "action": "drop"},
        {"record_id": fa50["procurement_id"], "action": "set", "field": "category", "value": "spaceship"},
        {"record_id": fa50["procurement_id"], "action": "fix"},
    ])

    # a new correction file asks for a refresh, as a new article does
    paths = DealsPaths(corpus_dir=str(seed_corpus), output_dir=str(out), curation_dir=str(curation))
    requested = new_articles_sensor(dg.build_sensor_context(instance=instance, resources={"paths": paths}))
    assert isinstance(requested, dg.SensorResult)
    assert requested.run_requests[0].tags["deals/corrections_changed"] == "true"
    assert requested.run_requests[0].tags["deals/added"] == "0"

    result = run_refresh(seed_corpus, out, instance, curation_dir=curation)
    assert result.success  # stale and invalid corrections warn, they do not block
    checks = {(c.asset_key.to_user_string(), c.check_name): c for c in result.get_asset_check_evaluations()}
    assert checks[("corrections", "schema")].passed
    current = checks[("corrections", "corrections_current")]
    assert not current.passed and current.severity == dg.AssetCheckSeverity.WARN
    assert isinstance(new_articles_sensor(dg.build_sensor_context(instance=instance, resources={"paths": paths})), dg.SkipReason)

    agreements, procurements = datasets.load("agreements", output_dir=out), datasets.load("procurements", output_dir=out)
    fixed = procurements.set_index("procurement_id").loc[fa50["procurement_id"]]
    assert fixed["quantity"] == 12 and fixed["curated"] and fixed["category"] == fa50["category"]
    assert dropped["agreement_id"] not in set(agreements["agreement_id"])
    new = procurements[procurements["system"] == "Stormpetrel"].iloc[0]
    assert new["curated"] and new["buyer_country"] == "NOR" and new["delivery_start"] == "2033"
    documents = datasets.load("documents", output_dir=out).set_index("doc_id")
    assert documents.loc[new["evidence_doc_id"], "text"][new["evidence_char_start"]:new["evidence_char_end"]] == MISSED_SENTENCE
    merged = agreements.set_index("agreement_id").loc[keep["agreement_id"]]
    assert merged["curated"] and fold["agreement_id"] not in set(agreements["agreement_id"])
    assert set(merged["source_doc_ids"]) == set(keep["source_doc_ids"]) | set(fold["source_doc_ids"])
    assert merged["n_sources"] == len(merged["source_doc_ids"])
    assert agreements["curated"].sum() == 1 and procurements["curated"].sum() == 2

    corrections = datasets.load("corrections", output_dir=out)
    assert corrections["outcome"].tolist() == ["applied", "stale", "applied", "applied", "applied", "stale", "invalid", "invalid"]
    assert corrections["result_id"].iloc[3] == new["procurement_id"]
    assert corrections["author"].unique().tolist() == ["A. Curator"]
    assert "the extractor now gets it right" in corrections["message"].iloc[1]
    assert "not in this release" in corrections["message"].iloc[5]
    assert "would break the data contract" in corrections["message"].iloc[6]
    assert corrections["action"].iloc[7] is None or corrections["action"].isna().iloc[7]  # 'fix' is no action
    stale = json.loads((out / "latest" / "stale_corrections.json").read_text())
    assert [s["correction_id"] for s in stale] == ["corrections.csv:3", "corrections.csv:7", "corrections.csv:8", "corrections.csv:9"]

    # the merged-away id resolves to the record it was folded into; the dropped one is removed
    changes = json.loads((out / "latest" / "changes.json").read_text())["tables"]["agreements"]
    assert changes["moved"] == {fold["agreement_id"]: {"relation": "merged", "new_ids": [keep["agreement_id"]]}}
    assert dropped["agreement_id"] in changes["removed"] and dropped["agreement_id"] not in changes["moved"]
    assert datasets.resolve_id(fold["agreement_id"], output_dir=out) == [keep["agreement_id"]]
