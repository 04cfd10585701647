"""Agreement extraction on small hand-written articles (fixture gazetteer, see conftest)."""
from pipeline.extract.agreements.names import acronym_registry, find_names
from pipeline.extract.agreements.places import signing_place
from pipeline.extract.agreements.mentions import extract_agreements
from pipeline.extract.document import analyse
from pipeline.extract.dates import find_dates


def _agreements(text: str, published: str | None = "2024-07-10"):
    return extract_agreements(analyse(text, "t.txt", published))


def _by_name(ms):
    return {m.name: m for m in ms}


# ---------------------------------------------------------------- names and acronyms

def test_defined_acronym_is_the_name_and_generic_acronyms_are_not():
    named = find_names("Tokyo and Manila signed the Reciprocal Access Agreement (RAA) on Monday.")
    assert [(n.key, n.full, n.type) for n, _, _ in named] == [("RAA", "Reciprocal Access Agreement", "agreement")]
    assert find_names("They signed a memorandum of understanding (MoU).") == []
    assert find_names("Both sides want a Free Trade Agreement (FTA) soon.") == []  # describes a kind, names none
    assert acronym_registry(["The Japan Philippines Reciprocal Access Agreement (RAA) was signed."]) \
        .keys() == {"RAA"}


def test_acronym_alone_later_in_the_article_is_the_same_arrangement():
    text = ("Japan and the Philippines on Monday signed the Reciprocal Access Agreement (RAA) in Manila.\n"
            "The Status of Forces Agreement (SOFA), a separate pact between Japan and the Philippines, was "
            "signed in 2019.\n"
            "RAA lets each side's troops train on the other's soil.")
    ms = _by_name(_agreements(text))
    # published by the full names the text defines the acronyms with
    raa, sofa = "Reciprocal Access Agreement", "Status of Forces Agreement"
    assert set(ms) == {raa, sofa}
    assert (ms[raa].parties, ms[raa].date, ms[raa].location) == (["JPN", "PHL"], "2024-07-08", "Manila")
    assert ms[sofa].date == "2019" and ms[sofa].location is None


# ---------------------------------------------------------------- parties

def test_bystanders_are_not_parties():
    text = ("Japan and Australia signed a defence cooperation agreement on 3 March 2024 in Canberra.\n"
            "The agreement was signed a week after Russia tested a missile near Norway.")
    ms = _agreements(text)
    assert [m.parties for m in ms] == [["AUS", "JPN"]]


def test_three_parties_from_a_coordinated_subject_and_with_phrase():
    ms = _agreements("Australia joined a security pact with Japan and the United States in 2023.")
    assert ms[0].parties == ["AUS", "JPN", "USA"]
    ms = _agreements("The pact was agreed between Japan, Australia and India in June 2022.")
    assert ms[0].parties == ["AUS", "IND", "JPN"]


def test_hyphenated_pair_names_the_parties():
    ms = _agreements("Officials in Tokyo praised the Japan-Australia Reciprocal Access Agreement, signed in 2022 "
                     "while Indonesia watched.")
    assert ms[0].parties == ["AUS", "JPN"]


def test_procurement_cancellation_is_not_the_agreement_s_stage():
    ms = _agreements("Canada announced a security pact with Japan and scrapped its order for French frigates.")
    assert ms[0].parties == ["CAN", "JPN"] and ms[0].status == "signed"


def test_aggregates_with_foreign_nations_are_not_records():
    assert _agreements("For Chile, it is only the second MoU it has signed with a foreign nation.") == []


# ---------------------------------------------------------------- several arrangements in one sentence

def test_each_arrangement_keeps_its_own_date_and_place():
    text = ("Japan and Australia said the new treaty builds on the Canberra Accord, signed in Sydney in May 2007, "
            "and on a maritime arrangement the two countries concluded in 2015.")
    ms = sorted(_agreements(text), key=lambda m: m.date or "")
    # the new treaty (undated here), the accord of 2007 and the arrangement of 2015
    assert [(m.date, m.location, m.name) for m in ms] == [(None, None, None), ("2007-05", "Sydney", "Canberra Accord"),
                                                          ("2015", None, None)]


# ---------------------------------------------------------------- dates and places

def test_the_same_day_takes_the_date_and_place_told_before():
    text = ("Chile's defence minister met his Peruvian counterpart in Lima on Tuesday.\n"
            "A memorandum of understanding between Chile and Peru was inked the same day.")
    ms = _agreements(text, "2024-07-10")
    assert ms[0].date == "2024-07-09"


def test_a_reference_back_takes_the_latest_event_told_before_it():
    # the events are looked up only when a passage refers back: the latest one, whichever kind
    cases = [
        ("Leaders met in Lima on 3 March 2024. Officials met in Cusco on 5 March 2024.\n"
         "A memorandum of understanding between Chile and Peru was signed that day.", ("2024-03-05", "Cusco")),
        ("Ministers met on 3 March 2024.\nChile and Peru signed a defence agreement in Santiago on 4 March 2024.\n"
         "A memorandum of understanding between Chile and Peru was inked the same day.", ("2024-03-04", "Santiago")),
        ("Chile and Peru signed a defence agreement on 4 March 2024.\nThe ministers met again in Lima on 6 March "
         "2024. They also held talks.\nA memorandum of understanding between Chile and Peru was inked that day.",
         ("2024-03-06", "Lima")),
    ]
    for text, expected in cases:
        mou = next(m for m in _agreements(text) if m.agreement_type == "mou")
        assert (mou.date, mou.location) == expected, text


def test_undated_signing_in_a_paragraph_continues_the_dated_one():
    text = ("Japan and Vietnam signed a maritime agreement on 8 July 2024. Japan's coast guard and Vietnam's "
            "fisheries ministry signed a memorandum of understanding on training.")
    ms = sorted(_agreements(text), key=lambda m: m.agreement_type)
    assert [(m.agreement_type, m.date) for m in ms] == [("agreement", "2024-07-08"), ("mou", "2024-07-08")]


