"""Run the extraction library over documents, one document's failure never stopping the rest."""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field

import pandas as pd

from pipeline.extract import EXTRACTOR_VERSION, extract_mentions, mention_id
from pipeline.corpus import Rejection
from pipeline.tables import mention_row, mentions_frame


@dataclass
class MentionSet:
    mentions: list = field(default_factory=list)  # AgreementMention | ProcurementMention
    ids: list[str] = field(default_factory=list)  # mention_id, parallel to `mentions`
    frame: pd.DataFrame | None = None
    failures: list[Rejection] = field(default_factory=list)  # documents whose extraction raised
    published_by_doc: dict[str, str | None] = field(default_factory=dict)


def _failure_summary(exc: BaseException) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" at {last[0].name} ({last[0].filename.rsplit('/', 1)[-1]}:{last[0].lineno})" if last else ""
    return f"extraction failed: {type(exc).__name__}: {exc}{where}"


def extract_documents(documents) -> MentionSet:
    out = MentionSet()
    rows = []
    for doc in documents:
        try:
            found = extract_mentions(doc.text, doc.doc_id, doc.published)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
            out.failures.append(Rejection(doc.file_name, "extraction_failed", _failure_summary(exc), doc.n_bytes, doc.raw_sha256))
            continue
        out.published_by_doc[doc.doc_id] = doc.published
        for m in found:
            mid = mention_id(m)
            out.mentions.append(m)
            out.ids.append(mid)
            rows.append(mention_row(m, mid, doc.to_raw_span, EXTRACTOR_VERSION))
    out.frame = mentions_frame(rows)
    return out

