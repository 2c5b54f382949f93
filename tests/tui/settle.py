"""Waiting for the console to show what its server said, by its own signals, not a clock:
a loaded machine stretches any fixed pause (snapshots once caught a pane mid-reload, and a
table whose column widths were not yet measured)."""

from __future__ import annotations

import asyncio
import time

from textual.widgets import DataTable

SETTLE_S = 30.0  # a console that has not settled by then is broken, not slow


async def settle(pilot, timeout: float = SETTLE_S) -> None:
    """Until the app is `settled` twice in a row (a reload the first check missed has
    started by the second), then until every table on the screen has had its idle turn (a
    DataTable measures its columns there), the screen has been drawn again, and the
    animations have ended."""
    deadline = time.monotonic() + timeout
    calm = 0
    while calm < 2:
        await pilot.pause(0.05)
        calm = calm + 1 if pilot.app.settled else 0
        if time.monotonic() > deadline:
            raise AssertionError(f"the console did not settle within {timeout} s")
    for table in pilot.app.screen.query(DataTable):
        idle = asyncio.Event()
        table.call_next(idle.set)  # runs right after the table's idle handlers
        await asyncio.wait_for(idle.wait(), max(0.1, deadline - time.monotonic()))
    # what changed is laid out and drawn (a screenshot once showed the tabs and no pane)
    drawn = asyncio.Event()
    pilot.app.screen.call_after_refresh(drawn.set)
    await asyncio.wait_for(drawn.wait(), max(0.1, deadline - time.monotonic()))
    await pilot.wait_for_scheduled_animations()
