"""extract_mentions: every digit accounted for, typed by context (issue 3, section 3)."""

from __future__ import annotations

import pytest
from _rawtexts import raw_texts
from hypothesis import given, settings
from hypothesis import strategies as st

from dtanalysis.reading import KINDS, Mention, extract_mentions, split_sentences


def _reading_internals():
    """The private names of the modules of dtanalysis.reading, in one namespace.

    The fast-path tests below pin cheap checks (gates, caches) to the regexes they
    stand for; those live in several modules of the package.
    """
    import types

    from dtanalysis.reading import patterns, scan, sentences, units, words

    names = {}
    for mod in (words, patterns, units, scan, sentences):
        names.update(vars(mod))
    return types.SimpleNamespace(**names)


def kinds(text):
    return [(m.raw, m.kind) for m in extract_mentions(text)]


def check_invariant(text: str) -> list[Mention]:
    ms = extract_mentions(text)
    covered = [0] * len(text)
    last_end = 0
    for m in ms:
        assert text[m.start : m.end] == m.raw
        assert m.start >= last_end, "mentions overlap or are out of order"
        assert m.kind in KINDS
        assert any(c.isdigit() for c in m.raw)
        assert (m.quantity is not None) == (m.kind == "figure")
        last_end = m.end
        for i in range(m.start, m.end):
            covered[i] += 1
    for i, c in enumerate(text):
        if c.isdigit():
            assert covered[i] == 1, (
                f"digit at {i} in {text[max(0, i - 20) : i + 20]!r} not covered once"
            )
    return ms


@pytest.mark.parametrize("name", sorted(raw_texts()))
def test_every_digit_in_exactly_one_mention_on_corpus(name):
    ms = check_invariant(raw_texts()[name])
    assert ms


# ------------------------------------------------------------------ rules of section 3
def test_rank_list_is_three_numbers():
    ms = extract_mentions("Tỉnh xếp thứ 22, 9, 13 về các chỉ số.")
    assert [(m.raw, m.quantity.value, m.quantity.unit_text) for m in ms] == [
        ("thứ 22", 22.0, "rank"),
        ("9", 9.0, "rank"),
        ("13", 13.0, "rank"),
    ]


def test_label_then_count_in_list():
    ms = extract_mentions("dịch vụ công mức độ 3, 254 thủ tục")
    assert [(m.raw, m.kind) for m in ms] == [("mức độ 3", "label"), ("254", "figure")]
    assert ms[1].quantity.unit == "count" and ms[1].quantity.value == 254.0


def test_label_list_continues():
    assert kinds("dịch vụ mức độ 3, 4.") == [("mức độ 3", "label"), ("4", "label")]


def test_sentence_final_period_is_not_a_decimal_point():
    ms = extract_mentions("Số hồ sơ đã trả kết quả là 3.310. Trong đó 2.337 hồ sơ.")
    assert [(m.raw, m.quantity.value) for m in ms] == [("3.310", 3310.0), ("2.337", 2337.0)]
    ms = extract_mentions("tỷ lệ đạt 80%.")
    assert ms[0].raw == "80%"


@pytest.mark.parametrize(
    "text, raw, kind",
    [
        ("Sáng 11.5, Ban Chỉ đạo họp", "11.5", "date"),
        ("ngày 13/5 tỉnh tổ chức", "ngày 13/5", "date"),
        ("Chiều 13/5, UBND tỉnh", "13/5", "date"),
        ("đã thu nhận 103/117 mẫu ADN", "103/117", "figure"),
        ("cho 45/101 xã, phường", "45/101", "figure"),
        ("hoàn thành 21/24 nhiệm vụ", "21/24", "figure"),
        ("hoàn thành 3/5 nhiệm vụ", "3/5", "figure"),
        ("mới triển khai 03/28 dịch vụ", "03/28", "figure"),
        ("của 23/25 dịch vụ công", "23/25", "figure"),
        ("tăng 31.3% so với", "31.3%", "figure"),
        ("Từ tháng 12.2022 đến", "tháng 12.2022", "date"),
        ("kế hoạch 1.738.517 dữ liệu", "1.738.517", "figure"),
        ("Năm 2023, Sở", "Năm 2023", "date"),
        ("phấn đấu đến 2030 cơ bản", "2030", "date"),
        ("trong quý I/2025, UBND", "quý I/2025", "date"),
        ("trong quý I năm 2025", "quý I năm 2025", "date"),
        ("giai đoạn 2021-2025 trên địa bàn", "giai đoạn 2021-2025", "date"),
        ("giai đoạn 2022 - 2025 và", "giai đoạn 2022 - 2025", "date"),
        ("Kết quả 4 tháng đầu năm cho thấy", "4 tháng đầu năm", "date"),
        ("8 tháng cuối năm 2023 bảo đảm", "8 tháng cuối năm 2023", "date"),
        ("từ ngày 1.1-20.4.2023, tỷ lệ", "ngày 1.1-20.4.2023", "date"),
        ("ngày 12-01-2022;", "ngày 12-01-2022", "date"),
        ("ngày 27 tháng 4 năm 2025", "ngày 27 tháng 4 năm 2025", "date"),
        ("đến 1 giờ sáng ngày", "1 giờ sáng", "time"),
        ("họp lúc 8h30 tại", "8h30", "time"),
        ("Quyết định số 422/QĐ-TTg ngày", "Quyết định số 422/QĐ-TTg", "document_number"),
        ("Kế hoạch số 41-KH/TU ngày", "Kế hoạch số 41-KH/TU", "document_number"),
        ("theo 39/KH-UBND", "39/KH-UBND", "document_number"),
        ("Nghị quyết số 202/2025/QH15 của", "Nghị quyết số 202/2025/QH15", "document_number"),
        ("theo tiêu chuẩn TCVN ISO 9001:2015 vào", "TCVN ISO 9001:2015", "document_number"),
        ("phần mềm VILIS 2.0 đã", "VILIS 2.0", "label"),
        ("trạm BTS 3G, 4G và 5G", "3G", "label"),
        ("tại Khóm 6, Phường 1", "Khóm 6", "label"),
        ("thực hiện Đề án 06 của", "Đề án 06", "label"),
        ("hệ thống Tổng đài 1022,...", "Tổng đài 1022", "label"),
        ("thu mẫu ADN đợt 1 đối với", "đợt 1", "label"),
        ("582 dịch vụ công trực tuyến mức độ 4 trên", "582", "figure"),
        ("người dân từ 15 tuổi trở lên có", "15 tuổi", "label"),
        ("sơ kết 01 năm triển khai", "01 năm", "figure"),
        ("(xếp thứ 10 toàn quốc)", "thứ 10", "figure"),
        ("tỉnh xếp hạng 32/63 tỉnh", "hạng 32/63", "figure"),
        (
            "địa chỉ https://dichvucong.gov.vn/p/2023/a1.html, người",
            "https://dichvucong.gov.vn/p/2023/a1.html",
            "label",
        ),
        ("chống dịch COVID-19 trên", "COVID-19", "label"),
        ("\n1. Nâng cao nhận thức", "1.", "label"),
        ("24/7 phục vụ", "24/7", "label"),
    ],
)
def test_context_rules(text, raw, kind):
    ms = check_invariant(text)
    found = [m for m in ms if m.raw == raw]
    assert found, f"{raw!r} not found in {[m.raw for m in ms]}"
    assert found[0].kind == kind, found[0]


