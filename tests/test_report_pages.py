"""The report's pages as a reader sees them, in English and in Vietnamese (issue 13, items 2, 8).

One data build (with the figures, which page 4 shows) and one report per language, in
a throw-away project root; the checks read the HTML itself:

- every number in a table cell and in a sentence a notebook shows is written in the
  page's language (English 1,234.5; Vietnamese 1.234,5), a percentage without a space
  before its sign; quoted text (a figure as its document prints it), code, and the
  columns that quote a document or name a file are the document's own and not checked;
- no table cell shows "nan"; every table scrolls inside the page; counts in the
  sentences agree with their noun ("1 series has", "1 page").
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dtanalysis import paths
from dtanalysis.report import build_report

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO / "notebooks"
PAGES = [
    "01-corpus-and-extraction",
    "02-adoption-curves",
    "03-gaps-to-targets",
    "04-publication-figures",
    "05-provinces-over-time",
]
#: Columns that quote a document or name a file, as the document or the file has it.
VERBATIM = {
    "raw", "source sentence", "sentence", "title", "publisher", "source_document",
    "doc_id", "file", "path", "sha256", "target_id", "figure_id",
}
#: A number written with separators between its digits.
_TOKEN = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?!\w)")
_VALID = {
    "en": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
    "vi": re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
}
_QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|\u201c[^\u201d]*\u201d")
#: A count of 1 with a plural noun or verb: "1 series have", "(1 pages)".
_SLIP = re.compile(
    r"(?<![\d.,])1 (?:\w+ )?(?:series|province × indicator series) (?:have|are)\b"
    r"|(?<![\d.,])1 (?:pages|rows|figures|texts|indicators|units|steps|places|pairs|curves"
    r"|observations|comparisons|checks)\b"
)


class _Page(HTMLParser):
    """The table cells (with their column names) and the sentences a page's outputs show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[tuple[str, str, str]] = []  # (column, class, text)
        self.sentences: list[str] = []
        self.tables = 0
        self.scrolled = 0
        self._divs: list[bool] = []  # open divs: is it a Markdown output?
        self._code = 0
        self._head: list[list[str]] = []
        self._row: list[tuple[str, str, str]] | None = None
        self._cell: list[str] | None = None
        self._cell_tag = ("", "")
        self._in_head = False
        self._sentence: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = attrs.get("class") or ""
        if tag == "div":
            md = "jp-RenderedMarkdown" in cls and "jp-OutputArea-output" in cls
            self._divs.append(md)
            self.scrolled += "dt-scroll" in cls
        elif tag == "code":
            self._code += 1
        elif tag == "table":
            self.tables += 1
            self._head = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell, self._cell_tag = [], (tag, cls)

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            if self._divs.pop() and self._sentence:
                self.sentences.append(" ".join("".join(self._sentence).split()))
                self._sentence = []
        elif tag == "code":
            self._code -= 1
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append((*self._cell_tag, "".join(self._cell).strip()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._in_head:
                self._head.append([text for _, _, text in self._row])
            else:
                names = max(self._head, key=len) if self._head else []
                for i, (kind, cls, text) in enumerate(self._row):
                    if kind == "td":
                        column = names[i] if len(names) == len(self._row) else ""
                        self.cells.append((column, cls, text))
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif any(self._divs) and not self._code:
            self._sentence.append(data)


def _read(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _wrong_numbers(text: str, lang: str) -> list[str]:
    text = _QUOTED.sub(" ", text)
    wrong = [t for t in _TOKEN.findall(text) if not _VALID[lang].fullmatch(t)]
    return wrong + re.findall(r"\d\s+%", text)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Data build and figures in a throw-away root, then the report in each language."""
    from dtanalysis.build import run_build

    root = tmp_path_factory.mktemp("pages")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    for folder in ("raw", "observations"):
        shutil.copytree(REPO / "data" / folder, root / "data" / folder)
    shutil.copy2(REPO / "data" / "overrides.csv", root / "data" / "overrides.csv")
    built = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(paths.ENV_VAR, str(root))
        mp.chdir(root.parent)
        run_build()
        for lang in ("en", "vi"):
            result = build_report(
                NOTEBOOKS_DIR,
                root / "reports" / lang,
                build_dir=root / "build" / lang,
                parameters={"LANG": lang},
                timeout=600,
            )
            built[lang] = {p.source.stem: p.html.read_text(encoding="utf-8") for p in result.pages}
    return built


def _cases():
    for lang in ("en", "vi"):
        for name in PAGES:
            yield pytest.param(lang, name, id=f"{lang}-{name[:2]}")


@pytest.mark.parametrize(("lang", "name"), list(_cases()))
def test_numbers_are_written_in_the_page_language(pages, lang, name):
    page = _read(pages[lang][name])
    cells = [(c, t) for c, _, t in page.cells if c not in VERBATIM]
    assert cells or name.startswith("05"), "the page shows tables"
    wrong = {f"{column}: {text}" for column, text in cells if _wrong_numbers(text, lang)}
    wrong |= {s for s in page.sentences if _wrong_numbers(s, lang)}
    assert not wrong, f"{name} ({lang}): " + " | ".join(sorted(wrong)[:8])


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_checks_would_see_a_wrong_number(lang):
    other = "vi" if lang == "en" else "en"
    samples = {"en": "1,127,089 and 22.8% and 0.5", "vi": "1.127.089 và 22,8% và 0,5"}
    assert not _wrong_numbers(samples[lang], lang)
    assert _wrong_numbers(samples[other], lang)
    assert _wrong_numbers("50 %", lang)
    assert not _wrong_numbers("'1,26%' 2021-2025 749/QĐ-TTg kg-2023-cqs2030:3761-3766", lang)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_pages_read_as_a_report(pages, lang):
    for name in PAGES:
        page = _read(pages[lang][name])
        assert page.tables == page.scrolled, f"{name}: every table scrolls inside the page"
        shown = [t for _, _, t in page.cells]
        assert not [t for t in shown if t in {"nan", "NaN", "<NA>", "None"}], name
        slips = [s for s in page.sentences if _SLIP.search(s)]
        assert not slips, f"{name}: {slips[:3]}"
        # every cell is classed for alignment, every number right-aligned
        numbers = [t for c, cls, t in page.cells if "dt-num" in cls]
        assert all(re.search(r"\d|\u2014", t) for t in numbers), name
    # the Vietnamese pages name the indicators in Vietnamese
    assert "Tỷ lệ" in pages["vi"]["01-corpus-and-extraction"]
    assert "adults_online_public_services</td>" not in pages["vi"]["01-corpus-and-extraction"]


def test_sentences_of_the_two_languages_carry_the_same_numbers(pages):
    """The Vietnamese page writes the English page's numbers, not other numbers."""
    en = _read(pages["en"]["03-gaps-to-targets"]).sentences
    vi = _read(pages["vi"]["03-gaps-to-targets"]).sentences
    assert len(en) == len(vi)

    def values(text: str, lang: str) -> list[float]:
        group, point = (",", ".") if lang == "en" else (".", ",")
        return [
            float(t.replace(group, "").replace(point, "."))
            for t in _TOKEN.findall(_QUOTED.sub(" ", text))
            if re.search(r"[.,]", t)  # the numbers written with separators
        ]

    assert [values(s, "en") for s in en] == [values(s, "vi") for s in vi]
    assert any("," in s for s in vi)  # a decimal comma was written
