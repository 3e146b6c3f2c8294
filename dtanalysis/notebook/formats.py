"""Numbers on a report page as a reader of the page's language writes them.

One formatter writes every number of the report: :func:`dtanalysis.plots._common.fmt_number`,
which the figures use too (English ``1,234.5``, Vietnamese ``1.234,5``, ``100%``, the
minus sign U+2212). This module applies it to what a page shows:

- :func:`number`: one value (a table cell, a number in a sentence);
- :func:`text`: the numbers a sentence was written with by Python (``1,127,089``,
  ``22.8%``), rewritten for the language; quoted text (``'1,26%'``, a figure as the
  document prints it) and code spans are left exactly as they are;
- :func:`table`: a DataFrame as a pandas Styler with its numbers formatted (years and
  codes left alone), or a Styler whose unformatted cells are formatted;
- :func:`use_language`: in a notebook, every DataFrame, Styler and Markdown sentence
  shown afterwards goes through the above. Each notebook calls it once after its
  parameters cell, with its ``LANG``::

      from dtanalysis.notebook import formats
      formats.use_language(LANG)

Dates stay ISO (``2022-12-31``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "VERBATIM_COLUMNS",
    "YEAR_COLUMNS",
    "number",
    "table",
    "text",
    "text_columns",
    "use_language",
]

#: Columns that quote a document or name a file: never rewritten.
VERBATIM_COLUMNS = frozenset(
    {
        "raw",
        "sentence",
        "source sentence",
        "title",
        "publisher",
        "source_document",
        "doc_id",
        "doc_ids",
        "file",
        "path",
        "sha256",
        "target_id",
        "figure_id",
        "figure_ids",
        "quote",
        "url",
    }
)
#: Integer columns that hold years (``2023``, never ``2,023``).
YEAR_COLUMNS = frozenset({"year", "since", "until", "first_year", "last_year", "period"})

# A number as Python writes it: digits with "," grouping and "." decimals, an optional sign.
_EN_NUMBER = re.compile(
    r"(?<![\w.,/\u2212-])(?P<sign>[-\u2212+])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?![\w,]|\.\d)"
)
# Spans left as they are: quotes ('...', "...", “...”), code (`...`), and ISO dates.
_KEEP = re.compile(
    r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d|`[^`\n]*`|\d{4}-\d{2}-\d{2}"
)


def number(value: Any, lang: str = "en", *, unit: str = "", digits: int = 4) -> str:
    """A number as a reader of `lang` writes it: English 1,234.5; Vietnamese 1.234,5.

    Trailing zeros are dropped (``100`` not ``100.000000``); a ``percent`` value gets
    ``%`` (``100%``). A missing value is an em dash; a value that is not a number is
    returned as text.

    Parameters
    ----------
    value : float
    lang : {"en", "vi"}
    unit : str, optional
        ``"percent"`` appends ``%``.
    digits : int, default 4
        Significant digits kept for a fractional value.

    Examples
    --------
    >>> number(1234.5), number(1234.5, "vi"), number(100.0, unit="percent")
    ('1,234.5', '1.234,5', '100%')
    >>> number(-0.5, "vi"), number(float("nan"))
    ('\u22120,5', '—')
    """
    from ..plots._common import fmt_number

    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    written = fmt_number(value, lang, significant=digits, missing="\u2014")
    return written + ("%" if unit == "percent" and written != "\u2014" else "")


def _rewrite(match: re.Match[str], lang: str) -> str:
    """One number as Python wrote it, as `lang` writes it (its decimals kept)."""
    from ..plots._common import fmt_number

    whole, frac = match.group("int"), match.group("frac") or ""
    if "," not in whole and not frac:
        return match.group(0)  # a plain integer (a count, a year) reads the same
    written = fmt_number(float(whole.replace(",", "") + "." + (frac or "0")), lang, len(frac))
    if frac:  # the decimals as written: a column of "56.0%" stays aligned
        point = "," if lang == "vi" else "."
        head, _, got = written.partition(point)
        written = head + point + got.ljust(len(frac), "0")
    sign = match.group("sign") or ""
    return ("\u2212" if sign in ("-", "\u2212") else sign) + written


def text(sentence: Any, lang: str = "en") -> Any:
    """Rewrite the numbers Python wrote in `sentence` the way `lang` writes them.

    A number written with ``,`` thousands and ``.`` decimals (as Python's formatting
    writes it) becomes ``1.234,5`` in Vietnamese; in English its form is kept (a
    negative sign becomes the minus sign). Quoted text (``'1,26%'``: a figure as its
    document prints it), code spans and ISO dates are left as they are, and so are
    numbers inside words and names (``kg-2023-cqs2030:3761-3766``, ``749/QĐ-TTg``).

    Parameters
    ----------
    sentence : str
        Text (Markdown or plain); anything else is returned unchanged.
    lang : {"en", "vi"}

    Returns
    -------
    str

    Examples
    --------
    >>> text("'1,26%' implies 1,127,089 adults; difference +22.8%", "vi")
    "'1,26%' implies 1.127.089 adults; difference +22,8%"
    >>> text("from 1.03% to 50% by 2025-12-31 (odds × 9.80)", "vi")
    'from 1,03% to 50% by 2025-12-31 (odds × 9,80)'
    """
    if not isinstance(sentence, str):
        return sentence
    out: list[str] = []
    last = 0
    for keep in _KEEP.finditer(sentence):
        out.append(_EN_NUMBER.sub(lambda m: _rewrite(m, lang), sentence[last : keep.start()]))
        out.append(keep.group(0))
        last = keep.end()
    out.append(_EN_NUMBER.sub(lambda m: _rewrite(m, lang), sentence[last:]))
    return "".join(out)


def _is_year_column(name: Any, column: Any) -> bool:
    """An integer column named as years (``since``, ``first_year``; not ``slope_per_year``)."""
    import pandas as pd

    key = str(name).strip().lower()
    named = key in YEAR_COLUMNS or (key.endswith("_year") and not key.endswith("per_year"))
    return named and pd.api.types.is_integer_dtype(column)


def _is_text(column: Any) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_string_dtype(column) or column.dtype == object)


def text_columns(frame: Any, lang: str, columns: Iterable[str] | None = None) -> Any:
    """A copy of `frame` whose text columns have their numbers in `lang` (:func:`text`).

    Parameters
    ----------
    frame : DataFrame
    lang : {"en", "vi"}
    columns : iterable of str, optional
        The columns to rewrite; default: every text column but the
        :data:`VERBATIM_COLUMNS`.

    Returns
    -------
    DataFrame
    """
    out = frame.copy()
    chosen = (
        list(columns)
        if columns is not None
        else [c for c in out.columns if _is_text(out[c])]
    )
    for column in chosen:
        if column in out.columns and str(column) not in VERBATIM_COLUMNS:
            out[column] = out[column].map(lambda v: text(v, lang))
    return out


def _cell_formats(styler: Any) -> dict[int, Any]:
    """The format of each column a Styler already formats (``Styler.format``), by position.

    pandas keeps them in ``Styler._display_funcs`` (by cell); there is no public reader.
    """
    funcs = getattr(styler, "_display_funcs", {})
    return {j: f for (_i, j), f in sorted(funcs.items(), key=lambda kv: kv[0], reverse=True)}


_VI_WRITTEN = re.compile(r",\d(?!\d\d)")


def _probe(func: Any) -> str | None:
    try:
        return str(func(1234.5))
    except Exception:  # noqa: BLE001 - a format for text, not numbers
        return None


def _is_default(func: Any) -> bool:
    """Whether a cell format is pandas' default one (``1234.500000``)."""
    import pandas as pd

    return _probe(func) == f"{1234.5:.{pd.get_option('styler.format.precision')}f}"


