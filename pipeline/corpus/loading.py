"""Read a whole corpus directory: listing + manifest + one Document per article."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentRejected
from .listing import list_corpus
from .manifest import ManifestRow, read_manifest
from .reading import MAX_BYTES, Document, read_document


@dataclass
class Rejection:
    file: str
    reason: str  # DocumentRejected.reason
    message: str


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)  # in file-name order, duplicates removed
    rejected: list[Rejection] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # from list_corpus
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file kept with the same bytes)
    manifest_problems: list[str] = field(default_factory=list)


def load_corpus(corpus_dir: str | Path, max_bytes: int = MAX_BYTES) -> Corpus:
    """Read every article of ``corpus_dir``. Never raises for a bad file: see ``rejected``."""
    root = Path(corpus_dir)
    listing = list_corpus(root)
    out = Corpus(ignored=list(listing.ignored))
    rows: dict[str, ManifestRow] = {}
    if listing.manifest:
        try:
            text = (root / listing.manifest).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            out.manifest_problems.append(f"{listing.manifest}: unreadable ({e}); ignored")
        else:
            rows, problems = read_manifest(text)
            out.manifest_problems.extend(f"{listing.manifest}: {p}" for p in problems)
        articles = set(listing.articles)
        for name in sorted(set(rows) - articles):
            out.manifest_problems.append(f"{listing.manifest}: row for '{name}' matches no article")
    seen: dict[str, str] = {}
    for name in listing.articles:
        path = root / name
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise DocumentRejected("too_large", f"{size:,} bytes is over the {max_bytes:,}-byte limit",
                                       file_name=name)
            doc = read_document(name, path.read_bytes(), rows.get(name), max_bytes=max_bytes)
        except DocumentRejected as e:
            out.rejected.append(Rejection(name, e.reason, str(e)))
            continue
        except OSError as e:
            out.rejected.append(Rejection(name, "unreadable", f"{name}: cannot be read ({e.strerror})"))
            continue
        if doc.doc_id in seen:
            out.duplicates.append((name, seen[doc.doc_id]))
            continue
        seen[doc.doc_id] = name
        out.documents.append(doc)
    return out
