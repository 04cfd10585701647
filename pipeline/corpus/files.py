"""Read the files of a corpus directory: one article, the manifest, the file hashes.

``corpus.index`` reads a whole directory with these; like them it never raises because of a file's content or state: every article ends up in
``documents`` or ``rejected`` (reason ``unreadable`` when it cannot be opened or read: permission
denied, vanished since the listing, not a regular file any more), every other file in
``ignored``, and a manifest that cannot be used is reported in ``manifest_problems``. Only a
corpus directory that does not exist raises (a configuration error, not a bad file).
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .decoding import decode_bytes
from .errors import DocumentRejected
from .listing import list_corpus
from .manifest import ManifestRow, read_manifest
from .document import MAX_BYTES, Document, read_document, too_large_message


@dataclass
class Rejection:
    file: str
    reason: str  # DocumentRejected.reason, "duplicate", "unreadable" or "extraction_failed"
    message: str
    n_bytes: int | None = None
    sha256: str | None = None  # None when the file was not read (too large, unreadable)


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)  # in file-name order, duplicates removed
    rejected: list[Rejection] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # from list_corpus
    manifest: str | None = None
    manifest_problems: list[str] = field(default_factory=list)
    # file -> sha256 of every article and of the manifest: what this read processed
    # ("size:<n>" for a file over the size limit, which is not read; absent when unreadable)
    fingerprint: dict[str, str] = field(default_factory=dict)


def read_bounded(path: Path, max_bytes: int) -> tuple[int, bytes | None]:
    """(size, bytes) of a regular file, or (size, None) when it is over ``max_bytes``: the size
    is taken from the open file before reading, so a huge file is never read into memory.
    Raises OSError when the file cannot be opened or read, or is not a regular file."""
    # O_NONBLOCK: a FIFO put in place of an article after the listing must not block the run
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if st.st_size > max_bytes:
            return st.st_size, None
        # read(n) allocates n bytes, so ask for what fstat said, plus one byte to tell a file
        # that grew since; then read on, still bounded
        data = f.read(st.st_size + 1)
        if len(data) > st.st_size:
            data += f.read(max_bytes + 1 - len(data))
            if len(data) > max_bytes:
                return max(os.fstat(f.fileno()).st_size, len(data)), None
    return len(data), data


def read_article(root: str | Path, name: str, manifest_row: ManifestRow | None = None,
                 max_bytes: int = MAX_BYTES) -> Document | Rejection:
    """One article file of the corpus (``name`` relative to ``root``) as a Document, or the
    Rejection saying why not. Never raises."""
    size = sha = None
    try:
        size, data = read_bounded(Path(root) / name, max_bytes)
        if data is None:
            return Rejection(name, "too_large", f"{name}: {too_large_message(size, max_bytes)}", size)
        sha = hashlib.sha256(data).hexdigest()
        return read_document(name, data, manifest_row, max_bytes=max_bytes)
    except DocumentRejected as e:
        return Rejection(name, e.reason, str(e), size, sha)
    except OSError as e:
        return Rejection(name, "unreadable", f"{name}: cannot be read ({_why(e)})", size, sha)
    except Exception as e:  # noqa: BLE001 - a bug on one hostile file must not lose the others
        return Rejection(name, "unreadable", f"{name}: reading failed ({type(e).__name__}: {e})", size, sha)


def article_fingerprint(result: Document | Rejection) -> str | None:
    """What ``Corpus.fingerprint`` records for an article: its sha256, "size:<n>" when it was too
    large to be read, None when it could not be read."""
    if isinstance(result, Document):
        return result.raw_sha256
    if result.sha256 is None and result.reason == "too_large":
        return f"size:{result.n_bytes}"
    return result.sha256


def load_manifest(root: str | Path, name: str, articles: list[str], max_bytes: int = MAX_BYTES
                  ) -> tuple[dict[str, ManifestRow], list[str], str | None]:
    """(rows, problems, fingerprint) of the manifest file ``name`` under ``root``. Never raises:
    whatever is wrong with the file is a problem, and its rows are then {}. ``articles``: the
    listed articles, to report rows that match none. fingerprint: as for an article."""
    fingerprint = None
    try:
        size, data = read_bounded(Path(root) / name, max_bytes)
        if data is None:
            return {}, [f"{name}: {too_large_message(size, max_bytes)}; ignored"], f"size:{size}"
        fingerprint = hashlib.sha256(data).hexdigest()
        # decoded like an article: a spreadsheet may well save it as cp1252 or UTF-16
        text, _ = decode_bytes(data)
        rows, problems = read_manifest(text)
    except OSError as e:
        return {}, [f"{name}: cannot be read ({_why(e)}); ignored"], None
    except DocumentRejected as e:
        return {}, [f"{name}: {e.detail}; ignored"], fingerprint
    except Exception as e:  # noqa: BLE001 - a broken manifest must not stop the articles
        return {}, [f"{name}: reading failed ({type(e).__name__}: {e}); ignored"], fingerprint
    problems = [f"{name}: {p}" for p in problems]
    problems += [f"{name}: row for '{row}' matches no article" for row in sorted(set(rows) - set(articles))]
    return rows, problems, fingerprint


def _why(e: OSError) -> str:
    # strerror only: str(e) carries the absolute path, which must not reach a published file
    return e.strerror or type(e).__name__


FileHashes = Callable[[Path, list[str], int], dict[str, tuple[str | None, int | None]]]


def read_hashes(root: Path, names: list[str], max_bytes: int) -> dict[str, tuple[str | None, int | None]]:
    """name -> (sha256, size) of each file read now; (None, size) when over ``max_bytes`` (not
    read), (None, None) when unreadable."""
    out: dict[str, tuple[str | None, int | None]] = {}
    for name in names:
        try:
            size, data = read_bounded(root / name, max_bytes)
        except OSError:
            out[name] = (None, None)
            continue
        out[name] = (None, size) if data is None else (hashlib.sha256(data).hexdigest(), size)
    return out


def corpus_fingerprint(corpus_dir: str | Path, max_bytes: int = MAX_BYTES, hashes: FileHashes = read_hashes) -> dict[str, str]:
    """file -> sha256 of every article and of the manifest, exactly as ``load_corpus`` (and the
    production reader, corpus/index.py) records it: "size:<n>" for a file over the limit,
    nothing for one that cannot be read. `hashes`: how the articles are hashed (the production
    reader passes hashing that re-reads only the files whose stat signature changed)."""
    root = Path(corpus_dir)
    listing = list_corpus(root)
    out: dict[str, str] = {}
    if listing.manifest:
        _, _, fingerprint = load_manifest(root, listing.manifest, listing.articles, max_bytes)
        if fingerprint:
            out[listing.manifest] = fingerprint
    for name, (sha, size) in hashes(root, listing.articles, max_bytes).items():
        if sha is not None:
            out[name] = sha
        elif size is not None and size > max_bytes:
            out[name] = f"size:{size}"
    return out
