"""The calendar's words as English news text writes them, and the regex fragments built from them.

One table serves the two date grammars, which answer different questions: corpus/dates.py reads a
field that is a date (a header line, a dateline, a manifest cell), extract/dates.py finds dates in
running prose and resolves relative ones. Before, each wrote the month names itself, and five
other patterns did too.

Each fragment lists a word's longer forms first ("September", "Sept", "Sep"), so an alternation
prefers the same match a nested optional group would ("Sep(?:t(?:ember)?)?").
"""
from __future__ import annotations

# (full name, abbreviations) in calendar order; "Sept" is AP style, "Sep" Reuters'
_MONTHS = (
    ("January", ("Jan",)), ("February", ("Feb",)), ("March", ("Mar",)), ("April", ("Apr",)), ("May", ()),
    ("June", ("Jun",)), ("July", ("Jul",)), ("August", ("Aug",)), ("September", ("Sept", "Sep")),
    ("October", ("Oct",)), ("November", ("Nov",)), ("December", ("Dec",)),
)
# Monday first (datetime.date.weekday())
_WEEKDAYS = (
    ("Monday", ("Mon",)), ("Tuesday", ("Tues", "Tue")), ("Wednesday", ("Wed",)), ("Thursday", ("Thurs", "Thur", "Thu")),
    ("Friday", ("Fri",)), ("Saturday", ("Sat",)), ("Sunday", ("Sun",)),
)

MONTH_NAMES = tuple(name for name, _ in _MONTHS)
WEEKDAY_NAMES = tuple(name for name, _ in _WEEKDAYS)

# lower-case name or abbreviation -> 1..12; weekday name -> 0..6
MONTH_NUMBER = {form.lower(): i for i, (name, abbrs) in enumerate(_MONTHS, 1) for form in (name, *abbrs)}
FULL_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}

# "January|February|...": the full names as written in prose (capitalised)
FULL_MONTHS = "|".join(MONTH_NAMES)
WEEKDAYS = "|".join(WEEKDAY_NAMES)
# "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec": the abbreviations alone, without a dot
MONTH_ABBREVIATIONS = "|".join(a for _, abbrs in _MONTHS for a in abbrs)
# "Jan|Feb|...|Dec": the three letters every spelling of a month starts with
MONTH_PREFIXES = "|".join(name[:3] for name in MONTH_NAMES)
# a month in prose: a full name, or an abbreviation with or without its dot ("Oct. 27", "Sept 3")
MONTH_IN_PROSE = "(?:" + "|".join([*MONTH_NAMES, *(rf"{a}\.?" for _, abbrs in _MONTHS for a in abbrs)]) + ")"


def _any_case(table) -> str:
    return "(?i:" + "|".join(form.lower() for name, abbrs in table for form in (name, *abbrs)) + r")\.?"


# a month in a date field, in any case, abbreviated or not, with or without a dot ("SEP", "Sept.", "june")
MONTH_ANY_CASE = _any_case(_MONTHS)
# a weekday before a date in a field ("Tue, ", "Thursday ", "THURS. ")
WEEKDAY_ANY_CASE = _any_case(_WEEKDAYS) + r",?\s+"
