"""The engines pane: each Docker engine that judges, its state, slots and last error."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui import render
from tui.panes.base import Pane, refill

ENGINE_STYLES = {"active": "green", "draining": "yellow", "drained": "dim", "down": "bold red"}


class EnginesPane(Pane):
    """The Docker engines that judge: state, slots busy/total, judged, the last error."""

    def compose(self) -> ComposeResult:
        yield Static(id="engines-summary")
        yield DataTable(id="engine-list", zebra_stripes=True, cursor_type="row")

    async def reload(self) -> None:
        found = await self.client.get("/jury/engines")
        table = self.query_one("#engine-list", DataTable)
        if not table.columns:
            table.add_columns("Engine", "State", "Slots busy/total", "Judged", "Last error")
        refill(table, [(e["url"], render.plain(
            e["url"], Text(e["state"], ENGINE_STYLES.get(e["state"], "")),
            f"{e['busy']}/{e['slots']}", str(e["judged"]),
            (e["last_error"] or "").replace(f"the Docker engine at {e['url']} ", "")[:100]))
            for e in found])
        judging = [e for e in found if e["state"] in ("active", "draining")]
        self.query_one("#engines-summary", Static).update(Text.assemble(
            ("Engines ", "bold"), f"{len(judging)} of {len(found)} judging   ",
            ("Slots ", "bold"), f"{sum(e['busy'] for e in judging)}/"
                                f"{sum(e['slots'] for e in judging)} busy   ",
            "drain one with `podium engine drain URL`"))
