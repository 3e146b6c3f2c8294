"""Rank trajectories: percentiles, places up/down, ties, ranked-set changes, method breaks."""
import math

import pandas as pd
import pytest

from dtanalysis.adoption import ModelInputError
from dtanalysis.codes import RankFlag
from dtanalysis.ranks import (
    RANK_COLUMNS,
    method_period,
    method_period_starts,
    rank_observations,
    rank_trajectories,
)
from dtanalysis.tables.ranks_decl import RANKS

BREAKS = {"dti_rank": "2020: first edition; 2021-2023: 9 main indices; 2024: 8 main indices"}


def rank_rows(ranks, years=None, *, province="Kiên Giang", pid="91", kind="province_pre2025",
              indicator="dti_rank", size=63, ids=None):
    years = years or list(range(2020, 2020 + len(ranks)))
    sizes = size if isinstance(size, list) else [size] * len(ranks)
    return pd.DataFrame({
        "unit_kind": kind, "province_id": pid, "province": province, "indicator": indicator,
        "period_start": [f"{y}-01-01" for y in years],
        "period_end": [f"{y}-12-31" for y in years], "measure_type": "level",
        "value": ranks, "unit": "rank", "denominator": sizes, "share": float("nan"),
        "observation_ids": ids or [f"{pid or province}.{indicator}.{y}" for y in years]})


def by_year(table, province="Kiên Giang"):
    return table[table["province"] == province].set_index("year")


def test_places_up_means_a_lower_rank_and_percentiles_compare_63_with_34():
    t = by_year(rank_trajectories(rank_rows([24, 32, 20], [2021, 2022, 2023]),
                                  method_breaks=BREAKS))
    assert math.isnan(t.loc[2021, "places_up"]) and t.loc[2021, "flags"] == RankFlag.FIRST
    assert t.loc[2022, "places_up"] == -8 and t.loc[2022, "movement"] == "down"
    assert t.loc[2023, "places_up"] == 12 and t.loc[2023, "movement"] == "up"
    assert t.loc[2023, "comparable"] and t.loc[2023, "previous_rank"] == 32
    assert t.loc[2022, "rank_percentile"] == pytest.approx(31 / 62)
    first_last = rank_trajectories(pd.concat([
        rank_rows([1], [2024], size=34, kind="unit_2025", pid="", province="Hải Phòng"),
        rank_rows([34], [2024], size=34, kind="unit_2025", pid="", province="Cà Mau"),
        rank_rows([63], [2024])]), method_breaks=BREAKS)
    assert first_last.set_index("province")["rank_percentile"].to_dict() == {
        "Hải Phòng": 0.0, "Cà Mau": 1.0, "Kiên Giang": 1.0}


def test_ties_are_competition_ranks_and_a_rank_inside_the_gap_is_flagged():
    panel = pd.concat([rank_rows([15], [2022], province="Yên Bái", pid="15"),
                       rank_rows([15], [2022], province="Thanh Hóa", pid="38"),
                       rank_rows([16], [2022], province="Nam Định", pid="36"),
                       rank_rows([17], [2022], province="Hà Nam", pid="35")])
    t = rank_trajectories(panel, method_breaks=BREAKS).set_index("province")
    assert t.loc["Yên Bái", "tied"] and t.loc["Thanh Hóa", "n_tied"] == 2
    assert RankFlag.TIE in t.loc["Yên Bái", "flags"].split(";")
    assert RankFlag.TIE_GAP in t.loc["Nam Định", "flags"].split(";")
    assert "2 units share rank 15" in t.loc["Nam Định", "note"]
    assert not t.loc["Hà Nam", "tied"] and t.loc["Hà Nam", "flags"] == RankFlag.FIRST


def test_a_change_of_the_ranked_set_gives_no_places_only_a_flagged_percentile_change():
    panel = rank_rows([10, 5], [2023, 2024], size=[63, 34], indicator="service_index_766_rank")
    t = by_year(rank_trajectories(panel, method_breaks={"service_index_766_rank": ""}))
    row = t.loc[2024]
    assert math.isnan(row["places_up"]) and not row["comparable"]
    assert RankFlag.SET_CHANGE in row["flags"].split(";") and "63 -> 34" in row["note"]
    assert row["percentile_change"] == pytest.approx(4 / 33 - 9 / 62)
    assert row["movement"] == "up"  # from the percentile: 0.121 < 0.145


