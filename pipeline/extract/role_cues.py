"""Who is who in a procurement sentence, by construction (cue words from reference/role_cues.csv).

The first state in a sentence is often not the buyer.  This module marks the state mentions that
cannot be the buyer, each for a reason the sentence's grammar gives:

- operators: states in a list of existing users ("already in service with A, B and C",
  "operators of the X include ...", "has exported the X to A, B and C", "retired by X");
- competitors: states after a rival phrase ("ahead of rivals from X", "beat the Swedish offer"),
  up to the prize the winner takes ("... to win Norway's order");
- funders, deniers, news sources: "US military aid", "Washington withheld ...", "Brazilian media";
- the seller's side: "X's <its own firm|its own system>", "<demonym> company ...", "X-built",
  "built by X's ...";
- speakers: the state in "<X's minister> said (that) <clause>" when the clause opens with a state.

It also finds the giver of a transfer ("India handed over the submarine ...", "Tokyo agreed to
supply the United States with ..."), the clause a mention stands in, and the spans that report
no purchase (an opening "If ..." clause, a denied report, "has no plans to buy").  Everything
is a regex over one sentence, run only on the sentences that frame a procurement.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .countries import is_venue
from pipeline.reference import lexicon_rows


def per_sentence(f):
    """Memoise f(info) for the sentences being read: keyed by the SentenceInfo object (held, so its
    id is not reused), forgotten in bulk when the memo grows (SentenceInfo has slots, no room)."""
    memo: dict[int, tuple] = {}

    def wrapper(info):
        hit = memo.get(id(info))
        if hit is not None and hit[0] is info:
            return hit[1]
        if len(memo) > 512:
            memo.clear()
        value = f(info)
        memo[id(info)] = (info, value)
        return value
    wrapper.cache_clear = memo.clear
    wrapper.__doc__ = f.__doc__
    return wrapper


@lru_cache(maxsize=None)
def cues(role: str) -> tuple[str, ...]:
    """The cue phrases of one role (longest first).  Cue words are language, not a gazetteer:
    when the reference directory in use has no lexicon, the packaged one is read."""
    table = lexicon_rows("role_cues.csv")
    return tuple(sorted({r["cue"] for r in table if r.get("role") == role and r.get("cue")}, key=lambda c: (-len(c), c)))


@lru_cache(maxsize=None)
def _alternation(role: str) -> str:
    return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues(role)) or r"(?!x)x"


@lru_cache(maxsize=None)
def pattern(role: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{_alternation(role)})(?![\w-])", re.I)


# Where a listed or subordinate span ends: a clause boundary.
# ("retired by the French Air Force and given to Senegal": "and" before a participle ends the list)
_CLAUSE_END = re.compile(r"[;:.!?]|,\s+(?:and|but|while|whereas|which|who)\b|\s+but\s+|\s+-{1,2}\s+|\s+[—–]\s+|"
                         r"\s+and\s+(?=(?:[a-z]+ed|given|sold|sent|taken|made|built|bought)\b)")
_ADJACENT = re.compile(r"(?:(?!(?:with|from|to|for|by|of|and|contract|deal|order)\b)[\w-]+\s+){0,2}$", re.I)
_POSSESSIVE = re.compile(r"^['’]s\s+")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
_SUBJECT_BREAK = re.compile(r"\b(?:that|which|who|whose|after|before|when|while|because|since|if)\b|[;:]", re.I)


@lru_cache(maxsize=None)
def names_a_firm_after(text: str, end: int) -> bool:
    """The state mention ending at `end` is an adjective of a firm noun ("the Philippine firm Aboitiz",
    "a Turkish defence company")."""
    return _after_pattern("firm_noun").match(text, end) is not None


def _after_pattern(role: str) -> re.Pattern:
    """A cue of `role` after a state mention: "('s) (one word) <cue>"; a verb may be three words on
    ("the UK had likewise blocked")."""
    gap = r"(?:\s+\w+){0,3}?" if role == "denier_verb" else r"(?:['’]s)?(?:\s+[\w-]+){0,2}?"
    return re.compile(rf"{gap}\s+(?:{_alternation(role)})\b", re.I)


@lru_cache(maxsize=None)
def _before_pattern(role: str) -> re.Pattern:
    return re.compile(rf"(?:{_alternation(role)})\s+(?:the\s+)?$", re.I)


# "has exported the K9 to Egypt, Australia and Norway": a list of past customers, not one sale.
_PAST_CUSTOMERS = re.compile(r"\b(?:has|have|had)\s+(?:already\s+|previously\s+|also\s+)?(?:exported|sold|supplied|delivered)\b"
                             r"[^;.]{0,60}?\bto\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s*(?:,|\band\b)\s*(?:the\s+)?[A-Z]|"
                             # "The C-390 has been ordered by Portugal, Hungary and Sweden": its customers so far
                             r"\b(?:has|have)\s+(?:already\s+|also\s+|now\s+)?been\s+(?:ordered|bought|purchased|acquired|selected|chosen)\s+"
                             r"by\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s*(?:,|\band\b)\s*(?:the\s+)?[A-Z]")
_FROM_NAME_OF = re.compile(r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){1,5}of\s+(?:the\s+)?$")
_CREDIT = re.compile(r"\)\s*(?:-{1,2}|[–—])")
_DENIAL_NOUN = re.compile(r"['’]s\s+(?:refusal|veto|block)", re.I)
# any giving verb at all (a cheap gate for _giving_verb)
_GIVING_GATE = re.compile(r"\b(?:deliver|donat|export|gave|give|gift|hand|sell|sold|suppl|transfer|ship|sen[dt]|dispatch|provid|"
                          r"leas|loan)", re.I)


def _clause_end(text: str, start: int) -> int:
    m = _CLAUSE_END.search(text, start)
    return m.start() if m else len(text)


# "to be flown by the Polish Air Force": a future user is the buyer, not a listed operator
_FUTURE_BE = re.compile(r"\b(?:to|will|would|shall|are\s+to|is\s+to)\s+be\s+$", re.I)


def _spans(text: str, role: str) -> list[tuple[int, int]]:
    return [(m.start(), _clause_end(text, m.end())) for m in pattern(role).finditer(text)
            if not _FUTURE_BE.search(text, max(0, m.start() - 15), m.start())]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def supplier_side(info, c) -> bool:
    """The state mention marks the seller's side: "X's <firm|system>", "<demonym> company",
    "X-built", "built in X", "made by X's ..."."""
    text = info.text
    after = text[c.end:c.end + 60]
    if any(after.startswith(s) for s in cues("supplier_suffix")):
        return True
    m = _POSSESSIVE.match(after)
    if m:
        at = c.end + m.end()
        # "Spain's Navantia", "China's new Z-10ME": the possessed firm or system follows at once
        # ("Poland's K2 tanks" are the buyer's: only the system's own origin possesses it as seller)
        if any(o.kind == "firm" and o.alpha3 == c.alpha3 and at <= o.start <= at + 25 and _ADJACENT.match(text, at, o.start)
               for o in info.orgs):
            return True
        if any(h.origin == c.alpha3 and at <= h.start <= at + 25 and _ADJACENT.match(text, at, h.start) for h in info.systems):
            return True
    if c.kind == "demonym":
        if names_a_firm_after(text, c.end):
            return True
        # "42 French Rafale jets", "the Russian Mi-28N": the adjective names the maker's state
        if any(h.origin == c.alpha3 and 0 < h.start - c.end <= 25 and _ADJACENT.match(text, c.end + 1, h.start)
               for h in info.systems):
            return True
        # "Italian defence group Leonardo": the demonym qualifies the firm (not "the Kuwaiti Ministry of
        # Defence awarded EDGE Group ...", where it qualifies the buyer's ministry)
        if any(o.kind == "firm" and 0 < o.start - c.end <= 30 and not _CLAUSE_END.search(text, c.end, o.start)
               and _FIRM_DESCRIPTOR.fullmatch(text, c.end, o.start) for o in info.orgs):
            return True
    # "interceptor boats from Yonca-Onuk of Turkey": the state of a named source
    if _FROM_NAME_OF.search(text, max(0, c.start - 80), c.start):
        return True
    # "built by Spain's Navantia" names the maker; "built in Poland" only the place, which may be
    # the buyer's own licence production
    return bool(_before_pattern("supplier_before").search(text, max(0, c.start - 40), c.start))


@lru_cache(maxsize=None)
def _operators_include() -> re.Pattern:
    """"Operators of the FA-50 include ...", "export customers are ..."."""
    return re.compile(rf"\b(?:{_alternation('operator_noun')})(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
                      r"\s+(?:include|includes|included|are|were|such\s+as)\b", re.I)


@lru_cache(maxsize=4096)
def _negative_spans(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """(operator-list spans, competitor spans) of a sentence.  A rival phrase ends where the
    winner's prize begins ("beat the Swedish offer to win Norway's order")."""
    operators = _spans(text, "operator_list") + [(m.start(), _clause_end(text, m.end()))
                                                  for m in _operators_include().finditer(text)]
    operators += [(m.start(), _clause_end(text, m.end())) for m in _PAST_CUSTOMERS.finditer(text)]
    competitors = []
    # "was chosen in an open competition over the Mi-28N": a choice verb's "over" some words on
    spans = _spans(text, "competitor") + [(m.start(1), _clause_end(text, m.end())) for m in _choice_over().finditer(text)]
    for a, b in sorted(spans):
        w = pattern("win_phrase").search(text, a, b)
        competitors.append((a, w.start() if w else b))
    return tuple(operators), tuple(competitors)


