"""Scale words and units after a number ("1,2 tỷ đồng", "88,03%", "5 km")."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from .patterns import (
    _R_ANY_UNIT,
    _R_HALF,
    _R_MEASURE,
    _R_PCT,
    _R_PER_SUFFIX,
    _R_PERMILLE,
    _R_POINT,
    _R_POINT_END,
    _R_SCALE,
    _R_VND,
)
from .words import _ONE, _SCALES, _UNIT_FIRST


class _Unit(NamedTuple):
    """What follows a number: scale word and unit (all empty when nothing does)."""

    end: int  # end offset of the unit words (== number end when none)
    unit: str | None  # percent / percent_point / per_mille / vnd / other / None
    scale: Decimal
    text: str  # unit words as written (normalised single spaces)
    half: bool = False  # "rưỡi" after the scale word: add half a scale ("1 triệu rưỡi")


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
    ch = text[pos : pos + 1]
    if ch == " ":
        ch = text[pos + 1 : pos + 2]
    if ch not in _UNIT_FIRST or not _R_ANY_UNIT.match(text, pos):
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


def _per(text: str, u: _Unit) -> _Unit:
    """``u`` with what it is per ("triệu đồng/người", "tấn/ha", "km/h"), when written."""
    m = _R_PER_SUFFIX.match(text, u.end)
    if m is None:
        return u
    return u._replace(end=m.end(), text=u.text + m.group(0).replace(" ", ""))


def _read_unit_uncached(text: str, pos: int, decimal_number: bool) -> _Unit:
    """:func:`_read_unit` without the gate and the cache: try each unit regex in turn.

    A scale word may come first ("tỷ đồng"); then percent, money, a measure, or
    "điểm" (a score only after a decimal number or before the end of the phrase).
    """
    scale = _ONE
    parts: list[str] = []
    p = pos
    half = False
    m = _R_SCALE.match(text, p)
    if m:
        scale = _SCALES[m.group(1)]
        parts.append(m.group(1))
        p = m.end()
        h = _R_HALF.match(text, p)
        if h:
            half = True
            parts.append("rưỡi")
            p = h.end()
    m = _R_PCT.match(text, p)
    if m:
        parts.append(m.group(1))
        return _Unit(m.end(), "percent", scale, " ".join(parts), half)
    m = _R_PERMILLE.match(text, p)
    if m:
        parts.append(m.group(1))
        return _Unit(m.end(), "per_mille", scale, " ".join(parts), half)
    m = _R_VND.match(text, p)
    if m:
        parts.append(m.group(1))
        return _per(text, _Unit(m.end(), "vnd", scale, " ".join(parts), half))
    m = _R_MEASURE.match(text, p)
    if m:
        w = m.group(1)
        parts.append(w)
        unit = "percent_point" if w in ("điểm phần trăm", "điểm %") else "other"
        return _per(text, _Unit(m.end(), unit, scale, " ".join(parts), half))
    m = _R_POINT.match(text, p)
    if m and (decimal_number or _R_POINT_END.match(text, m.end())):
        parts.append(m.group(1))
        return _Unit(m.end(), "other", scale, " ".join(parts), half)
    if parts:
        return _Unit(p, None, scale, " ".join(parts), half)
    return _Unit(pos, None, _ONE, "")
