"""Before/after: the same measurement on two commits, alternated in one session.

Usage::

    .venv/bin/python benchmarks/bench_ab.py OLD [--new REV] [--what extract,report] [--pairs 3]

The ratios of :mod:`bench_extract` and :mod:`bench_report` are against a floor measured
in the same run, but on a shared virtual machine even the floor moves from one hour to
the next (the same code measured 8.2x one day and 10.4x another). To say whether a
change made things slower, this script checks out both commits (``git worktree add
--detach`` into a temporary folder, so the checkout is not touched) and measures them
in turns, old, new, new, old, ... so that both see the same machine:

* ``extract``: in a child process per turn, the floor (``re.compile(r"\\d+").findall``)
  and ``extract_figures`` on the same 10 MB of text (the raw texts repeated), best of
  3 each; the ratio to the floor and the seconds are reported, in wall-clock and in CPU
  time of the process (``cpu_ratio``, ``cpu_seconds``: steadier on a shared machine);
* ``report``: the two commands of the Makefile's ``report`` recipe, run in the
  commit's checkout (``build --no-figures``, then ``report --figures``): wall-clock
  and CPU seconds (the command and every process it waited for, kernels included).
  Since the report skips figures drawn from the same inputs (``build/figures.json``),
  a commit's later turns find them up to date; ``--cold`` removes that stamp before
  every turn, so that the figures are drawn each time. ``--inputs texts`` builds both
  commits from the same input, the five raw texts: the published statistics
  (``data/observations/*.csv``, which commits before issue 12 do not have) are
  removed from both worktrees, so that a change of the code is measured apart from
  the growth of the data (the published statistics double what the figures draw).

A commit that compiles its reading modules (``dtanalysis/_native.py``) has them
compiled in its worktree first, as ``make`` does. Both commits run with this
checkout's ``.venv`` (``PYTHONPATH`` points at the commit's tree, so its own
``dtanalysis`` is imported, also by the notebook kernels). Medians of the turns are
printed, with new/old.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# The child that times extraction: prints {"floor": s, "figures": s} as JSON.
_EXTRACT_CHILD = r"""
import json, re, sys, time
from dtanalysis.extract import extract_figures
text = open(sys.argv[1], encoding="utf-8").read()
digits = re.compile(r"\d+")
def best(fn, n=3):
    wall = cpu = float("inf")
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time(); fn()
        wall = min(wall, time.perf_counter() - t0); cpu = min(cpu, time.process_time() - c0)
    return wall, cpu
extract_figures(text[:10_000], "warm-up")
floor = best(lambda: digits.findall(text))
figures = best(lambda: extract_figures(text, "bench"))
again = best(lambda: digits.findall(text))
floor = (min(floor[0], again[0]), min(floor[1], again[1]))
print(json.dumps({"floor": floor[0], "figures": figures[0],
                  "floor_cpu": floor[1], "figures_cpu": figures[1]}))
