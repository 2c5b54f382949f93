"""CLICS objects from stored rows, the API's awards, the rate limit and the browsers' live
messages: pure, no server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from appliance.clics import objects as clics
from appliance.contest.clock import Clock, ClockEvent
from appliance.scoreboard.awards import awards
from appliance.scoreboard.board import (
    JudgementEvent,
    Problem,
    Scoreboard,
    SubmissionEvent,
    Team,
    Timing,
)
from appliance.scoreboard.standings import scoreboard_from_rows
from judge.verdicts import Verdict
from web.ratelimit import SlidingWindow

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HOUR = 3600.0
CLOCK = Clock(START, 5 * HOUR, HOUR)


def at(hours: float) -> datetime:
    return START + timedelta(hours=hours)


# --- state -------------------------------------------------------------------------------

@pytest.mark.parametrize(("hours", "set_keys"), [
    (-1, set()),
    (1, {"started"}),
    (4.5, {"started", "frozen"}),
    (6, {"started", "frozen", "ended"}),
])
def test_state_names_each_milestone_once_it_has_passed(hours: float, set_keys: set) -> None:
    state = clics.state(CLOCK, at(hours))
    assert {k for k, v in state.items() if v is not None} == set_keys
    if "frozen" in set_keys:
        assert state["frozen"] == clics.abstime(at(4))
    if "ended" in set_keys:
        assert state["ended"] == clics.abstime(at(5))


def test_state_after_thaw_and_finalize_has_end_of_updates() -> None:
    clock = Clock(START, 5 * HOUR, HOUR, (ClockEvent("thawed", at(5.5)),
                                           ClockEvent("finalized", at(6))))
    before = clics.state(clock, at(5.75))
    assert before["thawed"] == clics.abstime(at(5.5)) and before["finalized"] is None
    after = clics.state(clock, at(7))
    assert after["finalized"] == after["end_of_updates"] == clics.abstime(at(6))


def test_finalized_but_still_frozen_has_no_end_of_updates() -> None:
    clock = Clock(START, 5 * HOUR, HOUR, (ClockEvent("finalized", at(6)),))
    assert clics.state(clock, at(7))["end_of_updates"] is None


def test_a_pause_moves_the_end_and_the_freeze() -> None:
    clock = Clock(START, 5 * HOUR, HOUR, (ClockEvent("paused_at", at(1)),
                                           ClockEvent("resumed_at", at(1.5))))
    state = clics.state(clock, at(6))
    assert state["ended"] == clics.abstime(at(5.5))
    assert state["frozen"] == clics.abstime(at(4.5))


# --- objects -----------------------------------------------------------------------------

CONTEST_ROW = {"id": "wf", "name": "Finals", "formal_name": None,
               "start_time": START.isoformat(), "duration": 18000,
               "scoreboard_freeze_duration": 0, "penalty_time": 1200}


def test_contest_speaks_reltimes_and_leaves_out_a_missing_freeze() -> None:
    data = clics.contest(CONTEST_ROW)
    assert data["duration"] == "5:00:00.000" and data["penalty_time"] == "0:20:00.000"
    assert data["formal_name"] == "Finals" and "scoreboard_freeze_duration" not in data
    assert data["start_time"] == "2026-11-23T09:00:00.000+00:00"


CTX = clics.Context("wf", CLOCK, {"sum": 12})


@pytest.mark.parametrize(("language", "file_name", "entry"), [
    ("java", "Solver.java", "Solver"), ("cpp", "a.cpp", None), ("python3", "a.py", None),
])
def test_submission_entry_point_is_javas_class_and_null_elsewhere(
        language: str, file_name: str, entry: str | None) -> None:
    row = {"id": 7, "clics_id": "s007", "language_id": language, "problem_id": "sum",
           "team_id": "t1", "time": at(1).isoformat(), "contest_time": 3600.0,
           "file_name": file_name}
    data = clics.submission(row, CTX)
    assert data["entry_point"] == entry and data["id"] == "s007"
    assert data["files"][0]["href"] == "contests/wf/submissions/s007/files"
    assert data["contest_time"] == "1:00:00.000"
    assert data["files"][0]["mime"] == "application/zip"


def test_judgement_and_run_carry_contest_times() -> None:
    row = {"id": 3, "submission_id": 7, "submission_clics_id": "s007", "verdict": "WA",
           "is_current": 1,
           "start_time": at(1).isoformat(), "end_time": (at(1) + timedelta(seconds=2)).isoformat(),
           "max_run_time": 0.12345}
    data = clics.judgement(row, CTX)
    assert data["start_contest_time"] == "1:00:00.000"
    assert data["end_contest_time"] == "1:00:02.000"
    assert data["max_run_time"] == 0.123 and data["current"] is True
    assert data["submission_id"] == "s007"
    run = clics.run({"id": 1, "judgement_id": 3, "ordinal": 1, "verdict": "AC", "time": 0.5},
                    row["end_time"], CTX)
    assert run["contest_time"] == "1:00:02.000" and run["judgement_type_id"] == "AC"


def test_problem_counts_its_tests() -> None:
    row = {"id": "sum", "label": "A", "name": "Sum", "ordinal": 0, "rgb": "#ff0000",
           "time_limit": 1.0}
    assert clics.problem(row, CTX)["test_data_count"] == 12


def test_stored_contest_event_with_minutes_of_penalty_becomes_clics() -> None:
    stored = {"id": "wf", "name": "Finals", "formal_name": None, "start_time": None,
              "duration": "5:00:00", "scoreboard_freeze_duration": "1:00:00",
              "penalty_time": 20, "scoreboard_type": "pass-fail"}
    data = clics.event_data("contests", stored, at(0).isoformat(), CTX)
    assert data["penalty_time"] == "0:20:00.000" and data["start_time"] is None
    assert data["formal_name"] == "Finals"


def test_state_event_is_the_state_at_its_time() -> None:
    data = clics.event_data("state", {"operation": "start"}, at(4.5).isoformat(), CTX)
    assert data["frozen"] is not None and data["ended"] is None


# --- awards ------------------------------------------------------------------------------

def board(*events) -> Scoreboard:
    teams = [Team("t1", "One"), Team("t2", "Two")]
    problems = [Problem("a", "A", 0), Problem("b", "B", 1)]
    return Scoreboard.from_events(teams, problems, Timing(0, 5 * HOUR, HOUR), events)


def test_awards_name_the_winner_and_the_first_to_solve() -> None:
    got = awards(board(SubmissionEvent("1", "t1", "a", 600), JudgementEvent("1", Verdict.AC),
                       SubmissionEvent("2", "t2", "b", 900), JudgementEvent("2", Verdict.AC),
                       SubmissionEvent("3", "t2", "a", 1200), JudgementEvent("3", Verdict.AC)),
                 public=False, frozen=False)
    assert {a["id"]: a["team_ids"] for a in got} == {
        "winner": ["t2"], "first-to-solve-a": ["t1"], "first-to-solve-b": ["t2"]}


def test_frozen_public_awards_hide_the_winner_and_what_the_freeze_hides() -> None:
    late = board(SubmissionEvent("1", "t1", "a", 600), JudgementEvent("1", Verdict.AC),
                 SubmissionEvent("2", "t2", "b", 4.5 * HOUR), JudgementEvent("2", Verdict.AC))
    public = {a["id"] for a in awards(late, public=True, frozen=True)}
    assert public == {"first-to-solve-a"}
    assert "first-to-solve-b" in {a["id"] for a in awards(late, public=False, frozen=True)}


def test_no_award_before_anything_is_solved() -> None:
    assert awards(board(), public=False, frozen=False) == []


# --- rate limit --------------------------------------------------------------------------

def test_sliding_window_refuses_the_eleventh_hit_and_says_when_to_retry() -> None:
    window = SlidingWindow(10, 60.0)
    assert [window.hit("t1", 100.0 + i) for i in range(10)] == [0] * 10
    assert window.hit("t1", 110.0) == 50  # the first hit leaves the window at 160
    assert window.hit("t2", 110.0) == 0  # other keys are untouched
    assert window.hit("t1", 160.0) == 0
    window.clear("t1")
    assert window.retry_after("t1", 161.0) == 0


# --- standings -----------------------------------------------------------------------------

def test_hidden_teams_take_no_place_on_the_scoreboard() -> None:
    contest = {"id": "c", "start_time": None, "duration": 18000,
               "scoreboard_freeze_duration": 3600, "penalty_time": 1200}
    teams = [{"id": "t1", "name": "One", "display_name": None, "hidden": 0},
             {"id": "staff", "name": "Staff", "display_name": None, "hidden": 1}]
    problems = [{"id": "a", "contest_id": "c", "label": "A", "ordinal": 0}]
    events = [{"type": "submissions", "op": "create",
               "data": {"id": "1", "team_id": "staff", "problem_id": "a",
                        "contest_time": "0:01:00"}},
              {"type": "judgements", "op": "create",
               "data": {"submission_id": "1", "judgement_type_id": "AC", "current": True}}]
    board = scoreboard_from_rows(contest, teams, problems, events)
    assert [row.team_id for row in board.view(public=False)] == ["t1"]
