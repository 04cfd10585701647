"""`procurements`: one row per acquisition (or batch) of a military system, consolidated across documents."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import STRING
from schemas.procurement_fields import ProcurementColumns
from schemas.provenance import ConsolidatedRecordColumns
from schemas.vocab import PROCUREMENT_STATUSES


class ProcurementsSchema(ConsolidatedRecordColumns, ProcurementColumns):
    """Acquisitions of military systems by a buyer state from a supplier state or firm.
    Its own columns: the id, then the procurement's (ProcurementColumns), then the status."""

    procurement_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^proc-[0-9a-f]{16}(-[0-9]+)?$", description="Stable id: a hash of the procurement's block (buyer and system family) and its earliest evidence (document id and offsets); it does not move when unrelated documents are added, removed or renamed. Ids that did move are listed in id_map.")
    status: Series[STRING] = pa.Field(isin=list(PROCUREMENT_STATUSES), description="Latest stage reported.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="buyer_country and supplier_country must be ISO 3166-1 alpha-3")
    def countries_valid(cls, df):
        return checks.is_country_or_null(df["buyer_country"]) & checks.is_country_or_null(df["supplier_country"])

    @pa.dataframe_check(error="value and currency go together; currency must be ISO 4217")
    def money_valid(cls, df):
        return (df["value"].isna() == df["currency"].isna()) & checks.is_currency_or_null(df["currency"])

    @pa.dataframe_check(error="delivery_start must not be before order_date, nor delivery_end before delivery_start")
    def delivery_after_order(cls, df):
        return checks.not_before(df["delivery_start"], df["order_date"]) & checks.not_before(df["delivery_end"], df["delivery_start"])
