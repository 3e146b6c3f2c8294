"""From figures to the tidy cross-province panel.

:func:`build_panel` classifies every figure (indicator, period, measure type,
province and its post-2025 unit), applies the researchers' overrides, computes
shares, builds ``panel.csv`` (one row per province × indicator × period × measure
type) and runs the consistency audit (:mod:`dtanalysis.audit`).

Overrides (``data/overrides.csv``) are keyed so that they survive re-extraction:
``doc_id`` + ``raw`` (the figure's exact text) + ``sentence_contains`` (a fragment
of its sentence) + ``occurrence`` (1-based among the figures matching the other keys;
empty = all). Actions: ``set_indicator``, ``set_period`` (``START/END``, either
may be empty), ``set_province`` (a province code), ``set_measure_type``, ``exclude``;
every row needs a ``reason``. Overrides matching no figure are reported in
``unmatched_overrides`` and in the audit (check ``override_unmatched``).
"""

from __future__ import annotations

import csv
import io
import math
import numbers
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .audit import _num
from .errors import DtanalysisError
from .tables import columns
from .tables.inputs import ACTIONS, MEASURE_TYPES  # noqa: F401 (public names)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CLASSIFIED_EXTRA_COLUMNS",
    "OVERRIDE_COLUMNS",
    "PANEL_COLUMNS",
    "OverridesError",
    "PanelResult",
    "build_panel",
    "load_overrides",
]

OVERRIDE_COLUMNS = tuple(columns("overrides"))

#: Columns of panel.csv (declared in :mod:`dtanalysis.tables.processed`).
PANEL_COLUMNS = tuple(columns("panel"))
#: Columns the panel step adds to the extracted figures (the tail of figures.csv).
CLASSIFIED_EXTRA_COLUMNS = tuple(columns("figures")[columns("figures").index("indicator") :])
_TABLE_DENOMINATORS = {
    "adults": "adult_population",
    "households": "households",
    "population": "population",
    "communes": "communes",
}
_USABLE_STATUS = ("verified", "secondary")


class OverridesError(DtanalysisError):
    """The overrides file is malformed."""


@dataclass(frozen=True)
class PanelResult:
    """Output of :func:`build_panel`.

    Attributes
    ----------
    figures : pandas.DataFrame
        Every figure with its classification (figures.csv columns plus
        ``indicator, status`` (classified | unclassified | context | excluded),
        ``cue, period_start, period_end, period_basis, measure_type, share_numerator,
        share_denominator, share_basis, province_2025_id, province_2025, override``).
    panel : pandas.DataFrame
        The tidy panel (``PANEL_COLUMNS``).
    audit : pandas.DataFrame
        Consistency findings (:func:`dtanalysis.audit.audit_figures`).
    unmatched_overrides : pandas.DataFrame
        Override rows that matched no figure.
    """

    figures: Any
    panel: Any
    audit: Any
    unmatched_overrides: Any

    def to_frame(self) -> pd.DataFrame:
        """Return the panel table."""
        return self.panel