def test_reason_is_set_for_every_mention():
    for m in extract_mentions("Chiều 13/5, 103/117 mẫu, Phường 5, 422/QĐ-TTg, 1 giờ sáng"):
        assert m.reason


def test_comparative_hon_is_not_a_qualifier():
    ms = extract_mentions("xây dựng hiệu quả hơn 3 trụ cột")
    assert ms[0].raw == "3" and ms[0].quantity.qualifier is None


def test_increase_from_to_gives_two_figures():
    ms = extract_mentions("tăng từ 76% lên 100%")
    assert [(m.raw, m.quantity.value) for m in ms] == [("76%", 76.0), ("100%", 100.0)]


def test_to_dict_flattens_quantity():
    m = extract_mentions("đạt 103/117 mẫu")[0]
    d = m.to_dict()
    assert (d["value"], d["numerator"], d["denominator"], d["unit"], d["kind"]) == (
        103.0,
        103.0,
        117.0,
        "ratio",
        "figure",
    )
    d = extract_mentions("ngày 13/5")[0].to_dict()
    assert d["value"] is None and d["kind"] == "date"


# ------------------------------------------------------------------ sentences
def test_split_sentences_keeps_abbreviations_and_decimals():
    text = "Tại TP. Rạch Giá, Tp. Hà Tiên đạt 88,03%. Số hồ sơ là 3.310. Tiếp theo\nDòng mới."
    spans = split_sentences(text)
    sents = [text[a:b] for a, b in spans]
    assert sents == [
        "Tại TP. Rạch Giá, Tp. Hà Tiên đạt 88,03%.",
        "Số hồ sơ là 3.310.",
        "Tiếp theo",
        "Dòng mới.",
    ]


def test_split_sentences_url_does_not_end_sentence():
    text = "Truy cập https://hotrodoanhnghiep.kiengiang.gov.vn. Người dân được hỗ trợ."
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert sents == [
        "Truy cập https://hotrodoanhnghiep.kiengiang.gov.vn.",
        "Người dân được hỗ trợ.",
    ]


def test_split_sentences_cover_every_digit_of_corpus():
    for text in raw_texts().values():
        spans = split_sentences(text)
        for m in extract_mentions(text):
            assert any(a <= m.start < b for a, b in spans)


