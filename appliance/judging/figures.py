"""The judging queue at a glance, for the jury's console: submissions by state, the latency
of the newest verdicts, what is being judged now, how busy the slots were over the last
minute, and the newest failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from appliance.clics.times import iso_time
from appliance.judging.latency import LATENCY_WINDOW, judging_latencies
from appliance.store import Store

STATES = ("queued", "judging", "judged", "refused")
BUSY_WINDOW_S = 60.0  # the window of the slots' use
FAILURES_SHOWN = 20  # the newest submissions with an error


@dataclass(frozen=True)
class Claimed:
    """A submission (CLICS id) being judged now, by which worker, since when (Unix time)."""

    submission_id: str
    worker: str
    claimed_at: float


@dataclass(frozen=True)
class Failure:
    """A submission (CLICS id) whose judging failed at least once, and the last error."""

    submission_id: str
    status: str
    attempt: int
    error: str


@dataclass(frozen=True)
class QueueFigures:
    """One contest's queue now."""

    counts: dict[str, int]  # submissions by state, every state present
    latencies: list[float]  # seconds, of the newest LATENCY_WINDOW judgements
    judging: list[Claimed]  # oldest claim first
    busy_seconds: float  # judging time of the judgements ended in the window
    judged_last_minute: int  # judgements ended in the window
    failures: list[Failure]  # newest first

    def utilisation(self, slots: int) -> float:
        """The share of `slots` busy over the window (0 to 1, to three places)."""
        return round(min(1.0, self.busy_seconds / (BUSY_WINDOW_S * max(1, slots))), 3)


def queue_figures(store: Store, contest_id: str, now: float) -> QueueFigures:
    """The contest's queue figures at `now` (Unix time)."""
    counts = {r["status"]: r["n"] for r in store.query(
        "SELECT status, count(*) AS n FROM submissions WHERE contest_id = ? GROUP BY status",
        [contest_id])}
    latencies = [x.seconds for x in judging_latencies(store, contest_id, newest=LATENCY_WINDOW)]
    busy = store.query(
        "SELECT worker, clics_id, claimed_at FROM submissions WHERE status = 'judging' "
        "AND contest_id = ? ORDER BY claimed_at", [contest_id])
    window = store.query(
        "SELECT j.start_time, j.end_time FROM judgements j JOIN submissions s ON "
        "s.id = j.submission_id WHERE s.contest_id = ? AND j.end_time >= ?",
        [contest_id, iso_time(now - BUSY_WINDOW_S)])  # as end times are stored: UTC text
    busy_s = sum(min(BUSY_WINDOW_S, (datetime.fromisoformat(r["end_time"])
                                     - datetime.fromisoformat(r["start_time"])).total_seconds())
                 for r in window)
    failures = store.query(
        "SELECT clics_id, status, attempt, last_error FROM submissions WHERE contest_id = ? AND "
        "last_error IS NOT NULL ORDER BY id DESC LIMIT ?", [contest_id, FAILURES_SHOWN])
    return QueueFigures(
        {state: counts.get(state, 0) for state in STATES}, latencies,
        [Claimed(r["clics_id"], r["worker"], r["claimed_at"]) for r in busy], busy_s, len(window),
        [Failure(r["clics_id"], r["status"], r["attempt"], r["last_error"]) for r in failures])
