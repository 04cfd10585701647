"""Procurement mentions: who buys which system from whom, merged per document.

A sentence starts a procurement when it names a system in an acquisition frame (a
buying, contracting, delivery, negotiation or cancellation cue, see procurement_cues)
and the system is not a bystander (described, retired, a host platform).  Roles come
from procurement_roles.  Later sentences without a system ("the contract", "those jets",
"The second tranche, of 18 aircraft, ...") fill the procurement mentioned last, start the
next batch of it when they name another batch, or start the same system's procurement by
another buyer ("Malaysia signed for 18 of the jets").  Batches: an explicit ordinal
("second batch", "12 more", "first order", "had earlier bought"), a different order year or
another variant of the family ("Gripen C/D", "Gripen E/F") is another record; a numbered
delivery lot of the order in hand is not.

Each system of a sentence takes the stage of its own clause (status.stage_cues); losing
bidders and carrier platforms are bystanders.  A system may be named only by its type
("two patrol vessels", system_types) and named properly later ("The aircraft - X - ...");
an order told before its system ("won a $2.8bn order ... The order covers the X") waits
for it.  A reference qualified by another state ("the UAE deal") is another deal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from schemas.vocab import PROCUREMENT_STATUS_RANK

from ..agreements.parties import firm_counterpart
from ..categories import category_near
from ..document import DocContext, SentenceInfo
from ..dates import DateHit
from ..docscan import document_gate
from ..prefilter import Keywords, fold, folded_pattern
from .cues import (ACQUISITION, FRAMEWORK, MORE_UNITS, fleet_in_service, is_bystander, mask_negated, ordinal_in, ordinal_near,
                               received_paper)
from .types import category_group, drop_types_named_elsewhere, held_type, type_objects, type_supplier
from .. import role_cues
from .roles import acting_before, acting_buyer_places, acting_buyer_states, buyer, co_buyers, document_suppliers, own_count, domestic_order, stated_seller, supplier
from ..money import MoneyHit, amount_role, value_for_buyer
from ..quantities import is_order_total, order_size_of_lot, quantity_before, quantity_in, single_unit
from ..records import Evidence, MoneyValue, ProcurementMention
from ..status import BEFORE_ORDER, stage_cues, status_of, still_to_come
from ..system_types import find_types, type_count, type_gate
from ..systems import SystemHit, as_written, norm_system, resolve, variants_compatible

_ORDER_VERB = folded_pattern(r"\b(?:signed|inked|sealed|finali[sz]ed|ordered|exercised|(?:took|taken) up|(?:purchase|order|acquisition) (?:of|for)(?= )|contract\w*|awarded|won|bought|purchased|acquired|deal|concluded|signatures?|"
                         r"agreed(?: in [\w ]{3,20}?)?(?:, [^,]{3,90},)? to (?:buy|purchase|acquire|order|procure)|"
                         r"placed|letter of acceptance|(?<=, )ordering|entered into force|took effect|came into force|signing|"
                         # "under a deal agreed in 2023": the deal's own date
                         r"(?<=deal )agreed|(?<=contract )agreed|"
                         # "reached an agreement in May to buy 30 jets": the day the deal was struck
                         r"(?:reached|struck|clinched) (?:a|an|the) (?:[\w-]+ ){0,2}?(?:deal|agreement|contract)|"
                         # "confirmed the purchase of 24 jets in April" (the stage cue of reference/stage_cues.csv)
                         r"(?:confirm|announc|complet|finali[sz]|clos|seal)\w* (?:the|a|an|its|their) (?:\w+ )?purchase)\b")
_NOUN_CUE_ENDS = (" of", " for")  # the deal nouns of _ORDER_VERB: "purchase of", "order for"
# "should reach Slovakia in late 2025" (but "reached an agreement in May" is a signing)
_REACH = (r"reach(?:ed|es)?(?!\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|accord|understanding|"
          r"consensus|settlement|decision|compromise|milestone|stage|phase)s?\b)")
_DELIVERY_VERB = folded_pattern(r"\b(?:deliver\w*|" + _REACH + r"|handed over|hand(?:ed)? over|handed|arriv\w*|received|receive|take delivery|"
                            r"handover|in service|entered service|receiving|flown since|commission\w*|induct\w*|landed|supplied|"
                            r"due|shipped|exported|got (?:its|their|the) (?:first|last|final|initial|remaining)|"
                            # "18 howitzers, the first of which are expected in 2028": a lot of the order
                            r"(?:first|last)\s+of\s+(?:which|them|these|those))\b")
# a date in a prepositional phrase ("in 2019") and what may not stand between it and the verb before it
_PREP_BEFORE = folded_pattern(r"\b(?:in|on|during)\s+(?:early\s+|late\s+|mid-?)?$")
_AND_BETWEEN = folded_pattern(r"\band\b|[;,]")
# between a system's name and a participle that describes it ("F-16s bought", "jets ordered")
_AFTER_NAME = re.compile(r"(?:e?s)?\s+")
_PARTICIPLE = re.compile(r"[a-z]+ed|bought")
# Where the clause of an ending verb stops: a date after it belongs to the next event.
_NEXT_CLAUSE = folded_pattern(r",\s+(?:and|but|while|whereas)\b|;|\s+but\s+|\band\s+(?:\w+\s+){0,2}(?:signed|ordered|bought|agreed)\b")
# Verbs that end a deal: a date nearer one of them than to the signing dates the end.
_ENDING_VERB = folded_pattern(r"\b(?:cancel\w*|scrap\w*|terminat\w*|ends|ended|ending|halt\w*|suspend\w*|axed|axes|ditch\w*|"
                              r"tore up|abandon\w*|called off|walked away|pulled out)\b")
_SIGNING_PARTICIPLES = frozenset({"signed", "inked", "sealed", "concluded", "awarded", "placed", "agreed"})
# a signing told in any form ("the deal was struck in November")
_SIGNING_WORD = folded_pattern(r"\b(?:" + "|".join(sorted(_SIGNING_PARTICIPLES)) + r"|finali[sz]ed|signing|struck|reached|clinched)\b")
# "under that contract", "under the 2019 contract": the contract named as a frame, not its signing
# (a year inside it, "under the 2023 contract", still dates the contract)
_UNDER_CONTRACT = folded_pattern(r"\bunder\s+(?:the|that|this|its|their|an?)\s+(?:(?!\d{4}\b)[\w-]+\s+){0,2}$")
_DELIVERY_END = folded_pattern(r"\b(?:last of|the last|all (?:three|four|five|\w+)|complete\w*|by the end of|final|full fleet|"
                           r"remaining)\b")
# "the first tanks will be shipped by the end of 2027": a deadline for the first lot is its start
_FIRST_LOT = folded_pattern(r"\b(?:first|initial|earliest)\b")
_END_WORD = folded_pattern(r"\b(?:last|final|remaining|complet\w*|all)\b")
_RANGE = re.compile(r"\b(?:between|from)?\s*(\d{4})\s*(?:and|to|until|through|-|–)\s*(\d{4})\b")
# A date after "after/before/when" dates another event ("ordered three months after a jet crashed on 4 March").
_OTHER_EVENT = folded_pattern(r"\b(?:after|before|when|following|(?:that|which) (?:followed|preceded))\b")
# A date right after another event's verb is that event's ("a purchase first announced in 2015", "a
# project approved in 2020", "terminated its contract in 2022"): never a delivery's, and an order's only
# when the sentence tells no signing date ("a contract announced last September").
_OWN_EVENT = folded_pattern(
    r"\b(?:announced|approved|cleared|unveiled|proposed|launched|revealed|reported|requested|notified|"
    r"selected|chosen|picked|shortlisted|retired|decommissioned|founded|established|developed|introduced|"
    r"tested|flew|flown|designed|laid down|terminated|cancell?ed|scrapped|suspended|froze|frozen)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:in|on|at|during|since|last|this)?\s*$")
# A year between a determiner and a noun qualifies that noun; only a deal noun makes it the deal's year
# ("the 2023 contract").
_DETERMINER_BEFORE = folded_pattern(r"\b(?:the|its|their|his|her|our|a|an|this|that)\s+$")
_ORDER_NOUN_AFTER = folded_pattern(r"\s+(?:[\w-]+\s+)?(?:contracts?|deals?|orders?|purchases?|agreements?|loa|sale)\b")
_ATTRIBUTIVE_YEAR = folded_pattern(r"\s+(?!(?:contracts?|deals?|orders?|purchases?|agreements?|loa|sale)\b)[a-z][\w-]*")
_SINCE = folded_pattern(r"\b(?:since|ever since)\s+(?:early\s+|late\s+|mid-?)?$")
# "said on Wednesday": the day of the report, not of the event.
_REPORTED = folded_pattern(r"\b(?:said|says|announced|told|confirmed|reported|stated|statement)\s+(?:\w+\s+){0,2}?(?:on\s+)?$")
# "an agreement that France and Indonesia signed in 2021": signing an agreement is not the order.
_AGREEMENT_NOUN = folded_pattern(r"\b(?:agreements?|memorand\w+|MoUs?|treaty|pact|partnership|arrangement)\b")
_CONTRACT_NOUN = folded_pattern(r"\b(?:contracts?|orders?|deals?|purchases?|tranches?|batch)\b")
_DOCUMENTS = folded_pattern(r"\b(?:the|these|those|both)\s+(?:[\w-]+\s+)?documents?\b")
# Plural nouns that cover systems of several kinds at once.
_PLURAL_THINGS = folded_pattern(r"\b(?:the|these|those|both|all)\s+(?:[\w-]+\s+){0,2}?(?:vehicles|systems|weapons|platforms|"
                                r"items|equipment)\b")
_PLURAL_REFERENCE = folded_pattern(r"\b(?:the|these|those|both)\s+(?:[\w-]+\s+)?(?:contracts|deals|orders|purchases)\b")
# An amount for everything together is not any one system's value.
_AGGREGATE = folded_pattern(r"\b(?:overall|total|combined|together|whole|entire|altogether|in all)\b")
_SAME_DAY = folded_pattern(r"\b(?:that day|the same day|on the same day)\b")
_REFERENCE = folded_pattern(r"\b(?:the|this|that|its|those|these|both)\s+(?:(?:[\w-]+|(?:[A-Z]{1,3})?[$€£¥₹₩]\d[\d.,]*)\s+){0,2}?(?:contracts?|deals?|orders?|purchases?|documents?|"
                        r"aircraft|jets?|fighters?|ships?|vessels?|boats?|tanks?|howitzers?|helicopters?|submarines?|frigates?|"
                        r"corvettes?|guns?|cannons?|launchers?|rifles|interceptors|trainers|planes|"
                        r"missiles?|drones?|vehicles?|batteries|systems?|packages?|sales?|acquisitions?|delivery|deliveries|"
                        r"tranches?|batch|radars?|options?|LOAs?|letters? of offer and acceptance|(?<=same )(?:types?|models?))\b|"
                        # (a modifier may be an amount: "the $210 million purchase")
                        # "A second Polish executive contract, for 180 more tanks, ...": the next batch of the system in hand
                        r"\ban?\s+(?:second|third|fourth|fifth|follow-on)\s+(?:[\w-]+\s+){0,2}?(?:contract|order|tranche|batch)\b|"
                        # "A government-to-government contract for 17 aircraft ... is expected": the deal in hand, told
                        # by what it buys rather than by the system's name
                        r"^(?:An?|The)\s+(?:[\w-]+\s+){0,3}?(?:contract|deal|order)\s+(?:for|covering)\s+(?:\d[\d,]*|\w+)\s+(?:more\s+)?"
                        r"(?:aircraft|jets?|fighters?|helicopters?|ships?|vessels?|boats?|tanks?|howitzers?|vehicles?|systems?|"
                        r"batteries|launchers?|units?|drones?|submarines?|frigates?|corvettes?)\b|"
                        # "In 2017 it ordered six more aircraft": the next batch of the system in hand
                        + MORE_UNITS + "|"
                        r"\bIt covers\b|\b(?:its|the) (?:total |overall |estimated |contract |deal )?(?:value|price)\b|"
                        # "It is worth about $700 million": the deal in hand by its pronoun
                        r"^(?:It|This|That)\s+(?:is|was|will\s+be|would\s+be)\s+(?:reportedly\s+|said\s+to\s+be\s+)?(?:worth|valued)\b|"
                        # "Twelve aircraft will be delivered from 2026", "A total of 12 jets ...": the units of the deal in hand
                        r"^(?:A\s+total\s+of\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?)\s+(?:[\w-]+\s+)?(?:aircraft|jets?|fighters?|helicopters?|ships?|vessels?|boats?|"
                        r"tanks?|howitzers?|guns|vehicles?|systems?|batteries|launchers?|drones?|submarines?|frigates?|corvettes?|units?)\s+"
                        r"(?:will|are|were|would|have|had|is|was|should)\b|"
                        # "media put it at about 2 billion euros": an estimate of the deal in hand's value
                        r"\b(?:put|puts|valued|values|priced|prices|estimated|estimates)\s+it\s+at\b|^(?:The (?:first|last|remaining)|They|These|Those)\b|"
                        # "Deliveries are due to begin in 2028": a delivery schedule told as the subject is the deal in hand's
                        r"^(?:(?:First|Initial|Further)\s+)?[Dd]eliver(?:y|ies)\b|"
                        # ... also after an opening attribution: "According to the ministry, deliveries will start in 2028"
                        r"^(?:According to|As|Under)\b[^,]{0,60},\s+(?:first\s+|initial\s+)?deliveries\s+"
                        r"(?:will|would|are|is|should|could|began|begin|start|commence)\b")
# A gate for _REFERENCE (see prefilter): every match, folded, has one of its nouns or "it covers",
# or starts the sentence with one of _REFERENCE_STARTS; and a sentence that names a system only by
# its type has a head of reference/system_types.csv (system_types.type_gate), which is read here
# rather than listed again.
_REFERENCE_WORDS = document_gate(Keywords(
    "contract", "deal", "order", "purchase", "aircraft", "batteries", "system", "package", "sale",
    "acquisition", "deliver", "tranche", "batch", "it covers", "document", "value", "price", " it at",
    "option", "loa", "letter of offer", "same type", "same model", "worth", "valued",
    "gun", "cannon", "launcher", "interceptors", "trainers", *type_gate().words))
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
    value_is_budget: bool = False  # a sum set aside, which a contract price found later replaces
    order_date: str | None = None
    order_strength: int = 0
    delivery_start: str | None = None
    delivery_end: str | None = None
    statuses: list[str] = field(default_factory=list)
    best: tuple[int, SentenceInfo] | None = None
    framework: bool = False  # the last sentence read for it told a framework document (MoU, LoI)
    typed: bool = False  # the system is named only by its type (system_types)
    # an offer the seller's government made formal ("approved a possible sale", "notified Congress"):
    # it follows the buyer's request, so it outranks a plan; a bare offer is made before the buyer
    # approves buying it ("the Israeli offer came out best ... the cabinet gave the green light")
    formal_offer: bool = False
    seller_stated: bool = False
    own_batch: bool = False  # named by type beside a named system of its kind, as another batch
    tail: str | None = None  # the several-word short name it was first told by ("Black Hawks"), if any  # the supplier is a firm the text ties to its state, not the design's origin


@dataclass
class _Dates:
    order: str | None = None
    order_strength: int = 0  # 2: the event's own date, 1: only the report's day (kept to the month)
    start: str | None = None
    end: str | None = None


def _dates(info: SentenceInfo, last_day, framework: bool, span: tuple[int, int, int, int] | None = None) -> _Dates:
    """`last_day()`: the last full date told before this sentence, asked only for "the same day".
    `span` (first, lo, hi, tail), for one of several systems named: only the dates before the first
    system or from `tail` on (they lead or close the whole list), or in [lo, hi), this system's own
    stretch, are its."""
    text, folded = info.text, info.folded  # the patterns run on folded text (prefilter.folded_pattern)
    out = _Dates()
    # "under a contract signed on Monday": the participle dates the contract the deal comes under
    order_cues = [m for m in _ORDER_VERB.finditer(folded)
                  if m.group() in _SIGNING_PARTICIPLES or not _UNDER_CONTRACT.search(folded, max(0, m.start() - 40), m.start())]
    # "expects to sign the contract in July": the day of a signing still to come dates no order
    order_cues = [m for m in order_cues if not still_to_come(folded, m.start())]
    names = [(h.start, h.end) for h in info.systems] if info.may_have_systems else []
    if len(order_cues) > 1:
        # "placed an order for 24 guns, the second after 18 were bought in 2021": a purchase inside another
        # event's clause is that event's, and does not date the order the sentence is about
        # (a clause that names a system of its own is a batch told with its own dates: _stretch)
        main = [m for m in order_cues if not _in_event_clause(folded, m.start(), names)]
        if main:
            order_cues = main
    if any(m.group().endswith(_NOUN_CUE_ENDS) for m in order_cues) and \
            any(c.stage in BEFORE_ORDER for c in stage_cues(text)):
        # a deal noun dates its event only in a sentence that tells an order ("Peru's purchase of 12 jets in
        # 2021", "on Dec. 30 gave X an order for 20 jets"), not "talks in 2025 on the purchase of 12 jets"
        # or "approved the purchase of 12 jets in April"
        order_cues = [m for m in order_cues if not m.group().endswith(_NOUN_CUE_ENDS)]
    delivery_cues = [m.start() for m in _DELIVERY_VERB.finditer(folded)]
    if delivery_cues and "receiv" in folded:  # "Raytheon received a contract": paper, not equipment
        paper = received_paper(text)
        delivery_cues = [p for p in delivery_cues if p not in paper]
    hits = list(info.dates)
    m = _SAME_DAY.search(folded)
    same_day = last_day() if m else None
    if same_day and m and not any(d.start < m.end() and m.start() < d.end for d in hits):
        hits = sorted(hits + [DateHit(same_day, m.start(), m.end(), "same_day")], key=lambda d: d.start)
    rng = _RANGE.search(text)
    if rng and not _range_delivered(folded, rng.start(1), delivery_cues):
        rng = None  # "bought in two batches in 2021 and 2022": two dates, each read on its own
    ended = [m.start() for m in _ENDING_VERB.finditer(folded)]  # verbs that end a deal
    order_gap = 10**6  # how far the order date is from its cue
    for d in hits:
        if span is not None and not (d.start < span[0] or span[1] <= d.start < span[2] or d.start >= span[3]):
            continue  # "the Rafales, bought under a 2021 contract, and ... tanks signed in 2025"
        if rng and rng.start(1) <= d.start < rng.end(2):
            continue
        if any(a <= d.start < b for a, b in names):
            continue  # "ATMOS 2000": a number in a system's name is no date
        if d.kind == "year" and _ATTRIBUTIVE_YEAR.match(folded, d.end) and _DETERMINER_BEFORE.search(folded, 0, d.start):
            continue  # "its 2022 security strategy": the year names another thing, not the event's date
        if (d.kind == "year" and not framework and _DETERMINER_BEFORE.search(folded, 0, d.start)
                and _ORDER_NOUN_AFTER.match(folded, d.end) and not _after(d.iso, info.published)):
            # "scrapped a 2022 order for 12 jets", "under the 2019 contract": the year names the order
            # itself, whatever verb the sentence tells of it
            if out.order_strength < 2 or order_gap > 0:
                out.order, out.order_strength, order_gap = d.iso, 2, 0
            continue
        # a cue after the date in the next clause is the next event's ("cleared in 2022, and deliveries
        # are expected to begin in 2026": 2022 is not a delivery's)
        # ... and a participle describing the system ("24 F-16s bought from Denmark, at a ceremony on
        # Friday") ends at the comma: a date beyond it is the main clause's
        cue_o = min((m for m in order_cues if (m.start() < d.start or not _NEXT_CLAUSE.search(folded, d.end, m.start()))
                     and not (m.end() <= d.start and _PARTICIPLE.fullmatch(m.group()) and "," in folded[m.end():d.start]
                              and any(_AFTER_NAME.fullmatch(folded, b, m.start()) for _, b in names))),
                    key=lambda m: abs(d.start - m.start()), default=None)
        cue_d = min((p for p in delivery_cues if p < d.start or not _NEXT_CLAUSE.search(folded, d.end, p)),
                    key=lambda p: abs(d.start - p), default=None)
        do = abs(d.start - cue_o.start()) if cue_o else 10**6
        dd = abs(d.start - cue_d) if cue_d is not None else 10**6
        if d.kind == "year" and _DETERMINER_BEFORE.search(folded, 0, d.start) and _ORDER_NOUN_AFTER.match(folded, d.end):
            dd = 10**6  # "handed over from the 2024 order": the year dates the order, never a delivery
        # a date follows its verb ("bought in 1998 and received between 2000 and 2004"): a cue
        # before the date in the same clause outranks a nearer one after it
        left_o = max((m.start() for m in order_cues if m.start() < d.start), default=-1)
        left_d = max((p for p in delivery_cues if p < d.start), default=-1)
        left = max(left_o, left_d)
        nearest = (cue_o.start() if do <= dd else cue_d) if min(do, dd) < 10**6 else -1
        # ... unless the date qualifies the noun right after it ("under the 2023 contract")
        # ... and a date in a prepositional phrase ("ordered from the US in 2019 arrived in December") is the
        # verb's before it, even when another verb follows at once
        prep = _PREP_BEFORE.search(folded, max(0, d.start - 12), d.start) is not None \
            and not _AND_BETWEEN.search(folded, max(left, 0), d.start)
        if (nearest > d.end + 1 or prep) and left >= 0 and ";" not in folded[left:d.start]:
            if left == left_o:
                cue_o = next(m for m in order_cues if m.start() == left_o)
                do, dd = abs(d.start - left_o), 10**6
            else:
                cue_d, dd, do = left_d, abs(d.start - left_d), 10**6
        if do == dd == 10**6:
            continue
        cue = cue_o.start() if do <= dd else cue_d
        lo, hi = sorted((cue, d.start))
        if _separated(folded, lo, hi, d.end if cue > d.start else None) or _in_other_clause(folded, d.start, cue):
            continue
        own_event = _OWN_EVENT.search(folded, max(0, d.start - 40), d.start) is not None
        if dd < do and own_event:
            continue
        if dd < do:
            if _DELIVERY_END.search(folded[max(0, d.start - 40):d.start]) and not _first_lot_deadline(folded, d.start):
                out.end = out.end or d.iso
            else:
                out.start = out.start or d.iso
            continue
        if framework or _signs_an_agreement(text, folded, cue_o):
            continue
        if any(_ends_at(folded, p, d.start, do, order_cues) for p in ended):
            continue  # "the contract ends effective Friday", "cancelled on Tuesday": the end's date, not the order's
        if _after(d.iso, info.published):
            continue  # a deal cannot have been signed after the report that tells it: a schedule
        if _SINCE.search(folded, max(0, d.start - 12), d.start):
            continue  # "a deal under discussion since 2022": how long something has lasted, not a signing

        reported = bool(_REPORTED.search(folded[max(0, d.start - 30):d.start])) and d.kind in ("weekday", "today")
        strength = 1 if reported or own_event else 2
        iso = d.iso  # the report's day: at most a day or two after the signing it tells
        # of two dates as strong, the one nearer its signing cue ("In June X cancelled an order
        # awarded in October 2023": October 2023)
        gap = d.start - cue_o.end() if d.start >= cue_o.end() else cue_o.start() - d.end  # the words between
        if strength > out.order_strength or (strength == out.order_strength and gap < order_gap):
            out.order, out.order_strength, order_gap = iso, strength, gap
    if rng and (span is None or rng.start(1) < span[0] or span[1] <= rng.start(1) < span[2]
                                  or rng.start(1) >= span[3]):
        out.start, out.end = out.start or rng.group(1), out.end or rng.group(2)
    return out


def _range_delivered(folded: str, at: int, delivery_cues: list[int]) -> bool:
    """A span of years ("between 2026 and 2028") is a delivery window only when a delivery cue
    shares its clause: "negotiated during 2023 and 2024, and the offer came out best on delivery
    time" is a span of talks."""
    return any(not _NEXT_CLAUSE.search(folded, min(p, at), max(p, at)) for p in delivery_cues)


