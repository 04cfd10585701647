"""The fast paths of corpus reading give exactly what the straightforward code gives.

Each shortcut in decoding, sanitising, lines, cleaning, metadata and reading is compared with the
plain computation it replaces, on inputs built to hit its edges: Unicode spaces and case folds
(ſ, İ, K), non-ASCII digits, lone surrogates, CR / CRLF and the other str.splitlines breaks,
control characters, lines around the 200-character limit, noise words opening long lines.
Cleaning as a whole is compared with a line-by-line copy of the original algorithm."""
import codecs
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus import cleaning, lines
from pipeline.corpus.dates import DATE_PREFIX, parse_date_field, parse_loose_date
from pipeline.corpus.decoding import _CONTROL, _MAGIC, _control_share, _sniff_magic, decode_bytes, decode_with_unusual
from pipeline.corpus.errors import DocumentRejected
from pipeline.corpus.metadata import _CLOSING, _closing, _copyright_candidates
from pipeline.corpus.document import last_nonblank_line
from pipeline.corpus.sanitising import INVISIBLE, strip_invisible, unusual_chars

SETTINGS = settings(max_examples=300, deadline=None)

SPACES = [" ", "\t", "\xa0", "\u2003", "\u3000", "\u2028", "\x0b", "\x1c", "\x85"]
ODD = ["ſ", "İ", "ı", "\u212a", "é", "ß", "ª", "ⓐ", "ǅ", "\u0663", "٢٠٢٤-٠١-٠٢", "\U0001F600", "\U000E0041", "\u200d",
       "\ufeff", "\x00", "\x7f", "\x9f", "\ud800", "\udc00", "\ud83d\ude00", "—", "–", "€"]
PAD = " The ministry said the contract covers maintenance, training and spare parts for the fleet." * 3


# ----------------------------------------------------------------------------- decoding, sanitising

@SETTINGS
@given(st.lists(st.sampled_from(ODD + SPACES + ["a", "Z", "~", " ", "\n", "\r", "\x1f", "\x80"]) | st.text(max_size=5))
       .map("".join))
def test_unusual_chars_and_what_is_counted_in_them(text):
    assert unusual_chars(text) == "".join(c for c in text if not (" " <= c <= "~" or c in "\t\n\r"))
    assert _control_share(text) == len(_CONTROL.findall(text)) / max(len(text), 1)
    # strip_invisible as it was: one INVISIBLE scan of the whole text
    parts, segments, pos, kept, removed = [], [], 0, 0, 0
    for m in INVISIBLE.finditer(text):
        if m.start() > pos:
            segments.append((kept, pos, m.start() - pos))
            parts.append(text[pos:m.start()])
            kept += m.start() - pos
        removed += m.end() - m.start()
        pos = m.end()
    if pos < len(text):
        segments.append((kept, pos, len(text) - pos))
        parts.append(text[pos:])
    want = ("".join(parts), tuple(segments), removed) if removed else (text, ((0, 0, len(text)),) if text else (), 0)
    assert strip_invisible(text) == want == strip_invisible(text, unusual_chars(text))


BYTES = st.binary(max_size=40) | st.tuples(
    st.sampled_from([m for m, _ in _MAGIC] + [b"RIFF", b"R", b"", b"\xef\xbb\xbf", b"RIFF\0\0\0\0WEBP", b"RIFF\0\0\0\0AVI ",
                     b"\0\0\0\x18ftyp", b"Sftyp", b"ftyp"]),
    st.binary(max_size=12)).map(b"".join)


