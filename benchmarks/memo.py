"""The extractor's per-text memo caches, and clearing them between documents.

On a real stream two articles rarely share a sentence, so a benchmark whose articles repeat
sentences is flattered by these caches. `clear_memos()` between documents gives what a real
stream sees. Caches keyed by a system name or a publication date (`systems.resolve`,
`systems.variant`, `dates._publication`) and those holding loaded reference data
(maxsize None or <= 4) are kept: they are legitimately shared across documents.
"""
from __future__ import annotations

import importlib
import pkgutil

import pipeline.extract as extract_pkg

_KEEP = {"pipeline.extract.systems.resolve", "pipeline.extract.systems.variant", "pipeline.extract.dates._publication"}
_FOUND: dict | None = None


def memo_functions() -> dict:
    """qualified name -> lru_cache'd function, for every bounded per-text memo of pipeline.extract."""
    global _FOUND
    if _FOUND is None:
        _FOUND = {}
        for info in pkgutil.iter_modules(extract_pkg.__path__):
            mod = importlib.import_module(f"pipeline.extract.{info.name}")
            for attr, f in vars(mod).items():
                params = getattr(f, "cache_parameters", None)
                if params is None or getattr(f, "__module__", None) != mod.__name__:
                    continue
                size = params()["maxsize"]
                name = f"{mod.__name__}.{attr}"
                if size is not None and size > 4 and name not in _KEEP:
                    _FOUND[name] = f
    return _FOUND


def clear_memos() -> None:
    for f in memo_functions().values():
        f.cache_clear()
