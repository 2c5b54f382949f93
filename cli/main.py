"""The `podium` command line: thin click commands over the appliance and the judge.

Library errors become one-line messages here and nowhere else; exit status 2 means bad
usage or a broken package, 1 that the judge could not judge.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
from prometheus_client import generate_latest
from rich.console import Console

from appliance.errors import ApplianceError
from appliance.metrics.collectors import store_registry
from appliance.metrics.status import parse_status
from appliance.store import Store
from cli.archive import audit_command, export_archive_command
from cli.contest import contest_group
from cli.engines import engine_group
from cli.judging import image_command, judge_command, languages_command
from cli.packages import package_group
from cli.rejudging import rejudge_command, rejudging_command
from cli.report import print_status
from cli.serve import dispatch_command, serve_command
from cli.similarity import similarity_command


class UsageFailure(click.ClickException):
    """A one-line error with exit status 2."""

    exit_code = 2


def data_option(fn):
    """The shared --data option."""
    return click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                        help="Data folder (default: $PODIUM_DATA or ~/.local/share/podium).")(fn)


@click.group()
@click.version_option(package_name="podium")
def main() -> None:
    """Podium: a self-hosted programming-contest appliance."""


main.add_command(judge_command)
main.add_command(languages_command)
main.add_command(image_command)
main.add_command(package_group)
main.add_command(contest_group)
main.add_command(rejudge_command)
main.add_command(rejudging_command)
main.add_command(export_archive_command)
main.add_command(audit_command)
main.add_command(serve_command)
main.add_command(dispatch_command)
main.add_command(similarity_command)
main.add_command(engine_group)


@main.command("status")
@click.option("--server", default="http://127.0.0.1:8080", show_default=True,
              help="The Podium server's address.")
@click.option("--user", default=None,
              help="A judge or admin account (not needed on the server's own machine).")
@click.option("--password", envvar="PODIUM_PASSWORD", default=None,
              help="Its password (default: $PODIUM_PASSWORD, else asked).")
@click.option("--contest", "contest_id", default=None,
              help="With --data: the contest (default: the only one).")
@data_option
def status_command(server: str, user: str | None, password: str | None,
                   contest_id: str | None, data_dir: Path | None) -> None:
    """The server's health: queue, judging latency, slots, sandbox failures, verdicts and HTTP
    requests, as its /metrics says. With --data, read the store instead (no server needed;
    what only a running server counts is left out)."""
    if data_dir is not None:
        from web.serve import choose_contest

        if not Store.exists(data_dir):
            raise UsageFailure(f"no Podium store in {data_dir}")
        try:
            with Store.open(data_dir) as store:
                contest = choose_contest(store, contest_id)
                text = generate_latest(store_registry(store, contest)).decode()
        except ApplianceError as exc:
            raise UsageFailure(str(exc)) from exc
        source = f"the store in {data_dir}, contest {contest}"
    else:
        if user is not None and password is None:
            password = click.prompt(f"Password of {user}", hide_input=True)
        text = _fetch_metrics(server, user, password)
        source = server
    try:
        status = parse_status(text)
    except ApplianceError as exc:
        raise click.ClickException(f"{source}: {exc}") from exc
    print_status(Console(), status, source, time.time())


def _fetch_metrics(server: str, user: str | None, password: str | None) -> str:
    """The text of the server's /metrics, or a one-line error saying what is wrong."""
    request = urllib.request.Request(server.rstrip("/") + "/metrics")
    if user is not None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as exc:
        if exc.code == 401 and user is not None:
            message = f"wrong user name or password for {user!r}"
        elif exc.code == 401:
            message = "from another machine the server wants a jury account: --user, --password"
        elif exc.code == 403:
            message = f"{user!r} is not a jury account (judge or admin)"
        else:
            message = f"the server answered {exc.code} {exc.reason}"
        raise click.ClickException(f"{server}: {message}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise click.ClickException(f"no Podium server answers at {server} ({reason}): is "
                                   "`podium serve` running? (--data DIR reads the store "
                                   "instead)") from exc


@main.command("tui")
@click.option("--server", default="http://127.0.0.1:8080", show_default=True,
              help="The Podium server's address.")
@click.option("--user", default="jury", show_default=True, help="A judge or admin account.")
@click.option("--password", envvar="PODIUM_PASSWORD", default=None,
              help="Its password (default: $PODIUM_PASSWORD, else asked).")
@click.option("--contest", "contest_id", default=None,
              help="The contest (default: the served one).")
def tui_command(server: str, user: str, password: str | None, contest_id: str | None) -> None:
    """The judges' console: scoreboard, queue, submissions, rejudgings, clarifications, clock,
    similarity."""
    from tui.app import PodiumConsole
    from tui.client import JuryClient

    if password is None:
        password = click.prompt(f"Password of {user}", hide_input=True)
    PodiumConsole(JuryClient(server, user, password, contest_id)).run()


if __name__ == "__main__":
    main()
