"""Library errors become one line and an exit status in cli/errors.py: 2 for the user's input,
1 for the judge, Docker or a server."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from appliance.errors import ApplianceError, PackageError
from cli.errors import failures, reading, usage_errors
from judge.errors import BuildError, LanguageError, SandboxError


@pytest.mark.parametrize("error", [PackageError("problem.yaml: unknown key 'x'"),
                                   LanguageError("unknown language 'cobol'")])
def test_the_users_input_at_fault_is_status_2_and_its_message(error: Exception) -> None:
    with pytest.raises(click.ClickException) as caught, usage_errors():
        raise error
    assert caught.value.exit_code == 2 and caught.value.message == str(error)


def test_a_failing_judge_is_status_1_and_its_message() -> None:
    with pytest.raises(click.ClickException) as caught, failures():
        raise SandboxError("the Docker engine does not answer")
    assert caught.value.exit_code == 1
    assert caught.value.message == "the Docker engine does not answer"


def test_a_program_that_does_not_build_is_its_first_line_after_what_it_is() -> None:
    with pytest.raises(click.ClickException) as caught, \
            usage_errors(BuildError, about="output validator v"):
        raise BuildError("check.cpp: does not compile:\ncheck.cpp:1: error: expected ';'")
    assert caught.value.exit_code == 2
    assert caught.value.message == "output validator v: check.cpp: does not compile:"


def test_only_the_kinds_named_are_translated() -> None:
    with pytest.raises(ApplianceError), failures():
        raise ApplianceError("the store is broken")
    with pytest.raises(SandboxError), usage_errors():
        raise SandboxError("a container died")


def test_an_unreadable_file_is_named_with_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.c"
    with pytest.raises(click.ClickException) as caught, reading(missing):
        missing.read_bytes()
    assert caught.value.exit_code == 2
    assert caught.value.message == f"cannot read {missing}: No such file or directory"
