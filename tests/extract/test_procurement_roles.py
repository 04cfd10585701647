"""Buyer and supplier by construction (procurement_roles, role_cues) on invented sentences.

The fixture gazetteer (tests/extract/fixtures/reference) knows FA-50, K9, K2, Rafale, Gripen,
F-16 and AIM-120; pycountry supplies the country names.  The texts are made up for these tests.
"""
from pipeline.extract import extract_mentions
from pipeline.extract.records import ProcurementMention


def keyed(text: str, published: str | None = "2024-05-10") -> dict:
    return {(m.buyer_country, m.system): m for m in extract_mentions(text, "t.txt", published)
            if isinstance(m, ProcurementMention)}


# ---------------------------------------------------------------- states that are not the buyer

def test_states_in_an_operator_list_are_not_buyers():
    got = keyed("Thailand ordered 12 more Gripen jets on Monday. The Gripen is already in service with "
                "Hungary, Brazil and Czechia.")
    assert set(got) == {("THA", "Gripen")}


def test_a_sentence_that_only_lists_operators_buys_nothing():
    assert keyed("The FA-50 is already flown by Poland, Malaysia and the Philippines.") == {}


def test_losing_rivals_are_neither_systems_nor_buyers():
    got = keyed("Colombia selected the Gripen for its fighter programme, ahead of the F-16 offered by the "
                "United States and the Rafale from France.")
    assert set(got) == {("COL", "Gripen")}


def test_a_currency_sign_is_not_a_state():
    got = keyed("Under the U.S.$900 million deal signed on Monday, Kenya will buy 10 FA-50 jets.")
    assert set(got) == {("KEN", "FA-50")}


def test_a_currency_prefix_written_with_a_space_is_not_a_state():
    got = keyed("A report said the cabinet had approved the purchase of 10 FA-50 jets from Korea for €800 million "
                "(US $870 million).")
    assert set(got) == set()  # no buyer is named: the "US" of the dollar is none
    got = keyed("Kenya's cabinet approved the purchase of 10 FA-50 jets for €800 million (US $870 million).")
    assert set(got) == {("KEN", "FA-50")}


def test_a_dateline_place_is_not_the_buyer():
    got = keyed("Manila (Pacific Wire) - Indonesia signed a contract for 12 FA-50 jets on Monday.")
    assert set(got) == {("IDN", "FA-50")}


def test_a_state_funding_the_purchase_is_not_the_buyer():
    got = keyed("Backed by U.S. military aid, Ukraine ordered 20 F-16 jets last year.")
    assert set(got) == {("UKR", "F-16")}


def test_a_state_supporting_or_backing_a_programme_is_not_the_buyer():
    got = keyed("Through Korean support for counter-terrorism, countries such as Peru and Chile began receiving "
                "the FA-50.")
    assert set(got) == {("PER", "FA-50"), ("CHL", "FA-50")}
    got = keyed("With Korean backing, Peru ordered 12 FA-50 jets on Monday.")
    assert set(got) == {("PER", "FA-50")}


def test_a_state_blocking_the_sale_is_not_the_buyer():
    got = keyed("The United States withheld export licences for the 12 Gripen jets that Colombia had ordered.")
    assert ("USA", "Gripen") not in got


def test_the_speaker_is_not_the_buyer_of_the_reported_purchase():
    got = keyed("France's foreign minister said that Serbia had received 20 K9 howitzers from Belarus.")
    assert set(got) == {("SRB", "K9")}
    assert got[("SRB", "K9")].supplier_country == "BLR"


def test_a_possessive_before_a_system_marks_the_seller_not_the_buyer():
    got = keyed("Pakistan dropped the planned F-16 purchase and turned to France's Rafale jets.")
    assert ("FRA", "F-16") not in got and ("PAK", "F-16") in got


# ---------------------------------------------------------------- direction of a transfer

def test_export_told_from_the_sellers_side():
    got = keyed("Pakistan delivered six K9 howitzers to Azerbaijan in March.")
    assert set(got) == {("AZE", "K9")}
    assert got[("AZE", "K9")].supplier_country == "PAK"  # used equipment: the giver supplies


def test_the_giver_is_not_the_buyer_without_a_to_phrase():
    got = keyed("Norway handed over four F-16 jets in 2023; they now fly with Romania's air force.")
    assert ("NOR", "F-16") not in got


def test_supply_x_with():
    got = keyed("Norway supplied Estonia with 12 F-16 jets from its own fleet last year.")
    assert set(got) == {("EST", "F-16")}
    assert got[("EST", "F-16")].supplier_country == "NOR"


def test_used_equipment_bought_from_a_state_has_that_state_as_supplier():
    got = keyed("Chile bought ten F-16 jets from Norway in 2022.")
    assert got[("CHL", "F-16")].supplier_country == "NOR"


