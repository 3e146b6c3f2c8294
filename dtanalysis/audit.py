"""Consistency audit: do the sources contradict themselves?

Checks, per figure (``check`` column of ``audit.csv``):

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

Verdicts: ``ok``, ``info``, ``warning``, ``contradiction``.
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["AUDIT_COLUMNS", "audit_figures", "rounding_interval"]

AUDIT_COLUMNS = ("figure_id", "province_id", "province", "indicator", "check", "expected", "observed",
                 "verdict", "explanation")
_QTY = {"adults": "adult_population", "households": "households", "population": "population",
        "communes": "communes"}
GROWTH_PER_YEAR = 0.02


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
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.4g}" if abs(x) < 10 else f"{x:.3f}".rstrip("0").rstrip(".")


def _row(f: dict, check: str, expected: str, observed: str, verdict: str, explanation: str) -> dict:
    return {"figure_id": f.get("figure_id", ""), "province_id": f.get("province_id", ""),
            "province": f.get("province", ""), "indicator": f.get("indicator", ""), "check": check,
            "expected": expected, "observed": observed, "verdict": verdict, "explanation": explanation}


def _num(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def audit_figures(figures: pd.DataFrame, *, absorbed_ids: set[str] | None = None,
                  unmatched_overrides: pd.DataFrame | None = None, denominators: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """Run the consistency checks on classified figures.

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

    Returns
    -------
    pandas.DataFrame
        ``AUDIT_COLUMNS``, sorted by figure_id and check.
    """
    import pandas as pd

    from .reference import load_codebook, load_denominators

    cb = load_codebook().set_index("indicator_id")
    dens = load_denominators() if denominators is None else denominators
    absorbed_ids = absorbed_ids or set()
    rows: list[dict] = []
    recs = [f for f in figures.to_dict("records") if f.get("status") == "classified"] if len(figures) else []

    # percent vs own numerator/denominator; implied denominators
    implied: list[tuple[dict, str, int | None, float, float, str]] = []  # f, qty, year, lo, hi, how
    for f in recs:
        val, raw = _num(f.get("value")), str(f.get("raw", ""))
        num, den = _num(f.get("share_numerator")), _num(f.get("share_denominator"))
        ind = f.get("indicator", "")
        qty = _QTY.get(cb.loc[ind, "denominator"], "") if ind in cb.index else ""
        year = int(f["period_end"][:4]) if str(f.get("period_end", ""))[:4].isdigit() else None
        if f.get("unit") == "percent" and val is not None and num is not None:
            lo, hi = rounding_interval(val, raw)
            if den:
                exp = 100 * num / den
                ok = lo <= exp < hi
                rows.append(_row(f, "percent_vs_ratio", f"{_fmt(exp)}% ({_fmt(num)}/{_fmt(den)})", raw,
                                 "ok" if ok else "contradiction",
                                 (f"{_fmt(num)}/{_fmt(den)} = {exp:.3f}%, within the rounding of {raw} "
                                  f"[{lo:g}, {hi:g})" if ok else
                                  f"{_fmt(num)}/{_fmt(den)} = {exp:.3f}%, outside the rounding of {raw} "
                                  f"[{lo:g}, {hi:g})") + f"; {f.get('share_basis', '')}"))
                if qty:
                    implied.append((f, qty, year, den, den, "stated"))
            elif val > 0:
                dlo, dhi = 100 * num / hi, 100 * num / lo
                implied.append((f, qty, year, dlo, dhi, "implied"))
                rows.append(_row(f, "implied_denominator", f"{_fmt(dlo)}–{_fmt(dhi)}", raw, "info",
                                 f"{_fmt(num)} = {raw} implies a denominator of about {_fmt(100 * num / val)} "
                                 f"({qty or 'unknown quantity'}, {year or 'year unknown'})"))
        elif f.get("unit") == "ratio" and qty:
            d = _num(f.get("denominator"))
            if d:
                implied.append((f, qty, year, d, d, "stated"))
    for f, qty, year, lo, hi, how in implied:
        if not qty or how != "implied":
            continue
        mid = (lo + hi) / 2
        sub = dens[(dens["province_id"] == f.get("province_id")) & (dens["quantity"] == qty)]
        for d in sub.to_dict("records"):
            gap = abs(year - int(d["year"])) if year else 5
            tol = GROWTH_PER_YEAR * max(gap, 1)
            ok = lo * (1 - tol) <= d["value"] <= hi * (1 + tol)
            rows.append(_row(f, "implied_denominator", f"{_fmt(d['value'])} ({qty} {d['year']}, denominators.csv)",
                             f"{_fmt(lo)}–{_fmt(hi)}", "ok" if ok else "contradiction",
                             f"{f['raw']} implies {_fmt(mid)} {qty.replace('_', ' ')} in "
                             f"{year or 'an unknown year'}; denominators.csv has {_fmt(d['value'])} for "
                             f"{d['year']} ({d['status']}; {d['source']}); difference {100 * (mid / d['value'] - 1):+.1f}%"
                             + ("" if ok else f", beyond the rounding and {100 * tol:.0f}% for population change")))
        for g, qty2, year2, lo2, hi2, how2 in implied:
            if g is f or qty2 != qty or g.get("province_id") != f.get("province_id") or year2 != year:
                continue
            ok = lo <= hi2 and lo2 <= hi
            other = f"{_fmt(lo2)}" if how2 == "stated" else f"{_fmt(lo2)}–{_fmt(hi2)}"
            rows.append(_row(f, "implied_denominator", f"{other} ({how2} by {g['figure_id']} '{g['raw']}')",
                             f"{_fmt(lo)}–{_fmt(hi)}", "ok" if ok else "contradiction",
                             f"{f['raw']} and {g['raw']} ({g.get('indicator', '')}) imply "
                             f"{'compatible' if ok else 'different'} {qty.replace('_', ' ')} for the same "
                             f"province and year ({year or 'unknown'})"))
    # range
    for f in recs:
        val = _num(f.get("value"))
        ind = f.get("indicator", "")
        ceiling = float(cb.loc[ind, "ceiling"]) if ind in cb.index else 100.0
        if f.get("unit") == "percent" and val is not None and f.get("measure_type") != "change" and \
                not 0 <= val <= ceiling:
            rows.append(_row(f, "range", f"0–{ceiling:g}%", str(f["raw"]), "contradiction",
                             f"a share of {val:g}% is outside 0–{ceiling:g}% for {ind}"))
        n, d = _num(f.get("numerator")), _num(f.get("denominator"))
        if f.get("unit") == "ratio" and n is not None and d is not None and (d <= 0 or n > d):
            rows.append(_row(f, "range", "numerator ≤ denominator", str(f["raw"]), "contradiction",
                             f"{f['raw']}: the numerator exceeds the denominator"))
    # duplicates and conflicts
    groups: dict[tuple, list[dict]] = {}
    for f in recs:
        if f.get("figure_id") in absorbed_ids:
            continue
        key = (f.get("province_id"), f.get("indicator"), f.get("period_start"), f.get("period_end"),
               f.get("measure_type"), f.get("unit"))
        groups.setdefault(key, []).append(f)
    for key, fs in groups.items():
        if len(fs) < 2:
            continue
        fs = sorted(fs, key=lambda g: (g["doc_id"], int(g["start"])))
        first = fs[0]
        for g in fs[1:]:
            same = _num(g.get("value")) == _num(first.get("value"))
            when = f"{key[2] or '…'}/{key[3] or '…'}"
            rows.append(_row(g, "duplicate" if same else "conflict",
                             f"{first['raw']} ({first['figure_id']})", str(g["raw"]),
                             "info" if same else "contradiction",
                             (f"the same value is reported twice for {key[1]}, {key[4]}, period {when}"
                              if same else
                              f"two different values for {key[1]}, {key[4]}, period {when}: "
                              f"{first['raw']} and {g['raw']}; the panel keeps {first['raw']}")))
    if unmatched_overrides is not None:
        for r in unmatched_overrides.to_dict("records"):
            rows.append({"figure_id": "", "province_id": "", "province": "", "indicator": "",
                         "check": "override_unmatched",
                         "expected": f"{r['doc_id']} '{r['raw']}'" + (f" in '{r['sentence_contains']}'"
                                                                      if r.get("sentence_contains") else ""),
                         "observed": "no figure", "verdict": "warning",
                         "explanation": f"overrides.csv line {r.get('line', '')}: {r['action']} "
                                        f"({r['reason']}) matches no figure any more"})
    out = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    return out.sort_values(["figure_id", "check", "expected"], kind="mergesort").reset_index(drop=True)
