"""Consolidate mentions across documents into one record per real-world arrangement.

Mentions are visited in a fixed order (publication date, doc id, offset) and each joins
the best compatible record or starts a new one.  Two mentions from the same document
never merge here: the extractor already merged what it thought was one arrangement per
document, so two mentions from one document are two arrangements (an MoU and a separate
certification agreement; a first and a second batch).  A record's status is the stage
reported by its most recently published source (ties: the most advanced stage).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from dataclasses import dataclass, field

from schemas.vocab import AGREEMENT_STATUS_RANK, PROCUREMENT_CONTRACT_STATUSES, PROCUREMENT_STATUS_RANK

from pipeline.extract import mention_id
from pipeline.extract.records import (AgreementMention, AgreementRecord, Conflict, Mention, MoneyValue, ProcurementMention,
                              ProcurementRecord)
from pipeline.extract.agreements.names import same_name
from pipeline.extract.systems import norm_system, resolve, variants_compatible
from pipeline.rows import paused_gc


@dataclass
class _Group:
    """Mentions merged so far, with the summaries the scores compare a new mention against,
    kept up to date on `add` so that scoring does not rescan the group's mentions."""
    mentions: list = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    # agreements
    types: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    # procurements
    quantities: set[int] = field(default_factory=set)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.docs.add(m.evidence.doc_id)
        if isinstance(m, AgreementMention):
            self.types.add(m.agreement_type)
            self.topics.update(m.topics)
            if m.name:
                self.names.add(m.name)
            if m.date:
                self.years.add(_year(m.date))
        else:
            if m.order_date:
                self.years.add(_year(m.order_date))
            if m.quantity:
                self.quantities.add(m.quantity)


