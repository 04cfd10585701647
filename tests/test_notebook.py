"""notebooks/explore.ipynb runs top to bottom, as Jupyter runs it (working folder notebooks/),
against a release built from the seeds and against the bundled release the repository ships."""
from __future__ import annotations

import json

from tests.release_files import json_rows
import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


# Run after the timeline cell (its `ax`): the y-ticks the plot shows, for the test to read.
YTICKS_PROBE = 'import json as _j; print(_j.dumps([] if timeline.empty else [float(t) for t in ax.get_yticks()]))'


def execute_notebook():
    """The notebook executed with its own folder as working folder, as JupyterLab starts kernels."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    at = nb.cells.index(_cell(nb, "timeline")) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(YTICKS_PROBE, metadata={"tags": ["probe-yticks"]}))
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


@pytest.fixture()
def executed(seed_corpus, tmp_path, instance, run_refresh, monkeypatch):
    output = tmp_path / "outputs"
    result = run_refresh(seed_corpus, output, instance)
    assert result.success
    # the kernel inherits the environment: the notebook reads this release, not the repo's outputs/
    monkeypatch.setenv("DEALS_OUTPUT_DIR", str(output))
    return execute_notebook(), (output / "latest").resolve()


def _cell(nb, tag: str):
    return next(c for c in nb.cells if tag in c.metadata.get("tags", []))


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def _result_text(cell) -> str:
    return "".join(o["data"].get("text/plain", "") for o in cell.outputs if o.output_type == "execute_result")


def _has_image(cell) -> bool:
    return any("image/png" in o.get("data", {}) for o in cell.outputs if o.output_type == "display_data")


def test_notebook_runs_against_the_release_and_shows_what_it_says(executed):
    assert_shows(*executed)


def test_notebook_opened_by_make_notebook_reads_the_bundled_release(monkeypatch):
    # `make notebook` exports the Makefile's DEALS_OUTPUT_DIR=outputs, a path relative to the
    # project root, and JupyterLab starts the kernel in notebooks/: it must still find outputs/
    monkeypatch.setenv("DEALS_OUTPUT_DIR", "outputs")
    assert_shows(execute_notebook(), (REPO / "outputs" / "latest").resolve())


def assert_shows(nb, release):
    agreements = json.loads((release / "agreements.json").read_text(encoding="utf-8"))
    procurements = json.loads((release / "procurements.json").read_text(encoding="utf-8"))
    documents = {d["doc_id"]: d for d in json_rows(release, "documents")}
    mentions = json_rows(release, "mentions")
    assert all(o.output_type != "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)

    load = _stdout(_cell(nb, "load"))
    assert f"release {release.name}" in load
    assert f"'agreements': {len(agreements)}, 'procurements': {len(procurements)}, 'documents': {len(documents)}, 'mentions': {len(mentions)}" in load

    # DuckDB: agreements per party, counted independently here from the JSON file
    parties = _result_text(_cell(nb, "duckdb-parties"))
    for code in {p for a in agreements for p in a["parties"]}:
        n = sum(code in a["parties"] for a in agreements)
        assert re.search(rf"\b{code}\s+{n}\b", parties), (code, n, parties)
    pairs = _result_text(_cell(nb, "duckdb-pairs"))
    assert "buyer_country" in pairs and procurements[0]["buyer_country"] in pairs

    timeline = _cell(nb, "timeline")
    assert _has_image(timeline)
    undated = sum(a["date"] is None for a in agreements)
    assert f"{undated} undated agreement(s) not shown" in _stdout(timeline)
    years = {a["date"][:4] for a in agreements if a["date"]}
    assert all(y in _result_text(timeline) for y in years)

    values = _cell(nb, "values")
    valued = [p for p in procurements if p["value"] is not None]
    assert _has_image(values) == bool(valued)
    for p in valued:
        assert f"{p['buyer_country']} ← {p['supplier_country'] or '?'}" in _result_text(values)

    # the traced record is the largest stated value, and its evidence is its document's text at its offsets
    record = sorted(procurements, key=lambda p: (p["value"] is None, -(p["value"] or 0), p["procurement_id"]))[0]
    text = documents[record["evidence_doc_id"]]["text"]
    assert text[record["evidence_char_start"]:record["evidence_char_end"]] == record["evidence_sentence"]
    trace = _stdout(_cell(nb, "trace"))
    assert trace.startswith(f"{record['procurement_id']}: {record['buyer_country']} procures {record['system']}")
    assert record["evidence_sentence"] in trace
    shown = _result_text(_cell(nb, "trace-mentions"))
    assert all(m in shown for m in record["mention_ids"])

    # counts of agreements: whole numbers on the y axis, no 0.5 agreements
    ticks = json.loads(_stdout(_cell(nb, "probe-yticks")))
    if years:
        assert len(ticks) >= 2 and all(t == int(t) for t in ticks), ticks


def test_committed_notebook_has_no_outputs():
    # outputs would hold one machine's data and paths; the test above produces them fresh
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
