"""Tests of dtanalysis.plots: theme, translations, the four figures and their export.

Image comparison
----------------
Each figure type is drawn in English and Vietnamese from the synthetic tables of
``tests/plot_data.py``, saved as PNG at 100 dpi and compared with
``tests/baseline/<name>.png`` by :func:`matplotlib.testing.compare.compare_images`
with ``tol=BASELINE_TOLERANCE`` (RMS difference of the pixel values, 0–255 scale).
On the same installation the images are pixel-identical (RMS 0); the small tolerance
absorbs anti-aliasing differences between FreeType builds, while any moved, missing
or recoloured mark, or a changed label, gives an RMS well above it.

Regenerate the baselines on purpose (after an intended change of a figure, check the
new images by eye before committing them) with::

    DTANALYSIS_REGENERATE_BASELINES=1 .venv/bin/python -m pytest tests/test_plots.py -k baseline

or ``.venv/bin/python tests/regenerate_baselines.py``.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plot_data as D

from dtanalysis import plots
from dtanalysis.errors import DtanalysisError

# every warning (missing glyphs in particular) is an error in this module
pytestmark = pytest.mark.filterwarnings("error")

BASELINE_DIR = Path(__file__).resolve().parent / "baseline"
BASELINE_TOLERANCE = 0.5
BASELINE_DPI = 100
REGENERATE = os.environ.get("DTANALYSIS_REGENERATE_BASELINES", "") not in {"", "0"}
ROOT = Path(__file__).resolve().parent.parent


draw = D.draw
KINDS = D.KINDS


def all_texts(fig) -> list[str]:
    """Every visible text of a figure (titles, tick labels, legends, annotations)."""
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def svg_text(fig) -> str:
    """The figure saved as SVG with real <text> elements (svg.fonttype = none)."""
    import matplotlib as mpl

    buf = io.StringIO()
    with plots.theme(), mpl.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() or "" for p in reader.pages))


# ---------------------------------------------------------------------------
# Theme, styles, ordering
# ---------------------------------------------------------------------------


def test_column_widths_are_journal_sizes():
    assert plots.SINGLE_COLUMN * 25.4 == pytest.approx(89)
    assert plots.DOUBLE_COLUMN * 25.4 == pytest.approx(183)
    for kind in KINDS:
        fig = draw(kind, "en")
        assert fig.get_figwidth() <= plots.DOUBLE_COLUMN + 1e-9


def test_theme_context_sets_and_restores_rcparams():
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    with plots.theme():
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["ps.fonttype"] == 42
        assert mpl.rcParams["svg.hashsalt"] == "dtanalysis"
        assert mpl.rcParams["font.sans-serif"][0] == plots.FONT_FAMILY
    assert mpl.rcParams["pdf.fonttype"] == before["pdf.fonttype"]
    assert mpl.rcParams["svg.hashsalt"] == before["svg.hashsalt"]


def test_set_theme_applies_globally():
    import matplotlib as mpl

    with mpl.rc_context():
        plots.set_theme()
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["svg.hashsalt"] == "dtanalysis"
        assert mpl.rcParams["font.sans-serif"][0] == plots.FONT_FAMILY
        colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
        assert colors[:3] == [plots.province_style(p).color for p in ("91", "96", "30")]


def test_study_provinces_have_distinct_fixed_styles():
    styles = [plots.province_style(p) for p in ("91", "96", "30")]
    assert len({s.color for s in styles}) == 3
    assert len({s.marker for s in styles}) == 3
    assert len({str(s.linestyle) for s in styles}) == 3
    # the code may come back from a CSV as an integer or a float
    assert plots.province_style(91) == plots.province_style("91") == plots.province_style(91.0)
    assert plots.province_style("96").color.upper() == "#D55E00"


def test_other_provinces_get_deterministic_styles_independent_of_context():
    first = plots.province_style("66")
    assert plots.province_style("66") == first
    study_colors = {plots.province_style(p).color for p in ("91", "96", "30")}
    for pid in ("01", "48", "66", "79", "89"):
        assert plots.province_style(pid).color not in study_colors
    # same colour in a separate interpreter (no hash randomisation involved)
    out = subprocess.run(
        [sys.executable, "-c", "from dtanalysis.plots import province_style as s; print(s('66'))"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    ).stdout.strip()
    assert out == str(first)


def test_province_order_study_first_then_vietnamese_alphabet():
    names = {
        "01": "Hà Nội",
        "66": "Đắk Lắk",
        "48": "Đà Nẵng",
        "46": "Thừa Thiên Huế",
        "22": "Quảng Ninh",
    }
    order = plots.province_order(["46", "30", "66", "01", "91", "22", "48", "96"], names)
    assert order[:3] == ["91", "96", "30"]
    assert [names[p] for p in order[3:]] == [
        "Đà Nẵng",
        "Đắk Lắk",
        "Hà Nội",
        "Quảng Ninh",
        "Thừa Thiên Huế",
    ]
    # code-point order would put Đ after T
    assert max(names.values()).startswith("Đ")


def test_vietnamese_sort_key_letters_and_tones():
    words = ["ă", "a", "â", "đ", "d", "e", "ê"]
    assert sorted(words, key=plots.vietnamese_sort_key) == ["a", "ă", "â", "d", "đ", "e", "ê"]
    tones = ["má", "mà", "ma", "mạ", "mã", "mả"]
    assert sorted(tones, key=plots.vietnamese_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


# ---------------------------------------------------------------------------
# Strings
# ---------------------------------------------------------------------------


def test_translation_table_complete_nfc_and_drawable():
    texts = []
    for key, entry in plots.TRANSLATIONS.items():
        assert set(entry) == {"en", "vi"}, key
        for lang, text in entry.items():
            assert text and unicodedata.is_normalized("NFC", text), (key, lang)
            texts.append(text)
    assert plots.missing_glyphs(texts) == set()
    for words in D.LABELS.values():
        assert plots.missing_glyphs(words.values()) == set()


@pytest.mark.parametrize(
    ("code", "en", "vi"),
    [
        ("on_track", "on track", "đúng tiến độ"),
        ("On track", "on track", "đúng tiến độ"),
        ("acceleration_needed", "acceleration needed", "cần tăng tốc"),
        ("limited_progress", "limited progress", "tiến bộ hạn chế"),
        ("moving_away", "moving away", "đi ngược mục tiêu"),
        ("target_met", "target met", "đã đạt mục tiêu"),
        ("target achieved", "target met", "đã đạt mục tiêu"),
        (
            "projected to miss target (interval includes the target)",
            "projected to miss target (interval includes the target)",
            "dự báo không đạt mục tiêu (khoảng tin cậy chứa mục tiêu)",
        ),
    ],
)
def test_classification_labels(code, en, vi):
    assert plots.classification_label(code, "en") == en
    assert plots.classification_label(code, "vi") == vi


def test_unknown_codes_are_shown_readably():
    assert plots.classification_label("some_new_class", "vi") == "some new class"
    assert plots.check_label("unit_mismatch", "en") == "unit mismatch"


def test_missing_glyphs_detects_uncovered_characters():
    assert plots.missing_glyphs(["Hải Dương 漢"]) == {"漢"}
    nfd = unicodedata.normalize("NFD", "Đề án ứng dụng")
    assert plots.missing_glyphs([nfd]) == set()


def test_unknown_language_is_rejected():
    with pytest.raises(plots.PlotInputError, match="lang"):
        plots.gap_figure(D.gaps(), lang="fr", labels=D.LABELS)
    assert issubclass(plots.PlotInputError, DtanalysisError)


@pytest.mark.parametrize("kind", KINDS)
def test_missing_column_names_the_table(kind):
    tables = {
        "coverage": D.panel(),
        "adoption": D.panel(),
        "gap_to_target": D.gaps(),
        "audit": D.audit(),
        "rank_trajectories": D.ranks(),
        "dti_distribution": D.ranks(),
    }
    df = tables[kind].drop(columns=["province_id"])
    funcs = {
        "coverage": plots.coverage_figure,
        "adoption": plots.adoption_figure,
        "gap_to_target": plots.gap_figure,
        "audit": plots.audit_figure,
        "rank_trajectories": plots.rank_trajectory_figure,
        "dti_distribution": lambda df, lang, labels: plots.dti_distribution_figure(df, lang=lang),
    }
    with pytest.raises(plots.PlotInputError, match="province_id"):
        funcs[kind](df, lang="en", labels=D.LABELS)


def test_indicator_labels_sources():
    assert plots.indicator_labels(["adult_accounts"], "vi", D.LABELS)["adult_accounts"].startswith(
        "Người"
    )
    book = pd.DataFrame({"indicator_id": ["x"], "label_en": ["Ex"], "label_vi": ["Ví dụ"]})
    assert plots.indicator_labels(["x"], "vi", book) == {"x": "Ví dụ"}
    assert plots.indicator_labels(["x"], "en", {"x": "Ex"}) == {"x": "Ex"}


def test_missing_label_falls_back_to_id_loudly():
    with pytest.warns(plots.FigureWarning, match="not_in_codebook"):
        out = plots.indicator_labels(["not_in_codebook"], "en", {"other": {"en": "Other"}})
    assert out == {"not_in_codebook": "not_in_codebook"}


def test_source_line_from_doc_ids_and_explicit():
    line = plots.source_line("vi", None, D.panel())
    assert line.startswith("Nguồn")
    for doc in D.DOCS.values():
        assert doc in line
    assert plots.source_line("en", "GSO 2024") == "Source: GSO 2024"
    assert plots.source_line("en", ["b", "a"]).endswith("b; a")
    # the audit table has no doc_ids: the doc_id part of figure_id is used
    assert "cm_2023_kehoach" in plots.source_line("en", None, D.audit())


def test_source_line_missing_is_loud():
    with pytest.warns(plots.FigureWarning, match="source"):
        plots.source_line("en", None, pd.DataFrame({"x": [1]}))


# ---------------------------------------------------------------------------
# Figure content
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_bilingual_figures_carry_the_right_strings(kind):
    en = all_texts(draw(kind, "en"))
    vi = all_texts(draw(kind, "vi"))
    assert en != vi
    en_all, vi_all = "\n".join(en), "\n".join(vi)
    assert "Source" in en_all and "Nguồn" not in en_all
    assert "Nguồn" in vi_all and "Source" not in vi_all
    for text in en + vi:
        assert unicodedata.is_normalized("NFC", text)
    for lang, joined in (("en", en_all), ("vi", vi_all)):
        for ind, words in D.LABELS.items():
            if kind in {"adoption", "gap_to_target"} and ind == "digital_signature":
                continue  # no level shares and no target for this indicator
            # the rank figures show the rank indicators with data (the distribution
            # names its index in its own words), the others the share indicators
            if kind == "dti_distribution":
                continue
            if (kind == "rank_trajectories") != ind.endswith("_rank"):
                continue
            if kind == "rank_trajectories" and ind in {"sipas_rank", "papi_rank"}:
                assert words[lang] not in joined.replace("\n", " "), (kind, lang, ind)
                continue  # no data for these: no panel
            assert words[lang] in joined.replace("\n", " "), (kind, lang, ind)
        if kind == "dti_distribution":
            assert "DTI 2022" in joined


def test_gap_figure_shows_every_classification_in_both_languages():
    en = " ".join(all_texts(draw("gap_to_target", "en"))).replace("\n", " ")
    vi = " ".join(all_texts(draw("gap_to_target", "vi"))).replace("\n", " ")
    for code in (
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "moving_away",
        "target_met",
        "insufficient_data",
    ):
        assert plots.classification_label(code, "en") in en
        assert plots.classification_label(code, "vi") in vi
    # the cagr_ratio class is shown, not the projection's or the absolute gap's
    assert "projected to" not in en and "target not met" not in en
    assert "no projection" in en and "không có dự báo" in vi
    assert "target ≥80% by 2025" in en and "mục tiêu ≥80% đến 2025" in vi
    assert "target >80% by 2025" in en


def test_gap_figure_classification_measure_and_sources():
    fig = plots.gap_figure(
        D.gaps(), lang="vi", labels=D.LABELS, classification_measure="projected_value_at_deadline"
    )
    vi = " ".join(all_texts(fig)).replace("\n", " ")
    assert "dự báo không đạt mục tiêu (khoảng tin cậy chứa mục tiêu)" in vi
    assert "đúng tiến độ" not in vi
    # without the panel the targets' documents are named; with it, the data's documents
    assert "Quyết định 411/QĐ-TTg" in vi and "kg_2024_baocao" not in vi
    both = " ".join(all_texts(draw("gap_to_target", "en"))).replace("\n", " ")
    assert "kg_2024_baocao" in both and "Targets: dtanalysis targets.csv" in both
    assert "Quyết định 411/QĐ-TTg" not in both  # full citations stay in targets.csv


def test_adoption_figure_notes_missing_curves_and_draws_bands_only_where_intervals_exist():
    from matplotlib.collections import PolyCollection

    fig = draw("adoption", "en")
    axes = [ax for ax in fig.axes if ax.get_visible()]
    titles = {ax.get_title(loc="left").replace("\n", " "): ax for ax in axes}
    egov = titles["Public-service applications filed online"]
    acc = titles["Adults with a bank or e-wallet account"]

    def bands(ax):
        return [c for c in ax.collections if isinstance(c, PolyCollection)]

    assert len(bands(egov)) == 2  # Kiên Giang and Hải Dương have intervals
    assert len(bands(acc)) == 0  # the Hải Dương curve has none
    egov_notes = [t.get_text().replace("\n", " ") for t in egov.texts]
    acc_notes = [t.get_text().replace("\n", " ") for t in acc.texts]
    assert "Cà Mau: no curve (1 observation)" in egov_notes
    assert "Kiên Giang: no curve (2 observations)" in acc_notes  # n_obs from the fits table
    assert "Đắk Lắk: no curve (1 observation)" in acc_notes
    # a curve without an interval is said to be exact and is never extrapolated
    assert (
        "Hải Dương: exact line through the observations: no interval, not extrapolated" in acc_notes
    )
    hd = plots.province_style("30").color
    assert not [ln for ln in acc.lines if ln.get_color() == hd and ln.get_linewidth() == 0.7]
    # the curve is pale outside the observed period and solid inside it
    kg = plots.province_style("91").color
    kg_lines = [ln for ln in egov.lines if ln.get_color() == kg and ln.get_linestyle() == "-"]
    assert sorted(
        ln.get_linewidth() for ln in kg_lines if ln.get_marker() in {"None", "", None}
    ) == [0.7, 1.1]
    # approximate and range observations are drawn with open (white) markers
    open_marks = [ln for ln in egov.lines if ln.get_markerfacecolor() == "white"]
    assert open_marks, "approximate observations must be drawn open"
    # the range 75-80% is drawn as a bar
    segs = [
        s for c in egov.collections if not isinstance(c, PolyCollection) for s in c.get_segments()
    ]
    assert any(abs(seg[0][1] - 75.0) < 1e-9 and abs(seg[1][1] - 80.0) < 1e-9 for seg in segs)


def test_adoption_figure_accepts_model_observations_and_no_curves():
    obs = D.panel()
    obs = obs[obs["measure_type"] == "level"].rename(columns={"period_end": "date"})[
        ["province_id", "province", "indicator", "date", "share", "approximate", "doc_ids"]
    ]
    fig = plots.adoption_figure(obs, None, lang="vi", labels=D.LABELS)
    notes = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "Kiên Giang: không có đường (4 quan sát)" in notes


def test_coverage_figure_counts_rows_per_province_in_order():
    fig = draw("coverage", "en")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == [
        "Kiên Giang (n = 7)",
        "Cà Mau (n = 2)",
        "Hải Dương (n = 8)",
        "Đắk Lắk (n = 1)",
    ]


def test_audit_figure_skips_consistent_rows_and_separates_checks():
    fig = draw("audit", "en")
    labelled = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in labelled] == [
        "two different values for one period",
        "denominators implied by the shares vs other denominators",
        "stated percentage vs its own numerator/denominator",
        "outside the possible range",
    ]
    # the "ok" row and the non-numeric override row are not drawn
    assert sum(len(ax.get_yticks()) for ax in labelled) == 4
    texts = " ".join(all_texts(fig))
    assert "contradiction · Δ = +1.53" in texts  # 88,03% stated vs 86.5% implied
    assert "contradiction · Δ = −40" in texts  # 1.480 vs 1.520 (Vietnamese thousands)
    vi = " ".join(all_texts(draw("audit", "vi")))
    assert "mâu thuẫn · Δ = +1,53" in vi
    # the implied denominator interval is drawn as a bar from 1,000,000 to 1,010,000
    den = labelled[1]
    segs = [seg for c in den.collections for seg in c.get_segments()]
    assert any(seg[0][0] == 1_000_000 and seg[1][0] == 1_010_000 for seg in segs)


def test_audit_figure_without_findings_says_so():
    fig = plots.audit_figure(D.audit().assign(verdict="ok"), lang="vi", labels=D.LABELS)
    assert "không có mâu thuẫn hay cảnh báo trong nguồn" in all_texts(fig)


def test_nfd_input_draws_like_nfc_input(tmp_path):
    gaps = D.gaps()
    nfd = gaps.assign(province=gaps["province"].map(lambda s: unicodedata.normalize("NFD", s)))
    labels = {
        k: {lang: unicodedata.normalize("NFD", v) for lang, v in d.items()}
        for k, d in D.LABELS.items()
    }
    a = plots.save_figure(
        plots.gap_figure(gaps, lang="vi", labels=D.LABELS),
        "a",
        directory=tmp_path,
        formats=("svg",),
    )[0]
    b = plots.save_figure(
        plots.gap_figure(nfd, lang="vi", labels=labels), "b", directory=tmp_path, formats=("svg",)
    )[0]
    assert a.read_bytes() == b.read_bytes()


def test_text_read_back_from_csv_strings():
    """Tables re-read from CSV as text (ids "91", booleans "True") and typed by the table
    layer, as read_table does, draw the same figure."""
    from dtanalysis import tables

    buf = io.StringIO()
    D.panel().to_csv(buf, index=False)
    buf.seek(0)
    as_text = pd.read_csv(buf, dtype=str, keep_default_na=False)
    a = svg_text(plots.adoption_figure(D.panel(), D.curves(), D.fits(), lang="en", labels=D.LABELS))
    b = svg_text(
        plots.adoption_figure(
            tables.validate("panel", as_text), D.curves(), D.fits(), lang="en", labels=D.LABELS
        )
    )
    assert a == b


# ---------------------------------------------------------------------------
# Export: fonts, text round trip, determinism
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """Every figure type in both languages saved once in this process."""
    folder = tmp_path_factory.mktemp("figures")
    files = {}
    for kind in KINDS:
        for lang in ("en", "vi"):
            files[(kind, lang)] = plots.save_figure(
                draw(kind, lang), f"{kind}_{lang}", directory=folder
            )
    return folder, files


def test_save_figure_writes_three_formats(saved):
    _folder, files = saved
    paths = files[("gap_to_target", "vi")]
    assert [p.name for p in paths] == [
        "gap_to_target_vi.pdf",
        "gap_to_target_vi.svg",
        "gap_to_target_vi.png",
    ]
    assert paths[0].read_bytes().startswith(b"%PDF")
    assert paths[2].read_bytes().startswith(b"\x89PNG")
    from PIL import Image

    with Image.open(paths[2]) as img:
        assert img.info.get("dpi", (0, 0))[0] == pytest.approx(300, abs=0.5)
        assert "Software" not in img.info


def test_save_figure_rejects_bad_names(tmp_path):
    fig = draw("audit", "en")
    with pytest.raises(plots.PlotInputError):
        plots.save_figure(fig, "../x", directory=tmp_path)
    with pytest.raises(plots.PlotInputError):
        plots.save_figure(fig, "x", directory=tmp_path, formats=("jpg",))


def test_files_carry_no_dates_or_versions(saved):
    import matplotlib

    _, files = saved
    pdf, svg, png = files[("adoption", "en")]
    for path in (pdf, svg, png):
        data = path.read_bytes()
        assert matplotlib.__version__.encode() not in data, path.name
        assert b"CreationDate" not in data and b"ModDate" not in data
        assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", data), path.name


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_embeds_truetype_fonts_only(saved, kind):
    from pypdf import PdfReader

    _, files = saved
    for lang in ("en", "vi"):
        reader = PdfReader(str(files[(kind, lang)][0]))
        fonts = []
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.append(font.get_object())
        assert fonts
        for font in fonts:
            assert font["/Subtype"] != "/Type3"
            if font["/Subtype"] == "/Type0":
                descendant = font["/DescendantFonts"][0].get_object()
                assert descendant["/Subtype"] == "/CIDFontType2"
                assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
            else:
                assert font["/Subtype"] == "/TrueType"
            assert "DejaVuSans" in str(font["/BaseFont"])
        raw = files[(kind, lang)][0].read_bytes()
        assert b"/Type3" not in raw


def test_vietnamese_text_survives_pdf_round_trip(saved):
    _, files = saved
    vi_gap = pdf_text(files[("gap_to_target", "vi")][0])
    for word in (
        "Kiên Giang",
        "Cà Mau",
        "Hải Dương",
        "đúng tiến độ",
        "đi ngược mục tiêu",
        "cần tăng tốc",
        "Nguồn",
    ):
        assert word in vi_gap, word
    vi_cov = pdf_text(files[("coverage", "vi")][0])
    assert "Đề án 06 ứng dụng" in vi_cov
    en_adopt = pdf_text(files[("adoption", "en")][0])
    assert "Đề án" not in en_adopt  # the digital signature indicator has no shares
    assert "Cà Mau: no curve (1 observation)" in en_adopt
    assert "on track" in pdf_text(files[("gap_to_target", "en")][0])
    assert "on track" not in vi_gap


def test_vietnamese_text_survives_svg_round_trip():
    svg = svg_text(draw("coverage", "vi"))
    texts = [unicodedata.normalize("NFC", t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    joined = " ".join(texts)
    for word in ("Hải Dương", "Kiên Giang", "Cà Mau", "Đề án 06 ứng dụng", "Đắk Lắk"):
        assert word in joined, word
    for text in texts:
        assert unicodedata.is_normalized("NFC", text)


def test_pdf_numbers_do_not_carry_layout_float_noise(tmp_path):
    # constrained layout leaves float noise near the 13th digit that differs between
    # processes; matplotlib writes PDF numbers with 10 decimals, so a value close to a
    # rounding boundary flipped its last decimal (rank_trajectories_vi.pdf gave two
    # files). save_figure writes 6 decimals: the same figure, noise or not, one file.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from dtanalysis.plots.style import _METADATA, save_figure

    def draw(noise: float):
        fig = plt.figure(figsize=(4, 3))
        # the axes' left edge at 10.00000000005 points: a 10-decimal rounding boundary
        ax = fig.add_axes([(10.00000000005 + noise) / 288, 0.1, 0.7, 0.7])
        ax.plot([0, 1], [0, 1])
        return fig

    written = []
    for k, noise in enumerate((-2e-12, 2e-12)):
        fig = draw(noise)
        written.append(save_figure(fig, f"noise{k}", directory=tmp_path, formats=["pdf"])[0])
        plain = tmp_path / f"plain{k}.pdf"
        fig.savefig(plain, format="pdf", metadata=dict(_METADATA["pdf"]))
        plt.close(fig)
    assert written[0].read_bytes() == written[1].read_bytes()
    # matplotlib's own 10 decimals tell the two apart: the noise is there
    assert (tmp_path / "plain0.pdf").read_bytes() != (tmp_path / "plain1.pdf").read_bytes()


def test_rebuild_is_byte_identical_in_process(saved, tmp_path):
    _, files = saved
    again = plots.save_figure(draw("adoption", "vi"), "adoption_vi", directory=tmp_path)
    for first, second in zip(files[("adoption", "vi")], again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.suffix


def test_rebuild_is_byte_identical_in_another_process(saved, tmp_path):
    _, files = saved
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]);"
        "import plot_data as D; from dtanalysis import plots as p;"
        "p.save_figure(D.draw('gap_to_target', 'vi'), 'gap_to_target_vi', directory=sys.argv[1])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7", "MPLBACKEND": "Agg"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-W", "error", "-c", script, str(tmp_path), str(Path(__file__).parent)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    for first in files[("gap_to_target", "vi")]:
        second = tmp_path / first.name
        assert first.read_bytes() == second.read_bytes(), first.suffix


def test_build_all_figures_writes_every_figure(tmp_path):
    tables = {
        "panel": D.panel(),
        "gaps": D.gaps(),
        "audit": D.audit(),
        "adoption": D.fits(),
        "targets": D.targets(),
        **D.rank_tables(),
    }
    written = plots.build_all_figures(
        directory=tmp_path, labels=D.LABELS, tables=tables, curves=D.curves(), formats=("svg",)
    )
    names = sorted(p.name for p in written)
    expected = sorted(f"{k}_{lang}.svg" for k in plots.FIGURE_NAMES for lang in ("en", "vi"))
    assert names == expected
    assert all(p.stat().st_size > 1000 for p in written)


def test_import_dtanalysis_stays_free_of_matplotlib():
    code = "import sys, dtanalysis; assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_missing_glyph_warnings_when_drawing_and_saving(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for kind in KINDS:
            plots.save_figure(draw(kind, "vi"), kind, directory=tmp_path, formats=("png",), dpi=72)


# ---------------------------------------------------------------------------
# Image comparison against the baselines
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("kind", KINDS)
def test_baseline_image(kind, lang, tmp_path):
    from matplotlib.testing.compare import compare_images

    name = f"{kind}_{lang}"
    actual = plots.save_figure(
        draw(kind, lang), name, directory=tmp_path, formats=("png",), dpi=BASELINE_DPI
    )[0]
    expected = BASELINE_DIR / f"{name}.png"
    if REGENERATE:
        BASELINE_DIR.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
    assert expected.is_file(), (
        f"{expected} is missing; regenerate with DTANALYSIS_REGENERATE_BASELINES=1 "
        f".venv/bin/python -m pytest tests/test_plots.py -k baseline"
    )
    result = compare_images(str(expected), str(actual), tol=BASELINE_TOLERANCE, in_decorator=True)
    assert result is None, f"{name} differs from its baseline: {result}"


def test_adoption_figure_min_observations_leaves_single_points_to_coverage():
    fig = plots.adoption_figure(
        D.panel(), None, D.fits(), lang="en", labels=D.LABELS, min_observations=3
    )
    titles = [ax.get_title(loc="left").replace("\n", " ") for ax in fig.axes if ax.get_visible()]
    # both indicators have a province with at least 3 observations
    assert titles == [
        "Adults with a bank or e-wallet account",
        "Public-service applications filed online",
    ]
    fig = plots.adoption_figure(
        D.panel(),
        None,
        D.fits(),
        lang="en",
        labels=D.LABELS,
        min_observations=5,
        sources="synthetic",
    )
    assert [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left")] == []


def test_gap_figure_target_met_overrides_insufficient_trend():
    """One observation that already meets its target: no trend can be measured, but the
    figure must say the target is met, not 'insufficient data' (Open SDG rule)."""
    common = {
        "province_id": "91",
        "province": "Kiên Giang",
        "indicator": "egov_online_share",
        "target_id": "T_SMART_80",
        "scope": "national",
        "comparator": ">=",
        "target_value": 80.0,
        "target_unit": "percent",
        "deadline": "2025-12-31",
        "base_date": "2022-12-31",
        "base_value": 80.0,
        "latest_date": "2022-12-31",
        "latest_value": 80.0,
        "n_obs": 1,
        "source_document": "Quyết định 411/QĐ-TTg",
    }
    rows = [
        {
            **common,
            "measure": "absolute_gap_pp",
            "method": "gap",
            "value": 0.0,
            "ci_lower": float("nan"),
            "ci_upper": float("nan"),
            "classification": "target met",
            "note": "",
        },
        {
            **common,
            "measure": "cagr_ratio",
            "method": "Open SDG",
            "value": float("nan"),
            "ci_lower": float("nan"),
            "ci_upper": float("nan"),
            "classification": "insufficient data",
            "note": "one observation date",
        },
    ]
    for lang in ("en", "vi"):
        targets = D.targets().assign(target_id="T_SMART_80")[:1]  # its document: 411/QĐ-TTg
        fig = plots.gap_figure(D.typed("gaps", rows), lang=lang, labels=D.LABELS, targets=targets)
        text = " ".join(all_texts(fig))
        assert plots.classification_label("target_met", lang) in text
        assert plots.classification_label("insufficient_data", lang) not in text


def test_build_writes_share_coverage_and_full_coverage(tmp_path):
    files = plots.build_all_figures(
        directory=tmp_path,
        langs=("en",),
        labels=D.LABELS,
        formats=("svg",),
        tables={
            "panel": D.panel(),
            "gaps": D.gaps(),
            "audit": D.audit(),
            "adoption": D.fits(),
            **D.rank_tables(),
        },
        curves=D.curves(),
    )
    names = {p.name for p in files}
    assert {"coverage_en.svg", "coverage_all_en.svg"} <= names


def test_figure_workers_are_forked_from_the_fork_server_with_the_drawing_modules(monkeypatch):
    import multiprocessing
    import time

    from dtanalysis.plots import build

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform: the workers are spawned")

    def worker_state(method):
        monkeypatch.setattr(build, "START_METHOD", method)
        pool = build._start_pools(1)[0]
        try:  # its parent, and the CPU it has used, the drawing modules imported
            return pool.submit(os.getppid).result(), pool.submit(time.process_time).result()
        finally:
            pool.shutdown()

    forked_parent, forked_cpu = worker_state(None)
    spawned_parent, spawned_cpu = worker_state("spawn")
    assert spawned_parent == os.getpid()
    assert forked_parent != os.getpid()  # a child of the fork server
    # the fork server imported the drawing modules (a fork starts its CPU count at zero);
    # a spawned worker imports them itself
    assert forked_cpu < spawned_cpu / 4, (forked_cpu, spawned_cpu)


def test_parallel_build_reports_worker_warnings_and_is_reproducible(tmp_path, monkeypatch):
    from matplotlib.testing.compare import compare_images

    from dtanalysis.plots import build

    tables = {
        "panel": D.panel(),
        "gaps": D.gaps(),
        "audit": D.audit(),
        "adoption": D.fits(),
        **D.rank_tables(),
    }
    with pytest.warns(plots.FigureWarning):
        plots.build_all_figures(
            directory=tmp_path / "ids",
            tables=tables,
            curves=D.curves(),
            labels={},
            formats=("svg",),
            processes=2,
        )
    runs = []
    for name, n, method in (("par1", 2, None), ("par2", 2, "spawn"), ("ser", 1, None)):
        # par1's workers are forked from the fork server (on Linux), par2's spawned
        monkeypatch.setattr(build, "START_METHOD", method)
        runs.append(
            plots.build_all_figures(
                directory=tmp_path / name,
                tables=tables,
                curves=D.curves(),
                labels=D.LABELS,
                formats=("svg", "png"),
                processes=n,
            )
        )
    assert [p.name for p in runs[0]] == [p.name for p in runs[1]] == [p.name for p in runs[2]]
    # the same build twice, with forked and with spawned workers: byte-identical files
    for a, b in zip(runs[0], runs[1], strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    # serial and parallel builds draw the same pictures (matplotlib's text metrics carry
    # float noise from what the process drew before; the SVG clip-path ids, which hash
    # them, are renumbered by save_figure)
    for a, b in zip(runs[0], runs[2], strict=True):
        if a.suffix == ".png":
            assert compare_images(str(b), str(a), tol=0.5) is None, a.name


def test_audit_rows_say_what_they_compare_against():
    from dtanalysis import tables
    from dtanalysis.codes import ComparedWith

    common = {
        "figure_id": "kg:1-6",
        "province_id": "91",
        "province": "Kiên Giang",
        "indicator": "egov_online_share",
        "check": "implied_denominator",
        "observed": "1,120,394–1,133,785",
        "verdict": "contradiction",
        "explanation": "",
        "value_unit": "count",
        "observed_low": 1_120_394.0,
        "observed_high": 1_133_785.0,
        "denominator_quantity": "adult_population",
    }
    rows = tables.validate(
        "audit",
        pd.DataFrame(
            [
                {
                    **common,
                    "expected": "1,296,538–1,315,512 (implied by kg-other:20-25 '1,03%')",
                    "expected_low": 1_296_538.0,
                    "expected_high": 1_315_512.0,
                    "compared_with": str(ComparedWith.IMPLIED_DENOMINATOR),
                    "compared_figure_id": "kg-other:20-25",
                    "compared_raw": "1,03%",
                    "denominator_year": None,
                },
                {
                    **common,
                    "expected": "917,621 (adult_population 2022, denominators.csv)",
                    "expected_low": 917_621.0,
                    "expected_high": 917_621.0,
                    "compared_with": str(ComparedWith.DENOMINATORS_TABLE),
                    "compared_figure_id": "",
                    "compared_raw": "",
                    "denominator_year": 2022,
                },
            ]
        ),
    )
    en = " ".join(all_texts(plots.audit_figure(rows, lang="en", labels=D.LABELS))).replace(
        "\n", " "
    )
    vi = " ".join(all_texts(plots.audit_figure(rows, lang="vi", labels=D.LABELS))).replace(
        "\n", " "
    )
    # one number format per language: the printed "1,03%" reads 1.03% in English
    assert "vs the denominator implied by 1.03%" in en and "1,03%" not in en
    assert "vs adult_population 2022, denominators.csv" in en
    assert "so với mẫu số suy ra từ 1,03%" in vi
    # the source line names both documents and the denominators table
    assert "Source (documents): kg; kg-other; denominators: dtanalysis denominators.csv" in en


def test_audit_figure_reads_numbers_not_text():
    """The readable cells are not read: the same numbers with other text draw the same marks
    and the same labels (compared as drawn data: SVG bytes carry layout float noise from
    whatever the process drew before)."""

    def drawn(fig):
        marks = []
        for ax in fig.axes:
            marks += [
                (list(ln.get_xdata()), list(ln.get_ydata()), ln.get_marker()) for ln in ax.lines
            ]
            marks += [[seg.tolist() for seg in c.get_segments()] for c in ax.collections]
        return all_texts(fig), marks

    audit = D.audit()
    other_text = audit.assign(expected="(text)", observed="(text)", explanation="")
    a = drawn(plots.audit_figure(audit, lang="en", labels=D.LABELS))
    b = drawn(plots.audit_figure(other_text, lang="en", labels=D.LABELS))
    assert a == b and a[1]
    with pytest.raises(plots.PlotInputError, match="expected_low"):
        plots.audit_figure(audit.drop(columns=["expected_low"]), lang="en", labels=D.LABELS)


def test_no_curve_notes_give_the_reason_from_the_fits_table():
    fits = D.fits().copy()
    first = fits.index[0]
    fits.loc[first, "status"] = "share of 0% or 100% at one of 2 points: no curve"
    pid, ind = str(fits.loc[first, "province_id"]), fits.loc[first, "indicator"]
    curves = D.curves()
    curves = curves[~((curves["province_id"].astype(str) == pid) & (curves["indicator"] == ind))]
    for lang, text in (
        ("en", "no curve: a share of 0% or 100%"),
        ("vi", "không có đường: tỷ lệ 0% hoặc 100%"),
    ):
        fig = plots.adoption_figure(D.panel(), curves, fits, lang=lang, labels=D.LABELS)
        notes = " ".join(t.get_text().replace("\n", " ") for ax in fig.axes for t in ax.texts)
        assert text in notes, notes


def test_gap_figure_names_who_set_each_target():
    from dtanalysis.plots.figures import _target_origin

    assert _target_origin("national", "411/QĐ-TTg", "en") == "national, 411/QĐ-TTg"
    assert _target_origin("91", "186/KH-UBND", "vi") == "cấp tỉnh, 186/KH-UBND"
    assert _target_origin("30", "06-NQ/TU", "en") == "provincial, 06-NQ/TU"
    assert _target_origin("96", "", "en") == "provincial"
    assert _target_origin("", "411/QĐ-TTg", "en") == ""
    en = " ".join(all_texts(draw("gap_to_target", "en"))).replace("\n", " ")
    assert "(national, 411/QĐ-TTg)" in en
    # the number comes from the targets table (by target_id), not from source_document
    targets = D.targets().assign(document_number="")
    fig = plots.gap_figure(
        D.gaps(), lang="en", labels=D.LABELS, observations=D.panel(), targets=targets
    )
    en = " ".join(all_texts(fig)).replace("\n", " ")
    assert "(national)" in en and "411/QĐ-TTg" not in en


#: The number of the document a target's source names first ("Quyết định 411/QĐ-TTg ...",
#: "Kế hoạch 186/KH-UBND ...", "Nghị quyết 06-NQ/TU ..."); a number mentioned later (a
#: plan "implementing" another decision, a "probable" source) is not the target's source.
#: (The rule the gap figure used to apply to source_document; now the column holds it.)
_DOC_NUMBER = re.compile(
    r"^(?:Quyết định|Kế hoạch|Nghị quyết|Chỉ thị|Thông tư|Nghị định|Chương trình|Đề án)"
    r"\s+(?:số\s+)?"
    r"(\d+(?:/\d{4})?(?:/[A-Za-zĐđ]+(?:-[A-Za-zĐđ0-9]+)+|-[A-Za-zĐđ]+/[A-Za-zĐđ]+))"
)


def test_targets_document_number_is_the_number_the_source_names():
    from dtanalysis.tables import read_table

    targets = read_table("targets").set_index("target_id")
    for tid, r in targets.iterrows():
        named = _DOC_NUMBER.search(r["source_document"])
        # every target whose source names its number has it, and only that number
        assert r["document_number"] == (named.group(1) if named else ""), tid
        if r["document_number"]:
            assert r["document_number"] in r["source_document"], tid
    assert targets.loc["91-kh186-level4-dvctt-2025", "document_number"] == "186/KH-UBND"
    assert targets.loc["30-nq06-level4-dvctt-2025", "document_number"] == "06-NQ/TU"
    assert targets.loc["nat-411-adults-dvctt-2025", "document_number"] == "411/QĐ-TTg"
    # a number mentioned later (a plan implementing a decision, a probable source) is not
    # the target's
    assert targets.loc["96-plan749-epayment-2025", "document_number"] == ""
    assert "749/QĐ-TTg" in targets.loc["96-plan749-epayment-2025", "source_document"]
    assert targets.loc["91-corpus-adults-dvctt-2025", "document_number"] == ""


def test_rank_trajectories_keep_2025_units_apart_and_mark_breaks():
    import numpy as np
    from matplotlib.lines import Line2D

    fig = draw("rank_trajectories", "en")
    dti = next(ax for ax in fig.axes if ax.get_title(loc="left") == "Provincial DTI rank")
    joined = [ln for ln in dti.get_lines() if len(ln.get_xdata()) >= 2]
    steps = [ln for ln in joined if len(set(np.asarray(ln.get_xdata(), dtype=float))) == 2]
    # every line joining two points joins two years of pre-2025 provinces: none reaches
    # the 2025 unit (drawn beside its year, at a fractional x)
    for ln in steps:
        assert all(float(x).is_integer() for x in ln.get_xdata())
    # the method-break step of Kiên Giang (2020 -> 2021) is dashed, the others solid
    kg = plots.province_style("91").color
    dashed = [ln for ln in steps if ln.get_color() == kg and ln.get_linestyle() != "-"]
    assert [tuple(ln.get_xdata()) for ln in dashed] == [(2020, 2021)]
    # the 2025 unit: one open marker right of 2024, labelled with its rank among 34
    singles = [ln for ln in dti.get_lines() if len(ln.get_xdata()) == 1]
    assert [float(ln.get_xdata()[0]) for ln in singles if ln.get_markerfacecolor() == "white"] == [
        pytest.approx(2024.38)
    ]
    assert any("3/34" in t.get_text() for t in dti.texts)
    # vertical markers: the method changes (dash-dot) and the ranked set 63 -> 34 (dotted)
    verticals = [
        ln
        for ln in dti.get_lines()
        if len(set(np.asarray(ln.get_xdata(), float))) == 1 and len(ln.get_xdata()) == 2
    ]
    styles = sorted(ln.get_linestyle() for ln in verticals)
    assert styles == ["-.", "-.", ":"]
    legend = {t.get_text() for lg in fig.legends for t in lg.get_texts()}
    assert {"ranked set 63 → 34", "not comparable (method, set, period)"} <= legend
    dashed_entry = [
        h
        for lg in fig.legends
        for h in lg.legend_handles
        if isinstance(h, Line2D) and h.get_label().startswith("not comparable")
    ]
    assert dashed_entry and dashed_entry[0].get_linestyle() != "-"
    source = " ".join(all_texts(fig))
    assert "Source: Bộ Thông tin và Truyền thông (dti.gov.vn); example.vn" in source


def test_dti_distribution_highlights_the_six_units():
    fig = draw("dti_distribution", "vi")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "Kiên Giang\n32/63" in texts and "Hải Phòng\n14/63" in texts
    assert len(texts) == 6
    points = sum(len(ln.get_xdata()) for ln in ax.get_lines() if ln.get_marker() != "None")
    assert points == 63
    assert "Nguồn: Bộ Thông tin và Truyền thông (dti.gov.vn); bảng xếp hạng DTI 2022" in " ".join(
        all_texts(fig)
    )


def test_svg_clip_path_ids_are_sequential(tmp_path):
    import re

    (path,) = plots.save_figure(draw("audit", "en"), "clips", directory=tmp_path, formats=("svg",))
    text = path.read_text(encoding="utf-8")
    assert not re.search(r'id="p[0-9a-f]{6,}"', text)
    ids = re.findall(r'<clipPath id="(clip\d+)"', text)
    assert ids and sorted(ids, key=lambda i: int(i[4:])) == [
        f"clip{k}" for k in range(1, len(ids) + 1)
    ]
    for i in ids:
        assert f"url(#{i})" in text


def test_legend_handle_is_drawn_as_the_data():
    """One helper builds every legend entry: points are markers without a line, open
    markers have a white face, lines keep their style (issue 13, item 3)."""
    from dtanalysis.plots._common import NEUTRAL, legend_handle

    point = legend_handle("observation", "o", markersize=4)
    assert point.get_linestyle() == "None" and point.get_marker() == "o"
    assert point.get_color() == NEUTRAL and point.get_markersize() == 4
    assert point.get_label() == "observation"
    hollow = legend_handle("approximate", "o", hollow=True)
    assert hollow.get_markerfacecolor() == "white" and hollow.get_markeredgecolor() == NEUTRAL
    line = legend_handle("fitted curve", lw=1.1, linestyle="--")
    assert line.get_linestyle() == "--" and line.get_marker() in (None, "None", "")
    assert line.get_linewidth() == 1.1 and line.get_color() == NEUTRAL
    marked_line = legend_handle("Cà Mau", "s", linestyle="-", color="#d55e00")
    assert marked_line.get_linestyle() == "-" and marked_line.get_color() == "#d55e00"
    source = "\n".join(
        (Path(plots.__file__).parent / name).read_text(encoding="utf-8")
        for name in ("figures.py", "rankfigs.py")
    )
    assert "Line2D(" not in source  # every entry goes through legend_handle


def test_shared_x_label_of_narrow_panels_sits_above_the_source_line():
    """Six coverage panels share one x label: between the year labels and the source
    line, over neither (matplotlib's supxlabel sat at the very bottom, over the source)."""
    from dtanalysis.plots.style import tr

    fig = plots.coverage_figure(
        D.panel(), lang="en", labels=D.LABELS, provinces=["91", "96", "30", "66", "01", "79"]
    )
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = {t.get_text(): t.get_window_extent(renderer) for t in fig.texts}
    label = texts[tr("period_end", "en")]
    source = next(box for text, box in texts.items() if text.startswith("Source"))
    assert label.y0 >= source.y1, "the x label is above the source line"
    years = [
        t.get_window_extent(renderer)
        for ax in fig.axes
        for t in ax.get_xticklabels()
        if t.get_text()
    ]
    assert years and label.y1 <= min(b.y0 for b in years), "and below the year labels"
    assert not [ax for ax in fig.axes if ax.get_xlabel()]  # one label, not one per panel


def test_build_all_figures_stops_its_workers_when_the_tables_cannot_be_read(tmp_path):
    import multiprocessing

    from dtanalysis.tables import SchemaError

    with pytest.raises(SchemaError, match=r"panel.csv: not found"):
        plots.build_all_figures(processed_dir=tmp_path, directory=tmp_path / "figures")
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "figures").exists()
