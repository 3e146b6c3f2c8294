"""Figures out of texts: the ``figures.csv`` / ``mentions.csv`` tables.

The ``extract`` command is in :mod:`dtanalysis.cli`.

``python -m dtanalysis extract PATH... [--out figures.csv] [--mentions mentions.csv]
[--encoding cp1258] [--province NAME] [--strict]`` reads any text files or folders
(``*.txt``, searched recursively) and writes one row per figure; see
:data:`FIGURE_COLUMNS` and ``docs/ARCHITECTURE.md``.

Province of a figure (column ``province_basis`` says which rule applied, and
``province_evidence`` names the place or domain when one decided it):

1. ``sentence``: a province named in the figure's sentence: the one named right
   after the figure as its holder ("đứng thứ 2 là Thái Nguyên"), else the last one
   named before the figure, else the first one after it, unless several provinces
   follow it or it opens a list the figure introduces ("Top 10 tỉnh ... gồm: Đà
   Nẵng, ...": none);
2. ``place``: else a district, town or ward of one province named with its type word
   in the sentence ("huyện Thoại Sơn", "TP. Rạch Giá"; :mod:`dtanalysis.places`,
   gazetteer ``vietnamadminunits``), same order;
3. ``document``: else the province the document names most often (ties: the one
   named first);
4. ``document_place``: else the province of the places the document names most
   often;
5. ``domain``: else the province of the provincial web domain (``angiang.gov.vn``
   and its subdomains) in the manifest's publisher field, else in the text, when
   only one province's domain appears;
6. ``default``: else ``default_province`` (``--province``; for the corpus build the
   manifest's province);
7. empty when none of these exists; ``province_evidence`` then says why a place in
   the sentence gave none ("huyện Châu Thành (vietnamadminunits 1.0.4): 10 units of
   this name in 10 pre-2025 provinces").

These rules give no province before any of these (``province_evidence`` says which):
a national subject between the figure and the last province named before it
("giá trị trung bình cả nước đạt 0,69 điểm", "chỉ tiêu toàn quốc là 60%", "DTI cấp
quốc gia gồm 12 chỉ số", "Ở cấp bộ, ..."; also carried from the sentence before in
the paragraph; :func:`dtanalysis.places.sentence_scope`), among them the central
Government or its documents as the subject of the figure's sentence ("Nghị quyết số
30c/NQ-CP ngày 08/11/2011 của Chính phủ, đặt ra mục tiêu ... đạt mức trên 80%";
"Thủ tướng", ".../QĐ-TTg", ".../NĐ-CP", "Chương trình ... quốc gia"; not after a
province or provincial word named before them in the sentence, not the object of
"thực hiện", "triển khai", "căn cứ", not carried to the next sentence; "Chính phủ
điện tử" is no subject); the gap or ratio between two different provinces of the
sentence ("A (56,83%) so với B (4,21%) chênh lệch hơn 13 lần", "A gấp 13 lần B",
"A cao hơn B 5 điểm", "khoảng cách giữa A và B là 0,2 điểm";
:func:`dtanalysis.places.compares_provinces`; each province's own figure keeps it);
a count of the parts of an index in a sentence naming no province ("Bộ chỉ số gồm 8
lĩnh vực"; :func:`dtanalysis.places.counts_index_parts`); and, in a document that
names three or more provinces (a ranking or comparison), a paragraph that names
none of them does not take the document's most-named one (3.).

A province name right after a type word of a lower unit ("xã Hòa Bình") names that
unit, not the province, and is not counted as the province.

Bad input never stops a batch: each file is processed on its own, and problems are
collected as :class:`Failure` rows (file, message, level). Levels: ``error`` (the
file could not be read: missing, empty, binary, undecodable; a folder holding no
``*.txt``) and ``warning`` (the text was read but holds no figure, or look-alike
letters or non-ASCII digits were folded while reading it: one row per file, with
the count and the first fold). The command exits
with status 1 when any error occurred, and also on warnings when ``--strict`` is
given; otherwise warnings are listed on stderr and the status is 0, because a text
without figures is a legitimate finding rather than a broken input.
"""
from __future__ import annotations

