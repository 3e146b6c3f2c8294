"""Helpers every page uses: the provinces of a page, labels, evidence tables, figures."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..provinces import canonical_province, strip_diacritics
from .parameters import ParameterError

__all__ = [
    "count",
    "evidence_table",
    "format_number",
    "indicator_labels",
    "provinces_line",
    "resolve_provinces",
    "select_provinces",
    "show_figure",
    "verb",
]

_MISSING = {"", "nan", "<NA>", "None"}


def _code(value: Any) -> str:
    """A province code as text, one-digit codes padded (``"1"`` -> ``"01"``)."""
    text = "" if value is None else str(value).strip()
    if text in _MISSING:
        return ""
    return text.zfill(2) if text.isdigit() else text


def _loose(name: str) -> str:
    """Case-, diacritic- and spacing-insensitive key, for names outside the 63 provinces."""
    return " ".join(strip_diacritics(str(name)).casefold().split())


def _known_provinces(frames: Iterable[Any]) -> dict[str, str]:
    """``{province_id: name}`` of the provinces named in the tables, first name wins."""
    known: dict[str, str] = {}
    for frame in frames:
        if frame is None or "province_id" not in frame or "province" not in frame:
            continue
        for pid, name in zip(frame["province_id"], frame["province"], strict=False):
            pid, name = _code(pid), "" if name is None else str(name).strip()
            if pid and name not in _MISSING:
                known.setdefault(pid, name)
    return known


def resolve_provinces(names: Iterable[str], *frames: Any) -> dict[str, str]:
    """Map the provinces a notebook parameter names to their codes.

    A name is read with :func:`dtanalysis.provinces.canonical_province` (case,
    diacritics, tone-placement variants and a leading "tỉnh"/"thành phố" ignored); a
    code (``"91"``) is taken as it is. Only provinces present in the tables are accepted.

    Parameters
    ----------
    names : iterable of str
        Province names (with or without diacritics, any case) or codes (``"91"``).
    *frames : DataFrame
        Tables with ``province_id`` and ``province`` columns that define the known
        provinces (e.g. the panel and the documents).

    Returns
    -------
    dict
        ``{province_id: name as the tables write it}`` in the order of `names`.

    Raises
    ------
    ParameterError
        When a name matches no province of the tables (the message lists the known ones).

    Examples
    --------
    >>> import pandas as pd
    >>> known = pd.DataFrame({"province_id": ["96"], "province": ["Cà Mau"]})
    >>> resolve_provinces(["ca mau"], known)
    {'96': 'Cà Mau'}
    """
    known = _known_provinces(frames)
    by_key = {_loose(name): pid for pid, name in known.items()}
    out: dict[str, str] = {}
    for name in names:
        text = str(name).strip()
        pid: str | None = _code(text) if text.isdigit() else None
        if pid not in known:
            found = canonical_province(text)
            pid = found[0] if found is not None and found[0] in known else by_key.get(_loose(text))
        if pid is None:
            have = ", ".join(sorted(known.values(), key=_loose)) or "none"
            raise ParameterError(
                f"PROVINCES: {name!r} is not a province of the data (known: {have})"
            )
        out[pid] = known[pid]
    return out


def select_provinces(frame: Any, provinces: Mapping[str, str] | Iterable[str]) -> Any:
    """Rows of `frame` whose ``province_id`` is one of `provinces` (codes).

    Parameters
    ----------
    frame : DataFrame
        A table with a ``province_id`` column.
    provinces : mapping or iterable of str
        Province codes (the keys of :func:`resolve_provinces`).

    Returns
    -------
    DataFrame
        The selected rows, in their original order, with a fresh index.
    """
    ids = {_code(p) for p in provinces}
    codes = frame["province_id"].astype("string").fillna("").str.strip()
    codes = codes.where(~codes.str.fullmatch(r"\d"), codes.str.zfill(2))
    return frame[codes.isin(ids).to_numpy()].reset_index(drop=True)


def provinces_line(chosen: Mapping[str, str]) -> Any:
    """``Provinces on this page: **A, B**.`` as Markdown.

    Parameters
    ----------
    chosen : mapping
        ``{province_id: name}`` from :func:`resolve_provinces`.

    Returns
    -------
    IPython.display.Markdown
    """
    from IPython.display import Markdown

    return Markdown(f"Provinces on this page: **{', '.join(chosen.values())}**.")


def indicator_labels(codebook: Any, lang: str) -> dict[str, str]:
    """``{indicator_id: label}`` in a figure language (``"vi"``, else English).

    Parameters
    ----------
    codebook : DataFrame
        :func:`dtanalysis.reference.load_codebook`.
    lang : str
        ``"vi"`` or ``"en"``.

    Returns
    -------
    dict
    """
    column = "label_vi" if lang == "vi" else "label_en"
    return dict(zip(codebook["indicator_id"], codebook[column], strict=True))


def _mark(sentence: str, offset: int, start: int, end: int) -> str:
    a, b = start - offset, end - offset
    if not (0 <= a <= b <= len(sentence)):
        return html.escape(sentence)
    return (
        html.escape(sentence[:a])
        + "<mark>"
        + html.escape(sentence[a:b])
        + "</mark>"
        + html.escape(sentence[b:])
    )


def _quotes(ids: str, lookup: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Each figure of a ``;``-joined id list, marked in its sentence, with its offsets."""
    quotes = []
    for fid in ids.split(";"):
        fig = lookup.get(fid.strip())
        if fig is None:
            continue
        start, end = int(fig["start"]), int(fig["end"])
        quotes.append(
            _mark(str(fig["sentence"]), int(fig["sentence_start"]), start, end)
            + f" <small>({html.escape(str(fig['file']))}:{start}-{end})</small>"
        )
    return quotes


