"""Recognise unit counts: "18", "twelve", "a dozen", "two dozen", "half a dozen", "two
batches of six" (= 12), "six were ordered".

Years, money, percentages and counts of countries/people are not quantities; the
caller asks for the count attached to a system mention or a category noun.  Nor are a
number inside a designation ("Type 054", "Block 70"), a span of time ("two days after
the deal"), a rate ("three to five per year") or a fleet total ("bringing its fleet to 40").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .prefilter import Keywords, fold, folded_pattern
from pipeline.reference import directory_key, rows, split_aliases

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_WORD = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+(?:and\s+)?)?)?"
         r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
         r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
         r"|one|two|three|four|five|six|seven|eight|nine|ten)?")
NUMBER_WORDS = _WORD  # a count written in words ("twenty-four", "two hundred"); may match empty
_DOZEN = r"(?:half\s+a|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+dozen"
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})*|{_DOZEN}|dozen|a\s+pair\s+of|{_WORD})"
# the patterns run on folded text (prefilter.folded_pattern); groups are read from the original
_BATCHES = folded_pattern(rf"\b(?P<a>{_NUMBER})\s+(?:batches|squadrons|tranches|lots)\s+of\s+(?P<b>{_NUMBER})\b")
# the words every _BATCHES match holds: the number-word alternation is not tried at every offset
_BATCH_WORDS = Keywords("batches", "squadrons", "tranches", "lots")
# Words that may stand between a count and the system it counts ("12 more Korean FA-50 jets"); any
# lower-case hyphenated compound is an adjective ("high-speed", "Chinese-built", "all-weather").
# A capitalised word ("Korean", "Sukhoi", "U.S.-made") is a filler only when written with a capital: this
# pattern runs on the original text (a window of 80 characters), not on folded text.
# (a capitalised filler may be quoted: "three Israeli Grumman 'Hawkeye' E-2C")
_FILLER = (r"(?:more|additional|new|used|retired|second-hand|refurbished|ex-\w+|further|extra|of\s+the|"
           r"(?-i:[\"'‘“]?[A-Z][\w-]*[\"'’”]?)|(?-i:[A-Z]\.(?:[A-Z]\.)+-?[a-z]*)|light|heavy|advanced|modern|multirole|self-propelled|main\s+battle|"
           r"unmanned|armou?red|batches\s+of|units\s+of|first|last|initial|remaining|final|existing|older|surplus|former|"
           r"ageing|aging|(?:short|medium|long)-range|(?-i:[a-z]+-[a-z]+)|"
           r"(?:[a-z]+ly\s+)?(?:powered|built|made|designed|equipped|upgraded|modernised|modernized))")
# A digit run glued to a designation ("FA-50 jets", "F-16 Block 70/72 fighters") is part of
# the name, not a count: hence "-" and "/" in the look-behind.
_NOT_BEFORE_COUNT = r"(?<![\w$€£¥₩.,/-])"
_DIGITS_AT_END = re.compile(rf"{_NOT_BEFORE_COUNT}\d{{1,3}}(?:,\d{{3}})*$")
_NUMBER_AT_END = re.compile(rf"{_NOT_BEFORE_COUNT}(?=\S)(?:{_NUMBER})$", re.I)
_ONE_FILLER = re.compile(_FILLER, re.I)
# How a number word ends (folded): a cheap test before _NUMBER_AT_END runs on a word.
_NUMBER_WORD_END = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                    "twelve", "teen", "ty", "hundred", "dozen", "of")


def _number_ending(window: str, start: int, end: int) -> re.Match | None:
    """The leftmost number that ends at `end`, the end of the word at `start`.  A number
    spelt in words spans at most five words ("nine hundred and twenty one")."""
    if window[end - 1].isdigit():
        return _DIGITS_AT_END.search(window, start, end)
    if not fold(window[start:end]).endswith(_NUMBER_WORD_END):
        return None
    lo = start
    for _ in range(5):
        lo = len(window[:lo].rstrip())
        lo -= len(window[:lo].rsplit(None, 1)[-1]) if lo else 0
    return _NUMBER_AT_END.search(window, lo, end)


@lru_cache(maxsize=1024)
def _count_before(window: str) -> tuple[int, int] | None:
    """Span of the count that `window` ends with: a number, at most four fillers, a space.

    Read word by word from the end, so only the few words that can hold the count are
    tried (one `$`-anchored pattern searched over the window retried the number words at
    every offset).  `need` is the fewest fillers that make up the words from the current
    one to the end (5: none do); the leftmost number followed by such a run wins."""
    end = len(window.rstrip())
    if end == len(window):
        return None
    best = None
    need, need_after, after_end = 0, 5, end
    while end:
        start = end - len(window[:end].rsplit(None, 1)[-1])
        if need <= 4:
            m = _number_ending(window, start, end)
            if m and (best is None or m.start() < best[0]):
                best = m.span()
        # fillers are one word or two ("main battle", "of the")
        one = need + 1 if need < 4 and _ONE_FILLER.fullmatch(window, start, end) else 5
        two = need_after + 1 if need_after < 4 and _ONE_FILLER.fullmatch(window, start, after_end) else 5
        need, need_after, after_end = min(one, two), need, end
        if need > 4 and need_after > 4:
            break
        end = len(window[:start].rstrip())
    return best


# A number after one of these words is part of a designation ("Type 035 boats", "Block 70 jets").
_DESIGNATION_WORD = re.compile(r"\b(?:type|block|mk|mark|model|project|batch|flight|series|variant|no\.?)\s*$", re.I)
# "bringing its fleet to 40", "raising the total to 40", "its inventory is due to climb to 23": a total, not what is bought ("a total
# of 40 jets" is the order and stays a count).
_FLEET_TOTAL = re.compile(r"\b(?:fleet|inventory|strength|total|number)\s+(?:\w+\s+)?(?:to|of\s+some|at)\s+(?:about\s+|around\s+)?$"
                          r"|\b(?:fleet|inventory|strength)\b[^.;]{0,40}?\b(?:ris\w*|rose|climb\w*|grow\w*|grew|increas\w*|reach\w*|swell\w*)"
                          r"\s+to\s+(?:about\s+|around\s+|some\s+)?$"
                          r"|\bbring(?:s|ing)?\s+(?:its|the|their|his|her)\s+(?:[\w-]+\s+){0,3}(?:to|up\s+to)\s+$", re.I)
# "three to five per year", "two a month": a production or delivery rate.
# ("within a year", "in a year" date the order instead.)
_RATE = re.compile(r"^[^.;,:]{0,40}?\b(?:(?:per|each|every)\s+(?:year|month|annum)|annually|yearly|"
                   r"(?<!within )(?<!in )(?<!for )(?<!after )(?<!than )(?<!over )(?<!of )a\s+(?:year|month)\b(?!'))", re.I)
# "two days after the deal": a span of time counted, not units.
_TIME_UNIT = re.compile(r"^\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)\b", re.I)
# "one of the existing jets crashed" singles out a member; it does not count an order.
_PARTITIVE_ONE = folded_pattern(r"^(?:one|a)\s+of\b")
_OUT_OF = folded_pattern(r"\bout\s+of\s+(?:the\s+|a\s+total\s+of\s+|its\s+|their\s+)?$")


def word_to_int(text: str) -> int | None:
    t = text.strip().lower().replace("-", " ")
    if not t:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*", t):
        return int(t.replace(",", ""))
    dozen = re.fullmatch(r"(.+?)\s+dozen", t)
    if dozen:  # "a dozen" 12, "two dozen" 24, "half a dozen" 6
        if dozen.group(1) == "half a":
            return 6
        k = 1 if dozen.group(1) == "a" else word_to_int(dozen.group(1))
        return 12 * k if k else None
    if t == "dozen":
        return 12
    if re.fullmatch(r"a\s+pair\s+of", t):
        return 2
    total, current = 0, 0
    for tok in t.replace(" and ", " ").split():
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        else:
            return None
    total += current
    return total or None


def _plausible(n: int | None, text_after: str) -> bool:
    if n is None or n <= 0 or n > 5000:
        return False
    return not (1900 <= n <= 2100 and re.match(r"\s*(?:contract|deal|order|plan|agreement)\b", text_after) is None)


def quantity_before(sentence: str, pos: int) -> int | None:
    """Count written just before position ``pos`` (a system or unit noun)."""
    window = sentence[max(0, pos - 80):pos]
    folded = fold(window)
    b = _BATCHES.search(folded) if _BATCH_WORDS.in_(folded) else None
    if b and b.end() >= len(window) - 40:
        x, y = word_to_int(window[b.start("a"):b.end("a")]), word_to_int(window[b.start("b"):b.end("b")])
        if x and y:
            return x * y
    span = _count_before(window)
    if span is None:
        return None
    start, end = span
    count = window[start:end]
    if _PARTITIVE_ONE.match(folded[start:]) or _OUT_OF.search(folded, max(0, start - 30), start):
        return None  # "one of the jets", "152 units out of the 460 K9s": a member, or the total a part is taken from
    if not _counts_units(window, start, count, window[end:] + sentence[pos:pos + 60]):
        return None
    n = word_to_int(count)
    return n if _plausible(n, sentence[pos:pos + 20]) else None


# "commissioned a Chinese-built Type 035 Ming-class boat as ...": one unit, when the system is
# followed by a singular unit noun that ends the phrase (not "a K9 howitzer contract").
# "a fifth Scorpène-class submarine": one more unit, named by its rank in the fleet
_ARTICLE_BEFORE = re.compile(rf"\b(?:a|an)\s+(?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?"
                             rf"(?:{_FILLER}\s+){{0,4}}$", re.I)


def single_unit(sentence: str, pos: int) -> int | None:
    """1 for "a <system> <unit noun>" at `pos`, else None."""
    if (_ARTICLE_BEFORE.search(sentence[max(0, pos - 60):pos])
            and _unit_nouns(directory_key()).single_after.match(sentence[pos:pos + 60])):
        return 1
    return None


# "received two of the six Su-30s": the second count is the whole order.
_PARTITIVE_TOTAL = re.compile(rf"\b(?:{_NUMBER}|first|second|third|last|some|most|all)\s+of\s+(?:the|its|their|all)\s+$", re.I)
_PARTITIVE_TOTAL_END = ("the", "its", "their", "all")  # how a _PARTITIVE_TOTAL match ends (folded, before spaces)


def order_size_of_lot(sentence: str, pos: int, end: int) -> int | None:
    """The size of the order a lot belongs to, when the count before the system at `pos` is a lot
    ("its first two X, part of an order for 28 aircraft"): the order's count, told after the name
    (`end`) in the same sentence; None when the count is no lot or no order size is told."""
    window = sentence[max(0, pos - 60):pos]
    span = _count_before(window)
    if span is None or not _LOT_BEFORE.search(fold(window[:span[0]])):
        return None
    m = _ORDER_OF_SIZE.search(sentence, end)
    if m is None:
        return None
    n = word_to_int(m.group("n"))
    return n if n and n > 1 else None


# "the first", "its initial", "the last": the count after it is a lot of a larger order
# ... or a numbered one ("a second batch of 42 tanks, part of its 2019 order for 108")
_LOT_BEFORE = re.compile(r"\b(?:first|second|third|fourth|fifth|initial|last|final|remaining|latest|next)\s+"
                         r"(?:(?:batch|lot|tranche|shipment|delivery)\s+of\s+)?$")
# "an order for 28 aircraft", "the contract for 24 jets", "a 28-aircraft order"
_ORDER_OF_SIZE = re.compile(r"(?:\b(?:an?|the|its|their)\s+(?:[\w-]+\s+)?(?:order|contract|deal|purchase)\s+(?:for|of|covering)\s+|"
                            # "the first of six ordered from Turkey", "two of the 12 bought in 2022"
                            r"\b(?:first|last|\w+)\s+of\s+(?:the\s+)?(?=\S+\s+(?:[\w-]+\s+){0,3}?(?:ordered|bought|purchased|"
                            r"acquired|on order|contracted)\b))"
                            r"(?P<n>\d{1,3}(?:,\d{3})*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                            r"[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                            r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?)\b", re.I)


def is_order_total(sentence: str, pos: int) -> bool:
    """The count before `pos` (a system) is the total of a partitive ("two of the six X")."""
    window = sentence[max(0, pos - 80):pos]
    span = _count_before(window)
    if span is None or not fold(window[:span[0]]).rstrip().endswith(_PARTITIVE_TOTAL_END):
        return False
    return bool(_PARTITIVE_TOTAL.search(window[:span[0]]))


def _counts_units(before: str, start: int, count: str, after: str) -> bool:
    """`count` (at `start` in `before`) counts units bought, not a designation, a time span, a
    rate or a fleet total.  `after`: the text that follows the count."""
    if count.startswith("0"):
        return False  # "035" is a designation
    head = before[max(0, start - 50):start]
    if _DESIGNATION_WORD.search(head) or _FLEET_TOTAL.search(head):
        return False
    return not (_TIME_UNIT.match(after) or _RATE.match(after))


_SAME_KIND = folded_pattern(rf"(?<![\w$€£.,/-])({_NUMBER})\s+of\s+the\s+same\b")
_PARTITIVE_BEFORE = folded_pattern(rf"(?<![\w$€£.,/-])({_NUMBER})\s+of\s+(?:the|its|these|those)\s+(?:\w+\s+)?$")


# "six were ordered in 2015": a bare count as the subject of the order.
_COUNT_SUBJECT = folded_pattern(
    rf"(?:^|[:;,]\s|\b(?:and|but)\s)(?P<n>{_NUMBER})\s+(?:more\s+)?(?:were|have\s+been|had\s+been|are\s+being|will\s+be)\s+"
    r"(?:ordered|bought|purchased|acquired|contracted)\b")  # "four were delivered" is often a part


@dataclass(frozen=True)
class _UnitNouns:
    """reference/unit_nouns.csv: the nouns that count units of a system ("18 jets", "two
    batteries"), as patterns and as the categories each can count."""
    pattern: re.Pattern  # any written form, on folded text
    single_after: re.Pattern  # "<system> <singular noun>" closing the phrase: "a ... Type 035 boat as ..."
    noun_of: dict[str, str]  # written form (lower case, single spaces) -> noun
    by_category: dict[str, frozenset[str]]  # the nouns that can count a system of a category
    any_category: frozenset[str]  # "units", "systems": count a system of any category


def _alternation(words) -> str:
    # longest first; a space in a noun ("fire unit") stands for any run of spaces
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _unit_nouns(directory: str) -> _UnitNouns:
    """Built once per reference directory: `directory` (DEALS_REFERENCE_DIR, read by
    reference.rows) keys the cache, cheaper per call than building reference_dir()'s Path."""
    noun_of: dict[str, str] = {}
    single: list[str] = []
    by_category: dict[str, set[str]] = {}
    any_category: set[str] = set()
    for row in rows("unit_nouns.csv"):
        noun = " ".join(row.get("noun", "").lower().split())
        if not noun:
            continue
        for form in split_aliases(row.get("forms", "")):
            noun_of[" ".join(form.lower().split())] = noun
        if row.get("single") == "1":
            single.append(noun)
        for category in split_aliases(row.get("categories", "")):
            if category == "any":
                any_category.add(noun)
            else:
                by_category.setdefault(category, set()).add(noun)
    pattern = folded_pattern(rf"\b(?:{_alternation(noun_of) or '(?!)'})\b")
    single_after = re.compile(
        rf"^[^\s,.;]+(?:\s+[^\s,.;]+){{0,2}}?\s+(?:{_alternation(single) or '(?!)'})"
        r"(?=\s*(?:[,.;:)]|$)|\s+(?:as|from|for|to|in|at|on|with|that|which|and|built|made|under|was|is|will)\b)", re.I)
    return _UnitNouns(pattern, single_after, noun_of, {c: frozenset(n) for c, n in by_category.items()},
                      frozenset(any_category))


def _counts_category(units: _UnitNouns, form: str, category: str | None) -> bool:
    """The unit noun written `form` can count a system of `category` ("a Rafale deal that
    includes 200 missiles" does not make 200 Rafales); a category with no nouns listed takes any."""
    nouns = units.by_category.get(category or "")
    noun = units.noun_of.get(" ".join(form.lower().split()))
    return nouns is None or noun in nouns or noun in units.any_category


def quantity_in(sentence: str, category: str | None = None, names=()) -> int | None:
    """First count attached to a unit noun anywhere in the sentence ("for 18 of the jets").
    With `category`, only a noun that can count a system of that category counts.  `names`:
    (start, end) spans of system names, whose numbers are part of the name ("Leopard 2 tanks")."""
    for start, end in names:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    folded = fold(sentence)
    units = _unit_nouns(directory_key())
    for m in units.pattern.finditer(folded):
        if not _counts_category(units, m.group(), category):
            continue
        q = quantity_before(sentence, m.start())
        if q is not None:
            return q
        lo = max(0, m.start() - 50)
        of = _PARTITIVE_BEFORE.search(folded[lo:m.start()])
        count = sentence[lo + of.start(1):lo + of.end(1)] if of else ""
        if count.strip() and count.strip().lower() != "one":
            n = word_to_int(count)
            if _plausible(n, ""):
                return n
    m = _SAME_KIND.search(folded)
    if m is not None:  # "Nigeria bought 12 of the same type": units of the kind just told
        n = word_to_int(sentence[m.start(1):m.end(1)])
        if _plausible(n, ""):
            return n
    m = _COUNT_SUBJECT.search(folded)
    if m and not _PARTITIVE_ONE.match(folded[m.start():]):
        n = word_to_int(sentence[m.start("n"):m.end("n")])
        if _plausible(n, ""):
            return n
    for m in units.pattern.finditer(folded):
        # "Cobra II vehicles, 40 of which were presented": the count told after the noun
        of = _OF_WHICH.match(folded, m.end())
        if of and _counts_category(units, m.group(), category):
            n = word_to_int(sentence[of.start(1):of.end(1)])
            if _plausible(n, ""):
                return n
    return None


_OF_WHICH = re.compile(r",\s+(\d[\d,]*|[a-z]+)\s+of\s+(?:which|them)\b")
