"""Tests for the package reference data (codebook, targets, denominators, 2025 units)."""

from __future__ import annotations

import unicodedata

import pytest

from dtanalysis import reference
from dtanalysis.reference import (
    ReferenceDataError,
    load_admin_units_2025,
    load_codebook,
    load_denominators,
    load_targets,
    parse_cue,
    unit_2025,
)

#: Indicators the issue requires the codebook to cover.
REQUIRED = {
    "adults_online_public_services",
    "adults_digital_signature",
    "adults_bank_account",
    "households_broadband",
    "adults_smartphone",
    "online_services_provided",
    "full_process_services",
    "applications_online_share",
    "online_payment_share",
    "eid_accounts_registered",
    "applications_via_vneid",
    "documents_exchanged_online",
    "documents_signed_share",
    "eoffice_agencies",
    "eoffice_accounts",
    "civil_records_digitised",
    "records_cleaned",
    "community_digital_teams",
    "community_digital_team_members",
    "tasks_completed_national",
    "tasks_completed_provincial",
    "satisfaction_rate",
    "bts_sites",
    "dna_samples_collected",
    "driving_licence_renewals",
}


def test_codebook_covers_required_indicators_and_is_nfc():
    cb = load_codebook()
    assert REQUIRED <= set(cb["indicator_id"])
    assert cb["indicator_id"].is_unique
    assert list(cb["indicator_id"]) == sorted(cb["indicator_id"])
    for text in cb["label_vi"].tolist() + cb["cues_vi"].tolist():
        assert unicodedata.normalize("NFC", text) == text
    assert (cb["source"] != "").all()
    assert cb["ceiling"].between(0, 1000).all()
    assert cb["higher_is_better"].dtype == bool


def test_every_cue_parses():
    cues = reference.codebook_cues()
    assert set(cues) == set(load_codebook()["indicator_id"])
    anchored = [c for cs in cues.values() for c in cs if c["kind"] == "anchored"]
    assert anchored, "the codebook uses anchored cues"


def test_parse_cue_forms():
    assert parse_cue("Mẫu ADN") == {"kind": "plain", "phrase": "mẫu adn"}
    p = parse_cue("văn phòng điện tử ... # tài khoản")
    assert (p["segment_before"], p["clause_before"], p["after"]) == (
        "văn phòng điện tử",
        "",
        "tài khoản",
    )
    p = parse_cue("tổ công nghệ số cộng đồng # xã")
    assert (p["clause_before"], p["after"]) == ("tổ công nghệ số cộng đồng", "xã")
    p = parse_cue("# hộ kinh doanh ... hóa đơn điện tử")
    assert (p["after"], p["segment_after"]) == ("hộ kinh doanh", "hóa đơn điện tử")
    with pytest.raises(ReferenceDataError):
        parse_cue("# a # b")
    with pytest.raises(ReferenceDataError):
        parse_cue("  ")


def test_targets_only_verified_or_secondary_and_reference_codebook():
    t = load_targets()
    assert set(t["status"]) <= {"verified", "secondary"}
    assert set(t["indicator_id"]) <= set(load_codebook()["indicator_id"])
    assert t["target_id"].is_unique
    assert (t["source_document"] != "").all() and (t["quote"] != "").all()
    # the provincial targets stated in the corpus (Kiên Giang, 50% / 50% by 2025)
    kg = t[
        (t["scope"] == "91")
        & t["indicator_id"].isin(["adults_online_public_services", "adults_digital_signature"])
    ]
    assert sorted(kg["value"]) == [50.0, 50.0]
    assert set(kg["deadline"]) == {"2025-12-31"}
    assert kg["source_document"].str.contains("001_e8e96ba8ccdbee9b.txt").all()
    # national 411 targets for adults using DVCTT
    nat = t[(t["scope"] == "national") & (t["indicator_id"] == "adults_online_public_services")]
    assert {(r.comparator, r.value, r.deadline) for r in nat.itertuples()} >= {
        (">", 50.0, "2025-12-31"),
        (">", 70.0, "2030-12-31"),
    }
    # items the notes mark "not verified" are absent (e.g. a 942 satisfaction target of 90%)
    assert not ((t["scope"] == "national") & (t["indicator_id"] == "satisfaction_rate")).any()


def test_corpus_targets_quote_is_in_the_corpus_text():
    from dtanalysis.corpus import load_corpus

    docs = {d.file: d for d in load_corpus()}
    text = next(d.text for d in docs.values() if d.doc_id == "kg-2023-cqs2030")
    t = load_targets().set_index("target_id")
    for tid in ("91-corpus-adults-dvctt-2025", "91-corpus-adults-signature-2025"):
        assert t.loc[tid, "quote"] in text
    assert text[344:484].startswith("tỉnh phấn đấu")


def test_denominators_sourced_and_corpus_span_matches():
    from dtanalysis.corpus import load_corpus

    d = load_denominators()
    assert set(d["status"]) <= {"verified", "secondary"}
    assert (d["source"] != "").all()
    row = d[(d["province_id"] == "91") & (d["quantity"] == "adult_population")]
    assert row["value"].tolist() == [917621.0] and row["year"].tolist() == [2022]
    text = next(x.text for x in load_corpus() if x.doc_id == "kg-2022-thamluan-cchc")
    assert text[3914:3948] == "411.861/917.621 người trưởng thành"
    assert "3914–3948" in row["source"].iloc[0]


def test_admin_units_2025():
    a = load_admin_units_2025().set_index("province_id")
    assert a.loc["91", "province_2025"] == "An Giang"
    assert a.loc["91", "province_2025_id"] == ""  # 91 vs 89 not verified
    assert a.loc["91", "code_status"] == "not verified"
    assert a.loc["96", "province_2025"] == "Cà Mau"
    assert a.loc["30", "province_2025"] == "Hải Phòng"
    assert set(a["effective"]) == {"2025-07-01"}
    assert a["legal_basis"].str.contains("202/2025/QH15").all()
    assert unit_2025("30", "2025-07-01") == ("31", "Hải Phòng")
    assert unit_2025("30", "2025-06-30") == ("", "")
    assert unit_2025("96", "") == ("", "")


def test_invalid_reference_file_names_file(monkeypatch):
    from dtanalysis.tables import table

    broken = "indicator_id\nX\n"
    monkeypatch.setattr(
        reference,
        "read_table",
        lambda name: table(name).read_csv_text(broken, f"dtanalysis/data/{name}.csv"),
    )
    reference._cached.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match="indicators.csv: missing column"):
            load_codebook()
    finally:
        monkeypatch.undo()
        reference._cached.cache_clear()
    assert len(load_codebook()) > 0
