"""The base of every pane: a tab's content that reloads itself from the server."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from textual.containers import Vertical

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
