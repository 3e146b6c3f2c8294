"""Tests for dtanalysis.panel: the corpus panel, shares, overrides, 2025 units."""

from __future__ import annotations

import pandas as pd
import pytest

from dtanalysis.panel import OverridesError, build_panel, load_overrides

EXPECTED = "tests/data/corpus_figures_expected.csv"


@pytest.fixture(scope="module")
def corpus():
    from dtanalysis.corpus import load_corpus
    from dtanalysis.extract import extract_corpus

    docs = load_corpus()
    return docs, extract_corpus(docs).figures


@pytest.fixture(scope="module")
def result(corpus):
    docs, figures = corpus
    return build_panel(figures, docs)


def test_corpus_figures_match_hand_checked_table(result):
    exp = pd.read_csv(EXPECTED, dtype=str, keep_default_na=False)
    got = result.figures[exp.columns].astype(str).replace("nan", "")
    got["start"] = result.figures["start"].astype(int).astype(str)
    key = ["doc_id", "start"]
    merged = exp.merge(got, on=key, how="outer", suffixes=("_exp", "_got"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"][key]
    for col in (
        "raw",
        "status",
        "indicator",
        "measure_type",
        "period_start",
        "period_end",
        "province_id",
    ):
        bad = merged[merged[f"{col}_exp"] != merged[f"{col}_got"]]
        assert bad.empty, bad[[*key, f"{col}_exp", f"{col}_got"]].to_string()


def test_documents_frame_gives_the_same_result(result, corpus):
    from dtanalysis.corpus import documents_frame

    docs, figures = corpus
    again = build_panel(figures, documents_frame(docs))
    pd.testing.assert_frame_equal(again.panel, result.panel)
    pd.testing.assert_frame_equal(again.audit, result.audit)


def test_panel_rows_trace_to_figures_and_spans(result, corpus):
    docs, _ = corpus
    texts = {d.doc_id: d.text for d in docs}
    figs = result.figures.set_index("figure_id")
    panel = result.panel
    assert not panel.duplicated(
        ["province_id", "indicator", "period_start", "period_end", "measure_type"]
    ).any()
    assert (panel["province"] != "").all()
    for ids in panel["figure_ids"]:
        for fid in ids.split(";"):
            f = figs.loc[fid]
            assert texts[f["doc_id"]][int(f["start"]) : int(f["end"])] == f["raw"]


def test_panel_values_on_the_corpus(result):
    p = result.panel.set_index(["province_id", "indicator", "period_end", "measure_type"])
    row = p.loc[("91", "applications_via_vneid", "2025-04-26", "level")]
    assert (row["value"], row["numerator"], row["denominator"]) == (73.0, 2626.0, 3597.0)
    assert row["share"] == pytest.approx(0.73)
    assert len(row["figure_ids"].split(";")) == 2  # the count is merged into the share
    bank = p.loc[("91", "adults_bank_account", "2022-12-31", "level")]
    assert (bank["numerator"], bank["denominator"]) == (411861.0, 917621.0)
    # the two observations of "tăng từ 56% lên 81%"
    assert p.loc[("30", "applications_online_share", "2022-12-31", "level"), "value"] == 56.0
    assert p.loc[("30", "applications_online_share", "2023-03-31", "level"), "value"] == 81.0
    # a change is not a level, a target is not an achievement
    assert p.loc[("30", "online_payment_share", "2023-05-11", "change"), "value"] == 12.07
    assert p.loc[("30", "online_payment_share", "2023-05-11", "level"), "value"] == 20.07
    assert p.loc[("91", "adults_online_public_services", "2025-12-31", "target"), "value"] == 50.0
    assert p.loc[("91", "adults_online_public_services", "2023-12-31", "level"), "value"] == 1.03
    before = result.panel["period_end"] < "2025-07-01"
    assert (result.panel.loc[before, "province_2025"] == "").all()
    # the Kiên Giang 2025 targets fall due after the merger: labelled with the new unit too
    assert (
        p.loc[("91", "adults_online_public_services", "2025-12-31", "target"), "province_2025"]
        == "An Giang"
    )


def _figs(rows):
    base = {
        "file": "x.txt",
        "low": None,
        "high": None,
        "numerator": None,
        "denominator": None,
        "qualifier": "",
        "scale": 1,
        "unit_text": "",
    }
    out = []
    for r in rows:
        d = {**base, **r}
        d["figure_id"] = f"{d['doc_id']}:{d['start']}-{d['end']}"
        out.append(d)
    return pd.DataFrame(out)


def _fig(doc, sentence, raw, unit, value, s0=0, occurrence=0, **kw):
    i = -1
    for _ in range(occurrence + 1):
        i = sentence.index(raw, i + 1)
    return {
        "doc_id": doc,
        "raw": raw,
        "unit": unit,
        "value": value,
        "start": s0 + i,
        "end": s0 + i + len(raw),
        "sentence": sentence,
        "sentence_start": s0,
        "sentence_end": s0 + len(sentence),
        "province": "Kiên Giang",
        "province_id": "91",
        **kw,
    }


def test_count_with_sourced_denominator_and_2025_units():
    s = "Đến ngày 31/12/2022, tỉnh có 458.810 người trưởng thành sử dụng dịch vụ công trực tuyến."
    s2 = "Đến ngày 15/8/2025, tỉnh có 600.000 người trưởng thành sử dụng dịch vụ công trực tuyến."
    figs = _figs(
        [_fig("a", s, "458.810", "count", 458810.0), _fig("b", s2, "600.000", "count", 600000.0)]
    )
    docs = pd.DataFrame(
        [
            {"doc_id": "a", "document_date": "2023-01-05", "province": "Kiên Giang"},
            {"doc_id": "b", "document_date": "2025-09-01", "province": "Kiên Giang"},
        ]
    )
    res = build_panel(figs, docs)
    p = res.panel.set_index("period_end")
    assert p.loc["2022-12-31", "share"] == pytest.approx(458810 / 917621)
    assert "denominators.csv adult_population 2022" in p.loc["2022-12-31", "denominator_source"]
    assert pd.isna(p.loc["2025-08-15", "share"])  # no sourced denominator for 2025
    assert p.loc["2025-08-15", "province_2025"] == "An Giang"
    assert p.loc["2025-08-15", "province_2025_id"] == ""  # new code not verified
    assert p.loc["2025-08-15", "province"] == "Kiên Giang"


def test_overrides_apply_survive_offsets_and_report_unmatched(tmp_path):
    s = "Năm 2024, huyện trồng được 12.500 cây xanh, đạt 85% kế hoạch."
    figs = _figs(
        [
            _fig("u", s, "12.500", "count", 12500.0, s0=100),
            _fig("u", s, "85%", "percent", 85.0, s0=100),
        ]
    )
    ov = tmp_path / "overrides.csv"
    ov.write_text(
        "# comment\n"
        "doc_id,raw,sentence_contains,occurrence,action,value,reason\n"
        "u,85%,trồng được,1,set_indicator,satisfaction_rate,"
        "test: pretend it is a satisfaction rate\n"
        "u,85%,,,set_period,2024-06-30/2024-06-30,test: the survey date\n"
        "u,12.500,,,exclude,,test: not an indicator\n"
        "u,99%,,,exclude,,test: stale override\n",
        encoding="utf-8",
    )
    res = build_panel(figs, None, overrides=load_overrides(ov))
    f = res.figures.set_index("raw")
    assert (
        f.loc["85%", "indicator"] == "satisfaction_rate" and f.loc["85%", "status"] == "classified"
    )
    assert (f.loc["85%", "period_start"], f.loc["85%", "period_end"]) == (
        "2024-06-30",
        "2024-06-30",
    )
    assert "line 4" in f.loc["85%", "override"] or "line 3" in f.loc["85%", "override"]
    assert f.loc["12.500", "status"] == "excluded"
    assert res.panel["indicator"].tolist() == ["satisfaction_rate"]
    assert res.unmatched_overrides["raw"].tolist() == ["99%"]
    um = res.audit[res.audit["check"] == "override_unmatched"]
    assert len(um) == 1 and um["verdict"].iloc[0] == "warning"


@pytest.mark.parametrize(
    "line, message",
    [
        ("u,85%,,,rename,x,r", "action"),
        ("u,85%,,,exclude,,", "reason"),
        ("u,85%,,,set_indicator,not_an_indicator,r", "codebook"),
        ("u,85%,,,set_period,2024,r", "START/END"),
        ("u,85%,,x,exclude,,r", "occurrence"),
    ],
)
def test_bad_overrides_name_file_and_line(tmp_path, line, message):
    ov = tmp_path / "ov.csv"
    ov.write_text(
        "doc_id,raw,sentence_contains,occurrence,action,value,reason\n" + line + "\n",
        encoding="utf-8",
    )
    with pytest.raises(OverridesError, match=rf"ov.csv: line 2: .*{message}"):
        load_overrides(ov)


def test_shipped_overrides_file_is_valid():
    from dtanalysis import paths

    df = load_overrides(paths.overrides_path())
    assert list(df.columns)[:7] == [
        "doc_id",
        "raw",
        "sentence_contains",
        "occurrence",
        "action",
        "value",
        "reason",
    ]


def test_unseen_text_without_known_indicator():
    from dtanalysis.extract import extract_figures

    text = (
        "Huyện Tân Hiệp tổ chức hội nghị tổng kết. Năm 2024, huyện trồng được 12.500 cây xanh, "
        "đạt 85% kế hoạch, tăng 3% so với năm 2023."
    )
    figs = extract_figures(text, "unseen")
    res = build_panel(
        figs, pd.DataFrame([{"doc_id": "unseen", "document_date": "2024-12-20", "province": ""}])
    )
    assert len(res.figures) >= 3
    assert set(res.figures["status"]) <= {"unclassified", "context"}
    assert (res.figures["sentence"] != "").all()
    assert res.panel.empty and next(iter(res.panel.columns)) == "province_id"
    assert res.audit.empty


# -- issue 11, item 11: the overrides file is read with a real CSV reader and checked ----

_OV_HEADER = "doc_id,raw,sentence_contains,occurrence,action,value,reason\n"


def test_overrides_accept_excel_byte_order_mark(tmp_path):
    ov = tmp_path / "ov.csv"
    ov.write_bytes(b"\xef\xbb\xbf" + (_OV_HEADER + "u,85%,,,exclude,,r\n").encode("utf-8"))
    assert load_overrides(ov)["doc_id"].tolist() == ["u"]


def test_overrides_in_windows_1258_get_one_line_naming_the_file(tmp_path):
    ov = tmp_path / "ov.csv"
    ov.write_bytes((_OV_HEADER + "u,85%,,,exclude,,đúng\n").encode("cp1258"))
    with pytest.raises(OverridesError, match=r"ov.csv: line 2: not UTF-8 text.*CSV UTF-8"):
        load_overrides(ov)


def test_overrides_multi_line_reason_stays_in_its_row(tmp_path):
    ov = tmp_path / "ov.csv"
    ov.write_text(
        _OV_HEADER + 'u,85%,,,exclude,,"first line\n# not a comment, second line"\n'
        "u,12.500,,,exclude,,next row\n",
        encoding="utf-8",
    )
    df = load_overrides(ov)
    assert df["raw"].tolist() == ["85%", "12.500"]
    assert df["reason"].iloc[0] == "first line\n# not a comment, second line"
    assert df["line"].tolist() == [2, 4]


@pytest.mark.parametrize(
    "row, message",
    [
        ("u,85%,,,set_province,99,r", "set_province: not the code of a province"),
        ("u,85%,,,set_period,2023-13-45/2023-12-31,r", "set_period: the period must be"),
        ("u,85%,,,set_period,2024-12-31/2024-01-01,r", "START <= END"),
        ("u,85%,,0,exclude,,r", "occurrence: minimum 1"),
    ],
)
def test_overrides_values_are_checked(tmp_path, row, message):
    ov = tmp_path / "ov.csv"
    ov.write_text("# a comment line first\n" + _OV_HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(OverridesError, match=rf"ov.csv: .*line 3: .*{message}"):
        load_overrides(ov)


# -- issue 11, item 2: a share pairs with a count only when it is a share of that count ---


def _panel_of(text: str, date: str = "2023-12-31"):
    import pandas as pd

    from dtanalysis.extract import extract_figures

    docs = pd.DataFrame(
        [{"doc_id": "d", "document_date": date, "province": "Kiên Giang", "text": text}]
    )
    return build_panel(extract_figures(text, "d"), docs)


def test_a_count_is_not_merged_into_an_unrelated_share():
    res = _panel_of("Tỉnh hiện có 1.245 trạm BTS, phủ sóng 4G tới 100% ấp, khóm.")
    bts = res.panel[res.panel["indicator"] == "bts_sites"]
    assert bts[["value", "unit"]].values.tolist() == [[1245.0, "count"]]
    assert bts["share"].isna().all()
    hundred = res.figures.set_index("raw").loc["100%"]
    assert hundred["status"] == "unclassified" and "share of something else" in hundred["cue"]
    assert not (res.audit["check"] == "implied_denominator").any()


def test_a_count_restated_as_a_share_still_pairs():
    res = _panel_of(
        "Toàn tỉnh tiếp nhận 3.597 hồ sơ, trong đó có 2.626 hồ sơ (tương đương 73%) "
        "qua ứng dụng VNeID."
    )
    f = res.figures.set_index("raw").loc["73%"]
    assert (f["share_numerator"], f["share_denominator"]) == (2626.0, 3597.0)


# -- issue 12, items 5-6: published observations beside the texts; the 2025 units ----------


def _obs(**rows):
    import pandas as pd

    from dtanalysis.observations import load_observations

    template = load_observations().iloc[0].to_dict()
    out = []
    for oid, change in rows.items():
        r = dict(template, observation_id=oid, derivation="", note="")
        r.update(change)
        out.append(r)
    from dtanalysis.tables import validate

    return validate("observations", pd.DataFrame(out))


def test_published_rows_take_the_strongest_source_and_list_every_source():
    from dtanalysis.published import published_panel_rows
    from dtanalysis.reference import load_codebook

    base = {
        "unit_kind": "province_pre2025",
        "unit_id": "31",
        "unit_name": "Hải Phòng",
        "indicator": "par_index_score",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "unit": "percent",
        "ranked_set_size": float("nan"),
    }
    obs = _obs(
        a=dict(base, value=91.81, status="secondary", source_kind="secondary"),
        b=dict(
            base,
            value=91.87,
            status="verified",
            source_kind="primary",
            source_url="https://www.moha.gov.vn/x",
        ),
    )
    rows = published_panel_rows(obs, load_codebook())
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["value"], row["observation_ids"], row["origin"]) == (91.87, "b;a", "published")
    assert abs(row["share"] - 0.9187) < 1e-12 and "rescaled to 0-1" in row["denominator_source"]


def test_a_rank_keeps_its_ranked_set_and_a_2025_unit_stays_apart():
    from dtanalysis.published import published_panel_rows
    from dtanalysis.reference import load_codebook

    rank = {
        "indicator": "dti_rank",
        "unit": "rank",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "value": 3,
        "ranked_set_size": 34,
    }
    obs = _obs(
        new=dict(rank, unit_kind="unit_2025", unit_id="", unit_name="Hải Phòng"),
        old=dict(
            rank,
            unit_kind="province_pre2025",
            unit_id="30",
            unit_name="Hải Dương",
            value=12,
            ranked_set_size=63,
        ),
    )
    rows = published_panel_rows(obs, load_codebook()).set_index("unit_kind")
    assert rows.loc["unit_2025", "denominator"] == 34 and rows.loc["unit_2025", "province_id"] == ""
    assert rows.loc["unit_2025", "province_2025"] == "Hải Phòng"
    assert rows.loc["province_pre2025", "denominator"] == 63
    assert rows.loc["province_pre2025", "province_2025"] == ""  # 2024: before the merger
    assert rows["share"].isna().all()


def test_an_aggregate_for_a_2025_unit_only_where_every_part_has_the_count():
    from dtanalysis.published import aggregate_rows, published_panel_rows
    from dtanalysis.reference import load_codebook

    pop = {
        "indicator": "population",
        "unit": "count",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "unit_kind": "province_pre2025",
        "ranked_set_size": float("nan"),
    }
    obs = _obs(
        hd=dict(pop, unit_id="30", unit_name="Hải Dương", value=1_950_000),
        hp=dict(pop, unit_id="31", unit_name="Hải Phòng", value=2_100_000),
        hd22=dict(
            pop,
            unit_id="30",
            unit_name="Hải Dương",
            value=1_940_000,
            period_start="2022-01-01",
            period_end="2022-12-31",
        ),
    )
    book = load_codebook()
    agg = aggregate_rows(published_panel_rows(obs, book), book)
    assert len(agg) == 1  # 2022 has only one of the two parts
    row = agg.iloc[0]
    assert (row["province"], row["origin"], row["value"]) == ("Hải Phòng", "aggregate", 4_050_000)
    assert row["unit_kind"] == "unit_2025" and set(row["observation_ids"].split(";")) == {
        "hd",
        "hp",
    }
    assert "aggregate of the provinces that formed Hải Phòng" in row["denominator_source"]


def test_the_text_only_panel_is_unchanged_by_an_empty_observations_folder():
    import pandas as pd

    from dtanalysis.corpus import documents_frame, load_corpus
    from dtanalysis.extract import extract_corpus
    from dtanalysis.observations import load_observations

    docs = load_corpus()
    figs = extract_corpus(docs).figures
    alone = build_panel(figs, documents_frame(docs)).panel
    empty = load_observations(__import__("tempfile").mkdtemp())
    with_empty = build_panel(figs, documents_frame(docs), observations=empty).panel
    pd.testing.assert_frame_equal(alone, with_empty)
    assert set(alone["origin"]) == {"text"}
