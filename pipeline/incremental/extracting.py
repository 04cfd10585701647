"""Extract mentions from indexed documents: new ones only, on all cores; one failure never stops the rest.

Results are cached twice under the output dir: per document (the unit of work, so an
interrupted run resumes where it stopped) and per publication month (`MentionPart`: the
month's mention objects and its typed mentions table). A refresh loads one cache entry per
unchanged month instead of one per document, and builds tables only for the months that
changed; see pipeline/publish/partitions.py for how the release reuses unchanged months.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from pipeline.corpus import Rejection
from pipeline.incremental.cache import DiskCache
from pipeline.incremental.code_version import extractor_fingerprint, publisher_fingerprint
from pipeline.incremental.pool import run_ordered
from pipeline.incremental.reading import DocumentIndex
from pipeline.incremental.workers import extract_task, mention_key
from pipeline.publish.partitions import fingerprint as part_fingerprint, partition_key
from pipeline.tables import mentions_frame, mentions_frame_concat

FRAME_CHUNK = 50_000  # mention rows held as dicts at most
PART_NAMESPACE = "mention-parts"


@dataclass
class MentionPart:
    """The mentions of one publication month. Once stored, its objects and table are read
    back from the month cache on demand, so that passing a MentionSet between steps (Dagster
    pickles asset values) costs a few bytes per month, not the corpus's mentions."""

    key: str  # YYYY-MM, or "undated"
    fingerprint: str  # of the documents' extraction keys and the extraction and publishing code
    n_rows: int
    fresh: bool  # built in this run (validated in this run), not served from the month cache
    cache_root: str
    _frame: pd.DataFrame | None = None  # held until stored in the cache
    _objects: tuple | None = None  # (mentions, published_by_doc), held until stored
    cacheable: bool = True  # False when a document of the month failed: retried next run

    def _cached(self, suffix: str):
        value = DiskCache(self.cache_root).get(PART_NAMESPACE, f"{self.fingerprint}-{suffix}")
        if value is None:
            raise LookupError(f"mentions of {self.key} are missing from the cache; run the mentions asset again")
        return value

    def frame(self) -> pd.DataFrame:
        return self._frame if self._frame is not None else self._cached("frame")

    def objects(self) -> tuple[list, dict]:
        """(mention objects, doc_id -> publication date) of the month."""
        if self._objects is not None:
            return self._objects
        mentions, published, _ = self._cached("objects")
        return mentions, published


@dataclass
class MentionSet:
    failures: list[Rejection] = field(default_factory=list)  # documents whose extraction raised
    n_new: int = 0
    n_cached: int = 0
    parts: list[MentionPart] = field(default_factory=list)  # by month
    doc_order: dict[str, int] = field(default_factory=dict)  # doc_id -> position in the index

    @property
    def n_rows(self) -> int:
        return sum(p.n_rows for p in self.parts)

    def mentions_and_dates(self) -> tuple[list, dict[str, str | None]]:
        """Every mention, in document (file name) order whatever month it came from, and each
        document's publication date: what consolidation needs."""
        mentions, published = [], {}
        for part in self.parts:
            part_mentions, part_published = part.objects()
            mentions.extend(part_mentions)
            published.update(part_published)
        mentions.sort(key=lambda m: self.doc_order[m.evidence.doc_id])
        return mentions, published

    def fresh_frame(self) -> pd.DataFrame:
        """The mentions of the months built in this run: what this run has to validate."""
        return mentions_frame_concat([p.frame() for p in self.parts if p.fresh] or [mentions_frame([])])

    def store(self) -> None:
        """Cache the months built in this run, and let go of their rows. Called once they passed
        validation, so that a cached month never skips a check it failed."""
        for part in self.parts:
            if part.fresh and part.cacheable and part._objects is not None:
                cache = DiskCache(part.cache_root)
                cache.put(PART_NAMESPACE, part.fingerprint + "-frame", part._frame)
                cache.put(PART_NAMESPACE, part.fingerprint + "-objects", (*part._objects, part.n_rows))
                cache.put(PART_NAMESPACE, part.fingerprint + "-rows", part.n_rows)  # written last: marks the month complete
                part._frame = part._objects = None


def months(index: DocumentIndex) -> dict[str, list]:
    """Index entries by publication month, in index order within a month."""
    groups: dict[str, list] = {}
    for entry in index.entries:
        groups.setdefault(partition_key(entry.row["published"]), []).append(entry)
    return dict(sorted(groups.items()))


