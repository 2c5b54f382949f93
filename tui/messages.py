"""What the panes tell the app, posted upward instead of reaching into it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ScoreboardShown(Message):
    """The scoreboard shows every event received before `at` (monotonic seconds); `wall` is
    the same moment by the wall clock (for each event's time from the server's clock)."""

    at: float
    wall: float


@dataclass
class Badge(Message):
    """A tab's label should show `count` (say, unanswered questions); 0 shows none."""

    tab: str
    count: int


@dataclass
class RevealStepped(Message):
    """The reveal showed one more frozen cell (`step` as the server gave it; None: no more)."""

    step: dict | None
