"""Publication figures: one theme, six figure functions, byte-reproducible export.

``import dtanalysis`` does not import this package (it pulls in matplotlib); import it
explicitly::

    from dtanalysis.plots import adoption_figure, save_figure
    fig = adoption_figure(panel, curves, lang="vi")   # typed tables (dtanalysis.tables.read_table)
    save_figure(fig, "adoption_vi")          # figures/adoption_vi.pdf|svg|png

``rank_trajectory_figure(ranks, observations)`` and ``dti_distribution_figure(ranks,
observations)`` draw the published rankings (``ranks.csv``).

Public API
----------
Theme and export (:mod:`dtanalysis.plots.style`)
    :data:`SINGLE_COLUMN`, :data:`DOUBLE_COLUMN`, :func:`set_theme`, :func:`theme`,
    :func:`rc_params`, :func:`province_style`, :func:`province_order`,
    :func:`vietnamese_sort_key`, :data:`TRANSLATIONS`, :func:`tr`, :func:`nfc`,
    :func:`missing_glyphs`, :func:`save_figure`.
Figures (:mod:`dtanalysis.plots.figures`)
    :func:`coverage_figure`, :func:`adoption_figure`, :func:`gap_figure`,
    :func:`audit_figure`.
Rank figures (:mod:`dtanalysis.plots.rankfigs`)
    :func:`rank_trajectory_figure`, :func:`dti_distribution_figure`.
Build (:mod:`dtanalysis.plots.build`)
    :func:`build_all_figures`, :func:`load_tables`, :func:`curves_from_panel`.
"""

from __future__ import annotations

from ._common import FigureWarning, indicator_labels, source_line
from .build import FIGURE_NAMES, build_all_figures, curves_from_panel, load_tables
from .figures import adoption_figure, audit_figure, coverage_figure, gap_figure
from .rankfigs import dti_distribution_figure, rank_trajectory_figure
from .style import (
    DOUBLE_COLUMN,
    FONT_FAMILY,
    LANGUAGES,
    RANK_UNITS,
    SINGLE_COLUMN,
    STUDY_PROVINCES,
    TRANSLATIONS,
    PlotInputError,
    ProvinceStyle,
    check_label,
    classification_label,
    missing_glyphs,
    nfc,
    province_order,
    province_style,
    rc_params,
    save_figure,
    set_theme,
    theme,
    tr,
    verdict_label,
    vietnamese_sort_key,
)

__all__ = [
    "DOUBLE_COLUMN",
    "FIGURE_NAMES",
    "FONT_FAMILY",
    "LANGUAGES",
    "RANK_UNITS",
    "SINGLE_COLUMN",
    "STUDY_PROVINCES",
    "TRANSLATIONS",
    "FigureWarning",
    "PlotInputError",
    "ProvinceStyle",
    "adoption_figure",
    "audit_figure",
    "build_all_figures",
    "check_label",
    "classification_label",
    "coverage_figure",
    "curves_from_panel",
    "dti_distribution_figure",
    "gap_figure",
    "indicator_labels",
    "load_tables",
    "missing_glyphs",
    "nfc",
    "province_order",
    "province_style",
    "rank_trajectory_figure",
    "rc_params",
    "save_figure",
    "set_theme",
    "source_line",
    "theme",
    "tr",
    "verdict_label",
    "vietnamese_sort_key",
]
