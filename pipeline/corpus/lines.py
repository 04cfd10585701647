"""Line-level view of a raw article, shared by cleaning and metadata inference.

A scraped article is a sequence of lines: a header (mastheads, crumbs, headline, dates,
bylines), body paragraphs, and a trailer (share bars, related links, comments). This module
splits the raw text into lines with their offsets and says what kind of line each one is.
Only ``re`` and the standard library are used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

from .dates import DATE_PREFIX, parse_date_field, parse_loose_date
from .dateline import opens_with_dateline

HEADER_MAX_LINES = 10  # non-empty lines looked at for the header (title, dates, bylines)
# The line tests below are pure functions of the line's text, asked several times per line (layout,
# cleaning, metadata) and of the lines a corpus repeats (share bars, stock paragraphs): memoised,
# bounded.  Their results are immutable (header_date's list is rebuilt from a tuple).
_memo = lru_cache(maxsize=4096)


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # raw offset of the first character of the line
    end: int  # raw offset just past the content (before the line break)
    stop: int  # raw offset just past the line break (== end on the last line without one)
    text: str  # the content, without the line break

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_BREAK = re.compile(r"\r\n|\r|\n")
_PLUS_ONE = (1).__add__


def split_texts(raw: str) -> tuple[list[str], list[int], list[int]]:
    """The lines of ``split_lines`` as three lists: texts, starts and stops (``Line.end`` is
    start + len(text)). No Line object is built: 5x faster."""
    if "\r" not in raw:
        # the lines are raw.split("\n") without the empty string after a final "\n" (or of ""):
        # each starts one past the end of the previous one, and stops one past its own end,
        # except the last one when the text does not end with "\n"
        texts = raw.split("\n")
        if not texts[-1]:
            texts.pop()
        starts = [0, *accumulate(map(_PLUS_ONE, map(len, texts)))]
        stops = starts[1:]
        if stops and stops[-1] > len(raw):
            stops[-1] = len(raw)
        starts.pop()
        return texts, starts, stops
    texts, starts, stops = [], [], []
    pos = 0
    for m in _BREAK.finditer(raw):
        texts.append(raw[pos:m.start()])
        starts.append(pos)
        stops.append(m.end())
        pos = m.end()
    if pos < len(raw):
        texts.append(raw[pos:])
        starts.append(pos)
        stops.append(len(raw))
    return texts, starts, stops


def split_lines(raw: str) -> list[Line]:
    """Split on \\n, \\r\\n and \\r only (not on form feeds or Unicode separators)."""
    lines: list[Line] = []
    pos = 0
    if "\r" not in raw:  # the usual case: str.split is much faster than the regex scan
        for text in raw.split("\n")[:-1]:
            end = pos + len(text)
            lines.append(Line(pos, end, end + 1, text))
            pos = end + 1
        if pos < len(raw):
            lines.append(Line(pos, len(raw), len(raw), raw[pos:]))
        return lines
    for m in _BREAK.finditer(raw):
        lines.append(Line(pos, m.start(), m.end(), raw[pos:m.start()]))
        pos = m.end()
    if pos < len(raw):
        lines.append(Line(pos, len(raw), len(raw), raw[pos:]))
    return lines


# --------------------------------------------------------------------------- sentences

# A sentence end: terminal punctuation after a real word (two lower-case letters, a digit or a
# closing quote/bracket), so "U.S.", "Mt." and "S. Korea" are not sentence ends.
_SENT_END = re.compile(r"(?:[a-z]{2}|\d|[)\"”’'])[.!?…]+[\"'”’)\]]*(?=\s|$)")
_ENDS_WITH_SENTENCE = re.compile(r"(?:[a-z]{2}|\d|[)\"”’'])[.!?…]+[\"'”’)\]]*\s*$")


_CLOSERS = "\"'”’)]"  # the closing quotes / brackets _ENDS_WITH_SENTENCE allows after the punctuation
_STOPS = (".", "!", "?", "…")  # its terminal punctuation, [.!?…]


# Cheap exact gates: scanning a line with _SENT_END / _ENDS_WITH_SENTENCE tries the pattern at
# every position (~40 ns a character), but no match can exist without a [.!?…] character (a few
# fast substring tests), and an _ENDS_WITH_SENTENCE match leaves only closers and spaces after its
# last [.!?…] (str.rstrip and `re` agree on what a space is).
def _has_stop(s: str) -> bool:
    return "." in s or "!" in s or "?" in s or "…" in s


def sentence_ends(s: str) -> int:
    return len(_SENT_END.findall(s)) if _has_stop(s) else 0


def has_sentence(s: str) -> bool:
    return _has_stop(s) and _SENT_END.search(s) is not None


def ends_with_sentence(s: str) -> bool:
    """_ENDS_WITH_SENTENCE.search(s) is not None."""
    if s.rstrip().rstrip(_CLOSERS)[-1:] not in _STOPS:
        return False
    return _ENDS_WITH_SENTENCE.search(s) is not None


@_memo
def is_body_like(s: str) -> bool:
    """A body paragraph rather than a headline / label: long, several sentences, or a long line
    that ends like a sentence."""
    s = s.strip()
    if len(s) > 200:
        return True
    n = sentence_ends(s)
    if n >= 2:
        return True
    if n and ends_with_sentence(s) and len(s.split()) >= 12:
        return True
    return opens_with_dateline(s) and len(s.split()) >= 8


# --------------------------------------------------------------------------- line kinds

_FIELD_SPLIT = re.compile(
    r"\s*[|·•›»→]\s*|\s+[/>]\s+|\s+::\s+|\s*[\u2300-\u23ff\u2600-\u27bf\U0001F300-\U0001FAFF][\ufe0e\ufe0f]?\s*"
)


def fields(s: str) -> list[str]:
    return [f for f in _FIELD_SPLIT.split(s.strip()) if f.strip()]


_CRUMB_HOME = re.compile(r"^\s*(?:home|homepage|start|beranda|accueil|inicio)\s*(?:[›»>/|→]|&gt;|::)", re.I)


def is_home_crumb(s: str) -> bool:
    """'Home › Defence › Asia-Pacific', 'Homepage / other / ...', 'Home > News > Defence'."""
    return _CRUMB_HOME.match(s) is not None


# A character that every _FIELD_SPLIT match contains (each of its alternatives needs one of them).
_FIELD_CHAR = re.compile("[|·•›»→/>:\u2300-\u23ff\u2600-\u27bf\U0001F300-\U0001FAFF]")
_ASCII_LOWER = re.compile("[a-z]")


@_memo
def is_section_label(s: str) -> bool:
    """Header-only: 'CEBU | REGIONAL NEWS', 'Air Shows / Asia', 'NAVAL & MARITIME › Submarines',
    'SPOTTER'S NOTEBOOK' (short all-caps masthead)."""
    s = s.strip()
    if not s or len(s) > 100 or s.startswith("|"):
        return False
    # A label has two fields or more (then fields() split it: one of _FIELD_CHAR is in it), or
    # letters none of which is lower case (then no a-z). Neither possible: not one, sentence or not.
    if _FIELD_CHAR.search(s) is None and _ASCII_LOWER.search(s) is not None:
        return False
    if has_sentence(s):
        return False
    fs = fields(s)
    if len(fs) >= 2 and all(len(f.split()) <= 4 and len(f) <= 40 for f in fs):
        return True
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters) and len(s.split()) <= 5


