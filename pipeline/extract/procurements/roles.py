"""Buyer and supplier of a procurement mention, assigned by construction (see role_cues).

Supplier, in order of evidence: the state that gives, sells or exports ("India handed over the
submarine ...", "Pakistan delivered JF-17s to Azerbaijan"); the source after an acquisition verb
("bought from Norway": for used equipment the seller, not the maker); the firm dealt with when
the text ties it to its state ("a contract with Poland's PZL Mielec"); the system's origin; the
place it was built; a firm's state; a demonym before the system.
Buyer, in order of evidence: the recipient ("to"/"for"/"supply X with") in the system's own
clause; an armed-forces organisation, then the first acting state, in the hit's clause first,
then in the sentence (never a firm, an operator, a rival, a funder, a denier, a speaker or the
seller's side); the supplier's own state for a domestic order; else the document's main state
that supplies nothing.  States coordinated with the buyer as subject buy too (co_buyers).
"""
from __future__ import annotations

import re

from pipeline.text.calendar import FULL_MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS

from ..document import DocContext, SentenceInfo
from ..organisations import manufacturer_country
from ..countries import is_venue
from .cues import ACQUISITION, is_bystander
from ..quantities import NUMBER_WORDS
from ..role_cues import (about_export, pattern as cue_pattern, built_place, clause_of, domestic_marker, giver, gives_its_own, giving_verb,
                         new_subject_clause,
                        lists_operators, not_buyer, per_sentence, RELATIVE_OPEN, supplied_with, supplier_side, tallies_sales)
from ..role_cues import APPOSITION, APPOSITION_NOUNS, cues as cue_pattern_words, names_a_firm_after, opening_clause_end, ruled_out as rules_out
from ..systems import SystemHit

# ... also when a firm's name comes first and the state closes it ("from MBDA France", "from Airbus Spain")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?-i:[A-Z][\w&.-]*)\s+)?$", re.I)
_RECIPIENT_BEFORE = re.compile(r"(?:\b(?:to|for)|\b(?:ordered|bought|purchased|acquired|procured|operated|flown|used)\s+by|"
                               # the seller's side: "wins a tank order from Slovakia" (the noun, not "ordered from")
                               r"\b(?:order|orders|contract|contracts)\s+from|"
                               # a double object: "will give Ukraine 20 tanks", "sold Kyiv ten jets"
                               r"\b(?:give|gives|gave|giving|send|sends|sent|sending|sell|sells|sold|selling|lend|lends|lent|"
                               r"offer|offers|offered|hand|hands|handed|grant|grants|granted))"
                               r"\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?"
                               # an apposition before the name: "to Russian ally Serbia", "to its close partner India"
                               + APPOSITION + "$")
_APPOSITION_AFTER = re.compile(r"\s+" + APPOSITION_NOUNS + r"\s+", re.I)
_OWNED = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}")  # "the Royal Navy's (new) "
_FOR_OR_TO = re.compile(r"\b(?:for|to)\s+(?:the\s+)?$", re.I)
_CUSTOMER_FROM = re.compile(r"\b(?:order|orders|contract|contracts)\s+from\s+(?:the\s+)?$", re.I)
# A relative clause or a new clause starts another event: "artillery that Poland has sent to Ukraine".
_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|whose|while|whereas|but|after|before|when)\b|[;:]")
_PUBLIC_KINDS = {"armed_forces", "ministry", "agency", "government_body"}


def _per_hit(f):
    """Memoise f(info, hit, *args) for the sentences being read, as role_cues.per_sentence does:
    document_suppliers asks the same (sentence, hit) questions that reading the sentence asks
    again.  Keyed by the SentenceInfo object (held, so its id is not reused) and the arguments;
    a SentenceInfo's mentions never change after analyse."""
    memo: dict[tuple, tuple] = {}

    def wrapper(info, hit, *args):
        key = (id(info), hit, *args)
        found = memo.get(key)
        if found is not None and found[0] is info:
            return found[1]
        if len(memo) > 512:
            memo.clear()
        value = f(info, hit, *args)
        memo[key] = (info, value)
        return value
    wrapper.cache_clear = memo.clear
    wrapper.__doc__ = f.__doc__
    return wrapper


def supplier(info: SentenceInfo, hit: SystemHit, buyer: str | None = None,
             ctx: DocContext | None = None) -> tuple[str | None, str | None]:
    """(supplier state, supplier org) for a system mention.  In order of evidence: the state
    that gives or sells ("India handed over ..."); the source after an acquisition verb ("bought
    from Norway", "received from the Belgian Army": for used equipment, the seller, not the
    maker); the firm the deal is made with ("a contract with Poland's PZL Mielec": a
    licence-builder presented as the seller); the place it was built ("built in the
    Netherlands"); the system's origin; any firm; a demonym right before the system."""
    if buyer is None and ctx is None:
        return _sentence_supplier(info, hit)
    return _supplier(info, hit, buyer, ctx)


