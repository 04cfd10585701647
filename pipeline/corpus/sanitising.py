"""Drop invisible format and control characters, keeping an exact map back to the raw text.

A zero-width joiner inside a name ("South\u200dKorea"), a right-to-left override (U+202E) or a
stray NUL is invisible to a reader but splits or disguises a word for the extractor and can
hide or reorder text. Such characters are removed one by one before the line cleaning runs,
so that the cleaner, the metadata inference and the extractor all see the same plain text,
and every kept character still maps to its raw offset.

Removed: Unicode category Cc except TAB, LF and CR (line breaks), and category Cf (zero-width
space/joiners, word joiner, BOM, soft hyphen, bidi embeddings/overrides/isolates, LRM/RLM,
tag characters...). The list is written out rather than read from ``unicodedata`` so that the
output does not change with the Unicode version of the Python running it.
"""
from __future__ import annotations

import re
from bisect import bisect_right

Segment = tuple[int, int, int]  # (clean_start, raw_start, length): a run of kept characters

KEPT_CONTROLS = "\t\n\r"
# Cc without TAB/LF/CR, then every Cf code point of Unicode 15.1 (those of the BMP, then the astral ones).
_BMP_INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_ASTRAL_INVISIBLE = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE_CLASS = _BMP_INVISIBLE + _ASTRAL_INVISIBLE
INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]+")
# A superset of INVISIBLE that `re` scans 3x faster: every astral code point as one range instead
# of the scattered astral Cf ranges. strip_invisible no longer scans a whole text for either (it
# scans its few unusual_chars with INVISIBLE itself); kept for callers and tests of the superset.
_MAYBE_INVISIBLE = re.compile(f"[{_BMP_INVISIBLE}\U00010000-\U0010ffff]")

# Printable ASCII, TAB, LF and CR: none of them is invisible (nor a control character that
# decoding counts), and they are almost all of an article's characters.
PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def unusual_chars(text: str) -> str:
    """The characters of ``text`` other than printable ASCII, TAB, LF and CR, in their order.

    Exact, and 5x faster than scanning ``text`` with a regex: deleting ASCII bytes from UTF-8 deletes
    whole characters (an ASCII byte is never part of a multi-byte sequence), so what is left is the
    UTF-8 of exactly the other characters ("surrogatepass" round-trips lone surrogates one by one,
    never pairing them). A one-character class that contains none of ``PLAIN_ASCII`` (such as
    INVISIBLE's) therefore matches as many characters in the result as in ``text``."""
    return text.encode("utf-8", "surrogatepass").translate(None, PLAIN_ASCII).decode("utf-8", "surrogatepass")


def strip_invisible(raw: str, unusual: str | None = None) -> tuple[str, tuple[Segment, ...], int]:
    """(text without invisible characters, its segments into ``raw``, number removed).

    ``unusual``, if given, must be ``unusual_chars(raw)`` (decoding has it already)."""
    # Almost no article has an invisible character: one scan of its few unusual characters proves it.
    if INVISIBLE.search(unusual_chars(raw) if unusual is None else unusual) is None:
        return raw, ((0, 0, len(raw)),) if raw else (), 0
    segments: list[Segment] = []
    parts: list[str] = []
    pos = kept = removed = 0
    for m in INVISIBLE.finditer(raw):
        if m.start() > pos:
            segments.append((kept, pos, m.start() - pos))
            parts.append(raw[pos:m.start()])
            kept += m.start() - pos
        removed += m.end() - m.start()
        pos = m.end()
    if not removed:
        return raw, ((0, 0, len(raw)),) if raw else (), 0
    if pos < len(raw):
        segments.append((kept, pos, len(raw) - pos))
        parts.append(raw[pos:])
    return "".join(parts), tuple(segments), removed


def invisible_runs(raw: str) -> list[tuple[int, int]]:
    """Raw spans [start, end) of the runs of invisible characters."""
    return [m.span() for m in INVISIBLE.finditer(raw)]


def compose(outer: tuple[Segment, ...], inner: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Chain two offset maps: ``outer`` maps a text into a middle text, ``inner`` maps the middle
    text into the raw one (and covers every middle character). Result: text -> raw."""
    starts = [s[0] for s in inner]
    out: list[list[int]] = []
    for cs, ms, ln in outer:
        end = ms + ln
        k = bisect_right(starts, ms) - 1
        while ms < end:
            i_ms, i_rs, i_ln = inner[k]
            take = min(end, i_ms + i_ln) - ms
            rs = i_rs + (ms - i_ms)
            if out and out[-1][0] + out[-1][2] == cs and out[-1][1] + out[-1][2] == rs:
                out[-1][2] += take
            else:
                out.append([cs, rs, take])
            cs, ms, k = cs + take, ms + take, k + 1
    return tuple((c, r, n) for c, r, n in out)

