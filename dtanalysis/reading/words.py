"""Word lists and tables of the reading rules (data only, no logic).

The classifier (:mod:`dtanalysis.reading.rules`) and the patterns
(:mod:`dtanalysis.reading.patterns`) are built from these. Entries are Vietnamese
words in NFC, lower case unless a rule says otherwise.

The ``*_FIRST`` sets state the characters that the words of a right-context pattern
can start with; the extractor skips a pattern when the next character is not in its
set. They are written out here (not computed from the regexes) and
``tests/test_reading.py`` checks that each set covers every word of its pattern.
"""

from __future__ import annotations

from decimal import Decimal

_URL_PREFIXES = ("http://", "https://", "HTTP://", "HTTPS://", "www.", "WWW.")
_URL_SCHEMES = tuple(p[:-3] for p in _URL_PREFIXES if p.endswith("://"))
_TRAIL = ".,;:!?)]}»”’'\""

# First characters of the words of _R_TIMEUNIT, _R_AGE, _R_CLOCK and _R_PERIOD (checked
# by a test); see _Ctx.nc in dtanalysis.reading.context.
_TIMEUNIT_FIRST = frozenset("ntgpqNTGPQ")
_AGE_FIRST = frozenset("t")
_CLOCK_FIRST = frozenset("g")
_TIERS_FIRST = frozenset("c")
_PERIOD_FIRST = frozenset("tT")
#: A unit can only follow a number when the next character (after one optional
#: space) is one of these: the first characters of the words of the unit patterns
#: _R_SCALE, _R_PCT, _R_VND, _R_MEASURE and _R_POINT (checked by a test).
_UNIT_FIRST = frozenset("%EGMPTUVbehklmnpstv°đ‰")

# Qualifier words before a number and what they mean (see _L_QUAL).
_QUAL_MAP = {
    "gần như": "approx",
    "gần": "nearly",
    "hơn": "over",
    "trên": "over",
    "vượt quá": "over",
    "vượt": "over",
    "dưới": "under",
    "khoảng": "approx",
    "xấp xỉ": "approx",
    "ước khoảng": "approx",
    "ước tính": "approx",
    "ước": "approx",
    "ước đạt": "approx",
    "ước tính đạt": "approx",
    "ước thực hiện": "approx",
    "ước tăng": "approx",
    "ước giảm": "approx",
    "chừng": "approx",
    "ít nhất": "over",
    "tối thiểu": "over",
    "tối đa": "under",
    "không quá": "under",
    "chưa đến": "under",
    "chưa tới": "under",
    "không đến": "under",
    "không tới": "under",
}
# After "vượt N": a plan, estimate, target or the same period of the year before.
# "vượt 5% dự toán" is "exceeded the estimate BY 5%" (qualifier None: 5 is the
# excess), while "vượt 91%" alone is "over 91%".
# A word before "hơn" that makes it a comparative ("hiệu quả hơn 3 trụ cột").
_COMPARATIVE = frozenset(
    [
        "tốt",
        "cao",
        "thấp",
        "nhiều",
        "ít",
        "nhanh",
        "chậm",
        "mạnh",
        "yếu",
        "lớn",
        "nhỏ",
        "rõ",
        "sâu",
        "rộng",
        "xa",
        "sớm",
        "muộn",
        "dài",
        "ngắn",
        "đông",
        "quả",
        "tiện",
        "lợi",
        "dễ",
        "khó",
        "mới",
        "đẹp",
        "kém",
        "thêm",
    ]
)
# Cue words of names and labels before a number ("Phường 5", "mức độ 4"; see _L_NAME).
_NAME_CUES = (
    "phường|khóm|ấp|quận|khu phố|khu vực|tổ dân phố|tổ|xóm|thôn|bản|lô|tầng|"
    "phòng số|đề án|tổng đài|đường dây nóng|hotline|đầu số|đợt|lần thứ|lần|khóa|"
    "kỳ họp thứ|kỳ họp|phiên họp thứ|phiên thứ|mức độ|mức|cấp độ|bước|điều|khoản|chương|"
    "mục|phụ lục|bảng|hình|biểu đồ|biểu mẫu|mẫu số|tuyến số|quốc lộ|tỉnh lộ|đường số|"
    "số nhà|hẻm|kiệt|ngõ|ngách|phiên bản|version|thế hệ|khu|đường|giai đoạn|kênh|"
    "câu|bài|tập|phần|ca|chỉ thị số|mã số|mã|tiêu chí số|nhóm số|trụ cột số|"
    "gói|gói thầu|gói thầu số"
)

