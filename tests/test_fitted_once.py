"""Fitted once: the build writes what follows from the fits; notebook 2 reads it, fits nothing.

The tables ``time_distances``, ``slope_tests`` and ``adoption_warnings`` are compared
with what the fit objects give (:func:`dtanalysis.adoption.fit_adoption_curves`,
:func:`~dtanalysis.adoption.fit_common_slopes`) on the same panel, after a round trip
through the writer and the typed reader; the page helpers of :mod:`dtanalysis.notebook`
are compared with the same objects; and notebook 2 is run with every fitting function
replaced by one that raises.
"""

from __future__ import annotations

import math
import re
import runpy
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dtanalysis import adoption
from dtanalysis import notebook as nb
from dtanalysis.build import TABLES, model_tables
from dtanalysis.codes import CommonSlopeStatus, DistanceMethod, FitStatus
from dtanalysis.reference import load_codebook, load_targets
from dtanalysis.tables import read_table, write_table

ROOT = Path(__file__).resolve().parent.parent
PROCESSED = ROOT / "data" / "processed"
NOTEBOOK = ROOT / "notebooks" / "02-adoption-curves.py"
NEW_TABLES = ("time_distances", "slope_tests", "adoption_warnings")


def _same(a, b) -> bool:
    """Equal values; floats to 1e-12 relative (the tables write 15 digits), NaN == NaN."""
    if isinstance(a, float | np.floating) or isinstance(b, float | np.floating):
        a, b = float(a), float(b)
        return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12)
    return a == b


def _round_trip(tables: dict, directory: Path) -> dict:
    for name in NEW_TABLES + ("adoption",):
        write_table(name, tables[name], directory)
    return {name: read_table(name, directory) for name in NEW_TABLES + ("adoption",)}


def _logistic_obs() -> pd.DataFrame:
    """Four provinces, one indicator, with counts: every kind of time distance."""
    rows = []
    t = np.arange(4)
    curves = {  # (province_id, name): logit intercept, slope (or a flat or short series)
        ("30", "Hải Dương"): (-2.0, 0.6, [3, -4, 5, -2]),
        ("91", "Kiên Giang"): (-3.0, 0.6, [-2, 4, -3, 2]),
        ("96", "Cà Mau"): (-1.0, 0.0, [30, -25, 20, -30]),
    }
    for (pid, name), (a, b, noise) in curves.items():
        k = np.round(adoption.expit(a + b * t) * 2000) + np.array(noise)
        for year, s in zip(range(2020, 2024), k, strict=True):
            rows.append({"province_id": pid, "province": name, "indicator": "x",
                         "date": f"{year}-12-31", "share": np.nan, "successes": s,
                         "trials": 2000.0})
    for year, share in ((2021, 0.15), (2023, 0.35)):  # an exact line
        rows.append({"province_id": "89", "province": "An Giang", "indicator": "x",
                     "date": f"{year}-12-31", "share": share, "successes": np.nan,
                     "trials": np.nan})
    rows.append({"province_id": "31", "province": "Hải Phòng", "indicator": "x",
                 "date": "2023-12-31", "share": 0.3, "successes": np.nan, "trials": np.nan})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """Fits of the synthetic observations and the new tables, written and read back."""
    obs = _logistic_obs()
    fits = adoption.fit_adoption_curves(obs)
    decisions = adoption.fit_common_slopes(obs)
    every = list(fits.values()) + adoption.common_slope_fits(decisions)
    tables = {
        "adoption": adoption.adoption_table(every),
        "time_distances": adoption.time_distance_table(fits),
        "slope_tests": adoption.slope_test_table(decisions),
        "adoption_warnings": adoption.warnings_table(every),
    }
    return obs, fits, decisions, _round_trip(tables, tmp_path_factory.mktemp("synthetic"))


@pytest.fixture(scope="module")
def committed():
    """The committed panel's fits and the committed tables."""
    panel = read_table("panel", PROCESSED)
    codebook = load_codebook()
    obs = adoption.observations_from_panel(panel, codebook=codebook)
    fits = adoption.fit_adoption_curves(obs, codebook=codebook)
    decisions = adoption.fit_common_slopes(obs, codebook=codebook)
    read = {name: read_table(name, PROCESSED) for name in NEW_TABLES + ("adoption",)}
    return panel, obs, fits, decisions, read


