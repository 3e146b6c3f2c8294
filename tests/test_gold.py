"""The hand-checked gold table of every digit-bearing token in the five raw texts.

``tests/data/gold_mentions.csv`` lists, for each raw text (keyed by its original file
name, so it does not depend on the corpus file names), every mention with kind,
value, unit, denominator, qualifier, low, high and unit text. Every row was checked
by hand against the text; where the extractor disagreed, the extractor was fixed.
The extractor must reproduce the table exactly.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from _rawtexts import raw_texts

from dtanalysis.mentions import extract_mentions

GOLD = Path(__file__).parent / "data" / "gold_mentions.csv"
FIELDS = ("start", "end", "raw", "kind", "value", "unit", "denominator", "qualifier", "low", "high", "unit_text")


def _f(s: str) -> float | None:
    return float(s) if s != "" else None


def _gold() -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    with open(GOLD, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["file"], []).append(
                (int(r["start"]), int(r["end"]), r["raw"], r["kind"], _f(r["value"]), r["unit"] or None,
                 _f(r["denominator"]), r["qualifier"] or None, _f(r["low"]), _f(r["high"]),
                 r["unit_text"] if r["kind"] == "figure" else None)
            )
    return out


def _extracted(text: str) -> list[tuple]:
    rows = []
    for m in extract_mentions(text):
        q = m.quantity
        rows.append(
            (m.start, m.end, m.raw, m.kind, q.value if q else None, q.unit if q else None,
             q.denominator if q else None, q.qualifier if q else None, q.low if q else None,
             q.high if q else None, q.unit_text if q else None)
        )
    return rows


def test_gold_covers_the_five_texts():
    assert sorted(_gold()) == sorted(raw_texts())


@pytest.mark.parametrize("name", sorted(raw_texts()))
def test_gold_rows_are_consistent_with_the_text(name):
    text = raw_texts()[name]
    rows = _gold()[name]
    covered = set()
    for start, end, raw, *_ in rows:
        assert text[start:end] == raw
        covered.update(range(start, end))
    digits = {i for i, c in enumerate(text) if c.isdigit()}
    assert digits <= covered


@pytest.mark.parametrize("name", sorted(raw_texts()))
def test_extractor_matches_gold_exactly(name):
    gold = _gold()[name]
    got = _extracted(raw_texts()[name])
    missing = [g for g in gold if g not in got]
    extra = [g for g in got if g not in gold]
    assert not missing and not extra, f"missing={missing[:5]} extra={extra[:5]}"
    assert got == gold


def test_gold_figure_counts():
    gold = _gold()
    figures = sum(1 for rows in gold.values() for r in rows if r[3] == "figure")
    ratios = sorted(r[2] for rows in gold.values() for r in rows if r[5] == "ratio")
    assert figures == 87
    assert ratios == ["03/28", "103/117", "19/25", "21/24", "23/25", "411.861/917.621", "45/101", "544.420/615.994"]
