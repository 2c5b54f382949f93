"""Verify a problem package: its test data against its input validators, and every file under
`submissions/<expected>/` judged for real and compared with what its folder expects.

The validators are checked against the package's validation data too (2023-07 on): each
input of `data/invalid_input/` must be refused by some input validator; the output
validator (custom or default) must refuse each `.out` of `data/invalid_output/` and accept
each of `data/valid_output/`, given the case's `.in` and `.ans`.

Like problemtools' verifyproblem, when the package states no time limit it is computed
from the slowest accepted submission (judged first with a generous limit). A 2025-09 package
is checked as its submissions.yaml says (`expectations.py`): each submission until its rules
are decided, the limit inferred from the runs that bound it from below and above.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from appliance.errors import PackageError
from appliance.problems import aggregation
from appliance.problems.constants import with_constants
from appliance.problems.data import validation_cases
from appliance.problems.expectations import (
    Bounds,
    Expectations,
    Outcome,
    bounds,
    failures,
    infer_time_limit,
    stop_plan,
    tests_of,
)
from appliance.problems.input_args import args_for, output_validator_args
from appliance.problems.judging import build_validator, submission_for
from appliance.problems.limits import TimeLimitRule, accepted_within_margin, safely_over_limit
from appliance.problems.load import (
    LEGACY,
    V2025,
    PackageSubmission,
    Problem,
    compute_time_limit,
)
from appliance.problems.scoring import aggregate, grade_verdict, max_score, read_groups
from appliance.problems.slots import Slots
from appliance.problems.static_validation import StaticResult, validate_statically
from appliance.statements.attachments import attachment_problems
from appliance.statements.render import render_statement
from appliance.statements.samples import sample_file_problems
from judge.blobs import BlobStore
from judge.errors import BuildError, LanguageError
from judge.judging import Judgement, Submission, TestCase, TestResult, judge_submission
from judge.languages import Language, with_validator_languages
from judge.pool import Pool
from judge.programs import BuiltProgram, ProgramSource, source_from_path
from judge.result_cache import ResultCache
from judge.validators.default import FlagError, parse_flags
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
    # 2025-09: its expectations were checked per test; the rules it broke, each with why
    by_rules: bool = False
    broken: tuple[str, ...] = ()
    slowest_test: str = ""  # the test of `time`
    group_scores: dict[str, float] = field(default_factory=dict)  # 2025-09 scoring
    static: tuple[StaticResult, ...] = ()  # 2025-09: the static validator's judgements
    cached: bool = False  # its judgement came from the result cache (unchanged, not run)

    @property
    def ok(self) -> bool:
        if self.skipped:
            return True
        if self.got is None:
            return False
        if self.by_rules:
            return not self.broken
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
                "detail": self.detail, "score": self.score, "max_score": self.max_score,
                "slowest_test": self.slowest_test or None, "broken": list(self.broken),
                "cached": self.cached,
                **({"group_scores": self.group_scores} if self.group_scores else {}),
                **({"static_validation": [{"group": r.group, "accepted": r.accepted,
                                           "message": r.message, "error": r.error or None}
                                          for r in self.static]} if self.static else {})}


@dataclass(frozen=True)
class InputCheck:
    """One input validator over all test inputs."""

    validator: str
    rejected: tuple[str, ...] = ()  # test names it did not accept, with its message
    error: str = ""
    skipped: str = ""  # why it was not run (a language Podium does not have, e.g. .viva)
    # data/invalid_input/ files it refused (with its message) and those it accepted
    invalid_refused: tuple[str, ...] = ()
    invalid_accepted: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.error

    def to_json(self) -> dict:
        return {"validator": self.validator, "rejected": list(self.rejected),
                "error": self.error or None, "skipped": self.skipped or None, "ok": self.ok,
                "invalid_refused": list(self.invalid_refused),
                "invalid_accepted": list(self.invalid_accepted)}


@dataclass(frozen=True)
class OutputCheck:
    """The output validator on data/invalid_output/ (each .out must be refused) and
    data/valid_output/ (each must be accepted)."""

    validator: str
    refused: tuple[str, ...] = ()  # case files, with its message where it gave one
    accepted: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()  # of those, the ones judged against their folder
    error: str = ""
    skipped: str = ""

    @property
    def ok(self) -> bool:
        return not self.wrong and not self.error

    def to_json(self) -> dict:
        return {"validator": self.validator, "refused": list(self.refused),
                "accepted": list(self.accepted), "wrong": list(self.wrong),
                "error": self.error or None, "skipped": self.skipped or None, "ok": self.ok}


@dataclass
class VerifyReport:
    """Everything `podium package verify` found."""

    problem: str
    time_limit: float = 0.0
    time_limit_computed: bool = False
    # 2025-09: the bounds the judges' runs put on the time limit, and their margins
    bounds: Bounds | None = None
    ac_to_time_limit: float = 2.0
    time_limit_to_tle: float = 1.5
    inputs: list[InputCheck] = field(default_factory=list)
    outputs: list[OutputCheck] = field(default_factory=list)
    submissions: list[SubmissionCheck] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # with a result cache: the judgings looked up there, and those found (not run again)
    judgings: int | None = None
    cached: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and all(c.ok for c in [*self.inputs, *self.outputs,
                                                      *self.submissions])

    def to_json(self) -> dict:
        bounds = None if self.bounds is None else {
            "slowest_lower": self.bounds.slowest_lower, "lower_at": self.bounds.slowest_lower_at
            or None, "fastest_upper": self.bounds.fastest_upper,
            "upper_at": self.bounds.fastest_upper_at or None,
            "ac_to_time_limit": self.ac_to_time_limit, "time_limit_to_tle": self.time_limit_to_tle}
        return {"problem": self.problem, "ok": self.ok, "time_limit": self.time_limit,
                "time_limit_computed": self.time_limit_computed, "time_limit_bounds": bounds,
                "errors": self.errors,
                "warnings": self.warnings, "input_validators": [c.to_json() for c in self.inputs],
                "output_validator": [c.to_json() for c in self.outputs],
                "submissions": [c.to_json() for c in self.submissions],
                **({} if self.judgings is None else {"judgings": self.judgings,
                                                     "cached_judgings": self.cached})}


Progress = Callable[[str], None]


def progress_steps(problem: Problem) -> int:
    """How often `verify` of every part calls `progress`: once per input validator and per
    submission, and once more per accepted one when the time limit is computed from them."""
    accepted = sum(s.expected == "accepted" for s in problem.submissions)
    if any(s.expectations for s in problem.submissions):  # 2025-09: each is judged once
        accepted = 0
    return len(problem.submissions) + len(problem.input_validators) \
        + (0 if problem.time_limit_given else accepted)


def verify(problem: Problem, pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
           parts: Iterable[str] = PARTS, progress: Progress = lambda _: None,
           results: ResultCache | None = None) -> VerifyReport:
    """Check a loaded package for real; judging runs in parallel over the pool's slots.

    With `results`, a judging whose every input is unchanged since a verify kept it is not
    run again (`judge.result_cache`); its times are kept too, so a time limit computed from
    the accepted submissions comes out the same and the judgings at that limit are found
    as well. The report counts the judgings and those found."""
    before = (results.asked, results.found) if results is not None else None
    report = _verify(problem, pool, blobs, languages, set(parts), progress, results)
    if results is not None and before is not None:
        report.judgings, report.cached = results.asked - before[0], results.found - before[1]
    return report


def _verify(problem: Problem, pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
            parts: set[str], progress: Progress, results: ResultCache | None) -> VerifyReport:
    report = VerifyReport(problem=problem.name, time_limit=problem.limits.time,
                          warnings=list(problem.warnings))
    check_statements(problem, report)
    with Slots(pool.size) as workers:
        # every judging of a submission needs the output validator: its build comes first,
        # while the input validators' checks (which wait for no one and no one waits for)
        # take the other slots, and then the slots the submissions' phases leave free
        built = workers.submit(_output_validator, problem, pool, blobs, languages, report)
        inputs = [workers.submit(_check_inputs, problem, p, pool, blobs, languages, progress,
                                 results, filler=True)
                  for p in (problem.input_validators if "input" in parts else ())]
        try:
            validator = built.result()
        finally:
            if report.errors or built.exception() is not None:  # nothing else runs
                for check in inputs:
                    check.cancel()
        if report.errors:
            return report
        outputs = workers.submit(_check_outputs, problem, validator, pool, blobs, languages,
                                 results, filler=True) if "input" in parts else None
        if "submissions" in parts and any(s.expectations for s in problem.submissions):
            _check_by_expectations(problem, validator, pool, blobs, languages, workers, report,
                                   progress, results)
        elif "submissions" in parts:
            _check_submissions(problem, validator, pool, blobs, languages, workers, report,
                               progress, results)
        if outputs is not None:
            report.inputs = [f.result() for f in inputs]
            report.errors += _invalid_inputs_accepted(problem, report.inputs)
            report.outputs = outputs.result()
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
                  languages: Mapping[str, Language], progress: Progress,
                  results: ResultCache | None = None) -> InputCheck:
    """Run one input validator on every test input (exit 42 accepts, as the format says)."""
    name = path.relative_to(problem.path).as_posix()
    try:
        source = with_constants(source_from_path(path, with_validator_languages(languages),
                                                 scripts=True), problem.constants)
    except LanguageError as exc:
        progress(f"input validator {name}")
        return InputCheck(name, skipped=str(exc))
    checked = _validation_data(problem)
    invalid = checked["invalid_input"]
    # The inputs of output cases must be valid inputs (the format says so).
    valid = [*problem.tests, *checked["invalid_output"], *checked["valid_output"]]
    tests = [TestCase(t.name, t.input, t.input) for t in [*valid, *invalid]]
    args = {t.name: args_for(problem.input_validator_args, t.name, path.stem)
            for t in [*valid, *invalid]}
    judgement = judge_submission(pool, blobs, Submission(
        language=source.language, source=source.files[source.main],
        extra_files=_others(source), tests=tests, test_args=args,
        limits=replace(problem.limits, time=problem.limits.validation_time),
        stop_on_failure=False, expect_exit=42), results)
    progress(f"input validator {name}")
    if judgement.verdict is Verdict.CE:
        return InputCheck(name, error=f"does not compile: {judgement.compile_output[:500]}")
    if judgement.verdict is Verdict.JE:
        return InputCheck(name, error=judgement.error)
    inputs = {t.name: t.input.relative_to(problem.path).as_posix() for t in [*valid, *invalid]}
    bad = {t.name for t in invalid}
    rejected = tuple(f"{inputs.get(t.name, t.name)}: {failure_reason(t, expect_exit=42)}"
                     for t in judgement.tests if t.verdict is not Verdict.AC
                     and t.name not in bad)
    refused = tuple(f"{inputs[t.name]}: {failure_reason(t, expect_exit=42)}"
                    for t in judgement.tests if t.verdict is not Verdict.AC and t.name in bad)
    accepted = tuple(inputs[t.name] for t in judgement.tests
                     if t.verdict is Verdict.AC and t.name in bad)
    return InputCheck(name, rejected=rejected, invalid_refused=refused,
                      invalid_accepted=accepted)


def _validation_data(problem: Problem) -> dict[str, tuple[TestCase, ...]]:
    """The package's validation cases by folder (none in a legacy package)."""
    folders = ("invalid_input", "invalid_output", "valid_output")
    if problem.format_version == LEGACY:
        return dict.fromkeys(folders, ())
    return {folder: validation_cases(problem.path, folder) for folder in folders}


