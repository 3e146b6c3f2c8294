"""Package reference data: the indicator codebook, targets, denominators, 2025 units.

The tables live in ``dtanalysis/data/`` and are read through the table layer
(:func:`dtanalysis.tables.read_table`: package data, never the project root), typed and
validated by their declarations in :mod:`dtanalysis.tables.reference`, and cached. Every
row carries a source;
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

import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .errors import DtanalysisError
from .tables import SchemaError, columns, read_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class ReferenceDataError(DtanalysisError):
    """A package reference-data file is missing a column or holds an invalid value."""


CODEBOOK_COLUMNS = tuple(columns("indicators"))
TARGET_COLUMNS = tuple(columns("targets"))
DENOMINATOR_COLUMNS = tuple(columns("denominators"))
ADMIN_UNIT_COLUMNS = tuple(columns("admin_units_2025"))

_SORT = {
    "indicators": ["indicator_id"],
    "targets": ["target_id"],
    "denominators": ["province_id", "quantity", "year"],
    "admin_units_2025": ["province_id"],
}


def _read(name: str) -> pd.DataFrame:
    """Read one reference table through the table layer (typed, validated, sorted)."""
    try:
        df = read_table(name)
    except SchemaError as exc:
        raise ReferenceDataError(str(exc)) from None
    return df.sort_values(_SORT[name], kind="mergesort").reset_index(drop=True)


@cache
def _cached(name: str) -> pd.DataFrame:
    df = _read(name)
    if name == "indicators":
        _check_cues(df)
    return df


def _check_cues(codebook: pd.DataFrame) -> None:
    """Every cue of the codebook follows the cue grammar (:func:`parse_cue`)."""
    for line, cues in enumerate(codebook["cues_vi"], start=2):
        for cue in cues.split("|"):
            try:
                parse_cue(cue)
            except ReferenceDataError as exc:
                raise ReferenceDataError(f"{exc} (codebook row {line})") from None


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
        raise ReferenceDataError(
            f"dtanalysis/data/indicators.csv: cue {cue!r} has more than one '#'"
        )
    left, right = (s.strip() for s in c.split("#"))
    seg_before, clause_before = "", left
    if "..." in left:
        seg_before, clause_before = (s.strip() for s in left.split("...", 1))
    after, seg_after = right, ""
    if "..." in right:
        after, seg_after = (s.strip() for s in right.split("...", 1))
    return {
        "kind": "anchored",
        "segment_before": seg_before,
        "clause_before": clause_before,
        "after": after,
        "segment_after": seg_after,
    }


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
    return _cached("indicators").copy()


def codebook_cues() -> dict[str, list[dict[str, str]]]:
    """Return the parsed cues of every indicator.

    Returns
    -------
    dict of str to list of dict
        ``indicator_id`` -> list of :func:`parse_cue` results (each with an added
        ``"cue"`` key holding the original phrase).
    """
    out: dict[str, list[dict[str, str]]] = {}
    book = _cached("indicators")
    for iid, cues in zip(book["indicator_id"], book["cues_vi"], strict=True):
        parsed = []
        for cue in cues.split("|"):
            p = parse_cue(cue)
            p["cue"] = cue.strip()
            parsed.append(p)
        out[iid] = parsed
    return out


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
    return _cached("targets").copy()


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
    return _cached("denominators").copy()


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
    return _cached("admin_units_2025").copy()


@lru_cache(maxsize=1)
def _units_2025() -> tuple[tuple[str, str, str, str], ...]:
    a = _cached("admin_units_2025")
    return tuple(
        zip(
            a["province_id"], a["effective"], a["province_2025_id"], a["province_2025"], strict=True
        )
    )


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
    for pid, effective, new_id, new_name in _units_2025():
        if pid == province_id and date[:10] >= effective:
            return new_id, new_name
    return "", ""
