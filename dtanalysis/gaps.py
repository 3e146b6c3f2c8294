"""Gaps between provincial series and their targets, with the published measure named.

No single official gap measure fits series of one to five points, so each series ×
target gets a small panel of published measures, one row each, every row naming its
method. Values in percent are percentage points of the share (1.03 = 1.03 %).

Notation: ``I_0`` base value (the series' first observation, at ``t_0``), ``I_t``
latest value (at ``t``), ``TV`` target value, ``T`` deadline, ``d`` = +1 when higher
is better and −1 when lower is better. The direction is always explicit: it comes
from the codebook's ``higher_is_better`` (or from the target's comparator when the
indicator is not in the codebook, which the ``direction_source`` column says); the
Open SDG code's default of −1 is never relied on.

Measures (``measure`` column) and their sources [verification status as in
``methods.md``]
-----------------------------------------------------------------------------------
``absolute_gap_pp``
    ``d · (TV − I_t)`` in percentage points at the latest observation (positive: still
    short of the target). Classification ``target met`` / ``target not met`` with the
    comparator (``>`` is strict, ``>=`` is not). Distance to a fixed end-point, the
    idea of OECD (2019) *Measuring Distance to the SDG Targets* without its
    z-score normalisation (meaningless across three provinces) [V].
``progress_share_since_base``
    ESCAP Current Status Index style: ``d · (I_t − I_0) / |TV − I_0|``, the share of the
    required progress achieved since the base observation, compared with the
    expected share to date ``E = (t − t_0) / (T − t_0)`` (UNECA chart semantics:
    "if a bar reaches or crosses the line, the country has made the expected
    progress to date") [V structure; notation ours]. The base is the series' first
    observation, not 2015.
``required_cagr``
    ``(TV / I_t)^(1 / (T − t)) − 1``: the compound annual growth still required from
    the latest observation to the deadline (Open SDG ``growth_calculation``) [V].
``observed_cagr``
    ``(I_t / I_0)^(1 / (t − t_0)) − 1`` (Open SDG / Statistics Canada) [V].
``cagr_ratio``
    Statistics Canada / Open SDG methodology 2 (inspired by Eurostat):
    ``R = d · CAGR_observed / |CAGR_required from base|`` where the required CAGR runs
    from the base observation to the deadline. Thresholds: target met overrides;
    R ≥ 0.95 on track; 0.60 ≤ R < 0.95 acceleration needed; 0 ≤ R < 0.60 limited
    progress; R < 0 moving away [V in ``sdg-build`` ProgressMeasure.py; the same cut-offs
    in Eurostat's annex are R]. Zero values are replaced by 0.001 as in that code
    (noted in the row). R > 1 can still miss the target when growth decelerates.
``unsd_progress_ratio``
    UNSD SDG Progress Chart 2023 technical note as implemented by EUSTAT [V]:
    ``v_T = I_t (1 + CAGR_observed)^(T − t)``, ratio ``(v_T − I_0) / (TV − I_0)``;
    ≥ 0.95 on track, 0.10–0.95 acceleration needed, < 0.10 stagnation or regression;
    latest value meeting the target, or within 1 point of a 0 % / 100 % target, counts
    as achieved. (UNSD's own five-level cut-offs are unverified [R] and not used.)
``required_logit_slope``
    ``(logit(TV/K) − logit(I_t/K)) / (T − t)`` per year: the slope on the adoption
    curve's scale needed from the latest observation (methods.md §1.7) [V-run
    arithmetic]. CAGR breaks down near a 100 % ceiling, the logit slope does not.
``observed_logit_slope``
    The fitted slope from :mod:`dtanalysis.adoption` with its interval, classified
    against the required slope (whether the interval excludes it).
``projected_value_at_deadline``
    The fitted curve at the deadline (percent) with its pointwise interval,
    conditional on the logistic form.
``escap_anticipated_gap``
    ESCAP Anticipated Progress Index style: ``(TV − Î_T) / (TV − I_0)`` with Î_T the
    projection above (ESCAP uses a time-weighted linear regression instead, whose
    weights are unverified [R]; this is a logistic projection). Categories implied by
    ESCAP's wording [R: cut-offs unverified]: ≤ 0 maintain progress, 0–1 accelerate
    progress, > 1 reverse trend.
``year_target_reached``
    Decimal year at which the fitted curve reaches the target at the observed pace,
    with Fieller's interval (see :meth:`AdoptionFit.year_reaching`).

Targets at 100 % (or 0 % when lower is better) are bounds a logistic curve never
reaches, so the logit-scale measures (required slope, projection verdict, anticipated
gap verdict, year reached) aim at the point 1 percentage point inside the bound, the
UNSD Progress Chart's "within 1 point" rule, and say so in ``note``. A target above a
codebook ceiling below 100 % is unreachable on the curve and reported as such.

A measure that cannot be computed gives a row with ``value`` empty, classification
``insufficient data`` (or ``not applicable``) and the reason in ``note``: e.g. one
observation gives no observed CAGR, no fitted slope and no projection.

Rank targets
------------
A target on a rank ("thuộc nhóm 20": unit ``rank``, comparator ``<=``) is measured by
:func:`compute_rank_gaps` on the ranks table of :mod:`dtanalysis.ranks`, with the
measures of :class:`~dtanalysis.codes.RankMeasure`: places still to climb (latest rank
− target), the same in rank percentiles, years left, the pace required, and the pace
observed over the comparable rankings ending at the latest one (same ranked set, no
method break; two or more needed). The size of the ranked set is stated in every row,
with the change of the set (63 provinces, 34 merged units from 2025) for deadlines
from 2024. :func:`sort_gaps` puts share and rank rows together in gaps.csv order.

Structure
---------
Each series × target is prepared once into a :class:`GapSeries` (observations
validated, base and latest values, target, direction, deadline in decimal years, the
curve, the observed CAGR); ``MEASURE_FUNCTIONS`` maps each measure, in ``MEASURES``
order, to one small function of the prepared series that returns its row. Measures
and classifications are the codes :class:`~dtanalysis.codes.Measure` and
:class:`~dtanalysis.codes.Progress`, whose values are the text of gaps.csv. A new
measure is a new member of ``Measure``, a function and one registry entry.

Worked check (a test): Kiên Giang, 1.03 % of adults using online public services
observed on 2023-12-31 against > 50 % by 2025-12-31 (decimal years 2023 + 364/365 and
2025 + 364/365, two years apart; see :func:`dtanalysis.adoption.decimal_year`):
gap 48.97 points, required CAGR (50/1.03)^(1/2) − 1 = 5.97 (597 % per year),
required logit slope (logit 0.5 − logit 0.0103)/2 = 2.28 per year.
"""
from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import numpy as np
import pandas as pd

from .adoption import (
    AdoptionFit,
    ModelInputError,
    _ceiling_share,
    _check_alpha,
    _fit_curves_prepared,
    _fit_prepared,
    _iso,
    _prepare,
    _text,
    decimal_year,
    logit,
)
from .codes import Measure, Progress, RankMeasure
from .tables import columns

__all__ = [
    "GAP_COLUMNS",
    "MEASURES",
    "MEASURE_FUNCTIONS",
    "RANK_MEASURES",
    "GapMeasure",
    "GapResult",
    "GapSeries",
    "compute_gaps",
    "compute_rank_gaps",
    "gap_to_target",
    "sort_gaps",
    "target_applies",
]

#: Columns of gaps.csv, in order.
#: Columns of gaps.csv (declared in :mod:`dtanalysis.tables.processed`).
GAP_COLUMNS = columns("gaps")

M_ABS = ("absolute gap at the latest observation, d·(target − latest), percentage points "
         "(distance to a fixed end-point, OECD 2019 idea, no normalisation)")
M_CSI = ("ESCAP Current Status Index style: d·(I_t − I_0)/|TV − I_0|, share of required "
         "progress achieved since the base observation vs expected share to date "
         "(ESCAP progress assessment methodology)")
