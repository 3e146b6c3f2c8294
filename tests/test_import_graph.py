"""The modules of dtanalysis import without a cycle (issue 10, item 1).

Every ``import`` and ``from ... import`` of a dtanalysis module, at module level or
inside a function (a function-level import is how a cycle hides), is read with
:mod:`ast`; imports under ``if TYPE_CHECKING:`` do not run and are left out. The graph
of dtanalysis modules must be acyclic, and every module must import.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "dtanalysis"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skip.update(id(n) for n in ast.walk(child))
    return skip


def _target(name: str) -> str | None:
    """The dtanalysis module that ``name`` (a dotted name) is, or lies in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """The dtanalysis modules that ``module`` imports anywhere in its source."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            if node.level:
                root = f"{base}.{node.module}" if node.module else base
            else:
                root = node.module or ""
            # "from pkg import sub" names a submodule when there is one
            names = [
                f"{root}.{a.name}" if f"{root}.{a.name}" in MODULES else root for a in node.names
            ]
        else:
            continue
        out.update(t for t in map(_target, names) if t and t != module)
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m) :] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_import_reader_resolves_relative_and_absolute_imports():
    assert "dtanalysis.reading.quantity" in imports_of("dtanalysis.reading.mention")
    assert "dtanalysis.reading.scan" in imports_of("dtanalysis.reading")
    assert "dtanalysis.text" in imports_of("dtanalysis.reading.scan")
    assert "dtanalysis.corpus" in imports_of("dtanalysis.build")  # a function-level import


def test_import_graph_of_dtanalysis_is_acyclic():
    graph = {m: imports_of(m) for m in MODULES}
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_reading_quantity_imports_nothing_of_the_package():
    assert imports_of("dtanalysis.reading.quantity") == set()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_imports(module):
    importlib.import_module(module)