def test_a_ferry_flight_from_a_state_is_not_the_source():
    got = keyed("Chile took delivery of ten Gripen jets after a ferry flight from Norway.")
    assert got[("CHL", "Gripen")].supplier_country == "SWE"


def test_a_licence_builder_tied_to_its_state_is_the_supplier():
    got = keyed("Peru ordered 20 F-16 jets in a direct contract with Türkiye's TUSAS.")
    assert got[("PER", "F-16")].supplier_country == "TUR"


# ---------------------------------------------------------------- domestic orders

def test_domestic_order_by_a_public_body():
    got = keyed("DAPA signed a contract with Hanwha Aerospace for 50 more K9 howitzers.")
    assert ("KOR", "K9") in got and got[("KOR", "K9")].supplier_country == "KOR"


def test_domestic_order_by_a_named_army():
    got = keyed("The Korean army ordered 100 K2 tanks from Hyundai Rotem in June.")
    assert set(got) == {("KOR", "K2")}


def test_a_public_body_named_as_the_counterpart_is_not_a_domestic_buyer():
    got = keyed("Norway said it had concluded talks with the Korean government and DAPA on 40 K9 howitzers.")
    assert ("KOR", "K9") not in got


def test_a_pronoun_giving_away_its_own_equipment_refers_to_the_sentences_state():
    got = keyed("Poland has had no long-range defence since it handed its F-16 jets to Ukraine in 2022.")
    assert got[("UKR", "F-16")].supplier_country == "POL"


def test_a_state_named_as_origin_of_parts_is_not_the_buyer():
    got = keyed("Chile wanted the Gripen. In 2014 the United States blocked the sale of the Gripen, whose "
                "engine is of American origin.")
    assert ("USA", "Gripen") not in got


def test_a_news_source_is_not_the_buyer():
    got = keyed("According to Polish media, the Philippines will order 12 more FA-50 jets.")
    assert set(got) == {("PHL", "FA-50")}


def test_the_buyer_before_a_possessed_contract_is_not_the_seller():
    got = keyed("Malaysia cancelled its contract with France's Dassault for 18 Rafale jets.")
    assert set(got) == {("MYS", "Rafale")}


def test_a_state_that_buys_in_the_document_stays_its_buyer_though_it_designs_a_system():
    text = ("South Korea signed for 20 F-16 jets from the United States in March. "
            "South Korea also builds the K9 howitzer at home. "
            "The first two F-16 jets were handed over last week.")
    got = keyed(text)
    assert set(got) == {("KOR", "F-16")}
    assert got[("KOR", "F-16")].status == "delivered"


# ---------------------------------------------------------------- clauses and coordination

def test_each_clause_has_its_own_buyer():
    got = keyed("After Poland ordered 180 K2 tanks in 2022, Romania signed a contract for 54 K9 howitzers.")
    assert set(got) == {("POL", "K2"), ("ROU", "K9")}
    got = keyed("Romania signed a contract for 54 K9 howitzers, while Poland ordered 180 K2 tanks.")
    assert set(got) == {("POL", "K2"), ("ROU", "K9")}


def test_the_fleet_a_buyer_already_flies_is_not_bought():
    got = keyed("Indonesia, which already flies the F-16, ordered 42 Rafale jets.")
    assert set(got) == {("IDN", "Rafale")}


def test_coordinated_subjects_each_buy():
    got = keyed("Spain, Italy and Greece ordered 40 F-16 jets on Monday.")
    assert set(got) == {("ESP", "F-16"), ("ITA", "F-16"), ("GRC", "F-16")}
    assert all(m.status == "ordered" for m in got.values())


def test_a_seller_coordinated_with_the_buyer_does_not_buy():
    got = keyed("Poland and Korea signed a contract for 180 K2 tanks.")
    assert set(got) == {("POL", "K2")}


def test_a_minister_quoted_about_another_states_purchase_is_not_the_buyer():
    got = keyed("French Defence Minister Jean Roux said Poland signed for 180 more K2 tanks.")
    assert set(got) == {("POL", "K2")}
    got = keyed("Poland said on Monday it had ordered 180 K2 tanks from Korea.")
    assert set(got) == {("POL", "K2")}


def test_a_country_heading_in_capitals_names_the_buyer():
    got = keyed("NORWAY - Gripen contract signed\n\nThe contract for 12 Gripen jets was signed on Monday.")
    assert ("NOR", "Gripen") in got


def test_a_former_operator_is_not_the_buyer():
    got = keyed("Before the FA-50 arrived, the only jets were F-16s retired by the Polish Air Force and given "
                "to Chile by Warsaw.")
    assert not any(k[0] == "POL" for k in got)


def test_the_platform_that_carries_a_weapon_is_not_bought():
    got = keyed("Chile ordered 50 AIM-120 missiles, which will be carried by its Air Force F-16 fighters.")
    assert set(got) == {("CHL", "AIM-120")}