M_REQ_CAGR = ("required CAGR from the latest observation to the deadline, "
              "(TV/I_t)^(1/(T − t)) − 1 (Open SDG growth_calculation)")
M_OBS_CAGR = ("observed CAGR between base and latest observation, (I_t/I_0)^(1/(t − t_0)) − 1 "
              "(Open SDG / Statistics Canada)")
M_RATIO = ("Statistics Canada / Open SDG CAGR ratio (Eurostat-inspired): d·CAGR_observed / "
           "|CAGR_required from base to deadline|")
M_UNSD = ("UNSD SDG Progress Chart 2023 ratio (EUSTAT implementation): (I_t(1 + CAGR)^(T − t) "
          "− I_0)/(TV − I_0)")
M_REQ_LOGIT = ("required logit slope from the latest observation, "
               "(logit(TV/K) − logit(I_t/K))/(T − t)")
M_OBS_LOGIT = "observed logit slope of the fitted adoption curve ({fit}) vs the required slope"
M_PROJ = ("fitted adoption curve ({fit}) at the deadline, pointwise interval "
          "(logistic form assumed)")
M_ESCAP = ("ESCAP Anticipated Progress Index style: (TV − Î_T)/(TV − I_0), Î_T from the fitted "
           "logistic curve ({fit}) instead of ESCAP's time-weighted regression")
M_YEAR = "year the fitted curve ({fit}) reaches the target at the observed pace, Fieller interval"

T_RATIO = ("target met overrides; R ≥ 0.95 on track; 0.60 ≤ R < 0.95 acceleration needed; "
           "0 ≤ R < 0.60 limited progress; R < 0 moving away (Open SDG defaults [V])")
T_UNSD = ("target met (or within 1 point of a 0%/100% target) overrides; ≥ 0.95 on track; "
          "0.10–0.95 acceleration needed; < 0.10 stagnation or regression "
          "(UNSD 2023 via EUSTAT [V])")
T_CSI = "progress share ≥ expected share to date: on expected path; < 0: regressed since base"
T_ESCAP = ("≤ 0 maintain progress; 0–1 accelerate progress; > 1 reverse trend "
           "(implied by ESCAP category wording; cut-offs unverified [R])")


@dataclass(frozen=True)
class GapMeasure:
    """One gap measure for one series × target (one row of gaps.csv).

    Attributes
    ----------
    measure : Measure
        One of ``MEASURES`` (a :class:`~dtanalysis.codes.Measure`, a str).
    method : str
        The published method and formula used.
    value, ci_lower, ci_upper : float
        NaN when not computable (``classification`` and ``note`` say why) or when no
        interval exists.
    value_unit : str
    classification : Progress
        A :class:`~dtanalysis.codes.Progress` code (a str; ``Progress.NONE`` is "").
    thresholds : str
        Thresholds used for the classification ("" when none).
    note : str
    """

    measure: Measure
    method: str
    value: float
    ci_lower: float
    ci_upper: float
    value_unit: str
    classification: Progress
    thresholds: str
    note: str


@dataclass(frozen=True)
class GapResult:
    """All gap measures for one province × indicator × target.

    Attributes
    ----------
    context : tuple of (column, value)
        The identifying columns of gaps.csv (province, target, base and latest values).
    measures : tuple of GapMeasure
    """

    context: tuple
    measures: tuple

    def to_frame(self) -> pd.DataFrame:
        """Rows of gaps.csv for this series × target (columns ``GAP_COLUMNS``)."""
        ctx = dict(self.context)
        rows = [{k: _plain(v) for k, v in {**ctx, **m.__dict__}.items()}
                for m in self.measures]
        return pd.DataFrame(rows, columns=GAP_COLUMNS)

    def __getitem__(self, measure: str) -> GapMeasure:
        for m in self.measures:
            if m.measure == measure:
                return m
        raise KeyError(measure)

    def __repr__(self) -> str:
        ctx = dict(self.context)
        head = (f"GapResult: {ctx['province']} · {ctx['indicator']} vs {ctx['target_id']} "
                f"({ctx['comparator']} {ctx['target_value']:g}% by {ctx['deadline']})")
        cols = ["measure", "value", "ci_lower", "ci_upper", "classification"]
        return head + "\n" + self.to_frame()[cols].to_string(
            index=False, float_format=lambda v: f"{v:.4g}")

    def _repr_html_(self) -> str:
        ctx = dict(self.context)
        head = html.escape(f"{ctx['province']} · {ctx['indicator']} vs {ctx['target_id']} "
                           f"({ctx['comparator']} {ctx['target_value']:g}% by "
                           f"{ctx['deadline']}), direction: {ctx['direction']}")
        cols = ["measure", "value", "ci_lower", "ci_upper", "value_unit", "classification",
                "method", "note"]
        return (f"<div><p><strong>{head}</strong></p>"
                + self.to_frame()[cols].to_html(index=False, na_rep="—",
                                                float_format=lambda v: f"{v:.4g}")
                + "</div>")


def _plain(value):
    """A code's text (the value written to the table); other values unchanged."""
    return value.value if isinstance(value, Enum) else value


# --------------------------------------------------------------------------- helpers
_NAN = float("nan")


def _row(measure: Measure, method: str, value=None, lo=None, hi=None,
         classification: Progress = Progress.NONE, thresholds="", note="") -> GapMeasure:
    def f(v):
        return _NAN if v is None else float(v)

    return GapMeasure(measure, method, f(value), f(lo), f(hi), measure.unit,
                      classification, thresholds, note)


def _missing(measure: Measure, method: str, reason: str, thresholds: str = "",
             classification: Progress = Progress.INSUFFICIENT) -> GapMeasure:
    return _row(measure, method, classification=classification, thresholds=thresholds,
                note=reason)


def _met(value: float, target: float, comparator: str) -> bool:
    return {">=": value >= target, ">": value > target, "<=": value <= target,
            "<": value < target}[comparator]


def _norm_id(v) -> str:
    s = _text(v)
    if s.endswith(".0") and s[:-2].isdigit():
        s = s[:-2]
    return s.zfill(2) if s.isdigit() and len(s) < 2 else s


def target_applies(target: Mapping, province_id, indicator: str) -> bool:
    """Whether a target applies to a province's indicator.

    Parameters
    ----------
    target : mapping
        A target row (``indicator`` or ``indicator_id``, ``scope``).
    province_id : str
    indicator : str

    Returns
    -------
    bool
        True when the indicators match and the scope is ``"national"`` or the
        province_id (two-digit GSO codes compared as text, "1" = "01").
    """
    ind = _text(target.get("indicator", target.get("indicator_id", "")))
    scope = _text(target.get("scope", "")).lower()
    return ind == _text(indicator) and (scope == "national"
                                        or _norm_id(scope) == _norm_id(province_id))


def _parse_bool(v) -> bool | None:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    s = _text(v).lower()
    if s in ("true", "1", "yes", "t"):
        return True
    if s in ("false", "0", "no", "f"):
        return False
    return None


def _load_codebook() -> pd.DataFrame | None:
    """The package codebook (dtanalysis/data/indicators.csv), or None when absent."""
    from importlib import resources

    try:
        path = resources.files("dtanalysis").joinpath("data/indicators.csv")
        if not path.is_file():
            return None
        with path.open("r", encoding="utf-8") as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None


def _codebook_lookup(codebook) -> dict[str, dict]:
    if codebook is None:
        return {}
    if isinstance(codebook, Mapping):
        return {k: dict(v) if isinstance(v, Mapping) else {"higher_is_better": v}
                for k, v in codebook.items()}
    if not isinstance(codebook, pd.DataFrame):
        raise ModelInputError("codebook: expected a DataFrame (indicators.csv) or a mapping")
    key = "indicator_id" if "indicator_id" in codebook.columns else "indicator"
    if key not in codebook.columns:
        raise ModelInputError("codebook: no indicator_id column")
    return {_text(r[key]): dict(r) for _, r in codebook.iterrows()}



