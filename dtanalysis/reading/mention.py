"""The :class:`Mention` record: one digit-bearing token of a text and its kind."""

from __future__ import annotations

from dataclasses import dataclass

from .quantity import Quantity

__all__ = ["KINDS", "Mention", "new_mention"]

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
    flag : str
        Empty when the reading is certain; else why it may be wrong, in one line
        (e.g. a comma before exactly three digits in a text that groups thousands
        with "."; see :mod:`dtanalysis.reading`).
    """

    start: int
    end: int
    raw: str
    kind: str
    quantity: Quantity | None = None
    reason: str = ""
    flag: str = ""

    def to_dict(self) -> dict[str, object]:
        """Flatten the mention and its quantity into one dict.

        Returns
        -------
        dict
            Keys ``start, end, raw, kind, reason, value, unit, numerator,
            denominator, qualifier, low, high, scale, unit_text, flag`` (quantity
            fields None for non-figures).
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
            "flag": self.flag,
        }


_new_object = object.__new__


def new_mention(
    start: int,
    end: int,
    raw: str,
    kind: str,
    quantity: Quantity | None,
    reason: str,
    flag: str = "",
) -> Mention:
    """``Mention(start, end, raw, kind, quantity, reason, flag)``, built faster.

    Like :func:`dtanalysis.reading.quantity.new_quantity`: the extractor builds one
    mention per digit token, so it fills the instance dict directly (same fields,
    same order: a test compares the result with the dataclass constructor).
    """
    m = _new_object(Mention)
    d = m.__dict__
    d["start"] = start
    d["end"] = end
    d["raw"] = raw
    d["kind"] = kind
    d["quantity"] = quantity
    d["reason"] = reason
    d["flag"] = flag
    return m


def flagged(m: Mention, flag: str) -> Mention:
    """``m`` with ``flag`` set (a new mention; ``m`` is not changed)."""
    return new_mention(m.start, m.end, m.raw, m.kind, m.quantity, m.reason, flag)
