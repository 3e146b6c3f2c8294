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

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MANIFEST_COLUMNS = (
    "doc_id",
    "file",
    "original_name",
    "sha256",
    "province",
    "document_date",
    "date_basis",
    "publisher",
    "title",
    "notes",
)
TEXT_SUFFIXES = (".txt",)
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
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
    """Read ``sources.csv`` and check its shape.

    Parameters
    ----------
    raw_dir : path-like, optional
        Folder holding the texts and ``sources.csv`` (default: ``data/raw``).

    Returns
    -------
    list of dict
        One dict per manifest row, in file order, with every column of
        :data:`MANIFEST_COLUMNS` as a string.

    Raises
    ------
    CorpusError
        When the manifest is missing, lacks a column, or repeats a doc_id or file.
    """
    raw = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    manifest = raw / "sources.csv"
    if not manifest.is_file():
        raise CorpusError(f"{manifest}: manifest not found")
    with open(manifest, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(f"{manifest}: missing column(s) {', '.join(missing)}")
        rows = [{c: (row.get(c) or "").strip() for c in MANIFEST_COLUMNS} for row in reader]
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    for i, row in enumerate(rows, start=2):
        where = f"{manifest}, line {i}"
        if not _DOC_ID_RE.match(row["doc_id"]):
            raise CorpusError(f"{where}: invalid doc_id {row['doc_id']!r}")
        if row["doc_id"] in seen_ids:
            raise CorpusError(f"{where}: doc_id {row['doc_id']!r} is listed twice")
        if row["file"] in seen_files:
            raise CorpusError(f"{where}: file {row['file']!r} is listed twice")
        if row["document_date"] and not _DATE_RE.match(row["document_date"]):
            raise CorpusError(
                f"{where}: document_date {row['document_date']!r} is not an ISO date "
                "(YYYY, YYYY-MM or YYYY-MM-DD)"
            )
        if not re.fullmatch(r"[0-9a-f]{64}", row["sha256"]):
            raise CorpusError(f"{where}: sha256 of {row['file']} is not a 64-digit hex checksum")
        seen_ids.add(row["doc_id"])
        seen_files.add(row["file"])
    return rows


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
        if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and f.name not in listed:
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
            text = read_text(path)
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
) -> dict[str, str]:
    """Compute the manifest row of a text file (checksum, title) without writing anything.

    The title defaults to the first non-empty line of the normalised text.

    Raises
    ------
    InputError
        When the file cannot be read as text.
    CorpusError
        When an argument is malformed (doc_id, date).
    """
    from .text import read_text

    p = Path(path)
    if not _DOC_ID_RE.match(doc_id):
        raise CorpusError(f"{p}: invalid doc_id {doc_id!r} (letters, digits, '.', '_', '-')")
    if document_date and not _DATE_RE.match(document_date):
        raise CorpusError(f"{p}: document date {document_date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    text = read_text(p)
    if title is None:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return {
        "doc_id": doc_id,
        "file": p.name,
        "original_name": original_name or p.name,
        "sha256": sha256_file(p),
        "province": province,
        "document_date": document_date,
        "date_basis": date_basis,
        "publisher": publisher,
        "title": title,
        "notes": notes,
    }


def add_article(path: str | Path, raw_dir: str | Path | None = None, **metadata: str) -> dict[str, str]:
    """Append the manifest row of a new text that already sits in ``data/raw/``.

    This is the only function that writes inside ``data/raw/``, and it only appends
    one row to ``sources.csv``; it never changes a text. Copy the article into
    ``data/raw/`` first (keep its bytes as collected).

    Parameters
    ----------
    path : path-like
        The text file, inside ``raw_dir``.
    raw_dir : path-like, optional
        Default ``data/raw``.
    **metadata
        Keyword arguments of :func:`manifest_row` (``doc_id``, ``province``,
        ``document_date``, ``date_basis``, ``publisher``, ``title``, ``notes``).

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
    manifest = raw / "sources.csv"
    with open(manifest, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, lineterminator="\n").writerow(row)
    return row
