"""Consistency audit: do the sources contradict themselves?

Checks, per figure (``check`` column of ``audit.csv``, :class:`dtanalysis.codes.AuditCheck`),
run in the order of :data:`CHECKS`:

``percent_vs_ratio``
    A stated percentage against its own numerator/denominator, with the tolerance
    its decimals allow: half a unit of the last stated decimal either way, or a full
    unit upwards when the source truncates (73% for 73.004 and 70,6% for 70.604 are
    fine; 88,03% for 103/117 = 88.034 too).
``implied_denominator``
    The denominator a share implies (13.484 adults = 1,03% → 1.30–1.32 million),
    as an interval from the rounding, against the denominators table (same province,
    tolerance widened by 2% a year between the two dates) and against the other
    denominators of the same quantity, province and year (implied or stated).
``duplicate`` / ``conflict``
    The same value reported twice for one province, indicator, period and measure
    type (info), or two different values (contradiction).
``range``
    Percentages below 0 or above the indicator's ceiling, ratios whose numerator
    exceeds the denominator.
``override_unmatched``
    An override that no longer matches any figure.
``period_after_document``
    A level whose reference period ends after the date of its document (given
    ``document_dates``): a figure reported on D cannot describe a state after D.

Published observations (:func:`audit_published`, run by the build beside
:func:`audit_figures`):

``published_conflict``
    Two published observations of one unit × indicator × period (the panel keeps the
    strongest, every id in ``observation_ids``) that differ beyond the rounding their
    printed digits allow.
``text_vs_published``
    A text panel row and a published row of the same province × indicator × period
    and unit that differ beyond that rounding.

The rounding a value allows is half a unit of its last printed digit on either side:
0.58 allows 0.575–0.585 (so 0.5796 agrees with it: verdict ``ok``), 91.87 allows
91.865–91.875 (so 91.81 contradicts it); a whole number's trailing zeros are rounding
too (1,720,000 allows ±5,000); a rank is exact. Identical values give no row.

Verdicts (:class:`dtanalysis.codes.Verdict`): ``ok``, ``info``, ``warning``,
``contradiction``.

Every row says what was compared in words (``expected``, ``observed``,
``explanation``) and in numbers: ``expected_low``/``expected_high`` and
``observed_low``/``observed_high`` in ``value_unit`` (a single value has low = high),
and ``compared_with`` (:class:`dtanalysis.codes.ComparedWith`) with the figure
(``compared_figure_id``, ``compared_raw``) or the denominators-table row
(``denominator_year``, ``denominator_quantity``) compared against. The numbers are
the ones the readable cells show (rounded as shown), so the two never disagree. The
readable cells write the numbers the package computes in one format, the English one
("1,120,394–1,133,785", "88.03"); the text a source printed is quoted as printed, in
quotes ("'1,03%'").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .codes import AuditCheck, ComparedWith, Verdict
from .tables import columns

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "AUDIT_COLUMNS",
    "CHECKS",
    "audit_figures",
    "audit_published",
    "printed_rounding",
    "rounding_interval",
]

#: The columns of ``audit.csv`` (declared in :data:`dtanalysis.tables.processed.AUDIT`).
AUDIT_COLUMNS = tuple(columns("audit"))
_QTY = {
    "adults": "adult_population",
    "households": "households",
    "population": "population",
    "communes": "communes",
}
GROWTH_PER_YEAR = 0.02
_NAN = float("nan")


def _decimals(raw: str) -> int:
    m = re.search(r"\d+(?:[.,](\d+))?\s*%", raw)
    if m and m.group(1) and "," in m.group(0):
        return len(m.group(1))
    return 0


def rounding_interval(value: float, raw: str) -> tuple[float, float]:
    """Return the interval of true percentages a stated percentage allows.

    Parameters
    ----------
    value : float
        The stated percentage (e.g. 88.03).
    raw : str
        Its text (e.g. "88,03%"), whose decimals set the precision.

    Returns
    -------
    tuple of float
        ``(value - u/2, value + u)`` with ``u`` one unit of the last decimal: a rounded
        or a truncated value.

    Examples
    --------
    >>> rounding_interval(73.0, "73%")
    (72.5, 74.0)
    """
    u = 10.0 ** -_decimals(raw)
    return value - u / 2, value + u


def _fmt(x: float) -> str:
    """A number in the English format of the readable cells: "1,234", "428.97", "88.034".

    Hundreds keep two decimals, so that no number shows three digits after its point
    ("428.969" would read as a Vietnamese 428,969).
    """
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.2f}".rstrip("0").rstrip(".")
    return f"{x:.4g}" if abs(x) < 10 else f"{x:.3f}".rstrip("0").rstrip(".")


def _shown(x: float) -> float:
    """The number :func:`_fmt` writes, as a number (what the readable cell shows)."""
    if abs(x) >= 1000:
        return float(round(x))
    if abs(x) >= 100:
        return round(x, 2)
    return float(f"{x:.4g}") if abs(x) < 10 else round(x, 3)


def _printed(f: dict) -> str:
    """A figure's quantity in the English format, with its text as printed in quotes.

    "89.74% ('89,74%')", "1,300,000 ('1,3 triệu')", "75–80% ('75-80%')".
    """
    raw = str(f.get("raw", ""))
    low, high, value = _num(f.get("low")), _num(f.get("high")), _num(f.get("value"))
    pct = "%" if f.get("unit") == "percent" else ""
    if low is not None and high is not None and high > low:
        shown = f"{_fmt(low)}–{_fmt(high)}{pct}"
    elif value is not None:
        shown = f"{_fmt(value)}{pct}"
    else:
        return f"'{raw}'"
    return f"{shown} ('{raw}')"


def _num(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


@dataclass(frozen=True)
class _Numbers:
    """The numeric side of an audit row."""

    unit: str = ""
    expected: tuple[float, float] = (_NAN, _NAN)
    observed: tuple[float, float] = (_NAN, _NAN)
    compared_with: ComparedWith | None = None
    figure_id: str = ""
    raw: str = ""
    year: int | None = None
    quantity: str = ""

    def columns(self) -> dict[str, Any]:
        return {
            "value_unit": self.unit,
            "expected_low": self.expected[0],
            "expected_high": self.expected[1],
            "observed_low": self.observed[0],
            "observed_high": self.observed[1],
            "compared_with": str(self.compared_with or ""),
            "compared_figure_id": self.figure_id,
            "compared_raw": self.raw,
            "denominator_year": self.year,
            "denominator_quantity": self.quantity,
        }


def _row(
    f: dict,
    check: AuditCheck,
    expected: str,
    observed: str,
    verdict: Verdict,
    explanation: str,
    numbers: _Numbers,
) -> dict:
    return {
        "figure_id": f.get("figure_id", ""),
        "province_id": f.get("province_id", ""),
        "province": f.get("province", ""),
        "indicator": f.get("indicator", ""),
        "check": str(check),
        "expected": expected,
        "observed": observed,
        "verdict": str(verdict),
        "explanation": explanation,
        **numbers.columns(),
    }


def _point(x: float) -> tuple[float, float]:
    return (x, x)


def _stated(f: dict) -> tuple[float, float]:
    """A figure's own value as an interval: its range, else its value."""
    low, high = _num(f.get("low")), _num(f.get("high"))
    if low is not None and high is not None:
        return (low, high)
    value = _num(f.get("value"))
    return _point(value) if value is not None else (_NAN, _NAN)


