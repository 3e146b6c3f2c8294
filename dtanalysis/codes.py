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
>>> Progress("projected to miss target (interval includes the target)").base
<Progress.PROJECTED_MISS: 'projected to miss target'>
>>> Measure.CAGR_RATIO.unit
'ratio'
"""
from __future__ import annotations

from enum import StrEnum

__all__ = ["Assumption", "AuditCheck", "CommonSlopeStatus", "DistanceMethod", "FitMethod",
           "FitStatus", "Measure", "Progress", "RankFlag", "RankMeasure", "Verdict"]


class FitMethod(StrEnum):
    """How an adoption curve was estimated (``adoption.csv`` column ``method``)."""

    BINOMIAL = "binomial GLM (counts)"
    FRACTIONAL = "fractional logit, HC1 robust SE"
    EXACT = "exact logit line through 2 points"
    SINGLE = "single observation"
    NONE = "no curve"
    COMMON_BINOMIAL = "common slope, binomial GLM (counts)"
    COMMON_FRACTIONAL = "common slope, fractional logit (quasi-binomial pooled dispersion)"


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
    COMMON_SLOPE = "fitted under a common slope (assumption)"

    @property
    def has_curve(self) -> bool:
        """Whether the status comes with a curve (fitted, exact or common slope)."""
        return self in (FitStatus.FITTED, FitStatus.PERFECT_PREDICTION, FitStatus.EXACT,
                        FitStatus.COMMON_SLOPE)

    @property
    def has_interval(self) -> bool:
        """Whether the curve has a confidence interval (an exact line has none)."""
        return self in (FitStatus.FITTED, FitStatus.PERFECT_PREDICTION, FitStatus.COMMON_SLOPE)


class Assumption(StrEnum):
    """An assumption a curve rests on beyond the data (``AdoptionFit.assumptions``).

    The value opens the warning that states it in ``adoption.csv``.
    """

    BOUNDED_INDEX = "logistic form assumed for a bounded index"
    COMMON_SLOPE = "common slope assumed"
    METHOD_BREAK = "series crosses a method break of the publisher"


class CommonSlopeStatus(StrEnum):
    """What came of a common-slope fit for one indicator (``CommonSlopeFit.status``)."""

    FITTED = "common slope fitted (assumption: pooled slope test does not reject)"
    REJECTED = "not fitted: the pooled slope test rejects a common slope"
    UNTESTABLE = "not fitted: the pooled slope test cannot be run"
    FAILED = "not fitted: the pooled model failed"


class DistanceMethod(StrEnum):
    """How a time distance between two curves was read (``time_distances.csv`` ``method``)."""

    DELTA = "delta method (independent fits)"
    """Both fits have intervals and significant slopes: a delta-method interval."""
    UNBOUNDED = "delta method (unbounded)"
    """A slope does not differ significantly from zero: the interval is unbounded."""
    POINT = "point estimate only"
    """At least one fit has no interval (an exact line): the distance without interval."""
    NONE = "none"
    """At least one curve never reaches the level: no distance (the note says why)."""


class RankFlag(StrEnum):
    """Why a rank change is not a plain change of places (``ranks.csv`` ``flags``)."""

    FIRST = "first observation"
    SET_CHANGE = "ranked set changed"
    METHOD_BREAK = "method break"
    PERIOD_CHANGE = "period length changed"
    CONFLICT = "conflicting published values"
    TIE = "tied rank"
    TIE_GAP = "competition-ranking gap violated"


class AuditCheck(StrEnum):
    """The kind of check an ``audit.csv`` row reports (column ``check``)."""

    PERCENT_VS_RATIO = "percent_vs_ratio"
    IMPLIED_DENOMINATOR = "implied_denominator"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    RANGE = "range"
    OVERRIDE_UNMATCHED = "override_unmatched"
    PUBLISHED_CONFLICT = "published_conflict"
    """Two published observations of one unit × indicator × period disagree beyond the
    rounding of their printed digits (the panel keeps the strongest)."""
    TEXT_VS_PUBLISHED = "text_vs_published"
    """A text figure and a published observation of one province × indicator × period
    disagree beyond the rounding of their printed digits."""
    PERIOD_AFTER_DOCUMENT = "period_after_document"
    """A level whose reference period ends after the date of the document reporting it."""


class Verdict(StrEnum):
    """The outcome of an audit check (``audit.csv`` column ``verdict``)."""

    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    CONTRADICTION = "contradiction"


class Measure(StrEnum):
    """A gap measure (``gaps.csv`` column ``measure``), in the order of the table.

    The formulas and sources are in :mod:`dtanalysis.gaps`; :attr:`unit` is the
    ``value_unit`` written beside each value.
    """

    ABSOLUTE_GAP = "absolute_gap_pp"
    PROGRESS_SHARE = "progress_share_since_base"
    REQUIRED_CAGR = "required_cagr"
    OBSERVED_CAGR = "observed_cagr"
    CAGR_RATIO = "cagr_ratio"
    UNSD_RATIO = "unsd_progress_ratio"
    REQUIRED_LOGIT_SLOPE = "required_logit_slope"
    OBSERVED_LOGIT_SLOPE = "observed_logit_slope"
    PROJECTED_VALUE = "projected_value_at_deadline"
    ESCAP_ANTICIPATED_GAP = "escap_anticipated_gap"
    YEAR_REACHED = "year_target_reached"

    @property
    def unit(self) -> str:
        """The ``value_unit`` of the measure's values."""
        return _MEASURE_UNITS[self]