def extract_index(index: DocumentIndex, workers: int = 0, progress: Callable[[int, int], None] | None = None) -> MentionSet:
    cache = DiskCache(index.cache_root)
    fingerprint = extractor_fingerprint()
    code = f"{fingerprint}\0{publisher_fingerprint()}"
    out = MentionSet(doc_order={entry.doc_id: i for i, entry in enumerate(index.entries)})
    pending = []  # months to build from per-document results
    for key, entries in months(index).items():
        keys = [mention_key(entry, fingerprint) for entry in entries]
        part_fp = part_fingerprint(code, key, *keys)
        if cache.path(PART_NAMESPACE, part_fp + "-objects").exists() and cache.path(PART_NAMESPACE, part_fp + "-frame").exists():
            n_rows = _cached_rows(cache, part_fp)
            if n_rows is not None:
                out.parts.append(MentionPart(key, part_fp, n_rows, False, index.cache_root))
                out.n_cached += len(entries)
                continue
        pending.append((key, entries, keys, part_fp))

    tasks = [(index.cache_root, index.reader_namespace, entry, fingerprint, k)
             for _, entries, keys, _ in pending for entry, k in zip(entries, keys)
             if not cache.path(fingerprint, k).exists()]
    out.n_new = len(tasks)
    out.n_cached += sum(len(entries) for _, entries, _, _ in pending) - len(tasks)
    fresh: dict[str, object] = {}
    for done, (task, result) in enumerate(zip(tasks, run_ordered(extract_task, tasks, workers)), start=1):
        fresh[task[2].doc_id] = result
        if progress:
            progress(done, len(tasks))

    for key, entries, keys, part_fp in pending:
        part_mentions, published, chunks, rows, failed = [], {}, [], [], False
        for entry, k in zip(entries, keys):
            result = fresh.pop(entry.doc_id, None) or cache.get(fingerprint, k)
            if result is None:  # a cache entry unreadable since the check: extract it now
                result = extract_task((index.cache_root, index.reader_namespace, entry, fingerprint, k))
            if isinstance(result, Rejection):
                out.failures.append(result)
                failed = True
                continue
            mentions, doc_rows = result
            part_mentions.extend(mentions)
            rows.extend(doc_rows)
            published[entry.doc_id] = entry.row["published"]
            if len(rows) >= FRAME_CHUNK:  # typed columns are far smaller than row dicts: convert as we go
                chunks.append(mentions_frame(rows))
                rows = []
        chunks.append(mentions_frame(rows))
        frame = mentions_frame_concat(chunks)
        out.parts.append(MentionPart(key, part_fp, len(frame), True, index.cache_root, frame,
                                     (part_mentions, published), cacheable=not failed))
    out.parts.sort(key=lambda p: p.key)
    return out


def _cached_rows(cache: DiskCache, part_fp: str) -> int | None:
    """Row count of a cached month, kept in a small side entry so that it is known without
    loading the month's mentions (None: treat the month as not cached)."""
    return cache.get(PART_NAMESPACE, part_fp + "-rows")


# --------------------------------------------------------------- fan-out over many workers

@dataclass(frozen=True)
class ExtractionShard:
    """Documents to extract, independent of every other shard: what one worker (a process,
    or a pod under the k8s executor) takes. Results land in the per-document cache, where
    the `mentions` asset finds them."""

    cache_root: str
    reader_namespace: str
    fingerprint: str  # the extractor's
    entries: tuple  # DocEntry


def pending_shards(index: DocumentIndex, shard_size: int) -> list[ExtractionShard]:
    """The documents without a cached extraction, in shards of at most `shard_size`."""
    cache = DiskCache(index.cache_root)
    fingerprint = extractor_fingerprint()
    pending = [e for e in index.entries if not cache.path(fingerprint, mention_key(e, fingerprint)).exists()]
    return [ExtractionShard(index.cache_root, index.reader_namespace, fingerprint, tuple(pending[i:i + shard_size]))
            for i in range(0, len(pending), shard_size)]


def extract_shard(shard: ExtractionShard, workers: int = 0) -> tuple[int, list[Rejection]]:
    """Extract a shard's documents into the cache: (documents extracted, failures)."""
    tasks = [(shard.cache_root, shard.reader_namespace, e, shard.fingerprint, mention_key(e, shard.fingerprint))
             for e in shard.entries]
    failures = [r for r in run_ordered(extract_task, tasks, workers) if isinstance(r, Rejection)]
    return len(tasks) - len(failures), failures
