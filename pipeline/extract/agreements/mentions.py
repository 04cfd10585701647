"""Agreement mentions: one per arrangement per document, filled from all its passages.

A sentence is a candidate when it names an arrangement: a type word (MoU, agreement,
treaty, strategic partnership...), a proper name ("the Lombok Treaty") or an acronym
the article defined ("BECA").  One sentence can report several arrangements ("X was
signed in 2006 ..., and on an arrangement concluded in 2012"), so each arrangement cue
owns the stretch of text up to the next cue (the first one also owns the sentence's
opening, where the subject and "on Thursday" usually stand); stage, date, place and
people are read from that stretch only.

Parties come from explicit constructions (agreement_parties); failing those, from the
pair the text stated last, "the two sides" of this or the previous sentence, a "with X"
partner plus the state the text is about (agreement_home), or the document's main pair
when the sentence is about it.  A firm as the counterpart makes a contract, not a record
(it is still followed, so "the agreement" told next is not made one).  Passages about the
same arrangement are merged in text order: the same name joins, another name, year or type
separates, and "another"/"a separate"/"also signed" right before the cue starts a new one.
Headlines and subheadings (agreement_layout) are merged last, into the arrangement the text
below them tells; each item of a list of documents is its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from schemas.vocab import AGREEMENT_STATUS_RANK

from .home import home_state, topic_state, venue_state
from .layout import ends_a_sentence, headlines, list_items
from .names import HEAD_WORDS, NamedArrangement, acronym_pattern, acronym_registry, find_names, initials_of, written_names
from .parties import explicit_parties, firm_counterpart, with_partners
from .places import signing_place
from .types import TYPE_CUE_WORDS, TYPE_CUES, TYPE_WORDS, topics
from pipeline.corpus.dateline import filed_city

from ..document import DocContext, SentenceInfo
from ..countries import find_countries, is_venue
from ..quantities import word_to_int
from ..dates import DateHit
from ..docscan import document_gate
from ..people import find_people
from ..prefilter import Keywords, fold, folded_pattern, folded_sub, gate
from ..records import AgreementMention, Evidence
from ..status import agreement_status

_AGGREGATE = folded_pattern(r"\bwith\s+(?:more than\s+|over\s+|some\s+|about\s+)?\d+\s+(?:countries|nations|states)\b|"
                        r"\b\d+\s+(?:countries|nations)\b|\bwith\s+(?:a\s+|any\s+)?foreign\s+(?:nation|country|"
                        r"partner|government)s?\b|\b\d+(?:st|nd|rd|th)\s+(?:country|nation|state|partner)\b")
_ANAPHOR = folded_pattern(r"\b(?:the two (?:countries|nations|sides|governments|states|leaders|ministers|allies|neighbours|"
                      r"neighbors)|both (?:countries|nations|sides|governments|states|leaders)|bilateral|the (?:[a-z-]+ ){0,2}(?:MoU|MOU|"
                      r"agreement|pact|deal|accord|treaty|partnership|memorandum|framework|arrangement)|"
                      r"this (?:MoU|MOU|agreement|pact|deal|accord|treaty|partnership|memorandum|framework|arrangement))\b")
_PLURAL = re.compile(r"(?:agreements|arrangements|pacts|accords|treaties|MoUs|MOUs|memoranda|memorandums|"
                     r"frameworks|protocols|conventions|letters)\b", re.I)
_COORDINATED = re.compile(r"^[^.;,]{0,80}?\band\s+(?:also\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$")
_PAIR_ANAPHOR = folded_pattern(r"\b(?:the two|both) (?:countries|nations|sides|governments|states|leaders|ministers)\b")
# case-sensitive: "new" is a marker, "New Delhi" is not
# ("a further agreement", "a new pact" are new; "further stated that the agreement", "the new treaty" just
# signed are not)
_NEW_MARKER = re.compile(r"\b(?:[Aa]lso|[Aa]nother|[Ss]eparate|[Ss]econd|(?:a|an) further|[Aa]dditional|(?:a|A) new)\b"
                         r"[^.;]{0,25}$")
# an event verb: the passage reports the arrangement's own signing/launch, so its date and place count
# ("the visit also produced a declaration": the occasion's outcome; "put their signatures to")
_SIGN_VERB = folded_pattern(r"\b(?:signed|signs|sign|(?:visit|talks|summit|meeting|dialogue|round|trip|session) (?:also )?"
                            r"(?:produced|yielded)|put (?:their|his|her|its) signatures? (?:to|on)|inked|sealed|concluded|"
                            r"reached|held|met|formali[sz]ed|elevated|raised|upgraded|announced|launched|issued|endorsed|"
                            r"adopted|unveiled|exchanged|agreed|established|signing)\b")
_SIGN_VERB_WORDS = gate(_SIGN_VERB)  # (prefilter): every match contains one of these, folded
_DECLARATION_WORD = document_gate(Keywords("declaration"))  # a name's head word that is not a type word (see _cues)
# A sentence can hold a cue only with a type cue's word or a name's head word ("the Indo-Pacific
# Partnership"; "Declaration" is _DECLARATION_WORD's), folded: the gate of _cues.
_CUE_WORDS = document_gate(Keywords(*dict.fromkeys([*TYPE_CUE_WORDS.words,
                                                     *(fold(w) for w in HEAD_WORDS.words if w != "Declaration")])))
# "that day", "during the visit": the passage continues an event told just before
_BACKREF = folded_pattern(r"\b(?:(?:that|the same) (?:day|visit|occasion|trip|meeting|summit|ceremony|event)|on the day|"
                      r"during (?:the|that|his|her|their) (?:visit|trip)|at the time)\b")
# the acts that make a partnership ("elevated ties to a strategic partnership", "signed a ... partnership")
_ELEVATING = folded_pattern(r"\b(?:elevat\w*|rais(?:e|es|ed|ing)|upgrad\w*|establish\w*|forg(?:e|es|ed|ing)|launch\w*|formali[sz]\w*|"
                            r"form(?:s|ed)?|sign(?:s|ed)?|inked|agreed|announc\w*|adopt\w*|conclud\w*|enter(?:s|ed)? into)\b")
_IN_STATEMENT = folded_pattern(r"\bin (?:a|an|the|their|its)\s+(?:[a-z]+\s+)?$")
# (right after the comma: "In a joint statement issued that day, X said" tells the statement itself as an event)
_REPORTING = folded_pattern(r"\s*,[^.;]{0,80}?\b(?:said|say|says|stated|noted|added|reaffirmed|reiterated|called|urged|"
                            r"expressed|welcomed|condemned)\b")
_EVENT_OPENER = folded_pattern(r"\b(?:after|before|when|while)\b")
_SAID_IN = folded_pattern(r"\b(?:said|say|says|stated|noted|announced|added)\s+in\s+(?:a|an|the|their|its)\s+(?:[a-z]+\s+)?$")
_NEWS_DAY = folded_pattern(r"\b(?:today|yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
# two people joined as the subject: "Minister A and Japanese Minister B"
_SUBJECT_PAIR = re.compile(r"\b(?:Minister|Secretary|President|Prime Minister|Mr\.?|Ms\.?|Mrs\.?|Ambassador|Chancellor|"
                           r"General|Admiral)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},?\s+and\s+")
_FOLLOW_ON = folded_pattern(r"\bthe (?:[\w-]+ ){0,3}(?:signing|ceremony)\b")
# "Teodoro and New Zealand Defence Minister Judith Collins": a bare name joined to a state's official
_NAME_AND = re.compile(r"(?:^|[,;]\s+|\band\s+|\s)(?!The\b|In\b|On\b)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s+and\s+(?:the\s+)?$")
_ALSO = folded_pattern(r"\balso\b")
# "Two documents were signed during the visit", "exchanged seven memoranda": a set of arrangements signed at
# one occasion, whose members are named next (in the sentences after it or in a list)
_SET_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}|several|a number of|a series of)"
_SET_NOUN = r"(?:documents|instruments|agreements|memoranda|memorandums|mous|pacts|accords|arrangements)"
_SET_SIGNED = folded_pattern(rf"\b{_SET_NUMBER}\s+(?:[\w-]+\s+){{0,2}}{_SET_NOUN}\b[^.;]{{0,120}}?\b(?:were|was|have been|had "
                             rf"been|are being)\s+(?:also\s+)?(?:signed|exchanged|concluded|inked)\b|"
                             rf"\b(?:signed|exchanged|concluded|inked)\s+{_SET_NUMBER}\s+(?:[\w-]+\s+){{0,2}}{_SET_NOUN}\b")
_SET_WORDS = document_gate(Keywords("documents", "instruments"))
# a gate for _SET_SIGNED (see prefilter): every match has one of its verbs
_SET_VERBS = Keywords("signed", "exchanged", "concluded", "inked")
# "during the visit": the occasion is the latest one told with that noun
_BACKREF_NOUN = folded_pattern(r"\b(?:during|on|at|in the course of)\s+(?:the|that|his|her|their)\s+(?:[\w-]+\s+)?"
                               r"(visit|trip|summit|meeting|ceremony)\b")
_DEADLINE = re.compile(r"\b(?:by|before)\b")  # of _TARGET_BEFORE's words, those that set a deadline
# ("a vision statement towards 2030", "Vision 2030": a horizon, never a signing date)
_TARGET_BEFORE = re.compile(r"\b(?:by|until|through|till|before|since|after|from|towards?|beyond|[Vv]ision|horizon)\s+(?:the\s+end\s+of\s+|early\s+|"
                            r"late\s+|mid-?)?$")
# purpose clauses say what a document is for, not how far it got ("aims to help", "meant to develop")
_PURPOSE = folded_pattern(r"\b(?:aim(?:s|ed|ing)?|meant|intended|designed|seeks?|hopes?)\s+(?:to|at)\b[^,;.]*")
_CANCEL = folded_pattern(r"\b(?:cancel\w*|scrapped|terminated|withdr[ae]w\w*|annulled|abrogated|suspended|tore up|ditched|"
                     r"pulled out|exited)\b")
_CLAUSE_BREAK = re.compile(r"[,;:]\s")
_COORDINATE_CLAUSE = re.compile(r"(?:;|,\s+(?:and|but|while|whereas))\s")
# two cues only this far apart name one arrangement: "the MoU (MoU)", "the Lombok Treaty, the Agreement on ...",
# "the SOFA, a separate pact"
_CUE_GAP = re.compile(r"^[\s()\[\]]*(?:,\s*(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+){0,2})?$")
_SUCH_BEFORE = re.compile(r"\bsuch\s+(?:[\w-]+\s+)?$", re.I)
# "a defence treaty with France, the Lancaster House Treaty": one arrangement, its partner told between
_PARTNER_APPOSITION = re.compile(r"^\s+(?:with|between)\s+(?:the\s+)?[A-Z][\w'’ -]{1,40}?,\s*(?:the\s+)?$")
# "signed an MoU on 27 May in Lima, creating a framework for ...": a participle clause describes the
# arrangement just named, it does not add a second one
_APPOSITIVE = re.compile(r"^[^.;]{0,100}?,\s*(?:thereby\s+)?(?:forging|creating|establishing|setting up|laying(?: down)?|"
                         r"providing|forming|serving as|described as|known as|dubbed|which (?:establishes|creates|sets up|"
                         r"provides|forms)|(?:in order )?to (?:set up|establish|create|form|launch|build))\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}$")
# "raised ties from a strategic partnership to a comprehensive strategic partnership": one elevation
_FROM_TO = re.compile(r"^\s+(?:up\s+)?to\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$")
# "a/an ..." introduces an arrangement; "the ..." refers back to one already told
_INDEFINITE = folded_pattern(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$")
_DEFINITE = folded_pattern(r"\b(?:the|this|that)\s+$")
# a purchase the sentence tells: an undetermined arrangement beside it is the purchase's instrument
_PURCHASE_VERB = folded_pattern(r"\b(?:buy|buys|buying|bought|acquire|acquires|acquiring|acquired|purchase|purchases|"
                                r"purchasing|purchased|procure|procures|procuring|procured)\b")
_DEFINITE_BEFORE = folded_pattern(r"\b(?:the|this)\s+(?:[\w-]+\s+){0,2}$")  # "the Pukpuk treaty", "the new defence pact"
_CANCEL_AFTER = folded_pattern(r"^[^,.;]{0,30}?\b(?:was|were|is|are|been|being|had|has)\s+(?:formally\s+|officially\s+|"
                           r"effectively\s+)?(?:cancel\w*|scrapped|terminated|annulled|abrogated|suspended|torn up)")
# "according to a joint statement": the document reports on the arrangement, it is not the arrangement
_SOURCE = folded_pattern(r"\baccording to (?:a|an|the)\s+[^,.]{0,20}$")
_HERE = re.compile(r"\bhere\b")


# a joint statement that elevates a relationship is the strategic partnership's own document (GUIDELINES)
_ELEVATION = {"joint_statement", "strategic_partnership"}


@dataclass
class _Cue:
    start: int
    end: int
    kind: str
    name: str | None
    rank: int  # specificity: lower is more specific


@dataclass
class _Passage:
    info: SentenceInfo
    cue: _Cue
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.info.text[self.start:self.end]

    @property
    def folded(self) -> str:
        return self.info.folded[self.start:self.end]


@dataclass
class _Cluster:
    parties: list[str]
    type: str
    name: str | None
    sentences: list[SentenceInfo] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    date: DateHit | None = None
    location: str | None = None
    signatories: list[str] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)
    best: tuple[int, SentenceInfo] | None = None
    firm: bool = False  # made with a company: followed through the text, never published
    separate: bool = False  # introduced as "a separate ...", "another ...": no headline announces it
    last_k: int = -1  # the sentence that last told about it
    date_weak: bool = False  # the date was read from a passage without an event verb
    label: str | None = None  # its name in full as written (agreement_names.written_names): published, never compared
    # told at least once as more than a bare back-reference ("Paris has not yet confirmed the agreement",
    # with no arrangement told before, refers to something else, a purchase or a contract): only then published
    grounded: bool = True


# ---------------------------------------------------------------- cues

@lru_cache(maxsize=8192)  # pure; a corpus repeats many sentences
def _type_cues(text: str) -> tuple[tuple[int, int, str, int], ...]:
    """(start, end, kind, rank) of every TYPE_CUES match (a type without its words cannot match)."""
    folded = fold(text)
    return tuple((m.start(), m.end(), kind, rank) for rank, (kind, pattern) in enumerate(TYPE_CUES)
                 if TYPE_WORDS[kind].in_(folded) for m in pattern.finditer(text))


def _cues(info: SentenceInfo, acronyms: re.Pattern | None, registry: dict[str, NamedArrangement],
          type_word: bool | None = None, declaration: bool | None = None) -> list[_Cue]:
    """`type_word`, `declaration`: whether the folded sentence has a _CUE_WORDS word, and
    "declaration", when the caller knows (None: test here)."""
    text = info.text
    raw: list[_Cue] = []
    if type_word is None:
        type_word = _CUE_WORDS.in_(info.folded)
    if type_word:
        raw += [_Cue(start, end, kind, None, rank) for start, end, kind, rank in _type_cues(text)]
    if declaration is None:
        declaration = "declaration" in info.folded
    # a proper name ends with a head word, which is a type word or "Declaration" (see find_names)
    for named, s, e in find_names(text) if type_word or declaration else ():
        raw.append(_Cue(s, e, named.type, named.key, -1))
    if acronyms is not None:
        for m in acronyms.finditer(text):
            named = registry[m.group(0)]
            raw.append(_Cue(m.start(), m.end(), named.type, named.key, -1))
    raw.sort(key=lambda c: (c.start, -c.end))
    merged: list[_Cue] = []
    named_until = -1
    for c in raw:
        last = merged[-1] if merged else None
        # overlapping or only punctuation/article apart: one arrangement named twice ("the MoU (MoU)", "X, the Y")
        if c.rank >= 0 and text[c.end:c.end + 1] == "-":
            continue  # "treaty-level", "agreement-based": a modifier, not an arrangement
        if c.rank >= 0 and _SUCH_BEFORE.search(text, max(0, c.start - 20), c.start):
            continue  # "the first such pact with Germany": the kind of an arrangement named, not another one
        if c.start < named_until:
            continue  # a type word inside a name joined to the cue before it
        if last and c.name and not last.name and _PARTNER_APPOSITION.match(text[last.end:c.start]):
            # the name joins the cue, which keeps its own end: the partner after it stays the cue's partner
            merged[-1] = _Cue(last.start, last.end, c.kind, c.name, -1)
            named_until = c.end
            continue
        if last and (c.start < last.end or _CUE_GAP.match(text[last.end:c.start])
                     or (c.rank >= 0 and not c.name and _APPOSITIVE.match(text[last.end:c.start]))
                     or _FROM_TO.match(text[last.end:c.start]) and c.kind == last.kind):
            best = min(last, c, key=lambda x: x.rank)
            merged[-1] = _Cue(last.start, max(last.end, c.end), best.kind, last.name or c.name,
                              min(last.rank, c.rank))
        else:
            merged.append(c)
    return merged


# where a later cue's own clause begins: "X signed A in 2006, while Y and Z signed B" gives B its subject and verb
_CLAUSE_OPENING = re.compile(r"(?:[;:]|,\s+(?:while|whereas|but|and|as|after|before|when)\b|\s+(?:while|whereas)\b)\s*")


def _passages(info: SentenceInfo, cues: list[_Cue]) -> list[_Passage]:
    starts = []
    for i, c in enumerate(cues):
        start = 0 if i == 0 else c.start
        if i:
            opening = None
            for m in _CLAUSE_OPENING.finditer(info.text, cues[i - 1].end, c.start):
                opening = m
            if opening:
                start = opening.end()
        starts.append(start)
    return [_Passage(info, c, starts[i], starts[i + 1] if i + 1 < len(cues) else len(info.text))
            for i, c in enumerate(cues)]


# ---------------------------------------------------------------- fields of one passage

def _verb(p: _Passage) -> tuple[int, int] | None:
    hits = [(abs(m.start() - p.cue.start), m.start(), m.end()) for m in _SIGN_VERB.finditer(p.info.folded, p.start, p.end)]
    return min(hits)[1:] if hits else None


def _status(p: _Passage) -> str | None:
    text, folded = p.info.text, p.info.folded  # the patterns run on folded text (prefilter.folded_pattern)
    clause_start = p.start
    for m in _CLAUSE_BREAK.finditer(text, p.start, p.cue.start):
        if p.cue.start - m.end() < 120:
            clause_start = m.end()
            break
    clause = folded_sub(_PURPOSE, " ", text[clause_start:p.end], folded[clause_start:p.end])
    status = agreement_status(clause)
    if status == "cancelled":
        # only when the cancelling verb governs this arrangement ("scrapped the pact", "the pact was suspended"),
        # not a contract cancelled in the same clause
        before = folded[max(clause_start, p.cue.start - 40):p.cue.start]
        if not (_CANCEL.search(before) or _CANCEL_AFTER.match(folded[p.cue.end:p.end])):
            status = agreement_status(folded_sub(_CANCEL, " ", clause, fold(clause)))
    return status  # None: the passage does not say (the arrangement is taken as signed unless another does)


def _clause_date(p: _Passage) -> DateHit | None:
    """A passage with no event verb is dated only by a date in the arrangement's own clause right after
    it ("A Reciprocal Access Agreement with Japan followed in 2024")."""
    if not p.info.may_have_dates:
        return None
    for d in p.info.dates:
        if p.cue.end <= d.start < min(p.end, p.cue.end + 60) and not _CLAUSE_BREAK.search(p.info.text, p.cue.end, d.start) \
                and re.search(r"\b(?:in|on)\s+$", p.info.text[max(0, d.start - 4):d.start]) \
                and not _TARGET_BEFORE.search(p.info.text[max(0, d.start - 20):d.start]):
            return d
    return None


def _date(p: _Passage, verb: tuple[int, int] | None, signed: bool = True) -> DateHit | None:
    """The date nearest the verb.  A deadline ("by the end of October") is the expected date of an
    arrangement not yet signed (GUIDELINES), never the date of a signed one."""
    anchor = verb[0] if verb else p.cue.start
    best = None
    for d in p.info.dates:
        if not (p.start <= d.start < p.end) or _qualifies(d, p.info.dates):
            continue
        target = _TARGET_BEFORE.search(p.info.text[max(0, d.start - 20):d.start])
        if target and (signed or not _DEADLINE.match(target.group())):
            continue
        if _of_another_event(p.info.text, d):
            continue  # "Friday's launch came two weeks after they signed": the date of something else
        dist = abs(d.start - anchor)
        if d.start > max(anchor, p.cue.end) and _CLAUSE_BREAK.search(p.info.text, max(anchor, p.cue.end), d.start):
            # "..., updating the original document concluded in 2012": a later clause dates something else
            dist += 1000
        elif d.end <= anchor and _COORDINATE_CLAUSE.search(p.info.text, d.end, anchor):
            # "decisions were taken at the end of 2024, and the six governments signed ... on 5 June 2025": an
            # earlier clause of its own dates its own event
            dist += 1000
        if best is None or dist < best[0]:
            best = (dist, d)
    return best[1] if best else None


def _qualifies(d: DateHit, dates: list[DateHit]) -> bool:
    """"29 February this year", "March 3, last year": a coarser date right after a finer one it contains
    only tells that one's year; it is not a date of its own."""
    return any(e.end <= d.start <= e.end + 2 and len(e.iso) > len(d.iso) and e.iso.startswith(d.iso) for e in dates)


