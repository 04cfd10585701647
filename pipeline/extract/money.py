"""Recognise money amounts -> (value in units, ISO 4217 currency).

Handles symbol/code prefixes ("US$5.76 billion", "PHP40 billion", "RM2.4 billion",
"€8.1bn", "A$1 billion", "QR240m", "Sh25 billion"), currency words after the number
("975.3 billion won", "18.9 billion pesos", "25 billion zloty"), scale words (million, bn,
crore, lakh crore...), hyphenated amounts ("a $1.2-billion deal", "a 14-billion-euro
order", "Rs 62,370-crore") and the decimal comma ("SEK 8,2 billion").  Ranges keep the
lower bound; hedges ("about", "nearly") are ignored.  When the same amount is restated in
another currency right after the first ("USD 920 million, equivalent to about MYR 4.4
billion", "PHP18.9bn ($375m)"), the restatement is an alternative, not a second amount.

The currency forms come from pipeline/reference/currencies.csv (symbols and names) plus
every ISO 4217 code pycountry knows (the codes the schemas accept).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from schemas.codes import currency_codes

from .records import MoneyValue
from .quantities import NUMBER_WORDS, word_to_int
from pipeline.reference import directory_key, rows
from .role_cues import cues

# Number scales are grammar, not a lexicon: "lakh crore" is 10^5 x 10^7.
_SCALE = {
    "trillion": 1e12, "tn": 1e12, "tr": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "crore": 1e7, "crores": 1e7, "lakh": 1e5,
    "lakhs": 1e5, "thousand": 1e3, "k": 1e3, "cr": 1e7, "milliard": 1e9, "milliards": 1e9, "mrd": 1e9, "mld": 1e9,
}
# "1,234.5" | "1.234.567" (dots as thousands separators: two groups at least, so "1.234" stays
# a decimal) | "8.2" | "8,2" (a decimal comma: a comma not followed by exactly three digits).
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"
# Case-insensitive: headlines write "$6.5 Billion" and "$4.3B".
# the scale words as one alternation, "lakh crore" (two words, multiplied) first; the \b after it
# makes the order of the single words free (none is a whole word that another extends)
_SCALE_RE = "(?i:" + "|".join([r"lakh\s+crores?", *sorted(_SCALE, key=lambda w: (-len(w), w))]) + r")\b"
# one-letter scales: "$5m" is money, but "P3m" / "R2b" is more likely a designation
_SHORT_SCALES = ("m", "b", "k", "tr")
_RANGE = rf"(?:\s?(?:-|–|to)\s?(?:{_NUM}))?"
_RESTATE_GAP = re.compile(r"^\s*(?:\(|,|;|/|or|and)?\s*(?:\(?\s*(?:or|equivalent to|equal to|roughly|about|around|"
                          r"approximately|some|nearly|almost|approx\.?|worth|i\.e\.)\s*)*$", re.I)


@dataclass(frozen=True)
class MoneyHit:
    value: MoneyValue
    start: int
    end: int
    alternatives: tuple[MoneyValue, ...] = ()
    form: str = ""  # the symbol or word that gave the currency ("Rs", "$", "won")


@dataclass(frozen=True)
class _Lexicon:
    prefix: dict[str, str]
    suffix: dict[str, str]
    longest_prefix: int
    local: dict[tuple[str, str], str]  # (form, buyer alpha3) -> the currency that state writes so
    pattern: re.Pattern  # a number, its scale and an optional currency word after it
    suffix_after: re.Pattern  # a currency word right after an amount written in words


def _needs_scale(form: str) -> bool:
    """A one-letter symbol ("P", "R") or a capitalised word ("Euro", "Php") before a bare number
    is more often a designation or a name ("R2", "Euro 2024") than money."""
    return form.isalpha() and (len(form) == 1 or (len(form) > 2 and form[0].isupper() and form[1:].islower()))


@lru_cache(maxsize=4)
def _lexicon(directory: str) -> _Lexicon:
    """Forms by position; `directory` (DEALS_REFERENCE_DIR, read by reference.rows) keys the cache
    to the reference dir in use: cheaper per call than building reference_dir()'s Path."""
    valid = currency_codes()
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    for code in valid:  # ISO 4217 codes are written before or after the number
        prefix[code] = suffix[code] = code
    for row in rows("currencies.csv"):
        form, code, position = row.get("form", ""), row.get("code", ""), row.get("position", "")
        if not form or code not in valid:
            continue
        if row.get("country"):
            local[(form, row["country"])] = code
            continue
        if position in ("prefix", "both"):
            prefix[form] = code
        if position in ("suffix", "both"):
            suffix[form] = code
            if form.islower():  # title-case headlines: "a 3.5 Trillion Won Deal"
                suffix.setdefault(form[0].upper() + form[1:], code)
    suf = "|".join(re.escape(s) for s in sorted(suffix, key=len, reverse=True))
    # Anchored on the number: a pattern that tried hundreds of prefixes at every character was
    # twice as slow; the prefix is looked up in the few characters before the number instead.
    # (?=\d) first: most positions fail on it at once, before the look-behind and alternations.
    pattern = re.compile(rf"(?=\d)(?<![\d.,])(?P<n>{_NUM}){_RANGE}(?:[\s-]?(?=[A-Za-z])(?P<s>{_SCALE_RE}))?"
                         rf"(?:[\s-](?P<suf>{suf})(?!\w))?")
    return _Lexicon(prefix, suffix, max(map(len, prefix)), local, pattern, re.compile(rf"[\s-](?P<suf>{suf})(?!\w)"))


