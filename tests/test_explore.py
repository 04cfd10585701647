"""The explorer without a browser: Datasette metadata generated from the models, the canned queries
run on a real database, the cell rendering (escaped, evidence highlighted), Datasette itself in
process with the plugin, and `python -m pipeline.explore` refusing what it must not serve.
(tests/ui/test_explore.py drives the same in headless Chromium: `make test-explore`.)"""
from __future__ import annotations

import asyncio
import json

import pytest

from schemas import TABLES
from pipeline.explore import render
from pipeline.explore.__main__ import PLUGINS, command, main
from pipeline.explore.metadata import DATABASE_NAME, FACETS, metadata
from pipeline.publish.queries import QUERIES
from pipeline.publish import publish_release
from pipeline.publish.database import DATABASE, database_file
from tests.sample_release import DOC_ID, S2, TEXT, sample_database, sample_tables_in_dollars

CHANGES = {"agreements": {"added": ["agr-0000000000000001"], "removed": [], "changed": [], "moved": {}},
           "procurements": {"added": [], "removed": [], "changed": ["proc-0000000000000001"], "moved": {}}}


@pytest.fixture()
def db(tmp_path):
    con, _ = sample_database(tmp_path / DATABASE, CHANGES)
    yield con, tmp_path / DATABASE
    con.close()


def _run(con, name: str, **params):
    return [dict(r) for r in con.execute(QUERIES[name]["sql"], params)]


def test_metadata_comes_from_the_models(db):
    con, _ = db
    meta = metadata("2025-10-27.001.0123abcd", "1.2.0", "2025-10-26.001.89abcdef")
    assert meta["license"] == "CC-BY-4.0" and meta["license_url"].startswith("https://creativecommons.org/")
    assert "2025-10-27.001.0123abcd" in meta["title"] and "2025-10-26.001.89abcdef" in meta["description"]
    assert meta["source"]
    tables = meta["databases"][DATABASE_NAME]["tables"]
    in_db = {r[0] for r in con.execute("select name from sqlite_master where type = 'table' and name not like '%_fts%'")}
    assert in_db <= set(tables)  # every table is described
    for name, model in TABLES.items():
        schema = model.to_schema()
        assert tables[name]["description"] == " ".join(model.__doc__.split())
        for column, text in tables[name]["columns"].items():
            assert text == (schema.columns[column].description if column != "year" else tables[name]["columns"]["year"])
    assert tables["procurements"]["columns"]["year"].startswith("Derived for the explorer: the year of `order_date`")
    for table, facets in FACETS.items():  # every facet names a column of its table
        columns = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
        assert {f["array"] if isinstance(f, dict) else f for f in facets} <= columns, table
    assert set(FACETS["procurements"]) == {"buyer_country", "supplier_country", "category", "status", "year"}
    assert all(tables[f"{t}_fts"] == {"hidden": True} for t in ("documents", "procurements", "agreements", "mentions"))


def test_canned_queries_on_a_database(db):
    con, _ = db
    largest = _run(con, "largest_deals_usd")
    assert [r["procurement_id"] for r in largest] == ["proc-0000000000000001"]  # the only value with a dollar rate
    assert largest[0]["value_usd"] == 920000000.0
    both = _run(con, "between_countries", country_a="kor", country_b=" MYS")
    assert {r["record_id"] for r in both} == {"agr-0000000000000001", "proc-0000000000000001"}
    assert both == _run(con, "between_countries", country_a="MYS", country_b="KOR")  # either order
    assert _run(con, "between_countries", country_a="POL", country_b="MYS") == []
    changed = _run(con, "what_changed")
    assert [(r["change"], r["record_id"]) for r in changed] == [("added", "agr-0000000000000001"),
                                                                ("changed", "proc-0000000000000001")]
    assert changed[1]["summary"] == "MYS / KOR: FA-50" and changed[0]["summary"] == "mou: KOR, MYS"
    evidence = _run(con, "evidence", record_id="proc-0000000000000001")
    assert len(evidence) == 1 and evidence[0]["doc_id"] == DOC_ID
    row = evidence[0]
    assert row["article"][row["evidence_char_start"]:row["evidence_char_end"]] == S2


