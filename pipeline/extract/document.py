"""A document analysed once for both extractors: its sentences and what each holds.

Every sentence is scanned once by each recogniser; later stages only read these
annotations.  The document context (which states the article is about) resolves
"the two countries", "It covers twelve FA-50s" and similar references.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache


from .countries import CountryHit, find_countries, is_venue
from .countries import matcher as _country_matcher, upper_matcher as _country_upper
from .dates import EXPLICIT_KINDS, DateHit, filing_date, find_dates, may_have_date_words
from .docscan import SentenceScan
from .money import MoneyHit, find_money
from .organisations import OrgHit, find_organisations
from .organisations import matcher as _org_matcher, upper_matcher as _org_upper
from .prefilter import Keywords, fold
from .sentences import Sentence, split_sentences
from .systems import SystemHit, find_systems, systems_touched


class SentenceInfo:
    """Countries and organisations are found eagerly (they define the document context);
    money, dates and systems only when an extractor asks, so most sentences never pay for them.

    A plain class with slots: `analyse` makes one per sentence of every article."""

    __slots__ = ("sentence", "countries", "orgs", "published", "folded", "may_have_systems", "prev", "intro", "item",
                 "_has_digit", "_may_have_dates", "_money", "_dates", "_systems", "_acting")

    def __init__(self, sentence: Sentence, countries: list[CountryHit], orgs: list[OrgHit],
                 published: str | None = None, folded: str | None = None, may_have_systems: bool = True):
        self.sentence = sentence
        self.countries = countries
        self.orgs = orgs
        self.published = published
        # prefilter.fold(text), for the keyword gates
        self.folded = fold(sentence.text) if folded is None else folded
        # False only when find_systems would find nothing (see docscan)
        self.may_have_systems = may_have_systems
        self.prev: SentenceInfo | None = None  # the sentence before, for "that year" (see dates)
        # for an item of a bulleted list, the sentence ending in ":" that leads the list
        # ("On 30 March X signed ten deals:"), whose date and stage its items share
        self.intro: SentenceInfo | None = None
        self.item = False  # the sentence is (part of) an item of a bulleted or numbered list
        # gates (see prefilter) worked out on first use
        self._has_digit: bool | None = None
        self._may_have_dates: bool | None = None
        # found on first use
        self._money: list[MoneyHit] | None = None
        self._dates: list[DateHit] | None = None
        self._systems: list[SystemHit] | None = None
        self._acting: list[str] | None = None

    @property
    def has_digit(self) -> bool:
        if self._has_digit is None:
            self._has_digit = _HAS_DIGIT.search(self.sentence.text) is not None
        return self._has_digit

    @property
    def may_have_dates(self) -> bool:
        """False only when find_dates would find nothing: it needs a digit or date words."""
        if self._may_have_dates is None:
            self._may_have_dates = self.has_digit or may_have_date_words(self.folded)
        return self._may_have_dates

    def __repr__(self) -> str:
        return f"SentenceInfo({self.sentence!r})"

    @property
    def money(self) -> list[MoneyHit]:
        if self._money is None:
            # ("USD five billion": an amount in words has a scale word, see money._word_hits)
            self._money = list(_money_in(self.text)) if self.has_digit or "illion" in self.text else []
        return self._money

    @property
    def dates(self) -> list[DateHit]:
        if self._dates is None:
            if not self.may_have_dates:
                self._dates = []
            else:
                anchor = self._year_told_before() if _ANAPHOR_YEAR.in_(self.folded) else None
                self._dates = list(_dates_in(self.text, self.published, anchor))
        return self._dates

    def _year_told_before(self) -> str | None:
        """The last date stated with its year in the sentences before ("In 2019 ... That year ...")."""
        info, n = self.prev, 0
        while info is not None and n < _ANCHOR_SENTENCES:
            stated = [d for d in info.dates if d.kind in EXPLICIT_KINDS]
            if stated:
                return stated[-1].iso
            info, n = info.prev, n + 1
        return None

    @property
    def systems(self) -> list[SystemHit]:
        if self._systems is None:
            self._systems = list(_systems_in(self.text, self.has_digit)) if self.may_have_systems else []
        return self._systems

    @property
    def text(self) -> str:
        return self.sentence.text

    def acting_states(self, copy: bool = True) -> list[str]:
        """States in text order (countries that are not venues, plus organisations' states).
        `copy` False: the remembered list itself, for a caller that does not change it."""
        if self._acting is None:
            self._acting = self._find_acting_states()
        return list(self._acting) if copy else self._acting

    def _find_acting_states(self) -> list[str]:
        if not self.orgs:  # most sentences: the country hits are already in text order
            out = []
            for h in self.countries:
                if h.alpha3 not in out and not (h.kind == "capital" and is_venue(self.text, h)):
                    out.append(h.alpha3)
            return out
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


# An apposition that describes a state right after its name ("Russia, the world's second-largest arms
# exporter after the US, has supplied ..."): a common-noun phrase between commas.  The states it names
# describe the first one; they play no part in the sentence's deal.
_APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an)\s+(?=[a-z])[^,;:()]{3,90}?,")


def _outside_appositions(text: str, countries: list[CountryHit]) -> list[CountryHit]:
    spans = [(m.start(), m.end()) for c in countries if (m := _APPOSITION_AFTER.match(text, c.end))]
    if not spans:
        return countries
    return [c for c in countries if not any(a < c.start < b for a, b in spans)]


@lru_cache(maxsize=_MEMO_SIZE)
def _money_in(text: str) -> tuple[MoneyHit, ...]:
    return tuple(find_money(text))


@lru_cache(maxsize=_MEMO_SIZE)
def _dates_in(text: str, published: str | None, anchor: str | None = None) -> tuple[DateHit, ...]:
    return tuple(find_dates(text, published, anchor))


# "that year", "the same year", "the following year", "a year later": the gate for looking back
_ANAPHOR_YEAR = Keywords("that year", "same year", "following year", "previous year", "preceding year",
                         "year later", "year earlier", "years later", "years earlier")
_ANCHOR_SENTENCES = 6  # how far back "that year" looks for the year it refers to


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
    # the sentences' spans and the document folded, for gates answered in one scan (see docscan)
    scan: SentenceScan | None = None
    _with_systems: frozenset[int] | None = field(default=None, init=False, repr=False)
    _sections: tuple[tuple[int, str | None], ...] | None = field(default=None, init=False, repr=False)

    def main_states(self, n: int = 2) -> list[str]:
        return [c for c, _ in self.state_counts.most_common(n)]

    def index_of(self, info: SentenceInfo) -> int | None:
        """The position of one of this document's sentences (by identity), None for another's."""
        return next((k for k, s in enumerate(self.sentences) if s is info), None)

    def sentences_with_systems(self) -> frozenset[int]:
        """Indices of the sentences that name a weapon system."""
        if self._with_systems is None:
            self._with_systems = frozenset(k for k, info in enumerate(self.sentences)
                                           if info.may_have_systems and info.systems)
        return self._with_systems

    def section_state(self, info: SentenceInfo) -> str | None:
        """The state a round-up's section heading names, for a sentence under it ("POLAND - F-35 approval
        clears the way", "* India - K9 Vajra-T, second batch."); None outside such a section."""
        if self._sections is None:
            self._sections = tuple(_section_headings(self.text))
        state = None
        for start, code in self._sections:
            if start > info.sentence.start:
                break
            state = code
        return state

    def sentences_with(self, gate: Keywords) -> frozenset[int]:
        """Indices of the sentences whose folded text has one of `gate`'s words."""
        if self.scan is None:
            return frozenset(k for k, info in enumerate(self.sentences) if gate.in_(info.folded))
        return self.scan.with_words(gate)


# A round-up's section heading: a state's name (perhaps in capitals, perhaps after a bullet) that opens a
# short line, or that a dash or a colon follows ("POLAND - ...", "* India - ...", "JAPAN: ...")
_HEADING_STATE = re.compile(r"[^\S\n]*(?:[·•*\-–—][^\S\n]+)?(?P<name>[A-Z][\w'’.-]*(?:[^\S\n]+[A-Za-z][\w'’.-]*){0,3}?)"
                            r"(?P<sep>[^\S\n]+[-–—][^\S\n]|:[^\S\n]|[^\S\n]*$)")
_HEADING_CHARS = 90  # a heading line without a dash or a colon after its state is short and has no full stop
# a short line that is no sentence and names no state ends the section before it ("Related coverage")
_PLAIN_HEADING = re.compile(r"[^\S\n]*[A-Z][^\n.!?:]{2,58}[^\S\n]*$")


def _section_headings(text: str):
    """(line start, state or None) of each section heading of the text, in order (see section_state)."""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = _HEADING_STATE.match(line)
        if m is not None and (m.group("sep").strip() or len(line) <= _HEADING_CHARS and not line.rstrip().endswith(".")):
            name = m.group("name")
            hits = find_countries(name.title() if name.isupper() else name)
            if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(name) and hits[0].kind == "name":
                yield start, hits[0].alpha3
                continue
        if _PLAIN_HEADING.match(line) and not _LIST_ITEM_LINE.match(line):
            yield start, None


_HAS_DIGIT = re.compile(r"\d")
# a line that is an item of a list: a bullet, a dash or "1." / "2)" before its text
_LIST_ITEM_LINE = re.compile(r"[^\S\n]*(?:[·•*\-–—]|\d{1,2}[.)])[^\S\n]")
def _by_sentence(pattern: re.Pattern, scan: SentenceScan) -> list:
    """Per sentence: a list of (start, end, surface) relative to it, or None (search it alone).

    A gazetteer pattern (trie_regex with not_after=r"[\\w-]", ending in a negative look-ahead of
    word characters) run once over the document finds, inside a sentence, exactly what it finds in
    the sentence alone, when (a) the sentence is not `scan.unsafe` (the look-behind then answers as
    at the start of a string; a bullet "-" can precede a sentence), and (b) no match of the
    document scan runs into or out of the sentence (the sentence ends before whitespace or a line
    end, so the look-ahead answers as at the end of a string; a match that crosses a boundary could
    hide a shorter one that the sentence alone would find).  Sentences that fail either test are
    searched alone, as before."""
    starts, ends = scan.starts, scan.ends
    n = len(starts)
    out: list = [[] for _ in range(n)]
    for k in scan.unsafe:
        out[k] = None
    for m in pattern.finditer(scan.text):
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


def _gazetteer_pattern(text: str, matcher, upper_matcher) -> tuple[re.Pattern | None, dict]:
    """The gazetteer's pattern and table, the faster pattern over the upper-case names unless
    the text has one of the others (see trie.upper_split)."""
    pattern, table = matcher()
    upper, others = upper_matcher()
    if upper is not None and not any(w in text for w in others):
        pattern = upper
    return pattern, table


# "the Australian Department of Defence (DoD)": an acronym the article defines in brackets
_ACRONYM_DEFINED = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")


def _learn_acronyms(text: str, countries: list[CountryHit], defined: dict[str, str]) -> None:
    """Acronyms an article defines for a state's body ("the Australian Department of Defence (DoD)"):
    in this article they stand for that state, whatever body of another state the gazetteer files
    them under ("DoD" is the US department elsewhere)."""
    for m in _ACRONYM_DEFINED.finditer(text):
        near = [c for c in countries if c.end <= m.start() and m.start() - c.end <= 60 and "(" not in text[c.end:m.start()]]
        if near:
            defined[m.group(1)] = near[-1].alpha3


def _as_defined(text: str, orgs: list[OrgHit], defined: dict[str, str]) -> list[OrgHit]:
    out = []
    for o in orgs:
        code = defined.get(text[o.start:o.end])
        out.append(o if code is None or code == o.alpha3 else OrgHit(text[o.start:o.end], code, o.kind, o.start, o.end))
    return out


def analyse(text: str, doc_id: str, published: str | None, dateline: str | None = None) -> DocContext:
    ctx = DocContext(doc_id, text, published, dateline)
    # one scan of the document per recogniser and gate, instead of one per sentence
    sentences = split_sentences(text)
    scan = ctx.scan = SentenceScan(text, fold(text), [s.start for s in sentences], [s.end for s in sentences])
    folded = scan.folded
    cpattern, ctable = _gazetteer_pattern(text, _country_matcher, _country_upper)
    opattern, otable = _gazetteer_pattern(text, _org_matcher, _org_upper)
    chits = _by_sentence(cpattern, scan)
    ohits = _by_sentence(opattern, scan) if opattern is not None else [[]] * len(sentences)
    with_systems = systems_touched(scan, _HAS_DIGIT.search(text) is not None)
    # relative dates count from the day the story was filed, when its dateline says it was the day before
    filed = next((f for s in sentences[:3] if (f := filing_date(s.text, published))), None)  # after a headline
    reference = filed or published
    acting: list[str] = []  # every sentence's acting states, in order: counted once at the end
    defined: dict[str, str] = {}  # acronyms the article defines for a state's body: "DoD" -> "AUS"
    intro: SentenceInfo | None = None  # the lead sentence of the list being read, if any
    for k, s in enumerate(sentences):
        cs, os_ = chits[k], ohits[k]
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
        if len(countries) > 1 and ", " in s.text:
            countries = _outside_appositions(s.text, countries)
        if "(" in s.text:
            _learn_acronyms(s.text, countries, defined)
        if defined and orgs:
            orgs = _as_defined(s.text, orgs, defined)
        info = SentenceInfo(s, countries, orgs, reference, folded[s.start:s.end], k in with_systems)
        if ctx.sentences:
            info.prev = ctx.sentences[-1]
        if _LIST_ITEM_LINE.match(text, text.rfind("\n", 0, s.start) + 1):
            info.intro = intro  # every sentence of an item line belongs to the list
            info.item = True
        else:  # a plain sentence ends the list; one ending in ":" leads the next
            intro = info if s.text.endswith(":") else None
        ctx.sentences.append(info)
        if countries or orgs:  # acting_states() is [] otherwise (most sentences)
            acting += info.acting_states(copy=False)
    ctx.state_counts.update(acting)  # the same counts, in the same first-seen order, as sentence by sentence
    return ctx