def _prefix_before(sentence: str, start: int, lex: _Lexicon) -> tuple[str, int] | None:
    """The currency prefix that ends at `start` or one space before it ("US$5", "RM 2.4"), the
    longest that does not continue a word ("NZ$", not "Z$" or "$"), and where it starts.  A prefix
    some outlets write with a space inside ("US $9 billion", "NZ $1.5 billion") is that prefix: the
    "US" is the dollar's, not a state acting in the sentence."""
    for end in (start, start - 1):
        if end < start and not sentence[end:start].isspace():
            break
        for length in range(min(lex.longest_prefix, end), 0, -1):
            form = sentence[end - length:end]
            at = end - length
            if form in lex.prefix and not (at > 0 and sentence[at - 1].isalnum()):
                if at > 1 and sentence[at - 1] == " ":
                    for k in range(min(lex.longest_prefix - length, at - 1), 0, -1):
                        joined = sentence[at - 1 - k:at - 1] + form
                        if joined in lex.prefix and not (at - 1 - k > 0 and sentence[at - 2 - k].isalnum()):
                            return joined, at - 1 - k
                return form, at
    return None


def _number(text: str) -> float:
    if "," in text and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))  # "8,2": a decimal comma


def _amount(number: str, scale: str | None) -> float:
    value = _number(number)
    if scale:
        words = scale.lower().split()
        for word in words:
            value *= _SCALE[word]
    return value


def _raw_hits(sentence: str) -> list[tuple[MoneyValue, int, int, str]]:
    lex = _lexicon(directory_key())
    out = []
    for m in lex.pattern.finditer(sentence):
        start, scale, suf = m.start(), m.group("s"), m.group("suf")
        found = _prefix_before(sentence, start, lex)
        pre = found[0] if found else None
        if pre:
            if _needs_scale(pre) and (not scale or scale.lower() in _SHORT_SCALES):
                pre = None  # "P3", "R2b", "Euro 2024"
            else:
                start = found[1]
                if len(pre) == 1 and pre.isalpha() and sentence[max(0, start - 1):start] in ("-", "/", "."):
                    continue  # "F-R8 billion"-like part of a designation
        if pre:
            # "$2 billion Australian dollars": the word after the number names the currency
            form = suf or pre
            currency = lex.suffix[suf] if suf else lex.prefix[pre]
        elif suf and not (start and (sentence[start - 1].isalnum() or sentence[start - 1] == "_")):
            form, currency = suf, lex.suffix[suf]
            if not scale and re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
                continue  # "in 2024 dollars" is a price basis, not an amount
        else:
            continue
        value = _amount(m.group("n"), scale)
        if value < 1000:  # "$5" alone is not a defence contract
            continue
        out.append((MoneyValue(round(value, 2), currency), start, m.end(), form))
    return out


# An amount whose number is written in words needs a scale word ("USD five billion", "two billion euros"):
# "five dollars" is no contract.  Found from the scale word back, so that sentences without one cost a test.
_WORD_SCALE = re.compile(r"(?i)\b(?P<s>trillion|billion|million)\b")
_WORD_NUMBER_BEFORE = re.compile(rf"(?i)(?<![\w-])(?=[a-z])(?P<n>{NUMBER_WORDS})\s+$")


def _word_hits(sentence: str) -> list[tuple[MoneyValue, int, int, str]]:
    lex = _lexicon(directory_key())
    out = []
    for m in _WORD_SCALE.finditer(sentence):
        lo = max(0, m.start() - 40)
        n = _WORD_NUMBER_BEFORE.search(sentence, lo, m.start())
        count = word_to_int(n.group("n")) if n and n.group("n").strip() else None
        if count is None:
            continue
        start, end = n.start(), m.end()
        found = _prefix_before(sentence, start, lex)
        suf = lex.suffix_after.match(sentence, end)
        if suf is not None:
            form, currency, end = suf.group("suf"), lex.suffix[suf.group("suf")], suf.end()
        elif found is not None:
            form, currency, start = found[0], lex.prefix[found[0]], found[1]
        else:
            continue
        out.append((MoneyValue(round(count * _SCALE[m.group("s").lower()], 2), currency), start, end, form))
    return out


