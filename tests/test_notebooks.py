"""Execute every notebook of the project, as ``make report`` does, and check the front door.

The notebooks run against a data build made for the occasion in a temporary project
root (a copy of ``data/raw``), so the test does not depend on, nor touch, the
checkout's ``data/processed``. Each notebook gets a first injected cell that turns into
errors the warnings that signal a problem: deprecations raised from our code (the
package or the notebook itself), glyphs missing from the figure font, and
:class:`dtanalysis.plots.FigureWarning`. Any other warning that reaches a page's output
also fails the test: a published report must not carry one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dtanalysis import paths
from dtanalysis.report import build_report

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO / "notebooks"
EXPECTED = [
    "01-corpus-and-extraction",
    "02-adoption-curves",
    "03-gaps-to-targets",
    "04-publication-figures",
    "05-provinces-over-time",
]

WARNINGS_AS_ERRORS = """\
import warnings

for _category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
    warnings.filterwarnings("error", category=_category, module=r"(dtanalysis|__main__)")
warnings.filterwarnings("error", message=r"Glyph .* missing", category=UserWarning)
from dtanalysis.plots import FigureWarning as _FigureWarning

warnings.filterwarnings("error", category=_FigureWarning)
del _category, _FigureWarning
"""

_WARNING_RE = re.compile(r"\b\w*Warning\b:|Error in callback")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _notebook_sources() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.py"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Data build in a throw-away project root, then the report of every notebook."""
    from dtanalysis.build import run_build

    before = _snapshot(NOTEBOOKS_DIR)
    root = tmp_path_factory.mktemp("project")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    if (REPO / "data" / "overrides.csv").is_file():
        shutil.copy2(REPO / "data" / "overrides.csv", root / "data" / "overrides.csv")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(paths.ENV_VAR, str(root))
        mp.chdir(root.parent)  # not the project: nothing may depend on the cwd
        run_build()  # with the figures: notebook 4 shows the files
        result = build_report(
            NOTEBOOKS_DIR,
            root / "reports",
            build_dir=root / "build" / "notebooks",
            setup_code=WARNINGS_AS_ERRORS,
            timeout=600,
        )
    return root, result, before


def _outputs(executed: Path) -> list[tuple[int, dict]]:
    nb = json.loads(executed.read_text(encoding="utf-8"))
    return [
        (index, output)
        for index, cell in enumerate(nb["cells"])
        for output in cell.get("outputs", [])
    ]


def _text_of(output: dict) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    data = output.get("data", {})
    return " ".join(
        str("".join(data[m]) if isinstance(data[m], list) else data[m])
        for m in ("text/plain", "text/markdown", "text/html")
        if m in data
    )


# ----------------------------------------------------------------------------- sources


def test_the_notebooks_exist_in_reading_order():
    assert [p.stem for p in _notebook_sources()] == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_source_conventions(name):
    """Percent format, python3 kernel, a parameters cell, no typed percentages."""
    import jupytext

    path = NOTEBOOKS_DIR / f"{name}.py"
    text = path.read_text(encoding="utf-8")
    nb = jupytext.reads(text, fmt="py:percent")
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["jupytext"]["text_representation"]["format_name"] == "percent"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    # notebook 4 shows the build's files (all provinces); the others take a selection
    assert ("LANGUAGES" if name.startswith("04") else "PROVINCES") in tagged[0].source
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# ")
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # numbers quoted in the narrative are computed in code cells, never typed
            assert not re.search(r"\d\s*%", cell.source), cell.source
        else:
            # every path comes from dtanalysis.paths, never from the working directory
            assert "os.chdir" not in cell.source
            assert not re.search(r"""["'](\.\./|data/|figures/)""", cell.source), cell.source


#: Statements and expressions that are logic, which belongs in dtanalysis.notebook.
_LOGIC = (
    "For", "AsyncFor", "While", "If", "IfExp", "Try", "With", "FunctionDef", "AsyncFunctionDef",
    "ClassDef", "Lambda", "ListComp", "SetComp", "DictComp", "GeneratorExp", "JoinedStr",
)


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_cells_hold_calls_not_logic(name):
    """Code cells load tables, call dtanalysis and show results: no loops, branches,
    definitions, comprehensions or sentences built in the cell (those live in
    ``dtanalysis.notebook``, where they are tested)."""
    import ast

    import jupytext

    nb = jupytext.read(NOTEBOOKS_DIR / f"{name}.py")
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if type(node).__name__ in _LOGIC:
                found.append(f"cell {index + 1}, line {node.lineno}: {type(node).__name__}")
    assert not found, f"{name}.py: " + "; ".join(found)


