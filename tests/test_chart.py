"""chart.png: records per year by status and the top buyers and suppliers, readable size, stable bytes."""
from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
from matplotlib.colors import to_rgba
from PIL import Image

from pipeline.publish import chart

S = pd.StringDtype("pyarrow")
ROOT = Path(__file__).resolve().parents[1]


def _frame(columns: list[str], rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype(S)


def _tables():
    agreements = _frame(["date", "first_reported", "status"], [
        ("2022-05", None, "signed"),
        ("2024", "2024-02-01", "signed"),
        ("2024-01-02", None, "proposed"),
        (None, "2024-06", "signed"),  # no date of its own: the year it was first reported
        (None, None, "under_negotiation"),  # neither: the "no date" bar
    ])
    procurements = _frame(["order_date", "first_reported", "status", "buyer_country", "supplier_country"], [
        ("1993", None, "delivered", "MYS", "KOR"),
        ("2023-05", None, "ordered", "MYS", "KOR"),
        ("2023", None, "ordered", "IDN", "KOR"),
        (None, "2023-11-02", "cancelled", "PHL", "USA"),
        (None, None, "denied", "POL", None),
        ("2023", None, "planned", "IDN", "FRA"),
    ])
    return {"agreements": agreements, "procurements": procurements}


def _axes(fig, title: str):
    (ax,) = [ax for ax in fig.axes if ax.get_title(loc="left").startswith(title)]
    return ax


def _year_bars(ax) -> tuple[Counter, Counter]:
    """(year label, status) -> height of the plotted bars, all of them and the hatched ones."""
    labels = {round(x): t.get_text() for x, t in zip(ax.get_xticks(), ax.get_xticklabels())}
    heights, hatched = Counter(), Counter()
    for bars in ax.containers:
        status = bars.get_label().split(" (")[0]
        for patch in bars.patches:
            if patch.get_height():
                key = (labels[round(patch.get_x() + patch.get_width() / 2)], status)
                heights[key] += int(patch.get_height())
                if patch.get_hatch():
                    hatched[key] += int(patch.get_height())
    return heights, hatched


def test_yearly_counts_fill_gaps_and_follow_the_vocabulary_order():
    counts = chart.yearly_counts(_tables()["agreements"], "date", ("proposed", "under_negotiation", "signed", "cancelled"))
    assert list(counts.index) == [2022, 2023, 2024]  # 2023 has none but stays on the time axis
    assert list(counts.columns) == ["proposed", "under_negotiation", "signed", "cancelled"]
    assert counts.loc[2024].to_dict() == {"proposed": 1, "under_negotiation": 0, "signed": 1, "cancelled": 0}
    assert int(counts.to_numpy().sum()) == 3  # the undated records are left out
    with_fallback = chart.yearly_counts(_tables()["agreements"], "date", ("signed",), fallback="first_reported")
    assert with_fallback.loc[2024, "signed"] == 2


def test_png_is_readable_size_deterministic_and_carries_no_software_version():
    png = chart.render(_tables(), version="2026-01-01.abcdef12")
    assert png == chart.render(_tables(), version="2026-01-01.abcdef12")
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (1600, 1000)
    assert "Software" not in img.info


def test_png_bytes_are_the_same_in_another_process():
    """Another interpreter (another hash seed, fresh font cache state) gives the same bytes."""
    code = ("import hashlib, sys; sys.path.insert(0, 'tests'); from test_chart import _tables; "
            "from pipeline.publish import chart; print(hashlib.sha256(chart.render(_tables())).hexdigest())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert out.stdout.strip() == hashlib.sha256(chart.render(_tables())).hexdigest()


def test_year_bars_count_records_per_year_and_status_dating_by_first_report_when_undated():
    fig = chart.figure(_tables())
    heights, hatched = _year_bars(_axes(fig, "Agreements per year"))
    assert heights == {("2022", "signed"): 1, ("2024", "signed"): 2, ("2024", "proposed"): 1, ("no date", "under_negotiation"): 1}
    assert hatched == {("2024", "signed"): 1}  # the one dated by its first report
    heights, hatched = _year_bars(_axes(fig, "Procurements per year"))
    assert heights == {("1993", "delivered"): 1, ("2023", "planned"): 1, ("2023", "ordered"): 2,
                       ("2023", "cancelled"): 1, ("no date", "denied"): 1}
    assert hatched == {("2023", "cancelled"): 1}
    assert "first reported" in _axes(fig, "Agreements per year").get_xlabel()  # and the picture says so


def test_year_axis_holds_the_years_with_records_and_labels_a_long_gap():
    fig = chart.figure(_tables())
    ticks = lambda title: [t.get_text() for t in _axes(fig, title).get_xticklabels()]  # noqa: E731
    assert ticks("Agreements per year") == ["2022", "2023", "2024", "no date"]  # one empty year stays
    assert ticks("Procurements per year") == ["1993", "1994–\n2022", "2023", "no date"]  # 29 are one gap


def test_bars_take_the_status_colours():
    fig = chart.figure(_tables())
    for title in ("Agreements per year", "Procurements per year", "Top buyer states"):
        for bars in _axes(fig, title).containers:
            status = bars.get_label().split(" (")[0]
            assert all(p.get_facecolor() == to_rgba(chart.STATUS_COLOURS[status]) for p in bars.patches)
    # the agreement stages keep the colours the notebook drew them in (matplotlib's tab10, vocabulary order)
    assert [chart.STATUS_COLOURS[s] for s in ("proposed", "under_negotiation", "signed", "cancelled")] == \
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]


def test_top_buyers_and_suppliers_by_count_then_code_largest_on_top():
    fig = chart.figure(_tables())
    for title, expected in (("Top buyer states", ["Indonesia (IDN)", "Malaysia (MYS)", "Philippines (PHL)", "Poland (POL)"]),
                            ("Top supplier states", ["South Korea (KOR)", "France (FRA)", "United States (USA)"])):
        ax = _axes(fig, title)
        by_row = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())),
                        key=lambda row: -ax.transData.transform((0, row[0]))[1])  # top of the picture first
        assert [label for _, label in by_row] == expected
    assert "no supplier state: 1" in _axes(fig, "Top supplier states").get_xlabel()
    many = _frame(["status", "buyer_country", "supplier_country"],
                  [("ordered", code, "USA") for i, code in enumerate(["AUS", "BRA", "CAN", "DEU", "EGY", "FRA", "GRC",
                                                                       "IND", "JPN", "KOR", "MYS", "NOR"]) for _ in range(i + 1)])
    counts = chart.top_counts(many, "buyer_country", ("ordered",))
    assert list(counts.index) == ["NOR", "MYS", "KOR", "JPN", "IND", "GRC", "FRA", "EGY", "DEU", "CAN"]
    assert counts["ordered"].tolist() == list(range(12, 2, -1))
    fig = chart.figure({"agreements": _tables()["agreements"], "procurements": many})
    assert _axes(fig, "Top buyer states").get_title(loc="left") == "Top buyer states (10 of 12 states)"


def test_count_axes_have_integer_ticks():
    fig = chart.figure(_tables())
    for title, axis in (("Agreements per year", "y"), ("Procurements per year", "y"),
                        ("Top buyer states", "x"), ("Top supplier states", "x")):
        ax = _axes(fig, title)
        ticks = ax.get_yticks() if axis == "y" else ax.get_xticks()
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), (title, ticks)


def test_empty_tables_give_a_readable_placeholder():
    empty = {k: v.iloc[0:0] for k, v in _tables().items()}
    assert Image.open(io.BytesIO(chart.render(empty))).size == (1600, 1000)
    texts = [t.get_text() for ax in chart.figure(empty).axes for t in ax.texts]
    assert texts == ["no agreements in this release"] + ["no procurements in this release"] * 3


def test_callers_matplotlib_style_does_not_change_the_bytes():
    import matplotlib

    png = chart.render(_tables())
    with matplotlib.rc_context({"font.size": 20, "axes.facecolor": "black"}):
        assert chart.render(_tables()) == png
    assert matplotlib.rcParams["font.size"] != 20  # and the caller's settings are restored
