"""A refresh writes agreements and procurements from the previous release's files: unchanged
records keep their CSV and JSON bytes, only new or changed ones are serialised, and the change
log comes from the same comparison. The files and changes.json must be those of a release
written in full (issue 17, part 2)."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from pipeline.publish import publish_release
from pipeline.publish import changes as changes_mod
from pipeline.publish import merging, tablemerge
from tests.sample_release import sample_tables


def _procurements(n: int, edits: dict | None = None, drop: tuple = (), extra: int = 0) -> pd.DataFrame:
    base = sample_tables()["procurements"].iloc[[0]].reset_index(drop=True)
    rows = []
    for i in list(range(n)) + [1000 + j for j in range(extra)]:
        if i in drop:
            continue
        row = base.iloc[0].to_dict()
        row["procurement_id"] = f"proc-{i:016x}"
        row["quantity"] = i
        row["value"] = float(i) * 1.5
        row["system"] = f'System "{i}", =risky' if i % 7 == 0 else f"System {i}"
        row["value_alternatives"] = [f"{i} MYR", "x;y"] if i % 3 == 0 else []
        row.update((edits or {}).get(i, {}))
        rows.append(row)
    df = pd.DataFrame(rows, columns=base.columns).astype(base.dtypes.to_dict())
    return df.sort_values("procurement_id", kind="stable").reset_index(drop=True)


def _tables(procurements: pd.DataFrame) -> dict:
    tables = sample_tables()
    tables["procurements"] = procurements
    return tables


def _files(result) -> dict[str, bytes]:
    return {rel: (result.path / rel).read_bytes() for rel in sorted(result.files)}


EDITS = {  # changes a comparison by value could miss, one row each
    3: {"value": -0.0},  # equal to 0.0 as a number, written "-0.0"
    5: {"value_alternatives": ["5 MYR;x", "y"]},  # the CSV cell is the same, the list is not
    6: {"quantity": None},
    8: {"system": "System 8 "},
    9: {"value_alternatives": ["9 MYR", "x;y", ""]},
}


def test_a_refresh_merges_the_record_tables_into_the_bytes_and_change_log_of_a_full_write(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    from pipeline.publish import release as release_mod
    monkeypatch.setattr(release_mod, "WRITE_BATCH", 7)  # several Parquet row groups, cut where a full write cuts them
    out = tmp_path / "out"
    before = _procurements(40, edits={3: {"value": 0.0}})
    publish_release(out, _tables(before), [])
    serialised = []
    real = tablemerge._serialised
    monkeypatch.setattr(tablemerge, "_serialised", lambda table, frame: serialised.append((table, len(frame))) or real(table, frame))
    after = _procurements(40, edits=EDITS, drop=(0, 17, 39), extra=2)
    second = publish_release(out, _tables(after), [])
    assert second.created
    # only the changed and new records were serialised (agreements: none)
    assert dict(serialised) == {"agreements": 0, "procurements": len(EDITS) + 2}
    scratch = publish_release(tmp_path / "scratch", _tables(after), [])
    assert _files(second) == _files(scratch)
    log = json.loads((second.path / "changes.json").read_text())["tables"]
    assert log == changes_mod.diff_files(out / "releases" / second.previous_version, second.path)
    assert log["procurements"] == {
        "added": [f"proc-{1000:016x}", f"proc-{1001:016x}"],
        "removed": [f"proc-{0:016x}", f"proc-{17:016x}", f"proc-{39:016x}"],
        "changed": sorted(f"proc-{i:016x}" for i in EDITS),
        "moved": {},
    }
    assert log["agreements"] == {"added": [], "removed": [], "changed": [], "moved": {}}


def test_the_record_tables_are_written_in_full_when_the_previous_files_cannot_be_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    after = _procurements(30, edits=EDITS, extra=1)
    scratch = _files(publish_release(tmp_path / "scratch", _tables(after), []))
    calls = []
    real = tablemerge._serialised
    monkeypatch.setattr(tablemerge, "_serialised", lambda table, frame: calls.append(table) or real(table, frame))

    def refresh(out, damage):
        publish_release(out, _tables(_procurements(30)), [])
        latest = (out / "latest").resolve()
        damage(out, latest)
        calls.clear()
        result = publish_release(out, _tables(after), [])
        assert _files(result) == scratch
        log = json.loads((result.path / "changes.json").read_text())["tables"]
        assert log == changes_mod.diff_files(latest, result.path)  # as before: the files compared
        return result

    def edit_json(out, latest):  # a record's JSON line edited in place: its hash no longer matches
        path = latest / "procurements.json"
        path.write_bytes(path.read_bytes().replace(b"System 1", b"System X", 1))

    def other_writers(out, latest):  # written by other writers (a new pyarrow, an edited formats.py)
        for p in (out / tablemerge.RECORDS).glob("*.json"):
            p.write_text(json.dumps(tablemerge._record_body("writers-old"), sort_keys=True))

    def garbage_record(out, latest):
        for p in (out / tablemerge.RECORDS).glob("*.json"):
            p.write_text("not json")

    def parquet_garbage(out, latest):  # unreadable, with its recorded hash made to match
        path = latest / "procurements.parquet"
        path.unlink()
        path.write_bytes(b"PAR1 nonsense")
        pkg = json.loads((latest / "datapackage.json").read_text())
        import hashlib
        for res in pkg["resources"]:
            if res["path"] == "procurements.parquet":
                res["hash"] = "sha256:" + hashlib.sha256(b"PAR1 nonsense").hexdigest()
                res["bytes"] = len(b"PAR1 nonsense")
        (latest / "datapackage.json").write_text(json.dumps(pkg))
        from pipeline.publish.tablemerge import record_table
        record_table(out, "procurements", [f"sha256:{__import__('hashlib').sha256((latest / f'procurements.{f}').read_bytes()).hexdigest()}"
                                           for f in tablemerge.FORMATS])

    for i, damage in enumerate((edit_json, other_writers, garbage_record, parquet_garbage)):
        refresh(tmp_path / f"out{i}", damage)
        assert "procurements" not in calls, damage.__name__  # written in full, not merged


def test_records_are_compared_exactly():
    new = pa.table({
        "f": pa.array([0.0, -0.0, None, float("nan"), 1.0], pa.float64()),
        "s": pa.array(["a", None, "b", "", "c"]),
        "l": pa.array([["a\x1fb"], ["a", "b"], None, [], ["x", None]], pa.list_(pa.string())),
    })
    old = pa.table({
        "f": pa.array([0.0, 0.0, None, float("nan"), 1.0], pa.float64()),
        "s": pa.array(["a", None, "b", None, "c"]),
        "l": pa.array([["a", "b"], ["a", "b"], [], [], ["x", None]], pa.list_(pa.string())),
    })
    assert tablemerge.same_rows(new, old).tolist() == [False, False, False, False, True]
    assert tablemerge.same_rows(new, new).tolist() == [True] * 5


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_tables_merge_too(tmp_path, monkeypatch, n):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    out = tmp_path / "out"
    publish_release(out, _tables(_procurements(n)), [])
    second = publish_release(out, _tables(_procurements(2 - n, extra=1)), [])
    scratch = publish_release(tmp_path / "scratch", _tables(_procurements(2 - n, extra=1)), [])
    assert _files(second) == _files(scratch)
    assert json.loads((second.path / "changes.json").read_text())["tables"] == \
        changes_mod.diff_files(out / "releases" / second.previous_version, second.path)


def test_csv_rows_split_where_records_end():
    """Quoted cells may hold newlines and quotes: a record ends at a newline after balanced quotes."""
    import csv
    import io
    import random

    rng = random.Random(7)
    alphabet = ['a', 'b', ',', '"', '\n', ' ', 'é', ';']
    rows = [["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8))) for _ in range(3)] for _ in range(300)]
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["x", "y", "z"])
    writer.writerows(rows)
    data = text.getvalue().encode("utf-8")
    header, lines = merging._csv_rows(data, len(rows))
    assert header == b"x,y,z\n" and b"".join([header, *lines]) == data
    assert [next(csv.reader(io.StringIO(line.decode("utf-8"), newline=""))) for line in lines] == rows
    assert merging._csv_rows(data, len(rows) - 1) is None


def test_rows_are_matched_run_by_run_or_gathered_alike(monkeypatch):
    rng = np.random.default_rng(3)
    old = pa.table({"k": [f"{i:04d}" for i in range(200)], "v": rng.integers(0, 3, 200), "l": [["a"] * (i % 3) for i in range(200)]})
    keep = rng.random(200) > 0.2
    new = old.filter(pa.array(keep))
    v = new.column("v").to_numpy().copy()
    v[::9] += 1  # some rows changed
    new = new.set_column(1, "v", pa.array(v))
    new = pa.concat_tables([new, pa.table({"k": ["zzzz"], "v": [1], "l": [["b"]]}).cast(new.schema)])
    runs = tablemerge.changed_rows(new, old, "k")
    monkeypatch.setattr(tablemerge, "MAX_RUNS", 0)
    gathered = tablemerge.changed_rows(new, old, "k")
    expected = [i % 9 == 0 for i in range(new.num_rows - 1)] + [True]
    assert runs.tolist() == gathered.tolist() == expected
