"""Notebooks executed two at a time, and figures not drawn again when up to date.

Tiny synthetic notebooks in a throw-away project (as in ``test_report.py``): a build
with ``jobs=2`` gives the pages, the index and the progress lines of a serial build; a
failure in one of two notebooks running at the same time names its notebook and cell
and leaves ``reports/`` as it was; the error raised is the first in notebook order. The
figure job is replaced by a small script that writes one file and counts its runs.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from dtanalysis import report
from dtanalysis.report import ReportError, build_report

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


def _page(title: str, body: str) -> str:
    return NB_HEADER + textwrap.dedent(
        f"""
        # %% [markdown]
        # # {title}

        # %% tags=["parameters"]
        LANG = "en"

        # %%
        """
    ) + textwrap.dedent(body)


#: Records when the cell ran (start and end, in ``<root>/times/NAME``), shown nowhere.
TIMED = """\
    import os
    import time
    from pathlib import Path

    start = time.time()
    time.sleep({seconds})
    times = Path(os.environ["DTANALYSIS_ROOT"]) / "times"
    times.mkdir(exist_ok=True)
    (times / "{name}").write_text(f"{{start}} {{time.time()}}", encoding="utf-8")
"""
NB_SLOW = _page("Slow page", TIMED.format(seconds=2.5, name="01") + """\
    print("LANG=" + LANG)
    """)
NB_TABLE = _page("Table page", TIMED.format(seconds=0.5, name="02") + """\
    import pandas as pd

    pd.DataFrame({"province": ["Cà Mau", "Hải Dương"], "share": [0.25, 0.5]})
    """)
NB_QUICK = _page("Quick page", """\
    print(sum(range(10)))
    """)
NB_FAILS_AT_ONCE = _page("Failing page", """\
    x = 1

    # %%
    raise KeyError("no such indicator")
    """)
NB_FAILS_LATER = _page("Slowly failing page", """\
    import time

    time.sleep(2)
    raise ValueError("the panel has no row for Cà Mau")
    """)
NB_NEEDS_FIGURES = NB_HEADER.replace(
    "#   kernelspec:", "#   dtanalysis:\n#     requires_figures: true\n#   kernelspec:", 1
) + textwrap.dedent(
    """
    # %% [markdown]
    # # Page that shows the figures

    # %%
    from dtanalysis import paths

    print("FIGURE=" + (paths.figures_dir() / "figure.txt").read_text(encoding="utf-8"))
    """
)

#: Stands in for ``python -m dtanalysis figures``: writes figures/figure.txt from
#: data/processed/table.csv and counts its runs in runs.txt.
FAKE_FIGURES = (
    "-c",
    (
        "from pathlib import Path\n"
        "data = Path('data/processed/table.csv').read_text(encoding='utf-8')\n"
        "Path('figures').mkdir(exist_ok=True)\n"
        "Path('figures/figure.txt').write_text(data.strip(), encoding='utf-8')\n"
        "with open('runs.txt', 'a', encoding='utf-8') as fh:\n"
        "    fh.write('run\\n')\n"
        "print('wrote 1 figure file in figures')\n"
    ),
)


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True, text=True, check=True,
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A throw-away project with three notebooks, in a git repository."""
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "dtanalysis"\n', encoding="utf-8")
    (root / ".gitignore").write_text("build/\nreports/\ntimes/\n", encoding="utf-8")
    for name, text in (("01-slow", NB_SLOW), ("02-table", NB_TABLE), ("03-quick", NB_QUICK)):
        (root / "notebooks" / f"{name}.py").write_text(text, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "init")
    monkeypatch.setenv("DTANALYSIS_ROOT", str(root))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return root


def _pages(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "reports").iterdir())}


def _lines(out: str) -> list[str]:
    """Progress lines with the seconds masked."""
    return [re.sub(r"done in [0-9.]+ s", "done in N s", line) for line in out.splitlines()]


def _ran_together(root: Path) -> bool:
    """Whether notebook 2's timed cell started before notebook 1's ended."""
    (_, end_1), (start_2, _) = (
        map(float, (root / "times" / name).read_text(encoding="utf-8").split())
        for name in ("01", "02")
    )
    return start_2 < end_1


