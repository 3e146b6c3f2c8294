"""Published observations as panel rows, beside the rows the texts give.

:func:`published_panel_rows` turns ``data/observations/*.csv``
(:func:`dtanalysis.observations.load_observations`) into rows of ``panel.csv``:

- one row per unit × indicator × period; where several published rows give the same
  fact (two pages restating one rank), the row with the strongest status gives the value
  (verified before secondary before weak, then a primary source before a secondary one,
  then the observation id) and ``observation_ids`` lists all of them, the one used first;
  the audit compares the others with it (:func:`dtanalysis.audit.audit_published`);
- ``share`` is the percentage over 100, or a bounded index score rescaled to 0-1 by the
  codebook's scale (``scale_min``, ``scale_max``), said in ``denominator_source``; a rank
  keeps the size of its ranked set in ``denominator`` and has no share;
- pre-2025 provinces, post-1 July 2025 units and the country are different units
  (``unit_kind``): a province's rows carry its 2025 unit only for periods ending on or
  after the reorganisation, as the text rows do, and no row of a 2025 unit is ever merged
  with the rows of the provinces that formed it.

:func:`aggregate_rows` builds, for a 2025 unit, the sum of a stock count (population)
over the provinces that formed it, only where every one of them has the count for the
same period, labelled ``origin = "aggregate"`` with the parts named; shares are never
averaged.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["aggregate_rows", "published_panel_rows"]

_STATUS_RANK = {"verified": 0, "secondary": 1, "weak": 2}
_SOURCE_RANK = {"primary": 0, "secondary": 1}
_KEY = ["unit_kind", "unit_id", "unit_name", "indicator", "period_start", "period_end"]


def published_panel_rows(observations: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Panel rows (``panel.csv`` columns) from published observations.

    Parameters
    ----------
    observations : pandas.DataFrame
        Typed published observations (:func:`dtanalysis.observations.load_observations`).
    codebook : pandas.DataFrame
        :func:`dtanalysis.reference.load_codebook` (scales of the index scores).

    Returns
    -------
    pandas.DataFrame
        One row per unit × indicator × period, ``origin = "published"``, in no particular
        order (the panel sorts).
    """
    import pandas as pd

    from .tables import columns

    if observations is None or not len(observations):
        return pd.DataFrame(columns=columns("panel"))
    ranked = observations.assign(
        _status=observations["status"].map(_STATUS_RANK).fillna(9),
        _source=observations["source_kind"].map(_SOURCE_RANK).fillna(9),
    ).sort_values([*_KEY, "_status", "_source", "observation_id"], kind="mergesort")
    scales = codebook.set_index("indicator_id")
    rows = [_row(group, scales) for _, group in ranked.groupby(_KEY, sort=True, dropna=False)]
    return pd.DataFrame(rows, columns=columns("panel"))


def _row(group: pd.DataFrame, scales: pd.DataFrame) -> dict:
    """The panel row of one fact: the first (strongest) observation gives the value."""
    from .reference import unit_2025

    first = group.iloc[0]
    pre2025 = first["unit_kind"] == "province_pre2025"
    province_id = first["unit_id"] if pre2025 else ""
    if pre2025:
        new_id, new_name = unit_2025(province_id, first["period_end"])
    elif first["unit_kind"] == "unit_2025":
        new_id, new_name = "", first["unit_name"]
    else:
        new_id, new_name = "", ""
    share, denominator, basis = _share(first, scales)
    return {
        "unit_kind": first["unit_kind"],
        "province_id": province_id,
        "province": first["unit_name"],
        "indicator": first["indicator"],
        "period_start": first["period_start"],
        "period_end": first["period_end"],
        "measure_type": "level",
        "value": float(first["value"]),
        "unit": first["unit"],
        "share": share,
        "numerator": float("nan"),
        "denominator": denominator,
        "denominator_source": basis,
        "qualifier": "",
        "low": float("nan"),
        "high": float("nan"),
        "approximate": False,
        "origin": "published",
        "figure_ids": "",
        "doc_ids": "",
        "observation_ids": ";".join(group["observation_id"]),
        "province_2025_id": new_id,
        "province_2025": new_name,
    }


def _share(obs: pd.Series, scales: pd.DataFrame) -> tuple[float, float, str]:
    """``(share, denominator, where it comes from)`` of one published value."""
    nan = float("nan")
    value, unit = float(obs["value"]), obs["unit"]
    if unit == "rank":
        size = obs["ranked_set_size"]
        return nan, float(size), f"ranked set of {int(size)} (published)"
    book = scales.loc[obs["indicator"]] if obs["indicator"] in scales.index else None
    lo = book["scale_min"] if book is not None else nan
    hi = book["scale_max"] if book is not None else nan
    if book is not None and book["kind"] == "index" and not math.isnan(hi + lo) and hi > lo:
        return (
            (value - lo) / (hi - lo),
            nan,
            f"index score rescaled to 0-1 from its scale {lo:g}-{hi:g} (codebook)",
        )
    if unit == "percent":
        denominator = float(obs["denominator"]) if not _missing(obs["denominator"]) else nan
        return value / 100, denominator, "published percentage"
    return nan, nan, ""


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def aggregate_rows(panel: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Sums of stock counts over the provinces that formed each 2025 unit.

    Built only where every province that formed the unit has a published count of the
    indicator for the same period (the parts named in ``denominator_source``, their
    observation ids in ``observation_ids``); the unit's own published figure, if any,
    stays a separate row and the audit compares the two.

    Returns
    -------
    pandas.DataFrame
        Panel rows with ``origin = "aggregate"`` and ``unit_kind = "unit_2025"``.
    """
    import pandas as pd

    from .tables import columns
    from .tables.observations import UNITS_2025

    stocks = set(
        codebook.loc[(codebook["unit"] == "count") & (codebook["kind"] == "stock"), "indicator_id"]
    )
    parts = panel[
        (panel["unit_kind"] == "province_pre2025")
        & (panel["origin"] == "published")
        & panel["indicator"].isin(stocks)
    ]
    rows = []
    for unit, members in UNITS_2025.items():
        if len(members) < 2:
            continue
        mine = parts[parts["province"].isin(members)]
        for key, group in mine.groupby(["indicator", "period_start", "period_end"], sort=True):
            if set(group["province"]) != set(members) or len(group) != len(members):
                continue
            group = group.sort_values("province", kind="mergesort")
            rows.append(_aggregate_row(unit, key, group))
    return pd.DataFrame(rows, columns=columns("panel"))


def _aggregate_row(unit: str, key: tuple[str, str, str], group: pd.DataFrame) -> dict:
    indicator, start, end = key
    nan = float("nan")
    named = " + ".join(
        f"{p} {v:,.0f}" for p, v in zip(group["province"], group["value"], strict=True)
    )
    return {
        "unit_kind": "unit_2025",
        "province_id": "",
        "province": unit,
        "indicator": indicator,
        "period_start": start,
        "period_end": end,
        "measure_type": "level",
        "value": float(group["value"].sum()),
        "unit": "count",
        "share": nan,
        "numerator": nan,
        "denominator": nan,
        "denominator_source": f"aggregate of the provinces that formed {unit}: {named}",
        "qualifier": "",
        "low": nan,
        "high": nan,
        "approximate": False,
        "origin": "aggregate",
        "figure_ids": "",
        "doc_ids": "",
        "observation_ids": ";".join(group["observation_ids"]),
        "province_2025_id": "",
        "province_2025": unit,
    }
