"""Fingerprints of the code and reference data that produce cached results.

Keying caches by a hash of the source files (and gazetteers) as well as the declared
EXTRACTOR_VERSION means an edited recogniser can never be served stale results, even when
nobody remembered to bump the version.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_LOADER = _PACKAGE / "reference" / "__init__.py"  # how reference/*.csv are read


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(_PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def reader_version() -> str:
    """The corpus reader (decoding, cleaning, metadata), the calendar words it shares with the
    extractor (text/), and the reference data it reads (capitals, which tell a dateline's place
    from a byline's name)."""
    return "reader-" + _digest([*(_PACKAGE / "corpus").glob("*.py"), *(_PACKAGE / "text").glob("*.py"), _LOADER,
                                _PACKAGE / "reference" / "capitals.csv"])


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The extraction library and its gazetteers."""
    from pipeline.extract import EXTRACTOR_VERSION

    # corpus/dateline.py (and the date forms it builds on): the extractor reads datelines with it
    files = [*(_PACKAGE / "extract").rglob("*.py"), *(_PACKAGE / "text").glob("*.py"), _LOADER,
             _PACKAGE / "corpus" / "dateline.py", _PACKAGE / "corpus" / "dates.py", *(_PACKAGE / "reference").glob("*.csv")]
    return f"extract-{EXTRACTOR_VERSION}-{_digest(files)}"


@lru_cache(maxsize=1)
def publisher_fingerprint() -> str:
    """The code that turns records into published files (rows, frames, writers, schemas):
    a changed writer or data contract rewrites every part of the partitioned tables."""
    root = _PACKAGE.parent
    files = [_PACKAGE / "rows.py", _PACKAGE / "tables.py", *(_PACKAGE / "publish").glob("*.py"), *(root / "schemas").glob("*.py")]
    h = hashlib.sha256()
    for p in sorted(files):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return "publish-" + h.hexdigest()[:12]