def load_overrides(path: str | Path) -> pd.DataFrame:
    """Read and validate an overrides file.

    Parameters
    ----------
    path : path-like
        CSV with columns ``doc_id, raw, sentence_contains, occurrence, action, value,
        reason`` (declared in :mod:`dtanalysis.tables.inputs`), UTF-8 with or without a
        byte-order mark (Excel's "CSV UTF-8"). Lines starting with ``#`` outside a quoted
        field are comments; a quoted field may span lines.

    Returns
    -------
    pandas.DataFrame
        One row per override (text NFC, ``occurrence`` an integer or empty), plus
        ``line`` (the line of the row in the file).

    Raises
    ------
    OverridesError
        One line naming the file and the line(s) when the file is not UTF-8, a column is
        missing, an action is unknown, a reason is empty, or a value is invalid (an
        indicator not in the codebook, a province code that does not exist, a period
        whose dates do not exist or run backwards, an occurrence below 1).
    """
    import pandas as pd

    from .tables import SchemaError, table

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = p.read_bytes()[: exc.start].count(b"\n") + 1
        raise OverridesError(
            f"{p}: line {line}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
            "save the file as 'CSV UTF-8'"
        ) from None
    except OSError as exc:
        raise OverridesError(f"{p}: cannot read the overrides file ({exc.strerror})") from exc
    header, records, lines = _csv_records(text)
    columns_ = [*OVERRIDE_COLUMNS, "line"]
    if header is None:
        return pd.DataFrame(columns=columns_)
    missing = [c for c in OVERRIDE_COLUMNS if c not in header]
    if missing:
        raise OverridesError(f"{p}: missing column(s) {', '.join(missing)}")
    frame = pd.DataFrame(
        [
            {c: r.get(c, "") for c in OVERRIDE_COLUMNS}
            for r in (dict(zip(header, rec, strict=False)) for rec in records)
        ],
        columns=list(OVERRIDE_COLUMNS),
    )
    try:
        typed = table("overrides").validate(frame, str(p), lines=lines)
    except SchemaError as exc:
        raise OverridesError(str(exc)) from None
    typed["line"] = lines
    return typed


def _csv_records(text: str) -> tuple[list[str] | None, list[list[str]], list[int]]:
    """Header, data records and the line each record starts on; ``#`` lines skipped."""
    kept: list[str] = []
    open_quote = False
    for line in text.splitlines():
        comment = not open_quote and line.lstrip().startswith("#")
        kept.append("" if comment else line)  # blank keeps the line numbers
        if not comment and line.count('"') % 2:
            open_quote = not open_quote
    reader = csv.reader(io.StringIO("\n".join(kept)))
    header: list[str] | None = None
    records, lines = [], []
    start = 1
    for rec in reader:
        if rec and any(v.strip() for v in rec):
            if header is None:
                header = [h.strip() for h in rec]
            else:
                records.append(rec)
                lines.append(start)
        start = reader.line_num + 1
    return header, records, lines


def _documents(documents: Any) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    if documents is None:
        return out
    if hasattr(documents, "to_dict") and hasattr(documents, "columns"):
        records = documents.to_dict("records")
    else:
        records = [
            {k: getattr(d, k, "") for k in ("doc_id", "document_date", "province", "text")}
            for d in documents
        ]
    for r in records:
        text = r.get("text", "")
        if not isinstance(text, str) or not text:
            # documents_frame() has no text: read the normalised text from its path
            path = r.get("path", "")
            text = ""
            if isinstance(path, (str, Path)) and str(path) and Path(path).is_file():
                from .text import read_text

                text = read_text(path)
            r = {**r, "text": text}
        out[str(r.get("doc_id", ""))] = {
            "document_date": str(r.get("document_date", "") or ""),
            "province": str(r.get("province", "") or ""),
            "text": str(r.get("text", "") or "") if isinstance(r.get("text", ""), str) else "",
        }
    return out


_BULLET = re.compile(r"^\s*[-–•+*]\s")


def period_context(text: str, sentence_start: int) -> list[tuple[str, str]]:
    """Return the context searched for a figure's period, nearest first.

    Parameters
    ----------
    text : str
        The document's normalised text.
    sentence_start : int
        Offset of the figure's sentence.

    Returns
    -------
    list of (label, text)
        ``("paragraph", earlier sentences of the paragraph)``, ``("list header",
        the line introducing a bulleted list, ending with ':')`` for a bullet, and
        ``("document lead", the first two non-empty lines)``.
    """
    if not text:
        return []
    para_start = text.rfind("\n", 0, sentence_start) + 1
    ctx = [("paragraph", text[para_start:sentence_start])]
    line = text[
        para_start : text.find("\n", para_start) if "\n" in text[para_start:] else len(text)
    ]
    if _BULLET.match(line):
        prev_lines = text[:para_start].rstrip("\n").split("\n")
        for ln in reversed(prev_lines):
            if not ln.strip() or _BULLET.match(ln):
                continue
            if ln.rstrip().endswith(":"):
                ctx.append(("list header", ln))
            break
    lead_lines = [ln for ln in text.split("\n") if ln.strip()][:2]
    ctx.append(("document lead", "\n".join(lead_lines)))
    return ctx


