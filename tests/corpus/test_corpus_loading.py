"""load_corpus never raises for a bad file or manifest, and agrees with corpus_fingerprint."""
import os
import tracemalloc
from pathlib import Path

import pytest

from pipeline.corpus import Document, Rejection, article_fingerprint, corpus_fingerprint, load_manifest, read_article

from pipeline.corpus.index import load_corpus
from pipeline.corpus import files as loading_module
from pipeline.corpus import index as index_module  # the loop of load_corpus (and of production)
from pipeline.corpus.document import MAX_BYTES

ARTICLE = (
    "Spain signs a contract with Navantia for four frigates\n\n"
    "MADRID: Spain signed a contract with Navantia for four F-110 frigates worth 4.3 billion euros "
    "on Monday, the defence ministry said. The first ship is due in 2027.\n"
)


def accounted(corpus) -> dict[str, str]:
    """file -> where load_corpus put it; every file is in exactly one place."""
    places = [("document", d.file_name) for d in corpus.documents]
    places += [("rejected", r.file) for r in corpus.rejected]
    places += [("ignored", path) for path, _ in corpus.ignored]
    places += [("manifest", corpus.manifest)] if corpus.manifest else []
    names = [name for _, name in places]
    assert len(names) == len(set(names)), names
    return {name: where for where, name in places}


def files_under(root: Path) -> set[str]:
    """Every file and symlink under root, relative; an ignored directory stands for its content."""
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            out.add((rel / name).as_posix())
    return out


def assert_invariant(root: Path, corpus) -> None:
    places = accounted(corpus)
    ignored_dirs = [p for p, _ in corpus.ignored if (root / p).is_dir() and not (root / p).is_symlink()]
    for f in files_under(root):
        if any(f.startswith(d + "/") for d in ignored_dirs):
            continue
        assert f in places, f"{f} is in none of documents, rejected, ignored"


def reasons(corpus) -> dict[str, str]:
    return {r.file: r.reason for r in corpus.rejected}


def test_too_large_file_is_not_read_into_memory(tmp_path):
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(20 * 1024 * 1024)  # sparse: 20 MB without writing them
    (tmp_path / "a.txt").write_text(ARTICLE)
    tracemalloc.start()
    try:
        corpus = load_corpus(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MAX_BYTES // 5, peak
    (r,) = corpus.rejected
    assert (r.file, r.reason, r.n_bytes, r.sha256) == ("huge.txt", "too_large", 20 * 1024 * 1024, None)
    assert r.message == "huge.txt: 20,971,520 bytes is over the 5,000,000-byte size limit; the file is skipped, not truncated"
    assert corpus.fingerprint["huge.txt"] == "size:20971520" == corpus_fingerprint(tmp_path)["huge.txt"]


def test_file_growing_after_stat_is_not_read_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 50)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: (path.write_bytes(b"y" * 500), real_fstat(fd))[1])
    size, data = loading_module.read_bounded(path, 100)
    assert data is None and size > 100


@pytest.mark.parametrize("manifest", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),  # binary
    b"\xff\xfe\x00\xd8",  # claims UTF-16, is not
    b"",  # empty
    "file,publisher\na.txt,Caf\xe9 Press\n".encode("cp1252"),  # a spreadsheet's cp1252: read
    b"file,published,notes\na.txt,32/13/2025,x,y,z\nghost.txt,2025\n\"unterminated,\n",
])
def test_bad_manifest_never_raises(tmp_path, manifest):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sources.csv").write_bytes(manifest)
    corpus = load_corpus(tmp_path)
    assert [d.file_name for d in corpus.documents] == ["a.txt"]
    assert corpus.manifest == "sources.csv"
    assert corpus.manifest_problems or corpus.documents[0].publisher == "Café Press"
    assert all(p.startswith("sources.csv: ") and str(tmp_path) not in p for p in corpus.manifest_problems)
    assert corpus.fingerprint == corpus_fingerprint(tmp_path)
    assert_invariant(tmp_path, corpus)