# --------------------------------------------------------------------------- one series
def _zero_safe(value: float, label: str, notes: list[str]) -> float:
    """Open SDG's replacement of a zero by 0.001 in growth rates, noted in ``notes``."""
    if value == 0:
        notes.append(f"{label} of 0 replaced by 0.001 (Open SDG convention)")
        return 0.001
    return value


@dataclass(frozen=True)
class GapSeries:
    """One province × indicator series prepared against one target.

    Everything the measures share is computed here once: the base and latest
    observations, the target read and checked, the direction, the deadline in
    decimal years, the curve, the observed CAGR and the logit-scale target. Each
    measure function of ``MEASURE_FUNCTIONS`` takes one and returns its row.

    Attributes
    ----------
    province_id, province, indicator : str
    target_id, scope, comparator, unit, deadline : str
        The target (``deadline`` as given, ISO).
    target_value : float
        ``TV`` in percent.
    deadline_time : float
        ``T``, the deadline in decimal years.
    direction : float
        ``d``: +1 when higher is better, −1 when lower is better.
    direction_source : str
    base_time, latest_time : float
        ``t_0`` and ``t`` in decimal years.
    base_value, latest_value : float
        ``I_0`` and ``I_t`` in percent (the mean of shares observed on that date).
    base_date, latest_date : str
        ISO dates.
    n_obs : int
    fit : AdoptionFit
    ceiling : float
        ``k``, the curve's ceiling as a share.
    general_notes : tuple of str
        Caveats appended to every row's note.
    source_document, target_status : str
    met : bool
        The latest value meets the target (with the comparator's strictness).
    at_bound : bool
        The target is a 0 % / 100 % bound the logistic curve never reaches.
    logit_target : float
        The target the logit measures aim at (1 point inside a bound, else ``TV``).
    bound_note : str
    required_slope : float
        The required logit slope (NaN when not computable).
    """

    province_id: str
    province: str
    indicator: str
    target_id: str
    scope: str
    comparator: str
    target_value: float
    unit: str
    deadline: str
    deadline_time: float
    direction: float
    direction_source: str
    base_time: float
    latest_time: float
    base_value: float
    latest_value: float
    base_date: str
    latest_date: str
    n_obs: int
    fit: AdoptionFit
    ceiling: float
    general_notes: tuple
    source_document: str
    target_status: str
    met: bool
    at_bound: bool
    logit_target: float
    bound_note: str
    required_slope: float

    @cached_property
    def observed_growth(self) -> tuple[float, tuple]:
        """``(CAGR, notes)``: ``(I_t/I_0)^(1/(t − t_0)) − 1`` between base and latest
        observation (zeros replaced by 0.001, the replacements in ``notes``), computed
        once for the measures that use it; NaN with one date."""
        return _observed_cagr(self.base_value, self.latest_value, self.base_time,
                              self.latest_time)

    @cached_property
    def projection(self) -> tuple[float, float, float, str, bool]:
        """The curve at the deadline in percent: ``(value, lower, upper, note, meets)``.

        ``meets`` also counts a projection at the 1-point-inside mark of a 0 % / 100 %
        target. Only for a fit with a curve.
        """
        pred = self.fit.predict([self.deadline], warn=False).iloc[0]  # noted in the row
        pv, plo, phi = 100 * pred["mean"], 100 * pred["ci_lower"], 100 * pred["ci_upper"]
        meets = _met(pv, self.target_value, self.comparator) or (
            self.at_bound and self.direction * (pv - self.logit_target) >= 0)
        return pv, plo, phi, pred["note"] or "", meets

    @property
    def horizon(self) -> float:
        """``T − t``: years from the latest observation to the deadline."""
        return self.deadline_time - self.latest_time

    @property
    def two_dates(self) -> bool:
        """Whether the series has a base and a later latest observation."""
        return self.latest_time > self.base_time

    @property
    def ceiling_pct(self) -> float:
        """``K``, the ceiling in percent."""
        return 100 * self.ceiling

    @property
    def is_percent(self) -> bool:
        """Whether the target is a percent (the only unit the measures handle)."""
        return self.unit.lower() in ("percent", "%", "pct")

    def note(self, *parts: str) -> str:
        """The row note: the non-empty ``parts`` and the general notes, joined."""
        return "; ".join(p for p in (*parts, *self.general_notes) if p)

    def context(self) -> tuple:
        """The identifying (column, value) pairs of gaps.csv for this series × target."""
        return (("province_id", self.province_id), ("province", self.province),
                ("indicator", self.indicator), ("target_id", self.target_id),
                ("scope", self.scope), ("comparator", self.comparator),
                ("target_value", self.target_value), ("target_unit", self.unit),
                ("deadline", _iso(self.deadline)),
                ("direction", "higher is better" if self.direction > 0 else "lower is better"),
                ("direction_source", self.direction_source), ("base_date", self.base_date),
                ("base_value", self.base_value), ("latest_date", self.latest_date),
                ("latest_value", self.latest_value), ("n_obs", self.n_obs),
                ("fit_method", self.fit.method if self.fit is not None else ""),
                ("source_document", self.source_document),
                ("target_status", self.target_status))


def _read_target(target: Mapping, higher_is_better: bool) -> dict:
    """The target's id, value, comparator, deadline and unit, checked."""
    tid = _text(target.get("target_id", "")) or "(no id)"
    try:
        tv = float(target.get("value"))
    except (TypeError, ValueError):
        tv = _NAN
    if not math.isfinite(tv):
        raise ModelInputError(f"targets: target {tid} has no numeric value")
    comparator = _text(target.get("comparator", "")) or (">=" if higher_is_better else "<=")
    if comparator not in (">=", ">", "<=", "<"):
        raise ModelInputError(f"targets: target {tid} has comparator {comparator!r} "
                              "(expected >=, >, <= or <)")
    deadline = _text(target.get("deadline", ""))
    if not deadline:
        raise ModelInputError(f"targets: target {tid} has no deadline")
    return {"target_id": tid, "target_value": tv, "comparator": comparator,
            "deadline": deadline, "deadline_time": decimal_year(deadline),
            "unit": _text(target.get("unit", "")) or "percent",
            "scope": _text(target.get("scope", "")),
            "source_document": _text(target.get("source_document", "")),
            "target_status": _text(target.get("status", ""))}


def _observed_cagr(i0: float, it: float, t0: float, t: float) -> tuple[float, tuple]:
    """Observed CAGR between base and latest observation, with its zero notes."""
    if not t > t0:
        return _NAN, ()
    notes: list[str] = []
    cagr = (_zero_safe(it, "latest value", notes)
            / _zero_safe(i0, "base value", notes)) ** (1 / (t - t0)) - 1
    return cagr, tuple(notes)


def _logit_target(tv: float, d: float, k: float) -> tuple[bool, float, str]:
    """``(at_bound, target, note)`` for the logit-scale measures.

    A logistic curve never reaches 0% or 100%: for a target at that bound the logit
    measures use the point 1 percentage point inside it (UNSD Progress Chart rule).
    """
    at_bound = (d > 0 and tv >= 100 and 100 * k >= 100) or (d < 0 and tv <= 0)
    tv_l = (99.0 if d > 0 else 1.0) if at_bound else tv
    note = (f"target {tv:g}% is a bound the logistic curve never reaches: logit "
            f"measures use {tv_l:g}% (within 1 point, the UNSD Progress Chart rule)"
            if at_bound else "")
    return at_bound, tv_l, note


def _required_slope(tv_l: float, it: float, k: float, horizon: float) -> float:
    """``(logit(TV/K) − logit(I_t/K))/(T − t)``, NaN when it is not finite."""
    big_k = 100 * k
    if horizon <= 0 or not 0 < tv_l < big_k or not 0 < it < big_k:
        return _NAN
    return (logit(tv_l / big_k) - logit(it / big_k)) / horizon


