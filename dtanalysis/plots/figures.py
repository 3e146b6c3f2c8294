"""The publication figures: coverage, adoption curves, gap to target, source audit.

Each function takes the processed tables as :func:`dtanalysis.tables.read_table` gives
them (typed: numbers as floats, booleans as ``bool``, dates as ISO text, province codes
as two-digit text; or any filtered subset with the same columns, or a frame typed with
:func:`dtanalysis.tables.validate`) and returns a :class:`matplotlib.figure.Figure`
drawn in the dtanalysis theme, in English (``lang="en"``) or Vietnamese
(``lang="vi"``), with a source line naming the documents the data come from. Save it
with :func:`dtanalysis.plots.save_figure`.

The figures are created with :class:`matplotlib.figure.Figure`, not ``pyplot``, so
they need no GUI backend and are not kept alive by pyplot; in a notebook show one with
``display(fig)`` or by returning it as the cell's last expression.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..codes import ComparedWith, FitStatus, Verdict
from ..tables import as_datetime
from ._common import (
    APPROXIMATE_QUALIFIERS,
    NEUTRAL,
    add_source,
    empty_message,
    fmt_number,
    format_date,
    indicator_labels,
    legend_handle,
    new_figure,
    number_formatter,
    ordered_indicators,
    ordered_provinces,
    province_names,
    require_columns,
    source_line,
    wrap,
    year_axis,
)
from .style import (
    DOUBLE_COLUMN,
    SINGLE_COLUMN,
    _check_lang,
    check_label,
    classification_label,
    province_style,
    theme,
    tr,
    verdict_label,
)

__all__ = ["adoption_figure", "audit_figure", "coverage_figure", "gap_figure"]

PROJECTION_MEASURE = "projected_value_at_deadline"

# ---------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------

MEASURE_MARKERS = {"level": "o", "flow": "s", "change": "D", "target": "*", "other": "x"}
MEASURE_OFFSETS = {"level": -0.24, "flow": -0.08, "change": 0.08, "target": 0.24, "other": 0.0}


def _coverage_frame(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel rows with their dates as datetimes and unknown measure types as "other"."""
    df = panel.copy()
    df["period_end"] = as_datetime(df["period_end"])
    df["period_start"] = as_datetime(df["period_start"]) if "period_start" in df.columns else pd.NaT
    df.loc[~df["measure_type"].isin(MEASURE_MARKERS), "measure_type"] = "other"
    return df


def _draw_coverage_panel(
    ax, sub: pd.DataFrame, pid: str, n_inds: int, ypos: dict[str, int], present_types: list[str]
) -> None:
    """One province: a marker per row at its period end, a segment over its period."""
    color = province_style(pid).color
    for i in range(n_inds):
        ax.axhline(i, color="#e6e6e6", lw=0.5, zorder=0)
    for mtype, marker in MEASURE_MARKERS.items():
        part = sub[(sub["measure_type"] == mtype) & sub["period_end"].notna()]
        if part.empty:
            continue
        if mtype not in present_types:
            present_types.append(mtype)
        y = part["indicator"].map(ypos).to_numpy(dtype=float) + MEASURE_OFFSETS[mtype]
        spans = part["period_start"].notna() & (part["period_start"] < part["period_end"])
        if spans.any():
            ax.hlines(
                y[spans.to_numpy()],
                part.loc[spans, "period_start"],
                part.loc[spans, "period_end"],
                color=color,
                lw=1.2,
                alpha=0.6,
            )
        # text figures filled, published statistics open (read apart at a glance)
        published = _column(part, "origin", "text").isin(["published", "aggregate"]).to_numpy()
        for mask, face in ((~published, color), (published, "white")):
            if mask.any():
                ax.plot(
                    part["period_end"].to_numpy()[mask],
                    y[mask],
                    linestyle="none",
                    marker=marker,
                    markersize=4.5 if mtype == "target" else 3.5,
                    markerfacecolor=face,
                    markeredgecolor=color,
                    markeredgewidth=0.6 if face == color else 0.8,
                    clip_on=False,
                )
        if published.any() and "published" not in present_types:
            present_types.append("published")


def _coverage_axes(
    axes, df: pd.DataFrame, inds: list[str], ind_labels: dict[str, str], n_prov: int, lang: str
) -> None:
    """Indicator labels, the shared date axis and its limits."""
    axes[0].set_yticks(range(len(inds)))
    axes[0].set_yticklabels([wrap(ind_labels[i], 40) for i in inds])
    axes[0].set_ylim(len(inds) - 0.5, -0.5)
    span = 1
    if df["period_end"].notna().any():
        lo, hi = df["period_end"].min(), df["period_end"].max()
        starts = df["period_start"].dropna()
        if len(starts):
            lo = min(lo, starts.min())
        pad = pd.Timedelta(days=max(60, (hi - lo).days * 0.05))
        axes[0].set_xlim(lo - pad, hi + pad)
        span = max(1, hi.year - lo.year + 1)
    # as many year labels as fit the panel's width (about one per 0.35 inch)
    fits = max(2, int(DOUBLE_COLUMN * 0.72 / max(n_prov, 1) / 0.35))
    base = next((b for b in (1, 2, 4, 5, 10) if span / b < fits), 10)
    for ax in axes:
        if n_prov <= 4:
            ax.set_xlabel(tr("period_end", lang))
        year_axis(ax, base=base if n_prov >= 3 else 1)


