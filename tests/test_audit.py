"""Tests for dtanalysis.audit: the consistency checks, on hand-built figures and the corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from dtanalysis.audit import audit_figures, rounding_interval
from dtanalysis.codes import AuditCheck, ComparedWith


@pytest.mark.parametrize(
    "value, raw, true, ok",
    [
        (88.03, "88,03%", 100 * 103 / 117, True),
        (73.0, "73%", 100 * 2626 / 3597, True),
        (70.6, "70,6%", 100 * 2337 / 3310, True),
        (88.38, "88,38%", 100 * 544420 / 615994, True),
        (70.6, "70,6%", 70.7, False),
        (73.0, "73%", 72.4, False),
    ],
)
def test_rounding_tolerance(value, raw, true, ok):
    lo, hi = rounding_interval(value, raw)
    assert (lo <= true < hi) is ok


def _f(fid, raw, unit, value, indicator, **kw):
    base = {
        "figure_id": fid,
        "doc_id": fid.split(":")[0],
        "start": int(fid.split(":")[1].split("-")[0]),
        "raw": raw,
        "unit": unit,
        "value": value,
        "indicator": indicator,
        "status": "classified",
        "province_id": "91",
        "province": "Kiên Giang",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "measure_type": "level",
        "share_numerator": None,
        "share_denominator": None,
        "share_basis": "",
        "numerator": None,
        "denominator": None,
    }
    return {**base, **kw}


def test_percent_against_own_ratio_contradiction():
    df = pd.DataFrame(
        [
            _f(
                "d:1-4",
                "75%",
                "percent",
                75.0,
                "dna_samples_collected",
                share_numerator=103.0,
                share_denominator=117.0,
            )
        ]
    )
    a = audit_figures(df)
    assert a["check"].tolist() == ["percent_vs_ratio"] and a["verdict"].tolist() == [
        "contradiction"
    ]


def _two_adult_shares() -> pd.DataFrame:
    """Two shares of the adult population, each with its count (1,03% and 1,26%)."""
    return pd.DataFrame(
        [
            _f("d:10-15", "1,03%", "percent", 1.03, "adults_online_public_services",
               share_numerator=13484.0),
            _f("d:20-25", "1,26%", "percent", 1.26, "adults_digital_signature",
               share_numerator=14229.0),
        ]
    )


def test_implied_denominators_disagree_with_table_and_each_other():
    df = _two_adult_shares()
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
    df = pd.DataFrame(
        [
            _f(
                "d:1-4",
                "10%",
                "percent",
                10.0,
                "adults_smartphone",
                share_numerator=91762.0,
                period_start="2022-01-01",
                period_end="2022-12-31",
            )
        ]
    )
    a = audit_figures(df)
    row = a[a["expected"].str.contains("denominators.csv")]
    assert row["verdict"].tolist() == ["ok"]


def test_duplicates_conflicts_and_range():
    df = pd.DataFrame(
        [
            _f("a:1-4", "80%", "percent", 80.0, "adults_smartphone"),
            _f("b:1-4", "80%", "percent", 80.0, "adults_smartphone"),
            _f("c:1-4", "82%", "percent", 82.0, "adults_smartphone"),
            _f("d:1-5", "120%", "percent", 120.0, "households_broadband", period_end="2022-12-31"),
            _f(
                "e:1-6",
                "30/20",
                "ratio",
                30.0,
                "tasks_completed_national",
                numerator=30.0,
                denominator=20.0,
            ),
            _f("f:1-6", "130%", "percent", 130.0, "households_broadband", measure_type="change"),
        ]
    )
    a = audit_figures(df).set_index("figure_id")
    assert a.loc["b:1-4", "check"] == "duplicate" and a.loc["b:1-4", "verdict"] == "info"
    assert a.loc["c:1-4", "check"] == "conflict" and a.loc["c:1-4", "verdict"] == "contradiction"
    assert a.loc["d:1-5", "check"] == "range"
    assert a.loc["e:1-6", "check"] == "range"
    assert "f:1-6" not in a.index  # a change may exceed 100


def test_corpus_audit_findings():
    from dtanalysis.corpus import load_corpus
    from dtanalysis.extract import extract_corpus
    from dtanalysis.panel import build_panel

    docs = load_corpus()
    res = build_panel(extract_corpus(docs).figures, docs)
    a = res.audit
    pv = a[a["check"] == "percent_vs_ratio"]
    # readable cells in the English format, the text as printed quoted beside it
    assert set(pv["observed"]) == {
        "88.03% ('88,03%')",
        "73% ('73%')",
        "70.6% ('70,6%')",
        "14.4% ('14,4%')",
        "88.38% ('88,38%')",
        "44.88% ('44,88%')",
    }
    assert (pv["verdict"] == "ok").all()
    # the Kiên Giang adult-population disagreement: 13.484 = 1,03% and 14.229 = 1,26% imply
    # about 1.31 and 1.13 million adults; the 2022 paper implies 917.621
    kg = a[(a["check"] == "implied_denominator") & (a["province_id"] == "91")]
    contra = kg[kg["verdict"] == "contradiction"]
    assert len(contra) == 4
    assert contra["expected"].str.contains("917,621").sum() == 2
    info = kg[kg["verdict"] == "info"].set_index("observed")
    assert "1,309,126" in info.loc["1.03% ('1,03%')", "explanation"]
    assert "1,129,286" in info.loc["1.26% ('1,26%')", "explanation"]
    assert not (a["check"] == "conflict").any()
    assert not (a["check"] == "range").any()
    # the same findings as numbers: the Kiên Giang 44,88% of 411.861/917.621 adults
    kg_bank = pv.set_index("observed").loc["44.88% ('44,88%')"]
    assert (
        kg_bank["value_unit"] == "percent" and kg_bank["compared_with"] == ComparedWith.OWN_FRACTION
    )
    assert kg_bank["expected_low"] == kg_bank["expected_high"] == round(100 * 411861 / 917621, 3)
    assert kg_bank["observed_low"] == kg_bank["observed_high"] == 44.88
    # 1,03% implies 1,296,538–1,315,512 adults; the table has 917,621 (2022)
    lo, hi = rounding_interval(1.03, "1,03%")
    vs_table = contra[contra["compared_with"] == ComparedWith.DENOMINATORS_TABLE].set_index(
        "figure_id"
    )
    assert len(vs_table) == 2 and (vs_table["denominator_year"] == 2022).all()
    assert (vs_table["expected_low"] == 917_621).all() and (
        vs_table["expected_high"] == 917_621
    ).all()
    one = vs_table.loc[info.loc["1.03% ('1,03%')", "figure_id"]]
    assert (one["observed_low"], one["observed_high"]) == (
        round(100 * 13484 / hi),
        round(100 * 13484 / lo),
    )
    # every number is the one its readable cell shows
    for _, r in a.iterrows():
        for side in ("expected", "observed"):
            if r["check"] == "implied_denominator" and not pd.isna(r[f"{side}_low"]):
                assert f"{r[f'{side}_low']:,.0f}" in r[side], (r["figure_id"], side)
                assert f"{r[f'{side}_high']:,.0f}" in r[side], (r["figure_id"], side)
        if r["check"] == "percent_vs_ratio":
            assert r["expected"].startswith(f"{r['expected_low']:g}% (")


# ---------------------------------------------------------------------------
# The numbers beside the readable cells
# ---------------------------------------------------------------------------


def _rows(a, check, **where):
    sub = a[a["check"] == check]
    for col, value in where.items():
        sub = sub[sub[col] == value]
    return sub


def test_percent_vs_ratio_numbers():
    df = pd.DataFrame(
        [
            _f(
                "d:1-7",
                "88,03%",
                "percent",
                88.03,
                "dna_samples_collected",
                share_numerator=1730.0,
                share_denominator=2000.0,
            )
        ]
    )
    r = audit_figures(df).iloc[0]
    assert r["expected"] == "86.5% (1,730/2,000)" and r["verdict"] == "contradiction"
    assert (r["expected_low"], r["expected_high"]) == (86.5, 86.5)
    assert (r["observed_low"], r["observed_high"]) == (88.03, 88.03)
    assert r["value_unit"] == "percent" and r["compared_with"] == ComparedWith.OWN_FRACTION
    assert r["compared_figure_id"] == "" and pd.isna(r["denominator_year"])


def test_implied_denominator_numbers():
    from dtanalysis.reference import load_denominators

    df = _two_adult_shares()
    a = audit_figures(df)
    lo, hi = rounding_interval(1.03, "1,03%")
    implied = (round(100 * 13484 / hi), round(100 * 13484 / lo))  # 1,296,538–1,315,512
    own = _rows(
        a, "implied_denominator", figure_id="d:10-15", compared_with=ComparedWith.OWN_SHARE
    ).iloc[0]
    assert (own["expected_low"], own["expected_high"]) == implied
    assert pd.isna(own["observed_low"]) and own["value_unit"] == "count"
    assert own["denominator_quantity"] == "adult_population"
    dens = load_denominators()
    table = dens[(dens["province_id"] == "91") & (dens["quantity"] == "adult_population")]
    vs_table = _rows(
        a, "implied_denominator", figure_id="d:10-15", compared_with=ComparedWith.DENOMINATORS_TABLE
    )
    assert len(vs_table) == len(table) >= 1
    for (_, r), (_, d) in zip(
        vs_table.sort_values("denominator_year").iterrows(),
        table.sort_values("year").iterrows(),
        strict=True,
    ):
        assert r["expected_low"] == r["expected_high"] == d["value"]
        assert r["denominator_year"] == d["year"] and r["verdict"] == "contradiction"
        assert (r["observed_low"], r["observed_high"]) == implied
        assert (
            f"{d['value']:,.0f} (adult_population {d['year']}, denominators.csv)" == r["expected"]
        )
    pair = _rows(
        a,
        "implied_denominator",
        figure_id="d:20-25",
        compared_with=ComparedWith.IMPLIED_DENOMINATOR,
    ).iloc[0]
    assert pair["compared_figure_id"] == "d:10-15" and pair["compared_raw"] == "1,03%"
    assert (pair["expected_low"], pair["expected_high"]) == implied  # the other figure's interval
    assert pair["verdict"] == "contradiction" and pair["observed_high"] < pair["expected_low"]


def test_stated_denominator_is_named():
    df = pd.DataFrame(
        [
            _f(
                "d:10-15",
                "1,03%",
                "percent",
                1.03,
                "adults_online_public_services",
                share_numerator=13484.0,
            ),
            _f(
                "d:30-40",
                "13.484/1.309.000",
                "ratio",
                13484.0,
                "adults_digital_signature",
                numerator=13484.0,
                denominator=1_309_000.0,
            ),
        ]
    )
    r = _rows(
        audit_figures(df), "implied_denominator", compared_with=ComparedWith.STATED_DENOMINATOR
    ).iloc[0]
    assert r["figure_id"] == "d:10-15" and r["compared_figure_id"] == "d:30-40"
    assert r["expected_low"] == r["expected_high"] == 1_309_000 and r["verdict"] == "ok"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("88,03%", "88.03%"),
        ("1.520", "1,520"),
        ("1,3 triệu", "1,300,000"),
        ("75-80%", "75–80%"),
    ],
)
def test_conflict_numbers_are_the_figures_quantities(raw, shown):
    """The numbers of a quoted cell are the figure's own quantity (read once, by the extractor)."""
    from dtanalysis.reading import parse_quantity

    q = parse_quantity(raw)
    first = _f("a:1-9", raw, q.unit, q.value, "adults_smartphone", low=q.low, high=q.high)
    other = _f("b:1-9", "2", q.unit, 2.0, "adults_smartphone")
    r = audit_figures(pd.DataFrame([first, other])).set_index("figure_id").loc["b:1-9"]
    assert r["check"] == "conflict" and r["expected"] == f"{shown} ('{raw}') (a:1-9)"
    expected = (q.low, q.high) if q.low is not None else (q.value, q.value)
    assert (r["expected_low"], r["expected_high"]) == pytest.approx(expected)
    assert (r["observed_low"], r["observed_high"]) == (2.0, 2.0)
    assert r["compared_with"] == ComparedWith.FIGURE and r["compared_figure_id"] == "a:1-9"
    assert r["compared_raw"] == raw and r["value_unit"] == q.unit


