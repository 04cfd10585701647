"""Mechanisms found in the ninth session by scoring rewritten articles nobody had tuned on.

All texts are made up for these tests.
"""
from tests.mentions import agreements, procs


def test_a_longer_subject_naming_the_delivered_things_lists_what_was_delivered():
    got = procs("On Friday, the Polish president handed eleven aircraft over to the air force in Warsaw.\n\n"
                "The aircraft on display included five Swedish-made Gripen jets and six Mi-35 helicopters built in Russia.")
    assert sorted((m.buyer_country, m.system, m.quantity, m.status) for m in got) == [
        ("POL", "Gripen", 5, "delivered"), ("POL", "Mi-35", 6, "delivered")]


def test_a_fleet_that_includes_systems_is_no_list_of_the_deal():
    got = procs("Kenya took delivery of six new aircraft on Monday.\n\n"
                "The fleet in service with the air force includes five Gripen jets and six Mi-35 helicopters.")
    assert got == []


def test_a_system_an_add_on_is_integrated_with_takes_no_stage_from_the_add_ons_supply():
    # Leonardo supplies the radar; the launchers' purchase is still only approved
    got = procs("Kenya approved the purchase of 12 HIMARS launchers on Monday. Italian company Leonardo will "
                "supply a radar system to be integrated with the HIMARS launchers.")
    assert [(m.buyer_country, m.supplier_country, m.system, m.status) for m in got] == [
        ("KEN", "USA", "HIMARS", "planned")]


def test_the_maker_of_an_add_on_is_no_seller_that_cannot_buy():
    # the Polish firm's radar goes on the launchers: Poland stays the article's buyer
    got = procs("The Polish government said on Thursday it would spend more than 4 billion zloty on missiles. "
                "Poland's defence minister said the package would give the army a boost. "
                "In May, the US State Department said it had approved the sale of HIMARS launchers for US$385 million. "
                "Polish company WB Electronics will supply a radar system to be integrated with the HIMARS launchers. "
                "Later, China and Russia held talks. China's navy sailed. China again.")
    assert [(m.buyer_country, m.system, m.status) for m in got] == [("POL", "HIMARS", "offered")]


def test_an_amount_written_in_words_with_its_scale_is_money():
    from pipeline.extract.money import find_money
    found = [(h.value.value, h.value.currency) for h in
             find_money("The eight boats come under a deal worth around USD five billion, and the refit under "
                        "one worth twenty-four million euros.")]
    assert found == [(5e9, "USD"), (24e6, "EUR")]
    assert find_money("Some two billion people watched; the tickets cost five dollars.") == []


def test_a_deal_worth_an_amount_in_words_gives_the_record_its_value():
    got = procs("Poland signed a deal worth two billion euros for 24 CAESAR howitzers on Monday.")
    assert [(m.quantity, m.value.value, m.value.currency) for m in got] == [(24, 2e9, "EUR")]


def test_states_coordinated_with_their_own_counts_in_brackets_each_buy():
    got = procs("Other countries, such as Estonia (12 pieces) and Colombia (14), have already ordered 26 CAESAR howitzers.")
    assert sorted((m.buyer_country, m.quantity, m.status) for m in got) == [("COL", 14, "ordered"), ("EST", 12, "ordered")]


def test_other_countries_that_ordered_the_system_in_hand_each_buy_it():
    got = procs("Poland is acquiring 36 CAESAR howitzers built by KNDS France.\n\n"
                "Other countries, such as Estonia (12 pieces) and Colombia (18), have already ordered the self-propelled gun.")
    assert sorted((m.buyer_country, m.system, m.quantity, m.status) for m in got) == [
        ("COL", "CAESAR howitzer", 18, "ordered"), ("EST", "CAESAR howitzer", 12, "ordered"),
        ("POL", "CAESAR howitzer", 36, "ordered")]


def test_an_acronym_written_as_a_word_beside_cannons_is_the_system():
    got = procs("Poland is acquiring 36 Caesar cannons.")
    assert [(m.system, m.quantity) for m in got] == [("CAESAR", 36)]


def test_a_lone_capital_after_a_lower_case_word_ends_its_sentence_before_an_opener():
    from pipeline.extract.sentences import split_sentences
    assert [s.text for s in split_sentences("The minister confirmed it on X. Other states agreed.")] == [
        "The minister confirmed it on X.", "Other states agreed."]
    # initials stay inside their sentence
    assert len(split_sentences("The report was written by J. Smith and President George W. Bush read it.")) == 1


def test_the_agreement_a_purchase_is_made_under_is_no_state_agreement():
    assert agreements("Under an agreement, Poland will acquire eight patrol boats from Estonia.") == []
    assert agreements("Poland has finalized an agreement with the United States government to buy 32 F-16 "
                      "fighter jets, officials said Monday.") == []


def test_an_undetermined_agreement_told_in_passing_is_still_a_record():
    (a,) = agreements("A defence cooperation agreement between Poland and Estonia followed in 2024.")
    assert (a.parties, a.date) == (["EST", "POL"], "2024")


