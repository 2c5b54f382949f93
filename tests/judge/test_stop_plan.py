"""The runner's stop plan for real (judge/stopping.py decides, the runner obeys): judging
stops once the watched rules are decided, and tests no open rule watches are not run."""

from __future__ import annotations

import pytest

from appliance.problems.load import load_problem
from judge.judging import Submission, judge_submission
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import PACKS

pytestmark = pytest.mark.docker

SUM = PACKS / "sum"
WRONG = b"print(0)\n"


def judge(pool, blobs, plan):
    problem = load_problem(SUM)
    return problem, judge_submission(pool, blobs, Submission(
        language=load_languages()["python3"], source=WRONG, tests=problem.tests,
        limits=problem.limits, flags=problem.flags, stop_on_failure=False, stop_plan=plan))


def test_without_a_plan_every_test_runs(pool, blobs) -> None:
    problem, judgement = judge(pool, blobs, None)
    assert len(judgement.tests) == len(problem.tests) > 1


def test_a_wrong_answer_stops_at_its_first_wrong_test(pool, blobs) -> None:
    problem = load_problem(SUM)
    names = [t.name for t in problem.tests]
    plan = {"limit": 1.0, "rules": [{"tests": names, "permitted": ["AC", "WA"],
                                     "required": ["WA"], "complete": False,
                                     "until_timeout": False}]}
    _, judgement = judge(pool, blobs, plan)
    assert [t.verdict for t in judgement.tests] == [Verdict.WA]


def test_tests_no_rule_watches_are_skipped(pool, blobs) -> None:
    problem = load_problem(SUM)
    last = problem.tests[-1].name
    plan = {"limit": 1.0, "rules": [{"tests": [last], "permitted": ["AC", "WA"],
                                     "required": None, "complete": True,
                                     "until_timeout": False}]}
    _, judgement = judge(pool, blobs, plan)
    assert [t.name for t in judgement.tests] == [last]