def coverage_figure(
    panel: pd.DataFrame,
    *,
    lang: str = "en",
    labels: Any = None,
    sources: Any = None,
    provinces: Sequence[Any] | None = None,
    indicators: Sequence[str] | None = None,
    width: float | None = None,
    published: pd.DataFrame | None = None,
):
    """Which province reports which indicator at which dates.

    One panel per province (study provinces first); rows are indicators, the x axis is
    the end of the reference period. The marker shape gives the measure type (level,
    flow, change, target) and a row whose period starts before it ends is drawn as a
    segment over that period, so the
    reader sees how sparse the data are before believing any curve. The panel title
    gives the number of rows.

    Parameters
    ----------
    panel : DataFrame
        ``panel.csv`` (typed, as :func:`dtanalysis.tables.read_table` gives it) or a
        subset: ``province_id, indicator, period_end, measure_type``; optional
        ``province``, ``period_start``, ``doc_ids``.
    lang : {"en", "vi"}
        Language of every text in the figure.
    labels : mapping or DataFrame, optional
        Indicator labels (see :func:`dtanalysis.plots.indicator_labels`); default: the
        package codebook.
    sources : str or sequence of str, optional
        Source line; default: the ``doc_ids`` of the rows drawn.
    provinces, indicators : sequence, optional
        Explicit order (and selection) of provinces and indicators.
    width : float, optional
        Figure width in inches (default :data:`DOUBLE_COLUMN`, or
        :data:`SINGLE_COLUMN` for one province).
    published : DataFrame, optional
        The published observations: the source line names the publishers of the
        published rows drawn. Rows with ``origin`` published or aggregate are drawn as
        open markers, the text figures filled; only pre-2025 provinces are drawn when
        the panel has ``unit_kind``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    PlotInputError
        When a required column is missing or `lang` is unknown.
    """
    _check_lang(lang)
    require_columns(panel, ["province_id", "indicator", "period_end", "measure_type"], "panel")
    df = _coverage_frame(panel)
    if "unit_kind" in df.columns:  # pre-2025 provinces: 2025 units and the country are others
        df = df[df["unit_kind"].isin(["province_pre2025", ""]) & (df["province_id"] != "")]
    provs = ordered_provinces(df, provinces)
    inds = ordered_indicators(df, indicators)
    df = df[df["province_id"].isin(provs) & df["indicator"].isin(inds)]
    names = province_names(df if len(df) else panel)
    ind_labels = indicator_labels(inds, lang, labels)
    source = _text_and_published_source(lang, sources, df, published)

    with theme():
        n_prov = max(len(provs), 1)
        fig_w = width or (SINGLE_COLUMN if n_prov == 1 else DOUBLE_COLUMN)
        fig = new_figure(fig_w, 1.1 + 0.3 * max(len(inds), 1))
        axes = fig.subplots(1, n_prov, sharex=True, sharey=True, squeeze=False)[0]
        ypos = {ind: i for i, ind in enumerate(inds)}
        present_types: list[str] = []
        for ax, pid in zip(axes, provs or [""], strict=False):
            sub = df[df["province_id"] == pid]
            _draw_coverage_panel(ax, sub, pid, len(inds), ypos, present_types)
            name = names.get(pid, pid) if pid else tr("no_data", lang)
            sep = "\n" if n_prov > 4 else " "  # narrow panels: the count under the name
            ax.set_title(
                f"{name}{sep}(n = {len(sub)})", color=province_style(pid).color if pid else NEUTRAL
            )
            ax.grid(axis="x", color="#eeeeee", lw=0.5)
            ax.set_axisbelow(True)
            if sub.empty:
                ax.text(
                    0.5,
                    0.5,
                    tr("no_data", lang),
                    ha="center",
                    va="center",
                    transform=ax.transAxes,
                    color=NEUTRAL,
                )
        _coverage_axes(axes, df, inds, ind_labels, n_prov, lang)
        handles = _measure_handles(present_types, lang)
        if handles:
            fig.legend(
                handles=handles,
                loc="outside upper center",
                ncol=min(len(handles), 4),
                title=tr("measure_type", lang),
            )
        # narrow panels share one x label (written with the source line)
        xlabel = tr("period_end", lang) if n_prov > 4 else None
        add_source(fig, source, fig_w, xlabel=xlabel)
    return fig


def _measure_handles(types: Sequence[str], lang: str):
    origin = []
    if "published" in types:
        origin = [
            legend_handle(tr("origin_text", lang), "o", markersize=3.5),
            legend_handle(tr("origin_published", lang), "o", hollow=True, markersize=3.5),
        ]
    return origin + [
        legend_handle(
            tr(f"measure_{t}", lang), MEASURE_MARKERS[t], markersize=4.5 if t == "target" else 3.5
        )
        for t in MEASURE_MARKERS
        if t in types
    ]


# ---------------------------------------------------------------------------
# Adoption curves
# ---------------------------------------------------------------------------

_CURVE_COLUMNS = ["province_id", "indicator", "date", "mean", "ci_lower", "ci_upper"]


def _column(df: pd.DataFrame, name: str, default: Any = np.nan) -> pd.Series:
    """A column of `df`, or `default` on every row when the (optional) column is absent."""
    return df[name] if name in df.columns else pd.Series(default, index=df.index)


def _prepare_observations(obs: pd.DataFrame) -> pd.DataFrame:
    """Panel rows or model observations as date, share, low/high shares and an approx flag."""
    date_col = "date" if "date" in obs.columns else "period_end"
    require_columns(obs, ["province_id", "indicator", date_col], "observations")
    df = obs.copy()
    if "measure_type" in df.columns:
        df = df[df["measure_type"] == "level"]
    df["date"] = as_datetime(df[date_col])
    share, unit = _column(df, "share"), _column(df, "unit", "")
    denom = _column(df, "denominator")
    share = share.where(share.notna(), _column(df, "value").where(unit == "percent") / 100.0)
    # a range's low/high are in the unit of `value`; bring them to shares
    scale = pd.Series(np.nan, index=df.index)
    scale[unit == "percent"] = 100.0
    ratio = (unit != "percent") & denom.gt(0)
    scale[ratio] = denom[ratio]
    for side in ("low", "high"):
        df[f"share_{side}"] = _column(df, side) / scale
    df["is_range"] = (
        df["share_low"].notna() & df["share_high"].notna() & (df["share_high"] > df["share_low"])
    )
    # for a range `value` is its low end: draw the point at the middle of the range
    mid = (df["share_low"] + df["share_high"]) / 2
    df["share"] = share.where(~(df["is_range"] & share.isna()), mid)
    approx = _column(df, "approximate", False).astype(bool)
    df["is_approx"] = approx | _column(df, "qualifier", "").isin(APPROXIMATE_QUALIFIERS)
    return df[df["date"].notna() & df["share"].notna()]


def _prepare_curves(curves: pd.DataFrame | None) -> pd.DataFrame:
    """The curve grid with datetimes, sorted; an empty grid when there are no curves."""
    if curves is None:
        return pd.DataFrame(columns=_CURVE_COLUMNS)
    require_columns(curves, _CURVE_COLUMNS, "curves")
    cur = curves.copy()
    cur["date"] = as_datetime(cur["date"])
    return cur[cur["date"].notna() & cur["mean"].notna()].sort_values(
        ["province_id", "indicator", "date"]
    )


