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


# ---------------------------------------------------------------- value: which amount is the price

def test_loan_is_not_the_contract_value():
    got = keyed("Peru signed a contract for 12 FA-50 jets, financed by a $600 million loan from a Korean bank.")
    assert got[("PER", "FA-50")].value is None


def test_price_beats_budget_line_in_one_sentence():
    got = keyed("Having set aside $350 million for the buy, Chile ordered 10 K9 howitzers for $310 million.")
    assert got[("CHL", "K9")].value.value == 310e6


def test_total_for_several_systems_goes_to_none():
    got = keyed("Egypt signed contracts for 20 Rafale jets and 30 K9 howitzers, together worth $6 billion.")
    assert all(m.value is None for m in got.values())


def test_count_of_munitions_is_not_the_aircraft_count():
    got = keyed("Peru signed a contract for FA-50 jets, with 120 missiles to follow later.")
    assert got[("PER", "FA-50")].quantity is None


def test_order_total_beats_delivered_count():
    got = keyed("Two FA-50 jets delivered to Peru, more to come. Peru has now received two of the "
                "ten FA-50 jets it ordered from Korea.")
    assert got[("PER", "FA-50")].quantity == 10


def test_sentence_naming_the_system_adds_count_and_price():
    got = keyed("Peru has signed for new FA-50 jets from Korea. The package covers 18 FA-50s, "
                "for close to $700 million.")
    m = got[("PER", "FA-50")]
    assert (m.quantity, m.value.value) == (18, 700e6)


def test_detail_about_another_state_is_not_added():
    got = keyed("Peru has signed for new FA-50 jets from Korea. Poland flies 48 FA-50s.")
    assert got[("PER", "FA-50")].quantity is None


def test_sum_after_a_list_goes_to_its_head():
    got = keyed("The State Department approved a possible sale to Peru of ten FA-50 jets with 40 AIM-120 missiles "
                "at an estimated $900 million.")
    assert got[("PER", "FA-50")].value.value == 900e6
    assert got[("PER", "AIM-120 AMRAAM")].value is None


def test_reference_to_another_kind_of_equipment_gets_no_amount():
    got = keyed("Peru signed for new K9 howitzers from Korea. The patrol ships were approved at $300 million.")
    assert got[("PER", "K9")].value is None


def test_part_of_a_total_goes_to_its_category():
    got = keyed("Egypt signed contracts for 20 Rafale jets and 30 K9 howitzers. The two deals are worth "
                "$6 billion together, of which $2 billion is for the howitzers.")
    assert got[("EGY", "K9")].value.value == 2e9
    assert got[("EGY", "Rafale")].value is None


def test_shared_budget_goes_to_none_of_the_systems():
    got = keyed("Egypt ordered K9 howitzers and K2 tanks, having earmarked $3 billion for the army.")
    assert all(m.value is None for m in got.values())


def test_shared_symbol_is_read_in_the_buyers_currency():
    got = keyed("Pakistan signed a Rs 90 billion contract for 12 K9 howitzers from Korea.")
    assert (got[("PAK", "K9")].value.value, got[("PAK", "K9")].value.currency) == (90e9, "PKR")
    got = keyed("India signed a Rs 90 billion contract for 12 K9 howitzers from Korea.")
    assert got[("IND", "K9")].value.currency == "INR"


def test_contract_price_replaces_an_earlier_budget_line():
    got = keyed("Chile ordered 10 K9 howitzers from Korea, having set aside $400 million for them. "
                "The K9 contract is worth $350 million, the ministry said.")
    assert got[("CHL", "K9")].value.value == 350e6


def test_fleet_in_service_is_not_the_new_deal():
    got = keyed("Peru has signed for new FA-50 jets from Korea. Peru already flies 12 FA-50s.")
    assert got[("PER", "FA-50")].quantity is None


def test_units_sent_for_trials_are_not_the_deal():
    got = keyed("Peru has signed for new FA-50 jets from Korea. Two FA-50s sent for trials in 2021 were returned.")
    assert got[("PER", "FA-50")].quantity is None


def test_amount_before_a_category_noun_is_tied_to_it():
    got = keyed("Peru signed a $400 million howitzer contract and a $1.2 billion jet contract, for K9 guns "
                "and FA-50 jets respectively.")
    assert got[("PER", "K9")].value.value == 400e6
    assert got[("PER", "FA-50")].value.value == 1.2e9