_DIGIT = re.compile(r"\d")


# In a date line, a spaced dash or a wide gap also separates fields: "11 May 2023 - 4 min read",
# "Published : Sept. 12, 2024 - 09:53   Updated : Sept. 12, 2024 - 10:21".
_DATE_LINE_SPLIT = re.compile(r"\s+[-–—]\s+|\s{3,}")
# a bracketed aside is a field of its own: "Jan. 19, 2024 (Updated 09:40 JST)", "17 July 2025 (Thursday)"
_ASIDE = re.compile(r"\s*\(([^()]*)\)[\s,;]*")


def _date_line_fields(s: str) -> list[str]:
    out = []
    for f in fields(s):
        parts = [g for g in _ASIDE.split(f) if g.strip()] if "(" in f else [f]
        for p in parts:
            out += [g for g in _DATE_LINE_SPLIT.split(p) if g.strip()] if ("-" in p or "–" in p or "—" in p
                                                                           or "   " in p) else [p]
    return out


def header_date(s: str):
    """If the line is a header metadata line carrying a date ('March 7, 2025', '28.07.2022 09:15',
    'Gu Min Chul 🕒︎ 2025-11-02', 'By X | New Delhi | October 27, 2020 18:40 IST',
    'Published 14 March 2023, 7:05 AM AEDT | Updated 9:40 AM AEDT'), return the list of
    ((iso, precision), label) found in its fields; else None. Every other field must be short."""
    found = _header_date(s)
    return list(found) if found is not None else None