_MEASURE_UNITS = {
    Measure.ABSOLUTE_GAP: "percentage points",
    Measure.PROGRESS_SHARE: "share of required progress",
    Measure.REQUIRED_CAGR: "growth per year (5.97 = 597%)",
    Measure.OBSERVED_CAGR: "growth per year (0.10 = 10%)",
    Measure.CAGR_RATIO: "ratio",
    Measure.UNSD_RATIO: "ratio",
    Measure.REQUIRED_LOGIT_SLOPE: "logit per year",
    Measure.OBSERVED_LOGIT_SLOPE: "logit per year",
    Measure.PROJECTED_VALUE: "percent",
    Measure.ESCAP_ANTICIPATED_GAP: "share of required progress",
    Measure.YEAR_REACHED: "decimal year",
}


class RankMeasure(StrEnum):
    """A gap measure of a rank target (``gaps.csv`` column ``measure``), in table order.

    Rank targets ("thuộc nhóm 20": comparator ``<=`` on the rank); the formulas are in
    :func:`dtanalysis.gaps.compute_rank_gaps`.
    """

    RANK_GAP = "rank_places_to_target"
    RANK_PERCENTILE_GAP = "rank_percentile_gap"
    YEARS_LEFT = "years_to_deadline"
    REQUIRED_RANK_PACE = "required_places_per_year"
    OBSERVED_RANK_PACE = "observed_places_per_year"

    @property
    def unit(self) -> str:
        """The ``value_unit`` of the measure's values."""
        return _RANK_MEASURE_UNITS[self]


_RANK_MEASURE_UNITS = {
    RankMeasure.RANK_GAP: "places",
    RankMeasure.RANK_PERCENTILE_GAP: "rank percentile (0 best, 1 last)",
    RankMeasure.YEARS_LEFT: "years",
    RankMeasure.REQUIRED_RANK_PACE: "places per year",
    RankMeasure.OBSERVED_RANK_PACE: "places per year",
}


#: Suffix a classification gains when the interval straddles the target or deadline.
_INTERVAL_TARGET = " (interval includes the target)"
_INTERVAL_DEADLINE = " (interval includes the deadline)"


