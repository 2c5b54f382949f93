"""The one place library errors become one-line messages and exit statuses.

Exit status 2 means bad usage or a broken package (the user's input is at fault), 1 that the
judge, Docker or a server failed. A command marks which of its calls can fail which way with
`usage_errors` and `failures`; the message and status are decided here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from appliance.errors import ApplianceError
from judge.errors import BuildError, JudgeError, LanguageError
from tui.render import visible

USAGE_ERRORS: tuple[type[Exception], ...] = (ApplianceError, LanguageError)
FAILURES: tuple[type[Exception], ...] = (JudgeError,)


class UsageFailure(click.ClickException):
    """A one-line error with exit status 2."""

    exit_code = 2


def one_line(exc: Exception, about: str = "") -> str:
    """The message of a library error, after `about` if given; a program that does not build
    is its first line (the compiler's output follows it). Its control characters are shown,
    never obeyed: it may quote a package or an archive."""
    text = str(exc).splitlines()[0] if isinstance(exc, BuildError) else str(exc)
    return visible(f"{about}: {text}" if about else text)


@contextmanager
def usage_errors(*kinds: type[Exception], about: str = "") -> Iterator[None]:
    """Errors of `kinds` (default: the appliance's and unknown languages) raised inside exit
    with status 2 and one line."""
    caught = kinds or USAGE_ERRORS
    try:
        yield
    except caught as exc:
        raise UsageFailure(one_line(exc, about)) from exc


@contextmanager
def failures(*kinds: type[Exception], about: str = "") -> Iterator[None]:
    """Errors of `kinds` (default: the judge's) raised inside exit with status 1 and one
    line."""
    caught = kinds or FAILURES
    try:
        yield
    except caught as exc:
        raise click.ClickException(one_line(exc, about)) from exc


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """An OSError raised inside is `path` that cannot be read: status 2 and one line."""
    try:
        yield
    except OSError as exc:
        raise UsageFailure(f"cannot read {path}: {exc.strerror}") from exc
