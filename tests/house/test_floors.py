"""The house as built: each part imports only the floors below it, no module imports one
that imports it back, the web holds no SQL, and the core's own folder stays small.

Imports are read from the source with `ast`, every one of them: at the top, inside
functions (lazy imports), under `TYPE_CHECKING`, `__import__` and `import_module` alike.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import REPO

PARTS = ("cli", "web", "tui", "appliance", "judge")
# What each part may import of the others (itself always): the floors, top to bottom.
MAY_IMPORT = {
    "cli": {"web", "tui", "appliance", "judge"},
    "web": {"appliance", "judge"},
    "tui": set(),
    "appliance": {"judge"},
    "judge": set(),
}
APPLIANCE_ROOT_MODULES_AT_MOST = 14


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> Iterator[Path]:
    for part in PARTS:
        yield from sorted((REPO / part).rglob("*.py"))


MODULES = {module_name(path): path for path in sources()}


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import in the file, relative ones resolved."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path),
                      path.name == "__init__.py")


def imports_in(source: str, here: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import in the source of module `here`."""
    package = here if is_package else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "id", getattr(node.func, "attr", None))
              in ("__import__", "import_module")):
            yield node.lineno, node.args[0].value


def project_imports(path: Path) -> Iterator[tuple[int, str]]:
    """The project's modules this file imports (a `from package import module` names the
    module; a name that is no module names its package)."""
    seen = set()
    for line, name in imported_names(path):
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module_name(path) and (line, name) not in seen:
            seen.add((line, name))
            yield line, name


def test_each_part_imports_only_the_floors_below_it() -> None:
    upward = []
    for name, path in MODULES.items():
        part = name.split(".")[0]
        for line, target in project_imports(path):
            other = target.split(".")[0]
            if other != part and other not in MAY_IMPORT[part]:
                upward.append(f"{path.relative_to(REPO)}:{line} imports {target}")
    assert upward == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = {name: {t for _, t in project_imports(path)} for name, path in MODULES.items()}
    cycles, state = [], dict.fromkeys(graph, 0)  # 0 unseen, 1 on the path, 2 done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state[nxt] == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]))
            elif state[nxt] == 0:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [node])
    assert cycles == []


def test_the_web_holds_no_sql() -> None:
    found = []
    for path in sorted((REPO / "web").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, name in imported_names(path):
            if name.split(".")[0] in ("sqlite3", "sqlite_utils"):
                found.append(f"{path.relative_to(REPO)}:{line} imports {name}")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "executemany", "query")):
                found.append(f"{path.relative_to(REPO)}:{node.lineno} calls .{node.func.attr}(")
    assert found == []


def test_the_core_keeps_its_own_folder_small() -> None:
    modules = sorted(p.name for p in (REPO / "appliance").glob("*.py"))
    assert len(modules) <= APPLIANCE_ROOT_MODULES_AT_MOST, modules


@pytest.mark.parametrize(("source", "expected"), [
    ("from appliance.store import Store\n", "appliance.store.Store"),
    ("def f():\n    from web.serve import serve\n", "web.serve"),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tui.app import App\n",
     "tui.app"),
    ("from .. import limits\n", "judge.limits"),
    ("from ..errors import JudgeError\n", "judge.errors.JudgeError"),
    ("x = __import__('web')\n", "web"),
    ("import importlib\nm = importlib.import_module('cli.main')\n", "cli.main"),
])
def test_the_reader_sees_every_kind_of_import(source: str, expected: str) -> None:
    assert expected in {name for _, name in imports_in(source, "judge.validators.default", False)}
