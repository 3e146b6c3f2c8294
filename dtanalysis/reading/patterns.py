"""The regular expressions of the reading rules, and the left-context cues.

Naming: ``_RE_*`` match a whole digit token (``fullmatch``), ``_R_*`` the right
context after a number (``match`` at its end), ``_L_*`` the left context before it
(searched, anchored at the end of the text before the token). Left-context cues that
are tried for most tokens are :class:`_Cue` objects, guarded by the words they can
end with. Word lists come from :mod:`dtanalysis.reading.words`.
"""

from __future__ import annotations

import re

from .words import _NAME_CUES, COUNT_NOUNS, YEAR_COUNT_VERBS, YEAR_CUES

_I = re.IGNORECASE
# A digit-bearing token: digits, letters, and inner separators that are followed by
# a digit (".", ",", ":") or by any word character ("/", "-", "–": codes and ranges).
# A token may also start with a vulgar fraction ("½") or a Roman numeral character
# ("Ⅲ"): not digits, but numbers, read by rules.other_script.
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒↉"
_ROMAN_CHARS = "\u2160-\u2188"
_CORE = re.compile(rf"[\d{_VULGAR}{_ROMAN_CHARS}]\w*(?:(?:[.,:]\d|[/\-–]\w)\w*)*")
_URL = re.compile(r"(?:https?://|HTTPS?://|www\.|WWW\.)[^\s<>\"'“”‘’]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:,\d+)?|\d+\.\d+)"
_RE_NUM = re.compile(_NUM)
_RE_INT = re.compile(r"\d+")
_RE_COMMA_NUM = re.compile(r"\d+,\d+")
_RE_COMMA3 = re.compile(r"[1-9]\d{0,2},\d{3}")  # "0,389" is a decimal
# the text's own convention for thousands (see rules._comma_convention)
_R_EN_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])")
_R_VI_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.])")
_R_VI_DECIMAL = re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d,])")
# Their keys, each led by a literal the regex engine skips to (the patterns, led by a
# look-behind, are tried at every position: 0.2 s per 10 MB of text for the first);
# every match holds its pattern's key right after its first digits
# (rules._holds_convention)
_R_EN_GROUPED_KEY = re.compile(r",\d{3},")
_R_VI_GROUPED_KEY = re.compile(r"\.\d{3}")
_R_VI_DECIMAL_KEY = re.compile(r",\d")
_RE_RATIO = re.compile(rf"({_NUM})/({_NUM})")
_RE_RANGE = re.compile(rf"({_NUM})[-–]({_NUM})")
_RE_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
_RE_DM_DASH_RANGE = re.compile(
    r"(\d{1,2})([./])(\d{1,2})(?:\2(\d{4}))?[-–](\d{1,2})([./])(\d{1,2})(?:\6(\d{4}))?"
)
_RE_DAYS_RANGE = re.compile(r"(\d{1,2})[-–](\d{1,2})([./])(\d{1,2})(?:\3(\d{4}))?")
_RE_MY = re.compile(r"(\d{1,2})[./-](\d{4})")
_RE_DM = re.compile(r"(\d{1,2})([./])(\d{1,2})")
_RE_YEAR_RANGE = re.compile(r"(\d{4})[-–](\d{4})")
# an ISO date or month: "2025-10-21", "2021-01" (the metadata line of a web page)
_RE_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_RE_QUARTER = re.compile(r"(?:[Qq]([1-4])|([IVX]{1,4}))(?:/(\d{4}))?")
_RE_CLOCK_H = re.compile(r"(\d{1,2})[hg](\d{2})?(?:p|ph)?")
_RE_CLOCK_COLON = re.compile(r"(\d{1,2}):(\d{2})(?::([0-5]\d))?")  # "8:30", "19:18:10"
_RE_DOC = re.compile(r"\d+[a-z]?(?:[./]\d+)*[/-][A-ZĐ][\w]*(?:[/.-]\w+)*")
_RE_VERSION0 = re.compile(r"\d+\.0")
# a letter (or another non-decimal word character such as "²"): every unit glued to
# a number, every clock "8h30" and every coded document number holds one
_RE_LETTER = re.compile(r"[^\W\d_]")
_RE_ATTACHED_UNIT = re.compile(
    rf"({_NUM})(%|km2|km²|km|ha|m2|m²|m3|m³|m|kg|MW|kW|kWh|GB|MB|TB|Mbps|Gbps|USD|đ|tr|k)"
)

