"""Infer title, publication date and publisher from the raw text of an article.

Invisible format / control characters are ignored (see ``sanitising``), as in cleaning.

Only clear signals are used; when there are none the answer is None (never a guess):
- title: the first header line that looks like a headline (not a crumb, date, caption, byline), or a
  later, fuller one when that line is page furniture (a skip link, a masthead, a crumb trail);
  None when the article opens directly with a body paragraph.
- published: a leading ``date YYYY-MM-DD`` line, a date line / byline date / "Published: ..." line
  in the header (the lines before the first body paragraph, at most ~10; a date among a few words of
  metadata counts: "AFP 04 May 2021", "(issued Oct 16, 2020)"), a dateline opening the first body
  paragraph ("MANILA, June 4, 2025 — ..."), a byline date just after a short standfirst, or a
  labelled / agency-credited date closing the article. Dates in story paragraphs are never used.
- publisher: an opening "(DEFENCE SECURITY ASIA) —", a dateline agency "(Bernama) --" or domain
  "VISTORBELITUNG.COM,Jakarta -", a closing "– Bernama" credit, or a "Copyright ..." line.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.reference import rows
from pipeline.text.calendar import MONTH_PREFIXES

from .dates import parse_date_field, parse_iso_date
from .dateline import AGENCY_NAME, DATELINE_AGENCY, DATELINE_DOMAIN, dateline_place, parse_dateline
from .lines import HEADER_MAX_LINES, Layout, analyze, content, fields, header_date, is_meta_line
from .sanitising import strip_invisible


@dataclass(frozen=True)
class TextMetadata:
    title: str | None
    published: str | None  # ISO 8601 at the precision the text supports
    published_precision: str | None  # "day" | "month" | "year"
    publisher: str | None
    dateline: str | None = None  # where the story was filed ("Manila", "New Delhi")


def _layout(raw: str, layout: Layout | None) -> Layout:
    # the same view of the text as cleaning has: without invisible characters ("South\u200dKorea")
    return layout or analyze(strip_invisible(raw)[0])


# ----------------------------------------------------------------------------- title

# wire-service tags that precede a headline: "(LEAD) ...", "(2nd LD) ...", "(URGENT) ..."
_WIRE_TAG = re.compile(
    r"^\((?:LEAD|URGENT|UPDATE(?: \d+)?|\d+(?:st|nd|rd|th) LD|LD|CORRECTED|REFILE|EXCLUSIVE|ANALYSIS)\)\s*"
)

def infer_title(raw: str, layout: Layout | None = None) -> str | None:
    """The headline: the layout's title line, unless that is page furniture (a skip link, a text-size
    widget "+ ↺ − 16 px", a masthead or section name "Israel Business News", a crumb trail ending in
    the headline) and a later header line is a fuller headline."""
    lay = _layout(raw, layout)
    if lay.title is None:
        return None
    first = content(lay, lay.title).strip()
    if _weak_title(first):
        later = _later_headline(lay, first)
        if later is not None:
            first = later
        elif _NAVIGATION.match(first) or len(_ALPHA_WORD.findall(first)) < 3:
            return None
    return _WIRE_TAG.sub("", first) or None


_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")
_NAVIGATION = re.compile(r"^(?:skip\s+to|jump\s+to|go\s+to|toggle|back\s+to)\b", re.I)
_CRUMB_SEP = re.compile(r"\s[»›>|]\s")
_DOMAIN_WORD = re.compile(r"\b[\w-]+\.(?:[a-z]{2,}\.)*[a-z]{2,}\b")
_HEADLINE_WORDS = 5


def _weak_title(s: str) -> bool:
    return bool(len(_ALPHA_WORD.findall(s)) < 3 or _NAVIGATION.match(s) or len(s.split()) < _HEADLINE_WORDS
                or _CRUMB_SEP.search(s) or _DOMAIN_WORD.search(s))


def _later_headline(lay: Layout, first: str) -> str | None:
    """A later header line that reads as a headline of at least _HEADLINE_WORDS words, not furniture."""
    from .lines import _looks_like_title, is_comment_prompt, is_section_label, read_more, simple_noise

    for i in range(lay.title + 1, min(lay.header_end, lay.title + HEADER_MAX_LINES)):
        s = content(lay, i).strip()
        if not s or simple_noise(s) or is_section_label(s) or header_date(s) or is_comment_prompt(s) \
                or read_more(s) or is_meta_line(s) or not _looks_like_title(s):
            continue
        if len(s.split()) >= _HEADLINE_WORDS and not _weak_title(s):
            return s
    return None


# ----------------------------------------------------------------------------- published

_LABEL_RANK = {"published": 1, "first published": 1, "posted": 1, "dated": 1, "date": 1, "issued": 1, "released": 1,
               "date of publication": 1, "publication date": 1,
               "updated": 4, "last updated": 4, "last modified": 4}
_UNLABELLED_RANK = 2
_DATELINE_RANK = 3


def infer_published(raw: str, layout: Layout | None = None) -> tuple[str, str] | None:
    """(iso, precision) of the publication date, or None when the header says nothing."""
    lay = _layout(raw, layout)
    if lay.prefix_date:
        value = parse_iso_date(lay.prefix_date)
        if value:
            return value
    best: tuple[int, int, tuple[str, str]] | None = None
    if lay.first is not None:
        seen = 0
        for i in range(lay.first, lay.header_end):
            s = content(lay, i)
            if not s.strip():
                continue
            seen += 1
            if seen > HEADER_MAX_LINES:
                break
            for value, label in header_date(s) or ():
                cand = (_LABEL_RANK.get(label, _UNLABELLED_RANK) if label else _UNLABELLED_RANK, i, value)
                if best is None or cand[:2] < best[:2]:
                    best = cand
    if lay.body is not None and (best is None or best[0] > _DATELINE_RANK):
        value = parse_dateline(content(lay, lay.body))
        if value is None and len(content(lay, lay.body).split()) <= _STANDFIRST_WORDS:
            # a standfirst above the story: the dateline opens the paragraph after it
            nxt = next((i for i in range(lay.body + 1, len(lay.texts)) if content(lay, i).strip()), None)
            value = parse_dateline(content(lay, nxt)) if nxt is not None else None
        if value:
            best = (_DATELINE_RANK, lay.body, value)
    if best is None and lay.body is not None:
        value = _byline_after_standfirst(lay) or _bare_date_line(lay) or _closing_date(lay)
        if value:
            return value
    if best is None and lay.first is not None:
        value = _loose_header_date(lay) or _url_date(lay)
        if value:
            return value
    return best[2] if best else None


# the page's own address with its date in the path: "https://site.example/2025/03/12/slug/"
_URL_DATE = re.compile(r"\bhttps?://[^\s/]+/(?:[^\s/]+/)*?((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|$)")


def _header_lines(lay: Layout, end: int):
    """The stripped non-blank lines from the layout's first one up to `end`, at most HEADER_MAX_LINES."""
    seen = 0
    for i in range(lay.first, end):
        s = content(lay, i).strip()
        if not s:
            continue
        seen += 1
        if seen > HEADER_MAX_LINES:
            return
        yield s