def _with_intro(own: _Dates, info: SentenceInfo, doc: _Document) -> _Dates:
    """An item of a list that tells no date of its own takes the date of the sentence that leads
    the list ("On 30 March Qatar signed ten deals:" ... "- Radars from Thales, QR60m")."""
    if info.intro is None or own.order or own.start or own.end:
        return own
    lead = _dates(info.intro, doc.last_day, False)
    if lead.order or lead.start or lead.end:
        return lead
    # "signed ten agreements:" dates agreements, which _dates leaves to the agreement extractor;
    # for the list's items the lead's one date is the day they were signed
    told = {d.iso for d in info.intro.dates if not _after(d.iso, info.intro.published)}
    if len(told) == 1 and _ORDER_VERB.search(info.intro.folded):
        return _Dates(order=told.pop(), order_strength=2)
    return own


def _ends_at(folded: str, verb: int, date: int, order_distance: int, order_cues) -> bool:
    """The ending verb at `verb` governs the date at `date` in its own clause: it is nearer than the
    order cue, or comes before the date with no signing participle between them ("cancelled the
    contract signed in 2019" keeps 2019 as the signing's)."""
    if _separated(folded, *sorted((verb, date))) or _NEXT_CLAUSE.search(folded, min(verb, date), max(verb, date)):
        return False
    if abs(date - verb) < order_distance:
        return True
    return verb < date and not any(verb < m.start() < date and m.group() in _SIGNING_PARTICIPLES for m in order_cues)


