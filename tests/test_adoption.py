"""Tests for dtanalysis.adoption: logistic adoption curves on sparse series."""
from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from dtanalysis.adoption import (
    ADOPTION_COLUMNS,
    CURVE_COLUMNS,
    AdoptionFit,
    ModelInputError,
    adoption_table,
    curve_grid,
    curves_for_panel,
    curves_table,
    decimal_year,
    expit,
    figure_grid,
    fit_adoption,
    fit_adoption_curves,
    logit,
    observations_from_panel,
    pooled_slope_test,
    time_distance,
)
from dtanalysis.codes import FitMethod, FitStatus
from dtanalysis.errors import DtanalysisError


def series(dates, shares=None, successes=None, trials=None, pid="91", province="Kiên Giang",
           indicator="adults_online_public_services"):
    df = pd.DataFrame({"province_id": pid, "province": province, "indicator": indicator,
                       "date": list(dates)})
    if shares is not None:
        df["share"] = list(shares)
    if successes is not None:
        df["successes"] = list(successes)
        df["trials"] = list(trials)
    return df


YEARS3 = ["2021-01-01", "2022-01-01", "2023-01-01"]


# --------------------------------------------------------------------------- time
def test_decimal_year_convention():
    assert decimal_year("2023-01-01") == 2023.0
    assert decimal_year("2023-12-31") == pytest.approx(2023 + 364 / 365)
    assert decimal_year("2024-12-31") == pytest.approx(2024 + 365 / 366)  # leap year
    assert decimal_year("2025-12-31") - decimal_year("2023-12-31") == pytest.approx(2.0)
    assert decimal_year(pd.Timestamp("2022-07-02")) == pytest.approx(2022 + 182 / 365)
    assert decimal_year(2021.5) == 2021.5
    with pytest.raises(ModelInputError):
        decimal_year("31/12/2023")
    with pytest.raises(DtanalysisError):
        decimal_year(None)


def test_logit_expit_roundtrip_and_bounds():
    p = np.array([1e-6, 0.0103, 0.5, 0.99])
    assert np.allclose(expit(logit(p)), p)
    assert logit(0.0) == -math.inf and logit(1.0) == math.inf


# --------------------------------------------------------------------------- fitting
def test_binomial_glm_recovers_noise_free_curve():
    a, b = -3.0, 0.7
    t = np.array([2020.0, 2021.0, 2022.0, 2023.0, 2024.0])
    p = expit(a + b * (t - 2020))
    n = 1e7
    f = fit_adoption(series(t, p, p * n, [n] * 5))
    assert f.method == FitMethod.BINOMIAL
    # a noise-free fit is a "perfect prediction" for statsmodels: kept and reported
    assert f.status == FitStatus.PERFECT_PREDICTION
    assert f.slope_per_year == pytest.approx(b, abs=1e-6)
    assert f.intercept == pytest.approx(a, abs=1e-6)
    assert f.slope_ci[0] < b < f.slope_ci[1]
    assert f.df_resid == 3 and f.n_obs == 5 and f.n_dates == 5


def test_var_weights_form_matches_two_column_endog():
    import statsmodels.api as sm

    k, n = np.array([30, 55, 103]), np.array([10000] * 3)
    f = fit_adoption(series(["2021-01-01", "2022-01-01", "2023-01-01"], k / n, k, n))
    X = np.column_stack([np.ones(3), [1.0, 2.0, 3.0]])
    ref = sm.GLM(np.column_stack([k, n - k]), X, family=sm.families.Binomial()).fit()
    assert f.intercept == pytest.approx(ref.params[0], rel=1e-7)
    assert f.slope_per_year == pytest.approx(ref.params[1], rel=1e-7)


def test_fractional_logit_uses_hc1_with_small_sample_factor():
    import statsmodels.api as sm

    y = np.array([0.07, 0.10, 0.17, 0.25, 0.38])
    t = [2020.5, 2021.5, 2022.5, 2023.5, 2024.5]
    f = fit_adoption(series(t, y))
    assert f.method == FitMethod.FRACTIONAL
    X = np.column_stack([np.ones(5), np.array(t) - 2020])
    hc0 = sm.GLM(y, X, family=sm.families.Binomial()).fit(cov_type="HC0").cov_params()
    assert np.allclose(np.array(f.cov), np.asarray(hc0) * 5 / 3)
    assert f.interval_basis == "t, 3 df"
    from scipy import stats
    half = stats.t.ppf(0.975, 3) * math.sqrt(f.cov[1][1])
    assert f.slope_ci == pytest.approx((f.slope_per_year - half, f.slope_per_year + half))


