"""Why a test failed, as `podium package verify` says it: never an empty reason."""

from __future__ import annotations

import pytest

from appliance.problems.verify import failure_reason
from judge.judging import TestResult
from judge.verdicts import Verdict


def result(verdict: Verdict, exit_code: int | None = 0, signal: int | None = None,
           message: str = "") -> TestResult:
    return TestResult("secret/04-bad", verdict, 0.1, 0.1, 0, exit_code, signal, message)


@pytest.mark.parametrize(("test", "expect_exit", "reason"), [
    (result(Verdict.WA, 43, message="  n too large\n"), 42, "n too large"),
    (result(Verdict.WA, 43), 42, "exit code 43 (42 accepts), no message"),
    (result(Verdict.WA, 0), 42, "exit code 0 (42 accepts), no message"),
    (result(Verdict.WA, None, signal=9), 42, "killed by signal 9, no message"),
    (result(Verdict.TLE, None, signal=9), 42, "killed by signal 9, no message"),
    (result(Verdict.TLE, 0), 42, "Time Limit Exceeded, no message"),
    (result(Verdict.RTE, 3), None, "Run-Time Error, exit code 3, no message"),
    (result(Verdict.WA, 0), None, "Wrong Answer, no message"),
])
def test_a_failure_reason_is_the_message_else_what_the_program_did(
        test: TestResult, expect_exit: int | None, reason: str) -> None:
    assert failure_reason(test, expect_exit) == reason