def _stretch(hits: list[SystemHit], i: int, folded: str) -> tuple[int, int, int, int]:
    """(first, lo, hi) for _dates: the stretch of the i-th of several systems runs from its name to
    the next system's; names written side by side ("C-130J-30 Hercules") are one name; a clause
    opened between two names (", and in 2023 it announced the purchase of six MH-60R") belongs to
    the later one."""
    def adjacent(k: int) -> bool:  # hit k directly follows hit k - 1
        return 0 < k < len(hits) and hits[k].start - hits[k - 1].end <= 1
    lo = i
    while adjacent(lo):
        lo -= 1
    hi = i + 1
    while adjacent(hi):
        hi += 1
    def boundary(k: int) -> int:  # where the stretch of hit k begins
        if k == 0:
            return hits[0].start
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(folded, hits[k - 1].end, hits[k].start)]
        return breaks[-1] if breaks else hits[k].start
    # a date after the last name, in a list with no clause of its own, closes the whole list
    # ("signed for patrol boats from Spain and radars from France on 2 May")
    last = len(hits) - 1
    tail = hits[last].end if boundary(last) == hits[last].start else 10**9
    # ... and a date before the first name leads the list, but not another event's phrase after it
    # ("..., following an initial order for 54 K9s"; "..., and for six more Rafales" still shares it)
    first = 0 if lo > 0 and _EVENT_BREAK.search(folded, hits[lo - 1].end, hits[lo].start) else hits[0].start
    return first, boundary(lo), boundary(hi) if hi < len(hits) else 10**9, tail


# ... or a phrase of another event: ", following an initial order for 54 K9s placed in July 2024"
_EVENT_WORDS = r"following|after|before|under|on top of|in addition to|besides"
_EVENT_BREAK = folded_pattern(rf"[;]\s|,\s+(?:{_EVENT_WORDS})\b")
_CLAUSE_BREAK = folded_pattern(rf"[;]\s|,\s+(?:and|while|but|whereas|{_EVENT_WORDS})\b")


def _first_lot_deadline(folded: str, at: int) -> bool:
    """The date at `at` closes a clause whose subject is the first lot ("the first tanks will be
    shipped by the end of 2027"), so "by the end of" bounds the start of deliveries, not their end."""
    start = max(folded.rfind(",", 0, at), folded.rfind(";", 0, at), folded.rfind(" and ", 0, at), 0)
    span = folded[start:at]
    return _FIRST_LOT.search(span) is not None and _END_WORD.search(span) is None


def _after(iso: str, published: str | None) -> bool:
    """`iso` falls in a year after the publication's (years only: a publication date read a few
    days off must not throw away a true signing day)."""
    return bool(published) and iso[:4] > published[:4]


def _separated(folded: str, lo: int, hi: int, date_end: int | None = None) -> bool:
    """An after/before/when clause between the date and its cue runs on to the later of the two
    ("ordered three months after a jet crashed on 4 March"); one closed by a comma before it does
    not ("In December 2024, after Washington cleared the sale, Zagreb signed").  A when-clause right
    after the date (`date_end`) tells what happened then: "since 2009, when the first jets were delivered"."""
    return any("," not in folded[m.end():hi] and not (date_end is not None and m.group() == "when"
                                                       and _WHEN_AFTER_DATE.fullmatch(folded, date_end, m.start()))
               for m in _OTHER_EVENT.finditer(folded, lo, hi))


_WHEN_AFTER_DATE = re.compile(r",?\s*")


def _event_clause(folded: str, at: int) -> tuple[int, int] | None:
    """(start, end) of the clause opened by after/before/when that holds offset `at`: from the opener
    to the next comma, within `at`'s comma-bounded stretch; None when no opener precedes `at` there."""
    start = max(folded.rfind(",", 0, at), folded.rfind(";", 0, at), 0)
    opener = _OTHER_EVENT.search(folded, start, at)
    if opener is None:
        return None
    end = folded.find(",", at)
    return opener.start(), len(folded) if end < 0 else end


def _in_event_clause(folded: str, at: int, names) -> bool:
    """The word at `at` is in an after/before/when clause (_event_clause) which names none of the systems
    at `names` (spans), while the main clause before it names one (in a sentence that names none, "The
    deal comes after Malaysia bought the same jets in 2023", the clause is the event the sentence tells)."""
    clause = _event_clause(folded, at)
    if clause is None:
        return False
    lo, hi = clause
    return not any(lo <= a < hi for a, _ in names) and any(a < lo for a, _ in names)


def _in_other_clause(folded: str, at: int, cue: int) -> bool:
    """The date at `at` sits in a clause opened by after/before/when ("When the president visited on
    20 May, ...", "after Washington cleared the sale in August,") that does not hold the cue."""
    clause = _event_clause(folded, at)
    return clause is not None and not (clause[0] <= cue < clause[1])


def _refines(new: str, old: str | None) -> bool:
    """`new` is the same date told more precisely ("last month", then "on July 17")."""
    return bool(old) and len(new) > len(old) and new.startswith(old)


def _firm_agreement(info: SentenceInfo) -> bool:
    """The sentence tells an agreement signed with a firm (or between a state body and firms)."""
    for m in _AGREEMENT_NOUN.finditer(info.folded):
        verbs = [v for v in _FIRM_SIGNING.finditer(info.folded) if abs(v.start() - m.start()) <= 80]
        verb = min(verbs, key=lambda v: abs(v.start() - m.start())).span() if verbs else None
        if verb is not None and firm_counterpart(info, m.start(), m.end(), verb):
            return True
    return False


_FIRM_SIGNING = folded_pattern(r"\b(?:signed|signs|inked|sealed|concluded)\b")


def _signs_an_agreement(text: str, folded: str, cue: re.Match) -> bool:
    """The signing cue's object is an agreement, not a contract ("an agreement that X signed in 2021").
    `cue`: a match in `folded`."""
    if text[cue.start():cue.end()].lower() not in ("signed", "inked", "sealed", "concluded", "signing"):
        return False
    before = folded[max(0, cue.start() - 60):cue.start()]
    agr = [m.start() for m in _AGREEMENT_NOUN.finditer(before)]
    con = [m.start() for m in _CONTRACT_NOUN.finditer(before)]
    return bool(agr) and (not con or agr[-1] > con[-1])


def _compatible(c: _Cluster, buyer_code: str, family: str, ordinal: str | None, order_date: str | None,
                system: str | None = None) -> bool:
    if c.buyer != buyer_code or c.family != family:
        return False
    if system is not None and not variants_compatible(c.system, system):
        return False  # "Gripen C/D" leased and "Gripen E/F" ordered are two acquisitions
    if ordinal and c.ordinal and ordinal != c.ordinal:
        return False
    if ordinal not in (None, "first") and c.ordinal is None and (c.order_date or _advanced(c) and c.quantity is not None):
        # a follow-on batch is not the deal already reported as signed; a deal told with neither
        # date nor count (a heading: "Boxer order") is not yet a batch of its own
        return False
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
        # an order told before any system is named ("X won a $2.8bn order from Iraq"), waiting for
        # the sentence that says what it covers ("The order covers the Cheongung-II")
        self.pending: SentenceInfo | None = None
        self.suppliers = document_suppliers(ctx)
        self.reference_words = ctx.sentences_with(_REFERENCE_WORDS)  # the sentences that have one

    @cached_property
    def all_domestic(self) -> bool:
        """The article's lead says every purchase it tells is made at home ("ten proposals, every one of
        which is to be sourced from within the country"): a type bought with no seller named is domestic."""
        return any(role_cues.domestic_marker(info.text) and _EVERY.search(info.folded) for info in self.ctx.sentences[:8])

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

    def find(self, buyer_code, family, ordinal, order, system=None) -> _Cluster | None:
        if self.last is not None and _compatible(self.last, buyer_code, family, ordinal, order, system):
            return self.last
        return next((c for c in self.clusters if _compatible(c, buyer_code, family, ordinal, order, system)), None)

    def new(self, buyer_code, family, system, ordinal) -> _Cluster:
        c = _Cluster(buyer_code, family, system, ordinal)
        self.clusters.append(c)
        return c


def extract_procurements(ctx: DocContext) -> list[ProcurementMention]:
    if not ctx.sentences_with_systems() and not ctx.sentences_with(_REFERENCE_WORDS):
        return []  # a procurement starts at a sentence that names a system, or a type (within the gate)
    doc = _Document(ctx)
    # _read_sentence reads only a sentence that names a system or may refer to the deal in hand;
    # the others (most of an article) are skipped unread
    readable = ctx.sentences_with_systems() | doc.reference_words | _reference_starts(ctx)
    for doc.at in sorted(readable):
        _read_sentence(doc, ctx.sentences[doc.at])
    clusters = _drop_beaten_offers(drop_types_named_elsewhere(_merge_compatible(_fold_short_names(doc.clusters))))
    _name_typed_deals(ctx, clusters)
    return [_mention(ctx, c) for c in clusters if c.statuses]


def _name_typed_deals(ctx: DocContext, clusters: list[_Cluster]) -> None:
    """A deal told only by its type ("150 locally assembled armoured vehicles") in an article that names
    exactly one system of that kind, with no deal of its own ("The site builds the Wheeled Armoured
    Platform (WhAP) 8x8"), is that system's."""
    typed = [c for c in clusters if c.typed]
    if not typed:
        return
    named = {}
    for info in ctx.sentences:
        for h in info.systems:
            if not h.typed and h.category:
                named.setdefault(category_group(h.category), {}).setdefault(_family(h.system), h)
    held = {c.family for c in clusters if not c.typed}
    for group in {category_group(c.category) for c in typed}:
        kinds = [c for c in typed if category_group(c.category) == group]
        systems = named.get(group, {})
        if len(kinds) != 1 or len(systems) != 1:
            continue
        family, hit = next(iter(systems.items()))
        if family in held:
            continue
        c = kinds[0]
        c.system, c.family, c.typed = as_written(hit), family, False
        c.category = hit.category or c.category


_CHOSEN = frozenset({"under_negotiation", "ordered", "delivered"})


def _drop_beaten_offers(clusters: list[_Cluster]) -> list[_Cluster]:
    """GUIDELINES: a losing bid is no record.  A system only offered to a buyer ("France had offered
    its FDI frigate") whom the article has choosing, buying or receiving another system of the same
    kind from another supplier lost to it.  A formal offer (a possible sale) stands: it is no bid."""
    if len(clusters) < 2:
        return clusters
    won = {(c.buyer, category_group(c.category), c.supplier) for c in clusters
           if c.statuses and _CHOSEN.intersection(c.statuses) and not c.typed}
    if not won:
        return clusters
    out = []
    for c in clusters:
        group = category_group(c.category)
        beaten = (c.statuses and set(c.statuses) == {"offered"} and not c.formal_offer and not c.typed
                  and any(b == c.buyer and g == group and sup != c.supplier for b, g, sup in won))
        if not beaten:
            out.append(c)
    return out



def _reference_starts(ctx: DocContext) -> set[int]:
    """The sentences that start with one of _REFERENCE_STARTS (folded)."""
    return {k for k, info in enumerate(ctx.sentences) if info.folded.startswith(_REFERENCE_STARTS)}


def _objects(info: SentenceInfo) -> list[SystemHit]:
    """System hits that can be the object of a procurement (bystanders dropped): not described,
    retired or host platforms (procurement_cues), not the platform that carries the weapon bought
    ("missiles ... carried by its F-15 fighters"), not the losing bidders after "ahead of" ("ranked
    X first, ahead of Y, Z and W")."""
    out, previous = [], None
    starts = tuple(h.start for h in info.systems)
    if _FIELD_OF_BIDDERS.search(info.folded):
        return []
    losers_from = _LOSERS.search(info.folded)
    examined = _EXAMINED_BEFORE.search(info.folded) if info.systems else None
    for h in info.systems:
        if not (is_bystander(info.text, h, previous, info.folded, starts)
                or _CARRIER_BEFORE.search(info.folded, max(0, h.start - 50), h.start)
                or losers_from is not None and h.start >= losers_from.end()
                and not _CLAUSE_END.search(info.folded, losers_from.end(), h.start)
                # "beating the X to win the order for 24 Y": the prize won after the rival is bought
                and not role_cues.pattern("win_phrase").search(info.text, losers_from.end(), h.start)
                or examined is not None and _only_examined(info, h, examined)):
            out.append(h)
        previous = h
    return out


