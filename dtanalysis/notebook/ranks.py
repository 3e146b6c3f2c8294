"""Notebook 5, provinces over time: who moved up, who fell behind, and where ranks cannot say.

Everything here reads ``ranks.csv`` (the rank trajectories of the build); nothing is
fitted again. A *run* is the longest stretch of one unit's ranking on one indicator in
which every step is a plain change of places (``comparable``: same ranked set, same
period length, no method break): the change over a run is a number of places, and its
first year is "since when".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .common import count, verb

__all__ = [
    "RUN_COLUMNS",
    "limits_summary",
    "movers_summary",
    "page_provinces_summary",
    "rank_overview",
    "rank_runs",
    "runs_table",
]

#: Columns of :func:`rank_runs`.
RUN_COLUMNS = (
    "province",
    "indicator",
    "unit_kind",
    "since",
    "until",
    "first_rank",
    "last_rank",
    "ranked_set_size",
    "places_up",
    "steps",
)
_SERIES = ["unit_kind", "province", "indicator"]


def _md(text: str) -> Any:
    from IPython.display import Markdown

    return Markdown(text)


def _series(ranks: Any) -> Any:
    return ranks.sort_values([*_SERIES, "period_end"]).groupby(_SERIES, sort=True)


def rank_runs(ranks: Any) -> Any:
    """The comparable runs of every series: from which year, by how many places.

    Parameters
    ----------
    ranks : DataFrame
        ``ranks.csv`` (:func:`dtanalysis.read_table`).

    Returns
    -------
    DataFrame
        One row per run of at least one comparable step, with :data:`RUN_COLUMNS`;
        ``places_up`` is positive for a unit that moved up (a better, lower rank).
    """
    import pandas as pd

    rows = []
    for key, group in _series(ranks):
        run: list[Any] = []
        for _, row in group.iterrows():
            if run and bool(row["comparable"]):
                run.append(row)
                continue
            if len(run) >= 2:
                rows.append(_run_row(key, run))
            run = [row]
        if len(run) >= 2:
            rows.append(_run_row(key, run))
    frame = pd.DataFrame(rows, columns=list(RUN_COLUMNS))
    if frame.empty:
        return frame
    return frame.sort_values(["indicator", "places_up", "province"], ascending=[True, False, True])


def _run_row(key: tuple[str, str, str], run: list[Any]) -> dict[str, Any]:
    unit_kind, province, indicator = key
    first, last = run[0], run[-1]
    return {
        "province": province,
        "indicator": indicator,
        "unit_kind": unit_kind,
        "since": int(first["year"]),
        "until": int(last["year"]),
        "first_rank": int(first["rank"]),
        "last_rank": int(last["rank"]),
        "ranked_set_size": int(last["ranked_set_size"]),
        "places_up": int(first["rank"] - last["rank"]),
        "steps": len(run) - 1,
    }


def rank_overview(ranks: Any) -> Any:
    """How many ranked series, how many can be followed over time (Markdown)."""
    if ranks.empty:
        return _md(
            "`ranks.csv` holds no published rank: the build read no published "
            "observations (`data/observations/`), so no province can be followed over time."
        )
    sizes = _series(ranks).size()
    several = int((sizes >= 2).sum())
    single = int((sizes == 1).sum())
    steps = int(ranks["comparable"].sum())
    years = ranks["year"]
    return _md(
        f"`ranks.csv` holds {count(len(ranks), 'published rank', bold=True)} of "
        f"{count(ranks['province'].nunique(), 'unit', bold=True)} on "
        f"{count(ranks['indicator'].nunique(), 'indicator', bold=True)}, "
        f"{years.min()} to {years.max()}: {count(len(sizes), 'series')} "
        f"(unit × indicator), of which {count(several, 'series', bold=True)} "
        f"{verb(several, 'has', 'have')} two periods or more and "
        f"{count(single, 'series', bold=True)} {verb(single, 'is', 'are')} a single "
        f"observation. {count(steps, 'step', bold=True)} from one period to the next "
        f"{verb(steps, 'is', 'are')} a plain change of places."
    )


def runs_table(runs: Any, label: Mapping[str, str]) -> Any:
    """The runs with indicator labels, movers first within each indicator (a Styler)."""
    shown = runs.assign(indicator=runs["indicator"].map(label).fillna(runs["indicator"]))
    return shown[list(RUN_COLUMNS)].style.set_uuid("rank-runs").hide(axis="index")


def _mover(row: Any, label: Mapping[str, str]) -> str:
    places = abs(int(row["places_up"]))
    return (
        f"- {row['province']}, {label.get(row['indicator'], row['indicator'])}: "
        f"{'up' if row['places_up'] > 0 else 'down'} {count(places, 'place')} since "
        f"{row['since']} (rank {row['first_rank']} to {row['last_rank']} of "
        f"{row['ranked_set_size']}, {row['until']})"
    )


def movers_summary(runs: Any, label: Mapping[str, str], top: int = 3) -> Any:
    """Who moved up and who fell behind most, by how many places and since when (Markdown)."""
    if runs.empty:
        return _md("No series has two comparable periods: no movement can be read.")
    up = runs[runs["places_up"] > 0].sort_values(["places_up", "province"], ascending=[False, True])
    down = runs[runs["places_up"] < 0].sort_values(["places_up", "province"])
    same = int((runs["places_up"] == 0).sum())
    head = (
        f"Of {count(len(runs), 'comparable run', bold=True)} (one unit's ranking on one "
        f"indicator over consecutive comparable periods), "
        f"{count(len(up), 'is a move', 'are moves')} up, "
        f"{count(len(down), 'is a fall', 'are falls')} and {same} "
        f"{verb(same, 'ends', 'end')} where {verb(same, 'it', 'they')} started."
    )
    lines = [head]
    if len(up):
        movers = [_mover(r, label) for _, r in up.head(top).iterrows()]
        lines += ["", "Largest moves up:", "", *movers]
    if len(down):
        lines += ["", "Largest falls:", ""] + [
            _mover(r, label) for _, r in down.head(top).iterrows()
        ]
    return _md("\n".join(lines))


def page_provinces_summary(runs: Any, chosen: Mapping[str, str], label: Mapping[str, str]) -> Any:
    """The runs of the page's provinces, one line each, or that they have none (Markdown)."""
    mine = runs[runs["province"].isin(list(chosen.values()))] if len(runs) else runs
    names = ", ".join(chosen.values())
    if mine.empty:
        return _md(f"None of {names} has two comparable ranked periods.")
    lines = [_mover(r, label) if r["places_up"] else (
        f"- {r['province']}, {label.get(r['indicator'], r['indicator'])}: rank "
        f"{r['last_rank']} of {r['ranked_set_size']} in {r['until']}, as in {r['since']}"
    ) for _, r in mine.iterrows()]
    without = [n for n in chosen.values() if n not in set(mine["province"])]
    if without:
        lines.append(
            f"- {', '.join(without)}: no two comparable ranked periods "
            "(single observations, or a method break between them)"
        )
    return _md(f"The provinces of this page ({names}):\n\n" + "\n".join(lines))


