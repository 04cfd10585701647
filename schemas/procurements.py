"""`procurements`: one row per acquisition (or batch) of a military system, consolidated across documents."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import FLOAT, STRING
from schemas.procurement_fields import ProcurementColumns
from schemas.provenance import ConsolidatedRecordColumns
from schemas.vocab import PROCUREMENT_STATUSES


# Columns computed from the record's own fields after corrections: a correction cannot set them.
USD_COLUMNS = ("value_usd", "usd_rate", "usd_rate_date", "usd_rate_source", "value_usd_constant", "usd_unavailable")


class ProcurementsSchema(ConsolidatedRecordColumns, ProcurementColumns):
    """Acquisitions of military systems by a buyer state from a supplier state or firm."""

    # Its own columns (the docstring is published: data card, explorer): the id, then the
    # procurement's (ProcurementColumns), then the status and the dollar columns.

    procurement_id: Series[STRING] = pa.Field(unique=True, str_matches=r"^proc-[0-9a-f]{16}(-[0-9]+)?$", description="Stable id: a hash of the procurement's block (buyer and system family) and its earliest evidence (document id and offsets); it does not move when unrelated documents are added, removed or renamed. Ids that did move are listed in id_map.")
    status: Series[STRING] = pa.Field(isin=list(PROCUREMENT_STATUSES), description="Latest stage reported.")
    # Derived from value and currency after consolidation and corrections (pipeline/enrich/usd.py): never set by hand.
    value_usd: Series[FLOAT] = pa.Field(nullable=True, ge=0, description=(
        "`value` in US dollars at the rate of the deal's date (the order date, else the first report), at the "
        "precision that date has: that day's rate, or the average of a month's or a year's daily rates."))
    usd_rate: Series[FLOAT] = pa.Field(nullable=True, gt=0, description="US dollars per unit of `currency` used for `value_usd`.")
    usd_rate_date: Series[STRING] = pa.Field(nullable=True, str_matches=checks.PARTIAL_DATE, description=(
        "The day, month or year the rate is for (ISO 8601)."))
    usd_rate_source: Series[STRING] = pa.Field(nullable=True, description=(
        "Where the rate comes from: the ECB euro reference rates (crossed through the euro), a dollar peg, or USD itself."))
    value_usd_constant: Series[FLOAT] = pa.Field(nullable=True, ge=0, description=(
        "`value_usd` in constant dollars of the base year the data card names, deflated with US CPI-U annual averages (BLS)."))
    usd_unavailable: Series[STRING] = pa.Field(nullable=True, description=(
        "Why `value_usd` or `value_usd_constant` is empty although a value is stated (no rate for the currency or "
        "date, no CPI for the year). Never guessed."))

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check(error="buyer_country and supplier_country must be ISO 3166-1 alpha-3")
    def countries_valid(cls, df):
        return checks.is_country_or_null(df["buyer_country"]) & checks.is_country_or_null(df["supplier_country"])

    @pa.dataframe_check(error="value and currency go together; currency must be ISO 4217")
    def money_valid(cls, df):
        return (df["value"].isna() == df["currency"].isna()) & checks.is_currency_or_null(df["currency"])

    @pa.dataframe_check(error="value_usd is there only with a value, and then with its rate, rate date and source")
    def usd_valid(cls, df):
        has = df["value_usd"].notna()
        return (~has | df["value"].notna()) & (has == df["usd_rate"].notna()) & (has == df["usd_rate_date"].notna()) \
            & (has == df["usd_rate_source"].notna()) & (~df["value_usd_constant"].notna() | has)

    @pa.dataframe_check(error="delivery_start must not be before order_date, nor delivery_end before delivery_start")
    def delivery_after_order(cls, df):
        return checks.not_before(df["delivery_start"], df["order_date"]) & checks.not_before(df["delivery_end"], df["delivery_start"])
