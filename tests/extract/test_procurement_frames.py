"""Procurement frames, roles, batches and field choice on small invented articles.

The fixture gazetteer (tests/extract/fixtures/reference) knows FA-50, K9, K2, Rafale,
Gripen, F-16 and AIM-120; the texts are made up for these tests.
"""
from pipeline.consolidate import consolidate
from pipeline.extract import extract_mentions
from pipeline.extract.procurements.cues import mask_negated
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


def test_a_retiring_fleet_whose_purchase_is_told_after_its_owner_is_a_record():
    # "the four X of the Royal Navy, which were purchased ...": the owner may stand between fleet and clause
    got = keyed("The new jets would succeed the twelve FA-50 jets of the Royal Malaysian Air Force, which were "
                "purchased from South Korea in 2015 and delivered from 2017.")
    assert set(got) == {("MYS", "FA-50")}
    assert (got[("MYS", "FA-50")].status, got[("MYS", "FA-50")].quantity) == ("delivered", 12)
    assert keyed("The new jets would succeed the twelve FA-50 jets of the Royal Malaysian Air Force.") == {}


def test_a_plural_designation_is_the_system_as_written():
    from pipeline.extract.systems import as_written, find_systems
    hits = find_systems("Egypt operates 37 used K9A1s and twelve F-16s.")
    assert [(h.system, as_written(h)) for h in hits] == [("K9", "K9A1"), ("F-16", "F-16")]


def test_a_fleet_whose_clause_tells_another_systems_purchase_is_not_bought():
    got = keyed("Norway wants new guns. The new guns would replace the Norwegian Army's K9 fleet, which includes "
                "20 second-hand K9A1s received from South Korea in 2019.")
    assert set(got) == {("NOR", "K9A1")}
    assert (got[("NOR", "K9A1")].quantity, got[("NOR", "K9A1")].status) == (20, "delivered")


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
    assert got[("IDN", "AIM-120")].status == "denied"


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


def test_a_delivery_still_to_come_implies_an_order_only_without_an_earlier_stage():
    from pipeline.extract.status import procurement_status
    assert procurement_status("Chile plans to buy 30 F-16 jets, with the aircraft to be delivered from 2029.") == "planned"
    assert procurement_status("Chile will buy 30 F-16 jets, with deliveries from 2029.") == "planned"
    assert procurement_status("Chile has picked the F-16, which would be handed over from 2029.") == "under_negotiation"
    # no earlier stage told: the schedule still implies the order
    assert procurement_status("Chile's 30 F-16 jets will be delivered from 2029.") == "ordered"
    assert procurement_status("Chile signed for 30 F-16 jets, with deliveries from 2029.") == "ordered"


def test_reach_a_place_is_a_delivery_and_reach_an_agreement_is_not():
    got = keyed("Chile ordered 30 F-16 jets from the United States in May. The first jets should reach Chile in late 2026.",
                "2024-06-12")
    assert got[("CHL", "F-16")].delivery_start == "2026"
    got = keyed("Chile reached a deal with Washington in May for 30 F-16 jets.", "2024-06-12")
    assert (got[("CHL", "F-16")].order_date, got[("CHL", "F-16")].delivery_start) == ("2024-05", None)


def test_an_agreement_reached_or_a_deal_struck_to_buy_is_an_order_with_its_date():
    for text in ("Chile reached an agreement in May to buy 30 F-16 jets from the United States.",
                 "Chile struck a deal in May to acquire 30 F-16 jets from the United States."):
        got = keyed(text, "2024-06-12")
        assert (got[("CHL", "F-16")].order_date, got[("CHL", "F-16")].status) == ("2024-05", "ordered"), text


def test_deliveries_whose_first_is_dated_after_the_report_have_not_begun():
    got = keyed("Chile signed a contract for 30 F-16 jets in the first quarter of 2024, with deliveries in Q3 2026.",
                "2024-06-12")
    assert (got[("CHL", "F-16")].status, got[("CHL", "F-16")].delivery_start) == ("ordered", "2026")
    got = keyed("Chile signed for 30 F-16 jets in 2022 and received the first in March 2024.", "2024-06-12")
    assert got[("CHL", "F-16")].status == "delivered"  # begun before the report


def test_a_reference_by_a_plain_noun_of_the_kind_tells_the_deal_in_hand():
    got = keyed("The Chilean air force received its first two F-16 jets last week. Chile ordered 30 of the planes "
                "in 2022 for $2 billion.", "2024-06-12")
    m = got[("CHL", "F-16")]
    assert (m.quantity, m.order_date, m.value.value) == (30, "2022", 2e9)


def test_a_noun_phrase_with_a_name_among_its_modifiers_names_another_system():
    got = keyed("Chile ordered 30 F-16 jets from the United States in 2022. Santiago later cancelled the Harpoon "
                "anti-ship missiles.", "2024-06-12")
    assert got[("CHL", "F-16")].status == "ordered"
    got = keyed("Poland ordered 30 F-16 jets from the United States in 2022. Warsaw later cancelled the "
                "Polish jets.", "2024-06-12")
    assert got[("POL", "F-16")].status == "cancelled"  # a state's adjective is no name: the deal in hand


def test_an_export_told_by_the_seller_is_a_delivery_and_a_sale_to_come_is_planned():
    got = keyed("South Korea exported six K9 howitzers to Peru in 2023.", "2024-06-12")
    assert (got[("PER", "K9")].status, got[("PER", "K9")].delivery_start) == ("delivered", "2023")
    got = keyed("France will sell 26 Rafale jets to India, officials said.", "2024-06-12")
    assert got[("IND", "Rafale")].status == "planned"


def test_a_verb_coordinated_with_a_modal_passive_shares_its_modality():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The 48 jets would be built in Korea and exported to Peru.") == "ordered"
    assert procurement_status("The jets will be assembled locally and delivered from 2027.") == "ordered"
    # an active verb after "and" has a tense of its own
    assert procurement_status("Peru wants to buy jets and signed a deal in May.") == "ordered"


def test_a_cue_in_the_next_clause_does_not_take_a_date_before_it():
    got = keyed("Chile has also ordered 12 F-16 jets from the United States. That sale was cleared by the State "
                "Department in 2022, and deliveries are expected to begin in 2026.", "2024-06-12")
    assert got[("CHL", "F-16")].delivery_start == "2026"


def test_an_induction_into_service_dates_the_delivery():
    got = keyed("Polish K9 howitzers were formally inducted into the army in August 2023; the number received "
                "was not revealed.", "2024-06-12")
    assert got[("POL", "K9")].delivery_start == "2023-08"


def test_a_deal_told_by_type_in_the_headline_takes_the_count_date_and_seller_the_body_tells_by_type():
    got = keyed("Peru buys patrol boats\n\nPeru has signed a contract to buy 12 high-speed patrol boats from "
                "South Korea, the ministry said on Thursday.", "2024-03-14")
    m = got[("PER", "patrol boats")]
    assert (m.quantity, m.order_date, m.supplier_country, m.status) == (12, "2024-03-14", "KOR", "ordered")


def test_two_years_of_a_purchase_that_are_no_delivery_window_date_the_order():
    got = keyed("Poland bought 24 Rafale jets from France in two batches in 2021 and 2022.", "2024-03-14")
    assert (got[("POL", "Rafale")].order_date, got[("POL", "Rafale")].delivery_start) == ("2021", None)


def test_a_purchase_put_on_hold_is_at_least_planned_and_keeps_a_later_stage():
    got = keyed("Chile has put on hold the purchase of 30 F-16 jets from the United States, the minister said.")
    assert got[("CHL", "F-16")].status == "planned"
    got = keyed("Chile signed for 30 F-16 jets from the United States in 2022. The deal was frozen in May.")
    assert got[("CHL", "F-16")].status == "ordered"


def test_a_reference_by_kind_goes_to_the_deal_of_that_kind_not_the_last_told():
    got = keyed("Malaysia has signed contracts with South Korea for 18 FA-50 jets and 12 K9 howitzers, officials said "
                "on Monday. The jets will be delivered in 2027. The howitzers are due next year.", "2024-06-12")
    assert (got[("MYS", "FA-50")].delivery_start, got[("MYS", "K9")].delivery_start) == ("2027", "2025")


def test_a_deal_noun_whose_own_verb_is_future_is_a_deal_to_come():
    from pipeline.extract.status import procurement_status
    assert procurement_status("Executive contracts for the first batches will follow in August.") == "planned"
    assert procurement_status("The contract is expected to be signed next month.") == "planned"
    assert procurement_status("The contract, which will run to 2030, was signed on Monday.") == "ordered"


def test_the_agreement_told_after_a_framework_is_that_framework():
    got = keyed("Poland and South Korea signed a framework agreement on Wednesday for the purchase of 180 K2 tanks "
                "and 48 FA-50 light attack aircraft. The agreement, signed in Warsaw by the defence minister, is the "
                "largest arms deal in Poland's history. Executive contracts will follow in August.", "2022-07-28")
    assert {k: m.status for k, m in got.items()} == {("POL", "K2"): "under_negotiation",
                                                     ("POL", "FA-50"): "under_negotiation"}


def test_a_participle_describing_the_system_does_not_take_a_date_after_its_comma():
    got = keyed("Chile received the first of 24 F-16s bought from Denmark, at a ceremony in Santiago on Friday.",
                "2024-06-12")
    m = got[("CHL", "F-16")]
    assert (m.order_date, m.delivery_start, m.status) == (None, "2024-06-07", "delivered")


def test_a_transfer_to_come_after_a_modal_implies_the_deal():
    got = keyed("The United States will transfer 12 F-16 jets to Chile under its excess defense articles programme.")
    assert got[("CHL", "F-16")].status == "ordered"
    got = keyed("Poland agreed to supply 12 K9 howitzers to Peru.")
    assert got[("PER", "K9")].status == "ordered"


def test_work_on_equipment_held_is_no_purchase():
    assert keyed("Chile signed a contract for F-16 upgrades.") == {}
    assert keyed("Chile signed a contract for the modernisation of 36 F-16 jets.") == {}
    assert keyed("Chile signed a contract for the F-16 fleet's mid-life upgrade.") == {}
    # new units are bought
    assert set(keyed("Chile signed a contract for 12 new F-16 jets.")) == {("CHL", "F-16")}


