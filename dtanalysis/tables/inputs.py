"""Declarations of the files researchers write by hand (kind ``input``).

- ``data/raw/sources.csv``: the corpus manifest (read by
  :func:`dtanalysis.corpus.read_manifest`; rows are appended by ``add-article``);
- ``data/overrides.csv``: corrections of extracted figures (read by
  :func:`dtanalysis.panel.load_overrides`, which skips ``#`` comment lines and keeps each
  row's line number for messages).
"""

from __future__ import annotations

import datetime as dt
import re

from ._layer import Field, RowCheck, Table, other_table

#: Actions of an override row.
ACTIONS = ("set_indicator", "set_period", "set_province", "set_measure_type", "exclude")
MEASURE_TYPES = ("level", "flow", "change", "target")
_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})?/(\d{4}-\d{2}-\d{2})?$")


def _bad_period(value: str) -> bool:
    """A ``START/END`` value whose dates do not exist or run backwards."""
    m = _PERIOD.match(value)
    if not m:
        return True
    try:
        start, end = (dt.date.fromisoformat(d) if d else None for d in m.groups())
    except ValueError:
        return True
    return start is not None and end is not None and start > end


def _known(name: str, column: str) -> set[str]:
    return set(other_table(name)[column])


def _action_is(df, action: str):
    return df["action"] == action


OVERRIDES = Table(
    "overrides",
    "Researchers' corrections of extracted figures, each with a reason",
    (
        Field("doc_id", "string", "Document of the figure (manifest doc_id)", required=True),
        Field("raw", "string", "The figure's exact text", required=True),
        Field("sentence_contains", "string", "A fragment of the figure's sentence (empty: any)"),
        Field(
            "occurrence",
            "integer",
            "1-based among the figures matching the other keys (empty: all)",
            minimum=1,
        ),
        Field("action", "string", "What to change", required=True, enum=ACTIONS),
        Field(
            "value",
            "string",
            "The new value: an indicator id, START/END ISO dates (either "
            "may be empty), a two-digit province code, a measure type; empty for exclude",
        ),
        Field("reason", "string", "Why (required)", required=True),
    ),
    kind="input",
    normalize=True,
    row_checks=(
        RowCheck(
            "set_indicator: the indicator is not in the codebook",
            lambda df: (
                _action_is(df, "set_indicator")
                & ~df["value"].isin(_known("indicators", "indicator_id"))
            ),
        ),
        RowCheck(
            "set_period: the period must be START/END ISO dates that exist, START <= END",
            lambda df: _action_is(df, "set_period") & df["value"].map(_bad_period),
        ),
        RowCheck(
            "set_province: not the code of a province (provinces.csv)",
            lambda df: (
                _action_is(df, "set_province")
                & ~df["value"].isin(_known("provinces", "province_id"))
            ),
        ),
        RowCheck(
            f"set_measure_type: the measure type must be one of {', '.join(MEASURE_TYPES)}",
            lambda df: _action_is(df, "set_measure_type") & ~df["value"].isin(MEASURE_TYPES),
        ),
    ),
)


def _bad_partial_date(value: str) -> bool:
    """Not empty, YYYY, YYYY-MM (a real month) or YYYY-MM-DD (a real day)."""
    if not value:
        return False
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return True
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return True
    if day:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return True
    return False


def _bad_encoding(value: str) -> bool:
    import codecs

    if not value:
        return False
    try:
        codecs.lookup(value)
    except LookupError:
        return True
    return False


SOURCES = Table(
    "sources",
    "The corpus manifest: one row per raw text, with its checksum and provenance",
    (
        Field(
            "doc_id",
            "string",
            "Short stable id of the document",
            required=True,
            unique=True,
            pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        ),
        Field("file", "string", "File name inside data/raw/", required=True, unique=True),
        Field("original_name", "string", "Name the file was collected under"),
        Field(
            "sha256",
            "string",
            "SHA-256 of the file's bytes",
            required=True,
            pattern=r"^[0-9a-f]{64}$",
        ),
        Field("province", "string", "Province the document is about (canonical name)"),
        Field(
            "document_date",
            "string",
            "Date of the document: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown",
        ),
        Field("date_basis", "string", "How the date was determined"),
        Field("publisher", "string", "Publisher or source, where the text states it"),
        Field("title", "string", "Title (by default the first non-empty line)"),
        Field("notes", "string", "Artefacts of the text (captions, broken lines, ...)"),
        Field(
            "encoding",
            "string",
            "Codec the text is read with when not UTF-8 (e.g. cp1258); "
            "empty: UTF-8 (a UTF-16/UTF-8 byte-order mark is honoured)",
        ),
    ),
    kind="input",
    normalize=True,
    row_checks=(
        RowCheck(
            "document_date is not a date that exists (YYYY, YYYY-MM or YYYY-MM-DD)",
            lambda df: df["document_date"].map(_bad_partial_date),
        ),
        RowCheck(
            "encoding is not a codec Python knows", lambda df: df["encoding"].map(_bad_encoding)
        ),
    ),
)

INPUTS = (SOURCES, OVERRIDES)