def test_method_breaks_of_the_codebook_flag_the_change_but_keep_it():
    panel = rank_rows([9, 24, 32], [2020, 2021, 2022])
    t = by_year(rank_trajectories(panel))  # the package codebook's DTI method breaks
    assert t.loc[2021, "places_up"] == -15 and not t.loc[2021, "comparable"]
    assert RankFlag.METHOD_BREAK in t.loc[2021, "flags"].split(";")
    assert "between 2020 (from 2020) and 2021 (from 2021)" in t.loc[2021, "note"]
    assert t.loc[2022, "comparable"] and t.loc[2022, "flags"] == ""
    assert method_period_starts(BREAKS["dti_rank"]) == (2020, 2021, 2024)
    assert method_period(BREAKS["dti_rank"], 2019) == "before 2020"


def test_a_pre_merger_province_and_its_2025_unit_are_never_joined():
    panel = pd.concat([rank_rows([14, 8], [2022, 2023], province="Hải Phòng", pid="31"),
                       rank_rows([3], [2024], size=34, kind="unit_2025", pid="",
                                 province="Hải Phòng")])
    t = rank_trajectories(panel, method_breaks=BREAKS)
    unit = t[t["unit_kind"] == "unit_2025"].iloc[0]
    assert unit["previous_period_end"] == "" and math.isnan(unit["places_up"])
    assert unit["flags"] == RankFlag.FIRST
    assert len(t[t["unit_kind"] == "province_pre2025"]) == 2


def test_the_same_fact_from_two_sources_is_one_point_and_a_conflict_is_flagged():
    same = rank_rows([21, 21, 16], [2020, 2020, 2021], province="Hải Phòng", pid="31",
                     ids=["a.2020", "b.2020", "c.2021"])
    obs = rank_observations(same, {})
    assert len(obs) == 2 and obs.iloc[0]["observation_ids"] == "a.2020;b.2020"
    conflict = rank_rows([2, 3, 2], [2023, 2023, 2024], province="Hải Phòng", pid="31",
                         indicator="par_index_rank", ids=["x.2023", "y.2023", "z.2024"])
    t = by_year(rank_trajectories(conflict, {}), "Hải Phòng")
    assert RankFlag.CONFLICT in t.loc[2023, "flags"].split(";") and t.loc[2023, "rank"] == 2
    assert "ranks 2, 3" in t.loc[2023, "note"]
    assert not t.loc[2024, "comparable"]  # a change from a disputed rank is not plain


def test_a_change_of_period_length_is_flagged():
    panel = rank_rows([1, 1], [2023, 2024], indicator="service_index_766_rank")
    panel.loc[1, "period_end"] = "2024-09-30"
    t = by_year(rank_trajectories(panel, method_breaks={"service_index_766_rank": ""}))
    assert RankFlag.PERIOD_CHANGE in t.loc[2024, "flags"].split(";")
    assert not t.loc[2024, "comparable"] and t.loc[2024, "places_up"] == 0


def test_the_table_is_declared_validates_and_refuses_impossible_ranks():
    t = rank_trajectories(rank_rows([9, 24, 32]), method_breaks=BREAKS)
    assert list(t.columns) == RANK_COLUMNS == RANKS.columns
    typed = RANKS.validate(t)
    assert typed["tied"].dtype == bool and typed["year"].dtype == "int64"
    with pytest.raises(ModelInputError, match="not a whole number in 1..ranked_set_size"):
        rank_trajectories(rank_rows([64]), method_breaks=BREAKS)
    with pytest.raises(ModelInputError, match="missing column"):
        rank_trajectories(pd.DataFrame({"province": ["x"]}))
    empty = rank_trajectories(rank_rows([9]).assign(unit="percent"), method_breaks=BREAKS)
    assert empty.empty and list(empty.columns) == RANK_COLUMNS


def test_the_declaration_checks_a_rank_against_its_ranked_set():
    from dtanalysis.tables import SchemaError

    t = rank_trajectories(rank_rows([9]), method_breaks=BREAKS)
    assert RANKS.name == "ranks" and RANKS.kind == "processed"
    with pytest.raises(SchemaError, match="rank outside 1..ranked_set_size"):
        RANKS.validate(t.assign(rank=70.0))