def test_purpose_clause_is_not_a_stage():
    ms = _agreements("Two documents were signed. A memorandum of cooperation between Japan and Vietnam on chips "
                     "aims to build up Vietnam's industry.")
    assert ms[0].status == "signed"


def test_place_of_signing_is_a_city():
    assert signing_place("signed at the Malacanang Palace in Manila on Friday") == "Manila"
    assert signing_place("formalised at Tampaksiring Palace on 3 May") == "Tampaksiring"
    assert signing_place("signed at Fort Bonifacio in Taguig City by") == "Taguig City"
    assert signing_place("the Institute for Research in Tropical Medicine signed") is None
    assert signing_place("signed on Monday in Kuala Lumpur by the ministers") == "Kuala Lumpur"
    assert signing_place("said it would be signed in Japan within days") is None
    assert signing_place("signed during the president's state visit to Manila in May") == "Manila"
    assert signing_place("agreed in Hanoi, Kishida and Chinh said") == "Hanoi"


def test_dates_at_the_end_of_a_sentence_or_before_a_comma():
    assert [d.iso for d in find_dates("It was signed in 2019.", None)] == ["2019"]
    assert [d.iso for d in find_dates("signed on March 3, 2014, at the palace", None)] == ["2014-03-03"]


def test_headline_title_case_is_not_a_name():
    assert find_names("Chile-Peru Strike Landmark Defence Pact for Joint Production") == []
    assert find_names("A Transformational Defence-Industrial Partnership to Build Ships") == []
    assert [n.key for n, _, _ in find_names("It builds on the Santiago Accord of 2001.")] == ["Santiago Accord"]


def test_joint_statement_elevating_ties_is_the_strategic_partnership():
    text = ("Japan and Vietnam elevated their ties to a comprehensive strategic partnership in Hanoi in May 2024.\n"
            "In a joint statement after the summit, both leaders agreed to expand maritime cooperation.")
    ms = _agreements(text)
    assert [(m.agreement_type, m.date) for m in ms] == [("strategic_partnership", "2024-05")]


def test_on_the_day_refers_to_the_named_arrangement_s_own_date():
    text = ("Japan and Vietnam on Monday signed the Maritime Security Agreement (MSA).\n"
            "An older pact between Japan and Vietnam was signed in 2018.\n"
            "MSA was one of three documents signed on the day. Vietnam's coast guard and Japan's coast guard "
            "signed a memorandum of understanding on training.")
    ms = {m.agreement_type: m for m in _agreements(text, "2024-07-10")}
    assert ms["mou"].date == "2024-07-08"


# ---------------------------------------------------------------- headlines, to-do lists, appositions

def test_headline_in_present_tense_is_a_signing_and_joins_the_lede():
    text = ("Japan and the Philippines sign logistics pact\n\n"
            "Japan and the Philippines on Monday signed an agreement in Manila that lets their forces share "
            "fuel and spare parts.\n"
            "The agreement will take effect after ratification.")
    ms = _agreements(text)
    assert [(m.parties, m.status, m.date, m.location) for m in ms] == [(["JPN", "PHL"], "signed", "2024-07-08",
                                                                         "Manila")]


def test_headline_with_to_sign_stays_a_proposal():
    ms = _agreements("Japan and the Philippines to sign logistics pact\n\nOfficials in both capitals confirmed "
                     "that the text of the logistics pact was ready for the ministers of both countries.")
    assert {m.status for m in ms} == {"proposed"}


def test_list_item_opening_with_the_verb_is_a_plan():
    text = ("Japan and the Philippines also agreed on a list of next steps for their partnership this year:\n"
            "- Sign a memorandum of understanding on rare earth processing between Japan and the Philippines.\n")
    ms = [m for m in _agreements(text) if m.agreement_type == "mou"]
    assert [(m.parties, m.status) for m in ms] == [(["JPN", "PHL"], "proposed")]


def test_participle_clause_describes_the_arrangement_just_named():
    text = ("South Korea and the Philippines signed a memorandum of understanding on 3 June 2024 in Manila, "
            "creating a framework for joint production of patrol boats.\n"
            "The framework also covers training.")
    ms = _agreements(text)
    assert [(m.agreement_type, m.date) for m in ms] == [("mou", "2024-06-03")]


# ---------------------------------------------------------------- firms are not states

def test_an_arrangement_with_a_firm_is_not_a_state_agreement():
    assert _agreements("The Philippine Navy signed a memorandum of understanding with Hanwha Aerospace on "
                       "3 May 2024 for the upkeep of its frigates.") == []
    assert _agreements("Korea Aerospace Industries signed an agreement with Malaysia on 3 May 2024.") == []
    assert _agreements("Malaysia signed a memorandum of understanding with Polish defence firm Zbrojownia on "
                       "3 May 2024.") == []


def test_an_agreement_to_buy_from_a_firm_is_a_contract_not_a_state_agreement():
    assert _agreements("Poland on Tuesday signed a $10 billion agreement to buy 96 helicopters from South Korean "
                       "manufacturer Hanwha Aerospace.") == []
    # ... but one to buy from a state is a state-to-state arrangement
    assert [m.parties for m in _agreements("Poland on Tuesday signed an agreement to buy 96 helicopters from "
                                           "South Korea.")] == [["KOR", "POL"]]


def test_a_state_owned_firm_acts_for_its_state():
    ms = _agreements("French state-controlled shipbuilder Dassault Aviation and Malaysia signed a memorandum of "
                     "understanding on 3 May 2024 in Kuala Lumpur.")
    assert [m.parties for m in ms] == [["FRA", "MYS"]]


def test_with_phrase_and_the_articles_own_state():
    # the article is told from Manila: its own state is the unnamed subject of "a pact with X"
    text = ("Manila and Seoul signed a logistics agreement in Manila on 3 June 2024.\n"
            "Manila welcomed the deal, and Manila officials said Seoul had been a reliable partner to Manila.\n"
            "The oldest of its defence pacts is a Mutual Defense Treaty with the United States, concluded in 1951.")
    ms = {m.date: m.parties for m in _agreements(text)}
    assert ms["1951"] == ["PHL", "USA"]


