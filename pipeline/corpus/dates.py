"""Recognise publication-date strings and turn them into ISO 8601 at the precision they support.

Regexes find the candidate and tell which parts (day, month, year) it has; ``dateutil.parser``
then interprets the candidate (month names, abbreviations) with the right day/month order.
Nothing here ever guesses a missing part: "Aug. 27" (no year) is not a date for us.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as _dateparser

from pipeline.text.calendar import MONTH_ANY_CASE, WEEKDAY_ANY_CASE

# (iso, precision) with precision "day" | "month" | "year"
DateValue = tuple[str, str]

MIN_YEAR, MAX_YEAR = 1900, 2100
_DEFAULT = datetime(2000, 1, 1)

_MONTH = MONTH_ANY_CASE
_WEEKDAY = WEEKDAY_ANY_CASE
_ORD = r"(?:st|nd|rd|th)?"

# Each form: (name, regex of the date itself). Order matters: longer forms first.
_DATE_FORMS = [
    # year first with "-", "/" or "." (2025-03-05, 2025/03/05, 2025.03.05): year, month, day in every locale
    ("iso_day", r"(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"),
    ("num_day", r"(?P<na>\d{1,2})(?P<nsep>[./-])(?P<nb>\d{1,2})(?P=nsep)(?P<ny>\d{4})"),
    ("mdy", rf"{_MONTH}\s*(?P<md>\d{{1,2}}){_ORD},?\s+(?P<my>\d{{4}})"),
    ("dmy", rf"(?P<dd>\d{{1,2}}){_ORD}(?:\s+(?:of\s+)?{_MONTH},?\s+|-{_MONTH}-)(?P<dy>\d{{4}})"),  # or 04-May-2021
    ("month", rf"{_MONTH},?\s+(?P<oy>\d{{4}})"),
    ("iso_month", r"(?P<jy>\d{4})-(?P<jm>\d{2})(?![\d-])"),
    ("year", r"(?P<yy>(?:19|20)\d{2})"),
]
_DATE_ALT = "|".join(f"(?P<{name}>{rx})" for name, rx in _DATE_FORMS)

_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)"
_TZ = r"(?:\s*\(?(?:[A-Z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)"
LABEL_RX = (
    r"(?i:(?P<label>first\s+published|last\s+updated|last\s+modified|date\s+of\s+publication|publication\s+date|published"
    r"|posted|updated|dated|date|issued|released)"
    r"(?:\s+on)?\s*[:\-–—]?\s*)"
)
_PLACE = r"(?:[A-Z][A-Za-z.'’\- ]{1,30},\s*)"

# A "date field": the whole field is one date, optionally labelled, optionally after a place
# name ("Paris, 9 January 2024") or weekday, optionally followed by a time and time zone.
DATE_FIELD = re.compile(
    rf"^\s*{LABEL_RX}?{_PLACE}?(?:{_WEEKDAY})?(?P<date>{_DATE_ALT}){_TIME}?{_TZ}?\s*$"
)
# "date 2025-09-22" metadata prefix that some scrapers put at the very start of a file.
DATE_PREFIX = re.compile(r"^\s*date:?[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)


def _valid(y: int, m: int = 1, d: int = 1) -> bool:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return False
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)  # dateutil is slow, and a corpus repeats its dates
def _parse(text: str, dayfirst: bool) -> datetime | None:
    try:
        return _dateparser.parse(text, dayfirst=dayfirst, default=_DEFAULT, fuzzy=False)
    except (ValueError, OverflowError):
        return None


def date_of_match(m: re.Match, *, labelled: bool) -> DateValue | None:
    """Turn a match of a pattern built on _DATE_ALT (DATE_FIELD, dateline.DATELINE_DATE) into (iso, precision), or None."""
    g = m.groupdict()
    text = m.group("date")
    if g.get("iso_day"):
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        return (f"{y:04d}-{mo:02d}-{d:02d}", "day") if _valid(y, mo, d) else None
    if g.get("iso_month"):
        y, mo = int(g["jy"]), int(g["jm"])
        return (f"{y:04d}-{mo:02d}", "month") if _valid(y, mo) else None
    if g.get("year"):
        if not labelled:  # a bare year is only a date when a label says so ("Published: 2025")
            return None
        y = int(g["yy"])
        return (f"{y:04d}", "year") if _valid(y) else None
    if g.get("num_day"):
        a, b = int(g["na"]), int(g["nb"])
        # European / Asian order by default (28.07.2022, 20/04/2024); month-first only when the
        # second number cannot be a month (04/20/2024, 06.16.2025), whatever the separator.
        dayfirst = not (b > 12 >= a)
        precision = "day"
    elif g.get("month"):
        precision = "month"
        dayfirst = False
    else:  # mdy / dmy with month names: dateutil handles the names and abbreviations
        precision = "day"
        dayfirst = bool(g.get("dmy"))
    dt = _parse(text.replace("Sept.", "Sep").replace("of ", ""), dayfirst)
    if dt is None or not _valid(dt.year, dt.month, dt.day):
        return None
    if precision == "month":
        return f"{dt.year:04d}-{dt.month:02d}", "month"
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}", "day"


def parse_date_field(field: str) -> tuple[DateValue, str | None] | None:
    """Parse a field that is entirely a (labelled) date: ((iso, precision), label or None).

    >>> parse_date_field("Published 08 Dec 2023, 4:12 PM AEDT")
    (('2023-12-08', 'day'), 'published')
    """
    if len(field) > 80:
        return None
    m = DATE_FIELD.match(field)
    if not m:
        return None
    label = m.group("label")
    label = re.sub(r"\s+", " ", label.lower()) if label else None
    value = date_of_match(m, labelled=label is not None)
    return (value, label) if value else None


# ----------------------------------------------------------------------------- loose header dates

# The forms that name a month (a bare year is a date only when a label says so, see below).
_MONTH_FORMS = "|".join(f"(?P<{name}>{rx})" for name, rx in _DATE_FORMS if name != "year")
_DATE_IN_FIELD = re.compile(rf"(?<![\w/.:-])(?:{_WEEKDAY})?(?P<date>{_MONTH_FORMS})(?![\w/:-]|[.,]\d)")
_LABEL_AT_END = re.compile(rf"{LABEL_RX}$")
_LEADING_TIME = re.compile(rf"^{_TIME}?{_TZ}?")
_PARENTHESES = re.compile(r"\([^()]*\)")
_BYLINE_TAIL = re.compile(r"^(?:by|par|por|von)\s", re.I)
_SOURCE_WORD = re.compile(r"^[(\[]?[A-Z][\w.&'’-]*[)\]]?[,:]?$")
# "by Jane Doe on", "By Staff Reporter -": a byline before the date
_BYLINE_HEAD = re.compile(r"^\s*(?:by|By|BY)\s+((?:[A-Z][\w.'’-]*,?\s+){1,4})(?:on\s+|[-–—|,]\s*)?$")


def parse_loose_date(field: str) -> tuple[DateValue, str | None] | None:
    """A header field that holds a date among a few words of metadata, which parse_date_field
    (the whole field one date) refuses: "AFP 04 May 2021", "(issued Oct 16, 2020)",
    "January 19, 2024 (Updated 09:40 JST)", "Posted On: 23 SEP 2025 7:40PM by PIB Delhi",
    "24/09/2025 à 10h05".  Before the date: a label, or at most four capitalised words (an
    agency, a place, a desk); after it: a time and time zone, then nothing, a bracketed note, a
    byline ("by ..."), or two words at most.  So a headline or sentence that merely contains a
    date ("On 17 May 2025, Oslo and Rome signed ...") is not one.  A byline may stand before the date
    ("by Jane Doe on May 4, 2021").  ((iso, precision), label)."""
    if len(field) > 120:
        return None
    for m in _DATE_IN_FIELD.finditer(field):
        pre, tail = field[:m.start()], field[m.end():]
        label = None
        lm = _LABEL_AT_END.search(pre)
        if lm:
            label = re.sub(r"\s+", " ", lm.group("label").lower())
            pre = pre[:lm.start()]
        byline = _BYLINE_HEAD.match(pre)
        words = [] if byline else pre.split()
        if len(words) > 4 or not all(_SOURCE_WORD.match(w) or w in "([|-–—" for w in words):
            continue
        tail = tail[_LEADING_TIME.match(tail).end():]
        tail = _PARENTHESES.sub(" ", tail).strip(" \t)]|,;-–—")
        if tail and len(tail.split()) > 2 and not _BYLINE_TAIL.match(tail):
            continue
        value = date_of_match(m, labelled=label is not None)
        if value:
            return value, label
    return None


_ISO_FULL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$")


def parse_iso_date(value: str) -> DateValue | None:
    """Parse an ISO 8601 date as written in a manifest: "2025-09-22", "2025-09" or "2025"
    (a trailing time is accepted and dropped). None when it is not a valid ISO date."""
    m = _ISO_FULL.match(value.strip())
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return (f"{y}-{mo}-{d}", "day") if _valid(int(y), int(mo), int(d)) else None
    if mo:
        return (f"{y}-{mo}", "month") if _valid(int(y), int(mo)) else None
    return (y, "year") if _valid(int(y)) else None
