"""Notebook 3, gaps to targets: the targets, where each province stands, the pace needed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "applicable_targets",
    "gaps_standing_summary",
    "gaps_table",
    "missing_summary",
    "required_pace",
    "show_gap_figure",
    "targets_summary",
    "targets_table",
]

#: One row per province × indicator × target in the wide gaps table.
KEYS = ["province", "indicator", "target_id"]
#: Columns of the targets table.
TARGET_COLUMNS = [
    "applies to",
    "indicator",
    "comparator",
    "value",
    "unit",
    "deadline",
    "source_document",
    "status",
]


def _md(text: str) -> Any:
    from IPython.display import Markdown

    return Markdown(text)


def applicable_targets(targets: Any, chosen: Mapping[str, str], label: Mapping[str, str]) -> Any:
    """The national targets and the provincial targets of the chosen provinces.

    Adds ``applies to`` (the province's name, or ``national``) and labels the indicator.

    Parameters
    ----------
    targets : DataFrame
        :func:`dtanalysis.reference.load_targets`.
    chosen : mapping
        ``{province_id: name}`` of the page.
    label : mapping
        ``{indicator_id: label}``.
    """
    scope = targets["scope"].astype(str)
    applicable = targets[(scope == "national") | scope.isin(list(chosen))].copy()
    applicable["applies to"] = applicable["scope"].map(lambda s: chosen.get(str(s), s))
    indicator = applicable["indicator_id"]
    applicable["indicator"] = indicator.map(label).fillna(indicator)
    return applicable


def targets_summary(applicable: Any) -> Any:
    """How many targets apply, national and provincial, by status (Markdown)."""
    national = int((applicable["scope"].astype(str) == "national").sum())
    status = applicable["status"].value_counts()
    return _md(
        f"**{len(applicable)}** targets apply here: "
        f"{national} national and {len(applicable) - national} provincial; by status: "
        + ", ".join(f"{n} {s}" for s, n in status.items())
        + "."
    )


def targets_table(applicable: Any, lang: str = "en") -> Any:
    """The applicable targets, by province, deadline and indicator (a pandas Styler).

    Target values are written as a reader of `lang` writes them (``100%``, ``1,234.5``
    or ``1.234,5``: :func:`dtanalysis.notebook.common.format_number`).
    """
    from .common import format_number

    ordered = applicable.sort_values(["applies to", "deadline", "indicator"])
    shown = ordered[TARGET_COLUMNS].copy()
    if "value" in shown and "unit" in shown:
        shown["value"] = [
            format_number(v, lang, unit=u)
            for v, u in zip(shown["value"], shown["unit"], strict=True)
        ]
    return shown.style.set_uuid("targets").hide(axis="index")


def _measure(gaps: Any, name: str, columns: list[str]) -> Any:
    rows = gaps[gaps["measure"] == name]
    return rows[KEYS + columns].rename(columns={c: f"{name}: {c}" for c in columns})


def gaps_table(gaps: Any, label: Mapping[str, str], lang: str = "en") -> Any:
    """The wide gaps table: one row per province × target, the main measures side by side.

    The latest observation, the absolute gap and its class, the projection at the
    deadline with its interval, and the CAGR-ratio class (a pandas Styler).

    Parameters
    ----------
    gaps : DataFrame
        The page's rows of ``gaps.csv``.
    label : mapping
        ``{indicator_id: label}``.
    lang : {"en", "vi"}, default "en"
        Numbers as a reader of `lang` writes them (:func:`format_number`).
    """
    base = gaps.drop_duplicates(KEYS)[
        KEYS + ["target_value", "deadline", "latest_date", "latest_value", "n_obs"]
    ]
    summary = (
        base.merge(
            _measure(gaps, "absolute_gap_pp", ["value", "classification"]), on=KEYS, how="left"
        )
        .merge(
            _measure(gaps, "projected_value_at_deadline", ["value", "ci_lower", "ci_upper"]),
            on=KEYS,
            how="left",
        )
        .merge(_measure(gaps, "cagr_ratio", ["classification"]), on=KEYS, how="left")
        .sort_values(KEYS)
    )
    from .common import format_number

    summary["indicator"] = summary["indicator"].map(label).fillna(summary["indicator"])
    numbers = list(summary.select_dtypes("number").columns)
    styled = summary.style.set_uuid("gaps").format(
        lambda v: format_number(v, lang, digits=3), subset=numbers, na_rep="—"
    )
    return styled.hide(axis="index")


def gaps_standing_summary(gaps: Any, label: Mapping[str, str]) -> list[Any]:
    """How many pairs meet their target, how the projections fall, the largest gap.

    Returns
    -------
    list of IPython.display.Markdown
        One or two paragraphs (pass them to ``display(*...)``).
    """
    absolute = gaps[gaps["measure"] == "absolute_gap_pp"]
    met = absolute["classification"].eq("target met").sum()
    projected = gaps[(gaps["measure"] == "projected_value_at_deadline") & gaps["value"].notna()]
    short = projected[projected["ci_upper"] < projected["target_value"]]
    reach = projected[projected["ci_lower"] >= projected["target_value"]]
    out = [
        _md(
            f"Of **{len(absolute)}** province × target pairs with an observation, "
            f"**{met}** already meet the target and **{len(absolute) - met}** do not. "
            f"A projection at the deadline exists for **{len(projected)}** "
            f"{'pair' if len(projected) == 1 else 'pairs'} "
            f"(the others have too few observations for a curve); for **{len(short)}** of "
            f"them the whole 95% interval falls short of the target, and for "
            f"**{len(reach)}** it lies at or above it."
        )
    ]
    if len(absolute):
        largest = absolute.sort_values("value", ascending=False).iloc[0]
        out.append(
            _md(
                f"The largest remaining gap is {largest['value']:.4g} percentage points: "
                f"{largest['province']}, {label.get(largest['indicator'], largest['indicator'])}, "
                f"{largest['latest_value']:.4g} against a target of "
                f"{largest['target_value']:.4g} by {largest['deadline']}."
            )
        )
    return out


def required_pace(gaps: Any, label: Mapping[str, str], *, top: int = 3) -> list[Any]:
    """The `top` targets needing the fastest growth: required CAGR and logit slope.

    Returns
    -------
    list of IPython.display.Markdown
        One item per target, or one sentence saying that there is none to compute.
    """
    import numpy as np

    need = gaps[gaps["measure"].isin(["required_cagr", "required_logit_slope"])]
    need = need[need["value"].notna()]
    if need.empty:
        return [_md("No province on this page has an observation of an indicator with a target.")]
    need = need.pivot_table(
        index=KEYS + ["latest_value", "target_value", "deadline"],
        columns="measure",
        values="value",
        aggfunc="first",
    ).reset_index()
    need = need[need["required_cagr"] > 0].sort_values("required_cagr", ascending=False)
    return [
        _md(
            f"- {r['province']}, {label.get(r['indicator'], r['indicator'])} ({r['target_id']}): "
            f"from {r['latest_value']:.4g}% to {r['target_value']:.4g}% by {r['deadline']} needs "
            f"growth of {100 * r['required_cagr']:.0f}% a year (odds × "
            f"{np.exp(r['required_logit_slope']):.2f} a year; logit slope "
            f"{r['required_logit_slope']:.2f})."
        )
        for _, r in need.head(top).iterrows()
    ]


def show_gap_figure(gaps: Any, chosen: Mapping[str, str], lang: str) -> None:
    """Draw and show the gap figure of the page, or say that there is nothing to draw."""
    from IPython.display import display

    from ..plots import gap_figure
    from .common import show_figure

    if len(gaps):
        show_figure(gap_figure(gaps, lang=lang, provinces=list(chosen)))
    else:
        display(
            _md(
                f"No observation of {', '.join(chosen.values())} matches a target's indicator: "
                "there is no gap to draw."
            )
        )


def missing_summary(gaps: Any) -> Any:
    """How many measure rows have no value, by reason (Markdown)."""
    missing = gaps[gaps["value"].isna()]
    reasons = missing["classification"].value_counts()
    return _md(
        f"{len(missing)} of {len(gaps)} measure rows {'has' if len(missing) == 1 else 'have'} "
        "no value: "
        + (", ".join(f"{n} {c}" for c, n in reasons.items()) if len(reasons) else "none")
        + "."
    )