def _coverage(rng, reps, counts, overdispersion=0.0):
    a, b = -3.0, 0.6
    t = np.array([2020.5, 2021.5, 2022.5, 2023.5, 2024.5])
    n = 400
    hits = 0
    for _ in range(reps):
        p = expit(a + b * (t - 2020))
        if overdispersion:
            c = 1 / overdispersion - 1
            p = rng.beta(p * c, (1 - p) * c)
        k = rng.binomial(n, p)
        f = fit_adoption(series(t, k / n, k if counts else None, [n] * 5 if counts else None))
        hits += f.slope_ci[0] <= b <= f.slope_ci[1]
    return hits / reps


# 200 replications: the standard error of a coverage estimate near 0.95 is
# sqrt(0.95 * 0.05 / 200) = 0.015, so [0.90, 0.99] is about ±3 SE around 0.945.
# (With 1000 replications the binomial GLM gave 0.971 on pure binomial data, being
# deliberately conservative via max(1, dispersion) and t quantiles, and 0.945 on
# overdispersed data; the fractional logit gave 0.94.)
def test_binomial_slope_interval_coverage():
    cov = _coverage(np.random.default_rng(20240501), 200, counts=True)
    assert 0.90 <= cov <= 0.99


def test_binomial_slope_interval_coverage_overdispersed():
    cov = _coverage(np.random.default_rng(11), 200, counts=True, overdispersion=0.01)
    assert 0.90 <= cov <= 0.99


def test_fractional_logit_slope_interval_coverage():
    cov = _coverage(np.random.default_rng(5), 200, counts=False)
    assert 0.90 <= cov <= 0.99


def test_overdispersion_widens_never_shrinks():
    k = np.array([50, 160, 130, 400, 420])
    n = np.array([1000] * 5)
    t = [2020, 2021, 2022, 2023, 2024]
    f = fit_adoption(series(t, k / n, k, n))
    assert f.dispersion > 1
    assert f.interval_basis == "t, 3 df"
    assert any("overdispersion" in w for w in f.warnings)
    # near-perfect data: dispersion < 1 keeps the binomial scale
    p = expit(-2 + 0.5 * np.arange(5))
    g = fit_adoption(series(t, p, np.round(p * 1000), n))
    assert g.dispersion < 1 and g.interval_basis == "normal"
    assert any("never shrunk" in w for w in g.warnings)


# --------------------------------------------------------------------------- edge cases
def test_single_observation_kien_giang():
    f = fit_adoption(series(["2023-12-31"], [0.0103], [13484], [13484 / 0.0103]))
    assert f.method == FitMethod.SINGLE and f.status == FitStatus.SINGLE
    assert not f.has_curve and math.isnan(f.slope_per_year)
    assert any("one observation" in w for w in f.warnings)
    p = f.predict(["2025-12-31"])
    assert math.isnan(p["mean"].iloc[0]) and "no curve" in p["note"].iloc[0]
    y = f.year_reaching(0.5)
    assert math.isnan(y.estimate) and "no curve" in y.note
    row = f.to_frame().iloc[0]
    assert row["status"] == FitStatus.SINGLE and row["n_obs"] == 1
    assert row["last_share"] == pytest.approx(0.0103)


def test_two_observations_exact_hai_duong():
    f = fit_adoption(series(["2022-12-31", "2023-03-31"], [0.56, 0.81], pid="30",
                            province="Hải Dương", indicator="applications_online"))
    t1, t2 = decimal_year("2022-12-31"), decimal_year("2023-03-31")
    b = (logit(0.81) - logit(0.56)) / (t2 - t1)
    assert f.method == FitMethod.EXACT and f.status == FitStatus.EXACT
    assert f.slope_per_year == pytest.approx(b)
    assert f.df_resid == 0 and not f.has_interval
    assert all(math.isnan(v) for v in (*f.slope_ci, *f.intercept_ci))
    assert any("no interval" in w for w in f.warnings)
    p = f.predict(["2022-12-31", "2023-03-31"])
    assert p["mean"].to_numpy() == pytest.approx([0.56, 0.81])
    assert p["ci_lower"].isna().all() and (p["note"].str.contains("no interval")).all()
    y = f.year_reaching(0.9)
    assert y.estimate == pytest.approx(t1 + (logit(0.9) - logit(0.56)) / b)
    assert math.isnan(y.ci_lower) and "no interval" in y.note and y.extrapolated


