"""Tests of dtanalysis.report with tiny synthetic notebooks in a temporary project."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dtanalysis
from dtanalysis import notebook, report
from dtanalysis.cli import main, parser
from dtanalysis.errors import DtanalysisError
from dtanalysis.report import ReportError, build_report, parse_param

NB_HEADER = """\
# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---
"""

NB_GOOD = NB_HEADER + textwrap.dedent(
    """
    # %% [markdown]
    # # First synthetic page

    # %% tags=["parameters"]
    LANG = "en"
    PROVINCES = ["Kiên Giang", "Cà Mau"]

    # %%
    import os

    import matplotlib.pyplot as plt

    from dtanalysis import paths

    print("CWD=" + os.getcwd())
    print("ROOT=" + str(paths.project_root()))
    print("LANG=" + LANG)
    print("PROVINCES=" + "|".join(PROVINCES))

    # %%
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [1, 0])
    plt.show()

    # %%
    from matplotlib.figure import Figure

    from dtanalysis.notebook import show_figure

    standalone = Figure(figsize=(2, 1))  # not registered with pyplot
    standalone.subplots().bar([0, 1], [1, 2])
    show_figure(standalone, dpi=50)
    """
)

NB_SECOND = NB_HEADER + textwrap.dedent(
    """
    # %% [markdown]
    # # Second synthetic page

    # %%
    print(sum(range(5)))
    """
)

NB_FAILING = NB_HEADER + textwrap.dedent(
    """
    # %% [markdown]
    # # Failing page

    # %%
    x = 1

    # %%
    def f():
        raise ValueError("the panel has no row for Cà Mau")


    f()

    # %%
    print("never reached")
    """
)


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A throw-away dtanalysis project (pyproject + notebooks/) in a git repository."""
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "dtanalysis"\n', encoding="utf-8")
    (root / ".gitignore").write_text("build/\nreports/\n", encoding="utf-8")
    (root / "notebooks" / "01-first.py").write_text(NB_GOOD, encoding="utf-8")
    (root / "notebooks" / "02-second.py").write_text(NB_SECOND, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "init")
    monkeypatch.setenv("DTANALYSIS_ROOT", str(root))
    monkeypatch.setenv("MPLBACKEND", "Agg")  # as the Makefile exports it
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return root


def test_full_build_from_another_directory(project):
    """Default paths come from the project root, not the cwd; pages, index and provenance."""
    sources = sorted((project / "notebooks").glob("*.py"))
    before = {p: _sha(p) for p in sources}
    head = _git(project, "rev-parse", "HEAD")

    result = build_report(timeout=120)

    reports = project / "reports"
    build = project / "build" / "notebooks"
    assert result.index == reports / "index.html"
    assert [p.html for p in result.pages] == [reports / "01-first.html", reports / "02-second.html"]
    assert [p.executed for p in result.pages] == [
        build / "01-first.ipynb",
        build / "02-second.ipynb",
    ]
    for page in result.pages:
        assert page.html.is_file() and page.executed.is_file()

    page1 = (reports / "01-first.html").read_text(encoding="utf-8")
    # the kernel ran in the build folder and resolved the same project root
    assert f"CWD={build}" in page1
    assert f"ROOT={project}" in page1
    assert "LANG=en" in page1 and "PROVINCES=Kiên Giang|Cà Mau" in page1
    # self-contained: the figure is a data URI and no script is fetched from elsewhere
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', page1)) == 2
    assert not re.search(r"<script[^>]+src=", page1)
    assert head[:10] in page1  # footer provenance

    index = result.index.read_text(encoding="utf-8")
    assert 'href="01-first.html"' in index and 'href="02-second.html"' in index
    assert "First synthetic page" in index and "Second synthetic page" in index
    assert dtanalysis.__version__ in index
    assert head in index
    assert "dirty" not in index
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", index)
    assert result.info.commit == head and result.info.dirty is False

    # the sources are untouched and no notebook appeared next to them
    assert {p: _sha(p) for p in sources} == before
    assert sorted((project / "notebooks").iterdir()) == sources
    # the executed notebooks record no timing and keep the python3 kernel
    executed = (build / "01-first.ipynb").read_text(encoding="utf-8")
    assert '"execution"' not in executed
    assert '"name": "python3"' in executed


