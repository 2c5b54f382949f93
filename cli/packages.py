"""`podium package`: problem packages imported into the library, exported, stubbed, verified,
upgraded to 2025-09."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from appliance.config import Config
from appliance.functions.code import stub_for
from appliance.problems.library import export_package, import_package, imported_folder
from appliance.problems.load import load_problem
from appliance.problems.upgrade import upgrade_package
from appliance.problems.verify import PARTS, progress_steps, verify
from appliance.text.counts import count
from cli.errors import UsageFailure, failures, usage_errors
from cli.options import data_option, json_option, pool_size_option
from cli.report import print_verify_report, stdout_console
from judge.blobs import BlobStore
from judge.languages import load_languages
from judge.pool import open_pool
from judge.result_cache import ResultCache
from tui.render import visible


@click.group("package")
def package_group() -> None:
    """Problem packages: import, export and verify them."""


@package_group.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@data_option
def import_command(source: Path, data_dir: Path | None) -> None:
    """Import a package folder or zip into the library (all or nothing)."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        imported = import_package(source, config.library_dir)
    click.echo(f"{imported.path.name}: {count(len(imported.test_cases), 'test case')}, "
               f"{count(len(imported.validators), 'validator')}, "
               f"digest {imported.digest[:12]}")


@package_group.command("export")
@click.argument("ident")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="The zip file (or a folder to write it in).")
@data_option
def export_command(ident: str, out: Path, data_dir: Path | None) -> None:
    """Export the imported package IDENT (its folder name in the library) as a zip."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        click.echo(export_package(imported_folder(config.library_dir, ident), out))


@package_group.command("stub")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("language")
def stub_command(path: Path, language: str) -> None:
    """Print the code a contestant starts from for the function problem at PATH in LANGUAGE
    (a language id such as python3, cpp, java)."""
    with usage_errors():
        problem = load_problem(path)
        if problem.function is None:
            raise UsageFailure(f"{path}: not a function problem (it has no function.yaml)")
        click.echo(stub_for(problem.function, language), nl=False)


@package_group.command("verify")
@click.argument("path", type=click.Path(path_type=Path))
@json_option("Print one JSON object, no progress.")
@click.option("--parts", multiple=True, type=click.Choice(PARTS), default=PARTS,
              show_default=True, help="What to check (repeat the option for several).")
@click.option("--fresh", is_flag=True,
              help="Judge everything again, even judgings unchanged since the last verify.")
@pool_size_option
@data_option
def verify_command(path: Path, as_json: bool, parts: tuple[str, ...], fresh: bool,
                   pool_size: int | None, data_dir: Path | None) -> None:
    """Validate test data and judge every submission of the package at PATH (a judging
    unchanged since the last verify is taken from the result cache unless --fresh)."""
    config = Config.build(data_dir=data_dir, pool_size=pool_size)
    with usage_errors():
        problem = load_problem(path)
        languages = load_languages()
    with failures(), \
            open_pool(config.sandbox, config.blobs_dir, config.pool_size) as pool, \
            Progress(transient=True, disable=as_json or not sys.stderr.isatty(),
                     console=Console(stderr=True)) as bar:
        task = bar.add_task(escape(visible(f"verifying {problem.name}")),
                            total=progress_steps(problem))
        report = verify(problem, pool, BlobStore(config.blobs_dir), languages, parts,
                        progress=lambda what: bar.update(task, advance=1,
                                                         description=escape(visible(what))),
                        results=ResultCache(config.result_cache_dir, read=not fresh))
    if as_json:
        click.echo(json.dumps(report.to_json()))
    else:
        print_verify_report(stdout_console(), report)
    sys.exit(0 if report.ok else 1)


@package_group.command("upgrade")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="The new package folder (default: PATH-2025-09 next to PATH).")
@click.option("--in-place", is_flag=True,
              help="Replace PATH itself (only once the upgraded package loads).")
def upgrade_command(path: Path, out: Path | None, in_place: bool) -> None:
    """Rewrite the legacy or 2023-07 package at PATH as a 2025-09 package."""
    if out is not None and in_place:
        raise UsageFailure("give --out or --in-place, not both")
    with usage_errors():
        result = upgrade_package(path, out, in_place)
    for note in result.notes:
        click.echo(f"note: {visible(note)}")
    click.echo(f"{visible(str(result.path))}: 2025-09, "
               f"{count(len(result.problem.tests), 'test case')}, "
               f"{count(len(result.problem.submissions), 'submission')}")