# ------------------------------------------------------------------ generated text
_WORDS = [
    "đạt",
    "hơn",
    "gần",
    "khoảng",
    "tỷ lệ",
    "ngày",
    "tháng",
    "năm",
    "quý",
    "Sáng",
    "xếp thứ",
    "mức độ",
    "Phường",
    "hồ sơ",
    "triệu",
    "tỷ đồng",
    "%",
    "km",
    "giờ sáng",
    "từ",
    "đến",
    "và",
    "QĐ-TTg",
    "TCVN ISO",
    "VILIS",
    "Đề án",
    "https://a.vn/",
    ".",
    ",",
    "-",
    "–",
    "/",
    "(",
    ")",
    "\n",
    "1.",
    "4G",
    "tuổi trở lên",
    # cues of the rules added for unseen news text
    "hotline",
    "điện thoại",
    "Tổng đài",
    "ấp Tân Phú",
    "trở lên",
    "trên",
    "xếp hạng",
    "ĐT.",
    "huyện",
    "thành viên",
    "triệu tỷ",
    "sao",
    "THÁNG CUỐI NĂM",
    "ước đạt",
    "dân số",
    "tỷ lệ 1:",
]
_NUMBERS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(0, 10**7).map(lambda n: f"{n:,}".replace(",", ".")),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}"),
    st.tuples(st.integers(1, 31), st.integers(1, 12)).map(lambda t: f"{t[0]}/{t[1]}"),
    st.tuples(st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2030)).map(
        lambda t: f"{t[0]}.{t[1]}.{t[2]}"
    ),
    st.tuples(st.integers(0, 500), st.integers(1, 500)).map(lambda t: f"{t[0]}/{t[1]}"),
    st.text(alphabet="0123456789.,/-:%hG", min_size=1, max_size=8),
    st.text(alphabet="0123456789 .", min_size=1, max_size=14),  # "1 250 000", "0913 123 456"
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_WORDS), _NUMBERS), min_size=1, max_size=14),
    st.lists(st.sampled_from([" ", "", " ", "  "]), min_size=14, max_size=14),
)
def test_every_digit_invariant_on_generated_text(parts, seps):
    text = "".join(p + seps[i] for i, p in enumerate(parts))
    check_invariant(text)


# ------------------------------------------------------------------ fast paths (issue 3, speed)
# The extractor skips regexes when a cheap check proves they cannot match. These
# tests pin the cheap checks to what the regexes accept, so that a new unit or time
# word added to a regex without its first letter cannot be silently ignored.
def _alternatives(pattern: str) -> list[str]:
    import re as _re

    return [w for g in _re.findall(r"\(([^()?]+)\)", pattern) for w in g.split("|")]


def test_right_context_gates_cover_their_words():
    mm = _reading_internals()

    for rx, gate in ((mm._R_TIMEUNIT, mm._TIMEUNIT_FIRST), (mm._R_AGE, mm._AGE_FIRST)):
        words = _alternatives(rx.pattern)
        assert words and all(w[0] in gate for w in words), (rx.pattern, gate)
    assert mm._R_CLOCK.pattern.startswith(" giờ") and "g" in mm._CLOCK_FIRST
    assert mm._R_PERIOD.pattern.startswith(" tháng") and "t" in mm._PERIOD_FIRST
    # and the gates are used: a time word after the number still counts
    assert [
        (m.raw, m.kind) for m in extract_mentions("trong 8 giờ, lúc 8 giờ sáng, 4 tháng đầu năm")
    ] == [("8 giờ", "figure"), ("8 giờ sáng", "time"), ("4 tháng đầu năm", "date")]


def test_unit_prefilter_is_the_union_of_the_unit_regexes():
    mm = _reading_internals()

    for rx in (mm._R_SCALE, mm._R_PCT, mm._R_VND, mm._R_MEASURE, mm._R_POINT):
        for w in _alternatives(rx.pattern):
            assert rx.match(" " + w + " ") is not None or rx is mm._R_SCALE
            assert mm._R_ANY_UNIT.match(" " + w + " ") is not None, w


def test_glued_codes_do_not_reach_across_a_line_break():
    # "COVID-" and "II/" at the end of a line are not glued to the number on the next line
    assert [(m.raw, m.kind) for m in extract_mentions("Dịch COVID-\n19 lan")] == [("19", "figure")]
    assert [(m.raw, m.kind) for m in extract_mentions("quý II/\n2025 tăng")] == [("2025", "date")]
    assert [(m.raw, m.kind) for m in extract_mentions("COVID-19 và quý II/2025")] == [
        ("COVID-19", "label"),
        ("quý II/2025", "date"),
    ]


def _split_sentences_reference(text):
    """The straightforward line-by-line splitter that split_sentences must equal."""
    import re as _re

    from dtanalysis.reading.sentences import _ABBREV, _WORD_BEFORE

    end = _re.compile(r"[.!?…]+[\"”’')\]]*(?= +\S)")
    spans = []

    def add(a, b):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))

    line_start, n = 0, len(text)
    while line_start <= n:
        nl = text.find("\n", line_start)
        line_end = n if nl < 0 else nl
        seg = line_start
        for m in end.finditer(text, line_start, line_end):
            nxt = m.end()
            while nxt < line_end and text[nxt] == " ":
                nxt += 1
            ch = text[nxt] if nxt < line_end else ""
            if not (ch.isupper() or ch.isdigit() or ch in "\"“‘'([-–•"):
                continue
            punct = m.group(0)
            if punct.startswith(".") and len(punct.rstrip("\"”’')]")) == 1:
                wb = _WORD_BEFORE.search(text, max(line_start, m.start() - 12), m.start())
                if wb:
                    w = wb.group(1).lower()
                    if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                        continue
            add(seg, m.end())
            seg = m.end()
        add(seg, line_end)
        if nl < 0:
            break
        line_start = nl + 1
    return spans


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Tỉnh",
                "đạt",
                "TP.",
                "v.v.",
                "x.",
                "3.310.",
                "!",
                "?",
                "…",
                ".",
                ". ",
                "  ",
                " ",
                "\n",
                " \n",
                '" ',
                "” ",
                ") ",
                "(",
                "- ",
                "• ",
                "A",
                "9",
                "\t",
                "\u3000",
            ]
        ),
        max_size=30,
    )
)
def test_split_sentences_equals_line_by_line_reference(parts):
    text = "".join(parts)
    assert split_sentences(text) == _split_sentences_reference(text)


