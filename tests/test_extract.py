"""extract_figures / extract_paths / extract_corpus and provinces (issue 3, section 4)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from _rawtexts import raw_texts

from dtanalysis.extract import (
    FIGURE_COLUMNS,
    MENTION_COLUMNS,
    extract_corpus,
    extract_figures,
    extract_paths,
    mentions_frame,
)
from dtanalysis.provinces import canonical_province, detect_provinces, load_provinces


# ------------------------------------------------------------------ provinces
def test_63_provinces_with_gso_codes():
    ps = load_provinces()
    assert len(ps) == 63
    assert len({p.province_id for p in ps}) == 63
    codes = {p.name: p.province_id for p in ps}
    assert (codes["Hải Dương"], codes["Kiên Giang"], codes["Cà Mau"], codes["Hà Nội"]) == (
        "30",
        "91",
        "96",
        "01",
    )
    assert all(len(p.province_id) == 2 and p.province_id.isdigit() for p in ps)
    assert all(p.status == "secondary" and "VietnamProvinces" in p.source for p in ps)


def test_province_codes_cite_the_checked_file_row_by_row():
    # each code was checked against ProvinceCode in the VietnamProvinces library's
    # pre-2025 module; the source names the file and that row's enum member
    for p in load_provinces():
        assert "sunshine-tech/VietnamProvinces, vietnam_provinces/legacy/codes.py" in p.source
        assert f"ProvinceCode.P_{p.province_id} = " in p.source
        listed = p.source.split(f"P_{p.province_id} = '")[1].split("'")[0]
        assert canonical_province(listed) == (p.province_id, p.name), listed


@pytest.mark.parametrize(
    "name, pid",
    [
        ("Kien Giang", "91"),
        ("tỉnh Cà Mau", "96"),
        ("HẢI DƯƠNG", "30"),
        ("TP.HCM", "79"),
        ("Khánh Hoà", "56"),
        ("thành phố Cần Thơ", "92"),
        ("Thừa Thiên - Huế", "46"),
        ("Đăk Lăk", "66"),
    ],
)
def test_canonical_province(name, pid):
    assert canonical_province(name)[0] == pid


def test_canonical_province_unknown():
    assert canonical_province("Paris") is None
    assert canonical_province("") is None


def test_detect_provinces_boundaries_and_case():
    text = (
        "Kiên Giang và An Giang; Hà Nam khác Hà Nội; Tp Cà Mau, thành phố Cà Mau; "
        "hòa bình và thái bình; KIÊN GIANG; Kien Giang; TP. Hồ Chí Minh; Chủ tịch Hồ Chí Minh; "
        "đường Điện Biên Phủ"
    )
    found = [(pid, text[s:e]) for pid, _, s, e in detect_provinces(text)]
    assert found == [
        ("91", "Kiên Giang"),
        ("89", "An Giang"),
        ("35", "Hà Nam"),
        ("01", "Hà Nội"),
        ("96", "Cà Mau"),
        ("96", "Cà Mau"),
        ("91", "KIÊN GIANG"),
        ("91", "Kien Giang"),
        ("79", "TP. Hồ Chí Minh"),
    ]


# ------------------------------------------------------------------ figures
TEXT = (
    "Tỉnh Kiên Giang đạt 88,03% hồ sơ. Cà Mau có hơn 19.580 chữ ký số.\n"
    "Trong đó 2.337 hồ sơ (70,6%) trả qua VNeID, ngày 13/5."
)


def test_extract_figures_columns_raw_and_offsets():
    df = extract_figures(TEXT, "doc1")
    assert tuple(df.columns) == FIGURE_COLUMNS
    assert list(df["raw"]) == ["88,03%", "hơn 19.580", "2.337", "70,6%"]
    for _, r in df.iterrows():
        assert TEXT[r.start : r.end] == r.raw
        assert TEXT[r.sentence_start : r.sentence_end] == r.sentence
        assert r.figure_id == f"doc1:{r.start}-{r.end}"
    assert list(df["value"]) == [88.03, 19580.0, 2337.0, 70.6]
    assert list(df["qualifier"].fillna("")) == ["", "over", "", ""]


def test_province_sentence_then_document_then_default():
    df = extract_figures(TEXT, "doc1")
    assert list(df["province"]) == ["Kiên Giang", "Cà Mau", "Kiên Giang", "Kiên Giang"]
    assert list(df["province_basis"]) == ["sentence", "sentence", "document", "document"]
    assert list(df["province_id"]) == ["91", "96", "91", "91"]
    df = extract_figures("Đạt 50% hồ sơ.", "x", default_province="kien giang")
    assert (df.loc[0, "province"], df.loc[0, "province_id"], df.loc[0, "province_basis"]) == (
        "Kiên Giang",
        "91",
        "default",
    )
    df = extract_figures("Đạt 50% hồ sơ.", "x")
    assert df.loc[0, "province"] == "" and df.loc[0, "province_basis"] == ""


def test_dominant_province_of_document():
    text = "Hà Nội, Cà Mau, Cà Mau.\nĐạt 50%."
    df = extract_figures(text, "d")
    assert df.loc[0, "province"] == "Cà Mau"


def test_ratio_numerator_column():
    df = extract_figures("đạt 103/117 mẫu", "d")
    assert (df.loc[0, "numerator"], df.loc[0, "denominator"], df.loc[0, "unit"]) == (
        103.0,
        117.0,
        "ratio",
    )


def test_mentions_frame_kinds():
    df = mentions_frame(TEXT, "doc1")
    assert tuple(df.columns) == MENTION_COLUMNS
    assert list(df["kind"]) == ["figure", "figure", "figure", "figure", "date"]


def test_corpus_every_figure_has_a_province():
    for name, text in raw_texts().items():
        df = extract_figures(text, name)
        assert len(df) > 0
        assert (df["province"] != "").all()
        assert set(df["province_id"]) <= {"91", "96", "30"}


# ------------------------------------------------------------------ batches
@dataclass
class Doc:
    doc_id: str
    file: str
    text: str
    province: str = ""


def test_extract_corpus_and_failures():
    docs = [Doc("a", "a.txt", TEXT), Doc("b", "b.txt", "Đề án 06 ngày 13/5.", "Cà Mau")]
    res = extract_corpus(docs)
    assert set(res.figures["doc_id"]) == {"a"}
    assert [f.level for f in res.failures] == ["warning"]
    assert "b.txt" in res.failures[0].message and "no figures" in res.failures[0].message
    assert list(res.mentions["doc_id"]).count("b") == 2


def test_extract_paths_batch_with_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"ab\x00cd")
    (tmp_path / "bad.txt").write_bytes(b"abc \xff 12")
    (tmp_path / "nofig.txt").write_text("Ngày 13/5 họp Đề án 06.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "more.txt").write_text("Đạt 50%.", encoding="utf-8")
    (tmp_path / "note.md").write_text("99%", encoding="utf-8")
    res = extract_paths([tmp_path, tmp_path / "missing.txt"])
    assert sorted(set(res.figures["doc_id"])) == ["good.txt", "more.txt"]
    levels = {f.file.rsplit("/", 1)[-1]: f.level for f in res.failures}
    assert levels == {
        "missing.txt": "error",
        "binary.txt": "error",
        "empty.txt": "error",
        "bad.txt": "error",
        "nofig.txt": "warning",
    }
    bad = next(f for f in res.failures if f.file.endswith("bad.txt"))
    assert "byte offset 4" in bad.message
    # deterministic ordering
    assert list(res.figures["doc_id"]) == sorted(res.figures["doc_id"])


def test_extract_paths_empty_folder_is_an_error(tmp_path):
    (tmp_path / "x.csv").write_text("1,2", encoding="utf-8")
    res = extract_paths([tmp_path])
    assert len(res.figures) == 0
    assert [f.level for f in res.failures] == ["error"]
    assert str(tmp_path) in res.failures[0].message and "no text files" in res.failures[0].message


def test_extract_paths_same_name_in_two_folders(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "t.txt").write_text("Đạt 50%.", encoding="utf-8")
    res = extract_paths([tmp_path])
    assert res.figures["doc_id"].nunique() == 2


def test_cp1258_batch(tmp_path):
    (tmp_path / "w.txt").write_bytes("Ca\u0300 Mau đa\u0323t 50%".encode("cp1258"))
    res = extract_paths([tmp_path], encoding="cp1258")
    assert res.figures.loc[0, "province"] == "Cà Mau"
    assert res.figures.loc[0, "raw"] == "50%"


def _detect_reference(text):
    """detect_provinces as one plain alternation of all aliases, longest first."""
    import re

    from dtanalysis.provinces import _matcher

    by_alias = _matcher()[1]
    alts = sorted(by_alias, key=lambda a: (-len(a), a))
    rx = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)(?! Phủ)(?!-\w)"
    )
    return [
        (by_alias[m.group(0)].province_id, by_alias[m.group(0)].name, m.start(), m.end())
        for m in rx.finditer(text)
    ]


def test_detect_provinces_equals_plain_alternation_on_corpus():
    for text in raw_texts().values():
        assert detect_provinces(text) == _detect_reference(text)


def test_detect_provinces_equals_plain_alternation_on_generated_text():
    import random

    from dtanalysis.provinces import _matcher

    aliases = sorted(_matcher()[1])
    pieces = [
        *aliases,
        " ",
        "-",
        "x",
        "X",
        "\n",
        " Phủ",
        ",",
        "Đ",
        "tỉnh ",
        "thành phố ",
        "TP.",
        "TP",
        "Hồ Chí Minh",
        "Giang",
        "Kiên",
        "An",
        "Bà Rịa",
        " - ",
        "Vũng Tàu",
        "1",
    ]
    rng = random.Random(20250701)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
        assert detect_provinces(text) == _detect_reference(text), text


def test_lower_initial_aliases_merge_like_one_pattern():
    # "thành phố Hà Nội" is matched apart from the capitalised aliases (speed); the
    # merge must give what one pattern of all aliases gives, overlaps included
    import random

    from dtanalysis.provinces import _lower_initial_matcher, _matcher

    lower_rx, heads = _lower_initial_matcher()
    assert lower_rx is not None and heads == ("thành phố ",)
    assert not _matcher()[0].match("thành phố Hà Nội")
    assert detect_provinces("thành phố Hà Nội") == [("01", "Hà Nội", 0, 16)]
    aliases = sorted(_matcher()[1])
    pieces = [
        *(a for a in aliases if a[0].islower()),
        "Hà Nội",
        "Cần Thơ",
        "Huế",
        "thành phố ",
        "thành phố",
        "thành ",
        "t",
        " ",
        "x",
        "-",
        "\n",
        "Hải Phòng",
        "TP. ",
        "Thành phố ",
        " Phủ",
    ]
    rng = random.Random(20250702)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9)))
        assert detect_provinces(text) == _detect_reference(text), text


# -------------------------------------------------------------- provinces in unseen-style articles
UNSEEN = __import__("pathlib").Path(__file__).parent / "data" / "unseen"


def _unseen(name):
    from dtanalysis.text import read_text

    return read_text(UNSEEN / name)


@pytest.mark.parametrize(
    "name, expected",
    [
        # "Phó Thủ tướng Nguyễn Hòa Bình" is a person; "Đăk Lăk" is Đắk Lắk
        (
            "u04_par_index_sipas_2023.txt",
            [
                "Hà Nội",
                "Hải Phòng",
                "Quảng Ninh",
                "Thành phố Hồ Chí Minh",
                "Thừa Thiên Huế",
                "Bà Rịa - Vũng Tàu",
                "Đồng Nai",
                "Kiên Giang",
                "Đắk Lắk",
                "Bắc Kạn",
                "Đắk Lắk",
            ],
        ),
        # "tỉnh kiên giang" in lower case; "ông Trần Hà Nam" is a person; "Ha Noi" without
        # diacritics
        (
            "u09_tongthuat_dia_phuong.txt",
            [
                "Đắk Lắk",
                "Thừa Thiên Huế",
                "Bà Rịa - Vũng Tàu",
                "Cà Mau",
                "Kiên Giang",
                "Thành phố Hồ Chí Minh",
                "Hà Nội",
                "Hà Nội",
                "Đà Nẵng",
                "Hải Dương",
            ],
        ),
        ("u02_tphcm_kinh_te_2024.txt", ["Thành phố Hồ Chí Minh"] * 4),
        ("u08_haiduong_nong_nghiep_so.txt", ["Hải Dương"] * 4),  # NFD + CRLF file
        ("u06_baochinhphu_bao_cao_cchc.txt", []),
    ],
)
def test_detect_provinces_on_unseen_articles(name, expected):
    assert [n for _, n, _, _ in detect_provinces(_unseen(name))] == expected


def test_lower_case_province_only_after_an_administrative_word():
    text = (
        "theo tỉnh kiên giang, Tỉnh cà mau và thành phố hồ chí minh; TP. cần thơ; "
        "hòa bình và thái bình; tỉnh đã có; thành phố điện biên phủ; TPcà mau; xtỉnh cà mau"
    )
    found = [(pid, text[s:e]) for pid, _, s, e in detect_provinces(text)]
    assert found == [
        ("91", "kiên giang"),
        ("96", "cà mau"),
        ("79", "hồ chí minh"),
        ("92", "cần thơ"),
    ]


def test_province_names_inside_person_names_are_skipped():
    text = (
        "Phó Thủ tướng Nguyễn Hòa Bình, ông Trần Hà Nam và bà Lê Thị Long An; "
        "tỉnh Hòa Bình, Hà Nam."
    )
    found = [(pid, text[s:e]) for pid, _, s, e in detect_provinces(text)]
    assert found == [("17", "Hòa Bình"), ("35", "Hà Nam")]


def test_figures_take_the_province_of_their_sentence_in_unseen_articles():
    text = _unseen("u04_par_index_sipas_2023.txt")
    df = extract_figures(text, "u04").set_index("raw")
    for raw, province in [
        ("91,06%", "Hải Phòng"),
        ("90,88%", "Quảng Ninh"),
        ("thứ 3/63", "Thành phố Hồ Chí Minh"),
        ("84,12%", "Kiên Giang"),
        ("hạng 40 trên 63", "Kiên Giang"),
        ("83,67%", "Đắk Lắk"),
        ("thứ 47", "Đắk Lắk"),
        ("78,49%", "Bắc Kạn"),
    ]:
        assert (df.loc[raw, "province"], df.loc[raw, "province_basis"]) == (province, "sentence"), (
            raw
        )
    # "Theo đó, ... tối thiểu 50%" names no province: its paragraph names only Đắk Lắk
    # ("UBND tỉnh Đăk Lăk cho biết tỉnh sẽ ..."), which it continues
    assert (df.loc["tối thiểu 50%", "province"], df.loc["tối thiểu 50%", "province_basis"]) == (
        "Đắk Lắk",
        "paragraph",
    )
    text = _unseen("u09_tongthuat_dia_phuong.txt")
    df = extract_figures(text, "u09").set_index("raw")
    for raw, province in [
        ("52,4%", "Đắk Lắk"),
        ("khoảng 1,2 triệu", "Thừa Thiên Huế"),
        ("12,3%", "Bà Rịa - Vũng Tàu"),
        ("82/101", "Cà Mau"),
        ("1 250 000", "Kiên Giang"),
        ("1,86 triệu", "Thành phố Hồ Chí Minh"),
        ("2,04 triệu", "Hà Nội"),
        ("78,9%", "Đà Nẵng"),
        ("207", "Hải Dương"),
    ]:
        assert (df.loc[raw, "province"], df.loc[raw, "province_basis"]) == (province, "sentence"), (
            raw
        )
    # the sentence of "120 trạm" names no province (Trần Hà Nam is a person); its paragraph
    # names only Kiên Giang ("tỉnh sẽ tăng thêm" continues it): not the document's
    # most-named province (Hà Nội) in a text that compares nine
    assert (df.loc["120", "province"], df.loc["120", "province_basis"]) == (
        "Kiên Giang", "paragraph")
    for raw, province in [("hơn 15 nghìn", "Đắk Lắk"), ("90 ngày", "Hải Dương"),
                          ("khoảng 200.000", "Hải Dương")]:
        assert (df.loc[raw, "province"], df.loc[raw, "province_basis"]) == (
            province, "paragraph"), raw
