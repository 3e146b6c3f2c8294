"""Notebook 2, adoption curves: the series, the curves, the lags and the slope tests.

Nothing here fits a curve: every function reads what the build wrote once
(``adoption.csv``, ``curves.csv``, ``time_distances.csv``, ``slope_tests.csv``,
``adoption_warnings.csv``; :func:`dtanalysis.read_table`) and selects the page's rows.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

__all__ = [
    "caveats_summary",
    "lags_summary",
    "page_observations",
    "page_series",
    "series_summary",
    "series_table",
    "show_adoption_figure",
    "show_slope_tests",
    "slope_tests",
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


def page_observations(panel: Any, chosen: Mapping[str, str]) -> Any:
    """The page's share observations: the model input of the curves, not fitted here.

    Parameters
    ----------
    panel : DataFrame
        ``panel.csv`` (:func:`dtanalysis.read_table`).
    chosen : mapping
        ``{province_id: name}`` of the page (:func:`~dtanalysis.notebook.resolve_provinces`).

    Returns
    -------
    DataFrame
        :func:`dtanalysis.adoption.observations_from_panel` rows of the chosen provinces.
    """
    from ..adoption import observations_from_panel
    from .common import select_provinces

    return select_provinces(observations_from_panel(panel), chosen)


def page_series(adoption: Any, chosen: Mapping[str, str]) -> Any:
    """The page's rows of ``adoption.csv``: each chosen province's own curve per indicator.

    The common-slope curves (status :attr:`~dtanalysis.codes.FitStatus.COMMON_SLOPE`) are
    left out: the page describes what each series supports on its own.

    Parameters
    ----------
    adoption : DataFrame
        ``adoption.csv`` (:func:`dtanalysis.read_table`).
    chosen : mapping
        ``{province_id: name}`` of the page.

    Returns
    -------
    DataFrame
        The rows, in the table's order (province_id, indicator), with a fresh index.
    """
    from ..codes import FitStatus
    from .common import select_provinces

    rows = select_provinces(adoption, chosen)
    return rows[rows["status"] != FitStatus.COMMON_SLOPE].reset_index(drop=True)


def _has_curve(table: Any) -> Any:
    """Whether each adoption row has a curve (from its status code)."""
    from ..codes import FitStatus

    return table["status"].map(lambda s: FitStatus(s).has_curve).astype(bool)


def _has_interval(table: Any) -> Any:
    """Whether each adoption row has a curve with an interval (from its status code)."""
    from ..codes import FitStatus

    return table["status"].map(lambda s: FitStatus(s).has_interval).astype(bool)


def _indicators_with_curves(table: Any, at_least: int = 2) -> list[str]:
    """Indicators with a curve in at least `at_least` rows of the table, sorted."""
    counts = table.loc[_has_curve(table).to_numpy(), "indicator"].value_counts()
    return sorted(counts[counts >= at_least].index)


def series_summary(observations: Any, table: Any) -> Any:
    """How many observations and series, how many curves and intervals, by method.

    Parameters
    ----------
    observations : DataFrame
        The page's share observations (:func:`page_observations`).
    table : DataFrame
        The page's rows of ``adoption.csv`` (:func:`page_series`).

    Returns
    -------
    IPython.display.Markdown
    """
    methods = table["method"].value_counts()
    n_curves = int(_has_curve(table).sum())
    n_intervals = int(_has_interval(table).sum())
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
        The page's rows of ``adoption.csv`` (:func:`page_series`).
    observations : DataFrame
        The page's share observations (:func:`page_observations`).
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
        # as in the built figure: a panel for a series with a curve or two observations
        figure = adoption_figure(panel, curves, table, lang=lang, provinces=list(chosen),
                                 min_observations=2)
        show_figure(figure)
    else:
        names = ", ".join(chosen.values())
        display(_md(f"No share is observed for {names}: no curve to draw."))


def time_distances(distances: Any, chosen: Mapping[str, str]) -> Any:
    """The page's time distances, each pair once and in the page's province order.

    Parameters
    ----------
    distances : DataFrame
        ``time_distances.csv`` (:func:`dtanalysis.read_table`): every ordered pair of
        curves of an indicator, read once by the build.
    chosen : mapping
        ``{province_id: name}`` of the page, in the order wanted.

    Returns
    -------
    DataFrame
        The rows whose provinces A and B are both on the page, A before B in `chosen`;
        indicators in the order of the first province (by code) with a curve of them,
        pairs in page order.
    """
    order = {pid: i for i, pid in enumerate(chosen)}
    a = distances["province_id_a"].map(order)
    b = distances["province_id_b"].map(order)
    keep = (a.notna() & b.notna() & (a < b)).to_numpy()
    rows = distances[keep].assign(_a=a[keep], _b=b[keep])
    ida, idb = rows["province_id_a"], rows["province_id_b"]
    rows["_first"] = ida.where(ida < idb, idb).groupby(rows["indicator"]).transform("min")
    rows = rows.sort_values(["_first", "indicator", "_a", "_b"], kind="mergesort")
    return rows[list(distances.columns)].reset_index(drop=True)


def _lag_sentence(d: Any, label: Mapping[str, str]) -> str:
    import pandas as pd

    name = label.get(d.indicator, d.indicator)
    if pd.isna(d.value):
        return (f"- {name}: at {d.level:.1%}, no time distance between {d.province_a} and "
                f"{d.province_b} ({d.note})")
    text = (
        f"- {name}: at {d.level:.1%}, {d.province_b} "
        f"{'trails' if d.value > 0 else 'leads'} {d.province_a} by {abs(d.value):.1f} years"
    )
    if pd.notna(d.ci_lower):
        text += f" (95% interval {d.ci_lower:.1f} to {d.ci_upper:.1f})"
    else:
        text += " (no interval: " + (d.note or "too few observations") + ")"
    return text + (", extrapolated" if d.extrapolated else "")


def lags_summary(distances: Any, table: Any, label: Mapping[str, str]) -> Any:
    """One sentence per time distance, or why there is none (Markdown).

    Parameters
    ----------
    distances : DataFrame
        The page's time distances (:func:`time_distances`).
    table : DataFrame
        The page's rows of ``adoption.csv`` (:func:`page_series`).
    label : mapping
        ``{indicator_id: label}``.

    Returns
    -------
    IPython.display.Markdown
    """
    from .common import count, verb

    if distances.empty:
        n_curves = int(_has_curve(table).sum())
        return _md(
            f"No indicator has a curve in two of the provinces on this page "
            f"({count(n_curves, 'curve')} in all), so no lag can be read from the data."
        )
    sentences = [_lag_sentence(d, label) for d in distances.itertuples(index=False)]
    n_ind = len(_indicators_with_curves(table))
    return _md(
        f"{count(n_ind, 'indicator', bold=True)} {verb(n_ind, 'has', 'have')} curves in "
        f"several provinces, giving {count(len(distances), 'comparison', bold=True)}:\n\n"
        + "\n".join(sentences)
    )


class SlopeTest:
    """One indicator's pooled slope test as ``slope_tests.csv`` holds it, for display.

    Shown like :class:`dtanalysis.adoption.PooledTest`: its one-line description, then
    one row per unit slope.

    Parameters
    ----------
    rows : DataFrame
        The indicator's rows of ``slope_tests.csv``.
    """

    def __init__(self, rows: Any) -> None:
        self.rows = rows.reset_index(drop=True)
        self.first = self.rows.iloc[0]

    @property
    def testable(self) -> bool:
        """Whether the test could be run."""
        return bool(self.first["testable"])

    @property
    def p_value(self) -> float:
        """The test's p-value (NaN when not testable)."""
        return float(self.first["p_value"])

    def __repr__(self) -> str:
        from ..adoption import pooled_test_headline

        return pooled_test_headline(self.first)

    def _repr_html_(self) -> str:
        from ..adoption import POOLED_TEST_FRAME_COLUMNS

        frame = self.rows.rename(columns={"series": "province_id"})[POOLED_TEST_FRAME_COLUMNS]
        return (f"<p><strong>{html.escape(repr(self))}</strong></p>"
                + frame.to_html(index=False, na_rep="—"))


