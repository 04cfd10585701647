"""benchmarks/generate.py: deterministic, and its articles look like real news in aggregate
(the figures benchmarks/README.md reports beside the train and dev sets')."""
from __future__ import annotations

import importlib.util
import random
import re
import statistics
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _load("generate")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return generate.generate(tmp_path_factory.mktemp("bench"), 300, seed=7)


def test_same_seed_same_bytes_and_article_i_independent_of_n(corpus, tmp_path):
    again = generate.generate(tmp_path / "a", 50, seed=7, start=100)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in corpus[100:150]]
    other = generate.generate(tmp_path / "b", 5, seed=8)
    assert all(p.read_bytes() != q.read_bytes() for p, q in zip(other, corpus[:5]))


def test_sizes_sentences_and_variety_like_real_articles(corpus):
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    sizes = [len(t.encode()) for t in texts]
    assert 3000 <= statistics.mean(sizes) <= 3900  # train/dev: 3.3/3.7 KB
    assert min(sizes) > 1500 and max(sizes) < 20000
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 40]
    assert len(set(sentences)) / len(sentences) > 0.95  # memo caches must not be flattered
    assert 18 <= len(sentences) / len(texts) <= 32
    joined = "\n".join(texts)
    for marker in ("already flown by", "Skip to main content", "retired its last", "also competed"):
        assert marker in joined


def test_several_deals_per_article_and_some_with_none():
    v = generate.Vocabulary()
    planted = []
    for i in range(400):
        truth: dict = {}
        generate.article(random.Random(f"7:{i}"), v, i, planted=truth)
        planted.append(truth)
    none = sum(1 for t in planted if t["procurements"] + t["agreements"] == 0) / len(planted)
    assert 0.05 <= none <= 0.15  # train/dev: 9-10 % of articles hold no record
    several = sum(1 for t in planted if t["procurements"] >= 2) / len(planted)
    assert several >= 0.5  # train/dev: 60-70 % hold two procurements or more
    assert 3 <= statistics.mean(t["procurements"] + t["agreements"] for t in planted) <= 6


def test_backfilled_articles_spread_over_many_months():
    months = {generate.published_date(random.Random(i), 100_000 + i, backfill_before=100_000).strftime("%Y-%m")
              for i in range(100)}
    assert len(months) >= 30  # 100k articles at 50 a day span 66 months
    newest = {generate.published_date(random.Random(i), 100_000 + i).strftime("%Y-%m") for i in range(100)}
    assert len(newest) <= 2


def test_clear_memos_empties_the_per_sentence_caches():
    sys.path.insert(0, str(BENCH))
    memo = _load("memo")
    from pipeline.extract import extract_mentions

    extract_mentions("Poland ordered 32 F-35 fighter jets from Lockheed Martin on Monday.", "d", "2024-05-06")
    found = memo.memo_functions()
    assert "pipeline.extract.document._systems_in" in found and "pipeline.extract.status.stage_cues" in found
    # and those of the record kinds' subpackages
    assert {"pipeline.extract.agreements.names._names", "pipeline.extract.agreements.types._topics",
            "pipeline.extract.agreements.mentions._type_cues"} <= set(found)
    assert any(f.cache_info().currsize for f in found.values())
    memo.clear_memos()
    assert all(f.cache_info().currsize == 0 for f in found.values())
