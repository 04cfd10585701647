"""The columns a procurement is described by, declared once: the `procurements` table holds them
for each consolidated record, the `mentions` table for each procurement mention (where they are
empty on agreement rows). pipeline/rows.py derives its row builders from the same records."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas import checks
from schemas.dtypes import FLOAT, INT, STRING, STRING_LIST
from schemas.vocab import CATEGORIES


class ProcurementColumns(pa.DataFrameModel):
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
