"""Which table files have been validated already, so that a build checks each file once.

:func:`dtanalysis.tables.write_table` validates a table before writing it, and every
notebook kernel and the figure job of a report read the same files back. Validating
them again in every process (pandera's import and checks, the row checks) gives the
same verdict on the same bytes, so the layer remembers a verdict: after a table is
written, or read and found valid, a marker ``<project root>/build/validated/{name}``
(``{name}.{file}`` for a table held in several files) holds the SHA-256 of

- the file's bytes, and
- the declaration that judged them (:func:`declaration_key`: the declared fields and
  row checks in memory, the source of the declaring modules and the reference tables
  the row checks consult, the dtanalysis, Python, pandas and pandera versions).

A reader whose file and declaration give the same key skips the checks (the file is
still parsed and typed, so the frame is the same); any other file is validated, so a
table edited by hand is refused with its usual one-line message. Markers are only
written for valid files, atomically, and a missing, unreadable or unwritable marker
only means validating again. Outside a project checkout nothing is remembered.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ._layer import Table

#: Folder of the markers, relative to the project root (``build/`` is not versioned).
MARKER_DIR = ("build", "validated")
#: Package files whose text decides a verdict (declarations, codes, reference tables).
_SOURCE_GLOBS = ("tables/*.py", "codes.py", "data/*.csv")

_PACKAGE_KEY: list[str] = []
_KEYS: dict[int, tuple[object, str]] = {}


def _package_key() -> str:
    """Digest of the declaring sources, the reference tables and the library versions."""
    if not _PACKAGE_KEY:
        from importlib import metadata

        from .. import __version__

        here = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256(f"{__version__} {sys.version}".encode())  # codecs, dates
        for dist in ("pandas", "pandera"):
            try:
                digest.update(f"{dist} {metadata.version(dist)}".encode())
            except metadata.PackageNotFoundError:  # pragma: no cover
                digest.update(dist.encode())
        for pattern in _SOURCE_GLOBS:
            for path in sorted(here.glob(pattern)):
                digest.update(path.relative_to(here).as_posix().encode())
                digest.update(path.read_bytes())
        _PACKAGE_KEY.append(digest.hexdigest())
    return _PACKAGE_KEY[0]


def _code_bytes(function: object) -> bytes:
    code = getattr(function, "__code__", None)
    if code is None:
        return repr(function).encode()
    return code.co_code + repr(code.co_names).encode()


def declaration_key(table: Table) -> str:
    """Digest of everything that decides whether a file is a valid `table`.

    The in-memory declaration counts (a test or a session that replaces a field or a
    row check gets a new key), as do the sources of the declaring modules and the
    reference tables the row checks read (:data:`_SOURCE_GLOBS`).
    """
    cached = _KEYS.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    digest = hashlib.sha256(_package_key().encode())
    digest.update(repr((table.name, table.kind, table.fields, table.normalize)).encode())
    for check in table.row_checks:
        digest.update(check.message.encode())
        digest.update(_code_bytes(check.bad))
    key = digest.hexdigest()
    _KEYS[id(table)] = (table, key)
    return key


def _marker(table: Table, part: str | None) -> Path | None:
    from .. import paths
    from ..errors import DtanalysisError

    try:
        root = paths.project_root()
    except DtanalysisError:
        return None
    name = table.name if part is None else f"{table.name}.{part}"
    return root.joinpath(*MARKER_DIR, name)


def _key(table: Table, data: bytes) -> str:
    digest = hashlib.sha256(declaration_key(table).encode())
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def is_validated(table: Table, data: bytes, part: str | None = None) -> bool:
    """Whether these bytes of `table` were found valid by the same declaration.

    `part` names one file of a table held in several (the published observations).
    """
    marker = _marker(table, part)
    if marker is None:
        return False
    try:
        recorded = marker.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == _key(table, data)


def record(table: Table, data: bytes, part: str | None = None) -> None:
    """Remember that these bytes of `table` are valid (nothing happens when it cannot)."""
    marker = _marker(table, part)
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{table.name}.", dir=marker.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(_key(table, data) + "\n")
        os.replace(tmp, marker)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def forget(table: Table, part: str | None = None) -> None:
    """Drop the marker of `table` (the next read validates)."""
    marker = _marker(table, part)
    if marker is not None:
        marker.unlink(missing_ok=True)