def _parties(ctx: DocContext, p: _Passage, verb, status_cue: bool, item: bool = False,
             recent: list[str] | None = None, pair_before: list[str] | None = None) -> list[str] | None:
    """`item`: the passage is an item of a list, which continues the list's subject (the main pair).
    `recent`: the parties a passage just before stated explicitly: the pair the text is about now.
    `pair_before`: the pair an earlier passage of the same sentence is between."""
    found = explicit_parties(p.info, p.cue.start, p.cue.end, verb)
    if found:
        mates = _COUNTERPARTS.search(p.info.text, 0, p.cue.end)
        if mates is not None and all(any(h.alpha3 == f and mates.start(1) <= h.start < mates.end(1) for h in p.info.countries)
                                     for f in found):
            # "X, then defence minister, joined his Norwegian and German counterparts in signing ...": the
            # counterparts' states and the subject's own, whom the paper need not name
            home = topic_state(ctx, p.info, found) or home_state(ctx)
            if home and home[0] not in found:
                return sorted({home[0], *found})
        return found
    listed = _counted_parties(ctx, p)
    if listed:
        return listed
    if pair_before and _PAIR_ANAPHOR.search(p.info.folded, p.start, p.end) \
            and not any(p.start <= h.start < p.end and not is_venue(p.info.text, h) for h in p.info.countries):
        # "That agreement with Wellington came ten months after an arrangement between the two countries
        # was signed": the pair the sentence has just told of
        return pair_before
    states = p.info.acting_states()
    # "The treaty was signed a day after Australia hosted China's premier, ... between the two countries":
    # the states and pairs of another event's clause after the arrangement are not its parties
    opener = _EVENT_OPENER.search(p.info.folded, max(p.cue.end, verb[1] if verb else 0))
    upto = opener.start() if opener else len(p.info.folded)
    if opener is not None and not any(h.start < upto for h in p.info.countries):
        states = []  # (when the arrangement's own clause names a state, the clauses are not told apart)
    partners = with_partners(p.info, p.cue.start, p.cue.end, verb)
    # asked rarely (they read other sentences): the state the passage continues to talk about, or the
    # article's own
    home = (venue_state(ctx, p.info, partners) or topic_state(ctx, p.info, partners) or home_state(ctx)) if partners else None
    local = {h.alpha3 for h in p.info.countries if p.start <= h.start < p.end and not is_venue(p.info.text, h)}
    if home and home[0] not in partners and all(s in partners or s == home[0] for s in local):
        # "An SOVFA with Australia was signed in 2007" in an article about the Philippines: the article's
        # own state is the unnamed subject
        return sorted({home[0], *partners})
    # the verb may stand in an earlier passage of the sentence ("A and B agreed on X along with a second Y")
    acting = verb or next(((m.start(), m.end()) for m in _SIGN_VERB.finditer(p.info.folded, 0, p.cue.start)), None)
    # the states of this passage's clause, its subject included when the verb stands before it
    zone = p.start if verb or not acting else min(p.start, max(0, acting[0] - 160))
    local = sorted({h.alpha3 for h in p.info.countries if zone <= h.start < p.end and not is_venue(p.info.text, h)})
    if len(local) == 1 and acting and acting[0] > p.cue.start - 200:
        subject = p.info.text[max(0, acting[0] - 160):acting[0]]
        hit = next((h for h in p.info.countries if h.alpha3 == local[0] and h.start >= zone), None)
        if hit and hit.start < acting[0] and (_SUBJECT_PAIR.search(subject) or _NAME_AND.search(
                p.info.text, max(0, hit.start - 60), hit.start)):
            # "Minister A and Japanese Minister B signed": the official named without a state is the
            # article's own (a paper does not qualify its own government's ministers)
            home = home_state(ctx)
            if home and home[0] != local[0]:
                return sorted({home[0], local[0]})
    if len(states) == 2 and acting and any(h.start < acting[0] and h.alpha3 in states for h in p.info.countries) \
            and any(p.cue.end <= h.start <= p.cue.end + 100 and h.alpha3 in states
                    and not re.search(r"[,;.]", p.info.text[p.cue.end:h.start]) for h in p.info.countries):
        # "Minister A and General B of China's Office ... signed an agreement on China's aid to the Maldives":
        # one state acts, the other is the arrangement's object
        return sorted(states)
    if _PAIR_ANAPHOR.search(p.info.folded, 0, upto):
        if len(states) == 2:
            return sorted(states)  # "the two sides" of a sentence naming two states are those two
        if not states:  # ... or of the sentence before, when it names two ("X's minister visited Y. The two sides")
            k = ctx.index_of(p.info) or 0
            before = ctx.sentences[k - 1].acting_states() if k else []
            if len(before) == 2:
                return sorted(before)
    main = sorted(ctx.main_states(2))
    if recent and recent != main and all(s in recent for s in states) and (
            _ANAPHOR.search(p.info.folded) or status_cue or p.cue.name or item):
        # "US-PNG: Defense Cooperation Agreement ... A separate shiprider agreement lets PNG officers ...":
        # the text still tells about the pair it named last, not the article's main pair
        return recent
    if len(main) < 2:
        return None
    if sorted(states) == main:
        return main
    # the sentence is about the main pair ("the two countries", "the MoU was signed") and names no other pair
    if (not states or any(s in main for s in states)) and (
            _ANAPHOR.search(p.info.folded) or status_cue or p.cue.name or item):
        return main
    return None


