"""Decode the raw bytes of an article: BOM-aware, then UTF-8, then cp1252, then latin-1.

The returned encoding is the one that reproduces the text: ``data.decode(encoding, errors="replace")``
(exactly ``data.decode(encoding)`` unless bytes were replaced, see below).

UTF-8 with a few bad bytes: a file with valid UTF-8 sequences (curly quotes, accents) and a few
invalid bytes (a truncated or corrupted spot, one pasted cp1252 quote) is UTF-8 all the same:
read as cp1252 whole, every one of its accents and quotes would turn into mojibake ("â€™").
The bad bytes become U+FFFD and are counted (``Decoded.n_replaced_bytes``). Only a file that is
clearly not UTF-8 falls back to cp1252: invalid runs over ``INVALID_RUN_SHARE_MAX`` of the
non-ASCII sequences, or invalid bytes over ``REPLACED_SHARE_MAX`` of the file (a cp1252 file has
invalid bytes and no valid sequence).

Non-Western legacy encodings (windows-1251 Cyrillic, GBK Chinese, EUC-KR Korean...) read as
cp1252 or latin-1 without an error, as mojibake ("Ìèíèñòåðñòâî"): a file whose letters would
then be almost all non-ASCII (``NON_LATIN_SHARE_MIN``) is refused as ``undecodable`` rather
than published garbled. Western text has mostly ASCII letters even in French or Portuguese.

Binary or text? A file is binary when it starts with a known magic number, when it has more
NUL bytes than ``NUL_SHARE_MAX`` of its size or ``STRAY_NULS_MAX``, whichever is more (unless
they sit on every other byte, as in UTF-16), or when its decoded text has more than
``CONTROL_SHARE_MAX`` control characters. A text file with a handful of stray NULs (a broken
scraper, a half-written page) is decoded as text; the NULs are then dropped by cleaning.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import DocumentRejected
from .sanitising import PLAIN_ASCII, unusual_chars

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
]
CONTROL_SHARE_MAX = 0.05  # more control characters than this (besides \t \n \r \f \v) => binary
# More NULs than the larger of these => binary; fewer are stray bytes in a text file (for a
# short file the control-character share below still applies to them).
NUL_SHARE_MAX = 0.01
STRAY_NULS_MAX = 10


# the first bytes of the magic numbers above and of "RIFF": a file starting with none of them
# (nor with "ftyp" at offset 4) matches none of the startswith() tests, so they are skipped
_MAGIC_FIRST = frozenset(magic[:1] for magic, _ in _MAGIC) | {b"R"}


def _sniff_magic(data: bytes) -> str | None:
    if data[:1] not in _MAGIC_FIRST and data[4:8] != b"ftyp":
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media file"
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media file"
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit on every other byte like ASCII text in UTF-16."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    if odd_nul >= 0.3 * half and even_nul <= 0.01 * half:
        return "utf-16-le"
    if even_nul >= 0.3 * half and odd_nul <= 0.01 * half:
        return "utf-16-be"
    return None


def _too_many_nuls(n_nul: int, n: int) -> bool:
    return n_nul > max(STRAY_NULS_MAX, NUL_SHARE_MAX * n)


# the control characters counted by _control_share: C0 except \t \n \v \f \r, DEL, C1
# (one regex scan instead of a Python loop over every character: 10x faster on an article)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str, unusual: str | None = None) -> float:
    """Share of control characters in ``text``; ``unusual`` is ``unusual_chars(text)`` if known.

    Counted in the unusual characters only: _CONTROL contains none of the printable ASCII / TAB /
    LF / CR characters left out of them, so it finds the same characters there (4x faster)."""
    n = len(_CONTROL.findall(unusual_chars(text) if unusual is None else unusual))
    return n / max(len(text), 1)


# UTF-8 with replacements: invalid bytes at most this share of the file, and runs of them at most
# this share of its non-ASCII sequences (valid or not). A cp1252 article has no valid sequence (a
# valid pair such as "Ã©" is itself mojibake); random or non-UTF-8 bytes have far more invalid
# runs than valid sequences, and more invalid bytes than 1 %.
REPLACED_SHARE_MAX = 0.01
INVALID_RUN_SHARE_MAX = 0.25
# surrogateescape decodes each invalid byte to one lone surrogate U+DC80..U+DCFF
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _utf8_with_replacements(data: bytes) -> tuple[str, int] | None:
    """(``data.decode("utf-8", "replace")``, number of invalid bytes) for a UTF-8 file with a few
    bad bytes; None when the file is clearly not UTF-8 (see the module docstring)."""
    escaped = data.decode("utf-8", "surrogateescape")
    runs = _ESCAPED_RUN.findall(escaped)
    n_bad = sum(map(len, runs))
    if n_bad > REPLACED_SHARE_MAX * len(data):
        return None
    # every ASCII byte, invalid byte and valid multi-byte sequence is one character of `escaped`
    n_ascii = len(data.translate(None, _HIGH_BYTES))
    n_valid = len(escaped) - n_ascii - n_bad
    if len(runs) > INVALID_RUN_SHARE_MAX * (n_valid + len(runs)):
        return None
    return data.decode("utf-8", "replace"), n_bad


# A non-Western legacy encoding read as cp1252 / latin-1: refused when at least this many letters,
# and this share of them, are non-ASCII. Random Latin-1 text (about half its letters non-ASCII)
# stays far below; Cyrillic and CJK mojibake is nearly all non-ASCII letters, even with a few
# Latin names ("K9", "NATO") in it.
NON_LATIN_LETTERS_MIN = 60
NON_LATIN_SHARE_MIN = 0.8
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LETTER = re.compile(r"[^\W\d_]")


def _refuse_non_western(data: bytes, encoding: str, unusual: str) -> None:
    """Raise DocumentRejected("undecodable") if ``data`` read as ``encoding`` (cp1252 / latin-1:
    one character a byte) looks like mojibake of a non-Western legacy encoding."""
    # cheap gate: too few non-ASCII characters to reach the minimum (the usual English file)
    if len(unusual) < NON_LATIN_LETTERS_MIN * NON_LATIN_SHARE_MIN:
        return
    n_other = len(_LETTER.findall(unusual))  # no ASCII letter is in `unusual`
    n_letters = n_other + len(data) - len(data.translate(None, _ASCII_LETTERS))
    if n_other >= NON_LATIN_SHARE_MIN * n_letters and n_letters >= NON_LATIN_LETTERS_MIN:
        raise DocumentRejected(
            "undecodable",
            f"the file is not UTF-8, and read as {encoding} {n_other:,} of its {n_letters:,} letters would be "
            "non-ASCII: it looks like text in a non-Western legacy encoding (e.g. windows-1251 Cyrillic, GBK "
            "Chinese, EUC-KR Korean), which would be published garbled; save it as UTF-8",
        )


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # text == data.decode(encoding, errors="replace")
    unusual: str  # sanitising.unusual_chars(text), reused by cleaning
    n_replaced_bytes: int = 0  # invalid UTF-8 bytes read as U+FFFD


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DocumentRejected("empty" | "binary" | "undecodable")."""
    decoded = decode_article(data)
    return decoded.text, decoded.encoding


