"""Recognise dates in news text and resolve relative ones against the publication date.

Absolute: "27 October 2025", "October 27, 2025", "Oct. 27", "2025-10-27", "28.07.2022",
"11/06/2024" (day first), "in October 2025", "in 2023", "mid-2027", fiscal "2025-26" (the
year it starts).  A year closing a name ("Vision 2030", "IDEX 2025") is no date.
Relative (need the publication date, else nothing): weekdays ("on Monday" = the latest
such day on or before publication, the publication day itself included), "today", "this
morning", "last week" (month precision), "last/this/next month|year", "last October",
"this October", "March last year", bare "In March", "seven years ago"; a day with no year
("on Nov. 6") is the occurrence nearest publication.  Anaphoric: "that year", "the
following year", "December that year" count from the last year told before (in the
sentence, else `anchor`); a bare month or day after a date told with its year in the same
sentence takes that year.  Each hit is an ISO partial date at the precision the text supports.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from pipeline.text.calendar import (FULL_MONTH_NUMBER, FULL_MONTHS, MONTH_IN_PROSE, MONTH_NAMES, MONTH_NUMBER, MONTH_PREFIXES,
                                    WEEKDAY_NUMBER, WEEKDAYS)

from pipeline.corpus.dateline import FILED_DAY

from .prefilter import Keywords, fold, folded_pattern
from .quantities import word_to_int


_MON = MONTH_IN_PROSE  # short: the patterns below use it often
_YEAR = r"(?:19[5-9]\d|20\d\d)"

# the day of the month, [0-3]?\d, written to start with \d: same matches, tried in the same
# order, and a pattern that starts with a character class lets `re` skip to where it can match
_DAY = r"\d(?:(?<=[0-3])\d)?"


class _AtWordStart:
    """The pattern \b + `body`, for a body whose every match starts with a word character and is
    not empty.  Compiled without the leading \b, `re` skips straight to the characters a match can
    start with instead of trying every position (2-3x faster); `finditer` keeps the matches that
    start a word and searches again from the next character after one that does not, so it
    finds exactly what finditer of \b + body finds (tests/test_extract_speed_gates.py)."""

    __slots__ = ("body",)

    def __init__(self, body: re.Pattern):
        self.body = body

    def finditer(self, text: str) -> Iterator[re.Match]:
        search, pos = self.body.search, 0
        while True:
            m = search(text, pos)
            if m is None:
                return
            start = m.start()
            if start and _WORD.match(text, start - 1):
                pos = start + 1
                continue
            yield m
            pos = m.end()


_WORD = re.compile(r"\w")

_PATTERNS = [
    ("ymd", _AtWordStart(re.compile(rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"))),
    ("dmy_num", _AtWordStart(re.compile(rf"(?P<d>{_DAY})[./](?P<m>[01]?\d)[./](?P<y>{_YEAR})\b"))),
    ("dmy", _AtWordStart(re.compile(rf"(?P<d>{_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?\b"))),
    ("mdy", _AtWordStart(re.compile(rf"(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:%|per))"
                                    rf"(?:,?\s+(?P<y>{_YEAR}))?(?!\d|,\d)"))),
    ("my", _AtWordStart(re.compile(rf"(?P<mon>{_MON})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b"))),
    # "2025-26", "2024/25": a fiscal year, recorded as the year it starts in (GUIDELINES).
    # "FY 2026" names its year alone (group fy); "FY" is no name closing on a year ("Vision 2030").
    ("fiscal", _AtWordStart(re.compile(rf"FY\s?(?P<fy>{_YEAR})\b(?!\s?[-–/]\s?\d)"
                                       rf"|(?:FY\s?)?(?P<y>{_YEAR})\s?[-–/]\s?(?P<y2>\d\d)(?!\d|[/.-]\d|\s*%)"))),
    # "March last year", "in December that year", "June of the following year"
    ("month_rel_year", _AtWordStart(re.compile(
        rf"(?P<mon>{FULL_MONTHS})"
        r"(?:,?\s+of)?\s+(?P<rel>last|this|next|that|the same|the following|the previous)\s+year\b"))),
    # case-insensitive kinds run on folded text (prefilter.folded_pattern; groups read from the sentence)
    ("rel_month", _AtWordStart(folded_pattern(
        rf"(?P<rel>last|this|next|earlier this|later this)\s+(?P<mon>{FULL_MONTHS})\b"))),
    ("weekday", _AtWordStart(re.compile(rf"(?P<wd>{WEEKDAYS})\b"))),
    # "that year", "the same year", "a year later": counted from a year told before (see find_dates)
    ("anaphor_year", _AtWordStart(folded_pattern(
        r"(?P<rel>that|the same|the following|the previous|the preceding)\s+year\b|a year (?P<rel2>later|earlier)\b|"
        # "two years later": counted the same way, by that many years
        r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years (?P<rel3>later|earlier)\b"))),
    ("rel_period", _AtWordStart(folded_pattern(
        r"(?P<rel>last|this|next|earlier this|later this|previous)\s+(?P<unit>week|month|year)\b"))),
    ("month_only", _AtWordStart(re.compile(
        r"(?:[Ii]n|[Ss]ince|[Ff]rom|[Bb]y|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|(?:end|beginning|start|middle) of)"
        rf"\s+(?P<mon>{FULL_MONTHS})\b(?!\s+(?:\d|of\s+\d))"))),
    # "the early 2030s" is a decade, not the year 2030.  The look-behind stands after the first
    # digit, not before the year, for the same reason as _DAY: (?<![\d/.-]1) tests exactly the
    # character before that 1.
    # "mid-2022", "early-2023", "end-2024": the year (the plain year pattern refuses a hyphen before it)
    ("part_year", _AtWordStart(re.compile(rf"(?:[Mm]id|[Ee]arly|[Ll]ate|[Ee]nd)-(?P<y>{_YEAR})(?![\d/%-]|s\b)"))),
    ("year", re.compile(r"(?P<y>1(?<![\d/.-]1)9[5-9]\d|2(?<![\d/.-]2)0\d\d)(?![\d/%-]|s\b|\.\d|\s*(?:-|–)\s*\d)")),
    ("today", _AtWordStart(folded_pattern(
        r"(?P<rel>today|yesterday|tonight|this (?:morning|afternoon|evening)|last night)\b"))),
    # "seven years ago", "two months ago": counted back from publication
    ("ago", _AtWordStart(folded_pattern(
        r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
        r"(?P<unit>years?|months?)\s+ago\b"))),
]


def filing_date(first_sentence: str, published: str | None) -> str | None:
    """The day a story was filed, from its dateline ("WASHINGTON, July 16 --"), when it is the
    publication day or up to two days before it (a story filed late in one time zone is published
    the next day in another).  Relative dates ("today", "on Monday") count from it.  None otherwise."""
    pub = _pub_date(published)
    m = FILED_DAY.match(first_sentence)
    if pub is None or m is None:
        return None
    mon, day = _month(m.group("mon")), int(m.group("d"))
    for y in ([int(m.group("y"))] if m.group("y") else [pub.year, pub.year - 1]):
        try:
            filed = dt.date(y, mon, day)
        except ValueError:
            continue
        if 0 < (pub - filed).days <= 2:
            return filed.isoformat()
    return None


@dataclass(frozen=True)
class DateHit:
    iso: str
    start: int
    end: int
    kind: str


def parse_partial(iso: str | None) -> tuple[int, int | None, int | None] | None:
    if not iso:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso)
    if not m:
        return None
    y, mo, d = m.groups()
    return int(y), int(mo) if mo else None, int(d) if d else None


def _month(token: str) -> int | None:
    t = token.lower().rstrip(".")
    return MONTH_NUMBER.get(t)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(y, m, d).isoformat()
    except ValueError:
        return None
    if m is not None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}"


def _pub_date(published: str | None) -> dt.date | None:
    p = parse_partial(published)
    if not p or p[1] is None or p[2] is None:
        return None
    return dt.date(*p)


def _pub_year(published: str | None) -> int | None:
    p = parse_partial(published)
    return p[0] if p else None


# A sentence can only hold a date if it has a digit, a weekday ("...day"), a month name or a
# relative period ("last week"): one cheap scan rules out the rest before the patterns run.
# (tests/extract/test_date_hint.py checks it never hides a date the patterns would find)
DATE_HINT = re.compile(
    rf"\d|(?i:day\b)|{FULL_MONTHS}|(?i:\b(?:last|this|next|earlier this|later this|previous)\s+(?:week|month|year|{FULL_MONTHS}))"
    r"|(?i:\b(?:that|same|following|preceding)\s+year\b|\ba year (?:later|earlier)\b|\b\w+ years (?:later|earlier)\b)"
    r"|(?i:\b(?:tonight|night|morning|afternoon|evening)\b|\b(?:years?|months?)\s+ago\b)"
)


# DATE_HINT is itself slow (case-insensitive branches): a digit, or its words in the folded
# sentence, come first (see prefilter); DATE_HINT then decides as before.
_DIGIT = re.compile(r"\d")
_MONTH_WORD = Keywords(*FULL_MONTHS.lower().split("|"))
_DAY_OR_MONTH_WORD = Keywords("day", *_MONTH_WORD.words)
_PERIOD_WORD = Keywords("week", "month", "year")
# "earlier this", "later this" have "this"; "that year", "the same year", "a year later" (anaphor_year)
_TIME_OF_DAY_WORD = Keywords("night", "morning", "afternoon", "evening", " ago")  # "this morning", "tonight", "years ago"
_RELATIVE_WORD = Keywords("last", "this", "next", "previous", "that", "same", "following", "preceding", "later", "earlier")
# every _MON spelling starts with one of these (case-sensitive, as _MON is)
_MON_START = re.compile(MONTH_PREFIXES)


def may_have_date_words(folded: str) -> bool:
    """Whether a folded sentence without a digit can have a date: it needs DATE_HINT's "day", a
    month, or a relative word and a period ("last week", "this year")."""
    return (_DAY_OR_MONTH_WORD.in_(folded) or (_PERIOD_WORD.in_(folded) and _RELATIVE_WORD.in_(folded))
            or _TIME_OF_DAY_WORD.in_(folded))


def _has_hint(sentence: str) -> bool:
    if _DIGIT.search(sentence):
        return True  # DATE_HINT's first branch
    return may_have_date_words(fold(sentence)) and bool(DATE_HINT.search(sentence))


def _possible_kinds(sentence: str, low: str | None = None) -> set[str]:
    """The _PATTERNS kinds that can match: each needs a digit, a month, "day"... (a superset, so
    skipping the others changes nothing; most dated sentences need 2-4 of the 11 scans).
    `low`: fold(sentence), when the caller has it."""
    digit = bool(_DIGIT.search(sentence))
    mon = bool(_MON_START.search(sentence))
    if low is None:
        low = fold(sentence)
    kinds = set()
    if digit:
        kinds.update(("ymd", "dmy_num", "year", "fiscal", "part_year"))
        if mon:
            kinds.update(("dmy", "mdy", "my"))
    if mon:
        kinds.update(("month_only", "month_rel_year"))
    if _MONTH_WORD.in_(low):
        kinds.add("rel_month")
    if "day" in sentence:
        kinds.add("weekday")
    if "day" in low or "night" in low or "morning" in low or "afternoon" in low or "evening" in low:
        kinds.add("today")
    if " ago" in low:
        kinds.add("ago")
    if _PERIOD_WORD.in_(low):
        kinds.add("rel_period")
        if "year" in low and _RELATIVE_WORD.in_(low):
            kinds.add("anaphor_year")
    return kinds


@lru_cache(maxsize=256)
def _publication(published: str | None) -> tuple[dt.date | None, int | None, int | None]:
    """(date, year, month) of the publication date, parsed once per distinct value."""
    pub_month = parse_partial(published)[1] if published and parse_partial(published) else None
    return _pub_date(published), _pub_year(published), pub_month


_PATTERN_OF = dict(_PATTERNS)
_FOLDED_KINDS = {"rel_month", "rel_period", "today", "anaphor_year", "ago"}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}
# kinds that state their own year: what "that year" / "the same year" refer back to
EXPLICIT_KINDS = frozenset({"ymd", "dmy_num", "dmy", "mdy", "my", "year", "fiscal", "part_year"})
# "on Sunday 12 November 2023", "Friday, March 3": the weekday only names the day of the date after it
_DATE_AFTER_WEEKDAY = re.compile(  # "Monday (7 October)" too; not "On Friday, 2 tanks ..."
    rf"(?:,?\s+(?:the\s+)?|\s*\(\s*)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}|{_MON}\s+\d)")
# A year at the end of a name is not a date: "Vision 2030", "Khaan Quest 2025", "a Partnership towards
# 2030".  A capitalised word before the year marks the name, unless it is one of these.
_NAME_BEFORE_YEAR = re.compile(r"(?:^|[\s(\"“'‘])(?P<w>[A-Z][A-Za-z]+(?:-[A-Za-z]+)?)\s+(?:(?:towards?|beyond)\s+)?$")
_NOT_NAMES = frozenset(
    "In On At By Of For From Since Until Till To Through Throughout During Before After Between Around About "
    "And Or But The A An Its Their This That Early Late Mid End Beginning Start Summer Spring Autumn Fall Winter "
    "Fiscal Financial Calendar Year Budget Than As Circa Unlike Like Also Only Even Still Again Then".split()) | set(MONTH_NAMES)
# the window (days) in which a day-and-month with no year is taken to be upcoming rather than past
_AHEAD_DAYS = 60
_FUTURE = re.compile(r"\b(?:will|would|should|shall|next|upcoming|expect(?:s|ed)?|scheduled|due to|plans? to|"
                     r"intends? to|aims? to|hopes? to|set to|is to|are to)\b")


def _matches(kind: str, sentence: str) -> Iterator[re.Match]:
    """The matches of one kind's pattern in a sentence (offsets are the sentence's)."""
    return _PATTERN_OF[kind].finditer(fold(sentence) if kind in _FOLDED_KINDS else sentence)


def _groups(m: re.Match, text: str) -> dict[str, str | None]:
    """A match's named groups read from `text` by offset (for a match in the folded text)."""
    return {k: text[m.start(k):m.end(k)] if m.start(k) >= 0 else None for k in m.re.groupindex}