def test_the_two_sides_of_a_sentence_naming_two_states():
    text = ("South Korea and Malaysia signed a memorandum of understanding in Seoul on 3 June 2024.\n"
            "South Korea will supply Malaysia with patrol boats, Malaysia said.\n"
            "In Paris the two sides also signed a letter of intent on French and Polish training cooperation.")
    ms = {m.agreement_type: m.parties for m in _agreements(text)}
    assert ms["letter_of_intent"] == ["FRA", "POL"]


def test_with_counterparts_of_several_states_and_a_purpose_clause():
    text = ("Malaysia and France signed a memorandum of understanding in Paris on 3 June 2024.\n"
            "Malaysia and France said Malaysia would host the next round.\n"
            "Earlier, the defence minister signed a letter of intent with his Korean and Polish counterparts "
            "to set up a trilateral training partnership.")
    ms = {m.agreement_type: m.parties for m in _agreements(text)}
    assert ms["letter_of_intent"] == ["KOR", "MYS", "POL"]
    assert "strategic_partnership" not in ms


# ---------------------------------------------------------------- sets, aggregates, coordination

def test_a_set_of_agreements_is_not_a_record_but_its_member_is():
    ms = _agreements("South Korea and Malaysia signed a set of agreements on 3 June 2024, among them a defence "
                     "industry agreement, during a visit to Seoul.")
    assert [(m.parties, m.date, m.location) for m in ms] == [(["KOR", "MYS"], "2024-06-03", "Seoul")]
    assert _agreements("Malaysia signed twelve further agreements worth $2bn with South Korea in 2024.") == []


def test_ordinal_country_with_such_an_agreement_is_an_aggregate():
    assert _agreements("Malaysia became the 14th country with which South Korea has concluded such an agreement.") \
        == []


def test_coordinated_objects_share_the_verb():
    ms = _agreements("Malaysia and South Korea on 3 June 2024 signed a letter of intent on trainer jets and a "
                     "separate memorandum to hold regular staff talks.")
    assert sorted((m.agreement_type, m.status, m.date) for m in ms) == [
        ("letter_of_intent", "signed", "2024-06-03"), ("mou", "signed", "2024-06-03")]


def test_subheading_joins_the_arrangement_told_below_it():
    text = ("Malaysia and South Korea signed a letter of intent on trainer jets in 2023.\n\n"
            "MoU signed in Seoul\n\n"
            "On 3 June 2024, the two ministers signed in Seoul a memorandum of understanding on shipbuilding. "
            "According to New Delhi observers, the MoU sets up a joint working group.")
    ms = [m for m in _agreements(text) if m.agreement_type == "mou"]
    assert [(m.date, m.location) for m in ms] == [("2024-06-03", "Seoul")]


def test_a_date_in_a_later_clause_dates_something_else():
    ms = _agreements("On 3 June 2024, South Korea and Malaysia signed a revised memorandum on defence exchanges, "
                     "updating the original document concluded in 2011.")
    assert [m.date for m in ms] == ["2024-06-03"]


def test_each_item_of_a_list_of_documents_is_its_own():
    text = ("Malaysia and South Korea exchanged four documents in Seoul on 3 June 2024.\n\n"
            "The documents exchanged:\n\n"
            "1. MoU between the Government of Malaysia and the Government of South Korea on power grids\n\n"
            "2. MoU on cultural heritage\n\n"
            "3. Trilateral MoU between the Governments of Malaysia, South Korea and the Philippines on fisheries\n")
    ms = sorted((m.parties, m.agreement_type) for m in _agreements(text))
    assert ms == [(["KOR", "MYS"], "mou"), (["KOR", "MYS"], "mou"), (["KOR", "MYS", "PHL"], "mou")]


def test_an_item_does_not_continue_the_parties_another_item_states():
    text = ("Malaysia and South Korea exchanged four documents in Seoul on 3 June 2024.\n\n"
            "The documents exchanged:\n\n"
            "1. Trilateral MoU between the Governments of Malaysia, South Korea and the Philippines on fisheries\n\n"
            "2. MoU on Defence Cooperation\n")
    ms = sorted((m.parties, m.agreement_type) for m in _agreements(text))
    assert ms == [(["KOR", "MYS"], "mou"), (["KOR", "MYS", "PHL"], "mou")]


def test_action_plans_and_programmes_are_their_own_documents():
    ms = _agreements("On 3 June 2024 Malaysia and South Korea signed an agreement on maritime security and an "
                     "action plan for 2025-2027 to implement their defence partnership.")
    assert sorted(m.agreement_type for m in ms) == ["agreement", "other"]


def test_the_agreement_told_after_a_firm_contract_is_that_contract():
    text = ("Malaysia will renegotiate a supplier credit agreement with Polish defence firm Zbrojownia for 19 "
            "armoured vehicles.\n"
            "Malaysia and Poland officials said the renegotiated agreement would go to parliament.")
    assert _agreements(text) == []


def test_also_signed_continues_the_occasion_told_before():
    text = ("On 3 June 2024 in Paris, the two governments signed a contract for 18 howitzers.\n\n"
            "In Paris, France and Malaysia also signed a letter of intent on helicopter upkeep, while their "
            "foreign ministers signed an action plan for 2025-2027.")
    ms = {m.agreement_type: (m.status, m.date, m.location) for m in _agreements(text)}
    assert ms["letter_of_intent"] == ("signed", "2024-06-03", "Paris")
    assert ms["other"][0] == "signed"

def test_same_ceremony_takes_the_date_of_the_event_told_before():
    from pipeline.extract import extract_mentions
    from pipeline.extract.records import AgreementMention
    text = ("The frigate contracts were signed in Manila on March 3, with both presidents attending. "
            "At the same ceremony, the Philippines and South Korea signed a memorandum of understanding "
            "on defence cooperation.")
    got = [m for m in extract_mentions(text, "t.txt", "2024-03-20") if isinstance(m, AgreementMention)]
    assert [(m.parties, m.date) for m in got] == [(["KOR", "PHL"], "2024-03-03")]


