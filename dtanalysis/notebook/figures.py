"""Notebook 4, the publication figures: the files the build wrote, and the images."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["figure_files", "figure_files_summary", "figure_files_table", "show_built_figures"]

#: The formats the build writes for every figure.
FORMATS = ("pdf", "svg", "png")
#: Section headings per language.
HEADINGS = {"en": "English", "vi": "Tiếng Việt"}


def figure_files(languages: Sequence[str]) -> Any:
    """Every figure file of the build in the given languages, with size and checksum.

    Parameters
    ----------
    languages : sequence of str
        Figure languages.

    Returns
    -------
    DataFrame
        ``figure, language, format, path, file, kB, sha256``, one row per file.

    Raises
    ------
    dtanalysis.errors.DtanalysisError
        When a file is missing (the figures are drawn by ``python -m dtanalysis build``).
    """
    import pandas as pd

    from .. import paths
    from ..corpus import sha256_file
    from ..errors import DtanalysisError
    from ..plots import FIGURE_NAMES

    folder = paths.figures_dir()
    files = pd.DataFrame(
        [
            {
                "figure": name,
                "language": lang,
                "format": fmt,
                "path": folder / f"{name}_{lang}.{fmt}",
            }
            for name in FIGURE_NAMES
            for lang in languages
            for fmt in FORMATS
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
    return files


def figure_files_summary(files: Any) -> Any:
    """How many figures, languages, formats and files, and their size (Markdown)."""
    from IPython.display import Markdown

    return Markdown(
        f"**{files['figure'].nunique()}** figures × **{files['language'].nunique()}** languages × "
        f"**{files['format'].nunique()}** formats: **{len(files)}** files in `figures/`, "
        f"{files['kB'].sum() / 1024:.1f} MB in all."
    )


def figure_files_table(files: Any) -> Any:
    """File, size and checksum of every figure file (a pandas Styler)."""
    return files[["file", "kB", "sha256"]].style.set_uuid("figure-files").hide(axis="index")


def show_built_figures(languages: Sequence[str], *, width: int = 760) -> None:
    """Show every figure's PNG, under one heading per language and one per figure."""
    from IPython.display import Image, Markdown, display

    from .. import paths
    from ..plots import FIGURE_NAMES

    folder = paths.figures_dir()
    for lang in languages:
        display(Markdown(f"## {HEADINGS.get(lang, lang)}"))
        for name in FIGURE_NAMES:
            display(Markdown(f"### `{name}_{lang}`"))
            display(Image(filename=str(folder / f"{name}_{lang}.png"), width=width))