@SETTINGS
@given(BYTES | st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_magic_sniffing_and_decoding_with_unusual(data):
    def sniff(data):
        for magic, what in _MAGIC:
            if data.startswith(magic):
                return what
        if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
            return "RIFF media file"
        return "MP4/QuickTime media file" if data[4:8] == b"ftyp" else None

    assert _sniff_magic(data) == sniff(data)
    try:
        text, encoding = decode_bytes(data)
    except DocumentRejected as e:
        try:
            decode_with_unusual(data)
        except DocumentRejected as again:
            assert (again.reason, str(again)) == (e.reason, str(e))
        return
    assert decode_with_unusual(data) == (text, encoding, unusual_chars(text))


# ----------------------------------------------------------------------------- sentence gates

SENTENCY = st.lists(st.sampled_from(["ab", "x", "1", ".", "!", "?", "…", '"', "'", "”", "’", ")", "]", " ", "\n", "\xa0", "U.S.",
                                      "Z", "é", "ſ"])).map("".join)


@SETTINGS
@given(SENTENCY)
def test_sentence_gates(s):
    assert lines.sentence_ends(s) == len(lines._SENT_END.findall(s))
    assert lines.has_sentence(s) == (lines._SENT_END.search(s) is not None)
    assert lines.ends_with_sentence(s) == (lines._ENDS_WITH_SENTENCE.search(s) is not None)


def _section_label(s):  # the original is_section_label
    s = s.strip()
    if not s or len(s) > 100 or lines.has_sentence(s) or s.startswith("|"):
        return False
    fs = lines.fields(s)
    if len(fs) >= 2 and all(len(f.split()) <= 4 and len(f) <= 40 for f in fs):
        return True
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters) and len(s.split()) <= 5


def _header_date(s):  # the original _header_date (without the digit gate)
    s = s.strip()
    if not s or len(s) > 160:
        return None
    found, longest = [], 0
    for f in lines._date_line_fields(s):
        parsed = parse_date_field(f)
        if parsed:
            found.append(parsed)
        elif lines.has_sentence(f):
            return None
        elif parse_loose_date(f):
            found.append(parse_loose_date(f))
        else:
            longest = max(longest, sum(1 for w in f.split() if not re.search(r"\d", w)))
    if not found:
        return None
    labelled = any(label for _, label in found)
    return tuple(found) if longest <= 6 or (labelled and longest <= 12) else None


HEADERISH = st.lists(st.sampled_from([
    "CEBU", "REGIONAL NEWS", "Air Shows", "Asia", "SPOTTER'S NOTEBOOK", "Published", "March 7, 2025", "2025-03-07", "28.07.2022",
    "٢٠٢٤-٠١-٠٢", "March ٧, ٢٠٢٥", "By Staff Writer", "New Delhi", "said.", " | ", " / ", " > ", " :: ", "·", "›", "→", "\u2600",
    "\U0001F552\ufe0f", ":", "/", "ª", "ⓐ", "é", "ÉCOLE", "ǅ", "ſ", " ", "\xa0", "x"]), max_size=8).map("".join)


LABELS = ["Air Shows :: Asia", "Air Shows / Asia", "NAVAL & MARITIME › Submarines", "news→asia", "a · b", "x • y", "a » b",
          "Gu Min Chul \U0001F552\ufe0e 2025-11-02", "By X | New Delhi | October 27, 2020 18:40 IST", "ªº", "ⓐⓑ CAPS", "ÉCOLE",
          "Published 14 March 2023, 7:05 AM AEDT | Updated 9:40 AM AEDT", "Ǆ", "٢٠٢٤-٠١-٠٢", "Posted ٢٠٢٤-٠١-٠٢", "SPOTTER'S NOTEBOOK"]


@SETTINGS
@given(HEADERISH | st.sampled_from(LABELS))
def test_header_line_gates(s):
    assert lines.is_section_label.__wrapped__(s) == _section_label(s)
    assert lines._header_date.__wrapped__(s) == _header_date(s)


def test_header_line_gates_on_labels():
    for s in LABELS:
        assert lines.is_section_label.__wrapped__(s) == _section_label(s), s
        assert lines._header_date.__wrapped__(s) == _header_date(s), s


# ----------------------------------------------------------------------------- quiet long lines