def _quoted(sentence: str, pos: int) -> bool:
    """Inside a direct quotation: an odd number of double quotes (straight or curly) before `pos`."""
    before = sentence[:pos]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def find_dates(sentence: str, published: str | None, anchor: str | None = None) -> list[DateHit]:
    """The dates of a sentence.  `anchor`: the last date the article stated with its year before this
    sentence (ISO), what "that year" / "a year later" refer back to when the sentence has none."""
    if not _has_hint(sentence):
        return []
    pub, pub_year, pub_month = _publication(published)
    folded = fold(sentence)
    kinds = _possible_kinds(sentence, folded)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    pending: list[tuple[str, int, int, dict]] = []  # dates counted from another date: resolved last
    future = None  # whether the sentence looks ahead: asked by month_only dates only
    # the story's own dateline ("MANILA, June 4, 2025 --") is when it was filed, not an event date
    dateline = FILED_DAY.match(sentence)
    if dateline:
        taken.append((0, dateline.end()))
    for kind, pattern in _PATTERNS:
        if kind not in kinds:
            continue
        in_folded = kind in _FOLDED_KINDS
        for m in pattern.finditer(folded if in_folded else sentence):  # see _matches
            s, e = m.start(), m.end()
            if any(not (e <= a or s >= b) for a, b in taken):
                continue
            iso = None
            g = _groups(m, sentence) if in_folded else m.groupdict()
            if kind in ("ymd", "dmy_num"):
                iso = _iso(int(g["y"]), int(g["m"]), int(g["d"]))
            elif kind in ("dmy", "mdy"):
                mon = _month(g["mon"])
                if g.get("y"):
                    iso = _iso(int(g["y"]), mon, int(g["d"])) if mon else None
                elif mon:
                    pending.append((kind, s, e, g))
                    taken.append((s, e))
            elif kind == "my":
                iso = _iso(int(g["y"]), _month(g["mon"]))
            elif kind == "fiscal":
                if g["fy"]:
                    iso = g["fy"]
                elif int(g["y2"]) == (int(g["y"]) + 1) % 100:
                    iso = g["y"]
            elif kind == "part_year":
                iso = g["y"]
            elif kind == "year":
                name = _NAME_BEFORE_YEAR.search(sentence[max(0, s - 60):s])
                if name is None or name.group("w").title() in _NOT_NAMES:
                    iso = g["y"]
            elif kind == "month_rel_year":
                pending.append((kind, s, e, g))
                taken.append((s, e))
            elif kind == "anaphor_year":
                pending.append((kind, s, e, g))
                taken.append((s, e))
            elif kind == "rel_month" and pub_year:
                mon = FULL_MONTH_NUMBER[g["mon"].lower()]
                rel = g["rel"].lower()
                if rel == "last":
                    y = pub_year if pub_month and mon < pub_month else pub_year - 1
                elif rel == "next":
                    y = pub_year if pub_month and mon > pub_month else pub_year + 1
                else:
                    y = pub_year
                iso = _iso(y, mon)
            elif kind == "month_only":
                pending.append((kind, s, e, g))
                taken.append((s, e))
            elif kind == "weekday" and pub:
                if _DATE_AFTER_WEEKDAY.match(sentence, e):
                    continue
                wd = WEEKDAY_NUMBER[g["wd"].lower()]
                delta = (pub.weekday() - wd) % 7
                if not delta and sentence[max(0, s - 5):s].lower() == "last ":
                    delta = 7  # "last Monday" told on a Monday: a week before
                day = pub - dt.timedelta(days=delta)
                if delta and re.search(r"\b(?:will|is to|are to|set to|scheduled to|due to|next)\b[^.]{0,30}$",
                                       sentence[max(0, s - 40):s]):
                    day = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
                iso = day.isoformat()
            elif kind == "rel_period" and pub:
                rel, unit = g["rel"].lower(), g["unit"].lower()
                step = -1 if rel in ("last", "previous") else (1 if rel == "next" else 0)
                if unit == "week":
                    iso = (pub + dt.timedelta(days=7 * step)).isoformat()[:7]
                elif unit == "month":
                    y, mo = divmod(pub.year * 12 + pub.month - 1 + step, 12)
                    iso = _iso(y, mo + 1)
                else:
                    iso = _iso(pub.year + step)
            elif kind == "today" and pub and _quoted(sentence, s):
                continue  # '"Today we have signed ...," he said': the speaker's day, which the report may follow by days
            elif kind == "today" and pub:
                rel = g["rel"].lower()
                iso = (pub - dt.timedelta(days=1 if rel in ("yesterday", "last night") else 0)).isoformat()
            elif kind == "ago" and pub:
                n = g["n"].lower()
                n = int(n) if n.isdigit() else _NUMBER_WORDS[n]
                if g["unit"].lower().startswith("year"):
                    iso = _iso(pub.year - n)
                else:
                    y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
                    iso = _iso(y, mo + 1)
            if iso:
                hits.append(DateHit(iso, s, e, kind))
                taken.append((s, e))
    if pending:
        if future is None:
            future = bool(_FUTURE.search(sentence))
        hits += _resolve_pending(pending, hits, pub, anchor, future, sentence)
    hits.sort(key=lambda h: h.start)
    return hits


