"""Compiled copies of the reading modules (mypyc), used when they match their source.

Reading a text spends most of its time in Python code that calls regular expressions:
the number rules (:mod:`dtanalysis.reading`), place names (:mod:`dtanalysis.places`)
and province names (:mod:`dtanalysis.provinces`). ``make`` compiles these modules
with mypyc into ``build/native/`` (``make native``: :func:`build`), which
cuts the instructions of an extraction by about a fifth (``benchmarks/bench_parts.py``).
The source stays the only code there is: the compiled files live outside the package,
and ``import dtanalysis`` loads them (through :class:`_NativeFinder`) only when

- ``DTANALYSIS_PURE`` is not set (``DTANALYSIS_PURE=1`` reads with the source), and
- ``build/native/manifest.json`` was written by the same Python (its cache tag), and
  the SHA-256 of every compiled module's source (and of the reading modules they use,
  :data:`HASHED`) equals the one it was compiled from.

An edited module therefore never runs as its old compiled self: when any hash differs,
no compiled module is used (they were compiled together) and :class:`NativeBuildStale`
says which file changed; ``make`` rebuilds them. The compiled and the source reading
give the same rows (``tests/test_native.py``).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import types
import warnings
from pathlib import Path
from typing import Any

#: The modules compiled, by name. ``reading/__init__``, ``mention`` and ``quantity``
#: stay Python: their classes are built with ``object.__new__`` (see
#: ``reading/mention.py``), which compiled classes refuse, and the rest is small.
COMPILED = (
    "dtanalysis.reading.context",
    "dtanalysis.reading.figure",
    "dtanalysis.reading.patterns",
    "dtanalysis.reading.rules",
    "dtanalysis.reading.scan",
    "dtanalysis.reading.sentences",
    "dtanalysis.reading.units",
    "dtanalysis.reading.words",
    "dtanalysis.places",
    "dtanalysis.provinces",
    "dtanalysis.rows",
)
#: Read by the compiled modules without being compiled: a change to them also makes a
#: build stale (its classes and helpers are what compiled code was checked against).
HASHED = (*COMPILED, "dtanalysis.reading", "dtanalysis.reading.collector",
          "dtanalysis.reading.mention", "dtanalysis.reading.quantity")
PACKAGE_DIR = Path(__file__).resolve().parent
NATIVE_DIR = PACKAGE_DIR.parent / "build" / "native"
ENV_PURE = "DTANALYSIS_PURE"


class NativeBuildError(Exception):
    """mypyc could not compile the modules (its first messages)."""


class NativeBuildStale(UserWarning):
    """The compiled modules were built from other sources (or another Python): the
    source is used instead. ``make`` (or ``make native``) rebuilds them."""


def source_path(module: str) -> Path:
    """The ``.py`` file of a module of the package (``__init__.py`` of a package)."""
    path = PACKAGE_DIR.parent.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def source_hash(module: str) -> str:
    """SHA-256 of the source of a compiled module."""
    return hashlib.sha256(source_path(module).read_bytes()).hexdigest()


def _docstrings(source: Path) -> dict[str, str]:
    """The docstrings of the public top-level functions of a source file."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return {node.name: doc for node in tree.body
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
            and (doc := ast.get_docstring(node, clean=False))}


def _documented(fn: Any, doc: str) -> Any:
    """``fn`` with its source docstring (mypyc drops docstrings; ``help()`` and ``?`` in a
    notebook should still explain it): a Python function (a decorator's wrapper) gets
    it set, a compiled one is wrapped in a Python function calling it."""
    if hasattr(fn, "__code__"):
        fn.__doc__ = doc
        return fn

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    call.__doc__ = doc
    return call


class _DocumentedLoader(importlib.machinery.ExtensionFileLoader):
    """Loads a compiled module and gives its public functions their docstrings back.
    Compiled code calls its functions directly; only Python callers see the wrapper.

    A compiled module initialises the compiled modules it imports itself, without the
    import system (``dtanalysis.rows`` loads ``dtanalysis.places``): so after each
    load, every compiled module already in ``sys.modules`` is documented."""

    def __init__(self, fullname: str, path: str, docs: dict[str, dict[str, str]]):
        super().__init__(fullname, path)
        self.docs = docs  # module -> function -> docstring, read at build time (manifest)

    def exec_module(self, module: Any) -> None:
        super().exec_module(module)
        for name, docs in self.docs.items():
            loaded = sys.modules.get(name)
            if loaded is not None:
                _document_module(loaded, docs)


def _document_module(module: Any, docs: dict[str, str]) -> None:
    """Give the public functions of a compiled ``module`` their source ``docs``."""
    for name, doc in docs.items():
        fn = module.__dict__.get(name)
        if fn is not None and not getattr(fn, "__doc__", None):
            module.__dict__[name] = _documented(fn, doc)