def decode_with_unusual(data: bytes) -> tuple[str, str, str]:
    """decode_bytes, plus ``sanitising.unusual_chars(text)`` (computed anyway, reused by cleaning)."""
    decoded = decode_article(data)
    return decoded.text, decoded.encoding, decoded.unusual


def decode_article(data: bytes) -> Decoded:
    """decode_with_unusual, plus the number of invalid UTF-8 bytes replaced."""
    n_replaced = 0
    if not data:
        raise DocumentRejected("empty", "the file is empty (0 bytes)")
    what = _sniff_magic(data)
    if what:
        raise DocumentRejected("binary", f"the file looks binary: it starts like a {what}")

    text = encoding = None
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        encoding = _bomless_utf16(data)
        n_nul = data.count(0)
        if encoding is None and _too_many_nuls(n_nul, len(data)):
            raise DocumentRejected("binary", f"the file looks binary: {n_nul:,} of its {len(data):,} bytes are NUL")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            if encoding == "utf-32":  # an FF FE 00 00 start can also be UTF-16 LE + U+0000
                try:
                    text, encoding = data.decode("utf-16"), "utf-16"
                except UnicodeDecodeError:
                    pass
            if text is None:
                raise DocumentRejected(
                    "undecodable", f"the file claims {encoding} (byte-order mark / layout) but is not valid "
                    f"{encoding} at byte {e.start}"
                ) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            repaired = _utf8_with_replacements(data)
            if repaired is not None:
                text, n_replaced = repaired
                encoding = "utf-8"
            else:
                for encoding in ("cp1252", "latin-1"):
                    try:
                        text = data.decode(encoding)
                        break
                    except UnicodeDecodeError:
                        continue
    assert text is not None and encoding is not None
    if not text.strip():
        raise DocumentRejected("empty", "the file contains only whitespace")
    if encoding == "utf-8" and not n_replaced:
        # text == data.decode("utf-8"), so the UTF-8 bytes unusual_chars would encode are `data`
        unusual = data.translate(None, PLAIN_ASCII).decode("utf-8")
    else:
        unusual = unusual_chars(text)
    if encoding in ("cp1252", "latin-1"):
        _refuse_non_western(data, encoding, unusual)
    # NUL is one of the unusual characters: it is counted there
    if _too_many_nuls(unusual.count("\x00"), len(text)) or _control_share(text, unusual) > CONTROL_SHARE_MAX:
        raise DocumentRejected("binary", "the file looks binary: too many NUL or control characters")
    return Decoded(text, encoding, unusual, n_replaced)