def _fit_facts(fits_table: pd.DataFrame | None) -> tuple[dict, dict]:
    """``(province_id, indicator)`` → largest ``n_obs``, and → :class:`FitStatus` (or None)."""
    n_obs_map: dict[tuple[str, str], int] = {}
    status_map: dict[tuple[str, str], FitStatus | None] = {}
    if fits_table is None or not len(fits_table):
        return n_obs_map, status_map
    require_columns(fits_table, ["province_id", "indicator", "n_obs"], "fits_table")
    statuses = _column(fits_table, "status", "")
    for pid, ind, n, st in zip(
        fits_table["province_id"],
        fits_table["indicator"],
        fits_table["n_obs"],
        statuses,
        strict=True,
    ):
        if not pd.isna(n):
            n_obs_map[(pid, ind)] = max(int(n), n_obs_map.get((pid, ind), 0))
        status_map[(pid, ind)] = FitStatus(st) if st else None
    return n_obs_map, status_map


#: Why a series has no curve, by its fit status (others get the plain "no curve (n)").
_NO_CURVE_NOTES = {
    FitStatus.BOUNDARY: "no_curve_boundary",
    FitStatus.SEPARATION: "no_curve_separation",
    FitStatus.SAME_DATE: "no_curve_same_date",
    FitStatus.FAILED: "no_curve_failed",
}


def _no_curve_note(status: FitStatus | None, count: int, lang: str) -> str:
    """Why a series has no curve, from its adoption.csv ``status`` (translated)."""
    if status is not None and not status.has_curve and status in _NO_CURVE_NOTES:
        return tr(_NO_CURVE_NOTES[status], lang, n=count)
    return tr("no_curve_n" if count == 1 else "no_curve_n_plural", lang, n=count)


def _select_adoption(obs, cur, provinces, indicators, min_observations):
    """Provinces, their names, the indicators to draw, those left out; the rows drawn.

    Only pre-2025 provinces are drawn (rows of 2025 units and of the country, when the
    table says ``unit_kind``, are left out: they are other units). An indicator is
    drawn when a province has a curve or at least `min_observations` observations;
    the others are returned as ``(indicator, n_observations)`` to be listed.
    """
    if "unit_kind" in obs.columns:
        obs = obs[obs["unit_kind"].isin(["province_pre2025", ""])]
    obs = obs[obs["province_id"] != ""]
    cur = cur[cur["province_id"] != ""]
    both = pd.concat([obs[["province_id", "indicator"]], cur[["province_id", "indicator"]]])
    provs = ordered_provinces(both.assign(province=""), provinces)
    names = province_names(obs) if len(obs) else province_names(both.assign(province=""))
    inds = ordered_indicators(both, indicators)
    obs = obs[obs["province_id"].isin(provs) & obs["indicator"].isin(inds)]
    cur = cur[cur["province_id"].isin(provs) & cur["indicator"].isin(inds)]
    counts = obs.groupby(["indicator", "province_id"]).size()
    keep = {i for (i, _p), n in counts.items() if n >= max(min_observations, 1)}
    keep |= set(cur["indicator"])
    left_out = [(i, int(counts.get(i, pd.Series(dtype=int)).sum())) for i in inds if i not in keep]
    inds = [i for i in inds if i in keep]
    obs = obs[obs["indicator"].isin(inds)]
    cur = cur[cur["indicator"].isin(inds)]
    return provs, names, inds, left_out, obs, cur


def _draw_curve(ax, c: pd.DataFrame, style, used: dict, notes: list, pid: str, lang: str) -> None:
    """A fitted curve: its band where it has an interval, pale where it is extrapolated."""
    used["curve"] = True
    used.setdefault("curve_styles", []).append(style.linestyle)
    x = c["date"].to_numpy()
    band = c["ci_lower"].notna() & c["ci_upper"].notna()
    if band.any():
        used["band"] = True
        ax.fill_between(
            x,
            100 * c["ci_lower"].to_numpy(dtype=float),
            100 * c["ci_upper"].to_numpy(dtype=float),
            where=band.to_numpy(),
            color=style.color,
            alpha=0.18,
            lw=0,
            interpolate=False,
        )
    mean = 100 * c["mean"].to_numpy(dtype=float)
    flagged = "extrapolated" in c.columns
    extrapolated = (
        c["extrapolated"].to_numpy(dtype=bool) if flagged else np.zeros(len(c), dtype=bool)
    )
    if not band.any():
        # no interval (e.g. an exact line through two points): draw the line only
        # between the observations, never a confident-looking extrapolation
        if flagged:
            notes.append((pid, tr("no_ci_exact", lang)))
            mean = np.where(extrapolated, np.nan, mean)
            extrapolated = np.zeros(len(c), dtype=bool)
        else:
            notes.append((pid, tr("no_ci", lang)))
    if extrapolated.any():
        used["extrapolated"] = True
        ax.plot(x, mean, color=style.color, linestyle=style.linestyle, lw=0.7, alpha=0.5, zorder=3)
    ax.plot(
        x,
        np.where(extrapolated, np.nan, mean),
        color=style.color,
        linestyle=style.linestyle,
        lw=1.1,
        zorder=3,
    )


def _draw_observations(ax, o: pd.DataFrame, style, used: dict) -> None:
    """Observed shares: ranges as bars, approximate ones open, exact ones filled."""
    rng = o[o["is_range"]]
    if len(rng):
        used["range"] = True
        ax.vlines(
            rng["date"],
            100 * rng["share_low"],
            100 * rng["share_high"],
            color=style.color,
            lw=0.9,
            zorder=4,
        )
        for side in ("share_low", "share_high"):
            ax.plot(
                rng["date"],
                100 * rng[side],
                linestyle="none",
                marker="_",
                color=style.color,
                markersize=4,
                zorder=4,
            )
    open_pts = o[o["is_approx"] | o["is_range"]]
    if len(open_pts):
        used["approx"] = used["approx"] or bool(o["is_approx"].any())
        ax.plot(
            open_pts["date"],
            100 * open_pts["share"],
            linestyle="none",
            marker=style.marker,
            markerfacecolor="white",
            markeredgecolor=style.color,
            markeredgewidth=0.9,
            markersize=4.2,
            zorder=5,
            clip_on=False,
        )
    exact = o[~(o["is_approx"] | o["is_range"])]
    if len(exact):
        used["exact"] = True
        ax.plot(
            exact["date"],
            100 * exact["share"],
            linestyle="none",
            marker=style.marker,
            markerfacecolor=style.color,
            markeredgecolor="white",
            markeredgewidth=0.4,
            markersize=4.2,
            zorder=5,
            clip_on=False,
        )