@lru_cache(maxsize=None)
def _choice_over() -> re.Pattern:
    """A choice verb and its "over" up to five words on ("chose the Gripen E/F over the F-16"), not "over
    the next five years"."""
    return re.compile(rf"(?<![\w-])(?:{_alternation('choice_verb')})(?:\s+(?!over\b)[\w/-]+){{1,5}}?\s+(over)\s+(?:the\s+)?"
                      r"(?!\d|the\s+(?:next|past|coming|last)\b|(?:a|an)\s+(?:period|decade|year)\b)", re.I)


def not_buyer(info, c) -> bool:
    """The state mention (a CountryHit or an OrgHit) cannot be the buyer of what the sentence buys."""
    if hasattr(c, "surface") and supplier_side(info, c):
        return True
    return ruled_out(info, c)


def ruled_out(info, c) -> bool:
    """The state mention has another part in the sentence than buying or selling: an operator, a
    rival, a funder, a denier, a news source, a speaker."""
    text = info.text
    if not hasattr(c, "surface") and _CREDIT.match(text, c.end) and text[c.start - 1:c.start] == "(":
        return True  # "Dubai (AFP) -": a news agency's credit, not the armed forces of the same acronym
    operators, competitors = _negative_spans(text)
    if _inside(c.start, operators) or _inside(c.start, competitors):
        return True
    after = text[c.end:c.end + 50]
    if _after_pattern("funder_noun").match(after) or _after_pattern("media_noun").match(after):
        return True
    denial = _after_pattern("denier_verb").match(after)
    if denial and not _OFFER_OBJECT.match(after, denial.end()) or _DENIAL_NOUN.match(after):
        return True  # ... but a state that turned down an offer made to it is the would-be buyer
    return _spoken_about(info, c)