def test_the_ministry_of_an_article_about_one_state_orders_from_its_own_industry():
    text = ("South Korea is expanding its artillery. South Korea's army wants more guns, and South Korea "
            "plans two new units. The ministry signed a contract with Hanwha Aerospace for 30 more K9 howitzers.")
    got = keyed(text)
    assert ("KOR", "K9") in got and got[("KOR", "K9")].supplier_country == "KOR"


def test_the_ministry_in_an_export_story_is_not_the_sellers():
    text = ("Poland and South Korea met again. Poland wants tanks from South Korea. "
            "The ministry signed a contract with Hanwha Aerospace for 30 more K9 howitzers.")
    got = keyed(text)
    assert ("KOR", "K9") not in got


# ---------------------------------------------------------------- no purchase reported

def test_a_denied_report_is_no_purchase():
    assert keyed("The defence ministry dismissed claims that Chile would order F-16 jets.") == {}
    got = keyed("Chile ordered 12 Gripen jets, but denied reports that it would buy F-16 jets.")
    assert set(got) == {("CHL", "Gripen")}


def test_a_disclaimed_intent_is_no_purchase():
    assert keyed("Chile has no plans to buy the Gripen, the minister said.") == {}


def test_a_conditional_clause_is_no_purchase():
    assert keyed("If Chile buys the Gripen, deliveries could start in 2027.") == {}


def test_the_rival_phrase_ends_where_the_prize_begins():
    got = keyed("The K9 beat a French rival to win Norway's order for 24 howitzers.")
    assert set(got) == {("NOR", "K9")}


def test_operators_of_a_system_include_a_list():
    got = keyed("Operators of the FA-50 include Indonesia, Iraq and the Philippines; Poland ordered 48 in 2022.")
    assert set(got) == {("POL", "FA-50")}


def test_a_news_agency_credit_is_not_an_actor():
    got = keyed("Jakarta (PAF) - Indonesia has ordered 12 FA-50 jets from Korea.")
    assert set(got) == {("IDN", "FA-50")}


def test_past_customers_listed_after_exported_to_are_not_this_buyer():
    got = keyed("Seoul has exported the K9 to Egypt, Australia and Norway, and on Monday signed a contract "
                "with Vietnam for 20 more K9 howitzers.")
    assert set(got) == {("VNM", "K9")}


def test_a_buyers_possessive_before_a_foreign_system_stays_the_buyer():
    got = keyed("France and Korea held talks on Monday. France and Korea met again. "
                "Poland's K2 tanks arrived in Gdynia on Monday, the first of 180 ordered in 2022.")
    assert ("POL", "K2") in got


def test_a_retiring_fleet_whose_purchase_is_told_is_a_record():
    got = keyed("Chile ordered 12 Gripen jets. They will replace the F-16 fighters, twelve of which were bought "
                "from Norway in 2014.")
    assert ("CHL", "F-16") in got and got[("CHL", "F-16")].supplier_country == "NOR"
    got = keyed("Chile ordered 12 Gripen jets to replace its ageing F-16 fighters.")
    assert set(got) == {("CHL", "Gripen")}


def test_finalised_arrangements_for_systems_joining_a_states_forces_are_an_order():
    got = keyed("The deputy minister told a news agency that arrangements had been finalised for F-16 jets and "
                "AIM-120 missiles to join Chile's armed forces.")
    assert {("CHL", "F-16"), ("CHL", "AIM-120")} <= set(got)


def test_a_state_reporting_its_own_purchase_stays_the_buyer():
    got = keyed("Chile said that it had ordered 12 Gripen jets from Sweden.")
    assert set(got) == {("CHL", "Gripen")}


def test_the_speaker_before_a_distant_that_clause_is_not_the_buyer():
    got = keyed("The U.S. envoy said in Madrid in March that Serbia had received 20 K9 howitzers.")
    assert set(got) == {("SRB", "K9")}


def test_an_export_approval_by_the_sellers_body_is_no_domestic_order():
    assert ("KOR", "K9") not in keyed("DAPA approved the export of 24 K9 howitzers to foreign customers.")
    assert ("KOR", "FA-50") not in keyed("DAPA approved a possible sale of 12 FA-50 jets.")


def test_the_state_after_a_dateline_city_is_not_the_buyer():
    got = keyed("WARSAW, Poland (Pacific Wire) — Romania ordered 54 K9 howitzers on Monday.")
    assert set(got) == {("ROU", "K9")}


def test_a_future_user_is_the_buyer_not_a_listed_operator():
    got = keyed("France and Korea met on Monday. France and Korea met again on Tuesday. "
                "Twelve FA-50 jets, to be flown by the Philippine Navy, were ordered in June.")
    assert ("PHL", "FA-50") in got


def test_a_government_giving_the_countrys_own_equipment_is_the_supplier():
    text = ("Norway is rebuilding its air defence. Norway has ordered new radars. "
            "The previous government handed the country's F-16 jets to Romania in 2022.")
    got = keyed(text)
    assert got[("ROU", "F-16")].supplier_country == "NOR"


