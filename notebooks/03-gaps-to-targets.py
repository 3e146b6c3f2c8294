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
from IPython.display import display

from dtanalysis import notebook as nb
from dtanalysis.notebook import formats
from dtanalysis.reference import load_codebook, load_targets
from dtanalysis.tables import read_table

formats.use_language(LANG)  # every number below as a reader of LANG writes it

panel = read_table("panel")
gaps = read_table("gaps")
targets = load_targets()
label = nb.indicator_labels(load_codebook(), LANG)

chosen = nb.resolve_provinces(PROVINCES, panel, gaps)
gaps_sel = nb.select_provinces(gaps, chosen)
display(nb.provinces_line(chosen))

# %% [markdown]
# ## The targets
#
# National targets apply to every province; a provincial target only to its province.
# `status` is the verification status of the target's source (see
# `dtanalysis/data/targets.csv` for the quotes and addresses).

# %%
applicable = nb.applicable_targets(targets, chosen, label)
display(nb.targets_summary(applicable))
nb.targets_table(applicable, LANG)

# %% [markdown]
# ## Where each province stands
#
# One row per province × target with the latest observation, the absolute gap in
# percentage points, the projection of the fitted curve at the deadline with its
# confidence interval, and the Statistics Canada / Open SDG progress classification.

# %%
nb.gaps_table(gaps_sel, label, LANG)

# %%
display(*nb.gaps_standing_summary(gaps_sel, label))

# %% [markdown]
# ## What it would take
#
# Even with a single observation, the pace a target requires can be computed: the
# compound annual growth rate from the latest value to the target by the deadline
# (Open SDG / Eurostat), and the same on the logit scale, which stays meaningful as a
# share approaches its ceiling.

# %%
display(*nb.required_pace(gaps_sel, label))

# %% [markdown]
# ## The figure
#
# Filled marker: latest observation; bar: target; open diamond with whiskers: the
# fitted curve at the deadline and its confidence interval.

# %%
nb.show_gap_figure(gaps_sel, chosen, LANG)

# %% [markdown]
# ## Reading the projections
#
# A projection extends a logistic curve fitted to a handful of points to a deadline
# that may be years away. It is conditional on the logistic form and on the
# definitions staying the same between reports; its interval covers the sampling of
# the counts (or the scatter of the few points), not a change of method. The `note`
# column of `gaps.csv` says, for every measure that could not be computed, why.

# %%
display(nb.missing_summary(gaps_sel))
