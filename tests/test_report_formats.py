"""Numbers on the report's pages in one format per language (issue 13, item 2), fast.

:mod:`dtanalysis.notebook.formats` writes every number of a page with the figures'
formatter (:func:`dtanalysis.plots._common.fmt_number`); :func:`dtanalysis.report.polish_html`
lays the tables out. The pages themselves are checked in ``tests/test_report_pages.py``.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from dtanalysis import report
from dtanalysis.notebook import formats
from dtanalysis.plots._common import fmt_number


@pytest.mark.parametrize(
    ("value", "lang", "kwargs", "expected"),
    [
        (1234.5, "en", {}, "1,234.5"),
        (1234.5, "vi", {}, "1.234,5"),
        (1120394.0, "en", {}, "1,120,394"),
        (1120394.0, "vi", {}, "1.120.394"),
        (100.0, "en", {"unit": "percent"}, "100%"),
        (44.9, "vi", {"unit": "percent"}, "44,9%"),
        (100.000000, "vi", {}, "100"),
        (0.123456, "en", {}, "0.1235"),
        (0.123456, "vi", {"digits": 2}, "0,12"),
        (-3.51, "vi", {}, "\u22123,51"),
        (-20.0, "en", {}, "\u221220"),
        (math.nan, "vi", {"unit": "percent"}, "\u2014"),
        ("n/a", "vi", {}, "n/a"),
    ],
)
def test_number_in_each_language(value, lang, kwargs, expected):
    assert formats.number(value, lang, **kwargs) == expected


def test_number_is_the_figures_formatter():
    """One formatter: the table's number is the figure's number with the same digits."""
    for value in (0.5, 12.25, 1234.5, 98765.4321, -7.125):
        for lang in ("en", "vi"):
            expected = fmt_number(value, lang, significant=4, missing="—")
            assert formats.number(value, lang) == expected
    assert fmt_number(1234.56, "vi", 1) == "1.234,6"  # the figures' own calls are unchanged
    assert fmt_number(float("nan"), "en") == "\u2013"


@pytest.mark.parametrize(
    ("sentence", "vi"),
    [
        ("1,127,089 adults; difference +22.8%", "1.127.089 adults; difference +22,8%"),
        ("from 1.03% to 50% (odds × 9.80; logit slope -2.28)",
         "from 1,03% to 50% (odds × 9,80; logit slope \u22122,28)"),
        ("10.0 MB in all", "10,0 MB in all"),
        # quotes (a figure as its document prints it) and code are left as they are
        ("'1,26%' and '411.861/917.621 người' imply 917,621",
         "'1,26%' and '411.861/917.621 người' imply 917.621"),
        ("`ranks.csv` holds 1.5 and `x = 2.5`", "`ranks.csv` holds 1,5 and `x = 2.5`"),
        # apostrophes of English words are not quotes
        ("the province's 1.5 and Vietnam's 2.5", "the province's 1,5 and Vietnam's 2,5"),
        # plain integers (counts, years), dates, names, files, document numbers: unchanged
        ("171 mentions in 2023, 2021-2025, by 2030-12-31", None),
        ("kg-2023-cqs2030:3761-3766 (002_0ed44bd844841dd8.txt) 749/QĐ-TTg 14/7/2022", None),
        ("version 0.1.0, dated 10.02.2023", None),
    ],
)
def test_text_rewrites_the_numbers_python_wrote(sentence, vi):
    assert formats.text(sentence, "vi") == (sentence if vi is None else vi)
    # English keeps Python's forms (only a negative sign becomes the minus sign)
    assert formats.text(sentence, "en") == sentence.replace("-2.28", "\u22122.28")


def test_text_leaves_other_values_alone():
    assert formats.text(None, "vi") is None
    assert formats.text(3.5, "vi") == 3.5


def _cells(styler) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", styler.to_html())


def test_table_formats_numbers_keeps_years_and_quotes():
    frame = pd.DataFrame(
        {
            "value": [1234.5, math.nan],
            "since": [2021, 2022],
            "raw": ["1.234", "1,5%"],
            "expected": ["917,621 (adult_population 2022)", "1,296,538–1,315,512"],
            "n": [1040, 3],
        }
    )
    styled = formats.table(frame, "vi", uuid="t")
    assert _cells(styled) == [
        "1.234,5", "2021", "1.234", "917.621 (adult_population 2022)", "1.040",
        "\u2014", "2022", "1,5%", "1.296.538–1.315.512", "3",
    ]
    html = styled.to_html()
    assert 'id="T_t' in html and "row_heading" not in html  # fixed id, no 0, 1, 2 index
    assert _cells(formats.table(frame, "en", uuid="t"))[:5] == [
        "1,234.5", "2021", "1.234", "917,621 (adult_population 2022)", "1,040",
    ]


def test_years_are_integer_columns_named_as_years():
    frame = pd.DataFrame(
        {"first_year": [2021], "since": [2022], "slope_per_year": [0.59], "year": [2023.5]}
    )
    assert _cells(formats.table(frame, "vi", uuid="y")) == ["2021", "2022", "0,59", "2.023,5"]
    styled = frame.style.format({"slope_per_year": "{:.2f}"}).set_uuid("z")
    assert _cells(formats.table(styled, "vi"))[2] == "0,59"


def test_table_of_a_styler_keeps_its_formats_in_the_page_language():
    frame = pd.DataFrame({"share": [0.56, math.nan], "n_obs": [3, 1234], "note": ["a", None]})
    english = frame.style.format({"share": "{:.1%}"}, na_rep="—").set_uuid("s")
    assert _cells(formats.table(english, "vi")) == ["56,0%", "3", "a", "—", "1.234", "—"]
    english = frame.style.format({"share": "{:.1%}"}, na_rep="—").set_uuid("s")
    assert _cells(formats.table(english, "en")) == ["56.0%", "3", "a", "—", "1,234", "—"]
    # a format already written for the language is not rewritten (1.234 stays 1.234)
    written = frame.style.format(
        lambda v: formats.number(v, "vi"), subset=["share", "n_obs"], na_rep="—"
    ).set_uuid("w")
    assert _cells(formats.table(written, "vi"))[:5] == ["0,56", "3", "a", "—", "1.234"]


def test_use_language_formats_what_a_notebook_shows():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import Markdown

    from dtanalysis.adoption import PooledTest

    shell = InteractiveShell.instance()
    try:
        formats.use_language("vi")
        show = shell.display_formatter.format
        data, _ = show(pd.DataFrame({"value": [1234.5], "year": [2023]}))
        assert "1.234,5" in data["text/html"] and "2023" in data["text/html"]
        assert 'id="T_table-1' in data["text/html"]
        data, _ = show(pd.DataFrame({"value": [0.5]}))
        assert 'id="T_table-2' in data["text/html"]  # ids in display order, stable
        data, _ = show(Markdown("**1,234** of 56.5% in `a.b`"))
        assert data["text/markdown"] == "**1.234** of 56,5% in `a.b`"
        test = PooledTest(
            indicator="x", testable=True, method="LR chi2 test", statistic=1.5, df=2.0,
            p_value=0.4724, n_obs=7, n_provinces=2, provinces=("91", "96"), excluded=(),
            slopes=(("91", 0.25, 0.1, 0.4), ("96", 0.5, 0.2, 0.8)), common_slope=0.375,
            common_slope_ci=(0.2, 0.55), reason="",
        )
        data, _ = show(test)
        assert "p = 0,4724" in data["text/html"] and "0.4724" not in data["text/html"]
        with pytest.raises(formats_error()):
            formats.use_language("fr")
    finally:
        InteractiveShell.clear_instance()


def formats_error():
    from dtanalysis.notebook.parameters import ParameterError

    return ParameterError


def test_use_language_outside_ipython_does_nothing():
    assert formats.use_language("vi") is None


# ------------------------------------------------------------------- layout of the tables


def test_polish_html_a_column_of_text_with_numbers_is_text():
    page = report.polish_html(
        "<table><thead><tr><th>raw</th><th>n</th></tr></thead><tbody>"
        "<tr><td>01 năm</td><td>1</td></tr><tr><td>100%</td><td>2</td></tr></tbody></table>"
    )
    assert '<td class="dt-text">100%</td>' in page and '<td class="dt-num">2</td>' in page
    assert '<th>raw</th><th class="dt-num">n</th>' in page


def test_polish_html_long_column_names_wrap_after_underscores():
    page = report.polish_html(
        "<table><thead><tr><th>slope_per_year</th><th>n_obs</th></tr></thead><tbody>"
        "<tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    assert ">slope_<wbr>per_<wbr>year</th>" in page and ">n_obs</th>" in page
    assert re.search(r"thead th[^{]*\{ white-space: normal", report.PAGE_CSS)


def test_polish_html_only_longer_texts_get_a_minimum_width():
    long = "Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử"
    page = report.polish_html(f"<table><tr><td>Cà Mau</td><td>{long}</td></tr></table>")
    assert '<td class="dt-text dt-short">Cà Mau</td>' in page  # a name on one line
    assert f'<td class="dt-text dt-wrap">{long}</td>' in page
    assert re.search(r"td\.dt-wrap \{ min-width: 11em; \}", report.PAGE_CSS)
    assert re.search(r"td\.dt-short \{ white-space: nowrap; \}", report.PAGE_CSS)


def test_polish_html_codes_are_not_wrapped():
    page = report.polish_html(
        "<table><tr><td>nat-411-bank-account-2025</td><td>implied_denominator</td>"
        "<td>Online public services that received</td></tr></table>"
    )
    assert '<td class="dt-text dt-short">nat-411-bank-account-2025</td>' in page
    assert '<td class="dt-text dt-short">implied_denominator</td>' in page
    assert '<td class="dt-text">Online public services that received</td>' in page


def test_polish_html_cuts_a_source_sentence_to_its_figure():
    before, after = "Chính quyền các cấp đã có sự chủ động " * 4, " doanh nghiệp đã sử dụng" * 5
    cell = f"{before}<mark>100%</mark>{after} <small>(ca-mau.txt:1051-1055)</small>"
    page = report.polish_html(f"<table><tr><td>{cell}</td></tr></table>")
    match = re.search(r'<td class="dt-long"><details><summary>(.*?)</summary>(.*?)</details>', page)
    assert match, page
    summary, full = match.groups()
    assert full == cell  # the whole sentence one click away
    assert summary.startswith("\u2026") and "<mark>100%</mark>" in summary
    assert summary.endswith("<small>(ca-mau.txt:1051-1055)</small>")  # still traceable
    text = re.sub(r"<[^>]+>", "", summary)
    assert len(text) < 2 * report.MARK_CONTEXT + 60 < len(re.sub(r"<[^>]+>", "", cell))


def test_polish_html_keeps_dates_of_sentences_on_one_line():
    output = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-OutputArea-output" '
        'data-mime-type="text/markdown"><p>by 2030-12-31 in <code>2022-12-31.csv</code></p></div>'
    )
    page = report.polish_html(output)
    assert '<span class="dt-nowrap">2030-12-31</span> in <code>2022-12-31.csv</code>' in page
    assert ".dt-nowrap { white-space: nowrap; }" in report.PAGE_CSS


def test_built_figures_are_as_wide_as_the_text():
    assert re.search(r"img\[width\] \{ width: 100%; \}", report.PAGE_CSS)
