"""Decoding and normalisation of raw text (issue 3, section 1 and 5)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtanalysis.errors import DtanalysisError, InputError
from dtanalysis.text import LookalikeWarning, decode_bytes, normalize_text, read_text

VI = "Tỉnh Kiên Giang đạt 88,03% hồ sơ; Đề án 06"


def test_plain_utf8_roundtrip(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(VI.encode("utf-8"))
    assert read_text(p) == VI


def test_utf8_bom_removed(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + VI.encode("utf-8"))
    assert read_text(p) == VI


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_32_with_bom(tmp_path, codec):
    p = tmp_path / "u16.txt"
    data = VI.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
        data = bom + data
    p.write_bytes(data)
    assert read_text(p) == VI


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_says_utf16(tmp_path, codec):
    # issue 11 item 12: not "binary", but what it looks like and what to pass
    p = tmp_path / "nobom.txt"
    p.write_bytes(VI.encode(codec))
    with pytest.raises(InputError) as exc:
        read_text(p)
    msg = str(exc.value)
    assert "nobom.txt" in msg and "binary" not in msg
    assert f"looks like UTF-16 (no byte-order mark); pass --encoding {codec}" in msg
    assert read_text(p, encoding=codec) == VI


def test_nul_bytes_that_are_not_utf16_stay_binary():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"abc\x00\x00\x00\x00\x00\x01\x02\x03defgh\x00")


def test_lookalike_letters_fold_inside_latin_words(tmp_path):
    # issue 11 item 5: "khоảng" with a Cyrillic o (U+043E), "Ηà Nội" with a Greek Eta
    raw = "Tỷ lệ đạt kh\u043eảng 95%, t\u0456nh \u0397à Nội; слово Рабочий"
    with pytest.warns(LookalikeWarning) as rec:
        out = normalize_text(raw, source="a.txt")
    assert out == "Tỷ lệ đạt khoảng 95%, tinh Hà Nội; слово Рабочий"
    assert len(out) == len(raw)  # one character for one: offsets are unchanged
    assert len(rec) == 1 and "a.txt" in str(rec[0].message) and "3 look-alike" in str(
        rec[0].message
    )
    assert normalize_text(out) == out  # idempotent, and no warning the second time
    p = tmp_path / "x.txt"
    p.write_text(raw, encoding="utf-8")
    with pytest.warns(LookalikeWarning, match="x.txt"):
        assert read_text(p) == out


def test_lookalike_fold_restores_the_reading():
    from dtanalysis.reading import extract_mentions

    with pytest.warns(LookalikeWarning):
        text = normalize_text("đạt kh\u043eảng 95%")
    (m,) = extract_mentions(text)
    assert m.raw == "khoảng 95%" and m.quantity.qualifier == "approx"
    assert text[m.start : m.end] == m.raw


def test_non_ascii_decimal_digits_fold_to_ascii_with_a_warning():
    # issue 11 item 3: "٣" (Arabic-Indic three) was silently 3; now folded, and said
    with pytest.warns(LookalikeWarning, match="ARABIC-INDIC DIGIT THREE"):
        assert normalize_text("có \u0663 người, \u0967\u0968 xã") == "có 3 người, 12 xã"


def test_plain_vietnamese_text_gives_no_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert normalize_text(VI) == VI


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt: empty file"):
        read_text(p)


def test_whitespace_only_file_is_empty(tmp_path):
    p = tmp_path / "ws.txt"
    p.write_bytes(b" \r\n\t\xc2\xa0\n")
    with pytest.raises(InputError, match="empty"):
        read_text(p)


def test_binary_file(tmp_path):
    p = tmp_path / "img.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as exc:
        read_text(p)
    msg = str(exc.value)
    assert "img.txt" in msg and "binary" in msg and "byte offset 8" in msg
    assert "\n" not in msg


def test_undecodable_names_file_and_offset(tmp_path):
    p = tmp_path / "bad.txt"
    good = "Tỉnh ".encode()
    p.write_bytes(good + b"\xff\xfe abc")
    with pytest.raises(InputError) as exc:
        read_text(p)
    msg = str(exc.value)
    assert "bad.txt" in msg
    assert f"byte offset {len(good)}" in msg
    assert isinstance(exc.value, DtanalysisError)


def test_cp1258_only_when_asked(tmp_path):
    # Windows-1258 stores tones as combining marks; NFC must recompose them.
    text = "Hải Dương đạt 89,74%, Kiên Giang vượt 91%"
    data = _cp1258(text)
    assert b"\xd2" in data  # U+0309 hook above as a separate (combining) byte
    p = tmp_path / "win.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match="cp1258"):
        read_text(p)
    assert read_text(p, encoding="cp1258") == text


def _cp1258(text: str) -> bytes:
    """Encode like Windows-1258 does: precomposed base letter + combining tone mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            out += unicodedata.normalize("NFC", d[:-1]).encode("cp1258") + d[-1].encode("cp1258")
    return out


def test_unknown_encoding(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"abc 1")
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(p, encoding="no-such-codec")


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_text(tmp_path)


def test_nfd_becomes_nfc():
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    assert normalize_text(nfd) == VI


def test_lookalike_eth_mapped_to_d_stroke():
    assert normalize_text("\u00d0ề án 06 \u00f0ạt") == "Đề án 06 đạt"
    assert normalize_text("\u0189ồng Tháp") == "Đồng Tháp"


def test_nbsp_zwsp_crlf_fullwidth():
    raw = "88,03\u00a0%\u200b\r\nhơn\u202f50\ufeff\r１２％"
    assert normalize_text(raw) == "88,03 %\nhơn 50\n12%"


def test_decode_bytes_names_bytes_when_no_path():
    with pytest.raises(InputError, match="<bytes>: empty"):
        decode_bytes(b"")


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("aăâđêôơưAĐ áàảãạ\u0301\u0300\u0323\u00a0\u200b\r\n0123456789.,%Ð")
        )
    )
)
def test_normalize_idempotent_and_clean(s):
    n = normalize_text(s)
    assert normalize_text(n) == n
    assert unicodedata.is_normalized("NFC", n)
    assert not any(c in n for c in "\r\u00a0\u200b\u00d0")