def test_same_day_as_refines_a_vague_date_to_the_day_told_before():
    text = ("The jet contract was signed in Manila on 14 March 2024 by the two defence chiefs. "
            "Deliveries are due from 2026. "
            "On the same day as the jet signing in March 2024, the Philippines and South Korea signed a "
            "memorandum of understanding on shipbuilding.")
    ms = _agreements(text)
    assert [(m.parties, m.date) for m in ms] == [(["KOR", "PHL"], "2024-03-14")]


def test_a_deadline_is_the_expected_date_of_an_unsigned_agreement_only():
    ms = _agreements("The Philippines expects to sign a defence agreement with South Korea by the end of 2025.",
                     "2024-07-10")
    assert [(m.parties, m.status, m.date) for m in ms] == [(["KOR", "PHL"], "proposed", "2025")]
    ms = _agreements("The Philippines and South Korea signed a defence agreement before 2020.", "2024-07-10")
    assert [m.date for m in ms] == [None]


def test_a_passage_keeps_the_pair_it_named_last_and_a_relative_clause_subject():
    text = ("South Korea and Malaysia signed a defence cooperation agreement in Seoul on 3 March 2024.\n"
            "South Korea and Malaysia also agreed to hold annual talks, Malaysia said.\n"
            "France-Poland: Defence Cooperation Agreement - SIGNED, May 2023\n"
            "A separate training agreement signed the same day lets Polish officers train in France.\n"
            "Much of this traces back to the security agreement Seoul signed with the Philippines in 2022.")
    ms = sorted((m.parties, m.date) for m in _agreements(text))
    assert (["FRA", "POL"], "2023-05") in ms
    assert sum(m[0] == ["FRA", "POL"] for m in ms) == 2
    assert (["KOR", "PHL"], "2022") in ms


def test_an_all_capitals_word_spelling_a_names_initials_is_that_arrangement():
    registry = acronym_registry(["France-Poland: Status of Forces Agreement - SIGNED",
                                 "The two ministers signed the SOFA in Port Louis on 3 May 2023."])
    assert registry["SOFA"].full == "Status of Forces Agreement"
    assert signing_place("The ministers signed the SOFA in Port Louis on 3 May 2023.") == "Port Louis"


def test_a_strategic_partnership_needs_an_act():
    text = ("South Korea and Malaysia signed a defence cooperation agreement in Seoul on 3 March 2024.\n"
            "The minister said the signing reinforced the strategic partnership between the two countries.\n"
            "The minister further stated that the agreement opens avenues for joint ventures.")
    ms = _agreements(text)
    assert [(m.agreement_type, m.date) for m in ms] == [("agreement", "2024-03-03")]
    ms = _agreements("It gives substance to the Comprehensive Strategic Partnership that South Korea and Malaysia "
                     "formalised in Seoul in 2019.")
    assert [(m.agreement_type, m.date) for m in ms] == [("strategic_partnership", "2019")]


def test_the_two_sides_of_the_sentence_before():
    text = ("South Korea and France signed a defence cooperation agreement in Seoul on 3 March 2024.\n"
            "South Korea and France agreed to meet again, France said.\n"
            "In October, the Malaysian defence minister paid a visit to the Philippines for talks. The two sides "
            "said they were negotiating a memorandum of understanding on maritime security.")
    ms = {m.agreement_type: (m.parties, m.status) for m in _agreements(text)}
    assert ms["mou"] == (["MYS", "PHL"], "under_negotiation")


def test_a_joint_statement_quoted_as_a_source_is_not_a_record():
    text = ("South Korea and Malaysia signed a defence cooperation agreement in Seoul on 3 March 2024.\n"
            "In a joint statement, the two countries said they would deepen training ties.")
    assert [m.agreement_type for m in _agreements(text)] == ["agreement"]
    text = ("In a joint statement issued on 3 March 2024, South Korea and Malaysia said they had agreed on four "
            "new training sites.")
    assert [m.agreement_type for m in _agreements(text)] == ["joint_statement"]


def test_an_unqualified_official_beside_a_foreign_one_is_the_articles_own():
    text = ("Manila and Seoul agreed in Manila to expand training in 2023, Manila officials said.\n"
            "Manila hopes Manila's shipyards will benefit, and Manila will host the next round.\n"
            "Defence Secretary Jose Cruz and Korean Defence Minister Kim Dae-ho signed an information security "
            "agreement in Seoul on 8 July 2024.")
    ms = [m for m in _agreements(text) if m.date == "2024-07-08"]
    assert [(m.parties, m.location) for m in ms] == [(["KOR", "PHL"], "Seoul")]


def test_one_state_acts_and_the_other_is_the_arrangements_object():
    text = ("Malaysia and Turkey signed a corvette deal in 2023, Malaysia said.\n"
            "Malaysia and Turkey held talks, and Malaysia thanked Turkey.\n"
            "Minister Ahmad Zaki and General Park Min-su of South Korea's aid office signed an agreement in "
            "Kuala Lumpur on 4 March 2024 on South Korea's assistance to Malaysia.")
    ms = [m for m in _agreements(text) if m.date == "2024-03-04"]
    assert [m.parties for m in ms] == [["KOR", "MYS"]]
    # a state told after a clause break is a bystander
    text = ("Japan and Australia signed a defence cooperation agreement on 3 March 2024 in Canberra.\n"
            "Japan signed the agreement, a week after Russia tested a missile.")
    assert [m.parties for m in _agreements(text)] == [["AUS", "JPN"]]


def test_a_follow_on_sentence_dates_the_signing_and_possessive_dates_are_other_events():
    text = ("Friday's launch came two weeks after Minister Ahmad Zaki and General Park Min-su of South Korea's "
            "aid office signed an agreement in Kuala Lumpur on South Korea's assistance to Malaysia. "
            "The Korean ambassador attended the March 4 signing.")
    ms = _agreements(text)
    assert [(m.parties, m.date) for m in ms] == [(["KOR", "MYS"], "2024-03-04")]
    assert find_names("Deals were signed at the Doha National Convention Centre on Monday.") == []


