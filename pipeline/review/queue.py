"""The review queue of a release: the records a curator should check first."""
from __future__ import annotations

import pandas as pd

from schemas.table_schema import RECORD_ID_COLUMNS

from pipeline.quality import as_list, plain
from pipeline.review.confidence import conflict_fields, independent_sources, score, signals

REVIEW_BELOW = 0.7  # below this, roughly one record in three or more is wrong (reliability table): worth a look
ID_COLUMNS = RECORD_ID_COLUMNS


def with_confidence(table: str, df: pd.DataFrame, publishers: dict[str, str | None]) -> pd.DataFrame:
    """`df` with its `confidence` column measured (see confidence.py)."""
    if not len(df):
        return df
    return df.assign(confidence=score(table, signals(table, df, publishers)))


def _summary(table: str, r: dict) -> str:
    if table == "agreements":
        return f"{' – '.join(r['parties'])}: {r['agreement_type']} ({r['status']})"
    supplier = f" from {r['supplier_country']}" if r.get("supplier_country") else ""
    quantity = f"{r['quantity']} " if r.get("quantity") is not None and not pd.isna(r.get("quantity")) else ""
    return f"{r['buyer_country']} buys {quantity}{r['system']}{supplier} ({r['status']})"


def review_rows(tables: dict[str, pd.DataFrame], publishers: dict[str, str | None]) -> list[dict]:
    """The queue's rows, ranked: records below REVIEW_BELOW or with conflicts, not yet curated."""
    rows = []
    for table, id_col in ID_COLUMNS.items():
        df = tables[table]
        # the few records in the queue are converted to Python rows, not the whole table
        wanted = ~df["curated"].fillna(False).astype(bool) & ((df["confidence"] < REVIEW_BELOW).fillna(False).astype(bool)
                                                             | (df["conflicts"].map(len) > 0))
        for r in df[wanted.to_numpy()].to_dict("records"):
            reasons = []
            if r["confidence"] < REVIEW_BELOW:
                reasons.append(f"confidence {r['confidence']:.2f} below {REVIEW_BELOW}")
            conflicts = conflict_fields(plain(r["conflicts"]))
            if conflicts:
                reasons.append(f"sources disagree on {', '.join(conflicts)}")
            if not reasons:
                continue
            if independent_sources(as_list(plain(r["source_doc_ids"])), publishers) == 1:
                reasons.append("one source")
            value = r.get("value")
            value = None if value is None or pd.isna(value) else float(value)
            value_usd = r.get("value_usd")
            value_usd = None if value_usd is None or pd.isna(value_usd) else float(value_usd)
            rows.append({"record_id": r[id_col], "table": table, "confidence": float(r["confidence"]), "reasons": reasons,
                         "summary": _summary(table, r), "value": value,
                         "currency": r.get("currency") if value is not None else None, "value_usd": value_usd,
                         "last_reported": r["last_reported"] if isinstance(r["last_reported"], str) else None,
                         "evidence_doc_id": r["evidence_doc_id"], "evidence_sentence": r["evidence_sentence"]})
    # What matters first: the largest deals in dollars, then values with no dollar rate (not comparable),
    # then the newest, then the least confident.
    rows.sort(key=lambda r: (r["value"] is None, r["value_usd"] is None, -(r["value_usd"] or 0.0),
                             _descending(r["last_reported"]), r["confidence"], r["record_id"]))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    return rows


def _descending(date: str | None) -> str:
    """A sort key putting later ISO dates first (None last)."""
    if not date:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)
