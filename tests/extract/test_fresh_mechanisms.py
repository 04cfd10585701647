"""Mechanisms found by scoring invented articles of new outlets (tests/fixtures/fresh).

All texts are made up for these tests.
"""
from tests.mentions import procs


def test_fleet_total_after_a_batch_is_not_the_first_batch():
    # "bringing the ... fleet to 30" counts the new batch in; its schedule belongs to that batch
    got = procs("Norway has signed a contract with France for eight additional Rafale jets. Deliveries are "
                "expected to begin in 2029, bringing the air force's Rafale fleet to 30 aircraft.")
    assert len(got) == 1
    assert got[0].quantity == 8 and got[0].delivery_start == "2029" and got[0].status == "ordered"


def test_first_of_which_dates_the_first_delivery_not_the_order():
    got = procs("Peru signed a contract for 14 K9 howitzers, the first of which are expected in 2029.", "2026-05-04")
    assert got[0].delivery_start == "2029" and got[0].order_date is None


def test_a_date_after_the_report_is_no_signing_date():
    # the signing was told in the past, so a later year in the sentence is a schedule, not the order
    got = procs("Chile signed a contract for 12 FA-50 jets, which should all be flying by 2030.", "2026-05-04")
    assert got[0].order_date != "2030"


def test_deadline_for_the_first_lot_is_the_start_of_deliveries():
    got = procs("Egypt signed a contract for 30 K2 tanks. The first tanks will be shipped by the end of 2028 "
                "and the last in 2031, the maker said.", "2026-05-04")
    assert got[0].delivery_start == "2028" and got[0].delivery_end == "2031"


def test_under_that_contract_is_a_frame_not_a_signing():
    got = procs("Chile recalled the contract for 20 K9 howitzers signed in 2021. Deliveries under that contract "
                "began in March 2023.", "2026-05-04")
    assert got[0].order_date == "2021" and got[0].delivery_start == "2023-03"


def test_the_loa_and_the_option_name_the_deal_in_hand():
    got = procs("Peru signed a letter of offer and acceptance for 40 AIM-120 missiles on Monday. "
                "The LOA is valued at $300 million.", "2026-05-04")
    assert got[0].value is not None and got[0].value.value == 3e8
    got = procs("Peru exercised an option for six more K9 howitzers on Monday. "
                "The value of the option is 90 million euros.", "2026-05-04")
    assert got[0].value is not None and (got[0].value.value, got[0].value.currency) == (9e7, "EUR")


def test_each_of_several_systems_takes_the_dates_of_its_own_stretch():
    got = {m.system: m for m in procs(
        "Peru is expecting the last of its 12 Rafale jets, bought under a 2021 contract, later this year, "
        "and signed a contract for 20 K2 tanks in December 2025.", "2026-05-04")}
    assert got["K2"].order_date == "2025-12"
    assert got["Rafale"].order_date != "2025-12"


def test_a_clause_opened_before_the_second_system_is_its():
    got = {m.system: m for m in procs(
        "Peru cancelled its F-16 contract in 2022, and in 2023 it announced the purchase of six Rafale jets.",
        "2026-05-04")}
    assert got["Rafale"].order_date == "2023"


def test_the_original_contract_is_the_first_batch():
    got = procs("Peru exercised an option for 12 more K9 howitzers on Tuesday. The original contract, "
                "signed in March 2022, covered 24 howitzers.", "2026-05-06")
    by_q = {m.quantity: m for m in got}
    assert set(by_q) == {12, 24}
    assert by_q[24].order_date == "2022-03" and by_q[12].order_date == "2026-05-05"


def test_the_original_contract_as_an_object_is_no_new_batch():
    got = procs("Peru exercised an option for 12 more K9 howitzers. The army signed the amendment to the "
                "original contract on Tuesday.", "2026-05-06")
    assert len(got) == 1 and got[0].order_date == "2026-05-05"


def test_a_type_replaced_without_determiner_is_not_bought():
    got = procs("Peru signed a contract for 12 FA-50 jets, which will replace F-16 fighters.", "2026-05-06")
    assert {m.system for m in got} == {"FA-50"}


