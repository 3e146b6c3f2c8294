"""Regenerate the baseline images of tests/test_plots.py on purpose.

Run after an intended change of a figure (theme, layout, labels)::

    .venv/bin/python tests/regenerate_baselines.py

which is the same as::

    DTANALYSIS_REGENERATE_BASELINES=1 .venv/bin/python -m pytest tests/test_plots.py -k baseline

It rewrites ``tests/baseline/*.png`` from the synthetic tables of ``tests/plot_data.py``.
Look at every new image before committing it: the comparison is only as good as the
baselines. Baselines depend on the matplotlib build (its bundled FreeType), so
regenerate them when the pinned matplotlib version changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    os.environ["DTANALYSIS_REGENERATE_BASELINES"] = "1"
    here = Path(__file__).resolve().parent
    sys.exit(pytest.main([str(here / "test_plots.py"), "-q", "-k", "baseline"]))
