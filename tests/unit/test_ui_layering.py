"""Screens ask, the app answers: no import circle inside ecr_tui/ui, counting every import
statement (lazy ones in functions and TYPE_CHECKING ones too), read from the source's AST."""

from __future__ import annotations

import ast
from pathlib import Path

import ecr_tui.ui

UI = Path(ecr_tui.ui.__file__).parent
PACKAGE = "ecr_tui.ui"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """Every dotted name the statement may load: `from a import b` may be module a.b."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def ui_import_graph(root: Path = UI) -> dict[str, set[str]]:
    """ui module -> the ui modules it imports anywhere in its source."""
    paths = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for dotted in _imported(node, name, path.name == "__init__.py"):
                while dotted and dotted not in paths:  # a class or function: its module
                    dotted = dotted.rpartition(".")[0]
                if dotted and dotted != name:
                    targets.add(dotted)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle (its modules in order, the first repeated at the end), or []."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str]:
        path.append(module)
        on_path.add(module)
        for target in sorted(graph.get(module, ())):
            if target in on_path:
                return [*path[path.index(target):], target]
            if target not in done:
                found = visit(target)
                if found:
                    return found
        path.pop()
        on_path.discard(module)
        done.add(module)
        return []

    for module in sorted(graph):
        if module not in done:
            found = visit(module)
            if found:
                return found
    return []


def test_ui_modules_import_no_circle() -> None:
    graph = ui_import_graph()
    assert {"ecr_tui.ui.app", "ecr_tui.ui.screens.main", "ecr_tui.ui.palette"} <= graph.keys()
    assert "ecr_tui.ui.screens.main" in graph["ecr_tui.ui.app"]  # the walk sees real imports
    cycle = find_cycle(graph)
    assert not cycle, "import circle in ecr_tui/ui: " + " -> ".join(cycle)


def test_only_the_app_module_knows_the_app_class() -> None:
    """Screens, widgets, workers and the palette see the app through app_view.AppView."""
    graph = ui_import_graph()
    importers = sorted(m for m, targets in graph.items() if PACKAGE + ".app" in targets)
    assert importers == []


def test_the_walk_finds_a_circle_through_type_checking_and_relative_imports(
    tmp_path: Path,
) -> None:
    pkg = tmp_path / "ecr_tui" / "ui"
    (pkg / "screens").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "screens" / "__init__.py").write_text("")
    (pkg / "app.py").write_text("from ecr_tui.ui.screens.main import MainScreen\n")
    (pkg / "screens" / "main.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..app import App\n"
    )
    assert find_cycle(ui_import_graph(pkg)) == [
        "ecr_tui.ui.app", "ecr_tui.ui.screens.main", "ecr_tui.ui.app"
    ]
    (pkg / "screens" / "main.py").write_text("def f():\n    from ecr_tui.ui import app\n")
    assert find_cycle(ui_import_graph(pkg)) == [
        "ecr_tui.ui.app", "ecr_tui.ui.screens.main", "ecr_tui.ui.app"
    ]
    (pkg / "screens" / "main.py").write_text("import textual\n")
    assert find_cycle(ui_import_graph(pkg)) == []
