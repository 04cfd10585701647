"""Property-based tests of the extraction library: arbitrary text never raises, and
whatever comes out validates against the published schemas."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.consolidate import consolidate
from pipeline.extract import EXTRACTOR_VERSION, extract_mentions, mention_id
import re

from pipeline.extract.countries import find_countries
from pipeline.extract.dates import find_dates
from pipeline.extract.money import find_money
from pipeline.extract.quantities import quantity_in
from schemas.codes import country_codes, currency_codes
from schemas.vocab import PARTIAL_DATE_PATTERN
from pipeline.rows import mention_row
from pipeline.tables import agreements_frame, mentions_frame, procurements_frame
from schemas import AgreementsSchema, MentionsSchema, ProcurementsSchema

# Fragments that reach the recognisers, mixed with arbitrary Unicode, so examples are
# not all rejected by the cheap candidate filter.
FRAGMENTS = [
    "South Korea", "Malaysia", "the Philippines", "Türkiye", "Poland's", "Seoul", "Kuala Lumpur", "Korean",
    "signed", "will sign", "a memorandum of understanding", "MoU", "agreement", "strategic partnership",
    "ordered", "delivered", "cancelled", "denied", "talks on", "contract", "for", "from", "to", "with",
    "18", "twelve", "a dozen", "two batches of six", "1,000", "$920 million", "USD 920 million", "MYR 4.4 billion",
    "₩975.3 billion", "975.3 billion won", "PHP40 billion", "Rs 2,770 crore", "€3bn",
    "on Monday", "last week", "this October", "next year", "by 2030", "27 October 2025", "2023", "in 1993",
    "FA-50", "K9A1", "F-16 Block 70", "Gripen E/F", "Rafale M", "KF-21", "howitzers", "frigates", "X-class",
    "Korea Aerospace Industries (KAI)", "Hanwha Aerospace", "Royal Malaysian Air Force", "DAPA",
    ".", ",", "\n", " ", "(", ")", "\u200d", "\u202e", "—", "“", "”",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(" ".join)
published = st.one_of(st.none(), st.sampled_from(["2025", "2025-10", "2025-11-02", "2024-02-29"]))

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(text=texts, pub=published)
def test_extraction_never_raises_and_validates(text, pub):
    mentions = extract_mentions(text, "0123456789abcdef", pub)
    rows = [mention_row(m, mention_id(m), lambda s, e: (s, e), EXTRACTOR_VERSION) for m in mentions]
    for m in mentions:
        assert text[m.evidence.char_start:m.evidence.char_end] == m.evidence.sentence
    MentionsSchema.validate(mentions_frame(rows))
    agreements, procurements = consolidate(mentions, {"0123456789abcdef": pub})
    AgreementsSchema.validate(agreements_frame(agreements, EXTRACTOR_VERSION))
    ProcurementsSchema.validate(procurements_frame(procurements, EXTRACTOR_VERSION))


@PROPERTY_SETTINGS
@given(text=texts, pub=published)
def test_extraction_is_deterministic(text, pub):
    first = extract_mentions(text, "0123456789abcdef", pub)
    second = extract_mentions(text, "0123456789abcdef", pub)
    assert [mention_id(m) for m in first] == [mention_id(m) for m in second]
    assert first == second


def test_mentions_frame_of_nothing_is_valid():
    MentionsSchema.validate(mentions_frame([]))
    assert isinstance(mentions_frame([]), pd.DataFrame)


@PROPERTY_SETTINGS
@given(text=texts, pub=published)
def test_parsers_never_raise_and_return_valid_codes(text, pub):
    for hit in find_money(text):
        assert hit.value.value >= 0 and hit.value.currency in currency_codes()
        assert all(a.currency in currency_codes() for a in hit.alternatives)
    for hit in find_dates(text, pub):
        assert re.match(PARTIAL_DATE_PATTERN, hit.iso), hit
    for hit in find_countries(text):
        assert hit.alpha3 in country_codes()
        assert text[hit.start:hit.end] == hit.surface
    q = quantity_in(text)
    assert q is None or q > 0


@PROPERTY_SETTINGS
@given(day=st.dates(min_value=__import__("datetime").date(1950, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)))
def test_date_parsing_is_idempotent_on_iso_output(day):
    """An ISO date the parser emits parses back to itself."""
    for text in (day.isoformat(), day.strftime("%d %B %Y"), day.strftime("%B %d, %Y")):
        hits = find_dates(f"It was signed on {text}.", None)
        assert [h.iso for h in hits] == [day.isoformat()], text
        again = find_dates(f"It was signed on {hits[0].iso}.", None)
        assert [h.iso for h in again] == [day.isoformat()]