def test_zero_residual_df_with_counts_reports_no_interval():
    f = fit_adoption(series(["2021-06-30", "2023-06-30"], None, [50, 120], [1000, 1000]))
    assert f.df_resid == 0 and f.cov is None and f.status == FitStatus.EXACT
    assert math.isnan(f.dispersion)
    assert any("counts are available" in w for w in f.warnings)
    assert f.to_frame()["interval_basis"].iloc[0] == "none"


def test_all_observations_at_same_date():
    f = fit_adoption(series(["2023-06-30"] * 3, [0.2, 0.3, 0.25]))
    assert f.status == FitStatus.SAME_DATE and f.method == FitMethod.SINGLE
    assert not f.has_curve and any("same" in w or "share the date" in w for w in f.warnings)


def test_share_exactly_zero_without_separation_fits():
    f = fit_adoption(series(YEARS3, None, [0, 3, 9], [400] * 3))
    assert f.status == FitStatus.FITTED and f.method == FitMethod.BINOMIAL
    assert math.isfinite(f.slope_per_year) and f.slope_per_year > 0
    assert any("exactly 0%" in w for w in f.warnings)


@pytest.mark.parametrize("shares,edge", [([0.0, 0.3], "0%"), ([0.5, 1.0], "100%")])
def test_share_zero_or_one_at_two_points(shares, edge):
    f = fit_adoption(series(YEARS3[:2], shares))
    assert f.status == FitStatus.BOUNDARY and f.method == FitMethod.NONE
    assert not f.has_curve and any(edge in w for w in f.warnings)


@pytest.mark.parametrize("counts", [[0, 0, 50], [0, 0, 0], [50, 50, 0]])
def test_perfect_separation_detected(counts):
    f = fit_adoption(series(YEARS3, None, counts, [50] * 3))
    assert f.status == FitStatus.SEPARATION and not f.has_curve
    assert any("separation" in w for w in f.warnings)


def test_quasi_complete_separation_fractional():
    f = fit_adoption(series(YEARS3, [0.0, 0.0, 0.4]))
    assert f.status == FitStatus.SEPARATION


def test_statsmodels_perfect_separation_warning_is_caught():
    # A finite MLE exists, but fitted shares hit 0/1 numerically.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may leak out
        f = fit_adoption(series(["2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01"],
                                None, [0, 1, 9999, 10000], [10000] * 4))
    assert f.status == FitStatus.PERFECT_PREDICTION
    assert any("PerfectSeparationWarning" in w for w in f.warnings)


def test_ceiling_below_100_recovers_curve():
    a, b, k = -2.0, 0.8, 0.8
    t = np.array([2020.0, 2021.0, 2022.0, 2023.0])
    p = k * expit(a + b * (t - 2020))
    f = fit_adoption(series(t, p, p * 1e7, [1e7] * 4), ceiling=80)
    assert f.ceiling == 0.8 and f.slope_per_year == pytest.approx(b, abs=1e-5)
    far = f.predict(["2040-01-01"])
    assert far["mean"].iloc[0] < 0.8 and far["ci_upper"].iloc[0] <= 0.8
    assert f.to_frame()["ceiling"].iloc[0] == 80
    assert any("ceiling 80%" in w for w in f.warnings)
    codebook = pd.DataFrame({"indicator_id": ["adults_online_public_services"],
                             "ceiling": ["80"]})
    fits = fit_adoption_curves(series(t, p, p * 1e7, [1e7] * 4), codebook)
    assert next(iter(fits.values())).ceiling == 0.8


def test_observation_above_ceiling_drops_ceiling_with_warning():
    f = fit_adoption(series(YEARS3, [0.2, 0.5, 0.85]), ceiling=80)
    assert f.ceiling == 1.0 and f.has_curve
    assert any("ceiling was not used" in w for w in f.warnings)


