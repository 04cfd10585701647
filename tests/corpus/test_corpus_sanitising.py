"""Hostile Unicode: invisible format / control characters are dropped with an exact offset map."""
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus import DocumentRejected, clean_text, decode_bytes, infer_metadata, read_document
from pipeline.corpus.cleaning import same_char
from pipeline.corpus.sanitising import INVISIBLE, compose, strip_invisible

BODY = ("SEOUL: South Korea and Poland signed a contract for 180 K2 tanks worth $6 billion on Friday, "
        "the defence ministry said. Deliveries start in 2025.")
ARTICLE = f"Poland buys K2 tanks from South Korea\n\n{BODY}\n\nShare this\n"
ZWJ, ZWSP, RLO, PDF, LRM, BOM, SHY, NUL, TAG_A = (
    "\u200d", "\u200b", "\u202e", "\u202c", "\u200e", "\ufeff", "\u00ad", "\x00", "\U000e0041")
HOSTILE = [ZWJ, ZWSP, RLO, PDF, LRM, BOM, SHY, NUL, TAG_A, "\u2066", "\u2069", "\u2060", "\x07", "\x1b", "\x85"]


def assert_map(raw, ct):
    for i, ch in enumerate(ct.text):
        assert same_char(raw[ct.to_raw(i)], ch), i
    assert 0 <= ct.to_raw(len(ct.text)) <= len(raw)
    raws = [ct.to_raw(i) for i in range(len(ct.text))]
    assert raws == sorted(set(raws))  # strictly increasing: no character is mapped twice


def test_the_class_is_every_control_and_format_character_and_nothing_visible():
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cf") and c not in "\t\n\r":
            assert INVISIBLE.fullmatch(c), f"U+{cp:04X} ({cat}) is not dropped"
        elif INVISIBLE.fullmatch(c):
            # a code point unassigned in this Python's Unicode, format in a later one
            assert cat == "Cn", f"U+{cp:04X} ({cat}) is dropped"


def test_strip_invisible():
    assert strip_invisible("plain\ttext\r\n") == ("plain\ttext\r\n", ((0, 0, 12),), 0)
    assert strip_invisible("") == ("", (), 0)
    text, segments, n = strip_invisible(f"{ZWJ}South{ZWJ}{ZWSP} Korea{NUL}")
    assert (text, n) == ("South Korea", 4)
    assert segments == ((0, 1, 5), (5, 8, 6))


def test_compose_chains_two_maps():
    raw = "a\u200bbc\u200bd"  # middle "abcd"
    middle, inner, _ = strip_invisible(raw)
    outer = ((0, 1, 2),)  # "bc" of the middle text
    assert [raw[r + i] for _, r, n in compose(outer, inner) for i in range(n)] == ["b", "c"]


@pytest.mark.parametrize("ch", HOSTILE)
def test_hostile_character_inside_a_name_is_dropped(ch):
    raw = ARTICLE.replace("South Korea", f"South{ch} Korea").replace("Poland buys", f"{ch}Poland{ch}{ch} buys")
    ct = clean_text(raw)
    assert ch not in ct.text
    assert ct.text == clean_text(ARTICLE).text
    assert ct.n_removed_controls == raw.count(ch)
    assert_map(raw, ct)
    assert any(reason == "invisible character" for _, _, reason in ct.removed)


def test_rtl_override_and_isolates_do_not_survive():
    raw = ARTICLE.replace("K2 tanks worth", f"K2 {RLO}sknat{PDF} \u2067worth\u2069")
    text = clean_text(raw).text
    assert not any(unicodedata.bidirectional(c) in ("RLO", "LRO", "RLE", "LRE", "PDF", "RLI", "LRI", "FSI", "PDI")
                   for c in text)
    assert "K2 sknat worth" in text


def test_metadata_ignores_invisible_characters():
    raw = f"{ZWJ}Poland buys K2{ZWSP} tanks from South{ZWJ} Korea\nMarch{NUL} 7, 2025\n\n{BODY} {RLO}– Yonhap\n"
    meta = infer_metadata(raw)
    assert meta.title == "Poland buys K2 tanks from South Korea"
    assert (meta.published, meta.publisher) == ("2025-03-07", "Yonhap")


def test_a_few_stray_nuls_keep_a_text_file():
    data = ARTICLE.encode("utf-8")
    data = data[:20] + b"\x00" + data[20:60] + b"\x00\x00" + data[60:]
    text, enc = decode_bytes(data)
    assert enc == "utf-8" and text.count(NUL) == 3
    doc = read_document("nul.txt", data)
    assert NUL not in doc.text and doc.n_removed_controls == 3
    assert doc.text == clean_text(ARTICLE).text
    raw = data.decode(doc.encoding)
    assert all(raw[doc.to_raw(i)] == c for i, c in enumerate(doc.text))


def test_stray_nuls_in_cp1252_text():
    data = ARTICLE.replace("Share this", "\u201cwe are pleased\u201d, he said.").encode("cp1252")
    data = data.replace(b"Friday", b"Fri\x00day")
    doc = read_document("cp.txt", data)
    assert doc.encoding == "cp1252" and "Friday" in doc.text and doc.n_removed_controls == 1


def test_many_nuls_are_binary():
    data = ARTICLE.encode("utf-8")
    data = b"\x00".join(data[i:i + 20] for i in range(0, len(data), 20)) + b"\x00" * 10
    with pytest.raises(DocumentRejected) as e:
        decode_bytes(data)
    assert e.value.reason == "binary" and "NUL" in str(e.value)


def test_utf16_text_with_a_nul_character_is_kept():
    data = ARTICLE.replace("Friday", f"Fri{NUL}day").encode("utf-16")
    doc = read_document("u16.txt", data)
    assert doc.encoding == "utf-16" and "Friday" in doc.text and doc.n_removed_controls == 1


INVISIBLES = st.sampled_from(HOSTILE + ["\u2062", "\ufff9", "\u061c", "\U000e007f", "\x7f", "\x0c", "\x0b"])
LINES = st.sampled_from([
    "Poland buys K2 tanks from South Korea", BODY, "Share this", "Home › A › B", "March 7, 2025",
    "By Staff Writer", "Guess You Like", "Read more:", "- item", "", " ", "\r", "date 2025-01-02", "MRSS",
])


@st.composite
def text_with_invisibles(draw):
    """(raw, the same text without its inserted invisible characters)."""
    plain = "\n".join(draw(st.lists(LINES, max_size=12))) + draw(st.text(max_size=60))
    plain = strip_invisible(plain)[0]
    positions = draw(st.lists(st.integers(0, len(plain)), max_size=15))
    chars = draw(st.lists(INVISIBLES, min_size=len(positions), max_size=len(positions)))
    raw = plain
    for pos, ch in sorted(zip(positions, chars), reverse=True):
        raw = raw[:pos] + ch + raw[pos:]
    return raw, plain


@settings(max_examples=200, deadline=None)
@given(text_with_invisibles())
def test_property_invisible_characters_change_nothing_but_the_map(pair):
    raw, plain = pair
    ct = clean_text(raw)
    assert not INVISIBLE.search(ct.text)
    assert ct.text == clean_text(plain).text
    assert ct.n_removed_controls == len(raw) - len(plain)
    assert_map(raw, ct)
    pos = 0
    for c, r, n in ct.segments:
        assert c == pos and n > 0
        pos += n
    assert pos == len(ct.text)
    for a, b, reason in ct.removed:
        assert 0 <= a < b <= len(raw) and reason