# "turned down a Russian offer of ...", "rejected the proposal": the object is an offer to the subject
_OFFER_OBJECT = re.compile(r"\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:offer|offers|proposal|bid|bids)\b", re.I)


def _spoken_about(info, c) -> bool:
    """A state in the speaker's phrase ("US Secretary of State Blinken said that Russia had
    received ...") when the reported clause names a state of its own."""
    return c.start < _speaker_cutoff(info)


@per_sentence
def _speaker_cutoff(info) -> int:
    """Offset before which state mentions belong to a speaker: the first reporting verb whose
    reported clause opens with a state ("... said that Russia", "the minister said Poland would
    buy ..."; "Poland said that it had ordered tanks from Korea" keeps Poland); -1 without one."""
    text = info.text
    if not info.countries:
        return -1
    cut = -1
    for m in _reporting_bare(text) + tuple(pattern("reporting_verb").finditer(text)):
        if any(_OPENS_CLAUSE.fullmatch(text, m.end(), h.start) and not supplier_side(info, h)
               for h in info.countries if h.start >= m.end()):
            cut = max(cut, m.start())
    return cut


_OPENS_CLAUSE = re.compile(r"\s+(?:that\s+)?(?:(?:on|last|this|in)\s+\w+\s+)?(?:the\s+)?|"
                           r"\s+(?:[^,;.]{0,50}?\s)?that\s+(?:the\s+)?", re.I)


