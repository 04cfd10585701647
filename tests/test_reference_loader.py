"""pipeline.reference: one loader for the reference CSVs, and clear_caches forgets everything
built from them, in the extractor and in the corpus reader alike."""
from __future__ import annotations

import pytest

from pipeline import reference
from pipeline.corpus import metadata
from pipeline.extract import countries, prefilter, status


@pytest.fixture
def two_dirs(tmp_path, monkeypatch):
    """Two reference folders that differ in one capital (tests switch folders like this)."""
    dirs = []
    for name, capital in (("a", "Zorbagrad"), ("b", "Quillport")):
        d = tmp_path / name
        d.mkdir()
        (d / "capitals.csv").write_text(f"alpha3,capital,source\nPOL,{capital},invented for a test\n", encoding="utf-8")
        dirs.append(d)
    yield dirs
    monkeypatch.delenv("DEALS_REFERENCE_DIR", raising=False)
    reference.clear_caches()


def test_rows_follow_the_folder_in_use(two_dirs, monkeypatch):
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(two_dirs[0]))
    reference.clear_caches()
    assert [r["capital"] for r in reference.rows("capitals.csv")] == ["Zorbagrad"]
    assert reference.rows("no_such_file.csv") == ()
    # a lexicon a fixture folder leaves out is still read from the package
    assert reference.packaged_rows("capitals.csv") and reference.rows("role_cues.csv") == ()
    assert reference.lexicon_rows("role_cues.csv") == reference.packaged_rows("role_cues.csv") != ()
    assert [r["capital"] for r in reference.lexicon_rows("capitals.csv")] == ["Zorbagrad"]  # the folder's own first


def test_clear_caches_forgets_what_the_corpus_reader_built(two_dirs, monkeypatch):
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(two_dirs[0]))
    reference.clear_caches()
    assert metadata._capitals() == frozenset({"Zorbagrad"})
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(two_dirs[1]))
    assert metadata._capitals() == frozenset({"Zorbagrad"})  # cached until cleared
    reference.clear_caches()
    assert metadata._capitals() == frozenset({"Quillport"})


def test_clear_caches_empties_matchers_and_per_sentence_memos(two_dirs, monkeypatch):
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(two_dirs[0]))
    reference.clear_caches()
    assert [h.surface for h in countries.find_countries("Officials in Zorbagrad signed it.")] == ["Zorbagrad"]
    status.stage_cues("The ministry ordered two ships.")
    assert countries.matcher.cache_info().currsize == 1 and status.stage_cues.cache_info().currsize >= 1
    reference.clear_caches()
    assert countries.matcher.cache_info().currsize == 0 and status.stage_cues.cache_info().currsize == 0
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(two_dirs[1]))
    assert [h.surface for h in countries.find_countries("Officials in Zorbagrad signed it.")] == []


def test_patterns_built_again_are_registered_once():
    prefilter.folded_pattern(r"\bcommissioned\s+(?:two|three)\b")
    before = dict(prefilter.FOLDED_PATTERNS)
    reference.clear_caches()
    prefilter.folded_pattern(r"\bcommissioned\s+(?:two|three)\b")
    assert prefilter.FOLDED_PATTERNS.keys() == before.keys()
