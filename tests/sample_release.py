"""Small typed tables of a release (valid against the pandera models), for tests of the
release metadata (data card, Croissant, chart) that do not need the whole pipeline."""
from __future__ import annotations

import hashlib

import pandas as pd

from schemas import TABLES
from schemas.table_schema import empty_frame

TEXT = "Seoul, 27 October 2025. Malaysia and South Korea signed an MoU on defence industry cooperation. Malaysia ordered 18 FA-50 jets from Korea for USD 920 million."
S1 = "Malaysia and South Korea signed an MoU on defence industry cooperation."
S2 = "Malaysia ordered 18 FA-50 jets from Korea for USD 920 million."
RAW_SHA256 = hashlib.sha256(TEXT.encode()).hexdigest()
DOC_ID = RAW_SHA256[:16]


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    empty = empty_frame(TABLES[name])
    full = [{c: row.get(c) for c in empty.columns} for row in rows]
    return pd.DataFrame(full, columns=empty.columns).astype(empty.dtypes.to_dict()) if rows else empty


def _provenance(doc: str, sentence: str, mention: str) -> dict:
    start = TEXT.index(sentence)
    return dict(source_doc_ids=[doc], n_sources=1, first_reported="2025-10-27", last_reported="2025-10-27",
                evidence_doc_id=doc, evidence_sentence=sentence, evidence_char_start=start,
                evidence_char_end=start + len(sentence), mention_ids=[mention], conflicts=[], extractor_version="0.1.0", confidence=0.9, curated=False)


def sample_tables() -> dict[str, pd.DataFrame]:
    doc = DOC_ID
    agreements = _frame("agreements", [
        dict(agreement_id="agr-0000000000000001", parties=["KOR", "MYS"], agreement_type="mou", status="signed",
             date="2025-10-27", location="Seoul", signatories=[], topics=["defence_industry"], name=None,
             **_provenance(doc, S1, "aaaaaaaaaaaaaaa1")),
        dict(agreement_id="agr-0000000000000002", parties=["IDN", "KOR"], agreement_type="agreement", status="proposed",
             date=None, location=None, signatories=[], topics=[], name="KF-21 cost-sharing",
             **_provenance(doc, S1, "aaaaaaaaaaaaaaa2")),
    ])
    procurements = _frame("procurements", [
        dict(procurement_id="proc-0000000000000001", buyer_country="MYS", supplier_country="KOR", system="FA-50",
             category="combat_aircraft", quantity=18, value=920000000.0, currency="USD", value_alternatives=["4080000000 MYR"],
             order_date="2023-05", status="ordered", **_provenance(doc, S2, "bbbbbbbbbbbbbbb1")),
        dict(procurement_id="proc-0000000000000002", buyer_country="POL", supplier_country="KOR", system="K2",
             category="tank", value_alternatives=[], order_date="2022-07", status="delivered",
             **_provenance(doc, S2, "bbbbbbbbbbbbbbb2")),
        dict(procurement_id="proc-0000000000000003", buyer_country="MYS", supplier_country=None, system="LMS Batch 2",
             category=None, value_alternatives=[], status="planned", **_provenance(doc, S2, "bbbbbbbbbbbbbbb3")),
    ])
    documents = _frame("documents", [dict(doc_id=DOC_ID, file_name="a|b.txt", title="MoU signed", publisher="Example News",
                                          url=None, published="2025-10-27", published_precision="day", published_source="text",
                                          encoding="utf-8", n_removed_controls=0, n_replaced_bytes=0, n_bytes=len(TEXT.encode()), raw_sha256=RAW_SHA256, n_chars=len(TEXT), text=TEXT)])
    return {
        "agreements": agreements,
        "procurements": procurements,
        "documents": documents,
        "mentions": empty_frame(TABLES["mentions"]),
        "rejected": empty_frame(TABLES["rejected"]),
        "id_map": _frame("id_map", [dict(old_id="proc-00000000000000ff", table="procurements", relation="superseded",
                                         new_ids=["proc-0000000000000001"], last_release="2025-10-26.001.0123abcd")]),
        "corrections": _frame("corrections", [dict(correction_id="corrections.csv:2", file="corrections.csv", line=2,
                                                   action="set", record_id="proc-0000000000000001", field="quantity",
                                                   value="18", reason="The ministry's statement gives 18.",
                                                   source="https://example.org/statement", author="A. Curator",
                                                   date="2025-10-28", outcome="stale",
                                                   message="already 18: the extractor now gets it right",
                                                   result_id="proc-0000000000000001")]),
        "review": _frame("review", [dict(record_id="proc-0000000000000003", rank=1, table="procurements", confidence=0.55,
                                         reasons=["confidence 0.55 below 0.7", "one source"],
                                         summary="MYS buys LMS Batch 2 (planned)", value=None, currency=None,
                                         last_reported="2025-10-27", evidence_doc_id=doc, evidence_sentence=S2)]),
    }


def sample_tables_in_dollars() -> dict[str, pd.DataFrame]:
    """The sample tables with the procurements' dollar columns filled (as the records asset does)."""
    from pipeline.enrich.usd import with_usd

    tables = sample_tables()
    tables["procurements"] = with_usd(tables["procurements"])
    return tables


def sample_database(path, changes: dict, previous_version: str | None = None):
    """The SQLite database of the sample tables in dollars at `path`: (connection with named rows, rows per table)."""
    import sqlite3

    from pipeline.publish.database import build_database

    counts = build_database(path, sample_tables_in_dollars(), changes, previous_version)
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    return con, counts


def validate(tables: dict[str, pd.DataFrame]) -> None:
    for name, df in tables.items():
        TABLES[name].validate(df, lazy=True)
