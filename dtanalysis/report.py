"""Build the reproducible HTML report from the notebooks.

The notebooks live in ``notebooks/NN-name.py`` as jupytext "percent" scripts (readable
diffs, no outputs in version control). :func:`build_report` turns each one into a
notebook (the sources are never written), reads the names its cell tagged
``parameters`` assigns (``papermill.inspect_notebook``) and checks every parameter of
the build before any notebook runs: a name that no notebook assigns, or a value the
notebooks cannot use (:func:`dtanalysis.notebook.parameters.check_parameters`: a
language outside en/vi, a province that is not in the data), stops the build with the
allowed names or values. Each notebook is then executed by papermill (which injects its
parameters in a cell tagged ``injected-parameters`` after the parameters cell) through
nbclient in a fresh ``python3`` kernel whose working directory is the build folder
(``<root>/build/notebooks/``), and exported with nbconvert to a self-contained HTML page
(images embedded as data URIs, no external scripts). ``index.html`` links every page and
records the build date, the package version and the git commit. On a machine with two
CPUs or more, two notebooks execute at a time (each in its own fresh kernel; the pages,
the index and the progress lines are those of a serial build), and each page is
exported as soon as its notebook is done. With ``figures=True`` the publication figures
are drawn meanwhile by ``python -m dtanalysis figures``, unless ``figures/`` already
holds the files an earlier build drew from the same inputs.

``reports/`` is replaced as a whole: the pages and the index are written to a new
folder beside it, renamed into place only after every notebook has run, so
``reports/`` holds either the previous complete report or the new one, never a mixture.
A failing cell raises :class:`ReportError` naming the notebook, the cell and the error;
the executed notebook and its HTML, with the traceback, are kept in the build folder.

Examples
--------
From the shell (the ``make report`` target runs the data build first)::

    python -m dtanalysis report
    python -m dtanalysis report --only 04 --param LANG=vi
    python -m dtanalysis report --param 'PROVINCES=["Cà Mau"]'
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import __version__, paths
from .errors import DtanalysisError

__all__ = [
    "BuildInfo",
    "PageResult",
    "ReportError",
    "ReportResult",
    "build_report",
    "check_parameters",
    "discover_notebooks",
    "parse_param",
    "polish_html",
    "without_iri_grammars",
]

#: Kernel used for every notebook: the ``python3`` kernel of the running environment.
KERNEL_NAME = "python3"
#: Source notebooks are ``NN-name.py`` (two digits, a dash, a name).
NOTEBOOK_GLOB = "[0-9][0-9]-*.py"
_PAGE_RE = re.compile(r"^\d\d-.+\.html$")
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_MARKER_RE = re.compile(r"^# %%")

# A page template: JupyterLab's look, minus the scripts fetched from a CDN (require.js,
# MathJax, mermaid), so that a page opens offline and identically years from now. It
# reads like a report: the code of every cell is folded in a <details> element (one
# click shows it), no In/Out prompts, tables left-aligned for text and right-aligned for
# numbers, wide tables scroll inside the page, figures as wide as the text column.
_PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">{{ resources.dtanalysis_css }}</style>
{%- endblock html_head_css -%}
{% block input_group -%}
<details class="dt-code"><summary>Show code</summary>
{{ super() }}
</details>
{% endblock input_group %}
{% block body_footer %}
<footer style="margin: 2em 1em; padding-top: 0.5em; border-top: 1px solid #ccc;
 font-size: 0.85em; color: #555;">{{ resources.dtanalysis_footer }}</footer>
{{ super() }}
{% endblock body_footer %}
"""

#: The report's style sheet (inline in every page).
PAGE_CSS = """
body.jp-Notebook { max-width: 1180px; margin: 0 auto; padding: 1em 2em; }
details.dt-code > summary { cursor: pointer; color: #777; font-size: 0.8em;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  margin: 0.1em 0 0.1em 0.5em; user-select: none; }
details.dt-code:not([open]) > summary { list-style-position: inside; }
details.dt-code[open] > summary { margin-bottom: 0.3em; }
.dt-scroll { overflow-x: auto; max-width: 100%; margin: 0.5em 0; }
.jp-RenderedHTMLCommon .dt-scroll table { margin: 0; table-layout: auto; }
body.jp-Notebook .jp-RenderedHTMLCommon td, body.jp-Notebook .jp-RenderedHTMLCommon th {
  text-align: left; vertical-align: top; max-width: 40em; }
body.jp-Notebook .jp-RenderedHTMLCommon td.dt-num,
body.jp-Notebook .jp-RenderedHTMLCommon th.dt-num {
  text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
body.jp-Notebook .jp-RenderedHTMLCommon thead th,
body.jp-Notebook .jp-RenderedHTMLCommon thead th.dt-num { white-space: normal; }
body.jp-Notebook .jp-RenderedHTMLCommon td.dt-date { white-space: nowrap; }
body.jp-Notebook .jp-RenderedHTMLCommon td.dt-wrap { min-width: 11em; }
body.jp-Notebook .jp-RenderedHTMLCommon td.dt-short { white-space: nowrap; }
body.jp-Notebook .jp-RenderedHTMLCommon td.dt-long { min-width: 18em; }
.jp-RenderedHTMLCommon td details > summary { cursor: pointer; }
.jp-RenderedImage img, .jp-OutputArea-output img { max-width: 100%; height: auto; }
.jp-OutputArea-output img[width] { width: 100%; }
.dt-nowrap { white-space: nowrap; }
.jp-OutputArea-output.jp-RenderedImage { width: 100%; }
"""


class ReportError(DtanalysisError):
    """The report cannot be built: a notebook is missing or invalid, or a cell failed."""


@dataclass(frozen=True)
class BuildInfo:
    """Provenance of a report build.

    Attributes
    ----------
    date : str
        Build time, ``YYYY-MM-DD HH:MM UTC`` (from ``SOURCE_DATE_EPOCH`` when set).
    version : str
        ``dtanalysis.__version__``.
    commit : str
        Full git commit hash of the checkout holding the notebooks, or ``"unknown"``.
    dirty : bool or None
        True when the work tree has uncommitted changes, None when git is unavailable.
    python : str
        Python version of the process that built the report.
    parameters : dict
        The parameters injected into the notebooks.
    """

    date: str
    version: str
    commit: str
    dirty: bool | None
    python: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def commit_label(self) -> str:
        """Short commit with a ``dirty`` mark, e.g. ``"3f2a9c1 (dirty)"``, or ``"unknown"``."""
        if self.commit == "unknown":
            return "unknown (not a git checkout or git unavailable)"
        short = self.commit[:10]
        return f"{short} (dirty)" if self.dirty else short


@dataclass(frozen=True)
class PageResult:
    """One executed notebook.

    Attributes
    ----------
    source : pathlib.Path
        The source notebook (``notebooks/NN-name.py``).
    executed : pathlib.Path
        The executed notebook in the build folder.
    html : pathlib.Path
        The HTML page in the output folder.
    title : str
        The notebook's first Markdown heading (or its file stem).
    seconds : float
        Wall-clock time to execute it.
    """

    source: Path
    executed: Path
    html: Path
    title: str
    seconds: float


@dataclass(frozen=True)
class ReportResult:
    """What :func:`build_report` wrote.

    Attributes
    ----------
    index : pathlib.Path
        ``index.html`` in the output folder.
    pages : tuple of PageResult
        One per notebook, in build order.
    info : BuildInfo
        Date, version, commit and parameters of the build.
    """

    index: Path
    pages: tuple[PageResult, ...]
    info: BuildInfo

    @property
    def html_files(self) -> tuple[Path, ...]:
        """The HTML pages (without the index)."""
        return tuple(page.html for page in self.pages)


# --------------------------------------------------------------------------- helpers


