"""What the console may import: it is an HTTP client of the server, so nothing of the server's
own packages, and its parts never import the app that assembles them (pure, by `ast`)."""

from __future__ import annotations

import ast
from pathlib import Path

import tui
from appliance.similarity.fingerprints import DEFAULT_MIN

TUI = Path(tui.__file__).parent
SERVER_PACKAGES = {"appliance", "judge", "web", "cli"}


def imported(source: str, package: str) -> set[str]:
    """Every module a source in `package` imports, wherever the import stands (in a function,
    under TYPE_CHECKING), `__import__("x")` and `importlib.import_module("x")` included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]) \
                if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and node.args and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name in ("__import__", "import_module"):
                found.add(node.args[0].value)
    return found


def console_imports() -> dict[str, set[str]]:
    """Each of the console's files (as `tui/...`) with the modules it imports."""
    return {str(path.relative_to(TUI.parent)): imported(
        path.read_text(), ".".join(path.relative_to(TUI.parent).parts[:-1]))
        for path in sorted(TUI.rglob("*.py"))}


def test_imports_are_found_wherever_they_stand() -> None:
    source = """
import os.path
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from web.app import make_app
def later():
    from . import render
    from ..client import JuryClient
    return __import__("judge"), importlib.import_module("cli.main")
"""
    assert imported(source, "tui.panes") >= {
        "os.path", "typing", "web.app", "web.app.make_app", "tui.panes.render", "tui.client",
        "tui.client.JuryClient", "judge", "cli.main"}


def test_the_console_imports_nothing_of_the_server() -> None:
    wrong = {f"{path}: {module}" for path, modules in console_imports().items()
             for module in modules if module.split(".")[0] in SERVER_PACKAGES}
    assert not wrong


def test_no_part_of_the_console_imports_its_app() -> None:
    """The app assembles the panes and hears their messages; they never reach back."""
    wrong = {path for path, modules in console_imports().items() if path != "tui/app.py"
             and any(m == "tui.app" or m.startswith("tui.app.") for m in modules)}
    assert not wrong


def test_the_similarity_pane_states_the_servers_default_threshold() -> None:
    from tui.panes.similarity import MIN_SIMILARITY

    assert MIN_SIMILARITY == DEFAULT_MIN
