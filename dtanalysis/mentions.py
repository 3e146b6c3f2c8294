"""Every digit of a Vietnamese text, accounted for.

:func:`extract_mentions` finds every token that contains a digit and types it as one
of five kinds:

``figure``
    a quantity (:class:`dtanalysis.quantities.Quantity`): counts, percentages, ratios,
    money, measures, durations, ranks.
``date``
    calendar expressions: "13/5", "Sáng 11.5", "27/4/2025", "12-01-2022",
    "1.1-20.4.2023", "tháng 12.2022", "quý I/2025", "quý I năm 2025", "năm 2025",
    a bare year "2023", "giai đoạn 2021-2025", "4 tháng đầu năm 2023".
``document_number``
    "422/QĐ-TTg", "41-KH/TU", "Nghị quyết số 202/2025/QH15", "Nghị quyết 57",
    standards "TCVN ISO 9001:2015".
``time``
    times of day: "1 giờ sáng", "8h30", "8:30", "lúc 8 giờ".
``label``
    names, versions and ordinals: "Phường 5", "Khóm 6", "Đề án 06", "Tổng đài 1022",
    "VILIS 2.0", "4G", "COVID-19", "mức độ 4", "đợt 1", "lần thứ 2", list bullets
    "1.", URLs and e-mail addresses that contain digits, age thresholds
    ("từ 15 tuổi trở lên"), telephone numbers ("0297.3862.555", "0913 123 456",
    "hotline 1900 1234", "Tổng đài 1022"), codes written with a dot ("ĐT.963",
    "QL.1A"), numbers ending a place name after a place word ("ấp Tân Phú 2",
    "thôn Đông 2"), and any digit-bearing token no rule recognises
    (reason "unrecognised numeric token", so nothing is dropped silently).

Invariant: every digit of the text lies in exactly one mention; mentions do not
overlap and are returned in text order; ``text[m.start:m.end] == m.raw``.

Decisions (documented because Vietnamese is ambiguous here)
-----------------------------------------------------------
* ``d/m`` ("13/5") is a date when a calendar cue precedes it (ngày, sáng, chiều,
  hôm, lúc, ...) or when no content word follows it; it is a ratio when a noun
  follows ("3/5 nhiệm vụ", "1/3 số xã") and always when it cannot be a date
  ("21/24 nhiệm vụ", "45/101 xã", "103/117 mẫu"). Before a noun of administrations
  or members (tỉnh, huyện, xã, thành viên, sở, đơn vị, ...; these also follow dates:
  "Từ 1/5 tỉnh sẽ ...") it is a ratio when a <= b and either a == b ("đến 9/9
  huyện", "12/12 huyện") or no calendar cue (not even từ/đến/trước/sau) precedes it
  ("2/3 thành viên"); otherwise a date ("Đến 30/6 huyện ...").
* Telephone numbers: "0" and 9-11 digits in all, grouped by "." or " " or not at
  all; after a telephone cue (điện thoại, hotline, đường dây nóng, tổng đài, fax, ĐT,
  Tel) a 3-5 digit service number or a 1900/1800 number. They are one label each,
  so "0913 123 456" is not three counts.
* ``d.m`` ("11.5") is a date unless a unit, %, or scale word follows ("31.3%",
  "2.5 triệu"), in which case the dot is a decimal point.
* ``m.yyyy``/``m/yyyy``/``m-yyyy`` ("12.2022") is a month; "x.0" is a version.
* An ungrouped 4-digit number 1900-2100 with nothing attached (no %, scale word or
  unit) is read by its context, because Vietnamese usually groups counts above 999
  ("2.472") but not always ("2000 người"):

  - a date when it ends a range of years ("2021-2025", "2021 – 2025"), when a year
    cue precedes it (:data:`YEAR_CUES`: năm, giai đoạn, đến, từ, trước, sau, cuối,
    đầu, trong, vào, hết, niên độ, khóa, nhiệm kỳ, ...: "đến 2030"), or when only
    punctuation or the end of the line follows it ("(2023)", "Năm 2023,", "2023.");
  - a count when a counting noun or classifier follows it directly
    (:data:`COUNT_NOUNS`: "2000 người", "1950 hồ sơ", "2000 lượt"), when a qualifier
    precedes it ("hơn 2000", "khoảng 1990"), when "đạt" or "gồm" precedes it, or when
    "có" or "là" precedes it and a content word follows it ("có 2000 camera");
    these count rules are checked first, so "đến 2030 hồ sơ" is a count;
  - otherwise a year, reason "date: year (no cue)", so that such readings can be
    found and reviewed ("Kế hoạch 2023 của tỉnh").

  Numbers outside 1900-2100 ("1199 hồ sơ", hotline "1022") never read as years.
* Durations ("01 năm", "8 tháng", "24 giờ") are figures with unit ``other`` and the
  time word in ``unit_text``; "N tháng đầu/cuối năm [yyyy]" is a date (a period).
* Ages: "N tuổi" after từ/đủ/trên/dưới or before "trở lên/trở xuống" is a label
  (an age threshold that defines a population), otherwise a figure (``other``,
  unit_text "tuổi").
* Ranks ("xếp thứ 10", "hạng 32/63", "top 10", "xếp hạng 40 trên 63") are figures
  with unit ``other``, unit_text "rank" and, when written ("/63", "trên 63"), the
  number of ranked units as denominator; numbers that continue a rank list ("xếp thứ
  22, 9, 13") are ranks too. A rank threshold "nhóm N ... dẫn đầu/đứng đầu/hàng
  đầu" ("nhóm 50 nước dẫn đầu", up to four words between) reads like "top 50": unit
  ``other``, unit_text "rank", no qualifier, span "nhóm 50". Without one of those
  words "nhóm N" stays a count ("nhóm 5 người"; also "trong nhóm 30 tỉnh, thành
  phố", although a ranking sentence may mean the top 30 there).
* "vượt 5% dự toán" / "vượt 12% so với kế hoạch": exceeded the plan *by* 5%, so no
  qualifier (see :mod:`dtanalysis.quantities`); "vượt 91%" alone is ``over``.
* "số N" is a number label ("tuyến metro số 1", "nhà số 5") except in words ending in
  "số" (dân số, tổng số, chỉ số, con số, hệ số, đa số, thiểu số, tỷ số).
* A coded document number takes the document-type word before it even without "số"
  ("Kế hoạch 2358/KH-UBND", "Kết luận 123-KL/TW").
* Time words and periods are read in any case, so upper-case headings work ("6 THÁNG
  CUỐI NĂM 2024" is a period of months).
* Ranges of full dates are two dates ("25/11/2024 - 30/11/2024", "từ ngày 01/01/2025
  đến ngày 30/6/2025"); only a compact range in one token ("1.1-20.4.2023",
  "5-6/12/2024") is one date mention.
* Labels continue in lists the same way ("mức độ 3, 4"), but a number followed by a
  noun starts a new figure ("mức độ 3, 254 thủ tục" is a label and a count).
* Spans of dates include the calendar word before them (ngày, tháng, quý, năm,
  giai đoạn); spans of figures include qualifier, "từ" of a range, scale word and
  unit; spans of labels include their cue word ("mức độ 4", "Phường 5").
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from re import _parser as _re_parser  # widths of the cue regexes (see _Cue)
from typing import NamedTuple

from dtanalysis.quantities import Quantity, number_decimal

__all__ = ["COUNT_NOUNS", "KINDS", "YEAR_COUNT_VERBS", "YEAR_CUES", "Mention", "extract_mentions", "split_sentences"]

KINDS = ("figure", "date", "document_number", "time", "label")


@dataclass(frozen=True)
class Mention:
    """One digit-bearing token of a text.

    Attributes
    ----------
    start, end : int
        Offsets into the normalised text (``text[start:end] == raw``).
    raw : str
        The exact substring.
    kind : str
        ``figure``, ``date``, ``document_number``, ``time`` or ``label``.
    quantity : Quantity or None
        The quantity of a figure, else None.
    reason : str
        Short English explanation of the kind (e.g. ``"date: day/month"``).
    """

    start: int
    end: int
    raw: str
    kind: str
    quantity: Quantity | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        """Flatten the mention and its quantity into one dict.

        Returns
        -------
        dict
            Keys ``start, end, raw, kind, reason, value, unit, numerator,
            denominator, qualifier, low, high, scale, unit_text`` (quantity fields
            None for non-figures).
        """
        q = self.quantity
        return {
            "start": self.start,
            "end": self.end,
            "raw": self.raw,
            "kind": self.kind,
            "reason": self.reason,
            "value": q.value if q else None,
            "unit": q.unit if q else None,
            "numerator": q.numerator if q else None,
            "denominator": q.denominator if q else None,
            "qualifier": q.qualifier if q else None,
            "low": q.low if q else None,
            "high": q.high if q else None,
            "scale": q.scale if q else None,
            "unit_text": q.unit_text if q else None,
        }


_new_object = object.__new__


def _mention(start: int, end: int, raw: str, kind: str, quantity: Quantity | None, reason: str) -> Mention:
    """``Mention(start, end, raw, kind, quantity, reason)``, built faster.

    A frozen dataclass sets each field through ``object.__setattr__`` in its
    ``__init__``; the extractor builds one mention per digit token, so it fills the
    instance dict directly (same fields, same order: a test compares the result with
    the dataclass constructor).
    """
    m = _new_object(Mention)
    d = m.__dict__
    d["start"] = start
    d["end"] = end
    d["raw"] = raw
    d["kind"] = kind
    d["quantity"] = quantity
    d["reason"] = reason
    return m


def _quantity(
    value: float, unit: str, denominator: float | None, qualifier: str | None,
    low: float | None, high: float | None, scale: float, unit_text: str, raw: str,
) -> Quantity:
    """``Quantity(...)`` with all nine fields, built faster (see :func:`_mention`)."""
    q = _new_object(Quantity)
    d = q.__dict__
    d["value"] = value
    d["unit"] = unit
    d["denominator"] = denominator
    d["qualifier"] = qualifier
    d["low"] = low
    d["high"] = high
    d["scale"] = scale
    d["unit_text"] = unit_text
    d["raw"] = raw
    return q


# --------------------------------------------------------------------------- patterns
_I = re.IGNORECASE
# A digit-bearing token: digits, letters, and inner separators that are followed by
# a digit (".", ",", ":") or by any word character ("/", "-", "–": codes and ranges).
_CORE = re.compile(r"\d\w*(?:(?:[.,:]\d|[/\-–]\w)\w*)*")
_URL = re.compile(r"(?:https?://|HTTPS?://|www\.|WWW\.)[^\s<>\"'“”‘’]+")
_URL_PREFIXES = ("http://", "https://", "HTTP://", "HTTPS://", "www.", "WWW.")
_URL_SCHEMES = tuple(p[:-3] for p in _URL_PREFIXES if p.endswith("://"))
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAIL = ".,;:!?)]}»”’'\""

_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+(?:,\d+)?|\d+\.\d+)"
_RE_NUM = re.compile(_NUM)
_RE_INT = re.compile(r"\d+")
_RE_COMMA_NUM = re.compile(r"\d+,\d+")
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
_RE_QUARTER = re.compile(r"(?:[Qq]([1-4])|([IVX]{1,4}))(?:/(\d{4}))?")
_RE_ROMAN_Y = re.compile(r"([IVX]{1,4})/(\d{4})")
_RE_CLOCK_H = re.compile(r"(\d{1,2})[hg](\d{2})?(?:p|ph)?")
_RE_CLOCK_COLON = re.compile(r"(\d{1,2}):(\d{2})")
_RE_DOC = re.compile(r"\d+[a-z]?(?:[./]\d+)*[/-][A-ZĐ][\w]*(?:[/.-]\w+)*")
_RE_VERSION0 = re.compile(r"\d+\.0")
# a letter (or another non-decimal word character such as "²"): every unit glued to
# a number, every clock "8h30" and every coded document number holds one
_RE_LETTER = re.compile(r"[^\W\d_]")
_RE_ATTACHED_UNIT = re.compile(
    rf"({_NUM})(%|km2|km|ha|m2|m3|m|kg|MW|kW|kWh|GB|MB|TB|Mbps|Gbps|USD|đ|tr|k)"
)

# Right context (applied with .match at the end of the number).
_R_SCALE = re.compile(
    r" ?(nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ|triệu tỷ|triệu tỉ|nghìn|ngàn|triệu|tỷ|tỉ)(?!\w)(?! lệ)"
)
_R_PCT = re.compile(r" ?(%|phần trăm(?!\w))")
_R_VND = re.compile(r" ?(đồng|VNĐ|VND|vnđ|vnd|đ)(?!\w)")
_R_MEASURE = re.compile(
    r" ?(điểm phần trăm|điểm %|km2|km²|km|m2|m²|m3|m³|ha|héc-ta|hécta|hecta|kg|tấn|tạ|lít|"
    r"kWh|MWh|GWh|MW|kW|GW|kV|MB|GB|TB|PB|Mbps|Gbps|USD|EUR|euro|Euro|đô la Mỹ|đô la|"
    r"lần|bậc|sao(?! (?:y|chép|lục|kê)(?!\w))|°C|độ C|m)(?!\w)"
)
_R_POINT = re.compile(r" ?(điểm)(?!\w)")
_R_POINT_END = re.compile(r"\s*(?:$|[,.;:)\]/]|so với|trên|và|tăng|giảm|\()")
_R_TIMEUNIT = re.compile(r" ?(năm|tháng|tuần|ngày|giờ|phút|giây|quý)(?!\w)(?! \d)", re.IGNORECASE)
_R_AGE = re.compile(r" ?(tuổi)(?!\w)")
_R_AGE_THRESHOLD = re.compile(r" (trở lên|trở xuống|trở lại)(?!\w)")
_R_PERIOD = re.compile(r" tháng (?:(?:đầu|cuối) )?năm(?: (\d{4}))?(?!\w)", re.IGNORECASE)
_R_CLOCK = re.compile(
    r" giờ(?: (\d{1,2})(?: phút)?)?(?: (sáng|chiều|tối|trưa|đêm|khuya))?(?!\w)"
)
_R_DATE_TAIL_MONTH = re.compile(r" tháng (\d{1,2})(?: năm (\d{4}))?(?!\w)")
_R_DATE_TAIL_YEAR = re.compile(r" năm (\d{4})(?!\w)")
_R_RANGE_SEP = re.compile(r"\s?[-–]\s?(?=\d)| (?:đến|tới) (?=\d)")
_R_YEAR_RANGE = re.compile(r" ?[-–] ?(\d{4})(?![\w/]|[.,]\d)")
_R_NUM_AT = re.compile(_NUM)
_R_FOLLOW_WORD = re.compile(r" ([^\W\d_]+)")
_R_BULLET_AFTER = re.compile(r"[.)] ")
_R_RANK_OF = re.compile(r" trên (?:tổng số )?(\d{1,3})(?![\w%]|[.,]\d| ?%)")
# First letters of the words of _R_TIMEUNIT, _R_AGE, _R_CLOCK and _R_PERIOD (checked
# by a test); see _Ctx.nc.
_TIMEUNIT_FIRST = frozenset("ntgpqNTGPQ")
_AGE_FIRST = frozenset("t")
_CLOCK_FIRST = frozenset("g")
_PERIOD_FIRST = frozenset("tT")

class _Cue:
    """An end-anchored left-context regex guarded by the set of words it can end with.

    ``search(left)`` first compares the last word of ``left`` with ``last_words``
    (a set lookup) and runs the regex only on a hit: most numbers follow words that
    are no cue at all, so this keeps extraction close to the speed of a plain scan.
    A match ends at the end of ``left`` (or before a final line break), so when the
    regex has a bounded width the search starts that many characters from the end
    (look-behinds still see the characters before the start position).
    """

    __slots__ = ("last_words", "rx", "width")

    def __init__(self, rx: re.Pattern[str], last_words: str) -> None:
        self.rx = rx
        self.last_words = frozenset(last_words.split())
        width = _re_parser.parse(rx.pattern, rx.flags).getwidth()[1]
        self.width = width if width < 1000 else None

    def search(self, left: str) -> re.Match[str] | None:
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

        The hot paths of the classifier test the guard themselves
        (``lw in cue.last_words`` with the token's last word, :attr:`_Ctx.lw`) and
        call this only on a hit, which spares a method call per cue and token.
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
_L_DATEWORD = _Cue(re.compile(r"(?<!\w)(ngày|tháng|quý|năm|giai đoạn|niên độ|niên khóa) $", _I), "ngày tháng quý năm đoạn độ khóa")
_L_DATECUE = _Cue(re.compile(
    r"(?<!\w)(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng sáng|lúc|mùng|mồng|từ|đến|tới|"
    r"trước|sau|vào|hết|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)[ ,]*$",
    _I,
), "ngày hôm sáng chiều tối trưa đêm lúc mùng mồng từ đến tới trước sau vào hết hai ba tư năm sáu bảy nhật")
_L_DATECUE_STRONG = _Cue(re.compile(
    r"(?<!\w)(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng sáng|lúc|mùng|mồng|"
    r"thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)[ ,]*$",
    _I,
), "ngày hôm sáng chiều tối trưa đêm lúc mùng mồng hai ba tư năm sáu bảy nhật")
_L_TIMECUE = _Cue(re.compile(r"(?<!\w)(?:lúc|vào|từ|đến|tới) $", _I), "lúc vào từ đến tới")
_L_QUAL = _Cue(re.compile(
    r"(?<!\w)(gần như|gần|hơn|trên|vượt quá|vượt|dưới|khoảng|xấp xỉ|ước khoảng|ước tính đạt|ước đạt|"
    r"ước thực hiện|ước tăng|ước giảm|ước tính|"
    r"ước|chừng|ít nhất|tối thiểu|tối đa|không quá|chưa đến|chưa tới|không đến|không tới) $",
    _I,
), "như gần hơn trên quá vượt dưới khoảng xỉ tính ước chừng nhất thiểu đa đến tới đạt hiện tăng giảm")
_QUAL_MAP = {
    "gần như": "approx", "gần": "nearly", "hơn": "over", "trên": "over",
    "vượt quá": "over", "vượt": "over", "dưới": "under", "khoảng": "approx",
    "xấp xỉ": "approx", "ước khoảng": "approx", "ước tính": "approx", "ước": "approx",
    "ước đạt": "approx", "ước tính đạt": "approx", "ước thực hiện": "approx",
    "ước tăng": "approx", "ước giảm": "approx",
    "chừng": "approx", "ít nhất": "over", "tối thiểu": "over", "tối đa": "under",
    "không quá": "under", "chưa đến": "under", "chưa tới": "under", "không đến": "under",
    "không tới": "under",
}
# After "vượt N": a plan, estimate, target or the same period of the year before.
# "vượt 5% dự toán" is "exceeded the estimate BY 5%" (qualifier None: 5 is the
# excess), while "vượt 91%" alone is "over 91%".
_R_BY_REFERENCE = re.compile(r" (?:so với )?(?:dự toán|kế hoạch|chỉ tiêu|mục tiêu|cùng kỳ)(?!\w)", _I)
# A word before "hơn" that makes it a comparative ("hiệu quả hơn 3 trụ cột").
_COMPARATIVE = frozenset(
    ["tốt", "cao", "thấp", "nhiều", "ít", "nhanh", "chậm", "mạnh", "yếu", "lớn", "nhỏ", "rõ", "sâu", "rộng", "xa", "sớm", "muộn", "dài", "ngắn", "đông", "quả", "tiện", "lợi", "dễ", "khó", "mới", "đẹp", "kém", "thêm"]
)
_L_WORD_BEFORE = re.compile(r"(\w+) $")
_L_AGE_FROM = re.compile(r"(?<!\w)(?:từ|đủ|trên|dưới) $", _I)
_L_QUARTER_BEFORE = re.compile(r"(?<!\w)(quý (?:I|II|III|IV)) $", _I)
_LIST_GAP = re.compile(r",? ?(?:và |hoặc |, )?|, ")
_L_TU = _Cue(re.compile(r"(?<!\w)từ $", _I), "từ")
_L_RANK = _Cue(re.compile(
    r"(?<!\w)(?:(?:xếp|đứng|xếp hạng|đứng hạng|vị trí|thứ hạng) (?:(thứ|hạng) )?|(hạng|top|tốp) )$",
    _I,
), "xếp đứng hạng trí thứ top tốp")
_L_ORDINAL = _Cue(re.compile(r"(?<!\w)(thứ) $", _I), "thứ")
# a rank threshold: "nhóm 50 nước dẫn đầu" (the group of the 50 leading countries)
_L_GROUP = _Cue(re.compile(r"(?<!\w)(nhóm) $", _I), "nhóm")
_R_LEADERS = re.compile(r"(?:,? [^\W\d_]+){0,4}? (?:dẫn đầu|đứng đầu|hàng đầu)(?!\w)", _I)
_NAME_CUES = (
    "phường|khóm|ấp|quận|khu phố|khu vực|tổ dân phố|tổ|xóm|thôn|bản|lô|tầng|"
    "phòng số|đề án|tổng đài|đường dây nóng|hotline|đầu số|đợt|lần thứ|lần|khóa|"
    "kỳ họp thứ|kỳ họp|phiên họp thứ|phiên thứ|mức độ|cấp độ|bước|điều|khoản|chương|"
    "mục|phụ lục|bảng|hình|biểu đồ|biểu mẫu|mẫu số|tuyến số|quốc lộ|tỉnh lộ|đường số|"
    "số nhà|hẻm|kiệt|ngõ|ngách|phiên bản|version|thế hệ|khu|đường|giai đoạn|kênh|"
    "câu|bài|tập|phần|ca|chỉ thị số|mã số|mã|tiêu chí số|nhóm số|trụ cột số"
)
_L_NAME = _Cue(
    re.compile(r"(?<!\w)(" + _NAME_CUES + r") $", _I),
    " ".join(c.split()[-1] for c in _NAME_CUES.split("|")),
)
_L_DOC_STRONG = _Cue(re.compile(
    r"(?<!\w)(quyết định|nghị định|nghị quyết|thông tư liên tịch|thông tư|chỉ thị|luật|"
    r"công văn|công điện|pháp lệnh|thông báo kết luận)(?: số)? $",
    _I,
), "định quyết tư tịch thị luật văn điện lệnh luận số")
_L_DOC_WEAK = _Cue(re.compile(
    r"(?<!\w)(kế hoạch|văn bản|báo cáo|hướng dẫn|thông báo|kết luận|quy định|tờ trình|"
    r"quy chế|chương trình|đề án|dự án) số $",
    _I,
), "số")
# "số 5" is a number label, but not in "dân số 5.000", "tổng số 12", "chỉ số 3", ...
# before a coded number ("Kế hoạch 2358/KH-UBND") the type word needs no "số"
_L_DOC_CODED = _Cue(re.compile(
    r"(?<!\w)(kế hoạch|văn bản|báo cáo|hướng dẫn|thông báo|kết luận|quy định|tờ trình|"
    r"quy chế|chương trình|đề án|quyết định|nghị quyết|nghị định|thông tư|chỉ thị|công văn) $",
    _I,
), "hoạch bản cáo dẫn báo luận định trình chế án quyết tư thị văn")
_L_SO = _Cue(re.compile(
    r"(?<!\w)(?<!dân )(?<!con )(?<!chỉ )(?<!hệ )(?<!đa )(?<!thiểu )(?<!điểm )(?<!tỷ )(?<!tỉ )(tổng )?số $", _I
), "số")
# "ấp Tân Phú 2", "xã Tân Phú 2", "thôn Đông 2", "trường Tiểu học Vĩnh Hòa 1": a
# number ending a capitalised place name after a place word
_L_PLACE_NAME = re.compile(
    r"(?<!\w)(?i:xã|phường|thị trấn|ấp|thôn|khóm|bản|làng|xóm|khu phố|khu dân cư|tổ dân phố|"
    r"khu|cụm|trường(?: [A-ZĐ]{2,4})?|trường tiểu học|trường mầm non|cầu|kênh|đường|chợ|trạm)"
    r"((?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠĨÍÌỈỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴÉÈẺẼẸ][^\W\d_]*){1,4}) $"
)
_L_STANDARD = _Cue(re.compile(r"(?<![\w])((?:TCVN|QCVN|ISO|IEC|ISO/IEC)(?: (?:ISO|IEC|ISO/IEC))*) $"), "tcvn qcvn iso iec iso/iec")
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
_L_PHONE_CUE = _Cue(re.compile(
    r"(?<!\w)(?:số điện thoại|điện thoại|đt|tel|hotline|đường dây nóng|tổng đài|fax|zalo)(?: số)?:? $",
    _I,
), "thoại đt tel hotline nóng đài fax zalo số thoại: đt: tel: hotline: nóng: đài: fax: zalo: số:")
_L_ASCII_HYPHEN = re.compile(r"(?<![\w-])(?:[A-Za-z][A-Za-z0-9]*-)+\Z")

# Words that may follow a date "13/5" (as opposed to the noun that follows a ratio).
_DATE_FOLLOWERS = frozenset(
    ["năm", "vừa", "tới", "đến", "và", "hằng", "hàng", "này", "nay", "đã", "của", "tại", "với", "là", "thì", "mới", "sẽ", "đầu", "cuối", "trở", "hoặc", "hay", "cho", "theo", "về", "trong", "lúc", "sáng", "chiều", "tối", "trưa", "đêm", "nhằm", "khi", "để", "do", "được", "có", "tuần", "hôm", "ông", "bà", "chí"]
)
# Nouns of administrations and members that may follow a date ("Từ 1/5 tỉnh sẽ ...")
# as well as a ratio ("9/9 huyện", "12/12 huyện, thị xã", "2/3 thành viên"): after
# one of these, "a/b" is a ratio when a <= b and either a == b or no calendar cue
# precedes it; otherwise a date.
_DATE_OR_RATIO_FOLLOWERS = frozenset(
    ["đồng", "tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường", "sở", "ủy", "ubnd", "đơn", "cơ", "bộ", "ngành", "địa"]
)
# Words after a list member that do not make it a new counted figure.
_LIST_END_WORDS = frozenset(
    ["và", "về", "trong", "của", "so", "với", "trên", "tại", "toàn", "cả", "tương", "lần", "lượt", "theo", "là", "được", "hoặc", "hay", "cùng"]
)


#: Counting nouns and classifiers: a bare 1900-2100 number directly followed by one
#: of these is a count ("2000 người", "1950 hồ sơ"), not a year. Lower case only:
#: an upper-case word after a year usually starts a new phrase ("năm 2023 Sở ...").
COUNT_NOUNS = (
    "người", "người dân", "người dùng", "hồ sơ", "tài khoản", "doanh nghiệp", "hộ", "hộ gia đình",
    "hộ dân", "thủ tục", "văn bản", "trường hợp", "lượt", "cơ quan", "tổ", "tổ chức", "thành viên",
    "xã", "phường", "thôn", "ấp", "khóm", "mẫu", "dịch vụ", "chữ ký", "học sinh", "sinh viên",
    "cán bộ", "công chức", "viên chức", "giáo viên", "đơn vị", "thuê bao", "giao dịch", "tin nhắn",
    "cuộc gọi", "camera", "thiết bị", "máy", "máy tính", "sản phẩm", "cơ sở", "bệnh nhân",
    "lao động", "khách hàng", "hợp tác xã", "chủ thể", "thẻ", "căn cước", "dự án", "nhiệm vụ",
    "chỉ tiêu", "trạm", "trường học", "lớp học", "tài liệu", "ứng dụng", "chiếc", "cuộc", "gói",
    "kiến nghị", "phản ánh", "ý kiến", "buổi", "hội nghị", "đoàn", "đảng viên", "hội viên",
    "nông dân", "hộ kinh doanh", "tiểu thương", "điểm bán",
)
#: Words after which a bare 1900-2100 number is a year ("đến 2030", "giai đoạn 2021",
#: "nhiệm kỳ 2020"); "năm", "giai đoạn", "niên độ" also take part in longer dates.
YEAR_CUES = (
    "năm", "giai đoạn", "đến", "tới", "từ", "kể từ", "trước", "sau", "cuối", "đầu", "trong",
    "vào", "hết", "niên độ", "niên khóa", "khóa", "nhiệm kỳ",
)
#: Verbs after which a bare 1900-2100 number followed by a content word is a count.
YEAR_COUNT_VERBS = ("có", "đạt", "là", "gồm")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_R_COUNT_NOUN = re.compile(rf" (?:{_alternation(COUNT_NOUNS)})(?!\w)")
_L_YEAR_CUE = re.compile(rf"(?<!\w)(?:{_alternation(YEAR_CUES)}) $", _I)
_L_YEAR_VERB = re.compile(rf"(?<!\w)({_alternation(YEAR_COUNT_VERBS)}) $", _I)
# "đạt 2000." / "gồm 2000." are counts even without a noun after them: a year is not
# "reached" or "comprised"; "là 2023." / "có 2023." stay years.
_YEAR_COUNT_VERBS_ALONE = frozenset(["đạt", "gồm"])
# nothing but punctuation, a closing bracket or quote, or the end of the line after it
_R_YEAR_ALONE = re.compile(r" ?(?:[,.;:!?…)\]}”’\"'»]|$)", re.MULTILINE)

def _valid_dm(d: int, m: int) -> bool:
    return 1 <= d <= 31 and 1 <= m <= 12


def _is_year(y: int) -> bool:
    return 1900 <= y <= 2100


def _fl(d: Decimal) -> float:
    return float(d)


# --------------------------------------------------------------------------- helpers
class _Unit(NamedTuple):
    end: int  # end offset of the unit words (== number end when none)
    unit: str | None  # percent / vnd / other / None
    scale: Decimal
    text: str  # unit words as written (normalised single spaces)


_ONE = Decimal(1)
_SCALES = {
    "nghìn": Decimal(1000), "ngàn": Decimal(1000), "triệu": Decimal(10**6),
    "tỷ": Decimal(10**9), "tỉ": Decimal(10**9), "nghìn tỷ": Decimal(10**12),
    "ngàn tỷ": Decimal(10**12), "nghìn tỉ": Decimal(10**12), "ngàn tỉ": Decimal(10**12),
    "triệu tỷ": Decimal(10**15), "triệu tỉ": Decimal(10**15),
}


# Any of the five unit regexes: when this does not match, there is no unit, which
# spares trying them one after the other for most numbers.
_UNIT_REGEXES = (_R_SCALE, _R_PCT, _R_VND, _R_MEASURE, _R_POINT)
_R_ANY_UNIT = re.compile("|".join(f"(?:{r.pattern})" for r in _UNIT_REGEXES))


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with (None when not known).

    Computed from the parsed regex: literals, character sets without classes or
    negation, alternations, groups, repeats and zero-width assertions are followed;
    anything else (classes such as ``\\w``, back references, case-insensitive
    groups) makes the answer unknown. Also None when the pattern can match the empty
    string.
    """
    from re import _constants as c

    def seq(items) -> tuple[set[str], bool] | None:  # (first characters, nullable)
        out: set[str] = set()
        for op, av in items:
            r = item(op, av)
            if r is None:
                return None
            out |= r[0]
            if not r[1]:
                return out, False
        return out, True

    def item(op, av) -> tuple[set[str], bool] | None:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for op2, av2 in av:
                if op2 is c.LITERAL:
                    chars.add(chr(av2))
                elif op2 is c.RANGE and av2[1] - av2[0] < 256:
                    chars.update(chr(x) for x in range(av2[0], av2[1] + 1))
                else:
                    return None
            return chars, False
        if op is c.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                r = seq(alt)
                if r is None:
                    return None
                out |= r[0]
                nullable = nullable or r[1]
            return out, nullable
        if op is c.SUBPATTERN:
            if av[1] & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_VERBOSE):
                return None
            return seq(av[3])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            r = seq(av[2])
            return None if r is None else (r[0], r[1] or av[0] == 0)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True
        return None

    parsed = _re_parser.parse(pattern)
    if parsed.state.flags & c.SRE_FLAG_IGNORECASE:
        return None
    r = seq(parsed)
    return None if r is None or r[1] else frozenset(r[0])


