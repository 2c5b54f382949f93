"""Scores of scoring problems: groups combine by sum or min, samples may be left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.scoring import GroupRule, aggregate, grade_verdict, max_score, read_groups

SUBTASKS = {
    "": GroupRule(ignore_sample=True),
    "sample": GroupRule(accept_score=0, ignore_sample=True),
    "secret": GroupRule(ignore_sample=True),
    "secret/g1": GroupRule(accept_score=30, combine="min", ignore_sample=True),
    "secret/g2": GroupRule(accept_score=70, combine="min", ignore_sample=True),
}
TESTS = ["sample/1", "secret/g1/1", "secret/g1/2", "secret/g2/1", "secret/g2/2"]


@pytest.mark.parametrize(("failed", "expected"), [
    (set(), 100), ({"secret/g2/2"}, 30), ({"secret/g1/1"}, 70),
    ({"secret/g1/1", "secret/g2/1"}, 0), ({"sample/1"}, 100),
])
def test_a_subtask_scores_only_when_all_its_tests_pass(failed: set[str], expected: float) -> None:
    assert aggregate(SUBTASKS, {t: t not in failed for t in TESTS}) == expected


def test_default_rule_sums_one_point_per_accepted_test() -> None:
    rules = {"": GroupRule()}
    assert aggregate(rules, {"secret/1": True, "secret/2": False, "sample/1": True}) == 2
    assert max_score(rules, ["secret/1", "secret/2", "sample/1"]) == 3


def test_rules_are_read_from_testdata_yaml_and_inherited(tmp_path: Path) -> None:
    (tmp_path / "data/secret/g1").mkdir(parents=True)
    (tmp_path / "data/sample").mkdir()
    (tmp_path / "data/testdata.yaml").write_text("grader_flags: ignore_sample\n")
    (tmp_path / "data/secret/g1/testdata.yaml").write_text(
        "accept_score: 25\ngrader_flags: min\n")
    rules = read_groups(tmp_path)
    assert rules["secret/g1"] == GroupRule(accept_score=25, combine="min", ignore_sample=True)
    assert rules["secret"] == GroupRule(ignore_sample=True)
    assert rules[""].ignore_sample


GRADED = {
    "": GroupRule(ignore_sample=True),
    "secret": GroupRule(ignore_sample=True, verdict_mode="first_error", accept_if_any=True),
    "secret/g1": GroupRule(accept_score=40, combine="min", ignore_sample=True),
    "secret/g2": GroupRule(accept_score=60, combine="min", ignore_sample=True),
}


@pytest.mark.parametrize(("verdicts", "expected"), [
    ({"sample/1": "WA", "secret/g1/1": "AC", "secret/g2/1": "TLE"}, "AC"),
    ({"sample/1": "AC", "secret/g1/1": "RTE", "secret/g2/1": "WA"}, "RTE"),
    ({"sample/1": "AC", "secret/g1/1": "AC", "secret/g2/1": "AC"}, "AC"),
])
def test_accept_if_any_accepted_makes_a_partial_solution_ac(verdicts: dict[str, str],
                                                            expected: str) -> None:
    assert grade_verdict(GRADED, verdicts) == expected


@pytest.mark.parametrize(("rule", "expected"), [
    (GroupRule(), "RTE"), (GroupRule(verdict_mode="first_error"), "WA"),
    (GroupRule(verdict_mode="always_accept"), "AC"), (GroupRule(accept_if_any=True), "AC"),
])
def test_verdict_modes_of_the_default_grader(rule: GroupRule, expected: str) -> None:
    verdicts = {"secret/1": "WA", "secret/2": "RTE", "secret/3": "AC"}
    assert grade_verdict({"": rule}, verdicts) == expected


def test_score_modes_max_and_avg() -> None:
    accepted = {"secret/1": True, "secret/2": False, "secret/3": True, "secret/4": True}
    assert aggregate({"": GroupRule(combine="max")}, accepted) == 1
    assert aggregate({"": GroupRule(combine="avg")}, accepted) == 0.75


def test_a_groups_own_grader_flags_replace_its_parents(tmp_path: Path) -> None:
    (tmp_path / "data/secret/g1").mkdir(parents=True)
    (tmp_path / "data/secret/g2").mkdir(parents=True)
    (tmp_path / "data/secret/testdata.yaml").write_text(
        "grader_flags: first_error accept_if_any_accepted avg\n")
    (tmp_path / "data/secret/g1/testdata.yaml").write_text("grader_flags: min\n")
    rules = read_groups(tmp_path)
    assert rules["secret"] == GroupRule(combine="avg", verdict_mode="first_error",
                                        accept_if_any=True)
    assert rules["secret/g1"] == GroupRule(combine="min")
    assert rules["secret/g2"] == rules["secret"]
