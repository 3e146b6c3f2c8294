"""Logistic adoption curves for sparse provincial series.

One curve per province × indicator::

    logit(p(t) / K) = a + b · (t − t0)

``p`` is the adoption share (0–1), ``t`` the time in decimal years, ``t0`` the time
origin (``time_origin``, default 2020.0, so the intercept is the logit at the start of
2020 and not at year 0), ``K`` the ceiling (1 unless the codebook gives one, Griliches
1957) and ``b`` the slope per year on the logit scale.

Methods (the ``method`` field says which one produced each fit)
----------------------------------------------------------------
``"binomial GLM (counts)"``
    Every observation has ``successes`` and ``trials``. statsmodels ``GLM`` with the
    ``Binomial`` family, the share as ``endog`` and ``var_weights = trials`` (the
    form that gives the correct Pearson dispersion; the two-column endog with
    ``scale="X2"`` divides it by n, as checked when this was written). With
    ``df_resid >= 1`` the Pearson dispersion φ̂ = χ²/df_resid is computed; when
    φ̂ > 1 the covariance is multiplied by φ̂ (quasi-binomial) and intervals use t
    quantiles with ``df_resid`` degrees of freedom; φ̂ ≤ 1 never shrinks the
    intervals (binomial scale 1 and normal quantiles are kept). Binomial intervals
    describe sampling of the counts only: design effects and changes of definition
    between sources are not in them, so they are a lower bound on the uncertainty.
``"fractional logit, HC1 robust SE"``
    Shares without counts (or counts for only some observations). The same
    Bernoulli quasi-likelihood (Papke & Wooldridge 1996 fractional logit) with
    heteroskedasticity-robust HC1 covariance (the HC0 sandwich times n/(n − 2),
    computed explicitly because statsmodels' GLM ``cov_type="HC1"`` omits the
    factor); intervals use t quantiles with ``df_resid`` degrees of freedom because
    robust errors from three to five points are imprecise (simulated coverage of the
    nominal 95 % slope interval with five dates is about 0.93, see the tests).
``"exact logit line through 2 points"``
    Exactly two observations at two dates: the line passes through both points,
    ``df_resid = 0``, so there is no interval and no check of fit. Counts, when
    present, are not turned into a sampling-only interval, because the
    between-source variation cannot be estimated from two points.
``"single observation"``
    One observation, or several at the same date: no curve, only the point.
``"common slope, binomial GLM (counts)"`` /
``"common slope, fractional logit (quasi-binomial pooled dispersion)"``
    :func:`fit_common_slope`: ``logit(p/K) = a_unit + b · (t − t0)`` over all units of
    an indicator, fitted only where :func:`pooled_slope_test` does not reject a common
    slope; status ``FitStatus.COMMON_SLOPE`` and the warning "common slope assumed:
    pooled slope test p = ...". A unit with one observation then has a curve with an
    interval, under that assumption only. Shares without counts use model-based
    quasi-binomial errors with the Pearson dispersion pooled over all units (a unit
    with one observation has no residual for a robust error).

Published indices
-----------------
A score on a bounded scale (DTI 0–1, PAPI 8–80, PAR Index 0–100 %) enters as the
rescaled share ``(value − scale_min)/(scale_max − scale_min)`` (see
:func:`observations_from_panel`); its fit carries
``Assumption.BOUNDED_INDEX`` ("logistic form assumed for a bounded index") and, when
the observations straddle a method break of the publisher, ``Assumption.METHOD_BREAK``.
Series are keyed by :func:`series_id`: a post-2025 unit and a pre-2025 province of
the same name are different series.

Edge cases (each reported in ``status`` and ``warnings``; never a crash or a silent
NaN): one observation; two observations; several observations at the same date;
shares of exactly 0 or 1; (quasi-)complete separation, which is detected before
fitting (the maximum-likelihood slope does not exist when a date splits the data
into shares of 0 on one side and 1 on the other); statsmodels'
``PerfectSeparationWarning``, which statsmodels 0.15 raises whenever the fitted means
equal the data to 1e-8 (also for a perfect fit of unseparated data), is caught and
reported as status ``"fitted (perfect prediction warning)"``; zero residual degrees of
freedom; a ceiling below 100 % (fit of ``logit(p/K)``); observations at or above the
ceiling (the ceiling is then not used and the curve is fitted with K = 100 %, with a
warning).

Time convention
---------------
Decimal years follow ``lubridate::decimal_date``: ``year + (day_of_year − 1) /
days_in_year``, so 1 January is ``year + 0`` and 31 December 2023 is ``2023 +
364/365``. Two dates on the same calendar day of different non-leap-spanning years
are an exact number of years apart (31 Dec 2023 → 31 Dec 2025 is 2.0 years).

Interval for the year a level is reached
----------------------------------------
``year_reaching`` uses Fieller's interval for the ratio ``(logit(level/K) − a) / b``,
which is the set of times where the pointwise confidence band of the linear
predictor contains the level. It is finite only when the slope is significantly
different from zero at the chosen ``alpha``; otherwise it is reported as unbounded.

Comparing provinces
-------------------
``time_distance`` is Sicherl's S-time-distance (the years between the dates at which
two series reach the same level; the same idea as the "usage lags" of Comin, Hobijn
& Rovito 2008 [V]) read from the two fitted lines, with a delta-method interval
(the two fits are independent). ``pooled_slope_test`` fits one GLM with a province
term and a province × time interaction and tests whether the slopes differ.

References
----------
Griliches, Z. (1957). Hybrid corn. *Econometrica* 25(4): 501–522 [V].
Papke, L. E. & Wooldridge, J. M. (1996). Econometric methods for fractional response
variables. *J. Applied Econometrics* 11(6): 619–632 [R: standard reference].
Sicherl, P. S-time-distance, http://www.sicenter.si/td_discpapers.htm [V].
Fieller, E. C. (1954). Some problems in interval estimation. *JRSS B* 16: 175–185 [R].
"""
from __future__ import annotations

import datetime as _dt
import html
import math
import warnings as _warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .codes import Assumption, CommonSlopeStatus, DistanceMethod, FitMethod, FitStatus
from .errors import DtanalysisError
from .tables import columns

__all__ = [
    "ADOPTION_COLUMNS",
    "CURVE_COLUMNS",
    "POOLED_TEST_FRAME_COLUMNS",
    "AdoptionFit",
    "CommonSlopeFit",
    "ExtrapolationWarning",
    "FitMethod",
    "FitStatus",
    "ModelInputError",
    "PooledTest",
    "TimeDistance",
    "YearEstimate",
    "adoption_table",
    "common_slope_fits",
    "comparison_level",
    "curve_grid",
    "curves_for_panel",
    "curves_table",
    "decimal_year",
    "expit",
    "figure_grid",
    "fit_adoption",
    "fit_adoption_curves",
    "fit_common_slope",
    "fit_common_slopes",
    "logit",
    "observations_from_panel",
    "pooled_slope_test",
    "pooled_test_headline",
    "series_id",
    "slope_test_table",
    "time_distance",
    "time_distance_table",
    "warnings_table",
]

#: Columns of adoption.csv, in order.
#: Columns of adoption.csv (declared in :mod:`dtanalysis.tables.processed`).
ADOPTION_COLUMNS = columns("adoption")


class ModelInputError(DtanalysisError):
    """Observations or targets handed to the models break the model-input contract."""


# --------------------------------------------------------------------------- helpers
def logit(p):
    """Log-odds ``log(p / (1 − p))`` (numpy-vectorised; 0 → −inf, 1 → +inf).

    Parameters
    ----------
    p : float or array-like
        Share(s) in [0, 1].

    Returns
    -------
    float or numpy.ndarray
    """
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore"):
        out = np.log(p) - np.log1p(-p)
    return float(out) if out.ndim == 0 else out


def expit(x):
    """Inverse logit ``1 / (1 + exp(−x))`` (numpy-vectorised).

    Parameters
    ----------
    x : float or array-like

    Returns
    -------
    float or numpy.ndarray
    """
    x = np.asarray(x, dtype=float)
    out = np.exp(-np.logaddexp(0.0, -x))
    return float(out) if out.ndim == 0 else out


def _days_in_year(year: int) -> int:
    return 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365


