"""Notebook 2, adoption curves: the series, the curves, the lags and the slope tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

__all__ = [
    "caveats_summary",
    "comparison_level",
    "lags_summary",
    "series_summary",
    "series_table",
    "show_adoption_figure",
    "show_slope_tests",
    "slope_tests",
    "time_distance_table",
    "time_distances",
]

#: Columns of the series table, and their formats.
SERIES_COLUMNS = (
    "province",
    "indicator",
    "method",
    "n_obs",
    "first_date",
    "last_date",
    "first_share",
    "last_share",
    "slope_per_year",
    "slope_ci_lower",
    "slope_ci_upper",
    "ci_level",
)
SERIES_FORMATS = {
    "first_share": "{:.1%}",
    "last_share": "{:.1%}",
    "slope_per_year": "{:.2f}",
    "slope_ci_lower": "{:.2f}",
    "slope_ci_upper": "{:.2f}",
    "ci_level": "{:.0%}",
}


def _md(text: str) -> Any:
    from IPython.display import Markdown

    return Markdown(text)


def series_summary(observations: Any, table: Any, fits: Mapping[Any, Any]) -> Any:
    """How many observations and series, how many curves and intervals, by method.

    Parameters
    ----------
    observations : DataFrame
        The page's share observations (:func:`dtanalysis.adoption.observations_from_panel`).
    table : DataFrame
        :func:`dtanalysis.adoption.adoption_table` of `fits`.
    fits : mapping
        :func:`dtanalysis.adoption.fit_adoption_curves` of `observations`.

    Returns
    -------
    IPython.display.Markdown
    """
    methods = table["method"].value_counts()
    n_curves = sum(f.has_curve for f in fits.values())
    n_intervals = sum(f.has_curve and f.has_interval for f in fits.values())
    from .common import count, verb

    n_ind = table["indicator"].nunique()
    return _md(
        f"{count(len(observations), 'observation', bold=True)} of a share form "
        f"{count(len(table), 'province × indicator series', bold=True)} over "
        f"{count(n_ind, 'indicator', bold=True)}. "
        f"{count(n_curves, 'series', bold=True)} {verb(n_curves, 'has', 'have')} a curve and "
        f"**{n_intervals}** of {verb(n_curves, 'it', 'them')} an interval; "
        "by method: " + "; ".join(f"{m}: {n}" for m, n in methods.items()) + "."
    )


def series_table(table: Any, label: Mapping[str, str]) -> Any:
    """The series table with indicator labels, shares in percent (a pandas Styler)."""
    shown = table.assign(indicator=table["indicator"].map(label).fillna(table["indicator"]))
    styled = shown[list(SERIES_COLUMNS)].style.set_uuid("series")
    styled = styled.format(SERIES_FORMATS, na_rep="—")
    return styled.hide(axis="index")


def show_adoption_figure(
    panel: Any,
    table: Any,
    observations: Any,
    chosen: Mapping[str, str],
    lang: str,
    curves: Any = None,
) -> None:
    """Draw and show the adoption figure of the page, or say that there is nothing to draw.

    Parameters
    ----------
    panel : DataFrame
        The page's panel rows.
    table : DataFrame
        The page's adoption table.
    observations : DataFrame
        The page's share observations.
    chosen : mapping
        ``{province_id: name}`` of the page.
    lang : str
        Figure language.
    curves : DataFrame, optional
        The curves the build evaluated (``curves.csv``, :func:`dtanalysis.read_table`);
        the figure draws them as they are, nothing is fitted again. Default: read
        ``curves.csv``.
    """
    from IPython.display import display

    from ..plots import adoption_figure
    from ..tables import read_table
    from .common import show_figure

    if curves is None:
        curves = read_table("curves")
    if len(observations):
        show_figure(adoption_figure(panel, curves, table, lang=lang, provinces=list(chosen)))
    else:
        names = ", ".join(chosen.values())
        display(_md(f"No share is observed for {names}: no curve to draw."))


def comparison_level(fit_a: Any, fit_b: Any) -> float:
    """A share inside both observed ranges when they overlap, else between them.

    Parameters
    ----------
    fit_a, fit_b : dtanalysis.adoption.AdoptionFit

    Returns
    -------
    float
    """
    lo = max(min(fit_a.shares), min(fit_b.shares))
    hi = min(max(fit_a.shares), max(fit_b.shares))
    return (lo + hi) / 2


def _curves_by_indicator(fits: Mapping[Any, Any]) -> dict[str, list[Any]]:
    by_indicator: dict[str, list[Any]] = {}
    for fit in fits.values():
        if fit.has_curve:
            by_indicator.setdefault(fit.indicator, []).append(fit)
    return by_indicator


def time_distances(fits: Mapping[Any, Any], chosen: Mapping[str, str]) -> list[Any]:
    """Sicherl time distances between every pair of provinces with a curve of an indicator.

    Pairs are ordered as the provinces in `chosen`; the level is
    :func:`comparison_level`.

    Parameters
    ----------
    fits : mapping
        The page's fits.
    chosen : mapping
        ``{province_id: name}`` of the page, in the order wanted.

    Returns
    -------
    list of dtanalysis.adoption.TimeDistance
    """
    from .. import adoption

    order = {pid: i for i, pid in enumerate(chosen)}
    return [
        adoption.time_distance(a, b, comparison_level(a, b))
        for group in _curves_by_indicator(fits).values()
        for a, b in combinations(sorted(group, key=lambda f: order[f.province_id]), 2)
    ]


def time_distance_table(distances: Sequence[Any]) -> Any:
    """The time distances as one table (empty, with its key columns, when there are none)."""
    import pandas as pd

    if not distances:
        return pd.DataFrame(columns=["indicator", "province_a", "province_b", "level", "value"])
    return pd.concat([d.to_frame() for d in distances], ignore_index=True)


def _lag_sentence(d: Any, label: Mapping[str, str]) -> str:
    import pandas as pd

    text = (
        f"- {label.get(d.indicator, d.indicator)}: at {d.level:.1%}, {d.province_b} "
        f"{'trails' if d.value > 0 else 'leads'} {d.province_a} by {abs(d.value):.1f} years"
    )
    if pd.notna(d.ci_lower):
        text += f" (95% interval {d.ci_lower:.1f} to {d.ci_upper:.1f})"
    else:
        text += " (no interval: " + (d.note or "too few observations") + ")"
    return text + (", extrapolated" if d.extrapolated else "")


def lags_summary(
    distances: Sequence[Any], fits: Mapping[Any, Any], label: Mapping[str, str]
) -> Any:
    """One sentence per time distance, or why there is none (Markdown)."""
    from .common import count, verb

    if not distances:
        n_curves = sum(f.has_curve for f in fits.values())
        return _md(
            f"No indicator has a curve in two of the provinces on this page "
            f"({count(n_curves, 'curve')} in all), so no lag can be read from the data."
        )
    sentences = [_lag_sentence(d, label) for d in distances]
    n_ind = sum(len(group) >= 2 for group in _curves_by_indicator(fits).values())
    return _md(
        f"{count(n_ind, 'indicator', bold=True)} {verb(n_ind, 'has', 'have')} curves in "
        f"several provinces, giving {count(len(distances), 'comparison', bold=True)}:\n\n"
        + "\n".join(sentences)
    )


def slope_tests(observations: Any, fits: Mapping[Any, Any]) -> list[Any]:
    """A pooled test of equal slopes for each indicator with curves in two or more provinces."""
    from .. import adoption

    by_indicator = _curves_by_indicator(fits)
    return [
        adoption.pooled_slope_test(observations, indicator)
        for indicator in sorted(by_indicator)
        if len(by_indicator[indicator]) >= 2
    ]


def show_slope_tests(tests: Sequence[Any]) -> None:
    """Show each slope test, then how many could be tested and how many reject."""
    from IPython.display import display

    from .common import count

    for test in tests:
        display(test)
    testable = sum(t.testable for t in tests)
    text = (
        f"{testable} of {count(len(tests), 'slope comparison')} "
        f"{'could' if tests else 'can'} be tested"
    )
    if tests:
        rejected = sum(t.testable and t.p_value < 0.05 for t in tests)
        verb = "rejects" if rejected == 1 else "reject"
        text += f"; {rejected} {verb} equal slopes at the 5% level."
    else:
        text += "."
    display(_md(text))


def caveats_summary(fits: Mapping[Any, Any]) -> Any:
    """How many series have no curve or no interval, and the fits' distinct caveats."""
    single = [f for f in fits.values() if not f.has_curve]
    exact = [f for f in fits.values() if f.has_curve and not f.has_interval]
    caveats = sorted({w for f in fits.values() for w in f.warnings})
    from .common import count, verb

    return _md(
        f"Here: {count(len(single), 'series', bold=True)} {verb(len(single), 'has', 'have')} "
        f"no curve and **{len(exact)}** {verb(len(exact), 'has', 'have')} a curve "
        f"without an interval, out of {count(len(fits), 'series')}. The fits report "
        f"{count(len(caveats), 'distinct caveat')}"
        + (":\n\n" + "\n".join(f"- {w}" for w in caveats) if caveats else ".")
    )