def _unit_first_chars() -> frozenset[str] | None:
    """First characters of the unit words (each unit regex is " ?" + words)."""
    out: set[str] = set()
    for rx in _UNIT_REGEXES:
        if not rx.pattern.startswith(" ?") or rx.flags & re.IGNORECASE:
            return None
        f = _first_chars(rx.pattern[2:])
        if f is None or " " in f:
            return None
        out |= f
    return frozenset(out)


#: A unit can only follow a number when the next character (after one optional
#: space) is one of these (None: no filter, every position is tried).
_UNIT_FIRST = _unit_first_chars()
_NO_UNIT_AT = _Unit(-1, None, _ONE, "")
_unit_cache: tuple[str, int, bool, _Unit] = ("", -1, False, _NO_UNIT_AT)


def _read_unit(text: str, pos: int, decimal_number: bool) -> _Unit:
    """Read scale word and unit right after a number ending at ``pos``.

    The result for the last ``(text, pos, decimal_number)`` is cached: the
    classifier and :func:`_figure` ask about the same number in turn. A number
    followed (after one optional space) by a character no unit word starts with
    (:data:`_UNIT_FIRST`) has no unit, without trying the regexes.
    """
    global _unit_cache, _NO_UNIT_AT
    if _UNIT_FIRST is not None:
        ch = text[pos : pos + 1]
        if ch == " ":
            ch = text[pos + 1 : pos + 2]
        no_unit = ch not in _UNIT_FIRST
    else:  # pragma: no cover - the unit regexes are plain word lists
        no_unit = False
    if no_unit or not _R_ANY_UNIT.match(text, pos):
        none = _NO_UNIT_AT
        if none.end != pos:  # the same number is asked about twice in a row
            none = _NO_UNIT_AT = _Unit(pos, None, _ONE, "")
        return none
    cached = _unit_cache
    if cached[0] is text and cached[1] == pos and cached[2] == decimal_number:
        return cached[3]
    u = _read_unit_uncached(text, pos, decimal_number)
    _unit_cache = (text, pos, decimal_number, u)
    return u


