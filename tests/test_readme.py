"""The README's example for other analyses runs as written."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    nxt = text.find("\n## ", start + 1)
    return text[start: nxt if nxt != -1 else None]


def test_readme_example_for_other_analyses_runs(tmp_path):
    section = _section("Using dtanalysis in another analysis")
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks, "the README section has no python example"
    code = "\n".join(blocks)
    # run from an unrelated folder, as another analysis would
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                              "HOME": str(tmp_path)}, check=False)
    assert out.returncode == 0, out.stderr
    assert "860000.0 count nearly" in out.stdout
    assert "exact" in out.stdout  # the two-point fit says what it is
    # the prediction past the observed period is flagged and warned about
    assert re.search(r"\bTrue\s*$", out.stdout.split("extrapolated", 1)[1].splitlines()[1])
    assert "ExtrapolationWarning" in out.stderr
    written = sorted(p.name for p in (tmp_path / "my_figures").iterdir())
    assert written == [f"hai_duong_applications_online.{ext}" for ext in ("pdf", "png", "svg")]


def test_readme_names_every_processed_table():
    # the build's tables are declared once (dtanalysis.tables); the README's layout
    # and its table of outputs must name each of them
    from dtanalysis.tables import PROCESSED_TABLES

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    layout = next(line for line in text.splitlines() if line.startswith("| `data/processed/` |"))
    for name in PROCESSED_TABLES:
        assert f"`{name}.csv`" in layout, name
        assert f"| `data/processed/{name}.csv` |" in text, name
