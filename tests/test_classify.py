"""Tests for dtanalysis.classify: indicators from cues, measure types, shares."""

from __future__ import annotations

import pytest

from dtanalysis.classify import classify_sentence, clause_bounds, measure_type, pair_shares


def _spans(sentence, raws_units):
    out, pos = [], 0
    for raw, unit in raws_units:
        i = sentence.index(raw, pos)
        out.append((i, i + len(raw), unit))
        pos = i + len(raw)
    return out


def test_anchored_cues_pick_the_noun_after_the_figure():
    s = ("Hệ thống văn phòng điện tử hiện hoạt động tại 771 cơ quan, với 7.736 tài khoản và "
         "3.845 người dùng trên thiết bị di động.")
    got = [
        c.indicator
        for c in classify_sentence(
            s, _spans(s, [("771", "count"), ("7.736", "count"), ("3.845", "count")])
        )
    ]
    assert got == ["eoffice_agencies", "eoffice_accounts", "eoffice_mobile_users"]


def test_plain_cue_in_clause_and_longer_cue_wins():
    s = (
        "Từ tháng 12.2022 đến tháng 3.2023, tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ "
        "trực tuyến tăng từ 76% lên 100%, tỷ lệ hồ sơ phát sinh trực tuyến tăng từ 56% lên 81%."
    )
    spans = _spans(
        s, [("76%", "percent"), ("100%", "percent"), ("56%", "percent"), ("81%", "percent")]
    )
    got = [c.indicator for c in classify_sentence(s, spans)]
    assert got == ["services_with_online_applications"] * 2 + ["applications_online_share"] * 2


def test_percentage_inherits_from_preceding_figure_only_within_segment():
    s = "Kết quả đến ngày 28/4/2025, đã làm sạch 544.420/615.994 dữ liệu, đạt tỷ lệ 88,38%."
    c = classify_sentence(s, _spans(s, [("544.420/615.994", "ratio"), ("88,38%", "percent")]))
    assert [x.indicator for x in c] == ["records_cleaned", "records_cleaned"]
    assert c[1].cue.startswith("inherited")
    s2 = "Có 5 mẫu ADN; đạt tỷ lệ 80%."
    c2 = classify_sentence(s2, _spans(s2, [("5", "count"), ("80%", "percent")]))
    assert c2[1].status == "unclassified"


def test_context_figures_are_not_measurements():
    s = ("tổng số người dân từ 15 tuổi trở lên có tài khoản giao dịch đạt 44,88%, xếp thứ 10 "
         "toàn quốc, qua 01 năm")
    c = classify_sentence(
        s,
        _spans(
            s, [("15", "count"), ("44,88%", "percent"), ("thứ 10", "other"), ("01 năm", "other")]
        ),
    )
    assert [x.status for x in c] == ["context", "classified", "context", "context"]
    assert c[1].indicator == "adults_bank_account"


def test_unseen_text_without_known_indicator_stays_unclassified():
    s = "Năm 2024, huyện trồng được 12.500 cây xanh, đạt 85% kế hoạch, tăng 3% so với năm 2023."
    c = classify_sentence(
        s, _spans(s, [("12.500", "count"), ("85%", "percent"), ("3%", "percent")])
    )
    assert [x.status for x in c] == ["unclassified"] * 3
    assert all(x.indicator == "" for x in c)


def test_digits_comma_is_not_a_clause_boundary():
    s = "đạt 44,88% (411.861/917.621 người trưởng thành)"
    b, e = clause_bounds(s, s.index("411"))
    assert b == 0 and e == len(s)


def test_measure_types():
    assert measure_type("tăng 29 thủ tục so với cuối năm 2022", 5, "count") == "change"
    s0 = "đạt 20,07%, tăng 12,07% so với cuối năm 2022"
    assert measure_type(s0, s0.index("12,07"), "percent") == "change"
    s = ("Đến năm 2025, tỉnh phấn đấu có tỷ lệ dân số trưởng thành sử dụng dịch vụ công trực "
         "tuyến đạt 50%; 50% dân số")
    assert measure_type(s, s.index("50%"), "percent") == "target"
    assert (
        measure_type(
            s, s.rindex("50%"), "percent", period_basis="sentence: 'Đến năm 2025' (target deadline)"
        )
        == "target"
    )
    s2 = "tỷ lệ tăng từ 56% lên 81%"
    assert measure_type(s2, s2.index("56"), "percent") == "level"
    assert measure_type(s2, s2.index("81"), "percent") == "level"
    assert (
        measure_type(
            "đã tiếp nhận 3.597 hồ sơ", 13, "count", "flow", "2025-03-01", "", "2025-04-26"
        )
        == "flow"
    )
    # a flow indicator counted "as of" a date is cumulative: a level
    assert (
        measure_type(
            "đã xử lý 213.883 văn bản đến", 9, "count", "flow", "2025-05-13", "", "2025-05-13"
        )
        == "level"
    )
    assert measure_type("có 2.472 trạm", 3, "count", "stock", "2022-01-01") == "level"
    assert measure_type("có 2.472 cây", 3, "count", "", "2022-01-01", "", "2022-12-31") == "flow"
    assert measure_type("có 2.472 cây", 3, "count", "", "") == "level"
    # "mục tiêu" after the figure does not make it a target
    s3 = "22 đơn vị đã ký cam kết hoàn thành mục tiêu năm 2023"
    assert measure_type(s3, 0, "count") == "level"


