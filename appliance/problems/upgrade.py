"""Rewrite a legacy or 2023-07 package as 2025-09 (`podium package upgrade`).

The mapping is pure (`upgrade_problem_yaml`, `upgrade_group_yaml`, `statement_name`) and
keeps what the package means: the same tests, validator arguments, time-limit rule and
expected outcomes, in 2025-09's spelling. problem.yaml: `validation` becomes `type`,
`author` becomes `credits.authors`, `source`/`source_url` one `source` map, legacy
`time_multiplier`/`time_safety_margin` become `time_multipliers` (written out when the legacy
defaults, 5 and 2, differ from 2025-09's, 2 and 1.5), `validator_flags` moves to
`output_validator_args` in data/sample and data/secret's test_group.yaml (and is put in
front of any group's or test's own, since the nearest configuration replaces the rest),
a missing uuid is made. testdata.yaml becomes test_group.yaml with `*_flags` renamed
`*_args` as lists. Folders: problem_statement/ → statement/ (problem.tex → problem.en.tex),
output_validators/ → output_validator/ (its one program's files), input_format_validators/ →
input_validators/, data/invalid_inputs (and the other plurals of 2023-07 drafts) →
singular. A legacy scoring problem's grader settings become max_score and
score_aggregation where they mean the same (`upgrade_scoring.py`); `.desc`/`.hint`,
data/bad, domjudge-problem.ini and Podium's own submission folders as `upgrade_parts.py`
says. What 2025-09 has no
word for (other legacy scoring keys, Podium's own submission folders) is kept as it is, with
a note. `upgrade_package` does the I/O: it loads the package
first (a broken one is refused), writes the result to a new folder (or replaces the
original only once the new one is complete) and loads the result as 2025-09.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from appliance.errors import PackageError
from appliance.problems.limits import LEGACY_RULE, TimeLimitRule
from appliance.problems.load import Problem, load_problem
from appliance.problems.report import LEGACY, V2025
from appliance.problems.scoring import read_groups as read_legacy_groups
from appliance.problems.upgrade_parts import (
    bad_cases,
    case_texts,
    fold_ini,
    ini_keys,
    submissions_yaml,
)
from appliance.problems.upgrade_scoring import LEGACY_KEYS, legacy_to_2025
from appliance.problems.yaml_files import parse_yaml

_NEW_RULE = TimeLimitRule()  # 2025-09's defaults
_AND = re.compile(r",|\band\b|&")
_STATEMENT = re.compile(r"^(problem|solution|problem-slide)\.(md|tex|pdf)$")
_RESOLUTIONS = (1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.01, 0.001)
_FOLDER_RENAMES = (("problem_statement", "statement"),
                   ("input_format_validators", "input_validators"))
_DATA_RENAMES = (("invalid_inputs", "invalid_input"), ("invalid_outputs", "invalid_output"),
                 ("valid_outputs", "valid_output"), ("invalid_answers", "invalid_answer"))
_ARG_KEYS = (("output_validator_flags", "output_validator_args"),
             ("input_validator_flags", "input_validator_args"))
_LEGACY_SCORING = ("on_reject", "grading", "grader_flags", "accept_score", "reject_score",
                   "range")
_KEY_ORDER = ("problem_format_version", "type", "name", "uuid", "version", "credits",
              "source", "license", "rights_owner", "embargo_until", "limits", "keywords",
              "languages", "allow_file_writing", "constants")
_FORMAT_FOLDERS = {"accepted", "rejected", "wrong_answer", "time_limit_exceeded",
                   "run_time_error", "brute_force"}


@dataclass
class Upgraded:
    """problem.yaml as 2025-09, the output validator arguments it no longer holds, and what
    the upgrade could not say in 2025-09 or changed on its own."""

    problem_yaml: dict[str, Any]
    validator_args: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def upgrade_problem_yaml(data: dict[str, Any], version: str, names: dict[str, str],
                         new_uuid: Callable[[], str] = lambda: str(uuid_module.uuid4()),
                         ) -> Upgraded:
    """problem.yaml's keys (as read, from a package of `version`) in 2025-09's spelling.
    `names` are the problem's names per language as the package gives them (a legacy name
    may come from a LaTeX statement)."""
    old = {k: v for k, v in data.items() if v is not None}
    new: dict[str, Any] = {"problem_format_version": V2025}
    out = Upgraded(new)
    types = _types(old, version)
    if types != ["pass-fail"]:
        new["type"] = types[0] if len(types) == 1 else types
    if names:
        new["name"] = names["en"] if set(names) == {"en"} else dict(names)
    new["uuid"] = old.get("uuid") or new_uuid()
    if "uuid" not in old:
        out.notes.append("problem.yaml: uuid: made one (2025-09 requires it)")
    for key in ("version", "license", "rights_owner", "embargo_until", "languages",
                "allow_file_writing", "constants"):
        if key in old:
            new[key] = old[key]
    credits = old.get("credits")
    if credits is None and isinstance(old.get("author"), str):
        people = [p.strip() for p in _AND.split(old["author"]) if p.strip()]
        credits = {"authors": people[0] if len(people) == 1 else people} if people else None
    if isinstance(credits, str):
        credits = {"authors": credits}
    if credits:
        new["credits"] = credits
    source = _source(old.get("source"), old.get("source_url"))
    if source is not None:
        new["source"] = source
    limits = _limits(old.get("limits"), version, out.notes)
    if limits:
        new["limits"] = limits
    keywords = old.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split()
    if keywords:
        new["keywords"] = keywords
    flags = old.get("validator_flags")
    if flags:
        out.validator_args = flags.split() if isinstance(flags, str) else list(flags)
    if "grading" in old:
        out.notes.append("problem.yaml: grading: dropped (2025-09 says max_score and "
                         "score_aggregation in test_group.yaml)")
    out.problem_yaml = {k: new[k] for k in _KEY_ORDER if k in new}
    return out


def _types(old: dict[str, Any], version: str) -> list[str]:
    """2025-09 `type` from 2023-07 `type`, or legacy `type` and `validation`."""
    if version != LEGACY and "type" in old:
        given = old["type"]
        return list(given) if isinstance(given, list) else [given]
    types = []
    validation = str(old.get("validation", "default")).split()
    if "interactive" in validation:
        types.append("interactive")
    if "multi-pass" in validation:
        types.append("multi-pass")
    if old.get("type") == "scoring" or "score" in validation:
        types.append("scoring")
    return types or ["pass-fail"]


def _source(source: Any, url: Any) -> Any:
    """One `source`: legacy text and `source_url` become a map with name and url."""
    if isinstance(source, str) and isinstance(url, str):
        return {"name": source, "url": url}
    if source is None and isinstance(url, str):
        return {"name": url, "url": url}
    return source


def _limits(raw: Any, version: str, notes: list[str]) -> dict[str, Any]:
    """`limits` with legacy multipliers as `time_multipliers`; the legacy defaults written out
    so that the inferred time limit stays what it was."""
    limits = dict(raw) if isinstance(raw, dict) else {}
    multipliers = dict(limits.pop("time_multipliers", None) or {})
    base = LEGACY_RULE if version == LEGACY else _NEW_RULE
    for legacy_key, key in (("time_multiplier", "ac_to_time_limit"),
                            ("time_safety_margin", "time_limit_to_tle")):
        value = limits.pop(legacy_key, None)
        value = multipliers.get(key, value if value is not None else getattr(base, key))
        if value != getattr(_NEW_RULE, key):
            multipliers[key] = value
        else:
            multipliers.pop(key, None)
    if multipliers:
        limits["time_multipliers"] = multipliers
    stated = limits.get("time_limit")
    resolution = float(limits.get("time_resolution", 1.0))
    if isinstance(stated, int | float) and not _whole(stated, resolution):
        finer = next((r for r in _RESOLUTIONS if _whole(stated, r)), None)
        if finer is not None:
            limits["time_resolution"] = finer
            notes.append(f"problem.yaml: limits.time_resolution: {finer:g} (2025-09 wants "
                         f"time_limit {stated:g} to be a whole multiple of it)")
    return limits


def _whole(value: float, step: float) -> bool:
    return float(round(value / step, 9)).is_integer()


def upgrade_group_yaml(data: dict[str, Any], base_args: list[str], where: str,
                       notes: list[str]) -> dict[str, Any]:
    """A testdata.yaml (or 2023-07 test_group.yaml / test case .yaml) as 2025-09 says it:
    `*_flags` renamed `*_args` as lists; problem.yaml's validator arguments put in front of
    the group's own (`base_args`, [] when there are none)."""
    new: dict[str, Any] = {}
    for key, value in data.items():
        renamed = dict(_ARG_KEYS).get(key, key)
        if renamed != key and renamed in data:
            notes.append(f"{where}: {key}: dropped ({renamed} is given too)")
            continue
        if key == "output_validator_flags" and isinstance(value, dict):
            value = value.get("flags", "")
        new[renamed] = _as_list(value) if renamed in dict(_ARG_KEYS).values() else value
    scoring = new.pop("scoring", None)
    if isinstance(scoring, dict):  # 2023-07 drafts: scoring: {score, aggregation}
        for key, renamed in (("score", "max_score"), ("aggregation", "score_aggregation"),
                             ("require_pass", "require_pass")):
            if key in scoring and renamed not in new:
                new[renamed] = scoring[key]
        left = sorted(set(scoring) - {"score", "aggregation", "require_pass"})
        if left:
            notes.append(f"{where}: scoring: {', '.join(left)}: dropped (not in 2025-09)")
    elif scoring is not None:
        new["scoring"] = scoring
    if "output_validator_args" in new and base_args:
        new["output_validator_args"] = list(base_args) + new["output_validator_args"]
    kept = [k for k in _LEGACY_SCORING if k in new]
    if kept:
        notes.append(f"{where}: {', '.join(kept)}: kept as legacy keys (2025-09 scores with "
                     "max_score and score_aggregation: check by hand)")
    return new


