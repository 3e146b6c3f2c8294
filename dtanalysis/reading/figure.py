"""A figure read off a number: qualifier, range, scale word, unit (see the rules in
:mod:`dtanalysis.reading.quantity`)."""

from __future__ import annotations

from decimal import Decimal

from .context import _FIGURE_REASON, _count_unit, _Ctx, _fl, _is_year, _mention
from .mention import Mention
from .patterns import (
    _CORE,
    _L_QUAL,
    _L_TU,
    _L_WORD_BEFORE,
    _R_BY_REFERENCE,
    _R_COMPOUND,
    _R_NUM_AT,
    _R_RANGE_SEP,
    _R_THRESHOLD,
    _R_TIMEUNIT,
)
from .quantity import new_quantity as _quantity
from .quantity import number_decimal
from .units import _read_unit, _Unit
from .words import _AREA_UNITS, _COMPARATIVE, _ONE, _QUAL_MAP, _TIMEUNIT_FIRST

_TRILLION = Decimal(10**12)
_BILLION = Decimal(10**9)
_FLAG_TY_COUNT = "scale word 'tỷ' without a unit word: read as a count (may be money)"
_FLAG_VND_BY_SIZE = "no unit word: read as VND because 1e12 or more (nghìn tỷ) is money"


def _per_unit(text: str, qs: int, s: int, value: Decimal | int, unit_text: str) -> bool:
    """True for "trên 1 ha" (per hectare): "trên" + one + an area unit."""
    return value == 1 and unit_text in _AREA_UNITS and text[qs : qs + 4].lower() == "trên"


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


def _range_end(ctx: _Ctx, s: int, u: _Unit) -> tuple[Decimal, _Unit, int] | None:
    """The second number of a range after a number read up to ``u.end``, or None.

    "8,3 - 8,5%", "8,3-8,5%", "từ 8,3 đến 8,5%": returns the second value, the unit
    reading after it and the start of the span (which takes "từ" of "từ ... đến";
    "đến" without "từ" makes no range). Both numbers need the same unit words, and a
    bare second number may not be a year.
    """
    text = ctx.text
    r = _R_RANGE_SEP.match(text, u.end)
    n2 = _R_NUM_AT.match(text, r.end()) if r else None
    if not (r and n2):
        return None
    is_den = r.group(0).strip() in ("đến", "tới")
    seg = text[max(ctx.floor, s - 4) : s]
    tu = _L_TU.search(seg)
    after = text[n2.end() : n2.end() + 1]
    # the second number must be a whole digit token ("0 - 0.5" is no range
    # 0-0 followed by ".5": that would leave digits outside every mention)
    whole = _CORE.match(text, n2.start()).end() == n2.end()  # type: ignore[union-attr]
    if n2.end() - n2.start() > 24:  # too long for a number (see rules._MAX_DIGITS)
        return None
    if not ((not is_den or tu) and whole and not (after.isalnum() or after in "/:_")):
        return None
    v2 = number_decimal(n2.group(0))
    u2 = _read_unit(text, n2.end(), "," in n2.group(0))
    tok2 = n2.group(0)
    year_like = tok2.isdigit() and len(tok2) == 4 and _is_year(int(tok2))
    if u.text == "":
        ok = v2 is not None and not (year_like and u2.text == "")
    else:
        ok = v2 is not None and u2.unit == u.unit and u2.text == u.text
    if not ok:
        return None
    assert v2 is not None
    if is_den and tu:
        s -= len(seg) - tu.start()
    return v2, u2, s


_HALF = Decimal("0.5")
_SIGNS = ("-", "\u2212")  # hyphen-minus and the minus sign U+2212


def _compound(
    ctx: _Ctx, value: Decimal | int, u: _Unit, last: Decimal
) -> tuple[Decimal, _Unit, Decimal] | None:
    """A compound amount after a number read up to ``u.end``: "2 tỷ 500 triệu đồng"
    (2.5e9), "3 triệu 200 nghìn" (3.2e6). The first part has a scale word and no unit,
    the second a smaller scale word and is less than the ratio of the two scales; the
    value is the sum and the unit the second part's; parts chain ("1 tỷ 200 triệu 500
    nghìn"), ``last`` being the scale of the part before. Returns the summed value
    divided by the first scale, the unit after the second part and its scale, or None."""
    m = _R_COMPOUND.match(ctx.text, u.end)
    if m is None or u.unit is not None or u.half or u.scale is _ONE:
        return None
    u2 = _read_unit(ctx.text, m.end(), False)
    n2 = Decimal(m.group(1))
    if not (u2.scale < last and n2 * u2.scale < last) or u2.half:
        return None
    total = Decimal(value) * u.scale + n2 * u2.scale
    return (
        total / u.scale,
        _Unit(u2.end, u2.unit, u.scale, f"{u.text} {m.group(1)} {u2.text}"),
        u2.scale,
    )