# Right context (applied with .match at the end of the number).
_R_SCALE = re.compile(
    r" ?(nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ|triệu tỷ|triệu tỉ|nghìn|ngàn|triệu|tỷ|tỉ|vạn)"
    r"(?!\w)(?! lệ)"
)
_R_PCT = re.compile(r" ?(%|phần trăm(?!\w))")
_R_PERMILLE = re.compile(r" ?(‰)")
# "1 triệu rưỡi" (one and a half million), "2 tiếng rưỡi" (two and a half hours)
_R_HALF = re.compile(r" rưỡi(?!\w)")
# the second part of a compound amount: "2 tỷ 500 triệu", "3 triệu 200 nghìn"
_R_COMPOUND = re.compile(r" (\d{1,3})(?![\w/:\-–]|[.,]\d)(?= (?:triệu|nghìn|ngàn|vạn)(?!\w))")
_R_VND = re.compile(r" ?(đồng|VNĐ|VND|vnđ|vnd|đ)(?!\w)")
_R_MEASURE = re.compile(
    r" ?(điểm phần trăm|điểm %|km2|km²|km|m2|m²|m3|m³|ha|héc-ta|hécta|hecta|kg|tấn|tạ|lít|"
    r"kWh|MWh|GWh|MW|kW|GW|kV|MB|GB|TB|PB|Mbps|Gbps|USD|EUR|euro|Euro|đô la Mỹ|đô la|"
    r"lần(?! lượt)|bậc|sao(?! (?:y|chép|lục|kê)(?!\w))|°C|độ C|m)(?!\w)"
)
_R_POINT = re.compile(r" ?(điểm)(?!\w)")
_R_POINT_END = re.compile(r"\s*(?:$|[,.;:)\]/]|so với|trên|và|tăng|giảm|\()")
_R_TIMEUNIT = re.compile(
    r" ?(năm|tháng|tuần|ngày|giờ|tiếng|phút|giây|quý)(?!\w)(?! \d)", re.IGNORECASE
)
_R_AGE = re.compile(r" ?(tuổi)(?!\w)")
_R_AGE_THRESHOLD = re.compile(r" (trở lên|trở xuống|trở lại)(?!\w)")
# A rate per a round number of inhabitants after a number and its counted noun (at
# most six words): "128 thuê bao/100 dân", "0,7 doanh nghiệp công nghệ số trên 1.000
# dân", "1,5 bác sĩ/1.000 người". After "trên" ("per", else "over") only "dân", "dân
# số" and "người dân" count: "trên 1.000 người" is as often "more than 1,000 people".
_PER_BASE = r"(?:1\.000\.000|100\.000|10\.000|1\.000|1 triệu|100|10|1)"
# ... or per unit of area: "230 người/km2" (a density), "6 tấn/ha" (a yield).
_PER_AREA = r"(?:km2|km²|ha|m2|m²)"
_R_PER_INHABITANTS = re.compile(
    rf"(?: [^\W\d_]+){{0,6}}?(?: ?/ ?{_PER_BASE} (?:dân(?: số)?|người(?: dân)?)"
    rf"| trên {_PER_BASE} (?:dân(?: số)?|người dân)| ?/ ?{_PER_AREA})(?!\w)"
)
#: How far after a number the base of :data:`_R_PER_INHABITANTS` can end (six long
#: words, the base, "người dân").
_PER_INHABITANTS_REACH = 80
#: The gate of :data:`_R_PER_INHABITANTS`: its base and what follows, searched within
#: its reach (the regex engine stops only at "/" and "t"; most numbers have none).
_R_PER_GATE = re.compile(
    rf"/ ?(?:{_PER_BASE} (?:dân|người)|{_PER_AREA}(?!\w))|trên {_PER_BASE} (?:dân|người)"
)
# What a money amount or a measure is per: "95 triệu đồng/người" (GRDP per head), "5
# triệu đồng/người/tháng", "2 tỷ đồng/ha", "20.000 đồng/kg", "50 km/h"; part of the unit
_R_PER_SUFFIX = re.compile(
    r"(?: ?/ ?(?:người(?: dân)?|hộ|ha|km2|km²|m2|m²|tháng|năm|ngày|kg|tấn|lao động|dân"
    r"|h|giờ|lượt|học sinh|doanh nghiệp))+(?!\w)"
)
_R_PERIOD = re.compile(r" tháng (?:(?:đầu|cuối) )?năm(?: (\d{4}))?(?!\w)", re.IGNORECASE)
_R_CLOCK = re.compile(r" giờ(?: (\d{1,2})(?: phút)?)?(?: (sáng|chiều|tối|trưa|đêm|khuya))?(?!\w)")
_R_DATE_TAIL_MONTH = re.compile(r" tháng (\d{1,2})(?: năm (\d{4}))?(?!\w)")
_R_DATE_TAIL_YEAR = re.compile(r" năm (\d{4})(?!\w)")
_R_RANGE_SEP = re.compile(r"\s?[-–]\s?(?=\d)| (?:đến|tới) (?=\d)")
_R_YEAR_RANGE = re.compile(r" ?[-–] ?(\d{4})(?![\w/]|[.,]\d)")
_R_NUM_AT = re.compile(_NUM)
_R_FOLLOW_WORD = re.compile(r" ([^\W\d_]+)")
_R_RANK_OF = re.compile(r" trên (?:tổng số )?(\d{1,3})(?![\w%]|[.,]\d| ?%)")


