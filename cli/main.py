"""The `podium` command: the root group, with each command group registered from its module."""

from __future__ import annotations

import click

from cli.archive import audit_command, export_archive_command
from cli.console import tui_command
from cli.contest import contest_group
from cli.doctor import doctor_command
from cli.engines import engine_group
from cli.judging import image_command, judge_command, languages_command
from cli.packages import package_group
from cli.rejudging import rejudge_command, rejudging_command
from cli.serve import dispatch_command, serve_command
from cli.shadow import shadow_command
from cli.similarity import similarity_command
from cli.status import status_command


@click.group()
@click.version_option(package_name="podium")
def main() -> None:
    """Podium: a self-hosted programming-contest appliance."""


for command in (judge_command, languages_command, image_command, package_group,
                contest_group, rejudge_command, rejudging_command, dispatch_command,
                export_archive_command, audit_command, similarity_command, engine_group,
                serve_command, status_command, tui_command, doctor_command, shadow_command):
    main.add_command(command)


if __name__ == "__main__":
    main()
