"""The benchmark scripts stay runnable (their timings are not tested)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_report_benchmark_times_the_makefile_recipe():
    bench = _load("bench_report")
    build, report = bench._make_report_commands("PY")
    assert build[:3] == ["PY", "-m", "dtanalysis"] and report[:3] == ["PY", "-m", "dtanalysis"]
    assert not any("$(" in part for part in build + report)
    assert build[3] == "build" and report[3] == "report"


def test_ab_benchmark_reads_each_commits_own_recipe_and_reports_new_over_old():
    bench = _load("bench_ab")
    cmds = bench._report_commands(ROOT)
    assert [c[2:4] for c in cmds] == [["dtanalysis", "build"], ["dtanalysis", "report"]]
    assert all(c[0] == bench.PYTHON and not any("$(" in p for p in c) for c in cmds)
    turns = {"old": [{"ratio": 10.0}, {"ratio": 12.0}, {"ratio": 11.0}],
             "new": [{"ratio": 9.0}, {"ratio": 13.0}, {"ratio": 9.9}]}
    (line,) = bench._summary("extract", turns)[1:]
    assert "old 11.000, new 9.900, new/old 0.900" in line


_ORPHAN_CPU = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import bench_ab
adopt = sys.argv[2] == "adopt"
if adopt:
    assert bench_ab.become_subreaper()
busy = ("import time\nt = time.process_time()\n"
        "while time.process_time() - t < 0.5:\n    pass\n")
# the command starts a process that burns 0.5 s of CPU and exits without waiting for it
leave = f"import subprocess, sys; subprocess.Popen([sys.executable, '-c', {busy!r}])"
wall, cpu = bench_ab._run_rusage([sys.executable, "-c", leave], Path(sys.argv[3]))
print(cpu)
"""


def test_ab_benchmark_counts_the_cpu_of_processes_a_command_leaves_behind(tmp_path):
    import subprocess

    def cpu(mode):
        out = subprocess.run(
            [sys.executable, "-c", _ORPHAN_CPU, str(ROOT / "benchmarks"), mode, str(ROOT)],
            check=True, capture_output=True, text=True,
        ).stdout
        return float(out.strip().splitlines()[-1])

    assert cpu("adopt") >= 0.5  # the orphan adopted, waited for and counted
    assert cpu("plain") < 0.5  # re-parented to init: os.wait4 never sees it


def test_ab_benchmark_texts_only_removes_the_published_statistics(tmp_path):
    bench = _load("bench_ab")
    folder = tmp_path / "data" / "observations"
    folder.mkdir(parents=True)
    for name in ("README.md", "b.csv", "a.csv"):
        (folder / name).write_text("x", encoding="utf-8")
    assert bench.texts_only(tmp_path) == ["a.csv", "b.csv"]
    assert [p.name for p in folder.iterdir()] == ["README.md"]
    assert bench.texts_only(tmp_path / "elsewhere") == []


def test_parts_benchmark_runs_every_part_on_this_tree_and_reads_the_differences(tmp_path):
    bench = _load("bench_parts")
    corpus = tmp_path / "corpus.txt"
    bench.bench_ab._write_corpus(corpus, 0.01)
    costs = bench.measure(ROOT, corpus, "cpu")
    # every part exists in this tree (a renamed function would report n/a); the base of
    # the replaced parts is a source copy of rows only when rows is compiled
    from dtanalysis import _native

    compiled = "dtanalysis.rows" in _native.active()
    assert set(costs) == set(bench.PARTS)
    assert (costs.pop("whole, rows from source") is not None) == compiled
    assert all(v is not None and v > 0 for v in costs.values())
    fake = {"whole": 10.0, "reading": 5.0, "sentences": 1.0, "names": 1.5,
            "no scope marks": 9.0, "no places": 9.5, "no sentence attribution": None}
    got = bench.derived(fake)
    assert got["attribution and rows (whole - reading - sentences - names)"] == 2.5
    assert got["scope marks and what they force (whole - no scope marks)"] == 1.0
    assert got["attribution per sentence (whole - no sentence attribution)"] is None
    assert "n/a" in bench._lines(fake, "cpu", 1.0)[-3]
    fake["whole, rows from source"] = 12.0  # the replaced parts then subtract from it
    got = bench.derived(fake)
    assert got["scope marks and what they force (whole, rows from source - no scope marks)"] == 3.0
    assert got["attribution and rows (whole - reading - sentences - names)"] == 2.5