def test_invalid_inputs_raise_model_input_error():
    with pytest.raises(ModelInputError, match="outside 0–1"):
        fit_adoption(series(YEARS3, [10, 20, 30]))
    both = pd.concat([series(YEARS3, [0.1, 0.2, 0.3]), series(YEARS3, [0.1, 0.2, 0.3], pid="96")])
    with pytest.raises(ModelInputError, match="one province"):
        fit_adoption(both)
    with pytest.raises(ModelInputError, match="percent"):
        fit_adoption(series(YEARS3, [0.1, 0.2, 0.3]), ceiling=0.8)
    with pytest.raises(ModelInputError, match="impossible"):
        fit_adoption(series(YEARS3, None, [5, 20, 30], [10, 10, 10]))
    with pytest.raises(ModelInputError):
        fit_adoption(series(YEARS3, [np.nan] * 3))


def test_counts_override_conflicting_share():
    f = fit_adoption(series(YEARS3, [0.1, 0.5, 0.3], [10, 20, 30], [100] * 3))
    assert f.shares == pytest.approx((0.1, 0.2, 0.3))
    assert any("counts were used" in w for w in f.warnings)


def test_approximate_and_rows_without_share_are_reported():
    df = series(["2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01"],
                [0.1, np.nan, 0.2, 0.3])
    df["approximate"] = [False, False, True, False]
    f = fit_adoption(df)
    assert f.n_obs == 3
    assert any("ignored" in w for w in f.warnings) and any("approximate" in w for w in f.warnings)


# --------------------------------------------------------------------------- year reaching
def test_year_reaching_fieller_matches_prediction_band():
    k = np.array([40, 90, 150, 260, 330])
    n = np.array([1000] * 5)
    t = [2019, 2020, 2021, 2022, 2023]
    f = fit_adoption(series(t, k / n, k, n))
    y = f.year_reaching(0.5)
    assert y.method == "Fieller" and y.ci_lower < y.estimate < y.ci_upper
    # Fieller bounds are where the pointwise band crosses the level
    band = f.predict([y.ci_lower, y.ci_upper])
    assert band["ci_upper"].iloc[0] == pytest.approx(0.5, abs=1e-9)
    assert band["ci_lower"].iloc[1] == pytest.approx(0.5, abs=1e-9)
    assert y.extrapolated
    with pytest.raises(ModelInputError):
        f.year_reaching(50)


def test_year_reaching_unbounded_when_slope_not_significant():
    f = fit_adoption(series([2020, 2021, 2022, 2023], [0.20, 0.30, 0.18, 0.27]))
    assert f.slope_ci[0] < 0 < f.slope_ci[1]
    y = f.year_reaching(0.5)
    assert math.isnan(y.ci_lower) and "unbounded" in y.note


# --------------------------------------------------------------------------- comparison
def test_time_distance_exact_lines():
    # A: logit p = -3 + 1.0 (t - 2020); B: logit p = -3 + 0.5 (t - 2020)
    ta = [2020.0, 2022.0]
    fa = fit_adoption(series(ta, expit(-3 + np.array([0.0, 2.0])), pid="91"))
    fb = fit_adoption(series(ta, expit(-3 + 0.5 * np.array([0.0, 2.0])), pid="96"))
    td = time_distance(fa, fb, 0.5)
    assert td.year_a == pytest.approx(2023.0) and td.year_b == pytest.approx(2026.0)
    assert td.value == pytest.approx(3.0)
    assert math.isnan(td.ci_lower) and "no interval" in td.note and td.extrapolated
    assert td.to_frame().shape == (1, 14)


def test_time_distance_delta_interval():
    t = [2020, 2021, 2022, 2023]
    n = [2000] * 4
    ka = np.round(expit(-2 + 0.6 * np.arange(4)) * 2000) + np.array([3, -4, 5, -2])
    kb = np.round(expit(-3 + 0.6 * np.arange(4)) * 2000) + np.array([-2, 4, -3, 2])
    fa = fit_adoption(series(t, None, ka, n, pid="91"))
    fb = fit_adoption(series(t, None, kb, n, pid="96"))
    td = time_distance(fa, fb, 0.2)
    assert td.method.startswith("delta method")
    assert td.value == pytest.approx(1 / 0.6, rel=0.1)
    assert td.ci_lower < td.value < td.ci_upper
    assert td.value - td.ci_lower == pytest.approx(td.ci_upper - td.value)
    assert not td.extrapolated