NOISE_STARTS = [
    "12" + " " * 230 + "comments", "١٢ comments", "Leave" + " " * 230 + "a reply", "Read more: ", "READ ALSO | ", "Related: ",
    "Photo: ", "Picture credit: ", "(File photo) ", "Copyright 2024 ", "© ", "(c) ", "All rights reserved ", "Home › ",
    '{ "a": 1, "b": "', "![](", "| ![a](b) |", "ſee also: ", "İmage: ", "rEaD mOrE: ", "• Read more: ", "— Related: ",
    "[Image: ", "Startseite ", "|", "x|", "xy|", "Be the first" + " " * 220 + "to comment", "Show" + " " * 220 + "comments",
    "Your email address" + " " * 220 + "will not be published", "Guess You Like ", "Don’t miss: ", "Editor's picks: ",
    "The ", "Analysts ", "Officials ", "Beijing ", "Both ", "17 lawmakers ", "Photographs ", "Allies ", "Seen ", "\u212aorea ",
    "Pic: ", "Picture: ", "Foto: ", "Caption: ", "Credit: ", "Image: ", "Photograph: ", "File photo ", "Homepage / ", "Beranda > ",
    "Accueil › ", "Inicio | ", "See also: ", "Also read: ", "More stories: ", "You may also like ", "Recommended: ",
    "Most read: ", "Trending now: ", "Popular posts: ", "Latest news: ", "Post a comment", "Add comment", "Write a comment",
    "Join the discussion", "View all comments", "Load comments", "Comments are closed", "- ", "– ", "* ", "> ", "» ", "!",
    "Start › ", "You may also like: ", "Guess you like | ", "Popular stories » ",
] + [a + " " * 220 + b for a, b in [
    ("Post", "a comment"), ("Add", "a comment"), ("Write", "a comment"), ("Comment", "(12)"), ("Join", "the conversation"),
    ("View", "all comments"), ("Load", "comments"), ("Your", "email address will not be published"), ("Comments are", "closed"),
    ("Be", "the first to comment"), ("Leave", "a comment"), ("3", "comments"), ("Show", "comments:"),
]]


def test_a_quiet_long_line_is_no_noise():
    for start in NOISE_STARTS:
        for case in (str, str.upper, str.lower, str.title):
            for rest in ("", PAD, PAD + ")", PAD + " }"):
                for space in ("", " ", "\t", "\u3000"):
                    s = space + case(start) + rest + space
                    st_ = s.strip()
                    gate = len(st_) > 200 and "|" not in st_[:3] and lines._LONG_NOISE_START.match(st_) is None
                    assert lines.quiet_long_line(st_) == gate
                    if gate:
                        assert lines.simple_noise.__wrapped__(s) is None and lines.read_more.__wrapped__(s) is None, s
                        assert not lines.is_comment_prompt.__wrapped__(s) and not lines.is_fragment.__wrapped__(s)
                        assert lines.header_date(s) is None and not lines.is_section_label.__wrapped__(s)


def test_lines_up_to_the_limit_are_never_quiet():
    for width in range(185, 215):
        for noise in (" All rights reserved", " | Share on Facebook"):
            s = ("Sponsors and partners " + "x" * 300)[:width - len(noise)] + noise
            assert not lines.quiet_long_line(s) or lines.simple_noise.__wrapped__(s) is None, width


def test_the_ascii_shortcut_of_quiet_long_line_is_the_full_test():
    ascii_chars = [chr(c) for c in range(128)]
    for a in ascii_chars:
        for b in ascii_chars:
            st_ = (a + b + PAD).strip()
            want = len(st_) > 200 and "|" not in st_[:3] and lines._LONG_NOISE_START.match(st_) is None
            assert lines.quiet_long_line(st_) == want, repr(a + b)


# ----------------------------------------------------------------------------- metadata, reading

@SETTINGS
@given(st.lists(st.sampled_from([".", "!", "?", '"', "”", "’", ")", " ", "  ", "\t", "\n", "-", "--", "–", "—", "A", "Reuters",
                                 "Bernama", "x", "&", "'", "said", "AFP News Agency", "a-b"]), max_size=12).map("".join))
def test_closing_credit_search_from_the_last_dash(s):
    want, got = _CLOSING.search(s), _closing(s)
    assert (want is None) == (got is None)
    if want is not None:
        assert (want.span(), want.group("name")) == (got.span(), got.group("name"))


LINE_BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
TAILS = st.lists(st.tuples(st.sampled_from(["", " ", "\t ", "x", "Copyright Foo", " " * 19 + "(c) Bar", " " * 20 + "Copyright",
                                            "\u2028Copyright", "c", "©", "a" * 300, "b" * 509, "c" * 4000, "d" * 5000]),
                           st.sampled_from(LINE_BREAKS)), max_size=10).map(lambda xs: "".join(a + b for a, b in xs))