# "his Norwegian and German counterparts": officials of other states beside the sentence's subject
_COUNTERPARTS = re.compile(r"\b(?:his|her|their)\s+((?:[A-Z][\w-]+(?:,\s+|\s+and\s+)?){1,5})\s+counterparts?\b")
# "Six nations sign ...", "the six governments signed ...": parties told by their number
_COUNTED = folded_pattern(r"\b(?P<n>three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:[a-z]+\s+)?"
                          r"(?:nations|countries|governments|states|partners|allies|participants|signatories)\b")
_AMONG = folded_pattern(r"\s+(?:[\w-]+\s+){0,5}?(?:between|among|by)\s+(?:the\s+|all\s+)?")
_LIST_REACH = 12  # how many sentences away the list of those states may be told


def _counted_parties(ctx: DocContext, p: _Passage) -> list[str] | None:
    """The states of an arrangement told by their number ("the six governments signed a declaration"): the
    nearest sentence that lists exactly that many states ("The participants are A, B, C, D, E and F")."""
    # the number is the arrangement's subject, or its "between"/"among" phrase ("firms from all three countries
    # will be invited" after it is not who made it)
    m = _COUNTED.search(p.info.folded, 0, p.cue.start) or (
        (b := _AMONG.match(p.info.folded, p.cue.end)) and _COUNTED.match(p.info.folded, b.end()))
    if m is None:
        return None
    n = word_to_int(m.group("n"))
    if n is None or n < 3:
        return None
    k = ctx.index_of(p.info) or 0
    for j in sorted(range(max(0, k - _LIST_REACH), min(len(ctx.sentences), k + _LIST_REACH + 1)), key=lambda j: abs(j - k)):
        info = ctx.sentences[j]
        names = {h.alpha3 for h in info.countries if h.kind == "name" and not is_venue(info.text, h)}
        if len(names) == n and len(info.acting_states(copy=False)) == n:
            return sorted(names)
    return None