def test_range_and_override_numbers():
    df = pd.DataFrame(
        [
            _f("d:1-5", "120%", "percent", 120.0, "households_broadband", period_end="2022-12-31"),
            _f(
                "e:1-6",
                "30/20",
                "ratio",
                30.0,
                "tasks_completed_national",
                numerator=30.0,
                denominator=20.0,
            ),
        ]
    )
    overrides = pd.DataFrame(
        [
            {
                "doc_id": "kg",
                "raw": "12,5%",
                "sentence_contains": "",
                "line": 3,
                "action": "exclude",
                "reason": "a label",
            }
        ]
    )
    a = audit_figures(df, unmatched_overrides=overrides).set_index("figure_id")
    pct, ratio, override = a.loc["d:1-5"], a.loc["e:1-6"], a.loc[""]
    assert (pct["expected_low"], pct["expected_high"], pct["observed_low"]) == (0.0, 100.0, 120.0)
    assert pct["compared_with"] == ComparedWith.POSSIBLE_RANGE and pct["value_unit"] == "percent"
    assert (ratio["expected_low"], ratio["expected_high"], ratio["observed_low"]) == (
        0.0,
        20.0,
        30.0,
    )
    assert (
        override["compared_with"] == ComparedWith.OVERRIDES and override["observed"] == "no figure"
    )
    assert override[["expected_low", "expected_high", "observed_low", "observed_high"]].isna().all()


