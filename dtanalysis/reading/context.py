"""The context of one digit token, and small helpers shared by the reading rules."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .mention import Mention, new_mention
from .patterns import _L_DATEWORD, _L_QUARTER_BEFORE, _R_FOLLOW_WORD, _Cue
from .quantity import Quantity

_mention = new_mention


def _valid_dm(d: int, m: int) -> bool:
    """True when ``d`` and ``m`` can be a day and a month."""
    return 1 <= d <= 31 and 1 <= m <= 12


def _is_year(y: int) -> bool:
    """True for the years a bare number may name (1900-2100)."""
    return 1900 <= y <= 2100


def _fl(d: Decimal | int) -> float:
    """``float(d)``."""
    return float(d)


_FIGURE_REASON = {
    u: f"figure: {u}"
    for u in ("percent", "count", "ratio", "vnd", "other", "percent_point", "per_mille")
}


def _count_unit(value: Decimal | int) -> str:
    """Unit of a bare number: ``count`` when integral, else ``other``."""
    if isinstance(value, int):
        return "count"
    return "count" if value == value.to_integral_value() else "other"


def _follow_word(text: str, pos: int) -> str | None:
    """The word after ``pos`` when one space separates it, else None."""
    m = _R_FOLLOW_WORD.match(text, pos)
    return m.group(1) if m else None


def _line_start(text: str, s: int) -> int:
    """Offset of the start of the line holding ``s``."""
    i = text.rfind("\n", 0, s)
    return i + 1


class _Ctx:
    """Per-token context passed to the classifier.

    ``text``, ``s``, ``e``, ``floor``, ``left``, ``lw`` and ``nc`` are set here; the
    classifier (:func:`dtanalysis.reading.rules.classify`) adds the token facts that
    its rules read: ``tok``, ``prev``, ``prev_list``, ``is_int``, ``has_slash``, then
    ``timeunit`` (before the shape rules) and ``value``, ``ival``, ``unit`` (before
    the number rules).
    """

    __slots__ = (
        "e",
        "floor",
        "has_slash",
        "is_int",
        "ival",
        "left",
        "lw",
        "nc",
        "prev",
        "prev_list",
        "s",
        "text",
        "timeunit",
        "tok",
        "unit",
        "value",
    )
    tok: str
    prev: Any
    prev_list: str | None
    is_int: bool
    has_slash: bool
    timeunit: re.Match[str] | None
    value: Any
    ival: int
    unit: Any

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
    """The mention ``text[s:e]`` of ``kind``."""
    return _mention(s, e, text[s:e], kind, q, reason)


def _one(text: str, s: int, e: int, kind: str, reason: str) -> tuple[Mention, None]:
    """A single non-figure mention and no list state (a classifier result)."""
    return _mention(s, e, text[s:e], kind, None, reason), None


def _with_dateword(ctx: _Ctx) -> int:
    """Start of the token's span including a calendar word before it ("ngày 13/5")."""
    w = _L_DATEWORD.find(ctx.left) if ctx.lw in _L_DATEWORD.last_words else None
    return ctx.s - (len(ctx.left) - w.start(1)) if w else ctx.s


def _extend_quarter(text: str, st: int, floor: int) -> int:
    """Extend "năm 2025" to "quý I năm 2025" when a quarter precedes it."""
    seg = text[max(floor, st - 12) : st]
    m = _L_QUARTER_BEFORE.search(seg)
    return st - (len(seg) - m.start(1)) if m else st
