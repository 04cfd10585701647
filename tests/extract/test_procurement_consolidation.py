"""Procurement mentions of several articles merged into records (pipeline/consolidate.py); the
mentions are built by hand for these tests."""
from pipeline.consolidate import consolidate
from pipeline.extract.records import Evidence, ProcurementMention


def _mention(doc: str, status: str, delivery_start: str | None = None) -> ProcurementMention:
    return ProcurementMention(buyer_country="PER", system="Gripen", status=status,
                              evidence=Evidence(doc, f"Peru and its Gripen jets ({doc}).", 0, 30),
                              supplier_country="SWE", category="combat_aircraft", delivery_start=delivery_start)


def test_a_dated_report_before_the_deliveries_cannot_tell_them_done():
    _, recs = consolidate([_mention("a", "ordered"), _mention("b", "delivered", "2025-08")],
                          {"a": "2022-01-10", "b": "2022-02-01"})
    assert [r.status for r in recs] == ["ordered"]


def test_an_undated_report_of_the_deliveries_stands():
    _, recs = consolidate([_mention("a", "ordered"), _mention("b", "delivered", "2025-08")],
                          {"a": "2022-01-10", "b": None})
    assert [r.status for r in recs] == ["delivered"]