def discover_notebooks(
    folder: str | os.PathLike[str] | None = None, only: Iterable[str] | None = None
) -> list[Path]:
    """Return the source notebooks ``NN-*.py`` of a folder, sorted by name.

    Parameters
    ----------
    folder : path-like, optional
        Folder to search (default: :func:`dtanalysis.paths.notebooks_dir`).
    only : iterable of str, optional
        Keep only the notebooks whose number (``"02"`` or ``"2"``) or full stem is listed.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    ReportError
        When the folder holds no notebook, or `only` names a notebook that does not exist.
    """
    folder = Path(folder) if folder is not None else paths.notebooks_dir()
    found = sorted(p for p in folder.glob(NOTEBOOK_GLOB) if p.is_file())
    if not found:
        raise ReportError(f"{folder}: no notebooks named NN-name.py")
    if only is None:
        return found
    wanted = [str(o).strip() for o in only]
    selected: list[Path] = []
    for item in wanted:
        matches = [
            p
            for p in found
            if p.stem == item or p.stem.split("-", 1)[0] == item.zfill(2) or p.name == item
        ]
        if not matches:
            names = ", ".join(p.stem for p in found)
            raise ReportError(f"{folder}: no notebook {item!r} (have: {names})")
        selected.extend(m for m in matches if m not in selected)
    return sorted(selected)


def parse_param(text: str) -> tuple[str, Any]:
    """Parse a ``NAME=VALUE`` command-line parameter.

    The value is read as JSON when it parses (numbers, ``true``, lists, quoted strings),
    otherwise kept as a plain string, so ``LANG=vi`` and ``LANG='"vi"'`` give the same.

    Parameters
    ----------
    text : str
        ``NAME=VALUE``.

    Returns
    -------
    (str, object)

    Raises
    ------
    ReportError
        When there is no ``=`` or NAME is not a Python identifier.

    Examples
    --------
    >>> parse_param('PROVINCES=["Cà Mau"]')
    ('PROVINCES', ['Cà Mau'])
    >>> parse_param("LANG=vi")
    ('LANG', 'vi')
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ReportError(f"--param {text!r}: expected NAME=VALUE with NAME a Python identifier")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name, value


def _cell_lines(source_path: Path, n_cells: int) -> list[int] | None:
    """1-based line of each cell in a percent script, when the markers account for every cell."""
    if source_path.suffix != ".py":
        return None
    try:
        lines = source_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    markers = [i + 1 for i, line in enumerate(lines) if _MARKER_RE.match(line)]
    if len(markers) == n_cells:
        return markers
    return None


def _title(nb: Any, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = re.match(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$", line)
            if match:
                return re.sub(r"[*_`]", "", match.group(1))
    return fallback


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout


def git_state(folder: str | os.PathLike[str]) -> tuple[str, bool | None]:
    """Return ``(commit, dirty)`` of the git checkout holding `folder`.

    Parameters
    ----------
    folder : path-like
        Any folder inside the checkout.

    Returns
    -------
    (str, bool or None)
        The full commit hash and whether tracked or untracked (not ignored) files differ
        from it; ``("unknown", None)`` when git is missing or `folder` is not in a checkout.
    """
    folder = Path(folder)
    head = _git(folder, "rev-parse", "--verify", "HEAD")
    if head is None or not head.strip():
        return "unknown", None
    status = _git(folder, "status", "--porcelain")
    return head.strip(), (None if status is None else bool(status.strip()))


def _build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = None
    if epoch:
        try:
            when = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        except (ValueError, OverflowError, OSError):
            when = None
    if when is None:
        when = _dt.datetime.now(tz=_dt.UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _error_line(exc: BaseException) -> str:
    """The last meaningful line of an execution error (``KeyError: 'x'``)."""
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        evalue = _ANSI_RE.sub("", str(evalue or "")).strip().splitlines()
        return f"{ename}: {evalue[-1]}" if evalue else str(ename)
    text = _ANSI_RE.sub("", str(exc)).strip().splitlines()
    return text[-1].strip() if text else type(exc).__name__


def _kernel_env(root: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if root is not None:
        env.setdefault(paths.ENV_VAR, str(root))
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env.setdefault("PYTHONHASHSEED", "0")
    # Figures must be shown inline even when the caller forces a backend (the Makefile
    # exports MPLBACKEND=Agg, which the kernel would otherwise inherit: no figures).
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


def _rel(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(base))
        except ValueError:
            pass
    return str(path)


def _code_cell(source: str, tag: str) -> Any:
    import nbformat

    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = [tag]
    cell.pop("id", None)
    cell["id"] = tag
    return cell


def _exporter() -> Any:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        embed_images=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        template_file="dtanalysis_page.html.j2",
        extra_loaders=[DictLoader({"dtanalysis_page.html.j2": _PAGE_TEMPLATE})],
    )


_TABLE_RE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CELL_RE = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_NUMBER = r"[-\u2212+]?(?:\d{1,3}(?:[,.\u202f\u00a0]\d{3})+|\d+)(?:[.,]\d+)?(?:e[-+]?\d+)?"
_NUMERIC_RE = re.compile(
    rf"^(?:{_NUMBER}\s*(?:%|pp|p\.p\.)?(?:\s*[\u2013-]\s*{_NUMBER}\s*%?)?|\u2014|nan|NaN|<NA>)$"
)
_DATE_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?(?:\s*[\u2013/]\s*\d{4}-\d{2}(?:-\d{2})?)?$")
#: Text cells longer than this (characters) are shortened, the full text one click away.
LONG_CELL = 160
#: Text cells longer than this (characters) are at least 11em wide (``dt-wrap``).
WRAP_CELL = 40
#: Text cells this long or shorter (a name: "Hải Dương", "target met") are not wrapped,
#: nor codes without spaces ("nat-411-bank-account-2025", "implied_denominator").
SHORT_CELL = 16


def _add_class(attrs: str, name: str) -> str:
    match = re.search(r'class="([^"]*)"', attrs)
    if match:
        return attrs[: match.start(1)] + match.group(1) + " " + name + attrs[match.end(1) :]
    return f'{attrs} class="{name}"'


_MARK_RE = re.compile(r"^(.*?)<mark>(.*?)</mark>(.*?)(<small>.*</small>)?$", re.DOTALL)
#: Characters of context kept on each side of a highlighted figure in a shortened sentence.
MARK_CONTEXT = 70


def _context(text: str, keep: int, *, before: bool) -> str:
    """The `keep` characters of `text` next to a figure, cut at a space, with an ellipsis."""
    if len(text) <= keep:
        return text
    if before:
        cut = text[-keep:]
        return "\u2026" + cut[cut.find(" ") :] if " " in cut else "\u2026" + cut
    cut = text[:keep]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + " \u2026"


def _short_sentence(inner: str) -> str | None:
    """A long sentence with one highlighted figure, cut to the figure and its context."""
    match = _MARK_RE.match(inner)
    if match is None or "<br" in inner or "<mark>" in match.group(3):
        return None
    before = html.unescape(_TAG_RE.sub("", match.group(1)))
    after = html.unescape(_TAG_RE.sub("", match.group(3)))
    return (
        html.escape(_context(before, MARK_CONTEXT, before=True), quote=False)
        + f"<mark>{match.group(2)}</mark>"
        + html.escape(_context(after, MARK_CONTEXT, before=False), quote=False)
        + (" " + match.group(4) if match.group(4) else "")
    )


def _polish_cell(match: re.Match[str]) -> str:
    attrs, inner = match.group(1), match.group(2)
    text = html.unescape(_TAG_RE.sub("", inner)).strip()
    if not text:
        return match.group(0)
    if _NUMERIC_RE.match(text):
        return f"<td{_add_class(attrs, 'dt-num')}>{inner}</td>"
    if _DATE_RE.match(text):
        return f"<td{_add_class(attrs, 'dt-date')}>{inner}</td>"
    if len(text) > LONG_CELL:
        if "<" not in inner:
            cut = text[: LONG_CELL - 40].rsplit(" ", 1)[0]
            short: str | None = html.escape(cut, quote=False) + " \u2026"
        else:
            short = _short_sentence(inner)
        if short is not None:
            return (
                f"<td{_add_class(attrs, 'dt-long')}><details><summary>{short}</summary>"
                f"{inner}</details></td>"
            )
    # a name, a code or a few words on one line; a longer text at least 11em wide
    kind = "dt-text"
    if len(text) > WRAP_CELL:
        kind += " dt-wrap"
    elif len(text) <= SHORT_CELL or not re.search(r"\s", text):
        kind += " dt-short"
    return f"<td{_add_class(attrs, kind)}>{inner}</td>"


_MARKDOWN_OUTPUT_RE = re.compile(
    r'(<div class="[^"]*jp-RenderedMarkdown jp-OutputArea-output[^"]*"[^>]*>)(.*?)(</div>)',
    re.DOTALL,
)
_CODE_RE = re.compile(r"(<code\b.*?</code>)", re.DOTALL)
_ISO_DATE_RE = re.compile(r"(?<![\w-])(\d{4}-\d{2}-\d{2})(?![\w-])")


def _unwrapped_dates(match: re.Match[str]) -> str:
    """A sentence's ISO dates kept on one line (never "2030-" and "12-31")."""
    parts = _CODE_RE.split(match.group(2))
    for i in range(0, len(parts), 2):  # the text between code spans
        parts[i] = _ISO_DATE_RE.sub(r'<span class="dt-nowrap">\1</span>', parts[i])
    return match.group(1) + "".join(parts) + match.group(3)