@_memo
def _header_date(s: str) -> tuple | None:
    s = s.strip()
    if not s or len(s) > 160:
        return None
    if _DIGIT.search(s) is None:  # every DATE_FIELD form has a digit (\d): no date field
        return None
    found = []
    longest = 0  # words in the longest non-date field
    for f in _date_line_fields(s):
        parsed = parse_date_field(f)
        if parsed:
            found.append(parsed)
        elif has_sentence(f):
            return None
        elif (parsed := parse_loose_date(f)) is not None:
            found.append(parsed)
        else:  # its words, not counting numbers ("Mis à jour le 24/09/2025 à 12h47")
            longest = max(longest, sum(1 for w in f.split() if _DIGIT.search(w) is None))
    if not found:
        return None
    labelled = any(label for _, label in found)
    return tuple(found) if longest <= 6 or (labelled and longest <= 12) else None


_LABELLED_META = re.compile(
    r"^\s*(?:published|posted|updated|last\s+updated|first\s+published|written\s+by|published\s+by)\b", re.I
)
_BYLINE = re.compile(r"^\s*(?:(?:Story|Words|Text|Report|Photos?)\s+by|By)\s+\S", re.I)


def is_meta_line(s: str) -> bool:
    """'Published ...', 'Posted by ...', 'By Staff Writer', 'By Our Special Correspondent | ...'."""
    s = s.strip()
    if len(s) > 200 or ends_with_sentence(s):
        return False
    if _LABELLED_META.match(s):
        return True
    m = _BYLINE.match(s)
    if m and s[:1].isupper():
        name = s[m.end() - 1:].split()  # the words after "by"
        if not (name[0][:1].isupper() or name[0].lower() == "our"):
            return False
        fs = fields(s)
        return len((fs[0] if fs else s).split()) <= 7 and len(s) <= 160
    return False


_CAPTION_BRACKET = re.compile(
    r"^\s*\[\s*(?:image|photo|picture|video|caption|photo\s+caption|image\s+caption|graphic|gallery"
    r"|infographic|foto|gambar)\b[^\]]*\]\s*$",
    re.I,
)
_CAPTION_PREFIX = re.compile(
    r"^\s*\(?\s*(?:file\s+photo|photo\s+credit|image\s+credit|image\s+source|photograph|photo|foto|image"
    r"|picture|pic|caption|credit)s?\b\s*(?:[:|–—\-)]|$)",
    re.I,
)
_FILE_PHOTO = re.compile(r"^\s*\(?\s*file\s+(?:photo|picture|image)\b", re.I)
_IMAGE_MD = re.compile(r"^[\s|]*(?:!\[[^\]]*\]\([^)]*\)[\s|]*)+$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|?\s*$")
_TABLE_SEP_CELL = re.compile(r"^:?-{2,}:?$")


def is_caption(s: str) -> bool:
    return bool(_CAPTION_BRACKET.match(s) or _CAPTION_PREFIX.match(s) or _FILE_PHOTO.match(s))