def _prepare_series(df: pd.DataFrame, target: Mapping, *, higher_is_better: bool,
                    fit: AdoptionFit | None, ceiling, alpha: float,
                    direction_source: str) -> GapSeries:
    """The :class:`GapSeries` of validated observations (``_prepare``) and a target."""
    df = df[df["share"].notna()].sort_values(["time", "share"], kind="mergesort")
    if df.empty:
        raise ModelInputError("gap_to_target: the series has no observation with a share")
    if df["province_id"].nunique() > 1 or df["series"].nunique() > 1 \
            or df["indicator"].nunique() > 1:
        raise ModelInputError("gap_to_target: the series must be one province × indicator")
    tgt = _read_target(target, higher_is_better)
    k = _ceiling_share(ceiling)
    if fit is None:
        _check_alpha(alpha)
        fit = _fit_prepared(df, ceiling=ceiling, alpha=alpha, time_origin=2020.0)
    k = fit.ceiling if fit is not None else k
    d = 1.0 if higher_is_better else -1.0
    # base = first date, latest = last date (mean of shares on a shared date)
    t0, t = float(df["time"].iloc[0]), float(df["time"].iloc[-1])
    i0 = 100 * float(df.loc[df["time"] == t0, "share"].mean())
    it = 100 * float(df.loc[df["time"] == t, "share"].mean())
    shared = [x for x, tt in (("base", t0), ("latest", t)) if (df["time"] == tt).sum() > 1]
    general = []
    if shared:
        general.append(f"several observations on the {' and '.join(shared)} date: their mean "
                       "is used")
    if df["approximate"].any():
        general.append("approximate observations ('over', 'nearly', ...) treated as exact")
    tv = tgt["target_value"]
    at_bound, tv_l, bound_note = _logit_target(tv, d, k)
    return GapSeries(
        **tgt, province_id=df["province_id"].iloc[0], province=df["province"].iloc[0],
        indicator=df["indicator"].iloc[0], direction=d, direction_source=direction_source,
        base_time=t0, latest_time=t, base_value=i0, latest_value=it,
        base_date=df["date_iso"].iloc[0], latest_date=df["date_iso"].iloc[-1],
        n_obs=len(df), fit=fit, ceiling=k, general_notes=tuple(general),
        met=_met(it, tv, tgt["comparator"]), at_bound=at_bound, logit_target=tv_l,
        bound_note=bound_note,
        required_slope=_required_slope(tv_l, it, k, tgt["deadline_time"] - t))


# --------------------------------------------------------------------------- the measures
def absolute_gap(s: GapSeries) -> GapMeasure:
    """``d · (TV − I_t)`` in percentage points; target met or not met."""
    return _row(Measure.ABSOLUTE_GAP, M_ABS, s.direction * (s.target_value - s.latest_value),
                classification=Progress.MET if s.met else Progress.NOT_MET, note=s.note(
                    f"latest value {s.latest_value:.4g}% on {s.latest_date} vs "
                    f"{s.comparator} {s.target_value:g}%"))


def progress_share_since_base(s: GapSeries) -> GapMeasure:
    """ESCAP CSI style share of the required progress achieved since the base."""
    m, tv, i0 = Measure.PROGRESS_SHARE, s.target_value, s.base_value
    if not s.two_dates:
        return _missing(m, M_CSI, s.note(
            "one observation date: no progress since a base can be measured"), T_CSI)
    if tv == i0:
        return _missing(m, M_CSI, s.note(
            "target equals the base value: required progress is zero"), T_CSI)
    csi = s.direction * (s.latest_value - i0) / abs(tv - i0)
    if s.deadline_time > s.base_time:
        e = (s.latest_time - s.base_time) / (s.deadline_time - s.base_time)
        cls = (Progress.MET if s.met else Progress.REGRESSED if csi < 0 else
               Progress.ON_PATH if csi >= e else Progress.BEHIND_PATH)
        nt = f"expected share of progress to date {e:.4g} (base {s.base_date} to deadline)"
    else:
        cls = Progress.MET if s.met else Progress.DEADLINE_BEFORE_BASE
        nt = "deadline on or before the base observation: no expected path"
    return _row(m, M_CSI, csi, classification=cls, thresholds=T_CSI, note=s.note(
        nt, "base = first observation of the series, not a fixed base year"))


def required_cagr(s: GapSeries) -> GapMeasure:
    """``(TV/I_t)^(1/(T − t)) − 1`` from the latest observation."""
    deadline = _iso(s.deadline)
    if s.horizon <= 0:
        return _missing(Measure.REQUIRED_CAGR, M_REQ_CAGR, s.note(
            f"deadline {deadline} is on or before the latest observation; target "
            f"{'met' if s.met else 'not met'} at the latest observation"),
            classification=Progress.NOT_APPLICABLE)
    zero: list[str] = []
    rc = (_zero_safe(s.target_value, "target", zero)
          / _zero_safe(s.latest_value, "latest value", zero)) ** (1 / s.horizon) - 1
    return _row(Measure.REQUIRED_CAGR, M_REQ_CAGR, rc,
                classification=Progress.MET if s.met else Progress.NONE,
                note=s.note(f"{s.horizon:.4g} years from {s.latest_date} to {deadline}", *zero))


_ONE_DATE = "one observation date: no observed growth"


def _short_span(s: GapSeries) -> str:
    return ("base and latest observation less than a year apart: annualised growth "
            "is unstable" if s.latest_time - s.base_time < 1 else "")


def observed_cagr(s: GapSeries) -> GapMeasure:
    """``(I_t/I_0)^(1/(t − t_0)) − 1`` between base and latest observation."""
    if not s.two_dates:
        return _missing(Measure.OBSERVED_CAGR, M_OBS_CAGR, s.note(_ONE_DATE))
    span = s.latest_time - s.base_time
    cagr, zero = s.observed_growth
    return _row(Measure.OBSERVED_CAGR, M_OBS_CAGR, cagr, note=s.note(
        f"{span:.4g} years from {s.base_date} to {s.latest_date}", _short_span(s), *zero))


def cagr_ratio(s: GapSeries) -> GapMeasure:
    """Open SDG / Statistics Canada ``d · CAGR_observed / |CAGR_required from base|``."""
    m = Measure.CAGR_RATIO
    if not s.two_dates:
        return _missing(m, M_RATIO, s.note(_ONE_DATE), T_RATIO)
    span = s.deadline_time - s.base_time
    if span <= 0:
        return _missing(m, M_RATIO, s.note("deadline on or before the base observation"),
                        T_RATIO, Progress.NOT_APPLICABLE)
    zero: list[str] = []
    rb = (_zero_safe(s.target_value, "target", zero)
          / _zero_safe(s.base_value, "base value", zero)) ** (1 / span) - 1
    if rb == 0:
        return _missing(m, M_RATIO, s.note(
            "target equals the base value: required CAGR is zero"), T_RATIO)
    oc, oc_zero = s.observed_growth
    r = s.direction * oc / abs(rb)
    cls = (Progress.MET if s.met else Progress.ON_TRACK if r >= 0.95 else
           Progress.ACCELERATION_NEEDED if r >= 0.60 else
           Progress.LIMITED_PROGRESS if r >= 0 else Progress.MOVING_AWAY)
    return _row(m, M_RATIO, r, classification=cls, thresholds=T_RATIO, note=s.note(
        f"required CAGR from base {rb:.4g} per year over {span:.4g} years; observed "
        f"{oc:.4g}; a ratio above 1 can still miss if growth decelerates", _short_span(s),
        *zero, *oc_zero))


