"""Scores of scoring problems, as the legacy package format's default grader computes them.

Each test group folder may say, in its `testdata.yaml`, `accept_score` (default 1) and
`reject_score` (default 0) for its test cases, and in `grader_flags` how to combine its
children's scores: `sum` (the default) or `min`; `ignore_sample` leaves `data/sample` out.
A group's children are its test cases and subgroups. `aggregate` is pure; `read_groups`
reads the settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from appliance.problems.yaml_files import parse_yaml, words

CONFIG_FILES = ("testdata.yaml", "test_group.yaml")


@dataclass(frozen=True)
class GroupRule:
    """How one test group scores (settings inherit from the parent group)."""

    accept_score: float = 1.0
    reject_score: float = 0.0
    combine: str = "sum"  # or "min"
    ignore_sample: bool = False


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
    combine = "min" if "min" in flags else "sum" if "sum" in flags else inherited.combine
    return GroupRule(
        accept_score=float(config.get("accept_score", inherited.accept_score)),
        reject_score=float(config.get("reject_score", inherited.reject_score)),
        combine=combine, ignore_sample="ignore_sample" in flags or inherited.ignore_sample)


def aggregate(rules: Mapping[str, GroupRule], accepted: Mapping[str, bool]) -> float:
    """The score of the whole problem for per-test outcomes ("secret/g1/01" -> accepted?)."""
    top = rules.get("", GroupRule())

    def score(group: str) -> float | None:
        rule = rules.get(group, top)
        parts: list[float] = []
        prefix = f"{group}/" if group else ""
        children = {name[len(prefix):].split("/", 1)[0] for name in accepted
                    if name.startswith(prefix)}
        for child in sorted(children):
            path = prefix + child
            if group == "" and child == "sample" and top.ignore_sample:
                continue
            if path in accepted:
                parts.append(rule.accept_score if accepted[path] else rule.reject_score)
            else:
                sub = score(path)
                if sub is not None:
                    parts.append(sub)
        if not parts:
            return None
        return min(parts) if rule.combine == "min" else sum(parts)

    return score("") or 0.0


def max_score(rules: Mapping[str, GroupRule], tests: list[str]) -> float:
    """The score when every test is accepted."""
    return aggregate(rules, {name: True for name in tests})

