"""The classification rules: what kind of mention a digit token is.

:func:`classify` reads one digit token. The rules are small named functions in three
ordered tables, tried in this order; the first rule that returns a result decides:

1. :data:`TOKEN_RULES`, on the token's written shape (telephone numbers, codes,
   bullets, full dates, clocks, numbers with a glued unit);
2. :data:`SHAPE_RULES`, on a token that is one number, a ratio, a range or a "d.m"
   (lists, documents by cue, ranks, "13/5" date or ratio, "11.5" date or decimal);
3. :data:`NUMBER_RULES`, on a single number, after its value is read (calendar
   words, periods, clocks, names, "số N", ages, years, durations);

and a number that no rule claims is a figure (:func:`dtanalysis.reading.figure._figure`).
Each rule returns ``(mention, list_state)`` or None (not this rule); ``list_state``
("rank", "label" or None) lets the next token continue a list ("xếp thứ 22, 9, 13").

Speed: each rule declares a gate, the token facts it needs (:class:`Rule`): a shape
(an integer, a slash, a letter, ...), a cue word before the token (the guard words
of a :class:`dtanalysis.reading.patterns._Cue`) or the first letter of the word after
it. A token's facts are a bit set; the rules whose gate the bit set meets are
selected once per bit set and kept (:func:`_plan`), so a plain number with no cue
before it tries only the few rules that can apply to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from .context import (
    _count_unit,
    _Ctx,
    _extend_quarter,
    _fl,
    _follow_word,
    _is_year,
    _line_start,
    _mention,
    _mk,
    _one,
    _valid_dm,
    _with_dateword,
)
from .figure import _figure, _qualifier
from .mention import Mention, flagged
from .patterns import (
    _L_AGE_FROM,
    _L_ASCII_HYPHEN,
    _L_CAPS_DOT,
    _L_CLAUSE_START,
    _L_DATECUE,
    _L_DATECUE_STRONG,
    _L_DATEWORD,
    _L_DOC_CODED,
    _L_DOC_STRONG,
    _L_DOC_WEAK,
    _L_FURNITURE,
    _L_GROUP,
    _L_LATIN_WORD,
    _L_NAME,
    _L_ORDINAL,
    _L_PHONE_CUE,
    _L_PLACE_NAME,
    _L_PLAYER_PREV,
    _L_QUAL,
    _L_RANK,
    _L_RESPECTIVE,
    _L_ROMAN_SLASH,
    _L_SCALE_RATIO,
    _L_SO,
    _L_STANDARD,
    _L_TIERS_COUNTED,
    _L_TIMECUE,
    _L_TIMEZONE,
    _L_YEAR_CUE,
    _L_YEAR_VERB,
    _LIST_GAP,
    _PER_INHABITANTS_REACH,
    _R_AGE,
    _R_AGE_THRESHOLD,
    _R_AGO,
    _R_CLOCK,
    _R_COUNT_NOUN,
    _R_DATE_TAIL_MONTH,
    _R_DATE_TAIL_YEAR,
    _R_EN_GROUPED,
    _R_EN_GROUPED_KEY,
    _R_FILE_EXT,
    _R_HALF,
    _R_LEADERS,
    _R_PER_GATE,
    _R_PER_INHABITANTS,
    _R_PERIOD,
    _R_PHOTO_PLACE,
    _R_PLACE_HOLDER,
    _R_PLAYER_NEXT,
    _R_RANK_OF,
    _R_SPACE_GROUPS,
    _R_TIERS,
    _R_TIMEUNIT,
    _R_VI_DECIMAL,
    _R_VI_DECIMAL_KEY,
    _R_VI_GROUPED,
    _R_VI_GROUPED_KEY,
    _R_YEAR_ALONE,
    _R_YEAR_RANGE,
    _RANK_WORD,
    _RE_ATTACHED_UNIT,
    _RE_CLOCK_COLON,
    _RE_CLOCK_H,
    _RE_COMMA3,
    _RE_COMMA_NUM,
    _RE_DAYS_RANGE,
    _RE_DM,
    _RE_DM_DASH_RANGE,
    _RE_DMY,
    _RE_DOC,
    _RE_INT,
    _RE_ISO_DATE,
    _RE_LETTER,
    _RE_MY,
    _RE_NUM,
    _RE_PHONE,
    _RE_PHONE_AFTER_CUE,
    _RE_QUARTER,
    _RE_RANGE,
    _RE_RATIO,
    _RE_VERSION0,
    _RE_YEAR_RANGE,
    _RESPECTIVE_REACH,
    _VULGAR,
    _Cue,
)
from .quantity import new_quantity as _quantity
from .quantity import number_decimal
from .units import _read_unit
from .words import (
    _AGE_FIRST,
    _CLOCK_FIRST,
    _DATE_FOLLOWERS,
    _DATE_OR_RATIO_FOLLOWERS,
    _LIST_END_WORDS,
    _ONE,
    _PERIOD_FIRST,
    _TIERS_FIRST,
    _TIMEUNIT_FIRST,
    _YEAR_COUNT_VERBS_ALONE,
)

__all__ = ["NUMBER_RULES", "SHAPE_RULES", "TOKEN_RULES", "Rule", "classify"]

_Result = tuple[Mention, str | None]

# ------------------------------------------------------------------ token facts (bits)
GLUED = 1 << 0  # letters glued before the digits ("IPv6", "COVID-19", "I/2025")
PLAIN = 1 << 1  # only digits, or a decimal-comma number: no calendar shape
SHAPED = 1 << 2  # any other token (separators, letters)
INT = 1 << 3  # decimal digits only (str.isdecimal)
SLASH = 1 << 4  # "/" in a shaped token
DOT = 1 << 5  # "." in a shaped token
DASH = 1 << 6  # "-" or "–" in a shaped token
COLON = 1 << 7  # ":" in a shaped token
LETTER = 1 << 8  # a letter in a shaped token
LIST = 1 << 9  # the previous mention opened a list
ZERO = 1 << 10  # the token starts with "0"
SPACED = 1 << 11  # 1-3 digits, a space and a digit after them ("1 250 000")
PUNCT = 1 << 12  # "." or ")" right after the token
YEAR4 = 1 << 13  # four decimal digits
# the last word before the token is a guard word of the cue
CUES: tuple[_Cue, ...] = (
    _L_PHONE_CUE,
    _L_STANDARD,
    _L_DOC_STRONG,
    _L_DOC_WEAK,
    _L_RANK,
    _L_GROUP,
    _L_DATEWORD,
    _L_NAME,
    _L_ORDINAL,
    _L_SO,
    _L_FURNITURE,
    _L_RESPECTIVE,
)
_CUE_BIT = {id(c): 1 << (14 + i) for i, c in enumerate(CUES)}
# the word after the token (one space after it) starts with a letter of the set
NEXT_CHARS: tuple[frozenset[str], ...] = (
    _TIMEUNIT_FIRST,
    _PERIOD_FIRST,
    _CLOCK_FIRST,
    _AGE_FIRST,
    _TIERS_FIRST,
)
NC_TIMEUNIT, NC_PERIOD, NC_CLOCK, NC_AGE, NC_TIERS = (
    1 << (14 + len(CUES) + i) for i in range(len(NEXT_CHARS))
)
LONE = 1 << (14 + len(CUES) + len(NEXT_CHARS))  # the token is alone on its line


def _cue_bit(c: _Cue) -> int:
    """The fact bit of cue ``c`` (the last word before the token is one of its guard words)."""
    return _CUE_BIT[id(c)]


def _word_bits() -> dict[str, int]:
    """Guard word -> bits of the cues it guards."""
    bits: dict[str, int] = {}
    for c in CUES:
        for w in c.last_words:
            bits[w] = bits.get(w, 0) | _cue_bit(c)
    return bits


def _next_char_bits() -> dict[str, int]:
    """First character of the next word -> bits of the right contexts it may start."""
    bits: dict[str, int] = {}
    nc_bits = (NC_TIMEUNIT, NC_PERIOD, NC_CLOCK, NC_AGE, NC_TIERS)
    for bit, chars in zip(nc_bits, NEXT_CHARS, strict=True):
        for ch in chars:
            bits[ch] = bits.get(ch, 0) | bit
    return bits


_WORD_BITS = _word_bits()
_NEXT_CHAR_BITS = _next_char_bits()


class Rule(NamedTuple):
    """A rule and its gate: the rule is tried only when the token's facts hold
    every bit of ``needs`` and, when ``any_of`` is not 0, at least one of its bits."""

    fn: Callable[[_Ctx], _Result | None]
    needs: int = 0
    any_of: int = 0


# ------------------------------------------------------------------ token rules
def glued_letters(t: _Ctx) -> _Result | None:
    """Letters glued before the digits: a quarter "Q1", "I/2025" (with "quý" before it
    in the span), else a code or version label ("IPv6", "H5N1", "COVID-19")."""
    m = _RE_QUARTER.fullmatch(t.tok)
    if m and (m.group(3) or m.group(1)):
        st = t.s
        w = t.cue(_L_DATEWORD)
        if w and w.group(1).lower() == "quý":
            st = t.s - (len(t.left) - w.start(1))
        return _one(t.text, st, t.e, "date", "date: quarter")
    return _one(t.text, t.s, t.e, "label", "label: code or version")


def telephone(t: _Ctx) -> _Result | None:
    """Telephone numbers are one label each: "0297.3862.555", "0913 123 456", and
    after a telephone cue "hotline 1900 1234", "Tổng đài 1022" (see :func:`_phone`)."""
    ph = _phone(t.text, t.s, t.e, t.left, t.lw)
    return None if ph is None else (ph, None)


def space_grouped(t: _Ctx) -> _Result | None:
    """Thousands grouped by (non-breaking) spaces are one number: "1 250 000",
    "12 345"; not after a calendar, name, ordinal or rank cue ("ngày 12 345 hộ")."""
    text, s = t.text, t.s
    g = _R_SPACE_GROUPS.match(text, t.e)
    if g and not (t.cue(_L_DATEWORD) or t.cue(_L_NAME) or t.cue(_L_ORDINAL) or t.cue(_L_RANK)):
        e2 = g.end()
        digits = text[s:e2].replace(" ", "")
        if len(digits) > _MAX_DIGITS:  # "1 000 000 000 ..." without end: no number
            return _one(text, s, e2, "label", "label: digit run too long for a number")
        return _figure(_Ctx(text, s, e2, t.floor), Decimal(digits), e2, decimal_number=False), None
    return None


def map_scale(t: _Ctx) -> _Result | None:
    """A map scale "tỷ lệ 1:1000" is a ratio, not a time of day."""
    if not _L_SCALE_RATIO.search(t.left):
        return None
    m = _RE_CLOCK_COLON.fullmatch(t.tok) or re.fullmatch(r"(\d+):(\d+)", t.tok)
    if m:
        return _figure(
            t, Decimal(m.group(1)), t.e, decimal_number=False, denominator=Decimal(m.group(2))
        ), None
    return None


def standard(t: _Ctx) -> _Result | None:
    """After TCVN, QCVN, ISO or IEC the number names a standard ("TCVN ISO 9001:2015")."""
    m = _L_STANDARD.find(t.left)
    if m:
        st = t.s - (len(t.left) - m.start(1))
        return _one(t.text, st, t.e, "document_number", "document number: standard")
    return None


def coded_document(t: _Ctx) -> _Result | None:
    """A number with an upper-case code is a document number ("422/QĐ-TTg", "41-KH/TU",
    "202/2025/QH15"); its span takes the document-type word before it."""
    tok = t.tok
    if ("/" in tok or "-" in tok) and _RE_DOC.fullmatch(tok) and any(c.isupper() for c in tok):
        st = t.s
        d = t.cue(_L_DOC_STRONG) or t.cue(_L_DOC_WEAK) or t.cue(_L_DOC_CODED)
        if d:
            st = t.s - (len(t.left) - d.start(1))
        return _one(t.text, st, t.e, "document_number", "document number")
    return None


def file_name(t: _Ctx) -> _Result | None:
    """A number that ends a file name is a label: "2034.jpg", "anh 12.png" (the
    extension in the span; "anh-1.jpg" and "IMG_2034.JPG" are codes already)."""
    f = _R_FILE_EXT.match(t.text, t.e)
    if f is None:
        return None
    return _one(t.text, t.s, f.end(), "label", "label: page furniture (file name)")


def player_time(t: _Ctx) -> _Result | None:
    """The times of a media player are labels: "00:45 / 03:12" (elapsed / length)."""
    m = _RE_CLOCK_COLON.fullmatch(t.tok) or re.fullmatch(r"\d{1,2}:\d{2}:\d{2}", t.tok)
    if m is None:
        return None
    nxt = _R_PLAYER_NEXT.match(t.text, t.e)
    if nxt:
        return _one(t.text, t.s, nxt.end(), "label", "label: page furniture (media player time)")
    if _L_PLAYER_PREV.search(t.left):
        return _one(t.text, t.s, t.e, "label", "label: page furniture (media player time)")
    return None


def lone_number(t: _Ctx) -> _Result | None:
    """A number of at most three digits alone on its line, between other lines, is
    page furniture: the counter under an image, a table's row number ("STT"), a page
    number. A quantity is written with what it counts; a line holding nothing but a
    number has nothing to count."""
    if len(t.tok) <= 3:
        return _one(t.text, t.s, t.e, "label", "label: page furniture (number alone on its line)")
    return None


def bullet(t: _Ctx) -> _Result | None:
    """List bullets: "1. ", "2) ", "1.2. " at the start of a line, and "(1)"."""
    b = _bullet(t.text, t.s, t.e, t.tok)
    return None if b is None else (b, None)


def day_month_year(t: _Ctx) -> _Result | None:
    """A full date "27/4/2025", "12-01-2022", "27.4.2025" (a valid day and month)."""
    m = _RE_DMY.fullmatch(t.tok)
    if m and _valid_dm(int(m.group(1)), int(m.group(3))):
        return _one(t.text, _with_dateword(t), t.e, "date", "date: day/month/year")
    return None


def iso_date(t: _Ctx) -> _Result | None:
    """An ISO date or month is a date: "2025-10-21", "2021-01" (a valid month and day)."""
    m = _RE_ISO_DATE.fullmatch(t.tok)
    if m and _is_year(int(m.group(1))) and 1 <= int(m.group(2)) <= 12:
        if m.group(3) is None:
            return _one(t.text, t.s, t.e, "date", "date: ISO year-month")
        if _valid_dm(int(m.group(3)), int(m.group(2))):
            return _one(t.text, t.s, t.e, "date", "date: ISO year-month-day")
    return None


def range_of_dates(t: _Ctx) -> _Result | None:
    """A compact range of dates in one token: "1.1-20.4.2023", "1/5-30/6"."""
    m = _RE_DM_DASH_RANGE.fullmatch(t.tok)
    if (
        m
        and _valid_dm(int(m.group(1)), int(m.group(3)))
        and _valid_dm(int(m.group(5)), int(m.group(7)))
    ):
        return _one(t.text, _with_dateword(t), t.e, "date", "date: range of days")
    return None


def range_of_days(t: _Ctx) -> _Result | None:
    """A range of days of one month: "5-6/12/2024", or "ngày 5-6/12" after "ngày"."""
    m = _RE_DAYS_RANGE.fullmatch(t.tok)
    if (
        m
        and _valid_dm(int(m.group(1)), int(m.group(4)))
        and _valid_dm(int(m.group(2)), int(m.group(4)))
        and (m.group(5) or t.cue(_L_DATEWORD))
    ):
        return _one(t.text, _with_dateword(t), t.e, "date", "date: range of days")
    return None


def range_of_years(t: _Ctx) -> _Result | None:
    """Two years 1900-2100 in increasing order are a range of years: "2021-2025"."""
    m = _RE_YEAR_RANGE.fullmatch(t.tok)
    if (
        m
        and _is_year(int(m.group(1)))
        and _is_year(int(m.group(2)))
        and int(m.group(1)) < int(m.group(2))
    ):
        return _one(t.text, _with_dateword(t), t.e, "date", "date: range of years")
    return None


def month_year(t: _Ctx) -> _Result | None:
    """``m.yyyy``, ``m/yyyy``, ``m-yyyy`` is a month ("tháng 12.2022"), or a quarter
    after "quý"."""
    m = _RE_MY.fullmatch(t.tok)
    if m and 1 <= int(m.group(1)) <= 12 and _is_year(int(m.group(2))):
        w = t.cue(_L_DATEWORD)
        reason = "date: quarter/year" if (w and w.group(1).lower() == "quý") else "date: month/year"
        return _one(t.text, _with_dateword(t), t.e, "date", reason)
    return None


def clock_h(t: _Ctx) -> _Result | None:
    """A time of day written with "h" or "g": "8h30", "8h", "14g30"."""
    m = _RE_CLOCK_H.fullmatch(t.tok)
    if m and int(m.group(1)) <= 24 and (m.group(2) is None or int(m.group(2)) < 60):
        return _one(t.text, t.s, t.e, "time", "time of day")
    return None


def clock_colon(t: _Ctx) -> _Result | None:
    """A time of day written with a colon: "8:30", with seconds "19:18:10"."""
    m = _RE_CLOCK_COLON.fullmatch(t.tok)
    if m and int(m.group(1)) <= 24 and int(m.group(2)) < 60:
        return _one(t.text, t.s, t.e, "time", "time of day")
    return None


def glued_unit(t: _Ctx) -> _Result | None:
    """A number with a glued unit is a figure: "5km", "50%", "3tr" (million), "5k"."""
    m = _RE_ATTACHED_UNIT.fullmatch(t.tok)
    if not m:
        return None
    v = number_decimal(m.group(1))
    if v is None:
        return None
    text, e = t.text, t.e
    unit_word = m.group(2)
    scale = {"tr": Decimal(10**6), "k": Decimal(1000)}.get(unit_word, _ONE)
    unit = {"%": "percent", "đ": "vnd", "tr": None, "k": None}.get(unit_word, "other")
    qual, st = _qualifier(t, t.s, e)
    val = v * scale
    q = _quantity(
        _fl(val),
        unit or _count_unit(val),
        None,
        qual,
        None,
        None,
        float(scale),
        unit_word,
        text[st:e],
    )
    return _mention(st, e, text[st:e], "figure", q, f"figure: {q.unit}"), None


def not_a_number(t: _Ctx) -> _Result | None:
    """A token that is no number, ratio, range or "d.m" is a label: a code or version
    when it holds a letter, else an unrecognised numeric token (nothing is dropped)."""
    tok = t.tok
    if (
        _RE_NUM.fullmatch(tok)
        or _RE_RATIO.fullmatch(tok)
        or _RE_RANGE.fullmatch(tok)
        or _RE_DM.fullmatch(tok)
    ):
        return None
    if any(c.isalpha() for c in tok):
        return _one(t.text, t.s, t.e, "label", "label: code or version")
    return _split_or_unrecognised(t.text, t.s, t.e, t.floor)


#: Rules on the written shape of a token, in the order they are tried.
TOKEN_RULES: tuple[Rule, ...] = (
    Rule(glued_letters, GLUED),
    Rule(telephone, 0, ZERO | _cue_bit(_L_PHONE_CUE)),
    Rule(space_grouped, SPACED),
    Rule(map_scale, COLON),
    Rule(standard, _cue_bit(_L_STANDARD)),
    Rule(coded_document, LETTER),
    Rule(file_name, PUNCT),
    Rule(lone_number, INT | LONE),
    Rule(bullet, PUNCT),
    Rule(day_month_year, SHAPED),
    Rule(iso_date, SHAPED | DASH),
    Rule(range_of_dates, SHAPED | DASH),
    Rule(range_of_days, SHAPED | DASH),
    Rule(range_of_years, SHAPED | DASH),
    Rule(month_year, SHAPED),
    Rule(clock_h, SHAPED | LETTER),
    Rule(player_time, SHAPED | COLON),
    Rule(clock_colon, SHAPED | COLON),
    Rule(glued_unit, SHAPED | LETTER),
    Rule(not_a_number, SHAPED),
)


# ------------------------------------------------------------------ shape rules
def page_furniture(t: _Ctx) -> _Result | None:
    """View and page counters around an article are labels: "Lượt xem: 1.234",
    "Trang 2/5", "trang 3" (unless a unit follows: "trang 100%" stays a figure)."""
    f = _L_FURNITURE.find(t.left)
    if f is None or not (t.is_int or _RE_NUM.fullmatch(t.tok) or _RE_RATIO.fullmatch(t.tok)):
        return None
    if _read_unit(t.text, t.e, False).end != t.e:
        return None
    st = t.s - (len(t.left) - f.start(1))
    what = "page counter" if f.group(1).lower() == "trang" else "view count"
    return _one(t.text, st, t.e, "label", f"label: page furniture ({what})")


def list_continuation(t: _Ctx) -> _Result | None:
    """Numbers that continue a list of ranks or labels are read like its first member
    ("xếp thứ 22, 9, 13"; "mức độ 3, 4"); a number followed by a noun starts a new
    figure ("mức độ 3, 254 thủ tục")."""
    prev = t.prev
    text, s, e = t.text, t.s, t.e
    gap = text[prev.end : s]
    if _LIST_GAP.fullmatch(gap) or gap in (", ", " và ", ", và ", " hoặc "):
        u = _read_unit(text, e, False)
        fw = _follow_word(text, e)
        if u.end == e and (fw is None or fw.lower() in _LIST_END_WORDS or fw[0].isupper()):
            if t.prev_list == "rank":
                q = _quantity(float(t.tok), "other", None, None, None, None, 1.0, "rank", t.tok)
                return _mention(s, e, t.tok, "figure", q, "figure: rank"), "rank"
            return _mk(text, s, e, "label", prev.reason), t.prev_list
    return None


def document_by_cue(t: _Ctx) -> _Result | None:
    """A number after a document word is a document number ("Nghị quyết 57",
    "Quyết định số 422", "Kế hoạch số 12"), unless a unit or time word follows it."""
    lw, left = t.lw, t.left
    d = _L_DOC_STRONG.find(left) if lw in _L_DOC_STRONG.last_words else None
    if d is None and lw in _L_DOC_WEAK.last_words:
        d = _L_DOC_WEAK.find(left)
    if d and (t.is_int or (t.has_slash and _RE_RATIO.fullmatch(t.tok))):
        u = _read_unit(t.text, t.e, False)
        if u.end == t.e and not t.timeunit:
            return _mk(
                t.text, t.s - (len(left) - d.start(1)), t.e, "document_number", "document number"
            ), None
    return None


def rank(t: _Ctx) -> _Result | None:
    """Ranks are figures with unit_text "rank": "xếp thứ 10", "hạng 32/63", "top 10",
    "xếp hạng 40 trên 63" (the number of ranked units is the denominator)."""
    r = _L_RANK.find(t.left)
    if not r:
        return None
    text, s, e, tok, left = t.text, t.s, t.e, t.tok, t.left
    if t.is_int and _R_PHOTO_PLACE.match(text, e):  # "(đứng thứ 2 từ phải sang)"
        return _one(text, s, e, "label", "label: place in a photo (từ trái/phải sang)")
    cue_start = r.start(1) if r.group(1) else (r.start(2) if r.group(2) else r.start())
    st = s - (len(left) - cue_start) if (r.group(1) or r.group(2)) else s
    m = _RE_RATIO.fullmatch(tok) if t.has_slash else None
    if m and _RE_INT.fullmatch(m.group(1)) and _RE_INT.fullmatch(m.group(2)):
        q = _quantity(
            float(m.group(1)), "other", float(m.group(2)), None, None, None, 1.0, "rank", text[st:e]
        )
        return _mention(st, e, text[st:e], "figure", q, "figure: rank"), "rank"
    if t.is_int:
        # "xếp hạng 40 trên 63 tỉnh": the number of ranked units, as in "40/63"
        of = _R_RANK_OF.match(text, e)
        den = None
        if of and int(of.group(1)) >= int(tok):
            den, e = float(of.group(1)), of.end()
        q = _quantity(float(tok), "other", den, None, None, None, 1.0, "rank", text[st:e])
        return _mention(st, e, text[st:e], "figure", q, "figure: rank"), "rank"
    return None


def respective_rank(t: _Ctx) -> _Result | None:
    """Ranks given respectively: "Thứ hạng về chính quyền số, kinh tế số, xã hội số của
    tỉnh ... lần lượt là 22, 9, 13" (a rank word earlier in the sentence; the list goes
    on as ranks)."""
    if not (t.is_int and _L_RESPECTIVE.find(t.left)):
        return None
    text, s, e = t.text, t.s, t.e
    lo = max(_line_start(text, s), s - _RESPECTIVE_REACH)
    clause_start = max(text.rfind(". ", lo, s), text.rfind("; ", lo, s), lo)
    if _RANK_WORD.search(text, clause_start, s) is None:
        return None
    q = _quantity(float(t.tok), "other", None, None, None, None, 1.0, "rank", t.tok)
    return _mention(s, e, t.tok, "figure", q, "figure: rank"), "rank"


def rank_threshold(t: _Ctx) -> _Result | None:
    """ "nhóm N ... dẫn đầu/đứng đầu/hàng đầu" reads like "top N" ("nhóm 50 nước dẫn
    đầu"); without those words "nhóm N" stays a count ("nhóm 5 người")."""
    g = _L_GROUP.find(t.left)
    text, e = t.text, t.e
    if g and _R_LEADERS.match(text, e) and _read_unit(text, e, False).end == e:
        st = t.s - (len(t.left) - g.start(1))
        q = _quantity(float(t.tok), "other", None, None, None, None, 1.0, "rank", text[st:e])
        return _mention(st, e, text[st:e], "figure", q, "figure: rank"), None
    return None


def day_month_or_ratio(t: _Ctx) -> _Result | None:
    """``a/b``: a date "13/5" after a calendar cue or when no content word follows, a
    ratio before a noun ("3/5 nhiệm vụ") and whenever it cannot be a date ("103/117");
    before a noun of administrations ("9/9 huyện") see the package docstring;
    "24/7" is a label, "N/yyyy" after "số" a document number."""
    m = _RE_RATIO.fullmatch(t.tok)
    if not m:
        return None
    text, s, e, tok = t.text, t.s, t.e, t.tok
    a, b = m.group(1), m.group(2)
    if tok == "24/7":
        return _mk(text, s, e, "label", "label: around the clock (24/7)"), None
    if _RE_INT.fullmatch(a) and _RE_INT.fullmatch(b) and len(b) <= 2 and _valid_dm(int(a), int(b)):
        fw = _follow_word(text, e)
        strong = t.cue(_L_DATECUE_STRONG) or t.cue(_L_DATEWORD)
        fwl = fw.lower() if fw is not None else ""
        if (
            not strong
            and int(a) < int(b)
            and t.lw in _L_QUAL.last_words
            and _qualifier(t, s)[0] is not None
        ):
            noun_follows = True  # "hơn 1/3", "gần 3/4": a qualified proper fraction
        elif fwl in _DATE_OR_RATIO_FOLLOWERS and fw[0].islower():  # type: ignore[index]
            ia, ib = int(a), int(b)
            noun_follows = ia <= ib and (ia == ib or not t.cue(_L_DATECUE))
        else:
            noun_follows = fw is not None and fw[0].islower() and fwl not in _DATE_FOLLOWERS
        if strong or not noun_follows:
            return _mk(text, _with_dateword(t), e, "date", "date: day/month"), None
    if _RE_INT.fullmatch(a) and len(b) == 4 and b.isdigit() and _is_year(int(b)) and t.cue(_L_SO):
        return _mk(text, s, e, "document_number", "document number"), None
    va, vb = number_decimal(a), number_decimal(b)
    assert va is not None and vb is not None
    return _figure(t, va, e, decimal_number=False, denominator=vb), None


def day_dot_month(t: _Ctx) -> _Result | None:
    """``d.m`` ("11.5") is a date unless a unit, % or scale word follows ("31.3%",
    "2.5 triệu": a decimal point); "x.0" and a number after a Latin name are versions."""
    m = _RE_DM.fullmatch(t.tok)
    if not (m and m.group(2) == "."):
        return None
    text, s, e, left = t.text, t.s, t.e, t.left
    u = _read_unit(text, e, True)
    if u.end == e and u.text == "":
        if _RE_VERSION0.fullmatch(t.tok):
            latin = _L_LATIN_WORD.search(left)
            st = s - (len(left) - latin.start(1)) if latin else s
            return _mk(text, st, e, "label", "label: version"), None
        if _valid_dm(int(m.group(1)), int(m.group(3))):
            return _mk(text, _with_dateword(t), e, "date", "date: day.month"), None
        latin = _L_LATIN_WORD.search(left)
        if latin:
            return _mk(text, s - (len(left) - latin.start(1)), e, "label", "label: version"), None
    return None


def version(t: _Ctx) -> _Result | None:
    """ "x.0" with no unit after it is a version ("VILIS 2.0", "4.0")."""
    if _RE_VERSION0.fullmatch(t.tok) and _read_unit(t.text, t.e, True).end == t.e:
        return _mk(t.text, t.s, t.e, "label", "label: version"), None
    return None


def range_in_token(t: _Ctx) -> _Result | None:
    """A range written in one token is a figure with low and high ("8,3-8,5%"); after
    a calendar word two small numbers are a range of days ("ngày 12-13")."""
    m = _RE_RANGE.fullmatch(t.tok)
    if not m:
        return None
    a, b = m.group(1), m.group(2)
    if t.cue(_L_DATEWORD) and _RE_INT.fullmatch(a) and _RE_INT.fullmatch(b) and len(b) <= 2:
        return _mk(t.text, _with_dateword(t), t.e, "date", "date: range of days"), None
    va, vb = number_decimal(a), number_decimal(b)
    assert va is not None and vb is not None
    return _figure(t, va, t.e, decimal_number=True, low_high=(va, vb), allow_range=False), None


#: Rules on a token that has the shape of a number, in the order they are tried.
SHAPE_RULES: tuple[Rule, ...] = (
    Rule(page_furniture, _cue_bit(_L_FURNITURE)),
    Rule(list_continuation, INT | LIST),
    Rule(document_by_cue, 0, _cue_bit(_L_DOC_STRONG) | _cue_bit(_L_DOC_WEAK)),
    Rule(rank, _cue_bit(_L_RANK)),
    Rule(respective_rank, INT | _cue_bit(_L_RESPECTIVE)),
    Rule(rank_threshold, INT | _cue_bit(_L_GROUP)),
    Rule(day_month_or_ratio, SLASH),
    Rule(day_dot_month, DOT),
    Rule(version, DOT),
    Rule(range_in_token, DASH),
)


# ------------------------------------------------------------------ number rules
def calendar_word(t: _Ctx) -> _Result | None:
    """A number after a calendar word is a date, the word in its span: "năm 2025"
    ("quý I năm 2025"), "niên độ 2023", "giai đoạn 2021 - 2025", "tháng 12 [năm
    2025]", "ngày 5 [tháng 6 [năm 2025]]", "quý 2 [năm 2025]"; "tháng" and "ngày"
    before a time word are durations ("3 tháng" in "sau 3 ngày")."""
    w = _L_DATEWORD.find(t.left)
    if not w:
        return None
    text, s, e, tok, ival = t.text, t.s, t.e, t.tok, t.ival
    word = w.group(1).lower()
    st = s - (len(t.left) - w.start(1))
    year = len(tok) == 4 and _is_year(ival)
    if word == "năm" and year:
        yr = _R_YEAR_RANGE.match(text, e)  # "năm 2020 - 2023": a range of years
        if yr and int(yr.group(1)) > ival and _is_year(int(yr.group(1))):
            return _mk(text, st, yr.end(), "date", "date: range of years"), None
        qs = _extend_quarter(text, st, t.floor)
        return _mk(text, qs, e, "date", "date: quarter" if qs != st else "date: year"), None
    if word in ("niên độ", "niên khóa") and year:
        return _mk(text, st, e, "date", "date: year"), None
    if word == "giai đoạn" and year:
        yr = _R_YEAR_RANGE.match(text, e)
        if yr and int(yr.group(1)) > ival and _is_year(int(yr.group(1))):
            return _mk(text, st, yr.end(), "date", "date: range of years"), None
        return _mk(text, st, e, "date", "date: year"), None
    if word == "tháng" and 1 <= ival <= 12:
        tail = _R_DATE_TAIL_YEAR.match(text, e)
        if tail:
            return _mk(text, st, tail.end(), "date", "date: month/year"), None
        if not t.timeunit:
            return _mk(text, st, e, "date", "date: month"), None
    if word == "ngày" and 1 <= ival <= 31:
        tail = _R_DATE_TAIL_MONTH.match(text, e)
        if tail and 1 <= int(tail.group(1)) <= 12:
            reason = "date: day/month/year" if tail.group(2) else "date: day/month"
            return _mk(text, st, tail.end(), "date", reason), None
        if not t.timeunit:
            return _mk(text, st, e, "date", "date: day"), None
    if word == "quý" and 1 <= ival <= 4:
        tail = _R_DATE_TAIL_YEAR.match(text, e)
        return _mk(text, st, tail.end() if tail else e, "date", "date: quarter"), None
    return None


def day_month_words(t: _Ctx) -> _Result | None:
    """ "D tháng M năm YYYY" is a date also without "ngày" before it (the heading of an
    official letter may break the line after "ngày": "ngày\n05 tháng 6 năm 2023")."""
    if not 1 <= t.ival <= 31:
        return None
    tail = _R_DATE_TAIL_MONTH.match(t.text, t.e)
    if tail and tail.group(2) and 1 <= int(tail.group(1)) <= 12 and _is_year(int(tail.group(2))):
        return _mk(t.text, t.s, tail.end(), "date", "date: day/month/year"), None
    return None


def period_of_months(t: _Ctx) -> _Result | None:
    """ "N tháng [đầu/cuối] năm [yyyy]" is a date (a period): "4 tháng đầu năm 2023"."""
    if not 1 <= t.ival <= 12:
        return None
    p = _R_PERIOD.match(t.text, t.e)
    if p and (p.group(1) is None or _is_year(int(p.group(1)))):
        return _mk(t.text, t.s, p.end(), "date", "date: period of months"), None
    return None


def tiers(t: _Ctx) -> _Result | None:
    """A small number of tiers is a label: "chính quyền địa phương 2 cấp", "3 cấp"
    (not "100 cấp ủy", "2 cấp xã"); counted ("gồm 3 cấp", "chia thành 2 cấp") it is
    a count."""
    if not (1 <= t.ival <= 5) or t.unit.end != t.e:
        return None
    m = _R_TIERS.match(t.text, t.e)
    if m is None or _L_TIERS_COUNTED.search(t.left):  # "gồm 3 cấp": a count
        return None
    return _mk(t.text, t.s, m.end(), "label", "label: number of tiers (cấp)"), None


def clock_words(t: _Ctx) -> _Result | None:
    """ "N giờ" is a time of day with minutes or a part of the day ("1 giờ sáng", "8 giờ
    30") or after lúc/vào/từ/đến/tới ("lúc 8 giờ"); otherwise a duration."""
    if t.ival > 24:
        return None
    c = _R_CLOCK.match(t.text, t.e)
    timed = c and (c.group(1) or c.group(2) or t.cue(_L_TIMECUE))
    if c and timed and (c.group(1) is None or int(c.group(1)) < 60):
        return _mk(t.text, t.s, c.end(), "time", "time of day"), None
    return None


def name(t: _Ctx) -> _Result | None:
    """A number after a name word is a label ("Phường 5", "Đề án 06", "mức độ 4",
    "đợt 1"), unless a unit or time word follows it; "khóa 2020" is a year cue."""
    u = t.unit
    if not (u.end == t.e and u.text == "" and not t.timeunit):
        return None
    n = _L_NAME.find(t.left)
    if n and n.group(1).lower() == "khóa" and len(t.tok) == 4 and _is_year(t.ival):
        n = None  # "khóa 2020": a year cue (see _bare_year), not a name
    if n:
        st = t.s - (len(t.left) - n.start(1))
        return _mk(t.text, st, t.e, "label", f"label: {n.group(1).lower()}"), "label"
    return None


def ordinal(t: _Ctx) -> _Result | None:
    """ "thứ N" is an ordinal label, also before a time word ("Thứ 6 tuần này" is a
    weekday); at the start of a clause and followed by "là" and a capitalised name it
    is a rank ("Hà Nội dẫn đầu, thứ 2 là Huế")."""
    u = t.unit
    if not (u.end == t.e and u.text == ""):
        return None
    o = _L_ORDINAL.find(t.left)
    if o:
        st = t.s - (len(t.left) - o.start(1))
        if _R_PLACE_HOLDER.match(t.text, t.e) and _L_CLAUSE_START.search(t.left, 0, o.start(1)):
            # ", thứ 2 là Long An": the second place and who holds it (a rank)
            q = _quantity(t.ival, "other", None, None, None, None, 1.0, "rank", t.text[st : t.e])
            return _mention(st, t.e, t.text[st : t.e], "figure", q, "figure: rank"), "rank"
        return _mk(t.text, st, t.e, "label", "label: ordinal"), "label"
    return None


def place_name(t: _Ctx) -> _Result | None:
    """A number ending a capitalised place name after a place word is a label ("ấp Tân
    Phú 2", "Trường Tiểu học Vĩnh Hòa 1"), unless a counting noun follows it."""
    u, left = t.unit, t.left
    if not (u.end == t.e and u.text == "" and not t.timeunit):
        return None
    if (
        len(t.tok) <= 2
        and left[-2:-1].isalpha()
        and left[-1:] == " "
        and left[left.rfind(" ", 0, -1) + 1].isupper()
    ):
        pn = _L_PLACE_NAME.search(left)
        if pn and not _R_COUNT_NOUN.match(t.text, t.e):
            st = t.s - (len(left) - pn.start())
            return _mk(t.text, st, t.e, "label", "label: place name"), None
    return None


def number_label(t: _Ctx) -> _Result | None:
    """ "số N" is a number label ("tuyến metro số 1", "nhà số 5"), but not in words
    ending in "số" (dân số, tổng số, chỉ số, con số, hệ số, đa số, thiểu số, tỷ số) nor
    in "trong số N" (among N: "11 trong số 16 tỉnh")."""
    u = t.unit
    if not (u.end == t.e and u.text == "" and not t.timeunit):
        return None
    so = _L_SO.find(t.left)
    if so and not so.group(1):
        st = t.s - (len(t.left) - so.start())
        return _mk(t.text, st, t.e, "label", "label: number (số)"), None
    return None


def age_threshold(t: _Ctx) -> _Result | None:
    """ "N tuổi" after từ/đủ/trên/dưới or before "trở lên/trở xuống/trở lại" is a label:
    an age threshold that defines a population ("từ 15 tuổi trở lên")."""
    a = _R_AGE.match(t.text, t.e)
    if a and (_R_AGE_THRESHOLD.match(t.text, a.end()) or _L_AGE_FROM.search(t.left)):
        return _mk(t.text, t.s, a.end(), "label", "label: age threshold"), None
    return None


def year(t: _Ctx) -> _Result | None:
    """A bare ungrouped 1900-2100 with nothing attached is a year or a count by its
    context (see :func:`_bare_year`)."""
    if not (_is_year(t.ival) and t.unit.end == t.e and not t.timeunit):
        return None
    yr = _bare_year(t, t.ival)
    return None if yr is None else (yr, None)


def duration_or_age(t: _Ctx) -> _Result | None:
    """A number before a time word is a duration ("01 năm", "8 giờ"), before "tuổi" an
    age: figures with unit ``other`` and the word in unit_text. A relative time of a
    news feed ("10 giờ trước", "2 ngày trước", "5 phút qua": hours to weeks, before
    the end of the line or a separator "|", "·", ",", ".") is a label; "3 năm
    trước" stays a duration."""
    u = t.unit
    if not (u.end == t.e and u.text == ""):
        return None
    d = t.timeunit
    if d is None and t.nc in _AGE_FIRST:
        d = _R_AGE.match(t.text, t.e)
    if d is None:
        return None
    if t.is_int and d.group(1).lower() not in ("năm", "tháng", "quý", "tuổi"):
        ago = _R_AGO.match(t.text, d.end())
        if ago:  # "10 giờ trước", "2 ngày trước": a relative time of a news feed
            return _mk(t.text, t.s, ago.end(), "label", "label: relative time"), None
    end, value, word = d.end(), t.value, d.group(1)
    half = _R_HALF.match(t.text, end) if word != "tuổi" else None
    if half:  # "2 tiếng rưỡi": two and a half hours
        end, value, word = half.end(), Decimal(value) + Decimal("0.5"), f"{word} rưỡi"
    qual, st = _qualifier(t, t.s, end)
    q = _quantity(_fl(value), "other", None, qual, None, None, 1.0, word, t.text[st:end])
    reason = "figure: age" if d.group(1) == "tuổi" else "figure: duration"
    return _mention(st, end, t.text[st:end], "figure", q, reason), None


#: Rules on a single number (value read), in the order they are tried; a number that
#: none of them claims is a figure.
def per_inhabitants(t: _Ctx) -> _Result | None:
    """A rate per a round number of inhabitants ("128 thuê bao/100 dân", "0,7 doanh
    nghiệp công nghệ số trên 1.000 dân") or per unit of area after a counted noun
    ("230 người/km2"): one figure whose span and ``unit_text`` run to the base (unit
    ``other``); the base is part of it, no count of its own, and "trên" there is
    "per", no qualifier of the base. After a unit word ("6 tấn/ha", "95 triệu
    đồng/người") the unit reader takes the "/..." itself."""
    if t.unit.text:
        return None  # a unit word after the number (its "/ha", "/người": _read_unit)
    text, e = t.text, t.e
    if _R_PER_GATE.search(text, e, e + _PER_INHABITANTS_REACH) is None:
        return None  # most numbers: no base of a rate follows
    m = _R_PER_INHABITANTS.match(text, e)
    if m is None:
        return None
    end = m.end()
    qual, st = _qualifier(t, t.s, e)
    q = _quantity(_fl(t.value), "other", None, qual, None, None, 1.0, text[e:end].strip(),
                  text[st:end])
    return _mention(st, end, text[st:end], "figure", q, "figure: other"), None


NUMBER_RULES: tuple[Rule, ...] = (
    Rule(calendar_word, INT | _cue_bit(_L_DATEWORD)),
    Rule(day_month_words, INT | NC_PERIOD),
    Rule(period_of_months, INT | NC_PERIOD),
    Rule(tiers, INT | NC_TIERS),
    Rule(clock_words, INT | NC_CLOCK),
    Rule(name, INT | _cue_bit(_L_NAME)),
    Rule(ordinal, INT | _cue_bit(_L_ORDINAL)),
    Rule(place_name, INT),
    Rule(number_label, INT | _cue_bit(_L_SO)),
    Rule(age_threshold, INT | NC_AGE),
    Rule(year, YEAR4),
    Rule(duration_or_age, 0, NC_TIMEUNIT | NC_AGE),
    Rule(per_inhabitants, 0, PLAIN | DOT),  # "128", "0,7", "1.245" thuê bao/100 dân
)


# ------------------------------------------------------------------ helpers of the rules
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
    if (
        cue
        and cue.group(0).lower().startswith("đường dài")
        and (_read_unit(text, e, False).end != e or _R_COUNT_NOUN.match(text, e))
    ):
        cue = None  # "tuyến đường dài 178 km": a length, not a long-distance number
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
    if len(tok) <= 5 and text[e : e + 2] in (". ", ") "):  # a "." or ")" and a space
        before = text[_line_start(text, s) : s].strip()
        if not before or before in "-•–*+":
            return _mk(text, s, e + 1, "label", "label: list bullet")
    return None


def _split_or_unrecognised(text: str, s: int, e: int, floor: int) -> tuple[Mention, None]:
    """A digit token that no rule recognises: a label, so that nothing is dropped."""
    return _mk(text, s, e, "label", "label: unrecognised numeric token"), None


def _bare_year(ctx: _Ctx, ival: int) -> Mention | None:
    """A bare four-digit 1900-2100 number: the year mention, or None for a count.

    Applies the rule of the package docstring, in this order: a range of years
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
        if (
            _read_unit(text, y2, False).end == y2
            and not _R_TIMEUNIT.match(text, y2)
            and not _R_COUNT_NOUN.match(text, y2)
        ):
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


_VULGAR_SET = frozenset(_VULGAR)


def other_script(t: _Ctx) -> Mention:
    """A vulgar fraction is a ratio ("½ số hộ" like "1/2 số hộ"; "1½" is 1.5, unit
    ``other``); a token of Roman numeral characters ("Ⅲ", U+2160..U+2188) is a label;
    any other token that starts with such a character is an unrecognised label."""
    tok = t.tok
    if len(tok) == 1 and tok in _VULGAR:
        num, den = _vulgar(tok)
        return _figure(t, num, t.e, decimal_number=False, denominator=den)
    if tok[-1] in _VULGAR and tok[:-1].isdecimal() and len(tok) <= 7:
        num, den = _vulgar(tok[-1])
        value = Decimal(int(tok[:-1])) + num / den
        return _figure(t, value, t.e, decimal_number=True)
    if all("\u2160" <= c <= "\u2188" for c in tok):
        return _mk(t.text, t.s, t.e, "label", "label: roman numeral")
    return _mk(t.text, t.s, t.e, "label", "label: unrecognised numeric token")


def _vulgar(c: str) -> tuple[Decimal, Decimal]:
    """Numerator and denominator of a vulgar fraction character ("½": 1, 2)."""
    parts = unicodedata.decomposition(c).split()  # "<fraction> 0031 2044 0032"
    i = parts.index("2044")
    num = "".join(chr(int(h, 16)) for h in parts[1:i])
    den = "".join(chr(int(h, 16)) for h in parts[i + 1 :])
    return Decimal(num), Decimal(den)


# ------------------------------------------------------------------ dispatch
#: A token with more digits than this is no number (the largest amounts written in
#: Vietnamese news, "1.234.567.890.123 đồng", have 13-16): a label, which also keeps
#: Python's limit on converting long digit strings to ``int`` (4,300) out of reach.
_MAX_DIGITS = 24


def _gate_holds(rule: Rule, facts: int) -> bool:
    """True when the token facts ``facts`` meet the gate of ``rule``."""
    return facts & rule.needs == rule.needs and (not rule.any_of or bool(facts & rule.any_of))


_Plan = tuple[tuple[Callable[[_Ctx], _Result | None], ...], ...]
_PLANS: dict[int, _Plan] = {}


def _plan(facts: int) -> _Plan:
    """The rules of the three tables whose gates ``facts`` meets (kept per bit set)."""
    plan = tuple(
        tuple(r.fn for r in table if _gate_holds(r, facts))
        for table in (TOKEN_RULES, SHAPE_RULES, NUMBER_RULES)
    )
    _PLANS[facts] = plan
    return plan


def _glued_start(text: str, s: int, floor: int) -> int:
    """Start of the letters glued before the digits at ``s`` ("IPv6", "COVID-19",
    "I/2025"), or ``-1 - start`` for a code written with a dot ("ĐT.963", "QL.1A")."""
    ls = s
    while ls > floor and (text[ls - 1].isalnum() or text[ls - 1] == "_"):
        ls -= 1
    if ls == s and s > floor:
        glue = text[s - 1]
        if glue == "/":
            r = _L_ROMAN_SLASH.search(text[max(floor, s - 6) : s])
            if r:
                ls = s - len(r.group(0))
        elif glue == "-":
            h = _L_ASCII_HYPHEN.search(text[max(floor, s - 24) : s])
            if h:
                ls = s - len(h.group(0))
        elif glue == ".":
            h = _L_CAPS_DOT.search(text[max(floor, s - 6) : s])
            if h:
                return -1 - (s - len(h.group(0)))
    return ls


def _shape_facts(tok: str) -> int:
    """The facts of a token that is neither plain digits nor a decimal-comma number."""
    facts = SHAPED
    if "/" in tok:
        facts |= SLASH
    if "." in tok:
        facts |= DOT
    if "-" in tok or "–" in tok:
        facts |= DASH
    if ":" in tok:
        facts |= COLON
    if _RE_LETTER.search(tok) is not None:
        facts |= LETTER
    return facts


def classify(
    text: str, s: int, e: int, floor: int, prev: Mention | None, prev_list: str | None
) -> _Result:
    """Classify the digit token ``text[s:e]``; returns its mention and the list state.

    ``floor`` is the end of the previous mention (no span reaches before it); ``prev``
    and ``prev_list`` are the previous mention and its list state. The token's facts
    (the bits of :class:`Rule` gates) select the plan of rules to try (:func:`_apply`).
    """
    c = text[s - 1] if s > floor else " "
    if c == "+" and _L_TIMEZONE.search(text, max(floor, s - 5), s):  # "(GMT+7)"
        return _one(text, s, e, "label", "label: time zone")
    ls = _glued_start(text, s, floor) if (c.isalnum() or c in "_/-.") else s
    if ls < 0:  # "ĐT.963", "QL.1A", "Q.1": a code written with a dot
        return _one(text, -1 - ls, e, "label", "label: code or version")
    if e - ls > 24 and sum(c.isdecimal() for c in text[ls:e]) > _MAX_DIGITS:  # _MAX_DIGITS
        return _one(text, ls, e, "label", "label: digit run too long for a number")
    t = _Ctx(text, ls, e, floor)
    t.tok = tok = text[ls:e]
    t.prev = prev
    t.prev_list = prev_list
    c0 = text[s]
    if (c0 > "9" and not c0.isdecimal()) or tok[-1] in _VULGAR_SET:
        return other_script(t), None
    # most tokens follow no cue word and precede no gated word: test before looking up
    lw, nc = t.lw, t.nc
    facts = 0
    if lw in _WORD_BITS:
        facts = _WORD_BITS[lw]
    if nc in _NEXT_CHAR_BITS:
        facts |= _NEXT_CHAR_BITS[nc]
    if ls != s:
        return _apply(t, facts | GLUED)
    t.is_int = is_int = tok.isdecimal()  # == bool(_RE_INT.fullmatch(tok)): Unicode Nd
    if is_int:
        facts |= INT | YEAR4 if len(tok) == 4 else INT
    if tok.isdigit() or (tok[-1].isdigit() and _RE_COMMA_NUM.fullmatch(tok)):
        facts |= PLAIN
        t.has_slash = False
    else:
        facts |= _shape_facts(tok)
        t.has_slash = "/" in tok
    if text[s] == "0":
        facts |= ZERO
    after = text[e : e + 1]
    if after == "." or after == ")":
        facts |= PUNCT
    elif after == " " and len(tok) <= 3 and text[e + 1 : e + 2].isdigit() and tok.isdigit():
        facts |= SPACED
    if prev_list is not None and prev is not None:
        facts |= LIST
    if (after == "\n" or not after) and not t.left.strip() and _alone_on_line(text, s, after):
        facts |= LONE
    return _apply(t, facts)


def _alone_on_line(text: str, s: int, after: str) -> bool:
    """True when the token at ``s`` (followed by ``after``) is all its line holds and
    the text has another line (so a phrase "12" read alone stays a number)."""
    ls = _line_start(text, s)
    return not text[ls:s].strip() and (after == "\n" or ls > 0)


def _apply(t: _Ctx, facts: int) -> _Result:
    """Try the rules of the plan for ``facts``, table by table; else a figure."""
    try:
        plan = _PLANS[facts]
    except KeyError:
        plan = _plan(facts)
    for rule in plan[0]:
        r = rule(t)
        if r is not None:
            return r
    text, e, tok = t.text, t.e, t.tok
    t.timeunit = _R_TIMEUNIT.match(text, e) if t.nc in _TIMEUNIT_FIRST else None
    for rule in plan[1]:
        r = rule(t)
        if r is not None:
            return r
    # from here on: a single number; an ASCII integer is read as an int (exact, like
    # its Decimal, and cheaper); _figure and _count_unit accept both
    is_int = t.is_int
    if is_int and tok.isascii():
        t.value = t.ival = int(tok)
    else:
        value = number_decimal(tok)
        if value is None:  # pragma: no cover - guarded by the shape tests above
            return _split_or_unrecognised(text, t.s, e, t.floor)
        t.value = value
        t.ival = int(tok) if is_int else -1
    t.unit = _read_unit(text, e, not is_int)
    for rule in plan[2]:
        r = rule(t)
        if r is not None:
            return r
    if not is_int and len(tok) <= 7 and _RE_COMMA3.fullmatch(tok):
        return _comma_three(t), None
    return _figure(t, t.value, e, decimal_number=not is_int, unit=t.unit), None


def _comma_convention(text: str) -> str:
    """How ``text`` writes thousands: ``"en"`` when it groups them with "," (two or
    more comma groups, "1,738,517") and never with "." nor writes a decimal comma
    before other than three digits; ``"vi"`` when it groups with "." or writes such a
    decimal comma ("1.245", "88,03"); ``"none"`` when it shows neither."""
    global _convention_cache
    if _convention_cache[0] is text:
        return _convention_cache[1]
    en = _holds_convention(text, _R_EN_GROUPED, _R_EN_GROUPED_KEY)
    vi = _holds_convention(text, _R_VI_GROUPED, _R_VI_GROUPED_KEY) or _holds_convention(
        text, _R_VI_DECIMAL, _R_VI_DECIMAL_KEY
    )
    conv = "en" if en and not vi else ("vi" if vi else "none")
    _convention_cache = (text, conv)
    return conv


_convention_cache: tuple[str | None, str] = (None, "")


def _holds_convention(text: str, pattern: re.Pattern[str], key: re.Pattern[str]) -> bool:
    """``pattern.search(text) is not None`` for the patterns of :func:`_comma_convention`,
    found from the matches of their ``key``.

    A match starts at the first digit of a run of digits (its look-behind refuses a
    digit, "." or "," before it) and holds its key where the run ends; so each key
    found is tried from the start of the digits before it. The first key of a run of
    grouped digits decides for the run (no match starts inside it).
    """
    for k in key.finditer(text):
        s = k.start()
        while s > 0 and text[s - 1].isdecimal():  # "\d" is str.isdecimal
            s -= 1
        if pattern.match(text, s):
            return True
    return False


def _comma_three(t: _Ctx) -> Mention:
    """A number with one comma before exactly three digits ("12,000", "1,000"): the
    thousands separator when the text groups thousands with "," elsewhere
    (:func:`_comma_convention`), else a decimal comma with a flag that says it may
    be grouping."""
    tok = t.tok
    conv = _comma_convention(t.text)
    grouped = Decimal(tok.replace(",", ""))
    if conv == "en":
        return _figure(t, grouped, t.e, decimal_number=False)
    m = _figure(t, t.value, t.e, decimal_number=True)
    why = (
        "the text writes '.' for thousands and ',' for decimals"
        if conv == "vi"
        else "the text shows no other grouping"
    )
    return flagged(
        m, f"comma before three digits: {tok} read as a decimal comma ({why}); may be {grouped}"
    )
