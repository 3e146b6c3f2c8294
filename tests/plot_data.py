"""Small synthetic tables, shaped like the processed tables, for the figure tests.

They are typed by the table layer (:func:`dtanalysis.tables.validate`, so they are what
:func:`dtanalysis.tables.read_table` would give for the same rows; columns a test does
not need are left empty) and carry Vietnamese text with stacked diacritics ("Hải
Dương", "Đề án", "ứng dụng"); the curve grid follows
:func:`dtanalysis.adoption.curve_grid`. The numbers are invented; they exercise every
drawing branch: exact, approximate and range observations, a province with a single
observation, curves with
and without a confidence band, flows over a period, every progress class, and audit
checks on percentages and on denominators.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from dtanalysis import tables
from dtanalysis.codes import ComparedWith, FitMethod, FitStatus

LABELS = {
    "egov_online_share": {
        "en": "Public-service applications filed online",
        "vi": "Tỷ lệ hồ sơ dịch vụ công trực tuyến",
    },
    "adult_accounts": {
        "en": "Adults with a bank or e-wallet account",
        "vi": "Người trưởng thành có tài khoản ngân hàng hoặc ví điện tử",
    },
    "digital_signature": {
        "en": "Documents signed digitally (Đề án 06)",
        "vi": "Văn bản ký số theo Đề án 06 ứng dụng",
    },
    "dti_rank": {"en": "Provincial DTI rank", "vi": "Xếp hạng DTI cấp tỉnh"},
    "par_index_rank": {"en": "PAR Index rank", "vi": "Xếp hạng PAR INDEX"},
    "sipas_rank": {"en": "SIPAS rank", "vi": "Xếp hạng SIPAS"},
    "papi_rank": {"en": "PAPI rank", "vi": "Xếp hạng PAPI"},
}

PROVINCES = {"91": "Kiên Giang", "96": "Cà Mau", "30": "Hải Dương", "66": "Đắk Lắk"}
DOCS = {
    "91": "kg_2024_baocao",
    "96": "cm_2023_kehoach",
    "30": "hd_2024_quyetdinh",
    "66": "dl_2024_baocao",
}


def typed(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of a declared table, typed and checked; undeclared-in-rows columns left empty."""
    frame = pd.DataFrame(rows)
    # the panel's required origin columns: text rows of pre-2025 provinces unless given
    defaults = {"panel": {"unit_kind": "province_pre2025", "origin": "text"}}.get(name, {})
    for col, value in defaults.items():
        if col not in frame.columns:
            frame[col] = value
    for f in tables.table(name).fields:
        if f.name not in frame.columns:
            frame[f.name] = np.nan if f.type in ("number", "integer") else ""
    return tables.validate(name, frame)


def _offset(*parts: str) -> int:
    return zlib.crc32("|".join(parts).encode("utf-8")) % 10000


def _level(pid, ind, date, value, *, qualifier="", low=np.nan, high=np.nan, start=None):
    return {
        "province_id": pid,
        "province": PROVINCES[pid],
        "indicator": ind,
        "period_start": start or date,
        "period_end": date,
        "measure_type": "level",
        "value": value,
        "unit": "percent",
        "share": value / 100 if not np.isnan(value) else np.nan,
        "numerator": np.nan,
        "denominator": np.nan,
        "denominator_source": "",
        "qualifier": qualifier,
        "low": low,
        "high": high,
        "approximate": qualifier in {"over", "under", "nearly", "approx"},
        "figure_ids": f"{DOCS[pid]}:{_offset(ind, date)}-{_offset(ind, date) + 5}",
        "doc_ids": DOCS[pid],
        "province_2025_id": "",
        "province_2025": "",
    }


