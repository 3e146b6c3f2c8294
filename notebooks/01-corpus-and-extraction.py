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
import pandas as pd
from IPython.display import HTML, Markdown, display

from dtanalysis.build import load_processed
from dtanalysis.corpus import documents_frame, load_corpus
from dtanalysis.report import evidence_table, resolve_provinces, select_provinces

documents = documents_frame(load_corpus())
mentions = load_processed("mentions")
figures = load_processed("figures")
panel = load_processed("panel")
audit = load_processed("audit")

chosen = resolve_provinces(PROVINCES, panel, figures)
figures_sel = select_provinces(figures, chosen)
panel_sel = select_provinces(panel, chosen)
audit_sel = select_provinces(audit, chosen)
documents_sel = documents[documents["province"].isin(chosen.values())]
names = ", ".join(chosen.values())
display(Markdown(f"Provinces on this page: **{names}**."))

# %% [markdown]
# ## What was read
#
# The raw texts are immutable snapshots listed, with their checksums, in
# `data/raw/sources.csv`; the build stops when a file changed. Dates are those the
# text states or implies (the `date_basis` column says which).

# %%
dated = documents_sel["document_date"].replace("", pd.NA).dropna()
undated = int((documents_sel["document_date"] == "").sum())
display(
    Markdown(
        f"The corpus holds **{len(documents)}** texts; **{len(documents_sel)}** concern "
        f"the provinces on this page. "
        + (f"The dated ones run from {dated.min()} to {dated.max()}. " if len(dated) else "")
        + (f"{undated} text(s) state no date and none can be inferred; their figures are "
           "dated only from the periods the sentences name." if undated else "Every text is dated.")
    )
)
documents_sel[["doc_id", "province", "document_date", "publisher", "title"]]

# %% [markdown]
# ## What was found
#
# Every digit in a text belongs to exactly one *mention*. A mention is a **figure**
# (a quantity: count, share, ratio, amount) or something else that only looks like
# a number: a date, a document number (*Quyết định 422/QĐ-TTg*), a time, a label.

# %%
kinds = mentions["kind"].value_counts().rename_axis("kind").reset_index(name="mentions")
n_figures_all = int((mentions["kind"] == "figure").sum())
display(
    Markdown(
        f"The extraction found **{len(mentions)}** digit-bearing mentions in the corpus, "
        f"of which **{n_figures_all}** are figures "
        f"({n_figures_all / len(mentions):.0%}); the rest are "
        + ", ".join(
            f"{r.kind.replace('_', ' ')}: {r.mentions}"
            for r in kinds.itertuples()
            if r.kind != "figure"
        )
        + "."
    )
)
pd.crosstab(mentions["file"], mentions["kind"], margins=True, margins_name="total")

# %%
units = figures_sel["unit"].value_counts().rename_axis("unit").reset_index(name="figures")
display(
    Markdown(
        f"In the texts of {names}, **{len(figures_sel)}** figures carry a province; by unit: "
        + ", ".join(f"{r.figures} {r.unit}" for r in units.itertuples())
        + "."
    )
)

# %% [markdown]
# ## What the classifier placed, and what it did not
#
# A figure enters the panel when the classifier recognises its indicator (from the
# codebook's Vietnamese cue phrases), its period and its measure type. The others stay
# in `figures.csv` for a researcher to read: quantities the codebook does not cover,
# or sentences too ambiguous to classify safely. `data/overrides.csv` lets a
# researcher place or exclude any of them, with a reason.

# %%
used_ids = {
    fid.strip()
    for ids in panel["figure_ids"].dropna().astype(str)
    for fid in ids.split(";")
    if fid.strip()
}
in_panel = figures_sel["figure_id"].isin(used_ids)
unplaced = figures_sel[~in_panel].sort_values(["file", "start"])
measure_counts = panel_sel["measure_type"].value_counts()
display(
    Markdown(
        f"Of the {len(figures_sel)} figures, **{int(in_panel.sum())}** "
        f"({in_panel.mean():.0%}) enter the panel and **{len(unplaced)}** remain "
        f"unclassified. The panel has **{len(panel_sel)}** rows for "
        f"**{panel_sel['indicator'].nunique()}** indicators: "
        + ", ".join(f"{n} {m}" for m, n in measure_counts.items())
        + "."
    )
)
pd.crosstab(panel_sel["indicator"], panel_sel["province"], margins=True, margins_name="total")

# %% [markdown]
# The first unclassified figures, each in its sentence (the figure highlighted):

# %%
HTML(evidence_table(unplaced, figures, ["province", "raw", "unit"], max_rows=15))

# %% [markdown]
# ## What the audit flags
#
# The audit checks every figure against the others and against reference data: a
# share recomputed from its numerator and denominator, parts that exceed their total,
# a denominator implausible for the province's population. A *contradiction* is an
# arithmetic impossibility; a *warning* needs a reader's judgement.

# %%
verdicts = audit_sel["verdict"].value_counts()
display(
    Markdown(
        f"The audit ran **{len(audit_sel)}** checks on these provinces: "
        + ", ".join(f"{n} {v}" for v, n in verdicts.items())
        + "."
    )
)
flagged = audit_sel[audit_sel["verdict"].isin(["contradiction", "warning"])].sort_values(
    ["verdict", "province", "indicator"]
)
HTML(
    evidence_table(
        flagged,
        figures,
        ["verdict", "province", "indicator", "check", "expected", "observed", "explanation"],
    )
)
