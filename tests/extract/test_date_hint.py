"""The cheap date hint never hides a date that the date patterns would find."""
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.dates import _PATTERNS, DATE_HINT, _matches, find_dates

FRAGMENTS = ["on", "Monday", "TODAY", "yesterday", "Last", "this", "next", "week", "month", "year", "October",
             "Oct.", "Sept", "27", "2025", "2025-10-27", "28.07.2022", "in", "since", "early", "mid-", "the", ",", "."]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_hint_is_a_superset_of_the_patterns(text):
    if any(next(_matches(kind, text), None) for kind, _ in _PATTERNS):
        assert DATE_HINT.search(text), text


def test_sentences_without_a_hint_have_no_dates():
    assert find_dates("Analysts said the security environment has changed.", "2025-01-01") == []
    assert [h.iso for h in find_dates("It was signed LAST WEEK.", "2025-03-12")]
