"""The rejudgings pane: start one, review its changed verdicts, apply or cancel it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Select, Static

from tui import render
from tui.client import JuryClient
from tui.panes.base import Pane, refill
from tui.roster import Roster


class RejudgingsPane(Pane):
    BINDINGS = [Binding("a", "apply", "Apply"), Binding("c", "cancel", "Cancel")]

    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(client, roster, **kwargs)
        self.selected: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form"):
            yield Select([("submission", "submission_id"), ("problem", "problem_id"),
                          ("team", "team_id"), ("language", "language_id")],
                         value="submission_id", allow_blank=False, id="rejudge-kind")
            yield Input(placeholder="which (id)", id="rejudge-value")
            yield Input(placeholder="reason", id="rejudge-reason")
            yield Button("Rejudge", id="rejudge-start", variant="primary")
        yield DataTable(id="rejudging-list", cursor_type="row")
        yield Static(id="rejudging-changes")

    async def reload(self) -> None:
        items = await self.client.get("/jury/rejudgings")
        table = self.query_one("#rejudging-list", DataTable)
        if not table.columns:
            table.add_columns("Rejudging", "State", "Submissions", "Pending", "Changed",
                              "Reason")
        refill(table, [(item["id"], render.plain(
            item["id"], item["state"], str(len(item["changes"])), str(item["pending"]),
            str(sum(c["differs"] for c in item["changes"])), item["reason"] or ""))
            for item in items])
        chosen = next((i for i in items if i["id"] == self.selected), items[0] if items else None)
        self.selected = chosen["id"] if chosen else None
        self.show(chosen)

    def show(self, item: dict | None) -> None:
        if item is None:
            self.query_one("#rejudging-changes", Static).update("No rejudging yet.")
            return
        keys = {"judging": f"   waiting for {item['pending']} judgement(s)  ·  [c] cancel\n",
                "judged": "   judged: review, then [a] apply  [c] cancel\n"}
        text = Text.assemble((f"Rejudging {item['id']} ({item['state']})", "bold"),
                             keys.get(item["state"], "\n"))
        for change in item["changes"]:
            text.append(f"  #{change['submission_id']}: ")
            text.append_text(render.verdict(change["before"]))
            text.append(" → ")
            text.append_text(render.verdict(change["after"]))
            text.append("   changed\n" if change["differs"] else "\n")
        self.query_one("#rejudging-changes", Static).update(text)

    @on(DataTable.RowHighlighted, "#rejudging-list")
    async def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value != self.selected:
            self.selected = str(event.row_key.value)
            await self.act(self.reload())

    @on(Button.Pressed, "#rejudge-start")
    async def start(self) -> None:
        kind = self.query_one("#rejudge-kind", Select).value
        value = self.query_one("#rejudge-value", Input).value.strip()
        reason = self.query_one("#rejudge-reason", Input).value.strip()
        if not value:
            self.app.notify("say which submission, problem, team or language", severity="warning")
            return
        made = await self.act(self.client.post("/jury/rejudgings",
                                               {kind: value, "reason": reason}))
        if made:
            self.selected = made["id"]
            self.app.notify(f"rejudging {made['id']}: {len(made['changes'])} submission(s)")
            await self.act(self.reload())

    async def _settle(self, action: str) -> None:
        if self.selected is None:
            return
        done = await self.act(self.client.post(
            f"/jury/rejudgings/{self.selected}/{action}", {}))
        if done:
            self.app.notify(f"rejudging {self.selected} {done['state']}")
            await self.act(self.reload())

    async def action_apply(self) -> None:
        await self._settle("apply")

    async def action_cancel(self) -> None:
        await self._settle("cancel")