import os
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dtanalysis.errors import DtanalysisError, InputError
from dtanalysis.reading.collector import collector_paused
from dtanalysis.rows import Rows, text_rows

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "FIGURE_COLUMNS",
    "MENTION_COLUMNS",
    "ExtractionResult",
    "Failure",
    "extract_corpus",
    "extract_figures",
    "extract_paths",
    "iter_units",
    "mentions_frame",
    "open_output",
    "stream_extraction",
    "stream_extraction_dask",
    "write_csv",
    "write_extraction",
]

FIGURE_COLUMNS = (
    "figure_id", "doc_id", "file", "province", "province_id", "province_basis",
    "province_evidence", "value", "low", "high", "unit", "numerator", "denominator",
    "qualifier", "scale", "unit_text", "raw", "start", "end", "sentence", "sentence_start",
    "sentence_end", "flag",
)
MENTION_COLUMNS = (
    "mention_id", "doc_id", "file", "province", "province_id", "province_basis",
    "province_evidence", "start", "end", "raw", "kind", "reason",
    "value", "low", "high", "unit", "numerator", "denominator", "qualifier", "scale",
    "unit_text", "sentence_start", "sentence_end", "flag",
)
TEXT_SUFFIXES = (".txt",)
#: Float format of the CSV files: exact for every double with up to 15 significant
#: digits (so "12.345.678.901 đồng" keeps all its digits) and free of binary noise.
FLOAT_FORMAT = "%.15g"


class Failure(NamedTuple):
    """A file that could not be processed (``error``), or a finding about it (``warning``).

    Warnings: the file holds no figure, or look-alike letters or non-ASCII digits were
    folded while reading it.
    """

    file: str
    message: str
    level: str = "error"


class _FailureLevels:
    """``errors`` and ``warnings``: the :class:`Failure` rows of a batch by level."""

    failures: list[Failure]

    @property
    def errors(self) -> list[Failure]:
        """Failures of level ``error``."""
        return [f for f in self.failures if f.level == "error"]

    @property
    def warnings(self) -> list[Failure]:
        """Failures of level ``warning``."""
        return [f for f in self.failures if f.level == "warning"]


@dataclass
class ExtractionResult(_FailureLevels):
    """Figures, mentions and failures of a batch."""

    figures: pd.DataFrame
    mentions: pd.DataFrame
    failures: list[Failure] = field(default_factory=list)


# --------------------------------------------------------------------------- one text
_NUMERIC = ("value", "low", "high", "numerator", "denominator", "scale")
_OFFSETS = ("start", "end", "sentence_start", "sentence_end")


#: Figure rows (``FIGURE_COLUMNS`` order) and mention rows (``MENTION_COLUMNS``) of one
#: text: :func:`dtanalysis.rows.text_rows`, with the cyclic collector paused (a text's
#: reading makes no reference cycles; see :mod:`dtanalysis.reading.collector`).
_rows = collector_paused(text_rows)


def _frame(rows: Rows, columns: Sequence[str]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    cols = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data: dict[str, Any] = {}
    for c, v in zip(columns, cols, strict=True):
        if c in _NUMERIC:
            data[c] = np.array(v, dtype="float64")  # None becomes NaN
        elif c in _OFFSETS:
            data[c] = np.array(v, dtype="int64")
        else:
            data[c] = np.array(v, dtype=object)
    df = pd.DataFrame(data, columns=list(columns), copy=False)  # the arrays are new
    if len(df) and not _sorted_rows(data["doc_id"], data["start"]):
        df = df.sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)
    return df


def _sorted_rows(doc_ids: Any, starts: Any) -> bool:
    """True when rows are already in (doc_id, start) order (one text: no sort needed)."""
    import numpy as np

    if len(starts) < 2:
        return True
    if not np.all(doc_ids == doc_ids[0]):  # elementwise, in C
        return False
    return bool(np.all(starts[1:] >= starts[:-1]))


