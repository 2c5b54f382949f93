"""Every `podium` command and group says what it does in its help (sqlite-utils' test_docs)."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from cli.main import main


def walk(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of `command` and of every command under it, groups included."""
    yield path
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            yield from walk(subcommand(command, name), (*path, name))


def subcommand(group: click.Group, name: str) -> click.Command:
    """The command `name` of `group`, as click finds it (the root imports it on demand)."""
    found = group.get_command(click.Context(group), name)
    assert found is not None, name
    return found


def lookup(path: tuple[str, ...], root: click.Command = main) -> click.Command:
    """The command at `path` under `root`."""
    command = root
    for name in path:
        assert isinstance(command, click.Group)
        command = subcommand(command, name)
    return command


def lacks_help(command: click.Command) -> bool:
    """True when the command's help or its short help (the line `--help` lists) is empty."""
    return not (command.help or "").strip() or not command.get_short_help_str().strip()


COMMANDS = list(walk(main))


def test_every_group_and_its_commands_are_walked() -> None:
    assert ("package", "verify") in COMMANDS and ("engine", "add") in COMMANDS
    assert ("judge",) in COMMANDS and ("contest",) in COMMANDS and () in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(("podium", *path)))
def test_command_has_help(path: tuple[str, ...]) -> None:
    assert not lacks_help(lookup(path)), f"podium {' '.join(path)} has no help text"


def test_a_command_without_help_is_caught() -> None:
    @click.group()
    def root() -> None:
        """A group with help."""

    @root.group("inner")
    def inner() -> None:
        """A sub-group with help."""

    @inner.command("bare")
    def bare() -> None:
        pass

    helpless = [path for path in walk(root) if lacks_help(lookup(path, root))]
    assert helpless == [("inner", "bare")]
