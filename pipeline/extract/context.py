"""Per-sentence analysis shared by the agreement and procurement extractors.

Every sentence is scanned once by each recogniser; later stages only read these
annotations.  The document context (which states the article is about) resolves
"the two countries", "It covers twelve FA-50s" and similar references.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .countries import CountryHit, _matcher as _country_matcher, upper_matcher as _country_upper, find_countries, is_venue
from .dates import DateHit, find_dates, may_have_date_words
from .money import MoneyHit, find_money
from .organisations import OrgHit, _matcher as _org_matcher, upper_matcher as _org_upper, find_organisations
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
    # gates (see prefilter) that `analyse` works out for the whole document at once; None: test here
    has_digit: bool | None = None
    may_have_dates: bool | None = None  # False only when find_dates would find nothing
    folded: str | None = None  # prefilter.fold(text), for the keyword gates (None: fold here)
    # found on first use (plain attributes: functools.cached_property takes a lock on every first use)
    _money: list[MoneyHit] | None = field(init=False, default=None, repr=False, compare=False)
    _dates: list[DateHit] | None = field(init=False, default=None, repr=False, compare=False)
    _systems: list[SystemHit] | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self):
        if self.folded is None:
            self.folded = fold(self.sentence.text)
        if self.has_digit is None:
            self.has_digit = bool(_HAS_DIGIT.search(self.sentence.text))
        if self.may_have_dates is None:
            self.may_have_dates = True

    @property
    def money(self) -> list[MoneyHit]:
        if self._money is None:
            self._money = list(_money_in(self.text)) if self.has_digit else []
        return self._money

    @property
    def dates(self) -> list[DateHit]:
        if self._dates is None:
            self._dates = list(_dates_in(self.text, self.published)) if self.may_have_dates else []
        return self._dates

    @property
    def systems(self) -> list[SystemHit]:
        if self._systems is None:
            self._systems = list(_systems_in(self.text, self.has_digit))
        return self._systems

    @property
    def text(self) -> str:
        return self.sentence.text

    def acting_states(self) -> list[str]:
        """States in text order (countries that are not venues, plus organisations' states)."""
        if not self.countries and not self.orgs:
            return []  # most sentences
        items = [(h.start, h.alpha3) for h in self.countries if not is_venue(self.text, h)]
        items += [(o.start, o.alpha3) for o in self.orgs if o.alpha3]
        out: list[str] = []
        for _, code in sorted(items):
            if code not in out:
                out.append(code)
        return out


# Recogniser results by sentence text.  One article repeats few sentences, but a corpus repeats
# many (agency copy, a publisher's stock lines).  The hits are immutable: kept as tuples, copied
# out as lists.  Bounded, so memory stays flat on any corpus.
_MEMO_SIZE = 8192


@lru_cache(maxsize=_MEMO_SIZE)
def _recognised(text: str) -> tuple[tuple[CountryHit, ...], tuple[OrgHit, ...], str, bool]:
    """(countries, organisations, folded text, whether it has date words) of a sentence."""
    folded = fold(text)
    return tuple(find_countries(text)), tuple(find_organisations(text)), folded, may_have_date_words(folded)


@lru_cache(maxsize=_MEMO_SIZE)
def _money_in(text: str) -> tuple[MoneyHit, ...]:
    return tuple(find_money(text))


@lru_cache(maxsize=_MEMO_SIZE)
def _dates_in(text: str, published: str | None) -> tuple[DateHit, ...]:
    return tuple(find_dates(text, published))


@lru_cache(maxsize=_MEMO_SIZE)
def _systems_in(text: str, has_digit: bool) -> tuple[SystemHit, ...]:
    def money() -> list[tuple[int, int]]:  # asked only when the sentence has a candidate system
        return [(m.start, m.end) for m in _money_in(text)] if has_digit else []
    return tuple(find_systems(text, exclude=money, has_digit=has_digit))


@dataclass
class DocContext:
    doc_id: str
    text: str
    published: str | None
    dateline: str | None = None  # where the story was filed, when the reader knows it
    sentences: list[SentenceInfo] = field(default_factory=list)
    state_counts: Counter = field(default_factory=Counter)

    def folded_ascii(self) -> str | None:
        """The whole text folded when it is ASCII (each sentence's `folded` is then a slice of it,
        see Keywords.narrowed), else None."""
        return self.text.lower() if self.text.isascii() else None

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


@lru_cache(maxsize=_MEMO_SIZE)
def _folded(text: str) -> tuple[str, bool]:
    """(folded text, whether it has date words) of a sentence."""
    folded = fold(text)
    return folded, may_have_date_words(folded)


# A gazetteer pattern (trie_regex with not_after=r"[\w-]", ending in a negative look-ahead of
# word characters) run once over the document finds, inside a sentence, exactly what it finds in
# the sentence alone, when (a) the character before the sentence is not [\w-] (the look-behind
# then answers as at the start of a string; a bullet "-" can precede a sentence), and (b) no
# match of the document scan runs into or out of the sentence (the sentence ends before
# whitespace or a line end, so the look-ahead answers as at the end of a string; a match that
# crosses a boundary could hide a shorter one that the sentence alone would find).  Sentences
# that fail either test are searched alone, as before.
_UNSAFE_BEFORE = re.compile(r"[\w-]")


def _by_sentence(pattern: re.Pattern, text: str, starts: list[int], ends: list[int]) -> list:
    """Per sentence: a list of (start, end, surface) relative to it, or None (search it alone)."""
    n = len(starts)
    out: list = [[] for _ in range(n)]
    for m in pattern.finditer(text):
        a, b = m.span()
        i = bisect_right(starts, a) - 1
        if i >= 0 and b <= ends[i]:
            if out[i] is not None:
                sa = starts[i]
                out[i].append((a - sa, b - sa, m.group()))
            continue
        # outside every sentence, or crossing a boundary: search the sentences it touches alone
        if i >= 0 and ends[i] > a:
            out[i] = None
        j = i + 1
        while j < n and starts[j] < b:
            out[j] = None
            j += 1
    return out


def analyse(text: str, doc_id: str, published: str | None, dateline: str | None = None) -> DocContext:
    ctx = DocContext(doc_id, text, published, dateline)
    # one scan of the document instead of one per sentence and recogniser
    digits = [m.start() for m in _HAS_DIGIT.finditer(text)]
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    cpattern, ctable = _country_matcher()
    opattern, otable = _org_matcher()
    # the faster pattern over the upper-case names, unless the text has one of the others
    upattern, others = _country_upper()
    if not any(w in text for w in others):
        cpattern = upattern
    upattern, others = _org_upper()
    if upattern is not None and not any(w in text for w in others):
        opattern = upattern
    chits = _by_sentence(cpattern, text, starts, ends)
    ohits = _by_sentence(opattern, text, starts, ends) if opattern is not None else [[]] * len(sentences)
    for k, s in enumerate(sentences):
        i = bisect_left(digits, s.start)
        has_digit = i < len(digits) and digits[i] < s.end
        folded, date_words = _folded(s.text)
        cs, os_ = chits[k], ohits[k]
        if s.start and _UNSAFE_BEFORE.match(text, s.start - 1):
            cs = os_ = None
        if cs is None:
            countries = find_countries(s.text)
        else:
            countries = []
            for a, b, g in cs:
                code, kind = ctable[g]
                countries.append(CountryHit(code, a, b, g, kind))
        if os_ is None:
            orgs = find_organisations(s.text)
        else:
            orgs = [OrgHit(*otable[g], a, b) for a, b, g in os_] if os_ else []
        # find_dates needs a digit or date words
        info = SentenceInfo(s, countries, orgs, published, has_digit, has_digit or date_words, folded)
        ctx.sentences.append(info)
        if countries or orgs:  # acting_states() is [] otherwise (most sentences)
            ctx.state_counts.update(info.acting_states())
    return ctx