@collector_paused  # the rows and their table make no reference cycles
def extract_figures(
    text: str,
    doc_id: str,
    *,
    file: str | None = None,
    default_province: str | None = None,
) -> pd.DataFrame:
    """One row per figure of a normalised text.

    Parameters
    ----------
    text : str
        Normalised text (:func:`dtanalysis.text.read_text`); offsets refer to it.
    doc_id : str
        Document identifier (the manifest's, or the file name).
    file : str, optional
        File name (defaults to ``doc_id``).
    default_province : str, optional
        Province used when neither the sentence nor the document names one.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FIGURE_COLUMNS`, sorted by ``start``; ``raw ==
        text[start:end]`` on every row.
    """
    figs, _ = _rows(text, doc_id, file, default_province, mentions=False)
    return _frame(figs, FIGURE_COLUMNS)


@collector_paused  # the rows and their table make no reference cycles
def mentions_frame(text: str, doc_id: str, *, file: str | None = None) -> pd.DataFrame:
    """Every digit-bearing mention of a normalised text as a table.

    Parameters
    ----------
    text : str
        Normalised text.
    doc_id : str
        Document identifier.
    file : str, optional
        File name (defaults to ``doc_id``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MENTION_COLUMNS`, sorted by ``start``.
    """
    _, ments = _rows(text, doc_id, file, None, figures=False)
    return _frame(ments, MENTION_COLUMNS)


# --------------------------------------------------------------------------- batches
def _iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Failure]]:
    files: list[Path] = []
    failures: list[Failure] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES),
                key=lambda f: f.as_posix(),
            )
            if not found:
                where = os.fspath(raw)
                failures.append(Failure(where, f"{where}: folder holds no text files (*.txt)"))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            failures.append(Failure(os.fspath(raw), f"{os.fspath(raw)}: no such file or folder"))
    return files, failures


def _manifest_ids() -> dict[str, str]:
    """Map resolved raw-file paths to manifest doc_ids (empty when no manifest)."""
    try:
        from dtanalysis import paths as _paths
        from dtanalysis.corpus import read_manifest

        raw_dir = _paths.raw_dir()
        rows = read_manifest(raw_dir)
    except (ImportError, AttributeError, DtanalysisError, OSError, ValueError, KeyError):
        return {}
    out = {}
    for r in rows:
        if r.get("file") and r.get("doc_id"):
            out[str((Path(raw_dir) / r["file"]).resolve())] = r["doc_id"]
    return out


def _no_figure_failure(name: str, n_mentions: int) -> Failure:
    return Failure(name, f"{name}: no figures found ({n_mentions} other digit mentions)", "warning")


class _Unit(NamedTuple):
    """Files sharing one doc_id (usually one file), processed together."""

    doc_id: str
    files: tuple[tuple[int, str], ...]  # (input position, path)


def _plan(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[_Unit], list[tuple[int, Failure]]]:
    """The units of work in output order (by doc_id, as the tables are sorted)."""
    files, failures = _iter_inputs(paths)
    manifest = _manifest_ids() if files else {}
    names = Counter(f.name for f in files)
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for i, f in enumerate(files):
        doc_id = manifest.get(str(f.resolve())) or (f.name if names[f.name] == 1 else f.as_posix())
        by_doc.setdefault(doc_id, []).append((i + len(failures), os.fspath(f)))
    units = [_Unit(d, tuple(by_doc[d])) for d in sorted(by_doc)]
    # input failures come first in the failure list, as before
    return units, list(enumerate(failures))


class _Done(NamedTuple):
    """What one unit gave: rows (or their CSV text), counts and failures."""

    figures: Any
    mentions: Any
    n_figures: int
    n_mentions: int
    n_texts: int
    failures: list[tuple[int, Failure]]


def _read_noting_lookalikes(name: str, encoding: str | None) -> tuple[str, list[str]]:
    """Read one file; the look-alike folds it reports become messages, not warnings.

    In a batch (and in worker processes, whose Python warnings never reach the
    caller) a :class:`~dtanalysis.text.LookalikeWarning` is one ``warning`` row of
    the batch's failures, so it is listed with the other problems of the run.
    """
    from dtanalysis.text import LookalikeWarning, read_text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LookalikeWarning)
        text = read_text(Path(name), encoding=encoding)
    messages = []
    for w in caught:
        if issubclass(w.category, LookalikeWarning):
            messages.append(str(w.message))
        else:  # anything else is re-issued as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return text, messages


