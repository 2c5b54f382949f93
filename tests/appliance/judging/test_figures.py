"""The jury's queue figures from a real store: counts in every state, latencies, what is
judged now, the last minute's judgements and slot use, the newest failures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from appliance.clics.times import iso_time
from appliance.contest.setup import import_contest, quick_contest
from appliance.judging.figures import (
    BUSY_WINDOW_S,
    Claimed,
    Failure,
    QueueFigures,
    queue_figures,
)
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS


@pytest.mark.parametrize(("busy_s", "slots", "share"), [
    (0.0, 2, 0.0), (30.0, 1, 0.5), (30.0, 2, 0.25), (200.0, 2, 1.0), (20.0, 0, 0.333),
])
def test_utilisation_is_the_busy_share_of_the_slots_over_the_window(busy_s: float, slots: int,
                                                                     share: float) -> None:
    assert BUSY_WINDOW_S == 60.0
    assert QueueFigures({}, [], [], busy_s, 0, []).utilisation(slots) == share


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum"], 2), tmp_path / "library")
        yield opened


def submit(store: Store, arrived: float, team: str = "team001") -> int:
    return store.submit(contest_id="cup", team_id=team, problem_id="sum",
                        language_id="python3", source=b"x", file_name="a.py",
                        time=iso_time(arrived), contest_time=60.0)


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles", "UTC"])
def test_the_last_minute_is_the_same_whatever_the_server_s_time_zone(
        store: Store, zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    now = time.time()
    queue = JudgeQueue(store)
    for ended in (now - 3600, now - 2):  # an hour ago, and within the window
        submit(store, ended - 1)
        claim = queue.claim("w1", 60.0, ended - 1)
        assert queue.complete(claim, Judgement(Verdict.AC), ended)
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert queue_figures(store, "cup", now).judged_last_minute == 1
    finally:
        monkeypatch.undo()
        time.tzset()


def test_queue_figures_of_a_contest(store: Store) -> None:
    now = time.time()
    queue = JudgeQueue(store)
    submit(store, now - 3600)  # judged an hour ago, in 5 s
    claim = queue.claim("w1", 60.0, now - 3600)
    assert queue.complete(claim, Judgement(Verdict.WA), now - 3595)
    submit(store, now - 20)  # claimed 12 s ago, judged 2 s ago
    claim = queue.claim("w1", 60.0, now - 12)
    assert queue.complete(claim, Judgement(Verdict.AC), now - 2)
    failing = submit(store, now - 5, team="team002")
    claim = queue.claim("w2", 60.0, now - 5)
    assert queue.fail(claim, "sandbox gone", 3, now - 4)  # queued again, with its error
    judging = submit(store, now - 1)
    claim = queue.claim("w3", 60.0, now - 1)

    figures = queue_figures(store, "cup", now)
    assert figures.counts == {"queued": 1, "judging": 1, "judged": 2, "refused": 0}
    assert figures.latencies == [5.0, 18.0]
    assert [(c.submission_id, c.worker) for c in figures.judging] == [(str(judging), "w3")]
    assert figures.judging[0] == Claimed(str(judging), "w3", claim.claimed_at)
    assert figures.judged_last_minute == 1 and figures.busy_seconds == pytest.approx(10.0)
    assert figures.failures == [Failure(str(failing), "queued", 1, "sandbox gone")]
    assert queue_figures(store, "other", now).counts == dict.fromkeys(figures.counts, 0)
