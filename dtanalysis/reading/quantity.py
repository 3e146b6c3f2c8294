"""Typed quantities read from Vietnamese number phrases.

A :class:`Quantity` is what a *figure* mention means: a value with its unit, an
optional denominator (ratios such as "103/117", ranks such as "32/63"), an optional
qualifier ("hơn", "gần", ...), and for ranges the low and high ends.

Rules of written Vietnamese that the parser follows
---------------------------------------------------
* "." groups thousands and "," marks decimals: "1.738.517" is 1738517, "88,03" is
  88.03, "0,5796" is 0.5796. A single comma is a decimal comma, so "1,200" is 1.2,
  and a number with two or more comma groups of exactly three digits ("1,234,567")
  is English grouping. In running text a single comma before exactly three digits
  is read by the text's own convention and flagged when it stays ambiguous (see
  "Flags" in :mod:`dtanalysis.reading`).
* A dot is read as a decimal point only where no grouping reading is possible
  ("31.3%" is 31.3, "2.5 triệu" is 2500000); "1.200" is always 1200.
* Percent values stay in percent: "88,03%" has value 88.03 and unit ``percent``.
* Thousands may also be grouped by spaces, as web pages do with non-breaking or thin
  spaces ("1 250 000", "12 345", normalised to ordinary spaces): a group of one to
  three digits followed by space-separated groups of exactly three digits is one
  number (not after a calendar, name, ordinal or rank cue: "ngày 12 345 hộ" stays a
  day and a count).
* Scale words multiply: nghìn/ngàn 1e3, vạn 1e4 ("2 vạn" is 20000), triệu 1e6,
  tỷ/tỉ 1e9, and the compounds "nghìn tỷ"/"ngàn tỷ" 1e12 and "triệu tỷ" 1e15
  (``scale`` records the factor, ``unit_text`` the words).
* "rưỡi" after a scale word or a time word adds a half: "1 triệu rưỡi" is 1.5e6,
  "2 tiếng rưỡi" 2.5 hours (unit_text "triệu rưỡi", "tiếng rưỡi").
* Compound amounts are one figure: "2 tỷ 500 triệu đồng" is 2.5e9 VND, "3 triệu
  200 nghìn" 3.2e6, "1 tỷ 200 triệu 500 nghìn đồng" 1,200,500,000. Each part after
  the first is at most three digits with a smaller scale word, and less than the
  scale before it; ``scale`` is the first part's, ``unit_text`` the words from the
  first scale word on ("tỷ 500 triệu đồng"), the unit the last part's.
* A minus sign glued to the number ("-5%", "−5%" with U+2212, "tăng trưởng -2,5%",
  "(-1.000 tỷ đồng)") makes the value negative and is part of the span, when it
  follows a space, a bracket, a colon or the start of a line and the word before it
  is no number: "1 -2%" and "5-7%" are ranges, "ABC-5" is a code.
* "đồng"/"VNĐ"/"VND"/"đ" make the unit ``vnd``. "điểm phần trăm"/"điểm %" are
  percentage points, unit ``percent_point`` (value in points: "15 điểm phần trăm"
  is 15). "‰" is per mille, unit ``per_mille``, and the value stays in per mille
  as percent values stay in percent ("0,5‰" has value 0.5; divide by 1000 for a
  share). "USD", "km", "ha", "điểm" (index scores), "lần", "bậc" (change of
  rank), "sao" (star ratings), durations ("01 năm", "8 giờ", "3 tiếng"), ages and
  ranks have unit ``other`` with the unit word in ``unit_text`` (``"rank"`` for
  ranks).
* A scale of 1e12 or more with no unit word ("10,5 nghìn tỷ", "1,79 triệu tỷ") is an
  amount of money (``vnd``): budgets drop "đồng" and nothing else is counted in
  thousands of billions in Vietnamese news. "tỷ" alone stays a count ("2,3 tỷ lượt").
* Bare numbers are counts (unit ``count``) when integral, ``other`` otherwise.
* Qualifiers: gần -> ``nearly``; hơn, trên, vượt, ít nhất, tối thiểu -> ``over``
  (``over`` includes the bound for "ít nhất"/"tối thiểu"); dưới, chưa đến, không quá,
  tối đa -> ``under``; khoảng, xấp xỉ, gần như, ước, ước đạt, ước tính (đạt), ước thực
  hiện, ước tăng, ước giảm, chừng -> ``approx``. When two are stacked ("khoảng trên
  26%") the one next to the number wins (``over``).
* "vượt N" followed by a plan or a reference ("vượt 5% dự toán", "vượt 12% kế
  hoạch", "vượt 2.000 tỷ đồng so với dự toán", "vượt 8% so với cùng kỳ"; the words
  dự toán, kế hoạch, chỉ tiêu, mục tiêu, cùng kỳ, optionally after "so với") says by
  how much the plan was exceeded: no qualifier, the value is the excess (5) and the
  span starts at the number. "vượt 91%" with no such word after it is ``over`` 91%.
* Thresholds: "từ 1 tỷ USD trở lên", "4 sao trở lên" are ``over`` and "... trở xuống"
  ``under``; the span runs from "từ" to "trở lên" (age thresholds "từ 15 tuổi trở
  lên" are labels, see :mod:`dtanalysis.reading`).
* "trên 1 ha" (or another area unit) is "per hectare": no qualifier, the span starts
  at the number.
* A rate per a round number of inhabitants ("128 thuê bao/100 dân", "0,7 doanh nghiệp
  công nghệ số trên 1.000 dân", "1,5 bác sĩ/10.000 người") is one figure of unit
  ``other`` whose span and ``unit_text`` run to "dân" ("thuê bao/100 dân"): the base is
  no count of its own and "trên" before it is "per". "trên 1.000 người" alone stays
  "over 1,000 people". What a money amount or a measure is per is part of its unit:
  "95 triệu đồng/người" is ``vnd`` 95,000,000 with ``unit_text`` "triệu đồng/người"
  (also "đồng/kg", "tấn/ha", "km/h", "triệu đồng/người/tháng").
* Ratios include fractions ("1/3 số xã", "2/3 thành viên"), "n/n" coverage ("12/12
  huyện"), scores out of a maximum ("60,5/100 điểm", unit_text "điểm") and map scales
  ("tỷ lệ 1/2.000", "tỷ lệ 1:1000").
* Ranges "8,3 - 8,5%", "8,3-8,5%", "8,3–8,5%", "từ 8,3 đến 8,5%" give ``low`` and
  ``high``; ``value`` is ``low``. A time word after the second number makes a range
  of durations ("từ 5 đến 7 ngày", "2 - 3 tháng": unit ``other``).

:func:`dtanalysis.reading.parse_quantity` reads one phrase with the same machinery
that :func:`dtanalysis.reading.extract_mentions` applies to running text, so the two
can never disagree. Dates, document numbers, standards, times of day, names and
versions are refused with :class:`NotAQuantityError`, whose ``reason`` says which.

This module is the leaf of :mod:`dtanalysis.reading`: it imports only the standard
library, so anything in the package (or outside it) can use :class:`Quantity` and
:func:`parse_number` without pulling in the classifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["QUALIFIERS", "UNITS", "NotAQuantityError", "Quantity", "number_decimal", "parse_number"]

UNITS = ("percent", "count", "ratio", "vnd", "other", "percent_point", "per_mille")
QUALIFIERS = ("over", "under", "nearly", "approx")


class NotAQuantityError(ValueError):
    """The text is not a single quantity; ``reason`` says what it is instead.

    Parameters
    ----------
    text : str
        The phrase that was refused.
    reason : str
        Short English reason, e.g. ``"date: day/month"`` or ``"document number"``.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"not a quantity: {text!r} ({reason})")