def _match_overrides(
    figs: list[dict], overrides: pd.DataFrame | None
) -> tuple[dict[int, list[dict]], list[dict]]:
    applied: dict[int, list[dict]] = {}
    unmatched: list[dict] = []
    if overrides is None or len(overrides) == 0:
        return applied, unmatched
    for r in overrides.to_dict("records"):
        hits = [
            i
            for i, f in enumerate(figs)
            if f["doc_id"] == r["doc_id"]
            and f["raw"] == r["raw"]
            and (not r["sentence_contains"] or r["sentence_contains"] in f["sentence"])
        ]
        hits.sort(key=lambda i: figs[i]["start"])
        occurrence = r["occurrence"]
        if isinstance(occurrence, numbers.Integral):  # empty (NA): every match
            k = int(occurrence)
            hits = hits[k - 1 : k] if 1 <= k <= len(hits) else []
        if not hits:
            unmatched.append(r)
        for i in hits:
            applied.setdefault(i, []).append(r)
    return applied, unmatched


def build_panel(
    figures: pd.DataFrame,
    documents: Any = None,
    overrides: pd.DataFrame | None = None,
    observations: pd.DataFrame | None = None,
) -> PanelResult:
    """Classify figures and build the panel and the audit.

    Parameters
    ----------
    figures : pandas.DataFrame
        ``figures.csv`` rows (:mod:`dtanalysis.extract`).
    documents : list of Document or pandas.DataFrame, optional
        ``doc_id, document_date, province`` and, for paragraph/list/lead context of
        periods, ``text`` (or ``path``, read with :func:`dtanalysis.text.read_text`, as in
        :func:`dtanalysis.corpus.documents_frame`). Without either only the figure's
        sentence is used.
    overrides : pandas.DataFrame, optional
        From :func:`load_overrides`.
    observations : pandas.DataFrame, optional
        Published observations (:func:`dtanalysis.observations.load_observations`); they
        become panel rows beside the text rows (:mod:`dtanalysis.published`), with
        aggregates for the 2025 units where the counts allow.

    Returns
    -------
    PanelResult
    """
    import pandas as pd

    from .audit import audit_figures, audit_published

    figs = _figure_records(figures)
    by_sentence: dict[tuple[str, int], list[int]] = {}
    for i, f in enumerate(figs):
        by_sentence.setdefault((f["doc_id"], f["sentence_start"]), []).append(i)
    # 1. indicators, sentence by sentence
    _classify_indicators(figs, by_sentence)
    # 2. overrides: the indicator first, since periods and measure types depend on it
    applied, unmatched = _match_overrides(figs, overrides)
    _override_indicators(figs, applied)
    # 3. periods and measure types, then the other overrides, then the 2025 units
    docs = _documents(documents)
    _resolve_periods(figs, docs)
    _apply_overrides(figs, applied)
    _assign_units_2025(figs)
    # 4. numerators and denominators of shares; counts absorbed into their share; a
    #    percentage that a count indicator's phrase cue reached without restating a count
    #    is left for review instead of being merged with the count
    absorbed = _pair_shares(figs, by_sentence)
    _unclassify_stray_shares(figs)
    # 5. panel rows, one per unit x indicator x period x measure type x origin: the texts'
    #    and, beside them, the published observations and the 2025 aggregates
    panel = _with_published(_panel_frame(figs, absorbed), observations)
    fig_df = _classified_frame(figures, figs)
    um = pd.DataFrame(unmatched, columns=[*OVERRIDE_COLUMNS, "line"])
    audit = audit_figures(
        fig_df,
        absorbed_ids={figs[j]["figure_id"] for j in absorbed},
        unmatched_overrides=um,
        document_dates={k: d["document_date"] for k, d in docs.items()},
    )
    published = audit_published(observations, panel)
    if len(published):
        audit = pd.concat([audit, published], ignore_index=True)
    return PanelResult(figures=fig_df, panel=panel, audit=audit, unmatched_overrides=um)