def _invalid_inputs_accepted(problem: Problem, checks: list[InputCheck]) -> list[str]:
    """data/invalid_input/ files that every input validator accepted (one must refuse)."""
    ran = [c for c in checks if not c.skipped and not c.error]
    if not ran:
        return []
    return [f"{name}: an invalid input accepted by every input validator"
            for name in sorted(set.intersection(*(set(c.invalid_accepted) for c in ran)))]


# Judges the validation cases' outputs: the case's .out, shipped beside this program, is
# what it prints (its path is the test's argument), for the output validator to judge.
_PRINT_OUT = b"import sys\nsys.stdout.buffer.write(open(sys.argv[1], 'rb').read())\n"


def _check_outputs(problem: Problem, validator: BuiltProgram | None, pool: Pool,
                   blobs: BlobStore, languages: Mapping[str, Language],
                   results: ResultCache | None = None) -> list[OutputCheck]:
    """The output validator against data/invalid_output/ and data/valid_output/."""
    checked = _validation_data(problem)
    cases = [*checked["invalid_output"], *checked["valid_output"]]
    if not cases:
        return []
    name = (problem.output_validator.relative_to(problem.path).as_posix()
            if problem.output_validator else "default output validator")
    if problem.interactive:
        return [OutputCheck(name, skipped="the validation outputs are for non-interactive "
                            "problems")]
    if "python3" not in languages:
        return [OutputCheck(name, skipped="Podium's python3 prints the outputs, and it is "
                            "not configured")]
    missing = [c for c in cases if not c.answer.is_file() or not c.input.with_suffix(
        ".out").is_file()]
    if missing:
        return [OutputCheck(name, error=", ".join(
            f"data/{c.name}: needs its .ans and .out" for c in missing))]
    try:
        case_args = _case_output_args(problem, cases, validator is None)
    except PackageError as exc:
        return [OutputCheck(name, error=str(exc))]
    outs = {f"out/{i}.out": c.input.with_suffix(".out").read_bytes()
            for i, c in enumerate(cases)}
    judgement = judge_submission(pool, blobs, Submission(
        language=languages["python3"], source=_PRINT_OUT, extra_files=outs, tests=cases,
        test_args={c.name: (f"out/{i}.out",) for i, c in enumerate(cases)},
        limits=problem.limits, flags=problem.flags, stop_on_failure=False,
        validator=validator, validator_args=problem.validator_args,
        **case_args), results)
    if judgement.verdict is Verdict.CE or judgement.error:
        return [OutputCheck(name, error=judgement.error or judgement.compile_output[:500])]
    invalid = {c.name for c in checked["invalid_output"]}
    refused, accepted, wrong, errors = [], [], [], []
    for test in judgement.tests:
        file = f"data/{test.name}.out"
        if test.verdict is Verdict.AC:
            accepted.append(file)
            if test.name in invalid:
                wrong.append(f"{file}: accepted, but it is an invalid output")
        elif test.verdict is Verdict.WA:
            refused.append(f"{file}: {test.message.strip()}" if test.message.strip() else file)
            if test.name not in invalid:
                wrong.append(f"{file}: refused, but it is a valid output "
                             f"({failure_reason(test)})")
        else:
            errors.append(f"{file}: {test.verdict.title}: {failure_reason(test)}")
    return [OutputCheck(name, refused=tuple(refused), accepted=tuple(accepted),
                        wrong=tuple(wrong), error="; ".join(errors))]


