"""One regex for many literal names, shaped as a prefix trie.

Python's `re` tries a flat alternation of thousands of names one by one at every
position; a trie only follows shared prefixes (about 10x faster). Longer names still
win: a node's optional end is tried after its longer branches (greedy `?`).
"""
from __future__ import annotations

import re
from typing import Iterable


def trie_regex(words: Iterable[str], not_after: str | None = None) -> str:
    """`not_after`: a character class (r"[\\w-]") the match must not follow.  That check is put
    behind each first character, ``F(?<![\\w-]F)``, rather than in front of the whole trie, because
    `re` only skips straight to the possible first characters of a pattern that starts with one
    (about 2x faster on a sentence). Same matches: F is there, so the look-behind tests exactly the
    character before F, and finds none at the start of the text."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, top: bool = False) -> str:
        branches = []
        for ch, child in sorted(node.items()):
            if ch:
                guard = f"(?<!{not_after}{re.escape(ch)})" if top and not_after else ""
                branches.append(re.escape(ch) + guard + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie, top=True)


def upper_split(words: Iterable[str]) -> tuple[list[str], list[str]]:
    """(names starting with an upper-case letter, the others).  A case-sensitive trie_regex tries a
    match only where its first characters are, and the few names starting with a lower-case letter
    or a digit ("the Emirates", "armasuisse", "9K720") make it try at every common letter; a pattern
    over the first list alone finds exactly the same matches in text that contains none of the
    second list's names (at each position only the names starting with that character compete)."""
    upper: list[str] = []
    other: list[str] = []
    for w in words:
        (upper if w[:1].isupper() else other).append(w)
    return upper, other


def gazetteer_pattern(words: Iterable[str], tail: str) -> re.Pattern:
    """The compiled trie over a gazetteer's surfaces, as a whole word: no word character or
    hyphen before it, and `tail` after it (`tail` closes the group this opens, e.g. r")(?![\\w-])")."""
    return re.compile(r"(?:" + trie_regex(words, not_after=r"[\w-]") + tail)


def upper_pattern(words: Iterable[str], tail: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """(gazetteer_pattern over the surfaces starting with an upper-case letter, the other surfaces):
    it finds what the pattern over every surface finds in text that contains none of the others
    (see upper_split); over every surface when none starts with an upper-case letter."""
    words = list(words)
    upper, other = upper_split(words)
    if not upper:
        return gazetteer_pattern(words, tail), ()
    return gazetteer_pattern(upper, tail), tuple(other)