@lru_cache(maxsize=4096)
def _reporting_bare(text: str) -> tuple[re.Match, ...]:
    return tuple(pattern("reporting_bare").finditer(text))


# A clause with a subject of its own ("..., and in 2023 it announced", "; Kyiv received"); "and completed the
# transfer" continues the same subject.
_NEW_SUBJECT_CLAUSE = re.compile(r"(?:;|,\s+(?:and|but|while|whereas))\s+(?:(?:in|on|by|after|since|last|this|early|late)\b"
                                 r"[^,;]{0,30}?\s+)?(?:it|he|she|they|we|(?:the\s+)?[A-Z][\w-]*)\s+[a-z]")
def new_subject_clause(text: str, lo: int, hi: int) -> bool:
    """A clause with a subject of its own starts between offsets lo and hi."""
    return _NEW_SUBJECT_CLAUSE.search(text, lo, hi) is not None


# The words between a demonym and the firm it qualifies: lower-case descriptors ("defence group",
# "state-owned shipbuilder"), at most three.
_FIRM_DESCRIPTOR = re.compile(r"(?:\s+(?:[a-z][\w-]*|&))*\s+|\s+(?:[a-z][\w-]*\s+){0,3}")
_CONTRACT_TO_BEFORE = re.compile(r"\b(?:contracts?|deals?|orders?|agreements?|tenders?|bids?)\s+to\s+$", re.I)
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their|for|of)\s+$", re.I)


# money as the object of a giving verb: a payment, not a transfer of equipment
_MONEY_OBJECT = re.compile(r"\s+(?:over\s+)?(?:an?\s+|the\s+|its\s+|their\s+)?(?:first\s+|second\s+|final\s+|initial\s+)?"
                           r"(?:[\w$€£.,-]+\s+){0,4}?(?:payments?|instal+ments?|funds?|sums?|money|amounts?|advances?|"
                           r"down[\s-]payments?|tranches?\s+of\s+(?:funding|payment))\b", re.I)


def giving_verb(info, hit) -> re.Match | None:
    """The active giving verb ("sold", "handed over", "will export") of the hit's clause, when
    the hit follows it or follows it within the clause."""
    return _giving_verb(info.text, hit.start)


@lru_cache(maxsize=4096)  # asked for every role of every hit; depends on the text alone
def _giving_verb(text: str, start: int) -> re.Match | None:
    if not _GIVING_GATE.search(text):
        return None
    found = None
    for m in pattern("giving_verb").finditer(text):
        if m.start() > start:
            break
        if _PASSIVE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        if _NOUN_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "an agreement for the supply of X to Y": a noun, whose giver is not its subject
        if m.group().lower() in _PLURAL_NOUN_FORMS and not _SUBJECT_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "two Chinese-built patrol ships", "arms exports": a plural noun, not the verb
        if text[max(0, m.start() - 2):m.start()] == ", " and _REDUCED_PASSIVE_AFTER.match(text, m.end()):
            continue  # "bought 12 jets, delivered in 2021, and ...": a participle of the jets, with no subject
        if _CONTRACT_TO_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "awarded EDGE the contract to deliver X": the awardee delivers, not the awarding state
        if _MONEY_OBJECT.match(text, m.end()):
            continue  # "transferred a US$8.4 million payment to the yard": the buyer pays, it gives no equipment
        if _SUBJECT_BREAK.search(text, m.end(), start) and start - m.end() > 40:
            continue
        if _NEW_SUBJECT_CLAUSE.search(text, m.end(), start):
            continue  # "sent the helicopters back ..., and in 2023 it announced it would buy X": another subject's verb
        found = m
    return found


# what follows a passive participle, not an active verb's object ("delivered in 2021", "handed over by 2019")
_REDUCED_PASSIVE_AFTER = re.compile(r"\s+(?:in|on|by|between|from|during|under|last|this|early|late|over\s+(?:in|by)|"
                                    r"over\s+(?:the\s+)?(?:past|last))\b", re.I)
# giving verbs that are also plural nouns: a verb only right after its subject ("China ships ...",
# "it supplies ...")
_PLURAL_NOUN_FORMS = frozenset({"ships", "supplies", "exports", "loans", "transfers", "hands"})
_SUBJECT_WORD_BEFORE = re.compile(r"(?:\b(?:it|they|he|she|which|who|that)|[A-Z][\w.'’-]*)\s+(?:also\s+|now\s+|still\s+)?$")