_REL_YEAR_AFTER = re.compile(r",?\s+(last|this|next)\s+year\b")


def _resolve_pending(pending, hits: list[DateHit], pub: dt.date | None, anchor: str | None,
                     future: bool, sentence: str) -> list[DateHit]:
    """Dates counted from another one: a day and month with no year ("on Dec. 9") takes the year of
    a date stated with its month before it in the sentence when it does not go back in time from it, else the
    occurrence nearest the publication; "that year", "the following year", "December that year"
    count from the last year stated before them (in the sentence, else `anchor`, the article's);
    "March last year" from the publication."""
    explicit = sorted((h for h in hits if h.kind in EXPLICIT_KINDS), key=lambda h: h.start)
    outer = parse_partial(anchor)
    out = []
    for kind, s, e, g in pending:
        before = [h for h in explicit if h.start < s]
        inner = parse_partial(before[-1].iso) if before else None
        iso = None
        if kind in ("dmy", "mdy"):
            mon, day = _month(g["mon"]), int(g["d"])
            rel = _REL_YEAR_AFTER.match(sentence, e)
            if rel and pub:  # "on April 30 this year", "on 3 May last year"
                iso = _iso(pub.year + {"last": -1, "this": 0, "next": 1}[rel.group(1)], mon, day)
            elif inner and inner[1] is not None and mon >= inner[1]:
                iso = _iso(inner[0], mon, day)
            elif pub:
                iso = _iso(_nearest_year(pub, mon, day, _looks_ahead(sentence, s, future, e)), mon, day)
        elif kind == "month_only":
            mon = FULL_MONTH_NUMBER[g["mon"].lower()]
            if inner and inner[1] is not None and mon >= inner[1]:
                iso = _iso(inner[0], mon)  # "signed in March 2024 and delivered in June"
            elif pub:
                if _looks_ahead(sentence, s, future, e):
                    y = pub.year if mon >= pub.month else pub.year + 1
                else:
                    y = pub.year if mon <= pub.month else pub.year - 1
                iso = _iso(y, mon)
        elif any(0 <= h.start - e <= 12 for h in explicit):
            continue  # "A year later, on 24 December 2021": the date itself follows
        elif kind == "anaphor_year":
            rel = (g.get("rel") or g.get("rel2") or g.get("rel3") or "").lower()
            step = 1 if rel in ("the following", "later") else (-1 if rel in ("the previous", "the preceding", "earlier")
                                                                 else 0)
            if g.get("n"):
                step *= word_to_int(g["n"]) or 1
            base = inner or outer
            if base:
                iso = _iso(base[0] + step)
            elif step < 0 and rel != "earlier" and pub:
                iso = _iso(pub.year - 1)  # "the previous year" with none told: the year before publication
        else:  # month_rel_year
            mon, rel = FULL_MONTH_NUMBER[g["mon"].lower()], g["rel"]
            if rel in ("last", "this", "next"):
                if pub:
                    iso = _iso(pub.year + {"last": -1, "this": 0, "next": 1}[rel], mon)
            else:
                base = inner or outer
                if base:
                    iso = _iso(base[0] + {"the following": 1, "the previous": -1}.get(rel, 0), mon)
        if iso:
            out.append(DateHit(iso, s, e, kind))
    return out