def test_a_system_in_a_mid_sentence_condition_is_not_bought():
    got = keyed("Chile ordered 12 Gripen jets and could order more F-16 jets if Sweden fails to deliver on time.")
    assert ("CHL", "Gripen") in got
    got = keyed("Chile ordered 12 Gripen jets on Monday, and will buy more if the F-16 deal collapses.")
    assert ("CHL", "F-16") not in got


def test_a_system_named_as_the_topic_of_cooperation_is_not_bought():
    got = keyed("The air forces of Chile and Korea signed a letter of intent on cooperation around Korea's "
                "FA-50 fighter.")
    assert ("CHL", "FA-50") not in got


# ---------------------------------------------------------------- a seller the text ties to its state

def test_a_tied_seller_in_a_later_sentence_without_the_system_reaches_the_deal():
    got = keyed("Egypt signed a contract for 12 F-16 jets on Monday. The contract was signed with Korean "
                "manufacturer Korea Aerospace Industries at a ceremony in Cairo.")
    m = got[("EGY", "F-16")]
    assert (m.supplier_country, m.supplier_org) == ("KOR", "Korea Aerospace Industries")


def test_a_tied_seller_named_later_with_the_system_replaces_the_origin():
    got = keyed("Egypt ordered 12 F-16 jets on Monday. The F-16 jets come through a contract with the Korean firm "
                "Korea Aerospace Industries.")
    assert got[("EGY", "F-16")].supplier_country == "KOR"


def test_an_untied_firm_does_not_replace_the_origin():
    got = keyed("Egypt signed a contract for 12 F-16 jets on Monday. The contract was signed with "
                "Korea Aerospace Industries at a ceremony in Cairo.")
    assert got[("EGY", "F-16")].supplier_country == "USA"


def test_candidates_examined_before_a_choice_are_losing_bidders():
    got = keyed("Vietnam chose the K9 howitzer on Monday. Reports say the Gripen and the Rafale were also "
                "examined before Hanoi settled on a Swedish option.")
    assert set(got) == {("VNM", "K9")}


def test_a_candidate_examined_and_then_chosen_is_the_winner():
    got = keyed("Reports say the Gripen and the Rafale were also evaluated before Colombia selected the Gripen "
                "on Monday.")
    assert set(got) == {("COL", "Gripen")}


# ---------------------------------------------------------------- a bare offer, then an approval to buy

def test_a_bare_offer_gives_way_to_the_buyers_approval_to_buy():
    got = keyed("Chile's cabinet on Monday approved the purchase of 12 Gripen jets from Sweden. "
                "Officials said Saab offered the jets at the lowest price.")
    assert got[("CHL", "Gripen")].status == "planned"


def test_a_formal_offer_after_the_request_outranks_the_plan():
    got = keyed("Chile plans to buy 12 F-16 jets. On Monday the State Department approved the possible sale "
                "of the F-16 jets to Chile.")
    assert got[("CHL", "F-16")].status == "offered"


# ---------------------------------------------------------------- a date of the event another clause tells

def test_a_date_in_a_that_followed_clause_is_the_earlier_events():
    got = keyed("Chile has signed the contract for 12 Gripen jets from Sweden, ending the talks that followed "
                "the award of the project in 2021.")
    assert got[("CHL", "Gripen")].order_date != "2021"


def test_a_contract_that_followed_is_dated_by_its_own_verb():
    text = ("Chile signed a first Gripen contract in 2021. A second Gripen contract with Sweden followed "
            "in December 2023, for 10 jets.")
    dates = {m.order_date for m in extract_mentions(text, "t.txt", "2024-05-10") if isinstance(m, ProcurementMention)}
    assert "2023-12" in dates


# ---------------------------------------------------------------- a short name told before the full one

def test_a_short_name_before_the_full_name_is_the_same_order():
    got = keyed("Brazil orders 12 more Black Hawks\n\nBrazil's defence ministry signed a contract on Monday "
                "for 12 S-70i Black Hawk helicopters worth $300 million.")
    assert set(got) == {("BRA", "S-70i Black Hawk")}
    assert got[("BRA", "S-70i Black Hawk")].quantity == 12


def test_a_short_name_of_another_buyer_stays_its_own():
    got = keyed("Chile ordered 6 Black Hawks in March. Brazil signed a contract on Monday for 12 S-70i Black "
                "Hawk helicopters.")
    assert set(got) == {("CHL", "Black Hawk"), ("BRA", "S-70i Black Hawk")}


# ---------------------------------------------------------------- "It covers the X and the Y"

def test_the_systems_a_deal_covers_take_its_stage_and_buyer():
    got = keyed("South Korea's cabinet approved a plan on Monday to buy more armoured vehicles made at home. "
                "It covers the K2 tank and the K9 howitzer.")
    assert {k: m.status for k, m in got.items()} == {("KOR", "K2"): "planned", ("KOR", "K9"): "planned"}


