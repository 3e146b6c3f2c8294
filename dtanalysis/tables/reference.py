"""Declarations of the reference tables shipped in ``dtanalysis/data/``.

Read through :func:`dtanalysis.tables.read_table` (typed and validated here, cached by
:mod:`dtanalysis.reference`); every row carries its source and, where a fact can be
checked, a verification status.
"""

from __future__ import annotations

from ._layer import PROVINCE_ID, Field, RowCheck, Table, other_table

#: Verification statuses of reference facts.
STATUSES = ("verified", "secondary", "weak")
_ID = r"^[a-z][a-z0-9_]*$"
_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _codebook_ids():
    return set(other_table("indicators")["indicator_id"])


def _rank_ids():
    book = other_table("indicators")
    return set(book.loc[book["unit"] == "rank", "indicator_id"])


INDICATORS = Table(
    "indicators",
    "The indicator codebook: labels, Vietnamese cue phrases, unit, denominator, direction",
    (
        Field(
            "indicator_id",
            "string",
            "Lower-case identifier of the indicator",
            required=True,
            pattern=_ID,
            unique=True,
        ),
        Field("label_en", "string", "English label", required=True),
        Field("label_vi", "string", "Vietnamese label", required=True),
        Field(
            "cues_vi",
            "string",
            "'|'-separated Vietnamese cue phrases (plain, or anchored "
            "with '#' standing for the figure; see dtanalysis.reference)",
            required=True,
        ),
        Field(
            "unit",
            "string",
            "Unit of the indicator (score: a composite index on the "
            "scale scale_min-scale_max; rank: a position in a ranked set, 1 = best)",
            required=True,
            enum=("percent", "count", "ratio", "score", "rank"),
        ),
        Field("denominator", "string", "What a share is a share of (adults, households, ...)"),
        Field(
            "kind",
            "string",
            "share (a percentage), stock (things that exist at a date), "
            "flow (events over a period) or index (a published composite score or rank for a "
            "period)",
            required=True,
            enum=("share", "stock", "flow", "index"),
        ),
        Field("higher_is_better", "boolean", "Desired direction of the indicator"),
        Field(
            "ceiling",
            "number",
            "Ceiling K of the adoption curve, percent (100 when empty)",
            default="100",
            minimum=0,
            maximum=100,
        ),
        Field("note", "string", "Notes on the definition"),
        Field("source", "string", "Where the definition comes from", required=True),
        Field("publisher", "string", "Who publishes the statistic (published indices)"),
        Field("scale_min", "number", "Lowest value the published scale allows (scores)"),
        Field("scale_max", "number", "Highest value the published scale allows (scores)"),
        Field(
            "ranked_set_size",
            "string",
            "Sizes of the ranked sets, '|'-separated (63 "
            "provinces; 34 merged units from the 2025 reorganisation)",
            pattern=r"^\d+(\|\d+)*$",
        ),
        Field(
            "method_breaks",
            "string",
            "Where and how the publisher changed the method, so "
            "values across the break are not comparable",
        ),
    ),
    kind="reference",
    normalize=True,
)

TARGETS = Table(
    "targets",
    "National and provincial targets, each with its document, quote and verification status",
    (
        Field("target_id", "string", "Identifier of the target", required=True, unique=True),
        Field("indicator_id", "string", "Codebook indicator the target is set for", required=True),
        Field(
            "scope",
            "string",
            "'national' or the province code that set the target",
            required=True,
            pattern=r"^(national|\d{2})$",
        ),
        Field(
            "comparator",
            "string",
            "How the target is met: '>=' or '>' for a share; '<=' "
            "(or '<') on the rank for a rank target ('thuộc nhóm 20': rank <= 20)",
            required=True,
            enum=(">=", ">", "<=", "<"),
        ),
        Field(
            "value",
            "number",
            "Target value (percent for a share, a rank position for a rank target)",
            required=True,
        ),
        Field(
            "unit",
            "string",
            "Unit of the value: percent, or rank (1 = best)",
            required=True,
            enum=("percent", "rank"),
        ),
        Field("deadline", "date", "Date by which the target is to be met", required=True),
        Field("source_document", "string", "Document that sets the target", required=True),
        Field("document_number", "string", "Number of the decision, plan or resolution that sets "
              "the target, as its source names it (411/QĐ-TTg, 186/KH-UBND, 06-NQ/TU); empty when "
              "the source names none (a number the source only mentions, such as a decision a "
              "plan implements, is not the target's)",
              pattern=r"^\d+(/\d{4})?(/[A-Za-zĐđ]+(-[A-Za-zĐđ0-9]+)+|-[A-Za-zĐđ]+/[A-Za-zĐđ]+"
                      r"|/[A-Za-zĐđ]+\d*)$"),
        Field("source_date", "string", "Date of that document (ISO, possibly YYYY or YYYY-MM)",
              pattern=_PARTIAL_DATE),
        Field("source_url", "string", "Address of the source read"),
        Field(
            "status", "string", "Verification status of the source", required=True, enum=STATUSES
        ),
        Field("status_note", "string", "What qualifies the status"),
        Field("quote", "string", "A short quote of the source", required=True),
    ),
    kind="reference",
    normalize=True,
    row_checks=(
        RowCheck(
            "indicator_id is not in the codebook",
            lambda df: ~df["indicator_id"].isin(_codebook_ids()),
        ),
        RowCheck(
            "a percent target outside 0-100",
            lambda df: (df["unit"] == "percent") & ~df["value"].between(0, 100),
        ),
        RowCheck(
            "a rank target that is not a whole number of at least 1",
            lambda df: (df["unit"] == "rank") & ~((df["value"] >= 1) & (df["value"] % 1 == 0)),
        ),
        RowCheck(
            "a rank target whose comparator is not '<=' or '<' (rank 1 is the best)",
            lambda df: (df["unit"] == "rank") & ~df["comparator"].isin(("<=", "<")),
        ),
        RowCheck(
            "a percent target whose comparator is not '>=' or '>'",
            lambda df: (df["unit"] == "percent") & ~df["comparator"].isin((">=", ">")),
        ),
        RowCheck(
            "a rank target for an indicator whose codebook unit is not rank",
            lambda df: (df["unit"] == "rank") & ~df["indicator_id"].isin(_rank_ids()),
        ),
    ),
)

