"""Read a problem package directory: its limits, output-validator flags and test cases.

The subset of the ICPC/Kattis problem package format the judge needs (legacy and 2023-07
spellings of limits and flags, `data/sample` and nested `data/secret` groups). Errors name
the file and key, and all of them are collected before one `PackageError` is raised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from appliance.errors import PackageError
from judge.judging import TestCase
from judge.limits import Limits, MiB
from judge.validators.default import FlagError, Flags, parse_flags

DEFAULT_TIME_LIMIT = 1.0  # seconds, when the package states none

# problem.yaml limits key -> (Limits field, unit multiplier)
_LIMIT_KEYS = {
    "time_limit": ("time", 1),
    "memory": ("memory", MiB),
    "output": ("output", MiB),
    "compilation_time": ("compile_time", 1),
    "compilation_memory": ("compile_memory", MiB),
}
# Keys of the format that the judge does not use (yet); accepted silently.
_OTHER_LIMIT_KEYS = {"time_multiplier", "time_multipliers", "time_safety_margin",
                     "time_resolution", "code", "validation_time", "validation_memory",
                     "validation_output", "validation_passes"}


@dataclass(frozen=True)
class Problem:
    """What judging needs from a package."""

    path: Path
    name: str
    limits: Limits
    flags: Flags
    tests: tuple[TestCase, ...]
    time_limit_given: bool


def _read_yaml(path: Path, errors: list[str]) -> dict[str, Any]:
    if not path.is_file():
        errors.append(f"{path}: missing")
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        errors.append(f"{path}: not valid YAML: {str(exc).splitlines()[0]}")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        errors.append(f"{path}: must be a mapping of keys to values")
        return {}
    return data


def _limits(raw: Any, where: Path, errors: list[str]) -> tuple[Limits, bool]:
    if raw is None:
        return Limits(time=DEFAULT_TIME_LIMIT), False
    if not isinstance(raw, dict):
        errors.append(f"{where}: key 'limits' must be a mapping")
        return Limits(time=DEFAULT_TIME_LIMIT), False
    values: dict[str, float | int] = {"time": DEFAULT_TIME_LIMIT}
    for key, value in raw.items():
        if key in _OTHER_LIMIT_KEYS:
            continue
        if key not in _LIMIT_KEYS:
            errors.append(f"{where}: unknown key 'limits.{key}'")
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0 \
                or not math.isfinite(value):
            errors.append(f"{where}: 'limits.{key}' must be a positive number, not {value!r}")
            continue
        name, unit = _LIMIT_KEYS[key]
        values[name] = value * unit if unit == 1 else int(value * unit)
    return Limits(**values), "time_limit" in raw


def _name(raw: Any) -> str:
    if isinstance(raw, dict):
        return str(raw.get("en") or next(iter(raw.values()), ""))
    return str(raw) if raw is not None else ""


def _tests(path: Path, errors: list[str]) -> tuple[TestCase, ...]:
    tests = []
    for group in ("sample", "secret"):
        folder = path / "data" / group
        if not folder.is_dir():
            if group == "secret":
                errors.append(f"{folder}: missing (a package needs secret test data)")
            continue
        for infile in sorted(folder.rglob("*.in")):
            answer = infile.with_suffix(".ans")
            if not answer.is_file():
                errors.append(f"{infile}: has no answer file {answer.name}")
                continue
            name = infile.relative_to(path / "data").with_suffix("").as_posix()
            tests.append(TestCase(name=name, input=infile, answer=answer))
    if not tests and not errors:
        errors.append(f"{path / 'data'}: no test cases (*.in with *.ans)")
    return tuple(tests)


def load_problem(path: Path) -> Problem:
    """Read a package; raise `PackageError` listing every problem found."""
    errors: list[str] = []
    if not path.is_dir():
        raise PackageError(f"{path}: not a problem package directory")
    where = path / "problem.yaml"
    meta = _read_yaml(where, errors)
    limits, given = _limits(meta.get("limits"), where, errors)
    flags = Flags()
    raw_flags = meta.get("validator_flags", "")
    if not isinstance(raw_flags, str):
        errors.append(f"{where}: 'validator_flags' must be a string of flags")
    else:
        try:
            flags = parse_flags(raw_flags.split())
        except FlagError as exc:
            errors.append(f"{where}: 'validator_flags': {exc}")
    tests = _tests(path, errors)
    if errors:
        raise PackageError("; ".join(errors))
    return Problem(path=path, name=_name(meta.get("name")) or path.name, limits=limits,
                   flags=flags, tests=tests, time_limit_given=given)