def panel() -> pd.DataFrame:
    """A panel.csv-like table with levels, a flow, a change and a target."""
    rows = [
        _level("91", "egov_online_share", "2021-12-31", 35.2),
        _level("91", "egov_online_share", "2022-12-31", 52.0, qualifier="nearly"),
        _level("91", "egov_online_share", "2023-12-31", 70.1),
        _level("91", "egov_online_share", "2024-06-30", 77.5, low=75.0, high=80.0),
        _level("96", "egov_online_share", "2023-12-31", 60.0),
        _level("30", "egov_online_share", "2022-06-30", 45.0),
        _level("30", "egov_online_share", "2023-06-30", 58.0, qualifier="over"),
        _level("30", "egov_online_share", "2024-06-30", 66.0),
        _level("91", "adult_accounts", "2022-12-31", 61.0),
        _level("91", "adult_accounts", "2024-12-31", 74.0, qualifier="approx"),
        _level("30", "adult_accounts", "2021-12-31", 58.0),
        _level("30", "adult_accounts", "2022-12-31", 63.5),
        _level("30", "adult_accounts", "2023-12-31", 69.0),
        _level("30", "adult_accounts", "2024-12-31", 72.4),
        _level("66", "adult_accounts", "2023-12-31", 55.0),
    ]
    flow = _level("96", "digital_signature", "2023-12-31", np.nan, start="2023-01-01")
    flow.update(measure_type="flow", value=125000.0, unit="count", share=np.nan)
    change = _level("30", "digital_signature", "2024-06-30", np.nan, start="2023-06-30")
    change.update(measure_type="change", value=12.0, unit="percent", share=np.nan)
    target = _level("91", "egov_online_share", "2025-12-31", np.nan)
    target.update(measure_type="target", value=80.0, share=0.8)
    rows += [flow, change, target]
    return typed("panel", rows)


def _logistic(t, mid, slope):
    return 1 / (1 + np.exp(-(t - mid) * slope))


def curves() -> pd.DataFrame:
    """A curve_grid-like table: two curves with a band, one without, extrapolation flagged."""
    dates = pd.date_range("2021-07-01", "2025-12-01", freq="MS")
    years = (dates - pd.Timestamp("2020-01-01")).days / 365.25
    obs = panel()
    out = []
    for pid, ind, mid, slope, band in [
        ("91", "egov_online_share", 2.9, 1.1, 0.06),
        ("30", "egov_online_share", 3.3, 0.55, 0.05),
        ("30", "adult_accounts", 1.0, 0.35, None),
    ]:
        mean = _logistic(np.asarray(years), mid, slope)
        lo = np.clip(mean - band, 0, 1) if band else np.full(len(mean), np.nan)
        hi = np.clip(mean + band, 0, 1) if band else np.full(len(mean), np.nan)
        seen = obs[
            (obs["province_id"] == pid)
            & (obs["indicator"] == ind)
            & (obs["measure_type"] == "level")
        ]
        first, last = (
            pd.to_datetime(seen["period_end"]).min(),
            pd.to_datetime(seen["period_end"]).max(),
        )
        out.append(
            pd.DataFrame(
                {
                    "province_id": pid,
                    "province": PROVINCES[pid],
                    "indicator": ind,
                    "date": dates.strftime("%Y-%m-%d"),
                    "mean": mean,
                    "ci_lower": lo,
                    "ci_upper": hi,
                    "extrapolated": (dates < first) | (dates > last),
                }
            )
        )
    return pd.concat(out, ignore_index=True)


def fits() -> pd.DataFrame:
    """An adoption.csv-like table (method, status and n_obs per province × indicator).

    The Kiên Giang account series has an exact line (2 observations) that the curve grid
    of :func:`curves` leaves out, so the figure has no curve to draw for it.
    """

    def fit(pid, ind, method, status, n):
        return {
            "province_id": pid,
            "province": PROVINCES[pid],
            "indicator": ind,
            "method": str(method),
            "status": str(status),
            "n_obs": n,
        }

    return typed(
        "adoption",
        [
            fit("91", "egov_online_share", FitMethod.FRACTIONAL, FitStatus.FITTED, 4),
            fit("96", "egov_online_share", FitMethod.SINGLE, FitStatus.SINGLE, 1),
            fit("30", "egov_online_share", FitMethod.FRACTIONAL, FitStatus.FITTED, 3),
            fit("91", "adult_accounts", FitMethod.EXACT, FitStatus.EXACT, 2),
            fit("30", "adult_accounts", FitMethod.FRACTIONAL, FitStatus.FITTED, 4),
            fit("66", "adult_accounts", FitMethod.SINGLE, FitStatus.SINGLE, 1),
        ],
    )


