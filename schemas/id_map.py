"""`id_map`: record ids that an earlier release published and this one does not, and what they became."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.dtypes import STRING, STRING_LIST
from schemas.table_schema import RECORD_ID_COLUMNS

# What happened to an old id, decided from the mentions the old and the new records share:
# merged: its mentions now belong to one record that also holds another record's;
# split: its mentions now belong to several records;
# superseded: its mentions now belong to one record with a new id (its earliest evidence moved).
ID_MAP_RELATIONS = ("merged", "split", "superseded")
ID_MAP_TABLES = tuple(RECORD_ID_COLUMNS)


class IdMapSchema(pa.DataFrameModel):
    """One row per record id published by an earlier release and no longer in use, with the ids
    of the records that now hold its evidence: old ids stay resolvable."""

    old_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^(agr|proc)-[0-9a-f]{16}(-[0-9]+)?$",
                                      description="A record id an earlier release published; never an id in use.")
    table: Series[STRING] = pa.Field(isin=list(ID_MAP_TABLES), description="The table the id belonged to.")
    relation: Series[STRING] = pa.Field(isin=list(ID_MAP_RELATIONS), description=(
        "merged: the record became part of one record together with another; split: its mentions went to several "
        "records; superseded: the same mentions form a record with a new id (its earliest evidence changed)."))
    new_ids: Series[STRING_LIST] = pa.Field(description=(
        "The ids in this release that hold the old record's mentions, sorted; empty when they were later removed "
        "from the corpus too. Chains are followed: these are always ids of this release."))
    last_release: Series[STRING] = pa.Field(description="The last release that published old_id.")

    class Config:
        strict = True
        coerce = False
