"""Declarations of the processed tables (``data/processed/*.csv``).

Each table is declared here once; its column list, data dictionary entry, typed reader
and deterministic writer all derive from the declaration (see
:mod:`dtanalysis.tables`). Adding a column means declaring (and describing) it here.
"""

from __future__ import annotations

from ..codes import (
    AuditCheck,
    CommonSlopeStatus,
    ComparedWith,
    DistanceMethod,
    FitMethod,
    FitStatus,
    Verdict,
)
from ._layer import PROVINCE_ID, Field, RowCheck, Table
from .ranks_decl import RANKS

_UNITS = ("percent", "count", "ratio", "vnd", "other", "percent_point", "per_mille")
_BASIS = ("sentence", "place", "paragraph", "document", "document_place", "domain", "default")
_QUALIFIERS = ("over", "under", "nearly", "approx")


def _province_id(name: str, description: str, **kw) -> Field:
    """A pre- or post-2025 province code: two digits (leading zero kept), or empty."""
    return Field(name, "string", description, pattern=PROVINCE_ID, **kw)


#: How a figure's or mention's province was found (the same in both tables).
_ATTRIBUTION = (
    Field(
        "province_basis",
        "string",
        "Where the province comes from: sentence, place (a district or ward named in the "
        "sentence), paragraph (the one province its paragraph names, in a text about "
        "several), document, document_place, domain (a provincial .gov.vn domain), "
        "default, or empty",
        enum=_BASIS,
    ),
    Field(
        "province_evidence",
        "string",
        "The place or domain that gave the province, with the gazetteer and its version "
        "('huyện Thoại Sơn (vietnamadminunits 1.0.4)'); for a province given by 'lần "
        "lượt' (respectively), the figure's place in the list; when the province is "
        "empty, why none was given (a national subject, provinces named together, a "
        "count of provinces, an unclear place, ...); empty otherwise",
    ),
)


FIGURES = Table(
    "figures",
    "One row per figure (a quantity) extracted from the corpus",
    (
        Field(
            "figure_id",
            "string",
            "'{doc_id}:{start}-{end}', stable while the text is unchanged",
            required=True,
        ),
        Field("doc_id", "string", "Manifest doc_id (or file name)", required=True),
        Field("file", "string", "File name of the raw text"),
        Field(
            "province",
            "string",
            "Province named by the sentence, else by the document (with diacritics)",
        ),
        _province_id("province_id", "Pre-2025 GSO code of the province"),
        *_ATTRIBUTION,
        Field(
            "value",
            "number",
            "The number (percent stays in percent; for a ratio the numerator; for a range the "
            "low end)",
        ),
        Field("low", "number", "Low end of a range"),
        Field("high", "number", "High end of a range"),
        Field(
            "unit",
            "string",
            "percent, count, ratio, vnd, other, percent_point (điểm phần trăm) or per_mille (‰,"
            " value in per mille)",
            enum=_UNITS,
        ),
        Field("numerator", "number", "Numerator of a ratio"),
        Field("denominator", "number", "Denominator of a ratio"),
        Field("qualifier", "string", "over, under, nearly, approx or empty"),
        Field("scale", "number", "Multiplier of the written number (1, 1e3, 1e6, 1e9)"),
        Field("unit_text", "string", "Unit as written"),
        Field("raw", "string", "Exact substring of the normalised text", required=True),
        Field(
            "start",
            "integer",
            "Start offset of raw in the normalised text",
            required=True,
            minimum=0,
        ),
        Field(
            "end", "integer", "End offset of raw in the normalised text", required=True, minimum=0
        ),
        Field("sentence", "string", "The sentence holding the figure"),
        Field("sentence_start", "integer", "Start offset of the sentence", minimum=0),
        Field("sentence_end", "integer", "End offset of the sentence", minimum=0),
        Field("indicator", "string", "Codebook indicator id; empty when unclassified"),
        Field(
            "status",
            "string",
            "classified, unclassified, context (not a measurement) or excluded (override)",
            enum=["classified", "unclassified", "context", "excluded"],
        ),
        Field("cue", "string", "Codebook cue that matched, or why there is none"),
        Field(
            "period_start",
            "date",
            "ISO start of the period the figure refers to; empty when open or unknown",
        ),
        Field("period_end", "date", "ISO end of the period (the observation date of a level)"),
        Field("period_basis", "string", "Time expression used and where it was found"),
        Field(
            "measure_type",
            "string",
            "level, flow, change or target",
            enum=["level", "flow", "change", "target"],
        ),
        Field("share_numerator", "number", "Numerator stated with a percentage"),
        Field("share_denominator", "number", "Denominator stated with a percentage"),
        Field("share_basis", "string", "How the numerator/denominator of a percentage were found"),
        _province_id(
            "province_2025_id",
            "Post-1 July 2025 unit code (empty when not verified or before the change)",
        ),
        Field(
            "province_2025",
            "string",
            "Post-1 July 2025 unit when the period ends on/after 2025-07-01",
        ),
        Field("override", "string", "Overrides applied, with reasons"),
        Field(
            "flag",
            "string",
            "Empty when the reading is certain; else why it may be wrong (an ambiguous"
            " comma before three digits, a scale word without a unit, ...)",
        ),
    ),
)

