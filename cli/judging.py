"""The judge on its own, without a contest: `judge` a file, check the `languages`, build the
`image`."""

from __future__ import annotations

import concurrent.futures
import json
import sys
from pathlib import Path

import click

from appliance.config import Config
from appliance.functions.code import require_harness
from appliance.problems.judging import build_validator, require_language, submission_for
from appliance.problems.load import load_problem
from cli.errors import failures, reading, usage_errors
from cli.options import data_option, json_option, pool_size_option
from cli.report import print_judgement, print_language_checks, stdout_console
from judge.blobs import BlobStore
from judge.errors import BuildError, JudgeError, LanguageError
from judge.image import ensure_image
from judge.judging import Judgement, judge_submission
from judge.languages import detect, find, load_languages
from judge.pool import connect, open_pool
from judge.sandbox import SandboxConfig
from judge.selftest import check_language
from judge.verdicts import Verdict


@click.command("judge")
@click.argument("package", type=click.Path(path_type=Path))
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--lang", "lang", default=None, help="Language id (default: from the extension).")
@json_option("Print one JSON object.")
@click.option("--all-tests", is_flag=True,
              help="Run every test, not stopping at the first failure.")
@data_option
def judge_command(package: Path, source: Path, lang: str | None, as_json: bool,
                  all_tests: bool, data_dir: Path | None) -> None:
    """Judge one SOURCE file against the problem PACKAGE directory.

    It starts a sandbox of its own: a warm one's runner answers only the process that
    started it (`podium serve` keeps warm ones). A build made before is reused."""
    config = Config.build(data_dir=data_dir, pool_size=1)
    with reading(source), usage_errors():
        problem = load_problem(package)
        languages = load_languages()
        code = source.read_bytes()
        language = find(lang, languages) if lang else detect(source, languages, code)
        require_harness(problem.function, language.id)
        require_language(problem, language.id)
    blobs = BlobStore(config.blobs_dir)
    try:
        with usage_errors(BuildError, LanguageError,
                          about=f"output validator {problem.output_validator}"), \
                open_pool(config.sandbox, config.blobs_dir, 1) as pool:
            validator = build_validator(pool, blobs, problem, languages)
            judgement = judge_submission(pool, blobs, submission_for(
                problem, language, code, validator=validator, all_tests=all_tests))
    except JudgeError as exc:  # Docker or the sandbox failed: the verdict says so
        judgement = Judgement(Verdict.JE, error=str(exc), language=language.id)
    if as_json:
        click.echo(json.dumps(judgement.to_json()))
    else:
        print_judgement(stdout_console(), problem.name, language.name, judgement)
    if judgement.verdict is Verdict.JE:
        sys.exit(1)


@click.command("languages")
@json_option("Print a JSON list.")
@click.option("--only", multiple=True, help="Check only these language ids.")
@pool_size_option
@data_option
def languages_command(as_json: bool, only: tuple[str, ...], pool_size: int | None,
                      data_dir: Path | None) -> None:
    """List the languages, their installed version, and whether each works in the sandbox."""
    config = Config.build(data_dir=data_dir, pool_size=pool_size)
    with usage_errors():
        languages = load_languages()
        chosen = [find(i, languages) for i in only] if only else list(languages.values())
    blobs = BlobStore(config.blobs_dir)
    with failures(), \
            open_pool(config.sandbox, config.blobs_dir, config.pool_size) as pool, \
            concurrent.futures.ThreadPoolExecutor(config.pool_size) as workers:
        checks = list(workers.map(lambda lang: check_language(pool, blobs, lang), chosen))
    if as_json:
        click.echo(json.dumps([c.to_json() for c in checks]))
        return
    print_language_checks(stdout_console(), checks)
    if not all(c.works for c in checks):
        sys.exit(1)


@click.command("image")
def image_command() -> None:
    """Build the judge image offline (a no-op when it exists) and print its tag."""
    with failures():
        config = SandboxConfig()
        click.echo(ensure_image(connect(), config.uid, config.run_uid))
