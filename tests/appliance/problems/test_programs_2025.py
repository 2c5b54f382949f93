"""Package format 2025-09's judges' programs, judged for real: a validator given as a
folder with `build` / `run` scripts, `include/` files joined to submissions, multi-pass
validation, and the validation data (`invalid_input`, `invalid_output`, `valid_output`)
that `package verify` checks the validators against. Each fixture package is written
from the specification's text."""

from __future__ import annotations

import shutil

import pytest

from appliance.problems.judging import build_validator, submission_for
from appliance.problems.load import load_problem
from appliance.problems.verify import verify
from judge.judging import judge_submission
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import FIXTURES

pytestmark = pytest.mark.docker

PACKAGES = FIXTURES / "packages"


def _verdicts(report) -> dict[str, str | None]:
    return {c.path: c.got.value if c.got else None for c in report.submissions}


def test_a_build_and_run_output_validator_is_built_by_its_script_and_judges(pool, blobs):
    report = verify(load_problem(PACKAGES / "build_run"), pool, blobs, load_languages())
    assert not report.errors, report.errors
    assert _verdicts(report) == {"submissions/accepted/plus_two.py": "AC",
                                 "submissions/wrong_answer/same.py": "WA"}
    assert report.ok, [c.to_json() for c in report.submissions]


def test_an_input_validator_given_as_a_run_script_accepts_the_data(pool, blobs):
    report = verify(load_problem(PACKAGES / "build_run"), pool, blobs, load_languages(),
                    parts=["input"])
    assert [(c.validator, c.ok, c.skipped, c.error) for c in report.inputs] == [
        ("input_validators/digits", True, "", "")]


def test_verify_reports_what_each_validator_refused_of_the_validation_data(pool, blobs):
    report = verify(load_problem(PACKAGES / "build_run"), pool, blobs, load_languages(),
                    parts=["input"])
    assert not report.errors, report.errors
    digits, = report.inputs
    assert [r.split(":")[0] for r in digits.invalid_refused] == [
        "data/invalid_input/leading_zero.in", "data/invalid_input/negative.in"]
    assert digits.invalid_accepted == ()
    output, = report.outputs
    assert output.validator == "output_validator"
    assert output.refused == ("data/invalid_output/not_bigger.out",)
    assert output.accepted == ("data/valid_output/much_bigger.out",)
    assert output.ok and report.ok


def test_an_invalid_input_every_validator_accepts_and_a_wrongly_judged_output_fail_verify(
        pool, blobs, tmp_path):
    package = tmp_path / "build_run"
    shutil.copytree(PACKAGES / "build_run", package)
    (package / "data/invalid_input/fine.in").write_text("12\n")
    (package / "data/valid_output/too_small.in").write_text("5\n")
    (package / "data/valid_output/too_small.ans").write_text("6\n")
    (package / "data/valid_output/too_small.out").write_text("4\n")
    report = verify(load_problem(package), pool, blobs, load_languages(), parts=["input"])
    assert report.errors == ["data/invalid_input/fine.in: an invalid input accepted by every "
                             "input validator"]
    output, = report.outputs
    assert output.wrong == ("data/valid_output/too_small.out: refused, but it is a valid "
                            "output (Wrong Answer, no message)",)
    assert not report.ok


def test_include_files_are_joined_to_each_submission_of_their_language(pool, blobs):
    report = verify(load_problem(PACKAGES / "include_files"), pool, blobs, load_languages())
    assert not report.errors, report.errors
    assert _verdicts(report) == {
        "submissions/accepted/overridden": "AC",  # the package's include.py replaces its own
        "submissions/accepted/uses_header.c": "AC",  # include/default/
        "submissions/accepted/uses_helper.py": "AC",  # include/python3/
        "submissions/wrong_answer/triples.py": "WA"}
    assert report.ok


def test_multi_pass_runs_again_on_nextpass_in_and_a_second_pass_failure_is_wa(pool, blobs):
    report = verify(load_problem(PACKAGES / "multi_pass"), pool, blobs, load_languages())
    assert not report.errors, report.errors
    assert _verdicts(report) == {"submissions/accepted/both_passes.py": "AC",
                                 "submissions/wrong_answer/first_pass_only.py": "WA"}
    wrong = next(c for c in report.submissions if c.expected == "wrong_answer")
    assert "pass 2" in wrong.detail  # the message says which pass failed
    assert report.ok


def test_a_validator_asking_for_more_passes_than_the_limit_is_a_judge_error(pool, blobs):
    problem = load_problem(PACKAGES / "multi_pass")
    validator = build_validator(pool, blobs, problem, load_languages())
    source = b"number, x = map(int, input().split())\nprint(x + 1 if number == 1 else 'again')\n"
    judgement = judge_submission(pool, blobs, submission_for(
        problem, load_languages()["python3"], source, validator=validator))
    assert judgement.verdict is Verdict.JE
    assert "limits.validation_passes is 2" in judgement.tests[0].message


def test_the_static_validator_refuses_a_submission_and_its_case_fails(pool, blobs):
    report = verify(load_problem(PACKAGES / "static_validator"), pool, blobs,
                    load_languages(), parts=["submissions"])
    assert not report.errors, report.errors
    checks = {c.path: c for c in report.submissions}
    by_hand = checks["submissions/accepted/by_hand.py"]
    uses = checks["submissions/rejected/uses_sorted.py"]
    assert [(r.group, r.accepted, r.error) for r in by_hand.static] == [("secret", True, "")]
    assert [(r.group, r.accepted) for r in uses.static] == [("secret", False)]
    # called as the format says: language code, entry point, feedback dir, then the args
    assert uses.static[0].message == "python3 uses_sorted.py: uses sorted"
    assert (by_hand.got, uses.got) == (Verdict.AC, Verdict.WA)
    assert report.ok, [c.to_json() for c in report.submissions]


def test_a_scoring_problem_scores_per_group_with_score_files_and_require_pass(pool, blobs):
    report = verify(load_problem(PACKAGES / "scoring2025"), pool, blobs, load_languages(),
                    parts=["submissions"])
    assert not report.errors, report.errors
    scores = {c.path.split("/")[-1]: (c.score, c.group_scores) for c in report.submissions}
    assert scores == {
        "exact.py": (100, {"secret/g1": 40, "secret/g2": 60, "secret": 100}),
        "off_by_one.py": (30, {"secret/g1": 0, "secret/g2": 30, "secret": 30}),
        "no_sample.py": (60, {"secret/g1": 0, "secret/g2": 60, "secret": 60})}
    assert report.ok, [c.to_json() for c in report.submissions]


def test_validation_cases_take_their_own_and_their_folders_validator_arguments(pool, blobs):
    """invalid_input/over_bound.in is refused only with its own .yaml's bound;
    valid_output/close.out is accepted only with its folder's tolerance, and
    invalid_output/far.out refused only with its own."""
    report = verify(load_problem(PACKAGES / "validation_args"), pool, blobs,
                    load_languages(), parts=["input"])
    assert not report.errors, report.errors
    at_most, = report.inputs
    assert [r.split(":")[0] for r in at_most.invalid_refused] == [
        "data/invalid_input/over_bound.in", "data/invalid_input/zero.in"]
    output, = report.outputs
    far, = output.refused
    assert far.startswith("data/invalid_output/far.out: ") and "> 0.01" in far
    assert output.accepted == ("data/valid_output/close.out",)
    assert report.ok