# Words that may follow a date "13/5" (as opposed to the noun that follows a ratio).
_DATE_FOLLOWERS = frozenset(
    [
        "năm",
        "vừa",
        "tới",
        "đến",
        "và",
        "hằng",
        "hàng",
        "này",
        "nay",
        "đã",
        "của",
        "tại",
        "với",
        "là",
        "thì",
        "mới",
        "sẽ",
        "đầu",
        "cuối",
        "trở",
        "hoặc",
        "hay",
        "cho",
        "theo",
        "về",
        "trong",
        "lúc",
        "sáng",
        "chiều",
        "tối",
        "trưa",
        "đêm",
        "nhằm",
        "khi",
        "để",
        "do",
        "được",
        "có",
        "tuần",
        "hôm",
        "ông",
        "bà",
        "chí",
    ]
)
# Nouns of administrations and members that may follow a date ("Từ 1/5 tỉnh sẽ ...")
# as well as a ratio ("9/9 huyện", "12/12 huyện, thị xã", "2/3 thành viên"): after
# one of these, "a/b" is a ratio when a <= b and either a == b or no calendar cue
# precedes it; otherwise a date.
_DATE_OR_RATIO_FOLLOWERS = frozenset(
    [
        "đồng",
        "tỉnh",
        "thành",
        "huyện",
        "quận",
        "thị",
        "xã",
        "phường",
        "sở",
        "ủy",
        "ubnd",
        "đơn",
        "cơ",
        "bộ",
        "ngành",
        "địa",
    ]
)
# Words after a list member that do not make it a new counted figure.
_LIST_END_WORDS = frozenset(
    [
        "và",
        "về",
        "trong",
        "của",
        "so",
        "với",
        "trên",
        "tại",
        "toàn",
        "cả",
        "tương",
        "lần",
        "lượt",
        "theo",
        "là",
        "được",
        "hoặc",
        "hay",
        "cùng",
    ]
)


#: Counting nouns and classifiers: a bare 1900-2100 number directly followed by one
#: of these is a count ("2000 người", "1950 hồ sơ"), not a year. Lower case only:
#: an upper-case word after a year usually starts a new phrase ("năm 2023 Sở ...").
COUNT_NOUNS = (
    "người",
    "người dân",
    "người dùng",
    "hồ sơ",
    "tài khoản",
    "doanh nghiệp",
    "hộ",
    "hộ gia đình",
    "hộ dân",
    "thủ tục",
    "văn bản",
    "trường hợp",
    "lượt",
    "cơ quan",
    "tổ",
    "tổ chức",
    "thành viên",
    "xã",
    "phường",
    "thôn",
    "ấp",
    "khóm",
    "mẫu",
    "dịch vụ",
    "chữ ký",
    "học sinh",
    "sinh viên",
    "cán bộ",
    "công chức",
    "viên chức",
    "giáo viên",
    "đơn vị",
    "thuê bao",
    "giao dịch",
    "tin nhắn",
    "cuộc gọi",
    "camera",
    "thiết bị",
    "máy",
    "máy tính",
    "sản phẩm",
    "cơ sở",
    "bệnh nhân",
    "lao động",
    "khách hàng",
    "hợp tác xã",
    "chủ thể",
    "thẻ",
    "căn cước",
    "dự án",
    "nhiệm vụ",
    "chỉ tiêu",
    "trạm",
    "trường học",
    "lớp học",
    "tài liệu",
    "ứng dụng",
    "chiếc",
    "cuộc",
    "gói",
    "kiến nghị",
    "phản ánh",
    "ý kiến",
    "buổi",
    "hội nghị",
    "đoàn",
    "đảng viên",
    "hội viên",
    "nông dân",
    "hộ kinh doanh",
    "tiểu thương",
    "điểm bán",
)
#: Words after which a bare 1900-2100 number is a year ("đến 2030", "giai đoạn 2021",
#: "nhiệm kỳ 2020"); "năm", "giai đoạn", "niên độ" also take part in longer dates.
YEAR_CUES = (
    "năm",
    "giai đoạn",
    "đến",
    "tới",
    "từ",
    "kể từ",
    "trước",
    "sau",
    "cuối",
    "đầu",
    "trong",
    "vào",
    "hết",
    "niên độ",
    "niên khóa",
    "khóa",
    "nhiệm kỳ",
)
#: Verbs after which a bare 1900-2100 number followed by a content word is a count.
YEAR_COUNT_VERBS = ("có", "đạt", "là", "gồm")
# "đạt 2000." / "gồm 2000." are counts even without a noun after them: a year is not
# "reached" or "comprised"; "là 2023." / "có 2023." stay years.
_YEAR_COUNT_VERBS_ALONE = frozenset(["đạt", "gồm"])

# Scale words after a number and their factors (see _R_SCALE).
_ONE = Decimal(1)
_SCALES = {
    "nghìn": Decimal(1000),
    "ngàn": Decimal(1000),
    "triệu": Decimal(10**6),
    "tỷ": Decimal(10**9),
    "tỉ": Decimal(10**9),
    "vạn": Decimal(10**4),
    "nghìn tỷ": Decimal(10**12),
    "ngàn tỷ": Decimal(10**12),
    "nghìn tỉ": Decimal(10**12),
    "ngàn tỉ": Decimal(10**12),
    "triệu tỷ": Decimal(10**15),
    "triệu tỉ": Decimal(10**15),
}


#: Area units: "trên 1 ha" is "per hectare", not "over one hectare".
_AREA_UNITS = frozenset(["ha", "héc-ta", "hécta", "hecta", "km2", "km²", "m2", "m²", "sào", "mẫu"])
