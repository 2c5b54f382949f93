"""`podium contest`: a contest imported from a CLICS package or created quickly, and its clock."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from appliance.clics.times import parse_reltime, parse_time, reltime
from appliance.config import Config
from appliance.contest.control import OPERATIONS, control, load_clock
from appliance.contest.dry_run import dry_run, save
from appliance.contest.package import SCORE_MODES, SCORE_TIEBREAKS, load_contest
from appliance.contest.package_zip import as_given, package_folder
from appliance.contest.reads import contest_row
from appliance.contest.setup import import_contest, quick_contest
from appliance.errors import ApplianceError
from appliance.floor.policy import set_policy
from appliance.judging.custom_runs import allows_runs, set_custom_runs
from appliance.signing import signing_key
from appliance.store import Store
from appliance.text.counts import count
from cli.errors import failures, usage_errors
from cli.options import data_option, json_option, pool_size_option
from cli.report import print_dry_run, print_logins, stdout_console
from judge.errors import JudgeError
from judge.languages import load_languages
from judge.pool import open_pool
from tui.render import visible


@click.group("contest")
def contest_group() -> None:
    """Contests: import a CLICS contest package, or create a quick one."""


@contest_group.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@data_option
def contest_import_command(path: Path, data_dir: Path | None) -> None:
    """Import the CLICS contest package at PATH, a folder or a zip such as `podium export`
    writes (contest, problems, teams, accounts, submissions)."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        with package_folder(path) as folder:
            done = import_contest(store, load_contest(folder), config.library_dir)
            warnings = [as_given(w, folder, path) if folder != path else w
                        for w in done.warnings]
    for warning in warnings:
        click.echo(f"warning: {visible(warning)}", err=True)  # names from the package: shown
    click.echo(f"{done.id}: {count(done.problems, 'problem')}, {count(done.teams, 'team')}, "
               f"{count(done.accounts, 'account')}"
               + (f", {count(done.submissions, 'submission')} queued to be judged"
                  if done.submissions else ""))


@contest_group.command("create")
@click.argument("name")
@click.option("--problem", "problems", multiple=True, required=True,
              type=click.Path(path_type=Path), help="A problem package (repeat).")
@click.option("--teams", type=click.IntRange(1, 5000), default=10, show_default=True)
@click.option("--duration", default="5:00:00", show_default=True, metavar="RELTIME",
              help="The contest's length, h:mm:ss.")
@click.option("--scoreboard-freeze-duration", "freeze", default="1:00:00", show_default=True,
              metavar="RELTIME", help="How long before the end the public scoreboard "
                                      "freezes, h:mm:ss (0:00:00: never).")
@click.option("--start-time", default=None, metavar="TIME",
              help="When it starts, ISO 8601 with its offset (e.g. 2026-05-01T10:00:00+02); "
                   "default: not scheduled (podium contest clock CONTEST start).")
@click.option("--scoring", is_flag=True,
              help="A score contest (IOI style): the problems' packages give scores per "
                   "subtask.")
@click.option("--score-mode", type=click.Choice(SCORE_MODES), default=SCORE_MODES[0],
              show_default=True, help="With --scoring: a team's score on a problem is the "
                                      "sum of its best per subtask, or its best submission's.")
@click.option("--score-tiebreak", type=click.Choice(SCORE_TIEBREAKS),
              default=SCORE_TIEBREAKS[0], show_default=True,
              help="With --scoring: equal scores ranked by the time of the last "
                   "improvement, or tied.")
@data_option
def contest_create_command(name: str, problems: tuple[Path, ...], teams: int, duration: str,
                           freeze: str, start_time: str | None, scoring: bool,
                           score_mode: str, score_tiebreak: str,
                           data_dir: Path | None) -> None:
    """Create a contest NAME from problem packages and generated teams; print the passwords."""
    config = Config.build(data_dir=data_dir)
    with usage_errors(ValueError, about="--duration"):
        duration_s = parse_reltime(duration)
    with usage_errors(ValueError, about="--scoreboard-freeze-duration"):
        freeze_s = parse_reltime(freeze)
    with usage_errors(ValueError, about="--start-time"):
        start = None if start_time is None else parse_time(start_time)
    with usage_errors():
        package = quick_contest(name, list(problems), teams, duration_s, freeze_s, start,
                                score_mode if scoring else None, score_tiebreak)
        store = Store.open(config.data_dir)
        done = import_contest(store, package, config.library_dir)
    print_logins(stdout_console(), f"{name} ({done.id}): logins — print, cut, hand out",
                 package.accounts)


@contest_group.command("clock")
@click.argument("contest")
@click.argument("operation", type=click.Choice(("status", *OPERATIONS)))
@click.option("--at", "at", type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
              default=None, help="With start: when (ISO 8601; default now, UTC if no offset).")