def test_a_system_in_another_subjects_subordinate_clause_takes_no_stage_from_the_main_one():
    assert set(keyed("Poland will buy 20 F-16 jets, as Malaysia waits for FA-50 jets.")) == {("POL", "F-16")}
    # its own stage still counts
    got = keyed("Poland will buy 20 F-16 jets, as Malaysia received FA-50 jets last year.")
    assert got[("MYS", "FA-50")].status == "delivered"


def test_a_date_in_a_prepositional_phrase_belongs_to_the_verb_before_it():
    got = keyed("The first of 108 K2 tanks Poland ordered from South Korea in 2019 arrived in Warsaw in December.",
                "2024-11-18")
    m = got[("POL", "K2")]
    assert (m.order_date, m.delivery_start) == ("2019", "2023-12")


def test_a_delivery_to_be_taken_is_a_deal_in_hand_and_one_failed_is_none():
    got = keyed("Chile will take delivery of its first F-16 jets in 2026, the minister said.", "2024-06-12")
    assert (got[("CHL", "F-16")].status, got[("CHL", "F-16")].delivery_start) == ("ordered", "2026")
    from pipeline.extract.status import procurement_status
    assert procurement_status("The army failed to receive a single vehicle") is None


def test_a_deal_told_by_type_takes_the_one_system_of_its_kind_the_article_names():
    got = keyed("Peru has ordered 12 self-propelled howitzers from South Korea, the ministry said. Hanwha makes the "
                "K9 Thunder at its plant in Changwon.")
    assert list(got) == [("PER", "K9 Thunder")] and got[("PER", "K9 Thunder")].quantity == 12  # as written
    # two systems of the kind: which one is not told
    got = keyed("Peru has ordered 12 light combat aircraft from South Korea, the ministry said. KAI builds the FA-50, "
                "and Lockheed Martin the F-16.")
    assert [m.system for m in got.values()] == ["light combat aircraft"]


def test_more_ways_news_tells_an_order_or_a_delivery():
    from pipeline.extract.status import procurement_status
    cases = {
        "Chile has become the first foreign buyer of the jet": "ordered",
        "The maker has landed an order from Chile for four more jets": "ordered",
        "The jet landed at Santiago on Monday": "delivered",
        "Estonia snapped up six launchers": "ordered",
        "Egypt was among the buyers, ordering 24 in 2015": "ordered",
        "Chile is considering ordering 12 aircraft": "under_negotiation",
        "Denmark will retire its old jets after receiving new ones": "delivered",
        "The army will start receiving the vehicles next month": "ordered",
        "The Philippines got its first two jets on Friday": "delivered",
    }
    for sentence, stage in cases.items():
        assert procurement_status(sentence) == stage, sentence


def test_an_arrival_told_in_a_relative_clause_after_the_seller_is_the_equipments():
    got = keyed("In 2018 Chile ordered 12 F-16 jets from the United States, which arrived in 2021.", "2024-06-12")
    assert (got[("CHL", "F-16")].status, got[("CHL", "F-16")].delivery_start) == ("delivered", "2021")


def test_a_system_takes_no_count_from_another_clause_of_its_sentence():
    got = keyed("Peru signed a contract with a local yard for 60 armoured vehicles, and Malaysia ordered K9 "
                "howitzers from Hanwha.")
    assert got[("MYS", "K9")].quantity is None
    got = keyed("Malaysia ordered howitzers from Hanwha, 24 K9 units in all.")
    assert got[("MYS", "K9")].quantity == 24
    # a clause about the same deal, or naming only its parties, keeps its count
    got = keyed("Malaysia ordered K9 howitzers from Hanwha; the order covers 24 guns.")
    assert got[("MYS", "K9")].quantity == 24
    got = keyed("Malaysia ordered K9 howitzers from Hanwha; South Korea will deliver 24 guns by 2026.")
    assert got[("MYS", "K9")].quantity == 24


def test_the_receiver_of_a_double_object_buys_and_a_named_system_s_head_noun_is_no_batch():
    got = keyed("Poland will supply Peru 20 more Leopard 2 tanks.")
    assert list(got) == [("PER", "Leopard 2")] and got[("PER", "Leopard 2")].quantity == 20


def test_a_signing_still_to_come_dates_no_order():
    got = keyed("Chile expects to reach a deal in July for 30 F-16 jets from the United States.", "2024-06-12")
    assert (got[("CHL", "F-16")].order_date, got[("CHL", "F-16")].status) == (None, "planned")
    got = keyed("Chile is set to sign the contract for 30 F-16 jets in August.", "2024-06-12")
    assert got[("CHL", "F-16")].order_date is None
    got = keyed("Chile and the United States reached a deal in May for 30 F-16 jets.", "2024-06-12")
    assert (got[("CHL", "F-16")].order_date, got[("CHL", "F-16")].status) == ("2024-05", "ordered")


def test_a_span_of_years_is_a_delivery_window_only_beside_a_delivery_cue():
    got = keyed("Peru chose the K9 howitzer from South Korea after talks with Hanwha during 2023 and 2024, "
                "and the Korean bid came out best on cost and delivery time.")
    assert got[("PER", "K9")].delivery_start is None  # the years of the talks
    got = keyed("Peru ordered 24 K9 howitzers from South Korea in 2024; deliveries run from 2026 to 2028.")
    assert (got[("PER", "K9")].delivery_start, got[("PER", "K9")].delivery_end) == ("2026", "2028")


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

# ---------------------------------------------------------------- stages (reference/stage_cues.csv)

def test_stage_cues_from_the_lexicon():
    from pipeline.extract.status import procurement_status
    cases = {
        "Lima picked the Gripen as its preferred bidder last month": "under_negotiation",
        "The cabinet approved the purchase of ten jets on Tuesday": "planned",
        "The State Department approved a possible sale of 40 missiles to Oslo": "offered",
        "Bern turned down the re-export request for the shells": "denied",
        "The supplier could not export because London would not license its engines": "denied",
        "The frigates have since entered service": "delivered",
        "Quito agreed to buy eight jets in 2019": "ordered",
        "Its navy already has four boats on order": "ordered",
        "The rifles delivered under the 2021 contract are made locally": "ordered",
        "The maker won a contract for 30 trucks": "ordered",
    }
    for sentence, stage in cases.items():
        assert procurement_status(sentence) == stage, sentence


def test_conditional_or_likely_stage_is_not_yet_a_fact():
    from pipeline.extract.status import procurement_status
    assert procurement_status("If the contract is concluded, Accra would be the second operator") == "planned"
    assert procurement_status("Once delivered, the jets will be based at Kano") == "ordered"
    assert procurement_status("A deal is likely to be signed next week") == "planned"
    assert procurement_status("Deliveries are due from 2031 under the deal") == "ordered"
    assert procurement_status("Deliveries began in May") == "delivered"


def test_weak_deal_noun_gives_way_to_an_offer():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The maker offered a missile upgrade to sweeten the follow-on deal") == "offered"


def test_denial_cue_alone_makes_a_procurement_frame():
    got = keyed("London turned down an export request for Gripen jets to Argentina.")
    assert got[("ARG", "Gripen")].status == "denied"


# ---------------------------------------------------------------- one event per system frame

def test_each_system_takes_the_stage_of_its_own_clause():
    got = keyed("Peru terminated its F-16 contract in 2021 and in 2023 it announced the purchase of 12 Gripen jets.")
    assert got[("PER", "F-16")].status == "cancelled"
    assert got[("PER", "Gripen")].status == "ordered"


def test_reference_qualified_by_another_state_is_another_deal():
    got = keyed("Chile signed for ten FA-50 jets in March 2024. The Peru deal, concluded in 2019, was later "
                "cancelled.")
    assert got[("CHL", "FA-50")].status == "ordered"
    got = keyed("Chile signed for 20 K2 tanks in March 2024. The vehicles for Ukraine have since been delivered.")
    assert got[("CHL", "K2")].status == "ordered"


def test_integrator_of_another_state_is_not_the_missile_suppliers_org():
    got = keyed("KAI offered to integrate the AIM-120 onto a second batch of FA-50 jets for Malaysia.")
    m = got[("MYS", "AIM-120")]
    assert (m.supplier_country, m.status) == ("USA", "offered")
    assert m.supplier_org != "Korea Aerospace Industries"


def test_enumerating_ordinal_is_not_a_batch():
    ms = procs("Vietnam is in talks on 12 F-16 jets. Second, the F-16 talks are about financing too.")
    assert len(ms) == 1 and ms[0].status == "under_negotiation"


# ---------------------------------------------------------------- systems as written, variants

def test_variant_is_output_as_written():
    assert set(keyed("Chile ordered 12 F-16V jets in 2024.")) == {("CHL", "F-16V")}
    assert set(keyed("Chile ordered 12 F-16 Block 70 jets in 2024.")) == {("CHL", "F-16 Block 70")}
    assert set(keyed("Chile ordered 12 F-16s in 2024.")) == {("CHL", "F-16")}


def test_mark_written_after_a_known_name_belongs_to_it():
    assert set(keyed("Egypt signed for 30 Rafale F4 jets in May.")) == {("EGY", "Rafale F4")}


def test_two_variants_of_a_family_are_two_acquisitions():
    got = keyed("Peru received 10 used F-16A jets from Chile in 2019. In 2024 Peru signed for 12 new F-16V "
                "jets from Lockheed Martin.")
    assert got[("PER", "F-16A")].status == "delivered"
    assert got[("PER", "F-16V")].status == "ordered"


def test_variants_stay_apart_across_documents():
    a = extract_mentions("Peru received 10 used F-16A jets from Chile in 2019.", "a.txt", "2024-01-01")
    b = extract_mentions("Peru signed for 12 F-16V jets in 2024.", "b.txt", "2024-02-01")
    c = extract_mentions("Peru's 12 F-16 jets ordered in 2024 will arrive from 2027.", "c.txt", "2024-03-01")
    _, records = consolidate(a + b + c, {"a.txt": "2024-01-01", "b.txt": "2024-02-01", "c.txt": "2024-03-01"})
    assert sorted(r.system for r in records) == ["F-16A", "F-16V"]


# ---------------------------------------------------------------- facts told around the event

def test_order_told_before_the_system_is_named():
    got = keyed("Hanwha Aerospace said on 3 June 2024 it had won a $900 million order from Peru. "
                "The order covers the K9 howitzer, the firm said.")
    m = got[("PER", "K9")]
    assert (m.status, m.order_date, m.value.value) == ("ordered", "2024-06-03", 9e8)


