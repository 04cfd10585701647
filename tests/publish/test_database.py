"""The release's SQLite database: every table with its types and keys, indexes, full-text search,
the derived year and helper tables, the change log, the same bytes for the same input, a check
that catches a damaged file, and its place in the release (listed with its hash; a release
without one is followed by a release with one)."""
from __future__ import annotations

import hashlib
import json

import pytest

from schemas import TABLES, column_order
from schemas.table_schema import PRIMARY_KEYS
from pipeline.publish import publish_release
from pipeline.publish.database import DATABASE, build_database, check_database, database_file
from pipeline.publish.verify import verify_release
from tests.sample_release import DOC_ID, S2, sample_database, sample_tables_in_dollars

CHANGES = {
    "agreements": {"added": ["agr-0000000000000001"], "removed": [], "changed": ["agr-0000000000000002"], "moved": {}},
    "procurements": {"added": [], "removed": ["proc-00000000000000ff"], "changed": [],
                     "moved": {"proc-00000000000000ff": {"relation": "superseded", "new_ids": ["proc-0000000000000001"]}}},
}


@pytest.fixture()
def db(tmp_path):
    con, counts = sample_database(tmp_path / DATABASE, CHANGES, "2025-10-26.001.0123abcd")
    yield con, counts, tmp_path / DATABASE
    con.close()


def test_every_table_with_its_columns_types_and_primary_key(db):
    con, counts, _ = db
    assert counts == {name: len(frame) for name, frame in sample_tables_in_dollars().items()}
    for table in TABLES:
        info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
        names = [r["name"] for r in info]
        assert names[:len(column_order(TABLES[table]))] == column_order(TABLES[table])
        assert [r["name"] for r in info if r["pk"]] == [PRIMARY_KEYS[table]]
    row = con.execute("select * from procurements where procurement_id = 'proc-0000000000000001'").fetchone()
    assert con.execute("select typeof(quantity), typeof(value), typeof(value_usd), typeof(curated), typeof(currency) "
                       "from procurements where procurement_id = 'proc-0000000000000001'").fetchone()[:] == (
        "integer", "real", "real", "integer", "text")
    assert row["quantity"] == 18 and row["value_usd"] == 920000000.0 and row["curated"] == 0
    assert json.loads(row["value_alternatives"]) == ["4080000000 MYR"]  # a list is a JSON array
    assert json.loads(row["source_doc_ids"]) == [DOC_ID]
    empty = con.execute("select value_alternatives, quantity from procurements where procurement_id = 'proc-0000000000000003'").fetchone()
    assert empty["value_alternatives"] == "[]" and empty["quantity"] is None  # an empty list is not a missing value
    text = con.execute("select text from documents").fetchone()[0]
    start, end = con.execute("select evidence_char_start, evidence_char_end from procurements limit 1").fetchone()
    assert text[start:end] == S2  # offsets into the document text, as published
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1


def test_derived_year_helper_tables_and_changes(db):
    con, _, _ = db
    years = dict(con.execute("select procurement_id, year from procurements").fetchall())
    # the order date's year, else the first report's
    assert years == {"proc-0000000000000001": 2023, "proc-0000000000000002": 2022, "proc-0000000000000003": 2025}
    assert dict(con.execute("select agreement_id, year from agreements").fetchall()) == {
        "agr-0000000000000001": 2025, "agr-0000000000000002": 2025}
    assert sorted(tuple(r) for r in con.execute("select * from agreement_parties")) == [
        ("agr-0000000000000001", "KOR"), ("agr-0000000000000001", "MYS"),
        ("agr-0000000000000002", "IDN"), ("agr-0000000000000002", "KOR")]
    assert con.execute("select count(*) from record_documents where doc_id = ?", (DOC_ID,)).fetchone()[0] == 5
    changes = [tuple(r) for r in con.execute("select * from changes order by record_table, change, record_id")]
    assert changes == [
        ("agreements", "added", "agr-0000000000000001", None, None),
        ("agreements", "changed", "agr-0000000000000002", None, None),
        ("procurements", "moved", "proc-00000000000000ff", '["proc-0000000000000001"]', "superseded"),
        ("procurements", "removed", "proc-00000000000000ff", None, None),
    ]
    assert dict(con.execute("select key, value from release").fetchall())["previous_version"] == "2025-10-26.001.0123abcd"