def test_split_sentences_equals_reference_on_corpus():
    for text in raw_texts().values():
        assert split_sentences(text) == _split_sentences_reference(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "http://",
                "https://",
                "HTTPS://",
                "www.",
                "WWW.",
                "wwww.",
                "a",
                "1",
                " ",
                ".",
                '"',
                "x2",
                "/9",
                "Http://",
                "\n",
            ]
        ),
        max_size=12,
    )
)
def test_url_spans_equal_a_regex_scan(parts):
    from dtanalysis.reading.patterns import _URL
    from dtanalysis.reading.scan import _special_spans
    from dtanalysis.reading.words import _TRAIL

    text = "".join(parts)
    expected = []
    for m in _URL.finditer(text):
        a, b = m.span()
        while b > a and text[b - 1] in _TRAIL:
            b -= 1
        if any(c.isdigit() for c in text[a:b]):
            expected.append((a, b, "label: URL"))
    assert [s for s in _special_spans(text) if s[2] == "label: URL"] == expected


def test_range_needs_a_whole_second_number():
    # found by the generated-text property: "0 - 0.5" was read as the range 0-0 and
    # the ".5" digit fell outside every mention
    for text in ("0 - 0.5 ", "hơn 2023 - 8,3-8,5", "88,03 - 11.5 13/5", "2 - 2,5,6 x"):
        check_invariant(text)
    m = extract_mentions("từ 5 - 10 người")[0]
    assert (m.raw, m.quantity.low, m.quantity.high) == ("5 - 10", 5.0, 10.0)
    assert [m.raw for m in extract_mentions("5 - 2.0 km")] == ["5", "2.0 km"]


# ------------------------------------------------------------------ bare four-digit numbers
# An ungrouped 1900-2100 number with nothing attached is a year or a count by context
# (rule in the dtanalysis.reading docstring; word lists COUNT_NOUNS, YEAR_CUES).
@pytest.mark.parametrize(
    "text, raw",
    [
        ("Năm 2023, Sở đã triển khai", "Năm 2023"),
        ("kết quả năm 2023 của tỉnh", "năm 2023"),
        ("Báo cáo tổng kết (2023) của Sở", "2023"),
        ("giai đoạn 2021-2025 tỉnh", "giai đoạn 2021-2025"),
        ("giai đoạn 2021 – 2025, tỉnh", "giai đoạn 2021 – 2025"),
        ("Kế hoạch 2021 – 2025 của tỉnh", "2021 – 2025"),
        ("tầm nhìn đến 2030 của tỉnh", "2030"),
        ("kể từ 2020 tỉnh đã", "2020"),
        ("hoàn thành trước 2025 các nhiệm vụ", "2025"),
        ("vào cuối 2023 tỉnh đạt", "2023"),
        ("trong 2024 sẽ có", "2024"),
        ("niên độ 2023 của ngân sách", "niên độ 2023"),
        ("học viên khóa 2020 đã", "2020"),
        ("nhiệm kỳ 2020 tỉnh", "2020"),
        ("kết quả đạt được trong cả 2023.", "2023"),
        ("Báo cáo kết quả 2023", "2023"),
    ],
)
def test_bare_year_is_a_date(text, raw):
    ms = extract_mentions(text)
    assert [(m.raw, m.kind) for m in ms] == [(raw, "date")]
    assert ms[0].reason in ("date: year", "date: range of years")


@pytest.mark.parametrize(
    "text, raw, value, qualifier",
    [
        ("đã có 2000 người tham gia", "2000", 2000.0, None),
        ("tiếp nhận 1950 hồ sơ trực tuyến", "1950", 1950.0, None),
        ("kích hoạt 2024 tài khoản định danh", "2024", 2024.0, None),
        ("hỗ trợ 1999 doanh nghiệp", "1999", 1999.0, None),
        ("có 2010 hộ dân", "2010", 2010.0, None),
        ("với 2000 lượt truy cập", "2000", 2000.0, None),
        ("cấp 1920 chữ ký số", "1920", 1920.0, None),
        ("tập huấn cho 2015 cán bộ", "2015", 2015.0, None),
        ("hơn 2000 hồ sơ", "hơn 2000", 2000.0, "over"),
        ("gần 2000 người", "gần 2000", 2000.0, "nearly"),
        ("trên 2000 tài khoản", "trên 2000", 2000.0, "over"),
        ("khoảng 2000.", "khoảng 2000", 2000.0, "approx"),
        ("đã có 2000 camera giám sát", "2000", 2000.0, None),
        ("Số hồ sơ trực tuyến đạt 2000.", "2000", 2000.0, None),
        ("Tổ gồm 1990 thành viên", "1990", 1990.0, None),
        ("đến 2030 hồ sơ", "2030", 2030.0, None),  # a counting noun outweighs the cue
        ("tiếp nhận 1199 hồ sơ", "1199", 1199.0, None),  # outside 1900-2100
    ],
)
def test_bare_four_digit_count(text, raw, value, qualifier):
    ms = extract_mentions(text)
    assert [(m.raw, m.kind) for m in ms] == [(raw, "figure")]
    q = ms[0].quantity
    assert (q.value, q.unit, q.qualifier) == (value, "count", qualifier)