@SETTINGS
@given(TAILS, st.sampled_from(["", "end", "  ", "\r"]))
def test_last_line_copyright_lines_and_splitting(text, end):
    text += end
    kept = [ln for ln in text.splitlines() if ln.strip()]
    assert last_nonblank_line(text) == (kept[-1] if kept else "")
    texts, starts, stops = lines.split_texts(text)
    assert [(a, a + len(t), b, t) for t, a, b in zip(texts, starts, stops)] == [
        (ln.start, ln.end, ln.stop, ln.text) for ln in lines.split_lines(text)]
    want = [ln.text for ln in lines.split_lines(text) if ln.text[:20].lstrip()[:1] in ("C", "c", "©", "(")]
    assert list(_copyright_candidates(lines.analyze(text))) == want


# ----------------------------------------------------------------------------- cleaning

def _reference_clean(raw):
    """The original analyze + _drop_reasons + _clean_lines, line by line on split_lines."""
    ls = lines.split_lines(raw)
    n = len(ls)
    first = next((i for i, ln in enumerate(ls) if ln.text.strip()), None)
    prefix_end = prefix_date = None
    if first is not None:
        m = DATE_PREFIX.match(ls[first].text)
        if m:
            prefix_end, prefix_date = ls[first].start + m.end(), m.group("date")
    texts = [ln.text[prefix_end - ln.start:] if i == first and prefix_end is not None else ln.text for i, ln in enumerate(ls)]
    header_end, title, body, seen = n, None, None, 0
    if first is not None:
        for i in range(first, n):
            s = texts[i]
            if not s.strip():
                continue
            if lines.is_body_like(s):
                header_end = body = i
                break
            seen += 1
            if seen > lines.HEADER_MAX_LINES:
                header_end = i
                break
            if title is None and not (lines.simple_noise(s) or lines.is_section_label(s) or lines.header_date(s)
                                      or lines.is_comment_prompt(s) or lines.read_more(s)) and lines._looks_like_title(s):
                title = i
        if body is None:
            body = next((i for i in range(header_end, n) if lines.is_body_like(texts[i])), None)
    layout = (first, prefix_end, prefix_date, header_end, title, body)

    drop = [None] * n
    if first is not None:
        nonblank = [i for i in range(n) if texts[i].strip()]
        total_chars = sum(len(texts[i].strip()) for i in nonblank) or 1
        title_text = texts[title].strip() if title is not None else None
        if prefix_end is not None and not texts[first].strip():
            drop[first] = "date line"
        i = first
        while i < n:
            s = texts[i]
            if not s.strip():
                i += 1
                continue
            in_header = i < header_end
            reason = lines.simple_noise(s)
            if reason is None:
                kind = lines.read_more(s)
                if kind in ("strong", "weak"):
                    stop = _reference_block_stop(i, kind, texts, nonblank, total_chars)
                    for j in range(i, stop):
                        if texts[j].strip():
                            drop[j] = "related block"
                    i = stop
                    continue
                if lines.is_comment_prompt(s):
                    if not in_header:
                        for j in range(i, n):
                            if texts[j].strip():
                                drop[j] = "comments"
                        break
                    reason = "comments"
            if reason is None and i != title:
                if in_header and lines.header_date(s):
                    reason = "date line"
                elif in_header and lines.is_section_label(s):
                    reason = "section label"
                elif title_text is not None and s.strip() == title_text:
                    reason = "duplicate title"
                elif lines.is_fragment(s):
                    reason = "caption fragment"
            drop[i] = reason
            i += 1
        for i in range(n):
            if drop[i] is None and lines.is_table_filler(texts[i]) and (
                (i > 0 and drop[i - 1] == "image") or (i + 1 < n and drop[i + 1] == "image")
            ):
                drop[i] = "image"

    removed, kept, last_kept_blank = [], [], True
    for i, ln in enumerate(ls):
        start = ln.start
        if i == first and prefix_end is not None:
            removed.append((ln.start, prefix_end, "date line"))
            start = prefix_end
        if drop[i] is not None:
            if start < ln.stop:
                removed.append((start, ln.stop, drop[i]))
            continue
        if not raw[start:ln.end].strip():
            if last_kept_blank:
                continue
            last_kept_blank = True
        else:
            last_kept_blank = False
        kept.append((start, ln.stop))
    while kept and not raw[kept[-1][0]:kept[-1][1]].strip():
        kept.pop()
    segments, pos = [], 0
    for a, b in kept:
        if b <= a:
            continue
        if segments and segments[-1][1] + segments[-1][2] == a:
            segments[-1][2] += b - a
        else:
            segments.append([pos, a, b - a])
        pos += b - a
    merged = []
    for a, b, reason in removed:
        if merged and merged[-1][1] == a and merged[-1][2] == reason:
            merged[-1] = (merged[-1][0], b, reason)
        else:
            merged.append((a, b, reason))
    text = "".join(raw[a:b] for a, b in kept)
    return (text, tuple(tuple(s) for s in segments), tuple(merged)), layout


