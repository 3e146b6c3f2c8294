"""`make lab` pairs the notebooks with jupytext; that must not rewrite the committed scripts."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pairing_leaves_the_notebook_scripts_unchanged(tmp_path):
    sources = sorted((ROOT / "notebooks").glob("[0-9]*.py"))
    assert sources
    for src in sources:
        shutil.copy(src, tmp_path / src.name)
    jupytext = Path(sys.executable).parent / "jupytext"
    subprocess.run([str(jupytext), "--set-formats", "ipynb,py:percent", *[p.name for p in sources]],
                   cwd=tmp_path, check=True, capture_output=True, text=True)
    for src in sources:
        paired = (tmp_path / src.name).read_text(encoding="utf-8")
        assert paired == src.read_text(encoding="utf-8"), src.name
        assert (tmp_path / (src.stem + ".ipynb")).is_file()
