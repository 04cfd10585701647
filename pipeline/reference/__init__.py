"""The reference data (the CSV files beside this module) and the one way to read them.

Every lexicon and gazetteer the pipeline uses is a CSV file here, with a source column; the
corpus reader (capitals, for datelines) and the extractor read them through `rows`. The folder
can be overridden with DEALS_REFERENCE_DIR (tests point it at fixtures). A missing file yields
no rows, so the extractor still runs (with less recall).
"""
from __future__ import annotations

import csv
import os
import sys
from functools import lru_cache
from pathlib import Path

_DEFAULT_DIR = Path(__file__).resolve().parent
# the modules whose cached values are built from these files (see clear_caches)
_DEPENDENT_PACKAGES = ("pipeline.extract.", "pipeline.corpus.")


ENV = "DEALS_REFERENCE_DIR"


def directory_key() -> str:
    """The reference folder as set (empty: the packaged one), for caches keyed by folder. The only
    place the variable is read: it must reach the reading and extraction worker processes, which
    get the parent's environment and nothing else."""
    return os.environ.get(ENV, "")


def reference_dir() -> Path:
    env = directory_key()
    return Path(env) if env else _DEFAULT_DIR


@lru_cache(maxsize=None)
def _rows(directory: str, name: str) -> tuple[dict, ...]:
    path = Path(directory) / name
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f))


def rows(name: str) -> tuple[dict, ...]:
    return _rows(str(reference_dir()), name)


def packaged_rows(name: str) -> tuple[dict, ...]:
    """The rows of the file shipped with the package, whatever DEALS_REFERENCE_DIR says (for a
    lexicon that a fixture folder may leave out)."""
    return _rows(str(_DEFAULT_DIR), name)


def lexicon_rows(name: str) -> tuple[dict, ...]:
    """The rows of a lexicon of the language (cue words, category nouns, abbreviations), not a
    gazetteer: from the folder in use, or the packaged file when that folder has none (a test
    fixture folder holds only the gazetteers it needs)."""
    return rows(name) or packaged_rows(name)


def split_aliases(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def clear_caches() -> None:
    """Forget the loaded files and every value cached from them (tests switch reference dirs):
    each `lru_cache` (or anything with a `cache_clear`) defined by a loaded module of the corpus
    reader or the extractor. Found by walking the loaded modules rather than by name, so a
    module that adds a cache needs no line here and this module imports none of them. Memo
    caches of per-sentence results are cleared too: they may hold what a gazetteer gave."""
    _rows.cache_clear()
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(_DEPENDENT_PACKAGES):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
