"""The balloons pane: the runners' queue as the jury watches it (what waits, what is out,
what to take back after a rejudging); `d` marks the selected balloon delivered, `u` undoes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui import render
from tui.panes.base import Pane, refill

STATE_STYLES = {"pending": "bold yellow", "delivered": "green", "take back": "bold red",
                "withdrawn": "dim"}


def balloon_cells(b: dict) -> list[Text]:
    """One balloon's row: time, problem (in its colour), team, location, state, flags, who."""
    flags = " ".join(f for f, on in (("first to solve", b["first_to_solve"]),
                                     ("team's first", b["team_first"])) if on)
    colour = f"on #{b['rgb'].lstrip('#')}" if b.get("rgb") else ""
    return [Text(b["contest_time"].split(".")[0]), Text(f" {b['label']} ", colour),
            render.text(b["team"]), render.text(b.get("location") or ""),
            Text(b["state"], STATE_STYLES.get(b["state"], "")), Text(flags, "italic"),
            render.text(b.get("delivered_by") or "")]


def summary(balloons: list[dict]) -> Text:
    """How many balloons are in each state."""
    counts = {state: sum(b["state"] == state for b in balloons) for state in STATE_STYLES}
    parts: list[str | tuple[str, str]] = [("Balloons ", "bold")]
    for state, n in counts.items():
        parts += [(f"{n} {state}", STATE_STYLES[state] if n else "dim"), "   "]
    return Text.assemble(*parts)


class BalloonsPane(Pane):
    """Every balloon by time, its state and who delivered it."""

    BINDINGS = [Binding("d", "mark('deliver')", "Delivered"),
                Binding("u", "mark('undo')", "Undo delivery")]

    def compose(self) -> ComposeResult:
        yield Static(id="balloons-summary")
        yield DataTable(id="balloon-list", zebra_stripes=True, cursor_type="row")

    async def reload(self) -> None:
        found = await self.client.get("/balloons")
        table = self.query_one("#balloon-list", DataTable)
        if not table.columns:
            table.add_columns("Time", "Problem", "Team", "Location", "State", "", "By")
        refill(table, [(f"{b['team_id']}/{b['problem_id']}", balloon_cells(b)) for b in found])
        self.query_one("#balloons-summary", Static).update(summary(found))

    async def action_mark(self, action: str) -> None:
        table = self.query_one("#balloon-list", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        done = await self.act(self.client.post(f"/balloons/{key}/{action}", {}))
        if done:
            self.app.notify(f"balloon {done['label']} for {done['team']}: {done['state']}")
            await self.reload()
