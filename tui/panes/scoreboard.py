"""The scoreboard pane: the jury's or the public board, by group, changed rows flashing."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tui import render
from tui.client import JuryClient
from tui.messages import ScoreboardShown
from tui.panes.base import Pane
from tui.roster import Roster

FLASH_S = 2.0  # how long a changed scoreboard row stays highlighted


class ScoreboardPane(Pane):
    BINDINGS = [Binding("v", "toggle_view", "Jury/public"),
                Binding("g", "next_group", "Group")]

    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(client, roster, **kwargs)
        self.public = False
        self.group: str | None = None
        self.groups: list[str] = []
        self.teams: dict[str, str] = {}
        self.shown: dict[str, dict] = {}
        self.flash: dict[str, float] = {}
        self.columns: tuple[str, ...] = ()
        self.column_keys: list = []
        self.order: list[str] = []
        self.fts: set[tuple[str, str]] = set()
        self.max_scores: dict[str, float | None] = {}  # a score contest's problems' maxima

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        yield DataTable(id="board", zebra_stripes=True, cursor_type="row")

    async def load_teams(self) -> None:
        teams = await self.client.get("/teams")
        self.teams = {t["id"]: t.get("display_name") or t["name"] for t in teams}
        self.groups = sorted({g for t in teams for g in t.get("group_ids") or ()})

    async def reload(self) -> None:
        client = self.client
        if not self.teams:
            await self.load_teams()
        query = f"?group_id={self.group}" if self.group else ""
        board = await client.get("/scoreboard" + query, public=self.public)
        awards = await client.get("/awards", public=self.public)
        problems = self.roster.problems
        table = self.query_one("#board", DataTable)
        scored = any(render.is_score_row(row) for row in board["rows"])
        self.max_scores = {p["id"]: p.get("max_score") for p in problems}
        columns = ("Rank", "Team", "Score" if scored else "Solved", "Time",
                   *(f"{p['label']} /{render.score_text(p.get('max_score'))}" if scored
                     else p["label"] for p in problems))
        if columns != self.columns:
            table.clear(columns=True)
            self.column_keys = table.add_columns(*render.plain(*columns))
            self.columns = columns
            self.order = []
        now = time.monotonic()
        changed = render.changed_teams(self.shown, board["rows"])
        for team in changed:
            if self.shown:  # nothing flashes on the first load
                self.flash[team] = now + FLASH_S
        fading = {t for t, until in self.flash.items() if until <= now}
        for team in fading:
            del self.flash[team]
        self.shown = {row["team_id"]: row for row in board["rows"]}
        fts = render.first_to_solve(awards)
        if fts != self.fts:
            changed |= {team for team, _ in fts ^ self.fts}
            self.fts = fts
        order = [row["team_id"] for row in board["rows"]]
        if order == self.order:  # same order: only the rows that changed are redrawn
            for row in board["rows"]:
                if row["team_id"] in changed or row["team_id"] in fading:
                    for key, value in zip(self.column_keys, self.cells(row, now), strict=True):
                        table.update_cell(row["team_id"], key, value)
        else:
            cursor = table.cursor_row
            table.clear()
            for row in board["rows"]:
                table.add_row(*self.cells(row, now), key=row["team_id"])
            if board["rows"]:
                table.move_cursor(row=min(cursor, len(board["rows"]) - 1))
            self.order = order
        state = board["state"]
        frozen = " · frozen" if state.get("frozen") and not state.get("thawed") else ""
        view = "public view" + frozen if self.public else "jury view (never frozen)"
        group = f" · group {self.group}" if self.group else ""
        self.query_one("#board-title", Static).update(
            Text.assemble(("Scoreboard ", "bold"), f"{view}{group} · {len(board['rows'])} "
                          "teams · [v] jury/public  [g] group"))
        self.post_message(ScoreboardShown(time.monotonic(), datetime.now(UTC).timestamp()))

    def cells(self, row: dict, now: float) -> list[Text]:
        cells = render.row_cells(row, self.teams.get(row["team_id"], row["team_id"]), self.fts,
                                 self.max_scores)
        if self.flash.get(row["team_id"], 0) > now:
            cells[1].stylize("reverse")
        return cells

    async def action_toggle_view(self) -> None:
        self.public = not self.public
        self.shown, self.order = {}, []
        await self.act(self.reload())

    async def action_next_group(self) -> None:
        options = [None, *self.groups]
        self.group = options[(options.index(self.group) + 1) % len(options)]
        self.shown, self.order = {}, []
        await self.act(self.reload())
