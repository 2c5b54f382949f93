"""Verify a problem package: its test data against its input validators, and every file under
`submissions/<expected>/` judged for real and compared with what its folder expects.

Like problemtools' verifyproblem, when the package states no time limit it is computed
from the slowest accepted submission (judged first with a generous limit).
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from appliance.errors import PackageError
from appliance.problems.constants import with_constants
from appliance.problems.input_args import args_for
from appliance.problems.judging import build_validator, submission_for
from appliance.problems.load import PackageSubmission, Problem, compute_time_limit
from appliance.problems.scoring import aggregate, grade_verdict, max_score, read_groups
from appliance.statements.attachments import attachment_problems
from appliance.statements.render import render_statement
from appliance.statements.samples import sample_file_problems
from judge.blobs import BlobStore
from judge.errors import BuildError, LanguageError
from judge.judging import Judgement, Submission, TestCase, TestResult, judge_submission
from judge.languages import Language, with_validator_languages
from judge.pool import Pool
from judge.programs import BuiltProgram, ProgramSource, source_from_path
from judge.verdicts import Verdict

PARTS = ("input", "submissions")
PROBE_TIME_LIMIT = 10.0  # seconds: accepted submissions' limit while the real one is unknown


@dataclass(frozen=True)
class SubmissionCheck:
    """One submission of the package: what its folder expects and what it got."""

    path: str
    expected: str
    allowed: frozenset[str]
    language: str = ""
    got: Verdict | None = None
    time: float = 0.0
    skipped: str = ""  # why it was not judged (a language Podium does not have)
    detail: str = ""
    score: float | None = None  # scoring problems only
    max_score: float | None = None

    @property
    def ok(self) -> bool:
        if self.skipped:
            return True
        if self.got is None:
            return False
        if self.score is not None and self.max_score is not None:
            if self.expected == "partially_accepted":
                return 0 < self.score < self.max_score
            if self.expected == "accepted":
                return self.got is Verdict.AC and self.score == self.max_score
        return self.got.value in self.allowed

    def to_json(self) -> dict:
        return {"path": self.path, "expected": self.expected, "allowed": sorted(self.allowed),
                "language": self.language, "got": self.got.value if self.got else None,
                "time": self.time, "skipped": self.skipped or None, "ok": self.ok,
                "detail": self.detail, "score": self.score, "max_score": self.max_score}


@dataclass(frozen=True)
class InputCheck:
    """One input validator over all test inputs."""

    validator: str
    rejected: tuple[str, ...] = ()  # test names it did not accept, with its message
    error: str = ""
    skipped: str = ""  # why it was not run (a language Podium does not have, e.g. .viva)

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.error

    def to_json(self) -> dict:
        return {"validator": self.validator, "rejected": list(self.rejected),
                "error": self.error or None, "skipped": self.skipped or None, "ok": self.ok}


@dataclass
class VerifyReport:
    """Everything `podium package verify` found."""

    problem: str
    time_limit: float = 0.0
    time_limit_computed: bool = False
    inputs: list[InputCheck] = field(default_factory=list)
    submissions: list[SubmissionCheck] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and all(c.ok for c in [*self.inputs, *self.submissions])

    def to_json(self) -> dict:
        return {"problem": self.problem, "ok": self.ok, "time_limit": self.time_limit,
                "time_limit_computed": self.time_limit_computed, "errors": self.errors,
                "warnings": self.warnings, "input_validators": [c.to_json() for c in self.inputs],
                "submissions": [c.to_json() for c in self.submissions]}


Progress = Callable[[str], None]


def progress_steps(problem: Problem) -> int:
    """How often `verify` of every part calls `progress`: once per input validator and per
    submission, and once more per accepted one when the time limit is computed from them."""
    accepted = sum(s.expected == "accepted" for s in problem.submissions)
    return len(problem.submissions) + len(problem.input_validators) \
        + (0 if problem.time_limit_given else accepted)


def verify(problem: Problem, pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
           parts: Iterable[str] = PARTS, progress: Progress = lambda _: None) -> VerifyReport:
    """Check a loaded package for real; judging runs in parallel over the pool's slots."""
    parts = set(parts)
    report = VerifyReport(problem=problem.name, time_limit=problem.limits.time,
                          warnings=list(problem.warnings))
    check_statements(problem, report)
    validator = _output_validator(problem, pool, blobs, languages, report)
    if report.errors:
        return report
    workers = concurrent.futures.ThreadPoolExecutor(max_workers=pool.size)
    with workers:
        if "input" in parts:
            report.inputs = list(workers.map(
                lambda p: _check_inputs(problem, p, pool, blobs, languages, progress),
                problem.input_validators))
        if "submissions" in parts:
            _check_submissions(problem, validator, pool, blobs, languages, workers, report,
                               progress)
    return report


