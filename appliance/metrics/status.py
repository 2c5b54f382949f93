"""`podium status`: the figures of `/metrics` (Prometheus text) read back into one summary,
so the terminal shows exactly what a scraper sees (pure: text in, `Status` out)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families

from appliance.errors import ApplianceError


class StatusError(ApplianceError):
    """The text is not the figures of a Podium server."""


@dataclass(frozen=True)
class Status:
    """A server's health at one moment. Figures counted in the server's own process are
    None when the reading came from the store (`podium status --data`)."""

    queued: int
    judging: int
    verdicts: dict[str, int]
    latency_count: int
    latency_sum: float
    latency_buckets: tuple[tuple[float, int], ...]  # (upper bound, cumulative count)
    slots: int | None = None
    slots_busy: int | None = None
    busy_seconds: dict[str, float] = field(default_factory=dict)
    sandbox_failures: dict[str, int] | None = None
    requests: dict[tuple[str, str], int] | None = None  # (route, status) -> count
    started: float | None = None  # the server process's start (Unix time)

    def latency_quantile(self, q: float) -> float | None:
        """The upper bound of the bucket holding the q-quantile (inf past the last bound);
        None without judgements. A histogram knows no finer than its buckets."""
        if not self.latency_count:
            return None
        rank = q * self.latency_count
        return next((bound for bound, below in self.latency_buckets if below >= rank), math.inf)

    def utilisation(self, now: float) -> float | None:
        """Busy seconds of all slots over slot-seconds since the server started."""
        if not self.slots or self.started is None or now <= self.started:
            return None
        return min(1.0, sum(self.busy_seconds.values()) / (self.slots * (now - self.started)))


def parse_status(text: str) -> Status:
    """The Status that a `/metrics` text (or the store's part of it) describes."""
    samples: dict[str, list] = {}
    try:
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                samples.setdefault(sample.name, []).append(sample)
    except ValueError as exc:
        raise StatusError(f"not Prometheus text: {exc}") from exc
    if "podium_queue_depth" not in samples:
        raise StatusError("these are not a Podium server's metrics (no podium_queue_depth)")

    def by(name: str, label: str) -> dict[str, float]:
        return {s.labels[label]: s.value for s in samples.get(name, [])}

    def one(name: str) -> float | None:
        found = samples.get(name)
        return found[0].value if found else None

    depth = by("podium_queue_depth", "state")
    buckets = sorted((float(s.labels["le"]), int(s.value))
                     for s in samples.get("podium_judging_latency_seconds_bucket", [])
                     if s.labels["le"] != "+Inf")
    requests: Counter[tuple[str, str]] = Counter()
    for s in samples.get("podium_http_requests_total", []):
        requests[(s.labels["route"], s.labels["status"])] += int(s.value)
    slots = one("podium_judging_slots")  # None: read from the store, not from a server
    return Status(
        queued=int(depth.get("queued", 0)), judging=int(depth.get("judging", 0)),
        verdicts={k: int(v) for k, v in by("podium_submissions_judged", "verdict").items()},
        latency_count=int(one("podium_judging_latency_seconds_count") or 0),
        latency_sum=float(one("podium_judging_latency_seconds_sum") or 0.0),
        latency_buckets=tuple(buckets),
        slots=None if slots is None else int(slots),
        slots_busy=None if slots is None else int(one("podium_judging_slots_busy") or 0),
        busy_seconds=by("podium_judging_busy_seconds_total", "slot"),
        sandbox_failures=None if slots is None else {
            k: int(v) for k, v in by("podium_sandbox_failures_total", "kind").items()},
        requests=None if slots is None else dict(requests),
        started=one("process_start_time_seconds"))