@dataclass(frozen=True)
class _Denominator:
    """A denominator stated or implied by a figure: ``lo``–``hi`` of ``qty`` in ``year``."""

    f: dict
    qty: str
    year: int | None
    lo: float
    hi: float
    how: str  # "stated" or "implied"


@dataclass
class _Audit:
    """What the checks share: the classified figures and the reference tables."""

    recs: list[dict]
    codebook: pd.DataFrame
    denominators: pd.DataFrame
    absorbed_ids: set[str]
    unmatched_overrides: pd.DataFrame | None
    implied: list[_Denominator] = field(default_factory=list)
    document_dates: dict[str, str] = field(default_factory=dict)

    def quantity(self, f: dict) -> str:
        ind = f.get("indicator", "")
        return (
            _QTY.get(self.codebook.loc[ind, "denominator"], "")
            if ind in self.codebook.index
            else ""
        )

    def ceiling(self, f: dict) -> float:
        ind = f.get("indicator", "")
        return float(self.codebook.loc[ind, "ceiling"]) if ind in self.codebook.index else 100.0


def _year(f: dict) -> int | None:
    return int(f["period_end"][:4]) if str(f.get("period_end", ""))[:4].isdigit() else None


def _percent_with_numerator(f: dict) -> bool:
    return (
        f.get("unit") == "percent"
        and _num(f.get("value")) is not None
        and _num(f.get("share_numerator")) is not None
    )