class _Cue:
    """An end-anchored left-context regex guarded by the set of words it can end with.

    ``search(left)`` first compares the last word of ``left`` with ``last_words``
    (a set lookup) and runs the regex only on a hit: most numbers follow words that
    are no cue at all, so this keeps extraction close to the speed of a plain scan.
    A match ends at the end of ``left`` (or before a final line break), so when the
    regex has a bounded width the search starts that many characters from the end
    (look-behinds still see the characters before the start position).

    Parameters
    ----------
    rx : re.Pattern
        The end-anchored regex.
    last_words : str
        The words (space-separated, lower case) a match can end with, as
        :func:`_last_word` sees them.
    width : int or None
        The greatest length of a match of ``rx`` (None: unbounded). Stated by hand;
        ``tests/test_reading.py`` computes it from the pattern and checks it.
    """

    __slots__ = ("last_words", "rx", "width")

    def __init__(self, rx: re.Pattern[str], last_words: str, width: int | None) -> None:
        self.rx = rx
        self.last_words = frozenset(last_words.split())
        self.width = width

    def search(self, left: str) -> re.Match[str] | None:
        """The match ending ``left`` when its last word is a guard word, else None."""
        cached = _lw_cache
        if cached[0] is left:  # the same left context is asked about many cues
            w = cached[1]
        else:
            w = _last_word(left)
        if w not in self.last_words:
            return None
        if self.width is None:
            return self.rx.search(left)
        return self.rx.search(left, max(0, len(left) - self.width - 1))

    def find(self, left: str) -> re.Match[str] | None:
        """The regex search of :meth:`search` without the guard.

        The classifier tests the guard itself: a rule gated by the cue
        (:class:`dtanalysis.reading.rules.Rule`) runs only when the token's last word
        (``_Ctx.lw``) is a guard word, and other hot paths write ``lw in
        cue.last_words`` out; they call this only on a hit.
        """
        if self.width is None:
            return self.rx.search(left)
        return self.rx.search(left, max(0, len(left) - self.width - 1))


_lw_cache: tuple[str, str] = ("", "")


def _last_word(left: str) -> str:
    """Last word of a left context as the cue guards see it (cached for the next cue)."""
    global _lw_cache
    t = left.rstrip(" ,")
    w = t[t.rfind(" ") + 1 :].lstrip("([\"“'-").lower()
    _lw_cache = (left, w)
    return w


