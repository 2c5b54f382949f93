"""What the judge takes for one source on one problem package, built in one place for the
CLI's `judge`, `package verify` and the contest's dispatcher alike."""

from __future__ import annotations

from collections.abc import Mapping

from appliance.functions.code import program_for
from appliance.problems.constants import substitute, with_constants
from appliance.problems.load import Problem
from judge.blobs import BlobStore
from judge.errors import LanguageError
from judge.judging import Submission, build_program
from judge.languages import Language
from judge.limits import Limits
from judge.pool import Pool
from judge.programs import MAX_FILE, BuiltProgram, source_from_path

# Podium's languages that are a variant of one the package format names (include/<code>/).
_FORMAT_CODE = {"pypy3": "python3", "cpp17": "cpp"}


def format_code(language_id: str) -> str:
    """The package format's code for one of Podium's languages (pypy3 is python3)."""
    return _FORMAT_CODE.get(language_id, language_id)


def allows_language(problem: Problem, language_id: str) -> bool:
    """problem.yaml `languages` (2023-07 on): the problem takes only those (all if absent);
    Podium's variants count as the language they are (pypy3 as python3)."""
    allowed = problem.metadata.languages
    return allowed is None or language_id in allowed or format_code(language_id) in allowed


def require_language(problem: Problem, language_id: str) -> None:
    """Raise LanguageError for a language problem.yaml does not allow: refused at submit,
    skipped by verify, never judged."""
    if not allows_language(problem, language_id):
        raise LanguageError(f"problem.yaml: languages: this problem "
                            f"takes {', '.join(problem.metadata.languages or ())}, not "
                            f"{language_id!r}")


def build_validator(pool: Pool, blobs: BlobStore, problem: Problem,
                    languages: Mapping[str, Language]) -> BuiltProgram | None:
    """The problem's custom or interactive output validator, built; None for the default
    one. Raises BuildError or LanguageError when it cannot be built."""
    if problem.output_validator is None:
        return None
    source = source_from_path(problem.output_validator, languages, scripts=True)
    return build_program(pool, blobs, with_constants(source, problem.constants))


def submission_for(problem: Problem, language: Language, source: bytes, *,
                   validator: BuiltProgram | None, extra_files: Mapping[str, bytes] | None = None,
                   limits: Limits | None = None, all_tests: bool = False) -> Submission:
    """A submission of `source` to `problem`, with the package's limits, flags, validator and
    kind (interactive, scoring: every test is run for a score), and the package's
    `include/` files for the language.

    For a function problem `source` is the contestant's function: it is joined with the
    language's harness here, so compiling, running and the default validator judge it like
    any program. Raises LanguageError when function problems, or problem.yaml's
    `languages`, do not take the language."""
    require_language(problem, language.id)
    included = include_files(problem, language.id)
    if included:  # over the submission's own files of the same name, as the format says
        extra_files = {**(extra_files or {}), **included}
    if problem.function is not None:
        program = program_for(problem.function, language.id, language.source, source)
        source = program.source
        extra_files = {**(extra_files or {}), **program.extra_files}
    return Submission(
        language=language, source=source, extra_files=dict(extra_files or {}),
        tests=problem.tests, limits=limits or problem.limits, flags=problem.flags,
        stop_on_failure=not (all_tests or problem.scoring), validator=validator,
        interactive=problem.interactive, validator_args=problem.validator_args,
        test_flags=problem.group_flags, test_validator_args=problem.group_validator_args,
        passes=problem.package_limits.validation_passes if problem.multi_pass else 1,
        writable_workdir=problem.metadata.allow_file_writing)


def include_files(problem: Problem, language_id: str) -> dict[str, bytes]:
    """The files include/<language>/ (else include/default/) adds to every submission in
    the language, by their path under that folder, constants replaced."""
    folder = (problem.includes.get(language_id)
              or problem.includes.get(format_code(language_id))
              or problem.includes.get("default"))
    if folder is None:
        return {}
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            if path.stat().st_size > MAX_FILE:
                raise LanguageError(f"{path}: larger than {MAX_FILE // 2**20} MiB")
            files[path.relative_to(folder).as_posix()] = _with_constants(path.read_bytes(),
                                                                         problem)
    return files


def _with_constants(data: bytes, problem: Problem) -> bytes:
    """An include file's text with the problem's `{{name}}` replaced (a binary file as is)."""
    if not problem.constants:
        return data
    try:
        return substitute(data.decode(), problem.constants).encode()
    except UnicodeDecodeError:
        return data
