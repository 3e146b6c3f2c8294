"""Codes shared by the models, the audit and the figures.

Each code is a :class:`enum.StrEnum` whose value is the text written into the
processed tables, so a module that needs to know "is this curve exact?" compares
codes (``fit.status is FitStatus.EXACT``) instead of reading another module's prose.
The values are the strings the tables have always held; changing one changes the
tables, so do it on purpose.

This module is a leaf: it imports nothing of the package.

>>> FitStatus("exact (2 points, no interval)") is FitStatus.EXACT
True
>>> FitStatus.SINGLE.has_curve
False
>>> Verdict.CONTRADICTION == "contradiction"
True
"""
from __future__ import annotations

from enum import StrEnum

__all__ = ["AuditCheck", "FitMethod", "FitStatus", "Verdict"]


class FitMethod(StrEnum):
    """How an adoption curve was estimated (``adoption.csv`` column ``method``)."""

    BINOMIAL = "binomial GLM (counts)"
    FRACTIONAL = "fractional logit, HC1 robust SE"
    EXACT = "exact logit line through 2 points"
    SINGLE = "single observation"
    NONE = "no curve"


class FitStatus(StrEnum):
    """What came of fitting one adoption curve (``adoption.csv`` column ``status``)."""

    FITTED = "fitted"
    PERFECT_PREDICTION = "fitted (perfect prediction warning)"
    EXACT = "exact (2 points, no interval)"
    SINGLE = "single observation: no curve"
    SAME_DATE = "all observations at the same date: no curve"
    SEPARATION = "perfect separation: no curve"
    BOUNDARY = "share of 0% or 100% at one of 2 points: no curve"
    FAILED = "fit failed: no curve"

    @property
    def has_curve(self) -> bool:
        """Whether the status comes with a curve (fitted or exact)."""
        return self in (FitStatus.FITTED, FitStatus.PERFECT_PREDICTION, FitStatus.EXACT)

    @property
    def has_interval(self) -> bool:
        """Whether the curve has a confidence interval (an exact line has none)."""
        return self in (FitStatus.FITTED, FitStatus.PERFECT_PREDICTION)


class AuditCheck(StrEnum):
    """The kind of check an ``audit.csv`` row reports (column ``check``)."""

    PERCENT_VS_RATIO = "percent_vs_ratio"
    IMPLIED_DENOMINATOR = "implied_denominator"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    RANGE = "range"
    OVERRIDE_UNMATCHED = "override_unmatched"


class Verdict(StrEnum):
    """The outcome of an audit check (``audit.csv`` column ``verdict``)."""

    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    CONTRADICTION = "contradiction"


class ComparedWith(StrEnum):
    """What an audited figure was compared against (``audit.csv`` column ``compared_with``)."""

    OWN_FRACTION = "own_fraction"
    """A stated percentage against its own numerator/denominator."""
    OWN_SHARE = "own_share"
    """The denominator the figure's own share and count imply (no comparison yet)."""
    IMPLIED_DENOMINATOR = "implied_denominator"
    """The denominator implied by another figure's share (``compared_figure_id``)."""
    STATED_DENOMINATOR = "stated_denominator"
    """The denominator stated by another figure (``compared_figure_id``)."""
    DENOMINATORS_TABLE = "denominators_table"
    """A row of ``denominators.csv`` (this row's province, ``denominator_year``,
    ``denominator_quantity``)."""
    FIGURE = "figure"
    """Another figure for the same province, indicator, period and measure type
    (``compared_figure_id``): a duplicate or a conflict."""
    POSSIBLE_RANGE = "possible_range"
    """The values the figure can take (0 to the indicator's ceiling, or a numerator
    not above its denominator)."""
    OVERRIDES = "overrides"
    """The overrides file: an override that matches no figure."""
