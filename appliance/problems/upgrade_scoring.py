"""A legacy scoring problem's grader settings said in 2025-09's words (for `package upgrade`).

Legacy groups score `accept_score` per accepted test (`reject_score` otherwise) and combine
by `grader_flags` (sum, min, max, avg); 2025-09 gives secret and each test data group a
`max_score` and a `score_aggregation` (pass-fail, sum, min). The common shapes translate
exactly: a group of tests combined by `min` with `reject_score` 0 scores `accept_score`
only when all pass (pass-fail, max_score = accept_score); combined by `sum`, it is 2025-09's
`sum` with max_score = accept_score x tests; secret summing its groups is `sum` with the
groups' max_score added up. Anything else (max, avg, a reject score, `accept_if_any`'s
verdict) has no 2025-09 word: `legacy_to_2025` leaves it and says so. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from appliance.problems.scoring import GroupRule

LEGACY_KEYS = ("on_reject", "grading", "grader_flags", "accept_score", "reject_score",
               "range")


def legacy_to_2025(rules: Mapping[str, GroupRule], tests: list[str],
                   ) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """2025-09 scoring keys for secret and each of its groups (by name: "secret",
    "secret/g1"), from the legacy rules `scoring.read_groups` read, and notes; when any
    group does not translate, no keys at all and notes saying why."""
    secret = [t for t in tests if t.startswith("secret/")]
    groups = sorted({"/".join(t.split("/")[:2]) for t in secret
                     if len(t.split("/")) > 2 and "/".join(t.split("/")[:2]) in rules})
    keys: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    if groups and any(len(t.split("/")) == 2 for t in secret):
        return {}, ["data/secret: holds tests and groups: scoring kept as legacy keys"]
    for group in groups or ["secret"]:
        members = [t for t in secret if t == group or t.startswith(group + "/")]
        found = _leaf(rules.get(group, GroupRule()), len(members), group)
        if isinstance(found, str):
            notes.append(found)
        else:
            keys[group] = found
    if groups and len(keys) == len(groups):
        top = rules.get("secret", GroupRule())
        if top.combine == "sum" and top.reject_score == 0:
            keys["secret"] = {"max_score": _whole(sum(keys[g]["max_score"] for g in groups)),
                              "score_aggregation": "sum"}
        else:
            notes.append(f"data/secret: grader_flags {top.combine}: no 2025-09 word for it")
    if notes or "secret" not in keys:  # all or nothing: half legacy, half 2025-09 is neither
        return {}, notes
    for name in keys:
        if rules.get(name, GroupRule()).accept_if_any or rules.get(
                name, GroupRule()).verdict_mode != "worst_error":
            notes.append(f"data/{name}: the legacy verdict rules are gone (2025-09 scoring "
                         "problems have a score, not a graded verdict)")
    return keys, notes


def _leaf(rule: GroupRule, count: int, group: str) -> dict[str, Any] | str:
    """A group of tests: its 2025-09 keys, or why it has none."""
    if rule.reject_score != 0:
        return f"data/{group}: reject_score {rule.reject_score:g}: no 2025-09 word for it"
    if rule.combine == "min":
        return {"max_score": _whole(rule.accept_score), "score_aggregation": "pass-fail"}
    if rule.combine == "sum":
        return {"max_score": _whole(rule.accept_score * count), "score_aggregation": "sum"}
    return f"data/{group}: grader_flags {rule.combine}: no 2025-09 word for it"


def _whole(value: float) -> int | float:
    """A score as YAML should show it: 40, not 40.0 (2025-09's max_score is an integer)."""
    return int(value) if float(value).is_integer() else value