def test_no_executed_notebooks_in_version_control():
    try:
        listed = subprocess.run(
            ["git", "-C", str(REPO), "ls-files", "notebooks"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [str(p.relative_to(REPO)) for p in NOTEBOOKS_DIR.iterdir()]
    assert not [f for f in listed if f.endswith(".ipynb")]


# ----------------------------------------------------------------------------- execution


def test_report_pages_and_index(built):
    root, result, before = built
    assert [p.source.stem for p in result.pages] == EXPECTED
    index = result.index.read_text(encoding="utf-8")
    for name in EXPECTED:
        assert (root / "reports" / f"{name}.html").is_file()
        assert f'href="{name}.html"' in index
    # the build neither changed nor added anything in notebooks/
    assert _snapshot(NOTEBOOKS_DIR) == before


@pytest.mark.parametrize("position", range(len(EXPECTED)))
def test_notebook_output_has_no_error_or_warning(built, position):
    _, result, _ = built
    page = result.pages[position]
    problems = [
        f"cell {index}: {_text_of(output).strip()[:300]}"
        for index, output in _outputs(page.executed)
        if output.get("output_type") == "error"
        or (output.get("output_type") == "stream" and _WARNING_RE.search(output.get("text", "")))
    ]
    assert not problems, f"{page.source.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("position", [1, 2, 3])
def test_figure_notebooks_show_figures(built, position):
    _, result, _ = built
    images = [
        output
        for _, output in _outputs(result.pages[position].executed)
        if "image/png" in output.get("data", {}) or "image/svg+xml" in output.get("data", {})
    ]
    assert images, f"{result.pages[position].source.name} shows no figure"
    html = result.pages[position].html.read_text(encoding="utf-8")
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html) or "<svg" in html


def test_publication_figures_in_both_languages(built):
    _, result, _ = built
    nb = json.loads(result.pages[3].executed.read_text(encoding="utf-8"))
    shown = [
        output
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {}) or "image/svg+xml" in output.get("data", {})
    ]
    from dtanalysis.plots import FIGURE_NAMES, LANGUAGES

    assert set(LANGUAGES) >= {"en", "vi"}
    assert len(shown) >= len(FIGURE_NAMES) * 2
    page = result.pages[3].html.read_text(encoding="utf-8")
    # headings name each language, so a reader finds the Vietnamese version
    assert "Tiếng Việt" in page and "English" in page


def test_parameters_reach_the_notebooks(built, tmp_path):
    """Building one notebook for a single province changes what it reports."""
    root, _, _ = built
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(paths.ENV_VAR, str(root))
        one = build_report(
            NOTEBOOKS_DIR,
            tmp_path / "reports",
            build_dir=tmp_path / "build",
            only=["03"],
            parameters={"PROVINCES": ["Cà Mau"], "LANG": "vi"},
            setup_code=WARNINGS_AS_ERRORS,
        )
    executed = one.pages[0].executed.read_text(encoding="utf-8")
    assert "injected-parameters" in executed
    # the outputs (not the source, which holds the defaults) name only the chosen province
    text = " ".join(_text_of(o) for _, o in _outputs(one.pages[0].executed))
    assert "Cà Mau" in text
    assert "Kiên Giang" not in text and "Hải Dương" not in text


# ----------------------------------------------------------------------------- front door


def _makefile_targets(text: str) -> set[str]:
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, flags=re.MULTILINE))


def test_readme_commands_are_makefile_targets_and_ci_runs_make_test():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")

    # the README's two commands, each alone in a shell block
    blocks = re.findall(r"```(?:sh|bash|shell|console)?\n(.*?)```", readme, flags=re.DOTALL)
    commands = [line.strip() for b in blocks for line in b.splitlines() if line.strip()]
    make_commands = [c for c in commands if re.fullmatch(r"make [\w-]+", c)]
    assert make_commands[:2] == ["make report", "make test"]

    targets = _makefile_targets(makefile)
    assert {"report", "test"} <= targets
    phony = " ".join(re.findall(r"^\.PHONY\s*:(.*)$", makefile, flags=re.MULTILINE)).split()
    assert {"report", "test"} <= set(phony)

    # make report runs the data build and then the report; make test runs pytest and
    # does not deselect the slow (notebook) tests
    recipe = re.search(r"^report\s*:.*?\n((?:\t.*\n?)+)", makefile, flags=re.MULTILINE)
    assert recipe and "dtanalysis build" in recipe.group(1)
    assert "dtanalysis report" in recipe.group(1)
    test_recipe = re.search(r"^test\s*:.*?\n((?:\t.*\n?)+)", makefile, flags=re.MULTILINE)
    assert test_recipe and "pytest" in test_recipe.group(1)
    assert "not slow" not in test_recipe.group(1)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "not slow" not in pyproject

    # .ci/run is an executable script that calls `make test`
    code = [ln.split("#", 1)[0].strip() for ln in ci.splitlines()]
    assert any(re.fullmatch(r"(exec\s+)?make test", ln) for ln in code)
    assert ci.startswith("#!")
    assert os.access(REPO / ".ci" / "run", os.X_OK)


