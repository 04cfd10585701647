"""`agreements`: one row per real-world inter-state arrangement, consolidated across documents."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.codes import country_codes
from schemas.dtypes import STRING, STRING_LIST
from schemas.provenance import ConsolidatedRecordColumns
from schemas.vocab import AGREEMENT_STATUSES, AGREEMENT_TYPES, TOPICS


class AgreementsSchema(ConsolidatedRecordColumns):
    """Agreements between named states: MoUs, G2G and defence-industry agreements,
    strategic partnerships, letters of intent, joint statements, FTAs."""

    agreement_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^agr-[0-9a-f]{16}(-[0-9]+)?$", description="Stable id: a hash of the agreement's block (its parties) and its earliest evidence (document id and offsets); it does not move when unrelated documents are added, removed or renamed. Ids that did move are listed in id_map.")
    parties: Series[STRING_LIST] = pa.Field(description="ISO 3166-1 alpha-3 codes of the states party to it (sorted, at least two).")
    agreement_type: Series[STRING] = pa.Field(isin=list(AGREEMENT_TYPES), description="Kind of arrangement.")
    status: Series[STRING] = pa.Field(isin=list(AGREEMENT_STATUSES), description="Latest stage reported.")
    date: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="Date signed (or expected while not signed), ISO 8601 at the precision stated.")
    location: Series[STRING] = pa.Field(nullable=True, description="City where it was signed.")
    signatories: Series[STRING_LIST] = pa.Field(description="People who signed or led it, as written in the text.")
    topics: Series[STRING_LIST] = pa.Field(description="Subjects covered, from the topics vocabulary (sorted).")
    name: Series[STRING] = pa.Field(nullable=True, description="The arrangement's own name when the text gives one (e.g. 'EDCA').")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="an agreement needs at least two distinct parties, all ISO 3166-1 alpha-3, sorted")
    def parties_valid(cls, df):
        codes = country_codes()
        parties = df["parties"]
        if checks.string_lists(parties) is not None:  # vectorised; same answer (sorted and unique => distinct)
            return (checks.list_within(parties, codes) & checks.list_is_sorted_unique(parties)
                    & (parties.list.len() >= 2).astype(bool))
        return parties.map(lambda xs: len(set(xs)) >= 2 and all(x in codes for x in xs) and list(xs) == sorted(set(xs))).astype(bool)

    @pa.dataframe_check(error="topics must come from the topics vocabulary, sorted and unique")
    def topics_valid(cls, df):
        return checks.list_within(df["topics"], TOPICS) & checks.list_is_sorted_unique(df["topics"])
