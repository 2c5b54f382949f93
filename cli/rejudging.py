"""Rejudgings: `rejudge` starts one over the submissions filters select, `rejudging` reviews,
applies or cancels it."""

from __future__ import annotations

from pathlib import Path

import click

from appliance.config import Config
from appliance.contest.rejudging import (
    apply_rejudging,
    cancel_rejudging,
    changes,
    current_state,
    select_submissions,
    start_rejudging,
)
from appliance.store import Store
from cli.errors import usage_errors
from cli.options import data_option
from cli.report import print_rejudging, stdout_console


@click.command("rejudge")
@click.argument("contest")
@click.option("--submission", default=None, help="A submission's id (as the API gives it).")
@click.option("--problem", default=None)
@click.option("--team", default=None)
@click.option("--language", default=None)
@click.option("--reason", default="", help="Why, for the record.")
@data_option
def rejudge_command(contest: str, submission: str | None, problem: str | None,
                    team: str | None, language: str | None, reason: str,
                    data_dir: Path | None) -> None:
    """Start a rejudging of the judged submissions the filters select (all of them if none)."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        ids = select_submissions(store, contest, submission=submission, problem=problem,
                                 team=team, language=language)
        rid = start_rejudging(store, contest, ids, reason)
    click.echo(f"rejudging {rid}: {len(ids)} submission(s) queued; review it with "
               f"`podium rejudging show {rid}`")


@click.command("rejudging")
@click.argument("action", type=click.Choice(("show", "apply", "cancel")))
@click.argument("rejudging_id", type=int)
@data_option
def rejudging_command(action: str, rejudging_id: int, data_dir: Path | None) -> None:
    """Review a rejudging's verdict changes, then apply or cancel it."""
    config = Config.build(data_dir=data_dir)
    with usage_errors():
        store = Store.open(config.data_dir)
        if action == "apply":
            click.echo(f"applied: {apply_rejudging(store, rejudging_id)} judgement(s) now count")
            return
        if action == "cancel":
            cancel_rejudging(store, rejudging_id)
            click.echo(f"rejudging {rejudging_id} cancelled; every verdict is as it was")
            return
        rows = changes(store, rejudging_id)
        state = current_state(store, rejudging_id, rows)
    print_rejudging(stdout_console(), rejudging_id, state, rows)