def _read_unit_uncached(text: str, pos: int, decimal_number: bool) -> _Unit:
    scale = _ONE
    parts: list[str] = []
    p = pos
    m = _R_SCALE.match(text, p)
    if m:
        scale = _SCALES[m.group(1)]
        parts.append(m.group(1))
        p = m.end()
    m = _R_PCT.match(text, p)
    if m:
        parts.append(m.group(1))
        return _Unit(m.end(), "percent", scale, " ".join(parts))
    m = _R_VND.match(text, p)
    if m:
        parts.append(m.group(1))
        return _Unit(m.end(), "vnd", scale, " ".join(parts))
    m = _R_MEASURE.match(text, p)
    if m:
        parts.append(m.group(1))
        return _Unit(m.end(), "other", scale, " ".join(parts))
    m = _R_POINT.match(text, p)
    if m and (decimal_number or _R_POINT_END.match(text, m.end())):
        parts.append(m.group(1))
        return _Unit(m.end(), "other", scale, " ".join(parts))
    if parts:
        return _Unit(p, None, scale, " ".join(parts))
    return _Unit(pos, None, _ONE, "")


_TRILLION = Decimal(10**12)
_R_THRESHOLD = re.compile(r" (trở lên|trở xuống)(?!\w)")
_AREA_UNITS = frozenset(["ha", "héc-ta", "hécta", "hecta", "km2", "km²", "m2", "m²", "sào", "mẫu"])


