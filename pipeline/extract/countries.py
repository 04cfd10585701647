"""Recognise mentions of states: names, aliases, demonyms and capitals -> ISO alpha-3.

Sources: pycountry names plus the reference CSVs (country_aliases, demonyms, capitals).
All surfaces go into one case-sensitive alternation (longest first), so a sentence is
scanned once.  A capital only stands for its state when it acts ("Seoul signed",
"Manila weighs"), not when it is the venue ("signed in Seoul"): see ``is_venue``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pycountry

from pipeline.reference import rows
from .trie import gazetteer_pattern, upper_pattern


class CountryHit(NamedTuple):  # a named tuple: one is made for every hit in every article
    alpha3: str
    start: int
    end: int
    surface: str
    kind: str  # "name" | "demonym" | "capital"


_VENUE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|around|visit(?:ed|ing)?|to|here in|via|toward)\s+$", re.I)


# A news dateline: "Seoul (Yonhap) --", "Singapore, March 3 (Reuters) -": where the story was filed.
_DATELINE_CITY_BEFORE = re.compile(r"\s*[A-Z][A-Z .'-]{2,30},\s*")
_DATELINE_END = re.compile(r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Z][\w .&-]{1,30}\))?\s*(?:-{1,2}|[–—:])")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\([A-Z][\w .&-]{1,30}\)\s*[-–—:]")


def is_venue(sentence: str, hit: CountryHit) -> bool:
    """A capital preceded by a locative preposition is where something happened, not who; a
    place opening a dateline is where the story was filed."""
    if hit.start < 3 and not sentence[:hit.start].strip() and _DATELINE_AFTER.match(sentence, hit.end):
        return True
    if hit.start < 40 and _DATELINE_CITY_BEFORE.fullmatch(sentence, 0, hit.start) and _DATELINE_END.match(sentence, hit.end):
        return True  # "WARSAW, Poland (AP) -": the state that follows the filing city
    if hit.kind == "name" and (m := _CITY_COMMA_BEFORE.search(sentence, max(0, hit.start - 60), hit.start)) \
            and not any(c.kind == "name" for c in find_countries(m.group(1))):
        # "the plant in Baranovichi, Belarus": the state that places a town ("from Germany, France and
        # Italy" is a list of states)
        return True
    if hit.kind != "capital":
        return False
    before = sentence[max(0, hit.start - 20):hit.start]
    return bool(_VENUE_BEFORE.search(before))


_CITY_COMMA_BEFORE = re.compile(r"\b(?:in|at|near|outside|from)\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+),\s+$")


# A name glued to a currency sign, or a space before it, or followed by "dollar" is a currency
# ("US$2.5 billion", "US $2.5 billion"), not a state.
_NOT_A_STATE_AFTER = r")(?![\w$])(?!\s\$\s?\d)(?!\s+dollars?\b)"


@lru_cache(maxsize=None)
def matcher() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """(pattern over every name, demonym and capital; surface -> (alpha3, kind))."""
    table: dict[str, tuple[str, str]] = {}

    def add(surface: str, alpha3: str, kind: str) -> None:
        surface = surface.strip()
        if len(surface) < 2 or not alpha3:
            return
        table.setdefault(surface, (alpha3.upper(), kind))

    for row in rows("country_aliases.csv"):
        add(row.get("alias", ""), row.get("alpha3", ""), "name")
    for row in rows("demonyms.csv"):
        add(row.get("demonym", ""), row.get("alpha3", ""), "demonym")
    for row in rows("capitals.csv"):
        add(row.get("capital", ""), row.get("alpha3", ""), "capital")
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(value, c.alpha_3, "name")
    # section headings and headlines set names in capitals ("FINLAND - ...", "POLAND: ...")
    for surface, (alpha3, kind) in list(table.items()):
        if kind == "name" and len(surface) >= 4 and surface.replace(" ", "").isalpha() and not surface.isupper():
            table.setdefault(surface.upper(), (alpha3, kind))
    return gazetteer_pattern(table, _NOT_A_STATE_AFTER), table


@lru_cache(maxsize=None)
def upper_matcher() -> tuple[re.Pattern, tuple[str, ...]]:
    """(the pattern over the names starting with an upper-case letter, the other names): the
    pattern finds what `matcher`'s does in text that contains none of the other names."""
    return upper_pattern(matcher()[1], _NOT_A_STATE_AFTER)


def find_countries(sentence: str) -> list[CountryHit]:
    pattern, table = matcher()
    hits = []
    for m in pattern.finditer(sentence):
        code, kind = table[m.group(0)]
        hits.append(CountryHit(code, m.start(), m.end(), m.group(0), kind))
    return hits


def is_country_word(word: str) -> bool:
    """A surface the gazetteer knows as a country name, demonym or capital ("Korea", "Malaysian")."""
    return word in matcher()[1]
