"""Reusable vectorised checks shared by several models."""
from __future__ import annotations

import re

import pandas as pd

from schemas.codes import country_codes, currency_codes
from schemas.vocab import PARTIAL_DATE_PATTERN

_DATE_RE = re.compile(PARTIAL_DATE_PATTERN)


def _in_or_null(s: pd.Series, allowed: frozenset[str]) -> pd.Series:
    # Element-wise in plain Python: Series.map on Arrow-backed strings returns a
    # dtype that depends on the pandas version and on whether every value is missing.
    return pd.Series([pd.isna(v) or v in allowed for v in s], index=s.index, dtype=bool)


def is_country_or_null(s: pd.Series) -> pd.Series:
    return _in_or_null(s, country_codes())


def is_currency_or_null(s: pd.Series) -> pd.Series:
    return _in_or_null(s, currency_codes())


def list_within(s: pd.Series, allowed) -> pd.Series:
    """Every element of each list cell is in `allowed` (an empty or missing list passes)."""
    allowed = frozenset(allowed)
    return s.map(lambda xs: xs is None or all(x in allowed for x in xs), na_action=None).astype(bool)


def list_is_sorted_unique(s: pd.Series) -> pd.Series:
    return s.map(lambda xs: xs is None or list(xs) == sorted(set(xs))).astype(bool)


def not_before(later: pd.Series, earlier: pd.Series) -> pd.Series:
    """ISO partial dates: `later` is not before `earlier`, compared at their common precision."""

    def ok(a, b) -> bool:
        if a is None or b is None or a is pd.NA or b is pd.NA:
            return True
        n = min(len(a), len(b))
        return a[:n] >= b[:n]

    return pd.Series([ok(a, b) for a, b in zip(later, earlier)], index=later.index, dtype=bool)


def date_precision(s: pd.Series) -> pd.Series:
    lengths = {10: "day", 7: "month", 4: "year"}
    return pd.Series([None if pd.isna(v) else lengths.get(len(v)) for v in s], index=s.index, dtype=object)


PARTIAL_DATE = PARTIAL_DATE_PATTERN


def starts_with(full: pd.Series, prefix: pd.Series) -> pd.Series:
    return full.combine(prefix, lambda a, b: isinstance(a, str) and isinstance(b, str) and a.startswith(b)).astype(bool)
