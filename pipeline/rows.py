"""Plain-dict rows of the published tables, built from the library's records.

No pandas here: extraction workers build mention rows in parallel processes and cache
them, so this module stays light to import. `pipeline.tables` turns rows into typed frames.
"""
from __future__ import annotations

from pipeline.extract.records import AgreementMention, Conflict, MoneyValue, ProcurementMention


def money_text(m: MoneyValue) -> str:
    """'4400000000 MYR': plain digits, no exponent, no trailing '.0'."""
    return f"{m.value:.2f}".rstrip("0").rstrip(".") + " " + m.currency


def conflict_text(c: Conflict) -> str:
    return f"{c.field}: {c.value} [{', '.join(c.doc_ids)}]"


def document_row(d) -> dict:
    return {
        "doc_id": d.doc_id,
        "file_name": d.file_name,
        "title": d.title,
        "publisher": d.publisher,
        "url": d.url,
        "published": d.published,
        "published_precision": d.published_precision,
        "published_source": d.published_source,
        "dateline": d.dateline,
        "encoding": d.encoding,
        "n_bytes": d.n_bytes,
        "raw_sha256": d.raw_sha256,
        "n_chars": d.n_chars,
        "n_removed_controls": d.n_removed_controls,
        "text": d.text,
    }


def mention_row(m, mention_id: str, to_raw_span, extractor_version: str) -> dict:
    """`to_raw_span` maps a cleaned-text span to the raw decoded text (Document.to_raw_span)."""
    ev = m.evidence
    raw_start, raw_end = to_raw_span(ev.char_start, ev.char_end)
    row = {
        "mention_id": mention_id,
        "doc_id": ev.doc_id,
        "kind": m.kind,
        "status": m.status,
        "sentence": ev.sentence,
        "char_start": ev.char_start,
        "char_end": ev.char_end,
        "raw_char_start": raw_start,
        "raw_char_end": raw_end,
        "parties": [],
        "signatories": [],
        "topics": [],
        "value_alternatives": [],
        "extractor_version": extractor_version,
    }
    if isinstance(m, AgreementMention):
        row.update(
            parties=list(m.parties),
            agreement_type=m.agreement_type,
            date=m.date,
            location=m.location,
            signatories=list(m.signatories),
            topics=list(m.topics),
            name=m.name,
        )
    elif isinstance(m, ProcurementMention):
        row.update(procurement_fields(m))
    return row


def procurement_fields(p) -> dict:
    return {
        "buyer_country": p.buyer_country,
        "supplier_country": p.supplier_country,
        "buyer_org": p.buyer_org,
        "supplier_org": p.supplier_org,
        "system": p.system,
        "category": p.category,
        "quantity": p.quantity,
        "value": p.value.value if p.value else None,
        "currency": p.value.currency if p.value else None,
        "value_alternatives": [money_text(v) for v in p.value_alternatives],
        "order_date": p.order_date,
        "delivery_start": p.delivery_start,
        "delivery_end": p.delivery_end,
    }


def provenance(r, extractor_version: str) -> dict:
    ev = r.evidence
    return {
        "source_doc_ids": sorted(r.source_doc_ids),
        "n_sources": len(r.source_doc_ids),
        "first_reported": r.first_reported,
        "last_reported": r.last_reported,
        "evidence_doc_id": ev.doc_id,
        "evidence_sentence": ev.sentence,
        "evidence_char_start": ev.char_start,
        "evidence_char_end": ev.char_end,
        "mention_ids": sorted(r.mention_ids),
        "conflicts": [conflict_text(c) for c in r.conflicts],
        "extractor_version": extractor_version,
    }
