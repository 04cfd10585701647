"""Systems named only by their type: "two patrol vessels", "interceptor boats", "four corvettes".

GUIDELINES allow a procurement whose system the text names only by type and count; the system
is then what the text calls it.  A type phrase is a head noun from reference/system_types.csv
with the descriptive words before it ("mine countermeasure vessels"); a head that says little on
its own ("boats", "vehicles") needs such a word, a specific one ("corvettes") may stand with a
count alone.  Determiners ("the vessels", "its tanks") refer back to a deal already named and
are not new systems; the caller only asks in acquisition sentences that name no system.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .categories import category_near
from .prefilter import Keywords, fold, folded_pattern
from .quantities import word_to_int
from pipeline.reference import directory_key, rows
from .role_cues import cues, pattern as cue_pattern
from .systems import SystemHit

# Words that end a type phrase on its left: function words, counts, and generic qualifiers that
# describe the order rather than the type ("new", "more", "used").
_STOP = frozenset("""a an the its their his her our this that these those of for and or to from with by in on at
    as into under over about up new brand brand-new more additional further extra used second-hand some several many few other
    such all both each any no one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds
    million billion is are was were be been will would also only first second third last final initial remaining
    modern advanced including include includes included plus military brought bought sold built made given sent
    won held kept which who whom whose makes builds produces supplies operates cover covers comprise comprises
    involve involves feature features deliver delivers supply order orders receive receives acquire acquires
    buy buys sister against between during after before via without within through across towards near like per
    protect protects protecting defend defends involving covering concerning regarding featuring comprising
    supplying providing building buying acquiring ordering""".split())
# words that set a type phrase aside from what the sentence tells ("Besides armed drones, the army wants ..."):
# the phrase is not an object of the sentence's deal
_ASIDE = frozenset("besides despite beyond unlike except apart".split())  # verbs that take the type as object; "sister ships" are of a class told before
# Participles that are type adjectives, not verbs ("armed attack boat", "unmanned surface vessels").
_ADJECTIVE_ED = frozenset("""armed armoured armored unmanned uncrewed crewed guided tracked wheeled mounted
    self-propelled integrated moored""".split())
# A type word that qualifies another noun is not the object: "the anti-ship missile acquisition project".
_COMPOUND_AFTER = re.compile(r"\s+(?:acquisition|project|programme|program|deal|contract|order|purchase|production|plant|"
                             r"factory|maker|manufacturer|industry|engines?|crews?|pilots?|base|capabilit\w+|technology|"
                             r"components?|parts|spares|ammunition|training|maintenance|upgrade|moderni[sz]ation|tender|"
                             r"requirement|budget|segment|market|sector|exports?|imports?)\b", re.I)
# Work on equipment already held is not its acquisition: "to modernise 225 infantry fighting vehicles,
# including 142 first-phase vehicles" (anywhere earlier in the clause).
_SERVICE_BEFORE = re.compile(r"\b(?:moderni[sz]\w*|upgrad\w*|overhaul\w*|refit\w*|retrofit\w*|maintain\w*|"
                             r"maintenance of|repair\w*|refurbish\w*)\b[^;.]{0,120}$", re.I)
# ... and equipment being retired or replaced, named right before: "to replace its ageing patrol boats"
_RETIRED_BEFORE = re.compile(r"\b(?:retir\w+|replac\w+|decommission\w*|phas\w+ out)\s+(?:[\w,-]+\s+){0,5}$", re.I)
# a count right before the phrase, perhaps with "new", "more": "two new patrol vessels"
_COUNT = re.compile(r"(?<![\w$€£¥.,/-])(\d{1,3}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"a dozen|dozen)\s+(?:(?:brand[\s-]new|new|more|additional|used|further|extra|second-hand)\s+)?$", re.I)
# a name right before a type phrase, as in "six Komodo armoured vehicles", "12 Condor II helicopters":
# one to three words, the first capitalised, the others capitalised, Roman numerals, small numbers or a
# wheel formula ("118 Hizir 4x4 armoured vehicles")
_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|[IVX]{1,4}|\d{1,3}|\d+x\d+)){0,2})\s+$")
# a sentence opening with capitalised words up to the type phrase: "Air Defence Fire Control " (radars)
_TITLE_OPENING = re.compile(r"[\W\d]*?((?:[A-Z][\w-]*\s+){1,5})")
_DETERMINED = re.compile(r"\b(?:the|its|their|these|those|this|that|our|his|her)\s+(?:[\w,-]+\s+)?$", re.I)
_WORD = re.compile(r"([A-Za-z][\w'-]*)\s+$")
# what an acquisition is of: "for the acquisition of Sarang ESM systems", "a contract for Komodo vehicles"
_ACQUISITION_OF = re.compile(r"\b(?:acquisition|procurement|purchase|supply|delivery)\s+of\s+$|"
                             r"\b(?:contract|order|deal)\s+for\s+$", re.I)
_THE_COUNT = re.compile(r"\bthe\s+(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:new\s+)?$", re.I)


@lru_cache(maxsize=4)
def _types(directory: str) -> tuple[re.Pattern | None, dict[str, tuple[str, bool]], Keywords]:
    heads = {r["head"].lower(): (r["category"], r.get("needs_modifier") == "1") for r in rows("system_types.csv")}
    if not heads:
        return None, heads, Keywords()
    alternation = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len, reverse=True))
    pattern = folded_pattern(rf"\b(?P<head>{alternation})(?:s|es)?\b")  # runs on the folded sentence
    return pattern, heads, Keywords(*sorted({h.split()[-1][:6] for h in heads}))


def specific_head(phrase: str) -> str | None:
    """The head noun of a type phrase when it names a type by itself ("minesweepers" -> "minesweeper"),
    None for a head that needs a modifier to name one ("vessels", "aircraft") or for a name."""
    heads = _types(directory_key())[1]
    last = phrase.split()[-1].lower() if phrase.split() else ""
    for head in (last, last[:-1], last[:-2]):
        if head in heads:
            return None if heads[head][1] else head
    return None


def type_gate() -> Keywords:
    """A gate (see prefilter): every type phrase contains one of these words, folded."""
    return _types(directory_key())[2]


def find_types(sentence: str, folded: str | None = None, taken: tuple[tuple[int, int], ...] = (),
               counted_the: bool = False) -> list[SystemHit]:
    """Type phrases of a sentence, as SystemHits with the phrase as the system (not known).  A
    counted phrase with a name before it that no gazetteer knows ("six Komodo armoured vehicles")
    is that named system, as written.  `folded`: fold(sentence), when the caller has it; `taken`:
    spans of states, demonyms and organisations, which are no system's name ("two Airbus helicopters").
    `counted_the`: "the" and a count ("to build the two Aegis System Equipped Vessels") may open a first
    mention, for a caller that knows no deal in hand is of the type's kind."""
    pattern, heads, _ = _types(directory_key())
    if pattern is None:
        return []
    out: list[SystemHit] = []
    for m in pattern.finditer(fold(sentence) if folded is None else folded):
        category, needs_modifier = heads[re.sub(r"\s+", " ", m.group("head"))]
        start = m.start()
        words = 0
        while words < 3:
            w = _WORD.search(sentence, max(0, start - 40), start)
            if w is None or w.end() != start:
                break
            word = w.group(1)
            low = word.lower()
            if low in _ASIDE:
                start = -1
                break
            # ... capitalised only as the sentence's first word ("Armoured recovery vehicles, ...")
            initial = not sentence[:w.start()].strip(" \"'“‘([")
            # a hyphenated "-ed" word is an adjective ("high-speed", "twin-engined"), not a verb
            if (low in _STOP or low.endswith("ed") and low not in _ADJECTIVE_ED and "-" not in low
                    or low.endswith("ly") or "'" in word
                    or word != low and not (initial and word == low.capitalize()) or len(word) < 3):
                break  # a type is described in lower-case words; a name, a count or a verb ends it
            # ... that describes the unit, not its type: it alone does not make a bare head a type phrase
            # ("nuclear-powered submarines" with no count is no new system)
            start, words = w.start(), words + (not (low.endswith("ed") and "-" in low))
        if start < 0 or start > 0 and sentence[start - 1] == "-":
            continue  # set aside (_ASIDE), or part of a compound ("FA-50-based trainers")
        title = _TITLE_OPENING.fullmatch(sentence, 0, start)
        if title is not None and (any(w.lower() in _STOP for w in title.group(1).split())
                                  or any(a < start and b > title.start(1) for a, b in taken)):
            title = None  # "Two patrol vessels", "The Navy Patrol Vessels": a count or a determiner, no name
        if title is not None:
            # "Next Generation Fast Patrol Vessels for the Coast Guard": an item of a list or a heading names
            # its system in title case, as written
            start, words = title.start(1), words + 1
        name = None if title is not None else _name_before(sentence, start, taken)
        if name is not None:
            start, words = name[0], words + 1
        if _DETERMINED.search(sentence, max(0, start - 30), start) and not (
                counted_the and _THE_COUNT.search(sentence, max(0, start - 30), start)):
            continue  # "the two patrol vessels", "its tanks": a reference to a deal already told
        if (_COMPOUND_AFTER.match(sentence, m.end()) or _SERVICE_BEFORE.search(sentence, max(0, start - 130), start)
                or _RETIRED_BEFORE.search(sentence, max(0, start - 60), start)):
            continue
        count = type_count(sentence, start)
        if needs_modifier and not words or not words and count is None:
            continue
        if name is not None and count is None and not _ACQUISITION_OF.search(sentence, max(0, name[0] - 40), name[0]):
            continue  # "the Komodo armoured vehicles" refers back; "Army patrol boats" has no count either
            # (but "the acquisition of Sarang electronic support systems" names what is bought)
        phrase = sentence[start:m.end()]
        # the descriptive words can tell a finer category ("light combat aircraft", "surface-to-air
        # missiles"); a ship head keeps its own ("boats" would read as submarines)
        near = None if category == "naval_vessel" else category_near(phrase, 0, 0, after=len(phrase), before=0)
        system = sentence[name[2]:name[1]] if name is not None else phrase
        out.append(SystemHit(system, phrase, start, m.end(), near or category, None, None, False, typed=True))
    return out


