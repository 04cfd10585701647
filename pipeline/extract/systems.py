"""Recognise weapon systems: gazetteer aliases plus designation and class patterns.

Gazetteer hits carry category, origin country and manufacturer.  Unknown designations
("K239", "XF-9") and class names ("Hamilton-class") are kept with the category inferred
from nearby nouns; without one they are dropped (they are probably not weapons).
Variants fold into their family: "FA-50PH" and "K9A1" resolve to "FA-50" and "K9".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from schemas.vocab import CATEGORIES

from .categories import category_near, category_span
from .docscan import SentenceScan, document_gate
from .money import find_money
from .prefilter import Keywords, fold
from pipeline.reference import rows, split_aliases
from .trie import gazetteer_pattern, upper_split


@dataclass(frozen=True)
class SystemHit:
    system: str  # canonical name (gazetteer) or the designation as written
    surface: str
    start: int
    end: int
    category: str | None
    origin: str | None
    manufacturer: str | None
    known: bool
    typed: bool = False  # named only by its type ("patrol vessels", see system_types)


@dataclass(frozen=True)
class _Entry:
    system: str
    category: str | None
    origin: str | None
    manufacturer: str | None


def norm_system(name: str) -> str:
    """Upper case, accents, spaces, hyphens and slashes removed (as the scorer compares)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\s\-_/.]", "", s).upper()


def extends_family(longer: str, shorter: str) -> bool:
    """'FA50PH' extends 'FA50' (by letters), 'K239' does not extend 'K2' (by a digit)."""
    return (len(shorter) >= 2 and longer.startswith(shorter) and len(longer) > len(shorter)
            and not longer[len(shorter)].isdigit())


# A variant code: a few letters and digits ("QA", "SME", "E/F", "Mk1A", "NG") or a numbered build
# standard ("Block 20", "Batch 2", "Flight III"); a longer remainder is a name ("K9 Thunder").
_VARIANT_CODE = re.compile(r"^(?:[A-Z0-9]{1,4}|(?:BLOCK|BATCH|FLIGHT|INCREMENT|TRANCHE|MARK)[A-Z0-9]{1,4})$")
_BUILD_STANDARD = re.compile(r"^(?:BLOCK|BATCH|FLIGHT|INCREMENT|TRANCHE)")


@lru_cache(maxsize=4096)
def variant(name: str) -> str:
    """The variant code by which a name extends the shortest name of its gazetteer entry:
    "F-15QA" -> "QA", "Gripen E/F" -> "EF", "Tejas Mk1A" -> "MK1A"; "" for the entry's own name,
    a plain alias or an unknown designation."""
    entry = resolve(name)
    if entry is None:
        return ""
    key = norm_system(name)
    names = _entry_names().get(entry.system, ())
    best = ""
    for n in names:
        if n != key and key.startswith(n) and (not best or len(n) < len(best)) and (extends_family(key, n) or n[-1].isdigit()):
            best = n
    if not best:
        return ""
    rest = key[len(best):]
    return rest if _VARIANT_CODE.match(rest) else ""


def variants_compatible(a: str, b: str) -> bool:
    """Two names of one family can be one acquisition unless both name a variant and the
    variants differ ("Gripen C/D" and "Gripen E/F" are two; "Gripen" and "Gripen E" one)."""
    va, vb = variant(a), variant(b)
    if va and vb and bool(_BUILD_STANDARD.match(va)) != bool(_BUILD_STANDARD.match(vb)):
        return True  # "FA-50M" and "FA-50 Block 20": a model and a build standard can be one aircraft
    return not va or not vb or va.startswith(vb) or vb.startswith(va)


