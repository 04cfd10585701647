"""Per-sentence analysis shared by the agreement and procurement extractors.

Every sentence is scanned once by each recogniser; later stages only read these
annotations.  The document context (which states the article is about) resolves
"the two countries", "It covers twelve FA-50s" and similar references.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .countries import CountryHit, find_countries, is_venue
from .dates import DateHit, find_dates
from .money import MoneyHit, find_money
from .organisations import OrgHit, find_organisations
from .prefilter import fold
from .sentences import Sentence, split_sentences
from .systems import SystemHit, find_systems


@dataclass
class SentenceInfo:
    """Countries and organisations are found eagerly (they define the document context);
    money, dates and systems only when an extractor asks, so most sentences never pay for them."""
    sentence: Sentence
    countries: list[CountryHit]
    orgs: list[OrgHit]
    published: str | None = None
    folded: str = field(init=False)  # prefilter.fold(text), for the keyword gates

    def __post_init__(self):
        self.folded = fold(self.sentence.text)

    @cached_property
    def money(self) -> list[MoneyHit]:
        return find_money(self.text) if _HAS_DIGIT.search(self.text) else []

    @cached_property
    def dates(self) -> list[DateHit]:
        return find_dates(self.text, self.published)

    @cached_property
    def systems(self) -> list[SystemHit]:
        return find_systems(self.text, exclude=[(m.start, m.end) for m in self.money])

    @property
    def text(self) -> str:
        return self.sentence.text

    def acting_states(self) -> list[str]:
        """States in text order (countries that are not venues, plus organisations' states)."""
        items = [(h.start, h.alpha3) for h in self.countries if not is_venue(self.text, h)]
        items += [(o.start, o.alpha3) for o in self.orgs if o.alpha3]
        out: list[str] = []
        for _, code in sorted(items):
            if code not in out:
                out.append(code)
        return out


@dataclass
class DocContext:
    doc_id: str
    text: str
    published: str | None
    dateline: str | None = None  # where the story was filed, when the reader knows it
    sentences: list[SentenceInfo] = field(default_factory=list)
    state_counts: Counter = field(default_factory=Counter)
    folded: str = field(init=False)  # prefilter.fold(text), to narrow the keyword gates

    def __post_init__(self):
        self.folded = fold(self.text)

    def main_states(self, n: int = 2) -> list[str]:
        return [c for c, _ in self.state_counts.most_common(n)]


_HAS_DIGIT = re.compile(r"\d")
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,30}?)\s*(?:,|:|—|–|--|\()")


def dateline_city(text: str) -> str | None:
    """The all-caps city that opens a news story ("ANKARA, June 11 --")."""
    for line in text.splitlines()[:12]:
        m = _DATELINE.match(line)
        if m and len(line) > 60:
            return m.group(1).strip().title()
    return None


def analyse(text: str, doc_id: str, published: str | None, dateline: str | None = None) -> DocContext:
    ctx = DocContext(doc_id, text, published, dateline)
    for s in split_sentences(text):
        info = SentenceInfo(s, find_countries(s.text), find_organisations(s.text), published)
        ctx.sentences.append(info)
        ctx.state_counts.update(info.acting_states())
    return ctx
