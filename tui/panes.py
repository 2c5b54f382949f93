"""The console's panes, one per tab. Each knows how to reload itself from the server; the
app decides when (a timer for the queue, the event feed for the rest)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rich.syntax import Syntax
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Select, Static

from tui import render
from tui.client import ApiError, JuryClient
from tui.messages import Badge, RevealStepped, ScoreboardShown
from tui.roster import Roster

FLASH_S = 2.0  # how long a changed scoreboard row stays highlighted


class Pane(Vertical):
    """A tab's content; `reload` fetches and shows."""

    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client = client
        self.roster = roster

    async def reload(self) -> None:  # pragma: no cover - each pane has its own
        raise NotImplementedError

    async def act(self, coro) -> object | None:
        """Run a request; a refusal becomes a notification instead of an exception."""
        try:
            return await coro
        except ApiError as exc:
            self.app.notify(str(exc), severity="error", title=f"refused ({exc.status})")
            return None


# --- scoreboard ------------------------------------------------------------------------------

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
        columns = ("Rank", "Team", "Solved", "Time", *(p["label"] for p in problems))
        if columns != self.columns:
            table.clear(columns=True)
            self.column_keys = table.add_columns(*columns)
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
        cells = render.row_cells(row, self.teams.get(row["team_id"], row["team_id"]), self.fts)
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


# --- queue -----------------------------------------------------------------------------------

DEPTH_EVERY_S = 5.0  # one queue-depth sample per this many seconds: 120 make 10 minutes


class QueuePane(Pane):
    def __init__(self, client: JuryClient, roster: Roster, **kwargs: Any) -> None:
        super().__init__(client, roster, **kwargs)
        self.depth: deque[float] = deque(maxlen=120)
        self._sampled_at = -DEPTH_EVERY_S

    def _sample(self, depth: float) -> None:
        """The sparkline is a time series: a reload within the same period (events can cause
        many) updates the period's sample instead of adding one."""
        now = time.monotonic()
        if self.depth and now - self._sampled_at < DEPTH_EVERY_S:
            self.depth[-1] = depth
        else:
            self.depth.append(depth)
            self._sampled_at = now

    def compose(self) -> ComposeResult:
        yield Static(id="queue-summary")
        yield Static(id="queue-spark")
        yield Static("Failures and retries", classes="heading")
        yield DataTable(id="failures", cursor_type="row")

    async def reload(self) -> None:
        data = await self.client.get("/jury/queue")
        counts, latency = data["counts"], data["latency"]
        self._sample(counts["queued"] + counts["judging"])
        judging = ", ".join(f"#{j['submission_id']} {j['for_s']:.1f} s"
                            for j in data["judging"]) or "nothing"
        error = data.get("judging_error")
        summary = Text.assemble(
            ("Queued ", "bold"), f"{counts['queued']}   ", ("Judging ", "bold"),
            f"{counts['judging']}   ", ("Judged ", "bold"), f"{counts['judged']}   ",
            ("Refused ", "bold"), f"{counts['refused']}\n",
            ("Verdict latency ", "bold"),
            f"p50 {render.seconds(latency['p50'])}  p95 {render.seconds(latency['p95'])}  "
            f"p99 {render.seconds(latency['p99'])}  (last {latency['count']})\n",
            ("Sandboxes ", "bold"), f"{data['slots']}  busy {data['utilisation']:.0%} over the "
            f"last minute, {data['judged_last_minute']} judged\n",
            ("Now judging ", "bold"), judging,
            *((("\nJudging stopped: ", "bold red"), error) if error else ()))
        self.query_one("#queue-summary", Static).update(summary)
        self.query_one("#queue-spark", Static).update(
            Text.assemble(("Queue depth ", "bold"), (render.sparkline(self.depth), "cyan"),
                          f" {self.depth[-1]:.0f}"))
        table = self.query_one("#failures", DataTable)
        if not table.columns:
            table.add_columns("Submission", "State", "Attempt", "Error")
        table.clear()
        for f in data["failures"]:
            table.add_row(f["submission_id"], f["status"], str(f["attempt"]),
                          (f["error"] or "")[:100])


# --- submissions -----------------------------------------------------------------------------

