"""The vectorised custom checks give the same booleans as the element-wise Python they
replaced (kept here as the reference), on awkward values and on non-default indexes."""
from __future__ import annotations

import random

import pandas as pd
import pytest

from schemas import AgreementsSchema, checks
from schemas.codes import country_codes
from schemas.dtypes import STRING, STRING_LIST

CODES = ["AUS", "KOR", "MYS", "PHL", "USA", "XXX", "kor", "É"]
DATES = ["2020", "2020-05", "2020-05-17", "2019-12", "2021", "2020-05-01", "2020-06", "", "20", "2020-1", "é2020"]


def _ref_list_within(s, allowed):
    return s.map(lambda xs: xs is None or all(x in allowed for x in xs), na_action=None).astype(bool)


def _ref_sorted_unique(s):
    return s.map(lambda xs: xs is None or list(xs) == sorted(set(xs))).astype(bool)


def _ref_not_before(later, earlier):
    def ok(a, b):
        if a is None or b is None or a is pd.NA or b is pd.NA:
            return True
        n = min(len(a), len(b))
        return a[:n] >= b[:n]
    return pd.Series([ok(a, b) for a, b in zip(later, earlier)], index=later.index, dtype=bool)


def _ref_starts_with(full, prefix):
    return full.combine(prefix, lambda a, b: isinstance(a, str) and isinstance(b, str) and a.startswith(b)).astype(bool)


def _ref_precision(s):
    lengths = {10: "day", 7: "month", 4: "year"}
    return pd.Series([None if pd.isna(v) else lengths.get(len(v)) for v in s], index=s.index, dtype=object)


def _ref_in_or_null(s, allowed):
    return pd.Series([pd.isna(v) or v in allowed for v in s], index=s.index, dtype=bool)


def _series(rng, n):
    lists = [rng.sample(CODES, rng.randint(0, 4)) if rng.random() < 0.5 else sorted(rng.sample(CODES, rng.randint(0, 3)))
             for _ in range(n)]
    lists = [xs + xs[:1] if rng.random() < 0.1 else xs for xs in lists]  # duplicates
    index = pd.Index(rng.sample(range(10 * n), n))
    strings = lambda pool: pd.Series([None if rng.random() < 0.2 else rng.choice(pool) for _ in range(n)],  # noqa: E731
                                     dtype=STRING, index=index)
    return pd.Series(lists, dtype=STRING_LIST, index=index), strings(DATES), strings(DATES), strings(CODES)


def _same(a: pd.Series, b: pd.Series):
    assert a.dtype == b.dtype == bool
    assert list(a.index) == list(b.index)
    assert a.tolist() == b.tolist()


@pytest.mark.parametrize("seed", range(6))
def test_checks_match_element_wise_reference(seed):
    rng = random.Random(seed)
    lists, d1, d2, codes = _series(rng, 300)
    for part in (slice(None), slice(17, 211)):
        ls, a, b, c = lists.iloc[part], d1.iloc[part], d2.iloc[part], codes.iloc[part]
        _same(checks.list_within(ls, country_codes()), _ref_list_within(ls, country_codes()))
        _same(checks.list_is_sorted_unique(ls), _ref_sorted_unique(ls))
        _same(checks.not_before(a, b), _ref_not_before(a, b))
        _same(checks.starts_with(a, b), _ref_starts_with(a, b))
        _same(checks.is_country_or_null(c), _ref_in_or_null(c, country_codes()))
        pd.testing.assert_series_equal(checks.date_precision(a), _ref_precision(a))
        flat = checks.string_lists(ls)
        two = checks.list_has_two_distinct(*flat, len(ls)) if flat else None
        assert list(two) == [len(set(xs)) >= 2 for xs in ls]


@pytest.mark.parametrize("lists", [[], [[]], [[], []], [["KOR"]], [[], ["KOR"], []], [["USA", "KOR"]], [["KOR", "KOR"]]])
def test_checks_on_empty_and_one_value_columns(lists):
    s = pd.Series(lists, dtype=STRING_LIST, index=range(5, 5 + len(lists)))
    _same(checks.list_within(s, country_codes()), _ref_list_within(s, country_codes()))
    _same(checks.list_is_sorted_unique(s), _ref_sorted_unique(s))
    assert list(checks.list_has_two_distinct(*checks.string_lists(s), len(s))) == [len(set(xs)) >= 2 for xs in lists]
    empty = pd.Series(lists, dtype=STRING)[:0] if not lists else pd.Series([None] * len(lists), dtype=STRING)
    _same(checks.not_before(empty, empty), _ref_not_before(empty, empty))
    _same(checks.starts_with(empty, empty), _ref_starts_with(empty, empty))


def test_lists_with_missing_values_take_the_python_path():
    s = pd.Series([["KOR", None], ["AUS"]], dtype=STRING_LIST)
    assert checks.string_lists(s) is None
    assert checks.list_within(s, country_codes()).tolist() == [False, True]
    assert checks.string_lists(pd.Series([["KOR"], None], dtype=STRING_LIST)) is None


def test_party_checks_match_reference_on_models():
    codes = country_codes()
    rng = random.Random(4)
    lists = pd.Series([rng.sample(CODES, rng.randint(0, 4)) for _ in range(200)], dtype=STRING_LIST)
    df = pd.DataFrame({"parties": lists})
    got = AgreementsSchema.parties_valid.__func__(AgreementsSchema, df)
    ref = lists.map(lambda xs: len(set(xs)) >= 2 and all(x in codes for x in xs) and list(xs) == sorted(set(xs))).astype(bool)
    _same(got, ref)
    from schemas.mentions import _two_valid_parties
    _same(_two_valid_parties(lists, codes), lists.map(lambda xs: len(set(xs)) >= 2 and all(x in codes for x in xs)).astype(bool))
