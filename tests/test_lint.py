"""The code passes the project's linter (ruff, configured in pyproject.toml)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is part of the dev extra that make installs"
    out = subprocess.run([ruff, "check", "--output-format", "concise", "dtanalysis", "tests",
                          "benchmarks",
                          "notebooks"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_project_rules_are_configured():
    """pycodestyle, pyflakes, isort, bugbear, pyupgrade and complexity <= 25 (issue 10)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    assert config["line-length"] == 100
    assert {"E", "W", "F", "I", "B", "UP", "C90"} <= set(config["lint"]["extend-select"])
    assert config["lint"]["mccabe"]["max-complexity"] == 25