def test_readme_parameter_example_builds_the_report(built, tmp_path):
    """One real run of the README's front-door example, with the arguments the shell gives."""
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from test_report import readme_report_examples, shell_argv

    from dtanalysis.cli import main

    example = next(e for e in readme_report_examples() if e.startswith("make report"))
    argv = shell_argv(example)
    root, _, _ = built
    project = tmp_path / "project"  # a copy: the module's report stays as it was built
    project.mkdir()
    shutil.copy2(root / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(root / "data", project / "data")
    shutil.copytree(NOTEBOOKS_DIR, project / "notebooks", ignore=shutil.ignore_patterns("*.ipynb"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(paths.ENV_VAR, str(project))
        assert main(["report", *argv]) == 0
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "PROVINCES = [&#x27;Cà Mau&#x27;]" in index and "LANG = &#x27;vi&#x27;" in index
    page = (project / "reports" / "03-gaps-to-targets.html").read_text(encoding="utf-8")
    assert "Provinces on this page: <strong>Cà Mau</strong>" in page


def test_rebuilt_pages_are_byte_identical(built, tmp_path):
    """The pages with styled tables (notebooks 2 and 3) come out the same twice."""
    root, _, _ = built
    pages = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(paths.ENV_VAR, str(root))
        for run in ("a", "b"):
            result = build_report(
                NOTEBOOKS_DIR,
                tmp_path / run / "reports",
                build_dir=tmp_path / run / "build",
                only=["02", "03"],
            )
            pages.append({p.html.name: p.html.read_bytes() for p in result.pages})
    assert pages[0] == pages[1]
    assert b'id="T_gaps' in pages[0]["03-gaps-to-targets.html"]


# ----------------------------------------------------------------------------- JupyterLab


def test_lab_opens_py_notebooks_as_notebooks_with_the_project_kernel():
    """make lab: jupytext's notebook view is the default viewer of .py files, the
    project's kernel is installed into the environment and is the default kernel."""
    overrides = json.loads((NOTEBOOKS_DIR / ".jupyter" / "overrides.json").read_text("utf-8"))
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["python"] == "Jupytext Notebook"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "-m ipykernel install --sys-prefix --name dtanalysis" in makefile
    assert "share/jupyter/lab/settings/overrides.json" in makefile
    lab = makefile[makefile.index("\nlab:") :].split("\n\n", 1)[0]
    assert "kernel" in lab.splitlines()[1] or "lab: kernel" in lab
    assert "--MappingKernelManager.default_kernel_name=dtanalysis" in lab
    assert "--notebook-dir=notebooks" in lab
    # the old target paired every notebook with an .ipynb first: no longer needed
    assert "--set-formats" not in lab


def test_kernelspec_installs_into_the_environment(tmp_path):
    """The Makefile's kernel command writes a kernelspec running this environment's Python."""
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--prefix", str(tmp_path),
         "--name", "dtanalysis", "--display-name", "Python (dtanalysis)"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    spec = json.loads(
        (tmp_path / "share" / "jupyter" / "kernels" / "dtanalysis" / "kernel.json").read_text()
    )
    assert spec["argv"][0] == sys.executable and spec["display_name"] == "Python (dtanalysis)"


@pytest.mark.parametrize("name", EXPECTED)
def test_jupytext_round_trip_leaves_the_notebook_unchanged(name):
    """Opening a .py in JupyterLab and saving it (jupytext) writes the same text."""
    import jupytext

    path = NOTEBOOKS_DIR / f"{name}.py"
    text = path.read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.reads(text, fmt="py:percent"), fmt="py:percent") == text


# ----------------------------------------------------------------------------- notebook 5


def _ranks_frame():
    import pandas as pd

    rows = [
        # A: 10 -> 7 -> 4 comparable: up 6 since 2021
        ("province_pre2025", "A", "dti_rank", 2021, 10, 63, False, ""),
        ("province_pre2025", "A", "dti_rank", 2022, 7, 63, True, ""),
        ("province_pre2025", "A", "dti_rank", 2023, 4, 63, True, ""),
        # B: method break between 2021 and 2022, then 5 -> 9 comparable: down 4 since 2022
        ("province_pre2025", "B", "dti_rank", 2021, 1, 63, False, ""),
        ("province_pre2025", "B", "dti_rank", 2022, 5, 63, False, "method break"),
        ("province_pre2025", "B", "dti_rank", 2023, 9, 63, True, ""),
        # C: single observation; D: a 2025 unit
        ("province_pre2025", "C", "papi_rank", 2022, 3, 63, False, "first observation"),
        ("unit_2025", "D", "dti_rank", 2025, 2, 34, False, "first observation"),
    ]
    return pd.DataFrame(
        rows,
        columns=["unit_kind", "province", "indicator", "year", "rank", "ranked_set_size",
                 "comparable", "flags"],
    ).assign(period_end=lambda d: d["year"].astype(str) + "-12-31")


def test_rank_runs_follow_comparable_steps_only():
    from dtanalysis.notebook import rank_runs

    runs = rank_runs(_ranks_frame()).set_index("province")
    assert set(runs.index) == {"A", "B"}
    assert runs.loc["A", ["since", "until", "places_up", "steps"]].tolist() == [2021, 2023, 6, 2]
    assert runs.loc["B", ["since", "first_rank", "last_rank", "places_up"]].tolist() == [
        2022, 5, 9, -4
    ]


def test_rank_sentences_are_computed_and_agree_in_number():
    from dtanalysis.notebook import limits_summary, movers_summary, rank_overview, rank_runs

    ranks = _ranks_frame()
    runs = rank_runs(ranks)
    movers = movers_summary(runs, {}).data
    assert "**2** comparable runs" in movers
    assert "1 is a move up" in movers and "1 is a fall" in movers and "0 end where" in movers
    assert "A, dti_rank: up 6 places since 2021 (rank 10 to 4 of 63, 2023)" in movers
    assert "B, dti_rank: down 4 places since 2022" in movers
    overview = rank_overview(ranks).data
    assert "**8** published ranks" in overview and "**4** units" in overview
    assert "**2** series have two periods or more" in overview
    assert "**2** series are a single observation" in overview
    assert "**3** steps" in overview
    limits = limits_summary(ranks).data
    assert "1 step crosses a change" in limits
    assert "rank 34 or 63 units" in limits
    assert "1 merged unit of 2025 is ranked" in limits
    assert "2 series have one period only" in limits


def test_count_and_verb_agree():
    from dtanalysis.notebook import count, format_number, verb

    assert count(1, "series") + " " + verb(1, "has", "have") == "1 series has"
    assert count(2, "series") + " " + verb(2, "has", "have") == "2 series have"
    assert count(1, "page") == "1 page" and count(0, "page") == "0 pages"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "vi") == "1.234,5"
    assert format_number(100.0, "en", unit="percent") == "100%"
    assert format_number(1120394.0, "vi") == "1.120.394"


def test_page_provinces_without_a_comparable_run_are_named():
    from dtanalysis.notebook import page_provinces_summary, rank_runs

    text = page_provinces_summary(rank_runs(_ranks_frame()), {"x": "A", "y": "C"}, {}).data
    assert "- A, dti_rank: up 6 places since 2021" in text
    assert "- C: no two comparable ranked periods" in text


def test_screenshots_target_renders_every_page_headless_without_network():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = makefile[makefile.index("\nscreenshots:") :].split("\n\n", 1)[0]
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--user-data-dir=", "--window-size=1280,", "--screenshot="):
        assert flag in target, flag
    assert "reports/*.html" in target and "build/screenshots" in makefile
    assert "apt-get install -y chromium" in target


def test_rank_sentences_without_published_ranks():
    from dtanalysis.notebook import limits_summary, movers_summary, rank_overview, rank_runs

    empty = _ranks_frame().iloc[:0]
    assert "holds no published rank" in rank_overview(empty).data
    assert "no movement can be read" in movers_summary(rank_runs(empty), {}).data
    assert "no ranks to compare" in limits_summary(empty).data
