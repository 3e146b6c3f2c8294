"""One typed table layer: every table declared once, read and written through it.

Each processed table (``data/processed/*.csv``) and each reference table shipped in
``dtanalysis/data/`` is a :class:`Table` declaration in :mod:`dtanalysis.tables.processed`
or :mod:`dtanalysis.tables.reference`. Its column list, the data dictionary
(``datapackage.json``), the typed reader and the deterministic writer all derive from
that declaration:

- :func:`read_table` reads a table and gives every column its declared type (numbers
  as floats, integers as ints, booleans as ``bool``, dates as checked ISO text, province
  codes as two-digit text, empty text as ``""``), so no consumer re-coerces;
- :func:`write_table` validates and writes it (UTF-8, ``\\n`` line ends, fixed float
  format, declared column order, atomically);
- :func:`validate` types and checks an in-memory table; :func:`columns` lists its
  columns; :func:`write_datapackage` writes the data dictionary.

Bad input gets one line naming the file, the line and the column::

    targets.csv: line 7: deadline: ISO date that exists (value '2025-02-30')

Examples
--------
>>> from dtanalysis.tables import columns, table
>>> columns("panel")[:4]
['province_id', 'province', 'unit_kind', 'indicator']
>>> table("targets").field("deadline").type
'date'
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import _validated
from ._layer import _READER, TYPES, Field, RowCheck, SchemaError, Table, as_datetime
from .inputs import INPUTS
from .observations import OBSERVATIONS
from .processed import PROCESSED
from .reference import REFERENCE

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "INPUT_TABLES",
    "PROCESSED_TABLES",
    "REFERENCE_TABLES",
    "TABLES",
    "TYPES",
    "Field",
    "RowCheck",
    "SchemaError",
    "Table",
    "as_datetime",
    "columns",
    "read_table",
    "table",
    "validate",
    "write_datapackage",
    "write_table",
]

#: Every declared table by name.
TABLES: dict[str, Table] = {t.name: t for t in PROCESSED + REFERENCE + INPUTS + (OBSERVATIONS,)}
#: Names of the tables the data build writes, in build order.
PROCESSED_TABLES: tuple[str, ...] = tuple(t.name for t in PROCESSED)
#: Names of the reference tables shipped with the package.
REFERENCE_TABLES: tuple[str, ...] = tuple(t.name for t in REFERENCE)
#: Names of the tables researchers write by hand (data/overrides.csv, ...).
INPUT_TABLES: tuple[str, ...] = tuple(t.name for t in INPUTS)


def table(name: str) -> Table:
    """Return the declaration of a table.

    Raises
    ------
    SchemaError
        For an unknown name (the message lists the known ones).
    """
    try:
        return TABLES[name]
    except KeyError:
        raise SchemaError(f"unknown table {name!r}; known: {', '.join(TABLES)}") from None


def columns(name: str) -> list[str]:
    """Return the declared columns of a table, in order."""
    return table(name).columns


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Type and check an in-memory table; return the typed copy.

    Raises
    ------
    SchemaError
        Naming the table, the line(s), column(s) and failing checks.
    """
    return table(name).validate(frame)


#: Where the input tables live (relative to the project root); they are described in the
#: reference data dictionary beside the package's own tables.
_INPUT_PATHS = {
    "observations": "data/observations/*.csv",
    "sources": "data/raw/sources.csv",
    "overrides": "data/overrides.csv",
}


def _default_directory(t: Table) -> Path | None:
    if t.kind == "processed":
        from ..paths import processed_dir

        return processed_dir()
    return None


def _text(data: bytes, encoding: str) -> str:
    """Decode as a file opened in text mode would (universal newlines)."""
    text = data.decode(encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_table(name: str, directory: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read a declared table, typed and validated.

    Parameters
    ----------
    name : str
        A processed table (``"panel"``, ``"figures"``, ...) or a reference table
        (``"indicators"``, ``"targets"``, ``"denominators"``, ``"provinces"``,
        ``"admin_units_2025"``).
    directory : path-like, optional
        Folder holding ``{name}.csv``. Default: ``data/processed`` for processed tables,
        the package's ``dtanalysis/data`` for reference tables.

    Returns
    -------
    pandas.DataFrame
        The declared columns with their declared types.

    Raises
    ------
    SchemaError
        When the file is missing, unreadable or does not match its declaration.
    """
    t = table(name)
    folder = Path(directory) if directory is not None else _default_directory(t)
    if folder is None:
        from importlib import resources

        where = f"dtanalysis/data/{t.file_name}"
        try:
            data = resources.files("dtanalysis").joinpath("data", t.file_name).read_bytes()
            text = _text(data, "utf-8")
        except FileNotFoundError:
            raise SchemaError(f"{where}: file not found") from None
    else:
        path = folder / t.file_name
        where = str(path)
        if not path.is_file():
            hint = (
                "; run 'make report' or 'python -m dtanalysis build' first"
                if t.kind == "processed"
                else ""
            )
            raise SchemaError(f"{path}: not found{hint}")
        data = path.read_bytes()
        try:
            text = _text(data, "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SchemaError(
                f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
    # checked once: bytes that this declaration found valid before are only typed
    checked = _validated.is_validated(t, data)
    frame = t.read_csv_text(text, where, checked=checked)
    if not checked:
        _validated.record(t, data)
    return frame


def write_table(
    name: str, frame: pd.DataFrame, directory: str | os.PathLike[str] | None = None
) -> Path:
    """Validate a table and write it as ``{directory}/{name}.csv``, deterministically.

    Parameters
    ----------
    name : str
        A declared table.
    frame : pandas.DataFrame
        The rows, already sorted (the writer keeps their order).
    directory : path-like, optional
        Default ``data/processed``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    t = table(name)
    folder = Path(directory) if directory is not None else _default_directory(t)
    if folder is None:
        raise SchemaError(
            f"{t.file_name}: reference tables ship with the package; "
            "pass a directory to write a copy"
        )
    return t.write(frame, folder / t.file_name)


def write_datapackage(directory: str | os.PathLike[str], kind: str = "processed") -> Path:
    """Write ``datapackage.json``, the data dictionary of one kind of tables.

    ``kind="processed"``: the tables the build writes (``data/processed/``);
    ``kind="reference"``: the reference tables shipped in ``dtanalysis/data/`` and the
    input files researchers write (overrides, published observations).

    Every column of every table of that kind with its type, description and constraints
    (Frictionless Tabular Data Package, plain JSON; deterministic: sorted keys).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    kinds = {"processed": ("processed",), "reference": ("reference", "input")}[kind]
    resources = [
        t.dictionary_entry(_INPUT_PATHS.get(t.name)) for t in TABLES.values() if t.kind in kinds
    ]
    titles = {
        "processed": "processed tables",
        "reference": "reference tables and the files researchers write",
    }
    pkg = {
        "name": f"dtanalysis-{kind}",
        "title": f"Digital-transformation figures of Vietnamese provinces: {titles[kind]}",
        "profile": "tabular-data-package",
        "licenses": [{"name": "MIT"}],
        "resources": resources,
    }
    out = Path(directory) / "datapackage.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(pkg, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return out


_READER.append(read_table)  # row checks read other tables through the layer