def _per_unit(text: str, qs: int, s: int, value: Decimal, unit_text: str) -> bool:
    """True for "trên 1 ha" (per hectare): "trên" + one + an area unit."""
    return value == 1 and unit_text in _AREA_UNITS and text[qs:qs + 4].lower() == "trên"


_FIGURE_REASON = {u: f"figure: {u}" for u in ("percent", "count", "ratio", "vnd", "other")}


def _count_unit(value: Decimal | int) -> str:
    if type(value) is int:
        return "count"
    return "count" if value == value.to_integral_value() else "other"


def _follow_word(text: str, pos: int) -> str | None:
    m = _R_FOLLOW_WORD.match(text, pos)
    return m.group(1) if m else None


def _line_start(text: str, s: int) -> int:
    i = text.rfind("\n", 0, s)
    return i + 1


class _Ctx:
    """Per-token context passed to the classifier."""

    __slots__ = ("e", "floor", "left", "lw", "nc", "s", "text")

    def __init__(self, text: str, s: int, e: int, floor: int) -> None:
        self.text = text
        self.s = s
        self.e = e
        self.floor = floor
        lo = max(floor, s - 32)
        nl = text.rfind("\n", lo, s)
        if nl >= 0:
            lo = nl + 1
        self.left = left = text[lo:s]
        # last word of the left context as the cue guards see it (_last_word, inlined)
        t = left.rstrip(" ,")
        self.lw = t[t.rfind(" ") + 1 :].lstrip("([\"“'-").lower()
        # First character of the word after the token when one space follows it
        # ("" otherwise). A token never ends before a word character, so the
        # right-context words (_R_TIMEUNIT, _R_AGE, _R_CLOCK, _R_PERIOD) can only
        # match when this is the first letter of one of their words.
        self.nc = text[e + 1 : e + 2] if text[e : e + 1] == " " else ""

    def cue(self, c: _Cue) -> re.Match[str] | None:
        """``c.search(self.left)`` with the guard on the token's last word.

        The hot paths write this test out inline (``lw in c.last_words``) to spare
        the call.
        """
        return c.find(self.left) if self.lw in c.last_words else None


