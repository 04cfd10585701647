"""The extractor's per-text memo caches, and clearing them between documents.

On a real stream two articles rarely share a sentence, so a benchmark whose articles repeat
sentences is flattered by these caches. `clear_memos()` between documents gives what a real
stream sees. Caches keyed by a system name or a publication date (`systems.resolve`,
`systems.variant`, `dates._publication`) and those holding loaded reference data
(maxsize None or <= 4) are kept: they are legitimately shared across documents.
"""
from __future__ import annotations

import sys

import pipeline.extract  # noqa: F401 - loads the library: its package imports every recogniser

_PREFIX = "pipeline.extract."
_KEEP = {"pipeline.extract.systems.resolve", "pipeline.extract.systems.variant", "pipeline.extract.dates._publication"}
_FOUND: dict | None = None


def memo_functions() -> dict:
    """qualified name -> lru_cache'd function, for every bounded per-text memo of the loaded modules
    of pipeline.extract, its subpackages (agreements/, procurements/) included. Loaded modules only:
    importing the rest (the corpus-level run, extract/batch.py) would put pandas in every worker."""
    global _FOUND
    if _FOUND is None:
        _FOUND = {}
        for name, mod in sorted(sys.modules.items()):
            if mod is None or not name.startswith(_PREFIX):
                continue
            for attr, f in vars(mod).items():
                params = getattr(f, "cache_parameters", None)
                if params is None or getattr(f, "__module__", None) != name:
                    continue
                size = params()["maxsize"]
                qualified = f"{name}.{attr}"
                if size is not None and size > 4 and qualified not in _KEEP:
                    _FOUND[qualified] = f
    return _FOUND


def clear_memos() -> None:
    for f in memo_functions().values():
        f.cache_clear()