def is_image_markup(s: str) -> bool:
    """'![]()', '![alt](url) |', and table rows made only of empty cells, separators, images or
    photo credits ('| Foto:47th asean Summit |')."""
    if _IMAGE_MD.match(s):
        return True
    if "|" not in s or not _TABLE_ROW.match(s):
        return False
    cells = [c.strip() for c in s.strip().strip("|").split("|")]
    pictures = [bool(c) and bool(_IMAGE_MD.match(c) or is_caption(c)) for c in cells]
    return any(pictures) and all(p or not c or _TABLE_SEP_CELL.match(c) for p, c in zip(pictures, cells))


_TABLE_SEP_ROW = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?)?\s*$|^\s*\|[\s|]*$")


def is_table_filler(s: str) -> bool:
    """'|---|---|' or '| |': removed only next to a removed picture row."""
    return _TABLE_SEP_ROW.match(s) is not None


_SOCIAL_WORDS = frozenset(
    "share shares this article story post page on via with facebook twitter x whatsapp email e mail "
    "linkedin telegram reddit pinterest print copy link f in tweet messenger flipboard threads "
    "bluesky follow us the tiktok instagram youtube sms viber wechat weibo pocket tumblr vk google "
    "news and or".split()
)
_SOCIAL_TRIGGERS = frozenset(
    "share tweet facebook twitter whatsapp linkedin telegram reddit pinterest instagram flipboard "
    "bluesky".split()
)
_WORD = re.compile(r"[a-z]+")


def is_social(s: str) -> bool:
    """'Share this', 'Share on Facebook', 'Tweet', 'Share: Facebook | X | WhatsApp | Email'."""
    if len(s) > 150:
        return False
    words = _WORD.findall(s.lower())
    return bool(words) and all(w in _SOCIAL_WORDS for w in words) and any(
        w in _SOCIAL_TRIGGERS for w in words
    )


_READMORE = re.compile(
    r"^\s*[-–—•»*>]*\s*(?P<head>read\s+(?:more|also|next)|also\s+read|see\s+also"
    r"|related(?:\s+(?:articles?|stories|story|news|posts?|content|coverage|reading|links?|topics))?"
    r"|more\s+(?:stories|news|reading|on\s+this(?:\s+story)?)|you\s+(?:may|might)\s+also\s+like"
    r"|guess\s+you\s+like|recommended(?:\s+(?:articles?|stories|for\s+you|reading|news))?"
    r"|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|don['’]t\s+miss|editor['’]?s\s+picks?"
    r"|popular\s+(?:posts|stories|news)|latest\s+(?:news|stories))"
    r"\s*(?P<sep>[:|»›>\-–—]+|$)(?P<rest>.*)$",
    re.I,
)
_READ_HEADS = re.compile(r"^(?:read|also|see)\b", re.I)
# Block headings that start the page trailer (everything after them is page furniture).
_STRONG_TRAILER = re.compile(
    r"^(?:related|you\s+(?:may|might)|guess|recommended|more\s|most\s|trending|don|editor|popular|latest)",
    re.I,
)


@_memo
def read_more(s: str) -> str | None:
    """'inline' for 'Read more: <headline>' / 'Also Read | ...' lines, 'strong' / 'weak' for a
    block heading ('Guess You Like', 'Related Articles' are strong; 'Read more:' is weak),
    None otherwise."""
    m = _READMORE.match(s)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest:
        # "Read more: <headline>" always; "Related: ..." / "Latest news: ..." only when not a sentence
        if _READ_HEADS.match(m.group("head")) or not ends_with_sentence(rest):
            return "inline"
        return None
    return "strong" if _STRONG_TRAILER.match(m.group("head")) else "weak"