# ---------------------------------------------------------------- merging

def _one_name(a: str, b: str) -> bool:
    """Two names of one arrangement within an article: the same, or an acronym and the full name it
    abbreviates ("SOFA", "Status of Forces Agreement").  Not agreement_names.same_name's spelling
    tolerance, which across articles joins variants but within one would join "Defence Cooperation
    Agreement" and "Defence Industry Cooperation Agreement"."""
    return a == b or a in initials_of(b) or b in initials_of(a)


def _compatible(c: _Cluster, parties, p: _Passage, date: DateHit | None, status: str) -> bool:
    kind, name = p.cue.kind, p.cue.name
    if c.parties != parties:
        return False
    if name and not c.name and c.sentences and all(s is p.info for s in c.sentences):
        return False  # "the new treaty builds on the Lombok Treaty": a proper name in the same sentence is another
    if name and c.name and not _one_name(name, c.name):
        return False
    if kind != c.type and "agreement" not in (kind, c.type) and {kind, c.type} != _ELEVATION:
        return False
    if "other" in (kind, c.type) and kind != c.type and not (name and c.name and _one_name(name, c.name)):
        return False  # an action plan or programme is its own document, not the agreement it implements
    if date and c.date and date.iso[:4] != c.date.iso[:4]:
        return False
    if _NEW_MARKER.search(p.info.text[max(0, p.cue.start - 40):p.cue.start]) \
            and not (name and c.name and _one_name(name, c.name)):
        return False
    if name and not c.name and kind != c.type:
        return False
    if _INDEFINITE.search(p.info.folded[max(0, p.cue.start - 40):p.cue.start]) and _verb(p) and not name \
            and {kind, c.type} != _ELEVATION \
            and (kind != c.type or "signed" not in c.statuses or c.topics and not c.topics & set(topics(p.text))) \
            and any(_SIGN_VERB.search(s.folded) for s in c.sentences):
        # "... signed an agreement. X and Y signed a memorandum ...": a second arrangement; but the same kind
        # told signed again, on the same subject, is the lede told again ("X and Y had signed an MoU on
        # security ... X and Y signed an MoU on Thursday covering security"); a signing after one not told
        # signed is another ("the arrangement is due next month ... in 2021 they signed an agreement")
        return False
    if c.name and not name and kind not in ("agreement", c.type):
        return False  # "a memorandum" is not the named agreement told before
    # None: a passage told with no stage, signed by default
    if status == "proposed" and ("signed" in c.statuses or None in c.statuses) and not _ANAPHOR.search(p.info.folded):
        return False
    return True


