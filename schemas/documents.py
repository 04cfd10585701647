"""`documents`: every article read from the corpus, with its metadata and cleaned text."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import INT, STRING
from schemas.vocab import DATE_PRECISIONS


class DocumentsSchema(pa.DataFrameModel):
    """One row per article file accepted from the corpus."""

    doc_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", description="Content hash: first 16 hex digits of the SHA-256 of the raw bytes.")
    file_name: Series[STRING] = pa.Field(unique=True, description="Path of the file relative to the corpus folder.")
    title: Series[STRING] = pa.Field(nullable=True, description="Headline, when the text has one.")
    publisher: Series[STRING] = pa.Field(nullable=True, description="Outlet, from sources.csv or the text.")
    url: Series[STRING] = pa.Field(nullable=True, description="Original address, from sources.csv.")
    published: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="Publication date, ISO 8601 at the precision known.")
    published_precision: Series[STRING] = pa.Field(nullable=True, isin=list(DATE_PRECISIONS), description="day, month or year.")
    published_source: Series[STRING] = pa.Field(nullable=True, isin=["manifest", "text"], description="Where the publication date came from.")
    dateline: Series[STRING] = pa.Field(nullable=True, description="Where the story was filed (its dateline or byline place).")
    encoding: Series[STRING] = pa.Field(description="Text encoding used to decode the file.")
    n_bytes: Series[INT] = pa.Field(ge=1, description="Size of the raw file in bytes.")
    raw_sha256: Series[STRING] = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw bytes.")
    n_chars: Series[INT] = pa.Field(ge=0, description="Length of the cleaned text in characters.")
    n_removed_controls: Series[INT] = pa.Field(
        ge=0, description="Invisible format and control characters (zero-width joiners, bidi overrides, NULs) removed from the text."
    )
    n_replaced_bytes: Series[INT] = pa.Field(
        ge=0, description="Invalid bytes of a UTF-8 file (corrupt or mixed-encoding spots) read as U+FFFD; 0 when every byte decoded."
    )
    text: Series[STRING] = pa.Field(description="Cleaned text (scraping noise removed); mention offsets point into it.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="published_precision must match the length of published")
    def precision_matches(cls, df):
        return (checks.date_precision(df["published"]).fillna("") == df["published_precision"].fillna("")).astype(bool)

    @pa.dataframe_check(error="n_chars must equal the length of text")
    def n_chars_matches(cls, df):
        return df["n_chars"] == df["text"].str.len()

    @pa.dataframe_check(error="doc_id must be the prefix of raw_sha256")
    def doc_id_is_hash(cls, df):
        return checks.starts_with(df["raw_sha256"], df["doc_id"])