def _supplier(info: SentenceInfo, hit: SystemHit, buyer: str | None, ctx: DocContext | None) -> tuple[str | None, str | None]:
    firm = None
    for o in info.orgs:
        if o.kind == "firm" and not _PARTNER_IN_MAKING.search(info.text, max(0, o.start - 60), o.start):
            firm = o
            if hit.manufacturer and o.name == hit.manufacturer:
                break
    counterpart = _counterpart_firm(info, hit)
    if counterpart is not None:
        firm = counterpart
    given = giver(info, hit)
    if given is None and ctx is not None and gives_its_own(info, hit):
        # "The previous government handed the country's only S-300 to Ukraine": the article's state
        given = next((c for c in ctx.main_states(2) if c != buyer), None)
    # the firm dealt with beats the design's origin only when the text ties it to its state
    # ("Poland's PZL Mielec", "Italian defence group Leonardo") or the origin is unknown
    tied = counterpart is not None and counterpart.alpha3 != buyer and (
        hit.origin is None or _tied(info, counterpart) or ctx is not None and _tied_in_document(ctx, counterpart.name))
    # "signed a contract with Larsen & Toubro for 100 K9 Vajra guns": the buyer's own firm the contract
    # is made with sells what it builds under licence (GUIDELINES: the licensee presented as the seller)
    licensee = counterpart is not None and buyer is not None and counterpart.alpha3 == buyer \
        and _DEAL_WITH.search(info.text, max(0, counterpart.start - 60), counterpart.start) is not None \
        and counterpart.end <= hit.start and _FIRM_FOR.fullmatch(info.text, counterpart.end, hit.start) is not None
    state = (given if given != buyer else None) or _source(info, hit, buyer) or _dealt_with(info, hit, buyer) \
        or (counterpart.alpha3 if tied or licensee else None) or _used_from(info, hit) or _made_before(info, hit) or hit.origin \
        or _built_in(info, hit, buyer) or (firm.alpha3 if firm else None) or manufacturer_country(hit.manufacturer)
    lo, hi = _stretch(info, hit)
    for c in info.countries:
        if lo <= c.start < hi and _FROM.search(info.text[max(0, c.start - 12):c.start]) \
                and not _CUSTOMER_FROM.search(info.text[max(0, c.start - 30):c.start]):
            state = state or c.alpha3
    if state is None:
        # demonym or name right before the system: "Korean FA-50 jets", "French frigates"
        # (a demonym, or a name the seller's side marks: "Norway terminated its NH90 contract" is the buyer)
        for c in info.countries:
            if 0 <= hit.start - c.end <= 25 and (c.kind == "demonym" and _NEXT_TO.match(info.text, c.end, hit.start)
                                                  and not _FLEET_NOUN_AFTER.match(info.text, hit.end)
                                                  or c.kind == "name" and supplier_side(info, c)):
                state = c.alpha3
    org = firm.name if firm else hit.manufacturer
    return state, org


# "the Spanish Eurofighter fleet": a state's adjective before a fleet names its operator, not the seller
_FLEET_NOUN_AFTER = re.compile(r"s?\s+(?:fleets?|inventory|squadrons?)\b", re.I)


def _used_from(info: SentenceInfo, hit: SystemHit) -> str | None:
    """The former owner of used equipment named by its adjective ("12 used Qatari Mirage 2000-5 jets",
    "second-hand Danish F-16s"): it sells them (GUIDELINES: for used equipment, the seller, not the maker)."""
    text = info.text
    for c in info.countries:
        if c.kind == "demonym" and 0 <= hit.start - c.end <= 25 and _NEXT_TO.fullmatch(text, c.end, hit.start) \
                and _USED_BEFORE.search(text, max(0, c.start - 20), c.start):
            return c.alpha3
    return None


def _made_before(info: SentenceInfo, hit: SystemHit) -> str | None:
    """The state of a "<demonym>-made / -built" right before the system ("32 Polish-made Black Hawk
    helicopters"): where this batch is made, which beats the design's origin (GUIDELINES: a
    licence-builder's own state when the text presents it as the source)."""
    text = info.text
    for c in info.countries:
        if c.kind != "demonym" or not 0 <= hit.start - c.end <= 30:
            continue
        suffix = next((s for s in cue_pattern_words("supplier_suffix") if text.startswith(s, c.end)), None)
        if suffix is not None and _NEXT_TO.fullmatch(text, c.end + len(suffix), hit.start):
            # (not the buyer's own: "Poland is considering Polish-made Black Hawks" keeps Poland the buyer)
            return c.alpha3 if c.alpha3 not in acting_buyer_states(info) else None
    return None


@_per_hit
def _sentence_supplier(info: SentenceInfo, hit: SystemHit) -> tuple[str | None, str | None]:
    """supplier() from the sentence alone (no buyer known, no document)."""
    return _supplier(info, hit, None, None)


# An acquisition verb whose source follows "from": "bought from", "ordered ... from", "received ... from".
_SOURCE_VERB = re.compile(r"\b(?:bought|buy\w*|purchas\w+|order\w*|acqui\w+|procur\w+|receiv\w+|leas\w+|import\w*|"
                          r"took delivery|take delivery|second-hand|secondhand|used|surplus|transfer\w*)\b", re.I)
_NEXT_TO = re.compile(r"(?:-\w+)?\s+(?:[\w-]+\s+){0,2}$")
_OTHER_EVENT = re.compile(r"\b(?:after|before|following|during|while|when|since)\b|[;:]", re.I)
# "which India's DRDO developed jointly with Russia's NPO": a partner in making the design, not the seller
_PARTNER_IN_MAKING = re.compile(r"\b(?:developed|designed|built|produced|made|co-developed|co-produced)\s+(?:\w+\s+)?"
                                r"(?:jointly\s+|together\s+)?(?:with|by)\s+(?:[^,;.]{0,30}\s)?$", re.I)
# "12 used Qatari Mirage 2000-5s", "second-hand Danish F-16s": used equipment is sold by its former owner
_USED_BEFORE = re.compile(r"\b(?:used|second-hand|secondhand|surplus|ex-service|former|retired)\s+$", re.I)
_COUNTERPART_BEFORE = re.compile(r"\b(?:from|with|by)\s+(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+|[A-Z][a-z]+\s+(?:company|firm|group|"
                                 r"manufacturer|maker|shipbuilder|shipyard|contractor)\s+)?$")


def _stretch(info: SentenceInfo, hit: SystemHit) -> tuple[int, int]:
    """The part of the sentence that belongs to the hit: from the previous system's end (at most
    90 characters back) to the next system's start."""
    lo, hi = max(0, hit.start - 90), len(info.text)
    for h in info.systems:
        if h.end <= hit.start:
            lo = max(lo, h.end)
        elif h.start > hit.start:
            hi = min(hi, h.start)
            break
    return lo, hi


