"""The audit archive: `export` writes a contest's, `audit` checks one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from appliance.audit import audit_archive, export_archive
from appliance.config import Config
from appliance.signing import expected_fingerprint, signing_key
from appliance.store import Store
from appliance.text.counts import count
from cli.errors import usage_errors
from cli.options import data_option
from tui.render import visible


@click.command("export")
@click.argument("contest")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="The zip to write.")
@data_option
def export_archive_command(contest: str, out: Path, data_dir: Path | None) -> None:
    """Write CONTEST as a CLICS contest package (problems, teams, submissions, judgements)
    with the audit's additions beside it (rows, event log, scoreboard, hashes), signed with
    the data folder's key."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        key = signing_key(config.data_dir)
        click.echo(export_archive(store, contest, out, config.library_dir, key))
    click.echo(f"signed by the key whose fingerprint is {key.fingerprint}")


@click.command("audit")
@click.argument("archive", type=click.Path(path_type=Path, exists=True))
@click.option("--key", "key", metavar="FINGERPRINT",
              help="The fingerprint published at contest end (or a file with the public key): "
                   "the archive must be signed by that key.")
def audit_command(archive: Path, key: str | None) -> None:
    """Check an audit archive: every hash, the event chain, the signatures, and the scoreboard
    replayed."""
    with usage_errors():
        expected = None if key is None else expected_fingerprint(key)
    report = audit_archive(archive, expected)
    for problem in report.problems:
        click.echo(f"FAIL {visible(problem)}")  # names from the zip: shown, never obeyed
    if report.ok:
        click.echo(f"ok: {count(report.files_checked, 'file')} and "
                   f"{count(report.events_checked, 'event')} check out; the replayed "
                   "scoreboard matches")
        if expected is not None:
            click.echo(f"signed by the expected key {report.signer}")
        else:
            click.echo(f"signed by the key whose fingerprint is {report.signer}: compare it "
                       "with the one published at contest end (or give it with --key); "
                       "anyone can sign an archive with a key of their own")
    sys.exit(0 if report.ok else 1)