def test_both_purchases_take_the_date():
    got = keyed("Oman signed for 12 FA-50 jets and 20 K9 howitzers this year. Both purchases were concluded in "
                "March.", "2024-05-10")
    assert got[("OMN", "FA-50")].order_date == "2024-03" and got[("OMN", "K9")].order_date == "2024-03"


def test_signing_of_framework_documents_is_not_the_order_date():
    got = keyed("Peru signed a framework agreement on K2 tanks with Korea. The documents were signed in Lima on "
                "2 May 2024.")
    m = got[("PER", "K2")]
    assert m.order_date is None and m.status == "under_negotiation"


def test_signatures_put_to_the_contract_are_the_order():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The ministers put their signatures to the contract on Monday") == "ordered"


# ---------------------------------------------------------------- systems named only by type

def test_types_named_with_a_count_or_a_role_are_systems():
    from pipeline.extract.system_types import find_types
    got = [(h.system, h.category) for h in find_types(
        "The navy ordered two new patrol vessels, four corvettes and several harbour tugs, plus mine "
        "countermeasure vessels from a local yard.")]
    assert got == [("patrol vessels", "naval_vessel"), ("corvettes", "naval_vessel"),
                   ("mine countermeasure vessels", "naval_vessel")]


def test_mines_and_gun_mounts_named_by_their_role_are_systems():
    from pipeline.extract.system_types import find_types
    got = [(h.system, h.category) for h in find_types(
        "The council cleared moored mines, naval gun mounts and two frigates.")]
    assert got == [("moored mines", "other"), ("naval gun mounts", "artillery"), ("frigates", "naval_vessel")]


def test_common_type_nouns_and_their_abbreviations_are_systems():
    # issue 11: land, air and small-arms types, and the abbreviations news uses for them, name a system
    from pipeline.extract.system_types import find_types
    got = [(h.system, h.category) for h in find_types(
        "The order covers 40 APCs, 12 armoured personnel carriers, two fast attack craft, 500 rifles, "
        "six fighter jets, 30 mortars, 24 torpedoes, four UAVs and 80 trucks.")]
    assert got == [("APCs", "armoured_vehicle"), ("armoured personnel carriers", "armoured_vehicle"),
                   ("fast attack craft", "naval_vessel"), ("rifles", "small_arms"),
                   ("fighter jets", "combat_aircraft"), ("mortars", "artillery"), ("torpedoes", "missile"),
                   ("UAVs", "uav"), ("trucks", "other")]


def test_a_type_noun_bought_with_a_count_is_its_own_procurement():
    got = keyed("Zambia ordered 20 armoured personnel carriers from Türkiye in March. Namibia bought "
                "5,000 assault rifles from India.")
    assert got[("ZMB", "armoured personnel carriers")].quantity == 20
    assert got[("ZMB", "armoured personnel carriers")].supplier_country == "TUR"
    assert got[("NAM", "assault rifles")].category == "small_arms"


def test_a_bare_role_word_is_no_type():
    # "fighters" alone may be combatants, "jets" alone any aircraft: such a head needs a describing word
    from pipeline.extract.system_types import find_types
    assert find_types("The army said it had killed 20 fighters near the border.") == []
    assert find_types("Two jets flew over the capital.") == []


def test_bare_or_determined_types_are_not_systems():
    from pipeline.extract.system_types import find_types
    assert find_types("The vessels will be built locally.") == []
    assert find_types("Its two patrol vessels arrived last year.") == []
    assert find_types("Officials discussed the missile acquisition project.") == []
    assert find_types("A contract to modernise 40 infantry fighting vehicles was signed.") == []


def test_list_of_typed_items_each_with_its_supplier():
    got = keyed("Kenya signed for armed patrol boats from Spain and surveillance radars from France on 2 May 2024.")
    assert got[("KEN", "armed patrol boats")].supplier_country == "ESP"
    assert got[("KEN", "surveillance radars")].supplier_country == "FRA"
    assert got[("KEN", "armed patrol boats")].order_date == "2024-05-02"


def test_type_of_a_named_systems_category_is_that_system():
    got = keyed("Vietnam signed for 12 FA-50 jets in 2021. The 12 light combat aircraft arrive from 2024.")
    assert set(got) == {("VNM", "FA-50")}
    got = keyed("Peru said it had won an order for 12 light combat aircraft. The order covers the FA-50, "
                "the firm said.")
    assert set(got) == {("PER", "FA-50")}


def test_amount_not_read_as_a_designation():
    from pipeline.extract.systems import find_systems
    assert [h.surface for h in find_systems("boats from a local yard (QR174.2m) were ordered")] == []


def test_schedules_and_held_contracts_are_not_deliveries():
    from pipeline.extract.status import procurement_status
    assert procurement_status("By 2031 all the jets should have been received") == "ordered"
    assert procurement_status("They signed a supplement to the existing supply contract") == "ordered"
    assert procurement_status("The drone entered Japanese service in 2019") is None
    assert procurement_status("The navy's existing fleet of boats") == "delivered"


def test_reference_cue_with_another_recipient_is_not_this_deal():
    got = keyed("Chile signed for 20 K2 tanks on 2 May 2024. The first tank costs $9 million, paid partly with "
                "money for rifles Chile has donated to Peru.")
    assert got[("CHL", "K2")].status == "ordered"


def test_attributive_year_is_not_the_order_date():
    got = keyed("Japan concluded the paperwork to buy 40 F-16 jets, a step its 2022 defence strategy promised.",
                None)
    assert got[("JPN", "F-16")].order_date is None


def test_a_delivery_start_still_to_come_is_the_stage_of_an_order():
    from pipeline.extract.status import procurement_status
    assert procurement_status("Deliveries under the new deal start next year") == "ordered"


# ---------------------------------------------------------------- delivery lots and earlier orders

def test_delivery_lots_are_not_new_orders():
    ms = procs("Peru ordered 24 K9 howitzers in 2022. The third batch of the 24 K9 howitzers arrived on 5 May 2024. "
               "A fourth batch of K9 guns was delivered in June.")
    assert len(ms) == 1 and ms[0].status == "delivered" and ms[0].quantity == 24


def test_new_batch_ordered_is_still_its_own_record():
    ms = procs("Peru ordered 24 K9 howitzers in 2022. A second batch of 12 K9 howitzers was ordered in 2024.")
    assert sorted(m.quantity for m in ms) == [12, 24]


def test_earlier_order_told_in_passing_is_its_own_record():
    ms = procs("Peru signed for 20 K2 tanks in 2024, and the first arrived in May. The army had earlier bought "
               "ten K2 tanks in 2019.")
    assert sorted(m.quantity for m in ms) == [10, 20]


def test_losing_bidders_are_not_records():
    got = keyed("Peru picked the Rafale as its preferred option in May, ahead of the Gripen offered by Sweden and "
                "the F-16 Block 70.")
    assert set(got) == {("PER", "Rafale")}
    assert got[("PER", "Rafale")].status == "under_negotiation"


def test_platform_carrying_the_weapon_is_not_bought():
    got = keyed("The State Department approved a possible sale to Chile of 40 AIM-120 missiles, which would be "
                "carried by its F-16 fighters.")
    assert set(got) == {("CHL", "AIM-120")}
    assert got[("CHL", "AIM-120")].status == "offered"

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
    assert got[("PER", "AIM-120")].value is None


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


def test_a_later_more_precise_telling_of_the_same_date_refines_it():
    got = keyed("Peru signed a contract for 24 K9 howitzers last month. The contract was signed in Lima on April 17.",
                "2024-05-10")
    assert got[("PER", "K9")].order_date == "2024-04-17"


def test_a_planned_delivery_date_is_the_delivery_start():
    got = keyed("Peru signed a contract for 24 K9 howitzers, whose deliveries are planned for 2028.")
    assert got[("PER", "K9")].delivery_start == "2028"


def test_arrangements_finalised_and_equipment_that_reached_its_user():
    got = keyed("Officials said arrangements had been finalised for Rafale jets to join Peru's armed forces. "
                "The first Gripen reached the Peruvian air force in September 2023.")
    assert got[("PER", "Rafale")].status == "ordered"
    g = got[("PER", "Gripen")]
    assert (g.status, g.delivery_start) == ("delivered", "2023-09")


def test_system_identified_after_the_event():
    got = keyed("Peru's cabinet on Wednesday approved the purchase of 12 fighters from the United States for "
                "$500 million. The paper does not name the type, but sources in Peru identify it as the F-16 Block 70.",
                "2024-05-10")
    m = got[("PER", "F-16 Block 70")]
    assert (m.value.value, m.status) == (5e8, "planned")


def test_type_named_later_takes_the_name():
    got = keyed("Peru received six light attack aircraft on Friday. The aircraft - FA-50 jets built by Korea "
                "Aerospace Industries - will patrol the coast.")
    assert set(got) == {("PER", "FA-50")}
    assert got[("PER", "FA-50")].status == "delivered"


def test_declared_readiness_to_integrate_is_an_offer():
    got = keyed("At the air show the maker stated its readiness to integrate the AIM-120 onto a second batch of "
                "FA-50 jets currently under negotiation with Peru.")
    assert got[("PER", "AIM-120")].status == "offered"
    assert got[("PER", "FA-50")].status == "under_negotiation"


def test_negated_stages_and_authorisations():
    from pipeline.extract.status import procurement_status
    assert procurement_status("The programme has not been formally cancelled") is None
    assert procurement_status("The minister has signed no order scrapping it") is None
    assert procurement_status("The government on Tuesday authorised the purchase of trainers") == "planned"
    assert procurement_status("The army walked away from the deal in 2022") == "cancelled"
    assert procurement_status("The frigate has missed its contractual handover") is None


def test_number_in_a_system_name_is_no_date():
    got = keyed("Peru ordered 12 F-16 Block 70 jets.", None)
    assert got[("PER", "F-16 Block 70")].order_date is None


def test_agreed_transfer_and_plural_vehicles_reference():
    got = keyed("Under the deal, Chile agreed to hand 30 K2 tanks and 20 K9 howitzers from its stocks to Peru. "
                "The vehicles for Peru have since been delivered.")
    assert got[("PER", "K2")].status == "delivered" and got[("PER", "K9")].status == "delivered"
    assert got[("PER", "K2")].supplier_country == "CHL"