def _signed(ctx: _Ctx, s: int) -> bool:
    """True when a minus sign is written right before the number at ``s``: "-5%",
    "−5%" (U+2212), "tăng trưởng -2,5%", "(-1.000 tỷ đồng)". The sign is glued to
    the number and follows a space, an opening bracket or the start of a line, and
    the word before it is no number ("1 -2" and "1-2" are ranges; "ABC-5" is a
    code, read before this rule)."""
    text = ctx.text
    if s - 1 < ctx.floor or text[s - 1] not in _SIGNS:
        return False
    if s - 1 == ctx.floor and ctx.floor > 0 and not text[s - 2].isspace():
        return False
    before = text[s - 2 : s - 1] if s >= 2 else ""
    if before not in ("", " ", "\n", "(", "[", ":", "“", '"'):
        return False
    j = s - 2
    while j >= 0 and text[j] == " ":
        j -= 1
    return j < 0 or not (text[j].isdecimal() or text[j] in "%‰")


def _figure(
    ctx: _Ctx,
    value: Decimal | int,
    num_end: int,
    *,
    decimal_number: bool,
    low_high: tuple[Decimal | int, Decimal | int] | None = None,
    allow_range: bool = True,
    denominator: Decimal | None = None,
    unit: _Unit | None = None,
) -> Mention:
    """Build a figure from a number ``ctx.s``..``num_end``: reads unit, range, qualifier.

    ``value`` and ``low_high`` are unscaled; the scale word found after the number
    (or after the second number of a range) multiplies them. ``unit`` is what
    ``_read_unit(ctx.text, num_end, decimal_number)`` gives, when the caller has read it.
    """
    text = ctx.text
    s = ctx.s
    u = _read_unit(text, num_end, decimal_number) if unit is None else unit
    if u.half and low_high is None and denominator is None:
        value = value + _HALF  # "1 triệu rưỡi": one and a half million
    elif u.scale is not _ONE and low_high is None and denominator is None:
        last = u.scale
        comp = _compound(ctx, value, u, last)
        while comp is not None:
            value, u, last = comp
            comp = _compound(ctx, value, u, last)
    end, unit_name, scale, unit_text = u.end, u.unit, u.scale, u.text
    # _R_RANGE_SEP starts with a dash, or with a white space before a dash, "đến" or "tới"
    c0 = text[end : end + 1]
    if (
        allow_range
        and low_high is None
        and denominator is None
        and (c0 in ("-", "–") or (c0.isspace() and text[end + 1 : end + 2] in ("-", "–", "đ", "t")))
    ):
        second = _range_end(ctx, s, u)
        if second is not None:
            v2, u2, s = second
            low_high = (value, v2)
            end, unit_name, scale, unit_text = u2.end, u2.unit, u2.scale, u2.text
    if low_high is not None and unit_text == "" and text[end + 1 : end + 2] in _TIMEUNIT_FIRST:
        tu2 = _R_TIMEUNIT.match(text, end)
        if tu2:  # "từ 5 đến 7 ngày", "2 - 3 tháng": a range of durations
            end, unit_name, unit_text = tu2.end(), "other", tu2.group(1)
    sign = low_high is None and text[s - 1 : s] in _SIGNS and _signed(ctx, s)
    if sign:
        s -= 1
        value = -value
    qual, s0 = _qualifier(ctx, s, end)
    if qual == "over" and s0 < s and _per_unit(text, s0, s, value, unit_text):
        qual = None  # "trên 1 ha": per hectare, not "over one hectare"
    else:
        s = s0
    if qual is None and low_high is None:
        # "từ 1 tỷ USD trở lên", "đạt 4 sao trở lên": a threshold
        tl = _R_THRESHOLD.match(text, end) if text[end + 1 : end + 3] == "tr" else None
        if tl:
            qual = "over" if tl.group(1) == "trở lên" else "under"
            end = tl.end()
            seg = text[max(ctx.floor, s - 4) : s]
            tu = _L_TU.search(seg)
            if tu:
                s -= len(seg) - tu.start()
    if denominator is not None:
        raw = text[s:end]
        q = _quantity(_fl(value), "ratio", _fl(denominator), qual, None, None, 1.0, unit_text, raw)
        return _mention(s, end, raw, "figure", q, "figure: ratio")
    value_out: Decimal | int
    if low_high is not None:
        lo, hi = low_high[0] * scale, low_high[1] * scale
        value_out, low, high = lo, _fl(lo), _fl(hi)
    else:
        value_out, low, high = (value if scale is _ONE else value * scale), None, None
    flag = ""
    if unit_name is None and scale is not _ONE and scale >= _BILLION:
        if scale >= _TRILLION:
            # "10,5 nghìn tỷ", "1,79 triệu tỷ": amounts of money (see the docstring)
            unit_name = "vnd"
            flag = _FLAG_VND_BY_SIZE
        else:
            flag = _FLAG_TY_COUNT
    q_unit = unit_name if unit_name is not None else _count_unit(value_out)
    raw = text[s:end]
    q = _quantity(
        float(value_out),
        q_unit,
        None,
        qual,
        low,
        high,
        1.0 if scale is _ONE else float(scale),
        unit_text,
        raw,
    )
    return _mention(s, end, raw, "figure", q, _FIGURE_REASON[q_unit], flag)
