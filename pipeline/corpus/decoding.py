"""Decode the raw bytes of an article: BOM-aware, then strict UTF-8, then cp1252, then latin-1.

The returned encoding is the one that reproduces the text exactly: ``data.decode(encoding)``.

Binary or text? A file is binary when it starts with a known magic number, when it has more
NUL bytes than ``NUL_SHARE_MAX`` of its size or ``STRAY_NULS_MAX``, whichever is more (unless
they sit on every other byte, as in UTF-16), or when its decoded text has more than
``CONTROL_SHARE_MAX`` control characters. A text file with a handful of stray NULs (a broken
scraper, a half-written page) is decoded as text; the NULs are then dropped by cleaning.
"""
from __future__ import annotations

import codecs
import re

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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises DocumentRejected("empty" | "binary" | "undecodable")."""
    text, encoding, _ = decode_with_unusual(data)
    return text, encoding


def decode_with_unusual(data: bytes) -> tuple[str, str, str]:
    """decode_bytes, plus ``sanitising.unusual_chars(text)`` (computed anyway, reused by cleaning)."""
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
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    assert text is not None and encoding is not None
    if not text.strip():
        raise DocumentRejected("empty", "the file contains only whitespace")
    if encoding == "utf-8":
        # text == data.decode("utf-8"), so the UTF-8 bytes unusual_chars would encode are `data`
        unusual = data.translate(None, PLAIN_ASCII).decode("utf-8")
    else:
        unusual = unusual_chars(text)
    # NUL is one of the unusual characters: it is counted there
    if _too_many_nuls(unusual.count("\x00"), len(text)) or _control_share(text, unusual) > CONTROL_SHARE_MAX:
        raise DocumentRejected("binary", "the file looks binary: too many NUL or control characters")
    return text, encoding, unusual