def test_date_of_a_when_clause_is_not_the_order_date():
    got = keyed("When the president toured the yard on 20 December 2025, he saw the second of four K9 guns that "
                "Peru ordered from Korea in 2018.", "2025-12-22")
    assert got[("PER", "K9")].order_date == "2018"


def test_class_name_is_not_cut_as_a_plural():
    from pipeline.extract.systems import SystemHit, as_written
    hit = SystemHit("Rafale", "Rafales", 0, 7, "combat_aircraft", "FRA", None, True)
    assert as_written(hit) == "Rafale"


def test_a_delivery_schedule_told_as_the_subject_dates_the_deal_in_hand():
    text = ("Chile orders patrol aircraft\n\n"
            "Chile has signed a contract with Embraer for four C-390 transport aircraft, the air force said on Monday. "
            "The first deliveries are planned for 2029.\n")
    ms = [m for m in extract_mentions(text, "d", "2025-09-01") if isinstance(m, ProcurementMention)]
    assert [(m.system, m.status, m.delivery_start) for m in ms] == [("C-390", "ordered", "2029")]


def test_the_prize_won_after_beating_a_rival_is_the_purchase():
    text = ("Hanwha Aerospace, beating the French Rafale team's howitzer to win the Polish Army order for 19 "
            "K9 howitzers, signed the contract on 3 March 2025.")
    ms = [m for m in extract_mentions(text, "d", "2025-03-05") if isinstance(m, ProcurementMention)]
    assert [(m.buyer_country, m.system, m.status, m.quantity) for m in ms] == [("POL", "K9", "ordered", 19)]


# ---------------------------------------------------------------- general mechanisms found on unseen text

def test_acronym_written_as_a_word_is_the_system_beside_a_category_noun():
    got = keyed("Peru has ordered 40 Amraam missiles from the United States, the ministry said.")
    assert ("PER", "AIM-120 AMRAAM") in got
    # the same word as a person's name, with no category noun near it, is no system
    assert procs("Tariq Amraam, an aide to the minister, said Peru would sign the contract soon.") == []


def test_designation_with_a_number_is_published_as_written():
    got = keyed("Chile has ordered two C-130J-30 aircraft from the United States.")
    assert set(got) == {("CHL", "C-130J-30")}


def test_number_inside_a_system_name_is_no_count():
    (m,) = procs("Germany declined to approve the export of Leopard 2 tanks to Qatar, officials said.")
    assert (m.buyer_country, m.status, m.quantity) == ("QAT", "denied", None)


def test_count_after_the_system_with_its_unit_noun():
    (m,) = procs("A second contract, for K9 howitzers, was signed by Norway in August for 24 guns.")
    assert (m.buyer_country, m.quantity) == ("NOR", 24)


def test_type_being_replaced_after_describing_words_is_not_bought():
    got = keyed("Thailand signed for eight FA-50 jets, which will replace ageing F-16 fighters.")
    assert set(got) == {("THA", "FA-50")}


def test_another_state_acting_on_its_own_deal_adds_nothing_to_the_deal_in_hand():
    got = keyed("Peru has received its first FA-50 jets from Korea. Separately, Chile's cabinet approved "
                "the purchase of 20 fighters from Sweden in April.")
    assert got[("PER", "FA-50")].quantity is None


def test_signing_told_by_a_report_dated_by_weekday_keeps_the_day():
    # published Friday 10 May 2024: "on Monday" is 6 May
    (m,) = procs("Thailand has signed a contract for eight FA-50 jets, the ministry said on Monday.")
    assert (m.order_date, m.status) == ("2024-05-06", "ordered")


def test_delivery_promised_once_a_contract_is_signed_reports_no_order():
    got = keyed("Peru has signed a letter of intent for 12 FA-50 jets. The jets would be delivered "
                "once the contract is finalised.")
    assert got[("PER", "FA-50")].status == "under_negotiation"


def test_conditional_clause_leaves_the_main_clause_of_another_verb_alone():
    got = keyed("Chile ordered 12 Gripen jets and could order more F-16 jets once the budget allows.")
    assert got[("CHL", "Gripen")].status == "ordered"
    assert ("CHL", "F-16") not in got or got[("CHL", "F-16")].status != "ordered"


def test_two_states_signing_a_letter_of_intent_are_not_two_buyers():
    got = keyed("Peru and Korea have signed a letter of intent for 12 FA-50 jets.")
    assert set(got) == {("PER", "FA-50")}


def test_type_chosen_over_a_rival_leaves_the_rival_out():
    got = keyed("Peru signed for 12 FA-50 jets, which were chosen over the Swedish Gripen.")
    assert set(got) == {("PER", "FA-50")}


def test_cabinet_clearing_a_deal_to_buy_is_planned():
    (m,) = procs("The cabinet committee on Tuesday cleared a deal for India to buy 22 F-16 jets from the United States.")
    assert (m.buyer_country, m.status) == ("IND", "planned")


def test_mark_written_after_a_known_name_is_part_of_it_and_never_a_system_alone():
    got = keyed("Chile has ordered 12 Rafale Mk-2 jets. Deliveries of the Mk-2 jets start in 2027.")
    assert set(got) == {("CHL", "Rafale Mk-2")}


def test_platform_that_parts_and_support_are_for_is_not_bought():
    assert procs("The State Department approved a $30 million sale of spare parts and support for the "
                 "air force's F-16 and C-130 aircraft to Chile.") == []


def test_design_derived_from_another_navys_ship_is_not_bought():
    got = keyed("Peru ordered 12 FA-50 jets; the trainer was derived from the Korean air force's F-16 design.")
    assert set(got) == {("PER", "FA-50")}


def test_every_type_in_a_replacement_list_is_retired_not_bought():
    got = keyed("Peru ordered 12 FA-50 jets to replace both the air force's Gripen fighters and its F-16 fighters.")
    assert set(got) == {("PER", "FA-50")}


def test_demonym_before_a_system_of_that_state_names_its_maker_not_its_buyer():
    got = keyed("Peru ordered 12 Korean FA-50 jets in 2023 and is considering buying Swedish Gripen fighters.")
    assert ("KOR", "FA-50") not in got and ("SWE", "Gripen") not in got
    assert got[("PER", "FA-50")].supplier_country == "KOR"


def test_every_type_in_an_existing_fleet_list_is_in_service_not_bought():
    got = keyed("Peru ordered 12 FA-50 jets; its air force already operates Gripen fighters, old Rafale jets "
                "and F-16 fighters.")
    assert set(got) == {("PER", "FA-50")}


def test_state_name_inside_an_event_name_is_not_the_buyer():
    got = keyed("Speaking at the Aero India show, the maker said Peru had ordered 12 FA-50 jets.")
    assert set(got) == {("PER", "FA-50")}


def test_state_after_a_month_name_is_still_an_actor():
    got = keyed("Chile ordered 12 Gripen jets in 2022, and in January Peru finalised a deal for 18 FA-50 jets.")
    assert ("PER", "FA-50") in got


def test_sale_told_by_the_seller_is_an_order_of_the_recipient():
    (m,) = procs("South Korea has sold 12 FA-50 jets to Peru, the company said.")
    assert (m.buyer_country, m.supplier_country, m.status, m.quantity) == ("PER", "KOR", "ordered", 12)


def test_supply_as_a_noun_names_no_giver():
    (m,) = procs("The defence ministries of Korea and Peru signed an agreement for the supply of 12 FA-50 "
                 "jets to Peru on Thursday.")
    assert (m.buyer_country, m.supplier_country) == ("PER", "KOR")


def test_sellers_government_approving_a_sale_is_an_offer_and_the_buyers_approval_a_plan():
    (m,) = procs("The United States has approved the sale of 12 F-16 jets to Peru for $3.4 billion.")
    assert (m.buyer_country, m.status) == ("PER", "offered")
    (m,) = procs("Peru's cabinet approved the purchase of 12 F-16 jets from the United States.")
    assert (m.buyer_country, m.status) == ("PER", "planned")


def test_contract_signing_participle_after_under_dates_the_order():
    # published Friday 10 May 2024: "on Monday" is 6 May
    (m,) = procs("Korea will supply 12 K9 howitzers to Peru under a contract signed on Monday.")
    assert (m.buyer_country, m.order_date, m.delivery_start) == ("PER", "2024-05-06", None)


def test_acronym_with_a_tail_is_found_written_as_a_word():
    (m,) = procs("Berlin authorised the export of 150 Iris-T missiles to Qatar.")
    assert (m.buyer_country, m.system, m.supplier_country) == ("QAT", "IRIS-T", "DEU")


def test_known_class_of_ships_is_published_as_written():
    got = keyed("Thailand ordered three Yuan-class submarines from China in 2017.")
    assert set(got) == {("THA", "Yuan-class")}


def test_state_after_for_is_the_receiver_of_a_type_named_system_and_the_maker_comes_before():
    (m,) = procs("A Korean shipyard will build four corvettes for Peru under a deal signed in 2023.")
    assert (m.buyer_country, m.supplier_country, m.quantity, m.order_date) == ("PER", "KOR", 4, "2023")


def test_date_opening_the_sentence_dates_an_agreement_to_buy():
    (m,) = procs("In October 2019, Peru agreed to buy a dozen FA-50 jets from Korea.")
    assert (m.order_date, m.quantity, m.status) == ("2019-10", 12, "ordered")


def test_pronoun_subject_telling_what_untold_contracts_cover():
    (m,) = procs("In January, the ministry signed two contracts with Hanwha worth $300 million. "
                 "They cover 12 K9 howitzers for Peru.")
    assert (m.buyer_country, m.quantity, m.order_date, m.status) == ("PER", 12, "2024-01", "ordered")
    assert m.value is not None and m.value.value == 300e6


def test_state_signing_with_its_own_industry_is_a_domestic_buyer():
    got = keyed("South Korea signs $2 billion deal with Hanwha for 120 K9 howitzers. The United States "
                "builds the engines.")
    assert ("KOR", "K9") in got and got[("KOR", "K9")].supplier_country == "KOR"


def test_previous_contract_told_in_passing_is_its_own_earlier_order():
    got = procs("Peru has signed a contract for 12 more FA-50 jets, the ministry said on Monday. "
                "The jets add to those of the previous FA-50 contract signed in March 2021 for 10 aircraft.")
    dates = sorted((m.order_date or "", m.quantity) for m in got if m.system == "FA-50")
    assert ("2024-05-06", 12) in dates and any(d.startswith("2021") for d, _ in dates)


