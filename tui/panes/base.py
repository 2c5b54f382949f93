"""The base of every pane: a tab's content that reloads itself from the server."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import Any

from textual.containers import Vertical
from textual.widgets import DataTable

from tui.client import ApiError, JuryClient
from tui.render import visible
from tui.roster import Roster


class Pane(Vertical):
    """A tab's content; `reload` fetches and shows (the app decides when: a timer for the
    queue, the event feed for the rest)."""

    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client = client
        self.roster = roster

    async def reload(self) -> None:  # pragma: no cover - each pane has its own
        raise NotImplementedError

    async def act(self, coro: Awaitable[Any]) -> Any:
        """Run a request; a refusal becomes a notification instead of an exception."""
        try:
            return await coro
        except ApiError as exc:
            self.app.notify(visible(str(exc)), severity="error", title=f"refused ({exc.status})",
                            markup=False)
            return None


Row = tuple[str, Sequence[Any]]  # a row's key and its cells


def refill(table: DataTable, rows: Sequence[Row]) -> None:
    """Show `rows` in `table`. Rows the same as shown are left alone, and new ones keep the
    cursor on the row it was on (or as near as the table now allows): the panes reload on
    every event and some every second, and neither may flicker or throw a judge's cursor
    back to the top while they read or mark a row."""
    shown = [(row.key.value, table.get_row(row.key)) for row in table.ordered_rows]
    if shown == [(key, list(cells)) for key, cells in rows]:
        return
    at = shown[table.cursor_row][0] if shown and 0 <= table.cursor_row < len(shown) else None
    index = table.cursor_row
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    keys = [key for key, _ in rows]
    if rows:
        table.move_cursor(row=keys.index(at) if at in keys else min(index, len(rows) - 1))
