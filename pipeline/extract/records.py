"""Typed records produced by the extraction library (plain Python, no Dagster).

Slotted dataclasses: a large corpus holds hundreds of thousands of mentions in memory.

Every mention carries its evidence: the document, the sentence and the character
offsets of that sentence in the document's cleaned text.
Dates are ISO 8601 strings at the precision the text supports ("2025-10-27",
"2025-10", "2025"); countries are ISO 3166-1 alpha-3; currencies ISO 4217;
money is in units (not millions).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Evidence:
    doc_id: str
    sentence: str
    char_start: int  # offset of the sentence in the cleaned text
    char_end: int


@dataclass(frozen=True, slots=True)
class MoneyValue:
    value: float  # in units of `currency`
    currency: str  # ISO 4217


# What a mention states and a consolidated record keeps, declared once for both (the published
# columns of each are derived from these fields: pipeline/rows.py).

@dataclass(slots=True)
class AgreementFields:
    parties: list[str]  # sorted alpha-3 codes, at least two
    agreement_type: str  # schemas.vocab.AGREEMENT_TYPES
    status: str  # schemas.vocab.AGREEMENT_STATUSES
    evidence: Evidence
    date: str | None = None
    location: str | None = None  # city where it was signed
    signatories: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # schemas.vocab.TOPICS, sorted
    name: str | None = None  # the arrangement's own name when the text gives one ("EDCA")


@dataclass(slots=True)
class ProcurementFields:
    buyer_country: str
    system: str
    status: str  # schemas.vocab.PROCUREMENT_STATUSES
    evidence: Evidence
    supplier_country: str | None = None
    buyer_org: str | None = None
    supplier_org: str | None = None
    category: str | None = None  # schemas.vocab.CATEGORIES
    quantity: int | None = None
    value: MoneyValue | None = None  # first stated value
    value_alternatives: list[MoneyValue] = field(default_factory=list)  # same value in other currencies
    order_date: str | None = None
    delivery_start: str | None = None
    delivery_end: str | None = None


@dataclass(slots=True)
class AgreementMention(AgreementFields):
    kind = "agreement"


@dataclass(slots=True)
class ProcurementMention(ProcurementFields):
    kind = "procurement"


Mention = AgreementMention | ProcurementMention


# ---------------------------------------------------------------- consolidated records
# One per real-world arrangement across documents (built by pipeline.consolidate).


@dataclass(slots=True)
class Conflict:
    field: str
    value: str  # the alternative value, as text
    doc_ids: list[str]


@dataclass(slots=True)
class AgreementRecord(AgreementFields):
    agreement_id: str = ""  # stable: derived from the record's identity, not row order (set last)
    source_doc_ids: list[str] = field(default_factory=list)  # sorted
    mention_ids: list[str] = field(default_factory=list)  # sorted
    first_reported: str | None = None  # earliest publication date among sources
    last_reported: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(slots=True)
class ProcurementRecord(ProcurementFields):
    procurement_id: str = ""  # as agreement_id
    source_doc_ids: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    first_reported: str | None = None
    last_reported: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)
