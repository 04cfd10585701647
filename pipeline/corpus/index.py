"""Read a corpus folder into a document index: new or changed files only, on all cores.

Every file under the corpus dir ends up in exactly one of: `entries` (accepted documents),
`rejected` (read but unusable), or `ignored` (not an article).
"""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.corpus.listing import list_corpus
from pipeline.corpus.files import Corpus, Rejection, article_fingerprint, corpus_fingerprint, load_manifest, read_article
from pipeline.corpus.manifest import ManifestRow
from pipeline.corpus.document import MAX_BYTES, Document
from pipeline.store.cache import DiskCache, retire_legacy_entries
from pipeline.store.fingerprints import reader_version
from pipeline.store.hashing import file_hashes
from pipeline.parallel import run_ordered
from pipeline.rows import document_row


@dataclass(frozen=True)
class DocEntry:
    """An accepted document without its text (which stays in the cache until published)."""

    row: dict  # the documents-table row, minus "text"
    cache_key: str
    is_new: bool = False  # read in this run (not served from the cache)
    manifest_row: ManifestRow | None = None  # what sources.csv says of it: to read it again

    @property
    def doc_id(self) -> str:
        return self.row["doc_id"]

    @property
    def file_name(self) -> str:
        return self.row["file_name"]


def pack_entries(entries) -> tuple:
    """Entries for pickling, column by column: Dagster pickles the index between steps (twice
    read back per run), and 100k entries, each an object holding a dict, took ~2 s to load; as
    one list per field and per row column they load in a fraction of that. Entries whose rows
    do not all have the same columns in the same order are kept as they are."""
    entries = list(entries)
    layouts = {tuple(e.row) for e in entries}
    if len(layouts) != 1:
        return ("entries", entries)
    columns = tuple(zip(*(tuple(e.row.values()) for e in entries)))
    return ("columns", next(iter(layouts)), columns, [e.cache_key for e in entries], [e.is_new for e in entries],
            [e.manifest_row for e in entries])


def unpack_entries(packed: tuple) -> list[DocEntry]:
    if packed[0] == "entries":
        return list(packed[1])
    _, keys, columns, cache_keys, is_new, manifest_rows = packed
    values = zip(*columns) if columns else ((),) * len(cache_keys)
    return [DocEntry(dict(zip(keys, row)), key, new, manifest)
            for row, key, new, manifest in zip(values, cache_keys, is_new, manifest_rows)]


@dataclass
class DocumentIndex:
    cache_root: str
    reader_namespace: str
    corpus_root: str = ""  # where a document whose cache entry is unusable is read again
    entries: list[DocEntry] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    manifest: str | None = None
    manifest_problems: list[str] = field(default_factory=list)
    fingerprint: dict[str, str] = field(default_factory=dict)  # file -> sha256: what this run read
    n_new: int = 0
    n_cached: int = 0

    def __getstate__(self) -> dict:
        return {**self.__dict__, "entries": pack_entries(self.entries)}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update({**state, "entries": unpack_entries(state["entries"])})

    def load_document(self, entry: DocEntry):
        """The full Document (with text) of an entry, from the cache."""
        return load_cached_document(DiskCache(self.cache_root), self.reader_namespace, entry, self.corpus_root)


def load_cached_document(cache: DiskCache, namespace: str, entry: DocEntry, corpus_root: str):
    """The entry's Document from the cache; when its cache entry is missing or unusable, the
    article is read again from the corpus (and cached), provided it is still the same file."""
    doc = cache.get(namespace, entry.cache_key)
    if isinstance(doc, Document) and doc.doc_id == entry.doc_id and doc.file_name == entry.file_name:
        return doc
    if doc is not None:
        cache.discard(namespace, entry.cache_key, "holds another document")
    doc = read_article(corpus_root, entry.file_name, entry.manifest_row, max_bytes=MAX_BYTES) if corpus_root else None
    if not isinstance(doc, Document) or doc.doc_id != entry.doc_id:
        raise LookupError(f"{entry.file_name}: its cached text is unusable and the file changed since it was read; "
                          "run the documents asset again")
    cache.put(namespace, entry.cache_key, doc)
    return doc


SNAPSHOT_KEY = "index-snapshot"


def _doc_key(name: str, sha: str, manifest_row) -> str:
    """The cache key of a document: its bytes, its manifest row and its file name. The
    document (and the documents table) carries the file name, so a renamed article is a
    changed document, and two files with the same bytes are two cache entries, not one
    whose file name depends on which was read last."""
    return hashlib.sha256(f"{name}\0{sha}\0{manifest_row!r}".encode()).hexdigest()[:40]


def _meta(doc) -> dict:
    row = document_row(doc)
    del row["text"]
    return row


def _read_task(task) -> dict | Rejection:
    """Worker: read, clean and cache one article. Returns its row (without text) or a rejection."""
    root, name, manifest_row, key, cache_root, namespace, max_bytes = task
    result = read_article(root, name, manifest_row, max_bytes=max_bytes)
    if isinstance(result, Document):
        DiskCache(cache_root).put(namespace, key, result)
        return _meta(result)
    return result


