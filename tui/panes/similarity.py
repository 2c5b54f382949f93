"""The similarity pane: pairs of submissions ranked by code similarity; Enter compares two."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui import render
from tui.client import JuryClient
from tui.dialogs.pair import PairScreen
from tui.panes.base import Pane, refill
from tui.roster import Roster

# The least similarity the server lists when not asked (`/jury/similarity` without `?min=`):
# this mirrors the server's default, which its answer does not carry.
MIN_SIMILARITY = 0.3


class SimilarityPane(Pane):
    """Pairs of submissions ranked by code similarity, every problem in one list."""

    BINDINGS = [Binding("a", "toggle_all", "All/accepted")]

    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(client, roster, **kwargs)
        self.every = False
        self.pairs: dict[str, tuple[dict, str]] = {}  # row key -> (pair, problem label)

    def compose(self) -> ComposeResult:
        yield Static(id="similarity-title")
        yield DataTable(id="similarity-list", zebra_stripes=True, cursor_type="row")

    async def reload(self) -> None:
        reports = await self.client.get("/jury/similarity"
                                        + ("?all=1" if self.every else ""))
        labels = {p["id"]: p["label"] for p in self.roster.problems}
        table = self.query_one("#similarity-list", DataTable)
        if not table.columns:
            table.add_columns("Problem", "Alike", "Submission a", "Submission b", "Lines a/b",
                              "Regions")
        self.pairs = {}
        rows = sorted(((pair, labels.get(r["problem_id"], r["problem_id"]))
                       for r in reports for pair in r["pairs"]),
                      key=lambda item: -item[0]["similarity"])
        for pair, label in rows:
            key = f"{pair['a']['submission_id']}-{pair['b']['submission_id']}"
            self.pairs[key] = (pair, label)
        refill(table, [(key, render.pair_cells(pair, label, self.roster.team_name))
                       for key, (pair, label) in self.pairs.items()])
        compared = sum(r["submissions"] for r in reports)
        which = "every submission" if self.every else "each team's first accepted submission"
        self.query_one("#similarity-title", Static).update(Text.assemble(
            ("Similarity ", "bold"), f"{which} · {compared} compared · {len(rows)} pair(s) "
            f"at least {MIN_SIMILARITY:.0%} alike · [enter] side by side  [a] all/accepted"))

    async def action_toggle_all(self) -> None:
        self.every = not self.every
        await self.act(self.reload())

    @on(DataTable.RowSelected, "#similarity-list")
    def open(self, event: DataTable.RowSelected) -> None:
        pair, label = self.pairs[str(event.row_key.value)]
        self.app.push_screen(PairScreen(self.client, pair, label, self.roster.team_name))
