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
# # 5. The provinces over time: who moved up, who fell behind
#
# Published rankings (the DTI digital-transformation index, the PAR index of
# administrative reform, SIPAS satisfaction, PAPI governance, the service index of
# Quyết định 766/QĐ-TTg) rank every province each year. This page reads the rank
# trajectories of the build (`ranks.csv`: nothing is fitted or ranked again here) and
# says, where
# the data allow it, which provinces moved up and which fell behind, by how many
# places and since when; and, where they do not, why not.

# %% tags=["parameters"]
PROVINCES = ["Kiên Giang", "Cà Mau", "Hải Dương"]
LANG = "en"

# %%
from IPython.display import display

from dtanalysis import notebook as nb
from dtanalysis.notebook import formats
from dtanalysis.reference import load_codebook
from dtanalysis.tables import read_table

formats.use_language(LANG)  # every number below as a reader of LANG writes it

panel = read_table("panel")
ranks = read_table("ranks")
label = nb.indicator_labels(load_codebook(), LANG)
chosen = nb.resolve_provinces(PROVINCES, panel)
runs = nb.rank_runs(ranks)
display(nb.rank_overview(ranks))

# %% [markdown]
# ## Who moved, by how much, since when
#
# A run is one province's ranking on one indicator over consecutive periods whose
# ranks can be compared as places: the same ranked set, periods of the same length and
# no change of the publisher's method in between. Places up are the rank at the start
# of the run minus the rank at its end (positive: a better, lower rank).

# %%
display(nb.movers_summary(runs, label))
nb.runs_table(runs, label)

# %%
nb.page_provinces_summary(runs, chosen, label)

# %% [markdown]
# ## Where the data do not allow a comparison
#
# A rank is a place among the units ranked that year by that year's method. It cannot
# be followed across a change of method, from the provinces ranked before the 2025
# merger to the merged units ranked after it, from a province to the merged unit that
# replaced it, or from a single observation.
# Each case, as counted in `ranks.csv`:

# %%
nb.limits_summary(ranks)

# %% [markdown]
# A move of a few places is within the noise of any composite index; the rankings say
# where a province stands among the others, not how much it changed in absolute terms,
# and none of this says why.
