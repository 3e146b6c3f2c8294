"""Method breaks of published indices, read from the codebook's ``method_breaks`` cell.

A publisher that changes its method (the DTI in 2021 and 2024, PAPI's dimensions in
2018) makes values before and after the change not comparable. The codebook states the
breaks in words ("2020: first edition; 2021-2023: 9 main indices; 2024: 8 main
indices"); these functions read the years at which each method period starts, so the
models and the rank trajectories can flag a comparison across a break.

This module is a leaf: it imports nothing of the package.
"""
from __future__ import annotations

import re

__all__ = ["method_period", "method_period_starts"]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124
        return ""
    return str(value).strip()


_SEGMENT = re.compile(r"^\s*(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*:")
_REVISED = re.compile(r"revised(?: in|[^;]*?\(e\.g\.)\s*((?:\d{4}(?:,\s*)?)+)")


def method_period_starts(text) -> tuple[int, ...]:
    """Years at which the publisher's method periods start, read from ``method_breaks``.

    Parameters
    ----------
    text : str
        The codebook's ``method_breaks`` cell.

    Returns
    -------
    tuple of int
        Sorted start years; empty when the text names none.

    Examples
    --------
    >>> method_period_starts("2020: first edition; 2021-2023: 9 main indices; 2024: 8 main")
    (2020, 2021, 2024)
    >>> method_period_starts("Annual since 2017; the questionnaire was revised in 2022")
    (2022,)
    >>> method_period_starts("")
    ()
    """
    starts: set[int] = set()
    for segment in _text(text).split(";"):
        m = _SEGMENT.match(segment)
        if m:
            starts.add(int(m.group(1)))
    for m in _REVISED.finditer(_text(text)):
        starts.update(int(y) for y in re.findall(r"\d{4}", m.group(1)))
    return tuple(sorted(starts))


def method_period(text, year: int) -> str:
    """The method period a year falls in (``""`` when the codebook names no break).

    Parameters
    ----------
    text : str
        The codebook's ``method_breaks`` cell.
    year : int

    Returns
    -------
    str
        ``"from YYYY"`` for the period starting in YYYY, ``"before YYYY"`` for years
        before the first start.

    Examples
    --------
    >>> breaks = "2020: first edition; 2021-2023: 9 main indices; 2024: 8 main indices"
    >>> [method_period(breaks, y) for y in (2020, 2022, 2023, 2024)]
    ['from 2020', 'from 2021', 'from 2021', 'from 2024']
    >>> method_period("2018: dimensions 7 and 8 added", 2016)
    'before 2018'
    """
    starts = method_period_starts(text)
    if not starts:
        return ""
    before = [s for s in starts if s <= int(year)]
    return f"from {before[-1]}" if before else f"before {starts[0]}"


