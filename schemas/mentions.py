"""`mentions`: every agreement or procurement mention found in a document, with its evidence."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.codes import country_codes
from schemas.dtypes import INT, STRING, STRING_LIST
from schemas.procurement_fields import ProcurementColumns
from schemas.vocab import (
    AGREEMENT_STATUSES,
    AGREEMENT_TYPES,
    MENTION_KINDS,
    PROCUREMENT_STATUSES,
    TOPICS,
)


class _MentionColumns(pa.DataFrameModel):
    """Every mention: its id, document, kind, stage and evidence."""

    mention_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", description="Deterministic id of the mention.")
    doc_id: Series[STRING] = pa.Field(description="Document the mention was found in.")
    kind: Series[STRING] = pa.Field(isin=list(MENTION_KINDS), description="agreement or procurement.")
    status: Series[STRING] = pa.Field(description="Stage stated by this mention (agreement or procurement vocabulary, by kind).")
    sentence: Series[STRING] = pa.Field(description="Evidence sentence, as in the cleaned text.")
    char_start: Series[INT] = pa.Field(ge=0, description="Start offset of the sentence in the cleaned text.")
    char_end: Series[INT] = pa.Field(ge=1, description="End offset (exclusive) in the cleaned text.")
    raw_char_start: Series[INT] = pa.Field(ge=0, description="Start offset of the sentence in the raw (decoded) file text.")
    raw_char_end: Series[INT] = pa.Field(ge=1, description="End offset (exclusive) in the raw file text.")


class _AgreementMentionColumns(pa.DataFrameModel):
    """An agreement mention's fields (empty on procurement rows)."""

    parties: Series[STRING_LIST] = pa.Field(description="Agreement: ISO 3166-1 alpha-3 parties (sorted).")
    agreement_type: Series[STRING] = pa.Field(nullable=True, isin=list(AGREEMENT_TYPES), description="Agreement: kind of arrangement.")
    date: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="Agreement: date signed or expected.")
    location: Series[STRING] = pa.Field(nullable=True, description="Agreement: city where it was signed.")
    signatories: Series[STRING_LIST] = pa.Field(description="Agreement: people who signed or led it.")
    topics: Series[STRING_LIST] = pa.Field(description="Agreement: topics (sorted).")
    name: Series[STRING] = pa.Field(nullable=True, description="Agreement: the arrangement's own name.")


# pandera lays inherited columns out base by base, the last base first: evidence, agreement
# fields, procurement fields (empty on agreement rows), then this model's own.
class MentionsSchema(ProcurementColumns, _AgreementMentionColumns, _MentionColumns):
    """One row per mention. Agreement fields are empty on procurement rows and vice versa."""

    # nullable here: an agreement row has neither (kind_fields requires them of a procurement row)
    buyer_country: Series[STRING] = pa.Field(nullable=True, description="ISO 3166-1 alpha-3 code of the buying state.")
    system: Series[STRING] = pa.Field(nullable=True, description="The system's name as the evidence text writes it.")
    extractor_version: Series[STRING] = pa.Field(description="Version of the extraction library.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="status must come from the vocabulary of the mention's kind")
    def status_matches_kind(cls, df):
        ok_agr = (df["kind"] == "agreement") & df["status"].isin(list(AGREEMENT_STATUSES))
        ok_proc = (df["kind"] == "procurement") & df["status"].isin(list(PROCUREMENT_STATUSES))
        return (ok_agr | ok_proc).astype(bool)

    @pa.dataframe_check(error="agreement mentions need a type and two valid parties; procurement mentions a valid buyer and a system")
    def kind_fields(cls, df):
        codes = country_codes()
        agr = (df["kind"] == "agreement") & df["agreement_type"].notna() & _two_valid_parties(df["parties"], codes)
        proc = (df["kind"] == "procurement") & df["system"].notna() & df["buyer_country"].notna() & checks.is_country_or_null(
            df["buyer_country"]
        )
        return (agr | proc).astype(bool)

    @pa.dataframe_check(error="topics must come from the topics vocabulary")
    def topics_valid(cls, df):
        return checks.list_within(df["topics"], TOPICS)

    @pa.dataframe_check(error="the evidence span must be non-empty")
    def span_valid(cls, df):
        return (df["char_end"] > df["char_start"]) & (df["raw_char_end"] > df["raw_char_start"])

    @pa.dataframe_check(error="value and currency go together; currency must be ISO 4217; countries ISO 3166-1 alpha-3")
    def codes_valid(cls, df):
        return (
            (df["value"].isna() == df["currency"].isna())
            & checks.is_currency_or_null(df["currency"])
            & checks.is_country_or_null(df["supplier_country"])
        )


def _two_valid_parties(parties, codes):
    flat = checks.string_lists(parties)
    if flat is not None:  # vectorised
        two = pd.Series(checks.list_has_two_distinct(*flat, len(parties)), index=parties.index, dtype=bool)
        return two & checks.list_within(parties, codes)
    return parties.map(lambda xs: len(set(xs)) >= 2 and all(x in codes for x in xs)).astype(bool)