def _mk(text: str, s: int, e: int, kind: str, reason: str, q: Quantity | None = None) -> Mention:
    return _mention(s, e, text[s:e], kind, q, reason)


def _one(text: str, s: int, e: int, kind: str, reason: str) -> tuple[Mention, None]:
    """A single non-figure mention and no list state (a classifier result)."""
    return _mention(s, e, text[s:e], kind, None, reason), None


def _qualifier(ctx: _Ctx, start: int, end: int | None = None) -> tuple[str | None, int]:
    """Qualifier immediately before ``start`` (returns qualifier and new start).

    ``end`` is the end of the figure (number, scale word and unit) when known: a
    bare "vượt" before a figure that a plan or reference follows ("vượt 5% dự
    toán", "vượt 12% so với kế hoạch") says by how much the plan was exceeded, so it
    is no qualifier there (see :data:`_R_BY_REFERENCE`).
    """
    text = ctx.text
    if start == ctx.s:  # the token's own left context and last word
        left = ctx.left
        m = _L_QUAL.find(left) if ctx.lw in _L_QUAL.last_words else None
    else:
        lo = max(ctx.floor, start - 24)
        nl = text.rfind("\n", lo, start)
        left = text[nl + 1 if nl >= 0 else lo : start]
        m = _L_QUAL.search(left)
    if not m:
        return None, start
    word = m.group(1).lower()
    if word == "vượt" and end is not None and _R_BY_REFERENCE.match(text, end):
        return None, start
    new_start = start - (len(left) - m.start(1))
    if word == "hơn":
        before = _L_WORD_BEFORE.search(left[: m.start(1)])
        if before and before.group(1).lower() in _COMPARATIVE:
            return None, start
    qual = _QUAL_MAP[word]
    # a stacked qualifier ("khoảng trên"): keep the inner one, extend the span
    left2 = left[: m.start(1)]
    m2 = _L_QUAL.search(left2)
    if m2 and m2.group(1).lower() != "hơn":
        new_start -= len(left2) - m2.start(1)
    return qual, new_start


def _figure(
    ctx: _Ctx,
    value: Decimal | int,
    num_end: int,
    *,
    decimal_number: bool,
    low_high: tuple[Decimal, Decimal] | None = None,
    allow_range: bool = True,
    denominator: Decimal | None = None,
) -> Mention:
    """Build a figure from a number ``ctx.s``..``num_end``: reads unit, range, qualifier.

    ``value`` and ``low_high`` are unscaled; the scale word found after the number
    (or after the second number of a range) multiplies them.
    """
    text = ctx.text
    s = ctx.s
    u = _read_unit(text, num_end, decimal_number)
    end, unit, scale, unit_text = u.end, u.unit, u.scale, u.text
    # _R_RANGE_SEP starts with a dash, or with a white space before a dash, "đến" or "tới"
    c0 = text[end : end + 1]
    if allow_range and low_high is None and denominator is None and (
        c0 in ("-", "–") or (c0.isspace() and text[end + 1 : end + 2] in ("-", "–", "đ", "t"))
    ):
        r = _R_RANGE_SEP.match(text, end)
        n2 = _R_NUM_AT.match(text, r.end()) if r else None
        if r and n2:
            is_den = r.group(0).strip() in ("đến", "tới")
            seg = text[max(ctx.floor, s - 4):s]
            tu = _L_TU.search(seg)
            after = text[n2.end():n2.end() + 1]
            # the second number must be a whole digit token ("0 - 0.5" is no range
            # 0-0 followed by ".5": that would leave digits outside every mention)
            whole = _CORE.match(text, n2.start()).end() == n2.end()  # type: ignore[union-attr]
            if (not is_den or tu) and whole and not (after.isalnum() or after in "/:_"):
                v2 = number_decimal(n2.group(0))
                u2 = _read_unit(text, n2.end(), "," in n2.group(0))
                tok2 = n2.group(0)
                year_like = tok2.isdigit() and len(tok2) == 4 and _is_year(int(tok2))
                if u.text == "":
                    ok = v2 is not None and not (year_like and u2.text == "")
                else:
                    ok = v2 is not None and u2.unit == u.unit and u2.text == u.text
                if ok:
                    assert v2 is not None
                    low_high = (value, v2)
                    end, unit, scale, unit_text = u2.end, u2.unit, u2.scale, u2.text
                    if is_den and tu:
                        s -= len(seg) - tu.start()
    if low_high is not None and unit_text == "" and text[end + 1:end + 2] in _TIMEUNIT_FIRST:
        tu2 = _R_TIMEUNIT.match(text, end)
        if tu2:  # "từ 5 đến 7 ngày", "2 - 3 tháng": a range of durations
            end, unit, unit_text = tu2.end(), "other", tu2.group(1)
    qual, s0 = _qualifier(ctx, s, end)
    if qual == "over" and s0 < s and _per_unit(text, s0, s, value, unit_text):
        qual = None  # "trên 1 ha": per hectare, not "over one hectare"
    else:
        s = s0
    if qual is None and low_high is None:
        # "từ 1 tỷ USD trở lên", "đạt 4 sao trở lên": a threshold
        tl = _R_THRESHOLD.match(text, end) if text[end + 1:end + 3] == "tr" else None
        if tl:
            qual = "over" if tl.group(1) == "trở lên" else "under"
            end = tl.end()
            seg = text[max(ctx.floor, s - 4):s]
            tu = _L_TU.search(seg)
            if tu:
                s -= len(seg) - tu.start()
    if denominator is not None:
        raw = text[s:end]
        q = _quantity(_fl(value), "ratio", _fl(denominator), qual, None, None, 1.0, unit_text, raw)
        return _mention(s, end, raw, "figure", q, "figure: ratio")
    if low_high is not None:
        lo, hi = low_high[0] * scale, low_high[1] * scale
        value_out, low, high = lo, _fl(lo), _fl(hi)
    else:
        value_out, low, high = (value if scale is _ONE else value * scale), None, None
    if unit is None and scale is not _ONE and scale >= _TRILLION:
        unit = "vnd"  # "10,5 nghìn tỷ", "1,79 triệu tỷ": amounts of money (see the docstring)
    q_unit = unit if unit is not None else _count_unit(value_out)
    raw = text[s:end]
    q = _quantity(float(value_out), q_unit, None, qual, low, high, 1.0 if scale is _ONE else float(scale),
                 unit_text, raw)
    return _mention(s, end, raw, "figure", q, _FIGURE_REASON[q_unit])


