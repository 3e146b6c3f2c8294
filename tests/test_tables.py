"""Tests for dtanalysis.tables: declared tables, typed reading and writing, the data dictionary."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from dtanalysis.tables import PROCESSED_TABLES, SchemaError, columns, validate, write_datapackage


def test_processed_corpus_tables_validate():
    from dtanalysis.corpus import load_corpus
    from dtanalysis.extract import extract_corpus
    from dtanalysis.panel import build_panel

    docs = load_corpus()
    ex = extract_corpus(docs)
    res = build_panel(ex.figures, docs)
    for name, df in [
        ("figures", res.figures),
        ("mentions", ex.mentions),
        ("panel", res.panel),
        ("audit", res.audit),
    ]:
        assert len(validate(name, df)) == len(df)


def test_invalid_tables_are_rejected():
    panel = pd.DataFrame([{c: "" for c in columns("panel")}])
    panel[["province_id", "province", "indicator", "measure_type", "figure_ids", "doc_ids"]] = [
        "91",
        "Kiên Giang",
        "x",
        "level",
        "a:1-2",
        "a",
    ]
    panel[["unit_kind", "origin"]] = ["province_pre2025", "text"]
    for c in ("value", "share", "numerator", "denominator", "low", "high"):
        panel[c] = float("nan")
    panel["approximate"] = False
    validate("panel", panel)
    bad = panel.assign(measure_type="achievement")
    with pytest.raises(SchemaError, match="panel.csv: .*measure_type"):
        validate("panel", bad)
    with pytest.raises(SchemaError, match="panel.csv: .*province_id"):
        validate("panel", panel.assign(province_id="9"))
    with pytest.raises(SchemaError, match="panel.csv: .*a text row names no figure"):
        validate("panel", panel.assign(figure_ids=""))
    with pytest.raises(SchemaError, match="panel.csv: .*unit_kind"):
        validate("panel", panel.assign(unit_kind="district"))
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
    df = pd.DataFrame(
        [
            {
                "province_id": "30",
                "province": "Hải Dương",
                "indicator": "x",
                "method": "glm",
                "n_obs": 2,
                "extra": 1.5,
            }
        ]
    )
    with pytest.raises(SchemaError):
        validate("adoption", df)


def test_datapackage_describes_every_column(tmp_path):
    p = write_datapackage(tmp_path)
    pkg = json.loads(p.read_text(encoding="utf-8"))
    res = {r["name"]: r for r in pkg["resources"]}
    assert set(res) == set(PROCESSED_TABLES)
    for name, r in res.items():
        assert [f["name"] for f in r["schema"]["fields"]] == columns(name)
        assert all(f["description"] for f in r["schema"]["fields"])
    # deterministic
    first = p.read_bytes()
    assert write_datapackage(tmp_path).read_bytes() == first


def test_import_dtanalysis_stays_cheap():
    code = (
        "import sys, dtanalysis, dtanalysis.tables, dtanalysis.panel, dtanalysis.reference; "
        "print('pandera' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_data_dictionary_describes_every_column_of_every_processed_table():
    import json
    from pathlib import Path

    import pandas as pd

    processed = Path(__file__).resolve().parent.parent / "data" / "processed"
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    described = {
        r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]
    }
    for name in ("mentions", "figures", "panel", "audit", "adoption", "gaps"):
        header = list(pd.read_csv(processed / f"{name}.csv", nrows=0).columns)
        assert sorted(header) == sorted(described[name]), name
        for field in next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]:
            assert field.get("description"), (name, field["name"])


def test_undeclared_column_is_refused():
    import pandas as pd
    import pytest

    from dtanalysis.tables import SchemaError, validate

    panel = pd.read_csv(
        __import__("pathlib").Path(__file__).resolve().parent.parent
        / "data"
        / "processed"
        / "panel.csv",
        dtype={"province_id": str, "province_2025_id": str},
    )
    validate("panel", panel)
    with pytest.raises(SchemaError):
        validate("panel", panel.assign(surprise=1))


# -- the typed layer ---------------------------------------------------------------------


def _targets_csv(**change) -> str:
    from dtanalysis.reference import load_targets

    row = load_targets().iloc[0].to_dict()
    row.update(change)
    frame = pd.DataFrame([row], columns=columns("targets"))
    return frame.to_csv(index=False)


def test_reference_tables_are_typed_when_read():
    from dtanalysis.tables import read_table

    book = read_table("indicators")
    assert book["higher_is_better"].dtype == bool
    assert book["ceiling"].dtype == "float64" and (book["ceiling"] > 0).all()
    prov = read_table("provinces")
    assert prov["province_id"].str.fullmatch(r"\d{2}").all() and "01" in set(prov["province_id"])
    den = read_table("denominators")
    assert den["year"].dtype == "int64"
    targets = read_table("targets")
    assert targets["value"].dtype == "float64"
    assert targets["deadline"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_processed_tables_are_typed_when_read():
    from dtanalysis.tables import read_table

    panel = read_table("panel")
    assert panel["approximate"].dtype == bool
    assert panel["province_id"].map(type).eq(str).all()
    assert panel["period_start"].map(lambda v: isinstance(v, str)).all()  # "" when open
    figures = read_table("figures")
    assert figures["start"].dtype == "int64"
    assert figures["value"].dtype == "float64"


def test_bad_reference_rows_are_named_by_file_line_and_column():
    from dtanalysis.tables import table

    t = table("targets")
    with pytest.raises(SchemaError, match=r"targets.csv: .*line 2: deadline: ISO date that exists"):
        t.read_csv_text(_targets_csv(deadline="2025-02-30"), "targets.csv")
    with pytest.raises(SchemaError, match=r"line 2: indicator_id is not in the codebook"):
        t.read_csv_text(_targets_csv(indicator_id="no_such_indicator"), "targets.csv")
    with pytest.raises(SchemaError, match=r"line 2: value 'abc' is not a number"):
        t.read_csv_text(_targets_csv(value="abc"), "targets.csv")
    with pytest.raises(SchemaError, match=r"line 2: status: one of verified, secondary, weak"):
        t.read_csv_text(_targets_csv(status="unverified"), "targets.csv")


def test_boolean_and_integer_cells_are_checked():
    from dtanalysis.tables import read_table, table

    book = read_table("indicators")
    text = book.assign(higher_is_better="maybe").to_csv(index=False)
    with pytest.raises(SchemaError, match=r"line 2: higher_is_better 'maybe' is not true/false"):
        table("indicators").read_csv_text(text, "indicators.csv")
    den = read_table("denominators").astype({"year": str})
    den.loc[0, "year"] = "2022.5"
    with pytest.raises(SchemaError, match=r"line 2: year '2022.5' is not a whole number"):
        table("denominators").read_csv_text(den.to_csv(index=False), "denominators.csv")


def test_write_table_round_trips_byte_for_byte(tmp_path):
    from pathlib import Path

    from dtanalysis.tables import read_table, write_table

    processed = Path(__file__).resolve().parent.parent / "data" / "processed"
    for name in PROCESSED_TABLES:
        written = write_table(name, read_table(name, processed), tmp_path)
        assert written.read_bytes() == (processed / f"{name}.csv").read_bytes(), name


def test_write_table_never_leaves_a_half_written_file(tmp_path):
    from dtanalysis.tables import read_table, write_table

    panel = read_table("panel")
    first = write_table("panel", panel, tmp_path).read_bytes()
    with pytest.raises(SchemaError):
        write_table("panel", panel.assign(measure_type="achievement"), tmp_path)
    assert (tmp_path / "panel.csv").read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["panel.csv"]


def test_read_table_accepts_a_byte_order_mark_and_names_a_missing_file(tmp_path):
    from dtanalysis.tables import read_table

    text = read_table("panel").to_csv(index=False, lineterminator="\n")
    (tmp_path / "panel.csv").write_text("\ufeff" + text, encoding="utf-8")
    assert len(read_table("panel", tmp_path)) == len(read_table("panel"))
    with pytest.raises(SchemaError, match=r"gaps.csv: not found"):
        read_table("gaps", tmp_path)


def test_reference_data_dictionary_is_current():
    """dtanalysis/data/datapackage.json is generated from the declarations."""
    from pathlib import Path

    import dtanalysis

    shipped = Path(dtanalysis.__file__).parent / "data" / "datapackage.json"
    with __import__("tempfile").TemporaryDirectory() as d:
        fresh = write_datapackage(d, kind="reference").read_bytes()
    assert shipped.read_bytes() == fresh, "run: python -m dtanalysis tables --write-reference"
