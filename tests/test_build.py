"""The data build end to end: determinism, traceability, raw data untouched, bad texts."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dtanalysis.build import TABLES, run_build
from dtanalysis.corpus import load_corpus, sha256_file
from dtanalysis.observations import load_observations
from dtanalysis.tables import read_table

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed"


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    raw_before = _digests(RAW)
    outs = []
    for name in ("first", "second"):
        out = tmp_path_factory.mktemp(name)
        result = run_build(RAW, out / "processed", out / "figures", figures=(name == "first"))
        assert not result.errors
        outs.append((out, result))
    assert _digests(RAW) == raw_before, "the build changed data/raw"
    return outs


def test_two_builds_give_byte_identical_tables(two_builds):
    (a, _), (b, _) = two_builds
    assert _digests(a / "processed") == _digests(b / "processed")
    assert set(_digests(a / "processed")) == {f"{t}.csv" for t in TABLES} | {"datapackage.json"}


def test_committed_processed_data_are_what_the_build_writes(two_builds):
    """data/processed in version control is the output of the current code and corpus."""
    (a, _), _ = two_builds
    committed = {k: v for k, v in _digests(PROCESSED).items() if not k.startswith(".")}
    assert committed == _digests(a / "processed"), "run 'make report' and commit data/processed"


def test_build_writes_every_figure_in_both_languages(two_builds):
    (a, result), _ = two_builds
    names = {p.name for p in (a / "figures").iterdir()}
    for stem in ("coverage", "coverage_all", "adoption", "gap_to_target", "audit"):
        for lang in ("en", "vi"):
            for ext in ("pdf", "svg", "png"):
                assert f"{stem}_{lang}.{ext}" in names
    assert sorted(map(Path, result.figures)) == sorted((a / "figures").iterdir())


def test_every_figure_traces_to_its_raw_span_and_every_panel_row_to_figures():
    texts = {d.doc_id: d.text for d in load_corpus(RAW)}
    figures = read_table("figures", PROCESSED)
    for row in figures.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.raw, row.figure_id
        assert texts[row.doc_id][row.sentence_start : row.sentence_end] == row.sentence
    mentions = read_table("mentions", PROCESSED)
    for row in mentions.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.raw
    ids = set(figures["figure_id"])
    panel = read_table("panel", PROCESSED)
    assert len(panel)
    published = load_observations().set_index("observation_id")
    assert (panel["origin"] == "text").any()
    for row in panel.itertuples():
        if row.origin == "text":
            linked = str(row.figure_ids).split(";")
            assert linked and set(linked) <= ids, row
            continue
        # published numbers trace to their row in data/observations/ (and its page)
        linked = row.observation_ids.split(";")
        assert linked and set(linked) <= set(published.index), row
        assert (published.loc[linked, "source_url"] != "").all(), row
        if row.origin == "published":
            assert published.loc[linked[0], "value"] == row.value, row
        else:  # an aggregate is the sum of its parts
            assert published.loc[linked, "value"].sum() == row.value, row
    audit = read_table("audit", PROCESSED)
    # a text figure's id, or (audit of published statistics) a published observation's id
    by_origin = audit["check"].isin(["published_conflict"])
    assert set(audit.loc[~by_origin, "figure_id"].dropna()) <= ids
    assert set(audit.loc[by_origin, "figure_id"]) <= set(published.index)
    assert set(audit.loc[by_origin, "compared_figure_id"]) <= set(published.index)


def test_every_processed_table_names_provinces_with_ids():
    for name in ("figures", "panel", "audit", "adoption", "gaps"):
        df = read_table(name, PROCESSED)
        assert {"province_id", "province"} <= set(df.columns), name
        named = df.dropna(subset=["province_id"])
        assert (named["province"].notna()).all(), name


def _corpus_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def test_one_unreadable_text_does_not_lose_the_others(tmp_path):
    raw = _corpus_copy(tmp_path)
    bad = raw / "hai-duong_2024_binary.txt"
    bad.write_bytes(b"\x00\x01\x02 not a text")
    good = raw / "ca-mau_2024_no-figures.txt"
    good.write_text("Cà Mau đẩy mạnh chuyển đổi số trong cơ quan nhà nước.\n", encoding="utf-8")
    manifest = (raw / "sources.csv").read_text(encoding="utf-8")
    for f, doc in ((bad, "hd-bad"), (good, "cm-nofig")):
        manifest += f"{doc},{f.name},{f.name},{sha256_file(f)},Hải Dương,2024,test,,x,\n"
    (raw / "sources.csv").write_text(manifest, encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "dtanalysis",
            "build",
            "--no-figures",
            "--raw-dir",
            str(raw),
            "--out",
            str(tmp_path / "processed"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    err = out.stderr.splitlines()
    assert any(bad.name in ln and "error" in ln for ln in err), out.stderr
    assert any(good.name in ln and "warning" in ln and "no figures" in ln for ln in err), out.stderr
    figures = pd.read_csv(tmp_path / "processed" / "figures.csv", dtype=str)
    assert set(figures["doc_id"]) == {d.doc_id for d in load_corpus(RAW)}


def test_checksum_problem_stops_the_build(tmp_path):
    raw = _corpus_copy(tmp_path)
    victim = next(raw.glob("hai-duong*.txt"))
    victim.write_bytes(victim.read_bytes() + b" ")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "dtanalysis",
            "build",
            "--no-figures",
            "--raw-dir",
            str(raw),
            "--out",
            str(tmp_path / "processed"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 1 and "checksum mismatch" in out.stderr and victim.name in out.stderr
    assert not (tmp_path / "processed").exists()
