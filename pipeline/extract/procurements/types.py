"""Procurements of systems named only by their type ("interceptor boats", "light combat
aircraft"): which type phrases of a sentence are objects of an acquisition, their supplier,
and when a type phrase is only another name for a system the article names.

Split out of procurements.py, which calls these while it reads an article's sentences."""
from __future__ import annotations

import re
from typing import Iterable, Protocol

from ..document import SentenceInfo
from ..prefilter import fold, folded_pattern
from .cues import ACQUISITION, FRAMEWORK, is_bystander, mask_negated
from ..status import stage_cues, status_of
from ..system_types import find_types, specific_head, type_gate
from ..role_cues import APPOSITION, APPOSITION_NOUNS, RELATIVE_OPEN, supplier_side
from ..systems import SystemHit

# Categories a type word can blur ("missiles" for an air-defence system, "aircraft" for fighters):
# a type phrase of a group a named system of the article belongs to is taken to be that system.
_CATEGORY_GROUP = {"combat_aircraft": "aircraft", "trainer_aircraft": "aircraft", "transport_aircraft": "aircraft",
                   "missile": "missile", "air_defence": "missile", "naval_vessel": "ship", "submarine": "ship"}


class _Typed(Protocol):
    category: str | None
    typed: bool


def category_group(category: str | None) -> str | None:
    """The group of categories a type word cannot tell apart (see _CATEGORY_GROUP)."""
    return _CATEGORY_GROUP.get(category, category)


def type_objects(info: SentenceInfo, held: Iterable[_Typed], reference: re.Pattern | None) -> list[SystemHit]:
    """Systems named only by type ("interceptor boats") in a sentence that names no system and
    reports a stage; a type of the category of a system already in hand (`held`) refers to it
    ("the 18 light combat aircraft"), so it is no new system.  `reference`: the pattern of a
    reference to the deal in hand when there is one (None otherwise)."""
    if not type_gate().in_(info.folded) or FRAMEWORK.search(info.folded):
        return []  # no type word; or a memorandum, which concerns named programmes, not bare types
    taken = tuple((c.start, c.end) for c in info.countries) + tuple((o.start, o.end) for o in info.orgs)
    # (a type of a kind no deal in hand has may be told first with "the two ...": held is checked below)
    found = find_types(info.text, info.folded, taken, counted_the=True)  # cheaper than the stage cues, and most often empty
    if not found:
        return []
    if not _acquisition(info.text) and (info.intro is None or not _acquisition(info.intro.text)):
        return []  # ... unless it is an item of a list whose lead tells the stage ("signed three contracts:")
    held = list(held)
    groups = {category_group(c.category) for c in held}
    if reference is not None:
        ref = reference.search(info.folded)
        if ref is not None:
            # "The order will also include longer-range missiles": a part of the deal in hand
            # ... but a deal defined by the type it buys names its own object ("headed by the purchase
            # of 24 Caracal helicopters"), as no reference to another deal does; and units of a kind no
            # deal in hand is of refer to none ("Two helicopters will also be bought" after a tank deal)
            found = [h for h in found if h.start < ref.start() or _OWN_OBJECT.fullmatch(info.folded, ref.end(), h.start)
                     or ref.start() <= h.start < ref.end() and category_group(h.category) not in groups]
    relative = RELATIVE_OPEN.search(info.text, found[0].end) if len(found) > 1 else None
    if relative is not None:
        # "cleared mines, vessels and gun mounts, which would reduce the risks faced by merchant ships": a type
        # in a relative clause after the list describes, it is not bought
        found = [h for h in found if h.start < relative.start()]
    out, previous = [], None
    for h in found:
        maker = _MAKER_CLAUSE.search(info.folded, max(0, h.start - 60), h.end)
        if maker is not None and not _CLAUSE_BREAK.search(info.folded, maker.end(), h.start):
            previous = h
            continue  # "Hanwha, which makes the launchers and launcher vehicles": a firm's line, not an order
        if (category_group(h.category) not in groups or _another_type(h, held)) \
                and not is_bystander(info.text, h, previous, info.folded):
            out.append(h)
        previous = h
    return out


