"""Read a whole corpus directory: listing + manifest + one Document per article."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentRejected
from .listing import list_corpus
from .manifest import ManifestRow, read_manifest
from .reading import MAX_BYTES, Document, read_document


@dataclass
class Rejection:
    file: str
    reason: str  # DocumentRejected.reason, "duplicate", or "extraction_failed"
    message: str
    n_bytes: int | None = None
    sha256: str | None = None


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)  # in file-name order, duplicates removed
    rejected: list[Rejection] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # from list_corpus
    manifest: str | None = None
    manifest_problems: list[str] = field(default_factory=list)
    # file -> sha256 of every article and of the manifest: what this read processed
    fingerprint: dict[str, str] = field(default_factory=dict)


def load_corpus(corpus_dir: str | Path, max_bytes: int = MAX_BYTES) -> Corpus:
    """Read every article of ``corpus_dir``. Never raises for a bad file: see ``rejected``."""
    root = Path(corpus_dir)
    listing = list_corpus(root)
    out = Corpus(ignored=list(listing.ignored), manifest=listing.manifest)
    rows: dict[str, ManifestRow] = {}
    if listing.manifest:
        try:
            manifest_bytes = (root / listing.manifest).read_bytes()
            out.fingerprint[listing.manifest] = hashlib.sha256(manifest_bytes).hexdigest()
            text = manifest_bytes.decode("utf-8-sig")
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
        size = sha = None
        try:
            size = path.stat().st_size
            if size > max_bytes:
                out.fingerprint[name] = f"size:{size}"
                raise DocumentRejected("too_large", f"{size:,} bytes is over the {max_bytes:,}-byte limit",
                                       file_name=name)
            data = path.read_bytes()
            sha = out.fingerprint[name] = hashlib.sha256(data).hexdigest()
            doc = read_document(name, data, rows.get(name), max_bytes=max_bytes)
        except DocumentRejected as e:
            out.rejected.append(Rejection(name, e.reason, str(e), size, sha))
            continue
        except OSError as e:
            out.rejected.append(Rejection(name, "unreadable", f"{name}: cannot be read ({e.strerror})", size))
            continue
        if doc.doc_id in seen:
            out.rejected.append(Rejection(name, "duplicate", f"{name}: same bytes as {seen[doc.doc_id]}", size, sha))
            continue
        seen[doc.doc_id] = name
        out.documents.append(doc)
    return out


def corpus_fingerprint(corpus_dir: str | Path, max_bytes: int = MAX_BYTES) -> dict[str, str]:
    """file -> sha256 of every article and of the manifest, as ``load_corpus`` records it."""
    root = Path(corpus_dir)
    listing = list_corpus(root)
    out: dict[str, str] = {}
    for name in list(listing.articles) + ([listing.manifest] if listing.manifest else []):
        path = root / name
        try:
            size = path.stat().st_size
            if size > max_bytes and name != listing.manifest:
                out[name] = f"size:{size}"
                continue
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue  # unreadable now; load_corpus reports it, and it has no hash there either
    return out