def giver(info, hit) -> str | None:
    """The state that hands over, sells or exports: the nearest acting state before the active
    giving verb, in the same clause."""
    verb = giving_verb(info, hit)
    if verb is None:
        return _giver_after(info, hit)
    text = info.text
    # "since it handed its S-300 to Ukraine": a pronoun giving away its own equipment refers back
    # across the clause boundary to the sentence's state
    own = bool(_OWN_AFTER.match(text, verb.end()))
    for c in sorted(info.countries, key=lambda c: -c.start):
        if c.end > verb.start():
            continue
        if (_SUBJECT_BREAK.search(text, c.end, verb.start()) and not own) or is_venue(text, c) \
                or not_buyer(info, c) and not supplier_side(info, c):
            continue
        if re.search(r"\b(?:to|for|from|with|by)\s+(?:the\s+)?$", text[max(0, c.start - 12):c.start], re.I):
            continue  # an object of another verb, not the subject
        return c.alpha3
    for o in info.orgs:
        if o.alpha3 and o.end <= verb.start() and o.kind in ("armed_forces", "ministry", "agency", "government_body") \
                and not _SUBJECT_BREAK.search(text, o.end, verb.start()):
            return o.alpha3
    # "the government gave Ukraine Slovakia's only S-300": the owner named on what is given gives it
    for c in info.countries:
        if verb.end() <= c.start and c.end <= hit.start and _OWNER_BEFORE.fullmatch(text, c.end, hit.start):
            return c.alpha3
    return None


# between an owner state and its equipment: "Slovakia's only ", "Poland's remaining "
_OWNER_BEFORE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}")


def _giver_after(info, hit) -> str | None:
    """The subject of a relative clause that tells the hit's giving: "37 used M109s that the
    Belgian Army handed over in 2001" (the giver is no buyer of them)."""
    text = info.text
    m = _RELATIVE_AFTER.match(text, hit.end)
    if m is None:
        return None
    verb = pattern("giving_verb").search(text, m.end(), m.end() + 50)
    if verb is None or _SUBJECT_BREAK.search(text, m.end(), verb.start()):
        return None
    for o in info.orgs:
        if o.alpha3 and m.end() <= o.start and o.end <= verb.start():
            return o.alpha3
    for c in info.countries:
        if m.end() <= c.start and c.end <= verb.start():
            return c.alpha3
    return None


# "<system>(s) [, ] that|which": the start of a relative clause about the system
_RELATIVE_AFTER = re.compile(r"[\w-]*(?:\s+[\w-]+){0,3}?\s*,?\s+(?:that|which)\s+")


_OWN_AFTER = re.compile(r"(?:\s+over)?\s+(?:\w+\s+){0,3}?(?:its|their|the\s+country['’]s)\s+(?:own\s+)?", re.I)
_SUPPLY_WITH = re.compile(r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing))\s+(?:the\s+)?$", re.I)


def supplied_with(info, c) -> bool:
    """"supply X with <system>": X receives."""
    return bool(_SUPPLY_WITH.search(info.text[max(0, c.start - 20):c.start])) and \
        bool(re.match(r"^\s+with\b", info.text[c.end:c.end + 8]))


def domestic_marker(text: str) -> bool:
    return bool(pattern("domestic_marker").search(text))


def built_place(text: str, c) -> bool:
    """"built in X", "made in X": the place of manufacture (the buyer itself under licence, or the
    seller when the design's origin is unknown)."""
    return bool(_before_pattern("build_place").search(text, max(0, c.start - 40), c.start))


# The nouns of an apposition between a preposition and a state ("to Russian ally Serbia", "to its partner
# India"): written once here for the receivers of named systems and of types.
APPOSITION_NOUNS = r"(?:ally|partner|neighbou?r|client|customer|friend)"
# ... and the whole apposition, as it stands before the state
APPOSITION = (r"(?:(?:its\s+|their\s+)?(?:[A-Z][a-z]+\s+|close\s+|key\s+|long-?time\s+)?" + APPOSITION_NOUNS + r"\s+)?")


def lists_operators(text: str) -> bool:
    return bool(_negative_spans(text)[0])