def evidence_table(
    rows: Any, figures: Any, columns: Sequence[str], *, max_rows: int | None = None
) -> str:
    """An HTML table of rows with the sentence each figure comes from.

    Every row of `rows` is traced through its ``figure_id`` (audit rows) or
    ``figure_ids`` (panel rows, ``;``-joined) to ``figures.csv``: the sentence is shown
    with the figure highlighted, followed by ``file:start-end`` (offsets in the
    normalised text), so a reader can check every number against its source.

    Parameters
    ----------
    rows : DataFrame
        Rows to show, with ``figure_id`` or ``figure_ids``.
    figures : DataFrame
        ``figures.csv`` (``figure_id, file, start, end, raw, sentence, sentence_start``).
    columns : sequence of str
        Columns of `rows` to show before the sentence.
    max_rows : int, optional
        Show at most this many rows.

    Returns
    -------
    str
        HTML (pass it to ``IPython.display.HTML``).
    """
    lookup = {str(r["figure_id"]): r for r in figures.to_dict("records")}
    id_col = "figure_id" if "figure_id" in rows.columns else "figure_ids"
    shown = rows if max_rows is None else rows.head(max_rows)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in [*columns, "source sentence"])
    body = []
    for row in shown.to_dict("records"):
        cells = [
            "" if row.get(c) is None or str(row.get(c)) in {"nan", "<NA>"} else str(row.get(c))
            for c in columns
        ]
        quotes = _quotes(str(row.get(id_col) or ""), lookup)
        tds = "".join(f"<td>{html.escape(c)}</td>" for c in cells)
        body.append(f"<tr>{tds}<td>{'<br>'.join(quotes) or '—'}</td></tr>")
    more = ""
    if max_rows is not None and len(rows) > max_rows:
        more = f"<p><small>{len(rows) - max_rows} more rows not shown.</small></p>"
    return (
        '<table class="dataframe"><thead><tr>'
        + head
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
        + more
    )


def show_figure(fig: Any, *, dpi: int = 150) -> None:
    """Show a matplotlib figure in a notebook as a PNG image, then release it.

    The figures of :mod:`dtanalysis.plots` are plain ``Figure`` objects, not registered
    with pyplot, so Jupyter would show only their ``repr``. This renders the figure
    (any warning raised while drawing, e.g. a missing glyph, is raised in the calling
    cell) and displays the image, which the HTML report embeds.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : int, default 150
        Resolution of the image.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    display(Image(data=buffer.getvalue(), format="png"))
    plt.close(fig)


def count(n: int, singular: str, plural: str | None = None, *, bold: bool = False) -> str:
    """A number with its noun in agreement: ``"1 series"``, ``"2 pages"``, ``"1 page"``.

    Parameters
    ----------
    n : int
    singular : str
    plural : str, optional
        Default: `singular` + ``"s"`` (``"series"`` stays ``"series"``).
    bold : bool, default False
        Put the number in Markdown bold.

    Examples
    --------
    >>> count(1, "page"), count(2, "page"), count(2, "series"), count(1, "pair", bold=True)
    ('1 page', '2 pages', '2 series', '**1** pair')
    """
    if plural is None:
        plural = singular if singular.endswith(("series", "s")) else singular + "s"
    number = f"**{n}**" if bold else str(n)
    return f"{number} {singular if n == 1 else plural}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb agreeing with `n`: ``verb(1, "has", "have")`` is ``"has"``.

    Examples
    --------
    >>> verb(1, "has", "have"), verb(3, "has", "have")
    ('has', 'have')
    """
    return singular if n == 1 else plural


def format_number(value: Any, lang: str = "en", *, unit: str = "", digits: int = 4) -> str:
    """A number as a reader of `lang` writes it: :func:`dtanalysis.notebook.formats.number`
    (the one formatter of the pages, built on the figures' own).

    Examples
    --------
    >>> format_number(1234.5), format_number(1234.5, "vi"), format_number(100.0, unit="percent")
    ('1,234.5', '1.234,5', '100%')
    """
    from .formats import number

    return number(value, lang, unit=unit, digits=digits)