def _writes_english(func: Any) -> bool:
    """Whether a cell format writes 1234.5 as Python does (not already in Vietnamese)."""
    probe = _probe(func)
    return probe is not None and not _VI_WRITTEN.search(probe)


def table(data: Any, lang: str = "en", *, uuid: str | None = None) -> Any:
    """A table with its numbers written for `lang` (a pandas Styler).

    Number columns are formatted with :func:`number` (years, integer columns named in
    :data:`YEAR_COLUMNS` or ``*_year``, are left as they are); text columns have their
    numbers rewritten with :func:`text` (except the :data:`VERBATIM_COLUMNS`). A Styler
    keeps the formats it has, rewritten with :func:`text` for Vietnamese when they write
    numbers as Python does (``"{:.1%}"``); its unformatted number columns are formatted
    as a DataFrame's, its text as it is. A DataFrame's default index (0, 1, 2, ...) is hidden.

    Parameters
    ----------
    data : DataFrame or pandas Styler
    lang : {"en", "vi"}
    uuid : str, optional
        The table's id (a fixed id keeps a rebuilt page byte-identical); a Styler keeps
        its own.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    import pandas as pd
    from pandas.io.formats.style import Styler

    if isinstance(data, Styler):
        styler, frame = data, data.data
    else:
        frame = text_columns(data, lang)
        styler = frame.style.set_uuid(uuid or "table")
        if isinstance(frame.index, pd.RangeIndex):
            styler = styler.hide(axis="index")
    formats = {j: f for j, f in _cell_formats(styler).items() if not _is_default(f)}
    for j, name in enumerate(frame.columns):
        column = frame.iloc[:, j]
        if _is_year_column(name, column) or str(name) in VERBATIM_COLUMNS:
            continue
        if j in formats:
            if lang != "en" and _writes_english(formats[j]):
                old = formats[j]
                styler = styler.format(lambda v, f=old: text(f(v), lang), subset=[name])
        elif pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            styler = styler.format(lambda v: number(v, lang), subset=[name])
        else:  # text as it is, a missing text as a dash (not "nan")
            styler = styler.format(na_rep="\u2014", subset=[name])
    return styler


class _Counter:
    """Fixed ids for the tables of a page: ``table-1``, ``table-2``, ... in display order."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return f"table-{self.n}"