def _denominators(a: _Audit) -> list[_Denominator]:
    """The denominators each figure states or implies (what the denominator checks compare)."""
    out = []
    for f in a.recs:
        qty, year = a.quantity(f), _year(f)
        if _percent_with_numerator(f):
            num, den = _num(f.get("share_numerator")), _num(f.get("share_denominator"))
            lo, hi = rounding_interval(_num(f.get("value")), str(f.get("raw", "")))
            if den:
                if qty:
                    out.append(_Denominator(f, qty, year, den, den, "stated"))
            elif _num(f.get("value")) > 0:
                out.append(_Denominator(f, qty, year, 100 * num / hi, 100 * num / lo, "implied"))
        elif f.get("unit") == "ratio" and qty:
            d = _num(f.get("denominator"))
            if d:
                out.append(_Denominator(f, qty, year, d, d, "stated"))
    return out


def _check_percent_vs_ratio(a: _Audit) -> list[dict]:
    """A stated percentage against its own numerator/denominator."""
    rows = []
    for f in a.recs:
        den = _num(f.get("share_denominator"))
        if not (_percent_with_numerator(f) and den):
            continue
        val, raw, num = _num(f.get("value")), str(f.get("raw", "")), _num(f.get("share_numerator"))
        lo, hi = rounding_interval(val, raw)
        exp = 100 * num / den
        ok = lo <= exp < hi
        where = "within" if ok else "outside"
        rows.append(
            _row(
                f,
                AuditCheck.PERCENT_VS_RATIO,
                f"{_fmt(exp)}% ({_fmt(num)}/{_fmt(den)})",
                _printed(f),
                Verdict.OK if ok else Verdict.CONTRADICTION,
                f"{_fmt(num)}/{_fmt(den)} = {exp:.3f}%, {where} the rounding of '{raw}' "
                f"[{lo:g}, {hi:g})"
                f"; {f.get('share_basis', '')}",
                _Numbers("percent", _point(_shown(exp)), _stated(f), ComparedWith.OWN_FRACTION),
            )
        )
    return rows


def _check_own_implied_denominator(a: _Audit) -> list[dict]:
    """The denominator a share and its count imply (info)."""
    rows = []
    for d in a.implied:
        if d.how != "implied":
            continue
        f, raw = d.f, str(d.f.get("raw", ""))
        num, val = _num(f.get("share_numerator")), _num(f.get("value"))
        rows.append(
            _row(
                f,
                AuditCheck.IMPLIED_DENOMINATOR,
                f"{_fmt(d.lo)}–{_fmt(d.hi)}",
                _printed(f),
                Verdict.INFO,
                f"{_fmt(num)} = '{raw}' implies a denominator of about {_fmt(100 * num / val)} "
                f"({d.qty or 'unknown quantity'}, {d.year or 'year unknown'})",
                _Numbers(
                    "count",
                    (_shown(d.lo), _shown(d.hi)),
                    compared_with=ComparedWith.OWN_SHARE,
                    quantity=d.qty,
                ),
            )
        )
    return rows