def _sha(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _year(d: str | None) -> str | None:
    return d[:4] if d else None


def _order_key(published_by_doc):
    def key(m: Mention):
        return (published_by_doc.get(m.evidence.doc_id) or "", m.evidence.doc_id, m.evidence.char_start)
    return key


def _latest_status(mentions, published_by_doc, rank) -> str:
    def key(m):
        return (published_by_doc.get(m.evidence.doc_id) or "", rank[m.status])
    return max(mentions, key=key).status


def _best(mentions: list, completeness) -> Mention:
    """The most complete mention, the earliest on ties (by position: list.index per mention
    made this quadratic in the size of a record)."""
    return mentions[max(range(len(mentions)), key=lambda i: (completeness(mentions[i]), -i))]


def _most_precise(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    return max(present, key=len) if present else None


def _conflicts(field_name: str, mentions, getter) -> list[Conflict]:
    seen: dict[str, set[str]] = {}
    for m in mentions:
        v = getter(m)
        if v not in (None, ""):
            seen.setdefault(str(v), set()).add(m.evidence.doc_id)
    if len(seen) < 2:
        return []
    return [Conflict(field_name, v, sorted(docs)) for v, docs in sorted(seen.items())]


def _reported(mentions, published_by_doc) -> tuple[str | None, str | None]:
    dates = [p for p in (published_by_doc.get(m.evidence.doc_id) for m in mentions) if p]
    return (min(dates), max(dates)) if dates else (None, None)


# ---------------------------------------------------------------- agreements

# Topics of the civil economy; the others are about defence.  Articles describe one arrangement with
# varying topics, but an arrangement mostly about the one is not one mostly about the other.
_CIVIL_TOPICS = frozenset({"trade", "critical_minerals", "digital_economy", "green_economy"})


def _domain(topics) -> str | None:
    """"civil" or "defence", whichever most topics are about (None: no topics, or a tie)."""
    civil = sum(t in _CIVIL_TOPICS for t in topics)
    defence = sum(t not in _CIVIL_TOPICS and t != "other" for t in topics)
    return "civil" if civil > defence else "defence" if defence > civil else None


def _agreement_score(g: _Group, m: AgreementMention) -> float | None:
    if m.evidence.doc_id in g.docs:
        return None
    first = g.mentions[0]
    if first.parties != m.parties:
        return None
    types = g.types
    if m.agreement_type not in types and ("agreement" not in types | {m.agreement_type}
                                          or "other" in types | {m.agreement_type}):
        return None  # an action plan or programme is its own document, not the agreement it implements
    g_topics = g.topics
    if "agreement" in (types ^ {m.agreement_type}) and m.agreement_type not in types and g_topics and m.topics \
            and not g_topics & set(m.topics):
        return None  # "an agreement" on certification is not the FTA or MoU on other subjects
    names = g.names
    if m.name and names:
        if not any(same_name(m.name, n) for n in names):
            return None
    years = g.years
    if m.date and years and _year(m.date) not in years:
        return None
    if m.agreement_type not in types and not (m.name and names) and not (m.date and _year(m.date) in years) \
            and (years or not m.date or not g_topics & set(m.topics)):
        # a generic "agreement" is another kind's record only when a shared year or name says so, or
        # (undated record, dated mention) a shared subject: a missing year is no evidence (an undated G2G
        # deal in talks is not the 2022 MoU)
        return None
    if not (m.date and _year(m.date) in years) and not (m.name and names) and None is not _domain(g_topics) \
            != _domain(m.topics) is not None:
        return None  # nothing shared but parties and type: an MoU on minerals is not the MoU on defence industry
    score = 2.0 * (m.agreement_type in types) + (bool(m.date) and _year(m.date) in years) + 2.0 * bool(m.name and names)
    if g_topics or m.topics:
        score += len(g_topics & set(m.topics)) / len(g_topics | set(m.topics))
    return score


def _agreement_record(g: _Group, published_by_doc) -> AgreementRecord:
    ms = g.mentions
    status = _latest_status(ms, published_by_doc, AGREEMENT_STATUS_RANK)
    same_status = [m for m in ms if m.status == status] or ms
    types = [m.agreement_type for m in ms]
    kind = next((t for t in types if t != "agreement"), types[0])
    best = _best(ms, lambda m: bool(m.date) + bool(m.location) + len(m.signatories))
    signatories = list(dict.fromkeys(s for m in ms for s in m.signatories))  # first-seen order
    first, last = _reported(ms, published_by_doc)
    date = _most_precise([m.date for m in same_status]) or _most_precise([m.date for m in ms])
    return AgreementRecord(
        agreement_id="", parties=list(ms[0].parties), agreement_type=kind, status=status, evidence=best.evidence,
        date=date, location=next((m.location for m in ms if m.location), None), signatories=signatories,
        topics=sorted(set().union(*(m.topics for m in ms))), name=next((m.name for m in ms if m.name), None),
        source_doc_ids=sorted(g.docs), mention_ids=sorted(mention_id(m) for m in ms),
        first_reported=first, last_reported=last,
        conflicts=[] if len(g.docs) < 2 else  # one source cannot disagree with itself
        _conflicts("date", ms, lambda m: m.date) + _conflicts("location", ms, lambda m: m.location))


# ---------------------------------------------------------------- procurements

@lru_cache(maxsize=None)
def family(system: str) -> str:
    entry = resolve(system)
    return norm_system(entry.system if entry else system)


def _procurement_score(g: _Group, m: ProcurementMention) -> float | None:
    if m.evidence.doc_id in g.docs:
        return None
    first = g.mentions[0]
    if first.buyer_country != m.buyer_country or family(first.system) != family(m.system):
        return None
    if not all(variants_compatible(other.system, m.system) for other in g.mentions):
        return None  # another variant of the family is another acquisition
    years = g.years
    if m.order_date and years and _year(m.order_date) not in years:
        return None
    quantities = g.quantities
    score = 1.0 + (bool(m.order_date) and _year(m.order_date) in years) + (m.quantity in quantities)
    return score


def _procurement_record(g: _Group, published_by_doc) -> ProcurementRecord:
    ms = g.mentions
    # Procurement stages only move forward (planned -> ordered -> delivered, or cancelled): a later
    # article that recalls "signed a deal in 1993" does not undo an earlier report of the deliveries,
    # so the most advanced stage reported wins, whatever the order of publication.
    status = max((m.status for m in ms), key=lambda s: PROCUREMENT_STATUS_RANK[s])
    delivery_start = _most_precise([m.delivery_start for m in ms])
    first, last = _reported(ms, published_by_doc)
    if status == "delivered" and last and _before(last, delivery_start) and all(
            published_by_doc.get(m.evidence.doc_id) for m in ms if m.status == "delivered"):
        # deliveries scheduled after the newest report cannot have happened yet (an undated article
        # that reports them as done is no earlier report: it may be newer than the dated ones)
        status = max((m.status for m in ms if m.status != "delivered"), key=lambda s: PROCUREMENT_STATUS_RANK[s],
                     default="ordered")

    def first_of(attr):
        return next((v for m in ms if (v := getattr(m, attr)) is not None), None)

    latest_first = sorted(ms, key=lambda m: published_by_doc.get(m.evidence.doc_id) or "", reverse=True)
    valued = next((m for m in latest_first if m.value is not None), None)
    alternatives: list[MoneyValue] = []
    for m in ms:
        for v in ([m.value] if m.value else []) + list(m.value_alternatives):
            if v != (valued.value if valued else None) and v not in alternatives:
                alternatives.append(v)
    best = _best(ms, lambda m: (m.quantity is not None) + (m.value is not None) + (m.order_date is not None)
                 + (m.supplier_country is not None))
    quantity = next((m.quantity for m in latest_first if m.quantity), None)
    return ProcurementRecord(
        procurement_id="", buyer_country=ms[0].buyer_country, system=ms[0].system, status=status,
        evidence=best.evidence, supplier_country=first_of("supplier_country"),
        buyer_org=first_of("buyer_org"), supplier_org=first_of("supplier_org"),
        category=first_of("category"), quantity=quantity,
        value=valued.value if valued else None, value_alternatives=alternatives,
        # a date told with a contract (ordered, delivered, cancelled) before one told with talks or a choice
        order_date=_most_precise([m.order_date for m in ms if m.status in _CONTRACT_STAGES])
        or _most_precise([m.order_date for m in ms]),
        delivery_start=delivery_start,
        delivery_end=_most_precise([m.delivery_end for m in ms]),
        source_doc_ids=sorted(g.docs), mention_ids=sorted(mention_id(m) for m in ms),
        first_reported=first, last_reported=last,
        conflicts=[] if len(g.docs) < 2 else  # one source cannot disagree with itself
        _conflicts("quantity", ms, lambda m: m.quantity) + _conflicts("order_date", ms, lambda m: m.order_date))


# The stages a contract exists at.
_CONTRACT_STAGES = PROCUREMENT_CONTRACT_STATUSES


def _before(a: str | None, b: str | None) -> bool:
    """ISO partial date `a` is strictly before `b`, compared at their common precision."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _make_dates_coherent(r: ProcurementRecord) -> None:
    """Deliveries cannot precede the order: when sources imply they do, the order date (the
    contract event the record is about) is kept and the contradicting delivery dates are moved
    to `conflicts`, so the record stays publishable and the disagreement stays visible."""
    docs = sorted(r.source_doc_ids)
    if _before(r.delivery_start, r.order_date):
        r.conflicts.append(Conflict("delivery_start", r.delivery_start, docs))
        r.delivery_start = None
    if _before(r.delivery_end, r.order_date) or _before(r.delivery_end, r.delivery_start):
        r.conflicts.append(Conflict("delivery_end", r.delivery_end, docs))
        r.delivery_end = None


# ---------------------------------------------------------------- driver

def _group(mentions, score, block) -> list[_Group]:
    """Greedy grouping in mention order; `block(m)` is a key that every compatible pair shares
    (the same parties; the same buyer and system family), so a mention is only scored against
    the groups of its own block, not the whole corpus."""
    groups: list[_Group] = []
    by_block: dict = {}
    for m in mentions:
        candidates = by_block.setdefault(block(m), [])
        scored = [(s, -i) for i, g in candidates if (s := score(g, m)) is not None]
        if scored:
            _, neg_i = max(scored)
            groups[-neg_i].add(m)
        else:
            group = _Group()
            group.add(m)
            candidates.append((len(groups), group))
            groups.append(group)
    return groups


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        n = seen.get(i, 0)
        seen[i] = n + 1
        out.append(i if n == 0 else f"{i}-{n + 1}")
    return out


def agreement_block(m: AgreementMention) -> tuple:
    return tuple(m.parties)


def procurement_block(m: ProcurementMention) -> tuple:
    return (m.buyer_country, family(m.system))


def block_key(m: Mention) -> tuple:
    """The block a mention is consolidated in: records never span blocks, and a record's
    fields and id depend only on its block's mentions (see pipeline/consolidate/incremental.py)."""
    if isinstance(m, AgreementMention):
        return ("agreement", agreement_block(m))
    return ("procurement", procurement_block(m))


def consolidate(mentions: list[Mention], published_by_doc: dict[str, str | None]
                ) -> tuple[list[AgreementRecord], list[ProcurementRecord]]:
    with paused_gc():
        return _consolidate(mentions, published_by_doc)


def _consolidate(mentions, published_by_doc):
    order = _order_key(published_by_doc)
    agr = sorted((m for m in mentions if isinstance(m, AgreementMention)), key=order)
    proc = sorted((m for m in mentions if isinstance(m, ProcurementMention)), key=order)
    return _agreements(agr, published_by_doc), _procurements(proc, published_by_doc)


def consolidate_block(mentions: list[Mention], published_by_doc: dict[str, str | None]) -> list:
    """The records of the mentions of one block (see `block_key`) as `consolidate` makes them,
    without the per-call overhead of splitting by kind (a corpus has ~1 block per 2.5 mentions)."""
    ms = sorted(mentions, key=_order_key(published_by_doc))
    return (_agreements if isinstance(ms[0], AgreementMention) else _procurements)(ms, published_by_doc)


def _anchor(mentions, published_by_doc) -> tuple:
    """The record's earliest evidence: its mention in the earliest dated document (undated
    documents after every dated one; ties: document id, then offsets), as (doc_id, start, end).

    A record's id hashes its block and this anchor, a property of the record alone: documents
    that add no mention to it, and the names and order of the files, leave it as it is. News
    arrives in date order, so a new mention of a known arrangement is later than its anchor
    and the id stays; an article published earlier that turns up later (a backfill), or a
    regrouping of the block, moves it, and the release's id map says from where to where
    (see pipeline/publish/idmap.py)."""
    def key(m):
        published = published_by_doc.get(m.evidence.doc_id)
        return (published is None, published or "", m.evidence.doc_id, m.evidence.char_start, m.evidence.char_end)
    first = min(mentions, key=key)
    return first.evidence.doc_id, str(first.evidence.char_start), str(first.evidence.char_end)


def _with_unique_ids(records: list, id_attr: str, content) -> None:
    """Give records that share an id (two arrangements whose earliest evidence is the same
    sentence) suffixes "-2", "-3", ... in the order of their own content (`content(r)`, which
    ends with the record's mention ids, unique to it): never by position in the corpus."""
    records.sort(key=lambda r: (getattr(r, id_attr), content(r)))
    for r, new_id in zip(records, _unique([getattr(r, id_attr) for r in records])):
        setattr(r, id_attr, new_id)


def _agreements(agr, published_by_doc) -> list[AgreementRecord]:
    """Records of agreement mentions in consolidation order, sorted by id (unique).

    Ids hash the parties (the block) and the record's earliest evidence, so the records of a
    block alone come out as they do among the whole corpus's."""
    agreements = []
    for g in _group(agr, _agreement_score, agreement_block):
        r = _agreement_record(g, published_by_doc)
        r.agreement_id = "agr-" + _sha("|".join(r.parties), *_anchor(g.mentions, published_by_doc))
        agreements.append(r)
    _with_unique_ids(agreements, "agreement_id",
                     lambda r: (r.agreement_type, r.name or "", r.date or "", r.mention_ids))
    return agreements


def _procurements(proc, published_by_doc) -> list[ProcurementRecord]:
    """Records of procurement mentions in consolidation order, sorted by id (unique).

    Ids hash the buyer and system family (the block) and the record's earliest evidence: a
    second batch of a system is told apart from the first by its own evidence, not by an
    ordinal that an earlier batch found later would shift."""
    procurements = []
    for g in _group(proc, _procurement_score, procurement_block):
        r = _procurement_record(g, published_by_doc)
        _make_dates_coherent(r)
        r.procurement_id = "proc-" + _sha(r.buyer_country, family(r.system), *_anchor(g.mentions, published_by_doc))
        procurements.append(r)
    _with_unique_ids(procurements, "procurement_id",
                     lambda r: (r.system, r.order_date or "", r.quantity or 0, r.mention_ids))
    return procurements