def gaps() -> pd.DataFrame:
    """A gaps.csv-like table: for each series × target a cagr_ratio row (the progress
    class, in the gaps module's wording) and a projection row."""
    base = []
    specs = [
        (
            "91",
            "egov_online_share",
            "T_EGOV_80",
            ">=",
            80.0,
            77.5,
            "2024-06-30",
            84.0,
            79.0,
            88.5,
            "on track",
            "projected to meet target (interval includes the target)",
        ),
        (
            "96",
            "egov_online_share",
            "T_EGOV_80",
            ">=",
            80.0,
            60.0,
            "2023-12-31",
            np.nan,
            np.nan,
            np.nan,
            "insufficient data",
            "insufficient data",
        ),
        (
            "30",
            "egov_online_share",
            "T_EGOV_80",
            ">=",
            80.0,
            66.0,
            "2024-06-30",
            72.0,
            66.5,
            77.0,
            "acceleration needed",
            "projected to miss target",
        ),
        (
            "91",
            "adult_accounts",
            "T_ACC_80",
            ">",
            80.0,
            74.0,
            "2024-12-31",
            76.0,
            70.0,
            81.0,
            "limited progress",
            "projected to miss target (interval includes the target)",
        ),
        (
            "30",
            "adult_accounts",
            "T_ACC_80",
            ">",
            80.0,
            72.4,
            "2024-12-31",
            70.0,
            64.0,
            75.0,
            "moving away",
            "projected to miss target",
        ),
        (
            "66",
            "adult_accounts",
            "T_ACC_50",
            ">=",
            50.0,
            55.0,
            "2023-12-31",
            60.0,
            np.nan,
            np.nan,
            "target achieved",
            "projected to meet target",
        ),
    ]
    for pid, ind, tid, cmp, target, latest, ldate, proj, lo, hi, cls, pcls in specs:
        common = {
            "province_id": pid,
            "province": PROVINCES[pid],
            "indicator": ind,
            "target_id": tid,
            "scope": "national",
            "comparator": cmp,
            "target_value": target,
            "target_unit": "percent",
            "deadline": "2025-12-31",
            "base_date": "2021-12-31",
            "base_value": 40.0,
            "latest_date": ldate,
            "latest_value": latest,
            "n_obs": 3,
            "source_document": "Quyết định 411/QĐ-TTg",
        }
        base.append(
            {
                **common,
                "measure": "absolute_gap_pp",
                "method": "gap",
                "value": target - latest,
                "ci_lower": np.nan,
                "ci_upper": np.nan,
                "classification": "target not met",
                "note": "",
            }
        )
        base.append(
            {
                **common,
                "measure": "cagr_ratio",
                "method": "Open SDG",
                "value": 0.8,
                "ci_lower": np.nan,
                "ci_upper": np.nan,
                "classification": cls,
                "note": "",
            }
        )
        base.append(
            {
                **common,
                "measure": "projected_value_at_deadline",
                "method": "fractional logit",
                "value": proj,
                "ci_lower": lo,
                "ci_upper": hi,
                "classification": pcls,
                "note": "",
            }
        )
    return typed("gaps", base)


def targets() -> pd.DataFrame:
    """A targets.csv-like table for the targets of :func:`gaps`."""

    def target(tid, ind, cmp, value):
        return {
            "target_id": tid,
            "indicator_id": ind,
            "scope": "national",
            "comparator": cmp,
            "value": value,
            "unit": "percent",
            "deadline": "2025-12-31",
            "source_document": "Quyết định 411/QĐ-TTg",
            "document_number": "411/QĐ-TTg",
            "status": "verified",
            "quote": "synthetic",
        }

    return pd.DataFrame(
        [
            target("T_EGOV_80", "egov_online_share", ">=", 80.0),
            target("T_ACC_80", "adult_accounts", ">", 80.0),
            target("T_ACC_50", "adult_accounts", ">=", 50.0),
        ]
    )


