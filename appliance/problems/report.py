"""Collect a problem package's errors and warnings, each naming the file and the key at fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LEGACY = "legacy"
V2023 = "2023-07"  # also read for the spellings "2023-07-draft" of the same format
V2025 = "2025-09"  # the format as finalised: 2023-07's folders and keys, settled
MAX_WHAT = 500  # characters of one problem's description


@dataclass
class Report:
    """Every problem found in one package: errors refuse it, warnings only go along with it."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, file: Path, key: str, what: str) -> None:
        self.errors.append(_line(file, key, what))

    def warning(self, file: Path, key: str, what: str) -> None:
        self.warnings.append(_line(file, key, what))


def _line(file: Path, key: str, what: str) -> str:
    """One line "FILE: key: what is wrong" (without the key when the whole file is meant).

    Lines are joined with "; " into one message, so a "; " or a line break inside `what`
    (a YAML parser's message, say) becomes ", ". A long description is cut."""
    what = " ".join(what.split()).replace("; ", ", ")
    if len(what) > MAX_WHAT:  # a hostile file's value, shown whole, would flood the report
        what = f"{what[:MAX_WHAT]}… ({len(what):,} characters)"
    return f"{file}: {key}: {what}" if key else f"{file}: {what}"
