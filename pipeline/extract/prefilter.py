"""Cheap tests, run before the expensive patterns, that rule out text those patterns cannot match.

Most sentences of an article carry no cue at all.  A gate is only ever a *superset* test: when it
says no, the full pattern provably finds nothing, so skipping it changes no output; when it says
yes, the full pattern runs as before.

``Keywords`` holds literal words that every match of the full pattern contains once folded
(``fold``), looked up with ``in`` (a case-insensitive `re` alternation with word boundaries costs
5-10x more per sentence).
"""
from __future__ import annotations


def fold(text: str) -> str:
    """Lower-cased text in which any span a pattern matches, case-insensitively or not, reads as
    that span's ASCII lower-case letters, so a keyword test on it never misses what `re` finds.

    ``str.lower`` alone is not enough: `re.IGNORECASE` also lets "İ" (which lower-cases to two
    characters) match "i", and "ı" match "i", "ſ" match "s".  tests/test_extract_speed_gates.py
    checks every code point."""
    if text.isascii():
        return text.lower()
    if "İ" in text:
        text = text.replace("İ", "I")
    low = text.lower()
    if "ı" in low:
        low = low.replace("ı", "i")
    if "ſ" in low:
        low = low.replace("ſ", "s")
    return low


class Keywords:
    """A gate: literal words, one of which every match of the full pattern contains: lower-case
    words looked up in folded text for a case-insensitive pattern, words as written in the text
    itself for a case-sensitive one."""

    __slots__ = ("words",)

    def __init__(self, *words: str):
        self.words = words

    def in_(self, text: str) -> bool:
        for w in self.words:
            if w in text:
                return True
        return False
