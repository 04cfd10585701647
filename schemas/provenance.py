"""Columns every consolidated record carries: its sources and the evidence of its best mention."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import BOOL, FLOAT, INT, STRING, STRING_LIST


class ConsolidatedRecordColumns(pa.DataFrameModel):
    source_doc_ids: Series[STRING_LIST] = pa.Field(description="doc_id of every document that mentions the record (sorted).")
    n_sources: Series[INT] = pa.Field(ge=1, description="Number of source documents.")
    first_reported: Series[STRING] = pa.Field(
        nullable=True, str_matches=checks.PARTIAL_DATE, description="Earliest publication date among the sources (ISO 8601)."
    )
    last_reported: Series[STRING] = pa.Field(
        nullable=True, str_matches=checks.PARTIAL_DATE, description="Latest publication date among the sources (ISO 8601)."
    )
    evidence_doc_id: Series[STRING] = pa.Field(description="Document of the best mention.")
    evidence_sentence: Series[STRING] = pa.Field(description="Sentence of the best mention, as in the cleaned text.")
    evidence_char_start: Series[INT] = pa.Field(ge=0, description="Start offset of that sentence in the document's cleaned text.")
    evidence_char_end: Series[INT] = pa.Field(ge=1, description="End offset (exclusive) of that sentence in the cleaned text.")
    mention_ids: Series[STRING_LIST] = pa.Field(description="mention_id of every merged mention (sorted).")
    conflicts: Series[STRING_LIST] = pa.Field(
        description="Values on which sources disagree: 'field: alternative value [doc_id, ...]'. The published value is the best supported."
    )
    extractor_version: Series[STRING] = pa.Field(description="Version of the extraction library that produced the record.")
    confidence: Series[FLOAT] = pa.Field(ge=0, le=1, description=(
        "Probability that the record is true, from measurable signals (independent sources, agreement between them, "
        "conflicts, how explicit the reported stage is, whether the details come from the evidence sentence), "
        "calibrated on the project's annotated articles; the data card gives the signals and the reliability table."))
    curated: Series[BOOL] = pa.Field(description=(
        "True when a correction in the project's curation folder changed, added or merged this record: the "
        "corrections table says who changed what, why and when."))

    @pa.dataframe_check(error="n_sources must equal the number of source_doc_ids")
    def n_sources_matches(cls, df):
        return df["n_sources"] == df["source_doc_ids"].list.len()

    @pa.dataframe_check(error="evidence_char_end must be after evidence_char_start")
    def evidence_span(cls, df):
        return df["evidence_char_end"] > df["evidence_char_start"]

    @pa.dataframe_check(error="first_reported must not be after last_reported")
    def reported_order(cls, df):
        return checks.not_before(df["last_reported"], df["first_reported"])

    @pa.dataframe_check(error="lists of ids must be sorted and unique")
    def sorted_id_lists(cls, df):
        return checks.list_is_sorted_unique(df["source_doc_ids"]) & checks.list_is_sorted_unique(df["mention_ids"])
