"""Extract mentions from indexed documents: new ones only, on all cores; one failure never stops the rest."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from pipeline.corpus import Rejection
from pipeline.incremental.cache import DiskCache
from pipeline.incremental.code_version import extractor_fingerprint
from pipeline.incremental.pool import run_ordered
from pipeline.incremental.reading import DocumentIndex
from pipeline.incremental.workers import extract_task, mention_key
from pipeline.tables import mentions_frame, mentions_frame_concat

FRAME_CHUNK = 50_000  # mention rows held as dicts at most


@dataclass
class MentionSet:
    mentions: list = field(default_factory=list)  # AgreementMention | ProcurementMention, in document order
    failures: list[Rejection] = field(default_factory=list)  # documents whose extraction raised
    published_by_doc: dict[str, str | None] = field(default_factory=dict)
    n_new: int = 0
    n_cached: int = 0
    frame: object = None  # the typed mentions table (pandas.DataFrame)


def extract_index(index: DocumentIndex, workers: int = 0, progress: Callable[[int, int], None] | None = None) -> MentionSet:
    cache = DiskCache(index.cache_root)
    fingerprint = extractor_fingerprint()
    out = MentionSet()
    # Cached results are only looked up here and loaded one by one below, so that at most
    # FRAME_CHUNK mention rows are ever held as dicts (not the whole corpus's).
    keys = {entry.doc_id: mention_key(entry, fingerprint) for entry in index.entries}
    tasks = [(index.cache_root, index.reader_namespace, entry, fingerprint, keys[entry.doc_id])
             for entry in index.entries if not cache.path(fingerprint, keys[entry.doc_id]).exists()]
    out.n_new, out.n_cached = len(tasks), len(index.entries) - len(tasks)
    fresh: dict[str, object] = {}
    for done, (task, result) in enumerate(zip(tasks, run_ordered(extract_task, tasks, workers)), start=1):
        fresh[task[2].doc_id] = result
        if progress:
            progress(done, len(tasks))
    chunks, rows = [], []
    for entry in index.entries:
        result = fresh.pop(entry.doc_id, None) or cache.get(fingerprint, keys[entry.doc_id])
        if result is None:  # a cache entry unreadable since the check: extract it now
            result = extract_task((index.cache_root, index.reader_namespace, entry, fingerprint, keys[entry.doc_id]))
        if isinstance(result, Rejection):
            out.failures.append(result)
            continue
        mentions, doc_rows = result
        out.mentions.extend(mentions)
        rows.extend(doc_rows)
        out.published_by_doc[entry.doc_id] = entry.row["published"]
        if len(rows) >= FRAME_CHUNK:  # typed columns are far smaller than row dicts: convert as we go
            chunks.append(mentions_frame(rows))
            rows = []
    chunks.append(mentions_frame(rows))
    out.frame = mentions_frame_concat(chunks)
    return out