def as_written(hit: "SystemHit") -> str:
    """The system as the text names it: a variant ("F-15QA", "CAESAR Mk2") or any name the gazetteer
    lists ("Black Hawk"), without a maker's name before a designation ("Sukhoi Su-30" -> "Su-30");
    the gazetteer's name for a form it knows only in another case."""
    if not hit.known or hit.surface == hit.system:
        return hit.system
    surface = hit.surface
    _, by_surface, _ = _gazetteer()
    if surface.endswith("s") and surface not in by_surface:  # a plural the gazetteer pattern allows: "F-15QAs"
        if surface.endswith("es") and surface[:-2] in by_surface:
            surface = surface[:-2]
        elif surface[:-1] in by_surface or len(surface) > 2 and (surface[-2].isdigit() or surface[-2].isupper()):
            surface = surface[:-1]  # ... or a designation's: "M109A3s"
    head, _, rest = surface.partition(" ")
    if rest and not _DIGIT.search(head) and _DIGIT.search(rest) and resolve(rest) is resolve(surface):
        surface = rest  # a maker's name before the designation ("Mil Mi-35", "Sukhoi Su-30MKI"): the designation
    if variant(surface) or _DIGIT.search(surface) or _CLASS_NAME.search(surface):
        # a designation with a number, a class of ships: cited as written ("Stan Patrol 4207", "Jose Rizal-class")
        return surface
    # a name the gazetteer lists, cited as the text writes it ("Huey" for a Huey II, "Black Hawk"): the
    # text's own name is what a reader (and another article) recognises; a form matched only in another
    # case ("Amraam") gives way to the gazetteer's
    return surface if surface in by_surface and surface not in _title_forms() else hit.system


# "F-16", "K9A1", "Mi-17", "AH-64E", "F-16 Block 70": one to four capitals (or a capital and a
# lower-case letter), an optional hyphen, digits.  Written as [A-Z] then a look-behind, not as a
# leading (?<![\w-]), so that `re` can skip straight to the capitals (3x faster on a document);
# the same matches: (?<![\w-][A-Z]) after [A-Z] tests exactly the character before it.
# A designation: letters then digits ("K239", "FA-50", "Su-35", "M1A2"); a capitalised word joined to
# a number by a hyphen ("Fath-360", "Shahed-136") too, two digits at least.
_DESIGNATION = re.compile(
    r"[A-Z](?<![\w-][A-Z])(?:[A-Z]{0,3}-?\d{1,3}|[a-z]-?\d{1,3}|[a-z]{2,6}-\d{2,3})(?:[A-Z]{1,4}\d{0,2})?(?:-[A-Z]{1,3})?"
    r"(?:\s+Block\s+\d+(?:/\d+)?)?(?:(?<=[\dA-Z])s)?(?![\w-])(?![.,]\d)")  # "QR174.2m", "Rs1,200": an amount, not a name
# (a plural "s" may follow: "37 used M109A3s")
# A designation written with spaces ("OPV 58 S", "PC 35"): capitals, a space, one to three digits and
# perhaps a single capital.  Many other tokens look like that ("USD 400", "FY 25", "COP 29"), so it is
# a system only when a type noun follows within a few plain words ("OPV 58 S offshore patrol vessel").
_CAPS_WORD = re.compile(r"\b[A-Z]{4,}\b")  # a word in capitals (acronyms of two or three letters are left alone)
_SPACED_DESIGNATION = re.compile(r"(?<![\w-])[A-Z]{2,4} \d{1,3}(?: [A-Z]|[A-Z]{1,2})?(?![\w-])(?![.,]\d)")  # "OPV 60M"
_TYPE_NOUN_NEXT = re.compile(r" (?:[a-z][a-z-]* ){0,2}$")  # the words between it and the type noun
_CLASS_NAME = re.compile(r"[- ]class$")
# 'Falaj 3-class' too, and names of two or three words ('Hai Lung-class', 'Sea Dragon-class'); the
# words before the last are trimmed in _class_name when they are not part of a name
_CLASS = re.compile(r"(?<![\w-])((?:[A-Z][\w’'é]+ ){0,2}[A-Z][\w’'é]+(?: \d{1,3})?)[- ]class\b")
# capitalised words that open a sentence or qualify a class without naming it
_NOT_IN_A_CLASS_NAME = frozenset("""A An The Its Their His Her Our This That These Those Both All Two Three Four Five Six
Seven Eight Nine Ten Twelve New First Second Third Last Next Other Another Some Several More Further Additional Modern
Royal Navy Naval Army Air Force Coast Guard Marine Marines Fleet Ship Ships Two-ship""".split())
_DIGIT = re.compile(r"\d")
# a gazetteer name ends a word, perhaps in a plural ("two K9s", "three Pumas")
_PLURAL_END = r")(?:s|es)?(?![\w-])"
# a mark alone ("Mk3", "Mk-1A") is a build standard of a name written before it, not a system
_NOT_SYSTEMS = re.compile(r"^(?:COVID|G\d|P\d|RM\d|MYR|PHP|USD|EUR|KRW|PLN|INR|AUD|Rs|F\d{3}$|Q\d|H\d$|M[kK]-?\d)")


