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
# # 1. The corpus and the extraction
#
# What was read, what was found in it, what the classifier could not place, and what
# the audit flags. Every number below is computed from the tables that
# `python -m dtanalysis build` writes to `data/processed/`; every figure can be traced
# to its sentence in a raw text (file and character offsets in the normalised text).

# %% tags=["parameters"]
PROVINCES = ["Kiên Giang", "Cà Mau", "Hải Dương"]
LANG = "en"

# %%
from IPython.display import HTML, display

from dtanalysis import notebook as nb
from dtanalysis.corpus import documents_frame, load_corpus
from dtanalysis.notebook import formats
from dtanalysis.reference import load_codebook
from dtanalysis.tables import read_table

formats.use_language(LANG)  # every number below as a reader of LANG writes it

documents = documents_frame(load_corpus())
mentions = read_table("mentions")
figures = read_table("figures")
panel = read_table("panel")
audit = read_table("audit")
label = nb.indicator_labels(load_codebook(), LANG)

chosen = nb.resolve_provinces(PROVINCES, panel, figures)
figures_sel = nb.select_provinces(figures, chosen)
panel_sel = nb.select_provinces(panel, chosen)
audit_sel = nb.select_provinces(audit, chosen)
documents_sel = nb.select_documents(documents, chosen)
display(nb.provinces_line(chosen))

# %% [markdown]
# ## What was read
#
# The raw texts are immutable snapshots listed, with their checksums, in
# `data/raw/sources.csv`; the build stops when a file changed. Dates are those the
# text states or implies (the `date_basis` column says which).

# %%
display(nb.documents_summary(documents, documents_sel))
nb.documents_table(documents_sel)

# %% [markdown]
# ## What was found
#
# Every digit in a text belongs to exactly one *mention*. A mention is a **figure**
# (a quantity: count, share, ratio, amount) or something else that only looks like
# a number: a date, a document number (*Quyết định 422/QĐ-TTg*), a time, a label.

# %%
display(nb.mentions_summary(mentions))
nb.mentions_by_file(mentions)

# %%
display(nb.units_summary(figures_sel, chosen))

# %% [markdown]
# ## What the classifier placed, and what it did not
#
# A figure enters the panel when the classifier recognises its indicator (from the
# codebook's Vietnamese cue phrases), its period and its measure type. The others stay
# in `figures.csv` for a researcher to read: quantities the codebook does not cover,
# or sentences too ambiguous to classify safely. `data/overrides.csv` lets a
# researcher place or exclude any of them, with a reason.

# %%
unplaced = nb.unplaced_figures(figures_sel, panel)
display(nb.placement_summary(figures_sel, unplaced, panel_sel))
nb.indicator_counts(panel_sel.assign(indicator=panel_sel["indicator"].replace(label)))

# %% [markdown]
# The first unclassified figures, each in its sentence (the figure highlighted):

# %%
HTML(nb.evidence_table(unplaced, figures, ["province", "raw", "unit"], max_rows=15))

# %% [markdown]
# ## What the audit flags
#
# The audit checks every figure against the others and against reference data: a
# share recomputed from its numerator and denominator, parts that exceed their total,
# a denominator implausible for the province's population. A *contradiction* is an
# arithmetic impossibility; a *warning* needs a reader's judgement.

# %%
display(nb.audit_summary(audit_sel))
flagged = formats.text_columns(nb.flagged_checks(audit_sel), LANG)
HTML(
    nb.evidence_table(
        flagged.assign(indicator=flagged["indicator"].replace(label)),
        figures,
        ["verdict", "province", "indicator", "check", "expected", "observed", "explanation"],
    )
)