def _source(info: SentenceInfo, hit: SystemHit, buyer: str | None) -> str | None:
    """The state (or a state's armed force) after "from" that an acquisition verb points to."""
    text = info.text
    lo, hi = _stretch(info, hit)
    items = [(c.start, c.alpha3) for c in info.countries if not is_venue(text, c)]
    items += [(o.start, o.alpha3) for o in info.orgs if o.alpha3 and o.kind in _PUBLIC_KINDS]
    # the system's own "from" phrase after it first: one before it may close the previous system's
    # ("buy the IRIS-T from Germany's Diehl, purchase the VL MICA from MBDA France")
    for start, code in sorted(items, key=lambda item: (item[0] < hit.end, item[0])):
        if not lo <= start < hi or code == buyer:
            continue
        if not _FROM.search(text[max(0, start - 12):start]) or _CUSTOMER_FROM.search(text[max(0, start - 30):start]):
            continue
        verbs = list(_SOURCE_VERB.finditer(text, max(lo, start - 90), start))
        # "took delivery ... after a ferry flight from Norway": the source belongs to another event
        if verbs and not _OTHER_EVENT.search(text, verbs[-1].end(), start):
            return code
        # "six A-29 aircraft from the United States landed": the system's own phrase names its source
        if hit.end <= start and _FROM_IN_PHRASE.fullmatch(text, hit.end, start):
            return code
    return None


def _dealt_with(info: SentenceInfo, hit: SystemHit, buyer: str | None) -> str | None:
    """The state a known buyer signs the deal with: "Peru signed a contract with Brazil for 12
    jets" (for used equipment the seller, not the maker, as after "from")."""
    if buyer is None:
        return None
    text = info.text
    lo, hi = _stretch(info, hit)
    for c in info.countries:
        if not lo <= c.start < hi or c.alpha3 == buyer or c.kind == "demonym" or is_venue(text, c):
            continue
        deal = _DEAL_WITH.search(text, max(0, c.start - 60), c.start)
        if deal is None:
            continue
        # the deal is this system's: "with Brazil for 12 jets", or "a contract for 12 jets with Brazil";
        # not "abandons its T129 deal with Turkey, pursues the Z-10"
        if c.end <= hit.start and _FOR_AFTER_PARTY.match(text, c.end, hit.start) \
                or deal.start() < hit.start and hit.end <= c.start and not _PHRASE_BREAK.search(text, hit.end, c.start):
            return c.alpha3
    # "Saudi Arabia and the United Kingdom signed a deal for 48 Typhoons": the buyer's partner in one deal
    for a, b in zip(info.countries, info.countries[1:]):
        if b.end <= hit.start and a.alpha3 != b.alpha3 and buyer in (a.alpha3, b.alpha3) \
                and _COORDINATOR.fullmatch(text, a.end, b.start) \
                and _BILATERAL.match(text, b.end) \
                and not any(c.start < a.start and _COORDINATOR.fullmatch(text, c.end, a.start) for c in info.countries):
            return b.alpha3 if a.alpha3 == buyer else a.alpha3
    return None


# from the firm dealt with to its system: " for 100 ", " (L&T) for the supply of 100 "
_FIRM_FOR = re.compile(r"(?:\s+\([^)]{1,40}\))?\s+(?:for|to\s+(?:supply|build|deliver|produce|make))\s+(?:[\w,.-]+\s+){0,5}?", re.I)
# "a contract with", "signed a deal on Monday with", "an agreement with the": the other party follows
_DEAL_WITH = re.compile(r"\b(?:contracts?|deals?|agreements?|orders?|signed|inked|sealed)\s+(?:[\w,]+\s+){0,3}?with\s+(?:the\s+)?$", re.I)
# from the party to the system: "... with Brazil (in March) for 12", "... with Brazil to buy the"
_FOR_AFTER_PARTY = re.compile(r"(?:\s+(?:in|on|last|this|early|late)\s+\w+)?\s+(?:for|to\s+(?:buy|purchase|acquire|procure))\b[^,;.]*$", re.I)
_PHRASE_BREAK = re.compile(r"[,;:.]|\s(?:and|but|while)\s")


# The rest of a system's noun phrase up to "from": "" / " aircraft " / " light attack jets " + "from (the) "
_FROM_IN_PHRASE = re.compile(r"(?:s|es)?(?:\s+[a-z][\w-]*){0,3}\s+from\s+(?:the\s+)?", re.I)


def _counterpart_firm(info: SentenceInfo, hit: SystemHit):
    """The firm the deal is made with, named in the hit's stretch: "from/with/by <firm>"."""
    text = info.text
    lo, hi = _stretch(info, hit)
    # the hit's own phrase after it first, as for the source state (_source)
    for o in sorted(info.orgs, key=lambda o: (o.start < hit.end, o.start)):
        if o.kind == "firm" and o.alpha3 and lo <= o.start < hi and _COUNTERPART_BEFORE.search(text[max(0, o.start - 45):o.start]) \
                and not _PARTNER_IN_MAKING.search(text, max(0, o.start - 60), o.start):
            return o
    return None


def stated_seller(info: SentenceInfo, buyer: str | None, hit: SystemHit | None = None) -> tuple[str, str | None] | None:
    """(state, firm) of a seller the text ties to its own state, which beats the design's origin
    (GUIDELINES: a licence-builder presented as the seller): the firm dealt with in the hit's
    stretch ("a contract with Poland's PZL Mielec"); in a sentence without a system (hit None),
    a firm so tied anywhere ("the deal was signed with Polish maker X")."""
    if hit is not None:
        firms = [_counterpart_firm(info, hit)]
    else:
        firms = [o for o in info.orgs if o.kind == "firm"]
    for o in firms:
        if o is not None and o.alpha3 and o.alpha3 != buyer and (_tied(info, o) or hit is not None and hit.origin is None):
            # (a design of no one state's, a consortium's: the firm it is bought from sells, "72 Eurofighters
            # bought from BAE Systems")
            return o.alpha3, o.name
    if hit is not None:
        # "Kuwait and Italy signed a contract for 28 Eurofighters": the state the buyer deals with sells,
        # whatever firm or consortium the design is coded to
        state = _dealt_with(info, hit, buyer)
        if state is not None:
            return state, None
    return None


