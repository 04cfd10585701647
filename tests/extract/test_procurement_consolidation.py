"""Procurement mentions of several articles merged into records (pipeline/consolidate/merge.py); the
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


def test_the_order_date_comes_from_a_report_of_the_contract_before_one_of_the_talks():
    def dated(doc, status, order_date):
        return ProcurementMention(buyer_country="PER", system="Gripen", status=status,
                                  evidence=Evidence(doc, f"Peru and its Gripen jets ({doc}).", 0, 30),
                                  supplier_country="SWE", category="combat_aircraft", order_date=order_date)
    talks, signed = dated("a", "under_negotiation", "2024-02-13"), dated("b", "ordered", "2024-10-21")
    _, recs = consolidate([talks, signed], {"a": "2024-02-14", "b": "2024-10-22"})
    assert [(r.status, r.order_date) for r in recs] == [("ordered", "2024-10-21")]
    # with no report of the contract, the date the talks told still stands
    _, recs = consolidate([talks], {"a": "2024-02-14"})
    assert [r.order_date for r in recs] == ["2024-02-13"]