def _case_output_args(problem: Problem, cases: list[TestCase], default: bool) -> dict:
    """The output validator arguments each validation case's own .yaml or folder gives
    (2025-09), as the judge takes them: arguments, and flags for the default validator."""
    found = output_validator_args(problem.path, [c.name for c in cases], problem.constants)
    if not default:
        return {"test_validator_args": found}
    try:
        return {"test_flags": {name: parse_flags(list(args)) for name, args in found.items()}}
    except FlagError as exc:
        raise PackageError(f"{problem.path / 'data'}: output_validator_args: {exc}") from exc


def _check_submissions(problem: Problem, validator: BuiltProgram | None, pool: Pool,
                       blobs: BlobStore, languages: Mapping[str, Language],
                       workers: Slots, report: VerifyReport,
                       progress: Progress, results: ResultCache | None = None) -> None:
    limits = problem.limits
    done: dict[Path, SubmissionCheck] = {}
    if not problem.time_limit_given:
        accepted = [s for s in problem.submissions if s.expected == "accepted"]
        probe = replace(limits, time=PROBE_TIME_LIMIT)
        checks = list(workers.map(lambda s: _judge_one(problem, s, validator, probe, pool,
                                                       blobs, languages, progress, results),
                                  accepted))
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
        return _judge_one(problem, entry, validator, limits, pool, blobs, languages, progress,
                          results)

    # the runs that may last until the limit first: the short ones fill the slots after them
    order = [entry for entry, _ in _longest_first([(s, []) for s in problem.submissions])]
    checks = dict(zip((s.path for s in order), workers.map(final, order), strict=True))
    report.submissions = [checks[s.path] for s in problem.submissions]


