"""A backfill (issue 17, part 2): an old article added to a month that already has others.

The month's mentions are rebuilt from its last build plus the new document (not from every
document's cache entry), its documents and mentions parts are merged from the previous
release's parts (only the new document's rows are read and serialised), and the release is byte for byte the one a run from
scratch on the same corpus cuts."""
from __future__ import annotations

import json
import sqlite3

from schemas import TABLES
from pipeline.publish.database import DATABASE
from tests.conftest import run_refresh

ARTICLE = """{country} orders more K9 howitzers
Published 2031-02-{day:02d}

{city}, Feb. {day}, 2031 — {country} has signed a contract with Hanwha Aerospace for {n} more K9 self-propelled howitzers, the defence ministry said on Thursday.
"""


def _article(country: str, city: str, day: int, n: int) -> str:
    return ARTICLE.format(country=country, city=city, day=day, n=n)


def _data_files(out) -> dict[str, bytes]:
    """The data files, and the database's tables as rows: its `changes` and `release` tables hold the
    change log since the previous release, which a run from scratch does not have."""
    latest = (out / "latest").resolve()
    pkg = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
    files = {r["path"]: (latest / r["path"]).read_bytes() for r in pkg["resources"] if r["path"] != DATABASE}
    con = sqlite3.connect(latest / DATABASE)
    for table in TABLES:
        files[f"{DATABASE}:{table}"] = repr(con.execute(f'select * from "{table}" order by rowid').fetchall()).encode()
    con.close()
    return files


def test_a_backfilled_article_merges_its_month_and_equals_a_run_from_scratch(seed_corpus, tmp_path, instance, monkeypatch):
    from pipeline.publish import assemble as assets
    from pipeline.extract import batch as extracting

    (seed_corpus / "feb_a.txt").write_text(_article("Estonia", "TALLINN", 10, 12), encoding="utf-8")
    (seed_corpus / "feb_c.txt").write_text(_article("Latvia", "RIGA", 20, 6), encoding="utf-8")
    out = tmp_path / "out"
    assert run_refresh(seed_corpus, out, instance).success
    before = (out / "latest").resolve()

    cached_reads, documents_loaded = [], []
    real_cached, real_load = extracting.cached_extraction, assets.load_cached_document
    monkeypatch.setattr(extracting, "cached_extraction", lambda *a: cached_reads.append(a) or real_cached(*a))
    monkeypatch.setattr(assets, "load_cached_document", lambda *a: documents_loaded.append(a[2].file_name) or real_load(*a))
    looked_up, real_has = [], extracting.DiskCache.has
    monkeypatch.setattr(extracting.DiskCache, "has",
                        lambda self, ns, key, *a: looked_up.append(ns) or real_has(self, ns, key, *a))
    mention_rows_built, real_rows_of = [], extracting.MentionPart.rows_of
    monkeypatch.setattr(extracting.MentionPart, "rows_of",
                        lambda self, ids: mention_rows_built.append((self.key, list(ids))) or real_rows_of(self, ids))
    (seed_corpus / "feb_b.txt").write_text(_article("Lithuania", "VILNIUS", 15, 8), encoding="utf-8")
    second = run_refresh(seed_corpus, out, instance)
    assert second.success
    after = (out / "latest").resolve()
    assert after != before
    # the month's two other documents were neither read from the per-document cache nor serialised again
    assert cached_reads == [] and documents_loaded == ["feb_b.txt"]
    # and only the new document was looked up in the per-document cache (not the month's others)
    assert looked_up == [extracting.extractor_fingerprint()]
    # and its mentions part was merged too: only the new document's mention rows were serialised
    assert [(key, len(ids)) for key, ids in mention_rows_built] == [("2031-02", 1)]
    rows = json.loads((after / "documents.json" / "2031-02.json").read_text(encoding="utf-8"))
    assert [r["file_name"] for r in rows] == ["feb_a.txt", "feb_b.txt", "feb_c.txt"]
    check = next(e for e in second.get_asset_check_evaluations() if e.check_name == "release_integrity")
    assert check.passed
    # it re-validated the rows that differ from the previous release's (which passed it): the new
    # document's row, its mention rows and the new or changed records, not the month's every row
    doc_id = next(r["doc_id"] for r in rows if r["file_name"] == "feb_b.txt")
    new_mentions = [m for m in json.loads((after / "mentions.json" / "2031-02.json").read_text(encoding="utf-8"))
                    if m["doc_id"] == doc_id]
    log = json.loads((after / "changes.json").read_text(encoding="utf-8"))["tables"]
    n_records = sum(len(t["added"]) + len(t["changed"]) for t in log.values())
    assert check.metadata["rows_validated"].value == 1 + len(new_mentions) + n_records
    monkeypatch.undo()

    scratch = tmp_path / "scratch"
    assert run_refresh(seed_corpus, scratch, instance).success
    assert _data_files(out) == _data_files(scratch)
