"""chart.png: counts per year and status, stable bytes, a real PNG of the fixed size."""
from __future__ import annotations

import io

import pandas as pd
from PIL import Image

from pipeline.publish import chart

S = pd.StringDtype("pyarrow")


def _tables():
    agreements = pd.DataFrame({"date": pd.array(["2022-05", "2024", "2024-01-02", None], dtype=S),
                               "status": pd.array(["signed", "signed", "proposed", "signed"], dtype=S)})
    procurements = pd.DataFrame({"order_date": pd.array(["2020", "2023-05", "2023", "2023"], dtype=S),
                                 "status": pd.array(["delivered", "ordered", "ordered", "cancelled"], dtype=S)})
    return {"agreements": agreements, "procurements": procurements}


def test_yearly_counts_fill_gaps_and_follow_the_vocabulary_order():
    counts = chart.yearly_counts(_tables()["agreements"], "date", ("proposed", "under_negotiation", "signed", "cancelled"))
    assert list(counts.index) == [2022, 2023, 2024]  # 2023 has none but stays on the time axis
    assert list(counts.columns) == ["proposed", "under_negotiation", "signed", "cancelled"]
    assert counts.loc[2024].to_dict() == {"proposed": 1, "under_negotiation": 0, "signed": 1, "cancelled": 0}
    assert int(counts.to_numpy().sum()) == 3  # the undated record is left out


def test_png_is_deterministic_fixed_size_and_carries_no_software_version():
    png = chart.render(_tables())
    assert png == chart.render(_tables())
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (900, 340)
    assert "Software" not in img.info


def test_empty_tables_still_give_a_chart():
    empty = {k: v.iloc[0:0] for k, v in _tables().items()}
    assert Image.open(io.BytesIO(chart.render(empty))).size == (900, 340)


def test_callers_matplotlib_style_does_not_change_the_bytes():
    import matplotlib

    png = chart.render(_tables())
    with matplotlib.rc_context({"font.size": 20, "axes.facecolor": "black"}):
        assert chart.render(_tables()) == png
    assert matplotlib.rcParams["font.size"] != 20  # and the caller's settings are restored
