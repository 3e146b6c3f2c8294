# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Gaps to targets
#
# National programmes (the national digital-transformation programme, Quyết định
# 749/QĐ-TTg; the e-government strategy, 942/QĐ-TTg; the digital economy and society
# strategy, 411/QĐ-TTg; and the annual plans) and the provinces' own plans set targets
# with deadlines. This page
# shows where each province stands against the targets that apply to it, and where
# its fitted curve would be at the deadline. The package ships every target with its
# source document and a verification status; `dtanalysis.gaps` computes a small panel
# of published gap measures, one row each, every row naming its method.

# %% tags=["parameters"]
PROVINCES = ["Kiên Giang", "Cà Mau", "Hải Dương"]
LANG = "en"

# %%
import numpy as np
from IPython.display import Markdown, display

from dtanalysis.build import load_processed
from dtanalysis.plots import gap_figure
from dtanalysis.reference import load_codebook, load_targets
from dtanalysis.report import resolve_provinces, select_provinces, show_figure

panel = load_processed("panel")
gaps = load_processed("gaps")
targets = load_targets()
codebook = load_codebook()
label_col = "label_vi" if LANG == "vi" else "label_en"
label = dict(zip(codebook["indicator_id"], codebook[label_col], strict=True))

chosen = resolve_provinces(PROVINCES, panel, gaps)
gaps_sel = select_provinces(gaps, chosen)
display(Markdown(f"Provinces on this page: **{', '.join(chosen.values())}**."))

# %% [markdown]
# ## The targets
#
# National targets apply to every province; a provincial target only to its province.
# `status` is the verification status of the target's source (see
# `dtanalysis/data/targets.csv` for the quotes and addresses).

# %%
scope = targets["scope"].astype(str)
applicable = targets[(scope == "national") | scope.isin(chosen)].copy()
applicable["applies to"] = applicable["scope"].map(lambda s: chosen.get(str(s), s))
applicable["indicator"] = applicable["indicator_id"].map(label).fillna(applicable["indicator_id"])
status = applicable["status"].value_counts()
display(
    Markdown(
        f"**{len(applicable)}** targets apply here: "
        f"{int((scope[applicable.index] == 'national').sum())} national and "
        f"{int((scope[applicable.index] != 'national').sum())} provincial; by status: "
        + ", ".join(f"{n} {s}" for s, n in status.items())
        + "."
    )
)
applicable.sort_values(["applies to", "deadline", "indicator"])[
    [
        "applies to",
        "indicator",
        "comparator",
        "value",
        "unit",
        "deadline",
        "source_document",
        "status",
    ]
].style.hide(axis="index")

# %% [markdown]
# ## Where each province stands
#
# One row per province × target with the latest observation, the absolute gap in
# percentage points, the projection of the fitted curve at the deadline with its
# confidence interval, and the Statistics Canada / Open SDG progress classification.

# %%
keys = ["province", "indicator", "target_id"]


def measure(name, columns):
    rows = gaps_sel[gaps_sel["measure"] == name]
    return rows[keys + columns].rename(columns={c: f"{name}: {c}" for c in columns})


base = gaps_sel.drop_duplicates(keys)[
    keys + ["target_value", "deadline", "latest_date", "latest_value", "n_obs"]
]
summary = (
    base.merge(measure("absolute_gap_pp", ["value", "classification"]), on=keys, how="left")
    .merge(
        measure("projected_value_at_deadline", ["value", "ci_lower", "ci_upper"]),
        on=keys,
        how="left",
    )
    .merge(measure("cagr_ratio", ["classification"]), on=keys, how="left")
    .sort_values(keys)
)
summary["indicator"] = summary["indicator"].map(label).fillna(summary["indicator"])
summary.style.format(precision=1, na_rep="—").hide(axis="index")

# %%
absolute = gaps_sel[gaps_sel["measure"] == "absolute_gap_pp"]
met = absolute["classification"].eq("target met").sum()
projected = gaps_sel[
    (gaps_sel["measure"] == "projected_value_at_deadline") & gaps_sel["value"].notna()
]
short = projected[projected["ci_upper"] < projected["target_value"]]
reach = projected[projected["ci_lower"] >= projected["target_value"]]
display(
    Markdown(
        f"Of **{len(absolute)}** province × target pairs with an observation, "
        f"**{met}** already meet the target and **{len(absolute) - met}** do not. "
        f"A projection at the deadline exists for **{len(projected)}** pair(s) "
        f"(the others have too few observations for a curve); for **{len(short)}** of "
        f"them the whole 95% interval falls short of the target, and for "
        f"**{len(reach)}** it lies at or above it."
    )
)
if len(absolute):
    largest = absolute.sort_values("value", ascending=False).iloc[0]
    display(
        Markdown(
            f"The largest remaining gap is {largest['value']:.4g} percentage points: "
            f"{largest['province']}, {label.get(largest['indicator'], largest['indicator'])}, "
            f"{largest['latest_value']:.4g} against a target of "
            f"{largest['target_value']:.4g} by {largest['deadline']}."
        )
    )

# %% [markdown]
# ## What it would take
#
# Even with a single observation, the pace a target requires can be computed: the
# compound annual growth rate from the latest value to the target by the deadline
# (Open SDG / Eurostat), and the same on the logit scale, which stays meaningful as a
# share approaches its ceiling.

# %%
need = gaps_sel[gaps_sel["measure"].isin(["required_cagr", "required_logit_slope"])]
need = need[need["value"].notna()]
if need.empty:
    display(Markdown("No province on this page has an observation of an indicator with a target."))
else:
    need = need.pivot_table(index=keys + ["latest_value", "target_value", "deadline"],
                            columns="measure", values="value", aggfunc="first").reset_index()
    need = need[need["required_cagr"] > 0].sort_values("required_cagr", ascending=False)
    for _, r in need.head(3).iterrows():
        display(
            Markdown(
                f"- {r['province']}, {label.get(r['indicator'], r['indicator'])} ({r['target_id']}): "
                f"from {r['latest_value']:.4g}% to {r['target_value']:.4g}% by {r['deadline']} needs "
                f"growth of {100 * r['required_cagr']:.0f}% a year (odds × "
                f"{np.exp(r['required_logit_slope']):.2f} a year; logit slope "
                f"{r['required_logit_slope']:.2f})."
            )
        )

# %% [markdown]
# ## The figure
#
# Filled marker: latest observation; bar: target; open diamond with whiskers: the
# fitted curve at the deadline and its confidence interval.

# %%
if len(gaps_sel):
    fig = gap_figure(gaps_sel, lang=LANG, provinces=list(chosen))
    show_figure(fig)
else:
    display(
        Markdown(
            f"No observation of {', '.join(chosen.values())} matches a target's indicator: "
            "there is no gap to draw."
        )
    )

# %% [markdown]
# ## Reading the projections
#
# A projection extends a logistic curve fitted to a handful of points to a deadline
# that may be years away. It is conditional on the logistic form and on the
# definitions staying the same between reports; its interval covers the sampling of
# the counts (or the scatter of the few points), not a change of method. The `note`
# column of `gaps.csv` says, for every measure that could not be computed, why.

# %%
missing = gaps_sel[gaps_sel["value"].isna()]
reasons = missing["classification"].value_counts()
display(
    Markdown(
        f"{len(missing)} of {len(gaps_sel)} measure rows have no value: "
        + (", ".join(f"{n} {c}" for c, n in reasons.items()) if len(reasons) else "none")
        + "."
    )
)
