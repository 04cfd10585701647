"""The published records: the consolidated tables with the curation folder's corrections applied,
values in US dollars, and every record's confidence measured. One call, so that the asset only wires and reports."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.corpus.index import DocumentIndex
from pipeline.curate.apply import Curated, apply_corrections
from pipeline.curate.corrections import read_corrections
from pipeline.publish.assemble import publishers
from pipeline.publish.idmap import build_id_map, read_previous, records_of
from pipeline.publish.release import latest_release
from pipeline.enrich.usd import with_usd
from pipeline.review.queue import with_confidence


def moved_ids(output_dir, agreements: pd.DataFrame, procurements: pd.DataFrame) -> tuple[dict[str, list[str]], list[str]]:
    """old id -> the ids holding its evidence now, of every id the latest release in `output_dir`
    published or mapped that these records no longer use (corrections follow a moved id), and
    what could not be read of that release."""
    previous = read_previous(latest_release(output_dir))
    rows = build_id_map(previous, records_of({"agreements": agreements, "procurements": procurements}))
    return {r["old_id"]: list(r["new_ids"]) for r in rows}, previous.problems


def document_lookup(index: DocumentIndex):
    """doc_id -> (cleaned text, publication date) of the corpus's documents (for corrections that add records)."""
    entries = {e.doc_id: e for e in index.entries}

    def lookup(doc_id: str):
        entry = entries.get(doc_id)
        if entry is None:
            return None
        doc = index.load_document(entry)
        return doc.text, doc.published
    return lookup


def finish_records(agreements: pd.DataFrame, procurements: pd.DataFrame, index: DocumentIndex, output_dir: Path,
                   curation_dir: Path | None, extractor_version: str) -> tuple[Curated, list[str]]:
    """(the corrected, measured tables and each correction's outcome; what could not be read of
    the latest release). Corrections apply after consolidation and before validation, following
    ids the id map says moved; confidence is measured on the records as they will be published."""
    moved, problems = moved_ids(output_dir, agreements, procurements)
    curated = apply_corrections({"agreements": agreements, "procurements": procurements},
                                read_corrections(curation_dir), document_lookup(index), moved, extractor_version)
    curated.tables["procurements"] = with_usd(curated.tables["procurements"])  # values as corrected
    sources = publishers(index)
    for table in ("agreements", "procurements"):
        curated.tables[table] = with_confidence(table, curated.tables[table], sources)
    return curated, problems
