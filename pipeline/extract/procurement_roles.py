"""Buyer and supplier of a procurement mention.

Supplier: the state that hands over its own equipment ("Australia handed four C-130H to
..."), else the system's origin, a firm's state, or the state after "from".
Buyer, in order of evidence: the recipient after "to"/"for" in the system's own clause
("deliver 18 jets to the Royal Malaysian Air Force"); an armed-forces organisation; the
first acting state (a country or a public body, never a firm: Lockheed Martin's F-16 does
not make the USA a buyer); else the document's main state that supplies nothing.
"""
from __future__ import annotations

import re

from .context import DocContext, SentenceInfo
from .countries import is_venue
from .procurement_cues import GIVING
from .systems import SystemHit

_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
_RECIPIENT_BEFORE = re.compile(r"(?:\b(?:to|for)|\b(?:ordered|bought|purchased|acquired|procured|operated|flown|used)\s+by)"
                               r"\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?$")
# A relative clause or a new clause starts another event: "artillery that Poland has sent to Ukraine".
_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|whose|while|whereas|but|after|before|when)\b|[;:]")
_PUBLIC_KINDS = {"armed_forces", "ministry", "agency", "government_body"}


def supplier(info: SentenceInfo, hit: SystemHit, buyer: str | None = None) -> tuple[str | None, str | None]:
    """(supplier state, supplier org) for a system mention."""
    firm = None
    for o in info.orgs:
        if o.kind == "firm":
            firm = o
            if hit.manufacturer and o.name == hit.manufacturer:
                break
    state = _giver(info, hit, buyer) or hit.origin or (firm.alpha3 if firm else None)
    for c in info.countries:
        if _FROM.search(info.text[max(0, c.start - 12):c.start]):
            state = state or c.alpha3
    if state is None:
        # demonym or name right before the system: "Korean FA-50 jets", "French frigates"
        for c in info.countries:
            if c.kind in ("demonym", "name") and 0 <= hit.start - c.end <= 25:
                state = c.alpha3
    org = firm.name if firm else hit.manufacturer
    return state, org


def _giver(info: SentenceInfo, hit: SystemHit, buyer: str | None) -> str | None:
    """The state that gives/sells its own equipment: the acting state before the giving verb."""
    verb = GIVING.search(info.folded)
    if verb is None or buyer is None:
        return None
    for c in info.countries:
        if c.end <= verb.start() and c.alpha3 != buyer and c.kind != "capital" and c.end <= hit.start:
            return c.alpha3
    return None


def _recipient(info: SentenceInfo, hit: SystemHit, excluded: set[str]) -> tuple[str, str | None] | None:
    text = info.text
    candidates = [(c.start, c.alpha3, c) for c in info.countries if c.kind != "capital"]
    candidates += [(o.start, o.alpha3, o) for o in info.orgs if o.alpha3 and o.kind in _PUBLIC_KINDS]
    for start, code, _ in sorted(candidates, key=lambda x: x[0]):
        if code in excluded or not _RECIPIENT_BEFORE.search(text[max(0, start - 22):start]):
            continue
        lo, hi = sorted((hit.end, start))
        if hi - lo > 110 or _CLAUSE_BREAK.search(text[lo:hi]):
            continue
        return code, _armed_forces(info, code)
    return None


def _armed_forces(info: SentenceInfo, code: str) -> str | None:
    return next((o.name for o in info.orgs if o.alpha3 == code and o.kind == "armed_forces"), None)


def acting_buyer_states(info: SentenceInfo) -> list[str]:
    """States that can be a buyer, in text order: countries that are not venues or sources
    ("bought from China"), plus public bodies; firms are sellers, never buyers."""
    items: list[tuple[int, str]] = []
    for c in info.countries:
        if is_venue(info.text, c) or _FROM.search(info.text[max(0, c.start - 12):c.start]) or _in_a_name(info.text, c):
            continue
        items.append((c.start, c.alpha3))
    items += [(o.start, o.alpha3) for o in info.orgs if o.alpha3 and o.kind in _PUBLIC_KINDS]
    out: list[str] = []
    for _, code in sorted(items):
        if code not in out:
            out.append(code)
    return out


def _in_a_name(text: str, c) -> bool:
    """"the Singapore Airshow", "the Korean Peninsula": a state's name inside another proper name."""
    return (text[max(0, c.start - 4):c.start].lower() == "the "
            and bool(re.match(r"\s[A-Z][a-z]", text[c.end:c.end + 3])))


def buyer(ctx: DocContext, info: SentenceInfo, hit: SystemHit, supplier_state: str | None,
          doc_suppliers: set[str]) -> tuple[str | None, str | None, bool]:
    """(buyer state, buyer org, stated): `stated` is False when the buyer comes from the document."""
    excluded = {supplier_state} if supplier_state else set()
    rec = _recipient(info, hit, excluded)
    if rec:
        return rec[0], rec[1], True
    for o in info.orgs:
        if o.kind == "armed_forces" and o.alpha3 and o.alpha3 not in excluded:
            return o.alpha3, o.name, True
    for code in acting_buyer_states(info):
        if code not in excluded:
            return code, _armed_forces(info, code), True
    code = document_buyer(ctx, excluded | doc_suppliers)
    return code, None, False


def document_buyer(ctx: DocContext, excluded: set[str]) -> str | None:
    """The most mentioned state that is not a supplier in this document."""
    return next((c for c in ctx.main_states(5) if c not in excluded), None)


def document_suppliers(ctx: DocContext) -> set[str]:
    """States that supply something in the document: the origins of the systems it names (not
    every firm's state: a buyer's own shipyard may build under licence)."""
    out: set[str] = set()
    for k in sorted(ctx.sentences_with_systems()):
        out.update(h.origin for h in ctx.sentences[k].systems if h.origin)
    return out
