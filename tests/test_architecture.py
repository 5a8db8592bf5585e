"""The architecture rules of STYLE.md, enforced: sizes, function lengths, import direction.

Complexity (<= 14) and lint are enforced by ruff (C901) in ``make lint``; these tests keep
the rules ruff cannot express.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "paradiplo_net"
MAX_FILE_LINES = 800
MAX_FUNCTION_CODE_LINES = 80

#: Layers, bottom to top: a module may import from its own layer or a lower one.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "_checks", "_files", "settings", "i18n"}),
    frozenset({"model"}),
    frozenset({"geo", "_igraph"}),
    frozenset({"io", "wikidata", "datasets"}),
    frozenset({"phases", "temporal", "stats", "countries"}),
    frozenset(
        {
            "centrality",
            "diffusion",
            "communities",
            "innovation",
            "gravity",
            "survival",
            "paths",
            "multilateral",
            "konect",
            "survey",
            "merge",
        }
    ),
    frozenset({"plot"}),
    frozenset({"replay", "figures"}),
    frozenset({"cli"}),
)


def _files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _unit(path: Path) -> str:
    """The top-level module or subpackage a file belongs to (``plot`` for plot/_maps.py)."""
    rel = path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def _layer(unit: str) -> int:
    for i, layer in enumerate(LAYERS):
        if unit in layer:
            return i
    raise AssertionError(f"module {unit!r} has no layer in tests/test_architecture.py::LAYERS")


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    total = (node.end_lineno or node.lineno) - node.lineno + 1
    first = node.body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        total -= (first.end_lineno or first.lineno) - first.lineno + 1
    return total


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_file_is_small(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_FILE_LINES, f"{path.name}: {n} lines > {MAX_FILE_LINES}; split it by concern"


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_are_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({_code_lines(node)} code lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and _code_lines(node) > MAX_FUNCTION_CODE_LINES
    ]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_CODE_LINES} code lines: {long}"


def _imported_units(path: Path) -> set[str]:
    """Package modules a file imports (relative or absolute, at top level or in functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for top-level modules
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "paradiplo_net" and len(parts) > 1:
                    found.add(parts[1])
                continue
            if node.level <= depth:  # inside its own subpackage
                continue
            mod = (node.module or "").split(".")[0]
            if mod:
                found.add(mod)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "paradiplo_net" and len(parts) > 1:
                    found.add(parts[1])
    return found


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path):
    if path.name == "__init__.py" and path.parent == PACKAGE:
        return  # the package root lists every public module
    unit = _unit(path)
    here = _layer(unit)
    upward = sorted(
        u
        for u in _imported_units(path) - {unit, "__version__"}
        if u in {m for layer in LAYERS for m in layer} and _layer(u) > here
    )
    assert not upward, f"{path.relative_to(PACKAGE)} ({unit}) imports from higher layers: {upward}"


def test_py_typed_ships():
    assert (PACKAGE / "py.typed").is_file()