def _reference_block_stop(i, kind, texts, nonblank, total_chars):
    n = len(texts)
    rest = [j for j in nonblank if j > i]
    if not any(lines.is_body_like(texts[j]) for j in rest):
        return n
    if kind == "strong" and sum(len(texts[j].strip()) for j in rest) <= cleaning.TRAILER_SHARE * total_chars:
        return n
    j = i + 1
    while j < n and (not texts[j].strip() or not lines.is_body_like(texts[j]) and (
            cleaning._LIST_ITEM.match(texts[j]) or not lines.ends_with_sentence(texts[j]))):
        j += 1
    return j


BODY = "SEOUL, March 7, 2025 — South Korea signed a contract for 18 K9 howitzers worth $300 million. It was the second." + PAD
ARTICLE_LINES = [
    "", "", " ", "\t", "\u3000", "date 2025-01-02", "date 2025-01-02 Poland buys K2 tanks", "Poland buys K2 tanks from South Korea",
    "Poland buys K2 tanks from South Korea", "March 7, 2025", "Published: 2025-03-07 | Updated 9:40 AM", "By Staff Writer",
    "CEBU | REGIONAL NEWS", "Home › Defence › Asia", "Share this article", BODY, BODY, BODY, "A short body line. With two.",
    "Read more: Navy buys ships", "Related Articles", "Read more:", "- Item one", "1. Item two", "Leave a Reply", "Comments (3)",
    "![](http://x/y.png)", "| ![a](b) | Foto: x |", "|---|---|", "| |", "MRSS", "K239 Chunmoo", "(article 12)",
    "© 2025 Yonhap. All rights reserved.", "– Bernama", "{ \"slotId\": \"\", \"a\": 1 }",
] + [s + PAD for s in NOISE_STARTS]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ARTICLE_LINES), st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])), max_size=24)
       .map(lambda xs: "".join(a + b for a, b in xs)), st.sampled_from(["", "x", "\n"]))
def test_cleaning_is_the_line_by_line_algorithm(raw, end):
    raw += end
    (text, segments, removed), layout = _reference_clean(raw)
    clean, lay = cleaning._clean_lines(raw)
    assert (clean.text, clean.segments, clean.removed) == (text, segments, removed)
    assert (lay.first, lay.prefix_end, lay.prefix_date, lay.header_end, lay.title, lay.body) == layout
    assert [(ln.start, ln.end, ln.stop, ln.text) for ln in lay.lines] == [
        (ln.start, ln.end, ln.stop, ln.text) for ln in lines.split_lines(raw)]


def test_invisible_characters_are_still_mapped_back():
    raw = codecs.BOM_UTF8.decode("utf-8") + "Poland buys\u200d K2\r\n\r\n" + BODY + "\x00\n" + "Read more: x\u202e\n"
    ct = cleaning.clean_text(raw)
    assert ct.n_removed_controls == 4
    assert all(raw[ct.to_raw(i)] == c for i, c in enumerate(ct.text))
    assert re.search("Read more", ct.text) is None
