import os

import pytest

from pipeline.corpus import list_corpus


def test_listing(tmp_path):
    root = tmp_path / "corpus"
    (root / "asia" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("x")
    (root / "asia" / "b.txt").write_text("x")
    (root / "asia" / "deep" / "c.txt").write_text("x")
    (root / "README.md").write_text("x")
    (root / ".hidden.txt").write_text("x")
    (root / ".git" / "config.txt").write_text("x")
    (root / "sources.csv").write_text("file\n")
    (root / "asia" / "sources.csv").write_text("file\n")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    os.symlink(outside, root / "link.txt")
    os.symlink(tmp_path, root / "up")
    os.symlink(root / "a.txt", root / "asia" / "alias.txt")  # inside: listed
    os.symlink(tmp_path / "missing.txt", root / "broken.txt")

    listing = list_corpus(root)
    assert listing.articles == ["a.txt", "asia/alias.txt", "asia/b.txt", "asia/deep/c.txt"]
    assert listing.manifest == "sources.csv"
    ignored = dict(listing.ignored)
    assert ignored["README.md"] == "not a .txt file"
    assert ignored[".hidden.txt"] == "hidden"
    assert ignored[".git"] == "hidden"
    assert ignored["link.txt"] == "symlink outside corpus"
    assert ignored["up"] == "symlink outside corpus"
    assert ignored["broken.txt"] == "broken symlink"
    assert "manifest outside the corpus root" in ignored["asia/sources.csv"]
    assert not any(p.startswith(".git/") for p, _ in listing.ignored)  # hidden dirs are not entered


def test_listing_of_a_missing_dir(tmp_path):
    with pytest.raises(FileNotFoundError):
        list_corpus(tmp_path / "nope")