def _target(clusters: list[_Cluster], parties, p: _Passage, date, status) -> _Cluster | None:
    if p.cue.name:
        for c in clusters:
            if c.name and _one_name(c.name, p.cue.name) and c.parties == parties:
                return c
    for c in reversed(clusters):  # the latest compatible arrangement is the one being continued
        if _compatible(c, parties, p, date, status):
            return c
    return None


# "Tuesday's visit", "Monday's talks": a possessive date of the occasion itself dates what it produced
_OCCASION_AFTER = folded_pattern(r"\s*(?:visit|talks|summit|meeting|signing|ceremony|session|trip)\b")


def _of_another_event(text: str, d: DateHit) -> bool:
    """"Friday's launch": a possessive date names another event than the one told, unless the thing
    it owns is the occasion itself."""
    if not text.startswith(("'s", "’s"), d.end):
        return False
    return not _OCCASION_AFTER.match(fold(text), d.end + 2)


def _event_date(info: SentenceInfo) -> DateHit | None:
    """The date nearest an event verb in a sentence naming no arrangement ("met on February 2")."""
    # the verbs first: most sentences have none, and their dates are then never computed
    if not _SIGN_VERB_WORDS.in_(info.folded) or not info.may_have_dates:
        return None
    verbs = [m.start() for m in _SIGN_VERB.finditer(info.folded)]
    dates = [d for d in info.dates if not _of_another_event(info.text, d)]
    if not verbs or not dates:
        return None
    return min(dates, key=lambda d: min(abs(d.start - v) for v in verbs))


def _day_told_before(ctx: DocContext, k: int, vague: DateHit, back: int = 40) -> DateHit:
    """The latest full date told in the sentences before k that falls within `vague` (a month or a
    year): the day a back-reference ("the same day as the signing in February 2022") means."""
    for j in range(k - 1, max(-1, k - 1 - back), -1):
        info = ctx.sentences[j]
        if not info.may_have_dates:
            continue
        for d in reversed(info.dates):
            if len(d.iso) == 10 and d.iso.startswith(vague.iso):
                return DateHit(d.iso, vague.start, vague.end, vague.kind)
    return vague


def _occasion_told_before(ctx: DocContext, k: int, noun: str, back: int = 40) -> tuple[DateHit, str | None] | None:
    """(date, place) of the latest dated sentence before k that tells of `noun` ("visit"): the date nearest
    the noun ("during the visit" means the visit told before, not the last date told)."""
    for j in range(k - 1, max(-1, k - 1 - back), -1):
        info = ctx.sentences[j]
        pos = info.folded.find(noun)
        if pos < 0 or not info.may_have_dates or not info.dates:
            continue
        return min(info.dates, key=lambda d: abs(d.start - pos)), signing_place(info.text)
    return None


_SAME_DAY = folded_pattern(r"\b(?:that|the same) day\b|\bon the day\b")


def _day_just_before(ctx: DocContext, k: int, back: int = 3) -> tuple[DateHit, str | None] | None:
    """The latest day told in the few sentences before k, with its place ("here": where the story was
    filed): what "the same day" means when no signing was told before it."""
    for j in range(k - 1, max(-1, k - 1 - back), -1):
        info = ctx.sentences[j]
        days = [d for d in info.dates if len(d.iso) == 10] if info.may_have_dates else []
        if days:
            place = signing_place(info.text)
            if place is None and _HERE.search(info.text):
                place = _document_place(ctx)
            return days[-1], place
    return None