"""


def _checkout(rev: str, into: Path) -> Path:
    """A detached worktree of `rev` under `into` (removed by :func:`_remove`)."""
    tree = into / rev.replace("/", "_")
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(tree), rev],
                   check=True)
    if (tree / "dtanalysis" / "_native.py").is_file():
        # a commit whose make compiles the reading modules: measure it as make builds it
        build = "import sys; from dtanalysis._native import main; sys.exit(main(['build']))"
        subprocess.run([sys.executable, "-c", build], cwd=tree,
                       env=dict(_env(tree), DTANALYSIS_PURE="1"), check=True)
    return tree


def _remove(tree: Path) -> None:
    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                   check=False)


def _env(tree: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(tree), DTANALYSIS_ROOT=str(tree),
                PYTHONHASHSEED="0", MPLBACKEND="Agg", JUPYTER_PLATFORM_DIRS="1")


def _output(cmd: list[str], tree: Path) -> str:
    """The standard output of `cmd` run in `tree` (its error output when it fails)."""
    proc = subprocess.run(cmd, cwd=tree, env=_env(tree), capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{shlex.join(cmd)} failed in {tree}:\n{proc.stderr.decode()[-2000:]}")
    return proc.stdout.decode()


def become_subreaper() -> bool:
    """Adopt this process's orphaned descendants (Linux), so that their CPU is counted.

    A process whose parent exits before it (multiprocessing's fork server, from which
    the figure job's workers are forked) is otherwise re-parented to init, and its
    time and that of the processes it reaped never reach ``os.wait4``. True when set.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    pr_set_child_subreaper = 36
    return ctypes.CDLL(None, use_errno=True).prctl(pr_set_child_subreaper, 1, 0, 0, 0) == 0


def _reap_orphans(deadline: float = 60.0) -> float:
    """CPU seconds of the descendants adopted by :func:`become_subreaper`, once they exit."""
    cpu, stop = 0.0, time.perf_counter() + deadline
    while True:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:  # no child left
            return cpu
        if pid:
            cpu += usage.ru_utime + usage.ru_stime
        elif time.perf_counter() > stop:
            raise SystemExit(f"descendants still running {deadline:.0f} s after the command")
        else:
            time.sleep(0.05)


def _run_rusage(cmd: list[str], tree: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `cmd`, from ``os.wait4``: the command, the children it
    reaped, and (with :func:`become_subreaper`) the descendants it left behind."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=tree, env=_env(tree), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{shlex.join(cmd)} failed in {tree}:\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime + _reap_orphans()


def _report_commands(tree: Path) -> list[list[str]]:
    """The ``report`` recipe of the commit's own Makefile, with this venv's python."""
    lines = (tree / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("report:"))
    cmds = []
    for ln in lines[start + 1:]:
        if not ln.startswith("\t"):
            break
        cmds.append(shlex.split(ln.strip().replace('"$(BIN)/python"', PYTHON)
                                .replace("$(REPORT_ARGS)", "")))
    return cmds


def measure_extract(tree: Path, corpus: Path) -> dict[str, float]:
    out = _output([PYTHON, "-c", _EXTRACT_CHILD, str(corpus)], tree)
    got = json.loads(out.strip().splitlines()[-1])
    return {"ratio": got["figures"] / got["floor"], "seconds": got["figures"],
            "floor": got["floor"], "cpu_ratio": got["figures_cpu"] / got["floor_cpu"],
            "cpu_seconds": got["figures_cpu"]}


def measure_report(tree: Path, cold: bool = False) -> dict[str, float]:
    if cold:  # the figures drawn on every turn, as after a change of the data
        (tree / "build" / "figures.json").unlink(missing_ok=True)
    wall = cpu = 0.0
    for cmd in _report_commands(tree):
        w, c = _run_rusage(cmd, tree)
        wall, cpu = wall + w, cpu + c
    return {"wall": wall, "cpu": cpu}


def texts_only(tree: Path) -> list[str]:
    """Remove the published statistics from a worktree (``--inputs texts``); their names."""
    removed = sorted(p.name for p in (tree / "data" / "observations").glob("*.csv"))
    for name in removed:
        (tree / "data" / "observations" / name).unlink()
    return removed


def _write_corpus(path: Path, mb: float) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "raw").glob("*.txt"))]
    unit = "\n".join(texts) + "\n"
    reps = int(mb * 1_000_000 // len(unit.encode("utf-8"))) + 1
    path.write_text(unit * reps, encoding="utf-8")


def _summary(name: str, turns: dict[str, list[dict[str, float]]]) -> list[str]:
    lines = [f"{name}:"]
    keys = list(turns["old"][0])
    for key in keys:
        old = statistics.median(t[key] for t in turns["old"])
        new = statistics.median(t[key] for t in turns["new"])
        each = "; ".join(f"{side} " + ", ".join(f"{t[key]:.3f}" for t in turns[side])
                         for side in ("old", "new"))
        lines.append(f"  {key}: old {old:.3f}, new {new:.3f}, new/old {new / old:.3f}  ({each})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", help="the commit before the change (e.g. a hash or tag)")
    ap.add_argument("--new", default="HEAD", help="the commit after (default HEAD)")
    ap.add_argument("--what", default="extract", help="extract, report, or both (comma)")
    ap.add_argument("--pairs", type=int, default=3, help="old/new turns of each measurement")
    ap.add_argument("--mb", type=float, default=10.0, help="extraction corpus size")
    ap.add_argument("--cold", action="store_true",
                    help="report: remove build/figures.json before each turn (figures redrawn)")
    ap.add_argument("--inputs", choices=("all", "texts"), default="all",
                    help="report: build from every input of the commit (default) or from "
                    "the raw texts only (published statistics removed from both worktrees)")
    args = ap.parse_args(argv)
    what = [w for w in args.what.split(",") if w]
    head = (f"old {args.old}, new {args.new}; {args.pairs} alternated turns each; "
            f"{os.cpu_count()} CPUs, 1-minute load at start {os.getloadavg()[0]:.2f}"
            + ("; --cold: build/figures.json removed before every report turn" if args.cold
               else "")
            + ("; --inputs texts: published statistics removed" if args.inputs == "texts"
               else ""))
    lines = [head]
    if not become_subreaper():
        lines.append("CPU of orphaned descendants not counted (not Linux, or prctl refused)")
    with tempfile.TemporaryDirectory(prefix="dtanalysis-ab-") as tmp:
        work = Path(tmp)
        trees = {"old": _checkout(args.old, work / "old"), "new": _checkout(args.new, work / "new")}
        try:
            if args.inputs == "texts":
                for side, tree in trees.items():
                    removed = texts_only(tree)
                    lines.append(f"{side}: removed data/observations/{{{','.join(removed)}}}"
                                 if removed else f"{side}: no published statistics to remove")
            corpus = work / "corpus.txt"
            _write_corpus(corpus, args.mb)
            for name in what:
                turns: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
                for i in range(args.pairs):
                    # old, new, then new, old: neither side always runs first
                    for side in ("old", "new") if i % 2 == 0 else ("new", "old"):
                        tree = trees[side]
                        got = (measure_extract(tree, corpus) if name == "extract"
                               else measure_report(tree, args.cold))
                        turns[side].append(got)
                        print(f"{name} turn {i + 1} {side}: {got}", file=sys.stderr, flush=True)
                lines += _summary(name, turns)
        finally:
            for tree in trees.values():
                _remove(tree)
    lines.append(f"1-minute load at end {os.getloadavg()[0]:.2f}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
