"""Read a problem package directory, legacy, 2023-07 or 2025-09, into one `Problem`.

The ICPC/Kattis problem package format as its specification (icpc/problem-package-format)
states it and as Kattis problemtools reads it: problem.yaml (package_meta, package_limits),
test data and validator flags (package_data), statements, validators and judges'
submissions (package_programs). Every problem found is collected first: errors ("FILE:
key: what is wrong") are raised together as one `PackageError`, joined by "; "; warnings
go with the package in `Problem.warnings`. Errors are what would make judging wrong or
the package ambiguous (broken YAML, keys of neither format version, wrong types, an input
without its answer, a custom validator that is missing, no secret data); what only a
complete package needs (statement, input validator, accepted submission, uuid, licence)
and keys or folders of the other format version (read all the same) are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from appliance.errors import PackageError
from appliance.functions.spec import FunctionSpec, read_function_spec
from appliance.problems.aggregation import check_groups, read_groups
from appliance.problems.data import read_test_data, validation_names
from appliance.problems.input_args import input_validator_args
from appliance.problems.limits import (
    DEFAULT_TIME_LIMIT,
    PackageLimits,
    TimeLimitRule,
    accepted_within_margin,
    compute_time_limit,
    safely_over_limit,
)
from appliance.problems.meta import Metadata, problem_names, read_metadata
from appliance.problems.programs import (
    PackageSubmission,
    read_includes,
    read_input_validators,
    read_output_validator,
    read_statements,
    read_static_validator,
    read_submissions,
)
from appliance.problems.report import LEGACY, V2023, V2025, Report
from judge.judging import TestCase
from judge.limits import Limits
from judge.validators.default import Flags

__all__ = ["DEFAULT_TIME_LIMIT", "LEGACY", "V2023", "V2025", "PackageSubmission", "Problem",
           "TimeLimitRule", "accepted_within_margin", "compute_time_limit", "load_problem",
           "safely_over_limit"]


@dataclass(frozen=True)
class Problem:
    """A problem package as read: what judging needs first, then the rest of the package.

    `flags` are the default output validator's flags for every test: problem.yaml
    `validator_flags` with those of `data/testdata.yaml`. `group_flags` maps the name of
    each test whose nearer group configuration (or own `<test>.yaml`) changes them to its
    own flags; `flags_for(name)` gives any test's. With a custom output validator, flags
    stay empty and its arguments are in `validator_args` / `group_validator_args`.
    """

    path: Path
    name: str  # the English name, else the first one, else the folder's name
    limits: Limits
    flags: Flags
    tests: tuple[TestCase, ...]  # samples first, then secret, in problemtools' order
    time_limit_given: bool  # False: limits.time is DEFAULT_TIME_LIMIT, to be computed
    format_version: str = LEGACY  # LEGACY, V2023 or V2025
    names: dict[str, str] = field(default_factory=dict)  # language code -> name
    interactive: bool = False
    scoring: bool = False
    multi_pass: bool = False
    uuid: str | None = None
    source: Any = None  # as problem.yaml gives it (string; 2023-07 also map or list)
    license: str = "unknown"
    rights_owner: Any = None
    authors: Any = None  # legacy `author`; 2023-07 `credits` text or `credits.authors`
    time_rule: TimeLimitRule = field(default_factory=TimeLimitRule)
    package_limits: PackageLimits = field(default_factory=PackageLimits)
    group_flags: dict[str, Flags] = field(default_factory=dict)
    validator_args: tuple[str, ...] = ()
    group_validator_args: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sample_interactions: tuple[Path, ...] = ()
    statements: dict[str, Path] = field(default_factory=dict)  # language code -> file
    output_validator: Path | None = None  # None: the default validator
    input_validators: tuple[Path, ...] = ()
    static_validator: Path | None = None  # 2025-09 static_validator/
    # test name -> {input validator name ("" = all): arguments}, where a group sets any
    input_validator_args: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    submissions: tuple[PackageSubmission, ...] = ()
    # function.yaml: contestants write one function; a harness per language does the I/O
    function: FunctionSpec | None = None
    warnings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # problem.yaml `keywords`, as words
    includes: dict[str, Path] = field(default_factory=dict)  # include/<language or default>/
    # the rest of problem.yaml (credits, sources, embargo, languages, constants...)
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def constants(self) -> dict[str, dict[str, str]]:
        """problem.yaml `constants`: name -> variant -> text, for `{{name}}`."""
        return self.metadata.constants

    def flags_for(self, test_name: str) -> Flags:
        """The default validator's flags for one test."""
        return self.group_flags.get(test_name, self.flags)

    def validator_args_for(self, test_name: str) -> tuple[str, ...]:
        """The output validator's extra arguments for one test."""
        return self.group_validator_args.get(test_name, self.validator_args)


def load_problem(path: Path) -> Problem:
    """Read a package; raise `PackageError` listing every error found."""
    if not path.is_dir():
        raise PackageError(f"{path}: not a problem package directory")
    report = Report()
    meta = read_metadata(path, report)
    statements = read_statements(path, meta.version, report)
    names = problem_names(meta, statements)
    if meta.version != LEGACY and names and statements and set(names) != set(statements):
        report.warning(path / "problem.yaml", "name", f"languages {sorted(names)} differ "
                       f"from the statements' {sorted(statements)}")
    validator = read_output_validator(path, meta, report)
    data = read_test_data(path, meta, validator is not None, report)
    input_validators = read_input_validators(path, meta.version, report)
    static_validator = read_static_validator(path, meta, report)
    submissions = read_submissions(path, meta, report)
    includes = read_includes(path, report)
    function = read_function_spec(path, report)
    if function is not None and meta.interactive:
        report.error(path / "function.yaml", "", "an interactive problem cannot be a function "
                     "problem (its harness reads the whole input once)")
    if meta.v2025 and meta.scoring:
        for file, key, what in check_groups(path, read_groups(path, meta.constants)):
            report.error(file, key, what)
    if report.errors:
        raise PackageError("; ".join(report.errors))
    assert meta.limits is not None
    return Problem(
        path=path, name=names.get("en") or next(iter(names.values()), "") or path.name,
        limits=meta.limits.limits, flags=data.flags, tests=data.tests,
        time_limit_given=meta.limits.time_limit_given, format_version=meta.version,
        names=names, interactive=meta.interactive, scoring=meta.scoring,
        multi_pass=meta.multi_pass, uuid=meta.uuid, source=meta.source, license=meta.license,
        rights_owner=meta.rights_owner, authors=meta.authors, time_rule=meta.limits.time_rule,
        package_limits=meta.limits.package_limits, group_flags=data.group_flags,
        validator_args=data.validator_args, group_validator_args=data.group_validator_args,
        sample_interactions=data.sample_interactions, statements=statements,
        output_validator=validator, input_validators=input_validators,
        static_validator=static_validator,
        input_validator_args=input_validator_args(
            path, [t.name for t in data.tests] + validation_names(path, meta.version),
            meta.constants),
        submissions=submissions, function=function, warnings=tuple(report.warnings),
        keywords=meta.keywords, metadata=meta, includes=includes)


def with_time_limit(problem: Problem, seconds: float) -> Problem:
    """The problem judged with a contest's time limit (problems.yaml's `time_limit`) over its
    package's own, as DOMjudge and the Contest Package format give it."""
    return replace(problem, limits=replace(problem.limits, time=seconds), time_limit_given=True)
