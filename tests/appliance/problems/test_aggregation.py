"""2025-09 result aggregation, from the spec's "Scoring problems" section: max_score,
score_aggregation, require_pass, score files and static validation cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.aggregation import (
    CaseResult,
    Group,
    check_groups,
    read_groups,
    score,
)

AC, NO = CaseResult(True), CaseResult(False)


def write(package: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    return package


def test_secret_defaults_to_sum_of_100_split_over_its_test_cases(tmp_path: Path) -> None:
    groups = read_groups(write(tmp_path, {"data/secret/1.in": "", "data/secret/2.in": ""}))
    assert groups == {"secret": Group("secret", 100.0, "sum")}
    tests = ["sample/1", "secret/1", "secret/2", "secret/3", "secret/4"]
    got = score(groups, {"secret/1": AC, "secret/2": AC, "secret/3": NO}, tests)
    assert got.total == 50 and not got.errors


SUBTASKS = {
    "data/secret/test_group.yaml": "max_score: 100\n",
    "data/secret/g1/test_group.yaml": "max_score: 30\n",
    "data/secret/g2/test_group.yaml": "max_score: {{rest}}\nrequire_pass: [sample, "
                                      "secret/g1]\n",
}
TESTS = ["sample/1", "secret/g1/1", "secret/g1/2", "secret/g2/1"]


def test_groups_default_to_pass_fail_and_constants_are_replaced(tmp_path: Path) -> None:
    groups = read_groups(write(tmp_path, SUBTASKS), {"rest": {"value": "70"}})
    assert groups["secret/g1"] == Group("secret/g1", 30.0, "pass-fail")
    assert groups["secret/g2"].max_score == 70
    assert groups["secret/g2"].require_pass == ("sample", "secret/g1")
    assert check_groups(tmp_path, groups) == []


@pytest.mark.parametrize(("failed", "total", "g2"), [
    (set(), 100, 70), ({"secret/g1/2"}, 0, 0),  # g2 requires g1: not scored
    ({"sample/1"}, 30, 0),  # g2 requires sample
    ({"secret/g2/1"}, 30, 0),
])
def test_a_group_scores_only_when_the_groups_it_requires_pass(
        tmp_path: Path, failed: set[str], total: float, g2: float) -> None:
    groups = read_groups(write(tmp_path, SUBTASKS), {"rest": {"value": "70"}})
    got = score(groups, {t: NO if t in failed else AC for t in TESTS}, TESTS)
    assert (got.total, got.groups["secret/g2"]) == (total, g2)


def test_min_aggregation_takes_the_worst_test_case_and_its_score_files() -> None:
    groups = {"secret": Group("secret", 100.0, "min")}
    tests = ["secret/1", "secret/2"]
    got = score(groups, {"secret/1": CaseResult(True, {"score_multiplier.txt": "0.25\n"}),
                         "secret/2": CaseResult(True, {"score.txt": "60"})}, tests)
    assert got.total == 25 and not got.errors


def test_an_unbounded_group_needs_score_txt_on_every_accepted_case() -> None:
    groups = {"secret": Group("secret", None, "sum")}
    got = score(groups, {"secret/1": CaseResult(True, {"score.txt": "7.5"}),
                         "secret/2": AC}, ["secret/1", "secret/2"])
    assert got.total == 7.5
    assert got.errors == ("secret/2: accepted in an unbounded group without a score.txt",)


@pytest.mark.parametrize(("result", "error"), [
    (CaseResult(False, {"score.txt": "1"}), "a score file for a case not accepted"),
    (CaseResult(True, {"score.txt": "1", "score_multiplier.txt": "1"}), "both"),
    (CaseResult(True, {"score.txt": "80"}), "over the case's maximum 50"),
    (CaseResult(True, {"score_multiplier.txt": "1.5"}), "1.5 > 1"),
    (CaseResult(True, {"score.txt": "many"}), "not a non-negative number"),
])
def test_score_files_the_format_forbids_are_judge_errors(result: CaseResult,
                                                         error: str) -> None:
    got = score({"secret": Group("secret", 100.0, "sum")}, {"secret/1": result,
                                                           "secret/2": AC},
                ["secret/1", "secret/2"])
    assert got.total == 50 and len(got.errors) == 1 and error in got.errors[0]


def test_a_static_validation_case_takes_its_points_off_the_test_cases_share() -> None:
    groups = {"secret": Group("secret", 100.0, "sum", static_score=20)}
    tests = ["secret/1", "secret/2"]
    assert score(groups, {"secret/1": AC, "secret/2": NO}, tests,
                 {"secret": AC}).total == 60
    assert score(groups, {"secret/1": AC, "secret/2": AC}, tests, {"secret": NO}).total == 80


def test_a_pass_fail_static_case_must_pass_for_the_group_to_score() -> None:
    groups = {"secret": Group("secret", 100.0, "sum"),
              "secret/g": Group("secret/g", 100.0, "pass-fail", static_score="pass-fail")}
    tests = ["secret/g/1"]
    assert score(groups, {"secret/g/1": AC}, tests, {"secret/g": AC}).total == 100
    assert score(groups, {"secret/g/1": AC}, tests, {"secret/g": NO}).total == 0


@pytest.mark.parametrize(("files", "key", "what"), [
    ({"data/secret/g/test_group.yaml": "score_aggregation: sum\n"}, "max_score",
     "unbounded, but secret's max_score is 100"),
    ({"data/secret/g/test_group.yaml": "{}\n"}, "max_score", "needs a bounded max_score"),
    ({"data/secret/a/test_group.yaml": "max_score: 50\nrequire_pass: b\n",
      "data/secret/b/test_group.yaml": "max_score: 50\n"}, "require_pass",
     "does not come before"),
    ({"data/secret/a/test_group.yaml": "max_score: 50\nscore_aggregation: sum\n",
      "data/secret/b/test_group.yaml": "max_score: 50\nrequire_pass: a\n"}, "require_pass",
     "must have pass-fail aggregation"),
    ({"data/secret/test_group.yaml": "require_pass: secret/a\n",
      "data/secret/a/test_group.yaml": "max_score: 100\n"}, "require_pass",
     "secret may only require sample"),
    ({"data/secret/a/test_group.yaml": "max_score: 60\n",
      "data/secret/b/test_group.yaml": "max_score: 60\n"}, "max_score", "add up to 120"),
])
def test_settings_the_format_forbids_name_file_and_key(
        tmp_path: Path, files: dict[str, str], key: str, what: str) -> None:
    found = check_groups(tmp_path, read_groups(write(tmp_path, files)))
    assert any(k == key and what in w and f.name == "test_group.yaml" for f, k, w in found), \
        found