def test_a_bare_name_joined_to_a_foreign_official_and_a_with_pact_in_a_busy_sentence():
    text = ("Manila and Seoul agreed in Manila to expand training in 2023, Manila officials said.\n"
            "Manila hopes Manila's shipyards will benefit, and Manila will host the next round.\n"
            "A logistics agreement with France followed in 2024, and Cruz and Korean Defence Minister Kim Dae-ho "
            "signed an access agreement in Manila on 30 April 2024.")
    ms = sorted((m.parties, m.location) for m in _agreements(text) if m.date != "2023")
    assert (["FRA", "PHL"], None) in ms and (["KOR", "PHL"], "Manila") in ms


def test_a_minister_and_his_foreign_counterpart():
    text = ("France and Malaysia held talks in 2023, France said, and France hosted Malaysia again.\n"
            "Seoul joins the Polish deal under a programme agreement that Minister Kim Dae-ho and his Polish "
            "counterpart Jan Nowak signed in Warsaw on 6 September 2024.")
    ms = [m for m in _agreements(text) if m.date == "2024-09-06"]
    assert [m.parties for m in ms] == [["KOR", "POL"]]


def test_statements_and_declarations_of_intent_are_letters_of_intent():
    ms = _agreements("South Korea and Malaysia signed a declaration of intent on joint vehicle buys on 5 June 2024.")
    assert [m.agreement_type for m in ms] == ["letter_of_intent"]


def test_headline_ending_in_a_quotation_and_an_elevation_from_one_partnership_to_another():
    text = ("Seoul and Kuala Lumpur sign defence pact: 'an attack on one is an attack on both'\n\n"
            "South Korea and Malaysia signed a mutual defence agreement in Seoul on 3 June 2024.")
    assert [(m.status, m.date) for m in _agreements(text)] == [("signed", "2024-06-03")]
    ms = _agreements("South Korea and Malaysia raised their relationship from a strategic partnership to a "
                     "comprehensive strategic partnership in Seoul in May 2024.")
    assert [(m.agreement_type, m.date) for m in ms] == [("strategic_partnership", "2024-05")]


def test_the_new_treaty_is_the_one_just_signed():
    text = ("South Korea and Malaysia on 3 June 2024 signed a defence cooperation agreement in Seoul.\n"
            "The two sides plan to put the new framework to work at once.\n"
            "The new treaty also covers training.")
    assert len(_agreements(text)) == 1


def test_a_passing_mention_is_dated_by_its_own_clause():
    text = ("Manila and Seoul agreed in Manila to expand training in 2023, Manila officials said.\n"
            "Manila hopes Manila's shipyards will benefit, and Manila will host the next round.\n"
            "A Reciprocal Access Agreement with France followed in 2024, Manila officials said.")
    ms = {m.parties[0]: m.date for m in _agreements(text)}
    assert ms["FRA"] == "2024"

def test_a_year_that_qualifies_a_day_does_not_replace_it():
    text = ("On 12 March this year, the defence ministers of Chile and Peru met in Lima and signed a "
            "memorandum of understanding on training.")
    ms = _agreements(text, "2024-07-10")
    assert [(m.date, m.location) for m in ms] == [("2024-03-12", "Lima")]


def test_members_of_a_list_take_the_date_and_place_of_the_set_signed():
    text = ("Chile and Peru exchanged five memoranda of understanding in Lima on Tuesday, the defence ministry said.\n\n"
            "The documents exchanged:\n\n"
            "1. MoU between Chile and Peru on fisheries research\n\n"
            "2. MoU on cooperation in the field of disaster relief\n")
    ms = [m for m in _agreements(text, "2024-07-10") if m.agreement_type == "mou"]
    assert len(ms) >= 2
    assert {(m.date, m.location) for m in ms} == {("2024-07-09", "Lima")}


def test_a_set_told_in_the_passive_with_a_long_aside_dates_its_members():
    text = ("Five memoranda of understanding, including the first formal framework for defence cooperation between "
            "the two neighbours, were exchanged by Chile and Peru in Lima on Tuesday.\n\n"
            "The documents exchanged:\n\n"
            "1. MoU between Chile and Peru on fisheries research\n\n"
            "2. MoU on cooperation in the field of disaster relief\n")
    ms = [m for m in _agreements(text, "2024-07-10") if m.agreement_type == "mou"]
    assert len(ms) >= 2
    assert {(m.date, m.location) for m in ms} == {("2024-07-09", "Lima")}


def test_members_named_after_a_set_take_the_visit_it_refers_to():
    text = ("Chile and Peru signed a strategic partnership in Lima on 3 March 2024, during the state visit of "
            "the Chilean president.\n\n"
            "The two sides first set up a consultation mechanism in Santiago in 2015.\n\n"
            "Three further documents were signed during the visit. A memorandum of understanding between Chile "
            "and Peru on mining is meant to help exploration.")
    mou = next(m for m in _agreements(text) if m.agreement_type == "mou")
    assert (mou.date, mou.location) == ("2024-03-03", "Lima")


def test_an_undated_pending_list_item_takes_no_date():
    text = ("Chile and Peru exchanged five memoranda of understanding in Lima on Tuesday.\n\n"
            "Still under negotiation:\n\n"
            "1. An agreement between Chile and Peru on fisheries, which is expected to be negotiated further\n")
    ms = [m for m in _agreements(text, "2024-07-10") if m.agreement_type == "agreement"]
    assert all(m.date is None for m in ms if m.status == "under_negotiation")


def test_a_section_heading_s_month_is_made_precise_by_the_signing_below_it():
    text = ("Pacts in the Andes\n\n"
            "2. Chile-Peru: Defence Cooperation Agreement - SIGNED, May 2023\n"
            "The two defence ministers signed the pact in Lima on 22 May 2023, opening ports to both navies.\n\n"
            "3. Chile-Peru: Fisheries Agreement - SIGNED, June 2023\n"
            "It covers the coastal zone.\n")
    ms = sorted(_agreements(text), key=lambda m: m.date or "")
    dated = {m.date: m.location for m in ms}
    assert dated.get("2023-05-22") == "Lima"
    assert "2023-06" in dated  # the next section tells no signing: its month stays