def audit() -> pd.DataFrame:
    """An audit.csv-like table, with cells written the way dtanalysis.audit writes them:
    the audit's own numbers English-formatted, the sources' figures as quoted, and the
    same numbers in the numeric columns."""
    nan = np.nan

    def row(
        fid,
        pid,
        ind,
        check,
        expected,
        observed,
        verdict,
        explanation="",
        *,
        unit="",
        exp=(nan, nan),
        obs=(nan, nan),
        compared=ComparedWith.OWN_FRACTION,
        **more,
    ):
        return {
            "figure_id": fid,
            "province_id": pid,
            "province": PROVINCES.get(pid, ""),
            "indicator": ind,
            "check": check,
            "expected": expected,
            "observed": observed,
            "verdict": verdict,
            "explanation": explanation,
            "value_unit": unit,
            "expected_low": exp[0],
            "expected_high": exp[1],
            "observed_low": obs[0],
            "observed_high": obs[1],
            "compared_with": str(compared),
            **more,
        }

    return typed(
        "audit",
        [
            row(
                "kg_2024_baocao:1200-1206",
                "91",
                "egov_online_share",
                "percent_vs_ratio",
                "86.5% (1,730/2,000)",
                "88,03%",
                "contradiction",
                "1,730/2,000 = 86.500%, outside the rounding of 88,03% [88.025, 88.04)",
                unit="percent",
                exp=(86.5, 86.5),
                obs=(88.03, 88.03),
            ),
            row(
                "kg_2024_baocao:50-55",
                "91",
                "egov_online_share",
                "percent_vs_ratio",
                "52% (520/1,000)",
                "52%",
                "ok",
                unit="percent",
                exp=(52.0, 52.0),
                obs=(52.0, 52.0),
            ),
            row(
                "cm_2023_kehoach:88-99",
                "96",
                "adult_accounts",
                "implied_denominator",
                "930,000 (adult_population 2023, denominators.csv)",
                "1,000,000–1,010,000",
                "contradiction",
                unit="count",
                exp=(930_000.0, 930_000.0),
                obs=(1_000_000.0, 1_010_000.0),
                compared=ComparedWith.DENOMINATORS_TABLE,
                denominator_year=2023,
                denominator_quantity="adult_population",
            ),
            row(
                "hd_2024_quyetdinh:400-410",
                "30",
                "digital_signature",
                "conflict",
                "1.520 (hd_2024_quyetdinh:120-125)",
                "1.480",
                "contradiction",
                unit="count",
                exp=(1520.0, 1520.0),
                obs=(1480.0, 1480.0),
                compared=ComparedWith.FIGURE,
                compared_figure_id="hd_2024_quyetdinh:120-125",
                compared_raw="1.520",
            ),
            row(
                "dl_2024_baocao:77-81",
                "66",
                "adult_accounts",
                "range",
                "0–100%",
                "105%",
                "contradiction",
                unit="percent",
                exp=(0.0, 100.0),
                obs=(105.0, 105.0),
                compared=ComparedWith.POSSIBLE_RANGE,
            ),
            row(
                "",
                "",
                "",
                "override_unmatched",
                "kg_2024_baocao '12,5%'",
                "no figure",
                "warning",
                compared=ComparedWith.OVERRIDES,
            ),
        ],
    )


