"""Signatories: person names that signed or led an arrangement, titles stripped.

A name is a run of 2-4 capitalised words (hyphens, apostrophes, diacritics, "bin",
"Jr.") not made of known place/organisation words, preceded by a title or followed by
a role. Honorifics ("Datuk Seri", "Dato' Seri", "Prof", "Dr") are removed.
"""
from __future__ import annotations

import re

from .countries import is_country_word

_HONORIFIC = r"(?:Datuk\s+Seri|Dato['’]\s+Seri|Tan\s+Sri|Datuk|Dato['’]?|Tun|Dr\.?|Prof\.?|Sir|Gen\.?|Lt\.?|Col\.?|Adm\.?|Maj\.?|Mr\.?|Ms\.?|Mrs\.?)"
_TITLE = (r"(?:President|Prime Minister|Premier|Minister|Secretary|Chancellor|Ambassador|Envoy|Chief|Commander|"
          r"Director|Chairman|Chairwoman|CEO|Crown Prince|King|Emir|Sultan|Deputy|Undersecretary|Under Secretary|"
          r"Vice President|General|Admiral|Governor|Chargé d['’]affaires|Representative)")
# a capitalised word of any script's letters with a lower-case letter in it ("Grlić", "Erdoğan", "McGuinty",
# "O'Neill"), an initial, or a particle
_LETTERS = r"[^\W\d_]"
_NAME_WORD = (rf"(?:(?!(?:Jr|Sr)\b)[A-ZÀ-ÖØ-ÞĀ-Ž](?={_LETTERS}*[a-zß-öø-ÿā-ž]){_LETTERS}+(?:['’](?![sS]\b){_LETTERS}+)?"
              rf"(?:-{_LETTERS}+)?|[A-Z]\.|bin|binti|al|van|de|von)")
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}(?:\s+Jr\.?|\s+Sr\.?)?)"
_AFTER_TITLE = re.compile(rf"{_TITLE}(?:\s+(?:of\s+)?[A-Z][\w-]+){{0,4}}?\s+(?:{_HONORIFIC}\s+)*{_NAME}")
_STOP = {"The", "This", "That", "Defence", "Defense", "Ministry", "Minister", "President", "Prime", "Secretary",
         "Republic", "Affairs", "Foreign", "National", "State", "General",
         "Summit", "Agency", "Department", "Air", "Force", "Navy", "Army", "Deputy", "Chief", "Foreign", "Trade",
         "Development", "Industry", "Industries", "In", "On", "At", "And", "South", "North", "United", "States",
         # words of arrangement names ("Information Agreement", "Joint Statement")
         "Agreement", "Treaty", "Pact", "Accord", "Memorandum", "Understanding", "Partnership", "Statement",
         "Declaration", "Information", "Exchange", "Cooperation", "Arrangement"}
# name particles that can only stand inside a name, never at its end ("Scott Morrison al ...")
_INNER_ONLY = {"bin", "binti", "al", "van", "de", "von"}


def _stop(word: str) -> bool:
    """Not part of a person's name: a title or institution word, or a state (from the gazetteer)."""
    return word in _STOP or is_country_word(word)


def _clean(name: str) -> str | None:
    words = name.split()
    while words and (_stop(words[0]) or re.fullmatch(_HONORIFIC, words[0])):
        words = words[1:]
    while words and (_stop(words[-1]) or words[-1] in _INNER_ONLY):
        words = words[:-1]
    if len(words) < 2 or any(_stop(w) for w in words):
        return None
    return " ".join(words)


def find_people(sentence: str) -> list[str]:
    """Person names introduced by a title, in text order, without duplicates."""
    out: list[str] = []
    for m in _AFTER_TITLE.finditer(sentence):
        name = _clean(m.group("name"))
        if name and name not in out:
            out.append(name)
    return out
