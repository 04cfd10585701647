"""Extraction library: cleaned article text in, typed agreement/procurement mentions out.

Plain Python (no Dagster), deterministic, usable from a notebook::

    from pipeline.extract import extract_mentions
    mentions = extract_mentions(text, doc_id="a.txt", published="2025-11-02")
"""
from __future__ import annotations

import hashlib

from .agreements.mentions import extract_agreements
from .document import analyse
from .procurements.mentions import extract_procurements
from .records import AgreementMention, ProcurementMention

EXTRACTOR_VERSION = "0.2.15"

__all__ = ["EXTRACTOR_VERSION", "extract_mentions", "mention_id"]


def extract_mentions(
    text: str, doc_id: str, published: str | None, dateline: str | None = None
) -> list[AgreementMention | ProcurementMention]:
    """`published`: the article's date (ISO), to resolve relative dates; `dateline`: where it was filed."""
    ctx = analyse(text, doc_id, published, dateline)
    mentions: list[AgreementMention | ProcurementMention] = []
    mentions.extend(extract_agreements(ctx))
    mentions.extend(extract_procurements(ctx))
    mentions.sort(key=lambda m: (m.evidence.char_start, m.kind, mention_id(m)))
    # Two arrangements told in one sentence with nothing to tell them apart (same parties,
    # type, date) are indistinguishable to a reader: keep one, so ids stay unique.
    unique: dict[str, AgreementMention | ProcurementMention] = {}
    for m in mentions:
        unique.setdefault(mention_id(m), m)
    return list(unique.values())


def mention_id(m: AgreementMention | ProcurementMention) -> str:
    """Deterministic id over document, kind, evidence offsets and the key fields."""
    ev = m.evidence
    if isinstance(m, AgreementMention):
        key = ["|".join(m.parties), m.agreement_type, m.name or "", m.date or ""]
    else:
        key = [m.buyer_country, m.system, m.order_date or "", str(m.quantity or "")]
    raw = "\x1f".join([ev.doc_id, m.kind, str(ev.char_start), str(ev.char_end), *key])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