def _rank(pid, name, ind, year, rank, size=63, comparable=True, method="from 2021", **kw):
    row = {
        "unit_kind": "province_pre2025",
        "province_id": pid,
        "province": name,
        "indicator": ind,
        "period_start": f"{year}-01-01",
        "period_end": f"{year}-12-31",
        "year": year,
        "rank": float(rank),
        "ranked_set_size": float(size),
        "rank_percentile": (rank - 1) / (size - 1),
        "tied": False,
        "n_tied": 1,
        "comparable": comparable,
        "method_period": method,
        "flags": "",
        "observation_ids": f"obs.{pid or name}.{ind}.{year}",
    }
    return {**row, **kw}


def ranks() -> pd.DataFrame:
    """A ranks.csv-like table: the six units' DTI ranks over a method break, a 2025 unit,
    a PAR Index series, and a full ranking of 2022 (the other provinces of 63)."""
    rows = [
        _rank("91", "Kiên Giang", "dti_rank", 2020, 9, method="from 2020", flags="first"),
        _rank("91", "Kiên Giang", "dti_rank", 2021, 24, comparable=False),  # method break
        _rank("91", "Kiên Giang", "dti_rank", 2022, 32),
        _rank("89", "An Giang", "dti_rank", 2022, 54),
        _rank("96", "Cà Mau", "dti_rank", 2022, 58),
        _rank("95", "Bạc Liêu", "dti_rank", 2021, 63),
        _rank("95", "Bạc Liêu", "dti_rank", 2022, 60),
        _rank("30", "Hải Dương", "dti_rank", 2022, 13),
        _rank("31", "Hải Phòng", "dti_rank", 2022, 14),
        _rank("31", "Hải Phòng", "dti_rank", 2023, 8),
        _rank("31", "Hải Phòng", "par_index_rank", 2022, 2, method="from 2022"),
        _rank("31", "Hải Phòng", "par_index_rank", 2023, 2, method="from 2022"),
        _rank(
            "",
            "Hải Phòng",
            "dti_rank",
            2024,
            3,
            size=34,
            comparable=False,
            method="from 2024",
            unit_kind="unit_2025",
        ),
    ]
    taken = {32, 54, 58, 60, 13, 14}
    others = [r for r in range(1, 64) if r not in taken]
    codes = [
        f"{c:02d}" for c in range(1, 100) if f"{c:02d}" not in {"30", "31", "89", "91", "95", "96"}
    ]
    for code, r in zip(codes, others, strict=False):
        rows.append(_rank(code, f"Tỉnh {code}", "dti_rank", 2022, r))
    return typed("ranks", rows)


def observations() -> pd.DataFrame:
    """The published observations behind :func:`ranks` (their publishers)."""
    ids = [c.split(";")[0] for c in ranks()["observation_ids"]]
    publisher = ["Bộ Thông tin và Truyền thông (dti.gov.vn)"] * len(ids)
    publisher[10] = "https://www.example.vn/par-index-2022"
    return pd.DataFrame({"observation_id": ids, "publisher": publisher})


def rank_tables() -> dict[str, pd.DataFrame]:
    """The ``ranks`` and ``observations`` entries of build_all_figures' `tables`."""
    return {"ranks": ranks(), "observations": observations()}


KINDS = (
    "coverage",
    "adoption",
    "gap_to_target",
    "audit",
    "rank_trajectories",
    "dti_distribution",
)


def draw(kind: str, lang: str):
    """Draw one figure type from these tables (used by the tests and their subprocesses)."""
    from dtanalysis import plots

    if kind == "coverage":
        return plots.coverage_figure(panel(), lang=lang, labels=LABELS)
    if kind == "adoption":
        return plots.adoption_figure(panel(), curves(), fits(), lang=lang, labels=LABELS)
    if kind == "gap_to_target":
        return plots.gap_figure(
            gaps(), lang=lang, labels=LABELS, observations=panel(), targets=targets()
        )
    if kind == "audit":
        return plots.audit_figure(audit(), lang=lang, labels=LABELS)
    if kind == "rank_trajectories":
        return plots.rank_trajectory_figure(ranks(), observations(), lang=lang, labels=LABELS)
    if kind == "dti_distribution":
        return plots.dti_distribution_figure(ranks(), observations(), lang=lang)
    raise ValueError(kind)
