"""Values in US dollars (pipeline/enrich/usd.py): known conversions, pegs, dates before 1999, a
currency with no rate, constant dollars, and determinism."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.enrich import usd
from schemas import TABLES
from tests.sample_release import sample_tables


def test_the_first_ecb_reference_rate_converts_euros_and_deflates_to_the_base_year():
    out = usd.convert(1_000_000.0, "EUR", "1999-01-04", None)
    assert out["usd_rate"] == 1.1789 and out["usd_rate_date"] == "1999-01-04"  # EUR/USD on the euro's first day
    assert out["value_usd"] == 1_178_900.0 and out["usd_rate_source"].startswith("ECB euro reference rates")
    assert usd.BASE_YEAR == 2025
    assert out["value_usd_constant"] == round(1_178_900.0 * 321.943 / 166.6, 2)
    assert out["usd_unavailable"] is None


def test_a_month_or_a_year_takes_the_average_of_its_daily_rates():
    month, _ = usd.rate("KRW", "2023-05")
    days = [usd.rate("KRW", f"2023-05-{d:02d}")[0].usd_per_unit for d in range(1, 32)]
    assert month.usd_per_unit == pytest.approx(sum(days) / len(days)) and min(days) < month.usd_per_unit < max(days)
    assert month.period == "2023-05" and usd.rate("KRW", "2023")[0].period == "2023"


def test_pegs_and_the_dollar_itself():
    assert usd.convert(3_750_000_000.0, "SAR", "2020-05", None)["value_usd"] == 1_000_000_000.0
    assert usd.convert(5.0, "USD", None, "2024-02-03")["usd_rate"] == 1.0  # no order date: the first report's
    before = usd.convert(100.0, "QAR", "1995", None)
    assert before["value_usd"] is None and "pegged to the dollar only since 2001-07-01" in before["usd_unavailable"]


def test_currencies_outside_the_ecb_set_take_the_years_official_average():
    # the annual table's own figure (World Bank WDI, LCU per US$): EGP 2019 = 16.7705818428763
    out = usd.convert(1_000_000_000.0, "EGP", "2019-05-03", None)
    assert out["usd_rate"] == float(f"{1 / 16.7705818428763:.10g}") and out["usd_rate_date"] == "2019"  # the year, not the day
    assert out["value_usd"] == round(1e9 / 16.7705818428763, 2)
    assert out["usd_rate_source"].startswith("annual average: 16.77058184 EGP per USD in 2019 (World Bank WDI PA.NUS.FCRF")
    assert out["value_usd_constant"] == round(out["value_usd"] * 321.943 / 255.657, 2)
    # the ECB stopped publishing RUB in March 2022: its dates take ECB rates, later ones the annual average
    assert usd.rate("RUB", "2021-06")[0].source.startswith("ECB")
    later, _ = usd.rate("RUB", "2023-06")
    assert later.period == "2023" and later.source.startswith("annual average: 85.16200833 RUB per USD in 2023")
    assert usd.rate("TWD", "2024")[0].source.startswith("annual average: 32.1064 TWD per USD in 2024 (US Federal Reserve")


def test_no_rate_no_value_and_the_reason_is_given():
    early = usd.convert(1e9, "KRW", "1997-12", None)
    assert early["value_usd"] is None and "no ECB rate for KRW in 1997-12" in early["usd_unavailable"]
    assert "1999-01-04" in early["usd_unavailable"]
    unknown = usd.convert(1e9, "XAF", "2024-01-10", None)
    assert unknown["value_usd"] is None and "no exchange-rate source for XAF" in unknown["usd_unavailable"]
    gap = usd.convert(1e9, "LKR", "2024-03", None)  # in the annual table, but not that year
    assert gap["value_usd"] is None and gap["usd_unavailable"] == "no annual average rate for LKR in 2024 (usd_annual.csv has 1990-2023)"
    no_cpi = usd.convert(10.0, "USD", "2026-03", None)
    assert no_cpi["value_usd"] == 10.0 and no_cpi["value_usd_constant"] is None
    assert "no US CPI-U annual average for 2026" in no_cpi["usd_unavailable"]
    assert usd.convert(None, None, "2024", None) == dict.fromkeys(usd.COLUMNS)
    assert "no date" in usd.convert(1.0, "EUR", None, None)["usd_unavailable"]


def test_the_procurements_table_gets_its_columns_deterministically_and_keeps_the_contract():
    procurements = sample_tables()["procurements"]
    first, second = usd.with_usd(procurements), usd.with_usd(procurements)
    pd.testing.assert_frame_equal(first, second)
    TABLES["procurements"].validate(first)
    fa50 = first.set_index("procurement_id").loc["proc-0000000000000001"]
    assert fa50["value_usd"] == 920_000_000.0 and fa50["usd_rate_date"] == "2023-05"
    assert first["value_usd"].isna().sum() == 2 and first["usd_unavailable"].isna().all()  # no value: nothing to say