def test_dirty_tree_and_stale_pages(project):
    (project / "notebooks" / "02-second.py").write_text(
        NB_SECOND.replace("range(5)", "range(6)"), encoding="utf-8"
    )
    stale = project / "reports" / "09-renamed.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    result = build_report(only=["02"], timeout=120)
    index = result.index.read_text(encoding="utf-8")
    assert result.info.dirty is True
    assert "dirty" in index
    assert [p.html.name for p in result.pages] == ["02-second.html"]
    assert "15" in (project / "reports" / "02-second.html").read_text(encoding="utf-8")
    # a partial build does not delete other pages
    assert stale.exists()


def test_without_git(tmp_path, monkeypatch):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    (nbdir / "01-second.py").write_text(NB_SECOND, encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = build_report(nbdir, tmp_path / "out", build_dir=tmp_path / "build", timeout=120)
    assert result.info.commit == "unknown" and result.info.dirty is None
    assert "unknown" in result.index.read_text(encoding="utf-8")
    assert "10" in result.pages[0].html.read_text(encoding="utf-8")


def test_parameters_override(project):
    result = build_report(
        only=["01"],
        parameters={"LANG": "vi", "PROVINCES": ["Hải Dương"]},
        timeout=120,
    )
    page = result.pages[0].html.read_text(encoding="utf-8")
    assert "LANG=vi" in page and "LANG=en" not in page
    assert "PROVINCES=Hải Dương" in page
    executed = result.pages[0].executed.read_text(encoding="utf-8")
    assert "injected-parameters" in executed
    # the defaults stay visible, the injected cell comes right after them
    assert executed.index('LANG = \\"en\\"') < executed.index("LANG = 'vi'")
    index = result.index.read_text(encoding="utf-8")
    assert "LANG = &#x27;vi&#x27;" in index
    # the source still holds the defaults
    assert 'LANG = "en"' in (project / "notebooks" / "01-first.py").read_text(encoding="utf-8")


def test_unknown_parameter_is_an_error(project):
    with pytest.raises(ReportError, match=r"LNAG.*known: LANG, PROVINCES"):
        build_report(parameters={"LNAG": "vi"}, timeout=120)
    assert not (project / "reports" / "index.html").exists()


def test_failing_cell_names_notebook_cell_and_error(project):
    failing = project / "notebooks" / "03-failing.py"
    failing.write_text(NB_FAILING, encoding="utf-8")
    source_line = 1 + NB_FAILING.splitlines().index("def f():") - 1  # its "# %%" marker
    with pytest.raises(ReportError) as caught:
        build_report(timeout=120)
    message = str(caught.value)
    assert isinstance(caught.value, DtanalysisError)
    assert "\n" not in message
    assert "notebooks/03-failing.py" in message
    assert f"cell 3 (line {source_line})" in message
    assert "ValueError: the panel has no row for Cà Mau" in message
    # nothing was published; the failed run is kept for inspection
    assert not (project / "reports").exists() or not list((project / "reports").iterdir())
    failed = project / "build" / "notebooks" / "03-failing.html"
    assert failed.is_file() and "the panel has no row" in failed.read_text(encoding="utf-8")


def test_cli_success_and_failure(project, capsys):
    assert main(["report", "--only", "01", "--param", "LANG=vi", "-p", 'PROVINCES=["Cà Mau"]']) == 0
    page = (project / "reports" / "01-first.html").read_text(encoding="utf-8")
    assert "LANG=vi" in page and "PROVINCES=Cà Mau" in page
    capsys.readouterr()

    (project / "notebooks" / "03-failing.py").write_text(NB_FAILING, encoding="utf-8")
    assert main(["report", "--only", "3"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("dtanalysis report: error:")
    assert "03-failing.py" in err and "cell 3" in err and "ValueError" in err

    assert main(["report", "--only", "07"]) == 1
    assert "no notebook '07'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LANG=vi", ("LANG", "vi")),
        ('LANG="vi"', ("LANG", "vi")),
        ('PROVINCES=["Cà Mau", "Hải Dương"]', ("PROVINCES", ["Cà Mau", "Hải Dương"])),
        ("N=3", ("N", 3)),
        ("X=2.5", ("X", 2.5)),
        ("FLAG=true", ("FLAG", True)),
        ("NAME=a=b", ("NAME", "a=b")),
        ("EMPTY=", ("EMPTY", "")),
    ],
)
def test_parse_param(text, expected):
    assert parse_param(text) == expected


