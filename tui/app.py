"""The judges' console: a Textual app, a client of one server's jury API and event feed.

The event feed says what changed; the panes reload what they show from the API, at most
every REFRESH_S, so a burst of events costs one reload. When the server goes away the
console says so, keeps its screens, and reconnects by itself from the last event token.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Input,
    Static,
    TabbedContent,
    TabPane,
)

from tui import render
from tui.client import ApiError, JuryClient, ServerDown
from tui.messages import Badge, RevealStepped, ScoreboardShown
from tui.panes.balloons import BalloonsPane
from tui.panes.base import Pane
from tui.panes.clarifications import ClarificationsPane
from tui.panes.contest import ContestPane
from tui.panes.engines import EnginesPane
from tui.panes.queue import QueuePane
from tui.panes.rejudgings import RejudgingsPane
from tui.panes.scoreboard import ScoreboardPane
from tui.panes.shadow import ShadowPane
from tui.panes.similarity import SimilarityPane
from tui.panes.submissions import SubmissionsPane
from tui.roster import Roster

REFRESH_S = 0.25  # the panes reload at most this often
QUEUE_S = 1.0  # the queue pane reloads this often whatever happens
RETRY_S = (0.5, 1, 2, 5)  # waits between reconnection attempts

# Which panes an event type makes stale.
STALE = {"submissions": {"scoreboard", "submissions", "queue", "similarity"},
         "judgements": {"scoreboard", "submissions", "queue", "rejudgings", "similarity",
                        "balloons"},
         "clarifications": {"clarifications"}, "state": {"scoreboard", "contest"},
         "contest": {"scoreboard", "contest"}, "teams": {"scoreboard"},
         "problems": {"scoreboard", "submissions"}}
PANES: dict[str, type[Pane]] = {  # the tabs in their order, each with its pane
    "scoreboard": ScoreboardPane, "queue": QueuePane, "submissions": SubmissionsPane,
    "rejudgings": RejudgingsPane, "clarifications": ClarificationsPane, "contest": ContestPane,
    "similarity": SimilarityPane, "engines": EnginesPane, "balloons": BalloonsPane,
    "shadow": ShadowPane}
TABS = tuple(PANES)
TITLES = {"scoreboard": "Scoreboard", "queue": "Queue", "submissions": "Submissions",
          "rejudgings": "Rejudgings", "clarifications": "Clarifications",
          "contest": "Contest", "similarity": "Similarity", "engines": "Engines",
          "balloons": "Balloons", "shadow": "Shadow"}
KEYS = {tab: i for i, tab in enumerate(TABS, start=1)}  # 1-9 and 0 for the tenth (F1-F10)
# A focused field takes every key it can type (q, the digits); it says how to give them back.
FIELD_HINT = "esc leaves the field"


class PodiumConsole(App):
    """Run the contest from a terminal."""

    TITLE = "Podium"
    CSS_PATH = ["app.tcss", "panes/base.tcss", "panes/scoreboard.tcss", "panes/queue.tcss",
                "panes/rejudgings.tcss", "panes/clarifications.tcss", "panes/contest.tcss",
                "panes/similarity.tcss", "panes/engines.tcss", "panes/balloons.tcss",
                "panes/shadow.tcss"]
    BINDINGS = [
        *(Binding(str(KEYS[tab] % 10), f"show('{tab}')", TITLES[tab]) for tab in TABS),
        *(Binding(f"f{KEYS[tab]}", f"show('{tab}')", TITLES[tab], show=False, priority=True)
          for tab in TABS),  # also while typing in a field
        Binding("ctrl+r", "reload", "Reload"),
        Binding("x", "switch_contest", "Next contest"),
        Binding("q", "quit", "Quit"),
        Binding("escape", "leave_field", "Leave the field (keys back to the console)"),
    ]

    def __init__(self, client: JuryClient) -> None:
        super().__init__()
        self.client = client
        self.roster = Roster()
        self.stale: set[str] = set(TABS)
        self.token: str | None = None
        self.connected = False
        self.reveal_steps: list[dict | None] = []
        self.pending_events: list[tuple[float, float]] = []  # (received, event time) waiting
        self.latencies: list[tuple[float, float]] = []  # (from feed, from event) seconds
        self._last_queue = 0.0
        self.reloading = 0  # pane reloads under way

    @property
    def settled(self) -> bool:
        """Whether what shows is what the server last said: connected, no reload under way,
        the shown pane and the clarifications' badge current, an open detail loaded. The
        tests wait on it instead of on the clock, which a loaded machine stretches."""
        if not self.connected or self.reloading:
            return False
        if len(self.screen_stack) > 1 and not getattr(self.screen, "loaded", True):
            return False
        try:
            active = self.main.query_one("#tabs", TabbedContent).active
        except NoMatches:
            return False
        return not self.stale & {active, "clarifications"}

    def compose(self) -> ComposeResult:
        yield Static("connecting…", id="status")
        with TabbedContent(id="tabs"):
            for tab, pane in PANES.items():
                with TabPane(TITLES[tab], id=tab):
                    yield pane(self.client, self.roster, id=f"{tab}-pane")
        yield Footer()

    async def on_mount(self) -> None:
        self.follow()
        self.set_interval(REFRESH_S, self.refresh_stale)

    # -- connection and the event feed ------------------------------------------------------

    @work(exclusive=True, group="feed")
    async def follow(self) -> None:
        """Connect, load, then follow the event feed; on any drop, say so and retry."""
        attempt = 0
        while True:
            try:
                if not self.connected:
                    await self.client.connect()
                    self.roster.problems = await self.client.get("/problems")
                    teams = await self.client.get("/teams")
                    self.roster.teams = {t["id"]: t.get("display_name") or t["name"]
                                         for t in teams}
                    self.set_status(True, "")
                    self.stale |= set(TABS)
                async for event in self.client.events(self.token):
                    attempt = 0
                    self.token = event.get("token") or self.token
                    self.stale |= STALE.get(event["type"], set())
                    if event["type"] in ("submissions", "judgements"):
                        self.pending_events.append((time.monotonic(), event_time(event)))
            except (ServerDown, ApiError) as exc:
                fatal = isinstance(exc, ApiError) and exc.status in (401, 403)
                self.set_status(False, str(exc) + ("" if fatal else "; reconnecting…"))
                if fatal:
                    return
            wait = RETRY_S[min(attempt, len(RETRY_S) - 1)]
            attempt += 1
            await asyncio.sleep(wait)

    def set_status(self, up: bool, message: str) -> None:
        self.connected = up
        try:
            status = self.main.query_one("#status", Static)
        except NoMatches:  # shutting down
            return
        status.set_class(not up, "down")
        where = f"{self.client.base} · contest {self.client.contest or '?'}"
        status.update(Text.assemble(("● " if up else "✕ ", "green" if up else "bold"),
                                    where, f" · {render.visible(message)}" if message else ""))

    # -- reloading ----------------------------------------------------------------------------

    async def refresh_stale(self) -> None:
        """Reload the panes the events made stale (the visible one first), and the queue
        every QUEUE_S."""
        if not self.connected:
            return
        if time.monotonic() - self._last_queue >= QUEUE_S:
            self._last_queue = time.monotonic()
            # an engine's health and the primary's verdicts (shadow mode) are in no event
            self.stale |= {"queue", "engines", "shadow"}
        try:
            active = self.main.query_one("#tabs", TabbedContent).active
        except NoMatches:  # shutting down
            return
        order = sorted(self.stale, key=lambda tab: tab != active)
        for tab in order:
            if tab != active and tab not in ("clarifications",):
                continue  # hidden panes reload when shown; clarifications keep their badge
            self.stale.discard(tab)
            self.reloading += 1
            try:
                await self.main.query_one(f"#{tab}-pane", Pane).reload()
            except ServerDown as exc:
                self.set_status(False, str(exc) + "; reconnecting…")
                self.stale.add(tab)
                return
            except ApiError as exc:
                self.notify(render.visible(str(exc)), severity="error", markup=False)
            except NoMatches:  # shutting down
                return
            finally:
                self.reloading -= 1

    # -- what the panes say --------------------------------------------------------------------

    def on_scoreboard_shown(self, message: ScoreboardShown) -> None:
        """The scoreboard shows every event received before it did: note how long each took."""
        for received, at in self.pending_events:
            if received <= message.at:
                self.latencies.append((message.at - received, message.wall - at))
        self.pending_events = [(received, at) for received, at in self.pending_events
                               if received > message.at]

    def on_badge(self, message: Badge) -> None:
        label = TITLES[message.tab] + (f" ({message.count})" if message.count else "")
        try:
            self.main.query_one("#tabs", TabbedContent).get_tab(message.tab).label = label
        except NoMatches:  # shutting down
            return

    def on_reveal_stepped(self, message: RevealStepped) -> None:
        self.reveal_steps.append(message.step)

    # -- actions ------------------------------------------------------------------------------

    @property
    def main(self) -> Screen:
        """The tabs' screen (a submission's detail may be open above it)."""
        return self.screen_stack[0]

    def action_show(self, tab: str) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
        self.main.query_one("#tabs", TabbedContent).active = tab
        # Focus moves into the shown pane: left in a hidden one, it would switch back.
        pane = self.main.query_one(f"#{tab}-pane")
        targets = pane.query(DataTable) or pane.query(Button)
        if targets:
            targets.first().focus()
        else:
            self.set_focus(None)
        self.stale.add(tab)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.stale.add(str(event.pane.id))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.border_subtitle = FIELD_HINT

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input):
            event.widget.border_subtitle = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc leaves a field: in the footer only while a field is focused."""
        if action == "leave_field":
            return isinstance(self.focused, Input)
        return True

    def action_leave_field(self) -> None:
        """Esc in a field: focus goes to its pane's table (else nowhere), so that `q` and the
        digits are the console's keys again."""
        field = self.focused
        if not isinstance(field, Input):
            return
        pane = next((a for a in field.ancestors if isinstance(a, Pane)), None)
        tables = pane.query(DataTable) if pane else None
        if tables:
            tables.first().focus()
        else:
            self.set_focus(None)

    def action_switch_contest(self) -> None:
        """Work on the server's next contest: its feed followed from the start, every pane
        reloaded."""
        self.client.switch()
        self.token, self.connected, self.reveal_steps = None, False, []
        self.pending_events.clear()
        self.set_status(False, "switching…")
        self.follow()  # exclusive: the old contest's feed stops
        self.stale |= set(TABS)

    def action_reload(self) -> None:
        self.stale |= set(TABS)

    async def on_unmount(self) -> None:
        await self.client.close()


def event_time(event: dict) -> float:
    """When the event happened by the server's clock (a judgement's end, a submission's
    arrival is not in the feed: its own time)."""
    data = event.get("data") or {}
    stamp = data.get("end_time") or data.get("time")
    try:
        return datetime.fromisoformat(stamp).timestamp() if stamp else time.time()
    except ValueError:
        return time.time()
