"""A package's attachments (problem package format 2025-09, "Attachments"): the files
directly in `attachments/`, offered to solvers for download beside the statement. A
folder there is no attachment; `templates/` is the format's own (code templates), any
other folder an error of the package. A name that could not be given safely as a
download's file name (hidden, a control character, a link out of the folder) is not
offered."""

from __future__ import annotations

from pathlib import Path

from appliance.problems.load import Problem

FOLDER = "attachments"
_KNOWN_FOLDERS = ("templates",)


def attachments(package: Problem) -> list[Path]:
    """The files offered for download, by name."""
    folder = package.path / FOLDER
    if not folder.is_dir():
        return []
    return [path for path in sorted(folder.iterdir()) if _offered(folder, path)]


def attachment(package: Problem, name: str) -> Path | None:
    """The attachment called `name` (a name from a URL), or None for any other."""
    return next((path for path in attachments(package) if path.name == name), None)


def attachment_problems(package: Problem) -> list[str]:
    """What the format calls an error in `attachments/`: a folder it does not define."""
    folder = package.path / FOLDER
    if not folder.is_dir():
        return []
    return [f"{FOLDER}/{entry.name}: a folder the format does not define (zip it and attach "
            "the zip instead)" for entry in sorted(folder.iterdir())
            if entry.is_dir() and not entry.name.startswith(".")
            and entry.name not in _KNOWN_FOLDERS]


def _offered(folder: Path, path: Path) -> bool:
    name = path.name
    if name.startswith(".") or any(ord(c) < 32 or ord(c) == 127 or c in "\\\"" for c in name):
        return False
    try:
        real = path.resolve(strict=True)
        return real.parent == folder.resolve(strict=True) and real.is_file()
    except (OSError, RuntimeError):
        return False