@pytest.mark.parametrize("text", ["LANG", "=vi", "1X=2", "my-name=1"])
def test_parse_param_rejects(text):
    with pytest.raises(ReportError):
        parse_param(text)


def test_discover_notebooks(tmp_path):
    for name in ("02-b.py", "01-a.py", "10-c.py", "notes.py", "1-bad.py"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in report.discover_notebooks(tmp_path)] == [
        "01-a.py",
        "02-b.py",
        "10-c.py",
    ]
    assert [p.name for p in report.discover_notebooks(tmp_path, ["2", "01-a"])] == [
        "01-a.py",
        "02-b.py",
    ]
    with pytest.raises(ReportError, match="no notebook '3'"):
        report.discover_notebooks(tmp_path, ["3"])
    with pytest.raises(ReportError, match="no notebooks"):
        report.discover_notebooks(tmp_path / "missing")


def test_build_folder_must_differ_from_sources(tmp_path):
    (tmp_path / "01-a.py").write_text(NB_SECOND, encoding="utf-8")
    with pytest.raises(ReportError, match="must not be the notebooks' folder"):
        build_report(tmp_path, tmp_path / "out", build_dir=tmp_path)


def test_cell_timeout_is_reported(tmp_path):
    slow = NB_HEADER + "\n# %%\nimport time\n\n# %%\ntime.sleep(60)\n"
    (tmp_path / "nbs").mkdir()
    (tmp_path / "nbs" / "01-slow.py").write_text(slow, encoding="utf-8")
    line = slow.splitlines().index("time.sleep(60)")  # 1-based line of its "# %%" marker
    expected = rf"01-slow\.py: cell 2 \(line {line}\) failed: timed out after 2 s"
    with pytest.raises(ReportError, match=expected):
        build_report(tmp_path / "nbs", tmp_path / "out", build_dir=tmp_path / "b", timeout=2)


def test_error_while_showing_output_fails_the_build(tmp_path):
    """A figure whose drawing raises after the cell (inline backend) is still a failure."""
    nb = NB_HEADER + textwrap.dedent(
        """
        # %%
        import warnings

        warnings.filterwarnings("error", message=r"Glyph .* missing", category=UserWarning)

        # %%
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.set_title("\\u4e2d")  # a glyph DejaVu Sans does not have

        # %%
        print("after")
        """
    )
    (tmp_path / "nbs").mkdir()
    (tmp_path / "nbs" / "01-glyph.py").write_text(nb, encoding="utf-8")
    with pytest.raises(
        ReportError, match=r"01-glyph\.py: cell 2 .*showing its output: UserWarning: Glyph"
    ):
        build_report(tmp_path / "nbs", tmp_path / "out", build_dir=tmp_path / "b", timeout=60)
    assert not (tmp_path / "out" / "01-glyph.html").exists()


def _known():
    import pandas as pd

    return pd.DataFrame(
        {
            "province_id": ["91", "96", "30", ""],
            "province": ["Kiên Giang", "Cà Mau", "Hải Dương", ""],
        }
    )


def test_resolve_provinces_accepts_names_without_diacritics_and_codes():
    known = _known()
    assert notebook.resolve_provinces(["CÀ MAU", "kien giang", "30"], known) == {
        "96": "Cà Mau",
        "91": "Kiên Giang",
        "30": "Hải Dương",
    }
    assert notebook.resolve_provinces(["Hai  Duong"], known) == {"30": "Hải Dương"}
    expected = r"'Đắk Lắk' is not a province.*Cà Mau, Hải Dương"
    with pytest.raises(notebook.ParameterError, match=expected):
        notebook.resolve_provinces(["Đắk Lắk"], known)


def test_select_provinces_keeps_order_and_pads_codes():
    import pandas as pd

    frame = pd.DataFrame({"province_id": ["91", "1", "96", None], "v": [1, 2, 3, 4]})
    out = notebook.select_provinces(frame, ["96", "01", "91"])
    assert out["v"].tolist() == [1, 2, 3]
    assert notebook.select_provinces(frame, {"96": "Cà Mau"})["v"].tolist() == [3]


