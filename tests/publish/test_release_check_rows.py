"""release_integrity re-validates, of a file merged from the previous release's (which passed
the check under the same models), only the rows that differ from it, and uniqueness whole: the
models' other rules are rules on one row (issue 17, part 2)."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from schemas import TABLES
from pipeline.publish import verify as assets
from pipeline.publish.tablemerge import changed_rows, row_key, unique_columns
from tests.sample_release import sample_tables
from tests.publish.test_tablemerge import _procurements


def test_every_rule_of_the_models_but_uniqueness_is_a_rule_on_one_row():
    tables = sample_tables()
    for name, model in TABLES.items():
        schema = model.to_schema()
        assert schema.unique is None, name  # no multi-column uniqueness
        df = tables[name]
        for check in schema.checks:  # dataframe checks: one verdict per row, aligned with the rows
            out = check._check_fn(df) if hasattr(check, "_check_fn") else check(df).check_output
            assert isinstance(out, pd.Series) and out.index.equals(df.index), (name, check.name)
        assert row_key(model) in unique_columns(model)


def _write(path, df):
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(None), path)
    return pq.read_table(path)


def test_only_changed_rows_are_validated_and_uniqueness_is_checked_whole(tmp_path):
    old_df = _procurements(6)
    old_df.loc[1, "buyer_country"] = "XXX"  # invalid, but in the previous file: it passed then (not re-checked)
    old = _write(tmp_path / "old.parquet", old_df)

    new_df = old_df.copy()
    new_df.loc[2, "system"] = "changed"
    new = _write(tmp_path / "a.parquet", new_df)
    assert changed_rows(new, old, "procurement_id").tolist() == [False, False, True, False, False, False]
    fresh = assets._rows_to_validate(tmp_path / "a.parquet", "procurements", old)
    assert fresh.column("procurement_id").to_pylist() == [new_df.loc[2, "procurement_id"]]
    assert assets._validate_rows("procurements", [("a.parquet", fresh)]) == []
    with pytest.raises(Exception, match="buyer_country"):  # the whole file, as without a previous one
        assets._validate_whole(tmp_path / "a.parquet", "procurements")

    bad = new_df.copy()
    bad.loc[3, "supplier_country"] = "YYY"  # a changed row that breaks a rule
    _write(tmp_path / "b.parquet", bad)
    rows = [("a.parquet", fresh), ("b.parquet", assets._rows_to_validate(tmp_path / "b.parquet", "procurements", old))]
    problems = assets._validate_rows("procurements", rows)  # checked together, reported by file
    assert len(problems) == 1 and problems[0].startswith("b.parquet: ") and "supplier_country" in problems[0]

    dup = pd.concat([new_df, new_df.iloc[[4]]]).sort_values("procurement_id", kind="stable").reset_index(drop=True)
    _write(tmp_path / "c.parquet", dup)  # every row equal to a previous one, but one twice
    with pytest.raises(ValueError, match="procurement_id.*not unique"):
        assets._rows_to_validate(tmp_path / "c.parquet", "procurements", old)

    other = _write(tmp_path / "d.parquet", old_df.drop(columns=["system"]))  # other columns: every row is new
    assert changed_rows(new, other, "procurement_id").all()


def test_rows_are_trusted_only_from_a_release_that_passed_under_the_same_models(tmp_path, monkeypatch):
    assert not assets._passed(tmp_path, "v1")
    assets._record_passed(tmp_path, "v1")
    assert assets._passed(tmp_path, "v1") and not assets._passed(tmp_path, "v2")
    monkeypatch.setattr(assets, "_check_code", lambda: "other models")
    assert not assets._passed(tmp_path, "v1")
    (tmp_path / assets.CHECKED).write_text("garbage")
    assert not assets._passed(tmp_path, "v1")