class SubmissionsPane(Pane):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: team, problem, language or verdict (Enter)",
                    id="filter")
        yield DataTable(id="submission-list", zebra_stripes=True, cursor_type="row")

    async def reload(self) -> None:
        client = self.client
        subs = await client.get("/submissions")
        verdicts = {j["submission_id"]: j["judgement_type_id"]
                    for j in await client.get("/judgements") if j["current"]}
        words = self.query_one("#filter", Input).value.lower().split()
        labels = {p["id"]: p["label"] for p in self.roster.problems}
        table = self.query_one("#submission-list", DataTable)
        if not table.columns:
            table.add_columns("#", "Time", "Team", "Problem", "Language", "Verdict")
        table.clear()
        for sub in reversed(subs):
            verdict = verdicts.get(sub["id"])
            haystack = " ".join([sub["team_id"], sub["problem_id"], labels.get(
                sub["problem_id"], ""), sub["language_id"], verdict or "pending"]).lower()
            if all(w in haystack for w in words):
                table.add_row(sub["id"], sub["contest_time"].split(".")[0], sub["team_id"],
                              labels.get(sub["problem_id"], sub["problem_id"]),
                              sub["language_id"], render.verdict(verdict), key=sub["id"])

    @on(Input.Submitted, "#filter")
    async def filtered(self) -> None:
        await self.act(self.reload())

    @on(DataTable.RowSelected, "#submission-list")
    def open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(SubmissionScreen(self.client, str(event.row_key.value)))


class SubmissionScreen(ModalScreen):
    """One submission: source highlighted, every judgement and run, the validator's words."""

    BINDINGS = [Binding("escape", "dismiss", "Back"), Binding("j", "rejudge", "Rejudge")]

    def __init__(self, client: JuryClient, sid: str) -> None:
        super().__init__()
        self.client = client
        self.sid = sid

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(id="detail-head")
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
        runs = self.query_one("#runs", DataTable)
        runs.add_columns("#", "Test", "Verdict", "Time", "Memory", "Validator")
        for run in (current or {"runs": []})["runs"]:
            runs.add_row(str(run["ordinal"]), run["test_name"], render.verdict(run["verdict"]),
                         f"{run['time']:.3f} s", f"{run['memory'] / 2**20:.1f} MiB",
                         (run.get("message") or "")[:80])
        sources = [Syntax(f["text"], Syntax.guess_lexer(f["name"], f["text"]),
                          line_numbers=True, word_wrap=False) for f in data["files"]]
        from rich.console import Group
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


# --- rejudgings ------------------------------------------------------------------------------

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
        table.clear()
        for item in items:
            table.add_row(item["id"], item["state"], str(len(item["changes"])),
                          str(item["pending"]), str(sum(c["differs"] for c in item["changes"])),
                          item["reason"] or "", key=item["id"])
        chosen = next((i for i in items if i["id"] == self.selected), items[0] if items else None)
        self.selected = chosen["id"] if chosen else None
        self.show(chosen)

    def show(self, item: dict | None) -> None:
        if item is None:
            self.query_one("#rejudging-changes", Static).update("No rejudging yet.")
            return
        text = Text.assemble((f"Rejudging {item['id']} ({item['state']})", "bold"),
                             "   [a] apply  [c] cancel\n")
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


# --- clarifications --------------------------------------------------------------------------

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
        table.clear()
        for c in items:
            waiting = c["from_team_id"] and not c["answered"]
            table.add_row(c["id"], c["from_team_id"] or "jury",
                          c["to_team_id"] or ("jury" if c["from_team_id"] else "all"),
                          c["problem_id"] or "", Text("NEW", style="bold yellow")
                          if waiting else Text(""), c["text"][:80], key=c["id"])
        self.post_message(Badge("clarifications", self.unanswered))
        if self.selected is None and items:
            self.selected = items[0]["id"]
        self.show()

    def show(self) -> None:
        item = self.items.get(self.selected or "")
        self.query_one("#clarification-text", Static).update(
            Text(item["text"]) if item else Text("No clarification yet."))

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


# --- contest control and reveal --------------------------------------------------------------

