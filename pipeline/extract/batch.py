"""Extract mentions from indexed documents: new ones only, on all cores; one failure never stops the rest.

Results are cached twice under the output dir: per document (the unit of work, so an
interrupted run resumes where it stopped) and per publication month (`MentionPart`: the
month's mention objects and its typed mentions table). A refresh loads one cache entry per
unchanged month instead of one per document, and builds tables only for the months that
changed; see pipeline/publish/partitions.py for how the release reuses unchanged months.
"""
from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from pipeline.corpus import Rejection
from pipeline.extract.records import AgreementMention, ProcurementMention
from pipeline.store.cache import DiskCache
from pipeline.store.fingerprints import extractor_fingerprint, publisher_fingerprint
from pipeline.store.codec import CacheFormatError, decode_json, encode_json
from pipeline.consolidate.incremental import index_fingerprint, merge_month_blocks, month_blocks
from pipeline.parallel import run_ordered
from pipeline.corpus.index import DocumentIndex, pack_entries, unpack_entries
from pipeline.extract.worker import cached_extraction, extract_task, mention_key
from pipeline.publish.partitions import fingerprint as part_fingerprint, partition_key
from pipeline.tables import mentions_frame, mentions_frame_concat

FRAME_CHUNK = 50_000  # mention rows held as dicts at most
# Bump the suffix when what a month entry holds changes: old entries are then never read.
PART_NAMESPACE = "mention-parts-v4"


@dataclass(frozen=True)
class MonthSource:
    """The documents of a month and where to read them: what building the month needs."""

    cache_root: str
    reader_namespace: str
    corpus_root: str
    entries: tuple  # DocEntry, in index order
    keys: tuple  # their per-document extraction keys

    # column by column when pickled between steps (see reading.pack_entries)
    def __getstate__(self) -> dict:
        return {**self.__dict__, "entries": pack_entries(self.entries)}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update({**state, "entries": tuple(unpack_entries(state["entries"]))})


