"""ISO code lists used by the checks (ISO 3166-1 alpha-3 and ISO 4217, from pycountry)."""
from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)
