"""`corrections`: every row of the curation folder's correction files, and what became of it."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import INT, STRING

CORRECTION_ACTIONS = ("set", "drop", "add", "merge")
# applied: it changed the published records; stale: it no longer applies (its record is gone, or
# the extractor now gives what it says) and was not applied; invalid: it cannot be applied as written.
CORRECTION_OUTCOMES = ("applied", "stale", "invalid")


class CorrectionsSchema(pa.DataFrameModel):
    """One row per correction in the curation folder, with who made it, why and when, and its outcome
    in this release; the records it changed carry `curated` = true."""

    correction_id: Series[STRING] = pa.Field(unique=True, description="'<file>:<line>' of the correction in the curation folder.")
    file: Series[STRING] = pa.Field(description="Correction file, relative to the curation folder.")
    line: Series[INT] = pa.Field(ge=0, description="Line of the correction in its file (0: the file as a whole).")
    action: Series[STRING] = pa.Field(nullable=True, isin=list(CORRECTION_ACTIONS), description=(
        "set: give a field a value; drop: withdraw a false record; add: publish a record the extractor missed; "
        "merge: fold the record `value` names into `record_id`."))
    record_id: Series[STRING] = pa.Field(nullable=True, description="The record corrected (empty for add).")
    field: Series[STRING] = pa.Field(nullable=True, description="The column set (set only).")
    value: Series[STRING] = pa.Field(nullable=True, description=(
        "set: the new value (lists separated by ';', empty for none); merge: the id folded in; add: the record as a JSON object."))
    reason: Series[STRING] = pa.Field(nullable=True, description="Why, for a person.")
    source: Series[STRING] = pa.Field(nullable=True, description="URL or document id that supports the correction.")
    author: Series[STRING] = pa.Field(nullable=True, description="Who made it.")
    date: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="When it was made (ISO 8601).")
    outcome: Series[STRING] = pa.Field(isin=list(CORRECTION_OUTCOMES), description=(
        "applied; stale: not applied because its record no longer exists or the extractor now gives its value; "
        "invalid: not applied because it cannot be as written (see message)."))
    message: Series[STRING] = pa.Field(nullable=True, description="What was done or found, for a person.")
    result_id: Series[STRING] = pa.Field(nullable=True, description=(
        "The record the correction applied to in this release (the id it created, for add; the id it moved to, "
        "when the id map says the record's id moved)."))

    class Config:
        strict = True
        coerce = False
