"""The balloon queue: one balloon per team and problem, first to solve, take backs, the
runners' marks, the freeze policy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from appliance.contest.control import control
from appliance.contest.rejudging import apply_rejudging, start_rejudging
from appliance.contest.setup import import_contest, quick_contest
from appliance.floor.balloons import (
    DELIVERED,
    PENDING,
    TAKE_BACK,
    WITHDRAWN,
    BalloonError,
    Solve,
    balloons,
    queue_of,
    record,
)
from appliance.floor.policy import set_policy
from appliance.judging.queue import JudgeQueue
from appliance.store import Store
from judge.judging import Judgement
from judge.verdicts import Verdict
from tests.paths import PACKS

START = datetime(2026, 11, 23, 12, tzinfo=UTC)
NOW = START + timedelta(minutes=30)


def test_one_balloon_per_team_and_problem_for_the_first_accepted() -> None:
    solves = [Solve(1, "t1", "a", 60, "", True), Solve(2, "t1", "a", 120, "", True),
              Solve(3, "t2", "a", 90, "", True), Solve(4, "t2", "b", 30, "", True)]
    got = [(b.submission_id, b.first_to_solve, b.team_first) for b in balloons(solves, {})]
    assert got == [(4, True, True), (1, True, True), (3, False, False)]


def test_hidden_teams_are_never_first_to_solve() -> None:
    solves = [Solve(1, "jury", "a", 10, "", True), Solve(2, "t1", "a", 20, "", True)]
    got = {b.team_id: b.first_to_solve for b in balloons(solves, {}, frozenset({"jury"}))}
    assert got == {"jury": False, "t1": True}


def test_balloons_of_the_freeze_wait_when_held() -> None:
    solves = [Solve(1, "t1", "a", 10, "", True), Solve(2, "t2", "a", 500, "", True)]
    assert [b.submission_id for b in balloons(solves, {}, held_from=400)] == [1]


def submit(store: Store, team: str, problem: str, minute: int, verdict: Verdict) -> int:
    sid = store.submit(contest_id="cup", team_id=team, problem_id=problem,
                       language_id="python3", source=b"x", file_name="a.py",
                       time=(START + timedelta(minutes=minute)).isoformat(),
                       contest_time=60.0 * minute)
    queue = JudgeQueue(store)
    assert queue.complete(queue.claim("w", 60, 1.0), Judgement(verdict), 2.0)
    return sid


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as opened:
        import_contest(opened, quick_contest("Cup", [PACKS / "sum", PACKS / "hello"], 3,
                                             start_time=START), tmp_path / "library")
        yield opened


def states(store: Store) -> dict[tuple[str, str], str]:
    return {(b.team_id, b.problem_id): b.state for b in queue_of(store, "cup", NOW)}


def test_a_rejudging_to_wrong_answer_turns_a_delivered_balloon_into_take_back(
        store: Store) -> None:
    first = submit(store, "team001", "sum", 3, Verdict.AC)
    submit(store, "team001", "sum", 5, Verdict.AC)  # a second AC: no second balloon
    submit(store, "team002", "sum", 4, Verdict.AC)
    submit(store, "team003", "hello", 6, Verdict.AC)
    queue = queue_of(store, "cup", NOW)
    assert [(b.team_id, b.problem_id, b.first_to_solve) for b in queue] == [
        ("team001", "sum", True), ("team002", "sum", False), ("team003", "hello", True)]
    record(store, "cup", "team001", "sum", "deliver", "runner", NOW)
    with pytest.raises(BalloonError, match="already delivered by runner"):
        record(store, "cup", "team001", "sum", "deliver", "runner2", NOW)
    rid = start_rejudging(store, "cup", [first, first + 1])
    queue_ = JudgeQueue(store)
    while claim := queue_.claim("w", 60, 10.0):
        assert queue_.complete(claim, Judgement(Verdict.WA), 11.0)
    assert states(store)[("team001", "sum")] == DELIVERED  # not applied yet
    apply_rejudging(store, rid)
    assert states(store) == {("team001", "sum"): TAKE_BACK, ("team002", "sum"): PENDING,
                             ("team003", "hello"): PENDING}
    assert [b.first_to_solve for b in queue_of(store, "cup", NOW)
            if b.team_id == "team002"] == [True]
    record(store, "cup", "team001", "sum", "returned", "runner", NOW)
    assert states(store)[("team001", "sum")] == WITHDRAWN


def test_undo_makes_a_delivered_balloon_pending_again(store: Store) -> None:
    submit(store, "team001", "sum", 3, Verdict.AC)
    with pytest.raises(BalloonError, match="not delivered"):
        record(store, "cup", "team001", "sum", "undo", "runner", NOW)
    assert record(store, "cup", "team001", "sum", "deliver", "runner", NOW).state == DELIVERED
    assert record(store, "cup", "team001", "sum", "undo", "runner", NOW).state == PENDING
    with pytest.raises(BalloonError, match="no accepted submission"):
        record(store, "cup", "team002", "sum", "deliver", "runner", NOW)


def test_no_balloons_during_the_freeze_when_the_contest_says_so(store: Store) -> None:
    store.write(lambda db: db.execute(
        "UPDATE contests SET scoreboard_freeze_duration = 3600 WHERE id = 'cup'"))
    submit(store, "team001", "sum", 3, Verdict.AC)
    submit(store, "team002", "sum", 250, Verdict.AC)  # in the last hour of five
    late = START + timedelta(minutes=260)
    assert len(queue_of(store, "cup", late)) == 2  # the default: balloons keep coming
    set_policy(store, "cup", during_freeze=False)
    assert [b.team_id for b in queue_of(store, "cup", late)] == ["team001"]
    control(store, "cup", "finalize", START + timedelta(hours=6))
    control(store, "cup", "thaw", START + timedelta(hours=6))
    assert len(queue_of(store, "cup", START + timedelta(hours=7))) == 2
