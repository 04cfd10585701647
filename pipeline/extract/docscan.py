"""Which sentences of a document a gate word or a pattern can be in, from one scan of the whole
document instead of one test per sentence.

Most sentences of an article pass no gate (see prefilter) and name no system: asking each of
~40 sentences costs more than finding the few occurrences in the document and mapping them to
the sentences that hold them (bisect on the sentence starts).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .prefilter import Keywords



class SentenceScan:
    """The sentences of one document (spans in `text`) and answers about them found by scanning
    `folded` (prefilter.fold(text), which folds character by character) or `text` once."""

    __slots__ = ("text", "folded", "starts", "ends", "unsafe", "_words")

    def __init__(self, text: str, folded: str, starts: list[int], ends: list[int]):
        self.text, self.folded, self.starts, self.ends = text, folded, starts, ends
        # [\w-] is str.isalnum, "_" or "-"
        self.unsafe = frozenset(k for k, s in enumerate(starts) if s and (text[s - 1].isalnum() or text[s - 1] in "_-"))
        self._words: dict[Keywords, frozenset[int]] = {}

    def sentence_at(self, pos: int) -> int:
        """Index of the last sentence starting at or before `pos` (-1: none)."""
        return bisect_right(self.starts, pos) - 1

    def with_words(self, gate: Keywords) -> frozenset[int]:
        """Exactly the sentences k with gate.in_(fold(sentence k)): an (ASCII, lower-case) word is in a
        folded sentence iff it occurs in the folded document within the sentence's span, because
        fold maps each character on its own (only the Greek final sigma depends on its neighbours,
        and no gate word has one; tests/test_extract_speed_docscan.py checks both)."""
        found = self._words.get(gate)
        if found is None:
            found = self._words[gate] = frozenset(self._containing(gate.words))
        return found

    def _containing(self, words) -> set[int]:
        folded, starts, ends = self.folded, self.starts, self.ends
        out: set[int] = set()
        for w in words:
            n = len(w)
            i = folded.find(w)
            while i >= 0:
                k = bisect_right(starts, i) - 1
                if k >= 0 and i + n <= ends[k]:
                    out.add(k)
                    # any later occurrence starting inside sentence k is in k or crosses its end
                    i = folded.find(w, ends[k])
                else:
                    i = folded.find(w, i + 1)
        return out

    def touched_by(self, pattern: re.Pattern) -> set[int]:
        """A superset of the sentences in which `pattern`, searched alone, finds a match: the
        sentences a match of one scan of the document overlaps, plus the `unsafe` ones.

        Valid for patterns that match no empty string, use no ^ or $, and look around a match only
        with \\b or a one-character look-behind/ahead of [\\w-] (the gazetteer tries, designations,
        class names).  Why: a sentence ends before whitespace or at the end of the text, so a
        look-ahead or \\b at its end answers as at the end of a string; it starts after a
        character outside [\\w-] unless `unsafe`, so a look-behind at its start answers as at the
        start of a string.  So wherever the sentence alone has a match, the document scan either
        matches at the same place or had consumed that place with an earlier match: both overlap
        the sentence."""
        starts, ends = self.starts, self.ends
        n = len(starts)
        out = set(self.unsafe)
        for m in pattern.finditer(self.text):
            a, b = m.span()
            k = bisect_right(starts, a) - 1
            if k < 0 or ends[k] <= a:
                k += 1  # the match starts between sentences
            while k < n and starts[k] < b:
                out.add(k)
                k += 1
        return out
