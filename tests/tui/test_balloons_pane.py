"""The console's balloons pane: the queue as runners work it, from a recorded server."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable

from tests.tui.canned import BALLOONS, CannedClient
from tui.app import PodiumConsole
from tui.panes.balloons import balloon_cells, summary


def test_a_balloon_row_says_problem_team_seat_state_and_flags() -> None:
    cells = [c.plain for c in balloon_cells(BALLOONS[0])]
    assert cells == ["0:12:00", " A ", "Segfault Squad", "Row 3, seat 4", "delivered",
                     "first to solve team's first", "runner1"]


def test_the_summary_counts_each_state() -> None:
    assert summary(BALLOONS).plain.split("   ")[:4] == [
        "Balloons 2 pending", "1 delivered", "1 take back", "0 withdrawn"]


def test_key_9_shows_the_balloon_queue() -> None:
    async def scenario() -> None:
        app = PodiumConsole(CannedClient())  # type: ignore[arg-type]
        async with app.run_test(size=(110, 30)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("9")
            for _ in range(20):
                await pilot.pause(0.1)
                table = app.query_one("#balloon-list", DataTable)
                if table.row_count:
                    break
            assert table.row_count == 4
            assert str(table.get_row("team001/sum")[4]) == "take back"
    asyncio.run(scenario())