def test_a_heading_deal_with_no_count_or_date_takes_the_follow_on_batch_told_under_it():
    got = procs("PERU: K9 order\nThe Peruvian Army placed an order for 24 additional K9 howitzers. "
                "The contract was signed on 15 October.", "2026-10-23")
    assert len(got) == 1 and got[0].quantity == 24 and got[0].order_date == "2026-10-15"


def test_deliveries_as_subject_after_an_attribution_date_the_deal_in_hand():
    got = procs("Peru signed a contract for 24 K9 howitzers on Friday. According to a ministry statement, "
                "deliveries will commence in 2028 and end in 2030.", "2026-11-20")
    assert got[0].delivery_start == "2028"


def test_an_order_from_a_state_names_the_customer():
    got = procs("Hanwha Aerospace wins 900 billion won K9 howitzer order from Peru.", "2026-04-28")
    assert [(m.buyer_country, m.supplier_country) for m in got] == [("PER", "KOR")]


def test_the_force_nearest_before_the_system_is_its_buyer():
    got = procs("The Royal Malaysian Air Force has flown the Hawk since 1994 and the Philippine Air Force "
                "received its first 12 FA-50 jets in 2015.", "2026-08-03")
    fa50 = [m for m in got if m.system == "FA-50"]
    assert fa50 and fa50[0].buyer_country == "PHL"


def test_a_rounded_headline_value_gives_way_to_the_exact_one():
    got = procs("Peru signs $1bn deal for 12 FA-50 jets\nPeru has ordered 12 FA-50 jets from Korea Aerospace "
                "Industries. The contract, worth $1.05 billion, was signed in Lima last week.", "2026-07-14")
    assert got[0].value is not None and got[0].value.value == 1.05e9


def test_a_stage_past_a_new_clause_is_the_next_systems():
    got = procs("Peru has long admired the Rafale and the Philippine Air Force received its first 12 FA-50 jets "
                "in 2015.", "2026-08-03")
    assert all(not (m.system == "Rafale" and m.status == "delivered") for m in got)
    assert any(m.system == "FA-50" and m.buyer_country == "PHL" and m.status == "delivered" for m in got)


def test_a_second_contract_told_without_the_system_is_the_next_batch():
    got = procs("Peru signed for 20 K9 howitzers in 2022. A second Peruvian executive contract, for 30 more "
                "howitzers, was signed in August 2025.", "2026-04-28")
    assert sorted((m.quantity, m.order_date) for m in got) == [(20, "2022"), (30, "2025-08")]


def test_awaiting_the_last_units_means_deliveries_have_begun():
    got = procs("Peru is expecting delivery of the last of its 12 FA-50 jets, bought under a 2021 contract, "
                "later this year.", "2026-05-06")
    assert got[0].status == "delivered"


def test_a_ranked_single_unit_is_one():
    got = procs("Peru is in talks with Hanwha Aerospace over a fifth K9 howitzer for its army.", "2026-09-17")
    assert got and got[0].quantity == 1


def test_an_option_taken_up_is_a_batch_after_the_order_first_bought():
    got = procs("Estonia will take up the option for 12 K9 howitzers, the ministry said on Monday. Estonia first "
                "acquired armoured howitzers in 2018 from South Korea.", "2026-03-12")
    assert sorted((m.quantity or 0, m.order_date or "") for m in got) == [(0, "2018"), (12, "")]


def test_an_option_taken_up_is_an_order_dated_by_its_day():
    got = procs("Peru took up the option for 12 FA-50 jets on Monday.", "2026-03-12")
    assert [(m.status, m.order_date) for m in got] == [("ordered", "2026-03-09")]


def test_a_buyer_approving_a_proposal_plans_the_purchase():
    got = procs("The cabinet of Peru approved a proposal to buy 12 FA-50 jets.", "2026-03-12")
    assert [m.status for m in got] == ["planned"]