def _name_before(sentence: str, start: int, taken: tuple[tuple[int, int], ...]) -> tuple[int, int, int] | None:
    """(start, end, name start) of a system's name right before a type phrase at `start`, after a count:
    the name starts after a maker's word ("24 Airbus-built Caracal helicopters": "Caracal")."""
    m = _NAME_BEFORE.search(sentence, max(0, start - 40), start)
    if m is None or not sentence[:m.start()].strip():
        return None  # a capitalised first word of the sentence is no name
    first = m.group(1).split()[0]
    # "24 French-built Caracal helicopters": the maker's word before the name may be a state or a firm
    lo = m.start(1) + len(first) + 1 if " " in m.group(1) and first.endswith(cues("supplier_suffix")) else m.start(1)
    if any(a < m.end(1) and lo < b for a, b in taken):
        return None  # a state, a demonym or a firm: "four French frigates", "two Airbus helicopters"
    if cue_pattern("not_system_name").search(sentence, m.start(1), m.end(1)):
        return None  # "two Navy patrol boats": a service, not a system
    return m.start(1), m.end(1), lo


def type_count(sentence: str, start: int) -> int | None:
    """The count right before a type phrase ("two new patrol vessels"); a number further back
    belongs to something else ("OPV 58 S offshore patrol vessel")."""
    c = _COUNT.search(sentence, max(0, start - 30), start)
    return word_to_int(c.group(1)) if c else None