# a seller's own sales verb in the perfect: "has now sold", "have exported", "has won deals to supply"
_SALES_TOTAL = re.compile(r"\b(?:has|have|had)\s+(?:now\s+|so\s+far\s+|already\s+|also\s+)?(?:sold|exported|"
                          r"won\s+(?:deals|orders|contracts)\s+to\s+supply)\b", re.I)


def tallies_sales(text: str) -> bool:
    """The sentence is a seller's running total ("KAI says it has now sold 120 T-50 variants", "has
    exported 68 trainers to markets in Southeast Asia"): many buyers' purchases summed, none of them
    one acquisition, so no buyer is lent to it from the rest of the article."""
    return _SALES_TOTAL.search(text) is not None and pattern("tally_phrase").search(text) is not None


def among_rivals(text: str, start: int) -> bool:
    """The system at `start` is a losing rival: inside a competitor phrase ("ranked the K9 first,
    ahead of the CAESAR and the ATMOS").  The caller asks only when another system comes first."""
    return any(a <= start < b for a, b in _negative_spans(text)[1])


# Where a clause starts: a sentence-opening subordinate clause runs to its comma ("After Poland
# ordered K2 tanks, ..."); a subordinator or relative pronoun after a comma, a semicolon or
# "while/whereas/but" starts another.
_OPENING_SUBORDINATE = re.compile(r"^\s*(?:After|Before|When|While|Although|Though|As|Since|Because|If|Once|Unless|"
                                  r"Whereas|Following|Having|"
                                  # ... or an opening phrase about another party ("In a major boost to India's hopes
                                  # of ..., the Philippines has signed"; "Amid tension with China, Manila ...")
                                  r"In\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:boost|blow|setback|move|step|win|victory|coup|bid|sign)|"
                                  r"Amid|Despite|Ahead\s+of)\b[^,;]{0,160},")
_CLAUSE_START = re.compile(r"[;]|,\s+(?=(?:and|but|while|whereas|although|though|which|who|whose|where|after|before|"
                           r"when|as|since|because)\b)|\s+(?=(?:while|whereas|but)\s)|"
                           # a headline's second clause: "X commissions ships as Uganda takes Su-30 deliveries"
                           # (a title-case headline capitalises the verb too: "Setback For India As Korea's FA-50 Clinches ...")
                           r"\s+(?=as\s+(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})\s+(?-i:[A-Za-z][a-z]+s)\b)", re.I)


def opening_clause_end(text: str) -> int | None:
    """Where a sentence-opening subordinate clause or phrase ends ("After Poland ordered K2 tanks,"), if any."""
    m = _OPENING_SUBORDINATE.match(text)
    return m.end() if m else None


@lru_cache(maxsize=4096)
def _clause_bounds(text: str) -> tuple[int, ...]:
    bounds = [0]
    m = _OPENING_SUBORDINATE.match(text)
    if m:
        bounds.append(m.end())
    bounds += [m.end() for m in _CLAUSE_START.finditer(text, bounds[-1])]
    bounds.append(len(text))
    return tuple(sorted(set(bounds)))


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence, in order."""
    bounds = _clause_bounds(text)
    return list(zip(bounds, bounds[1:]))


def clause_of(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause that holds offset `pos`."""
    bounds = _clause_bounds(text)
    for a, b in zip(bounds, bounds[1:]):
        if a <= pos < b:
            return a, b
    return 0, len(text)


@lru_cache(maxsize=None)
def _existing_fleet() -> re.Pattern:
    # the fleet may be a list: "already operates Su-30 fighters, MiG-29s, Su-24 strike aircraft and ..."
    return re.compile(rf"\b(?:{_alternation('existing_fleet')})\s+(?:(?:the|its|their|some|about|around|\d+)\s+)*"
                      r"(?:(?!(?:but|while|whereas|which|who|that|has|have|had|will|is|was|are|were|plans?|ordered|orders|bought|buys|"
                      r"signed|purchased|acquired|agreed|selected|chose|wants|seeks)\b)[\w-]+"
                      r"(?:,\s+|\s+and\s+|\s+alongside\s+|\s+)){0,12}$", re.I)


def in_service_before(text: str, start: int) -> bool:
    """"Indonesia, which already flies the F-16, ...": the system is the existing fleet.  The
    relative clause ends at a comma before the main verb ("..., received three more JF-17s"), and
    a system after that is the main clause's."""
    m = None
    for m in _existing_fleet().finditer(text, max(0, start - 120), start):
        pass
    if m is None:
        return False
    if _RELATIVE_BEFORE.search(text, max(0, m.start() - 25), m.start()):
        end = _RELATIVE_END.search(text, m.start(), start)
        if end is not None:
            return False
    return True