MENTIONS = Table(
    "mentions",
    "One row per digit-bearing token of every text",
    (
        Field("mention_id", "string", "'{doc_id}:{start}-{end}'", required=True),
        Field("doc_id", "string", "Manifest doc_id", required=True),
        Field("file", "string", "File name", required=True),
        Field(
            "province",
            "string",
            "Province named by the mention's sentence, else the document's (canonical name)",
        ),
        _province_id("province_id", "Pre-2025 GSO code of that province"),
        *_ATTRIBUTION,
        Field("start", "integer", "Start offset in the normalised text", required=True, minimum=0),
        Field("end", "integer", "End offset (text[start:end] == raw)", required=True, minimum=0),
        Field("raw", "string", "Exact substring of the normalised text", required=True),
        Field(
            "kind",
            "string",
            "figure, date, document_number, time or label",
            required=True,
            enum=["figure", "date", "document_number", "time", "label"],
        ),
        Field("reason", "string", "Why a mention is not a figure (its reading rule)"),
        Field(
            "value",
            "number",
            "Figures: the value (the low end of a range; percent stays in percent)",
        ),
        Field("low", "number", "Figures: low end of a range"),
        Field("high", "number", "Figures: high end of a range"),
        Field(
            "unit",
            "string",
            "Figures: percent, count, ratio, vnd, other, percent_point or per_mille",
            enum=_UNITS,
        ),
        Field("numerator", "number", "Figures: numerator of a ratio"),
        Field("denominator", "number", "Figures: denominator of a ratio or rank"),
        Field(
            "qualifier", "string", "Figures: over, under, nearly, approx or empty", enum=_QUALIFIERS
        ),
        Field("scale", "number", "Figures: multiplier of the scale word (1, 1e3, 1e6, 1e9, ...)"),
        Field("unit_text", "string", "Figures: the unit as written (%, tỷ đồng, km, rank, ...)"),
        Field(
            "sentence_start",
            "integer",
            "Start offset of the sentence holding the mention",
            minimum=0,
        ),
        Field("sentence_end", "integer", "End offset of that sentence", minimum=0),
        Field(
            "flag",
            "string",
            "Empty when the reading is certain; else why it may be wrong (an ambiguous"
            " comma before three digits, a scale word without a unit, ...)",
        ),
    ),
)

