"""The compiled reading modules (dtanalysis/_native.py): used when built from these
sources, refused when stale, and reading exactly as the source reads."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dtanalysis import _native

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != _native.ENV_PURE}
    full_env.update(env)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=full_env,
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_make_built_the_compiled_modules_and_they_are_used():
    """``make`` compiles the reading modules (``make test NATIVE=0`` sets DTANALYSIS_PURE
    and reads with the source): the suite tests what the benchmarks time."""
    import dtanalysis.reading.rules

    if os.environ.get(_native.ENV_PURE):
        assert _native.active() == []
        assert dtanalysis.reading.rules.__file__.endswith(".py")
        return
    files, why_not = _native.check_manifest()
    assert files, f"no usable compiled modules ({why_not or 'none built'}): run make"
    assert _native.active() == sorted(_native.COMPILED)
    assert dtanalysis.reading.rules.__file__ == str(files["dtanalysis.reading.rules"])


def _rows_digest() -> str:
    """Code printing a digest of the figure and mention rows of the raw corpus and of
    the test suite's own sentences."""
    return """
        import hashlib, pathlib
        from dtanalysis import _native
        from dtanalysis.extract import _rows
        texts = sorted(pathlib.Path("data/raw").glob("*.txt"))
        texts += sorted(pathlib.Path("tests").glob("test_*.py"))
        h = hashlib.sha256()
        for path in texts:
            figs, ments = _rows(path.read_text(encoding="utf-8"), path.name, None, None)
            h.update(repr((figs, ments)).encode())
        print(len(_native.active()), h.hexdigest())
    """


def test_compiled_and_source_read_every_text_alike():
    compiled = _run(_rows_digest())
    source = _run(_rows_digest(), DTANALYSIS_PURE="1")
    assert compiled.returncode == 0 and source.returncode == 0, compiled.stderr + source.stderr
    n_compiled, digest_compiled = compiled.stdout.split()
    n_source, digest_source = source.stdout.split()
    assert n_source == "0"
    if not os.environ.get(_native.ENV_PURE):
        assert int(n_compiled) == len(_native.COMPILED)
    assert digest_compiled == digest_source


def test_doctests_of_the_compiled_modules_run_on_the_source():
    """Compiled functions keep no docstrings, so pytest cannot collect their doctests
    (see conftest.py): they run here, on the source, and must all pass."""
    code = f"""
        import doctest, importlib
        failed = tried = 0
        for name in {list(_native.COMPILED)!r}:
            result = doctest.testmod(importlib.import_module(name))
            failed += result.failed
            tried += result.attempted
        print(failed, tried)
    """
    done = _run(code, DTANALYSIS_PURE="1")
    assert done.returncode == 0, done.stderr
    failed, tried = map(int, done.stdout.split())
    assert failed == 0, done.stdout
    assert tried >= 40  # the reading, place and province modules hold many examples


def test_compiled_public_functions_keep_their_docstrings():
    import dtanalysis.places
    import dtanalysis.reading

    assert "scope marks" in dtanalysis.places.paragraph_marks.__doc__
    assert dtanalysis.reading.split_sentences.__doc__.startswith("Split a text into sentences")


@pytest.mark.parametrize("first", ["dtanalysis.rows", "dtanalysis.extract", "dtanalysis.places"])
def test_docstrings_come_back_whatever_module_is_imported_first(first):
    """A compiled module initialises the compiled modules it imports without the import
    system (rows loads places): their docstrings must come back all the same."""
    code = f"""
        import {first}
        import dtanalysis.places, dtanalysis.provinces, dtanalysis.rows
        from dtanalysis import _native
        print(len(_native.active()), dtanalysis.places.paragraph_marks.__doc__ is not None,
              dtanalysis.provinces.detect_provinces.__doc__ is not None,
              dtanalysis.rows.text_rows.__doc__ is not None)
    """
    done = _run(code)
    assert done.returncode == 0, done.stderr
    n, *documented = done.stdout.split()
    if not os.environ.get(_native.ENV_PURE):
        assert int(n) == len(_native.COMPILED)
    assert documented == ["True", "True", "True"]


