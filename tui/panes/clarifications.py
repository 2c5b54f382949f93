"""The clarifications pane: questions (unanswered ones badge the tab), answers, announcements."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from tui import render
from tui.client import JuryClient
from tui.messages import Badge
from tui.panes.base import Pane, refill
from tui.roster import Roster


class ClarificationsPane(Pane):
    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(client, roster, **kwargs)
        self.items: dict[str, dict] = {}
        self.selected: str | None = None
        self.unanswered = 0

    def compose(self) -> ComposeResult:
        yield DataTable(id="clarification-list", zebra_stripes=True, cursor_type="row")
        yield Static(id="clarification-text")
        yield Input(placeholder="answer (to the selected question) or announcement",
                    id="answer")
        with Horizontal(classes="form"):
            yield Button("Answer team", id="answer-team", variant="primary")
            yield Button("Answer all", id="answer-all")
            yield Button("Announce", id="announce")

    async def reload(self) -> None:
        items = await self.client.get("/jury/clarifications")
        self.items = {c["id"]: c for c in items}
        self.unanswered = sum(1 for c in items if c["from_team_id"] and not c["answered"])
        table = self.query_one("#clarification-list", DataTable)
        if not table.columns:
            table.add_columns("#", "From", "To", "Problem", "", "Text")
        refill(table, [(c["id"], render.plain(
            c["id"], c["from_team_id"] or "jury",
            c["to_team_id"] or ("jury" if c["from_team_id"] else "all"), c["problem_id"] or "",
            Text("NEW", style="bold yellow") if c["from_team_id"] and not c["answered"] else "",
            c["text"][:80])) for c in items])
        self.post_message(Badge("clarifications", self.unanswered))
        if self.selected is None and items:
            self.selected = items[0]["id"]
        self.show()

    def show(self) -> None:
        item = self.items.get(self.selected or "")
        self.query_one("#clarification-text", Static).update(
            render.text(item["text"]) if item else Text("No clarification yet."))

    @on(DataTable.RowHighlighted, "#clarification-list")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None:
            self.selected = str(event.row_key.value)
            self.show()

    @on(Button.Pressed, "#answer-team, #answer-all, #announce")
    async def send(self, event: Button.Pressed) -> None:
        box = self.query_one("#answer", Input)
        text = box.value.strip()
        if not text:
            self.app.notify("write the answer first", severity="warning")
            return
        body: dict = {"text": text}
        if event.button.id != "announce":
            question = self.items.get(self.selected or "")
            if not question or not question["from_team_id"]:
                self.app.notify("select a team's question to answer", severity="warning")
                return
            body["reply_to_id"] = question["id"]
            if event.button.id == "answer-all":
                body["to_team_id"] = None
        if await self.act(self.client.post("/clarifications", body)):
            box.value = ""
            self.app.notify("sent")
            await self.act(self.reload())
