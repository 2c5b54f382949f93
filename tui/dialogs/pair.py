"""Two similar submissions side by side, their matching lines marked."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import render
from tui.client import ApiError, JuryClient


class PairScreen(ModalScreen[None]):
    """Two similar submissions side by side, their matching lines marked."""

    CSS_PATH = "pair.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Back")]

    def __init__(self, client: JuryClient, pair: dict, label: str,
                 team_name: Callable[[str], str]) -> None:
        super().__init__()
        self.client = client
        self.pair = pair
        self.label = label
        self.team_name = team_name
        self.loaded = False  # the app's `settled` waits for it

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
            (render.visible(f"Problem {self.label}: "), "bold"),
            render.similarity(pair["similarity"]),
            f" alike · matching lines {regions}"
            + (" …" if len(pair["regions"]) > 6 else "") + "  ·  [esc] back"))
        for side in ("a", "b"):
            sub = pair[side]
            try:
                data = await self.client.get(f"/jury/submissions/{sub['submission_id']}")
            except ApiError as exc:
                self.app.notify(render.visible(str(exc)), severity="error", markup=False)
                self.dismiss()
                return
            main = next((f for f in data["files"] if f["name"] == sub["file_name"]),
                        data["files"][0])
            team = self.team_name(sub["team_id"])
            head = render.text(f"#{sub['submission_id']} {team} · {main['name']} · "
                               f"{sub['share']:.0%} of it found in the other\n", style="bold")
            self.query_one(f"#pair-{side}", Static).update(
                head + render.marked_source(main["text"], [r[side] for r in pair["regions"]]))
        self.loaded = True
