"""The contest pane: the clock and its operations, the reveal after the freeze, and the newest
dry run (`podium contest dry-run`): whether the limits hold on this machine, before the start."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from tui import render
from tui.messages import RevealStepped
from tui.panes.base import Pane


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
        yield Static(id="dry-run")

    async def reload(self) -> None:
        data = await self.client.get("/jury/clock")
        self.show_clock(data)
        self.query_one("#dry-run", Static).update(dry_run_text(
            await self.client.get("/jury/dry-run")))

    def show_clock(self, data: dict) -> None:
        state = data["state"] + (" (paused)" if data["paused"] else "")
        countdown = ("starts in " if data["state"] == "not started" else "left ") + \
            render.clock_text(data["countdown"])
        self.query_one("#clock", Static).update(Text.assemble(
            ("Contest ", "bold"), f"{state}   {countdown}   length "
            f"{render.clock_text(data['length'])}", ("   scoreboard frozen", "bold cyan")
            if data["frozen"] else "",
            f"\nAudit archives are signed by the key whose fingerprint is "
            f"{data['archive_key']}: publish it." if data.get("archive_key") and
            data["state"] == "finalized" else ""))

    @on(Button.Pressed, "#clock-start, #clock-pause, #clock-resume, #clock-extend, "
                        "#clock-finalize, #clock-thaw")
    async def operate(self, event: Button.Pressed) -> None:
        operation = (event.button.id or "").removeprefix("clock-")
        body = {"operation": operation, **({"seconds": 300} if operation == "extend" else {})}
        data = await self.act(self.client.post("/jury/clock", body))
        if data:
            self.app.notify(f"{operation}: the contest is {data['state']}" + (
                f"; audit archives are signed by the key {data['archive_key']}"
                if operation == "finalize" and data.get("archive_key") else ""))
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


def dry_run_text(report: dict | None) -> Text:
    """The newest dry run: a line per problem (limit, slowest accepted run, margin, spread,
    verdicts), then each verdict that differs from its folder or changes between runs."""
    if report is None:
        return Text("Dry run: none yet (podium contest dry-run CONTEST judges every jury "
                    "submission on this machine).", style="dim")
    text = Text.assemble(("Dry run ", "bold"), f"{report['finished']} · "
                         f"{report['repeat']} runs each on {report['slots']} slots · ",
                         ("every verdict agrees", "bold green") if report["ok"]
                         else ("verdicts to check", "bold red"))
    for p in report["problems"]:
        text.append(f"\n  {render.visible(p['label'])} {render.visible(p['problem_id'])}  ")
        if p["error"]:
            text.append(render.visible(p["error"]), style="red")
            continue
        slowest, margin = p["slowest_accepted"], p["margin"]
        text.append(f"limit {p['time_limit']:g} s  slowest AC "
                    + ("-" if slowest is None else f"{slowest:.3f} s") + "  ")
        if margin is not None:
            text.append(f"{margin:.1f}x", style="yellow" if p["tight"] else "green")
        text.append("  spread " + ("-" if p["spread"] is None else f"{p['spread']:.1%}"))
        for s in p["submissions"]:
            if not s["agrees"]:
                text.append(f"\n    {render.visible(s['path'])}: expected {s['expected']}, "
                            f"{render.visible(s['detail'] or '')}", style="red")
            elif not s["steady"]:
                text.append(f"\n    {render.visible(s['path'])}: verdicts change between runs: "
                            f"{' '.join(s['verdicts'])}", style="yellow")
    return text
