"""Export the processed tables for Stata, R and pandas: ``.dta`` and Parquet beside the CSVs.

:func:`export_tables` reads every processed table through the typed layer
(:func:`dtanalysis.tables.read_table`) and writes, into one folder, for each table
``{name}.csv`` (a copy of the build's file), ``{name}.dta`` and ``{name}.parquet``:

Stata (``.dta``, format 118: UTF-8 strings, Stata 14 and later)
    Variable labels are the column descriptions of the data dictionary (the table
    declarations), shortened to Stata's 80 characters at a word boundary; the dataset
    label is the table's title. A column named by a Stata reserved word gets a trailing
    underscore (``end`` becomes ``end_``: :func:`stata_name`). A column with declared
    allowed values (``enum``) is
    stored as integer codes with a value label naming each value (codes follow the
    declared order, from 1); booleans are 0/1 with the value label ``false``/``true``;
    dates are Stata daily dates (``%td``); empty text is Stata's empty string and an
    empty number is missing (``.``).
Parquet
    The declared types: ``string``, ``double``, ``int64`` (nullable), ``bool`` and
    ``date32``; enum columns are dictionary-encoded strings. Empty cells are nulls.
    Each field carries its description in the field metadata (``description``) and the
    file its table title (``dtanalysis.title``).

The output is deterministic: the Stata time stamp is fixed and the Parquet files carry
no pandas metadata (their ``created_by`` names the pinned pyarrow version only), so a
rerun writes byte-identical files.

Examples
--------
From the shell, after ``python -m dtanalysis build``::

    python -m dtanalysis export build/export
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .tables import Table

__all__ = [
    "STATA_LABEL_LENGTH",
    "STATA_TIME_STAMP",
    "export_tables",
    "stata_label",
    "stata_name",
]

#: Stata's limit on variable, value and dataset labels, in characters.
STATA_LABEL_LENGTH = 80
#: The time stamp written into every ``.dta`` file (a fixed one: reruns are identical).
STATA_TIME_STAMP = _dt.datetime(2000, 1, 1)
#: Stata's dta format: 118 stores strings as UTF-8.
STATA_VERSION = 118
#: Longest string (in bytes) a ``str#`` variable holds; longer columns become ``strL``.
_STR_MAX_BYTES = 2045
_BOOL_LABELS = {0: "false", 1: "true"}


def stata_label(text: str, limit: int = STATA_LABEL_LENGTH) -> str:
    """Shorten a description to a Stata label: at most `limit` characters, cut at a word.

    Parameters
    ----------
    text : str
        The description.
    limit : int, default 80
        Stata's limit.

    Returns
    -------
    str
        `text` when it fits, else its first words followed by ``...``.

    Examples
    --------
    >>> stata_label("Share of adults with an account", 20)
    'Share of adults...'
    >>> stata_label("short")
    'short'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: limit - 3]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:(-") + "..."


def stata_name(column: str) -> str:
    """The Stata variable name of a column: the column name, ``name_`` for a reserved word.

    Stata reserves some words (``end``, ``if``, ``double``, ...); a column with such a
    name (``end`` in ``figures.csv``) is exported with a trailing underscore.

    Examples
    --------
    >>> stata_name("end"), stata_name("province")
    ('end_', 'province')
    """
    from pandas.io.stata import StataParser

    return f"{column}_" if column in StataParser().RESERVED_WORDS else column


def export_tables(
    directory: str | os.PathLike[str],
    source: str | os.PathLike[str] | None = None,
    names: Sequence[str] | None = None,
) -> list[Path]:
    """Write every processed table as CSV, Stata ``.dta`` and Parquet into `directory`.

    Parameters
    ----------
    directory : path-like
        The output folder (created when missing).
    source : path-like, optional
        Folder holding the processed CSVs (default ``data/processed``).
    names : sequence of str, optional
        Only these tables (default: every processed table).

    Returns
    -------
    list of pathlib.Path
        The files written, three per table (``.csv``, ``.dta``, ``.parquet``), in the
        build order of the tables.

    Raises
    ------
    dtanalysis.tables.SchemaError
        When a table is missing or does not match its declaration.
    """
    from . import tables

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    if source is None:
        from .paths import processed_dir

        source = processed_dir()
    source = Path(source)
    written: list[Path] = []
    for name in names or tables.PROCESSED_TABLES:
        t = tables.table(name)
        frame = tables.read_table(name, source)
        csv_path = out / t.file_name
        if csv_path.resolve() != (source / t.file_name).resolve():
            shutil.copyfile(source / t.file_name, csv_path)
        written.append(csv_path)
        written.append(_write_stata(t, frame, out / f"{name}.dta"))
        written.append(_write_parquet(t, frame, out / f"{name}.parquet"))
    return written


def _stata_frame(t: Table, frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict]]:
    """The frame as Stata stores it, and the value labels of its coded columns."""
    import pandas as pd

    data: dict[str, Any] = {}
    value_labels: dict[str, dict[int, str]] = {}
    for f in t.fields:
        col = frame[f.name]
        if f.type == "date":
            data[f.name] = pd.to_datetime(col.replace("", None), format="%Y-%m-%d")
        elif f.type == "boolean":
            data[f.name] = col.astype("int8")
            value_labels[f.name] = dict(_BOOL_LABELS)
        elif f.enum and f.type == "string":
            codes = {v: i for i, v in enumerate((v for v in f.enum if v != ""), start=1)}
            data[f.name] = col.map(codes).astype("float64")
            value_labels[f.name] = {i: stata_label(v) for v, i in codes.items()}
        elif f.type == "integer":
            data[f.name] = col.astype("float64") if col.isna().any() else col.astype("int64")
        else:
            data[f.name] = col
    names = {f.name: stata_name(f.name) for f in t.fields}
    shown = pd.DataFrame(data, index=frame.index).rename(columns=names)
    return shown, {names[k]: v for k, v in value_labels.items()}