def test_putting_signatures_to_an_agreement_is_signing_it():
    text = ("The defence ministers of Chile and Peru on Monday put their signatures to an "
            "intergovernmental agreement on training.")
    ms = _agreements(text, "2024-07-10")
    assert [m.date for m in ms] == ["2024-07-08"]


def test_the_same_day_without_a_signing_before_takes_the_day_told_just_before():
    text = ("At a ceremony here on Monday, Chile's defence ministry handed a letter of acceptance to a Peruvian "
            "shipyard. A memorandum of understanding between Chile and Peru was inked the same day.")
    from pipeline.extract import extract_mentions

    # "here": where the story was filed (the dateline)
    mou = next(m for m in extract_mentions(text, "d1", "2024-07-10", "Lima") if m.kind == "agreement")
    assert (mou.date, mou.location) == ("2024-07-08", "Lima")


def test_an_undated_signing_right_after_the_lede_is_the_lede_s_event():
    text = ("The presidents of Chile and Peru announced a joint plan for coastal patrols at the Naval Academy "
            "in Valparaiso on 4 June.\n\n"
            "The two leaders issued a joint statement on maritime security after the talks.")
    ms = [m for m in _agreements(text) if m.agreement_type == "joint_statement"]
    assert (ms[0].date, ms[0].location) == ("2024-06-04", "Valparaiso")


def test_an_undated_signing_far_from_the_lede_keeps_no_date():
    text = ("The presidents of Chile and Peru announced a joint plan for coastal patrols in Valparaiso on 4 June.\n\n"
            "The plan covers three ports. It needs money. Its cost is unknown. Critics doubt it.\n\n"
            "Long before, the two countries had issued a joint statement on maritime security.")
    ms = [m for m in _agreements(text) if m.agreement_type == "joint_statement"]
    assert ms and ms[0].date is None


def test_a_visit_that_produced_a_declaration_dates_it():
    text = ("Tuesday's visit also produced a joint declaration between Chile and Peru on critical minerals.")
    from pipeline.extract import extract_mentions

    ms = [m for m in extract_mentions(text, "d1", "2024-07-10", "Lima") if m.kind == "agreement"]
    assert [(m.date, m.location) for m in ms] == [("2024-07-09", "Lima")]


def test_a_list_under_a_later_heading_is_not_a_member_of_the_set():
    text = ("Chile and Peru exchanged five memoranda of understanding in Lima on Tuesday, the ministry said.\n\n"
            "Older arrangements\n\n"
            "1. MoU between Chile and Peru on fisheries research\n")
    ms = _agreements(text, "2024-07-10")
    assert [(m.evidence.sentence, m.date) for m in ms] == [("MoU between Chile and Peru on fisheries research", None)]


def test_a_tally_of_agreements_since_a_year_is_not_an_occasion():
    text = ("Chile and Peru have signed twelve agreements since 2010. A memorandum of understanding between "
            "Chile and Peru on fisheries is meant to help research.")
    mou = next(m for m in _agreements(text) if m.agreement_type == "mou")
    assert mou.date is None


def test_a_headline_about_a_contract_with_a_firm_is_no_state_agreement():
    text = ("Chile signs agreement with Brazilian firm Embraer\n\n"
            "Chile signed a maintenance agreement with Brazilian firm Embraer on 3 March 2025 for its "
            "transport fleet.\n")
    assert _agreements(text) == []


def test_a_name_written_after_a_is_published_in_full_but_a_headline_is_not():
    # issue 13: agreements.name was empty whenever the article wrote "a <Name> Agreement"
    [m] = _agreements("Chile and Peru signed a Coastal Patrol Support Arrangement in Lima on Monday, "
                      "the two navies said.")
    assert m.name == "Coastal Patrol Support Arrangement"
    assert [m.name for m in _agreements("Chile, Peru Sign A Coastal Patrol Support Arrangement In Lima")] in ([], [None])
    # a kind of document, not a name
    assert [m.name for m in _agreements("Chile and Peru signed a Defence Cooperation Agreement on Monday.")] == [None]


def test_an_acronym_defined_in_the_text_publishes_the_full_name():
    [m] = _agreements("Chile and Peru signed the Andean Skies Accord (ASA) on 3 May 2024. "
                      "Under the ASA, pilots will train together.")
    assert (m.name, m.date) == ("Andean Skies Accord", "2024-05-03")


def test_a_name_does_not_start_at_the_state_joined_to_it():
    named = find_names("Ottawa welcomed the accession of Chile to the Pacific Littoral Security Agreement (PLSA).")
    assert [(n.key, n.full) for n, _, _ in named] == [("PLSA", "Pacific Littoral Security Agreement")]


def test_an_mou_with_a_states_firm_is_no_state_agreement():
    # "<state>'s <firm>": the state only says whose the firm is (GUIDELINES: a deal with a company
    # is at most an optional agreement, never a state-to-state one)
    assert _agreements("Malaysia's navy signed a memorandum of understanding with South Korea's Hanwha on training.") == []
    [m] = _agreements("Malaysia signed a memorandum of understanding with South Korea's defence ministry on training.")
    assert m.parties == ["KOR", "MYS"]


def test_a_protocol_between_two_bodies_of_one_state_is_no_agreement():
    text = ("Chile and Peru held talks in Lima. Chile's defence ministry and its interior ministry signed a "
            "protocol on border security on Monday.")
    assert _agreements(text) == []
    # two states' ministries are
    [m] = _agreements("Chile's defence ministry and Peru's defence ministry signed a protocol on border security on Monday.")
    assert m.parties == ["CHL", "PER"]


def test_the_signing_told_in_the_next_sentence_gives_the_place_and_day():
    [m] = _agreements("Chile and Peru signed a memorandum of understanding on defence cooperation. "
                      "The signing took place in Lima on 5 July.")
    assert (m.parties, m.date, m.location) == (["CHL", "PER"], "2024-07-05", "Lima")


