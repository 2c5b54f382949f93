"""The `podium` command line: thin click commands over the appliance and the judge.

Library errors become one-line messages here and nowhere else; exit status 2 means bad
usage or a broken package, 1 that the judge could not judge.
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.archive import audit_command, export_archive_command
from cli.contest import contest_group
from cli.engines import engine_group
from cli.judging import image_command, judge_command, languages_command
from cli.packages import package_group
from cli.rejudging import rejudge_command, rejudging_command
from cli.serve import dispatch_command, serve_command
from cli.similarity import similarity_command
from cli.status import status_command


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
main.add_command(status_command)


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