def _figure_records(figures: pd.DataFrame) -> list[dict]:
    """The extracted figures as dicts, offsets as ints and text cells as str."""
    figs = [dict(r) for r in figures.to_dict("records")] if len(figures) else []
    for f in figs:
        for k in ("start", "end", "sentence_start", "sentence_end"):
            f[k] = int(f[k])
        for k in ("doc_id", "raw", "sentence", "unit", "province", "province_id", "qualifier"):
            v = f.get(k, "")
            f[k] = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    return figs


def _classify_indicators(figs: list[dict], by_sentence: dict[tuple[str, int], list[int]]) -> None:
    from .classify import classify_sentence

    for (_doc, s0), idx in by_sentence.items():
        sent = figs[idx[0]]["sentence"]
        spans = [(figs[i]["start"] - s0, figs[i]["end"] - s0, figs[i]["unit"]) for i in idx]
        for i, c in zip(idx, classify_sentence(sent, spans), strict=True):
            figs[i].update(indicator=c.indicator, status=c.status, cue=c.cue)


def _override_indicators(figs: list[dict], applied: dict[int, list[dict]]) -> None:
    for i, rows in applied.items():
        for r in rows:
            if r["action"] == "set_indicator":
                figs[i].update(
                    indicator=r["value"], status="classified", cue=f"override: {r['reason']}"
                )


def _resolve_periods(figs: list[dict], docs: dict[str, dict]) -> None:
    from .classify import indicator_kinds, measure_type
    from .periods import resolve_period

    kinds = indicator_kinds()
    for f in figs:
        d = docs.get(f["doc_id"], {"document_date": "", "province": "", "text": ""})
        pos = f["start"] - f["sentence_start"]
        ctx = period_context(d["text"], f["sentence_start"])
        p = resolve_period(f["sentence"], pos, d["document_date"], context=ctx)
        f.update(period_start=p.start, period_end=p.end, period_basis=p.basis)
        f["measure_type"] = measure_type(
            f["sentence"], pos, f["unit"], kinds.get(f["indicator"], ""), p.start, p.basis, p.end
        )
        f["override"] = ""


def _apply_overrides(figs: list[dict], applied: dict[int, list[dict]]) -> None:
    """Period, measure type, province and exclusion overrides, each noted on the figure."""
    from .provinces import load_provinces

    names = {pr.province_id: pr.name for pr in load_provinces()}
    for i, rows in applied.items():
        f = figs[i]
        notes = []
        for r in rows:
            a, v = r["action"], r["value"]
            if a == "set_period":
                f["period_start"], f["period_end"] = v.split("/")
                f["period_basis"] = f"override: {r['reason']}"
            elif a == "set_measure_type":
                f["measure_type"] = v
            elif a == "set_province":
                f["province_id"], f["province"] = v, names.get(v, v)
            elif a == "exclude":
                f["status"] = "excluded"
            notes.append(
                f"{a}{'=' + v if v else ''} ({r['reason']}; overrides.csv line {r['line']})"
            )
        f["override"] = "; ".join(notes)


def _assign_units_2025(figs: list[dict]) -> None:
    from .reference import unit_2025

    for f in figs:
        f["province_2025_id"], f["province_2025"] = unit_2025(f["province_id"], f["period_end"])