def _tied(info: SentenceInfo, firm) -> bool:
    """A state mention of the firm's own state right before it ("Poland's PZL Mielec") or right after it
    ("PZL Mielec of Poland")."""
    return any(c.alpha3 == firm.alpha3 and (0 <= firm.start - c.end <= 30 and supplier_side(info, c)
                                            or _OF_STATE.fullmatch(info.text, firm.end, c.start))
               for c in info.countries)


def _tied_in_document(ctx: DocContext, name: str) -> bool:
    """The firm is tied to its state somewhere in the article ("PZL Mielec of Poland" told before "acquired 16
    Black Hawks from PZL Mielec"): it is a seller of that state throughout."""
    return any(_tied(s, o) for s in ctx.sentences if s.orgs for o in s.orgs if o.name == name)


_OF_STATE = re.compile(r"\s+(?:of|in|from)\s+(?:the\s+)?")


def _built_in(info: SentenceInfo, hit: SystemHit, buyer: str | None) -> str | None:
    """"X-built", "built by X's <firm>", "built in X" in the hit's stretch (for a system of unknown origin)."""
    lo, hi = _stretch(info, hit)
    operator = _FLEET_NOUN_AFTER.match(info.text, hit.end) is not None
    for c in info.countries:
        if operator and c.kind == "demonym" and c.end <= hit.start:
            continue  # "the Spanish Eurofighter fleet": the fleet's operator
        if lo <= c.start < hi and c.alpha3 != buyer and c.kind != "capital" and (supplier_side(info, c) or built_place(info.text, c)):
            return c.alpha3
    return None


def _recipient(info: SentenceInfo, hit: SystemHit, excluded: set[str]) -> tuple[str, str | None] | None:
    """"deliver 18 jets to X", "ordered by X", "supply X with": X receives.  A capital counts
    only after a giving verb ("Berlin supplied to Kyiv"); elsewhere "to Seoul" is a place."""
    text = info.text
    giving = giving_verb(info, hit) is not None
    # a demonym after "for" qualifies a noun ("signs for Italian frigates"): it names the maker, not
    # the receiver ("for the Italian Navy" is the armed force, an organisation below)
    candidates = [(c.start, c.alpha3, c) for c in info.countries if c.kind == "name" or c.kind == "capital" and giving]
    candidates += [(o.start, o.alpha3, o) for o in info.orgs if o.alpha3 and o.kind in _PUBLIC_KINDS]
    # the receiver told after the system first, the nearest first ("delivered Akinci drones to Indonesia, and
    # agreed to sell 12 TB3 drones to Japan": the TB3's is Japan), then one told before it
    opening = opening_clause_end(text)
    for start, code, item in sorted(candidates, key=lambda x: (x[0] < hit.end, abs(x[0] - hit.end))):
        if code in excluded or not_buyer(info, item):
            continue
        if opening is not None and start < opening <= hit.start:
            continue  # "In a boost to India's hopes ..., the Philippines has signed": the opening phrase receives nothing
        before = _RECIPIENT_BEFORE.search(text, max(0, start - 22), start)
        if before is None and not supplied_with(info, item):
            continue
        if before is not None and any(before.start() < c.start < start and not _APPOSITION_AFTER.match(text, c.end)
                                      for c in info.countries):
            continue  # "gave Ukraine Slovakia's S-300": the state right after the verb receives, not the owner after it
        lo, hi = sorted((hit.end, start))
        if hi - lo > 110 or _CLAUSE_BREAK.search(text[lo:hi]) or new_subject_clause(text, lo, hi):
            continue
        return code, _armed_forces(info, code)
    return None


def _armed_forces(info: SentenceInfo, code: str) -> str | None:
    return next((o.name for o in info.orgs if o.alpha3 == code and o.kind == "armed_forces"), None)


def acting_buyer_states(info: SentenceInfo) -> list[str]:
    """States that can be a buyer, in text order: countries that are not venues, sources
    ("bought from China"), operators, rivals, funders, deniers or the seller's side (see
    role_cues), plus public bodies; firms are sellers, never buyers."""
    return [code for _, code in acting_buyer_places(info)]


def acting_buyer_places(info: SentenceInfo) -> list[tuple[int, str]]:
    """(offset of its first mention, state) of each of acting_buyer_states, in text order."""
    out: dict[str, int] = {}
    for start, code in _acting_items(info):
        out.setdefault(code, start)
    return [(start, code) for code, start in out.items()]


def acting_before(info: SentenceInfo, pos: int) -> list[str]:
    """The states of acting_buyer_states mentioned before offset `pos`: the subject side of a verb there."""
    out: list[str] = []
    for start, code in _acting_items(info):
        if start < pos and code not in out:
            out.append(code)
    return out


@per_sentence
def _acting_items(info: SentenceInfo) -> list[tuple[int, str]]:
    """(offset, state) of every mention acting_buyer_states keeps, in text order."""
    items: list[tuple[int, str]] = []
    for c in info.countries:
        if is_venue(info.text, c) or _FROM.search(info.text[max(0, c.start - 12):c.start]) or _in_a_name(info.text, c) \
                or not_buyer(info, c):
            continue
        if any(o.start <= c.start and c.end <= o.end for o in info.orgs):
            continue  # "Korea" in "Korea Aerospace Industries": the firm's name, not the state acting
        if c.kind == "demonym" and _qualifies_the_object(info, c):
            continue  # "bought three Israeli Grumman E-2C": where the counted units come from, not who buys
        items.append((c.start, c.alpha3))
    items += [(o.start, o.alpha3) for o in info.orgs if o.alpha3 and o.kind in _PUBLIC_KINDS and not not_buyer(info, o)]
    # "Algerian media reported that the country has procured ...": "the country" acts for the
    # state named before it in the sentence, in whatever role that state was named
    if info.countries:
        for m in cue_pattern("state_anaphor").finditer(info.text):
            before = [c for c in info.countries if c.end <= m.start()]
            if before and not _OTHERS_AFTER.match(info.text, m.end()):
                items.append((m.start(), before[-1].alpha3))
    return sorted(items)


