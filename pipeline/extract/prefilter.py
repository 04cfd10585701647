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

    def narrowed(self, document: str | None) -> Keywords:
        """The gate for the sentences of one document: only the words that occur in `document`
        (the whole text, folded), so the same answers on any part of it with fewer tests per
        sentence.  `document` None: this gate unchanged."""
        if document is None:
            return self
        return Keywords(*[w for w in self.words if w in document])


class SentenceKeywords(Keywords):
    """A gate asked of every sentence: answers are remembered by (folded) sentence, as a corpus
    repeats sentences; the memo is dropped when full, so memory stays bounded."""

    __slots__ = ("_seen",)
    MEMO_SIZE = 8192

    def __init__(self, *words: str):
        super().__init__(*words)
        self._seen: dict[str, bool] = {}

    def in_(self, text: str) -> bool:
        found = self._seen.get(text)
        if found is None:
            found = Keywords.in_(self, text)
            if len(self._seen) >= self.MEMO_SIZE:
                self._seen.clear()
            self._seen[text] = found
        return found