def test_pair_shares_of_which_and_same_noun():
    s = ("tỉnh đã tiếp nhận 3.597 hồ sơ, trong đó có 2.626 hồ sơ (tương đương 73%) qua ứng "
         "dụng VNeID.")
    figs = []
    for raw, unit, val, ind in [
        ("3.597", "count", 3597, "applications_received"),
        ("2.626", "count", 2626, "applications_via_vneid"),
        ("73%", "percent", 73, "applications_via_vneid"),
    ]:
        i = s.index(raw)
        figs.append(
            {
                "start": i,
                "end": i + len(raw),
                "unit": unit,
                "value": val,
                "numerator": None,
                "denominator": None,
                "indicator": ind,
            }
        )
    got = pair_shares(s, figs)
    assert got[2][:2] == (2626.0, 3597.0) and "trong đó" in got[2][2]
    s2 = "đã xử lý 2.872 trường hợp, tiếp nhận 414 trường hợp qua dịch vụ công, đạt tỷ lệ 14,4%."
    f2 = []
    for raw, unit, val, ind in [
        ("2.872", "count", 2872, "driving_licence_renewals"),
        ("414", "count", 414, "driving_licence_renewals_online"),
        ("14,4%", "percent", 14.4, "driving_licence_renewals_online"),
    ]:
        i = s2.index(raw)
        f2.append(
            {
                "start": i,
                "end": i + len(raw),
                "unit": unit,
                "value": val,
                "numerator": None,
                "denominator": None,
                "indicator": ind,
            }
        )
    assert pair_shares(s2, f2)[2][:2] == (414.0, 2872.0)
    # a count with a different noun and no "trong đó" is not a denominator
    s3 = "có 900 cây, 414 hồ sơ, đạt 14,4%"
    f3 = [
        {
            "start": s3.index("900"),
            "end": s3.index("900") + 3,
            "unit": "count",
            "value": 900,
            "indicator": "x",
        },
        {
            "start": s3.index("414"),
            "end": s3.index("414") + 3,
            "unit": "count",
            "value": 414,
            "indicator": "y",
        },
        {
            "start": s3.index("14,4"),
            "end": s3.index("14,4") + 5,
            "unit": "percent",
            "value": 14.4,
            "indicator": "y",
        },
    ]
    assert pair_shares(s3, f3)[2][:2] == (414.0, None)


# -- issue 11, item 7: cues after the number, across a comma, and by the head noun --------


def _classified(text: str, province: str = "Cà Mau"):
    import pandas as pd

    from dtanalysis.extract import extract_figures
    from dtanalysis.panel import build_panel

    docs = pd.DataFrame(
        [{"doc_id": "d", "document_date": "2023-12-31", "province": province, "text": text}]
    )
    return build_panel(extract_figures(text, "d", default_province=province), docs)


@pytest.mark.parametrize(
    "text, raw, indicator",
    [
        (
            "Cà Mau năm 2023 có hơn 120.000 tài khoản Mobile Money.",
            "hơn 120.000",
            "mobile_money_accounts",
        ),
        (
            (
                "Năm 2023, mức độ hài lòng của người dân, doanh nghiệp đối với sự phục vụ của "
                "cơ quan hành chính đạt 92,15%."
            ),
            "92,15%",
            "satisfaction_rate",
        ),
        (
            (
                "Năm 2023, Cà Mau đã thành lập Tổ công nghệ số cộng đồng ở các ấp, khóm với "
                "tổng cộng 1.058 tổ."
            ),
            "1.058",
            "community_digital_teams",
        ),
    ],
)
def test_cues_after_the_number_across_a_comma_and_by_head_noun(text, raw, indicator):
    f = _classified(text).figures.set_index("raw").loc[raw]
    assert (f["indicator"], f["status"]) == (indicator, "classified")


def test_a_clause_with_its_own_figure_keeps_its_own_subject():
    text = "Năm 2023, mức độ hài lòng đạt 90%, 25 xã đạt chuẩn nông thôn mới."
    f = _classified(text).figures.set_index("raw")
    assert f.loc["90%", "indicator"] == "satisfaction_rate"
    assert f.loc["25", "indicator"] != "satisfaction_rate"


def test_the_ca_mau_satisfaction_target_gets_its_gap_rows():
    from dtanalysis import adoption, gaps
    from dtanalysis.reference import load_codebook, load_targets

    text = (
        "Năm 2023, mức độ hài lòng của người dân, doanh nghiệp đối với sự phục vụ của cơ "
        "quan hành chính đạt 92,15%."
    )
    obs = adoption.observations_from_panel(_classified(text).panel)
    table = gaps.compute_gaps(obs, load_targets(), codebook=load_codebook())
    rows = table[(table["indicator"] == "satisfaction_rate") & (table["scope"] == "96")]
    assert len(rows) and (rows["measure"] == "absolute_gap_pp").any()