# A demonym between a count and the system's name ("bought two Russian Mi-17 helicopters and three Israeli
# Grumman 'Hawkeye' E-2C", "five Russian-built IGLA"): where the counted units come from, not who buys them
_COUNT_BEFORE = re.compile(rf"(?<![\w.,-])(?:\d[\d,]*|an?|(?=[a-z]){NUMBER_WORDS}(?<=[a-z]))\s+"
                           r"(?:(?:more|new|used|second-hand|further|additional)\s+)?$", re.I)
_NAME_BETWEEN = re.compile(r"(?:-(?:built|made|designed|supplied|origin))?\s+(?:[\"'‘“]?[A-Z][\w-]*[\"'’”]?\s+){0,2}[\"'‘“]?")


def _qualifies_the_object(info: SentenceInfo, c) -> bool:
    if not _COUNT_BEFORE.search(info.text, max(0, c.start - 30), c.start):
        return False
    return any(0 < h.start - c.end <= 40 and _NAME_BETWEEN.fullmatch(info.text, c.end, h.start) for h in info.systems)


# "the country's neighbours": other states, not the one named before
_OTHERS_AFTER = re.compile(r"['’]s\s+(?:neighbou?rs?|rivals?|partners?|allies|adversaries)\b", re.I)


def _in_a_name(text: str, c) -> bool:
    """"the Singapore Airshow", "the Korean Peninsula": a state's name inside another proper name (not
    one of its services: "the Kenyan Navy" is Kenya acting)."""
    if text[max(0, c.start - 4):c.start].lower() == "the " and re.match(r"\s[A-Z][a-z]", text[c.end:c.end + 3]) \
            and not cue_pattern("service_noun").match(text, c.end + 1):
        return True
    # "at the Aero India show", "during Exercise Cope India": a capitalised word before it in a phrase
    return bool(_NAME_WORD_BEFORE.search(text, max(0, c.start - 30), c.start))


_NAME_WORD_BEFORE = re.compile(rf"\b(?:the|at|in|of|during|for)\s+(?:(?!(?:{FULL_MONTHS}|{MONTH_ABBREVIATIONS}|{WEEKDAYS})\b)"
                               r"[A-Z][\w-]+\s+){1,2}$")


# A sentence opening with a pronoun or a noun for a state as its subject ("It will buy ...", "The
# country has ordered ...")
_PRONOUN_SUBJECT = re.compile(r"\W*(?:It|The\s+(?:country|nation|kingdom|republic|emirate|sultanate))\s+"
                              r"(?!(?:is|was|are|were)\s+(?:an?|the|one|also)\b)")


def _subject_before(ctx: DocContext, info: SentenceInfo) -> str | None:
    """The state that opens the sentence before, in the same paragraph, as its subject ("Denmark
    weighed ...", "The Philippines has ..."), if any."""
    prev = info.prev
    if prev is None or not prev.countries or "\n" in ctx.text[prev.sentence.end:info.sentence.start]:
        return None
    first = prev.countries[0]
    return first.alpha3 if prev.text[:first.start].strip() in ("", "The", "the") else None


def buyer(ctx: DocContext, info: SentenceInfo, hit: SystemHit, supplier_state: str | None,
          doc_suppliers: set[str]) -> tuple[str | None, str | None, bool]:
    """(buyer state, buyer org, stated): `stated` is False when the buyer comes from the document."""
    stated = stated_buyer(info, hit, supplier_state)
    if stated is not None:
        return stated[0], stated[1], True
    if lists_operators(info.text):
        return None, None, False  # "in service with A, B and C" describes users, it buys nothing
    if tallies_sales(info.text):
        return None, None, False  # "has now sold 120 jets worldwide": a seller's total, no one buyer's
    excluded = {supplier_state} if supplier_state else set()
    given = giver(info, hit)
    if given:
        excluded.add(given)
    if supplier_state and domestic_order(info, supplier_state, ctx):
        return supplier_state, None, False
    # a state the sentence rules out (an operator, a funder, a rival...) is not the document's
    # buyer either; the seller's side may be (an Indonesian shipyard builds for Indonesia)
    ruled_out = {c.alpha3 for c in info.countries if rules_out(info, c)}
    if info.intro is not None and all(c.alpha3 in excluded for c in info.countries):
        # an item of a list names no buyer: the one state its lead sentence names besides the
        # sellers ("Chile signed three contracts:" ... "- six jets from Korea") buys it
        lead = [c for c in info.intro.acting_states(copy=False) if c not in excluded | doc_suppliers]
        if len(lead) == 1:
            return lead[0], None, False
    # a round-up's section tells one state's purchases ("TAIWAN - Block 70 Vipers" ... "a possible sale to the
    # Taipei Economic and Cultural Representative Office of 66 F-16C/D")
    section = ctx.section_state(info)
    if section is not None and section not in ruled_out:
        return section, None, False
    # "Denmark weighed ten offers from Germany, Norway and France. It will buy the IRIS-T SLM from Germany's
    # Diehl": a sentence whose subject is a pronoun goes on with the state that opened the sentence before
    subject = _subject_before(ctx, info) if _PRONOUN_SUBJECT.match(info.text) else None
    if subject is not None and subject not in excluded | ruled_out:
        return subject, None, False
    # "The Chilean Air Force took two aircraft ... The FACH has flown the type since 2009, when the first 12
    # were delivered": a sentence that names no state goes on with the buyer the one before it, in its
    # paragraph, named (the nearest one that names any), before the article's most named state
    prev, back = info.prev, 0
    while not info.countries and prev is not None and back < _BACK and "\n" not in ctx.text[prev.sentence.end:info.sentence.start]:
        lead = [c for c in acting_buyer_states(prev) if c not in excluded | ruled_out]
        if lead:
            if len(lead) == 1 and lead[0] not in doc_suppliers:
                return lead[0], None, False
            break
        prev, back = prev.prev, back + 1
    code = document_buyer(ctx, excluded | doc_suppliers | ruled_out)
    return code, None, False