def _judge_one(problem: Problem, entry: PackageSubmission, validator: BuiltProgram | None,
               limits, pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
               progress: Progress, results: ResultCache | None = None) -> SubmissionCheck:
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
    judgement = judge_submission(pool, blobs, submission, results)
    progress(name)
    check = replace(check, language=source.language.id, got=judgement.verdict,
                    time=judgement.time, detail=_detail(judgement), cached=judgement.cached)
    if problem.scoring and judgement.tests and judgement.verdict is not Verdict.JE:
        # A scoring problem's verdict is its grader's, not the first failed test's: with
        # accept_if_any_accepted a partial solution is AC with a partial score.
        rules = read_groups(problem.path)
        accepted = {t.name: t.verdict is Verdict.AC for t in judgement.tests}
        graded = grade_verdict(rules, {t.name: t.verdict.value for t in judgement.tests})
        check = replace(check, got=Verdict(graded), score=aggregate(rules, accepted),
                        max_score=max_score(rules, [t.name for t in problem.tests]))
    return check


def _check_by_expectations(problem: Problem, validator: BuiltProgram | None, pool: Pool,
                           blobs: BlobStore, languages: Mapping[str, Language],
                           workers: Slots, report: VerifyReport,
                           progress: Progress, results: ResultCache | None = None) -> None:
    """2025-09: judge each submission until its rules are decided (the runner stops once
    they are, see `stop_plan`), infer the time limit from the runs the rules bound it with
    (unless problem.yaml states it), then check each rule on the tests that ran.

    With the limit unknown, the runs that bound it from below come first, on the tests
    those rules cover and with a generous limit (every one of them may raise the limit, so
    none is cut shorter); everything else runs once the limit is known, stopped at the
    limit x time_limit_to_tle, past which a run is surely too slow."""
    rule = problem.time_rule
    report.ac_to_time_limit, report.time_limit_to_tle = rule.ac_to_time_limit, \
        rule.time_limit_to_tle
    names = [t.name for t in problem.tests]
    exact_lower = not problem.time_limit_given
    runs: dict[Path, tuple[SubmissionCheck, Judgement | None]] = {}
    lock = threading.Lock()  # `runs` grows as the probe's judgings end

    def judge(entry: PackageSubmission, tests: list[str], limit: float,
              kill: float | None = None, keep: bool = True):
        """Judge `entry` on `tests` at `limit` (stopped at `kill`, default the window past
        it); kept in `runs` (merged with its probe), or only returned."""
        kill = round(limit * rule.time_limit_to_tle, 9) if kill is None else kill
        # a run that waits (for input that never comes, say) is stopped a second past the
        # kill limit, as BAPCtools' timeout does; no wall limit of twice the kill limit
        limits = replace(problem.limits, time=kill, wall_factor=1.0)
        plan = stop_plan(entry.expectations or Expectations(), tests, limit, exact_lower)
        found = _run_all(problem, entry, validator, limits, pool, blobs, languages,
                         progress if keep else lambda _: None, tests,
                         None if problem.scoring else plan, results)
        if not keep:
            return found
        with lock:
            runs[entry.path] = _merged(runs.get(entry.path), found, names)
            return runs[entry.path]

    def inferred() -> float | None:
        """The limit the runs ended so far bound (None: none bounds it from below)."""
        with lock:
            ended = dict(runs)
        found = bounds(_bounding_runs(problem, ended, PROBE_TIME_LIMIT))
        return infer_time_limit(Bounds(found.slowest_lower, found.slowest_lower_at), rule)

    limit = problem.limits.time
    probed: dict[Path, list[str]] = {}
    ahead: dict[Path, tuple[concurrent.futures.Future[float], concurrent.futures.Future]] = {}
    if not problem.time_limit_given:
        lower = [(s, _lower_tests(s.expectations, names)) for s in problem.submissions
                 if s.expectations and s.expectations.lower_bound]
        probed = {s.path: tests for s, tests in lower if tests}
        later = _longest_first([(s, names) for s in problem.submissions
                                if s.path not in probed])
        phase = workers.map(lambda item: judge(*item, PROBE_TIME_LIMIT, PROBE_TIME_LIMIT),
                            [(s, tests) for s, tests in lower if tests], then=len(later))

        def early(entry: PackageSubmission, assumed: concurrent.futures.Future[float]):
            # a judging the probe's end would queue, run in a slot the probe leaves free at
            # its tail, at the limit the runs ended so far bound: the final one unless a
            # run still going raises it (then it is judged again once the limit is known)
            found = inferred()
            assumed.set_result(limit if found is None else found)
            return judge(entry, names, assumed.result(), keep=False)

        for entry, _ in later:
            assumed: concurrent.futures.Future[float] = concurrent.futures.Future()
            ahead[entry.path] = (assumed, workers.submit(early, entry, assumed, ahead=True))
        list(phase)
        found = inferred()
        if found is None:
            report.warnings.append("no run bounds the time limit from below: it stays at "
                                   f"{limit:g} s")
        else:
            limit, report.time_limit_computed = found, True
        ahead = {path: (assumed, job) for path, (assumed, job) in ahead.items()
                 if not job.cancel() and assumed.result() == limit}
    window = round(limit * rule.time_limit_to_tle, 9)  # a run past it is surely too slow
    rest = []
    for entry in problem.submissions:
        check, judgement = runs.get(entry.path, (None, None))
        if entry.path in ahead:
            continue
        if check is None:
            rest.append((entry, names))
        elif judgement is not None and judgement.verdict not in (Verdict.CE, Verdict.JE) \
                and not _judged(problem, entry, check, judgement, limit).broken:
            done = set(probed.get(entry.path, names))
            if left := [n for n in names if n not in done]:  # what the probe left out
                rest.append((entry, left))
    list(workers.map(lambda item: judge(*item, limit), _longest_first(rest)))
    for path, (_, job) in ahead.items():  # the early judgings judged at the final limit
        runs[path] = job.result()
        progress(runs[path][0].path)
    report.time_limit = limit
    report.bounds = bounds(_bounding_runs(problem, runs, window, limit))
    _check_bounds(report, rule, limit, problem.time_limit_given)
    _validate_statically(problem, runs, pool, blobs, languages, workers, results)
    report.submissions = [_judged(problem, entry, *runs[entry.path], limit)
                          for entry in problem.submissions]