# ----------------------------------------------------------------------------- the build


def test_the_build_declares_and_writes_the_new_tables(committed, tmp_path):
    assert set(NEW_TABLES) <= set(TABLES)
    panel, *_, read = committed
    built = model_tables(panel, load_codebook(), load_targets())
    for name in NEW_TABLES:
        path = write_table(name, built[name], tmp_path)  # validates
        assert path.read_bytes() == (PROCESSED / f"{name}.csv").read_bytes()
        assert len(read[name]) == len(built[name])
    assert len(read["time_distances"]) and len(read["slope_tests"])
    assert len(read["adoption_warnings"])


def _expected_distances(fits) -> list[tuple]:
    """Every ordered pair of own curves of an indicator, from the fit objects."""
    by_indicator: dict[str, list] = {}
    for fit in sorted(fits.values(), key=lambda f: (f.province_id, f.province, f.indicator)):
        if fit.has_curve:
            by_indicator.setdefault(fit.indicator, []).append(fit)
    out = []
    for indicator in sorted(by_indicator):
        group = by_indicator[indicator]
        for a in group:
            for b in group:
                if a is not b:
                    level = adoption.comparison_level(a, b)
                    out.append((a, b, adoption.time_distance(a, b, level)))
    return out


def _check_distances(table: pd.DataFrame, fits) -> None:
    expected = _expected_distances(fits)
    assert len(table) == len(expected)
    for row, (a, b, d) in zip(table.to_dict("records"), expected, strict=True):
        for field, value in vars(d).items():
            assert _same(row[field], str(value) if field == "method" else value), field
        assert (row["fit_method_a"], row["fit_method_b"]) == (str(a.method), str(b.method))
        assert row["value"] == pytest.approx(row["year_b"] - row["year_a"]) or math.isnan(
            row["value"]
        )


def test_time_distances_are_those_of_the_fits(committed, synthetic):
    _, _, fits, _, read = committed
    _check_distances(read["time_distances"], fits)
    _, fits, _, tables = synthetic
    table = tables["time_distances"]
    _check_distances(table, fits)
    # every way a distance is read occurs in the synthetic data
    assert {DistanceMethod.DELTA, DistanceMethod.UNBOUNDED, DistanceMethod.POINT} <= set(
        table["method"]
    )
    assert table["extrapolated"].any() and not table["extrapolated"].all()
    # (b, a) is (a, b) with the sign reversed
    swapped = table.merge(
        table,
        left_on=["indicator", "province_id_a", "province_id_b"],
        right_on=["indicator", "province_id_b", "province_id_a"],
    )
    assert len(swapped) == len(table)
    assert np.allclose(swapped["value_x"], -swapped["value_y"], equal_nan=True)


def _check_slope_tests(table: pd.DataFrame, decisions) -> None:
    assert list(table["indicator"].drop_duplicates()) == list(decisions)
    for indicator, decision in decisions.items():
        rows = table[table["indicator"] == indicator].reset_index(drop=True)
        expected = decision.test.to_frame()
        assert len(rows) == len(expected)
        assert set(rows["status"]) == {str(decision.status)}
        assert set(rows["common_slope_reason"]) == {decision.reason}
        for got, want in zip(rows.to_dict("records"), expected.to_dict("records"), strict=True):
            for field, value in want.items():
                column = "series" if field == "province_id" else field
                assert _same(got[column], value), (indicator, field)


def test_slope_tests_are_those_of_the_common_slope_decisions(committed, synthetic):
    *_, decisions, read = committed
    _check_slope_tests(read["slope_tests"], decisions)
    _, _, decisions, tables = synthetic
    _check_slope_tests(tables["slope_tests"], decisions)
    assert decisions["x"].test.testable and decisions["x"].status is CommonSlopeStatus.REJECTED


def test_adoption_warnings_are_the_fits_warnings_in_order(committed, synthetic):
    _, _, fits, decisions, read = committed
    every = list(fits.values()) + adoption.common_slope_fits(decisions)
    table = read["adoption_warnings"]
    keys = ["province_id", "province", "indicator", "method"]
    got = table.groupby(keys, sort=False)["warning"].apply(tuple).to_dict()
    want = {(f.province_id, f.province, f.indicator, str(f.method)): f.warnings
            for f in every if f.warnings}
    assert got == want
    numbers = table.groupby(keys)["number"].apply(list)
    assert all(n == list(range(1, len(n) + 1)) for n in numbers)
    # a warning with '; ' inside, which adoption.csv's joined column cannot give back
    assert any("; " in w for w in table["warning"])


