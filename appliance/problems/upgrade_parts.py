"""The parts of `podium package upgrade` beyond problem.yaml and the folder names, as
BAPCtools' `bt upgrade` does them: a test case's `.desc` / `.hint` files become `description`
/ `hint` in its `.yaml`; `data/bad/` cases move to `data/invalid_input/` (an input alone)
or `data/invalid_output/` (with `.ans` and `.out`); DOMjudge's `domjudge-problem.ini` is
folded into problem.yaml (its name and time limit where problem.yaml gives none); Podium's
own submission folders (memory_limit_exceeded/, ...) get their meaning written in
`submissions/submissions.yaml`, since 2025-09 gives them none. `generators.yaml` is kept
as it is. The mappings are pure (`ini_keys`, `folder_rules`); the rest moves files.
"""

from __future__ import annotations

import configparser
import shutil
from pathlib import Path
from typing import Any

import yaml

from appliance.problems.yaml_files import parse_yaml

# Podium's folders the format does not have, in the format's four outcomes (MLE and OLE
# are crashes: RTE), for submissions.yaml.
PODIUM_FOLDERS: dict[str, dict[str, Any]] = {
    "memory_limit_exceeded": {"permitted": ["AC", "RTE"], "required": ["RTE"]},
    "output_limit_exceeded": {"permitted": ["AC", "RTE"], "required": ["RTE"]},
    "partially_accepted": {"permitted": ["AC", "WA", "TLE", "RTE"]},
}


def ini_keys(text: str) -> dict[str, str]:
    """domjudge-problem.ini's keys (a section-less `key = value` file; quotes dropped)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string("[ini]\n" + text)
    return {k: v.strip().strip("'\"") for k, v in parser["ini"].items()}


def fold_ini(problem_yaml: dict[str, Any], ini: dict[str, str], notes: list[str]) -> None:
    """domjudge-problem.ini's name and timelimit into problem.yaml as read (where it has
    none); what has no place (probid, color...) noted."""
    if ini.get("name") and not problem_yaml.get("name"):
        problem_yaml["name"] = ini["name"]
    limit = ini.get("timelimit")
    limits = problem_yaml.get("limits") if isinstance(problem_yaml.get("limits"), dict) \
        else {}
    if limit and "time_limit" not in limits:
        try:
            problem_yaml["limits"] = {**limits, "time_limit": _number(float(limit))}
        except ValueError:
            notes.append(f"domjudge-problem.ini: timelimit: {limit!r} is not a number: "
                         "dropped")
    rest = sorted(set(ini) - {"name", "timelimit"})
    if rest:
        notes.append(f"domjudge-problem.ini: {', '.join(rest)}: dropped (no 2025-09 key)")


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def folder_rules(folders: list[str]) -> dict[str, dict[str, Any]]:
    """submissions.yaml entries saying what Podium's own folders among `folders` mean."""
    return {f"{name}/": rules for name, rules in PODIUM_FOLDERS.items() if name in folders}


def case_texts(data: Path, notes: list[str]) -> None:
    """Every test case's `.desc` and `.hint` into its `.yaml` (description, hint)."""
    for extra in sorted([*data.rglob("*.desc"), *data.rglob("*.hint")]):
        key = "description" if extra.suffix == ".desc" else "hint"
        config = extra.with_suffix(".yaml")
        if not extra.with_suffix(".in").is_file():
            notes.append(f"{extra.relative_to(data.parent)}: no test case: kept")
            continue
        content = (parse_yaml(config.read_text(encoding="utf-8")) or {}) \
            if config.is_file() else {}
        if key in content:
            notes.append(f"{extra.relative_to(data.parent)}: dropped ({config.name} says "
                         f"{key})")
        else:
            content[key] = extra.read_text(encoding="utf-8").strip()
            _dump(content, config)
        extra.unlink()


def bad_cases(data: Path, notes: list[str]) -> None:
    """data/bad/: an input alone is an invalid input; with .ans and .out an invalid output;
    an input with an answer only (an invalid answer, which 2025-09 does not check) stays."""
    bad = data / "bad"
    if not bad.is_dir():
        return
    for infile in sorted(bad.rglob("*.in")):
        kind = "invalid_output" if infile.with_suffix(".out").is_file() else \
            None if infile.with_suffix(".ans").is_file() else "invalid_input"
        if kind is None:
            notes.append(f"data/bad/{infile.relative_to(bad)}: an invalid answer: kept in "
                         "data/bad (2025-09 has no invalid answers)")
            continue
        target = data / kind / infile.relative_to(bad).parent
        target.mkdir(parents=True, exist_ok=True)
        for part in sorted(infile.parent.glob(infile.stem + ".*")):
            if (target / part.name).exists():
                notes.append(f"data/bad/{part.relative_to(bad)}: dropped (data/{kind} has "
                             "one)")
            else:
                part.rename(target / part.name)
    if not any(p.is_file() for p in bad.rglob("*")):
        shutil.rmtree(bad)


def submissions_yaml(submissions: Path, notes: list[str]) -> None:
    """Write what Podium's own folders mean into submissions.yaml (entries it has win)."""
    if not submissions.is_dir():
        return
    entries = folder_rules([p.name for p in submissions.iterdir() if p.is_dir()])
    if not entries:
        return
    file = submissions / "submissions.yaml"
    content = (parse_yaml(file.read_text(encoding="utf-8")) or {}) if file.is_file() else {}
    added = {k: v for k, v in entries.items() if k not in content}
    if added:
        _dump({**content, **added}, file)
        notes.append(f"submissions/submissions.yaml: {', '.join(added)} written (Podium's "
                     "own folders, which 2025-09 does not define)")


def _dump(content: dict[str, Any], file: Path) -> None:
    file.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True,
                                   default_flow_style=False), encoding="utf-8")