@lru_cache(maxsize=None)
def _gazetteer() -> tuple[re.Pattern | None, dict[str, _Entry], dict[str, _Entry]]:
    by_surface: dict[str, _Entry] = {}
    by_norm: dict[str, _Entry] = {}
    for row in rows("weapon_systems.csv"):
        name = row.get("system", "")
        if not name:
            continue
        cat = row.get("category") or None
        entry = _Entry(name, cat if cat in CATEGORIES else None,
                       (row.get("origin_country") or "").upper() or None, row.get("manufacturer") or None)
        for surface in [name, *split_aliases(row.get("aliases", ""))]:
            if len(surface) >= 2:
                by_surface.setdefault(surface, entry)
                by_norm.setdefault(norm_system(surface), entry)
    for surface in _title_forms():
        entry = by_norm.get(norm_system(surface))
        if entry is not None:
            by_surface.setdefault(surface, entry)
    if not by_surface:
        return None, by_surface, by_norm
    return gazetteer_pattern(by_surface, _PLURAL_END), by_surface, by_norm


# An acronym of four letters or more is also written as a word ("Nasams", "Himars", "Anka"), as
# British and Turkish outlets do.  Such a word may be a name too ("Murad", "Dana"), so find_systems
# keeps it only beside a category noun.
_ACRONYM = re.compile(r"([A-Z]{4,})((?:[-\s][A-Z0-9]+)*)")  # "NASAMS", "IRIS-T": the word and a tail kept as is


@lru_cache(maxsize=None)
def _title_forms() -> frozenset[str]:
    """The word forms of the gazetteer's acronyms that the gazetteer does not list itself."""
    listed: set[str] = set()
    acronyms: set[str] = set()
    for row in rows("weapon_systems.csv"):
        for surface in [row.get("system", ""), *split_aliases(row.get("aliases", ""))]:
            listed.add(surface)
            m = _ACRONYM.fullmatch(surface)
            if m:
                acronyms.add(m.group(1).capitalize() + m.group(2))
    return frozenset(acronyms) - listed


@lru_cache(maxsize=None)
def _ship_prefix() -> re.Pattern | None:
    """A navy's ship prefix right before a name ("PNS Babur", "INS Vikrant"): the name is a
    vessel's, even when a weapon shares it (reference/ship_prefixes.csv)."""
    prefixes = sorted({r["prefix"] for r in rows("ship_prefixes.csv") if r.get("prefix")}, key=len, reverse=True)
    if not prefixes:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, prefixes)) + r")\.?\s+$")


# A name followed by "class" names a class of ships ("the Babur class", "Hangor-class"), even when
# a missile or an aircraft shares the name.
_SHIP_CLASS_AFTER = re.compile(r"[- ]class\b")
_NAVAL = frozenset({"naval_vessel", "submarine"})


def _names_a_ship(sentence: str, start: int, end: int, category: str | None) -> bool:
    """A non-naval gazetteer name used as a ship's name or a ship class's name."""
    if category in _NAVAL:
        return False
    if "class" in sentence and _SHIP_CLASS_AFTER.match(sentence, end):
        return True
    prefix = _ship_prefix()
    return prefix is not None and start > 1 and sentence[start - 1] == " " and \
        prefix.search(sentence, max(0, start - 8), start) is not None


