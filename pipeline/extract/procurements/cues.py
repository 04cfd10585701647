"""Cheap lexical frames that decide whether a system mention is a procurement at all.

A sentence that names a system is only a procurement candidate when it talks about an
acquisition (buying, ordering, contracting, delivering, negotiating, cancelling...).
Within such a sentence a system can still be a bystander: the design another one was
"developed from", the type being "replaced", or the platform a weapon is "for".  These
frames are regexes over a short window, so they cost nothing on sentences without systems.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..prefilter import Keywords, fold, folded_pattern
from ..role_cues import among_rivals, in_service_before, unreported_spans
from ..systems import SystemHit

# Words that put a system into a buying/transfer relation; without one, "F-35s will take
# part in the exercise" or "a K2 on static display" is not a procurement.
ACQUISITION = folded_pattern(
    r"\b(?:buy\w*|bought|purchas\w*|order\w*|acqui\w+|procur\w+|contract\w*|deals?|sale|sales|sell\w*|sold|"
    r"suppl(?:y|ied|ies|ying)|export\w*|import\w*|deliver\w*|handed|hands over|handing over|handover|"
    r"receiv\w+|arriv\w+|took delivery|take delivery|transfer\w*|donat\w+|gift\w*|tranches?|batch(?:es)?|shipped|shipping|"
    r"offer\w*|bids?|tender\w*|negotiat\w+|talks|talking|award\w*|won|secur(?:ed|es|ing)|selected|picked|cancel\w*|scrapped|finali[sz]ed|"
    r"leas(?:e|es|ed|ing)|"
    r"tore up|dropped|abandoned|ditched|axed|letter of acceptance|signed (?:for|up)|in service|inducted|inducts|"
    r"commissioned|commissions|flown since|operat(?:es|ed) since|fleet|squadrons?|memorand\w* of understanding|MoUs?|"
    r"letters? of intent|framework agreements?|(?:denied|refused|blocked)\s+(?:\w+\s+){0,3}?"
    r"(?:permit|licen[cs]e|export|sale|request|approval))\b")

# "which is not part of this deal", "no purchase contract has been signed", "not contracted":
# a cue right after a negation does not report that stage.
_NEGATED = re.compile(
    r"\b(?:not|no|never|yet to|without|n't)\s+(?:(?:yet|been|be|a|the|any|part|of|this|that|formally|"
    r"purchase|firm|final)\s+){0,4}"
    r"(?P<cue>contract\w*|deals?|order\w*|signed|sign|concluded|conclude|bought|purchas\w*|acquired|"
    r"finali[sz]ed|placed|awarded)\b", re.I)


_NOT_YET = re.compile(r"\b(?:has|have|had)\s+(?:not\s+)?yet\s+(?:to\s+)?(?:be(?:en)?\s+)?(?P<cue>signed|sign|concluded|conclude|"
                      r"placed|finali[sz]ed|awarded)\b", re.I)
# "talks on the submarine deal": the deal is what is being negotiated, not a signed order.
_NEGOTIATED_OBJECT = re.compile(r"\b(?:talks|negotiations?|discussions?)\s+(?:on|over|about|for|towards?)\s+(?:the\s+|a\s+|an\s+)?"
                                r"(?:[\w-]+\s+){0,2}?(?P<cue>deal|contract|order|purchase|sale)s?\b", re.I)
# "rejected suggestions that ...", "denied reports": only a refused permit/licence/export is a denial.
_NOT_A_DENIAL = re.compile(r"\b(?P<cue>denied|denies|deny|rejected|rejects|refused|blocked|vetoed|withheld)\b"
                           r"(?!\s+(?:\w+\s+){0,3}?(?:permits?|licen[cs]es?|exports?|sales?|requests?|approvals?|transfers?)\b)",
                           re.I)
# Handing over paperwork ("handed the letter of acceptance to STM") is signing, not delivering.
_PAPERWORK = re.compile(r"\b(?P<cue>hand(?:ed|s)?(?:\s+over)?)\s+(?:the\s+)?(?:signed\s+)?(?:letters?|contracts?|documents?|"
                        r"agreements?|notice)\b", re.I)


# "received an order for 12 jets", "the largest order the jet has ever received", "received proposals":
# what is received is paperwork or an offer, not the equipment.
_RECEIVED_PAPER = re.compile(r"\b(?P<cue>receiv(?:ed|es|ing))\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
                             # "received a USD 1.2 billion Foreign Military Sales contract"; a preposition ends the
                             # object ("received 12 jets under the contract")
                             r"(?:(?!(?:under|from|for|of|in|on|at|by|with|to|as|and)\b)[\w$€£.,'’-]+\s+){0,8}?"
                             r"(?:orders?|contracts?|awards?|offers?|proposals?|bids?|requests?|approvals?|funding|go-ahead|green\s+light|letters?|"
                             r"clearance|authori[sz]ation|permission|licen[cs]es?|nod|consent|notifications?|documents?|paperwork|"
                             r"briefings?|delegations?|assurances?|guarantees?|"
                             r"notices?|tenders?|quotes?|invitations?)\b|"
                             r"\b(?:(?:orders?|offers?|proposals?|bids?)\s+(?:that\s+)?(?:[\w'’-]+\s+){1,3}(?:has|have|had)\s+(?:ever\s+)?|"
                             # "a ministry statement received in Jakarta on Tuesday": a paper received
                             r"(?:statements?|letters?|reports?|requests?|notifications?|documents?|messages?|replies|reply|"
                             r"responses?|e-?mails?)\s+(?:(?:was|were|has been|had been)\s+)?)"
                             r"(?P<cue2>received)\b", re.I)


def received_paper(text: str) -> set[int]:
    """Offsets of the "received" that receive paperwork or an offer, not equipment (see _RECEIVED_PAPER)."""
    return {m.start("cue") if m.group("cue") else m.start("cue2") for m in _RECEIVED_PAPER.finditer(text)}


def _blank_received(m: re.Match) -> str:
    name = "cue" if m.group("cue") else "cue2"
    head = m.group(0)[:m.start(name) - m.start()]
    return head + " " * len(m.group(name)) + m.group(0)[m.end(name) - m.start():]


# "deliveries expected to begin in 2025" reports a schedule, not a delivery.
_FUTURE_DELIVERY = re.compile(r"\b(?P<cue>deliver(?:y|ies))\s+(?:\w+\s+){0,5}?(?:are|is|were|was)?\s*(?:expected|due|scheduled|set|"
                              r"slated|planned|to|could|would|might|may|will)\s+(?:to\s+)?(?:begin|start|commence|run|follow|take place|be)\b|"
                              # "Gripen deliveries to Ukraine had been discussed ... but were put on hold": talked of, not made
                              r"\b(?P<cue2>deliver(?:y|ies))\s+(?:[\w-]+\s+){0,4}?(?:had been|have been|has been|were|was|are|is)\s+"
                              r"(?:\w+ly\s+)?(?:discussed|considered|debated|proposed|put on hold|on hold|delayed|postponed|suspended|"
                              r"halted|frozen|blocked|under discussion)\b",
                              re.I)


def _blank(m: re.Match) -> str:
    name = "cue" if m.groupdict().get("cue2") is None else "cue2"
    head = m.group(0)[:m.start(name) - m.start()]
    return head + " " * len(m.group(name)) + m.group(0)[m.end(name) - m.start():]


@lru_cache(maxsize=8192)  # pure; a corpus repeats many sentences
def mask_negated(text: str) -> str:
    """The sentence with cues that do not report a stage blanked out (same length, offsets
    unchanged): negated ones, the object of talks, non-licence denials, paperwork handovers,
    scheduled deliveries."""
    folded = fold(text)  # blanking only turns letters into spaces: the gates can read the original
    for pattern, words in _MASKS:
        if words.in_(folded):
            text = pattern.sub(_blank, text)
    if "receiv" in folded:
        text = _RECEIVED_PAPER.sub(_blank_received, text)
    if _UNREPORTED_GATE.in_(folded):
        for a, b in unreported_spans(text):
            for m in ACQUISITION.finditer(fold(text), a, b):
                text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


# A word every unreported span contains (folded): see role_cues.unreported_spans.
_UNREPORTED_GATE = Keywords("if", "unless", "should", "were", "whether", "once", "until", "den", "dismiss", "reject", "refute", "play",
                            "no ", "not ")


# Each mask with a gate (see prefilter): a word every match contains, folded.
_MASKS = [
    (_NEGATED, Keywords("no", "never", "yet to", "without", "n't")),
    (_NOT_YET, Keywords("yet")),
    (_NEGOTIATED_OBJECT, Keywords("talks", "negotiation", "discussion")),
    (_NOT_A_DENIAL, Keywords("den", "reject", "refused", "blocked", "vetoed", "withheld")),
    (_PAPERWORK, Keywords("hand")),
    (_FUTURE_DELIVERY, Keywords("deliver")),
]


# The system another one derives from, or that a unit is compared with, is described, not bought.
_DESCRIBED_BEFORE = re.compile(
    r"(?:\b(?:development|version|variant|derivative|evolution|successor|copy|licence-built version)\s+of|"
    r"\b(?:derived|developed|evolved|adapted|modelled|modeled)\s+(?:\w+\s+){0,6}?(?:from|on)|"
    r"\bbased\s+on|\bsimilar\s+to|\bcompared\s+(?:with|to)|\bcooperation\s+(?:around|on|over))\s+"
    r"(?:(?:the|a|an|its|their|[A-Z][\w'’]*['’]s)\s+)?"
    r"(?:(?:hull|design|chassis|platform|airframe|layout)\s+of\s+(?:the\s+)?)?"  # "based on the hull of the"
    r"(?:(?:[\w-]+\s+){0,2}?[\w-]+['’]s\s+)?"  # "the Spanish navy's"
    r"(?:[A-Z][\w-]*\s+){0,2}$")
# In-service equipment being retired is not the object of the purchase ("to replace the Royal Navy's
# five X"); a "with"/"by"/"for" in between brings in the new equipment ("replace the fleet with 12 Y").
_RETIRED_BEFORE = folded_pattern(
    r"\b(?:withdraw\w*|retir(?:e|es|ed|ing)|replac\w+|decommission\w*|phas\w+ out|mothball\w*|succeed\w*)\s+(?:both\s+|all\s+)?"
    r"(?:the|its|their|his|her|our|[A-Z][\w'’]*'s)\s+(?:(?!with\s|by\s|for\s|and\s)[\w'’-]+\s+|and\s+(?:its|their|the)\s+){0,8}$|"
    # with no determiner the verb and at most a few describing words: "will replace M113 carriers",
    # "to replace ageing Soviet-era boats"
    r"\b(?:retire|replace|replaces|replacing|succeed|succeeds|succeeding|decommission|phase out|tak(?:e|es|ing) over from)\s+"
    r"(?:(?!with\s|by\s|for\s|and\s)[a-z][\w'’-]*\s+){0,3}$")
# Equipment held and being serviced is not bought: "a contract to maintain its C-130 transports".
_SERVICED_BEFORE = folded_pattern(r"\b(?:maintain|maintaining|overhaul|overhauling|repair|repairing|service|servicing)\s+"
                                  r"(?:the|its|their|his|her|our|[A-Z][\w'’]*'s)\s+(?:[\w'’-]+\s+){0,3}$")
_STANDARD_AFTER = folded_pattern(r"s?\s+(?:standard|configuration|specification)\b|"
                                 # "F-16 upgrades", "the Su-30 fleet's overhaul": work on equipment held, not a purchase
                                 r"s?(?:\s+(?:fleet|fighter|jet|aircraft|helicopter|tank|ship)s?)?(?:['’]s)?\s+(?:upgrades?|moderni[sz]ations?|overhauls?|"
                                 r"refits?|retrofits?|refurbishments?|mid-life\s+(?:upgrades?|updates?)|life[\s-]extensions?|"
                                 r"sustainment|maintenance|spare\s+parts)\b(?!\s+(?:and|or)\s+(?:new|more|additional)\b)")
_RETIRED_AFTER = folded_pattern(r"^\S*\s*(?:\S+\s+){0,3}?(?:were|was|are|is|will be|being|to be)\s+(?:retired|withdrawn|decommissioned|"
                            r"phased out|grounded|replaced)\b")


# (the fleet's owner may stand between: "the four Victoria-class submarines of the Royal Canadian Navy, which were ...")
_ACQUIRED_AFTER = folded_pattern(r"[\w-]*(?:\s+[\w-]+){0,3}?(?:\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}[\w'’-]+)?"
                                 r"(?:\s*,\s+(?:which|that|(?:\w+\s+){1,2}of\s+which)|\s+(?:which|that))\s+"
                                 r"(?:[\w-]+\s+){0,4}?"
                                 r"(?:bought|acquired|ordered|purchased|procured|(?:built|constructed|made|produced)\s+for|delivered|"
                                 r"received|leased|supplied|handed\s+over)\b|"
                                 # "operates 40 F-16s, bought from the Netherlands in 2004": a participle tells the purchase
                                 # (with or without the comma: "flies four K-8 trainers bought from China")
                                 r"[\w-]*(?:\s+[\w-]+){0,3}?\s*,?\s+(?:(?:first|originally|all|each)\s+)?"
                                 r"(?:bought|acquired|ordered|purchased|procured)\s+(?:from|in|under|for|at)\b")


# The platform a weapon or sensor is integrated on is not what is bought: "AMRAAM integration on FA-50 aircraft".
# ("a radar system to be integrated with the HIMARS launchers": the launchers are the host, the radar is supplied)
_PLATFORM_BEFORE = folded_pattern(r"\b(?:integrat\w*|fitted|installed|mounted)\s+(?:on|onto|to|aboard|in|with|into)\s+(?:the\s+|its\s+)?$|"
                                  # "40 JSOW for its fleet of F-16 fighter jets": the fleet a weapon is bought for
                                  r"\bfor\s+(?:its|their|(?:the\s+)?[\w-]+['’]s)\s+(?:existing\s+|current\s+)?fleet\s+of\s+(?:\d+\s+)?$|"
                                  # "spare parts and support for the air force's F-16 and C-130 aircraft"
                                  r"\b(?:parts|spares|components|support|sustainment|maintenance|upgrades?|munitions|"
                                  r"moderni[sz]ation|refurbishment|retrofit|life[\s-]extension|"
                                  r"ammunition|engines|training|overhaul|refit)\s+(?:(?:deals?|contracts?|packages?|work)\s+)?"
                                  r"(?:for|of|on)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?"
                                  r"(?:[\w/'’-]+(?:,\s+|\s+and\s+|\s+)){0,6}$|"
                                  # "a contract to overhaul and upgrade its fleet of 35 Su-30MK2 fighters": work on equipment held
                                  r"(?:\bto\s+(?:overhaul|upgrade|moderni[sz]e|refit|repair|retrofit|refurbish)|"
                                  r"\b(?:overhaul|upgrad|moderni[sz]|refitt|repair|retrofitt|refurbish)ing)\s+"
                                  r"(?:and\s+[a-z]+\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?(?:(?:entire\s+|whole\s+)?fleet\s+of\s+)?"
                                  r"(?:(?!with\b|by\b|are\b|is\b|were\b|was\b)[\w-]+\s+){0,3}$|"
                                  r"\b(?:carried|launched|fired|deployed)\s+(?:by|from|on|aboard)\s+(?:the\s+|its\s+)?"
                                  r"(?:[\w-]+\s+){0,4}$|"
                                  # "F404 engines, which power the Tejas": the aircraft a bought part goes into
                                  r"\b(?:which|that)\s+(?:power|powers|powered|equip|equips|arm|arms|drive|drives)\s+"
                                  r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?$")


def is_bystander(text: str, hit: SystemHit, previous: SystemHit | None, folded: str | None = None,
                 starts: tuple[int, ...] = ()) -> bool:
    """The hit is described, compared, retired or a host platform rather than acquired.
    `folded`: fold(text), when the caller has it; `starts`: where the sentence's system names start."""
    if folded is None:
        folded = fold(text)
    if previous is not None and among_rivals(text, hit.start):
        return True  # a losing bidder is not a record
    if _UNREPORTED_GATE.in_(folded) and any(a <= hit.start < b for a, b in unreported_spans(text)):
        return True  # "denied reports that it would buy F-16s", "If Chile buys the Gripen, ..."
    if in_service_before(text, hit.start):
        # "which already flies the F-16": the fleet in service, not the purchase, unless its own
        # purchase is told ("already operates 40 F-16s, bought from the Netherlands in 2004")
        return not _ACQUIRED_AFTER.match(folded, hit.end)
    lo = max(previous.end if previous else 0, hit.start - 60)
    if _DESCRIBED_BEFORE.search(text[lo:hit.start]):
        return True
    before = folded[lo:hit.start]
    if _PLATFORM_BEFORE.search(folded, max(0, hit.start - 120), hit.start):  # lists too: "for its F-16 and C-130"
        return True
    if _SERVICED_BEFORE.search(before):
        return True
    if _STANDARD_AFTER.match(folded, hit.end):
        return True  # "overhauled the fighters to Su-30KN standard": a build standard of jets told before
    # a list of retired types runs past the names before this one ("replace both the X and its Y")
    if _RETIRED_BEFORE.search(folded, max(0, hit.start - 120), hit.start):
        # "replace the Nansen-class frigates, five of which were built for Norway ...": the
        # retiring fleet's own purchase is told, and is a record of its own; but "the M109 fleet,
        # which includes 37 M109A3s received from Belgium" tells the purchase of the system it names
        told = _ACQUIRED_AFTER.match(folded, hit.end)
        return told is None or any(hit.end < s < told.end() for s in starts)
    return bool(_RETIRED_AFTER.match(folded[hit.end:hit.end + 50]))


