"""Incremental consolidation gives exactly the tables of consolidating the whole corpus.

Every comparison is against `consolidate` over every mention (the reference), frame to
frame: every field, every id, the row order and the dtypes.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from pipeline.consolidate import consolidate
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extract.records import AgreementMention, Evidence
from pipeline.store.cache import DiskCache
from pipeline.consolidate.incremental import SNAPSHOT_NAMESPACE, consolidate_incremental
from pipeline.store.codec import encode_json
from pipeline.extract.batch import PART_NAMESPACE, MentionPart, MentionSet, extract_index, put_month_objects
from pipeline.corpus.index import read_corpus
from pipeline.tables import agreements_frame, procurements_frame

REPO = Path(__file__).resolve().parents[2]

ESTONIA = """Estonia orders more K9 howitzers
Published 2031-02-12

TALLINN, Feb. 12, 2031 — Estonia has signed a contract with Hanwha Aerospace for 12 more K9 self-propelled howitzers, the defence ministry said on Thursday.
"""
KOREA_MALAYSIA = """South Korea and Malaysia sign a second arms cooperation MOU
Published 2026-01-20

SEOUL, Jan. 20, 2026 — South Korea and Malaysia signed a memorandum of understanding on defence industry cooperation in Seoul on Tuesday, DAPA said.
"""


def _generate(out_dir: Path, n: int, start: int = 0, backfill: int | None = None) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(out_dir, n, start=start, backfill=backfill)


def _mentions(corpus: Path, cache: Path) -> MentionSet:
    return extract_index(read_corpus(corpus, cache, workers=1), workers=1)


def _check(mention_set: MentionSet, cache: Path):
    """Incremental tables == the tables of consolidating everything; the incremental result."""
    result = consolidate_incremental(mention_set, cache, EXTRACTOR_VERSION)
    agreements, procurements = consolidate(*mention_set.mentions_and_dates())
    expected = {"agreements": agreements_frame(agreements, EXTRACTOR_VERSION),
                "procurements": procurements_frame(procurements, EXTRACTOR_VERSION)}
    for table, got in (("agreements", result.agreements), ("procurements", result.procurements)):
        pd.testing.assert_frame_equal(got, expected[table], check_exact=True)
        assert list(got.columns) == list(expected[table].columns)
        assert isinstance(got.index, pd.RangeIndex) and got.index.equals(expected[table].index)
    assert not result.whole_corpus
    return result


def _refresh_cycle(corpus: Path, cache: Path, add, change: Path, remove: Path):
    first = _check(_mentions(corpus, cache), cache)
    assert first.n_blocks and first.n_blocks_rebuilt == first.n_blocks  # empty cache: everything built

    again = _check(_mentions(corpus, cache), cache)
    assert again.n_blocks_rebuilt == 0 and again.n_months_read == 0  # nothing changed: no mention loaded

    add()
    added = _check(_mentions(corpus, cache), cache)
    assert 0 < added.n_blocks_rebuilt < added.n_blocks_reused

    change.write_text(change.read_text(encoding="utf-8").replace(" signed ", " inked ", 1) + "\nIt signed.\n",
                      encoding="utf-8")
    changed = _check(_mentions(corpus, cache), cache)
    assert changed.n_blocks_rebuilt < changed.n_blocks

    remove.unlink()
    removed = _check(_mentions(corpus, cache), cache)
    assert removed.n_blocks_rebuilt < removed.n_blocks
    return added


def test_seeds_refresh_matches_whole_corpus_consolidation(seed_corpus, tmp_path):
    cache = tmp_path / "cache"
    seeds = sorted(seed_corpus.glob("*.txt"))

    def add():
        (seed_corpus / "new_estonia.txt").write_text(ESTONIA, encoding="utf-8")
        (seed_corpus / "new_korea_malaysia.txt").write_text(KOREA_MALAYSIA, encoding="utf-8")

    _refresh_cycle(seed_corpus, cache, add, change=seeds[0], remove=seeds[1])


def test_synthetic_refresh_matches_whole_corpus_consolidation(tmp_path):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    files = _generate(corpus, 300)
    added = _refresh_cycle(corpus, cache, lambda: _generate(corpus, 10, start=300), change=files[150], remove=files[20])
    assert added.n_blocks_reused >= 0.8 * added.n_blocks  # ten new articles touch few blocks


def test_lost_block_entries_are_rebuilt_from_the_months(tmp_path):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    _generate(corpus, 60)
    _check(_mentions(corpus, cache), cache)
    block_entries = list((cache / PART_NAMESPACE).rglob("*-block-*.entry"))
    assert block_entries
    for entry in block_entries:
        entry.unlink()
    rebuilt = _check(_mentions(corpus, cache), cache)  # the month indexes come back from the months' mentions
    assert rebuilt.n_blocks_rebuilt == 0
    snapshot_entries = list((cache / SNAPSHOT_NAMESPACE).rglob("*.parquet.entry"))
    assert snapshot_entries
    for entry in snapshot_entries:
        entry.unlink()
    assert _check(_mentions(corpus, cache), cache).n_blocks_reused == 0


def test_a_block_payload_that_does_not_hold_its_index_blocks_is_rebuilt(tmp_path, caplog):
    """The index and the payload of a month's blocks are two entries, each checksummed: a
    payload of another build (sound bytes, other blocks) must be noticed and rebuilt, not decoded."""
    import logging

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    _generate(corpus, 60)
    _check(_mentions(corpus, cache), cache)
    mention_set = _mentions(corpus, cache)
    payloads = sorted((cache / PART_NAMESPACE).rglob("*-block-payload-*.bytes.entry"))
    assert payloads
    store = DiskCache(cache)
    for path in payloads:  # valid entries (header, checksum), wrong contents: every block's bytes shifted by one
        key = path.name.split(".")[0]
        store.put_bytes(PART_NAMESPACE, key, b" " + store.get_bytes(PART_NAMESPACE, key))
    for entry in (cache / SNAPSHOT_NAMESPACE).rglob("*.parquet.entry"):
        entry.unlink()  # every block is rebuilt: every month's payload is read
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        result = _check(mention_set, cache)
    assert result.n_blocks_reused == 0
    assert any("does not hold the blocks its index names" in r.getMessage() for r in caplog.records)


def _mention(doc: str, parties: list[str], start: int = 0) -> AgreementMention:
    return AgreementMention(parties=parties, agreement_type="mou", status="signed",
                            evidence=Evidence(doc, "They signed an MoU.", start, start + 19), date="2030-01-02")


@pytest.mark.parametrize("clash", [True, False])
def test_an_id_shared_by_two_blocks_falls_back_to_the_whole_corpus(tmp_path, clash):
    """Agreement ids hash the parties joined by '|' and the earliest evidence: ['A|B', 'C'] and
    ['A', 'B|C'] anchored on one sentence are two blocks with one id, whose '-2' suffix depends on
    both blocks (never seen with ISO codes)."""
    mentions = [_mention("d1", ["AAA", "EEE"]), _mention("d2", ["AAA|BBB", "CCC"] if clash else ["AAA", "DDD"]),
                _mention("d2", ["AAA", "BBB|CCC"]), _mention("d2", ["AAA", "BBB|CCC"], 40)]
    published = {"d1": "2030-01-05", "d2": "2030-01-06"}
    put_month_objects(DiskCache(tmp_path), "fp", [(d, encode_json([m for m in mentions if m.evidence.doc_id == d]), published[d])
                                                  for d in ("d1", "d2")])
    mention_set = MentionSet(parts=[MentionPart("2030-01", "fp", 4, False, str(tmp_path))], doc_order={"d1": 0, "d2": 1})

    result = consolidate_incremental(mention_set, tmp_path, EXTRACTOR_VERSION)
    agreements, _ = consolidate(mentions, published)
    pd.testing.assert_frame_equal(result.agreements, agreements_frame(agreements, EXTRACTOR_VERSION), check_exact=True)
    assert result.whole_corpus == clash
    assert result.agreements["agreement_id"].is_unique


def test_a_backfill_merges_each_months_mentions_and_blocks_into_those_of_a_build_from_scratch(tmp_path, monkeypatch):
    """A month that gains, changes or loses documents is built from its previous build: the
    unchanged documents' mention texts are copied, and only the blocks the other documents
    touch are decoded and encoded again. Its mentions and blocks must be those of a build
    from scratch, block by block (issue 17, part 2)."""
    from pipeline.consolidate import incremental as consolidating
    from pipeline.extract import batch as extracting
    from pipeline.extract.batch import month_objects, month_segments

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    files = [f for start in range(0, 6000, 1500) for f in _generate(corpus, 25, start=start)]  # ~a month apart
    _check(_mentions(corpus, cache), cache)
    _generate(corpus, 20, start=6000, backfill=6000)  # spread over the older months
    files[40].write_text(files[40].read_text(encoding="utf-8").replace(" signed ", " inked ", 1) + "\nIt signed.\n",
                         encoding="utf-8")
    files[90].unlink()
    scratch_calls, merged_calls = [], []
    real_blocks, real_merge = extracting.month_blocks, extracting.merge_month_blocks
    monkeypatch.setattr(extracting, "month_blocks", lambda *a: scratch_calls.append(1) or real_blocks(*a))
    monkeypatch.setattr(extracting, "merge_month_blocks", lambda *a: merged_calls.append(1) or real_merge(*a))
    merged = _mentions(corpus, cache)
    rebuilt = [p for p in merged.parts if p.fresh]
    # months that had a build merge from it (months new to the corpus have none)
    assert len(merged_calls) >= 3 and len(merged_calls) + len(scratch_calls) == len(rebuilt)
    _check(merged, cache)
    monkeypatch.undo()

    scratch_cache = tmp_path / "scratch"
    scratch = _mentions(corpus, scratch_cache)
    assert [p.fingerprint for p in scratch.parts] == [p.fingerprint for p in merged.parts]
    for mine, theirs in zip(merged.parts, scratch.parts):
        store, other = DiskCache(cache), DiskCache(scratch_cache)
        assert month_segments(store, mine.fingerprint) == month_segments(other, theirs.fingerprint)
        assert encode_json(month_objects(store, mine.fingerprint)) == encode_json(month_objects(other, theirs.fingerprint))
        names = sorted(theirs.blocks())
        assert sorted(mine.blocks()) == names
        assert {n: v[0] for n, v in mine.blocks().items()} == {n: v[0] for n, v in theirs.blocks().items()}
        assert mine.block_texts(names) == theirs.block_texts(names)
        index, payload = consolidating.month_blocks(*month_objects(store, mine.fingerprint))
        assert {n: payload[a:b] for n, (_, a, b) in index.items()} == mine.block_texts(names)


def test_a_months_objects_that_do_not_hold_their_index_are_rebuilt(tmp_path, caplog):
    import logging

    from pipeline.extract.batch import OBJECTS, month_objects

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    _generate(corpus, 40)
    first = _mentions(corpus, cache)
    _check(first, cache)
    store = DiskCache(cache)
    expected = {p.key: encode_json(p.objects()) for p in first.parts}
    for p in first.parts:  # sound entries (header, checksum), wrong contents
        store.put_bytes(PART_NAMESPACE, f"{p.fingerprint}-{OBJECTS}", b" " + store.get_bytes(PART_NAMESPACE, f"{p.fingerprint}-{OBJECTS}"))
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        assert month_objects(store, first.parts[0].fingerprint) is None
        again = _mentions(corpus, cache)  # the months are built again from the per-document cache
    assert any("does not hold the documents its index names" in r.getMessage() for r in caplog.records)
    assert {p.key: encode_json(p.objects()) for p in again.parts} == expected
