"""Parts shared between releases (hard links) are verified before they are shared again.

An unchanged month is hard-linked from the previous release, so one file on disk belongs
to several releases. Edited in place (bit rot, a careless editor), it must not be linked
into the next release under the hash it no longer has: the publisher checks its bytes
against the hash recorded in the previous release, rebuilds a part that no longer
matches, and puts the rebuilt bytes back into every release that shared the damaged file.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pipeline.publish import publish_release
from pipeline.publish.partitions import Part

from tests.publish.test_partitions import _documents, _never_built, _tables


def _counting(part: Part, built: list[str]) -> Part:
    def batches():
        built.append(part.key)
        return part.batches()

    return Part(part.table, part.key, part.fingerprint, batches, part.rows)


def _rot(path: Path) -> None:
    """Bit rot: one byte flipped, same size, same inode (every hard link sees it)."""
    with open(path, "r+b") as f:
        f.seek(os.path.getsize(path) // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0x01]))


def _edit(path: Path) -> None:
    """A careless editor writing through the file in place (other size, same inode)."""
    with open(path, "r+b") as f:
        f.seek(0, os.SEEK_END)
        f.write(b"edited by hand\n")


def _untrue(release: Path) -> list[str]:
    """Files of the release whose bytes are not those its datapackage.json records."""
    pkg = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    bad = []
    for res in pkg["resources"]:
        data = (release / res["path"]).read_bytes()
        if len(data) != res["bytes"] or "sha256:" + hashlib.sha256(data).hexdigest() != res["hash"]:
            bad.append(res["path"])
    return bad


def test_a_damaged_part_is_rebuilt_not_linked_into_the_next_release(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path, _tables(_documents({"2025-01": ["a.txt"], "2025-02": ["b.txt"]})), [])
    _rot(first.path / "documents.parquet/2025-01.parquet")
    _edit(first.path / "documents.csv/2025-01.csv")
    assert _untrue(first.path) == ["documents.csv/2025-01.csv", "documents.parquet/2025-01.parquet"]

    built: list[str] = []
    parts = _documents({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"]})
    second = publish_release(tmp_path, _tables([_counting(p, built) for p in parts]), [])
    assert second.created and built == ["2025-01", "2025-02"]  # the damaged month was rebuilt
    assert _untrue(second.path) == []
    # the run says what it found: the file and both hashes
    found = {d["path"]: d for d in second.damaged}
    assert sorted(found) == ["documents.csv/2025-01.csv", "documents.parquet/2025-01.parquet"]
    recorded = {r["path"]: r for r in json.loads((first.path / "datapackage.json").read_text())["resources"]}
    for path, d in found.items():
        assert d["recorded"] == recorded[path]["hash"] and d["found"] != d["recorded"] and d["found"].startswith("sha256:")
    # the rebuilt bytes equal the recorded ones: the previous release is whole again, and
    # shares the repaired files with the new one
    assert _untrue(first.path) == []
    for fmt in ("csv", "parquet"):
        assert os.path.samefile(first.path / f"documents.{fmt}/2025-01.{fmt}", second.path / f"documents.{fmt}/2025-01.{fmt}")


def test_unchanged_data_with_a_damaged_part_repairs_the_latest_release(tmp_path, monkeypatch):
    """Rebuilt, the damaged part gives the published bytes: no new version is cut, and the
    latest release itself gets its bytes back (it is the one users read)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    parts = _documents({"2025-01": ["a.txt"], "2025-02": ["b.txt"]})
    first = publish_release(tmp_path, _tables(parts), [])
    _rot(first.path / "documents.json/2025-02.json")

    built: list[str] = []
    again = publish_release(tmp_path, _tables([_counting(p, built) for p in parts]), [])
    assert not again.created and again.version == first.version
    assert built == ["2025-02"]
    assert [d["path"] for d in again.damaged] == ["documents.json/2025-02.json"]
    assert _untrue(tmp_path / "latest") == []
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.version]


def test_damage_spread_through_hard_links_is_repaired_in_every_release(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    first = publish_release(tmp_path, _tables(_documents({"2025-01": ["a.txt"], "2025-02": ["b.txt"]})), [])
    parts = _documents({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"]})
    second = publish_release(tmp_path, _tables([_never_built(parts[0]), parts[1]]), [])
    shared = "documents.csv/2025-01.csv"
    assert os.path.samefile(first.path / shared, second.path / shared)
    _rot(second.path / shared)  # one file on disk: both releases are damaged
    assert _untrue(first.path) == [shared] and _untrue(second.path) == [shared]

    built: list[str] = []
    parts = _documents({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"], "2025-03": ["d.txt"]})
    third = publish_release(tmp_path, _tables([_counting(p, built) for p in parts]), [])
    assert third.created and built == ["2025-01", "2025-03"]
    assert _untrue(first.path) == _untrue(second.path) == _untrue(third.path) == []

    # whole again, the part is shared as before: the next release links it, nothing rebuilt
    parts = _documents({"2025-01": ["a.txt"], "2025-02": ["b.txt", "c.txt"], "2025-03": ["d.txt", "e.txt"]})
    fourth = publish_release(tmp_path, _tables([_never_built(parts[0]), _never_built(parts[1]), parts[2]]), [])
    assert fourth.created and fourth.damaged == [] and _untrue(fourth.path) == []
    assert os.path.samefile(first.path / shared, fourth.path / shared)


def test_a_damaged_whole_table_file_of_the_latest_release_is_repaired(tmp_path, monkeypatch):
    """Not only parts: any data file the run rewrites into the same bytes as the latest
    release is put back when the latest release's copy no longer matches its hash."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    parts = _documents({"2025-01": ["a.txt"]})
    first = publish_release(tmp_path, _tables(parts), [])
    _edit(first.path / "agreements.csv")
    again = publish_release(tmp_path, _tables([_never_built(p) for p in parts]), [])
    assert not again.created and [d["path"] for d in again.damaged] == ["agreements.csv"]
    assert _untrue(tmp_path / "latest") == []