def test_what_a_named_systems_package_includes_is_part_of_that_deal():
    got = keyed("Peru signed a contract on Monday for 12 FA-50 light combat aircraft from South Korea. "
                "The package includes AIM-120 missiles and K9 howitzers for airfield defence.")
    assert set(got) == {("PER", "FA-50")}
    # the same items told in a sentence of their own with a verb are purchases
    got = keyed("Peru signed a contract on Monday for 12 FA-50 light combat aircraft from South Korea. "
                "Peru also ordered 40 AIM-120 missiles from the United States.")
    assert set(got) == {("PER", "FA-50"), ("PER", "AIM-120")}


def test_a_deal_defined_by_the_named_type_it_buys_is_its_own_purchase():
    # "the purchase of 24 ..." after a deal in hand names a new object; the maker's word is no part of the name
    got = keyed("Peru signed a contract on Monday for 12 FA-50 light combat aircraft. In March, Peru also signed "
                "deals with France, headed by the purchase of 24 Airbus-built Condor helicopters.")
    assert set(got) == {("PER", "FA-50"), ("PER", "Condor")}
    assert got[("PER", "Condor")].quantity == 24
    got = keyed("Peru signed a contract on Monday for 24 French-built Condor helicopters.")
    assert {k: m.supplier_country for k, m in got.items()} == {("PER", "Condor"): "FRA"}


# ---------------------------------------------------------------- an offer beaten by the winner

def test_an_offer_of_the_same_kind_beaten_by_the_chosen_system_is_no_record():
    got = keyed("Peru has chosen the Gripen for its new fighter fleet, the defence ministry said on Monday. "
                "France had offered the Rafale to Peru.")
    assert set(got) == {("PER", "Gripen")}


def test_an_offer_of_another_kind_stands():
    got = keyed("Peru has chosen the Gripen for its new fighter fleet, the defence ministry said on Monday. "
                "South Korea had offered the K9 howitzer to Peru.")
    assert set(got) == {("PER", "Gripen"), ("PER", "K9")}


def test_the_fleet_a_purchase_replaces_is_no_record_even_after_a_long_owner():
    got = keyed("Peru has chosen the Gripen to replace the Peruvian Air Force's twelve ageing F-16 jets, the "
                "ministry said on Monday.")
    assert set(got) == {("PER", "Gripen")}


def test_the_equipment_after_replace_with_is_bought():
    got = keyed("Peru signed a contract on Monday to replace the air force's ageing jets with 12 Gripen fighters.")
    assert set(got) == {("PER", "Gripen")}


def test_a_contract_to_maintain_held_equipment_buys_nothing():
    got = keyed("Peru signed a contract on Monday for 12 Gripen jets. The air force also gave a local firm a "
                "contract to maintain its F-16 fighters.")
    assert set(got) == {("PER", "Gripen")}


def test_has_taken_delivery_is_a_delivery():
    got = keyed("Peru has taken delivery of the first two of 12 Gripen jets from Sweden.")
    assert got[("PER", "Gripen")].status == "delivered"


def test_one_system_named_twice_takes_the_whole_sentences_stage():
    got = keyed("All 12 Gripen jets that Peru ordered from Sweden in 2019 - the JAS 39 Gripen model - are now in "
                "service.")
    assert got[("PER", "JAS 39 Gripen")].status == "delivered"  # (named by its fuller name, told second)


def test_types_a_firm_is_said_to_make_are_not_ordered():
    got = keyed("Peru signed a deal on Monday with a local firm, which makes armoured vehicles and trucks, "
                "to set up a repair yard.")
    assert got == {}


def test_a_relative_pronoun_ends_a_type_phrase():
    from pipeline.extract.system_types import find_types
    assert [h.surface for h in find_types("a local firm, which makes armoured vehicles and trucks")] == ["armoured vehicles"]


def test_the_subject_of_a_relative_clause_that_hands_the_system_over_is_its_giver_not_its_buyer():
    from pipeline.extract import extract_mentions
    [m] = [m for m in extract_mentions("Twelve used F-16 jets that Norway handed over in 2020 now fly from Lima's air base.",
                                       "t.txt", "2024-05-10") if m.kind == "procurement"] or [None]
    assert m is None or m.buyer_country != "NOR"
    [m] = [m for m in extract_mentions("Peru received 12 used F-16 jets that Norway handed over in 2020.",
                                       "t.txt", "2024-05-10") if m.kind == "procurement"]
    assert (m.buyer_country, m.supplier_country, m.status) == ("PER", "NOR", "delivered")