# ----------------------------------------------------------------------------- the page


def _page(fits, chosen):
    return {k: f for k, f in fits.items() if f.province_id in chosen}


@pytest.mark.parametrize("order", [["30", "91", "96", "89"], ["96", "89", "30"], ["91"]])
def test_page_distances_are_the_old_pairs_in_page_order(synthetic, order):
    _, fits, _, tables = synthetic
    chosen = {pid: pid for pid in order}
    page = _page(fits, chosen)
    rank = {pid: i for i, pid in enumerate(chosen)}
    groups: dict[str, list] = {}
    for fit in page.values():
        if fit.has_curve:
            groups.setdefault(fit.indicator, []).append(fit)
    expected = [
        adoption.time_distance(a, b, adoption.comparison_level(a, b))
        for group in groups.values()
        for a, b in combinations(sorted(group, key=lambda f: rank[f.province_id]), 2)
    ]
    got = nb.time_distances(tables["time_distances"], chosen)
    assert len(got) == len(expected) == math.comb(len([p for p in order if p != "31"]), 2)
    for row, d in zip(got.to_dict("records"), expected, strict=True):
        assert (row["province_id_a"], row["province_id_b"]) == (d.province_id_a, d.province_id_b)
        assert _same(row["value"], d.value) and _same(row["ci_lower"], d.ci_lower)
        assert row["note"] == d.note


def test_page_summaries_count_what_the_fits_give(synthetic):
    obs, fits, _, tables = synthetic
    chosen = {"30": "Hải Dương", "91": "Kiên Giang", "89": "An Giang", "31": "Hải Phòng"}
    page = _page(fits, chosen)
    table = nb.page_series(tables["adoption"], chosen)
    assert len(table) == len(page)
    curves = sum(f.has_curve for f in page.values())
    intervals = sum(f.has_curve and f.has_interval for f in page.values())
    text = nb.series_summary(nb.select_provinces(obs, chosen), table).data
    assert f"**{curves}** series have a curve and **{intervals}** of them" in text
    caveats = sorted({w for f in page.values() for w in f.warnings})
    text = nb.caveats_summary(table, tables["adoption_warnings"]).data
    single = sum(not f.has_curve for f in page.values())
    assert text.startswith(f"Here: **{single}** series")
    assert f"The fits report {len(caveats)} distinct caveats" in text
    assert text.endswith("\n".join(f"- {w}" for w in caveats))
    distances = nb.time_distances(tables["time_distances"], chosen)
    lags = nb.lags_summary(distances, table, nb.indicator_labels(load_codebook(), "en")).data
    assert f"giving **{len(distances)}** comparisons" in lags
    for d in distances.itertuples():
        assert f"by {abs(d.value):.1f} years" in lags


def test_page_slope_test_shows_the_pooled_test_as_before(synthetic):
    obs, _, decisions, tables = synthetic
    table = nb.page_series(tables["adoption"], {p: p for p in ("30", "91", "96", "89", "31")})
    (shown,) = nb.slope_tests(tables["slope_tests"], table)
    test = decisions["x"].test
    # the same test the page used to run on these provinces (ceiling 100%)
    assert repr(adoption.pooled_slope_test(obs, "x")) == repr(test)
    assert repr(shown) == repr(test)
    assert shown._repr_html_() == test._repr_html_()
    assert shown.testable and shown.p_value == pytest.approx(test.p_value, rel=1e-12)
    # a page with one curve of the indicator has no slope comparison
    one = nb.page_series(tables["adoption"], {"30": "Hải Dương"})
    assert nb.slope_tests(tables["slope_tests"], one) == []


