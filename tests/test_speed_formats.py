"""The column-wise CSV/JSON writers give the same bytes as the plain cell-by-cell rendering
they replaced (kept here as the reference), on awkward values of every published dtype."""
from __future__ import annotations

import csv
import io
import json
import random

import numpy as np
import pandas as pd
import pytest

from pipeline.publish import formats
from pipeline.publish.formats import records
from schemas.dtypes import FLOAT, INT, STRING, STRING_LIST
from tests.written import written


# ---------------------------------------------------------------- reference: one cell at a time
# The per-cell renderers stay in formats.py (the column-wise code falls back on them for
# dtypes it does not know); they are the reference the column-wise output must equal.
_plain, _csv_cell = formats._plain, formats._csv_cell


def _reference_records(df):
    cols = list(df.columns)
    return [{c: _plain(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


def _reference_csv(df) -> bytes:
    text = io.StringIO(newline="")
    w = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(list(df.columns))
    w.writerows([_csv_cell(v) for v in row] for row in df.itertuples(index=False, name=None))
    return text.getvalue().encode("utf-8")


def _reference_json(df) -> bytes:
    lines = [json.dumps(r, ensure_ascii=False, allow_nan=False) for r in _reference_records(df)]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8") if lines else b"[]\n"


# ---------------------------------------------------------------- awkward values

TEXTS = ["", "plain", "=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "a,b", 'say "hi"', "line\nbreak", "cr\rlf\r\n",
         "é-accent", "日本", "'quoted", " lead", "trail ", "x=1", "\\back", "emoji 🚀", "\x00nul", "\u2028sep"]
FLOATS = [0.0, -0.0, 1.5, -1.5, 920000000.0, 1e16, 1.2345678901234567e-7, 1e300, 123456789.123, float("inf"),
          -float("inf"), 0.1]
INTS = [0, 1, -1, 18, -5, 2**53 + 1, -(2**62)]


def _frame(rng: random.Random, n: int) -> pd.DataFrame:
    def maybe(v):
        return None if rng.random() < 0.2 else v

    return pd.DataFrame({
        "text": pd.Series([maybe(rng.choice(TEXTS)) for _ in range(n)], dtype=STRING),
        "count": pd.Series([maybe(rng.choice(INTS)) for _ in range(n)], dtype=INT),
        "value": pd.Series([maybe(rng.choice(FLOATS)) for _ in range(n)], dtype=FLOAT),
        "items": pd.Series([maybe(rng.sample(TEXTS, rng.randint(0, 3))) for _ in range(n)], dtype=STRING_LIST),
        "other": pd.Series([rng.choice([None, 1, "x", 2.5, "-y", True]) for _ in range(n)], dtype=object),
    })


@pytest.mark.parametrize("seed", range(5))
def test_writers_match_cell_by_cell_reference(seed):
    df = _frame(random.Random(seed), 200)
    assert written("csv", df) == _reference_csv(df)
    assert records(df) == _reference_records(df)
    assert written("json", df.drop(columns=["value"])) == _reference_json(df.drop(columns=["value"]))
    finite = df.assign(value=df["value"].where(~df["value"].isin([float("inf"), -float("inf")])))
    assert written("json", finite) == _reference_json(finite)


def test_slices_nan_and_null_list_elements_match_reference():
    df = _frame(random.Random(9), 50).iloc[7:31]
    df = df.assign(
        value=pd.array(np.array([np.nan, 1.0] * 12), dtype=FLOAT),
        items=pd.Series([["a", None], None] * 12, dtype=STRING_LIST, index=df.index),
    )
    assert written("csv", df) == _reference_csv(df)
    assert records(df) == _reference_records(df)
    assert written("json", df) == _reference_json(df)


@pytest.mark.parametrize("cols", [["text"], ["items"], ["count"]])
def test_single_column_and_empty_frames(cols):
    df = _frame(random.Random(3), 40)[cols]
    for part in (df, df.iloc[0:0]):
        assert written("csv", part) == _reference_csv(part)
        assert written("json", part) == _reference_json(part)
