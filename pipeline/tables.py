"""Typed pandas DataFrames for the published tables, built from the library's records.

Column order and dtypes come from the pandera models (schemas/), so the frames match
the data contract whatever the pandas version's defaults. Rows are sorted by a stable
key so that the same corpus and code give byte-identical files.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Callable, Iterable

import pandas as pd

from schemas import TABLES, column_order
from schemas.table_schema import column_dtype

from pipeline.extract.records import AgreementRecord, ProcurementRecord
from pipeline.rows import AGREEMENT_FIELDS, PROCUREMENT_FIELDS, PROVENANCE_FIELDS, document_row, paused_gc


def frame(table: str, rows: Iterable[dict], sort_by: list[str], drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Typed frame of `table` from row dicts; `drop`: columns left out (e.g. the documents' text)."""
    cols = [c for c in column_order(TABLES[table]) if c not in drop]
    with paused_gc():
        rows = list(rows)
        return columns_frame(table, {c: [r.get(c) for r in rows] for c in cols}, sort_by, drop)


def columns_frame(table: str, columns: dict[str, list], sort_by: list[str], drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Typed frame of `table` from one list of values per column (a missing column: all None)."""
    model = TABLES[table]
    cols = [c for c in column_order(model) if c not in drop]
    n = len(next(iter(columns.values()))) if columns else 0
    with paused_gc():
        data = {c: pd.Series(columns[c] if c in columns else [None] * n, dtype=column_dtype(model, c)) for c in cols}
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


def _record_columns(records: list, fields: dict[str, Callable], extractor_version: str) -> dict[str, list]:
    """Column lists straight from records: a dict per row cost more than the rest of the frame."""
    with paused_gc():  # the lists hold one object per cell
        columns = {name: [get(r) for r in records] for name, get in {**fields, **PROVENANCE_FIELDS}.items()}
    columns["extractor_version"] = [extractor_version] * len(records)
    columns["confidence"] = [0.5] * len(records)  # measured after corrections, with the documents' publishers (pipeline/review/)
    columns["curated"] = [False] * len(records)  # corrections come after consolidation (pipeline/curate/)
    return columns


def agreements_frame(records: list[AgreementRecord], extractor_version: str) -> pd.DataFrame:
    fields = {"agreement_id": attrgetter("agreement_id"), "status": attrgetter("status"), **AGREEMENT_FIELDS}
    return columns_frame("agreements", _record_columns(records, fields, extractor_version), ["agreement_id"])


def procurements_frame(records: list[ProcurementRecord], extractor_version: str) -> pd.DataFrame:
    fields = {"procurement_id": attrgetter("procurement_id"), "status": attrgetter("status"), **PROCUREMENT_FIELDS}
    return columns_frame("procurements", _record_columns(records, fields, extractor_version), ["procurement_id"])


def rejected_frame(rejected) -> pd.DataFrame:
    rows = [
        {"file_name": r.file, "reason": r.reason, "message": r.message, "n_bytes": r.n_bytes, "sha256": r.sha256}
        for r in rejected
    ]
    return frame("rejected", rows, ["file_name"])


def id_map_frame(rows: list[dict]) -> pd.DataFrame:
    return frame("id_map", rows, ["old_id"])


def corrections_frame(rows: list[dict]) -> pd.DataFrame:
    return frame("corrections", rows, ["file", "line"])


def review_frame(rows: list[dict]) -> pd.DataFrame:
    return frame("review", rows, ["rank"])