@dataclass
class MentionPart:
    """The mentions of one publication month, kept in the month cache and read on demand:
    a run holds one month's rows at a time, and passing a MentionSet between steps (Dagster
    pickles asset values) costs a few bytes per month, not the corpus's mentions."""

    key: str  # YYYY-MM, or "undated"
    fingerprint: str  # of the documents' extraction keys and the extraction and publishing code
    n_rows: int
    fresh: bool  # built in this run (so checked in this run), not served from the month cache
    cache_root: str
    complete: bool = True  # False when a document of the month failed: rebuilt (and retried) next run
    source: MonthSource | None = None  # its documents: to build the month again if its entries are unusable
    # doc_ids whose rows this build made (the others' rows came from the month's previous build,
    # which passed the mentions check); None: every row is new to the check
    new_docs: frozenset | None = None

    def frame(self) -> pd.DataFrame:
        cache = DiskCache(self.cache_root)
        frame = cache.get_frame(PART_NAMESPACE, f"{self.fingerprint}-frame")
        if frame is None:
            self._rebuild()
            frame = cache.get_frame(PART_NAMESPACE, f"{self.fingerprint}-frame")
        if frame is None:
            raise LookupError(f"the cached mentions table of {self.key} cannot be written or read back under cache/")
        return frame

    def objects(self) -> tuple[list, dict]:
        """(mention objects, doc_id -> publication date) of the month."""
        cache = DiskCache(self.cache_root)
        value = month_objects(cache, self.fingerprint)
        if value is None:
            self._rebuild()
            value = month_objects(cache, self.fingerprint)
        if value is None:
            raise LookupError(f"the cached mentions of {self.key} cannot be written or read back under cache/")
        return value

    def members(self) -> dict[str, str] | None:
        """doc_id -> extraction key of the month's documents: what each document's rows are made
        of, so that the release merges a changed month from its previous part (publish/merging.py).
        None when a document of the month failed (a failed document has no rows, and the same
        key must not say "no rows" once a retry succeeds)."""
        if not self.complete or self.source is None:
            return None
        return {e.doc_id: k for e, k in zip(self.source.entries, self.source.keys)}

    def rows_of(self, doc_ids: list[str]) -> pd.DataFrame:
        """The month's mention rows of those documents, in the published order."""
        frame = self.frame()
        return frame[frame["doc_id"].isin(set(doc_ids))].reset_index(drop=True)

    def _rebuild(self) -> None:
        """The month's entries went missing or were damaged after they were checked (the cache
        reported which): build them again from the per-document cache, or by extracting."""
        if self.source is not None:
            build_month(DiskCache(self.cache_root), self.source, self.key, self.fingerprint, {})

    def blocks(self) -> dict[str, list]:
        """Consolidation block name -> [digest, start, end] of the month's mentions in it (the
        digest, and where its text lies in the month's block payload): a small entry that
        tells which blocks changed without loading any mention (see consolidate/incremental.py)."""
        index = block_index(DiskCache(self.cache_root), self._blocks_key(BLOCK_INDEX))
        return index if index is not None else self.store_blocks(*self.objects())[0]

    def block_texts(self, names: list[str]) -> dict[str, bytes]:
        """Block name -> the JSON text of its mentions of the month, for the blocks `names`:
        what a rebuild decodes. Each text is checked against its digest in the index; a payload
        that does not hold them (missing, damaged, of another build) is built again."""
        cache = DiskCache(self.cache_root)
        index = block_index(cache, self._blocks_key(BLOCK_INDEX))
        payload = cache.get_bytes(PART_NAMESPACE, self._blocks_key(BLOCK_PAYLOAD)) if index is not None else None
        texts = _slices(index, payload, names) if payload is not None else None
        if texts is None:
            if payload is not None:
                cache.discard(PART_NAMESPACE, self._blocks_key(BLOCK_PAYLOAD), "does not hold the blocks its index names", "bytes")
            index, payload = self.store_blocks(*self.objects())
            texts = _slices(index, payload, names)
        if texts is None:
            raise LookupError(f"the consolidation blocks of {self.key} are not those its mentions give")
        return texts

    def store_blocks(self, mentions: list, published: dict) -> tuple[dict, bytes]:
        """Write the month's block entries (from its objects: when the month is built, or when
        the entries are missing, e.g. after the consolidation code changed)."""
        return self.put_blocks(*month_blocks(mentions, published))

    def put_blocks(self, index: dict, payload: bytes) -> tuple[dict, bytes]:
        cache = DiskCache(self.cache_root)
        cache.put_bytes(PART_NAMESPACE, self._blocks_key(BLOCK_PAYLOAD), payload)  # before the index that announces it
        cache.put(PART_NAMESPACE, self._blocks_key(BLOCK_INDEX), index)
        return index, payload

    def _blocks_key(self, suffix: str) -> str:
        # keyed by the consolidation code too: it decides which block a mention is in
        return f"{self.fingerprint}-{suffix}-{index_fingerprint()}"


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

    def fresh_frames(self):
        """The mentions of the months built in this run: what this run checks. Of a month merged
        from its previous build, only the new documents' rows: the others passed this check (same
        extraction, publishing code and schemas: the month's code) when that build was checked.
        Those rows of every such month come as one frame, since each validation call has a fixed
        cost (~0.1 s: 51 calls for a backfill at 100k). Uniqueness is the one rule that spans rows:
        a month whose mention ids are not unique is checked whole, so the failure is reported
        (mention ids hash the document, so new rows of two months never share one)."""
        new_rows = []
        for p in self.parts:
            if not p.fresh:
                continue
            frame = p.frame()
            if p.new_docs is not None and frame["mention_id"].is_unique:
                new_rows.append(frame[frame["doc_id"].isin(p.new_docs)])
            else:
                yield frame
        if new_rows:
            yield mentions_frame_concat(new_rows)

    def mark_checked(self) -> None:
        """Make the months built in this run servable from the month cache. Called once they
        passed validation, so that a cached month never skips a check it failed."""
        for part in self.parts:
            if part.fresh and part.complete:
                DiskCache(part.cache_root).put(PART_NAMESPACE, part.fingerprint + "-rows", part.n_rows)