def _with_other_batches(info: SentenceInfo, hits: list[SystemHit]) -> list[SystemHit]:
    """A sentence that names a system may tell another acquisition of its kind by type only: "plans to
    acquire two more frigates, on top of the two Jose Rizal-class frigates delivered in 2020", "to build
    two frigates, following its 2016 order for two Jose Rizal-class ships".  A counted type phrase with
    "more" before it, or cut off from the named system by another event's phrase, is its own batch."""
    taken = tuple((h.start, h.end) for h in info.systems) + tuple((c.start, c.end) for c in info.countries) \
        + tuple((o.start, o.end) for o in info.orgs)
    extra = []
    for t in find_types(info.text, info.folded, taken):
        if any(h.start <= t.end and t.start <= h.end + 1 for h in info.systems) or type_count(info.text, t.start) is None:
            continue  # (the noun right after a name is its head: "Leopard 1 tanks" is no batch of one tank)
        more = _MORE_BEFORE.search(info.folded, max(0, t.start - 25), t.start) is not None
        apart = all(_EVENT_BREAK.search(info.folded, min(t.end, h.end), max(t.start, h.start)) for h in hits)
        if more or apart:
            extra.append(t)
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits


# "two more frigates", "six additional jets": a batch after one already told
_MORE_BEFORE = folded_pattern(r"\b(?:more|additional|further|extra|another)\s+(?:[\w-]+\s+){0,2}$")


def _only_examined(info: SentenceInfo, h: SystemHit, examined: re.Match) -> bool:
    """A system named before "were also examined before the ministry settled on ..." was a
    candidate that lost, unless the choice after the marker names it again."""
    if h.start >= examined.start() or _CLAUSE_END.search(info.folded, h.end, examined.start()):
        return False
    if examined.group("end") is not None and h.start < info.folded.rfind(",", 0, examined.start()):
        # "X chose the Gripen, ending a contest in which the Rafale and the F-16 were also considered.":
        # with no choice told after the marker, only its own clause holds the candidates
        return False
    family = _family(h.system)
    return not any(o.start > examined.end() and _family(o.system) == family for o in info.systems)


# GUIDELINES: losing bidders are not records.  Everything named after the marker, up to the clause's end.
_LOSERS = folded_pattern(r"\b(?:ahead of|beating|beat out|rather than|instead of|in preference to|over rival|"
                         r"outbid|edged out|losing bidders?|lost out|runners?-up|seeing off|saw off|sees off)\b")
# "Besides the X and the Y, the bidders for the deal included the Z": a sentence about the field of
# bidders names candidates, none of them bought in it
_FIELD_OF_BIDDERS = folded_pattern(r"\b(?:bidders|contenders|competitors|candidates|the\s+rivals)\s+(?:for\s+[^,;.]{1,40}?\s+)?"
                                   r"(?:included|include|were|are)\b")
# GUIDELINES: losing bidders are not records.  "X and Y were also examined before Z was chosen":
# the candidates weighed before a choice told after them.
_EXAMINED_BEFORE = folded_pattern(r"\b(?:were|was|had been|have been)\s+(?:also\s+)?(?:examined|considered|evaluated|"
                                  r"assessed|studied|reviewed|tested|trialled|trialed|shortlisted|looked at)"
                                  r"(?:\s+(?:before|until|but|ahead of)\b|(?P<end>\s*(?:[.;]|$)))")
_CLAUSE_END = folded_pattern(r"[;.]\s|\b(?:while|whereas|but)\b")
# The platform a bought weapon is carried on: "missiles that would be carried by its F-15 fighters".
_CARRIER_BEFORE = folded_pattern(r"\b(?:carried by|launched from|fired from|to arm|arming|to equip|equipping|for use on|"
                                 r"to be fitted to|integrated into)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}$")


_DETERMINED = folded_pattern(r"(?:the|this|that|its|those|these|both)\s")
_NAME_WORD = re.compile(r"[A-Z][\w-]*")


def _refers_back(info: SentenceInfo) -> bool:
    """The sentence has a _REFERENCE phrase, and a determined one ("the anti-aircraft guns") has no
    name among its modifiers: "the Gepard anti-aircraft guns" names a system the gazetteer does not
    know, not the one in hand (a state's adjective, "the Polish tanks", still refers back)."""
    for m in _REFERENCE.finditer(info.folded):
        if not _DETERMINED.match(info.folded, m.start()):
            return True
        head = info.folded.rfind(" ", m.start(), m.end()) + 1
        first = info.folded.find(" ", m.start(), m.end()) + 1
        if not any(not any(c.start <= w.start() < c.end for c in info.countries)
                   for w in _NAME_WORD.finditer(info.text, first, head)):
            return True
    return False


def _may_refer(info: SentenceInfo, reference_word: bool | None = None) -> bool:
    """The gate for _REFERENCE.  `reference_word`: whether the folded sentence has a
    _REFERENCE_WORDS word, when the caller knows (None: test here)."""
    if reference_word is None:
        reference_word = _REFERENCE_WORDS.in_(info.folded)
    return reference_word or info.folded.startswith(_REFERENCE_STARTS)


def _read_sentence(doc: _Document, info: SentenceInfo) -> None:
    text = info.text
    hits = _objects(info) if info.systems else []
    named = len(hits)
    if hits and doc.at in doc.reference_words:
        hits = _with_other_batches(info, hits)
    if not hits and doc.at in doc.reference_words:
        hits = type_objects(info, doc.clusters, _REFERENCE if doc.last is not None else None)
    if not hits and info.item and info.money:
        hits = _deal_line_object(info)
    if not hits and (doc.last is None or not _may_refer(info, doc.at in doc.reference_words)
                     or not (_refers_back(info) or held_type(info, [doc.last]))):
        if doc.last is None and doc.at in doc.reference_words:
            _note_untold_order(doc, info)
        return  # neither a system nor a reference to the deal in hand: nothing to read (most sentences)
    cue_text = mask_negated(text)
    cues = stage_cues(cue_text)
    if hits and ", wh" in text:
        # "X, which already operates Su-30s, is negotiating for the J-35": the clause's stage is its own
        # systems', not the main clause's
        spans = [(a, b) for a, b in role_cues.relative_clauses(text) if not any(a <= h.start < b for h in hits)]
        cues = tuple(c for c in cues if not any(a <= c.start < b for a, b in spans))
    losers = _LOSERS.search(info.folded) if hits else None
    if losers is not None and any(c.start < losers.start() for c in cues):
        cues = tuple(c for c in cues if c.start < losers.start())  # the losers' stages are not the winner's
    acquisition = (ACQUISITION.search(info.folded if cue_text == text else fold(cue_text)) is not None
                   or any(c.frame for c in cues))
    if hits and not acquisition and _firm_agreement(info):
        # "The Army signed an agreement with Lockheed Martin to produce Javelin missiles": an agreement with a
        # firm is a contract (agreement_parties.firm_counterpart), whatever its noun
        acquisition = True
    status = status_of(cues) if acquisition else None
    if hits and not acquisition and info.intro is not None:
        # "Also ordered were:" / "- 12 K9 howitzers;": an item with no verb of its own is at the
        # stage its list's lead sentence tells
        lead = stage_cues(mask_negated(info.intro.text))
        if ACQUISITION.search(info.intro.folded) or any(c.frame or c.strong for c in lead):
            acquisition, status, cues = True, status_of(lead), ()
    if hits and status is None and info.intro is not None and doc.last is not None and doc.last.statuses \
            and _PACKAGE_LEAD.search(info.intro.folded) and status_of(stage_cues(mask_negated(info.intro.text))) is None:
        # "The Bahrain package covers:" / "- The purchase of 19 new F-16V aircraft ...": an item of the package
        # in hand, whose lead tells no stage, is at that package's stage
        acquisition, status, cues = True, _status(doc.last), ()
    if hits and not acquisition and info.item and info.money and _DEAL_LINE.search(info.folded):
        # "* UAE Tawazun Council: 1.1 billion dirhams with EDGE for Rashid armoured vehicles": a show daily's
        # or a round-up's deal line under a heading, an amount agreed with a seller for a system
        acquisition, status, cues = True, "ordered", ()
    if status == "delivered" and _EXERCISE.search(info.folded) and not _HANDED_OVER.search(info.folded) \
            and not _ORDER_VERB.search(info.folded):
        # "Abrams tanks arrived in Georgia for the third edition of the exercise": equipment brought to
        # drills is not delivered to the host; only a handover or a purchase told beside it is one
        acquisition, status = False, None
    framework = bool(FRAMEWORK.search(info.folded))
    if framework and status == "ordered":
        status = "under_negotiation"  # a framework/MoU sets terms; the contract comes later
    if not hits:
        if not _about_another_deal(info, doc.last):
            # "London put the value of the deal at ...": a noun that names the deal in hand tells
            # no stage of it; only a verb does
            own = _cues_for(info, cues, doc.last)
            _read_reference(doc, info, status_of(own, strong_only=True) if acquisition else None, framework,
                            any(c.stage == "offered" and c.frame for c in own))
        return
    _refocus(doc, hits)
    covered_type = covers_buyer = pending_buyer = None
    covers = _COVERS.match(info.folded) if not acquisition else None
    if covers is not None and doc.last is not None and not doc.last.typed and not covers.group().lstrip().startswith("a") \
            and all(h.typed or _family(h.system) != doc.last.family for h in hits):
        # "The package includes M260 rocket launchers and gun pods": what a named system's deal
        # comes with is part of that deal, not a purchase of its own ("A second notification covers
        # 60 howitzers" tells another deal of the package)
        return
    if covers is not None and doc.last is not None and doc.last.statuses:
        # "It covers the X tank, the Y APC and the Z": the systems the deal in hand is made of take
        # its stage; a deal told by a type only ("armoured vehicles") is told by them now
        status, cues = _status(doc.last), ()
        covered_type = doc.last if doc.last.typed else None
        covers_buyer = doc.last.buyer  # the deal's buyer, whom the sentence need not name
    elif not acquisition:
        if doc.last is not None and doc.last.typed and _names_the_type(doc.last, hits, info):
            return
        if doc.pending is None or not (_IDENTIFIES.search(info.folded) or _COVERS.match(info.folded)):
            _add_details(doc, info, hits)
            return
        # "... do not name the system, but sources identify it as the X": the untold event's system
        status = status_of(stage_cues(mask_negated(doc.pending.text)))
        if status is None:
            return
        cues = ()
        # "The Kenyan president handed eleven aircraft over ..." / "The aircraft on display included X and Y":
        # the untold event's one state buys them all, unless the sentence states their buyer ("for Peru")
        pending_states = doc.pending.acting_states(copy=False)
        if len(pending_states) == 1:
            pending_buyer = next(iter(pending_states))
    doc.group = []
    dates = _with_intro(_dates(info, doc.last_day, framework), info, doc)
    for i, hit in enumerate(hits):
        hit_status = _hit_status(cues, hits, i, status, text)
        if framework and hit_status == "ordered":
            hit_status = "under_negotiation"  # as for the sentence: an MoU sets terms
        elif hit_status == "ordered" and fleet_in_service(text, hit, info.folded):
            hit_status = "delivered"  # the fleet in service or retiring was bought: it has arrived
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
        if hit.typed:  # an item of a list: its supplier is named in its own stretch
            sup, sup_org = type_supplier(info, hit, nxt)
        else:
            sup, sup_org = supplier(info, hit)
        buyer_code, buyer_org, stated = buyer(doc.ctx, info, hit, sup, doc.suppliers)
        if covers_buyer is not None:
            buyer_code, buyer_org = covers_buyer, None
        elif pending_buyer is not None and not stated and pending_buyer != sup and pending_buyer not in doc.suppliers:
            buyer_code, buyer_org = pending_buyer, None
        if hit_status is not None and buyer_code is not None and " wh" in text:
            hit_status = _without_others_relatives(info, cues, hits, i, hit_status, buyer_code)
        if hit_status is not None and buyer_code is not None and len(info.countries) > 1:
            hit_status = _without_others_clause(info, cues, hits, i, hit_status, buyer_code, sup)
        # a system of the buyer's own make that the deal in hand covers is a domestic order
        # ... or a state the sentence itself makes the buyer of its own make ("India ordered 83 Tejas")
        if buyer_code is None or buyer_code == sup and not (hit.typed or covers_buyer or stated
                                                            or domestic_order(info, sup, doc.ctx)):
            continue
        if not hit.typed:
            sup = supplier(info, hit, buyer_code, doc.ctx)[0] or sup
            sup_org = _org_of_supplier(info, hit, sup, sup_org)
        elif sup is None:
            # the one seller of the sentence, told before the list ("signed with Korea's HHI for two
            # frigates and two patrol vessels")
            sup, sup_org = supplier(info, hit, buyer_code, doc.ctx)
            if sup == buyer_code and not stated:
                sup, sup_org = None, None
            if sup is None and doc.all_domestic:
                sup = buyer_code
        if hit.typed or hit not in info.systems:  # (a type phrase, or a deal line's unknown name)
            previous = hits[i - 1] if i else None
        else:
            previous = info.systems[info.systems.index(hit) - 1] if info.systems.index(hit) else None
        ordinal = _ordinal(text, hit, previous, info.folded)
        if ordinal is None and len(hits) == 1:
            # "The first executive contract, signed in August 2022, covered 180 K2GF tanks": the batch
            # the sentence's own contract phrase names
            ordinal = ordinal_in(text)
        if ordinal and _delivery_lot(info, hit_status):
            ordinal = None  # "the fourth batch of the 32 helicopters arrived": a lot of the order in hand
        family = _family(hit.system)
        name = as_written(hit)
        if not hit.typed:
            family, name = _named_by_its_tail(doc, buyer_code, hit, family, name)
        target = doc.find(buyer_code, family, ordinal, dates.order, name)
        if target is None:
            if hit_status is None:
                continue  # a bare detail ("116 K2GF tanks, for delivery in 2026") only adds to a known deal
            target = doc.new(buyer_code, family, name, ordinal)
            target.typed = hit.typed
            target.tail = _short_name(hit)
            # a batch told by type beside a named system is an acquisition of its own (_with_other_batches)
            target.own_batch = hit.typed and named > 0
        target.ordinal = target.ordinal or ordinal
        if not hit.typed and not target.typed and target.family == family and name.endswith(" " + target.system):
            # told first by its short name ("Poland buys 96 Apache helicopters"), then with its designation
            # ("96 AH-64E Apache"): the record cites the fuller name (a variant told after the name, "Gripen"
            # then "Gripen F", is a part of the order, not its name)
            target.system = name
        target.supplier = target.supplier or sup
        target.supplier_org = target.supplier_org or sup_org
        if not hit.typed and not target.seller_stated:
            _take_stated_seller(target, stated_seller(info, buyer_code, hit))
        target.buyer_org = target.buyer_org or buyer_org
        target.category = target.category or hit.category
        if hit.typed:
            q = type_count(text, hit.start)
            total = False
            # an item of a list takes the amount of its own stretch; the one system of its sentence
            # any amount, as a named system does ("a $1.2 billion contract for 20 Badger vehicles")
            money = _money_for(info, hit, hits) if len(hits) == 1 else \
                next((m for m in info.money if hit.start <= m.start < nxt), None)
        else:
            q = quantity_before(text, hit.start)
            total = q is not None and is_order_total(text, hit.start)
            if q is not None and not total and (size := order_size_of_lot(text, hit.start, hit.end)) is not None:
                q, total = size, True  # "its first two X, part of an order for 28 aircraft": the order's 28
            if q is None:
                # the one system of its sentence: a count anywhere in it but in another state's clause ("Egypt
                # ordered K9s" takes nothing from "Indonesia signed for 60 Rashid vehicles, and ..."; "; the order
                # covers 96 guns" is its own)
                q = (quantity_in(text[hit.end:nxt], hit.category) if len(hits) > 1 else
                     quantity_in(_without_other_states_clauses(info, hit, (buyer_code, sup)), hit.category,
                                 [(h.start, h.end) for h in info.systems]))
            if q is None:
                q = single_unit(text, hit.start)
            money = _money_for(info, hit, hits)
        own = own_count(info, buyer_code) if "(" in text else None
        if own is not None:
            q, total = own, False  # "Estonia (12 pieces) and Croatia (12) have ordered 24 guns": each its own
        _set_quantity(target, q, hit_status, ordinal, framework, total)
        if money is not None:
            _set_value(target, money, amount_role(text, money))
        # several systems: each takes the dates of its own stretch (from its name to the next one's);
        # one system named twice keeps the sentence's (its stronger date wins, _dates)
        # ... and so does each batch of one system ("18 more K9s, after an initial order for 54 K9s
        # placed in July 2024": July 2024 is the first batch's), and each buyer's ("Malaysia's purchase
        # of 18 FA-50s in 2023, and Poland's order for 48 FA-50PLs in 2022")
        one_event = len({_family(h.system) for h in hits}) == 1 and not (
            len(hits) > 1 and (ordinal or len(info.acting_states(copy=False)) > 1))
        own_dates = dates if one_event else _with_intro(
            _dates(info, doc.last_day, framework, _stretch(hits, i, info.folded)), info, doc)
        _set_dates(target, own_dates)
        target.framework = framework
        if hit_status:
            target.statuses.append(hit_status)
            if hit_status == "offered" and any(c.stage == "offered" and c.frame for c in cues):
                target.formal_offer = True
        score = (q is not None) + (dates.order is not None) + bool(sup) + len(info.money) + len(info.dates)
        if target.best is None or score > target.best[0]:
            target.best = (score, info)
        doc.last = target
        if target not in doc.group:
            doc.group.append(target)
        for other in co_buyers(info, hit, buyer_code, sup):  # "Estonia and Latvia signed ...": each buys
            twin = doc.find(other, family, ordinal, dates.order, name) or doc.new(other, family, name, ordinal)
            _inherit(twin, target, info)
            twin.quantity = own_count(info, other) or twin.quantity
            _set_dates(twin, own_dates)
            twin.statuses += [hit_status] if hit_status else []
    if not doc.group and any(not h.typed for h in hits) and doc.last is not None \
            and not any(_family(h.system) == doc.last.family for h in hits):
        # an event told of another system that makes no record ("The Netherlands will donate 18 PzH 2000s
        # to Ukraine") turns the discourse away: "The first six have been handed over" is not the deal's
        doc.last = None
    if covered_type is not None and any(c is not covered_type and not c.typed for c in doc.group):
        covered_type.statuses = []  # no record of its own
    if doc.pending is not None and (_COVERS.match(info.folded) or _IDENTIFIES.search(info.folded)) and doc.group:
        _attach_untold_order(doc, doc.group)