def test_page_series_leaves_the_common_slope_curves_out():
    obs = pd.DataFrame({
        "province_id": ["30"] * 3 + ["96"] * 3 + ["91"],
        "province": ["Hải Dương"] * 3 + ["Cà Mau"] * 3 + ["Kiên Giang"],
        "indicator": "x", "date": ["2021-12-31", "2022-12-31", "2023-12-31"] * 2
        + ["2023-12-31"], "share": [0.20, 0.31, 0.41, 0.10, 0.15, 0.25, 0.05]})
    fits = adoption.fit_adoption_curves(obs)
    common = adoption.common_slope_fits(adoption.fit_common_slopes(obs))
    assert common
    table = adoption.adoption_table(list(fits.values()) + common)
    page = nb.page_series(table, {"91": "Kiên Giang", "30": "Hải Dương"})
    assert list(page["status"]) == [str(fits[("30", "x")].status), str(FitStatus.SINGLE)]
    assert adoption.time_distance_table(list(fits.values()) + common).equals(
        adoption.time_distance_table(fits)
    )


# ----------------------------------------------------------------------------- notebook 2

FITTING = (
    "fit_adoption",
    "fit_adoption_curves",
    "fit_common_slope",
    "fit_common_slopes",
    "pooled_slope_test",
    "time_distance",
    "time_distance_table",
    "curves_for_panel",
    "curves_table",
)


def test_notebook_2_source_calls_no_fit():
    source = NOTEBOOK.read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    for name in FITTING:
        assert not re.search(rf"\b{name}\s*\(", code), name
    assert "import adoption" not in code and "adoption." not in code


def _run_notebook(monkeypatch, tmp_path: Path, provinces: list[str]) -> list:
    """Execute notebook 2's code with fitting disabled; return what it displayed."""
    import IPython.display
    from statsmodels.genmod.generalized_linear_model import GLM

    def refuse(*args, **kwargs):
        raise AssertionError("notebook 2 fitted something")

    for name in FITTING:
        monkeypatch.setattr(adoption, name, refuse)
    monkeypatch.setattr(GLM, "fit", refuse)
    shown: list = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    source = NOTEBOOK.read_text(encoding="utf-8")
    source, n = re.subn(
        r"^PROVINCES = .*$", f"PROVINCES = {provinces!r}", source, flags=re.MULTILINE
    )
    assert n == 1
    script = tmp_path / NOTEBOOK.name
    script.write_text(source, encoding="utf-8")
    runpy.run_path(str(script), run_name="__notebook__")
    return shown


def _texts(shown: list) -> str:
    return "\n".join(getattr(o, "data", "") if isinstance(getattr(o, "data", None), str)
                     else repr(o) for o in shown)


def test_notebook_2_runs_without_fitting(monkeypatch, tmp_path, committed):
    _, obs, fits, decisions, _ = committed
    # what the fits give for this page, computed before fitting is disabled
    page = _page(fits, {"89": "", "91": ""})
    a, b = page[("89", "papi_score")], page[("91", "papi_score")]
    d = adoption.time_distance(a, b, adoption.comparison_level(a, b))
    test = adoption.pooled_slope_test(nb.select_provinces(obs, {"89": "", "91": ""}),
                                      "papi_score")
    shown = _run_notebook(monkeypatch, tmp_path, ["An Giang", "Kiên Giang"])
    text = _texts(shown)
    assert "Provinces on this page: **An Giang, Kiên Giang**." in text
    assert f"Kiên Giang trails An Giang by {d.value:.1f} years" in text
    tests = [o for o in shown if isinstance(o, nb.SlopeTest)]
    assert [repr(t) for t in tests] == [repr(decisions["papi_score"].test)] == [repr(test)]
    assert tests[0]._repr_html_() == test._repr_html_()


def test_notebook_2_default_page_fits_nothing(monkeypatch, tmp_path, committed):
    _, obs, fits, _, _ = committed
    chosen = {"91": "Kiên Giang", "96": "Cà Mau", "30": "Hải Dương"}
    page = _page(fits, chosen)
    shown = _run_notebook(monkeypatch, tmp_path, list(chosen.values()))
    text = _texts(shown)
    n_obs = len(nb.select_provinces(obs, chosen))
    assert f"**{n_obs}** observations of a share form **{len(page)}** province" in text
    curves = sum(f.has_curve for f in page.values())
    assert f"({curves} curves in all), so no lag can be read from the data" in text
    assert "two or more units: no slope comparison can be made." in text
    assert "0 of 0" not in text