def _looks_ahead(sentence: str, at: int, sentence_future: bool, end: int | None = None) -> bool:
    """Whether the date at `at` (ending at `end`) is told looking ahead: by the verb of its own clause
    before it when there is one ("concluded a contract in July under which X will receive ...": past),
    else by the clause it opens ("In January, Peru ordered ..., which it expects to receive in 2027":
    past; "In July the ministry will sign ...": ahead), else by the sentence."""
    clause = sentence[max(sentence.rfind(c, 0, at) for c in ",;:(") + 1:at]
    if _FUTURE.search(clause):
        return True
    if _PAST_VERB.search(clause):
        return False
    if end is not None and not clause.strip(" \t\"'“‘"):
        opened = re.match(r"[,\s]*([^,;:(]*)", sentence[end:]).group(1)
        if _FUTURE.search(opened):
            return True
        if _PAST_VERB.search(opened):
            return False
    return sentence_future


# a past-tense verb: regular, or an irregular one that news uses for deals
_PAST_VERB = re.compile(r"\b(?:[a-z]{3,}ed|was|were|had|did|signed|bought|sold|won|made|took|gave|began|came|went|"
                        r"paid|chose|struck|sent|got|held|met|flew|arrived)\b")


def _nearest_year(pub: dt.date, mon: int, day: int, future: bool) -> int:
    """The year of "on March 4" told in an article published on `pub`: this year's unless that is
    more than _AHEAD_DAYS ahead of publication (half a year when the sentence looks ahead), then last
    year's; next year's when that is within _AHEAD_DAYS and the sentence looks ahead."""
    try:
        this = dt.date(pub.year, mon, day)
        upcoming = dt.date(pub.year + 1, mon, day)
    except ValueError:  # 29 February
        return pub.year
    if this > pub:
        ahead = (this - pub).days
        return pub.year if ahead <= _AHEAD_DAYS or (future and ahead <= 183) else pub.year - 1
    if future and (upcoming - pub).days <= _AHEAD_DAYS:
        return pub.year + 1
    return pub.year