def test_receiving_an_offer_or_an_order_is_no_delivery():
    got = keyed("Peru had also received proposals for Gripen fighters. The FA-50 won the largest order "
                "the jet has ever received when Peru signed for 12.")
    assert all(m.status != "delivered" for m in got.values())


def test_main_clause_of_a_sentence_opening_with_if_is_hypothetical():
    (m,) = procs("Peru signed a letter of intent for 12 FA-50 jets. If it is carried through, it would be "
                 "the largest order Korea has ever received and Peru would operate the type.")
    assert m.status == "under_negotiation"


def test_deliveries_discussed_or_put_on_hold_are_not_deliveries():
    (m,) = procs("Peru signed a letter of intent for 12 FA-50 jets. FA-50 deliveries to Peru had been discussed "
                 "for two years but were put on hold.")
    assert (m.status, m.delivery_start) == ("under_negotiation", None)


def test_date_of_a_cancellation_is_not_the_order_date():
    (m,) = procs("Peru scraps its contract for 12 FA-50 jets. The contract, signed in March 2021, ends effective Friday.")
    assert m.status == "cancelled" and m.order_date == "2021-03"


def test_date_a_termination_takes_effect_is_not_the_order_date_but_a_signing_after_it_is():
    (m,) = procs("Peru said it would terminate its contract for 12 FA-50 jets with effect from Friday. "
                 "Peru has cancelled the FA-50 contract.")
    assert m.status == "cancelled" and m.order_date is None
    (m,) = procs("Peru has cancelled the contract for 12 FA-50 jets signed in March 2021.")
    assert m.status == "cancelled" and m.order_date == "2021-03"


def test_from_a_state_in_the_systems_own_phrase_names_the_seller_over_the_designs_origin():
    (m,) = procs("The first six F-16 jets from Norway for Peru arrived on Monday.", "2024-05-10")
    assert m.supplier_country == "NOR"


def test_seller_named_in_a_sentence_about_the_deal_that_tells_no_stage():
    got = keyed("Peru has signed a contract for 12 F-16 jets. The signatures were put on the document by the "
                "minister and the head of Korean maker Korea Aerospace Industries.")
    assert got[("PER", "F-16")].supplier_country == "KOR"


def test_type_a_fleet_will_be_replaced_by_is_planned_and_the_old_fleet_is_not_bought():
    got = keyed("Peru's ageing F-16 jets will be replaced by the Gripen, the ministry said.")
    assert set(got) == {("PER", "Gripen")} and got[("PER", "Gripen")].status == "planned"


def test_lease_is_an_acquisition():
    (m,) = procs("Peru has leased two C-130J aircraft from the United States.")
    assert (m.buyer_country, m.status) == ("PER", "ordered")


def test_giving_verb_of_an_earlier_clause_with_its_own_subject_does_not_make_the_buyer_a_giver():
    got = keyed("Peru cancelled its Gripen contract and sent the jets back to Sweden, and in 2023 it announced "
                "it would buy six F-16 jets from the United States.")
    assert got[("PER", "F-16")].supplier_country == "USA"


def test_a_coordinated_giving_verb_keeps_its_subject():
    got = keyed("Norway handed its only K9 battery to Peru in 2022 and completed the transfer of its F-16 jets to Peru in 2023.")
    assert got[("PER", "F-16")].supplier_country == "NOR"


def test_type_a_programme_will_succeed_or_take_over_from_is_retired():
    got = keyed("Peru approved the purchase of 12 FA-50 jets to succeed ageing F-16 fighters.")
    assert set(got) == {("PER", "FA-50")}


def test_clearance_received_is_no_delivery_and_a_deal_that_collapsed_is_cancelled():
    (m,) = procs("Peru received clearance to purchase 12 F-16 jets, but the deal collapsed in 2021.")
    assert m.status == "cancelled"


def test_designs_that_dropped_out_of_a_competition_are_not_cancelled_orders():
    got = keyed("Peru chose the FA-50. Two other designs dropped out during the assessment, the Gripen and the F-16.")
    assert all(m.status != "cancelled" for m in got.values())


def test_sources_saying_which_system_an_untold_order_is():
    got = keyed("Peru's cabinet approved the purchase of an air defence system for $500 million. The ministry does "
                "not name the system, but industry sources say it is the IRIS-T SLM.")
    assert ("PER", "IRIS-T") in got or ("PER", "IRIS-T SLM") in got


def test_a_firm_or_a_congress_receiving_a_contract_or_a_notification_is_no_delivery():
    (m,) = procs("In March 2023, Lockheed Martin received a USD 1.2 billion Foreign Military Sales contract for "
                 "12 F-16 jets for Peru. Congress received the required notification on Friday.")
    assert m.status == "ordered" and m.delivery_start is None


def test_headline_approves_a_possible_sale_is_an_offer():
    (m,) = procs("Washington approves possible $2.4 billion sale of 40 AIM-120 missiles to Peru")
    assert (m.buyer_country, m.status) == ("PER", "offered")


def test_relative_clause_about_another_buyer_or_another_type_keeps_its_stage_to_itself():
    got = keyed("Peru will buy twelve F-16 jets. Originally built for the Korean Air Force, which has ordered "
                "forty, the F-16 was also selected by Chile.")
    assert got[("PER", "F-16")].status == "planned"
    got = keyed("Peru will buy 12 FA-50 jets to replace the Gripen fighters, six of which were constructed for Peru "
                "and handed over in 2010.")
    assert got[("PER", "FA-50")].status == "planned"
    assert got[("PER", "Gripen")].status == "delivered"


def test_a_state_giving_its_own_equipment_away_has_delivered_it():
    got = keyed("Norway has had no long-range cover since giving its F-16 jets to Peru in 2022.")
    assert got[("PER", "F-16")].status == "delivered"
    assert procs("Peru's cabinet gave the green light to a plan to study fighter options.") == []


def test_headline_present_tense_and_progressive_acquisition_are_orders_but_not_the_noun():
    (m,) = procs("Peru buys 12 FA-50 jets from Korea")
    assert (m.buyer_country, m.status) == ("PER", "ordered")
    (m,) = procs("Peru also announced it was acquiring Korean FA-50 jets.")
    assert (m.buyer_country, m.status) == ("PER", "ordered")
    assert all(m.status != "ordered" for m in procs("Peru's cabinet clears $3 billion in buys, including FA-50 jets."))


def test_awarding_state_is_the_buyer_of_a_contract_to_deliver_and_its_ministry_is_not_a_firm():
    (m,) = procs("On 3 June the Korean Ministry of Defence awarded Lockheed Martin the contract to "
                 "deliver 12 F-16 jets.")
    assert (m.buyer_country, m.supplier_country) == ("KOR", "USA")


def test_numbered_class_name_is_a_system():
    (m,) = procs("Peru ordered eight Falaj 3-class patrol boats from the United Arab Emirates.")
    assert (m.buyer_country, m.system, m.category) == ("PER", "Falaj 3-class", "naval_vessel")


def test_a_verb_before_a_type_noun_is_not_part_of_the_types_name():
    got = procs("Other orders reported in Peruvian media cover diving support boats from a Korean yard for $20 million.")
    assert all(not m.system.lower().startswith(("cover", "sister")) for m in got)


def test_a_seller_unable_to_export_is_a_denial():
    (m,) = procs("Peru had selected the FA-50 in 2019, but Korea Aerospace Industries said it was unable to export "
                 "the FA-50 because a licence for its engines was refused.")
    assert (m.buyer_country, m.status) == ("PER", "denied")


def test_support_deals_for_a_fleet_and_a_types_relative_clause_make_no_records():
    assert procs("Support deals for the air force's F-16 and C-130 fleets, worth $30 million, were signed by Peru.") == []
    got = procs("Peru ordered 40 AIM-120 missiles, which protect navy ships against sea-skimming missiles.")
    assert all(" against " not in m.system and not m.system.startswith("protect") for m in got)


def test_a_cue_in_a_subordinate_clause_about_another_system_keeps_to_it():
    got = keyed("The Gripen purchase by Peru comes two years after the United States declined to sell the F-16 to Peru.")
    assert ("PER", "Gripen") not in got or got[("PER", "Gripen")].status != "denied"
    assert got[("PER", "F-16")].status == "denied"


def test_two_tellings_of_one_acquisition_kept_apart_are_merged_but_a_second_batch_is_not():
    from pipeline.extract.procurements.mentions import _Cluster, _merge_compatible
    signed = _Cluster("PER", "FA50", "FA-50", None)
    signed.order_date, signed.statuses = "2024-05-09", ["ordered"]
    schedule = _Cluster("PER", "FA50", "FA-50", None)
    schedule.delivery_start, schedule.statuses = "2026", ["planned"]
    second = _Cluster("PER", "FA50", "FA-50", "second")
    second.statuses = ["under_negotiation"]
    other_year = _Cluster("PER", "FA50", "FA-50", None)
    other_year.order_date, other_year.statuses = "2019", ["ordered"]
    out = _merge_compatible([signed, schedule, second, other_year])
    assert out == [signed, second, other_year]
    assert (signed.delivery_start, signed.statuses) == ("2026", ["ordered", "planned"])


def test_an_aside_between_agreed_and_to_buy_still_makes_a_dated_order_and_a_build_standard_is_no_system():
    got = keyed("Peru agreed in October 2019, while Korea's president was visiting Lima, to purchase twelve FA-50 "
                "jets. A plant in Korea upgraded the jets to FA-50 Block 20 standard before delivery.")
    assert set(got) == {("PER", "FA-50")}
    assert (got[("PER", "FA-50")].status, got[("PER", "FA-50")].order_date) == ("ordered", "2019-10")


def test_own_firm_finalising_a_contract_in_an_article_about_one_state_is_a_domestic_negotiation():
    got = keyed("Korean Air Force officials visited the Hanwha plant on Tuesday. Hanwha won Korean orders for "
                "ammunition last year. The company was also finalising a contract for the purchase of its new K9 "
                "howitzers, he added.")
    assert got[("KOR", "K9")].status == "under_negotiation"


