"""The submissions pane: every submission with its verdict, filtered; Enter opens one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input

from tui import render
from tui.dialogs.submission import SubmissionScreen
from tui.panes.base import Pane, refill


class SubmissionsPane(Pane):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: team, problem, language or verdict (Enter)",
                    id="filter")
        yield DataTable(id="submission-list", zebra_stripes=True, cursor_type="row")

    async def reload(self) -> None:
        client = self.client
        subs = await client.get("/submissions")
        current = [j for j in await client.get("/judgements") if j["current"]]
        verdicts = {j["submission_id"]: j["judgement_type_id"] for j in current}
        scores = {j["submission_id"]: j["score"] for j in current if "score" in j}
        words = self.query_one("#filter", Input).value.lower().split()
        labels = {p["id"]: p["label"] for p in self.roster.problems}
        table = self.query_one("#submission-list", DataTable)
        columns = ("#", "Time", "Team", "Problem", "Language", "Verdict",
                   *(("Score",) if scores else ()))  # a score contest's judgements have one
        if len(table.columns) != len(columns):
            table.clear(columns=True)
            table.add_columns(*columns)
        rows = []
        for sub in reversed(subs):
            verdict = verdicts.get(sub["id"])
            haystack = " ".join([sub["team_id"], sub["problem_id"], labels.get(
                sub["problem_id"], ""), sub["language_id"], verdict or "pending"]).lower()
            if all(w in haystack for w in words):
                rows.append((sub["id"], render.plain(
                    sub["id"], sub["contest_time"].split(".")[0], sub["team_id"],
                    labels.get(sub["problem_id"], sub["problem_id"]), sub["language_id"],
                    render.verdict(verdict),
                    *((render.score_text(scores.get(sub["id"])),) if scores else ()))))
        refill(table, rows)

    @on(Input.Submitted, "#filter")
    async def filtered(self) -> None:
        await self.act(self.reload())

    @on(DataTable.RowSelected, "#submission-list")
    def open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(SubmissionScreen(self.client, str(event.row_key.value)))
