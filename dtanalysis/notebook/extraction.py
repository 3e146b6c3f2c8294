"""Notebook 1, the corpus and the extraction: what was read, found, placed and flagged."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "audit_summary",
    "documents_summary",
    "documents_table",
    "flagged_checks",
    "indicator_counts",
    "mentions_by_file",
    "mentions_summary",
    "placement_summary",
    "select_documents",
    "units_summary",
    "unplaced_figures",
]

#: Audit verdicts shown with their sentences.
FLAGGED_VERDICTS = ("contradiction", "warning")


def _md(text: str) -> Any:
    from IPython.display import Markdown

    return Markdown(text)


def select_documents(documents: Any, chosen: Mapping[str, str]) -> Any:
    """The documents (``documents_frame``) of the chosen provinces, by name."""
    return documents[documents["province"].isin(list(chosen.values()))]


def documents_summary(documents: Any, selected: Any) -> Any:
    """How many texts there are, how many concern the page, and their dates (Markdown).

    Parameters
    ----------
    documents : DataFrame
        Every document (:func:`dtanalysis.corpus.documents_frame`).
    selected : DataFrame
        The documents of the page (:func:`select_documents`).
    """
    import pandas as pd

    dated = selected["document_date"].replace("", pd.NA).dropna()
    undated = int((selected["document_date"] == "").sum())
    text = (
        f"The corpus holds **{len(documents)}** texts; **{len(selected)}** concern "
        f"the provinces on this page. "
    )
    if len(dated):
        text += f"The dated ones run from {dated.min()} to {dated.max()}. "
    if undated:
        text += (
            f"{undated} {'text states' if undated == 1 else 'texts state'} no date and none "
            "can be inferred; their figures are dated only from the periods the sentences name."
        )
    else:
        text += "Every text is dated."
    return _md(text)


def documents_table(selected: Any) -> Any:
    """The documents of the page: id, province, date, publisher, title."""
    return selected[["doc_id", "province", "document_date", "publisher", "title"]]


def mentions_summary(mentions: Any) -> Any:
    """How many digit-bearing mentions, how many figures, and the other kinds (Markdown)."""
    kinds = mentions["kind"].value_counts().rename_axis("kind").reset_index(name="mentions")
    n_figures = int((mentions["kind"] == "figure").sum())
    others = ", ".join(
        f"{r.kind.replace('_', ' ')}: {r.mentions}"
        for r in kinds.itertuples()
        if r.kind != "figure"
    )
    return _md(
        f"The extraction found **{len(mentions)}** digit-bearing mentions in the corpus, "
        f"of which **{n_figures}** are figures "
        f"({n_figures / len(mentions):.0%}); the rest are {others}."
    )


def mentions_by_file(mentions: Any) -> Any:
    """Mentions per file and kind, with totals."""
    import pandas as pd

    return pd.crosstab(mentions["file"], mentions["kind"], margins=True, margins_name="total")


def units_summary(figures: Any, chosen: Mapping[str, str]) -> Any:
    """How many figures of the page's provinces, by unit (Markdown)."""
    units = figures["unit"].value_counts().rename_axis("unit").reset_index(name="figures")
    return _md(
        f"In the texts of {', '.join(chosen.values())}, **{len(figures)}** figures carry a "
        "province; by unit: "
        + ", ".join(f"{r.figures} {r.unit}" for r in units.itertuples())
        + "."
    )


def _panel_figure_ids(panel: Any) -> set[str]:
    return {
        fid.strip()
        for ids in panel["figure_ids"].dropna().astype(str)
        for fid in ids.split(";")
        if fid.strip()
    }


def unplaced_figures(figures: Any, panel: Any) -> Any:
    """Figures that no panel row uses, in text order.

    Parameters
    ----------
    figures : DataFrame
        ``figures.csv`` rows (of the page's provinces).
    panel : DataFrame
        The whole panel (a figure may be used by any of its rows).
    """
    used = _panel_figure_ids(panel)
    return figures[~figures["figure_id"].isin(used)].sort_values(["file", "start"])


#: How the sentence names each status of a figure that is not in the panel.
_STATUS_WORDS = {
    "classified": "classified but not placed in the panel",
    "unclassified": "unclassified",
    "context": "context (not a measurement)",
    "excluded": "excluded by an override",
}


def placement_summary(figures: Any, unplaced: Any, panel: Any) -> Any:
    """How many of the page's figures enter the panel, and the panel's rows (Markdown).

    Parameters
    ----------
    figures : DataFrame
        The page's figures.
    unplaced : DataFrame
        :func:`unplaced_figures` of them.
    panel : DataFrame
        The page's panel rows.
    """
    from .common import count

    placed = len(figures) - len(unplaced)
    share = placed / len(figures) if len(figures) else float("nan")
    measures = panel["measure_type"].value_counts()
    why = unplaced["status"].replace("", "unclassified").value_counts()
    reasons = ", ".join(
        f"{n} {_STATUS_WORDS.get(s, s)}" for s, n in why.sort_index().items()
    )
    return _md(
        f"Of the {count(len(figures), 'figure')}, **{placed}** "
        f"({share:.0%}) enter the panel and **{len(unplaced)}** do not"
        + (f" ({reasons})" if reasons else "")
        + f". The panel has {count(len(panel), 'row', bold=True)} for "
        f"{count(panel['indicator'].nunique(), 'indicator', bold=True)}: "
        + ", ".join(f"{n} {m}" for m, n in measures.items())
        + "."
    )


def indicator_counts(panel: Any) -> Any:
    """Panel rows per indicator and province, with totals."""
    import pandas as pd

    return pd.crosstab(panel["indicator"], panel["province"], margins=True, margins_name="total")


def audit_summary(audit: Any) -> Any:
    """How many audit checks, by verdict (Markdown)."""
    verdicts = audit["verdict"].value_counts()
    return _md(
        f"The audit ran **{len(audit)}** checks on these provinces: "
        + ", ".join(f"{n} {v}" for v, n in verdicts.items())
        + "."
    )


def flagged_checks(audit: Any) -> Any:
    """The contradictions and warnings, by verdict, province and indicator."""
    flagged = audit[audit["verdict"].isin(list(FLAGGED_VERDICTS))]
    return flagged.sort_values(["verdict", "province", "indicator"])
