"""Snapshots of the console's screens (pytest-textual-snapshot), from a recorded server so
the pictures only change when the look does. `pytest --snapshot-update` rewrites them; the
SVGs are also the screenshots in docs/."""

from __future__ import annotations

import pytest

from tests.tui.canned import CannedClient
from tests.tui.settle import settle
from tui.app import PodiumConsole
from tui.dialogs.submission import SubmissionScreen

SIZE = (110, 30)


def app() -> PodiumConsole:
    return PodiumConsole(CannedClient())  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"])
def test_screen(snap_compare, key: str) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_submission_detail(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pilot.app.push_screen(SubmissionScreen(pilot.app.client, "2"))
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_similar_pair_side_by_side(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_a_compile_errors_detail_shows_the_compilers_output(snap_compare) -> None:
    """In a box of its own, scrolling, as plain text: "[red]a[0][/red]" stays as written."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pilot.app.push_screen(SubmissionScreen(pilot.app.client, "5"))
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)