def test_the_country_stands_for_the_state_named_before_it():
    from pipeline.extract import extract_mentions
    [m] = [m for m in extract_mentions("Polish media reported that the country has bought 12 F-16 jets.",
                                       "t.txt", "2024-05-10") if m.kind == "procurement"]
    assert (m.buyer_country, m.supplier_country) == ("POL", "USA")
    # the country's neighbours are other states: no buyer from that phrase
    assert [m.buyer_country for m in extract_mentions("Polish media said the country's neighbours bought 12 F-16 jets.",
                                                      "t.txt", "2024-05-10") if m.kind == "procurement"] != ["POL"]


def test_a_state_that_orders_a_system_of_its_own_make_buys_at_home():
    from pipeline.extract import extract_mentions

    def procs(text):
        return [(m.buyer_country, m.supplier_country, m.quantity) for m in extract_mentions(text, "t.txt", "2024-05-10")
                if m.kind == "procurement"]
    assert procs("France ordered 42 more Rafale jets in 2024.") == [("FRA", "FRA", 42)]
    # signing is done by both sides: the seller that signs is no buyer
    assert procs("France signed a deal to sell 42 Rafale jets to Poland.") == [("POL", "FRA", 42)]


def test_an_order_placed_with_domestic_industry_is_a_domestic_order():
    from pipeline.extract.procurements.roles import domestic_order
    from pipeline.extract.document import analyse
    [info] = analyse("France will buy 40 Rafale jets from domestic industry.", "t.txt", "2024-05-10").sentences
    assert domestic_order(info, "FRA")
    [info] = analyse("France will buy 40 Rafale jets.", "t.txt", "2024-05-10").sentences
    assert not domestic_order(info, "FRA")


def test_the_state_a_buyer_signs_the_deal_with_is_the_supplier():
    # an unknown design: only the deal's other party tells the seller
    assert keyed("Peru signed a contract with Brazil for 12 XR-90 jets.")[("PER", "XR-90")].supplier_country == "BRA"
    assert keyed("Peru signed a deal with Brazil in March for 12 XR-90 jets.")[("PER", "XR-90")].supplier_country == "BRA"
    # a deal told before another system is not that system's: "pursues French TK-7 jets" are French
    ms = keyed("Peru abandons its XR-90 deal with Chile, pursues French TK-7 jets.")
    assert ms[("PER", "TK-7")].supplier_country == "FRA"


def test_a_relative_clause_listing_the_fleet_in_service_ends_before_the_main_verb():
    ms = keyed("Peru, which already flies the FA-50 and the K9, received three more FA-50 jets from South Korea.")
    assert set(ms) == {("PER", "FA-50")}
    assert (ms[("PER", "FA-50")].quantity, ms[("PER", "FA-50")].status) == (3, "delivered")
    # the fleet listed in the clause is still no record
    assert keyed("Peru, which already flies the FA-50, the K9 and the K2, ordered 12 Gripen jets.").keys() == {("PER", "Gripen")}


def test_a_state_named_once_is_no_document_buyer():
    # the deal's seller is Korea; the only other state is named once in passing: no buyer to guess
    text = ("Korea's Hanwha won a KRW 1 trillion order for K9 howitzers. Korean officials said the K9 line "
            "in Korea would be expanded. Separately, Korea exported FA-50 jets to Poland last year.")
    assert ("POL", "K9") not in keyed(text)
    # a state the article keeps naming is
    text2 = ("Peru is modernising its army. Hanwha won an order for K9 howitzers, officials in Peru said. "
             "Peru has also bought radars.")
    assert ("PER", "K9") in keyed(text2)


def test_candidates_also_considered_in_the_clause_after_a_choice_are_not_bought():
    ms = keyed("Peru chose the Gripen, ending a contest in which the Rafale and the F-16 were also considered.")
    assert set(ms) == {("PER", "Gripen")}
    # without the marker each system stays a candidate record of its own
    assert ("PER", "F-16") in keyed("Peru chose the Gripen and is also negotiating for the F-16.")


def test_the_buyers_own_firm_a_contract_is_made_with_sells_what_it_builds_under_licence():
    # Gripen is a Swedish design; the contract is made with the buyer's own firm
    text = ("Turkey is expanding its air force. Turkey has long flown F-16s. The Ministry of Defence signed "
            "a contract with Turkish Aerospace for 12 Gripen jets built under licence.")
    ms = keyed(text)
    assert ms[("TUR", "Gripen")].supplier_country == "TUR"
    # a firm the buyer merely builds with, not the one the contract is made with, changes nothing
    assert keyed("Turkey ordered 12 Gripen jets from Sweden, to be assembled by Turkish Aerospace.")[
        ("TUR", "Gripen")].supplier_country == "SWE"


def test_a_state_that_turned_down_an_offer_made_to_it_is_its_would_be_buyer():
    ms = keyed("Peru turned down a French offer of Rafale jets in 2021 under US pressure.")
    assert set(ms) == {("PER", "Rafale")}
    # a state that turned down an export is the denier, not the buyer
    assert ("FRA", "Rafale") not in keyed("France turned down the export of Rafale jets to Peru.")


