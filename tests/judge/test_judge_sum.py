"""Judging the sum package for real: every expected verdict, from each kind of submission."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.problems.load import load_problem
from judge.judging import Submission, judge_submission
from judge.languages import detect, load_languages
from judge.verdicts import Verdict
from tests.paths import PACKS

pytestmark = pytest.mark.docker

SUM = PACKS / "sum"
EXPECTED = {
    "accepted": Verdict.AC,
    "wrong_answer": Verdict.WA,
    "time_limit_exceeded": Verdict.TLE,
    "run_time_error": Verdict.RTE,
    "memory_limit_exceeded": Verdict.MLE,
    "output_limit_exceeded": Verdict.OLE,
    "compile_error": Verdict.CE,
}
SOURCES = sorted(SUM.glob("submissions/*/*"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_submission_gets_the_verdict_its_folder_names(pool, blobs, source: Path) -> None:
    problem = load_problem(SUM)
    submission = Submission(language=detect(source, load_languages(), source.read_bytes()),
                            source=source.read_bytes(), tests=problem.tests,
                            limits=problem.limits, flags=problem.flags)
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is EXPECTED[source.parent.name], judgement.to_json()
    if judgement.verdict is Verdict.CE:
        assert "error" in judgement.compile_output.lower()
        assert judgement.tests == ()
    else:
        assert judgement.tests[-1].verdict is judgement.verdict
        assert all(t.verdict is Verdict.AC for t in judgement.tests[:-1])
    if judgement.verdict is Verdict.AC:
        assert len(judgement.tests) == len(problem.tests)


def test_every_required_language_has_an_accepted_solution() -> None:
    languages = load_languages()
    found = {detect(p, languages, p.read_bytes()).id for p in SUM.glob("submissions/accepted/*")}
    assert {"c", "cpp", "python3", "java"} <= found


@pytest.mark.parametrize(("language", "source"), [("pypy3", "sum.py"), ("cpp17", "sum.cpp")])
def test_languages_chosen_by_id_judge_the_accepted_solution(pool, blobs, language: str,
                                                            source: str) -> None:
    problem = load_problem(SUM)
    submission = Submission(language=load_languages()[language],
                            source=(SUM / "submissions/accepted" / source).read_bytes(),
                            tests=problem.tests, limits=problem.limits, flags=problem.flags)
    assert judge_submission(pool, blobs, submission).verdict is Verdict.AC
