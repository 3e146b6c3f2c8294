"""Figures of the published rankings: rank trajectories (a bump chart) and one year's DTI.

Both take ``ranks.csv`` as :func:`dtanalysis.tables.read_table` gives it (typed), and
optionally the published observations (:func:`dtanalysis.observations.load_observations`)
to name the publishers in the source line; they return a
:class:`matplotlib.figure.Figure` in the dtanalysis theme, in English or Vietnamese.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from ._common import (
    NEUTRAL,
    add_source,
    empty_message,
    fmt_number,
    indicator_labels,
    legend_handle,
    new_figure,
    require_columns,
    wrap,
)
from .style import (
    DOUBLE_COLUMN,
    RANK_UNITS,
    _check_lang,
    nfc,
    normalize_province_id,
    province_style,
    theme,
    tr,
)

__all__ = ["dti_distribution_figure", "rank_trajectory_figure"]

#: Rank indicators of the trajectory figure, one panel each where the data have them.
RANK_INDICATORS = ("dti_rank", "par_index_rank", "sipas_rank", "papi_rank")
#: The 2025 units the six provinces formed (drawn apart, never joined to the provinces).
UNITS_2025_OF_STUDY = {"An Giang": "89", "Cà Mau": "96", "Hải Phòng": "31"}
_X_2025 = 0.38  # how far right of its year a 2025 unit's point is drawn
_RANK_COLUMNS = ["unit_kind", "province_id", "province", "indicator", "year", "rank"]


def _publisher(name: Any) -> str:
    """A publisher as the source line names it (a URL given as publisher: its host)."""
    text = nfc(name).strip()
    if text.startswith(("http://", "https://")):
        host = urlparse(text).netloc
        return host.removeprefix("www.")
    return text


def published_source(
    lang: str, rows: pd.DataFrame, observations: pd.DataFrame | None, what: str = ""
) -> str:
    """The source line of a figure of published rows: their publishers, then `what`.

    Parameters
    ----------
    lang : {"en", "vi"}
    rows : DataFrame
        Rows drawn, with ``observation_ids`` (";"-joined, the one whose value is used
        first: only that one is named).
    observations : DataFrame, optional
        The published observations (``observation_id, publisher``); without them the
        line points to ``data/observations``.
    what : str
        Appended after the publishers (e.g. "DTI 2022 ranking").

    Returns
    -------
    str
        E.g. ``"Source: Bộ Thông tin và Truyền thông (dti.gov.vn), DTI 2022 ranking"``.
    """
    # the first id of a row is the observation whose value the row uses
    ids = {nfc(cell).split(";")[0] for cell in rows.get("observation_ids", []) if nfc(cell)}
    names: list[str] = []
    if observations is not None and len(observations) and ids:
        used = observations[observations["observation_id"].isin(ids)]
        names = sorted({_publisher(p) for p in used["publisher"] if nfc(p).strip()})
    if not names:
        names = [tr("published_observations", lang)]
    return f"{tr('source', lang)}: {'; '.join(names)}" + (f"; {what}" if what else "")


def _rank_rows(ranks: pd.DataFrame, indicators: Sequence[str], provinces: Sequence[str]):
    """The provinces' rows and the rows of the 2025 units they formed, of `indicators`."""
    require_columns(ranks, _RANK_COLUMNS, "ranks")
    df = ranks[ranks["indicator"].isin(indicators)].copy()
    df["province_id"] = df["province_id"].map(normalize_province_id)
    size = df["ranked_set_size"] if "ranked_set_size" in df else pd.Series(float("nan"), df.index)
    pct = df["rank_percentile"] if "rank_percentile" in df else (df["rank"] - 1) / (size - 1)
    df["pct"] = 100 * pct
    old = df[(df["unit_kind"] == "province_pre2025") & df["province_id"].isin(provinces)]
    new = df[(df["unit_kind"] == "unit_2025") & df["province"].isin(UNITS_2025_OF_STUDY)]
    return old.sort_values(["indicator", "province_id", "year"]), new