_EVERY = folded_pattern(r"\b(?:every|all|each)\b")
_DEAL_LINE = folded_pattern(r"\bwith\s+[^;]{2,80}?\bfor\b")
# what a deal line buys, when it is a name the gazetteer does not know: "for the Desert Sting P5 system",
# "for Thunder P3 launchers" (title-case words, perhaps with a designation, then perhaps a noun)
_LINE_OBJECT = re.compile(r"\s+(?:the\s+)?(?P<name>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|[A-Z]*\d[\w-]*))*)")


def _deal_line_object(info: SentenceInfo) -> list[SystemHit]:
    """The system a deal line of a show daily or a round-up buys by a name no gazetteer knows ("- Tawazun
    Council: AED4.7bn with Halcon for the Desert Sting P5 system"): the name as written."""
    line = _DEAL_LINE.search(info.folded)
    if line is None:
        return []
    m = _LINE_OBJECT.match(info.text, line.end())
    if m is None:
        return []
    a, b = m.span("name")
    if any(h.start < b and a < h.end for h in (*info.countries, *info.orgs)):
        return []  # "for the UAE Navy", "for Edge Group": a buyer or a firm, not what is bought
    return [SystemHit(m.group("name"), m.group("name"), a, b, category_near(info.text, a, b, after=30, before=0) or "other",
                      None, None, False)]
# A military exercise, and the words that tell a handover even there.
_EXERCISE = folded_pattern(r"\b(?:the|an|this|that|joint|military|naval|annual|multinational)\s+(?:[\w-]+\s+){0,2}?exercises?\b|"
                           r"\b(?:drills|manoeuvres|maneuvers|war\s?games)\b")
_HANDED_OVER = folded_pattern(r"\b(?:delivered|handed|handover|received|took delivery|taken delivery|inducted|commissioned|"
                              r"donated|gifted|transferred|supplied)\b")
# "The order covers the X", "The contract is for 12 Y": the sentence names what an order told before holds.
# ... also an item of a package, told with an aside: "The largest item, at an estimated $4 billion, is for",
# "A second notification, worth $4 billion, covers"
# The subject may be a longer phrase when it names the things of the event told ("The aircraft on display
# included", "The equipment handed over comprises", "The weapons covered by the contract include"); a longer
# subject without such a phrase may be anything ("The country's current fleet includes").
_COVERS_VERB = r"(?:covers|covered|include[sd]?|is for|was for|comprise[sd]|involve[sd]|concerns|consist(?:s|ed) of)"
_COVERS = folded_pattern(r"\W*(?:(?:the|this|that|it|its|these|those|both|an?)\s+(?:[\w-]+\s+)?(?:orders?|contracts?|deals?|purchases?|sales?|"
                         r"packages?|agreements?|items?|notifications?|requests?)?\s*(?:,[^,;]{1,60},\s*)?" + _COVERS_VERB + "|"
                         r"(?:the|these|those)\s+(?:[\w-]+\s+){1,2}(?:on\s+display|on\s+show|handed\s+over|delivered|received|"
                         r"unveiled|presented|ordered|purchased|bought|acquired|(?:covered|bought|ordered)\s+(?:by|under|in)\s+the\s+[\w-]+|"
                         r"in\s+the\s+(?:deal|package|contract|order|batch|shipment))\s+(?:(?:on|at)\s+[\w\s-]{1,30}?\s+)?" + _COVERS_VERB + "|"
                         r"(?:they|these|those|both)\s+(?:cover|covered|include|included|are for|were for|comprise|involve))\b")


def _note_untold_order(doc: _Document, info: SentenceInfo) -> None:
    """A sentence that reports an order or delivery with its money or date before any system is named."""
    if not (info.money or info.dates):
        return
    cue_text = mask_negated(info.text)
    if status_of(stage_cues(cue_text), strong_only=True) is not None:
        doc.pending = info


# A list's lead that names the package in hand and what it holds: "The Bahrain package covers:"
_PACKAGE_LEAD = folded_pattern(r"\b(?:package|deal|sale|sales|contract|order|request|notification|approval)s?\b[^.;]{0,40}"
                               r"\b(?:covers|cover|includes|include|comprises|comprise|consists of)\s*:?\s*$")


# "sources identify it as the X", "the system, named as the X": the name of a system told before
_IDENTIFIES = folded_pattern(r"\b(?:identif(?:y|ies|ied)|named|name)\s+(?:it|them|the\s+(?:[\w-]+\s+)?(?:system|type|model|"
                             r"aircraft|vessels?|ships?|vehicles?|missiles?))\s+as\b|"
                             # "... sources say it is the Barak MX", "understood to be the X"
                             r"\b(?:say|says|said|believe|believed|report|reported|confirm|confirmed)\s+(?:that\s+)?(?:it|this|they|the\s+"
                             r"(?:[\w-]+\s+)?(?:system|type|model|aircraft|vessels?|ships?|vehicles?|missiles?))\s+(?:is|was|are|were|to\s+be)\s+"
                             r"(?:the\s+)?[A-Z]|\b(?:identified|understood|believed|reported)\s+(?:as|to\s+be)\s+(?:the\s+)?[A-Z]")


def _names_the_type(c: _Cluster, hits: list[SystemHit], info: SentenceInfo) -> bool:
    """A sentence that refers to a system told by its type and names it ("The aircraft - Bayraktar
    TB2 drones built by Baykar - ..."): the record takes the name."""
    if not _REFERENCE.search(info.folded):
        return False
    group = category_group(c.category)
    hit = next((h for h in hits if category_group(h.category) == group), None)
    if hit is None:
        return False
    c.system, c.family, c.typed = as_written(hit), _family(hit.system), False
    c.category = hit.category or c.category
    sup, sup_org = supplier(info, hit, c.buyer)
    if sup and sup != c.buyer:
        c.supplier = c.supplier or sup
        c.supplier_org = c.supplier_org or sup_org
    return True


def _attach_untold_order(doc: _Document, targets: list[_Cluster]) -> None:
    """The facts of the order told before the system was named go to the systems it covers."""
    pending, doc.pending = doc.pending, None
    states = pending.acting_states(copy=False)
    targets = [c for c in targets if not states or c.buyer in states or c.supplier in states]
    if not targets:
        return
    dates = _dates(pending, doc.last_day, bool(FRAMEWORK.search(pending.folded)))
    money = next((m for m in pending.money if not _AGGREGATE.search(pending.folded[max(0, m.start - 40):m.end + 15])),
                 None)
    for c in targets:
        _set_dates(c, dates)
        if money is not None and c.value is None and len(targets) == 1:
            _set_value(c, money, amount_role(pending.text, money))


# "the fourth batch of the 32 S-70i", "a second lot of five": a part of an order, told as such
_PARTITIVE_LOT = folded_pattern(r"\b(?:batch|lot|tranche|group|pair|shipment|delivery)\s+of\s+the\s+(?:\d[\d,]*|[a-z]+)\b")
# words that tell a new order rather than a delivery
_NEW_ORDER = folded_pattern(r"\b(?:signed|ordered|orders?|contracted|bought|purchased|awarded|procured|acquired|deal)\b")


def _delivery_lot(info: SentenceInfo, status: str | None) -> bool:
    """A numbered batch that is a delivery lot of an order, not an order of its own: told as a part
    of a known total, or delivered in a sentence that tells no order."""
    if _PARTITIVE_LOT.search(info.folded):
        return True
    return status == "delivered" and not _NEW_ORDER.search(info.folded)