# --------------------------------------------------------------------------- classifier
def _classify(text: str, s: int, e: int, floor: int, prev: Mention | None, prev_list: str | None) -> tuple[Mention, str | None]:
    """Classify the digit token ``text[s:e]``; returns its mention and the list state."""
    # attach letters glued before the digits ("IPv6", "H5N1", "COVID-19", "I/2025")
    ls = s
    while ls > floor and (text[ls - 1].isalnum() or text[ls - 1] == "_"):
        ls -= 1
    if ls == s and s > floor:
        glue = text[s - 1]
        if glue == "/":
            r = _L_ROMAN_SLASH.search(text[max(floor, s - 6):s])
            if r:
                ls = s - len(r.group(0))
        elif glue == "-":
            h = _L_ASCII_HYPHEN.search(text[max(floor, s - 24):s])
            if h:
                ls = s - len(h.group(0))
        elif glue == ".":
            h = _L_CAPS_DOT.search(text[max(floor, s - 6):s])
            if h:  # "ĐT.963", "QL.1A", "Q.1": a code written with a dot
                return _one(text, s - len(h.group(0)), e, "label", "label: code or version")
    tok = text[ls:e]
    ctx = _Ctx(text, ls, e, floor)
    left, lw = ctx.left, ctx.lw

    if ls != s:  # letters before digits
        m = _RE_QUARTER.fullmatch(tok)
        if m and (m.group(3) or m.group(1)):
            st = ls
            w = ctx.cue(_L_DATEWORD)
            if w and w.group(1).lower() == "quý":
                st = ls - (len(left) - w.start(1))
            return _one(text, st, e, "date", "date: quarter")
        return _one(text, ls, e, "label", "label: code or version")

    # --- telephone numbers ("0297.3862.555", "0913 123 456", "hotline 1900 1234")
    if ls == s and (text[s] == "0" or (lw in _L_PHONE_CUE.last_words and _L_PHONE_CUE.find(left))):
        ph = _phone(text, s, e, left, lw)
        if ph is not None:
            return ph, None

    # --- thousands grouped by (non-breaking) spaces: "1 250 000", "12 345"
    if len(tok) <= 3 and text[e + 1:e + 2].isdigit() and text[e:e + 1] == " " and tok.isdigit():
        g = _R_SPACE_GROUPS.match(text, e)
        if g and not (ctx.cue(_L_DATEWORD) or ctx.cue(_L_NAME) or ctx.cue(_L_ORDINAL) or ctx.cue(_L_RANK)):
            e2 = g.end()
            digits = text[s:e2].replace(" ", "")
            return _figure(_Ctx(text, s, e2, floor), Decimal(digits), e2, decimal_number=False), None

    # --- map scales "tỷ lệ 1:1000" (a ratio, not a time of day)
    if ":" in tok and _L_SCALE_RATIO.search(left):
        m = _RE_CLOCK_COLON.fullmatch(tok) or re.fullmatch(r"(\d+):(\d+)", tok)
        if m:
            return _figure(ctx, Decimal(m.group(1)), e, decimal_number=False,
                            denominator=Decimal(m.group(2))), None

    # --- standards ("TCVN ISO 9001:2015")
    m = _L_STANDARD.find(left) if lw in _L_STANDARD.last_words else None
    if m:
        return _one(text, ls - (len(left) - m.start(1)), e, "document_number", "document number: standard")

    # --- fast path: plain integers and decimal-comma numbers have no calendar shape
    after = text[e : e + 1]
    if tok.isdigit() or (tok[-1].isdigit() and _RE_COMMA_NUM.fullmatch(tok)):
        if after in (".", ")"):  # every bullet has one of these after it
            b = _bullet(text, ls, e, tok)
            if b is not None:
                return b, None
        return _classify_numeric(ctx, tok, prev, prev_list)

    # Shape facts that rule out most of the token regexes below without trying them:
    # each of those regexes needs the character tested here.
    dashed = "-" in tok or "–" in tok
    lettered = _RE_LETTER.search(tok) is not None

    # --- document numbers with a code ("422/QĐ-TTg", "41-KH/TU", "202/2025/QH15")
    if lettered and ("/" in tok or "-" in tok) and _RE_DOC.fullmatch(tok) and any(c.isupper() for c in tok):
        st = ls
        d = ctx.cue(_L_DOC_STRONG) or ctx.cue(_L_DOC_WEAK) or ctx.cue(_L_DOC_CODED)
        if d:
            st = ls - (len(left) - d.start(1))
        return _one(text, st, e, "document_number", "document number")

    # --- list bullets at the start of a line ("1. ", "2) ", "1.2. ")
    b = _bullet(text, ls, e, tok) if after in (".", ")") else None
    if b is not None:
        return b, None

    # --- dates with a full calendar shape
    m = _RE_DMY.fullmatch(tok)
    if m and _valid_dm(int(m.group(1)), int(m.group(3))):
        return _one(text, _with_dateword(ctx), e, "date", "date: day/month/year")
    m = _RE_DM_DASH_RANGE.fullmatch(tok) if dashed else None
    if m and _valid_dm(int(m.group(1)), int(m.group(3))) and _valid_dm(int(m.group(5)), int(m.group(7))):
        return _one(text, _with_dateword(ctx), e, "date", "date: range of days")
    m = _RE_DAYS_RANGE.fullmatch(tok) if dashed else None
    if m and _valid_dm(int(m.group(1)), int(m.group(4))) and _valid_dm(int(m.group(2)), int(m.group(4))) and (
        m.group(5) or ctx.cue(_L_DATEWORD)
    ):
        return _one(text, _with_dateword(ctx), e, "date", "date: range of days")
    m = _RE_YEAR_RANGE.fullmatch(tok) if dashed else None
    if m and _is_year(int(m.group(1))) and _is_year(int(m.group(2))) and int(m.group(1)) < int(m.group(2)):
        return _one(text, _with_dateword(ctx), e, "date", "date: range of years")
    m = _RE_MY.fullmatch(tok)
    if m and 1 <= int(m.group(1)) <= 12 and _is_year(int(m.group(2))):
        w = ctx.cue(_L_DATEWORD)
        reason = "date: quarter/year" if (w and w.group(1).lower() == "quý") else "date: month/year"
        return _one(text, _with_dateword(ctx), e, "date", reason)
    # --- times ("8h30", "8:30")
    m = _RE_CLOCK_H.fullmatch(tok) if lettered else None
    if m and int(m.group(1)) <= 24 and (m.group(2) is None or int(m.group(2)) < 60):
        return _one(text, ls, e, "time", "time of day")
    m = _RE_CLOCK_COLON.fullmatch(tok) if ":" in tok else None
    if m and int(m.group(1)) <= 24 and int(m.group(2)) < 60:
        return _one(text, ls, e, "time", "time of day")

    # --- number with a glued unit ("5km", "50%")
    m = _RE_ATTACHED_UNIT.fullmatch(tok) if lettered else None
    if m:
        v = number_decimal(m.group(1))
        if v is not None:
            unit_word = m.group(2)
            scale = {"tr": Decimal(10**6), "k": Decimal(1000)}.get(unit_word, _ONE)
            unit = {"%": "percent", "đ": "vnd", "tr": None, "k": None}.get(unit_word, "other")
            qual, st = _qualifier(ctx, ls, e)
            val = v * scale
            q = _quantity(_fl(val), unit or _count_unit(val), None, qual, None, None,
                         float(scale), unit_word, text[st:e])
            return _mention(st, e, text[st:e], "figure", q, f"figure: {q.unit}"), None
    if not _RE_NUM.fullmatch(tok) and not _RE_RATIO.fullmatch(tok) and not _RE_RANGE.fullmatch(tok) and not _RE_DM.fullmatch(tok):
        if any(c.isalpha() for c in tok):
            return _one(text, ls, e, "label", "label: code or version")
        return _split_or_unrecognised(text, ls, e, floor)

    # --- context-dependent numbers
    return _classify_numeric(ctx, tok, prev, prev_list)


def _phone(text: str, s: int, e: int, left: str, lw: str) -> Mention | None:
    """A telephone number starting at ``s`` (label), or None.

    Shape: "0" and 9-11 digits in all, grouped by "." or " " ("0297.3862.555",
    "0913 123 456") or not at all ("0913123456"); after a telephone cue (điện thoại,
    hotline, đường dây nóng, tổng đài, fax, ...) any run of digit groups
    ("hotline 1900 1234", "Tổng đài 1022"): a service number of 3-5 digits or a
    1900/1800 number.
    """
    cue = _L_PHONE_CUE.find(left) if lw in _L_PHONE_CUE.last_words else None
    if text[s] == "0":
        m = _RE_PHONE.match(text, s)
        if m and m.end() >= e and 9 <= sum(c.isdigit() for c in m.group(0)) <= 11:
            return _mk(text, s, m.end(), "label", "label: telephone number")
    if cue:
        m = _RE_PHONE_AFTER_CUE.match(text, s)
        if m and m.end() >= e:
            st = s - (len(left) - cue.start())
            return _mk(text, st, m.end(), "label", "label: telephone number")
    return None


def _bullet(text: str, s: int, e: int, tok: str) -> Mention | None:
    """A list bullet: "1. " / "2) " / "1.2. " at the start of a line, or "(1)"."""
    if text[e : e + 1] not in (".", ")"):  # every bullet has one of these after it
        return None
    if not (_RE_INT.fullmatch(tok) or _RE_DM.fullmatch(tok)):
        return None
    if text[s - 1 : s] == "(" and text[e : e + 1] == ")" and len(tok) <= 2 and tok.isdigit():
        return _mk(text, s - 1, e + 1, "label", "label: list bullet")
    if len(tok) <= 5 and text[e : e + 2] in (". ", ") "):  # _R_BULLET_AFTER
        before = text[_line_start(text, s):s].strip()
        if not before or before in "-•–*+":
            return _mk(text, s, e + 1, "label", "label: list bullet")
    return None


def _with_dateword(ctx: _Ctx) -> int:
    w = _L_DATEWORD.find(ctx.left) if ctx.lw in _L_DATEWORD.last_words else None
    return ctx.s - (len(ctx.left) - w.start(1)) if w else ctx.s


def _split_or_unrecognised(text: str, s: int, e: int, floor: int) -> tuple[Mention, None]:
    return _mk(text, s, e, "label", "label: unrecognised numeric token"), None