def test_agreeing_on_a_day_to_begin_talks_is_not_agreeing_on_a_text():
    [m] = _agreements("South Korea and Poland agreed on Friday to begin talks on an agreement on the joint "
                      "development of defence equipment.")
    assert (m.parties, m.status) == (["KOR", "POL"], "under_negotiation")
    [m] = _agreements("South Korea and Poland agreed on a defence cooperation agreement on Friday.")
    assert m.status == "signed"


def test_an_mou_signed_by_a_firm_named_by_its_states_adjective_is_no_state_agreement():
    assert _agreements("Hanwha and the Polish firm Huta Stalowa Wola signed a memorandum of understanding on "
                       "howitzer maintenance on the sidelines of the visit.") == []
    [m] = _agreements("South Korea and Poland signed a memorandum of understanding on defence cooperation.")
    assert m.parties == ["KOR", "POL"]


def test_an_mou_with_a_partner_named_like_a_company_is_no_state_agreement():
    assert _agreements("Peru signed a $30 million MoU with Poland's Stalowa Wola Steel Industries covering "
                       "howitzer maintenance.") == []
    [m] = _agreements("Peru signed a defence cooperation agreement with Poland's President Andrzej Nowak.")
    assert m.parties == ["PER", "POL"]


def test_a_list_of_states_after_from_is_not_a_town_placed_by_its_state():
    [m] = _agreements("Defence ministers from Poland, South Korea, Malaysia and Peru signed a letter of intent on "
                      "training in Lima on Monday.")
    assert m.parties == ["KOR", "MYS", "PER", "POL"]


def test_the_agents_of_a_passive_signing_are_its_parties():
    [m] = _agreements("The memorandum of understanding was signed by representatives of Poland, Malaysia and Peru.")
    assert m.parties == ["MYS", "PER", "POL"]


def test_a_bare_back_reference_with_nothing_to_refer_to_starts_no_agreement():
    # "the agreement" here is the purchase told before, not an arrangement between states
    for text in ("Chile will buy 12 F-16 jets from the United States, its president said on Sunday. "
                 "Washington has not yet confirmed the agreement, which would renew the Chilean air force.",
                 "Kenya bought six K9 howitzers from South Korea last year. Local media have put the agreement "
                 "at around $90 million."):
        assert _agreements(text) == [], text
    # the same back-reference after an arrangement told is that arrangement, and one told as more than a
    # reference stands
    [m] = _agreements("Thailand and Sweden signed a defence cooperation agreement in Bangkok on 3 May. "
                      "The first joint projects under the agreement will start next year.")
    assert (m.parties, m.date) == (["SWE", "THA"], "2024-05-03")
    [m] = _agreements("Chile and Peru signed the agreement on border patrols on Monday, officials said.")
    assert (m.parties, m.date) == (["CHL", "PER"], "2024-07-08")


def test_the_two_countries_are_the_pair_an_earlier_passage_of_the_sentence_told():
    ms = _agreements("Peru and South Korea signed a defence industry MoU in Seoul on 2 May. South Korea will help "
                     "Peru build K9 howitzers, and Korean firms will train Peruvian engineers. Peru has four such "
                     "pacts. That agreement with Chile came ten months after a logistics support arrangement between "
                     "the two countries was signed in June 2023.")
    # not the article's main pair (Peru and South Korea): the pair the sentence has just named
    assert sorted((m.parties, m.date) for m in ms) == [(["CHL", "PER"], "2023-06"), (["KOR", "PER"], "2024-05-02")]


def test_a_horizon_year_is_no_signing_date():
    ms = _agreements("Peru and Chile signed a memorandum of understanding on border patrols in Lima on Wednesday. "
                     "The two ministers also signed a joint vision statement on defence partnership towards 2030.")
    assert sorted((m.agreement_type, m.date) for m in ms) == [("joint_statement", "2024-07-10"), ("mou", "2024-07-10")]


def test_an_unnamed_party_is_the_articles_own_state_when_the_sentence_before_names_it_among_others():
    text = ("Peru signed a defence memorandum with Chile in Lima on Monday. Peru has signed several such documents. "
            "In 2023 Peru and Malaysia signed a letter of intent in Lima. The minister told the Malaysian "
            "delegation that Peru was ready to drive the letter forward.\n\nIn Paris, on 3 May 2021, the minister "
            "signed a defence cooperation agreement with France.")
    ms = _agreements(text)
    assert any(m.parties == ["FRA", "PER"] and m.date == "2021-05-03" for m in ms)
    assert not any(m.parties == ["FRA", "MYS"] for m in ms)


def test_a_treaty_named_after_its_partner_is_one_arrangement():
    ms = _agreements("Peru already has a defence treaty with Chile, the Pacific Shield Treaty, signed in 2010 by "
                     "Alan Garcia and Michelle Bachelet.")
    assert [(m.parties, m.date) for m in ms] == [(["CHL", "PER"], "2010")]


def test_a_named_arrangement_told_again_keeps_its_parties_and_such_names_no_other():
    ms = _agreements("Peru and Chile signed the Andes Defence Agreement in Lima on Monday.\n\n"
                     "Peru already has a treaty with Brazil, the Amazon Treaty, signed in 2012, but the Andes "
                     "Defence Agreement is the first such pact with Chile.")
    assert sorted((m.parties, m.date[:4] if m.date else None) for m in ms) == [
        (["BRA", "PER"], "2012"), (["CHL", "PER"], "2024")]


def test_a_joint_statement_that_only_carries_what_was_said_is_no_arrangement():
    ms = _agreements("Peru's defence ministry and Chile's navy said in a joint statement that the shipyard had been "
                     "chosen as preferred bidder for the frigates.")
    assert ms == []


def test_states_of_another_events_clause_are_not_the_parties_of_the_arrangement_told():
    ms = _agreements("Peru and Chile signed a defence treaty in Lima on Monday.\n\n"
                     "The treaty was signed a day after Peru hosted the most senior Korean leader in a decade, with "
                     "trade high on the agenda between the two countries' ministers.")
    assert [m.parties for m in ms] == [["CHL", "PER"]]


