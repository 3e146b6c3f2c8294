"""Recall, precision and province errors of the extraction on real articles.

The articles are third-party texts and are not in the repository: ``labels.csv``
(beside this file) holds, for every digit run of each article, only the run itself,
its offsets, the kind it had when it was labelled, the hand label (``figure`` or
``not_figure``, with the reason when the extraction was wrong) and the province the
figure is about (``province_expected``: a province; empty when it is about no
province, so that any province given to it is wrong; ``?`` when unclear, not
scored) and the set of the article (``set``: ``dev``, the articles the reading rules
were fixed on, or ``heldout``, labelled afterwards to check those rules). The URLs of
the articles are in the ``url`` column and in ``RESULTS.md``.

Usage::

    python benchmarks/precision/evaluate.py [FOLDER] [--verbose]

``FOLDER`` (default ``/work/notes/precision/``) holds the article texts as
``<doc_id>.txt``. Articles missing from it are named and left out of the counts.

Scoring (every figure row of :func:`dtanalysis.extract.mentions_frame`, kind
``figure``):

* a figure row is a true positive when every digit run in its span is labelled
  ``figure``, else a false positive (precision = true positives / figure rows);
* a labelled figure (the digit runs labelled ``figure`` in one labelled span) is
  found when all its runs lie in figure rows (recall = found / labelled figures);
* a true positive has a province error when its province is not empty and differs
  from ``province_expected`` (empty when unclear is fine).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FOLDER = Path("/work/notes/precision")


def load_labels(path: Path = HERE / "labels.csv") -> dict[str, list[dict[str, str]]]:
    """The labelled digit runs of ``labels.csv``, by document.

    Parameters
    ----------
    path : Path
        The labels file.

    Returns
    -------
    dict
        doc_id -> rows (dicts of the CSV columns), in file order.
    """
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by_doc[row["doc_id"]].append(row)
    return dict(by_doc)


def score_document(text: str, doc_id: str, runs: list[dict[str, str]]) -> dict[str, list]:
    """Score the extraction of one article against its labelled digit runs.

    Parameters
    ----------
    text : str
        The article, normalised (:func:`dtanalysis.text.read_text`).
    doc_id : str
        Its identifier in ``labels.csv``.
    runs : list of dict
        Its rows of ``labels.csv``.

    Returns
    -------
    dict
        Lists ``tp``, ``fp`` (figure rows), ``found``, ``missed`` (labelled figures),
        ``province_errors`` and ``changed`` (labelled runs whose text differs).
    """
    from dtanalysis.extract import mentions_frame

    out: dict[str, list] = {k: [] for k in
                            ("tp", "fp", "found", "missed", "province_errors", "changed")}
    label_at = {int(r["start"]): r for r in runs}
    for r in runs:
        if text[int(r["start"]) : int(r["end"])] != r["token"]:
            out["changed"].append(r)
    df = mentions_frame(text, doc_id)
    figs = df[df["kind"] == "figure"]
    in_figure: set[int] = set()
    for m in figs.itertuples(index=False):
        inside = [label_at[s] for s in sorted(label_at) if m.start <= s < m.end]
        in_figure.update(int(r["start"]) for r in inside)
        row = (doc_id, int(m.start), m.raw, m.province, m.sentence_start)
        if inside and all(r["label"] == "figure" for r in inside):
            out["tp"].append(row)
            want = inside[0]["province_expected"]
            if m.province and want != "?" and m.province != want:
                out["province_errors"].append((*row[:3], m.province, want or "(none)"))
        else:
            why = "; ".join(r["reason"] for r in inside if r["reason"])
            if not why:
                kinds = sorted({r["kind"] for r in inside if r["label"] != "figure"})
                why = f"labelled not_figure (read as {', '.join(kinds)} when labelled)" \
                    if inside else "no labelled run"
            out["fp"].append((*row[:3], why))
    spans: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in runs:
        if r["label"] == "figure":
            spans[r["span_start"]].append(r)
    for members in spans.values():
        ok = all(int(r["start"]) in in_figure for r in members)
        item = (doc_id, int(members[0]["start"]), " ".join(r["token"] for r in members),
                members[0]["reason"])
        out["found" if ok else "missed"].append(item)
    return out


def _report(title: str, total: dict[str, list], scored: int) -> None:
    tp, fp = len(total["tp"]), len(total["fp"])
    found, missed = len(total["found"]), len(total["missed"])
    print(f"{title}: articles scored: {scored}")
    print(f"  figure rows: {tp + fp}  true: {tp}  false: {fp}  "
          f"precision: {tp / max(1, tp + fp):.2%}")
    print(f"  labelled figures: {found + missed}  found: {found}  missed: {missed}  "
          f"recall: {found / max(1, found + missed):.2%}")
    print(f"  province errors: {len(total['province_errors'])} of {tp} true figure rows")


def evaluate(folder: Path, verbose: bool = False) -> int:
    """Print recall, precision and province errors for the articles in ``folder``.

    Parameters
    ----------
    folder : Path
        The folder of ``<doc_id>.txt`` article texts.
    verbose : bool
        Also list every false positive, miss and province error.

    Returns
    -------
    int
        0 when at least one article was scored, else 1.
    """
    from dtanalysis.text import read_text

    labels = load_labels()
    total: dict[str, list] = defaultdict(list)
    by_set: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    n_set: dict[str, int] = defaultdict(int)
    missing, scored = [], 0
    for doc_id, runs in sorted(labels.items()):
        path = folder / f"{doc_id}.txt"
        if not path.is_file():
            missing.append(f"{doc_id}.txt  {runs[0]['url']}")
            continue
        scored += 1
        which = runs[0].get("set", "")
        n_set[which] += 1
        for k, v in score_document(read_text(path), doc_id, runs).items():
            total[k].extend(v)
            by_set[which][k].extend(v)
    if missing:
        print(f"{len(missing)} article(s) missing from {folder} (not scored):")
        for m in missing:
            print(f"  {m}")
    if not scored:
        print("no article to score")
        return 1
    for which in sorted(by_set):
        _report(which or "(no set)", by_set[which], n_set[which])
    _report("all", total, scored)
    if total["changed"]:
        print(f"WARNING: {len(total['changed'])} labelled digit runs differ from the texts")
    if verbose:
        for key in ("fp", "missed", "province_errors", "changed"):
            for item in total[key]:
                print(key, *item, sep="\t")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``evaluate.py [FOLDER] [--verbose]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    return evaluate(Path(args.folder), args.verbose)


if __name__ == "__main__":
    sys.exit(main())