@collector_paused  # the rows and their table make no reference cycles
def _run_unit(
    unit: _Unit,
    encoding: str | None,
    default_province: str | None,
    as_csv: bool,
    mentions_csv: bool = True,
) -> _Done:
    """Read and extract the files of one unit (in a worker process for ``jobs > 1``)."""
    figs: Rows = []
    ments: Rows = []
    failures: list[tuple[int, Failure]] = []
    n_texts = 0
    for pos, name in unit.files:
        try:
            text, folded = _read_noting_lookalikes(name, encoding)
        except InputError as exc:
            failures.append((pos, Failure(name, str(exc))))
            continue
        failures.extend((pos, Failure(name, msg, "warning")) for msg in folded)
        n_texts += 1
        fr, mr = _rows(text, unit.doc_id, Path(name).name, default_province)
        if not fr:
            failures.append((pos, _no_figure_failure(name, len(mr))))
        figs.extend(fr)
        ments.extend(mr)
    if len(unit.files) > 1:  # rows of one doc_id in start order, stable, as _frame sorts
        figs.sort(key=lambda r: r[FIGURE_COLUMNS.index("start")])
        ments.sort(key=lambda r: r[MENTION_COLUMNS.index("start")])
    nf, nm = len(figs), len(ments)
    if as_csv:
        ments_text = _csv_text(ments, MENTION_COLUMNS) if mentions_csv else ""
        return _Done(_csv_text(figs, FIGURE_COLUMNS), ments_text, nf, nm, n_texts, failures)
    return _Done(figs, ments, nf, nm, n_texts, failures)


def _csv_text(rows: Rows, columns: Sequence[str]) -> str:
    """Rows as CSV lines without header, exactly as :func:`write_csv` writes them."""
    if not rows:
        return ""
    import io

    buf = io.StringIO()
    _frame(rows, columns).to_csv(
        buf, index=False, header=False, lineterminator="\n", float_format=FLOAT_FORMAT
    )
    return buf.getvalue()


def _csv_header(columns: Sequence[str]) -> str:
    import io

    import pandas as pd

    buf = io.StringIO()
    write_csv(pd.DataFrame(columns=list(columns)), buf)
    return buf.getvalue()


def iter_units(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    jobs: int = 1,
    as_csv: bool = False,
    mentions_csv: bool = True,
) -> Iterator[_Done]:
    """Extraction results one unit (one doc_id) at a time, in output order.

    With ``jobs > 1`` the files are read in that many processes; results still come
    in the serial order, and at most ``2 * jobs`` units are in flight, so memory
    stays bounded whatever the corpus size. Input failures (missing paths, empty
    folders) come first, as a unit without rows.
    """
    units, input_failures = _plan(paths)
    yield _Done([] if not as_csv else "", [] if not as_csv else "", 0, 0, 0, input_failures)
    if jobs <= 1 or len(units) < 2:
        for u in units:
            yield _run_unit(u, encoding, default_province, as_csv, mentions_csv)
        return
    import multiprocessing as mp
    from collections import deque

    from dtanalysis.places import preload

    preload()  # forked workers inherit the gazetteer instead of each reading it
    ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
    with ctx.Pool(jobs) as pool:
        pending: deque[Any] = deque()
        todo = iter(units)
        for u in todo:
            args = (u, encoding, default_province, as_csv, mentions_csv)
            pending.append(pool.apply_async(_run_unit, args))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    jobs: int = 1,
) -> ExtractionResult:
    """Extract figures and mentions from text files and folders.

    Each file is processed independently; a bad file becomes a :class:`Failure` and
    the others are still processed. The whole result is held in memory: for large
    corpora use :func:`stream_extraction`, which writes the tables as it goes.

    Parameters
    ----------
    paths : iterable of path-like
        Files (any name) and folders (searched recursively for ``*.txt``).
    encoding : str, optional
        Codec forced for every file (e.g. ``"cp1258"``).
    default_province : str, optional
        Province for figures whose sentence and document name none.
    jobs : int, default 1
        Processes reading the files (the result does not depend on it).

    Returns
    -------
    ExtractionResult
        ``figures`` and ``mentions`` sorted by ``doc_id``, ``start``; ``failures``
        in input order. ``doc_id`` is the manifest's when the file is a listed
        corpus file, else the file name (the path when two files share a name).
    """
    figs: Rows = []
    ments: Rows = []
    failures: list[tuple[int, Failure]] = []
    for done in iter_units(
        paths, encoding=encoding, default_province=default_province, jobs=jobs
    ):
        figs.extend(done.figures)
        ments.extend(done.mentions)
        failures.extend(done.failures)
    failures.sort(key=lambda pf: pf[0])
    return ExtractionResult(
        _frame(figs, FIGURE_COLUMNS), _frame(ments, MENTION_COLUMNS), [f for _, f in failures]
    )


