"""The layering: imports flow one way (ui -> db -> workbench), subpackages keep to their rooms,
and no module imports a module that imports it back.

Every import statement counts: at module level, under `if TYPE_CHECKING:` and inside functions.
A lazy import only defers a circle (the second module still meets the first half-initialised),
and a type-only import that closes one still means the two modules cannot be read apart. Only
imports by name in a string (`importlib.import_module`) are not seen; the CLI's subcommands are
loaded that way and `test_cli_loads_no_qt` imports them for real.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("workbench", "db", "ui")
FORBIDDEN = {
    "workbench": {"PySide6", "shiboken6", "sqlite3", "sqlite_utils", "db", "ui"},
    "db": {"PySide6", "shiboken6", "ui"},
    "ui": {"sqlite3", "sqlite_utils"},  # the engine's errors reach ui/ as db.errors (db/engines/)
}

# (importing package, packages it must not import, why)
ROOMS = [
    ("workbench.extraction", {"workbench.matching"}, "extraction and matching are separate rooms"),
    ("workbench.matching", {"workbench.extraction"}, "extraction and matching are separate rooms"),
    (
        "workbench.text",
        {"workbench.extraction", "workbench.matching", "workbench.reports"},
        "text is the floor",
    ),
    ("db.stores", {"db.flows", "db.workspace"}, "stores stand on a Session; the workspace wires them"),
    (
        "db.engines",
        {"db.stores", "db.flows", "db.queries", "db.workspace", "db.session"},
        "an engine knows its database, not the stores on it",
    ),
    ("db.flows", {"db.workspace"}, "flows see the workspace as db.flows.base.Stores (it wires them in)"),
    ("db.queries", {"db.flows"}, "queries read; flows write through stores"),
    (
        "ui.app.panels",
        {
            "ui.app.main_window",
            "ui.app.actions",
            "ui.app.claim_edits",
            "ui.app.triage",
            "ui.app.jobs",
            "ui.app.shell",
        },
        "panels see the window only as a WindowContext / PanelHost (ui/app/context.py)",
    ),
    (
        "ui.cli",
        {"ui.app", "PySide6", "shiboken6"},
        "the CLI starts without Qt (module level; see MODULE_LEVEL)",
    ),
    ("ui.export", {"ui.app", "ui.cli"}, "the GUI and the CLI both call the export service"),
]
# Rooms whose rule holds for module-level imports only: `workbench gui` and the CLI's reading of
# the GUI's settings (`settings_value`) import ui.app inside the function that needs it.
MODULE_LEVEL = {"ui.cli"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@cache
def modules() -> dict[str, Path]:
    """Every module of the three packages by dotted name (a package by its __init__)."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, *, module_level_only: bool = False) -> dict[str, int]:
    """The dotted names a module imports (a module of ours where one is meant), with a line each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else ast.walk(tree)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: dict[str, int] = {}
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            # `from pkg import name`: the submodule pkg.name when there is one, else pkg itself
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules() else base for a in node.names]
        else:
            continue
        for target in targets:
            out.setdefault(target, node.lineno)
    return out


def own_module(dotted: str) -> str | None:
    """The module of ours a dotted import name lands in (`db.queries.claim_rows.ClaimRow` -> db.queries.claim_rows)."""
    while dotted and dotted not in modules():
        dotted = dotted.rpartition(".")[0]
    return dotted or None


@cache
def import_graph() -> dict[str, dict[str, int]]:
    graph = {}
    for name, path in modules().items():
        edges = {}
        for target, line in imports_of(name, path).items():
            mod = own_module(target)
            if mod is not None and mod != name:
                edges.setdefault(mod, line)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def in_package(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


# --- one way: ui -> db -> workbench ----------------------------------------------------------


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_flow_one_way(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    offenders = {
        str(f.relative_to(ROOT)): sorted(imported_roots(f) & FORBIDDEN[package])
        for f in files
        if imported_roots(f) & FORBIDDEN[package]
    }
    assert offenders == {}


def test_checker_sees_imports(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import sqlite3\nfrom PySide6.QtCore import Qt\nfrom . import y\n", encoding="utf-8")
    assert imported_roots(sample) == {"sqlite3", "PySide6"}


# --- rooms: subpackages that do not import each other ----------------------------------------


@pytest.mark.parametrize(("package", "forbidden", "why"), ROOMS, ids=[r[0] for r in ROOMS])
def test_subpackage_keeps_to_its_room(package, forbidden, why):
    members = {n: p for n, p in modules().items() if in_package(n, package)}
    assert members, f"no modules in {package}"
    offenders = {
        f"{name}:{line}": target
        for name, path in members.items()
        for target, line in imports_of(name, path, module_level_only=package in MODULE_LEVEL).items()
        if any(in_package(target, f) for f in forbidden)
    }
    assert offenders == {}, why


def test_room_checker_sees_type_checking_and_relative_imports(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..main_window import MainWindow\n",
        encoding="utf-8",
    )
    assert imports_of("ui.app.panels.probe", probe) == {"typing": 1, "ui.app.main_window": 3}
    assert imports_of("ui.app.panels.probe", probe, module_level_only=True) == {"typing": 1}
    assert own_module("db.queries.claim_rows.claims_citing") == "db.queries.claim_rows"


# --- no circles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "package",
    [
        "workbench",
        "db",
        "ui",
    ],
)
def test_no_module_imports_a_module_that_imports_it_back(package):
    circles = [c for c in cycles(import_graph()) if any(in_package(m, package) for m in c)]
    described = [
        [
            f"{a} -> {b} (line {import_graph()[a][b]})"
            for a in circle
            for b in import_graph()[a]
            if b in circle
        ]
        for circle in circles
    ]
    assert described == []


def test_cycle_finder_finds_a_circle_through_a_lazy_import():
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 9}, "d": {"a": 1}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b": 1}, "b": {}}) == []


# --- the CLI starts without Qt -----------------------------------------------------------------


def test_cli_loads_no_qt():
    """Import every ui/cli module (and the subcommands the parser loads) in a fresh interpreter."""
    names = sorted(n for n in modules() if in_package(n, "ui.cli"))
    assert "ui.cli.main" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "import ui.cli.main\n"
        "ui.cli.main.build_parser()\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(qt), qt[:5])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "0 []", out.stdout + out.stderr
