"""The extractor's figures on the project's evaluation set (issue 15, part 4): computed from the
annotated set in the repository, once per code and set, and published with every release."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline import evaluation
from pipeline.store.cache import DiskCache

REPO = Path(__file__).resolve().parents[1]


def _copy_set(tmp_path: Path) -> Path:
    """The evaluation set in a private repository layout (evaluation/ beside seeds/)."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "evaluation", root / "evaluation")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root / "evaluation"


def test_the_set_is_annotated_in_the_repository_and_scored_per_kind_and_field(tmp_path):
    folder = _copy_set(tmp_path)
    result = evaluation.evaluate(folder)
    assert result["articles"] == 10 and [s["articles"] for s in result["sets"]] == [5, 5]
    figures = result["figures"]
    for kind in ("agreements", "procurements"):
        assert set(figures[kind]) >= {"records", "slots", "fields", "field_accuracy", "errors"}
        assert figures[kind]["counts"]["gold_required"] > 0
    assert set(figures["procurements"]["fields"]) >= {"quantity", "status", "category"}
    assert 0.5 < figures["overall_slots"]["f1"] <= 1.0


def test_figures_are_computed_once_per_code_and_set_and_a_bad_entry_is_recomputed(tmp_path, monkeypatch):
    folder, cache = _copy_set(tmp_path), tmp_path / "cache"
    calls = []
    real = evaluation.evaluate
    monkeypatch.setattr(evaluation, "evaluate", lambda f: calls.append(f) or real(f))
    first, cached = evaluation.extractor_quality(folder, cache)
    assert not cached and len(calls) == 1
    again, cached = evaluation.extractor_quality(folder, cache)
    assert cached and again == first and len(calls) == 1
    assert json.dumps(again) == json.dumps(first)  # same key order fresh or cached: quality.json keeps its bytes
    # a new annotated article is a new set: computed again
    (folder / "articles" / "team_99_note.txt").write_text("A note\nPublished 2031-01-02\n\nNothing happened today.\n")
    third, cached = evaluation.extractor_quality(folder, cache)
    assert not cached and third["digest"] != first["digest"] and third["articles"] == 11
    # a damaged entry (sound bytes, wrong content) is recomputed, never trusted
    for path in (cache / evaluation.NAMESPACE).rglob("*.entry"):
        key = path.name.split(".")[0]
        DiskCache(cache).put_bytes(evaluation.NAMESPACE, key, json.dumps({"figures": "none"}).encode())
    fourth, cached = evaluation.extractor_quality(folder, cache)
    assert not cached and fourth["figures"] == third["figures"] and len(calls) == 3
    assert evaluation.extractor_quality(None, cache) == (None, False)
    assert evaluation.extractor_quality(tmp_path / "nowhere", cache) == (None, False)


def test_quality_json_puts_the_corpus_figures_beside_the_evaluation_set():
    assert evaluation.release_quality(None, None) is None
    q = evaluation.release_quality({"figures": {}}, {"overall_slots": {}})
    assert set(q) == {"extractor_version", "evaluation_set", "corpus", "confidence_reliability"}
    assert {r["table"] for r in q["confidence_reliability"]} == {"agreements", "procurements"}
    assert "corpus" not in evaluation.release_quality({"figures": {}}, None)
