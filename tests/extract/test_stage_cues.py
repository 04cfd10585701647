"""The stage lexicons (pipeline/reference/stage_cues.csv, agreement_stage_cues.csv) are well formed."""
import csv
import re
from pathlib import Path

from schemas.vocab import PROCUREMENT_STATUS_RANK

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "pipeline" / "reference" / "stage_cues.csv"
FIXTURE = Path(__file__).parent / "fixtures" / "reference" / "stage_cues.csv"


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_header_vocabulary_and_sources():
    rows = _rows(REAL)
    assert list(rows[0]) == ["stage", "cue", "gate", "strength", "frame", "source"]
    for r in rows:
        assert r["stage"] in PROCUREMENT_STATUS_RANK
        assert r["strength"] in ("strong", "weak") and r["frame"] in ("0", "1")
        assert r["source"].strip()
        re.compile(r["cue"])


def test_every_plain_cue_contains_a_gate_word():
    # the gate is a superset test (see prefilter): a cue word without a gate word would never fire
    for r in _rows(REAL):
        gates = r["gate"].split("|")
        for alternative in r["cue"].split("|"):
            if re.fullmatch(r"[a-z' |-]+", r["cue"]):
                assert any(g in alternative for g in gates), r


def test_fixture_copy_is_the_real_lexicon():
    assert FIXTURE.read_text(encoding="utf-8") == REAL.read_text(encoding="utf-8")


def test_system_types_lexicon():
    from schemas.vocab import CATEGORIES
    real = ROOT / "pipeline" / "reference" / "system_types.csv"
    rows = _rows(real)
    assert list(rows[0]) == ["head", "category", "needs_modifier", "source"]
    assert all(r["category"] in CATEGORIES and r["needs_modifier"] in ("0", "1") and r["source"] for r in rows)
    assert [r["head"] for r in rows] == sorted(r["head"] for r in rows)
    fixture = Path(__file__).parent / "fixtures" / "reference" / "system_types.csv"
    assert fixture.read_text(encoding="utf-8") == real.read_text(encoding="utf-8")


def test_agreement_stage_lexicon():
    from schemas.vocab import AGREEMENT_STATUS_RANK
    real = ROOT / "pipeline" / "reference" / "agreement_stage_cues.csv"
    rows = _rows(real)
    assert list(rows[0]) == ["stage", "cue", "gate", "source"]
    for r in rows:
        assert r["stage"] in AGREEMENT_STATUS_RANK and r["source"].strip()
        re.compile(r["cue"])
        if re.fullmatch(r"[a-z' ]+", r["cue"]):
            assert r["gate"] in r["cue"], r  # the gate word is in every match (see prefilter)
    fixture = Path(__file__).parent / "fixtures" / "reference" / "agreement_stage_cues.csv"
    assert fixture.read_text(encoding="utf-8") == real.read_text(encoding="utf-8")


def test_agreement_stages_come_from_the_lexicon():
    from pipeline.extract.status import agreement_status
    assert agreement_status("Chile and Peru signed a fisheries agreement.") == "signed"
    assert agreement_status("Chile and Peru will sign a fisheries agreement.") == "proposed"
    assert agreement_status("Chile and Peru are negotiating a fisheries agreement.") == "under_negotiation"
    assert agreement_status("Chile scrapped the fisheries agreement.") == "cancelled"


def test_delivered_under_a_contract_is_a_delivery_unless_it_only_describes_the_equipment():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The first two jets were delivered under the 2022 contract.") == "delivered"
    assert procurement_status("Two frigates have been delivered under the deal.") == "delivered"
    # a reduced relative clause names the contract the equipment comes under: the contract stands
    assert procurement_status("The jets supplied under the 2023 contract were built in Sacheon.") == "ordered"


def test_a_government_naming_a_winner_is_negotiating():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The ministry ranked the Korean howitzer first among three bids.") == "under_negotiation"
    assert procurement_status("The navy named the Italian design the winner of the frigate competition.") == \
        "under_negotiation"


def test_began_arriving_is_a_delivery_and_due_to_start_arriving_is_not():
    from pipeline.extract import extract_mentions
    [m] = [m for m in extract_mentions("Peru ordered four Gripen jets in 2016, and the aircraft began arriving in April 2020.",
                                       "t.txt", "2024-05-10") if m.kind == "procurement"]
    assert (m.status, m.order_date, m.delivery_start) == ("delivered", "2016", "2020-04")
    [m] = [m for m in extract_mentions("Peru ordered four Gripen jets in 2023; they are due to start arriving in 2027.",
                                       "t.txt", "2024-05-10") if m.kind == "procurement"]
    assert m.status == "ordered"


def test_withdrawing_from_a_purchase_is_a_cancellation_and_withdrawing_troops_is_no_stage():
    from pipeline.extract.status import stage_cues, status_of
    assert status_of(stage_cues("Chile has withdrawn from the purchase of 12 F-16 jets.")) == "cancelled"
    assert status_of(stage_cues("Chile exited the F-16 programme last year.")) == "cancelled"
    assert status_of(stage_cues("The F-16 squadron was withdrawn from the northern base.")) is None


def test_a_cancellation_in_progress_is_a_cancellation():
    from pipeline.extract.status import stage_cues, status_of
    assert status_of(stage_cues("The army said it was canceling its contract for 20 F-16 jets.")) == "cancelled"
    assert status_of(stage_cues("The army is cancelling its F-16 contract.")) == "cancelled"


def test_a_scheduled_handover_is_no_delivery_and_a_refused_request_is_a_denial():
    from pipeline.extract.status import stage_cues, status_of
    assert status_of(stage_cues("The handover of the first FA-50 jets to Chile is scheduled for March 2026.")) == "ordered"
    assert status_of(stage_cues("The handover of the first FA-50 jets took place on Monday.")) == "delivered"
    assert status_of(stage_cues("Washington turned down Chile's request to buy F-35 jets.")) == "denied"


def test_signing_off_on_a_sale_or_a_purchase_is_an_approval_not_a_signing():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The State Department said it had signed off on a proposed sale of 32 jets.") == "offered"
    assert procurement_status("The cabinet signed off on the purchase of twelve jets on Monday.") == "planned"
    assert procurement_status("The ministry signed a contract for twelve jets on Monday.") == "ordered"


def test_cancelling_an_earlier_deal_is_no_stage_of_the_one_told():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The army ordered the howitzers in 2016 after cancelling an earlier tender.") == "ordered"
    assert procurement_status("The ministry cancelled the tender for 45,000 rifles.") == "cancelled"
