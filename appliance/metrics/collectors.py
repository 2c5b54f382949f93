"""The appliance's health figures for Prometheus, each from where it is true.

From the store, read at scrape time: the queue's depth, judged submissions by verdict and
the judging latency (`appliance.judging.latency`). They hold whatever process judges
(`podium dispatch` beside a `--no-judge` server) and across restarts. Counted in this
process: the judging slots' use and the sandbox failures of this process's pool (none when
it does not judge).
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, ProcessCollector
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector

from appliance.judging.latency import judging_latencies
from appliance.judging.slot_use import SlotFigures
from appliance.store import Store
from judge.pool import SANDBOX_FAILURES
from judge.verdicts import Verdict

# Upper bounds (seconds) of the latency buckets: a verdict within seconds is the goal, minutes
# mean the queue is behind.
LATENCY_BUCKETS = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0)
QUEUE_STATES = ("queued", "judging")

class LatencyTally:
    """The judging latency histogram: each submission's first judgement counts once; later
    ones (rejudgings) are the jury's doing, not a team's wait. Grows as judgements come."""

    def __init__(self, bounds: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.bounds = bounds
        self.counts = [0] * (len(bounds) + 1)  # per bucket, not cumulative; last: past all
        self.total = 0.0
        self.last_id = 0
        self._seen: set[int] = set()

    def add(self, judgement_id: int, submission_id: int, seconds: float) -> None:
        self.last_id = max(self.last_id, judgement_id)
        if submission_id in self._seen:
            return
        self._seen.add(submission_id)
        self.counts[bisect.bisect_left(self.bounds, seconds)] += 1
        self.total += seconds

    def buckets(self) -> list[tuple[str, int]]:
        """Cumulative counts per upper bound, as Prometheus has them, `+Inf` last."""
        running = list(itertools.accumulate(self.counts))
        return [*((format_bound(b), n) for b, n in zip(self.bounds, running, strict=False)),
                ("+Inf", running[-1])]


@dataclass(frozen=True)
class JudgingFigures:
    """What this process's judging counted: its slots' use and its sandboxes' failures."""

    slots: SlotFigures
    failures: Mapping[str, int] = field(default_factory=dict)


class StoreCollector(Collector):
    """Queue depth, verdicts and latency of one contest, queried from the store per scrape."""

    def __init__(self, store: Store, contest_id: str) -> None:
        self.store, self.contest_id = store, contest_id
        self._tally = LatencyTally()  # read incrementally: a scrape costs what was judged since
        self._lock = threading.Lock()

    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily("podium_queue_depth", "Submissions waiting to be judged "
                                  "(queued) and being judged now (judging), by any process",
                                  labels=["state"])
        counts = {r["status"]: r["n"] for r in self.store.query(
            "SELECT status, count(*) AS n FROM submissions WHERE status IN "
            "('queued', 'judging') AND contest_id = ? GROUP BY status", [self.contest_id])}
        for state in QUEUE_STATES:
            depth.add_metric([state], counts.get(state, 0))
        yield depth

        verdicts = GaugeMetricFamily("podium_submissions_judged", "Judged submissions by the "
                                     "verdict of their current judgement", labels=["verdict"])
        judged = {r["verdict"]: r["n"] for r in self.store.query(
            "SELECT j.verdict, count(*) AS n FROM judgements j JOIN submissions s ON "
            "s.id = j.submission_id WHERE s.contest_id = ? AND j.is_current = 1 "
            "GROUP BY j.verdict", [self.contest_id])}
        for verdict in Verdict:
            verdicts.add_metric([verdict.value], judged.get(verdict.value, 0))
        yield verdicts

        yield self._latency()

    def _latency(self) -> HistogramMetricFamily:
        with self._lock:  # scrapes may overlap; each judgement is added once
            tally = self._tally
            for latency in judging_latencies(self.store, self.contest_id,
                                             after_id=tally.last_id):
                tally.add(latency.judgement_id, latency.submission_id, latency.seconds)
            return HistogramMetricFamily(
                "podium_judging_latency_seconds", "Seconds from a submission's arrival to "
                "the end of its first judgement", buckets=tally.buckets(),
                sum_value=tally.total)


def format_bound(bound: float) -> str:
    """A bucket bound as Prometheus writes it (`1.0`, `0.5`)."""
    return repr(float(bound))


class JudgingCollector(Collector):
    """This process's judging slots and sandbox failures (zero slots when it does not judge)."""

    def __init__(self, figures: Callable[[], JudgingFigures | None]) -> None:
        self.figures = figures

    def collect(self) -> Iterator[Metric]:
        figures = self.figures() or JudgingFigures(SlotFigures(0, 0, ()))
        slots = figures.slots
        yield GaugeMetricFamily("podium_judging_slots", "Sandbox slots this process judges "
                                "with (0: another process judges, if any)", value=slots.slots)
        yield GaugeMetricFamily("podium_judging_slots_busy", "Slots judging a submission now",
                                value=slots.busy)
        busy = CounterMetricFamily("podium_judging_busy_seconds", "Seconds each slot has "
                                   "spent judging since this process started", labels=["slot"])
        for slot, seconds in enumerate(slots.busy_seconds):
            busy.add_metric([str(slot)], seconds)
        yield busy
        failures = CounterMetricFamily(
            "podium_sandbox_failures", "Sandbox failures in this process: containers that "
            "would not start, warm ones found dead and replaced, judgings ended by a "
            "sandbox error (JE)", labels=["kind"])
        for kind in SANDBOX_FAILURES:
            failures.add_metric([kind], figures.failures.get(kind, 0))
        yield failures


def store_registry(store: Store, contest_id: str) -> CollectorRegistry:
    """A registry of one contest's figures from the store alone (`podium status --data`)."""
    registry = CollectorRegistry()
    registry.register(StoreCollector(store, contest_id))
    return registry


def server_registry(store: Store, contest_id: str,
                    judging: Callable[[], JudgingFigures | None]) -> CollectorRegistry:
    """A server's registry (its own: several servers may share a process, as in tests): the
    store's figures, this process's judging, and its CPU, memory and start time."""
    registry = store_registry(store, contest_id)
    registry.register(JudgingCollector(judging))
    ProcessCollector(registry=registry)
    return registry
