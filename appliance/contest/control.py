"""Running the contest clock from the store: its schedule and changes are stored, so every
process (server, console, dispatcher) sees the same clock, and each change is an event."""

from __future__ import annotations

from datetime import datetime

from appliance.clics.events import state_event
from appliance.contest.clock import Clock, ClockError, ClockEvent
from appliance.store import Store

OPERATIONS = ("start", "pause", "resume", "extend", "finalize", "thaw")


def load_clock(store: Store, contest_id: str) -> Clock:
    """The contest's clock: its stored start, duration, freeze and every change since."""
    rows = store.query("SELECT start_time, duration, scoreboard_freeze_duration "
                       "FROM contests WHERE id = ?", [contest_id])
    if not rows:
        raise ClockError(f"no contest {contest_id!r}")
    row = rows[0]
    events = tuple(ClockEvent(e["kind"], datetime.fromisoformat(e["at"]) if e["at"] else None,
                              float(e["seconds"]))
                   for e in store.query("SELECT kind, at, seconds FROM clock_events "
                                        "WHERE contest_id = ? ORDER BY seq", [contest_id]))
    start = datetime.fromisoformat(row["start_time"]) if row["start_time"] else None
    return Clock(start, float(row["duration"]), float(row["scoreboard_freeze_duration"] or 0),
                 events)


def control(store: Store, contest_id: str, operation: str, now: datetime,
            start: datetime | None = None, seconds: float = 0.0) -> Clock:
    """Apply one clock operation (refused with ClockError when it makes no sense now),
    store it and its state event in one transaction; the new clock."""
    clock = load_clock(store, contest_id)
    if operation == "start":
        changed = clock.schedule(start or now, now)
    elif operation == "extend":
        changed = clock.extend(seconds)
    elif operation in ("pause", "resume", "finalize", "thaw"):
        changed = getattr(clock, operation)(now)
    else:
        raise ClockError(f"unknown clock operation {operation!r}")

    def write(db) -> None:
        if operation == "start":
            db.execute("UPDATE contests SET start_time = ? WHERE id = ?",
                       [changed.start.isoformat() if changed.start else None, contest_id])
        else:
            event = changed.events[-1]
            db.execute("INSERT INTO clock_events (contest_id, kind, at, seconds) "
                       "VALUES (?, ?, ?, ?)",
                       [contest_id, event.kind, event.at.isoformat() if event.at else None,
                        event.seconds])
        end = changed.end_time(now)
        store.append_event(db, "state", None, state_event(
            operation=operation, state=changed.state(now).value,
            start_time=changed.start.isoformat() if changed.start else None,
            end_time=end.isoformat() if end else None), op="update", contest_id=contest_id)

    store.write(write)
    return changed
