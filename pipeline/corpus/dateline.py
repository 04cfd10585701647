"""Datelines: the place (and often the date or the agency) that opens a news story.

"MANILA, June 4, 2025 — ...", "KUALA LUMPUR: ...", "ANKARA, June 11 --", "Jakarta (ANTARA) - ...".
Every question the pipeline asks of a dateline is answered here, by the reader (is this paragraph
the start of the body, what date, what place, which agency) and by the extractor (where and on
which day the story was filed, for a document whose reader gave no place, and for relative dates).
The patterns differ because the questions do: a loose one to find where the body starts, strict
ones to take a value from it.
"""
from __future__ import annotations

import re

from pipeline.text.calendar import MONTH_IN_PROSE

from .dates import _DATE_ALT, _TIME, _TZ, _WEEKDAY, DateValue, date_of_match

# --------------------------------------------------------------- does a paragraph open with one?

# "KUALA LUMPUR: ...", "MANILA, June 4, 2025 — ...", "(DEFENCE SECURITY ASIA) — ..."
_OPENS = re.compile(
    r"^\s*(?:\([A-Z][A-Za-z .&'-]{2,40}\)\s*[—–-]|[A-Z][A-Z.'’/ -]{2,40}(?:,[^—–\n]{0,40})?\s*(?::|—|–|--)\s)"
)


def opens_with_dateline(s: str) -> bool:
    """The line starts with a dateline or an agency's opening (so it is body text, not a headline)."""
    return _OPENS.match(s) is not None


# --------------------------------------------------------------- its date

# "MANILA, June 4, 2025 —", "Jakarta, 8 Jan 2025:"
DATELINE_DATE = re.compile(
    # the place may be accented ("BOGOTÁ, March 3, 2021 -", "Malé, 4 January 2024:"): Latin-1 letters too
    # ... and its state may follow it ("Caracas, Venezuela, 13 January 2006 -", "LIMA, Peru, Dec. 18, 2025 --")
    rf"^\s*(?:[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ.'’/\- ]{{1,40}},\s*){{0,2}}(?:{_WEEKDAY})?(?P<date>{_DATE_ALT}){_TIME}?{_TZ}?"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|-|:)\s"
)


def parse_dateline(paragraph: str) -> DateValue | None:
    """The date of a dateline that opens a paragraph ("MANILA, June 4, 2025 — ..."), if any."""
    m = DATELINE_DATE.match(paragraph[:120])
    if not m:
        return None
    return date_of_match(m, labelled=False)


# A month and day without a year ("WASHINGTON, July 16 --"): the day the story was filed, which the
# extractor resolves against the publication date (extract/dates.py filing_date).
FILED_DAY = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{2,30}},\s+(?P<mon>{MONTH_IN_PROSE})\s+(?P<d>\d{{1,2}})(?:,\s+(?P<y>(?:19[5-9]\d|20\d\d)))?"
    r"\s*(?:--|—|–|\(|:)")


# --------------------------------------------------------------- its place

# "MANILA, June 4, 2025 —", "KUALA LUMPUR: ...", "SAN DIEGO / CANBERRA —", "MAGELANG, Central Java —",
# "CEBU CITY - ": an all-caps place opening the first body paragraph (the first of several).
_CAPS_PLACE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]+){0,3})\s*(?:/[^,—–:\n]{1,40})?"
    r"(?:,[^—–:\n]{0,40})?\s*(?::|—|–|--|-)\s"
)
# an ordinal in Roman numerals ("WORLD WAR II:", "PHASE III -") names an event or a stage, not a place
ROMAN_ORDINAL = re.compile(r"\b(?:I{2,3}|IV|VI{1,3}|IX|XI{0,3})\b")
_DOMAIN = re.compile(r"\.(?:COM|NET|ORG|CO|INFO|NEWS)\b")


def _title_case(place: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in place.split())


def dateline_place(paragraph: str) -> str | None:
    """The all-caps place opening the body's first paragraph, title-cased ("Kuala Lumpur")."""
    m = _CAPS_PLACE.match(paragraph)
    if m and not _DOMAIN.search(m.group("place")) and not ROMAN_ORDINAL.search(m.group("place")):
        return _title_case(m.group("place"))
    return None


# The extractor's own look, on a document whose reader found no place: any of the first twelve
# lines, if long enough to be a paragraph ("ANKARA, June 11 --").
_FILED_CITY = re.compile(r"^\s*([A-Z][A-Z .'-]{2,30}?)\s*(?:,|:|—|–|--|\()")


def filed_city(text: str) -> str | None:
    """The all-caps city that opens a news story ("ANKARA, June 11 --")."""
    for line in text.splitlines()[:12]:
        m = _FILED_CITY.match(line)
        # "WORLD WAR II:" is no place
        if m and len(line) > 60 and not ROMAN_ORDINAL.search(m.group(1)):
            return m.group(1).strip().title()
    return None


# --------------------------------------------------------------- its agency

# the name of an agency or outlet, in brackets or as a domain
AGENCY_NAME = r"[A-Za-z][A-Za-z0-9&.'’\- ]{1,40}?"
# "Jakarta (ANTARA) - ...", "NEW DELHI, Oct 3 (Reuters) --"
DATELINE_AGENCY = re.compile(
    rf"^\s*[A-Z][A-Za-z.'’/\- ]{{1,40}}(?:,[^()\n]{{0,40}})?\s*\((?P<name>{AGENCY_NAME})\)\s*(?:—|–|--|-|:)\s"
)
# "defencesecurityasia.com, KUALA LUMPUR -"
DATELINE_DOMAIN = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z]{2,}){1,2})\s*,\s*[A-Z][^—–\n]{0,40}?\s(?:—|–|--|-|:)\s"
)