def _classify_numeric(ctx: _Ctx, tok: str, prev: Mention | None, prev_list: str | None) -> tuple[Mention, str | None]:
    text, s, e, left, lw = ctx.text, ctx.s, ctx.e, ctx.left, ctx.lw
    # cheap shape facts that gate the token regexes below
    is_int = tok.isdecimal()  # == bool(_RE_INT.fullmatch(tok)): both mean Unicode category Nd
    has_slash = "/" in tok
    has_dot = "." in tok
    nc = ctx.nc
    timeunit = _R_TIMEUNIT.match(text, e) if nc in _TIMEUNIT_FIRST else None

    # ----- list continuation ("xếp thứ 22, 9, 13"; "mức độ 3, 4")
    if prev is not None and prev_list is not None and is_int:
        gap = text[prev.end:s]
        if _LIST_GAP.fullmatch(gap) or gap in (", ", " và ", ", và ", " hoặc "):
            u = _read_unit(text, e, False)
            fw = _follow_word(text, e)
            if u.end == e and (fw is None or fw.lower() in _LIST_END_WORDS or fw[0].isupper()):
                if prev_list == "rank":
                    q = _quantity(float(tok), "other", None, None, None, None, 1.0, "rank", tok)
                    return _mention(s, e, tok, "figure", q, "figure: rank"), "rank"
                return _mk(text, s, e, "label", prev.reason), prev_list

    # ----- document number by cue ("Nghị quyết 57", "Quyết định số 422")
    # cue guards written out (see _Ctx.cue): most tokens follow no cue word
    d = _L_DOC_STRONG.find(left) if lw in _L_DOC_STRONG.last_words else None
    if d is None and lw in _L_DOC_WEAK.last_words:
        d = _L_DOC_WEAK.find(left)
    if d and (is_int or (has_slash and _RE_RATIO.fullmatch(tok))):
        u = _read_unit(text, e, False)
        if u.end == e and not timeunit:
            return _mk(text, s - (len(left) - d.start(1)), e, "document_number", "document number"), None

    # ----- rank
    r = _L_RANK.find(left) if lw in _L_RANK.last_words else None
    if r:
        cue_start = r.start(1) if r.group(1) else (r.start(2) if r.group(2) else r.start())
        st = s - (len(left) - cue_start) if (r.group(1) or r.group(2)) else s
        m = _RE_RATIO.fullmatch(tok) if has_slash else None
        if m and _RE_INT.fullmatch(m.group(1)) and _RE_INT.fullmatch(m.group(2)):
            q = _quantity(float(m.group(1)), "other", float(m.group(2)), None, None, None, 1.0, "rank", text[st:e])
            return _mention(st, e, text[st:e], "figure", q, "figure: rank"), "rank"
        if is_int:
            # "xếp hạng 40 trên 63 tỉnh": the number of ranked units, as in "40/63"
            of = _R_RANK_OF.match(text, e)
            den = None
            if of and int(of.group(1)) >= int(tok):
                den, e = float(of.group(1)), of.end()
            q = _quantity(float(tok), "other", den, None, None, None, 1.0, "rank", text[st:e])
            return _mention(st, e, text[st:e], "figure", q, "figure: rank"), "rank"

    # ----- rank threshold: "nhóm 50 nước dẫn đầu" reads like "top 50"
    if is_int and lw in _L_GROUP.last_words:
        g = _L_GROUP.find(left)
        if g and _R_LEADERS.match(text, e) and _read_unit(text, e, False).end == e:
            st = s - (len(left) - g.start(1))
            q = _quantity(float(tok), "other", None, None, None, None, 1.0, "rank", text[st:e])
            return _mention(st, e, text[st:e], "figure", q, "figure: rank"), None

    # ----- ratio-shaped: "13/5" (date) vs "103/117 mẫu" (ratio)
    m = _RE_RATIO.fullmatch(tok) if has_slash else None
    if m:
        a, b = m.group(1), m.group(2)
        if tok == "24/7":
            return _mk(text, s, e, "label", "label: around the clock (24/7)"), None
        if _RE_INT.fullmatch(a) and _RE_INT.fullmatch(b) and len(b) <= 2 and _valid_dm(int(a), int(b)):
            fw = _follow_word(text, e)
            strong = ctx.cue(_L_DATECUE_STRONG) or ctx.cue(_L_DATEWORD)
            fwl = fw.lower() if fw is not None else ""
            if fwl in _DATE_OR_RATIO_FOLLOWERS and fw[0].islower():  # type: ignore[index]
                ia, ib = int(a), int(b)
                noun_follows = ia <= ib and (ia == ib or not ctx.cue(_L_DATECUE))
            else:
                noun_follows = fw is not None and fw[0].islower() and fwl not in _DATE_FOLLOWERS
            if strong or not noun_follows:
                st = _with_dateword(ctx)
                return _mk(text, st, e, "date", "date: day/month"), None
        if _RE_INT.fullmatch(a) and len(b) == 4 and b.isdigit() and _is_year(int(b)) and ctx.cue(_L_SO):
            return _mk(text, s, e, "document_number", "document number"), None
        va, vb = number_decimal(a), number_decimal(b)
        assert va is not None and vb is not None
        return _figure(ctx, va, e, decimal_number=False, denominator=vb), None

    # ----- "11.5" (date d.m) vs "31.3%" (decimal dot)
    m = _RE_DM.fullmatch(tok) if has_dot else None
    if m and m.group(2) == ".":
        u = _read_unit(text, e, True)
        if u.end == e and u.text == "":
            if _RE_VERSION0.fullmatch(tok):
                latin = _L_LATIN_WORD.search(left)
                st = s - (len(left) - latin.start(1)) if latin else s
                return _mk(text, st, e, "label", "label: version"), None
            if _valid_dm(int(m.group(1)), int(m.group(3))):
                return _mk(text, _with_dateword(ctx), e, "date", "date: day.month"), None
            latin = _L_LATIN_WORD.search(left)
            if latin:
                return _mk(text, s - (len(left) - latin.start(1)), e, "label", "label: version"), None
    if has_dot and _RE_VERSION0.fullmatch(tok) and _read_unit(text, e, True).end == e:
        return _mk(text, s, e, "label", "label: version"), None

    # ----- ranges inside the token ("8,3-8,5%", "2021-2025" handled above)
    m = _RE_RANGE.fullmatch(tok) if ("-" in tok or "–" in tok) else None
    if m:
        a, b = m.group(1), m.group(2)
        if ctx.cue(_L_DATEWORD) and _RE_INT.fullmatch(a) and _RE_INT.fullmatch(b) and len(b) <= 2:
            # "ngày 12-13" (days) - a date range without month
            return _mk(text, _with_dateword(ctx), e, "date", "date: range of days"), None
        va, vb = number_decimal(a), number_decimal(b)
        assert va is not None and vb is not None
        return _figure(ctx, va, e, decimal_number=True, low_high=(va, vb), allow_range=False), None

    # from here on: a single number
    # an ASCII integer is read as an int (exact, like its Decimal, and cheaper);
    # _figure and _count_unit accept both
    if is_int and tok.isascii():
        value: int | Decimal = int(tok)
        ival = value
    else:
        value = number_decimal(tok)  # type: ignore[assignment]
        if value is None:  # pragma: no cover - guarded by the shape tests above
            return _split_or_unrecognised(text, s, e, ctx.floor)
        ival = int(tok) if is_int else -1

    # ----- calendar words before the number
    w = _L_DATEWORD.find(left) if lw in _L_DATEWORD.last_words else None
    if w and is_int:
        word = w.group(1).lower()
        st = s - (len(left) - w.start(1))
        if word == "năm" and len(tok) == 4 and _is_year(ival):
            qs = _extend_quarter(text, st, ctx.floor)
            return _mk(text, qs, e, "date", "date: quarter" if qs != st else "date: year"), None
        if word in ("niên độ", "niên khóa") and len(tok) == 4 and _is_year(ival):
            return _mk(text, st, e, "date", "date: year"), None
        if word == "giai đoạn" and len(tok) == 4 and _is_year(ival):
            yr = _R_YEAR_RANGE.match(text, e)
            if yr and int(yr.group(1)) > ival and _is_year(int(yr.group(1))):
                return _mk(text, st, yr.end(), "date", "date: range of years"), None
            return _mk(text, st, e, "date", "date: year"), None
        if word == "tháng" and 1 <= ival <= 12:
            tail = _R_DATE_TAIL_YEAR.match(text, e)
            if tail:
                return _mk(text, st, tail.end(), "date", "date: month/year"), None
            if not timeunit:
                return _mk(text, st, e, "date", "date: month"), None
        if word == "ngày" and 1 <= ival <= 31:
            tail = _R_DATE_TAIL_MONTH.match(text, e)
            if tail and 1 <= int(tail.group(1)) <= 12:
                reason = "date: day/month/year" if tail.group(2) else "date: day/month"
                return _mk(text, st, tail.end(), "date", reason), None
            if not timeunit:
                return _mk(text, st, e, "date", "date: day"), None
        if word == "quý" and 1 <= ival <= 4:
            tail = _R_DATE_TAIL_YEAR.match(text, e)
            return _mk(text, st, tail.end() if tail else e, "date", "date: quarter"), None

    # ----- period "4 tháng đầu năm 2023"
    if is_int and 1 <= ival <= 12:
        p = _R_PERIOD.match(text, e) if nc in _PERIOD_FIRST else None
        if p and (p.group(1) is None or _is_year(int(p.group(1)))):
            return _mk(text, s, p.end(), "date", "date: period of months"), None

    # ----- time of day "1 giờ sáng", "lúc 8 giờ"
    if is_int and ival <= 24:
        c = _R_CLOCK.match(text, e) if nc in _CLOCK_FIRST else None
        timed = c and (c.group(1) or c.group(2) or ctx.cue(_L_TIMECUE))
        if c and timed and (c.group(1) is None or int(c.group(1)) < 60):
            return _mk(text, s, c.end(), "time", "time of day"), None

    # ----- names and labels ("Phường 5", "Đề án 06", "mức độ 4", "thứ 2")
    u = _read_unit(text, e, not is_int)
    if u.end == e and u.text == "" and not timeunit:
        n = _L_NAME.find(left) if lw in _L_NAME.last_words else None
        if n and n.group(1).lower() == "khóa" and len(tok) == 4 and _is_year(ival):
            n = None  # "khóa 2020": a year cue (see _bare_year), not a name
        if n and is_int:
            st = s - (len(left) - n.start(1))
            return _mk(text, st, e, "label", f"label: {n.group(1).lower()}"), "label"
    if u.end == e and u.text == "" and is_int:
        o = _L_ORDINAL.find(left) if lw in _L_ORDINAL.last_words else None
        if o:  # "thứ 3", also before a time word: "Thứ 6 tuần này" is a weekday
            st = s - (len(left) - o.start(1))
            return _mk(text, st, e, "label", "label: ordinal"), "label"
    if u.end == e and u.text == "" and not timeunit:
        if is_int and len(tok) <= 2 and left[-2:-1].isalpha() and left[-1:] == " " \
                and left[left.rfind(" ", 0, -1) + 1].isupper():
            pn = _L_PLACE_NAME.search(left)
            if pn and not _R_COUNT_NOUN.match(text, e):
                st = s - (len(left) - pn.start())
                return _mk(text, st, e, "label", "label: place name"), None
        so = _L_SO.find(left) if lw in _L_SO.last_words else None
        if so and is_int and not so.group(1):
            st = s - (len(left) - so.start())
            return _mk(text, st, e, "label", "label: number (số)"), None

    # ----- ages: threshold (label) or age (figure)
    age = _R_AGE.match(text, e) if nc in _AGE_FIRST else None
    a = age
    if a and is_int:
        threshold = _R_AGE_THRESHOLD.match(text, a.end()) or _L_AGE_FROM.search(left)
        if threshold:
            return _mk(text, s, a.end(), "label", "label: age threshold"), None

    # ----- years: a bare ungrouped 1900-2100 (see _bare_year)
    if is_int and len(tok) == 4 and _is_year(ival) and u.end == e and not timeunit:
        yr = _bare_year(ctx, ival)
        if yr is not None:
            return yr, None

    # ----- "11.5"-like with units handled as decimal; durations and ages
    t = timeunit if u.end == e and u.text == "" else None
    if t is None and u.end == e and u.text == "":
        t = age
    if t is not None:
        qual, st = _qualifier(ctx, s, t.end())
        q = _quantity(_fl(value), "other", None, qual, None, None, 1.0, t.group(1), text[st:t.end()])
        reason = "figure: age" if t.group(1) == "tuổi" else "figure: duration"
        return _mention(st, t.end(), text[st:t.end()], "figure", q, reason), None

    return _figure(ctx, value, e, decimal_number=not is_int), None


