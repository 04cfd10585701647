"""Refuse to publish tables that disagree with each other.

Each table of a release is built by its own step; if a step ever received another run's
value (another corpus, another output), the release would mix corpora: records citing
documents it does not hold. The publisher checks the links before writing anything.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

MAX_LISTED = 5  # documents named in a message; the rest are counted


def _listed(ids: Iterable[str]) -> str:
    ids = sorted(ids)
    more = f" and {len(ids) - MAX_LISTED} more" if len(ids) > MAX_LISTED else ""
    return ", ".join(ids[:MAX_LISTED]) + more


def disagreements(document_ids: set[str], extracted_ids: set[str], records: dict[str, pd.DataFrame]) -> list[str]:
    """What links the release would break. `document_ids`: the documents it publishes;
    `extracted_ids`: those its mentions were extracted from (both without failed ones).
    Mentions of documents it does not hold, documents whose mentions are not in it, and
    records citing documents it does not hold (as a source or as their evidence)."""
    problems = []
    stray = extracted_ids - document_ids
    if stray:
        problems.append(f"mentions come from {len(stray)} document(s) the documents table does not hold: {_listed(stray)}")
    unread = document_ids - extracted_ids
    if unread:
        problems.append(f"{len(unread)} document(s) of the documents table were never extracted: {_listed(unread)}")
    for table, df in records.items():
        cited = {d for ids in df["source_doc_ids"] for d in ids} | set(df["evidence_doc_id"])
        missing = cited - document_ids
        if missing:
            problems.append(f"{table} cite {len(missing)} document(s) the documents table does not hold: {_listed(missing)}")
    return problems
