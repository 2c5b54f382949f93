"""The queue pane: counts, verdict latency, sandboxes, the depth over time, failures."""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui import render
from tui.client import JuryClient
from tui.panes.base import Pane, refill
from tui.roster import Roster

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
            *((("\nJudging stopped: ", "bold red"), render.visible(error)) if error else ()))
        self.query_one("#queue-summary", Static).update(summary)
        self.query_one("#queue-spark", Static).update(
            Text.assemble(("Queue depth ", "bold"), (render.sparkline(self.depth), "cyan"),
                          f" {self.depth[-1]:.0f}"))
        table = self.query_one("#failures", DataTable)
        if not table.columns:
            table.add_columns("Submission", "State", "Attempt", "Error")
        refill(table, [(f["submission_id"], render.plain(
            f["submission_id"], f["status"], str(f["attempt"]), (f["error"] or "")[:100]))
            for f in data["failures"]])
