"""Recognise money amounts -> (value in units, ISO 4217 currency).

Handles symbol/code prefixes ("US$5.76 billion", "PHP40 billion", "RM2.4 billion",
"€8.1bn", "A$1 billion"), currency words after the number ("975.3 billion won",
"18.9 billion pesos", "25 billion zloty"), scale words (million, bn, crore, lakh...).
Ranges keep the lower bound; hedges ("about", "nearly") are ignored.  When the same
amount is restated in another currency right after the first ("USD 920 million,
equivalent to about MYR 4.4 billion", "PHP18.9bn ($375m)"), the restatement is an
alternative, not a second amount.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .records import MoneyValue

_PREFIX = {
    "US$": "USD", "USD": "USD", "U.S.$": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "S$": "SGD", "SGD": "SGD", "C$": "CAD", "CAD": "CAD", "NZ$": "NZD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY", "₩": "KRW", "KRW": "KRW", "RM": "MYR",
    "MYR": "MYR", "PHP": "PHP", "₱": "PHP", "P": "PHP", "PLN": "PLN", "Rs.": "INR", "Rs": "INR",
    "₹": "INR", "INR": "INR", "IDR": "IDR", "Rp": "IDR", "Rp.": "IDR", "CNY": "CNY", "RMB": "CNY",
    "TRY": "TRY", "SAR": "SAR", "AED": "AED", "THB": "THB", "VND": "VND", "TWD": "TWD", "NT$": "TWD",
    "CHF": "CHF", "SEK": "SEK", "NOK": "NOK", "BRL": "BRL", "R$": "BRL", "ZAR": "ZAR", "PKR": "PKR",
}
_SUFFIX = {
    "won": "KRW", "peso": "PHP", "pesos": "PHP", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "rupiah": "IDR", "rupee": "INR", "rupees": "INR", "zloty": "PLN", "zlotys": "PLN", "złoty": "PLN",
    "ringgit": "MYR", "pound": "GBP", "pounds": "GBP", "yuan": "CNY", "renminbi": "CNY",
    "US dollars": "USD", "dollars": "USD", "Australian dollars": "AUD", "baht": "THB", "dong": "VND",
    "lira": "TRY", "riyals": "SAR", "riyal": "SAR", "dirhams": "AED", "kronor": "SEK",
    **{code: code for code in ("USD", "EUR", "KRW", "MYR", "PHP", "PLN", "INR", "IDR", "AUD", "GBP", "JPY", "CNY")},
}
_SCALE = {
    "trillion": 1e12, "tn": 1e12, "tr": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "crore": 1e7, "crores": 1e7, "lakh": 1e5,
    "lakhs": 1e5, "thousand": 1e3, "k": 1e3,
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:trillion|billion|million|thousand|crores?|lakhs?|bn|bln|mn|mln|tn|tr|b|m|k)\b"
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(_PREFIX, key=len, reverse=True))
_SUFFIX_RE = "|".join(re.escape(s) for s in sorted(_SUFFIX, key=len, reverse=True))
# The bare "P" prefix (Philippine peso) only counts directly before digits.
_MONEY = re.compile(
    rf"(?:(?<![A-Za-z])(?P<pre>{_PREFIX_RE})\s?(?P<n1>{_NUM})(?:\s?(?:-|–|to)\s?(?:{_NUM}))?\s?(?P<s1>{_SCALE_RE})?"
    rf"(?:\s(?P<suf1>{_SUFFIX_RE})\b)?"
    rf"|(?<![\w.,])(?P<n2>{_NUM})(?:\s?(?:-|–|to)\s?(?:{_NUM}))?\s?(?P<s2>{_SCALE_RE})?\s(?P<suf2>{_SUFFIX_RE})\b)")
_RESTATE_GAP = re.compile(r"^\s*(?:\(|,|;|/|or|and)?\s*(?:\(?\s*(?:or|equivalent to|equal to|roughly|about|around|"
                          r"approximately|some|nearly|almost|approx\.?|worth|i\.e\.)\s*)*$", re.I)


@dataclass(frozen=True)
class MoneyHit:
    value: MoneyValue
    start: int
    end: int
    alternatives: tuple[MoneyValue, ...] = ()


def _amount(number: str, scale: str | None) -> float:
    value = float(number.replace(",", ""))
    if scale:
        value *= _SCALE[scale.lower()]
    return value


def _raw_hits(sentence: str) -> list[tuple[MoneyValue, int, int]]:
    out = []
    for m in _MONEY.finditer(sentence):
        if m.group("pre"):
            pre = m.group("pre")
            if pre == "P" and not m.group("s1"):
                continue  # "P3" is more likely a designation than pesos
            if pre in ("$",) and sentence[max(0, m.start() - 2):m.start()].endswith(("A", "S", "C")):
                continue
            currency = _PREFIX[pre]
            if m.group("suf1"):  # "$2 billion Australian dollars" style restatement of the code
                currency = _SUFFIX.get(m.group("suf1"), currency)
            scale = m.group("s1")
            if scale in ("m", "b", "k") and pre in ("P",):
                continue
            value = _amount(m.group("n1"), scale)
        else:
            currency = _SUFFIX[m.group("suf2")]
            value = _amount(m.group("n2"), m.group("s2"))
        if value < 1000:  # "$5" alone is not a defence contract
            continue
        out.append((MoneyValue(value, currency), m.start(), m.end()))
    return out


def find_money(sentence: str) -> list[MoneyHit]:
    raw = _raw_hits(sentence)
    out: list[MoneyHit] = []
    i = 0
    while i < len(raw):
        value, start, end = raw[i]
        alts = []
        j = i + 1
        while j < len(raw):
            nxt, ns, ne = raw[j]
            gap = sentence[end:ns]
            if nxt.currency != value.currency and len(gap) <= 30 and _RESTATE_GAP.match(gap):
                alts.append(nxt)
                end = ne
                j += 1
            else:
                break
        out.append(MoneyHit(value, start, end, tuple(alts)))
        i = j
    return out