# Left context (searched in the text before the number, within the line).
_L_DATEWORD = _Cue(
    re.compile(r"(?<!\w)(ngày|tháng|quý|năm|giai đoạn|niên độ|niên khóa) $", _I),
    "ngày tháng quý năm đoạn độ khóa",
    10,
)
_L_DATECUE = _Cue(
    re.compile(
        r"(?<!\w)(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng sáng|lúc|mùng|mồng|từ|đến|tới|"
        r"trước|sau|vào|hết|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)[ ,]*$",
        _I,
    ),
    "ngày hôm sáng chiều tối trưa đêm lúc mùng mồng từ đến tới trước sau vào hết "
    "hai ba tư năm sáu bảy nhật",
    None,
)
_L_DATECUE_STRONG = _Cue(
    re.compile(
        r"(?<!\w)(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng sáng|lúc|mùng|mồng|"
        r"thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)[ ,]*$",
        _I,
    ),
    "ngày hôm sáng chiều tối trưa đêm lúc mùng mồng hai ba tư năm sáu bảy nhật",
    None,
)
_L_TIMECUE = _Cue(re.compile(r"(?<!\w)(?:lúc|vào|từ|đến|tới) $", _I), "lúc vào từ đến tới", 4)
_L_QUAL = _Cue(
    re.compile(
        r"(?<!\w)(gần như|gần|hơn|trên|vượt quá|vượt|dưới|khoảng|xấp xỉ|"
        r"ước khoảng|ước tính đạt|ước đạt|"
        r"ước thực hiện|ước tăng|ước giảm|ước tính|"
        r"ước|chừng|ít nhất|tối thiểu|tối đa|không quá|chưa đến|chưa tới|không đến|không tới) $",
        _I,
    ),
    "như gần hơn trên quá vượt dưới khoảng xỉ tính ước chừng nhất thiểu đa đến tới "
    "đạt hiện tăng giảm",
    14,
)
# After "vượt N": a plan, estimate, target or the same period of the year before.
# "vượt 5% dự toán" is "exceeded the estimate BY 5%" (qualifier None: 5 is the
# excess), while "vượt 91%" alone is "over 91%".
_R_BY_REFERENCE = re.compile(
    r" (?:so với )?(?:dự toán|kế hoạch|chỉ tiêu|mục tiêu|cùng kỳ)(?!\w)", _I
)
_L_WORD_BEFORE = re.compile(r"(\w+) $")
_L_AGE_FROM = re.compile(r"(?<!\w)(?:từ|đủ|trên|dưới) $", _I)
_L_QUARTER_BEFORE = re.compile(r"(?<!\w)(quý (?:I|II|III|IV)) $", _I)
_LIST_GAP = re.compile(r",? ?(?:và |hoặc |, )?|, ")
_L_TU = _Cue(re.compile(r"(?<!\w)từ $", _I), "từ", 3)
_L_RANK = _Cue(
    re.compile(
        r"(?<!\w)(?:(?:xếp|đứng|xếp hạng|đứng hạng|vị trí|thứ hạng) (?:(thứ|hạng|số) )?"
        r"|(hạng|top|tốp) )$",
        _I,
    ),
    "xếp đứng hạng trí thứ top tốp số",
    15,
)
_L_ORDINAL = _Cue(re.compile(r"(?<!\w)(thứ) $", _I), "thứ", 4)
# "Thứ hạng về chính quyền số, kinh tế số, xã hội số của tỉnh lần lượt là 22, 9, 13":
# after "lần lượt là" (respectively), numbers are ranks when a rank word opens the clause
_L_RESPECTIVE = _Cue(re.compile(r"(?<!\w)lần lượt là $", _I), "là", 12)
_RANK_WORD = re.compile(r"(?<!\w)(?:thứ hạng|xếp hạng|xếp thứ|đứng thứ|vị trí)(?!\w)", _I)
#: How far before "lần lượt là" the rank word of :data:`_L_RESPECTIVE` can stand.
_RESPECTIVE_REACH = 160
# "(đứng thứ 2 từ trái sang)": a place in a photo caption, not a rank
_R_PHOTO_PLACE = re.compile(r" từ (?:trái|phải)(?: (?:sang|qua))?(?!\w)", _I)
# "..., thứ 2 là Long An": the ordinal names who holds the place (a rank)
_R_PLACE_HOLDER = re.compile(r" là (?:TP\.? ?)?[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴÉÈẺẼẸ]")
_L_CLAUSE_START = re.compile(r"(?:^|[,;:(–-] ?)$")
# "(GMT+7)", "UTC+7": a time zone
_L_TIMEZONE = re.compile(r"(?<!\w)(?:GMT|UTC) ?\+\Z", _I)
# a rank threshold: "nhóm 50 nước dẫn đầu" (the group of the 50 leading countries)
_L_GROUP = _Cue(re.compile(r"(?<!\w)(nhóm) $", _I), "nhóm", 5)
_R_LEADERS = re.compile(r"(?:,? [^\W\d_]+){0,4}? (?:dẫn đầu|đứng đầu|hàng đầu)(?!\w)", _I)
_L_NAME = _Cue(
    re.compile(r"(?<!\w)(" + _NAME_CUES + r") $", _I),
    " ".join(c.split()[-1] for c in _NAME_CUES.split("|")),
    15,
)
_L_DOC_STRONG = _Cue(
    re.compile(
        r"(?<!\w)(quyết định|nghị định|nghị quyết|thông tư liên tịch|thông tư|chỉ thị|luật|"
        r"công văn|công điện|pháp lệnh|thông báo kết luận)(?: số)? $",
        _I,
    ),
    "định quyết tư tịch thị luật văn điện lệnh luận số",
    22,
)
_L_DOC_WEAK = _Cue(
    re.compile(
        r"(?<!\w)(kế hoạch|văn bản|báo cáo|hướng dẫn|thông báo|kết luận|quy định|tờ trình|"
        r"quy chế|chương trình|đề án|dự án) số $",
        _I,
    ),
    "số",
    16,
)
# "số 5" is a number label, but not in "dân số 5.000", "tổng số 12", "chỉ số 3", ...
# before a coded number ("Kế hoạch 2358/KH-UBND") the type word needs no "số"
_L_DOC_CODED = _Cue(
    re.compile(
        r"(?<!\w)(kế hoạch|văn bản|báo cáo|hướng dẫn|thông báo|kết luận|quy định|tờ trình|"
        r"quy chế|chương trình|đề án|quyết định|nghị quyết|nghị định|thông tư|chỉ thị|công văn) $",
        _I,
    ),
    "hoạch bản cáo dẫn báo luận định trình chế án quyết tư thị văn",
    13,
)
_L_SO = _Cue(
    re.compile(
        r"(?<!\w)(?<!dân )(?<!con )(?<!chỉ )(?<!hệ )(?<!đa )(?<!thiểu )(?<!điểm )"
        r"(?<!tỷ )(?<!tỉ )(?<!trong )(tổng )?số $",
        _I,
    ),
    "số",
    8,
)
# "ấp Tân Phú 2", "xã Tân Phú 2", "thôn Đông 2", "trường Tiểu học Vĩnh Hòa 1": a
# number ending a capitalised place name after a place word
_L_PLACE_NAME = re.compile(
    r"(?<!\w)(?i:xã|phường|thị trấn|ấp|thôn|khóm|bản|làng|xóm|khu phố|khu dân cư|tổ dân phố|"
    r"khu|cụm|trường(?: [A-ZĐ]{2,4})?|trường tiểu học|trường mầm non|cầu|kênh|đường|chợ|trạm)"
    r"((?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠĨÍÌỈỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴÉÈẺẼẸ][^\W\d_]*){1,4}) $"
)
_L_STANDARD = _Cue(
    re.compile(r"(?<![\w])((?:TCVN|QCVN|ISO|IEC|ISO/IEC)(?: (?:ISO|IEC|ISO/IEC))*) $"),
    "tcvn qcvn iso iec iso/iec",
    None,
)
_L_LATIN_WORD = re.compile(r"(?<!\w)([A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*|[A-Z][a-z]+) $")
_L_ROMAN_SLASH = re.compile(r"(?<![\w])[IVX]{1,4}/\Z")
_L_CAPS_DOT = re.compile(r"(?<![\w.])[A-ZĐ]{1,4}\.\Z")
_L_SCALE_RATIO = re.compile(r"(?<!\w)(?:tỷ lệ|tỉ lệ) $", _I)
# a group of three digits after a space, ending the number ("1 250 000 thuê bao")
_R_SPACE_GROUPS = re.compile(r"(?: \d{3})+(?![\w/:-]|[.,]\d)")
# telephone numbers: 0 + 8-10 more digits, in groups of 2-4 separated by "." or " ",
# or after a telephone cue (then any digit groups: "1900 1234", "1022")
_RE_PHONE = re.compile(r"(?:\+84 ?|0)\d{1,4}(?:[. ]\d{2,4}){1,4}(?![\w/:-]|[.,]\d)|0\d{8,10}(?!\w)")
_RE_PHONE_AFTER_CUE = re.compile(r"(?:(?:1900|1800)[. ]?\d{3,6}|\d{3,5})(?![\w/:-]|[.,]\d)")
_L_PHONE_CUE = _Cue(
    re.compile(
        r"(?<!\w)(?:số điện thoại|điện thoại|đt|tel|hotline|đường dây nóng|tổng đài|fax|zalo|"
        r"đường dài)(?: số)?:? $",
        _I,
    ),
    "thoại đt tel hotline nóng đài fax zalo số dài thoại: đt: tel: hotline: nóng: đài: fax: "
    "zalo: số: dài:",
    19,
)
# page furniture around an article: view counters and page counters ("Lượt xem:
# 1.234", "Trang 2/5"), the times of a media player ("00:45 / 03:12"), file names
# ("2034.jpg"), relative times of a news feed ("10 giờ trước")
_L_FURNITURE = _Cue(
    re.compile(
        r"(?<!\w)(lượt xem|lượt thích|lượt chia sẻ|lượt đọc|lượt nghe|lượt bình luận|trang)"
        r":? $",
        _I,
    ),
    "xem thích sẻ đọc nghe luận trang xem: thích: sẻ: đọc: nghe: luận: trang:",
    16,
)
_R_PLAYER_NEXT = re.compile(r" ?/ ?\d{1,2}:\d{2}(?::\d{2})?(?![\w:])")
_L_PLAYER_PREV = re.compile(r"\d:\d{2} ?/ ?$")
_R_FILE_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|heic|mp4|mp3|pdf|docx?|xlsx?|pptx?|zip|rar)(?!\w)",
    _I,
)
_R_AGO = re.compile(r" (?:trước|qua)(?=\s*(?:$|[|·•,.;)\]]))", re.MULTILINE)
# "chính quyền địa phương 2 cấp": a number of tiers (not "100 cấp ủy")
_R_TIERS = re.compile(r" cấp(?!\w)(?! (?:ủy|uỷ|xã|huyện|tỉnh|phường|cơ sở|trên|dưới)(?!\w))")
# "gồm 3 cấp": a number of tiers that is counted (a count, not a label)
_L_TIERS_COUNTED = re.compile(r"(?<!\w)(?:gồm|bao gồm|có|chia thành|chia làm) $", _I)
_L_ASCII_HYPHEN = re.compile(r"(?<![\w-])(?:[A-Za-z][A-Za-z0-9]*-)+\Z")


def _alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first (so that a longer word wins)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_R_COUNT_NOUN = re.compile(rf" (?:{_alternation(COUNT_NOUNS)})(?!\w)")
_L_YEAR_CUE = re.compile(rf"(?<!\w)(?:{_alternation(YEAR_CUES)}) $", _I)
_L_YEAR_VERB = re.compile(rf"(?<!\w)({_alternation(YEAR_COUNT_VERBS)}) $", _I)
# nothing but punctuation, a closing bracket or quote, or the end of the line after it
_R_YEAR_ALONE = re.compile(r" ?(?:[,.;:!?…)\]}”’\"'»]|$)", re.MULTILINE)

# Any of the five unit regexes: when this does not match, there is no unit, which
# spares trying them one after the other for most numbers.
_UNIT_REGEXES = (_R_SCALE, _R_PCT, _R_PERMILLE, _R_VND, _R_MEASURE, _R_POINT)
_R_ANY_UNIT = re.compile("|".join(f"(?:{r.pattern})" for r in _UNIT_REGEXES))
_R_THRESHOLD = re.compile(r" (trở lên|trở xuống)(?!\w)")