@_per_hit
def stated_buyer(info: SentenceInfo, hit: SystemHit, supplier_state: str | None) -> tuple[str, str | None] | None:
    """(buyer state, buyer org) the sentence itself gives, or None.  The giver of a transfer is
    never its buyer; a domestic order (the supplier's own public body buys, or the text says
    "indigenous", "for itself") has the supplier's state as buyer."""
    excluded = {supplier_state} if supplier_state else set()
    given = giver(info, hit)
    if given:
        excluded.add(given)
    rec = _recipient(info, hit, excluded)
    if rec:
        return rec
    if supplier_state and supplier_state != given:
        # "named Babcock preferred bidder for the Royal Navy's Type 31 frigate": the maker's own armed force,
        # whose the system is said to be, receives it (the recipient test above leaves the supplier's state out)
        for o in info.orgs:
            if o.alpha3 == supplier_state and o.kind == "armed_forces" and _OWNED.fullmatch(info.text, o.end, hit.start) \
                    and _FOR_OR_TO.search(info.text, max(0, o.start - 12), o.start):
                return o.alpha3, o.name
    # "a delivery regarded as one of Uganda's largest purchases since 2012, when it bought six Su-30MK",
    # "Türkiye was removed from the U.S.-led programme after it bought the S-400": a clause whose subject is a
    # pronoun buys for the first state the sentence names as an actor (not a seller's side, not "U.S.-led")
    it = _PRONOUN_CLAUSE.search(info.text, max(0, hit.start - 60), hit.start)
    if it is not None:
        before = [c for c in info.countries if c.end <= it.start() and c.kind != "demonym" and c.alpha3 not in excluded
                  and not info.text.startswith("-", c.end) and not supplier_side(info, c) and not is_venue(info.text, c)
                  and not names_a_firm_after(info.text, c.end)]
        if before:
            return before[0].alpha3, _armed_forces(info, before[0].alpha3)
    # "Unlike Poland, which bought K2 tanks from South Korea, Romania ...": a relative clause's system is its
    # antecedent's, when the clause names no state acting before it
    rel = None
    for rel in RELATIVE_OPEN.finditer(info.text, 0, hit.start):
        pass
    if rel is not None and "," not in info.text[rel.end():hit.start]:
        ante = next((c for c in info.countries if c.end == rel.start() and c.alpha3 not in excluded), None)
        if ante is not None and not any(rel.end() <= c.start < hit.start for c in info.countries):
            return ante.alpha3, _armed_forces(info, ante.alpha3)
    # the hit's own clause first ("After Poland ordered K2 tanks, Romania signed for K9 howitzers"),
    # then the sentence (the subject of a relative clause's antecedent: "Indonesia, which ..., ordered")
    lo, hi = clause_of(info.text, hit.start)
    forces = [o for o in info.orgs if o.kind == "armed_forces" and o.alpha3 and o.alpha3 not in excluded
              and not not_buyer(info, o)]
    # the force nearest before the system first ("A has flown the Gripen since 2011 and B received
    # its first FA-50 jets": B), then those after it
    # ... but a force written right before the name qualifies it ("a former Royal Australian Air
    # Force King Air"), it does not act: it keeps its place in the text order
    forces.sort(key=lambda o: (o.start > hit.start or 0 <= hit.start - o.end <= 15,
                               -o.start if o.start <= hit.start and hit.start - o.end > 15 else o.start))
    acting = [(start, code) for start, code in _acting_items(info) if code not in excluded]
    # beyond the hit's clause, a state after it in the clause of another system of the sentence is that
    # one's ("It took delivery of 12 AH-1Z in 2024, and is negotiating with Turkey for Akinci drones"); one
    # before it may be the subject both share
    others = [clause_of(info.text, h.start) for h in info.systems if h.start != hit.start]
    others = [(a, b) for a, b in others if not a <= hit.start < b]
    for within in (True, False):
        for o in forces:
            if not within or lo <= o.start < hi:
                return o.alpha3, o.name
        for start, code in acting:
            if within and lo <= start < hi or not within and not (start > hit.start and any(a <= start < b for a, b in others)):
                return code, _armed_forces(info, code)
    if supplier_state and supplier_state != given and domestic_order(info, supplier_state):
        return supplier_state, _armed_forces(info, supplier_state)
    # "India ordered 83 Tejas": the state of the design's make is the subject of the buying verb
    # in the hit's own clause, so it buys at home
    if supplier_state and supplier_state != given:
        for start, code in _acting_items(info):
            if code == supplier_state and lo <= start < hit.start \
                    and cue_pattern("buying_verb").search(info.text, start, hit.start) and not _SUBJECT_BREAK_BEFORE.search(info.text, start, hit.start):
                return code, _armed_forces(info, code)
    return None


# a subordinate or coordinate clause with a pronoun subject and its buying verb, right before the system
_PRONOUN_CLAUSE = re.compile(r"\b(?:when|after|before|since|because|and|but|while)\s+(?:it|they)\s+(?:has\s+|had\s+|have\s+)?"
                             r"(?:also\s+|then\s+|later\s+|first\s+)?(?:bought|ordered|purchased|acquired|procured|received|signed\s+for)\s+"
                             r"(?:[\w-]+\s+){0,3}$", re.I)
_SUBJECT_BREAK_BEFORE = re.compile(r"\b(?:that|which|who|from|to|with|by)\b|[;:,]", re.I)