def _another_type(h: SystemHit, held: list) -> bool:
    """A type named by its own head ("12 minesweepers") beside deals of its kind told only by type and
    none of that head ("mine countermeasure vessels", "autonomous vessels") is another acquisition."""
    head = specific_head(h.system)
    if head is None:
        return False
    kind = [c for c in held if category_group(c.category) == category_group(h.category)]
    return all(c.typed for c in kind) and all(specific_head(c.system) != head for c in kind)


def held_type(info: SentenceInfo, held: Iterable[_Typed]) -> SystemHit | None:
    """The type phrase by which the sentence tells an acquisition of the kind of a deal in hand
    ("Vietnam buys Indian patrol boats" ... "Vietnam has signed a contract to buy 12 high-speed patrol
    boats"): it tells that deal, which type_objects leaves out as no new system."""
    if not type_gate().in_(info.folded) or FRAMEWORK.search(info.folded) or not _acquisition(info.text):
        return None
    groups = {category_group(c.category) for c in held}
    taken = tuple((c.start, c.end) for c in info.countries) + tuple((o.start, o.end) for o in info.orgs)
    return next((h for h in find_types(info.text, info.folded, taken) if category_group(h.category) in groups), None)


# "the purchase of 24 ", "the contract for two new ": the words between a deal noun and the type it buys
_OWN_OBJECT = re.compile(r"\s+(?:of|for|covering)\s+(?:an?\s+)?(?:\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+){0,2}")
# A relative clause telling what a firm makes: the types in it describe the firm.
_MAKER_CLAUSE = folded_pattern(r"\b(?:which|that|who)\s+(?:also\s+)?(?:makes|builds|produces|manufactures|designs|develops)\b")
_CLAUSE_BREAK = re.compile(r"[,;:.()]")


def drop_types_named_elsewhere(clusters: list) -> list:
    """A type phrase told before the article names the system ("an order for medium-range missile
    systems ... The order covers the X") is that system, not another acquisition."""
    named = {category_group(c.category) for c in clusters if not c.typed}
    return [c for c in clusters if not c.typed or category_group(c.category) not in named or getattr(c, "own_batch", False)]


_APPOSITION_NOUN = re.compile(r"\s+" + APPOSITION_NOUNS + r"\s", re.I)


def type_supplier(info: SentenceInfo, hit: SystemHit, until: int) -> tuple[str | None, str | None]:
    """Supplier of a type named in a list ("interceptor boats from Turkey's Yonca-Onuk, ..."): a
    state or firm named in its own stretch of the list, up to the next system."""
    # (a firm: "for the Uruguayan Navy" names the receiver's force, not a seller)
    firm = next((o for o in info.orgs if hit.end <= o.start < until and o.alpha3 and o.kind == "firm"), None)
    # "four corvettes for Saudi Arabia": a state after "for"/"to" receives, it does not supply
    stretch = [c for c in info.countries if hit.end <= c.start < until and c.kind != "capital"]
    receivers = {c.alpha3 for c in stretch if _RECEIVER_BEFORE.search(info.text, max(0, c.start - 30), c.start)}
    # ... and a demonym that qualifies the receiver's apposition ("to Russian ally Serbia") supplies nothing
    stretch = [c for c in stretch if not (c.kind == "demonym" and _APPOSITION_NOUN.match(info.text, c.end))]
    state = next((c.alpha3 for c in stretch if c.alpha3 not in receivers), None)
    if state is None and firm is None and receivers:
        # "A Spanish shipyard will build four corvettes for X": the maker told before the type
        # (the nearest such maker: "the Uruguayan government ended its contract with the Spanish shipyard
        # Cardama for two patrol vessels for the Uruguayan Navy")
        state = next((c.alpha3 for c in reversed(info.countries) if c.end <= hit.start and supplier_side(info, c)
                      and c.alpha3 not in receivers), None)
    return state or (firm.alpha3 if firm else None), firm.name if firm else None


# (an apposition may stand between: "to Russian ally Serbia", "to its partner India")
_RECEIVER_BEFORE = re.compile(r"\b(?:for|to)\s+(?:the\s+)?" + APPOSITION + "$", re.I)


def _acquisition(text: str) -> bool:
    """The text reports a stage of an acquisition."""
    cue_text = mask_negated(text)
    cues = stage_cues(cue_text)
    return status_of(cues) is not None and (ACQUISITION.search(fold(cue_text)) is not None or any(c.frame for c in cues))
