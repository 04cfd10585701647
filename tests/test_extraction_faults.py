"""One document whose extraction raises is rejected with a traceback summary; the rest publish."""
from __future__ import annotations

import json

from tests.release_files import json_rows

from pipeline.extract import worker as workers


def test_failing_document_is_rejected_and_the_rest_publish(seed_corpus, tmp_path, instance, run_refresh, monkeypatch):
    real = workers.extract_mentions
    victim = sorted(p.name for p in seed_corpus.glob("*.txt"))[2]

    def flaky(text, doc_id, published, dateline=None):
        if "Cabinet approval" in text:  # a sentence only the third seed has
            raise ValueError("boom in a recogniser")
        return real(text, doc_id, published, dateline)

    monkeypatch.setattr(workers, "extract_mentions", flaky)
    out = tmp_path / "out"
    result = run_refresh(seed_corpus, out, instance)
    assert result.success
    latest = out / "latest"
    rejected = json.loads((latest / "rejected.json").read_text())
    assert [(r["file_name"], r["reason"]) for r in rejected] == [(victim, "extraction_failed")]
    assert "ValueError: boom in a recogniser" in rejected[0]["message"]
    assert " at flaky (" in rejected[0]["message"]  # where it failed, not a whole traceback
    documents = json_rows(latest, "documents")
    assert victim not in {d["file_name"] for d in documents} and len(documents) == 4
    agreements = json.loads((latest / "agreements.json").read_text())
    assert agreements, "the other documents still give records"
