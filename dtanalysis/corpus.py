"""The raw corpus: immutable text snapshots read only through their manifest.

Every raw text lives in ``data/raw/`` next to the manifest ``data/raw/sources.csv``,
which records for each file its ``doc_id``, the ``original_name`` it was collected
under, its ``sha256``, the province the text names, the document date and how that
date was determined, the publisher where the text states it, the title (first line)
and notes on the text's artefacts.

:func:`load_corpus` verifies every checksum before anything is read. A changed,
missing or unlisted file raises :class:`~dtanalysis.errors.CorpusError` naming the
file (and, for a changed file, both checksums). The data build never writes to
``data/raw/``; the only code that touches it is :func:`add_article`, which a
researcher runs on purpose to append one manifest row for a new text.

Examples
--------
>>> from dtanalysis.corpus import load_corpus
>>> docs = load_corpus()                      # doctest: +SKIP
>>> docs[0].doc_id, docs[0].province          # doctest: +SKIP
('cm-2023-02-10-soket', 'Cà Mau')
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .errors import CorpusError, InputError
from .tables import columns
from .tables.inputs import _bad_encoding, _bad_partial_date

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Columns of ``sources.csv`` (declared in :mod:`dtanalysis.tables.inputs`).
MANIFEST_COLUMNS = tuple(columns("sources"))
TEXT_SUFFIXES = (".txt",)
#: Files of the corpus folder that are not texts.
_NOT_TEXTS = frozenset({"sources.csv", "README.md", "README.txt"})
_DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Document:
    """One raw text with its manifest metadata.

    Attributes
    ----------
    doc_id : str
        Stable identifier from the manifest.
    file : str
        File name inside ``data/raw/``.
    path : pathlib.Path
        Absolute path of the file.
    text : str
        The normalised text (:func:`dtanalysis.text.read_text`); every character
        offset in the processed tables refers to this string.
    sha256 : str
        Checksum of the raw bytes (verified when loaded).
    province : str
        The province as the text names it.
    document_date : str
        ISO 8601 date of the document, possibly of reduced precision ("2023",
        "2023-05", "2023-05-11"), or "" when unknown.
    date_basis : str
        How the date was determined ("stated in the text", "inferred from context", ...).
    publisher, title, notes, original_name : str
        Provenance as recorded in the manifest.
    encoding : str
        Codec the text is read with ("" for UTF-8, the default).
    """

    doc_id: str
    file: str
    path: Path
    text: str
    sha256: str
    province: str
    document_date: str
    date_basis: str
    publisher: str
    title: str
    notes: str
    original_name: str
    encoding: str = ""

    def to_dict(self, *, with_text: bool = False) -> dict[str, object]:
        """Return the metadata as a dict (the text only when ``with_text``)."""
        d = asdict(self)
        d["path"] = str(self.path)
        if not with_text:
            d.pop("text")
        return d


def sha256_file(path: str | Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_manifest(raw_dir: str | Path | None = None) -> list[dict[str, str]]:
    """Read ``sources.csv`` and check it against its declaration.

    Parameters
    ----------
    raw_dir : path-like, optional
        Folder holding the texts and ``sources.csv`` (default: ``data/raw``).

    Returns
    -------
    list of dict
        One dict per manifest row, in file order, with every column of
        :data:`MANIFEST_COLUMNS` as a string. A manifest written before the
        ``encoding`` column existed reads as if that column were empty.

    Raises
    ------
    CorpusError
        Naming the manifest and the line when it is missing, lacks a column, repeats a
        doc_id or file, or holds a malformed checksum, date or encoding
        (:data:`dtanalysis.tables.inputs.SOURCES`).
    """
    import io

    import pandas as pd

    from .tables import SchemaError, _validated, table

    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    manifest = raw / "sources.csv"
    if not manifest.is_file():
        raise CorpusError(f"{manifest}: manifest not found")
    data = manifest.read_bytes()
    try:
        frame = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CorpusError(f"{manifest}: not a readable UTF-8 CSV table ({exc})") from None
    if "encoding" not in frame.columns:
        frame["encoding"] = ""
    sources = table("sources")
    # a manifest whose bytes were found valid before is only typed (tables._validated)
    checked = _validated.is_validated(sources, data)
    try:
        typed = (sources.coerce if checked else sources.validate)(frame, str(manifest))
    except SchemaError as exc:
        raise CorpusError(str(exc)) from None
    if not checked:
        _validated.record(sources, data)
    return typed.to_dict("records")


def verify_corpus(raw_dir: str | Path | None = None) -> list[dict[str, str]]:
    """Check that the files in ``raw_dir`` and the manifest agree, byte for byte.

    Every listed file must exist and have the recorded SHA-256, and every text
    file in the folder must be listed.

    Returns
    -------
    list of dict
        The manifest rows (as :func:`read_manifest`).

    Raises
    ------
    CorpusError
        Naming the file: missing, unlisted, or changed (with the recorded and the
        actual checksum).
    """
    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    rows = read_manifest(raw)
    problems: list[str] = []
    for row in rows:
        f = raw / row["file"]
        if not f.is_file():
            problems.append(f"{f}: listed in sources.csv but missing")
            continue
        actual = sha256_file(f)
        if actual != row["sha256"]:
            problems.append(
                f"{f}: checksum mismatch: sources.csv records {row['sha256']}, "
                f"the file has {actual} (raw texts must not be edited)"
            )
    listed = {row["file"] for row in rows}
    for f in sorted(raw.iterdir()):
        if not f.is_file() or f.name in _NOT_TEXTS or f.name.startswith("."):
            continue
        if f.suffix.lower() not in TEXT_SUFFIXES:
            problems.append(
                f"{f}: not a .txt file, so it is not read; save the article as "
                "UTF-8 text (.txt) or move the file out of the corpus folder"
            )
        elif f.name not in listed:
            problems.append(
                f"{f}: not listed in sources.csv (add it with "
                f"'python -m dtanalysis add-article {f.name} ...')"
            )
    if problems:
        raise CorpusError("; ".join(problems))
    return rows


def load_corpus(
    raw_dir: str | Path | None = None,
    *,
    verify: bool = True,
    failures: list[tuple[str, str]] | None = None,
) -> list[Document]:
    """Load every text listed in the manifest, after verifying the checksums.

    Parameters
    ----------
    raw_dir : path-like, optional
        Folder with the texts and ``sources.csv`` (default: ``data/raw``).
    verify : bool, default True
        Verify checksums and completeness first (:func:`verify_corpus`). Turn off
        only to inspect a corpus you know to be inconsistent.
    failures : list, optional
        When given, a text that cannot be read (empty, binary, undecodable) is skipped
        and ``(file, message)`` is appended to this list, so that one bad text does not
        lose the others; by default the error is raised. Checksum problems are always
        raised: they mean the corpus is not the one recorded.

    Returns
    -------
    list of Document
        Sorted by ``doc_id``; ``text`` is the normalised text.

    Raises
    ------
    CorpusError
        When the manifest and the files disagree.
    InputError
        When a listed file cannot be decoded as text (named, with the byte offset) and
        `failures` is not given.
    """
    from .text import read_text

    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    rows = verify_corpus(raw) if verify else read_manifest(raw)
    docs = []
    for row in rows:
        path = (raw / row["file"]).resolve()
        try:
            text = read_text(path, encoding=row["encoding"] or None)
        except InputError as exc:
            if failures is None:
                raise
            failures.append((row["file"], str(exc)))
            continue
        docs.append(
            Document(
                doc_id=row["doc_id"],
                file=row["file"],
                path=path,
                text=text,
                sha256=row["sha256"],
                province=row["province"],
                document_date=row["document_date"],
                date_basis=row["date_basis"],
                publisher=row["publisher"],
                title=row["title"],
                notes=row["notes"],
                original_name=row["original_name"],
                encoding=row["encoding"],
            )
        )
    return sorted(docs, key=lambda d: d.doc_id)


def documents_frame(documents: list[Document] | None = None) -> pd.DataFrame:
    """Return the documents' metadata (no text) as a DataFrame sorted by doc_id.

    Parameters
    ----------
    documents : list of Document, optional
        Default: :func:`load_corpus`.
    """
    import pandas as pd

    docs = load_corpus() if documents is None else documents
    cols = [f.name for f in fields(Document) if f.name != "text"]
    frame = pd.DataFrame([d.to_dict() for d in docs], columns=cols)
    return frame.sort_values("doc_id", kind="stable").reset_index(drop=True)


def manifest_row(
    path: str | Path,
    *,
    doc_id: str,
    province: str,
    document_date: str = "",
    date_basis: str = "",
    publisher: str = "",
    title: str | None = None,
    notes: str = "",
    original_name: str | None = None,
    encoding: str = "",
) -> dict[str, str]:
    """Compute the manifest row of a text file (checksum, title) without writing anything.

    The province is checked against the 63 provinces and recorded under its canonical
    name; the date must exist; the encoding must be a codec Python knows (the text is
    read with it). The title defaults to the first non-empty line of the normalised text.

    Raises
    ------
    InputError
        When the file cannot be read as text (with that encoding).
    CorpusError
        When an argument is malformed: the doc_id, a date that does not exist, an
        unknown province (the message suggests the nearest names) or encoding.
    """
    from .text import read_text

    p = Path(path)
    if not _DOC_ID_RE.match(doc_id):
        raise CorpusError(f"{p}: invalid doc_id {doc_id!r} (letters, digits, '.', '_', '-')")
    if _bad_partial_date(document_date):
        raise CorpusError(
            f"{p}: document date {document_date!r} is not a date that exists "
            "(YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    if _bad_encoding(encoding):
        raise CorpusError(f"{p}: unknown encoding {encoding!r} (for example cp1258, utf-16)")
    text = read_text(p, encoding=encoding or None)
    if title is None:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return {
        "doc_id": doc_id,
        "file": p.name,
        "original_name": original_name or p.name,
        "sha256": sha256_file(p),
        "province": _known_province(p, province),
        "document_date": document_date,
        "date_basis": date_basis,
        "publisher": publisher,
        "title": title,
        "notes": notes,
        "encoding": encoding,
    }


def _known_province(path: Path, name: str) -> str:
    """The canonical name of a province as written, or an error naming the nearest ones."""
    import difflib

    from .provinces import canonical_province, load_provinces, strip_diacritics

    found = canonical_province(name)
    if found is not None:
        return found[1]
    names = [pr.name for pr in load_provinces()]
    folded = {strip_diacritics(n).lower(): n for n in names}
    near = difflib.get_close_matches(strip_diacritics(name).lower(), list(folded), n=3, cutoff=0.5)
    hint = f"; nearest: {', '.join(folded[n] for n in near)}" if near else ""
    raise CorpusError(f"{path}: province {name!r} is not one of the 63 provinces{hint}")


def add_article(
    path: str | Path, raw_dir: str | Path | None = None, **metadata: str
) -> dict[str, str]:
    """Append the manifest row of a new text that already sits in ``data/raw/``.

    This is the only function that writes inside ``data/raw/``: it adds one row to
    ``sources.csv`` (rewriting the manifest atomically, every earlier row unchanged);
    it never changes a text. Copy the article into
    ``data/raw/`` first (keep its bytes as collected).

    Parameters
    ----------
    path : path-like
        The text file, inside ``raw_dir``.
    raw_dir : path-like, optional
        Default ``data/raw``.
    **metadata
        Keyword arguments of :func:`manifest_row` (``doc_id``, ``province``,
        ``document_date``, ``date_basis``, ``publisher``, ``title``, ``notes``,
        ``encoding``).

    Returns
    -------
    dict
        The row appended.

    Raises
    ------
    CorpusError
        When the file is outside ``raw_dir`` or already listed, or the doc_id is taken.
    """
    raw = (Path(raw_dir) if raw_dir is not None else paths.raw_dir()).resolve()
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = raw / p
    p = p.resolve()
    if p.parent != raw:
        raise CorpusError(f"{p}: copy the text into {raw} first, then add it")
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    rows = read_manifest(raw)
    if any(r["file"] == p.name for r in rows):
        raise CorpusError(f"{p}: already listed in sources.csv")
    row = manifest_row(p, **metadata)
    if any(r["doc_id"] == row["doc_id"] for r in rows):
        raise CorpusError(f"{p}: doc_id {row['doc_id']!r} is already used in sources.csv")
    _write_manifest(raw / "sources.csv", [*rows, row])
    return row


def _write_manifest(manifest: Path, rows: list[dict[str, str]]) -> None:
    """Rewrite ``sources.csv`` with every declared column, atomically (temp file, rename)."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".sources.csv.", dir=manifest.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: r.get(c, "") for c in MANIFEST_COLUMNS} for r in rows)
        os.replace(tmp, manifest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