def test_states_listed_with_the_receiver_each_receive_the_system():
    got = keyed("Korea delivered FA-50 jets to Peru and Chile this week.")
    assert {("PER", "FA-50"), ("CHL", "FA-50")} <= set(got)
    assert all(m.status == "delivered" for m in got.values())


def test_a_count_of_more_units_is_the_next_batch_of_the_system_in_hand():
    got = procs("Peru has flown the FA-50 since 2009, when the first 12 FA-50 jets were delivered. "
                "In 2017 it ordered six more aircraft.")
    batches = sorted((m.quantity, m.order_date, m.status) for m in got if m.buyer_country == "PER")
    assert (6, "2017", "ordered") in batches and any(q == 12 for q, _, _ in batches)


def test_naming_a_system_of_a_deal_in_hand_turns_the_discourse_back_to_it():
    got = procs("Peru ordered 12 FA-50 jets from Korea in 2019. Peru is also in talks to buy F-16 jets. "
                "Not every FA-50 deal went smoothly, officials said. Peru later signed for six of the jets in 2021.")
    fa50 = [m for m in got if m.system == "FA-50"]
    f16 = [m for m in got if m.system == "F-16"]
    assert fa50 and all(m.quantity != 6 and m.status == "under_negotiation" for m in f16)


# ---------------------------------------------------------------- a fleet's own purchase, told in passing

def test_a_retiring_fleet_whose_purchase_is_told_is_a_delivered_record():
    ms = keyed("Peru will buy 12 Gripen jets to replace the 20 F-16 fighters that Peru bought in 2004.")
    assert (ms[("PER", "F-16")].status, ms[("PER", "F-16")].order_date, ms[("PER", "F-16")].quantity) == \
        ("delivered", "2004", 20)
    assert ms[("PER", "Gripen")].status == "planned"


def test_a_fleet_in_service_with_its_purchase_told_after_a_comma_is_a_record():
    [m] = procs("Peru already flies 20 F-16 fighters, bought from the Netherlands under a deal agreed in 2004.")
    assert (m.buyer_country, m.supplier_country, m.status, m.order_date) == ("PER", "NLD", "delivered", "2004")


def test_a_fleet_in_service_without_its_purchase_is_still_no_record():
    assert procs("Peru already flies 20 F-16 fighters.") == []
    assert [m.system for m in procs("Peru, which already flies the F-16, ordered 12 Gripen jets.")] == ["Gripen"]


def test_a_system_some_words_after_a_choice_verbs_over_lost_to_the_one_chosen():
    ms = keyed("Peru ordered 24 Gripen jets, which were chosen in a long open competition over the F-16.")
    assert set(ms) == {("PER", "Gripen")}
    # "over the next five years" is a span of time, not a rival
    assert ("PER", "F-16") in keyed("Peru selected 24 F-16 jets for delivery over the next five years.")


def test_the_platform_a_bought_part_powers_is_not_bought():
    assert procs("Poland faces delays in deliveries of F414 engines, which power the Gripen fighters.") == []


def test_a_type_phrase_keeps_its_capitalised_first_word_at_the_start_of_a_sentence():
    from pipeline.extract.system_types import find_types
    assert [h.system for h in find_types("Armoured recovery vehicles and a radar were cleared on Monday.")] == \
        ["Armoured recovery vehicles"]
    # a capitalised word inside the sentence is a name, which ends the type phrase
    assert [h.system for h in find_types("The council cleared Hanwha recovery vehicles.")] in ([], ["recovery vehicles"])


def test_an_item_of_a_list_takes_the_date_of_the_sentence_that_leads_the_list():
    text = ("On 12 February Chile signed three contracts with foreign firms:\n"
            "- Jets: six FA-50 light fighters were ordered from KAI of South Korea.\n"
            "- Artillery: twelve K9 howitzers, bought from Hanwha, for a sum not disclosed.\n"
            "Officials said more orders would follow.\n"
            "- Tanks: Chile also ordered ten K2 tanks.\n")
    ms = keyed(text)
    assert ms[("CHL", "FA-50")].order_date == "2024-02-12"
    assert ms[("CHL", "K9")].order_date == "2024-02-12"
    # a plain sentence ends the list: a later dash line has no lead
    assert ms[("CHL", "K2")].order_date is None


def test_an_item_with_its_own_date_keeps_it_and_a_lead_without_a_colon_gives_none():
    ms = keyed("On 12 February Chile signed three contracts with foreign firms:\n"
               "- Jets: six FA-50 fighters were ordered from KAI in March 2023.\n")
    assert ms[("CHL", "FA-50")].order_date == "2023-03"
    ms = keyed("On 12 February Chile signed three contracts with foreign firms.\n"
               "- Jets: six FA-50 fighters were ordered from KAI of South Korea.\n")
    assert ms[("CHL", "FA-50")].order_date is None


def test_an_item_of_a_list_with_no_verb_takes_the_stage_of_the_lead_sentence():
    ms = keyed("Chile signed three contracts with foreign firms on 3 May:\n"
               "- six FA-50 light fighters from KAI of South Korea;\n"
               "- twelve K9 howitzers, about US$300 million.\n")
    fa, k9 = ms[("CHL", "FA-50")], ms[("CHL", "K9")]
    assert (fa.supplier_country, fa.quantity, fa.status, fa.order_date) == ("KOR", 6, "ordered", "2024-05-03")
    assert (k9.quantity, k9.status, k9.value.value, k9.value.currency) == (12, "ordered", 300_000_000, "USD")
    # a lead that tells no stage makes no records of the items under it
    assert procs("Chile's fleet today:\n- six FA-50 light fighters;\n- twelve K9 howitzers.\n") == []


def test_an_item_of_a_list_that_names_no_buyer_is_bought_by_the_state_its_lead_names():
    ms = keyed("Peru has long flown Mirage jets. Peru bought Gripen jets in 2020 from Sweden.\n"
               "In a separate move, Chile signed three contracts with foreign firms on 3 May:\n"
               "- six FA-50 light fighters from KAI of South Korea;\n"
               "- twelve K9 howitzers, about US$300 million.\n")
    assert {k for k in ms} == {("PER", "Gripen"), ("CHL", "FA-50"), ("CHL", "K9")}


def test_a_counted_name_no_gazetteer_knows_before_a_type_noun_is_that_system_as_written():
    ms = keyed("Peru bought 12 Condor II helicopters from Brazil. "
               "Ecuador received six Komodo armoured vehicles from Indonesia in 2023.")
    condor, komodo = ms[("PER", "Condor II")], ms[("ECU", "Komodo")]
    assert (condor.supplier_country, condor.quantity, condor.category) == ("BRA", 12, "helicopter")
    assert (komodo.supplier_country, komodo.quantity, komodo.category, komodo.status) == \
        ("IDN", 6, "armoured_vehicle", "delivered")


def test_a_state_a_firm_or_a_service_before_a_type_noun_is_no_system_name():
    from pipeline.extract.system_types import find_types
    text = "Peru ordered two Navy patrol vessels and four French frigates."
    # "French" is a demonym the caller marks as taken; "Navy" a service (reference/role_cues.csv):
    # neither is named, and the count before them is not the type phrase's own
    assert find_types(text, taken=((text.index("French"), text.index("French") + 6),)) == []
    assert [h.system for h in find_types(text)] == ["French"]  # untaken, a capitalised word reads as a name
    # without a count the name may refer back to a deal told before: no new system
    assert find_types("Peru said the Condor helicopters were late.") == []


def test_a_purchase_confirmed_announced_or_completed_is_an_order_dated_by_its_clause():
    for verb in ("confirmed", "announced", "completed"):
        [m] = procs(f"Chile's defence ministry {verb} the purchase of 12 used F-16 fighters from Poland in April.")
        assert (m.buyer_country, m.supplier_country, m.quantity, m.status, m.order_date) == \
            ("CHL", "POL", 12, "ordered", "2024-04")
    # a purchase only approved is planned, and the approval's date is no order date
    [m] = procs("Chile's cabinet approved the purchase of 12 F-16 fighters from Poland in April.")
    assert (m.status, m.order_date) == ("planned", None)


def test_the_one_system_named_by_type_takes_the_amount_told_before_it():
    [m] = procs("Chile signed a $310 million contract for four offshore patrol vessels.")
    assert (m.system, m.quantity, m.value.value, m.value.currency) == ("offshore patrol vessels", 4, 310_000_000, "USD")
    # items of a list still take only the amount of their own stretch
    ms = keyed("Chile signed three contracts with foreign firms on 3 May:\n"
               "- four offshore patrol vessels from Poland;\n- twelve K9 howitzers, about US$300 million.\n")
    assert ms[("CHL", "offshore patrol vessels")].value is None


def test_a_fleet_in_service_with_its_purchase_told_in_a_participle_keeps_its_own_date():
    ms = keyed("Peru ordered 12 Gripen jets from Sweden. The air force currently flies 20 F-16 fighters bought "
               "from the Netherlands in 2004, which will be retired once the new aircraft arrive.")
    assert ms[("PER", "Gripen")].order_date is None  # 2004 is the F-16s' purchase, not the Gripens'
    f16 = ms[("PER", "F-16")]
    assert (f16.supplier_country, f16.quantity, f16.status, f16.order_date) == ("NLD", 20, "delivered", "2004")


def test_batches_of_one_system_in_one_sentence_keep_their_own_dates_and_later_references_find_them():
    text = ("Chile signed a contract on 4 March 2025 for 18 more K9 howitzers, following an initial order "
            "for 54 K9 howitzers placed in July 2023. Deliveries of the new batch will begin in 2027. "
            "The first 18 howitzers from the 2023 order were handed over in January.")
    ms = sorted(procs(text, "2025-03-10"), key=lambda m: m.quantity)
    new, first = ms
    assert (new.quantity, new.order_date, new.delivery_start, new.status) == (18, "2025-03-04", "2027", "ordered")
    # "from the 2023 order" dates the order, not the hand-over; "in January" is the hand-over
    assert (first.quantity, first.order_date, first.delivery_start, first.status) == (54, "2023-07", "2025-01", "delivered")


def test_a_leading_date_still_dates_a_second_system_joined_by_and_for():
    ms = keyed("Chile on 4 March signed contracts for twelve K9 howitzers, with an option for more, and for "
               "six additional FA-50 jets, turning last year's agreement into firm orders.", "2025-03-10")
    assert ms[("CHL", "FA-50")].order_date == "2025-03-04"
    assert ms[("CHL", "K9")].order_date == "2025-03-04"