def use_language(lang: str) -> None:
    """Show every later table and sentence of the running notebook in `lang`'s numbers.

    Registers IPython display formatters: a DataFrame is shown as :func:`table` (with a
    fixed id), a Styler through :func:`table` (its own formats kept), a Markdown
    sentence through :func:`text`, a slope test (``dtanalysis.adoption.PooledTest``)
    with its table through :func:`table`. Outside IPython it does nothing.

    Parameters
    ----------
    lang : {"en", "vi"}
    """
    from IPython import get_ipython
    from IPython.display import Markdown
    from pandas import DataFrame
    from pandas.io.formats.style import Styler

    from .parameters import _language

    lang = _language("LANG", lang)
    shell = get_ipython()
    if shell is None:
        return
    ids = _Counter()
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(
        DataFrame, lambda df: table(df, lang, uuid=ids.next()).to_html()
    )
    formatters["text/html"].for_type(Styler, lambda s: table(s, lang).to_html())
    formatters["text/markdown"].for_type(Markdown, lambda md: text(md.data, lang))
    formatters["text/html"].for_type_by_name(
        "dtanalysis.adoption", "PooledTest", lambda test: _test_html(test, lang, ids.next())
    )


def _test_html(test: Any, lang: str, uuid: str) -> str:
    """A slope test (:class:`dtanalysis.adoption.PooledTest`) as its own HTML, in `lang`."""
    import html

    return f"<p><strong>{html.escape(text(repr(test), lang))}</strong></p>" + table(
        test.to_frame(), lang, uuid=uuid
    ).to_html()
