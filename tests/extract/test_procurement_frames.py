"""Procurement frames, roles, batches and field choice on small invented articles.

The fixture gazetteer (tests/extract/fixtures/reference) knows FA-50, K9, K2, Rafale,
Gripen, F-16 and AIM-120; the texts are made up for these tests.
"""
from pipeline.consolidate import consolidate
from pipeline.extract import extract_mentions
from pipeline.extract.procurement_cues import mask_negated
from pipeline.extract.quantities import quantity_in
from pipeline.extract.records import ProcurementMention


def procs(text: str, published: str | None = "2024-05-10") -> list[ProcurementMention]:
    return [m for m in extract_mentions(text, "t.txt", published) if isinstance(m, ProcurementMention)]


def keyed(text: str, published: str | None = "2024-05-10") -> dict:
    return {(m.buyer_country, m.system): m for m in procs(text, published)}


# ---------------------------------------------------------------- precision: a real buying frame

def test_system_in_an_exercise_is_not_a_procurement():
    assert procs("Egyptian Rafale jets are expected to take part in the drills next month.") == []


def test_firm_state_is_never_the_buyer():
    got = keyed("Colombia is weighing a fighter buy. Saab's Gripen and Lockheed Martin's F-16 are the two "
                "types most often mentioned for the programme, officials in Colombia said.")
    assert ("SWE", "F-16") not in got and ("USA", "Gripen") not in got
    assert {k[0] for k in got} <= {"COL"}


def test_system_a_type_was_developed_from_is_not_bought():
    got = keyed("Thailand signed for eight more FA-50 jets. The jet was developed with Lockheed Martin "
                "from the F-16 and is flown in several countries.")
    assert set(got) == {("THA", "FA-50")}


def test_retired_type_is_not_bought():
    got = keyed("Norway ordered 24 K9 howitzers to replace its ageing K2 guns.")
    assert set(got) == {("NOR", "K9")}


def test_counterparty_after_with_is_not_the_buyer():
    got = keyed("Egypt announced a pact with France and ordered 30 Rafale jets from Dassault.")
    assert set(got) == {("EGY", "Rafale")}


def test_recipient_in_a_relative_clause_is_not_the_buyer():
    got = keyed("Romania signed for 54 K9 howitzers, replacing guns that Romania has sent to Moldova.")
    assert set(got) == {("ROU", "K9")}


def test_negated_deal_is_no_order():
    assert procs("The maker briefed Chile on its Gripen, which is not part of this deal.") == []


def test_state_inside_an_event_name_is_not_the_buyer():
    got = keyed("During the Singapore Airshow, KAI offered to fit the AIM-120 on FA-50 jets under negotiation "
                "with Peru.")
    assert {k[0] for k in got} == {"PER"}


# ---------------------------------------------------------------- roles

def test_giver_of_used_equipment_is_the_supplier():
    (m,) = procs("Spain handed six used F-16 fighters to the Royal Malaysian Air Force last year.")
    assert (m.buyer_country, m.supplier_country, m.quantity, m.status) == ("MYS", "ESP", 6, "delivered")


def test_buyer_after_ordered_by():
    got = keyed("The United States denied an export licence for AIM-120 missiles ordered by Indonesia.")
    assert got[("IDN", "AIM-120 AMRAAM")].status == "denied"


# ---------------------------------------------------------------- quantities

def test_designation_digits_are_not_counts():
    assert quantity_in("Saudi F-16 fighters escorted the plane") is None
    assert quantity_in("one of the existing FA-50s crashed") is None
    assert quantity_in("Peru signed for 18 of the jets") == 18


def test_programme_total_gives_way_to_the_batch():
    (m,) = procs("Estonia intends to order around 300 K9 guns in all. A first batch of 36 K9s was ordered "
                 "on 2 May 2024.")
    assert m.quantity == 36


# ---------------------------------------------------------------- batches and references

def test_second_batch_is_its_own_record():
    ms = procs("Vietnam signed a contract for 12 FA-50 jets worth $600 million in 2021. "
               "A second batch of FA-50s is under negotiation with Vietnam.")
    assert sorted(m.status for m in ms) == ["ordered", "under_negotiation"]


def test_tranches_named_without_the_system_are_batches():
    ms = procs("Serbia's third tranche of its Rafale order, covering 6 aircraft, entered into force on Monday. "
               "The overall contract was signed on 9 April 2022. The first tranche of four jets was contracted that "
               "day. The second tranche, of two aircraft, entered into force on 3 March 2023.", "2024-05-10")
    got = sorted((m.quantity, m.order_date) for m in ms)
    assert got == [(2, "2023-03-03"), (4, "2022-04-09"), (6, "2024-05-06")]


def test_same_type_bought_by_another_state_by_reference():
    ms = keyed("Ghana ordered six FA-50 jets last year. Elsewhere, Kenya signed for 12 of the jets in 2023 in a "
               "contract worth about $700 million.")
    k = ms[("KEN", "FA-50")]
    assert (k.quantity, k.order_date, k.value.value) == (12, "2023", 7e8)


def test_amount_tied_to_a_category_noun():
    ms = keyed("Chile signed contracts for 20 K2 tanks and 40 K9 howitzers on 2 May 2024. The tank contract is "
               "worth USD 1.2 billion and the howitzer contract about USD 0.9 billion.")
    assert ms[("CHL", "K2")].value.value == 1.2e9 and ms[("CHL", "K9")].value.value == 9e8


