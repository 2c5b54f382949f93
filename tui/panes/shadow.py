"""The shadow pane: in shadow mode, every submission whose verdict here differs from the
primary system's, with the counts on both sides; Enter opens our submission."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui import render
from tui.dialogs.submission import SubmissionScreen
from tui.panes.base import Pane, refill
from tui.reltime import parse_reltime


class ShadowPane(Pane):
    """Differences with the primary (`/shadow-differences`, reloaded every second: the
    primary's verdicts arrive in no event of ours)."""

    def compose(self) -> ComposeResult:
        yield Static(id="shadow-summary")
        yield DataTable(id="shadow-list", zebra_stripes=True, cursor_type="row")

    async def reload(self) -> None:
        found = await self.client.get("/shadow-differences")
        summary = self.query_one("#shadow-summary", Static)
        table = self.query_one("#shadow-list", DataTable)
        if not table.columns:
            table.add_columns("#", "Primary's #", "Time", "Team", "Problem", "Language",
                              "Primary", "Here")
        if not found["primary"]:
            refill(table, [])
            summary.update("This contest shadows no primary system: start one with "
                           "`podium shadow URL`.")
            return
        labels = {p["id"]: p["label"] for p in self.roster.problems}
        rows = []
        for item in found["items"]:
            seconds = parse_reltime(item["contest_time"])
            rows.append((item["submission_id"], render.plain(
                item["submission_id"], item["primary_submission_id"],
                f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:"
                f"{int(seconds % 60):02d}",
                self.roster.teams.get(item["team_id"], item["team_id"]),
                labels.get(item["problem_id"], item["problem_id"]), item["language_id"],
                render.verdict(item["primary_judgement_type_id"]),
                render.verdict(item["judgement_type_id"]))))
        refill(table, rows)
        differ = found["differences"]
        summary.update(Text.assemble(
            ("Primary ", "bold"), f"{found['primary']}   ",
            ("Submissions ", "bold"), f"{found['submissions']}: {found['judged_primary']} "
                                      f"judged there, {found['judged_here']} here   ",
            (f"{differ} differ" if differ != 1 else "1 differs",
             "bold red" if differ else "green")))

    @on(DataTable.RowSelected, "#shadow-list")
    def open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(SubmissionScreen(self.client, str(event.row_key.value)))
