"""The contest clock as a pure value: start, duration, freeze, and the pauses and extensions.

Operations return a new `Clock` with the change recorded as an event, so the clock of a
contest is its configuration plus its event list, and the same events always give the same
clock. Contest time excludes paused spans: a pause pushes the end (and the freeze) back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from appliance.errors import ApplianceError

PAUSED, RESUMED, EXTENDED = "paused_at", "resumed_at", "extended_by"
FINALIZED, THAWED = "finalized", "thawed"


MAX_EXTEND_S = 7 * 24 * 3600.0  # one extension, either way: a week is past any contest


def extension_refusal(seconds: float) -> str | None:
    """Why an extension by `seconds` is refused (not a number, or past a week either way),
    or None; the clock's own rule, which the web checks first for its 400."""
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) \
            or not -MAX_EXTEND_S <= seconds <= MAX_EXTEND_S:  # NaN fails this too
        return (f"an extension is a number of seconds from {-MAX_EXTEND_S:,.0f} to "
                f"{MAX_EXTEND_S:,.0f} (a week), not {str(seconds)[:40]}")
    return None


class ClockError(ApplianceError):
    """A clock operation that makes no sense now (pausing a paused contest, ...)."""


class State(Enum):
    """The contest's state, named as in the CLICS state object."""

    NOT_STARTED = "not started"
    STARTED = "started"
    FROZEN = "frozen"
    ENDED = "ended"
    FINALIZED = "finalized"
    THAWED = "thawed"


@dataclass(frozen=True)
class ClockEvent:
    """One change to the clock: a pause or resume at a time, an extension by seconds, ..."""

    kind: str
    at: datetime | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Clock:
    """A contest clock; `start` None means not scheduled yet."""

    start: datetime | None
    duration_s: float
    freeze_s: float = 0.0
    events: tuple[ClockEvent, ...] = ()

    # --- questions -----------------------------------------------------------------------

    @property
    def length_s(self) -> float:
        """The contest's length in contest time: its duration plus every extension."""
        return self.duration_s + sum(e.seconds for e in self.events if e.kind == EXTENDED)

    def paused(self) -> bool:
        """Whether the last pause has not been resumed."""
        marks = [e.kind for e in self.events if e.kind in (PAUSED, RESUMED)]
        return bool(marks) and marks[-1] == PAUSED

    def paused_s(self, now: datetime) -> float:
        """Wall-clock seconds spent paused up to `now`."""
        total, since = 0.0, None
        for event in self.events:
            if event.kind == PAUSED and event.at is not None:
                since = event.at
            elif event.kind == RESUMED and since is not None and event.at is not None:
                total += _seconds(min(event.at, now) - since) if since < now else 0.0
                since = None
        if since is not None and since < now:
            total += _seconds(now - since)
        return total

    def contest_time(self, now: datetime) -> float | None:
        """Seconds of contest time at `now` (negative before the start), paused spans left out."""
        if self.start is None:
            return None
        elapsed = _seconds(now - self.start)
        return elapsed if elapsed < 0 else elapsed - self.paused_s(now)

    def end_time(self, now: datetime) -> datetime | None:
        """The wall-clock end as it stands at `now` (a running pause counts up to `now`)."""
        if self.start is None:
            return None
        return self.start + timedelta(seconds=self.length_s + self.paused_s(now))

    def countdown(self, now: datetime) -> float | None:
        """Seconds to the start before it, of contest time left after it (0 once ended)."""
        time = self.contest_time(now)
        if time is None:
            return None
        return -time if time < 0 else max(0.0, self.length_s - time)

    def state(self, now: datetime) -> State:
        """The CLICS state at `now`; after the end, the later of finalized and thawed wins."""
        time = self.contest_time(now)
        if time is None or time < 0:
            return State.NOT_STARTED
        if time < self.length_s:
            frozen = self.freeze_s > 0 and time >= self.length_s - self.freeze_s
            return State.FROZEN if frozen else State.STARTED
        after = [e.kind for e in self.events if e.kind in (FINALIZED, THAWED)]
        return State(after[-1]) if after else State.ENDED

    def scoreboard_frozen(self, now: datetime) -> bool:
        """Whether the public scoreboard hides results at `now`: from the freeze to the thaw."""
        state = self.state(now)
        if state is State.FROZEN:
            return True
        ended = state in (State.ENDED, State.FINALIZED, State.THAWED)
        return ended and self.freeze_s > 0 and not any(e.kind == THAWED for e in self.events)

    def accepts_submissions(self, now: datetime) -> tuple[bool, str]:
        """Whether a submission at `now` is taken, and if not, why, in words for the team."""
        state = self.state(now)
        if state is State.NOT_STARTED:
            return False, "the contest has not started yet"
        if state not in (State.STARTED, State.FROZEN):
            return False, "the contest has ended"
        if self.paused():
            return False, "the contest is paused"
        return True, ""

    # --- operations ----------------------------------------------------------------------

    def schedule(self, start: datetime | None, now: datetime) -> Clock:
        """Move the start (or unschedule with None) while the contest has not started."""
        if self.state(now) is not State.NOT_STARTED:
            raise ClockError("the contest has already started: its start cannot move")
        return replace(self, start=start)

    def pause(self, now: datetime) -> Clock:
        """Stop contest time at `now`; submissions are refused until `resume`."""
        if self.state(now) not in (State.STARTED, State.FROZEN):
            raise ClockError("only a running contest can be paused")
        if self.paused():
            raise ClockError("the contest is already paused")
        return self._with(ClockEvent(PAUSED, now))

    def resume(self, now: datetime) -> Clock:
        """Let contest time run again from `now`; the end moves back by the pause."""
        if not self.paused():
            raise ClockError("the contest is not paused")
        return self._with(ClockEvent(RESUMED, now))

    def extend(self, seconds: float) -> Clock:
        """Lengthen (or, negative, shorten) the contest by `seconds` of contest time."""
        if refusal := extension_refusal(seconds):
            raise ClockError(refusal)
        if any(e.kind == FINALIZED for e in self.events):
            raise ClockError("the results are final: the contest cannot change length")
        if self.length_s + seconds <= 0:
            raise ClockError("the contest would have no time left")
        return self._with(ClockEvent(EXTENDED, seconds=seconds))

    def finalize(self, now: datetime) -> Clock:
        """Declare the results final; only after the end, and only once."""
        return self._after_end(FINALIZED, now)

    def thaw(self, now: datetime) -> Clock:
        """Reveal the frozen scoreboard; only after the end, and only once."""
        return self._after_end(THAWED, now)

    def _after_end(self, kind: str, now: datetime) -> Clock:
        if self.state(now) in (State.NOT_STARTED, State.STARTED, State.FROZEN):
            raise ClockError(f"the contest must end before it is {kind}")
        if any(e.kind == kind for e in self.events):
            raise ClockError(f"the contest is already {kind}")
        return self._with(ClockEvent(kind, now))

    def _with(self, event: ClockEvent) -> Clock:
        return replace(self, events=(*self.events, event))


def _seconds(delta: timedelta) -> float:
    return delta.total_seconds()
