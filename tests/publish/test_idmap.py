"""The id map (pipeline/publish/idmap.py): relations, chains, re-published ids, damaged input,
and changes.json's `moved`."""
from __future__ import annotations

import json

import pandas as pd

from pipeline.publish import publish_release
from pipeline.publish.idmap import PreviousRelease, build_id_map, read_previous, resolve
from pipeline.tables import id_map_frame
from schemas import TABLES
from tests.sample_release import sample_tables


def _id(n: int, kind: str = "proc") -> str:
    return f"{kind}-{n:016x}"


def _p(records: dict[str, set[str]]) -> dict:
    return {"agreements": {}, "procurements": {k: frozenset(v) for k, v in records.items()}}


def test_split_merged_and_superseded_are_told_apart_by_shared_mentions():
    previous = PreviousRelease("r1", _p({_id(1): {"m1", "m2"}, _id(2): {"m3"}, _id(3): {"m4"}, _id(4): {"m5"},
                                         _id(5): {"m6"}, _id(6): {"m7"}}))
    current = _p({_id(10): {"m1"}, _id(11): {"m2", "m9"},  # 1 split in two
                  _id(12): {"m3", "m4"},  # 2 and 3 merged into a new record
                  _id(5): {"m6", "m5"},  # 4 merged into a record still published
                  _id(13): {"m7", "m8"}})  # 6 superseded (6's evidence and a new, earlier one)
    rows = {r["old_id"]: (r["relation"], r["new_ids"]) for r in build_id_map(previous, current)}
    assert rows == {_id(1): ("split", [_id(10), _id(11)]), _id(2): ("merged", [_id(12)]), _id(3): ("merged", [_id(12)]),
                    _id(4): ("merged", [_id(5)]), _id(6): ("superseded", [_id(13)])}


def test_an_id_whose_mentions_are_all_gone_is_removed_not_mapped():
    previous = PreviousRelease("r1", _p({_id(1): {"m1"}}))
    assert build_id_map(previous, _p({_id(2): {"m2"}})) == []


def test_chains_are_followed_so_every_new_id_is_current_and_republished_ids_leave_the_map():
    first = PreviousRelease("r1", _p({_id(1): {"m1"}, _id(2): {"m2"}}))
    rows = build_id_map(first, _p({_id(3): {"m1", "m0"}, _id(2): {"m2"}}))  # 1 -> 3
    second = PreviousRelease("r2", _p({_id(3): {"m1", "m0"}, _id(2): {"m2"}}), rows)
    rows = build_id_map(second, _p({_id(4): {"m1", "m0", "m-1"}, _id(2): {"m2"}}))  # 3 -> 4, so 1 -> 4
    assert [(r["old_id"], r["new_ids"], r["last_release"]) for r in rows] == [(_id(1), [_id(4)], "r1"), (_id(3), [_id(4)], "r2")]
    third = PreviousRelease("r3", _p({_id(4): {"m1", "m0", "m-1"}, _id(2): {"m2"}}), rows)
    # the article that moved the anchor is withdrawn: 3 is published again, and leaves the map
    rows = build_id_map(third, _p({_id(3): {"m1", "m0"}, _id(2): {"m2"}}))
    assert [(r["old_id"], r["new_ids"]) for r in rows] == [(_id(1), [_id(3)]), (_id(4), [_id(3)])]
    frame = id_map_frame(rows)
    TABLES["id_map"].validate(frame)
    assert resolve(_id(1), frame) == [_id(3)] and resolve(_id(2), frame) == [_id(2)]


def test_a_damaged_previous_release_is_reported_and_maps_nothing(tmp_path):
    release = tmp_path / "2030-01-01.001.00000000"
    release.mkdir()
    (release / "agreements.parquet").write_bytes(b"PAR1 not parquet")
    pd.DataFrame({"procurement_id": ["proc-1"], "mention_ids": [["m"]]}).to_parquet(release / "procurements.parquet")
    (release / "id_map.parquet").write_bytes(b"")
    previous = read_previous(release)
    assert previous.records == {}
    assert len(previous.problems) == 3
    assert "agreements.parquet of release 2030-01-01.001.00000000 cannot be read" in previous.problems[0]
    assert "not a record id" in previous.problems[1]  # 'proc-1' is no id the pipeline writes
    assert "id_map.parquet" in previous.problems[2]
    assert read_previous(None).records == {} and read_previous(None).problems == []


def test_changes_json_lists_the_moved_ids_beside_the_removed_ones(tmp_path):
    tables = sample_tables()
    first = publish_release(tmp_path, {**tables, "id_map": id_map_frame([])}, [])
    procurements = tables["procurements"].copy()
    procurements.loc[0, "procurement_id"] = _id(0xabc)  # the first record's id moved
    previous = read_previous(first.path)
    assert previous.problems == []
    rows = build_id_map(previous, {"agreements": previous.records["agreements"],
                                   "procurements": {i: frozenset(m) for i, m in zip(procurements["procurement_id"],
                                                                                     procurements["mention_ids"])}})
    second = publish_release(tmp_path, {**tables, "procurements": procurements, "id_map": id_map_frame(rows)}, [])
    log = json.loads((second.path / "changes.json").read_text())["tables"]["procurements"]
    assert log["removed"] == ["proc-0000000000000001"] and log["added"] == [_id(0xabc)]
    assert log["moved"] == {"proc-0000000000000001": {"relation": "superseded", "new_ids": [_id(0xabc)]}}
    published = pd.read_parquet(second.path / "id_map.parquet")
    assert published["old_id"].tolist() == ["proc-0000000000000001"]
    assert published["last_release"].tolist() == [first.version]
    from pipeline import datasets
    assert datasets.resolve_id("proc-0000000000000001", output_dir=tmp_path) == [_id(0xabc)]
    assert datasets.resolve_id(_id(0xabc), output_dir=tmp_path) == [_id(0xabc)]
    assert datasets.resolve_id("proc-0000000000000002", output_dir=tmp_path) == ["proc-0000000000000002"]
    assert datasets.resolve_id(_id(0xdef), output_dir=tmp_path) == []  # never published
    assert datasets.resolve_id("proc-0000000000000001", version=first.version, output_dir=tmp_path) == ["proc-0000000000000001"]