@dataclass(frozen=True)
class Quantity:
    """A typed quantity.

    Attributes
    ----------
    value : float
        The value (already multiplied by ``scale``); for a range the low end; for a
        ratio the numerator. Percentages stay in percent (88.03).
    unit : str
        One of :data:`UNITS`: ``percent``, ``count``, ``ratio``, ``vnd``, ``other``,
        ``percent_point`` (percentage points), ``per_mille`` (value in per mille).
    denominator : float or None
        Denominator of a ratio ("103/117") or of a rank ("32/63").
    qualifier : str or None
        ``over``, ``under``, ``nearly``, ``approx`` or None.
    low, high : float or None
        Ends of a range, else None.
    scale : float
        Multiplier from a scale word (1, 1e3, 1e6, 1e9, 1e12).
    unit_text : str
        Unit words as written after the number ("%", "tỷ đồng", "km", "rank", "").
    raw : str
        The phrase as written (including qualifier, scale word and unit).
    """

    value: float
    unit: str
    denominator: float | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    scale: float = 1.0
    unit_text: str = ""
    raw: str = ""

    @property
    def numerator(self) -> float | None:
        """The numerator of a ratio (``value``), None for other units."""
        return self.value if self.unit == "ratio" else None

    @property
    def is_range(self) -> bool:
        """True when the quantity is a range (``low`` and ``high`` set)."""
        return self.low is not None and self.high is not None


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_PLAIN = re.compile(r"\d+(?:,\d+)?")
_DOT_DECIMAL = re.compile(r"\d+\.\d+")


def number_decimal(s: str) -> Decimal | None:
    """Read one Vietnamese-formatted number as an exact Decimal (None if not a number)."""
    if s.isascii() and s.isdigit():  # fast path, same as the _PLAIN reading
        return Decimal(s)
    try:
        if _GROUPED.fullmatch(s):
            return Decimal(s.replace(".", "").replace(",", "."))
        if _PLAIN.fullmatch(s):
            return Decimal(s.replace(",", "."))
        if _EN_GROUPED.fullmatch(s):
            return Decimal(s.replace(",", ""))
        if _DOT_DECIMAL.fullmatch(s):
            return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns only admit digits
        return None
    return None


def parse_number(s: str) -> float:
    """Read one Vietnamese-formatted number (no unit, no scale word).

    Parameters
    ----------
    s : str
        For example "1.738.517", "88,03", "31.3", "1199".

    Returns
    -------
    float

    Raises
    ------
    NotAQuantityError
        When ``s`` is not a number in one of the accepted formats.
    """
    d = number_decimal(s.strip())
    if d is None:
        raise NotAQuantityError(s, "not a number")
    return float(d)


_new_object = object.__new__


def new_quantity(
    value: float,
    unit: str,
    denominator: float | None,
    qualifier: str | None,
    low: float | None,
    high: float | None,
    scale: float,
    unit_text: str,
    raw: str,
) -> Quantity:
    """``Quantity(...)`` with all nine fields, built faster.

    A frozen dataclass sets each field through ``object.__setattr__`` in its
    ``__init__``; the extractor builds one quantity per figure, so it fills the
    instance dict directly (same fields, same order: a test compares the result with
    the dataclass constructor).
    """
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
