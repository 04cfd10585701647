"""Pinned behaviour of each recogniser on small hand-written examples."""
from pipeline.extract.countries import find_countries, is_venue
from pipeline.extract.dates import find_dates
from pipeline.extract.money import find_money
from pipeline.extract.quantities import quantity_before, quantity_in
from pipeline.extract.sentences import split_sentences
from pipeline.extract.status import agreement_status, procurement_status
from pipeline.extract.systems import find_systems
from pipeline.extract.agreements.types import agreement_type
from pipeline.extract.people import find_people


def test_sentences_keep_offsets_and_abbreviations():
    text = "Lt. Gen. Park met U.S. officials. The deal cost $2.5 billion.\n· Bullet point here\nNext line."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Lt. Gen. Park met U.S. officials.", "The deal cost $2.5 billion.",
                                       "Bullet point here", "Next line."]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_a_mark_written_with_a_period_ends_no_sentence_and_stays_with_its_system():
    text = "It covers the K2 Mk. 2 tank and the K9 howitzer. Deliveries start in 2027."
    assert [s.text for s in split_sentences(text)] == [
        "It covers the K2 Mk. 2 tank and the K9 howitzer.", "Deliveries start in 2027."]
    assert [h.surface for h in find_systems("It covers the K2 Mk. 2 tank.")] == ["K2 Mk. 2"]


def _acting(sentence: str) -> list[str]:
    return [h.alpha3 for h in find_countries(sentence) if not is_venue(sentence, h)]


def test_capital_acts_only_outside_venue():
    assert _acting("Seoul signed the deal with Warsaw.") == ["KOR", "POL"]
    assert _acting("Poland signed the deal in Seoul.") == ["POL"]
    assert [h.alpha3 for h in find_countries("Korean and Malaysian officials")] == ["KOR", "MYS"]


def test_money_restated_in_second_currency():
    hits = find_money("a contract worth USD 1.2 billion, equivalent to about MYR 5.6 billion, was awarded")
    assert len(hits) == 1
    assert (hits[0].value.value, hits[0].value.currency) == (1.2e9, "USD")
    assert [(a.value, a.currency) for a in hits[0].alternatives] == [(5.6e9, "MYR")]


def test_money_formats():
    assert find_money("valued at 1,234.5 billion won")[0].value.value == 1234.5e9
    assert find_money("valued at 1,234.5 billion won")[0].value.currency == "KRW"
    assert (find_money("set aside PHP25 billion")[0].value.currency, find_money("set aside PHP25 billion")[0].value.value) == ("PHP", 25e9)
    assert find_money("for 7.1 billion pesos")[0].value.currency == "PHP"
    assert find_money("a €4bn order")[0].value.value == 4e9
    assert find_money("an A$2.1 billion project")[0].value.currency == "AUD"
    assert find_money("worth RM1.1 billion")[0].value.currency == "MYR"
    assert find_money("PLN 12bn")[0].value.currency == "PLN"
    assert find_money("in 52 countries") == []


def test_quantities():
    s = "Jakarta ordered fourteen additional Rafale jets."
    assert quantity_before(s, s.index("Rafale")) == 14
    s = "The navy bought a dozen K9 guns."
    assert quantity_before(s, s.index("K9")) == 12
    assert quantity_in("Delivered in three batches of four vehicles.") == 12
    s = "Hanoi wants 8 more F-16 fighters"
    assert quantity_before(s, s.index("F-16")) == 8
    s = "In 2019 K9 howitzers arrived"
    assert quantity_before(s, s.index("K9")) is None


def test_dates_absolute():
    iso = lambda s, p=None: [d.iso for d in find_dates(s, p)]
    assert iso("signed on 14 March 2021 in Paris") == ["2021-03-14"]
    assert iso("signed on March 14, 2021") == ["2021-03-14"]
    assert iso("dated 2021-03-14") == ["2021-03-14"]
    assert iso("posted 14.03.2021") == ["2021-03-14"]
    assert iso("in March 2021") == ["2021-03"]
    assert iso("first flew in 2019") == ["2019"]


def test_dates_relative_to_publication():
    iso = lambda s, p: [d.iso for d in find_dates(s, p)]
    # 2024-05-15 is a Wednesday
    assert iso("the deal was signed on Monday", "2024-05-15") == ["2024-05-13"]
    assert iso("the deal was signed on Wednesday", "2024-05-15") == ["2024-05-15"]
    assert iso("signed last week", "2024-05-15") == ["2024-05"]
    assert iso("raised ties last November", "2024-05-15") == ["2023-11"]
    assert iso("will sign the pact this November", "2024-05-15") == ["2024-11"]
    assert iso("will sign the pact this November", None) == []
    assert iso("signed on Monday", None) == []


def test_systems_gazetteer_family_and_patterns():
    hits = find_systems("Warsaw ordered 48 FA-50PL jets and 212 K9A1 howitzers plus a new XR-77 drone.")
    assert [(h.system, h.category) for h in hits] == [("FA-50", "combat_aircraft"), ("K9", "artillery"), ("XR-77", "uav")]
    hits = find_systems("two Tourville-class frigates")
    assert hits[0].system == "Tourville-class" and hits[0].category == "naval_vessel"
    assert find_systems("the K239 launcher")[0].system == "K239"  # not the K2 tank family


def test_a_designation_written_with_spaces_is_a_system_only_before_a_type_noun():
    hits = find_systems("Lisbon took the second KPV 62 B offshore patrol vessel and two XT 90 armoured vehicles.")
    assert [(h.system, h.category) for h in hits] == [("KPV 62 B", "naval_vessel"), ("XT 90", "armoured_vehicle")]
    # an amount, a conference or a type noun far after the token is no designation
    assert find_systems("Lisbon paid USD 400 million for patrol vessels.") == []
    assert find_systems("At COP 29 in Baku the frigates were not discussed.") == []
    assert find_systems("The GDP 12 report said the ministry's new and much larger frigates cost more.") == []