def _short_name(hit: SystemHit) -> str | None:
    """The hit's surface when it is a short name of two words or more that is not the system's own
    name ("Black Hawks" for the UH-60 Black Hawk), singular."""
    surface = hit.surface[:-1] if hit.surface.endswith("s") and hit.surface[:-1] != hit.system else hit.surface
    return surface if " " in surface.strip() and surface != hit.system else None


def _refocus(doc: _Document, hits: list[SystemHit]) -> None:
    """A sentence that names one system of a deal already in hand turns the discourse to that deal, even
    when it tells no stage ("Not every T129 export was blocked. The Philippines signed for six of the
    helicopters": the T129's, not the deal told just before)."""
    families = {_family(h.system) for h in hits if not h.typed}
    if len(families) != 1 or doc.last is None or doc.last.family in families:
        return
    family = next(iter(families))
    doc.last = next((c for c in reversed(doc.clusters) if c.family == family), doc.last)


_FILLED = ("supplier", "supplier_org", "buyer_org", "category", "quantity", "value", "order_date", "delivery_start",
           "delivery_end", "ordinal")


def _merge_compatible(clusters: list[_Cluster]) -> list[_Cluster]:
    """Two tellings of one acquisition that reading kept apart (a schedule told after another buyer's
    sentence came between) are one record: same buyer and system, and nothing that tells them apart
    (batch, order year, count, variant)."""
    out: list[_Cluster] = []
    for c in clusters:
        into = None if c.typed else next((o for o in out if not o.typed and _same_acquisition(o, c)), None)
        if into is None:
            out.append(c)
            continue
        into.statuses += c.statuses
        for attr in _FILLED:
            if getattr(into, attr) is None:
                setattr(into, attr, getattr(c, attr))
        into.alternatives = into.alternatives or c.alternatives
        into.formal_offer = into.formal_offer or c.formal_offer
    return out


def _same_acquisition(a: _Cluster, b: _Cluster) -> bool:
    if a.buyer != b.buyer or a.family != b.family or not variants_compatible(a.system, b.system):
        return False
    if (a.ordinal or "first") != (b.ordinal or "first"):
        return False  # "a second batch" is a record of its own even beside an order told without a batch
    if a.order_date and b.order_date and a.order_date[:4] != b.order_date[:4]:
        return False
    return a.quantity is None or b.quantity is None or a.quantity == b.quantity


def _fold_short_names(clusters: list[_Cluster]) -> list[_Cluster]:
    """A system first told by a short name ("32 more Black Hawks" in a headline) and then by a full
    name that ends with it ("32 S-70i Black Hawk helicopters") is the same acquisition: the short
    telling's facts fill the gaps of the full one (see _named_by_its_tail for the other order)."""
    if len(clusters) < 2 or not any(c.tail for c in clusters):
        return clusters
    out = []
    for k, c in enumerate(clusters):
        full = None
        if c.tail and not c.typed:
            full = next((o for o in clusters[k + 1:] if o.buyer == c.buyer and o.family != c.family and not o.typed
                         and o.system.endswith(" " + c.tail)
                         and (o.ordinal == c.ordinal or o.ordinal is None or c.ordinal is None)), None)
        if full is None:
            out.append(c)
            continue
        full.statuses = c.statuses + full.statuses
        for attr in ("supplier", "supplier_org", "buyer_org", "quantity", "value", "order_date",
                     "delivery_start", "delivery_end"):
            if getattr(full, attr) is None:
                setattr(full, attr, getattr(c, attr))
        if not full.alternatives:
            full.alternatives = c.alternatives
        full.ordinal = full.ordinal or c.ordinal
    return out


def _named_by_its_tail(doc: _Document, buyer_code: str, hit: SystemHit, family: str, name: str) -> tuple[str, str]:
    """A system already in hand named again by the last words of its name ("S-70i Black Hawk" ...
    "the Black Hawks") is that system, even when the gazetteer files the short name under a sibling
    type.  Two words at least: "Hawk" is not "Black Hawk"."""
    surface = hit.surface[:-1] if hit.surface.endswith("s") and hit.surface[:-1] != hit.system else hit.surface
    if " " not in surface.strip():
        return family, name
    for c in reversed(doc.clusters):
        if c.buyer != buyer_code or c.family == family or c.typed:
            continue
        full = resolve(c.system)
        names = {c.system, full.system} if full else {c.system}
        if any(n.endswith(" " + surface) for n in names):
            return c.family, c.system
    return family, name


# A new clause with its own subject ("and B received ..."), or a subordinate clause of another event
# ("The Gripen purchase comes two years after the United States declined to sell the F-35A").
_NEW_SUBJECT = re.compile(r"(?:;|,?\s+(?:and|while|but|whereas))\s+(?:the\s+)?[A-Z]|"
                          r"\b(?:after|before|since|because|although|though|when)\s+(?:the\s+)?[A-Z]")


# ... unless it is passive: "bought 12 jets from Russia, which were delivered in 2021" tells of the jets
_PASSIVE_RELATIVE = re.compile(r",\s+which\s+(?:were|was|have\s+been|has\s+been|had\s+been|are\s+being|is\s+being)\s+"
                               r"(?:\w+ly\s+|all\s+|then\s+)?(?:\w+ed|built|made|sold|given|shipped|handed)\b", re.I)
# "... from the United States, which arrived in 2021": equipment arrives, a state does not
_ARRIVAL_RELATIVE = re.compile(r",\s+which\s+(?:\w+ly\s+|all\s+|then\s+|finally\s+)?(?:arrived|landed|entered\s+service|"
                               r"began\s+arriving|started\s+arriving|were\s+inducted|went\s+into\s+service)\b", re.I)
# A relative clause after a state or a force: ", which has ordered eight", ", who bought ...".
_RELATIVE_CLAUSE = re.compile(r",\s+(?:(?:\w+\s+){0,2}of\s+)?(?:which|whom|who)\s+[^,;]*")


# A coordinate clause after the system whose subject is a state: ", and Oman has started receiving ..."
_STATE_CLAUSE = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;|\s+(?:while|whereas))\s+(?:the\s+)?(?=[A-Z])")


def _without_others_clause(info: SentenceInfo, cues, hits, i: int, status: str, buyer_code: str,
                           supplier_code: str | None) -> str | None:
    """The hit's stage without the cues of a later coordinate clause whose subject is a third state
    ("Kuwait ordered 28 of the jets in 2016, and Oman has started receiving aircraft from an order for
    12": Oman's deliveries are not Kuwait's), when the hit's own part of the sentence tells a stage."""
    text, hit = info.text, hits[i]
    nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
    for m in _STATE_CLAUSE.finditer(text, hit.end, nxt):
        # (a state's name or capital as the subject; "and the Korean offer prevailed" is about the deal)
        subject = next((c for c in info.countries if c.start == m.end() and c.kind != "demonym"), None)
        if subject is None or subject.alpha3 in (buyer_code, supplier_code):
            continue
        own = status_of(tuple(c for c in cues if c.start < m.start()))
        return own if own is not None else status
    return status


def _without_others_relatives(info: SentenceInfo, cues, hits, i: int, status: str, buyer_code: str) -> str | None:
    """The hit's stage without the cues of a relative clause about another state or force ("Designed for
    the Royal Navy, which has ordered eight, the Type 26 was selected by Norway": Norway's stage is the
    selection).  A hit inside that clause keeps them."""
    text, hit = info.text, hits[i]
    foreign = []
    for m in _RELATIVE_CLAUSE.finditer(text):
        if m.start() <= hit.start < m.end():
            continue
        before = [x for x in (*info.countries, *info.orgs) if x.end <= m.start() and m.start() - x.end <= 2
                  and getattr(x, "alpha3", None)]
        if before and all(x.alpha3 != buyer_code for x in before) and not _PASSIVE_RELATIVE.match(text, m.start()) \
                and not _ARRIVAL_RELATIVE.match(text, m.start()):
            foreign.append((m.start(), m.end()))
        elif any(h is not hit and _family(h.system) != _family(hit.system) and 0 <= m.start() - h.end <= 12 for h in hits):
            foreign.append((m.start(), m.end()))  # "... the X frigates, five of which were handed over in 2006"
    if not foreign:
        return status
    kept = tuple(c for c in cues if not any(a <= c.start < b for a, b in foreign))
    return _hit_status(kept, hits, i, status_of(kept), text)


# Where a coordinate clause begins: ", and last year it ordered", "; the navy received".
_CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|but|while|whereas|yet)|;)\s+")


def _hit_status(cues, hits: list[SystemHit], i: int, status: str | None, text: str | None = None) -> str | None:
    """The stage of one system's own frame when a sentence names several: the cues between the
    previous system and this one, else those after it up to the next one, else the sentence's
    ("terminated its NH90 contract ..., and announced the purchase of six MH-60R")."""
    if status is None:
        return status
    if text is not None:
        # "Romania already operates Piranha V vehicles, and last year it ordered 18 K9s": a clause of its
        # own before the system, when the system's clause tells a stage, is about something else
        lo = hits[i - 1].end if i else 0
        brk = None
        for brk in _CLAUSE_BREAK.finditer(text, lo, hits[i].start):
            pass
        if brk is not None and status_of(cues, brk.end(), strong_only=True) is not None:
            cues = tuple(c for c in cues if c.start >= brk.end())
            status = status_of(cues)
    if len(hits) == 1 or all(h.system == hits[0].system for h in hits):
        return status  # one system, however many times named ("the Type X frigates - the Y class - are ...")
    hit = hits[i]
    own = status_of(cues, hits[i - 1].end if i else 0, hit.start)
    if own is None:
        nxt = hits[i + 1].start if i + 1 < len(hits) else None
        # "A has operated the Gripen since 2011 and B received its first FA-50s": a cue past a new
        # clause with its own subject is the next system's, and this one tells no stage at all
        brk = _NEW_SUBJECT.search(text, hit.end, nxt) if text is not None and nxt is not None else None
        if brk is not None:
            return status_of(cues, hit.end, brk.start())
        own = status_of(cues, hit.end, nxt)
    elif text is not None:
        # "... finally chose the CV90 in 2022 and ordered 152 of them": the last system's subject goes on
        # to a later stage of it; "bought 12 Yak-130s from Russia, delivered in 2021, and is considering the
        # KT-1": so does a participle after a system, up to the clause that leads to the next one
        if i + 1 == len(hits):
            end = None if not _NEW_SUBJECT.search(text, hit.end) else hit.end
        else:
            brk = _CLAUSE_BREAK.search(text, hit.end, hits[i + 1].start)
            end = brk.start() if brk is not None else hit.end
        after = status_of(cues, hit.end, end, strong_only=True) if end is None or end > hit.end else None
        if after is not None and PROCUREMENT_STATUS_RANK[after] > PROCUREMENT_STATUS_RANK[own]:
            own = after
    if own is None and i and text is not None and _SUBORDINATE_SUBJECT.search(text, hits[i - 1].end, hits[i].start):
        return None  # "Athens will buy 20 F-35s, as Turkey waits for F-16s": another subject's clause, no stage
    staged = [c for c in cues if c.stage]
    if own is None and text is not None and staged and all(_describes_a_later_hit(text, c, hits, i) for c in staged):
        # "destroyed a Russian S-400 battery using ATACMS missiles supplied by the US": a participle right
        # after a later system describes that system; this one has no stage
        return None
    return own or status


def _describes_a_later_hit(text: str, cue, hits: list[SystemHit], i: int) -> bool:
    """The cue is a participle right after a system named after hit i ("ATACMS missiles supplied by")."""
    return any(h.end <= cue.start and _PARTICIPLE_AFTER.fullmatch(text, h.end, cue.start) for h in hits[i + 1:])


# "ATACMS missiles ", "K9s ": a head noun at most between the name and the participle (an auxiliary, "were
# all cleared", makes it the verb of the whole subject)
_PARTICIPLE_AFTER = re.compile(r"(?:e?s)?(?:\s+(?!(?:were|was|are|is|have|has|had|been|be|being|will|would|all|both)\b)"
                               r"[a-z][\w-]*)?\s+")
_SUBORDINATE_SUBJECT = re.compile(r",\s+(?:as|while|whereas|although|though|because)\s+(?:the\s+)?[A-Z]")


# "First, ...", "Secondly, ...": an enumeration of the writer's points, not a batch.
_DISCOURSE_ORDINAL = re.compile(r"^\W*(?:First|Second|Third|Fourth|Finally)(?:ly)?,")


