"""Bash, as the package format's language list names it (`.sh`): a script is syntax-checked,
run from its folder (so a multi-file submission finds its other scripts through `$0`), and
judged like any program (real Docker)."""

from __future__ import annotations

import pytest

from appliance.problems.load import load_problem
from judge.judging import Submission, judge_submission
from judge.languages import detect, load_languages
from judge.verdicts import Verdict
from tests.paths import PACKS

pytestmark = pytest.mark.docker

SUM = PACKS / "sum"
ADD = b'read a b\necho $((a + b))\n'


def judge(pool, blobs, source: bytes, extra: dict[str, bytes] | None = None):
    problem = load_problem(SUM)
    return judge_submission(pool, blobs, Submission(
        language=detect("sum.sh", load_languages()), source=source, tests=problem.tests,
        limits=problem.limits, flags=problem.flags, extra_files=extra or {}))


def test_a_bash_script_is_judged(pool, blobs) -> None:
    assert judge(pool, blobs, ADD).verdict is Verdict.AC
    assert judge(pool, blobs, b'read a b\necho $((a - b))\n').verdict is Verdict.WA


def test_a_multi_file_script_sources_its_other_files_through_dollar_zero(pool, blobs) -> None:
    main = b'. ${0%/*}/add.sh\nread a b\nadd $a $b\n'
    extra = {"add.sh": b'add() { echo $(($1 + $2)); }\n'}
    assert judge(pool, blobs, main, extra).verdict is Verdict.AC, "sourced by its folder"


def test_a_syntax_error_is_a_compile_error(pool, blobs) -> None:
    judgement = judge(pool, blobs, b'if then fi (\n')
    assert judgement.verdict is Verdict.CE
    assert "syntax error" in judgement.compile_output
