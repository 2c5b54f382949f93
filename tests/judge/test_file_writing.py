"""2025-09 `allow_file_writing`: with it a submission may make files in its working folder
(gone again before the next test); without it, the folder is read-only to the run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appliance.problems.judging import submission_for
from appliance.problems.load import load_problem
from judge.judging import judge_submission
from judge.languages import load_languages
from judge.verdicts import Verdict
from tests.paths import FIXTURES

pytestmark = pytest.mark.docker

WRITER = b"""import os
n = int(input())
leftover = os.path.exists("scratch.txt")
with open("scratch.txt", "w") as f:
    f.write(str(n / 2))
print("leftover" if leftover else open("scratch.txt").read())
"""


def package(tmp_path: Path, allow: bool | None) -> Path:
    path = tmp_path / "half"
    shutil.copytree(FIXTURES / "packages" / "validation_args", path)
    if allow is not None:
        with (path / "problem.yaml").open("a") as f:
            f.write(f"allow_file_writing: {str(allow).lower()}\n")
    return path


def judge(path: Path, pool, blobs):
    problem = load_problem(path)
    return judge_submission(pool, blobs, submission_for(
        problem, load_languages()["python3"], WRITER, validator=None, all_tests=True))


def test_a_problem_that_allows_file_writing_lets_each_test_write_afresh(tmp_path, pool,
                                                                        blobs):
    judgement = judge(package(tmp_path, True), pool, blobs)
    assert [t.verdict for t in judgement.tests] == [Verdict.AC, Verdict.AC], judgement


@pytest.mark.parametrize("allow", [False, None])
def test_without_allow_file_writing_the_working_folder_is_read_only(tmp_path, pool, blobs,
                                                                    allow):
    judgement = judge(package(tmp_path, allow), pool, blobs)
    assert judgement.verdict is Verdict.RTE
    assert "Permission denied" in judgement.tests[0].message
