"""`review`: the release's review queue, where a curator starts."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import FLOAT, INT, STRING, STRING_LIST
from schemas.table_schema import RECORD_ID_COLUMNS

REVIEW_TABLES = tuple(RECORD_ID_COLUMNS)


class ReviewSchema(pa.DataFrameModel):
    """The records a person should check first: confidence below the threshold, or sources that
    disagree; records already curated are left out. Ordered by what matters: the largest value in US
    dollars first, then a value with no dollar rate, then the most recently reported, then the least confident."""

    record_id: Series[STRING] = pa.Field(unique=True, description="agreement_id or procurement_id of the record.")
    rank: Series[INT] = pa.Field(ge=1, description="Place in the queue (1: check first).")
    table: Series[STRING] = pa.Field(isin=list(REVIEW_TABLES), description="The table the record is in.")
    confidence: Series[FLOAT] = pa.Field(ge=0, le=1, description="The record's confidence (see the data card).")
    reasons: Series[STRING_LIST] = pa.Field(description="Why it is in the queue.")
    summary: Series[STRING] = pa.Field(description="The record in a few words: parties and type, or buyer, system and supplier.")
    value: Series[FLOAT] = pa.Field(nullable=True, ge=0, description="Contract value in units of `currency` (procurements).")
    currency: Series[STRING] = pa.Field(nullable=True, description="ISO 4217 code of `value`.")
    value_usd: Series[FLOAT] = pa.Field(nullable=True, ge=0, description="`value` in US dollars at the deal date's rate (procurements).")
    last_reported: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="Latest publication date among its sources.")
    evidence_doc_id: Series[STRING] = pa.Field(description="Document of the record's best mention.")
    evidence_sentence: Series[STRING] = pa.Field(description="Sentence of the record's best mention.")

    class Config:
        strict = True
        coerce = False