class ContestPane(Pane):
    BINDINGS = [Binding("n", "reveal", "Reveal step")]

    def compose(self) -> ComposeResult:
        yield Static(id="clock")
        with Horizontal(classes="form"):
            for operation, label in (("start", "Start now"), ("pause", "Pause"),
                                     ("resume", "Resume"), ("extend", "Extend +5 min"),
                                     ("finalize", "Finalize"), ("thaw", "Thaw")):
                yield Button(label, id=f"clock-{operation}")
        yield Static(Text("Reveal: [n] shows the next frozen cell, from the bottom of the "
                          "public board up (after the end, before the thaw)."), id="reveal-help")
        yield Static(id="reveal-step")

    async def reload(self) -> None:
        data = await self.client.get("/jury/clock")
        self.show_clock(data)

    def show_clock(self, data: dict) -> None:
        state = data["state"] + (" (paused)" if data["paused"] else "")
        countdown = ("starts in " if data["state"] == "not started" else "left ") + \
            render.clock_text(data["countdown"])
        self.query_one("#clock", Static).update(Text.assemble(
            ("Contest ", "bold"), f"{state}   {countdown}   length "
            f"{render.clock_text(data['length'])}", ("   scoreboard frozen", "bold cyan")
            if data["frozen"] else ""))

    @on(Button.Pressed, "#clock-start, #clock-pause, #clock-resume, #clock-extend, "
                        "#clock-finalize, #clock-thaw")
    async def operate(self, event: Button.Pressed) -> None:
        operation = (event.button.id or "").removeprefix("clock-")
        body = {"operation": operation, **({"seconds": 300} if operation == "extend" else {})}
        data = await self.act(self.client.post("/jury/clock", body))
        if data:
            self.app.notify(f"{operation}: the contest is {data['state']}")
            self.show_clock(data)

    async def action_reveal(self) -> None:
        data = await self.act(self.client.post("/jury/reveal", {}))
        if data is None:
            return
        step = data["step"]
        if step is None:
            text = Text("Everything is revealed.", style="bold")
        else:
            team = self.roster.team_name(step["team_id"])
            moved = ("" if step["old_rank"] == step["new_rank"]
                     else f", rank {step['old_rank']} → {step['new_rank']}")
            text = Text.assemble((team, "bold"), f" · problem {step['problem_id']} · ",
                                 ("solved" if step["solved"] else "not solved",
                                  "bold green" if step["solved"] else "red"), moved)
        self.query_one("#reveal-step", Static).update(text)
        self.post_message(RevealStepped(step))


# --- code similarity -------------------------------------------------------------------------

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
        table.clear()
        self.pairs = {}
        rows = sorted(((pair, labels.get(r["problem_id"], r["problem_id"]))
                       for r in reports for pair in r["pairs"]),
                      key=lambda item: -item[0]["similarity"])
        for pair, label in rows:
            key = f"{pair['a']['submission_id']}-{pair['b']['submission_id']}"
            self.pairs[key] = (pair, label)
            table.add_row(*render.pair_cells(pair, label, self.roster.team_name), key=key)
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


class PairScreen(ModalScreen):
    """Two similar submissions side by side, their matching lines marked."""

    BINDINGS = [Binding("escape", "dismiss", "Back")]

    def __init__(self, client: JuryClient, pair: dict, label: str,
                 team_name: Callable[[str], str]) -> None:
        super().__init__()
        self.client = client
        self.pair = pair
        self.label = label
        self.team_name = team_name

    def compose(self) -> ComposeResult:
        with Vertical(id="detail"):
            yield Static(id="pair-head")
            with Horizontal(id="pair-sources"):
                for side in ("a", "b"):
                    with VerticalScroll(classes="pair-side"):
                        yield Static(id=f"pair-{side}")

    async def on_mount(self) -> None:
        pair = self.pair
        regions = ", ".join(f"{r['a'][0]}-{r['a'][1]} ~ {r['b'][0]}-{r['b'][1]}"
                            for r in pair["regions"][:6])
        self.query_one("#pair-head", Static).update(Text.assemble(
            (f"Problem {self.label}: ", "bold"), render.similarity(pair["similarity"]),
            f" alike · matching lines {regions}"
            + (" …" if len(pair["regions"]) > 6 else "") + "  ·  [esc] back"))
        for side in ("a", "b"):
            sub = pair[side]
            try:
                data = await self.client.get(f"/jury/submissions/{sub['submission_id']}")
            except ApiError as exc:
                self.app.notify(str(exc), severity="error")
                self.dismiss()
                return
            main = next((f for f in data["files"] if f["name"] == sub["file_name"]),
                        data["files"][0])
            team = self.team_name(sub["team_id"])
            head = Text(f"#{sub['submission_id']} {team} · {main['name']} · "
                        f"{sub['share']:.0%} of it found in the other\n", style="bold")
            self.query_one(f"#pair-{side}", Static).update(
                head + render.marked_source(main["text"], [r[side] for r in pair["regions"]]))


# --- engines ---------------------------------------------------------------------------------

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
        table.clear()
        for e in found:
            table.add_row(e["url"], Text(e["state"], ENGINE_STYLES.get(e["state"], "")),
                          f"{e['busy']}/{e['slots']}", str(e["judged"]),
                          (e["last_error"] or "").replace(
                              f"the Docker engine at {e['url']} ", "")[:100])
        judging = [e for e in found if e["state"] in ("active", "draining")]
        self.query_one("#engines-summary", Static).update(Text.assemble(
            ("Engines ", "bold"), f"{len(judging)} of {len(found)} judging   ",
            ("Slots ", "bold"), f"{sum(e['busy'] for e in judging)}/"
                                f"{sum(e['slots'] for e in judging)} busy   ",
            "drain one with `podium engine drain URL`"))