_COMMENTS = re.compile(
    r"^\s*(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+(?:a\s+)?comment|write\s+a\s+comment"
    r"|comments?\s*(?:\(\d+\))?|\d+\s+comments?|comments\s+are\s+closed|join\s+the\s+(?:discussion|conversation)"
    r"|(?:show|view|load)\s+(?:all\s+)?comments|be\s+the\s+first\s+to\s+comment"
    r"|your\s+email\s+address\s+will\s+not\s+be\s+published)\s*[:.]?\s*$",
    re.I,
)


@_memo
def is_comment_prompt(s: str) -> bool:
    return _COMMENTS.match(s) is not None


_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}|:)|all\s+rights\s+reserved)", re.I)
_RIGHTS_RESERVED = re.compile(r"all\s+rights\s+reserved", re.I)
_COPYRIGHT_SHORT = re.compile(r"^\s*copyright\b", re.I)
_AD_JSON = re.compile(r"^\s*\{\s*\"[^\"]*\"\s*:.*\}\s*[,;]?\s*$")
_AD_OTHER = re.compile(
    r"^\s*(?:\(adsbygoogle\b.*|advertisement|sponsored(?:\s+content)?|scroll\s+to\s+continue(?:\s+with\s+content)?"
    r"|continue\s+reading\s+below|ad)\s*$",
    re.I,
)
# An accessibility / menu link: "Skip to main content", "Jump to navigation", "Toggle navigation"
_SKIP_LINK = re.compile(r"^(?:skip|jump|go)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|menu|search|footer)\s*$"
                        r"|^toggle\s+(?:navigation|menu)\s*$", re.I)
# A cookie / consent banner: "We use cookies ... By continuing to browse you agree ... [Accept]"
_CONSENT = re.compile(
    r"\bcookies?\b.{0,160}\b(?:accept|agree|consent|continu\w*|privacy|policy|settings)\b"
    r"|\b(?:accept|agree|consent|continu\w*)\b.{0,160}\bcookies?\b",
    re.I,
)
_SEPARATOR = re.compile(r"^\s*(?:[-_=*~•·#]\s*){3,}$")
_END_MARK = re.compile(r"^\s*\(\s*(?:END|ENDS|MORE|ADVT)\s*\)\s*$|^\s*-\s*(?:END|ENDS)\s*-\s*$", re.I)
_TAGS = re.compile(r"^\s*(?:tags?|topics?|keywords|filed\s+under|categories|category)\s*:", re.I)
_CREDIT = re.compile(
    r"^\s*\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|reported)\s+by\b[^)]*\)\s*$"
    r"|^\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^.!?]*$",
    re.I,
)
_NEWSLETTER = re.compile(r"^\s*(?:subscribe|sign\s+up)\b.{0,80}(?:newsletter|updates|alerts)\b.{0,40}$", re.I)


# Quiet long lines. On a line whose stripped text is over 200 characters (LONG_LINE), simple_noise
# tries only patterns anchored at the first non-space character (its len <= 200 tests are skipped),
# and so do read_more and is_comment_prompt. Each of those patterns can match there only if the line
# starts with one of _NOISE_CHARS, with "\d+\s+comment", or with one of _NOISE_WORDS (as a prefix of
# the pattern's own word, compared with the same re.I): '{' _AD_JSON; '!', '[', '|' image markup
# (simple_noise's "|" in st[:3] is tested apart); '[' _CAPTION_BRACKET; '(' _CAPTION_PREFIX /
# _FILE_PHOTO / _COPYRIGHT's "(c)"; '©' _COPYRIGHT; - – — • » * > the _READMORE bullets; the words
# are those that start the alternatives of the patterns named next to them ("pic" for "picture",
# "comment" for "comments"...). Such a line is also too long for header_date (160 characters),
# is_section_label (100), is_fragment (40), a title (200) and so a duplicate title.
# ``re`` and str.strip() agree on what is a space (both use Py_UNICODE_ISSPACE).
LONG_LINE = 200
_NOISE_CHARS = "{[(!|©-–—•»*>"
_NOISE_WORDS = (
    "file photo image foto pic caption credit "  # _CAPTION_PREFIX, _FILE_PHOTO
    "home start beranda accueil inicio "  # _CRUMB_HOME
    "read also see related more you guess recommended most trending don editor popular latest "  # _READMORE
    "copyright all "  # _COPYRIGHT
    "leave post add write comment join show view load be your"  # _COMMENTS
).split()
_LONG_NOISE_START = re.compile(
    f"[{re.escape(_NOISE_CHARS)}]|\\d+\\s+comment|{'|'.join(_NOISE_WORDS)}", re.I
)
# A faster first test on an ASCII start (that re.I compares like str.lower()): the pattern above can
# match only if the first character is one of its characters or a digit, or the first two, lower
# case, start one of its words (all of two letters or more).
_NOISE_FIRST = frozenset(_NOISE_CHARS + "0123456789")
_NOISE_HEADS = frozenset(w[:2] for w in _NOISE_WORDS)


