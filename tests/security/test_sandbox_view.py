"""What a submission can see and touch in its sandbox, tried for real (issue 18).

Nothing of the validator's side (its build, its copies of the input and answer, its
feedback folder, its temporary files), no test data but the submission's own stdin, and
nothing of another submission may be reachable from the submission's user; nothing a
submission makes may stall or fool the runner; no IPC object outlives its test.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from appliance.problems.judging import build_validator, submission_for
from appliance.problems.load import load_problem
from judge.judging import Submission, TestCase, build_program, judge_submission
from judge.languages import load_languages
from judge.limits import Limits
from judge.processes import read_head
from judge.programs import source_from_path
from judge.runner import verify_blobs
from judge.verdicts import Verdict
from tests.paths import REPO

CASES = REPO / "tests/fixtures/security"
GUESSING = REPO / "problem_packs/guessing"
LANGUAGES = load_languages()


def case(name: str) -> bytes:
    return (CASES / name).read_bytes()


@pytest.fixture(scope="module")
def guessing():
    return load_problem(GUESSING)


@pytest.fixture(scope="module")
def interactor(pool, blobs, guessing):
    return build_validator(pool, blobs, guessing, LANGUAGES)


@pytest.mark.docker
def test_reading_the_interactors_input_no_longer_wins(pool, blobs, guessing,
                                                      interactor) -> None:
    """The cheat guesses the hidden number it read from /out/vdata/input: it was AC on all
    13 tests; now it cannot read it and guesses 1: AC only where the number is 1."""
    submission = submission_for(guessing, LANGUAGES["python3"], case("guess_cheat.py"),
                                validator=interactor, all_tests=True)
    judgement = judge_submission(pool, blobs, submission)
    lucky = [Verdict.AC if t.input.read_text().split()[1] == "1" else Verdict.WA
             for t in guessing.tests]
    assert judgement.verdict is Verdict.WA, judgement.to_json()
    assert [t.verdict for t in judgement.tests] == lucky, judgement.to_json()


@pytest.mark.docker
@pytest.mark.parametrize("planted", ["fifo", "symlink"])
def test_what_a_submission_plants_in_the_feedback_folder_is_never_opened(
        pool, blobs, guessing, interactor, planted: str) -> None:
    """A FIFO in place of judgemessage.txt held the runner (root) until the host gave up:
    JE after a timeout, three times over; a symlink made it copy a file of its own (its
    command line) into the message. Now the folder is not the submission's to write, and the
    runner opens only a regular file it did not follow a link to: judged AC, no JE."""
    first = guessing.tests[:2]
    source = case("guess_feedback.py").replace(b'"fifo"\n', f'"{planted}"\n'.encode())
    submission = Submission(language=LANGUAGES["python3"], source=source, tests=first,
                            limits=guessing.limits, validator=interactor, interactive=True,
                            stop_on_failure=False)
    judgement = judge_submission(pool, blobs, submission)
    assert judgement.verdict is Verdict.AC, judgement.to_json()
    assert [t.verdict for t in judgement.tests] == [Verdict.AC] * 2
    for test in judgement.tests:
        assert test.message.startswith("found "), test.message
        assert "runner.py" not in test.message


def test_the_runner_reads_no_fifo_nor_link(tmp_path: Path) -> None:
    """What the runner reads back (messages, logs) is a regular file or nothing: a FIFO
    would block it for good, a link would show it a file chosen by whoever made the link."""
    secret = tmp_path / "secret"
    secret.write_text("root's own\n")
    (tmp_path / "link").symlink_to(secret)
    os.mkfifo(tmp_path / "fifo")
    assert read_head(str(tmp_path / "link")) == ""
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(read_head(str(tmp_path / "fifo"))),
                              daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader so the test run can end
        with open(tmp_path / "fifo", "w"):
            pass
        pytest.fail("read_head blocked on a FIFO")
    assert got == [""]
    assert read_head(str(secret)) == "root's own\n"


def test_the_runner_refuses_blobs_open_to_others(tmp_path: Path) -> None:
    """A blob folder copied to an engine with open modes would show every test's data to
    submissions: the runner judges nothing from it, and says why."""
    data = b"SECRET-ANSWER-1\n"
    name = hashlib.sha256(data).hexdigest()
    folder = tmp_path / "blobs"
    folder.mkdir(mode=0o700)
    (folder / name).write_bytes(data)
    (folder / name).chmod(0o644)
    with pytest.raises(RuntimeError, match=f"blob {name} is open to other users"):
        verify_blobs(str(folder), [name])
    (folder / name).chmod(0o600)
    verify_blobs(str(folder), [name])
    folder.chmod(0o755)
    with pytest.raises(RuntimeError, match="blob folder .* is open to other users"):
        verify_blobs(str(folder), [name])


def echo_tests(folder: Path, count: int) -> list[TestCase]:
    """Tests whose answer is their input (`word`), or marked secrets for the view."""
    tests = []
    for i in range(1, count + 1):
        (folder / f"{i}.in").write_text(f"SECRET-INPUT-{i}\n")
        (folder / f"{i}.ans").write_text(f"SECRET-INPUT-{i}\nSECRET-ANSWER-{i}\n")
        tests.append(TestCase(f"secret/{i}", folder / f"{i}.in", folder / f"{i}.ans"))
    return tests


@pytest.mark.docker
def test_no_ipc_object_outlives_its_test(pool, blobs, tmp_path: Path) -> None:
    """SysV shared memory, message queues, semaphores and POSIX message queues made in one
    test were there in the next (test 2 read test 1's input). Each test now starts with none:
    the program echoes its input only when it finds nothing left, so every test is AC."""
    tests = []
    for i, word in enumerate(["first", "second", "third"], 1):
        (tmp_path / f"{i}.in").write_text(word + "\n")
        (tmp_path / f"{i}.ans").write_text(word + "\n")
        tests.append(TestCase(f"secret/{i}", tmp_path / f"{i}.in", tmp_path / f"{i}.ans"))
    submission = Submission(language=LANGUAGES["c"], source=case("ipc_leak.c"),
                            tests=tests, stop_on_failure=False)
    judgement = judge_submission(pool, blobs, submission)
    assert [t.verdict for t in judgement.tests] == [Verdict.AC] * 3, judgement.to_json()


def view(pool, blobs, tmp_path: Path, interactive: bool) -> list[str]:
    """The view program's report on each of three tests (the validator passes it on)."""
    validator = build_program(pool, blobs, source_from_path(
        CASES / ("echo_interactor.py" if interactive else "echo_validator.py"), LANGUAGES))
    submission = Submission(language=LANGUAGES["python3"], source=case("view.py"),
                            tests=echo_tests(tmp_path, 3), limits=Limits(time=10.0),
                            validator=validator, interactive=interactive,
                            stop_on_failure=False)
    judgement = judge_submission(pool, blobs, submission)
    assert [t.verdict for t in judgement.tests] == [Verdict.AC] * 3, judgement.to_json()
    return [t.message for t in judgement.tests]


@pytest.mark.docker
@pytest.mark.parametrize("interactive", [False, True], ids=["batch", "interactive"])
def test_the_sandbox_view_holds_nothing_of_the_validator_nor_other_tests(
        pool, blobs, tmp_path: Path, interactive: bool) -> None:
    """Listed from inside as the submission's user: every readable file is searched for the
    marks of every test's input and answer and of the validator (its source, its temporary
    file), and /out and /blobs (the runner's scratch folder, every blob) are tried by name.
    The program finds its own input only; its report is docs/security.md's listing."""
    for report in view(pool, blobs, tmp_path, interactive):
        assert report.startswith("findings: none\n"), report
        closed = next(line for line in report.splitlines()
                      if line.startswith("closed folders:"))
        assert "/blobs" in closed and "/out" in closed, report
        print(report)