def check_statements(problem: Problem, report: VerifyReport) -> None:
    """Render every statement as the web would: what cannot render is an error, what renders
    with a loss (an unknown command, a bad width, a span out of bounds) a warning; so are
    the samples' display and download files and attachments/ the format refuses."""
    report.warnings.extend(sample_file_problems(problem) + attachment_problems(problem))
    for path in problem.statements.values():
        if path.suffix not in (".md", ".tex"):
            continue
        try:
            rendered = render_statement(path, problem.constants)
        except PackageError as exc:
            report.errors.append(str(exc))
            continue
        name = path.relative_to(problem.path).as_posix()
        report.warnings.extend(f"{name}: {warning}" for warning in rendered.warnings)


def _output_validator(problem: Problem, pool: Pool, blobs: BlobStore,
                      languages: Mapping[str, Language],
                      report: VerifyReport) -> BuiltProgram | None:
    try:
        return build_validator(pool, blobs, problem, languages)
    except (BuildError, LanguageError) as exc:
        report.errors.append(f"output validator {problem.output_validator}: {exc}")
        return None


def _check_inputs(problem: Problem, path: Path, pool: Pool, blobs: BlobStore,
                  languages: Mapping[str, Language], progress: Progress) -> InputCheck:
    """Run one input validator on every test input (exit 42 accepts, as the format says)."""
    name = path.relative_to(problem.path).as_posix()
    try:
        source = with_constants(source_from_path(path, with_validator_languages(languages)),
                                problem.constants)
    except LanguageError as exc:
        progress(f"input validator {name}")
        return InputCheck(name, skipped=str(exc))
    tests = [TestCase(t.name, t.input, t.input) for t in problem.tests]
    args = {t.name: args_for(problem.input_validator_args, t.name, path.stem)
            for t in problem.tests}
    judgement = judge_submission(pool, blobs, Submission(
        language=source.language, source=source.files[source.main],
        extra_files=_others(source), tests=tests, test_args=args,
        limits=replace(problem.limits, time=problem.limits.validation_time),
        stop_on_failure=False, expect_exit=42))
    progress(f"input validator {name}")
    if judgement.verdict is Verdict.CE:
        return InputCheck(name, error=f"does not compile: {judgement.compile_output[:500]}")
    if judgement.verdict is Verdict.JE:
        return InputCheck(name, error=judgement.error)
    inputs = {t.name: t.input.relative_to(problem.path).as_posix() for t in problem.tests}
    rejected = tuple(f"{inputs.get(t.name, t.name)}: {failure_reason(t, expect_exit=42)}"
                     for t in judgement.tests if t.verdict is not Verdict.AC)
    return InputCheck(name, rejected=rejected)


