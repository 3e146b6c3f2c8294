"""Journal theme, province styles, translations and byte-reproducible export.

Everything that fixes the *look* of a dtanalysis figure lives here, so that every
figure in a paper or slide deck shares one font, one size system and one colour per
province:

* :data:`SINGLE_COLUMN` and :data:`DOUBLE_COLUMN`: journal column widths in inches
  (89 mm and 183 mm, the Nature/Elsevier/Springer single and double column);
* :func:`set_theme` and the context manager :func:`theme`: matplotlib rcParams with
  DejaVu Sans, which carries every Vietnamese letter, TrueType font embedding
  (``pdf.fonttype = 42``) and a fixed SVG hash salt;
* :func:`province_style`: a fixed colour (Okabe--Ito, colour-blind safe), marker and
  line style per province, keyed by the pre-2025 GSO code, so the figures also read in
  greyscale;
* :func:`province_order`: an explicit province order (study provinces first, then
  Vietnamese alphabetical order, not code-point order, which puts "Đ" after "Z");
* :data:`TRANSLATIONS` and :func:`tr`: the one table of fixed English and Vietnamese
  strings used by the figures;
* :func:`save_figure`: writes ``figures/NAME.pdf``, ``.svg`` and ``.png`` that are
  byte-identical when rebuilt (no dates, no software versions, fixed SVG ids).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DtanalysisError

__all__ = [
    "DOUBLE_COLUMN",
    "FONT_FAMILY",
    "LANGUAGES",
    "MM_PER_INCH",
    "SINGLE_COLUMN",
    "STUDY_PROVINCES",
    "TRANSLATIONS",
    "PlotInputError",
    "ProvinceStyle",
    "missing_glyphs",
    "nfc",
    "province_order",
    "province_style",
    "rc_params",
    "save_figure",
    "set_theme",
    "theme",
    "tr",
    "vietnamese_sort_key",
]

MM_PER_INCH = 25.4
#: Single journal column: 89 mm (3.50 in).
SINGLE_COLUMN = 89 / MM_PER_INCH
#: Double (full-page) journal column: 183 mm (7.20 in).
DOUBLE_COLUMN = 183 / MM_PER_INCH
#: The one font of every figure. Bundled with matplotlib; it covers all 134
#: precomposed Vietnamese letters and the combining tone marks.
FONT_FAMILY = "DejaVu Sans"
#: Languages every figure can be drawn in.
LANGUAGES = ("en", "vi")
#: Fixed salt for SVG element ids (without it, ids are random on every save).
SVG_HASHSALT = "dtanalysis"
#: Base font size in points at the final printed size (journals ask for 5--8 pt).
BASE_FONT_SIZE = 7.0


class PlotInputError(DtanalysisError):
    """A table handed to a figure function lacks columns or holds unusable values."""


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def nfc(text: Any) -> str:
    """Return `text` as an NFC-normalised string (``""`` for None and NaN).

    Parameters
    ----------
    text : object
        Any value; non-strings are converted with ``str``.

    Returns
    -------
    str
        The NFC form. matplotlib < 3.11 mis-places tone marks of NFD text, and NFC/NFD
        mismatches break joins on province names, so every label goes through here.
    """
    if text is None:
        return ""
    if isinstance(text, float) and math.isnan(text):
        return ""
    return unicodedata.normalize("NFC", str(text))


#: Fixed strings of the figures. Keys are stable identifiers; values hold the
#: English and Vietnamese text (NFC, with full diacritics).
TRANSLATIONS: dict[str, dict[str, str]] = {
    # generic
    "source": {"en": "Source", "vi": "Nguồn"},
    "targets_source": {
        "en": "Targets: dtanalysis targets.csv (source_document column)",
        "vi": "Mục tiêu: bảng targets.csv của dtanalysis (cột source_document)",
    },
    "documents": {"en": "documents", "vi": "văn bản"},
    "province": {"en": "Province", "vi": "Tỉnh"},
    "indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "date": {"en": "Date", "vi": "Thời điểm"},
    "period_end": {"en": "End of reference period", "vi": "Cuối kỳ báo cáo"},
    "share_percent": {"en": "Share (%)", "vi": "Tỷ lệ (%)"},
    "share_or_score": {
        "en": "Share or score (% of scale)",
        "vi": "Tỷ lệ hoặc điểm (% thang đo)",
    },
    "value_percent": {"en": "Value (%)", "vi": "Giá trị (%)"},
    "no_data": {"en": "no data", "vi": "không có dữ liệu"},
    # measure types (panel.measure_type)
    "measure_level": {"en": "level (stock at a date)", "vi": "mức (tại một thời điểm)"},
    "measure_flow": {"en": "flow (over a period)", "vi": "lưu lượng (trong một kỳ)"},
    "measure_change": {"en": "change", "vi": "thay đổi"},
    "measure_target": {"en": "target", "vi": "mục tiêu"},
    "measure_other": {"en": "other", "vi": "khác"},
    "measure_type": {"en": "Measure type", "vi": "Loại số liệu"},
    "origin_text": {"en": "from the texts (filled)", "vi": "từ văn bản (đặc)"},
    "origin_published": {"en": "published statistics (open)", "vi": "số liệu công bố (rỗng)"},
    # adoption figure
    "observation": {"en": "observation", "vi": "quan sát"},
    "approximate": {
        "en": "approximate (nearly, over, about)",
        "vi": "xấp xỉ (gần, hơn, khoảng)",
    },
    "range": {"en": "range (low–high)", "vi": "khoảng giá trị (thấp–cao)"},
    "fitted_curve": {"en": "fitted curve", "vi": "đường ước lượng"},
    "fitted_curve_styles": {
        "en": "fitted curve (in its province's line style)",
        "vi": "đường ước lượng (theo kiểu nét của tỉnh)",
    },
    "not_drawn": {
        "en": "Not drawn (too few observations in every province for a curve)",
        "vi": "Không vẽ (mỗi tỉnh có quá ít quan sát để vẽ đường)",
    },
    "extrapolated": {
        "en": "extrapolated (outside the observed period)",
        "vi": "ngoại suy (ngoài thời kỳ quan sát)",
    },
    "ci_band": {"en": "95% confidence band", "vi": "khoảng tin cậy 95%"},
    "no_curve_n": {
        "en": "no curve ({n} observation)",
        "vi": "không có đường ({n} quan sát)",
    },
    "no_curve_n_plural": {
        "en": "no curve ({n} observations)",
        "vi": "không có đường ({n} quan sát)",
    },
    "no_ci_exact": {
        "en": "exact line through the observations: no interval, not extrapolated",
        "vi": "đường đi qua đúng các quan sát: không có khoảng tin cậy, không ngoại suy",
    },
    "no_curve_boundary": {
        "en": "no curve: a share of 0% or 100% ({n} observations)",
        "vi": "không có đường: tỷ lệ 0% hoặc 100% ({n} quan sát)",
    },
    "no_curve_separation": {
        "en": "no curve: perfect separation ({n} observations)",
        "vi": "không có đường: tách biệt hoàn toàn ({n} quan sát)",
    },
    "no_curve_same_date": {
        "en": "no curve: all observations at one date",
        "vi": "không có đường: mọi quan sát cùng một thời điểm",
    },
    "no_curve_failed": {
        "en": "no curve: the fit failed ({n} observations)",
        "vi": "không có đường: không ước lượng được ({n} quan sát)",
    },
    "no_curve_few": {
        "en": "no curve: fewer than 3 observations",
        "vi": "không có đường: ít hơn 3 quan sát",
    },
    "no_ci": {"en": "no confidence band", "vi": "không có khoảng tin cậy"},
    # gap figure
    "latest_value": {"en": "latest value", "vi": "giá trị mới nhất"},
    "target_value": {"en": "target", "vi": "mục tiêu"},
    "projected_value": {
        "en": "projected at deadline (95% interval)",
        "vi": "dự báo tại hạn (khoảng 95%)",
    },
    "target_by": {
        "en": "target {cmp}{value} by {deadline}",
        "vi": "mục tiêu {cmp}{value} đến {deadline}",
    },
    "no_projection": {"en": "no projection", "vi": "không có dự báo"},
    "rank_targets_left_out": {
        "en": "Rank targets ({n}, e.g. 'in the group of 20') are not percentages and are "
        "not drawn: see gaps.csv (target_unit = rank) and the rank trajectories figure.",
        "vi": "Mục tiêu về thứ hạng ({n}, ví dụ 'thuộc nhóm 20') không phải tỷ lệ nên không "
        "vẽ ở đây: xem gaps.csv (target_unit = rank) và hình quỹ đạo thứ hạng.",
    },
    "scope_national": {"en": "national", "vi": "quốc gia"},
    "scope_provincial": {"en": "provincial", "vi": "cấp tỉnh"},
    # progress classes (gaps.classification)
    "class_target_met": {"en": "target met", "vi": "đã đạt mục tiêu"},
    "class_on_track": {"en": "on track", "vi": "đúng tiến độ"},
    "class_acceleration_needed": {"en": "acceleration needed", "vi": "cần tăng tốc"},
    "class_limited_progress": {"en": "limited progress", "vi": "tiến bộ hạn chế"},
    "class_moving_away": {"en": "moving away", "vi": "đi ngược mục tiêu"},
    "class_insufficient_data": {"en": "insufficient data", "vi": "không đủ dữ liệu"},
    "class_not_assessed": {"en": "not assessed", "vi": "chưa đánh giá"},
    "class_not_applicable": {"en": "not applicable", "vi": "không áp dụng"},
    "class_target_not_met": {"en": "target not met", "vi": "chưa đạt mục tiêu"},
    "class_stagnation_or_regression": {
        "en": "stagnation or regression",
        "vi": "đình trệ hoặc thụt lùi",
    },
    "class_projected_to_meet_target": {
        "en": "projected to meet target",
        "vi": "dự báo đạt mục tiêu",
    },
    "class_projected_to_miss_target": {
        "en": "projected to miss target",
        "vi": "dự báo không đạt mục tiêu",
    },
    "class_interval_includes_the_target": {
        "en": "interval includes the target",
        "vi": "khoảng tin cậy chứa mục tiêu",
    },
    # audit figure
    "audit_expected": {"en": "implied / expected", "vi": "suy ra / kỳ vọng"},
    "audit_observed": {"en": "stated", "vi": "công bố"},
    "audit_interval": {"en": "interval", "vi": "khoảng giá trị"},
    "audit_vs_implied": {
        "en": "vs the denominator implied by {x}",
        "vi": "so với mẫu số suy ra từ {x}",
    },
    "audit_vs_stated": {
        "en": "vs the denominator stated by {x}",
        "vi": "so với mẫu số nêu trong {x}",
    },
    "audit_vs": {"en": "vs {x}", "vi": "so với {x}"},
    "denominators_table": {
        "en": "denominators: dtanalysis denominators.csv",
        "vi": "mẫu số: bảng denominators.csv của dtanalysis",
    },
    "audit_none": {
        "en": "no contradictions or warnings in the sources",
        "vi": "không có mâu thuẫn hay cảnh báo trong nguồn",
    },
    "verdict_ok": {"en": "consistent", "vi": "nhất quán"},
    "verdict_info": {"en": "note", "vi": "ghi chú"},
    "verdict_warning": {"en": "warning", "vi": "cảnh báo"},
    "verdict_contradiction": {"en": "contradiction", "vi": "mâu thuẫn"},
    "check_percent_vs_ratio": {
        "en": "stated percentage vs its own numerator/denominator",
        "vi": "tỷ lệ công bố so với tử số/mẫu số của chính nó",
    },
    "check_implied_denominator": {
        "en": "denominators implied by the shares vs other denominators",
        "vi": "mẫu số suy ra từ tỷ lệ so với các mẫu số khác",
    },
    "check_conflict": {
        "en": "two different values for one period",
        "vi": "hai giá trị khác nhau cho một kỳ",
    },
    "check_duplicate": {
        "en": "the same value reported twice",
        "vi": "cùng một giá trị được báo cáo hai lần",
    },
    "check_range": {"en": "outside the possible range", "vi": "ngoài khoảng giá trị có thể"},
    "check_override_unmatched": {
        "en": "override that matches no figure",
        "vi": "hiệu chỉnh không khớp số liệu nào",
    },
    "check_stated_vs_implied": {
        "en": "stated vs implied percentage",
        "vi": "tỷ lệ công bố so với tỷ lệ suy ra",
    },
    "check_competing_denominators": {
        "en": "competing denominators",
        "vi": "mẫu số khác nhau",
    },
    "check_value": {"en": "Value", "vi": "Giá trị"},
    "check_published_conflict": {
        "en": "two published values of one fact",
        "vi": "hai giá trị công bố cho cùng một số liệu",
    },
    "check_text_vs_published": {
        "en": "text figure vs published statistics",
        "vi": "số liệu văn bản so với số liệu công bố",
    },
    "check_period_after_document": {
        "en": "period ends after its document",
        "vi": "kỳ số liệu kết thúc sau ngày văn bản",
    },
    "published_observations": {
        "en": "published statistics, dtanalysis data/observations",
        "vi": "số liệu công bố, thư mục data/observations của dtanalysis",
    },
    # rank figures
    "rank_percentile_axis": {
        "en": "Rank percentile (0% = first)",
        "vi": "Phân vị thứ hạng (0% = đứng đầu)",
    },
    "rank_comparable": {"en": "comparable step", "vi": "bước so sánh được"},
    "rank_break": {
        "en": "not comparable (method, set, period)",
        "vi": "không so sánh được (phương pháp, tập, kỳ)",
    },
    "method_break": {"en": "method changed", "vi": "đổi phương pháp"},
    "rank_set_change": {
        "en": "ranked set 63 → 34",
        "vi": "tập xếp hạng 63 → 34",
    },
    "unit_2025_legend": {
        "en": "2025 unit (of 34)",
        "vi": "đơn vị sau sáp nhập (trong 34)",
    },
    "unit_2025_short": {"en": "(2025 unit)", "vi": "(sau sáp nhập)"},
    "dti_ranking": {"en": "DTI {year} ranking", "vi": "bảng xếp hạng DTI {year}"},
    "rank_axis": {
        "en": "DTI {year} rank (1 = best, of {n})",
        "vi": "Thứ hạng DTI {year} (1 = cao nhất, trong {n})",
    },
    "dti_distribution_title": {
        "en": "DTI {year}: {n} provinces ranked (dashed lines: quartiles)",
        "vi": "DTI {year}: {n} tỉnh, thành phố được xếp hạng (nét đứt: tứ phân vị)",
    },
}

# aliases of class and check codes produced by other modules -> translation keys
_CLASS_ALIASES = {
    "met": "target_met",
    "achieved": "target_met",
    "target_achieved": "target_met",
    "substantial_progress": "on_track",
    "moderate_progress": "acceleration_needed",
    "accelerate": "acceleration_needed",
    "limited": "limited_progress",
    "marginal_progress": "limited_progress",
    "regression": "moving_away",
    "deterioration": "moving_away",
    "reverse": "moving_away",
    "moving_away_from_target": "moving_away",
    "insufficient": "insufficient_data",
    "not_enough_data": "insufficient_data",
    "no_data": "insufficient_data",
    "unknown": "not_assessed",
    "": "not_assessed",
}
_CHECK_ALIASES = {
    "stated_vs_implied_percent": "stated_vs_implied",
    "competing_denominator": "competing_denominators",
    "duplicates": "duplicate",
}


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise PlotInputError(f"lang={lang!r}: must be one of {', '.join(LANGUAGES)}")
    return lang


def tr(key: str, lang: str = "en", **fields: Any) -> str:
    """Return the fixed string `key` in `lang`, NFC-normalised and formatted.

    Parameters
    ----------
    key : str
        A key of :data:`TRANSLATIONS`.
    lang : {"en", "vi"}
        Language.
    **fields
        Values substituted with :meth:`str.format`.

    Returns
    -------
    str

    Raises
    ------
    PlotInputError
        For an unknown language.
    KeyError
        For an unknown key (a bug, not a user error).

    Examples
    --------
    >>> tr("class_on_track", "vi")
    'đúng tiến độ'
    """
    _check_lang(lang)
    text = TRANSLATIONS[key][lang]
    if fields:
        text = text.format(**fields)
    return nfc(text)


def _code(value: Any) -> str:
    return nfc(value).strip().lower().replace("-", "_").replace(" ", "_")


def classification_label(code: Any, lang: str = "en") -> str:
    """Translate a progress classification (e.g. ``"on_track"``, ``"on track"``).

    A parenthetical part is translated on its own (``"projected to miss target
    (interval includes the target)"``). Unknown codes are shown as they are, with
    underscores replaced by spaces.
    """
    text = nfc(code).strip()
    if text.endswith(")") and " (" in text:
        head, _, tail = text[:-1].partition(" (")
        return f"{classification_label(head, lang)} ({classification_label(tail, lang)})"
    key = _code(text)
    key = _CLASS_ALIASES.get(key, key)
    if f"class_{key}" in TRANSLATIONS:
        return tr(f"class_{key}", lang)
    return nfc(code).replace("_", " ")


def verdict_label(code: Any, lang: str = "en") -> str:
    """Translate an audit verdict (ok, info, warning, contradiction)."""
    key = _code(code)
    if f"verdict_{key}" in TRANSLATIONS:
        return tr(f"verdict_{key}", lang)
    return nfc(code).replace("_", " ")


def check_label(code: Any, lang: str = "en") -> str:
    """Translate an audit check code; unknown codes are shown with spaces."""
    key = _code(code)
    key = _CHECK_ALIASES.get(key, key)
    if f"check_{key}" in TRANSLATIONS:
        return tr(f"check_{key}", lang)
    return nfc(code).replace("_", " ")


def missing_glyphs(texts: Iterable[str], family: str = FONT_FAMILY) -> set[str]:
    """Return the characters of `texts` that the font `family` cannot draw.

    Parameters
    ----------
    texts : iterable of str
        Labels to check (NFC-normalised before the check).
    family : str
        Font family resolved with matplotlib's font manager.

    Returns
    -------
    set of str
        Characters without a glyph (empty when every character is covered).
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    charmap = FT2Font(path).get_charmap()
    missing: set[str] = set()
    for text in texts:
        for char in nfc(text):
            if char in "\n\r\t":
                continue
            if ord(char) not in charmap:
                missing.add(char)
    return missing


# ---------------------------------------------------------------------------
# Provinces
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceStyle:
    """How one province is drawn in every figure.

    Attributes
    ----------
    color : str
        Hex colour (Okabe--Ito).
    marker : str
        matplotlib marker.
    linestyle : str or tuple
        matplotlib line style.
    """

    color: str
    marker: str
    linestyle: Any

    def line_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Axes.plot`` (colour, marker, line style)."""
        return {"color": self.color, "marker": self.marker, "linestyle": self.linestyle}


# Okabe & Ito (2008), "Color Universal Design"; yellow (#F0E442) is left out: too
# light on white paper.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

#: The study provinces, keyed by pre-2025 GSO code, in display order.
STUDY_PROVINCES: dict[str, str] = {"91": "Kiên Giang", "96": "Cà Mau", "30": "Hải Dương"}

_FIXED_STYLES: dict[str, ProvinceStyle] = {
    "91": ProvinceStyle(OKABE_ITO["blue"], "o", "-"),
    "96": ProvinceStyle(OKABE_ITO["vermillion"], "s", "--"),
    "30": ProvinceStyle(OKABE_ITO["bluish_green"], "^", "-."),
    # their 2025 partners (An Giang, Bạc Liêu, Hải Phòng): fixed too, so that the six
    # units of the rank figures never share a colour
    "89": ProvinceStyle(OKABE_ITO["sky_blue"], "D", (0, (1, 2))),
    "95": ProvinceStyle(OKABE_ITO["orange"], "v", ":"),
    "31": ProvinceStyle(OKABE_ITO["black"], "P", (0, (8, 2))),
}

#: The six units of the rank figures: the study provinces and their 2025 partners
#: (pre-2025 codes), in display order, grouped by the 2025 unit they formed.
RANK_UNITS: dict[str, str] = {
    "91": "Kiên Giang",
    "89": "An Giang",
    "96": "Cà Mau",
    "95": "Bạc Liêu",
    "30": "Hải Dương",
    "31": "Hải Phòng",
}
_EXTRA_COLORS = (
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["black"],
)
_EXTRA_MARKERS = ("D", "v", "P", "X", "<", ">", "h")
_EXTRA_LINESTYLES = (":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 2)), (0, (8, 2)))


def normalize_province_id(value: Any) -> str:
    """Return a province code as a two-digit string (``91``, ``"91"``, ``91.0`` → ``"91"``).

    Empty values give ``""``; non-numeric codes are returned NFC-normalised.
    """
    text = nfc(value).strip()
    if not text:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer():
        return f"{int(number):02d}"
    return text


def province_style(province_id: Any) -> ProvinceStyle:
    """Return the fixed style of a province.

    Kiên Giang (91), Cà Mau (96) and Hải Dương (30), and their 2025 partners An Giang
    (89), Bạc Liêu (95) and Hải Phòng (31), have reserved colours, markers
    and line styles. Any other province gets a colour, marker and line style derived
    from its code alone (a SHA-256 of the code), so it is drawn the same in every
    figure whatever other provinces are present.

    Parameters
    ----------
    province_id : str or int
        Pre-2025 GSO province code.

    Returns
    -------
    ProvinceStyle
    """
    pid = normalize_province_id(province_id)
    if pid in _FIXED_STYLES:
        return _FIXED_STYLES[pid]
    digest = hashlib.sha256(pid.encode("utf-8")).digest()
    return ProvinceStyle(
        _EXTRA_COLORS[digest[0] % len(_EXTRA_COLORS)],
        _EXTRA_MARKERS[digest[1] % len(_EXTRA_MARKERS)],
        _EXTRA_LINESTYLES[digest[2] % len(_EXTRA_LINESTYLES)],
    )


# Vietnamese alphabet order; tones are a secondary key.
_VI_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_VI_RANK = {letter: i for i, letter in enumerate(_VI_ALPHABET)}
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}  # huyền hỏi ngã sắc nặng
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn (part of the letter)


def vietnamese_sort_key(text: Any) -> tuple:
    """Sort key following the Vietnamese alphabet (a ă â b c d đ e ê ...).

    Code-point order puts "Đắk Lắk" after "Thừa Thiên Huế" (Đ is U+0110); this key puts
    it right after the D names, and orders tones (none, huyền, hỏi, ngã, sắc, nặng) as a
    secondary key.

    Parameters
    ----------
    text : str

    Returns
    -------
    tuple
        A key usable with :func:`sorted`.
    """
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in nfc(text).lower():
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        tone = 1
        for mark in decomposed[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _BASE_MARKS:
                base += mark
        letter = unicodedata.normalize("NFC", base)
        if letter in _VI_RANK:
            primary.append((1, _VI_RANK[letter]))
        elif letter.isspace():
            primary.append((0, 0))
        else:
            primary.append((2, ord(letter)))
        tones.append(tone)
    return (tuple(primary), tuple(tones))


def province_order(
    province_ids: Iterable[Any], names: Mapping[str, str] | None = None
) -> list[str]:
    """Return province codes in display order.

    The study provinces come first (Kiên Giang, Cà Mau, Hải Dương), then the others in
    Vietnamese alphabetical order of their names (codes when no name is known).

    Parameters
    ----------
    province_ids : iterable
        Codes to order (duplicates and empty codes are dropped).
    names : mapping, optional
        Code → name for the non-study provinces.

    Returns
    -------
    list of str
    """
    names = dict(names or {})
    ids = {normalize_province_id(p) for p in province_ids}
    ids.discard("")
    study = [p for p in STUDY_PROVINCES if p in ids]
    others = sorted(
        (p for p in ids if p not in STUDY_PROVINCES),
        key=lambda p: (vietnamese_sort_key(names.get(p, p)), p),
    )
    return study + others


# ---------------------------------------------------------------------------
# Theme
# ---------------------------------------------------------------------------


def rc_params() -> dict[str, Any]:
    """Return the matplotlib rcParams of the dtanalysis theme.

    Returns
    -------
    dict
        Suitable for ``matplotlib.rc_context`` or ``rcParams.update``.
    """
    from cycler import cycler

    colors = [s.color for s in _FIXED_STYLES.values()] + list(_EXTRA_COLORS)
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY],
        "font.size": BASE_FONT_SIZE,
        "axes.titlesize": BASE_FONT_SIZE + 1,
        "axes.labelsize": BASE_FONT_SIZE,
        "xtick.labelsize": BASE_FONT_SIZE - 0.5,
        "ytick.labelsize": BASE_FONT_SIZE - 0.5,
        "legend.fontsize": BASE_FONT_SIZE - 0.5,
        "legend.title_fontsize": BASE_FONT_SIZE,
        "figure.titlesize": BASE_FONT_SIZE + 2,
        "axes.linewidth": 0.6,
        "axes.edgecolor": "#333333",
        "axes.labelcolor": "#000000",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "axes.prop_cycle": cycler(color=colors),
        "grid.linewidth": 0.4,
        "grid.color": "#d9d9d9",
        "lines.linewidth": 1.0,
        "lines.markersize": 4.0,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "xtick.major.size": 3.0,
        "ytick.major.size": 3.0,
        "legend.frameon": False,
        "figure.figsize": (SINGLE_COLUMN, SINGLE_COLUMN * 0.75),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.dpi": 300,
        "savefig.facecolor": "white",
        "savefig.bbox": None,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "pdf.compression": 6,
        "svg.fonttype": "path",
        "svg.hashsalt": SVG_HASHSALT,
        "image.cmap": "cividis",
        "axes.unicode_minus": True,
        "date.converter": "concise",
    }


def set_theme() -> None:
    """Apply the dtanalysis theme globally (matplotlib rcParams, :func:`rc_params`).

    Use :func:`theme` instead to apply it only inside a ``with`` block. The figure
    functions of :mod:`dtanalysis.plots` apply the theme themselves, so calling this is
    only needed for figures drawn by hand (with matplotlib, or with any library drawing
    on it, which then picks up the theme's font, sizes and province colour cycle).
    """
    import matplotlib as mpl

    mpl.rcParams.update(rc_params())


@contextlib.contextmanager
def theme() -> Iterator[None]:
    """Context manager applying the dtanalysis theme inside a ``with`` block.

    Examples
    --------
    >>> from dtanalysis.plots import theme
    >>> with theme():
    ...     pass  # draw here
    """
    import matplotlib as mpl

    with mpl.rc_context(rc_params()):
        yield


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

_METADATA = {
    "pdf": {"Creator": "dtanalysis", "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": "dtanalysis", "Date": None},
    "png": {"Software": None},
}


def save_figure(
    fig: Any,
    name: str,
    *,
    directory: str | os.PathLike[str] | None = None,
    formats: Sequence[str] = ("pdf", "svg", "png"),
    dpi: int = 300,
) -> list[Path]:
    """Write `fig` as ``DIRECTORY/NAME.pdf``, ``.svg`` and ``.png``, byte-reproducibly.

    The files carry no creation date and no software version, SVG element ids come
    from a fixed salt and PDF fonts are embedded as TrueType (``pdf.fonttype = 42``,
    never Type 3), so rebuilding the same figure gives byte-identical files. PNG bytes
    depend on the FreeType build shipped with matplotlib, so they are identical on one
    installation, not necessarily across installations.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    name : str
        File stem, e.g. ``"adoption_en"`` (no folder, no extension).
    directory : path-like, optional
        Output folder (default :func:`dtanalysis.paths.figures_dir`); created if needed.
    formats : sequence of {"pdf", "svg", "png"}
        Formats to write.
    dpi : int
        Resolution of raster output (PNG, and images embedded in PDF/SVG).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of `formats`.

    Raises
    ------
    PlotInputError
        For an empty or path-like name or an unsupported format.
    """
    stem = nfc(name).strip()
    if not stem or "/" in stem or "\\" in stem or stem.startswith("."):
        raise PlotInputError(
            f"save_figure: invalid figure name {name!r} (a bare file stem is expected)"
        )
    unknown = [f for f in formats if f not in _METADATA]
    if unknown:
        raise PlotInputError(
            f"save_figure: unsupported format(s) {unknown} for {stem!r}; use pdf, svg, png"
        )
    if directory is None:
        from ..paths import figures_dir

        directory = figures_dir()
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with theme():
        for fmt in formats:
            path = out_dir / f"{stem}.{fmt}"
            with _pdf_decimals() if fmt == "pdf" else contextlib.nullcontext():
                fig.savefig(path, format=fmt, dpi=dpi, metadata=dict(_METADATA[fmt]))
            if fmt == "svg":
                _renumber_svg_clip_ids(path)
            written.append(path)
    return written


#: Decimals of the numbers in PDF files (a millionth of a point).
PDF_DECIMALS = 6


@contextlib.contextmanager
def _pdf_decimals(decimals: int = PDF_DECIMALS) -> Iterator[None]:
    """Write PDF numbers with ``decimals`` decimals while the block runs.

    matplotlib's PDF writer prints every float with 10 decimals (``backend_pdf.pdfRepr``,
    which also serialises lists and dictionaries through the module's own name). The
    positions that constrained layout computes carry float noise near the 13th
    significant digit that differs from one process to the next, and a value lying
    close to a rounding boundary then flips its 10th decimal (a clip rectangle 119.7241823437
    or ...438 points high): the same figure gave two files. At 6 decimals the noise is
    about a hundred thousand times smaller than the last digit written. A rounded zero
    is written "0" (never "-0").
    """
    import numpy as np
    from matplotlib.backends import backend_pdf

    original = backend_pdf.pdfRepr

    def pdf_repr(obj: Any) -> Any:
        if isinstance(obj, float | np.floating) and not hasattr(obj, "pdfRepr"):
            if not np.isfinite(obj):
                raise ValueError("Can only output finite numbers in PDF")
            r = (b"%.*f" % (decimals, obj)).rstrip(b"0").rstrip(b".")
            return b"0" if r in (b"-0", b"") else r
        return original(obj)

    backend_pdf.pdfRepr = pdf_repr
    try:
        yield
    finally:
        backend_pdf.pdfRepr = original


_SVG_CLIP_ID = re.compile(r'(id="|url\(#)(p[0-9a-f]{6,})(?=[")])')


def _renumber_svg_clip_ids(path: Path) -> None:
    """Rename the SVG clip-path ids to ``clip1``, ``clip2``, ... in order of first use.

    matplotlib names a clip path ``p<hash of the clip rectangle>``; the rectangle carries
    float noise that differs between processes (text metrics depend on what the process
    drew before), so the hash does too although the drawing is the same. Sequential ids
    make the file independent of that noise.
    """
    text = path.read_text(encoding="utf-8")
    ids: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        new = ids.setdefault(match.group(2), f"clip{len(ids) + 1}")
        return f"{match.group(1)}{new}"

    path.write_text(_SVG_CLIP_ID.sub(rename, text), encoding="utf-8", newline="\n")
