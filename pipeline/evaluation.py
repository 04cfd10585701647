"""The extractor's measured quality on the project's own evaluation set, computed once per version.

The evaluation set is annotated in the repository (evaluation/sets.csv lists its folders and gold
files: the seeds, and articles the team wrote). Its articles go through the same reading,
extraction and consolidation as a corpus, and pipeline/quality.py scores the records against the
gold: precision, recall and F1 per record kind and field. Every release states these figures
(quality.json, data card), so a user knows how good the extractor that made it is.

They depend only on the code and the evaluation set, so they are cached under a key of both (the
consolidation fingerprint covers the extractor and its reference data) and computed again only
when one changes. A cached entry is untrusted input: one that is not the figures is recomputed.
"""
from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from pathlib import Path

from pipeline.consolidate import consolidate
from pipeline.consolidate.incremental import consolidation_fingerprint
from pipeline.corpus.index import read_corpus
from pipeline.extract import EXTRACTOR_VERSION, extract_mentions
from pipeline.quality import score_tables
from pipeline.review.confidence import reliability_table
from pipeline.store.cache import DiskCache
from pipeline.tables import agreements_frame, procurements_frame

SETS_FILE = "sets.csv"
NAMESPACE = "evaluation"
_QUALITY_CODE = Path(__file__).resolve().with_name("quality.py")


def evaluation_sets(folder: Path) -> list[dict]:
    """The rows of `folder`/sets.csv: folder, gold (paths relative to the repository), source."""
    with (folder / SETS_FILE).open(encoding="utf-8", newline="") as f:
        return [dict(row) for row in csv.DictReader(f)]


def _repository(folder: Path) -> Path:
    return folder.resolve().parent


def set_digest(folder: Path) -> str:
    """A digest of every article and gold file of the evaluation set (and of its list)."""
    h = hashlib.sha256((folder / SETS_FILE).read_bytes())
    root = _repository(folder)
    for row in evaluation_sets(folder):
        for path in sorted((root / row["folder"]).rglob("*.txt")) + [root / row["gold"]]:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def evaluate(folder: Path) -> dict:
    """Score the current extractor on the evaluation set (no cache)."""
    root = _repository(folder)
    mentions, published, gold = [], {}, {"agreements": [], "procurements": []}
    sets = []
    for row in evaluation_sets(folder):
        with tempfile.TemporaryDirectory(prefix="deals-eval-") as cache_dir:
            index = read_corpus(root / row["folder"], cache_dir, workers=1)
            for entry in index.entries:
                doc = index.load_document(entry)
                mentions.extend(extract_mentions(doc.text, doc.doc_id, doc.published, doc.dateline))
                published[doc.doc_id] = doc.published
        for kind, records in json.loads((root / row["gold"]).read_text(encoding="utf-8")).items():
            gold.setdefault(kind, []).extend(records)
        sets.append({**row, "articles": len(index.entries), "rejected": len(index.rejected)})
    agreements, procurements = consolidate(mentions, published)
    figures = score_tables({"agreements": agreements_frame(agreements, EXTRACTOR_VERSION),
                            "procurements": procurements_frame(procurements, EXTRACTOR_VERSION)}, gold)
    return {"extractor_version": EXTRACTOR_VERSION, "digest": set_digest(folder),
            "articles": sum(s["articles"] for s in sets), "sets": sets, "figures": figures}


def release_quality(evaluation: dict | None, corpus: dict | None) -> dict | None:
    """quality.json: the extractor's figures on the evaluation set, and the corpus's own figures
    beside them when a gold file for the corpus is configured (None: neither)."""
    if evaluation is None and corpus is None:
        return None
    out: dict = {"extractor_version": EXTRACTOR_VERSION}
    if evaluation is not None:
        out["evaluation_set"] = evaluation
    # how far the records' confidence can be trusted: bins of predicted confidence against observed precision
    out["confidence_reliability"] = reliability_table()
    if corpus is not None:
        out["corpus"] = corpus
    return out


def _valid(entry) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("figures"), dict)
            and all(isinstance(entry["figures"].get(k), dict) for k in ("agreements", "procurements", "overall_slots")))


def extractor_quality(folder: Path | None, cache_root: Path) -> tuple[dict | None, bool]:
    """(the evaluation figures of this extractor version, whether they came from the cache);
    (None, False) when there is no evaluation set."""
    if folder is None or not (folder / SETS_FILE).is_file():
        return None, False
    code = hashlib.sha256(_QUALITY_CODE.read_bytes()).hexdigest()[:12]
    key = hashlib.sha256(f"{consolidation_fingerprint()}\0{code}\0{set_digest(folder)}".encode()).hexdigest()
    cache = DiskCache(cache_root)
    data = cache.get_bytes(NAMESPACE, key)
    if data is not None:
        try:
            entry = json.loads(data)
        except ValueError:
            entry = None
        if _valid(entry):
            return entry, True
        cache.discard(NAMESPACE, key, "does not hold evaluation figures", "bytes")
    data = json.dumps(evaluate(folder), sort_keys=True).encode()
    cache.put_bytes(NAMESPACE, key, data)
    # the figures as the cache gives them back (keys sorted), so quality.json has the same bytes either way
    return json.loads(data), False
