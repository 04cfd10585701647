"""Extract mentions from indexed documents: new ones only, on all cores; one failure never stops the rest."""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from typing import Callable

from pipeline import extraction
from pipeline.corpus import Rejection
from pipeline.incremental.cache import DiskCache
from pipeline.incremental.code_version import extractor_fingerprint
from pipeline.incremental.pool import run_ordered
from pipeline.incremental.reading import DocEntry, DocumentIndex, load_cached_document


@dataclass
class MentionSet:
    mentions: list = field(default_factory=list)  # AgreementMention | ProcurementMention, in document order
    rows: list[dict] = field(default_factory=list)  # mentions-table rows, parallel to `mentions`
    failures: list[Rejection] = field(default_factory=list)  # documents whose extraction raised
    published_by_doc: dict[str, str | None] = field(default_factory=dict)
    n_new: int = 0
    n_cached: int = 0
    frame: object = None  # the typed mentions table, set once built (pandas.DataFrame)


def failure_summary(exc: BaseException) -> str:
    """One line: the exception and where it was raised (not a whole traceback)."""
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" at {last[0].name} ({last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno})" if last else ""
    return f"extraction failed: {type(exc).__name__}: {exc}{where}"


def _mention_key(entry: DocEntry, fingerprint: str) -> str:
    return hashlib.sha256(f"{entry.cache_key}\0{fingerprint}".encode()).hexdigest()[:40]


def _extract_task(task):
    """Worker: extract one cached document and cache its (mentions, rows); or describe the failure."""
    cache_root, reader_ns, entry, mention_ns, key = task
    cache = DiskCache(cache_root)
    try:
        doc = load_cached_document(cache, reader_ns, entry)
        mentions, rows = extraction.extract_document(doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
        return Rejection(entry.file_name, "extraction_failed", f"{entry.file_name}: {failure_summary(exc)}",
                         entry.row["n_bytes"], entry.row["raw_sha256"])
    cache.put(mention_ns, key, (mentions, rows))
    return mentions, rows


def extract_index(index: DocumentIndex, workers: int = 0, progress: Callable[[int, int], None] | None = None) -> MentionSet:
    cache = DiskCache(index.cache_root)
    fingerprint = extractor_fingerprint()
    out = MentionSet()
    results: dict[str, object] = {}
    tasks = []
    for entry in index.entries:
        key = _mention_key(entry, fingerprint)
        cached = cache.get(fingerprint, key)
        if cached is not None:
            results[entry.doc_id] = cached
            out.n_cached += 1
        else:
            tasks.append((index.cache_root, index.reader_namespace, entry, fingerprint, key))
    out.n_new = len(tasks)
    for done, (task, result) in enumerate(zip(tasks, run_ordered(_extract_task, tasks, workers)), start=1):
        results[task[2].doc_id] = result
        if progress:
            progress(done, len(tasks))
    for entry in index.entries:
        result = results[entry.doc_id]
        if isinstance(result, Rejection):
            out.failures.append(result)
            continue
        mentions, rows = result
        out.mentions.extend(mentions)
        out.rows.extend(rows)
        out.published_by_doc[entry.doc_id] = entry.row["published"]
    return out
