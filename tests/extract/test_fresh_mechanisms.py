"""Mechanisms found by scoring invented articles of new outlets (tests/fixtures/fresh).

All texts are made up for these tests.
"""
from pipeline.extract import extract_mentions
from pipeline.extract.records import ProcurementMention


def procs(text: str, published: str | None = "2026-03-12") -> list[ProcurementMention]:
    return [m for m in extract_mentions(text, "t.txt", published) if isinstance(m, ProcurementMention)]


def test_fleet_total_after_a_batch_is_not_the_first_batch():
    # "bringing the ... fleet to 30" counts the new batch in; its schedule belongs to that batch
    got = procs("Norway has signed a contract with France for eight additional Rafale jets. Deliveries are "
                "expected to begin in 2029, bringing the air force's Rafale fleet to 30 aircraft.")
    assert len(got) == 1
    assert got[0].quantity == 8 and got[0].delivery_start == "2029" and got[0].status == "ordered"
