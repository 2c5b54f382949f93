"""Scores of 2025-09 scoring problems, as the format's "Result aggregation" defines them.

`data/secret/` and each test data group (a folder of `secret/` holding `test_group.yaml`)
have a `max_score` (100 for secret, else unbounded), a `score_aggregation` (`sum` for
secret, else `pass-fail`) and `require_pass` (groups, or `sample`, whose test cases must
all be accepted before this one scores). A test case of a `sum` group is worth
(max_score - static_validation_score) / N, of a `min` group the group's max_score; an
accepted one gets that, or what its validator's `score.txt` / `score_multiplier.txt` say.
A group with `static_validation_score` has one more case, the static validator's verdict
on the submission. `read_groups` reads the settings (constants replaced); `check_groups`
says what the format forbids, naming file and key; `score` is pure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from appliance.problems.constants import Constants, substitute
from appliance.problems.yaml_files import parse_yaml, words

CONFIG = "test_group.yaml"
SECRET = "secret"
SAMPLE = "sample"


@dataclass(frozen=True)
class Group:
    """`secret` or one of its test data groups, as its test_group.yaml sets it."""

    name: str  # its path under data/: "secret", "secret/group1"
    max_score: float | None = None  # None: unbounded
    aggregation: str = "pass-fail"  # or "sum", "min"
    require_pass: tuple[str, ...] = ()  # full group names, or "sample"
    static_score: int | str | None = None  # static_validation_score: points or "pass-fail"
    static_args: tuple[str, ...] = ()
    full_feedback: bool = False  # teams see each of its test cases' results

    @property
    def bounded(self) -> bool:
        return self.max_score is not None


@dataclass(frozen=True)
class CaseResult:
    """One test case's outcome for scoring: accepted or not, and the validator's score
    files (name -> text) if it wrote any."""

    accepted: bool
    scores: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scores:
    """The judge's output for a scoring problem: the total (secret's score), each group's
    score, and the judge errors the format names (a validator's bad score file, say)."""

    total: float
    groups: dict[str, float]
    errors: tuple[str, ...] = ()


def read_groups(package: Path, constants: Constants | None = None) -> dict[str, Group]:
    """secret and its test data groups by name, with the format's defaults."""
    secret = package / "data" / SECRET
    groups = {SECRET: read_group(package, SECRET, constants)}
    if secret.is_dir():
        for folder in sorted(p for p in secret.iterdir() if (p / CONFIG).is_file()):
            name = f"{SECRET}/{folder.name}"
            groups[name] = read_group(package, name, constants)
    return groups


def read_group(package: Path, name: str, constants: Constants | None = None) -> Group:
    """One group's settings by its name under data/ ("sample" too: its static case)."""
    return _group(name, _config(package / "data" / name / CONFIG, constants),
                  top=name == SECRET)


def _config(path: Path, constants: Constants | None) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = parse_yaml(substitute(path.read_text(encoding="utf-8"), constants or {}))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # package_data reports broken files
    return data if isinstance(data, dict) else {}


def _group(name: str, config: Mapping[str, Any], top: bool) -> Group:
    raw_max = config.get("max_score", 100 if top else "unbounded")
    require = config.get("require_pass", ())
    return Group(
        name=name,
        max_score=None if raw_max == "unbounded" or not _number(raw_max) else float(raw_max),
        aggregation=str(config.get("score_aggregation", "sum" if top else "pass-fail")),
        require_pass=tuple(_full_name(r) for r in words(require)) if isinstance(
            require, str | list) else (),
        static_score=config.get("static_validation_score"),
        static_args=words(config.get("static_validator_args", ())) if isinstance(
            config.get("static_validator_args", ()), str | list) else (),
        full_feedback=config.get("full_feedback") is True)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _full_name(name: str) -> str:
    """A group named in require_pass: "sample", "secret/g1", or "g1" as "secret/g1"."""
    name = name.strip("/")
    return name if name in (SAMPLE, SECRET) or name.startswith(f"{SECRET}/") \
        else f"{SECRET}/{name}"


def check_groups(package: Path, groups: Mapping[str, Group]) -> list[tuple[Path, str, str]]:
    """What the format forbids in these settings: (file, key, what is wrong) each."""
    secret = groups.get(SECRET, Group(SECRET, 100.0, "sum"))
    found = []

    def file(group: Group) -> Path:
        return package / "data" / group.name / CONFIG

    for group in groups.values():
        if group.aggregation not in ("pass-fail", "sum", "min"):
            continue  # reported by package_data
        if group.aggregation == "pass-fail" and not group.bounded:
            found.append((file(group), "max_score", "a pass-fail group needs a bounded "
                          "max_score (a test data group's default is unbounded)"))
        if group.name != SECRET and secret.bounded and not group.bounded \
                and group.aggregation != "pass-fail":
            found.append((file(group), "max_score", "unbounded, but secret's max_score is "
                          f"{secret.max_score:g}: give this group its share"))
        if group.name != SECRET and secret.aggregation == "pass-fail" \
                and group.aggregation != "pass-fail":
            found.append((file(group), "score_aggregation", "secret aggregates pass-fail, "
                          "so must its groups"))
        if isinstance(group.static_score, int) and group.aggregation == "pass-fail":
            found.append((file(group), "static_validation_score", "a score in a group with "
                          "pass-fail aggregation"))
        for required in group.require_pass:
            other = groups.get(required)
            if required == SAMPLE:
                continue
            if group.name == SECRET:
                found.append((file(group), "require_pass", f"{required!r}: secret may only "
                              "require sample"))
            elif other is None:
                found.append((file(group), "require_pass", f"{required!r}: no such test "
                              "data group"))
            elif other.aggregation != "pass-fail":
                found.append((file(group), "require_pass", f"{required!r} must have "
                              "pass-fail aggregation"))
            elif required >= group.name:
                found.append((file(group), "require_pass", f"{required!r} does not come "
                              "before this group"))
    total = sum(g.max_score or 0 for g in groups.values() if g.name != SECRET and g.bounded)
    if secret.bounded and secret.aggregation == "sum" and total > (secret.max_score or 0) + 1e-9:
        found.append((file(secret), "max_score", f"{secret.max_score:g}, but its groups' "
                      f"max_score add up to {total:g}"))
    return found


def group_of(groups: Mapping[str, Group], test: str) -> str:
    """The group a secret test case belongs to ("secret" when it is in no test data group)."""
    parts = test.split("/")
    if len(parts) > 2 and f"{SECRET}/{parts[1]}" in groups:
        return f"{SECRET}/{parts[1]}"
    return SECRET


def score(groups: Mapping[str, Group], results: Mapping[str, CaseResult],
          tests: Iterable[str], static: Mapping[str, CaseResult] | None = None) -> Scores:
    """The score of a submission from each test case's result (by name; a test not run
    counts as not accepted) and each static validation case's (by group name)."""
    static = static or {}
    tests = list(tests)
    members: dict[str, list[str]] = {}
    for test in tests:
        if test.startswith(f"{SECRET}/"):
            members.setdefault(group_of(groups, test), []).append(test)
    errors: list[str] = []
    passed: dict[str, bool] = {SAMPLE: all(results.get(t, CaseResult(False)).accepted
                                           for t in tests if t.startswith(f"{SAMPLE}/"))}
    scores: dict[str, float] = {}
    names = [n for n in sorted(groups) if n != SECRET]
    for name in [*names, SECRET] if names else [SECRET]:
        group = groups[name]
        if name == SECRET and names:
            parts = [(scores[n], passed[n]) for n in names]
        else:
            parts = _case_parts(group, members.get(name, []), results, static.get(name),
                                errors)
        blocked = [r for r in group.require_pass if not passed.get(r, False)]
        if blocked:
            parts = [(0.0, False) for _ in parts]
        scores[name], passed[name] = _aggregate(group, parts)
        if group.bounded and scores[name] > (group.max_score or 0) + 1e-9:
            errors.append(f"{name}: score {scores[name]:g} is over its max_score "
                          f"{group.max_score:g}")
    return Scores(scores[SECRET], scores, tuple(errors))


def _aggregate(group: Group, parts: list[tuple[float, bool]]) -> tuple[float, bool]:
    """A group's score and whether all its cases were accepted."""
    all_passed = all(ok for _, ok in parts)
    if group.aggregation == "pass-fail":
        return (group.max_score or 0.0) if all_passed and parts else 0.0, all_passed
    values = [s for s, _ in parts]
    if not values:
        return 0.0, all_passed
    return (sum(values) if group.aggregation == "sum" else min(values)), all_passed


def _case_parts(group: Group, tests: list[str], results: Mapping[str, CaseResult],
                static: CaseResult | None, errors: list[str]) -> list[tuple[float, bool]]:
    """(score, accepted) of each test case of a group, its static validation case first."""
    static_points = group.static_score if isinstance(group.static_score, int) else 0
    parts = []
    if group.static_score is not None:
        outcome = static or CaseResult(False)
        maximum = None if group.aggregation == "pass-fail" else float(static_points)
        parts.append((_case_score(f"{group.name} (static validation)", maximum, outcome,
                                  group.aggregation, errors), outcome.accepted))
    share = None
    if group.bounded and tests:
        share = (group.max_score or 0.0) if group.aggregation == "min" else \
            ((group.max_score or 0.0) - static_points) / len(tests)
    for test in tests:
        outcome = results.get(test, CaseResult(False))
        parts.append((_case_score(test, share, outcome, group.aggregation, errors),
                      outcome.accepted))
    return parts


def _case_score(name: str, maximum: float | None, outcome: CaseResult, aggregation: str,
                errors: list[str]) -> float:
    """One case's score; a score file the format forbids is a judge error (score 0)."""
    files = dict(outcome.scores)
    if files and not outcome.accepted:
        errors.append(f"{name}: a score file for a case not accepted")
        return 0.0
    if not outcome.accepted:
        return 0.0
    if aggregation == "pass-fail":
        if files:
            errors.append(f"{name}: a score file in a group with pass-fail aggregation")
        return 0.0
    if len(files) > 1:
        errors.append(f"{name}: both score.txt and score_multiplier.txt")
        return 0.0
    if not files:
        if maximum is None:
            errors.append(f"{name}: accepted in an unbounded group without a score.txt")
            return 0.0
        return maximum
    (file, text), = files.items()
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        errors.append(f"{name}: {file} holds {text.strip()[:40]!r}, not a non-negative number")
        return 0.0
    if file == "score_multiplier.txt":
        if maximum is None or value > 1:
            errors.append(f"{name}: score_multiplier.txt "
                          + ("in an unbounded group" if maximum is None else f"{value:g} > 1"))
            return 0.0
        return value * maximum
    if maximum is not None and value > maximum + 1e-9:
        errors.append(f"{name}: score.txt {value:g} over the case's maximum {maximum:g}")
        return 0.0
    return value
