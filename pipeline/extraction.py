"""Extraction of one document: its mentions and their published rows (offsets in cleaned and raw text)."""
from __future__ import annotations

from pipeline.extract import EXTRACTOR_VERSION, extract_mentions, mention_id
from pipeline.rows import mention_row


def extract_document(doc) -> tuple[list, list[dict]]:
    """(mentions, mentions-table rows) of a corpus Document. Raises what the extractor raises."""
    mentions = extract_mentions(doc.text, doc.doc_id, doc.published, doc.dateline)
    rows = [mention_row(m, mention_id(m), doc.to_raw_span, EXTRACTOR_VERSION) for m in mentions]
    return mentions, rows
