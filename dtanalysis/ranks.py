"""Rank trajectories: published ranks of a unit over the years, made comparable.

A published index ranks a set of units each period (the DTI ranks the 63 provinces,
from the 2025 reorganisation 34 merged units; rank 1 is the best). For each unit ×
indicator series of panel rank rows, :func:`rank_trajectories` gives one row per
period with

* the rank and the size ``N`` of the ranked set;
* the rank percentile ``(rank − 1)/(N − 1)``: 0 for the best unit, 1 for the last, so
  a rank among 63 and a rank among 34 can be put on one axis;
* the change from the previous period of the same series: ``places_up = previous rank
  − rank`` (positive: moved *up*, i.e. to a better, lower rank) and the change of the
  percentile (negative: better);
* ties: ranks are competition ranks (two units 15th, none 16th); a unit whose rank is
  shared by other units of the panel in the same period is marked ``tied``, and a
  rank that falls inside the gap a tie leaves (a unit 16th when two are 15th) is
  flagged;
* breaks: a change is a plain change of places only when the ranked set has the same
  size, the period has the same length and no method break of the publisher
  (codebook ``method_breaks``) lies between the two periods. Otherwise the row says
  why in ``flags`` and ``comparable`` is False: across a change of the ranked set
  (63 → 34) ``places_up`` is left empty (places among 63 and among 34 are different
  things) and only the percentile change is given; across a method break the change
  is computed and flagged.

Pre-merger provinces and post-merger units are different series (their
``unit_kind`` differs) and are never joined: no change is computed from a province's
last pre-2025 rank to its new unit's first rank.

Method periods
--------------
The codebook's ``method_breaks`` is text. :func:`method_period_starts` reads the
years at which a method period starts from segments written ``"YYYY: ..."`` or
``"YYYY-YYYY: ..."`` (``;``-separated) and from ``"revised in YYYY"`` /
``"revised ... (e.g. YYYY, YYYY)"``; :func:`method_period` names the period a year
falls in. Two observations are across a break when their periods differ.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .adoption import ModelInputError, _text, decimal_year, series_id
from .breaks import method_period, method_period_starts
from .codes import RankFlag
from .tables.ranks_decl import RANKS

__all__ = [
    "RANK_COLUMNS",
    "method_period",
    "method_period_starts",
    "rank_observations",
    "rank_trajectories",
]

#: Columns of the ranks table, in order (declared in :mod:`dtanalysis.tables.ranks_decl`).
RANK_COLUMNS = RANKS.columns

def _codebook_rows(codebook) -> dict[str, Mapping]:
    if codebook is None:
        from .reference import load_codebook

        codebook = load_codebook()
    if isinstance(codebook, Mapping):
        return {k: dict(v) for k, v in codebook.items()}
    if not isinstance(codebook, pd.DataFrame) or "indicator_id" not in codebook.columns:
        raise ModelInputError("codebook: expected indicators.csv as a DataFrame or a mapping")
    return {_text(r["indicator_id"]): dict(r) for _, r in codebook.iterrows()}


def rank_observations(panel: pd.DataFrame, codebook=None) -> pd.DataFrame:
    """The rank rows of a panel, one per unit × indicator × period.

    Keeps ``level`` rows whose ``unit`` is ``rank`` (or whose indicator's codebook
    unit is ``rank``). The size of the ranked set is the row's ``denominator``. Rows
    of one series and period (the same fact from two sources) are merged: their
    ``observation_ids`` are joined, and when their ranks differ the first (by
    observation id) is kept and ``conflict`` names the values.

    Parameters
    ----------
    panel : pandas.DataFrame
        Panel rows (``unit_kind, province_id, province, indicator, period_start,
        period_end, measure_type, value, unit, denominator, observation_ids``).
    codebook : pandas.DataFrame or mapping, optional
        ``indicators.csv`` (default: the package codebook).

    Returns
    -------
    pandas.DataFrame
        ``unit_kind, province_id, province, indicator, period_start, period_end,
        rank, ranked_set_size, observation_ids, conflict``.

    Raises
    ------
    ModelInputError
        When a required column is missing, or a rank is not a whole number in
        ``1..ranked_set_size``.
    """
    need = ["province_id", "province", "indicator", "period_end", "value"]
    missing = [c for c in need if c not in panel.columns]
    if missing:
        raise ModelInputError(f"panel: missing column(s) {', '.join(missing)}")
    cb = _codebook_rows(codebook)
    df = panel.copy()
    for col in ("unit_kind", "province_id", "province", "indicator", "period_start",
                "period_end", "unit", "measure_type", "observation_ids"):
        df[col] = df[col].map(_text) if col in df.columns else ""
    is_rank = (df["unit"] == "rank") | (
        (df["unit"] == "") & df["indicator"].map(lambda i: _text(cb.get(i, {}).get("unit"))
                                                 == "rank"))
    df = df[is_rank & df["measure_type"].isin(["level", ""]) & (df["period_end"] != "")]
    df["rank"] = pd.to_numeric(df["value"], errors="coerce")
    size = df["denominator"] if "denominator" in df.columns else pd.Series(np.nan, df.index)
    df["ranked_set_size"] = pd.to_numeric(size, errors="coerce")
    bad = ~(df["rank"].notna() & df["ranked_set_size"].notna() & (df["rank"] % 1 == 0)
            & (df["rank"] >= 1) & (df["rank"] <= df["ranked_set_size"]))
    if bad.any():
        r = df[bad].iloc[0]
        raise ModelInputError(
            f"panel: rank {r['value']!r} of {r['ranked_set_size']!r} for {r['province']} "
            f"{r['indicator']} {r['period_end']} is not a whole number in 1..ranked_set_size")
    return _merge_duplicates(df)


def _merge_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    keys = ["unit_kind", "province_id", "province", "indicator", "period_start", "period_end"]
    rows = []
    df = df.sort_values(keys + ["observation_ids"], kind="mergesort")
    for _, grp in df.groupby(keys, sort=True):
        first = grp.iloc[0]
        ranks = sorted({float(v) for v in grp["rank"]})
        sizes = sorted({float(v) for v in grp["ranked_set_size"]})
        ids = ";".join(sorted({i for v in grp["observation_ids"] for i in v.split(";") if i}))
        conflict = ""
        if len(ranks) > 1 or len(sizes) > 1:
            conflict = (f"{RankFlag.CONFLICT}: ranks {', '.join(f'{r:g}' for r in ranks)} of "
                        f"{'/'.join(f'{s:g}' for s in sizes)} in {ids or 'the panel'}; the "
                        "first (by observation id) is kept")
        rows.append({**{k: first[k] for k in keys}, "rank": float(first["rank"]),
                     "ranked_set_size": float(first["ranked_set_size"]),
                     "observation_ids": ids, "conflict": conflict})
    cols = keys + ["rank", "ranked_set_size", "observation_ids", "conflict"]
    return pd.DataFrame(rows, columns=cols)


def _ties(df: pd.DataFrame) -> pd.DataFrame:
    """``n_tied`` (units of the panel sharing the rank) and competition-gap violations."""
    period = ["unit_kind", "indicator", "period_start", "period_end", "ranked_set_size"]
    df = df.copy()
    df["n_tied"] = df.groupby(period + ["rank"])["rank"].transform("size").astype(int)
    df["tie_gap"] = ""
    for _, grp in df.groupby(period, sort=False):
        tied = grp.loc[grp["n_tied"] > 1, ["rank", "n_tied"]].drop_duplicates()
        for rank, n in tied.itertuples(index=False):
            inside = grp[(grp["rank"] > rank) & (grp["rank"] < rank + n)]
            for idx in inside.index:
                df.loc[idx, "tie_gap"] = (
                    f"{RankFlag.TIE_GAP}: {int(n)} units share rank {rank:g}, so no unit "
                    f"should be ranked {df.loc[idx, 'rank']:g} (standard competition ranking)")
    return df


def rank_trajectories(panel: pd.DataFrame, codebook=None, *,
                      method_breaks: Mapping | None = None) -> pd.DataFrame:
    """Rank trajectories of every unit × indicator (the ``ranks`` table).

    Parameters
    ----------
    panel : pandas.DataFrame
        Panel rows (see :func:`rank_observations`); rows other than ranks are ignored.
    codebook : pandas.DataFrame or mapping, optional
        ``indicators.csv`` (default: the package codebook), for the method breaks.
    method_breaks : mapping, optional
        indicator → ``method_breaks`` text, overriding the codebook's.

    Returns
    -------
    pandas.DataFrame
        Columns ``RANK_COLUMNS`` (see :mod:`dtanalysis.tables.ranks_decl`), one row per
        unit × indicator × period, sorted by unit_kind, province_id, province,
        indicator, period_end.

    Examples
    --------
    >>> panel = pd.DataFrame({
    ...     "unit_kind": "province_pre2025", "province_id": "91", "province": "Kiên Giang",
    ...     "indicator": "dti_rank", "period_start": ["2021-01-01", "2022-01-01"],
    ...     "period_end": ["2021-12-31", "2022-12-31"], "measure_type": "level",
    ...     "value": [24, 32], "unit": "rank", "denominator": 63,
    ...     "observation_ids": ["kg.2021", "kg.2022"]})
    >>> t = rank_trajectories(panel, {"dti_rank": {"method_breaks": "2020: a; 2021-2023: b"}})
    >>> row = t.iloc[1]
    >>> float(row["places_up"]), row["movement"], bool(row["comparable"])
    (-8.0, 'down', True)
    >>> float(row["rank_percentile"])  # (32 - 1) / (63 - 1)
    0.5
    >>> t["flags"].iloc[0]
    'first observation'
    """
    cb = _codebook_rows(codebook)
    breaks = {k: _text(v.get("method_breaks")) for k, v in cb.items()}
    breaks.update({k: _text(v) for k, v in (method_breaks or {}).items()})
    obs = _ties(rank_observations(panel, cb))
    frames = []
    keys = ["unit_kind", "province_id", "province", "indicator"]
    for _, grp in obs.groupby(keys, sort=True):
        frames.append(_series_rows(grp.sort_values(["period_end", "period_start"],
                                                   kind="mergesort"),
                                   breaks.get(grp["indicator"].iloc[0], "")))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in RANK_COLUMNS})
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["unit_kind", "province_id", "province", "indicator", "period_end"],
                           kind="mergesort", ignore_index=True)[RANK_COLUMNS]


def _period_days(start: str, end: str) -> float:
    if not start:
        return math.nan
    return round((decimal_year(end) - decimal_year(start)) * 365.25)


def _series_rows(grp: pd.DataFrame, breaks: str) -> pd.DataFrame:
    """One series' rows with the changes between consecutive periods."""
    rows, prev = [], None
    for _, r in grp.iterrows():
        year = int(r["period_end"][:4])
        n, rank = float(r["ranked_set_size"]), float(r["rank"])
        row = {k: r[k] for k in ("unit_kind", "province_id", "province", "indicator",
                                 "period_start", "period_end", "rank", "ranked_set_size",
                                 "observation_ids")}
        row.update(year=year, rank_percentile=(rank - 1) / (n - 1) if n > 1 else math.nan,
                   tied=bool(r["n_tied"] > 1), n_tied=int(r["n_tied"]),
                   method_period=method_period(breaks, year))
        flags, notes = [], []
        if row["tied"]:
            flags.append(RankFlag.TIE)
            notes.append(f"rank {rank:g} shared by {int(r['n_tied'])} units of the panel "
                         "(competition ranking)")
        for extra in (r["tie_gap"], r["conflict"]):
            if extra:
                flags.append(RankFlag.TIE_GAP if extra.startswith(RankFlag.TIE_GAP)
                             else RankFlag.CONFLICT)
                notes.append(extra)
        row.update(_change(prev, row, r, flags, notes))
        row["flags"] = ";".join(str(f) for f in flags)
        row["note"] = "; ".join(notes)
        rows.append(row)
        prev = row
    return pd.DataFrame(rows)


