"""Helpers shared by the figure functions: labels, sources, numbers, figure frames."""

from __future__ import annotations

import math
import textwrap
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .style import (
    RANK_UNITS,
    STUDY_PROVINCES,
    PlotInputError,
    _check_lang,
    nfc,
    normalize_province_id,
    province_order,
    tr,
)

#: Qualifiers that make a value approximate: the Quantity codes and the Vietnamese words.
APPROXIMATE_QUALIFIERS = frozenset(
    {
        "over",
        "under",
        "nearly",
        "approx",
        "gần",
        "hơn",
        "khoảng",
        "trên",
        "dưới",
        "gần như",
        "xấp xỉ",
    }
)


class FigureWarning(UserWarning):
    """A figure was drawn with a fallback (indicator ids instead of labels, no sources)."""


def require_columns(df: Any, columns: Iterable[str], table: str) -> pd.DataFrame:
    """Raise :class:`PlotInputError` naming `table` when `df` lacks any of `columns`."""
    if not isinstance(df, pd.DataFrame):
        raise PlotInputError(f"{table}: expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise PlotInputError(f"{table}: missing column(s) {', '.join(missing)}")
    return df


def province_names(df: pd.DataFrame) -> dict[str, str]:
    """Code → NFC name from a table's ``province_id`` / ``province`` columns."""
    names: dict[str, str] = {**STUDY_PROVINCES, **RANK_UNITS}
    if "province" in df.columns:
        for pid, name in zip(df["province_id"], df["province"], strict=True):
            name_s = nfc(name).strip()
            if pid and name_s:
                names.setdefault(pid, name_s)
    return {k: nfc(v) for k, v in names.items()}


def ordered_provinces(df: pd.DataFrame, provinces: Sequence[Any] | None = None) -> list[str]:
    """Province codes to draw: `provinces` as given, else :func:`province_order`."""
    if provinces is not None:
        return [normalize_province_id(p) for p in provinces]
    return province_order(df["province_id"], province_names(df))


def ordered_indicators(df: pd.DataFrame, indicators: Sequence[str] | None = None) -> list[str]:
    """Indicator ids to draw: `indicators` as given, else the sorted ids (in every language)."""
    if indicators is not None:
        return list(indicators)
    return sorted({i for i in df["indicator"] if i})


def _codebook_labels() -> dict[str, dict[str, str]] | None:
    try:
        from ..reference import load_codebook  # written by the reference module
    except ImportError:
        return None
    try:
        book = load_codebook()
    except Exception as exc:  # noqa: BLE001 - a broken codebook must not hide the figure
        warnings.warn(f"codebook unavailable for figure labels: {exc}", FigureWarning, stacklevel=3)
        return None
    return _labels_from_frame(book)


def _labels_from_frame(book: pd.DataFrame) -> dict[str, dict[str, str]]:
    frame = book.reset_index() if "indicator_id" not in book.columns else book
    if "indicator_id" not in frame.columns:
        raise PlotInputError("codebook: missing column indicator_id")
    out: dict[str, dict[str, str]] = {}
    for _, row in frame.iterrows():
        entry = {}
        for lang in ("en", "vi"):
            value = nfc(row.get(f"label_{lang}", ""))
            if value.strip():
                entry[lang] = value.strip()
        out[nfc(row["indicator_id"])] = entry
    return out


def indicator_labels(indicators: Iterable[str], lang: str, labels: Any = None) -> dict[str, str]:
    """Return indicator id → label in `lang`.

    Parameters
    ----------
    indicators : iterable of str
        Indicator ids.
    lang : {"en", "vi"}
    labels : mapping or DataFrame, optional
        ``{id: label}``, ``{id: {"en": ..., "vi": ...}}`` or a codebook frame with
        ``indicator_id, label_en, label_vi``. When None, the package codebook
        (:func:`dtanalysis.reference.load_codebook`) is used.

    Returns
    -------
    dict
        Labels (NFC). Ids without a label fall back to the id and raise a
        :class:`FigureWarning`, so a build never ships ids silently.
    """
    _check_lang(lang)
    if labels is None:
        table = _codebook_labels() or {}
    elif isinstance(labels, pd.DataFrame):
        table = _labels_from_frame(labels)
    elif isinstance(labels, Mapping):
        table = {}
        for key, value in labels.items():
            if isinstance(value, Mapping):
                table[nfc(key)] = {k: nfc(v) for k, v in value.items()}
            else:
                table[nfc(key)] = {lang: nfc(value)}
    else:
        raise PlotInputError(
            f"labels: expected a mapping or a codebook DataFrame, got {type(labels).__name__}"
        )
    out: dict[str, str] = {}
    missing: list[str] = []
    for ind in indicators:
        key = nfc(ind)
        entry = table.get(key, {})
        label = entry.get(lang) or ""
        if not label:
            missing.append(key)
            label = key
        out[key] = label
    if missing:
        warnings.warn(
            f"no {lang} label for indicator(s) {', '.join(sorted(set(missing)))}: "
            "drawn with their ids",
            FigureWarning,
            stacklevel=3,
        )
    return out


def _doc_ids(df: pd.DataFrame) -> list[str]:
    docs: set[str] = set()
    if "doc_ids" in df.columns:
        for cell in df["doc_ids"]:
            docs.update(d.strip() for d in nfc(cell).split(";") if d.strip())
    elif "doc_id" in df.columns:
        docs.update(nfc(d).strip() for d in df["doc_id"] if nfc(d).strip())
    elif "source_document" in df.columns:
        docs.update(nfc(d).strip() for d in df["source_document"] if nfc(d).strip())
    elif "figure_id" in df.columns:
        # audit rows: the document of the figure and of the figure it was compared with
        for col in ("figure_id", "compared_figure_id"):
            if col in df.columns:
                docs.update(fid.rsplit(":", 1)[0].strip() for fid in df[col] if ":" in fid)
    return sorted(docs)


def source_line(lang: str, sources: Any, *frames: pd.DataFrame | None) -> str:
    """Return the figure's source line, e.g. ``"Source: doc_a; doc_b"``.

    Parameters
    ----------
    lang : {"en", "vi"}
    sources : str, sequence of str or None
        Explicit sources; a string is used as is (prefixed with "Source:" unless it
        already starts with it), a sequence is joined with "; ".
    *frames : DataFrame
        Tables searched, when `sources` is None, for ``doc_ids`` (";"-joined), ``doc_id``,
        ``source_document`` or the doc_id part of ``figure_id``.

    Returns
    -------
    str
    """
    prefix = tr("source", lang)
    if isinstance(sources, str):
        text = nfc(sources).strip()
        if text.lower().startswith(prefix.lower()):
            return text
        return f"{prefix}: {text}"
    if sources is not None:
        docs = [nfc(s).strip() for s in sources if nfc(s).strip()]
    else:
        docs = sorted({d for f in frames if f is not None for d in _doc_ids(f)})
    if not docs:
        warnings.warn(
            "figure drawn without a source line: no doc_ids in the data and no sources given",
            FigureWarning,
            stacklevel=3,
        )
        return f"{prefix}: dtanalysis"
    return f"{prefix} ({tr('documents', lang)}): {'; '.join(docs)}"


def wrap(text: str, width: int) -> str:
    """Wrap `text` (NFC) at `width` characters, breaking no word (nor "411/QĐ-TTg" at its hyphen).

    A last line of three characters or fewer (e.g. the "06" of "Đề án 06") is kept on
    the line before it.
    """
    lines = textwrap.wrap(nfc(text), width=width, break_long_words=False, break_on_hyphens=False)
    if len(lines) > 1 and len(lines[-1]) <= 3:
        lines[-2:] = [f"{lines[-2]} {lines[-1]}"]
    return "\n".join(lines) or nfc(text)


def year_axis(ax, base: int = 1) -> None:
    """Label a date axis with years only (no month names, which would be English).

    The locators remember the ticks of each view interval (:func:`_remembering`).
    """
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(_remembering(mdates.YearLocator)(base=base))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(_remembering(mdates.MonthLocator)(bymonth=(4, 7, 10)))


_REMEMBERING: dict[type, type] = {}


def _remembering(locator: type) -> type:
    """A subclass of a date locator that computes the ticks of a view interval once.

    matplotlib asks an axis for its ticks at every layout pass and every draw, and the
    axes of a facet share their locator: a figure saved in three formats asked the same
    rrule for the same months thousands of times. The ticks depend on the interval only,
    so the figure is the same (byte for byte).
    """
    if locator not in _REMEMBERING:

        class Remembering(locator):  # type: ignore[misc, valid-type]
            def tick_values(self, vmin: Any, vmax: Any) -> Any:
                memo = self.__dict__.setdefault("_ticks_by_interval", {})
                if (vmin, vmax) not in memo:
                    memo[vmin, vmax] = super().tick_values(vmin, vmax)
                return memo[vmin, vmax].copy()

        Remembering.__name__ = Remembering.__qualname__ = locator.__name__
        _REMEMBERING[locator] = Remembering
    return _REMEMBERING[locator]


def fmt_number(
    value: Any,
    lang: str,
    digits: int = 1,
    signed: bool = False,
    *,
    significant: int | None = None,
    missing: str = "\u2013",
) -> str:
    """Format a number the way `lang` writes it: "1,234.5" in English, "1.234,5" in Vietnamese.

    The one number formatter of the package: the figures' labels and ticks, the report's
    tables and sentences (:mod:`dtanalysis.notebook.formats`) all write numbers with it.
    Trailing zeros after the decimal separator are dropped (``80.0`` → ``80``) and a
    negative number takes the minus sign (U+2212).

    Parameters
    ----------
    value : float
        A number (NaN or None gives `missing`).
    lang : {"en", "vi"}
    digits : int, default 1
        Decimals kept (before the trailing zeros are dropped).
    signed : bool, default False
        Write ``+`` before a positive number.
    significant : int, optional
        Instead of `digits`: keep this many significant digits of a fractional number
        (at least one decimal); an integer is written whole.
    missing : str, default "–"
        The text of a missing value.

    Examples
    --------
    >>> fmt_number(1234.5, "en"), fmt_number(1234.5, "vi"), fmt_number(-0.25, "vi", 2)
    ('1,234.5', '1.234,5', '−0,25')
    >>> fmt_number(1120394.0, "vi", significant=4), fmt_number(0.123456, "en", significant=3)
    ('1.120.394', '0.123')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if significant is not None:
        number = float(value)
        if number.is_integer():
            digits = 0
        else:
            digits = max(1, significant - 1 - math.floor(math.log10(abs(number))))
    text = f"{value:+,.{digits}f}" if signed else f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in {"-0", "+0"}:
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text.replace("-", "\u2212")


def number_formatter(lang: str, digits: int = 1):
    """A matplotlib tick formatter writing numbers the way `lang` does."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: fmt_number(x, lang, digits=digits))


def format_date(value: Any, lang: str) -> str:
    """A deadline as a year (31 December) or a date (ISO in English, d/m/yyyy in Vietnamese)."""
    from ..tables import as_datetime

    ts = as_datetime(value)
    if pd.isna(ts):
        return "–"
    if ts.month == 12 and ts.day == 31:
        return f"{ts.year}"
    if lang == "vi":
        return f"{ts.day}/{ts.month}/{ts.year}"
    return ts.strftime("%Y-%m-%d")


#: Grey of the legend entries and marks that stand for every province.
NEUTRAL = "#555555"


def legend_handle(label: str, marker: str | None = None, *, hollow: bool = False, **style: Any):
    """A legend entry drawn as the figure draws its data.

    With a `marker` (and no ``linestyle``) the entry is the marker alone, as points are
    drawn; `hollow` makes it open (white face, edge in ``color``), as an approximate or
    expected value is drawn. Without a marker it is a line of `style`.

    Parameters
    ----------
    label : str
        The legend text.
    marker : str, optional
        A matplotlib marker (``"o"``, ``"|"``, ``"D"``).
    hollow : bool, default False
        An open marker.
    **style
        Other :class:`matplotlib.lines.Line2D` properties (``color``, default
        :data:`NEUTRAL`; ``markersize``, ``lw``, ``linestyle``, ``alpha``, ...).

    Returns
    -------
    matplotlib.lines.Line2D
    """
    from matplotlib.lines import Line2D

    color = style.pop("color", NEUTRAL)
    if marker is not None:
        style = {"linestyle": "none", "marker": marker, **style}
    if hollow:
        style = {"markerfacecolor": "white", "markeredgecolor": color, **style}
    else:
        style = {"color": color, **style}
    return Line2D([], [], label=label, **style)


def new_figure(width: float, height: float):
    """A backend-independent Figure (not registered with pyplot) with constrained layout."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


SOURCE_FONT_SIZE = 5.5
#: Size of a figure's one x label (under panels too narrow for one each).
XLABEL_FONT_SIZE = 7.5


def add_source(fig, text: str, width: float, *, xlabel: str | None = None) -> None:
    """Write the source line at the bottom left and keep the layout clear of it.

    `xlabel`, when given, is the figure's one x label (for panels too narrow for one
    each), written centred just above the source line; matplotlib's ``supxlabel`` would
    sit at the very bottom of the figure, over the source line.
    """
    chars = max(40, int(width * 72 / (SOURCE_FONT_SIZE * 0.55)))
    wrapped = "\n".join(wrap(part, chars) for part in text.split("\n"))  # paragraphs kept
    n_lines = wrapped.count("\n") + 1
    height = fig.get_figheight()
    bottom = (n_lines * SOURCE_FONT_SIZE * 1.3 + 4) / 72 / height
    fig.text(
        0.005, 0.004, wrapped, ha="left", va="bottom", fontsize=SOURCE_FONT_SIZE, color="#444444"
    )
    if xlabel:
        fig.text(0.5, bottom, xlabel, ha="center", va="bottom", fontsize=XLABEL_FONT_SIZE)
        bottom += (XLABEL_FONT_SIZE * 1.3 + 3) / 72 / height
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))


def empty_message(ax, text: str) -> None:
    """Write `text` in the middle of an empty axes and hide its ticks."""
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#444444")
    ax.set_xticks([])
    ax.set_yticks([])