def polish_html(page: str) -> str:
    """Make an nbconvert page read like a report.

    Every table goes into a ``<div class="dt-scroll">`` (a wide table scrolls inside the
    page instead of being cut off); every data cell gets a class the page's style sheet
    aligns: ``dt-num`` (a number, a percentage or a range of numbers: right-aligned, not
    wrapped), ``dt-date`` (an ISO date: not wrapped), ``dt-text`` (left-aligned; also
    ``dt-short``, not wrapped, up to :data:`SHORT_CELL` characters or a code without
    spaces such as a target id, or ``dt-wrap``, at least 11em wide, when longer than
    :data:`WRAP_CELL` characters) or
    ``dt-long`` (a text longer than :data:`LONG_CELL` characters, shortened in a
    ``<details>`` element whose summary is its beginning, or for a source sentence its
    highlighted figure with :data:`MARK_CONTEXT` characters on each side; one click
    shows all of it). A column of text with a number among it ("01 năm", "100%") is
    text throughout; long column names may wrap after their underscores. In the
    sentences a notebook shows, ISO dates are kept on one line.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    str

    Examples
    --------
    >>> html = polish_html("<table><tr><td>1,234.5</td><td>Cà Mau</td></tr></table>")
    >>> html.startswith('<div class="dt-scroll"><table><tr><td class="dt-num">1,234.5</td>')
    True
    >>> html.endswith('<td class="dt-text dt-short">Cà Mau</td></tr></table></div>')
    True
    """

    def table(match: re.Match[str]) -> str:
        body = _CELL_RE.sub(_polish_cell, match.group(0))
        return '<div class="dt-scroll">' + _number_headers(body) + "</div>"

    return _MARKDOWN_OUTPUT_RE.sub(_unwrapped_dates, _TABLE_RE.sub(table, page))


_ROW_RE = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_ANY_CELL_RE = re.compile(r"<(td|th)\b([^>]*)>", re.DOTALL)


def _date_columns(table: str) -> str:
    """In a column holding dates, every cell is a date (a bare year ``2023`` too)."""
    dated: set[int] = set()
    for row in _ROW_RE.findall(table):
        dated |= {i for i, c in enumerate(_ANY_CELL_RE.finditer(row)) if "dt-date" in c.group(2)}
    return _reclass_columns(table, dated, "dt-date")


def _text_columns(table: str) -> str:
    """In a column holding text, every cell is text (a quoted "100%" beside "01 năm")."""
    kinds: dict[int, set[str]] = {}
    for row in _ROW_RE.findall(table):
        for i, c in enumerate(_ANY_CELL_RE.finditer(row)):
            found = re.search(r"\bdt-(num|text|long)\b", c.group(2))
            if c.group(1) == "td" and found:
                kinds.setdefault(i, set()).add("num" if found.group(1) == "num" else "text")
    mixed = {i for i, k in kinds.items() if k == {"num", "text"}}
    return _reclass_columns(table, mixed, "dt-text")


def _reclass_columns(table: str, positions: set[int], css: str) -> str:
    """The cells of the columns at `positions` (0-based, every row) get class `css`
    instead of ``dt-num``."""
    if not positions:
        return table

    def row_sub(row: re.Match[str]) -> str:
        position = iter(range(10**6))

        def cell(c: re.Match[str]) -> str:
            cell = c.group(0)
            return cell.replace("dt-num", css) if next(position) in positions else cell

        return _ANY_CELL_RE.sub(cell, row.group(0))

    return _ROW_RE.sub(row_sub, table)


_HEADER_RE = re.compile(r"(<th\b[^>]*>)([^<]{11,})(</th>)")


def _breakable_headers(head: str) -> str:
    """Let a long column name wrap after its underscores (``slope_per_year``, not ``n_obs``)."""
    return _HEADER_RE.sub(
        lambda m: m.group(1) + m.group(2).replace("_", "_<wbr>") + m.group(3), head
    )


def _number_headers(table: str) -> str:
    """Right-align the header of every column whose data cells are all numbers.

    A column of dates and numbers is a column of dates, a column of text and numbers one
    of text; column names may wrap after an underscore.
    """
    table = _text_columns(_date_columns(table))
    head, sep, rest = table.partition("</thead>")
    if not sep:
        return table
    head = _breakable_headers(head)
    columns: dict[int, bool] = {}
    for row in _ROW_RE.findall(rest):
        for i, cell in enumerate(_ANY_CELL_RE.finditer(row)):
            if cell.group(1) == "td" and ("dt-text" in cell.group(2) or "dt-long" in cell.group(2)):
                columns[i] = False
            elif cell.group(1) == "td" and "dt-num" in cell.group(2):
                columns.setdefault(i, True)
    numeric = {i for i, yes in columns.items() if yes}
    if not numeric:
        return table

    def header_row(row: re.Match[str]) -> str:
        position = iter(range(10**6))

        def cell(c: re.Match[str]) -> str:
            i = next(position)
            if c.group(1) == "th" and i in numeric:
                return f"<th{_add_class(c.group(2), 'dt-num')}>"
            return c.group(0)

        return _ANY_CELL_RE.sub(cell, row.group(0))

    return _ROW_RE.sub(header_row, head) + sep + rest


def _footer(info: BuildInfo, source_label: str) -> str:
    # No build time on the pages (the index has it), so a rebuilt page diffs cleanly.
    return (
        f"Built from <code>{html.escape(source_label)}</code> "
        f"with dtanalysis {html.escape(info.version)}, commit "
        f"<code>{html.escape(info.commit_label)}</code>. "
        '<a href="index.html">All pages of the report</a>.'
    )


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _index_html(info: BuildInfo, pages: Sequence[PageResult], out_dir: Path) -> str:
    rows = []
    for page in pages:
        href = html.escape(os.path.relpath(page.html, out_dir).replace(os.sep, "/"))
        rows.append(
            f'<li><a href="{href}">{html.escape(page.title)}</a> '
            f"<small>({html.escape(page.source.name)})</small></li>"
        )
    if info.parameters:
        params = ", ".join(
            f"<code>{html.escape(k)} = {html.escape(repr(v))}</code>"
            for k, v in sorted(info.parameters.items())
        )
    else:
        params = "defaults of each notebook"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>dtanalysis report</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48em;
       margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; }}