PANEL = Table(
    "panel",
    "Province × indicator × period × measure type",
    (
        _province_id("province_id", "Pre-2025 GSO code (empty for a 2025 unit and national)"),
        Field(
            "province",
            "string",
            "Unit name with diacritics (a province, a 2025 unit, or Việt Nam)",
            required=True,
        ),
        Field(
            "unit_kind",
            "string",
            "What the unit is: a pre-2025 province, a post-1 July 2025 "
            "unit (kept apart from the provinces it was formed from) or the whole country",
            required=True,
            enum=("province_pre2025", "unit_2025", "national"),
        ),
        Field("indicator", "string", "Codebook indicator id", required=True),
        Field(
            "period_start",
            "date",
            "ISO start of the period; empty when open (cumulative) or unknown",
        ),
        Field("period_end", "date", "ISO end of the period; the observation date of a level"),
        Field(
            "measure_type",
            "string",
            "level (a state at period_end), flow (a count over the period), change, target",
            required=True,
            enum=["level", "flow", "change", "target"],
        ),
        Field("value", "number", "Stated value (percent, count, ratio numerator, score or rank)"),
        Field("unit", "string", "percent, count, ratio, score or rank"),
        Field(
            "share",
            "number",
            "Share 0-1: the stated percent, the ratio, a count over a sourced denominator, or a "
            "bounded score rescaled to 0-1 by its scale (codebook scale_min, scale_max)",
            minimum=0,
        ),
        Field("numerator", "number", "Numerator of the share"),
        Field(
            "denominator",
            "number",
            "Denominator of the share; for a rank the size of the ranked set (63, or 34 from 2025)",
        ),
        Field(
            "denominator_source",
            "string",
            "Where the denominator comes from (the sentence or denominators.csv)",
        ),
        Field("qualifier", "string", "over, under, nearly, approx or empty"),
        Field("low", "number", "Low end of a range"),
        Field("high", "number", "High end of a range"),
        Field("approximate", "boolean", "The source qualifies the value (hơn, gần, khoảng, ...)"),
        Field(
            "origin",
            "string",
            "Where the row comes from: the texts (figure_ids), published "
            "observations (observation_ids), or an aggregate of the provinces that formed a "
            "2025 unit (observation_ids of its parts)",
            required=True,
            enum=("text", "published", "aggregate"),
        ),
        Field("figure_ids", "string", "';'-joined figure ids the row comes from (texts)"),
        Field("doc_ids", "string", "';'-joined documents (texts)"),
        Field(
            "observation_ids",
            "string",
            "';'-joined observation ids (data/observations/), the one giving the value first",
        ),
        _province_id("province_2025_id", "Post-2025 unit code"),
        Field("province_2025", "string", "Post-2025 unit name"),
    ),
    row_checks=(
        RowCheck(
            "a text row names no figure",
            lambda df: (df["origin"] == "text") & (df["figure_ids"] == ""),
        ),
        RowCheck(
            "a published or aggregate row names no observation",
            lambda df: (df["origin"] != "text") & (df["observation_ids"] == ""),
        ),
        RowCheck(
            "a pre-2025 province without its code",
            lambda df: (df["unit_kind"] == "province_pre2025") & (df["province_id"] == ""),
        ),
    ),
)

AUDIT = Table(
    "audit",
    "One row per check of a figure",
    (
        Field("figure_id", "string", "Figure checked (empty for an unmatched override)"),
        _province_id("province_id", "Pre-2025 GSO code"),
        Field("province", "string", "Province name"),
        Field("indicator", "string", "Indicator id"),
        Field(
            "check",
            "string",
            "percent_vs_ratio, implied_denominator, duplicate, conflict, range, "
            "override_unmatched, period_after_document (a level ending after its document's "
            "date), published_conflict (two published observations of one fact), "
            "text_vs_published (a text figure against the published observation); see "
            "dtanalysis.codes.AuditCheck",
            required=True,
            enum=tuple(AuditCheck),
        ),
        Field(
            "expected",
            "string",
            "What the other source or the arithmetic gives, in words. Numbers the package "
            "computes are written in one format, the English one (1,120,394–1,133,785; "
            "88.03); a source's own text is quoted as printed, between quotes ('1,03%')",
        ),
        Field("observed", "string", "What the figure says (number format as in expected)"),
        Field(
            "verdict",
            "string",
            "ok, info, warning or contradiction",
            required=True,
            enum=tuple(Verdict),
        ),
        Field("explanation", "string", "One-sentence explanation"),
        Field(
            "value_unit",
            "string",
            "Unit of expected_low/high and observed_low/high: percent (a share in percent), "
            "count (a denominator, a numerator), or the figures' unit for a duplicate or "
            "conflict, or the published observations' unit (score, rank, percent, count) for "
            "published_conflict and text_vs_published",
            enum=(*_UNITS, "score", "rank"),
        ),
        Field(
            "expected_low",
            "number",
            "Low end of what the other source or the arithmetic gives, as the expected cell "
            "shows it (equal to expected_high for a single value; empty when not a number)",
        ),
        Field("expected_high", "number", "High end of the expected value (see expected_low)"),
        Field(
            "observed_low",
            "number",
            "Low end of what the figure says: its value (its range for a range) or the "
            "denominator it implies (equal to observed_high for a single value; empty when "
            "not a number, e.g. the share itself beside its implied denominator)",
        ),
        Field("observed_high", "number", "High end of the observed value (see observed_low)"),
        Field(
            "compared_with",
            "string",
            "What the figure was compared against: own_fraction (its own numerator/denominator), "
            "own_share (the denominator its own share and count imply), implied_denominator or "
            "stated_denominator (the denominator another figure implies or states, "
            "compared_figure_id), denominators_table (the denominators.csv row of this "
            "province, denominator_year and denominator_quantity), figure (another figure of "
            "the same period, compared_figure_id), possible_range, overrides, "
            "published_observation (a published observation, compared_figure_id its "
            "observation_id, compared_raw its value_as_printed), document_date (the date of "
            "the figure's document, compared_raw)",
            required=True,
            enum=tuple(ComparedWith),
        ),
        Field(
            "compared_figure_id",
            "string",
            "The figure compared against (implied/stated denominator, duplicate, conflict)",
        ),
        Field("compared_raw", "string", "That figure's text, as written in the source"),
        Field(
            "denominator_year",
            "integer",
            "Year of the denominators.csv row compared against "
            "(compared_with = denominators_table)",
            minimum=1900,
            maximum=2100,
        ),
        Field(
            "denominator_quantity",
            "string",
            "What the denominators count (implied_denominator rows): adult_population, "
            "households, population or communes",
            enum=("adult_population", "households", "population", "communes"),
        ),
    ),
)