def _longest_first(items: list[tuple[PackageSubmission, list[str]]]
                   ) -> list[tuple[PackageSubmission, list[str]]]:
    """Submissions (with their tests) to judge in one phase, those that may run until the
    kill limit first: the short ones fill the slots in after them."""
    return sorted(items, key=lambda item: not _may_time_out(item[0]))


def _may_time_out(entry: PackageSubmission) -> bool:
    """Whether a submission's rules (without any, its folder's verdicts) let it run into
    the time limit (it may take longest)."""
    if entry.expectations is None:
        return "TLE" in entry.accepted_verdicts
    rules = entry.expectations.rules
    return bool(rules) and all(r.permitted is None or "TLE" in r.permitted for r in rules)


def _lower_tests(expect: Expectations | None, names: list[str]) -> list[str]:
    """The tests a submission's lower-bound rules cover, in the problem's order."""
    covered = {t for r in (expect.rules if expect else ()) if r.lower_bound
               for t in tests_of(r, names)}
    return [n for n in names if n in covered]


def _merged(before: tuple[SubmissionCheck, Judgement | None] | None,
            after: tuple[SubmissionCheck, Judgement | None],
            names: list[str]) -> tuple[SubmissionCheck, Judgement | None]:
    """A submission's probe and its later run on the other tests, as one judgement."""
    if before is None or before[1] is None or after[1] is None:
        return after
    if after[1].verdict in (Verdict.CE, Verdict.JE):
        return after
    order = {n: i for i, n in enumerate(names)}
    tests = tuple(sorted([*before[1].tests, *after[1].tests], key=lambda t: order[t.name]))
    failed = next((t.verdict for t in tests if t.verdict is not Verdict.AC), Verdict.AC)
    return before[0], replace(before[1], verdict=failed, tests=tests,
                              time=max((t.time for t in tests), default=0.0),
                              cached=before[1].cached and after[1].cached)


