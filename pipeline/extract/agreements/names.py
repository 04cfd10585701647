"""Proper names of arrangements, and the acronyms an article defines for them.

News introduces a named arrangement once in full, often with its acronym
("the Basic Exchange and Cooperation Agreement (BECA)", "a Defence Cooperation
Agreement (DCA)") and then uses the acronym alone ("BECA was signed ...").  A
document-level registry of those acronyms lets later sentences that never say
"agreement" still be recognised as talking about that arrangement.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .types import agreement_type
from ..prefilter import Keywords
from ..trie import gazetteer_pattern

# the word that ends a proper arrangement name
_HEAD = (r"(?:Agreement|Treaty|Accord|Pact|Arrangement|Partnership|Annex|Convention|Protocol|Declaration|"
         r"Memorandum of (?:Understanding|Agreement|Cooperation))")
_CAP = r"[A-Z][\w'’&.-]*"
_LINK = r"(?:and|of|on|for|the|in|to|with)"
# 1-9 words before the head, starting with a capitalised word; linking words allowed inside
NAME = re.compile(rf"(?P<full>{_CAP}(?:\s+(?:{_CAP}|{_LINK})){{0,8}}?\s+{_HEAD}(?:\s+{_HEAD})?)"
                  rf"(?:\s*\((?P<abbr>[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?)\))?")
# A gate for NAME (see prefilter): every name ends with one of these words, as written.
HEAD_WORDS = Keywords("Agreement", "Treaty", "Accord", "Pact", "Arrangement", "Partnership", "Annex", "Convention",
                       "Protocol", "Declaration", "Memorandum")
# descriptive words: a capitalised run made only of these describes a kind of arrangement
# ("Free Trade Agreement", "Comprehensive Strategic Partnership"), it does not name one
_DESCRIPTIVE = {"Free", "Trade", "Defence", "Defense", "Security", "Cooperation", "Co-operation", "Strategic",
                "Comprehensive", "Partnership", "Economic", "Military", "Mutual", "Framework", "Industry",
                "Industrial", "Bilateral", "Government-to-Government", "Enhanced", "Agreement", "Treaty", "Accord",
                "Pact", "Arrangement", "Annex", "Convention", "Protocol", "Declaration", "Memorandum", "Understanding",
                "Joint", "Statement", "Special", "Global", "Partners", "Peace", "Friendship"}
_LEADING_NOISE = {"The", "A", "An", "This", "That", "Its", "Their", "Under", "In", "On", "At", "By", "And", "Last",
                  "New", "Historic", "Landmark", "Both", "Two", "Three"}


_PLACE_AFTER = re.compile(r"\s+(?:Cent(?:re|er)|Hall|Hotel|Building|Complex|Square|Street|Park)\b")


@dataclass(frozen=True)
class NamedArrangement:
    key: str  # acronym when defined, else the full name
    full: str
    type: str


def _trim(full: str) -> str:
    # "... the United Kingdom to the Comprehensive Security Agreement": a name runs from its own "the";
    # one inside ("Treaty on the Non-Proliferation of ...") follows its head's preposition
    cut = _JOINED_TO.search(full)
    words = (full[cut.end():] if cut else full).split()
    # drop leading function words, sentence-initial articles and state adjectives are kept
    while len(words) > 2 and (words[0] in _LEADING_NOISE or words[0][0].islower()):
        words = words[1:]
    return " ".join(words)


_JOINED_TO = re.compile(r".*\s(?:to|with|into|between)\s+the\s+(?=[A-Z])")


def _is_generic_acronym(abbr: str) -> bool:
    """'(MoU)', '(FTA)', '(LoI)' name a kind of document, not one arrangement."""
    found = agreement_type(abbr)
    return bool(found) and found[1] == 0 and found[2] == len(abbr)


def find_names(sentence: str) -> list[tuple[NamedArrangement, int, int]]:
    """Proper names in a sentence with their spans; a name needs 2+ capitalised words before its head.
    These name an arrangement's identity: two different names are two arrangements."""
    return [(named, s, e) for named, s, e, definite in _names(sentence) if definite]


def written_names(sentence: str) -> list[tuple[str, int, int]]:
    """Every name as written in full, with its span, for publishing: the definite ones, and those
    written after "a"/"an" in running text ("signed a Reciprocal Access Agreement"; a writer
    capitalises a kind of document only in a headline).  An indefinite phrase is looser than
    "the X Agreement", so it only names a record, never tells two apart (find_names does)."""
    return [(named.full, s, e) for named, s, e, _ in _names(sentence)]


