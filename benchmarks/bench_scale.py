"""Streaming extraction at scale: throughput and peak memory at 10 MB, 100 MB (and 1 GB).

Usage::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10,100] [--big] [--jobs 2] [--write]

For each size, a folder of generated text files (the raw corpus texts repeated, about
100 KB per file, so 10 MB is 100 files and 1 GB 10,000) is written to a temporary
folder, and ``python -m dtanalysis extract FOLDER --out F --mentions M`` runs in a
child process, once with ``--jobs 1`` and once with ``--jobs N``. Measured:

* wall-clock time and throughput (MB of UTF-8 input per second);
* peak resident memory (``ru_maxrss`` of the command, from ``os.wait4``; with
  ``--jobs N`` it is the largest single process, the workers each hold one file);
* the *floor*, measured in the same run on the same files: reading every file and
  finding its digit runs with ``re.compile(r"\\d+").findall``; the ratio
  extract/floor is the figure the issue bounds (8.1x);
* the speed-up of ``--jobs N`` over ``--jobs 1``.

``--big`` adds the 1 GB corpus (about 10 minutes per run on 2 cores). ``--write``
appends a dated section to ``benchmarks/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

FILE_BYTES = 100_000


def _unit() -> str:
    try:
        from dtanalysis.corpus import load_corpus

        texts = [d.text for d in load_corpus()]
    except Exception:  # noqa: BLE001 - fall back to the shared copy
        from dtanalysis.text import read_text

        texts = [read_text(p) for p in sorted(Path("/work/shared/raw").glob("0*.txt"))]
    return "\n".join(texts) + "\n"


def make_corpus(folder: Path, mb: float) -> tuple[int, int]:
    """Write ``mb`` megabytes of text as files of about 100 KB; (files, bytes)."""
    unit = _unit()
    body = unit * (FILE_BYTES // len(unit.encode("utf-8")) + 1)
    data = body.encode("utf-8")
    n = max(1, int(mb * 1_000_000 // len(data)))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:05d}.txt").write_bytes(data)
    return n, n * len(data)


def floor_seconds(folder: Path) -> float:
    """Read every file and find its digit runs: the floor the ratio is against."""
    digits = re.compile(r"\d+")
    t0 = time.perf_counter()
    for f in sorted(folder.glob("*.txt")):
        digits.findall(f.read_bytes().decode("utf-8"))
    return time.perf_counter() - t0


def run_extract(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak MB) of one ``extract`` run in a child process."""
    env = dict(os.environ, DTANALYSIS_ROOT=str(ROOT), PYTHONHASHSEED="0")
    cmd = [sys.executable, "-m", "dtanalysis", "extract", str(folder),
           "--out", str(out / "figures.csv"), "--mentions", str(out / "mentions.csv"),
           "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"extract failed: {err}")
    return seconds, usage.ru_maxrss / 1024


def measure(mb: float, jobs: int, work: Path, serial: bool = True) -> dict:
    folder = work / f"corpus{mb:g}"
    n_files, n_bytes = make_corpus(folder, mb)
    floor = floor_seconds(folder)
    res = {"mb": n_bytes / 1e6, "files": n_files, "floor": floor}
    if not serial:  # the parallel run only (the 1 GB corpus on a loaded machine)
        out = work / f"out{mb:g}-{jobs}"
        out.mkdir(exist_ok=True)
        res[f"s{jobs}"], res[f"rss{jobs}"] = run_extract(folder, out, jobs)
        res["s1"] = res["rss1"] = float("nan")
        res["identical"] = None
        shutil.rmtree(folder)
        shutil.rmtree(out)
        return res
    for j in (1, jobs):
        out = work / f"out{mb:g}-{j}"
        out.mkdir(exist_ok=True)
        res[f"s{j}"], res[f"rss{j}"] = run_extract(folder, out, j)
        res[f"out{j}"] = sum(p.stat().st_size for p in out.iterdir()) / 1e6
    same = all(
        (work / f"out{mb:g}-1" / n).read_bytes() == (work / f"out{mb:g}-{jobs}" / n).read_bytes()
        for n in ("figures.csv", "mentions.csv")
    )
    res["identical"] = same
    shutil.rmtree(folder)
    for j in (1, jobs):
        shutil.rmtree(work / f"out{mb:g}-{j}")
    return res


def report(results: list[dict], jobs: int) -> str:
    load = os.getloadavg()[0]
    lines = [
        f"### {dt.date.today().isoformat()}: streaming extract at scale (issue 11, item 13)",
        "",
        (f"`benchmarks/bench_scale.py`; {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, 1-minute load {load:.1f} at the end. Generated "
        "corpus: the raw texts repeated, about 100 KB per file; `extract DIR --out --mentions`."),
        "",
        ("| input | files | floor | --jobs 1 | x floor | peak RSS | "
        f"--jobs {jobs} | x floor | peak RSS (largest process) | speed-up | same bytes |"),
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r['mb']:.0f} MB | {r['files']} | {r['floor']:.2f} s | {r['s1']:.1f} s "
            f"({r['mb'] / r['s1']:.1f} MB/s) | {r['s1'] / r['floor']:.1f}x | {r['rss1']:.0f} MB | "
            f"{r[f's{jobs}']:.1f} s | {r[f's{jobs}'] / r['floor']:.1f}x | "
            f"{r[f'rss{jobs}']:.0f} MB | {r['s1'] / r[f's{jobs}']:.2f}x | "
            f"{ {True: 'yes', False: 'NO', None: 'not run'}[r['identical']]} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100", help="corpus sizes in MB (comma-separated)")
    ap.add_argument("--big", action="store_true", help="also 1 GB (about 10 minutes a run)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--big-parallel-only", action="store_true",
                    help="for 1 GB, run only --jobs N (no serial run, no byte comparison)")
    ap.add_argument("--write", action="store_true", help="append the results to RESULTS.md")
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s] + ([1000.0] if args.big else [])
    results = []
    with tempfile.TemporaryDirectory(prefix="dtanalysis-scale-") as tmp:
        for mb in sizes:
            serial = not (args.big_parallel_only and mb >= 1000)
            results.append(measure(mb, args.jobs, Path(tmp), serial))
            print(results[-1], flush=True)
    text = report(results, args.jobs)
    print(text)
    if args.write:
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