def test_a_headlines_second_clause_after_as_has_its_own_subject():
    ms = keyed("Chile commissions two Korean-built patrol ships as Peru takes FA-50 deliveries")
    assert ("PER", "FA-50") in ms and ("CHL", "FA-50") not in ms


def test_a_joint_order_is_each_states_the_sellers_own_state_included():
    ms = keyed("Peru and South Korea jointly ordered six K9 howitzers from Hanwha.")
    assert {k[0] for k in ms} == {"PER", "KOR"}
    assert ms[("KOR", "K9")].supplier_country == "KOR"  # a domestic order
    # without "jointly" the seller's state beside the buyer is the other side of the deal
    assert {k[0] for k in keyed("Peru and South Korea ordered six K9 howitzers from Hanwha.")} == {"PER"}


def test_a_demonym_after_for_names_the_maker_not_the_receiver():
    ms = keyed("Peru to buy 12 Korean FA-50 jets, signs for French frigates")
    assert set(k[0] for k in ms) == {"PER"}
    # a state's name after "for" does receive
    assert ("CHL", "FA-50") in keyed("Korea signed a deal to build 12 FA-50 jets for Chile.")


def test_a_plural_noun_that_is_also_a_giving_verb_names_no_giver():
    # "ships" here is a noun: France is the maker of the ships, not the giver of the FA-50s
    ms = keyed("Chile commissions two French-built patrol ships as Peru takes FA-50 deliveries")
    assert ms[("PER", "FA-50")].supplier_country == "KOR"


def test_the_state_of_a_named_source_after_from_is_the_supplier_not_a_buyer():
    got = {(m.buyer_country, m.supplier_country, m.system) for m in extract_mentions(
        "Malaysia signed a string of arms deals at the show this week. Further orders include interceptor "
        "boats from Yonca-Onuk of Poland ($170m) and an attack boat from Zodiac of France ($68m).",
        "t.txt", "2024-05-10") if m.kind == "procurement"}
    assert got == {("MYS", "POL", "interceptor boats"), ("MYS", "FRA", "attack boat")}


def test_two_states_that_sign_one_deal_are_its_buyer_and_seller():
    got = keyed("Malaysia and South Korea signed a deal on Wednesday for 18 FA-50 jets.")
    assert list(got) == [("MYS", "FA-50")] and got[("MYS", "FA-50")].supplier_country == "KOR"
    # the partner of one deal is the seller, whatever the design's origin
    got = keyed("Malaysia and Poland signed a contract on Wednesday for 18 K9 howitzers.")
    assert list(got) == [("MYS", "K9")] and got[("MYS", "K9")].supplier_country == "POL"
    # contracts, plural, signed with a firm are each state's own
    got = keyed("Malaysia and India signed K9 contracts with Hanwha on 11 September.")
    assert set(got) == {("MYS", "K9"), ("IND", "K9")}


def test_a_memorandum_of_intent_to_buy_is_a_deal_under_negotiation():
    got = keyed("Malaysia and South Korea signed a memorandum of intent on Wednesday toward the purchase of 18 FA-50 jets.")
    m = got[("MYS", "FA-50")]
    assert (m.status, m.order_date, m.supplier_country) == ("under_negotiation", None, "KOR")


def test_a_system_in_a_relative_clause_is_its_antecedents():
    got = keyed("Unlike Poland, which bought K2 tanks from South Korea, Malaysia has ordered 18 FA-50 jets.")
    assert set(got) == {("POL", "K2"), ("MYS", "FA-50")}


def test_a_state_after_the_system_in_another_systems_clause_is_not_its_buyer():
    got = keyed("Malaysia bought 18 FA-50 jets in 2023. It also took delivery of 12 K9 howitzers in 2024, and is "
                "negotiating with Poland for K2 tanks.")
    assert ("MYS", "K9") in got and ("POL", "K9") not in got
    # a state before the system may be the subject both clauses share
    got = keyed("Malaysia has given up on buying 30 F-16 jets from the United States, and is now negotiating for "
                "Korean-made FA-50 jets instead.")
    assert ("MYS", "FA-50") in got


def test_a_sentence_naming_no_state_goes_on_with_the_buyer_of_the_sentence_before():
    from pipeline.extract.document import analyse
    from pipeline.extract.procurements.roles import buyer
    text = ("The United States handed over F-16 jets to two air forces this week, the US embassy said. The United "
            "States has sold more than 4,000 of the type.\n\nPoland received two F-16 jets this week as part of a "
            "third batch. The air arm has flown the type since 2006, when the first 12 F-16s were delivered.")
    ctx = analyse(text, "t.txt", "2024-05-10")
    info = ctx.sentences[-1]
    assert buyer(ctx, info, info.systems[0], "USA", {"USA"})[0] == "POL"
    # ... or the nearest one before it that names a buyer
    ctx = analyse(text.replace("third batch. The air arm", "third batch. More are due soon. The air arm"), "t.txt",
                  "2024-05-10")
    info = ctx.sentences[-1]
    assert buyer(ctx, info, info.systems[0], "USA", {"USA"})[0] == "POL"
    # across a paragraph break, the sentence before does not carry on
    ctx = analyse(text.replace("third batch. The air arm", "third batch.\n\nThe air arm"), "t.txt", "2024-05-10")
    info = ctx.sentences[-1]
    assert buyer(ctx, info, info.systems[0], "USA", {"USA"})[0] is None