def _pair_shares(figs: list[dict], by_sentence: dict[tuple[str, int], list[int]]) -> dict[int, int]:
    """Give percentages their stated numerator/denominator; return absorbed count -> share."""
    from .classify import pair_shares

    absorbed: dict[int, int] = {}
    for f in figs:
        f.update(share_numerator=None, share_denominator=None, share_basis="")
    for (_doc, s0), idx in by_sentence.items():
        live = [i for i in idx if figs[i]["status"] == "classified"]
        sub = [
            {
                "start": figs[i]["start"] - s0,
                "end": figs[i]["end"] - s0,
                "unit": figs[i]["unit"],
                "value": figs[i]["value"],
                "numerator": figs[i].get("numerator"),
                "denominator": figs[i].get("denominator"),
                "indicator": figs[i]["indicator"],
            }
            for i in live
        ]
        sentence = figs[live[0]]["sentence"] if live else ""
        for k, (num, den, basis) in pair_shares(sentence, sub).items():
            fi = live[k]
            figs[fi].update(share_numerator=num, share_denominator=den, share_basis=basis)
            for j in live:
                g = figs[j]
                if (
                    j != fi
                    and g["unit"] == "count"
                    and _num(g["value"]) == num
                    and g["indicator"] == figs[fi]["indicator"]
                ):
                    absorbed[j] = fi
    return absorbed


def _unclassify_stray_shares(figs: list[dict]) -> None:
    """Unclassify percentages given to a count indicator by a phrase cue alone.

    A plain cue ("trạm bts") identifies every figure of its clause, so in "Tỉnh hiện có
    1.245 trạm BTS, phủ sóng 4G tới 100% ấp, khóm" the 100% would become a value of the
    number of base stations. A percentage can be a value of a count indicator only as a
    share of what the indicator counts: stated with a count it restates, or tied to the
    counted noun by an anchored cue ("100% # các cơ quan"). Otherwise it stays
    unclassified, with the reason, for review.
    """
    from .reference import load_codebook

    units = dict(load_codebook()[["indicator_id", "unit"]].itertuples(index=False))
    for f in figs:
        if (
            f["status"] == "classified"
            and f["unit"] == "percent"
            and units.get(f["indicator"]) == "count"
            and f["share_numerator"] is None
            and "#" not in f["cue"]
            and not f["cue"].startswith("override")
        ):
            f.update(
                status="unclassified",
                indicator="",
                cue=f"not {f['indicator']}: a percentage reached by '{f['cue']}' that "
                "restates no count of it (a share of something else)",
            )


def _panel_frame(figs: list[dict], absorbed: dict[int, int]) -> pd.DataFrame:
    import pandas as pd

    from .reference import load_codebook, load_denominators

    codebook = load_codebook().set_index("indicator_id")
    denoms = load_denominators()
    denoms = denoms[denoms["status"].isin(_USABLE_STATUS)]
    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(figs):
        if f["status"] != "classified" or i in absorbed:
            continue
        key = (
            f["province_id"],
            f["indicator"],
            f["period_start"],
            f["period_end"],
            f["measure_type"],
        )
        groups.setdefault(key, []).append(i)
    unit_rank = {"percent": 0, "ratio": 1, "count": 2}
    rows = []
    for idx in groups.values():
        # the percentage first, then a ratio, then a count; within a unit, document order
        idx.sort(
            key=lambda i: (unit_rank.get(figs[i]["unit"], 3), figs[i]["doc_id"], figs[i]["start"])
        )
        row = _panel_row(figs, idx, absorbed)
        row.update(_share_of(figs[idx[0]], codebook, denoms))
        rows.append(row)
    panel = pd.DataFrame(rows, columns=list(PANEL_COLUMNS))
    panel = panel.sort_values(
        ["province_id", "indicator", "period_end", "period_start", "measure_type"], kind="mergesort"
    ).reset_index(drop=True)
    for c in ("value", "share", "numerator", "denominator", "low", "high"):
        panel[c] = pd.to_numeric(panel[c], errors="coerce").astype(float)
    panel["approximate"] = panel["approximate"].astype(bool)
    return panel


_PANEL_ORDER = [
    "province_id",
    "indicator",
    "period_end",
    "period_start",
    "measure_type",
    "unit_kind",
    "province",
    "origin",
]


