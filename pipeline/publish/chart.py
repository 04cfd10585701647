"""`chart.png` of a release: what it holds, at a glance.

Four panels on one 1600×1000 px figure:

- agreements per year and procurements per year, stacked by status;
- the top buyer states and the top supplier states of the procurements, stacked by status.

A record's year is the year of its own date (`date` of an agreement, `order_date` of a
procurement), else the year it was first reported (those parts are hatched); records with
neither stand in a separate "no date" bar, so every bar panel adds up to the table's rows.
The year axis holds only the years with records: a single empty year between two stays as an
empty slot, a longer empty span becomes one labelled gap ("1994–2022").

`STATUS_COLOURS` is the one definition of the status colours: the notebook imports it from here.

Deterministic bytes: fixed size and dpi, the Agg renderer, matplotlib's defaults with its
bundled font (whatever the caller's rcParams), sorted tie-breaks, and no PNG metadata that
would change between runs or machines (Software version), so an unchanged release gives an
identical chart.

The figure is drawn on its own Agg canvas, not through pyplot: no global backend switch
(which would break plotting in a notebook that imports this module) and no global figure
list to leak from a long-lived process.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from schemas.vocab import AGREEMENT_STATUSES, PROCUREMENT_STATUSES

# The status colours of every picture of a release (chart.png and the notebook), one per stage;
# the same colour where an agreement stage and a procurement stage mean the same step
# (proposed/planned, signed/ordered). Early stages blue, negotiation orange, done green,
# ended red. The agreement colours are matplotlib's tab10 in vocabulary order, which is what
# the notebook drew before it used this map.
STATUS_COLOURS: dict[str, str] = {
    "proposed": "#1f77b4",
    "planned": "#1f77b4",
    "offered": "#aec7e8",
    "under_negotiation": "#ff7f0e",
    "signed": "#2ca02c",
    "ordered": "#2ca02c",
    "delivered": "#135e13",
    "cancelled": "#d62728",
    "denied": "#9467bd",
}
OTHER_COLOUR = "#bdbdbd"  # a status outside the vocabulary (never in a valid release)

SIZE_IN = (12.8, 8.0)
DPI = 125  # 1600 × 1000 px
TOP_N = 10
FALLBACK = "first_reported"
NO_DATE = "no date"
PANELS = (("agreements", "date", AGREEMENT_STATUSES), ("procurements", "order_date", PROCUREMENT_STATUSES))
PARTY_PANELS = (("buyer_country", "Top buyer states"), ("supplier_country", "Top supplier states"))
_HATCH = "///"
_MUTED = "#555555"


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, OTHER_COLOUR)


def _column(df: pd.DataFrame, name: str | None) -> pd.Series:
    """`df[name]` as nullable strings; all missing when the table has no such column."""
    if name is None or name not in df.columns:
        return pd.Series(pd.NA, index=df.index, dtype="string")
    return df[name].astype("string")


def _year(dates: pd.Series) -> pd.Series:
    """Year of ISO 8601 dates at any precision ("2022", "2025-10", "2025-10-27"); <NA> if none."""
    return pd.to_numeric(dates.str.extract(r"^(\d{4})", expand=False), errors="coerce").astype("Int64")


def record_years(df: pd.DataFrame, date_col: str, fallback: str | None = FALLBACK) -> pd.DataFrame:
    """One row per record: `year` (Int64, <NA> when undated), `dated_by` (`date_col`, `fallback`
    or <NA>) and `status`. The year is the record's own date's, else its `fallback` date's."""
    own, other = _year(_column(df, date_col)), _year(_column(df, fallback))
    dated_by = pd.Series(pd.NA, index=df.index, dtype="string")
    dated_by[own.notna()] = date_col
    dated_by[own.isna() & other.notna()] = fallback
    return pd.DataFrame({"year": own.fillna(other), "dated_by": dated_by, "status": _column(df, "status").fillna("unknown")})


def yearly_counts(df: pd.DataFrame, date_col: str, statuses: tuple[str, ...], fallback: str | None = None) -> pd.DataFrame:
    """Records per year (rows, every year between the first and last) and status (columns, vocabulary order).

    Undated records are left out. By default only `date_col` dates a record; with
    `fallback="first_reported"` a record without one is counted in the year it was first reported,
    as in chart.png."""
    dated = record_years(df, date_col, fallback).dropna(subset=["year"])
    if dated.empty:
        return pd.DataFrame(columns=list(statuses), dtype="int64")
    table = pd.crosstab(dated["year"].astype(int), dated["status"])
    full_years = range(int(table.index.min()), int(table.index.max()) + 1)
    return table.reindex(index=full_years, columns=list(statuses), fill_value=0).rename_axis(index="year", columns="status")