def test_two_at_a_time_gives_the_serial_pages_index_and_progress(project, capsys):
    serial = build_report(timeout=120, jobs=1, progress=True)
    serial_out = _lines(capsys.readouterr().out)
    serial_pages = _pages(project)
    assert _ran_together(project) is False
    parallel = build_report(timeout=120, jobs=2, progress=True)
    parallel_out = _lines(capsys.readouterr().out)
    # notebook 1 sleeps: notebook 2 ran meanwhile, in a kernel of its own
    assert _ran_together(project) is True
    assert _pages(project) == serial_pages
    assert sorted(serial_pages) == ["01-slow.html", "02-table.html", "03-quick.html", "index.html"]
    assert [p.source.name for p in parallel.pages] == [p.source.name for p in serial.pages]
    assert parallel_out == serial_out
    assert serial_out[0] == "executing notebooks/01-slow.py ..."
    assert [ln for ln in serial_out if ln.startswith("executing")] == [
        f"executing notebooks/{n}.py ..." for n in ("01-slow", "02-table", "03-quick")
    ]
    executed = project / "build" / "notebooks"
    assert sorted(p.name for p in executed.glob("*.ipynb")) == [
        "01-slow.ipynb", "02-table.ipynb", "03-quick.ipynb"
    ]


def test_the_worker_threads_leave_no_open_event_loop(project):
    # each worker thread runs its kernel through an asyncio event loop of its own
    # (jupyter_core's run_sync); one left open is found by the garbage collector later,
    # in whatever test runs then, as "unclosed <socket.socket ...>" (its self-pipe)
    import gc
    import sys
    import warnings

    build_report(timeout=120, jobs=2)
    caught = []
    hook = sys.unraisablehook
    sys.unraisablehook = caught.append
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResourceWarning)
            gc.collect()  # a socket of an unclosed loop warns in its __del__
    finally:
        sys.unraisablehook = hook
    assert [str(u.exc_value) for u in caught if isinstance(u.exc_value, ResourceWarning)] == []


def test_a_failure_beside_a_running_notebook_names_it_and_keeps_the_report(project):
    build_report(timeout=120, jobs=2)
    before = _pages(project)
    failing = project / "notebooks" / "02-failing.py"
    failing.write_text(NB_FAILS_AT_ONCE, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        build_report(timeout=120, jobs=2)  # 01 sleeps while 02 fails
    message = str(caught.value)
    assert message.startswith("notebooks/02-failing.py: cell 4 (line ")
    assert "KeyError: 'no such indicator'" in message and "\n" not in message
    assert _pages(project) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".reports")] == []
    saved = project / "build" / "notebooks" / "02-failing.html"
    assert "no such indicator" in saved.read_text(encoding="utf-8")


def test_the_first_failure_in_notebook_order_is_raised(project, capsys):
    (project / "notebooks" / "01-slow.py").write_text(NB_FAILS_LATER, encoding="utf-8")
    (project / "notebooks" / "02-table.py").write_text(NB_FAILS_AT_ONCE, encoding="utf-8")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(ReportError) as caught:
            build_report(timeout=120, jobs=jobs, progress=True)
        errors.append((str(caught.value), _lines(capsys.readouterr().out)))
    # 02 fails first in time, but 01 is first in notebook order, as in a serial build
    assert errors[0] == errors[1]
    message, lines = errors[1]
    assert message.startswith("notebooks/01-slow.py: cell 3 (line ")
    assert "ValueError: the panel has no row for Cà Mau" in message
    assert lines == ["executing notebooks/01-slow.py ..."]
    assert not (project / "reports").exists()