def test_render_escapes_and_highlights():
    text = "Intro <script>alert(1)</script>. The ministry ordered six boats. Outro & more."
    start = text.index("The ministry")
    end = start + len("The ministry ordered six boats.")
    html = str(render.highlight(text, start, end))
    assert '<mark id="evidence">The ministry ordered six boats.</mark>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html
    assert render.highlight(text, end, start) is None and render.highlight(text, 0, len(text) + 1) is None
    assert render.highlight(text, "3", 9) is None and render.highlight(None, 0, 1) is None
    url = lambda table, key: f"/db/{table}/{key}"  # noqa: E731
    links = str(render.id_links('["agr-01", "proc-02", "x<y"]', url))
    assert links == '<a href="/db/agreements/agr-01">agr-01</a>, <a href="/db/procurements/proc-02">proc-02</a>, x&lt;y'
    assert str(render.id_links('["d1"]', url, "documents")) == '<a href="/db/documents/d1">d1</a>'
    assert render.id_links("not json [", url) is None and render.id_links("[1, 2]", url) is None
    assert render.id_link("doc-1", url) is None and str(render.id_link("proc-9", url)) == '<a href="/db/procurements/proc-9">proc-9</a>'


def _datasette_get(path, meta, *urls):
    from datasette.app import Datasette

    async def go():
        ds = Datasette([str(path)], metadata=meta, plugins_dir=str(PLUGINS), immutables=[])
        await ds.invoke_startup()
        return [await ds.client.get(u) for u in urls]

    return asyncio.run(go())


def test_datasette_serves_facets_search_evidence_and_exports(db):
    _, path = db
    meta = metadata("v1")
    base = f"/{DATABASE_NAME}"
    facets, search, evidence, row, csv_export, query, largest = _datasette_get(
        path, meta,
        f"{base}/procurements.json?_extra=facet_results",
        f"{base}/procurements.json?_search=ordered&_shape=array",
        f"{base}/evidence?record_id=proc-0000000000000001",
        f"{base}/procurements/proc-0000000000000001",
        f"{base}/procurements.csv?buyer_country=MYS",
        f"{base}/between_countries.json?country_a=KOR&country_b=MYS&_shape=array",
        f"{base}/largest_deals_usd",
    )
    results = facets.json()["facet_results"]
    results = results.get("results", results)
    buyers = {v["value"]: v["count"] for v in results["buyer_country"]["results"]}
    assert buyers == {"MYS": 2, "POL": 1}
    assert {r["procurement_id"] for r in search.json()} == {"proc-0000000000000001", "proc-0000000000000002",
                                                            "proc-0000000000000003"}
    assert evidence.status_code == 200 and f'<mark id="evidence">{S2}</mark>' in evidence.text
    assert TEXT[:20] in evidence.text and f'href="/{DATABASE_NAME}/documents/{DOC_ID}"' in evidence.text
    assert row.status_code == 200
    assert f'href="/{DATABASE_NAME}/documents/{DOC_ID}"' in row.text  # source_doc_ids, followed
    assert f"/{DATABASE_NAME}/evidence?record_id=proc-0000000000000001" in row.text  # to the evidence
    lines = csv_export.text.strip().splitlines()
    assert lines[0].startswith("procurement_id,buyer_country,supplier_country") and len(lines) == 3
    assert {r["record_id"] for r in query.json()} == {"agr-0000000000000001", "proc-0000000000000001"}
    # a canned query's evidence links to the record it selected, and its id to the record's page
    assert f"/{DATABASE_NAME}/evidence?record_id=proc-0000000000000001" in largest.text
    assert f'href="/{DATABASE_NAME}/procurements/proc-0000000000000001"' in largest.text


def test_explore_refuses_a_damaged_or_missing_database(tmp_path, capsys):
    out = tmp_path / "out"
    tables = sample_tables_in_dollars()
    publish_release(out, tables, [])
    assert main(["--output-dir", str(out), "--port", "1"]) == 2
    assert "has no SQLite database" in capsys.readouterr().err
    release = publish_release(out, tables, [], derived_files=[database_file(tables)])
    cmd = command(release.path, "127.0.0.1", 8123, tmp_path)
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1" and "-i" in cmd  # loopback, immutable
    meta = json.loads((tmp_path / f"metadata-{release.version}.json").read_text(encoding="utf-8"))
    assert release.version in meta["title"]
    db = release.path / DATABASE
    db.write_bytes(db.read_bytes()[:-10] + b"0123456789")
    assert main(["--output-dir", str(out), "--port", "1"]) == 2
    assert "damaged or edited; not served" in capsys.readouterr().err
    assert main(["--output-dir", str(tmp_path / "nothing"), "--port", "1"]) == 2
