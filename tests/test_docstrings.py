"""Docstrings point only at files that exist, and their examples run (doctest)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# a project path as docstrings write it: ``data/raw/sources.csv``, `docs/ARCHITECTURE.md`
_PATH = re.compile(r"(?<![\w/.-])((?:data|docs|tests|notebooks|benchmarks|dtanalysis)/"
                   r"[\w./*{}-]*[\w*}])")
_BUILT = ("figures/", "reports/", "build/")   # written by the build, not committed


def _docstrings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield getattr(node, "lineno", 1), doc


def _exists(ref: str) -> bool:
    ref = ref.rstrip(".")
    if "{" in ref:                      # a template such as data/processed/{name}.csv
        ref = re.sub(r"\{[^}]*\}", "*", ref)
    # a documented naming pattern such as notebooks/NN-name.py
    ref = re.sub(r"(?<![A-Za-z])NN-name", "[0-9][0-9]-*", ref)
    if "*" in ref:
        return any(ROOT.glob(ref))
    return (ROOT / ref).exists()


def test_docstrings_point_only_at_files_that_exist():
    missing = []
    for path in sorted((ROOT / "dtanalysis").rglob("*.py")):
        for line, doc in _docstrings(path):
            for ref in _PATH.findall(doc):
                if ref.startswith(_BUILT) or _exists(ref):
                    continue
                missing.append(f"{path.relative_to(ROOT)}:{line}: {ref}")
    assert not missing, "docstrings name files that do not exist:\n" + "\n".join(missing)


def test_doctests_are_collected():
    """pytest runs the package's docstring examples (pyproject: --doctest-modules)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    opts = config["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in opts["addopts"]
    assert "dtanalysis" in opts["testpaths"]


def test_architecture_names_every_room_of_the_package():
    """docs/ARCHITECTURE.md is redrawn when a module is added or moved."""
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = ROOT / "dtanalysis"
    rooms = {p.stem for p in package.glob("*.py") if not p.name.startswith("_")}
    rooms |= {p.name + "/" for p in package.iterdir()
              if p.is_dir() and (p / "__init__.py").exists()}
    missing = sorted(r for r in rooms if f"`{r}`" not in doc)
    assert not missing, f"docs/ARCHITECTURE.md does not name: {', '.join(missing)}"
