"""Agreement type and topics from the words naming an arrangement."""
from __future__ import annotations

import re
from functools import lru_cache

from ..docscan import document_gate
from ..prefilter import Keywords, fold, gate

# Most specific first: the first type whose cue appears in the sentence wins.
TYPE_CUES: list[tuple[str, re.Pattern]] = [
    ("free_trade_agreement", re.compile(r"\b(?:free[- ]trade agreement|FTA|CEPA|comprehensive economic partnership agreement|"
                                        r"economic partnership agreement|trade pact|free[- ]trade deal)s?\b", re.I)),
    ("letter_of_intent", re.compile(r"\b(?:(?i:(?:letter|statement|declaration)s? of intent)|LoIs?|LOIs?)\b")),
    ("mou", re.compile(r"\b(?:(?i:memorand(?:um|a)(?: of (?:understanding|cooperation|agreement))?)|MoUs?|MOUs?|MoCs?)\b")),
    ("strategic_partnership", re.compile(r"\b(?:comprehensive strategic partnership|strategic partnership|"
                                         r"comprehensive partnership|security partnership)\b", re.I)),
    ("joint_statement", re.compile(r"\b(?:joint (?:leaders['’] )?(?:statement|declaration|communiqu[ée])|joint vision statement)\b", re.I)),
    ("agreement", re.compile(r"\b(?:agreements?|treaty|treaties|accords?|pacts?|framework|arrangements?|"
                             r"G2G|government-to-government|convention|protocol|annex|"
                             # a diplomatic exchange of notes is an agreement in treaty form ("signed and exchanged notes")
                             r"exchanges? of notes|exchanged notes)\b", re.I)),
    # documents that implement a relationship without being an agreement by name
    # ("a roadmap covering X" describes the content of another document; "the Roadmap of ..." names one)
    ("other", re.compile(r"\b(?:(?i:action plan)|Road ?[Mm]ap|(?i:(?:executive|exchange|cooperation) programme))s?\b")),
]

# Gates for TYPE_CUES (see prefilter): the words every match of a type's cue contains, folded.
TYPE_WORDS = {kind: gate(pattern) for kind, pattern in TYPE_CUES}
TYPE_CUE_WORDS = document_gate(Keywords(*dict.fromkeys(w for k in TYPE_WORDS.values() for w in k.words)))

_TOPICS: list[tuple[str, re.Pattern]] = [
    ("defence_industry", re.compile(r"defen[cs]e[- ]industr\w*|arms industry|industrial cooperation|defen[cs]e-industrial|military industry", re.I)),
    ("procurement", re.compile(r"procure\w*|purchas\w*|acquisition of|weapons sales|arms sales|buy\w*", re.I)),
    ("joint_development", re.compile(r"joint(?:ly)? (?:research|develop\w*)|co-develop\w*|R&D|research and development", re.I)),
    ("co_production", re.compile(r"co-produc\w*|joint production|jointly produc\w*|local production|licen[cs]ed production|co-production", re.I)),
    ("technology_transfer", re.compile(r"technology[- ]transfer|transfer of technology|technology-sharing|technology sharing|ToT\b", re.I)),
    ("joint_marketing", re.compile(r"joint marketing|third[- ](?:party|country) (?:markets?|importers|exports?)", re.I)),
    ("certification", re.compile(r"certificat\w*|airworthiness|mutual recognition|mutually recogni[sz]e", re.I)),
    ("training", re.compile(r"\btraining\b|exercises?|education", re.I)),
    ("maritime_security", re.compile(r"maritime (?:security|domain)|coast guard|sea lanes|South China Sea", re.I)),
    ("cyber", re.compile(r"\bcyber\w*", re.I)),
    ("artificial_intelligence", re.compile(r"artificial intelligence|\bAI\b", re.I)),
    ("trade", re.compile(r"\btrade\b|free trade|economic partnership|tariff", re.I)),
    ("critical_minerals", re.compile(r"critical minerals|rare earth\w*|minerals", re.I)),
    ("digital_economy", re.compile(r"digital economy|digital trade|semiconductor\w*", re.I)),
    ("green_economy", re.compile(r"green (?:economy|initiatives?|energy|transition)|clean energy|climate", re.I)),
    ("defence_cooperation", re.compile(r"defen[cs]e cooperation|security cooperation|defen[cs]e and security|military cooperation|defen[cs]e ties|mutual defen[cs]e", re.I)),
]


def agreement_type(text: str) -> tuple[str, int, int] | None:
    """(type, start, end) of the most specific cue."""
    for kind, pattern in TYPE_CUES:
        m = pattern.search(text)
        if m:
            return kind, m.start(), m.end()
    return None


def topics(text: str) -> list[str]:
    return list(_topics(text))


# A gate per topic (see prefilter): the words every match of its pattern contains, folded.
_TOPIC_WORDS = {topic: gate(pattern) for topic, pattern in _TOPICS}


@lru_cache(maxsize=8192)  # pure; a corpus repeats many passages
def _topics(text: str) -> tuple[str, ...]:
    folded = fold(text)
    return tuple(sorted({t for t, p in _TOPICS if _TOPIC_WORDS[t].in_(folded) and p.search(text)}))
