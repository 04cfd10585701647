"""The mentions extracted from an invented text, by kind: the helpers of the mechanism tests."""
from pipeline.extract import extract_mentions
from pipeline.extract.records import AgreementMention, ProcurementMention


def procs(text: str, published: str | None = "2026-03-12") -> list[ProcurementMention]:
    return [m for m in extract_mentions(text, "t.txt", published) if isinstance(m, ProcurementMention)]


def agreements(text: str, published: str | None = "2026-03-12") -> list[AgreementMention]:
    return [m for m in extract_mentions(text, "t.txt", published) if isinstance(m, AgreementMention)]