def test_audit_table_validates_and_keeps_its_text_columns():
    from dtanalysis.tables import columns, validate

    df = pd.DataFrame(
        [
            _f(
                "d:1-4",
                "75%",
                "percent",
                75.0,
                "dna_samples_collected",
                share_numerator=103.0,
                share_denominator=117.0,
            )
        ]
    )
    a = validate("audit", audit_figures(df))
    assert list(a.columns) == columns("audit")
    assert columns("audit")[:9] == [
        "figure_id",
        "province_id",
        "province",
        "indicator",
        "check",
        "expected",
        "observed",
        "verdict",
        "explanation",
    ]


def _obs(oid, value, unit="score", status="secondary", kind="secondary", **kw):
    row = {
        "observation_id": oid,
        "unit_kind": "province_pre2025",
        "unit_id": "31",
        "unit_name": "Hải Phòng",
        "indicator": "par_index_score",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "value": value,
        "unit": unit,
        "status": status,
        "source_kind": kind,
        "publisher": f"publisher of {oid}",
        "value_as_printed": f"printed {oid}",
    }
    return {**row, **kw}


@pytest.mark.parametrize(
    ("kept", "other", "unit", "verdict"),
    [
        (91.87, 91.81, "percent", "contradiction"),  # beyond a 0.005 rounding
        (0.58, 0.5796, "score", "ok"),  # within the rounding of the printed digits
        (24.0, 25.0, "rank", "contradiction"),  # a rank is exact
    ],
)
def test_published_conflict_within_the_rounding_each_allows(kept, other, unit, verdict):
    from dtanalysis.audit import audit_published

    obs = pd.DataFrame(
        [
            _obs("b", other, unit),
            _obs("a", kept, unit, status="verified", kind="primary"),
            _obs("c", kept, unit),  # identical to the kept one: no row
        ]
    )
    a = audit_published(obs)
    assert list(a["figure_id"]) == ["b"]
    r = a.iloc[0]
    assert r["check"] == AuditCheck.PUBLISHED_CONFLICT and r["verdict"] == verdict
    assert r["compared_with"] == ComparedWith.PUBLISHED and r["compared_figure_id"] == "a"
    assert (r["expected_low"], r["observed_low"]) == (kept, other)
    assert r["value_unit"] == unit and r["province_id"] == "31"


