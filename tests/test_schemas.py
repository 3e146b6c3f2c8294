"""Tests for dtanalysis.schemas: declared schemas and the data dictionary."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from dtanalysis.schemas import TABLES, SchemaError, columns, validate, write_datapackage


def test_processed_corpus_tables_validate():
    from dtanalysis.corpus import load_corpus
    from dtanalysis.extract import extract_corpus
    from dtanalysis.panel import build_panel

    docs = load_corpus()
    ex = extract_corpus(docs)
    res = build_panel(ex.figures, docs)
    for name, df in [("figures", res.figures), ("mentions", ex.mentions), ("panel", res.panel),
                     ("audit", res.audit)]:
        assert len(validate(name, df)) == len(df)


def test_invalid_tables_are_rejected():
    panel = pd.DataFrame([{c: "" for c in columns("panel")}])
    panel[["province_id", "province", "indicator", "measure_type", "figure_ids", "doc_ids"]] = \
        ["91", "Kiên Giang", "x", "level", "a:1-2", "a"]
    for c in ("value", "share", "numerator", "denominator", "low", "high"):
        panel[c] = float("nan")
    panel["approximate"] = False
    validate("panel", panel)
    bad = panel.assign(measure_type="achievement")
    with pytest.raises(SchemaError, match="panel.csv: .*measure_type"):
        validate("panel", bad)
    with pytest.raises(SchemaError, match="panel.csv: .*province_id"):
        validate("panel", panel.assign(province_id="9"))
    with pytest.raises(SchemaError, match="missing column"):
        validate("panel", panel.drop(columns=["share"]))
    with pytest.raises(SchemaError, match="unknown table"):
        validate("nope", panel)


def test_extra_columns_allowed_for_adoption_and_gaps():
    df = pd.DataFrame([{"province_id": "30", "province": "Hải Dương", "indicator": "x", "method": "glm",
                        "n_obs": 2, "extra": 1.5}])
    assert "extra" in validate("adoption", df).columns


def test_datapackage_describes_every_column(tmp_path):
    p = write_datapackage(tmp_path)
    pkg = json.loads(p.read_text(encoding="utf-8"))
    res = {r["name"]: r for r in pkg["resources"]}
    assert set(res) == set(TABLES)
    for name, r in res.items():
        assert [f["name"] for f in r["schema"]["fields"]] == columns(name)
        assert all(f["description"] for f in r["schema"]["fields"])
    # deterministic
    first = p.read_bytes()
    assert write_datapackage(tmp_path).read_bytes() == first


def test_import_dtanalysis_stays_cheap():
    code = ("import sys, dtanalysis, dtanalysis.schemas, dtanalysis.panel, dtanalysis.reference; "
            "print('pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
