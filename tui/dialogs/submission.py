"""One submission in detail: source, judgements, the compiler's output, runs; [j] rejudges
it."""

from __future__ import annotations

from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui import render
from tui.client import ApiError, JuryClient


class SubmissionScreen(ModalScreen[None]):
    """One submission: source highlighted, every judgement and run, the validator's words,
    the compiler's output (in its own scrolling box: it may be long)."""

    CSS_PATH = "submission.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Back"), Binding("j", "rejudge", "Rejudge")]

    def __init__(self, client: JuryClient, sid: str) -> None:
        super().__init__()
        self.client = client
        self.sid = sid

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(id="detail-head")
            with VerticalScroll(id="compile-output-box") as box:
                box.border_title = "Compiler output"
                box.display = False
                yield Static(id="compile-output", markup=False)
            yield DataTable(id="runs", cursor_type="row")
            yield Static(id="detail-source")

    async def on_mount(self) -> None:
        try:
            data = await self.client.get(f"/jury/submissions/{self.sid}")
        except ApiError as exc:
            self.app.notify(str(exc), severity="error")
            self.dismiss()
            return
        current = next((j for j in data["judgements"] if j["current"]), None)
        head = Text.assemble(
            (f"Submission {data['id']}", "bold"), f"  team {data['team_id']}  problem "
            f"{data['problem_id']}  {data['language_id']}  status {data['status']}  ",
            render.verdict(current["verdict"] if current else None),
            f"\n{len(data['judgements'])} judgement(s)  ·  [j] rejudge  [esc] back")
        if current and current["error"]:
            head.append(f"\n{current['error']}", style="red")
        self.query_one("#detail-head", Static).update(head)
        compiled = ((current or {}).get("compile_output") or "").rstrip()
        if compiled:  # plain text: a compiler's "[red]" or "[/]" shows as it is
            self.query_one("#compile-output", Static).update(Text(compiled))
            self.query_one("#compile-output-box").display = True
        runs = self.query_one("#runs", DataTable)
        runs.add_columns("#", "Test", "Verdict", "Time", "Memory", "Validator")
        for run in (current or {"runs": []})["runs"]:
            runs.add_row(str(run["ordinal"]), run["test_name"], render.verdict(run["verdict"]),
                         f"{run['time']:.3f} s", f"{run['memory'] / 2**20:.1f} MiB",
                         (run.get("message") or "")[:80])
        runs.display = runs.row_count > 0  # a compile error has no runs
        sources = [Syntax(f["text"], Syntax.guess_lexer(f["name"], f["text"]),
                          line_numbers=True, word_wrap=False) for f in data["files"]]
        self.query_one("#detail-source", Static).update(
            Group(*(part for f, s in zip(data["files"], sources, strict=True)
                    for part in (Text(f"\n{f['name']}", style="bold"), s))))

    async def action_rejudge(self) -> None:
        try:
            made = await self.client.post("/jury/rejudgings", {"submission_id": self.sid,
                                                               "reason": "from the console"})
            self.app.notify(f"rejudging {made['id']} started: review it in Rejudgings")
        except ApiError as exc:
            self.app.notify(str(exc), severity="error")