ADOPTION = Table(
    "adoption",
    "One logistic adoption curve per province × indicator",
    (
        _province_id("province_id", "Pre-2025 GSO code"),
        Field("province", "string", "Province name"),
        Field("indicator", "string", "Indicator id", required=True),
        Field(
            "method",
            "string",
            "Estimation method (binomial GLM, fractional logit, exact 2-point line, single "
            "observation, no curve, common slope)",
            required=True,
        ),
        Field("status", "string", "What could be estimated, in words", required=True),
        Field("n_obs", "integer", "Number of observations", required=True, minimum=0),
        Field("n_dates", "integer", "Number of distinct observation dates", minimum=0),
        Field("first_date", "date", "Date of the first observation"),
        Field("last_date", "date", "Date of the last observation"),
        Field("first_share", "number", "First observed share (0-1)", minimum=0),
        Field("last_share", "number", "Last observed share (0-1)", minimum=0),
        Field(
            "time_origin",
            "number",
            "Decimal year at which t = 0 (the intercept is the logit there)",
        ),
        Field("ceiling", "number", "Ceiling K of the curve, percent (logit(p/K) is modelled)"),
        Field("intercept", "number", "Intercept on the logit(p/K) scale at time_origin"),
        Field("intercept_ci_lower", "number", "Lower confidence bound of the intercept"),
        Field("intercept_ci_upper", "number", "Upper confidence bound of the intercept"),
        Field("slope_per_year", "number", "Slope on the logit(p/K) scale per year"),
        Field("slope_ci_lower", "number", "Lower confidence bound of the slope"),
        Field("slope_ci_upper", "number", "Upper confidence bound of the slope"),
        Field("ci_level", "number", "Confidence level of the intervals"),
        Field(
            "interval_basis",
            "string",
            "How the intervals were computed (none when no interval exists)",
        ),
        Field("df_resid", "number", "Residual degrees of freedom"),
        Field("dispersion", "number", "Pearson chi2/df of the binomial GLM (empty otherwise)"),
        Field("warnings", "string", "Plain-language warnings, joined by '; '"),
    ),
)

