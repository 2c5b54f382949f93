"""2025-09 `submissions/submissions.yaml`, as the format's "Example submissions" section says:
globs, the standard folders' defaults, per-group rules, messages and the time limit's bounds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appliance.errors import PackageError
from appliance.problems.expectations import (
    DEFAULTS,
    Bounds,
    Outcome,
    Rule,
    bounds,
    expand_braces,
    expectations_for,
    failures,
    glob_matches,
    infer_time_limit,
    read_submissions_yaml,
    stop_plan,
)
from appliance.problems.limits import TimeLimitRule
from appliance.problems.load import load_problem
from appliance.problems.report import Report
from tests.paths import FIXTURES, PACKS

PACKAGE = FIXTURES / "packages/submissions-2025-09"
TESTS = ("sample/1", "secret/easy/1", "secret/easy/2", "secret/hard/1")


def entries(tmp_path: Path, text: str) -> list:
    (tmp_path / "submissions").mkdir(exist_ok=True)
    (tmp_path / "submissions/submissions.yaml").write_text(text)
    report = Report()
    found = read_submissions_yaml(tmp_path, report)
    assert not report.errors, report.errors
    return found


def outcomes(*verdicts: str, message: str = "") -> dict[str, Outcome]:
    return {name: Outcome(v, 0.1, message) for name, v in zip(TESTS, verdicts, strict=True)}


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("accepted", "accepted/a.py", True),  # a parent folder matches
    ("accepted/*", "accepted/a.py", True),
    ("*/a.py", "wrong_answer/a.py", True),
    ("accepted/*", "accepted", False),
    ("acc*", "accepted/sub/a.py", True),
    ("*", "accepted/a.py", True),
    ("accepted/*.py", "accepted/a.cpp", False),
    ("a*/b.py", "x/a/b.py", False),  # from the start only
    ("secret/*-easy", "secret/01-easy", True),
    ("secret/*-easy", "secret/01-hard", False),
    ("secret", "secret/group1/01", True),  # a test matches through its groups
    ("secret/*", "secret/g/01", True),
    ("**/a.py", "x/y/a.py", False),  # ** is not part of the format: one name only
    ("author.{py,cpp}", "author.cpp", True),
    ("{simple,complex}.py", "complex.py", True),
    ("{simple,complex}.py", "other.py", False),
    ("secret/*{ 4 }{ 2 }", "secret/42", True),  # no name holds a space: an alternative's go
])
def test_glob_matches_itself_or_a_parent_and_star_stays_in_one_name(
        pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_braces_expand_nested_and_in_sequence() -> None:
    assert expand_braces("{a,b{1,2}}.{py,c}") == ["a.py", "a.c", "b1.py", "b1.c", "b2.py",
                                                    "b2.c"]


def test_standard_folders_carry_the_spec_defaults() -> None:
    for folder, rule in DEFAULTS.items():
        assert expectations_for(f"{folder}/x.py", []).rules == (
            Rule(f"default of {folder}/", permitted=rule.permitted, required=rule.required),)
    assert expectations_for("mixed/x.py", []).rules == ()


def test_a_key_naming_a_standard_folder_overrides_its_default_key_by_key(
        tmp_path: Path) -> None:
    found = entries(tmp_path, "time_limit_exceeded:\n  permitted: [AC, WA, TLE]\n")
    (rule,) = expectations_for("time_limit_exceeded/slow.py", found).rules
    assert rule.permitted == {"AC", "WA", "TLE"} and rule.required == {"TLE"}  # inherited
    assert not failures(expectations_for("time_limit_exceeded/slow.py", found),
                        outcomes("AC", "WA", "TLE", "TLE"))


def test_a_glob_inside_a_standard_folder_adds_a_requirement(tmp_path: Path) -> None:
    found = entries(tmp_path, "time_limit_exceeded/*:\n  permitted: [AC, WA, TLE]\n")
    expect = expectations_for("time_limit_exceeded/slow.py", found)
    assert len(expect.rules) == 2
    assert failures(expect, outcomes("AC", "WA", "TLE", "TLE")) == [
        "default of time_limit_exceeded/: WA on secret/easy/1, permitted AC/TLE"]


def test_per_group_rules_apply_to_their_tests_only(tmp_path: Path) -> None:
    found = entries(tmp_path, "mixed/solves_easy.{py,cpp}:\n"
                              "  sample: {permitted: [AC]}\n"
                              "  secret/easy: {permitted: [AC]}\n"
                              "  secret/hard: {permitted: [AC, TLE], required: [TLE]}\n")
    expect = expectations_for("mixed/solves_easy.cpp", found)
    assert not failures(expect, outcomes("AC", "AC", "AC", "TLE"))
    assert failures(expect, outcomes("AC", "AC", "AC", "AC")) == [
        "mixed/solves_easy.{py,cpp} on secret/hard: required TLE on some test, got AC"]
    assert failures(expect, outcomes("AC", "TLE", "AC", "TLE")) == [
        "mixed/solves_easy.{py,cpp} on secret/easy: TLE on secret/easy/1, permitted AC"]
    assert expectations_for("mixed/other.py", found).rules == ()


def test_rules_over_tests_that_did_not_run_are_undecided_not_broken(tmp_path: Path) -> None:
    found = entries(tmp_path, "mixed/solves_easy.py:\n"
                              "  secret/easy: {permitted: [AC]}\n"
                              "  secret/hard: {permitted: [AC, TLE], required: [TLE]}\n")
    expect = expectations_for("mixed/solves_easy.py", found)
    stopped = {n: o for n, o in outcomes("AC", "WA", "AC", "AC").items()
               if n in TESTS[:2]}  # judging stopped at the first broken rule
    assert failures(expect, stopped, test_names=TESTS) == [
        "mixed/solves_easy.py on secret/easy: WA on secret/easy/1, permitted AC"]
    assert failures(expect, {}, test_names=TESTS) == []
    missing = entries(tmp_path, "mixed/a.py:\n  secret/none: {permitted: [AC]}\n")
    assert failures(expectations_for("mixed/a.py", missing), {}, test_names=TESTS) == [
        "mixed/a.py on secret/none: no test matches secret/none"]


def test_the_stop_plan_gives_each_rule_its_tests_and_what_settles_it(tmp_path: Path) -> None:
    found = entries(tmp_path, "time_limit_exceeded/a.py:\n"
                              "  sample: {permitted: [AC], use_for_time_limit: lower}\n"
                              "wrong_answer/b.py:\n  message: too large\n")
    tle = stop_plan(expectations_for("time_limit_exceeded/a.py", found), TESTS, 2.0,
                    exact_lower=True)
    assert tle["limit"] == 2.0
    assert tle["rules"] == [
        {"tests": list(TESTS), "permitted": ["AC", "TLE"], "required": ["TLE"],
         "complete": False, "until_timeout": True},
        {"tests": ["sample/1"], "permitted": ["AC"], "required": None,
         "complete": True, "until_timeout": False}]  # opted in: its slowest test counts
    stated = stop_plan(expectations_for("time_limit_exceeded/a.py", found), TESTS, 2.0,
                       exact_lower=False)
    assert stated["rules"][1]["complete"] is False  # the limit is given: first failure ends
    wa = stop_plan(expectations_for("wrong_answer/b.py", found), TESTS, 2.0,
                   exact_lower=False)
    assert [r["complete"] for r in wa["rules"]] == [False, True]  # a message is looked for
    by_default = stop_plan(expectations_for("wrong_answer/c.py", found), TESTS, 2.0,
                           exact_lower=True)
    assert by_default["rules"][0]["complete"] is False  # its first wrong answer ends it


def test_a_message_must_appear_in_some_judge_message(tmp_path: Path) -> None:
    found = entries(tmp_path, "wa:\n  permitted: [AC, WA]\n  required: [WA]\n"
                              "  message: too large\n")
    expect = expectations_for("wa/x.py", found)
    assert not failures(expect, outcomes("AC", "AC", "AC", "WA",
                                         message="line 1: the value is too large"))
    assert failures(expect, outcomes("AC", "AC", "AC", "WA", message="Too Large")) == [
        "wa: message 'too large' in no test's judge message"]


def test_score_is_a_number_or_an_inclusive_range(tmp_path: Path) -> None:
    found = entries(tmp_path, "partial/a.py: {score: [20, 40]}\npartial/b.py: {score: 100}\n")
    assert failures(expectations_for("partial/a.py", found), outcomes("AC", "AC", "AC", "WA"),
                    score=40) == []
    assert failures(expectations_for("partial/a.py", found), outcomes("AC", "AC", "AC", "WA"),
                    score=60) == ["partial/a.py: score 60, expected 20..40"]
    assert failures(expectations_for("partial/b.py", found), outcomes("AC", "AC", "AC", "AC"),
                    score=100) == []


def test_which_rules_bound_the_time_limit() -> None:
    assert DEFAULTS["accepted"].lower_bound and not DEFAULTS["accepted"].upper_bound
    assert DEFAULTS["wrong_answer"].lower_bound and DEFAULTS["run_time_error"].lower_bound
    assert DEFAULTS["time_limit_exceeded"].upper_bound
    brute = DEFAULTS["brute_force"]
    assert not brute.lower_bound and not brute.upper_bound  # not used by default
    assert not DEFAULTS["rejected"].lower_bound and not DEFAULTS["rejected"].upper_bound
    assert not Rule("x", required=frozenset({"TLE", "RTE"})).upper_bound
    assert not Rule("x", permitted=frozenset({"AC"}), use_for_time_limit=False).lower_bound
    assert Rule("x", use_for_time_limit="lower").lower_bound
    assert Rule("x", use_for_time_limit="upper").upper_bound
    assert not Rule("x", required=frozenset({"TLE"}), use_for_time_limit=False).upper_bound


def test_bounds_take_the_slowest_run_over_each_rules_tests(tmp_path: Path) -> None:
    found = entries(tmp_path, "slow_ok:\n  permitted: [AC]\n  use_for_time_limit: false\n"
                              "mixed/x.py:\n  secret/hard: {required: [TLE]}\n"
                              "  secret/easy: {permitted: [AC]}\n")
    timed = {"sample/1": Outcome("AC", 0.05), "secret/easy/1": Outcome("AC", 0.3),
             "secret/easy/2": Outcome("AC", 0.2), "secret/hard/1": Outcome("TLE", 4.5)}
    got = bounds([("accepted/a.py", expectations_for("accepted/a.py", found),
                   {**timed, "secret/hard/1": Outcome("AC", 0.4)}),
                  ("slow_ok/b.py", expectations_for("slow_ok/b.py", found),
                   {**timed, "secret/hard/1": Outcome("AC", 0.9)}),
                  ("mixed/x.py", expectations_for("mixed/x.py", found), timed)])
    assert got == Bounds(0.4, "accepted/a.py on secret/hard/1", 4.5,
                         "mixed/x.py on secret/hard/1")


@pytest.mark.parametrize(("lower", "upper", "resolution", "limit"), [
    (0.4, None, 1.0, 1.0),   # at least one step
    (0.7, None, 1.0, 2.0),   # 1.4 rounded up to whole seconds
    (0.7, None, 0.25, 1.5),  # to quarters
    (2.9, None, 1.0, 6.0),
    (0.7, 3.0, 1.0, 2.0),    # 2 x 1.5 = 3 <= 3
    (0.7, 2.9, 1.0, None),   # no multiple fits both bounds
    (None, 3.0, 1.0, None),  # nothing bounds it from below
])
def test_the_time_limit_is_the_smallest_multiple_of_the_resolution_between_the_bounds(
        lower: float | None, upper: float | None, resolution: float,
        limit: float | None) -> None:
    rule = TimeLimitRule(ac_to_time_limit=2.0, time_limit_to_tle=1.5,
                         time_resolution=resolution)
    assert infer_time_limit(Bounds(lower, "", upper, ""), rule) == limit


def test_bad_values_are_errors_naming_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions/submissions.yaml").write_text(
        "accepted:\n  permitted: [AC, MLE]\nwa/*:\n  secret: {required: WA}\n"
        "  score: [3, 1]\n  use_for_time_limit: sometimes\n  frob: 1\n"
        "x.py:\n  permitted: [AC]\n  required: [WA]\n")
    report = Report()
    read_submissions_yaml(tmp_path, report)
    file = tmp_path / "submissions/submissions.yaml"
    assert report.errors == [
        f"{file}: accepted.permitted: must be a list of verdicts among AC, WA, TLE, RTE, "
        "not ['AC', 'MLE']",
        f"{file}: wa/*.score: must be a number or a list [low, high], not [3, 1]",
        f"{file}: wa/*.use_for_time_limit: must be true, false, lower or upper, not "
        "'sometimes'",
        f"{file}: x.py: permitted and required have no verdict in common: no submission can "
        "satisfy it"]
    assert report.warnings == [f"{file}: wa/*.frob: not a key of the format, nor a test "
                               "group with its requirements: ignored"]


def test_the_package_reads_each_submissions_expectations() -> None:
    problem = load_problem(PACKAGE)
    assert not problem.warnings
    by_name = {s.path.name: s.expectations for s in problem.submissions}
    assert by_name["solves_easy.py"] is not None
    assert [r.tests for r in by_name["solves_easy.py"].rules] == ["sample", "secret/easy",
                                                                 "secret/hard"]
    assert by_name["double_slowly.py"].rules[0].use_for_time_limit is False
    assert not by_name["double_slowly.py"].lower_bound
    assert by_name["plus_one.py"].rules[0].message == "got"  # the folder's key, merged


def test_a_bad_submissions_yaml_refuses_the_package(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "p")
    (tmp_path / "p/submissions/submissions.yaml").write_text("wa:\n  required: [NOPE]\n")
    with pytest.raises(PackageError, match=r"submissions.yaml: wa.required: must be a list"):
        load_problem(tmp_path / "p")


def test_2023_07_packages_keep_their_folder_rules() -> None:
    problem = load_problem(PACKS / "sum")
    assert all(s.expectations is None for s in problem.submissions)
    assert {s.expected for s in problem.submissions} >= {"compile_error", "accepted"}
