"""`procurements`: one row per acquisition (or batch) of a military system, consolidated across documents."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import FLOAT, INT, STRING, STRING_LIST
from schemas.provenance import ConsolidatedRecordColumns
from schemas.vocab import CATEGORIES, PROCUREMENT_STATUSES


class ProcurementsSchema(ConsolidatedRecordColumns):
    """Acquisitions of military systems by a buyer state from a supplier state or firm."""

    procurement_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^proc-[0-9a-f]{16}(-[0-9]+)?$", description="Stable id derived from the record's identity.")
    buyer_country: Series[STRING] = pa.Field(description="ISO 3166-1 alpha-3 code of the buying state.")
    supplier_country: Series[STRING] = pa.Field(nullable=True, description="ISO 3166-1 alpha-3 code of the supplying state (the firm's state for a firm).")
    buyer_org: Series[STRING] = pa.Field(nullable=True, description="Buying organisation, e.g. 'Royal Malaysian Air Force'.")
    supplier_org: Series[STRING] = pa.Field(nullable=True, description="Supplying firm or agency, e.g. 'Korea Aerospace Industries'.")
    system: Series[STRING] = pa.Field(description="The system's name as the evidence text writes it, e.g. 'FA-50', 'AH-64E Apache' "
                                                   "(a maker's name before a designation dropped; the gazetteer's spelling "
                                                   "for a name written in another case).")
    category: Series[STRING] = pa.Field(nullable=True, isin=list(CATEGORIES), description="Kind of system.")
    quantity: Series[INT] = pa.Field(nullable=True, gt=0, description="Number of units, when stated.")
    value: Series[FLOAT] = pa.Field(nullable=True, ge=0, description="Contract value in units of `currency` (not millions), when stated.")
    currency: Series[STRING] = pa.Field(nullable=True, description="ISO 4217 code of `value`.")
    value_alternatives: Series[STRING_LIST] = pa.Field(description="The same value as also stated in other currencies: '<value> <ISO 4217>'.")
    order_date: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="When the contract was signed (or the deal agreed), ISO 8601.")
    delivery_start: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="First delivery, ISO 8601 at the precision given.")
    delivery_end: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description="Last delivery, ISO 8601 at the precision given.")
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
