"""Package reference data: the indicator codebook, targets, denominators, 2025 units.

The tables live in ``dtanalysis/data/`` and are read with :mod:`importlib.resources`
(never from the project root), validated once and cached. Every row carries a source;
targets and denominators carry a verification status taken from the project's
reference notes (``verified``, ``secondary``; items the notes mark ``not verified``
are not shipped).

The codebook's ``cues_vi`` column holds ``|``-separated Vietnamese cue phrases (NFC,
matched case-insensitively). A cue is either

* a plain phrase (``"mẫu adn"``): it identifies every figure of the clause it occurs in;
* an anchored cue with ``#`` standing for the figure, of the form
  ``[A ... ][B ]# [C][ ... D]``: ``A`` occurs earlier in the same ``;``-segment of the
  sentence, ``B`` earlier in the same clause, ``C`` starts right after the figure, and
  ``D`` occurs later in the same segment. Examples: ``"# văn bản đến"`` (the noun the
  figure counts), ``"văn phòng điện tử ... # tài khoản"``.

See :mod:`dtanalysis.classify` for how cues are matched.

Examples
--------
>>> from dtanalysis.reference import load_codebook
>>> cb = load_codebook()
>>> "adults_online_public_services" in set(cb["indicator_id"])
True
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .errors import DtanalysisError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class ReferenceDataError(DtanalysisError):
    """A package reference-data file is missing a column or holds an invalid value."""


CODEBOOK_COLUMNS = (
    "indicator_id", "label_en", "label_vi", "cues_vi", "unit", "denominator", "kind",
    "higher_is_better", "ceiling", "note", "source",
)
TARGET_COLUMNS = (
    "target_id", "indicator_id", "scope", "comparator", "value", "unit", "deadline",
    "source_document", "source_date", "source_url", "status", "status_note", "quote",
)
DENOMINATOR_COLUMNS = (
    "province_id", "year", "quantity", "value", "source", "source_url", "status", "note",
)
ADMIN_UNIT_COLUMNS = (
    "province_id", "province", "province_2025_id", "province_2025", "effective",
    "legal_basis", "source_url", "status", "code_status", "note",
)

UNITS = ("percent", "count", "ratio")
KINDS = ("share", "stock", "flow")
STATUSES = ("verified", "secondary", "weak")
QUANTITIES = ("population", "adult_population", "households", "communes")
COMPARATORS = (">=", ">")

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PROV_RE = re.compile(r"^\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")


def _read(name: str) -> tuple[list[dict[str, str]], list[str]]:
    try:
        raw = resources.files("dtanalysis").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"dtanalysis/data/{name}: file not found") from exc
    reader = csv.DictReader(io.StringIO(raw))
    rows = [{k: unicodedata.normalize("NFC", (v or "").strip()) for k, v in r.items()}
            for r in reader]
    return rows, list(reader.fieldnames or [])


def _check_columns(name: str, found: list[str], expected: tuple[str, ...]) -> None:
    missing = [c for c in expected if c not in found]
    if missing:
        raise ReferenceDataError(f"dtanalysis/data/{name}: missing column(s) {', '.join(missing)}")


def _fail(name: str, line: int, message: str) -> None:
    raise ReferenceDataError(f"dtanalysis/data/{name}: row {line}: {message}")


def _float(name: str, line: int, column: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        _fail(name, line, f"{column} {value!r} is not a number")
    raise AssertionError  # pragma: no cover


def parse_cue(cue: str) -> dict[str, str]:
    """Split one codebook cue into its parts.

    Parameters
    ----------
    cue : str
        A plain phrase or an anchored cue ``[A ... ][B ]# [C][ ... D]``.

    Returns
    -------
    dict
        ``{"kind": "plain", "phrase": ...}`` or ``{"kind": "anchored", "segment_before": A,
        "clause_before": B, "after": C, "segment_after": D}`` (lower-cased NFC, stripped).

    Raises
    ------
    ReferenceDataError
        If the cue is empty or has more than one ``#``.

    Examples
    --------
    >>> parse_cue("văn phòng điện tử ... # tài khoản")["after"]
    'tài khoản'
    """
    c = unicodedata.normalize("NFC", cue).strip().lower()
    if not c:
        raise ReferenceDataError("dtanalysis/data/indicators.csv: empty cue")
    if "#" not in c:
        return {"kind": "plain", "phrase": re.sub(r"\s+", " ", c)}
    if c.count("#") > 1:
        raise ReferenceDataError(f"dtanalysis/data/indicators.csv: cue {cue!r} has more than one '#'")
    left, right = (s.strip() for s in c.split("#"))
    seg_before, clause_before = "", left
    if "..." in left:
        seg_before, clause_before = (s.strip() for s in left.split("...", 1))
    after, seg_after = right, ""
    if "..." in right:
        after, seg_after = (s.strip() for s in right.split("...", 1))
    return {"kind": "anchored", "segment_before": seg_before, "clause_before": clause_before,
            "after": after, "segment_after": seg_after}


@lru_cache(maxsize=1)
def _codebook_rows() -> tuple[dict[str, str], ...]:
    name = "indicators.csv"
    rows, cols = _read(name)
    _check_columns(name, cols, CODEBOOK_COLUMNS)
    seen: set[str] = set()
    for i, r in enumerate(rows, start=2):
        iid = r["indicator_id"]
        if not _ID_RE.match(iid):
            _fail(name, i, f"indicator_id {iid!r} is not a lower-case identifier")
        if iid in seen:
            _fail(name, i, f"duplicate indicator_id {iid!r}")
        seen.add(iid)
        if r["unit"] not in UNITS:
            _fail(name, i, f"unit {r['unit']!r} not in {UNITS}")
        if r["kind"] not in KINDS:
            _fail(name, i, f"kind {r['kind']!r} not in {KINDS}")
        if r["higher_is_better"] not in ("true", "false"):
            _fail(name, i, "higher_is_better must be true or false")
        if r["ceiling"]:
            _float(name, i, "ceiling", r["ceiling"])
        if not r["source"]:
            _fail(name, i, "source is empty")
        if not r["cues_vi"]:
            _fail(name, i, "cues_vi is empty")
        for cue in r["cues_vi"].split("|"):
            parse_cue(cue)
    return tuple(rows)


def load_codebook() -> pd.DataFrame:
    """Return the indicator codebook.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator_id, label_en, label_vi, cues_vi, unit, denominator, kind,
        higher_is_better`` (bool), ``ceiling`` (float percent, 100 when empty), ``note,
        source``; sorted by ``indicator_id``. ``kind`` is ``share`` (a percentage),
        ``stock`` (a count of things that exist at a date) or ``flow`` (a count of events
        over a period).

    Raises
    ------
    ReferenceDataError
        If the file is missing a column or holds an invalid value.
    """
    import pandas as pd

    df = pd.DataFrame(list(_codebook_rows()), columns=list(CODEBOOK_COLUMNS))
    df["higher_is_better"] = df["higher_is_better"].eq("true")
    df["ceiling"] = pd.to_numeric(df["ceiling"].replace("", "100")).astype(float)
    return df.sort_values("indicator_id", kind="mergesort").reset_index(drop=True)


def codebook_cues() -> dict[str, list[dict[str, str]]]:
    """Return the parsed cues of every indicator.

    Returns
    -------
    dict of str to list of dict
        ``indicator_id`` -> list of :func:`parse_cue` results (each with an added
        ``"cue"`` key holding the original phrase).
    """
    out: dict[str, list[dict[str, str]]] = {}
    for r in _codebook_rows():
        parsed = []
        for cue in r["cues_vi"].split("|"):
            p = parse_cue(cue)
            p["cue"] = cue.strip()
            parsed.append(p)
        out[r["indicator_id"]] = parsed
    return out


@lru_cache(maxsize=1)
def _target_rows() -> tuple[dict[str, str], ...]:
    name = "targets.csv"
    rows, cols = _read(name)
    _check_columns(name, cols, TARGET_COLUMNS)
    ids = {r["indicator_id"] for r in _codebook_rows()}
    seen: set[str] = set()
    for i, r in enumerate(rows, start=2):
        if r["target_id"] in seen or not r["target_id"]:
            _fail(name, i, f"missing or duplicate target_id {r['target_id']!r}")
        seen.add(r["target_id"])
        if r["indicator_id"] not in ids:
            _fail(name, i, f"indicator_id {r['indicator_id']!r} is not in the codebook")
        if r["scope"] != "national" and not _PROV_RE.match(r["scope"]):
            _fail(name, i, f"scope {r['scope']!r} is neither 'national' nor a province code")
        if r["comparator"] not in COMPARATORS:
            _fail(name, i, f"comparator {r['comparator']!r} not in {COMPARATORS}")
        v = _float(name, i, "value", r["value"])
        if r["unit"] == "percent" and not 0 <= v <= 100:
            _fail(name, i, f"percent value {v} outside 0-100")
        if not _DATE_RE.match(r["deadline"]):
            _fail(name, i, f"deadline {r['deadline']!r} is not an ISO date")
        if not _SOURCE_DATE_RE.match(r["source_date"]):
            _fail(name, i, f"source_date {r['source_date']!r} is not an ISO date")
        if r["status"] not in STATUSES:
            _fail(name, i, f"status {r['status']!r} not in {STATUSES}")
        if not r["source_document"] or not r["quote"]:
            _fail(name, i, "source_document and quote are required")
    return tuple(rows)


def load_targets() -> pd.DataFrame:
    """Return the targets table (national and provincial).

    Returns
    -------
    pandas.DataFrame
        Columns ``target_id, indicator_id, scope`` ("national" or a province code),
        ``comparator`` (">=" or ">"), ``value`` (float, percent), ``unit, deadline`` (ISO
        date), ``source_document, source_date, source_url, status`` (verified |
        secondary | weak), ``status_note, quote``; sorted by ``target_id``.

    Raises
    ------
    ReferenceDataError
        If a row is invalid or names an indicator missing from the codebook.
    """
    import pandas as pd

    df = pd.DataFrame(list(_target_rows()), columns=list(TARGET_COLUMNS))
    df["value"] = df["value"].astype(float)
    return df.sort_values("target_id", kind="mergesort").reset_index(drop=True)


@lru_cache(maxsize=1)
def _denominator_rows() -> tuple[dict[str, str], ...]:
    name = "denominators.csv"
    rows, cols = _read(name)
    _check_columns(name, cols, DENOMINATOR_COLUMNS)
    seen: set[tuple[str, str, str]] = set()
    for i, r in enumerate(rows, start=2):
        if not _PROV_RE.match(r["province_id"]):
            _fail(name, i, f"province_id {r['province_id']!r} is not a two-digit code")
        if not re.match(r"^\d{4}$", r["year"]):
            _fail(name, i, f"year {r['year']!r} is not a year")
        if r["quantity"] not in QUANTITIES:
            _fail(name, i, f"quantity {r['quantity']!r} not in {QUANTITIES}")
        if _float(name, i, "value", r["value"]) <= 0:
            _fail(name, i, "value must be positive")
        if r["status"] not in STATUSES:
            _fail(name, i, f"status {r['status']!r} not in {STATUSES}")
        if not r["source"]:
            _fail(name, i, "source is empty")
        key = (r["province_id"], r["year"], r["quantity"])
        if key in seen:
            _fail(name, i, f"duplicate province/year/quantity {key}")
        seen.add(key)
    return tuple(rows)


def load_denominators() -> pd.DataFrame:
    """Return the denominators table.

    Returns
    -------
    pandas.DataFrame
        Columns ``province_id, year`` (int), ``quantity`` (population |
        adult_population | households | communes), ``value`` (float), ``source,
        source_url, status, note``; sorted by province, quantity, year. Denominators
        implied by the corpus cite the document and the character span.

    Raises
    ------
    ReferenceDataError
        If a row is invalid.
    """
    import pandas as pd

    df = pd.DataFrame(list(_denominator_rows()), columns=list(DENOMINATOR_COLUMNS))
    df["year"] = df["year"].astype(int)
    df["value"] = df["value"].astype(float)
    return df.sort_values(["province_id", "quantity", "year"], kind="mergesort").reset_index(drop=True)


@lru_cache(maxsize=1)
def _admin_rows() -> tuple[dict[str, str], ...]:
    name = "admin_units_2025.csv"
    rows, cols = _read(name)
    _check_columns(name, cols, ADMIN_UNIT_COLUMNS)
    for i, r in enumerate(rows, start=2):
        if not _PROV_RE.match(r["province_id"]):
            _fail(name, i, f"province_id {r['province_id']!r} is not a two-digit code")
        if r["province_2025_id"] and not _PROV_RE.match(r["province_2025_id"]):
            _fail(name, i, f"province_2025_id {r['province_2025_id']!r} is not a two-digit code")
        if r["province_2025_id"] and r["code_status"] not in STATUSES:
            _fail(name, i, "a new code is given without a verified/secondary code_status")
        if not _DATE_RE.match(r["effective"]):
            _fail(name, i, f"effective {r['effective']!r} is not an ISO date")
        if not r["province_2025"] or not r["legal_basis"] or not r["source_url"]:
            _fail(name, i, "province_2025, legal_basis and source_url are required")
    return tuple(rows)


def load_admin_units_2025() -> pd.DataFrame:
    """Return the 2025 reorganisation of provincial units (Nghị quyết 202/2025/QH15).

    Returns
    -------
    pandas.DataFrame
        Columns ``province_id, province`` (pre-2025 unit), ``province_2025_id``
        (empty when the new code is not verified), ``province_2025, effective`` (ISO
        date from which the new unit applies), ``legal_basis, source_url, status``
        (of the merger), ``code_status`` (of the new code), ``note``.

    Raises
    ------
    ReferenceDataError
        If a row is invalid.
    """
    import pandas as pd

    df = pd.DataFrame(list(_admin_rows()), columns=list(ADMIN_UNIT_COLUMNS))
    return df.sort_values("province_id", kind="mergesort").reset_index(drop=True)


def unit_2025(province_id: str, date: str) -> tuple[str, str]:
    """Return the post-reorganisation unit of a province for an ISO date.

    Parameters
    ----------
    province_id : str
        Pre-2025 GSO code.
    date : str
        ISO date (``YYYY-MM-DD``) of the observation; "" when unknown.

    Returns
    -------
    tuple of str
        ``(province_2025_id, province_2025)`` when the date is on or after the unit's
        effective date, else ``("", "")``.

    Examples
    --------
    >>> unit_2025("91", "2025-08-01")
    ('', 'An Giang')
    >>> unit_2025("91", "2025-05-13")
    ('', '')
    """
    if not date or not province_id:
        return "", ""
    for r in _admin_rows():
        if r["province_id"] == province_id and date[:10] >= r["effective"]:
            return r["province_2025_id"], r["province_2025"]
    return "", ""
