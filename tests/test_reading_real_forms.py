"""Forms met in real articles outside the repository (benchmarks/precision/).

Each test is a sentence written for the test in the same form as one that the
extraction misread on the evaluation set: a figure row that is no figure, a figure
typed as something else, or a figure given the wrong province.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtanalysis.extract import extract_figures, mentions_frame
from dtanalysis.provinces import detect_provinces
from dtanalysis.reading import extract_mentions, parse_quantity


def _corpus_and_unseen_texts() -> list[str]:
    """The corpus texts and the unseen test texts, normalised (for full-scan checks)."""
    from pathlib import Path

    from dtanalysis.corpus import load_corpus
    from dtanalysis.text import normalize_text

    here = Path(__file__).parent / "data" / "unseen"
    texts = [d.text for d in load_corpus()]
    return texts + [normalize_text(p.read_text(encoding="utf-8"))
                    for p in sorted(here.glob("*.txt"))]


def _at(text: str, token: str, occurrence: int = 1):
    """The mention that holds the ``occurrence``-th ``token`` of ``text``."""
    pos = -1
    for _ in range(occurrence):
        pos = text.index(token, pos + 1)
    for m in extract_mentions(text):
        if m.start <= pos < m.end:
            return m
    raise AssertionError(f"no mention at {token!r}")


def _province_of(text: str, token: str) -> str:
    df = extract_figures(text, "t")
    pos = text.index(token)
    row = df[(df["start"] <= pos) & (df["end"] > pos)]
    assert len(row) == 1, row
    return row["province"].iloc[0]


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


def test_a_level_written_muc_n_is_a_label():
    text = "Có 120 dịch vụ công trực tuyến mức 3, 4; trong đó mức 4 là 95 hồ sơ, VNeID mức 2."
    for token, occurrence in (("3", 1), ("4", 1), ("4", 2), ("2", 2)):
        m = _at(text, token, occurrence)
        assert m.kind == "label" and m.reason == "label: mức", (token, m)
    assert _at(text, "95").kind == "figure" and _at(text, "120").kind == "figure"
    assert _at("Tỷ lệ đạt mức 85%.", "85").kind == "figure"


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


@pytest.mark.parametrize("text, token, value, unit_text", [
    ("Tỉnh mới có diện tích 9.888km², dân số khoảng 5 triệu người.", "9.888km²", 9888, "km²"),
    ("Nhà văn hóa rộng 120m² được xây mới.", "120m²", 120, "m²"),
    ("Hồ chứa thêm 50m³ nước mỗi ngày.", "50m³", 50, "m³"),
])
def test_a_unit_with_a_superscript_glued_to_its_number_is_a_figure(text, token, value, unit_text):
    # "²" is a digit to str.isdigit and a word character to the regex engine: the
    # token "9.888km²" was read as a code ("H5N1") and the area was lost
    m = _at(text, token)
    assert (m.kind, m.raw, m.quantity.value, m.quantity.unit_text) == (
        "figure", token, value, unit_text)


@pytest.mark.parametrize("text, token, raw, value, qualifier, unit_text", [
    ("Mật độ điện thoại đạt gần 128 thuê bao/100 dân.", "128", "gần 128 thuê bao/100 dân",
     128, "nearly", "thuê bao/100 dân"),
    ("Mục tiêu trên 0,7 doanh nghiệp công nghệ số trên 1.000 dân; 85% dân số có tài khoản.",
     "0,7", "trên 0,7 doanh nghiệp công nghệ số trên 1.000 dân", 0.7, "over",
     "doanh nghiệp công nghệ số trên 1.000 dân"),
    ("Tỉnh có 1,5 bác sĩ/10.000 người.", "1,5", "1,5 bác sĩ/10.000 người", 1.5, None,
     "bác sĩ/10.000 người"),
    ("Tỷ lệ 12 trên 100 dân.", "12", "12 trên 100 dân", 12, None, "trên 100 dân"),
])
def test_a_rate_per_inhabitants_is_one_figure(text, token, raw, value, qualifier, unit_text):
    # the base ("100", "1.000") is part of the rate, no count of its own, and "trên"
    # before it is "per", not "over"
    m = _at(text, token)
    q = m.quantity
    assert (m.kind, m.raw, q.value, q.unit, q.qualifier, q.unit_text) == (
        "figure", raw, value, "other", qualifier, unit_text)
    assert parse_quantity(raw).unit_text == unit_text
    figures = [x.raw for x in extract_mentions(text) if x.kind == "figure"]
    assert figures == [raw] + (["85%"] if "85%" in text else [])


def test_over_a_number_of_people_stays_a_count():
    m = _at("Xã có trên 1.000 dân.", "1.000")
    assert (m.raw, m.quantity.unit, m.quantity.qualifier) == ("trên 1.000", "count", "over")
    ms = [x for x in extract_mentions("Thu hút 500 người trên 1.000 người đăng ký.")
          if x.kind == "figure"]
    assert [(x.raw, x.quantity.qualifier) for x in ms] == [("500", None), ("trên 1.000", "over")]


def test_ranks_given_respectively_are_ranks():
    text = ("Thứ hạng về chính quyền số, kinh tế số, xã hội số của tỉnh so với cả nước lần "
            "lượt là 22, 9, 13. Số xã lần lượt là 12, 14.")
    got = [(m.raw, m.quantity.unit_text) for m in extract_mentions(text)]
    assert got == [("22", "rank"), ("9", "rank"), ("13", "rank"), ("12", ""), ("14", "")]


def test_among_n_is_a_count_not_a_number_label():
    # "trong số" is "among": the number after it counts ("11 trong số 16 tỉnh")
    m = _at("Có 11 trong số 16 tỉnh/thành phố vẫn thuộc nhóm này.", "16")
    assert (m.kind, m.raw, m.quantity.value) == ("figure", "16", 16)
    assert _at("Trong số 15 tỉnh/thành phố đạt điểm cao nhất.", "15").kind == "figure"
    assert _at("Nhà số 5 đường Trần Phú", "5").kind == "label"


def test_a_time_of_day_with_seconds_is_a_time():
    assert _at("THỨ BA, 19/10/2021 19:18:10", "19:18:10").kind == "time"
    assert _at("Lúc 08:30:15 sáng nay.", "08:30:15").kind == "time"
    assert _at("Mã 8:75:00 không hợp lệ.", "8:75:00").kind == "label"


def test_emoji_presentation_marks_inside_a_number_are_dropped():
    # "2️016": a "2", the variation selector U+FE0F, "016" (a year typed on a phone);
    # the keycap "1️⃣" is a plain "1"
    from dtanalysis.text import normalize_text

    text = normalize_text("SO SÁNH PAPI 2\ufe0f016 với PAPI 2017\n1\ufe0f\u20e3 Nhóm cao ☘\ufe0f")
    assert text == "SO SÁNH PAPI 2016 với PAPI 2017\n1 Nhóm cao ☘"
    assert [(m.raw, m.kind) for m in extract_mentions(text)][:2] == [
        ("2016", "date"), ("2017", "date")]


def test_a_counted_number_of_tiers_is_a_count():
    m = _at("Hệ thống gồm 3 cấp là tỉnh, huyện và xã.", "3")
    assert m.kind == "figure" and m.quantity.value == 3
    assert _at("Vận hành chính quyền địa phương 2 cấp từ tháng 7.", "2").kind == "label"


# ----------------------------------------------------------------- provinces
def test_tp_written_without_a_space_names_the_city():
    found = detect_provinces("Vị trí thứ 3 thuộc về TP.Huế và TP Cần Thơ.")
    assert [p[1] for p in found] == ["Thừa Thiên Huế", "Cần Thơ"]


def test_a_paragraph_naming_no_province_in_a_comparison_of_provinces_gets_none():
    # a document naming three or more provinces compares them; its most-named one
    # (Hà Nội) is no province of a paragraph that names none
    text = ("Hà Nội xếp thứ 6, tăng 18 bậc. Hà Nội lọt vào nhóm dẫn đầu.\n"
            "Các vị trí tiếp theo là Đà Nẵng, Cần Thơ, Lạng Sơn.\n"
            "Ở nhóm 17 bộ, ngành có dịch vụ công, Bộ Tài chính dẫn đầu.")
    assert _province_of(text, "17") == ""
    assert _province_of(text, "18 bậc") == "Hà Nội"
    single = "Tỉnh Long An có 120 xã.\nToàn tỉnh có 5.000 hộ kinh doanh dùng mã QR."
    assert _province_of(single, "5.000") == "Long An"
    two = "Tỉnh Long An có 120 xã, Tây Ninh có 95 xã.\nNăm nay có 5.000 hộ dùng mã QR."
    assert _province_of(two, "5.000") == "Long An"  # two provinces: the first named


def test_a_figure_before_a_list_of_provinces_gets_none_of_them():
    text = "Tỉnh Nghệ An có 20 huyện.\nTop 10 địa phương dẫn đầu gồm: Đà Nẵng, Hà Nội, Huế."
    assert _province_of(text, "Top 10") == ""


@pytest.mark.parametrize("sentence, token", [
    ("Giá trị trung bình cả nước đạt 0,6961 điểm, tăng 2,6%.", "0,6961"),
    ("DTI cấp quốc gia gồm 12 chỉ số chia thành 3 trụ cột.", "12"),
    ("Ở cấp bộ, có 5 đơn vị dẫn đầu.", "5"),
    ("Hồ sơ trực tuyến đạt 94% (vượt chỉ tiêu toàn quốc là 60%).", "60%"),
    ("Tỉnh góp phần vào mục tiêu tăng trưởng GDP quốc gia trên 8%, theo chỉ đạo.", "trên 8%"),
])
def test_a_national_figure_gets_no_document_province(sentence, token):
    text = "Tỉnh Thái Nguyên xếp thứ 8.\n" + sentence
    assert _province_of(text, token) == ""


def test_national_scope_carries_through_its_paragraph():
    text = ("Tỉnh Bắc Ninh đứng đầu.\nTỷ trọng kinh tế số của cả nước tăng mạnh. "
            "Năm 2021, con số này là 11,91%.\nTỉnh đạt 56,83%.")
    assert _province_of(text, "11,91%") == ""
    assert _province_of(text, "56,83%") == "Bắc Ninh"


def test_a_sentence_of_a_national_paragraph_without_a_national_subject_has_one_answer():
    # the shortcut of _Provinces.sentence (one pick for every figure of a sentence)
    # holds in a paragraph with a national word when the sentence has no national
    # subject; it must give what a pick per figure gives
    from dtanalysis.rows import _Provinces

    text = "Tỉnh Thái Nguyên xếp thứ 8.\nTỉnh đạt 56,83% và 12 xã. Cả nước đạt 80%."
    prov = _Provinces(text, None)
    second = text.index("Cả nước")
    prov.sentence(text.index("Tỉnh đạt"), second)
    assert prov.same == ("19", "Thái Nguyên", "document", "")
    for token in ("56,83%", "12"):
        s = text.index(token)
        assert prov.pick(s, s + len(token)) == prov.same
    prov.sentence(second, len(text))
    s = text.index("80%")
    assert prov.same is None
    assert prov.pick(s, s + 3) == ("", "", "", "national subject before the figure: 'Cả nước'")


@pytest.mark.parametrize("sentence, token", [
    ("Công an tỉnh đã thu nhận gần 860.000 tài khoản (xếp thứ 10 toàn quốc).", "860.000"),
    ("Sở Tư pháp đã chuyển 1.738.517 dữ liệu vào cơ sở dữ liệu toàn quốc.", "1.738.517"),
    ("Kết quả năm nay đạt 0,7 điểm, cao hơn trung bình cả nước.", "0,7"),
])
def test_a_provincial_figure_compared_with_the_country_keeps_its_province(sentence, token):
    text = "Tỉnh Hải Dương năm 2023.\n" + sentence
    assert _province_of(text, token) == "Hải Dương"


@pytest.mark.parametrize("text, token, province", [
    # a figure after provinces named together is a figure of none of them alone
    (("Tỉnh Cà Mau năm 2017.\nĐiểm của Bạc Liêu, Quảng Ninh và Trà Vinh tăng nhiều nhất "
     "(trên 8% điểm)."), "8%", ""),
    ("Tỉnh Cà Mau năm 2017.\nHai tỉnh An Giang và Trà Vinh đạt mức tăng trên 10%.", "10%", ""),
    # "lần lượt" (respectively): the i-th figure to the i-th province
    (("Tỉnh Cà Mau năm 2023.\nHà Nội và Thành phố Hồ Chí Minh lần lượt đạt 43,96 điểm "
     "(nhóm cao nhất) và 41,77 điểm."), "43,96", "Hà Nội"),
    (("Tỉnh Cà Mau năm 2023.\nHà Nội và Thành phố Hồ Chí Minh lần lượt đạt 43,96 điểm "
     "(nhóm cao nhất) và 41,77 điểm."), "41,77", "Thành phố Hồ Chí Minh"),
    ("Tỉnh Cà Mau.\nHà Nội và Hải Phòng lần lượt đạt 40, 41 và 42 điểm.", "42", ""),
    # a list in an earlier clause, or after "so với", is no subject of the figure
    ("Sau khi sáp nhập tỉnh Quảng Nam và thành phố Đà Nẵng; Đà Nẵng có 94 xã.", "94", "Đà Nẵng"),
    ("Sau khi sáp nhập Quảng Nam và Đà Nẵng; thành phố có 94 xã.", "94", "Đà Nẵng"),
    ("So với Hà Nội, Bắc Ninh đạt 80%.", "80%", "Bắc Ninh"),
    # "là X" before a list is no holder
    (("Tỉnh Cà Mau.\n3 địa phương đứng cuối bảng với giá trị gần 0,6 là Cao Bằng, Quảng Trị "
     "và Hưng Yên."), "0,6", ""),
])
def test_provinces_named_together(text, token, province):
    assert _province_of(text, token) == province


@pytest.mark.parametrize("text, token, province", [
    ("Tỉnh Bạc Liêu dẫn đầu. Không có tỉnh nào trong toàn bộ 63 tỉnh/thành phố giảm điểm.",
     "63", ""),
    ("Bến Tre là 1 trong 23 tỉnh, thành phố cung cấp 100% dịch vụ công.", "23", ""),
    ("Năm 2023, Đồng Nai có 2 tỉnh láng giềng tăng điểm.", "2 tỉnh", ""),
    # a rank out of the provinces, a rank band, roads and merged provinces are its own
    ("Tỉnh Long An xếp thứ 11/63 tỉnh, thành phố.", "11/63", "Long An"),
    ("Kiên Giang phấn đấu trong nhóm 30 tỉnh, thành phố.", "30", "Kiên Giang"),
    ("Tỉnh Cà Mau nâng cấp 5 tỉnh lộ.", "5", "Cà Mau"),
    ("An Giang hợp nhất 2 tỉnh cũ.", "2", "An Giang"),
])
def test_a_count_of_provinces_is_about_no_province(text, token, province):
    assert _province_of(text, token) == province


@pytest.mark.parametrize("text, token, province", [
    ("Chỉ số Cải cách hành chính (PAR Index) của 63 địa phương.\nTỉnh Bắc Ninh đạt 90%.",
     "63", ""),
    ("Tỉnh Bắc Ninh đạt 90%.\nChỉ số của 6 vùng kinh tế - xã hội đều tăng.", "6", ""),
    ("Tỉnh Bắc Ninh có 10 địa phương đạt chuẩn nông thôn mới.", "10", "Bắc Ninh"),
])
def test_a_count_of_all_provinces_or_of_regions_is_about_no_province(text, token, province):
    assert _province_of(text, token) == province


def test_the_count_of_all_provinces_is_that_of_the_province_table():
    from dtanalysis.places import ALL_PROVINCES
    from dtanalysis.provinces import load_provinces

    assert str(len(load_provinces())) in ALL_PROVINCES and "34" in ALL_PROVINCES


def test_a_sentence_naming_none_in_a_paragraph_naming_several_gets_none():
    # the paragraph compares provinces; the sentence that names none is about none
    text = ("Hải Phòng dẫn đầu với 96,17%.\nTỉnh Bình Thuận tăng mạnh nhất với 6,39%; Lai "
            "Châu có mức tăng thấp nhất là 0,19%. Trong khi đó, 9 địa phương có chỉ số giảm, "
            "nơi giảm nhiều nhất là 2,94%.")
    assert [_province_of(text, t) for t in ("6,39%", "0,19%", "9 địa", "2,94%")] == [
        "Bình Thuận", "Lai Châu", "", ""]
    two = ("Quảng Ninh đứng đầu, Hà Nội xếp thứ 3. Trong năm 2023, các vùng đạt trên 80%.\n"
           "Hà Nội đạt 91,43%.")
    assert _province_of(two, "80%") == ""
    assert _province_of(two, "91,43%") == "Hà Nội"


@pytest.mark.parametrize("text, token, province", [
    ("Tỷ lệ dùng điện thoại thông minh đạt mức 83% tại Hà Nội và 79% tại Hải Phòng.",
     "83%", "Hà Nội"),
    ("Tỷ lệ dùng điện thoại thông minh đạt mức 83% tại Hà Nội và 79% tại Hải Phòng.",
     "79%", "Hải Phòng"),
    # a count stays its organiser's
    ("Tỉnh Cà Mau tổ chức 3 hội nghị tại Thành phố Hồ Chí Minh.", "3", "Cà Mau"),
    # a colon opens the list the figure counts, even after a province in its sentence
    (("Quảng Ngãi tăng 34 bậc; 9 địa phương dẫn đầu về nhận thức số: Đà Nẵng, Lạng Sơn, "
      "Yên Bái."), "9", ""),
])
def test_where_a_share_is_measured_and_what_a_count_lists(text, token, province):
    assert _province_of(text, token) == province


@pytest.mark.parametrize("text, token, raw, unit_text", [
    ("Mật độ dân số trung bình khoảng 230 người/km2.", "230", "khoảng 230 người/km2",
     "người/km2"),
    ("Năng suất lúa đạt 6 tấn/ha.", "6", "6 tấn/ha", "tấn/ha"),
])
def test_a_rate_per_unit_of_area_is_one_figure(text, token, raw, unit_text):
    m = _at(text, token)
    assert (m.kind, m.raw, m.quantity.unit, m.quantity.unit_text) == (
        "figure", raw, "other", unit_text)
    assert [x.raw for x in extract_mentions(text)] == [raw]


@pytest.mark.parametrize("text, token, raw, unit, unit_text", [
    ("GRDP bình quân đầu người đạt 95 triệu đồng/người.", "95", "95 triệu đồng/người", "vnd",
     "triệu đồng/người"),
    ("Mỗi tổ được hỗ trợ 2 triệu đồng/tháng.", "2", "2 triệu đồng/tháng", "vnd",
     "triệu đồng/tháng"),
    ("Thu nhập 5 triệu đồng / người / tháng.", "5", "5 triệu đồng / người / tháng", "vnd",
     "triệu đồng/người/tháng"),
    ("Giá lúa 7.000 đồng/kg.", "7.000", "7.000 đồng/kg", "vnd", "đồng/kg"),
    ("Tốc độ tối đa 50 km/h.", "50", "tối đa 50 km/h", "other", "km/h"),
])
def test_what_an_amount_is_per_is_part_of_its_unit(text, token, raw, unit, unit_text):
    m = _at(text, token)
    assert (m.raw, m.quantity.unit, m.quantity.unit_text) == (raw, unit, unit_text)


def test_provinces_joined_by_voi_are_named_together():
    text = ("Liên quan đến việc hợp nhất tỉnh Bạc Liêu với Cà Mau, 2 địa phương đã chủ động "
            "xây dựng kế hoạch.")
    assert _province_of(text, "2 địa") == ""


def test_a_dateline_is_not_the_subject_of_the_news():
    text = ("Hà Nội (TTXVN 2/4/2024) Kết quả PAPI năm 2023 cho thấy, Thừa Thiên Huế dẫn đầu "
            "với 46,04 điểm.\nBáo cáo đánh dấu chặng đường 15 năm phát triển.")
    df = extract_figures(text, "t")
    assert "Hà Nội" not in set(df["province"])
    assert _province_of(text, "46,04") == "Thừa Thiên Huế"


def test_rank_naming_its_holder_takes_the_province_named_after_it():
    text = "Bắc Ninh đứng đầu với 56,83%; đứng thứ 2 là Thái Nguyên với 42,92%."
    assert _province_of(text, "thứ 2") == "Thái Nguyên"


def test_mentions_frame_uses_the_same_provinces():
    text = "Tỉnh Thái Nguyên xếp thứ 8.\nGiá trị trung bình cả nước đạt 0,6961 điểm."
    df = mentions_frame(text, "t")
    assert df.loc[df["raw"] == "0,6961 điểm", "province"].tolist() == [""]


def test_a_figure_introducing_a_list_gets_none_of_its_members():
    text = "Tỉnh Nghệ An có 20 huyện.\nTop 5 địa phương cao nhất gồm: Hà Nội, Huế và Hải Phòng."
    assert _province_of(text, "Top 5") == ""


def test_the_definition_of_an_index_is_about_no_province():
    text = "Tỉnh Thái Nguyên xếp thứ 8.\nBộ chỉ số năm 2024 bao gồm 8 chỉ số chính."
    assert _province_of(text, "8 chỉ số") == ""


def test_scope_words_found_by_their_keys_are_those_of_a_full_scan():
    from dtanalysis.places import _COMPARED, _NATIONAL_FIRST, _SCOPE, scope_marks

    text = ("Cả nước có 63 tỉnh, thành phố; các tỉnh, thành phố đạt 50%. Tỉnh xếp thứ 10 "
            "toàn quốc. Cấp bộ có 5 đơn vị. Bộ chỉ số gồm 8 chỉ số. Huyện Châu Thành, thị xã "
            "Hà Tiên, xã hội số, Xã Mỹ Khánh; Sở Tư pháp, cơ sở dữ liệu; cấp tỉnh; cấp quốc gia; "
            "GDP quốc gia, GRDP, GDP quốc giao.")
    full = []
    for m in _SCOPE.finditer(text):
        nat = m.group(0).lower().startswith(_NATIONAL_FIRST)
        if not (nat and _COMPARED.search(text, max(0, m.start() - 12), m.start())):
            full.append((m.start(), nat, m.group(0)))
    assert scope_marks(text) == full
    assert [w for _, _, w in full] == ["Cả nước", "các tỉnh, thành phố", "Tỉnh", "Cấp bộ",
                                       "Bộ chỉ số", "Huyện", "thị xã", "Xã", "Sở",
                                       "cấp quốc gia", "GDP quốc gia"]


def test_paragraph_marks_attribute_as_the_full_scan_does(monkeypatch):
    # the attribution reads only the scope words of paragraphs with a national word
    # (places.paragraph_marks, asked by dtanalysis.rows for each paragraph that holds a
    # figure): the provinces must be those of the full scan. The full scan replaces
    # paragraph_marks in a copy of dtanalysis.rows run from its source (compiled code
    # calls paragraph_marks directly)
    from dtanalysis import places
    from dtanalysis._native import source_module

    rows = source_module("dtanalysis.rows")

    texts = _corpus_and_unseen_texts()
    texts.append(
        "Tỉnh Cà Mau đạt 60%. Trung bình cả nước đạt 50%; chỉ tiêu toàn quốc là 70%.\n"
        "Cả nước có 80% xã có cáp quang. Tỉnh đạt 90%, huyện đạt 30%. Bộ chỉ số gồm 8 "
        "chỉ số.\nCà Mau xếp thứ 10 toàn quốc với 55%; các tỉnh, thành phố đạt 40%.\n"
        "Kiên Giang có 12 huyện. Theo đó, cấp bộ có 5 đơn vị và cả nước 63 tỉnh.")
    texts.append(
        "Tỉnh Cà Mau đạt 60%.\nNghị quyết 30c/NQ-CP của Chính phủ đặt mục tiêu 80%. Đạt 85%.\n"
        "Tỉnh xây dựng Chính phủ điện tử, xếp thứ 10 toàn quốc với 55%; huyện đạt 30%.\n"
        "Theo Quyết định 749/QĐ-TTg, tỉnh đạt 70%; Thủ tướng giao cho địa phương 24 nhiệm vụ.")
    fast = [extract_figures(t, "x")[["province", "province_basis", "province_evidence"]]
            for t in texts]

    def every_mark(text, start, end):  # all scope words of the paragraph, national or not
        return [(p + start, nat, w) for p, nat, w in places.scope_marks(text[start:end])]

    monkeypatch.setattr(rows, "paragraph_marks", every_mark)
    for text, got in zip(texts, fast, strict=True):
        figs, _ = rows.text_rows(text, "x", None, None, mentions=False)
        full = [(f[3], f[5], f[6]) for f in figs]  # province, its basis and evidence
        assert list(got.itertuples(index=False, name=None)) == full
    assert any((f["province_evidence"].str.startswith("national subject")).any() for f in fast)


def test_the_type_word_endings_gate_only_what_the_pattern_cannot_match():
    # after_lower_unit_word reads the regex only after a space preceded by the last
    # letter of a type word: that set must hold the last letter of every type word
    import re

    from dtanalysis import places

    words = re.findall(r"\[(\w)\w\]([^|)]+)", places._SUB_PROVINCE_BEFORE.pattern)
    assert len(words) == 7 and {tail[-1] for _, tail in words} == places._TYPE_WORD_ENDS
    text = ("xã Hòa Bình, huyện Long An, quận Hà Nam, thị xã Bắc Ninh, thị trấn Hà Tĩnh, "
            "phường Bình Dương, đặc khu Phú Quốc, tỉnh Hòa Bình, Xã Yên Bái, an Giang")
    for pos in range(len(text) + 1):
        bare = bool(places._SUB_PROVINCE_BEFORE.search(text, max(0, pos - 10), pos))
        assert places.after_lower_unit_word(text, pos) == bare, pos
    assert sum(places.after_lower_unit_word(text, m.start() + 1)
               for m in re.finditer(r" [A-ZĐ]", text)) == 8


def test_a_count_of_the_parts_of_an_index_is_about_no_province():
    # the method of an index, in an article that names a province elsewhere
    text = ("Lễ công bố diễn ra tại Hà Nội.\n"
            "Chỉ số PAR INDEX được cấu trúc theo 8 lĩnh vực với 40 tiêu chí thành phần. "
            "Bộ chỉ số năm nay vẫn chia thành 3 cấp.\nHà Nội đạt 90,5 điểm.")
    for token in ("8 lĩnh vực", "40 tiêu chí", "3 cấp"):
        assert _province_of(text, token) == "", token
    assert _province_of(text, "90,5") == "Hà Nội"
    # a count of the province's own things, or of parts with no index named, keeps it
    text = "Lễ công bố diễn ra tại Hà Nội.\nThành phố đã ban hành kế hoạch gồm 5 lĩnh vực."
    assert _province_of(text, "5 lĩnh vực") == "Hà Nội"


# ------------------------------------------------- the Government as the subject
def _row_of(text: str, token: str):
    df = extract_figures(text, "t")
    pos = text.index(token)
    row = df[(df["start"] <= pos) & (df["end"] > pos)]
    assert len(row) == 1, row
    return row.iloc[0]


_PORTAL = "Tỉnh Bình Dương công bố kết quả cải cách hành chính.\n"


@pytest.mark.parametrize("sentence, token, word", [
    (("Chương trình tổng thể được ban hành tại Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của "
     "Chính phủ, đặt mục tiêu mức hài lòng của người dân đạt trên 80% vào năm 2020."), "80%",
     "Chính phủ"),
    ("Theo Quyết định 749/QĐ-TTg, đến năm 2025 có 80% dịch vụ công trực tuyến.", "80%",
     "749/QĐ-TTg"),
    ("Thủ tướng đặt mục tiêu 100% hồ sơ được số hóa.", "100%", "Thủ tướng"),
    ("Nghị định số 45/2020/NĐ-CP yêu cầu 100% hồ sơ được lưu trữ điện tử.", "100%",
     "45/2020/NĐ-CP"),
    ("Chương trình Chuyển đổi số quốc gia đặt mục tiêu 50% dân số có chữ ký số.", "50%",
     "Chương trình Chuyển đổi số quốc gia"),
])
def test_a_target_of_the_government_gets_no_province(sentence, token, word):
    row = _row_of(_PORTAL + sentence, token)
    assert row["province"] == "" and row["province_basis"] == ""
    assert row["province_evidence"] == f"national subject before the figure: '{word}'"


@pytest.mark.parametrize("sentence, token", [
    # e-government is a thing the province builds
    ("Tỉnh đã xây dựng Chính phủ điện tử, Chính phủ số với 90% hồ sơ trực tuyến.", "90%"),
    ("Xây dựng Chính phủ điện tử: 90% hồ sơ được xử lý trực tuyến.", "90%"),
    # a national system the province uses ("quốc gia" alone is no subject)
    ("Tỉnh đã tích hợp 1.200 thủ tục lên Cổng Dịch vụ công quốc gia.", "1.200"),
    ("Đã tích hợp lên Cổng Dịch vụ công quốc gia 1.200 thủ tục.", "1.200"),
    # a provincial word after the Government's document decides for the province
    ("Theo Quyết định 749/QĐ-TTg, tỉnh phấn đấu đạt 80% vào năm 2025.", "80%"),
    # the province is the subject ("UBND tỉnh ban hành ... đạt 90%"); the Government's
    # resolution is what it implements, so 90% is the province's result
    ("UBND tỉnh ban hành kế hoạch thực hiện Nghị quyết 30c của Chính phủ, đạt 90%.", "90%"),
    (("Thực hiện Quyết định 749/QĐ-TTg của Thủ tướng Chính phủ, năm 2023 tỷ lệ hồ sơ "
     "trực tuyến đạt 90%."), "90%"),
    ("Căn cứ Nghị định số 45/2020/NĐ-CP của Chính phủ, năm 2023 có 95% hồ sơ trực tuyến.",
     "95%"),
    # the province named before the Government's document is the subject
    ("Bình Dương thực hiện Nghị quyết 30c của Chính phủ, đạt 90%.", "90%"),
    # the Government assigns the province its tasks: the counts are the province's
    ("Thủ tướng Chính phủ giao cho địa phương 24 nhiệm vụ, đã hoàn thành 21 nhiệm vụ.", "21"),
    # a document of the province is not the Government's
    ("Quyết định số 1234/QĐ-UBND phê duyệt 25 nhiệm vụ.", "25"),
])
def test_a_provincial_figure_citing_the_government_keeps_its_province(sentence, token):
    assert _province_of(_PORTAL + sentence, token) == "Bình Dương"


def test_the_government_is_the_subject_of_its_own_sentence_only():
    # unlike "cả nước", the Government's target does not carry to the next sentence: a
    # provincial page turns back to its province after citing it
    text = _PORTAL + "Theo Quyết định 749/QĐ-TTg, đến năm 2025 đạt 80%. Năm 2023 đạt 60%."
    assert _province_of(text, "80%") == ""
    assert _province_of(text, "60%") == "Bình Dương"


def test_government_words_found_by_their_keys_are_those_of_a_full_scan():
    from dtanalysis.places import _GOVERNMENT, _SCOPE, is_government, scope_marks

    text = ("Nghị quyết số 30c/NQ-CP của Chính phủ; Quyết định 749/QĐ-TTg của Thủ tướng "
            "Chính phủ; Nghị định 45/2020/NĐ-CP; Chỉ thị 01/CT-TTg; Chính phủ điện tử, "
            "Chính phủ số; Quyết định 12/QĐ-UBND, Nghị quyết 52-NQ/TU; chương trình mục "
            "tiêu quốc gia; Cổng Dịch vụ công quốc gia; tỉnh đạt 90%.")
    gov = [(m.start(), True, m.group(0)) for m in _GOVERNMENT.finditer(text)]
    assert [w for _, _, w in gov] == ["30c/NQ-CP", "Chính phủ", "749/QĐ-TTg", "Thủ tướng",
                                      "Chính phủ", "45/2020/NĐ-CP", "01/CT-TTg",
                                      "chương trình mục tiêu quốc gia"]
    assert all(is_government(w) for _, _, w in gov)
    others = [(m.start(), False, m.group(0)) for m in _SCOPE.finditer(text)]
    assert not any(is_government(w) for _, _, w in others)
    assert scope_marks(text) == sorted(gov + others)


def test_government_words_from_their_keys_are_those_of_the_pattern_scan():
    # places.government_words matches the pattern only in windows around its keys:
    # the matches must be those of _GOVERNMENT.finditer over the whole text

    from dtanalysis.places import _GOVERNMENT, government_words

    texts = _corpus_and_unseen_texts()
    texts.append(
        "Nghị quyết số 30c/2011/NQ-CP; Chương trình chuyển đổi số quốc gia của Chính phủ; "
        "Chương trình của Chính phủ về mục tiêu quốc gia; 1/QĐ-TTg-CP; Thủ tướngChính phủ "
        "số; chính phủ; -CP -TTg hương trình quốc gia; Chính Phủ điện tử; Thủ tướng Chính phủ")
    found = 0
    for text in texts:
        want = [(m.start(), m.end()) for m in _GOVERNMENT.finditer(text)]
        assert [(m.start(), m.end()) for m in government_words(text)] == want
        found += len(want)
        a = len(text) // 3  # a part of the text: offsets stay those of the text
        part = [(m.start(), m.end()) for m in _GOVERNMENT.finditer(text, a, 2 * a)]
        assert [(m.start(), m.end()) for m in government_words(text, a, 2 * a)] == part
    assert found > 10


# ------------------------------------------------- the gap between two provinces
@pytest.mark.parametrize("sentence, token, pair", [
    (("Giữa tỉnh đứng đầu là Bắc Ninh (56,83%) so với Quảng Ngãi đứng cuối bảng (4,21%) có "
     "sự chênh lệch khá lớn, hơn 13 lần."), "hơn 13 lần", "Bắc Ninh, Quảng Ngãi"),
    ("Bắc Ninh gấp 13 lần Quảng Ngãi về tỷ trọng kinh tế số.", "13 lần",
     "Bắc Ninh, Quảng Ngãi"),
    ("Tỷ trọng của Bắc Ninh cao gấp hơn 13 lần so với tỉnh Quảng Ngãi.", "13 lần",
     "Bắc Ninh, Quảng Ngãi"),
    ("Hà Nội đạt 90,5 điểm, cao hơn Hải Phòng 5,2 điểm.", "5,2", "Hà Nội, Hải Phòng"),
    ("Hà Nội cao hơn 5 điểm so với Bắc Ninh.", "5 điểm", "Hà Nội, Bắc Ninh"),
    ("Khoảng cách giữa Hà Nội và Hải Phòng là 0,2 điểm.", "0,2", "Hà Nội, Hải Phòng"),
    ("Chênh lệch giữa Hà Nội với Đà Nẵng khoảng 3 điểm.", "3 điểm", "Hà Nội, Đà Nẵng"),
    ("So với Bắc Ninh, Quảng Ngãi thấp hơn 52,62 điểm phần trăm.", "52,62",
     "Bắc Ninh, Quảng Ngãi"),
])
def test_the_gap_between_two_provinces_is_about_neither(sentence, token, pair):
    row = _row_of("Tỉnh Bắc Ninh dẫn đầu.\n" + sentence, token)
    assert row["province"] == "" and row["province_basis"] == ""
    assert row["province_evidence"] == f"the gap or ratio between two provinces ({pair})"


@pytest.mark.parametrize("sentence, token, province", [
    # each province's own figure stays with it
    ("Bắc Ninh (56,83%) so với Quảng Ngãi (4,21%) có sự chênh lệch lớn, hơn 13 lần.",
     "56,83%", "Bắc Ninh"),
    ("Bắc Ninh (56,83%) so với Quảng Ngãi (4,21%) có sự chênh lệch lớn, hơn 13 lần.",
     "4,21%", "Quảng Ngãi"),
    ("Hà Nội đạt 90,5 điểm, cao hơn Hải Phòng 5,2 điểm.", "90,5", "Hà Nội"),
    # a comparison of levels: the later province's level is its own
    ("Hà Nội đạt 90%, so với Bắc Ninh đạt 80%.", "80%", "Bắc Ninh"),
    ("So với Hà Nội, Bắc Ninh đạt 80%.", "80%", "Bắc Ninh"),
    # a change over time is the province's
    ("Hà Nội tăng 5% so với cùng kỳ.", "5%", "Hà Nội"),
    ("Hà Nội tăng 5% so với cùng kỳ, Bắc Ninh tăng 3%.", "3%", "Bắc Ninh"),
    ("Hà Nội đạt 80% so với năm 2022; Bắc Ninh đạt 75%, cao hơn 3 điểm so với năm 2022.",
     "3 điểm", "Bắc Ninh"),
    # "và" without "giữa" joins, it does not compare
    ("Hà Nội có 12 huyện và Bắc Ninh có 8 huyện.", "8 huyện", "Bắc Ninh"),
])
def test_a_figure_of_one_province_in_a_comparison_keeps_it(sentence, token, province):
    assert _province_of("Tỉnh Bắc Ninh dẫn đầu.\n" + sentence, token) == province


def test_a_long_clause_implementing_the_government_keeps_its_province():
    # the verb of implementing opens a clause that cites several government documents
    sentence = ("Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ "
                "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025 và Quyết định số "
                "942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ năm 2023 đạt 90%.")
    assert _province_of(_PORTAL + sentence, "90%") == "Bình Dương"


def test_every_paragraph_with_a_national_word_holds_a_gate_key():
    # paragraph_marks skips a paragraph whose text holds none of _NATIONAL_KEYS: the
    # keys are those of the national scope words and of the government words, and
    # every paragraph in which the full scan finds a national word holds one
    from dtanalysis.places import (
        _GOVERNMENT_KEYS,
        _NATIONAL_KEYS,
        _SCOPE_NATIONAL_KEYS,
        scope_marks,
    )

    assert _NATIONAL_KEYS == (*_SCOPE_NATIONAL_KEYS, *_GOVERNMENT_KEYS)
    texts = _corpus_and_unseen_texts() + [
        " ".join(_SCOPE_PIECES), "\n".join(_SCOPE_PIECES), "Cả nước đạt 80%.",
        "CẤP QUỐC GIA", "Thủ tướng Chính phủ giao 5 nhiệm vụ.", "Nghị định 13/2023/NĐ-CP",
        "Chương trình mục tiêu quốc gia đạt 70%.", "Bộ chỉ số DTI gồm 8 chỉ số."]
    national = 0
    for text in texts:
        for paragraph in text.split("\n"):
            if any(nat for _, nat, _ in scope_marks(paragraph)):
                national += 1
                assert any(key in paragraph for key in _NATIONAL_KEYS), paragraph
    assert national >= 20


_SCOPE_PIECES = [
    "cả nước", "Cả nước", "toàn quốc", "Toàn quốc", "cấp quốc gia", "cấp quốc tế",
    "quốc gia", "nhà nước", "tỉnh", "Tỉnh", "các tỉnh, thành phố", "cấp tỉnh", "huyện",
    "xã", "Xã", "xã hội", "thị xã", "Sở Y tế", "Sở ", "bộ chỉ số", "cấp bộ", "xếp thứ 5 ",
    "so với ", "nhất ", " ", ", ", ". ", "a", "c", "t", "ả", "oàn", "ấp", "nước", "quốc",
    "\n", "10 ", "GDP quốc gia", "GDP", "DP quốc", "GRDP ",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_SCOPE_PIECES), max_size=12).map("".join))
def test_scope_words_found_by_their_keys_are_those_of_one_key_per_word_part(text):
    # places._scope_words looks for "nước" and "quốc" only inside "cả nước", "toàn quốc"
    # and "cấp quốc ..." (the scope words holding them): the marks are those found with
    # the plain keys "nước" and "quốc", tried at each of their places
    import re

    from dtanalysis import places

    plain = re.compile(r"nước|quốc|ỉnh|uyện|xã|Xã|Sở |ộ chỉ số|ấp bộ")
    want, n, last = [], len(text), -1
    for k in plain.finditer(text):
        p = k.start()
        if p < last:
            continue
        m = places._SCOPE.search(text, max(0, p - 5), min(n, k.end() + 14))
        if m is None or m.start() > p or m.end() <= p:
            continue
        last, word = m.end(), m.group(0)
        nat = word.lower().startswith(places._NATIONAL_FIRST)
        if not (nat and places._COMPARED.search(text, max(0, m.start() - 12), m.start())):
            want.append((m.start(), nat, word))
    assert places._scope_words(text) == want


MERGER = ("Hội đồng nhân dân hai tỉnh Bạc Liêu và Cà Mau thống nhất sáp nhập, {cue}. "
          "Bạc Liêu có 64 xã, Bạc Liêu đạt 90%.\nSau sáp nhập, diện tích tự nhiên vượt 7.942 km2.")


@pytest.mark.parametrize(
    "cue", ["lấy tên tỉnh mới là Cà Mau", "tỉnh Cà Mau (mới) đặt trung tâm tại TP. Cà Mau",
            "LẤY TÊN TỈNH MỚI LÀ Cà Mau", "Tỉnh Mới Là Cà Mau"]
)
def test_a_merger_text_is_about_the_new_province(cue):
    """A text naming the new province of a merger ("lấy tên tỉnh mới là Cà Mau", "tỉnh Cà
    Mau (mới)") is about it: a figure naming no province gets it, not the most-named
    old province; figures naming an old province keep it."""
    df = extract_figures(MERGER.format(cue=cue), "merger")
    rows = df.set_index("raw")
    assert rows.loc["vượt 7.942 km2", "province"] == "Cà Mau"
    assert rows.loc["vượt 7.942 km2", "province_basis"] == "document"
    assert "new province of a merger" in rows.loc["vượt 7.942 km2", "province_evidence"]
    assert rows.loc["64", "province"] == "Bạc Liêu"


def test_the_merger_cue_is_looked_for_only_where_its_letter_is():
    # merged_into runs _NEW_UNIT_BEFORE only before names with an "ớ"/"Ớ" in the 48
    # characters before them: every match holds one, so the answer is the full search's
    from dtanalysis import places
    from dtanalysis.provinces import detect_provinces

    texts = _corpus_and_unseen_texts() + [MERGER.format(cue=c) for c in (
        "lấy tên tỉnh mới là Cà Mau", "TỈNH MỚI CÓ TÊN LÀ Cà Mau", "thành phố mới mang tên Cà Mau")]
    for text in texts:
        for _, _, start, _ in detect_provinces(text):
            m = places._NEW_UNIT_BEFORE.search(text, max(0, start - 48), start)
            assert m is None or "ớ" in m.group(0).lower()
    assert places.merged_into(texts[-1], detect_provinces(texts[-1]))[1] == "Cà Mau"


def test_without_the_new_name_the_most_named_province_stays():
    df = extract_figures(MERGER.format(cue="dự kiến hoàn thành trong năm nay"), "merger")
    assert df.set_index("raw").loc["vượt 7.942 km2", "province"] == "Bạc Liêu"


@pytest.mark.parametrize(
    "sentence, token",
    [
        ("Khảo sát ghi nhận ý kiến của hơn 19.500 người dân trên khắp Việt Nam.", "hơn 19.500"),
        ("Đến nay đã có 1.200 doanh nghiệp công nghệ số trên cả nước.", "1.200"),
        ("Hệ thống đã cấp 5 triệu tài khoản ở toàn quốc.", "5 triệu"),
    ],
)
def test_a_count_of_the_whole_country_gets_no_province(sentence, token):
    """A count whose noun is counted across the country ("N người dân trên khắp Việt
    Nam") is the country's, although the text is about a province."""
    text = "Tỉnh Kiên Giang đẩy mạnh chuyển đổi số. Tỉnh Kiên Giang đạt 80%.\n" + sentence
    row = extract_figures(text, "t").set_index("raw").loc[token]
    assert row["province"] == ""
    assert row["province_evidence"].startswith("a count of the whole country")


@pytest.mark.parametrize(
    "sentence, token",
    [
        ("Tỉnh đạt 90%, cao nhất cả nước.", "90%"),
        ("Tỉnh xếp thứ 5 về số doanh nghiệp trên cả nước.", "thứ 5"),
        ("Tỉnh có 300 doanh nghiệp số, đứng đầu trên cả nước.", "300"),
    ],
)
def test_a_provincial_figure_beside_the_country_keeps_its_province(sentence, token):
    text = "Tỉnh Kiên Giang đẩy mạnh chuyển đổi số. Tỉnh Kiên Giang đạt 80%.\n" + sentence
    assert _province_of(text, token) == "Kiên Giang"


def test_the_age_of_an_index_gets_no_province():
    """"15 năm phát triển của Chỉ số ... (PAPI)" is the index's history; "15 năm phát
    triển của tỉnh" is not an index's."""
    lead = "Tỉnh Thừa Thiên Huế dẫn đầu. Thừa Thiên Huế đạt 46 điểm.\n"
    text = lead + ("Báo cáo đánh dấu chặng đường 15 năm phát triển của Chỉ số Hiệu quả "
                   "quản trị và hành chính công cấp tỉnh. Sau 20 năm phát triển của tỉnh, "
                   "GRDP tăng.")
    rows = extract_figures(text, "t").set_index("raw")
    assert rows.loc["15 năm", "province"] == ""
    assert rows.loc["15 năm", "province_evidence"].startswith("the age of an index")
    assert rows.loc["20 năm", "province"] == "Thừa Thiên Huế"
