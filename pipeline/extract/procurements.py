"""Procurement mentions: who buys which system from whom, merged per document.

A sentence starts a procurement when it names a system in an acquisition frame (a
buying, contracting, delivery, negotiation or cancellation cue, see procurement_cues)
and the system is not a bystander (described, retired, a host platform).  Roles come
from procurement_roles.  Later sentences without a system ("the contract", "those jets",
"The second tranche, of 18 aircraft, ...") fill the procurement mentioned last, start the
next batch of it when they name another batch, or start the same system's procurement by
another buyer ("Malaysia signed for 18 of the jets").  Batches: an explicit ordinal
("second batch", "12 more", "first order") or a different order year is another record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.vocab import PROCUREMENT_STATUS_RANK

from .categories import category_near
from .context import DocContext, SentenceInfo
from .dates import DateHit
from .docscan import document_gate
from .prefilter import Keywords, fold, folded_pattern
from .procurement_cues import ACQUISITION, FRAMEWORK, is_bystander, mask_negated, ordinal_in, ordinal_near
from .procurement_roles import acting_buyer_states, buyer, document_suppliers, supplier
from .quantities import quantity_before, quantity_in
from .records import Evidence, MoneyValue, ProcurementMention
from .status import procurement_status
from .systems import SystemHit, norm_system, resolve

_ORDER_VERB = folded_pattern(r"\b(?:signed|inked|sealed|ordered|contract\w*|awarded|bought|purchased|acquired|deal|concluded|"
                         r"placed|letter of acceptance|entered into force|took effect|came into force|signing)\b")
_DELIVERY_VERB = folded_pattern(r"\b(?:deliver\w*|handed over|hand(?:ed)? over|handed|arriv\w*|received|receive|take delivery|"
                            r"handover|in service|flown since|commission\w*|landed|supplied|due)\b")
_DELIVERY_END = folded_pattern(r"\b(?:last of|all (?:three|four|five|\w+)|complete\w*|by the end of|final|full fleet|"
                           r"remaining)\b")
_RANGE = re.compile(r"\b(?:between|from)?\s*(\d{4})\s*(?:and|to|until|through|-|–)\s*(\d{4})\b")
# A date after "after/before/when" dates another event ("ordered three months after a jet crashed on 4 March").
_OTHER_EVENT = folded_pattern(r"\b(?:after|before|when|following)\b")
# A date right after another event's verb is that event's ("a purchase first announced in 2015", "a
# project approved in 2020", "terminated its contract in 2022"): never a delivery's, and an order's only
# when the sentence tells no signing date ("a contract announced last September").
_OWN_EVENT = folded_pattern(
    r"\b(?:announced|approved|cleared|unveiled|proposed|launched|revealed|reported|requested|notified|"
    r"selected|chosen|picked|shortlisted|retired|decommissioned|founded|established|developed|introduced|"
    r"tested|flew|flown|designed|laid down|terminated|cancell?ed|scrapped|suspended|froze|frozen)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:in|on|at|during|since|last|this)?\s*$")
# "said on Wednesday": the day of the report, not of the event.
_REPORTED = folded_pattern(r"\b(?:said|says|announced|told|confirmed|reported|stated|statement)\s+(?:\w+\s+){0,2}?(?:on\s+)?$")
# "an agreement that France and Indonesia signed in 2021": signing an agreement is not the order.
_AGREEMENT_NOUN = folded_pattern(r"\b(?:agreements?|memorand\w+|MoUs?|treaty|pact|partnership|arrangement)\b")
_CONTRACT_NOUN = folded_pattern(r"\b(?:contracts?|orders?|deals?|purchases?|tranches?|batch)\b")
_PLURAL_REFERENCE = folded_pattern(r"\b(?:the|these|those|both)\s+(?:[\w-]+\s+)?(?:contracts|deals|orders|purchases)\b")
# An amount for everything together is not any one system's value.
_AGGREGATE = folded_pattern(r"\b(?:overall|total|combined|together|whole|entire|altogether|in all)\b")
_SAME_DAY = folded_pattern(r"\b(?:that day|the same day|on the same day)\b")
_REFERENCE = folded_pattern(r"\b(?:the|this|that|its|those|these)\s+(?:[\w-]+\s+){0,2}?(?:contracts?|deals?|orders?|purchases?|"
                        r"aircraft|jets?|fighters?|ships?|vessels?|boats?|tanks?|howitzers?|helicopters?|submarines?|frigates?|"
                        r"missiles?|drones?|vehicles?|batteries|systems?|packages?|sales?|acquisitions?|delivery|deliveries|"
                        r"tranches?|batch)\b|"
                        r"\bIt covers\b|^(?:The (?:first|last|remaining)|They|These|Those)\b")
# A gate for _REFERENCE (see prefilter): every match, folded, has one of its nouns or "it covers",
# or starts the sentence with one of _REFERENCE_STARTS.
_REFERENCE_WORDS = document_gate(Keywords(
    "contract", "deal", "order", "purchase", "aircraft", "jet", "fighter", "ship", "vessel", "boat", "tank", "howitzer",
    "helicopter", "submarine", "frigate", "missile", "drone", "vehicle", "batteries", "system", "package", "sale",
    "acquisition", "deliver", "tranche", "batch", "it covers"))
_REFERENCE_STARTS = ("the first", "the last", "the remaining", "they", "these", "those")


@dataclass
class _Cluster:
    buyer: str
    family: str
    system: str
    ordinal: str | None
    supplier: str | None = None
    buyer_org: str | None = None
    supplier_org: str | None = None
    category: str | None = None
    quantity: int | None = None
    quantity_strength: int = 0
    value: MoneyValue | None = None
    alternatives: list[MoneyValue] = field(default_factory=list)
    order_date: str | None = None
    order_strength: int = 0
    delivery_start: str | None = None
    delivery_end: str | None = None
    statuses: list[str] = field(default_factory=list)
    best: tuple[int, SentenceInfo] | None = None


@dataclass
class _Dates:
    order: str | None = None
    order_strength: int = 0  # 2: the event's own date, 1: only the report's day (kept to the month)
    start: str | None = None
    end: str | None = None


def _dates(info: SentenceInfo, last_day, framework: bool) -> _Dates:
    """`last_day()`: the last full date told before this sentence, asked only for "the same day"."""
    text, folded = info.text, info.folded  # the patterns run on folded text (prefilter.folded_pattern)
    out = _Dates()
    order_cues = [m for m in _ORDER_VERB.finditer(folded)]
    delivery_cues = [m.start() for m in _DELIVERY_VERB.finditer(folded)]
    hits = list(info.dates)
    m = _SAME_DAY.search(folded)
    same_day = last_day() if m else None
    if same_day and m and not any(d.start < m.end() and m.start() < d.end for d in hits):
        hits = sorted(hits + [DateHit(same_day, m.start(), m.end(), "same_day")], key=lambda d: d.start)
    rng = _RANGE.search(text)
    order_gap = 10**6  # how far the order date is from its cue
    for d in hits:
        if rng and rng.start(1) <= d.start < rng.end(2):
            continue
        cue_o = min(order_cues, key=lambda m: abs(d.start - m.start()), default=None)
        cue_d = min(delivery_cues, key=lambda p: abs(d.start - p), default=None)
        do = abs(d.start - cue_o.start()) if cue_o else 10**6
        dd = abs(d.start - cue_d) if cue_d is not None else 10**6
        # a date follows its verb ("bought in 1998 and received between 2000 and 2004"): a cue
        # before the date in the same clause outranks a nearer one after it
        left_o = max((m.start() for m in order_cues if m.start() < d.start), default=-1)
        left_d = max((p for p in delivery_cues if p < d.start), default=-1)
        left = max(left_o, left_d)
        nearest = (cue_o.start() if do <= dd else cue_d) if min(do, dd) < 10**6 else -1
        # ... unless the date qualifies the noun right after it ("under the 2023 contract")
        if nearest > d.end + 1 and left >= 0 and ";" not in folded[left:d.start]:
            if left == left_o:
                cue_o = next(m for m in order_cues if m.start() == left_o)
                do, dd = abs(d.start - left_o), 10**6
            else:
                cue_d, dd, do = left_d, abs(d.start - left_d), 10**6
        if do == dd == 10**6:
            continue
        cue = cue_o.start() if do <= dd else cue_d
        lo, hi = sorted((cue, d.start))
        if _separated(folded, lo, hi) or _in_other_clause(folded, d.start, cue):
            continue
        own_event = _OWN_EVENT.search(folded, max(0, d.start - 40), d.start) is not None
        if dd < do and own_event:
            continue
        if dd < do:
            if _DELIVERY_END.search(folded[max(0, d.start - 40):d.start]):
                out.end = out.end or d.iso
            else:
                out.start = out.start or d.iso
            continue
        if framework or _signs_an_agreement(text, folded, cue_o):
            continue
        reported = bool(_REPORTED.search(folded[max(0, d.start - 30):d.start])) and d.kind in ("weekday", "today")
        strength = 1 if reported or own_event else 2
        iso = d.iso[:7] if reported else d.iso
        # of two dates as strong, the one nearer its signing cue ("In June X cancelled an order
        # awarded in October 2023": October 2023)
        gap = d.start - cue_o.end() if d.start >= cue_o.end() else cue_o.start() - d.end  # the words between
        if strength > out.order_strength or (strength == out.order_strength and gap < order_gap):
            out.order, out.order_strength, order_gap = iso, strength, gap
    if rng and delivery_cues:
        out.start, out.end = out.start or rng.group(1), out.end or rng.group(2)
    return out


def _separated(folded: str, lo: int, hi: int) -> bool:
    """An after/before/when clause between the date and its cue runs on to the later of the two
    ("ordered three months after a jet crashed on 4 March"); one closed by a comma before it does
    not ("In December 2024, after Washington cleared the sale, Zagreb signed")."""
    return any("," not in folded[m.end():hi] for m in _OTHER_EVENT.finditer(folded, lo, hi))


def _in_other_clause(folded: str, at: int, cue: int) -> bool:
    """The date at `at` sits in a clause opened by after/before/when ("When the president visited on
    20 May, ...", "after Washington cleared the sale in August,") that does not hold the cue."""
    start = max(folded.rfind(",", 0, at), folded.rfind(";", 0, at), 0)
    opener = _OTHER_EVENT.search(folded, start, at)
    if opener is None:
        return False
    end = folded.find(",", at)
    end = len(folded) if end < 0 else end
    return not (opener.start() <= cue < end)


def _refines(new: str, old: str | None) -> bool:
    """`new` is the same date told more precisely ("last month", then "on July 17")."""
    return bool(old) and len(new) > len(old) and new.startswith(old)


def _signs_an_agreement(text: str, folded: str, cue: re.Match) -> bool:
    """The signing cue's object is an agreement, not a contract ("an agreement that X signed in 2021").
    `cue`: a match in `folded`."""
    if text[cue.start():cue.end()].lower() not in ("signed", "inked", "sealed", "concluded", "signing"):
        return False
    before = folded[max(0, cue.start() - 60):cue.start()]
    agr = [m.start() for m in _AGREEMENT_NOUN.finditer(before)]
    con = [m.start() for m in _CONTRACT_NOUN.finditer(before)]
    return bool(agr) and (not con or agr[-1] > con[-1])


def _compatible(c: _Cluster, buyer_code: str, family: str, ordinal: str | None, order_date: str | None) -> bool:
    if c.buyer != buyer_code or c.family != family:
        return False
    if ordinal and c.ordinal and ordinal != c.ordinal:
        return False
    if ordinal not in (None, "first") and c.ordinal is None and (c.order_date or _advanced(c)):
        return False  # a follow-on batch is not the deal already reported as signed
    if order_date and c.order_date and order_date[:4] != c.order_date[:4]:
        return False
    return True


def _advanced(c: _Cluster) -> bool:
    return any(s in ("ordered", "delivered") for s in c.statuses)


def _family(name: str) -> str:
    entry = resolve(name)
    return norm_system(entry.system if entry else name)


class _Document:
    """Per-document state: the clusters, the one touched last, the last full date seen."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.clusters: list[_Cluster] = []
        self.last: _Cluster | None = None
        self.at = 0  # index of the sentence being read
        self._day_memo: tuple[int, str | None] = (0, None)  # (i, last full date told in sentences [0, i))
        self.group: list[_Cluster] = []  # the clusters of the last sentence that named systems
        self.suppliers = document_suppliers(ctx)
        self.reference_words = ctx.sentences_with(_REFERENCE_WORDS)  # the sentences that have one

    def last_day(self) -> str | None:
        """The last full date told before the sentence being read.  Found on demand, scanning back:
        most sentences are never read for dates, so their dates are never computed."""
        upto, day = self._day_memo
        sentences = self.ctx.sentences
        for j in range(self.at - 1, upto - 1, -1):
            info = sentences[j]
            if info.may_have_dates:
                found = next((d.iso for d in reversed(info.dates) if len(d.iso) == 10), None)
                if found:
                    day = found
                    break
        self._day_memo = (self.at, day)
        return day

    def find(self, buyer_code, family, ordinal, order) -> _Cluster | None:
        if self.last is not None and _compatible(self.last, buyer_code, family, ordinal, order):
            return self.last
        return next((c for c in self.clusters if _compatible(c, buyer_code, family, ordinal, order)), None)

    def new(self, buyer_code, family, system, ordinal) -> _Cluster:
        c = _Cluster(buyer_code, family, system, ordinal)
        self.clusters.append(c)
        return c


def extract_procurements(ctx: DocContext) -> list[ProcurementMention]:
    if not ctx.sentences_with_systems():
        return []  # a procurement starts at a sentence that names a system
    doc = _Document(ctx)
    # _read_sentence reads only a sentence that names a system or may refer to the deal in hand;
    # the others (most of an article) are skipped unread
    readable = ctx.sentences_with_systems() | doc.reference_words | _reference_starts(ctx)
    for doc.at in sorted(readable):
        _read_sentence(doc, ctx.sentences[doc.at])
    return [_mention(ctx, c) for c in doc.clusters if c.statuses]


def _reference_starts(ctx: DocContext) -> set[int]:
    """The sentences that start with one of _REFERENCE_STARTS (folded)."""
    return {k for k, info in enumerate(ctx.sentences) if info.folded.startswith(_REFERENCE_STARTS)}


def _objects(info: SentenceInfo) -> list[SystemHit]:
    """System hits that can be the object of a procurement (bystanders dropped)."""
    out, previous = [], None
    for h in info.systems:
        if not is_bystander(info.text, h, previous, info.folded):
            out.append(h)
        previous = h
    return out


def _may_refer(info: SentenceInfo, reference_word: bool | None = None) -> bool:
    """The gate for _REFERENCE.  `reference_word`: whether the folded sentence has a
    _REFERENCE_WORDS word, when the caller knows (None: test here)."""
    if reference_word is None:
        reference_word = _REFERENCE_WORDS.in_(info.folded)
    return reference_word or info.folded.startswith(_REFERENCE_STARTS)


def _read_sentence(doc: _Document, info: SentenceInfo) -> None:
    text = info.text
    hits = _objects(info) if info.systems else []
    if not hits and (doc.last is None or not _may_refer(info, doc.at in doc.reference_words)
                     or not _REFERENCE.search(info.folded)):
        return  # neither a system nor a reference to the deal in hand: nothing to read (most sentences)
    cue_text = mask_negated(text)
    acquisition = ACQUISITION.search(info.folded if cue_text == text else fold(cue_text)) is not None
    status = procurement_status(cue_text) if acquisition else None
    framework = bool(FRAMEWORK.search(info.folded))
    if framework and status == "ordered":
        status = "under_negotiation"  # a framework/MoU sets terms; the contract comes later
    if not hits:
        _read_reference(doc, info, status, framework)
        return
    if not acquisition:
        return
    doc.group = []
    dates = _dates(info, doc.last_day, framework)
    for i, hit in enumerate(hits):
        sup, sup_org = supplier(info, hit)
        buyer_code, buyer_org, _ = buyer(doc.ctx, info, hit, sup, doc.suppliers)
        if buyer_code is None or buyer_code == sup:
            continue
        sup = supplier(info, hit, buyer_code)[0] or sup
        previous = info.systems[info.systems.index(hit) - 1] if info.systems.index(hit) else None
        ordinal = ordinal_near(text, hit, previous, info.folded)
        family = _family(hit.system)
        target = doc.find(buyer_code, family, ordinal, dates.order)
        if target is None:
            if status is None:
                continue  # a bare detail ("116 K2GF tanks, for delivery in 2026") only adds to a known deal
            target = doc.new(buyer_code, family, hit.system, ordinal)
        target.ordinal = target.ordinal or ordinal
        target.supplier = target.supplier or sup
        target.supplier_org = target.supplier_org or sup_org
        target.buyer_org = target.buyer_org or buyer_org
        target.category = target.category or hit.category
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
        q = quantity_before(text, hit.start)
        if q is None:
            q = quantity_in(text[hit.end:nxt]) if len(hits) > 1 else quantity_in(text)
        _set_quantity(target, q, status, ordinal, framework)
        money = _money_for(info, hit, hits)
        if money is not None and target.value is None:
            target.value, target.alternatives = money.value, list(money.alternatives)
        _set_dates(target, dates)
        if status:
            target.statuses.append(status)
        score = (q is not None) + (dates.order is not None) + bool(sup) + len(info.money) + len(info.dates)
        if target.best is None or score > target.best[0]:
            target.best = (score, info)
        doc.last = target
        if target not in doc.group:
            doc.group.append(target)


def _set_quantity(c: _Cluster, q: int | None, status: str | None, ordinal: str | None, framework: bool) -> None:
    """A count in a signed or batch frame beats a programme total ("intends to order 1,000 ...")."""
    if q is None:
        return
    strength = 1 if framework or status in ("planned", None) and not ordinal else 2
    if c.quantity is None or strength > c.quantity_strength:
        c.quantity, c.quantity_strength = q, strength


def _set_dates(c: _Cluster, d: _Dates) -> None:
    if d.order and (d.order_strength > c.order_strength or _refines(d.order, c.order_date)):
        c.order_date, c.order_strength = d.order, max(d.order_strength, c.order_strength)
    c.delivery_start = d.start if d.start and _refines(d.start, c.delivery_start) else c.delivery_start or d.start
    c.delivery_end = d.end if d.end and _refines(d.end, c.delivery_end) else c.delivery_end or d.end


def _money_for(info: SentenceInfo, hit: SystemHit, hits: list[SystemHit]):
    """The amount that belongs to this system: one tied to its category noun ("EUR 3 billion is
    for the frigates"), else the first amount when the system is the one nearest to it."""
    if not info.money:
        return None
    tied = [m for m in info.money if _category_of_amount(info.text, m) == hit.category]
    if tied:
        return tied[0]
    untied = [m for m in info.money if _category_of_amount(info.text, m) is None]
    if not untied:
        return None
    m = untied[0]
    if len(hits) == 1 or min(hits, key=lambda h: abs(h.start - m.start)) is hit:
        return m
    return None


def _category_of_amount(text: str, m) -> str | None:
    """Category noun that qualifies an amount: "the tank contract is worth X", "X is for the frigates"."""
    after = re.match(r"\s*(?:\([^)]*\)\s*)?(?:is|are|was|were)?\s*(?:for|covering|on)\s+(?:the\s+)?(?:\w+\s+)?",
                     text[m.end:m.end + 40])
    if after:
        cat = category_near(text, m.end + after.end(), m.end + after.end(), after=15, before=0)
        if cat:
            return cat
    before = re.search(r"(\w+)\s+(?:contract|deal|order|package|purchase)\s+(?:is\s+|was\s+)?(?:worth|valued at|at|of)?\s*"
                       r"(?:about|around|roughly|some|nearly|approximately)?\s*$", text[max(0, m.start - 50):m.start])
    if before:
        return category_near(before.group(1), 0, 0, after=len(before.group(1)), before=0)
    return None


def _read_reference(doc: _Document, info: SentenceInfo, status: str | None, framework: bool) -> None:
    """A sentence about "the contract" / "those jets" / "the second tranche" without a system name."""
    last = doc.last
    text = info.text
    target = last
    ordinal = ordinal_in(text)
    if ordinal and ordinal != last.ordinal and status:
        target = doc.find(last.buyer, last.family, ordinal, None)
        if target is None or target.ordinal != ordinal:
            target = doc.new(last.buyer, last.family, last.system, ordinal)
            _inherit(target, last, info)
    elif status:
        other = [s for s in acting_buyer_states(info) if s not in (last.buyer, last.supplier) and s not in doc.suppliers]
        if other and re.search(r"\b(?:\d[\d,]*|\w+)\s+of\s+(?:the|those|these)\b", text):
            # "Malaysia signed for 18 of the jets": the same type, another buyer
            target = doc.new(other[0], last.family, last.system, None)
            _inherit(target, last, info)
    dates = _dates(info, doc.last_day, framework)
    _assign_reference_money(doc, info, target)
    q = quantity_in(text)
    if status or target.quantity is None:
        _set_quantity(target, q, status, ordinal, framework)
    # "the executive contracts were concluded on Friday": a plural reference covers every
    # system the previous sentence named
    plural = target is last and _PLURAL_REFERENCE.search(info.folded) and len(doc.group) > 1
    for c in (doc.group if plural else [target]):
        _set_dates(c, dates)
        if status:
            c.statuses.append(status)
    doc.last = target


def _inherit(c: _Cluster, source: _Cluster, info: SentenceInfo) -> None:
    """A batch or buyer named by reference takes the system's facts; its evidence is its own sentence."""
    c.supplier, c.supplier_org, c.category = source.supplier, source.supplier_org, source.category
    c.buyer_org = source.buyer_org if source.buyer == c.buyer else None
    c.best = (0, info)


def _assign_reference_money(doc: _Document, info: SentenceInfo, target: _Cluster) -> None:
    """Each amount goes to the cluster its category noun names ("the howitzer contract about
    USD 2.4 billion"); an unqualified amount goes to the cluster the sentence refers to."""
    untied_used = False
    for m in info.money:
        if len(doc.clusters) > 1 and _AGGREGATE.search(info.folded[max(0, m.start - 40):m.end + 15]):
            continue
        cat = _category_of_amount(info.text, m)
        owner = None
        if cat:
            owner = next((c for c in reversed(doc.clusters) if c.category == cat), None)
        if owner is None:
            if cat or untied_used:
                continue
            owner, untied_used = target, True
        if owner.value is None:
            owner.value, owner.alternatives = m.value, list(m.alternatives)
        elif m.value.currency != owner.value.currency and m.value not in owner.alternatives:
            owner.alternatives.append(m.value)


def _mention(ctx: DocContext, c: _Cluster) -> ProcurementMention:
    s = c.best[1].sentence
    return ProcurementMention(
        buyer_country=c.buyer, system=c.system,
        status=max(c.statuses, key=lambda x: PROCUREMENT_STATUS_RANK[x]),
        evidence=Evidence(ctx.doc_id, s.text, s.start, s.end),
        supplier_country=c.supplier, buyer_org=c.buyer_org, supplier_org=c.supplier_org,
        category=c.category, quantity=c.quantity, value=c.value, value_alternatives=c.alternatives,
        order_date=c.order_date, delivery_start=c.delivery_start, delivery_end=c.delivery_end)