GAPS = Table(
    "gaps",
    "Gap measures per province × indicator × target × measure",
    (
        _province_id("province_id", "Pre-2025 GSO code"),
        Field("province", "string", "Province name"),
        Field("indicator", "string", "Indicator id", required=True),
        Field("target_id", "string", "Target id (targets.csv)"),
        Field("scope", "string", "national or a province code"),
        Field(
            "comparator",
            "string",
            "Comparator of the target (>= or >)",
            enum=[">=", ">", "<=", "<"],
        ),
        Field("target_value", "number", "Target, in target_unit (percent, or a rank position)"),
        Field("target_unit", "string", "Unit of the target"),
        Field("deadline", "date", "Target deadline"),
        Field(
            "direction",
            "string",
            "Desired direction of the indicator (set explicitly, never defaulted)",
        ),
        Field(
            "direction_source",
            "string",
            "Where the direction comes from (codebook, or the target's comparator)",
        ),
        Field("base_date", "date", "Date of the first observation"),
        Field("base_value", "number", "First observed value, in target_unit (percent, or a rank)"),
        Field("latest_date", "date", "Date of the latest observation"),
        Field("latest_value", "number",
              "Latest observed value, in target_unit (percent, or a rank)"),
        Field(
            "measure",
            "string",
            "Gap measure (absolute_gap_pp, required_cagr, cagr_ratio, ...)",
            required=True,
        ),
        Field("method", "string", "Method and its published source", required=True),
        Field("value", "number", "Value of the measure"),
        Field("value_unit", "string", "Unit of the value"),
        Field("ci_lower", "number", "Lower confidence bound"),
        Field("ci_upper", "number", "Upper confidence bound"),
        Field(
            "classification", "string", "Progress class, 'insufficient data' or 'not applicable'"
        ),
        Field(
            "thresholds",
            "string",
            "Thresholds of the classification ([R]: not yet checked against the primary source)",
        ),
        Field("n_obs", "integer", "Number of observations", required=True, minimum=0),
        Field(
            "fit_method", "string", "Method of the adoption curve used by the logit-scale measures"
        ),
        Field("note", "string", "Why a measure has no value, or how it was computed"),
        Field("source_document", "string", "Document that sets the target"),
        Field("target_status", "string", "Verification status of the target's source"),
    ),
)

CURVES = Table(
    "curves",
    "Every adoption curve evaluated on the figure grid (fitted once by the build)",
    (
        _province_id("province_id", "GSO two-digit province code of the series"),
        Field("province", "string", "Province name (Vietnamese, NFC)"),
        Field("indicator", "string", "Indicator id (indicator_id of the codebook)", required=True),
        Field("date", "date", "Date of the grid point", required=True),
        Field(
            "time",
            "number",
            "The date as a decimal year (year + (day of year - 1) / days in "
            "the year, the lubridate::decimal_date convention)",
            required=True,
        ),
        Field(
            "mean",
            "number",
            "Fitted share at the date (0-1, the ceiling already applied)",
            minimum=0,
            maximum=1,
        ),
        Field(
            "ci_lower",
            "number",
            "Lower bound of the pointwise (1 - alpha) confidence interval "
            "of the share, built on the logit scale; empty when the fit has no interval "
            "(exact line through 2 points)",
        ),
        Field(
            "ci_upper",
            "number",
            "Upper bound of the pointwise (1 - alpha) confidence interval "
            "of the share; empty when the fit has no interval",
        ),
        Field(
            "extrapolated",
            "boolean",
            "True when the date lies outside the observed period of "
            "the series (the curve is then conditional on the logistic form)",
        ),
        Field(
            "method",
            "string",
            "How the curve was estimated (the method column of adoption.csv)",
            required=True,
            enum=tuple(FitMethod),
        ),
        Field(
            "status",
            "string",
            "What came of the fit (the status column of adoption.csv)",
            required=True,
            enum=tuple(FitStatus),
        ),
    ),
    float_format=None,  # shortest repr: the figures redraw the curves from these numbers
)

def _pair(side: str) -> tuple[Field, ...]:
    """The province code and name of one side (``a`` or ``b``) of a time distance."""
    which = "first (A)" if side == "a" else "second (B)"
    return (
        _province_id(f"province_id_{side}", f"Pre-2025 GSO code of the {which} series"),
        Field(f"province_{side}", "string", f"Province (or unit) name of the {which} series"),
    )


TIME_DISTANCES = Table(
    "time_distances",
    "Sicherl time distances between two provinces' adoption curves of one indicator (every "
    "ordered pair of curves, read once by the build)",
    (
        Field("indicator", "string", "Indicator id", required=True),
        *_pair("a"),
        *_pair("b"),
        Field(
            "level",
            "number",
            "Share (0-1) at which the distance is read: the middle of the overlap of the two "
            "observed ranges when they overlap (interpolated), else the middle of the gap "
            "between them (extrapolated)",
            required=True,
            minimum=0,
            maximum=1,
        ),
        Field(
            "extrapolated",
            "boolean",
            "True when the level lies outside the observed range of either series (the "
            "distance then rests on the logistic form); false: interpolated within both",
        ),
        Field("year_a", "number", "Decimal year at which curve A reaches the level"),
        Field("year_b", "number", "Decimal year at which curve B reaches the level"),
        Field(
            "value",
            "number",
            "Time distance in years, year_b - year_a (positive: B reaches the level later, "
            "B trails A); the row with A and B swapped holds the opposite sign; empty when a "
            "curve never reaches the level (note)",
        ),
        Field("ci_lower", "number", "Lower bound of the delta-method interval (empty: note)"),
        Field("ci_upper", "number", "Upper bound of the delta-method interval (empty: note)"),
        Field(
            "method",
            "string",
            "How the distance was read: delta method (independent fits), delta method "
            "(unbounded), point estimate only, or none",
            required=True,
            enum=tuple(DistanceMethod),
        ),
        Field("note", "string", "What could not be estimated and why, and other caveats"),
        Field(
            "fit_method_a",
            "string",
            "Method of curve A (the method column of adoption.csv)",
            required=True,
            enum=tuple(FitMethod),
        ),
        Field(
            "fit_method_b",
            "string",
            "Method of curve B (the method column of adoption.csv)",
            required=True,
            enum=tuple(FitMethod),
        ),
    ),
)

