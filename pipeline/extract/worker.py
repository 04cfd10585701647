"""Work done in worker processes: kept free of pandas, pandera and Dagster so that
spawned workers start fast (they import only the corpus reader and the extractor)."""
from __future__ import annotations

import hashlib
import traceback

from pipeline.corpus import Rejection
from pipeline.extract import EXTRACTOR_VERSION, extract_mentions, mention_id
from pipeline.extract.records import AgreementMention, ProcurementMention
from pipeline.store.cache import DiskCache
from pipeline.corpus.index import DocEntry, load_cached_document
from pipeline.rows import mention_row


def extract_document(doc) -> tuple[list, list[dict]]:
    """(mentions, mentions-table rows) of a corpus Document: the extractor's mentions and their
    published rows (offsets in the cleaned and the raw text). Raises what the extractor raises."""
    mentions = extract_mentions(doc.text, doc.doc_id, doc.published, doc.dateline)
    rows = [mention_row(m, mention_id(m), doc.to_raw_span, EXTRACTOR_VERSION) for m in mentions]
    return mentions, rows


def failure_summary(exc: BaseException) -> str:
    """One line: the exception and where it was raised (not a whole traceback)."""
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" at {last[0].name} ({last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno})" if last else ""
    return f"extraction failed: {type(exc).__name__}: {exc}{where}"


def mention_key(entry: DocEntry, fingerprint: str) -> str:
    return hashlib.sha256(f"{entry.cache_key}\0{fingerprint}".encode()).hexdigest()[:40]


def extract_task(task):
    """Worker: extract one cached document and cache its (mentions, rows); or describe the failure."""
    cache_root, reader_ns, corpus_root, entry, mention_ns, key = task
    cache = DiskCache(cache_root)
    try:
        doc = load_cached_document(cache, reader_ns, entry, corpus_root)
        mentions, rows = extract_document(doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
        return Rejection(entry.file_name, "extraction_failed", f"{entry.file_name}: {failure_summary(exc)}",
                         entry.row["n_bytes"], entry.row["raw_sha256"])
    cache.put(mention_ns, key, [mentions, rows])
    return mentions, rows


def cached_extraction(cache: DiskCache, mention_ns: str, key: str) -> tuple[list, list] | None:
    """A document's cached (mentions, rows), or None when missing or not of that shape."""
    value = cache.get_valid(mention_ns, key, _is_extraction, "a document's mentions and rows")
    return None if value is None else (value[0], value[1])


def _is_extraction(value) -> bool:
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], list)
            and all(isinstance(m, (AgreementMention, ProcurementMention)) for m in value[0])
            and all(isinstance(r, dict) for r in value[1]) and len(value[0]) == len(value[1]))