def fleet_in_service(text: str, hit: SystemHit, folded: str) -> bool:
    """The hit names a fleet already flown or being replaced ("already operates 40 F-16s, bought
    ...", "replace the F-16s that Chile bought in 2004"): a purchase told of it was delivered."""
    return in_service_before(text, hit.start) or bool(_RETIRED_BEFORE.search(folded, max(0, hit.start - 120), hit.start))


# Batch ordinals.  "more/additional/follow-on" name the batch after the first one.
_ORDINAL_WORDS = [
    ("first", r"first|initial|original"),
    ("existing", r"existing|current|in-service|ageing|aging"),
    # an option taken up is a batch after the order that holds it: "exercised the option for 12 more"
    ("second", r"second|follow-on|follow-up|additional|more(?!\s+than)|another|new batch|next batch|extra|further|"
               r"(?:exercis\w+|t(?:ake|akes|ook|aking) up|activat\w+|trigger\w+)\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
               r"(?:[\w-]+\s+)?options?"),
    ("third", r"third"),
    ("fourth", r"fourth"),
]
_ORDINAL = folded_pattern("|".join(rf"(?P<{k}>\b(?:{w})\b)" for k, w in _ORDINAL_WORDS))
_FLEET_AFTER = folded_pattern(r"^\w*\s+(?:fleet|inventory)\b")
# "bringing the air force's Rafale fleet to 30": the fleet as it will be after the batch in hand,
# so the fleet word names no earlier batch
_FLEET_TOTAL_BEFORE = folded_pattern(r"\b(?:bring|brings|bringing|take|takes|taking|rais(?:e|es|ing)|increas(?:e|es|ing)|"
                                     r"expand(?:s|ing)?|grow(?:s|ing)?|boost(?:s|ing)?)\s+(?:[\w'’-]+\s+){0,4}$")