SLOPE_TESTS = Table(
    "slope_tests",
    "The pooled test of equal logit slopes per indicator (province-specific slopes against "
    "one common slope) that decides the common-slope curves; one row per unit slope",
    (
        Field("indicator", "string", "Indicator id", required=True),
        Field(
            "status",
            "string",
            "What the build did with the test: common slope fitted, or why not (rejected, "
            "test not runnable, pooled model failed)",
            required=True,
            enum=tuple(CommonSlopeStatus),
        ),
        Field("testable", "boolean", "Whether the test could be run (reason says why not)"),
        Field(
            "method",
            "string",
            "Pooled model and test (binomial GLM: LR chi2 or quasi-binomial F test; "
            "fractional logit: robust Wald F test); none when not testable",
            required=True,
        ),
        Field("statistic", "number", "Test statistic (empty when not testable)"),
        Field("df", "number", "Numerator degrees of freedom of the test (provinces - 1)"),
        Field("p_value", "number", "p-value of the test", minimum=0, maximum=1),
        Field(
            "n_obs",
            "integer",
            "Observations in the pooled model (units with two or more dates)",
            required=True,
            minimum=0,
        ),
        Field(
            "n_provinces",
            "integer",
            "Units (provinces or other series) with two or more dates in the pooled model",
            required=True,
            minimum=0,
        ),
        Field("common_slope", "number", "Slope per year of the common-slope model (logit scale)"),
        Field("common_slope_ci_lower", "number", "Lower confidence bound of the common slope"),
        Field("common_slope_ci_upper", "number", "Upper confidence bound of the common slope"),
        Field(
            "reason",
            "string",
            "Why the test cannot be run, or its caveats and the units left out (fewer than "
            "two dates)",
        ),
        Field(
            "series",
            "string",
            "The unit of this row's slope: its province code, or 'unit_kind:name' for a 2025 "
            "unit or the country; empty on the one row of a test without slopes",
        ),
        Field("slope_per_year", "number", "The unit's slope in the full (interaction) model"),
        Field("slope_ci_lower", "number", "Lower confidence bound of the unit's slope"),
        Field("slope_ci_upper", "number", "Upper confidence bound of the unit's slope"),
        Field(
            "common_slope_reason",
            "string",
            "Why no common-slope curve was fitted (empty when one was)",
        ),
    ),
)

ADOPTION_WARNINGS = Table(
    "adoption_warnings",
    "The warnings of each adoption curve, one per row in the fit's order (adoption.csv "
    "joins them by '; ', which a warning may itself contain)",
    (
        _province_id("province_id", "Pre-2025 GSO code"),
        Field("province", "string", "Province name"),
        Field("indicator", "string", "Indicator id", required=True),
        Field(
            "method",
            "string",
            "Method of the curve (with province and indicator, the adoption.csv row)",
            required=True,
            enum=tuple(FitMethod),
        ),
        Field(
            "number",
            "integer",
            "Position of the warning among the curve's warnings (1, 2, ...)",
            required=True,
            minimum=1,
        ),
        Field("warning", "string", "The warning, in plain language", required=True),
    ),
)

PROCESSED = (
    FIGURES,
    MENTIONS,
    PANEL,
    AUDIT,
    ADOPTION,
    GAPS,
    CURVES,
    RANKS,
    TIME_DISTANCES,
    SLOPE_TESTS,
    ADOPTION_WARNINGS,
)
