"""Tests for the published-observations table, its library and the shipped observations."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dtanalysis.errors import DtanalysisError
from dtanalysis.observations import (
    FLAG_COLUMNS,
    SORT_KEYS,
    ObservationsError,
    add_observations,
    check_printed_values,
    columns,
    load_observations,
    observations_dir,
)
from dtanalysis.tables.observations import UNITS_2025, unit_2025_name
from dtanalysis.tables.reference import STATUSES

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "observations"

GOOD = {
    "observation_id": "test.kg.dti_rank.2022", "unit_kind": "province_pre2025", "unit_id": "91",
    "unit_name": "Kien Giang", "indicator": "dti_rank", "period_start": "2022-01-01",
    "period_end": "2022-12-31", "value": "32", "unit": "rank", "denominator": "",
    "ranked_set_size": "63", "value_as_printed": "đạt 0,5796 điểm, xếp thứ 32/63",
    "source_url": "https://example.org/page", "publisher": "A newspaper", "published": "2023-11",
    "accessed": "2026-12-01", "source_kind": "secondary", "derivation": "", "status": "secondary",
    "note": "",
}


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns(), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _good(i: int, **change) -> dict:
    return {**GOOD, "observation_id": f"test.row{i}", **change}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped observations folder."""
    dest = tmp_path / "observations"
    shutil.copytree(SHIPPED, dest)
    return dest


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- the format -------------------------------------------------------------------------------

def test_default_folder_is_data_observations():
    assert observations_dir() == ROOT / "data" / "observations"


def test_shipped_observations_validate_and_are_sorted():
    obs = load_observations()
    assert list(obs.columns) == columns()
    assert len(obs) > 0
    assert obs["observation_id"].is_unique
    assert obs["value"].dtype == "float64"
    assert str(obs["ranked_set_size"].dtype) == "Int64"
    resorted = obs.sort_values(list(SORT_KEYS), kind="mergesort").reset_index(drop=True)
    pd.testing.assert_frame_equal(obs, resorted)


def test_every_shipped_row_has_a_source_and_an_honest_status():
    obs = load_observations()
    assert obs["source_url"].str.match(r"^https?://\S+$").all()
    assert (obs["publisher"] != "").all() and (obs["accessed"] != "").all()
    assert obs["status"].isin(STATUSES).all()
    assert "weak" not in set(obs["status"]), "weak rows are not shipped"
    verified = obs[obs["status"] == "verified"]
    assert (verified["source_kind"] == "primary").all()
    assert (obs["value_as_printed"] != "").all()


def test_shipped_printed_values_read_back():
    flags = check_printed_values(load_observations())
    assert list(flags.columns) == list(FLAG_COLUMNS)
    assert flags.empty, flags.to_string()


def test_shipped_ranks_lie_within_their_ranked_set():
    obs = load_observations()
    ranks = obs[obs["unit"] == "rank"]
    assert len(ranks) > 0
    assert ranks["ranked_set_size"].notna().all()
    size = ranks["ranked_set_size"].astype(float)
    assert ((ranks["value"] >= 1) & (ranks["value"] <= size)).all()
    assert (ranks["value"] == ranks["value"].round()).all()
    # the 34-unit rankings are of 2025 units, the 63-province rankings of pre-2025 provinces
    assert set(ranks.loc[ranks["unit_kind"] == "unit_2025", "ranked_set_size"]) <= {34}
    assert set(ranks.loc[ranks["unit_kind"] == "province_pre2025", "ranked_set_size"]) <= {63}


def test_dti_2022_ranking_covers_the_63_provinces_as_a_competition_ranking():
    from dtanalysis.provinces import load_provinces

    obs = load_observations()
    dti = obs[(obs["indicator"] == "dti_rank") & (obs["period_start"] == "2022-01-01")
              & (obs["source_url"] == "https://dti.gov.vn/xep-hang-2022")]
    assert sorted(dti["unit_id"]) == sorted(p.province_id for p in load_provinces())
    assert (dti["status"] == "verified").all()
    ranks = dti["value"].astype(int).tolist()
    # standard competition ranking: each rank is 1 + the number of provinces ranked better,
    # so tied provinces share a rank and the ranks after a tie are skipped
    for r in ranks:
        assert r == 1 + sum(1 for o in ranks if o < r)
    ties = {r for r in ranks if ranks.count(r) > 1}
    skipped = {r + k for r in ties for k in range(1, ranks.count(r))}
    assert set(ranks) | skipped == set(range(1, 64))
    assert not (set(ranks) & skipped)


