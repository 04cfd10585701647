"""The seeds release against the project's own gold annotations (evaluation/seeds.gold.json).

The gold follows the annotation guidelines that define the datasets; it is scored with
`pipeline.quality`, the same rules the release's `quality.json` uses. Every required gold
record must be found with every stated field right, and nothing else may be published
(optional gold records are neither required nor counted against): a regression on any
seeds record fails here, with the scorer's own error lines as the message.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.quality import score_release

REPO = Path(__file__).resolve().parents[1]
SEEDS_GOLD = REPO / "evaluation" / "seeds.gold.json"


def _errors(quality: dict) -> list[str]:
    return [f"{kind}: {e}" for kind in ("agreements", "procurements") for e in quality[kind]["errors"]]


def test_seeds_release_matches_gold(seed_corpus, tmp_path, instance, run_refresh):
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance, gold_file=str(SEEDS_GOLD))
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    published = json.loads((out / "latest" / "quality.json").read_text())
    quality = published["corpus"]  # the corpus's own figures, beside the evaluation set's
    assert published["evaluation_set"]["figures"]["agreements"]["records"]["recall"] == 1.0
    assert _errors(quality) == []
    assert quality["overall_slots"]["f1"] == 1.0
    gold = json.loads(SEEDS_GOLD.read_text())
    required = sum(not r.get("optional") for kind in ("agreements", "procurements") for r in gold[kind])
    found = quality["agreements"]["counts"]["matched_required"] + quality["procurements"]["counts"]["matched_required"]
    assert found == required


def test_committed_seeds_release_matches_gold():
    """What the repository publishes in outputs/latest is the release the current code makes, and it is right."""
    quality = score_release(REPO / "outputs" / "latest", SEEDS_GOLD)
    assert _errors(quality) == []
