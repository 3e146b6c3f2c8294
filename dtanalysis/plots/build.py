"""Draw every publication figure from the processed tables (the figure step of the build)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..codes import FitStatus
from .figures import adoption_figure, audit_figure, coverage_figure, gap_figure
from .rankfigs import dti_distribution_figure, rank_trajectory_figure
from .style import LANGUAGES, RANK_UNITS, save_figure

#: Figure stems written by :func:`build_all_figures` (``{stem}_{lang}.{pdf,svg,png}``).
FIGURE_NAMES = (
    "coverage",
    "coverage_all",
    "adoption",
    "gap_to_target",
    "audit",
    "rank_trajectories",
    "dti_distribution",
)
_TABLES = ("panel", "gaps", "audit", "adoption", "curves", "ranks")


def load_tables(processed_dir: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
    """Read ``panel.csv``, ``gaps.csv``, ``audit.csv``, ``adoption.csv``, ``curves.csv``
    and ``ranks.csv``, typed.

    Parameters
    ----------
    processed_dir : path-like, optional
        Default :func:`dtanalysis.paths.processed_dir`.

    Returns
    -------
    dict
        Table name → DataFrame, as :func:`dtanalysis.tables.read_table` gives it.

    Raises
    ------
    DtanalysisError
        When a table is missing, unreadable or does not match its declaration
        (:class:`dtanalysis.tables.SchemaError`).
    """
    from ..tables import read_table

    return {name: read_table(name, processed_dir) for name in _TABLES}


def curves_from_panel(panel: pd.DataFrame, extra_dates: Sequence[Any] = ()) -> pd.DataFrame:
    """Fit the adoption curves again and evaluate them monthly for the figure.

    Uses :func:`dtanalysis.adoption.observations_from_panel`,
    :func:`dtanalysis.adoption.fit_adoption_curves` and
    :func:`dtanalysis.adoption.curve_grid` on the first day of every month from six
    months before the first observation to the latest of one year after the last
    observation and `extra_dates` (e.g. target deadlines).
    """
    from .. import adoption
    from ..reference import load_codebook

    observations = adoption.observations_from_panel(panel.copy())
    fits = adoption.fit_adoption_curves(observations, codebook=load_codebook())
    dates = pd.to_datetime(observations["date"], errors="coerce").dropna()
    if dates.empty:
        return pd.DataFrame(
            columns=["province_id", "province", "indicator", "date", "mean", "ci_lower", "ci_upper"]
        )
    extra = pd.to_datetime(pd.Series(list(extra_dates), dtype=object), errors="coerce").dropna()
    end = max([dates.max() + pd.DateOffset(months=12), *extra])
    start = (dates.min() - pd.DateOffset(months=6)).to_period("M").to_timestamp()
    # the observation dates themselves are on the grid, so a line drawn only over the
    # observed period reaches its first and last observation
    grid = pd.DatetimeIndex(sorted(set(pd.date_range(start, end, freq="MS")) | set(dates)))
    return adoption.curve_grid(fits, grid)


def _share_indicators(panel: pd.DataFrame) -> list[str] | None:
    """Indicators of the panel that the codebook defines as shares (adoption measures).

    The coverage figure of the report shows these (it fits a journal page); the full
    coverage of every indicator is drawn as ``coverage_all``.
    """
    from ..reference import load_codebook

    book = load_codebook()
    shares = set(book.loc[book["kind"] == "share", "indicator_id"])
    present = [i for i in dict.fromkeys(panel["indicator"]) if i in shares]
    return present or None


def _study_units(panel: pd.DataFrame) -> list[str] | None:
    """The six units of the study (:data:`RANK_UNITS`) that the panel has, in order."""
    present = set(panel["province_id"])
    units = [p for p in RANK_UNITS if p in present]
    return units or None


def _rows_of(panel: pd.DataFrame, indicators: list[str] | None) -> pd.DataFrame:
    """The panel rows of `indicators` (every row when None)."""
    return panel if indicators is None else panel[panel["indicator"].isin(indicators)]


def _draw_language(lang: str, args: tuple) -> list[Path]:
    """Draw and save every figure in one language (a worker of :func:`build_all_figures`)."""
    (panel, gaps, audit, fits, targets, curves, ranks, observations) = args[:8]
    labels, directory, formats, min_observations = args[8:]
    drawn = {
        "coverage": lambda: coverage_figure(
            panel,
            lang=lang,
            labels=labels,
            indicators=_share_indicators(panel),
            provinces=_study_units(_rows_of(panel, _share_indicators(panel))),
            published=observations,
        ),
        "coverage_all": lambda: coverage_figure(
            panel,
            lang=lang,
            labels=labels,
            provinces=_study_units(panel),
            published=observations,
        ),
        "adoption": lambda: adoption_figure(
            panel,
            curves,
            fits,
            lang=lang,
            labels=labels,
            min_observations=min_observations,
            provinces=_study_units(panel),
            published=observations,
        ),
        "gap_to_target": lambda: gap_figure(
            gaps, lang=lang, labels=labels, observations=panel, targets=targets
        ),
        "audit": lambda: audit_figure(audit, lang=lang, labels=labels),
        "rank_trajectories": lambda: rank_trajectory_figure(
            ranks, observations, lang=lang, labels=labels
        ),
        "dti_distribution": lambda: dti_distribution_figure(ranks, observations, lang=lang),
    }
    written: list[Path] = []
    for stem in FIGURE_NAMES:
        written += save_figure(
            drawn[stem](), f"{stem}_{lang}", directory=directory, formats=formats
        )
    return written


def _draw_language_recording(lang: str, args: tuple) -> tuple[list[Path], list]:
    """:func:`_draw_language` in a worker process, returning the warnings it emitted.

    The worker keeps the parent's warning filters (an "error" filter still raises);
    warnings that are only shown are returned, to be re-emitted in the parent.
    """
    with warnings.catch_warnings(record=True) as caught:
        files = _draw_language(lang, args)
    return files, [_PicklableWarning(w) for w in caught]


class _PicklableWarning:
    """The parts of a ``warnings.WarningMessage`` needed to re-emit it."""

    def __init__(self, w: Any) -> None:
        self.message = str(w.message)
        self.category = w.category
        self.filename = w.filename
        self.lineno = w.lineno


def build_all_figures(
    processed_dir: str | os.PathLike[str] | None = None,
    directory: str | os.PathLike[str] | None = None,
    *,
    langs: Sequence[str] = LANGUAGES,
    labels: Any = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
    curves: pd.DataFrame | None = None,
    formats: Sequence[str] = ("pdf", "svg", "png"),
    min_observations: int = 2,
    processes: int | None = None,
) -> list[Path]:
    """Draw and save every figure in every language.

    Writes ``{stem}_{en,vi}.{pdf,svg,png}`` for every stem of :data:`FIGURE_NAMES`
    (``coverage`` shows the share indicators, ``coverage_all`` every indicator;
    ``rank_trajectories`` and ``dti_distribution`` the published rankings).

    Parameters
    ----------
    processed_dir : path-like, optional
        Folder of the processed tables (default :func:`dtanalysis.paths.processed_dir`);
        ignored for the tables given in `tables`.
    directory : path-like, optional
        Output folder (default :func:`dtanalysis.paths.figures_dir`).
    langs : sequence of {"en", "vi"}
    labels : mapping or DataFrame, optional
        Indicator labels; default: the package codebook.
    tables : mapping, optional
        ``panel``, ``gaps``, ``audit``, ``adoption``, ``curves``, ``ranks`` frames
        (typed, as :func:`dtanalysis.tables.read_table` gives them) to use instead of
        reading them, and optionally ``targets`` (default: the package's targets table)
        and ``observations`` (the published observations, whose publishers the rank
        figures name; default :func:`dtanalysis.observations.load_observations`).
    curves : DataFrame, optional
        Curves on a date grid (:func:`dtanalysis.adoption.curves_table` columns); default:
        ``curves.csv``, the curves the build fitted.
    formats : sequence of str
        Passed to :func:`save_figure`.
    min_observations : int
        Passed to :func:`adoption_figure`: by default indicators observed only once in
        every province are left to the coverage figure, which keeps the adoption
        figure within a journal page.
    processes : int, optional
        Each language is drawn in a fresh process, at most this many at once (default:
        the number of CPUs), so the files do not depend on the CPU count. ``1`` draws
        everything in this process instead (for debugging; SVG clip-path ids may then
        differ in float noise from a default build).

    Returns
    -------
    list of pathlib.Path
        Files written, sorted.
    """
    langs = list(langs)
    if processes == 1:
        args = _figure_args(processed_dir, tables, curves, labels, directory, formats,
                            min_observations)
        return sorted(f for lang in langs for f in _draw_language(lang, args))
    # Each language is drawn in a fresh process of its own: drawing is CPU-bound, and
    # matplotlib's text metrics carry float noise from whatever the process drew before,
    # so a fresh process per language makes the bytes independent of the CPU count and
    # of scheduling. At most `processes` (default: CPU count) run at once. The first
    # ones start now, importing the drawing modules while the tables are read here.
    workers = max(1, min(len(langs), processes or os.cpu_count() or 1))
    batches = [langs[i : i + workers] for i in range(0, len(langs), workers)]
    pools = _start_pools(len(batches[0]))
    try:
        args = _figure_args(processed_dir, tables, curves, labels, directory, formats,
                            min_observations)
    except BaseException:
        for pool in pools:
            pool.shutdown(cancel_futures=True)
        raise
    written: list[Path] = []
    for i, batch in enumerate(batches):
        written += _draw_batch(batch, args, pools if i == 0 else _start_pools(len(batch)))
    return sorted(written)


def _figure_args(
    processed_dir: str | os.PathLike[str] | None,
    tables: Mapping[str, pd.DataFrame] | None,
    curves: pd.DataFrame | None,
    labels: Any,
    directory: str | os.PathLike[str] | None,
    formats: Sequence[str],
    min_observations: int,
) -> tuple:
    """What :func:`_draw_language` needs: the tables read (or given) and the settings."""
    given = dict(tables or {})
    missing = [t for t in _TABLES if t not in given]
    if missing:
        loaded = load_tables(processed_dir)
        for t in missing:
            given[t] = loaded[t]
    panel, gaps, audit, fits = given["panel"], given["gaps"], given["audit"], given["adoption"]
    if curves is None:
        # the curves the build fitted once (curves.csv); the figure draws each series'
        # own curve, the common-slope curves being a model of their own
        curves = given["curves"]
        curves = curves[~curves["status"].isin([FitStatus.COMMON_SLOPE])]
    targets = given.get("targets")
    if targets is None:
        # read here, not in the workers: they only draw (see below)
        from ..tables import read_table

        targets = read_table("targets")
    observations = given.get("observations")
    if observations is None:
        from ..observations import load_observations

        observations = load_observations()
    return (
        panel,
        gaps,
        audit,
        fits,
        targets,
        curves,
        given["ranks"],
        observations,
        labels,
        directory,
        tuple(formats),
        min_observations,
    )


#: What a figure worker imports before it draws (:func:`_start_pools`).
DRAWING_MODULES = (
    "dtanalysis.plots.build",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_pdf",
    "matplotlib.backends.backend_svg",
    "matplotlib.figure",
)
#: How the workers start: None for the fork server where the platform has one, else
#: "spawn" (see :func:`_start_pools`); a test sets "spawn" to compare the two.
START_METHOD: str | None = None


def _start_pools(n: int) -> list:
    """`n` fresh worker processes (one pool each), with the drawing modules imported.

    Where the platform has it (Linux, macOS), the workers are forked from
    multiprocessing's fork server, a process started once per parent that only imports
    :data:`DRAWING_MODULES` (about 2 s of CPU): each worker is then a copy of a process
    that imported them and did nothing else, instead of a fresh interpreter importing
    them again (a report draws its figures in two workers: one import instead of two).
    Nothing is drawn and no font is opened before the fork, so a worker's figures are
    byte-identical to those of a spawned interpreter (tested for SVG and PNG; the 42
    files of the full build compared once). Elsewhere (Windows) each worker is
    spawned and imports them itself. The fork server lasts as long as this process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = START_METHOD
    if method is None:
        forkserver = "forkserver" in multiprocessing.get_all_start_methods()
        method = "forkserver" if forkserver else "spawn"
    ctx = multiprocessing.get_context(method)  # spawn: a fresh interpreter, nothing inherited
    if method == "forkserver":
        ctx.set_forkserver_preload(list(DRAWING_MODULES))  # read when the server starts
    pools = [ProcessPoolExecutor(max_workers=1, mp_context=ctx) for _ in range(n)]
    for pool in pools:
        pool.submit(_import_drawing_modules)  # starts the process
    return pools


def _import_drawing_modules() -> None:
    """Import what drawing and saving use (in a worker, before its tables arrive).

    Only imports: nothing is drawn and no font is opened, so the worker's figures are
    those of a process that does everything after receiving its tables. (A worker
    forked from the fork server has them already.)
    """
    import importlib

    for name in DRAWING_MODULES:
        importlib.import_module(name)


def _draw_batch(batch: Sequence[str], args: tuple, pools: Sequence[Any]) -> list[Path]:
    """Draw each language of `batch` in its own worker (`pools`), then stop them."""
    written: list[Path] = []
    try:
        futures = [
            pool.submit(_draw_language_recording, lang, args)
            for pool, lang in zip(pools, batch, strict=True)
        ]
        for future in futures:
            files, caught = future.result()
            written += files
            for w in caught:  # re-emit the workers' warnings here, under this process's filters
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    finally:
        for pool in pools:
            pool.shutdown()
    return written