def test_the_value_or_an_estimate_told_in_the_next_sentence_is_the_deal_in_hands():
    for follow in ("The value was not disclosed, but local media put it at about $900 million.",
                   "The price was $900 million, officials said."):
        [m] = procs("Peru signed a contract for 12 Gripen jets. " + follow)
        assert (m.value.value, m.value.currency) == (900_000_000, "USD")


def test_systems_named_by_type_take_the_seller_told_before_the_list():
    ms = keyed("Chile signed a contract with South Korea's Hanwha for two frigates and "
               "two offshore patrol vessels.")
    assert ms[("CHL", "frigates")].supplier_country == "KOR"
    assert ms[("CHL", "offshore patrol vessels")].supplier_country == "KOR"


def test_a_contract_told_by_what_it_buys_is_the_deal_in_hand_and_pesos_are_the_buyers():
    [m] = procs("Colombia chose the Gripen over the Rafale last week. A contract for 17 aircraft, worth about "
                "16.5 trillion pesos, is expected to be signed this year.")
    assert (m.buyer_country, m.system, m.quantity) == ("COL", "Gripen", 17)
    assert (m.value.value, m.value.currency) == (16.5e12, "COP")


def test_an_event_of_another_system_that_makes_no_record_ends_the_deal_in_hand():
    text = ("Peru signed a contract for 12 Gripen jets in May. Poland will donate 18 K9 howitzers to Chile. "
            "The first six have already been handed over.")
    ms = keyed(text)
    assert ms[("PER", "Gripen")].status == "ordered"  # the hand-over is the howitzers', not the jets'


def test_one_system_bought_by_two_states_in_one_sentence_keeps_each_buyers_date():
    ms = keyed("The deal follows Malaysia's purchase of 18 FA-50 jets in 2023, and Poland's order for "
               "48 FA-50 aircraft in 2022.")
    assert ms[("MYS", "FA-50")].order_date == "2023"
    assert ms[("POL", "FA-50")].order_date == "2022"


def test_the_new_contract_is_the_newest_order_when_no_batch_is_told_as_a_later_one():
    text = ("Peru signed a contract for 12 FA-50 jets on 2 May 2024. Peru bought 12 FA-50 jets in 2014, all of "
            "which were delivered by 2017. Under the new contract, the jets will be delivered by 2030.")
    ms = sorted(procs(text), key=lambda m: m.order_date)
    old, new = ms
    assert (old.order_date, old.status) == ("2014", "delivered")
    assert (new.order_date, new.delivery_start) == ("2024-05-02", "2030")


def test_a_defence_council_clearance_of_a_list_is_a_plan_for_each_item():
    text = ("Chile is rebuilding its navy. Chile has few ships.\n"
            "The proposals cleared include:\n"
            "- Next Generation Fast Patrol Vessels for the coast guard;\n"
            "- Air Defence Fire Control Radars for the army.\n")
    ms = keyed(text)
    assert ms[("CHL", "Next Generation Fast Patrol Vessels")].status == "planned"
    assert ms[("CHL", "Air Defence Fire Control Radars")].category == "radar_sensor"
    ms = keyed("Chile is rebuilding its navy. Chile has few ships. Mine countermeasure vessels were all cleared by "
               "the council. Armoured recovery vehicles received AoNs for the army.")
    # an approval received is a plan, not a delivery
    assert {k: m.status for k, m in ms.items()} == {
        ("CHL", "Mine countermeasure vessels"): "planned", ("CHL", "Armoured recovery vehicles"): "planned"}


def test_a_relative_clauses_stage_is_its_own_systems_not_the_main_clauses():
    [m] = procs("Peru, which already operates FA-50 and K9 fleets, is in advanced negotiations with France "
                "for the Rafale, officials said.")
    assert (m.system, m.status) == ("Rafale", "under_negotiation")


def test_a_delivery_begun_under_a_deal_agreed_in_a_year_is_delivered_and_dated_by_the_deal():
    [m] = procs("France has begun delivering Rafale jets to Peru under a deal agreed in 2022, officials said.")
    assert (m.buyer_country, m.status, m.order_date) == ("PER", "delivered", "2022")


def test_the_amount_of_a_systems_own_deal_phrase_beats_the_days_total_and_a_firm_for_another_item():
    text = ("Peru signed deals worth $5 billion on Tuesday, including a $900 million contract with Hanwha for "
            "ammunition and a $2.1 billion order for Rafale jets.")
    [m] = procs(text)
    assert (m.system, m.value.value, m.supplier_country) == ("Rafale", 2.1e9, "FRA")


def test_a_batch_told_by_type_beside_a_named_system_is_its_own_acquisition():
    ms = keyed("Peru plans to buy 12 more howitzers from Korea, on top of the 18 K9 howitzers delivered in 2020.")
    assert (ms[("PER", "howitzers")].quantity, ms[("PER", "howitzers")].status) == (12, "planned")
    assert (ms[("PER", "K9")].quantity, ms[("PER", "K9")].status) == (18, "delivered")
    # without "more" or another event's phrase the type phrase is the named system
    assert set(keyed("Peru ordered 12 K9 howitzers.")) == {("PER", "K9")}


def test_a_system_under_the_sentences_first_contract_is_the_first_batch():
    # the new contract is undated: nothing but the batch word keeps the two apart
    text = ("Poland signed a second executive contract for 180 K2 tanks. The first executive contract, "
            "signed in August 2022, covered 180 K2 tanks, of which 117 have been delivered.")
    ms = sorted(procs(text, "2023-12-05"), key=lambda m: m.order_date or "")
    second, first = ms
    assert (first.order_date, first.status) == ("2022-08", "delivered")
    assert (second.order_date, second.status) == (None, "ordered")


def test_a_coordinate_clause_before_the_system_does_not_give_it_that_clauses_stage():
    # the fleet clause names a system the gazetteer does not know, so K9 is the sentence's only system
    [m] = procs("Peru already operates Centauro armoured vehicles, and last year it ordered 18 K9 howitzers "
                "from Hanwha.")
    assert (m.system, m.quantity, m.status) == ("K9", 18, "ordered")
    # a later clause about the same deal still tells its stage
    [m] = procs("Peru signed the contract in 2022, and 48 K9 howitzers were delivered in 2023.")
    assert m.status == "delivered"


def test_a_year_written_before_the_order_noun_dates_the_order_whatever_the_verb():
    [m] = procs("Peru has scrapped a 2021 order for 12 FA-50 jets from South Korea.")
    assert (m.status, m.order_date) == ("cancelled", "2021")
    [m] = procs("Under a 2021 contract, Peru received 12 FA-50 jets from South Korea.")
    assert (m.status, m.order_date, m.delivery_start) == ("delivered", "2021", None)


def test_a_year_after_since_is_how_long_talks_have_lasted_not_a_signing():
    [m] = procs("Peru is negotiating the purchase of 12 FA-50 jets, a deal that has been under discussion since 2021.")
    assert (m.status, m.order_date) == ("under_negotiation", None)


def test_a_hyphenated_adjective_belongs_to_a_type_phrase_and_keeps_its_count():
    [m] = procs("South Korea handed over 12 high-speed interceptor boats to Peru in 2023.")
    assert (m.buyer_country, m.system, m.quantity) == ("PER", "high-speed interceptor boats", 12)
    # ... but alone it does not make a bare head a new system
    assert procs("Peru will acquire nuclear-powered submarines.") == []


def test_a_hyphenated_adjective_stands_between_a_count_and_its_system():
    [m] = procs("Peru ordered 12 all-weather FA-50 jets from South Korea.")
    assert m.quantity == 12


def test_a_reference_to_the_deal_in_hand_may_carry_its_amount():
    text = ("Peru took delivery of the first of 12 FA-50 jets from South Korea on Monday.\n\n"
            "Lima signed the $900 million purchase in August 2022.")
    [m] = procs(text)
    assert (m.value.value, m.value.currency, m.order_date) == (900_000_000, "USD", "2022-08")


def test_a_fleet_said_to_climb_to_a_number_is_a_total_not_the_order():
    got = procs("Peru ordered 12 more FA-50 jets from South Korea on Monday. With the new order, the air force's "
                "FA-50 inventory is due to climb to 30 aircraft.")
    assert {m.quantity for m in got} == {12, None}


def test_a_count_ordered_beats_a_lot_delivered_told_before_it():
    text = ("The Peruvian Air Force received its first six FA-50 jets from South Korea on Monday.\n\n"
            "Peru ordered 24 FA-50s in 2022 in a deal worth about $1.5 billion.")
    [m] = procs(text)
    assert (m.quantity, m.status, m.order_date) == (24, "delivered", "2022")


def test_another_state_buying_the_same_system_is_a_record_of_its_own():
    text = ("Peru signed a $900 million contract with South Korea on Monday for 12 FA-50 jets.\n\n"
            "The deal comes after Malaysia bought the same aircraft for $920 million in 2023. "
            "Chile bought 18 of the same type in 2021.")
    got = keyed(text)
    assert set(got) == {("PER", "FA-50"), ("MYS", "FA-50"), ("CHL", "FA-50")}
    assert (got["MYS", "FA-50"].value.value, got["MYS", "FA-50"].order_date) == (920_000_000, "2023")
    assert (got["CHL", "FA-50"].quantity, got["CHL", "FA-50"].order_date) == (18, "2021")
    assert (got["PER", "FA-50"].quantity, got["PER", "FA-50"].value.value) == (12, 900_000_000)


def test_a_denied_report_with_an_indefinite_article_reports_no_purchase():
    assert procs("Peru's air force on Monday denied a report that it had agreed to buy 12 more FA-50 jets "
                 "from South Korea.") == []


def test_a_purchase_in_an_after_clause_does_not_date_the_order_the_sentence_is_about():
    [m] = procs("Peru has placed an order for 24 K9 howitzers with Hanwha, officials said, its second such "
                "order after 18 guns were bought in 2021.")
    assert (m.quantity, m.order_date) == (24, None)


def test_a_list_of_states_a_system_has_been_ordered_by_is_its_customers_not_new_orders():
    assert procs("The FA-50 has been ordered by Poland, Malaysia, Peru and the Philippines.") == []
    [m] = procs("Twelve FA-50 jets have been ordered by Peru.")
    assert (m.buyer_country, m.quantity, m.status) == ("PER", 12, "ordered")