def test_evidence_table_marks_the_figure_in_its_sentence():
    import pandas as pd

    sentence = "Tỷ lệ đạt 88,03% <ghi chú> và 103/117 xã."
    s0 = 100
    figures = pd.DataFrame(
        {
            "figure_id": ["d:110-116", "d:130-137"],
            "file": ["a.txt", "a.txt"],
            "start": [110, 130],
            "end": [116, 137],
            "raw": ["88,03%", "103/117"],
            "sentence": [sentence, sentence],
            "sentence_start": [s0, s0],
        }
    )
    assert sentence[10:16] == "88,03%" and sentence[30:37] == "103/117"
    audit = pd.DataFrame({"figure_id": ["d:110-116", "missing"], "verdict": ["warning", "ok"]})
    out = notebook.evidence_table(audit, figures, ["verdict"])
    assert "<mark>88,03%</mark>" in out
    assert "&lt;ghi chú&gt;" in out and "<ghi chú>" not in out
    assert "(a.txt:110-116)" in out
    assert out.count("<tr>") == 3 and "—" in out  # header, two rows; unknown id shown as —
    panel = pd.DataFrame({"figure_ids": ["d:110-116;d:130-137"], "indicator": ["x"]})
    both = notebook.evidence_table(panel, figures, ["indicator"], max_rows=1)
    assert "<mark>88,03%</mark>" in both and "<mark>103/117</mark>" in both


NB_NEEDS_FIGURES = NB_HEADER.replace(
    "#   kernelspec:", "#   dtanalysis:\n#     requires_figures: true\n#   kernelspec:", 1
) + textwrap.dedent(
    """
    # %% [markdown]
    # # Page that shows the built figures

    # %%
    from dtanalysis import paths

    names = sorted(p.name for p in paths.figures_dir().glob("*.png"))
    assert "coverage_en.png" in names and "gap_to_target_vi.png" in names, names
    print("FIGURES=" + str(len(names)))
    """
)


def test_figures_drawn_in_background_before_the_notebook_that_needs_them(project):
    import shutil

    real = Path(__file__).resolve().parent.parent / "data" / "processed"
    shutil.copytree(real, project / "data" / "processed")
    (project / "notebooks" / "03-figures.py").write_text(NB_NEEDS_FIGURES, encoding="utf-8")
    result = build_report(timeout=300, figures=True, only=["02", "03"])
    page = (project / "reports" / "03-figures.html").read_text(encoding="utf-8")
    from dtanalysis.plots import FIGURE_NAMES

    n = 2 * len(FIGURE_NAMES)  # every figure x 2 languages (7 x 2 = 14 since the rank figures)
    assert n == 14
    assert f"FIGURES={n}" in page  # as PNG
    assert [p.html.name for p in result.pages] == ["02-second.html", "03-figures.html"]
    assert len(list((project / "figures").glob("*.pdf"))) == n


def test_failing_figure_job_fails_the_report_naming_the_step(project):
    # no data/processed in this project: drawing the figures cannot work
    expected = r"drawing the figures \(python -m dtanalysis figures\) failed: .*processed"
    with pytest.raises(ReportError, match=expected):
        build_report(timeout=120, figures=True)


def test_notebook_languages_are_the_figure_languages():
    """dtanalysis.notebook.parameters states the languages without importing matplotlib."""
    from dtanalysis.notebook.parameters import LANGUAGES
    from dtanalysis.plots.style import LANGUAGES as FIGURE_LANGUAGES

    assert LANGUAGES == FIGURE_LANGUAGES


def test_notebook_package_import_is_cheap():
    """Importing the notebook package (e.g. for its parameters) does not import pandas."""
    code = (
        "import sys, dtanalysis.notebook, dtanalysis.notebook.parameters; "
        "assert 'pandas' not in sys.modules, 'pandas'; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _executed(project: Path) -> list[str]:
    build = project / "build" / "notebooks"
    return sorted(p.name for p in build.glob("*.ipynb")) if build.is_dir() else []


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"LANG": "fr"}, r"parameter LANG: 'fr' is not a figure language \(allowed: en, vi\)"),
        ({"PROVINCES": ["Atlantis"]}, r"PROVINCES: 'Atlantis' is not one of Vietnam's 63"),
        ({"PROVINCES": ["Cà Mau"], "LANG": 1}, r"LANG: 1 is not a figure language"),
    ],
)
def test_parameter_values_are_checked_before_any_notebook_runs(project, parameters, message):
    with pytest.raises(ReportError, match=message):
        build_report(parameters=parameters, timeout=120)
    assert _executed(project) == []
    assert not (project / "reports").exists()


