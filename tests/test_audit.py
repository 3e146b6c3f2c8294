"""Tests for dtanalysis.audit: the consistency checks, on hand-built figures and the corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from dtanalysis.audit import audit_figures, rounding_interval


@pytest.mark.parametrize("value, raw, true, ok", [
    (88.03, "88,03%", 100 * 103 / 117, True),
    (73.0, "73%", 100 * 2626 / 3597, True),
    (70.6, "70,6%", 100 * 2337 / 3310, True),
    (88.38, "88,38%", 100 * 544420 / 615994, True),
    (70.6, "70,6%", 70.7, False),
    (73.0, "73%", 72.4, False),
])
def test_rounding_tolerance(value, raw, true, ok):
    lo, hi = rounding_interval(value, raw)
    assert (lo <= true < hi) is ok


def _f(fid, raw, unit, value, indicator, **kw):
    base = {"figure_id": fid, "doc_id": fid.split(":")[0], "start": int(fid.split(":")[1].split("-")[0]),
            "raw": raw, "unit": unit, "value": value, "indicator": indicator, "status": "classified",
            "province_id": "91", "province": "Kiên Giang", "period_start": "2023-01-01",
            "period_end": "2023-12-31", "measure_type": "level", "share_numerator": None,
            "share_denominator": None, "share_basis": "", "numerator": None, "denominator": None}
    return {**base, **kw}


def test_percent_against_own_ratio_contradiction():
    df = pd.DataFrame([_f("d:1-4", "75%", "percent", 75.0, "dna_samples_collected",
                          share_numerator=103.0, share_denominator=117.0)])
    a = audit_figures(df)
    assert a["check"].tolist() == ["percent_vs_ratio"] and a["verdict"].tolist() == ["contradiction"]


def test_implied_denominators_disagree_with_table_and_each_other():
    df = pd.DataFrame([
        _f("d:10-15", "1,03%", "percent", 1.03, "adults_online_public_services", share_numerator=13484.0),
        _f("d:20-25", "1,26%", "percent", 1.26, "adults_digital_signature", share_numerator=14229.0),
    ])
    a = audit_figures(df)
    imp = a[a["check"] == "implied_denominator"]
    assert set(imp["verdict"]) == {"info", "contradiction"}
    vs_table = imp[imp["expected"].str.contains("denominators.csv")]
    assert len(vs_table) == 2 and (vs_table["verdict"] == "contradiction").all()
    assert vs_table["explanation"].str.contains("917,621").all()
    pair = imp[imp["expected"].str.contains("implied by")]
    assert len(pair) == 2 and (pair["verdict"] == "contradiction").all()


def test_compatible_implied_denominator_is_ok():
    # 10% of 91,762 ≈ 917,621 adults in 2022: consistent with the table
    df = pd.DataFrame([_f("d:1-4", "10%", "percent", 10.0, "adults_smartphone", share_numerator=91762.0,
                          period_start="2022-01-01", period_end="2022-12-31")])
    a = audit_figures(df)
    row = a[a["expected"].str.contains("denominators.csv")]
    assert row["verdict"].tolist() == ["ok"]


def test_duplicates_conflicts_and_range():
    df = pd.DataFrame([
        _f("a:1-4", "80%", "percent", 80.0, "adults_smartphone"),
        _f("b:1-4", "80%", "percent", 80.0, "adults_smartphone"),
        _f("c:1-4", "82%", "percent", 82.0, "adults_smartphone"),
        _f("d:1-5", "120%", "percent", 120.0, "households_broadband", period_end="2022-12-31"),
        _f("e:1-6", "30/20", "ratio", 30.0, "tasks_completed_national", numerator=30.0, denominator=20.0),
        _f("f:1-6", "130%", "percent", 130.0, "households_broadband", measure_type="change"),
    ])
    a = audit_figures(df).set_index("figure_id")
    assert a.loc["b:1-4", "check"] == "duplicate" and a.loc["b:1-4", "verdict"] == "info"
    assert a.loc["c:1-4", "check"] == "conflict" and a.loc["c:1-4", "verdict"] == "contradiction"
    assert a.loc["d:1-5", "check"] == "range"
    assert a.loc["e:1-6", "check"] == "range"
    assert "f:1-6" not in a.index                      # a change may exceed 100


def test_corpus_audit_findings():
    from dtanalysis.corpus import load_corpus
    from dtanalysis.extract import extract_corpus
    from dtanalysis.panel import build_panel

    docs = load_corpus()
    res = build_panel(extract_corpus(docs).figures, docs)
    a = res.audit
    pv = a[a["check"] == "percent_vs_ratio"]
    assert set(pv["observed"]) == {"88,03%", "73%", "70,6%", "14,4%", "88,38%", "44,88%"}
    assert (pv["verdict"] == "ok").all()
    # the Kiên Giang adult-population disagreement: 13.484 = 1,03% and 14.229 = 1,26% imply
    # about 1.31 and 1.13 million adults; the 2022 paper implies 917.621
    kg = a[(a["check"] == "implied_denominator") & (a["province_id"] == "91")]
    contra = kg[kg["verdict"] == "contradiction"]
    assert len(contra) == 4
    assert contra["expected"].str.contains("917,621").sum() == 2
    info = kg[kg["verdict"] == "info"].set_index("observed")
    assert "1,309,126" in info.loc["1,03%", "explanation"]
    assert "1,129,286" in info.loc["1,26%", "explanation"]
    assert not (a["check"] == "conflict").any()
    assert not (a["check"] == "range").any()