def _url_date(lay: Layout) -> tuple[str, str] | None:
    """The last resort: the date in the path of the page's address, printed among the header lines."""
    for s in _header_lines(lay, lay.header_end if lay.body is None else max(lay.header_end, lay.body)):
        m = _URL_DATE.search(s)
        if m:
            try:
                return datetime.date(*map(int, m.groups())).isoformat(), "day"
            except ValueError:
                continue  # "2025/02/30": no such day
    return None


# A date line with a clock time or a publishing label is the page's own stamp even with no byline
# before it ("Mon, 6 October 2025 1:32PM", "- Published Date: 08:05 | 15 August 2024"): an event's
# date or a timeline entry in the story carries neither.
_STAMPED = re.compile(r"\b\d{1,2}[:h]\d{2}(?!\d)|\b(?:published|posted|updated|modified)\b", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_MONTH_OR_NUMERIC = re.compile(rf"\b(?:{MONTH_PREFIXES})[a-z]*\.?\s|" r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b",
                               re.I)


def _loose_header_date(lay: Layout) -> tuple[str, str] | None:
    """The last resort for a header line the field grammar cannot split ("By X | Reuters | Updated: 3:45 PM
    EST, Tue March 5, 2024", "Written by X on 14.03.2022"): dateutil's fuzzy parser on a short line that
    states a year and a month, day first for numeric dates.  Only a full date counts."""
    import warnings  # noqa: PLC0415 - dateutil warns about unknown time-zone names it then ignores

    from dateutil import parser  # noqa: PLC0415 - only the rare header the grammar misses pays for it
    for s in _header_lines(lay, lay.header_end):
        if len(s) > 160 or not _YEAR.search(s) or not _MONTH_OR_NUMERIC.search(s):
            continue
        if not (is_meta_line(s) or len(fields(s)) >= 2 or _STAMPED.search(s)):
            continue  # a headline's date is its event's ("On 4 May 2025, A and B signed ..."), not the paper's
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # parsed against two defaults: the text gave day, month and year only if both agree
                one, two = (parser.parse(s, fuzzy=True, dayfirst=True, default=d).date() for d in _DEFAULTS)
        except (ValueError, OverflowError):
            continue
        if one == two:
            return one.isoformat(), "day"
    return None


_DEFAULTS = (datetime.datetime(1900, 1, 1), datetime.datetime(1901, 2, 2))
_AGENCY_CREDIT = re.compile(r"^\s*[(\[]?[A-Z]{2,10}[)\]]?\s+\S")
_CLOSING_LINES = 3
_PUBLISHED_CLAUSE = re.compile(r"\b(?:first\s+|originally\s+)?(?:published|posted)\b[^.;]{0,40}\.?$", re.I)


def _closing_date(lay: Layout) -> tuple[str, str] | None:
    """A dated credit closing the article when the header has none: "Published 4 May 2021",
    "AFP 04 May 2021", "(issued Oct 16, 2020)", "This article was first published on 4 May 2021.".  A bare date line at the end is not one (it may
    close a timeline)."""
    seen = 0
    for i in range(len(lay.texts) - 1, lay.body, -1):
        s = content(lay, i)
        if not s.strip():
            continue
        seen += 1
        if seen > _CLOSING_LINES:
            break
        found = header_date(s)
        if not found and (m := _PUBLISHED_CLAUSE.search(s)) is not None:
            # "This article was first published on 12 March 2025.": the dated credit inside a sentence
            found = header_date(m.group().rstrip(" ."))
        if not found:
            continue
        labelled = [f for f in found if f[1]]
        if labelled:
            return min(labelled, key=lambda f: _LABEL_RANK.get(f[1], _UNLABELLED_RANK))[0]
        if _AGENCY_CREDIT.match(s):
            return found[0][0]
    return None


_STANDFIRST_WORDS = 60  # a standfirst or caption before the byline is short; a story paragraph is not


def _byline_after_standfirst(lay: Layout) -> tuple[str, str] | None:
    """A byline with its date just after a short first "body" paragraph (a standfirst or a caption
    the layout took for the body): "By our correspondent | 20 Aug, 2025 18:02", or a date line
    right after a byline ("Story by Staff Sgt. Ann Lee" / "06.16.2025"), or a stamped date line (_STAMPED).
    A bare date line after a story paragraph, with no byline, is not the publication date."""
    if len(content(lay, lay.body).split()) > _STANDFIRST_WORDS:
        return None
    after_byline = False
    seen = 0
    for i in range(lay.body + 1, len(lay.texts)):
        s = content(lay, i)
        if not s.strip():
            continue
        seen += 1
        if seen > 3:
            break
        meta = is_meta_line(s)
        found = header_date(s)
        if found and (meta or after_byline or _STAMPED.search(s)):
            return min(found, key=lambda f: _LABEL_RANK.get(f[1], _UNLABELLED_RANK) if f[1] else _UNLABELLED_RANK)[0]
        after_byline = meta
    return None


# a sentence of the story: several words ending with a full stop (a menu or a headline has none)
_STORY_SENTENCE = re.compile(r"^(?:\S+\s+){6,}.*[^.\s][.!?][\"”’)]?$")  # not "Search..."
_BARE_DATE_CHARS = 40  # "14 August 2025 14:07", "Tue, 3 May 2022": a date, perhaps a time, nothing else


def _bare_date_line(lay: Layout) -> tuple[str, str] | None:
    """A line that is only a date, among the opening lines before any story paragraph (a menu, a
    section name and a headline above it): the page's date even where the layout found no header.
    After a story paragraph a date line may be anything (an event's date, a caption's)."""
    seen = 0
    for i in range(len(lay.texts)):
        s = content(lay, i).strip()
        if not s:
            continue
        seen += 1
        if seen > HEADER_MAX_LINES or len(s.split()) > _STANDFIRST_WORDS or _STORY_SENTENCE.search(s):
            return None
        if len(s) <= _BARE_DATE_CHARS:
            found = header_date(s)
            if found:
                return min(found, key=lambda f: _LABEL_RANK.get(f[1], _UNLABELLED_RANK) if f[1] else _UNLABELLED_RANK)[0]
    return None


# ----------------------------------------------------------------------------- publisher

_NOT_PUBLISHERS = frozenset(
    "lead update updated urgent corrected refile exclusive analysis feature editorial opinion photo "
    "video watch breaking end".split()
)
_NAME = AGENCY_NAME
_OPENING = re.compile(rf"^\s*\((?P<name>{_NAME})\)\s*(?:—|–|--|-)\s")
_CLOSING = re.compile(
    r"(?:^|[.!?\"”’)])\s*(?:—|–|--|-)\s*(?P<name>[A-Z][A-Za-z&.'’]*(?:\s+[A-Z&][A-Za-z&.'’]*){0,3})\s*$"
)


def _closing(s: str) -> re.Match | None:
    """_CLOSING.search(s), without scanning the whole line.

    A match ends at the end of ``s`` and has no dash (- – —) after its dash: so its dash ends at
    the last dash of ``s`` (index d), starts at d or d - 1 ("--"), and only spaces separate it from
    the match start (a [.!?"”’)] just before them, or the start of ``s``). No match can start
    before ``pos`` below, so searching from there finds the same one ("^" still means the start of
    ``s`` with a ``pos``, and the pattern looks at nothing before its start)."""
    d = max(s.rfind("-"), s.rfind("–"), s.rfind("—"))
    if d < 0:
        return None
    pos = max(0, len(s[:d - 1].rstrip()) - 1) if d >= 1 else 0
    return _CLOSING.search(s, pos)


_COPYRIGHT = re.compile(
    r"^\s*(?:copyright\b\s*:?|©|\(c\))\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?)?\s*"
    r"(?P<name>[^.|,\n]{2,40}?)\s*(?:[.,|]|all\s+rights\s+reserved|$)",
    re.I,
)
_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+$")


def _canonical(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .-–—")
    if not name or name.lower() in _NOT_PUBLISHERS or re.fullmatch(r"all rights reserved", name, re.I):
        return None
    if _DOMAIN.match(name):
        return name.lower()
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and (" " in name or len(letters) > 5):
        # "DEFENCE SECURITY ASIA" -> "Defence Security Asia", "BERNAMA" -> "Bernama"; "AFP" stays
        return " ".join(w if w in {"&"} else w[:1] + w[1:].lower() for w in name.split())
    return name


def infer_publisher(raw: str, layout: Layout | None = None, last_body_line: str | None = None) -> str | None:
    """Publisher named by a clear signal in the text, or None.

    ``last_body_line`` is the last line of the cleaned article (where "– Bernama" credits sit);
    when not given it is taken from :func:`pipeline.corpus.cleaning.clean_text`.
    """
    lay = _layout(raw, layout)
    if lay.body is not None:
        para = content(lay, lay.body)
        for rx, needed in ((_OPENING, "("), (DATELINE_AGENCY, "("), (DATELINE_DOMAIN, ".")):
            if needed not in para:  # a character the pattern cannot match without (a fast test)
                continue
            m = rx.match(para)
            if m:
                name = _canonical(m.group("name"))
                if name:
                    return name
    if last_body_line is None:
        from .cleaning import clean_text  # local import: cleaning depends on lines, not on us

        kept = [ln for ln in clean_text(raw).text.splitlines() if ln.strip()]
        last_body_line = kept[-1] if kept else ""
    m = _closing(last_body_line.strip())
    if m:
        name = _canonical(m.group("name"))
        if name:
            return name
    for line in _copyright_candidates(lay):
        m = _COPYRIGHT.match(line)
        if m:
            name = _canonical(m.group("name"))
            if name:
                return name
    return None


# A line whose first non-space character, within its first 20 characters, is C, c, © or "(" (where a
# copyright line starts): at the start of the text or after a "\n", at most 19 spaces other than "\n"
# (so never past the line's end), then one of those; `re` and str.lstrip() agree on what a space is.
_COPYRIGHT_FIRST_LINE = re.compile(r"[^\S\n]{0,19}[Cc©(]")
_COPYRIGHT_NEXT_LINE = re.compile(r"\n[^\S\n]{0,19}[Cc©(]")  # "\n" first: `re` skips to each "\n" fast


def _copyright_candidates(lay: Layout):
    """The texts of the lines ``t`` with ``t[:20].lstrip()[:1] in ("C", "c", "©", "(")``, in order."""
    text = lay.text
    if "\r" in text:  # lines also end at "\r": test them one by one
        for t in lay.texts:
            if t[:20].lstrip()[:1] in ("C", "c", "©", "("):
                yield t
        return
    # no "\r": the lines are the "\n"-separated ones (matches never overlap: each ends inside its line)
    starts = [m.start() + 1 for m in _COPYRIGHT_NEXT_LINE.finditer(text)]
    if _COPYRIGHT_FIRST_LINE.match(text):
        starts.insert(0, 0)
    for start in starts:
        end = text.find("\n", start)
        yield text[start:] if end < 0 else text[start:end]


# ----------------------------------------------------------------------------- dateline

# a header field that is a place: one to three capitalised words ("New Delhi", "Paris")
_PLACE_FIELD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’.-]+)(?: [A-Z][a-zà-ÿ'’.-]+){0,2}$")
_PLACE_THEN_DATE = re.compile(r"^(?P<place>[A-Z][a-zà-ÿ'’.-]+(?: [A-Z][a-zà-ÿ'’.-]+){0,2}),\s*(?P<date>.+)$")




@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """Capitals and seats of government (reference/capitals.csv): a header field is taken for
    a place only when it is one, so a byline's author ("Gu Min Chul") never is."""
    return frozenset(row["capital"] for row in rows("capitals.csv") if row.get("capital"))


def infer_dateline(raw: str, layout: Layout | None = None) -> str | None:
    """Where the story was filed: the all-caps place opening the body ("ANKARA, June 11 --"), a
    header line "Paris, 9 January 2024", or a header field next to a date field
    ("By Our Correspondent | New Delhi | October 27, 2020"). None when no such signal exists."""
    lay = _layout(raw, layout)
    if lay.body is not None:
        place = dateline_place(content(lay, lay.body))
        if place:
            return place
    if lay.first is None:
        return None
    for i in range(lay.first, min(lay.header_end, lay.first + HEADER_MAX_LINES)):
        text = content(lay, i).strip()
        m = _PLACE_THEN_DATE.match(text)
        if m and m.group("place") in _capitals() and parse_date_field(m.group("date")):
            return m.group("place")
        fs = [f.strip() for f in fields(text)]
        for j, f in enumerate(fs):
            neighbours = fs[max(0, j - 1):j] + fs[j + 1:j + 2]
            if f in _capitals() and _PLACE_FIELD.match(f) and any(parse_date_field(n) for n in neighbours):
                return f
    return None


def infer_metadata(raw: str, layout: Layout | None = None, last_body_line: str | None = None) -> TextMetadata:
    lay = _layout(raw, layout)
    published = infer_published(raw, lay)
    return TextMetadata(
        title=infer_title(raw, lay),
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
        publisher=infer_publisher(raw, lay, last_body_line),
        dateline=infer_dateline(raw, lay),
    )
