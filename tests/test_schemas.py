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


def test_adoption_and_gaps_must_match_their_declared_columns():
    """Validation is strict, so the data dictionary cannot fall behind the tables."""
    from dtanalysis.adoption import ADOPTION_COLUMNS
    from dtanalysis.gaps import GAP_COLUMNS

    assert columns("adoption") == list(ADOPTION_COLUMNS)
    assert columns("gaps") == list(GAP_COLUMNS)
    df = pd.DataFrame([{"province_id": "30", "province": "Hải Dương", "indicator": "x", "method": "glm",
                        "n_obs": 2, "extra": 1.5}])
    with pytest.raises(SchemaError):
        validate("adoption", df)


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


def test_data_dictionary_describes_every_column_of_every_processed_table():
    import json
    from pathlib import Path

    import pandas as pd

    processed = Path(__file__).resolve().parent.parent / "data" / "processed"
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    for name in ("mentions", "figures", "panel", "audit", "adoption", "gaps"):
        header = list(pd.read_csv(processed / f"{name}.csv", nrows=0).columns)
        assert sorted(header) == sorted(described[name]), name
        for field in next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]:
            assert field.get("description"), (name, field["name"])


def test_undeclared_column_is_refused():
    import pandas as pd
    import pytest

    from dtanalysis.schemas import SchemaError, validate

    panel = pd.read_csv(
        __import__("pathlib").Path(__file__).resolve().parent.parent / "data" / "processed" / "panel.csv",
        dtype={"province_id": str, "province_2025_id": str},
    )
    validate("panel", panel)
    with pytest.raises(SchemaError):
        validate("panel", panel.assign(surprise=1))