def _lede_event(ctx: DocContext, k: int, headlines: set[int]) -> tuple[DateHit, str | None] | None:
    """(date, place) of the lede's event when sentence k is the lede or the one after it: the first
    sentence that is not a heading, with an event verb and a date."""
    lede = next((j for j in range(min(k + 1, len(ctx.sentences))) if j not in headlines
                 and len(ctx.sentences[j].text.split()) >= 12), None)
    if lede is None or k - lede > 1:
        return None
    date = _event_date(ctx.sentences[lede])
    if date is None:
        return None
    place = signing_place(ctx.sentences[lede].text)
    if place is None and _reported_on_the_spot(ctx, date):
        place = _document_place(ctx)
    return date, place


def _refined_below(ctx: DocContext, k: int, date: DateHit, location: str | None,
                   headlines: set[int]) -> tuple[DateHit, str | None]:
    """A subheading's month or year ("X-Y: Defence Agreement - SIGNED, June 2023") made precise by the
    signing its section tells first ("... signed the pact in Suva on 14 June 2023"), with its place."""
    if ends_a_sentence(ctx.sentences[k].text):
        return date, location  # a sentence of its own, not a heading over a section
    below = range(k + 1, min(len(ctx.sentences), k + 4))
    items = list_items(ctx, below)
    for j in below:
        if j in headlines or j in items:
            break  # the next heading or list item starts another section
        info = ctx.sentences[j]
        found = _event_date(info)
        if found and len(found.iso) > len(date.iso) and found.iso.startswith(date.iso):
            return found, location or signing_place(info.text)
    return date, location


def _set_occasion(ctx: DocContext, k: int, events: "_LastEvent") -> tuple[DateHit, str | None] | None:
    """(date, place) of a sentence that reports a set of arrangements signed at one occasion."""
    info = ctx.sentences[k]
    if not _SET_VERBS.in_(info.folded) or not _SET_SIGNED.search(info.folded):
        return None
    date = _event_date(info)
    if date and _TARGET_BEFORE.search(info.text[max(0, date.start - 20):date.start]):
        return None  # "signed 20 agreements since 2010": a tally over years, not one occasion
    if date:
        place = signing_place(info.text)
        if place is None and _reported_on_the_spot(ctx, date):
            place = _document_place(ctx)
        return date, place
    noun = _BACKREF_NOUN.search(info.folded)
    if noun:
        return _occasion_told_before(ctx, k, noun.group(1))
    return events.before(k) if _BACKREF.search(info.folded) else None


class _LastEvent:
    """The latest dated event told before a sentence: a sentence naming no arrangement that has an
    event verb and a date ("met on February 2"), or a dated passage about an arrangement.

    Only a passage that refers back ("that day", "during the visit") asks for it, and few do,
    while finding a sentence's dates is costly: so the sentences are searched when asked,
    backwards from the asking one, and only as far as the latest event (each sentence at most
    once)."""

    def __init__(self, sentences: list[SentenceInfo]):
        self.sentences = sentences
        self.event: tuple[DateHit, str | None] | None = None
        self.upto = 0  # the sentences before this one are accounted for in `event`
        self.naming: set[int] = set()  # sentences that name an arrangement: their events are `told`

    def names_arrangements(self, k: int) -> None:
        self.naming.add(k)

    def told(self, k: int, date: DateHit, place: str | None) -> None:
        """A passage of sentence k told a dated event: the latest so far."""
        self.event, self.upto = (date, place), k + 1

    def before(self, k: int) -> tuple[DateHit, str | None] | None:
        """(date, place) of the latest event told before or in sentence k (asked from sentence k)."""
        for j in range(k - 1, self.upto - 1, -1):
            if j in self.naming:
                continue
            info = self.sentences[j]
            found = _event_date(info)
            if found:
                self.event = (found, signing_place(info.text))
                break
        self.upto = max(self.upto, k)
        return self.event


_BYLINE_PART = re.compile(r"\|\s*(?P<place>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s*(?=\|)")


def _document_place(ctx: DocContext) -> str | None:
    """Where the story was filed: the dateline ("ANKARA, June 11 --") or a byline field ("| New Delhi |")."""
    city = ctx.dateline or filed_city(ctx.text)
    if city:
        return city
    for line in ctx.text.splitlines()[:8]:
        for m in _BYLINE_PART.finditer(line + "|"):
            if _is_capital(m.group("place")):
                return m.group("place")
    return None


def _is_capital(place: str) -> bool:
    hits = find_countries(place)
    return len(hits) == 1 and hits[0].kind == "capital" and hits[0].surface == place


def _reported_on_the_spot(ctx: DocContext, date: DateHit | None) -> bool:
    """An event dated the day of publication or the day before happened where the story was filed."""
    if not date or not ctx.published or len(date.iso) < 10:
        return False
    import datetime as dt
    try:
        gap = (dt.date.fromisoformat(ctx.published[:10]) - dt.date.fromisoformat(date.iso)).days
    except ValueError:
        return False
    return 0 <= gap <= 1


def _absorb(target: _Cluster, p: _Passage, status: str, date: DateHit | None, location: str | None, verb,
            item: bool = False) -> None:
    """Adds a passage's facts to the arrangement it tells about.  `item`: the passage is an item of a
    list of documents, whose lead tells the signing."""
    info = p.info
    if target.type == "joint_statement" and p.cue.kind == "strategic_partnership":
        target.type = p.cue.kind
    elif p.cue.kind not in ("agreement", "other") and target.type == "agreement" and not target.name and verb \
            and not _SOURCE.search(info.folded[:p.cue.start]):
        target.type = p.cue.kind
    target.name = target.name or p.cue.name
    # An arrangement is told as an act when a verb signs it or it has a name; a mention not referring back
    # with a bare "the agreement" too ("A Reciprocal Access Agreement with Japan followed in 2024", "the 2022
    # security agreement between X and Y"), unless it is the instrument of a purchase the sentence tells with
    # no stage of its own ("Under an agreement, Pakistan will acquire eight submarines from China",
    # "finalized an agreement with the US and Lockheed Martin to buy 88 F-35s").
    target.grounded = target.grounded or bool(verb or p.cue.name) or (
        not _DEFINITE.search(info.folded[max(0, p.cue.start - 40):p.cue.start])
        and (status is not None or item or not _PURCHASE_VERB.search(info.folded)))
    target.label = target.label or next((n for n, s, e in written_names(info.text)
                                         if s < p.cue.end and p.cue.start < e), None)
    target.sentences.append(info)
    target.statuses.append(status)
    # the first date is the signing date; a later one may only make it more precise, or replace one read
    # without an event verb (a passing "... followed in 2021")
    if date and (target.date is None or (date.iso.startswith(target.date.iso) and date.iso != target.date.iso)
                 or (verb and target.date_weak)):
        target.date = date
        target.date_weak = not verb
        target.location = location or target.location
    target.location = target.location or location
    if verb:
        for person in find_people(p.text):
            if person not in target.signatories:
                target.signatories.append(person)
    target.topics.update(topics(p.text))
    informative = (date is not None) + bool(p.cue.name) + len(info.acting_states()) + bool(verb)
    if target.best is None or informative > target.best[0]:
        target.best = (informative, info)


