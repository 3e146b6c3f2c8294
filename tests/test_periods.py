"""Tests for dtanalysis.periods: Vietnamese reporting periods."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtanalysis.periods import (
    find_time_expressions,
    parse_document_date,
    resolve_period,
    transition_role,
)

CASES = [
    # sentence, figure, document date, expected (start, end)
    (
        "Cụ thể, đến 1 giờ sáng ngày 27/4/2025, Công an tỉnh đã thu nhận 103/117 mẫu ADN.",
        "103/117",
        "2025-05-13",
        ("", "2025-04-27"),
    ),
    (
        "Đến ngày 15/3/2025, Sở Tư pháp đã chuyển 1.738.517 dữ liệu.",
        "1.738.517",
        "2025-05-13",
        ("", "2025-03-15"),
    ),
    (
        "Từ ngày 01/3 đến 26/4/2025, tỉnh đã tiếp nhận 3.597 hồ sơ.",
        "3.597",
        "2025-05-13",
        ("2025-03-01", "2025-04-26"),
    ),
    (
        "Trong quý I/2025, tỉnh đã ban hành 12 văn bản.",
        "12",
        "2025-05-13",
        ("2025-01-01", "2025-03-31"),
    ),
    ("Trong quý I năm 2025, tỉnh đã ban hành 12 văn bản.", "12", "", ("2025-01-01", "2025-03-31")),
    ("Quý IV/2024 có 7 hội nghị.", "7", "", ("2024-10-01", "2024-12-31")),
    ("4 tháng đầu năm 2023, tỉnh có 11 kết quả.", "11", "2023-05-11", ("2023-01-01", "2023-04-30")),
    ("6 tháng cuối năm 2023 cần 9 nhiệm vụ.", "9", "", ("2023-07-01", "2023-12-31")),
    (
        "Từ tháng 12.2022 đến tháng 3.2023, có 5 dịch vụ.",
        "5",
        "2023-05-11",
        ("2022-12-01", "2023-03-31"),
    ),
    (
        "từ ngày 1.1-20.4.2023, tỷ lệ hồ sơ tiếp nhận trực tuyến đạt trung bình 70%.",
        "70%",
        "2023-05-11",
        ("2023-01-01", "2023-04-20"),
    ),
    ("Năm 2022, có 815.088 lượt văn bản.", "815.088", "", ("2022-01-01", "2022-12-31")),
    ("Đến cuối năm 2022, có 356 thủ tục.", "356", "", ("", "2022-12-31")),
    ("Cuối năm 2022 có 356 thủ tục.", "356", "", ("2022-12-31", "2022-12-31")),
    (
        "Từ đầu năm 2023 đến nay, đã cấp 300 chữ ký số.",
        "300",
        "2023-06-30",
        ("2023-01-01", "2023-06-30"),
    ),
    ("Từ đầu năm 2023 đến nay, đã cấp 300 chữ ký số.", "300", "2023", ("2023-01-01", "2023-12-31")),
    ("Chiều 13/5, tỉnh tổ chức 2 hội nghị.", "2", "2025-05-13", ("2025-05-13", "2025-05-13")),
    ("Sáng 11.5, Ban Chỉ đạo nghe 3 báo cáo.", "3", "2023-05-11", ("2023-05-11", "2023-05-11")),
    (
        "GPLX từ ngày 13/3 đến nay đã xử lý 2.872 trường hợp.",
        "2.872",
        "2025-05-13",
        ("2025-03-13", "2025-05-13"),
    ),
    ("Hiện nay có 13.484 người sử dụng.", "13.484", "2023", ("2023-01-01", "2023-12-31")),
    ("Hệ thống hiện hoạt động tại 771 cơ quan.", "771", "2025-05-13", ("2025-05-13", "2025-05-13")),
    ("giai đoạn 2021-2025 có 40 nhiệm vụ.", "40", "", ("2021-01-01", "2025-12-31")),
    ("ngày 27 tháng 4 năm 2025 có 8 người.", "8", "", ("2025-04-27", "2025-04-27")),
    ("Tháng 3/2023 có 8 người.", "8", "", ("2023-03-01", "2023-03-31")),
]


@pytest.mark.parametrize("sentence, figure, doc_date, expected", CASES)
def test_forms(sentence, figure, doc_date, expected):
    p = resolve_period(sentence, sentence.index(figure), doc_date)
    assert (p.start, p.end) == expected, p.basis
    assert p.basis.startswith("sentence")


def test_unknown_stays_empty():
    p = resolve_period("Tỉnh có 2.472 vị trí trạm BTS.", 7, "")
    assert (p.start, p.end) == ("", "") and p.basis.startswith("unknown")
    # a year-less date or "hiện nay" without a document date is not resolved
    assert resolve_period("Chiều 13/5 có 2 hội nghị.", 13, "")[:2] == ("", "")
    assert resolve_period("Hiện nay có 13.484 người.", 11, "")[:2] == ("", "")


def test_document_dates_of_legal_acts_are_ignored():
    s = ("mới chỉ triển khai 03/28 dịch vụ công trực tuyến theo Quyết định số 422/QĐ-TTg "
         "ngày 04/4/2022")
    assert resolve_period(s, s.index("03/28"), "2023-02-10")[:2] == ("", "")
    roles = [e.role for e in find_time_expressions(s, "2023-02-10")]
    assert roles == ["document"]


def test_transition_split_into_two_observations():
    s = "Từ tháng 12.2022 đến tháng 3.2023, tỷ lệ hồ sơ phát sinh trực tuyến tăng từ 56% lên 81%."
    assert transition_role(s, s.index("56%")) == "from"
    assert transition_role(s, s.index("81%")) == "to"
    assert resolve_period(s, s.index("56%"), "2023-05-11")[:2] == ("2022-12-01", "2022-12-31")
    assert resolve_period(s, s.index("81%"), "2023-05-11")[:2] == ("2023-03-01", "2023-03-31")
    # without a range the start value's date is unknown, the end value's is the period's
    s2 = "Hiện nay tỷ lệ tăng từ 56% lên 81%."
    assert resolve_period(s2, s2.index("56%"), "2023-05-11")[:2] == ("", "")
    assert resolve_period(s2, s2.index("81%"), "2023-05-11")[:2] == ("2023-05-11", "2023-05-11")


def test_change_since_comparison_base():
    s = "Tỷ lệ có thanh toán trực tuyến đạt 20,07%, tăng 12,07% so với cuối năm 2022."
    p = resolve_period(s, s.index("12,07"), "2023-05-11")
    assert (p.start, p.end) == ("2022-12-31", "2023-05-11")
    level = resolve_period(s, s.index("20,07"), "2023-05-11")
    assert (level.start, level.end) == ("2023-05-11", "2023-05-11")
    assert "cuối năm 2022" in level.basis


def test_target_deadline():
    s = ("Đến năm 2025, tỉnh phấn đấu có tỷ lệ dân số trưởng thành sử dụng dịch vụ công trực "
         "tuyến đạt 50%.")
    p = resolve_period(s, s.index("50%"), "2023")
    assert (p.start, p.end) == ("", "2025-12-31") and "target" in p.basis
    s2 = "Phấn đấu đến 2030, nhân rộng mô hình đến 100% các huyện."
    assert resolve_period(s2, s2.index("100%"), "")[1] == "2030-12-31"


def test_context_nearest_first_and_skips_targets():
    s = "Tỉnh có 2.472 vị trí trạm BTS."
    ctx = [
        ("paragraph", "Phấn đấu đến năm 2030 hoàn thành."),
        ("list header", "Trong năm 2022, nhiệm vụ đạt kết quả như sau:"),
    ]
    p = resolve_period(s, 8, "", context=ctx)
    assert (p.start, p.end) == ("2022-01-01", "2022-12-31")
    assert p.basis.startswith("list header")
    p2 = resolve_period(s, 8, "2023-02-10", context=["Hội nghị ngày 10/02/2023. Hiện nay tốt."])
    assert (p2.start, p2.end) == ("2023-02-10", "2023-02-10")


def test_yearless_date_after_document_is_last_year():
    s = "Ngày 28/12 có 5 người."
    assert resolve_period(s, s.index("5 "), "2024-01-15")[:2] == ("2023-12-28", "2023-12-28")


def test_parse_document_date():
    assert parse_document_date("2023-05")[1].isoformat() == "2023-05-31"
    assert parse_document_date("") is None and parse_document_date("2023-13-01") is None


def test_numbers_are_not_dates():
    s = "đã thu nhận 103/117 mẫu, 1.234 hồ sơ, đạt 88,03%, 45/101 xã, 21/24 nhiệm vụ"
    assert find_time_expressions(s, "2025-05-13") == []


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="0123456789 ./-ngàytháquýIVđếnừhiệcuốiầus", max_size=60),
    st.sampled_from(["", "2023", "2023-05", "2023-05-11"]),
)
def test_never_crashes_and_dates_are_ordered(text, doc):
    p = resolve_period(text, len(text) // 2, doc)
    if p.start and p.end:
        assert p.start <= p.end


# -- issue 11, item 1: no level dated after its document --------------------------------


def test_a_lead_naming_next_years_plan_gives_the_reported_year():
    lead = (
        "Hội nghị đánh giá kết quả thực hiện chuyển đổi số năm 2023 và triển khai nhiệm vụ "
        "năm 2024."
    )
    s = "Tỷ lệ hồ sơ trực tuyến đạt 65%."
    p = resolve_period(s, s.index("65"), "2024-03-15", context=[("document lead", lead)])
    assert (p.start, p.end) == ("2023-01-01", "2023-12-31")
    assert "document lead: 'năm 2023'" in p.basis and "plans after the document date" in p.basis


def test_a_lead_naming_only_the_current_year_ends_at_the_document_date():
    lead = "Triển khai nhiệm vụ chuyển đổi số năm 2024."
    s = "Tỷ lệ hồ sơ trực tuyến đạt 65%."
    p = resolve_period(s, s.index("65"), "2024-03-15", context=[("document lead", lead)])
    assert (p.start, p.end) == ("2024-01-01", "2024-03-15")
    assert "ending at the document date 2024-03-15" in p.basis
