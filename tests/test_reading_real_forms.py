"""Forms met in real articles outside the repository (benchmarks/precision/).

Each test is a sentence written for the test in the same form as one that the
extraction misread on the evaluation set: a figure row that is no figure, a figure
typed as something else, or a figure given the wrong province.
"""

from __future__ import annotations

import pytest

from dtanalysis.reading import extract_mentions, parse_quantity


def _at(text: str, token: str, occurrence: int = 1):
    """The mention that holds the ``occurrence``-th ``token`` of ``text``."""
    pos = -1
    for _ in range(occurrence):
        pos = text.index(token, pos + 1)
    for m in extract_mentions(text):
        if m.start <= pos < m.end:
            return m
    raise AssertionError(f"no mention at {token!r}")


# ----------------------------------------------------------------- not figures
@pytest.mark.parametrize("text, token", [
    ("Quang cảnh buổi lễ khai trương.\n\n12\n\nToàn xã có 45 hộ kinh doanh.", "12"),
    ("STT\n\nĐơn vị\n\n3\n\nSở Tài chính\n", "3"),
    ("Ảnh: Minh Tâm\n7\n", "7"),
])
def test_a_small_number_alone_on_its_line_is_page_furniture(text, token):
    m = _at(text, token)
    assert m.kind == "label" and "page furniture" in m.reason


def test_a_number_on_a_line_with_words_stays_a_figure():
    text = "Quang cảnh buổi lễ.\n\n12\n\nToàn xã có 45 hộ.\n2.472\n"
    assert _at(text, "45").kind == "figure"
    assert _at(text, "2.472").kind == "figure"


def test_a_number_alone_is_still_a_quantity_phrase():
    assert parse_quantity("12").value == 12
    assert parse_quantity("hơn 12").value == 12


def test_day_month_year_in_words_without_ngay_is_a_date():
    text = "Sóc Trăng, ngày\n07 tháng 8 năm 2022\nKẾ HOẠCH"
    m = _at(text, "07")
    assert m.kind == "date" and m.raw == "07 tháng 8 năm 2022"
    assert _at("Trong 5 tháng qua, tỉnh đạt 40%.", "5").kind == "figure"


@pytest.mark.parametrize("text, token", [
    ("Cập nhật 2024-03-15 lúc 9h", "2024-03-15"),
    (" date 2022-07 Sở Y tế tỉnh cho biết", "2022-07"),
])
def test_iso_dates_are_dates(text, token):
    m = _at(text, token)
    assert m.kind == "date" and m.raw == token


def test_lan_luot_is_not_the_unit_lan():
    text = "Tỷ lệ của các năm từ 2019 - 2022 lần lượt là 40%, 45%, 50% và 52%."
    m = _at(text, "2019")
    assert m.kind == "date" and m.raw.endswith("2022")
    text2 = "Giai đoạn này, năm 2019 - 2022 lần lượt đạt 3 và 4 điểm."
    m2 = _at(text2, "2019")
    assert m2.kind == "date" and m2.raw == "năm 2019 - 2022"
    assert parse_quantity("tăng 3 lần").unit_text == "lần"


def test_time_zone_is_not_a_count():
    text = "Thứ Hai, 12/5/2025 10:15 (GMT+7)"
    m = _at(text, "7)")
    assert m.kind != "figure" and "time zone" in m.reason


def test_position_in_a_photo_is_not_a_rank():
    text = "Giám đốc Sở (đứng thứ 2 từ phải sang) trao quà cho các em."
    m = _at(text, "2")
    assert m.kind == "label" and "photo" in m.reason
    assert _at("Tỉnh đứng thứ 2 toàn quốc.", "2").kind == "figure"


# ----------------------------------------------------------------- real figures
def test_vi_tri_so_is_a_rank():
    m = _at("Năm nay, tỉnh xếp ở vị trí số 1 cả nước.", "1")
    assert m.kind == "figure" and m.quantity.unit_text == "rank" and m.quantity.value == 1
    assert _at("Nhà số 5 đường Trần Phú", "5").kind == "label"


def test_ordinal_naming_who_holds_the_place_is_a_rank():
    m = _at("Bình Dương dẫn đầu, thứ 2 là Long An, tiếp theo là Tây Ninh.", "2")
    assert m.kind == "figure" and m.quantity.unit_text == "rank"
    assert _at("Đây là lần thứ 3 liên tiếp tỉnh tổ chức.", "3").kind == "label"
    assert _at("Thứ 2 là ngày họp giao ban.", "2").kind == "label"


def test_a_counted_number_of_tiers_is_a_count():
    m = _at("Hệ thống gồm 3 cấp là tỉnh, huyện và xã.", "3")
    assert m.kind == "figure" and m.quantity.value == 3
    assert _at("Vận hành chính quyền địa phương 2 cấp từ tháng 7.", "2").kind == "label"