def test_time_distance_single_observation_says_why():
    fa = fit_adoption(series(["2023-12-31"], [0.0103]))
    fb = fit_adoption(series(YEARS3, [0.1, 0.2, 0.3], pid="96"))
    td = time_distance(fa, fb, 0.2)
    assert math.isnan(td.value) and "single observation" in td.note


def _pooled_obs(slope_b, counts=True):
    t = np.array([2020.0, 2021.0, 2022.0, 2023.0])
    frames = []
    for pid, a, b in (("91", -2.0, 0.6), ("96", -2.5, slope_b)):
        p = expit(a + b * (t - 2020))
        k = np.round(p * 5000)
        frames.append(series(t, k / 5000, k if counts else None, [5000] * 4 if counts else None,
                             pid=pid))
    frames.append(series(["2023-06-30"], [0.3], pid="30"))
    return pd.concat(frames, ignore_index=True)


def test_pooled_slope_test_detects_difference():
    same = pooled_slope_test(_pooled_obs(0.6), "adults_online_public_services")
    diff = pooled_slope_test(_pooled_obs(0.2), "adults_online_public_services")
    assert same.testable and diff.testable
    assert same.p_value > 0.5 and diff.p_value < 1e-6
    assert "LR chi2" in diff.method and diff.df == 1 and diff.n_provinces == 2
    assert diff.excluded == ("30: fewer than two dates",)
    slopes = {pid: s for pid, s, _, _ in diff.slopes}
    assert slopes["96"] == pytest.approx(0.2, abs=0.02)
    assert len(diff.to_frame()) == 2


def test_pooled_slope_test_fractional_and_untestable():
    frac = pooled_slope_test(_pooled_obs(0.2, counts=False), "adults_online_public_services")
    assert frac.testable and "Wald F" in frac.method and frac.p_value < 0.05
    one = pooled_slope_test(series(YEARS3, [0.1, 0.2, 0.3]), "adults_online_public_services")
    assert not one.testable and "fewer than two provinces" in one.reason
    two_pts = pd.concat([series(YEARS3[:2], [0.1, 0.2]), series(YEARS3[:2], [0.1, 0.3], pid="96")])
    zero = pooled_slope_test(two_pts, "adults_online_public_services")
    assert not zero.testable and "residual df" in zero.reason
    assert "not testable" in repr(zero)


# --------------------------------------------------------------------------- tables
def test_adoption_table_and_curve_grid():
    obs = pd.concat([
        series(YEARS3, [0.1, 0.2, 0.35], pid="96", province="Cà Mau"),
        series(["2023-12-31"], [0.0103], pid="91"),
        series(["2022-12-31", "2023-03-31"], [0.56, 0.81], pid="30", province="Hải Dương"),
    ])
    fits = fit_adoption_curves(obs)
    assert list(fits) == sorted(fits)
    tab = adoption_table(fits)
    assert list(tab.columns) == ADOPTION_COLUMNS
    assert list(tab["province_id"]) == ["30", "91", "96"]
    assert list(tab["status"]) == [FitStatus.EXACT, FitStatus.SINGLE, FitStatus.FITTED]
    assert tab["method"].ne("").all() and (tab["n_obs"] >= 1).all()
    assert tab["warnings"].str.len().gt(0).all()
    grid = curve_grid(fits, ["2023-01-01", "2024-01-01"])
    assert list(grid.columns[:7]) == ["province_id", "province", "indicator", "date", "mean",
                                      "ci_lower", "ci_upper"]
    assert set(grid["province_id"]) == {"30", "96"}  # no curve for one observation
    assert grid.loc[grid["province_id"] == "30", "ci_lower"].isna().all()
    cm = grid[grid["province_id"] == "96"]
    assert (cm["ci_lower"] < cm["mean"]).all() and (cm["mean"] < cm["ci_upper"]).all()
    assert list(grid["date"].unique()) == ["2023-01-01", "2024-01-01"]


def test_repr_and_html_render():
    f = fit_adoption(series(YEARS3, [0.1, 0.2, 0.35]))
    assert isinstance(f, AdoptionFit)
    text, page = repr(f), f._repr_html_()
    for s in (FitMethod.FRACTIONAL, "slope per year", "Kiên Giang"):
        assert s in text and s in page
    assert "<table" in page
    single = fit_adoption(series(["2023-12-31"], [0.0103]))
    assert "1.03%" in repr(single) and "one observation" in single._repr_html_()


