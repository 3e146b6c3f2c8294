"""Published observations: the second input beside the texts.

Published statistics (DTI, PAR Index, SIPAS, PAPI, the QĐ 766 service index, GSO
population, a researcher's own tables) live in ``data/observations/*.csv``, one row per
published number, declared by :data:`dtanalysis.tables.observations.OBSERVATIONS` (the
columns and their checks are in the data dictionary ``dtanalysis/data/datapackage.json``
and in ``data/observations/README.md``).

- :func:`load_observations` reads every file of the folder, typed and validated, ids
  unique across the files, sorted deterministically; an empty or missing folder gives an
  empty typed table (so the text-only build is unchanged).
- :func:`check_printed_values` reads each ``value_as_printed`` back with the package's own
  reader (:func:`dtanalysis.extract_mentions`) and flags a value that is not among the
  numbers read.
- :func:`add_observations` validates a researcher's file and adds it to the folder, whole
  or not at all; every bad row gets one line ``file:line: what is wrong``.

Examples
--------
>>> from dtanalysis.observations import load_observations
>>> obs = load_observations()
>>> obs.columns[:3].tolist()
['observation_id', 'unit_kind', 'unit_id']
"""
from __future__ import annotations

import io
import math
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DtanalysisError
from .tables.observations import OBSERVATIONS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ObservationsError", "add_observations", "check_printed_values", "columns",
           "load_observations", "observations_dir"]

#: Sort order of :func:`load_observations`.
SORT_KEYS = ("indicator", "unit_kind", "unit_id", "unit_name", "period_start", "period_end",
             "observation_id")
#: Columns of the frame returned by :func:`check_printed_values`.
FLAG_COLUMNS = ("observation_id", "value", "value_as_printed", "numbers_read", "reason")
_LINE = re.compile(r"^line (\d+): (.*)$")


class ObservationsError(DtanalysisError):
    """A file of published observations is refused; the message has one line per bad row."""


def columns() -> list[str]:
    """The declared columns of the observations table, in order."""
    return OBSERVATIONS.columns


def observations_dir() -> Path:
    """``<project root>/data/observations``."""
    from .paths import data_dir

    return data_dir() / "observations"


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The in-memory types of the table; the integer column is always pandas' ``Int64``."""
    for name in OBSERVATIONS.fields_of_type("integer"):
        frame[name] = frame[name].astype("Int64")
    return frame


def _empty() -> pd.DataFrame:
    import pandas as pd

    return _typed(OBSERVATIONS.coerce(pd.DataFrame({c: pd.Series(dtype=object)
                                                    for c in columns()})))


def _row_problems(
    raw: pd.DataFrame, checked: bool = False
) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """Type `raw` and collect every problem by file line (data rows start at line 2).

    ``checked=True``: the file's bytes were found valid before by the same declaration
    (:mod:`dtanalysis.tables._validated`), so the rows are only typed.
    """
    from .tables._layer import _coerce_column, _field_failures

    problems: list[str] = []
    typed = raw.loc[:, columns()].copy()
    for f in OBSERVATIONS.fields:
        typed[f.name] = _coerce_column(typed[f.name], f, OBSERVATIONS.normalize, problems)
    if checked and not problems:
        return typed, {}
    problems += _field_failures(OBSERVATIONS, typed)
    for check in OBSERVATIONS.row_checks:
        bad = check.bad(typed).fillna(False).astype(bool)
        problems += [f"line {i + 2}: {check.message}" for i in typed.index[bad.to_numpy()]]
    by_line: dict[int, list[str]] = {}
    for p in problems:
        m = _LINE.match(p)
        line, text = (int(m.group(1)), m.group(2)) if m else (0, p)
        if text not in by_line.setdefault(line, []):
            by_line[line].append(text)
    return typed, by_line


def _read_raw(path: Path) -> tuple[pd.DataFrame, bytes]:
    """The file's cells as text, and its bytes."""
    import pandas as pd

    from .tables import _text

    try:
        data = path.read_bytes()
        text = _text(data, "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ObservationsError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") \
            from None
    except OSError as exc:
        raise ObservationsError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ObservationsError(f"{path}: not a readable CSV table ({exc})") from None
    missing = [c for c in columns() if c not in raw.columns]
    extra = [c for c in raw.columns if c not in columns()]
    if missing or extra:
        said = [f"missing column(s) {', '.join(missing)}"] * bool(missing) + \
               [f"undeclared column(s) {', '.join(map(str, extra))}"] * bool(extra)
        raise ObservationsError(f"{path}: {'; '.join(said)}")
    return raw, data


def _check_file(path: Path, known_ids: dict[str, str] | None = None) -> pd.DataFrame:
    """Read and validate one file; raise one message with a line per bad row.

    A file whose bytes were found valid before is only typed (the ids of `known_ids`
    are still looked for).
    """
    from .tables import _validated

    raw, data = _read_raw(path)
    checked = _validated.is_validated(OBSERVATIONS, data, path.name)
    typed, by_line = _row_problems(raw, checked)
    for i, oid in zip(typed.index, typed["observation_id"], strict=True):
        if known_ids and oid in known_ids:
            by_line.setdefault(i + 2, []).append(
                f"observation_id {oid!r} already exists in {known_ids[oid]}")
    if by_line:
        lines = [f"{path}:{line}: {'; '.join(texts)}" if line else f"{path}: {'; '.join(texts)}"
                 for line, texts in sorted(by_line.items())]
        bad_rows = sum(1 for line in by_line if line)
        head = f"{path}: refused, {bad_rows} bad row(s) of {len(typed)}"
        raise ObservationsError("\n".join([head, *lines]))
    if not checked:
        _validated.record(OBSERVATIONS, data, path.name)
    return typed


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.csv") if p.is_file() and not p.name.startswith("."))