DENOMINATORS = Table(
    "denominators",
    "Population, adult population, households and communes by province and year",
    (
        Field("province_id", "string", "Pre-2025 GSO code", required=True, pattern=PROVINCE_ID),
        Field(
            "year", "integer", "Year the count refers to", required=True, minimum=1900, maximum=2100
        ),
        Field(
            "quantity",
            "string",
            "What is counted",
            required=True,
            enum=("population", "adult_population", "households", "communes"),
        ),
        Field("value", "number", "The count", required=True, minimum=1),
        Field(
            "source", "string", "Where the count comes from (a corpus span, a page)", required=True
        ),
        Field("source_url", "string", "Address of the source"),
        Field("status", "string", "Verification status", required=True, enum=STATUSES),
        Field("note", "string", "Notes (lower bounds, derivations)"),
    ),
    kind="reference",
    normalize=True,
    row_checks=(
        RowCheck(
            "duplicate province/year/quantity",
            lambda df: df.duplicated(["province_id", "year", "quantity"], keep="first"),
        ),
    ),
)

PROVINCES = Table(
    "provinces",
    "The 63 provinces before 2025 with their GSO codes and aliases",
    (
        Field(
            "province_id",
            "string",
            "Pre-2025 GSO code (two digits)",
            required=True,
            pattern=PROVINCE_ID,
            unique=True,
        ),
        Field("name", "string", "Canonical name with diacritics", required=True, unique=True),
        Field(
            "aliases",
            "string",
            "'|'-separated names as texts write them, with and without diacritics",
            required=True,
        ),
        Field("region", "string", "Socio-economic region", required=True),
        Field("type", "string", "tỉnh or thành phố", required=True, enum=("tỉnh", "thành phố")),
        Field("source", "string", "Where the code comes from", required=True),
        Field("status", "string", "Verification status of the code", required=True, enum=STATUSES),
    ),
    kind="reference",
    normalize=True,
)

ADMIN_UNITS_2025 = Table(
    "admin_units_2025",
    "The 2025 reorganisation of provincial units (Nghị quyết 202/2025/QH15)",
    (
        Field(
            "province_id",
            "string",
            "Pre-2025 GSO code",
            required=True,
            pattern=PROVINCE_ID,
            unique=True,
        ),
        Field("province", "string", "Pre-2025 province", required=True),
        Field(
            "province_2025_id",
            "string",
            "Code of the new unit (empty when not verified)",
            pattern=PROVINCE_ID,
        ),
        Field(
            "province_2025",
            "string",
            "The unit it belongs to from the effective date",
            required=True,
        ),
        Field("effective", "date", "Date from which the new unit applies", required=True),
        Field("legal_basis", "string", "Resolution and decisions", required=True),
        Field("source_url", "string", "Address of the source read", required=True),
        Field("status", "string", "Verification status of the merger", required=True),
        Field("code_status", "string", "Verification status of the new code"),
        Field("note", "string", "Notes"),
    ),
    kind="reference",
    normalize=True,
    row_checks=(
        RowCheck(
            "a new code is given without a verified/secondary code_status",
            lambda df: (df["province_2025_id"] != "") & ~df["code_status"].isin(STATUSES),
        ),
    ),
)

REFERENCE = (INDICATORS, TARGETS, DENOMINATORS, PROVINCES, ADMIN_UNITS_2025)
