"""Property-based tests of the corpus parsers: arbitrary Unicode never raises (except
DocumentRejected where a file is refused), parsing is idempotent where it should be, and
decoding round-trips."""
import codecs

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.corpus import (
    DocumentRejected,
    clean_text,
    decode_bytes,
    infer_metadata,
    parse_iso_date,
    read_document,
    read_manifest,
)
from pipeline.corpus.cleaning import same_char
from pipeline.corpus.errors import REASONS
from pipeline.corpus.manifest import normalize_path
from pipeline.corpus.sanitising import strip_invisible

SETTINGS = settings(max_examples=200, deadline=None)

# surrogate-free Unicode, control and format characters included
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
# ... and text that looks like an article or a manifest, with hostile characters sprinkled in
PIECES = st.sampled_from([
    "Poland buys K2 tanks from South Korea", "March 7, 2025", "Published: 2025-03-07", "By Staff Writer",
    "SEOUL, March 7, 2025 — South Korea signed a contract for 18 K9 howitzers worth $300 million.",
    "Share this", "Related Articles", "© 2025 Yonhap. All rights reserved.", "date 2025-01-02", "– Bernama",
    "\u200d", "\u202e", "\x00", "\ufeff", "\r\n", "\n", ",", '"', "file,url,publisher,published", "2025-13-45",
    "=HYPERLINK(\"http://evil\",\"x\")", "\U0001F600", "\u0645\u0635\u0631",
])
ARTICLE_LIKE = st.lists(PIECES | ANY_TEXT, max_size=12).map("".join)
TEXTS = ANY_TEXT | ARTICLE_LIKE


@SETTINGS
@given(TEXTS)
def test_clean_text_never_raises_and_maps_back(raw):
    ct = clean_text(raw)
    assert all(same_char(raw[ct.to_raw(i)], c) for i, c in enumerate(ct.text))


@SETTINGS
@given(TEXTS)
def test_infer_metadata_never_raises(raw):
    meta = infer_metadata(raw)
    if meta.published is not None:
        assert parse_iso_date(meta.published) == (meta.published, meta.published_precision)
    for value in (meta.title, meta.publisher):
        assert value is None or value == strip_invisible(value)[0]


DATE_LIKE = st.one_of(
    ANY_TEXT,
    st.from_regex(r"\s*\d{1,5}(-\d{1,3}(-\d{1,3}([T ][\d:.]{0,12}(Z|[+-]\d{2}:?\d{2})?)?)?)?\s*", fullmatch=True),
    st.dates().map(lambda d: d.isoformat()),
)


@SETTINGS
@given(DATE_LIKE)
def test_parse_iso_date_never_raises_and_is_idempotent(value):
    parsed = parse_iso_date(value)
    if parsed is not None:
        iso, precision = parsed
        assert parse_iso_date(iso) == parsed  # its own output parses to itself
        assert precision == {4: "year", 7: "month", 10: "day"}[len(iso)]


@SETTINGS
@given(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
def test_read_document_rejects_or_reads(text, encoding):
    data = text.encode(encoding, errors="replace")
    try:
        doc = read_document("x.txt", data)
    except DocumentRejected as e:
        assert e.reason in REASONS
        return
    raw = data.decode(doc.encoding)
    assert all(same_char(raw[doc.to_raw(i)], c) for i, c in enumerate(doc.text))
    assert doc.n_chars == len(doc.text) and doc.n_removed_controls >= 0


MANIFEST_LIKE = st.lists(
    st.lists(PIECES | ANY_TEXT | st.sampled_from(["a.txt", "./b.txt", "2025-09", "https://x.org", ""]), max_size=6)
    .map(",".join), max_size=8,
).map("\n".join)


@SETTINGS
@given(ANY_TEXT | MANIFEST_LIKE | st.just("file,url,publisher,published\n").flatmap(
    lambda h: MANIFEST_LIKE.map(lambda body: h + body)))
def test_read_manifest_never_raises(text):
    rows, problems = read_manifest(text)
    assert all(isinstance(p, str) for p in problems)
    for name, row in rows.items():
        assert name == row.file and name == normalize_path(name)  # normalising is idempotent
        assert row.published is None or parse_iso_date(row.published)[0] == row.published


# text a decoder can reproduce exactly: no control characters, not blank, no leading BOM (which
# is read as one), not starting like a binary format
PRINTABLE = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=300)


def _plausible(text: str) -> bool:
    return bool(text.strip()) and not text.startswith(("\ufeff", "%PDF-", "GIF87a", "GIF89a"))


@SETTINGS
@given(PRINTABLE)
def test_utf8_round_trip(text):
    assume(_plausible(text))
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")


@SETTINGS
@given(PRINTABLE)
def test_utf16_with_bom_round_trip(text):
    assume(_plausible(text))
    for data in (text.encode("utf-16"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")):
        assert decode_bytes(data) == (text, "utf-16")


CP1252_CHARS = [c for c in map(chr, range(0x20, 0x100)) if c != "\x7f" and not ("\x80" <= c <= "\x9f")]
CP1252_CHARS += [bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)]


@SETTINGS
@given(st.text(alphabet=st.sampled_from(CP1252_CHARS + ["\n", "\t"]), min_size=1, max_size=300))
def test_cp1252_round_trip(text):
    assume(_plausible(text))
    data = text.encode("cp1252")
    try:
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        assert decode_bytes(data) == (text, "cp1252")
        return
    # cp1252 bytes that are valid UTF-8 too (pure ASCII, "Ã©"...) are read as UTF-8, like any
    # UTF-8 file; "Â\x8c" then reads as a C1 control character, so the file may be refused
    try:
        assert decode_bytes(data) == (as_utf8, "utf-8")
    except DocumentRejected as e:
        # ... or as nothing at all: "Â…" is the UTF-8 of U+0085, a line break (whitespace)
        assert e.reason == "binary" or (e.reason == "empty" and not as_utf8.strip())
