"""What the notebooks call: province selection, tables, sentences and figures of each page.

The notebooks in ``notebooks/`` hold the narrative and one call per step; every
computation, every number quoted in a sentence and every table shown lives here, so a
page can be changed, tested and reviewed like the rest of the package. The names are
grouped by page:

- common: :func:`resolve_provinces`, :func:`select_provinces`, :func:`provinces_line`,
  :func:`indicator_labels`, :func:`evidence_table`, :func:`show_figure`;
- notebook 1 (:mod:`dtanalysis.notebook.extraction`): the corpus, the mentions, the
  classification and the audit;
- notebook 2 (:mod:`dtanalysis.notebook.curves`): the fitted series, the curves, the
  pairwise time distances and the slope tests, all read from the tables the build wrote
  (nothing is fitted in a notebook);
- notebook 3 (:mod:`dtanalysis.notebook.targets`): the targets, the wide gaps table, the
  required pace and the gap figure;
- notebook 4 (:mod:`dtanalysis.notebook.figures`): the files of the publication figures;
- notebook 5 (:mod:`dtanalysis.notebook.ranks`): the rank trajectories, who moved up or
  fell behind and since when, and where ranks cannot be compared;
- the parameters every notebook accepts (:mod:`dtanalysis.notebook.parameters`), which
  the report checks before running any notebook.

Functions that return a sentence return an ``IPython.display.Markdown`` object (shown
when it is a cell's last value or passed to ``display``); tables are ``DataFrame`` or
pandas ``Styler`` objects, each with a fixed id (``set_uuid``: pandas draws a random one,
so two builds of a page would differ). Names are loaded on first use, so importing the package (for
example for its parameters) does not import pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    # common
    "ParameterError": "parameters",
    "evidence_table": "common",
    "indicator_labels": "common",
    "provinces_line": "common",
    "resolve_provinces": "common",
    "select_provinces": "common",
    "show_figure": "common",
    # notebook 1
    "audit_summary": "extraction",
    "documents_summary": "extraction",
    "documents_table": "extraction",
    "flagged_checks": "extraction",
    "mentions_by_file": "extraction",
    "mentions_summary": "extraction",
    "placement_summary": "extraction",
    "indicator_counts": "extraction",
    "select_documents": "extraction",
    "unplaced_figures": "extraction",
    "units_summary": "extraction",
    # notebook 2
    "SlopeTest": "curves",
    "caveats_summary": "curves",
    "lags_summary": "curves",
    "page_observations": "curves",
    "page_series": "curves",
    "series_summary": "curves",
    "series_table": "curves",
    "show_adoption_figure": "curves",
    "show_slope_tests": "curves",
    "slope_tests": "curves",
    "time_distances": "curves",
    # notebook 3
    "applicable_targets": "targets",
    "gaps_standing_summary": "targets",
    "gaps_table": "targets",
    "missing_summary": "targets",
    "required_pace": "targets",
    "show_gap_figure": "targets",
    "targets_summary": "targets",
    "targets_table": "targets",
    # notebook 5
    "limits_summary": "ranks",
    "movers_summary": "ranks",
    "page_provinces_summary": "ranks",
    "rank_overview": "ranks",
    "rank_runs": "ranks",
    "runs_table": "ranks",
    # common
    "count": "common",
    "format_number": "common",
    "verb": "common",
    # notebook 4
    "figure_files": "figures",
    "figure_files_summary": "figures",
    "figure_files_table": "figures",
    "show_built_figures": "figures",
}

__all__ = [
    "ParameterError",
    "SlopeTest",
    "applicable_targets",
    "audit_summary",
    "caveats_summary",
    "count",
    "documents_summary",
    "documents_table",
    "evidence_table",
    "figure_files",
    "figure_files_summary",
    "figure_files_table",
    "flagged_checks",
    "format_number",
    "gaps_standing_summary",
    "gaps_table",
    "indicator_counts",
    "indicator_labels",
    "lags_summary",
    "limits_summary",
    "mentions_by_file",
    "mentions_summary",
    "missing_summary",
    "movers_summary",
    "page_observations",
    "page_provinces_summary",
    "page_series",
    "placement_summary",
    "provinces_line",
    "rank_overview",
    "rank_runs",
    "required_pace",
    "resolve_provinces",
    "runs_table",
    "select_documents",
    "select_provinces",
    "series_summary",
    "series_table",
    "show_adoption_figure",
    "show_built_figures",
    "show_figure",
    "show_gap_figure",
    "show_slope_tests",
    "slope_tests",
    "targets_summary",
    "targets_table",
    "time_distances",
    "units_summary",
    "unplaced_figures",
    "verb",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