def test_a_purchase_told_as_a_noun_is_dated_by_the_date_after_it():
    got = procs("The Rafale order follows Peru's purchase of 12 FA-50 jets in March 2021.", "2026-03-12")
    assert [(m.system, m.order_date) for m in got if m.system == "FA-50"] == [("FA-50", "2021-03")]
    got = procs("Peru's air force on 30 December gave Korea Aerospace Industries an order for 20 FA-50 jets.",
                "2026-03-12")
    assert [m.order_date for m in got] == ["2025-12-30"]
    # a talk about a purchase dates no order
    got = procs("Peru held talks in March 2025 on the purchase of 12 FA-50 jets.", "2026-03-12")
    assert [m.order_date for m in got] in ([], [None])


def test_a_when_clause_right_after_a_date_tells_what_happened_then():
    got = procs("Peru became the FA-50's first buyer in Latin America in February 2021, when it signed for 12 "
                "FA-50 jets.", "2026-03-12")
    assert [(m.quantity, m.order_date) for m in got] == [(12, "2021-02")]
    # a when-clause further on is another event's time ("bought in 2021 when Chile ..." is unchanged)
    got = procs("Peru ordered 12 FA-50 jets in March 2021, two years after Chile had ordered K9 howitzers.",
                "2026-03-12")
    assert [(m.system, m.order_date) for m in got if m.system == "FA-50"] == [("FA-50", "2021-03")]


def test_equipment_brought_to_an_exercise_is_not_delivered_to_the_host():
    got = procs("A contingent of US K9 howitzers arrived in Peru by ship for the annual joint exercise.", "2026-03-12")
    assert got == []
    # a handover, or a purchase told beside the drills, still is one
    got = procs("Peru received its first K9 howitzers, ordered from Korea in 2024, in time for the annual joint "
                "exercise.", "2026-03-12")
    assert [(m.buyer_country, m.status) for m in got] == [("PER", "delivered")]


def test_items_of_an_approved_package_told_with_an_aside_are_its_sales():
    got = procs("Washington on Wednesday approved three possible arms sales to Peru worth $9 billion. The largest "
                "item, at an estimated $4 billion, is for 82 K9 howitzers. A second notification, worth about $3 "
                "billion, covers 60 K2 tanks.", "2026-03-12")
    assert sorted((m.system, m.quantity, m.status) for m in got) == [("K2", 60, "offered"), ("K9", 82, "offered")]


def test_the_state_the_buyer_signs_with_sells_over_the_designs_origin():
    got = procs("Peru signs Rafale deal\n\nPeru and Spain yesterday put their signatures to a contract covering 12 "
                "Rafale jets.", "2026-03-12")
    assert [(m.buyer_country, m.supplier_country) for m in got] == [("PER", "ESP")]


def test_a_participle_right_after_a_later_system_tells_that_systems_stage_only():
    got = procs("Peru's forces destroyed a Chilean K2 tank using AIM-120 missiles supplied by the United States.",
                "2026-03-12")
    assert [(m.system, m.supplier_country, m.status) for m in got] == [("AIM-120", "USA", "delivered")]
    # the verb of a coordinated subject is every system's
    got = procs("For Peru, K2 tanks, K9 howitzers and FA-50 jets were all cleared by the council on Monday.",
                "2026-03-12")
    assert sorted((m.system, m.status) for m in got) == [("FA-50", "planned"), ("K2", "planned"), ("K9", "planned")]


def test_a_sum_for_several_systems_in_one_object_is_given_to_none():
    got = procs("Peru signed a $1.2 billion contract for 24 K9 howitzers and 12 K2 tanks on Monday.", "2026-03-12")
    assert sorted((m.system, m.quantity, m.value) for m in got) == [("K2", 12, None), ("K9", 24, None)]
    # a sum whose contract names one system keeps it, though another clause names another
    got = procs("Peru signed a $1.2 billion contract for 24 K9 howitzers on Monday, and Chile bought 12 K2 tanks.",
                "2026-03-12")
    assert [m.value.value for m in got if m.system == "K9"] == [1.2e9]


def test_units_counted_by_a_compound_number_word_are_the_deal_in_hands():
    got = procs("Peru ordered the K9 on Monday. Twenty-four guns will be delivered from 2026.", "2026-03-12")
    assert [(m.quantity, m.delivery_start) for m in got] == [(24, "2026")]