def slope_tests(tests: Any, table: Any) -> list[SlopeTest]:
    """The pooled slope tests of the indicators with curves in two or more page provinces.

    Parameters
    ----------
    tests : DataFrame
        ``slope_tests.csv`` (:func:`dtanalysis.read_table`): one test per indicator, run
        once by the build over every unit of the data with two or more dates (the test
        that decides the common-slope curves).
    table : DataFrame
        The page's rows of ``adoption.csv`` (:func:`page_series`).

    Returns
    -------
    list of SlopeTest
        Sorted by indicator.
    """
    wanted = set(_indicators_with_curves(table))
    return [SlopeTest(rows) for indicator, rows in tests.groupby("indicator", sort=True)
            if indicator in wanted]


def show_slope_tests(tests: list[SlopeTest], chosen: Mapping[str, str]) -> None:
    """Show each slope test, then how many could be tested and how many reject.

    Parameters
    ----------
    tests : list of SlopeTest
        :func:`slope_tests`.
    chosen : mapping
        ``{province_id: name}`` of the page: units of a test that are not on the page
        are named, since the build pools every unit of the data.
    """
    from IPython.display import display

    from .common import count

    for test in tests:
        display(test)
    testable = sum(t.testable for t in tests)
    if tests:
        text = f"{testable} of {count(len(tests), 'slope comparison')} could be tested"
        rejected = sum(t.testable and t.p_value < 0.05 for t in tests)
        verb = "rejects" if rejected == 1 else "reject"
        text += f"; {rejected} {verb} equal slopes at the 5% level."
    else:
        text = ("No indicator of this page is observed at two or more dates in two or more "
                "units: no slope comparison can be made.")
    others = sorted({s for t in tests for s in t.rows["series"] if s and s not in chosen})
    if others:
        text += (" Each test pools every unit of the data with two or more dates of its "
                 "indicator, so these units not on this page are in them too: "
                 + ", ".join(others) + ".")
    display(_md(text))


def caveats_summary(table: Any, warnings: Any) -> Any:
    """How many series have no curve or no interval, and the fits' distinct caveats.

    Parameters
    ----------
    table : DataFrame
        The page's rows of ``adoption.csv`` (:func:`page_series`).
    warnings : DataFrame
        ``adoption_warnings.csv`` (:func:`dtanalysis.read_table`); the rows of the
        page's curves are used.

    Returns
    -------
    IPython.display.Markdown
    """
    keys = ["province_id", "province", "indicator", "method"]
    curve, interval = _has_curve(table), _has_interval(table)
    n_single, n_exact = int((~curve).sum()), int((curve & ~interval).sum())
    page = warnings.merge(table[keys].drop_duplicates(), on=keys, how="inner")
    caveats = sorted(set(page["warning"]))
    from .common import count, verb

    return _md(
        f"Here: {count(n_single, 'series', bold=True)} {verb(n_single, 'has', 'have')} "
        f"no curve and **{n_exact}** {verb(n_exact, 'has', 'have')} a curve "
        f"without an interval, out of {count(len(table), 'series')}. The fits report "
        f"{count(len(caveats), 'distinct caveat')}"
        + (":\n\n" + "\n".join(f"- {w}" for w in caveats) if caveats else ".")
    )
