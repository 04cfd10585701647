"""Which sentences of a document a gate word or a pattern can be in, from one scan of the whole
document instead of one test per sentence.

Most sentences of an article pass no gate (see prefilter) and name no system: asking each of
~40 sentences costs more than finding the few occurrences in the document and mapping them to
the sentences that hold them (bisect on the sentence starts).
"""
from __future__ import annotations

import re
from bisect import bisect_right

import ahocorasick

from .prefilter import Keywords

# Gates asked of every sentence of every article (document_gate): answered together in one pass.
DOCUMENT_GATES: list[Keywords] = []


def document_gate(gate: Keywords) -> Keywords:
    """Register `gate` as asked of every sentence (see SentenceScan.with_words)."""
    DOCUMENT_GATES.append(gate)
    return gate


def _automaton() -> ahocorasick.Automaton:
    """An automaton over the words of DOCUMENT_GATES: word -> (length, indices of its gates);
    built again when a gate has been registered since."""
    global _AUTOMATON
    if _AUTOMATON is None or _AUTOMATON[0] != len(DOCUMENT_GATES):
        owners: dict[str, list[int]] = {}
        for i, gate in enumerate(DOCUMENT_GATES):
            for w in gate.words:
                owners.setdefault(w, []).append(i)
        automaton = ahocorasick.Automaton()
        for w, gates in owners.items():
            automaton.add_word(w, (len(w), tuple(gates)))
        automaton.make_automaton()
        _AUTOMATON = (len(DOCUMENT_GATES), automaton)
    return _AUTOMATON[1]


_AUTOMATON: tuple[int, ahocorasick.Automaton] | None = None


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
        and no gate word has one; tests/test_extract_speed_docscan.py checks both).  The
        DOCUMENT_GATES are all answered by the first such question, in one pass."""
        found = self._words.get(gate)
        if found is None:
            if gate in DOCUMENT_GATES:
                self._words.update(self._document_gates())
                found = self._words[gate]
            else:
                found = self._words[gate] = frozenset(self._containing(gate.words))
        return found

    def _document_gates(self) -> dict[Keywords, frozenset[int]]:
        """Every DOCUMENT_GATES answer from one Aho-Corasick pass over the folded document, which
        reports every occurrence of every word (overlapping ones too)."""
        automaton = _automaton()
        starts, ends = self.starts, self.ends
        found: list[set[int]] = [set() for _ in DOCUMENT_GATES]
        for last, (length, gates) in automaton.iter(self.folded):
            k = bisect_right(starts, last + 1 - length) - 1
            if k >= 0 and last < ends[k]:
                for g in gates:
                    found[g].add(k)
        return {gate: frozenset(s) for gate, s in zip(DOCUMENT_GATES, found)}

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
