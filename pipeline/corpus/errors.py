"""Why a file is not turned into a Document."""
from __future__ import annotations

REASONS = {
    "empty": "the file is empty or contains only whitespace",
    "binary": "the file looks binary, not text",
    "undecodable": "the file could not be decoded as text",
    "too_large": "the file is larger than the size limit",
    "only_boilerplate": "nothing is left once scraping boilerplate is removed",
    "unsupported_language": "the article is not in English, the only language the extractor reads",
}


class DocumentRejected(Exception):
    """A file that cannot become a Document.

    ``reason`` is short and machine-readable (one of ``REASONS``); ``str(e)`` is a human message.
    """

    def __init__(self, reason: str, message: str | None = None, *, file_name: str | None = None):
        self.reason = reason
        self.detail = message or REASONS.get(reason, reason)
        self.file_name = file_name
        super().__init__(f"{file_name}: {self.detail}" if file_name else self.detail)

    def with_file(self, file_name: str) -> "DocumentRejected":
        return DocumentRejected(self.reason, self.detail, file_name=file_name)


def replaced_bytes_warning(file_name: str, n_replaced_bytes: int) -> str:
    """What to log for a document read as UTF-8 with invalid bytes replaced: published, but said."""
    return (f"{file_name}: {n_replaced_bytes:,} invalid UTF-8 byte{'s' if n_replaced_bytes != 1 else ''} "
            "read as U+FFFD (documents.n_replaced_bytes); the rest of the file is valid UTF-8")