def _check_implied_vs_table(a: _Audit) -> list[dict]:
    """An implied denominator against the denominators table (same province and quantity)."""
    rows = []
    dens = a.denominators
    for imp in a.implied:
        if not imp.qty or imp.how != "implied":
            continue
        f, lo, hi, qty, year = imp.f, imp.lo, imp.hi, imp.qty, imp.year
        mid = (lo + hi) / 2
        sub = dens[(dens["province_id"] == f.get("province_id")) & (dens["quantity"] == qty)]
        for d in sub.to_dict("records"):
            gap = abs(year - int(d["year"])) if year else 5
            tol = GROWTH_PER_YEAR * max(gap, 1)
            ok = lo * (1 - tol) <= d["value"] <= hi * (1 + tol)
            rows.append(
                _row(
                    f,
                    AuditCheck.IMPLIED_DENOMINATOR,
                    f"{_fmt(d['value'])} ({qty} {d['year']}, denominators.csv)",
                    f"{_fmt(lo)}–{_fmt(hi)}",
                    Verdict.OK if ok else Verdict.CONTRADICTION,
                    f"'{f['raw']}' implies {_fmt(mid)} {qty.replace('_', ' ')} in "
                    f"{year or 'an unknown year'}; denominators.csv has {_fmt(d['value'])} for "
                    f"{d['year']} ({d['status']}; {d['source']}); "
                    f"difference {100 * (mid / d['value'] - 1):+.1f}%"
                    + (
                        ""
                        if ok
                        else f", beyond the rounding and {100 * tol:.0f}% for population change"
                    ),
                    _Numbers(
                        "count",
                        _point(_shown(d["value"])),
                        (_shown(lo), _shown(hi)),
                        ComparedWith.DENOMINATORS_TABLE,
                        year=int(d["year"]),
                        quantity=qty,
                    ),
                )
            )
    return rows


def _check_implied_vs_other(a: _Audit) -> list[dict]:
    """An implied denominator against the other denominators of its quantity, province and year."""
    rows = []
    for imp in a.implied:
        if not imp.qty or imp.how != "implied":
            continue
        f, lo, hi, qty, year = imp.f, imp.lo, imp.hi, imp.qty, imp.year
        for other in a.implied:
            g = other.f
            if (
                g is f
                or other.qty != qty
                or g.get("province_id") != f.get("province_id")
                or other.year != year
            ):
                continue
            ok = lo <= other.hi and other.lo <= hi
            stated = other.how == "stated"
            shown = f"{_fmt(other.lo)}" if stated else f"{_fmt(other.lo)}–{_fmt(other.hi)}"
            rows.append(
                _row(
                    f,
                    AuditCheck.IMPLIED_DENOMINATOR,
                    f"{shown} ({other.how} by {g['figure_id']} '{g['raw']}')",
                    f"{_fmt(lo)}–{_fmt(hi)}",
                    Verdict.OK if ok else Verdict.CONTRADICTION,
                    f"'{f['raw']}' and '{g['raw']}' ({g.get('indicator', '')}) imply "
                    f"{'compatible' if ok else 'different'} {qty.replace('_', ' ')} for the same "
                    f"province and year ({year or 'unknown'})",
                    _Numbers(
                        "count",
                        _point(_shown(other.lo))
                        if stated
                        else (_shown(other.lo), _shown(other.hi)),
                        (_shown(lo), _shown(hi)),
                        ComparedWith.STATED_DENOMINATOR
                        if stated
                        else ComparedWith.IMPLIED_DENOMINATOR,
                        figure_id=g["figure_id"],
                        raw=str(g["raw"]),
                        quantity=qty,
                    ),
                )
            )
    return rows


def _check_range(a: _Audit) -> list[dict]:
    """Percentages outside 0 to the ceiling; ratios whose numerator exceeds the denominator."""
    rows = []
    for f in a.recs:
        val, ind = _num(f.get("value")), f.get("indicator", "")
        ceiling = a.ceiling(f)
        if (
            f.get("unit") == "percent"
            and val is not None
            and f.get("measure_type") != "change"
            and not 0 <= val <= ceiling
        ):
            rows.append(
                _row(
                    f,
                    AuditCheck.RANGE,
                    f"0–{ceiling:g}%",
                    _printed(f),
                    Verdict.CONTRADICTION,
                    f"a share of {val:g}% is outside 0–{ceiling:g}% for {ind}",
                    _Numbers("percent", (0.0, ceiling), _stated(f), ComparedWith.POSSIBLE_RANGE),
                )
            )
        n, d = _num(f.get("numerator")), _num(f.get("denominator"))
        if f.get("unit") == "ratio" and n is not None and d is not None and (d <= 0 or n > d):
            rows.append(
                _row(
                    f,
                    AuditCheck.RANGE,
                    "numerator ≤ denominator",
                    _printed(f),
                    Verdict.CONTRADICTION,
                    f"'{f['raw']}': the numerator exceeds the denominator",
                    _Numbers("count", (0.0, d), _point(n), ComparedWith.POSSIBLE_RANGE),
                )
            )
    return rows