# Entry suffixes of a month's consolidation blocks (see consolidating.month_blocks).
BLOCK_INDEX = "block-index"
BLOCK_PAYLOAD = "block-payload"


def _is_block_index(value) -> bool:
    return isinstance(value, dict) and all(
        type(v) is list and len(v) == 3 and type(v[0]) is str and type(v[1]) is int and type(v[2]) is int and 0 <= v[1] <= v[2]
        for v in value.values())


def block_index(cache: DiskCache, key: str) -> dict[str, list] | None:
    """A month's block name -> [digest, start, end], or None when missing or not of that shape."""
    return cache.get_valid(PART_NAMESPACE, key, _is_block_index, "an index of consolidation blocks")


def _slices(index: dict[str, list], payload: bytes, names: list[str]) -> dict[str, bytes] | None:
    """The blocks' texts cut from the payload, or None when one is missing or not the text its
    digest names (the index and the payload are two entries: each is checksummed, but only
    this tells that they belong together)."""
    out = {}
    for name in names:
        entry = index.get(name)
        if entry is None:
            return None
        digest, start, end = entry
        text = payload[start:end]
        if hashlib.sha1(text).hexdigest() != digest:
            return None
        out[name] = text
    return out


# A month's mention objects are kept as one payload of per-document JSON texts (each document's
# mentions, in extraction order) and an index of [doc_id, start, end, published, sha1] in the
# month's document order: a month merged from its previous build copies its unchanged
# documents' texts instead of decoding and encoding every mention of the month.
OBJECTS = "objects"
OBJECTS_INDEX = "objects-index"


def _is_objects_index(value) -> bool:
    if not isinstance(value, list):
        return False
    end = 0
    for v in value:
        if not (type(v) is list and len(v) == 5 and type(v[0]) is str and type(v[1]) is int and type(v[2]) is int
                and (v[3] is None or type(v[3]) is str) and type(v[4]) is str and v[1] == end and v[2] >= v[1]):
            return False
        end = v[2]
    return True


def put_month_objects(cache: DiskCache, part_fp: str, segments: list[tuple[str, bytes, str | None]]) -> None:
    """Write a month's objects: (doc_id, JSON text of its mentions, publication date) in month order."""
    index, offset = [], 0
    for doc_id, data, published in segments:
        index.append([doc_id, offset, offset + len(data), published, hashlib.sha1(data).hexdigest()])
        offset += len(data)
    cache.put_bytes(PART_NAMESPACE, f"{part_fp}-{OBJECTS}", b"".join(d for _, d, _ in segments))  # before its index
    cache.put(PART_NAMESPACE, f"{part_fp}-{OBJECTS_INDEX}", index)


def month_segments(cache: DiskCache, part_fp: str) -> dict[str, tuple[bytes, str | None]] | None:
    """doc_id -> (JSON text of its mentions, publication date) of a month, in month order; None
    when missing or unusable (the index and the payload are two entries, each checksummed: the
    texts are checked against the index's digests, so that they are known to belong together)."""
    index = cache.get_valid(PART_NAMESPACE, f"{part_fp}-{OBJECTS_INDEX}", _is_objects_index, "an index of a month's mentions")
    if index is None:
        return None
    payload = cache.get_bytes(PART_NAMESPACE, f"{part_fp}-{OBJECTS}")
    if payload is None:
        return None
    if len(payload) != (index[-1][2] if index else 0) or len({v[0] for v in index}) != len(index):
        cache.discard(PART_NAMESPACE, f"{part_fp}-{OBJECTS}", "does not hold the documents its index names", "bytes")
        return None
    out = {}
    for doc_id, start, end, published, digest in index:
        text = payload[start:end]
        if hashlib.sha1(text).hexdigest() != digest:
            cache.discard(PART_NAMESPACE, f"{part_fp}-{OBJECTS}", "does not hold the documents its index names", "bytes")
            return None
        out[doc_id] = (text, published)
    return out


