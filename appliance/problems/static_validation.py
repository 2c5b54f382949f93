"""2025-09 static validation: the package's `static_validator/` run on a submission's files.

Each group (or secret, or sample) whose test_group.yaml says `static_validation_score` has
one static validation test case. For it the static validator runs in a working folder
holding the submission's files (and its own, as Podium builds it there), as
`static_validator language entry_point feedback_dir [static_validator_args]`, and reports
as an output validator does: exit 42 accepts, 43 refuses, anything else is its own
failure (a judge error). `language` is the format's code (python3, cpp, java...),
`entry_point` the main file's name, or its class for a JVM language.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from appliance.problems.aggregation import SAMPLE, CaseResult, Group, read_group, read_groups
from appliance.problems.constants import with_constants
from appliance.problems.judging import format_code
from appliance.problems.load import Problem
from judge.blobs import BlobStore
from judge.errors import LanguageError
from judge.judging import Submission, TestCase, judge_submission
from judge.languages import Language, with_validator_languages
from judge.pool import Pool
from judge.programs import ProgramSource, source_from_path
from judge.result_cache import ResultCache
from judge.verdicts import Verdict

ACCEPT, REFUSE = 42, 43
FEEDBACK_DIR = "/tmp/"  # writable by the program in the sandbox; ends with a separator


@dataclass(frozen=True)
class StaticResult:
    """The static validator's judgement of one submission in one group."""

    group: str
    accepted: bool
    message: str = ""
    error: str = ""  # the validator failed (exit status neither 42 nor 43, no build)

    def as_case(self) -> CaseResult:
        return CaseResult(self.accepted and not self.error)

    def line(self) -> str:
        what = "judge error" if self.error else "accepted" if self.accepted else "refused"
        why = self.error or self.message
        return f"static validation ({self.group}): {what}" + (f": {why}" if why else "")


def static_cases(problem: Problem) -> list[Group]:
    """The groups that hold a static validation test case, in name order."""
    if problem.static_validator is None:
        return []
    groups = read_groups(problem.path, problem.constants)
    sample = read_group(problem.path, SAMPLE, problem.constants)
    found = [g for g in [sample, *groups.values()] if g.static_score is not None]
    return sorted(found, key=lambda g: g.name)


def entry_point(source: ProgramSource) -> str:
    """What the static validator is told to start from: the main file, or its class."""
    if source.language.finds_main_class:
        return source.language.entry_point(source.files[source.main].decode("utf-8",
                                                                            "replace"))
    return source.main


def validate_statically(problem: Problem, submission: ProgramSource, pool: Pool,
                        blobs: BlobStore, languages: Mapping[str, Language],
                        results: ResultCache | None = None) -> tuple[StaticResult, ...]:
    """Run the static validator on one submission for each static validation case (with
    verify's `results`, an unchanged one is not run again)."""
    cases = static_cases(problem)
    if not cases or problem.static_validator is None:
        return ()
    try:
        validator = with_constants(source_from_path(
            problem.static_validator, with_validator_languages(languages), scripts=True),
            problem.constants)
    except LanguageError as exc:
        return tuple(StaticResult(g.name, False, error=str(exc)) for g in cases)
    clash = sorted(set(validator.files) & set(submission.files))
    if clash:
        return tuple(StaticResult(g.name, False, error=f"the submission's {clash[0]} has the "
                                  "name of a static validator file") for g in cases)
    files = {**{n: d for n, d in validator.files.items() if n != validator.main},
             **submission.files}
    args = (format_code(submission.language.id), entry_point(submission), FEEDBACK_DIR)
    with tempfile.TemporaryDirectory(prefix="podium-static-") as folder:
        empty = Path(folder) / "empty"
        empty.write_bytes(b"")
        tests = [TestCase(g.name, empty, empty) for g in cases]
        judgement = judge_submission(pool, blobs, Submission(
            language=validator.language, source=validator.files[validator.main],
            extra_files=files, tests=tests, stop_on_failure=False, expect_exit=ACCEPT,
            test_args={g.name: (*args, *g.static_args) for g in cases},
            limits=replace(problem.limits, time=problem.limits.validation_time)), results)
    if judgement.verdict in (Verdict.CE, Verdict.JE):
        why = judgement.error or f"does not build: {judgement.compile_output.strip()[:300]}"
        return tuple(StaticResult(g.name, False, error=why) for g in cases)
    found = []
    for test in judgement.tests:
        message = test.message.strip()
        if test.verdict is Verdict.AC:
            found.append(StaticResult(test.name, True))
        elif test.exit_code == REFUSE:
            found.append(StaticResult(test.name, False, message))
        else:
            how = f"exit status {test.exit_code}" if test.exit_code is not None else \
                test.verdict.title
            found.append(StaticResult(test.name, False, error=f"the static validator "
                                      f"failed ({how}) {message}".strip()))
    return tuple(found)
