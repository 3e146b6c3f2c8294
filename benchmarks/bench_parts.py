"""Where the extraction's work goes, part by part, on this tree or on a commit.

Usage::

    .venv/bin/python benchmarks/bench_parts.py [--rev REV] [--mb 1] [--counter cachegrind|cpu]

Each part runs in its own child process on the same text (the raw texts repeated to
``--mb`` megabytes), after a warm-up on its first 20,000 characters:

* ``whole``: ``extract._rows`` (the per-text pipeline without the DataFrame);
* ``reading``, ``sentences``, ``names``: ``iter_mentions``, ``split_sentences``,
  ``detect_provinces`` alone (with the garbage collector paused when the tree's
  ``_rows`` pauses it, as they run inside it);
* ``no scope marks``, ``no places``, ``no sentence attribution``: ``_rows`` with
  ``places.paragraph_marks``, ``places.detect_places`` or ``_Provinces.sentence``
  replaced by nothing (a commit without them reports ``n/a``). In a tree whose
  ``dtanalysis.rows`` is compiled, its functions cannot be replaced: these parts then
  run a copy of ``rows`` from its source (``_native.source_module``), and so does
  ``whole, rows from source``, the base they are subtracted from.

What a part costs is then read as a difference: attribution and rows = whole -
reading - sentences - names; scope marks = whole (rows from source, when compiled) -
no scope marks; and so on.

``--counter cachegrind`` (the default when ``valgrind`` is installed) counts the
instructions with ``valgrind --tool=cachegrind --cache-sim=no``, minus those of the
same child on the first 100 characters (start-up, imports, warm-up): a count repeats
to within 1 %, so two commits compare without the noise of a shared machine, but it
does not see cache misses (wall-clock ratios run higher). ``--counter cpu`` reports
CPU seconds of the part (best of 3) instead. ``--rev`` measures a commit in a
detached worktree (as :mod:`bench_ab` does) with this checkout's ``.venv``.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_ab  # the worktree and corpus helpers (after the path is set)

PARTS = ("whole", "reading", "sentences", "names", "whole, rows from source", "no scope marks",
         "no places", "no sentence attribution")

# The child: runs one part on text[:n] `reps` times and prints its CPU seconds (the
# best), or "n/a" when the tree has no such part. Works on trees before and after the
# reading package.
_CHILD = r"""
import sys, time
part, corpus, n, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
text = open(corpus, encoding="utf-8").read()
import dtanalysis.extract as ex
try:
    from dtanalysis.reading.scan import iter_mentions
    from dtanalysis.reading import split_sentences
except ImportError:  # the code before the reading package
    from dtanalysis.mentions import _iter_mentions as iter_mentions, split_sentences
from dtanalysis.provinces import detect_provinces
try:  # the parts run as inside the tree's _rows: with the collector paused when it is
    from dtanalysis.reading.collector import collector_paused
except ImportError:
    collector_paused = lambda fn: fn
rows = lambda t: ex._rows(t, "b", None, None, mentions=False)
try:  # the trees with a rows module: its functions are replaced (in a source copy
    import dtanalysis.rows as target  # when it is compiled)
    from dtanalysis import _native
    compiled_rows = "dtanalysis.rows" in _native.active()
except ImportError:  # the trees before it: extract's
    target, compiled_rows = ex, False
if compiled_rows and (part.startswith("no ") or part == "whole, rows from source"):
    target = _native.source_module("dtanalysis.rows")
    rows = collector_paused(lambda t: target.text_rows(t, "b", None, None, mentions=False))
def unavailable(*names):
    return any(not hasattr(target, name) for name in names)
if part == "reading":
    run = collector_paused(lambda t: [m for m in iter_mentions(t)])
elif part == "sentences":
    run = collector_paused(split_sentences)
elif part == "names":
    run = collector_paused(detect_provinces)
else:
    run = rows
    if part == "whole, rows from source":
        if not compiled_rows: print("n/a"); raise SystemExit
    elif part == "no scope marks":
        if unavailable("paragraph_marks"): print("n/a"); raise SystemExit
        target.paragraph_marks = lambda *a: []
    elif part == "no places":
        if unavailable("detect_places"): print("n/a"); raise SystemExit
        target.detect_places = lambda *a: []
    elif part == "no sentence attribution":
        if unavailable("_Provinces"): print("n/a"); raise SystemExit
        def one_answer(self, s, e):
            self.lo = self.hi = 0; self.cur = (s, e); self.same = ("", "", "", "")
        target._Provinces.sentence = one_answer
