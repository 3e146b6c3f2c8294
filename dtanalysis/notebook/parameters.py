"""The parameters the notebooks accept, and their check before any notebook runs.

Each notebook's first code cell is tagged ``parameters`` and assigns its defaults
(``PROVINCES``, ``LANG``; notebook 4 ``LANGUAGES``). :data:`PARAMETERS` says what each
accepts; :func:`check_parameters` checks values given for a report build, so that a
wrong value stops the build before the first notebook runs, with the allowed values.

This module imports nothing heavy (no pandas), so the report builder can use it first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import DtanalysisError
from ..provinces import canonical_province

__all__ = ["LANGUAGES", "PARAMETERS", "ParameterError", "as_list", "check_parameters"]

#: Figure languages (the same as :data:`dtanalysis.plots.style.LANGUAGES`; a test
#: checks it, so that checking a parameter need not import matplotlib).
LANGUAGES = ("en", "vi")

#: What each notebook parameter accepts.
PARAMETERS = {
    "LANG": "the figure language, one of: " + ", ".join(LANGUAGES),
    "LANGUAGES": "one figure language or a list of them, each one of: " + ", ".join(LANGUAGES),
    "PROVINCES": "one province name (with or without diacritics) or code, or a list of them",
}


class ParameterError(DtanalysisError, ValueError):
    """A notebook parameter has a value the notebooks cannot use."""


_ALLOWED_LANGUAGES = ", ".join(LANGUAGES)


def _language(name: str, value: Any) -> str:
    if not isinstance(value, str) or value not in LANGUAGES:
        raise ParameterError(
            f"{name}: {value!r} is not a figure language (allowed: {_ALLOWED_LANGUAGES})"
        )
    return value


def as_list(value: Any) -> list[str] | None:
    """One name or a list of names, in the forms a command line leaves them.

    A list (from JSON) is kept, its numbers written as text; a string is one name, or
    several separated by commas, with or without the brackets and quotes of a JSON list
    that the shell stripped (``["Cà Mau"]`` typed unquoted reaches the program as
    ``[Cà Mau]``).

    Parameters
    ----------
    value : object

    Returns
    -------
    list of str or None
        None when `value` is neither a string nor a list of strings and numbers.

    Examples
    --------
    >>> as_list("Cà Mau")
    ['Cà Mau']
    >>> as_list("[Cà Mau, 'Kiên Giang']")
    ['Cà Mau', 'Kiên Giang']
    >>> as_list(["Cà Mau", 91])
    ['Cà Mau', '91']
    """
    if isinstance(value, list):
        if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            return None
        return [str(v).strip() for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    items = [item.strip().strip("\"'").strip() for item in text.split(",")]
    return [item for item in items if item]


def _languages(name: str, value: Any) -> list[str]:
    items = as_list(value)
    if not items:
        raise ParameterError(
            f"{name}: {value!r} is not a figure language or a list of them "
            f"(allowed: {_ALLOWED_LANGUAGES})"
        )
    return [_language(name, v) for v in items]


def _provinces(name: str, value: Any, known: Mapping[str, str] | None) -> list[str]:
    items = as_list(value)
    if not items:
        raise ParameterError(f"{name}: {value!r} is not a province name or a list of them")
    for item in items:
        text = item.strip()
        found = canonical_province(text)
        pid = text.zfill(2) if text.isdigit() else (found[0] if found else None)
        if known is not None:
            if pid not in known:
                have = ", ".join(sorted(known.values(), key=str.casefold)) or "none"
                raise ParameterError(
                    f"{name}: {item!r} is not a province of the data (known: {have})"
                )
        elif pid is None:
            raise ParameterError(f"{name}: {item!r} is not one of Vietnam's 63 provinces")
    return items


def check_parameters(
    values: Mapping[str, Any], *, provinces: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Check notebook parameter values; return them.

    Parameters
    ----------
    values : mapping
        ``{name: value}`` as given for a build (values already read from JSON).
    provinces : mapping, optional
        ``{province_id: name}`` of the provinces in the data; ``PROVINCES`` must name
        only those. Without it, any of the 63 provinces is accepted.

    Returns
    -------
    dict
        The values, ``PROVINCES`` and ``LANGUAGES`` as lists (one name, a
        comma-separated string and a list whose brackets and quotes the shell stripped
        all give a list: see :func:`as_list`). Names not in :data:`PARAMETERS` are
        passed through unchecked: which names a notebook accepts is decided by its
        ``parameters`` cell.

    Raises
    ------
    ParameterError
        Naming the parameter, the value and the allowed values.

    Examples
    --------
    >>> check_parameters({"LANG": "vi", "PROVINCES": "[Cà Mau]"})
    {'LANG': 'vi', 'PROVINCES': ['Cà Mau']}
    >>> check_parameters({"LANG": "fr"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dtanalysis.notebook.parameters.ParameterError: LANG: 'fr' is not a figure language ...
    """
    out = dict(values)
    for name, value in values.items():
        if name == "LANG":
            out[name] = _language(name, value)
        elif name == "LANGUAGES":
            out[name] = _languages(name, value)
        elif name == "PROVINCES":
            out[name] = _provinces(name, value, provinces)
    return out
