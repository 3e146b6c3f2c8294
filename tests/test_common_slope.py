"""The common-slope model: unit intercepts, one slope, fitted only under a stated assumption.

Simulated data with known slopes: the intervals cover at their nominal rate (within a
binomial tolerance over 200 simulations), and the model refuses, with a reason, when
the slopes differ.
"""
import math

import numpy as np
import pandas as pd
import pytest

from dtanalysis.adoption import (
    ModelInputError,
    adoption_table,
    common_slope_fits,
    curves_table,
    expit,
    figure_grid,
    fit_adoption,
    fit_adoption_curves,
    fit_common_slope,
    fit_common_slopes,
)
from dtanalysis.codes import Assumption, CommonSlopeStatus, FitMethod, FitStatus
from dtanalysis.tables import validate

SLOPE = 0.6
INTERCEPTS = (-2.0, -1.0, -0.3, 0.4)
SINGLE = -1.5          # intercept of the unit observed once, on 2023-01-01
YEARS = (2020, 2021, 2022, 2023, 2024)
N_SIM = 200


def simulate(rng, *, counts, slopes=None, trials=300, precision=60.0):
    """Four units over five years and one unit with a single observation."""
    slopes = slopes or [SLOPE] * len(INTERCEPTS)
    rows = []

    def draw(mu):
        if counts:
            return {"successes": rng.binomial(trials, mu), "trials": trials}
        return {"share": rng.beta(mu * precision, (1 - mu) * precision)}

    for j, (a, b) in enumerate(zip(INTERCEPTS, slopes, strict=True)):
        for y in YEARS:
            rows.append({"province_id": f"{10 + j}", "province": f"P{j}", "indicator": "x",
                         "date": f"{y}-12-31", **draw(expit(a + b * (y + 364 / 365 - 2020)))})
    rows.append({"province_id": "91", "province": "Kiên Giang", "indicator": "x",
                 "date": "2023-01-01", **draw(expit(SINGLE + SLOPE * 3))})
    return pd.DataFrame(rows)


def _tolerance(n, level=0.95):
    """Three binomial standard errors around the nominal coverage."""
    return 3 * math.sqrt(level * (1 - level) / n)


@pytest.mark.parametrize("counts", [True, False], ids=["binomial", "fractional"])
def test_intervals_cover_at_the_nominal_rate_on_simulated_data(counts):
    rng = np.random.default_rng(20261201)
    slope = intercept = mean = fitted = 0
    truth_2025 = expit(SINGLE + SLOPE * 5)
    for _ in range(N_SIM):
        cs = fit_common_slope(simulate(rng, counts=counts), "x")
        if not cs.fitted:
            assert cs.status is CommonSlopeStatus.REJECTED and "p = " in cs.reason
            continue
        fitted += 1
        slope += cs.slope_ci[0] <= SLOPE <= cs.slope_ci[1]
        kg = cs.fits[("91", "x")]
        intercept += kg.intercept_ci[0] <= SINGLE <= kg.intercept_ci[1]
        p = kg.predict(["2025-01-01"]).iloc[0]
        mean += p["ci_lower"] <= truth_2025 <= p["ci_upper"]
    assert fitted >= N_SIM // 2
    tol = _tolerance(fitted)
    for covered in (slope, intercept, mean):
        assert abs(covered / fitted - 0.95) <= tol, (covered, fitted)


def test_it_refuses_with_a_reason_when_the_slopes_differ():
    rng = np.random.default_rng(7)
    obs = simulate(rng, counts=True, slopes=[0.1, 0.2, 1.2, 1.5])
    cs = fit_common_slope(obs, "x")
    assert cs.status is CommonSlopeStatus.REJECTED and not cs.fitted
    assert cs.reason.startswith("the pooled slope test rejects a common slope: p = ")
    assert cs.test.p_value < 0.05 and cs.fits == {} and math.isnan(cs.slope)
    assert "rejects" in repr(cs)