def unsd_progress_ratio(s: GapSeries) -> GapMeasure:
    """UNSD Progress Chart ratio ``(I_t(1 + CAGR)^(T − t) − I_0)/(TV − I_0)``."""
    m, tv, i0, it = Measure.UNSD_RATIO, s.target_value, s.base_value, s.latest_value
    if not s.two_dates:
        return _missing(m, M_UNSD, s.note(_ONE_DATE), T_UNSD)
    if s.horizon <= 0:
        return _missing(m, M_UNSD, s.note("deadline on or before the latest observation"),
                        T_UNSD, Progress.NOT_APPLICABLE)
    if tv == i0:
        return _missing(m, M_UNSD, s.note("target equals the base value"), T_UNSD)
    cagr, zero = s.observed_growth
    v_t = it * (1 + cagr) ** s.horizon
    ratio = (v_t - i0) / (tv - i0)
    near_edge = (tv in (0.0, 100.0)) and abs(it - tv) <= 1
    cls = (Progress.MET if s.met or near_edge else Progress.ON_TRACK if ratio >= 0.95 else
           Progress.ACCELERATION_NEEDED if ratio >= 0.10 else Progress.STAGNATION)
    return _row(m, M_UNSD, ratio, classification=cls, thresholds=T_UNSD, note=s.note(
        f"CAGR-extrapolated value at the deadline {v_t:.4g}%", *zero))


def required_logit_slope(s: GapSeries) -> GapMeasure:
    """``(logit(TV/K) − logit(I_t/K))/(T − t)`` per year from the latest observation."""
    m, big_k = Measure.REQUIRED_LOGIT_SLOPE, s.ceiling_pct
    if s.horizon <= 0:
        return _missing(m, M_REQ_LOGIT, s.note("deadline on or before the latest observation"),
                        classification=Progress.NOT_APPLICABLE)
    if not 0 < s.logit_target < big_k:
        return _missing(m, M_REQ_LOGIT, s.note(
            f"target {s.target_value:g}% is outside (0, ceiling {big_k:g}%): infinite on "
            "the logit scale"))
    if not 0 < s.latest_value < big_k:
        return _missing(m, M_REQ_LOGIT, s.note(
            f"latest value {s.latest_value:g}% is at 0 or the ceiling {big_k:g}%: infinite "
            "on the logit scale"))
    slope = s.required_slope
    return _row(m, M_REQ_LOGIT, slope, classification=Progress.MET if s.met else Progress.NONE,
                note=s.note(f"odds must change by a factor {math.exp(slope):.4g} per "
                            f"year over {s.horizon:.4g} years"
                            + (f"; ceiling {big_k:g}%" if s.ceiling < 1 else ""),
                            s.bound_note))


def _needs_curve(measure: Measure, method: str, thresholds: str = ""):
    """Decorate a measure of the fitted curve: without a curve its row says so.

    ``method`` is formatted with the fit's method (``{fit}``).
    """
    def decorate(fn: Callable[[GapSeries, str], GapMeasure]) -> Callable[[GapSeries],
                                                                           GapMeasure]:
        def measure_fn(s: GapSeries) -> GapMeasure:
            meth = method.format(fit=s.fit.method)
            if not s.fit.has_curve:
                return _missing(measure, meth, s.note(f"no fitted curve ({s.fit.status})"),
                                thresholds)
            return fn(s, meth)

        measure_fn.__name__, measure_fn.__doc__ = fn.__name__, fn.__doc__
        measure_fn.__qualname__ = fn.__qualname__
        return measure_fn
    return decorate


@_needs_curve(Measure.OBSERVED_LOGIT_SLOPE, M_OBS_LOGIT)
def observed_logit_slope(s: GapSeries, method: str) -> GapMeasure:
    """The fitted slope with its interval, against the required slope."""
    b, (blo, bhi) = s.fit.slope_per_year, s.fit.slope_ci
    d, req = s.direction, s.required_slope
    interval = s.fit.has_interval
    if s.met:
        cls = Progress.MET
    elif not math.isfinite(req):
        cls = Progress.NO_REQUIRED_SLOPE
    elif not interval:
        cls = (Progress.SLOPE_AT_LEAST_REQUIRED if d * b >= d * req
               else Progress.SLOPE_BELOW_REQUIRED)
    else:
        lo_d, hi_d = sorted((d * blo, d * bhi))
        cls = (Progress.SLOPE_ABOVE if lo_d >= d * req else
               Progress.SLOPE_BELOW if hi_d < d * req else Progress.SLOPE_UNCLEAR)
    return _row(Measure.OBSERVED_LOGIT_SLOPE, method, b, blo, bhi, classification=cls,
                note=s.note("required slope is measured from the latest observation, the "
                            "observed one from the fitted curve",
                            "" if interval else "exact 2-point fit: no interval"))


@_needs_curve(Measure.PROJECTED_VALUE, M_PROJ)
def projected_value_at_deadline(s: GapSeries, method: str) -> GapMeasure:
    """The fitted curve at the deadline with its pointwise interval."""
    pv, plo, phi, pnote, meets = s.projection
    straddles = (s.fit.has_interval and math.isfinite(plo)
                 and min(plo, phi) < s.logit_target < max(plo, phi))
    cls = (Progress.PROJECTED_MEET if meets else Progress.PROJECTED_MISS
           ).with_interval_straddle(straddles)
    return _row(Measure.PROJECTED_VALUE, method, pv, plo, phi, classification=cls,
                note=s.note(pnote, "deadline passed" if s.horizon <= 0 else "",
                            s.bound_note))


@_needs_curve(Measure.ESCAP_ANTICIPATED_GAP, M_ESCAP, T_ESCAP)
def escap_anticipated_gap(s: GapSeries, method: str) -> GapMeasure:
    """ESCAP anticipated progress ``(TV − Î_T)/(TV − I_0)`` from the projection."""
    m, tv, i0 = Measure.ESCAP_ANTICIPATED_GAP, s.target_value, s.base_value
    if tv == i0:
        return _missing(m, method, s.note("target equals the base value"), T_ESCAP)
    pv, plo, phi, _, meets = s.projection
    ag = (tv - pv) / (tv - i0)
    agl = agh = None
    if s.fit.has_interval and math.isfinite(plo):
        agl, agh = sorted(((tv - plo) / (tv - i0), (tv - phi) / (tv - i0)))
    cls = Progress.MET if s.met else (Progress.MAINTAIN if ag <= 0 or meets else
                                      Progress.ACCELERATE if ag <= 1 else Progress.REVERSE)
    return _row(m, method, ag, agl, agh, classification=cls, thresholds=T_ESCAP,
                note=s.note(f"projected {pv:.4g}% at the deadline"))


@_needs_curve(Measure.YEAR_REACHED, M_YEAR)
def year_target_reached(s: GapSeries, method: str) -> GapMeasure:
    """Decimal year the curve reaches the target at the observed pace (Fieller)."""
    m, fit, level = Measure.YEAR_REACHED, s.fit, s.logit_target / 100
    if s.met:
        ye = fit.year_reaching(level) if 0 < level < s.ceiling else None
        return _row(m, method, ye.estimate if ye else None, ye.ci_lower if ye else None,
                    ye.ci_upper if ye else None, classification=Progress.MET,
                    note=s.note("target already met at the latest observation",
                                ye.note if ye else ""))
    if not 0 < level < s.ceiling:
        return _missing(m, method, s.note(
            f"target {s.target_value:g}% is not below the ceiling {s.ceiling_pct:g}%: never "
            "reached on the curve"), classification=Progress.NEVER)
    if s.direction * fit.slope_per_year <= 0:
        return _missing(m, method, s.note(
            "the fitted curve moves away from the target (or is flat): never reached at the "
            "observed pace"), classification=Progress.NEVER)
    ye = fit.year_reaching(level)
    T = s.deadline_time
    cls = (Progress.BEFORE_DEADLINE if ye.estimate <= T else Progress.AFTER_DEADLINE
           ).with_interval_straddle(math.isfinite(ye.ci_lower)
                                    and ye.ci_lower <= T <= ye.ci_upper)
    return _row(m, method, ye.estimate, ye.ci_lower, ye.ci_upper, classification=cls,
                note=s.note(f"{ye.estimate - s.latest_time:.3g} years after the latest "
                            "observation", ye.note, s.bound_note))


