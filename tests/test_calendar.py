"""The calendar words both date grammars build on (pipeline/text/calendar.py)."""
import re

from pipeline.text import calendar as cal


def _full(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text) is not None


def test_month_numbers_cover_names_and_abbreviations():
    assert cal.MONTH_NUMBER["september"] == cal.MONTH_NUMBER["sept"] == cal.MONTH_NUMBER["sep"] == 9
    assert cal.MONTH_NUMBER["may"] == 5 and "ma" not in cal.MONTH_NUMBER
    assert cal.FULL_MONTH_NUMBER == {m.lower(): i for i, m in enumerate(cal.MONTH_NAMES, 1)} and len(cal.FULL_MONTH_NUMBER) == 12
    assert cal.WEEKDAY_NUMBER["monday"] == 0 and cal.WEEKDAY_NUMBER["sunday"] == 6


def test_prose_months_are_capitalised_with_an_optional_dot_after_an_abbreviation():
    for text in ("October", "Oct", "Oct.", "Sept.", "Sep", "May"):
        assert _full(cal.MONTH_IN_PROSE, text), text
    for text in ("october", "OCT", "May.", "Octo"):
        assert not _full(cal.MONTH_IN_PROSE, text), text


def test_field_months_and_weekdays_are_read_in_any_case():
    for text in ("SEPT.", "june", "Jun", "DECEMBER", "feb."):
        assert _full(cal.MONTH_ANY_CASE, text), text
    for text in ("THURS., ", "Tue ", "wednesday, "):
        assert _full(cal.WEEKDAY_ANY_CASE, text), text
    assert not _full(cal.MONTH_ANY_CASE, "junee")


def test_the_longest_spelling_is_preferred():
    # as a nested optional group would: "September" whole, not "Sep" then "tember"
    assert re.match(cal.MONTH_ANY_CASE, "September 3").group() == "September"
    assert re.match(cal.MONTH_IN_PROSE, "Sept. 3").group() == "Sept."
    assert re.match(cal.WEEKDAY_ANY_CASE, "Thursday, 4").group() == "Thursday, "


def test_every_spelling_starts_with_its_month_prefix():
    prefixes = set(cal.MONTH_PREFIXES.split("|"))
    assert all(form.capitalize()[:3] in prefixes for form in cal.MONTH_NUMBER)