def test_a_rival_after_a_chosen_variant_with_a_slash_is_still_a_rival():
    [m] = procs("In August Peru chose the Gripen E/F over the F-16 Block 70 to replace its ageing jets.")
    assert (m.system, m.status) == ("Gripen E/F", "under_negotiation")


def test_the_last_systems_subject_may_go_on_to_a_later_stage_of_it():
    got = keyed("Peru evaluated the Gripen and then chose the FA-50 in 2022 and ordered 12 of them.")
    assert got["PER", "FA-50"].status == "ordered"
    # ... but not past a new subject
    got = keyed("Peru chose the FA-50 in 2022, and Chile ordered 12 Gripen jets.")
    assert (got["PER", "FA-50"].status, got["CHL", "Gripen"].status) == ("under_negotiation", "ordered")


def test_a_passive_relative_clause_or_participle_after_a_system_tells_its_stage():
    [m] = procs("Peru bought 12 FA-50 jets from South Korea, which were delivered in 2021.")
    assert (m.status, m.delivery_start) == ("delivered", "2021")
    got = keyed("Peru has also bought 12 FA-50 jets from South Korea, delivered in 2021, and is in talks to buy "
                "Gripen jets from Sweden.")
    assert got["PER", "FA-50"].status == "delivered"


def test_a_participle_after_a_comma_has_no_subject_and_makes_no_giver():
    got = keyed("Peru bought 12 FA-50 jets, delivered in 2021, and is in talks to buy Gripen jets from Sweden.")
    assert (got["PER", "FA-50"].status, got["PER", "Gripen"].status) == ("delivered", "under_negotiation")


def test_a_contract_to_upgrade_a_fleet_is_work_on_equipment_held_not_its_purchase():
    assert procs("Peru has signed a contract with Hanwha to overhaul and upgrade its fleet of 40 K9 howitzers.") == []
    assert procs("Peru signed a contract with South Korea for upgrading 12 FA-50 jets.") == []
    # ... but modernising a force with new equipment buys it
    [m] = procs("Peru will modernise its army with 40 K9 howitzers ordered from South Korea on Monday.")
    assert (m.system, m.quantity) == ("K9", 40)


def test_a_state_named_as_seller_of_used_equipment_is_not_the_document_buyer():
    text = ("The second of four used F-16 jets purchased by Peru from Norway reached Lima on Monday.\n\n"
            "The contract with Norway was signed on 17 October 2023. Oslo retired the jets in 2022, when "
            "Norway's air force moved to the F-35; Norwegian officials said Norway had no further use for them.\n\n"
            "The first F-16 was handed over on 3 September 2023.")
    got = procs(text, "2024-05-10")
    assert {(m.buyer_country, m.supplier_country) for m in got if m.system == "F-16"} == {("PER", "NOR")}


def test_a_reference_telling_neither_a_stage_nor_a_signing_does_not_date_the_deal():
    text = ("Peru signed for 12 FA-50 jets from South Korea.\n\n"
            "Asked on Wednesday whether the contract remained valid, the minister declined to comment.")
    [m] = procs(text, "2024-05-10")
    assert (m.status, m.order_date) == ("ordered", None)


def test_several_other_buyers_of_the_same_system_each_take_their_own_stretch():
    text = ("Peru has signed a $900 million contract with South Korea for 12 FA-50 jets.\n\n"
            "The deal follows Malaysia's $920 million purchase of the same jets in 2023 and a $700 million "
            "Polish order signed in February.")
    got = keyed(text, "2024-05-10")
    assert (got["MYS", "FA-50"].value.value, got["MYS", "FA-50"].order_date) == (920_000_000, "2023")
    assert (got["POL", "FA-50"].value.value, got["POL", "FA-50"].order_date) == (700_000_000, "2024-02")


def test_a_deal_line_under_a_heading_is_an_order():
    text = ("Show news: day three deals\n\n"
            "* Peru Air Force: $300 million with KAI for FA-50 jets\n"
            "* Peru Army: talks continue on K9 howitzers\n")
    got = keyed(text, "2024-05-10")
    assert (got["PER", "FA-50"].status, got["PER", "FA-50"].value.value) == ("ordered", 300_000_000)
    assert got["PER", "K9"].status == "under_negotiation"  # a line with a stage of its own keeps it


def test_the_and_a_count_may_open_the_first_mention_of_a_type():
    [m] = procs("Peru's defence ministry signed contracts with a local yard to build the two offshore patrol "
                "vessels that will replace its ageing gunboats.")
    assert (m.buyer_country, m.system, m.quantity, m.status) == ("PER", "offshore patrol vessels", 2, "ordered")
    # ... but a deal in hand of the type's kind is what "the two ..." refers to
    got = procs("Peru ordered two corvettes from South Korea in 2022. The shipyard will build the two "
                "corvettes in Busan.")
    assert [(m.system, m.quantity) for m in got] == [("corvettes", 2)]


def test_a_state_that_signs_a_contract_with_its_own_maker_orders_at_home():
    [m] = procs("South Korea signed a contract for 100 K9 howitzers from Hanwha.")
    assert (m.buyer_country, m.supplier_country, m.quantity) == ("KOR", "KOR", 100)


def test_a_state_name_inside_a_firms_name_is_the_firm_not_the_state_acting():
    # the seller signs too: a firm named after its state is not that state buying at home
    text = ("Poland signed framework agreements with South Korea for FA-50 jets in July.\n\n"
            "Korea Aerospace Industries signed contracts in September for 48 FA-50 jets worth $3 billion.")
    got = procs(text, "2024-05-10")
    assert {m.buyer_country for m in got} == {"POL"}


def test_a_gerund_ends_a_type_phrase():
    from pipeline.extract.system_types import find_types
    assert [h.system for h in find_types("Peru signed an agreement involving surveillance drones.")] == \
        ["surveillance drones"]


def test_a_seller_that_shipped_systems_to_a_state_delivered_them():
    [m] = procs("South Korea's Hanwha has shipped the last of 24 K9 howitzers to Peru.")
    assert (m.buyer_country, m.supplier_country, m.status) == ("PER", "KOR", "delivered")


def test_a_wheel_formula_belongs_to_an_unknown_systems_name():
    [m] = procs("Peru on Monday received 40 Condor 6x6 armoured vehicles from a Polish maker.")
    assert (m.system, m.quantity, m.status) == ("Condor 6x6", 40, "delivered")


def test_a_buyer_expecting_a_counted_delivery_has_ordered_it():
    got = keyed("Peru also expects six FA-50 jets and 24 K9 howitzers later this year.")
    assert {k: (m.quantity, m.status) for k, m in got.items()} == {("PER", "FA-50"): (6, "ordered"),
                                                                   ("PER", "K9"): (24, "ordered")}


def test_a_deal_noun_whose_signing_is_still_to_come_is_a_plan():
    [m] = procs("Peru expects to sign a contract for four Gripen jets from Sweden this year.")
    assert m.status == "planned"
    [m] = procs("Peru will sign the $600 million deal for four Gripen jets from Sweden next month.")
    assert m.status == "planned"


def test_a_pronoun_worth_an_amount_and_a_counted_subject_continue_the_deal_in_hand():
    [m] = procs("Peru has ordered FA-50 jets from South Korea. It is worth about $700 million and includes training.")
    assert m.value.value == 700_000_000
    [m] = procs("Peru has ordered FA-50 jets from South Korea. Twelve aircraft will be delivered from 2026.")
    assert (m.quantity, m.delivery_start) == (12, "2026")
    [m] = procs("Peru has ordered FA-50 jets from South Korea. A total of 12 jets will be delivered by 2028.")
    assert m.quantity == 12


def test_an_agreement_signed_with_a_firm_is_a_contract():
    # issue 11: "agreement" with a company (agreement_parties.firm_counterpart) is a contract, not only a pact
    got = keyed("The Polish Armament Agency signed an agreement with Hanwha Aerospace on Tuesday to produce "
                "48 K9 howitzers.")
    assert set(got) == {("POL", "K9")}
    assert (got[("POL", "K9")].status, got[("POL", "K9")].quantity, got[("POL", "K9")].order_date) == \
        ("ordered", 48, "2024-05-07")
    # an agreement between states on a system is no contract by itself
    assert keyed("Poland and South Korea signed an agreement on K9 howitzers.") == {}


def test_a_deal_line_buys_a_system_no_gazetteer_knows_by_its_name():
    # a show daily's contract lines: "<buyer>: <amount> with <firm> for the <Name> system"
    text = ("DAY TWO | Tuesday, 21 May 2024\n\n"
            "Contracts signed on day two:\n"
            "- Polish Armament Agency: PLN 1.2bn with Hanwha Aerospace for the Thunder Bolt P3 system\n"
            "- Polish Armament Agency: PLN 40m with Hanwha Aerospace for technical support\n")
    got = procs(text, "2024-05-21")
    assert [(m.buyer_country, m.system, m.supplier_country, m.status) for m in got] == \
        [("POL", "Thunder Bolt P3", "KOR", "ordered")]
    assert (got[0].value.value, got[0].value.currency) == (1.2e9, "PLN")


def test_a_spaced_designation_may_end_in_letters_joined_to_its_number():
    from pipeline.extract.systems import find_systems
    got = [(h.system, h.category) for h in find_systems("The navy signed for two OPV 60M offshore patrol vessels.")]
    assert got == [("OPV 60M", "naval_vessel")]


def test_a_name_written_in_capitals_is_the_gazetteers_system():
    # press releases write product names in capitals ("LEOPARD 2A7", "GRIPEN"); acronyms stay acronyms
    from pipeline.extract.systems import as_written, find_systems
    got = [(h.system, as_written(h)) for h in find_systems("NATO said the army signed for 20 more LEOPARD 2A7 tanks "
                                                            "and two GRIPEN jets.")]
    assert got == [("Leopard 2", "Leopard 2A7"), ("Gripen", "Gripen")]


def test_a_second_designation_after_a_known_one_is_the_same_item():
    from pipeline.extract.systems import find_systems
    assert [h.surface for h in find_systems("Peru signed for 145 K9A1 XK155 self-propelled howitzers.")] == ["K9A1"]
    assert [h.surface for h in find_systems("Peru ordered K9 howitzers and XK155 trucks.")] == ["K9"]
