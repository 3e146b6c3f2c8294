"""Where the project's files are, from any working directory.

The project root is found in this order:

1. the environment variable ``DTANALYSIS_ROOT``, when set;
2. the nearest ancestor of the current working directory that holds a
   ``pyproject.toml`` declaring the project ``dtanalysis``;
3. the checkout that contains this package (an editable install), when it holds
   such a ``pyproject.toml``.

So code, notebooks executed by nbconvert (whose working directory is the notebook's
folder) and tests all resolve the same folders.

Examples
--------
>>> from dtanalysis import paths
>>> paths.processed_dir().name
'processed'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import DtanalysisError

ENV_VAR = "DTANALYSIS_ROOT"
_NAME_RE = re.compile(r'^\s*name\s*=\s*"dtanalysis"\s*$', re.MULTILINE)


def _is_root(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return False
    try:
        return bool(_NAME_RE.search(pyproject.read_text(encoding="utf-8")))
    except OSError:
        return False


def find_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the nearest folder at or above `start` that is a dtanalysis checkout.

    Parameters
    ----------
    start : path-like, optional
        Where to begin the search (default: the current working directory).

    Returns
    -------
    pathlib.Path or None
        The project root, or None when no ancestor holds the project's pyproject.toml.
    """
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    return None


def project_root() -> Path:
    """Return the project root (see the module docstring for the search order).

    Raises
    ------
    DtanalysisError
        When ``DTANALYSIS_ROOT`` points to a folder that is not a dtanalysis checkout,
        or when no checkout can be found.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        named = Path(env).expanduser().resolve()
        if not _is_root(named):
            raise DtanalysisError(
                f"{ENV_VAR}={env}: not a dtanalysis checkout "
                "(no pyproject.toml naming 'dtanalysis')"
            )
        return named
    root = find_root()
    if root is None:
        root = find_root(Path(__file__).resolve().parent.parent)
    if root is None:
        raise DtanalysisError(
            f"cannot find the dtanalysis project root from {os.getcwd()}; "
            f"run inside the checkout or set {ENV_VAR}"
        )
    return root


def data_dir() -> Path:
    """``<root>/data``."""
    return project_root() / "data"


def raw_dir() -> Path:
    """``<root>/data/raw``: immutable raw texts and their manifest ``sources.csv``."""
    return data_dir() / "raw"


def processed_dir() -> Path:
    """``<root>/data/processed``: tables written by the data build."""
    return data_dir() / "processed"


def figures_dir() -> Path:
    """``<root>/figures``: publication figures (PDF, SVG, PNG)."""
    return project_root() / "figures"


def reports_dir() -> Path:
    """``<root>/reports``: the HTML report built by ``make report``."""
    return project_root() / "reports"


def notebooks_dir() -> Path:
    """``<root>/notebooks``: the notebooks, stored as jupytext percent scripts."""
    return project_root() / "notebooks"


def manifest_path() -> Path:
    """``<root>/data/raw/sources.csv``."""
    return raw_dir() / "sources.csv"


def overrides_path() -> Path:
    """``<root>/data/overrides.csv``: researchers' curation of extracted figures."""
    return data_dir() / "overrides.csv"
