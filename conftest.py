"""Collection rule for the whole checkout (``tests/conftest.py`` holds the fixtures).

First of all, the floating-point code is fixed as ``import dtanalysis`` fixes it
(``dtanalysis/_blas.py``), before anything of the suite loads numpy.

When the compiled reading modules are in use (``dtanalysis/_native.py``), their ``.py``
files are not collected for doctests: the module imported under their name is the
compiled one, which keeps no docstrings. ``tests/test_native.py`` runs their doctests
on the source instead (``DTANALYSIS_PURE=1``), so every doctest still runs.
"""
from __future__ import annotations

from pathlib import Path

from dtanalysis import _blas

_blas.fix_kernel()


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    from dtanalysis import _native

    if collection_path.suffix == ".py" and collection_path in _native.compiled_sources():
        return True
    return None