rows(text[:20_000])
run(text[:20_000])
best = float("inf")
for _ in range(reps):
    t0 = time.process_time(); run(text[:n]); best = min(best, time.process_time() - t0)
print(best)
"""


def _child(part: str, corpus: Path, n: int, tree: Path, counter: str) -> float | None:
    """What one part costs on ``text[:n]``: instructions, or CPU seconds; None: n/a."""
    reps = 3 if counter == "cpu" else 1  # instructions: one run, no best-of
    cmd = [bench_ab.PYTHON, "-c", _CHILD, part, str(corpus), str(n), str(reps)]
    if counter == "cachegrind":
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               "--cachegrind-out-file=/dev/null", *cmd]
    env = dict(bench_ab._env(tree), OPENBLAS_NUM_THREADS="1")
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"part {part!r} failed in {tree}:\n{proc.stderr[-2000:]}")
    if proc.stdout.strip().splitlines()[-1] == "n/a":
        return None
    if counter == "cpu":
        return float(proc.stdout.strip().splitlines()[-1])
    refs = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if refs is None:  # pragma: no cover - valgrind's summary format
        raise SystemExit(f"no instruction count in valgrind's output:\n{proc.stderr[-500:]}")
    return float(refs.group(1).replace(",", ""))


def measure(tree: Path, corpus: Path, counter: str) -> dict[str, float | None]:
    """Each part's cost on the whole corpus (instructions minus a 100-character run)."""
    size = len(corpus.read_text(encoding="utf-8"))
    out: dict[str, float | None] = {}
    for part in PARTS:
        full = _child(part, corpus, size, tree, counter)
        if full is not None and counter == "cachegrind":
            base = _child(part, corpus, 100, tree, counter)
            full -= base or 0.0
        out[part] = full
    return out


def derived(costs: dict[str, float | None]) -> dict[str, float | None]:
    """The parts read as differences of the measured ones (None where one is n/a)."""
    def minus(a: str, *bs: str) -> float | None:
        vals = [costs[a], *(costs[b] for b in bs)]
        if any(v is None for v in vals):
            return None
        return vals[0] - sum(vals[1:])  # type: ignore[operator]

    base = "whole" if costs.get("whole, rows from source") is None else "whole, rows from source"
    return {
        "attribution and rows (whole - reading - sentences - names)":
            minus("whole", "reading", "sentences", "names"),
        f"attribution per sentence ({base} - no sentence attribution)":
            minus(base, "no sentence attribution"),
        f"scope marks and what they force ({base} - no scope marks)":
            minus(base, "no scope marks"),
        f"places in sentences ({base} - no places)": minus(base, "no places"),
    }


def _lines(costs: dict[str, float | None], counter: str, mb: float) -> list[str]:
    unit, scale = ("M instructions per MB", 1e-6 / mb) if counter == "cachegrind" else (
        "CPU seconds per MB", 1 / mb)
    lines = [f"{'part':<62} {unit}"]
    for name, value in [*costs.items(), *derived(costs).items()]:
        shown = "n/a" if value is None else f"{value * scale:.1f}" if counter == "cachegrind" \
            else f"{value * scale:.4f}"
        lines.append(f"{name:<62} {shown}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", help="a commit to measure instead of this tree")
    ap.add_argument("--mb", type=float, default=1.0, help="size of the text")
    ap.add_argument("--counter", choices=("cachegrind", "cpu"),
                    default="cachegrind" if shutil.which("valgrind") else "cpu")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dtanalysis-parts-") as tmp:
        work = Path(tmp)
        tree = bench_ab._checkout(args.rev, work / "tree") if args.rev else bench_ab.REPO
        try:
            corpus = work / "corpus.txt"
            bench_ab._write_corpus(corpus, args.mb)
            mb = len(corpus.read_bytes()) / 1_000_000
            costs = measure(tree, corpus, args.counter)
        finally:
            if args.rev:
                bench_ab._remove(tree)
    print(f"{args.rev or 'this tree'}: {mb:.2f} MB of text, counter {args.counter}")
    print("\n".join(_lines(costs, args.counter, mb)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