def _check_submissions(problem: Problem, validator: BuiltProgram | None, pool: Pool,
                       blobs: BlobStore, languages: Mapping[str, Language],
                       workers: concurrent.futures.Executor, report: VerifyReport,
                       progress: Progress) -> None:
    limits = problem.limits
    done: dict[Path, SubmissionCheck] = {}
    if not problem.time_limit_given:
        accepted = [s for s in problem.submissions if s.expected == "accepted"]
        probe = replace(limits, time=PROBE_TIME_LIMIT)
        checks = list(workers.map(lambda s: _judge_one(problem, s, validator, probe, pool,
                                                       blobs, languages, progress), accepted))
        times = [c.time for c in checks if c.got is Verdict.AC]
        if times:
            limits = replace(limits, time=compute_time_limit(problem.time_rule, max(times)))
            report.time_limit_computed = True
        else:
            report.warnings.append("no accepted submission passed: the time limit stays at "
                                   f"{limits.time} s")
        # An accepted run within the computed limit would be judged the same again: keep it.
        done = {s.path: c for s, c in zip(accepted, checks, strict=True)
                if c.skipped or (c.got is Verdict.AC and c.time <= limits.time)}
    report.time_limit = limits.time

    def final(entry: PackageSubmission) -> SubmissionCheck:
        if entry.path in done:
            progress(done[entry.path].path)
            return done[entry.path]
        return _judge_one(problem, entry, validator, limits, pool, blobs, languages, progress)

    report.submissions = list(workers.map(final, problem.submissions))


def _judge_one(problem: Problem, entry: PackageSubmission, validator: BuiltProgram | None,
               limits, pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
               progress: Progress) -> SubmissionCheck:
    name = entry.path.relative_to(problem.path).as_posix()
    check = SubmissionCheck(name, entry.expected, entry.accepted_verdicts)
    try:
        source: ProgramSource = with_constants(source_from_path(entry.path, languages),
                                               problem.constants)
    except LanguageError as exc:
        progress(name)
        return replace(check, skipped=str(exc))
    try:
        submission = submission_for(problem, source.language, source.files[source.main],
                                    validator=validator, extra_files=_others(source),
                                    limits=limits)
    except LanguageError as exc:  # a function problem without a harness for the language
        progress(name)
        return replace(check, skipped=str(exc))
    judgement = judge_submission(pool, blobs, submission)
    progress(name)
    check = replace(check, language=source.language.id, got=judgement.verdict,
                    time=judgement.time, detail=_detail(judgement))
    if problem.scoring and judgement.tests and judgement.verdict is not Verdict.JE:
        # A scoring problem's verdict is its grader's, not the first failed test's: with
        # accept_if_any_accepted a partial solution is AC with a partial score.
        rules = read_groups(problem.path)
        accepted = {t.name: t.verdict is Verdict.AC for t in judgement.tests}
        graded = grade_verdict(rules, {t.name: t.verdict.value for t in judgement.tests})
        check = replace(check, got=Verdict(graded), score=aggregate(rules, accepted),
                        max_score=max_score(rules, [t.name for t in problem.tests]))
    return check


def _others(source: ProgramSource) -> dict[str, bytes]:
    """A program's files besides its main one."""
    return {name: data for name, data in source.files.items() if name != source.main}


def _detail(judgement: Judgement) -> str:
    if judgement.error:
        return judgement.error
    if judgement.verdict is Verdict.CE:
        return judgement.compile_output.strip()[:300]
    failed = next((t for t in judgement.tests if t.verdict is not Verdict.AC), None)
    return f"{failed.name}: {failure_reason(failed)}" if failed else ""


def failure_reason(test: TestResult, expect_exit: int | None = None) -> str:
    """Why a test failed, never empty: the program's message, else what it did (the exit
    status a validator gave instead of `expect_exit`, a signal, the verdict's title)."""
    message = test.message.strip()
    if message:
        return message
    if test.signal:
        return f"killed by signal {test.signal}, no message"
    if test.verdict is Verdict.WA and expect_exit is not None and test.exit_code is not None:
        return f"exit code {test.exit_code} ({expect_exit} accepts), no message"
    if test.verdict is Verdict.RTE and test.exit_code:
        return f"{test.verdict.title}, exit code {test.exit_code}, no message"
    return f"{test.verdict.title}, no message"
