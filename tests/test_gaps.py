"""Tests for dtanalysis.gaps: gap-to-target measures, hand-computed."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dtanalysis.adoption import ModelInputError, decimal_year, fit_adoption, logit
from dtanalysis.codes import Progress
from dtanalysis.gaps import (
    GAP_COLUMNS,
    MEASURES,
    compute_gaps,
    gap_to_target,
    target_applies,
)

IND = "adults_online_public_services"
CODEBOOK = {IND: {"higher_is_better": "true", "ceiling": ""}}


def series(dates, shares, successes=None, trials=None, pid="91", province="Kiên Giang",
           indicator=IND):
    df = pd.DataFrame({"province_id": pid, "province": province, "indicator": indicator,
                       "date": list(dates), "share": list(shares)})
    if successes is not None:
        df["successes"] = list(successes)
        df["trials"] = list(trials)
    return df


def target(value=50.0, deadline="2025-12-31", comparator=">", scope="national", indicator=IND,
           target_id="qd411_adults_dvctt_2025", unit="percent"):
    return {"target_id": target_id, "indicator": indicator, "scope": scope,
            "comparator": comparator, "value": value, "unit": unit, "deadline": deadline,
            "source_document": "QĐ 411/QĐ-TTg", "status": "verified"}


def by_measure(frame):
    return frame.set_index("measure")


# --------------------------------------------------------------------------- worked check
@pytest.mark.parametrize("obs_date,deadline", [("2023-12-31", "2025-12-31"),
                                               ("2023-01-01", "2025-01-01")])
def test_worked_check_kien_giang(obs_date, deadline):
    """1.03% of adults (13,484) in 2023 against > 50% by 2025."""
    obs = series([obs_date], [0.0103], [13484], [13484 / 0.0103])
    g = by_measure(compute_gaps(obs, pd.DataFrame([target(deadline=deadline)]),
                                codebook=CODEBOOK))
    assert g.loc["absolute_gap_pp", "value"] == pytest.approx(48.97)
    assert g.loc["absolute_gap_pp", "classification"] == "target not met"
    assert g.loc["required_cagr", "value"] == pytest.approx(5.97, abs=0.005)
    assert g.loc["required_cagr", "value"] == pytest.approx((50 / 1.03) ** 0.5 - 1)
    assert g.loc["required_logit_slope", "value"] == pytest.approx(2.28, abs=0.005)
    assert g.loc["required_logit_slope", "value"] == pytest.approx(
        (logit(0.5) - logit(0.0103)) / 2)
    # one observation: what cannot be computed says so
    for m in ("observed_cagr", "cagr_ratio", "unsd_progress_ratio",
              "progress_share_since_base"):
        assert g.loc[m, "classification"] == "insufficient data"
        assert "one observation" in g.loc[m, "note"]
    for m in ("observed_logit_slope", "projected_value_at_deadline", "year_target_reached"):
        assert g.loc[m, "classification"] == "insufficient data"
        assert "single observation" in g.loc[m, "note"]
    assert (g["n_obs"] == 1).all()
    assert (g["direction"] == "higher is better").all()
    assert (g["direction_source"] == "codebook").all()


def test_methods_worked_example_all_measures():
    """methods.md §1.7: hypothetical 0.50% in 2021, 1.03% in 2023, target 50% by 2025."""
    obs = series(["2021-12-31", "2023-12-31"], [0.005, 0.0103])
    r = gap_to_target(obs, target(), higher_is_better=True)
    g = by_measure(r.to_frame())
    assert list(g.index) == MEASURES
    obs_cagr = (1.03 / 0.5) ** 0.5 - 1
    req_base = (50 / 0.5) ** 0.25 - 1
    assert g.loc["observed_cagr", "value"] == pytest.approx(obs_cagr)
    assert g.loc["observed_cagr", "value"] == pytest.approx(0.435, abs=0.001)
    assert g.loc["cagr_ratio", "value"] == pytest.approx(obs_cagr / req_base)
    assert g.loc["cagr_ratio", "value"] == pytest.approx(0.20, abs=0.005)
    assert g.loc["cagr_ratio", "classification"] == "limited progress"
    v2025 = 1.03 * (1 + obs_cagr) ** 2
    assert v2025 == pytest.approx(2.12, abs=0.005)
    assert g.loc["unsd_progress_ratio", "value"] == pytest.approx((v2025 - 0.5) / 49.5)
    assert g.loc["unsd_progress_ratio", "value"] == pytest.approx(0.033, abs=0.0005)
    assert g.loc["unsd_progress_ratio", "classification"] == "stagnation or regression"
    assert g.loc["progress_share_since_base", "value"] == pytest.approx(0.53 / 49.5)
    assert g.loc["progress_share_since_base", "classification"] == "behind expected path"
    assert "expected share of progress to date 0.5" in g.loc["progress_share_since_base", "note"]
    slope = (logit(0.0103) - logit(0.005)) / 2
    assert g.loc["observed_logit_slope", "value"] == pytest.approx(slope)
    assert g.loc["observed_logit_slope", "value"] == pytest.approx(0.364, abs=0.001)
    assert g.loc["observed_logit_slope", "classification"] == "observed < required (no interval)"
    t_latest = decimal_year("2023-12-31")
    year = g.loc["year_target_reached", "value"]
    assert year == pytest.approx(t_latest + (logit(0.5) - logit(0.0103)) / slope)
    assert year - t_latest == pytest.approx(12.5, abs=0.1)
    assert g.loc["year_target_reached", "classification"] == "after the deadline"
    proj = 100 * float(np.exp(-np.logaddexp(0, -(logit(0.0103) + 2 * slope))))
    assert g.loc["projected_value_at_deadline", "value"] == pytest.approx(proj)
    assert g.loc["escap_anticipated_gap", "value"] == pytest.approx((50 - proj) / 49.5)
    assert g.loc["escap_anticipated_gap", "classification"] == "accelerate progress"
    # exact 2-point fit: no intervals anywhere, and the notes say so
    assert g["ci_lower"].isna().all()
    assert "no interval" in g.loc["observed_logit_slope", "note"]
    assert "GapResult" in repr(r) and "<table" in r._repr_html_()


# --------------------------------------------------------------------------- thresholds
@pytest.mark.parametrize("r,label", [(1.2, "on track"), (0.96, "on track"),
                                     (0.94, "acceleration needed"), (0.61, "acceleration needed"),
                                     (0.59, "limited progress"), (0.01, "limited progress"),
                                     (-0.1, "moving away")])
def test_cagr_ratio_thresholds(r, label):
    # base 10% on 2020-01-01, target 20% on 2022-01-01: required CAGR from base sqrt(2) - 1
    req = math.sqrt(2) - 1
    latest = 10 * (1 + r * req)
    obs = series(["2020-01-01", "2021-01-01"], [0.10, latest / 100])
    g = by_measure(gap_to_target(obs, target(20, "2022-01-01", ">="),
                                 higher_is_better=True).to_frame())
    assert g.loc["cagr_ratio", "value"] == pytest.approx(r)
    assert g.loc["cagr_ratio", "classification"] == label
    assert "0.95" in g.loc["cagr_ratio", "thresholds"]


def test_unsd_ratio_thresholds_and_target_met():
    # base 10, latest 15 one year later, deadline one year after: v_T = 22.5
    obs = series(["2020-01-01", "2021-01-01"], [0.10, 0.15])
    g = by_measure(gap_to_target(obs, target(20, "2022-01-01", ">="),
                                 higher_is_better=True).to_frame())
    assert g.loc["unsd_progress_ratio", "value"] == pytest.approx((22.5 - 10) / 10)
    assert g.loc["unsd_progress_ratio", "classification"] == "on track"
    g2 = by_measure(gap_to_target(obs, target(60, "2022-01-01", ">="),
                                  higher_is_better=True).to_frame())
    assert g2.loc["unsd_progress_ratio", "value"] == pytest.approx(12.5 / 50)
    assert g2.loc["unsd_progress_ratio", "classification"] == "acceleration needed"
    g3 = by_measure(gap_to_target(obs, target(12, "2022-01-01", ">="),
                                  higher_is_better=True).to_frame())
    assert (g3["classification"].eq("target met")
            | g3.index.isin(["observed_cagr", "projected_value_at_deadline"])).all()
    assert g3.loc["absolute_gap_pp", "value"] == pytest.approx(-3.0)
    assert g3.loc["absolute_gap_pp", "classification"] == "target met"


@pytest.mark.parametrize("comparator,met", [(">=", True), (">", False)])
def test_comparator_strictness(comparator, met):
    obs = series(["2023-12-31"], [0.50])
    g = by_measure(gap_to_target(obs, target(50, comparator=comparator),
                                 higher_is_better=True).to_frame())
    assert g.loc["absolute_gap_pp", "value"] == pytest.approx(0.0)
    assert g.loc["absolute_gap_pp", "classification"] == ("target met" if met else
                                                          "target not met")


def test_lower_is_better_direction():
    # e.g. share of late dossiers: 40% -> 30% in one year, target <= 10% two years after base
    obs = series(["2020-01-01", "2021-01-01"], [0.40, 0.30], indicator="late_dossiers")
    tg = target(10, "2022-01-01", "<=", indicator="late_dossiers")
    g = by_measure(gap_to_target(obs, tg, higher_is_better=False).to_frame())
    assert g.loc["absolute_gap_pp", "value"] == pytest.approx(20.0)
    obs_cagr = 0.30 / 0.40 - 1
    req_base = (10 / 40) ** 0.5 - 1
    assert g.loc["cagr_ratio", "value"] == pytest.approx(-obs_cagr / abs(req_base))
    assert g.loc["cagr_ratio", "classification"] == "limited progress"
    assert g.loc["progress_share_since_base", "value"] == pytest.approx(10 / 30)
    assert g.loc["required_logit_slope", "value"] == pytest.approx(logit(0.1) - logit(0.3))
    assert g.loc["required_logit_slope", "value"] < 0
    assert (g["direction"] == "lower is better").all()
    # the wrong direction reverses the verdict: the ratio changes sign
    h = by_measure(gap_to_target(obs, tg, higher_is_better=True).to_frame())
    assert h.loc["cagr_ratio", "value"] == pytest.approx(-g.loc["cagr_ratio", "value"])


def test_direction_is_required():
    with pytest.raises(TypeError):
        gap_to_target(series(["2023-12-31"], [0.1]), target())  # no default direction
    with pytest.raises(ModelInputError):
        gap_to_target(series(["2023-12-31"], [0.1]), target(), higher_is_better="yes")


def test_direction_from_comparator_when_not_in_codebook():
    obs = series(["2023-12-31"], [0.2], indicator="unknown_ind")
    tg = pd.DataFrame([target(indicator="unknown_ind", comparator="<=", value=10)])
    g = compute_gaps(obs, tg, codebook={})
    assert (g["direction"] == "lower is better").all()
    assert g["direction_source"].str.contains("comparator").all()


# --------------------------------------------------------------------------- intervals
def test_fitted_series_intervals_match_the_fit():
    k = np.array([50, 90, 160, 250])
    obs = series(["2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31"], k / 1000, k,
                 [1000] * 4)
    fit = fit_adoption(obs)
    g = by_measure(gap_to_target(obs, target(50, comparator=">="), higher_is_better=True,
                                 fit=fit).to_frame())
    assert g.loc["observed_logit_slope", "value"] == pytest.approx(fit.slope_per_year)
    assert g.loc["observed_logit_slope", "ci_lower"] == pytest.approx(fit.slope_ci[0])
    pred = fit.predict(["2025-12-31"]).iloc[0]
    row = g.loc["projected_value_at_deadline"]
    assert (row["value"], row["ci_lower"], row["ci_upper"]) == pytest.approx(
        (100 * pred["mean"], 100 * pred["ci_lower"], 100 * pred["ci_upper"]))
    assert row["ci_lower"] < 50 < row["ci_upper"]
    assert row["classification"].endswith("(interval includes the target)")
    ye = fit.year_reaching(0.5)
    yr = g.loc["year_target_reached"]
    assert (yr["value"], yr["ci_lower"], yr["ci_upper"]) == pytest.approx(
        (ye.estimate, ye.ci_lower, ye.ci_upper))
    e = g.loc["escap_anticipated_gap"]
    assert e["value"] == pytest.approx((50 - row["value"]) / (50 - 5))
    assert e["ci_lower"] == pytest.approx((50 - row["ci_upper"]) / 45)
    assert (g["fit_method"] == "binomial GLM (counts)").all()


def test_moving_away_is_never_reached():
    obs = series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.30, 0.25, 0.22])
    g = by_measure(gap_to_target(obs, target(50), higher_is_better=True).to_frame())
    assert g.loc["cagr_ratio", "classification"] == "moving away"
    assert g.loc["progress_share_since_base", "classification"] == "regressed since base"
    assert g.loc["year_target_reached", "classification"] == "never at the observed pace"
    assert math.isnan(g.loc["year_target_reached", "value"])
    assert "moves away" in g.loc["year_target_reached", "note"]


# --------------------------------------------------------------------------- edge cases
def test_deadline_passed_is_not_applicable():
    obs = series(["2020-12-31", "2023-12-31"], [0.2, 0.3])
    g = by_measure(gap_to_target(obs, target(50, "2022-12-31"), higher_is_better=True)
                   .to_frame())
    for m in ("required_cagr", "required_logit_slope", "unsd_progress_ratio"):
        assert g.loc[m, "classification"] == "not applicable"
        assert "on or before the latest observation" in g.loc[m, "note"]
    assert g.loc["absolute_gap_pp", "value"] == pytest.approx(20.0)


def test_target_of_100_percent_and_zero_values():
    obs = series(["2021-12-31", "2023-12-31"], [0.0, 0.4])
    g = by_measure(gap_to_target(obs, target(100, comparator=">="), higher_is_better=True)
                   .to_frame())
    # a logistic curve never reaches 100%: the logit measures aim 1 point inside it
    assert g.loc["required_logit_slope", "value"] == pytest.approx(
        (logit(0.99) - logit(0.4)) / 2)
    assert "UNSD" in g.loc["required_logit_slope", "note"]
    # zero base: Open SDG replaces it by 0.001 and the note says so
    assert g.loc["observed_cagr", "value"] == pytest.approx((40 / 0.001) ** 0.5 - 1)
    assert "0.001" in g.loc["observed_cagr", "note"]
    # the exact line through a 0% share does not exist
    assert "no fitted curve" in g.loc["projected_value_at_deadline", "note"]


def test_target_of_100_percent_projection_within_one_point():
    k = np.array([500, 800, 950, 990])
    obs = series(["2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31"], k / 1000, k,
                 [1000] * 4)
    g = by_measure(gap_to_target(obs, target(100, comparator=">="), higher_is_better=True)
                   .to_frame())
    proj = g.loc["projected_value_at_deadline"]
    assert 99 <= proj["value"] < 100
    assert proj["classification"].startswith("projected to meet target")
    assert g.loc["year_target_reached", "value"] < decimal_year("2023-12-31") + 0.5
    assert g.loc["escap_anticipated_gap", "classification"] == "maintain progress"


def test_target_not_in_percent_gives_insufficient_rows():
    obs = series(["2023-12-31"], [0.2])
    g = gap_to_target(obs, target(unit="count"), higher_is_better=True).to_frame()
    assert (g["classification"] == "insufficient data").all()
    assert g["note"].str.contains("not a percent").all()


def test_no_silent_nan():
    obs = pd.concat([
        series(["2023-12-31"], [0.0103]),
        series(["2022-12-31", "2023-03-31"], [0.56, 0.81], pid="30", province="Hải Dương"),
        series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.1, 0.2, 0.3], pid="96",
               province="Cà Mau"),
        series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.0, 0.0, 0.4], pid="01",
               province="Hà Nội"),
    ])
    g = compute_gaps(obs, pd.DataFrame([target(), target(80, "2030-12-31", ">=",
                                                          target_id="t2030")]),
                     codebook=CODEBOOK)
    assert list(g.columns) == GAP_COLUMNS
    assert len(g) == 4 * 2 * len(MEASURES)
    empty = g["value"].isna()
    assert g.loc[empty, "note"].str.len().gt(0).all()
    assert g.loc[empty, "classification"].isin(
        ["insufficient data", "not applicable", "never at the observed pace"]).all()
    assert g["method"].str.len().gt(0).all() and g["n_obs"].ge(1).all()
    assert (g["measure"] == "projected_value_at_deadline").sum() == 8
    keys = list(zip(g["province_id"], g["target_id"], g["measure"].map(MEASURES.index),
                    strict=True))
    assert keys == sorted(keys)


# --------------------------------------------------------------------------- scope
def test_target_scope_and_indicator_matching():
    assert target_applies(target(scope="national"), "91", IND)
    assert target_applies(target(scope="91"), "91", IND)
    assert not target_applies(target(scope="96"), "91", IND)
    assert not target_applies(target(), "91", "other_indicator")
    assert target_applies({"indicator_id": IND, "scope": "1"}, "01", IND)
    obs = pd.concat([series(["2023-12-31"], [0.0103]),
                     series(["2023-12-31"], [0.2], pid="96", province="Cà Mau")])
    tg = pd.DataFrame([target(scope="96", target_id="ca_mau_only"),
                       target(target_id="national", value=60),
                       target(indicator="other", target_id="other")])
    g = compute_gaps(obs, tg, codebook=CODEBOOK)
    pairs = sorted(set(zip(g["province_id"], g["target_id"], strict=True)))
    assert pairs == [("91", "national"), ("96", "ca_mau_only"), ("96", "national")]
    only = compute_gaps(obs, tg, codebook=CODEBOOK, provinces=["91"])
    assert set(only["province_id"]) == {"91"}


def test_compute_gaps_uses_given_fits_and_codebook_ceiling():
    obs = series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.2, 0.35, 0.5])
    cb = {IND: {"higher_is_better": True, "ceiling": "80"}}
    g = by_measure(compute_gaps(obs, pd.DataFrame([target(60, comparator=">=")]),
                                codebook=cb))
    # logit slope is on logit(p / 0.8)
    t = decimal_year("2023-01-01")
    req = (logit(60 / 80) - logit(50 / 80)) / (decimal_year("2025-12-31") - t)
    assert g.loc["required_logit_slope", "value"] == pytest.approx(req)
    assert "ceiling 80%" in g.loc["required_logit_slope", "note"]
    g2 = compute_gaps(obs, pd.DataFrame([target(90, comparator=">=")]), codebook=cb)
    row = by_measure(g2).loc["year_target_reached"]
    assert row["classification"] == "never at the observed pace"
    assert "ceiling" in row["note"]


def test_empty_and_invalid_targets():
    obs = series(["2023-12-31"], [0.1])
    assert list(compute_gaps(obs, pd.DataFrame([target(indicator="x")]),
                             codebook=CODEBOOK).columns) == GAP_COLUMNS
    with pytest.raises(ModelInputError, match="missing column"):
        compute_gaps(obs, pd.DataFrame({"indicator": [IND]}), codebook=CODEBOOK)
    with pytest.raises(ModelInputError, match="comparator"):
        gap_to_target(obs, target(comparator="=>"), higher_is_better=True)


# --------------------------------------------------------------------------- registry, codes
def test_measures_are_a_registry_in_output_order():
    from dtanalysis.adoption import _prepare
    from dtanalysis.codes import Measure
    from dtanalysis.gaps import MEASURE_FUNCTIONS, _prepare_series

    assert list(MEASURE_FUNCTIONS) == list(Measure)
    assert MEASURES == [m.value for m in Measure]
    obs = series(["2021-12-31", "2023-12-31"], [0.005, 0.0103])
    r = gap_to_target(obs, target(), higher_is_better=True)
    assert [m.measure for m in r.measures] == MEASURES
    # each registered function gives the row of its measure, with the measure's unit
    s = _prepare_series(_prepare(obs), target(), higher_is_better=True, fit=None,
                        ceiling=None, alpha=0.05, direction_source="argument")
    for measure, fn in MEASURE_FUNCTIONS.items():
        row = fn(s)
        assert repr(row) == repr(r[measure]) and row.value_unit == measure.unit


def test_observations_are_validated_once(monkeypatch):
    from dtanalysis import adoption, gaps

    calls = []
    real = adoption._prepare

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(gaps, "_prepare", counting)
    monkeypatch.setattr(adoption, "_prepare", counting)
    obs = pd.concat([series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.2, 0.35, 0.5]),
                     series(["2023-12-31"], [0.2], pid="96", province="Cà Mau")])
    tg = pd.DataFrame([target(), target(80, "2030-12-31", ">=", target_id="t2030")])
    compute_gaps(obs, tg, codebook=CODEBOOK)  # fits the curves itself
    assert len(calls) == 1
    calls.clear()
    gap_to_target(obs[obs["province_id"] == "91"], target(), higher_is_better=True)
    assert len(calls) == 1


def _varied_gaps():
    """gaps rows over series and targets that reach every branch of the measures."""
    cases = [
        (series(["2023-12-31"], [0.0103]), target()),
        (series(["2021-12-31", "2023-12-31"], [0.005, 0.0103]), target()),
        (series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.2, 0.35, 0.5]), target(60)),
        (series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.5, 0.35, 0.2]), target(60)),
        (series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.2, 0.35, 0.5]), target(40)),
        (series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.2, 0.35, 0.5]),
         target(100, "2040-12-31", ">=")),
        (series(["2021-01-01", "2022-01-01", "2023-01-01"], [0.0, 0.3, 0.5]),
         target(0, "2025-12-31", "<=")),
        (series(["2021-01-01", "2023-01-01"], [0.2, 0.5]), target(60, "2022-06-30")),
        (series(["2021-01-01", "2023-01-01"], [0.2, 0.5]), target(60, "2020-06-30")),
        (series(["2021-01-01", "2023-01-01"], [0.2, 0.2]), target(20, comparator=">=")),
        (series(["2023-01-01"], [0.2]), target(unit="count")),
    ]
    frames = [compute_gaps(o, pd.DataFrame([t]), codebook=CODEBOOK) for o, t in cases]
    lower = {IND: {"higher_is_better": "false", "ceiling": ""}}
    frames += [compute_gaps(o, pd.DataFrame([t]), codebook=lower) for o, t in cases]
    return pd.concat(frames, ignore_index=True)


def test_every_classification_is_a_progress_code():
    from dtanalysis.codes import Progress

    g = _varied_gaps()
    codes = {Progress(c) for c in g["classification"]}  # ValueError on an unknown text
    assert len(codes) >= 25
    for m, fn_codes in (("projected_value_at_deadline", {Progress.PROJECTED_MEET,
                                                         Progress.PROJECTED_MISS}),
                        ("year_target_reached", {Progress.BEFORE_DEADLINE,
                                                 Progress.AFTER_DEADLINE})):
        seen = {Progress(c).base for c in g.loc[g["measure"] == m, "classification"]}
        assert seen & fn_codes
    # the qualified forms are members whose base is the plain classification
    assert Progress.PROJECTED_MISS.with_interval_straddle(True) is Progress.PROJECTED_MISS_UNCLEAR
    assert Progress.AFTER_DEADLINE_UNCLEAR.base is Progress.AFTER_DEADLINE
    assert Progress.AFTER_DEADLINE_UNCLEAR.interval_straddles
    assert not Progress.ON_TRACK.interval_straddles
    with pytest.raises(ValueError):
        Progress.ON_TRACK.with_interval_straddle(True)
    # the table holds plain text, the result objects hold codes
    assert all(type(c) is str for c in g["classification"])
    r = gap_to_target(series(["2023-12-31"], [0.0103]), target(), higher_is_better=True)
    assert all(isinstance(m.classification, Progress) for m in r.measures)


# --------------------------------------------------------------------------- rank targets
def _rank_panel(ranks, years, *, pid="91", province="Kiên Giang", size=63):
    return pd.DataFrame({
        "unit_kind": "province_pre2025", "province_id": pid, "province": province,
        "indicator": "dti_rank", "period_start": [f"{y}-01-01" for y in years],
        "period_end": [f"{y}-12-31" for y in years], "measure_type": "level",
        "value": ranks, "unit": "rank", "denominator": size, "share": np.nan,
        "observation_ids": [f"{pid}.{y}" for y in years]})


def _rank_gaps(panel, targets=None):
    from dtanalysis.gaps import compute_rank_gaps
    from dtanalysis.ranks import rank_trajectories
    from dtanalysis.reference import load_targets

    ranks = rank_trajectories(panel)
    return compute_rank_gaps(ranks, load_targets() if targets is None else targets)


def test_rank_targets_are_sourced_in_targets_csv():
    from dtanalysis.reference import load_targets

    t = load_targets().set_index("target_id")
    ranks = t[t["unit"] == "rank"]
    assert {"91-dti-2023-top20", "30-nq06-dx-top20-2025", "30-nq06-dx-top15-2030"} <= set(
        ranks.index)
    assert set(ranks["comparator"]) == {"<="} and set(ranks["indicator_id"]) == {"dti_rank"}
    assert t.loc["91-dti-2023-top20", "status"] == "secondary"
    assert t.loc["30-nq06-dx-top20-2025", "status"] == "verified"
    assert t.loc["91-dti-2023-top20", "value"] == 20 and t.loc["30-nq06-dx-top15-2030",
                                                               "value"] == 15
    assert "nhóm 20" in t.loc["91-dti-2023-top20", "quote"]


def test_gaps_to_a_rank_target_places_to_go_and_pace():
    from dtanalysis.codes import RankMeasure as Measure
    from dtanalysis.gaps import RANK_MEASURES

    g = _rank_gaps(_rank_panel([9, 24, 32], [2020, 2021, 2022]))
    kg = g[g["target_id"] == "91-dti-2023-top20"].set_index("measure")
    assert list(kg.index) == RANK_MEASURES
    assert kg.loc[Measure.RANK_GAP, "value"] == 12          # 32 - 20 places to climb
    assert kg.loc[Measure.RANK_GAP, "classification"] == Progress.NOT_MET
    assert kg.loc[Measure.RANK_GAP, "target_unit"] == "rank"
    assert kg.loc[Measure.RANK_GAP, "direction"] == "lower is better"
    assert kg.loc[Measure.RANK_PERCENTILE_GAP, "value"] == pytest.approx(31 / 62 - 19 / 62)
    assert kg.loc[Measure.YEARS_LEFT, "value"] == pytest.approx(1.0)
    assert kg.loc[Measure.REQUIRED_RANK_PACE, "value"] == pytest.approx(12.0)
    # observed pace over 2021-2022 only: 2020 lies across the DTI method break
    obs = kg.loc[Measure.OBSERVED_RANK_PACE]
    assert obs["value"] == pytest.approx(-8.0) and obs["classification"] == Progress.MOVING_AWAY
    assert "2021–2022, 2 comparable rankings" in obs["note"]
    assert "34" not in kg.loc[Measure.RANK_GAP, "note"]     # a 2023 deadline: 63 only


def test_rank_pace_needs_two_comparable_years_and_the_set_change_is_stated():
    from dtanalysis.codes import RankMeasure as Measure

    g = _rank_gaps(_rank_panel([14, 14], [2020, 2021], pid="30", province="Hải Dương"))
    hd = g[g["target_id"] == "30-nq06-dx-top20-2025"].set_index("measure")
    assert hd.loc[Measure.RANK_GAP, "classification"] == Progress.MET
    pace = hd.loc[Measure.OBSERVED_RANK_PACE]
    assert math.isnan(pace["value"]) and pace["classification"] == Progress.INSUFFICIENT
    assert "fewer than two comparable rankings" in pace["note"]
    assert "from 2025 the 34 merged units" in hd.loc[Measure.RANK_GAP, "note"]
    assert set(g["target_id"]) == {"30-nq06-dx-top20-2025", "30-nq06-dx-top15-2030"}


def test_rank_targets_give_no_rows_without_rank_observations_and_refuse_a_wrong_comparator():
    from dtanalysis.gaps import compute_rank_gaps, sort_gaps
    from dtanalysis.reference import load_targets

    empty = compute_rank_gaps(pd.DataFrame(), load_targets())
    assert empty.empty and list(empty.columns) == GAP_COLUMNS
    bad = pd.DataFrame([{"target_id": "t", "indicator_id": "dti_rank", "scope": "91",
                         "comparator": ">=", "value": 20, "unit": "rank",
                         "deadline": "2025-12-31"}])
    with pytest.raises(ModelInputError, match="a rank target is '<='"):
        _rank_gaps(_rank_panel([9, 24], [2021, 2022]), bad)
    ranks = _rank_gaps(_rank_panel([24, 32], [2021, 2022]))
    share = compute_gaps(series(["2023-12-31"], [0.0103]), pd.DataFrame([target()]),
                         codebook=CODEBOOK)
    both = sort_gaps(share, ranks, empty)
    assert list(both.columns) == GAP_COLUMNS and len(both) == len(share) + len(ranks) == 16
    assert both["measure"].tolist() == MEASURES + [str(m) for m in ranks["measure"]]
    pd.testing.assert_frame_equal(sort_gaps(share, empty), share)  # types kept


def test_targets_declaration_accepts_rank_targets_and_checks_them():
    from dtanalysis.reference import load_targets
    from dtanalysis.tables import SchemaError, columns, table

    row = load_targets().set_index("target_id").loc["30-nq06-dx-top20-2025"]
    base = {**row.to_dict(), "target_id": "x"}

    def csv(**change):
        return pd.DataFrame([{**base, **change}], columns=columns("targets")).to_csv(index=False)

    t = table("targets")
    assert len(t.read_csv_text(csv(), "targets.csv")) == 1
    with pytest.raises(SchemaError, match="comparator is not '<=' or '<'"):
        t.read_csv_text(csv(comparator=">="), "targets.csv")
    with pytest.raises(SchemaError, match="not a whole number of at least 1"):
        t.read_csv_text(csv(value=0.5), "targets.csv")
    with pytest.raises(SchemaError, match="codebook unit is not rank"):
        t.read_csv_text(csv(indicator_id="dti_score"), "targets.csv")
    with pytest.raises(SchemaError, match="percent target whose comparator"):
        t.read_csv_text(csv(unit="percent", comparator="<="), "targets.csv")