def decode_segment(text: bytes) -> list | None:
    """A document's mentions from its JSON text; None when it is not a list of mentions."""
    try:
        value = decode_json(text)
    except (CacheFormatError, ValueError, TypeError, RecursionError):
        return None
    if isinstance(value, list) and all(isinstance(m, (AgreementMention, ProcurementMention)) for m in value):
        return value
    return None


def month_objects(cache: DiskCache, part_fp: str) -> tuple[list, dict] | None:
    """A month's (mention objects, doc_id -> publication date), or None when missing or unusable."""
    segments = month_segments(cache, part_fp)
    if segments is None:
        return None
    mentions, published = [], {}
    for doc_id, (text, date) in segments.items():
        ms = decode_segment(text)
        if ms is None:
            cache.discard(PART_NAMESPACE, f"{part_fp}-{OBJECTS}", "holds a document's text that is no list of mentions", "bytes")
            return None
        mentions.extend(ms)
        published[doc_id] = date
    return mentions, published


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
        # a month is served from the cache only when its entries read back whole (checksums)
        n_rows = _cached_rows(cache, part_fp)
        source = MonthSource(index.cache_root, index.reader_namespace, index.corpus_root, tuple(entries), tuple(keys))
        if n_rows is not None and cache.verify(PART_NAMESPACE, f"{part_fp}-{OBJECTS_INDEX}") \
                and cache.verify(PART_NAMESPACE, f"{part_fp}-{OBJECTS}", "bytes") \
                and cache.verify(PART_NAMESPACE, part_fp + "-frame", "parquet"):
            out.parts.append(MentionPart(key, part_fp, n_rows, False, index.cache_root, source=source))
            out.n_cached += len(entries)
            continue
        pending.append((key, source, part_fp))

    # Tasks run in month order, so a month is assembled as soon as its documents are done and
    # its results let go: a run holds about one month of results, not the whole corpus's.
    # A document its month's previous build holds under the same key is taken from that build
    # (build_month), so only the others are looked up in the per-document cache: a backfill
    # touching 51 months stats a few hundred files, not their ~75k documents'.
    tasks_by_month = []
    for key, source, _ in pending:
        previous = _previous_keys(cache, key) or {}
        tasks_by_month.append([(index.cache_root, index.reader_namespace, index.corpus_root, entry, fingerprint, k)
                               for entry, k in zip(source.entries, source.keys)
                               if previous.get(entry.doc_id) != k and not cache.has(fingerprint, k)])
    tasks = [task for month in tasks_by_month for task in month]
    out.n_new = len(tasks)
    out.n_cached += sum(len(source.entries) for _, source, _ in pending) - len(tasks)
    results = zip(tasks, run_ordered(extract_task, tasks, workers))
    done = 0
    for (key, source, part_fp), month_tasks in zip(pending, tasks_by_month):
        fresh: dict[str, object] = {}
        for task, result in itertools.islice(results, len(month_tasks)):
            fresh[task[3].doc_id] = result
            done += 1
            if progress:
                progress(done, len(tasks))
        part, failures = build_month(cache, source, key, part_fp, fresh)
        out.parts.append(part)
        out.failures.extend(failures)
    out.parts.sort(key=lambda p: p.key)
    return out


