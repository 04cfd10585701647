import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import io

from pipeline.publish.formats import neutralise_cell
from schemas.dtypes import FLOAT, INT, STRING, STRING_LIST
from tests.written import written


def _frame():
    return pd.DataFrame(
        {
            "name": pd.Series(["=HYPERLINK(\"http://x\")", "plain", None], dtype=STRING),
            "parties": pd.Series([["KOR", "MYS"], [], ["-1+2"]], dtype=STRING_LIST),
            "quantity": pd.Series([18, None, 3], dtype=INT),
            "value": pd.Series([920000000.0, None, 1.5], dtype=FLOAT),
        }
    )


def test_neutralise_cell_prefixes_formula_starts_only():
    assert neutralise_cell("=1+1") == "'=1+1"
    assert neutralise_cell("+cmd") == "'+cmd"
    assert neutralise_cell("-2") == "'-2"
    assert neutralise_cell("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_cell("\tx") == "'\tx"
    assert neutralise_cell("FA-50") == "FA-50"


def test_csv_joins_lists_and_neutralises():
    text = written("csv", _frame()).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "name,parties,quantity,value"
    assert lines[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",KOR;MYS,18,920000000.0"
    assert lines[2] == "plain,,,"
    assert lines[3] == ",'-1+2,3,1.5"


def test_json_has_real_lists_and_nulls():
    rows = json.loads(written("json", _frame()))
    assert rows[0]["parties"] == ["KOR", "MYS"]
    assert rows[1] == {"name": "plain", "parties": [], "quantity": None, "value": None}
    assert written("json", _frame().iloc[0:0]) == b"[]\n"


def test_parquet_is_typed_and_deterministic():
    data = written("parquet", _frame())
    assert data == written("parquet", _frame())
    table = pq.read_table(io.BytesIO(data))
    assert table.schema.field("parties").type == pa.list_(pa.string())
    assert table.schema.field("quantity").type == pa.int64()
    assert table.column("parties").to_pylist()[0] == ["KOR", "MYS"]
