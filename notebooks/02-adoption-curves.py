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
# # 2. Adoption curves across the three provinces
#
# For every indicator measured as a share (adults using online public services,
# documents signed digitally, households with fibre, ...), a logistic curve
# `logit(p/K) = a + b·(t − 2020)` is fitted per province with
# `dtanalysis.adoption` (binomial GLM when counts are known, fractional logit
# otherwise; an exact line through two points; no curve from one point). The lags
# between provinces are Sicherl's time distances read from the fitted curves.

# %% tags=["parameters"]
PROVINCES = ["Kiên Giang", "Cà Mau", "Hải Dương"]
LANG = "en"

# %%
from itertools import combinations

import pandas as pd
from IPython.display import Markdown, display

from dtanalysis import adoption
from dtanalysis.build import load_processed
from dtanalysis.plots import adoption_figure, curves_from_panel
from dtanalysis.reference import load_codebook
from dtanalysis.report import resolve_provinces, select_provinces, show_figure

panel = load_processed("panel")
codebook = load_codebook()
label_col = "label_vi" if LANG == "vi" else "label_en"
label = dict(zip(codebook["indicator_id"], codebook[label_col], strict=True))

chosen = resolve_provinces(PROVINCES, panel)
panel_sel = select_provinces(panel, chosen)
observations = select_provinces(adoption.observations_from_panel(panel), chosen)
fits = adoption.fit_adoption_curves(observations, codebook=codebook)
table = adoption.adoption_table(fits)
display(Markdown(f"Provinces on this page: **{', '.join(chosen.values())}**."))

# %% [markdown]
# ## How much there is to fit
#
# Provincial reports quote a share once or twice a year at best, so most series are
# short. The method column says what each series supports.

# %%
methods = table["method"].value_counts()
n_series = len(table)
n_curves = sum(f.has_curve for f in fits.values())
n_intervals = sum(f.has_curve and f.has_interval for f in fits.values())
display(
    Markdown(
        f"**{len(observations)}** observations of a share form **{n_series}** "
        f"province × indicator series over **{table['indicator'].nunique()}** indicators. "
        f"**{n_curves}** series have a curve and **{n_intervals}** of them an interval; "
        "by method: " + "; ".join(f"{m}: {n}" for m, n in methods.items()) + "."
    )
)
shown = table.assign(indicator=table["indicator"].map(label).fillna(table["indicator"]))
shown[
    [
        "province",
        "indicator",
        "method",
        "n_obs",
        "first_date",
        "last_date",
        "first_share",
        "last_share",
        "slope_per_year",
        "slope_ci_lower",
        "slope_ci_upper",
    ]
].style.format(
    {
        "first_share": "{:.1%}",
        "last_share": "{:.1%}",
        "slope_per_year": "{:.2f}",
        "slope_ci_lower": "{:.2f}",
        "slope_ci_upper": "{:.2f}",
    },
    na_rep="—",
).hide(axis="index")

# %% [markdown]
# ## The curves
#
# Points are the observations (open when the text qualifies them: *hơn*, *gần*,
# *khoảng*); lines are the fitted curves with their confidence band where one exists
# (the level is the `ci_level` column of the table above).

# %%
curves = curves_from_panel(panel_sel)
if len(observations):
    fig = adoption_figure(panel_sel, curves, table, lang=LANG, provinces=list(chosen))
    show_figure(fig)
else:
    display(Markdown(f"No share is observed for {', '.join(chosen.values())}: no curve to draw."))

# %% [markdown]
# ## Lags between provinces
#
# For each indicator with a curve in at least two provinces, the time distance is the
# number of years between the dates at which the two curves reach the same level. The
# level is read where both series have data when their observed ranges overlap (an
# interpolation), otherwise midway between them (an extrapolation, flagged).


# %%
def comparison_level(fit_a, fit_b):
    """A share inside both observed ranges when they overlap, else between them."""
    lo = max(min(fit_a.shares), min(fit_b.shares))
    hi = min(max(fit_a.shares), max(fit_b.shares))
    return (lo + hi) / 2


with_curve = [f for f in fits.values() if f.has_curve]
by_indicator = {}
for f in with_curve:
    by_indicator.setdefault(f.indicator, []).append(f)
order = {pid: i for i, pid in enumerate(chosen)}
distances = [
    adoption.time_distance(a, b, comparison_level(a, b))
    for group in by_indicator.values()
    for a, b in combinations(sorted(group, key=lambda f: order[f.province_id]), 2)
]
lags = (
    pd.concat([d.to_frame() for d in distances], ignore_index=True)
    if distances
    else pd.DataFrame(columns=["indicator", "province_a", "province_b", "level", "value"])
)
if distances:
    sentences = [
        f"- {label.get(d.indicator, d.indicator)}: at {d.level:.1%}, {d.province_b} "
        f"{'trails' if d.value > 0 else 'leads'} {d.province_a} by {abs(d.value):.1f} years"
        + (
            f" (95% interval {d.ci_lower:.1f} to {d.ci_upper:.1f})"
            if pd.notna(d.ci_lower)
            else " (no interval: " + (d.note or "too few observations") + ")"
        )
        + (", extrapolated" if d.extrapolated else "")
        for d in distances
    ]
    display(
        Markdown(
            f"**{len(by_indicator)}** indicator(s) have curves in several provinces, giving "
            f"**{len(distances)}** comparison(s):\n\n" + "\n".join(sentences)
        )
    )
else:
    display(
        Markdown(
            f"No indicator has a curve in two of the provinces on this page "
            f"({len(with_curve)} curve(s) in all), so no lag can be read from the data."
        )
    )

# %% [markdown]
# Do the provinces adopt at the same pace? A pooled model with a province-specific
# slope is tested against a common slope, for each indicator observed at two or more
# dates in at least two provinces.

# %%
tests = [
    adoption.pooled_slope_test(observations, indicator)
    for indicator in sorted(by_indicator)
    if len(by_indicator[indicator]) >= 2
]
for test in tests:
    display(test)
display(
    Markdown(
        f"{sum(t.testable for t in tests)} of {len(tests)} slope comparison(s) could be "
        "tested"
        + (
            f"; {sum(t.testable and t.p_value < 0.05 for t in tests)} reject equal slopes "
            "at the 5% level."
            if tests
            else "."
        )
    )
)

# %% [markdown]
# ## What the data cannot say
#
# - A single observation gives a level, not a pace: no curve, no projection.
# - Two observations give an exact line with no interval: the between-source
#   variation cannot be estimated, so the apparent precision is illusory.
# - Intervals from counts describe the sampling of the counts only; changes of
#   definition between reports (*người dân* vs *người trưởng thành*, level-4 vs
#   end-to-end services) are not in them.
# - The logistic form is an assumption; a lag read outside both observed ranges
#   depends on it entirely.
# - None of this says why a province is ahead.

# %%
single = [f for f in fits.values() if not f.has_curve]
exact = [f for f in fits.values() if f.has_curve and not f.has_interval]
caveats = sorted({w for f in fits.values() for w in f.warnings})
display(
    Markdown(
        f"Here: **{len(single)}** series have no curve and **{len(exact)}** have a curve "
        f"without an interval, out of {len(fits)}. The fits report "
        f"{len(caveats)} distinct caveat(s)"
        + (":\n\n" + "\n".join(f"- {w}" for w in caveats) if caveats else ".")
    )
)