def _each_with(ctx: DocContext, p: _Passage) -> list[_Cluster]:
    """The arrangements a plural passage tells signed with each of two or more listed partners ("similar
    agreements were signed with the United States and Japan"), each between the partner and the state
    the article is about; none for a set told without its partners ("signed 30 MoUs")."""
    verb = _verb(p)
    if verb is None or agreement_status(p.text) not in (None, "signed"):
        return []
    partners = with_partners(p.info, p.cue.start, p.cue.end, verb)
    if len(partners) < 2:
        return []
    home = venue_state(ctx, p.info, partners) or topic_state(ctx, p.info, partners) or home_state(ctx)
    if not home or home[0] in partners:
        return []
    date = _date(p, verb, True)
    out = []
    for partner in partners:
        c = _Cluster(sorted({home[0], partner}), p.cue.kind, None)
        _absorb(c, p, "signed", date, None, verb)
        out.append(c)
    return out


def _headline_target(clusters: list[_Cluster], parties, p: _Passage, after: int,
                     date: DateHit | None = None) -> _Cluster | None:
    """The arrangement a headline announces: the first one the text below it tells (clusters[after:]),
    else above it, with the same parties, a compatible type and no other date (the lede re-introduces
    it with "a ...", so the body's merging rules do not apply)."""
    fits = [c for c in clusters[after:] + clusters[:after] if c.parties == parties and not c.firm and not c.separate
            and (date is None or c.date is None or c.date.iso.startswith(date.iso) or date.iso.startswith(c.date.iso))
            and (not p.cue.name or not c.name or _one_name(c.name, p.cue.name))
            and (c.type == p.cue.kind or "agreement" in (c.type, p.cue.kind) or {c.type, p.cue.kind} == _ELEVATION)]
    return next((c for c in fits if c.type == p.cue.kind), fits[0] if fits else None)


# Two bodies of one state as the signatories: "X's defence ministry and its interior ministry",
# "between the defence ministry and the country's navy" (GUIDELINES: an agreement is between states)
_BODY = r"(?:ministry|ministries|department|agency|army|navy|air\s+force|police|coast\s+guard|guard|council|office|industry)"
_INTRA_STATE = re.compile(rf"\b{_BODY}\s+(?:and|with)\s+(?:its|their|the\s+(?:country|state|nation|government)['’]s)\s+"
                          rf"(?:[\w-]+\s+){{0,2}}?{_BODY}\b", re.I)


