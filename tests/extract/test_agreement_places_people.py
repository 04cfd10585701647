"""Where a story was filed locates an on-the-spot signing; signatory names are clean."""
from pipeline.extract import extract_mentions

TEXT = (
    "Canada and Norway signed a memorandum of understanding on Arctic defence cooperation on Monday. "
    "The agreement covers joint training and maritime security."
)


def _mou(dateline):
    found = [m for m in extract_mentions(TEXT, "d1", "2024-03-05", dateline) if m.kind == "agreement"]
    assert len(found) == 1 and found[0].parties == ["CAN", "NOR"]
    return found[0]


def test_signing_reported_on_the_spot_takes_the_dateline():
    mou = _mou("Ottawa")
    assert mou.date == "2024-03-04" and mou.location == "Ottawa"


def test_without_a_dateline_the_location_stays_empty():
    assert _mou(None).location is None


def test_signatory_names_lose_trailing_particles_and_agreement_words():
    from pipeline.extract.people import find_people

    text = ("Prime Minister Jacinda Ardern al and President Emmanuel Macron signed the Information Agreement, "
            "said Minister Ahmad bin Hassan.")
    assert find_people(text) == ["Jacinda Ardern", "Emmanuel Macron", "Ahmad bin Hassan"]


def test_a_known_venue_gives_its_city():
    from pipeline.extract.agreements.places import signing_place

    assert signing_place("The two ministers signed the accord at Hyderabad House on Friday.") == "New Delhi"
    assert signing_place("It was signed at Camp Crame in Quezon City.") == "Quezon City"
    assert signing_place("They met at the Kremlin.") == "Moscow"
    # an unknown venue named after its town still gives the town; an unknown building gives nothing
    assert signing_place("The pact was signed at Tanglin Palace.") == "Tanglin"
    assert signing_place("The pact was signed at Parliament House.") is None


def test_acronyms_designations_and_titled_people_are_not_towns():
    from pipeline.extract.agreements.places import signing_place
    assert signing_place("The chiefs signed the memorandum at NAVCOM headquarters in Tarlac on Friday.") == "Tarlac"
    assert signing_place("They met in UN peacekeeping talks and signed the pact.") is None
    assert signing_place("The six states taking part in the K21 Mk2 programme signed an agreement.") is None
    assert signing_place("Hours after a row in the Oval Office, Chancellor Jane Doe signed the loan deal.") is None


def test_names_in_any_script_and_suffixes():
    from pipeline.extract.people import find_people
    assert find_people("Foreign Minister Darko Petrović and Minister Ayşe Doğan signed; Ambassador Ian McTavish "
                       "and Secretary Jose Ramos Jr. looked on during President Kim Do-hyun's visit.") == [
        "Darko Petrović", "Ayşe Doğan", "Ian McTavish", "Jose Ramos Jr.", "Kim Do-hyun"]


def test_undated_story_locates_its_own_days_events_at_the_dateline():
    from pipeline.extract.agreements.mentions import extract_agreements
    from pipeline.extract.document import analyse
    text = ("SEOUL (AFP) - South Korea and Malaysia on Saturday signed a pact on shipbuilding cooperation, the "
            "ministry said in a statement released to reporters.")
    ms = extract_agreements(analyse(text, "d.txt", None))
    assert [m.location for m in ms] == ["Seoul"]

def test_a_place_must_look_like_a_city():
    from pipeline.extract.agreements.places import looks_like_city, signing_place

    # a war, an operation, a show or a company is never where a pact was signed
    assert signing_place("The two navies first cooperated in World War Two, and signed a pact.") is None
    assert signing_place("They fought together in the Korean War and later signed an accord.") is None
    assert signing_place("The memorandum was signed at the Farnborough Air Show.") is None
    assert signing_place("The deal was inked in Operation Lionheart.") is None
    assert not looks_like_city("Pacific Ocean") and not looks_like_city("Helsinki Accord")
    assert looks_like_city("Brisbane") and looks_like_city("Manila")


def test_an_event_or_an_office_followed_by_its_city_gives_the_city():
    from pipeline.extract.agreements.places import signing_place

    assert signing_place("They signed it at the Halifax Security Forum in Halifax on Sunday.") == "Halifax"
    assert signing_place("It was signed at the Ministry of Defence in Kuala Lumpur.") == "Kuala Lumpur"


def test_a_visit_of_someone_to_a_capital_gives_the_capital():
    from pipeline.extract.agreements.places import signing_place

    assert signing_place("during the visit of the Polish president to Seoul, the two signed") == "Seoul"


def test_a_capital_whose_first_word_looks_like_a_venue_is_kept():
    from pipeline.extract.agreements.places import signing_place

    # "Port ..." otherwise opens a venue name ("Port Authority"); a capital is a city whatever its words
    assert signing_place("The pact was signed in Port Moresby on Friday.") == "Port Moresby"
    assert signing_place("The pact was signed at Port Dickson on Friday.") == "Port Dickson"
    assert signing_place("The pact was signed at the Port Authority.") is None


def test_a_city_owning_a_venue_is_the_place_but_a_figure_of_speech_is_not():
    from pipeline.extract.agreements.places import signing_place

    assert signing_place("The pact was signed at Seoul's defence ministry on Friday.") == "Seoul"
    assert signing_place("The pact was signed at Warsaw's Belweder Palace.") == "Warsaw"
    assert signing_place("The base sits in Manila's backyard, the admiral said after signing.") is None