def _with_fake_figures(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(report._FigureJob, "COMMAND", FAKE_FIGURES)
    (project / "data" / "processed").mkdir(parents=True)
    (project / "data" / "processed" / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (project / "notebooks" / "04-figures.py").write_text(NB_NEEDS_FIGURES, encoding="utf-8")


def _runs(project: Path) -> int:
    runs = project / "runs.txt"
    return len(runs.read_text(encoding="utf-8").splitlines()) if runs.exists() else 0


def test_figures_are_drawn_again_only_when_an_input_or_a_file_changed(project, monkeypatch, capsys):
    _with_fake_figures(project, monkeypatch)
    build_report(timeout=120, figures=True, jobs=2, progress=True)
    first = capsys.readouterr().out.splitlines()
    assert _runs(project) == 1
    assert first.index("waiting for the figures (python -m dtanalysis figures) ...") == (
        first.index("executing notebooks/04-figures.py ...") - 2
    )
    assert "  wrote 1 figure file in figures" in first
    page = (project / "reports" / "04-figures.html").read_text(encoding="utf-8")
    assert "FIGURE=a,b" in page

    build_report(timeout=120, figures=True, jobs=2, progress=True)
    second = capsys.readouterr().out.splitlines()
    assert _runs(project) == 1  # same inputs, same files: not drawn again
    assert "figures up to date (1 file in figures/, drawn from the same inputs by an earlier " \
        "build)" in second
    assert (project / "reports" / "04-figures.html").read_text(encoding="utf-8") == page

    (project / "figures" / "figure.txt").write_text("edited", encoding="utf-8")
    build_report(timeout=120, figures=True, jobs=1)
    assert _runs(project) == 2  # a figure file was edited: drawn again
    assert (project / "figures" / "figure.txt").read_text(encoding="utf-8") == "a,b\n1,2"

    (project / "data" / "processed" / "table.csv").write_text("a,b\n3,4\n", encoding="utf-8")
    build_report(timeout=120, figures=True, jobs=2)
    assert _runs(project) == 3  # an input changed: drawn again
    assert "FIGURE=a,b\n3,4" in (project / "reports" / "04-figures.html").read_text(
        encoding="utf-8"
    ).replace("<br>", "\n")


def test_a_failed_figure_job_leaves_no_stamp(project, monkeypatch):
    _with_fake_figures(project, monkeypatch)
    build_report(timeout=120, figures=True)
    stamp = project / "build" / "figures.json"
    assert stamp.is_file()
    monkeypatch.setattr(report._FigureJob, "COMMAND", ("-c", "raise SystemExit('no tables')"))
    (project / "data" / "processed" / "table.csv").write_text("changed\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"drawing the figures .* failed: no tables"):
        build_report(timeout=120, figures=True, jobs=2)
    assert not stamp.exists()


def test_the_figure_key_follows_the_package_the_data_and_the_settings(project, monkeypatch):
    key = report._figure_inputs_key(project)
    assert report._figure_inputs_key(project) == key
    (project / "data").mkdir()
    (project / "data" / "observations.csv").write_text("x\n1\n", encoding="utf-8")
    with_data = report._figure_inputs_key(project)
    assert with_data != key
    (project / "matplotlibrc").write_text("font.size: 20\n", encoding="utf-8")
    assert report._figure_inputs_key(project) not in {key, with_data}
    monkeypatch.setattr(report, "_FIGURE_LIBRARIES", ("matplotlib",))
    assert report._figure_inputs_key(project) not in {key, with_data}


def test_the_figure_job_starts_before_the_notebooks_are_read(project, monkeypatch):
    _with_fake_figures(project, monkeypatch)
    order: list[str] = []
    jobs: list[report._FigureJob] = []
    real_job, real_prepare = report._FigureJob.__init__, report._prepare

    def job(self, *args, **kwargs):
        order.append("figures")
        jobs.append(self)
        real_job(self, *args, **kwargs)

    def prepare(*args, **kwargs):
        order.append("prepare")
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(report._FigureJob, "__init__", job)
    monkeypatch.setattr(report, "_prepare", prepare)
    build_report(timeout=120, figures=True, jobs=2)
    assert order[0] == "figures" and order.count("prepare") == 4
    assert _runs(project) == 1

    # a build refused before any notebook runs stops the job it started
    (project / "figures" / "figure.txt").unlink()
    order.clear()
    with pytest.raises(ReportError, match=r"parameter NO_SUCH_NAME is not set"):
        build_report(timeout=120, figures=True, parameters={"NO_SUCH_NAME": 1})
    assert order[0] == "figures"
    assert jobs[-1]._proc is not None and jobs[-1]._proc.poll() is not None
    assert jobs[-1]._log.closed
    assert not (project / "build" / "figures.json").exists()
