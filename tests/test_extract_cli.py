"""``python -m dtanalysis extract`` and bad input (issue 3, sections 4 and 5)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dtanalysis.cli import main
from dtanalysis.extract import FIGURE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Tỉnh Kiên Giang đạt 88,03% hồ sơ; hơn 19.580 chữ ký số."


def run(argv, capsys):
    code = main(["extract", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_figures_and_mentions(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    out, ments = tmp_path / "f.csv", tmp_path / "m.csv"
    code, _, err = run([src, "--out", out, "--mentions", ments], capsys)
    assert code == 0, err
    df = pd.read_csv(out, dtype={"province_id": str})
    assert tuple(df.columns) == FIGURE_COLUMNS
    assert list(df["raw"]) == ["88,03%", "hơn 19.580"]
    assert list(df["province_id"]) == ["91", "91"]
    assert list(df["doc_id"]) == ["a.txt", "a.txt"]
    m = pd.read_csv(ments)
    assert list(m["kind"]) == ["figure", "figure"]
    assert "extracted 2 figures" in err


def test_output_is_deterministic(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD + "\n1,2 tỷ đồng; 12.345.678.901 đồng", encoding="utf-8")
    run([src, "--out", tmp_path / "1.csv"], capsys)
    run([src, "--out", tmp_path / "2.csv"], capsys)
    b1 = (tmp_path / "1.csv").read_bytes()
    assert b1 == (tmp_path / "2.csv").read_bytes()
    assert b"\r\n" not in b1
    assert b",12345678901," in b1  # 11 significant digits kept exactly
    assert b",1200000000," in b1


def test_stdout_when_no_out(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    code, out, _ = run([src], capsys)
    assert code == 0
    assert out.splitlines()[0].startswith("figure_id,doc_id,file,province")


def test_batch_with_bad_files_still_writes_the_others(tmp_path, capsys):
    d = tmp_path / "texts"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02")
    (d / "bad.txt").write_bytes("Tỉnh ".encode() + b"\xc3\x28")
    out = tmp_path / "f.csv"
    code, _, err = run([d, "--out", out], capsys)
    assert code == 1
    df = pd.read_csv(out)
    assert set(df["doc_id"]) == {"good.txt"}
    lines = err.splitlines()
    assert any("empty.txt" in ln and "empty" in ln for ln in lines)
    assert any("binary.txt" in ln and "binary" in ln for ln in lines)
    assert any("bad.txt" in ln and "byte offset 7" in ln for ln in lines)
    assert "Traceback" not in err
    # failures are listed at the end, in the package's one message format
    assert lines[-1].startswith("dtanalysis extract: error: ")


def test_folder_without_texts(tmp_path, capsys):
    d = tmp_path / "nothing"
    d.mkdir()
    code, _, err = run([d, "--out", tmp_path / "f.csv"], capsys)
    assert code == 1
    assert f"{d}: folder holds no text files" in err


def test_text_without_figures_is_a_warning(tmp_path, capsys):
    src = tmp_path / "nofig.txt"
    src.write_text("Chiều 13/5, UBND tỉnh họp về Đề án 06.", encoding="utf-8")
    code, _, err = run([src, "--out", tmp_path / "f.csv"], capsys)
    assert code == 0
    assert "warning:" in err and "nofig.txt: no figures found" in err
    code, _, err = run([src, "--out", tmp_path / "f.csv", "--strict"], capsys)
    assert code == 1


def test_unknown_encoding_and_usage_errors(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    code, _, err = run([src, "--encoding", "nope"], capsys)
    assert code == 2 and "unknown encoding" in err
    code, _, err = run([], capsys)
    assert code == 2 and "usage" in err


def test_unwritable_output(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run([src, "--out", blocker / "sub" / "f.csv"], capsys)
    assert code == 1 and "cannot write" in err and "Traceback" not in err


def test_cp1258_option(tmp_path, capsys):
    src = tmp_path / "w.txt"
    src.write_bytes("Ca\u0300 Mau đa\u0323t 50%".encode("cp1258"))
    code, _, err = run([src, "--out", tmp_path / "f.csv"], capsys)
    assert code == 1 and "cp1258" in err
    code, _, _ = run([src, "--out", tmp_path / "f.csv", "--encoding", "cp1258"], capsys)
    assert code == 0
    assert pd.read_csv(tmp_path / "f.csv")["province"].tolist() == ["Cà Mau"]


@pytest.mark.parametrize("payload", [b"", b"\x00\x00"])
def test_module_entry_point_no_traceback(tmp_path, payload):
    src = tmp_path / "x.txt"
    src.write_bytes(payload)
    proc = subprocess.run(
        [sys.executable, "-m", "dtanalysis", "extract", str(src), "--out", str(tmp_path / "f.csv")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "x.txt" in proc.stderr


def test_counts_the_texts_read(tmp_path, capsys):
    # issue 11 item 12: one text read is "from 1 text" (not "0"), also when it holds no
    # mention; counts agree in number with their noun
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    code, _, err = run([src, "--out", tmp_path / "f.csv"], capsys)
    assert code == 0 and "from 1 text ->" in err and "1 texts" not in err
    words = tmp_path / "words.txt"
    words.write_text("Không có con số nào.", encoding="utf-8")
    code, _, err = run([words, src, "--out", tmp_path / "f.csv"], capsys)
    assert code == 0 and "from 2 texts" in err


def test_out_naming_a_folder_is_one_error_and_no_success_line(tmp_path, capsys):
    # issue 11 item 12: an error line, a non-zero status and no "extracted ..." line
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "outdir"
    folder.mkdir()
    code, out, err = run([src, "--out", folder], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dtanalysis extract: error: ") and str(folder) in lines[0]
    assert "extracted" not in err and out == ""
    code, _, err = run([src, "--out", tmp_path / "f.csv", "--mentions", folder], capsys)
    assert code == 1 and len(err.splitlines()) == 1 and "extracted" not in err


def test_jobs_give_the_serial_output(tmp_path, capsys):
    # issue 11 item 13: --jobs 2 writes the bytes a serial run writes, in the same order
    d = tmp_path / "texts"
    d.mkdir()
    for i in range(7):
        (d / f"t{i}.txt").write_text(f"Tỉnh Cà Mau đạt {i},5% hồ sơ; {i}.000 tài khoản.\n"
                                     + GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    outs = {}
    for jobs in ("1", "2"):
        f, m = tmp_path / f"f{jobs}.csv", tmp_path / f"m{jobs}.csv"
        code, _, err = run([d, "--out", f, "--mentions", m, "--jobs", jobs], capsys)
        assert code == 1 and "empty.txt" in err
        outs[jobs] = (f.read_bytes(), m.read_bytes(), err.replace(f"f{jobs}.csv", "f.csv"))
    assert outs["1"] == outs["2"]
    assert outs["1"][0].count(b"\n") == 1 + 7 * 4
    code, _, err = run([d, "--jobs", "0"], capsys)
    assert code == 2 and "--jobs" in err


def test_out_inside_the_corpus_folder_is_refused(tmp_path, capsys):
    from dtanalysis import paths

    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    target = paths.raw_dir() / "figures.csv"
    code, _, err = run([src, "--out", target], capsys)
    assert code == 1 and "refusing to write inside the corpus folder" in err
    assert not target.exists()


def test_lookalike_letters_are_a_warning_row_of_the_batch(tmp_path, capsys, recwarn):
    # issue 11 item 5: the fold is said once per file in the batch's own report, also
    # from worker processes (whose Python warnings never reach the parent)
    d = tmp_path / "texts"
    d.mkdir()
    (d / "a.txt").write_text("Tỉnh Cà Mau đạt kh\u043eảng 95% hồ sơ trực tuyến.\n" + GOOD,
                             encoding="utf-8")
    (d / "b.txt").write_text(GOOD, encoding="utf-8")
    errs = {}
    for jobs in ("1", "2"):
        f = tmp_path / f"f{jobs}.csv"
        code, _, err = run([d, "--out", f, "--jobs", jobs], capsys)
        assert code == 0, err
        warned = [line for line in err.splitlines() if "look-alike" in line]
        assert len(warned) == 1 and "a.txt" in warned[0] and "warning" in warned[0], err
        assert "khоảng" in warned[0] or "'о'" in warned[0]
        errs[jobs] = f.read_bytes()
        assert "khoảng 95%" in f.read_text(encoding="utf-8")  # the reading is restored
    assert errs["1"] == errs["2"]
    assert not [w for w in recwarn if "look-alike" in str(w.message)]
    code, _, err = run([d, "--out", tmp_path / "s.csv", "--strict"], capsys)
    assert code == 1 and "look-alike" in err