def _bare_year(ctx: _Ctx, ival: int) -> Mention | None:
    """A bare four-digit 1900-2100 number: the year mention, or None for a count.

    Applies the rule of the module docstring, in this order: a range of years
    ("2021-2025", "2021 – 2025") is a date; a qualifier before it ("hơn 2000") or a
    counting noun right after it ("2000 người", see :data:`COUNT_NOUNS`) makes it a
    count, and so does "có/đạt/là/gồm" before it with a content word after it ("đạt
    2000 camera"); a year cue before it ("đến 2030", see :data:`YEAR_CUES`) or nothing
    but punctuation or the end of the line after it ("(2023)", "2023.") makes it a
    date; any other bare number in the range stays a year, with the reason
    "date: year (no cue)" so that such readings can be reviewed.
    """
    text, s, e = ctx.text, ctx.s, ctx.e
    yr = _R_YEAR_RANGE.match(text, e)
    if yr and int(yr.group(1)) > ival and _is_year(int(yr.group(1))):
        y2 = yr.end()
        # "2021 – 2025 tỷ đồng", "2021 – 2025 người" are ranges of amounts, not years
        if _read_unit(text, y2, False).end == y2 and not _R_TIMEUNIT.match(text, y2) \
                and not _R_COUNT_NOUN.match(text, y2):
            return _mk(text, s, y2, "date", "date: range of years")
        return None
    if _qualifier(ctx, s)[0] is not None or _R_COUNT_NOUN.match(text, e):
        return None
    verb = _L_YEAR_VERB.search(ctx.left)
    if verb:
        if verb.group(1).lower() in _YEAR_COUNT_VERBS_ALONE:
            return None
        fw = _follow_word(text, e)
        if fw is not None and fw[0].islower() and fw not in _DATE_FOLLOWERS:
            return None
    if _L_YEAR_CUE.search(ctx.left):
        return _mk(text, s, e, "date", "date: year")
    if _R_YEAR_ALONE.match(text, e):
        return _mk(text, s, e, "date", "date: year")
    return _mk(text, s, e, "date", "date: year (no cue)")


def _extend_quarter(text: str, st: int, floor: int) -> int:
    """Extend "năm 2025" to "quý I năm 2025" when a quarter precedes it."""
    seg = text[max(floor, st - 12):st]
    m = _L_QUARTER_BEFORE.search(seg)
    return st - (len(seg) - m.start(1)) if m else st


def _special_spans(text: str) -> list[tuple[int, int, str]]:
    """URLs and e-mail addresses that contain digits (each one label)."""
    spans: list[tuple[int, int, str]] = []
    # A URL starts with one of _URL_PREFIXES: find those with str.find and match the
    # URL there, in text order and without overlaps (what _URL.finditer would do,
    # without trying the regex at every "h" and "w" of the text).
    # "://" is searched once for the four scheme prefixes (the scheme is then
    # checked before it), so the text is scanned three times rather than six.
    starts: list[int] = []
    i = text.find("://")
    while i >= 0:
        for scheme in _URL_SCHEMES:
            if i >= len(scheme) and text.startswith(scheme, i - len(scheme)):
                starts.append(i - len(scheme))
                break
        i = text.find("://", i + 1)
    for prefix in _URL_PREFIXES:
        if prefix.endswith("://"):
            continue
        i = text.find(prefix)
        while i >= 0:
            starts.append(i)
            i = text.find(prefix, i + 1)
    pos = 0
    for i in sorted(starts):
        if i < pos:
            continue
        m = _URL.match(text, i)
        if m is None:  # a bare prefix at the end of the text or before a space
            continue
        a, b = m.span()
        pos = b
        while b > a and text[b - 1] in _TRAIL:
            b -= 1
        if any(c.isdigit() for c in text[a:b]):
            spans.append((a, b, "label: URL"))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            a, b = m.span()
            if any(c.isdigit() for c in text[a:b]):
                spans.append((a, b, "label: e-mail address"))
    spans.sort()
    return spans


def extract_mentions(text: str) -> list[Mention]:
    """Find every digit-bearing token of a (normalised) text and type it.

    Parameters
    ----------
    text : str
        Normalised text (see :func:`dtanalysis.text.normalize_text`); offsets refer
        to it.

    Returns
    -------
    list of Mention
        In text order, non-overlapping; every digit of ``text`` lies in exactly one
        mention.

    Examples
    --------
    >>> [(m.raw, m.kind) for m in extract_mentions("Chiều 13/5, đạt 103/117 mẫu (88,03%).")]
    [('13/5', 'date'), ('103/117', 'figure'), ('88,03%', 'figure')]
    """
    return list(_iter_mentions(text))


def _iter_mentions(text: str) -> Iterator[Mention]:
    """The mentions of :func:`extract_mentions`, one at a time.

    :func:`dtanalysis.extract._rows` consumes them as they come, so a mention it
    does not keep is freed at once: a long text then leaves no large set of live
    objects for the cyclic garbage collector to traverse again and again.
    """
    big = len(text) + 1
    specials = [*_special_spans(text), (big, big, "")]  # a sentinel ends the list
    si = 0
    pos = 0
    prev: Mention | None = None
    prev_list: str | None = None
    for m in _CORE.finditer(text):
        s, e = m.span()
        if s < pos:
            continue
        while specials[si][1] <= s:
            si += 1
        if specials[si][0] <= s:
            a, b, reason = specials[si]
            a = max(a, pos)
            prev, prev_list = _mk(text, a, b, "label", reason), None
            yield prev
            pos = b
            si += 1
            continue
        prev, prev_list = _classify(text, s, e, pos, prev, prev_list)
        yield prev
        pos = prev.end


# --------------------------------------------------------------------------- sentences
# A line break, or a candidate sentence end: punctuation (and closing quotes or
# brackets) followed by spaces and a non-space. The leading character class lets the
# regex engine skip quickly to the next candidate.
_SENT_END_OR_NL = re.compile(r"[\n.!?…](?:(?<=\n)|[.!?…]*[\"”’')\]]*(?= +(\S)))")
_ABBREV = frozenset(
    ["tp", "tt", "tx", "ths", "ts", "pgs", "gs", "bs", "ks", "ls", "nxb", "st", "dr", "mr", "mrs", "ms", "ltd", "co", "inc", "vs", "q", "p", "h", "x", "tr", "nq", "qđ", "v.v", "vv", "ubnd"]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a text into sentences.

    A line break always ends a sentence. Inside a line, ".", "!", "?" or "…" end a
    sentence when followed by a space and an upper-case letter, a digit, a quote, a
    bracket or a dash, except after abbreviations ("TP.", "Tp.", "ThS.", "TS.", "v.v.")
    and single-letter initials. A decimal or grouping dot is never followed by a
    space, so it never ends a sentence, and dots inside URLs neither.

    Parameters
    ----------
    text : str
        Normalised text.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets of each sentence, leading and trailing white space
        excluded; empty lines give no sentence.
    """
    spans: list[tuple[int, int]] = []
    add = spans.append
    isupper, isdigit = str.isupper, str.isdigit
    seg_start = line_start = 0
    # one pass over the text for line breaks and candidate sentence ends; a segment
    # becomes a sentence with its white space trimmed (str.strip() without copies)
    for m in _SENT_END_OR_NL.finditer(text):
        a, b = m.span()
        ch = m.group(1)  # the first non-space after a candidate end (None at "\n")
        if ch is None:
            while seg_start < a and text[seg_start].isspace():
                seg_start += 1
            while a > seg_start and text[a - 1].isspace():
                a -= 1
            if seg_start < a:
                add((seg_start, a))
            seg_start = line_start = b
            continue
        if not (isupper(ch) or isdigit(ch) or ch in "\"“‘'([-–•"):
            continue
        if text[a] == "." and (b - a == 1 or len(text[a:b].rstrip("\"”’')]")) == 1):
            wb = _WORD_BEFORE.search(text, max(line_start, a - 12), a)
            if wb:
                word = wb.group(1).lower()
                if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue
        while seg_start < b and text[seg_start].isspace():
            seg_start += 1
        e = b
        while e > seg_start and text[e - 1].isspace():  # pragma: no cover - b ends on punctuation
            e -= 1
        if seg_start < e:
            add((seg_start, e))
        seg_start = b
    _add_span(text, seg_start, len(text), spans)
    return spans


def _add_span(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    seg = text[a:b]
    core = seg.strip()
    if core:
        a += len(seg) - len(seg.lstrip())
        spans.append((a, a + len(core)))