def test_parties_told_by_their_number_are_the_list_of_that_many_states():
    text = ("Four nations sign joint frigate agreement\n\n"
            "Four countries taking part in the frigate programme have signed a technical agreement in Lima.\n\n"
            "The participants are Peru, Chile, Ecuador and Colombia.\n\n"
            "Decisions were taken at the end of 2024, and the four governments signed a joint declaration of intent on "
            "5 June 2025 in Quito.\n\n"
            "Under the agreement, firms from all three countries of the Andes will be invited to bid.")
    ms = sorted((m.parties, m.agreement_type, m.date) for m in _agreements(text, "2025-11-15"))
    assert ms == [(["CHL", "COL", "ECU", "PER"], "agreement", None),
                  (["CHL", "COL", "ECU", "PER"], "letter_of_intent", "2025-06-05")]


def test_an_exchange_of_notes_is_an_agreement():
    ms = _agreements("Peru and Chile signed and exchanged notes in Lima on 3 November 2023 for a grant covering "
                     "coastal radars.")
    assert [(m.parties, m.agreement_type, m.date) for m in ms] == [(["CHL", "PER"], "agreement", "2023-11-03")]


# ---------------------------------------------------------------- one arrangement told several times

def test_the_same_kind_signed_again_on_the_same_subject_is_the_lede_retold():
    # issue 11: articles tell their lede twice; an MoU told signed again is not a second MoU
    ms = _agreements("At a press conference in Seoul, the minister said South Korea and the Philippines had signed a "
                     "memorandum of understanding on maritime security.\n\n"
                     "South Korea and the Philippines signed a memorandum of understanding on Tuesday covering maritime "
                     "security and coast guard training, the minister said.")
    assert [(m.parties, m.agreement_type, m.date) for m in ms] == [(["KOR", "PHL"], "mou", "2024-07-09")]


def test_a_signing_after_an_arrangement_only_planned_is_another():
    ms = _agreements("South Korea and the Philippines are expected to sign an agreement on the patrol boats "
                     "next year.\n\n"
                     "In March 2021 the two defence ministries signed an agreement in Manila on radars.")
    assert sorted((m.status, m.date) for m in ms) == [("proposed", "2025"), ("signed", "2021-03")]


def test_this_with_any_arrangement_noun_refers_to_the_arrangement_told():
    # "to enter into this treaty" continues the treaty told (a proposal told after its signing is its history)
    from pipeline.extract.agreements.mentions import _ANAPHOR
    from pipeline.extract.prefilter import fold
    for noun in ("treaty", "accord", "memorandum", "framework", "deal", "arrangement"):
        assert _ANAPHOR.search(fold(f"You accepted the proposal to enter into this {noun}.")), noun
    assert not _ANAPHOR.search(fold("You accepted a proposal to enter into talks."))


def test_a_key_point_bullet_telling_the_treaty_is_the_treaty_of_the_story():
    ms = _agreements("South Korea and the Philippines have signed a landmark defence treaty.\n\n"
                     "KEY POINTS:\n"
                     "* The two presidents signed the new treaty in Seoul on Monday\n"
                     "* It commits each side to defend the other\n\n"
                     "The treaty is the first of its kind for both.")
    assert [(m.date, m.location) for m in ms] == [("2024-07-08", "Seoul")]


def test_a_headline_announces_the_new_treaty_its_body_tells():
    # "a new" only separates an arrangement from one of the same parties told before it
    ms = _agreements("South Korea, Philippines sign defence treaty to deepen ties\n\n"
                     "By Staff | 10.07.2024\n\n"
                     "The presidents of South Korea and the Philippines on Monday signed a new strategic partnership "
                     "treaty in Seoul, seeking closer cooperation in defence and industry.")
    assert [(m.agreement_type, m.date, m.location) for m in ms] == [("strategic_partnership", "2024-07-08", "Seoul")]
    ms = _agreements("South Korea and the Philippines signed a defence agreement in Seoul on Monday. They also signed "
                     "a new agreement on trade.")
    assert len(ms) == 2


def test_an_acronym_and_its_full_name_are_one_arrangement_within_an_article():
    ms = _agreements("South Korea and the Philippines on Monday signed a Visiting Forces Agreement (VFA) in Manila.\n\n"
                     "The Visiting Forces Agreement signed with the Philippines sets out rules for joint training.\n\n"
                     "Officials said the VFA would take effect next year.")
    assert [(m.name, m.date, m.location) for m in ms] == [("Visiting Forces Agreement", "2024-07-08", "Manila")]
    # ... but two full names that only look alike are two arrangements
    from pipeline.extract.agreements.mentions import _one_name
    assert _one_name("VFA", "Visiting Forces Agreement") and _one_name("Visiting Forces Agreement", "VFA")
    assert not _one_name("Defence Cooperation Agreement", "Defence Industry Cooperation Agreement")


def test_a_between_phrase_ends_where_a_clause_about_it_begins():
    ms = _agreements("Much of this goes back to the 2022 security agreement between South Korea and the Philippines, "
                     "which unsettled both Malaysia and Poland.")
    assert [m.parties for m in ms] == [["KOR", "PHL"]]


def test_an_official_joining_his_counterparts_adds_his_own_state():
    # the paper does not name its own minister's state; his counterparts' are the other parties
    text = ("South Korea is weighing new submarines, the ministry in Seoul said. South Korea has asked for bids.\n\n"
            "In July, the then defence minister joined his Polish and Malaysian counterparts in signing a letter of "
            "intent on maritime security.")
    ms = _agreements(text)
    assert [(m.parties, m.agreement_type) for m in ms] == [(["KOR", "MYS", "POL"], "letter_of_intent")]


def test_agreements_signed_with_each_of_several_listed_partners_are_one_each():
    text = ("Poland signed a security agreement with Malaysia in Warsaw on Monday. Poland has been busy.\n\n"
            "In June, similar agreements were signed with South Korea and the Philippines.")
    ms = sorted((m.parties, m.date) for m in _agreements(text))
    assert (["KOR", "POL"], "2024-06") in ms and (["PHL", "POL"], "2024-06") in ms
    # a set told without its partners is no record of its own
    assert [m.parties for m in _agreements("Poland has signed 30 agreements so far. Poland is busy.")] == []