def _ordinal(text: str, hit: SystemHit, previous: SystemHit | None, folded: str) -> str | None:
    m = _DISCOURSE_ORDINAL.match(text)
    if m:
        text = " " * m.end() + text[m.end():]
        folded = " " * m.end() + folded[m.end():]
    found = ordinal_near(text, hit, previous, folded)
    if found is None and (_EARLIER_ORDER.search(folded, max(0, hit.start - 60), hit.start)
                          or _PREVIOUS_BEFORE.search(folded, max(0, hit.start - 40), hit.start)):
        # "the ministry earlier bought 16 of them", "the previous LCA contract": an order before the one in hand
        return "earlier"
    return found


_PREVIOUS_BEFORE = folded_pattern(r"\b(?:previous|earlier|prior|former)\s+(?:[\w-]+\s+){0,2}$")
# An order told as earlier than the one in hand: "had earlier bought", "previously ordered".
_EARLIER_ORDER = folded_pattern(r"\b(?:earlier|previously|before that|prior)\s+(?:\w+\s+){0,2}?"
                                r"(?:bought|ordered|purchased|acquired|procured|signed)\b")


def _org_of_supplier(info: SentenceInfo, hit: SystemHit, sup: str | None, org: str | None) -> str | None:
    """A firm of another state than the supplier's is not the supplier's org (a Korean integrator
    offering a US missile): the system's maker then, when it is of the supplier's state."""
    if org is None or sup is None:
        return org
    state = next((o.alpha3 for o in info.orgs if o.name == org and o.alpha3), None)
    if state is None or state == sup:
        return org
    return hit.manufacturer if hit.origin == sup else None


_TO_RECIPIENT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:to|for)\s+(?:the\s+)?$")


def _cues_for(info: SentenceInfo, cues, last: _Cluster | None):
    """The cues of a reference sentence that can be about the deal in hand: not one whose recipient
    is another state ("weapons Bulgaria has donated to Ukraine")."""
    if last is None or not info.countries:
        return cues
    out = []
    for c in cues:
        other = any(0 < h.start - c.end <= 30 and h.alpha3 not in (last.buyer, last.supplier)
                    and _TO_RECIPIENT.fullmatch(info.text, c.end, h.start) for h in info.countries)
        if not other:
            out.append(c)
    return out


def _about_another_deal(info: SentenceInfo, last: _Cluster | None) -> bool:
    """A reference qualified by a state that is not a party to the deal in hand is about another
    deal: "The UAE deal, concluded in 2022", "the vehicles for Ukraine have since been delivered"."""
    if last is None or not (info.countries or info.orgs):
        return False
    verb = ACQUISITION.search(info.folded)
    acting = acting_before(info, verb.start()) if verb else []
    if acting and not {last.buyer, last.supplier} & set(acting) and not _PARTITIVE_OF.search(info.folded):
        # "Separately, Kazakhstan approved the purchase of 12 drones": another state acts, on its own deal
        # ("Malaysia signed for 18 of the jets" takes the deal in hand's system: _read_reference)
        return True
    if not info.countries:
        return False
    m = _REFERENCE.search(info.folded)
    if m is None:
        return False
    lo, hi = m.start(), m.end()
    after = _FOR_STATE.match(info.folded, hi)
    if after:
        hi = after.end()
    for c in info.countries:
        if lo <= c.start and c.end <= hi + 1 and c.alpha3 not in (last.buyer, last.supplier):
            return True
    return False


# "18 of the jets": a part of the systems just told
# ... or the same kind of thing another state bought ("Nigeria bought 12 of the same type in 2018")
# "the same type" / "Other countries, such as Estonia (12 pieces) and Croatia (12), have ordered the gun": the
# system in hand, bought by other states
_SAME = r"\bthe\s+same\b|\bother\s+(?:countries|nations|states|buyers|customers|armies|governments)\b"
_SAME_THING = folded_pattern(_SAME)
_PARTITIVE_OF = folded_pattern(r"\b(?:\d[\d,]*|\w+)\s+of\s+(?:the|those|these)\b|" + _SAME)
_FOR_STATE = folded_pattern(r"\s+(?:for|to|of)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?")


# "Peru already flies 12 FA-50s", "three sent for trials were returned": the fleet in service or
# evaluation units, not the deal in hand.
_FLEET_IN_SERVICE = folded_pattern(r"\b(?:already|operat\w+|flies|flown|fly|in service|existing|retir\w+|fleet|"
                                   r"trials?|evaluat\w+|demonstrat\w+|returned)\b")


def _add_details(doc: _Document, info: SentenceInfo, hits: list[SystemHit]) -> None:
    """A sentence that names the system of the deal in hand without a buying cue ("The package
    covers 45 Hurjets", "three P-3Cs and one P-3N, for close to US$60 million") adds the count
    and the amount that deal still lacks, unless it is about another state."""
    last = doc.last
    if last is None or (last.quantity is not None and last.value is not None and not last.value_is_budget):
        return
    own = [h for h in hits if _family(h.system) == last.family]
    if not own:
        return
    if any(s not in (last.buyer, last.supplier) for s in acting_buyer_states(info)):
        return
    if _FLEET_IN_SERVICE.search(info.folded):
        return
    if last.quantity is None:
        # the count written right before the deal's system is its own, whatever else the sentence lists
        # ("Rabat has asked for 18 HIMARS launchers, along with 40 ATACMS and 36 GMLRS")
        q = quantity_before(info.text, own[0].start)
        if q is not None and len(own) == 1:
            _set_quantity(last, q, None, None, False)
    if len(own) != len(hits):
        return  # an amount in a sentence that lists other systems may be theirs or the package's
    if last.value is None or last.value_is_budget:
        money = next((m for m in (_money_for(info, h, hits) for h in own) if m is not None), None)
        if money is not None:
            _set_value(last, money, amount_role(info.text, money))


def _set_value(c: _Cluster, m: MoneyHit, role: str | None) -> None:
    """The first price found is the value; a budget line only until a price turns up."""
    if c.value is None or (c.value_is_budget and role != "budget"):
        c.value, c.alternatives = value_for_buyer(m, c.buyer), list(m.alternatives)
        c.value_is_budget = role == "budget"
    elif _rounds_to(c.value, new := value_for_buyer(m, c.buyer)) and role != "budget":
        c.value, c.alternatives = new, list(m.alternatives)  # "$1bn deal" then "worth $1.05 billion"


def _rounds_to(old, new) -> bool:
    """`old` is `new` rounded (a headline's "$1bn" for the body's "$1.05 billion"): the same
    currency, within 10 %, and `new` told with more significant digits."""
    if old is None or new is None or old.currency != new.currency or not old.value or old.value == new.value:
        return False
    def digits(v: float) -> int:
        return len(f"{v:.6e}".split("e")[0].replace(".", "").rstrip("0"))
    return abs(new.value - old.value) <= 0.1 * old.value and digits(new.value) > digits(old.value)


def _set_quantity(c: _Cluster, q: int | None, status: str | None, ordinal: str | None, framework: bool,
                  total: bool = False) -> None:
    """A count in a signed or batch frame beats a programme total ("intends to order 1,000 ...");
    the whole of a partitive ("two of the six jets") beats a count of those delivered."""
    if q is None:
        return
    # ... and a count ordered beats a count delivered, which is often a lot of the order ("received their
    # first six Apaches", then "Morocco ordered 24 Apaches in 2020")
    strength = 4 if total else 1 if framework or status in ("planned", None) and not ordinal else \
        3 if status == "ordered" else 2
    if c.quantity is None or strength > c.quantity_strength:
        c.quantity, c.quantity_strength = q, strength


def _set_dates(c: _Cluster, d: _Dates) -> None:
    if d.order and (d.order_strength > c.order_strength or _refines(d.order, c.order_date)):
        c.order_date, c.order_strength = d.order, max(d.order_strength, c.order_strength)
    c.delivery_start = d.start if d.start and _refines(d.start, c.delivery_start) else c.delivery_start or d.start
    c.delivery_end = d.end if d.end and _refines(d.end, c.delivery_end) else c.delivery_end or d.end


def _without_other_states_clauses(info: SentenceInfo, hit: SystemHit, parties: tuple) -> str:
    """The sentence with the clauses that do not hold the hit and name a state other than the deal's
    `parties` (buyer, seller) blanked out."""
    text = info.text
    for a, b in role_cues.clauses(text):
        if not a <= hit.start < b and any(a <= c.start < b and c.alpha3 not in parties for c in info.countries):
            text = text[:a] + " " * (b - a) + text[b:]
    return text


# from one system to the next in one coordinated object: " howitzers and 12 ", " jets, 40 "
# (head nouns before, a count and modifiers after; a name, a date or a verb makes it another clause)
_SHARED_OBJECT = re.compile(r"(?:\s+[a-z][\w-]*){0,3}(?:,\s*(?:and\s+|plus\s+)?|\s+(?:and|plus|as well as)\s+)"
                            r"(?:(?!(?:bought|ordered|signed|sold|received|purchased|acquired|took|got)\b)[a-z\d][\w,-]*\s+){0,3}?")


def _money_for(info: SentenceInfo, hit: SystemHit, hits: list[SystemHit]) -> MoneyHit | None:
    """The amount that belongs to this system: one tied to its category noun ("EUR 3 billion is
    for the frigates"), else the first amount when the system is the one nearest to it.  A loan,
    credit or grant is not a price; a total or a budget line is not given to one of several
    systems named; a budget line is taken only when the sentence gives no price."""
    if not info.money:
        return None
    # "a AED 2.1 billion order for Airbus H225M helicopters": the amount of the system's own deal phrase
    own = next((m for m in info.money if m.end <= hit.start and _AMOUNT_OF.fullmatch(info.text, m.end, hit.start)), None)
    several = len({_family(h.system) for h in hits}) > 1
    if own is not None and amount_role(info.text, own) != "financing":
        later = next((h for h in hits if h.start >= hit.end and _family(h.system) != _family(hit.system)), None)
        if several and later is not None and _SHARED_OBJECT.fullmatch(info.text, hit.end, later.start):
            # "a $1.2 billion contract for 24 K9 howitzers and 12 K10 vehicles": a sum that covers several
            # systems is given to none of them (GUIDELINES: Values)
            return None
        return own
    roles = {id(m): amount_role(info.text, m) for m in info.money}
    usable = [m for m in info.money
              if roles[id(m)] != "financing" and not (several and roles[id(m)] in ("total", "budget"))]
    usable.sort(key=lambda m: roles[id(m)] == "budget")  # stable: prices first, in text order
    tied = [m for m in usable if _category_of_amount(info.text, m) == hit.category]
    if tied:
        return tied[0]
    untied = [m for m in usable if _category_of_amount(info.text, m) is None]
    if not untied:
        return None
    m = untied[0]
    if len(hits) == 1:
        return m
    owner = min(hits, key=lambda h: abs(h.start - m.start))
    if owner.start < m.start:
        owner = _list_head(info, hits, owner)
    return m if owner is hit else None


# from an amount to the system its deal is for: " order for ", " contract with EDGE for 12 "
_AMOUNT_OF = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:contract|order|deal|purchase|agreement)s?\s+(?:with\s+[^,;]{1,40}?\s+)?"
                        r"(?:for|to\s+(?:buy|purchase|acquire))\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?", re.I)
# "a package of eight MQ-9Bs with 300 bombs and 110 Hellfire missiles at $1.96bn": a sum after a
# list of systems belongs to the head of the list, the others being what comes with it.
_LIST_GAP = re.compile(r"^[\w-]*(?:\s+[\w-]+)?\s*,?\s+(?:with|and|plus|as\s+well\s+as|along\s+with|together\s+with|including)\s+"
                       r"(?:[\w-]+\s+){0,6}$", re.I)


def _list_head(info: SentenceInfo, hits: list[SystemHit], hit: SystemHit) -> SystemHit:
    """The first system of the coordinated list `hit` ends, walking back over gaps that join
    systems ("with", "and") and hold no other buying clause, state or amount."""
    i = hits.index(hit)
    while i > 0:
        prev, cur = hits[i - 1], hits[i]
        gap = info.text[prev.end:cur.start]
        if (not _LIST_GAP.match(gap) or ACQUISITION.search(fold(gap))
                or any(prev.end <= c.start < cur.start for c in info.countries)
                or any(prev.end <= m.start < cur.start for m in info.money)):
            break
        i -= 1
    return hits[i]


def _category_of_amount(text: str, m) -> str | None:
    """Category noun that qualifies an amount: "the tank contract is worth X", "X is for the frigates",
    "an X frigate deal"."""
    after = re.match(r"\s*(?:\([^)]*\)\s*)?(?:is|are|was|were)?\s*(?:for|covering|on)\s+(?:the\s+)?(?:\w+\s+)?",
                     text[m.end:m.end + 40])
    if after:
        cat = category_near(text, m.end + after.end(), m.end + after.end(), after=15, before=0)
        if cat:
            return cat
    # "a $1.2-billion frigate contract", "a 2 trillion won tank deal"
    compound = re.match(r"\s*(?:\([^)]*\)\s*)?((?:[\w-]+\s+){1,2}?)(?:contract|deal|order|package|purchase|programme|program)\b",
                        text[m.end:m.end + 50])
    if compound:
        cat = category_near(compound.group(1), 0, 0, after=len(compound.group(1)), before=0)
        if cat:
            return cat
    before = re.search(r"(\w+)\s+(?:contract|deal|order|package|purchase)\s+(?:is\s+|was\s+)?(?:worth|valued at|at|of)?\s*"
                       r"(?:about|around|roughly|some|nearly|approximately)?\s*$", text[max(0, m.start - 50):m.start])
    if before:
        return category_near(before.group(1), 0, 0, after=len(before.group(1)), before=0)
    return None


