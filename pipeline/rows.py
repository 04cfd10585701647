"""Plain-dict rows of the published tables, built from the library's records.

No pandas here: extraction workers build mention rows in parallel processes and cache
them, so this module stays light to import. `pipeline.tables` turns rows into typed frames.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import fields
from operator import attrgetter
from typing import Callable

from pipeline.extract.records import AgreementFields, AgreementMention, Conflict, MoneyValue, ProcurementFields, ProcurementMention


@contextmanager
def paused_gc():
    """For steps that build many small acyclic objects (records, column lists) while the whole
    corpus's mentions are on the heap: the collector's full passes over that heap cost more
    than the work itself (30-40 % of consolidation at 10k documents, up to 5x for a frame),
    and nothing they free needs it (reference counting does)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def money_text(m: MoneyValue) -> str:
    """'4400000000 MYR': plain digits, no exponent, no trailing '.0'."""
    return f"{m.value:.2f}".rstrip("0").rstrip(".") + " " + m.currency


def conflict_text(c: Conflict) -> str:
    return f"{c.field}: {c.value} [{', '.join(c.doc_ids)}]"


def document_row(d) -> dict:
    return {
        "doc_id": d.doc_id,
        "file_name": d.file_name,
        "title": d.title,
        "publisher": d.publisher,
        "url": d.url,
        "published": d.published,
        "published_precision": d.published_precision,
        "published_source": d.published_source,
        "dateline": d.dateline,
        "encoding": d.encoding,
        "n_bytes": d.n_bytes,
        "raw_sha256": d.raw_sha256,
        "n_chars": d.n_chars,
        "n_removed_controls": d.n_removed_controls,
        "n_replaced_bytes": d.n_replaced_bytes,
        "text": d.text,
    }


def mention_row(m, mention_id: str, to_raw_span, extractor_version: str) -> dict:
    """`to_raw_span` maps a cleaned-text span to the raw decoded text (Document.to_raw_span)."""
    ev = m.evidence
    raw_start, raw_end = to_raw_span(ev.char_start, ev.char_end)
    row = {
        "mention_id": mention_id,
        "doc_id": ev.doc_id,
        "kind": m.kind,
        "status": m.status,
        "sentence": ev.sentence,
        "char_start": ev.char_start,
        "char_end": ev.char_end,
        "raw_char_start": raw_start,
        "raw_char_end": raw_end,
        "parties": [],
        "signatories": [],
        "topics": [],
        "value_alternatives": [],
        "extractor_version": extractor_version,
    }
    if isinstance(m, AgreementMention):
        row.update({name: get(m) for name, get in AGREEMENT_FIELDS.items()})
    elif isinstance(m, ProcurementMention):
        row.update({name: get(m) for name, get in PROCUREMENT_FIELDS.items()})
    return row


def _columns(fields_of) -> dict[str, Callable]:
    """(column, getter) of each field a mention states and a record keeps (records.AgreementFields,
    records.ProcurementFields): the published columns are these fields, but for the stage and
    evidence (published in columns of their own), lists copied (a frame must not share them),
    and money, published as its value and currency and as '<value> <code>' texts in a list."""
    out: dict[str, Callable] = {}
    for f in fields(fields_of):
        if f.name in ("status", "evidence"):
            continue
        if f.type == "MoneyValue | None":
            out[f.name] = lambda r, a=f.name: v.value if (v := getattr(r, a)) else None
            out["currency"] = lambda r, a=f.name: v.currency if (v := getattr(r, a)) else None
        elif f.type == "list[MoneyValue]":
            out[f.name] = lambda r, a=f.name: [money_text(v) for v in getattr(r, a)]
        elif f.type.startswith("list["):
            out[f.name] = lambda r, a=f.name: list(getattr(r, a))
        else:
            out[f.name] = attrgetter(f.name)
    return out


# Columns as (name, getter) so that one definition serves both the row dicts here and the
# column lists pipeline.tables builds straight from records (no dict per row there).
AGREEMENT_FIELDS = _columns(AgreementFields)
PROCUREMENT_FIELDS = _columns(ProcurementFields)

# Provenance of a consolidated record, but for `extractor_version` (a run's constant).
PROVENANCE_FIELDS: dict[str, Callable] = {
    "source_doc_ids": lambda r: sorted(r.source_doc_ids),
    "n_sources": lambda r: len(r.source_doc_ids),
    "first_reported": attrgetter("first_reported"),
    "last_reported": attrgetter("last_reported"),
    "evidence_doc_id": attrgetter("evidence.doc_id"),
    "evidence_sentence": attrgetter("evidence.sentence"),
    "evidence_char_start": attrgetter("evidence.char_start"),
    "evidence_char_end": attrgetter("evidence.char_end"),
    "mention_ids": lambda r: sorted(r.mention_ids),
    "conflicts": lambda r: [conflict_text(c) for c in r.conflicts],
}
