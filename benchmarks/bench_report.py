"""Time of the full report build against the floor of starting kernels and imports.

Prints, in one run on this machine:

* ``make report`` with the figures drawn (as after a change of the data; the report
  skips figures drawn from the same inputs, so ``build/figures.json`` is removed first):
  the two commands of its recipe (read from the Makefile) with the
  environment installed, i.e. ``python -m dtanalysis build --no-figures`` (tables) then
  ``python -m dtanalysis report --figures`` (every notebook executed and exported to
  HTML while the figures are drawn in the background), in a temporary copy of the
  project (``pyproject.toml``, ``data`` without ``data/processed``, ``notebooks``) so
  the checkout is not touched; the two steps are also printed separately;
* the report command once more, the figures up to date (a second ``make report``);
* ``floor``: the same number of notebooks, each only importing pandas, matplotlib,
  and statsmodels, executed the same way (``dtanalysis.report.build_report``:
  papermill and nbclient, a fresh ``python3`` kernel per notebook, HTML export);
* their ratio (aim: at most 1.5).

Each measurement is the median of ``--repeat`` runs (default 3). With ``--record`` the
numbers are appended to ``benchmarks/RESULTS.md`` under the "Report" heading.

Usage::

    .venv/bin/python benchmarks/bench_report.py [--repeat N] [--record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _make_report_commands(python: str) -> tuple[list[str], list[str]]:
    """The two commands of the Makefile's ``report`` recipe, with the venv's python.

    Read from the Makefile so that the benchmark always times what ``make report``
    runs (the data build, then the report, which draws the figures meanwhile).
    """
    import shlex

    lines = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(ln for ln in lines if ln.startswith("report:")))
    recipe = []
    for ln in lines[start + 1:]:
        if not ln.startswith("\t"):
            break
        line = ln.strip().replace('"$(BIN)/python"', python).replace("$(REPORT_ARGS)", "")
        recipe.append(shlex.split(line))
    if len(recipe) != 2:
        raise SystemExit(f"expected two commands in the Makefile's report recipe, found {recipe}")
    return recipe[0], recipe[1]


FLOOR_NOTEBOOK = """\
# %% [markdown]
# # Floor

# %% tags=["parameters"]
X = 1

# %%
import matplotlib.pyplot as plt
import pandas as pd
import statsmodels.api as sm

pd.__version__, sm.__name__, plt.__name__
"""


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, check=False, env=env, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{done.stderr.strip()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", action="store_true", help="append to benchmarks/RESULTS.md")
    args = parser.parse_args(argv)

    python = sys.executable
    notebooks = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.py"))
    n = len(notebooks)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir(parents=True)
        shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
        # every input the build reads (raw texts, published observations, overrides),
        # not what it writes
        shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("processed"))
        shutil.copytree(
            REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("*.ipynb")
        )
        env = dict(
            os.environ,
            DTANALYSIS_ROOT=str(root),
            JUPYTER_PLATFORM_DIRS="1",
            MPLBACKEND="Agg",
            PYTHONHASHSEED="0",
        )
        floor_dir = Path(tmp) / "notebooks"
        floor_dir.mkdir()
        header = (REPO / "notebooks" / notebooks[0].name).read_text(encoding="utf-8")
        header = header[: header.index("# ---", 5) + 6] if header.startswith("# ---") else ""
        for i in range(n):
            (floor_dir / f"{i + 1:02d}-floor.py").write_text(header + FLOOR_NOTEBOOK, "utf-8")
        floor_cmd = [
            python,
            "-c",
            (
                "import sys; from dtanalysis.report import build_report; "
                "build_report(sys.argv[1], sys.argv[2], build_dir=sys.argv[3])"
            ),
            str(floor_dir),
            str(Path(tmp) / "floor-reports"),
            str(Path(tmp) / "floor-build"),
        ]
        build_cmd, report_cmd = _make_report_commands(python)
        # one warm-up of each (font cache, .pyc files), then alternate the measurements
        _timed(floor_cmd, env)
        _timed(build_cmd, env)
        _timed(report_cmd, env)
        floors, builds, reports, again = [], [], [], []
        for _ in range(args.repeat):
            floors.append(_timed(floor_cmd, env))
            builds.append(_timed(build_cmd, env))
            # the report skips figures drawn from the same inputs: forget them, so that
            # they are drawn on every run as after a change of the data; then once more
            # with the figures up to date (a second `make report` with nothing changed)
            (root / "build" / "figures.json").unlink(missing_ok=True)
            reports.append(_timed(report_cmd, env))
            again.append(_timed(report_cmd, env))

    floor = statistics.median(floors)
    totals = [b + r for b, r in zip(builds, reports, strict=True)]
    full = statistics.median(totals)
    ratio = full / floor
    lines = [
        f"notebooks: {n}",
        f"make report (build + report): {full:.1f} s  (runs: "
        + ", ".join(f"{t:.1f}" for t in totals)
        + ")",
        (
            f"  {' '.join(build_cmd[1:])}: {statistics.median(builds):.1f} s; "
            f"{' '.join(report_cmd[1:])}: {statistics.median(reports):.1f} s"
        ),
        (
            f"  {' '.join(report_cmd[1:])} again, figures up to date: "
            f"{statistics.median(again):.1f} s  (runs: "
            + ", ".join(f"{t:.1f}" for t in again)
            + ")"
        ),
        f"floor  ({n} notebooks importing pandas, matplotlib, statsmodels): "
        f"{floor:.1f} s  (runs: " + ", ".join(f"{t:.1f}" for t in floors) + ")",
        f"ratio report/floor: {ratio:.2f}  (aim <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})",
    ]
    print("\n".join(lines))

    if args.record:
        results = REPO / "benchmarks" / "RESULTS.md"
        text = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmarks\n"
        machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        entry = (
            f"\n### {dt.date.today().isoformat()} ({machine}; median of {args.repeat})\n\n"
            + "\n".join(f"- {line.strip()}" for line in lines)
            + "\n"
        )
        if "\n## Report\n" not in "\n" + text:
            text = text.rstrip("\n") + "\n\n## Report\n\n`benchmarks/bench_report.py`: "
            text += "full report build vs. the floor of kernels and imports.\n"
        # append the entry at the end of the Report section
        head, _, tail = text.partition("\n## Report\n")
        section, sep, rest = tail.partition("\n## ")
        text = (
            head
            + "\n## Report\n"
            + section.rstrip("\n")
            + "\n"
            + entry
            + ("\n## " + rest if sep else "")
        )
        results.write_text(text, encoding="utf-8")
        print(f"appended to {results.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