#: The measure functions, in output order: measure -> function of a :class:`GapSeries`
#: returning its :class:`GapMeasure` (see the module docstring for each formula).
MEASURE_FUNCTIONS: dict[Measure, Callable[[GapSeries], GapMeasure]] = {
    Measure.ABSOLUTE_GAP: absolute_gap,
    Measure.PROGRESS_SHARE: progress_share_since_base,
    Measure.REQUIRED_CAGR: required_cagr,
    Measure.OBSERVED_CAGR: observed_cagr,
    Measure.CAGR_RATIO: cagr_ratio,
    Measure.UNSD_RATIO: unsd_progress_ratio,
    Measure.REQUIRED_LOGIT_SLOPE: required_logit_slope,
    Measure.OBSERVED_LOGIT_SLOPE: observed_logit_slope,
    Measure.PROJECTED_VALUE: projected_value_at_deadline,
    Measure.ESCAP_ANTICIPATED_GAP: escap_anticipated_gap,
    Measure.YEAR_REACHED: year_target_reached,
}

#: Measures in output order (the names in the ``measure`` column).
MEASURES = [m.value for m in MEASURE_FUNCTIONS]


def _measure_series(s: GapSeries) -> GapResult:
    """Every measure of ``MEASURE_FUNCTIONS`` for one prepared series × target."""
    if not s.is_percent:
        reason = (f"target unit {s.unit!r} is not a percent: share-based gaps cannot be "
                  "computed")
        return GapResult(s.context(), tuple(_missing(m, "", s.note(reason))
                                            for m in MEASURE_FUNCTIONS))
    return GapResult(s.context(), tuple(fn(s) for fn in MEASURE_FUNCTIONS.values()))


def gap_to_target(series: pd.DataFrame, target: Mapping, *, higher_is_better: bool,
                  fit: AdoptionFit | None = None, ceiling=None, alpha: float = 0.05,
                  direction_source: str = "argument") -> GapResult:
    """Gap measures for one province × indicator series against one target.

    Parameters
    ----------
    series : pandas.DataFrame
        Observations of one province and indicator (model-input contract; ``share``
        0–1).
    target : mapping
        A target row: ``target_id``, ``indicator``, ``scope``, ``comparator`` (">=",
        ">", "<=", "<"), ``value`` (percent), ``unit``, ``deadline`` (ISO date), and
        optionally ``source_document``, ``status``.
    higher_is_better : bool
        Direction of the indicator (required: there is no default).
    fit : AdoptionFit, optional
        A curve for the series; fitted here (with ``ceiling``) when None.
    ceiling : float, optional
        Ceiling in percent for the curve and the logit measures (default 100).
    alpha : float, default 0.05
    direction_source : str
        Where the direction came from (recorded in the output).

    Returns
    -------
    GapResult
        One :class:`GapMeasure` per entry of ``MEASURES`` (see the module docstring).

    Raises
    ------
    ModelInputError
        Invalid observations or target (missing value or deadline, unknown
        comparator).

    Examples
    --------
    The worked check of the module docstring (Kiên Giang, 1.03 % against > 50 %):

    >>> obs = pd.DataFrame({"province_id": "91", "province": "Kiên Giang",
    ...                     "indicator": "adults_online_public_services",
    ...                     "date": ["2023-12-31"], "share": [0.0103]})
    >>> target = {"target_id": "t", "indicator": "adults_online_public_services",
    ...           "scope": "national", "comparator": ">", "value": 50, "unit": "percent",
    ...           "deadline": "2025-12-31"}
    >>> r = gap_to_target(obs, target, higher_is_better=True)
    >>> round(r["absolute_gap_pp"].value, 2), str(r["absolute_gap_pp"].classification)
    (48.97, 'target not met')
    >>> round(r["required_cagr"].value, 2), round(r["required_logit_slope"].value, 2)
    (5.97, 2.28)
    >>> r["observed_cagr"].classification is Progress.INSUFFICIENT
    True
    """
    if not isinstance(higher_is_better, (bool, np.bool_)):
        raise ModelInputError("gap_to_target: higher_is_better must be True or False")
    s = _prepare_series(_prepare(series), target, higher_is_better=higher_is_better, fit=fit,
                        ceiling=ceiling, alpha=alpha, direction_source=direction_source)
    return _measure_series(s)