def _method_breaks(ranks: pd.DataFrame, indicator: str) -> list[float]:
    """x positions half a year before the first year of each new publisher method."""
    if "method_period" not in ranks.columns:
        return []
    part = ranks[(ranks["indicator"] == indicator) & (ranks["method_period"] != "")]
    by_year = part.groupby("year")["method_period"].first().sort_index()
    years, methods = list(by_year.index), list(by_year)
    return [years[k] - 0.5 for k in range(1, len(years)) if methods[k] != methods[k - 1]]


def _draw_trajectory(ax, rows: pd.DataFrame, pid: str) -> None:
    """One province: points with their ranks, steps solid when comparable, dashed if not."""
    s = province_style(pid)
    rows = rows.sort_values("year")
    comparable = rows["comparable"] if "comparable" in rows else pd.Series(True, rows.index)
    prev = None
    for (_, r), ok in zip(rows.iterrows(), comparable, strict=True):
        if prev is not None:
            ax.plot(
                [prev["year"], r["year"]],
                [prev["pct"], r["pct"]],
                color=s.color,
                lw=1.2 if ok else 0.9,
                linestyle="-" if ok else (0, (3, 2)),
                zorder=3,
            )
        prev = r
    ax.plot(
        rows["year"],
        rows["pct"],
        linestyle="none",
        marker=s.marker,
        color=s.color,
        markeredgecolor="white",
        markeredgewidth=0.4,
        markersize=4.6,
        zorder=5,
        clip_on=False,
    )
    for _, r in rows.iterrows():
        ax.annotate(
            f"{int(r['rank'])}",
            (r["year"], r["pct"]),
            xytext=(3, 2.5),
            textcoords="offset points",
            fontsize=5.2,
            color=s.color,
            annotation_clip=False,
        )


def _draw_units_2025(ax, rows: pd.DataFrame, lang: str) -> bool:
    """The 2025 units: open markers beside their year, never joined; the set-change marker."""
    if rows.empty:
        return False
    for _, r in rows.sort_values("province").iterrows():
        s = province_style(UNITS_2025_OF_STUDY[r["province"]])
        x = r["year"] + _X_2025
        ax.plot(
            [x],
            [r["pct"]],
            linestyle="none",
            marker=s.marker,
            markerfacecolor="white",
            markeredgecolor=s.color,
            markeredgewidth=1.0,
            markersize=4.8,
            zorder=5,
            clip_on=False,
        )
        size = int(r["ranked_set_size"]) if "ranked_set_size" in r else ""
        ax.annotate(
            f"{r['province']}\n{tr('unit_2025_short', lang)}\n{int(r['rank'])}/{size}",
            (x, r["pct"]),
            xytext=(4, 0),
            va="top",
            textcoords="offset points",
            fontsize=5.2,
            color=s.color,
            annotation_clip=False,
        )
    for year in sorted(set(rows["year"])):
        ax.axvline(year + _X_2025 / 2, color=NEUTRAL, lw=0.8, linestyle=":", zorder=1)
    return True


def _finish_rank_axes(ax, lang: str, years: list[int]) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter

    ax.set_ylim(106, -6)  # inverted: the first rank at the top
    ax.yaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{fmt_number(v, lang, 0)}%"))
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years])
    ax.tick_params(axis="x", labelbottom=True)
    ax.grid(axis="y", color="#eeeeee", lw=0.5)
    ax.set_axisbelow(True)


def _rank_handles(lang: str, any_2025: bool, any_break: bool):
    handles = [legend_handle(tr("rank_comparable", lang), lw=1.2)]
    handles.append(legend_handle(tr("rank_break", lang), lw=0.9, linestyle=(0, (3, 2))))
    if any_break:
        handles.append(
            legend_handle(tr("method_break", lang), color="#999999", lw=0.8, linestyle="-.")
        )
    if any_2025:
        handles.append(legend_handle(tr("rank_set_change", lang), lw=0.8, linestyle=":"))
        handles.append(legend_handle(tr("unit_2025_legend", lang), "o", hollow=True))
    return handles


def _province_handles(provs: list[str], names: dict[str, str]):
    return [
        legend_handle(
            names.get(p, p),
            color=province_style(p).color,
            marker=province_style(p).marker,
            linestyle="-",
            lw=1.2,
            markersize=4.4,
        )
        for p in provs
    ]