def _draw_adoption_panel(
    ax, ind: str, provs: list[str], obs, cur, facts, used: dict, shown_provs: list[str], lang: str
) -> list[tuple[str, str]]:
    """One indicator: every province's curve and observations; returns the notes to write."""
    n_obs_map, status_map = facts
    notes: list[tuple[str, str]] = []
    for pid in provs:
        style = province_style(pid)
        o = obs[(obs["province_id"] == pid) & (obs["indicator"] == ind)].sort_values("date")
        c = cur[(cur["province_id"] == pid) & (cur["indicator"] == ind)]
        if o.empty and c.empty:
            continue
        if pid not in shown_provs:
            shown_provs.append(pid)
        if not c.empty:
            _draw_curve(ax, c, style, used, notes, pid, lang)
        elif not o.empty:
            count = n_obs_map.get((pid, ind), len(o))
            notes.append((pid, _no_curve_note(status_map.get((pid, ind)), count, lang)))
        if not o.empty:
            _draw_observations(ax, o, style, used)
    return notes


def _write_notes(ax, notes: list[tuple[str, str]], names: dict[str, str], cols: int) -> None:
    """The panel's notes under its year labels, one text each, never over the data.

    The texts are part of the layout (constrained layout keeps room for them).
    """
    offset = -15.0  # points below the axes: under the year labels
    for pid, note in notes:
        text = wrap(f"{names.get(pid, pid)}: {note}", 70 if cols == 1 else 62)
        ax.annotate(
            text,
            (0, 0),
            xycoords="axes fraction",
            xytext=(0, offset),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=5.8,
            color=province_style(pid).color,
            annotation_clip=False,
        )
        offset -= 7.4 * (text.count("\n") + 1)


def _left_out_text(left_out: list[tuple[str, int]], labels: dict[str, str], lang: str) -> str:
    """The indicators not drawn and why: too few observations for a curve."""
    parts = [f"{labels.get(i, i)} (n = {n})" for i, n in left_out]
    return f"{tr('not_drawn', lang)}: " + "; ".join(parts)


def _finish_adoption_axes(axes, inds, obs, cur, cols: int, lang: str) -> None:
    """Axis labels on every panel (years under each, shares left of each row), date range."""
    for k, ax in enumerate(axes[: len(inds)]):
        ax.set_ylim(-4, 104)  # markers at 0% and 100% are drawn whole (clip_on=False)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.tick_params(axis="x", labelbottom=True)
        ax.tick_params(axis="y", labelleft=k % cols == 0)
        if k % cols == 0:
            ax.set_ylabel(tr("share_or_score", lang))
    dates = pd.concat([obs["date"], cur["date"]]).dropna()
    if len(dates):
        lo, hi = dates.min(), dates.max()
        pad = pd.Timedelta(days=max(90, (hi - lo).days * 0.04))
        axes[0].set_xlim(lo - pad, hi + pad)


def adoption_figure(
    panel_levels: pd.DataFrame,
    curves: pd.DataFrame | None = None,
    fits_table: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    labels: Any = None,
    sources: Any = None,
    provinces: Sequence[Any] | None = None,
    indicators: Sequence[str] | None = None,
    ncols: int | None = None,
    min_observations: int = 1,
    width: float | None = None,
    published: pd.DataFrame | None = None,
):
    """Adoption curves: one panel per indicator, provinces overlaid.

    Observations are points in the province's colour and marker: filled when exact,
    open when approximate (qualifier over/under/nearly/approx, i.e. "hơn", "dưới",
    "gần", "khoảng") and with a low–high bar when they are a range. Fitted curves are
    lines in the province's line style (thin and pale outside the observed period, when
    the curve grid has an ``extrapolated`` column); a shaded 95% band is drawn only
    where the curve grid has an interval. Where a province has observations but no curve, the panel
    says so plainly, e.g. "Cà Mau: no curve (1 observation)".

    Parameters
    ----------
    panel_levels : DataFrame
        ``panel.csv`` rows, typed (only ``measure_type == "level"`` rows are used when
        the column exists) or model observations: ``province_id, indicator``, a date
        (``date`` or ``period_end``, ISO text or datetimes) and ``share`` (0–1), or
        ``value`` with ``unit == "percent"``; optional ``low, high, denominator, unit,
        qualifier, approximate, province, doc_ids``.
    curves : DataFrame, optional
        :func:`dtanalysis.adoption.curve_grid` output: ``province_id, indicator, date,
        mean, ci_lower, ci_upper`` (shares 0–1; ci_* NaN where no interval exists);
        optional ``extrapolated`` (bool).
    fits_table : DataFrame, optional
        ``adoption.csv``: its ``n_obs`` (per ``province_id, indicator``) is quoted in
        the "no curve" notes instead of the count of points drawn, and its ``status``
        (a :class:`dtanalysis.codes.FitStatus`) gives the reason.
    lang : {"en", "vi"}
    labels : mapping or DataFrame, optional
        Indicator labels; default: the package codebook.
    sources : str or sequence of str, optional
        Source line; default: the ``doc_ids`` of the observations.
    provinces, indicators : sequence, optional
        Explicit order and selection.
    ncols : int, optional
        Panels per row (default 1 for one indicator, else 2).
    min_observations : int
        Draw only indicators where some province has at least this many observations
        or a curve (default 1: every indicator; the coverage figure shows the rest).
    width : float, optional
        Figure width in inches.
    published : DataFrame, optional
        The published observations (:func:`dtanalysis.observations.load_observations`):
        the source line names the publishers of the published rows drawn (rows with
        ``observation_ids``) beside the documents of the text rows.

    Only pre-2025 provinces are drawn (rows of 2025 units and of the country are other
    units); indicators without a curve and with fewer than `min_observations` points in
    every province are listed under the panels with their number of observations.
    Notes on missing curves are written under their panel, never over the data; every
    panel has its year and share labels.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    PlotInputError
        When a required column is missing or `lang` is unknown.
    """
    _check_lang(lang)
    obs = _prepare_observations(panel_levels)
    cur = _prepare_curves(curves)
    facts = _fit_facts(fits_table)
    provs, names, inds, left_out, obs, cur = _select_adoption(
        obs, cur, provinces, indicators, min_observations
    )
    ind_labels = indicator_labels(inds + [i for i, _n in left_out], lang, labels)
    source = _text_and_published_source(lang, sources, obs, published)

    with theme():
        cols = ncols or (1 if max(len(inds), 1) == 1 else 2)
        rows = math.ceil(max(len(inds), 1) / cols)
        fig_w = width or (SINGLE_COLUMN if cols == 1 else DOUBLE_COLUMN)
        fig = new_figure(fig_w, 1.2 + 2.5 * rows)
        axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
        used = {
            "approx": False,
            "range": False,
            "curve": False,
            "band": False,
            "exact": False,
            "extrapolated": False,
        }
        shown_provs: list[str] = []
        for k, ax in enumerate(axes):
            if k >= len(inds):
                ax.set_visible(False)
                continue
            ind = inds[k]
            notes = _draw_adoption_panel(ax, ind, provs, obs, cur, facts, used, shown_provs, lang)
            if notes:
                _write_notes(ax, notes, names, cols)
            ax.set_title(wrap(ind_labels[ind], 48 if cols == 1 else 44), loc="left")
            year_axis(ax)
            ax.yaxis.set_major_formatter(number_formatter(lang, digits=0))
            ax.grid(axis="y", color="#eeeeee", lw=0.5)
            ax.set_axisbelow(True)
        if not inds:
            empty_message(axes[0], tr("no_data", lang))
        _finish_adoption_axes(axes, inds, obs, cur, cols, lang)
        handles = _adoption_handles(shown_provs, names, used, lang)
        if handles:
            fig.legend(handles=handles, loc="outside upper center", ncol=min(len(handles), 3))
        if left_out:
            source = _left_out_text(left_out, ind_labels, lang) + "\n" + source
        add_source(fig, source, fig_w)
    return fig