def test_conflicting_published_values_are_kept_as_separate_rows():
    obs = load_observations()
    hp = obs[(obs["unit_id"] == "31") & (obs["period_start"] == "2023-01-01")]
    for indicator in ("par_index_score", "sipas_score"):
        values = hp.loc[hp["indicator"] == indicator, "value"]
        assert values.nunique() >= 2, indicator
        notes = hp.loc[hp["indicator"] == indicator, "note"]
        assert notes.str.contains("Conflict").all()


def test_empty_or_missing_folder_gives_an_empty_typed_table(tmp_path):
    for folder in (tmp_path, tmp_path / "missing"):
        obs = load_observations(folder)
        assert obs.empty
        assert list(obs.columns) == columns()
        assert obs["value"].dtype == "float64"
        assert str(obs["ranked_set_size"].dtype) == "Int64"
        assert check_printed_values(obs).empty


def test_the_same_id_in_two_files_is_refused(tmp_path):
    _write(tmp_path / "a.csv", [_good(1)])
    _write(tmp_path / "b.csv", [_good(1)])
    with pytest.raises(ObservationsError, match=r"b\.csv:2: observation_id 'test.row1' already "
                                                r"exists in a\.csv"):
        load_observations(tmp_path)


# -- the printed-value check ----------------------------------------------------------------

def test_a_value_not_in_its_print_is_flagged():
    rows = pd.DataFrame([
        {**GOOD, "observation_id": "ok", "indicator": "dti_score", "unit": "score",
         "value": 0.5796, "value_as_printed": "đạt 0,5796 điểm, xếp thứ 32/63"},
        {**GOOD, "observation_id": "typo", "indicator": "dti_score", "unit": "score",
         "value": 0.5769, "value_as_printed": "đạt 0,5796 điểm, xếp thứ 32/63"},
        {**GOOD, "observation_id": "words", "value": 32.0, "value_as_printed": "đứng đầu"},
        {**GOOD, "observation_id": "derived", "value": 24.0, "derivation": "32 - 8",
         "value_as_printed": "xếp thứ 32/63, giảm 8 bậc"},
        {**GOOD, "observation_id": "million", "indicator": "population", "unit": "count",
         "value": 4_700_000.0, "value_as_printed": "khoảng 4,7 triệu người"},
    ])
    flags = check_printed_values(rows).set_index("observation_id")
    assert set(flags.index) == {"typo", "words"}
    assert "0.5769" in flags.loc["typo", "reason"] and "0.5796" in flags.loc["typo", "numbers_read"]
    assert "no number" in flags.loc["words", "reason"]


# -- adding a researcher's file ----------------------------------------------------------------

def test_a_good_file_is_added_whole(folder, tmp_path):
    before = len(load_observations(folder))
    src = _write(tmp_path / "mine.csv", [_good(1), _good(2, value="33", unit_id="89",
                                                        unit_name="An Giang")])
    path, n = add_observations(src, folder)
    assert (path, n) == (folder / "mine.csv", 2)
    assert path.read_bytes() == src.read_bytes()
    obs = load_observations(folder)
    assert len(obs) == before + 2
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


BAD_ROWS = [
    ({"unit_id": "99", "unit_name": "Atlantis"}, "unknown pre-2025 province"),
    ({"unit_id": "30"}, "unknown pre-2025 province"),  # code of Hải Dương, name Kiên Giang
    ({"unit_kind": "unit_2025", "unit_id": "", "unit_name": "Kiên Giang"}, "unknown 2025 unit"),
    ({"indicator": "dti_rnak"}, "indicator is not in the codebook"),
    ({"period_end": "2022-02-30"}, "period_end: ISO date that exists"),
    ({"period_start": "2023-01-01"}, "period_start is after period_end"),
    ({"value": "ba mươi hai"}, "value 'ba mươi hai' is not a number"),
    ({"source_url": ""}, "source_url: required"),
    ({"observation_id": "dti2022.rank.91"}, "already exists in dti_2022_ranking.csv"),
    ({"value": "64"}, "a rank needs ranked_set_size and a whole value within 1..ranked_set_size"),
    ({"ranked_set_size": ""}, "a rank needs ranked_set_size"),
    ({"unit": "percent"}, "unit differs from the codebook unit"),
    ({"status": "verified"}, "status verified needs a primary source"),
    ({"indicator": "dti_score", "unit": "score", "value": "5796"}, "value outside the scale"),
]