_COUNCIL = ("Peru's defence council on Thursday approved eight purchase proposals worth about $2 billion, every one of "
            "which is to be sourced from within the country.\n\n"
            "For the army, AoNs were granted for armoured recovery vehicles and anti-tank missiles.\n\n"
            "The council cleared mine countermeasure vessels and submersible autonomous vessels, which the ministry "
            "said would reduce the risks faced by merchant ships.\n\n"
            "The ministry did not release a breakdown of the $2 billion across the eight cases.\n\n"
            "A 2018 programme under which a state yard was to build 12 minesweepers was called off in January 2019.")


def test_a_councils_approval_of_a_list_of_types_plans_each_made_at_home():
    got = {m.system: m for m in procs(_COUNCIL, "2026-03-12")}
    assert {s: (m.buyer_country, m.supplier_country, m.status) for s, m in got.items() if m.status == "planned"} == {
        "armoured recovery vehicles": ("PER", "PER", "planned"), "anti-tank missiles": ("PER", "PER", "planned"),
        "mine countermeasure vessels": ("PER", "PER", "planned"),
        "submersible autonomous vessels": ("PER", "PER", "planned")}
    assert "merchant ships" not in got  # a type in the relative clause after the list is not bought
    assert all(m.value is None for m in got.values() if m.status == "planned")  # the total is no one's price


def test_a_lead_saying_all_are_procured_from_domestic_sources_makes_each_type_domestic():
    # the same lead in other words: the domestic markers are a lexicon (role_cues.csv), not one phrasing
    text = _COUNCIL.replace("every one of which is to be sourced from within the country",
                            "and all of them are to be procured from domestic sources")
    got = {m.system: m for m in procs(text, "2026-03-12")}
    assert (got["armoured recovery vehicles"].buyer_country, got["armoured recovery vehicles"].supplier_country) == \
        ("PER", "PER")


def test_a_type_named_by_its_own_head_beside_deals_told_by_other_heads_is_another_purchase():
    got = {m.system: m for m in procs(_COUNCIL, "2026-03-12")}
    assert (got["minesweepers"].quantity, got["minesweepers"].status) == (12, "cancelled")


def test_a_statement_received_is_no_delivery():
    got = procs("Peru ordered 24 K9 howitzers in 2023. \"We have reached an agreement on the K9 howitzers,\" the "
                "minister said in a statement received in Lima on Tuesday.", "2026-03-12")
    assert [(m.status, m.delivery_start) for m in got] == [("ordered", None)]


def test_an_earlier_purchase_is_its_own_batch_and_a_firm_tied_to_its_state_once_sells_for_it_throughout():
    got = procs("Peru signed for 24 FA-50 jets with Turkish Aerospace of Türkiye in 2024. In an earlier purchase, "
                "Peru acquired 16 FA-50 jets from Turkish Aerospace for $500 million.", "2026-03-12")
    assert sorted((m.quantity, m.supplier_country) for m in got) == [(16, "TUR"), (24, "TUR")]


def test_the_firm_a_design_of_no_known_state_is_bought_from_sells_it():
    got = procs("Peru ordered 12 XR-90 fighter jets on Monday, Dassault Aviation said. Peru bought the XR-90 jets "
                "from Korea Aerospace Industries.", "2026-03-12")
    assert [(m.supplier_country, m.supplier_org) for m in got] == [("KOR", "Korea Aerospace Industries")]


def test_a_bare_dollar_in_a_canadian_deal_is_the_canadian_dollar_however_the_value_is_found():
    got = procs("Canada signed a $2 billion contract for 12 FA-50 jets on Monday.", "2026-03-12")
    assert [(m.value.value, m.value.currency) for m in got] == [(2e9, "CAD")]
    # the amount of an order told before its system is named, too
    got = procs("Canada signed a $2 billion order on Monday, the ministry said. The order covers 12 FA-50 jets.",
                "2026-03-12")
    assert [(m.value.value, m.value.currency) for m in got] == [(2e9, "CAD")]
    got = procs("Chile signed a $2 billion contract for 12 FA-50 jets on Monday.", "2026-03-12")
    assert [(m.value.value, m.value.currency) for m in got] == [(2e9, "USD")]