def _check_duplicates(a: _Audit) -> list[dict]:
    """The same period reported twice: the same value (info) or a different one (contradiction)."""
    groups: dict[tuple, list[dict]] = {}
    for f in a.recs:
        if f.get("figure_id") in a.absorbed_ids:
            continue
        key = (
            f.get("province_id"),
            f.get("indicator"),
            f.get("period_start"),
            f.get("period_end"),
            f.get("measure_type"),
            f.get("unit"),
        )
        groups.setdefault(key, []).append(f)
    rows = []
    for key, fs in groups.items():
        if len(fs) < 2:
            continue
        fs = sorted(fs, key=lambda g: (g["doc_id"], int(g["start"])))
        first = fs[0]
        when = f"{key[2] or '…'}/{key[3] or '…'}"
        for g in fs[1:]:
            same = _num(g.get("value")) == _num(first.get("value"))
            rows.append(
                _row(
                    g,
                    AuditCheck.DUPLICATE if same else AuditCheck.CONFLICT,
                    f"{_printed(first)} ({first['figure_id']})",
                    _printed(g),
                    Verdict.INFO if same else Verdict.CONTRADICTION,
                    (
                        f"the same value is reported twice for {key[1]}, {key[4]}, period {when}"
                        if same
                        else f"two different values for {key[1]}, {key[4]}, period {when}: "
                        f"'{first['raw']}' and '{g['raw']}'; the panel keeps '{first['raw']}'"
                    ),
                    _Numbers(
                        str(g.get("unit") or ""),
                        _stated(first),
                        _stated(g),
                        ComparedWith.FIGURE,
                        figure_id=first["figure_id"],
                        raw=str(first["raw"]),
                    ),
                )
            )
    return rows


def _check_override_unmatched(a: _Audit) -> list[dict]:
    """Overrides that match no figure any more."""
    if a.unmatched_overrides is None:
        return []
    rows = []
    for r in a.unmatched_overrides.to_dict("records"):
        where = f" in '{r['sentence_contains']}'" if r.get("sentence_contains") else ""
        rows.append(
            _row(
                {},
                AuditCheck.OVERRIDE_UNMATCHED,
                f"{r['doc_id']} '{r['raw']}'{where}",
                "no figure",
                Verdict.WARNING,
                f"overrides.csv line {r.get('line', '')}: {r['action']} ({r['reason']}) "
                "matches no figure any more",
                _Numbers(compared_with=ComparedWith.OVERRIDES),
            )
        )
    return rows


def _check_period_after_document(a: _Audit) -> list[dict]:
    """Levels whose period ends after the date of the document that reports them."""
    rows = []
    for f in a.recs:
        date = a.document_dates.get(str(f.get("doc_id", "")), "")[:10]
        end = str(f.get("period_end", "") or "")[:10]
        if f.get("measure_type") != "level" or len(date) < 10 or len(end) < 10 or end <= date:
            continue
        rows.append(
            _row(
                f,
                AuditCheck.PERIOD_AFTER_DOCUMENT,
                f"a period ending by {date} (the document's date)",
                f"{f.get('period_start') or '…'}/{end} '{f.get('raw', '')}'",
                Verdict.WARNING,
                f"a level reported in a document dated {date} cannot end after it, but its "
                f"period ends {end} (basis: {f.get('period_basis', '')})",
                _Numbers(compared_with=ComparedWith.DOCUMENT_DATE, raw=date),
            )
        )
    return rows


#: The checks, in order; each takes the shared state and returns its audit rows.
CHECKS: tuple[Callable[[_Audit], list[dict]], ...] = (
    _check_percent_vs_ratio,
    _check_own_implied_denominator,
    _check_implied_vs_table,
    _check_implied_vs_other,
    _check_range,
    _check_duplicates,
    _check_override_unmatched,
    _check_period_after_document,
)