@lru_cache(maxsize=None)
def _entry_names() -> dict[str, tuple[str, ...]]:
    """Every normalised name (canonical and aliases) of each gazetteer entry."""
    out: dict[str, list[str]] = {}
    for row in rows("weapon_systems.csv"):
        name = row.get("system", "")
        if name:
            out.setdefault(name, []).extend(norm_system(a) for a in [name, *split_aliases(row.get("aliases", ""))])
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _no_digit_pattern() -> re.Pattern | None:
    """The gazetteer pattern for a sentence without a digit: over the names starting with an
    upper-case letter, when every other name has a digit (so cannot be in such a sentence)."""
    pattern, by_surface, _ = _gazetteer()
    if pattern is None:
        return None
    upper, other = upper_split(by_surface)
    if not upper or not all(_DIGIT.search(w) for w in other):
        return pattern
    return gazetteer_pattern(upper, _PLURAL_END)


@lru_cache(maxsize=4096)  # pure; the family search walks the whole gazetteer
def resolve(name: str) -> _Entry | None:
    """Gazetteer entry for a name or for the family it extends (longest family wins)."""
    _, _, by_norm = _gazetteer()
    key = norm_system(name)
    if key in by_norm:
        return by_norm[key]
    # the longest gazetteer name that `key` extends (extends_family): one of its own prefixes, so
    # looked up prefix by prefix, longest first, instead of walking the whole gazetteer
    for i in range(len(key) - 1, 1, -1):
        if not key[i].isdigit():
            entry = by_norm.get(key[:i])
            if entry is not None:
                return entry
    return None


def _upper_gazetteer(pattern: re.Pattern) -> tuple[re.Pattern | None, Keywords]:
    """(the gazetteer pattern over the names starting with a capital, a document gate (see docscan)
    over the other names folded); (None, ...) when no name starts otherwise.  Remembered for the
    gazetteer `pattern` by identity (hashing a compiled pattern hashes its whole program)."""
    global _UPPER
    if _UPPER is None or _UPPER[0] is not pattern:
        _UPPER = (pattern, _split_gazetteer())
    return _UPPER[1]


_UPPER: tuple[re.Pattern, tuple[re.Pattern | None, Keywords]] | None = None


def _split_gazetteer() -> tuple[re.Pattern | None, Keywords]:
    _, by_surface, _ = _gazetteer()
    upper, other = upper_split(by_surface)
    if not other or not upper or not all(w.isascii() for w in other):
        return None, Keywords()  # (docscan answers gates of ASCII words)
    gate = document_gate(Keywords(*sorted({fold(w) for w in other})))
    return gazetteer_pattern(upper, _PLURAL_END), gate


def systems_touched(scan: SentenceScan, has_digit: bool = True) -> set[int]:
    """A superset of the sentences of a document in which find_systems can find something (see
    SentenceScan.touched_by; the gazetteer, designation and class patterns are of the kind it
    allows): the others need not be searched.  `has_digit`: whether the document has a digit."""
    pattern = _gazetteer()[0]
    if pattern is None:
        out = set(scan.unsafe)
    else:
        upper, others = _upper_gazetteer(pattern)
        # the few names not starting with a capital ("2S19", "nEUROn", "upgraded Mogami") make the
        # scan try a match at every digit and common letter: the capitalised names are scanned for
        # (only names sharing a first character compete, so a match of the full pattern starting
        # with a capital is one of theirs), the others looked up in the document gates' pass
        out = scan.touched_by(upper) | scan.with_words(others) if upper is not None else scan.touched_by(pattern)
    if has_digit:
        out |= scan.touched_by(_DESIGNATION) | scan.touched_by(_SPACED_DESIGNATION)
    if "class" in scan.text:
        out |= scan.touched_by(_CLASS)
    return out