@dataclass
class StreamSummary(_FailureLevels):
    """Counts and failures of :func:`stream_extraction` (the tables are on disk)."""

    n_figures: int = 0
    n_mentions: int = 0
    n_texts: int = 0
    failures: list[Failure] = field(default_factory=list)


_WRITE_TEXT = "w"  # outputs only; _refuse_raw keeps them out of data/raw


def _refuse_raw(target: str) -> None:
    """Refuse an output path inside the corpus folder (only add-article writes there)."""
    try:
        from dtanalysis import paths as _paths

        raw = Path(_paths.raw_dir()).resolve()
    except (ImportError, AttributeError, DtanalysisError, OSError):  # pragma: no cover
        return
    if Path(target).resolve().is_relative_to(raw):
        raise DtanalysisError(f"{target}: refusing to write inside the corpus folder {raw}")


def open_output(target: str) -> Any:
    """Open an output CSV for writing (standard output for ``"-"``).

    Raises
    ------
    DtanalysisError
        Naming the target when it cannot be written (a folder, no permission) or
        lies inside ``data/raw``.
    """
    if target == "-":
        return sys.stdout
    _refuse_raw(target)
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        return Path(target).open(_WRITE_TEXT, encoding="utf-8", newline="")
    except OSError as exc:
        raise DtanalysisError(f"{target}: cannot write ({exc.strerror or exc})") from None


def stream_extraction(
    paths: Iterable[str | os.PathLike[str]],
    figures_out: Any,
    mentions_out: Any = None,
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    jobs: int = 1,
) -> StreamSummary:
    """Extract and write the tables file by file (flat memory at any corpus size).

    The CSV written is byte-identical to :func:`write_csv` of
    :func:`extract_paths`'s tables: the header once, then each document's rows as
    soon as they are produced, documents in ``doc_id`` order.

    Parameters
    ----------
    paths : iterable of path-like
        Files and folders, as for :func:`extract_paths`.
    figures_out, mentions_out : text stream
        Where the figures (and, when given, the mentions) CSV go.
    encoding, default_province, jobs
        As for :func:`extract_paths`.

    Returns
    -------
    StreamSummary
    """
    summary = StreamSummary()
    failures: list[tuple[int, Failure]] = []
    figures_out.write(_csv_header(FIGURE_COLUMNS))
    if mentions_out is not None:
        mentions_out.write(_csv_header(MENTION_COLUMNS))
    for done in iter_units(
        paths,
        encoding=encoding,
        default_province=default_province,
        jobs=jobs,
        as_csv=True,
        mentions_csv=mentions_out is not None,
    ):
        figures_out.write(done.figures)
        if mentions_out is not None:
            mentions_out.write(done.mentions)
        summary.n_figures += done.n_figures
        summary.n_mentions += done.n_mentions
        summary.n_texts += done.n_texts
        failures.extend(done.failures)
    failures.sort(key=lambda pf: pf[0])
    summary.failures = [f for _, f in failures]
    return summary