def decimal_year(value) -> float:
    """Convert a date to a decimal year (``lubridate::decimal_date`` convention).

    ``year + (day_of_year − 1) / days_in_year``: 1 January 2023 is 2023.0 and
    31 December 2023 is 2023 + 364/365 ≈ 2023.9973.

    Parameters
    ----------
    value : str, datetime.date, pandas.Timestamp, int or float
        An ISO date (``"2023-12-31"``), a date object, or a number that is already a
        decimal year (returned unchanged as float).

    Returns
    -------
    float

    Raises
    ------
    ModelInputError
        If the value is empty or not a date.

    Examples
    --------
    >>> decimal_year("2023-01-01")
    2023.0
    >>> round(decimal_year("2025-12-31") - decimal_year("2023-12-31"), 12)
    2.0
    """
    if isinstance(value, bool):
        raise ModelInputError(f"model inputs: date {value!r} is not a date")
    if isinstance(value, (int, float, np.integer, np.floating)):
        if not math.isfinite(float(value)):
            raise ModelInputError(f"model inputs: date {value!r} is not a date")
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            day = _dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ModelInputError(
                f"model inputs: date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    elif isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise ModelInputError("model inputs: empty date")
        day = value.date()
    elif isinstance(value, _dt.datetime):
        day = value.date()
    elif isinstance(value, _dt.date):
        day = value
    else:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            raise ModelInputError("model inputs: empty date")
        raise ModelInputError(f"model inputs: date {value!r} is not a date")
    doy = day.timetuple().tm_yday
    return day.year + (doy - 1) / _days_in_year(day.year)


def _iso(value) -> str:
    """Render a date-like value as an ISO string (decimal years keep 4 decimals)."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return f"{float(value):.4f}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()[:10]


def _pct(share: float) -> str:
    return f"{100 * share:.4g}%"


def _quantile(alpha: float, df: float | None) -> float:
    from scipy import stats

    if df is None or not math.isfinite(df):
        return float(stats.norm.ppf(1 - alpha / 2))
    return float(stats.t.ppf(1 - alpha / 2, df))


def _hc1_factor(n: int, k: int) -> float:
    """HC1 small-sample factor n / (n − k).

    statsmodels 0.15 ``GLM.fit(cov_type="HC1")`` returns the HC0 sandwich without this
    factor [V-run: identical standard errors for "HC0" and "HC1"], so the models fit
    with ``cov_type="HC0"`` and multiply the covariance by n / (n − k) explicitly.
    """
    return n / (n - k)


def _separates(times: np.ndarray, shares: np.ndarray) -> bool:
    """True when the logistic maximum-likelihood estimate does not exist.

    For one covariate the MLE (binomial or fractional) fails to exist exactly when
    some cut point c has every share 0 for t < c and every share 1 for t > c (or the
    reverse), whatever the shares at t == c (quasi-complete separation). This covers
    all-0 and all-1 series.
    """
    for c in np.unique(times):
        below, above = shares[times < c], shares[times > c]
        if (np.all(below == 0) and np.all(above == 1)) or (
                np.all(below == 1) and np.all(above == 0)):
            return True
    return False


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class YearEstimate:
    """The (decimal) year at which a fitted curve reaches a level.

    Attributes
    ----------
    level : float
        The level as a share (0–1).
    estimate, ci_lower, ci_upper : float
        Decimal years; NaN when no such value exists, and then ``note`` says why.
    method : str
        How the interval was obtained (Fieller, delta method, or none).
    extrapolated : bool
        True when the estimate lies outside the observed period.
    note : str
        Plain-language explanation (never empty when a value is NaN).
    """

    level: float
    estimate: float
    ci_lower: float
    ci_upper: float
    method: str
    extrapolated: bool
    note: str

    def to_frame(self) -> pd.DataFrame:
        """Return a one-row DataFrame with the fields as columns."""
        return pd.DataFrame([self.__dict__])


class ExtrapolationWarning(UserWarning):
    """A prediction was asked for outside the observed period of its series."""


@dataclass(frozen=True)
class AdoptionFit:
    """A logistic adoption curve for one province × indicator (see module docstring).

    Attributes
    ----------
    province_id, province, indicator : str
    method : FitMethod
        How the curve was estimated (a :class:`~dtanalysis.codes.FitMethod`, a str
        whose value is the ``method`` text of adoption.csv).
    status : FitStatus
        What came of the fit (a :class:`~dtanalysis.codes.FitStatus`: ``FITTED``,
        ``EXACT``, ``SINGLE``, ...); compare codes, not their text.
    n_obs, n_dates : int
        Observations used and distinct dates among them.
    dates : tuple of str
        ISO dates of the observations (sorted by time).
    times, shares : tuple of float
        Decimal years and shares (0–1) of the observations.
    successes, trials : tuple of float
        Counts (NaN where absent).
    time_origin : float
        ``t0`` of the linear predictor.
    ceiling : float
        Ceiling K used, as a share (1.0 = 100 %).
    intercept, intercept_ci, slope_per_year, slope_ci : float / tuple
        Coefficients on the logit(p/K) scale and their (1 − alpha) intervals
        (NaN bounds when there is no interval; NaN coefficients when there is no
        curve; ``status`` says which).
    cov : tuple or None
        2 × 2 covariance of (intercept, slope) used for intervals, None without one.
    critical_value : float
        Quantile multiplying standard errors (normal or t).
    interval_basis : str
        ``"normal"``, ``"t, k df"`` or ``"none"``.
    df_resid : float
        Residual degrees of freedom (NaN without a curve).
    dispersion : float
        Pearson χ²/df_resid for the binomial GLM (NaN otherwise).
    alpha : float
    warnings : tuple of str
        Plain-language caveats.
    unit_kind : str
        ``"province_pre2025"``, ``"unit_2025"``, ``"national"`` or ``""`` (observations
        without a unit kind, e.g. the text-only panel).
    assumptions : tuple of Assumption
        Assumptions beyond the data the curve rests on (a bounded index modelled as a
        share, a common slope, a method break crossed); each is also stated, with its
        details, in ``warnings``.
    """

    province_id: str
    province: str
    indicator: str
    method: FitMethod
    status: FitStatus
    n_obs: int
    n_dates: int
    dates: tuple
    times: tuple
    shares: tuple
    successes: tuple
    trials: tuple
    time_origin: float
    ceiling: float
    intercept: float
    intercept_ci: tuple
    slope_per_year: float
    slope_ci: tuple
    cov: tuple | None
    critical_value: float
    interval_basis: str
    df_resid: float
    dispersion: float
    alpha: float
    warnings: tuple = field(default_factory=tuple)
    unit_kind: str = ""
    assumptions: tuple = field(default_factory=tuple)

    # -- properties -------------------------------------------------------------
    @property
    def has_curve(self) -> bool:
        """True when intercept and slope exist."""
        return math.isfinite(self.intercept) and math.isfinite(self.slope_per_year)

    @property
    def has_interval(self) -> bool:
        """True when the fit has a covariance matrix (so intervals exist)."""
        return self.cov is not None

    @property
    def series(self) -> str:
        """The series id of the unit (see :func:`series_id`)."""
        return series_id(self.unit_kind, self.province_id, self.province)

    @property
    def time_range(self) -> tuple[float, float]:
        """(first, last) observation time in decimal years."""
        return (min(self.times), max(self.times))

    # -- predictions ------------------------------------------------------------
    def _linear(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        eta = self.intercept + self.slope_per_year * x
        if self.cov is None:
            return eta, np.full_like(eta, np.nan)
        (vaa, vab), (_, vbb) = self.cov
        var = vaa + 2 * x * vab + x * x * vbb
        return eta, np.sqrt(np.maximum(var, 0.0))

    def predict(self, times, *, warn: bool = True) -> pd.DataFrame:
        """Predicted share with its pointwise confidence interval.

        Parameters
        ----------
        times : scalar or iterable of dates / decimal years
            ISO date strings, dates, Timestamps or decimal years.
        warn : bool, default True
            Warn (:class:`ExtrapolationWarning`) when a time lies outside the observed
            period: there the value rests on the logistic form alone (for an exact
            2-point line, on nothing but two points). Callers that report the
            ``extrapolated`` column themselves pass ``warn=False``.

        Returns
        -------
        pandas.DataFrame
            Columns ``time`` (decimal year), ``mean``, ``ci_lower``, ``ci_upper``
            (shares 0–1, already multiplied by the ceiling), ``extrapolated`` (outside
            the observed period) and ``note``. The interval is built on the logit
            scale and back-transformed, so it is asymmetric and stays inside (0, K).
            Without a curve, ``mean`` is NaN and ``note`` says why; without an
            interval (exact fits) the bounds are NaN and ``note`` says so.
        """
        if isinstance(times, (str, _dt.date, pd.Timestamp)) or np.isscalar(times):
            times = [times]
        t = np.array([decimal_year(v) for v in times], dtype=float)
        lo_t, hi_t = self.time_range if self.times else (np.nan, np.nan)
        extrap = (t < lo_t - 1e-9) | (t > hi_t + 1e-9)
        if warn and self.has_curve and extrap.any():
            _warnings.warn(ExtrapolationWarning(
                f"{self.province} {self.indicator}: {int(extrap.sum())} of "
                f"{_count(len(t), 'time')} "
                f"outside the observed period {lo_t:.3f}-{hi_t:.3f} ({self.method}): the "
                "prediction there rests on the logistic form only (see the 'extrapolated' "
                "column)"), stacklevel=2)
        if not self.has_curve:
            note = f"no curve: {self.status}"
            return pd.DataFrame({"time": t, "mean": np.nan, "ci_lower": np.nan,
                                 "ci_upper": np.nan, "extrapolated": extrap, "note": note})
        x = t - self.time_origin
        eta, se = self._linear(x)
        k = self.ceiling
        mean = k * expit(eta)
        if self.cov is None:
            lower = upper = np.full_like(mean, np.nan)
            note = "exact 2-point line: no interval"
        else:
            q = self.critical_value
            lower, upper = k * expit(eta - q * se), k * expit(eta + q * se)
            note = ""
        notes = [("; ".join(s for s in (note, "extrapolated beyond the observed period")
                            if s) if e else note) for e in extrap]
        return pd.DataFrame({"time": t, "mean": mean, "ci_lower": lower, "ci_upper": upper,
                             "extrapolated": extrap, "note": notes})

    def year_reaching(self, level: float) -> YearEstimate:
        """Decimal year at which the curve reaches ``level`` (a share), with interval.

        Parameters
        ----------
        level : float
            Share in (0, 1), e.g. 0.5 for 50 %.

        Returns
        -------
        YearEstimate
            Point estimate ``t0 + (logit(level/K) − a)/b`` and Fieller's interval
            (the times at which the pointwise band of the linear predictor contains
            ``logit(level/K)``). The interval is NaN and ``note`` explains when there is
            no curve, no interval (exact fit), or when the slope is not significantly
            different from zero (the Fieller set is then unbounded).

        Raises
        ------
        ModelInputError
            If ``level`` is not a share strictly between 0 and 1.
        """
        level = float(level)
        if not 0 < level < 1:
            raise ModelInputError(
                f"model inputs: level {level!r} must be a share strictly between 0 and 1 "
                "(e.g. 0.5 for 50%)")
        nan = float("nan")
        if not self.has_curve:
            return YearEstimate(level, nan, nan, nan, "none", False,
                                f"no curve: {self.status}")
        if level >= self.ceiling:
            return YearEstimate(level, nan, nan, nan, "none", False,
                                f"level {_pct(level)} is at or above the ceiling "
                                f"{_pct(self.ceiling)}: never reached on this curve")
        target = float(logit(level / self.ceiling))
        a, b = self.intercept, self.slope_per_year
        if b == 0:
            return YearEstimate(level, nan, nan, nan, "none", False,
                                "slope is zero: the level is never reached")
        x_star = (target - a) / b
        est = self.time_origin + x_star
        lo_t, hi_t = self.time_range
        extrap = bool(est < lo_t - 1e-9 or est > hi_t + 1e-9)
        notes = []
        if b < 0:
            notes.append("slope is negative: the curve falls through this level")
        if extrap:
            notes.append("extrapolated beyond the observed period (conditional on the "
                         "logistic form)")
        if self.cov is None:
            notes.insert(0, "exact 2-point line: no interval")
            return YearEstimate(level, est, nan, nan, "none", extrap, "; ".join(notes))
        (vaa, vab), (_, vbb) = self.cov
        q = self.critical_value
        d = a - target
        qa = b * b - q * q * vbb
        qb = 2 * (d * b - q * q * vab)
        qc = d * d - q * q * vaa
        if qa <= 0:
            notes.insert(0, "slope not significantly different from zero: the interval "
                            "for the year is unbounded")
            return YearEstimate(level, est, nan, nan, "Fieller (unbounded)", extrap,
                                "; ".join(notes))
        disc = max(qb * qb - 4 * qa * qc, 0.0)
        r1 = (-qb - math.sqrt(disc)) / (2 * qa)
        r2 = (-qb + math.sqrt(disc)) / (2 * qa)
        return YearEstimate(level, est, self.time_origin + min(r1, r2),
                            self.time_origin + max(r1, r2), "Fieller", extrap,
                            "; ".join(notes))

    def _year_delta(self, level: float) -> tuple[float, float]:
        """(estimate, delta-method SE) of the year reaching ``level``; NaN if none."""
        if not self.has_curve or self.slope_per_year == 0 or not 0 < level < self.ceiling:
            return float("nan"), float("nan")
        target = float(logit(level / self.ceiling))
        a, b = self.intercept, self.slope_per_year
        est = self.time_origin + (target - a) / b
        if self.cov is None:
            return est, float("nan")
        g = np.array([-1.0 / b, -(target - a) / (b * b)])
        v = np.array(self.cov, dtype=float)
        return est, float(math.sqrt(max(g @ v @ g, 0.0)))

    # -- presentation -----------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One-row DataFrame with the adoption.csv columns (see ``ADOPTION_COLUMNS``)."""
        return pd.DataFrame([self._row()], columns=ADOPTION_COLUMNS)

    def _row(self) -> dict:
        order = np.argsort(self.times) if self.times else []
        first = order[0] if len(order) else None
        last = order[-1] if len(order) else None
        return {
            "province_id": self.province_id,
            "province": self.province,
            "indicator": self.indicator,
            "method": str(self.method),
            "status": str(self.status),
            "n_obs": self.n_obs,
            "n_dates": self.n_dates,
            "first_date": self.dates[first] if first is not None else "",
            "last_date": self.dates[last] if last is not None else "",
            "first_share": self.shares[first] if first is not None else np.nan,
            "last_share": self.shares[last] if last is not None else np.nan,
            "time_origin": self.time_origin,
            "ceiling": 100 * self.ceiling,
            "intercept": self.intercept,
            "intercept_ci_lower": self.intercept_ci[0],
            "intercept_ci_upper": self.intercept_ci[1],
            "slope_per_year": self.slope_per_year,
            "slope_ci_lower": self.slope_ci[0],
            "slope_ci_upper": self.slope_ci[1],
            "ci_level": 1 - self.alpha,
            "interval_basis": self.interval_basis,
            "df_resid": self.df_resid,
            "dispersion": self.dispersion,
            "warnings": "; ".join(self.warnings),
        }

    def coefficients(self) -> pd.DataFrame:
        """Coefficient table (intercept and slope with intervals) on the logit(p/K) scale.

        Returns
        -------
        pandas.DataFrame
            Index ``intercept``, ``slope per year``; columns ``estimate``,
            ``ci_lower``, ``ci_upper``.
        """
        return pd.DataFrame(
            {"estimate": [self.intercept, self.slope_per_year],
             "ci_lower": [self.intercept_ci[0], self.slope_ci[0]],
             "ci_upper": [self.intercept_ci[1], self.slope_ci[1]]},
            index=[f"intercept (logit at {self.time_origin:g})", "slope per year"])

    def _header(self) -> str:
        return (f"{self.province} ({self.province_id}) · {self.indicator}: {self.method}, "
                f"{self.status}, n = {self.n_obs}, ceiling {_pct(self.ceiling)}")

    def __repr__(self) -> str:
        lines = [f"AdoptionFit: {self._header()}"]
        if self.has_curve:
            lines.append(self.coefficients().to_string(float_format=lambda v: f"{v:.4g}"))
            lines.append(f"interval: {self.interval_basis}, level {1 - self.alpha:.0%}, "
                         f"df_resid {self.df_resid:g}")
        else:
            pts = ", ".join(f"{d}: {_pct(s)}" for d, s in zip(self.dates, self.shares, strict=True))
            lines.append(f"observations: {pts}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [f"<p><strong>{html.escape(self._header())}</strong></p>"]
        if self.has_curve:
            parts.append(self.coefficients().to_html(float_format=lambda v: f"{v:.4g}",
                                                     na_rep="—"))
            parts.append(f"<p>Interval: {html.escape(self.interval_basis)}, "
                         f"{1 - self.alpha:.0%}; df_resid {self.df_resid:g}</p>")
        obs = pd.DataFrame({"date": self.dates, "share": self.shares,
                            "successes": self.successes, "trials": self.trials})
        parts.append(obs.to_html(index=False, na_rep="—", float_format=lambda v: f"{v:.4g}"))
        if self.warnings:
            items = "".join(f"<li>{html.escape(w)}</li>" for w in self.warnings)
            parts.append(f"<ul>{items}</ul>")
        return "<div>" + "".join(parts) + "</div>"


@dataclass(frozen=True)
class TimeDistance:
    """Sicherl's S-time-distance between two fitted curves at one level.

    ``value = t_b(level) − t_a(level)``: positive when series B reaches the level
    ``value`` years after series A (B trails A).

    Attributes
    ----------
    level : float
        Share (0–1).
    province_id_a, province_a, province_id_b, province_b, indicator : str
    year_a, year_b : float
        Decimal years at which each curve reaches the level.
    value, ci_lower, ci_upper : float
        Years; bounds NaN when no interval exists (``note`` says why).
    method : DistanceMethod
        How the distance was read (a :class:`~dtanalysis.codes.DistanceMethod`, a str).
    extrapolated : bool
        True when the level lies outside the observed range of either series.
    note : str
    """

    level: float
    province_id_a: str
    province_a: str
    province_id_b: str
    province_b: str
    indicator: str
    year_a: float
    year_b: float
    value: float
    ci_lower: float
    ci_upper: float
    method: str
    extrapolated: bool
    note: str

    def to_frame(self) -> pd.DataFrame:
        """Return a one-row DataFrame with the fields as columns."""
        return pd.DataFrame([self.__dict__])


#: Columns of :meth:`PooledTest.to_frame` (``province_id`` holds the unit's series id).
POOLED_TEST_FRAME_COLUMNS = [
    "indicator", "testable", "method", "statistic", "df", "p_value", "n_obs", "n_provinces",
    "common_slope", "common_slope_ci_lower", "common_slope_ci_upper", "reason", "province_id",
    "slope_per_year", "slope_ci_lower", "slope_ci_upper"]


def pooled_test_headline(test: Mapping) -> str:
    """The one-line description of a pooled slope test (the ``repr`` of :class:`PooledTest`).

    Parameters
    ----------
    test : mapping
        ``indicator, testable, method, statistic, df, p_value, n_provinces, n_obs,
        reason``: the fields of a :class:`PooledTest`, or a row of ``slope_tests.csv``.

    Returns
    -------
    str

    Examples
    --------
    >>> pooled_test_headline({"indicator": "x", "testable": False, "reason": "one unit"})
    'PooledTest(x): not testable: one unit'
    """
    if not test["testable"]:
        return f"PooledTest({test['indicator']}): not testable: {test['reason']}"
    dfs = "" if "F test" in test["method"] else f" on {test['df']:g} df"
    return (f"PooledTest({test['indicator']}): {test['method']}; statistic "
            f"{test['statistic']:.4g}{dfs}, p = {test['p_value']:.4g}; "
            f"{test['n_provinces']} provinces, n = {test['n_obs']}"
            + (f"; {test['reason']}" if test["reason"] else ""))


@dataclass(frozen=True)
class PooledTest:
    """Test of equal logit slopes across provinces for one indicator.

    Attributes
    ----------
    indicator : str
    testable : bool
        False when the test cannot be run; ``reason`` says why.
    method : str
        Model and test used (e.g. ``"binomial GLM (counts), LR chi2 test"``).
    statistic, df, p_value : float
        NaN when not testable.
    n_obs, n_provinces : int
        Observations and provinces entering the pooled model.
    provinces : tuple of str
        province_ids in the model.
    excluded : tuple of str
        province_ids left out (fewer than two dates) with the reason.
    slopes : tuple of (province_id, slope, ci_lower, ci_upper)
        Province slopes from the full (interaction) model.
    common_slope, common_slope_ci : float, tuple
        Slope of the common-slope model.
    reason : str
        Why the test cannot be run, or caveats ("" when none).
    """

    indicator: str
    testable: bool
    method: str
    statistic: float
    df: float
    p_value: float
    n_obs: int
    n_provinces: int
    provinces: tuple
    excluded: tuple
    slopes: tuple
    common_slope: float
    common_slope_ci: tuple
    reason: str

    def to_frame(self) -> pd.DataFrame:
        """One row per province with its slope, plus the test columns repeated."""
        base = {"indicator": self.indicator, "testable": self.testable,
                "method": self.method, "statistic": self.statistic, "df": self.df,
                "p_value": self.p_value, "n_obs": self.n_obs,
                "n_provinces": self.n_provinces, "common_slope": self.common_slope,
                "common_slope_ci_lower": self.common_slope_ci[0],
                "common_slope_ci_upper": self.common_slope_ci[1], "reason": self.reason}
        rows = [{**base, "province_id": pid, "slope_per_year": s, "slope_ci_lower": lo,
                 "slope_ci_upper": hi} for pid, s, lo, hi in self.slopes]
        if not rows:
            rows = [{**base, "province_id": "", "slope_per_year": np.nan,
                     "slope_ci_lower": np.nan, "slope_ci_upper": np.nan}]
        return pd.DataFrame(rows, columns=POOLED_TEST_FRAME_COLUMNS)

    def __repr__(self) -> str:
        return pooled_test_headline(vars(self))

    def _repr_html_(self) -> str:
        return (f"<p><strong>{html.escape(repr(self))}</strong></p>"
                + self.to_frame().to_html(index=False, na_rep="—"))


# --------------------------------------------------------------------------- input
def _text(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    return str(v).strip()


def _prepare(obs: pd.DataFrame, where: str = "observations") -> pd.DataFrame:
    """Validate and normalise observations (share from counts when missing)."""
    if not isinstance(obs, pd.DataFrame):
        raise ModelInputError(f"{where}: expected a pandas DataFrame, got {type(obs).__name__}")
    missing = [c for c in ("date",) if c not in obs.columns]
    if missing:
        raise ModelInputError(f"{where}: missing column(s) {', '.join(missing)}")
    df = obs.copy()
    for col in ("province_id", "province", "indicator", "unit_kind", "index_scale",
                "method_period"):
        df[col] = df[col].map(_text) if col in df.columns else ""
    df["series"] = [series_id(k, p, n) for k, p, n in
                    zip(df["unit_kind"], df["province_id"], df["province"], strict=True)]
    for col in ("successes", "trials"):
        df[col] = pd.to_numeric(df[col], errors="coerce") if col in df.columns else np.nan
    if "share" in df.columns:
        df["share"] = pd.to_numeric(df["share"], errors="coerce")
    else:
        df["share"] = np.nan
    fill = df["share"].isna() & df["successes"].notna() & (df["trials"] > 0)
    df.loc[fill, "share"] = df.loc[fill, "successes"] / df.loc[fill, "trials"]
    if "approximate" not in df.columns:
        df["approximate"] = False
    df["approximate"] = df["approximate"].map(
        lambda v: str(v).strip().lower() in ("true", "1", "yes") if not isinstance(v, bool) else v)
    counts = df["successes"].notna() & df["trials"].notna()
    badc = counts & ((df["trials"] <= 0) | (df["successes"] < 0)
                     | (df["successes"] > df["trials"]))
    if badc.any():
        row = df.loc[badc].iloc[0]
        raise ModelInputError(
            f"{where}: counts {float(row['successes']):g} of {float(row['trials']):g} for "
            f"{row['province_id']} {row['indicator']} on {row['date']} are impossible")
    bad = df["share"].notna() & ((df["share"] < 0) | (df["share"] > 1))
    if bad.any():
        row = df.loc[bad].iloc[0]
        raise ModelInputError(
            f"{where}: share {float(row['share']):g} for {row['province_id']} {row['indicator']} "
            f"on {row['date']} is outside 0–1 (shares, not percent)")
    from_counts = df["successes"] / df["trials"]
    df["share_conflict"] = counts & df["share"].notna() & ((df["share"] - from_counts).abs()
                                                          > 1e-3)
    df.loc[counts, "share"] = from_counts[counts]
    df["time"] = [decimal_year(v) for v in df["date"]]
    df["date_iso"] = [_iso(v) for v in df["date"]]
    return df


#: Columns added by _prepare, removed before handing observations on.
_INTERNAL = ["time", "date_iso", "share_conflict", "series"]


def series_id(unit_kind, province_id, province) -> str:
    """The id of a unit's series: what the curves and tests group observations by.

    A pre-2025 province (or a row without a unit kind) is its GSO code, as before the
    published observations; a post-2025 unit or the country, whose ``province_id`` is
    empty, is ``"{unit_kind}:{name}"``. So a pre-merger province and the post-merger
    unit of the same name are different series and are never joined.

    Parameters
    ----------
    unit_kind : str
        ``"province_pre2025"``, ``"unit_2025"``, ``"national"`` or ``""``.
    province_id, province : str
        GSO code (empty for 2025 units and the country) and name.

    Returns
    -------
    str

    Examples
    --------
    >>> series_id("province_pre2025", "31", "Hải Phòng")
    '31'
    >>> series_id("unit_2025", "", "Hải Phòng")
    'unit_2025:Hải Phòng'
    >>> series_id("", "", "")
    ''
    """
    kind, pid = _text(unit_kind), _text(province_id)
    if not kind or (pid and kind == "province_pre2025"):
        return pid
    return f"{kind}:{_text(province)}"


def _ceiling_share(ceiling) -> float:
    if ceiling is None or (not isinstance(ceiling, str) and pd.isna(ceiling)) or (
            isinstance(ceiling, str) and not ceiling.strip()):
        return 1.0
    c = float(ceiling)
    if not 1 < c <= 100:
        raise ModelInputError(
            f"model inputs: ceiling {ceiling!r} must be a percent in (1, 100] "
            "(e.g. 80 for 80%)")
    return c / 100.0


# --------------------------------------------------------------------------- fitting
def fit_adoption(obs: pd.DataFrame, *, ceiling=None, alpha: float = 0.05,
                 time_origin: float = 2020.0) -> AdoptionFit:
    """Fit a logistic adoption curve to one province × indicator series.

    Parameters
    ----------
    obs : pandas.DataFrame
        Observations following the model-input contract: ``province_id, province,
        indicator, date`` (ISO date), ``share`` (0–1), optional ``successes``,
        ``trials`` and ``approximate``. One province and one indicator only. Rows
        with neither a share nor counts are dropped with a warning.
    ceiling : float, optional
        Ceiling K in percent (e.g. 80 for 80 %), as in the codebook's ``ceiling``
        column; None or empty means 100 %. The model is ``logit(p/K) = a + b·t``.
    alpha : float, default 0.05
        1 − confidence level of all intervals.
    time_origin : float, default 2020.0
        Decimal year subtracted from times (centring keeps the intercept readable).

    Returns
    -------
    AdoptionFit
        See the module docstring for the methods and edge cases.

    Raises
    ------
    ModelInputError
        Empty input, several provinces or indicators, shares outside 0–1, impossible
        counts, unreadable dates, or an invalid ceiling or alpha.

    Examples
    --------
    >>> obs = pd.DataFrame({"province_id": "30", "province": "Hải Dương",
    ...                     "indicator": "applications_online_share",
    ...                     "date": ["2022-12-31", "2023-12-31"], "share": [0.2, 0.5]})
    >>> fit = fit_adoption(obs)
    >>> fit.status is FitStatus.EXACT, fit.has_interval
    (True, False)
    >>> round(fit.slope_per_year, 4)  # logit(0.5) - logit(0.2) over one year
    1.3863
    """
    _check_alpha(alpha)
    return _fit_prepared(_prepare(obs), ceiling=ceiling, alpha=alpha, time_origin=time_origin)


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ModelInputError(f"model inputs: alpha {alpha!r} must be in (0, 1)")


def _fit_prepared(df: pd.DataFrame, *, ceiling, alpha: float,
                  time_origin: float) -> AdoptionFit:
    """:func:`fit_adoption` on observations already validated by :func:`_prepare`."""
    notes: list[str] = []
    dropped = df["share"].isna()
    if dropped.any():
        notes.append(f"{int(dropped.sum())} row(s) without a share or counts were ignored")
        df = df.loc[~dropped]
    if df.empty:
        raise ModelInputError("observations: no row with a share or counts to fit")
    for col in ("province_id", "series", "indicator"):
        if df[col].nunique() > 1:
            raise ModelInputError(
                f"observations: fit_adoption takes one province and one indicator; got "
                f"{col} values {sorted(df[col].unique())} (use fit_adoption_curves)")
    df = df.sort_values(["time", "share"], kind="mergesort").reset_index(drop=True)
    notes += _data_notes(df)
    assumptions = _assumption_notes(df, notes)
    k, ceiling_notes = _usable_ceiling(df, _ceiling_share(ceiling))
    notes += ceiling_notes
    fit = _fit_series(df, k, alpha, float(time_origin), notes)
    return replace(fit, assumptions=assumptions) if assumptions else fit


def _assumption_notes(df: pd.DataFrame, notes: list[str]) -> tuple:
    """Assumptions of a series of published indices (appended to ``notes``).

    A score on a bounded scale (``index_scale``, e.g. DTI 0–1) rescaled to 0–1 is not an
    adoption share: modelling it with a logistic curve assumes the logistic form for
    a bounded index. A series whose observations lie in different method periods of
    the publisher (``method_period``) crosses a method break.
    """
    out = []
    scales = sorted({s for s in df["index_scale"] if s})
    if scales:
        out.append(Assumption.BOUNDED_INDEX)
        notes.append(f"{Assumption.BOUNDED_INDEX}: {df['indicator'].iloc[0]} is a published "
                     f"index on the scale {', '.join(scales)}, rescaled to 0-1 (share = "
                     "(value - scale_min)/(scale_max - scale_min)) and modelled as a share; "
                     "the index is not an adoption share, so the curve describes its "
                     "trend only under that assumption")
    periods = sorted({p for p in df["method_period"] if p})
    if len(periods) > 1:
        out.append(Assumption.METHOD_BREAK)
        notes.append(f"{Assumption.METHOD_BREAK}: the observations lie in the method "
                     f"periods {', '.join(periods)} (codebook method_breaks); values "
                     "across a break are not comparable, so the slope mixes a trend with "
                     "the change of method")
    return tuple(out)


def _count(n: float, noun: str, singular_verb: str = "", plural_verb: str = "") -> str:
    """``"1 observation is"``, ``"2 observations are"``: a count in agreement.

    Examples
    --------
    >>> _count(1, "observation", "is", "are"), _count(2, "time")
    ('1 observation is', '2 times')
    """
    n = int(n)
    words = f"{n} {noun}" + ("" if n == 1 else "s")
    verb = singular_verb if n == 1 else plural_verb
    return f"{words} {verb}" if verb else words


def _data_notes(df: pd.DataFrame) -> list[str]:
    """Caveats about the observations themselves (conflicting shares, approximations)."""
    notes = []
    if df["share_conflict"].any():
        notes.append(f"{_count(df['share_conflict'].sum(), 'observation', 'has', 'have')} "
                     "a share that "
                     "differs from successes/trials by more than 0.1 point: the counts were "
                     "used")
    if df["approximate"].any():
        notes.append(f"{_count(df['approximate'].sum(), 'observation', 'is', 'are')} "
                     "approximate "
                     "('over', 'nearly', ...): treated as exact values")
    return notes


def _usable_ceiling(df: pd.DataFrame, k: float) -> tuple[float, list[str]]:
    """The ceiling (share) the curve can use, with the note that explains it.

    A codebook ceiling below 100 % is dropped (back to 100 %) when an observation
    reaches it.
    """
    if k >= 1:
        return k, []
    shares = df["share"].to_numpy(float)
    above = shares >= k
    if not above.any():
        return k, [(f"ceiling {_pct(k)} from the codebook: fitted logit(share / {k:g}), "
                    "the ceiling is an assumption, not estimated")]
    worst = df.loc[above].iloc[int(np.argmax(shares[above]))]
    return 1.0, [(f"{_count(above.sum(), 'observation')} at or above the codebook ceiling "
                  f"{_pct(k)} (e.g. {_pct(worst['share'])} on {worst['date_iso']}): the "
                  "ceiling was not used and the curve was fitted with a 100% ceiling")]


_NAN = float("nan")

#: AdoptionFit fields of a fit without a curve.
_NO_CURVE = {"intercept": _NAN, "intercept_ci": (_NAN, _NAN), "slope_per_year": _NAN,
             "slope_ci": (_NAN, _NAN), "cov": None, "critical_value": _NAN,
             "interval_basis": "none", "dispersion": _NAN}


def _without_curve(method: FitMethod, status: FitStatus, base: dict, notes: list[str],
                   *, df_resid: float = _NAN) -> AdoptionFit:
    return AdoptionFit(method=method, status=status, **base, **_NO_CURVE, df_resid=df_resid,
                       warnings=tuple(notes))


def _fit_series(df: pd.DataFrame, k: float, alpha: float, time_origin: float,
                notes: list[str]) -> AdoptionFit:
    """Choose the method by the number of points and dates, and fit (sorted input)."""
    times = df["time"].to_numpy(float)
    shares = df["share"].to_numpy(float)
    succ = df["successes"].to_numpy(float)
    tri = df["trials"].to_numpy(float)
    has_counts = np.isfinite(succ) & np.isfinite(tri)
    n, n_dates = len(df), int(np.unique(times).size)
    base = {"province_id": df["province_id"].iloc[0], "province": df["province"].iloc[0],
            "unit_kind": df["unit_kind"].iloc[0],
            "indicator": df["indicator"].iloc[0], "n_obs": n, "n_dates": n_dates,
            "dates": tuple(df["date_iso"]), "times": tuple(times), "shares": tuple(shares),
            "successes": tuple(succ), "trials": tuple(tri), "time_origin": time_origin,
            "ceiling": k, "alpha": alpha}
    if n == 1:
        return _without_curve(FitMethod.SINGLE, FitStatus.SINGLE, base, notes + [
            "one observation: no curve and no slope; only the point is reported"])
    if n_dates == 1:
        return _without_curve(FitMethod.SINGLE, FitStatus.SAME_DATE, base, notes + [
            (f"all {n} observations share the date {df['date_iso'].iloc[0]}: no slope can "
             "be estimated")])
    y = shares / k
    if n == 2:
        return _exact_line(base, times, y, notes, counts=bool(has_counts.all()))
    if _separates(times, y):
        return _without_curve(FitMethod.NONE, FitStatus.SEPARATION, base, notes + [
            ("perfect separation: the shares are 0% up to a date and "
             f"{_pct(k)} after it (or all 0% / all at the ceiling), so the "
             "maximum-likelihood slope is infinite and no curve is reported")])
    if np.any((y <= 0) | (y >= 1)):
        notes.append("some shares are exactly 0% or at the ceiling; the likelihood handles "
                     "them, but they pull the curve strongly")
    use_counts = bool(has_counts.all())
    if has_counts.any() and not use_counts:
        notes.append(f"counts missing for {int((~has_counts).sum())} of {n} observations: "
                     "the fractional logit was used for all")
    return _fit_glm(base, times - time_origin, y, tri * k if use_counts else None,
                    alpha, notes)


def _exact_line(base: dict, times: np.ndarray, y: np.ndarray, notes: list[str], *,
                counts: bool) -> AdoptionFit:
    """The logit line through exactly two points (no interval), or no curve at 0 / K."""
    if np.any((y <= 0) | (y >= 1)):
        edge = "0%" if np.any(y <= 0) else _pct(base["ceiling"])
        return _without_curve(FitMethod.NONE, FitStatus.BOUNDARY, base, notes + [
            (f"a share of exactly {edge} is infinite on the logit scale: "
             "no line passes through the two points")])
    lg = logit(y)
    b = float((lg[1] - lg[0]) / (times[1] - times[0]))
    a = float(lg[0] - b * (times[0] - base["time_origin"]))
    w = [("two observations: the logit line passes exactly through both points; "
          "zero residual degrees of freedom, so there is no interval and no check of fit")]
    if counts:
        w.append("counts are available but a sampling-only interval from two points "
                 "would ignore between-source variation, so none is reported")
    return AdoptionFit(method=FitMethod.EXACT, status=FitStatus.EXACT, **base, intercept=a,
                       intercept_ci=(_NAN, _NAN), slope_per_year=b, slope_ci=(_NAN, _NAN),
                       cov=None, critical_value=_NAN, interval_basis="none", df_resid=0.0,
                       dispersion=_NAN, warnings=tuple(notes + w))


#: Errors of statsmodels' GLM on degenerate data (reported as status FAILED).
_GLM_ERRORS = (ValueError, np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError,
               OverflowError)


def _statsmodels_glm() -> SimpleNamespace:
    """statsmodels' ``GLM`` and ``families`` (as ``sm.GLM``, ``sm.families``), imported
    without ``statsmodels.api`` and the rest of statsmodels it imports (0.2 s)."""
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    return SimpleNamespace(GLM=GLM, families=families)


def _fit_glm(base: dict, x: np.ndarray, y: np.ndarray, weights, alpha: float,
             notes: list[str]) -> AdoptionFit:
    """Binomial GLM (``weights`` = trials·K) or fractional logit (``weights`` None)."""
    _statsmodels_glm()  # imported outside the recorded warnings
    from statsmodels.tools import sm_exceptions as sme

    method = FitMethod.BINOMIAL if weights is not None else FitMethod.FRACTIONAL
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        try:
            res = _glm(y, np.column_stack([np.ones_like(x), x]), weights)
        except _GLM_ERRORS as exc:  # degenerate data
            return _without_curve(method, FitStatus.FAILED, base,
                                  notes + [f"the GLM fit failed: {exc}"])
    separation = any(issubclass(w.category, getattr(sme, "PerfectSeparationWarning", ()))
                     for w in caught)
    other = sorted({str(w.message).splitlines()[0] for w in caught
                    if issubclass(w.category, (sme.ConvergenceWarning, RuntimeWarning))})
    params = np.asarray(res.params, dtype=float)
    cov = np.asarray(res.cov_params(), dtype=float)
    df_resid = float(res.df_resid)
    if weights is None and df_resid > 0:
        cov = cov * _hc1_factor(len(y), 2)
    if not np.all(np.isfinite(params)) or not np.all(np.isfinite(cov)):
        return _without_curve(FitMethod.NONE, FitStatus.SEPARATION, base, notes + [
            ("non-finite estimates (numerical separation): the slope is not identified and "
             "no curve is reported")], df_resid=df_resid)
    status = FitStatus.FITTED
    if separation:
        status = FitStatus.PERFECT_PREDICTION
        notes.append("statsmodels raised PerfectSeparationWarning ('perfect separation or "
                     "prediction'): the fitted shares equal the observed ones to within "
                     "1e-8. The data are not separated (checked before fitting), so a finite "
                     "estimate exists and is kept, but a perfect fit leaves nothing to judge "
                     "the dispersion by, and shares near 0% or 100% make the slope fragile")
    if other:
        notes.append("statsmodels warned: " + " | ".join(other))
    cov, basis_df, dispersion = _interval_scale(res, cov, weights is not None, notes)
    q = _quantile(alpha, basis_df)
    se = np.sqrt(np.diag(cov))
    a, b = params
    return AdoptionFit(method=method, status=status, **base, intercept=float(a),
                       intercept_ci=(float(a - q * se[0]), float(a + q * se[0])),
                       slope_per_year=float(b),
                       slope_ci=(float(b - q * se[1]), float(b + q * se[1])),
                       cov=tuple(tuple(float(v) for v in r) for r in cov), critical_value=q,
                       interval_basis="normal" if basis_df is None else f"t, {basis_df:g} df",
                       df_resid=df_resid, dispersion=dispersion, warnings=tuple(notes))


def _glm(y: np.ndarray, X: np.ndarray, weights):
    """Fit the binomial GLM (counts as ``var_weights``) or the fractional logit (HC0)."""
    sm = _statsmodels_glm()

    if weights is not None:
        return sm.GLM(y, X, family=sm.families.Binomial(), var_weights=weights).fit()
    return sm.GLM(y, X, family=sm.families.Binomial()).fit(cov_type="HC0")


def _interval_scale(res, cov: np.ndarray, counts: bool,
                    notes: list[str]) -> tuple[np.ndarray, float | None, float]:
    """Covariance, degrees of freedom of the quantile (None: normal) and dispersion.

    The binomial covariance is widened by the Pearson dispersion when it exceeds 1
    (never shrunk); the fractional logit uses t quantiles on ``df_resid``. Appends the
    note that says which.
    """
    df_resid = float(res.df_resid)
    if not counts:
        notes.append(f"no counts: fractional logit with HC1 robust errors and t quantiles on "
                     f"{df_resid:g} df; with few observations robust errors are imprecise")
        return cov, df_resid, _NAN
    dispersion = float(res.pearson_chi2 / df_resid)
    notes.append("binomial intervals reflect sampling of the counts only (design "
                 "effects and differences between sources are not included): a lower "
                 "bound on the uncertainty")
    if dispersion > 1:
        notes.append(f"Pearson dispersion {dispersion:.3g} > 1 (overdispersion): "
                     "intervals widened by its square root (quasi-binomial) with t "
                     f"quantiles on {df_resid:g} df")
        return cov * dispersion, df_resid, dispersion
    notes.append(f"Pearson dispersion {dispersion:.3g} ≤ 1 on {df_resid:g} df: "
                 "binomial scale kept (intervals are never shrunk)")
    return cov, None, dispersion


def _codebook_ceilings(codebook) -> dict[str, object]:
    if codebook is None:
        return {}
    if isinstance(codebook, Mapping):
        return dict(codebook)
    if not isinstance(codebook, pd.DataFrame):
        raise ModelInputError("codebook: expected a DataFrame (indicators.csv) or a mapping")
    key = "indicator_id" if "indicator_id" in codebook.columns else "indicator"
    if key not in codebook.columns or "ceiling" not in codebook.columns:
        return {}
    return {_text(r[key]): r["ceiling"] for _, r in codebook.iterrows()}


#: Words in ``denominator_source`` that mark a denominator not stated with the figure
#: (a reference population, or one implied or derived from other figures).
_NOT_STATED = ("denominators", "reference", "implied", "derived", "population", "estimate",
               "census")


def observations_from_panel(panel: pd.DataFrame, *, counts: str = "stated",
                            codebook=None) -> pd.DataFrame:
    """Model-input observations from panel.csv rows.

    Keeps ``level`` rows (a state at a date) with a share; flows, changes and targets
    are not points on an adoption curve. The observation date is ``period_end``; rows
    without one cannot be placed in time and are left out.

    Published observations join the text figures here: a percent (share = value/100),
    and a score on a bounded scale (codebook ``unit`` score with ``scale_min`` and
    ``scale_max``, e.g. the DTI on 0–1), whose share is the rescaled score
    ``(value − scale_min)/(scale_max − scale_min)`` (computed here when the panel
    leaves it empty). Such index rows are marked in ``index_scale`` so their fits state
    the assumption (:attr:`~dtanalysis.codes.Assumption.BOUNDED_INDEX`). Ranks have no
    share and are left to :mod:`dtanalysis.ranks`.

    Parameters
    ----------
    panel : pandas.DataFrame
        The panel (``province_id, province, indicator, period_end, measure_type,
        share, numerator, denominator, denominator_source, approximate``; optional
        ``unit_kind, value, unit``).
    counts : {"stated", "all", "none"}, default "stated"
        When ``numerator`` and ``denominator`` become ``successes`` and ``trials`` (and
        so the binomial GLM is used). ``"stated"``: only when the denominator came with
        the figure (``denominator_source`` empty or not naming a reference table, an
        implied or a derived denominator), e.g. 103/117 DNA samples; a count of users
        over a census population is not a binomial sample, and an implied denominator
        is circular. ``"all"``: whenever both are present. ``"none"``: never
        (fractional logit throughout). Index rows never give counts (a rank's
        ``denominator`` is the size of the ranked set, not trials).
    codebook : pandas.DataFrame or mapping, optional
        ``indicators.csv`` (``indicator_id, unit, kind, scale_min, scale_max,
        method_breaks``); default the package codebook.

    Returns
    -------
    pandas.DataFrame
        ``province_id, province, indicator, date, share, successes, trials,
        approximate, unit_kind`` (``""`` when the panel has none), ``index_scale``
        (e.g. ``"0-1"`` for a published index, ``""`` for a share) and
        ``method_period`` (the publisher's method period of the date, ``""`` when the
        codebook names no break), sorted by province_id, indicator, date.

    Raises
    ------
    ModelInputError
        If a required column is missing or ``counts`` is unknown.
    """
    if counts not in ("stated", "all", "none"):
        raise ModelInputError(f"observations_from_panel: counts={counts!r} is not one of "
                              "'stated', 'all', 'none'")
    need = ["province_id", "province", "indicator", "period_end", "share"]
    missing = [c for c in need if c not in panel.columns]
    if missing:
        raise ModelInputError(f"panel.csv: missing column(s) {', '.join(missing)}")
    cb = _index_codebook(codebook)
    df = panel.copy()
    if "measure_type" in df.columns:
        df = df[df["measure_type"].map(_text).isin(["level", ""])]
    df = df[df["period_end"].map(_text).ne("")]
    share, scale, period = _index_columns(df, cb)
    df = df[share.notna()]
    out = pd.DataFrame({
        "province_id": df["province_id"].map(_text),
        "province": df["province"].map(_text),
        "indicator": df["indicator"].map(_text),
        "date": df["period_end"].map(lambda v: _text(v)[:10]),
        "share": share[share.notna()],
    })
    num = pd.to_numeric(df.get("numerator", pd.Series(np.nan, index=df.index)), errors="coerce")
    den = pd.to_numeric(df.get("denominator", pd.Series(np.nan, index=df.index)),
                        errors="coerce")
    src = df.get("denominator_source", pd.Series("", index=df.index)).map(_text).str.lower()
    use = num.notna() & den.notna() & (den > 0) & (num >= 0) & (num <= den)
    use &= scale[df.index].eq("")
    if counts == "stated":
        use &= ~src.map(lambda s: any(w in s for w in _NOT_STATED))
    elif counts == "none":
        use &= False
    out["successes"] = num.where(use)
    out["trials"] = den.where(use)
    appr = df.get("approximate", pd.Series(False, index=df.index))
    out["approximate"] = appr.map(lambda v: v if isinstance(v, bool) else
                                  _text(v).lower() in ("true", "1", "yes"))
    out["unit_kind"] = df.get("unit_kind", pd.Series("", index=df.index)).map(_text)
    out["index_scale"] = scale[df.index]
    out["method_period"] = period[df.index]
    return out.sort_values(["province_id", "indicator", "date"], kind="mergesort",
                           ignore_index=True)


def _index_codebook(codebook) -> dict[str, dict]:
    """indicator → codebook row (the fields the published indices need)."""
    if codebook is None:
        from .reference import load_codebook

        codebook = load_codebook()
    if isinstance(codebook, Mapping):
        return {k: dict(v) if isinstance(v, Mapping) else {} for k, v in codebook.items()}
    if not isinstance(codebook, pd.DataFrame):
        raise ModelInputError("codebook: expected a DataFrame (indicators.csv) or a mapping")
    key = "indicator_id" if "indicator_id" in codebook.columns else "indicator"
    return {_text(r[key]): dict(r) for _, r in codebook.iterrows()}


def _number(v) -> float:
    try:
        out = float(v)
    except (TypeError, ValueError):
        return _NAN
    return out if math.isfinite(out) else _NAN


def _index_columns(df: pd.DataFrame, cb: Mapping) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``(share, index_scale, method_period)`` of panel rows.

    The share is the panel's; for a score on a codebook scale it is filled from the
    value when empty. ``index_scale`` is ``"min-max"`` for indicators of kind index (or
    unit score) with a scale, ``""`` otherwise.
    """
    from .breaks import method_period

    share = pd.to_numeric(df["share"], errors="coerce")
    value = pd.to_numeric(df.get("value", pd.Series(np.nan, index=df.index)), errors="coerce")
    unit = df.get("unit", pd.Series("", index=df.index)).map(_text)
    scale = pd.Series("", index=df.index, dtype=object)
    period = pd.Series("", index=df.index, dtype=object)
    for idx, ind in df["indicator"].map(_text).items():
        entry = cb.get(ind, {})
        lo, hi = _number(entry.get("scale_min")), _number(entry.get("scale_max"))
        is_index = _text(entry.get("kind")) == "index" or _text(entry.get("unit")) == "score"
        if is_index and _text(entry.get("unit")) != "rank" and math.isfinite(lo) \
                and math.isfinite(hi) and hi > lo:
            scale[idx] = f"{lo:g}-{hi:g}"
            if pd.isna(share[idx]) and unit[idx] in ("score", "") and pd.notna(value[idx]):
                share[idx] = (value[idx] - lo) / (hi - lo)
        breaks = _text(entry.get("method_breaks"))
        if breaks:
            period[idx] = method_period(breaks, int(_text(df.at[idx, "period_end"])[:4]))
    return share, scale, period


def fit_adoption_curves(observations: pd.DataFrame, codebook=None, *, alpha: float = 0.05,
                        time_origin: float = 2020.0) -> dict[tuple[str, str], AdoptionFit]:
    """Fit one adoption curve per province × indicator.

    Parameters
    ----------
    observations : pandas.DataFrame
        Model-input observations (see :func:`fit_adoption`), several provinces and
        indicators.
    codebook : pandas.DataFrame or mapping, optional
        The codebook (``indicators.csv``: ``indicator_id`` and ``ceiling`` in percent,
        empty = 100) or a mapping indicator → ceiling percent. None: ceiling 100 %.
    alpha, time_origin
        Passed to :func:`fit_adoption`.

    Returns
    -------
    dict
        ``{(province_id, indicator): AdoptionFit}`` in sorted key order.
    """
    _check_alpha(alpha)
    return _fit_curves_prepared(_prepare(observations), _codebook_ceilings(codebook),
                                alpha=alpha, time_origin=time_origin)


def _fit_curves_prepared(df: pd.DataFrame, ceilings: Mapping, *, alpha: float,
                         time_origin: float = 2020.0) -> dict[tuple[str, str], AdoptionFit]:
    """:func:`fit_adoption_curves` on observations validated by :func:`_prepare`."""
    out: dict[tuple[str, str], AdoptionFit] = {}
    for (pid, ind), grp in sorted(df.groupby(["series", "indicator"], sort=True),
                                  key=lambda kv: kv[0]):
        if grp["share"].isna().all():
            continue
        out[(pid, ind)] = _fit_prepared(grp, ceiling=ceilings.get(ind), alpha=alpha,
                                        time_origin=time_origin)
    return out


def _as_fits(fits) -> list[AdoptionFit]:
    if isinstance(fits, AdoptionFit):
        return [fits]
    if isinstance(fits, Mapping):
        fits = list(fits.values())
    fits = list(fits)
    return sorted(fits, key=lambda f: (f.province_id, f.province, f.indicator, str(f.method)))


def adoption_table(fits) -> pd.DataFrame:
    """The adoption.csv table: one row per province × indicator.

    Parameters
    ----------
    fits : dict, iterable of AdoptionFit, or AdoptionFit

    Returns
    -------
    pandas.DataFrame
        Columns ``ADOPTION_COLUMNS``: ``province_id, province, indicator, method,
        status, n_obs, n_dates, first_date, last_date, first_share, last_share``
        (shares 0–1), ``time_origin, ceiling`` (percent), ``intercept,
        intercept_ci_lower, intercept_ci_upper, slope_per_year, slope_ci_lower,
        slope_ci_upper`` (logit(p/K) scale, per year), ``ci_level, interval_basis,
        df_resid, dispersion`` (Pearson χ²/df for the binomial GLM, else empty) and
        ``warnings`` (joined by "; "). Sorted by province_id, indicator.
    """
    rows = [f._row() for f in _as_fits(fits)]
    return pd.DataFrame(rows, columns=ADOPTION_COLUMNS)


#: Columns of curve_grid, in order.
_GRID_COLUMNS = ["province_id", "province", "indicator", "date", "mean", "ci_lower",
                 "ci_upper", "time", "extrapolated"]


def _curve_frame(fit: AdoptionFit, dates: list, labels: list) -> pd.DataFrame:
    """One fit's predictions on the dates (columns ``_GRID_COLUMNS``)."""
    p = fit.predict(dates, warn=False)  # the grid reports 'extrapolated' itself
    return pd.DataFrame({
        "province_id": fit.province_id, "province": fit.province, "indicator": fit.indicator,
        "date": labels, "mean": p["mean"], "ci_lower": p["ci_lower"],
        "ci_upper": p["ci_upper"], "time": p["time"], "extrapolated": p["extrapolated"]})


def _sorted_curves(frames: list[pd.DataFrame], cols: list[str]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    keys = [c for c in ("province_id", "province", "indicator", "method", "time")
            if c in out.columns]
    return out.sort_values(keys, kind="mergesort",
                           ignore_index=True)[cols]


def curve_grid(fits, dates) -> pd.DataFrame:
    """Predicted curves on a grid of dates, for figures.

    Parameters
    ----------
    fits : dict, iterable of AdoptionFit, or AdoptionFit
    dates : iterable
        ISO dates, date objects or decimal years.

    Returns
    -------
    pandas.DataFrame
        ``province_id, province, indicator, date, mean, ci_lower, ci_upper`` (shares
        0–1; ci NaN where no interval exists, i.e. exact 2-point fits), plus ``time``
        (decimal year) and ``extrapolated`` (outside the observed period). Fits without
        a curve (single observation, separation, ...) contribute no rows. Sorted by
        province_id, indicator, time.

    See Also
    --------
    curves_table : the same predictions as the declared ``curves.csv`` table.

    Examples
    --------
    >>> obs = pd.DataFrame({"province_id": "30", "province": "Hải Dương",
    ...                     "indicator": "applications_online_share",
    ...                     "date": ["2022-12-31", "2023-12-31"], "share": [0.2, 0.5]})
    >>> grid = curve_grid(fit_adoption(obs), ["2022-12-31", "2024-12-31"])
    >>> print(grid[["date", "mean", "extrapolated"]].round(4).to_string(index=False))
          date  mean  extrapolated
    2022-12-31   0.2         False
    2024-12-31   0.8          True
    """
    dates = list(dates)
    labels = [_iso(d) if not isinstance(d, (float, np.floating)) else float(d) for d in dates]
    frames = [_curve_frame(f, dates, labels) for f in _as_fits(fits) if f.has_curve]
    return _sorted_curves(frames, _GRID_COLUMNS)


#: Columns of curves.csv, in order, as (column, type, description); types are
#: "string", "number", "boolean", "date".
#: Columns of curves.csv (declared in :mod:`dtanalysis.tables.processed`).
CURVE_COLUMNS = columns("curves")


def curves_table(fits, dates) -> pd.DataFrame:
    """The curves.csv table: every fitted curve evaluated on a grid of dates.

    The rows and numbers are those of :func:`curve_grid`, with the fit's ``method`` and
    ``status`` beside them, so a figure or notebook can draw the curves without
    fitting them again. To rebuild the figures byte for byte from the written table,
    the floats must be written so they read back exactly (``repr`` or ``%.17g``).

    Parameters
    ----------
    fits : dict, iterable of AdoptionFit, or AdoptionFit
    dates : iterable
        Dates (ISO strings, date objects or Timestamps; not decimal years, since the
        table's ``date`` column is a calendar date), e.g. :func:`figure_grid`.

    Returns
    -------
    pandas.DataFrame
        Columns of ``CURVE_COLUMNS``: ``province_id, province, indicator, date`` (ISO
        text), ``time`` (decimal year), ``mean, ci_lower, ci_upper`` (shares 0–1; NaN
        bounds without an interval), ``extrapolated`` (bool), ``method, status``
        (the values of :class:`~dtanalysis.codes.FitMethod` and
        :class:`~dtanalysis.codes.FitStatus`). Fits without a curve contribute no
        rows. Sorted by province_id, indicator, time.

    Raises
    ------
    ModelInputError
        When a date is a number (a decimal year) or not a date.

    Examples
    --------
    >>> obs = pd.DataFrame({"province_id": "30", "province": "Hải Dương",
    ...                     "indicator": "applications_online_share",
    ...                     "date": ["2022-12-31", "2023-12-31"], "share": [0.2, 0.5]})
    >>> table = curves_table([fit_adoption(obs)], ["2023-06-01", "2024-12-31"])
    >>> list(table.columns) == list(CURVE_COLUMNS)
    True
    >>> row = table.iloc[0]
    >>> row["date"], round(float(row["time"]), 4), row["status"]
    ('2023-06-01', 2023.4137, 'exact (2 points, no interval)')
    >>> table["extrapolated"].tolist()
    [False, True]
    """
    dates = list(dates)
    for d in dates:
        if isinstance(d, (bool, int, float, np.integer, np.floating)):
            raise ModelInputError(f"curves_table: date {d!r} is a number; the curves table "
                                  "needs calendar dates (ISO text, dates or Timestamps)")
    labels = [_iso(d) for d in dates]
    frames = [_curve_frame(f, dates, labels).assign(method=str(f.method),
                                                    status=str(f.status))
              for f in _as_fits(fits) if f.has_curve]
    table = _sorted_curves(frames, list(CURVE_COLUMNS))
    table["extrapolated"] = table["extrapolated"].astype(bool)
    return table


def figure_grid(observations: pd.DataFrame, extra_dates=()) -> pd.DatetimeIndex:
    """The dates the figures draw the curves on.

    The first day of every month from six months before the first observation (its
    month) to the latest of one year after the last observation and ``extra_dates``,
    together with the observation dates themselves (so a line drawn only over the
    observed period reaches its first and last observation).

    Parameters
    ----------
    observations : pandas.DataFrame
        Model-input observations (a ``date`` column), e.g. from
        :func:`observations_from_panel`.
    extra_dates : iterable, optional
        Dates the grid must reach, e.g. target deadlines (unreadable ones are ignored).

    Returns
    -------
    pandas.DatetimeIndex
        Sorted, without duplicates; empty when no observation has a readable date.

    Raises
    ------
    ModelInputError
        When ``observations`` has no ``date`` column.

    Examples
    --------
    >>> grid = figure_grid(pd.DataFrame({"date": ["2023-03-15", "2023-12-31"]}))
    >>> str(grid[0].date()), str(grid[-1].date()), len(grid)
    ('2022-09-01', '2024-12-01', 30)
    >>> str(figure_grid(pd.DataFrame({"date": ["2023-03-15"]}), ["2025-12-31"])[-1].date())
    '2025-12-01'
    """
    if not isinstance(observations, pd.DataFrame) or "date" not in observations.columns:
        raise ModelInputError("figure_grid: observations need a date column")
    dates = pd.to_datetime(observations["date"], errors="coerce").dropna()
    if dates.empty:
        return pd.DatetimeIndex([])
    extra = pd.to_datetime(pd.Series(list(extra_dates), dtype=object), errors="coerce").dropna()
    end = max([dates.max() + pd.DateOffset(months=12), *extra])
    start = (dates.min() - pd.DateOffset(months=6)).to_period("M").to_timestamp()
    return pd.DatetimeIndex(sorted(set(pd.date_range(start, end, freq="MS")) | set(dates)))


def curves_for_panel(panel: pd.DataFrame, codebook=None, *, extra_dates=(),
                     alpha: float = 0.05) -> pd.DataFrame:
    """Fit the adoption curves of a panel and tabulate them on the figure grid.

    ``curves_table(fit_adoption_curves(obs, codebook), figure_grid(obs, extra_dates))``
    with ``obs = observations_from_panel(panel)``: for a panel (or a selection of
    provinces) whose curves were not written by the build.

    Parameters
    ----------
    panel : pandas.DataFrame
        panel.csv rows (see :func:`observations_from_panel`).
    codebook : pandas.DataFrame or mapping, optional
        Ceilings (see :func:`fit_adoption_curves`).
    extra_dates : iterable, optional
        Passed to :func:`figure_grid`.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        Columns of ``CURVE_COLUMNS`` (see :func:`curves_table`).
    """
    observations = observations_from_panel(panel)
    fits = fit_adoption_curves(observations, codebook, alpha=alpha)
    return curves_table(fits, figure_grid(observations, extra_dates))


# --------------------------------------------------------------------------- comparison
def time_distance(fit_a: AdoptionFit, fit_b: AdoptionFit, level: float) -> TimeDistance:
    """Sicherl's S-time-distance between two provinces at an adoption level.

    Parameters
    ----------
    fit_a, fit_b : AdoptionFit
        Curves for the same indicator (normally two provinces).
    level : float
        Share (0–1) at which the distance is read.

    Returns
    -------
    TimeDistance
        ``value = t_b(level) − t_a(level)`` years (positive: B reaches the level
        later). The interval is a delta-method interval: the two fits are independent,
        so Var = g_a' V_a g_a + g_b' V_b g_b with g the gradient of
        ``(logit(level/K) − a)/b`` in (a, b); the critical value is the larger of the
        two fits' (normal or t). It exists only when both fits have intervals and
        both slopes differ significantly from zero (else the years are unbounded and
        the bounds are NaN, with a note). ``extrapolated`` flags levels outside the
        observed range of either series (only interpolated levels are data-backed).

    Raises
    ------
    ModelInputError
        If ``level`` is not strictly between 0 and 1.
    """
    level = float(level)
    if not 0 < level < 1:
        raise ModelInputError(
            f"model inputs: level {level!r} must be a share strictly between 0 and 1")
    nan = float("nan")
    ya, yb = fit_a.year_reaching(level), fit_b.year_reaching(level)
    ind = fit_a.indicator if fit_a.indicator == fit_b.indicator else (
        f"{fit_a.indicator} vs {fit_b.indicator}")
    notes = []
    if fit_a.indicator != fit_b.indicator:
        notes.append("the two fits are for different indicators")
    ext = any(not (min(f.shares) <= level <= max(f.shares)) for f in (fit_a, fit_b)
              if f.shares)
    if ext:
        notes.append("level outside the observed range of at least one series: the "
                     "distance is an extrapolation of the logistic form")
    ident = {"level": level, "province_id_a": fit_a.province_id, "province_a": fit_a.province,
                 "province_id_b": fit_b.province_id, "province_b": fit_b.province, "indicator": ind,
                 "extrapolated": ext}
    if not (math.isfinite(ya.estimate) and math.isfinite(yb.estimate)):
        why = [f"{f.province_id or f.province}: {y.note}" for f, y in ((fit_a, ya), (fit_b, yb))
               if not math.isfinite(y.estimate)]
        return TimeDistance(**ident, year_a=ya.estimate, year_b=yb.estimate, value=nan,
                            ci_lower=nan, ci_upper=nan, method=DistanceMethod.NONE,
                            note="; ".join(["no time distance"] + why + notes))
    value = yb.estimate - ya.estimate
    if not (fit_a.has_interval and fit_b.has_interval):
        notes.insert(0, "at least one fit has no interval (exact or 2-point): no interval "
                        "for the distance")
        return TimeDistance(**ident, year_a=ya.estimate, year_b=yb.estimate, value=value,
                            ci_lower=nan, ci_upper=nan, method=DistanceMethod.POINT,
                            note="; ".join(notes))
    unb = [f.province_id or f.province for f, y in ((fit_a, ya), (fit_b, yb))
           if y.method.startswith("Fieller (unbounded")]
    _, se_a = fit_a._year_delta(level)
    _, se_b = fit_b._year_delta(level)
    if unb:
        notes.insert(0, f"slope not significantly different from zero for {', '.join(unb)}: "
                        "the interval is unbounded")
        return TimeDistance(**ident, year_a=ya.estimate, year_b=yb.estimate, value=value,
                            ci_lower=nan, ci_upper=nan,
                            method=DistanceMethod.UNBOUNDED,
                            note="; ".join(notes))
    q = max(fit_a.critical_value, fit_b.critical_value)
    se = math.sqrt(se_a ** 2 + se_b ** 2)
    return TimeDistance(**ident, year_a=ya.estimate, year_b=yb.estimate, value=value,
                        ci_lower=value - q * se, ci_upper=value + q * se,
                        method=DistanceMethod.DELTA, note="; ".join(notes))


def comparison_level(fit_a: AdoptionFit, fit_b: AdoptionFit) -> float:
    """The level at which two curves are compared: inside both observed ranges if possible.

    The middle of the overlap of the two ranges of observed shares when they overlap (the
    distance is then read where both series have data), else the middle of the gap between
    them (an extrapolation of at least one curve, which :func:`time_distance` flags).

    Parameters
    ----------
    fit_a, fit_b : AdoptionFit

    Returns
    -------
    float
        A share (0-1).

    Examples
    --------
    >>> obs = pd.DataFrame({"province_id": "30", "province": "Hải Dương", "indicator": "x",
    ...                     "date": ["2022-12-31", "2023-12-31"], "share": [0.2, 0.5]})
    >>> a = fit_adoption(obs)
    >>> b = fit_adoption(obs.assign(province_id="96", share=[0.4, 0.7]))
    >>> round(comparison_level(a, b), 4)
    0.45
    """
    lo = max(min(fit_a.shares), min(fit_b.shares))
    hi = min(max(fit_a.shares), max(fit_b.shares))
    return float((lo + hi) / 2)


def _own_curves(fits) -> dict[str, list[AdoptionFit]]:
    """``{indicator: [fits with a curve]}``, sorted, common-slope curves left out."""
    out: dict[str, list[AdoptionFit]] = {}
    for fit in _as_fits(fits):
        if fit.has_curve and fit.status is not FitStatus.COMMON_SLOPE:
            out.setdefault(fit.indicator, []).append(fit)
    return dict(sorted(out.items()))


#: Columns of time_distances.csv (declared in :mod:`dtanalysis.tables.processed`).
TIME_DISTANCE_COLUMNS = columns("time_distances")


def time_distance_table(fits) -> pd.DataFrame:
    """The time_distances.csv table: every ordered pair of curves of an indicator.

    For each indicator, each pair (A, B) of series with their own curve (common-slope
    curves are left out) in both orders, so that a page reads the pairs in its own order
    without recomputing anything: :func:`time_distance` at :func:`comparison_level`,
    with the two fits' methods.

    Parameters
    ----------
    fits : dict, iterable of AdoptionFit, or AdoptionFit
        E.g. :func:`fit_adoption_curves`.

    Returns
    -------
    pandas.DataFrame
        Columns of ``TIME_DISTANCE_COLUMNS``, sorted by indicator, then A and B in the
        order of :func:`adoption_table`.

    Examples
    --------
    >>> obs = pd.DataFrame({"province_id": "30", "province": "Hải Dương", "indicator": "x",
    ...                     "date": ["2022-12-31", "2023-12-31"], "share": [0.2, 0.5]})
    >>> fits = [fit_adoption(obs), fit_adoption(obs.assign(province_id="96", share=[0.1, 0.2]))]
    >>> table = time_distance_table(fits)
    >>> print(table[["province_id_a", "province_id_b", "value", "method"]].round(3)
    ...       .to_string(index=False))
    province_id_a province_id_b  value              method
               30            96    1.0 point estimate only
               96            30   -1.0 point estimate only
    """
    rows = [
        {**vars(time_distance(a, b, comparison_level(a, b))),
         "fit_method_a": str(a.method), "fit_method_b": str(b.method)}
        for group in _own_curves(fits).values()
        for a in group for b in group if a is not b
    ]
    out = pd.DataFrame(rows, columns=TIME_DISTANCE_COLUMNS)
    out["method"] = out["method"].map(str)
    return out


#: Columns of slope_tests.csv (declared in :mod:`dtanalysis.tables.processed`).
SLOPE_TEST_COLUMNS = columns("slope_tests")


def slope_test_table(results) -> pd.DataFrame:
    """The slope_tests.csv table: the pooled slope test of each common-slope decision.

    Parameters
    ----------
    results : mapping or iterable of CommonSlopeFit
        :func:`fit_common_slopes`.

    Returns
    -------
    pandas.DataFrame
        Columns of ``SLOPE_TEST_COLUMNS``: the rows of :meth:`PooledTest.to_frame`
        (``province_id`` renamed ``series``) with the decision's ``status`` and
        ``common_slope_reason``, in the order of `results`.
    """
    if isinstance(results, Mapping):
        results = list(results.values())
    frames = [r.test.to_frame().rename(columns={"province_id": "series"})
              .assign(status=str(r.status), common_slope_reason=r.reason) for r in results]
    if not frames:
        return pd.DataFrame(columns=SLOPE_TEST_COLUMNS)
    return pd.concat(frames, ignore_index=True)[SLOPE_TEST_COLUMNS]


#: Columns of adoption_warnings.csv (declared in :mod:`dtanalysis.tables.processed`).
WARNING_COLUMNS = columns("adoption_warnings")


def warnings_table(fits) -> pd.DataFrame:
    """The adoption_warnings.csv table: each fit's warnings, one per row.

    Parameters
    ----------
    fits : dict, iterable of AdoptionFit, or AdoptionFit

    Returns
    -------
    pandas.DataFrame
        ``province_id, province, indicator, method, number, warning``, the fits in the
        order of :func:`adoption_table`, each fit's warnings in their order.
    """
    rows = [{"province_id": f.province_id, "province": f.province, "indicator": f.indicator,
             "method": str(f.method), "number": i, "warning": w}
            for f in _as_fits(fits) for i, w in enumerate(f.warnings, start=1)]
    return pd.DataFrame(rows, columns=WARNING_COLUMNS)


def pooled_slope_test(observations: pd.DataFrame, indicator: str, *, alpha: float = 0.05,
                      time_origin: float = 2020.0) -> PooledTest:
    """Test whether logit slopes differ between provinces for one indicator.

    Full model ``logit p = a_province + b_province · (t − t0)`` against the
    common-slope model ``a_province + b · (t − t0)``.

    * All observations with counts: binomial GLM (share, ``var_weights`` = trials).
      The likelihood-ratio statistic (deviance difference) is referred to χ² with
      P − 1 df; when the full model's Pearson dispersion φ̂ > 1 (df_resid ≥ 1) the
      F test ``(ΔD/(P−1))/φ̂`` on (P − 1, df_resid) df is used instead.
    * Otherwise: fractional logit with HC1 covariance; Wald test that the P − 1
      slope differences are zero, as an F statistic (Wald χ² / (P − 1)) on
      (P − 1, df_resid) df, a small-sample reference for robust errors (needs
      df_resid ≥ 1 in the full model).

    Provinces with fewer than two distinct dates carry no slope information and are
    left out (listed in ``excluded``).

    Parameters
    ----------
    observations : pandas.DataFrame
        Model-input observations (other indicators are ignored).
    indicator : str
    alpha : float, default 0.05
        For the slope intervals reported per province.
    time_origin : float, default 2020.0

    Returns
    -------
    PooledTest
        ``testable`` is False with a ``reason`` when fewer than two provinces have two
        or more dates, when the data separate perfectly, or when the full model has no
        residual degrees of freedom for the robust (Wald) test.
    """
    return _pooled_test_prepared(_prepare(observations), indicator, alpha=alpha,
                                 time_origin=time_origin)


def _pooled_test_prepared(prepared: pd.DataFrame, indicator: str, *, alpha: float,
                          time_origin: float) -> PooledTest:
    """:func:`pooled_slope_test` on observations validated by :func:`_prepare`."""
    df, keep, excluded = _pooled_sample(prepared, indicator)

    def untestable(reason, method="none"):
        return PooledTest(indicator=indicator, testable=False, method=method, statistic=_NAN,
                          df=_NAN, p_value=_NAN, n_obs=len(df), n_provinces=len(keep),
                          provinces=tuple(keep), excluded=tuple(excluded), slopes=(),
                          common_slope=_NAN, common_slope_ci=(_NAN, _NAN), reason=reason)

    if len(keep) < 2:
        return untestable("fewer than two provinces with observations at two or more dates"
                          + (f" ({'; '.join(excluded)})" if excluded else ""))
    for pid in keep:
        g = df[df["series"] == pid]
        if _separates(g["time"].to_numpy(float), g["share"].to_numpy(float)):
            return untestable(f"perfect separation in province {pid}: its slope is infinite")
    counts = bool((df["successes"].notna() & df["trials"].notna()).all())
    p = len(keep)
    if not counts and len(df) - 2 * p < 1:
        return untestable(f"the full model has {len(df) - 2 * p} residual df: the robust "
                          "(HC1) Wald test needs at least 1",
                          method=f"{FitMethod.FRACTIONAL}, Wald F test")
    full, common, separated = _pooled_models(df, keep, time_origin, counts)
    if separated:
        return untestable("statsmodels reported perfect separation")
    reasons: list[str] = []
    if counts:
        test = _pooled_lr_test(full, common, p, alpha, reasons)
    else:
        test = _pooled_wald_test(full, common, p, len(df), alpha, reasons)
    stat, test_df, pval, method, cov_full, q, cov_c = test
    beta = np.asarray(full.params)
    se = np.sqrt(np.maximum(np.diag(cov_full), 0))
    slopes = tuple((pid, float(beta[p + i]), float(beta[p + i] - q * se[p + i]),
                    float(beta[p + i] + q * se[p + i])) for i, pid in enumerate(keep))
    bc = float(np.asarray(common.params)[-1])
    sec = float(math.sqrt(max(cov_c[-1, -1], 0)))
    qc = _quantile(alpha, None if counts else float(common.df_resid))
    if excluded:
        reasons.append("excluded: " + "; ".join(excluded))
    return PooledTest(indicator=indicator, testable=True, method=method, statistic=float(stat),
                      df=test_df, p_value=pval, n_obs=len(df), n_provinces=p,
                      provinces=tuple(keep), excluded=tuple(excluded), slopes=slopes,
                      common_slope=bc, common_slope_ci=(bc - qc * sec, bc + qc * sec),
                      reason="; ".join(reasons))


def _pooled_sample(df: pd.DataFrame, indicator: str) -> tuple[pd.DataFrame, list, list]:
    """Observations of the indicator in provinces with two or more dates.

    Returns the observations (sorted by province_id, time), the province_ids kept and
    the reasons of those excluded.
    """
    df = df[(df["indicator"] == indicator) & df["share"].notna()]
    excluded, keep = [], []
    for pid, grp in df.groupby("series", sort=True):
        if grp["time"].nunique() < 2:
            excluded.append(f"{pid}: fewer than two dates")
        else:
            keep.append(pid)
    df = df[df["series"].isin(keep)].sort_values(["series", "time"], kind="mergesort")
    return df, keep, excluded


def _pooled_models(df: pd.DataFrame, keep: list, time_origin: float, counts: bool):
    """Fit the full (slope per province) and common-slope models.

    Returns ``(full, common, separated)``; ``separated`` is True when statsmodels
    warned of perfect separation.
    """
    sm = _statsmodels_glm()
    from statsmodels.tools import sm_exceptions as sme

    x = df["time"].to_numpy(float) - time_origin
    y = df["share"].to_numpy(float)
    dummies = np.column_stack([(df["series"] == p).to_numpy(float) for p in keep])
    x_full = np.column_stack([dummies, dummies * x[:, None]])
    x_common = np.column_stack([dummies, x])
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        if counts:
            w = df["trials"].to_numpy(float)
            fam = sm.families.Binomial()
            full = sm.GLM(y, x_full, family=fam, var_weights=w).fit()
            common = sm.GLM(y, x_common, family=fam, var_weights=w).fit()
        else:
            full = sm.GLM(y, x_full, family=sm.families.Binomial()).fit(cov_type="HC0")
            common = sm.GLM(y, x_common, family=sm.families.Binomial()).fit(cov_type="HC0")
    separated = any(issubclass(wn.category, getattr(sme, "PerfectSeparationWarning", ()))
                    for wn in caught)
    return full, common, separated


def _pooled_lr_test(full, common, p: int, alpha: float, reasons: list[str]) -> tuple:
    """Likelihood-ratio (or quasi-binomial F) test of equal slopes, binomial GLM.

    Returns ``(statistic, df, p_value, method, cov_full, q, cov_common)``.
    """
    from scipy import stats

    df_resid = float(full.df_resid)
    lr = float(common.deviance - full.deviance)
    phi = float(full.pearson_chi2 / df_resid) if df_resid >= 1 else _NAN
    test_df = float(p - 1)
    if df_resid >= 1 and phi > 1:
        stat = lr / (p - 1) / phi
        pval = float(stats.f.sf(stat, p - 1, df_resid))
        method = f"{FitMethod.BINOMIAL}, F test (quasi-binomial, dispersion {phi:.3g})"
        cov_full = np.asarray(full.cov_params()) * phi
        q = _quantile(alpha, df_resid)
    else:
        stat = lr
        pval = float(stats.chi2.sf(stat, test_df))
        method = f"{FitMethod.BINOMIAL}, LR chi2 test"
        cov_full = np.asarray(full.cov_params())
        q = _quantile(alpha, None)
        if df_resid < 1:
            reasons.append("the full model is saturated (0 residual df): overdispersion "
                           "cannot be checked, the test assumes pure binomial sampling "
                           "and is likely anti-conservative")
    cov_c = np.asarray(common.cov_params())
    phic = float(common.pearson_chi2 / common.df_resid) if common.df_resid >= 1 else 1.0
    return stat, test_df, pval, method, cov_full, q, cov_c * max(phic, 1.0)


def _pooled_wald_test(full, common, p: int, n: int, alpha: float,
                      reasons: list[str]) -> tuple:
    """Robust (HC1) Wald F test of equal slopes, fractional logit.

    Returns ``(statistic, df, p_value, method, cov_full, q, cov_common)``.
    """
    from scipy import stats

    df_resid = float(full.df_resid)
    r = np.zeros((p - 1, 2 * p))
    for i in range(p - 1):
        r[i, p] = 1.0
        r[i, p + 1 + i] = -1.0
    beta = np.asarray(full.params)
    cov_full = np.asarray(full.cov_params()) * _hc1_factor(n, 2 * p)
    diff = r @ beta
    stat = float(diff @ np.linalg.pinv(r @ cov_full @ r.T) @ diff) / (p - 1)
    test_df = float(p - 1)
    pval = float(stats.f.sf(stat, test_df, df_resid))
    method = f"{FitMethod.FRACTIONAL}, Wald F test on ({p - 1:g}, {df_resid:g}) df"
    q = _quantile(alpha, df_resid)
    cov_c = np.asarray(common.cov_params()) * _hc1_factor(n, p + 1)
    reasons.append("robust (HC1) Wald test with few observations: p-value approximate")
    return stat, test_df, pval, method, cov_full, q, cov_c


# --------------------------------------------------------------------------- common slope
@dataclass(frozen=True)
class CommonSlopeFit:
    """A common-slope model for one indicator: unit intercepts, one slope.

    ``logit(p_ut / K) = a_u + b · (t − t0)``, fitted over every unit with a share of
    the indicator, *only* when :func:`pooled_slope_test` (on the units with two or more
    dates) does not reject a common slope at ``test_alpha``. A unit with a single
    observation then gets a curve with an interval: its intercept from its one point,
    its slope (and most of its uncertainty) from the other units. That curve holds only
    under the stated assumption, which every unit's ``warnings`` repeat.

    Attributes
    ----------
    indicator : str
    status : CommonSlopeStatus
        ``FITTED``, or why not (``REJECTED``, ``UNTESTABLE``, ``FAILED``).
    method : str
        A :class:`~dtanalysis.codes.FitMethod` value when fitted, else ``"none"``.
    test : PooledTest
        The pooled slope test the decision rests on.
    test_alpha, alpha : float
        Level of the test, and 1 − confidence level of the intervals.
    time_origin, ceiling : float
        ``t0`` and ``K`` (a share).
    slope, slope_ci : float, tuple
        The common slope per year on the logit(p/K) scale and its interval (NaN when
        not fitted).
    critical_value : float
    interval_basis : str
        ``"normal"``, ``"t, k df"`` or ``"none"``.
    df_resid, dispersion : float
        Residual df of the pooled model and its Pearson dispersion.
    n_obs : int
        Observations in the pooled model.
    units : tuple of tuple
        ``(series, province_id, province, unit_kind, n_obs, n_dates, intercept,
        ci_lower, ci_upper)`` per unit in the model.
    excluded : tuple of str
        ``"series: reason"`` for units that could not be estimated.
    reason : str
        Why the model was not fitted ("" when fitted).
    warnings : tuple of str
        The assumption and the caveats of the whole model.
    fits : dict
        ``{(series, indicator): AdoptionFit}``, one curve per unit (method
        ``common slope, ...``, status ``FitStatus.COMMON_SLOPE``), for
        :func:`curves_table` and :func:`adoption_table`; empty when not fitted.
    """

    indicator: str
    status: CommonSlopeStatus
    method: str
    test: PooledTest
    test_alpha: float
    alpha: float
    time_origin: float
    ceiling: float
    slope: float
    slope_ci: tuple
    critical_value: float
    interval_basis: str
    df_resid: float
    dispersion: float
    n_obs: int
    units: tuple
    excluded: tuple
    reason: str
    warnings: tuple
    fits: Mapping = field(default_factory=dict)

    @property
    def fitted(self) -> bool:
        """True when the common slope was fitted."""
        return self.status is CommonSlopeStatus.FITTED

    def coefficients(self) -> pd.DataFrame:
        """The slope and the unit intercepts with their intervals (logit(p/K) scale)."""
        rows = [{"term": "slope per year", "estimate": self.slope,
                 "ci_lower": self.slope_ci[0], "ci_upper": self.slope_ci[1]}]
        rows += [{"term": f"intercept {u[2] or u[0]} (logit at {self.time_origin:g})",
                  "estimate": u[6], "ci_lower": u[7], "ci_upper": u[8]} for u in self.units]
        return pd.DataFrame(rows).set_index("term")

    def summary_frame(self, times, units=None) -> pd.DataFrame:
        """Predicted shares with pointwise intervals, like statsmodels' ``summary_frame``.

        Parameters
        ----------
        times : iterable
            Dates or decimal years.
        units : iterable of str, optional
            Series ids (default: every unit of the model).

        Returns
        -------
        pandas.DataFrame
            ``series, province_id, province, indicator, time, mean, mean_se`` (standard
            error of the linear predictor, logit scale), ``mean_ci_lower,
            mean_ci_upper`` (shares), ``extrapolated, note``; empty when not fitted.
        """
        cols = ["series", "province_id", "province", "indicator", "time", "mean", "mean_se",
                "mean_ci_lower", "mean_ci_upper", "extrapolated", "note"]
        times = [times] if isinstance(times, (str, _dt.date)) or np.isscalar(times) else list(times)
        frames = []
        for (sid, _), fit in sorted(self.fits.items()):
            if units is not None and sid not in set(units):
                continue
            p = fit.predict(times, warn=False)  # the frame reports 'extrapolated' itself
            _, se = fit._linear(p["time"].to_numpy(float) - fit.time_origin)
            frames.append(pd.DataFrame({
                "series": sid, "province_id": fit.province_id, "province": fit.province,
                "indicator": fit.indicator, "time": p["time"], "mean": p["mean"],
                "mean_se": se, "mean_ci_lower": p["ci_lower"], "mean_ci_upper": p["ci_upper"],
                "extrapolated": p["extrapolated"], "note": p["note"]}))
        return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)

    def to_frame(self) -> pd.DataFrame:
        """One row per unit (in the model or excluded) with the model's columns."""
        base = {"indicator": self.indicator, "status": str(self.status), "method": self.method,
                "test_method": self.test.method, "test_p_value": self.test.p_value,
                "test_alpha": self.test_alpha, "slope_per_year": self.slope,
                "slope_ci_lower": self.slope_ci[0], "slope_ci_upper": self.slope_ci[1],
                "interval_basis": self.interval_basis, "df_resid": self.df_resid,
                "dispersion": self.dispersion, "reason": self.reason}
        rows = [{**base, "series": u[0], "province_id": u[1], "province": u[2],
                 "unit_kind": u[3], "n_obs": u[4], "n_dates": u[5], "intercept": u[6],
                 "intercept_ci_lower": u[7], "intercept_ci_upper": u[8], "excluded": ""}
                for u in self.units]
        rows += [{**base, "series": e.split(": ", 1)[0], "excluded": e} for e in self.excluded]
        return pd.DataFrame(rows if rows else [base])

    def __repr__(self) -> str:
        lines = [f"CommonSlopeFit({self.indicator}): {self.status}"]
        lines.append(f"test: {self.test!r}")
        if self.fitted:
            lines.append(f"method: {self.method}; n = {self.n_obs}, {len(self.units)} units; "
                         f"interval {self.interval_basis}, level {1 - self.alpha:.0%}")
            lines.append(self.coefficients().to_string(float_format=lambda v: f"{v:.4g}"))
        else:
            lines.append(f"reason: {self.reason}")
        lines += [f"not estimated: {e}" for e in self.excluded]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(f"<li>{html.escape(line)}</li>" for line in repr(self).splitlines()[1:])
        return (f"<div><p><strong>{html.escape(repr(self).splitlines()[0])}</strong></p>"
                f"<ul>{body}</ul></div>")


def _common_units(df: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Units whose intercept the pooled model can estimate, and the reasons of the others."""
    keep, excluded = [], []
    for sid, grp in df.groupby("series", sort=True):
        y = grp["share"].to_numpy(float)
        if np.all(y <= 0) or np.all(y >= 1):
            edge = "0%" if np.all(y <= 0) else "the ceiling"
            excluded.append(f"{sid or grp['province'].iloc[0]}: every share is {edge}, so its "
                            "intercept is infinite on the logit scale")
        else:
            keep.append(sid)
    return keep, excluded


def _common_model(df: pd.DataFrame, units: list[str], time_origin: float, counts: bool):
    """Fit the pooled model; ``(params, cov, basis_df, df_resid, dispersion, note)``.

    ``basis_df`` is the df of the t quantile, None for normal quantiles.

    Counts: binomial GLM, covariance widened by the Pearson dispersion when above 1.
    Shares: quasi-binomial (Pearson dispersion pooled over all units, model-based
    covariance), since a unit with one observation has no residual of its own for a
    robust error.
    """
    sm = _statsmodels_glm()
    from statsmodels.tools import sm_exceptions as sme

    x = df["time"].to_numpy(float) - time_origin
    X = np.column_stack([(df["series"] == u).to_numpy(float) for u in units] + [x])
    y = df["share"].to_numpy(float)
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        if counts:
            res = sm.GLM(y, X, family=sm.families.Binomial(),
                         var_weights=df["trials"].to_numpy(float)).fit()
        else:
            res = sm.GLM(y, X, family=sm.families.Binomial()).fit(scale="X2")
    if any(issubclass(w.category, getattr(sme, "PerfectSeparationWarning", ())) for w in caught):
        raise ValueError("statsmodels reported perfect separation in the pooled model")
    df_resid = float(res.df_resid)
    cov = np.asarray(res.cov_params(), dtype=float)
    phi = float(res.pearson_chi2 / df_resid)
    if not counts:
        note = (f"quasi-binomial errors with the Pearson dispersion {phi:.3g} pooled over all "
                f"units (a common dispersion is assumed too) and t quantiles on {df_resid:g} df")
        return res.params, cov, df_resid, df_resid, phi, note
    if phi > 1:
        note = (f"binomial GLM, Pearson dispersion {phi:.3g} > 1: covariance widened "
                f"(quasi-binomial), t quantiles on {df_resid:g} df")
        return res.params, cov * phi, df_resid, df_resid, phi, note
    note = (f"binomial GLM, Pearson dispersion {phi:.3g} ≤ 1: binomial scale kept; "
            "intervals reflect sampling of the counts only")
    return res.params, cov, None, df_resid, phi, note


def fit_common_slope(observations: pd.DataFrame, indicator: str, *, codebook=None,
                     alpha: float = 0.05, test_alpha: float = 0.05,
                     time_origin: float = 2020.0) -> CommonSlopeFit:
    """Fit the common-slope model for one indicator, if the pooled slope test allows it.

    Parameters
    ----------
    observations : pandas.DataFrame
        Model-input observations (other indicators are ignored), e.g. from
        :func:`observations_from_panel`.
    indicator : str
    codebook : pandas.DataFrame or mapping, optional
        For the ceiling (see :func:`fit_adoption_curves`).
    alpha : float, default 0.05
        1 − confidence level of the intervals.
    test_alpha : float, default 0.05
        Level of :func:`pooled_slope_test`: the model is fitted only when its p-value
        is at least ``test_alpha``.
    time_origin : float, default 2020.0

    Returns
    -------
    CommonSlopeFit
        Not fitted (status and ``reason`` say why) when the test cannot be run or
        rejects a common slope, or the pooled model fails.

    Raises
    ------
    ModelInputError
        No observation of the indicator, or invalid input (see :func:`fit_adoption`).

    Examples
    --------
    >>> obs = pd.DataFrame({
    ...     "province_id": ["30"] * 3 + ["96"] * 3 + ["91"],
    ...     "province": ["Hải Dương"] * 3 + ["Cà Mau"] * 3 + ["Kiên Giang"],
    ...     "indicator": "x", "date": ["2021-12-31", "2022-12-31", "2023-12-31"] * 2
    ...     + ["2023-12-31"], "share": [0.20, 0.31, 0.41, 0.10, 0.15, 0.25, 0.05]})
    >>> cs = fit_common_slope(obs, "x")
    >>> cs.status is CommonSlopeStatus.FITTED, sorted(cs.fits)[1]
    (True, ('91', 'x'))
    >>> kg = cs.fits[("91", "x")]
    >>> kg.status is FitStatus.COMMON_SLOPE, kg.has_interval, kg.n_obs
    (True, True, 1)
    >>> kg.warnings[0].startswith("common slope assumed: pooled slope test p = ")
    True
    """
    _check_alpha(alpha)
    _check_alpha(test_alpha)
    df = _prepare(observations)
    df = df[(df["indicator"] == _text(indicator)) & df["share"].notna()]
    if df.empty:
        raise ModelInputError(f"fit_common_slope: no observation with a share for {indicator!r}")
    k, notes = _usable_ceiling(df, _ceiling_share(_codebook_ceilings(codebook).get(indicator)))
    notes = _data_notes(df) + notes
    scaled = df.assign(share=df["share"] / k, trials=df["trials"] * k)
    test = _pooled_test_prepared(scaled, indicator, alpha=alpha, time_origin=time_origin)
    refuse = {"indicator": indicator, "test": test, "test_alpha": test_alpha, "alpha": alpha,
              "time_origin": float(time_origin), "ceiling": k, "warnings": tuple(notes)}
    if not test.testable:
        return _refused(CommonSlopeStatus.UNTESTABLE, refuse,
                        f"the pooled slope test cannot be run: {test.reason}")
    if test.p_value < test_alpha:
        slopes = ", ".join(f"{s[0]}: {s[1]:.3g}" for s in test.slopes)
        return _refused(CommonSlopeStatus.REJECTED, refuse,
                        f"the pooled slope test rejects a common slope: p = "
                        f"{test.p_value:.3g} < {test_alpha:g} ({test.method}); unit slopes "
                        f"{slopes}")
    units, excluded = _common_units(scaled)
    scaled = scaled[scaled["series"].isin(units)].sort_values(["series", "time", "share"],
                                                              kind="mergesort")
    counts = bool((scaled["successes"].notna() & scaled["trials"].notna()).all())
    if len(scaled) - len(units) - 1 < 1:
        return _refused(CommonSlopeStatus.FAILED, refuse, "the pooled model has no residual "
                        "degrees of freedom", excluded)
    try:
        model = _common_model(scaled, units, float(time_origin), counts)
    except _GLM_ERRORS as exc:
        return _refused(CommonSlopeStatus.FAILED, refuse, f"the pooled model failed: {exc}",
                        excluded)
    return _common_result(scaled, units, excluded, model, refuse, counts)


def _refused(status: CommonSlopeStatus, ctx: dict, reason: str, excluded=()) -> CommonSlopeFit:
    return CommonSlopeFit(status=status, method="none", **ctx, slope=_NAN,
                          slope_ci=(_NAN, _NAN), critical_value=_NAN, interval_basis="none",
                          df_resid=_NAN, dispersion=_NAN, n_obs=ctx["test"].n_obs, units=(),
                          excluded=tuple(excluded), reason=reason)


def _common_result(df: pd.DataFrame, units: list[str], excluded: list[str], model,
                   ctx: dict, counts: bool) -> CommonSlopeFit:
    """The :class:`CommonSlopeFit` and its per-unit :class:`AdoptionFit` curves."""
    params, cov, basis_df, df_resid, phi, var_note = model
    alpha, test = ctx["alpha"], ctx["test"]
    q = _quantile(alpha, basis_df)
    params = np.asarray(params, dtype=float)
    se = np.sqrt(np.maximum(np.diag(cov), 0.0))
    b, p = float(params[-1]), len(units)
    method = FitMethod.COMMON_BINOMIAL if counts else FitMethod.COMMON_FRACTIONAL
    basis = "normal" if basis_df is None else f"t, {basis_df:g} df"
    assumption = (f"{Assumption.COMMON_SLOPE}: pooled slope test p = {test.p_value:.3g} "
                  f"≥ {ctx['test_alpha']:g} ({test.method}; units with two or more dates: "
                  f"{', '.join(test.provinces)}); one slope for the {p} units of the model, "
                  "each with its own intercept; not rejecting is not proof of equal slopes")
    fits, rows = {}, []
    for i, sid in enumerate(units):
        g = df[df["series"] == sid]
        notes = [assumption]
        if g["time"].nunique() < 2:
            notes.append(f"{'one observation' if len(g) == 1 else 'one date'}: the slope and "
                         "most of the interval of this unit's curve come from the other "
                         "units, so the curve holds only under the common-slope assumption")
        notes.append(var_note)
        extra = list(ctx["warnings"])
        assumed = (Assumption.COMMON_SLOPE,) + _assumption_notes(g, extra)
        v = ((float(cov[i, i]), float(cov[i, -1])), (float(cov[-1, i]), float(cov[-1, -1])))
        a = float(params[i])
        base = {"province_id": g["province_id"].iloc[0], "province": g["province"].iloc[0],
                "unit_kind": g["unit_kind"].iloc[0], "indicator": ctx["indicator"],
                "n_obs": len(g), "n_dates": int(g["time"].nunique()),
                "dates": tuple(g["date_iso"]), "times": tuple(g["time"]),
                "shares": tuple(g["share"] * ctx["ceiling"]),
                "successes": tuple(g["successes"]), "trials": tuple(g["trials"] / ctx["ceiling"]),
                "time_origin": ctx["time_origin"], "ceiling": ctx["ceiling"], "alpha": alpha}
        fits[(sid, ctx["indicator"])] = AdoptionFit(
            method=method, status=FitStatus.COMMON_SLOPE, **base, intercept=a,
            intercept_ci=(a - q * se[i], a + q * se[i]), slope_per_year=b,
            slope_ci=(b - q * se[-1], b + q * se[-1]), cov=v, critical_value=q,
            interval_basis=basis, df_resid=df_resid, dispersion=phi,
            warnings=tuple(notes + extra), assumptions=assumed)
        rows.append((sid, base["province_id"], base["province"], base["unit_kind"],
                     base["n_obs"], base["n_dates"], a, a - q * se[i], a + q * se[i]))
    return CommonSlopeFit(status=CommonSlopeStatus.FITTED, method=str(method), **ctx,
                          slope=b, slope_ci=(b - q * se[-1], b + q * se[-1]),
                          critical_value=q, interval_basis=basis, df_resid=df_resid,
                          dispersion=phi, n_obs=len(df), units=tuple(rows),
                          excluded=tuple(excluded), reason="", fits=fits)


def fit_common_slopes(observations: pd.DataFrame, codebook=None, *, alpha: float = 0.05,
                      test_alpha: float = 0.05,
                      time_origin: float = 2020.0) -> dict[str, CommonSlopeFit]:
    """:func:`fit_common_slope` for every indicator observed in two or more units.

    Returns
    -------
    dict
        ``{indicator: CommonSlopeFit}`` in sorted order, refusals included (their
        ``reason`` says why); the curves of the fitted ones are
        ``common_slope_fits(result)``.
    """
    df = _prepare(observations)
    df = df[df["share"].notna()]
    counts = df.groupby("indicator")["series"].nunique()
    return {ind: fit_common_slope(observations, ind, codebook=codebook, alpha=alpha,
                                  test_alpha=test_alpha, time_origin=time_origin)
            for ind in sorted(counts[counts >= 2].index)}


def common_slope_fits(results) -> list[AdoptionFit]:
    """The per-unit curves of fitted common-slope models, for :func:`curves_table`.

    Parameters
    ----------
    results : CommonSlopeFit, mapping or iterable of them

    Returns
    -------
    list of AdoptionFit
        Sorted like :func:`adoption_table`; refusals contribute nothing.
    """
    if isinstance(results, CommonSlopeFit):
        results = [results]
    elif isinstance(results, Mapping):
        results = list(results.values())
    return _as_fits([f for r in results for f in r.fits.values()])
