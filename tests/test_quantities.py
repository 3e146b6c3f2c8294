"""parse_quantity: Vietnamese number phrases (issue 3, section 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtanalysis.reading import NotAQuantityError, Quantity, parse_number, parse_quantity


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("1.738.517", 1738517.0, "count"),
        ("88,03%", 88.03, "percent"),
        ("0,5796 điểm", 0.5796, "other"),
        ("31.3%", 31.3, "percent"),
        ("1199", 1199.0, "count"),
        ("1.200", 1200.0, "count"),
        ("1,234,567", 1234567.0, "count"),
        ("100%", 100.0, "percent"),
        ("88,03 %", 88.03, "percent"),
        ("12 phần trăm", 12.0, "percent"),
        ("3,5 triệu", 3_500_000.0, "count"),
        ("3.5 triệu", 3_500_000.0, "count"),
        ("1,2 tỷ đồng", 1.2e9, "vnd"),
        ("1,2 tỉ đồng", 1.2e9, "vnd"),
        ("500 triệu đồng", 5e8, "vnd"),
        ("50.000 VNĐ", 50000.0, "vnd"),
        ("50.000đ", 50000.0, "vnd"),
        ("45 ngàn", 45000.0, "count"),
        ("1,5 nghìn tỷ đồng", 1.5e12, "vnd"),
        ("2 tỷ USD", 2e9, "other"),
        ("12 km", 12.0, "other"),
        ("5km", 5.0, "other"),
        ("500 ha", 500.0, "other"),
        ("tăng 2,5 lần", 2.5, "other"),
        ("01 năm", 1.0, "other"),
        ("24 giờ", 24.0, "other"),
        ("103/117 mẫu", 103.0, "ratio"),
        ("21/24 nhiệm vụ", 21.0, "ratio"),
        ("03/28 dịch vụ", 3.0, "ratio"),
        ("45/101 xã", 45.0, "ratio"),
        ("3/5 nhiệm vụ", 3.0, "ratio"),
        ("hạng 32/63", 32.0, "other"),
        ("xếp thứ 10", 10.0, "other"),
        ("0,5796", 0.5796, "other"),
    ],
)
def test_values_and_units(text, value, unit):
    q = parse_quantity(text)
    assert isinstance(q, Quantity)
    assert q.value == value
    assert q.unit == unit


def test_ratio_keeps_numerator_and_denominator():
    q = parse_quantity("9,63/13,5")
    assert (q.value, q.denominator, q.unit, q.numerator) == (9.63, 13.5, "ratio", 9.63)
    q = parse_quantity("544.420/615.994")
    assert (q.value, q.denominator) == (544420.0, 615994.0)


def test_rank_denominator_and_unit_text():
    q = parse_quantity("hạng 32/63")
    assert (q.denominator, q.unit_text, q.numerator) == (63.0, "rank", None)


def test_scale_and_unit_text():
    q = parse_quantity("1,2 tỷ đồng")
    assert (q.scale, q.unit_text, q.raw) == (1e9, "tỷ đồng", "1,2 tỷ đồng")
    q = parse_quantity("hơn 45 nghìn")
    assert (q.value, q.qualifier, q.scale, q.unit_text) == (45000.0, "over", 1000.0, "nghìn")


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("gần 860.000", "nearly"),
        ("hơn 50.560", "over"),
        ("trên 21.000", "over"),
        ("vượt 91%", "over"),
        ("dưới 10%", "under"),
        ("khoảng 30%", "approx"),
        ("xấp xỉ 40%", "approx"),
        ("gần như 100%", "approx"),
        ("khoảng trên 26%", "over"),
        ("đạt 80%", None),
        ("80%", None),
        ("hiệu quả hơn 3 trụ cột", None),  # comparative "hiệu quả hơn", not a qualifier
    ],
)
def test_qualifiers(text, qualifier):
    assert parse_quantity(text).qualifier == qualifier


@pytest.mark.parametrize(
    "text", ["8,3 - 8,5%", "8,3-8,5%", "8,3–8,5%", "từ 8,3 đến 8,5%", "8,3% - 8,5%"]
)
def test_ranges(text):
    q = parse_quantity(text)
    assert (q.low, q.high, q.value, q.unit) == (8.3, 8.5, 8.3, "percent")
    assert q.is_range
    assert q.raw == text


def test_range_with_scale_applies_to_both_ends():
    q = parse_quantity("từ 2 đến 3 triệu đồng")
    assert (q.low, q.high, q.unit) == (2e6, 3e6, "vnd")


def test_increase_from_to_is_two_figures_not_a_range():
    with pytest.raises(NotAQuantityError, match="2 quantities"):
        parse_quantity("tăng từ 76% lên 100%")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("13/5", "date"),
        ("ngày 13/5", "date"),
        ("11.5", "date"),
        ("Sáng 11.5", "date"),
        ("27/4/2025", "date"),
        ("12-01-2022", "date"),
        ("1.1-20.4.2023", "date"),
        ("quý I/2025", "date"),
        ("quý I năm 2025", "date"),
        ("tháng 12.2022", "date"),
        ("năm 2025", "date"),
        ("2023", "date"),
        ("giai đoạn 2021-2025", "date"),
        ("4 tháng đầu năm 2023", "date"),
        ("422/QĐ-TTg", "document number"),
        ("39/KH-UBND", "document number"),
        ("41-KH/TU", "document number"),
        ("Nghị quyết số 202/2025/QH15", "document number"),
        ("TCVN ISO 9001:2015", "standard"),
        ("1 giờ sáng", "time"),
        ("8h30", "time"),
        ("VILIS 2.0", "version"),
        ("Phường 5", "label"),
        ("Khóm 6", "label"),
        ("Đề án 06", "label"),
        ("Tổng đài 1022", "label"),
        ("4G", "label"),
        ("mức độ 4", "label"),
        ("từ 15 tuổi trở lên", "age threshold"),
        ("https://x.gov.vn/2023", "URL"),
    ],
)
def test_refusals_carry_reason(text, reason):
    with pytest.raises(NotAQuantityError) as exc:
        parse_quantity(text)
    assert reason in exc.value.reason
    assert isinstance(exc.value, ValueError)
    assert text in str(exc.value)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("Thứ nhất", "no digits"),
        ("88,03% và 70,6%", "2 quantities"),
    ],
)
def test_refusals_other(text, reason):
    with pytest.raises(NotAQuantityError, match=reason):
        parse_quantity(text)


def test_parse_number():
    assert parse_number("1.738.517") == 1738517.0
    assert parse_number("88,03") == 88.03
    with pytest.raises(NotAQuantityError):
        parse_number("1.2.3")


# ----------------------------------------------------------------- property tests
def _vi_group(n: int) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return ".".join(parts)


_QUALS = {
    "": None,
    "hơn ": "over",
    "gần ": "nearly",
    "khoảng ": "approx",
    "dưới ": "under",
    "trên ": "over",
    "xấp xỉ ": "approx",
}
_SCALES = {"": 1, " nghìn": 1000, " ngàn": 1000, " triệu": 10**6, " tỷ": 10**9}


@settings(max_examples=150, deadline=None)
@given(
    integer=st.integers(min_value=0, max_value=10**9),
    decimals=st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=4)),
    qual=st.sampled_from(sorted(_QUALS)),
    scale=st.sampled_from(sorted(_SCALES)),
    percent=st.booleans(),
)
def test_vietnamese_formatted_numbers_roundtrip(integer, decimals, qual, scale, percent):
    body = _vi_group(integer) + ("," + decimals if decimals else "")
    if percent:
        scale = ""
    text = qual + body + scale + ("%" if percent else "")
    expected = Decimal(str(integer) + ("." + decimals if decimals else "")) * _SCALES[scale]
    q = parse_quantity(text)
    assert q.value == float(expected)
    assert q.qualifier == _QUALS[qual]
    assert q.raw == text
    if percent:
        assert q.unit == "percent"
    else:
        assert q.unit in ("count", "other")
        assert q.scale == float(_SCALES[scale])


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,/-–:%hG ngàyquýtháng năm tỷ triệu hơn gần QĐ-TTg\n()")
        ),
        max_size=40,
    )
)
def test_parse_quantity_raises_only_its_own_error(s):
    try:
        q = parse_quantity(s)
    except NotAQuantityError as exc:
        assert exc.reason
    else:
        assert isinstance(q, Quantity)
        assert q.unit in ("percent", "count", "ratio", "vnd", "other")


# ------------------------------------------------------------------ "vượt N" + plan: by how much
@pytest.mark.parametrize(
    ("phrase", "value", "unit", "raw"),
    [
        ("vượt 5% dự toán", 5.0, "percent", "5%"),
        ("vượt 12% kế hoạch", 12.0, "percent", "12%"),
        ("vượt 12% so với kế hoạch", 12.0, "percent", "12%"),
        ("vượt 3% chỉ tiêu", 3.0, "percent", "3%"),
        ("vượt 8% so với cùng kỳ", 8.0, "percent", "8%"),
        ("VƯỢT 8% CÙNG KỲ", 8.0, "percent", "8%"),
        ("vượt 2.000 tỷ đồng so với dự toán", 2e12, "vnd", "2.000 tỷ đồng"),
    ],
)
def test_vuot_before_a_plan_is_the_excess_not_a_bound(phrase, value, unit, raw):
    q = parse_quantity(phrase)
    assert (q.value, q.unit, q.qualifier, q.raw) == (value, unit, None, raw)


@pytest.mark.parametrize(
    "phrase", ["vượt 91%", "vượt 91% và", "vượt quá 5% dự toán", "vượt 3 bậc so với năm trước"]
)
def test_vuot_without_a_plan_after_it_is_over(phrase):
    q = parse_quantity(phrase)
    assert q.qualifier == "over" and q.raw.lower().startswith("vượt")


def test_vuot_plan_range_keeps_both_ends():
    q = parse_quantity("vượt 5-7% kế hoạch")
    assert (q.low, q.high, q.qualifier, q.unit) == (5.0, 7.0, None, "percent")


# ------------------------------------------------------------------ number forms (issue 11 item 3)
@pytest.mark.parametrize(
    ("phrase", "value", "unit", "raw"),
    [
        ("giảm -5%", -5.0, "percent", "-5%"),
        ("giảm \u22125%", -5.0, "percent", "\u22125%"),
        ("tăng trưởng -2,5%", -2.5, "percent", "-2,5%"),
        ("lỗ -1.000 tỷ đồng", -1e12, "vnd", "-1.000 tỷ đồng"),
        ("(-3,2%)", -3.2, "percent", "-3,2%"),
        ("-12 hộ", -12.0, "count", "-12"),
    ],
)
def test_minus_sign_is_kept(phrase, value, unit, raw):
    q = parse_quantity(phrase)
    assert (q.value, q.unit, q.raw) == (value, unit, raw)


def test_a_dash_between_numbers_is_a_range_and_a_hyphen_in_a_code_no_sign():
    from dtanalysis.reading import extract_mentions

    for text in ("tăng 1 -2%", "tăng 1-2%", "tăng 1 - 2%"):
        (m,) = extract_mentions(text)
        assert (m.quantity.low, m.quantity.high) == (1.0, 2.0), text
    (m,) = extract_mentions("mã ABC-5 của hồ sơ")
    assert m.kind == "label" and m.raw == "ABC-5"


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "unit_text"),
    [
        ("2 tỷ 500 triệu đồng", 2.5e9, "vnd", "tỷ 500 triệu đồng"),
        ("3 triệu 200 nghìn", 3.2e6, "count", "triệu 200 nghìn"),
        ("1 tỷ 200 triệu 500 nghìn đồng", 1_200_500_000.0, "vnd", "tỷ 200 triệu 500 nghìn đồng"),
        ("hơn 4 triệu 50 nghìn người", 4.05e6, "count", "triệu 50 nghìn"),
        ("1 triệu rưỡi", 1.5e6, "count", "triệu rưỡi"),
        ("3 tỷ rưỡi đồng", 3.5e9, "vnd", "tỷ rưỡi đồng"),
        ("2 tiếng rưỡi", 2.5, "other", "tiếng rưỡi"),
        ("2 vạn", 2e4, "count", "vạn"),
        ("1,5 vạn lượt", 1.5e4, "count", "vạn"),
        ("0,5‰", 0.5, "per_mille", "‰"),
        ("5 ‰", 5.0, "per_mille", "‰"),
        ("15 điểm phần trăm", 15.0, "percent_point", "điểm phần trăm"),
        ("giảm 0,5 điểm %", 0.5, "percent_point", "điểm %"),
    ],
)
def test_compound_half_van_per_mille_and_points(phrase, value, unit, unit_text):
    q = parse_quantity(phrase)
    assert (q.value, q.unit, q.unit_text) == (value, unit, unit_text)


def test_compound_parts_must_shrink():
    from dtanalysis.reading import extract_mentions

    # "5 triệu 2000 nghìn": the second part is no part of the first (two figures)
    assert [m.raw for m in extract_mentions("5 triệu 2000 nghìn")] == ["5 triệu", "2000 nghìn"]
    assert [m.raw for m in extract_mentions("2 tỷ 500 người")] == ["2 tỷ", "500"]


def test_new_units_are_declared_in_the_tables():
    from dtanalysis.reading import UNITS
    from dtanalysis.tables.processed import FIGURES, MENTIONS

    for table in (FIGURES, MENTIONS):
        (f,) = [f for f in table.fields if f.name == "unit"]
        assert set(f.enum) == set(UNITS) and {"percent_point", "per_mille"} <= set(f.enum)