def _outcomes(judgement: Judgement, window: float,
              limit: float | None = None) -> dict[str, Outcome]:
    """Per test, the format's verdict at `limit` (a run past it is TLE, however it ended)
    and its time (a run stopped at the window counts as the window's length at least)."""
    crash = {Verdict.RTE, Verdict.MLE, Verdict.OLE}
    out = {}
    for t in judgement.tests:
        time = max(t.time, window) if t.verdict is Verdict.TLE else t.time
        verdict = "TLE" if t.verdict is Verdict.TLE or (limit is not None and time > limit) \
            else "RTE" if t.verdict in crash else t.verdict.value
        out[t.name] = Outcome(verdict, time, t.message)
    return out


def _bounding_runs(problem: Problem, runs: Mapping[Path, tuple[SubmissionCheck,
                                                                Judgement | None]],
                   window: float, limit: float | None = None):
    for entry in problem.submissions:
        check, judgement = runs.get(entry.path, (None, None))
        if check is None or judgement is None or entry.expectations is None \
                or judgement.verdict in (Verdict.CE, Verdict.JE):
            continue
        yield check.path, entry.expectations, _outcomes(judgement, window, limit)


def _check_bounds(report: VerifyReport, rule: TimeLimitRule, limit: float,
                  given: bool) -> None:
    """The spec's two inequalities against the limit used: broken by a stated limit, a
    warning (the verdicts stand); when no inferred limit fits both, an error."""
    found = report.bounds
    if found is None:
        return
    notes = []
    if found.slowest_lower is not None and \
            not accepted_within_margin(rule, limit, found.slowest_lower):
        notes.append(f"time limit {limit:g} s is under the slowest run that must fit "
                     f"({found.slowest_lower:.3f} s, {found.slowest_lower_at}) x "
                     f"ac_to_time_limit {rule.ac_to_time_limit:g}")
    if found.fastest_upper is not None and \
            not safely_over_limit(rule, limit, found.fastest_upper):
        notes.append(f"time limit {limit:g} s x time_limit_to_tle {rule.time_limit_to_tle:g} "
                     f"is over the fastest run that must time out ({found.fastest_upper:.3f} "
                     f"s, {found.fastest_upper_at})")
    if given:
        report.warnings += notes
    elif notes:
        report.errors.append("no time limit fits both bounds: " + "; ".join(notes))


