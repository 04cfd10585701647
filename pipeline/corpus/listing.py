"""Find the articles of a corpus directory, and say why every other file is left out."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import MANIFEST_NAME


@dataclass
class CorpusListing:
    articles: list[str] = field(default_factory=list)  # relative POSIX paths of *.txt files, sorted
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (relative path, reason), sorted
    manifest: str | None = None  # "sources.csv" when the corpus root has one


def _undecodable(name: str) -> bool:
    # os.scandir decodes names with surrogateescape: an undecodable byte becomes U+DC80..U+DCFF
    return any("\udc80" <= c <= "\udcff" for c in name)


def _escaped(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def list_corpus(corpus_dir: str | Path) -> CorpusListing:
    """List ``*.txt`` articles under ``corpus_dir`` (recursively). Hidden files and directories,
    other file types, names that are not valid UTF-8, and symlinks leading outside the corpus
    are ignored, with a reason.
    Raises FileNotFoundError / NotADirectoryError when ``corpus_dir`` is not a directory."""
    root = Path(corpus_dir)
    if not root.exists():
        raise FileNotFoundError(f"corpus directory not found: {root}")
    if not root.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    root_real = root.resolve()
    out = CorpusListing()
    visited = {root_real}

    def walk(directory: str, prefix: str) -> None:
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            out.ignored.append((prefix or ".", f"unreadable directory ({e.strerror})"))
            return
        for e in entries:
            rel = f"{prefix}/{e.name}" if prefix else e.name
            if e.name.startswith("."):
                out.ignored.append((rel, "hidden"))
                continue
            if _undecodable(e.name):
                # such a name cannot be published (JSON, CSV and Parquet want valid Unicode): list
                # it with its bad bytes escaped, and do not read it or walk into it
                out.ignored.append((_escaped(rel), "file name is not valid UTF-8"))
                continue
            try:
                if e.is_symlink():
                    try:
                        target = Path(e.path).resolve(strict=True)
                    except (OSError, RuntimeError):
                        out.ignored.append((rel, "broken symlink"))
                        continue
                    if not target.is_relative_to(root_real):
                        out.ignored.append((rel, "symlink outside corpus"))
                        continue
                    is_dir, is_file = target.is_dir(), target.is_file()
                else:
                    is_dir, is_file = e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False)
            except OSError as err:
                out.ignored.append((rel, f"unreadable ({err.strerror})"))
                continue
            if is_dir:
                real = Path(e.path).resolve()
                if real in visited:
                    out.ignored.append((rel, "directory already listed (symlink loop)"))
                    continue
                visited.add(real)
                walk(e.path, rel)
            elif not is_file:
                out.ignored.append((rel, "not a regular file"))
            elif rel == MANIFEST_NAME:
                out.manifest = rel
            elif e.name == MANIFEST_NAME:
                out.ignored.append((rel, f"manifest outside the corpus root (only ./{MANIFEST_NAME} is read)"))
            elif e.name.lower().endswith(".txt"):
                out.articles.append(rel)
            else:
                out.ignored.append((rel, "not a .txt file"))

    walk(str(root), "")
    out.articles.sort()
    out.ignored.sort()
    return out
