"""The data build: raw corpus -> processed tables -> figures.

``python -m dtanalysis build`` (the first step of ``make report``) runs, in order:

1. :func:`dtanalysis.corpus.load_corpus` -- verify checksums, normalise the texts;
2. :func:`dtanalysis.extract.extract_corpus` -- ``mentions.csv``, ``figures.csv``;
3. :func:`dtanalysis.panel.build_panel` -- indicators, periods, provinces, measure
   types, overrides -> ``panel.csv``, ``audit.csv`` (and the classified figures);
4. :mod:`dtanalysis.adoption` and :mod:`dtanalysis.gaps` -- ``adoption.csv``,
   ``gaps.csv`` and ``curves.csv`` (every curve on the figure grid, fitted once), and
   what the notebooks read instead of fitting: ``time_distances.csv``,
   ``slope_tests.csv`` and ``adoption_warnings.csv``;
5. :mod:`dtanalysis.plots` -- ``figures/*.pdf|svg|png`` (skipped with ``--no-figures``);
6. ``datapackage.json`` -- the data dictionary of every processed table.

Every table is validated against its declaration (:mod:`dtanalysis.tables`) and
written by :func:`dtanalysis.tables.write_table`: deterministically (sorted rows, fixed
float format, ``\\n`` line ends) and atomically, so two builds give byte-identical files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .errors import DtanalysisError
from .tables import PROCESSED_TABLES, write_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Processed tables, in build order (declared in :mod:`dtanalysis.tables.processed`).
TABLES = PROCESSED_TABLES


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote.

    Attributes
    ----------
    tables : dict of str to Path
        Processed tables written.
    figures : list of Path
        Figure files written.
    failures : list of tuple
        ``(file, message, level)``: level ``error`` for a text that could not be read
        (skipped; the others are still built), ``warning`` for a text with no figure.
    """

    tables: dict[str, Path] = field(default_factory=dict)
    figures: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[str, str, str]]:
        """Failures of level ``error`` (texts that could not be read)."""
        return [f for f in self.failures if f[2] == "error"]

    def to_frame(self) -> pd.DataFrame:
        """One row per output file."""
        import pandas as pd

        rows = [{"kind": "table", "name": k, "path": str(v)} for k, v in self.tables.items()]
        rows += [{"kind": "figure", "name": Path(f).stem, "path": str(f)} for f in self.figures]
        return pd.DataFrame(rows, columns=["kind", "name", "path"])


def model_tables(panel: pd.DataFrame, codebook: pd.DataFrame,
                 targets: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The model tables of a panel: adoption, gaps, curves, ranks and what the fits give.

    Every series of the panel (text and published, each unit kind apart) is fitted once:
    its own adoption curve, and, for sparse series, the common-slope curve where the
    pooled slope test allows it (labelled as the assumption it is). Gaps cover share
    targets and rank targets; curves.csv holds every curve on the figure grid;
    time_distances.csv the distances between every two curves of an indicator,
    slope_tests.csv the pooled slope tests and adoption_warnings.csv each curve's
    warnings, so the figures and notebooks never fit again.
    """
    from . import adoption, gaps, ranks

    observations = adoption.observations_from_panel(panel, codebook=codebook)
    fits = adoption.fit_adoption_curves(observations, codebook=codebook)
    decisions = adoption.fit_common_slopes(observations, codebook=codebook)
    every_fit = list(fits.values()) + adoption.common_slope_fits(decisions)  # a unit may have both
    rank_table = ranks.rank_trajectories(panel, codebook)
    return {
        "adoption": adoption.adoption_table(every_fit),
        "gaps": gaps.sort_gaps(
            gaps.compute_gaps(observations, targets, fits=fits, codebook=codebook),
            gaps.compute_rank_gaps(rank_table, targets, codebook=codebook),
        ),
        "curves": adoption.curves_table(every_fit, adoption.figure_grid(observations)),
        "ranks": rank_table,
        "time_distances": adoption.time_distance_table(fits),
        "slope_tests": adoption.slope_test_table(decisions),
        "adoption_warnings": adoption.warnings_table(every_fit),
    }


def run_build(
    raw_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    figures_dir: str | Path | None = None,
    *,
    figures: bool = True,
    overrides: str | Path | None = None,
    observations_dir: str | Path | None = None,
) -> BuildResult:
    """Run the whole data build for a corpus.

    Parameters
    ----------
    raw_dir : path-like, optional
        Corpus folder with ``sources.csv`` (default ``data/raw``).
    out_dir : path-like, optional
        Where the processed tables go (default ``data/processed``).
    figures_dir : path-like, optional
        Where the figures go (default ``figures``).
    figures : bool, default True
        Draw the publication figures.
    overrides : path-like, optional
        Curation file (default ``data/overrides.csv`` when it exists).
    observations_dir : path-like, optional
        Folder of published observations (default ``data/observations``; empty or missing:
        the tables are the ones the texts give).

    Returns
    -------
    BuildResult
    """
    from .corpus import load_corpus
    from .extract import extract_corpus
    from .observations import load_observations
    from .panel import build_panel, load_overrides
    from .reference import load_codebook, load_targets
    from .tables import write_datapackage

    out = Path(out_dir) if out_dir is not None else paths.processed_dir()
    unreadable: list[tuple[str, str]] = []
    documents = load_corpus(raw_dir, failures=unreadable)
    if not documents:
        raise DtanalysisError(
            "no readable text in the corpus: " + "; ".join(m for _, m in unreadable)
        )
    extraction = extract_corpus(documents)
    out.mkdir(parents=True, exist_ok=True)

    ov_path = Path(overrides) if overrides is not None else paths.overrides_path()
    ov = load_overrides(ov_path) if ov_path.is_file() else None
    from .corpus import documents_frame

    published = load_observations(observations_dir)
    result = build_panel(
        extraction.figures, documents_frame(documents), overrides=ov, observations=published
    )

    tables = {
        "mentions": extraction.mentions,
        "figures": result.figures,
        "panel": result.panel,
        "audit": result.audit,
        **model_tables(result.panel, load_codebook(), load_targets()),
    }
    written: dict[str, Path] = {}
    for name in TABLES:
        written[name] = write_table(name, tables[name], out)
    write_datapackage(out)

    figure_files: list[Path] = []
    if figures:
        from .plots import build_all_figures

        figure_files = build_all_figures(
            processed_dir=out,
            directory=Path(figures_dir) if figures_dir is not None else paths.figures_dir(),
        )
    problems = [(f, m, "error") for f, m in unreadable]
    problems += [(f.file, f.message, f.level) for f in extraction.failures]
    return BuildResult(tables=written, figures=figure_files, failures=problems)
