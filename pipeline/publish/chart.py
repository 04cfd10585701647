"""`chart.png` of a release: agreements and procurements per year, stacked by status.

Deterministic bytes: fixed size and dpi, the Agg renderer, matplotlib's bundled font, and
no PNG metadata that would change between runs or machines (Software version), so an
unchanged release gives an identical chart.

The figure is drawn on its own Agg canvas, not through pyplot: no global backend switch
(which would break plotting in a notebook that imports this module) and no global figure
list to leak from a long-lived process.
"""
from __future__ import annotations

import io

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from schemas.vocab import AGREEMENT_STATUSES, PROCUREMENT_STATUSES

# One colour per stage, the same across both panels where the stage names coincide.
STATUS_COLOURS = {
    "proposed": "#9ecae1",
    "planned": "#9ecae1",
    "offered": "#c6dbef",
    "under_negotiation": "#fdae6b",
    "signed": "#31a354",
    "ordered": "#31a354",
    "delivered": "#006d2c",
    "cancelled": "#de2d26",
    "denied": "#a50f15",
}
SIZE_IN = (9.0, 3.4)
DPI = 100
PANELS = (("agreements", "date", AGREEMENT_STATUSES), ("procurements", "order_date", PROCUREMENT_STATUSES))


def yearly_counts(df: pd.DataFrame, date_col: str, statuses: tuple[str, ...]) -> pd.DataFrame:
    """Records per year (rows, every year between the first and last) and status (columns, vocabulary order).

    Undated records are left out (the caption says how many)."""
    years = pd.to_numeric(df[date_col].astype("string").str[:4], errors="coerce") if len(df) else pd.Series(dtype=float)
    dated = pd.DataFrame({"year": years, "status": df["status"].astype("string") if len(df) else []}).dropna()
    if dated.empty:
        return pd.DataFrame(columns=list(statuses), dtype="int64")
    table = pd.crosstab(dated["year"].astype(int), dated["status"])
    full_years = range(int(table.index.min()), int(table.index.max()) + 1)
    return table.reindex(index=full_years, columns=list(statuses), fill_value=0).rename_axis(index="year", columns="status")


def _panel(ax, df: pd.DataFrame, title: str, date_col: str, statuses: tuple[str, ...]) -> None:
    counts = yearly_counts(df, date_col, statuses)
    undated = len(df) - int(counts.to_numpy().sum())
    if counts.empty:
        ax.text(0.5, 0.5, "no dated records", ha="center", va="center", transform=ax.transAxes, color="#666666")
        ax.set_xticks([])
    else:
        bottom = pd.Series(0, index=counts.index)
        for status in statuses:
            if counts[status].sum():
                ax.bar(counts.index, counts[status], bottom=bottom, color=STATUS_COLOURS.get(status, "#bdbdbd"),
                       label=status.replace("_", " "), width=0.8, edgecolor="white", linewidth=0.5)
                bottom = bottom + counts[status]
        # whole years only, and few enough labels to stay legible over a long span
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(0, max(1, int(bottom.max())) * 1.1)
        # beside the bars, never on them
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(f"{title} per year ({len(df)} records)", fontsize=10)
    ax.set_xlabel(f"year of {date_col}" + (f"  ({undated} undated, not shown)" if undated else ""), fontsize=8)
    ax.set_ylabel("records", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)


def render(tables: dict[str, pd.DataFrame]) -> bytes:
    """PNG bytes of the two panels (agreements by `date`, procurements by `order_date`)."""
    # matplotlib's defaults, not the caller's rcParams (a matplotlibrc, a notebook's style),
    # so the published bytes depend on the data only; restored on exit
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"font.family": "DejaVu Sans", "axes.titleweight": "bold"})
        fig = Figure(figsize=SIZE_IN, dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        for ax, (name, date_col, statuses) in zip(fig.subplots(1, 2), PANELS):
            _panel(ax, tables[name], name.capitalize(), date_col, statuses)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()
