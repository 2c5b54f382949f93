"""`podium similarity`: a contest's submissions ranked in pairs by how alike their code is."""

from __future__ import annotations

import json
from pathlib import Path

import click

from appliance.config import Config
from appliance.similarity.fingerprints import DEFAULT_MIN
from appliance.similarity.selection import contest_problems, contest_reports
from appliance.store import Store
from cli.errors import usage_errors
from cli.options import data_option, json_option
from cli.report import print_similarity_reports, stdout_console


@click.command("similarity")
@click.argument("contest")
@click.option("--problem", default=None, help="One problem (id or label; default: each).")
@click.option("--all", "every", is_flag=True,
              help="Compare every submission, not only each team's first accepted one.")
@click.option("--min", "min_similarity", type=click.FloatRange(0, 1), default=DEFAULT_MIN,
              show_default=True, help="Show pairs at least this alike (0.5 = 50 %).")
@json_option("Print a JSON list, one per problem.")
@data_option
def similarity_command(contest: str, problem: str | None, every: bool, min_similarity: float,
                       as_json: bool, data_dir: Path | None) -> None:
    """Rank pairs of CONTEST's submissions by code similarity, with the matching lines."""
    config = Config.build(data_dir=data_dir)
    with usage_errors(), Store.open(config.data_dir) as store:
        labels = {r["id"]: r["label"] for r in contest_problems(store, contest, problem)}
        reports = contest_reports(store, contest, problem, accepted_only=not every,
                                  library=config.library_dir)
    if as_json:
        click.echo(json.dumps([r.above(min_similarity).to_json() for r in reports]))
    else:
        print_similarity_reports(stdout_console(), reports, min_similarity, labels)