def audit_figures(
    figures: pd.DataFrame,
    *,
    absorbed_ids: set[str] | None = None,
    unmatched_overrides: pd.DataFrame | None = None,
    denominators: pd.DataFrame | None = None,
    document_dates: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Run the consistency checks (:data:`CHECKS`) on classified figures.

    Parameters
    ----------
    figures : pandas.DataFrame
        Classified figures (:attr:`dtanalysis.panel.PanelResult.figures`).
    absorbed_ids : set of str, optional
        Counts merged into the share they are the numerator of (not duplicates).
    unmatched_overrides : pandas.DataFrame, optional
        Overrides that matched no figure.
    denominators : pandas.DataFrame, optional
        Default :func:`dtanalysis.reference.load_denominators`.
    document_dates : dict, optional
        ``doc_id`` → ISO date of the document (check ``period_after_document``; without
        it the check finds nothing).

    Returns
    -------
    pandas.DataFrame
        ``AUDIT_COLUMNS``, sorted by figure_id, check and expected.
    """

    from .reference import load_codebook, load_denominators

    recs = (
        [f for f in figures.to_dict("records") if f.get("status") == "classified"]
        if len(figures)
        else []
    )
    state = _Audit(
        recs,
        load_codebook().set_index("indicator_id"),
        load_denominators() if denominators is None else denominators,
        absorbed_ids or set(),
        unmatched_overrides,
        document_dates=dict(document_dates or {}),
    )
    state.implied = _denominators(state)
    return _audit_frame([row for check in CHECKS for row in check(state)])


def _audit_frame(rows: list[dict]) -> pd.DataFrame:
    """Audit rows as a frame of :data:`AUDIT_COLUMNS`, sorted by figure_id, check, expected."""
    import pandas as pd

    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    out["denominator_year"] = out["denominator_year"].astype("Int64")
    return out.sort_values(["figure_id", "check", "expected"], kind="mergesort").reset_index(
        drop=True
    )


# ---------------------------------------------------------------------------
# Published observations
# ---------------------------------------------------------------------------

_FACT = ["unit_kind", "unit_id", "unit_name", "indicator", "period_start", "period_end"]
_STATUS_ORDER = {"verified": 0, "secondary": 1, "weak": 2}
_SOURCE_ORDER = {"primary": 0, "secondary": 1}


def printed_rounding(value: float, unit: str = "") -> float:
    """Half a unit of the last printed digit of `value`: the rounding it allows.

    The digits are those of the shortest repr of the number (what a CSV of printed
    values holds): 0.58 → 0.005, 91.87 → 0.005, 70.6 → 0.05; a whole number's trailing
    zeros are rounding as well (1,720,000 → 5,000; 13,484 → 0.5); a rank is exact (0).

    Examples
    --------
    >>> printed_rounding(0.58)
    0.005
    >>> printed_rounding(24.0, "rank")
    0.0
    """
    if unit == "rank":
        return 0.0
    text = repr(float(value)).lower()
    if "e" in text or not math.isfinite(value):
        return 0.0
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if frac:
        return 10.0 ** -len(frac) / 2
    digits = whole.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
    return 10.0**zeros / 2


def _agree(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """True when `a` and `b` are one value within the rounding both allow."""
    tol = printed_rounding(a, unit_a) + printed_rounding(b, unit_b)
    return abs(a - b) <= tol * (1 + 1e-9) if tol else a == b


def _published_numbers(kept: dict, other: dict, unit: str) -> _Numbers:
    return _Numbers(
        unit,
        _point(float(kept["value"])),
        _point(float(other["value"])),
        ComparedWith.PUBLISHED,
        figure_id=str(kept["observation_id"]),
        raw=str(kept.get("value_as_printed", "") or ""),
    )


def _unit_of(o: dict) -> dict:
    """The unit columns of an audit row for a published observation."""
    pre = o.get("unit_kind") == "province_pre2025"
    return {
        "figure_id": o["observation_id"],
        "province_id": str(o.get("unit_id", "")) if pre else "",
        "province": str(o.get("unit_name", "")),
        "indicator": str(o.get("indicator", "")),
    }


def _published_conflicts(obs: pd.DataFrame) -> list[dict]:
    """Published observations of one fact against the one the panel keeps."""
    ranked = obs.assign(
        _status=obs["status"].map(_STATUS_ORDER).fillna(9),
        _source=obs["source_kind"].map(_SOURCE_ORDER).fillna(9),
    ).sort_values([*_FACT, "_status", "_source", "observation_id"], kind="mergesort")
    rows = []
    for key, group in ranked.groupby(_FACT, sort=True, dropna=False):
        recs = [r for r in group.to_dict("records") if _num(r.get("value")) is not None]
        for other in recs[1:]:
            kept = recs[0]
            a, b = float(kept["value"]), float(other["value"])
            if a == b:
                continue
            same = _agree(a, kept["unit"], b, other["unit"])
            when = f"{key[4]}/{key[5]}"
            rows.append(
                _row(
                    _unit_of(other),
                    AuditCheck.PUBLISHED_CONFLICT,
                    f"{_fmt(a)} ({kept['observation_id']}, {kept['publisher']})",
                    f"{_fmt(b)} ({other['publisher']}: '{other.get('value_as_printed', '')}')",
                    Verdict.OK if same else Verdict.CONTRADICTION,
                    f"two published values of {key[3]} for {key[2]}, period {when}: "
                    f"{_fmt(a)} and {_fmt(b)}, "
                    + (
                        "within the rounding of their printed digits"
                        if same
                        else "beyond the rounding of their printed digits"
                    )
                    + f"; the panel keeps {kept['observation_id']}",
                    _published_numbers(kept, other, str(other["unit"])),
                )
            )
    return rows


def _text_vs_published(panel: pd.DataFrame, obs: pd.DataFrame) -> list[dict]:
    """Text panel rows against the published row of the same province, indicator, period."""
    key = ["province_id", "indicator", "period_start", "period_end", "measure_type", "unit"]
    text = panel[(panel["origin"] == "text") & (panel["province_id"] != "")]
    pub = panel[(panel["origin"] == "published") & (panel["unit_kind"] == "province_pre2025")]
    if not len(text) or not len(pub):
        return []
    by_id = {r["observation_id"]: r for r in obs.to_dict("records")}
    published = {tuple(r[k] for k in key): r for r in pub.to_dict("records")}
    rows = []
    for t in text.to_dict("records"):
        p = published.get(tuple(t[k] for k in key))
        if p is None or _num(t.get("value")) is None or _num(p.get("value")) is None:
            continue
        a, b = float(p["value"]), float(t["value"])
        if a == b:
            continue
        kept = by_id.get(str(p["observation_ids"]).split(";")[0], {})
        same = _agree(a, str(p["unit"]), b, str(t["unit"]))
        fid = str(t.get("figure_ids", "")).split(";")[0]
        rows.append(
            _row(
                {**t, "figure_id": fid},
                AuditCheck.TEXT_VS_PUBLISHED,
                f"{_fmt(a)} ({kept.get('observation_id', '')}, {kept.get('publisher', '')})",
                f"{_fmt(b)} ({fid})",
                Verdict.OK if same else Verdict.CONTRADICTION,
                f"the text gives {_fmt(b)} and the published statistics {_fmt(a)} for "
                f"{t['indicator']}, period {t['period_start']}/{t['period_end']}: "
                + ("within" if same else "beyond")
                + " the rounding of their printed digits",
                _published_numbers({**kept, "value": a}, t, str(t["unit"])),
            )
        )
    return rows


def audit_published(observations: pd.DataFrame, panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare published statistics with each other and with the texts.

    Parameters
    ----------
    observations : pandas.DataFrame
        Typed published observations (:func:`dtanalysis.observations.load_observations`).
    panel : pandas.DataFrame, optional
        The panel built from the texts and these observations (``origin`` text and
        published); without it only the published observations are compared with each
        other.

    Returns
    -------
    pandas.DataFrame
        ``AUDIT_COLUMNS`` rows of the checks ``published_conflict`` and
        ``text_vs_published`` (verdict ``contradiction`` beyond the rounding the printed
        digits allow, ``ok`` within it; identical values give no row), sorted as
        :func:`audit_figures` sorts.
    """
    rows: list[dict] = []
    if observations is not None and len(observations):
        rows += _published_conflicts(observations)
        if panel is not None and len(panel):
            rows += _text_vs_published(panel, observations)
    return _audit_frame(rows)