def _run_all(problem: Problem, entry: PackageSubmission, validator: BuiltProgram | None,
             limits, pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
             progress: Progress, tests: Sequence[str] | None = None,
             plan: Mapping | None = None, results: ResultCache | None = None
             ) -> tuple[SubmissionCheck, Judgement | None]:
    """Judge one submission on `tests` (default: all; the runner stopping once `plan` is
    decided), in the language and with the entry point its expectations may name."""
    name = entry.path.relative_to(problem.path).as_posix()
    check = SubmissionCheck(name, entry.expected, entry.accepted_verdicts, by_rules=True)
    expect = entry.expectations
    try:
        source: ProgramSource = with_constants(source_from_path(entry.path, languages),
                                               problem.constants)
        if expect is not None and expect.language and expect.language != source.language.id:
            if expect.language not in languages:
                raise LanguageError(f"submissions.yaml language {expect.language!r}: Podium "
                                    "has no such language")
            source = replace(source, language=languages[expect.language])
        if expect is not None and expect.entrypoint:
            main = next((n for n in source.files if n == expect.entrypoint
                         or Path(n).stem == expect.entrypoint), None)
            if main is None:
                raise LanguageError(f"submissions.yaml entrypoint {expect.entrypoint!r}: no "
                                    "such file in the submission")
            source = replace(source, main=main)
        submission = submission_for(problem, source.language, source.files[source.main],
                                    validator=validator, extra_files=_others(source),
                                    limits=limits, all_tests=True)
        if tests is not None:
            wanted = set(tests)
            submission = replace(submission, tests=tuple(t for t in submission.tests
                                                         if t.name in wanted))
        submission = replace(submission, stop_plan=plan)
    except LanguageError as exc:
        progress(name)
        return replace(check, skipped=str(exc)), None
    judgement = judge_submission(pool, blobs, submission, results)
    progress(name)
    return replace(check, language=source.language.id), judgement