def load_observations(directory: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read every published-observations file of a folder.

    Parameters
    ----------
    directory : path-like, optional
        Folder of ``*.csv`` files (default ``<project root>/data/observations``). Files
        whose name starts with ``.`` are ignored.

    Returns
    -------
    pandas.DataFrame
        The declared columns with their declared types (``ranked_set_size`` as pandas'
        nullable ``Int64``), all files together, sorted by
        ``indicator, unit_kind, unit_id, unit_name, period_start, period_end,
        observation_id`` (index 0..n-1). An empty or missing folder gives an empty table
        with the declared columns and types.

    Raises
    ------
    ObservationsError
        When a file is unreadable or has bad rows (one line per row), or when an
        ``observation_id`` occurs in two files.
    """
    import pandas as pd

    folder = Path(directory) if directory is not None else observations_dir()
    frames, seen = [], {}
    for path in _files(folder):
        typed = _check_file(path)
        dup = [f"{path}:{i + 2}: observation_id {oid!r} already exists in {seen[oid]}"
               for i, oid in zip(typed.index, typed["observation_id"], strict=True) if oid in seen]
        if dup:
            raise ObservationsError("\n".join(dup))
        seen.update({oid: path.name for oid in typed["observation_id"]})
        frames.append(typed)
    if not frames:
        return _empty()
    out = pd.concat([_typed(f) for f in frames], ignore_index=True)
    return out.sort_values(list(SORT_KEYS), kind="mergesort").reset_index(drop=True)


def _numbers_read(text: str) -> list[float]:
    """Every number the package's reader finds in a printed phrase (values, ends, parts)."""
    from . import extract_mentions

    out: list[float] = []
    for m in extract_mentions(text):
        q = m.quantity
        if q is None:
            continue
        for v in (q.value, q.low, q.high, q.denominator):
            if v is not None and not (isinstance(v, float) and math.isnan(v)) and v not in out:
                out.append(float(v))
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check_printed_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Flag observations whose value the package's reader does not read in the print.

    Each ``value_as_printed`` is read with :func:`dtanalysis.extract_mentions` (Vietnamese
    conventions: ``0,5796`` is 0.5796, ``1.723.067`` is 1723067, ``32/63`` a rank or ratio,
    ``4,7 triệu`` is 4 700 000). A printed value matches when the observation's ``value``
    equals one of the numbers read (a value, a range end or a denominator) up to float
    rounding. A derived value (non-empty ``derivation``: computed from the printed numbers,
    or read from words such as "dẫn đầu", "ranked 2nd", "(thứ 21)" that the reader does not
    take for a figure) is not checked: its derivation says how it was obtained.

    Parameters
    ----------
    frame : pandas.DataFrame
        Observations (as :func:`load_observations` gives them).

    Returns
    -------
    pandas.DataFrame
        One row per flagged observation, columns :data:`FLAG_COLUMNS`: ``numbers_read``
        lists the numbers the reader found (``;``-separated), ``reason`` says why the row
        is flagged. Empty when every printed value reads back.
    """
    import pandas as pd

    flags = []
    for r in frame.to_dict("records"):
        if str(r.get("derivation") or "").strip():
            continue
        numbers = _numbers_read(str(r["value_as_printed"]))
        read = ";".join(f"{v:g}" for v in numbers)
        if not numbers:
            reason = "the reader finds no number in value_as_printed"
        elif any(_same(float(r["value"]), v) for v in numbers):
            continue
        else:
            reason = f"value {r['value']:g} is not among the numbers read ({read})"
        flags.append({"observation_id": r["observation_id"], "value": r["value"],
                      "value_as_printed": r["value_as_printed"], "numbers_read": read,
                      "reason": reason})
    return pd.DataFrame(flags, columns=list(FLAG_COLUMNS))


def add_observations(file: str | os.PathLike[str],
                     directory: str | os.PathLike[str] | None = None) -> tuple[Path, int]:
    """Validate a researcher's file of published observations and add it to the folder.

    The file must have the declared columns (see ``data/observations/README.md``). Every
    row is checked (known indicator and unit, dates that exist, numbers, a source, ranks
    within their ranked set, ...) and its ``observation_id`` must not exist in the files
    already there. A file with any bad row is refused whole; otherwise it is copied into
    the folder under its own name through a temporary file and a rename, so nothing is
    ever half-added.

    Parameters
    ----------
    file : path-like
        The CSV file to add (UTF-8).
    directory : path-like, optional
        The observations folder (default ``<project root>/data/observations``; created
        when missing).

    Returns
    -------
    (pathlib.Path, int)
        The file written and the number of observations it holds.

    Raises
    ------
    ObservationsError
        When the file is refused: the first line says how many rows are bad, then one
        line ``file:line: problem; problem`` per bad row. Also when a file of that name is
        already in the folder, or the folder's own files do not validate.
    """
    source = Path(file)
    folder = Path(directory) if directory is not None else observations_dir()
    if not source.is_file():
        raise ObservationsError(f"{source}: not found")
    target = folder / source.name
    if target.exists():
        raise ObservationsError(f"{source}: {target} already exists; rename the file to add it")
    load_observations(folder)  # the folder's own files must validate first
    typed = _check_file(source, _ids_by_file(folder))
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target, len(typed)


def _ids_by_file(folder: Path) -> dict[str, str]:
    """``observation_id -> file name`` of the files already in the folder."""
    out: dict[str, str] = {}
    for path in _files(folder):
        try:
            ids = _read_raw(path)[0]["observation_id"]
        except ObservationsError:  # pragma: no cover - load_observations raised already
            continue
        out.update({str(oid).strip(): path.name for oid in ids})
    return out