th, td {{ text-align: left; padding: 0.2em 1em 0.2em 0; vertical-align: top; }}
th {{ font-weight: 600; }}
small {{ color: #666; }}
</style>
</head>
<body>
<h1>dtanalysis report</h1>
<p>Digital transformation (chuyển đổi số) in Vietnamese provinces: the notebooks of the
analysis, executed top to bottom in a fresh kernel.</p>
<ol>
{chr(10).join(rows)}
</ol>
<h2>Build</h2>
<table>
<tr><th>Built</th><td>{html.escape(info.date)}</td></tr>
<tr><th>dtanalysis version</th><td>{html.escape(info.version)}</td></tr>
<tr><th>Git commit</th><td><code>{html.escape(info.commit)}</code>{
        " (dirty: the work tree has uncommitted changes)" if info.dirty else ""
    }</td></tr>
<tr><th>Python</th><td>{html.escape(info.python)}</td></tr>
<tr><th>Parameters</th><td>{params}</td></tr>
</table>
<p><small>Rebuild with <code>make report</code> (or <code>python -m dtanalysis report</code>
after <code>python -m dtanalysis build</code>).</small></p>
</body>
</html>
"""


# --------------------------------------------------------------------------- execution

#: Cell tags of the cells the report adds (papermill's parameters cell, the setup cell,
#: papermill's error markers); they have no cell in the source notebook.
_INJECTED_TAGS = frozenset({"injected-parameters", "injected-setup", "papermill-error-cell-tag"})
#: Name of the papermill engine and of the parameter language registered below.
_ENGINE = "dtanalysis"
_LANGUAGE = "dtanalysis-python"
#: Timing that papermill records, removed so that executed notebooks do not vary.
_PAPERMILL_TIMING = ("start_time", "end_time", "duration")


@dataclass
class _Run:
    """What the papermill engine needs for one notebook, and what it leaves for errors."""

    kernel: _Kernel
    timeout: int | None
    nb: Any = None
    current: int = -1


class _Kernel:
    """A fresh ``python3`` kernel, started before its notebook runs.

    The report starts the next notebook's kernel while the current notebook executes,
    so that its start-up (a Python process importing IPython) is not waited for. Nothing
    runs in a kernel before its notebook: every notebook still gets a fresh one.
    """

    def __init__(self, env: Mapping[str, str], cwd: Path, log_path: Path, label: str) -> None:
        from jupyter_client.kernelspec import NoSuchKernel
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.log_path = log_path
        # The kernel process's own messages (not the cells' output) go to a log file.
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        try:
            run_sync(self.km.start_kernel)(
                extra_arguments=["--HistoryManager.hist_file=:memory:"],
                cwd=str(cwd),
                env=dict(env),
                stderr=self._log,
            )
        except NoSuchKernel as exc:
            self._log.close()
            raise ReportError(
                f"{label}: no Jupyter kernel {KERNEL_NAME!r} in this environment; "
                "install the notebooks extra (pip install -e '.[notebooks]')"
            ) from exc

    def stop(self) -> None:
        """Shut the kernel down if its notebook did not (e.g. the build failed before)."""
        from jupyter_core.utils import run_sync

        try:
            if run_sync(self.km.is_alive)():
                run_sync(self.km.shutdown_kernel)(now=True)
            run_sync(self.km.cleanup_resources)()
        except RuntimeError:  # pragma: no cover - already gone
            pass
        self._log.close()


def _papermill() -> Any:
    """Import papermill and register the report's engine and parameter translator once."""
    try:
        import papermill
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine, papermill_engines
        from papermill.translators import PythonTranslator, papermill_translators
    except ImportError as exc:  # pragma: no cover - papermill is in the notebooks extra
        raise ReportError(
            "papermill is not installed; "
            "install the notebooks extra (pip install -e '.[notebooks]')"
        ) from exc
    if papermill_engines._engines.get(_ENGINE) is not None:
        return papermill

    class Translator(PythonTranslator):
        """Values written as Python literals (``repr``): readable Vietnamese, exact escapes.

        papermill's Python translator writes ``"C\\xe0 Mau"`` for ``"Cà Mau"`` and formats
        the cell with black when black happens to be installed.
        """

        @classmethod
        def translate_str(cls, val: Any) -> str:
            return repr(val)

        @classmethod
        def codify(cls, parameters: Mapping[str, Any], comment: str = "Parameters") -> str:
            lines = ["# Parameters injected by dtanalysis.report (papermill)"]
            lines += [f"{name} = {cls.translate(value)}" for name, value in parameters.items()]
            return "\n".join(lines) + "\n"

    class Engine(NBClientEngine):
        """nbclient through papermill, with the kernel's environment, log and folder."""

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            run: _Run = kwargs["dtanalysis_run"]
            run.nb = nb_man.nb

            def on_cell_start(cell: Any, cell_index: int) -> None:
                run.current = cell_index

            client = PapermillNotebookClient(
                nb_man,
                km=run.kernel.km,
                kernel_name=kernel_name,
                timeout=run.timeout,
                startup_timeout=kwargs.get("start_timeout", 60),
                record_timing=False,
                on_cell_start=on_cell_start,
            )
            # The kernel was started for this notebook alone: shut it down after it.
            client.owns_km = True
            return client.execute()

    papermill_translators.register(_LANGUAGE, Translator)
    papermill_engines.register(_ENGINE, Engine)
    return papermill


def without_iri_grammars() -> None:
    """Keep jsonschema from compiling RFC 3987's grammars in this process (about 1.3 s).

    nbformat imports jsonschema, whose format checker imports ``rfc3987_syntax`` when it
    is installed (JupyterLab's event schemas want it); that module compiles 38 lark
    grammars as it is imported. Notebook schemas check no ``iri`` format, so, unless
    jsonschema is imported already, the module is marked missing here: jsonschema then
    leaves the two IRI formats out, as it does wherever the module is not installed.
    This changes the whole process, so only the command line calls it (``python -m
    dtanalysis report``, a process that does nothing else); :func:`build_report` called
    from a session leaves the session's modules alone.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _prepare(source: Path, setup_code: str | None, folder: Path) -> tuple[Any, Path]:
    """Read a source notebook, add the setup cell, write it as ``.ipynb`` into `folder`.

    Returns the notebook and the path of its copy (papermill's input).
    """
    import jupytext
    import nbformat

    try:
        nb = jupytext.read(source)
    except Exception as exc:  # jupytext raises several types for unreadable files
        raise ReportError(f"{source}: cannot read the notebook: {_error_line(exc)}") from exc
    nb.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    # Executed notebooks carry no jupytext pairing, so opening one never writes a .py.
    nb.metadata.pop("jupytext", None)
    if setup_code:
        nb.cells.insert(0, _code_cell(setup_code, "injected-setup"))
    _stable_ids(nb)
    path = folder / (source.stem + ".ipynb")
    nbformat.write(nb, path)
    return nb, path


def _stable_ids(nb: Any) -> None:
    """Give every cell an id that depends on its place only (``cell-3``).

    jupytext, nbformat and papermill draw random cell ids, which nbconvert writes into
    every page (``id="cell-id=..."``): two builds would differ. A cell the report adds
    is named by its tag.
    """
    n = 0
    seen: dict[str, int] = {}
    for cell in nb.cells:
        tags = [tag for tag in _tags(cell) if tag in _INJECTED_TAGS]
        if tags:
            seen[tags[0]] = seen.get(tags[0], 0) + 1
            cell["id"] = tags[0] if seen[tags[0]] == 1 else f"{tags[0]}-{seen[tags[0]]}"
        else:
            n += 1
            cell["id"] = f"cell-{n}"


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _notebook_parameters(path: Path) -> set[str]:
    """The names the notebook's ``parameters`` cell assigns (``papermill.inspect_notebook``)."""
    return set(_papermill().inspect_notebook(str(path)))


def _origin(nb: Any) -> list[int | None]:
    """For each cell, the index of the source cell it comes from (None: added by the report)."""
    origin: list[int | None] = []
    n = 0
    for cell in nb.cells:
        if _INJECTED_TAGS & set(_tags(cell)):
            origin.append(None)
        else:
            origin.append(n)
            n += 1
    return origin


def _clean(nb: Any, label: str) -> None:
    """Drop papermill's timing and temporary paths, so executed notebooks do not vary."""
    meta = nb.metadata.get("papermill", {})
    for key in _PAPERMILL_TIMING:
        meta.pop(key, None)
    meta["input_path"], meta["output_path"] = label, None
    meta.pop("environment_variables", None)
    _stable_ids(nb)
    for cell in nb.cells:
        for key in _PAPERMILL_TIMING:
            cell.get("metadata", {}).get("papermill", {}).pop(key, None)


def _execute(
    input_path: Path,
    source: Path,
    executed_path: Path,
    *,
    kernel: _Kernel,
    parameters: Mapping[str, Any],
    timeout: int | None,
    info: BuildInfo,
    label: str,
) -> Any:
    """Execute one notebook with papermill in its kernel; return the executed notebook."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    papermill = _papermill()
    run = _Run(kernel=kernel, timeout=timeout)
    try:
        nb = papermill.execute_notebook(
            str(input_path),
            None,
            parameters=dict(parameters),
            engine_name=_ENGINE,
            language=_LANGUAGE,
            kernel_name=KERNEL_NAME,
            request_save_on_cell_execute=False,
            progress_bar=False,
            dtanalysis_run=run,
        )
    except (PapermillExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as exc:
        raise _failure(exc, run, source, executed_path, info, label, timeout) from exc
    _clean(nb, label)
    nbformat.write(nb, executed_path)
    return nb


def _failure(
    exc: BaseException,
    run: _Run,
    source: Path,
    executed_path: Path,
    info: BuildInfo,
    label: str,
    timeout: int | None,
) -> ReportError:
    """The ReportError naming the notebook, the cell and the error; saves the failed run."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    nb = run.nb
    index = run.current
    if isinstance(exc, PapermillExecutionError):
        # papermill found an error output; its cell index counts the cells it ran.
        index = exc.cell_index
        cells = [c for c in nb.cells if "papermill-error-cell-tag" not in _tags(c)] if nb else []
        raised = 0 <= index < len(cells) and cells[index].metadata.get("papermill", {}).get(
            "exception"
        )
        what = _error_line(SimpleNamespace(ename=exc.ename, evalue=exc.evalue))
        if not raised:
            # An error while a cell's output is shown (e.g. a warning turned into an error
            # while the inline backend draws a figure after the cell) does not fail the
            # cell in Jupyter, but a report page must not carry one.
            what = f"failed while showing its output: {what}"
    elif isinstance(exc, CellTimeoutError):
        what = f"timed out after {timeout} s"
    elif isinstance(exc, DeadKernelError):
        what = f"the kernel died (see {run.kernel.log_path})"
    else:
        what = _error_line(exc)
    cells = [c for c in nb.cells if "papermill-error-cell-tag" not in _tags(c)] if nb else []
    where = _where(cells, source, index)
    if not what.startswith("failed while"):
        what = f"failed: {what}"
    if nb is not None:
        _clean(nb, label)
        _save_failed(nb, executed_path, info, label)
    return ReportError(
        f"{label}: {where} {what} "
        f"(executed notebook with traceback: {executed_path.with_suffix('.html')})"
    )


def _where(cells: Sequence[Any], source: Path, index: int) -> str:
    """Name a cell for an error message: ``cell 3 (line 42)`` in the source notebook."""
    origin = _origin(SimpleNamespace(cells=list(cells)))
    src_index = origin[index] if 0 <= index < len(origin) else None
    if src_index is None and 0 <= index < len(cells):
        return f"injected cell {_tags(cells[index])[0]}"
    if src_index is None:
        return "kernel start"
    lines = _cell_lines(source, len(origin) - origin.count(None))
    where = f"cell {src_index + 1}"
    if lines is not None:
        where += f" (line {lines[src_index]})"
    return where


def _save_failed(nb: Any, executed_path: Path, info: BuildInfo, label: str) -> None:
    import nbformat

    try:
        nbformat.write(nb, executed_path)
        body, _ = _exporter().from_notebook_node(
            nb,
            resources={
                "metadata": {"name": executed_path.stem},
                "dtanalysis_footer": "FAILED BUILD. " + _footer(info, label),
                "dtanalysis_css": PAGE_CSS,
            },
        )
        _write_text(executed_path.with_suffix(".html"), body)
    except Exception as exc:  # noqa: BLE001 - best effort; the cell's error is what matters
        print("dtanalysis report: warning: could not save the failed notebook "
              f"{executed_path}: {exc}",
              file=sys.stderr)


# --------------------------------------------------------------------------- publishing


def _is_report_file(name: str) -> bool:
    return name == "index.html" or bool(_PAGE_RE.match(name))


def _publish(out: Path, files: Mapping[str, str], *, keep_pages: bool) -> None:
    """Replace `out` as a whole by a folder holding `files` (name -> HTML text).

    The new folder is written beside `out` and renamed into place, so `out` holds either
    the previous report or the new one, never a mixture. Files that are not report pages
    (``index.html``, ``NN-*.html``) are carried over; so are the other pages when
    `keep_pages` (a partial build).
    """
    import shutil

    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        if out.is_dir():
            for entry in out.iterdir():
                if entry.name in files or (_is_report_file(entry.name) and not keep_pages):
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.copytree(entry, stage / entry.name, symlinks=True)
                else:
                    shutil.copy2(entry, stage / entry.name, follow_symlinks=False)
        for name, text in files.items():
            (stage / name).write_text(text, encoding="utf-8")
        _swap(stage, out)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _swap(stage: Path, out: Path) -> None:
    """Rename `stage` to `out`, moving the previous `out` aside and deleting it after."""
    import shutil

    if out.exists():
        mode = out.stat().st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o777 & ~umask
    os.chmod(stage, mode)
    if not out.exists():
        os.rename(stage, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(stage, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- public API


#: Libraries whose version can change the bytes of a figure (the figure stamp's key).
_FIGURE_LIBRARIES = (
    "matplotlib", "numpy", "pandas", "pillow", "fonttools", "python-dateutil", "pyparsing",
    "kiwisolver", "contourpy", "cycler", "pandera", "scipy", "statsmodels",
)


def _file_hashes(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under `folder` (``__pycache__`` left out)."""
    import hashlib

    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _matplotlib_settings(root: Path) -> list[Path]:
    """The files through which matplotlib settings and fonts reach the figure job.

    The ``matplotlibrc`` files it may read (``$MATPLOTLIBRC``, the project root, the user's
    configuration folder) and the font list cached in matplotlib's cache folder, which
    decides the font file a family name resolves to.
    """
    home = Path.home()
    config = os.environ.get("MPLCONFIGDIR")
    config_dir = Path(config) if config else Path(
        os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "matplotlib"
    cache_dir = Path(config) if config else Path(
        os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib"
    rc = os.environ.get("MATPLOTLIBRC")
    files = [root / "matplotlibrc", config_dir / "matplotlibrc"]
    if rc:
        files += [Path(rc), Path(rc) / "matplotlibrc"]
    return files + sorted(cache_dir.glob("fontlist-*.json"))


def _figure_inputs_key(root: Path) -> str:
    """A checksum of everything the figure job's files follow from.

    The package (its code and data: targets, codebook, translations), the project's
    ``data/`` (the processed tables, the published observations), the Python and library
    versions, matplotlib's settings and font list, and the environment variables that
    reach the job. Any change redraws the figures.
    """
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(repr(part).encode("utf-8") + b"\0")

    for label, folder in (("package", Path(__file__).resolve().parent),
                          ("data", paths.data_dir())):
        add(label, sorted(_file_hashes(folder).items()))
    for dist in _FIGURE_LIBRARIES:
        try:
            add(dist, metadata.version(dist))
        except metadata.PackageNotFoundError:
            add(dist, None)
    add(sys.version, sys.executable, sys.platform)
    for name in ("MATPLOTLIBRC", "MPLCONFIGDIR", "PYTHONHASHSEED"):
        add(name, os.environ.get(name))
    for path in _matplotlib_settings(root):
        add(str(path), _file_hashes(path.parent).get(path.name) if path.is_file() else None)
    return digest.hexdigest()


class _FigureStamp:
    """What the last successful figure job drew: ``<root>/build/figures.json``.

    It holds the key of the job's inputs (:func:`_figure_inputs_key`) and the checksum of
    every file in ``figures/`` after the job. The figures are up to date when both are
    unchanged: same inputs, and the very files that job wrote, none missing or edited.
    """

    def __init__(self, root: Path) -> None:
        self.path = root / "build" / "figures.json"
        self.folder = paths.figures_dir()
        self.key = _figure_inputs_key(root)

    def fresh(self) -> int:
        """The number of figure files (``.gitkeep`` aside) when they are up to date, else 0."""
        try:
            stamp = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        if not isinstance(stamp, dict) or stamp.get("key") != self.key or not stamp.get("files"):
            return 0
        if stamp["files"] != _file_hashes(self.folder):
            return 0
        return sum(not name.startswith(".") for name in stamp["files"])

    def clear(self) -> None:
        """Forget the stamp (before a job runs: a failed or killed job leaves none)."""
        self.path.unlink(missing_ok=True)

    def record(self) -> None:
        """Write the stamp of the job that just succeeded."""
        stamp = {"key": self.key, "files": _file_hashes(self.folder)}
        _write_text(self.path, json.dumps(stamp, indent=1, sort_keys=True) + "\n")


class _FigureJob:
    """``python -m dtanalysis figures`` running in the background during the report.

    The job is not started when the figures are up to date (:class:`_FigureStamp`: drawn
    by an earlier job from the same inputs, the files unchanged since): drawing them
    again would write the same bytes. :meth:`wait` may be called from any thread.
    """

    #: The job's arguments after the Python executable.
    COMMAND: tuple[str, ...] = ("-m", "dtanalysis", "figures")

    def __init__(self, root: Path | None, env: Mapping[str, str]) -> None:
        import threading

        self._lock = threading.Lock()
        self._done = False
        self._error: ReportError | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._stamp = _FigureStamp(root) if root is not None else None
        self._fresh = self._stamp.fresh() if self._stamp is not None else 0
        if self._fresh:
            return
        if self._stamp is not None:
            self._stamp.clear()
        # kept open for the job's lifetime and closed in stop()
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self._proc = subprocess.Popen(
            [sys.executable, *self.COMMAND],
            cwd=str(root) if root is not None else None,
            env={**os.environ, **env, "MPLBACKEND": "Agg"},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, say: Any = None) -> None:
        """Wait for the figures; raise ReportError naming the step when drawing failed.

        `say` (a function taking a line, or None) receives the progress lines.
        """
        with self._lock:
            if self._error is not None:
                raise self._error
            if self._done:
                return
            self._done = True
            if self._proc is None:
                if say is not None:
                    files = "1 file" if self._fresh == 1 else f"{self._fresh} files"
                    say(f"figures up to date ({files} in figures/, drawn from the same "
                        "inputs by an earlier build)")
                return
            if say is not None:
                say("waiting for the figures (python -m dtanalysis figures) ...")
            code = self._proc.wait()
            self._log.seek(0)
            output = self._log.read().strip().splitlines()
            if code != 0:
                last = output[-1] if output else f"exit status {code}"
                self._error = ReportError(
                    f"drawing the figures (python -m dtanalysis figures) failed: {last}"
                )
                raise self._error
            if self._stamp is not None:
                self._stamp.record()
            if say is not None and output:
                say("  " + output[-1])

    def stop(self) -> None:
        """Stop the job if the report failed before waiting for it."""
        if self._proc is None:
            return
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._log.close()


def build_report(
    notebooks: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    parameters: Mapping[str, Any] | None = None,
    timeout: int | None = 600,
    build_dir: str | os.PathLike[str] | None = None,
    only: Iterable[str] | None = None,
    setup_code: str | None = None,
    progress: bool = False,
    figures: bool = False,
    jobs: int | None = None,
) -> ReportResult:
    """Execute the notebooks and write the HTML report.

    Parameters
    ----------
    notebooks : path-like or iterable of path-like, optional
        A folder holding ``NN-*.py`` notebooks, or the notebook files themselves
        (jupytext percent scripts or ``.ipynb``). Default: ``<root>/notebooks``.
    out_dir : path-like, optional
        Where the HTML pages and ``index.html`` go. Default: ``<root>/reports``. The
        folder is replaced as a whole (files in it that are not report pages are carried
        over; a build with `only` also keeps the pages it does not build).
    parameters : mapping, optional
        Values overriding the defaults of the cell tagged ``parameters``. Each notebook
        receives from papermill, in a cell tagged ``injected-parameters`` right after its
        parameters cell, the parameters its parameters cell assigns. All are checked
        before any notebook runs.
    timeout : int or None, default 600
        Per-cell time limit in seconds (None: no limit).
    build_dir : path-like, optional
        Where the executed ``.ipynb`` files go. Default: ``<root>/build/notebooks``.
    only : iterable of str, optional
        Notebook numbers (``"02"``) or stems to build; the index then lists only those.
    setup_code : str, optional
        Code run in a first injected cell of every notebook (the test suite uses it to
        turn warnings into errors).
    progress : bool, default False
        Print one line per notebook to standard output.
    figures : bool, default False
        Also draw the publication figures (``python -m dtanalysis figures``), in a
        background process that runs while the notebooks that do not need them execute.
        A notebook that shows the files in ``figures/`` declares it in its metadata
        (``dtanalysis: {requires_figures: true}`` in the jupytext header) and waits for
        the figures; the build fails, naming the step, when drawing them fails. The
        figures are not drawn again when ``figures/`` holds the files an earlier build
        drew from the same inputs (the package, ``data/``, the library versions and
        matplotlib's settings, recorded with the files' checksums in
        ``<root>/build/figures.json``); ``python -m dtanalysis figures`` always draws.
    jobs : int, optional
        Notebooks executed at the same time, each in its own fresh kernel (default: 2
        on a machine with two CPUs or more, else 1). The pages, the index and the
        progress lines are the same as with ``jobs=1``; when notebooks fail, the error
        raised is the first one in notebook order.

    Returns
    -------
    ReportResult

    Raises
    ------
    ReportError
        When a notebook is missing or unreadable, a parameter is defined by none of the
        notebooks or has a value they cannot use, or a cell fails (the message names
        the notebook, the cell and its line in the source, and the error's last line).

    Notes
    -----
    Every notebook runs in the ``python3`` kernel of the current environment with its
    working directory set to the build folder and ``DTANALYSIS_ROOT`` set to the project
    root, so notebooks read ``data/processed`` whatever the caller's working directory.
    With ``jobs=1`` the next notebook's kernel is started while the current one runs
    (nothing is executed in it before its notebook), so kernel start-up is not waited
    for; with more, a notebook that needs the figures starts its kernel while it waits
    for them, and is executed after the notebooks that do not. Each page is exported
    while the other notebooks still run.
    """
    parameters = dict(parameters or {})
    for name in parameters:
        if not str(name).isidentifier():
            raise ReportError(f"parameter {name!r}: not a Python identifier")
    try:
        root: Path | None = paths.project_root()
    except DtanalysisError:
        root = None
    sources = _sources(notebooks, only)
    out, build = _folders(root, out_dir, build_dir, sources)
    env = _kernel_env(root)
    # the figures take longest: their job starts before the notebooks are even read
    # (it is stopped if the build fails before waiting for it)
    figure_job = _FigureJob(root, env) if figures else None
    try:
        with tempfile.TemporaryDirectory(prefix="dtanalysis-report-") as tmp:
            prepared = [(src, *_prepare(src, setup_code, Path(tmp))) for src in sources]
            values, wanted = _check_parameters(
                parameters, [path for _, _, path in prepared], root
            )
            commit, dirty = git_state(sources[0].parent)
            info = BuildInfo(
                date=_build_date(),
                version=__version__,
                commit=commit,
                dirty=dirty,
                python=sys.version.split()[0],
                parameters=values,
            )
            ctx = _Context(build, root, timeout, env, info, figure_job)
            pages_of = _Pages(info, out)
            jobs = _default_jobs() if jobs is None else max(1, int(jobs))
            executed = _run_all(prepared, wanted, ctx, progress, jobs, pages_of.export)
    finally:
        if figure_job is not None:
            figure_job.stop()

    pages = [pages_of.pages[item[0]] for item in executed]
    files = {page.html.name: pages_of.html[page.source] for page in pages}
    files["index.html"] = _index_html(info, pages, out)
    # A full build of the project's notebooks replaces every page; a partial one keeps
    # the pages it did not build.
    _publish(out, files, keep_pages=not (notebooks is None and only is None))
    index = out / "index.html"
    if progress:
        n = len(pages)
        print(f"wrote {_rel(index, root)} ({n} {'page' if n == 1 else 'pages'})", flush=True)
    return ReportResult(index=index, pages=tuple(pages), info=info)


def _sources(
    notebooks: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None,
    only: Iterable[str] | None,
) -> list[Path]:
    """The source notebooks of a build, resolved and checked."""
    if notebooks is None:
        sources = discover_notebooks(None, only)
    elif isinstance(notebooks, (str, os.PathLike)) and Path(notebooks).is_dir():
        sources = discover_notebooks(notebooks, only)
    else:
        items = [notebooks] if isinstance(notebooks, (str, os.PathLike)) else list(notebooks)
        sources = [Path(p) for p in items]
        if only is not None:
            keep = {str(o).zfill(2) for o in only} | {str(o) for o in only}
            sources = [p for p in sources if p.stem in keep or p.stem.split("-", 1)[0] in keep]
        if not sources:
            raise ReportError("no notebooks to build")
    sources = [p.resolve() for p in sources]
    for src in sources:
        if not src.is_file():
            raise ReportError(f"{src}: notebook not found")
    stems = [p.stem for p in sources]
    if len(set(stems)) != len(stems):
        raise ReportError("two notebooks share a name: " + ", ".join(sorted(stems)))
    return sources


def _folders(
    root: Path | None,
    out_dir: str | os.PathLike[str] | None,
    build_dir: str | os.PathLike[str] | None,
    sources: Sequence[Path],
) -> tuple[Path, Path]:
    """The output and build folders; the build folder is created."""
    if root is None and (out_dir is None or build_dir is None):
        raise ReportError(
            f"cannot find the dtanalysis project root from {os.getcwd()}; "
            f"set {paths.ENV_VAR} or pass out_dir and build_dir"
        )
    out = Path(out_dir) if out_dir is not None else paths.reports_dir()
    build = Path(build_dir) if build_dir is not None else root / "build" / "notebooks"  # type: ignore[operator]
    out, build = out.resolve(), build.resolve()
    if any(src.parent == build for src in sources):
        raise ReportError(f"{build}: the build folder must not be the notebooks' folder")
    if out == build or out in build.parents:
        raise ReportError(f"{out}: the output folder must not hold the build folder")
    build.mkdir(parents=True, exist_ok=True)
    return out, build


def _data_provinces(root: Path | None) -> dict[str, str] | None:
    """``{province_id: name}`` of the panel the notebooks read, or None before a build."""
    import csv

    if root is None:
        return None
    panel = paths.processed_dir() / "panel.csv"
    if not panel.is_file():
        return None
    with panel.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        if not {"province_id", "province"} <= set(rows.fieldnames or ()):
            return None
        known = {}
        for row in rows:
            pid, name = row["province_id"].strip(), row["province"].strip()
            if pid and name:
                known.setdefault(pid.zfill(2) if pid.isdigit() else pid, name)
    return known


def check_parameters(
    parameters: Mapping[str, Any],
    notebooks: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    *,
    only: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Check report parameters against the notebooks, as a build does, without running them.

    Parameters
    ----------
    parameters : mapping
        ``{name: value}``, e.g. from :func:`parse_param`.
    notebooks, only
        As for :func:`build_report`.

    Returns
    -------
    dict
        The values the notebooks would receive (``PROVINCES`` and ``LANGUAGES`` as
        lists: :func:`dtanalysis.notebook.parameters.check_parameters`).

    Raises
    ------
    ReportError
        When no notebook assigns a name, or a value is not allowed; the message names
        the known names or the allowed values.
    """
    try:
        root: Path | None = paths.project_root()
    except DtanalysisError:
        root = None
    sources = _sources(notebooks, only)
    with tempfile.TemporaryDirectory(prefix="dtanalysis-report-") as tmp:
        inputs = [_prepare(src, None, Path(tmp))[1] for src in sources]
        return _check_parameters(parameters, inputs, root)[0]


def _check_parameters(
    parameters: Mapping[str, Any], inputs: Sequence[Path], root: Path | None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Check every parameter against every notebook before any runs.

    Returns the checked values and, per notebook, those its ``parameters`` cell assigns.
    """
    from .notebook.parameters import ParameterError, check_parameters

    defined = [_notebook_parameters(path) for path in inputs]
    known = set().union(*defined)
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise ReportError(
            f"parameter {', '.join(unknown)} is not set in the parameters cell of any notebook "
            f"(known: {', '.join(sorted(known)) or 'none'})"
        )
    try:
        values = check_parameters(parameters, provinces=_data_provinces(root))
    except ParameterError as exc:
        raise ReportError(f"parameter {exc}") from exc
    return values, [{k: v for k, v in values.items() if k in names} for names in defined]


def _needs_figures(nb: Any) -> bool:
    """Whether a notebook shows the files in ``figures/`` (``requires_figures`` metadata)."""
    return bool(nb.metadata.get("dtanalysis", {}).get("requires_figures"))


@dataclass
class _Context:
    """What every notebook of a build shares while it executes."""

    build: Path
    root: Path | None
    timeout: int | None
    env: dict[str, str]
    info: BuildInfo
    figure_job: _FigureJob | None


class _Progress:
    """Progress lines of the notebooks, printed in notebook order.

    Notebooks running at the same time finish in any order; each one's lines are kept
    until every notebook before it has printed its own, so the output is the same as a
    serial build's (but for the seconds).
    """

    def __init__(self, enabled: bool) -> None:
        import threading

        self.enabled = enabled
        self._lock = threading.Lock()
        self._lines: dict[int, list[str]] = {}
        self._finished: set[int] = set()
        self._next = 0

    def say(self, i: int, line: str) -> None:
        """Keep a line of notebook `i` (any thread)."""
        with self._lock:
            self._lines.setdefault(i, []).append(line)

    def finish(self, i: int) -> None:
        """Notebook `i` is done: print what can be printed in order (main thread)."""
        self._finished.add(i)
        while self._next in self._finished:
            self._print(self._next)
            self._next += 1

    def fail(self, i: int) -> None:
        """Notebook `i` failed: print the lines of the notebooks before it, then its own."""
        for j in range(self._next, i + 1):
            self._print(j)
        self._next = i + 1

    def _print(self, i: int) -> None:
        with self._lock:
            lines = self._lines.pop(i, [])
        if self.enabled:
            for line in lines:
                print(line, flush=True)


def _default_jobs() -> int:
    """Notebooks executed at a time by default: two when the machine has two CPUs or more."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


class _Pages:
    """The HTML page of every executed notebook, exported as soon as it is done."""

    def __init__(self, info: BuildInfo, out: Path) -> None:
        self.info = info
        self.out = out
        self.exporter: Any = None
        self.pages: dict[Path, PageResult] = {}
        self.html: dict[Path, str] = {}

    def export(self, executed: tuple[Path, Any, Path, float, str]) -> None:
        """Export one executed notebook (``(source, notebook, target, seconds, label)``)."""
        src, nb, target, seconds, label = executed
        if self.exporter is None:
            self.exporter = _exporter()  # built once: its template is compiled on first use
        title = _title(nb, src.stem)
        body, _ = self.exporter.from_notebook_node(
            nb,
            resources={
                "metadata": {"name": title},
                "dtanalysis_footer": _footer(self.info, label),
                "dtanalysis_css": PAGE_CSS,
            },
        )
        self.html[src] = polish_html(body)
        self.pages[src] = PageResult(src, target, self.out / (src.stem + ".html"), title, seconds)


class _Skipped(Exception):
    """A notebook not started because one before it failed."""


def _run_one(
    i: int,
    item: tuple[Path, Any, Path],
    params: Mapping[str, Any],
    ctx: _Context,
    say: Any,
    first_failure: list[int],
) -> tuple[Path, Any, Path, float, str]:
    """Execute notebook `i` in a kernel of its own, started in this thread."""
    src, nb, _ = item
    if first_failure and i > first_failure[0]:
        raise _Skipped
    kernel = _Kernel(ctx.env, ctx.build, ctx.build / (src.stem + ".kernel.log"),
                     _rel(src, ctx.root))
    try:
        if ctx.figure_job is not None and _needs_figures(nb):
            ctx.figure_job.wait(say)  # the kernel boots meanwhile
        return _timed_execute(item, params, ctx, say, kernel)
    finally:
        kernel.stop()
        _close_thread_loop()


def _close_thread_loop() -> None:
    """Close the asyncio event loop that jupyter_core's ``run_sync`` made for this worker
    thread (its self-pipe sockets would otherwise be left to the garbage collector, which
    reports them as unclosed); the next notebook of the thread gets a new one."""
    import asyncio

    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:  # no loop in this thread
        return
    if not loop.is_running():
        loop.close()
        asyncio.set_event_loop(None)


def _timed_execute(
    item: tuple[Path, Any, Path],
    params: Mapping[str, Any],
    ctx: _Context,
    say: Any,
    kernel: _Kernel,
) -> tuple[Path, Any, Path, float, str]:
    """Execute one notebook in `kernel`, saying when it starts and how long it took."""
    src, _, path = item
    label = _rel(src, ctx.root)
    say(f"executing {label} ...")
    target = ctx.build / (src.stem + ".ipynb")
    start = time.perf_counter()
    done = _execute(
        path, src, target,
        kernel=kernel, parameters=params, timeout=ctx.timeout, info=ctx.info, label=label,
    )
    seconds = time.perf_counter() - start
    say(f"  done in {seconds:.1f} s")
    return src, done, target, seconds, label


def _run_parallel(
    prepared: Sequence[tuple[Path, Any, Path]],
    wanted: Sequence[Mapping[str, Any]],
    ctx: _Context,
    progress: _Progress,
    jobs: int,
    on_done: Any,
) -> dict[int, tuple[Path, Any, Path, float, str]]:
    """Execute the notebooks `jobs` at a time, each in its own thread and kernel.

    The notebooks that wait for the figures are started last; the others in notebook
    order. When one fails, the notebooks after it that have not started are not run and
    those before it still are, so the error raised is the first in notebook order, as in
    a serial build.
    """
    from concurrent.futures import CancelledError, ThreadPoolExecutor, as_completed

    _papermill()  # register the engine once, before any thread uses it
    order = sorted(range(len(prepared)), key=lambda i: (_needs_figures(prepared[i][1]), i))
    first_failure: list[int] = []
    failures: dict[int, BaseException] = {}
    results: dict[int, tuple[Path, Any, Path, float, str]] = {}
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="dtanalysis-report") as pool:
        futures = {
            pool.submit(
                _run_one, i, prepared[i], wanted[i], ctx,
                lambda line, i=i: progress.say(i, line), first_failure,
            ): i
            for i in order
        }
        try:
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results[i] = future.result()
                except (_Skipped, CancelledError):
                    continue
                except Exception as exc:  # noqa: BLE001 - raised below, first in order
                    failures[i] = exc
                    first_failure[:] = [min(failures)]
                    for later, j in futures.items():
                        if j > first_failure[0]:
                            later.cancel()
                    continue
                if not failures:
                    on_done(results[i])
                progress.finish(i)
        except BaseException:
            first_failure[:] = [-1]  # interrupted: start nothing more
            for later in futures:
                later.cancel()
            raise
    if failures:
        first = min(failures)
        progress.fail(first)
        raise failures[first]
    return results


def _run_serial(
    prepared: Sequence[tuple[Path, Any, Path]],
    wanted: Sequence[Mapping[str, Any]],
    ctx: _Context,
    say: Any,
    on_done: Any,
) -> dict[int, tuple[Path, Any, Path, float, str]]:
    """Execute the notebooks one after the other, the next kernel booting meanwhile."""
    kernels: dict[int, _Kernel] = {}

    def start_kernel(i: int) -> None:
        if i < len(prepared) and i not in kernels:
            src = prepared[i][0]
            log_path = ctx.build / (src.stem + ".kernel.log")
            kernels[i] = _Kernel(ctx.env, ctx.build, log_path, _rel(src, ctx.root))

    results = {}
    try:
        for i, (item, params) in enumerate(zip(prepared, wanted, strict=True)):
            if ctx.figure_job is not None and _needs_figures(item[1]):
                ctx.figure_job.wait(say)
            start_kernel(i)
            start_kernel(i + 1)  # boots while notebook i runs
            results[i] = _timed_execute(item, params, ctx, say, kernels[i])
            kernels.pop(i).stop()
            on_done(results[i])
    finally:
        for kernel in kernels.values():
            kernel.stop()
    return results


def _run_all(
    prepared: Sequence[tuple[Path, Any, Path]],
    wanted: Sequence[Mapping[str, Any]],
    ctx: _Context,
    progress: bool,
    jobs: int,
    on_done: Any,
) -> list[tuple[Path, Any, Path, float, str]]:
    """Execute the notebooks, `jobs` at a time, while the figure job (if any) draws.

    `on_done` is called in this thread with each executed notebook as soon as it is done
    (the page is exported while the other notebooks run). Returns them in notebook order;
    the caller stops the figure job.
    """
    lines = _Progress(progress)
    if jobs > 1 and len(prepared) > 1:
        results = _run_parallel(prepared, wanted, ctx, lines, jobs, on_done)
    else:
        results = _run_serial(
            prepared, wanted, ctx, lambda line: print(line, flush=True) if progress else None,
            on_done,
        )
    if ctx.figure_job is not None:
        ctx.figure_job.wait(lambda line: print(line, flush=True) if progress else None)
    return [results[i] for i in sorted(results)]