@click.option("--minutes", type=float, default=0.0, help="With extend: by how much.")
@data_option
def contest_clock_command(contest: str, operation: str, at: datetime | None, minutes: float,
                          data_dir: Path | None) -> None:
    """Start (or schedule), pause, resume, extend, finalize or thaw CONTEST, or show it."""
    config = Config.build(data_dir=data_dir)
    now = datetime.now(UTC)
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    with usage_errors():
        store = Store.open(config.data_dir)
        clock = (load_clock(store, contest) if operation == "status" else
                 control(store, contest, operation, now, start=at, seconds=minutes * 60))
    contest_time = clock.contest_time(now)
    countdown = clock.countdown(now)
    click.echo(f"{contest}: {clock.state(now).value}"
               + (f", contest time {reltime(max(contest_time, 0), millis=False)}"
                  if contest_time is not None and contest_time >= 0 else "")
               + (f", {reltime(countdown, millis=False)} to go" if countdown else "")
               + (" (paused)" if clock.paused() else ""))
    if operation == "finalize":
        with usage_errors():
            key = signing_key(config.data_dir)
        click.echo(f"Audit archives are signed by the key whose fingerprint is "
                   f"{key.fingerprint}: publish it (`podium audit --key` checks it).")


@contest_group.command("runs")
@click.argument("contest")
@click.argument("choice", type=click.Choice(("on", "off", "status")))
@data_option
def contest_runs_command(contest: str, choice: str, data_dir: Path | None) -> None:
    """Whether CONTEST's teams may run their code on their own input (never counted; off
    unless the organizer turns it on; practice always offers it)."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        if contest_row(store, contest) is None:
            raise click.UsageError(f"no contest {contest!r}")
        if choice != "status":
            set_custom_runs(store, contest, choice == "on")
        on = allows_runs(store, contest)
    click.echo(f"{contest}: runs on the teams' own input are {'on' if on else 'off'}")


@contest_group.command("floor")
@click.argument("contest")
@click.option("--printer", default=None, metavar="NAME",
              help="The CUPS printer printouts go to (lp -d NAME).")
@click.option("--no-printer", is_flag=True,
              help="No printer: printouts wait in the runners' print queue.")
@click.option("--balloons-during-freeze", "during_freeze", type=click.Choice(("yes", "no")),
              default=None, help="Whether balloons keep coming during the freeze.")
@data_option
def contest_floor_command(contest: str, printer: str | None, no_printer: bool,
                         during_freeze: str | None, data_dir: Path | None) -> None:
    """CONTEST's floor settings: its CUPS printer and balloons during the freeze; without
    options, prints them."""
    if printer is not None and no_printer:
        raise click.UsageError("--printer and --no-printer exclude each other")
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        policy = set_policy(store, contest, printer=printer, no_printer=no_printer,
                            during_freeze=None if during_freeze is None
                            else during_freeze == "yes")
    printer_said = policy.printer or "none (the runners' print queue)"
    click.echo(f"{contest}: printer {printer_said}; "
               f"balloons during the freeze: {'yes' if policy.balloons_during_freeze else 'no'}")


@contest_group.command("dry-run")
@click.argument("contest")
@click.option("--repeat", type=click.IntRange(1, 20), default=2, show_default=True,
              help="Times each jury submission is judged.")
@json_option("Print the report as one JSON object.")
@pool_size_option
@data_option
def contest_dry_run_command(contest: str, repeat: int, as_json: bool, pool_size: int | None,
                            data_dir: Path | None) -> None:
    """Judge every jury submission of CONTEST's problems on the real pool, as the contest
    will, REPEAT times; report per problem the slowest accepted time against the limit, the
    verdicts that differ from their folder and how much times vary. The report is kept for
    the judges' console. Exit 1 unless every verdict agrees and holds."""
    config = Config.build(data_dir=data_dir, pool_size=pool_size)
    with usage_errors():
        store = Store.open(config.data_dir)
        if contest_row(store, contest) is None:
            raise click.BadParameter(f"no contest {contest!r}", param_hint="CONTEST")
    with failures(ApplianceError, JudgeError), \
            open_pool(config.sandbox, config.blobs_dir, config.pool_size) as pool:
        report = dry_run(store, contest, config.library_dir, pool, load_languages(), repeat,
                         progress=lambda name: None if as_json else click.echo(
                             f"judged {name}", err=True))
        save(store, report)
    if as_json:
        click.echo(json.dumps(report.to_json()))
    else:
        print_dry_run(stdout_console(), report)
    if not report.ok:
        sys.exit(1)