def _text_and_published_source(
    lang: str, sources: Any, obs: pd.DataFrame, published_obs: pd.DataFrame | None = None
) -> str:
    """The documents of the text rows and the publishers of the published rows drawn."""
    from .rankfigs import published_source

    if sources is not None or "observation_ids" not in obs.columns:
        return source_line(lang, sources, obs)
    published = obs[obs["observation_ids"].fillna("") != ""]
    text = obs[obs["observation_ids"].fillna("") == ""]
    parts = []
    if len(text) or not len(published):
        parts.append(source_line(lang, None, text))
    if len(published):
        line = published_source(lang, published, published_obs)
        # one "Source" prefix: the publishers follow the documents
        parts.append(line.split(": ", 1)[1] if parts else line)
    return "; ".join(parts)


def _adoption_handles(provs, names, used, lang):
    from matplotlib.patches import Patch

    handles = []
    for pid in provs:
        s = province_style(pid)
        handles.append(
            legend_handle(
                names.get(pid, pid),
                color=s.color,
                marker=s.marker,
                linestyle=s.linestyle,
                markersize=4,
            )
        )
    if used["exact"]:
        handles.append(legend_handle(tr("observation", lang), "o", markersize=4))
    if used["approx"]:
        handles.append(legend_handle(tr("approximate", lang), "o", hollow=True, markersize=4))
    if used["range"]:
        handles.append(legend_handle(tr("range", lang), "|", markersize=7))
    # the curve entries are drawn as the curves are: in the line style of the curves drawn
    styles = list(dict.fromkeys(map(str, used.get("curve_styles", []))))
    style = used["curve_styles"][0] if used.get("curve_styles") else "-"
    key = "fitted_curve" if len(styles) <= 1 else "fitted_curve_styles"
    if used["curve"]:
        handles.append(legend_handle(tr(key, lang), lw=1.1, linestyle=style))
    if used["extrapolated"]:
        handles.append(
            legend_handle(tr("extrapolated", lang), lw=0.7, alpha=0.5, linestyle=style)
        )
    if used["band"]:
        handles.append(Patch(facecolor=NEUTRAL, alpha=0.18, lw=0, label=tr("ci_band", lang)))
    return handles


# ---------------------------------------------------------------------------
# Gap to target
# ---------------------------------------------------------------------------

_COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "==": "="}


def _target_origin(scope: str, document_number: str, lang: str) -> str:
    """Who set a target, for the gap figure: "national, 411/QĐ-TTg" or "provincial".

    `document_number` is the target's ``document_number`` in ``targets.csv`` (empty when
    its source names none).
    """
    if not scope:
        return ""
    who = tr("scope_national" if scope == "national" else "scope_provincial", lang)
    return f"{who}, {document_number}" if document_number else who


def _document_numbers(targets: pd.DataFrame | None) -> dict[str, str]:
    """``target_id`` → ``document_number`` of the targets table (default: the package's)."""
    if targets is None:
        from ..tables import read_table

        targets = read_table("targets")
    require_columns(targets, ["target_id", "document_number"], "targets")
    return dict(zip(targets["target_id"], targets["document_number"], strict=True))


TARGET_MET = "target met"


def _gap_class(g: pd.DataFrame, prow: pd.Series | None, classification_measure: str) -> str:
    """The progress class shown for one province × indicator × target."""
    classes = [c for c in g["classification"] if c]
    chosen = g[g["measure"] == classification_measure]
    if TARGET_MET in classes:
        # the latest value already meets the target: that overrides any trend-based
        # class (Open SDG "target achieved" rule)
        return TARGET_MET
    if len(chosen):
        return chosen.iloc[0]["classification"]
    if prow is not None:
        return prow["classification"]
    return classes[0] if classes else ""


def _gap_rows(
    df: pd.DataFrame, inds, provs, classification_measure: str, numbers: dict[str, str], lang: str
) -> list[dict[str, Any]]:
    """One drawn row per indicator × province × target, in drawing order."""
    rows: list[dict[str, Any]] = []
    for ind in inds:
        for pid in provs:
            part = df[(df["indicator"] == ind) & (df["province_id"] == pid)]
            for tid in sorted(set(part["target_id"])):
                g = part[part["target_id"] == tid]
                proj = g[g["measure"] == PROJECTION_MEASURE]
                first = g.iloc[0]
                prow = proj.iloc[0] if len(proj) else None
                cmp_raw = first["comparator"] if "comparator" in g.columns else ""
                rows.append(
                    {
                        "origin": _target_origin(
                            first.get("scope", ""), numbers.get(tid, ""), lang
                        ),
                        "indicator": ind,
                        "province_id": pid,
                        "target_value": first["target_value"],
                        "deadline": first["deadline"],
                        "latest_value": first["latest_value"],
                        "value": prow["value"] if prow is not None else np.nan,
                        "ci_lower": prow["ci_lower"] if prow is not None else np.nan,
                        "ci_upper": prow["ci_upper"] if prow is not None else np.nan,
                        "classification": _gap_class(g, prow, classification_measure),
                        "comparator": _COMPARATORS.get(cmp_raw, cmp_raw),
                    }
                )
    return rows


def _gap_source(
    df: pd.DataFrame, sources: Any, observations: pd.DataFrame | None, lang: str
) -> str:
    if sources is None and observations is not None and "doc_ids" in observations.columns:
        # the data documents, and a pointer to the targets table (its source_document
        # cells are full citations, too long for a figure)
        require_columns(observations, ["province_id", "indicator"], "observations")
        pairs = set(zip(df["province_id"], df["indicator"], strict=True))
        keys = zip(observations["province_id"], observations["indicator"], strict=True)
        source = source_line(lang, None, observations[[k in pairs for k in keys]])
        return f"{source}. {tr('targets_source', lang)}"
    return source_line(lang, sources, df)