class Progress(StrEnum):
    """A progress classification (``gaps.csv`` column ``classification``).

    Every value :mod:`dtanalysis.gaps` can write is a member, including the
    combinations with an interval qualifier ("projected to miss target (interval
    includes the target)") and the empty classification of measures that only
    report a value (``NONE``). :attr:`base` drops the qualifier.
    """

    NONE = ""
    INSUFFICIENT = "insufficient data"
    NOT_APPLICABLE = "not applicable"
    MET = "target met"
    NOT_MET = "target not met"
    # progress share since base (ESCAP Current Status Index style)
    REGRESSED = "regressed since base"
    ON_PATH = "on expected path"
    BEHIND_PATH = "behind expected path"
    DEADLINE_BEFORE_BASE = "not applicable: deadline before the base"
    # CAGR ratio (Open SDG) and UNSD progress ratio
    ON_TRACK = "on track"
    ACCELERATION_NEEDED = "acceleration needed"
    LIMITED_PROGRESS = "limited progress"
    MOVING_AWAY = "moving away"
    STAGNATION = "stagnation or regression"
    # observed vs required logit slope
    NO_REQUIRED_SLOPE = "no required slope to compare"
    SLOPE_AT_LEAST_REQUIRED = "observed ≥ required (no interval)"
    SLOPE_BELOW_REQUIRED = "observed < required (no interval)"
    SLOPE_ABOVE = "observed above required (interval excludes the required slope)"
    SLOPE_BELOW = "observed below required (interval excludes the required slope)"
    SLOPE_UNCLEAR = "interval includes the required slope"
    # projection at the deadline
    PROJECTED_MEET = "projected to meet target"
    PROJECTED_MEET_UNCLEAR = "projected to meet target" + _INTERVAL_TARGET
    PROJECTED_MISS = "projected to miss target"
    PROJECTED_MISS_UNCLEAR = "projected to miss target" + _INTERVAL_TARGET
    # ESCAP anticipated progress
    MAINTAIN = "maintain progress"
    ACCELERATE = "accelerate progress"
    REVERSE = "reverse trend"
    # year the target is reached
    NEVER = "never at the observed pace"
    BEFORE_DEADLINE = "before the deadline"
    BEFORE_DEADLINE_UNCLEAR = "before the deadline" + _INTERVAL_DEADLINE
    AFTER_DEADLINE = "after the deadline"
    AFTER_DEADLINE_UNCLEAR = "after the deadline" + _INTERVAL_DEADLINE

    @property
    def base(self) -> Progress:
        """The classification without its interval qualifier."""
        for suffix in (_INTERVAL_TARGET, _INTERVAL_DEADLINE):
            if self.value.endswith(suffix):
                return Progress(self.value[: -len(suffix)])
        return self

    @property
    def interval_straddles(self) -> bool:
        """Whether the interval includes the target (or deadline) it is judged against."""
        return self is not self.base

    def with_interval_straddle(self, straddles: bool) -> Progress:
        """This classification, qualified when its interval includes the target/deadline.

        Parameters
        ----------
        straddles : bool
            Whether the interval includes the target (projection) or the deadline (year
            reached).

        Returns
        -------
        Progress

        Raises
        ------
        ValueError
            When the classification has no qualified form.

        Examples
        --------
        >>> Progress.AFTER_DEADLINE.with_interval_straddle(True).value
        'after the deadline (interval includes the deadline)'
        >>> Progress.PROJECTED_MEET.with_interval_straddle(False) is Progress.PROJECTED_MEET
        True
        """
        if not straddles:
            return self
        suffix = (_INTERVAL_TARGET if self in (Progress.PROJECTED_MEET, Progress.PROJECTED_MISS)
                  else _INTERVAL_DEADLINE)
        return Progress(self.value + suffix)


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
    PUBLISHED = "published_observation"
    """A published observation (``compared_figure_id`` is its ``observation_id``)."""
    DOCUMENT_DATE = "document_date"
    """The date of the figure's own document (``compared_raw``)."""
