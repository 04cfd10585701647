"""Lazy, cached access to the gazetteer CSVs in ``pipeline/reference``.

The directory can be overridden with DEALS_REFERENCE_DIR (tests point it at fixtures).
A missing file yields no rows, so the extractor still runs (with less recall).
"""
from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path

_DEFAULT_DIR = Path(__file__).resolve().parent.parent / "reference"


def reference_dir() -> Path:
    env = os.environ.get("DEALS_REFERENCE_DIR")
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


def split_aliases(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def clear_caches() -> None:
    """Forget loaded CSVs, compiled matchers and the results that depend on them (tests switch
    reference dirs)."""
    _rows.cache_clear()
    from . import agreement_places, context, countries, organisations, quantities, systems  # noqa: PLC0415 - avoid import cycle
    agreement_places._venue_cities.cache_clear()
    agreement_places._non_place_words.cache_clear()
    context._systems_in.cache_clear()  # systems found per sentence text, from the gazetteer
    systems.resolve.cache_clear()
    countries.matcher.cache_clear()
    countries.upper_matcher.cache_clear()
    organisations.matcher.cache_clear()
    organisations.upper_matcher.cache_clear()
    quantities._unit_nouns.cache_clear()
    systems._gazetteer.cache_clear()
    systems._no_digit_pattern.cache_clear()
    systems._ship_prefix.cache_clear()
    systems._title_forms.cache_clear()
    systems._demonyms.cache_clear()  # (the states' adjectives trimmed from class names)
