"""The audit archive: `export` writes a contest's, `audit` checks one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from appliance.audit import audit_archive, export_archive
from appliance.config import Config
from appliance.store import Store
from appliance.text.counts import count
from cli.errors import usage_errors
from cli.options import data_option


@click.command("export")
@click.argument("contest")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="The zip to write.")
@data_option
def export_archive_command(contest: str, out: Path, data_dir: Path | None) -> None:
    """Write the audit archive of CONTEST (objects, sources, event feed, scoreboard, hashes)."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        click.echo(export_archive(store, contest, out))


@click.command("audit")
@click.argument("archive", type=click.Path(path_type=Path, exists=True))
def audit_command(archive: Path) -> None:
    """Check an audit archive: every hash, the event chain, and the scoreboard replayed."""
    report = audit_archive(archive)
    for problem in report.problems:
        click.echo(f"FAIL {problem}")
    if report.ok:
        click.echo(f"ok: {count(report.files_checked, 'file')} and "
                   f"{count(report.events_checked, 'event')} check out; the replayed "
                   "scoreboard matches")
    sys.exit(0 if report.ok else 1)
