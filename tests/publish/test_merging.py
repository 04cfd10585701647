"""A backfill of old articles into many months merges each changed month from its previous
part (only the new or changed rows are built and serialised), links the unchanged months,
and gives byte for byte the files a release cut from scratch gives (issue 17, part 2)."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from schemas import TABLES
from schemas.table_schema import empty_frame

from pipeline.publish import publish_release
from pipeline.publish.partitions import Part, fingerprint
from tests.sample_release import sample_tables

BATCH = 2  # rows per Parquet row group: merged parts must cut them where a full build does
CODE = "code-v1"


def _row(template: dict, month: str, name: str, version: str) -> dict:
    text = f"Article {name} ({version}).\nA second line, with \"quotes\", commas; and =formula-like text."
    return {**template, "doc_id": fingerprint(name, version)[:16], "file_name": name, "published": f"{month}-15",
            "text": text, "n_chars": len(text)}


def _parts(months: dict[str, dict[str, str]], built: list, code: str = CODE) -> list[Part]:
    """documents parts: month -> {file name: version of its content}; `built` collects what was built."""
    template = sample_tables()["documents"].iloc[0].to_dict()
    dtypes = empty_frame(TABLES["documents"]).dtypes.to_dict()
    parts = []
    for month, docs in months.items():
        rows = sorted((_row(template, month, n, v) for n, v in docs.items()), key=lambda r: r["file_name"])

        def frame(rows):
            return pd.DataFrame(rows, columns=list(dtypes)).astype(dtypes)

        def batches(rows=rows, month=month):
            built.append((month, "all"))
            for i in range(0, len(rows), BATCH):
                yield frame(rows[i:i + BATCH])

        def build_rows(keys, rows=rows, month=month):
            built.append((month, tuple(keys)))
            return frame([r for r in rows if r["file_name"] in set(keys)])

        parts.append(Part("documents", month, fingerprint(code, month, *(f"{n}:{v}" for n, v in sorted(docs.items()))),
                          batches, len(rows), members={n: v for n, v in docs.items()}, code=code,
                          key_column="file_name", build_rows=build_rows, batch_rows=BATCH))
    return parts


def _tables(parts: list[Part]) -> dict:
    tables = sample_tables()
    tables["documents"] = parts
    tables["mentions"] = []
    return tables


def _data_files(release) -> dict[str, bytes]:
    return {rel: (release.path / rel).read_bytes() for rel in release.files}


BEFORE = {
    "2025-01": {"a01.txt": "1", "a03.txt": "1", "a05.txt": "1", "a07.txt": "1", "a09.txt": "1"},
    "2025-02": {"b01.txt": "1", "b02.txt": "1", "b03.txt": "1"},
    "2025-03": {"c01.txt": "1", "c02.txt": "1"},
    "2025-04": {"d01.txt": "1", "d02.txt": "1", "d03.txt": "1"},
}
AFTER = {  # a backfill: rows added in the middle and at both ends, one changed, one removed
    "2025-01": {"a00.txt": "1", "a01.txt": "1", "a03.txt": "1", "a04.txt": "1", "a05.txt": "1", "a07.txt": "1",
                "a09.txt": "1", "a10.txt": "1"},
    "2025-02": {"b01.txt": "1", "b02.txt": "2", "b03.txt": "1"},
    "2025-03": {"c01.txt": "1", "c02.txt": "1"},
    "2025-04": {"d01.txt": "1", "d03.txt": "1"},
}


def test_a_backfill_merges_changed_months_and_equals_a_release_from_scratch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path / "out", _tables(_parts(BEFORE, [])), [])
    built: list = []
    second = publish_release(tmp_path / "out", _tables(_parts(AFTER, built)), [])
    assert second.created
    # only the new and changed rows of the changed months were built; the unchanged month was not touched
    assert sorted(built) == [("2025-01", ("a00.txt", "a04.txt", "a10.txt")), ("2025-02", ("b02.txt",)),
                             ("2025-04", ())]
    for fmt in ("csv", "parquet", "json"):
        assert os.path.samefile(first.path / f"documents.{fmt}/2025-03.{fmt}", second.path / f"documents.{fmt}/2025-03.{fmt}")
        assert not os.path.samefile(first.path / f"documents.{fmt}/2025-01.{fmt}", second.path / f"documents.{fmt}/2025-01.{fmt}")
    assert second.files["documents.csv/2025-01.csv"]["rows"] == 8 and second.files["documents.csv/2025-04.csv"]["rows"] == 2

    scratch_built: list = []
    scratch = publish_release(tmp_path / "scratch", _tables(_parts(AFTER, scratch_built)), [])
    assert all(what == "all" for _, what in scratch_built)
    assert _data_files(second) == _data_files(scratch)  # byte for byte, every data file
    assert {r: i["sha256"] for r, i in second.files.items()} == {r: i["sha256"] for r, i in scratch.files.items()}
    # the merged Parquet part has the row groups of a full build
    import pyarrow.parquet as pq
    assert pq.ParquetFile(second.path / "documents.parquet/2025-01.parquet").metadata.num_row_groups == 4


def test_a_part_is_rebuilt_in_full_when_the_code_changed_or_its_previous_bytes_are_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path / "out", _tables(_parts(BEFORE, [])), [])
    built: list = []
    publish_release(tmp_path / "out", _tables(_parts(AFTER, built, code="code-v2")), [])
    assert sorted(m for m, what in built if what == "all") == ["2025-01", "2025-02", "2025-03", "2025-04"]

    # damaged previous bytes are never merged: the month is built in full and still equals a build from scratch
    out = tmp_path / "again"
    first = publish_release(out, _tables(_parts(BEFORE, [])), [])
    json_part = first.path / "documents.json/2025-01.json"
    data = json_part.read_bytes()
    os.chmod(json_part, 0o644)
    json_part.write_bytes(data.replace(b"a03.txt", b"a03.txT"))
    built = []
    second = publish_release(out, _tables(_parts(AFTER, built)), [])
    assert ("2025-01", "all") in built
    scratch = publish_release(tmp_path / "scratch", _tables(_parts(AFTER, [])), [])
    assert _data_files(second) == _data_files(scratch)


def test_a_damaged_record_of_a_parts_rows_means_a_full_rebuild(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    out = tmp_path / "out"
    publish_release(out, _tables(_parts(BEFORE, [])), [])
    records = sorted((out / "part_members").glob("*.json"))
    assert len(records) == 4
    for record in records:  # claim every row of every month unchanged: must not be believed
        record.write_text(record.read_text().replace('"1"', '"2"'))
    built: list = []
    second = publish_release(out, _tables(_parts(AFTER, built)), [])
    assert sorted(m for m, what in built if what == "all") == ["2025-01", "2025-02", "2025-04"]
    scratch = publish_release(tmp_path / "scratch", _tables(_parts(AFTER, [])), [])
    assert _data_files(second) == _data_files(scratch)


# ------------------------------------------------- members with any number of rows (a document's mentions)

def _row_callbacks(rows: list[dict], month: str, dtypes: dict, key: str, built: list):
    """(batches, build_rows) of a part over `rows`: every row, or those whose `key` column is one of
    the keys asked for; each call is logged in `built` as (month, "all" or the keys)."""
    def frame(rows):
        return pd.DataFrame(rows, columns=list(dtypes)).astype(dtypes)

    def batches():
        built.append((month, "all"))
        yield frame(rows)

    def build_rows(keys):
        built.append((month, tuple(keys)))
        return frame([r for r in rows if r[key] in set(keys)])

    return batches, build_rows


def _grouped_parts(months: dict[str, dict[str, list[str]]], built: list) -> list[Part]:
    """documents parts whose members are groups (the `publisher` column) of any number of rows,
    rows sorted by group then file name, as a month's mentions are by document: month ->
    {group: its file names}; a group with no file names is a member without rows."""
    template = sample_tables()["documents"].iloc[0].to_dict()
    dtypes = empty_frame(TABLES["documents"]).dtypes.to_dict()
    parts = []
    for month, groups in months.items():
        rows = sorted(({**_row(template, month, name, "1"), "publisher": group} for group, names in groups.items() for name in names),
                      key=lambda r: (r["publisher"], r["file_name"]))

        batches, build_rows = _row_callbacks(rows, month, dtypes, "publisher", built)

        members = {g: ",".join(names) for g, names in groups.items()}
        parts.append(Part("documents", month, fingerprint(CODE, month, *(f"{g}:{v}" for g, v in sorted(members.items()))),
                          batches, len(rows), members=members, code=CODE, key_column="publisher", build_rows=build_rows,
                          one_row_per_key=False))
    return parts


def test_members_with_several_rows_or_none_merge_into_a_release_from_scratch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    before = {"2025-01": {"g1": ["a1.txt", "a2.txt"], "g3": ["a5.txt"], "g4": [], "g6": ["a9.txt", "a8.txt", "a7.txt"]}}
    after = {"2025-01": {"g0": ["z1.txt"], "g1": ["a1.txt", "a2.txt"], "g2": [], "g3": ["a5.txt", "a0.txt"], "g4": [],
                         "g5": ["b1.txt", "b2.txt"], "g6": ["a9.txt", "a8.txt", "a7.txt"]}}
    publish_release(tmp_path / "out", _tables(_grouped_parts(before, [])), [])
    built: list = []
    second = publish_release(tmp_path / "out", _tables(_grouped_parts(after, built)), [])
    assert built == [("2025-01", ("g0", "g2", "g3", "g5"))]  # the unchanged groups' rows were reused
    scratch = publish_release(tmp_path / "scratch", _tables(_grouped_parts(after, [])), [])
    assert _data_files(second) == _data_files(scratch)

    # a record of the previous part that does not account for its rows (here: a member left out,
    # with a valid checksum) is not believed: the month is built in full, and still equals a build from scratch
    import json

    from pipeline.publish import merging
    out = tmp_path / "again"
    publish_release(out, _tables(_grouped_parts(before, [])), [])
    (record,) = (out / "part_members").glob("*.json")
    body = json.loads(record.read_text())
    body = {"code": body["code"], "members": {g: v for g, v in body["members"].items() if g != "g6"}}
    record.write_text(json.dumps({**body, "sha256": merging._digest(body)}))
    built = []
    again = publish_release(out, _tables(_grouped_parts(after, built)), [])
    assert built == [("2025-01", "all")]
    assert _data_files(again) == _data_files(scratch)


@pytest.mark.parametrize("after, kind", [
    (AFTER, "major"),  # b02 changed, d02 removed
    ({**BEFORE, "2025-01": {**BEFORE["2025-01"], "a00.txt": "1", "a10.txt": "1"}}, "minor"),  # additions only
])
def test_the_semver_of_a_merged_release_comes_from_the_merged_rows_alone(tmp_path, monkeypatch, after, kind):
    """The bump compares only what a merge did not keep (the kept records are in both files byte
    for byte): the same kind as comparing the whole files, without reading them."""
    from pipeline.publish import versioning
    from pipeline.publish.index import resource_hashes
    from pipeline.publish.release import release_resources

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path / "out", _tables(_parts(BEFORE, [])), [])
    read: list = []
    real = versioning.records_by_id
    monkeypatch.setattr(versioning, "records_by_id", lambda data, col: read.append(len(data)) or real(data, col))
    second = publish_release(tmp_path / "out", _tables(_parts(after, [])), [])
    monkeypatch.undo()
    assert second.semver == versioning.bump(first.semver, kind)
    whole = versioning.change_kind(None, first.path, second.path, resource_hashes(release_resources(first.path)),
                                   resource_hashes(release_resources(second.path)))
    assert whole == kind
    # the merged months' JSON files were not read, only their records that differ: less than one
    # file each (2025-01 gains three records: a whole read would be its 8)
    merged = [rel for rel in second.files if rel.startswith("documents.json/") and second.files[rel].get("written")]
    whole_files = sum((second.path / rel).stat().st_size + (first.path / rel).stat().st_size for rel in merged)
    assert len(read) == 2 * len(merged) and sum(read) < whole_files / 2


def test_merged_rows_are_grouped_into_runs_of_consecutive_rows_of_one_source():
    import numpy as np

    from pipeline.publish.merging import _order_runs
    origin = np.array([0, 0, 0, 1, 1, 0, 0, 1, 0, 1], dtype=np.int8)
    at = np.array([0, 1, 2, 0, 1, 4, 5, 3, 6, 2], dtype=np.int64)
    # kept rows 0-2 then new 0-1, kept 4-5 (row 3 dropped), new 3, kept 6, new 2 (out of order)
    assert list(_order_runs(origin, at)) == [(0, 0, 2), (1, 0, 1), (0, 4, 5), (1, 3, 3), (0, 6, 6), (1, 2, 2)]
    assert list(_order_runs(origin[:0], at[:0])) == []


def test_record_spans_and_bounds_are_those_of_the_row_by_row_split():
    """The merge slices the previous files where _json_lines and _csv_rows split them, quotes,
    commas and escaped newlines inside records included; malformed files give None."""
    from pipeline.publish.merging import _csv_bounds, _csv_rows, _json_lines, _json_spans, _serialised
    frame = next(_parts({"2025-01": {f"a{i:02d}.txt": "1" for i in range(7)}}, [])[0].batches())
    frame = pd.concat([frame, *(next(p.batches()) for p in _parts({"2025-01": {"z,\"q\".txt": "1", "y\n.txt": "2"}}, []))])
    lines, _ = _serialised("documents", frame)
    json_data = b"[\n" + b",\n".join(lines["json"]) + b"\n]\n"
    csv_data = b"header\n" + b"".join(lines["csv"])
    n = len(frame)
    starts, ends = _json_spans(json_data, n)
    assert [json_data[a:b] for a, b in zip(starts, ends)] == _json_lines(json_data, n) == lines["json"]
    bounds = _csv_bounds(csv_data, n)
    assert [csv_data[a:b] for a, b in zip(bounds[1:], bounds[2:])] == _csv_rows(csv_data, n)[1] == lines["csv"]
    assert _json_spans(json_data, n - 1) is None and _csv_bounds(csv_data, n + 1) is None
    assert _json_spans(json_data.replace(b",\n", b";\n", 1), n) is None and _json_spans(json_data[:-1], n) is None


def test_new_rows_built_out_of_key_order_still_merge_into_a_release_from_scratch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    publish_release(tmp_path / "out", _tables(_parts(BEFORE, [])), [])
    built: list = []
    parts = _parts(AFTER, built)
    for part in parts:  # build_rows hands its rows back in reverse key order
        real = part.build_rows
        part.build_rows = lambda keys, real=real: real(keys).iloc[::-1].reset_index(drop=True)
    second = publish_release(tmp_path / "out", _tables(parts), [])
    assert ("2025-01", ("a00.txt", "a04.txt", "a10.txt")) in built and all(w != "all" for _, w in built)
    scratch = publish_release(tmp_path / "scratch", _tables(_parts(AFTER, [])), [])
    assert _data_files(second) == _data_files(scratch)


def _mention_parts(months: dict[str, dict[str, int]], built: list) -> list[Part]:
    """mentions parts (list columns) whose members are documents of any number of rows:
    month -> {doc_id: its number of mention rows}."""
    dtypes = empty_frame(TABLES["mentions"]).dtypes.to_dict()
    template = {c: [] if "list" in str(d) else 1 if str(d).startswith(("Int", "Float")) else "x" for c, d in dtypes.items()}
    parts = []
    for month, docs in months.items():
        rows = [{**template, "mention_id": f"{doc}-{i}", "doc_id": doc, "parties": [f"{doc}-p{i}"], "topics": ["a", doc]}
                for doc in sorted(docs) for i in range(docs[doc])]

        batches, build_rows = _row_callbacks(rows, month, dtypes, "doc_id", built)

        parts.append(Part("mentions", month, fingerprint(CODE, month, *(f"{d}:{n}" for d, n in sorted(docs.items()))),
                          batches, len(rows), members={d: str(n) for d, n in docs.items()}, code=CODE,
                          key_column="doc_id", build_rows=build_rows, one_row_per_key=False))
    return parts


@pytest.mark.parametrize("added", [{"d2": 0}, {"d2": 2}])
def test_a_merged_part_with_list_columns_equals_a_build_from_scratch_with_or_without_new_rows(tmp_path, monkeypatch, added):
    """With no new rows the Parquet schema came from the previous file read back, whose list
    items are named `element`, not `item` as in a full write: the Arrow schema stored in the
    file differed (found at 100k: one backfilled month's mentions.parquet of 51)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    before = {"2025-01": {"d1": 2, "d3": 1}}
    after = {"2025-01": {**before["2025-01"], **added}}

    def tables(parts):
        t = sample_tables()
        t["mentions"] = parts
        return t
    publish_release(tmp_path / "out", tables(_mention_parts(before, [])), [])
    built: list = []
    second = publish_release(tmp_path / "out", tables(_mention_parts(after, built)), [])
    assert built == [("2025-01", ("d2",))]  # merged, not built in full
    scratch = publish_release(tmp_path / "scratch", tables(_mention_parts(after, [])), [])
    assert _data_files(second) == _data_files(scratch)
