"""Scores and verdicts of scoring problems, as the legacy package format's default grader
computes them.

Each test group folder may say, in its `testdata.yaml`, `accept_score` (default 1) and
`reject_score` (default 0) for its test cases, and in `grader_flags` how to combine its
children: the score by `sum` (the default), `min`, `max` or `avg`; the verdict by
`worst_error` (the default: the worst of JE, RTE, MLE, TLE, OLE, WA), `first_error` or
`always_accept`, and with `accept_if_any_accepted` it is AC when any child is;
`ignore_sample` (at the root) leaves `data/sample` out of both. A group's children are its
test cases and subgroups, in name order. A group without flags of its own takes its
parent's. `aggregate` and `grade_verdict` are pure; `read_groups` reads the settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from appliance.problems.yaml_files import parse_yaml, words

CONFIG_FILES = ("testdata.yaml", "test_group.yaml")
COMBINE = {"sum": sum, "min": min, "max": max, "avg": lambda parts: sum(parts) / len(parts)}
VERDICT_MODES = ("worst_error", "first_error", "always_accept")
# worst_error's order (the format's; IF and PE are no verdicts of Podium's), worst first.
WORST_FIRST = ("JE", "IF", "RTE", "MLE", "TLE", "OLE", "WA", "PE")


@dataclass(frozen=True)
class GroupRule:
    """How one test group scores (settings inherit from the parent group)."""

    accept_score: float = 1.0
    reject_score: float = 0.0
    combine: str = "sum"  # or "min", "max", "avg"
    ignore_sample: bool = False
    verdict_mode: str = "worst_error"  # or "first_error", "always_accept"
    accept_if_any: bool = False  # accept_if_any_accepted


def read_groups(package: Path) -> dict[str, GroupRule]:
    """The rule of every group folder under data/ ("" is data/ itself), inherited downwards."""
    rules: dict[str, GroupRule] = {}

    def visit(folder: Path, inherited: GroupRule) -> None:
        rule = inherited
        for name in CONFIG_FILES:
            config = folder / name
            if config.is_file():
                rule = _rule(parse_yaml(config.read_text(encoding="utf-8")) or {}, inherited)
        key = folder.relative_to(package / "data").as_posix()
        rules["" if key == "." else key] = rule
        for child in sorted(p for p in folder.iterdir() if p.is_dir()):
            visit(child, rule)

    if (package / "data").is_dir():
        visit(package / "data", GroupRule())
    return rules


def _rule(config: Mapping, inherited: GroupRule) -> GroupRule:
    flags = words(config.get("grader_flags", "") or "")
    if "grader_flags" in config:  # the group's own flags replace its parent's
        combine = next((f for f in reversed(flags) if f in COMBINE), "sum")
        verdict_mode = next((f for f in reversed(flags) if f in VERDICT_MODES), "worst_error")
        accept_if_any = "accept_if_any_accepted" in flags
    else:
        combine, verdict_mode = inherited.combine, inherited.verdict_mode
        accept_if_any = inherited.accept_if_any
    return GroupRule(
        accept_score=float(config.get("accept_score", inherited.accept_score)),
        reject_score=float(config.get("reject_score", inherited.reject_score)),
        combine=combine, ignore_sample="ignore_sample" in flags or inherited.ignore_sample,
        verdict_mode=verdict_mode, accept_if_any=accept_if_any)


def _children(group: str, names: Iterable[str], top: GroupRule) -> list[str]:
    """The group's children that count (tests and subgroups), by full name, in name order."""
    prefix = f"{group}/" if group else ""
    children = {name[len(prefix):].split("/", 1)[0] for name in names
                if name.startswith(prefix)}
    return [prefix + child for child in sorted(children)
            if not (group == "" and child == "sample" and top.ignore_sample)]


def grade_verdict(rules: Mapping[str, GroupRule], verdicts: Mapping[str, str]) -> str:
    """The verdict of the whole problem for per-test verdicts ("secret/g1/01" -> "WA"), as
    the default grader aggregates them group by group. A test not run (judging stopped
    before it) is left out."""
    top = rules.get("", GroupRule())

    def verdict(group: str) -> str | None:
        rule = rules.get(group, top)
        parts = [verdicts[path] if path in verdicts else verdict(path)
                 for path in _children(group, verdicts, top)]
        parts = [v for v in parts if v is not None]
        if not parts:
            return None
        if rule.verdict_mode == "always_accept" or (rule.accept_if_any and "AC" in parts):
            return "AC"
        errors = [v for v in parts if v != "AC"]
        if not errors:
            return "AC"
        if rule.verdict_mode == "first_error":
            return errors[0]
        return min(errors, key=lambda v: WORST_FIRST.index(v) if v in WORST_FIRST else -1)

    return verdict("") or "AC"


def aggregate(rules: Mapping[str, GroupRule], accepted: Mapping[str, bool],
              group: str = "") -> float:
    """The score of the whole problem (or of one `group`, "secret/g1") for per-test
    outcomes ("secret/g1/01" -> accepted?)."""
    top = rules.get("", GroupRule())

    def score(group: str) -> float | None:
        rule = rules.get(group, top)
        parts: list[float] = []
        for path in _children(group, accepted, top):
            if path in accepted:
                parts.append(rule.accept_score if accepted[path] else rule.reject_score)
            else:
                sub = score(path)
                if sub is not None:
                    parts.append(sub)
        if not parts:
            return None
        return COMBINE[rule.combine](parts)

    return score(group) or 0.0


def max_score(rules: Mapping[str, GroupRule], tests: list[str], group: str = "") -> float:
    """The score when every test is accepted (of the problem, or of one `group`)."""
    return aggregate(rules, {name: True for name in tests}, group)