def _read_reference(doc: _Document, info: SentenceInfo, status: str | None, framework: bool,
                    formal_offer: bool = False) -> None:
    """A sentence about "the contract" / "those jets" / "the second tranche" without a system name.
    `formal_offer`: the sentence's offer cue is a formal one (see _Cluster.formal_offer)."""
    last = doc.last
    if not _refers_to_kind(info, last.category):
        # "... two frigates and 12 drones. The frigates will be built by X": the deal in hand of the kind
        # the reference names, not the last one told
        fits = next((c for c in reversed(doc.clusters) if c.buyer == last.buyer and c is not last
                     and c.category not in (None, "other") and _refers_to_kind(info, c.category)), None)
        if fits is not None:
            doc.last = last = fits
    text = info.text
    target = last
    if last.framework and (_DOCUMENTS.search(info.folded) or _AGREEMENT_NOUN.search(info.folded)):
        # "The documents were signed on Wednesday", "The agreement, signed in Warsaw, ...": the framework just told
        framework = True
        if status == "ordered":
            status = "under_negotiation"
    ordinal = ordinal_in(text)
    if ordinal and _delivery_lot(info, status):
        ordinal = None
    told = _batch_told(doc, info, last)
    if told is not None:
        target = told  # "the 2024 order", "the new batch": a batch of the system in hand already told
    elif ordinal and ordinal != last.ordinal and status:
        target = doc.find(last.buyer, last.family, ordinal, None)
        if target is None or target.ordinal != ordinal:
            target = doc.new(last.buyer, last.family, last.system, ordinal)
            _inherit(target, last, info)
    elif status:
        other = [s for s in acting_buyer_states(info) if s not in (last.buyer, last.supplier) and s not in doc.suppliers]
        if other and _PARTITIVE_OF.search(info.folded):
            if len(other) > 1 and _SAME_THING.search(info.folded):
                _other_buyers_each(doc, info, last, other, status, framework)
                return
            # "Malaysia signed for 18 of the jets": the same type, another buyer
            target = doc.new(other[0], last.family, last.system, None)
            _inherit(target, last, info)
    dates = _dates(info, doc.last_day, framework)
    if status is None and not _SIGNING_WORD.search(info.folded):
        # "Asked on Wednesday whether the contract remained valid": a sentence that tells neither a stage
        # of the deal nor a signing does not date its signing either
        dates.order = None
    _assign_reference_money(doc, info, target)
    q = quantity_in(text, target.category, [(h.start, h.end) for h in info.systems])
    told_as = held_type(info, [target]) if target.typed else None
    if told_as is not None:
        # "to buy 12 high-speed patrol boats from India": the deal in hand's count and seller
        q = type_count(text, told_as.start) if q is None else q
        if target.supplier is None:
            sup, sup_org = type_supplier(info, told_as, len(text))
            if sup is not None and sup != target.buyer:
                target.supplier, target.supplier_org = sup, target.supplier_org or sup_org
    if status or target.quantity is None:
        _set_quantity(target, q, status, ordinal, framework)
    # "the executive contracts were concluded on Friday": a plural reference covers every
    # system the previous sentence named
    plural = target is last and _PLURAL_REFERENCE.search(info.folded) and len(doc.group) > 1
    covered = doc.group if plural else [target]
    if target is last and not plural and len(doc.group) > 1 and _PLURAL_THINGS.search(info.folded):
        # "the vehicles ... have since been delivered" after "30 tanks and 30 fighting vehicles"
        covered = [c for c in doc.group if c.buyer == target.buyer]
    # the seller a sentence about the deal in hand names, whatever stage it tells ("the document was signed by
    # the head of Polish maker X")
    seller = stated_seller(info, target.buyer) if not target.seller_stated and info.orgs else None
    for c in covered:
        c.framework = framework
        _set_dates(c, dates)
        if status:
            c.statuses.append(status)
            c.formal_offer = c.formal_offer or status == "offered" and formal_offer
        if seller is not None and c.buyer == target.buyer:
            _take_stated_seller(c, seller)  # "the deal was signed with Polish maker X"
    doc.last = target


# Where the stretch of one of several buyers ends: the coordination before the next one's name.
_BUYER_BREAK = re.compile(r",\s+(?:and\s+|while\s+)?|\s+(?:and|while|whereas)\s+|;\s*")


def _other_buyers_each(doc: _Document, info: SentenceInfo, last: _Cluster, others: list[str], status: str,
                       framework: bool) -> None:
    """Several other buyers of the system in hand in one sentence each get the count, amount and dates
    of their own stretch ("after the UAE's $3.5bn purchase of the system in 2022 and a $3.2bn Saudi
    order signed in February"): a stretch ends at the coordination before the next buyer's name."""
    text = info.text
    places = [(start, code) for start, code in acting_buyer_places(info) if code in others]
    bounds = []
    for k, (start, _) in enumerate(places):
        nxt = places[k + 1][0] if k + 1 < len(places) else None
        end = len(text)
        if nxt is not None:
            brk = None
            for brk in _BUYER_BREAK.finditer(text, start, nxt):
                pass
            end = brk.start() if brk is not None else nxt
        bounds.append(end)
    lo = 0
    for (start, code), hi in zip(places, bounds):
        target = doc.new(code, last.family, last.system, None)
        _inherit(target, last, info)
        _set_dates(target, _dates(info, doc.last_day, framework, (0, lo, hi, len(text) + 1)))
        money = next((m for m in info.money if lo <= m.start < hi and amount_role(text, m) != "financing"), None)
        if money is not None:
            _set_value(target, money, amount_role(text, money))
        _set_quantity(target, own_count(info, code) or quantity_in(text[lo:hi], target.category), status, None, framework)
        target.statuses.append(status)
        target.framework = framework
        doc.last = target
        lo = hi


def _batch_told(doc: _Document, info: SentenceInfo, last: _Cluster) -> _Cluster | None:
    """The batch of the system in hand a reference names by its year ("the 2024 order") or as
    the newest ("the new batch", "the latest contract"), when the article told several."""
    batches = [c for c in doc.clusters if c.buyer == last.buyer and c.family == last.family]
    if len(batches) < 2:
        return None
    m = _YEAR_BATCH.search(info.folded)
    if m is not None:
        dated = [c for c in batches if (c.order_date or "")[:4] == m.group(1)]
        return dated[0] if len(dated) == 1 else None
    if _NEWEST_BATCH.search(info.folded):
        later = [c for c in batches if c.ordinal not in (None, "first", "existing", "earlier")]
        if len(later) == 1:
            return later[0]
        if all(c.order_date for c in batches):  # no batch told as a later one: the newest order
            newest = max(batches, key=lambda c: c.order_date)
            return newest if sum(c.order_date[:4] == newest.order_date[:4] for c in batches) == 1 else None
    return None


# "the 2024 order", "the 2017 K9 contract"
_YEAR_BATCH = folded_pattern(r"\b(?:the|its|their|that)\s+((?:19|20)\d\d)\s+(?:[\w-]+\s+)?(?:order|contract|deal|purchase|batch|tranche)\b")
# "the new batch", "the latest order", "the follow-on contract"
_NEWEST_BATCH = folded_pattern(r"\b(?:the|this)\s+(?:new|newest|latest|follow-on|additional)\s+(?:[\w-]+\s+)?(?:batch|tranche|order|contract|lot)\b")


def _take_stated_seller(c: _Cluster, seller: tuple[str, str | None] | None) -> None:
    """A seller the text ties to its state replaces one taken from the design's origin (a state dealt with,
    told without its firm, keeps the firm known)."""
    if seller is not None:
        c.supplier, c.supplier_org, c.seller_stated = seller[0], seller[1] or c.supplier_org, True


def _inherit(c: _Cluster, source: _Cluster, info: SentenceInfo) -> None:
    """A batch or buyer named by reference takes the system's facts; its evidence is its own sentence."""
    c.supplier, c.supplier_org, c.category = source.supplier, source.supplier_org, source.category
    c.buyer_org = source.buyer_org if source.buyer == c.buyer else None
    c.best = (0, info)


def _assign_reference_money(doc: _Document, info: SentenceInfo, target: _Cluster) -> None:
    """Each amount goes to the cluster its category noun names ("the howitzer contract about
    USD 2.4 billion"); an unqualified amount goes to the cluster the sentence refers to.  A loan,
    credit or grant is no cluster's value, a total none when the document has several deals, and
    a budget line only when the sentence gives no price."""
    if not info.money:
        return
    # "The counter-drone system had been approved at $1bn" is not about the missiles in hand
    untied_used = not _refers_to_kind(info, target.category)
    several = len(doc.clusters) > 1
    roles = {id(m): amount_role(info.text, m) for m in info.money}
    ordered = sorted(info.money, key=lambda m: roles[id(m)] == "budget")  # stable: prices first
    for m in ordered:
        role = roles[id(m)]
        if role == "financing":
            continue
        # the aggregate word must be in this amount's clause, not a neighbour's ("EUR 4 billion
        # together, of which EUR 3 billion is for the frigates")
        lo = max([n.end for n in info.money if n.end <= m.start] + [m.start - 40, 0])
        before = info.folded[lo:m.start]
        lo += max(before.rfind(","), before.rfind(";")) + 1  # from the clause's start (-1: none)
        hi = min([n.start for n in info.money if n.start >= m.end] + [m.end + 15])
        if several and (role == "total" or _AGGREGATE.search(info.folded[lo:hi])):
            continue
        cat = _category_of_amount(info.text, m)
        owner = None
        if cat:
            owner = next((c for c in reversed(doc.clusters) if c.category == cat), None)
        if owner is None:
            if cat or untied_used:
                continue
            owner, untied_used = target, True
        if owner.value is None or (owner.value_is_budget and role != "budget") \
                or _rounds_to(owner.value, value_for_buyer(m, owner.buyer)):
            _set_value(owner, m, role)
        elif m.value.currency != owner.value.currency and m.value not in owner.alternatives:
            owner.alternatives.append(m.value)


# Categories a noun phrase may use for the same equipment ("the aircraft" for fighters,
# "the launchers" for an air-defence system): a reference of another group names something else.
_KIND_GROUPS = (
    {"combat_aircraft", "trainer_aircraft", "transport_aircraft"}, {"helicopter"}, {"uav"},
    {"armoured_vehicle", "tank", "artillery", "air_defence"}, {"missile", "air_defence"},
    {"naval_vessel", "submarine"}, {"radar_sensor", "air_defence"}, {"small_arms"},
)


def _refers_to_kind(info: SentenceInfo, category: str | None) -> bool:
    """The sentence's reference phrase ("the frigates", "this counter-drone system") names no
    kind of equipment, or one that fits `category`."""
    ref = _REFERENCE.search(info.folded)
    if ref is None or category in (None, "other"):  # "other" (patrol aircraft, torpedoes...) fits any noun
        return True
    kind = category_near(info.text[ref.start():ref.end()], 0, 0, after=ref.end() - ref.start(), before=0)
    return kind is None or any(kind in g and category in g for g in _KIND_GROUPS)


def _status(c: _Cluster, published: str | None = None) -> str:
    """The most advanced stage told; a bare offer gives way to the buyer's approval to buy (see
    _Cluster.formal_offer); deliveries whose first one is dated after the report have not begun
    ("signed in March, with deliveries in Q3 2026"): the deal is ordered."""
    status = max(c.statuses, key=lambda x: PROCUREMENT_STATUS_RANK[x])
    if status == "offered" and not c.formal_offer and "planned" in c.statuses:
        return "planned"
    if status == "delivered" and c.delivery_start and published and c.delivery_start > published[:len(c.delivery_start)]:
        return "ordered"
    return status


def _mention(ctx: DocContext, c: _Cluster) -> ProcurementMention:
    s = c.best[1].sentence
    return ProcurementMention(
        buyer_country=c.buyer, system=c.system,
        status=_status(c, ctx.published),
        evidence=Evidence(ctx.doc_id, s.text, s.start, s.end),
        supplier_country=c.supplier, buyer_org=c.buyer_org, supplier_org=c.supplier_org,
        category=c.category, quantity=c.quantity, value=c.value, value_alternatives=c.alternatives,
        order_date=c.order_date, delivery_start=c.delivery_start, delivery_end=c.delivery_end)
