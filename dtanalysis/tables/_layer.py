"""The machinery of declared tables: fields, coercion, validation, reading, writing.

A :class:`Table` is a tuple of :class:`Field` declarations plus row-level checks. From
it derive the column list, the pandera schema, the typed reader, the deterministic
writer and the data-dictionary entry, so a table's contract is written once.

Types in memory (what :func:`Table.coerce` gives and every consumer may rely on):

``string``
    Python ``str`` in an object column, ``""`` when empty (never NaN).
``number``
    ``float64``, NaN when empty.
``integer``
    ``int64``, or pandas' nullable ``Int64`` when the column may be empty.
``boolean``
    ``bool``; CSV cells ``True``/``true``/``1`` and ``False``/``false``/``0``/empty.
``date``
    an ISO 8601 calendar date held as text, ``"YYYY-MM-DD"`` (``""`` when empty),
    checked to exist. ISO text sorts and compares chronologically, so the stages
    compare dates without parsing them; :func:`as_datetime` converts for plotting.

pandera is imported only when a table is validated, so importing this module is cheap.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DtanalysisError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

TYPES = ("string", "number", "integer", "boolean", "date")
PROVINCE_ID = r"^\d{2}$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0", ""})


class SchemaError(DtanalysisError):
    """A table does not match its declared schema (the message names file, line, column)."""


@dataclass(frozen=True)
class Field:
    """One declared column.

    Parameters
    ----------
    name, type, description : str
        Column name, one of :data:`TYPES`, and its meaning (goes into the data dictionary).
    required : bool
        The cell may not be empty.
    enum : sequence of str, optional
        The allowed values (an empty cell is also allowed unless ``required``).
    pattern : str, optional
        A regular expression every non-empty cell matches.
    minimum, maximum : float, optional
        Bounds of a number or integer.
    unique : bool
        No two rows hold the same non-empty value.
    default : str, optional
        Value an empty cell takes when the table is read (reference tables).
    """

    name: str
    type: str
    description: str
    required: bool = False
    enum: Sequence[str] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    default: str | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"field {self.name}: type {self.type!r} not in {TYPES}")
        if self.enum is not None:
            object.__setattr__(self, "enum", tuple(str(v) for v in self.enum))

    def dictionary_entry(self) -> dict[str, Any]:
        """The Frictionless-style field description of the data dictionary."""
        entry: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        constraints = {
            k: v
            for k, v in (
                ("required", self.required or None),
                ("enum", list(self.enum) if self.enum else None),
                ("pattern", self.pattern),
                ("minimum", self.minimum),
                ("maximum", self.maximum),
                ("unique", self.unique or None),
            )
            if v is not None
        }
        if constraints:
            entry["constraints"] = constraints
        return entry


@dataclass(frozen=True)
class RowCheck:
    """A check across columns: ``bad(frame)`` marks the failing rows; ``message`` says why."""

    message: str
    bad: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class Table:
    """A declared table: its fields, where it lives and how it is written.

    Parameters
    ----------
    name : str
        Table name; the file is ``{name}.csv``.
    title : str
        One line for the data dictionary.
    fields : tuple of Field
    kind : str
        ``processed`` (``data/processed/``), ``reference`` (``dtanalysis/data/``) or
        ``input`` (files a researcher writes).
    row_checks : tuple of RowCheck
    float_format : str or None
        ``"%.15g"`` (no binary noise) or None for the shortest repr that round-trips
        exactly (tables whose numbers are read back and drawn, such as curves).
    normalize : bool
        NFC-normalise and strip text cells when read (hand-edited files).
    """

    name: str
    title: str
    fields: tuple[Field, ...]
    kind: str = "processed"
    row_checks: tuple[RowCheck, ...] = ()
    float_format: str | None = "%.15g"
    normalize: bool = False
    _by_name: dict[str, Field] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name}: duplicate field names")
        self._by_name.update({f.name: f for f in self.fields})

    @property
    def columns(self) -> list[str]:
        """The declared columns, in order."""
        return [f.name for f in self.fields]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def field(self, name: str) -> Field:
        """The declaration of one column."""
        return self._by_name[name]

    def fields_of_type(self, *types: str) -> list[str]:
        """Columns of the given types."""
        return [f.name for f in self.fields if f.type in types]

    def dictionary_entry(self, path: str | None = None) -> dict[str, Any]:
        """The data-dictionary resource describing this table."""
        return {
            "name": self.name,
            "title": self.title,
            "path": path or self.file_name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [f.dictionary_entry() for f in self.fields],
                "missingValues": [""],
            },
        }

    # -- typing ---------------------------------------------------------------------

    def coerce(
        self, frame: pd.DataFrame, where: str | None = None, lines: Sequence[int] | None = None
    ) -> pd.DataFrame:
        """Give every declared column its in-memory type (see the module docstring).

        Raises :class:`SchemaError` naming ``where`` (default ``{name}.csv``), the line
        (``lines[i]`` for row ``i``; by default data rows start at line 2) and the column
        of the cells that cannot be typed, and names missing or undeclared columns.
        """
        where = where or self.file_name
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise SchemaError(f"{where}: missing column(s) {', '.join(missing)}")
        extra = [c for c in frame.columns if c not in self._by_name]
        if extra:
            raise SchemaError(f"{where}: undeclared column(s) {', '.join(map(str, extra))}")
        out = frame.loc[:, self.columns].reset_index(drop=True)
        problems: list[str] = []
        for f in self.fields:
            out[f.name] = _coerce_column(out[f.name], f, self.normalize, problems)
        if problems:
            raise SchemaError(_summary(where, _renumber(problems, lines)))
        return out

    def validate(
        self, frame: pd.DataFrame, where: str | None = None, lines: Sequence[int] | None = None
    ) -> pd.DataFrame:
        """Coerce, then check every constraint; return the typed table.

        ``lines`` gives the file line of each row (default: row ``i`` is line ``i + 2``).

        Raises
        ------
        SchemaError
            One line naming the file, the failing line(s), column(s) and checks.
        """
        where = where or self.file_name
        typed = self.coerce(frame, where, lines)
        problems = _field_failures(self, typed)
        if not problems:  # row checks may assume the fields are valid
            for check in self.row_checks:
                bad = check.bad(typed)
                problems += [f"line {i + 2}: {check.message}" for i in typed.index[bad.to_numpy()]]
        if problems:
            raise SchemaError(_summary(where, _renumber(problems, lines)))
        return typed

    # -- files ------------------------------------------------------------------------

    def read_csv_text(self, text: str, where: str, *, checked: bool = False) -> pd.DataFrame:
        """Read CSV text (every cell as text), then validate into the typed table.

        ``checked=True``: the text is known to pass the checks (the same bytes were
        validated by the same declaration, :mod:`dtanalysis.tables._validated`), so it
        is only typed (:meth:`coerce`), which gives the same frame.
        """
        import pandas as pd

        try:
            raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, csv.Error) as exc:
            raise SchemaError(f"{where}: not a readable CSV table ({exc})") from None
        return self.coerce(raw, where) if checked else self.validate(raw, where)

    def write(self, frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
        """Validate and write deterministically (UTF-8, ``\\n``, declared column order).

        The file is written to a temporary name beside it and renamed, so a failure never
        leaves a half-written table.
        """
        typed = self.validate(frame)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                typed.to_csv(fh, index=False, lineterminator="\n", float_format=self.float_format)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        from . import _validated

        _validated.record(self, target.read_bytes())  # the readers need not check it again
        return target


def _coerce_column(col: pd.Series, f: Field, normalize: bool, problems: list[str]) -> pd.Series:
    import numpy as np
    import pandas as pd

    if f.type in ("string", "date"):
        text = col.map(_as_text)
        if normalize:
            text = text.map(lambda s: unicodedata.normalize("NFC", s).strip())
        if f.default is not None:
            text = text.where(text != "", f.default)
        return text.astype(object)
    if f.type == "boolean":
        if col.dtype == bool:
            return col
        text = col.map(lambda v: _as_text(v).strip())
        bad = ~text.isin(_TRUE | _FALSE)
        problems += [
            f"line {i + 2}: {f.name} {text[i]!r} is not true/false" for i in col.index[bad]
        ]
        return text.isin(_TRUE).astype(bool)
    text = col.map(lambda v: _as_text(v).strip() if isinstance(v, str) else v)
    if f.default is not None:
        text = text.where(text != "", f.default)
    # astype(bool): on an empty column map() keeps the text dtype (pyarrow-backed strings
    # when pyarrow is installed), and & between booleans and strings is deprecated
    empty = text.map(
        lambda v: v is None or v is pd.NA or v == "" or (isinstance(v, float) and np.isnan(v))
    ).astype(bool)
    num = pd.to_numeric(text.where(~empty, np.nan), errors="coerce")
    bad = num.isna() & ~empty
    problems += [f"line {i + 2}: {f.name} {text[i]!r} is not a number" for i in col.index[bad]]
    if f.type == "number":
        return num.astype("float64")
    frac = num.notna() & (num != num.round())
    problems += [
        f"line {i + 2}: {f.name} {text[i]!r} is not a whole number" for i in col.index[frac]
    ]
    if num.isna().any():
        return num.round().astype("Int64")
    return num.astype("int64")


def _as_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, float) and math.isnan(v):
        return ""
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def _field_failures(table: Table, typed: pd.DataFrame) -> list[str]:
    """Line-numbered failures of the field constraints (through pandera)."""
    import pandera.errors as pe

    try:
        _pandera_schema(table).validate(typed, lazy=True)
    except pe.SchemaErrors as exc:
        return _describe_failures(exc.failure_cases)
    return []


def _describe_failures(cases: pd.DataFrame) -> list[str]:
    out = []
    for r in cases.to_dict("records"):
        index = r.get("index")
        known = isinstance(index, int | float) and not math.isnan(index)
        line = f"line {int(index) + 2}: " if known else ""
        case = r.get("failure_case")
        out.append(f"{line}{r.get('column')}: {r.get('check')} (value {case!r})")
    return out


_LINE = re.compile(r"^line (\d+): ")


def _renumber(problems: list[str], lines: Sequence[int] | None) -> list[str]:
    """Replace the default line numbers (row + 2) by the file's own, sorted by line."""

    def key(p: str) -> int:
        m = _LINE.match(p)
        return int(m.group(1)) if m else 0

    out = sorted(problems, key=key)
    if lines is None:
        return out
    return [_LINE.sub(lambda m: f"line {lines[int(m.group(1)) - 2]}: ", p, count=1) for p in out]


