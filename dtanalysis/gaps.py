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

Worked check (a test): Kiên Giang, 1.03 % of adults using online public services
observed on 2023-12-31 against > 50 % by 2025-12-31 (decimal years 2023 + 364/365 and
2025 + 364/365, two years apart; see :func:`dtanalysis.adoption.decimal_year`):
gap 48.97 points, required CAGR (50/1.03)^(1/2) − 1 = 5.97 (597 % per year),
required logit slope (logit 0.5 − logit 0.0103)/2 = 2.28 per year.
"""
from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .adoption import (
    _INTERNAL,
    AdoptionFit,
    ModelInputError,
    _ceiling_share,
    _iso,
    _prepare,
    _text,
    decimal_year,
    fit_adoption,
    fit_adoption_curves,
    logit,
)

__all__ = [
    "GAP_COLUMNS",
    "MEASURES",
    "GapMeasure",
    "GapResult",
    "compute_gaps",
    "gap_to_target",
    "target_applies",
]

#: Measures in output order.
MEASURES = [
    "absolute_gap_pp",
    "progress_share_since_base",
    "required_cagr",
    "observed_cagr",
    "cagr_ratio",
    "unsd_progress_ratio",
    "required_logit_slope",
    "observed_logit_slope",
    "projected_value_at_deadline",
    "escap_anticipated_gap",
    "year_target_reached",
]

#: Columns of gaps.csv, in order.
GAP_COLUMNS = [
    "province_id", "province", "indicator", "target_id", "scope", "comparator",
    "target_value", "target_unit", "deadline", "direction", "direction_source",
    "base_date", "base_value", "latest_date", "latest_value", "measure", "method", "value",
    "value_unit", "ci_lower", "ci_upper", "classification", "thresholds", "n_obs",
    "fit_method", "note", "source_document", "target_status",
]

INSUFFICIENT = "insufficient data"
NOT_APPLICABLE = "not applicable"
ACHIEVED = "target met"

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
M_REQ_LOGIT = "required logit slope from the latest observation, (logit(TV/K) − logit(I_t/K))/(T − t)"
M_OBS_LOGIT = "observed logit slope of the fitted adoption curve ({fit}) vs the required slope"
M_PROJ = "fitted adoption curve ({fit}) at the deadline, pointwise interval (logistic form assumed)"
M_ESCAP = ("ESCAP Anticipated Progress Index style: (TV − Î_T)/(TV − I_0), Î_T from the fitted "
           "logistic curve ({fit}) instead of ESCAP's time-weighted regression")
M_YEAR = "year the fitted curve ({fit}) reaches the target at the observed pace, Fieller interval"

T_RATIO = ("target met overrides; R ≥ 0.95 on track; 0.60 ≤ R < 0.95 acceleration needed; "
           "0 ≤ R < 0.60 limited progress; R < 0 moving away (Open SDG defaults [V])")
T_UNSD = ("target met (or within 1 point of a 0%/100% target) overrides; ≥ 0.95 on track; "
          "0.10–0.95 acceleration needed; < 0.10 stagnation or regression (UNSD 2023 via EUSTAT [V])")
T_CSI = "progress share ≥ expected share to date: on expected path; < 0: regressed since base"
T_ESCAP = ("≤ 0 maintain progress; 0–1 accelerate progress; > 1 reverse trend "
           "(implied by ESCAP category wording; cut-offs unverified [R])")

UNITS = {
    "absolute_gap_pp": "percentage points",
    "progress_share_since_base": "share of required progress",
    "required_cagr": "growth per year (5.97 = 597%)",
    "observed_cagr": "growth per year (0.10 = 10%)",
    "cagr_ratio": "ratio",
    "unsd_progress_ratio": "ratio",
    "required_logit_slope": "logit per year",
    "observed_logit_slope": "logit per year",
    "projected_value_at_deadline": "percent",
    "escap_anticipated_gap": "share of required progress",
    "year_target_reached": "decimal year",
}


@dataclass(frozen=True)
class GapMeasure:
    """One gap measure for one series × target (one row of gaps.csv).

    Attributes
    ----------
    measure : str
        One of ``MEASURES``.
    method : str
        The published method and formula used.
    value, ci_lower, ci_upper : float
        NaN when not computable (``classification`` and ``note`` say why) or when no
        interval exists.
    value_unit : str
    classification : str
    thresholds : str
        Thresholds used for the classification ("" when none).
    note : str
    """

    measure: str
    method: str
    value: float
    ci_lower: float
    ci_upper: float
    value_unit: str
    classification: str
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
        rows = [{**ctx, **m.__dict__} for m in self.measures]
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


# --------------------------------------------------------------------------- helpers
def _nan() -> float:
    return float("nan")


def _row(measure: str, method: str, value=None, lo=None, hi=None, classification="",
         thresholds="", note="") -> GapMeasure:
    f = (lambda v: _nan() if v is None else float(v))
    return GapMeasure(measure, method, f(value), f(lo), f(hi), UNITS[measure],
                      classification, thresholds, note)


def _missing(measure: str, method: str, reason: str, thresholds: str = "",
             classification: str = INSUFFICIENT) -> GapMeasure:
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


# --------------------------------------------------------------------------- one target
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
    """
    if not isinstance(higher_is_better, (bool, np.bool_)):
        raise ModelInputError("gap_to_target: higher_is_better must be True or False")
    d = 1.0 if higher_is_better else -1.0
    df = _prepare(series)
    df = df[df["share"].notna()].sort_values(["time", "share"], kind="mergesort")
    if df.empty:
        raise ModelInputError("gap_to_target: the series has no observation with a share")
    if df["province_id"].nunique() > 1 or df["indicator"].nunique() > 1:
        raise ModelInputError("gap_to_target: the series must be one province × indicator")
    tid = _text(target.get("target_id", "")) or "(no id)"
    try:
        tv = float(target.get("value"))
    except (TypeError, ValueError):
        tv = _nan()
    if not math.isfinite(tv):
        raise ModelInputError(f"targets: target {tid} has no numeric value")
    comparator = _text(target.get("comparator", "")) or (">=" if higher_is_better else "<=")
    if comparator not in (">=", ">", "<=", "<"):
        raise ModelInputError(f"targets: target {tid} has comparator {comparator!r} "
                              "(expected >=, >, <= or <)")
    deadline = _text(target.get("deadline", ""))
    T = decimal_year(deadline) if deadline else _nan()
    if not deadline:
        raise ModelInputError(f"targets: target {tid} has no deadline")
    unit = _text(target.get("unit", "")) or "percent"
    pid, prov, ind = (df[c].iloc[0] for c in ("province_id", "province", "indicator"))
    k = _ceiling_share(ceiling)
    if fit is None:
        fit = fit_adoption(df.drop(columns=_INTERNAL), ceiling=ceiling, alpha=alpha)
    k = fit.ceiling if fit is not None else k

    # base = first date, latest = last date (mean of shares on a shared date)
    t0, t = float(df["time"].iloc[0]), float(df["time"].iloc[-1])
    I0 = 100 * float(df.loc[df["time"] == t0, "share"].mean())
    It = 100 * float(df.loc[df["time"] == t, "share"].mean())
    base_date, latest_date = df["date_iso"].iloc[0], df["date_iso"].iloc[-1]
    shared = [x for x, tt in (("base", t0), ("latest", t)) if (df["time"] == tt).sum() > 1]
    n = len(df)
    ctx = (("province_id", pid), ("province", prov), ("indicator", ind), ("target_id", tid),
           ("scope", _text(target.get("scope", ""))), ("comparator", comparator),
           ("target_value", tv), ("target_unit", unit), ("deadline", _iso(deadline)),
           ("direction", "higher is better" if higher_is_better else "lower is better"),
           ("direction_source", direction_source), ("base_date", base_date),
           ("base_value", I0), ("latest_date", latest_date), ("latest_value", It),
           ("n_obs", n), ("fit_method", fit.method if fit is not None else ""),
           ("source_document", _text(target.get("source_document", ""))),
           ("target_status", _text(target.get("status", ""))))
    general = []
    if shared:
        general.append(f"several observations on the {' and '.join(shared)} date: their mean "
                       "is used")
    if df["approximate"].any():
        general.append("approximate observations ('over', 'nearly', ...) treated as exact")

    def note(*parts):
        return "; ".join(p for p in (*parts, *general) if p)

    if unit.lower() not in ("percent", "%", "pct"):
        reason = f"target unit {unit!r} is not a percent: share-based gaps cannot be computed"
        return GapResult(ctx, tuple(_missing(m, "", note(reason)) for m in MEASURES))

    met = _met(It, tv, comparator)
    two_dates = t > t0
    horizon = T - t
    rows: list[GapMeasure] = []

    # absolute gap ---------------------------------------------------------------
    gap = d * (tv - It)
    rows.append(_row("absolute_gap_pp", M_ABS, gap, classification="target met" if met
                     else "target not met", note=note(
                         f"latest value {It:.4g}% on {latest_date} vs {comparator} {tv:g}%")))

    # ESCAP CSI-style progress share ----------------------------------------------
    if not two_dates:
        rows.append(_missing("progress_share_since_base", M_CSI, note(
            "one observation date: no progress since a base can be measured"), T_CSI))
    elif tv == I0:
        rows.append(_missing("progress_share_since_base", M_CSI, note(
            "target equals the base value: required progress is zero"), T_CSI))
    else:
        csi = d * (It - I0) / abs(tv - I0)
        if T > t0:
            e = (t - t0) / (T - t0)
            cls = (ACHIEVED if met else "regressed since base" if csi < 0 else
                   "on expected path" if csi >= e else "behind expected path")
            nt = f"expected share of progress to date {e:.4g} (base {base_date} to deadline)"
        else:
            cls, nt = (ACHIEVED if met else "not applicable: deadline before the base"), (
                "deadline on or before the base observation: no expected path")
        rows.append(_row("progress_share_since_base", M_CSI, csi, classification=cls,
                         thresholds=T_CSI, note=note(nt, "base = first observation of the "
                                                         "series, not a fixed base year")))

    # CAGR measures ------------------------------------------------------------------
    zero_notes = []

    def nz(v, label):
        if v == 0:
            zero_notes.append(f"{label} of 0 replaced by 0.001 (Open SDG convention)")
            return 0.001
        return v

    if horizon <= 0:
        rows.append(_missing("required_cagr", M_REQ_CAGR, note(
            f"deadline {_iso(deadline)} is on or before the latest observation; target "
            f"{'met' if met else 'not met'} at the latest observation"),
            classification=NOT_APPLICABLE))
    else:
        zero_notes.clear()
        rc = (nz(tv, "target") / nz(It, "latest value")) ** (1 / horizon) - 1
        rows.append(_row("required_cagr", M_REQ_CAGR, rc,
                         classification=ACHIEVED if met else "",
                         note=note(f"{horizon:.4g} years from {latest_date} to "
                                   f"{_iso(deadline)}", *zero_notes)))
    if not two_dates:
        reason = "one observation date: no observed growth"
        rows.append(_missing("observed_cagr", M_OBS_CAGR, note(reason)))
        rows.append(_missing("cagr_ratio", M_RATIO, note(reason), T_RATIO))
        rows.append(_missing("unsd_progress_ratio", M_UNSD, note(reason), T_UNSD))
    else:
        zero_notes.clear()
        oc = (nz(It, "latest value") / nz(I0, "base value")) ** (1 / (t - t0)) - 1
        short = ("base and latest observation less than a year apart: annualised growth "
                 "is unstable" if t - t0 < 1 else "")
        rows.append(_row("observed_cagr", M_OBS_CAGR, oc, note=note(
            f"{t - t0:.4g} years from {base_date} to {latest_date}", short, *zero_notes)))
        if T <= t0:
            rows.append(_missing("cagr_ratio", M_RATIO, note(
                "deadline on or before the base observation"), T_RATIO, NOT_APPLICABLE))
        else:
            zero_notes.clear()
            rb = (nz(tv, "target") / nz(I0, "base value")) ** (1 / (T - t0)) - 1
            oc2 = (nz(It, "latest value") / nz(I0, "base value")) ** (1 / (t - t0)) - 1
            if rb == 0:
                rows.append(_missing("cagr_ratio", M_RATIO, note(
                    "target equals the base value: required CAGR is zero"), T_RATIO))
            else:
                r = d * oc2 / abs(rb)
                cls = (ACHIEVED if met else "on track" if r >= 0.95 else
                       "acceleration needed" if r >= 0.60 else
                       "limited progress" if r >= 0 else "moving away")
                rows.append(_row("cagr_ratio", M_RATIO, r, classification=cls,
                                 thresholds=T_RATIO, note=note(
                                     f"required CAGR from base {rb:.4g} per year over "
                                     f"{T - t0:.4g} years; observed {oc2:.4g}; a ratio "
                                     "above 1 can still miss if growth decelerates", short,
                                     *zero_notes)))
        if horizon <= 0:
            rows.append(_missing("unsd_progress_ratio", M_UNSD, note(
                "deadline on or before the latest observation"), T_UNSD, NOT_APPLICABLE))
        elif tv == I0:
            rows.append(_missing("unsd_progress_ratio", M_UNSD, note(
                "target equals the base value"), T_UNSD))
        else:
            zero_notes.clear()
            g = (nz(It, "latest value") / nz(I0, "base value")) ** (1 / (t - t0)) - 1
            vT = It * (1 + g) ** horizon
            ratio = (vT - I0) / (tv - I0)
            near_edge = (tv in (0.0, 100.0)) and abs(It - tv) <= 1
            cls = (ACHIEVED if met or near_edge else "on track" if ratio >= 0.95 else
                   "acceleration needed" if ratio >= 0.10 else "stagnation or regression")
            rows.append(_row("unsd_progress_ratio", M_UNSD, ratio, classification=cls,
                             thresholds=T_UNSD, note=note(
                                 f"CAGR-extrapolated value at the deadline {vT:.4g}%",
                                 *zero_notes)))

    # logit-scale measures ------------------------------------------------------------
    K = 100 * k
    req_slope = _nan()
    # A logistic curve never reaches 0% or 100%: for a target at that bound the logit
    # measures use the point 1 percentage point inside it (UNSD Progress Chart rule).
    at_bound = (d > 0 and tv >= 100 and K >= 100) or (d < 0 and tv <= 0)
    tv_l = (99.0 if d > 0 else 1.0) if at_bound else tv
    bound_note = (f"target {tv:g}% is a bound the logistic curve never reaches: logit "
                  f"measures use {tv_l:g}% (within 1 point, the UNSD Progress Chart rule)"
                  if at_bound else "")
    if horizon <= 0:
        rows.append(_missing("required_logit_slope", M_REQ_LOGIT, note(
            "deadline on or before the latest observation"), classification=NOT_APPLICABLE))
    elif not 0 < tv_l < K:
        rows.append(_missing("required_logit_slope", M_REQ_LOGIT, note(
            f"target {tv:g}% is outside (0, ceiling {K:g}%): infinite on the logit scale")))
    elif not 0 < It < K:
        rows.append(_missing("required_logit_slope", M_REQ_LOGIT, note(
            f"latest value {It:g}% is at 0 or the ceiling {K:g}%: infinite on the logit "
            "scale")))
    else:
        req_slope = (logit(tv_l / K) - logit(It / K)) / horizon
        rows.append(_row("required_logit_slope", M_REQ_LOGIT, req_slope,
                         classification=ACHIEVED if met else "", note=note(
                             f"odds must change by a factor {math.exp(req_slope):.4g} per "
                             f"year over {horizon:.4g} years"
                             + (f"; ceiling {K:g}%" if k < 1 else ""), bound_note)))

    fit_name = fit.method
    no_curve = f"no fitted curve ({fit.status})"
    m_obs, m_proj, m_escap, m_year = (M_OBS_LOGIT.format(fit=fit_name),
                                      M_PROJ.format(fit=fit_name),
                                      M_ESCAP.format(fit=fit_name), M_YEAR.format(fit=fit_name))
    if not fit.has_curve:
        for meas, meth, th in (("observed_logit_slope", m_obs, ""),
                               ("projected_value_at_deadline", m_proj, ""),
                               ("escap_anticipated_gap", m_escap, T_ESCAP),
                               ("year_target_reached", m_year, "")):
            rows.append(_missing(meas, meth, note(no_curve), th))
        return GapResult(ctx, tuple(sorted(rows, key=lambda r: MEASURES.index(r.measure))))

    b, (blo, bhi) = fit.slope_per_year, fit.slope_ci
    interval = fit.has_interval
    if met:
        cls = ACHIEVED
    elif not math.isfinite(req_slope):
        cls = "no required slope to compare"
    elif not interval:
        cls = ("observed ≥ required (no interval)" if d * b >= d * req_slope
               else "observed < required (no interval)")
    else:
        lo_d, hi_d = sorted((d * blo, d * bhi))
        cls = ("observed above required (interval excludes the required slope)"
               if lo_d >= d * req_slope else
               "observed below required (interval excludes the required slope)"
               if hi_d < d * req_slope else "interval includes the required slope")
    rows.append(_row("observed_logit_slope", m_obs, b, blo, bhi, classification=cls,
                     note=note("required slope is measured from the latest observation, the "
                               "observed one from the fitted curve",
                               "" if interval else "exact 2-point fit: no interval")))

    pred = fit.predict([deadline]).iloc[0]
    pv, plo, phi = 100 * pred["mean"], 100 * pred["ci_lower"], 100 * pred["ci_upper"]
    pmet = _met(pv, tv, comparator) or (at_bound and d * (pv - tv_l) >= 0)
    pcls = "projected to meet target" if pmet else "projected to miss target"
    if interval and math.isfinite(plo) and (min(plo, phi) < tv_l < max(plo, phi)):
        pcls += " (interval includes the target)"
    rows.append(_row("projected_value_at_deadline", m_proj, pv, plo, phi, classification=pcls,
                     note=note(pred["note"] or "", "deadline passed" if horizon <= 0 else "",
                               bound_note)))

    if tv == I0:
        rows.append(_missing("escap_anticipated_gap", m_escap, note(
            "target equals the base value"), T_ESCAP))
    else:
        ag = (tv - pv) / (tv - I0)
        agl = agh = None
        if interval and math.isfinite(plo):
            agl, agh = sorted(((tv - plo) / (tv - I0), (tv - phi) / (tv - I0)))
        ecls = ACHIEVED if met else ("maintain progress" if ag <= 0 or pmet else
                                     "accelerate progress" if ag <= 1 else "reverse trend")
        rows.append(_row("escap_anticipated_gap", m_escap, ag, agl, agh, classification=ecls,
                         thresholds=T_ESCAP, note=note(f"projected {pv:.4g}% at the deadline")))

    level = tv_l / 100
    if met:
        ye = fit.year_reaching(level) if 0 < level < k else None
        rows.append(_row("year_target_reached", m_year,
                         ye.estimate if ye else None, ye.ci_lower if ye else None,
                         ye.ci_upper if ye else None, classification=ACHIEVED,
                         note=note("target already met at the latest observation",
                                   ye.note if ye else "")))
    elif not 0 < level < k:
        rows.append(_missing("year_target_reached", m_year, note(
            f"target {tv:g}% is not below the ceiling {K:g}%: never reached on the curve"),
            classification="never at the observed pace"))
    elif d * b <= 0:
        rows.append(_missing("year_target_reached", m_year, note(
            "the fitted curve moves away from the target (or is flat): never reached at the "
            "observed pace"), classification="never at the observed pace"))
    else:
        ye = fit.year_reaching(level)
        if ye.estimate <= T:
            ycls = "before the deadline"
        else:
            ycls = "after the deadline"
        if math.isfinite(ye.ci_lower) and ye.ci_lower <= T <= ye.ci_upper:
            ycls += " (interval includes the deadline)"
        rows.append(_row("year_target_reached", m_year, ye.estimate, ye.ci_lower, ye.ci_upper,
                         classification=ycls, note=note(
                             f"{ye.estimate - t:.3g} years after the latest observation",
                             ye.note, bound_note)))
    return GapResult(ctx, tuple(sorted(rows, key=lambda r: MEASURES.index(r.measure))))


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
        ceilings = {k: v.get("ceiling") for k, v in cb.items()}
        fits = fit_adoption_curves(obs.drop(columns=_INTERNAL), ceilings,
                                   alpha=alpha) if len(obs) else {}
    frames = []
    for (pid, ind), grp in sorted(obs.groupby(["province_id", "indicator"], sort=True),
                                  key=lambda kv: kv[0]):
        applicable = [r for _, r in tg.iterrows() if target_applies(r, pid, ind)]
        if not applicable:
            continue
        entry = cb.get(ind, {})
        hib = _parse_bool(entry.get("higher_is_better"))
        fit = fits.get((pid, ind)) if isinstance(fits, Mapping) else None
        ceiling = entry.get("ceiling")
        for tr in applicable:
            source = "codebook"
            h = hib
            if h is None:
                comp = _text(tr.get("comparator", ""))
                if comp not in (">=", ">", "<=", "<"):
                    raise ModelInputError(
                        f"targets: indicator {ind} is not in the codebook and target "
                        f"{tr['target_id']} has no comparator: the direction is unknown")
                h, source = comp in (">=", ">"), "target comparator (indicator not in codebook)"
            res = gap_to_target(grp.drop(columns=_INTERNAL), tr,
                                higher_is_better=h, fit=fit, ceiling=ceiling, alpha=alpha,
                                direction_source=source)
            frames.append(res.to_frame())
    if not frames:
        return pd.DataFrame(columns=GAP_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["_m"] = out["measure"].map(MEASURES.index)
    out = out.sort_values(["province_id", "indicator", "target_id", "_m"], kind="mergesort",
                          ignore_index=True)
    return out.drop(columns="_m")[GAP_COLUMNS]