# a state's own count may stand in brackets after it: "Estonia (12 pieces) and Croatia (12)"
_OWN_COUNT = r"(?:\s*\((?P<own>\d{1,4})(?:\s+[a-z]+)?\))?"
_COORDINATOR = re.compile(_OWN_COUNT + r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?")
_OWN_COUNT_AFTER = re.compile(_OWN_COUNT)
_NOT_SUBJECT_BEFORE = re.compile(r"\b(?:between|with|from|to|by|of|and|for|in|at)\s+(?:the\s+)?$", re.I)
_VERB_AFTER = re.compile(_OWN_COUNT + r",?\s+(?:(?:have|has|had|will|would|also|each|both|jointly|then|together|now|formally|"
                         r"already|recently|previously|since)\s+)*"
                         r"(?:[a-z]+ed|bought|sold|signed|ordered|began|got|took|chose|won|[a-z]+s)\b")


# Two states that sign an instrument with each other ("A and B have signed a letter of intent for 12
# X") are its two sides, not two buyers; so are two (not three or more) that sign one deal or contract
# ("Saudi Arabia and the UK signed a deal for 48 more Typhoons").  A joint one ("a joint procurement
# agreement", "signed their contracts", "signed contracts with Diehl") is not between them.
# ("Kuwait and Italy yesterday put their signatures to a contract": a time word may stand before the verb)
_BILATERAL = re.compile(r"\s+(?:(?:yesterday|today|formally|finally|on\s+\w+day)\s+)?(?:have\s+|has\s+|had\s+)?"
                        r"(?:signed|inked|concluded|agreed|sealed|struck|put\s+their\s+signatures?\s+to)\s+(?:an?\s+|the\s+)?"
                        r"(?:(?!joint\b|common\b|combined\b|their\b)[\w$€£.,-]+\s+){0,3}?"
                        r"(?:(?P<instrument>letters?\s+of\s+intent|memorand\w+|MoUs?|agreements?|pacts?|treaty|accords?)\b|"
                        r"(?:deal|contract)\b(?!\s+with\b))", re.I)


def own_count(info: SentenceInfo, code: str) -> int | None:
    """The count a sentence gives in brackets after a state's name: "Estonia (12 pieces)"."""
    for c in info.countries:
        if c.alpha3 == code:
            m = _OWN_COUNT_AFTER.match(info.text, c.end)
            if m and m.group("own"):
                return int(m.group("own"))
    return None


def co_buyers(info: SentenceInfo, hit: SystemHit, code: str, supplier_state: str | None = None) -> list[str]:
    """The states coordinated with the buyer as the subject ("Estonia and Latvia signed their
    contracts", "Spain, Italy and Greece ordered ..."): each buys the system too."""
    text = info.text
    receivers = _co_receivers(info, hit, code, supplier_state)
    if receivers:
        return receivers
    acting = {start for start, _ in _acting_items(info)}
    hits = sorted((c for c in info.countries if c.start in acting and c.end <= hit.start), key=lambda c: c.start)
    first = next((i for i, c in enumerate(hits) if c.alpha3 == code), None)
    if first is None or _NOT_SUBJECT_BEFORE.search(text[max(0, hits[first].start - 12):hits[first].start]):
        return []
    chain = [hits[first]]
    for c in hits[first + 1:]:
        m = _COORDINATOR.fullmatch(text, chain[-1].end, c.start)
        if m is None:
            break
        chain.append(c)
    if len(chain) < 2 or not _VERB_AFTER.match(text, chain[-1].end):
        return []
    bilateral = _BILATERAL.match(text, chain[-1].end)
    if bilateral and (bilateral.group("instrument") or len(chain) == 2):
        return []  # "Argentina and China signed a letter of intent for ...": the two sides of one deal
    # "Norway and Germany jointly ordered six submarines from TKMS": a joint order is each state's,
    # the seller's own state's too (a domestic order)
    joint = _JOINTLY.match(text, chain[-1].end) is not None
    out: list[str] = []
    for c in chain[1:]:
        if c.alpha3 != code and (joint or c.alpha3 != supplier_state) and c.alpha3 not in out:
            out.append(c.alpha3)
    return out


_JOINTLY = re.compile(r"\s+(?:have\s+|has\s+|had\s+)?(?:jointly|together)\b", re.I)


def _co_receivers(info: SentenceInfo, hit: SystemHit, code: str, supplier_state: str | None) -> list[str]:
    """The states listed with the receiver after the system ("delivered Super Tucanos to Chile and the
    Philippines", "for Estonia, Latvia and Lithuania"): each receives the system."""
    text = info.text
    after = sorted((c for c in info.countries if c.start >= hit.end and c.kind != "capital"), key=lambda c: c.start)
    first = next((i for i, c in enumerate(after) if c.alpha3 == code), None)
    if first is None or not _RECIPIENT_BEFORE.search(text[max(0, after[first].start - 22):after[first].start]):
        return []
    out: list[str] = []
    prev = after[first]
    for c in after[first + 1:]:
        if _COORDINATOR.fullmatch(text, prev.end, c.start) is None:
            break
        if c.alpha3 not in (code, supplier_state) and c.alpha3 not in out:
            out.append(c.alpha3)
        prev = c
    return out


def domestic_order(info: SentenceInfo, code: str, ctx: DocContext | None = None) -> bool:
    """The sentence tells a state buying from its own industry: one of its public bodies acts
    ("the Swedish procurement agency FMV ordered ...", "the Bundeswehr has six on order") or
    the text says so ("indigenous", "locally built", "for itself"), and no other state buys.
    With the document (`ctx`): in an article about one state, "the ministry signed with
    <its own firm>" in a sentence naming no state is that state's order too."""
    others = [c for c in acting_buyer_states(info) if c != code]
    if others or about_export(info.text):
        return False  # "the State Department approved a possible sale": the buyer is abroad
    if domestic_marker(info.text):
        return True
    text = info.text
    if ctx is not None and not info.countries and (_GENERIC_BODY.search(text) or _FIRM_SUBJECT.match(text)) \
            and _about_one_state(ctx, code):
        return True  # "The company was also finalising a contract for its new X" in an article about one state
    # ... a public body as the counterpart ("talks with the Swedish procurement agency") only after the
    # state's own firm as the subject ("KAI has signed a deal with DAPA to produce 20 KF-21"): its
    # industry sells to it (not "completed talks with BAE Systems Hägglunds, the Swedish agency FMV")
    own_firm = min((o.start for o in info.orgs if o.kind == "firm" and o.alpha3 == code and not _object(text, o.start)),
                   default=len(text))
    if any(o.alpha3 == code and o.kind in _PUBLIC_KINDS and not not_buyer(info, o)
           and (not _object(text, o.start) or own_firm < o.start)
           for o in info.orgs):
        return True
    if any(c.alpha3 == code and _PUBLIC_BODY_AFTER_STATE.match(text, c.end) and not _object(text, c.start)
           for c in info.countries):
        return True
    # "India signs deal with HAL for 97 Tejas": the state itself signs with its own industry
    return any(c.alpha3 == code and c.kind == "name" and _SIGNS_WITH_AFTER_STATE.match(text, c.end) for c in info.countries)


# "<state> signs/has signed/inks a ... deal|contract with": the state is the subject of the signing
_SIGNS_WITH_AFTER_STATE = re.compile(r"\s+(?:has\s+|have\s+|had\s+|on\s+\w+\s+)?(?:signs?|signed|inks?|inked|seals?|sealed|awards?|awarded)"
                                     r"\s+(?:a|an|the)?\s*[^.;]{0,40}?\b(?:deal|contract|order|agreement)\s+with\b", re.I)


# The article's own firm as the subject, named by a common noun.
_FIRM_SUBJECT = re.compile(r"\W*(?:The|the)\s+(?:company|firm|manufacturer|maker|group|shipyard|shipbuilder)\b")
# A public body named without its state: the article's own state's.
_GENERIC_BODY = re.compile(r"\b[Tt]he\s+(?:defen[cs]e\s+)?(?:[Mm]inistry(?:\s+of\s+(?:[Nn]ational\s+)?[Dd]efen[cs]e)?|army|navy|air\s+force|"
                           r"armed\s+forces|military|government|procurement\s+agency|cabinet)\b(?!\s+of\b)")


def _about_one_state(ctx: DocContext, code: str) -> bool:
    """The article is about `code`: it is named at least three times as often as any other state."""
    top = ctx.state_counts.most_common(2)
    return bool(top) and top[0][0] == code and (len(top) == 1 or top[0][1] >= 3 * top[1][1])


# "talks with the Swedish procurement agency": a body after with/from/by/to is the counterpart, not the subject.
# The preposition may head a list: "talks with the Swedish government, the Swedish procurement agency FMV".
# ... the object's list goes on past "and" ("with BAE Systems, the procurement agency FMV and the Swedish government")
_OBJECT_BEFORE = re.compile(r"\b(?:with|from|by|to)\s+(?:[^.;:]{0,60}?(?:,\s+(?:and\s+)?|\s+and\s+))?(?:the\s+)?(?:[\w-]+\s+){0,3}$")


def _object(text: str, start: int) -> bool:
    return bool(_OBJECT_BEFORE.search(text[max(0, start - 90):start]))


# "<state>('s) defence ministry / army / procurement agency": a public body the gazetteer may not list.
# ... or a deciding body named by its role after a word or two ("the Israeli ministerial procurement
# committee", "India's Defence Acquisition Council", "the Japanese government")
_PUBLIC_BODY_AFTER_STATE = re.compile(r"(?:['’]s)?\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|army|navy|air\s+force|"
                                      r"armed\s+forces|military|procurement\s+agency|coast\s+guard|"
                                      r"(?:(?!firm|company|maker|group)[a-z-]+\s+){0,2}(?:government|cabinet|parliament|committee|council))\b", re.I)


_BACK = 3  # how many sentences back, within the paragraph, the buyer being told about is looked for


def document_buyer(ctx: DocContext, excluded: set[str]) -> str | None:
    """The most mentioned state that is not a supplier in this document.  A state the article
    names only once, while it names another more often, is a bystander, not whom the article is
    about ("Armenia" in the closing line of an article about India)."""
    counts = ctx.state_counts.most_common(5)
    top = counts[0][1] if counts else 0
    return next((c for c, n in counts if c not in excluded and (n >= 2 or n == top)), None)


def document_suppliers(ctx: DocContext) -> set[str]:
    """States that supply something in the document and buy nothing in it: the origins of the
    systems it names (not every firm's state: a buyer's own shipyard may build under licence) and
    the states a sentence names as the seller of used equipment ("P-3 Orions bought from Norway"),
    less the states a sentence states as a buyer ("Pakistan ordered the corvettes from Türkiye"
    keeps Pakistan a buyer even if one of its own designs is named)."""
    origins: set[str] = set()
    for k in sorted(ctx.sentences_with_systems()):
        origins.update(h.origin for h in ctx.sentences[k].systems if h.origin)
    main = set(ctx.main_states(5))  # only the states document_buyer may pick need the (costlier) check
    sellers: set[str] = set()
    buyers: set[str] = set()
    for k in sorted(ctx.sentences_with_systems()):
        info = ctx.sentences[k]
        if not any(c.alpha3 in main for c in info.countries) and not any(o.alpha3 in main for o in info.orgs):
            continue
        if not ACQUISITION.search(info.folded):
            continue
        for i, h in enumerate(info.systems):
            sup = supplier(info, h)[0]
            # the seller of a host platform's add-on sells no system named ("CEA will supply a radar to be
            # integrated with the HIMARS launchers" makes Australia no seller)
            if sup in main and sup != h.origin and any(c.alpha3 == sup for c in info.countries) \
                    and not is_bystander(info.text, h, info.systems[i - 1] if i else None, info.folded):
                sellers.add(sup)
            stated = stated_buyer(info, h, sup)
            if stated and stated[0] != sup and stated[0] in main:
                buyers.add(stated[0])
    return (origins | sellers) - buyers
