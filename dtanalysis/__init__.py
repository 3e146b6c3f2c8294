"""dtanalysis: figures of digital transformation (chuyển đổi số) in Vietnamese provinces.

Data flow, one module per stage (see ``docs/ARCHITECTURE.md``)::

    raw text -> numeric mentions -> figures -> clean panel -> models -> figures and report

The most used helpers are available at the top level and are imported lazily, so
``import dtanalysis`` stays cheap (no pandas, matplotlib or statsmodels until used):

- :func:`parse_quantity`, :func:`extract_mentions`, :func:`normalize_text`,
  :func:`read_text` (reading Vietnamese figures);
- :func:`load_corpus` (the raw corpus, checksums verified);
- :func:`read_table` (any declared table, typed: the processed tables the data build
  writes, the reference tables the package ships);
- :func:`project_root` (where the project's files are).
"""
from __future__ import annotations

import importlib
from typing import Any

from dtanalysis import _blas, _native

__version__ = "0.1.0"

# the same floating-point code on every x86-64 machine with AVX2 (OpenBLAS's kernel,
# numpy's loops), so that fits repeat to the last digit (before numpy loads; _blas.py)
_blas.fix_kernel()

# the compiled reading modules, when ``make`` built them from these sources (see
# dtanalysis/_native.py); else the source reads, with the same results
_native.install()

_LAZY = {
    "parse_quantity": "dtanalysis.reading",
    "Quantity": "dtanalysis.reading",
    "NotAQuantityError": "dtanalysis.reading",
    "extract_mentions": "dtanalysis.reading",
    "Mention": "dtanalysis.reading",
    "normalize_text": "dtanalysis.text",
    "read_text": "dtanalysis.text",
    "decode_bytes": "dtanalysis.text",
    "extract_figures": "dtanalysis.extract",
    "load_corpus": "dtanalysis.corpus",
    "documents_frame": "dtanalysis.corpus",
    "read_table": "dtanalysis.tables",
    "write_table": "dtanalysis.tables",
    "run_build": "dtanalysis.build",
    "project_root": "dtanalysis.paths",
    "DtanalysisError": "dtanalysis.errors",
}

__all__ = [
    "DtanalysisError",
    "Mention",
    "NotAQuantityError",
    "Quantity",
    "__version__",
    "decode_bytes",
    "documents_frame",
    "extract_figures",
    "extract_mentions",
    "load_corpus",
    "normalize_text",
    "parse_quantity",
    "project_root",
    "read_table",
    "read_text",
    "run_build",
    "write_table",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dtanalysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