def build_month(cache: DiskCache, source: MonthSource, key: str, part_fp: str, fresh: dict) -> tuple[MentionPart, list[Rejection]]:
    """One month's mentions from this run's results (`fresh`) and the per-document cache, and
    the documents whose extraction failed."""
    fingerprint = extractor_fingerprint()
    segments, published, chunks, rows, failures = [], {}, [], [], []
    built: dict[str, list] = {}  # doc_id -> mentions, of the documents not reused
    # A month built before by the same code (its last build is recorded under the month's key)
    # gives its unchanged documents' mentions and rows: a backfill of one article into an old
    # month reads one month entry, not every document's, and copies the unchanged documents'
    # texts without decoding them (the rows and their order are those of a build from every
    # document: a month's rows are its documents' rows, sorted).
    previous = _previous_month(cache, key)
    reused: dict[str, bytes] = {}
    checked = False  # the reused rows passed the mentions check (see MentionSet.fresh_frames)
    if previous is not None:
        prev_fp, prev_keys, prev_segments, prev_frame = previous
        checked = _cached_rows(cache, prev_fp) is not None  # written once that build passed the check
        unchanged = {e.doc_id for e, k in zip(source.entries, source.keys) if prev_keys.get(e.doc_id) == k}
        reused = {doc_id: prev_segments[doc_id][0] for doc_id in unchanged}
        if unchanged:
            kept = prev_frame[prev_frame["doc_id"].isin(unchanged)]
            if len(kept):
                chunks.append(kept.reset_index(drop=True))
    for entry, k in zip(source.entries, source.keys):
        if entry.doc_id in reused:
            segments.append((entry.doc_id, reused[entry.doc_id], entry.row["published"]))
            published[entry.doc_id] = entry.row["published"]
            continue
        result = fresh.pop(entry.doc_id, None) or cached_extraction(cache, fingerprint, k)
        if result is None:  # a cache entry unusable (reported by the cache): extract it now
            result = extract_task((source.cache_root, source.reader_namespace, source.corpus_root, entry, fingerprint, k))
        if isinstance(result, Rejection):
            failures.append(result)
            continue
        mentions, doc_rows = result
        built[entry.doc_id] = mentions
        segments.append((entry.doc_id, encode_json(mentions), entry.row["published"]))
        rows.extend(doc_rows)
        published[entry.doc_id] = entry.row["published"]
        if len(rows) >= FRAME_CHUNK:  # typed columns are far smaller than row dicts: convert as we go
            chunks.append(mentions_frame(rows))
            rows = []
    chunks.append(mentions_frame(rows))
    frame = mentions_frame_concat(chunks)
    # Written now (so only one month is ever in memory), served from the cache only once
    # the "-rows" entry exists: MentionSet.mark_checked writes it after validation.
    cache.put_frame(PART_NAMESPACE, part_fp + "-frame", frame)
    blocks = _merged_blocks(cache, previous, set(reused), built, source, published) if reused else None
    if blocks is None:  # from every mention of the month
        part_mentions = []
        for i, (doc_id, text, date) in enumerate(segments):
            ms = built.get(doc_id)
            if ms is None:
                ms = decode_segment(text)
            if ms is None:  # sound checksums but no mentions: this document's mentions again
                ms = _document_mentions(cache, source, doc_id)
                segments[i] = (doc_id, encode_json(ms), date)
            part_mentions.extend(ms)
        blocks = month_blocks(part_mentions, published)
    put_month_objects(cache, part_fp, segments)
    new_docs = frozenset(e.doc_id for e in source.entries if e.doc_id not in reused) if checked else None
    part = MentionPart(key, part_fp, len(frame), True, source.cache_root, complete=not failures, source=source,
                       new_docs=new_docs)
    part.put_blocks(*blocks)
    if not failures:
        cache.put(PART_NAMESPACE, f"month-{key}-latest",
                  {"fingerprint": part_fp, "code": _month_code(),
                   "keys": {e.doc_id: k for e, k in zip(source.entries, source.keys)}})
    return part, failures


def _document_mentions(cache: DiskCache, source: MonthSource, doc_id: str) -> list:
    """A document's mentions from the per-document cache, or extracted again."""
    fingerprint = extractor_fingerprint()
    entry, k = next((e, k) for e, k in zip(source.entries, source.keys) if e.doc_id == doc_id)
    result = cached_extraction(cache, fingerprint, k) \
        or extract_task((source.cache_root, source.reader_namespace, source.corpus_root, entry, fingerprint, k))
    if isinstance(result, Rejection):
        raise LookupError(f"{entry.file_name}: its cached mentions are unusable and extracting it again failed: "
                          f"{result.message}")
    return result[0]


