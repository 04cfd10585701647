"""Every dateline question in one module (pipeline/corpus/dateline.py), on invented datelines."""
from pipeline.corpus.dateline import (DATELINE_AGENCY, DATELINE_DOMAIN, FILED_DAY, dateline_place, filed_city,
                                      opens_with_dateline, parse_dateline)


def test_a_paragraph_opening_with_a_dateline_or_an_agency():
    assert opens_with_dateline("REYKJAVIK: The coast guard took delivery of a patrol boat on Monday.")
    assert opens_with_dateline("(NORDIC DEFENCE WIRE) — Iceland signed a memorandum with Norway.")
    assert not opens_with_dateline("Iceland signed a memorandum with Norway on Monday.")


def test_the_date_of_a_dateline_at_the_precision_it_gives():
    assert parse_dateline("REYKJAVIK, March 3, 2031 — The coast guard ...") == ("2031-03-03", "day")
    assert parse_dateline("Tórshavn, Faroe Islands, 9 Feb 2030: A patrol boat ...") == ("2030-02-09", "day")
    assert parse_dateline("REYKJAVIK, March 3 — no year, no date") is None


def test_the_place_is_title_cased_and_no_event_or_domain_is_a_place():
    assert dateline_place("NUUK, June 4, 2031 — Greenland's ...") == "Nuuk"
    assert dateline_place("SANTA CRUZ / VALPARAISO — Two navies ...") == "Santa Cruz"
    assert dateline_place("PHASE III - The second batch ...") is None
    assert dateline_place("NORDICWIRE.COM - The ministry ...") is None


def test_the_extractor_finds_the_filing_city_in_the_first_long_lines():
    text = "Headline\n\nNUUK, June 4 -- Greenland's home rule government said on Thursday that it would buy drones.\n"
    assert filed_city(text) == "Nuuk"
    assert filed_city("NUUK, June 4 -- Short.\n") is None  # not a paragraph


def test_the_filing_day_without_a_year():
    m = FILED_DAY.match("NUUK, Sept. 14 -- The drones ...")
    assert (m.group("mon"), m.group("d"), m.group("y")) == ("Sept.", "14", None)
    assert FILED_DAY.match("NUUK, Sept. 14, 2031 (Reuters) ...").group("y") == "2031"


def test_the_agency_named_in_a_dateline():
    assert DATELINE_AGENCY.match("Nuuk (Arctic Press) - The drones ...").group("name") == "Arctic Press"
    assert DATELINE_DOMAIN.match("arcticpress.gl, NUUK - The drones ...").group("name") == "arcticpress.gl"