def find_systems(sentence: str, exclude=(), has_digit: bool | None = None) -> list[SystemHit]:
    """`exclude`: spans no hit may overlap, or a function giving them, called only when a candidate
    needs the test (most sentences have none).  `has_digit`: whether the sentence has a digit, when
    the caller knows (None: test here)."""
    if has_digit is None:
        has_digit = bool(_DIGIT.search(sentence))
    pattern, by_surface, _ = _gazetteer()
    if not has_digit:
        pattern = _no_digit_pattern()
    found = list(pattern.finditer(sentence)) if pattern is not None else []
    if pattern is not None and _CAPS_WORD.search(sentence):
        # a name in capitals, as press releases write it ("20 more LEOPARD 2 A8 tanks"): the gazetteer
        # is matched on the words written in title case too (the same length, so the same offsets)
        titled = _CAPS_WORD.sub(lambda w: w.group().capitalize(), sentence)
        known = {m.start() for m in found}
        found = sorted(found + [m for m in pattern.finditer(titled) if m.start() not in known
                                and sentence[m.start():m.end()] != m.group()], key=lambda m: m.start())
    if not found and not has_digit and "class" not in sentence:
        return []  # most sentences: no gazetteer name, no designation, no class name
    hits: list[SystemHit] = []
    taken: list[tuple[int, int]] = []
    pending = [exclude]

    def free(s: int, e: int) -> bool:
        if pending:
            spans = pending.pop()
            taken[:0] = spans() if callable(spans) else spans
        return all(e <= a or s >= b for a, b in taken)

    if found:
        for m in found:
            surface = m.group(0)  # (a name written in capitals in title case: the gazetteer's form, as written)
            # plural forms: "Rafales" -> "Rafale", "Scorpène submarines" -> "Scorpène submarine", "MLRSes"
            entry = by_surface.get(surface) or by_surface.get(surface[:-1]) or by_surface.get(surface[:-2])
            if entry is None or not free(m.start(), m.end()) or _names_a_ship(sentence, m.start(), m.end(), entry.category):
                continue
            if (surface in _title_forms() or surface[:-1] in _title_forms()) and \
                    category_near(sentence, m.start(), m.end()) is None:
                continue
            hits.append(SystemHit(entry.system, surface, m.start(), m.end(),
                                  entry.category or category_near(sentence, m.start(), m.end()),
                                  entry.origin, entry.manufacturer, True))
            taken.append((m.start(), m.end()))
    # gates: a designation has a digit, a class name the word "class" (most sentences have neither)
    for m in _DESIGNATION.finditer(sentence) if has_digit else ():
        surface = m.group(0)
        if not free(m.start(), m.end()) or _NOT_SYSTEMS.match(surface):
            continue
        entry = resolve(surface) or (resolve(surface[:-1]) if surface.endswith("s") else None)
        if entry is not None:
            if _names_a_ship(sentence, m.start(), m.end(), entry.category):
                continue
            hits.append(SystemHit(entry.system, surface, m.start(), m.end(),
                                  entry.category or category_near(sentence, m.start(), m.end()),
                                  entry.origin, entry.manufacturer, True))
        else:
            cat = category_near(sentence, m.start(), m.end(), after=40, before=0)
            if cat is None:
                continue
            hits.append(SystemHit(surface, surface, m.start(), m.end(), cat, None, None, False))
        taken.append((m.start(), m.end()))
    for m in _SPACED_DESIGNATION.finditer(sentence) if has_digit else ():
        if not free(m.start(), m.end()) or _NOT_SYSTEMS.match(m.group(0)):
            continue
        # (the amount test too, not only `exclude`: find_systems is also called without it)
        noun = category_span(sentence, m.end(), after=30)
        if noun is None or not _TYPE_NOUN_NEXT.match(sentence[m.end():noun[1]]) or \
                any(h.start < m.end() and m.start() < h.end for h in find_money(sentence)):
            continue
        hits.append(SystemHit(m.group(0), m.group(0), m.start(), m.end(), noun[0], None, None, False))
        taken.append((m.start(), m.end()))
    for m in _CLASS.finditer(sentence) if "class" in sentence else ():
        if not free(m.start(), m.end()):
            continue
        start, name = _class_name(m)
        if start is None:
            continue
        entry = resolve(name)
        if entry is not None and entry.category not in _NAVAL and entry.category is not None:
            entry = None  # a class of ships named like a missile or an aircraft is not that weapon
        cat = (entry.category if entry else None) or category_near(sentence, m.start(), m.end(), after=30, before=0)
        if cat is None:
            continue
        hits.append(SystemHit(entry.system if entry else name, sentence[start:m.end()], start, m.end(), cat,
                              entry.origin if entry else None, entry.manufacturer if entry else None,
                              entry is not None))
        taken.append((start, m.end()))
    hits.sort(key=lambda h: h.start)
    return _with_variant_suffixes(sentence, _joined_designations(sentence, hits))


