"""The folder listing is the architecture: every import statement of ecr_tui, read from source.

The graph: one node per module (a package's `__init__` is the package's node). Every import
statement is an edge, wherever it is (module level, a function, `if TYPE_CHECKING:`):
`import a.b.c` and `from a.b.c import name` point at `a.b.c`, `from a.b import c` at the module
`a.b.c` when there is one. Python also runs a package's `__init__` before any of its modules;
that is no import statement and no edge here, and it cannot close a circle because no package
`__init__` imports anything of ecr_tui when it is imported (checked below).
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import ecr_tui

ROOT = Path(ecr_tui.__file__).resolve().parent
CORE = "ecr_tui.core"


def _module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = ["ecr_tui", *path.relative_to(ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


MODULES = _module_names()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> Iterator[tuple[ast.stmt, str]]:
    """(statement, module it names) for every import statement of the module `name`."""
    tree = ast.parse(MODULES[name].read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if _is_package(name) else name.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield node, sub if sub in MODULES else base


def _graph() -> dict[str, set[str]]:
    return {name: {target for _, target in _imports(name) if target in MODULES}
            for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or one importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan; the graph has ~130 nodes, recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _core_package(name: str) -> str:
    """`ecr_tui.core` for the modules every domain shares, else `ecr_tui.core.<domain>`."""
    parts = name.split(".")
    if len(parts) > 3 or (len(parts) == 3 and _is_package(name)):
        return ".".join(parts[:3])
    return CORE


CORE_PACKAGES = sorted({_core_package(n) for n in MODULES if n.startswith(CORE)})


def _allowed(package: str) -> tuple[str, ...]:
    return importlib.import_module(package).ALLOWED_IMPORTS


def test_the_graph_sees_every_kind_of_import_statement() -> None:
    graph = _graph()
    assert "ecr_tui.core.records" in graph["ecr_tui.core.models"]  # under TYPE_CHECKING
    assert "ecr_tui.cli.main" in graph["ecr_tui.cli"]  # inside a function
    assert "ecr_tui.core.aws.backend" in graph["ecr_tui.cli.main"]  # `from a.b import c`
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": set()}) == [
        ["a", "b", "c"], ["d"]]


def test_no_package_init_imports_anything_of_ours_when_imported() -> None:
    for name in (n for n in MODULES if _is_package(n)):
        tree = ast.parse(MODULES[name].read_text())
        top = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        ours = [ast.unparse(node) for node in top if "ecr_tui" in ast.unparse(node)]
        assert not ours, f"{name}/__init__.py imports {ours} when imported"


def test_no_import_cycle_outside_the_ui() -> None:
    cycles = [c for c in _cycles(_graph()) if not all(n.startswith("ecr_tui.ui.") for n in c)]
    assert not cycles, f"import circles: {cycles}"


def test_no_import_cycle_anywhere() -> None:
    cycles = _cycles(_graph())
    assert not cycles, f"import circles: {cycles}"


def test_the_core_imports_neither_textual_nor_the_ui_cli_or_demo() -> None:
    forbidden = ("textual", "ecr_tui.ui", "ecr_tui.cli", "ecr_tui.demo",
                 "ecr_tui.credential_helper")
    bad = [(name, target) for name in MODULES if name.startswith(CORE)
           for _, target in _imports(name)
           if any(target == f or target.startswith(f + ".") for f in forbidden)]
    assert not bad, bad


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_each_core_package_imports_only_what_its_docstring_allows(package: str) -> None:
    allowed = {package, *_allowed(package)}
    assert importlib.import_module(package).__doc__
    bad = sorted({(name, target) for name in MODULES if _core_package(name) == package
                  and name.startswith(CORE) for _, target in _imports(name)
                  if target.startswith(CORE) and _core_package(target) not in allowed})
    assert not bad, f"{package} may import only {sorted(allowed)}: {bad}"


def test_the_core_packages_allow_no_circle_between_them() -> None:
    graph = {p: set(_allowed(p)) - {p} for p in CORE_PACKAGES}
    assert set().union(*graph.values()) <= set(graph)
    assert not _cycles(graph)
    assert _allowed(CORE) == ()  # the shared modules import no domain


def test_a_real_circle_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.py").write_text("def f():\n    from ecr_tui.core import errors\n")
    (tmp_path / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ecr_tui.core.x import a\n")
    fake = {**MODULES, "ecr_tui.core.x.a": tmp_path / "a.py",
            "ecr_tui.core.errors": tmp_path / "b.py"}
    monkeypatch.setitem(globals(), "MODULES", fake)
    assert ["ecr_tui.core.errors", "ecr_tui.core.x.a"] in _cycles(_graph())