def relative_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of non-restrictive relative clauses closed before the main verb: ", which already
    operates the Su-30, is negotiating ..." gives the span from ", which" to the comma before "is"."""
    out = []
    for m in RELATIVE_OPEN.finditer(text):
        end = _RELATIVE_END.search(text, m.end())
        if end is not None:
            out.append((m.start(), end.start()))
    return out


RELATIVE_OPEN = re.compile(r",\s+(?:which|who)\b", re.I)
# ", which already flies", ", who operate": a relative clause opens before the cue
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who|that)\s+(?:[\w-]+\s+){0,2}$", re.I)
# ... and closes at a comma followed by the main clause's verb, not by the next item of the list
_RELATIVE_END = re.compile(r",\s+(?!(?:and|or|the|a|an|its|their|some|as\s+well\s+as|plus|including|both)\b)[a-z]")


# A sentence-opening conditional clause: "If Chile buys the Gripen, ..." reports no purchase.
# A main clause in the conditional mood before an "if"/"once" clause, from its clause's start.
_MODAL_WORD = re.compile(r"\b(?:would|could|might)\b", re.I)
_MODAL_CLAUSE_START = re.compile(r"[;:,]|\b(?:and|but|while)\s", re.I)
# "Once the contract is signed, ...", "... would be delivered once the deal is finalised", "until the
# contract is signed": a condition or a time still to come, not a stage reached.
_CONDITIONAL = re.compile(r"^\s*(?:If|Unless|Should|Were|Whether|Once|Until)\b[^,;]{0,200},")
_CONDITION_INSIDE = re.compile(r"(?<=[a-z,])\s+(?:(?:if|unless)\s+(?!not\b)|(?:once|until)\s+(?=(?:the|a|an|it|its|this|that|both)\s))")


@lru_cache(maxsize=None)
def _disclaimer() -> re.Pattern:
    return re.compile(rf"\b(?:(?:{_alternation('report_denial')})\s+(?:the\s+|an?\s+|media\s+|press\s+|recent\s+|earlier\s+)*"
                      rf"(?:{_alternation('report_noun')})\b|(?:{_alternation('no_intent')})\s)", re.I)


def unreported_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose purchase cues report nothing: an opening conditional clause, and what follows a
    denied report ("denied reports that it would buy ...") or a disclaimer ("has no plans to buy")
    to the end of its clause."""
    out = []
    m = _CONDITIONAL.match(text)
    if m:
        # "If it goes ahead, it would be the largest order ...": a conditional main clause is as hypothetical
        end = m.end()
        if _MODAL_WORD.search(text, end, _clause_end(text, end)):
            end = _clause_end(text, end)
        out.append((m.start(), end))
    for m in _CONDITION_INSIDE.finditer(text):  # "... if Germany fails to deliver the Leopards"
        start = m.start()
        # "The jets would be delivered once the contract is signed": the main clause is as hypothetical
        modal = None
        for modal in _MODAL_WORD.finditer(text, 0, start):
            pass
        if modal is not None:  # from the start of the modal's own clause ("X ordered 12 Y and could order ...")
            start = max((b.end() for b in _MODAL_CLAUSE_START.finditer(text, 0, modal.start())), default=0)
        out.append((start, _clause_end(text, m.end())))
    for m in _disclaimer().finditer(text):
        end = re.search(r"[;.!?]|,\s+(?:but|while|whereas)\b|\s+but\s+", text[m.end():])
        out.append((m.start(), m.end() + (end.start() if end else len(text) - m.end())))
    return out


def about_export(text: str) -> bool:
    """The sentence is about selling abroad ("possible sale", "export", "foreign customers")."""
    return bool(pattern("export_word").search(text))


def gives_its_own(info, hit) -> bool:
    """An active giving verb whose object is the giver's own equipment ("handed the country's only
    S-300 to Ukraine", "transferred its MiG-29s"): the giver supplies, whatever the design's origin."""
    verb = giving_verb(info, hit)
    return verb is not None and bool(_OWN_AFTER.match(info.text, verb.end()))
