"""Typed pandas DataFrames for the published tables, built from the library's records.

Column order and dtypes come from the pandera models (schemas/), so the frames match
the data contract whatever the pandas version's defaults. Rows are sorted by a stable
key so that the same corpus and code give byte-identical files.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from schemas import TABLES, column_order
from schemas.table_schema import column_dtype

from pipeline.extract.records import (
    AgreementMention,
    AgreementRecord,
    Conflict,
    MoneyValue,
    ProcurementMention,
    ProcurementRecord,
)


def frame(table: str, rows: Iterable[dict], sort_by: list[str]) -> pd.DataFrame:
    model = TABLES[table]
    rows = list(rows)
    cols = column_order(model)
    data = {c: pd.Series([r.get(c) for r in rows], dtype=column_dtype(model, c)) for c in cols}
    df = pd.DataFrame(data, columns=cols)
    if len(df):
        df = df.sort_values(sort_by, kind="stable").reset_index(drop=True)
    return df


def money_text(m: MoneyValue) -> str:
    """'4400000000 MYR': plain digits, no exponent, no trailing '.0'."""
    return f"{m.value:.2f}".rstrip("0").rstrip(".") + " " + m.currency


def conflict_text(c: Conflict) -> str:
    return f"{c.field}: {c.value} [{', '.join(c.doc_ids)}]"


def documents_frame(documents) -> pd.DataFrame:
    rows = [
        {
            "doc_id": d.doc_id,
            "file_name": d.file_name,
            "title": d.title,
            "publisher": d.publisher,
            "url": d.url,
            "published": d.published,
            "published_precision": d.published_precision,
            "published_source": d.published_source,
            "encoding": d.encoding,
            "n_bytes": d.n_bytes,
            "raw_sha256": d.raw_sha256,
            "n_chars": d.n_chars,
            "text": d.text,
        }
        for d in documents
    ]
    return frame("documents", rows, ["file_name"])


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
        row.update(_procurement_fields(m))
    return row


def _procurement_fields(p) -> dict:
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


def mentions_frame(rows: list[dict]) -> pd.DataFrame:
    return frame("mentions", rows, ["doc_id", "char_start", "mention_id"])


def _provenance(r, extractor_version: str) -> dict:
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


def agreements_frame(records: list[AgreementRecord], extractor_version: str) -> pd.DataFrame:
    rows = []
    for r in records:
        row = {
            "agreement_id": r.agreement_id,
            "parties": list(r.parties),
            "agreement_type": r.agreement_type,
            "status": r.status,
            "date": r.date,
            "location": r.location,
            "signatories": list(r.signatories),
            "topics": list(r.topics),
            "name": r.name,
        }
        row.update(_provenance(r, extractor_version))
        rows.append(row)
    return frame("agreements", rows, ["agreement_id"])


def procurements_frame(records: list[ProcurementRecord], extractor_version: str) -> pd.DataFrame:
    rows = []
    for r in records:
        row = {"procurement_id": r.procurement_id, "status": r.status}
        row.update(_procurement_fields(r))
        row.update(_provenance(r, extractor_version))
        rows.append(row)
    return frame("procurements", rows, ["procurement_id"])


__all__ = [
    "agreements_frame",
    "documents_frame",
    "frame",
    "mention_row",
    "mentions_frame",
    "procurements_frame",
]


def rejected_frame(rejected) -> pd.DataFrame:
    rows = [
        {"file_name": r.file, "reason": r.reason, "message": r.message, "n_bytes": r.n_bytes, "sha256": r.sha256}
        for r in rejected
    ]
    return frame("rejected", rows, ["file_name"])
