"""Which states make an arrangement, from the constructions news uses to say so.

A state merely mentioned in the sentence ("... reserves second only to China",
"a week after an Israeli strike") is a bystander, not a party.  Parties come from,
in order of reliability:

1. "between X and Y" / "between X, Y and Z";
2. a hyphenated pair modifying the arrangement ("the Greece-US ... Agreement");
3. a coordinated list of states before the stage verb or the arrangement
   ("X and Y signed", "X's minister, Y's envoy and Z's ... signed");
4. an acting state plus the states of a "with ..." phrase attached to the
   arrangement or its verb ("X signed an MoU with Y", "X joined the pact with Y and Z").

Failing those, the sentence's states are used only when they are the document's main
pair (or one of it plus an anaphor such as "the two countries"): the caller decides.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import SentenceInfo
from ..countries import find_countries, is_venue
from ..role_cues import cues, names_a_firm_after

_BETWEEN = re.compile(r"\bbetween\s+(?P<list>[^.;:]{3,160})", re.I)
_CLAUSE_AFTER_LIST = re.compile(r",\s+(?:which|who|whose|that|while|whereas|but|after|before|when|amid|as|following)\b")
# between two listed states only a title and a name may stand ("US President Joe Biden, Australian ...")
_LIST_GAP = re.compile(r"^(?:['’]s?)?(?:\s+(?:[A-Z][\w'’.-]*|then|former|bin|binti|al|de|van|von)){0,7}"
                       r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)(?:the\s+)?$")
_WITH = re.compile(r"\bwith\s+", re.I)
_HYPHEN_PAIR = "-–/"


def _state_spans(info: SentenceInfo) -> list[tuple[int, int, str]]:
    spans = [(h.start, h.end, h.alpha3) for h in info.countries if not is_venue(info.text, h)]
    spans += [(o.start, o.end, o.alpha3) for o in info.orgs if o.alpha3]
    return sorted(spans)


def _unique(codes) -> list[str]:
    out: list[str] = []
    for c in codes:
        if c not in out:
            out.append(c)
    return out


def _coordinated_from(text: str, spans, first: int, limit: int) -> list[str]:
    """States chained to spans[first] by ', ' / ' and ' (a few words of title may sit in between)."""
    chain = [spans[first]]
    for nxt in spans[first + 1:]:
        if nxt[0] > limit:
            break
        gap = text[chain[-1][1]:nxt[0]]
        if nxt[2] == chain[-1][2]:
            continue
        if _LIST_GAP.match(gap):
            chain.append(nxt)
        else:
            break
    return _unique(c for _, _, c in chain)


def _between(info: SentenceInfo, spans) -> list[str]:
    m = _BETWEEN.search(info.text)
    if not m:
        return []
    # "between X and Y", "between the Governments of X, Y and Z"
    head = re.match(r"(?:the\s+)?(?:(?:[Gg]overnments?|[Mm]inistr(?:y|ies)|[Rr]epublic)\s+of\s+(?:the\s+)?)?",
                    info.text[m.start("list"):])
    if not any(m.start("list") <= s[0] <= m.start("list") + max(4, head.end()) for s in spans):
        return []
    # every state inside the between-phrase: its members may be organisations ("X's ministry and the Y agency of Z");
    # the phrase ends where a clause about it begins ("between Beijing and Honiara, which unsettled Canberra")
    cut = _CLAUSE_AFTER_LIST.search(info.text, m.start("list"), m.end())
    end = cut.start() if cut else m.end()
    found = _unique(c for a, _, c in spans if m.start("list") <= a < end)
    return found if len(found) >= 2 else []


def _hyphenated(info: SentenceInfo, spans, cue_start: int, cue_end: int) -> list[str]:
    """'Indonesia-Australia', 'Greece-US', 'Korean-Polish' inside or just before the arrangement's words.

    The country recogniser does not match right after a hyphen, so the second state is looked up here."""
    text = info.text
    for a in spans:
        if a[1] >= len(text) or text[a[1]] not in _HYPHEN_PAIR or not (cue_start - 60 <= a[0] <= cue_end):
            continue
        following = find_countries(text[a[1] + 1:a[1] + 40])
        if following and following[0].start == 0 and following[0].alpha3 != a[2]:
            return [a[2], following[0].alpha3]
    return []


def _subject_list(info: SentenceInfo, spans, anchor: int) -> list[str]:
    """The longest coordinated list of states that ends before `anchor` (the verb or the cue)."""
    best: list[str] = []
    text = info.text
    for i, s in enumerate(spans):
        if s[0] >= anchor:
            break
        chain = _coordinated_from(text, spans, i, anchor)
        if len(chain) > len(best):
            best = chain
    return best if len(best) >= 2 else []


def _with_partners(info: SentenceInfo, spans, cue_start: int, cue_end: int, verb_end: int | None) -> list[str]:
    """States of a 'with ...' phrase right after the arrangement (or its verb), plus the acting subject."""
    text = info.text
    for m in _WITH.finditer(text):
        near_cue = 0 <= m.start() - cue_end <= 70 or (verb_end is not None and 0 <= m.start() - verb_end <= 40)
        if not near_cue:
            continue
        after = [i for i, s in enumerate(spans) if m.end() <= s[0] <= m.end() + 40]
        if not after:
            continue
        partners = _coordinated_from(text, spans, after[0], len(text))
        # the state nearest before the arrangement acts, or the one between it and "with" ("the security
        # agreement Beijing signed with Honiara")
        subject = [s[2] for s in spans if s[0] < cue_start or cue_end <= s[0] < m.start()]
        if subject:
            return _unique([subject[-1], *partners]) if subject[-1] not in partners else []
    return []


def explicit_parties(info: SentenceInfo, cue_start: int, cue_end: int,
                     verb: tuple[int, int] | None) -> list[str]:
    """Parties stated by construction, or [] when the sentence does not say who made the arrangement."""
    spans = _state_spans(info)
    if not spans:
        return []
    for found in (_between(info, spans), _hyphenated(info, spans, cue_start, cue_end)):
        if len(found) >= 2:
            return sorted(found)
    anchor = min(cue_start, verb[0]) if verb else cue_start
    found = _subject_list(info, spans, max(anchor, verb[0] if verb else 0))
    if len(found) >= 2:
        return sorted(found)
    if verb is not None:
        found = _agent_list(info, spans, verb[1])
        if len(found) >= 2:
            return sorted(found)
    found = _with_partners(info, spans, cue_start, cue_end, verb[1] if verb else None)
    return sorted(found) if len(found) >= 2 else []


@lru_cache(maxsize=None)
def _by_agents() -> re.Pattern:
    """ "was signed by representatives of Estonia, Latvia and Lithuania": the agents of a passive signing
    (reference/role_cues.csv signing_agent)."""
    agents = "|".join(re.escape(c) for c in cues("signing_agent")) or r"(?!x)x"
    return re.compile(rf"\s+by\s+(?:the\s+)?(?:(?:[\w-]+\s+){{0,2}}(?:{agents})\s+(?:of|from)\s+)?(?:the\s+)?", re.I)


def _agent_list(info: SentenceInfo, spans, verb_end: int) -> list[str]:
    m = _by_agents().match(info.text, verb_end)
    if m is None:
        return []
    first = next((i for i, sp in enumerate(spans) if sp[0] == m.end()), None)
    return _coordinated_from(info.text, spans, first, len(info.text)) if first is not None else []


# "with Israeli defence firm X", "with the Turkish company": a firm named by what it is
# "an agreement to buy 96 AH-64E helicopters from": the arrangement is a purchase, from whom follows
_PURCHASE_FROM = re.compile(r"\s+to\s+(?:buy|purchase|acquire|procure|order)\b[^,;.]{0,80}?\bfrom\s+(?:the\s+)?", re.I)
_FIRM_NOUN = re.compile(r"^(?:the\s+|an?\s+)?(?:[\w'’.-]+\s+){0,4}?(?:firm|company|group|maker|manufacturer|contractor|"
                        r"industry|shipbuilder|shipyard|corporation|conglomerate|supplier)s?\b", re.I)
# "state-controlled shipbuilder X", "Indonesian state shipyard X": a firm acting for its state
_STATE_OWNED = re.compile(r"\bstate(?:-owned|-controlled|-run| owned| controlled| run)?\s+(?:[\w-]+\s+){0,2}$", re.I)
_CLAUSE_END = re.compile(r"[;.]|,\s+(?:and|but|while|which|who)\b")
_POSSESSIVE = re.compile(r"['’]s?\s+")


def _entities(info: SentenceInfo) -> list[tuple[int, int, bool]]:
    """(start, end, is_firm) of every state and organisation mention, in text order."""
    out = [(h.start, h.end, names_a_firm_after(info.text, h.end)) for h in info.countries if not is_venue(info.text, h)]
    out += [(o.start, o.end, o.kind == "firm" and not _STATE_OWNED.search(info.text, max(0, o.start - 45), o.start))
            for o in info.orgs]
    return sorted(out)


# a proper name after "with", perhaps owned by a state: "with Germany's Reiner Stemme Utility Air-Systems"
_PROPER_RUN = re.compile(r"(?:the\s+)?(?:[A-Z][\w.'’-]*['’]s?\s+)?((?:[A-Z][\w&.'’-]*(?:\s+|$)){1,8})")


def _firm_name_after(text: str, start: int) -> bool:
    """The partner at `start` is named like a company: a capitalised run with a word of a firm's
    registered name ("Industries", "Systems", "GmbH"; reference/role_cues.csv firm_name_word)."""
    m = _PROPER_RUN.match(text, start)
    if m is None:
        return False
    words = {w.strip(".,'’") for w in m.group(1).split()}
    return bool(words & set(cues("firm_name_word")))


def firm_counterpart(info: SentenceInfo, cue_start: int, cue_end: int, verb: tuple[int, int] | None) -> bool:
    """Whether a firm, not a state, makes the arrangement: the subject of its verb, the partner of a
    "with ..." phrase right after it or its verb, or a member of its "between ..." phrase.  A deal with
    a company is a contract or at most an optional agreement (GUIDELINES), never a state-to-state one."""
    text = info.text
    ents = _entities(info)
    firms = [e for e in ents if e[2]]
    # "with X" right after the arrangement or its verb; "an agreement to buy 96 helicopters from X"
    starts = [anchor + m.end() for anchor in ((cue_end, verb[1]) if verb else (cue_end,))
              if (m := re.match(r"[^,;.]{0,40}?\bwith\s+", text[anchor:]))]
    if (m := _PURCHASE_FROM.match(text, cue_end)) is not None:
        starts.append(m.end())
    for start in starts:
        first = next((e for e in ents if start <= e[0] <= start + 40), None)
        owner = _POSSESSIVE.match(text, first[1]) if first and not first[2] else None
        if owner:  # "with Germany's Rheinmetall": the state only says whose the firm after it is
            first = next((e for e in ents if e[0] == owner.end()), first)
        if first and first[2] and not _CLAUSE_END.search(text, start, first[0]):
            return True
        if _FIRM_NOUN.match(text[start:start + 60]) or _firm_name_after(text, start):
            return True
    if not firms:
        return False
    # the subject: the entity nearest before the verb (or the arrangement), in the same clause
    anchor = verb[0] if verb and verb[0] < cue_start else cue_start
    before = [e for e in ents if e[1] <= anchor and not _CLAUSE_END.search(text, e[1], anchor)]
    if before and before[-1][2] and anchor - before[-1][1] <= 60:
        return True
    m = _BETWEEN.search(text)
    if m and abs(m.start() - cue_end) <= 60:
        return any(m.start("list") <= e[0] < m.start("list") + 80 for e in firms)
    return False


def with_partners(info: SentenceInfo, cue_start: int, cue_end: int, verb: tuple[int, int] | None) -> list[str]:
    """The states of a "with ..." phrase right after the arrangement or its verb ("the Visiting Forces
    Agreement with the United States", "talks on a pact with France"), whoever the subject is."""
    spans = _state_spans(info)
    text = info.text
    for anchor in ((cue_end, verb[1]) if verb else (cue_end,)):
        # the arrangement's subject phrase ("an MoU on defence cooperation and exchanges with X") may stand between
        m = re.match(r"[^,;.()]{0,50}?\bwith\s+(?:(?:the|his|her|their|its)\s+)?", text[anchor:])
        if not m:
            continue
        start = anchor + m.end()
        first = next((i for i, sp in enumerate(spans) if sp[0] == start), None)
        if first is not None:
            return _coordinated_from(text, spans, first, len(text))
    return []
