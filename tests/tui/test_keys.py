"""The console's keys around its fields, against a recorded server: a focused field takes
`q` and the digits and says so; Esc gives them back to the console."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, TabbedContent

from tests.tui.canned import CannedClient
from tui.app import FIELD_HINT, PodiumConsole

SIZE = (110, 30)


def test_a_field_says_esc_leaves_it_and_esc_gives_the_keys_back() -> None:
    async def scenario() -> None:
        app = PodiumConsole(CannedClient())  # type: ignore[arg-type]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("3")
            field = app.query_one("#filter", Input)
            tabs = app.query_one("#tabs", TabbedContent)
            assert not field.border_subtitle
            field.focus()
            await pilot.pause()
            assert field.border_subtitle == FIELD_HINT
            assert app.check_action("leave_field", ())  # the footer offers esc
            await pilot.press("q", "1")  # typed: the console neither quits nor switches
            assert field.value == "q1" and tabs.active == "submissions" and app.is_running
            await pilot.press("escape")
            assert isinstance(app.focused, DataTable) and app.focused.id == "submission-list"
            assert not field.border_subtitle and not app.check_action("leave_field", ())
            await pilot.press("1")
            assert tabs.active == "scoreboard"
            await pilot.press("4")
            reason = app.query_one("#rejudge-reason", Input)
            reason.focus()
            await pilot.press("escape")  # a pane whose table is below its form
            assert app.focused is app.query_one("#rejudging-list", DataTable)
            await pilot.press("q")
        assert app.return_code == 0
    asyncio.run(scenario())
