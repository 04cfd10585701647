"""`rejected`: every corpus file that could not be published as a document, and why."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.dtypes import INT, STRING

REJECTION_REASONS = (
    "empty",
    "binary",
    "undecodable",
    "too_large",
    "only_boilerplate",
    "unsupported_language",
    "duplicate",
    "extraction_failed",
    "unreadable",
)


class RejectedSchema(pa.DataFrameModel):
    """One row per corpus file that was read but not published as a document."""

    file_name: Series[STRING] = pa.Field(unique=True, description="Path of the file relative to the corpus folder.")
    reason: Series[STRING] = pa.Field(isin=list(REJECTION_REASONS), description="Machine-readable reason.")
    message: Series[STRING] = pa.Field(description="What was wrong, for a person.")
    n_bytes: Series[INT] = pa.Field(nullable=True, ge=0, description="Size of the file in bytes.")
    sha256: Series[STRING] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw bytes.")

    class Config:
        strict = True
        coerce = False