def test_provinces_are_checked_against_the_data_when_it_is_built(project):
    processed = project / "data" / "processed"
    processed.mkdir(parents=True)
    (processed / "panel.csv").write_text(
        "province_id,province,indicator\n91,Kiên Giang,x\n96,Cà Mau,x\n", encoding="utf-8"
    )
    # Hải Dương is a province, but not one of the data
    with pytest.raises(ReportError, match=r"'Hải Dương' is not a province of the data.*Cà Mau"):
        build_report(parameters={"PROVINCES": ["Hải Dương"]}, timeout=120)
    assert _executed(project) == []
    result = build_report(only=["01"], parameters={"PROVINCES": ["ca mau"]}, timeout=120)
    assert "PROVINCES=ca mau" in result.pages[0].html.read_text(encoding="utf-8")


def test_failed_build_leaves_the_previous_report_whole(project):
    build_report(timeout=120)
    reports = project / "reports"
    before = {p.name: p.read_bytes() for p in reports.iterdir()}
    (project / "notebooks" / "03-failing.py").write_text(NB_FAILING, encoding="utf-8")
    with pytest.raises(ReportError, match="03-failing.py: cell 3"):
        build_report(timeout=120)
    assert {p.name: p.read_bytes() for p in reports.iterdir()} == before
    # no staging folder is left beside it
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".reports")) == []


def test_full_build_replaces_the_report_folder_as_a_whole(project):
    reports = project / "reports"
    reports.mkdir()
    (reports / "09-renamed.html").write_text("old page", encoding="utf-8")
    (reports / "index.html").write_text("old index", encoding="utf-8")
    (reports / "notes.txt").write_text("a reader's notes", encoding="utf-8")
    old_inode = reports.stat().st_ino
    result = build_report(timeout=120)
    names = sorted(p.name for p in reports.iterdir())
    # pages of notebooks that no longer exist go; files that are not pages stay
    assert names == ["01-first.html", "02-second.html", "index.html", "notes.txt"]
    assert (reports / "notes.txt").read_text(encoding="utf-8") == "a reader's notes"
    assert "First synthetic page" in result.index.read_text(encoding="utf-8")
    assert reports.stat().st_ino != old_inode  # a new folder renamed into place
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".reports")) == []


def test_injected_parameters_are_readable_python_literals(project):
    result = build_report(only=["01"], parameters={"PROVINCES": ["Hải Dương"]}, timeout=120)
    nb = json.loads(result.pages[0].executed.read_text(encoding="utf-8"))
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    assert "PROVINCES = ['Hải Dương']" in "".join(injected[0]["source"])
    # papermill's timing is not kept, so executed notebooks do not vary between builds
    assert '"start_time"' not in result.pages[0].executed.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('["Cà Mau"]', ["Cà Mau"]),  # JSON, quoted for the shell
        ("[Cà Mau]", ["Cà Mau"]),  # the same typed unquoted: the shell strips the quotes
        ("Cà Mau", ["Cà Mau"]),  # one name
        ("Cà Mau,Kiên Giang", ["Cà Mau", "Kiên Giang"]),
        ("[Cà Mau, Kiên Giang]", ["Cà Mau", "Kiên Giang"]),
        ('["ca mau", "91"]', ["ca mau", "91"]),
        ("96", ["96"]),  # a code, read as a JSON number
    ],
)
def test_provinces_take_one_name_or_a_list_in_every_shell_form(value, expected):
    from dtanalysis.notebook.parameters import check_parameters

    name, parsed = parse_param(f"PROVINCES={value}")
    assert check_parameters({name: parsed}) == {"PROVINCES": expected}


@pytest.mark.parametrize("value", ["[]", "", "[Cà Mau, Atlantis]", "true", '{"a": 1}'])
def test_provinces_rejects(value):
    from dtanalysis.notebook.parameters import ParameterError, check_parameters

    with pytest.raises(ParameterError, match="PROVINCES"):
        check_parameters(dict([parse_param(f"PROVINCES={value}")]))


