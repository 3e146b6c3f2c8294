"""Extraction throughput on >= 10 MB of Vietnamese text, next to a regex floor.

Usage::

    .venv/bin/python benchmarks/bench_extract.py [--mb 10] [--repeat 3] [--write]

The corpus is the five raw texts repeated until it reaches ``--mb`` megabytes of
UTF-8. The *floor* is one compiled regular expression that only finds digit runs
(``re.compile(r"\\d+")`` with ``findall``) over the same text, measured in the same
run; the ratio says how many times slower the full extraction is than merely
locating the digits. Best of ``--repeat`` runs is reported. ``--write`` updates
``benchmarks/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from dtanalysis.mentions import extract_mentions, split_sentences
from dtanalysis.provinces import detect_provinces


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


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = ap.parse_args(argv)

    text = build_corpus(args.mb)
    mb = len(text.encode("utf-8")) / 1_000_000
    digits = re.compile(r"\d+")
    t_floor = best_of(lambda: digits.findall(text), args.repeat)
    n_mentions = len(extract_mentions(text))
    t_mentions = best_of(lambda: extract_mentions(text), args.repeat)

    def full() -> None:
        extract_mentions(text)
        split_sentences(text)
        detect_provinces(text)

    t_full = best_of(full, args.repeat)
    rows = [
        ("floor: re.compile(r'\\d+').findall", t_floor),
        ("extract_mentions (every digit typed)", t_mentions),
        ("extract_mentions + split_sentences + detect_provinces", t_full),
    ]
    lines = [
        (
            f"corpus: {mb:.1f} MB UTF-8 ({len(text):,} characters, {n_mentions:,} mentions), "
            f"best of {args.repeat}; Python {platform.python_version()} on {platform.machine()}"
        ),
        "",
        "| step | seconds | MB/s | × floor |",
        "|---|---:|---:|---:|",
    ]
    for name, t in rows:
        lines.append(f"| {name} | {t:.3f} | {mb / t:.1f} | {t / t_floor:.1f} |")
    report = "\n".join(lines)
    print(report)
    if args.write:
        (HERE / "RESULTS.md").write_text(
            "# Extraction benchmark\n\n"
            "Produced by `.venv/bin/python benchmarks/bench_extract.py --write` (numbers depend on the "
            "machine; the ratio to the floor, measured in the same run, is the comparable figure; "
            "target: within 10× of the floor).\n\n" + report + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