def test_it_refuses_when_the_test_cannot_be_run():
    obs = pd.DataFrame({"province_id": ["30", "30", "91"], "province": ["A", "A", "B"],
                        "indicator": "x", "date": ["2022-12-31", "2023-12-31", "2023-12-31"],
                        "share": [0.2, 0.3, 0.1]})
    cs = fit_common_slope(obs, "x")
    assert cs.status is CommonSlopeStatus.UNTESTABLE
    assert "fewer than two provinces" in cs.reason and cs.fits == {}
    with pytest.raises(ModelInputError, match="no observation with a share"):
        fit_common_slope(obs, "other")


def test_a_single_observation_gets_an_interval_only_under_the_stated_assumption():
    rng = np.random.default_rng(3)
    obs = simulate(rng, counts=False)
    alone = fit_adoption(obs[obs["province_id"] == "91"])
    assert alone.status is FitStatus.SINGLE and not alone.has_curve
    cs = fit_common_slope(obs, "x")
    assert cs.fitted
    kg = cs.fits[("91", "x")]
    assert kg.method is FitMethod.COMMON_FRACTIONAL and kg.status is FitStatus.COMMON_SLOPE
    assert kg.has_interval and kg.n_obs == 1
    assert Assumption.COMMON_SLOPE in kg.assumptions
    assert kg.warnings[0].startswith(f"common slope assumed: pooled slope test p = "
                                     f"{cs.test.p_value:.3g}")
    assert any("only under the common-slope assumption" in w for w in kg.warnings)
    assert kg.slope_per_year == cs.slope and kg.slope_ci == cs.slope_ci


def test_results_explain_themselves_and_draw_in_the_curves_format():
    rng = np.random.default_rng(5)
    obs = pd.concat([simulate(rng, counts=True),
                     pd.DataFrame([{"province_id": "96", "province": "Cà Mau", "indicator": "x",
                                    "date": "2023-12-31", "successes": 0, "trials": 50}])])
    cs = fit_common_slope(obs, "x")
    assert cs.fitted and cs.method == FitMethod.COMMON_BINOMIAL
    assert cs.excluded == (("96: every share is 0%, so its intercept is infinite on the "
                            "logit scale"),)
    frame = cs.summary_frame(["2022-06-01", "2026-01-01"])
    assert list(frame.columns[:7]) == ["series", "province_id", "province", "indicator", "time",
                                       "mean", "mean_se"]
    assert ((frame["mean_ci_lower"] < frame["mean"]) & (frame["mean"] < frame["mean_ci_upper"])
            ).all()
    assert frame["extrapolated"].tolist()[-1]
    rows = cs.to_frame()
    assert set(rows["series"]) == {"10", "11", "12", "13", "91", "96"}
    assert rows.loc[rows["series"] == "96", "excluded"].str.contains("infinite").all()
    coef = cs.coefficients()
    assert coef.loc["slope per year", "estimate"] == cs.slope and len(coef) == 6
    # the curves go into curves.csv beside the unit-by-unit fits, in a stable order
    individual = fit_adoption_curves(obs)
    curves = curves_table(list(individual.values()) + common_slope_fits(cs), figure_grid(obs))
    validate("curves", curves)
    common = curves[curves["status"] == FitStatus.COMMON_SLOPE]
    assert set(common["province_id"]) == {"10", "11", "12", "13", "91"}
    assert set(common["method"]) == {FitMethod.COMMON_BINOMIAL.value}
    assert not common["ci_lower"].isna().any()
    table = adoption_table(list(individual.values()) + common_slope_fits(cs))
    assert (table.groupby(["province_id", "indicator"]).size() <= 2).all()
    assert "CommonSlopeFit(x)" in repr(cs) and "<strong>" in cs._repr_html_()


def test_fit_common_slopes_covers_the_indicators_seen_in_two_units():
    rng = np.random.default_rng(11)
    obs = pd.concat([simulate(rng, counts=True),
                     simulate(rng, counts=True).assign(indicator="y").iloc[:5]])
    results = fit_common_slopes(obs)
    assert list(results) == ["x"]     # "y" is observed in one unit only
    assert all(isinstance(f.warnings, tuple) for f in common_slope_fits(results))
