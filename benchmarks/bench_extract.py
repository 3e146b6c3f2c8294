"""Extraction throughput on >= 10 MB of Vietnamese text, next to a regex floor.

Usage::

    .venv/bin/python benchmarks/bench_extract.py [--mb 10] [--repeat 3] [--runs 3] [--write]

The corpus is the five raw texts repeated until it reaches ``--mb`` megabytes of
UTF-8. The *floor* is one compiled regular expression that only finds digit runs
(``re.compile(r"\\d+")`` with ``findall``) over the same text, measured in the same
run; the ratio says how many times slower a step is than merely locating the
digits. Two numbers answer the issue's aim (within 10x of the floor):

* ``extract_mentions``: every digit-bearing token found and typed;
* ``extract_figures``: the full per-text pipeline, i.e. mentions, sentence
  splitting, province detection and attribution, and the figures DataFrame.

The components (sentences, provinces) are listed too. Each step is timed ``--repeat``
times per run (best kept, wall clock); the whole measurement is done ``--runs``
times and the median ratio of the runs is reported, with the load average of the
machine (a shared machine makes single runs noisy). ``--write`` updates
``benchmarks/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from dtanalysis.extract import extract_figures
from dtanalysis.places import detect_domains, detect_places
from dtanalysis.provinces import detect_provinces
from dtanalysis.reading import extract_mentions, split_sentences


def _raw_texts() -> list[str]:
    try:
        from dtanalysis.corpus import load_corpus

        return [d.text for d in load_corpus()]
    except Exception:  # noqa: BLE001 - fall back to the shared copy
        from dtanalysis.text import read_text

        return [read_text(p) for p in sorted(Path("/work/shared/raw").glob("0*.txt"))]


def build_corpus(mb: float) -> str:
    """Repeat the raw texts until the UTF-8 size reaches ``mb`` megabytes."""
    unit = "\n".join(_raw_texts()) + "\n"
    size = len(unit.encode("utf-8"))
    reps = int(mb * 1_000_000 // size) + 1
    return unit * reps


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Shortest wall-clock time of ``repeat`` calls."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


STEPS = (
    "floor: re.compile(r'\\d+').findall",
    "extract_mentions (every digit typed)",
    "split_sentences",
    "detect_provinces",
    "extract_figures (full pipeline: mentions + sentences + provinces + table)",
    "detect_places + detect_domains (part of the pipeline)",
)


def measure(text: str, repeat: int) -> dict[str, float]:
    """Seconds per step (best of ``repeat``) for one run."""
    digits = re.compile(r"\d+")
    extract_figures(text[:10_000], "warm-up")  # imports pandas outside the timing
    return {
        STEPS[0]: best_of(lambda: digits.findall(text), repeat),
        STEPS[1]: best_of(lambda: extract_mentions(text), repeat),
        STEPS[2]: best_of(lambda: split_sentences(text), repeat),
        STEPS[3]: best_of(lambda: detect_provinces(text), repeat),
        STEPS[4]: best_of(lambda: extract_figures(text, "bench"), repeat),
        STEPS[5]: best_of(lambda: (detect_places(text), detect_domains(text)), repeat),
    }


def _reading_build() -> str:
    """Whether the reading modules ran compiled (dtanalysis/_native.py) or as source."""
    from dtanalysis import _native

    served = _native.active()
    return f"compiled with mypyc ({len(served)} modules)" if served else "source (not compiled)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3, help="timings per step and run (best kept)")
    ap.add_argument("--runs", type=int, default=3, help="whole measurements (median reported)")
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args(argv)

    text = build_corpus(args.mb)
    mb = len(text.encode("utf-8")) / 1_000_000
    n_mentions = len(extract_mentions(text))
    runs: list[dict[str, float]] = []
    loads: list[float] = []
    for i in range(args.runs):
        loads.append(os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))
        r = measure(text, args.repeat)
        runs.append(r)
        floor = r[STEPS[0]]
        print(
            f"run {i + 1}: floor {floor:.3f} s, extract_mentions {r[STEPS[1]] / floor:.1f}x, "
            f"extract_figures {r[STEPS[4]] / floor:.1f}x (load {loads[-1]:.2f})",
            file=sys.stderr,
        )
    ratios = {k: statistics.median(r[k] / r[STEPS[0]] for r in runs) for k in STEPS}
    secs = {k: statistics.median(r[k] for r in runs) for k in STEPS}
    lines = [
        (
            f"corpus: {mb:.1f} MB UTF-8 ({len(text):,} characters, {n_mentions:,} mentions); "
            f"{args.runs} runs, each step best of {args.repeat} per run, medians over runs; "
            f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
            f"1-minute load average at the runs: {', '.join(f'{x:.2f}' for x in loads)}; "
            f"reading modules: {_reading_build()}"
        ),
        "",
        "| step | seconds | MB/s | × floor |",
        "|---|---:|---:|---:|",
    ]
    for name in STEPS:
        lines.append(f"| {name} | {secs[name]:.3f} | {mb / secs[name]:.1f} | {ratios[name]:.1f} |")
    lines += [
        "",
        "× floor per run: extract_mentions "
        + ", ".join(f"{r[STEPS[1]] / r[STEPS[0]]:.1f}" for r in runs)
        + "; extract_figures "
        + ", ".join(f"{r[STEPS[4]] / r[STEPS[0]]:.1f}" for r in runs),
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        out = HERE / "RESULTS.md"
        # a hand-written "## Notes" section (history, caveats) survives rewrites
        old = out.read_text(encoding="utf-8") if out.exists() else ""
        notes = old[old.index("\n## Notes"):] if "\n## Notes" in old else ""
        out.write_text(
            "# Extraction benchmark\n\n"
            "Produced by `.venv/bin/python benchmarks/bench_extract.py --write` (numbers depend on "
            "the machine; the ratio to the floor, measured in the same run, is the comparable "
            "figure; target: within 10× of the floor for extraction).\n\n" + report + "\n" + notes,
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