def find_money(sentence: str) -> list[MoneyHit]:
    raw = _raw_hits(sentence)
    if "illion" in sentence:
        raw = sorted(raw + [h for h in _word_hits(sentence) if not any(h[1] < r[2] and r[1] < h[2] for r in raw)],
                     key=lambda h: h[1])
    out: list[MoneyHit] = []
    i = 0
    while i < len(raw):
        value, start, end, form = raw[i]
        alts = []
        j = i + 1
        while j < len(raw):
            nxt, ns, ne, _ = raw[j]
            gap = sentence[end:ns]
            if nxt.currency != value.currency and len(gap) <= 30 and _RESTATE_GAP.match(gap):
                alts.append(nxt)
                end = ne
                j += 1
            else:
                break
        out.append(MoneyHit(value, start, end, tuple(alts), form))
        i = j
    return out


# What an amount is, from the words right around it: the nouns that make a sum financing (a
# loan, a credit line, aid: role_cues.csv `funder_noun`, the same words that make a state its
# funder) or a budget (`budget_noun`) rather than a purchase price.


def _cue_forms(role: str) -> str:
    """The cues of `role` as one alternation, each with an optional plural "s" on its head noun
    (the word before "of", else the last word: "lines of credit", "loans")."""
    forms = []
    for cue in cues(role):
        words = cue.split()
        head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
        forms.append(r"\s+".join(re.escape(w) + ("s?" if i == head else "") for i, w in enumerate(words)))
    return "|".join(forms) or "(?!)"


@dataclass(frozen=True)
class _RolePatterns:
    finance_after: re.Pattern
    finance_before: re.Pattern
    budget_after: re.Pattern
    budget_before: re.Pattern


@lru_cache(maxsize=4)
def _role_patterns(directory: str) -> _RolePatterns:
    """Built once per reference directory (`directory`: DEALS_REFERENCE_DIR, as for _lexicon)."""
    finance, budget = f"(?:{_cue_forms('funder_noun')})", f"(?:{_cue_forms('budget_noun')})"
    return _RolePatterns(
        re.compile(rf"^\)?\s*(?:\([^)]*\)\s*)?(?:of\s+|in\s+)?(?:[\w-]+\s+){{0,2}}?{finance}\b", re.I),
        re.compile(rf"\b{finance}\s+(?:agreement\s+)?(?:of|worth|totall?ing|for)\s+(?:about\s+|around\s+|some\s+|up\s+to\s+)?$",
                   re.I),
        re.compile(rf"^\)?\s*(?:\([^)]*\)\s*)?(?:(?:has\s+been|have\s+been|was|were|is|are)\s+)?(?:[\w-]+\s+)?{budget}\b",
                   re.I),
        re.compile(rf"\b{budget}\s+(?:\w+\s+){{0,3}}?(?:of|at|for|from|to)?\s*(?:about\s+|around\s+|some\s+|up\s+to\s+)?$",
                   re.I))


# "deals worth $8.9bn in total", "together worth $2.7 billion", "the Rs 1 lakh crore across the 10 cases",
# "a breakdown of the $2 billion"
_TOTAL_AFTER = re.compile(r"^\)?\s*(?:\([^)]*\)\s*)?(?:in\s+total|in\s+all|altogether|together|combined|overall|"
                          r"across\s+(?:the\s+|all\s+|its\s+)?(?:\d+|[a-z]+)\s+(?:[a-z]+\s+)?(?:cases|proposals|contracts|deals|"
                          r"programmes|programs|projects|systems|items|orders|purchases)|"
                          # "€2.5 billion worth of firm and provisional defence deals": several deals' sum
                          r"worth\s+of\s+(?:[\w-]+\s+){0,4}?(?:deals|contracts|orders|agreements|purchases|sales))\b", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:together|combined|in\s+total|total(?:l?ing)?|overall|altogether|aggregate|a\s+total\s+of|"
                           r"breakdown\s+of(?:\s+the)?)\s+"
                           r"(?:\w+\s+){0,2}?(?:about\s+|around\s+|some\s+|more\s+than\s+|nearly\s+)?$", re.I)


@lru_cache(maxsize=4096)  # asked once per system named in the sentence
def amount_role(sentence: str, hit: MoneyHit) -> str | None:
    """"financing" (a loan, credit line, grant or aid: not a price), "budget" (a sum set aside:
    a programme budget, second to a contract price), "total" (a sum for several things
    together) or None (a price)."""
    before = sentence[max(0, hit.start - 50):hit.start]
    after = sentence[hit.end:hit.end + 60]
    cue = _role_patterns(directory_key())
    if cue.finance_after.match(after) or cue.finance_before.search(before):
        return "financing"
    if _TOTAL_AFTER.match(after) or _TOTAL_BEFORE.search(before):
        return "total"
    if cue.budget_after.match(after) or cue.budget_before.search(before):
        return "budget"
    return None


def value_for_buyer(hit: MoneyHit, buyer: str | None) -> MoneyValue:
    """The hit's value in the currency the buyer's state writes with the same symbol: "Rs" is
    the Pakistani rupee in a Pakistani deal, the Indian rupee by default."""
    code = _lexicon(directory_key()).local.get((hit.form, buyer or ""))
    return MoneyValue(hit.value.value, code) if code else hit.value
