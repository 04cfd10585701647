"""The mentions check of a month merged from its previous build covers the new documents' rows
only when that build passed the check; the month's mention ids are checked whole (issue 17, part 2)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from pipeline.extract.batch import extract_index
from pipeline.corpus.index import read_corpus

REPO = Path(__file__).resolve().parents[2]


def _generate(out_dir: Path, n: int, start: int = 0, backfill: int | None = None) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(out_dir, n, start=start, backfill=backfill)


def _mentions(corpus: Path, cache: Path):
    return extract_index(read_corpus(corpus, cache, workers=1), workers=1)


def test_only_new_rows_of_a_checked_month_are_checked_again(tmp_path):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    _generate(corpus, 120)
    first = _mentions(corpus, cache)
    assert all(p.fresh and p.new_docs is None for p in first.parts)
    assert sum(len(f) for f in first.fresh_frames()) == first.n_rows  # every row checked

    # the first build never passed the check (mark_checked not called): its rows are checked again
    _generate(corpus, 3, start=120, backfill=120)
    unchecked = _mentions(corpus, cache)
    fresh = [p for p in unchecked.parts if p.fresh]
    assert fresh and all(p.new_docs is None for p in fresh)
    assert sum(len(f) for f in unchecked.fresh_frames()) == unchecked.n_rows
    unchecked.mark_checked()

    _generate(corpus, 3, start=123, backfill=120)
    merged = _mentions(corpus, cache)
    fresh = [p for p in merged.parts if p.fresh]
    assert fresh and all(p.new_docs is not None and len(p.new_docs) >= 1 for p in fresh)
    frames = list(merged.fresh_frames())
    new_docs = set().union(*(p.new_docs for p in fresh))
    assert sum(p.n_rows for p in fresh) > sum(len(f) for f in frames)  # the reused rows are not checked again
    assert all(set(f["doc_id"]) <= new_docs for f in frames)
    assert sum(len(f) for f in frames) == sum(int(p.frame()["doc_id"].isin(p.new_docs).sum()) for p in fresh)


def test_a_month_whose_mention_ids_repeat_is_checked_whole(tmp_path, monkeypatch):
    from pipeline.extract import batch as extracting

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    _generate(corpus, 60)
    _mentions(corpus, cache).mark_checked()
    _generate(corpus, 2, start=60, backfill=60)
    merged = _mentions(corpus, cache)
    part = next(p for p in merged.parts if p.fresh and p.new_docs is not None)
    frame = part.frame()
    clash = frame.assign(mention_id=frame["mention_id"].iloc[0])  # as if a new row repeated an old id
    real_frame = extracting.MentionPart.frame
    monkeypatch.setattr(extracting.MentionPart, "frame", lambda self: clash if self is part else real_frame(self))
    checked = {len(f) for f in merged.fresh_frames()}
    assert len(clash) in checked  # the whole month, so that the check reports the repeated id