@dataclass(frozen=True)
class _Slot:
    label: str
    year: int | None = None  # None: the "no date" bar or a gap
    gap: bool = False


def year_slots(years) -> list[_Slot]:
    """The x axis of a per-year panel: the years with records in order; one empty year between two
    is kept as an empty slot, a longer empty span is one gap slot labelled with its range."""
    slots: list[_Slot] = []
    previous = None
    for year in sorted({int(y) for y in years}):
        if previous is not None and year - previous == 2:
            slots.append(_Slot(str(previous + 1), previous + 1))
        elif previous is not None and year - previous > 2:
            slots.append(_Slot(f"{previous + 1}–{year - 1}", gap=True))
        slots.append(_Slot(str(year), year))
        previous = year
    return slots


def _statuses(values: pd.Series, vocabulary: tuple[str, ...]) -> list[str]:
    """Statuses present, in vocabulary order (anything else after, sorted)."""
    present = set(values)
    return [s for s in vocabulary if s in present] + sorted(present - set(vocabulary))


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=_MUTED, fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=10)


def _legend(ax, statuses: list[str], title: str, hatched: bool) -> None:
    """Beside the panel, never on the bars; the hatch key only where a year came from the first report."""
    handles = [Patch(color=status_colour(s), label=s.replace("_", " ")) for s in statuses]
    if hatched:
        handles.append(Patch(facecolor="#999999", edgecolor="white", hatch=_HATCH, label="year first\nreported"))
    if handles:
        ax.legend(handles=handles, title=title, fontsize=10, title_fontsize=10, frameon=False,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _year_panel(ax, df: pd.DataFrame, name: str, date_col: str, vocabulary: tuple[str, ...]) -> tuple[list[str], bool]:
    """Records per year, stacked by status. Returns the statuses drawn and whether any year came from the fallback."""
    recs = record_years(df, date_col)
    ax.set_title(f"{name.capitalize()} per year, by status ({len(df)} records)", fontsize=13, loc="left")
    _style(ax)
    if recs.empty:
        _empty(ax, f"no {name} in this release")
        return [], False
    slots = year_slots(recs["year"].dropna())
    undated = int(recs["year"].isna().sum())
    if undated:
        slots.append(_Slot(NO_DATE))
    position = {slot.year: i for i, slot in enumerate(slots) if slot.year is not None}
    recs = recs.assign(x=[position[int(y)] if pd.notna(y) else len(slots) - 1 for y in recs["year"]])
    statuses = _statuses(recs["status"], vocabulary)
    bottom = [0] * len(slots)
    for status in statuses:
        for source in (date_col, FALLBACK, None):
            same_source = (recs["dated_by"] == source).fillna(False) if source else recs["dated_by"].isna()
            part = recs[(recs["status"] == status).fillna(False) & same_source]
            heights = part["x"].value_counts().reindex(range(len(slots)), fill_value=0).tolist()
            if not sum(heights):
                continue
            label = status if source != FALLBACK else f"{status} ({FALLBACK})"
            ax.bar(range(len(slots)), heights, bottom=bottom, width=0.75, label=label, color=status_colour(status),
                   hatch=_HATCH if source == FALLBACK else None, edgecolor="white", linewidth=0.8)
            bottom = [b + h for b, h in zip(bottom, heights)]
    crowded = len(slots) > 16  # then labels turn upright, and the notes on the bars are left out
    for x, total in enumerate(bottom):
        if total and not crowded:
            ax.text(x, total, str(total), ha="center", va="bottom", fontsize=10, color="#333333")
    for x, slot in enumerate(slots):
        if slot.gap:  # an empty span: a light band rather than a bar, so it reads as no records, not a zero year
            ax.axvspan(x - 0.4, x + 0.4, color="#f4f4f4", zorder=0)
            if not crowded:
                ax.text(x, 0.5, "no records", transform=ax.get_xaxis_transform(), rotation=90, ha="center",
                        va="center", fontsize=10, color=_MUTED, fontstyle="italic")
    labels = [s.label if crowded or not s.gap else s.label.replace("–", "–\n") for s in slots]
    ax.set_xticks(range(len(slots)), labels, rotation=90 if crowded else 0, fontsize=9 if crowded else 10)
    for tick, slot in zip(ax.get_xticklabels(), slots):
        if slot.gap or slot.year is None:
            tick.set_color(_MUTED)
            tick.set_fontstyle("italic")
    ax.set_xlim(-0.6, len(slots) - 0.4)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(bottom) * 1.15 + 0.2)
    ax.set_ylabel(name, fontsize=11)
    by_fallback = int((recs["dated_by"] == FALLBACK).sum())
    note = f"year of {date_col}, else first reported (hatched: {by_fallback})" if by_fallback else f"year of {date_col}"
    ax.set_xlabel(note + (f"; {NO_DATE}: {undated}" if undated else ""), fontsize=10, color=_MUTED)
    return statuses, bool(by_fallback)


