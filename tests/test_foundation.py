"""The foundation: corpus provenance, packaging, paths, two-command set-up."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dtanalysis import corpus as corpus_mod
from dtanalysis import paths
from dtanalysis.errors import CorpusError

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

# Checksums of the collected corpus, as published with it (shared/raw/README.md).
COLLECTED = {
    "000_3b7aae8af9256ed2.txt": "9e9f44ec62cf4cafa56ab1eef4b01454eabceb69af02252b2df6be8836887ebb",
    "001_e8e96ba8ccdbee9b.txt": "b53f8e3cdfd19c7eee209234f1d2701c28a2d835984677f5aeccd90e181e91bf",
    "002_0ed44bd844841dd8.txt": "0999a0cd440707fe4e70ef0e863871999ede60a424ba0f79d9a9b60945a016bf",
    "003_e153036518162329.txt": "6ae74d57f715dfb8b5612bb2ab60fb43c8334f67c6555804c8dfea0157b49de0",
    "004_8a3823f08f490e68.txt": "c84af5bc10ce148ebbd9b0f49f5ee110acb202a4ddb137f24a84499164036caf",
}


def _manifest() -> list[dict[str, str]]:
    with open(RAW / "sources.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- raw corpus and manifest -------------------------------------------------------


def test_manifest_has_the_documented_columns():
    with open(RAW / "sources.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == corpus_mod.MANIFEST_COLUMNS


def test_raw_texts_are_the_collected_bytes():
    rows = _manifest()
    by_original = {r["original_name"]: r for r in rows}
    assert set(by_original) == set(COLLECTED)
    for original, digest in COLLECTED.items():
        row = by_original[original]
        assert row["sha256"] == digest
        assert hashlib.sha256((RAW / row["file"]).read_bytes()).hexdigest() == digest


def test_every_listed_file_exists_and_every_text_is_listed():
    listed = {r["file"] for r in _manifest()}
    on_disk = {p.name for p in RAW.glob("*.txt")}
    assert listed == on_disk


def test_manifest_rows_carry_provenance():
    for row in _manifest():
        assert row["province"] in {"Kiên Giang", "Cà Mau", "Hải Dương"}
        assert row["title"], row["file"]
        assert row["date_basis"], row["file"]
        if row["document_date"]:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["document_date"])
        # descriptive names start with the province
        slug = (
            row["province"]
            .lower()
            .replace("à", "a")
            .replace("ả", "a")
            .replace("ê", "e")
            .replace("ư", "u")
            .replace("ơ", "o")
            .replace(" ", "-")
        )
        assert row["file"].startswith(slug), row["file"]


def test_load_corpus_verifies_and_normalises(corpus):
    assert [d.doc_id for d in corpus] == sorted(d.doc_id for d in corpus)
    assert len(corpus) == 5
    import unicodedata

    for doc in corpus:
        assert unicodedata.is_normalized("NFC", doc.text)
        assert "\u00a0" not in doc.text


def _copy_corpus(tmp_path: Path) -> Path:
    dest = tmp_path / "raw"
    shutil.copytree(RAW, dest)
    return dest


def test_tampered_text_names_file_and_both_checksums(tmp_path):
    raw = _copy_corpus(tmp_path)
    row = _manifest()[0]
    target = raw / row["file"]
    target.write_bytes(target.read_bytes().replace("Kiên Giang".encode(), b"Kien Giang", 1))
    actual = hashlib.sha256(target.read_bytes()).hexdigest()
    with pytest.raises(CorpusError) as info:
        corpus_mod.load_corpus(raw)
    message = str(info.value)
    assert row["file"] in message
    assert row["sha256"] in message
    assert actual in message


def test_missing_text_is_named(tmp_path):
    raw = _copy_corpus(tmp_path)
    row = _manifest()[1]
    (raw / row["file"]).unlink()
    with pytest.raises(CorpusError, match=re.escape(row["file"]) + ".*missing"):
        corpus_mod.verify_corpus(raw)


def test_unlisted_text_is_named(tmp_path):
    raw = _copy_corpus(tmp_path)
    (raw / "extra-article.txt").write_text("Tỷ lệ đạt 50%.", encoding="utf-8")
    with pytest.raises(CorpusError, match="extra-article.txt: not listed"):
        corpus_mod.load_corpus(raw)


def test_add_article_appends_a_verified_row(tmp_path):
    raw = _copy_corpus(tmp_path)
    new = raw / "hai-duong_2024_test.txt"
    new.write_text("Hải Dương: tỷ lệ hồ sơ trực tuyến đạt 85,5%.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in raw.glob("*.txt")}
    row = corpus_mod.add_article(
        new, raw, doc_id="hd-2024-test", province="Hải Dương", document_date="2024"
    )
    assert row["sha256"] == hashlib.sha256(new.read_bytes()).hexdigest()
    assert row["title"] == "Hải Dương: tỷ lệ hồ sơ trực tuyến đạt 85,5%."
    docs = corpus_mod.load_corpus(raw)
    assert "hd-2024-test" in {d.doc_id for d in docs}
    # no text was changed
    assert {p.name: p.read_bytes() for p in raw.glob("*.txt")} == before
    with pytest.raises(CorpusError, match="already listed"):
        corpus_mod.add_article(new, raw, doc_id="other", province="Hải Dương")


def test_add_article_cli(tmp_path):
    raw = _copy_corpus(tmp_path)
    (raw / "x.txt").write_text("Cà Mau có 343 tổ.\n", encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "dtanalysis",
            "add-article",
            "x.txt",
            "--doc-id",
            "cm-x",
            "--province",
            "Cà Mau",
            "--raw-dir",
            str(raw),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "cm-x" in out.stdout
    verify = subprocess.run(
        [sys.executable, "-m", "dtanalysis", "verify", "--raw-dir", str(raw)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert verify.returncode == 0 and "6 texts" in verify.stdout


def test_verify_cli_reports_tampering_without_traceback(tmp_path):
    raw = _copy_corpus(tmp_path)
    f = next(raw.glob("ca-mau*.txt"))
    f.write_bytes(f.read_bytes() + b"\n")
    out = subprocess.run(
        [sys.executable, "-m", "dtanalysis", "verify", "--raw-dir", str(raw)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 1
    assert f.name in out.stderr and "checksum mismatch" in out.stderr
    assert "Traceback" not in out.stderr


def test_no_library_code_writes_to_data_raw():
    """Only corpus.add_article may open a file for writing under data/raw."""
    offenders = []
    for py in (ROOT / "dtanalysis").rglob("*.py"):
        text = py.read_text(encoding="utf-8")
        if "raw_dir()" in text or "RAW" in text:
            for m in re.finditer(r"open\([^)]*[\"'](?:w|a|wb|ab|x)[\"']", text):
                if py.name != "corpus.py":
                    offenders.append(f"{py.name}:{m.group(0)}")
    assert not offenders


# --- packaging ------------------------------------------------------------------------


def _norm(name: str) -> str:
    name = re.split(r"[<>=!~\[ ;]", name.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}


def test_environment_yml_lists_the_same_packages_as_pyproject():
    yaml = pytest.importorskip("yaml")  # pyyaml is in the test extra, installed by make
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_norm(d) for d in py["dependencies"]}
    for extra in py["optional-dependencies"].values():
        wanted |= {_norm(d) for d in extra}
    conda, pip_lines = set(), []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_lines += dep.get("pip", [])
        else:
            conda.add(CONDA_TO_PYPI.get(_norm(dep), _norm(dep)))
    conda -= {"python", "pip"}
    assert conda == wanted, (
        f"only in environment.yml: {conda - wanted}; only in pyproject: {wanted - conda}"
    )
    assert any(line.strip().startswith("-e .") for line in pip_lines)
    assert any(str(d).startswith("python=3.11") for d in env["dependencies"] if isinstance(d, str))
    assert env["channels"] == ["conda-forge"]


def test_import_is_cheap():
    code = (
        "import sys, dtanalysis, dtanalysis.paths, dtanalysis.corpus;"
        "heavy = [m for m in ('matplotlib', 'statsmodels', 'scipy', 'pandera', 'seaborn', "
        "'pandas') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_lazy_top_level_helpers():
    import dtanalysis

    assert (
        dtanalysis.__version__
        == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    )
    assert callable(dtanalysis.load_corpus)
    with pytest.raises(AttributeError):
        dtanalysis.no_such_helper  # noqa: B018


# --- paths --------------------------------------------------------------------------------


def test_root_found_from_another_working_directory(tmp_path):
    code = "from dtanalysis import paths; print(paths.project_root()); print(paths.processed_dir())"
    env = {k: v for k, v in os.environ.items() if k != paths.ENV_VAR}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    root, processed = out.stdout.splitlines()
    assert Path(root) == ROOT
    assert Path(processed) == ROOT / "data" / "processed"


def test_root_found_from_a_subfolder(monkeypatch):
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    monkeypatch.chdir(ROOT / "data" / "raw")
    assert paths.find_root() == ROOT
    assert paths.project_root() == ROOT


def test_root_from_environment_variable(tmp_path, monkeypatch):
    other = tmp_path / "checkout"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "dtanalysis"\n', encoding="utf-8")
    monkeypatch.setenv(paths.ENV_VAR, str(other))
    assert paths.raw_dir() == other.resolve() / "data" / "raw"
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path))
    with pytest.raises(Exception, match="not a dtanalysis checkout"):
        paths.project_root()


def test_find_root_ignores_other_projects(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert paths.find_root(tmp_path) is None


# --- the two commands ---------------------------------------------------------------------


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, flags=re.MULTILINE))


def test_readme_commands_are_makefile_targets_and_ci_runs_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\s*make (\w+)\s*$", readme, flags=re.MULTILINE)
    assert "report" in commands and "test" in commands
    assert {"report", "test"} <= _make_targets()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in ci.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert "make test" in lines
    # nothing that could hide a failure
    assert all("|| true" not in ln and "set +e" not in ln for ln in lines)
    assert "set -euo pipefail" in ci


def test_makefile_uses_the_venv_and_a_stamp():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(STAMP): pyproject.toml constraints.txt" in text
    recipes = [ln for ln in text.splitlines() if ln.startswith("\t")]
    for ln in recipes:
        # never a bare python/jupyter/pytest from PATH (only $(PYTHON) to create the venv)
        assert not re.search(
            r"(^|\s)(python3?|jupyter|pytest|jupytext|ruff)\s", ln.replace('"$(BIN)/', "BIN/")
        ), ln


def test_make_reinstalls_only_when_pyproject_changed(tmp_path):
    """The stamp logic: a second `make test` does not reinstall; a changed pyproject does."""
    if shutil.which("make") is None:  # pragma: no cover - make is how the project is run
        pytest.fail("GNU make is required")
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    env_dir = tmp_path / "env"
    (env_dir / "bin").mkdir(parents=True)
    (env_dir / "bin" / "python").write_text("#!/bin/sh\n", encoding="utf-8")
    (env_dir / "bin" / "python").chmod(0o755)
    stamp = env_dir / ".dtanalysis-installed"
    stamp.touch()
    old = stamp.stat().st_mtime - 100
    os.utime(tmp_path / "pyproject.toml", (old, old))
    os.utime(tmp_path / "constraints.txt", (old, old))

    def dry_run() -> str:
        return subprocess.run(
            ["make", "-n", "test", f"ENV={env_dir}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    up_to_date = dry_run()
    assert "pip install" not in up_to_date and "-m pytest" in up_to_date
    new = stamp.stat().st_mtime + 100
    os.utime(tmp_path / "pyproject.toml", (new, new))
    changed = dry_run()
    assert "pip install" in changed and '-e ".[notebooks,test,dev,dask,native]"' in changed
    stamp.unlink()
    assert "pip install" in dry_run()


def test_make_compiles_the_reading_modules_only_when_a_source_changed(tmp_path):
    """The native build (dtanalysis/_native.py) is redone when one of its sources is newer
    than its manifest, skipped when not, and never with NATIVE=0."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    env_dir = tmp_path / "env"
    (env_dir / "bin").mkdir(parents=True)
    (env_dir / ".dtanalysis-installed").touch()
    for name in ("pyproject.toml", "constraints.txt", "dtanalysis/places.py",
                 "dtanalysis/reading/rules.py", "build/native/manifest.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    now = (env_dir / ".dtanalysis-installed").stat().st_mtime

    def dry_run(*args: str) -> str:
        return subprocess.run(["make", "-n", "test", f"ENV={env_dir}", *args], cwd=tmp_path,
                              capture_output=True, text=True, check=True).stdout

    for name in ("pyproject.toml", "constraints.txt", "dtanalysis/places.py",
                 "dtanalysis/reading/rules.py"):
        os.utime(tmp_path / name, (now - 100, now - 100))
    os.utime(tmp_path / "build/native/manifest.json", (now + 10, now + 10))
    assert "_native import main" not in dry_run() and "-m pytest" in dry_run()
    os.utime(tmp_path / "dtanalysis/reading/rules.py", (now + 100, now + 100))
    assert "_native import main" in dry_run()
    pure = dry_run("NATIVE=0")
    assert "_native import main" not in pure and "-m pytest" in pure


def test_all_lists_every_lazy_helper():
    import dtanalysis

    assert sorted(dtanalysis.__all__) == sorted([*dtanalysis._LAZY, "__version__"])


# --- issue 11, item 10: add-article checks its inputs; the corpus folder holds only texts ---


def test_add_article_refuses_an_unknown_province_naming_the_nearest(tmp_path):
    raw = _copy_corpus(tmp_path)
    (raw / "x.txt").write_text("Cà Mau có 343 tổ.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"province 'Atlantis' is not one of the 63"):
        corpus_mod.add_article("x.txt", raw, doc_id="x", province="Atlantis")
    with pytest.raises(CorpusError, match=r"nearest: Kiên Giang"):
        corpus_mod.add_article("x.txt", raw, doc_id="x", province="Kien Gianh")
    row = corpus_mod.add_article("x.txt", raw, doc_id="x", province="tỉnh ca mau")
    assert row["province"] == "Cà Mau"  # recorded under its canonical name


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13", "24-02-01"])
def test_add_article_refuses_a_date_that_does_not_exist(tmp_path, date):
    raw = _copy_corpus(tmp_path)
    (raw / "x.txt").write_text("Cà Mau có 343 tổ.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a date that exists"):
        corpus_mod.add_article("x.txt", raw, doc_id="x", province="Cà Mau", document_date=date)
    assert "x.txt" not in (raw / "sources.csv").read_text(encoding="utf-8")


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese writers produce it: tone marks as combining characters."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append((base + "".join(c for c in d if c in tones)).encode("cp1258"))
    return b"".join(out)


def test_add_article_accepts_cp1258_and_the_build_reads_it_so(tmp_path):
    raw = _copy_corpus(tmp_path)
    (raw / "x.txt").write_bytes(_cp1258("Cà Mau có 343 tổ dân phố đạt 100%.\n"))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "dtanalysis",
            "add-article",
            "x.txt",
            "--doc-id",
            "cm-x",
            "--province",
            "Cà Mau",
            "--encoding",
            "cp1258",
            "--raw-dir",
            str(raw),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    row = next(r for r in corpus_mod.read_manifest(raw) if r["doc_id"] == "cm-x")
    assert row["encoding"] == "cp1258"
    doc = next(d for d in corpus_mod.load_corpus(raw) if d.doc_id == "cm-x")
    assert doc.text.startswith("Cà Mau có 343 tổ")


def test_a_file_that_is_not_a_text_in_the_corpus_folder_is_reported(tmp_path):
    raw = _copy_corpus(tmp_path)
    (raw / "bai-viet.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(CorpusError, match=r"bai-viet.docx: not a .txt file"):
        corpus_mod.verify_corpus(raw)
