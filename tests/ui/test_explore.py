"""The explorer end to end in headless Chromium: `python -m pipeline.explore` (what `make explore`
runs) serves the SQLite database of a release built from the seeds; the browser facets procurements
by buyer, runs a full-text search, opens a record, reaches its evidence highlighted in its article,
follows a source document, runs the canned queries and exports CSV and JSON. Keeps screenshots for
the README (docs/explorer.png, docs/explorer-evidence.png).

Run with `make test-explore` (it sets DEALS_UI_TEST=1); `make test` skips it.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipeline.publish.database import DATABASE
from tests.ui.browser import CHROMIUM_ARGS, ensure_chromium
from tests.ui.dagster_server import REPO, free_port

pytestmark = pytest.mark.skipif(os.environ.get("DEALS_UI_TEST") != "1", reason="browser test: run it with `make test-explore`")

DOCS = Path(os.environ.get("DEALS_EXPLORE_SCREENSHOTS", REPO / "docs"))
DB = "defence-deals"


@contextlib.contextmanager
def explorer(output: Path, log_path: Path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.explore", "--output-dir", str(output), "--port", str(port)],
                                cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the explorer exited with {proc.returncode}:\n{log_path.read_text()}")
            with contextlib.suppress(urllib.error.URLError, ConnectionError):
                with urllib.request.urlopen(f"{url}/-/versions.json", timeout=5) as resp:
                    if resp.status == 200:
                        break
            if time.monotonic() > deadline:
                raise TimeoutError(f"the explorer did not answer in 60 s:\n{log_path.read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200, url
        return resp.read()


def test_explore_a_release_in_the_browser(tmp_path, instance, run_refresh):
    chromium = ensure_chromium()
    from playwright.sync_api import expect, sync_playwright

    output = tmp_path / "outputs"
    assert run_refresh(REPO / "seeds", output, instance).success
    con = sqlite3.connect(output / "latest" / DATABASE)
    con.row_factory = sqlite3.Row
    # the record the walk follows: the largest deal in dollars, and its evidence
    deal = con.execute("select * from procurements where value_usd is not null order by value_usd desc limit 1").fetchone()
    assert deal is not None, "the seeds give a procurement with a value in dollars"
    others = con.execute("select count(*) from procurements where buyer_country != ?", (deal["buyer_country"],)).fetchone()[0]
    assert others > 0, "faceting by buyer must leave some procurements out"
    source_doc = json.loads(deal["source_doc_ids"])[0]
    title = con.execute("select title from documents where doc_id = ?", (source_doc,)).fetchone()[0]
    word = max(deal["evidence_sentence"].split(), key=len).strip(".,;:()\"'")
    con.close()

    with explorer(output, tmp_path / "explore.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        try:
            # the procurements table: descriptions from the models, facets, and the buyer facet
            page.goto(f"{url}/{DB}/procurements", wait_until="domcontentloaded")
            expect(page.get_by_text("Acquisitions of military systems").first).to_be_visible()
            facet = page.locator(".facet-info", has=page.locator(".facet-info-name", has_text="buyer_country"))
            expect(facet).to_be_visible()
            for name in ("supplier_country", "category", "status", "year"):
                expect(page.locator(".facet-info-name", has_text=name).first).to_be_visible()
            facet.get_by_role("link", name=deal["buyer_country"], exact=True).click()
            page.wait_for_url(f"**buyer_country={deal['buyer_country']}**")
            buyers = page.locator("td.col-buyer_country").all_inner_texts()
            assert buyers and set(buyers) == {deal["buyer_country"]}
            DOCS.mkdir(parents=True, exist_ok=True)
            page.locator(".facet-results").scroll_into_view_if_needed()  # below the column descriptions
            page.evaluate("document.querySelector('.facet-results').scrollIntoView()")
            page.screenshot(path=str(DOCS / "explorer.png"))

            # full-text search over the evidence sentences
            page.goto(f"{url}/{DB}/procurements", wait_until="domcontentloaded")
            page.fill("input#_search", word)
            page.locator("input#_search").press("Enter")
            page.wait_for_url("**_search=**")
            expect(page.get_by_role("link", name=deal["procurement_id"], exact=True)).to_be_visible()

            # open the record, then its evidence in its article
            page.get_by_role("link", name=deal["procurement_id"], exact=True).click()
            page.wait_for_url(f"**/procurements/{deal['procurement_id']}")
            expect(page.get_by_text(deal["system"], exact=True).first).to_be_visible()
            page.get_by_role("link", name="[in its article]").first.click()
            page.wait_for_url("**/evidence?record_id=**")
            mark = page.locator("mark#evidence")
            expect(mark).to_be_visible()
            assert " ".join(mark.inner_text().split()) == " ".join(deal["evidence_sentence"].split())
            page.evaluate("document.querySelector('mark#evidence').scrollIntoView({block: 'center'})")
            page.screenshot(path=str(DOCS / "explorer-evidence.png"))

            # follow source_doc_ids to the document
            page.goto(f"{url}/{DB}/procurements/{deal['procurement_id']}", wait_until="domcontentloaded")
            page.get_by_role("link", name=source_doc, exact=True).first.click()
            page.wait_for_url(f"**/documents/{source_doc}")
            expect(page.get_by_text(title, exact=True).first).to_be_visible()

            # the canned queries
            page.goto(f"{url}/{DB}/largest_deals_usd", wait_until="domcontentloaded")
            expect(page.locator("td.col-procurement_id").first).to_have_text(deal["procurement_id"])
            query = urllib.parse.urlencode({"country_a": deal["buyer_country"].lower(), "country_b": deal["supplier_country"]})
            page.goto(f"{url}/{DB}/between_countries?{query}", wait_until="domcontentloaded")
            expect(page.get_by_role("link", name=deal["procurement_id"], exact=True)).to_be_visible()
            page.goto(f"{url}/{DB}/what_changed", wait_until="domcontentloaded")
            expect(page.get_by_text("What changed in this release").first).to_be_visible()
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"))
            print(f"failure screenshot: {tmp_path / 'failure.png'}\n--- explorer log ---\n"
                  f"{(tmp_path / 'explore.log').read_text()[-3000:]}")
            raise
        finally:
            browser.close()

        # CSV and JSON exports: the dataset's read API
        rows = list(csv.DictReader(io.StringIO(_get(f"{url}/{DB}/procurements.csv?buyer_country={deal['buyer_country']}&_size=max").decode())))
        assert rows and {r["buyer_country"] for r in rows} == {deal["buyer_country"]}
        assert deal["procurement_id"] in {r["procurement_id"] for r in rows}
        data = json.loads(_get(f"{url}/{DB}/procurements/{deal['procurement_id']}.json?_shape=array"))
        assert data[0]["value_usd"] == deal["value_usd"]
    assert (DOCS / "explorer.png").stat().st_size > 10_000