def test_bare_year_without_cue_is_flagged():
    ms = extract_mentions("Kế hoạch 2023 của tỉnh")
    assert [(m.raw, m.kind, m.reason) for m in ms] == [("2023", "date", "date: year (no cue)")]
    # "là"/"có" need a content word after them to make a count
    assert [m.kind for m in extract_mentions("Năm được chọn là 2023.")] == ["date"]


def test_year_range_with_a_unit_is_a_range_of_amounts():
    ms = extract_mentions("dự kiến gần 2021 – 2025 tỷ đồng")
    assert [(m.raw, m.kind) for m in ms] == [("gần 2021 – 2025 tỷ đồng", "figure")]
    q = ms[0].quantity
    assert (q.low, q.high, q.unit, q.qualifier) == (2.021e12, 2.025e12, "vnd", "nearly")


def test_hotline_and_names_are_not_years():
    assert [(m.raw, m.kind) for m in extract_mentions("gọi Tổng đài 1022 để")] == [
        ("Tổng đài 1022", "label")
    ]
    assert [(m.raw, m.kind) for m in extract_mentions("theo Đề án 2000 của")] == [
        ("Đề án 2000", "label")
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1900, 2100),
    st.sampled_from(sorted(__import__("dtanalysis.reading").reading.COUNT_NOUNS)),
)
def test_any_year_like_number_before_a_counting_noun_is_a_count(n, noun):
    ms = extract_mentions(f"Tỉnh đã có {n} {noun} tham gia.")
    assert [(m.raw, m.kind, m.quantity.value, m.quantity.unit) for m in ms] == [
        (str(n), "figure", float(n), "count")
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1900, 2100),
    st.sampled_from(sorted(__import__("dtanalysis.reading").reading.YEAR_CUES)),
    st.sampled_from([",", ".", ")", " của tỉnh", " tỉnh", ""]),
)
def test_any_year_like_number_after_a_year_cue_is_a_date(n, cue, after):
    ms = extract_mentions(f"Kết quả {cue} {n}{after}")
    assert [m.kind for m in ms] == ["date"]
    assert ms[0].raw.endswith(str(n))


# ------------------------------------------------------------------ rules for unseen news text
def _summ(text):
    out = []
    for m in extract_mentions(text):
        q = m.quantity
        out.append(
            (m.raw, m.kind) if q is None else (m.raw, q.value, q.unit, q.denominator, q.qualifier)
        )
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        # telephone numbers are one label each, with or without a cue
        (
            "số điện thoại 0297.3862.555 hoặc đường dây nóng 1900 1234.",
            [("0297.3862.555", "label"), ("đường dây nóng 1900 1234", "label")],
        ),
        ("gọi 0913 123 456 hoặc 0913123456", [("0913 123 456", "label"), ("0913123456", "label")]),
        ("thuê bao điện thoại 1.250.000", [("1.250.000", 1250000.0, "count", None, None)]),
        # thousands grouped by (normalised) non-breaking spaces
        ("dân số 1 250 000 người", [("1 250 000", 1250000.0, "count", None, None)]),
        ("có 12 345 hộ", [("12 345", 12345.0, "count", None, None)]),
        ("ngày 12 345 hộ", [("ngày 12", "date"), ("345", 345.0, "count", None, None)]),
        # compound and large scale words
        (
            "ước đạt 1,79 triệu tỷ đồng",
            [("ước đạt 1,79 triệu tỷ đồng", 1.79e15, "vnd", None, "approx")],
        ),
        ("trong đó 10,5 nghìn tỷ cho", [("10,5 nghìn tỷ", 1.05e13, "vnd", None, None)]),
        ("2,3 tỷ lượt", [("2,3 tỷ", 2.3e9, "count", None, None)]),
        # ranks "N trên M"
        ("xếp hạng 40 trên 63 tỉnh", [("hạng 40 trên 63", 40.0, "other", 63.0, None)]),
        (
            "đứng thứ 5 trên 3 tiêu chí",
            [("thứ 5", 5.0, "other", None, None), ("trên 3", 3.0, "count", None, "over")],
        ),
        # n/n before administrative nouns and fractions of members
        ("đến 9/9 huyện, thành phố", [("9/9", 9.0, "ratio", 9.0, None)]),
        ("tỉnh có 12/12 huyện", [("12/12", 12.0, "ratio", 12.0, None)]),
        ("2/3 thành viên", [("2/3", 2.0, "ratio", 3.0, None)]),
        ("Từ 1/5 tỉnh sẽ", [("1/5", "date")]),
        ("ngày 13/5 tỉnh tổ chức", [("ngày 13/5", "date")]),
        ("Đến 30/6 huyện", [("30/6", "date")]),
        # numbers in place names, codes, map scales
        ("Tại ấp Tân Phú 2, xã Tân Phú", [("ấp Tân Phú 2", "label")]),
        ("xã Tân Phú 2 hộ dân", [("2", 2.0, "count", None, None)]),
        ("tuyến ĐT.963 và QL.1A", [("ĐT.963", "label"), ("QL.1A", "label")]),
        ("bản đồ tỷ lệ 1:1000", [("1:1000", 1.0, "ratio", 1000.0, None)]),
        # thresholds, star ratings, per-hectare
        ("dự án từ 1 tỷ USD trở lên", [("từ 1 tỷ USD trở lên", 1e9, "other", None, "over")]),
        ("đạt 4 sao trở lên", [("4 sao trở lên", 4.0, "other", None, "over")]),
        ("người 60 tuổi trở lên", [("60 tuổi", "label")]),
        ("giá trị trên 1 ha đất", [("1 ha", 1.0, "other", None, None)]),
        ("diện tích trên 1.500 ha", [("trên 1.500 ha", 1500.0, "other", None, "over")]),
        # upper-case headings
        ("NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024", [("6 THÁNG CUỐI NĂM 2024", "date")]),
        # coded documents take their type word; "dân số" is no number label
        ("Kế hoạch 2358/KH-UBND", [("Kế hoạch 2358/KH-UBND", "document_number")]),
        ("dân số 98 người", [("98", 98.0, "count", None, None)]),
        ("nhà số 5", [("số 5", "label")]),
        (
            "Trường Tiểu học Vĩnh Hòa 1 có 450 học sinh",
            [("Trường Tiểu học Vĩnh Hòa 1", "label"), ("450", 450.0, "count", None, None)],
        ),
        ("giảm 0,5 điểm % so với", [("0,5 điểm %", 0.5, "percent_point", None, None)]),
        # estimates, ranges of durations, weekdays
        ("GRDP ước tăng 6,5%", [("ước tăng 6,5%", 6.5, "percent", None, "approx")]),
        ("từ 5 đến 7 ngày", [("từ 5 đến 7 ngày", 5.0, "other", None, None)]),
        ("mất 5-7 ngày", [("5-7 ngày", 5.0, "other", None, None)]),
        ("Thứ 6 tuần này", [("Thứ 6", "label")]),
        ("từ 2020 đến 2023", [("2020", "date"), ("2023", "date")]),
        # a ratio whose denominator is a decimal with four characters is no document
        ("đạt 0/00.0 số", [("0/00.0", 0.0, "ratio", 0.0, None)]),
    ],
)
def test_rules_for_unseen_news_text(text, expected):
    assert _summ(text) == expected
    check_invariant(text)


