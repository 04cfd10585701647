"""Release quality figures: record and slot P/R/F1 computed as the guidelines describe."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.quality import same_family, score_release, score_tables

GOLD = {
    "agreements": [
        {"id": "G-A1", "parties": ["KOR", "MYS"], "agreement_type": "mou", "status": "signed", "date": "2025-10-27",
         "location": "Kuala Lumpur", "topics": ["defence_industry"]},
        {"id": "G-A2", "parties": ["FRA", "IDN"], "agreement_type": "agreement", "status": "signed", "date": "2024", "topics": []},
        {"id": "G-A3", "optional": True, "parties": ["KOR", "MYS"], "agreement_type": "agreement",
         "status": "under_negotiation", "topics": ["procurement"]},
    ],
    "procurements": [
        {"id": "G-P1", "buyer_country": "MYS", "system": "FA-50", "system_aliases": ["FA-50M"], "supplier_country": "KOR",
         "category": "trainer_aircraft", "quantity": 18,
         "values": [{"value": 920000000, "currency": "USD"}, {"value": 4.08e9, "currency": "MYR"}],
         "order_date": "2023-05", "status": "ordered"},
        {"id": "G-P2", "buyer_country": "POL", "system": "K2", "supplier_country": "KOR", "category": "tank", "status": "ordered"},
    ],
}
AGREEMENTS = [
    # matches G-A1: all four slots right (location compared case-insensitively)
    {"parties": ["KOR", "MYS"], "agreement_type": "mou", "status": "signed", "date": "2025-10-27", "location": "kuala lumpur", "topics": ["defence_industry"]},
    # no gold with these parties: 1 key slot + 3 stated fields against precision
    {"parties": ["IDN", "USA"], "agreement_type": "mou", "status": "signed", "date": "2024", "location": None, "topics": []},
    # matches the optional G-A3: neither rewarded nor penalised
    {"parties": ["KOR", "MYS"], "agreement_type": "agreement", "status": "under_negotiation", "date": None, "location": None, "topics": ["procurement"]},
]
PROCUREMENTS = [
    # matches G-P1 through the alias; category and status wrong; value within 2 %; finer date is right
    {"buyer_country": "MYS", "system": "FA-50M", "supplier_country": "KOR", "category": "combat_aircraft", "quantity": 18,
     "value": 930000000.0, "currency": "USD", "order_date": "2023-05-24", "delivery_start": "2025", "status": "delivered"},
    # K239 extends K2 by a digit: not the same family, so unmatched (and G-P2 is missed)
    {"buyer_country": "POL", "system": "K239", "supplier_country": "KOR", "category": None, "quantity": None,
     "value": None, "currency": None, "order_date": None, "delivery_start": None, "status": "ordered"},
]


def _write_release(folder: Path) -> Path:
    folder.mkdir()
    for name, rows in (("agreements", AGREEMENTS), ("procurements", PROCUREMENTS)):
        pq.write_table(pa.Table.from_pylist(rows), folder / f"{name}.parquet")
    return folder


def _check(result: dict) -> None:
    agr, proc = result["agreements"], result["procurements"]
    assert agr["records"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    # slots: matched 1 key + 4 right; unmatched 1 + 3; missed G-A2 1 + 3
    assert agr["counts"] == {"pred": 3, "gold_required": 2, "matched_required": 1, "correct_slots": 5, "pred_slots": 9, "gold_slots": 9}
    assert agr["slots"] == {"precision": 0.5556, "recall": 0.5556, "f1": 0.5556}
    assert agr["field_accuracy"] == {"agreement_type": 1.0, "status": 1.0, "date": 1.0, "location": 1.0}
    assert "missed gold record G-A2" in agr["errors"] and "unmatched prediction IDN/USA" in agr["errors"]

    assert proc["records"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    # matched: 2 key + 6 stated (delivery_start not in gold), 4 right; unmatched 2 + 2; missed 2 + 3
    assert proc["counts"] == {"pred": 2, "gold_required": 2, "matched_required": 1, "correct_slots": 6, "pred_slots": 12, "gold_slots": 13}
    assert proc["slots"] == {"precision": 0.5, "recall": 0.4615, "f1": 0.48}
    assert proc["field_accuracy"] == {"supplier_country": 1.0, "category": 0.0, "quantity": 1.0, "value": 1.0, "order_date": 1.0, "status": 0.0}
    assert "G-P1.status: predicted 'delivered', gold 'ordered'" in proc["errors"]

    assert result["overall_slots"] == {"precision": 0.5238, "recall": 0.5, "f1": 0.5116}


def test_score_release_on_a_tiny_gold_file(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    _check(score_release(_write_release(tmp_path / "release"), gold))


def test_score_tables_in_memory_gives_the_same_figures():
    tables = {"agreements": pd.DataFrame(AGREEMENTS), "procurements": pd.DataFrame(PROCUREMENTS)}
    _check(score_tables(tables, GOLD))


def test_typed_release_frames_with_missing_values(tmp_path):
    """The tables as the release asset holds them (Arrow strings, Int64, pd.NA), scored in memory,
    give the same figures as their published Parquet files."""
    from pipeline.publish import publish_release
    from tests.sample_release import sample_tables

    tables = sample_tables()
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    in_memory = score_tables(tables, GOLD)
    on_disk = score_release(publish_release(tmp_path / "out", tables, []).path, gold)
    assert in_memory == on_disk
    # FA-50 MYS matches G-P1 exactly; K2 POL matches G-P2; the MoU matches G-A1 (date and status right)
    assert in_memory["procurements"]["counts"]["matched_required"] == 2
    assert in_memory["agreements"]["counts"]["matched_required"] == 1


def test_system_families():
    assert same_family("K9THUNDER", "K9") and same_family("FA50", "FA50M")
    assert not same_family("K239", "K2") and not same_family("K", "KF21")


def test_empty_release_scores_zero_not_error(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    for name in ("agreements", "procurements"):
        pq.write_table(pa.table({"status": pa.array([], pa.string())}), folder / f"{name}.parquet")
    res = score_release(folder, gold)
    assert res["overall_slots"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert res["agreements"]["counts"]["gold_slots"] == 9  # both required gold agreements missed: (1 + 4) + (1 + 3)


SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
SHARED_GOLD = SHARED_SCORER.parents[1] / "corpus" / "seeds.gold.json"


@pytest.mark.skipif(not SHARED_GOLD.exists(), reason="the reference scorer (../shared/eval) is not beside this checkout")
def test_same_figures_as_the_reference_scorer_on_the_seeds_release():
    release = Path(__file__).resolve().parents[1] / "outputs" / "latest"
    if not release.exists():
        pytest.skip("no outputs/latest (run `make run` first)")
    spec = importlib.util.spec_from_file_location("reference_score", SHARED_SCORER)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    expected, got = ref.score(release, SHARED_GOLD), score_release(release, SHARED_GOLD)
    for kind in ("agreements", "procurements"):
        for key in ("records", "slots", "field_accuracy", "counts"):
            assert got[kind][key] == expected[kind][key], (kind, key)
    assert got["overall_slots"] == expected["overall_slots"]
