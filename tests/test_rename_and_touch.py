"""Issue 12, part 5: a renamed article, and an edit that keeps size and mtime, are seen.

The file name is part of what decides "unchanged" (the documents table carries it), and a
file's stat signature covers its inode, device and ctime as well as size and mtime: an
edit whose mtime was put back (`touch -r`, `os.utime`) still changes the ctime.
"""
from __future__ import annotations

import hashlib
import json
import os

import dagster as dg

from pipeline import datasets
from pipeline.defs.automation.sensors import new_articles_sensor
from pipeline.defs.resources import DealsPaths
from pipeline.store import hashing
from pipeline.store.cache import DiskCache
from pipeline.corpus.index import corpus_state, read_corpus
from pipeline.publish.state import read_processed


def _release(result):
    return next(iter(result.asset_materializations_for_node("release"))).metadata


def _sensor(instance, paths, cursor=None):
    return new_articles_sensor(dg.build_sensor_context(instance=instance, resources={"paths": paths}, cursor=cursor))


def _same_size_edit(path) -> bytes:
    """Change one letter of the file, keep its size, and put its access and modification times back."""
    st = os.stat(path)
    data = path.read_bytes()
    i = next(i for i, b in enumerate(data) if chr(b).isalpha() and chr(b).islower())
    new = data[:i] + chr(data[i]).upper().encode() + data[i + 1:]
    assert len(new) == len(data) and new != data
    path.write_bytes(new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    return new


def test_a_renamed_article_is_published_under_its_new_name(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    first = run_refresh(seed_corpus, out, instance)
    assert first.success
    before = (out / "latest").resolve()
    old = sorted(p.name for p in seed_corpus.glob("*.txt"))[1]
    assert old in set(datasets.load("documents", output_dir=out)["file_name"])

    new = old[:4] + "renamed.txt"  # keeps its place in file order: only the name differs
    (seed_corpus / old).rename(seed_corpus / new)
    paths = DealsPaths(corpus_dir=str(seed_corpus), output_dir=str(out))
    requested = _sensor(instance, paths)
    assert isinstance(requested, dg.SensorResult)
    assert (requested.run_requests[0].tags["deals/added"], requested.run_requests[0].tags["deals/removed"]) == ("1", "1")

    second = run_refresh(seed_corpus, out, instance)
    assert second.success
    assert _release(second)["new_version"].value is True  # not "data unchanged"
    after = (out / "latest").resolve()
    assert after != before
    names = set(datasets.load("documents", output_dir=out)["file_name"])
    assert new in names and old not in names
    pkg = json.loads((after / "datapackage.json").read_text(encoding="utf-8"))
    assert old not in {s["path"] for s in pkg["sources"]}
    processed = read_processed(out)
    assert new in processed and old not in processed
    assert isinstance(_sensor(instance, paths), dg.SkipReason)


def test_identical_files_each_keep_their_own_name(tmp_path):
    """Two files with the same bytes: the first is the document, the second a duplicate. The
    cached document of the first must not be overwritten by the second's (its file name)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Norway orders K9 howitzers\n\nOSLO, March 4, 2025 - Norway has signed a contract for 24 K9 howitzers.\n"
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(text, encoding="utf-8")
    for run in range(3):  # a first run and two refreshes
        index = read_corpus(corpus, tmp_path / "cache", workers=1)
        assert [e.file_name for e in index.entries] == ["a.txt"]
        assert [r.file for r in index.rejected] == ["b.txt"]
        assert index.load_document(index.entries[0]).file_name == "a.txt"
        if run:  # nothing changed: nothing is read again (the duplicate was, on every run)
            assert (index.n_new, index.n_cached) == (0, 2)


def test_a_same_size_edit_with_its_mtime_restored_is_seen(seed_corpus, tmp_path, instance, run_refresh, monkeypatch):
    # Trust every stat signature, however recent: this test is about the ctime, not the
    # racy-file rule (the seeds were copied a moment ago).
    monkeypatch.setattr(hashing, "RACY_NS", 0, raising=False)
    out = tmp_path / "out"
    first = run_refresh(seed_corpus, out, instance)
    assert first.success
    before = (out / "latest").resolve()
    paths = DealsPaths(corpus_dir=str(seed_corpus), output_dir=str(out))
    assert isinstance(_sensor(instance, paths), dg.SkipReason)

    name = sorted(p.name for p in seed_corpus.glob("*.txt"))[2]
    new = _same_size_edit(seed_corpus / name)
    new_sha = hashlib.sha256(new).hexdigest()

    requested = _sensor(instance, paths)
    assert isinstance(requested, dg.SensorResult), requested
    assert requested.run_requests[0].tags["deals/changed"] == "1"

    second = run_refresh(seed_corpus, out, instance)
    assert second.success
    assert _release(second)["new_version"].value is True
    assert (out / "latest").resolve() != before
    assert read_processed(out)[name] == new_sha
    documents = datasets.load("documents", output_dir=out)
    assert documents.loc[documents["file_name"] == name, "raw_sha256"].item() == new_sha
    assert isinstance(_sensor(instance, paths), dg.SkipReason)


def test_file_hashes_sees_an_edit_that_keeps_size_and_mtime(tmp_path, monkeypatch):
    monkeypatch.setattr(hashing, "RACY_NS", 0, raising=False)
    (tmp_path / "a.txt").write_bytes(b"hello world\n")
    cache = DiskCache(tmp_path / "cache")
    first = hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)
    assert first["a.txt"] == (hashlib.sha256(b"hello world\n").hexdigest(), 12)
    new = _same_size_edit(tmp_path / "a.txt")
    assert hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)["a.txt"] == (hashlib.sha256(new).hexdigest(), 12)
    assert corpus_state(tmp_path, tmp_path / "cache")["a.txt"] == hashlib.sha256(new).hexdigest()


def test_swapped_files_with_equal_stat_are_seen(tmp_path, monkeypatch):
    """Two files of the same size and mtime swapped by renames: same names, same sizes, same
    mtimes, other contents. The inode tells them apart."""
    monkeypatch.setattr(hashing, "RACY_NS", 0, raising=False)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"aaaa")
    b.write_bytes(b"bbbb")
    os.utime(a, ns=(10**18, 10**18))
    os.utime(b, ns=(10**18, 10**18))
    cache = DiskCache(tmp_path / "cache")
    hashing.file_hashes(tmp_path, ["a.txt", "b.txt"], cache, 1000)
    os.rename(a, tmp_path / "tmp")
    os.rename(b, a)
    os.rename(tmp_path / "tmp", b)
    out = hashing.file_hashes(tmp_path, ["a.txt", "b.txt"], cache, 1000)
    assert out["a.txt"][0] == hashlib.sha256(b"bbbb").hexdigest()
    assert out["b.txt"][0] == hashlib.sha256(b"aaaa").hexdigest()


def test_a_file_changed_just_before_the_run_is_hashed_again(tmp_path, monkeypatch):
    """Timestamps are coarse: a same-size rewrite in the same clock tick as the stat can keep
    every stat field. A file changed within RACY_NS of a run is not trusted by the next one."""
    (tmp_path / "a.txt").write_bytes(b"fresh")
    cache = DiskCache(tmp_path / "cache")
    reads = []
    real = hashing.read_bounded
    monkeypatch.setattr(hashing, "read_bounded", lambda path, limit: reads.append(path.name) or real(path, limit))
    hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)
    hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)
    assert reads == ["a.txt", "a.txt"]  # just written: hashed again
    monkeypatch.setattr(hashing, "RACY_NS", 0, raising=False)
    hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)
    hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)
    assert reads == ["a.txt", "a.txt", "a.txt"]  # settled: served from its stat signature


def test_the_stat_record_is_plain_data(tmp_path, monkeypatch):
    """The cache may store data only (JSON): no tuples whose type a round trip would change."""
    monkeypatch.setattr(hashing, "RACY_NS", 0, raising=False)
    (tmp_path / "a.txt").write_bytes(b"abc")
    cache = DiskCache(tmp_path / "cache")
    stored = []
    monkeypatch.setattr(cache, "put", lambda namespace, key, value: stored.append(value))
    hashing.file_hashes(tmp_path, ["a.txt"], cache, 1000)
    [record] = stored
    assert json.loads(json.dumps(record)) == record  # a tuple would come back as a list