def test_fast_constructors_equal_the_dataclass_constructors():
    # the extractor fills Mention / Quantity instance dicts directly (speed); they must
    # be indistinguishable from the dataclass constructors, field for field
    import dataclasses

    from dtanalysis.reading import Quantity
    from dtanalysis.reading.mention import new_mention
    from dtanalysis.reading.quantity import new_quantity

    qargs = (88.03, "percent", None, "over", 1.0, 2.0, 1000.0, "%", "hơn 88,03%")
    q = new_quantity(*qargs)
    assert q == Quantity(*qargs) and hash(q) == hash(Quantity(*qargs))
    assert list(vars(q)) == [f.name for f in dataclasses.fields(Quantity)]
    margs = (3, 9, "88,03%", "figure", q, "figure: percent")
    m = new_mention(*margs)
    assert m == Mention(*margs) and repr(m) == repr(Mention(*margs))
    assert list(vars(m)) == [f.name for f in dataclasses.fields(Mention)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 0  # type: ignore[misc]


def test_int_shape_test_matches_the_regex():
    # the classifier (reading.rules.classify) reads "is an integer" with str.isdecimal(),
    # not \d+
    import re

    for tok in ["0", "123", "١٢٣", "²", "12a", "", "1.2", "٣4"]:
        assert tok.isdecimal() == bool(re.fullmatch(r"\d+", tok)), tok


def test_unit_gate_never_hides_a_unit():
    # _read_unit skips the unit regexes when the next character (after one optional
    # space) starts no unit word; wherever a unit regex matches, the gate must pass
    import re as _re

    mm = _reading_internals()

    assert mm._UNIT_FIRST is not None and "%" in mm._UNIT_FIRST and "đ" in mm._UNIT_FIRST
    words = [w for rx in mm._UNIT_REGEXES for w in _alternatives(rx.pattern)]
    words += ["sao", "°C", "độ C", "m", "USD", "phần trăm", "nghìn tỷ", "triệu tỉ"]
    probes = "".join(f"5{sep}{w} " for w in words for sep in ("", " "))
    texts = [probes, *raw_texts().values()]
    for text in texts:
        for pos in range(len(text)):
            if mm._R_ANY_UNIT.match(text, pos):
                ch = text[pos : pos + 1]
                ch = text[pos + 1 : pos + 2] if ch == " " else ch
                assert ch in mm._UNIT_FIRST, (text[pos : pos + 12], ch)
    # and the gated, cached reader agrees with the plain one on every number end
    for text in texts:
        for m in _re.finditer(r"\d+", text):
            for decimal_number in (False, True):
                got = mm._read_unit(text, m.end(), decimal_number)
                assert got == mm._read_unit_uncached(text, m.end(), decimal_number), text[
                    m.start() : m.end() + 12
                ]


# ---------------------------------------------------------- rank thresholds "nhóm N ... dẫn đầu"
@pytest.mark.parametrize(
    ("text", "raw", "value"),
    [
        ("Việt Nam thuộc nhóm 50 nước dẫn đầu về chính phủ điện tử.", "nhóm 50", 50.0),
        ("phấn đấu vào nhóm 10 tỉnh, thành phố đứng đầu cả nước", "nhóm 10", 10.0),
        ("lọt Nhóm 20 nền kinh tế hàng đầu", "Nhóm 20", 20.0),
        ("nằm trong nhóm 5 dẫn đầu", "nhóm 5", 5.0),
    ],
)
def test_group_of_leaders_is_a_rank_threshold(text, raw, value):
    figs = [m for m in check_invariant(text) if m.kind == "figure"]
    assert len(figs) == 1
    q = figs[0].quantity
    assert (figs[0].raw, q.value, q.unit, q.unit_text, q.qualifier) == (
        raw,
        value,
        "other",
        "rank",
        None,
    )


@pytest.mark.parametrize(
    ("text", "raw", "unit"),
    [
        ("nhóm 5 người đi công tác", "5", "count"),  # a group of five people
        ("trong nhóm 30 tỉnh, thành phố.", "30", "count"),  # no leader word: stays a count (gold)
        ("nhóm 10% hộ dẫn đầu", "10%", "percent"),  # a percentage is not a rank
        ("nhóm 5 người trong đoàn, sau đó dẫn đầu", "5", "count"),  # leader word too far
    ],
)
def test_group_without_leaders_is_not_a_rank(text, raw, unit):
    figs = [m for m in check_invariant(text) if m.kind == "figure"]
    assert [(m.raw, m.quantity.unit) for m in figs] == [(raw, unit)]


def test_top_and_group_thresholds_read_alike():
    a = next(m for m in extract_mentions("vào top 50 thế giới") if m.kind == "figure").quantity
    b = next(
        m for m in extract_mentions("vào nhóm 50 nước dẫn đầu thế giới") if m.kind == "figure"
    ).quantity
    assert (a.value, a.unit, a.unit_text, a.qualifier, a.denominator) == (
        b.value,
        b.unit,
        b.unit_text,
        b.qualifier,
        b.denominator,
    )


# ------------------------------------------------------------------ any input (issue 11 item 8)
def check_invariant_nd(text: str) -> list[Mention]:
    """The invariant on arbitrary Unicode: a digit is a Unicode decimal digit (category
    Nd, ``str.isdecimal``, regex ``\\d``); other numeric characters ("²", "½", "Ⅲ")
    may stand in a mention or outside one."""
    ms = extract_mentions(text)
    covered = [0] * len(text)
    last_end = 0
    for m in ms:
        assert text[m.start : m.end] == m.raw
        assert m.start >= last_end
        assert m.kind in KINDS
        assert (m.quantity is not None) == (m.kind == "figure")
        last_end = m.end
        for i in range(m.start, m.end):
            covered[i] += 1
    for i, c in enumerate(text):
        if c.isdecimal():
            assert covered[i] == 1, f"digit at {i} not covered once"
    return ms


def test_huge_digit_runs_are_labels_not_a_crash():
    # more than Python's 4,300-digit int-conversion limit, in every shape
    run = "1" * 5000
    for text in (run, f"đạt {run}%", f"{run}/{run}", f"năm {run}", f"5 - {run} người",
                 f"xếp thứ {run}", "1 " + "000 " * 3000, f"Thứ {run}, {run}"):  # fmt: skip
        ms = check_invariant_nd(text)
        assert any(m.reason == "label: digit run too long for a number" for m in ms) or all(
            len(m.raw) <= 24 for m in ms
        )
    (m,) = extract_mentions(run)
    assert m.kind == "label" and m.raw == run


_ANY_CHAR = st.characters(blacklist_categories=("Cs",))
_PIECES = st.one_of(
    st.text(_ANY_CHAR, max_size=12),
    st.text(alphabet="0123456789.,/-–:% ", min_size=1, max_size=10),
    st.integers(4290, 4400).map(lambda n: "9" * n),
    st.sampled_from(["٣", "১২", "½", "Ⅲ", "²", "\x00", "\x1b", "\u200b", "\n", "đạt ", " tỷ",
                     " triệu", " đồng", "%", "‰", "−", " vạn", " rưỡi", "https://x.vn/", "@"]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_extract_mentions_never_raises_on_arbitrary_unicode(parts):
    text = "".join(parts)
    check_invariant_nd(text)
    import warnings

    from dtanalysis.text import normalize_text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check_invariant_nd(normalize_text(text))


# ------------------------------------------------------------------ issue 11 items 3 and 4
@pytest.mark.parametrize(
    ("text", "raw", "kind", "reason"),
    [
        ("Lượt xem: 1.234", "Lượt xem: 1.234", "label", "label: page furniture (view count)"),
        ("Trang 2/5", "Trang 2/5", "label", "label: page furniture (page counter)"),
        ("00:45 / 03:12", "00:45 / 03:12", "label", "label: page furniture (media player time)"),
        ("ảnh 2034.jpg", "2034.jpg", "label", "label: page furniture (file name)"),
        ("Gói 1 hỗ trợ", "Gói 1", "label", "label: gói"),
        ("chính quyền địa phương 2 cấp", "2 cấp", "label", "label: number of tiers (cấp)"),
        ("mức độ 4", "mức độ 4", "label", "label: mức độ"),
        ("Thứ 2", "Thứ 2", "label", "label: ordinal"),
        ("10 giờ trước", "10 giờ trước", "label", "label: relative time"),
        ("Cập nhật 2 ngày trước |", "2 ngày trước", "label", "label: relative time"),
        ("gọi đường dài 178", "đường dài 178", "label", "label: telephone number"),
        ("tổng đài 1900 1234", "tổng đài 1900 1234", "label", "label: telephone number"),
        ("Ⅲ", "Ⅲ", "label", "label: roman numeral"),
    ],
)
def test_page_furniture_and_labels_are_not_figures(text, raw, kind, reason):
    ms = check_invariant(text) if any(c.isdigit() for c in text) else check_invariant_nd(text)
    assert [(m.raw, m.kind, m.reason) for m in ms] == [(raw, kind, reason)]


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        # a real figure is never lost to the furniture rules (recall)
        ("trang 100% hồ sơ", "100%", 100.0, "percent"),
        ("có 100 cấp ủy", "100", 100.0, "count"),
        ("tuyến đường dài 178 km", "178 km", 178.0, "other"),
        ("sau 2 ngày, tỉnh", "2 ngày", 2.0, "other"),
        ("cách đây 3 năm trước, tỉnh", "3 năm", 3.0, "other"),
        ("Video đạt 1.234 lượt xem", "1.234", 1234.0, "count"),
    ],
)
def test_furniture_rules_keep_real_figures(text, raw, value, unit):
    (m,) = [m for m in check_invariant(text) if m.kind == "figure"]
    assert (m.raw, m.quantity.value, m.quantity.unit) == (raw, value, unit)


@pytest.mark.parametrize(
    ("text", "raw", "num", "den", "qual"),
    [
        ("đạt hơn 1/3", "hơn 1/3", 1.0, 3.0, "over"),
        ("gần 3/4 số xã", "gần 3/4", 3.0, 4.0, "nearly"),
        ("hơn 2/3 số hộ", "hơn 2/3", 2.0, 3.0, "over"),
        ("hơn ½ số hộ", "hơn ½", 1.0, 2.0, "over"),
        ("¼ dân số", "¼", 1.0, 4.0, None),
    ],
)
def test_qualified_and_vulgar_fractions_are_ratios(text, raw, num, den, qual):
    (m,) = check_invariant_nd(text)
    q = m.quantity
    got = (m.raw, q.unit, q.numerator, q.denominator, q.qualifier)
    assert got == (raw, "ratio", num, den, qual)


def test_dates_after_calendar_cues_stay_dates():
    assert kinds("Sáng 13/5, tỉnh họp") == [("13/5", "date")]
    assert kinds("Từ 1/5 tỉnh sẽ") == [("1/5", "date")]
    assert kinds("chưa đến 30/6") == [("30/6", "date")]


def test_comma_before_three_digits_by_the_texts_convention():
    # a Vietnamese-formatted text ("." thousands, "," decimals): ambiguous, flagged
    ms = check_invariant("Có 12,000 hồ sơ, đạt 88,03% và 1.245 trạm.")
    m = ms[0]
    assert (m.raw, m.quantity.value) == ("12,000", 12.0)
    assert "comma before three digits" in m.flag and "12000" in m.flag
    assert [x.flag for x in ms[1:]] == ["", ""]
    # a text that groups thousands with "," throughout: read as grouping, no flag
    ms = check_invariant("Có 12,000 hồ sơ và 1,000 tài khoản; dân số 1,738,517 người.")
    assert [(x.raw, x.quantity.value, x.flag) for x in ms] == [
        ("12,000", 12000.0, ""),
        ("1,000", 1000.0, ""),
        ("1,738,517", 1738517.0, ""),
    ]
    assert extract_mentions("1,000 tài khoản")[0].flag  # no other evidence: flagged


def test_scale_word_without_unit_is_flagged_and_consistent():
    (a,) = extract_mentions("cần 1 - 2 tỷ")
    (b,) = extract_mentions("cần 10 nghìn tỷ")
    (c,) = extract_mentions("cần 1 - 2 tỷ đồng")
    assert (a.quantity.low, a.quantity.high, a.quantity.unit) == (1e9, 2e9, "count")
    assert "may be money" in a.flag
    assert b.quantity.unit == "vnd" and "read as VND" in b.flag
    assert (c.quantity.low, c.quantity.high, c.quantity.unit, c.flag) == (1e9, 2e9, "vnd", "")


def test_flag_column_is_declared_and_extracted():
    from dtanalysis.extract import FIGURE_COLUMNS, MENTION_COLUMNS
    from dtanalysis.tables.processed import FIGURES, MENTIONS

    assert "flag" in FIGURE_COLUMNS and "flag" in MENTION_COLUMNS
    for table in (FIGURES, MENTIONS):
        (f,) = [f for f in table.fields if f.name == "flag"]
        assert f.description
    assert extract_mentions("88,03%")[0].to_dict()["flag"] == ""


def test_a_huge_digit_run_does_not_sink_the_batch(tmp_path):
    # issue 11 item 8: the good file's figures survive a file with a 5,000-digit run
    from dtanalysis.extract import extract_paths

    (tmp_path / "a_good.txt").write_text("Tỉnh đạt 88,03% hồ sơ trực tuyến.", encoding="utf-8")
    (tmp_path / "b_huge.txt").write_text("Mã " + "7" * 5000 + " và 12 xã.", encoding="utf-8")
    res = extract_paths([tmp_path])
    assert list(res.figures["raw"]) == ["88,03%", "12"]
    assert not res.errors
    huge = res.mentions[res.mentions["reason"] == "label: digit run too long for a number"]
    assert len(huge) == 1 and len(huge["raw"].iloc[0]) == 5000
