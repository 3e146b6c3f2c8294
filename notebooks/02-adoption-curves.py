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
# between provinces are Sicherl's time distances read from the fitted curves. The data
# build fits every curve once and writes what follows from the fits; this page reads
# those tables and fits nothing.

# %% tags=["parameters"]
PROVINCES = ["Kiên Giang", "Cà Mau", "Hải Dương"]
LANG = "en"

# %%
from IPython.display import display

from dtanalysis import notebook as nb
from dtanalysis.notebook import formats
from dtanalysis.reference import load_codebook
from dtanalysis.tables import read_table

formats.use_language(LANG)  # every table and sentence below in the page's number format

# written once by the build (python -m dtanalysis build): nothing is fitted on this page
panel = read_table("panel")
curves = read_table("curves")
label = nb.indicator_labels(load_codebook(), LANG)

chosen = nb.resolve_provinces(PROVINCES, panel)
panel_sel = nb.select_provinces(panel, chosen)
observations = nb.page_observations(panel, chosen)
table = nb.page_series(read_table("adoption"), chosen)
display(nb.provinces_line(chosen))

# %% [markdown]
# ## How much there is to fit
#
# Provincial reports quote a share once or twice a year at best, so most series are
# short. The method column says what each series supports.

# %%
display(nb.series_summary(observations, table))
nb.series_table(table, label)

# %% [markdown]
# ## The curves
#
# Points are the observations (open when the text qualifies them: *hơn*, *gần*,
# *khoảng*); lines are the fitted curves with their confidence band where one exists
# (its level is the `ci_level` column of the table above).

# %%
nb.show_adoption_figure(panel_sel, table, observations, chosen, LANG, curves)

# %% [markdown]
# ## Lags between provinces
#
# For each indicator with a curve in at least two provinces, the time distance is the
# number of years between the dates at which the two curves reach the same level. The
# level is read where both series have data when their observed ranges overlap (an
# interpolation), otherwise midway between them (an extrapolation, flagged).


# %%
distances = nb.time_distances(read_table("time_distances"), chosen)
display(nb.lags_summary(distances, table, label))

# %% [markdown]
# Do the provinces adopt at the same pace? A pooled model with a province-specific
# slope is tested against a common slope, for each indicator with a curve in at least
# two provinces of this page. The build runs each test once, over every unit of the data
# observed at two or more dates (the test that decides the common-slope curves).

# %%
nb.show_slope_tests(nb.slope_tests(read_table("slope_tests"), table), chosen)

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
display(nb.caveats_summary(table, read_table("adoption_warnings")))