def test_text_vs_published_compares_the_same_fact():
    from dtanalysis.audit import audit_published

    obs = pd.DataFrame([_obs("a", 91.87, "percent")])
    common = {
        "unit_kind": "province_pre2025",
        "province_id": "31",
        "province": "Hải Phòng",
        "indicator": "par_index_score",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "measure_type": "level",
        "unit": "percent",
    }
    panel = pd.DataFrame(
        [
            {**common, "value": 91.87, "origin": "published", "observation_ids": "a"},
            {**common, "value": 91.5, "origin": "text", "figure_ids": "doc:1-6;doc:9-12"},
            {
                **common,
                "value": 91.9,
                "origin": "text",
                "figure_ids": "doc:20-25",
                "period_end": "2023-06-30",
            },  # another period: not compared
        ]
    )
    a = audit_published(obs, panel)
    assert list(a["check"]) == [AuditCheck.TEXT_VS_PUBLISHED]
    r = a.iloc[0]
    assert r["figure_id"] == "doc:1-6" and r["verdict"] == "contradiction"
    assert (r["expected_low"], r["observed_low"]) == (91.87, 91.5)
    assert r["compared_figure_id"] == "a" and r["compared_raw"] == "printed a"


def test_period_after_document_is_reported():
    f = _f("d:1-5", "80%", "percent", 80.0, "adults_smartphone")
    late = {**f, "figure_id": "d:9-12", "period_start": "2024-01-01", "period_end": "2024-12-31"}
    on_time = {**f, "period_start": "2023-01-01", "period_end": "2023-12-31"}
    a = audit_figures(pd.DataFrame([late, on_time]), document_dates={"d": "2024-03-15"})
    rows = a[a["check"] == AuditCheck.PERIOD_AFTER_DOCUMENT]
    assert list(rows["figure_id"]) == ["d:9-12"]
    assert rows.iloc[0]["verdict"] == "warning"
    assert rows.iloc[0]["compared_with"] == ComparedWith.DOCUMENT_DATE
    assert rows.iloc[0]["compared_raw"] == "2024-03-15"
    # without the documents' dates nothing is reported
    assert not (audit_figures(pd.DataFrame([late]))["check"] == "period_after_document").any()