def _merged_blocks(cache: DiskCache, previous, kept: set[str], built: dict[str, list], source: MonthSource,
                   published: dict) -> tuple[dict, bytes] | None:
    """The month's consolidation blocks from its previous build's (consolidate.incremental.merge_month_blocks),
    or None when those are missing or unusable (the caller builds them from every mention)."""
    prev_fp, _, prev_segments, _ = previous
    blocks_key = f"{prev_fp}-{BLOCK_INDEX}-{index_fingerprint()}"
    index = block_index(cache, blocks_key)
    payload = cache.get_bytes(PART_NAMESPACE, f"{prev_fp}-{BLOCK_PAYLOAD}-{index_fingerprint()}") if index is not None else None
    if payload is None:
        return None
    dropped = []
    for doc_id, (text, _) in prev_segments.items():
        if doc_id not in kept:
            ms = decode_segment(text)
            if ms is None:
                return None
            dropped.extend(ms)
    position = {e.doc_id: i for i, e in enumerate(source.entries)}
    fresh = [m for ms in built.values() for m in ms]
    return merge_month_blocks(index, payload, kept, dropped, fresh, position, published)


def rows_code() -> str:
    """The code a month's mention rows depend on besides their documents: extraction and publishing."""
    return f"{extractor_fingerprint()}\0{publisher_fingerprint()}"


def _month_code() -> str:
    return f"{extractor_fingerprint()}\0{publisher_fingerprint()}\0{PART_NAMESPACE}"


def _is_latest(value) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("fingerprint"), str) and isinstance(value.get("code"), str)
            and isinstance(value.get("keys"), dict) and all(isinstance(v, str) for v in value["keys"].values()))


def _latest_build(cache: DiskCache, key: str) -> dict | None:
    """The record of the month's last complete build by this code: its fingerprint and keys."""
    latest = cache.get_valid(PART_NAMESPACE, f"month-{key}-latest", _is_latest, "a month's last build")
    return latest if latest is not None and latest["code"] == _month_code() else None


def _previous_keys(cache: DiskCache, key: str) -> dict[str, str] | None:
    """doc_id -> extraction key of the documents of the month's last complete build by this code."""
    latest = _latest_build(cache, key)
    return None if latest is None else latest["keys"]


def _previous_month(cache: DiskCache, key: str):
    """(fingerprint, doc_id -> extraction key, doc_id -> (JSON text of its mentions, date), frame)
    of the month's last complete build by this code, or None (the entries are checksummed by
    the cache: a damaged one is a miss)."""
    latest = _latest_build(cache, key)
    if latest is None:
        return None
    segments = month_segments(cache, latest["fingerprint"])
    frame = cache.get_frame(PART_NAMESPACE, latest["fingerprint"] + "-frame")
    if segments is None or frame is None or set(segments) != set(latest["keys"]):
        return None
    return latest["fingerprint"], latest["keys"], segments, frame


def _cached_rows(cache: DiskCache, part_fp: str) -> int | None:
    """Row count of a checked month (a small entry, so it is known without loading the
    month's mentions); None: the month was never checked, rebuild it."""
    return cache.get_valid(PART_NAMESPACE, part_fp + "-rows", lambda v: type(v) is int and v >= 0, "a row count")


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
    corpus_root: str = ""  # where a document whose cached text is unusable is read again


def pending_shards(index: DocumentIndex, shard_size: int) -> list[ExtractionShard]:
    """The documents without a cached extraction, in shards of at most `shard_size`."""
    cache = DiskCache(index.cache_root)
    fingerprint = extractor_fingerprint()
    pending = [e for e in index.entries if not cache.has(fingerprint, mention_key(e, fingerprint))]
    return [ExtractionShard(index.cache_root, index.reader_namespace, fingerprint, tuple(pending[i:i + shard_size]), index.corpus_root)
            for i in range(0, len(pending), shard_size)]


def extract_shard(shard: ExtractionShard, workers: int = 0) -> tuple[int, list[Rejection]]:
    """Extract a shard's documents into the cache: (documents extracted, failures)."""
    tasks = [(shard.cache_root, shard.reader_namespace, shard.corpus_root, e, shard.fingerprint, mention_key(e, shard.fingerprint))
             for e in shard.entries]
    failures = [r for r in run_ordered(extract_task, tasks, workers) if isinstance(r, Rejection)]
    return len(tasks) - len(failures), failures