def test_a_source_copy_of_a_compiled_module_reads_alike_and_can_be_patched(monkeypatch):
    """``source_module`` runs a module from its source (for tests and benchmarks that
    replace one of its functions): same rows as the module in use, and a replaced
    function is the one it calls."""
    from dtanalysis import rows

    source = _native.source_module("dtanalysis.rows")
    text = "Tỉnh Cà Mau đạt 60%.\nCả nước đạt 80%, tỉnh 70%."
    assert hasattr(source.text_rows, "__code__")  # Python, whatever the build
    assert source.text_rows(text, "d", None, None) == rows.text_rows(text, "d", None, None)
    monkeypatch.setattr(source, "paragraph_marks", lambda *a: [])
    figs, _ = source.text_rows(text, "d", None, None, mentions=False)
    assert [f[3] for f in figs] == ["Cà Mau", "Cà Mau", "Cà Mau"]  # no national subject
    assert [f[3] for f in rows.text_rows(text, "d", None, None)[0]] == ["Cà Mau", "", "Cà Mau"]


def _fake_build(tmp_path: Path, **changes) -> Path:
    """A native folder whose manifest names real files, with ``changes`` to its fields."""
    native = tmp_path / "native"
    (native / "dtanalysis").mkdir(parents=True)
    (native / "dtanalysis" / "places.so").write_bytes(b"not really compiled")
    meta = {"cache_tag": sys.implementation.cache_tag,
            "sources": {"dtanalysis.places": _native.source_hash("dtanalysis.places")},
            "files": {"dtanalysis.places": "dtanalysis/places.so"},
            "docstrings": {m: {} for m in _native.COMPILED}}
    meta.update(changes)
    (native / "manifest.json").write_text(json.dumps(meta), encoding="utf-8")
    return native


def test_a_build_matching_its_sources_is_usable(tmp_path):
    native = _fake_build(tmp_path)
    files, why_not = _native.check_manifest(native)
    assert why_not == ""
    assert files == {"dtanalysis.places": native / "dtanalysis" / "places.so"}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"sources": {"dtanalysis.places": "0" * 64}}, "places.py changed since"),
        # a module the compiled ones use without being compiled (its classes)
        ({"sources": {"dtanalysis.reading.mention": "0" * 64}}, "mention.py changed since"),
        ({"cache_tag": "cpython-30"}, "built for cpython-30"),
        ({"files": {"dtanalysis.places": "dtanalysis/gone.so"}}, "missing"),
        ({"sources": None}, "unreadable"),
        ({"docstrings": {}}, "another version of dtanalysis/_native.py"),
    ],
)
def test_a_stale_or_broken_build_is_refused_with_its_reason(tmp_path, changes, message):
    files, why_not = _native.check_manifest(_fake_build(tmp_path, **changes))
    assert files == {}
    assert message in why_not


def test_no_build_reads_with_the_source_silently(tmp_path):
    assert _native.check_manifest(tmp_path) == ({}, "")


def test_a_stale_build_warns_and_the_source_reads(tmp_path):
    native = _fake_build(tmp_path, sources={"dtanalysis.places": "0" * 64})
    code = f"""
        import os, sys, warnings
        import dtanalysis  # DTANALYSIS_PURE: the real build is not installed
        from dtanalysis import _native
        del os.environ["DTANALYSIS_PURE"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            served = _native.install(__import__("pathlib").Path({str(native)!r}))
        import dtanalysis.places
        print(served, [w.category.__name__ for w in caught], dtanalysis.places.__file__)
        print(caught[0].message)
    """
    done = _run(code, DTANALYSIS_PURE="1")
    assert done.returncode == 0, done.stderr
    first, message = done.stdout.splitlines()
    assert first.startswith("[] ['NativeBuildStale']") and first.endswith("places.py")
    assert "places.py changed since" in message and "the source is used" in message


def test_the_manifest_hashes_the_compiled_modules_and_what_they_use():
    files, why_not = _native.check_manifest()
    if os.environ.get(_native.ENV_PURE):
        return  # make built nothing to check (NATIVE=0)
    assert files, why_not
    meta = json.loads((_native.NATIVE_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(meta["sources"]) == sorted(_native.HASHED)
    assert _native.source_path("dtanalysis.reading").name == "__init__.py"
