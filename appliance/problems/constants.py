"""problem.yaml `constants`, and `{{name}}` replaced by them where the format says.

A constant is a scalar (integer, float or string) or a map with a required `value` and
other keys naming variants (`tex: 5,000,000`). `{{name}}` and `{{name.value}}` stand for
the value, `{{name.variant}}` for a variant; LaTeX statements say `\\constant{name}`.
The 2025-09 format replaces them in Markdown statements, input and output validators,
included files, example submissions and `test_group.yaml`, never in test data nor in
problem.yaml itself. A sequence naming no constant stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from appliance.problems.report import Report
from appliance.problems.yaml_files import shown
from judge.programs import ProgramSource

Constants = Mapping[str, Mapping[str, str]]  # name -> variant ("value" first) -> text

_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_SEQUENCE = re.compile(r"\{\{([a-zA-Z_][a-zA-Z0-9_]*)(?:\.([a-zA-Z0-9_]+))?\}\}")
_LATEX = re.compile(r"\\constant\s*\{\s*([a-zA-Z_][a-zA-Z0-9_]*)(?:\.([a-zA-Z0-9_]+))?\s*\}")
_DIGIT_GROUPS = re.compile(r"\\,|\{,\}|[,\s'_~]|\\ ")  # how variants group digits


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _text(value: str | int | float) -> str:
    return value if isinstance(value, str) else str(value)


def read_constants(raw: Any, file: Path, report: Report, strict: bool) -> dict[str, dict[str, str]]:
    """Check problem.yaml `constants` (a wrong one is an error if `strict`, else a warning,
    as 2023-07 drafts were looser) and return them as text, each with its variants."""
    complain = report.error if strict else report.warning
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        complain(file, "constants", f"must be a map of names to values, not {shown(raw)}")
        return {}
    found: dict[str, dict[str, str]] = {}
    for name, value in raw.items():
        key = f"constants.{name}"
        if not _NAME.match(name):
            complain(file, key, "a constant's name must match [a-zA-Z_][a-zA-Z0-9_]*")
            continue
        if _scalar(value):
            found[name] = {"value": _text(value)}
            continue
        if not isinstance(value, dict) or not _scalar(value.get("value")) \
                or not all(_scalar(v) for v in value.values()):
            complain(file, key, "must be an integer, a float, a string, or a map with "
                     f"'value' and variants of those, not {shown(value)}")
            continue
        found[name] = {"value": _text(value["value"]),
                       **{str(k): _text(v) for k, v in value.items() if k != "value"}}
        for variant, text in found[name].items():
            if _differs(found[name]["value"], text):
                report.warning(file, f"{key}.{variant}", f"{text!r} seems not to be the value "
                               f"{found[name]['value']!r}")
    return found


def _differs(value: str, variant: str) -> bool:
    """Best effort, as the format asks: a variant of digits grouped (`5,000,000`, `5\\,000`)
    that reads as another number than the value."""
    digits = _DIGIT_GROUPS.sub("", variant)
    if not re.fullmatch(r"[+-]?\d+", digits) or not re.fullmatch(r"[+-]?\d+", value.strip()):
        return False
    return int(digits) != int(value)


def substitute(text: str, constants: Constants) -> str:
    """`{{name}}` and `{{name.variant}}` replaced by the constant; unknown ones kept."""
    if not constants or "{{" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        variants = constants.get(match.group(1))
        if variants is None:
            return match.group(0)
        return variants.get(match.group(2) or "value", match.group(0))
    return _SEQUENCE.sub(one, text)


def substitute_latex(text: str, constants: Constants) -> str:
    """`\\constant{name}` and `\\constant{name.variant}` replaced, for LaTeX statements;
    one naming no constant is kept (the converter then warns of an unknown command)."""
    if not constants or "\\constant" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        variants = constants.get(match.group(1), {})
        return variants.get(match.group(2) or "value", match.group(0))
    return _LATEX.sub(one, text)


def unknown_sequences(text: str, constants: Constants) -> list[str]:
    """The `{{...}}` sequences naming no constant or no variant of one (tools may warn)."""
    return [m.group(0) for m in _SEQUENCE.finditer(text)
            if (m.group(2) or "value") not in constants.get(m.group(1), {})]


def with_constants(source: ProgramSource, constants: Constants) -> ProgramSource:
    """A program (validator, example submission) with its text files' constants replaced;
    files that are not UTF-8 text are left as they are."""
    if not constants:
        return source
    files: dict[str, bytes] = {}
    for name, data in source.files.items():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            files[name] = data
            continue
        files[name] = substitute(text, constants).encode("utf-8")
    return replace(source, files=files)