def _change(prev: dict | None, row: dict, r, flags: list, notes: list) -> dict:
    """The change from the previous period, with the flags of what breaks it."""
    nan = math.nan
    if prev is None:
        flags.insert(0, RankFlag.FIRST)
        return {"previous_period_end": "", "previous_rank": nan,
                "previous_ranked_set_size": nan, "places_up": nan, "percentile_change": nan,
                "movement": "", "comparable": False}
    comparable = True
    places = prev["rank"] - row["rank"]
    pct = row["rank_percentile"] - prev["rank_percentile"]
    if prev["ranked_set_size"] != row["ranked_set_size"]:
        comparable, places = False, nan
        flags.append(RankFlag.SET_CHANGE)
        notes.append(f"{RankFlag.SET_CHANGE} ({prev['ranked_set_size']:g} -> "
                     f"{row['ranked_set_size']:g}): places are not comparable, only the "
                     "percentile change is given")
    if prev["method_period"] != row["method_period"]:
        comparable = False
        flags.append(RankFlag.METHOD_BREAK)
        notes.append(f"{RankFlag.METHOD_BREAK} between {prev['year']} ({prev['method_period']}) "
                     f"and {row['year']} ({row['method_period']}): the change mixes movement "
                     "with the change of method")
    d_prev = _period_days(prev["period_start"], prev["period_end"])
    d_row = _period_days(row["period_start"], row["period_end"])
    if math.isfinite(d_prev) and math.isfinite(d_row) and abs(d_prev - d_row) > 3:
        comparable = False
        flags.append(RankFlag.PERIOD_CHANGE)
        notes.append(f"{RankFlag.PERIOD_CHANGE}: {prev['period_start']}..{prev['period_end']} "
                     f"vs {row['period_start']}..{row['period_end']}")
    if r["conflict"] or prev["flags"].count(str(RankFlag.CONFLICT)):
        comparable = False
    basis = places if math.isfinite(places) else -pct
    movement = "up" if basis > 0 else "down" if basis < 0 else "same"
    return {"previous_period_end": prev["period_end"], "previous_rank": prev["rank"],
            "previous_ranked_set_size": prev["ranked_set_size"], "places_up": places,
            "percentile_change": pct, "movement": movement, "comparable": comparable}


def series_of(row: Mapping) -> str:
    """The series id of a ranks-table row (see :func:`dtanalysis.adoption.series_id`)."""
    return series_id(row.get("unit_kind", ""), row.get("province_id", ""),
                     row.get("province", ""))
