"""Options that several commands share, as decorators (sqlite-utils' `output_options`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def data_option(fn: F) -> F:
    """--data: the data folder (store, library, blobs)."""
    return click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                        help="Data folder (default: $PODIUM_DATA or ~/.local/share/podium).")(fn)


def json_option(help: str) -> Callable[[F], F]:
    """--json: print JSON instead of tables; `help` says what it prints."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def pool_size_option(fn: F) -> F:
    """--pool-size: how many sandboxes judge at once."""
    return click.option("--pool-size", type=click.IntRange(1, 64), default=None,
                        help="Sandboxes judging at once (default: one per CPU).")(fn)


def server_option(fn: F) -> F:
    """--server: the address of a running Podium server."""
    return click.option("--server", default="http://127.0.0.1:8080", show_default=True,
                        help="The Podium server's address.")(fn)


def password_option(fn: F) -> F:
    """--password: the jury account's password, from the environment or asked for."""
    return click.option("--password", envvar="PODIUM_PASSWORD", default=None,
                        help="Its password (default: $PODIUM_PASSWORD, else asked).")(fn)
