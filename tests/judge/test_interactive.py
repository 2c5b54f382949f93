"""Interactive problems for real: the submission and the interactor through pipes, both
sandboxed, with the right verdict whichever side misbehaves or stops first."""

from __future__ import annotations

import pytest

from judge.judging import Submission, TestCase, build_program, judge_submission
from judge.languages import load_languages
from judge.limits import Limits
from judge.programs import source_from_path
from judge.verdicts import Verdict
from tests.paths import REPO

pytestmark = pytest.mark.docker

CASES = REPO / "tests/fixtures/cases/doubling"


@pytest.fixture(scope="module")
def interactor(pool, blobs):
    return build_program(pool, blobs, source_from_path(CASES / "interactor.py",
                                                       load_languages()))


@pytest.fixture(scope="module")
def tests(tmp_path_factory) -> list[TestCase]:
    folder = tmp_path_factory.mktemp("doubling")
    result = []
    for i, numbers in enumerate(["1 2 3", "10 -4", "7"], 1):
        (folder / f"{i}.in").write_text(numbers + "\n")
        (folder / f"{i}.ans").write_text("")
        result.append(TestCase(f"secret/{i}", folder / f"{i}.in", folder / f"{i}.ans"))
    return result


@pytest.mark.parametrize(("source", "expected"), [
    ("doubler.py", Verdict.AC),
    ("tripler.py", Verdict.WA),
    ("silent.py", Verdict.TLE),
    ("crash_first.py", Verdict.RTE),
    ("crash_after.py", Verdict.RTE),
    ("chatty.py", Verdict.WA),
])
def test_interactive_verdicts(pool, blobs, interactor, tests, source: str,
                              expected: Verdict) -> None:
    submission = Submission(language=load_languages()["python3"],
                            source=(CASES / source).read_bytes(), tests=tests,
                            limits=Limits(time=1.0), validator=interactor, interactive=True)
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is expected, judgement.to_json()
    if expected is Verdict.AC:
        assert len(judgement.tests) == 3
    if source == "tripler.py":
        assert "sent 1, got '3'" in judgement.tests[0].message


def test_submission_that_quits_early_gets_wa_every_time(pool, blobs, tmp_path) -> None:
    """The interactor keeps writing after the submission has gone: it must finish and reject
    (WA), not die of SIGPIPE (JE). Twenty tests, judged to the end, all WA."""
    insistent = REPO / "tests/fixtures/cases/insistent"
    validator = build_program(pool, blobs, source_from_path(insistent / "interactor.py",
                                                            load_languages()))
    tests = []
    for i in range(20):
        (tmp_path / f"{i}.in").write_text("1\n")
        (tmp_path / f"{i}.ans").write_text("")
        tests.append(TestCase(f"secret/{i}", tmp_path / f"{i}.in", tmp_path / f"{i}.ans"))
    submission = Submission(language=load_languages()["python3"],
                            source=(insistent / "quitter.py").read_bytes(), tests=tests,
                            limits=Limits(time=2.0), validator=validator, interactive=True,
                            stop_on_failure=False)
    judgement = judge_submission(pool, blobs, submission)
    assert [t.verdict for t in judgement.tests] == [Verdict.WA] * 20, judgement.to_json()


def test_a_submission_that_spins_after_the_validator_rejected_is_not_waited_for(
        pool, blobs, interactor, tests) -> None:
    """The validator's 43 first makes it WA whatever follows (as the format says): the runner
    stops the submission there instead of letting it spin to the time limit."""
    spinner = b"import sys\nn = sys.stdin.readline()\nprint(3 * int(n), flush=True)\n" \
              b"while True:\n    pass\n"
    submission = Submission(language=load_languages()["python3"], source=spinner,
                            tests=tests[:1], limits=Limits(time=6.0), validator=interactor,
                            interactive=True)
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is Verdict.WA, judgement.to_json()
    assert judgement.tests[0].time < 3.0, "spun on after the validator had rejected"
