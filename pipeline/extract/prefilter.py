"""Cheap tests, run before the expensive patterns, that rule out text those patterns cannot match.

Most sentences of an article carry no cue at all.  A gate is only ever a *superset* test: when it
says no, the full pattern provably finds nothing, so skipping it changes no output; when it says
yes, the full pattern runs as before.

``Keywords`` holds literal words that every match of the full pattern contains once folded
(``fold``), looked up with ``in`` (a case-insensitive `re` alternation with word boundaries costs
5-10x more per sentence); docscan answers a gate for every sentence of a document at once.

``folded_pattern`` makes the patterns themselves cheaper: a case-insensitive pattern over ASCII
words runs case-sensitively on the folded text, with the same matches at the same offsets.
"""
from __future__ import annotations

import re
import re._parser as _sre  # the regex parser of the `re` module itself: a gate reads a pattern as `re` does
from re._constants import ASSERT, ASSERT_NOT, AT, ATOMIC_GROUP, BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN

import ahocorasick


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

    __slots__ = ("words", "in_")

    def __init__(self, *words: str):
        self.words = words
        # One `in` per word costs ~0.09 us a word on a sentence; an Aho-Corasick pass (C) costs ~0.5 us
        # whatever the number of words, so it pays from about a dozen words (the stage lexicon's gates
        # hold 14-68).
        self.in_ = self._automaton_in() if len(set(words)) >= 12 else self._loop_in

    def _loop_in(self, text: str) -> bool:
        for w in self.words:
            if w in text:
                return True
        return False

    def _automaton_in(self):
        automaton = ahocorasick.Automaton()
        for w in self.words:
            automaton.add_word(w, w)
        automaton.make_automaton()
        search = automaton.iter

        def in_(text: str) -> bool:
            return next(search(text), None) is not None
        return in_


def required_words(source: str) -> tuple[str, ...]:
    """Lower-case literal words one of which every match of the pattern `source` contains once
    folded: its gate, read from the pattern itself so that the two are never written twice.

    A sequence requires each of its parts: the run of literal characters (zero-width assertions
    between them keep them adjacent), a group's own words, a branch's words from every
    alternative, a repeat's words when it repeats at least once; of those the most selective is
    kept. Raises ValueError when some match need contain no literal at all."""
    found = _required(_sre.parse(source))
    if not found:
        raise ValueError(f"no literal that every match of {source!r} contains: write its gate by hand")
    words = sorted(found)
    return tuple(w for w in words if not any(o != w and o in w for o in words))  # "sign" covers "signed"


def _required(sequence) -> set[str] | None:
    candidates, run = [], []
    for op, av in sequence:
        if op is LITERAL:
            run.append(chr(av).lower())
            continue
        if op in (AT, ASSERT, ASSERT_NOT):  # zero-width: the characters around it stay adjacent
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        words = None
        if op is SUBPATTERN:
            words = _required(av[-1])
        elif op is ATOMIC_GROUP:
            words = _required(av)
        elif op is BRANCH:
            each = [_required(branch) for branch in av[1]]
            words = None if any(not w for w in each) else set().union(*each)
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
            words = _required(av[2])
        if words:
            candidates.append(words)
    if run:
        candidates.append({"".join(run)})
    # the most selective: the longest shortest word, then the fewest words
    return max(candidates, key=lambda ws: (min(map(len, ws)), -len(ws)), default=None)


def gate(pattern: re.Pattern | str) -> Keywords:
    """The Keywords gate of a pattern (see required_words), looked up in folded text."""
    return Keywords(*required_words(pattern if isinstance(pattern, str) else pattern.pattern))


def folded_pattern(source: str, register: bool = True) -> re.Pattern:
    """``re.compile(source, re.IGNORECASE)`` made to run case-sensitively on folded text: on
    ``fold(text)`` it finds the same matches at the same offsets as the original finds on `text`,
    about 3x faster (case-insensitive matching folds every character it compares).

    Exact because fold keeps the length and maps each character on its own: every character
    that IGNORECASE matches to an ASCII letter becomes that letter, no other character becomes
    one, and \\w, \\d, \\s keep their members (tests/test_extract_speed_gates.py checks every code
    point).  So `source` may only spell letters in ASCII, and groups read from a match must be
    sliced from the original text by offset."""
    if re.search(r"\(\?[a-zA-Z]*i", source) or any(c.isalpha() and not c.isascii() for c in source):
        raise ValueError(f"not a pattern over ASCII letters without inline flags: {source!r}")
    compiled = re.compile(_LITERALS.sub(lambda m: m.group().lower() if m.group(1) is None else m.group(), source))
    if register:
        FOLDED_PATTERNS[source] = compiled
    return compiled


def folded_sub(twin: re.Pattern, repl: str, text: str, folded: str) -> str:
    """``re.compile(source, re.IGNORECASE).sub(repl, text)`` for the folded twin of `source`: its
    matches in `folded` (fold(text)) replaced by `repl`, the rest read from `text`.  `repl` is a
    plain string, and the twin never matches an empty string."""
    out, last = [], 0
    for m in twin.finditer(folded):
        out += (text[last:m.start()], repl)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# source -> folded twin: each is tested against re.IGNORECASE. Keyed by source: a pattern built
# again (its cache cleared: reference.clear_caches) is one entry, not one more.
FOLDED_PATTERNS: dict[str, re.Pattern] = {}


# letters outside escapes ("\W" stays upper case) and group names ("(?P<Name>")
_LITERALS = re.compile(r"(\\.|\(\?P[<=]\w+[>)])|[A-Z]+")


_WORD_CHAR = re.compile(r"\w")


class CueAlternation:
    """``finditer`` of the folded twin of ``\b(?:(?P<c0>cue0)|(?P<c1>cue1)|...)\b``, as
    (start, end, k) with k the index of the cue that matched: the same matches at the same offsets,
    about 1.4x faster.

    `re` tries every alternative at every position when each is wrapped in a named group behind a
    leading ``\b``; without the groups and without the ``\b`` it takes the fast path of an
    alternative whose first element is a literal.  So the body is searched bare, a match is kept
    only where the leading ``\b`` holds (the search goes on from the next character after one
    where it does not: no earlier position could match at all), and the cue is found by trying
    each alternative alone at the match's start, in order, as the alternation does
    (tests/test_extract_speed_gates.py)."""

    __slots__ = ("body", "cues")

    def __init__(self, cues: list[str]):
        self.body = folded_pattern(r"(?:" + "|".join(f"(?:{c})" for c in cues) + r")\b")
        # registered through the body; each alone is the body's own alternative
        self.cues = tuple(folded_pattern(rf"(?:{c})\b", register=False) for c in cues)

    def finditer(self, folded: str):
        search, word, pos, n = self.body.search, _WORD_CHAR.match, 0, len(folded)
        while True:
            m = search(folded, pos)
            if m is None:
                return
            start, end = m.span()
            if (start > 0 and word(folded, start - 1) is not None) == (start < n and word(folded, start) is not None):
                pos = start + 1  # no word boundary before the match: \b fails here
                continue
            k = next(k for k, cue in enumerate(self.cues) if cue.match(folded, start))
            yield start, end, k
            pos = end if end > start else start + 1
