# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 4. Publication figures
#
# Every figure of the analysis, in English and in Vietnamese, drawn by
# `dtanalysis.plots` from the processed tables. `make report` also writes them to
# `figures/` as PDF, SVG and PNG (`python -m dtanalysis build`), byte-identical from
# one build to the next; the images below are the same figures rendered for the page.

# %% tags=["parameters"]
PROVINCES = ["Kiên Giang", "Cà Mau", "Hải Dương"]
LANGUAGES = ["en", "vi"]

# %%
from IPython.display import Markdown, display

from dtanalysis.build import load_processed
from dtanalysis.plots import (
    FIGURE_NAMES,
    adoption_figure,
    audit_figure,
    coverage_figure,
    curves_from_panel,
    gap_figure,
    load_tables,
)
from dtanalysis.report import resolve_provinces, select_provinces, show_figure

tables = load_tables()
chosen = resolve_provinces(PROVINCES, tables["panel"])
ids = list(chosen)
gaps = tables["gaps"]
curves = curves_from_panel(select_provinces(load_processed("panel"), chosen), gaps["deadline"])
audit = select_provinces(tables["audit"], chosen)

draw = {
    "coverage": lambda lang: coverage_figure(tables["panel"], lang=lang, provinces=ids),
    "adoption": lambda lang: adoption_figure(
        tables["panel"], curves, tables["adoption"], lang=lang, provinces=ids
    ),
    "gap_to_target": lambda lang: gap_figure(gaps, lang=lang, provinces=ids),
    "audit": lambda lang: audit_figure(audit, lang=lang),
}
heading = {"en": "English", "vi": "Tiếng Việt"}
display(
    Markdown(
        f"{len(FIGURE_NAMES)} figures × {len(LANGUAGES)} languages, for "
        f"{', '.join(chosen.values())}. In `figures/` each is "
        + ", ".join(f"`{name}_{{lang}}`" for name in FIGURE_NAMES)
        + "."
    )
)

# %% [markdown]
# What each figure shows:
#
# - **coverage**: which province reports which indicator when, and as what measure
#   (level, flow, change, target): how sparse the data are, before any curve;
# - **adoption**: the adoption curves of notebook 2;
# - **gap_to_target**: latest value, target and projection of notebook 3;
# - **audit**: where the sources contradict themselves (notebook 1).

# %%
for lang in LANGUAGES:
    display(Markdown(f"## {heading.get(lang, lang)}"))
    for name in FIGURE_NAMES:
        display(Markdown(f"### `{name}_{lang}`"))
        fig = draw[name](lang)
        show_figure(fig)
