"""`podium status`: a server's health from its /metrics, or from the store without a server."""

from __future__ import annotations

import time
from pathlib import Path

import click
from prometheus_client import generate_latest

from appliance.errors import ApplianceError
from appliance.metrics.collectors import store_registry
from appliance.metrics.status import parse_status
from appliance.store import Store
from cli.errors import UsageFailure, failures, usage_errors
from cli.metrics_client import MetricsUnavailable, fetch_metrics
from cli.options import data_option, password_option, server_option
from cli.report import print_status, stdout_console


@click.command("status")
@server_option
@click.option("--user", default=None,
              help="A judge or admin account (not needed on the server's own machine).")
@password_option
@click.option("--contest", "contest_id", default=None,
              help="With --data: the contest (default: the only one).")
@data_option
def status_command(server: str, user: str | None, password: str | None,
                   contest_id: str | None, data_dir: Path | None) -> None:
    """The server's health: queue, judging latency, slots, sandbox failures, verdicts and HTTP
    requests, as its /metrics says. With --data, read the store instead (no server needed;
    what only a running server counts is left out)."""
    if data_dir is not None:
        text, source = _store_metrics(data_dir, contest_id)
    else:
        if user is not None and password is None:
            password = click.prompt(f"Password of {user}", hide_input=True)
        with failures(MetricsUnavailable):
            text = fetch_metrics(server, user, password)
        source = server
    with failures(ApplianceError, about=source):
        status = parse_status(text)
    print_status(stdout_console(), status, source, time.time())


def _store_metrics(data_dir: Path, contest_id: str | None) -> tuple[str, str]:
    """The metrics text the store alone gives for the contest, and where it came from."""
    from web.serve import choose_contest

    if not Store.exists(data_dir):
        raise UsageFailure(f"no Podium store in {data_dir}")
    with usage_errors(), Store.open(data_dir) as store:
        contest = choose_contest(store, contest_id)
        text = generate_latest(store_registry(store, contest)).decode()
    return text, f"the store in {data_dir}, contest {contest}"
