"""The exports for Stata, R and pandas: labels, value labels, types, determinism."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("pyarrow")
import pyarrow.parquet as pq

from dtanalysis import cli, tables
from dtanalysis.export import (
    STATA_LABEL_LENGTH,
    export_tables,
    stata_label,
    stata_name,
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    files = export_tables(out)
    return out, files


def test_every_processed_table_is_written_three_ways(exported):
    out, files = exported
    expected = {
        out / f"{name}.{ext}"
        for name in tables.PROCESSED_TABLES
        for ext in ("csv", "dta", "parquet")
    }
    assert set(files) == expected
    assert all(p.is_file() and p.stat().st_size > 0 for p in files)


def test_a_rerun_writes_byte_identical_files(exported, tmp_path):
    _, files = exported
    again = export_tables(tmp_path)
    for first, second in zip(files, again, strict=True):
        assert first.name == second.name
        assert first.read_bytes() == second.read_bytes(), first.name


@pytest.mark.parametrize("name", tables.PROCESSED_TABLES)
def test_stata_variable_labels_are_the_declared_descriptions(exported, name):
    out, _ = exported
    t = tables.table(name)
    with pd.io.stata.StataReader(out / f"{name}.dta") as reader:
        labels = reader.variable_labels()
        data_label = reader.data_label
    assert list(labels) == [stata_name(c) for c in t.columns]
    for f in t.fields:
        label = labels[stata_name(f.name)]
        assert len(label) <= STATA_LABEL_LENGTH
        assert label == stata_label(f.description)
        described = " ".join(f.description.split())
        if len(described) <= STATA_LABEL_LENGTH:
            assert label == described
        else:
            assert label.endswith("...")
            assert described.startswith(label[:-3])
    assert data_label == stata_label(t.title)


def test_stata_values_round_trip_with_value_labels(exported):
    out, _ = exported
    panel = tables.read_table("panel")
    back = pd.read_stata(out / "panel.dta")
    t = tables.table("panel")
    assert len(back) == len(panel)
    for f in t.fields:
        if f.enum and f.type == "string":
            assert isinstance(back[f.name].dtype, pd.CategoricalDtype), f.name
            assert set(back[f.name].cat.categories) <= set(f.enum)
            expected = panel[f.name].replace("", None)
            assert back[f.name].astype(object).where(back[f.name].notna(), None).tolist() == (
                expected.tolist()
            ), f.name
        elif f.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(back[f.name]), f.name
            shown = back[f.name].dt.strftime("%Y-%m-%d").fillna("")
            assert shown.tolist() == panel[f.name].tolist(), f.name
        elif f.type == "number":
            pd.testing.assert_series_equal(
                back[f.name].astype("float64"), panel[f.name], check_names=False
            )
        elif f.type == "string":
            assert back[f.name].tolist() == panel[f.name].tolist(), f.name
    # Vietnamese text survives (format 118 stores UTF-8)
    assert any("ệ" in v or "ả" in v for v in back["province"])


def test_stata_booleans_are_labelled_codes(exported):
    out, _ = exported
    with pd.io.stata.StataReader(out / "curves.dta") as reader:
        value_labels = reader.value_labels()
    assert {0: "false", 1: "true"} in value_labels.values()
    back = pd.read_stata(out / "curves.dta", convert_categoricals=False)
    curves = tables.read_table("curves")
    assert back["extrapolated"].astype(bool).tolist() == curves["extrapolated"].tolist()


@pytest.mark.parametrize("name", tables.PROCESSED_TABLES)
def test_parquet_has_the_declared_types_and_descriptions(exported, name):
    import pyarrow as pa

    out, _ = exported
    t = tables.table(name)
    pf = pq.read_table(out / f"{name}.parquet")
    assert pf.schema.names == t.columns
    expected = {
        "number": pa.float64(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    for f in t.fields:
        arrow = pf.schema.field(f.name)
        if f.type == "string":
            kind = arrow.type.value_type if pa.types.is_dictionary(arrow.type) else arrow.type
            assert kind == pa.string(), f.name
            assert pa.types.is_dictionary(arrow.type) == bool(f.enum), f.name
        else:
            assert arrow.type == expected[f.type], f.name
        assert arrow.metadata[b"description"].decode("utf-8") == f.description
    assert pf.schema.metadata[b"dtanalysis.title"].decode("utf-8") == t.title
    assert b"pandas" not in pf.schema.metadata  # no pandas version drift


def test_parquet_values_match_the_typed_table(exported):
    out, _ = exported
    for name in ("panel", "ranks"):
        typed = tables.read_table(name)
        back = pd.read_parquet(out / f"{name}.parquet")
        assert len(back) == len(typed)
        for f in tables.table(name).fields:
            if f.type in ("string", "date"):
                got = back[f.name].astype(object).map(lambda v: "" if pd.isna(v) else str(v))
                assert got.tolist() == typed[f.name].tolist(), (name, f.name)
            elif f.type == "integer":
                expected = typed[f.name].astype("Int64").tolist()
                assert back[f.name].astype("Int64").tolist() == expected
            else:
                assert back[f.name].tolist() == pytest.approx(typed[f.name].tolist(), nan_ok=True)


def test_reserved_words_get_a_trailing_underscore(exported):
    out, _ = exported
    back = pd.read_stata(out / "figures.dta")
    assert "end" in tables.columns("figures")
    assert "end_" in back.columns and "end" not in back.columns


def test_stata_label_cuts_at_a_word():
    long = "word " * 40
    label = stata_label(long)
    assert len(label) <= STATA_LABEL_LENGTH and label.endswith("word...")
    assert stata_label("x" * 100) == "x" * 77 + "..."


def test_export_command(tmp_path, capsys):
    assert cli.main(["export", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    n = len(tables.PROCESSED_TABLES)
    assert f"wrote {3 * n} files ({n} tables as .csv, .dta and .parquet)" in printed
    assert (tmp_path / "out" / "ranks.dta").is_file()


def test_export_command_missing_table_is_one_error_line(tmp_path, capsys):
    assert cli.main(["export", str(tmp_path / "out"), "--processed", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("dtanalysis export: error: ")


def test_an_empty_table_reads_without_warnings(tmp_path):
    """With pyarrow installed pandas backs text columns with Arrow; an empty table (a
    text-only build has no ranks) must still read without a deprecation warning."""
    import warnings

    path = tmp_path / "ranks.csv"
    path.write_text(",".join(tables.columns("ranks")) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = tables.read_table("ranks", tmp_path)
    assert frame.empty and list(frame.columns) == tables.columns("ranks")