def rank_trajectory_figure(
    ranks: pd.DataFrame,
    observations: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    labels: Any = None,
    provinces: Sequence[Any] | None = None,
    indicators: Sequence[str] = RANK_INDICATORS,
    width: float | None = None,
):
    """Rank trajectories of the six units over the years: one panel per index.

    A bump chart on the rank percentile (0% = first, 100% = last, so rankings of 63 and
    of 34 share one scale), the axis inverted so that a better rank is higher; each point
    is labelled with its rank. A step between two years is solid when the ranks are
    comparable (``ranks.csv`` ``comparable``) and dashed when they are not (a method
    break, a change of the ranked set or of the period); a vertical dash-dot line marks
    where the publisher changed its method. The 2025 units (An Giang, Cà Mau, Hải Phòng
    after the reorganisation, ranked among 34) are open markers beside their year, never
    joined to the provinces that formed them; a dotted line marks the change of the
    ranked set (63 → 34).

    Parameters
    ----------
    ranks : DataFrame
        ``ranks.csv`` (typed): ``unit_kind, province_id, province, indicator, year,
        rank``; optional ``ranked_set_size, rank_percentile, comparable, method_period,
        observation_ids``.
    observations : DataFrame, optional
        Published observations, for the publishers named in the source line.
    lang : {"en", "vi"}
    labels : mapping or DataFrame, optional
        Indicator labels; default: the package codebook.
    provinces : sequence, optional
        Pre-2025 codes (default: the six units of :data:`dtanalysis.plots.style.RANK_UNITS`).
    indicators : sequence of str
        Rank indicators, one panel each where there is data (default DTI, PAR Index,
        SIPAS, PAPI).
    width : float, optional
        Figure width in inches (default :data:`DOUBLE_COLUMN`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_lang(lang)
    provs = [normalize_province_id(p) for p in (provinces or RANK_UNITS)]
    old, new = _rank_rows(ranks, indicators, provs)
    inds = [i for i in indicators if (old["indicator"] == i).any()]
    names = {**RANK_UNITS, **dict(zip(old["province_id"], old["province"], strict=True))}
    ind_labels = indicator_labels(inds, lang, labels)
    source = published_source(lang, pd.concat([old, new]), observations)
    years = sorted(set(old["year"]) | set(new["year"]))
    with theme():
        cols = 2 if len(inds) > 1 else 1
        n_rows = max(1, -(-len(inds) // cols))
        fig_w = width or DOUBLE_COLUMN
        fig = new_figure(fig_w, 1.3 + 2.0 * n_rows)
        axes = fig.subplots(n_rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
        any_2025 = any_break = False
        for k, ax in enumerate(axes):
            if k >= len(inds):
                ax.set_visible(False)
                continue
            ind = inds[k]
            for pid in provs:
                rows = old[(old["indicator"] == ind) & (old["province_id"] == pid)]
                if len(rows):
                    _draw_trajectory(ax, rows, pid)
            for x in _method_breaks(ranks, ind):
                any_break = True
                ax.axvline(x, color="#999999", lw=0.8, linestyle="-.", zorder=1)
            any_2025 |= _draw_units_2025(ax, new[new["indicator"] == ind], lang)
            ax.set_title(wrap(ind_labels[ind], 50), loc="left")
            if k % cols == 0:
                ax.set_ylabel(tr("rank_percentile_axis", lang))
            _finish_rank_axes(ax, lang, years)
        if not inds:
            empty_message(axes[0], tr("no_data", lang))
        else:
            right = 1.3 if len(new) else 0.4  # room for the 2025 units' labels
            axes[0].set_xlim(min(years) - 0.4, max(years) + right)
        shown = [p for p in provs if (old["province_id"] == p).any()]
        handles = _province_handles(shown, names) + _rank_handles(lang, any_2025, any_break)
        fig.legend(handles=handles, loc="outside upper center", ncol=min(len(handles), 4))
        add_source(fig, source, fig_w)
    return fig


def _label_levels(n: int) -> list[float]:
    """Heights of the labels of `n` highlighted points, alternating above and below."""
    cycle = (1.0, -1.0, 1.8, -1.8)
    return [cycle[k % len(cycle)] for k in range(n)]


def dti_distribution_figure(
    ranks: pd.DataFrame,
    observations: pd.DataFrame | None = None,
    *,
    year: int = 2022,
    indicator: str = "dti_rank",
    lang: str = "en",
    provinces: Sequence[Any] | None = None,
    width: float | None = None,
):
    """One year's full DTI ranking, the six study units highlighted and labelled.

    A dot strip of every province ranked in `year` (grey, tied ranks stacked), with the
    six units (:data:`dtanalysis.plots.style.RANK_UNITS`) in their colour and marker,
    each labelled with its name and rank; the quartiles of the ranked set are marked.

    Parameters
    ----------
    ranks : DataFrame
        ``ranks.csv`` (typed): ``unit_kind, province_id, province, indicator, year, rank,
        ranked_set_size``; optional ``observation_ids``.
    observations : DataFrame, optional
        Published observations, for the publishers named in the source line.
    year : int
        The ranking's year (default 2022, the full ranking of 63 provinces).
    indicator : str
        Default ``dti_rank``.
    lang : {"en", "vi"}
    provinces : sequence, optional
        Pre-2025 codes to highlight (default the six units).
    width : float, optional
        Figure width in inches (default :data:`DOUBLE_COLUMN`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_lang(lang)
    require_columns(ranks, [*_RANK_COLUMNS, "ranked_set_size"], "ranks")
    provs = [normalize_province_id(p) for p in (provinces or RANK_UNITS)]
    df = ranks[
        (ranks["indicator"] == indicator)
        & (ranks["year"] == year)
        & (ranks["unit_kind"] == "province_pre2025")
    ].copy()
    df["province_id"] = df["province_id"].map(normalize_province_id)
    df = df.sort_values(["rank", "province_id"])
    n = int(df["ranked_set_size"].max()) if len(df) else 0
    what = tr("dti_ranking", lang, year=year)
    source = published_source(lang, df, observations, what)
    with theme():
        fig_w = width or DOUBLE_COLUMN
        fig = new_figure(fig_w, 2.4)
        ax = fig.subplots()
        if df.empty:
            empty_message(ax, tr("no_data", lang))
            add_source(fig, source, fig_w)
            return fig
        stack = df.groupby("rank").cumcount() * 0.22
        others = ~df["province_id"].isin(provs)
        ax.plot(df.loc[others, "rank"], stack[others], "o", color="#bbbbbb", ms=3.6, zorder=3)
        hi = df[~others]
        for (_, r), level in zip(hi.iterrows(), _label_levels(len(hi)), strict=True):
            s = province_style(r["province_id"])
            y0 = stack[r.name]
            ax.plot([r["rank"]], [y0], marker=s.marker, color=s.color, ms=6, mec="white", zorder=5)
            ax.annotate(
                f"{r['province']}\n{int(r['rank'])}/{n}",
                (r["rank"], y0),
                xytext=(r["rank"], level),
                ha="center",
                va="bottom" if level > 0 else "top",
                fontsize=6.2,
                color=s.color,
                arrowprops={"arrowstyle": "-", "color": s.color, "lw": 0.6},
            )
        for q in (0.25, 0.5, 0.75):
            ax.axvline(1 + q * (n - 1), color="#cccccc", lw=0.6, linestyle="--", zorder=1)
        ax.set_xlim(0, n + 1)
        ax.set_ylim(-2.6, 2.6)
        ax.set_yticks([])
        ax.spines[["left", "right", "top"]].set_visible(False)
        ticks = [1, *range(10, n + 1, 10), n] if n >= 10 else list(range(1, n + 1))
        ax.set_xticks(sorted(set(ticks)))
        ax.set_xlabel(tr("rank_axis", lang, year=year, n=n))
        ax.set_title(tr("dti_distribution_title", lang, year=year, n=len(df)), loc="left")
        add_source(fig, source, fig_w)
    return fig