def _with_published(panel: pd.DataFrame, observations: pd.DataFrame | None) -> pd.DataFrame:
    """The text panel with the published rows and the 2025 aggregates, sorted."""
    import pandas as pd

    from .published import aggregate_rows, published_panel_rows
    from .reference import load_codebook

    if observations is None or not len(observations):
        return panel
    codebook = load_codebook()
    published = published_panel_rows(observations, codebook)
    parts = [panel, published, aggregate_rows(published, codebook)]
    merged = pd.concat([p for p in parts if len(p)], ignore_index=True)
    merged["approximate"] = merged["approximate"].astype(bool)
    return merged.sort_values(_PANEL_ORDER, kind="mergesort").reset_index(drop=True)


def _panel_row(figs: list[dict], idx: list[int], absorbed: dict[int, int]) -> dict:
    """The panel row of one group of figures (the first of ``idx`` gives the value)."""
    f = figs[idx[0]]
    ids = [figs[i]["figure_id"] for i in idx]
    ids += [figs[j]["figure_id"] for j, t in absorbed.items() if t in idx]
    row = {c: "" for c in PANEL_COLUMNS}
    row.update(
        unit_kind="province_pre2025",
        origin="text",
        province_id=f["province_id"],
        province=f["province"],
        indicator=f["indicator"],
        period_start=f["period_start"],
        period_end=f["period_end"],
        measure_type=f["measure_type"],
        value=_num(f["value"]),
        unit=f["unit"],
        qualifier=f["qualifier"],
        low=_num(f.get("low")),
        high=_num(f.get("high")),
        approximate=bool(f["qualifier"]),
        figure_ids=";".join(sorted(set(ids))),
        doc_ids=";".join(sorted({figs[i]["doc_id"] for i in idx})),
        province_2025_id=f["province_2025_id"],
        province_2025=f["province_2025"],
    )
    return row


def _share_of(f: dict, codebook: pd.DataFrame, denoms: pd.DataFrame) -> dict:
    """Share, numerator, denominator and the denominator's source for one panel row.

    A percentage is its own share (with the numerator/denominator stated beside it); a
    ratio is numerator/denominator; a level count is divided by the sourced denominator
    of its province and year (denominators.csv) when the codebook names one.
    """
    share = num = den = None
    dsrc = ""
    if f["unit"] == "percent":
        share = _num(f["value"]) / 100 if _num(f["value"]) is not None else None
        num, den = f["share_numerator"], f["share_denominator"]
        dsrc = f"stated in the sentence ({f['share_basis']})" if den else ""
    elif f["unit"] == "ratio":
        num, den = _num(f.get("numerator")), _num(f.get("denominator"))
        share = num / den if num is not None and den else None
        dsrc = "stated in the sentence (ratio)" if den else ""
    elif f["unit"] == "count" and f["measure_type"] == "level":
        num = _num(f["value"])
        qty = (
            _TABLE_DENOMINATORS.get(codebook.loc[f["indicator"], "denominator"], "")
            if f["indicator"] in codebook.index
            else ""
        )
        year = f["period_end"][:4]
        if qty and year and f["province_id"]:
            m = denoms[
                (denoms["province_id"] == f["province_id"])
                & (denoms["quantity"] == qty)
                & (denoms["year"] == int(year))
            ]
            if len(m):
                den = float(m["value"].iloc[0])
                share = num / den
                dsrc = (
                    f"denominators.csv {qty} {year} ({m['status'].iloc[0]}): {m['source'].iloc[0]}"
                )
    return {"share": share, "numerator": num, "denominator": den, "denominator_source": dsrc}


def _classified_frame(figures: pd.DataFrame, figs: list[dict]) -> pd.DataFrame:
    """The figures with their classification columns, in document order."""
    import pandas as pd

    base_cols = list(figures.columns)
    extra = [c for c in CLASSIFIED_EXTRA_COLUMNS if c not in base_cols]
    fig_df = pd.DataFrame(figs, columns=[*base_cols, *extra])
    for c in ("share_numerator", "share_denominator"):
        fig_df[c] = pd.to_numeric(fig_df[c], errors="coerce").astype(float)
    if len(fig_df):
        fig_df = fig_df.sort_values(["doc_id", "start"], kind="mergesort").reset_index(drop=True)
    return fig_df