@lru_cache(maxsize=8192)  # pure (immutable results); a corpus repeats many sentences
def _names(sentence: str) -> tuple[tuple[NamedArrangement, int, int, bool], ...]:
    out = []
    if not HEAD_WORDS.in_(sentence):
        return out
    for m in NAME.finditer(sentence):
        if _PLACE_AFTER.match(sentence, m.end()):
            continue  # "the Qatar National Convention Centre" is a building
        full = _trim(m.group("full"))
        caps = [w for w in full.split() if w[0].isupper()]
        abbr = m.group("abbr")
        if abbr and _is_generic_acronym(abbr):
            abbr = None
        if not abbr and (len(caps) < 2 or all(w in _DESCRIPTIVE for w in caps)):
            continue
        # without an acronym, a proper name is definite ("the Lombok Treaty"); a title-case headline
        # ("Korea-Malaysia Strike Landmark Defence Pact") or "a Transformational Partnership" is not one
        definite = bool(abbr or re.search(r"\b(?:the|The)\s+$", sentence[max(0, m.start() - 5):m.start()])
                        or m.group("full").split()[0] == "The")
        if not definite and (_title_case(sentence) or not _INDEFINITE_BEFORE.search(sentence, 0, m.start())):
            continue
        found = agreement_type(full)
        kind = found[0] if found else "agreement"
        if kind == "mou" and full.split()[-1] == "Agreement":
            kind = "agreement"  # "Logistics Exchange Memorandum of Agreement": an agreement by name
        out.append((NamedArrangement(abbr or full, full, kind), m.start(), m.end(), definite))
    return tuple(out)


_INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:a|an)\s+$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _title_case(sentence: str) -> bool:
    """A headline capitalises most of its words; running text capitalises few."""
    words = _WORD.findall(sentence)
    return len(words) > 0 and sum(w[0].isupper() for w in words) * 2 > len(words)


def acronym_registry(sentences: list[str]) -> dict[str, NamedArrangement]:
    """Acronyms the document defines for arrangements, in first-definition order: "the Basic Exchange
    and Cooperation Agreement (BECA)", or an all-capitals word elsewhere in the document that spells the
    initials of a capitalised arrangement name ("Defense Cooperation Agreement" ... "signed the DCA")."""
    registry: dict[str, NamedArrangement] = {}
    for s in sentences:
        if "(" not in s:
            continue
        for named, _, _ in find_names(s):
            if named.key != named.full and named.key not in registry:
                registry[named.key] = named
    capitals = None
    joined = "\n".join(sentences)
    # a head word in a sentence is in the joined document: most documents have none (one test, not one per sentence)
    for s in sentences if HEAD_WORDS.in_(joined) else ():
        if not HEAD_WORDS.in_(s):
            continue
        for m in NAME.finditer(s):
            if m.group("abbr"):
                continue
            full = _trim(m.group("full"))
            for initials in initials_of(full):
                if initials in registry:
                    continue
                if capitals is None:  # the document's all-capitals words, once
                    capitals = set(_CAPS_WORD.findall(joined))
                if initials in capitals and not _is_generic_acronym(initials):
                    found = agreement_type(full)
                    registry[initials] = NamedArrangement(initials, full, found[0] if found else "agreement")
    return registry


_CAPS_WORD = re.compile(r"\b[A-Z]{3,6}\b")


def same_name(a: str, b: str) -> bool:
    """One arrangement's names: spelt alike ("Lombok Treaty" ~ "the Lombok Treaty"), or an acronym and
    the full name it abbreviates ("NSA" ~ "Nordic Skies Agreement")."""
    return fuzz.ratio(a, b) >= 85 or a in initials_of(b) or b in initials_of(a)


def initials_of(full: str) -> set[str]:
    """"Status of Forces Agreement" -> {"SFA", "SOFA"}: with and without its linking words."""
    words = [w for w in full.split() if w not in ("The", "the")]
    if sum(w[0].isupper() for w in words) < 3 or not all(w[0].isupper() or re.fullmatch(_LINK, w) for w in words):
        return set()
    caps = "".join(w[0] for w in words if w[0].isupper())
    every = "".join(w[0].upper() for w in words)
    return {x for x in (caps, every) if 3 <= len(x) <= 6}


def acronym_pattern(registry: dict[str, NamedArrangement]) -> re.Pattern | None:
    if not registry:
        return None
    return gazetteer_pattern(registry, r")(?![\w-])")
