"""Split cleaned article text into sentences with character offsets.

A regex splitter (no parser): a boundary is end punctuation followed by whitespace
and an upper-case letter, digit or quote, or any line break (headlines, bullets and
captions stand on their own line).  Abbreviations and initials do not end a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.reference import lexicon_rows


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    """Tokens that end with a period but rarely end a sentence (reference/abbreviations.csv,
    lower case)."""
    return frozenset(r["abbreviation"] for r in lexicon_rows("abbreviations.csv"))


# a possible sentence end: [.!?] and closing quotes or brackets, then spaces within the line
# ([^\S\n]: \s but a line break) and an opening quote, a capital or a digit
_CANDIDATE = re.compile(r"[.!?][\"'”’)\]]*(?=[^\S\n]+[\"'“‘(\[]?[A-Z0-9])")
# leading bullets and dashes; matched at a position (so no ^, which only matches at 0)
_BULLET_AT = re.compile(r"[\s·•\-*–—>|]+")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
# words that open sentences and are no surname: after "on X." they show that the period ends one
_SENTENCE_OPENERS = frozenset("""the a an other others it its this that these those they there he she we in on at
    for but and as after before while when however meanwhile also some many most both all such""".split())
_NEXT_WORD = re.compile(r"[\"'“‘(]*\s*([A-Za-z]+)")
# `[^\W_]` is exactly str.isalnum, character by character (\w is isalnum plus "_")
_ALNUM = re.compile(r"[^\W_]")


class Sentence(NamedTuple):
    """A sentence and its span in the text (a named tuple: ~40 are made per article)."""
    text: str
    start: int
    end: int


def _is_abbreviation(line: str, start: int, end: int) -> bool:
    """Whether the token that ends line[start:end] (the text before a period) is an abbreviation
    or initials."""
    # the last whitespace-free token (str.isspace and re's \s agree): read from a short window
    # when the window holds the whole token (whitespace inside it, or the segment starts there);
    # a regex `(\S+)$` would scan the whole line so far for every period
    if end <= start or line[end - 1].isspace():
        return False
    lo = max(start, end - 16)
    parts = line[lo:end].rsplit(None, 1)
    token = parts[-1] if len(parts) == 2 or lo == start else line[start:end].rsplit(None, 1)[-1]
    token = token.lstrip("(\"'“‘").lower()
    if token in _abbreviations():
        return True
    # single-letter initials ("J.", "U.S.") and dotted acronyms
    if not _INITIALS.fullmatch(token):
        return False
    if len(token) == 1:
        # an initial follows a name ("John F. Kennedy") or comes before one ("by J. Smith"); a lone
        # capital after a lower-case word and before a word that opens sentences is a name of its own
        # that ends the sentence ("the minister confirmed on X. Other countries ...")
        before = line[max(start, end - 40):end - 1].rsplit(None, 1)
        after = _NEXT_WORD.match(line, end + 1)
        if before and before[-1][:1].islower() and after and after.group(1).lower() in _SENTENCE_OPENERS:
            return False
    return True


def _emit(line: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    # most segments start with a letter or digit: no bullet (none is alphanumeric) and an
    # alphanumeric character found without the two searches
    plain = start < end and line[start].isalnum()
    if not plain:
        lead = _BULLET_AT.match(line, start, end)
        if lead:
            start = lead.end()
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start and (plain or _ALNUM.search(line, start, end)):
        out.append((start, end))


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text, line by line: nothing outside a line decides how it splits."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    ends = _CANDIDATE.finditer(text)  # one scan of the text: no candidate runs across a line break
    m = next(ends, None)
    pos = 0
    while pos < n:
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = n
        start = pos
        while m is not None and m.start() < line_end:
            if not (text[m.start()] == "." and _is_abbreviation(text, start, m.start())):
                _emit(text, start, m.end(), spans)
                start = m.end()
                while start < line_end and text[start].isspace():
                    start += 1
            m = next(ends, None)
        _emit(text, start, line_end, spans)
        pos = line_end + 1
    return [Sentence(text[a:b], a, b) for a, b in spans]
