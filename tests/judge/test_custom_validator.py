"""Custom output validators, built once in a sandbox and run after each test, for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.errors import BuildError
from judge.judging import Submission, TestCase, build_program, judge_submission
from judge.languages import load_languages
from judge.programs import source_from_path
from judge.verdicts import Verdict
from tests.paths import REPO

pytestmark = pytest.mark.docker

CASES = REPO / "tests/fixtures/cases/divisor"


@pytest.fixture(scope="module")
def tests(tmp_path_factory) -> list[TestCase]:
    folder = tmp_path_factory.mktemp("divisor")
    result = []
    for i, n in enumerate([12, 91, 1001], 1):
        (folder / f"{i}.in").write_text(f"{n}\n")
        (folder / f"{i}.ans").write_text("")  # the validator decides; there is no one answer
        result.append(TestCase(f"secret/{i}", folder / f"{i}.in", folder / f"{i}.ans"))
    return result


@pytest.fixture(scope="module", params=["validator.cpp", "validator.py"])
def validator(request, pool, blobs):
    return build_program(pool, blobs, source_from_path(CASES / request.param,
                                                       load_languages()))


def judge(pool, blobs, tests, validator, source: str):
    submission = Submission(language=load_languages()["python3"],
                            source=(CASES / source).read_bytes(), tests=tests,
                            validator=validator)
    return judge_submission(pool, blobs, submission)


@pytest.mark.parametrize("source", ["smallest.py", "largest.py"])
def test_any_correct_answer_is_accepted(pool, blobs, tests, validator, source: str) -> None:
    judgement = judge(pool, blobs, tests, validator, source)
    assert judgement.verdict is Verdict.AC, judgement.to_json()
    assert len(judgement.tests) == 3


def test_a_wrong_answer_is_rejected_with_the_validators_message(pool, blobs, tests,
                                                                 validator) -> None:
    judgement = judge(pool, blobs, tests, validator, "itself.py")
    assert judgement.verdict is Verdict.WA
    assert "not a proper divisor of 12" in judgement.tests[0].message


def test_the_submission_cannot_see_what_the_validator_is_given(pool, blobs, tests,
                                                                validator) -> None:
    judgement = judge(pool, blobs, tests, validator, "snoop.py")
    assert judgement.verdict is Verdict.AC, judgement.to_json()  # it printed no "LEAK"


def test_a_validator_that_does_not_compile_is_a_build_error(pool, blobs, tmp_path) -> None:
    broken = tmp_path / "validator.cpp"
    broken.write_text("int main( { return 42; }\n")
    with pytest.raises(BuildError, match="does not compile"):
        build_program(pool, blobs, source_from_path(broken, load_languages()))


def test_a_validator_that_crashes_is_a_judging_error(pool, blobs, tests, tmp_path) -> None:
    crashing = tmp_path / "validator.py"
    crashing.write_text("raise SystemExit(3)\n")
    validator = build_program(pool, blobs, source_from_path(crashing, load_languages()))
    judgement = judge(pool, blobs, tests, validator, "smallest.py")
    assert judgement.verdict is Verdict.JE
    assert "output validator failed (exit status 3)" in judgement.tests[0].message


def test_a_validator_folder_is_one_program(tmp_path: Path) -> None:
    folder = tmp_path / "checker"
    folder.mkdir()
    (folder / "checker.cpp").write_text('#include "helper.h"\nint main() { return 42; }\n')
    (folder / "helper.h").write_text("#pragma once\n")
    source = source_from_path(folder, load_languages())
    assert source.language.id == "cpp" and source.main == "checker.cpp"
    files, _, _ = source.sandbox_files(256)
    assert set(files) == {"solution.cpp", "helper.h"}
