"""End to end through the Dagster UI in headless Chromium: open the asset graph, press
"Materialize all", wait for the run to succeed and the release to appear on disk, and keep
a screenshot of the graph (docs/ui-asset-graph.png, shown in the README).

Run with `make test-ui` (it sets DEALS_UI_TEST=1); `make test` skips it, as it needs a
browser and starts a server.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.ui.browser import CHROMIUM_ARGS, ensure_chromium
from tests.ui.dagster_server import REPO, dagster_dev

pytestmark = pytest.mark.skipif(os.environ.get("DEALS_UI_TEST") != "1", reason="browser test: run it with `make test-ui`")

SCREENSHOT = Path(os.environ.get("DEALS_UI_SCREENSHOT", REPO / "docs" / "ui-asset-graph.png"))
ASSETS = ("documents", "mentions", "agreements", "procurements", "corrections", "release")
RUN_TIMEOUT_S = 600
TERMINAL = {"SUCCESS", "FAILURE", "CANCELED"}
RUNS_QUERY = "{ runsOrError(limit: 20) { ... on Runs { results { runId status } } } }"


def _dismiss_welcome(page) -> None:
    """A fresh DAGSTER_HOME shows a one-off community dialog over the graph."""
    skip = page.get_by_role("button", name="Skip")
    try:
        skip.wait_for(timeout=5000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the dialog did not show
        return
    skip.click()


def _expand_groups(page) -> None:
    # Groups start collapsed; expanded ones are remembered by the browser, so a reload then
    # lays out and fits the whole expanded graph.
    collapsed = page.locator("[class*=collapsedGroupNodeBox]")
    collapsed.first.wait_for(timeout=30_000)
    for _ in range(20):
        if collapsed.count() == 0:
            break
        collapsed.first.click()
        page.wait_for_timeout(500)
    page.reload(wait_until="domcontentloaded")


def _wait_for_run(server, short_id: str) -> dict:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while time.monotonic() < deadline:
        runs = server.graphql(RUNS_QUERY)["runsOrError"]["results"]
        run = next((r for r in runs if r["runId"].startswith(short_id)), None)
        if run and run["status"] in TERMINAL:
            return run
        time.sleep(1)
    raise TimeoutError(f"run {short_id} not finished after {RUN_TIMEOUT_S} s:\n{server.log_tail()}")


def _check_asset_pages(page, server, output: Path) -> None:
    """What the asset pages show after the run: descriptions with their <...> intact, the published
    file as `path` (not the IO manager's store), no "Row count" for the release (a set of tables)."""
    from playwright.sync_api import expect

    page.goto(f"{server.url}/assets/release", wait_until="domcontentloaded")
    expect(page.get_by_text("releases/<version>/", exact=True).first).to_be_visible(timeout=60_000)
    expect(page.get_by_text("parts_rebuilt_identical", exact=True).first).to_be_visible(timeout=60_000)
    expect(page.get_by_text("review_queue", exact=True).first).to_be_visible(timeout=60_000)  # the queue's length
    assert page.get_by_text("Row count", exact=True).count() == 0
    page.goto(f"{server.url}/assets/procurements", wait_until="domcontentloaded")
    expect(page.get_by_text("stated in other currencies: '<value> <ISO 4217>'").first).to_be_visible(timeout=60_000)
    page.goto(f"{server.url}/assets/agreements", wait_until="domcontentloaded")
    expect(page.get_by_text(f"{output}/latest/agreements.csv", exact=True).first).to_be_visible(timeout=60_000)
    assert "by-scope" not in page.inner_text("body")


def test_materialize_all_from_the_ui(tmp_path):
    chromium = ensure_chromium()
    from playwright.sync_api import expect, sync_playwright

    corpus, output = tmp_path / "corpus", tmp_path / "outputs"
    shutil.copytree(REPO / "seeds", corpus)
    started = time.monotonic()
    with dagster_dev(tmp_path / "dagster_home", corpus, output, tmp_path / "dagster.log") as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        try:
            page.goto(f"{server.url}/asset-groups", wait_until="domcontentloaded")
            _dismiss_welcome(page)
            expect(page.get_by_text("Global asset lineage")).to_be_visible(timeout=60_000)

            page.get_by_role("button", name="Materialize all").click()
            toast = page.get_by_text(re.compile(r"Launched run [0-9a-f]{8}"))
            expect(toast).to_be_visible(timeout=60_000)
            short_id = re.search(r"Launched run ([0-9a-f]{8})", toast.inner_text()).group(1)

            run = _wait_for_run(server, short_id)
            assert run["status"] == "SUCCESS", f"run {run['runId']} ended {run['status']}:\n{server.log_tail()}"

            # the run wrote a release through the same resources the UI showed
            latest = output / "latest"
            assert latest.is_symlink() and (latest / "datapackage.json").exists()
            pkg = json.loads((latest / "datapackage.json").read_text(encoding="utf-8"))
            assert pkg["version"] == latest.resolve().name
            paths = {r["path"] for r in pkg["resources"]}
            assert paths >= {"agreements.parquet", "procurements.csv"}
            assert any(p.startswith("documents.json/") for p in paths)  # documents come in monthly parts
            assert json.loads((latest / "agreements.json").read_text(encoding="utf-8")), "the seeds give agreements"

            # the graph shows every asset, materialised
            _dismiss_welcome(page)
            _expand_groups(page)
            for asset in ASSETS:
                expect(page.get_by_text(asset, exact=True).last).to_be_visible(timeout=60_000)
            page.wait_for_timeout(2000)  # let the layout's zoom-to-fit animation settle
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            _check_asset_pages(page, server, output)
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"))
            print(f"failure screenshot: {tmp_path / 'failure.png'}\n--- dagster log ---\n{server.log_tail()}")
            raise
        finally:
            browser.close()
    elapsed = time.monotonic() - started
    print(f"UI end-to-end: {elapsed:.1f} s (server start, run, screenshot, shutdown)")
    assert SCREENSHOT.stat().st_size > 10_000