def _judged(problem: Problem, entry: PackageSubmission, check: SubmissionCheck,
            judgement: Judgement | None, limit: float) -> SubmissionCheck:
    """A submission's runs at the final time limit, against its expectations."""
    if judgement is None or entry.expectations is None:
        return check
    check = replace(check, cached=judgement.cached)
    if judgement.verdict in (Verdict.CE, Verdict.JE):
        what = "does not compile" if judgement.verdict is Verdict.CE else "judge error"
        return replace(check, got=judgement.verdict, detail=_detail(judgement),
                       broken=(f"{what}: {_detail(judgement)}",))
    outcomes = {**_outcomes(judgement, 0.0, limit), **_static_outcomes(problem, check)}
    # the verdict shown: the first test not accepted, as a contest would stop there
    first = next((Verdict(o.verdict) for o in outcomes.values() if o.verdict != "AC"),
                 Verdict.AC)
    slowest = max(judgement.tests, key=lambda t: t.time, default=None)
    score = None
    if problem.scoring:
        check = _scored(problem, check, judgement, outcomes)
        score = check.score
    return replace(check, got=first, time=slowest.time if slowest else 0.0,
                   detail=_detail(judgement), slowest_test=slowest.name if slowest else "",
                   broken=check.broken + tuple(failures(entry.expectations, outcomes, score,
                                                        [t.name for t in problem.tests])))


def _validate_statically(problem: Problem, runs: dict[Path, tuple[SubmissionCheck,
                                                                   Judgement | None]],
                         pool: Pool, blobs: BlobStore, languages: Mapping[str, Language],
                         workers: Slots, results: ResultCache | None = None) -> None:
    """2025-09: the static validator's judgement of every submission judged, kept on its
    check (a refusal fails the case; an error is the submission's judge error)."""
    if problem.static_validator is None:
        return
    entries = [e for e in problem.submissions
               if runs.get(e.path, (None, None))[1] is not None]

    def one(entry: PackageSubmission) -> tuple[StaticResult, ...]:
        source = with_constants(source_from_path(entry.path, languages), problem.constants)
        return validate_statically(problem, source, pool, blobs, languages, results)

    for entry, found in zip(entries, workers.map(one, entries), strict=True):
        check, judgement = runs[entry.path]
        runs[entry.path] = (replace(check, static=found, broken=check.broken + tuple(
            r.line() for r in found if r.error)), judgement)


def _static_outcomes(problem: Problem, check: SubmissionCheck) -> dict[str, Outcome]:
    """A pass-fail problem's static validation cases as tests of their groups, for the
    expectations (a scoring problem's count in its score instead)."""
    if problem.scoring:
        return {}
    return {f"{r.group}/static_validation": Outcome("AC" if r.accepted else "WA",
                                                    message=r.message)
            for r in check.static if not r.error}


def _scored(problem: Problem, check: SubmissionCheck, judgement: Judgement,
            outcomes: Mapping[str, Outcome]) -> SubmissionCheck:
    """A scoring problem's score at the final time limit: 2025-09's result aggregation
    (score per group, score files, judge errors named), else the legacy grader's."""
    accepted = {n: o.verdict == "AC" for n, o in outcomes.items()}
    if problem.format_version != V2025:
        rules = read_groups(problem.path)
        return replace(check, score=aggregate(rules, accepted),
                       max_score=max_score(rules, [t.name for t in problem.tests]))
    groups = aggregation.read_groups(problem.path, problem.constants)
    files = {t.name: t.scores for t in judgement.tests}
    got = aggregation.score(groups, {n: aggregation.CaseResult(ok, files.get(n, {}))
                                     for n, ok in accepted.items()},
                            [t.name for t in problem.tests],
                            {r.group: r.as_case() for r in check.static})
    top = groups[aggregation.SECRET].max_score
    return replace(check, score=got.total, max_score=top, group_scores=got.groups,
                   broken=check.broken + tuple(f"judge error: {e}" for e in got.errors))


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