def test_import_is_cheap():
    code = ("import sys, dtanalysis.adoption, dtanalysis.gaps; "
            "print(sorted(m for m in ('statsmodels', 'scipy', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_observations_from_panel():
    from dtanalysis.adoption import observations_from_panel

    panel = pd.DataFrame({
        "province_id": ["91", "91", "91", "30", "30"],
        "province": ["Kiên Giang", "Kiên Giang", "Kiên Giang", "Hải Dương", "Hải Dương"],
        "indicator": ["dna", "adults_online_public_services", "adults_online_public_services",
                      "applications_online", "applications_online"],
        "period_start": ["", "2023-01-01", "2023-01-01", "2022-12-01", "2023-03-01"],
        "period_end": ["2023-12-31", "2023-12-31", "2023-12-31", "2022-12-31", "2023-03-31"],
        "measure_type": ["level", "level", "flow", "level", "level"],
        "share": [103 / 117, 0.0103, "", 0.56, 0.81],
        "numerator": [103, 13484, 5000, "", ""],
        "denominator": [117, 1309126, "", "", ""],
        "denominator_source": ["", "implied by the share", "", "", ""],
        "approximate": ["false", "false", "false", "true", "false"],
    })
    obs = observations_from_panel(panel)
    assert list(obs.columns) == ["province_id", "province", "indicator", "date", "share",
                                 "successes", "trials", "approximate", "unit_kind",
                                 "index_scale", "method_period"]
    assert len(obs) == 4  # the flow row is not a point on a curve
    dna = obs[obs["indicator"] == "dna"].iloc[0]
    assert (dna["successes"], dna["trials"]) == (103, 117)
    kg = obs[obs["indicator"] == "adults_online_public_services"].iloc[0]
    assert math.isnan(kg["trials"])  # implied denominator: not a binomial sample
    assert observations_from_panel(panel, counts="all")["trials"].notna().sum() == 2
    assert obs["approximate"].tolist() == [True, False, False, False]
    fits = fit_adoption_curves(obs)
    assert fits[("30", "applications_online")].method == FitMethod.EXACT
    assert fits[("91", "dna")].method == FitMethod.SINGLE


# --------------------------------------------------------------------------- curves table
def _three_series():
    return pd.concat([
        series(["2022-12-31", "2023-06-30"], [0.30, 0.45], pid="30", province="Hải Dương"),
        series(["2023-12-31"], [0.0103]),
        series(YEARS3, [0.1, 0.2, 0.35], pid="96", province="Cà Mau"),
    ])


def test_curves_table_has_the_numbers_of_curve_grid():
    obs = _three_series()
    fits = fit_adoption_curves(obs)
    dates = figure_grid(obs, ["2025-12-31"])
    table = curves_table(fits, dates)
    names = list(CURVE_COLUMNS)
    assert list(table.columns) == names
    grid = curve_grid(fits, dates)
    pd.testing.assert_frame_equal(table[list(grid.columns)], grid, check_exact=True)
    assert table["extrapolated"].dtype == bool
    for pid, f in (("30", fits[("30", "adults_online_public_services")]),
                   ("96", fits[("96", "adults_online_public_services")])):
        rows = table[table["province_id"] == pid]
        assert set(rows["method"]) == {f.method.value} and set(rows["status"]) == {f.status.value}
    assert set(table["status"]) == {FitStatus.EXACT, FitStatus.FITTED}  # no row without a curve
    from dtanalysis.tables import table as declared

    kinds = {f.name: f.type for f in declared("curves").fields}
    assert set(kinds.values()) <= {"string", "number", "boolean", "date"}
    assert kinds["date"] == "date" and kinds["extrapolated"] == "boolean"
    assert all(f.description.strip() for f in declared("curves").fields)
    assert table["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_curves_table_round_trips_through_text_at_17_digits(tmp_path):
    obs = _three_series()
    table = curves_table(fit_adoption_curves(obs), figure_grid(obs))
    path = tmp_path / "curves.csv"
    table.to_csv(path, index=False, float_format="%.17g")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("time", "mean", "ci_lower", "ci_upper"):
        have = pd.to_numeric(back[col], errors="coerce").to_numpy()
        want = table[col].to_numpy(dtype=float)
        assert np.array_equal(have, want, equal_nan=True), col
    # the grid dates are calendar dates: decimal years are refused
    with pytest.raises(ModelInputError, match="decimal years|calendar dates"):
        curves_table(fit_adoption_curves(obs), [2023.5])


def test_figure_grid_months_and_observation_dates():
    obs = pd.DataFrame({"date": ["2023-03-15", "2023-12-31", "not a date"]})
    grid = figure_grid(obs)
    # first of every month from six months before the first observation's month ...
    assert grid[0] == pd.Timestamp("2022-09-01")
    # ... to one year after the last observation, plus the observation dates themselves
    assert grid[-1] == pd.Timestamp("2024-12-01")
    assert pd.Timestamp("2023-03-15") in grid and pd.Timestamp("2023-12-31") in grid
    months = [d for d in grid if d.day == 1]
    assert len(months) == 28 and len(grid) == 30 and grid.is_monotonic_increasing
    # a later extra date (a deadline) extends the grid; an earlier one does not
    assert figure_grid(obs, ["2026-07-31"])[-1] == pd.Timestamp("2026-07-01")
    assert figure_grid(obs, ["2020-01-01", "garbage"])[-1] == pd.Timestamp("2024-12-01")
    assert len(figure_grid(pd.DataFrame({"date": ["", None]}))) == 0
    with pytest.raises(ModelInputError, match="date column"):
        figure_grid(pd.DataFrame({"when": ["2023-01-01"]}))


def test_curves_for_panel_fits_the_panel_once():
    panel = pd.DataFrame({
        "province_id": ["96", "96", "96"], "province": "Cà Mau",
        "indicator": "adults_online_public_services", "period_end": YEARS3,
        "measure_type": "level", "share": [0.1, 0.2, 0.35]})
    obs = observations_from_panel(panel)
    want = curves_table(fit_adoption_curves(obs), figure_grid(obs, ["2030-01-01"]))
    pd.testing.assert_frame_equal(curves_for_panel(panel, extra_dates=["2030-01-01"]), want,
                                  check_exact=True)


def test_fit_adoption_curves_validates_once_and_keeps_the_share_conflict_note(monkeypatch):
    from dtanalysis import adoption

    calls = []
    real = adoption._prepare
    monkeypatch.setattr(adoption, "_prepare", lambda *a, **k: calls.append(1) or real(*a, **k))
    obs = series(YEARS3, [0.5, 0.5, 0.7], [10, 20, 30], [100, 100, 100])  # shares ≠ counts
    fits = fit_adoption_curves(obs)
    assert len(calls) == 1
    (fit,) = fits.values()
    assert any("differs from successes/trials" in w for w in fit.warnings)
    assert fit.warnings == fit_adoption(obs).warnings


# --------------------------------------------------------------------------- published series
def _published_panel():
    """Panel rows of the lead's contract: published DTI scores, percent and ranks."""
    rows = [
        # Hải Dương DTI score 2021-2023 (share left empty: rescaled from the codebook scale)
        ("province_pre2025", "30", "Hải Dương", "dti_score", "2021-12-31", 0.45, "score", ""),
        ("province_pre2025", "30", "Hải Dương", "dti_score", "2022-12-31", 0.6383, "score", ""),
        ("province_pre2025", "30", "Hải Dương", "dti_score", "2023-12-31", 0.70, "score", 0.70),
        # the same name before and after the merger: two series
        ("province_pre2025", "31", "Hải Phòng", "dti_score", "2022-12-31", 0.60, "score", 0.60),
        ("province_pre2025", "31", "Hải Phòng", "dti_score", "2023-12-31", 0.68, "score", 0.68),
        ("unit_2025", "", "Hải Phòng", "dti_score", "2024-12-31", 0.74, "score", 0.74),
        ("unit_2025", "", "Cà Mau", "dti_score", "2024-12-31", 0.52, "score", 0.52),
        ("national", "", "Việt Nam", "dti_provincial_mean", "2020-12-31", 0.30, "score", 0.30),
        ("national", "", "Việt Nam", "dti_provincial_mean", "2021-12-31", 0.44, "score", 0.44),
        # a rank has no share: it goes to dtanalysis.ranks
        ("province_pre2025", "30", "Hải Dương", "dti_rank", "2022-12-31", 13, "rank", ""),
        # a PAPI total 8-80
        ("province_pre2025", "91", "Kiên Giang", "papi_score", "2023-12-31", 40.98, "score", ""),
    ]
    return pd.DataFrame(
        [{"unit_kind": k, "province_id": p, "province": n, "indicator": i,
          "period_start": e[:4] + "-01-01", "period_end": e, "measure_type": "level",
          "value": v, "unit": u, "share": s, "numerator": "",
          "denominator": 63 if u == "rank" else "", "origin": "published",
          "observation_ids": f"{p or n}.{i}.{e[:4]}"} for k, p, n, i, e, v, u, s in rows])


def test_bounded_scores_are_modelled_as_shares_with_the_assumption_stated():
    from dtanalysis.codes import Assumption

    obs = observations_from_panel(_published_panel())
    assert "dti_rank" not in set(obs["indicator"])
    hd = obs[(obs["province_id"] == "30") & (obs["indicator"] == "dti_score")]
    assert hd["share"].tolist() == [0.45, 0.6383, 0.70]     # 0-1 scale: share = score
    assert set(hd["index_scale"]) == {"0-1"} and set(hd["unit_kind"]) == {"province_pre2025"}
    papi = obs[obs["indicator"] == "papi_score"].iloc[0]
    assert papi["share"] == pytest.approx((40.98 - 8) / 72) and papi["index_scale"] == "8-80"
    assert math.isnan(papi["trials"])
    fits = fit_adoption_curves(obs)
    fit = fits[("30", "dti_score")]
    assert fit.status is FitStatus.FITTED and Assumption.BOUNDED_INDEX in fit.assumptions
    assert fit.warnings[0].startswith("logistic form assumed for a bounded index: dti_score")
    assert "logistic form assumed for a bounded index" in adoption_table(fits).set_index(
        ["province_id", "indicator"]).loc[("30", "dti_score"), "warnings"]
    # the national mean crosses the DTI method break of 2020/2021 (codebook method_breaks)
    nat = fits[("national:Việt Nam", "dti_provincial_mean")]
    assert Assumption.METHOD_BREAK in nat.assumptions
    assert any("method periods from 2020, from 2021" in w for w in nat.warnings)
    assert Assumption.METHOD_BREAK not in fit.assumptions      # 2021-2023: one period


def test_a_pre_merger_province_and_a_2025_unit_are_different_series():
    obs = observations_from_panel(_published_panel())
    fits = fit_adoption_curves(obs)
    assert fits[("31", "dti_score")].n_obs == 2 and fits[("31", "dti_score")].unit_kind == \
        "province_pre2025"
    unit = fits[("unit_2025:Hải Phòng", "dti_score")]
    assert unit.n_obs == 1 and unit.province_id == "" and unit.series == "unit_2025:Hải Phòng"
    assert fits[("unit_2025:Cà Mau", "dti_score")].n_obs == 1   # not pooled with Hải Phòng
    with pytest.raises(ModelInputError, match="one province"):
        fit_adoption(obs[obs["unit_kind"] == "unit_2025"])
    table = curves_table(fits, figure_grid(obs))
    assert set(table.loc[table["province_id"] == "", "province"]) == {"Việt Nam"}
    assert table[["province_id", "province", "indicator", "method", "time"]].equals(
        table[["province_id", "province", "indicator", "method", "time"]].sort_values(
            ["province_id", "province", "indicator", "method", "time"], kind="mergesort"))


def test_a_prediction_outside_the_observed_period_is_flagged_and_warned():
    """Issue 13 item 4: the API says when a line is extrapolated."""
    import warnings

    from dtanalysis.adoption import ExtrapolationWarning

    obs = pd.DataFrame({"province_id": ["30", "30"], "province": ["Hải Dương"] * 2,
                        "indicator": ["applications_online_share"] * 2,
                        "date": ["2022-12-31", "2023-03-31"], "share": [0.56, 0.81]})
    fit = fit_adoption(obs)
    with pytest.warns(ExtrapolationWarning, match="outside the observed period"):
        out = fit.predict(["2023-02-01", "2023-12-31"])
    assert out["extrapolated"].tolist() == [False, True]
    assert "extrapolated" in out["note"].iloc[1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        inside = fit.predict(["2023-02-01"])               # inside: no warning
        quiet = fit.predict(["2023-12-31"], warn=False)    # callers that report the flag
    assert not inside["extrapolated"].any() and quiet["extrapolated"].all()