# --------------------------------------------------------------------------- all targets
def _prepare_targets(targets: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(targets, pd.DataFrame):
        raise ModelInputError(f"targets: expected a pandas DataFrame, got {type(targets).__name__}")
    tg = targets.copy()
    if "indicator" not in tg.columns and "indicator_id" in tg.columns:
        tg["indicator"] = tg["indicator_id"]
    missing = [c for c in ("indicator", "scope", "value", "deadline") if c not in tg.columns]
    if missing:
        raise ModelInputError(f"targets: missing column(s) {', '.join(missing)}")
    if "target_id" not in tg.columns:
        tg["target_id"] = ""
    tg["target_id"] = [
        _text(r["target_id"]) or f"{_text(r['indicator'])}:{_text(r['scope'])}:"
        f"{_text(r['deadline'])}:{_text(r['value'])}" for _, r in tg.iterrows()]
    tg["indicator"] = tg["indicator"].map(_text)
    return tg.sort_values("target_id", kind="mergesort")


def _direction(higher_is_better: bool | None, target: Mapping,
               indicator: str) -> tuple[bool, str]:
    """The direction and where it came from: the codebook, else the target's comparator."""
    if higher_is_better is not None:
        return higher_is_better, "codebook"
    comp = _text(target.get("comparator", ""))
    if comp not in (">=", ">", "<=", "<"):
        raise ModelInputError(
            f"targets: indicator {indicator} is not in the codebook and target "
            f"{target['target_id']} has no comparator: the direction is unknown")
    return comp in (">=", ">"), "target comparator (indicator not in codebook)"


def compute_gaps(observations: pd.DataFrame, targets: pd.DataFrame, fits=None,
                 provinces=None, *, codebook=None, alpha: float = 0.05) -> pd.DataFrame:
    """The gaps.csv table: every series × applicable target × measure.

    Parameters
    ----------
    observations : pandas.DataFrame
        Model-input observations (``province_id, province, indicator, date, share``,
        optional ``successes, trials, approximate``).
    targets : pandas.DataFrame
        ``target_id, indicator`` (or ``indicator_id``), ``scope`` ("national" or a
        province_id), ``comparator, value`` (percent), ``unit, deadline,
        source_document, status``. A target applies to a series when the indicator
        matches and the scope is "national" or the series' province_id.
    fits : dict, optional
        ``{(province_id, indicator): AdoptionFit}`` from
        :func:`dtanalysis.adoption.fit_adoption_curves`; fitted here when None (with
        the codebook ceilings).
    provinces : iterable of str or DataFrame, optional
        Restrict to these province_ids (a DataFrame's ``province_id`` column).
    codebook : pandas.DataFrame or mapping, optional
        ``indicator_id, higher_is_better, ceiling``; the package codebook
        (``dtanalysis/data/indicators.csv``) when None and present. The direction
        comes from ``higher_is_better``; for an indicator missing from the codebook
        it is taken from the target's comparator (``>``/``>=`` higher is better) and
        ``direction_source`` says so.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        Columns ``GAP_COLUMNS``: ``province_id, province, indicator, target_id, scope,
        comparator, target_value, target_unit, deadline, direction,
        direction_source, base_date, base_value, latest_date, latest_value``
        (values in percent), ``measure, method, value, value_unit, ci_lower,
        ci_upper, classification, thresholds, n_obs, fit_method, note,
        source_document, target_status``. Sorted by province_id, indicator,
        target_id and the order of ``MEASURES``.

    Examples
    --------
    >>> obs = pd.DataFrame({"province_id": "91", "province": "Kiên Giang",
    ...                     "indicator": "adults_online_public_services",
    ...                     "date": ["2021-12-31", "2023-12-31"], "share": [0.005, 0.0103]})
    >>> targets = pd.DataFrame([{"target_id": "t", "indicator": "adults_online_public_services",
    ...                          "scope": "national", "comparator": ">", "value": 50,
    ...                          "unit": "percent", "deadline": "2025-12-31"}])
    >>> table = compute_gaps(obs, targets,
    ...                      codebook={"adults_online_public_services": {"higher_is_better": True}})
    >>> list(table["measure"]) == MEASURES
    True
    >>> table.set_index("measure").loc["cagr_ratio", "classification"]
    'limited progress'
    """
    obs = _prepare(observations)
    obs = obs[obs["share"].notna()]
    tg = _prepare_targets(targets)
    if codebook is None:
        codebook = _load_codebook()
    cb = _codebook_lookup(codebook)
    if provinces is not None:
        ids = provinces["province_id"] if isinstance(provinces, pd.DataFrame) else provinces
        keep = {_norm_id(p) for p in ids}
        obs = obs[obs["province_id"].map(_norm_id).isin(keep)]
    if fits is None:
        fits = {}
        if len(obs):
            _check_alpha(alpha)
            fits = _fit_curves_prepared(obs, {k: v.get("ceiling") for k, v in cb.items()},
                                        alpha=alpha)
    frames = []
    for (sid, ind), grp in sorted(obs.groupby(["series", "indicator"], sort=True),
                                  key=lambda kv: kv[0]):
        pid = grp["province_id"].iloc[0]
        applicable = [r for _, r in tg.iterrows() if target_applies(r, pid, ind)]
        entry = cb.get(ind, {})
        hib = _parse_bool(entry.get("higher_is_better"))
        fit = fits.get((sid, ind)) if isinstance(fits, Mapping) else None
        for tr in applicable:
            h, source = _direction(hib, tr, ind)
            s = _prepare_series(grp, tr, higher_is_better=h, fit=fit,
                                ceiling=entry.get("ceiling"), alpha=alpha,
                                direction_source=source)
            frames.append(_measure_series(s).to_frame())
    if not frames:
        return pd.DataFrame(columns=GAP_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["_m"] = out["measure"].map(MEASURES.index)
    out = out.sort_values(["province_id", "province", "indicator", "target_id", "_m"],
                          kind="mergesort", ignore_index=True)
    return out.drop(columns="_m")[GAP_COLUMNS]


# --------------------------------------------------------------------------- rank targets
#: Rank measures in output order (gaps.csv rows of rank targets).
RANK_MEASURES = [m.value for m in RankMeasure]

M_RANK_GAP = "places still to climb at the latest ranking, latest rank − target rank (≤ 0: met)"
M_RANK_PCT = ("rank percentile gap at the latest ranking, (rank − 1)/(N − 1) − (TV − 1)/(N − 1) "
              "with N the size of the latest ranked set (comparable across 63 and 34 units)")
M_YEARS = "years from the latest ranking (its period end) to the deadline"
M_REQ_PACE = "places per year still required, (latest rank − target)/(T − t)"
M_OBS_PACE = ("places per year observed over the comparable run ending at the latest ranking "
              "(same ranked set, no method break), (first rank − latest rank)/(t − t_0)")
T_RANK_PACE = ("target met overrides; observed ≥ required: on track; 0 < observed < required: "
               "acceleration needed; 0: stagnation or regression; < 0: moving away")


def _rank_row(measure: RankMeasure, method: str, value=None, classification=Progress.NONE,
              thresholds: str = "", note: str = "") -> GapMeasure:
    return _row(measure, method, value, classification=classification, thresholds=thresholds,
                note=note)


def _comparable_run(series: pd.DataFrame) -> pd.DataFrame:
    """The latest rows of a rank series linked by comparable changes (≥ 1 row)."""
    rows = series.reset_index(drop=True)
    start = len(rows) - 1
    while start > 0 and bool(rows.loc[start, "comparable"]):
        start -= 1
    return rows.iloc[start:]


def _rank_measures(series: pd.DataFrame, tgt: dict, set_note: str) -> list[GapMeasure]:
    """The rank measures of one series against one target (see ``RANK_MEASURES``)."""
    last = series.iloc[-1]
    rank, n, tv = float(last["rank"]), float(last["ranked_set_size"]), tgt["target_value"]
    met = _met(rank, tv, tgt["comparator"])
    t, T = decimal_year(last["period_end"]), tgt["deadline_time"]
    horizon = T - t
    common = [s for s in (set_note, _text(last.get("note", ""))) if s]

    def note(*parts):
        return "; ".join(p for p in (*parts, *common) if p)

    out = [_rank_row(RankMeasure.RANK_GAP, M_RANK_GAP, rank - tv,
                     Progress.MET if met else Progress.NOT_MET,
                     note=note(f"rank {rank:g}/{n:g} in {last['year']} vs {tgt['comparator']} "
                               f"{tv:g}"))]
    pct = (rank - 1) / (n - 1) - (tv - 1) / (n - 1) if n > 1 and tv <= n else None
    out.append(_rank_row(RankMeasure.RANK_PERCENTILE_GAP, M_RANK_PCT, pct,
                         Progress.MET if met else Progress.NOT_MET if pct is not None
                         else Progress.INSUFFICIENT,
                         note=note(f"N = {n:g}" if pct is not None else
                                   f"target {tv:g} exceeds the ranked set of {n:g}")))
    cls_h = Progress.NONE if horizon > 0 else Progress.NOT_APPLICABLE
    out.append(_rank_row(RankMeasure.YEARS_LEFT, M_YEARS, horizon, cls_h,
                         note=note("" if horizon > 0 else "deadline on or before the latest "
                                   f"ranking; target {'met' if met else 'not met'} there")))
    if horizon <= 0:
        out.append(_missing(RankMeasure.REQUIRED_RANK_PACE, M_REQ_PACE, note(
            "deadline on or before the latest ranking"), classification=Progress.NOT_APPLICABLE))
        required = _NAN
    else:
        required = (rank - tv) / horizon
        out.append(_rank_row(RankMeasure.REQUIRED_RANK_PACE, M_REQ_PACE, max(required, 0.0),
                             Progress.MET if met else Progress.NONE,
                             note=note(f"{max(rank - tv, 0):g} places in {horizon:.3g} years")))
    out.append(_observed_rank_pace(_comparable_run(series), met, required, note))
    return out


def _observed_rank_pace(run: pd.DataFrame, met: bool, required: float, note) -> GapMeasure:
    m = RankMeasure.OBSERVED_RANK_PACE
    if len(run) < 2:
        return _missing(m, M_OBS_PACE, note(
            "fewer than two comparable rankings end at the latest one (a first ranking, a "
            "change of the ranked set or a method break before it): no observed pace"),
            T_RANK_PACE)
    t0, t = decimal_year(run["period_end"].iloc[0]), decimal_year(run["period_end"].iloc[-1])
    pace = (float(run["rank"].iloc[0]) - float(run["rank"].iloc[-1])) / (t - t0)
    if met:
        cls = Progress.MET
    elif pace < 0:
        cls = Progress.MOVING_AWAY
    elif pace == 0:
        cls = Progress.STAGNATION
    elif math.isfinite(required):
        cls = Progress.ON_TRACK if pace >= required else Progress.ACCELERATION_NEEDED
    else:
        cls = Progress.NOT_APPLICABLE
    return _rank_row(m, M_OBS_PACE, pace, cls, T_RANK_PACE, note(
        f"{int(run['year'].iloc[0])}–{int(run['year'].iloc[-1])}, {len(run)} comparable "
        f"rankings; required {max(required, 0.0):.3g} places per year"
        if math.isfinite(required)
        else f"{int(run['year'].iloc[0])}–{int(run['year'].iloc[-1])}, {len(run)} comparable "
        "rankings"))


#: The first ranking year with a 34-unit ranked set (DTI 2024, published for the 34 merged
#: units in 10/2025); a deadline before it is judged in 63-province rankings only.
_SET_CHANGE_YEAR = 2024.0


def _set_note(series: pd.DataFrame, tgt: dict, sizes: str) -> str:
    """What the change of the ranked set means for the target (63 → 34 in 2025)."""
    listed = [int(s) for s in sizes.split("|") if s.strip().isdigit()]
    n = float(series["ranked_set_size"].iloc[-1])
    others = [s for s in listed if s != n]
    if not others or tgt["deadline_time"] < _SET_CHANGE_YEAR:
        return f"ranked set of {n:g} units"
    return (f"ranked set of {n:g} at the latest ranking; the publisher also ranks sets of "
            f"{', '.join(str(s) for s in others)} (from 2025 the 34 merged units): "
            f"'top {tgt['target_value']:g}' among {others[0]} is not the same bar as among "
            f"{n:g}, and a pre-2025 province has no rank of its own in a 34-unit ranking")


def compute_rank_gaps(ranks: pd.DataFrame, targets: pd.DataFrame, *,
                      codebook=None) -> pd.DataFrame:
    """Gaps to rank targets ("thuộc nhóm 20"): rows of gaps.csv for rank series.

    A rank target has unit ``rank`` and comparator ``<=`` (or ``<``) on the rank; it
    applies to a rank series as a share target applies to a share series (indicator
    and scope). The measures are ``RANK_MEASURES``: places to go (latest rank −
    target; met or not), the same in rank percentiles (comparable across a 63- and a
    34-unit ranking), years left, the pace required, and the pace observed over the
    comparable run of rankings ending at the latest one (only with two or more
    comparable rankings). Every row states the size of the ranked set and whether the
    publisher ranks other sets (63 → 34 in 2025).

    Parameters
    ----------
    ranks : pandas.DataFrame
        The ranks table (:func:`dtanalysis.ranks.rank_trajectories`).
    targets : pandas.DataFrame
        targets.csv rows; only those with unit ``rank`` are used.
    codebook : pandas.DataFrame or mapping, optional
        For ``ranked_set_size``; the package codebook when None.

    Returns
    -------
    pandas.DataFrame
        Columns ``GAP_COLUMNS``; ``target_value``, ``base_value`` and ``latest_value``
        are ranks, ``target_unit`` is ``rank``, ``fit_method`` empty. Sorted by
        province_id, province, indicator, target_id and ``RANK_MEASURES``.

    Examples
    --------
    >>> ranks = pd.DataFrame({"unit_kind": "province_pre2025", "province_id": "30",
    ...     "province": "Hải Dương", "indicator": "dti_rank",
    ...     "period_start": ["2021-01-01", "2022-01-01"],
    ...     "period_end": ["2021-12-31", "2022-12-31"], "year": [2021, 2022],
    ...     "rank": [16.0, 13.0], "ranked_set_size": 63.0, "comparable": [False, True],
    ...     "note": ""})
    >>> targets = pd.DataFrame([{"target_id": "t", "indicator_id": "dti_rank", "scope": "30",
    ...     "comparator": "<=", "value": 10, "unit": "rank", "deadline": "2025-12-31"}])
    >>> g = compute_rank_gaps(ranks, targets, codebook={"dti_rank": {"ranked_set_size": "63"}})
    >>> g = g.set_index("measure")
    >>> float(g.loc["rank_places_to_target", "value"]), g.loc["rank_places_to_target",
    ...                                                       "classification"]
    (3.0, 'target not met')
    >>> float(g.loc["observed_places_per_year", "value"])  # 16 -> 13 in one year
    3.0
    >>> g.loc["observed_places_per_year", "classification"]
    'on track'
    """
    tg = _prepare_targets(targets)
    tg = tg[tg["unit"].map(_text).str.lower() == "rank"] if "unit" in tg.columns else tg.iloc[0:0]
    cb = _codebook_lookup(_load_codebook() if codebook is None else codebook)
    frames = []
    if ranks is None or ranks.empty or tg.empty:
        return pd.DataFrame(columns=GAP_COLUMNS)
    keys = ["unit_kind", "province_id", "province", "indicator"]
    rk = ranks.copy()
    for col in keys:
        rk[col] = rk[col].map(_text) if col in rk.columns else ""
    for (_, pid, _, ind), grp in rk.groupby(keys, sort=True):
        grp = grp.sort_values("period_end", kind="mergesort")
        for _, tr in tg.iterrows():
            if not target_applies(tr, pid, ind):
                continue
            frames.append(_rank_gap_frame(grp, tr, cb.get(ind, {})))
    if not frames:
        return pd.DataFrame(columns=GAP_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["_m"] = out["measure"].map(RANK_MEASURES.index)
    out = out.sort_values(["province_id", "province", "indicator", "target_id", "_m"],
                          kind="mergesort", ignore_index=True)
    return out.drop(columns="_m")[GAP_COLUMNS]


def _rank_gap_frame(grp: pd.DataFrame, target, entry: Mapping) -> pd.DataFrame:
    """gaps.csv rows of one rank series against one rank target."""
    tgt = _read_target(target, higher_is_better=False)
    if tgt["comparator"] not in ("<=", "<"):
        raise ModelInputError(f"targets: rank target {tgt['target_id']} has comparator "
                              f"{tgt['comparator']!r}; a rank target is '<=' (or '<') on the "
                              "rank (1 = best)")
    first, last = grp.iloc[0], grp.iloc[-1]
    hib = _parse_bool(entry.get("higher_is_better"))
    context = (("province_id", last["province_id"]), ("province", last["province"]),
               ("indicator", last["indicator"]), ("target_id", tgt["target_id"]),
               ("scope", tgt["scope"]), ("comparator", tgt["comparator"]),
               ("target_value", tgt["target_value"]), ("target_unit", tgt["unit"]),
               ("deadline", _iso(tgt["deadline"])), ("direction", "lower is better"),
               ("direction_source", "codebook" if hib is False else "rank (1 = best)"),
               ("base_date", _text(first["period_end"])), ("base_value", float(first["rank"])),
               ("latest_date", _text(last["period_end"])),
               ("latest_value", float(last["rank"])), ("n_obs", len(grp)), ("fit_method", ""),
               ("source_document", tgt["source_document"]),
               ("target_status", tgt["target_status"]))
    measures = _rank_measures(grp, tgt, _set_note(grp, tgt,
                                                  _text(entry.get("ranked_set_size", ""))))
    return GapResult(context, tuple(measures)).to_frame()


def sort_gaps(*frames: pd.DataFrame) -> pd.DataFrame:
    """Share and rank gap rows together, in the order of gaps.csv (series, target, measure).

    Parameters
    ----------
    *frames : pandas.DataFrame
        Results of :func:`compute_gaps` and :func:`compute_rank_gaps`. Empty frames are
        skipped, so the column types of the others are kept (the text-only gaps.csv is
        unchanged by an empty rank-gap frame).

    Returns
    -------
    pandas.DataFrame
        Columns ``GAP_COLUMNS``.
    """
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=GAP_COLUMNS)
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    order = {m: i for i, m in enumerate(MEASURES + RANK_MEASURES)}
    out = frame.assign(_m=frame["measure"].map(order))
    out = out.sort_values(["province_id", "province", "indicator", "target_id", "_m"],
                          kind="mergesort", ignore_index=True)
    return out.drop(columns="_m")[GAP_COLUMNS]