def _write_stata(t: Table, frame: pd.DataFrame, path: Path) -> Path:
    shown, value_labels = _stata_frame(t, frame)
    strl = [
        stata_name(f.name)
        for f in t.fields
        if f.type == "string"
        and stata_name(f.name) not in value_labels
        and max((len(str(v).encode("utf-8")) for v in shown[stata_name(f.name)]), default=0)
        > _STR_MAX_BYTES
    ]
    tmp = path.with_name(path.name + ".tmp")
    shown.reset_index(drop=True).to_stata(
        tmp,
        write_index=False,
        version=STATA_VERSION,
        convert_dates={stata_name(f.name): "td" for f in t.fields if f.type == "date"},
        time_stamp=STATA_TIME_STAMP,
        data_label=stata_label(t.title),
        variable_labels={stata_name(f.name): stata_label(f.description) for f in t.fields},
        value_labels=value_labels or None,
        convert_strl=strl,
    )
    os.replace(tmp, path)
    return path


def _arrow_type(f: Any) -> Any:
    import pyarrow as pa

    if f.type == "string":
        return pa.dictionary(pa.int32(), pa.string()) if f.enum else pa.string()
    return {
        "number": pa.float64(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }[f.type]


def _arrow_column(f: Any, col: pd.Series) -> Any:
    import pyarrow as pa

    if f.type == "date":
        values = [None if v == "" else _dt.date.fromisoformat(v) for v in col]
        return pa.array(values, type=pa.date32())
    if f.type == "string":
        array = pa.array([None if v == "" else v for v in col], type=pa.string())
        return array.dictionary_encode() if f.enum else array
    if f.type == "integer":
        import pandas as pd

        return pa.array([None if pd.isna(v) else int(v) for v in col], type=pa.int64())
    return pa.array(col.to_numpy(), type=_arrow_type(f), from_pandas=True)


def _write_parquet(t: Table, frame: pd.DataFrame, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            pa.field(f.name, _arrow_type(f), metadata={"description": f.description})
            for f in t.fields
        ],
        metadata={"dtanalysis.table": t.name, "dtanalysis.title": t.title},
    )
    arrays = [_arrow_column(f, frame[f.name]) for f in t.fields]
    table = pa.Table.from_arrays(arrays, schema=schema)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return path
