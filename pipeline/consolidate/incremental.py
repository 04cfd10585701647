"""Consolidation whose cost grows with what changed, not with the corpus.

`pipeline.consolidate` never merges mentions of different *blocks* (agreements: the same
parties; procurements: the same buyer and system family), and a record's fields and id
depend only on its block's mentions and their documents' publication dates:

- grouping is greedy within a block, in (published, doc_id, char_start) order;
- ids hash the block key and the record's earliest evidence, so they and the "-2" suffixes
  of records sharing that evidence are decided within a block;
- the published tables are sorted by id.

So the tables are the union over blocks of what `consolidate` gives for each block alone,
sorted by id, provided no id is shared by two blocks (checked on every run: two blocks
consolidated alone both keep the plain form of a shared id, so a clash shows up as a
duplicate id; the corpus is then consolidated as a whole instead).

Each month of mentions (`MentionPart`) keeps a small index: a digest per block of the
month's mentions of that block (`month_blocks`). A block's digest over all months names
its rows; the rows of the previous run's tables are kept with their block digests (one
cache entry, replaced each run: it never grows beyond one table), and only the blocks whose
digest is new are loaded and consolidated. A refresh that adds articles to the newest
month rebuilds the blocks those articles touch.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pandas as pd

from pipeline.consolidate.merge import block_key, consolidate, consolidate_block
from schemas.table_schema import RECORD_ID_COLUMNS

from pipeline.store.cache import DiskCache
from pipeline.store.codec import decode_json, encode_json
from pipeline.store.fingerprints import extractor_fingerprint, publisher_fingerprint
from pipeline.rows import paused_gc
from pipeline.tables import agreements_frame, procurements_frame


class MonthBlocks(Protocol):
    """One month of mentions as consolidation reads it (extracting.MentionPart)."""

    def blocks(self) -> dict[str, list]: ...

    def block_texts(self, names: list[str]) -> dict[str, bytes]: ...


class MentionMonths(Protocol):
    """The months of mentions to consolidate (extracting.MentionSet, which builds them with this
    module's month_blocks: described here, not imported, so the two modules do not import each other)."""

    parts: list[MonthBlocks]

    def mentions_and_dates(self) -> tuple[list, dict]: ...


_PACKAGE = Path(__file__).resolve().parents[1]
SNAPSHOT_NAMESPACE = "consolidated-v2"
SNAPSHOT_KEY = "latest"
BLOCK = "_block"  # column of the snapshot: the digest of the row's block
TABLES = ("agreements", "procurements")


def _files_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def index_fingerprint() -> str:
    """The code that decides a mention's block and what a month's block index holds (the
    extraction code is already in the month's own fingerprint)."""
    here = Path(__file__).resolve()
    return _files_digest(here.with_name("merge.py"), here)


@lru_cache(maxsize=1)
def consolidation_fingerprint() -> str:
    """Everything a block's published rows depend on besides its mentions: consolidation,
    the mention classes and system families (extractor), the frame builders and schemas
    (publisher), the vocabularies' stage ranks, and the libraries that score and store."""
    versions = [importlib.metadata.version(name) for name in ("rapidfuzz", "pandas", "pyarrow")]
    return "\0".join([index_fingerprint(), extractor_fingerprint(), publisher_fingerprint(),
                      _files_digest(_PACKAGE.parent / "schemas" / "vocab.py"), *versions])


# --------------------------------------------------------------- per month

def block_name(key: tuple) -> str:
    """A block key as text (its JSON): a plain string key in the month indexes, so reading an
    index back builds no tuple per block (66 months of ~5,500 blocks each at 100k articles)."""
    return encode_json(key).decode("utf-8")


def block_kind(name: str) -> str:
    """"agreement" or "procurement": the first element of a block key (see consolidate.block_key)."""
    return json.loads(name)[0]


def month_blocks(mentions: list, published: dict[str, str | None]) -> tuple[dict[str, list], bytes]:
    """(block name -> [digest, start, end], payload) of one month.

    The payload is the JSON texts of each block's (mentions, doc_id -> published), one after
    the other, and [start, end) a block's bytes in it: a rebuild decodes the blocks it needs
    only, instead of the month's every mention. A block's text holds its mentions (every
    field, in document and extraction order) and the dates they are consolidated with, and
    its SHA-1 is the digest. JSON is written by value, so a mention freshly extracted and one
    read back from the per-document cache give the same text."""
    by_block: dict[tuple, list] = {}
    for m in mentions:
        by_block.setdefault(block_key(m), []).append(m)
    index: dict[str, list] = {}
    chunks: list[bytes] = []
    offset = 0
    for key, ms in by_block.items():
        dates = {}
        for m in ms:
            dates.setdefault(m.evidence.doc_id, published.get(m.evidence.doc_id))
        data = encode_json([ms, dates])
        index[block_name(key)] = [hashlib.sha1(data).hexdigest(), offset, offset + len(data)]
        chunks.append(data)
        offset += len(data)
    return index, b"".join(chunks)


def merge_month_blocks(previous_index: dict[str, list], previous_payload: bytes, kept: set[str], dropped: list,
                       fresh: list, position: dict[str, int], published: dict[str, str | None]
                       ) -> tuple[dict[str, list], bytes] | None:
    """`month_blocks` of a month from its previous build's blocks, decoding and encoding only the
    blocks that changed: what a backfill of one article into an old month costs, instead of
    every mention of the month twice.

    `kept`: documents whose mentions are unchanged; `dropped`: the previous mentions of the other
    documents the previous build held (changed or gone); `fresh`: the mentions of the documents
    built now; `position`: doc_id -> the document's place in the month (the order `month_blocks`
    reads mentions in); `published`: every document's date. A block none of `dropped` and
    `fresh` touches keeps its text (checked against its digest); the others are decoded, their
    kept mentions merged with the fresh ones in document order (a document's mentions stay in
    extraction order) and encoded again. Equal, block by block, to `month_blocks` over every
    mention (tests/scale/test_consolidating.py); None when the previous blocks do not hold what
    their index says (the caller builds the month's blocks from scratch)."""
    touched = {block_name(block_key(m)) for m in itertools.chain(dropped, fresh)}
    fresh_by_block: dict[str, list] = {}
    for m in fresh:
        fresh_by_block.setdefault(block_name(block_key(m)), []).append(m)
    index: dict[str, list] = {}
    chunks: list[bytes] = []
    offset = 0

    def add(name: str, digest: str, data: bytes) -> None:
        nonlocal offset
        index[name] = [digest, offset, offset + len(data)]
        chunks.append(data)
        offset += len(data)

    for name, (digest, start, end) in previous_index.items():
        text = previous_payload[start:end]
        if hashlib.sha1(text).hexdigest() != digest:
            return None
        if name not in touched:
            add(name, digest, text)
            continue
        try:
            ms = [m for m in decode_json(text)[0] if m.evidence.doc_id in kept]
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return None  # sound checksums, but not a block's text
        ms.extend(fresh_by_block.pop(name, []))
        if ms:
            data = _block_text(ms, position, published)
            add(name, hashlib.sha1(data).hexdigest(), data)
    for name, ms in fresh_by_block.items():  # blocks new to the month
        data = _block_text(ms, position, published)
        add(name, hashlib.sha1(data).hexdigest(), data)
    return index, b"".join(chunks)


def _block_text(ms: list, position: dict[str, int], published: dict[str, str | None]) -> bytes:
    """A block's text as `month_blocks` writes it: its mentions in document order, then dates."""
    ms = sorted(ms, key=lambda m: position[m.evidence.doc_id])  # stable: extraction order within a document
    dates = {}
    for m in ms:
        dates.setdefault(m.evidence.doc_id, published.get(m.evidence.doc_id))
    return encode_json([ms, dates])


def _block_digests(indexes: list[dict], code: str) -> dict[str, str]:
    """block name -> digest of its mentions in every month (months in order) and of the code."""
    per_block: dict[str, list[str]] = {}
    for index in indexes:
        for key, (digest, _, _) in index.items():
            per_block.setdefault(key, []).append(digest)
    return {key: hashlib.sha1((code + "".join(ds)).encode()).hexdigest() for key, ds in per_block.items()}


# --------------------------------------------------------------- rebuilding blocks

def _load_blocks(mention_set: MentionMonths, indexes: list[dict], wanted: set) -> tuple[dict[str, list[bytes]], int]:
    """block name -> its JSON texts, one per month that holds some of it, in month order, of the
    `wanted` blocks (read only from the months that hold some of them); and the number of months
    read.  The texts are decoded block by block as the blocks are rebuilt (_rebuild): decoded here,
    every mention of a full run would be on the heap at once (at 100k articles the whole-tree peak
    fell from 1,977 to 1,891 MB when they no longer were)."""
    blocks: dict[str, list[bytes]] = {}
    n_months = 0
    for part, index in zip(mention_set.parts, indexes):
        keys = [k for k in index if k in wanted]
        if not keys:
            continue
        n_months += 1
        texts = part.block_texts(keys)
        for key in keys:
            blocks.setdefault(key, []).append(texts[key])
    return blocks, n_months


def _decoded(texts: list[bytes]) -> tuple[list, dict]:
    """A block's (mentions, doc_id -> published) from its texts: months in order, so a
    document's mentions stay in extraction order."""
    mentions: list = []
    published: dict = {}
    for text in texts:
        ms, dates = decode_json(text)
        mentions.extend(ms)
        published.update(dates)
    return mentions, published


def _rebuild(blocks: dict[str, list[bytes]], digests: dict[str, str]) -> tuple[list, list, list, list]:
    """Each block consolidated alone: (agreements, their block digests, procurements, theirs).
    Empties `blocks` as it goes: a block's texts are not needed once its records are built."""
    out = {"agreement": ([], []), "procurement": ([], [])}
    with paused_gc():
        for key in list(blocks):
            records, row_blocks = out[block_kind(key)]
            block_records = consolidate_block(*_decoded(blocks.pop(key)))
            records.extend(block_records)
            row_blocks.extend([digests[key]] * len(block_records))
    return (*out["agreement"], *out["procurement"])


def _with_blocks(df: pd.DataFrame, id_column: str, ids: list[str], blocks: list[str]) -> pd.DataFrame | None:
    """The frame with its rows' block digests; None when two rebuilt records share an id."""
    by_id = dict(zip(ids, blocks))
    if len(by_id) != len(ids):
        return None
    # object dtype: `isin` on it is a hash lookup (on arrow strings, a Python loop per row)
    return df.assign(**{BLOCK: pd.Series([by_id[i] for i in df[id_column]], dtype=object)})


def _assemble(kept: pd.DataFrame | None, new: pd.DataFrame, id_column: str) -> pd.DataFrame:
    """Reused rows and rebuilt rows in the published order (by id, as `columns_frame` sorts)."""
    parts = [f for f in (kept, new) if f is not None and len(f)]
    if not parts:
        return new
    df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return df.sort_values(id_column, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------- driver

ID_COLUMNS = RECORD_ID_COLUMNS


@dataclass
class Consolidated:
    agreements: pd.DataFrame
    procurements: pd.DataFrame
    n_blocks: int
    n_blocks_reused: int
    n_blocks_rebuilt: int
    n_months_read: int  # months whose mentions were loaded to rebuild blocks
    whole_corpus: bool  # ids clashed across blocks: consolidated as a whole instead


def consolidate_incremental(mention_set: MentionMonths, cache_root, extractor_version: str) -> Consolidated:
    """The agreements and procurements tables, equal to the frames of `consolidate` over
    every mention of `mention_set`, rebuilding only the blocks whose mentions changed."""
    cache = DiskCache(cache_root)
    indexes = [part.blocks() for part in mention_set.parts]
    digests = _block_digests(indexes, f"{consolidation_fingerprint()}\0{extractor_version}")
    snapshot = _snapshot(cache)
    known = {digest for df in snapshot.values() for digest in df[BLOCK].unique()}
    wanted = {key for key, digest in digests.items() if digest not in known}
    blocks, n_months = _load_blocks(mention_set, indexes, wanted)
    frames = _tables(snapshot, _rebuild(blocks, digests), set(digests.values()), extractor_version)
    if frames is None:
        return _whole_corpus(mention_set, len(digests), extractor_version)
    if wanted or any(len(snapshot.get(t, ())) != len(frames[t]) for t in TABLES):
        for table in TABLES:  # the rows of this run's blocks only
            cache.put_frame(SNAPSHOT_NAMESPACE, f"{SNAPSHOT_KEY}-{table}", frames[table])
    return Consolidated(frames["agreements"].drop(columns=[BLOCK]), frames["procurements"].drop(columns=[BLOCK]),
                        len(digests), len(digests) - len(wanted), len(wanted), n_months, False)


def _snapshot(cache: DiskCache) -> dict[str, pd.DataFrame]:
    """The previous run's tables with their block column; empty (every block is rebuilt)
    when either is missing or unusable."""
    frames = {}
    for table in TABLES:
        df = cache.get_frame(SNAPSHOT_NAMESPACE, f"{SNAPSHOT_KEY}-{table}")
        if df is None:
            return {}
        if BLOCK not in df.columns or ID_COLUMNS[table] not in df.columns:
            cache.discard(SNAPSHOT_NAMESPACE, f"{SNAPSHOT_KEY}-{table}", f"is not the {table} table", "parquet")
            return {}
        frames[table] = df
    return frames


def _tables(snapshot: dict, rebuilt: tuple, current: set[str], extractor_version: str) -> dict | None:
    """Each table from the snapshot's rows of current blocks and the rebuilt rows, with the
    block column; None when an id is not unique (two blocks share it: see the module doc)."""
    agreements, agreement_blocks, procurements, procurement_blocks = rebuilt
    built = {"agreements": (agreements_frame(agreements, extractor_version), agreements, agreement_blocks),
             "procurements": (procurements_frame(procurements, extractor_version), procurements, procurement_blocks)}
    frames = {}
    for table, (df, records, row_blocks) in built.items():
        id_column = ID_COLUMNS[table]
        new = _with_blocks(df, id_column, [getattr(r, id_column) for r in records], row_blocks)
        if new is None:
            return None
        old = snapshot.get(table)
        frames[table] = _assemble(old[old[BLOCK].isin(current)] if old is not None else None, new, id_column)
        if not frames[table][id_column].is_unique:
            return None
    return frames


def _whole_corpus(mention_set: MentionMonths, n_blocks: int, extractor_version: str) -> Consolidated:
    """Two blocks share an id (never seen: a hash collision, or a '|' in a party code), so
    their "-2" suffixes depend on each other: consolidate everything as one."""
    agreements, procurements = consolidate(*mention_set.mentions_and_dates())
    return Consolidated(agreements_frame(agreements, extractor_version), procurements_frame(procurements, extractor_version),
                        n_blocks, 0, n_blocks, len(mention_set.parts), True)
