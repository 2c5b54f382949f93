"""A contest's floor settings from the command line: `podium contest floor CONTEST` with a
CUPS printer or none and balloons during the freeze or not; a printer name that is no CUPS
name (shell characters, a leading "-" that lp would read as an option) refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from appliance.contest.setup import import_contest, quick_contest
from appliance.floor.policy import PolicyError, policy_of, printer_refusal, set_policy
from appliance.store import Store
from cli.main import main
from tests.paths import PACKS


@pytest.fixture
def data(tmp_path: Path) -> Path:
    with Store.open(tmp_path / "data") as store:
        import_contest(store, quick_contest("Cup", [PACKS / "sum"], 2), tmp_path / "library")
    return tmp_path / "data"


def floor(data: Path, *args: str):
    return CliRunner().invoke(main, ["contest", "floor", "cup", *args, "--data", str(data)])


def test_the_command_sets_and_shows_the_floor_settings(data: Path) -> None:
    shown = floor(data)
    assert shown.exit_code == 0
    assert shown.output == ("cup: printer none (the runners' print queue); balloons during "
                            "the freeze: yes\n")
    done = floor(data, "--printer", "floor-laser@cups.local", "--balloons-during-freeze", "no")
    assert done.exit_code == 0, done.output
    with Store.open(data) as store:
        policy = policy_of(store, "cup")
    assert policy is not None
    assert (policy.printer, policy.balloons_during_freeze) == ("floor-laser@cups.local", False)
    assert floor(data, "--no-printer").output.startswith("cup: printer none")


@pytest.mark.parametrize("name", ["laser; rm -rf /", "-o outputfile=/etc/x", "a b", "$(id)",
                                  "la`ser", "x" * 128, ""])
def test_a_printer_name_that_is_no_cups_name_is_refused(data: Path, name: str) -> None:
    assert printer_refusal(name) is not None
    done = floor(data, "--printer", name)
    assert done.exit_code == 2
    assert "printer:" in done.output and "not a CUPS printer name" in done.output
    assert len(done.output.strip().splitlines()) == 1
    with Store.open(data) as store:
        assert policy_of(store, "cup").printer is None  # type: ignore[union-attr]


def test_an_unknown_contest_and_both_printer_options_are_refused(data: Path) -> None:
    assert floor(data, "--printer", "a", "--no-printer").exit_code == 2
    with Store.open(data) as store, pytest.raises(PolicyError, match="no contest 'nope'"):
        set_policy(store, "nope", during_freeze=True)