def quiet_long_line(st: str) -> bool:
    """True when ``st`` (a stripped line) is over LONG_LINE characters and cannot start any noise
    pattern: then simple_noise and read_more are None, is_comment_prompt, is_fragment, header_date
    and is_section_label are false for it, whatever spaces surround it (see above)."""
    if len(st) <= LONG_LINE or "|" in st[:3]:
        return False
    head = st[:2]
    if head.isascii() and head[0] not in _NOISE_FIRST and head.lower() not in _NOISE_HEADS:
        return True
    return _LONG_NOISE_START.match(st) is None


def not_quiet(stripped: list[str], indices: list[int]) -> list[int]:
    """``[i for i in indices if not quiet_long_line(stripped[i])]``."""
    return [i for i in indices if not quiet_long_line(stripped[i])]


@_memo
def simple_noise(s: str) -> str | None:
    """Reason for removing a line wherever it occurs (no context needed), or None."""
    st = s.strip()
    if not st:
        return None
    c = st[0]
    # cheap dispatch: most body lines start with a letter and are long
    if _AD_JSON.match(st):
        return "ad"
    if c in "![|" or "|" in st[:3]:
        if is_image_markup(st):
            return "image"
    if is_caption(st):
        return "caption"
    if is_home_crumb(st):
        return "crumb"
    kind = read_more(st)
    if kind == "inline":
        return "related"
    if _COPYRIGHT.match(st) or (len(st) <= 200 and _RIGHTS_RESERVED.search(st)) or (
        _COPYRIGHT_SHORT.match(st) and len(st) <= 80 and not has_sentence(st)
    ):
        return "copyright"
    if len(st) <= 200:
        if _SEPARATOR.match(st) or _END_MARK.match(st):
            return "separator"
        if is_social(st):
            return "share"
        if _AD_OTHER.match(st):
            return "ad"
        if "ookie" in st and _CONSENT.search(st):
            return "consent"
        if _SKIP_LINK.match(st):
            return "navigation"
        if _TAGS.match(st) and not ends_with_sentence(st):
            return "tags"
        if _CREDIT.match(st):
            return "credit"
        if is_meta_line(st):
            return "byline"
        if _NEWSLETTER.match(st):
            return "newsletter"
    return None


# A lone short line that is a product name / caption fragment ("MRSS", "Chunmoo", "K239 Chunmoo
# MLRS") rather than a section heading ("Conclusion", "Timing", "What happened").
_HEADING_WORDS = frozenset(
    "conclusion conclusions background analysis outlook context summary introduction overview implications "
    "timeline reaction reactions details update updates verdict takeaways takeaway significance challenges "
    "capabilities specifications costs cost funding financing delivery deliveries procurement history next "
    "impact risks prospects comment criticism concerns opposition politics strategy industry production "
    "exports training maintenance negotiations talks response assessment perspective diplomacy economics "
    "budget schedule status scope terms why what how epilogue postscript aftermath origins precedent timing "
    "discussion results highlights recap notes sources references contents editorial "
    "opinion interview profile explainer factbox facts numbers".split()
)
_ENGLISH_SUFFIX = re.compile(
    r"(?:ing|ion|ions|ment|ments|ness|ity|ities|ics|ance|ence|ure|ures|age|ary|ory|ism|ship|ogy|ies|ists?|ers)$"
)
_TOKEN = re.compile(r"^[A-Z0-9][\w\-./’'&+]*$")