def _gap_layout(rows: list[dict[str, Any]]) -> tuple[list[float], list[tuple[float, str]], int]:
    """A heading line per indicator, then one line per row: row positions, headings, lines."""
    y = 0
    ypos: list[float] = []
    headings: list[tuple[float, str]] = []
    last_ind = None
    for r in rows:
        if r["indicator"] != last_ind:
            headings.append((y, r["indicator"]))
            y += 1
            last_ind = r["indicator"]
        ypos.append(y)
        y += 1
    return ypos, headings, max(y, 1)


def _draw_gap_row(ax, side, r: dict[str, Any], yy: float, lang: str) -> None:
    """One dumbbell: latest value, projection with its interval, target; its text on the side."""
    s = province_style(r["province_id"])
    lv, pv = r["latest_value"], r["value"]
    if not math.isnan(lv) and not math.isnan(pv):
        ax.plot(
            [lv, pv], [yy, yy], color=s.color, lw=1.0, alpha=0.6, linestyle=s.linestyle, zorder=2
        )
    if not math.isnan(pv):
        lo, hi = r["ci_lower"], r["ci_upper"]
        if not (math.isnan(lo) or math.isnan(hi)):
            ax.hlines(yy, lo, hi, color=s.color, lw=2.6, alpha=0.3, zorder=2)
        ax.plot(
            [pv],
            [yy],
            linestyle="none",
            marker="D",
            markerfacecolor="white",
            markeredgecolor=s.color,
            markeredgewidth=1.0,
            markersize=4.2,
            zorder=4,
        )
    if not math.isnan(lv):
        ax.plot(
            [lv],
            [yy],
            linestyle="none",
            marker=s.marker,
            color=s.color,
            markersize=4.4,
            markeredgecolor="white",
            markeredgewidth=0.4,
            zorder=5,
        )
    if not math.isnan(r["target_value"]):
        ax.plot(
            [r["target_value"]],
            [yy],
            linestyle="none",
            marker="|",
            color="black",
            markersize=9,
            markeredgewidth=1.6,
            zorder=3,
        )
    target = tr(
        "target_by",
        lang,
        cmp=r["comparator"],
        value=fmt_number(r["target_value"], lang) + "%",
        deadline=format_date(r["deadline"], lang),
    )
    if r["origin"]:
        target = f"{target} ({r['origin']})"
    status = classification_label(r["classification"], lang)
    if math.isnan(pv):
        status = f"{status} ({tr('no_projection', lang)})"
    side.text(
        0.0,
        yy,
        wrap(f"{target} · {status}", 40),
        va="center",
        ha="left",
        fontsize=6.2,
        color="black",
        linespacing=1.0,
    )


def _finish_gap_axes(ax, side, rows, ypos, headings, n_lines, names, ind_labels, lang) -> None:
    ticks = [
        (yy, names.get(r["province_id"], r["province_id"]))
        for r, yy in zip(rows, ypos, strict=True)
    ]
    ax.set_yticks([t[0] for t in ticks])
    ax.set_yticklabels([t[1] for t in ticks])
    for yy, ind in headings:
        ax.text(
            0.0,
            yy,
            wrap(ind_labels[ind], 90),
            transform=ax.get_yaxis_transform(),
            ha="left",
            va="center",
            fontweight="bold",
            fontsize=6.8,
        )
    ax.set_ylim(n_lines - 0.5, -0.6)
    values = [
        v
        for r in rows
        for v in (r["latest_value"], r["value"], r["ci_upper"], r["target_value"])
        if not math.isnan(v)
    ]
    ax.set_xlim(0, max([100.0, *values]) * 1.02)
    ax.set_xlabel(tr("value_percent", lang))
    ax.xaxis.set_major_formatter(number_formatter(lang, digits=0))
    ax.grid(axis="x", color="#eeeeee", lw=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    side.set_xlim(0, 1)
    side.axis("off")
    if not rows:
        empty_message(ax, tr("no_data", lang))


def gap_figure(
    gaps: pd.DataFrame,
    *,
    lang: str = "en",
    labels: Any = None,
    sources: Any = None,
    provinces: Sequence[Any] | None = None,
    indicators: Sequence[str] | None = None,
    classification_measure: str = "cagr_ratio",
    observations: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    width: float | None = None,
):
    """Gap to target: latest value, target, projection at the deadline, classification.

    One row per province × indicator × target (grouped under an indicator heading): a
    filled marker at the latest observed value, a black bar at the target, an open
    diamond at the projected value at the deadline with its 95% interval, joined by a
    line (a dumbbell). The right-hand column gives the target, its deadline, who set it
    (national or provincial, with the target's ``document_number`` when its source
    names one) and the progress classification ("on track", "acceleration needed", ...).

    Parameters
    ----------
    gaps : DataFrame
        ``gaps.csv`` (typed) or a subset: ``province_id, indicator, target_value,
        deadline, latest_value, measure, value, ci_lower, ci_upper, classification``;
        optional ``province, target_id, scope, comparator, latest_date, doc_ids`` or
        ``source_document``. All values in percent; the projection is the row with
        ``measure == "projected_value_at_deadline"``. Rows of rank targets
        (``target_unit == "rank"``) are left out and counted in a note under the figure
        (they are not percentages).
    lang : {"en", "vi"}
    labels : mapping or DataFrame, optional
        Indicator labels; default: the package codebook.
    sources : str or sequence of str, optional
        Source line; default: ``doc_ids`` / ``source_document`` of the rows.
    provinces, indicators : sequence, optional
        Explicit order and selection.
    classification_measure : str
        The measure whose ``classification`` is shown (default ``"cagr_ratio"``, the
        Statistics Canada / Open SDG classes "on track", "acceleration needed",
        "limited progress", "moving away", "target achieved"). When a row group has no
        such measure, the projection row's classification is shown, else the first
        non-empty one.
    observations : DataFrame, optional
        The panel (or observations) the gaps were computed from; when given (and
        `sources` is not), the source line names its ``doc_ids`` for the rows drawn
        and points to the targets table instead of quoting every ``source_document``.
    targets : DataFrame, optional
        ``targets.csv`` (``target_id, document_number``), read by ``target_id`` for the
        document numbers; default: the package's targets table.
    width : float, optional
        Figure width in inches (default :data:`DOUBLE_COLUMN`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    PlotInputError
        When a required column is missing or `lang` is unknown.
    """
    _check_lang(lang)
    require_columns(
        gaps,
        [
            "province_id",
            "indicator",
            "target_value",
            "deadline",
            "latest_value",
            "measure",
            "value",
            "ci_lower",
            "ci_upper",
            "classification",
        ],
        "gaps",
    )
    df = gaps if "target_id" in gaps.columns else gaps.assign(target_id="")
    rank_targets = 0
    if "target_unit" in df.columns:
        # rank targets ("in the group of 20") are not percentages: left out, said below
        is_rank = df["target_unit"] == "rank"
        rank_targets = int(df.loc[is_rank, "target_id"].nunique())
        df = df[~is_rank]
    provs = ordered_provinces(df, provinces)
    inds = ordered_indicators(df, indicators)
    df = df[df["province_id"].isin(provs) & df["indicator"].isin(inds)]
    names = province_names(df) if len(df) else province_names(gaps)
    ind_labels = indicator_labels(inds, lang, labels)
    source = _gap_source(df, sources, observations, lang)
    if rank_targets:
        source = tr("rank_targets_left_out", lang, n=rank_targets) + "\n" + source
    rows = _gap_rows(df, inds, provs, classification_measure, _document_numbers(targets), lang)

    with theme():
        ypos, headings, n_lines = _gap_layout(rows)
        fig_w = width or DOUBLE_COLUMN
        fig = new_figure(fig_w, 1.0 + 0.3 * n_lines)
        ax, side = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [2.2, 1.0]})
        for r, yy in zip(rows, ypos, strict=True):
            _draw_gap_row(ax, side, r, yy, lang)
        _finish_gap_axes(ax, side, rows, ypos, headings, n_lines, names, ind_labels, lang)
        fig.legend(handles=_gap_handles(lang), loc="outside upper center", ncol=3)
        add_source(fig, source, fig_w)
    return fig