def country_label(code: str) -> str:
    """'Malaysia (MYS)': pycountry's common name, else its name up to a comma."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name.split(",")[0]
    return f"{name} ({code})"


def top_counts(df: pd.DataFrame, column: str, statuses: tuple[str, ...], n: int = TOP_N) -> pd.DataFrame:
    """Procurements per state of `column` (rows: the top `n` by total, ties by code) and status (columns)."""
    states, status = _column(df, column), _column(df, "status").fillna("unknown")
    known = states.notna()
    if not known.any():
        return pd.DataFrame(columns=list(statuses), dtype="int64")
    table = pd.crosstab(states[known], status[known])
    table = table.reindex(columns=_statuses(pd.Series(table.columns), statuses), fill_value=0)
    order = sorted(table.index, key=lambda code: (-int(table.loc[code].sum()), code))
    return table.loc[order[:n]].rename_axis(index=column, columns="status")


def _party_panel(ax, df: pd.DataFrame, column: str, title: str) -> list[str]:
    counts = top_counts(df, column, PROCUREMENT_STATUSES)
    n_states = int(_column(df, column).nunique())
    shown = f"{len(counts)} of {n_states} states" if n_states > len(counts) else f"{n_states} state" + "s" * (n_states != 1)
    ax.set_title(f"{title} ({shown})", fontsize=13, loc="left")
    _style(ax)
    if counts.empty:
        _empty(ax, "no procurements in this release" if df.empty else "no state recorded")
        return []
    rows = list(range(len(counts)))
    left = [0] * len(counts)
    for status in counts.columns:
        widths = counts[status].tolist()
        if sum(widths):
            ax.barh(rows, widths, left=left, height=0.7, label=status, color=status_colour(status), edgecolor="white", linewidth=0.8)
            left = [a + w for a, w in zip(left, widths)]
    for row, total in zip(rows, left):
        ax.text(total, row, f" {total}", ha="left", va="center", fontsize=10, color="#333333")
    ax.set_yticks(rows, [country_label(code) for code in counts.index])
    ax.set_ylim(max(len(counts), 5) - 0.4, -0.6)  # the largest on top; a few bars stay bar-shaped, not stretched
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(left) * 1.12 + 0.2)
    missing = int(_column(df, column).isna().sum())
    note = f"; no {column.split('_')[0]} state: {missing}" if missing else ""
    ax.set_xlabel(f"procurements, by status{note}", fontsize=11)
    return list(counts.columns)


def figure(tables: dict[str, pd.DataFrame], version: str | None = None) -> Figure:
    """The chart as a matplotlib Figure on an Agg canvas (call inside `render`'s rc context for the published style)."""
    fig = Figure(figsize=SIZE_IN, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(h_pad=0.1, w_pad=0.12, hspace=0.05, wspace=0.05)
    # two rows laid out apart, so the legends beside the top panels do not narrow the bottom ones
    top, bottom = fig.subfigures(2, 1, hspace=0.04)
    ax_agr, ax_proc = top.subplots(1, 2)
    ax_buy, ax_sup = bottom.subplots(1, 2)
    agreements, procurements = tables["agreements"], tables["procurements"]
    agr_statuses, agr_fallback = _year_panel(ax_agr, agreements, "agreements", *PANELS[0][1:])
    proc_statuses, proc_fallback = _year_panel(ax_proc, procurements, "procurements", *PANELS[1][1:])
    for ax, (column, title) in zip((ax_buy, ax_sup), PARTY_PANELS):
        proc_statuses += [s for s in _party_panel(ax, procurements, column, title) if s not in proc_statuses]
    release = f"Release {version}" if version else "Release"
    fig.suptitle(f"{release}: {len(agreements)} agreements, {len(procurements)} procurements", fontsize=16, fontweight="bold")
    _legend(ax_agr, agr_statuses, "agreement status", agr_fallback)
    # the procurement legend is also the key of the buyer and supplier panels below it
    proc_statuses = [s for s in PROCUREMENT_STATUSES if s in proc_statuses] + [s for s in proc_statuses if s not in PROCUREMENT_STATUSES]
    _legend(ax_proc, proc_statuses, "procurement status", proc_fallback)
    return fig


def render(tables: dict[str, pd.DataFrame], version: str | None = None) -> bytes:
    """PNG bytes of the chart (1600×1000 px); `version` goes into the title."""
    # matplotlib's defaults, not the caller's rcParams (a matplotlibrc, a notebook's style),
    # so the published bytes depend on the data only; restored on exit
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"font.family": "DejaVu Sans", "axes.titleweight": "bold", "hatch.linewidth": 1.5})
        fig = figure(tables, version)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()
