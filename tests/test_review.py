"""Confidence signals, their calibration and the review queue (issue 15, part 3), on invented records."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.review import calibrate, confidence
from pipeline.review.queue import REVIEW_BELOW, review_rows, with_confidence
from pipeline.tables import review_frame
from schemas import TABLES
from tests.sample_release import sample_tables


def _procurement(**fields) -> dict:
    base = {"procurement_id": "proc-0000000000000001", "buyer_country": "AAA", "system": "Kestrel", "status": "ordered",
            "quantity": None, "currency": None, "value": None, "order_date": None, "supplier_org": None,
            "supplier_country": None, "source_doc_ids": ["d1"], "conflicts": [], "curated": False,
            "evidence_sentence": "Atlantis ordered 12 Kestrel jets from Borealis Aero in 2031 for $40 million.",
            "evidence_doc_id": "d1", "last_reported": "2031-05-01", "confidence": 0.9}
    return {**base, **fields}


def test_signals_measure_sources_agreement_stage_and_where_the_details_come_from():
    df = pd.DataFrame([
        _procurement(quantity=12, order_date="2031-04", currency="USD", supplier_org="Borealis Aero",
                     source_doc_ids=["d1", "d2", "d3"]),
        _procurement(quantity=14, status="planned", source_doc_ids=["d1", "d2"],
                     conflicts=["quantity: 12 [d2]", "quantity: 14 [d1]", "order_date: 2030 [d2]"]),
        _procurement(),
    ])
    s = confidence.signals("procurements", df, {"d1": "Daily A", "d2": "Daily A", "d3": None})
    assert s["sources"].tolist() == [1.0, 0.0, 0.0]  # d1 and d2 are one publisher; d3 (unknown) is its own
    assert s["conflicts"].tolist() == [0.0, 2.0, 0.0] and s["agree"].tolist() == [1.0, 0.0, 0.0]
    assert s["explicit"].tolist() == [1.0, 0.0, 1.0]
    assert s["same_sentence"].tolist() == [1.0, 0.0, 0.0]  # 14 is not in the sentence; nothing stated: 0
    assert s["details"].tolist() == [1.0, 0.25, 0.0]


def test_confidence_is_the_calibrated_logistic_of_the_signals():
    features = pd.DataFrame({name: [0.0, 1.0] for name in confidence.SIGNALS})
    flat = {"intercept": 0.0, **{name: 0.0 for name in confidence.SIGNALS}}
    assert confidence.score("agreements", features, flat).tolist() == [0.5, 0.5]
    assert confidence.score("agreements", features, {**flat, "explicit": 2.0}).tolist() == [0.5, 0.881]
    for table in confidence.KINDS:  # the packaged weights name every signal, and the reliability table every bin
        assert set(confidence.weights(table)) == {"intercept", *confidence.SIGNALS}
        assert any(confidence.weights(table).values())
        rows = confidence.reliability_table(table)
        assert [r["bin_low"] for r in rows] == list(calibrate.BINS[:-1])
        assert sum(r["n_records"] for r in rows) > 100


def test_calibration_recovers_a_known_relation_and_its_reliability_is_honest():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(6000, len(confidence.SIGNALS)))
    true_w = np.array([0.3, 1.5, -1.0, 0.0, 0.8, 0.0, 0.5])
    y = (rng.random(6000) < calibrate.predict(x, true_w)).astype(float)
    w = calibrate.fit(x, y, l2=0.0)
    assert np.abs(w - true_w).max() < 0.15
    data = pd.DataFrame(x, columns=list(confidence.SIGNALS)).assign(label=y, group=[f"g{i % 300}" for i in range(6000)])
    pred = calibrate.out_of_fold(data)
    rows = calibrate.reliability(pred, y)
    assert sum(r["n_records"] for r in rows) == 6000
    for r in rows:
        if r["n_records"] > 200:  # a calibrated model: each bin's precision near its mean confidence
            assert abs(r["observed_precision"] - r["mean_confidence"]) < 0.05
    assert (calibrate.out_of_fold(data) == pred).all()  # folds by group hash: deterministic


def test_the_queue_holds_low_confidence_and_conflicts_first_what_matters():
    tables = sample_tables()
    procurements = pd.concat([tables["procurements"]] * 1, ignore_index=True)
    procurements["confidence"] = [0.95, 0.4, 0.6]
    procurements["conflicts"] = pd.Series([["quantity: 16 [d2]"], [], []], dtype=procurements["conflicts"].dtype)
    procurements["last_reported"] = pd.Series(["2025-10-27", "2025-11-02", "2025-10-28"], dtype=procurements["last_reported"].dtype)
    procurements["first_reported"] = procurements["last_reported"]
    agreements = tables["agreements"].assign(confidence=pd.Series([0.2, 0.99], dtype="Float64"),
                                             curated=pd.Series([True, False], dtype="boolean"))
    rows = review_rows({"agreements": agreements, "procurements": procurements}, {})
    # the FA-50 record has a value: first; then the newest; the curated agreement is left out
    assert [r["record_id"] for r in rows] == ["proc-0000000000000001", "proc-0000000000000002", "proc-0000000000000003"]
    assert rows[0]["reasons"] == ["sources disagree on quantity", "one source"]
    assert rows[1]["reasons"][0] == f"confidence 0.40 below {REVIEW_BELOW}"
    assert rows[0]["summary"] == "MYS buys 18 FA-50 from KOR (ordered)" and rows[0]["currency"] == "USD"
    assert [r["rank"] for r in rows] == [1, 2, 3]
    TABLES["review"].validate(review_frame(rows))


def test_with_confidence_fills_the_column_from_the_packaged_weights():
    tables = sample_tables()
    measured = with_confidence("procurements", tables["procurements"], {})
    assert measured["confidence"].between(0, 1).all() and measured["confidence"].nunique() > 1
    TABLES["procurements"].validate(measured)


def test_the_queue_puts_the_largest_deals_in_dollars_first():
    tables = sample_tables()
    procurements = tables["procurements"].assign(confidence=pd.Series([0.5, 0.5, 0.5], dtype="Float64"))
    procurements["value"] = pd.Series([1e6, 5e9, 2e6], dtype="Float64")
    procurements["currency"] = pd.Series(["USD", "KRW", "EGP"], dtype=procurements["currency"].dtype)
    procurements["value_usd"] = pd.Series([1e6, 4e6, None], dtype="Float64")
    rows = review_rows({"agreements": tables["agreements"].iloc[0:0], "procurements": procurements}, {})
    # 4 million dollars before 1 million; the EGP value has no dollar rate: after both
    assert [r["record_id"] for r in rows] == ["proc-0000000000000002", "proc-0000000000000001", "proc-0000000000000003"]
    TABLES["review"].validate(review_frame(rows))