def stream_extraction_dask(
    paths: Iterable[str | os.PathLike[str]],
    figures_out: Any,
    mentions_out: Any = None,
    *,
    encoding: str | None = None,
    default_province: str | None = None,
    client: Any = None,
    window: int | None = None,
) -> StreamSummary:
    """:func:`stream_extraction` on a Dask cluster (optional extra ``dask``).

    The files become a :mod:`dask.bag` with one document per partition; the
    partitions are computed ``window`` at a time (default: twice the cluster's
    threads) and their CSV text is written in order as they come back, so the
    output is byte-identical to a serial run and the client's memory stays bounded.
    The files must be readable at the same paths on every worker (a shared file
    system).

    Parameters
    ----------
    paths, figures_out, mentions_out, encoding, default_province
        As for :func:`stream_extraction`.
    client : dask.distributed.Client, optional
        The cluster to use; without one, Dask's default scheduler runs locally.
    window : int, optional
        Partitions in flight at a time.

    Returns
    -------
    StreamSummary
    """
    import dask
    import dask.bag as db

    units, input_failures = _plan(paths)
    if window is None:
        threads = sum(client.nthreads().values()) if client is not None else os.cpu_count()
        window = 2 * max(1, threads or 1)
    want_m = mentions_out is not None
    parts = db.from_sequence(units, npartitions=max(1, len(units))).map(
        _run_unit, encoding, default_province, True, want_m
    ).to_delayed()
    summary = StreamSummary()
    failures = list(input_failures)
    figures_out.write(_csv_header(FIGURE_COLUMNS))
    if want_m:
        mentions_out.write(_csv_header(MENTION_COLUMNS))
    for i in range(0, len(parts) if units else 0, window):
        chunk = parts[i : i + window]
        if client is not None:
            results = client.gather(client.compute(chunk))
        else:
            results = dask.compute(*chunk)
        for part in results:
            for done in part:
                figures_out.write(done.figures)
                if want_m:
                    mentions_out.write(done.mentions)
                summary.n_figures += done.n_figures
                summary.n_mentions += done.n_mentions
                summary.n_texts += done.n_texts
                failures.extend(done.failures)
    failures.sort(key=lambda pf: pf[0])
    summary.failures = [f for _, f in failures]
    return summary


@collector_paused  # the rows and their table make no reference cycles
def extract_corpus(documents: Iterable[Any]) -> ExtractionResult:
    """Extract figures and mentions from loaded documents (the corpus build).

    Parameters
    ----------
    documents : iterable
        Objects with ``doc_id``, ``file`` and ``text`` (normalised), such as
        :class:`dtanalysis.corpus.Document`; an optional ``province`` attribute is
        used as the default province.

    Returns
    -------
    ExtractionResult
    """
    figs: Rows = []
    ments: Rows = []
    failures: list[Failure] = []
    for doc in documents:
        fr, mr = _rows(doc.text, doc.doc_id, doc.file, getattr(doc, "province", None) or None,
                       publisher=getattr(doc, "publisher", "") or "")
        if not fr:
            failures.append(_no_figure_failure(doc.file, len(mr)))
        figs.extend(fr)
        ments.extend(mr)
    return ExtractionResult(_frame(figs, FIGURE_COLUMNS), _frame(ments, MENTION_COLUMNS), failures)


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str] | Any) -> None:
    """Write a table as UTF-8 CSV deterministically (``\\n`` line ends, ``%.15g`` floats).

    Parameters
    ----------
    df : pandas.DataFrame
    path : path-like or text stream
    """
    df.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def write_extraction(df: pd.DataFrame, target: str) -> None:
    """Write an extraction table to a file, or to standard output for ``"-"``.

    Raises
    ------
    DtanalysisError
        Naming the target when it cannot be written.
    """
    if target == "-":
        write_csv(df, sys.stdout)
        return
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_csv(df, target)
    except OSError as exc:
        raise DtanalysisError(f"{target}: cannot write ({exc.strerror or exc})") from None