REPO = Path(__file__).resolve().parent.parent
_ARGV = "python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]))'"


def readme_report_examples() -> list[str]:
    """Every report command of the READMEs, as printed."""
    found = []
    for name in ("README.md", "notebooks/README.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        found += re.findall(r"make report REPORT_ARGS='[^'\n]*'", text)
        found += re.findall(r"^\S*python -m dtanalysis report\b.*$", text, flags=re.MULTILINE)
    return found


def shell_argv(example: str) -> list[str]:
    """The arguments `python -m dtanalysis report` receives when the example is typed.

    A ``make`` example is expanded by make itself (``make -n``) and the recipe line is
    split by the shell, as ``make report`` does; a direct command is split by the shell.
    """
    if example.startswith("make "):
        dry = subprocess.run(
            ["bash", "-c", example.replace("make ", f"make -n -s -C {REPO} ", 1)],
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()
        example = next(line for line in dry if "dtanalysis report" in line)
    command = re.sub(r"^\S*python\"? -m dtanalysis report", _ARGV, example.strip())
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_readme_examples_are_found():
    examples = readme_report_examples()
    assert any(e.startswith("make report REPORT_ARGS=") and "PROVINCES" in e for e in examples)
    assert len(examples) >= 3


@pytest.mark.parametrize("example", readme_report_examples())
def test_readme_parameter_examples_work_as_printed(example):
    """The arguments the shell hands over pass the report's own parsing and checks."""
    argv = shell_argv(example)
    args = parser().parse_args(["report", *argv])
    parameters = dict(parse_param(p) for p in args.param)
    values = report.check_parameters(parameters, REPO / "notebooks", only=args.only)
    if "PROVINCES" in example:
        assert values["PROVINCES"] == ["Cà Mau"]
    if "LANG=vi" in example:
        assert values["LANG"] == "vi"


def test_two_builds_give_byte_identical_pages(project, monkeypatch):
    """Stable cell ids and no build time on the pages: a rebuilt report diffs cleanly."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = build_report(timeout=120)
    pages = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build_report(timeout=120)
    again = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    assert sorted(again) == sorted(pages) and again == pages
    page = first.pages[0].html.read_text(encoding="utf-8")
    ids = re.findall(r'id="cell-id=([^"]+)"', page)
    assert ids and ids[0] == "cell-1" and len(set(ids)) == len(ids)
    # without a fixed date only the index differs (it says when the report was built)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build_report(timeout=120)
    third = {p.name: p.read_bytes() for p in (project / "reports").iterdir()}
    assert {k: v for k, v in third.items() if k != "index.html"} == {
        k: v for k, v in pages.items() if k != "index.html"
    }


# ----------------------------------------------------------------- pages that read like a report


def test_pages_fold_code_scroll_tables_and_align_cells(project):
    """The HTML itself: code in a closed <details>, tables in a scroll container, cells
    classed for alignment, the style sheet inline (no network)."""
    (project / "notebooks" / "03-table.py").write_text(NB_TABLE, encoding="utf-8")
    result = build_report(timeout=120)
    page = result.pages[-1].html.read_text(encoding="utf-8")
    folded = re.findall(r'<details class="dt-code"(\s+open)?>\s*<summary>Show code</summary>', page)
    assert folded and not any(folded), "every code cell is folded (no 'open' attribute)"
    n_code = len(re.findall(r'class="jp-Cell jp-CodeCell', page))
    assert len(folded) == n_code
    assert "In&nbsp;[" not in page  # no notebook prompts
    assert report.PAGE_CSS.strip().splitlines()[0] in page
    assert "<script src=" not in page and "<link " not in page.replace('<link rel="icon"', "")
    tables = re.findall(r"<table\b", page)
    wrapped = re.findall(r'<div class="dt-scroll"><table\b', page)
    assert tables and len(wrapped) == len(tables), "every table scrolls inside the page"
    assert "overflow-x: auto" in report.PAGE_CSS
    assert re.search(r"td\.dt-num[^{]*\{[^}]*text-align: right", report.PAGE_CSS)
    # more specific than JupyterLab's right-aligning rule
    # (:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td, specificity 0-2-1)
    assert re.search(
        r"body\.jp-Notebook \.jp-RenderedHTMLCommon td, body\.jp-Notebook "
        r"\.jp-RenderedHTMLCommon th \{\s*text-align: left",
        report.PAGE_CSS,
    )
    assert re.search(r"td\.dt-date \{ white-space: nowrap", report.PAGE_CSS)
    assert re.search(r'<td class="dt-text dt-short">Cà Mau</td>', page)
    assert re.search(r'<td class="dt-num">1234.5</td>', page)
    assert re.search(r'<td class="dt-date">2022-12-31</td>', page)


NB_TABLE = """# %% [markdown]
# # A table

# %% tags=["parameters"]
X = 1

# %%
import pandas as pd

pd.DataFrame({"province": ["Cà Mau"], "value": [1234.5], "date": ["2022-12-31"]})
"""


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("1,234.5", "dt-num"),
        ("1.234,5", "dt-num"),
        ("100%", "dt-num"),
        ("-3.2", "dt-num"),
        ("428.969–429.041", "dt-num"),
        ("—", "dt-num"),
        ("2022-12-31", "dt-date"),
        ("Cà Mau", "dt-text dt-short"),
        ("Kế hoạch 175/KH-UBND (2022)", "dt-text"),
    ],
)
def test_polish_html_classes_cells(cell, kind):
    page = report.polish_html(f'<table><tr><td class="data">{cell}</td></tr></table>')
    assert page.startswith('<div class="dt-scroll"><table>') and page.endswith("</table></div>")
    assert f'class="data {kind}"' in page


def test_polish_html_shortens_long_text_with_the_full_text_one_click_away():
    long = "Số hồ sơ trực tuyến " * 20
    page = report.polish_html(f"<table><tr><td>{long}</td></tr></table>")
    match = re.search(
        r'<td class="dt-long"><details><summary>(.*?) …</summary>(.*?)</details>', page)
    assert match, page
    assert len(match.group(1)) < report.LONG_CELL < len(long)
    assert long.startswith(match.group(1)) and match.group(2) == long
    # text outside tables is left alone
    assert report.polish_html(f"<p>{long}</p>") == f"<p>{long}</p>"


def test_polish_html_right_aligns_the_headers_of_number_columns():
    page = report.polish_html(
        "<table><thead><tr><th>province</th><th>value</th></tr></thead><tbody>"
        "<tr><td>Cà Mau</td><td>1.5</td></tr><tr><td>Huế</td><td>—</td></tr></tbody></table>"
    )
    assert '<th>province</th><th class="dt-num">value</th>' in page


def test_polish_html_a_year_in_a_date_column_is_a_date():
    page = report.polish_html(
        "<table><thead><tr><th>date</th><th>n</th></tr></thead><tbody>"
        "<tr><td>2023-02-10</td><td>1</td></tr><tr><td>2023</td><td>2</td></tr></tbody></table>"
    )
    assert '<td class="dt-date">2023</td>' in page and '<td class="dt-num">2</td>' in page
    assert '<th>date</th><th class="dt-num">n</th>' in page


def test_reading_the_notebooks_compiles_no_iri_grammar(project_root):
    """In the command line's process, nbformat's jsonschema is imported without
    rfc3987_syntax's 38 lark grammars; called from a session, the report leaves the
    session's modules alone."""
    session = "assert 'rfc3987_syntax' not in sys.modules or sys.modules['rfc3987_syntax']\n"
    command = (
        "assert 'jsonschema' in sys.modules and 'nbformat' in sys.modules\n"
        "assert 'lark' not in sys.modules, 'lark imported'\n"
        "import nbformat, pathlib, jupytext\n"
        "nb = jupytext.read(sorted(pathlib.Path('notebooks').glob('0*.py'))[0])\n"
        "nbformat.validate(nb)\n"
    )
    env = {**os.environ, "DTANALYSIS_ROOT": str(project_root)}
    # the second as dtanalysis.cli's report command runs: without_iri_grammars() first
    for first, then in (("", session), ("without_iri_grammars()\n", command)):
        code = ("import sys\n"
                "from dtanalysis.report import check_parameters, without_iri_grammars\n"
                f"{first}check_parameters({{'LANG': 'vi'}})\n{then}")
        subprocess.run([sys.executable, "-c", code], check=True, cwd=project_root, env=env)
