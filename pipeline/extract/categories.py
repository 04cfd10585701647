"""Infer a system category from the nouns around a mention.

Used when the gazetteer does not know a system ("a new X-class frigate").  The first
category noun after the mention wins, then the nearest one before it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.reference import lexicon_rows


# reference/category_nouns.csv: per category its nouns, and a priority where nouns overlap ("air
# defence missile" is air_defence, "light combat aircraft" is combat_aircraft, "trainer" beats
# "aircraft"): at one place, the category of the lowest priority number wins.
# A noun joined by a hyphen to another word qualifies it ("tank-hunting drones", "anti-tank missiles",
# "missile-armed patrol boats"): it names no kind of system there.
@lru_cache(maxsize=None)  # tests that switch reference folders clear it (reference.clear_caches)
def _pattern() -> re.Pattern | None:
    by_category: dict[str, tuple[int, list[str]]] = {}
    for row in lexicon_rows("category_nouns.csv"):
        priority, nouns = by_category.setdefault(row["category"], (int(row["priority"]), []))
        nouns.append(row["noun"])
    if not by_category:
        return None
    groups = sorted(by_category.items(), key=lambda item: (item[1][0], item[0]))
    return re.compile("|".join(f"(?P<{category}>(?<!-)\\b(?:{'|'.join(map(re.escape, sorted(nouns)))})\\b(?!-))"
                               for category, (_, nouns) in groups))


def category_span(sentence: str, end: int, after: int) -> tuple[str, int] | None:
    """The first category noun within `after` characters of `end`: its category and where it starts."""
    pattern = _pattern()
    m = pattern.search(sentence, end, min(len(sentence), end + after)) if pattern else None
    return (m.lastgroup, m.start()) if m else None


def category_near(sentence: str, start: int, end: int, after: int = 60, before: int = 40) -> str | None:
    span = category_span(sentence, end, after)
    if span:
        return span[0]
    best = None
    pattern = _pattern()
    for m in pattern.finditer(sentence, max(0, start - before), start) if pattern else ():
        best = m.lastgroup
    return best
