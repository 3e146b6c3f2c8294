"""Provinces through districts, towns, wards and web domains (issue 11, item 6)."""
from __future__ import annotations

from importlib.metadata import version
from types import SimpleNamespace

from dtanalysis.extract import extract_corpus, extract_figures
from dtanalysis.places import detect_places, province_of_domain

VAU = f"vietnamadminunits {version('vietnamadminunits')}"


def _one(text: str, **kw):
    df = extract_figures(text, "d", **kw)
    assert len(df) == 1, df[["raw", "province"]]
    return df.iloc[0]


def test_a_district_gives_its_province():
    row = _one("Huyện Thoại Sơn đã cấp 1.250 chữ ký số.")
    assert (row["province"], row["province_id"], row["province_basis"]) == (
        "An Giang", "89", "place")
    assert row["province_evidence"] == f"Huyện Thoại Sơn ({VAU})"


def test_a_provincial_city_and_a_new_ward():
    assert _one("TP. Rạch Giá có 120 điểm Wi-Fi.")["province"] == "Kiên Giang"
    assert _one("TP.Rạch Giá có 120 điểm Wi-Fi.")["province"] == "Kiên Giang"
    # post-2025 ward formed from old wards of one old province (Rạch Giá, Kiên Giang)
    assert _one("Phường Rạch Giá có 120 điểm Wi-Fi.")["province"] == "Kiên Giang"


def test_a_name_used_in_several_provinces_gives_none_and_says_why():
    row = _one("Huyện Châu Thành có 120 điểm Wi-Fi.")
    assert (row["province"], row["province_id"], row["province_basis"]) == ("", "", "")
    assert "units of this name in" in row["province_evidence"]


def test_a_new_ward_formed_across_old_provinces_gives_none():
    p = detect_places("phường Tân Ninh có 5 tổ")
    assert p[0].province_id == "" and "Long An, Tây Ninh" in p[0].reason
    row = _one("Phường Tân Ninh có 120 điểm Wi-Fi.")
    assert row["province_basis"] != "place" and "formed from wards of" in row["province_evidence"]


def test_the_type_word_is_required():
    assert detect_places("Thoại Sơn đạt 90%") == []
    assert _one("Thoại Sơn có 120 điểm Wi-Fi.")["province_basis"] != "place"


def test_a_commune_named_like_a_province_is_not_the_province():
    row = _one("Xã Hòa Bình có 120 điểm Wi-Fi.")
    assert row["province_id"] != "17" and row["province"] != "Hòa Bình"
    # the province itself still counts
    assert _one("Tỉnh Hòa Bình có 120 điểm Wi-Fi.")["province"] == "Hòa Bình"


def test_a_province_named_in_the_sentence_comes_first():
    text = "Tỉnh Kiên Giang có 120 điểm Wi-Fi. Huyện Thoại Sơn có 30 điểm, tỉnh Cà Mau 20."
    df = extract_figures(text, "d")
    assert list(df["province"]) == ["Kiên Giang", "Cà Mau", "Cà Mau"]
    assert list(df["province_basis"]) == ["sentence"] * 3


def test_the_document_place_and_the_domain():
    text = "Huyện Thoại Sơn tổ chức hội nghị.\nKết quả: 1.250 chữ ký số đã cấp."
    row = _one(text)
    assert (row["province"], row["province_basis"]) == ("An Giang", "document_place")
    text = "Kết quả: 1.250 chữ ký số đã cấp.\nNguồn: https://sotttt.angiang.gov.vn/tin/123"
    row = _one(text)
    assert (row["province"], row["province_basis"]) == ("An Giang", "domain")
    assert row["province_evidence"].startswith("angiang.gov.vn")
    # two provinces' domains: unclear, no province
    both = text + " và https://camau.gov.vn"
    assert _one(both)["province_basis"] != "domain"
    assert province_of_domain("mic.gov.vn") is None
    assert province_of_domain("www.hochiminhcity.gov.vn") == ("79", "hochiminhcity.gov.vn")


def test_the_manifest_publisher_domain():
    doc = SimpleNamespace(doc_id="x", file="x.txt", text="Đã cấp 1.250 chữ ký số.",
                          province="", publisher="Cổng TTĐT (https://www.camau.gov.vn)")
    row = extract_corpus([doc]).figures.iloc[0]
    assert (row["province"], row["province_basis"]) == ("Cà Mau", "domain")
    assert "publisher" in row["province_evidence"]