def corpus_state(corpus_dir: str | Path, cache_dir: str | Path) -> dict[str, str]:
    """corpus.corpus_fingerprint, as `read_corpus` records it in `DocumentIndex.fingerprint`: cheap
    when nothing changed (a file is read again only when its stat signature changed)."""
    cache = DiskCache(cache_dir)
    return corpus_fingerprint(corpus_dir, MAX_BYTES, lambda root, names, limit: file_hashes(root, names, cache, limit))


def read_corpus(
    corpus_dir: str | Path,
    cache_dir: str | Path,
    workers: int = 0,
    progress: Callable[[int, int], None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> DocumentIndex:
    """Every file under `corpus_dir` into `entries`, `rejected` or `ignored`; only new or changed
    articles are read (on `workers` processes), the others come from the cache under `cache_dir`."""
    root = Path(corpus_dir)
    listing = list_corpus(root)
    retire_legacy_entries(cache_dir)  # the first step of every run: before any entry is read
    cache = DiskCache(cache_dir)
    namespace = reader_version()
    index = DocumentIndex(str(cache_dir), namespace, str(root), ignored=list(listing.ignored), manifest=listing.manifest)
    manifest_rows: dict = {}
    if listing.manifest:
        manifest_rows, problems, manifest_fingerprint = load_manifest(root, listing.manifest, listing.articles, max_bytes)
        index.manifest_problems.extend(problems)
        if manifest_fingerprint:
            index.fingerprint[listing.manifest] = manifest_fingerprint

    hashes = file_hashes(root, listing.articles, cache, max_bytes)
    # The rows (without texts) of the last run's documents, in one entry: a refresh then
    # opens one file instead of every cached document.
    snapshot = cache.get_valid(namespace, SNAPSHOT_KEY, lambda v: isinstance(v, dict) and all(isinstance(r, dict) for r in v.values()),
                               "a table of document rows") or {}
    results: dict[str, dict | Rejection] = {}
    keys: dict[str, str] = {}
    tasks = []
    for name in listing.articles:
        sha, size = hashes[name]
        if sha is None:  # too large or unreadable: read_article says which, without reading a huge file
            results[name] = read_article(root, name, manifest_rows.get(name), max_bytes=max_bytes)
            fingerprint = article_fingerprint(results[name])
            if fingerprint:
                index.fingerprint[name] = fingerprint
            continue
        index.fingerprint[name] = sha
        key = keys[name] = _doc_key(name, sha, manifest_rows.get(name))
        row = snapshot.get(key)
        if row is None or row.get("file_name") != name:
            cached = cache.get(namespace, key)
            row = _meta(cached) if isinstance(cached, Document) and cached.file_name == name else None
        if row is not None:
            results[name] = row
            index.n_cached += 1
        else:
            tasks.append((str(root), name, manifest_rows.get(name), key, str(cache_dir), namespace, max_bytes))
    index.n_new = len(tasks)
    new_names = set()
    for done, (task, result) in enumerate(zip(tasks, run_ordered(_read_task, tasks, workers)), start=1):
        results[task[1]] = result
        new_names.add(task[1])
        if progress:
            progress(done, len(tasks))

    first_file_by_id: dict[str, str] = {}
    for name in listing.articles:  # sorted: the first of identical files is kept
        result = results[name]
        if isinstance(result, Rejection):
            index.rejected.append(result)
            continue
        if result["doc_id"] in first_file_by_id:
            index.rejected.append(Rejection(name, "duplicate", f"{name}: same bytes as {first_file_by_id[result['doc_id']]}",
                                            result["n_bytes"], result["raw_sha256"]))
            continue
        first_file_by_id[result["doc_id"]] = name
        index.entries.append(DocEntry(result, keys.get(name) or _doc_key(name, hashes[name][0], manifest_rows.get(name)), name in new_names,
                                      manifest_rows.get(name)))
    current = {e.cache_key: e.row for e in index.entries}
    if current.keys() != snapshot.keys():
        cache.put(namespace, SNAPSHOT_KEY, current)
    return index


def load_corpus(corpus_dir: str | Path, max_bytes: int = MAX_BYTES) -> Corpus:
    """Every article of `corpus_dir` as a Document, for notebooks and tests: `read_corpus` (the
    production loop, so both apply the same rules) into a throw-away cache, in this process.
    Never raises for a bad file: see `rejected`."""
    with tempfile.TemporaryDirectory(prefix="deals-corpus-") as cache_dir:
        index = read_corpus(corpus_dir, cache_dir, workers=1, max_bytes=max_bytes)
        return Corpus(documents=[index.load_document(e) for e in index.entries], rejected=index.rejected,
                      ignored=index.ignored, manifest=index.manifest, manifest_problems=index.manifest_problems,
                      fingerprint=index.fingerprint)
