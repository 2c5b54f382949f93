"""`podium tui`: the judges' console, a client of a running server."""

from __future__ import annotations

import click

from cli.options import password_option, server_option


@click.command("tui")
@server_option
@click.option("--user", default="jury", show_default=True, help="A judge or admin account.")
@password_option
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
