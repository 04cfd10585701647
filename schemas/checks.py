"""Reusable vectorised checks shared by several models.

Each check has a column-at-a-time path (pandas/pyarrow) for the published dtypes and
keeps its original element-wise Python as the fallback for anything else (object
columns, lists holding nulls), which defines the result: the fast paths give the same
booleans on the inputs they accept.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from schemas.codes import country_codes, currency_codes
from schemas.vocab import PARTIAL_DATE_PATTERN

_DATE_RE = re.compile(PARTIAL_DATE_PATTERN)


def _is_arrow_string(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"


def _arrow(s: pd.Series) -> pa.Array:
    arr = pa.array(s)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _in_or_null(s: pd.Series, allowed: frozenset[str]) -> pd.Series:
    if _is_arrow_string(s):
        ok = s.isna().to_numpy(dtype=bool) | s.isin(list(allowed)).to_numpy(dtype=bool, na_value=False)
        return pd.Series(ok, index=s.index, dtype=bool)
    # Element-wise in plain Python: Series.map on Arrow-backed strings returns a
    # dtype that depends on the pandas version and on whether every value is missing.
    return pd.Series([pd.isna(v) or v in allowed for v in s], index=s.index, dtype=bool)


def is_country_or_null(s: pd.Series) -> pd.Series:
    return _in_or_null(s, country_codes())


def is_currency_or_null(s: pd.Series) -> pd.Series:
    return _in_or_null(s, currency_codes())


# ---------------------------------------------------------------- lists of strings

def string_lists(s: pd.Series) -> tuple[pa.Array, np.ndarray] | None:
    """(flattened values, index of each value's row) of an Arrow list<string> column with no
    missing list and no missing element; None for anything else (the callers' Python path)."""
    t = s.dtype.pyarrow_dtype if isinstance(s.dtype, pd.ArrowDtype) else None
    if t is None or not pa.types.is_list(t) or not (pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type)):
        return None
    arr = _arrow(s)
    values = pc.list_flatten(arr)
    if arr.null_count or values.null_count:
        return None
    return values, pc.list_parent_indices(arr).to_numpy()


def _rows_without(n: int, parents: np.ndarray, bad: np.ndarray, index) -> pd.Series:
    """True for the rows none of whose values is flagged in `bad`."""
    ok = np.ones(n, dtype=bool)
    ok[parents[bad]] = False
    return pd.Series(ok, index=index, dtype=bool)


def list_within(s: pd.Series, allowed) -> pd.Series:
    """Every element of each list cell is in `allowed` (an empty or missing list passes)."""
    allowed = frozenset(allowed)
    flat = string_lists(s)
    if flat is not None:
        values, parents = flat
        bad = ~pc.is_in(values, value_set=pa.array(sorted(allowed), values.type)).to_numpy(zero_copy_only=False)
        return _rows_without(len(s), parents, bad, s.index)
    return s.map(lambda xs: xs is None or all(x in allowed for x in xs), na_action=None).astype(bool)


def list_is_sorted_unique(s: pd.Series) -> pd.Series:
    flat = string_lists(s)
    if flat is not None:
        # sorted and unique <=> each value is strictly below the next one of its list
        # (UTF-8 byte order is code point order, Python's order for str)
        values, parents = flat
        if len(values) < 2:
            return pd.Series(True, index=s.index, dtype=bool)
        same_list = parents[:-1] == parents[1:]
        rising = pc.less(values[:-1], values[1:]).to_numpy(zero_copy_only=False)
        bad = np.append(same_list & ~rising, False)
        return _rows_without(len(s), parents, bad, s.index)
    return s.map(lambda xs: xs is None or list(xs) == sorted(set(xs))).astype(bool)


def list_has_two_distinct(values: pa.Array, parents: np.ndarray, n: int) -> np.ndarray:
    """For string_lists() output: whether each of the n rows holds two different values."""
    if not len(parents):
        return np.zeros(n, dtype=bool)
    idx = np.arange(len(parents))
    starts = np.ones(len(parents), dtype=bool)
    starts[1:] = parents[1:] != parents[:-1]
    first = np.maximum.accumulate(np.where(starts, idx, 0))  # position of the first value of each row
    differs = pc.not_equal(values, values.take(pa.array(first))).to_numpy(zero_copy_only=False)
    out = np.zeros(n, dtype=bool)
    out[parents[differs]] = True
    return out


# ---------------------------------------------------------------- dates and prefixes

def _prefixes(arr: pa.Array, lengths: np.ndarray) -> pa.Array:
    """arr[i][:lengths[i]] (in characters) for every row, one slice per distinct length."""
    out = arr
    for n in np.unique(lengths):
        out = pc.if_else(pa.array(lengths == n), pc.utf8_slice_codeunits(arr, 0, int(n)), out)
    return out


def _non_null_pair(a: pd.Series, b: pd.Series) -> tuple[np.ndarray, pa.Array, pa.Array]:
    """Rows where both are present, and those rows of each as Arrow strings (by position)."""
    both = (a.notna().to_numpy(dtype=bool) & b.notna().to_numpy(dtype=bool))
    mask = pa.array(both)
    return both, _arrow(a).filter(mask), _arrow(b).filter(mask)


def not_before(later: pd.Series, earlier: pd.Series) -> pd.Series:
    """ISO partial dates: `later` is not before `earlier`, compared at their common precision."""
    if _is_arrow_string(later) and _is_arrow_string(earlier):
        both, a, b = _non_null_pair(later, earlier)
        ok = np.ones(len(later), dtype=bool)
        if both.any():
            n = np.minimum(pc.utf8_length(a).to_numpy(), pc.utf8_length(b).to_numpy())
            ok[both] = pc.greater_equal(_prefixes(a, n), _prefixes(b, n)).to_numpy(zero_copy_only=False)
        return pd.Series(ok, index=later.index, dtype=bool)

    def ok(a, b) -> bool:
        if a is None or b is None or a is pd.NA or b is pd.NA:
            return True
        n = min(len(a), len(b))
        return a[:n] >= b[:n]

    return pd.Series([ok(a, b) for a, b in zip(later, earlier)], index=later.index, dtype=bool)


def date_precision(s: pd.Series) -> pd.Series:
    lengths = {10: "day", 7: "month", 4: "year"}
    if _is_arrow_string(s):
        n = s.str.len()
        out = np.full(len(s), None, dtype=object)
        for length, name in lengths.items():
            out[(n == length).to_numpy(dtype=bool, na_value=False)] = name
        return pd.Series(out, index=s.index, dtype=object)
    return pd.Series([None if pd.isna(v) else lengths.get(len(v)) for v in s], index=s.index, dtype=object)


PARTIAL_DATE = PARTIAL_DATE_PATTERN


def starts_with(full: pd.Series, prefix: pd.Series) -> pd.Series:
    if _is_arrow_string(full) and _is_arrow_string(prefix):
        both, a, b = _non_null_pair(full, prefix)
        ok = np.zeros(len(full), dtype=bool)
        if both.any():
            ok[both] = pc.equal(_prefixes(a, pc.utf8_length(b).to_numpy()), b).to_numpy(zero_copy_only=False)
        return pd.Series(ok, index=full.index, dtype=bool)
    return full.combine(prefix, lambda a, b: isinstance(a, str) and isinstance(b, str) and a.startswith(b)).astype(bool)
