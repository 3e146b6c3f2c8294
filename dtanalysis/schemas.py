"""Declared schemas of the processed tables and their data dictionary.

:func:`validate` checks a table against its pandera schema (pandera is imported
lazily); :func:`write_datapackage` writes a Frictionless-style ``datapackage.json``
describing every column of every processed table (plain JSON, no frictionless
dependency). Validation is strict: a table with a column the schema does not declare
is refused, so the data dictionary cannot fall behind the tables.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DtanalysisError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TABLES", "SchemaError", "columns", "validate", "write_datapackage"]


class SchemaError(DtanalysisError):
    """A processed table does not match its declared schema."""


S, N, B, I = "string", "number", "boolean", "integer"
_PROV = r"^(\d{2})?$"
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"

#: table -> list of (column, type, description, constraints)
TABLES: dict[str, list[tuple[str, str, str, dict]]] = {
    "figures": [
        ("figure_id", S, "'{doc_id}:{start}-{end}', stable while the text is unchanged", {"required": True}),
        ("doc_id", S, "Manifest doc_id (or file name)", {"required": True}),
        ("file", S, "File name of the raw text", {}),
        ("province", S, "Province named by the sentence, else by the document (with diacritics)", {}),
        ("province_id", S, "Pre-2025 GSO code of the province", {"pattern": _PROV}),
        ("province_basis", S, "Where the province comes from: sentence, document, default, or empty", {"enum": ["sentence", "document", "default"]}),
        ("value", N, "The number (percent stays in percent; for a ratio the numerator; for a range the low end)", {}),
        ("low", N, "Low end of a range", {}),
        ("high", N, "High end of a range", {}),
        ("unit", S, "percent, count, ratio, vnd or other", {"enum": ["percent", "count", "ratio", "vnd", "other"]}),
        ("numerator", N, "Numerator of a ratio", {}),
        ("denominator", N, "Denominator of a ratio", {}),
        ("qualifier", S, "over, under, nearly, approx or empty", {}),
        ("scale", N, "Multiplier of the written number (1, 1e3, 1e6, 1e9)", {}),
        ("unit_text", S, "Unit as written", {}),
        ("raw", S, "Exact substring of the normalised text", {"required": True}),
        ("start", I, "Start offset of raw in the normalised text", {"required": True, "minimum": 0}),
        ("end", I, "End offset of raw in the normalised text", {"required": True, "minimum": 0}),
        ("sentence", S, "The sentence holding the figure", {}),
        ("sentence_start", I, "Start offset of the sentence", {"minimum": 0}),
        ("sentence_end", I, "End offset of the sentence", {"minimum": 0}),
        ("indicator", S, "Codebook indicator id; empty when unclassified", {}),
        ("status", S, "classified, unclassified, context (not a measurement) or excluded (override)",
         {"enum": ["classified", "unclassified", "context", "excluded"]}),
        ("cue", S, "Codebook cue that matched, or why there is none", {}),
        ("period_start", S, "ISO start of the period the figure refers to; empty when open or unknown", {"pattern": _DATE}),
        ("period_end", S, "ISO end of the period (the observation date of a level)", {"pattern": _DATE}),
        ("period_basis", S, "Time expression used and where it was found", {}),
        ("measure_type", S, "level, flow, change or target", {"enum": ["level", "flow", "change", "target"]}),
        ("share_numerator", N, "Numerator stated with a percentage", {}),
        ("share_denominator", N, "Denominator stated with a percentage", {}),
        ("share_basis", S, "How the numerator/denominator of a percentage were found", {}),
        ("province_2025_id", S, "Post-1 July 2025 unit code (empty when not verified or before the change)", {"pattern": _PROV}),
        ("province_2025", S, "Post-1 July 2025 unit when the period ends on/after 2025-07-01", {}),
        ("override", S, "Overrides applied, with reasons", {}),
    ],
    "mentions": [
        ("mention_id", S, "'{doc_id}:{start}-{end}'", {"required": True}),
        ("doc_id", S, "Manifest doc_id", {"required": True}),
        ("file", S, "File name", {"required": True}),
        ("province", S, "Province named by the mention's sentence, else the document's (canonical name)", {}),
        ("province_id", S, "Pre-2025 GSO code of that province", {"pattern": _PROV}),
        ("province_basis", S, "Where the province comes from: sentence, document, default, or empty",
         {"enum": ["sentence", "document", "default"]}),
        ("start", I, "Start offset in the normalised text", {"required": True, "minimum": 0}),
        ("end", I, "End offset (text[start:end] == raw)", {"required": True, "minimum": 0}),
        ("raw", S, "Exact substring of the normalised text", {"required": True}),
        ("kind", S, "figure, date, document_number, time or label",
         {"required": True, "enum": ["figure", "date", "document_number", "time", "label"]}),
        ("reason", S, "Why a mention is not a figure (its reading rule)", {}),
        ("value", N, "Figures: the value (the low end of a range; percent stays in percent)", {}),
        ("low", N, "Figures: low end of a range", {}),
        ("high", N, "Figures: high end of a range", {}),
        ("unit", S, "Figures: percent, count, ratio, vnd or other",
         {"enum": ["percent", "count", "ratio", "vnd", "other"]}),
        ("numerator", N, "Figures: numerator of a ratio", {}),
        ("denominator", N, "Figures: denominator of a ratio or rank", {}),
        ("qualifier", S, "Figures: over, under, nearly, approx or empty",
         {"enum": ["over", "under", "nearly", "approx"]}),
        ("scale", N, "Figures: multiplier of the scale word (1, 1e3, 1e6, 1e9, ...)", {}),
        ("unit_text", S, "Figures: the unit as written (%, tỷ đồng, km, rank, ...)", {}),
        ("sentence_start", I, "Start offset of the sentence holding the mention", {"minimum": 0}),
        ("sentence_end", I, "End offset of that sentence", {"minimum": 0}),
    ],
    "panel": [
        ("province_id", S, "Pre-2025 GSO code", {"required": True, "pattern": _PROV}),
        ("province", S, "Province name with diacritics", {"required": True}),
        ("indicator", S, "Codebook indicator id", {"required": True}),
        ("period_start", S, "ISO start of the period; empty when open (cumulative) or unknown", {"pattern": _DATE}),
        ("period_end", S, "ISO end of the period; the observation date of a level", {"pattern": _DATE}),
        ("measure_type", S, "level (a state at period_end), flow (a count over the period), change, target",
         {"required": True, "enum": ["level", "flow", "change", "target"]}),
        ("value", N, "Stated value (percent, count or ratio numerator)", {}),
        ("unit", S, "percent, count or ratio", {}),
        ("share", N, "Share 0-1: the stated percent, the ratio, or a count over a sourced denominator",
         {"minimum": 0}),
        ("numerator", N, "Numerator of the share", {}),
        ("denominator", N, "Denominator of the share", {}),
        ("denominator_source", S, "Where the denominator comes from (the sentence or denominators.csv)", {}),
        ("qualifier", S, "over, under, nearly, approx or empty", {}),
        ("low", N, "Low end of a range", {}),
        ("high", N, "High end of a range", {}),
        ("approximate", B, "The source qualifies the value (hơn, gần, khoảng, ...)", {}),
        ("figure_ids", S, "';'-joined figure ids the row comes from", {"required": True}),
        ("doc_ids", S, "';'-joined documents", {"required": True}),
        ("province_2025_id", S, "Post-2025 unit code", {"pattern": _PROV}),
        ("province_2025", S, "Post-2025 unit name", {}),
    ],
    "audit": [
        ("figure_id", S, "Figure checked (empty for an unmatched override)", {}),
        ("province_id", S, "Pre-2025 GSO code", {"pattern": _PROV}),
        ("province", S, "Province name", {}),
        ("indicator", S, "Indicator id", {}),
        ("check", S, "percent_vs_ratio, implied_denominator, duplicate, conflict, range, override_unmatched",
         {"required": True, "enum": ["percent_vs_ratio", "implied_denominator", "duplicate", "conflict", "range",
                                     "override_unmatched"]}),
        ("expected", S, "What the other source or the arithmetic gives", {}),
        ("observed", S, "What the figure says", {}),
        ("verdict", S, "ok, info, warning or contradiction",
         {"required": True, "enum": ["ok", "info", "warning", "contradiction"]}),
        ("explanation", S, "One-sentence explanation", {}),
    ],
    "adoption": [
        ("province_id", S, "Pre-2025 GSO code", {"pattern": _PROV}),
        ("province", S, "Province name", {}),
        ("indicator", S, "Indicator id", {"required": True}),
        ("method", S, "Estimation method (binomial GLM, fractional logit, exact 2-point line, single observation, no curve)", {"required": True}),
        ("status", S, "What could be estimated, in words", {"required": True}),
        ("n_obs", I, "Number of observations", {"required": True, "minimum": 0}),
        ("n_dates", I, "Number of distinct observation dates", {"minimum": 0}),
        ("first_date", S, "Date of the first observation", {"pattern": _DATE}),
        ("last_date", S, "Date of the last observation", {"pattern": _DATE}),
        ("first_share", N, "First observed share (0-1)", {"minimum": 0}),
        ("last_share", N, "Last observed share (0-1)", {"minimum": 0}),
        ("time_origin", N, "Decimal year at which t = 0 (the intercept is the logit there)", {}),
        ("ceiling", N, "Ceiling K of the curve, percent (logit(p/K) is modelled)", {}),
        ("intercept", N, "Intercept on the logit(p/K) scale at time_origin", {}),
        ("intercept_ci_lower", N, "Lower confidence bound of the intercept", {}),
        ("intercept_ci_upper", N, "Upper confidence bound of the intercept", {}),
        ("slope_per_year", N, "Slope on the logit(p/K) scale per year", {}),
        ("slope_ci_lower", N, "Lower confidence bound of the slope", {}),
        ("slope_ci_upper", N, "Upper confidence bound of the slope", {}),
        ("ci_level", N, "Confidence level of the intervals", {}),
        ("interval_basis", S, "How the intervals were computed (none when no interval exists)", {}),
        ("df_resid", N, "Residual degrees of freedom", {}),
        ("dispersion", N, "Pearson chi2/df of the binomial GLM (empty otherwise)", {}),
        ("warnings", S, "Plain-language warnings, joined by '; '", {}),
    ],
    "gaps": [
        ("province_id", S, "Pre-2025 GSO code", {"pattern": _PROV}),
        ("province", S, "Province name", {}),
        ("indicator", S, "Indicator id", {"required": True}),
        ("target_id", S, "Target id (targets.csv)", {}),
        ("scope", S, "national or a province code", {}),
        ("comparator", S, "Comparator of the target (>= or >)", {"enum": [">=", ">", "<=", "<"]}),
        ("target_value", N, "Target (percent)", {}),
        ("target_unit", S, "Unit of the target", {}),
        ("deadline", S, "Target deadline", {"pattern": _DATE}),
        ("direction", S, "Desired direction of the indicator (set explicitly, never defaulted)", {}),
        ("direction_source", S, "Where the direction comes from (codebook, or the target's comparator)", {}),
        ("base_date", S, "Date of the first observation", {"pattern": _DATE}),
        ("base_value", N, "First observed value (percent)", {}),
        ("latest_date", S, "Date of the latest observation", {"pattern": _DATE}),
        ("latest_value", N, "Latest observed value (percent)", {}),
        ("measure", S, "Gap measure (absolute_gap_pp, required_cagr, cagr_ratio, ...)", {"required": True}),
        ("method", S, "Method and its published source", {"required": True}),
        ("value", N, "Value of the measure", {}),
        ("value_unit", S, "Unit of the value", {}),
        ("ci_lower", N, "Lower confidence bound", {}),
        ("ci_upper", N, "Upper confidence bound", {}),
        ("classification", S, "Progress class, 'insufficient data' or 'not applicable'", {}),
        ("thresholds", S, "Thresholds of the classification ([R]: not yet checked against the primary source)", {}),
        ("n_obs", I, "Number of observations", {"required": True, "minimum": 0}),
        ("fit_method", S, "Method of the adoption curve used by the logit-scale measures", {}),
        ("note", S, "Why a measure has no value, or how it was computed", {}),
        ("source_document", S, "Document that sets the target", {}),
        ("target_status", S, "Verification status of the target's source", {}),
    ],
}


def columns(name: str) -> list[str]:
    """Return the declared columns of a table.

    Parameters
    ----------
    name : str
        One of :data:`TABLES`.

    Returns
    -------
    list of str
    """
    if name not in TABLES:
        raise SchemaError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
    return [c[0] for c in TABLES[name]]


def _schema(name: str):
    import pandera.pandas as pa

    cols = {}
    for col, typ, _desc, cons in TABLES[name]:
        checks = []
        if "enum" in cons:
            checks.append(pa.Check.isin(cons["enum"] + ([] if cons.get("required") else [""])))
        if "pattern" in cons:
            checks.append(pa.Check.str_matches(cons["pattern"]))
        if "minimum" in cons:
            checks.append(pa.Check.ge(cons["minimum"]))
        dtype = {S: None, N: float, I: None, B: bool}[typ]
        cols[col] = pa.Column(dtype, checks=checks, nullable=typ in (N, S, I) and not cons.get("required"),
                              coerce=typ in (N, B), required=True)
    return pa.DataFrameSchema(cols, strict=True, name=name)


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate a processed table against its declared schema.

    Parameters
    ----------
    name : str
        Table name (figures, mentions, panel, audit, adoption, gaps).
    df : pandas.DataFrame
        The table.

    Returns
    -------
    pandas.DataFrame
        The table with numeric and boolean columns coerced.

    Raises
    ------
    SchemaError
        Naming the table, the column(s) and the failing checks.
    """
    import pandera.errors as pe

    columns(name)
    missing = [c for c in columns(name) if c not in df.columns]
    if missing:
        raise SchemaError(f"{name}.csv: missing column(s) {', '.join(missing)}")
    d = df.copy()
    for col, typ, _desc, cons in TABLES[name]:
        if typ == S and "pattern" in cons or "enum" in cons:
            d[col] = d[col].fillna("").astype(str)
    try:
        return _schema(name).validate(d, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        parts = sorted({f"{r['column']}: {r['check']}" for r in fc.to_dict("records")})[:5]
        raise SchemaError(f"{name}.csv: {len(fc)} schema failure(s): {'; '.join(parts)}") from None


def write_datapackage(directory: str | Path) -> Path:
    """Write ``datapackage.json``, the data dictionary of the processed tables.

    Parameters
    ----------
    directory : path-like
        Folder of the processed CSV tables.

    Returns
    -------
    pathlib.Path
        The file written. Deterministic (sorted keys, no timestamps).
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, cols in TABLES.items():
        fields = []
        for col, typ, desc, cons in cols:
            field = {"name": col, "type": typ, "description": desc}
            constraints = {k: v for k, v in cons.items() if k in ("required", "enum", "pattern", "minimum")}
            if constraints:
                field["constraints"] = constraints
            fields.append(field)
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""]},
        })
    pkg = {
        "name": "dtanalysis-processed",
        "title": "Digital-transformation figures of Vietnamese provinces: processed tables",
        "profile": "tabular-data-package",
        "licenses": [{"name": "MIT"}],
        "resources": resources,
    }
    out = d / "datapackage.json"
    out.write_text(json.dumps(pkg, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out