def test_indexes_foreign_keys_and_full_text_search(db):
    con, _, _ = db
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type = 'index'")}
    for name in ("idx_procurements_buyer_country", "idx_procurements_supplier_country", "idx_agreement_parties_country",
                 "idx_procurements_evidence_doc_id", "idx_record_documents_doc_id"):
        assert name in indexes
    plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN select * from procurements where buyer_country = 'POL'"))
    assert "idx_procurements_buyer_country" in plan
    fks = {(r["table"], r["from"]) for r in con.execute("select * from pragma_foreign_key_list('procurements')")}
    assert fks == {("documents", "evidence_doc_id")}
    # porter stemming: "orders" finds "ordered"; the evidence sentence of each procurement is indexed
    hits = con.execute("select procurement_id from procurements where rowid in "
                       "(select rowid from procurements_fts where procurements_fts match 'orders')").fetchall()
    assert {h[0] for h in hits} == {"proc-0000000000000001", "proc-0000000000000002", "proc-0000000000000003"}
    assert con.execute("select count(*) from agreements_fts where agreements_fts match 'cooperation'").fetchone()[0] == 2
    doc = con.execute("select title from documents where rowid in (select rowid from documents_fts "
                      "where documents_fts match 'seoul')").fetchall()
    assert [d[0] for d in doc] == ["MoU signed"]


def test_same_input_same_bytes(tmp_path):
    digests = set()
    for name in ("a", "b"):
        build_database(tmp_path / name, sample_tables_in_dollars(), CHANGES, None)
        digests.add(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert len(digests) == 1


def test_a_document_missing_from_the_release_fails_the_build(tmp_path):
    tables = sample_tables_in_dollars()
    tables["procurements"].loc[0, "evidence_doc_id"] = "ffffffffffffffff"
    with pytest.raises(ValueError, match="name a document that is not in the release"):
        build_database(tmp_path / DATABASE, tables, CHANGES, None)
    assert not list(tmp_path.iterdir())  # nothing half-written is left behind


def test_check_database_finds_missing_rows_and_garbage(db, tmp_path):
    _, counts, path = db
    assert check_database(path, counts) == []
    assert check_database(path, {**counts, "procurements": 4}) == [f"{DATABASE}: procurements has 3 rows, the release's files 4"]
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    problems = check_database(garbage, counts)
    assert problems and all(DATABASE in p for p in problems)


def test_listed_in_datapackage_with_its_hash_and_verified(tmp_path):
    out = tmp_path / "out"
    tables = sample_tables_in_dollars()
    first = publish_release(out, tables, [])  # cut before releases carried a database
    assert DATABASE not in first.derived and not (first.path / DATABASE).exists()
    again = publish_release(out, tables, [], derived_files=[database_file(tables)])
    # the same data, but the release gains a file: a new version (patch), which holds it
    assert again.created and again.version != first.version and again.semver == "1.0.1"
    pkg = json.loads((again.path / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in pkg["resources"] if r["path"] == DATABASE)
    data = (again.path / DATABASE).read_bytes()
    assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and res["bytes"] == len(data)
    assert res["format"] == "sqlite" and res["mediatype"] == "application/vnd.sqlite3" and res["type"] == "file"
    assert verify_release(str(out), out).problems == []
    # unchanged data with the database in place: no new version
    assert not publish_release(out, tables, [], derived_files=[database_file(tables)]).created
    # an edited database fails the release check
    (again.path / DATABASE).write_bytes(data[:-4096])
    problems = verify_release(str(out), out).problems
    assert any(p.startswith(f"{DATABASE}: holds sha256:") for p in problems)
    assert any("cannot be opened" in p or "integrity" in p or "DatabaseError" in p for p in problems)
