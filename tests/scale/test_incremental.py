"""A refresh rebuilds only what changed: the graph-level view of the monthly parts."""
from __future__ import annotations

import os

from tests.conftest import run_refresh

NEW_ARTICLE = """Estonia orders more K9 howitzers
Published 2031-02-12

TALLINN, Feb. 12, 2031 — Estonia has signed a contract with Hanwha Aerospace for 12 more K9 self-propelled howitzers, the defence ministry said on Thursday.
"""


def _materialization(result, asset):
    return next(iter(result.asset_materializations_for_node(asset)))


def test_a_new_month_is_the_only_part_rebuilt(seed_corpus, tmp_path, instance):
    out = tmp_path / "out"
    first = run_refresh(seed_corpus, out, instance)
    assert first.success
    before = (out / "latest").resolve()

    (seed_corpus / "new_estonia.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = run_refresh(seed_corpus, out, instance)
    assert second.success
    after = (out / "latest").resolve()
    assert after != before

    mentions = _materialization(second, "mentions").metadata
    assert mentions["n_extracted"].value == 1 and mentions["n_cached"].value == 5
    assert mentions["n_months_rebuilt"].value == 1  # 2031-02 only
    release = _materialization(second, "release").metadata
    assert release["parts_rewritten"].value == 6  # documents and mentions of 2031-02, three formats each
    assert release["parts_reused"].value == 6 * (mentions["n_months"].value - 1)
    for table in ("documents", "mentions"):
        for fmt in ("csv", "parquet", "json"):
            assert (after / f"{table}.{fmt}" / f"2031-02.{fmt}").exists()
            assert not (before / f"{table}.{fmt}" / f"2031-02.{fmt}").exists()
            for old in (before / f"{table}.{fmt}").iterdir():
                assert os.path.samefile(old, after / f"{table}.{fmt}" / old.name)  # carried over, not rewritten
    check = next(e for e in second.get_asset_check_evaluations() if e.check_name == "release_integrity")
    assert check.passed
    assert check.metadata["files_carried_over"].value == release["parts_reused"].value

    # removing the article removes its month; the other months are still carried over
    (seed_corpus / "new_estonia.txt").unlink()
    third = run_refresh(seed_corpus, out, instance)
    assert third.success
    latest = (out / "latest").resolve()
    assert not (latest / "documents.csv" / "2031-02.csv").exists()
    assert sorted(p.name for p in (latest / "documents.csv").iterdir()) == sorted(p.name for p in (before / "documents.csv").iterdir())


def test_a_month_is_served_from_the_cache_only_after_it_passed_its_check(seed_corpus, tmp_path):
    from pipeline.extract.batch import extract_index
    from pipeline.corpus.index import read_corpus

    index = read_corpus(seed_corpus, tmp_path / "cache", workers=1)
    first = extract_index(index, workers=1)
    assert first.parts and all(p.fresh for p in first.parts) and first.n_new == 5
    unchecked = extract_index(index, workers=1)  # the check did not pass (or did not run): rebuilt again
    assert all(p.fresh for p in unchecked.parts) and unchecked.n_new == 0  # from the per-document cache
    unchecked.mark_checked()
    served = extract_index(index, workers=1)
    assert not any(p.fresh for p in served.parts) and served.n_cached == 5
    mentions, published = served.mentions_and_dates()
    assert [m.evidence.doc_id for m in mentions] == sorted((m.evidence.doc_id for m in mentions), key=served.doc_order.get)
    assert set(published) == {e.doc_id for e in index.entries}
    assert sum(len(p.frame()) for p in served.parts) == served.n_rows == sum(p.n_rows for p in first.parts)