@pytest.mark.parametrize(("change", "message"), BAD_ROWS)
def test_each_kind_of_bad_row_is_named_by_file_and_line(folder, tmp_path, change, message):
    src = _write(tmp_path / "mine.csv", [_good(1), _good(2, **change), _good(3)])
    before = _snapshot(folder)
    with pytest.raises(ObservationsError) as err:
        add_observations(src, folder)
    text = str(err.value)
    assert isinstance(err.value, DtanalysisError)
    lines = text.splitlines()
    assert lines[0] == f"{src}: refused, 1 bad row(s) of 3"
    assert len(lines) == 2 and lines[1].startswith(f"{src}:3: ")
    assert message in lines[1]
    assert _snapshot(folder) == before, "nothing is half-added"


def test_every_bad_row_gets_its_own_line(folder, tmp_path):
    rows = [_good(1), _good(2, unit_id="99", unit_name="Atlantis"), _good(3),
            _good(4, period_end="2022-13-01", source_url=""), _good(5, indicator="nope")]
    src = _write(tmp_path / "mine.csv", rows)
    before = _snapshot(folder)
    with pytest.raises(ObservationsError) as err:
        add_observations(src, folder)
    lines = str(err.value).splitlines()
    assert lines[0].endswith("refused, 3 bad row(s) of 5")
    assert [ln.split(": ")[0] for ln in lines[1:]] == [f"{src}:3", f"{src}:5", f"{src}:6"]
    assert "period_end" in lines[2] and "source_url" in lines[2]
    assert _snapshot(folder) == before


def test_a_file_is_not_added_twice_and_columns_are_checked(folder, tmp_path):
    src = _write(tmp_path / "mine.csv", [_good(1)])
    add_observations(src, folder)
    with pytest.raises(ObservationsError, match="already exists"):
        add_observations(src, folder)
    bad = tmp_path / "other.csv"
    bad.write_text("observation_id,value\nx,1\n", encoding="utf-8")
    with pytest.raises(ObservationsError, match="other.csv: missing column"):
        add_observations(bad, folder)
    with pytest.raises(ObservationsError, match="not found"):
        add_observations(tmp_path / "absent.csv", folder)


# -- units and codebook ----------------------------------------------------------------------

def test_the_34_units_of_2025_cover_the_63_provinces_once():
    from dtanalysis.provinces import canonical_province, load_provinces
    from dtanalysis.reference import load_admin_units_2025

    assert len(UNITS_2025) == 34
    codes = [canonical_province(p)[0] for parts in UNITS_2025.values() for p in parts]
    assert sorted(codes) == sorted(p.province_id for p in load_provinces())
    for name in load_admin_units_2025()["province_2025"]:
        assert unit_2025_name(name) == name
    assert unit_2025_name("TP. Hai Phong") == "Hải Phòng"
    assert unit_2025_name("Kiên Giang") is None


def test_the_new_codebook_indicators_are_described():
    from dtanalysis.reference import load_codebook

    cb = load_codebook().set_index("indicator_id")
    obs = load_observations()
    for iid in set(obs["indicator"]):
        assert iid in cb.index
    published = cb[cb["kind"] == "index"]
    assert len(published) >= 19
    assert (published["cues_vi"] != "").all() and (published["publisher"] != "").all()
    ranks = published[published["unit"] == "rank"]
    assert not ranks["higher_is_better"].any()
    assert (ranks["ranked_set_size"] != "").all()
    scores = published[published["unit"] == "score"]
    assert scores["higher_is_better"].all()
    assert scores["scale_min"].notna().all() and scores["scale_max"].notna().all()
    assert (published["method_breaks"] != "").all()
    assert "2020" in cb.loc["dti_score", "method_breaks"]
    assert "2021" in cb.loc["dti_score", "method_breaks"]
