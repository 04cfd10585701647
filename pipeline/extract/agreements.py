"""Agreement mentions: one per arrangement per document, filled from all its sentences.

A sentence is a candidate when it names an arrangement type (MoU, agreement, treaty,
strategic partnership...).  Parties are the acting states of the sentence, or the
document's main pair when the sentence refers to "the two countries" / "the MoU".
Sentences about the same arrangement are merged in text order; a sentence starts a
new arrangement when it is incompatible (other name, other year, other type) or says
so ("also signed", "another agreement").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agreement_types import agreement_type, topics
from .context import DocContext, SentenceInfo, dateline_city
from .countries import find_countries
from .dates import DateHit
from .people import find_people
from .records import AgreementMention, Evidence
from .status import agreement_status

_AGGREGATE = re.compile(r"\bwith\s+(?:more than\s+|over\s+|some\s+)?\d+\s+(?:countries|nations|states)\b|"
                        r"\b\d+\s+(?:countries|nations)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the two (?:countries|nations|sides|governments|states|leaders|ministers)|both (?:countries|nations|"
                      r"sides|governments|states|leaders)|bilateral|the (?:MoU|MOU|agreement|pact|deal|accord|treaty|partnership|"
                      r"memorandum|framework|arrangement)|this (?:MoU|agreement|pact|partnership))\b", re.I)
_NEW_MARKER = re.compile(r"\b(?:also|another|separate|second|further|additional)\b", re.I)
_NAME = re.compile(r"(?P<name>(?:[A-Z][\w-]*|and|of|on|for|the|in)(?:\s+(?:[A-Z][\w-]*|and|of|on|for|the|in)){0,8}?\s+"
                   r"(?:Agreement|Treaty|Accord|Pact|Arrangement|Partnership))(?:\s*\((?P<abbr>[A-Z][A-Za-z-]{1,12})\))?")
_LOCATION = re.compile(r"\b(?:in|at)\s+(?P<loc>[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+){0,2})")
_NOT_PLACES = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                         r"The|This|That|Parliament|Congress|Cabinet|ASEAN|Southeast|Asia|Europe|Indo-Pacific|"
                         r"Defence|Defense|Ministry|Summit|Article)\b")
_SIGN_VERB = re.compile(r"\b(?:signed|inked|sealed|concluded|reached|held|met|formali[sz]ed|elevated|raised|announced|"
                        r"will be signed|to be signed|will sign)\b", re.I)
_STATE_KINDS = {"ministry", "agency", "government_body", "armed_forces", "firm"}


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


def _name(text: str) -> str | None:
    m = _NAME.search(text)
    if not m:
        return None
    if m.group("abbr"):
        return m.group("abbr")
    words = m.group("name").split()
    while words and words[0][0].islower():
        words = words[1:]
    capital = [w for w in words if w[0].isupper()]
    return " ".join(words) if len(capital) >= 3 else None


def _parties(ctx: DocContext, info: SentenceInfo) -> list[str] | None:
    states = [s for s in info.acting_states()]
    text = info.text
    main = ctx.main_states(2)
    if len(states) >= 2:
        if len(states) > 2 and not re.search(r"\b(?:trilateral|three|AUKUS|Quad|multilateral)\b", text):
            if all(m in states for m in main):
                return sorted(main)
            return sorted(states[:2])
        return sorted(states)
    # "the two countries", "the MoU", or a stage verb with no other state named: the article's main pair
    if len(main) == 2 and (not states or states[0] in main) and (_ANAPHOR.search(text) or agreement_status(text)):
        return sorted(main)
    return None


def _date_for(info: SentenceInfo, cue_start: int) -> DateHit | None:
    # the date nearest the arrangement cue; years used as targets ("by 2030") are not dates of signing
    best = None
    for d in info.dates:
        if re.search(r"\b(?:by|until|through|till|before)\s+$", info.text[max(0, d.start - 8):d.start]):
            continue
        dist = abs(d.start - cue_start)
        if best is None or dist < best[0] or (dist == best[0] and len(d.iso) > len(best[1].iso)):
            best = (dist, d)
    return best[1] if best else None


def _location(ctx: DocContext, info: SentenceInfo) -> str | None:
    if not _SIGN_VERB.search(info.text):
        return None
    for m in _LOCATION.finditer(info.text):
        loc = m.group("loc")
        if _NOT_PLACES.match(loc):
            continue
        hits = find_countries(loc)
        if hits and hits[0].kind != "capital" and hits[0].surface == loc:
            continue  # a country is not a city
        return loc
    if re.search(r"\bhere\b", info.text):
        return dateline_city(ctx.text)
    return None


def _compatible(c: _Cluster, parties, kind, name, date: DateHit | None, status, info: SentenceInfo) -> bool:
    if c.parties != parties:
        return False
    if name and c.name and name != c.name:
        return False
    if kind != c.type and "agreement" not in (kind, c.type):
        return False
    if date and c.date and date.iso[:4] != c.date.iso[:4]:
        return False
    if _NEW_MARKER.search(info.text) and not (name and name == c.name) and c.sentences:
        return False
    if name and not c.name and kind != c.type:
        return False
    if status == "proposed" and "signed" in c.statuses and not _ANAPHOR.search(info.text):
        return False
    return True


def extract_agreements(ctx: DocContext) -> list[AgreementMention]:
    clusters: list[_Cluster] = []
    for info in ctx.sentences:
        found = agreement_type(info.text)
        if not found:
            continue
        kind, cue_start, _ = found
        if _AGGREGATE.search(info.text):
            continue
        parties = _parties(ctx, info)
        if not parties:
            continue
        name = _name(info.text)
        status = agreement_status(info.text) or "signed"
        date = _date_for(info, cue_start)
        target = None
        for c in clusters:
            if _compatible(c, parties, kind, name, date, status, info):
                target = c
                break
        if target is None:
            target = _Cluster(parties, kind, name)
            clusters.append(target)
        elif kind != "agreement" and target.type == "agreement":
            target.type = kind
        target.name = target.name or name
        target.sentences.append(info)
        target.statuses.append(status)
        if date and (target.date is None or len(date.iso) > len(target.date.iso)):
            target.date = date
        target.location = target.location or _location(ctx, info)
        for p in find_people(info.text):
            if p not in target.signatories and _SIGN_VERB.search(info.text):
                target.signatories.append(p)
        target.topics.update(topics(info.text))
        informative = (date is not None) + bool(name) + len(info.acting_states()) + bool(_SIGN_VERB.search(info.text))
        if target.best is None or informative > target.best[0]:
            target.best = (informative, info)
    out = []
    from schemas.vocab import AGREEMENT_STATUS_RANK
    for c in clusters:
        s = c.best[1].sentence
        status = max(c.statuses, key=lambda x: AGREEMENT_STATUS_RANK[x])
        out.append(AgreementMention(
            parties=c.parties, agreement_type=c.type, status=status,
            evidence=Evidence(ctx.doc_id, s.text, s.start, s.end),
            date=c.date.iso if c.date else None, location=c.location, signatories=c.signatories,
            topics=sorted(c.topics), name=c.name))
    return out