class _NativeFinder:
    """A meta-path finder that serves the compiled modules of a manifest."""

    def __init__(self, files: dict[str, Path], docs: dict[str, dict[str, str]]):
        self.files, self.docs = files, docs

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = _DocumentedLoader(fullname, str(file), self.docs)
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def check_manifest(native_dir: Path = NATIVE_DIR) -> tuple[dict[str, Path], str]:
    """The files of a usable native build (module name -> path), and why not when
    it is not usable: ``({}, reason)``; the reason is "" when there is no build."""
    manifest = native_dir / "manifest.json"
    if not manifest.is_file():
        return {}, ""
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        if meta["cache_tag"] != sys.implementation.cache_tag:
            here = sys.implementation.cache_tag
            return {}, f"{manifest}: built for {meta['cache_tag']}, not {here}"
        for module, digest in meta["sources"].items():
            if source_hash(module) != digest:
                return {}, f"{source_path(module)} changed since {manifest} was built"
        files = {name: native_dir / file for name, file in meta["files"].items()}
        if set(meta["docstrings"]) != set(COMPILED):
            return {}, f"{manifest}: built by another version of dtanalysis/_native.py"
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, f"{manifest}: unreadable ({exc})"
    missing = [str(f) for f in files.values() if not f.is_file()]
    if missing:
        return {}, f"{manifest}: missing {missing[0]}"
    return files, ""


def install(native_dir: Path = NATIVE_DIR) -> list[str]:
    """Put the compiled modules first on the import path when they match their source
    (see the module docstring); return the names served (``[]``: the source reads)."""
    if os.environ.get(ENV_PURE) or any(isinstance(f, _NativeFinder) for f in sys.meta_path):
        return active()
    files, why_not = check_manifest(native_dir)
    if why_not:
        warnings.warn(f"dtanalysis: compiled modules not used: {why_not}; "
                      "the source is used (run `make` to rebuild)", NativeBuildStale, stacklevel=2)
    if not files:
        return []
    loaded = [m for m in files if m in sys.modules and m in COMPILED]
    if loaded:  # imported from source already (before this call): keep one version
        return []
    meta = json.loads((native_dir / "manifest.json").read_text(encoding="utf-8"))
    sys.meta_path.insert(0, _NativeFinder(files, meta["docstrings"]))
    return active()


def source_module(module: str) -> types.ModuleType:
    """A new module object run from the source of ``module`` (one of :data:`COMPILED`),
    whether or not the compiled build is in use; it is not put in ``sys.modules``.

    Its functions look their names up at run time, so a test or a benchmark can
    replace one of them (``monkeypatch.setattr(rows, "paragraph_marks", ...)``):
    compiled code calls the other compiled modules' functions directly. Its own
    imports are the package's modules as usual (compiled when in use).
    """
    spec = importlib.util.spec_from_file_location(f"{module}.__source__", source_path(module))
    if spec is None or spec.loader is None:  # pragma: no cover - a .py path always loads
        raise ImportError(f"no source for {module}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def compiled_sources() -> set[Path]:
    """The source files of the modules served compiled in this process."""
    return {source_path(m) for m in active()}


def active() -> list[str]:
    """The names of the modules served compiled in this process."""
    for finder in sys.meta_path:
        if isinstance(finder, _NativeFinder):
            return sorted(m for m in finder.files if m in COMPILED)
    return []


# ------------------------------------------------------------------------- build
# installed packages (pandas, numpy) are typed Any: compiling needs only our own modules
_MYPYC_FLAGS = ("--no-site-packages", "--ignore-missing-imports", "--no-incremental")


def build(native_dir: Path = NATIVE_DIR) -> list[str]:
    """Compile :data:`COMPILED` with mypyc into ``native_dir`` (replaced whole, only
    once the build succeeded); return the module names compiled."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dtanalysis-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(PACKAGE_DIR, work / "dtanalysis",
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "data"))
        sources = [str(Path(*m.split(".")).with_suffix(".py")) for m in COMPILED]
        cmd = [sys.executable, "-m", "mypyc", *_MYPYC_FLAGS, *sources]
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False,
                              env={**os.environ, "MYPY_CACHE_DIR": str(work / ".mypy_cache")})
        if done.returncode != 0:  # mypy's type errors (mypyc checks types at run time)
            errors = [line for line in (done.stdout + done.stderr).splitlines()
                      if " error: " in line or "Error" in line]
            raise NativeBuildError("; ".join(errors[:5]) or done.stderr[-500:])
        suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
        files = {m: str(Path(*m.split(".")).with_suffix("")) + suffix for m in COMPILED}
        shared = sorted(p.name for p in work.glob(f"*__mypyc{suffix}"))
        files.update({name[: -len(suffix)]: name for name in shared})
        out = work / "native"
        for file in files.values():
            (out / file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / file, out / file)
        meta = {"cache_tag": sys.implementation.cache_tag,
                "sources": {m: source_hash(m) for m in HASHED}, "files": files,
                # mypyc drops docstrings: the loader gives them back (read once, here)
                "docstrings": {m: _docstrings(source_path(m)) for m in COMPILED}}
        (out / "manifest.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")
        if native_dir.exists():
            shutil.rmtree(native_dir)
        native_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(out), native_dir)
    return list(COMPILED)


def main(argv: list[str] | None = None) -> int:
    """``main(["build"])`` compiles (what ``make native`` runs), ``main(["status"])``
    says whether a usable build is there."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["build"]:
        try:
            done = build()
        except (OSError, NativeBuildError) as exc:
            print(f"dtanalysis: compiling the reading modules failed ({exc}); "
                  "the source will be used (slower, same results)", file=sys.stderr)
            return 1
        print(f"compiled {len(done)} modules into {NATIVE_DIR}")
        return 0
    if args == ["status"]:
        files, why_not = check_manifest()
        print(f"compiled modules in use: {len(files)}" if files else
              f"source only: {why_not or 'no native build in ' + str(NATIVE_DIR)}")
        return 0
    print("usage: main(['build']) or main(['status'])", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
