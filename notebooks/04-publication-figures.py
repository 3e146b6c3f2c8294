# ---
# jupyter:
#   dtanalysis:
#     requires_figures: true
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: dtanalysis
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
# # 4. Publication figures
#
# Every figure of the analysis, in English and in Vietnamese, exactly as the data
# build wrote them to `figures/` (`python -m dtanalysis build`, the first step of
# `make report`) with `dtanalysis.plots`: PDF for print, SVG for editing, PNG for
# slides. Two builds give byte-identical files, so the checksums below identify the
# figures a paper uses. Notebooks 2 and 3 redraw the adoption and gap figures for a
# chosen set of provinces and language.

# %% tags=["parameters"]
LANGUAGES = ["en", "vi"]
LANG = "en"

# %%
from IPython.display import display

from dtanalysis import notebook as nb
from dtanalysis.notebook import formats

formats.use_language(LANG)  # the numbers of the page as a reader of LANG writes them

files = nb.figure_files(LANGUAGES)
display(nb.figure_files_summary(files))
nb.figure_files_table(files)

# %% [markdown]
# What each figure shows:
#
# - **coverage**: which province reports which share indicator when, and as what
#   measure (level, flow, change, target): how sparse the data are, before any curve;
# - **coverage_all**: the same for every indicator of the panel, counts included;
# - **adoption**: the adoption curves of notebook 2;
# - **gap_to_target**: latest value, target and projection of notebook 3;
# - **audit**: where the sources contradict themselves (notebook 1);
# - **rank_trajectories**: the six units' places in the published rankings over the
#   years, comparable steps solid and the others dashed (notebook 5);
# - **dti_distribution**: one year's full DTI ranking, the six units marked among the
#   other provinces.

# %%
nb.show_built_figures(LANGUAGES)