def test_manifest_that_is_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sources.csv").mkdir()
    (tmp_path / "sources.csv" / "b.txt").write_text(ARTICLE + "Other.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.manifest is None
    assert [d.file_name for d in corpus.documents] == ["a.txt", "sources.csv/b.txt"]
    assert corpus.fingerprint == corpus_fingerprint(tmp_path)
    assert_invariant(tmp_path, corpus)


def test_file_vanishing_between_listing_and_reading(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "gone.txt").write_text(ARTICLE + "More.\n")
    real_list = index_module.list_corpus

    def list_then_delete(root):
        listing = real_list(root)
        (tmp_path / "gone.txt").unlink(missing_ok=True)
        return listing

    monkeypatch.setattr(index_module, "list_corpus", list_then_delete)
    monkeypatch.setattr(loading_module, "list_corpus", list_then_delete)  # corpus_fingerprint's listing
    corpus = load_corpus(tmp_path)
    assert reasons(corpus) == {"gone.txt": "unreadable"}
    (r,) = corpus.rejected
    assert r.message == "gone.txt: cannot be read (No such file or directory)" and r.sha256 is None
    assert set(corpus.fingerprint) == {"a.txt"}
    (tmp_path / "gone.txt").write_text(ARTICLE + "Back for the listing.\n")
    assert corpus_fingerprint(tmp_path) == corpus.fingerprint


def test_permission_denied(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE + "Locked.\n")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: refuse the open as the kernel would
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    corpus = load_corpus(tmp_path)
    assert reasons(corpus) == {"locked.txt": "unreadable"}
    assert corpus.rejected[0].message == "locked.txt: cannot be read (Permission denied)"
    assert corpus.fingerprint == corpus_fingerprint(tmp_path) and set(corpus.fingerprint) == {"a.txt"}
    locked.chmod(0o644)


def test_fifo_in_place_of_an_article_does_not_block(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "pipe.txt").write_text(ARTICLE + "Soon a pipe.\n")
    real_list = index_module.list_corpus

    def list_then_swap(root):
        listing = real_list(root)
        (tmp_path / "pipe.txt").unlink()
        os.mkfifo(tmp_path / "pipe.txt")
        return listing

    monkeypatch.setattr(index_module, "list_corpus", list_then_swap)
    monkeypatch.setattr(loading_module, "list_corpus", list_then_swap)  # corpus_fingerprint's listing
    corpus = load_corpus(tmp_path)
    assert reasons(corpus) == {"pipe.txt": "unreadable"}
    assert "not a regular file" in corpus.rejected[0].message


def test_a_crash_on_one_file_does_not_lose_the_others(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE + "Crash here.\n")
    real_read = loading_module.read_document

    def fragile(name, data, *args, **kwargs):
        if name == "b.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real_read(name, data, *args, **kwargs)

    monkeypatch.setattr(loading_module, "read_document", fragile)
    corpus = load_corpus(tmp_path)
    assert [d.file_name for d in corpus.documents] == ["a.txt"]
    assert reasons(corpus) == {"b.txt": "unreadable"}
    assert "RecursionError" in corpus.rejected[0].message and corpus.rejected[0].sha256


def test_file_name_that_is_not_utf8(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as f:
        f.write(ARTICLE.encode() + b"Latin-1 name.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.ignored == [("caf\\xe9.txt", "file name is not valid UTF-8")]
    assert [d.file_name for d in corpus.documents] == ["a.txt"]
    assert corpus.fingerprint == corpus_fingerprint(tmp_path)


def test_every_file_is_accounted_for_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref")
    (root / "a.txt").write_text(ARTICLE)
    (root / "sub" / "copy.txt").write_text(ARTICLE)
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (root / "notes.md").write_text("x")
    (root / "sources.csv").write_text("file,published\na.txt,2025-01-02\n")
    (root / "sub" / "sources.csv").write_text("file\n")
    (tmp_path / "secret.txt").write_text(ARTICLE + "Secret.\n")
    os.symlink(tmp_path / "secret.txt", root / "outside.txt")
    os.symlink(root / "a.txt", root / "sub" / "alias.txt")
    corpus = load_corpus(root)
    assert_invariant(root, corpus)
    assert accounted(corpus) == {
        "a.txt": "document", "sub/copy.txt": "rejected", "sub/alias.txt": "rejected", "empty.txt": "rejected",
        "image.txt": "rejected", "notes.md": "ignored", ".git": "ignored", "sub/sources.csv": "ignored",
        "outside.txt": "ignored", "sources.csv": "manifest",
    }
    assert corpus.fingerprint == corpus_fingerprint(root)


def test_read_article_and_load_manifest_one_file_at_a_time(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    doc = read_article(tmp_path, "a.txt")
    assert isinstance(doc, Document) and article_fingerprint(doc) == doc.raw_sha256
    missing = read_article(tmp_path, "missing.txt")
    assert isinstance(missing, Rejection) and missing.reason == "unreadable" and article_fingerprint(missing) is None
    big = read_article(tmp_path, "big.txt", max_bytes=100)
    assert (big.reason, big.n_bytes, article_fingerprint(big)) == ("too_large", 101, "size:101")

    (tmp_path / "sources.csv").write_bytes("file,publisher\na.txt,Caf\xe9 Press\nb.txt,X\n".encode("cp1252"))
    rows, problems, fingerprint = load_manifest(tmp_path, "sources.csv", ["a.txt"])
    assert rows["a.txt"].publisher == "Café Press" and len(fingerprint) == 64
    assert problems == ["sources.csv: row for 'b.txt' matches no article"]
    assert load_manifest(tmp_path, "nope.csv", []) == ({}, ["nope.csv: cannot be read (No such file or directory); ignored"], None)


def test_the_production_reader_fingerprints_the_corpus_as_load_corpus_does(tmp_path):
    """One fingerprint rule: incremental.reading.corpus_state (what the sensor compares) and
    read_corpus record what load_corpus records, manifest and over-limit files included, and
    a second call served from the stat record gives the same."""
    from pipeline.corpus.index import corpus_state, read_corpus

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(ARTICLE)
    (corpus_dir / "b.txt").write_text(ARTICLE + "Another line.\n")
    (corpus_dir / "sources.csv").write_text("file,url,publisher\na.txt,https://example.org/a,Example Daily\n")
    with open(corpus_dir / "huge.txt", "wb") as f:
        f.truncate(MAX_BYTES + 1)
    expected = load_corpus(corpus_dir).fingerprint
    assert set(expected) == {"a.txt", "b.txt", "huge.txt", "sources.csv"} and expected["huge.txt"] == f"size:{MAX_BYTES + 1}"
    assert corpus_fingerprint(corpus_dir) == expected
    assert corpus_state(corpus_dir, tmp_path / "cache") == expected
    assert read_corpus(corpus_dir, tmp_path / "cache").fingerprint == expected
    assert corpus_state(corpus_dir, tmp_path / "cache") == expected
