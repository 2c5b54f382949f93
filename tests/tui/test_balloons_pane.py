"""The console's balloons pane: the queue as runners work it, from a recorded server."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.widgets import DataTable

from tests.tui.canned import BALLOONS, CannedClient
from tests.tui.settle import settle
from tui.app import PodiumConsole
from tui.panes.balloons import BalloonsPane, balloon_cells, summary


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
            await pilot.press("9")
            await settle(pilot)
            table = app.query_one("#balloon-list", DataTable)
            assert table.row_count == 4
            assert str(table.get_row("team001/sum")[4]) == "take back"
    asyncio.run(scenario())


class Runner(CannedClient):
    """A server where marking a balloon delivered works, and a new balloon arrives at the top
    of the queue meanwhile (balloons come newest last; this one sorts first by time)."""

    def __init__(self) -> None:
        self.balloons = [dict(b) for b in BALLOONS]

    async def get(self, tail: str, public: bool = False) -> Any:
        return self.balloons if tail == "/balloons" else await super().get(tail, public)

    async def post(self, tail: str, body: dict) -> Any:
        key = tail.split("/")[2] + "/" + tail.split("/")[3]
        for b in self.balloons:
            if f"{b['team_id']}/{b['problem_id']}" == key:
                b["state"] = "delivered"
        if not any(b["team_id"] == "team005" for b in self.balloons):
            self.balloons.insert(0, dict(BALLOONS[2], team_id="team005", team="The Recursers",
                                         contest_time="0:05:00.000"))
        return {"label": "A", "team": key, "state": "delivered"}


def test_marking_a_balloon_keeps_the_cursor_on_it_and_a_same_reload_touches_nothing() -> None:
    """A runner marks the third balloon; the reload that follows adds one above it: the cursor
    stays on the balloon marked, not back on the first row. A reload with nothing new leaves
    the table as it is (the panes reload every second or every event)."""
    async def scenario() -> None:
        client = Runner()
        app = PodiumConsole(client)  # type: ignore[arg-type]
        async with app.run_test(size=(110, 30)) as pilot:
            await pilot.press("9")
            await settle(pilot)
            table = app.query_one("#balloon-list", DataTable)
            table.move_cursor(row=2)
            await pilot.press("d")
            await settle(pilot)
            assert table.row_count == 5
            marked = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            assert marked == "team004/sum"
            assert str(table.get_row("team004/sum")[4]) == "delivered"
            cleared = []
            table.clear = lambda *a, **k: cleared.append(1)  # type: ignore[method-assign]
            await app.query_one("#balloons-pane", BalloonsPane).reload()
            assert cleared == [] and table.cursor_row == 3
    asyncio.run(scenario())
