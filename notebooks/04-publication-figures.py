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

# %%
import pandas as pd
from IPython.display import Image, Markdown, display

from dtanalysis import paths
from dtanalysis.corpus import sha256_file
from dtanalysis.errors import DtanalysisError
from dtanalysis.plots import FIGURE_NAMES

folder = paths.figures_dir()
files = pd.DataFrame(
    [
        {"figure": name, "language": lang, "format": fmt, "path": folder / f"{name}_{lang}.{fmt}"}
        for name in FIGURE_NAMES
        for lang in LANGUAGES
        for fmt in ("pdf", "svg", "png")
    ]
)
missing = [str(p) for p in files["path"] if not p.is_file()]
if missing:
    raise DtanalysisError(
        f"{missing[0]}: missing ({len(missing)} figure files); run `make report` "
        "or `python -m dtanalysis build` first"
    )
files["file"] = files["path"].map(lambda p: p.name)
files["kB"] = files["path"].map(lambda p: round(p.stat().st_size / 1024))
files["sha256"] = files["path"].map(sha256_file)
display(
    Markdown(
        f"**{len(FIGURE_NAMES)}** figures × **{len(LANGUAGES)}** languages × "
        f"**{files['format'].nunique()}** formats: **{len(files)}** files in `figures/`, "
        f"{files['kB'].sum() / 1024:.1f} MB in all."
    )
)
files[["file", "kB", "sha256"]].style.hide(axis="index")

# %% [markdown]
# What each figure shows:
#
# - **coverage**: which province reports which share indicator when, and as what
#   measure (level, flow, change, target): how sparse the data are, before any curve;
# - **coverage_all**: the same for every indicator of the panel, counts included;
# - **adoption**: the adoption curves of notebook 2;
# - **gap_to_target**: latest value, target and projection of notebook 3;
# - **audit**: where the sources contradict themselves (notebook 1).

# %%
heading = {"en": "English", "vi": "Tiếng Việt"}
for lang in LANGUAGES:
    display(Markdown(f"## {heading.get(lang, lang)}"))
    for name in FIGURE_NAMES:
        display(Markdown(f"### `{name}_{lang}`"))
        display(Image(filename=str(folder / f"{name}_{lang}.png"), width=760))