def ordinal_near(text: str, hit: SystemHit, previous: SystemHit | None, folded: str | None = None) -> str | None:
    """The batch a mention refers to: the ordinal word closest before the system (within
    its own stretch of the sentence); "the FA-50 fleet" / "existing" mean the aircraft
    already in service, which belong to the first batch.  `folded`: fold(text), when known."""
    if folded is None:
        folded = fold(text)
    if _FLEET_AFTER.match(folded[hit.end:hit.end + 20]):
        if _FLEET_TOTAL_BEFORE.search(folded, max(0, hit.start - 50), hit.start):
            return None
        return "first"
    lo = max(previous.end if previous else 0, hit.start - 60)
    found = None
    for m in _ORDINAL.finditer(folded, lo, hit.start):
        found = m.lastgroup
    if found is None:
        m = _ORDINAL.search(folded[hit.end:hit.end + 12])
        found = m.lastgroup if m else None
    if _CUSTOMER_AFTER.match(folded[hit.end:hit.end + 30]):
        return None  # "the second Rafale customer" ranks the buyer, not a batch
    return "first" if found == "existing" else found


_CUSTOMER_AFTER = folded_pattern(r"^\w*\s+(?:customer|operator|user|buyer|export|country|nation)s?\b")


_FIRST_BOUGHT = re.compile(r"\bfirst\s+(?:acquired|bought|ordered|purchased|procured)\b", re.I)