def test_aggregate_amount_is_not_a_system_value():
    ms = keyed("Chile signed contracts for 20 K2 tanks and 40 K9 howitzers on 2 May 2024. Media put the overall "
               "package at USD 5 billion.")
    assert all(m.value is None for m in ms.values())


# ---------------------------------------------------------------- dates and status

def test_report_day_is_not_the_signing_day():
    (m,) = procs("Peru signed for ten FA-50 jets, the maker said on Wednesday. The contract was concluded with "
                 "the Peruvian Air Force on Tuesday.", "2024-05-10")
    assert m.order_date == "2024-05-07"


def test_date_of_another_event_is_not_the_order_date():
    (m,) = procs("Egypt placed the order for 12 Rafale jets three months after a crash on March 4.", "2024-06-20")
    assert m.order_date is None


def test_scheduled_deliveries_are_not_deliveries():
    (m,) = procs("Qatar signed a contract for 12 Rafale jets, with deliveries expected to begin in 2027.")
    assert (m.status, m.delivery_start) == ("ordered", "2027")


def test_memorandum_is_not_an_order():
    (m,) = procs("Dassault and Serbia signed a memorandum of understanding covering 12 Rafale jets. Talks on the "
                 "deal are continuing.")
    assert m.status == "under_negotiation"


def test_masking_keeps_offsets():
    s = "No purchase contract has yet been signed, and talks on the deal continue."
    masked = mask_negated(s)
    assert len(masked) == len(s) and "contract" not in masked and "signed" not in masked and "talks" in masked


def test_existing_fleet_is_delivered():
    (m,) = procs("The Royal Malaysian Air Force's four existing K9 guns were bought from Korea.")
    assert m.status == "delivered"


def test_consolidation_keeps_the_most_advanced_stage_unless_deliveries_are_future():
    old = extract_mentions("Korea supplied K9 howitzers to Malaysia in 1995.", "a.txt", "2020-01-01")
    new = extract_mentions("In 1995, Korea signed a deal to supply K9 howitzers to Malaysia.", "b.txt", "2024-01-01")
    _, records = consolidate(old + new, {"a.txt": "2020-01-01", "b.txt": "2024-01-01"})
    assert [r.status for r in records] == ["delivered"]
    ordered = extract_mentions("Malaysia signed for 18 FA-50 jets in 2023.", "a.txt", "2024-01-01")
    future = extract_mentions("The FA-50 jets delivered to Malaysia under the 2023 contract arrive from 2026.",
                              "b.txt", "2024-02-01")
    _, records = consolidate(ordered + future, {"a.txt": "2024-01-01", "b.txt": "2024-02-01"})
    assert [r.status for r in records] == ["ordered"]


# ---------------------------------------------------------------- which date of a sentence is the order's

def test_date_in_a_when_or_after_clause_is_another_event():
    got = keyed("When the defence minister visited Seoul on 20 March 2024, he inspected the K9 howitzers "
                "that Peru ordered in 2019.")
    assert got[("PER", "K9")].order_date == "2019"
    got = keyed("In November 2023, after Seoul had cleared the export in June, Peru signed a contract "
                "for 24 K9 howitzers.")
    assert got[("PER", "K9")].order_date == "2023-11"


def test_of_two_order_dates_the_one_nearer_its_cue():
    got = keyed("In April the ministry cancelled an order for 12 K9 howitzers for Peru, awarded in August 2021.")
    assert got[("PER", "K9")].order_date == "2021-08"


def test_date_right_after_another_events_verb_is_not_the_orders():
    got = keyed("Peru signed a contract for 24 K9 howitzers, a purchase first announced in 2019, on 4 March 2024.")
    assert got[("PER", "K9")].order_date == "2024-03-04"


def test_a_date_belongs_to_the_verb_before_it():
    got = keyed("Peru bought four K9 howitzers second-hand from South Korea in 2015 and received them "
                "between 2017 and 2019.")
    k9 = got[("PER", "K9")]
    assert (k9.order_date, k9.delivery_start) == ("2015", "2017")
    # a date that qualifies the noun after it belongs to that noun
    got = keyed("The K9 howitzers delivered to Peru under the 2019 contract are in service.")
    assert got[("PER", "K9")].delivery_start != "2019"


def test_an_announced_date_is_the_order_date_only_when_nothing_better():
    got = keyed("A contract announced last September covered 24 K9 howitzers for Peru.", "2024-05-10")
    assert got[("PER", "K9")].order_date == "2023-09"
    got = keyed("Peru terminated its K9 contract in 2022 and signed a new contract for 24 K9 howitzers in 2023.")
    assert got[("PER", "K9")].order_date == "2023"


def test_a_later_more_precise_telling_of_the_same_date_refines_it():
    got = keyed("Peru signed a contract for 24 K9 howitzers last month. The contract was signed in Lima on April 17.",
                "2024-05-10")
    assert got[("PER", "K9")].order_date == "2024-04-17"


def test_a_planned_delivery_date_is_the_delivery_start():
    got = keyed("Peru signed a contract for 24 K9 howitzers, whose deliveries are planned for 2028.")
    assert got[("PER", "K9")].delivery_start == "2028"