def _gap_handles(lang):
    return [
        legend_handle(tr("latest_value", lang), "o", markersize=4.4),
        legend_handle(
            tr("target_value", lang), "|", color="black", markersize=9, markeredgewidth=1.6
        ),
        legend_handle(
            tr("projected_value", lang),
            alpha=0.35,
            lw=2.6,
            marker="D",
            linestyle="-",
            markerfacecolor="white",
            markeredgecolor=NEUTRAL,
            markersize=4.2,
        ),
    ]


# ---------------------------------------------------------------------------
# Audit
# ---------------------------------------------------------------------------

_AUDIT_COLUMNS = [
    "figure_id",
    "province_id",
    "indicator",
    "check",
    "verdict",
    "expected_low",
    "expected_high",
    "observed_low",
    "observed_high",
    "compared_with",
    "compared_figure_id",
    "compared_raw",
    "denominator_year",
    "denominator_quantity",
]


def _comparison_note(r: pd.Series, lang: str) -> str:
    """What a row of the audit compares against (from its ``compared_with`` code).

    Another figure's implied denominator gives "vs the denominator implied by 1,03%",
    a row of the denominators table "vs adult_population 2022, denominators.csv",
    another figure of the same period "vs {its figure id}"; the figure's own fraction
    and the possible range give "".
    """
    code = r["compared_with"]
    if code == ComparedWith.IMPLIED_DENOMINATOR:
        text = tr("audit_vs_implied", lang, x=_as_number(r["compared_raw"], lang))
    elif code == ComparedWith.STATED_DENOMINATOR:
        text = tr("audit_vs_stated", lang, x=_as_number(r["compared_raw"], lang))
    elif code == ComparedWith.DENOMINATORS_TABLE:
        text = tr(
            "audit_vs",
            lang,
            x=f"{r['denominator_quantity']} {r['denominator_year']}, denominators.csv",
        )
    elif code == ComparedWith.FIGURE:
        text = tr("audit_vs", lang, x=r["compared_figure_id"])
    else:
        return ""
    return "\n" + wrap(text, 46)


def _as_number(raw: str, lang: str) -> str:
    """A figure's printed text as a number in the figure's language ("1,03%" → "1.03%")."""
    from ..reading import parse_quantity

    try:
        q = parse_quantity(str(raw))
    except Exception:  # noqa: BLE001 - an unreadable text is shown as printed
        return str(raw)
    if q is None or q.value is None:
        return str(raw)
    return fmt_number(float(q.value), lang, 4) + ("%" if q.unit == "percent" else "")


def _audit_frame(audit: pd.DataFrame, verdicts: Sequence[str]) -> pd.DataFrame:
    """The rows to draw (those verdicts, with a number), in drawing order."""
    df = audit[audit["verdict"].isin([str(v) for v in verdicts])]
    df = df[df["expected_low"].notna() | df["observed_low"].notna()]
    prov_rank = {p: i for i, p in enumerate(ordered_provinces(df))} if len(df) else {}
    df = df.assign(_prov_rank=df["province_id"].map(lambda p: prov_rank.get(p, len(prov_rank))))
    return df.sort_values(["check", "indicator", "_prov_rank", "figure_id"], kind="mergesort")


def _draw_audit_values(ax, i: int, r: pd.Series, s) -> bool:
    """The expected (open) and stated (filled) value of one row; True when an interval was drawn."""
    e_lo, e_hi, o_lo, o_hi = (
        r["expected_low"],
        r["expected_high"],
        r["observed_low"],
        r["observed_high"],
    )
    e, o = (e_lo + e_hi) / 2, (o_lo + o_hi) / 2
    if not (math.isnan(e) or math.isnan(o)):
        # join the nearest ends of the two values (intervals may overlap)
        if o_lo > e_hi:
            ax.plot([e_hi, o_lo], [i, i], color=s.color, lw=1.0, alpha=0.7, zorder=2)
        elif e_lo > o_hi:
            ax.plot([o_hi, e_lo], [i, i], color=s.color, lw=1.0, alpha=0.7, zorder=2)
    interval = False
    for lo, hi, filled in ((e_lo, e_hi, False), (o_lo, o_hi, True)):
        if math.isnan(lo):
            continue
        if hi > lo:
            interval = True
            ax.hlines(
                i,
                lo,
                hi,
                color=s.color,
                lw=3.2,
                alpha=0.55 if filled else 0.25,
                zorder=3 if filled else 2,
            )
            ax.plot(
                [lo, hi],
                [i, i],
                linestyle="none",
                marker="|",
                color=s.color,
                markersize=5,
                markeredgewidth=0.9,
                zorder=4,
            )
        elif filled:
            ax.plot(
                [lo],
                [i],
                linestyle="none",
                marker=s.marker,
                color=s.color,
                markeredgecolor="white",
                markeredgewidth=0.4,
                markersize=4.4,
                zorder=5,
            )
        else:
            ax.plot(
                [lo],
                [i],
                linestyle="none",
                marker=s.marker,
                markerfacecolor="white",
                markeredgecolor=s.color,
                markeredgewidth=0.9,
                markersize=4.4,
                zorder=4,
            )
    return interval


