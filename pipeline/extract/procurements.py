"""Procurement mentions: who buys which system from whom, merged per document.

A sentence yields a procurement when it names a system and has a procurement cue
(a stage verb, a count or an amount).  Roles: the supplier is the system's origin,
a firm's state, or the state after "from"; the buyer is an acting state that is not
the supplier (an armed-forces organisation's state first), else the document's main
non-supplier state.  Later sentences about "the contract" / "the aircraft" fill the
fields of the procurement mentioned last.  Batches: an explicit ordinal ("second
batch", "12 more") or a different order year starts a new record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.vocab import PROCUREMENT_STATUS_RANK

from .context import DocContext, SentenceInfo
from .countries import find_countries
from .dates import DateHit
from .quantities import quantity_before, quantity_in
from .records import Evidence, MoneyValue, ProcurementMention
from .status import procurement_status
from .systems import SystemHit, norm_system, resolve

_SECOND = re.compile(r"\b(?:second|follow-on|follow-up|additional|more|another|new batch|next batch|third|final tranche|"
                     r"further)\b", re.I)
_FIRST = re.compile(r"\b(?:first|initial|original|existing|current)\b", re.I)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_ORDER_VERB = re.compile(r"\b(?:signed|inked|sealed|ordered|contract|awarded|bought|purchased|acquired|deal|concluded|"
                         r"placed|letter of acceptance)\b", re.I)
_DELIVERY_VERB = re.compile(r"\b(?:deliver\w*|handed over|hand(?:ed)? over|arriv\w*|received|receive|take delivery|"
                            r"handover|in service|flown since|commission\w*)\b", re.I)
_DELIVERY_END = re.compile(r"\b(?:last of|all (?:three|four|five|\w+)|complete\w*|by the end of|final)\b", re.I)
_REFERENCE = re.compile(r"\b(?:the|this|that|its)\s+(?:contract|deal|order|purchase|aircraft|jets?|fighters?|ships?|vessels?|"
                        r"tanks?|howitzers?|helicopters?|submarines?|frigates?|missiles?|drones?|vehicles?|batteries|"
                        r"systems?|package|sale|acquisition)\b|\bIt covers\b", re.I)
_BUYER_ORG_KINDS = {"armed_forces", "ministry", "agency", "government_body"}


@dataclass
class _Cluster:
    buyer: str
    family: str
    system: str
    ordinal: str | None
    hits: list[SystemHit] = field(default_factory=list)
    supplier: str | None = None
    buyer_org: str | None = None
    supplier_org: str | None = None
    category: str | None = None
    quantity: int | None = None
    value: MoneyValue | None = None
    alternatives: list[MoneyValue] = field(default_factory=list)
    order_date: str | None = None
    delivery_start: str | None = None
    delivery_end: str | None = None
    statuses: list[str] = field(default_factory=list)
    best: tuple[int, SentenceInfo] | None = None


def _supplier(info: SentenceInfo, hit: SystemHit) -> tuple[str | None, str | None]:
    """(supplier state, supplier org) for a system mention."""
    firm = None
    for o in info.orgs:
        if o.kind == "firm":
            firm = o
            if hit.manufacturer and o.name == hit.manufacturer:
                break
    state = hit.origin or (firm.alpha3 if firm else None)
    for c in info.countries:
        if _FROM.search(info.text[max(0, c.start - 12):c.start]):
            state = state or c.alpha3
    if state is None:
        # demonym or "US-made" right before the system: "Korean FA-50 jets", "French frigates"
        for c in info.countries:
            if c.kind in ("demonym", "name") and 0 <= hit.start - c.end <= 25:
                state = c.alpha3
    org = firm.name if firm else hit.manufacturer
    return state, org


_TO_BUYER = re.compile(r"\b(?:to|for|by|with)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?$")


def _buyer(ctx: DocContext, info: SentenceInfo, supplier: str | None) -> tuple[str | None, str | None]:
    # "deliver 18 jets to the Royal Malaysian Air Force", "a contract for Poland"
    for c in info.countries:
        if c.alpha3 != supplier and _TO_BUYER.search(info.text[max(0, c.start - 22):c.start]) and c.kind != "capital":
            org = next((o.name for o in info.orgs if o.alpha3 == c.alpha3 and o.kind == "armed_forces"), None)
            return c.alpha3, org
    for o in info.orgs:
        if o.kind == "armed_forces" and o.alpha3 and o.alpha3 != supplier:
            return o.alpha3, o.name
    for code in info.acting_states():
        if code != supplier:
            org = next((o.name for o in info.orgs if o.alpha3 == code and o.kind == "armed_forces"), None)
            return code, org
    for code in ctx.main_states(3):
        if code != supplier:
            return code, None
    return None, None


def _dates(info: SentenceInfo) -> tuple[str | None, str | None, str | None]:
    order = start = end = None
    text = info.text
    order_cues = [m.start() for m in _ORDER_VERB.finditer(text)]
    delivery_cues = [m.start() for m in _DELIVERY_VERB.finditer(text)]
    between = re.search(r"\b(?:between|from)\s+(\d{4})\s+(?:and|to|until|-|–)\s+(\d{4})\b", text)
    for d in info.dates:
        if between and d.start in (between.start(1), between.start(2)):
            continue
        do = min((abs(d.start - p) for p in order_cues), default=10**6)
        dd = min((abs(d.start - p) for p in delivery_cues), default=10**6)
        if do == dd == 10**6:
            continue
        if dd < do:
            before = text[max(0, d.start - 40):d.start]
            if _DELIVERY_END.search(before):
                end = end or d.iso
            else:
                start = start or d.iso
        else:
            order = order or d.iso
    if between and delivery_cues:
        start, end = start or between.group(1), end or between.group(2)
    return order, start, end


def _informative(c_fields: int, info: SentenceInfo) -> int:
    return c_fields + len(info.money) + len(info.dates)


def _compatible(c: _Cluster, buyer, family, ordinal, order_date) -> bool:
    if c.buyer != buyer or c.family != family:
        return False
    if ordinal and c.ordinal and ordinal != c.ordinal:
        return False
    if order_date and c.order_date and order_date[:4] != c.order_date[:4]:
        return False
    return True


def _family(hit: SystemHit) -> str:
    entry = resolve(hit.system)
    return norm_system(entry.system if entry else hit.system)


def extract_procurements(ctx: DocContext) -> list[ProcurementMention]:
    clusters: list[_Cluster] = []
    last: _Cluster | None = None
    for info in ctx.sentences:
        text = info.text
        if not info.systems:
            if last is not None and _REFERENCE.search(text) and procurement_status(text):
                _fill_from_reference(last, info)
            continue
        status = procurement_status(text)
        if status is None and not info.money:
            continue
        for hit in info.systems:
            supplier, supplier_org = _supplier(info, hit)
            buyer, buyer_org = _buyer(ctx, info, supplier)
            if buyer is None or buyer == supplier:
                continue
            window = text[max(0, hit.start - 60):hit.end + 10]
            ordinal = "second" if _SECOND.search(window) else ("first" if _FIRST.search(window) else None)
            order, dstart, dend = _dates(info)
            own_money = len(info.systems) == 1 or _nearest_system(info, hit)
            family = _family(hit)
            target = next((c for c in clusters if _compatible(c, buyer, family, ordinal, order)), None)
            if target is None:
                target = _Cluster(buyer, family, hit.system, ordinal)
                clusters.append(target)
            target.ordinal = target.ordinal or ordinal
            target.hits.append(hit)
            target.supplier = target.supplier or supplier
            target.supplier_org = target.supplier_org or supplier_org
            target.buyer_org = target.buyer_org or buyer_org
            target.category = target.category or hit.category
            q = quantity_before(text, hit.start)
            if q is None and len(info.systems) == 1:
                q = quantity_in(text)
            target.quantity = target.quantity or q
            if own_money and info.money and target.value is None:
                target.value = info.money[0].value
                target.alternatives = list(info.money[0].alternatives)
            target.order_date = target.order_date or order
            target.delivery_start = target.delivery_start or dstart
            target.delivery_end = target.delivery_end or dend
            if status:
                target.statuses.append(status)
            score = _informative((q is not None) + (order is not None) + bool(supplier), info)
            if target.best is None or score > target.best[0]:
                target.best = (score, info)
            last = target
    out = []
    for c in clusters:
        if not c.statuses:
            continue
        s = c.best[1].sentence
        out.append(ProcurementMention(
            buyer_country=c.buyer, system=c.system,
            status=max(c.statuses, key=lambda x: PROCUREMENT_STATUS_RANK[x]),
            evidence=Evidence(ctx.doc_id, s.text, s.start, s.end),
            supplier_country=c.supplier, buyer_org=c.buyer_org, supplier_org=c.supplier_org,
            category=c.category, quantity=c.quantity, value=c.value, value_alternatives=c.alternatives,
            order_date=c.order_date, delivery_start=c.delivery_start, delivery_end=c.delivery_end))
    return out


def _nearest_system(info: SentenceInfo, hit: SystemHit) -> bool:
    if not info.money:
        return False
    m = info.money[0]
    nearest = min(info.systems, key=lambda h: abs(h.start - m.start))
    return nearest is hit


def _fill_from_reference(c: _Cluster, info: SentenceInfo) -> None:
    """A follow-up sentence ("the contract", "the aircraft") adds fields the cluster lacks."""
    order, dstart, dend = _dates(info)
    if info.money:
        m = info.money[0]
        if c.value is None:
            c.value, c.alternatives = m.value, list(m.alternatives)
        elif m.value.currency != c.value.currency and m.value not in c.alternatives:
            c.alternatives.append(m.value)
    c.quantity = c.quantity or quantity_in(info.text)
    c.order_date = c.order_date or order
    c.delivery_start = c.delivery_start or dstart
    c.delivery_end = c.delivery_end or dend