@_memo
def is_fragment(s: str) -> bool:
    st = s.strip()
    if not st or len(st) > 40 or has_sentence(st) or st[-1] in ".:;!?,":
        return False
    toks = st.split()
    if len(toks) > 4 or not all(_TOKEN.match(t) for t in toks):
        return False
    if len(toks) == 1:
        t = toks[0]
        if any(ch.isdigit() for ch in t) or (t.upper() == t and sum(ch.isalpha() for ch in t) >= 2):
            return True
        low = t.lower()
        return t[0].isupper() and low not in _HEADING_WORDS and not _ENGLISH_SUFFIX.search(low)
    # several capitalised tokens: a fragment only if one of them is a model / acronym token
    return any(any(ch.isdigit() for ch in t) or (t.isupper() and len(t) >= 2) for t in toks)


# --------------------------------------------------------------------------- header analysis

@dataclass(frozen=True)
class Layout:
    text: str  # the text analysed
    texts: list[str]  # the text of each line, without its line break (split_texts)
    starts: list[int]  # offset of each line in `text`
    stops: list[int]  # offset just past each line's line break (its end on a last line without one)
    contents: list[str]  # each line's text, without the leading "date YYYY-MM-DD" prefix (see content)
    first: int | None  # index of the first non-blank line
    prefix_end: int | None  # raw offset after a leading "date YYYY-MM-DD " prefix, if any
    prefix_date: str | None
    header_end: int  # index of the first body-like line (or len(lines)): header is [first, header_end)
    title: int | None  # index of the headline line, if any
    body: int | None  # index of the first body paragraph, if any

    @cached_property
    def lines(self) -> list[Line]:
        """The lines as Line objects (as split_lines(text) returns them)."""
        return [Line(a, a + len(t), b, t) for t, a, b in zip(self.texts, self.starts, self.stops)]


def _looks_like_title(s: str) -> bool:
    s = s.strip()
    if not s or len(s) > 200 or is_body_like(s):
        return False
    if len(s.split()) < 3:
        return False
    if s.endswith(".") and not s.endswith("..."):
        return False
    return not opens_with_dateline(s)


def analyze(raw: str) -> Layout:
    texts, starts, stops = split_texts(raw)
    first = next((i for i, t in enumerate(texts) if t.strip()), None)
    prefix_end = prefix_date = None
    contents = texts
    if first is not None:
        m = DATE_PREFIX.match(texts[first])
        if m:
            prefix_end = starts[first] + m.end()
            prefix_date = m.group("date")
            contents = texts.copy()
            contents[first] = texts[first][m.end():]
    header_end, title, body = len(texts), None, None
    seen = 0
    if first is not None:
        for i in range(first, len(texts)):
            s = contents[i]
            if not s.strip():
                continue
            if simple_noise(s) == "consent":  # a cookie banner above the masthead is not the body
                continue
            if is_body_like(s) and not header_date(s):  # "Published : Sept. 12, 2024" has two "sentence ends"
                header_end = body = i
                break
            seen += 1
            if seen > HEADER_MAX_LINES:
                header_end = i
                break
            if title is None and not (
                simple_noise(s) or is_section_label(s) or header_date(s) or is_comment_prompt(s)
                or read_more(s)
            ) and _looks_like_title(s):
                title = i
        if body is None:
            body = next((i for i in range(header_end, len(texts)) if is_body_like(contents[i])), None)
    return Layout(raw, texts, starts, stops, contents, first, prefix_end, prefix_date, header_end, title, body)


def content(layout: Layout, i: int) -> str:
    """Text of line i, without a leading 'date YYYY-MM-DD' prefix."""
    return layout.contents[i]