def _as_list(value: Any) -> Any:
    """Arguments as a list of strings; a map (per input validator) keeps its keys."""
    if isinstance(value, dict):
        return {name: _as_list(args) for name, args in value.items()}
    if isinstance(value, str):
        return value.split()
    return [v if isinstance(v, str) else repr(v) for v in value] if isinstance(value, list) \
        else value


def statement_name(name: str) -> str:
    """problem.tex (a statement without a language, English) → problem.en.tex."""
    match = _STATEMENT.match(name)
    return f"{match.group(1)}.en.{match.group(2)}" if match else name


# --- I/O ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UpgradeResult:
    """Where the 2025-09 package is, and what to look at by hand."""

    path: Path
    problem: Problem
    notes: tuple[str, ...]


def default_out(path: Path) -> Path:
    """Where the upgrade goes unless told: next to the package, "-2025-09" added."""
    return path.parent / f"{path.name}-2025-09"


def upgrade_package(path: Path, out: Path | None = None, in_place: bool = False,
                    ) -> UpgradeResult:
    """Write `path` as a 2025-09 package into `out` (a new folder; default `default_out`),
    or over `path` itself when `in_place` (the original goes only once the new one loads).
    Raises `PackageError` with one line for a broken package or a taken `out`."""
    path = path.resolve() if path.exists() else path
    problem = _load(path, "not upgraded")
    if problem.format_version == V2025:
        raise PackageError(f"{path}: already a 2025-09 package")
    target = path if in_place else (out or default_out(path))
    if not in_place and target.exists():
        raise PackageError(f"{target}: already exists (choose another --out)")
    if not in_place and target.resolve().is_relative_to(path):
        raise PackageError(f"{target}: inside the package being upgraded")
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}-upgrade-", dir=target.parent
                                 if target.parent.is_dir() else None))
    try:
        built = work / path.name
        notes = _write(path, built, problem)
        _load(built, "the upgraded package does not load")
        if in_place:
            old = work / f"{path.name}.old"
            path.rename(old)
            built.rename(path)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(built, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return UpgradeResult(target, load_problem(target), tuple(notes))


def _load(path: Path, what: str) -> Problem:
    try:
        return load_problem(path)
    except PackageError as exc:
        raise PackageError(f"{path}: {what}: {exc}") from exc


def _write(source: Path, dest: Path, problem: Problem) -> list[str]:
    """Copy the package to `dest` with 2025-09's folder names and YAML; the notes."""
    shutil.copytree(source, dest, symlinks=True)
    notes: list[str] = []
    for old, new in _FOLDER_RENAMES:
        _merge_folder(dest / old, dest / new, notes)
    _output_validator(dest, problem, notes)
    statements = dest / "statement"
    for file in sorted(statements.iterdir()) if statements.is_dir() else []:
        renamed = statement_name(file.name)
        if renamed != file.name and not (statements / renamed).exists():
            file.rename(statements / renamed)
    data = dest / "data"
    for old, new in _DATA_RENAMES:
        _merge_folder(data / old, data / new, notes)
    case_texts(data, notes)
    bad_cases(data, notes)
    raw = parse_yaml((source / "problem.yaml").read_text(encoding="utf-8")) or {}
    names = problem.names
    ini = dest / "domjudge-problem.ini"
    if ini.is_file():
        fold_ini(raw, ini_keys(ini.read_text(encoding="utf-8")), notes)
        names = names or ({"en": raw["name"]} if isinstance(raw.get("name"), str) else {})
        ini.unlink()
        notes.append("domjudge-problem.ini: folded into problem.yaml")
    if (dest / "generators" / "generators.yaml").is_file():
        notes.append("generators/generators.yaml: kept as it is")
    upgraded = upgrade_problem_yaml(raw, problem.format_version, names)
    notes += upgraded.notes
    _dump(upgraded.problem_yaml, dest / "problem.yaml")
    _data_yaml(dest, upgraded.validator_args, notes)
    if problem.scoring and problem.format_version == LEGACY:
        notes[:] = _scoring_yaml(source, dest, problem, notes)
    submissions = dest / "submissions"
    submissions_yaml(submissions, notes)
    for folder in sorted(submissions.iterdir()) if submissions.is_dir() else []:
        if folder.is_dir() and folder.name not in _FORMAT_FOLDERS:
            notes.append(f"submissions/{folder.name}: kept (not a 2025-09 default folder; "
                         "Podium reads it)")
    return notes


def _merge_folder(old: Path, new: Path, notes: list[str]) -> None:
    """Rename `old` to `new`; when both exist, move `old`'s entries in (a name in both:
    note, and keep `new`'s)."""
    if not old.is_dir():
        return
    if not new.exists():
        old.rename(new)
        return
    for entry in sorted(old.iterdir()):
        if (new / entry.name).exists():
            notes.append(f"{old.name}/{entry.name}: dropped ({new.name}/ has one)")
        else:
            entry.rename(new / entry.name)
    shutil.rmtree(old)


def _output_validator(dest: Path, problem: Problem, notes: list[str]) -> None:
    """output_validator/ holds the one program Podium judges with; a legacy validator that
    problem.yaml does not use (validation: default) is dropped, as its folder would make it
    the validator in 2025-09."""
    legacy = dest / "output_validators"
    if not legacy.is_dir():
        return
    modern = dest / "output_validator"
    used = problem.output_validator
    if used is None or modern.exists():
        notes.append("output_validators/: dropped (" + ("not used: validation is default)"
                     if used is None else "output_validator/ exists)"))
        shutil.rmtree(legacy)
        return
    inside = used.relative_to(problem.path / "output_validators") \
        if used.is_relative_to(problem.path / "output_validators") else Path(".")
    program = legacy / inside
    if program.is_dir():
        if program != legacy and len(list(legacy.iterdir())) > 1:
            notes.append(f"output_validators/: only {inside} kept (2025-09 has one output "
                         "validator)")
        program.rename(modern)
        if legacy.exists():
            shutil.rmtree(legacy)
    else:
        modern.mkdir()
        program.rename(modern / program.name)
        shutil.rmtree(legacy)


def _data_yaml(dest: Path, base_args: list[str], notes: list[str]) -> None:
    """testdata.yaml → test_group.yaml, test cases' own .yaml, and problem.yaml's validator
    arguments moved into sample/ and secret/ (where 2025-09 lets a test_group.yaml stand)."""
    data = dest / "data"
    if not data.is_dir():
        return
    for file in sorted(data.rglob("*.yaml")):
        if file.name not in ("testdata.yaml", "test_group.yaml") \
                and not file.with_suffix(".in").is_file():
            continue
        target = file.with_name("test_group.yaml") if file.name == "testdata.yaml" else file
        if target != file and target.exists():
            notes.append(f"{file.relative_to(dest)}: dropped (test_group.yaml is there too)")
            file.unlink()
            continue
        content = parse_yaml(file.read_text(encoding="utf-8")) or {}
        upgraded = upgrade_group_yaml(content, base_args, str(file.relative_to(dest)), notes)
        file.unlink()
        _dump(upgraded, target)
    root = data / "test_group.yaml"
    root_args = (parse_yaml(root.read_text(encoding="utf-8")) or {}).get(
        "output_validator_args") if root.is_file() else None
    inherited = root_args if root_args is not None else base_args
    for top in ("sample", "secret"):
        group = data / top / "test_group.yaml"
        if not inherited or not (data / top).is_dir():
            continue
        content = (parse_yaml(group.read_text(encoding="utf-8")) or {}) if group.is_file() \
            else {}
        if "output_validator_args" not in content:
            content["output_validator_args"] = list(inherited)
            _dump(content, group)


def _scoring_yaml(source: Path, dest: Path, problem: Problem, notes: list[str]) -> list[str]:
    """A legacy scoring problem's grader settings as max_score and score_aggregation in
    secret's and its groups' test_group.yaml; when every group translates, the legacy keys
    go (and their notes); otherwise they stay, with a note on what did not translate."""
    keys, left = legacy_to_2025(read_legacy_groups(source), [t.name for t in problem.tests])
    data = dest / "data"
    for name, values in keys.items():
        file = data / name / "test_group.yaml"
        content = (parse_yaml(file.read_text(encoding="utf-8")) or {}) if file.is_file() \
            else {}
        _dump({**content, **values}, file)
    if not keys:
        return notes + left
    for file in sorted(data.rglob("test_group.yaml")):
        content = parse_yaml(file.read_text(encoding="utf-8")) or {}
        kept = {k: v for k, v in content.items() if k not in LEGACY_KEYS}
        if not kept and file.parent == data:
            file.unlink()
        elif kept != content:
            _dump(kept, file)
    return [n for n in notes if "kept as legacy keys" not in n] + [
        f"data/{name}/test_group.yaml: max_score {v['max_score']}, score_aggregation "
        f"{v['score_aggregation']} (from the legacy grader settings)"
        for name, v in keys.items()] + left


def _dump(content: dict[str, Any], file: Path) -> None:
    file.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True,
                                   default_flow_style=False), encoding="utf-8")
