"""Judging latency, in one place: the seconds a team waited for a verdict, from its
submission's arrival to the end of the submission's first judgement. The jury's queue
figures and the metrics' histogram both read it here."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from appliance.store import Store

LATENCY_WINDOW = 500  # the newest judgements the jury's latency figures are taken over


@dataclass(frozen=True)
class Latency:
    """How long one judgement took to come, counted from its submission's arrival."""

    judgement_id: int
    submission_id: int
    seconds: float


def latency_seconds(arrived: str, ended: str) -> float:
    """Seconds from a submission's arrival to a judgement's end (ISO times), never below 0.
    The arrival, not the submission's own time: an admin's submission may be back-dated."""
    return max(0.0, (datetime.fromisoformat(ended)
                     - datetime.fromisoformat(arrived)).total_seconds())


def judging_latencies(store: Store, contest_id: str, *, after_id: int = 0,
                      newest: int | None = None) -> list[Latency]:
    """The latency of each judgement of the contest outside rejudgings (a rejudging's
    judgements are the jury's doing, not a team's wait), in id order: those after
    `after_id`, or only the `newest` ones. Judgements are only ever added, in id order (one
    writer), so reading past the last id seen misses nothing."""
    sql = ("SELECT j.id, j.submission_id, j.end_time, coalesce(s.arrival_time, s.time) "
           "AS arrived FROM judgements j JOIN submissions s ON s.id = j.submission_id "
           "WHERE j.id > ? AND s.contest_id = ? AND j.rejudging_id IS NULL ")
    if newest is None:
        rows = store.query(sql + "ORDER BY j.id", [after_id, contest_id])
    else:
        rows = store.query(sql + "ORDER BY j.id DESC LIMIT ?", [after_id, contest_id, newest])
        rows.reverse()
    return [Latency(r["id"], r["submission_id"], latency_seconds(r["arrived"], r["end_time"]))
            for r in rows]


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile (0..1) of the values, nearest rank; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]