def _summary(where: str, problems: list[str]) -> str:
    if len(problems) == 1:
        return f"{where}: {problems[0]}"
    shown = "; ".join(problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return f"{where}: {len(problems)} problems: {shown}{more}"


_SCHEMAS: dict[int, Any] = {}


def _pandera_schema(table: Table):
    """The pandera schema of a table (built once per declaration)."""
    key = id(table)
    if key not in _SCHEMAS:
        import pandera.pandas as pa

        columns = {
            f.name: pa.Column(checks=_checks(f), nullable=True, required=True) for f in table.fields
        }
        _SCHEMAS[key] = pa.DataFrameSchema(columns, strict=True, name=table.name)
    return _SCHEMAS[key]


def _checks(f: Field) -> list:
    import pandera.pandas as pa

    checks = []
    if f.type in ("string", "date"):
        if f.required:
            checks.append(pa.Check(lambda s: s != "", element_wise=False, name="required"))
        if f.enum:
            allowed = set(f.enum) | {""}
            checks.append(
                pa.Check(lambda s, a=allowed: s.isin(a), name=f"one of {', '.join(f.enum)}")
            )
        if f.pattern:
            checks.append(
                pa.Check(
                    lambda s, p=f.pattern: (s == "") | s.str.match(p), name=f"pattern {f.pattern}"
                )
            )
        if f.type == "date":
            checks.append(pa.Check(lambda s: s.map(_is_date_or_empty), name="ISO date that exists"))
    else:
        if f.required and f.type != "boolean":
            checks.append(pa.Check(lambda s: s.notna(), name="required"))
        if f.minimum is not None:
            checks.append(
                pa.Check(lambda s, m=f.minimum: s.isna() | (s >= m), name=f"minimum {f.minimum:g}")
            )
        if f.maximum is not None:
            checks.append(
                pa.Check(lambda s, m=f.maximum: s.isna() | (s <= m), name=f"maximum {f.maximum:g}")
            )
    if f.unique:
        checks.append(
            pa.Check(lambda s: ~(s.duplicated(keep=False) & (s.astype(str) != "")), name="unique")
        )
    return checks


def _is_date_or_empty(value: str) -> bool:
    if value == "":
        return True
    if not _ISO_DATE.match(value):
        return False
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


#: The reader row checks use to look at another declared table (set by
#: :mod:`dtanalysis.tables`, so that declarations never import the package that holds them).
_READER: list[Callable[[str], pd.DataFrame]] = []


def other_table(name: str) -> pd.DataFrame:
    """Another declared table, typed, for a row check (the codebook, the provinces...)."""
    if not _READER:  # pragma: no cover - the package registers its reader on import
        raise SchemaError(f"{name}: no table reader registered")
    return _READER[0](name)


def as_datetime(values: Any):
    """Convert ISO date text (a scalar or a Series) to pandas datetimes (NaT when empty)."""
    import pandas as pd

    return pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