def extract_agreements(ctx: DocContext) -> list[AgreementMention]:
    registry = acronym_registry([i.text for i in ctx.sentences])
    acronyms = acronym_pattern(registry)
    clusters: list[_Cluster] = []
    events = _LastEvent(ctx.sentences)
    paragraph: tuple[int, DateHit, str | None] | None = None  # (line start, date, place) of its last signing
    # Only sentences with a type word, "declaration" or a defined acronym can have a cue; the
    # others are skipped unread (most of an article).  Skipping them changes nothing: `paragraph`
    # is only read at a cue, and a sentence on a later line than its signing resets it there as it
    # would have at any sentence in between; the events they tell are found when asked for.
    type_word = ctx.sentences_with(_CUE_WORDS)
    declaration = ctx.sentences_with(_DECLARATION_WORD)
    readable = type_word | declaration
    if acronyms is not None:
        readable |= ctx.scan.touched_by(acronyms) if ctx.scan else set(range(len(ctx.sentences)))
    sets = ctx.sentences_with(_SET_WORDS) | type_word  # the sentences that may tell a set signed
    all_headlines = headlines(ctx)
    heads = all_headlines & readable
    items = list_items(ctx, readable)
    # (sentence, line start, date, place) of the last set signed; a heading after it ends its list
    occasion: tuple[int, int, DateHit, str | None] | None = None
    headline_passages = []  # told after the body, which they summarise
    recent: tuple[int, list[str]] | None = None  # (sentence, parties) of the last explicitly stated parties
    for k in sorted(readable | sets):
        info = ctx.sentences[k]
        line_start = ctx.text.rfind("\n", 0, info.sentence.start) + 1
        if paragraph and paragraph[0] != line_start:
            paragraph = None
        if k in sets and (found := _set_occasion(ctx, k, events)):
            occasion = (k, line_start, *found)
        if occasion and any(occasion[0] < h < k for h in all_headlines):
            occasion = None
        if k not in readable:
            continue
        cues = _cues(info, acronyms, registry, k in type_word, k in declaration)
        if not cues:
            continue
        events.names_arrangements(k)
        if _AGGREGATE.search(info.folded):
            continue
        passages = _passages(info, cues)
        for i, p in enumerate(passages[1:], 1):
            if _COORDINATED.match(info.text[passages[i - 1].cue.end:p.cue.start]):
                # "signed an LoI on X and a separate memorandum on Y": both objects share the verb and its date
                p.start = passages[i - 1].start
        pair_before = None
        for i, p in enumerate(passages):
            if p.cue.name is None and _PLURAL.search(info.text, p.cue.start, p.cue.end):
                # "In June, similar agreements were signed with the United States and Japan": one bilateral
                # arrangement of the article's state with each partner listed
                clusters.extend(_each_with(ctx, p))
                # "signed ten agreements", "arrangements it has with X": a set, not one arrangement; its
                # verb and date go to a member named next ("a set of agreements, among them an X")
                if i + 1 < len(passages):
                    passages[i + 1].start = p.start
                continue
            if p.cue.kind == "joint_statement" and _IN_STATEMENT.search(info.folded[max(0, p.cue.start - 20):p.cue.start]) \
                    and (_REPORTING.match(info.folded, p.cue.end)
                         or _SAID_IN.search(info.folded, max(0, p.cue.start - 40), p.cue.start)):
                # "In a joint statement, the two said ...", "X and Y said in a joint statement that ...": the
                # medium of a report, not an arrangement
                continue
            verb = _verb(p)
            if p.cue.kind == "strategic_partnership" and not p.cue.name \
                    and not _ELEVATING.search(info.folded[max(0, p.cue.start - 90):min(p.end, p.cue.end + 120)]):
                continue  # "the strategic partnership between the two" describes relations: no act is told
            firm = firm_counterpart(info, p.cue.start, p.cue.end, verb)
            status = _status(p)
            if recent and (k - recent[0] > 2 or k in items and recent[0] in items and recent[0] != k):
                # (an item of a list does not continue the parties another item states: "Trilateral MoU
                # between A, B and C - ...", then "MoU on Defence Cooperation - ..." is the list's pair's)
                recent = None
            parties = _parties(ctx, p, verb, bool(agreement_status(p.text)), k in items, recent and recent[1],
                               pair_before)
            known = next((c for c in clusters if p.cue.name and c.name and _one_name(c.name, p.cue.name) and not c.firm),
                         None)
            if known is not None and parties != known.parties and verb is None:
                # "... but the Trinity House Agreement is the first such pact with Germany": an arrangement
                # named again, with no signing of its own told, is the one told before, between the parties
                # it was told with, unless its own clause names other parties
                local = {h.alpha3 for h in info.countries if p.start <= h.start < p.end and not is_venue(info.text, h)}
                if local <= set(known.parties) and not set(parties) <= local:
                    parties = known.parties
            pair_before = parties if parties and len(parties) == 2 else pair_before
            if parties and explicit_parties(info, p.cue.start, p.cue.end, verb):
                recent = (k, parties)
            if not parties:
                continue
            if _INTRA_STATE.search(info.text, 0, p.cue.start):
                continue  # "Turkey's defence ministry and its interior ministry signed a protocol": one state's bodies
            date = _date(p, verb, status in (None, "signed")) if verb else _clause_date(p)
            location = signing_place(p.text) if verb else None
            if location is None and verb and _HERE.search(p.text):
                location = _document_place(ctx)
            named = next((c for c in clusters if p.cue.name and c.name and _one_name(c.name, p.cue.name)
                          and c.parties == parties), None)
            if date is None and named and named.date and _BACKREF.search(p.folded):
                date, location = named.date, location or named.location  # "BECA was signed on the day"
            if date is not None and len(date.iso) < 10 and _BACKREF.search(info.folded):
                date = _day_told_before(ctx, k, date)  # "on the same day as the signing in February 2022"
            if date is None and (_BACKREF.search(p.folded) or verb and _ALSO.search(p.folded, 0, verb[0] - p.start + 1)) \
                    and (last_event := events.before(k)) and (location is None or last_event[1] in (None, location)):
                # "that day", or "X also signed ...": the occasion told just before
                date, location = last_event[0], location or last_event[1]
            if date is None and _SAME_DAY.search(p.folded) and (day := _day_just_before(ctx, k)):
                # "At a ceremony here on Monday, X handed over ... The MoU was inked the same day"
                date, location = day[0], location or day[1]
            if date is None and occasion and status in (None, "signed") \
                    and (k in items or not verb and occasion[1] == line_start):
                # "Two documents were signed during the visit. A memorandum on ...", "The documents exchanged:
                # 1. MoU on ...": each member of a set takes the occasion's date and place
                date, location = occasion[2], location or occasion[3]
            if date is None and verb and status in (None, "signed") and (lede := _lede_event(ctx, k, all_headlines)):
                # "The leaders announced the plan in San Diego on 13 March. They endorsed it in a joint
                # statement": an undated signing told right after the lede is the lede's event
                date, location = lede[0], location or lede[1]
            if date is None and verb and paragraph:
                # "BECA was one of five documents signed on the day. The X and the Y signed an MoU ...":
                # within one paragraph an undated signing continues the last dated one
                date, location = paragraph[1], location or paragraph[2]
            if location is None and (_reported_on_the_spot(ctx, date) or verb and not ctx.published
                                     and _NEWS_DAY.search(p.folded)):
                # an event of the story's own days ("on Saturday", "today") happened where it was filed
                location = _document_place(ctx)
            if date is not None and len(date.iso) < 10 and (k in all_headlines or k in items):
                date, location = _refined_below(ctx, k, date, location, all_headlines)
            if k in heads and not firm:  # a headline about a contract with a company is no state agreement
                headline_passages.append((p, parties, status, date, location, verb, len(clusters)))
                if date:
                    events.told(k, date, location)  # "- SIGNED, May 2023": "the same day" below refers to it
                continue
            if firm:
                # a contract with a company: not a record, but "the agreement" told next refers to it
                clusters.append(_Cluster(parties, p.cue.kind, p.cue.name, firm=True))
                _absorb(clusters[-1], p, status, date, location, verb)
                continue
            target = _target(clusters, parties, p, date, status)
            if target is not None and k in items and target.sentences[-1] is not info \
                    and not (p.cue.name and p.cue.name == target.name) \
                    and not _DEFINITE_BEFORE.search(info.folded, max(0, p.cue.start - 40), p.cue.start):
                # each item of a list of documents is its own, unless its subject names one told before; an
                # item that tells "the treaty" (a key point of the story: "* X and Y signed the treaty in Z on
                # Monday") refers to one told before
                subject = set(topics(p.text))
                target = next((c for c in reversed(clusters) if c.topics & subject
                               and _compatible(c, parties, p, date, status)), None)
            if target is None:
                # "also", "another", "a separate": not the arrangement a headline announces; "a new" only sets it
                # apart from one of the same parties the body told before ("signed a new treaty" first is the
                # headline's treaty)
                marker = _NEW_MARKER.search(info.text[max(0, p.cue.start - 40):p.cue.start])
                separate = marker is not None and (not marker.group().lower().startswith("a new")
                                                   or any(c.parties == parties and not c.firm for c in clusters))
                target = _Cluster(parties, p.cue.kind, p.cue.name, separate=separate, grounded=False)
                clusters.append(target)
            _absorb(target, p, status, date, location, verb, k in items)
            target.last_k = k
            if date:
                events.told(k, date, location)
                if verb:
                    paragraph = (line_start, date, location)
    for c in clusters:
        # "... signed an agreement in Malé. The ambassador attended the March 4 signing.": a follow-on
        # sentence that names no arrangement dates the signing just told
        nxt = c.last_k + 1
        if (c.date is None or c.location is None) and 0 < nxt < len(ctx.sentences) and nxt not in readable:
            info = ctx.sentences[nxt]
            if _FOLLOW_ON.search(info.folded):
                if c.date is None and info.dates:
                    c.date = info.dates[0]
                # "The signing took place in Hanoi on 5 May": the place of the signing just told
                c.location = c.location or signing_place(info.text)
    for p, parties, status, date, location, verb, after in headline_passages:
        own = date if date is not None and date in p.info.dates else None  # a date the heading itself states
        target = _headline_target(clusters, parties, p, after, own)
        if target is None:
            target = _Cluster(parties, p.cue.kind, p.cue.name)
            clusters.append(target)
        _absorb(target, p, status, date, location, verb)
    out = []
    for c in clusters:
        if c.firm or c.best is None or not c.grounded:
            continue
        s = c.best[1].sentence
        status = max((x for x in c.statuses if x), key=lambda x: AGREEMENT_STATUS_RANK[x], default="signed")
        out.append(AgreementMention(
            parties=c.parties, agreement_type=c.type, status=status,
            evidence=Evidence(ctx.doc_id, s.text, s.start, s.end),
            date=c.date.iso if c.date else None, location=c.location, signatories=c.signatories,
            topics=sorted(c.topics), name=c.label or c.name))
    return out
