"""A table file is checked once: written or found valid, the same bytes are only typed."""
from __future__ import annotations

import csv
import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dtanalysis.tables import SchemaError, _layer, _validated, read_table, table, write_table

PROCESSED = Path(__file__).resolve().parent.parent / "data" / "processed"
OBSERVATIONS = Path(__file__).resolve().parent.parent / "data" / "observations"
RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A project checkout of its own (its build/validated/ starts empty)."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "dtanalysis"\n', encoding="utf-8")
    monkeypatch.setenv("DTANALYSIS_ROOT", str(tmp_path))
    return tmp_path


@pytest.fixture
def checks(monkeypatch):
    """Count the field checks (pandera) run from now on."""
    calls: list[str] = []
    real = _layer._field_failures

    def counted(t, typed):
        calls.append(t.name)
        return real(t, typed)

    monkeypatch.setattr(_layer, "_field_failures", counted)
    return calls


def _written(root: Path, name: str, checks: list[str]) -> tuple[Path, pd.DataFrame]:
    frame = read_table(name, PROCESSED)
    checks.clear()
    return write_table(name, frame, root / "processed"), frame


def _edit(path: Path, column: str, value: str) -> None:
    """Set `column` of the first data row to `value`, as a hand edit would."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_a_written_table_is_read_back_without_checking_it_again(root, checks):
    path, frame = _written(root, "audit", checks)
    assert checks == ["audit"]  # the writer validated it
    assert (root / "build" / "validated" / "audit").is_file()
    again = read_table("audit", path.parent)
    assert checks == ["audit"]  # the reader did not
    pd.testing.assert_frame_equal(again, frame)
    assert again.dtypes.equals(read_table("audit", PROCESSED).dtypes)


def test_a_table_edited_by_hand_is_validated_and_refused_in_one_line(root, checks):
    path, _ = _written(root, "panel", checks)
    _edit(path, "measure_type", "achievement")
    with pytest.raises(SchemaError) as refused:
        read_table("panel", path.parent)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: line 2: measure_type: one of ")
    assert checks == ["panel", "panel"]
    # the verdict is the one a reader without any marker gives
    _validated.forget(table("panel"))
    with pytest.raises(SchemaError) as fresh:
        read_table("panel", path.parent)
    assert str(fresh.value) == message


def test_a_valid_file_read_once_is_not_checked_on_the_next_read(root, checks):
    folder = root / "copy"
    folder.mkdir()
    shutil.copy(PROCESSED / "gaps.csv", folder / "gaps.csv")
    first = read_table("gaps", folder)
    second = read_table("gaps", folder)
    assert checks == ["gaps"]
    pd.testing.assert_frame_equal(first, second)
    # an edit that keeps the file valid is checked again, then remembered
    with (folder / "gaps.csv").open("a", encoding="utf-8") as fh:
        fh.write((folder / "gaps.csv").read_text(encoding="utf-8").splitlines()[1] + "\n")
    assert len(read_table("gaps", folder)) == len(first) + 1
    read_table("gaps", folder)
    assert checks == ["gaps", "gaps"]


def test_another_declaration_checks_the_same_bytes_again(root, monkeypatch, checks):
    path, _ = _written(root, "audit", checks)
    declared = table("audit")
    first = declared.fields[0]
    stricter = dataclasses.replace(
        declared, fields=(dataclasses.replace(first, pattern=r"^never$"), *declared.fields[1:])
    )
    assert _validated.declaration_key(stricter) != _validated.declaration_key(declared)
    monkeypatch.setitem(__import__("dtanalysis.tables").tables.TABLES, "audit", stricter)
    with pytest.raises(SchemaError, match=rf"line 2: {first.name}: pattern \^never\$"):
        read_table("audit", path.parent)
    assert checks == ["audit", "audit"]


def test_outside_a_checkout_every_read_checks(tmp_path, monkeypatch, checks):
    monkeypatch.setattr(_validated, "_marker", lambda t, part: None)
    shutil.copy(PROCESSED / "gaps.csv", tmp_path / "gaps.csv")
    read_table("gaps", tmp_path)
    read_table("gaps", tmp_path)
    assert checks == ["gaps", "gaps"]


def test_observation_files_are_checked_once_and_again_when_edited(root, checks):
    from dtanalysis.observations import ObservationsError, load_observations

    folder = root / "observations"
    shutil.copytree(OBSERVATIONS, folder)
    files = sorted(p.name for p in folder.glob("*.csv"))
    checks.clear()
    first = load_observations(folder)
    assert checks.count("observations") == len(files)
    pd.testing.assert_frame_equal(load_observations(folder), first)
    assert checks.count("observations") == len(files)
    edited = folder / files[0]
    _edit(edited, "observation_id", "")
    with pytest.raises(ObservationsError, match=rf"{edited}:2: observation_id"):
        load_observations(folder)
    assert checks.count("observations") == len(files) + 1


def test_the_corpus_manifest_is_checked_once_and_again_when_edited(root, checks):
    from dtanalysis.corpus import CorpusError, read_manifest

    raw = root / "raw"
    raw.mkdir()
    shutil.copy(RAW / "sources.csv", raw / "sources.csv")
    checks.clear()
    first = read_manifest(raw)
    assert read_manifest(raw) == first
    assert checks.count("sources") == 1
    _edit(raw / "sources.csv", "document_date", "2024-02-30")
    with pytest.raises(CorpusError, match=r"sources.csv: line 2: document_date is not a date"):
        read_manifest(raw)
    assert checks.count("sources") == 2