def test_status_cues():
    assert agreement_status("Poland and Korea will sign an MoU in May") == "proposed"
    assert agreement_status("The two sides are negotiating a treaty") == "under_negotiation"
    assert agreement_status("They inked a framework agreement") == "signed"
    assert procurement_status("The jets would be handed over from 2027") == "ordered"
    assert procurement_status("The last tanks were delivered in 2020") == "delivered"
    assert procurement_status("Washington refused an export licence for the missiles") == "denied"
    assert procurement_status("The order was scrapped") == "cancelled"


def test_a_council_clearing_a_deal_in_a_headline_plans_it():
    assert procurement_status("Cabinet clears helicopter deal for 22 attack helicopters") == "planned"


def test_a_possibility_is_no_stage():
    assert procurement_status("Analysts say Peru could become the next customer for the jets") is None
    assert procurement_status("Peru might buy the jets, a newspaper said") is None
    # "May" the month is no possibility
    assert procurement_status("In May deliveries of the jets began") is not None


def test_agreement_type_and_people():
    assert agreement_type("a letter of intent on drones")[0] == "letter_of_intent"
    assert agreement_type("signed a memorandum of understanding")[0] == "mou"
    assert agreement_type("a comprehensive strategic partnership")[0] == "strategic_partnership"
    assert agreement_type("the CEPA came into force")[0] == "free_trade_agreement"
    assert find_people("signed by Defence Minister Datuk Seri Ahmad Zahid Hamidi and President Jan Kowalski") == [
        "Ahmad Zahid Hamidi", "Jan Kowalski"]


def test_ship_name_or_class_sharing_a_weapon_name_is_no_weapon():
    # a navy prefix makes the name a vessel's; "<name> class" a class of ships
    assert find_systems("The patrol ship PNS Rafale sailed for Karachi on Monday.") == []
    assert find_systems("Two more INS Gripen boats were laid down.") == []
    assert find_systems("The navy calls them the Rafale class, after the first hull.") == []
    # without a prefix the name is the aircraft; a capitalised word before it is no prefix
    assert [h.system for h in find_systems("Paris offered the Rafale to the navy.")] == ["Rafale"]
    assert [h.system for h in find_systems("Dassault Rafale jets and PNS K9 boats")] == ["Rafale"]


def test_a_word_joined_to_a_number_is_a_designation_near_a_type():
    hits = find_systems("Tehran shipped Karrar-250 short-range ballistic missiles to the militia.")
    assert [(h.system, h.category) for h in hits] == [("Karrar-250", "missile")]
    # without a type noun near it, or with one digit, or a lower-case word, it is no system
    assert find_systems("The Route-66 motel reopened on Monday.") == []
    assert find_systems("Tehran shipped Karrar-2 ballistic missiles.") == []
    assert find_systems("the covid-19 missiles") == []


def test_a_variant_designation_followed_by_its_family_name_is_one_system():
    hits = find_systems("Oslo bought four C-130J-30 Hercules transports.")
    assert [(h.system, h.surface) for h in hits] == [("C-130J", "C-130J-30 Hercules")]
    # two systems of other families side by side stay two
    assert [h.system for h in find_systems("the Rafale F-16 comparison")] == ["Rafale", "F-16"]


def test_a_state_after_a_town_and_a_comma_places_the_town():
    from pipeline.extract.countries import find_countries, is_venue
    text = "The jets were overhauled at a plant in Baranovichi, Belarus, before delivery."
    (hit,) = [h for h in find_countries(text) if h.alpha3 == "BLR"]
    assert is_venue(text, hit)
    text = "Belarus overhauled the jets."
    (hit,) = [h for h in find_countries(text) if h.alpha3 == "BLR"]
    assert not is_venue(text, hit)



def test_landing_docks_and_minehunters_are_ships():
    from pipeline.extract.categories import category_near
    for noun in ("landing platform dock", "LPD", "minehunter"):
        text = f"Chile ordered a new {noun}."
        assert category_near(text, 0, 13) == "naval_vessel", noun


def test_overlapping_category_nouns_take_the_category_listed_first():
    """category_nouns.csv's priorities: the category of the lower number wins where nouns overlap."""
    from pipeline.extract.categories import category_near
    assert category_near("Peru wants the XR-7 air defence missile system.", 0, 14) == "air_defence"
    assert category_near("Chile chose the KT-9 trainer aircraft.", 0, 20) == "trainer_aircraft"
    assert category_near("Chile chose the KT-9 light combat aircraft.", 0, 20) == "combat_aircraft"
    # a noun joined by a hyphen qualifies another word
    assert category_near("Peru bought the ZX-3 tank-hunting drones.", 0, 20) == "uav"


def test_an_unknown_designation_before_a_known_name_is_that_system():
    from pipeline.extract.systems import find_systems
    [hit] = find_systems("Poland has donated 10 KTX-39 Rafale jets to Peru.")
    assert (hit.system, hit.surface) == ("Rafale", "KTX-39 Rafale")
    # apart, they stay two
    assert [h.system for h in find_systems("The KTX-39 trainers and the Rafale jets")] == ["KTX-39", "Rafale"]


def test_a_count_told_after_the_noun_with_of_which():
    assert quantity_in("the newest are armoured vehicles, 40 of which were shown to the troops in 2021",
                       "armoured_vehicle") == 40
    assert quantity_in("it will replace its frigates, five of which were built in Spain", "naval_vessel") == 5
    assert quantity_in("it will replace its frigates, which were built in Spain", "naval_vessel") is None
