"""Turn the bytes of one article file into a Document (decoded, cleaned, with metadata).

Size limit: a file over ``MAX_BYTES`` (5,000,000 bytes) is rejected as ``too_large``, whole:
it is never truncated, because a news article is a few tens of kilobytes and a bigger .txt is
a dump or a mistake, of which a truncated part would be published as if it were an article.
``load_corpus`` checks the size before reading, so a huge file is never read into memory.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from .cleaning import CleanText, Segment, clean_with_layout
from .dates import parse_iso_date
from .decoding import decode_article
from .errors import DocumentRejected
from .language import unsupported_language
from .manifest import ManifestRow, normalize_path
from .metadata import infer_metadata

MAX_BYTES = 5_000_000  # the size limit (see the module docstring)


@dataclass(frozen=True)
class Document:
    doc_id: str  # first 16 hex chars of sha256 of the raw bytes (content hash)
    file_name: str  # path relative to the corpus dir, POSIX separators
    title: str | None
    publisher: str | None
    published: str | None  # ISO 8601 date at the precision supported: "2025-09-22", "2025-09", "2025"
    published_precision: str | None  # "day" | "month" | "year"
    published_source: str | None  # "manifest" | "text"
    text: str  # cleaned text (what the extractor reads)
    n_chars: int  # len(text)
    raw_sha256: str  # full sha256 hex of the raw bytes
    n_bytes: int
    # the encoding used to decode: raw_text == raw_bytes.decode(encoding, errors="replace")
    # (== raw_bytes.decode(encoding) unless n_replaced_bytes)
    encoding: str
    segments: tuple[Segment, ...]  # (clean_start, raw_start, length): map back to the raw decoded text
    url: str | None = None  # from the manifest
    # invisible format / control characters (zero-width joiners, bidi overrides, NULs...) dropped
    # from the decoded text before cleaning; they are not in ``text`` but are in the raw text
    n_removed_controls: int = 0
    dateline: str | None = None  # where the story was filed, from its dateline or byline
    # invalid bytes of a UTF-8 file read as U+FFFD (one per invalid sequence), in text and raw text
    n_replaced_bytes: int = 0

    @cached_property
    def _map(self) -> CleanText:
        return CleanText(self.text, self.segments)

    def to_raw(self, clean_offset: int, *, end: bool = False) -> int:
        """Offset in the raw decoded text of an offset in ``text`` (see CleanText.to_raw)."""
        return self._map.to_raw(clean_offset, end=end)

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw decoded-text span of the cleaned-text span [start, end)."""
        return self._map.to_raw_span(start, end)


def read_document(
    file_name: str, data: bytes, manifest: ManifestRow | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Decode, clean and describe one article. Raises DocumentRejected (with .reason)."""
    file_name = normalize_path(file_name)
    try:
        if len(data) > max_bytes:
            raise DocumentRejected("too_large", too_large_message(len(data), max_bytes))
        decoded = decode_article(data)
        raw = decoded.text
        clean, layout = clean_with_layout(raw, decoded.unusual)
        has_letters = any(c.isalpha() for c in clean.text)
        # judged before only_boilerplate: cleaning may drop every line of a non-English text
        # (a Chinese sentence has no lower-case letter, like a section label)
        why = unsupported_language(clean.text) if has_letters else unsupported_language(raw, by_words=False)
        if why:
            raise DocumentRejected("unsupported_language", why)
        if not has_letters:
            raise DocumentRejected(
                "only_boilerplate",
                "nothing is left once scraping boilerplate is removed "
                f"({len(clean.removed)} noise line(s) removed from {len(raw):,} characters)",
            )
    except DocumentRejected as e:
        raise e.with_file(file_name) from None
    meta = infer_metadata(raw, layout, last_nonblank_line(clean.text))

    published, precision, source = meta.published, meta.published_precision, "text" if meta.published else None
    if manifest is not None and manifest.published:
        parsed = parse_iso_date(manifest.published)
        if parsed:
            published, precision, source = parsed[0], parsed[1], "manifest"
    publisher = (manifest.publisher if manifest is not None and manifest.publisher else None) or meta.publisher

    sha = hashlib.sha256(data).hexdigest()
    return Document(
        doc_id=sha[:16],
        file_name=file_name,
        title=meta.title,
        publisher=publisher,
        published=published,
        published_precision=precision,
        published_source=source,
        text=clean.text,
        n_chars=len(clean.text),
        raw_sha256=sha,
        n_bytes=len(data),
        encoding=decoded.encoding,
        segments=clean.segments,
        url=manifest.url if manifest is not None else None,
        n_removed_controls=clean.n_removed_controls,
        dateline=meta.dateline,
        n_replaced_bytes=decoded.n_replaced_bytes,
    )


def last_nonblank_line(text: str) -> str:
    """The last of ``[ln for ln in text.splitlines() if ln.strip()]``, or "" (without splitting it all).

    Split a tail of the text: every piece after the tail's first one is a whole line of ``text``
    (the first may be a cut line, or the "" before the "\n" of a "\r\n" cut in two), and the lines
    after it are all there; so the last non-blank one of them, if any, is the answer. Else take a
    tail 8x longer, up to the whole text (where the first piece is a whole line too)."""
    size = 512
    while True:
        whole = size >= len(text)
        pieces = text.splitlines() if whole else text[-size:].splitlines()
        for k in range(len(pieces) - 1, -1 if whole else 0, -1):
            if pieces[k].strip():
                return pieces[k]
        if whole:
            return ""
        size *= 8


def too_large_message(size: int, max_bytes: int) -> str:
    return f"{size:,} bytes is over the {max_bytes:,}-byte size limit; the file is skipped, not truncated"
