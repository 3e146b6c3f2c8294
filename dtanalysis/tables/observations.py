"""Declaration of the published-observations table (``data/observations/*.csv``).

Published statistics (the provincial digital-transformation index DTI, the PAR Index,
SIPAS, PAPI, the service index of Quyết định 766/QĐ-TTg, GSO population, a researcher's
own tables) are a second input beside the texts. Each row is one published number for one
unit, indicator and period, with the words it was printed in and the page it was read on.
The table is of kind ``input``: a folder of files that researchers write, read with
:func:`dtanalysis.observations.load_observations` (all files together, ids unique across
them) and added with :func:`dtanalysis.observations.add_observations`.

Units are said explicitly (``unit_kind``):

``province_pre2025``
    one of the 63 provinces before the 1 July 2025 reorganisation, by its GSO code
    (``unit_id``, see ``dtanalysis/data/provinces.csv``) and its name (``unit_name``,
    with or without diacritics, checked against the code);
``unit_2025``
    one of the 34 provincial units from 1 July 2025 (:data:`UNITS_2025`, Nghị quyết
    202/2025/QH15), by name; ``unit_id`` stays empty while the new codes are unverified;
``national``
    the whole country (``unit_id`` ``VN``, ``unit_name`` ``Việt Nam``).
"""

from __future__ import annotations

import re
import unicodedata

from ._layer import Field, RowCheck, Table, other_table
from .reference import STATUSES