def _audit_verdict_text(r: pd.Series, lang: str) -> str:
    """The verdict, and the difference when both sides are single values."""
    e_lo, e_hi, o_lo, o_hi = (
        r["expected_low"],
        r["expected_high"],
        r["observed_low"],
        r["observed_high"],
    )
    e, o = (e_lo + e_hi) / 2, (o_lo + o_hi) / 2
    diff = ""
    if e_lo == e_hi and o_lo == o_hi and not (math.isnan(e) or math.isnan(o)):
        diff = f" · Δ = {fmt_number(o - e, lang, 2, True)}"
        if e != 0 and abs(e) >= 1000:
            diff += f" ({fmt_number(100 * (o - e) / abs(e), lang, 1, True)}%)"
    return f"{verdict_label(r['verdict'], lang)}{diff}"


def _draw_audit_panel(
    ax, side, part: pd.DataFrame, check: str, names, ind_labels, lang: str
) -> bool:
    """One check: a row per audited figure; True when an interval was drawn."""
    from matplotlib.ticker import MaxNLocator

    interval = False
    for i, r in part.iterrows():
        interval = _draw_audit_values(ax, i, r, province_style(r["province_id"])) or interval
        side.text(
            0.0,
            i,
            _audit_verdict_text(r, lang),
            va="center",
            ha="left",
            fontsize=6.2,
            fontweight="bold" if r["verdict"] == Verdict.CONTRADICTION else "normal",
        )
    ax.set_yticks(range(len(part)))
    ax.set_yticklabels(
        [
            wrap(
                f"{names.get(r['province_id'], r['province_id']) or '–'} · "
                f"{ind_labels.get(r['indicator'], r['indicator'])}",
                46,
            )
            + _comparison_note(r, lang)
            for _, r in part.iterrows()
        ]
    )
    ax.set_ylim(len(part) - 0.5, -0.5)
    ax.set_title(check_label(check, lang), loc="left")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.xaxis.set_major_formatter(number_formatter(lang, digits=2))
    ax.margins(x=0.08)
    ax.grid(axis="x", color="#eeeeee", lw=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    side.set_ylim(len(part) - 0.5, -0.5)
    side.set_xlim(0, 1)
    side.axis("off")
    return interval


def audit_figure(
    audit: pd.DataFrame,
    *,
    lang: str = "en",
    labels: Any = None,
    sources: Any = None,
    verdicts: Sequence[str] = (Verdict.CONTRADICTION, Verdict.WARNING),
    width: float | None = None,
):
    """Where the sources contradict themselves.

    One panel per audit check (each with its own scale, since a check on percentages
    and a check on denominators do not share units), one row per audited figure: an
    open marker at the expected (implied) value and a filled marker at the stated
    (observed) value, joined by a line, in the province's colour and marker; a value
    that is an interval (a rounding interval, an allowed range) is drawn as a bar
    (pale for the expected side, darker for the stated side). The
    right-hand column gives the verdict and the difference.

    Parameters
    ----------
    audit : DataFrame
        ``audit.csv`` (typed) or a subset: ``figure_id, province_id, indicator, check,
        verdict``, the numbers ``expected_low, expected_high, observed_low,
        observed_high`` and what was compared (``compared_with, compared_figure_id,
        compared_raw, denominator_year, denominator_quantity``); optional ``province``.
        The readable ``expected`` / ``observed`` text is not read. Rows with neither an
        expected nor an observed number are not drawn.
    lang : {"en", "vi"}
    labels : mapping or DataFrame, optional
        Indicator labels; default: the package codebook.
    sources : str or sequence of str, optional
        Source line; default: the doc_id part of ``figure_id`` and ``compared_figure_id``.
    verdicts : sequence of str
        Verdicts drawn (default: contradictions and warnings).
    width : float, optional
        Figure width in inches (default :data:`DOUBLE_COLUMN`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    PlotInputError
        When a required column is missing or `lang` is unknown.
    """
    _check_lang(lang)
    require_columns(audit, _AUDIT_COLUMNS, "audit")
    df = _audit_frame(audit, verdicts)
    names = province_names(audit)
    checks = sorted(set(df["check"]))
    ind_labels = (
        indicator_labels(sorted(set(df["indicator"]) - {""}), lang, labels) if len(df) else {}
    )
    source = source_line(lang, sources, df if len(df) else audit)
    if sources is None and (df["compared_with"] == ComparedWith.DENOMINATORS_TABLE).any():
        source += f"; {tr('denominators_table', lang)}"
    if sources is None and (df["compared_with"] == ComparedWith.PUBLISHED).any():
        source += f"; {tr('published_observations', lang)}"

    with theme():
        fig_w = width or DOUBLE_COLUMN
        counts = [int((df["check"] == c).sum()) for c in checks] or [1]
        noted = any(_comparison_note(r, lang) for _, r in df.iterrows())
        row_h = 0.34 if noted else 0.24  # rows that say what they compare against have 3 lines
        fig = new_figure(fig_w, 1.0 + sum(row_h * c + 0.45 for c in counts))
        grid = fig.subplots(
            len(counts),
            2,
            squeeze=False,
            gridspec_kw={"height_ratios": counts, "width_ratios": [2.2, 1.0]},
        )
        if not checks:
            empty_message(grid[0][0], tr("audit_none", lang))
            grid[0][1].axis("off")
        used_interval = False
        for (ax, side), check in zip(grid, checks, strict=False):
            part = df[df["check"] == check].reset_index(drop=True)
            used_interval = (
                _draw_audit_panel(ax, side, part, check, names, ind_labels, lang) or used_interval
            )
        if checks:
            handles = _audit_handles(lang, used_interval)
            fig.legend(handles=handles, loc="outside upper center", ncol=len(handles))
        add_source(fig, source, fig_w)
    return fig


def _audit_handles(lang, interval):
    extra = [
        legend_handle(
            tr("audit_interval", lang), lw=3.2, alpha=0.4, marker="|", linestyle="-", markersize=5
        )
    ]
    return [
        legend_handle(tr("audit_expected", lang), "o", hollow=True, markersize=4.4),
        legend_handle(tr("audit_observed", lang), "o", markersize=4.4),
    ] + (extra if interval else [])