def _class_name(m: re.Match) -> tuple[int | None, str]:
    """(start, "<name>-class") of a class match, its leading words trimmed while they are function
    words, a force's name, a state's adjective or a possessive ("the Korean Jose Rizal-class"); None
    when no word is left."""
    words = m.group(1).split(" ")
    start = m.start(1)
    demonyms = _demonyms()
    while len(words) > 1 and (words[0] in _NOT_IN_A_CLASS_NAME or words[0] in demonyms or words[0].endswith(("'s", "’s"))):
        start += len(words[0]) + 1
        words = words[1:]
    if words[0] in _NOT_IN_A_CLASS_NAME or words[0] in demonyms:
        return None, ""
    return start, " ".join(words) + "-class"


@lru_cache(maxsize=None)
def _demonyms() -> frozenset[str]:
    return frozenset(r["demonym"] for r in rows("demonyms.csv") if r.get("demonym"))


def _joined_designations(sentence: str, hits: list[SystemHit]) -> list[SystemHit]:
    """An unknown designation written right before a known name is that system's designation
    ("EMB-312 Tucano", "Type 23 Duke-class"): one hit spanning both, not two systems."""
    out: list[SystemHit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is not None and not prev.known and h.known and sentence[prev.end:h.start] == " ":
            out[-1] = SystemHit(h.system, sentence[prev.start:h.end], prev.start, h.end, h.category, h.origin,
                                h.manufacturer, True)
            continue
        out.append(h)
    return out


# A mark or build standard written after a known name belongs to it: "CAESAR Mk2", "Rafale F4".
_SUFFIX = re.compile(r"(?:Mk|Mark|MK)\.?[\s-]?\d+[A-Z]?|Block\s\d+|F\d|[A-Z]{1,2}\d?")


_MARK_AFTER = re.compile(r" (?:Mk|Mark|MK)\.?[\s-]?\d+[A-Z]?(?![\w-])")


def _with_mark(sentence: str, h: SystemHit) -> SystemHit:
    m = _MARK_AFTER.match(sentence, h.end) if h.known else None
    if m is None:
        return h
    return SystemHit(h.system, sentence[h.start:m.end()], h.start, m.end(), h.category, h.origin, h.manufacturer, True)


_STEM = re.compile(r"[A-Z]+\d+")


def _same_stem(a: str, b: str) -> bool:
    """Two names of one designation family: "C-130J" and "C-130 Hercules" (both C130)."""
    ma, mb = _STEM.match(norm_system(a)), _STEM.match(norm_system(b))
    return ma is not None and mb is not None and ma.group(0) == mb.group(0)


def _with_variant_suffixes(sentence: str, hits: list[SystemHit]) -> list[SystemHit]:
    """A known hit and an unknown designation right after it ("CAESAR" "Mk2"), or the name of its
    designation family ("C-130J-30" "Hercules"), are one hit."""
    if "M" in sentence:  # "Tejas Mk-1A", "CAESAR Mk 2": a mark written after a known name is its build standard
        hits = [_with_mark(sentence, h) for h in hits]
    if len(hits) < 2:
        return hits
    out: list[SystemHit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.known and h.start == prev.end + 1 and sentence[prev.end] == " "
                and (not h.known and _SUFFIX.fullmatch(h.surface) or h.known and _same_stem(prev.system, h.system))):
            # "CAESAR Mk2"; "C-130J-30 Hercules": the family's name after a variant's designation
            out[-1] = SystemHit(prev.system, sentence[prev.start:h.end], prev.start, h.end, prev.category,
                                prev.origin, prev.manufacturer, True)
            continue
        if prev is not None and prev.known and not h.known and h.start == prev.end + 1 and sentence[prev.end] == " " \
                and _DIGIT.search(h.surface):
            # "145 M777A2 LW155 ultralight howitzers": a second designation of the same item, which the
            # gazetteer does not know, is no system of its own
            continue
        out.append(h)
    return out
