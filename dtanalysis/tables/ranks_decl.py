"""Declaration of the processed table ``ranks`` (``data/processed/ranks.csv``).

Written by :func:`dtanalysis.ranks.rank_trajectories`: one row per unit × rank
indicator × period of the panel's published ranks. Kept in its own module so the
lead can add ``RANKS`` to :data:`dtanalysis.tables.processed.PROCESSED`
(``from .ranks_decl import RANKS``) when the build writes it.
"""
from __future__ import annotations

from ..codes import RankFlag
from ._layer import PROVINCE_ID, Field, RowCheck, Table

_FLAGS = "; ".join(f"'{f.value}'" for f in RankFlag)

RANKS = Table(
    "ranks",
    "Rank trajectories: each unit's published rank per indicator and period, the rank "
    "percentile and the change from the previous period (ties, ranked-set changes and "
    "method breaks flagged)",
    (
        Field("unit_kind", "string", "province_pre2025, unit_2025 or national: a pre-merger "
              "province and a post-merger unit are different series, never joined",
              required=True, enum=("province_pre2025", "unit_2025", "national")),
        Field("province_id", "string", "Pre-2025 GSO code (empty for 2025 units and the "
              "country)", pattern=PROVINCE_ID),
        Field("province", "string", "Name of the unit (Vietnamese, NFC)", required=True),
        Field("indicator", "string", "Rank indicator (codebook id, unit rank)", required=True),
        Field("period_start", "date", "Start of the ranked period"),
        Field("period_end", "date", "End of the ranked period", required=True),
        Field("year", "integer", "Year of period_end", required=True, minimum=1900,
              maximum=2100),
        Field("rank", "number", "Published rank (1 = best; competition ranking: two units "
              "15th, none 16th)", required=True, minimum=1),
        Field("ranked_set_size", "number", "Number of units ranked (63 provinces; 34 merged "
              "units from 2025)", required=True, minimum=1),
        Field("rank_percentile", "number", "(rank - 1)/(ranked_set_size - 1): 0 best, 1 "
              "last, comparable between a 63- and a 34-unit ranking", minimum=0, maximum=1),
        Field("tied", "boolean", "True when other units of the panel share this rank in "
              "the same ranking"),
        Field("n_tied", "integer", "Units of the panel holding this rank in this ranking "
              "(1 = no tie seen; only units present in the panel are counted)", minimum=1),
        Field("previous_period_end", "date", "End of the previous period of the same series "
              "(empty for the first)"),
        Field("previous_rank", "number", "Rank in the previous period"),
        Field("previous_ranked_set_size", "number", "Size of the ranked set in the previous "
              "period"),
        Field("places_up", "number", "previous_rank - rank: positive = moved up (a better, "
              "lower rank); empty for the first period and across a change of the ranked "
              "set (places among 63 and among 34 are not comparable)"),
        Field("percentile_change", "number", "rank_percentile - previous rank_percentile: "
              "negative = better"),
        Field("movement", "string", "up, down or same (from places_up, else from the "
              "percentile change); empty for the first period",
              enum=("up", "down", "same", "")),
        Field("comparable", "boolean", "True when the change is a plain change of places: "
              "same ranked set, same period length, no method break between the two "
              "periods, no conflicting published values"),
        Field("method_period", "string", "The publisher's method period the year falls in "
              "(from the codebook method_breaks, e.g. 'from 2021'); empty when none named"),
        Field("flags", "string", f"';'-joined flags: {_FLAGS}"),
        Field("note", "string", "What the flags mean for this row (the sizes, years and "
              "values concerned)"),
        Field("observation_ids", "string", "';'-joined ids of the published observations "
              "(data/observations/) the rank comes from"),
    ),
    row_checks=(
        RowCheck("rank outside 1..ranked_set_size",
                 lambda df: df["rank"] > df["ranked_set_size"]),
    ),
)
