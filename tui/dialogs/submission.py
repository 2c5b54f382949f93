"""One submission in detail: source, judgements, the compiler's output, runs; [j] rejudges
it, [i] ignores it (or restores an ignored one) with the reason typed below."""

from __future__ import annotations

from rich.console import Group
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from tui import render
from tui.client import ApiError, JuryClient

MESSAGE_PREVIEW = 40  # columns of a validator's message in the runs table; whole below it
OUTPUT_PREVIEW = 4096  # characters of an output and an answer shown side by side


class SubmissionScreen(ModalScreen[None]):
    """One submission: source highlighted, every judgement and run, the validator's words,
    the compiler's output (in its own scrolling box: it may be long)."""

    CSS_PATH = "submission.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Back"), Binding("j", "rejudge", "Rejudge"),
                Binding("i", "ignore", "Ignore/restore")]

    def __init__(self, client: JuryClient, sid: str) -> None:
        super().__init__()
        self.client = client
        self.sid = sid
        self.runs: dict[str, dict] = {}
        self.ignored = False
        self.loaded = False  # the app's `settled` waits for it

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(id="detail-head")
            reason = Input(placeholder="why ignore it? (kept in the audit log; Enter)",
                           id="ignore-reason", max_length=500)
            reason.display = False
            yield reason
            with VerticalScroll(id="compile-output-box") as box:
                box.border_title = "Compiler output"
                box.display = False
                yield Static(id="compile-output", markup=False)
            yield DataTable(id="runs", cursor_type="row")
            yield Static(id="run-message", markup=False)
            yield Static(id="run-output", markup=False)
            yield Static(id="detail-source")

    async def on_mount(self) -> None:
        try:
            data = await self.client.get(f"/jury/submissions/{self.sid}")
        except ApiError as exc:
            self.app.notify(render.visible(str(exc)), severity="error", markup=False)
            self.dismiss()
            return
        current = next((j for j in data["judgements"] if j["current"]), None)
        self.show_head(data, current)
        compiled = ((current or {}).get("compile_output") or "").rstrip()
        if compiled:  # plain text: a compiler's "[red]" or "[/]" shows as it is
            self.query_one("#compile-output", Static).update(render.text(compiled))
            self.query_one("#compile-output-box").display = True
        runs = self.query_one("#runs", DataTable)
        runs.add_columns("#", "Test", "Verdict", "Time", "Memory", "Validator")
        self.runs = {str(run["ordinal"]): run for run in (current or {"runs": []})["runs"]}
        for key, run in self.runs.items():
            runs.add_row(*render.plain(
                key, run["test_name"], render.verdict(run["verdict"]), f"{run['time']:.3f} s",
                f"{run['memory'] / 2**20:.1f} MiB",
                render.first_line(run.get("message") or "", MESSAGE_PREVIEW)), key=key)
        runs.display = runs.row_count > 0  # a compile error has no runs
        failed = next((i for i, r in enumerate(self.runs.values()) if r["verdict"] != "AC"), 0)
        if self.runs:
            runs.move_cursor(row=failed)  # its message, whole, shows below the table
        self.show_message(runs.cursor_row)
        sources = [Syntax(render.visible(f["text"]), Syntax.guess_lexer(f["name"], f["text"]),
                          line_numbers=True, word_wrap=False) for f in data["files"]]
        self.query_one("#detail-source", Static).update(
            Group(*(part for f, s in zip(data["files"], sources, strict=True)
                    for part in (render.text(f"\n{f['name']}", style="bold"), s))))
        self.loaded = True

    def show_head(self, data: dict, current: dict | None) -> None:
        """The submission's line: team, problem, language, state, verdict, ignored or not."""
        self.ignored = bool(data.get("ignored"))
        head = Text.assemble(
            (f"Submission {data['id']}", "bold"), render.visible(
                f"  team {data['team_id']}  problem {data['problem_id']}  "
                f"{data['language_id']}  status {data['status']}  "),
            render.verdict(current["verdict"] if current else None),
            render.subtasks_text(current) if current else "",
            ("  IGNORED" if self.ignored else "", "bold red"),
            f"\n{len(data['judgements'])} judgement(s)  ·  [j] rejudge  "
            f"[i] {'restore' if self.ignored else 'ignore'}  [esc] back")
        if current and current["error"]:
            head.append_text(render.text(f"\n{current['error']}", style="red"))
        self.query_one("#detail-head", Static).update(head)

    @on(DataTable.RowHighlighted, "#runs")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_message(event.cursor_row)

    def show_message(self, row: int) -> None:
        """The highlighted run's validator message, whole and wrapped (plain text)."""
        run = list(self.runs.values())[row] if 0 <= row < len(self.runs) else None
        message = (run.get("message") or "").strip() if run else ""
        box = self.query_one("#run-message", Static)
        box.display = bool(message)
        box.update(Text.assemble((render.visible(f"{run['test_name']}: "), "bold"),
                                 render.visible(message)) if message else "")
        self.show_output(run)

    def show_output(self, run: dict | None) -> None:
        """The highlighted run's output beside its test's answer, the first difference
        marked (kept for judgements since outputs are stored)."""
        box = self.query_one("#run-output", Static)
        shown = run is not None and run.get("output") is not None and run.get("answer") is not None
        box.display = shown
        if not shown:
            box.update("")
            return
        found = run.get("difference") or {}
        size = run.get("output_size") or 0
        title = f"Team output ({size} bytes" + (", the start shown)" if size > len(run["output"])
                                                 else ")")
        table = Table(expand=True, show_lines=False, box=None, padding=(0, 1))
        table.add_column(title, ratio=1)
        table.add_column("Expected answer", ratio=1)
        table.add_row(render.marked(run["output"][:OUTPUT_PREVIEW], found.get("output_start"),
                                    found.get("output_end")),
                      render.marked(run["answer"][:OUTPUT_PREVIEW], found.get("answer_start"),
                                    found.get("answer_end")))
        line = (f"first difference on line {found['line']} of the output" if found
                else "the output matches the answer token by token")
        box.update(Group(table, Text(line, style="italic")))

    def action_ignore(self) -> None:
        """Ask for the reason; Enter in the field ignores (or restores) the submission."""
        field = self.query_one("#ignore-reason", Input)
        field.placeholder = (f"why {'restore' if self.ignored else 'ignore'} it? "
                             "(kept in the audit log; Enter)")
        field.display = True
        field.focus()

    @on(Input.Submitted, "#ignore-reason")
    async def ignore(self, event: Input.Submitted) -> None:
        action = "restore" if self.ignored else "ignore"
        try:
            done = await self.client.post(f"/jury/submissions/{self.sid}/{action}",
                                          {"reason": event.value})
        except ApiError as exc:
            self.app.notify(render.visible(str(exc)), severity="error", markup=False)
            return
        event.input.value, event.input.display = "", False
        self.ignored = done["ignored"]
        self.app.notify(f"submission {self.sid} {'ignored' if self.ignored else 'restored'}")
        data = await self.client.get(f"/jury/submissions/{self.sid}")
        self.show_head(data, next((j for j in data["judgements"] if j["current"]), None))

    async def action_rejudge(self) -> None:
        try:
            made = await self.client.post("/jury/rejudgings", {"submission_id": self.sid,
                                                               "reason": "from the console"})
            self.app.notify(f"rejudging {made['id']} started: review it in Rejudgings")
        except ApiError as exc:
            self.app.notify(render.visible(str(exc)), severity="error", markup=False)