def ordinal_in(text: str) -> str | None:
    """Ordinal of a batch named without its system: "The second tranche, of 18 aircraft"."""
    # up to two words between: "A second Polish executive contract", "The original supply contract"
    m = re.search(r"\b(?P<o>first|second|third|fourth|initial|original|final|last|previous|earlier|prior)\s+(?:[\w-]+\s+){0,2}?"
                  r"(?:tranche|batch|order|contract|lot|purchase|acquisition)\b", text, re.I)
    if not m:
        if _FIRST_BOUGHT.search(text):
            return "first"  # "Finland first acquired the howitzers in 2017": the order before the one in hand
        # "six more aircraft": a batch after the one in hand
        return "second" if _MORE_UNITS.search(text) else None
    if re.search(r"\b(?:to|under|in|amend\w*)\s+(?:the|its|that|this)\s+$", text[:m.start()], re.I):
        return None  # "signed the amendment to the original contract": a frame named, not the batch told
    o = m.group("o").lower()
    # "the previous LCA contract": an order before the one in hand
    return {"initial": "first", "original": "first", "previous": "earlier", "prior": "earlier"}.get(
        o, o if o not in ("final", "last") else None)


# "six more aircraft": a count of further units, the next batch of the system in hand (also a
# reference to that deal: procurements._REFERENCE)
MORE_UNITS = (r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)\s+(?:more|additional|further|extra)\s+"
              r"(?:aircraft|jets?|fighters?|planes?|helicopters?|ships?|vessels?|boats?|tanks?|howitzers?|vehicles?|"
              r"systems?|batteries|submarines?|frigates?|drones?|units?|launchers?)\b")
_MORE_UNITS = re.compile(MORE_UNITS, re.I)
# Framework documents (MoU, letter of intent, framework agreement) set terms; the contract
# comes later, so they are not an order and their date is not the order date.
FRAMEWORK = folded_pattern(r"\b(?:memorand(?:um|a) of (?:understanding|intent)|MoU|letters? of (?:intent|interest)|statement of intent|LoI|framework (?:agreement|deal|contract)s?|"
                       r"framework)\b")
