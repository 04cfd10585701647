"""Recognise organisations (ministries, agencies, armed forces, firms) and their state.

Source: reference/organisations.csv (name, aliases, country, kind).  An organisation
mention stands for its state: "DAPA signed" is Korea signing; a firm is the supplier.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.reference import rows, split_aliases
from .trie import gazetteer_pattern, upper_pattern


class OrgHit(NamedTuple):  # a named tuple: one is made for every hit in every article
    name: str  # canonical name from the gazetteer
    alpha3: str | None
    kind: str  # ministry | agency | armed_forces | firm | government_body
    start: int
    end: int


_WORD_END = r")(?![\w-])"


@lru_cache(maxsize=None)
def matcher() -> tuple[re.Pattern | None, dict[str, tuple[str, str | None, str]]]:
    """(pattern over every organisation name and alias, None without any; surface -> (name, alpha3, kind))."""
    table: dict[str, tuple[str, str | None, str]] = {}
    for row in rows("organisations.csv"):
        name = row.get("name", "")
        if not name:
            continue
        entry = (name, (row.get("country") or "").upper() or None, row.get("kind", "") or "firm")
        for surface in [name, *split_aliases(row.get("aliases", ""))]:
            if len(surface) >= 2:
                table.setdefault(surface, entry)
    if not table:
        return None, table
    return gazetteer_pattern(table, _WORD_END), table


@lru_cache(maxsize=None)
def upper_matcher() -> tuple[re.Pattern | None, tuple[str, ...]]:
    """(the pattern over the names starting with an upper-case letter, the other names): the
    pattern finds what `matcher`'s does in text that contains none of the other names."""
    pattern, table = matcher()
    if pattern is None:
        return None, ()
    return upper_pattern(table, _WORD_END)


def find_organisations(sentence: str) -> list[OrgHit]:
    pattern, table = matcher()
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(sentence):
        name, code, kind = table[m.group(0)]
        out.append(OrgHit(name, code, kind, m.start(), m.end()))
    return out


def manufacturer_country(name: str | None) -> str | None:
    if not name:
        return None
    _, table = matcher()
    entry = table.get(name)
    return entry[1] if entry else None
