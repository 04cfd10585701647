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

from pipeline.extract.records import AgreementRecord, ProcurementRecord
from pipeline.rows import document_row, procurement_fields, provenance


def frame(table: str, rows: Iterable[dict], sort_by: list[str], drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Typed frame of `table` from row dicts; `drop`: columns left out (e.g. the documents' text)."""
    model = TABLES[table]
    rows = list(rows)
    cols = [c for c in column_order(model) if c not in drop]
    data = {c: pd.Series([r.get(c) for r in rows], dtype=column_dtype(model, c)) for c in cols}
    df = pd.DataFrame(data, columns=cols)
    if len(df):
        df = df.sort_values(sort_by, kind="stable").reset_index(drop=True)
    return df


def documents_metadata_frame(entries) -> pd.DataFrame:
    """The documents table without its `text` column, from index entries (texts stay in the cache)."""
    return frame("documents", (e.row for e in entries), ["file_name"], drop=("text",))


def document_metadata_schema():
    """The documents model without the text column and the checks that need it."""
    schema = TABLES["documents"].to_schema().remove_columns(["text"])
    schema.checks = [c for c in schema.checks if c.name != "n_chars_matches"]
    return schema


def documents_frame(documents) -> pd.DataFrame:
    rows = [document_row(d) for d in documents]
    return frame("documents", rows, ["file_name"])


MENTION_ORDER = ["doc_id", "char_start", "mention_id"]


def mentions_frame(rows: list[dict]) -> pd.DataFrame:
    return frame("mentions", rows, MENTION_ORDER)


def mentions_frame_concat(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """One mentions table from frames built chunk by chunk, in the published row order."""
    chunks = [c for c in chunks if len(c)] or chunks[:1]
    df = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    return df.sort_values(MENTION_ORDER, kind="stable").reset_index(drop=True) if len(chunks) > 1 else df


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
        row.update(provenance(r, extractor_version))
        rows.append(row)
    return frame("agreements", rows, ["agreement_id"])


def procurements_frame(records: list[ProcurementRecord], extractor_version: str) -> pd.DataFrame:
    rows = []
    for r in records:
        row = {"procurement_id": r.procurement_id, "status": r.status}
        row.update(procurement_fields(r))
        row.update(provenance(r, extractor_version))
        rows.append(row)
    return frame("procurements", rows, ["procurement_id"])


def rejected_frame(rejected) -> pd.DataFrame:
    rows = [
        {"file_name": r.file, "reason": r.reason, "message": r.message, "n_bytes": r.n_bytes, "sha256": r.sha256}
        for r in rejected
    ]
    return frame("rejected", rows, ["file_name"])
