"""What a release holds: the published tables of a corpus's documents, mentions and records, and its sources.

Documents and mentions are published by publication month (publish/partitions.py); their parts are
built lazily, batch by batch, so that a month unchanged since the previous release is never read.
"""
from __future__ import annotations

import pandas as pd

from pipeline.store.cache import DiskCache
from pipeline.store.fingerprints import publisher_fingerprint
from pipeline.extract.batch import MentionSet, months, rows_code
from pipeline.corpus.index import DocumentIndex, load_cached_document
from pipeline.publish.consistency import disagreements
from pipeline.publish.idmap import build_id_map, read_previous, records_of
from pipeline.publish.release import latest_release
from pipeline.publish.partitions import Part, fingerprint as part_fingerprint
from pipeline.review.queue import review_rows
from pipeline.tables import documents_frame, id_map_frame, rejected_frame, review_frame


DOCUMENT_BATCH = 1000


def document_parts(index: DocumentIndex, failed: set[str]) -> list[Part]:
    """The documents table by publication month; texts are streamed from the cache batch by batch."""
    parts = []
    code = f"{index.reader_namespace}\0{publisher_fingerprint()}"
    for key, month in months(index).items():
        entries = sorted((e for e in month if e.file_name not in failed), key=lambda e: e.file_name)
        if not entries:  # every document of the month failed
            continue

        def batches(entries=entries):
            cache = DiskCache(index.cache_root)
            for i in range(0, len(entries), DOCUMENT_BATCH):
                yield documents_frame([load_cached_document(cache, index.reader_namespace, e, index.corpus_root) for e in entries[i:i + DOCUMENT_BATCH]])

        def build_rows(keys: list[str], entries=entries) -> pd.DataFrame:
            wanted = set(keys)
            cache = DiskCache(index.cache_root)
            return documents_frame([load_cached_document(cache, index.reader_namespace, e, index.corpus_root)
                                    for e in entries if e.file_name in wanted])

        # the members let a changed month be merged from its previous part (publish/merging.py):
        # a document's row depends on its cache key (bytes, name, manifest row) and the code only
        parts.append(Part("documents", key, part_fingerprint(code, key, *(e.cache_key for e in entries)), batches, len(entries),
                          members={e.file_name: e.cache_key for e in entries}, code=code, key_column="file_name",
                          build_rows=build_rows, batch_rows=DOCUMENT_BATCH))
    return parts


def mention_parts(mention_set: MentionSet) -> list[Part]:
    # members: a changed month is merged from its previous part, its unchanged documents' rows
    # reused (a document's mention rows depend on its extraction key and the code only)
    return [Part("mentions", p.key, p.fingerprint, lambda p=p: [p.frame()], p.n_rows, members=p.members(),
                 code=rows_code(), key_column="doc_id", build_rows=p.rows_of, one_row_per_key=False)
            for p in mention_set.parts]


def id_map_table(output_dir, agreements: pd.DataFrame, procurements: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The id map of a release of these records after the latest one in `output_dir`
    (pipeline/publish/idmap.py), and what could not be read of the latest one."""
    previous = read_previous(latest_release(output_dir))
    rows = build_id_map(previous, records_of({"agreements": agreements, "procurements": procurements}))
    return id_map_frame(rows), previous.problems


def publishers(index: DocumentIndex) -> dict[str, str | None]:
    """doc_id -> publisher (None when unknown), for counting independent sources."""
    return {e.doc_id: e.row["publisher"] or None for e in index.entries}


def release_tables(index: DocumentIndex, mention_set: MentionSet, agreements: pd.DataFrame, procurements: pd.DataFrame,
                   id_map: pd.DataFrame, corrections: pd.DataFrame) -> dict:
    """The published tables. A document whose extraction failed moves from documents to rejected.
    Documents and mentions are published by publication month (pipeline/publish/partitions.py)."""
    failed = {f.file for f in mention_set.failures}
    return {
        "agreements": agreements,
        "procurements": procurements,
        "documents": document_parts(index, failed),
        "mentions": mention_parts(mention_set),
        "rejected": rejected_frame(index.rejected + mention_set.failures),
        "id_map": id_map,
        "corrections": corrections,
        "review": review_frame(review_rows({"agreements": agreements, "procurements": procurements}, publishers(index))),
    }


def sources(index: DocumentIndex, mention_set: MentionSet) -> list[dict]:
    failed = {f.file for f in mention_set.failures}
    out = []
    for e in sorted(index.entries, key=lambda e: e.file_name):
        if e.file_name in failed:
            continue
        row = e.row
        src = {"title": row["title"] or e.file_name, "path": row["url"] or e.file_name}
        if row["publisher"]:
            src["publisher"] = row["publisher"]
        if row["published"]:
            src["published"] = row["published"]
        out.append(src)
    return out


def corpus_report(index: DocumentIndex) -> dict:
    return {
        "ignored": [{"path": path, "reason": reason} for path, reason in index.ignored],
        "manifest": index.manifest,
        "manifest_problems": list(index.manifest_problems),
    }


def table_disagreements(index: DocumentIndex, mention_set: MentionSet, records: dict[str, pd.DataFrame]) -> list[str]:
    """Why the tables would come from different corpora (empty: they agree). A document whose
    extraction failed is published in neither documents nor mentions."""
    failed = {f.file for f in mention_set.failures}
    published_ids = {e.doc_id for e in index.entries if e.file_name not in failed}
    failed_ids = {e.doc_id for e in index.entries if e.file_name in failed}
    return disagreements(published_ids, set(mention_set.doc_order) - failed_ids, records)