def test_the_receiver_told_after_the_system_comes_first():
    got = keyed("Hanwha delivered the first K9 howitzers to Peru in September, and agreed to sell 18 FA-50 jets "
                "to Malaysia.")
    assert set(got) == {("PER", "K9"), ("MYS", "FA-50")}
    got = keyed("Seoul also sold K9 howitzers to Peru in October, and FA-50 jets to Malaysia in February.")
    assert set(got) == {("PER", "K9"), ("MYS", "FA-50")}


def test_a_firm_signing_with_its_own_states_agency_is_a_domestic_order():
    # issue 11: domestic orders told from the maker's side ("the firm signed a deal with <its agency>")
    got = keyed("Hanwha Aerospace said on Thursday it had signed a deal with DAPA to produce 30 more K9 howitzers.")
    assert set(got) == {("KOR", "K9")}
    assert (got[("KOR", "K9")].supplier_country, got[("KOR", "K9")].quantity) == ("KOR", 30)


def test_talks_with_a_firm_and_its_agency_are_no_domestic_order():
    # the firm is a counterpart here, not the subject: the agency beside it is no buyer
    got = keyed("At a fair in Warsaw last May, the Polish ministry completed talks with Hanwha Aerospace and the "
                "procurement agency DAPA on 40 K9 howitzers.")
    assert set(got) == {("POL", "K9")}


def test_a_double_object_gives_to_the_first_and_the_owner_named_on_the_equipment_gives():
    # "gave Ukraine Poland's ...": the state right after the verb receives; the owner of what is given gives
    got = keyed("In 2022 the previous government gave Ukraine Poland's remaining Leopard 2 tanks.")
    assert set(got) == {("UKR", "Leopard 2")}
    assert (got[("UKR", "Leopard 2")].supplier_country, got[("UKR", "Leopard 2")].status) == ("POL", "delivered")


def test_a_handover_split_by_its_object_is_a_delivery():
    got = keyed("Norway is buying new jets. In 2023 Norway finished handing its F-16 jets over to Ukraine.")
    assert set(got) == {("UKR", "F-16")}
    assert (got[("UKR", "F-16")].supplier_country, got[("UKR", "F-16")].status) == ("NOR", "delivered")


def test_a_round_up_sections_heading_names_the_buyer_of_what_it_tells():
    # issue 11: round-ups name the buyer once, in a heading, and then tell its purchases without it
    text = ("DEFENCE MONITOR\n\nSummer round-up: approvals and orders\n\n"
            "POLAND - Jets approved at last\n"
            "The State Department said on Wednesday it had approved a possible sale of 32 F-16 jets, worth $6.5 "
            "billion. Congress was notified on Tuesday.\n\n"
            "MALAYSIA - Howitzers on order\n"
            "The army signed a contract for 18 K9 howitzers with Hanwha Aerospace on Monday.\n\n"
            "Related coverage\n"
            "- Why jets cost more every year\n")
    got = keyed(text)
    assert {k: got[k].status for k in got} == {("POL", "F-16"): "offered", ("MYS", "K9"): "ordered"}


def test_section_headings_are_read_in_capitals_after_bullets_and_end_at_a_plain_heading():
    from pipeline.extract.document import _section_headings
    text = "UNITED KINGDOM - Frigates\nx\n* Poland - Tanks, more of them.\nx\nRelated coverage\nx\n"
    assert [code for _, code in _section_headings(text)] == ["GBR", "POL", None]


def test_a_state_signing_an_agreement_with_its_own_firm_orders_at_home():
    got = keyed("Poland bought drones last year. South Korea signed an agreement with Hanwha Aerospace concerning "
                "more K9 howitzers.")
    assert ("KOR", "K9") in got and got[("KOR", "K9")].supplier_country == "KOR"
    assert ("POL", "K9") not in got


def test_the_makers_own_armed_force_whose_the_system_is_said_to_be_buys_it():
    # "for the Royal Navy's Type 31": the domestic force receives, not a foreign navy named in passing
    got = keyed("The ministry named Hanwha Aerospace preferred bidder for the Republic of Korea Army's K9 howitzer "
                "upgrade, choosing a design based on the hull of the Philippine Navy's Krab.")
    assert set(got) == {("KOR", "K9")}
    assert got[("KOR", "K9")].supplier_country == "KOR"
