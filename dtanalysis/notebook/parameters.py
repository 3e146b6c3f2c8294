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

__all__ = ["LANGUAGES", "PARAMETERS", "ParameterError", "check_parameters"]

#: Figure languages (the same as :data:`dtanalysis.plots.style.LANGUAGES`; a test
#: checks it, so that checking a parameter need not import matplotlib).
LANGUAGES = ("en", "vi")

#: What each notebook parameter accepts.
PARAMETERS = {
    "LANG": "the figure language, one of: " + ", ".join(LANGUAGES),
    "LANGUAGES": "a list of figure languages, each one of: " + ", ".join(LANGUAGES),
    "PROVINCES": "a list of province names (with or without diacritics) or codes",
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


def _languages(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ParameterError(
            f"{name}: {value!r} is not a list of figure languages (allowed: {_ALLOWED_LANGUAGES})"
        )
    return [_language(name, v) for v in value]


def _provinces(name: str, value: Any, known: Mapping[str, str] | None) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ParameterError(f"{name}: {value!r} is not a list of province names")
    for item in value:
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
    return value


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
        The values (names not in :data:`PARAMETERS` are passed through unchecked: which
        names a notebook accepts is decided by its ``parameters`` cell).

    Raises
    ------
    ParameterError
        Naming the parameter, the value and the allowed values.

    Examples
    --------
    >>> check_parameters({"LANG": "vi"})
    {'LANG': 'vi'}
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
