"""The `podium` command: the root group, each command imported from its module only when it
is run (or listed), so a command pays for its own imports alone."""

from __future__ import annotations

import importlib

import click

# command name -> (module, attribute): the modules import the whole house between them
COMMANDS = {
    "judge": ("cli.judging", "judge_command"),
    "languages": ("cli.judging", "languages_command"),
    "image": ("cli.judging", "image_command"),
    "package": ("cli.packages", "package_group"),
    "contest": ("cli.contest", "contest_group"),
    "rejudge": ("cli.rejudging", "rejudge_command"),
    "rejudging": ("cli.rejudging", "rejudging_command"),
    "dispatch": ("cli.serve", "dispatch_command"),
    "export": ("cli.archive", "export_archive_command"),
    "audit": ("cli.archive", "audit_command"),
    "similarity": ("cli.similarity", "similarity_command"),
    "engine": ("cli.engines", "engine_group"),
    "serve": ("cli.serve", "serve_command"),
    "status": ("cli.status", "status_command"),
    "tui": ("cli.console", "tui_command"),
    "doctor": ("cli.doctor", "doctor_command"),
    "shadow": ("cli.shadow", "shadow_command"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup)
@click.version_option(package_name="podium")
def main() -> None:
    """Podium: a self-hosted programming-contest appliance."""


if __name__ == "__main__":
    main()
