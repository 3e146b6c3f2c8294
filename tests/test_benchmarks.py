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
