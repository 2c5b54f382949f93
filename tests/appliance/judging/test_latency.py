"""Judging latency in one place: arrival to the end of a judgement, the judgements it is
taken over (a rejudging's are left out), the newest window, and the nearest-rank quantile."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.clics.times import iso_time
from appliance.contest.rejudging import start_rejudging
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.latency import (
    Latency,
    judging_latencies,
    latency_seconds,
    percentile,
)
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS

NOW = 1_700_000_000.0


@pytest.mark.parametrize(("arrived", "ended", "seconds"), [
    ("2026-11-23T12:00:00.000+00:00", "2026-11-23T12:00:02.250+00:00", 2.25),
    ("2026-11-23T12:00:00.000+00:00", "2026-11-23T13:00:00.000+01:00", 0.0),  # same moment
    ("2026-11-23T12:00:00.000+00:00", "2026-11-23T12:01:00.000+00:00", 60.0),
    ("2026-11-23T12:00:05.000+00:00", "2026-11-23T12:00:00.000+00:00", 0.0),  # never below 0
])
def test_latency_is_seconds_from_arrival_to_the_judgements_end(arrived: str, ended: str,
                                                                 seconds: float) -> None:
    assert latency_seconds(arrived, ended) == seconds


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([], 0.5, None),
    ([3.0], 0.99, 3.0),
    ([4.0, 1.0, 3.0, 2.0], 0.5, 2.0),
    ([4.0, 1.0, 3.0, 2.0], 0.95, 4.0),
    ([float(i) for i in range(1, 11)], 0.95, 10.0),
    ([float(i) for i in range(1, 11)], 0.42, 5.0),
    ([float(i) for i in range(1, 11)], 0.0, 1.0),
    ([float(i) for i in range(1, 101)], 0.95, 95.0),  # the 95th of 100, not the 96th
    ([float(i) for i in range(1, 101)], 0.5, 50.0),
])
def test_percentile_is_the_nearest_rank(values: list[float], q: float,
                                        expected: float | None) -> None:
    assert percentile(values, q) == expected


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 2), tmp_path / "library")
        yield opened


def submit(store: Store, arrived: float, time: float | None = None) -> int:
    """A submission that arrived at `arrived`, with its own (scored) `time` if back-dated."""
    return store.submit(contest_id="cup", team_id="team001", problem_id="sum",
                        language_id="python3", source=b"x", file_name="a.py",
                        time=iso_time(arrived if time is None else time), contest_time=60.0,
                        arrival=iso_time(arrived))


def judge(store: Store, at: float) -> None:
    queue = JudgeQueue(store)
    claim = queue.claim("w", 60.0, at - 0.5)
    assert claim is not None
    assert queue.complete(claim, Judgement(Verdict.AC), at)


def test_latency_counts_from_arrival_and_leaves_rejudgings_out(store: Store) -> None:
    first = submit(store, NOW)
    judge(store, NOW + 3.0)
    second = submit(store, NOW + 10, time=NOW - 3600)  # back-dated by an admin
    judge(store, NOW + 10 + 40.5)
    start_rejudging(store, "cup", [first])
    judge(store, NOW + 900.0)  # the rejudging's judgement: the jury's doing
    assert judging_latencies(store, "cup") == [Latency(1, first, 3.0),
                                               Latency(2, second, 40.5)]
    assert judging_latencies(store, "cup", after_id=1) == [Latency(2, second, 40.5)]
    assert judging_latencies(store, "other") == []


def test_the_newest_judgements_come_in_id_order(store: Store) -> None:
    for i in range(4):
        submit(store, NOW + 100 * i)
        judge(store, NOW + 100 * i + i + 1)
    assert [x.seconds for x in judging_latencies(store, "cup", newest=2)] == [3.0, 4.0]
    assert [x.judgement_id for x in judging_latencies(store, "cup", newest=10)] == [1, 2, 3, 4]