def test_a_reported_decision_to_end_a_contract_cancels_it():
    (m,) = procs("The Polish government announced on Wednesday that it will rescind the contract for 24 CAESAR "
                 "howitzers signed in 2023.")
    assert m.status == "cancelled"
    (m,) = procs("The Polish Air Force said it would terminate the contract for 32 F-16 jets with effect from Friday.")
    assert m.status == "cancelled"


def test_a_conditional_or_denied_cancellation_ends_nothing():
    (m,) = procs("Poland will terminate the contract for 32 F-16 jets if funding fails.")
    assert m.status == "ordered"
    (m,) = procs("Poland said it would not cancel the order for 32 F-16 jets.")
    assert m.status == "ordered"


def test_a_finalised_deal_is_dated_by_its_finalising():
    (m,) = procs("In January Poland finalised a €2.5 billion agreement for 18 Rafale jets, twelve of them second-hand.")
    assert (m.status, m.order_date, m.quantity) == ("ordered", "2026-01", 18)


def test_a_gathering_held_to_sign_an_agreement_signed_it():
    (a,) = agreements("The prime ministers of Poland and Estonia held a virtual summit on Thursday to seal the pact.")
    assert (a.parties, a.status) == (["EST", "POL"], "signed")
    (a,) = agreements("Poland and Estonia will meet next week to sign a defence cooperation agreement.")
    assert a.status == "proposed"


def test_a_longer_subject_that_names_no_event_lists_no_part_of_the_deal():
    # "park" is no fleet word, but nothing in the subject says these are the things just ordered
    got = procs("Poland ordered 12 K9 howitzers in May.\n\n"
                "The current artillery park includes 20 K9 and 10 CAESAR howitzers.")
    assert [(m.system, m.quantity) for m in got] == [("K9", 12)]


def test_an_order_still_to_be_booked_or_landed_is_no_order():
    (m,) = procs("Poland may be about to book further orders for the K9 howitzer, up to 24 more guns.")
    assert m.status == "planned"
    (m,) = procs("Poland hopes to land a contract for 32 F-16 jets.")
    assert m.status == "planned"
    (m,) = procs("Poland placed an order for 32 F-16 jets.")
    assert m.status == "ordered"


def test_an_adverb_between_the_modal_and_the_buying_verb_keeps_the_plan():
    (m,) = procs("Poland will also buy 32 F-16 jets.")
    assert (m.system, m.quantity, m.status) == ("F-16", 32, "planned")


def test_units_of_a_kind_no_deal_in_hand_is_of_are_their_own_purchase():
    got = procs("Poland will buy 44 new K2 tanks. Two brand new helicopters will also be bought for the army.")
    assert sorted((m.system, m.quantity, m.status) for m in got) == [("K2", 44, "planned"), ("helicopters", 2, "planned")]
    # units of the deal's own kind still refer to it
    got = procs("Poland will buy 44 new K2 tanks. Twelve tanks will be delivered from 2027.")
    assert [m.system for m in got] == ["K2"]


def test_a_states_service_after_the_and_its_demonym_is_the_state_acting():
    # "the Colombian Navy" is Colombia's navy, not a proper name with "Colombian" inside ("the Korean Peninsula")
    (m,) = procs("The Colombian Navy has bought three Israeli C-130 Hercules aircraft.")
    assert m.buyer_country == "COL"


def test_a_demonym_between_a_count_and_the_name_tells_where_the_units_come_from():
    got = procs("Colombian legislators said the Colombian navy is modernising. In addition, the Navy has bought "
                "two Russian Mi-35 helicopters and three Israeli C-130 Hercules aircraft.")
    assert sorted((m.buyer_country, m.system, m.quantity) for m in got) == [("COL", "C-130 Hercules", 3),
                                                                            ("COL", "Mi-35", 2)]


def test_a_quoted_name_between_the_count_and_the_system_keeps_the_count():
    from pipeline.extract.quantities import quantity_before
    text = "bought three Swedish Saab 'Gripen' JAS-39 jets"
    assert quantity_before(text, text.index("JAS-39")) == 3


def test_a_state_named_in_an_apposition_describing_another_plays_no_part():
    (m,) = procs("France, the world's third-largest arms exporter after the US, has supplied 12 Rafale jets to Colombia.")
    assert (m.buyer_country, m.supplier_country, m.quantity) == ("COL", "FRA", 12)
    # a list of states is no apposition
    (a,) = agreements("France, the US, Colombia and India signed a security pact on Monday.")
    assert a.parties == ["COL", "FRA", "IND", "USA"]


def test_the_total_a_part_is_taken_out_of_is_no_count():
    from pipeline.extract.quantities import quantity_before
    text = "The new deal takes 152 units out of the 460 K9 howitzers still outstanding."
    assert quantity_before(text, text.index("K9")) is None
    text = "Poland ordered 152 K9 howitzers."
    assert quantity_before(text, text.index("K9")) == 152


def test_an_unknown_name_before_a_type_after_a_contract_for_is_what_is_bought():
    (m,) = procs("The Polish Army signed a contract for Komodo armoured vehicles on Monday.")
    assert (m.buyer_country, m.system, m.status) == ("POL", "Komodo", "ordered")
    # without a count or an acquisition phrase, "the Komodo armoured vehicles" refers back: no record
    assert procs("The Polish Army inspected the Komodo armoured vehicles on Monday.") == []