def limits_summary(ranks: Any) -> Any:
    """Where ranks cannot be compared over time, each case counted (Markdown)."""
    if ranks.empty:
        return _md("There are no ranks to compare.")
    flags = ranks["flags"].str.split(";").explode().str.strip()
    breaks = int((flags == "method break").sum())
    period = int((flags == "period length changed").sum())
    sets = sorted({int(s) for s in ranks["ranked_set_size"].dropna()})
    new_units = ranks.loc[ranks["unit_kind"] == "unit_2025", "province"].nunique()
    sizes = _series(ranks).size()
    single = int((sizes == 1).sum())
    joined = " or ".join(str(s) for s in sets)
    items = [
        f"- **Method breaks:** {count(breaks, 'step')} {verb(breaks, 'crosses', 'cross')} a "
        + "change of the publisher's method (the `method break` flag); the places before and "
        + "after are not compared.",
        f"- **Ranked sets:** the rankings rank {joined} units; places among sets of "
        + "different sizes are not comparable (the rank percentile, 0 best and 1 last, is "
        + "shown instead).",
        f"- **2025 units:** {count(new_units, 'merged unit')} of 2025 "
        + f"{verb(new_units, 'is', 'are')} ranked; a merged unit is a new series, never "
        + "joined to the provinces it replaced.",
        f"- **Period length:** {count(period, 'step')} "
        + f"{verb(period, 'compares', 'compare')} periods of different lengths.",
        f"- **Single observations:** {count(single, 'series')} "
        + f"{verb(single, 'has', 'have')} one period only: a level, not a movement.",
    ]
    return _md("\n".join(items))