#: The 34 provincial units from 1 July 2025 (Nghị quyết 202/2025/QH15 of 12/6/2025,
#: Article 1: 11 units unchanged, 23 formed by merging; names as the resolution gives them,
#: without "tỉnh"/"thành phố"). Each lists the pre-2025 provinces it was formed from.
UNITS_2025: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hà Nội",),
    "Huế": ("Thừa Thiên Huế",),
    "Lai Châu": ("Lai Châu",),
    "Điện Biên": ("Điện Biên",),
    "Sơn La": ("Sơn La",),
    "Lạng Sơn": ("Lạng Sơn",),
    "Quảng Ninh": ("Quảng Ninh",),
    "Thanh Hóa": ("Thanh Hóa",),
    "Nghệ An": ("Nghệ An",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Cao Bằng": ("Cao Bằng",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Hồ Chí Minh": ("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}
UNIT_KINDS = ("province_pre2025", "unit_2025", "national")
SOURCE_KINDS = ("primary", "secondary")
NATIONAL_ID, NATIONAL_NAME = "VN", "Việt Nam"
_OBS_ID = r"^[a-z0-9][a-z0-9_.\-]*$"
_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_UNITS = ("score", "rank", "percent", "count", "ratio")


def fold_name(name: str) -> str:
    """A unit name without case, diacritics, "tỉnh"/"thành phố"/"TP." or hyphen spacing."""
    s = unicodedata.normalize("NFD", str(name).strip().lower()).replace("đ", "d")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = re.sub(r"^(tinh|thanh pho|tp\.?)\s*", "", s)
    return re.sub(r"[\s\-–.]+", " ", s).strip()


_UNITS_2025_FOLDED = {fold_name(n): n for n in UNITS_2025} | {
    "thua thien hue": "Huế",
    "ho chi minh city": "Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
}


def unit_2025_name(name: str) -> str | None:
    """The canonical name of a post-1 July 2025 unit, or None when it is not one of the 34."""
    return _UNITS_2025_FOLDED.get(fold_name(name))


def _codebook():
    return other_table("indicators").set_index("indicator_id")


def _bad_indicator(df):
    return ~df["indicator"].isin(set(_codebook().index))


def _bad_unit_of_measure(df):
    cb = _codebook()
    expected = df["indicator"].map(cb["unit"]).fillna(df["unit"])
    return df["unit"] != expected


def _outside_scale(df):
    cb = _codebook()
    low = df["indicator"].map(cb["scale_min"])
    high = df["indicator"].map(cb["scale_max"])
    return (low.notna() & (df["value"] < low)) | (high.notna() & (df["value"] > high))


def _bad_province(df):
    names = {}
    for pid, name, aliases in other_table("provinces")[["province_id", "name", "aliases"]] \
            .itertuples(index=False):
        for written in (name, *aliases.split("|")):
            names.setdefault(fold_name(written), pid)

    def bad(row) -> bool:
        return names.get(fold_name(row["unit_name"])) != row["unit_id"]

    pre = df["unit_kind"] == "province_pre2025"
    out = pre & False
    if pre.any():
        out[pre] = df[pre].apply(bad, axis=1).astype(bool)
    return out


def _bad_unit_2025(df):
    new = df["unit_kind"] == "unit_2025"
    return new & df["unit_name"].map(lambda n: unit_2025_name(n) is None)


def _bad_national(df):
    nat = df["unit_kind"] == "national"
    return nat & ((df["unit_id"] != NATIONAL_ID) | (df["unit_name"] != NATIONAL_NAME))


def _rank_outside_set(df):
    rank = (df["unit"] == "rank") & df["value"].notna()  # a missing value is reported as such
    size = df["ranked_set_size"].astype("float64")
    value = df["value"]
    return rank & (size.isna() | (value < 1) | (value > size) | (value != value.round()))


OBSERVATIONS = Table(
    "observations",
    "Published observations: one published number per unit, indicator and period, with "
    "the words it was printed in and its page (files data/observations/*.csv)",
    (
        Field(
            "observation_id",
            "string",
            "Identifier of the observation, unique across all "
            "files of data/observations/ (lower-case letters, digits, '_', '-', '.')",
            required=True,
            pattern=_OBS_ID,
            unique=True,
        ),
        Field(
            "unit_kind",
            "string",
            "What the unit is: province_pre2025 (one of the 63 "
            "provinces before 1 July 2025), unit_2025 (one of the 34 units from 1 July 2025, "
            "Nghị quyết 202/2025/QH15) or national",
            required=True,
            enum=UNIT_KINDS,
        ),
        Field(
            "unit_id",
            "string",
            "GSO code of a pre-2025 province (two digits); 'VN' for "
            "national; the new code of a 2025 unit, empty while unverified",
            pattern=r"^(\d{2}|VN)$",
        ),
        Field(
            "unit_name",
            "string",
            "Name of the unit (with diacritics; checked against "
            "unit_id for a pre-2025 province, against the 34 names for a 2025 unit; "
            "'Việt Nam' for national)",
            required=True,
        ),
        Field(
            "indicator",
            "string",
            "Codebook indicator id (dtanalysis/data/indicators.csv)",
            required=True,
        ),
        Field(
            "period_start",
            "date",
            "First day of the period the value refers to (ISO)",
            required=True,
        ),
        Field(
            "period_end",
            "date",
            "Last day of that period (ISO; the census day twice for a point in time)",
            required=True,
        ),
        Field(
            "value",
            "number",
            "The value, in the unit of the codebook indicator (a score on "
            "its scale, a rank position, a percent 0-100, a count)",
            required=True,
        ),
        Field(
            "unit",
            "string",
            "Unit of the value: score, rank, percent, count or ratio; equal "
            "to the codebook unit of the indicator",
            required=True,
            enum=_UNITS,
        ),
        Field(
            "denominator",
            "number",
            "For a share: the count it is a share of, when printed",
            minimum=0,
        ),
        Field(
            "ranked_set_size",
            "integer",
            "For a rank: the number of units ranked (63 "
            "provinces; 34 units in the rankings of the merged units from 2025)",
            minimum=1,
        ),
        Field(
            "value_as_printed",
            "string",
            "The number as printed, a few words around it "
            "(e.g. 'đạt 0,5796 điểm, xếp thứ 32/63'); the package's reader must read the "
            "value back from it unless the value is derived",
            required=True,
        ),
        Field(
            "source_url",
            "string",
            "Address of the page or report read",
            required=True,
            pattern=r"^https?://\S+$",
        ),
        Field(
            "publisher",
            "string",
            "Who published that page (agency, newspaper, site)",
            required=True,
        ),
        Field(
            "published",
            "string",
            "Publication date of the page (ISO, possibly YYYY or "
            "YYYY-MM; empty when the page does not say)",
            pattern=_PARTIAL_DATE,
        ),
        Field("accessed", "date", "Date the page (or its stored copy) was read", required=True),
        Field(
            "source_kind",
            "string",
            "primary (the publisher of the statistic: its own page "
            "or report) or secondary (a restatement: news, another agency's page)",
            required=True,
            enum=SOURCE_KINDS,
        ),
        Field(
            "derivation",
            "string",
            "How the value was computed when the page does not print "
            "it (e.g. '32 in 2022, down 8 places -> 24 in 2021'); empty when printed",
        ),
        Field(
            "status",
            "string",
            "verified (seen on the publisher's own page), secondary "
            "(seen in a restatement) or weak",
            required=True,
            enum=STATUSES,
        ),
        Field("note", "string", "Notes: method breaks, conflicts with other rows, caveats"),
    ),
    kind="input",
    normalize=True,
    row_checks=(
        RowCheck("indicator is not in the codebook", _bad_indicator),
        RowCheck("unit differs from the codebook unit of the indicator", _bad_unit_of_measure),
        RowCheck("value outside the scale of the indicator", _outside_scale),
        RowCheck(
            "unknown pre-2025 province (unit_id is not the GSO code of unit_name)", _bad_province
        ),
        RowCheck(
            "unknown 2025 unit (not one of the 34 units of Nghị quyết 202/2025/QH15)",
            _bad_unit_2025,
        ),
        RowCheck("a national row has unit_id 'VN' and unit_name 'Việt Nam'", _bad_national),
        RowCheck(
            "period_start is after period_end",
            lambda df: (
                (df["period_start"] != "")
                & (df["period_end"] != "")
                & (df["period_start"] > df["period_end"])
            ),
        ),
        RowCheck(
            "a rank needs ranked_set_size and a whole value within 1..ranked_set_size",
            _rank_outside_set,
        ),
        RowCheck(
            "ranked_set_size is given for a value that is not a rank",
            lambda df: (df["unit"] != "rank") & df["ranked_set_size"].notna(),
        ),
        RowCheck(
            "a percent outside 0-100",
            lambda df: (df["unit"] == "percent") & ~df["value"].between(0, 100),
        ),
        RowCheck(
            "status verified needs a primary source (the publisher's own page)",
            lambda df: (df["status"] == "verified") & (df["source_kind"] != "primary"),
        ),
    ),
)
