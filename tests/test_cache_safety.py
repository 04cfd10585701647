"""The cache under the output folder holds data only, and a damaged cache is a miss (issue 12, parts 2 and 3).

Whatever is in `<output>/cache` is untrusted: a planted pickle must never run, and garbage,
entries of the wrong shape or truncated files must each be reported, rebuilt, and give a
release byte-identical to one built with a clean cache.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pipeline.extract.records import Evidence, MoneyValue, ProcurementMention
from pipeline.store.cache import MAGIC, DiskCache
from schemas.dtypes import FLOAT, INT, STRING, STRING_LIST

DATA_SUFFIXES = (".csv", ".json", ".parquet")


class _Planted:
    """Unpickling this writes a marker file: what a planted cache entry could do."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (Path.write_text, (Path(self.marker), "code ran"))


def _data_files(release: Path) -> dict[str, bytes]:
    return {p.relative_to(release).as_posix(): p.read_bytes()
            for p in sorted(release.rglob("*")) if p.is_file() and p.suffix in DATA_SUFFIXES
            and p.name not in ("datapackage.json", "changes.json", "croissant.json")}


def _entries(out: Path) -> list[Path]:
    return [p for p in (out / "cache").rglob("*.entry") if p.is_file()]


@pytest.fixture()
def clean_release(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "clean"
    assert run_refresh(seed_corpus, out, instance).success
    return _data_files((out / "latest").resolve())


def _rerun_with(damage, seed_corpus, tmp_path, instance, run_refresh, caplog) -> tuple[Path, list[str]]:
    out = tmp_path / "damaged"
    assert run_refresh(seed_corpus, out, instance).success
    damage(out)
    shutil.rmtree(out / "releases")  # the next run must build the data again, not keep the old release
    (out / "latest").unlink()
    (out / "processed_corpus.json").unlink(missing_ok=True)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        result = run_refresh(seed_corpus, out, instance)
    assert result.success
    warnings = [r.getMessage() for r in caplog.records if r.name == "pipeline.cache"]
    # and the same warnings are in the run's own log, where the UI shows them
    run_log = {e.user_message for e in instance.all_logs(result.run_id)}
    assert set(warnings) <= run_log
    return out, warnings


# ---------------------------------------------------------------- part 2: no code

def test_a_planted_pickle_never_runs(seed_corpus, tmp_path, instance, run_refresh, caplog, clean_release):
    marker = tmp_path / "pwned"
    planted = pickle.dumps(_Planted(marker))

    def plant(out: Path):
        entries = _entries(out)
        assert entries
        for entry in entries:  # every entry, and a .pkl beside it where the old store kept them
            entry.write_bytes(planted)
            entry.with_name(entry.name.split(".")[0] + ".pkl").write_bytes(planted)

    out, warnings = _rerun_with(plant, seed_corpus, tmp_path, instance, run_refresh, caplog)
    assert not marker.exists()
    assert _data_files((out / "latest").resolve()) == clean_release
    assert warnings and all("ignored and rebuilt" in w for w in warnings)


def test_entries_are_data_with_a_checksum(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    assert run_refresh(seed_corpus, out, instance).success
    entries = _entries(out)
    # .bytes: a month's consolidation blocks, JSON texts one after the other (read in slices)
    assert {"".join(p.suffixes[-2:]) for p in entries} == {".json.entry", ".parquet.entry", ".bytes.entry"}
    for entry in entries:
        head, _, payload = entry.read_bytes().partition(b"\n")
        magic, kind, digest = head.split(b" ")
        assert magic == MAGIC and kind.decode() == entry.suffixes[-2][1:]
        assert digest.decode() == hashlib.sha256(payload).hexdigest()
        assert pickle.PROTO not in payload[:1]  # no pickle stream anywhere


def test_pickles_left_by_an_earlier_version_are_removed_once(tmp_path, caplog):
    from pipeline.store.cache import FORMAT_MARKER, retire_legacy_entries
    old = tmp_path / "cache" / "reader-abc" / "12" / "1234.pkl"
    old.parent.mkdir(parents=True)
    old.write_bytes(pickle.dumps({"a": 1}))
    keep = DiskCache(tmp_path / "cache")
    keep.put("ns", "k", [1])
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        assert retire_legacy_entries(tmp_path / "cache") == 1
    assert not old.exists() and keep.get("ns", "k") == [1]
    assert (tmp_path / "cache" / FORMAT_MARKER).read_bytes() == MAGIC
    assert "removed 1 pickled cache entry" in caplog.text
    old.write_bytes(b"planted after the upgrade")  # never read either way; not searched for again
    assert retire_legacy_entries(tmp_path / "cache") == 0


# ---------------------------------------------------------------- part 3: damage is a miss

def _garbage(out: Path):
    for i, entry in enumerate(_entries(out)):
        entry.write_bytes(bytes((i * 37 + k) % 256 for k in range(300)))


def _wrong_shapes(out: Path):
    """Entries whose header and checksum are right but whose values are not what the reader
    expects: the store cannot tell, so each reader checks the shape it gets."""
    values = [b"[1,2,3]", b'{"a": "b"}', b'"text"', b'{"$type": "Document", "doc_id": 1}', b"[[1, 2], [3]]", b"7"]
    for i, entry in enumerate(sorted(_entries(out))):
        if not entry.name.endswith(".json.entry"):
            continue
        payload = values[i % len(values)]
        entry.write_bytes(b" ".join([MAGIC, b"json", hashlib.sha256(payload).hexdigest().encode()]) + b"\n" + payload)


def _truncated_frames(out: Path):
    frames = [p for p in _entries(out) if p.name.endswith(".parquet.entry")]
    assert frames
    for entry in frames:
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [_garbage, _wrong_shapes, _truncated_frames], ids=["garbage", "wrong-shapes", "truncated-frames"])
def test_a_damaged_cache_is_rebuilt_and_gives_the_same_release(damage, seed_corpus, tmp_path, instance, run_refresh, caplog,
                                                               clean_release):
    out, warnings = _rerun_with(damage, seed_corpus, tmp_path, instance, run_refresh, caplog)
    assert _data_files((out / "latest").resolve()) == clean_release
    assert warnings, "every damaged entry is reported"
    assert all(w.startswith("cache entry cache/") and "ignored and rebuilt" in w for w in warnings)
    assert not any(str(tmp_path) in w for w in warnings)  # no machine path in messages
    # and the run after that finds a sound cache: nothing more to report
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        assert run_refresh(seed_corpus, out, instance).success
    assert not [r for r in caplog.records if r.name == "pipeline.cache"]


# ---------------------------------------------------------------- the store itself

def test_records_and_frames_round_trip(tmp_path):
    cache = DiskCache(tmp_path)
    mention = ProcurementMention("PER", "K9", "ordered", Evidence("d" * 16, "Peru ordered K9s.", 0, 17), supplier_country="KOR",
                                 quantity=12, value=MoneyValue(62_000_000.0, "USD"))
    cache.put("ns", "k1", [[mention], {"d" * 16: "2025-03"}])
    assert cache.get("ns", "k1") == [[mention], {"d" * 16: "2025-03"}]
    df = pd.DataFrame({"a": pd.Series([1, None], dtype=INT), "b": pd.Series(["x", None], dtype=STRING),
                       "c": pd.Series([["p", "q"], []], dtype=STRING_LIST), "d": pd.Series([1.5, None], dtype=FLOAT),
                       "e": pd.Series(["u", "v"], dtype=object)})
    cache.put_frame("ns", "k2", df)
    back = cache.get_frame("ns", "k2")
    assert list(back.dtypes) == list(df.dtypes) and back.equals(df)
    assert back["c"].dtype.pyarrow_dtype == pa.list_(pa.string())


def test_a_tampered_entry_is_reported_once_and_removed(tmp_path, caplog):
    cache = DiskCache(tmp_path)
    cache.put("ns", "abcdef", {"n": 1})
    path = cache.path("ns", "abcdef")
    path.write_bytes(path.read_bytes().replace(b'"n":1', b'"n":2'))
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        assert cache.get("ns", "abcdef") is None
        assert cache.get("ns", "abcdef") is None
    assert [r.getMessage() for r in caplog.records] == [
        "cache entry cache/ns/ab/abcdef.json.entry does not match its checksum (truncated or altered): ignored and rebuilt"]
    assert not path.exists()


def test_unknown_record_classes_are_refused(tmp_path):
    cache = DiskCache(tmp_path)
    payload = b'{"$type": "Popen", "args": ["touch", "x"]}'
    path = cache.path("ns", "k3")
    path.parent.mkdir(parents=True)
    path.write_bytes(b" ".join([MAGIC, b"json", hashlib.sha256(payload).hexdigest().encode()]) + b"\n" + payload)
    assert cache.get("ns", "k3") is None
    assert not path.exists()
